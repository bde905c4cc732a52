/*
 * su_stats.h - lib/stats.c: exact medians and percentiles (each sorts its
 * array); the estimates that need floating point (a Wilson interval, a
 * Kaplan-Meier curve), never used on money; the small-sample rule
 *
 * Prints nothing but su_opt_min_deals.
 */
#ifndef SU_STATS_H
#define SU_STATS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

int64_t su_median2_days(int32_t *v, size_t n);  /* twice the median; n > 0 */
int32_t su_percentile_days(int32_t *v, size_t n, int pct); /* nearest rank */
int64_t su_median_money(int64_t *v, size_t n);  /* to the cent; n > 0 */

/*
 * The same medians and percentiles of day counts (>= 0) from a counting
 * histogram, so that memory grows with the longest cycle, not with the
 * number of deals: count[d] deals took d days, for d below SU_DAYS_DENSE
 * (ten years and more); a rarer longer one (a mistyped year) is kept
 * apart, one by one, sorted when asked.  Zeroed is empty.
 */
#define SU_DAYS_DENSE 4096
struct su_days {
	size_t *count;   /* count[d], d < ncount */
	int32_t ncount;  /* count's length, up to SU_DAYS_DENSE */
	int32_t max;     /* the longest added */
	size_t n, dense; /* added in all; of them in count */
	int32_t *far;    /* the n - dense at or past SU_DAYS_DENSE */
	size_t farcap;
};
void su_days_add(struct su_days *h, int32_t d);      /* d >= 0 */
int32_t su_days_kth(struct su_days *h, size_t k);    /* 0-based; k < n */
int64_t su_days_median2(struct su_days *h);          /* twice; n > 0 */
int32_t su_days_percentile(struct su_days *h, int pct); /* nearest rank */
void su_days_free(struct su_days *h);

/*
 * Amounts (cents) as distinct value -> count, for an exact median in
 * memory that grows with the distinct amounts (list prices repeat), not
 * with the deals: added at the end, and when the array is full sorted
 * and merged, made larger only when that freed less than half of it.
 * Zeroed is empty.
 */
struct su_amounts {
	struct su_amount { int64_t v; size_t n; } *a;
	size_t na, cap;  /* entries, merged or not; room */
	size_t n;        /* amounts added */
	size_t sorted;   /* a[0 .. sorted) sorted and distinct */
};
void su_amounts_add(struct su_amounts *m, int64_t v);
int64_t su_amounts_median(struct su_amounts *m); /* as su_median_money */
void su_amounts_free(struct su_amounts *m);

/*
 * The small-sample rule every program that reports a rate follows
 * (cyclestat, mqlqualify, forecast's accuracy): a group of fewer than
 * --min-deals N deals (default SU_MIN_DEALS) is marked "insufficient"
 * and is never judged against a target.  su_opt_min_deals reads the
 * option's value (0 turns the rule off); 0, or -1 (said).
 */
#define SU_MIN_DEALS 10
#define SU_INSUFFICIENT "insufficient"
int su_insufficient(long n, long min_deals);
int su_opt_min_deals(const char *arg, long *min_deals);

/* the two-sided 95% normal quantile, 1.959963984540054 */
#define SU_Z95 1.959963984540054
/* the 95% Wilson score interval of k successes in n trials (0 <= k <= n,
 * n > 0): Wilson (1927), JASA 22:209 */
void su_wilson(long k, long n, double *lo, double *hi);
/* a probability as parts per 10^9, for a ratio cell (v / 10^9) */
#define SU_PPB 1000000000LL
int64_t su_ppb(double p);

/*
 * Kaplan-Meier: the survival curve of n subjects, each with a time (days)
 * and an event (1) or censoring (0) at it; a subject censored at t is at
 * risk at t (the usual convention).  Greenwood's variance; the pointwise
 * 95% interval on the log scale, S exp(+-z se(log S)) (R survival's
 * default), capped at 1.  su_km_fit sorts t and ev together.
 */
struct su_km {
	size_t n;          /* steps: one per distinct event time */
	int32_t *t;        /* the event times, rising */
	double *s, *lo, *hi; /* S(t) just after each, and its interval */
	long subjects, events;
	int32_t tmax;      /* the last time seen: S is not known after it,
	                      unless it is 0 */
};
void su_km_fit(int32_t *t, unsigned char *ev, size_t n, struct su_km *km);
/* the same curve from counts per day (memory that does not grow with the
 * subjects): the event times in ev, the censoring times in cens (their
 * far times sorted in place) */
void su_km_fit_days(struct su_days *ev, struct su_days *cens,
                    struct su_km *km);
double su_km_at(const struct su_km *km, int32_t t); /* S(t), 1 before any */
/* the time at which curve (s, lo or hi: km->s, km->lo, km->hi) first
 * drops to p or below, doubled (a curve exactly p from one step to the
 * next gives the midpoint, as R's quantile does); -1 when it never does */
int64_t su_km_quantile2(const struct su_km *km, const double *curve,
                        double p);
void su_km_free(struct su_km *km);

#endif
