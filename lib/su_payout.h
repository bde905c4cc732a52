/*
 * su_payout.h - lib/payout.c: a plan's arithmetic (commission(1))
 *
 * Prints nothing: overflow is -1; the caller says it.
 */
#ifndef SU_PAYOUT_H
#define SU_PAYOUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "su_rate.h"
#include "su_plan.h"

/* a line of the audit trail (commission --detail): what it is, the basis
 * and rate it was paid on (each SU_C_NULL when none), its amount */
struct su_item {
	char source[96];
	int basis_type;  /* enum su_ctype (csvout.c): SU_C_MONEY cents,
						SU_C_INT units */
	int rate_type;   /* enum su_ctype: SU_C_RATIO a multiple of variable,
						SU_C_PCT of the amount (both su_rate), SU_C_MONEY
						cents per unit */
	int64_t basis, rate, amount;
};
struct su_items {
	struct su_item *it;
	size_t n, cap;
};
/* a new zeroed item at the end of c */
struct su_item *su_items_add(struct su_items *c);
/* "band 50-100%", "band 0-10", "band 100%- flat" */
void su_band_name(char *buf, size_t n, const struct su_plan *p,
                  const struct su_band *b);
/* the commission plan p pays on its measure M to date against quota Q to
 * date (cents, or for a unit plan hundredths of a unit) and variable V to
 * date: one item per band in c, their sum in *sum.  0, or -1 overflow. */
int su_commission_to_date(const struct su_plan *p, int64_t M, int64_t Q,
                          int64_t V, struct su_items *c, int64_t *sum);
/* period k's part of an annual figure split in n, to the cent: the parts
 * add up to total (1000000.02 quarterly: 250000.01, 250000.00, ...) */
int64_t su_period_part(int64_t total, int k, int n);
/* the i-th of n winners' share of a spiff: the extra cents to the first */
int64_t su_spiff_share(int64_t amount, size_t nwinners, size_t i);
/* the attainment band of M against Q > 0 (scale: 1 for money, 100 when
 * Q is hundredths of a unit and M units), compared exactly: 0 below 50%,
 * 1 50-75%, 2 75-100%, 3 100-125%, 4 125% and above (a band holds its
 * lower bound) */
int su_attainment_band(int64_t M, int64_t Q, int scale);
/* a draw: the period pays at least draw.  t is what it pays of earnings
 * (the true-up); *owed the recoverable draws not yet recovered, taken
 * back from what t pays above the draw (*recovered) and added to by the
 * draw paid (*paid_draw) when recoverable.  Returns the payout:
 * t - *recovered + *paid_draw. */
int64_t su_draw(int64_t t, int64_t draw, int recoverable, int64_t *owed,
                int64_t *paid_draw, int64_t *recovered);
/* the true-up: earned to date less paid before (*raw), and the payout: a
 * negative one is paid back only under a clawback plan, else 0 */
int64_t su_trueup(int64_t earned, int64_t paid, int clawback, int64_t *raw);

#endif
