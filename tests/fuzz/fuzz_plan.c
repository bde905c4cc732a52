/*
 * fuzz_plan - libFuzzer harness for compensation plans (INI through inih,
 * lib/plan.c).  Properties, beyond not crashing or leaking: a file that
 * loads has plans; each plan's bands start at 0 and follow each other with
 * no gap or overlap, only the last open; a unit plan counts and a count
 * plan pays units; every bonus names a plan and has a condition; every
 * spiff names plans.  Then su_muldiv_rate on the bands agrees with the
 * plain product where that cannot overflow.
 */
#define _GNU_SOURCE
#include "su.h"
#include "fuzzfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_init("fuzz_plan");
	return 0;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct su_plans *pl;
	size_t i, k;

	if (su_plans_load(fuzz_file(data, size), &pl) != 0)
		return 0;
	if (pl->np == 0)
		abort();
	for (i = 0; i < pl->np; i++) {
		const struct su_plan *p = &pl->p[i];

		if (p->nband == 0 || p->band[0].from != 0)
			abort();
		if ((p->base == SU_PB_UNIT) != (p->measure == SU_PM_COUNT))
			abort();
		if (p->measure == SU_PM_COUNT && !p->count)
			abort();
		for (k = 0; k < p->nband; k++) {
			const struct su_band *b = &p->band[k];
			int64_t v;

			if (k && (p->band[k - 1].open ||
			    b->from != p->band[k - 1].to))
				abort();
			if (!b->open && b->to <= b->from)
				abort();
			if (b->rate < 0)
				abort();
			/* 100000 x 3 x rate / (7 x 1e9), against the plain
			 * product (small enough not to overflow) */
			if (b->rate < 1000000000000LL &&
			    su_muldiv_rate(100000, 3, b->rate, 7, &v) == 0) {
				__int128 n = (__int128)300000 * b->rate, d = 7 *
				    (__int128)SU_RATE_ONE;
				int64_t w = (int64_t)((n + d / 2) / d);

				if (v != w)
					abort();
			}
		}
	}
	for (i = 0; i < pl->nb; i++)
		if (pl->b[i].plan < 0 || (size_t)pl->b[i].plan >= pl->np ||
		    !pl->b[i].when || pl->b[i].amount <= 0)
			abort();
	for (i = 0; i < pl->ns; i++)
		if (!pl->s[i].nplans || pl->s[i].amount <= 0)
			abort();
	su_plans_free(pl);
	return 0;
}
