/* stats.c - exact medians and percentiles of day counts and amounts */
#include "su.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* ---- the same from a counting histogram --------------------------------- */

void
su_days_add(struct su_days *h, int32_t d)
{
	if (d >= SU_DAYS_DENSE) {
		if (h->n - h->dense == h->farcap) {
			h->farcap = h->farcap ? h->farcap * 2 : 16;
			h->far = su_xrealloc(h->far, h->farcap *
			    sizeof *h->far);
		}
		h->far[h->n - h->dense] = d;
	} else {
		if (d >= h->ncount) {
			/* doubled from the longest so far: a few reallocs */
			int32_t m = h->ncount ? h->ncount : 64;

			while (m <= d)
				m *= 2;
			if (m > SU_DAYS_DENSE)
				m = SU_DAYS_DENSE;
			h->count = su_xrealloc(h->count, (size_t)m *
			    sizeof *h->count);
			memset(h->count + h->ncount, 0, (size_t)(m -
			    h->ncount) * sizeof *h->count);
			h->ncount = m;
		}
		h->count[d]++;
		h->dense++;
	}
	if (h->n++ == 0 || d > h->max)
		h->max = d;
}

int32_t
su_days_kth(struct su_days *h, size_t k)
{
	int32_t d;

	if (k >= h->dense) {
		/* sorting again what is sorted is cheap, and there are few */
		qsort(h->far, h->n - h->dense, sizeof *h->far, cmp32);
		return h->far[k - h->dense];
	}
	for (d = 0; k >= h->count[d]; d++)
		k -= h->count[d];
	return d;
}

int64_t
su_days_median2(struct su_days *h)
{
	return h->n % 2 ? 2 * (int64_t)su_days_kth(h, h->n / 2) :
	    (int64_t)su_days_kth(h, h->n / 2 - 1) + su_days_kth(h, h->n / 2);
}

int32_t
su_days_percentile(struct su_days *h, int pct)
{
	/* as su_percentile_days: the ceil(pct * n / 100)th smallest */
	size_t k = ((size_t)pct * h->n + 99) / 100;

	return su_days_kth(h, k ? k - 1 : 0);
}

void
su_days_free(struct su_days *h)
{
	free(h->count);
	free(h->far);
	memset(h, 0, sizeof *h);
}

/* ---- amounts by distinct value ------------------------------------------- */

/* the entries a[0 .. n) sorted by value into place, tmp room for n: a
 * radix sort, a byte a pass from the lowest, the sign bit flipped so
 * negatives come first; a pass whose byte is the same in every entry is
 * skipped (cents fill five of the eight).  Linear: the merges sort each
 * amount once, where a comparison sort of the whole array at each fill
 * sorted the early ones again and again. */
static void
amounts_radix(struct su_amount *a, struct su_amount *tmp, size_t n)
{
	struct su_amount *from = a, *to = tmp, *t;
	size_t count[256], i, sum, c;
	unsigned shift;
	uint64_t k;

	for (shift = 0; shift < 64; shift += 8) {
		memset(count, 0, sizeof count);
		for (i = 0; i < n; i++) {
			k = (uint64_t)from[i].v ^ (uint64_t)1 << 63;
			count[k >> shift & 0xff]++;
		}
		k = (uint64_t)from[0].v ^ (uint64_t)1 << 63;
		if (count[k >> shift & 0xff] == n)
			continue;
		for (i = 0, sum = 0; i < 256; i++) {
			c = count[i];
			count[i] = sum;
			sum += c;
		}
		for (i = 0; i < n; i++) {
			k = (uint64_t)from[i].v ^ (uint64_t)1 << 63;
			to[count[k >> shift & 0xff]++] = from[i];
		}
		t = from, from = to, to = t;
	}
	if (from != a)
		memcpy(a, from, n * sizeof *a);
}

/* sort, and merge the entries of one value into one: the entries added
 * since the last merge sorted apart, then merged with the sorted ones */
