/*
 * money.c - unit tests of lib/money.c: amounts in every form, strict
 * grouping, the reasons refused, formatting for tables.
 */
#include "su.h"

#include <string.h>

#include "unit.h"

static void
money_ok(const char *s, int dc, int64_t want, const char *wcur)
{
	int64_t v = -1;
	char cur[SU_CUR_LEN];
	const char *why = "";
	int r = su_money_parse(s, strlen(s), dc, &v, cur, &why);

	CHECK(r == 0 && v == want && strcmp(cur, wcur) == 0,
	    "money \"%s\": r=%d v=%lld cur=%s why=%s (want %lld %s)", s, r,
	    (long long)v, r == 0 ? cur : "-", r < 0 ? why : "",
	    (long long)want, wcur);
}

/* the reason exactly, not only its start */
static void
money_bad_is(const char *s, int dc, const char *wwhy)
{
	int64_t v;
	char cur[SU_CUR_LEN];
	const char *why = "";
	int r = su_money_parse(s, strlen(s), dc, &v, cur, &why);

	CHECK(r == -1 && strcmp(why, wwhy) == 0,
	    "money \"%s\" should fail with exactly \"%s\": r=%d why=%s", s,
	    wwhy, r, r < 0 ? why : "");
}

static void
money_bad(const char *s, int dc, const char *wwhy)
{
	int64_t v;
	char cur[SU_CUR_LEN];
	const char *why = "";
	int r = su_money_parse(s, strlen(s), dc, &v, cur, &why);

	CHECK(r == -1 && strncmp(why, wwhy, strlen(wwhy)) == 0,
	    "money \"%s\" should fail with \"%s\": r=%d why=%s", s, wwhy, r,
	    r < 0 ? why : "");
}

/* su_money_parse (its fast path for the plain shapes) reads s as the
 * reference parser does: the same verdict, cents, currency and reason */
static int
money_same(const char *s, size_t len, int dc)
{
	int64_t v1 = 0, v2 = 0;
	char c1[SU_CUR_LEN] = "x", c2[SU_CUR_LEN] = "y";
	const char *w1 = "", *w2 = "";
	int r1 = su_money_parse(s, len, dc, &v1, c1, &w1);
	int r2 = su_money_parse_ref(s, len, dc, &v2, c2, &w2);

	if (r1 != r2 || (r1 == 0 && (v1 != v2 || strcmp(c1, c2) != 0)) ||
	    (r1 < 0 && strcmp(w1, w2) != 0)) {
		CHECK(0, "money \"%.*s\" dc=%d: fast r=%d v=%lld cur=%s why=%s; "
		    "reference r=%d v=%lld cur=%s why=%s", (int)len, s, dc, r1,
		    (long long)v1, r1 == 0 ? c1 : "-", r1 < 0 ? w1 : "", r2,
		    (long long)v2, r2 == 0 ? c2 : "-", r2 < 0 ? w2 : "");
		return 0;
	}
	return 1;
}

static uint64_t
rnd(uint64_t *x)
{
	*x ^= *x << 13, *x ^= *x >> 7, *x ^= *x << 17;
	return *x;
}

/*
 * The fast path against the reference on generated amounts: strings of
 * the bytes amounts are made of, and plain shapes built right and wrong
 * (groups of 1 to 4 digits, 0 to 3 decimals, up to 20 digits, "$" or
 * not), with either decimal separator.  Counted as one assertion, so a
 * failure shows its first few strings, not thousands.
 */
static void
money_fast_vs_ref(void)
{
	static const char bytes[] = "0123456789,.,.$$-+() kKmMEUR\xE2\x82\xAC";
	uint64_t x = 0x9e3779b97f4a7c15ULL;
	char s[64];
	size_t len, i, k, n;
	int bad = 0, dc;

	for (i = 0; i < 200000 && bad < 5; i++) {
		dc = (int)(rnd(&x) & 1);
		len = rnd(&x) % 14;
		for (k = 0; k < len; k++)
			s[k] = bytes[rnd(&x) % (sizeof bytes - 1)];
		bad += !money_same(s, len, dc);
	}
	for (i = 0; i < 200000 && bad < 5; i++) {
		uint64_t r = rnd(&x);
		char g = (r & 1) ? '.' : ',', d = g == ',' ? '.' : ',';

		dc = (int)(r >> 1 & 1);
		len = 0;
		if (r >> 2 & 1)
			s[len++] = '$';
		n = 1 + rnd(&x) % 20; /* digits before the point */
		for (k = 0; k < n; k++) {
			s[len++] = (char)('0' + rnd(&x) % 10);
			/* a separator: where it belongs (mostly), or not */
			if (k + 1 < n && (r >> 3 & 1) && ((n - k - 1) % 3 == 0 ||
			    rnd(&x) % 16 == 0))
				s[len++] = g;
		}
		if (r >> 4 & 1) {
			s[len++] = (r >> 5 & 3) == 0 ? g : d;
			for (k = rnd(&x) % 4; k > 0; k--)
				s[len++] = (char)('0' + rnd(&x) % 10);
		}
		if ((r >> 7 & 15) == 0)
			s[len++] = "kM $-"[rnd(&x) % 5];
		bad += !money_same(s, len, dc);
	}
	CHECK(bad == 0, "the fast path and the reference differ on %d "
	    "generated amounts (above)", bad);
}

