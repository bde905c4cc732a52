/*
 * stats.c - unit tests of lib/stats.c: exact medians and percentiles, the
 * Wilson interval, Kaplan-Meier, the small-sample rule.
 */
#include "su.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

/* within half a unit of the 4th decimal a figure is printed with */
#define NEAR(x, y) (fabs((x) - (y)) < 0.00005)

/*
 * Wilson (1927): 3 of 5, p = 0.6, z^2 = 3.8415: centre (0.6 + 3.8415 / 10)
 * / (1 + 3.8415 / 5) = 0.98415 / 1.7683 = 0.55654; half width 1.96 x
 * sqrt(0.24 / 5 + 3.8415 / 100) / 1.7683 = 1.96 x 0.29396 / 1.7683 =
 * 0.32583: 0.2307 to 0.8824 (Newcombe (1998), Stat Med 17:857, Table I
 * method 3 gives 0/10: 0 to 0.2775 and 10/10: 0.7225 to 1).
 *
 * Kaplan-Meier, the published worked example: Freireich et al. (1963),
 * the 6-MP arm of the leukaemia remission trial (21 patients, weeks; *
 * censored): 6 6 6 6* 7 9* 10 10* 11* 13 16 17* 19* 20* 22 23 25* 32* 32*
 * 34* 35*, as worked in Kleinbaum & Klein, Survival Analysis (3rd ed.),
 * ch. 2: S(6) = 18/21 = 0.857, S(7) = 0.857 x 16/17 = 0.807, S(10) =
 * 0.807 x 14/15 = 0.753, S(13) = 0.753 x 11/12 = 0.690, S(16) = 0.690 x
 * 10/11 = 0.627, S(22) = 0.627 x 6/7 = 0.538, S(23) = 0.538 x 5/6 = 0.448;
 * median 23 weeks, 95% interval 16 to not reached (R: survfit(Surv(time,
 * cens) ~ treat, data = MASS::gehan)).  The interval's ends by hand:
 * Greenwood at 13: 3/(21 x 18) + 1/(17 x 16) + 1/(15 x 14) + 1/(12 x 11)
 * = 0.024005, se 0.15494, lower 0.690 x exp(-1.96 x 0.15494) = 0.509 >
 * 0.5; at 16: + 1/(11 x 10) = 0.033096, se 0.18193, lower 0.627 x
 * exp(-0.35657) = 0.439 <= 0.5: the lower end is 16; the upper curve
 * never reaches 0.5 (at 23: 0.448 x exp(1.96 x 0.30032) = 0.808).
 */
