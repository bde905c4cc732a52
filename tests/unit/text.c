/*
 * text.c - unit tests of lib/text.c: the one yes/no list (su_yesno) and the
 * one integer parser (su_strtonum).
 */
#include "su.h"

#include <limits.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "unit.h"

/*
 * issue 13: "n", "null", "0.0", "No budget" were read as yes.  Each word of
 * the list to fn with what it is (SU_NO, SU_YES, SU_NEITHER): su_yesno's
 * tests below, su_present's (model.c) read the same words.
 */
void
unit_yesno_words(void (*fn)(const char *, int))
{
	static const char *const no[] = {"", " ", "no", "No", "NO ", "false",
	    "FALSE", "0", "none", "None", "n/a", "N/A", "na", "tbd", "TBD",
	    "unknown", "Unknown", "-", "--", " - ", "n", "N", "null", "NULL",
	    "nil", "Off", "unchecked", "0.0", "00", "0.00", "No budget",
	    "no-go", "None identified", "Not yet", "NOT APPLICABLE", "No.",
	    "TBD with the CFO", "Unknown at this time", NULL};
	static const char *const yes[] = {"yes", "Y", "true", "1", "1.0",
	    "checked", "On", "x", "X", NULL};
	static const char *const neither[] = {"maybe", "10", "2", "0.5",
	    "nope", "nay", "tbc", "known", "CFO", "a", "falsely", "unknowns",
	    "Nothing", "Norway", "Nobody", "a long value of twenty", "-1",
	    "1.5", "noted", "N. Smith", "Tbdx", NULL};
	size_t i;

	for (i = 0; no[i] != NULL; i++)
		fn(no[i], SU_NO);
	for (i = 0; yes[i] != NULL; i++)
		fn(yes[i], SU_YES);
	for (i = 0; neither[i] != NULL; i++)
		fn(neither[i], SU_NEITHER);
}

static void
yesno_is(const char *s, int is)
{
	CHECK(su_yesno(s, strlen(s)) == is, "\"%s\" is %s", s,
	    is == SU_NO ? "no-like" : is == SU_YES ? "yes-like" :
	    "neither yes nor no");
}

/* a generated value in s (64 bytes): from lo to lo + spread - 1 of the
 * parts, up to 40 bytes and one more part; or, a time in three, up to
 * nbytes - 1 random bytes of bytes */
static size_t
gen(char *s, const char *const *part, size_t nparts, unsigned lo,
    unsigned spread, const char *bytes, unsigned nbytes)
{
	size_t n = 0, k;

	for (k = lo + unit_rnd(spread); k > 0 && n < 40; k--) {
		const char *p = part[unit_rnd((unsigned)nparts)];

		memcpy(s + n, p, strlen(p));
		n += strlen(p);
	}
	if (unit_rnd(3) == 0)
		for (k = unit_rnd(nbytes), n = 0; k > 0; k--)
			s[n++] = bytes[unit_rnd((unsigned)strlen(bytes))];
	return n;
}

/* a fast path and its reference, both int f(s, n), on count values gen
 * makes (its parts lo to lo + spread - 1, or up to nbytes - 1 of bytes):
 * they must answer alike; the first 5 that differ are shown */
static void
same_as_ref(const char *what, int (*fast)(const char *, size_t),
            int (*ref)(const char *, size_t), const char *const *part,
            size_t nparts, unsigned lo, unsigned spread, const char *bytes,
            unsigned nbytes, long count)
{
	char s[64];
	size_t n;
	long i, bad = 0;
	int a, b;

	for (i = 0; i < count; i++) {
		n = gen(s, part, nparts, lo, spread, bytes, nbytes);
		a = fast(s, n), b = ref(s, n);
		if (a != b && bad++ < 5)
			printf("%s \"%.*s\": %d, the reference %d\n", what,
			    (int)n, s, a, b);
	}
	CHECK(bad == 0, "%s fast path: %ld values read otherwise", what, bad);
}