static void
amounts_merge(struct su_amounts *m)
{
	struct su_amount *tmp, *x, *y, *xe, *ye, e;
	size_t j;

	if (m->sorted == m->na)
		return;
	tmp = su_xmalloc(m->na * sizeof *tmp);
	amounts_radix(m->a + m->sorted, tmp, m->na - m->sorted);
	x = m->a, xe = m->a + m->sorted;
	y = xe, ye = m->a + m->na;
	for (j = 0; x < xe || y < ye; ) {
		e = y == ye || (x < xe && x->v <= y->v) ? *x++ : *y++;
		if (j && tmp[j - 1].v == e.v)
			tmp[j - 1].n += e.n;
		else
			tmp[j++] = e;
	}
	memcpy(m->a, tmp, j * sizeof *tmp);
	free(tmp);
	m->na = m->sorted = j;
}

void
su_amounts_add(struct su_amounts *m, int64_t v)
{
	if (m->na == m->cap) {
		amounts_merge(m);
		if (m->cap == 0 || m->na > m->cap / 2) {
			m->cap = m->cap ? m->cap * 2 : 16;
			m->a = su_xrealloc(m->a, m->cap * sizeof *m->a);
		}
	}
	m->a[m->na].v = v;
	m->a[m->na++].n = 1;
	m->n++;
}

/* the kth smallest amount (0-based) of the merged entries */
static int64_t
amounts_kth(const struct su_amounts *m, size_t k)
{
	size_t i;

	for (i = 0; k >= m->a[i].n; i++)
		k -= m->a[i].n;
	return m->a[i].v;
}

int64_t
su_amounts_median(struct su_amounts *m)
{
	int64_t mid[2];

	amounts_merge(m);
	mid[0] = amounts_kth(m, (m->n - 1) / 2);
	mid[1] = amounts_kth(m, m->n / 2);
	/* su_median_money's rounding, on the two middle amounts (one
	 * when n is odd: the mean of it and itself) */
	return su_median_money(mid, 2);
}

void
su_amounts_free(struct su_amounts *m)
{
	free(m->a);
	memset(m, 0, sizeof *m);
}

/* ---- small samples ------------------------------------------------------ */

int
su_insufficient(long n, long min_deals)
{
	return n < min_deals;
}

int
su_opt_min_deals(const char *arg, long *min_deals)
{
	if (su_strtonum(arg, 0, 1000000000, min_deals) != 0) {
		su_msg(NULL, 0, "--min-deals %s: expected a number of deals "
		    "from 0", arg);
		return -1;
	}
	return 0;
}

/* ---- estimates in floating point (never money) -------------------------- */

void
su_wilson(long k, long n, double *lo, double *hi)
{
	double p = (double)k / (double)n, z2 = SU_Z95 * SU_Z95;
	double den = 1 + z2 / (double)n;
	double mid = (p + z2 / (2.0 * (double)n)) / den;
	double half = SU_Z95 / den * sqrt(p * (1 - p) / (double)n +
	    z2 / (4.0 * (double)n * (double)n));

	/* the ends exact: no success is a lower end of 0, not 1e-17 */
	*lo = k == 0 ? 0 : mid - half;
	*hi = k == n ? 1 : mid + half;
}

int64_t
su_ppb(double p)
{
	return (int64_t)llround(p * (double)SU_PPB);
}

struct kmobs {
	int32_t t;
	unsigned char ev;
};

static int
cmpobs(const void *a, const void *b)
{
	const struct kmobs *x = a, *y = b;

	if (x->t != y->t)
		return (x->t > y->t) - (x->t < y->t);
	return (y->ev > x->ev) - (y->ev < x->ev); /* events first */
}

/* a curve begun: room for steps steps */
static void
km_begin(struct su_km *km, size_t subjects, size_t steps)
{
	memset(km, 0, sizeof *km);
	km->subjects = (long)subjects;
	km->t = su_xmalloc((steps ? steps : 1) * sizeof *km->t);
	km->s = su_xmalloc((steps ? steps : 1) * sizeof *km->s);
	km->lo = su_xmalloc((steps ? steps : 1) * sizeof *km->lo);
	km->hi = su_xmalloc((steps ? steps : 1) * sizeof *km->hi);
}

/* the curve at time t, the next in rising order: d events there, and
 * leave subjects (the events and the censorings) leaving the risk set
 * after it; *s, *gw and *risk carried from step to step.  The one
 * arithmetic of su_km_fit and su_km_fit_days: the same curve to the bit. */