static void
test_stats_estimates(void)
{
	int32_t t[] = {6, 6, 6, 6, 7, 9, 10, 10, 11, 13, 16, 17, 19, 20, 22,
	    23, 25, 32, 32, 34, 35};
	unsigned char ev[] = {1, 1, 1, 0, 1, 0, 1, 0, 0, 1, 1, 0, 0, 0, 1, 1,
	    0, 0, 0, 0, 0};
	int32_t t4[] = {10, 20, 30, 40};
	unsigned char e4[] = {1, 1, 1, 1};
	struct su_km km;
	double lo, hi;
	long m;

	su_wilson(3, 5, &lo, &hi);
	CHECK(NEAR(lo, 0.2307) && NEAR(hi, 0.8824), "wilson 3/5: %f %f", lo,
	    hi);
	su_wilson(0, 10, &lo, &hi);
	CHECK(lo == 0 && NEAR(hi, 0.2775), "wilson 0/10: %f %f", lo, hi);
	su_wilson(10, 10, &lo, &hi);
	CHECK(NEAR(lo, 0.7225) && hi == 1, "wilson 10/10: %f %f", lo, hi);
	CHECK(su_ppb(0.25) == 250000000, "ppb");

	su_km_fit(t, ev, 21, &km);
	CHECK(km.n == 7 && km.events == 9 && km.subjects == 21, "km steps");
	CHECK(km.tmax == 35, "km last time seen");
	CHECK(NEAR(su_km_at(&km, 5), 1), "S(5)");
	CHECK(fabs(su_km_at(&km, 6) - 0.857) < 0.0005, "S(6)");
	CHECK(fabs(su_km_at(&km, 7) - 0.807) < 0.0005, "S(7)");
	CHECK(fabs(su_km_at(&km, 12) - 0.753) < 0.0005, "S(12)");
	CHECK(fabs(su_km_at(&km, 13) - 0.690) < 0.0005, "S(13)");
	CHECK(fabs(su_km_at(&km, 16) - 0.627) < 0.0005, "S(16)");
	CHECK(fabs(su_km_at(&km, 22) - 0.538) < 0.0005, "S(22)");
	CHECK(fabs(su_km_at(&km, 99) - 0.448) < 0.0005, "S(23..)");
	CHECK(su_km_quantile2(&km, km.s, 0.5) == 46, "median 23");
	CHECK(su_km_quantile2(&km, km.lo, 0.5) == 32, "median low 16");
	CHECK(su_km_quantile2(&km, km.hi, 0.5) == -1, "median high: none");
	su_km_free(&km);
	/* no censoring: 4 events, S = 3/4 2/4 1/4 0; S is 1/2 from 20 to
	 * 30: the median is the midpoint, 25 (doubled 50) */
	su_km_fit(t4, e4, 4, &km);
	CHECK(su_km_quantile2(&km, km.s, 0.5) == 50, "median midpoint");
	CHECK(su_km_at(&km, 40) == 0, "S = 0 at the end");
	su_km_free(&km);

	CHECK(su_insufficient(9, SU_MIN_DEALS), "9 < 10");
	CHECK(!su_insufficient(10, SU_MIN_DEALS), "10 is enough");
	CHECK(!su_insufficient(0, 0), "--min-deals 0: never");
	CHECK(su_opt_min_deals("12", &m) == 0 && m == 12, "--min-deals 12");
}

/*
 * The counting histogram gives what sorting gives: 10 20 30 40 -> median
 * 25 (doubled 50), p90 = the ceil(3.6) = 4th = 40; adding 5000 (past the
 * counted days, kept apart) and 20: 10 20 20 30 40 5000 -> (20 + 30) / 2
 * = 25 (50), p90 = the ceil(5.4) = 6th = 5000, p50 = the 3rd = 20; adding
 * 4096 and 9000: 10 20 20 30 40 4096 5000 9000 -> (30 + 40) / 2 = 35
 * (70), the 7th smallest 5000; 0 days alone: 0.
 */
static void
test_stats_days(void)
{
	struct su_days h = {0};
	int32_t v[] = {40, 10, 30, 20};
	size_t i;

	for (i = 0; i < 4; i++)
		su_days_add(&h, v[i]);
	CHECK(su_days_median2(&h) == 50, "days median even");
	CHECK(su_days_percentile(&h, 90) == 40, "days p90 of 4");
	su_days_add(&h, 5000);
	su_days_add(&h, 20);
	CHECK(h.max == 5000 && h.n == 6 && h.dense == 5, "days kept apart");
	CHECK(su_days_median2(&h) == 50, "days median with one far");
	CHECK(su_days_percentile(&h, 90) == 5000, "days p90 far");
	CHECK(su_days_percentile(&h, 50) == 20, "days p50");
	su_days_add(&h, 9000);
	su_days_add(&h, 4096);
	CHECK(su_days_median2(&h) == 70, "days median 8");
	CHECK(su_days_kth(&h, 6) == 5000, "days 7th smallest");
	su_days_free(&h);
	su_days_add(&h, 0);
	CHECK(su_days_median2(&h) == 0 && su_days_percentile(&h, 90) == 0,
	    "days zero");
	su_days_free(&h);
}

/*
 * Amounts by distinct value, medians as su_median_money's: 1 2 3 100 ->
 * (2 + 3) / 2 = 2.5 cents -> 3; -2 -1 -> -1.5 -> -2; 5 3 1 -> 3; 40 x 7
 * cents, then 9, then 20 x 7 cents more (merged as the array fills, which
 * stays at 16), then 1,000,000: 62 amounts, 7 x 60, 9, 1,000,000, the
 * 31st and 32nd smallest 7 and 7 -> 7; and 58 x 9 cents more: 120, 7 x
 * 60, 9 x 59, 1,000,000, the 60th and 61st 7 and 9 -> 8.
 */