/* su_yesno (its fast path for a value that begins with a letter) and
 * su_yesno_full, the reference, on generated values: the yes/no words in
 * any case, with blanks, punctuation, digits, UTF-8 (U+00A0, e-acute)
 * and other words around them, or random bytes of those kinds */
static void
yesno_fast(void)
{
	static const char *const part[] = {
		"yes", "YES", "Yes", "no", "No", "NO", "y", "n", "x", "X",
		"true", "False", "on", "off", "Off", "null", "none", "None",
		"nil", "na", "N/A", "n/a", "tbd", "TBD", "unknown", "Unknown",
		"checked", "Unchecked", "not", "Not", "1", "0", "0.0", "-1",
		"+0", "-", ".", " ", "  ", "\t", "\xc2\xa0", "\xc3\xa9", "/",
		",", "_", "Approved", "budget", "PR generation", "maybe", "a",
		"zz", "7", "10", "1.00", "2026", "Code review automation",
	};
	static const char bytes[] = "yesnotruefalseYESNO01 -./_\t\xc2\xa0x";

	same_as_ref("yesno", su_yesno, su_yesno_full, part,
	    sizeof part / sizeof part[0], 0, 4, bytes, 20, 100000);
}

void
test_yesno(void)
{
	unit_yesno_words(yesno_is);
	yesno_fast();
}

/* su_strtonum: the one integer parser */
void
test_strtonum(void)
{
	static const struct {
		const char *s;
		long lo, hi, want; /* want: the value, or LONG_MIN: refused */
	} t[] = {
		{"30", 1, 100000, 30}, {"+7", 0, 10, 7}, {"-5", -10, 10, -5},
		{"0", 0, 0, 0}, {"100000", 1, 100000, 100000},
		{"100001", 1, 100000, LONG_MIN}, {"0", 1, 10, LONG_MIN},
		{"", 0, 10, LONG_MIN}, {" 5", 0, 10, LONG_MIN},
		{"5 ", 0, 10, LONG_MIN}, {"5x", 0, 10, LONG_MIN},
		{"-", -10, 10, LONG_MIN}, {"1.5", 0, 10, LONG_MIN},
		{"99999999999999999999999", 0, LONG_MAX, LONG_MIN},
	};
	size_t i;
	long v;
	int r;

	for (i = 0; i < sizeof t / sizeof t[0]; i++) {
		v = LONG_MIN;
		r = su_strtonum(t[i].s, t[i].lo, t[i].hi, &v);
		CHECK(t[i].want == LONG_MIN ? r == -1 : r == 0 &&
		    v == t[i].want, "strtonum \"%s\" [%ld, %ld]: r=%d v=%ld",
		    t[i].s, t[i].lo, t[i].hi, r, v);
	}
}

/* su_category_parse (its fast path for the names as the exports write
 * them) and su_category_parse_full, the reference, on generated values:
 * the names and their neighbours in any case, with blanks, punctuation
 * and UTF-8 around them, or random bytes of those kinds */
void
test_category_fast(void)
{
	static const char *const part[] = {
		"Pipeline", "pipeline", "PIPELINE", "Best Case", "BestCase",
		"best case", "Omitted", "Omit", "Closed", "Closed Won",
		"Closed Lost", "Commit", "commit", "Forecast", "Won", "Lost",
		"Not forecasted", "Pipelin", "Best Cas", "Closed ", " ", "-",
		"_", "/", "\t", "\xc2\xa0", "\xc3\xa9", "e", "x", "Case",
	};
	static const char bytes[] = "PipelnBstCaOmdCocLW -/_\t\xc2\xa0";

	same_as_ref("category", su_category_parse, su_category_parse_full,
	    part, sizeof part / sizeof part[0], 1, 3, bytes, 12, 200000);
	/* each name as written, one byte off, and the empty value */
	CHECK(su_category_parse("Best Case", 9) == SU_CAT_BEST &&
	    su_category_parse("Commit", 6) == SU_CAT_COMMIT &&
	    su_category_parse("Closed", 6) == SU_CAT_CLOSED &&
	    su_category_parse("Omitted", 7) == SU_CAT_OMITTED &&
	    su_category_parse("Pipeline", 8) == SU_CAT_PIPELINE &&
	    su_category_parse("Pipelime", 8) == -1 &&
	    su_category_parse("", 0) == -1, "category: the common names");
}

