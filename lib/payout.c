/*
 * payout.c - a compensation plan's arithmetic (commission-plan(5)): the
 * commission its bands pay on a measure to date (retroactive or marginal,
 * on variable, on amount or per unit; threshold and cap), an annual
 * figure's part in a payout period, a spiff split among its winners, and
 * the cumulative true-up.  Every amount is integer cents, every rate
 * su_rate fixed point; each step's line items are the --detail audit
 * trail.  The plans themselves are read in plan.c.
 */
#include "su.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef __int128 i128;

struct su_item *
su_items_add(struct su_items *c)
{
	if (c->n == c->cap)
		c->it = su_xrealloc(c->it, (c->cap = c->cap * 2 + 16) *
		    sizeof *c->it);
	memset(&c->it[c->n], 0, sizeof c->it[c->n]);
	return &c->it[c->n++];
}

/* an attainment bound as the plan writes it: 50.00 -> 50% */
static void
pct_bound(char *buf, size_t n, int64_t v)
{
	size_t len;

	su_ratio_fmt(buf, v, SU_RATE_ONE, 2, 100);
	len = strlen(buf);
	if (len > 3 && strcmp(buf + len - 3, ".00") == 0)
		buf[len -= 3] = '\0';
	if (len + 1 < n)
		strcat(buf, "%");
}

void
su_band_name(char *buf, size_t n, const struct su_plan *p,
             const struct su_band *b)
{
	char f[48], t[48];

	if (p->base == SU_PB_UNIT) {
		snprintf(f, sizeof f, "%lld", (long long)b->from);
		snprintf(t, sizeof t, "%lld", (long long)b->to);
	} else {
		pct_bound(f, sizeof f, b->from);
		pct_bound(t, sizeof t, b->to);
	}
	snprintf(buf, n, "band %s-%s%s", f, b->open ? "" : t,
	    b->flat ? " flat" : "");
}

/* a band's line item and its amount added to *sum: 0, or -1 overflow */
static int
band_item(const struct su_plan *p, const struct su_band *b, int64_t S,
          int64_t amt, struct su_items *c, int64_t *sum)
{
	struct su_item *it = su_items_add(c);

	su_band_name(it->source, sizeof it->source, p, b);
	it->basis = S;
	it->rate = b->rate;
	it->amount = amt;
	if (p->base == SU_PB_UNIT) {
		it->basis_type = SU_C_INT;
		it->rate_type = SU_C_MONEY;
	} else {
		it->basis_type = SU_C_MONEY;
		it->rate_type = p->base == SU_PB_AMOUNT ? SU_C_PCT : SU_C_RATIO;
	}
	return su_add(*sum, amt, sum);
}

/* a unit plan's threshold and cap: percentages of the count quota to date
 * (Q, in hundredths of a unit), compared exactly; the cap pays whole units
 * only, so it is rounded down.  1 the units (*M, capped) are paid, 0 not. */
static int
unit_limits(const struct su_plan *p, int64_t *M, int64_t Q)
{
	if (!p->threshold && !p->has_cap)
		return 1;
	if (Q <= 0)
		return 0;
	if (p->threshold && (i128)*M * 100 * SU_RATE_ONE <
	    (i128)Q * p->threshold)
		return 0;
	if (p->has_cap && (i128)*M * 100 * SU_RATE_ONE > (i128)Q * p->cap)
		*M = (int64_t)((i128)Q * p->cap / ((i128)100 * SU_RATE_ONE));
	return 1;
}

/* units M to date through a unit plan's tiers: cents per unit */
static int
units_to_date(const struct su_plan *p, int64_t M, int64_t Q,
              struct su_items *c, int64_t *sum)
{
	size_t i;
	int64_t S;

	if (!unit_limits(p, &M, Q))
		return 0;
	for (i = 0; i < p->nband; i++) {
		const struct su_band *b = &p->band[i];

		if (p->retro) {
			if (M < b->from || (!b->open && M >= b->to))
				continue;
			S = M;
		} else {
			if (M <= b->from)
				break;
			S = (b->open || M < b->to ? M : b->to) - b->from;
		}
		if (S > 0 && b->rate > INT64_MAX / S)
			return -1;
		if (band_item(p, b, S, S * b->rate, c, sum))
			return -1;
	}
	return 0;
}

