/*
 * rate.c - unit tests of lib/rate.c: rates and percentages, products
 * and ratios rounded half away from zero, su_muldiv.
 */
#include "su.h"

#include <string.h>

#include "unit.h"

/* su_rate_parse (its fast path for the plain shapes) reads s as the
 * reference parser does: the same verdict, rate and reason */
static int
rate_same(const char *s, size_t len, enum su_rate_scale sc)
{
	su_rate v1 = -1, v2 = -1;
	const char *w1 = "", *w2 = "";
	int r1 = su_rate_parse(s, len, sc, &v1, &w1);
	int r2 = su_rate_parse_ref(s, len, sc, &v2, &w2);

	if (r1 != r2 || (r1 == 0 && v1 != v2) || (r1 != 0 &&
	    strcmp(w1, w2) != 0)) {
		CHECK(0, "rate \"%.*s\" scale %d: fast r=%d v=%lld why=%s; "
		    "reference r=%d v=%lld why=%s", (int)len, s, (int)sc, r1,
		    (long long)v1, r1 ? w1 : "", r2, (long long)v2,
		    r2 ? w2 : "");
		return 0;
	}
	return 1;
}

/* the fast path against the reference on generated values: strings of
 * the bytes rates are made of, and digits with a point anywhere, in every
 * scale; one assertion, showing the first few that differ */
static void
rate_fast_vs_ref(void)
{
	static const char bytes[] = "0123456789..00%+- ";
	uint64_t x = 0x2545f4914f6cdd1dULL;
	char s[32];
	size_t len, i, k;
	int bad = 0;

	for (i = 0; i < 200000 && bad < 5; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		len = x % 13;
		for (k = 0; k < len; k++) {
			x ^= x << 13, x ^= x >> 7, x ^= x << 17;
			s[k] = i % 2 ? bytes[x % (sizeof bytes - 1)] :
			    k == (x >> 32) % 13 ? '.' : (char)('0' + x % 10);
		}
		bad += !rate_same(s, len, (enum su_rate_scale)(i / 2 % 4));
	}
	CHECK(bad == 0, "the fast path and the reference differ on %d "
	    "generated rates (above)", bad);
}