/* su_fmt's s, d and ld, and vsnprintf's (the reference) for the rest */
static int
ref_fmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, size, fmt, ap);
	va_end(ap);
	return n;
}

/* su_fmt against vsnprintf on generated formats of text, %s, %d, %ld
 * and %% (and some it leaves to vsnprintf: %5s, %5ld, %x), values at
 * the limits, and buffers of every size from none to more than enough */
void
test_fmt(void)
{
	static const char *const text[] = {
		"", "close date ", " is past (as of ", ") and ", "%%", "x",
		"probability ", "%% but ", " day", "; ", "\xc3\xa9",
	};
	static const char *const str[] = {
		"", "2026-05-04", "Negotiation/Review", "Acme, Inc.", "%s",
		"a very long stage name that goes on past the buffer's end",
	};
	static const long lv[] = {0, 1, -1, 9, 10, -10, 123456789,
	                          LONG_MAX, LONG_MIN, INT_MAX, INT_MIN};
	/* the argument types of each shape: s a string, l a long, i an
	 * int; and each type's conversions, the plain one first */
	static const char *const shape[] = {"sss", "sls", "lsi", "iil",
	                                    "sil", "lls"};
	static const char *const conv_s[] = {"%s", "%5s"};
	static const char *const conv_l[] = {"%ld", "%5ld"};
	static const char *const conv_i[] = {"%d", "%x"};
	char fmt[200], a[128], b[128];
	long i, bad = 0;
	int k, ra = 0, rb = 0;

	for (i = 0; i < 100000; i++) {
		size_t n = 0, size = unit_rnd(100);
		unsigned sh = unit_rnd(sizeof shape / sizeof shape[0]);
		const char *s[3];
		long l[3];
		int iv[3];

		for (k = 0; k < 3; k++) {
			const char *t = text[unit_rnd(sizeof text /
			    sizeof text[0])], *c;
			unsigned odd = unit_rnd(10) == 0;

			c = shape[sh][k] == 's' ? conv_s[odd] :
			    shape[sh][k] == 'l' ? conv_l[odd] : conv_i[odd];
			memcpy(fmt + n, t, strlen(t));
			n += strlen(t);
			memcpy(fmt + n, c, strlen(c));
			n += strlen(c);
			s[k] = str[unit_rnd(sizeof str / sizeof str[0])];
			l[k] = lv[unit_rnd(sizeof lv / sizeof lv[0])];
			iv[k] = (int)(l[k] > INT_MAX || l[k] < INT_MIN ?
			    l[k] % 1000 : l[k]);
		}
		fmt[n] = '\0';
		memset(a, 'A', sizeof a);
		memset(b, 'A', sizeof b);
		/* each shape's arguments, to both */
#define BOTH(...) (ra = su_fmt(a, size, fmt, __VA_ARGS__), \
	rb = ref_fmt(b, size, fmt, __VA_ARGS__))
		switch (sh) {
		case 0: BOTH(s[0], s[1], s[2]); break;
		case 1: BOTH(s[0], l[1], s[2]); break;
		case 2: BOTH(l[0], s[1], iv[2]); break;
		case 3: BOTH(iv[0], iv[1], l[2]); break;
		case 4: BOTH(s[0], iv[1], l[2]); break;
		default: BOTH(l[0], l[1], s[2]); break;
		}
#undef BOTH
		if ((ra != rb || memcmp(a, b, sizeof a) != 0) && bad++ < 5)
			printf("fmt \"%s\" (%zu bytes): %d \"%.*s\", the "
			    "reference %d \"%.*s\"\n", fmt, size, ra,
			    (int)(size ? size : 1), a, rb,
			    (int)(size ? size : 1), b);
	}
	CHECK(bad == 0, "fmt: %ld formats written otherwise", bad);
}
