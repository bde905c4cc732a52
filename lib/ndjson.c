/*
 * ndjson.c - the programs' -f json output read back (dashboard): one flat
 * JSON object a line, every line with the same keys.  Strict RFC 8259
 * values; numbers kept as their text, so nothing is lost on the way to a
 * money or rate parser.
 */
#include "su.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* the longest line taken: far past any program's row (a 50 MB name is
 * read), short of taking all memory for a file with no newline */
#define LINE_MAX_BYTES (256L << 20)

struct parser {
	const char *p, *end;
	const char *why;
	/* the row being read: its keys and values */
	char **key;
	struct su_jcell *val;
	size_t n, cap;
};

static void
ws(struct parser *ps)
{
	while (ps->p < ps->end && (*ps->p == ' ' || *ps->p == '\t' ||
	    *ps->p == '\r' || *ps->p == '\n'))
		ps->p++;
}

static int
hex4(const char *s, unsigned *out)
{
	unsigned v = 0;
	int i;

	for (i = 0; i < 4; i++) {
		int c = (unsigned char)s[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static size_t
utf8_put(char *b, unsigned cp)
{
	if (cp < 0x80) {
		b[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		b[0] = (char)(0xC0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		b[0] = (char)(0xE0 | cp >> 12);
		b[1] = (char)(0x80 | (cp >> 6 & 0x3F));
		b[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	b[0] = (char)(0xF0 | cp >> 18);
	b[1] = (char)(0x80 | (cp >> 12 & 0x3F));
	b[2] = (char)(0x80 | (cp >> 6 & 0x3F));
	b[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* a string, p at its opening quote: decoded into a new buffer */
static int
string(struct parser *ps, char **out, size_t *olen)
{
	const char *s = ++ps->p;
	char *b, *o;
	unsigned cp, lo;

	/* the decoded text is never longer than the written one */
	while (s < ps->end && *s != '"')
		s += *s == '\\' && s + 1 < ps->end ? 2 : 1;
	if (s >= ps->end) {
		ps->p--; /* said where it opens */
		ps->why = "a string is never closed";
		return -1;
	}
	o = b = su_xmalloc((size_t)(s - ps->p) + 1);
	while (*ps->p != '"') {
		unsigned char c = (unsigned char)*ps->p;
		const char *at = ps->p; /* an error is said here */

		if (c < 0x20) {
			ps->why = "a control character inside a string";
			goto bad;
		}
		if (c != '\\') {
			*o++ = (char)c;
			ps->p++;
			continue;
		}
		switch (ps->p[1]) {
		case '"': case '\\': case '/':
			*o++ = ps->p[1];
			break;
		case 'b': *o++ = '\b'; break;
		case 'f': *o++ = '\f'; break;
		case 'n': *o++ = '\n'; break;
		case 'r': *o++ = '\r'; break;
		case 't': *o++ = '\t'; break;
		case 'u':
			if (ps->end - ps->p < 6 || hex4(ps->p + 2, &cp)) {
				ps->why = "\\u without four hex digits";
				ps->p = at;
				goto bad;
			}
			ps->p += 4;
			if (cp == 0) {
				ps->why = "\\u0000 (a NUL) inside a string";
				ps->p = at;
				goto bad;
			}
			/* a surrogate pair is one character; a lone
			 * surrogate is no character at all */
			if (cp >= 0xD800 && cp <= 0xDBFF && ps->end - ps->p >= 8 &&
			    ps->p[2] == '\\' && ps->p[3] == 'u' &&
			    hex4(ps->p + 4, &lo) == 0 && lo >= 0xDC00 &&
			    lo <= 0xDFFF) {
				cp = 0x10000 + ((cp - 0xD800) << 10) +
				    (lo - 0xDC00);
				ps->p += 6;
			} else if (cp >= 0xD800 && cp <= 0xDFFF) {
				ps->why = "a lone UTF-16 surrogate (\\uD800 to "
				    "\\uDFFF)";
				ps->p = at;
				goto bad;
			}
			/* \uXXXX takes 6 bytes, its UTF-8 at most 4 */
			o += utf8_put(o, cp);
			break;
		default:
			ps->why = "an unknown escape after \\";
			goto bad;
		}
		ps->p += 2;
	}
	ps->p++;
	*o = '\0';
	*out = b;
	*olen = (size_t)(o - b);
	return 0;
bad:
	free(b);
	return -1;
}

static int
digits(struct parser *ps)
{
	const char *s = ps->p;

	while (ps->p < ps->end && *ps->p >= '0' && *ps->p <= '9')
		ps->p++;
	return ps->p > s ? 0 : -1;
}

/* a number as RFC 8259 writes it: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static int
number(struct parser *ps)
{
	if (*ps->p == '-')
		ps->p++;
	if (ps->p < ps->end && *ps->p == '0')
		ps->p++;
	else if (digits(ps))
		return -1;
	if (ps->p < ps->end && *ps->p == '.') {
		ps->p++;
		if (digits(ps))
			return -1;
	}
	if (ps->p < ps->end && (*ps->p == 'e' || *ps->p == 'E')) {
		ps->p++;
		if (ps->p < ps->end && (*ps->p == '+' || *ps->p == '-'))
			ps->p++;
		if (digits(ps))
			return -1;
	}
	return 0;
}

static int
word(struct parser *ps, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(ps->end - ps->p) < n || memcmp(ps->p, w, n) != 0)
		return -1;
	ps->p += n;
	return 0;
}

static int
value(struct parser *ps, struct su_jcell *v)
{
	const char *s = ps->p;

	memset(v, 0, sizeof *v);
	if (ps->p >= ps->end) {
		ps->why = "a value is missing";
		return -1;
	}
	switch (*ps->p) {
	case '"':
		v->type = SU_J_STR;
		return string(ps, &v->s, &v->len);
	case '{':
	case '[':
		ps->why = "a nested object or array (no salesutils program "
		    "writes one)";
		return -1;
	case 'n':
		if (word(ps, "null"))
			break;
		v->type = SU_J_NULL;
		v->s = su_xstrdup("");
		return 0;
	case 't':
	case 'f':
		if (word(ps, *s == 't' ? "true" : "false"))
			break;
		v->type = SU_J_BOOL;
		v->s = su_xstrdup(*s == 't' ? "true" : "false");
		v->len = strlen(v->s);
		return 0;
	default:
		if (number(ps))
			break;
		v->type = SU_J_NUM;
		v->len = (size_t)(ps->p - s);
		v->s = su_xmalloc(v->len + 1);
		memcpy(v->s, s, v->len);
		v->s[v->len] = '\0';
		return 0;
	}
	ps->p = s; /* said where the value begins */
	ps->why = "not a JSON value";
	return -1;
}

static void
row_clear(struct parser *ps)
{
	size_t i;

	for (i = 0; i < ps->n; i++) {
		free(ps->key[i]);
		free(ps->val[i].s);
	}
	ps->n = 0;
}

/* one line: a flat object into ps->key/val.  0, or -1 with ps->why */
static int
object(struct parser *ps)
{
	size_t klen;

	ws(ps);
	if (ps->p >= ps->end || *ps->p != '{') {
		ps->why = "not a JSON object (one a line: NDJSON, as -f json "
		    "writes)";
		return -1;
	}
	ps->p++;
	ws(ps);
	if (ps->p < ps->end && *ps->p == '}') {
		ps->p++;
		goto after;
	}
	for (;;) {
		if (ps->n == ps->cap) {
			ps->cap = ps->cap ? ps->cap * 2 : 16;
			ps->key = su_xrealloc(ps->key, ps->cap *
			    sizeof *ps->key);
			ps->val = su_xrealloc(ps->val, ps->cap *
			    sizeof *ps->val);
		}
		ws(ps);
		if (ps->p >= ps->end || *ps->p != '"') {
			ps->why = "a key is missing";
			return -1;
		}
		if (string(ps, &ps->key[ps->n], &klen))
			return -1;
		ps->val[ps->n].s = NULL;
		ps->n++;
		ws(ps);
		if (ps->p >= ps->end || *ps->p != ':') {
			ps->why = "':' is missing after a key";
			return -1;
		}
		ps->p++;
		ws(ps);
		if (value(ps, &ps->val[ps->n - 1]))
			return -1;
		ws(ps);
		if (ps->p < ps->end && *ps->p == ',') {
			ps->p++;
			continue;
		}
		if (ps->p < ps->end && *ps->p == '}') {
			ps->p++;
			break;
		}
		ps->why = "',' or '}' is missing after a value";
		return -1;
	}
after:
	ws(ps);
	if (ps->p != ps->end) {
		ps->why = "characters after the object";
		return -1;
	}
	return 0;
}

int
su_jtab_col(const struct su_jtab *t, const char *name)
{
	size_t i;

	for (i = 0; i < t->ncol; i++)
		if (strcmp(t->col[i], name) == 0)
			return (int)i;
	return -1;
}

const struct su_jcell *
su_jtab_cell(const struct su_jtab *t, size_t r, int c)
{
	return &t->cell[r * t->ncol + (size_t)c];
}

/* the row just parsed into the table: the first sets the columns; a key
 * twice, or keys not the first line's, is an error (said) */
static int
add_row(struct su_jtab *t, struct parser *ps, long line, size_t *cap)
{
	size_t i, j;
	int c;

	for (i = 0; i < ps->n; i++)
		for (j = 0; j < i; j++)
			if (strcmp(ps->key[i], ps->key[j]) == 0) {
				su_msg(t->file, line, "key \"%s\" twice",
				    ps->key[i]);
				return -1;
			}
	if (t->nrow == 0) {
		if (ps->n == 0) {
			su_msg(t->file, line, "an object with no keys");
			return -1;
		}
		t->ncol = ps->n;
		t->col = su_xmalloc(ps->n * sizeof *t->col);
		for (i = 0; i < ps->n; i++) {
			t->col[i] = ps->key[i];
			ps->key[i] = NULL;
		}
	}
	for (i = 0; i < ps->n; i++)
		if (su_jtab_col(t, ps->key[i] ? ps->key[i] : t->col[i]) < 0) {
			su_msg(t->file, line, "key \"%s\" is not on line %ld "
			    "(every line has the first line's keys)",
			    ps->key[i], t->line[0]);
			return -1;
		}
	if (ps->n != t->ncol) {
		su_msg(t->file, line, "%zu keys, but line %ld has %zu (every "
		    "line has the first line's keys)", ps->n, t->line[0],
		    t->ncol);
		return -1;
	}
	if (t->nrow == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		t->cell = su_xrealloc(t->cell, *cap * t->ncol *
		    sizeof *t->cell);
		t->line = su_xrealloc(t->line, *cap * sizeof *t->line);
	}
	for (i = 0; i < ps->n; i++) {
		c = ps->key[i] ? su_jtab_col(t, ps->key[i]) : (int)i;
		t->cell[t->nrow * t->ncol + (size_t)c] = ps->val[i];
		ps->val[i].s = NULL;
	}
	t->line[t->nrow++] = line;
	return 0;
}

/* a line (without its '\n'), line number lineno: parsed and kept */
static int
take_line(struct su_jtab *t, struct parser *ps, const char *s, size_t n,
          long lineno, size_t *cap)
{
	int r;

	if (lineno == 1 && n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
		s += 3; /* a byte-order mark, as every reader drops it */
		n -= 3;
	}
	if (memchr(s, '\0', n)) {
		su_msg(t->file, lineno, "NUL byte");
		return -1;
	}
	ps->p = s;
	ps->end = s + n;
	ws(ps);
	if (ps->p == ps->end) {
		su_msg(t->file, lineno, "blank line (expected a JSON object)");
		return -1;
	}
	ps->p = s;
	if (object(ps)) {
		su_msg(t->file, lineno, "not NDJSON: %s (byte %ld)", ps->why,
		    (long)(ps->p - s) + 1);
		row_clear(ps);
		return -1;
	}
	r = add_row(t, ps, lineno, cap);
	row_clear(ps);
	return r;
}

int
su_ndjson_read(const char *path, struct su_jtab *t)
{
	struct parser ps;
	char *buf = NULL, *nl;
	size_t len = 0, cap = 0, off, rowcap = 0;
	long lineno = 1;
	ssize_t got;
	int fd, r = -1;

	memset(t, 0, sizeof *t);
	memset(&ps, 0, sizeof ps);
	t->file = su_xstrdup(strcmp(path, "-") == 0 ? "(standard input)" :
	    path);
	if (strcmp(path, "-") == 0)
		fd = 0;
	else if ((fd = open(path, O_RDONLY)) < 0) {
		su_msg(path, 0, "%s", strerror(errno));
		return -1;
	}
	for (;;) {
		if (len == cap) {
			if (cap >= (size_t)LINE_MAX_BYTES) {
				su_msg(t->file, lineno, "a line of more than "
				    "256 MiB: not a program's JSON output");
				goto done;
			}
			cap = cap ? cap * 2 : 65536;
			buf = su_xrealloc(buf, cap);
		}
		got = read(fd, buf + len, cap - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			su_msg(t->file, 0, "read error: %s", strerror(errno));
			goto done;
		}
		/* a NUL is said as it comes: a binary file (/dev/zero)
		 * is refused before it fills the memory */
		if (got > 0 && (nl = memchr(buf + len, '\0', (size_t)got))) {
			const char *q;

			for (q = buf; (q = memchr(q, '\n', (size_t)(nl - q)));
			    q++)
				lineno++;
			su_msg(t->file, lineno, "NUL byte");
			goto done;
		}
		off = 0;
		len += (size_t)got;
		while ((nl = memchr(buf + off, '\n', len - off))) {
			if (take_line(t, &ps, buf + off, (size_t)(nl - buf) -
			    off, lineno++, &rowcap))
				goto done;
			off = (size_t)(nl - buf) + 1;
		}
		memmove(buf, buf + off, len - off);
		len -= off;
		if (got == 0)
			break;
	}
	/* the last line, with no newline after it */
	if (len && take_line(t, &ps, buf, len, lineno, &rowcap))
		goto done;
	if (t->nrow == 0) {
		su_msg(t->file, 0, "empty input (no JSON object)");
		goto done;
	}
	r = 0;
done:
	if (fd > 0 && close(fd) != 0 && r == 0) {
		su_msg(t->file, 0, "%s", strerror(errno));
		r = -1;
	}
	free(buf);
	free(ps.key);
	free(ps.val);
	return r;
}

void
su_ndjson_free(struct su_jtab *t)
{
	size_t i;

	for (i = 0; i < t->ncol; i++)
		free(t->col[i]);
	for (i = 0; i < t->nrow * t->ncol; i++)
		free(t->cell[i].s);
	free(t->col);
	free(t->cell);
	free(t->line);
	free(t->file);
	memset(t, 0, sizeof *t);
}
