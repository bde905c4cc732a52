/*
 * simulate.c - forecast --simulate N --seed S: N trials of the period, in
 * each of which every open deal closes won with its weight; per group the
 * P10, P50 and P90 of the won amount (closed deals as they are, plus the
 * open ones won in the trial), the mean, and against a target the share of
 * trials reaching it.
 *
 * The generator is xoshiro256** (Blackman and Vigna), seeded by four
 * outputs of splitmix64 from S: the same S, the same trials, on every
 * machine.  A deal of weight w (in 1e-9) is won when a uniform integer
 * below 10^9 (30 bits of a draw, redrawn when 10^9 or more: no modulo
 * bias) is below w, so its chance is w exactly.  Sums are int64 cents: a
 * trial never sums more than the Total amount, which did not overflow.
 */
#include "su.h"
#include "forecast.h"

#include <stdlib.h>
#include <string.h>

/* one open deal of the period: all a trial needs */
struct sdeal {
	int64_t amount;
	su_rate w;
	size_t gi;	/* its group's index */
};

struct sim {
	struct sdeal *d;
	size_t nd, cap;
	size_t ngroups;	/* groups seen, indexed from 1 (0: none yet) */
};

static uint64_t
splitmix64(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t
rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64_t
next(uint64_t *s)
{
	uint64_t r = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return r;
}

/* won with chance w / SU_RATE_ONE, exactly */
static int
won(uint64_t *s, su_rate w)
{
	uint64_t u;

	if (w >= SU_RATE_ONE)
		return 1;
	if (w <= 0)
		return 0;
	do
		u = next(s) >> 34; /* 30 bits: below 2^30 > 10^9 */
	while (u >= (uint64_t)SU_RATE_ONE);
	return u < (uint64_t)w;
}

void
simulate_free(struct state *st)
{
	if (!st->sim)
		return;
	free(st->sim->d);
	free(st->sim);
}

/* a deal counted in group g: an open one is drawn in every trial */
void
simulate_deal(struct state *st, struct group *g, const struct deal *d)
{
	struct sim *sm = st->sim;

	if (!sm) {
		sm = st->sim = su_xmalloc(sizeof *sm);
		memset(sm, 0, sizeof *sm);
	}
	if (!g->gi)
		g->gi = ++sm->ngroups;
	if (d->cat == CLOSED || d->cat == LOST)
		return;
	if (sm->nd == sm->cap)
		sm->d = su_xrealloc(sm->d, (sm->cap = sm->cap * 2 + 64) *
		    sizeof *sm->d);
	sm->d[sm->nd].amount = d->amount;
	sm->d[sm->nd].w = d->w;
	sm->d[sm->nd].gi = g->gi;
	sm->nd++;
}

static int
cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;

	return (x > y) - (x < y);
}

/* the nearest-rank percentile of n sorted values: the smallest with at
 * least pct% of the values at or below it */
static int64_t
rank(const int64_t *v, size_t n, int pct)
{
	size_t k = (n * (size_t)pct + 99) / 100;

	return v[k ? k - 1 : 0];
}

/* a row: the trials' won amounts of one group (sorted here) */
static int
row(const struct state *st, struct su_out *out, struct su_cell *cells,
    int64_t *v, const struct group *g)
{
	const struct opts *o = st->o;
	struct su_cell *c = cells + st->ng;
	size_t n = (size_t)o->simulate, i, reach = 0;
	int64_t total = 0, mean = 0;

	qsort(v, n, sizeof *v, cmp64);
	for (i = 0; i < n; i++) {
		if (su_add(total, v[i], &total)) {
			su_msg(NULL, 0, "the sum of amounts overflows");
			return -1;
		}
		reach += g->has_target && v[i] >= g->target;
	}
	if (su_muldiv(total, 1, (int64_t)n, &mean)) {
		su_msg(NULL, 0, "the sum of amounts overflows");
		return -1;
	}
	c[0] = money_cell(g->acc[CLOSED].amount);
	c[1] = money_cell(g->acc[TOTAL].amount - g->acc[CLOSED].amount);
	c[2] = money_cell(rank(v, n, 10));
	c[3] = money_cell(rank(v, n, 50));
	c[4] = money_cell(rank(v, n, 90));
	c[5] = money_cell(mean);
	if (o->has_target || o->targets) {
		memset(&c[6], 0, 2 * sizeof c[6]);
		if (g->has_target) {
			c[6] = money_cell(g->target);
			c[7].type = SU_C_PCT;
			c[7].v = (int64_t)reach;
			c[7].d = (int64_t)n;
		}
	}
	return su_out_row(out, cells);
}

int
simulate_write(struct state *st, struct su_out *out, struct group *whole)
{
	const struct opts *o = st->o;
	static const char *const fixed[] = {"closed", "open", "p10", "p50",
	    "p90", "mean", "target", "p_target"};
	struct sim *sm = st->sim;
	size_t ng, ncol, i, j, t, n = (size_t)o->simulate, ngi;
	size_t nf = o->has_target || o->targets ? 8 : 6;
	struct su_group **all;
	struct su_cell *cells;
	const char **names;
	int64_t *sums, *v, *tot, *closed;
	uint64_t x = o->seed, s[4];	/* xoshiro256**'s state */
	int r;

	all = su_groups_sorted(st->t, &ng);
	ngi = sm ? sm->ngroups : 0;
	/* every group drawn at once: one pass over the open deals a trial */
	v = su_xmalloc((ngi + 1) * n * sizeof *v);
	sums = su_xmalloc((ngi + 1) * sizeof *sums);
	closed = su_xmalloc((ngi + 1) * sizeof *closed);
	tot = v + ngi * n; /* the whole input's, after the groups' */
	memset(closed, 0, (ngi + 1) * sizeof *closed);
	for (j = 0; j < ng; j++) {
		struct group *g = all[j]->val;

		if (g->gi)
			closed[g->gi - 1] = g->acc[CLOSED].amount;
	}
	for (i = 0; i < 4; i++)
		s[i] = splitmix64(&x);
	for (t = 0; t < n; t++) {
		memcpy(sums, closed, ngi * sizeof *sums);
		for (i = 0; sm && i < sm->nd; i++)
			if (won(s, sm->d[i].w))
				sums[sm->d[i].gi - 1] += sm->d[i].amount;
		tot[t] = 0;
		for (i = 0; i < ngi; i++) {
			v[i * n + t] = sums[i];
			tot[t] += sums[i];
		}
	}
	ncol = st->ng + nf;
	names = su_xmalloc(ncol * sizeof *names);
	cells = su_xmalloc(ncol * sizeof *cells);
	for (i = 0; i < st->ng; i++)
		names[i] = st->g[i].name;
	for (j = 0; j < nf; j++)
		names[i + j] = fixed[j];
	su_out_currency(out, st->cur);
	r = su_out_header(out, ncol, names);
	for (j = 0; j < ng && r == 0; j++) {
		struct group *g = all[j]->val;

		key_cells(cells, st->ng, all[j]->key);
		/* a group of no deals (no input) is all zeros */
		if (!g->gi)
			memset(tot, 0, n * sizeof *tot);
		r = row(st, out, cells, g->gi ? v + (g->gi - 1) * n : tot, g);
	}
	if (r == 0 && st->ng > 0) {
		key_cells(cells, st->ng, NULL);
		r = row(st, out, cells, tot, whole);
	}
	free(v);
	free(sums);
	free(closed);
	free(names);
	free(cells);
	return r;
}
