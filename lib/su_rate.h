/*
 * su_rate.h - lib/rate.c: rates and percentages in fixed point
 *
 * Prints nothing: a failure is -1 with a reason in *why.
 */
#ifndef SU_RATE_H
#define SU_RATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef int64_t su_rate;           /* fixed point: SU_RATE_ONE == 1.0 */
#define SU_RATE_ONE 1000000000LL   /* nine decimal places of a fraction */
/* PERCENT_ONLY and PROB_PERCENT read as PERCENT, but refuse a bare value
 * below 1 with a fraction ("0.75": 75% in a fraction's writing, 0.75% in a
 * percentage's), saying how to write it; PROB_PERCENT's reason names
 * --probability-scale */
enum su_rate_scale { SU_RATE_PERCENT, SU_RATE_FRACTION, SU_RATE_PERCENT_ONLY,
                     SU_RATE_PROB_PERCENT };
/* "75%", or a bare "75" (scale PERCENT) / "0.75" (scale FRACTION).  A value
 * with '%' is always a percentage.  0 ok, 1 empty (blanks only), -1 error;
 * *why is set on 1 and -1. */
int su_rate_parse(const char *s, size_t len, enum su_rate_scale scale,
                  su_rate *out, const char **why);
/* su_rate_parse without its fast path for the plain shapes ("75",
 * "0.25"): every form, the reference the fast path is tested against */
int su_rate_parse_ref(const char *s, size_t len, enum su_rate_scale scale,
                      su_rate *out, const char **why);
/* the percentage a bare fraction below 1 would be ("85" for "0.85", "8.5"
 * for "0.085"), for a "did you mean" hint: its length, or 0 when s is not
 * such a value.  buf: 32 bytes. */
size_t su_rate_pct_hint(char *buf, const char *s, size_t len);
/* how a probability column's bare numbers read (salesutils(7)): as
 * --probability-scale says; else a header with '%' holds percentages;
 * HubSpot's "Deal probability" holds fractions; any other percentages.
 * Percentages read by the header refuse "0.75" (PROB_PERCENT). */
struct su_opts;
enum su_rate_scale su_prob_scale(const struct su_opts *o, const char *header);
/* cents * rate, rounded once, half away from zero, to the cent.  -1 on
 * overflow. */
int su_rate_apply_wide(int64_t cents, su_rate r, int64_t *out);
static inline int
su_rate_apply(int64_t cents, su_rate r, int64_t *out)
{
	int64_t p, q, rem;

	/* a product that fits 64 bits (an amount under $92M at 100%: every
	 * row of a real export) is divided here, in 64 bits, with no call;
	 * the same rounding as su_rate_apply_wide's 128 bits */
	if (__builtin_mul_overflow(cents, r, &p) || p == INT64_MIN)
		return su_rate_apply_wide(cents, r, out);
	q = p / SU_RATE_ONE;
	rem = p % SU_RATE_ONE;
	if (2 * (rem < 0 ? -rem : rem) >= SU_RATE_ONE)
		q += p < 0 ? -1 : 1;
	*out = q;
	return 0;
}
/* a * b / c, exactly, rounded half away from zero (c > 0); -1 on overflow
 * or c <= 0 */
int su_muldiv(int64_t a, int64_t b, int64_t c, int64_t *out);
/* a * b * r / (c * SU_RATE_ONE), exactly, rounded half away from zero
 * (all >= 0, c > 0): variable x slice x rate / quota.  -1 on overflow. */
int su_muldiv_rate(int64_t a, int64_t b, su_rate r, int64_t c, int64_t *out);
/* num/den rounded half away from zero to `places` decimals ("1.6933");
 * mul scales first (100 for a percentage).  den must not be 0. 48 bytes. */
size_t su_ratio_fmt(char *buf, int64_t num, int64_t den, int places,
					int mul);

#endif
