/* stats.c - exact medians and percentiles of day counts and amounts */
#include "su.h"

#include <stdlib.h>

__extension__ typedef __int128 i128;

static int
cmp32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return (x > y) - (x < y);
}

static int
cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

int64_t
su_median2_days(int32_t *v, size_t n)
{
	qsort(v, n, sizeof *v, cmp32);
	return n % 2 ? 2 * (int64_t)v[n / 2] :
	    (int64_t)v[n / 2 - 1] + v[n / 2];
}

int32_t
su_percentile_days(int32_t *v, size_t n, int pct)
{
	/* nearest rank: the smallest value with pct% of the values at or
	 * below it, v[ceil(pct * n / 100) - 1] of the sorted values */
	size_t k = ((size_t)pct * n + 99) / 100;

	qsort(v, n, sizeof *v, cmp32);
	return v[k ? k - 1 : 0];
}

int64_t
su_median_money(int64_t *v, size_t n)
{
	i128 s, q;

	qsort(v, n, sizeof *v, cmp64);
	if (n % 2)
		return v[n / 2];
	/* the mean of the middle two, half a cent away from zero */
	s = (i128)v[n / 2 - 1] + v[n / 2];
	q = s / 2;
	if (s % 2)
		q += s < 0 ? -1 : 1;
	return (int64_t)q;
}