void
test_rate(void)
{
	su_rate r;
	int64_t v;
	const char *why;
	char buf[64];

	CHECK(su_rate_parse("75%", 3, SU_RATE_FRACTION, &r, &why) == 0 &&
	    r == 750000000, "75%%");
	CHECK(su_rate_parse("75", 2, SU_RATE_PERCENT, &r, &why) == 0 &&
	    r == 750000000, "75 percent");
	CHECK(su_rate_parse("0.75", 4, SU_RATE_FRACTION, &r, &why) == 0 &&
	    r == 750000000, "0.75 fraction");
	CHECK(su_rate_parse("12.5 %", 6, SU_RATE_FRACTION, &r, &why) == 0 &&
	    r == 125000000, "12.5 %%");
	CHECK(su_rate_parse("0.1234567", 9, SU_RATE_PERCENT, &r, &why) == 0 &&
	    r == 1234567, "7 decimals of a percent");
	CHECK(su_rate_parse("0.12345678", 10, SU_RATE_PERCENT, &r, &why) ==
	    -1, "8 decimals of a percent");
	CHECK(su_rate_parse("-5", 2, SU_RATE_PERCENT, &r, &why) == -1,
	    "negative");
	CHECK(su_rate_parse("5x", 2, SU_RATE_PERCENT, &r, &why) == -1,
	    "garbage");
	CHECK(su_rate_parse("", 0, SU_RATE_PERCENT, &r, &why) == 1, "empty");
	/* "0.75" where percentages are read: 0.75% or 75%? refused */
	CHECK(su_rate_parse("0.75", 4, SU_RATE_PROB_PERCENT, &r, &why) == -1 &&
	    strstr(why, "--probability-scale fraction"), "0.75 in a %% column");
	CHECK(su_rate_parse(".5", 2, SU_RATE_PERCENT_ONLY, &r, &why) == -1 &&
	    strcmp(why, "a fraction where a percentage is read: write 75 for "
	    "75%, or 0.75% for under 1%") == 0,
	    ".5 where a percentage is read");
	CHECK(su_rate_parse("0.75%", 5, SU_RATE_PROB_PERCENT, &r, &why) == 0 &&
	    r == 7500000, "0.75%% says it is under 1%%");
	CHECK(su_rate_parse("1.5", 3, SU_RATE_PROB_PERCENT, &r, &why) == 0 &&
	    r == 15000000, "1.5 is 1.5%%: not below 1");
	CHECK(su_rate_parse("0", 1, SU_RATE_PROB_PERCENT, &r, &why) == 0 &&
	    r == 0, "0 has no fraction");
	CHECK(su_rate_parse("0.0", 3, SU_RATE_PROB_PERCENT, &r, &why) == 0 &&
	    r == 0, "0.0 is 0 either way");
	CHECK(su_rate_parse("0.75", 4, SU_RATE_PERCENT, &r, &why) == 0 &&
	    r == 7500000, "0.75 read as percent when the option says so");
	CHECK(su_rate_pct_hint(buf, "0.85", 4) == 2 && strcmp(buf, "85") == 0,
	    "did you mean 85");
	CHECK(su_rate_pct_hint(buf, "0.0855", 6) == 4 &&
	    strcmp(buf, "8.55") == 0, "did you mean 8.55");
	CHECK(su_rate_pct_hint(buf, "0.85%", 5) == 0 &&
	    su_rate_pct_hint(buf, "85", 2) == 0 &&
	    su_rate_pct_hint(buf, "1.5", 3) == 0 &&
	    su_rate_pct_hint(buf, "x", 1) == 0, "no hint but for a fraction");
	/* rounding half away from zero, once, to the cent */
	/* 0.05 * 50% = 0.025 -> 0.03 */
	CHECK(su_rate_apply(5, SU_RATE_ONE / 2, &v) == 0 && v == 3, "0.025");
	/* -0.05 * 50% = -0.025 -> -0.03 */
	CHECK(su_rate_apply(-5, SU_RATE_ONE / 2, &v) == 0 && v == -3,
	    "-0.025");
	/* 0.01 * 49.9999999% = 0.004999... -> 0.00 */
	CHECK(su_rate_apply(1, 499999999, &v) == 0 && v == 0, "0.00499");
	/* $100,000 * 90% = $90,000 */
	CHECK(su_rate_apply(10000000, 900000000, &v) == 0 && v == 9000000,
	    "90%%");
	/* $333.33 * 1/3 (0.333333333) = 111.109999... -> 111.11 */
	CHECK(su_rate_apply(33333, 333333333, &v) == 0 && v == 11111, "1/3");
	/* no overflow in between: INT64_MAX cents * 1.0 */
	CHECK(su_rate_apply(INT64_MAX, SU_RATE_ONE, &v) == 0 &&
	    v == INT64_MAX, "max * 1");
	CHECK(su_rate_apply(INT64_MAX, 2 * SU_RATE_ONE, &v) == -1,
	    "max * 2 overflows");
	/* either side of the 64-bit product (2^63 / 1e9 = 9,223,372,036.85
	 * cents at 100%): the same rounding in 64 and in 128 bits */
	/* 9,223,372,035 * 0.5 = 4,611,686,017.5 -> 4,611,686,018 */
	CHECK(su_rate_apply(9223372035LL, SU_RATE_ONE / 2, &v) == 0 &&
	    v == 4611686018LL, "64-bit half up");
	/* -18,446,744,075 * 0.5 = -9,223,372,037.5 -> -9,223,372,038 (128) */
	CHECK(su_rate_apply(-18446744075LL, SU_RATE_ONE / 2, &v) == 0 &&
	    v == -9223372038LL, "128-bit half away");
	/* 18,446,744,073 * 0.5 = 9,223,372,036.5 -> 9,223,372,037: the
	 * product 9.2e18 fits; one more cent and it does not */
	CHECK(su_rate_apply(18446744073LL, SU_RATE_ONE / 2, &v) == 0 &&
	    v == 9223372037LL, "64-bit edge");
	CHECK(su_rate_apply(18446744075LL, SU_RATE_ONE / 2, &v) == 0 &&
	    v == 9223372038LL, "past the 64-bit edge");
	/* seed 000: $1.27M / $750K = 1.693333 -> 1.6933 */
	su_ratio_fmt(buf, 127000000, 75000000, 4, 1);
	CHECK(strcmp(buf, "1.6933") == 0, "coverage %s", buf);
	su_ratio_fmt(buf, 1, 4, 1, 100); /* 25.0 */
	CHECK(strcmp(buf, "25.0") == 0, "pct %s", buf);
	su_ratio_fmt(buf, 2, 3, 4, 1); /* 0.66666 -> 0.6667 */
	CHECK(strcmp(buf, "0.6667") == 0, "2/3 %s", buf);
	su_ratio_fmt(buf, -1, 8, 2, 1); /* -0.125 -> -0.13 */
	CHECK(strcmp(buf, "-0.13") == 0, "-1/8 %s", buf);
	su_ratio_fmt(buf, 0, 5, 4, 1);
	CHECK(strcmp(buf, "0.0000") == 0, "0 %s", buf);
	su_ratio_fmt(buf, 7, 1, 0, 1);
	CHECK(strcmp(buf, "7") == 0, "7 %s", buf);
	/* muldiv: 10 * 1 / 4 = 2.5 -> 3; 7 * 3 / 2 = 10.5 -> 11 */
	CHECK(su_muldiv(10, 1, 4, &v) == 0 && v == 3, "muldiv 2.5");
	CHECK(su_muldiv(-10, 1, 4, &v) == 0 && v == -3, "muldiv -2.5");
	CHECK(su_muldiv(INT64_MAX, 3, 3, &v) == 0 && v == INT64_MAX,
	    "muldiv no overflow in between");
	CHECK(su_muldiv(INT64_MAX, 2, 1, &v) == -1, "muldiv overflow");
	CHECK(su_muldiv(1, 1, 0, &v) == -1, "muldiv by 0");
	rate_fast_vs_ref();
}