/* an amount plan's cap and threshold, in cents of the quota to date Q:
 * 1 *M (capped) is paid, 0 it is below the threshold, -1 overflow */
static int
amount_limits(const struct su_plan *p, int64_t *M, int64_t Q)
{
	int64_t v;

	if (p->has_cap) {
		if (su_rate_apply(Q, p->cap, &v))
			return -1;
		if (*M > v)
			*M = v;
	}
	if (p->threshold) {
		if (su_rate_apply(Q, p->threshold, &v))
			return -1;
		if (*M < v)
			return 0;
	}
	return 1;
}

/* credit M to date against quota Q through the bands, paying on variable
 * V (a multiple) or on amount (a fraction) */
static int
amount_to_date(const struct su_plan *p, int64_t M, int64_t Q, int64_t V,
               struct su_items *c, int64_t *sum)
{
	size_t i;
	int64_t base = p->base == SU_PB_VARIABLE ? V : Q, amt, F, T, S;
	int rc;

	if (Q <= 0)
		return 0;
	if ((rc = amount_limits(p, &M, Q)) <= 0)
		return rc;
	for (i = 0; i < p->nband; i++) {
		const struct su_band *b = &p->band[i];

		if (su_rate_apply(Q, b->from, &F) ||
		    (!b->open && su_rate_apply(Q, b->to, &T)))
			return -1;
		if (p->retro) {
			if (M < F || (!b->open && M >= T))
				continue;
			S = M;
		} else {
			/* FROM is in the band: a flat band is reached there,
			 * as in retroactive mode */
			if (M < F || (M == F && !b->flat))
				break;
			S = (b->open || M < T ? M : T) - F;
		}
		if (S < 0)
			S = 0;
		if (b->flat) {
			if (su_rate_apply(V, b->rate, &amt))
				return -1;
		} else if (su_muldiv_rate(base, S, b->rate, Q, &amt))
			return -1;
		if (band_item(p, b, S, amt, c, sum))
			return -1;
	}
	return 0;
}

int
su_commission_to_date(const struct su_plan *p, int64_t M, int64_t Q,
                      int64_t V, struct su_items *c, int64_t *sum)
{
	*sum = 0;
	if (p->base == SU_PB_UNIT)
		return units_to_date(p, M, Q, c, sum);
	return amount_to_date(p, M, Q, V, c, sum);
}

/* the figure to date (periods 1 to k+1) is total * (k+1) / n rounded half
 * away from zero to the cent, as every figure here is, so the parts differ
 * by a cent at most and add up to the whole */
int64_t
su_period_part(int64_t total, int k, int n)
{
	int64_t to, before;

	/* |total| * (k+1) cannot overflow: total is a money amount read
	 * within SU_MONEY_MAX and n <= 12 */
	su_muldiv(total, k + 1, n, &to);
	su_muldiv(total, k, n, &before);
	return to - before;
}

int64_t
su_spiff_share(int64_t amount, size_t nwinners, size_t i)
{
	return amount / (int64_t)nwinners +
	    ((int64_t)i < amount % (int64_t)nwinners);
}

int64_t
su_draw(int64_t t, int64_t draw, int recoverable, int64_t *owed,
        int64_t *paid_draw, int64_t *recovered)
{
	int64_t pay = t;

	*paid_draw = *recovered = 0;
	/* recovered only from what is paid above the draw, so a period is
	 * never both recovered from and advanced */
	if (recoverable && *owed > 0 && pay > draw) {
		*recovered = pay - draw < *owed ? pay - draw : *owed;
		pay -= *recovered;
		*owed -= *recovered;
	}
	if (draw > 0 && pay < draw) {
		*paid_draw = draw - pay;
		if (recoverable)
			*owed += *paid_draw;
		pay = draw;
	}
	return pay;
}

int
su_attainment_band(int64_t M, int64_t Q, int scale)
{
	static const int bound[] = {50, 75, 100, 125};
	int b = 0;

	/* M / Q >= bound / 100, without dividing */
	while (b < 4 && (i128)M * scale * 100 >= (i128)Q * bound[b])
		b++;
	return b;
}

int64_t
su_trueup(int64_t earned, int64_t paid, int clawback, int64_t *raw)
{
	*raw = earned - paid;
	return *raw < 0 && !clawback ? 0 : *raw;
}