/* 20,000 amounts, from a fixed generator: list prices that repeat, any
 * cents, negatives (credits), and values at both ends of int64 (every
 * byte of the radix sort differs somewhere); after each 1,000 the median
 * against su_median_money's on a sorted copy, and the entries sorted,
 * distinct and counting every amount */
static void
check_amounts_many(void)
{
	struct su_amounts m = {0};
	int64_t *all = su_xmalloc(20000 * sizeof *all), *c, v;
	uint64_t x = 88172645463325252ULL;
	size_t i, j, sum, bad = 0;

	c = su_xmalloc(20000 * sizeof *c);
	for (i = 0; i < 20000; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		switch (x % 5) {
		case 0: /* a list price */
			v = (int64_t)(x >> 8 & 7) * 500000;
			break;
		case 1: /* any cents up to $10M */
			v = (int64_t)((x >> 8) % 1000000000);
			break;
		case 2: /* a credit */
			v = -(int64_t)(x >> 8 & 0xffffff);
			break;
		case 3: /* near the ends */
			v = x & 256 ? INT64_MAX - (int64_t)(x >> 9 & 3) :
			    INT64_MIN + (int64_t)(x >> 9 & 3);
			break;
		default:
			v = (int64_t)(x >> 1) - (int64_t)(x >> 2);
		}
		all[i] = v;
		su_amounts_add(&m, v);
		if ((i + 1) % 1000)
			continue;
		memcpy(c, all, (i + 1) * sizeof *c);
		bad += su_amounts_median(&m) != su_median_money(c, i + 1);
		for (j = 0, sum = 0; j < m.na; j++) {
			sum += m.a[j].n;
			bad += j > 0 && m.a[j - 1].v >= m.a[j].v;
		}
		bad += sum != i + 1 || m.n != i + 1;
	}
	CHECK(bad == 0, "amounts: %zu wrong over 20,000", bad);
	su_amounts_free(&m);
	free(all);
	free(c);
}

static void
test_stats_amounts(void)
{
	struct su_amounts m = {0};
	int64_t v4[] = {100, 1, 3, 2}, v2[] = {-1, -2}, v3[] = {5, 3, 1};
	size_t i;

	for (i = 0; i < 4; i++)
		su_amounts_add(&m, v4[i]);
	CHECK(su_amounts_median(&m) == 3, "amounts median half cent");
	su_amounts_free(&m);
	for (i = 0; i < 2; i++)
		su_amounts_add(&m, v2[i]);
	CHECK(su_amounts_median(&m) == -2, "amounts median negative");
	su_amounts_free(&m);
	for (i = 0; i < 3; i++)
		su_amounts_add(&m, v3[i]);
	CHECK(su_amounts_median(&m) == 3, "amounts median odd");
	su_amounts_free(&m);
	for (i = 0; i < 40; i++)
		su_amounts_add(&m, 7);
	su_amounts_add(&m, 9);
	for (i = 0; i < 20; i++)
		su_amounts_add(&m, 7);
	CHECK(m.n == 61 && m.cap == 16, "amounts merged: %zu in %zu",
	    m.n, m.cap);
	su_amounts_add(&m, 1000000);
	CHECK(su_amounts_median(&m) == 7, "amounts median repeated");
	CHECK(m.na == 3, "amounts distinct");
	for (i = 0; i < 58; i++)
		su_amounts_add(&m, 9);
	CHECK(m.n == 120 && su_amounts_median(&m) == 8,
	    "amounts median between");
	su_amounts_free(&m);
	check_amounts_many();
}

/* one curve two ways: from each subject's time (su_km_fit) and from
 * counts per day (su_km_fit_days), to the bit: n subjects, times of 0 to
 * 40 days and 1 in 16 of 4000 to 9000 (past SU_DAYS_DENSE: the far
 * lists, merged), 1 in 3 an event; and no subjects, only censorings, only
 * events */
