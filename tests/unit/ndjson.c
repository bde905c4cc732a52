/*
 * ndjson.c - unit tests of lib/ndjson.c: the programs' -f json output read
 * back, values kept as written.
 */
#include "su.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

static char err[512]; /* the message of the last readback, after its file */

/* text into a temporary file, read back: ndjson's answer; what it said
 * in err, from the line number on ("1: not NDJSON: ...") */
static int
readback(const char *text, struct su_jtab *t)
{
	char path[] = "/tmp/unit-ndjson-XXXXXX", *p;
	int fd = mkstemp(path), r;

	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		return -2;
	close(fd);
	unit_stderr_begin();
	r = su_ndjson_read(path, t);
	unit_stderr_end(err, sizeof err);
	unlink(path);
	if ((p = strstr(err, path)))
		memmove(err, p + strlen(path) + 1, strlen(p + strlen(path)));
	if ((p = strchr(err, '\n')))
		*p = '\0';
	return r;
}

/* text that is refused, with this message */
static void
refused(const char *text, const char *want)
{
	struct su_jtab t;

	CHECK(readback(text, &t) == -1 && strcmp(err, want) == 0,
	    "%s: said \"%s\", not \"%s\"", text, err, want);
	su_ndjson_free(&t);
}

void
test_ndjson(void)
{
	struct su_jtab t;
	const struct su_jcell *c;
	/* keys in another order on line 2; numbers as written (0.0490 is
	 * not 0.049); escapes decoded, a surrogate pair one character */
	int r = readback("{\"a\":\"x\\u00e9\\ud83d\\ude00\\n\",\"b\":0.0490,"
	    "\"c\":null}\n{\"c\":true,\"b\":-1E+2,\"a\":\"\"}", &t);

	CHECK(r == 0, "read: %d", r);
	if (r == 0) {
		CHECK(t.ncol == 3 && t.nrow == 2, "shape %zu x %zu", t.nrow,
		    t.ncol);
		c = su_jtab_cell(&t, 0, su_jtab_col(&t, "a"));
		CHECK(c->type == SU_J_STR && strcmp(c->s,
		    "x\xC3\xA9\xF0\x9F\x98\x80\n") == 0, "string %s", c->s);
		c = su_jtab_cell(&t, 0, su_jtab_col(&t, "b"));
		CHECK(c->type == SU_J_NUM && strcmp(c->s, "0.0490") == 0,
		    "number %s", c->s);
		CHECK(su_jtab_cell(&t, 0, 2)->type == SU_J_NULL, "null");
		c = su_jtab_cell(&t, 1, su_jtab_col(&t, "b"));
		CHECK(strcmp(c->s, "-1E+2") == 0, "exponent %s", c->s);
		CHECK(su_jtab_cell(&t, 1, 2)->type == SU_J_BOOL, "true");
		CHECK(t.line[1] == 2, "line %ld", t.line[1]);
		CHECK(su_jtab_col(&t, "d") == -1, "no such column");
	}
	su_ndjson_free(&t);
	/* what is not a program's output, each said where it is */
	refused("{\"a\":1.}\n", "1: not NDJSON: not a JSON value (byte 6)");
	refused("{\"a\":-}\n", "1: not NDJSON: not a JSON value (byte 6)");
	refused("{\"a\":tru}\n", "1: not NDJSON: not a JSON value (byte 6)");
	refused("{\"a\":\"\t\"}\n", "1: not NDJSON: a control character "
	    "inside a string (byte 7)");
	refused("{\"a\":1,}\n", "1: not NDJSON: a key is missing (byte 8)");
	refused("{\"a\":\"\\ude00\"}\n", "1: not NDJSON: a lone UTF-16 "
	    "surrogate (\\uD800 to \\uDFFF) (byte 7)");
	refused("", " empty input (no JSON object)");
}

void
test_utf8len(void)
{
	const unsigned char *s;

	s = (const unsigned char *)"\xC3\xA9";
	CHECK(su_utf8len(s, 2) == 2, "e acute");
	CHECK(su_utf8len(s, 1) == 0, "cut short");
	s = (const unsigned char *)"\xC0\x80";
	CHECK(su_utf8len(s, 2) == 0, "overlong NUL");
	s = (const unsigned char *)"\xED\xA0\x80";
	CHECK(su_utf8len(s, 3) == 0, "a surrogate");
	s = (const unsigned char *)"\xF4\x90\x80\x80";
	CHECK(su_utf8len(s, 4) == 0, "beyond U+10FFFF");
	s = (const unsigned char *)"\xF0\x9F\x98\x80";
	CHECK(su_utf8len(s, 4) == 4, "an emoji");
}
