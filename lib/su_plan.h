/*
 * su_plan.h - lib/plan.c: compensation plans (commission-plan(5))
 *
 * Prints when loading ("FILE:LINE[:COL]: ...").
 */
#ifndef SU_PLAN_H
#define SU_PLAN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "su_money.h"
#include "su_rate.h"

enum su_pmeasure { SU_PM_CREDIT, SU_PM_TEAM, SU_PM_ROLE, SU_PM_COUNT,
                   SU_PM_ORG, SU_PM_BELOW };
enum su_pbase { SU_PB_VARIABLE, SU_PB_AMOUNT, SU_PB_UNIT };
enum su_award { SU_SP_FIRST, SU_SP_LARGEST, SU_SP_MOST };
struct su_band {
	int64_t from, to; /* attainment (su_rate: SU_RATE_ONE = 100%), or units */
	int open;         /* no upper end */
	int64_t rate;     /* VARIABLE: a multiple (su_rate); AMOUNT: a fraction
                         (su_rate); UNIT: cents per unit */
	int flat;         /* pays variable x rate once reached, not per slice */
	char *src;
	long line;
};
struct su_plan {
	char *name;
	long line;
	int measure;            /* enum su_pmeasure */
	char *role;             /* SU_PM_ROLE: the column naming the rep */
	char *count_src;        /* SU_PM_COUNT: the rows that count */
	long count_line;
	size_t count_col;
	struct su_expr *count;
	int base;               /* enum su_pbase */
	int retro;              /* 1 retroactive, 0 marginal */
	struct su_band *band;
	size_t nband;
	su_rate threshold, cap; /* of attainment; cap when has_cap */
	int has_cap;
	int periods;            /* payouts a year: 1, 4 or 12 */
	int clawback;           /* a negative true-up is paid back */
	int64_t draw;           /* paid at least, each payout period (cents) */
	int draw_recover;       /* 1 recoverable, 0 not, -1 not said */
	char cur_what[128];     /* its first amount that states a currency
                               ("FILE:LINE: [plan S] band = 0-: $250"), or
                               "" (the currency: su_plans.cur) */
};
struct su_bonus {
	char *name, *plan_name, *when_src;
	long line, when_line;
	size_t when_col;
	int plan;
	int64_t amount;
	struct su_expr *when;   /* over attainment, credit, quota, metrics */
	char cur_what[128];     /* as su_plan's */
};
struct su_spiff {
	char *name, *plans_src;
	long line;
	int *plans;
	size_t nplans;
	int award;              /* enum su_award */
	int on_activities;      /* on = activities: judged on units counted */
	int64_t amount;
	int periods;
	char cur_what[128];     /* as su_plan's */
};
struct su_plans {
	char *file, *text;
	struct su_plan *p;
	size_t np;
	struct su_bonus *b;
	size_t nb;
	struct su_spiff *s;
	size_t ns;
	/* the one currency the file's amounts state ("" none), and the first
     * that states it ("FILE:LINE: [bonus b] amount = 500 EUR") */
	char cur[SU_CUR_LEN];
	char cur_what[128];
};
/* Prints "FILE:LINE[:COL]: ..." and returns -1 on error. */
int su_plans_load(const char *path, struct su_plans **out);
void su_plans_free(struct su_plans *pl);

#endif