static void
check_km_days(size_t n, int evmod, int cmod, const char *what)
{
	int32_t *t = su_xmalloc((n ? n : 1) * sizeof *t);
	unsigned char *ev = su_xmalloc(n ? n : 1);
	struct su_days we = {0}, wc = {0};
	struct su_km a, b;
	unsigned long x = 12345;
	size_t i;
	int same;

	for (i = 0; i < n; i++) {
		x = x * 1103515245 + 12345;
		t[i] = (x >> 8) % 16 == 0 ? 4000 + (int32_t)((x >> 12) % 5000) :
		    (int32_t)((x >> 12) % 41);
		ev[i] = (unsigned char)((x >> 20) % 3 == 0 ? evmod : cmod);
		su_days_add(ev[i] ? &we : &wc, t[i]);
	}
	su_km_fit(t, ev, n, &a);
	su_km_fit_days(&we, &wc, &b);
	same = a.n == b.n && a.subjects == b.subjects &&
	    a.events == b.events && a.tmax == b.tmax;
	for (i = 0; same && i < a.n; i++)
		same = a.t[i] == b.t[i] && a.s[i] == b.s[i] &&
		    a.lo[i] == b.lo[i] && a.hi[i] == b.hi[i];
	CHECK(same, "Kaplan-Meier from counts, %s: %zu steps and %zu, "
	    "%ld events and %ld, last %d and %d", what, a.n, b.n, a.events,
	    b.events, a.tmax, b.tmax);
	su_km_free(&a);
	su_km_free(&b);
	su_days_free(&we);
	su_days_free(&wc);
	free(t);
	free(ev);
}

static void
test_stats_km_days(void)
{
	check_km_days(5000, 1, 0, "5000 deals");
	check_km_days(0, 1, 0, "none");
	check_km_days(300, 0, 0, "censored only");
	check_km_days(300, 1, 1, "events only");
}

void
test_stats(void)
{
	int32_t odd[] = {30, 10, 20}, even[] = {40, 10, 30, 20}, one[] = {7};
	int32_t ten[] = {10, 9, 8, 7, 6, 5, 4, 3, 2, 1}, two[] = {1, 2};
	int64_t m5[] = {5, 1, 3}, m4[] = {100, 1, 2, 3}, mn[] = {-1, -2};

	/* odd: 10 20 30 -> 20 (returned doubled: 40) */
	CHECK(su_median2_days(odd, 3) == 40, "median odd");
	/* even: 10 20 30 40 -> (20 + 30) / 2 = 25 -> 50 */
	CHECK(su_median2_days(even, 4) == 50, "median even");
	CHECK(su_median2_days(one, 1) == 14, "median one");
	/* 1 2: 1.5 -> 3 */
	CHECK(su_median2_days(two, 2) == 3, "median 1.5");
	/* nearest rank: p90 of 1..10 = the 9th = 9; p50 = the 5th = 5;
	 * p100 = 10; p90 of 3 values = ceil(2.7) = 3rd */
	CHECK(su_percentile_days(ten, 10, 90) == 9, "p90 of 10");
	CHECK(su_percentile_days(ten, 10, 50) == 5, "p50 of 10");
	CHECK(su_percentile_days(ten, 10, 100) == 10, "p100");
	CHECK(su_percentile_days(odd, 3, 90) == 30, "p90 of 3");
	CHECK(su_percentile_days(one, 1, 90) == 7, "p90 of 1");
	/* money: 1 3 5 -> 3; 1 2 3 100 -> (2 + 3) / 2 = 2.5 cents -> 3;
	 * -2 -1 -> -1.5 -> -2 (half away from zero) */
	CHECK(su_median_money(m5, 3) == 3, "money median odd");
	CHECK(su_median_money(m4, 4) == 3, "money median half cent");
	CHECK(su_median_money(mn, 2) == -2, "money median negative");

	test_stats_days();
	test_stats_amounts();
	test_stats_km_days();
	test_stats_estimates();
}
