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
