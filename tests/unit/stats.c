/*
 * stats.c - unit tests of lib/stats.c: exact medians and percentiles.
 */
#include "su.h"

#include "unit.h"

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
}