static void
km_step(struct su_km *km, int32_t t, size_t d, size_t leave, double *s,
        double *gw, size_t *risk)
{
	double se;

	if (d) {
		*s *= (double)(*risk - d) / (double)*risk;
		/* Greenwood: d / (n (n - d)); at S = 0 no interval */
		if (*risk > d)
			*gw += (double)d / ((double)*risk *
			    (double)(*risk - d));
		se = sqrt(*gw);
		km->t[km->n] = t;
		km->s[km->n] = *s;
		km->lo[km->n] = *risk > d ? *s * exp(-SU_Z95 * se) : 0;
		km->hi[km->n] = *risk > d ? *s * exp(SU_Z95 * se) : 0;
		if (km->hi[km->n] > 1)
			km->hi[km->n] = 1;
		km->n++;
		km->events += (long)d;
	}
	*risk -= leave;
}

void
su_km_fit(int32_t *t, unsigned char *ev, size_t n, struct su_km *km)
{
	struct kmobs *o = su_xmalloc((n ? n : 1) * sizeof *o);
	size_t i, j, risk = n;
	double s = 1, gw = 0;

	for (i = 0; i < n; i++)
		o[i].t = t[i], o[i].ev = ev[i] != 0;
	qsort(o, n, sizeof *o, cmpobs);
	km_begin(km, n, n);
	for (i = 0; i < n; i = j) {
		size_t d = 0;

		for (j = i; j < n && o[j].t == o[i].t; j++)
			d += o[j].ev;
		km_step(km, o[i].t, d, j - i, &s, &gw, &risk);
	}
	km->tmax = n ? o[n - 1].t : 0;
	free(o);
}

/* the far times of h (at or past SU_DAYS_DENSE), sorted, and their
 * number */
static size_t
days_far(struct su_days *h)
{
	size_t nf = h->n - h->dense;

	if (nf > 1)
		qsort(h->far, nf, sizeof *h->far, cmp32);
	return nf;
}

void
su_km_fit_days(struct su_days *ev, struct su_days *cens, struct su_km *km)
{
	size_t risk = ev->n + cens->n, e, c, i = 0, j = 0, ne, nc;
	int32_t d, nd = ev->ncount > cens->ncount ? ev->ncount : cens->ncount;
	double s = 1, gw = 0;

	/* at most a step a day counted, and one a far event */
	km_begin(km, risk, (size_t)ev->ncount + (ev->n - ev->dense));
	for (d = 0; d < nd; d++) {
		e = d < ev->ncount ? ev->count[d] : 0;
		c = d < cens->ncount ? cens->count[d] : 0;
		if (e || c)
			km_step(km, d, e, e + c, &s, &gw, &risk);
	}
	/* the far ones, each list sorted, merged by time */
	ne = days_far(ev);
	nc = days_far(cens);
	while (i < ne || j < nc) {
		d = j >= nc || (i < ne && ev->far[i] <= cens->far[j]) ?
		    ev->far[i] : cens->far[j];
		for (e = 0; i < ne && ev->far[i] == d; i++)
			e++;
		for (c = 0; j < nc && cens->far[j] == d; j++)
			c++;
		km_step(km, d, e, e + c, &s, &gw, &risk);
	}
	km->tmax = !cens->n || (ev->n && ev->max > cens->max) ? ev->max :
	    cens->max;
	if (!ev->n && !cens->n)
		km->tmax = 0;
}

double
su_km_at(const struct su_km *km, int32_t t)
{
	size_t i;
	double s = 1;

	for (i = 0; i < km->n && km->t[i] <= t; i++)
		s = km->s[i];
	return s;
}

int64_t
su_km_quantile2(const struct su_km *km, const double *curve, double p)
{
	size_t i;

	for (i = 0; i < km->n; i++) {
		/* a curve that sits exactly at p, as S = 1/2 after 2 of 4,
		 * gives the midpoint to the next step; within a rounding
		 * error of p counts as p (products of fractions) */
		if (fabs(curve[i] - p) < 1e-12) {
			if (i + 1 < km->n)
				return (int64_t)km->t[i] + km->t[i + 1];
			return -1; /* the curve stays at p: no end known */
		}
		if (curve[i] < p)
			return 2 * (int64_t)km->t[i];
	}
	return -1;
}

void
su_km_free(struct su_km *km)
{
	free(km->t);
	free(km->s);
	free(km->lo);
	free(km->hi);
	memset(km, 0, sizeof *km);
}