void
test_money(void)
{
	char buf[64];

	money_ok("1234", 0, 123400, "");
	money_ok("1234.5", 0, 123450, "");
	money_ok("1,234.56", 0, 123456, "");
	money_ok("$1,234.56", 0, 123456, "USD");
	money_ok("-1,234.56", 0, -123456, "");
	money_ok("(1,234.56)", 0, -123456, "");
	money_ok("($1,234.56)", 0, -123456, "USD");
	money_ok("-$1,234.56", 0, -123456, "USD");
	money_ok("$-1,234.56", 0, -123456, "USD");
	money_ok("USD 1,234.56", 0, 123456, "USD");
	money_ok("1234.56 EUR", 0, 123456, "EUR");
	money_ok("\xE2\x82\xAC" "1.234,56", 1, 123456, "EUR");
	money_ok("1.234.567,8", 1, 123456780, "");
	money_ok("45k", 0, 4500000, "");       /* 45 * 1000 * 100 */
	money_ok("1.2M", 0, 120000000, "");    /* 1.2 * 10^6 * 100 */
	money_ok("1.25k", 0, 125000, "");      /* 1250.00 */
	money_ok("  $ 7 ", 0, 700, "USD");
	money_ok("0", 0, 0, "");
	money_ok(".5", 0, 50, "");
	money_ok("1,000,000", 0, 100000000, "");
	/* the largest: INT64_MAX cents */
	money_ok("92233720368547758.07", 0, INT64_MAX, "");
	money_bad("92233720368547758.08", 0, "too large");
	money_bad("99999999999999999999999", 0, "too large");
	/* no suffix, 0-2 decimals: v * 10^(2 - decimals), same limits */
	money_ok("92233720368547758.0", 0, INT64_MAX - 7, "");
	money_bad("92233720368547758.1", 0, "too large");
	money_ok("-92233720368547758", 0, -9223372036854775800LL, "");
	money_bad("92233720368547759", 0, "too large");
	money_ok("(1,234.5)", 0, -123450, "");
	money_bad("1.234", 0, "more than two decimals");
	/* a third decimal, even a zero, is never dropped (issue 13) */
	money_bad_is("1.000", 0, "more than two decimals; \".\" may separate "
	    "thousands here: write the amount without it, or use "
	    "--decimal-comma");
	money_bad_is("750,000", 1, "more than two decimals; \",\" may separate "
	    "thousands here: write the amount without it, or leave out "
	    "--decimal-comma");
	money_bad("25.000", 0, "more than two decimals; \".\" may");
	money_bad("$1.000", 0, "more than two decimals; \".\" may");
	money_bad_is("1.0000", 0, "more than two decimals"); /* no hint: 4 */
	money_bad_is("1234.000", 0, "more than two decimals"); /* 4 digits */
	money_bad_is("1,234.000", 0, "more than two decimals"); /* "," groups */
	money_ok("1.000k", 0, 100000, "");      /* 1000.00: whole cents */
	money_ok("1.000M", 0, 100000000, "");   /* 1000000.00 */
	money_ok("1.000", 1, 100000, "");       /* a thousand, decimal comma */
	money_ok("1.23456k", 0, 123456, "");    /* exactly 1234.56 */
	money_bad("1.234567k", 0, "a fraction of a cent"); /* 1234.567 */
	money_bad("1,23", 0, "misplaced thousands separator");
	money_bad("1,5", 0, "misplaced thousands separator; for a decimal "
	    "comma");
	money_bad("12,34,567", 0, "misplaced");
	money_bad("1234,567", 0, "misplaced");
	/* "1,234" then ".56" */
	money_bad("1,234.56", 1, "misplaced thousands separator");
	money_bad("abc", 0, "not a number");
	money_bad("12a", 0, "characters after the number");
	money_bad("1.2.3", 0, "characters after the number");
	money_bad("-(5)", 0, "not a number");
	money_bad("(-5)", 0, "both parentheses");
	money_bad("$5 EUR", 0, "two currencies");
	money_bad("$", 0, "no digits");
	money_bad("5.", 0, "no digits after");
	/* the plain shapes the fast path reads, and its edges */
	money_ok("$207,900.50", 0, 20790050, "USD");
	money_ok("999999999999999.99", 0, 99999999999999999LL, "");
	money_ok("9,999,999,999,999,999.99", 0, 999999999999999999LL, "");
	money_ok("0,123", 0, 12300, "");        /* a group of one, as before */
	money_ok("$1.234,5", 1, 123450, "USD");
	money_bad("1,2345", 0, "misplaced");
	money_bad("$,123", 0, "misplaced");
	money_bad("1,234,", 0, "misplaced");
	money_fast_vs_ref();
	{
		int64_t v;
		char cur[SU_CUR_LEN];
		const char *why;

		CHECK(su_money_parse("  ", 2, 0, &v, cur, &why) == 1,
		    "blank amount is empty");
	}
	su_money_fmt(buf, 127000000);
	CHECK(strcmp(buf, "1270000.00") == 0, "fmt %s", buf);
	su_money_fmt(buf, -5);
	CHECK(strcmp(buf, "-0.05") == 0, "fmt %s", buf);
	su_money_fmt(buf, INT64_MIN);
	CHECK(strcmp(buf, "-92233720368547758.08") == 0, "fmt %s", buf);
	su_money_fmt_table(buf, 127000000, "", 0);
	CHECK(strcmp(buf, "$1,270,000") == 0, "table %s", buf);
	su_money_fmt_table(buf, 123456, "USD", 1);
	CHECK(strcmp(buf, "$1,234.56") == 0, "table %s", buf);
	su_money_fmt_table(buf, 123450, "EUR", 0); /* 1234.50 -> 1235 */
	CHECK(strcmp(buf, "1,235 EUR") == 0, "table %s", buf);
	su_money_fmt_table(buf, -49, "", 0); /* -0.49 -> 0, no "-$0" */
	CHECK(strcmp(buf, "$0") == 0, "table %s", buf);
	su_money_fmt_table(buf, -150, "", 0); /* -1.50 -> -2 */
	CHECK(strcmp(buf, "-$2") == 0, "table %s", buf);
}
