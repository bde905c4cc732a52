/*
 * su_stats.h - lib/stats.c: exact medians and percentiles (each sorts its array)
 *
 * Prints nothing.
 */
#ifndef SU_STATS_H
#define SU_STATS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int64_t su_median2_days(int32_t *v, size_t n);  /* twice the median; n > 0 */
int32_t su_percentile_days(int32_t *v, size_t n, int pct); /* nearest rank */
int64_t su_median_money(int64_t *v, size_t n);  /* to the cent; n > 0 */

#endif
