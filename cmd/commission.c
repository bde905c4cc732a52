/*
 * commission - exact, explained payouts from compensation plans (issue 4;
 * commission-plan(5) for the plans): attainment bands paid retroactively
 * or marginally, rates on amount, per-unit tiers, bonuses and spiffs,
 * quarterly or monthly payouts with cumulative true-up, ramped and
 * prorated quotas, splits and clawbacks.  Every amount is integer cents.
 *
 * Here: the options, the run (su_run's callbacks that tie the parts
 * together) and main.  The parts, by concern, are in cmd/commission/:
 * roster.c (the plan year, roster, quotas, metrics, activities), credit.c
 * (the bookings credited) and statement.c (bonuses, spiffs, statements).
 */
#include "commission/commission.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
"usage: commission -p PLANS -r ROSTER [--quotas FILE] [--activities FILE]\n"
"                  [--metrics FILE] [--paid LEDGER] [--period P] [-m MODEL]\n"
"                  [--detail | --summary | --compare-plans OTHER]\n"
"                  [--no-excel-safe] [options] [BOOKINGS ...]\n";

static void
usage(FILE *fp)
{
	fputs(usage_text, fp);
	if (fp == stdout)
		printf(
"\nPayout statements from compensation plans: one row per rep and payout\n"
"period (quota and credit to date, attainment, earned to date, paid\n"
"before, payout, its parts and the balance carried), then a Total row\n"
"per period, or with --detail the line items that add up to each\n"
"payout.  BOOKINGS are closed-won deals (rep, amount, close date; deal id\n"
"and split %% for split deals); a negative amount is a clawback.  With a\n"
"stage column only closed-won rows are credited; the others are counted\n"
"on standard error.\n"
"\n"
"  -p, --plans FILE           the plans, bonuses and spiffs (INI; see\n"
"                             commission-plan(5))\n"
"  -r, --roster FILE          rep, plan, quota, variable [, start date, team]\n"
"      --quotas FILE          rep, period, quota: ramped period quotas\n"
"      --activities FILE      rows for measure = count plans (rep, date, ...)\n"
"      --metrics FILE         rep, metric, value [, period]: for bonuses\n"
"      --paid LEDGER          rep, period, amount: what was really paid; the\n"
"                             true-up is against it\n"
"      --period P             statements for the payout periods ending in P\n"
"                             (default: the whole plan year of --as-of)\n"
"  -m, --model MODEL          the stage model that says which stages are\n"
"                             closed won (default: seed 003's, built in; see\n"
"                             stagecheck-model(5))\n"
"      --detail               the audit trail: one line item per band, unit\n"
"                             tier, bonus, spiff and true-up\n"
"      --summary              per plan and period: reps by attainment band,\n"
"                             the share at quota, the reps under 50%% named,\n"
"                             the cost of sales\n"
"      --compare-plans OTHER  each rep's payout under PLANS and under the\n"
"                             plan file OTHER, the difference, the total\n"
"                             cost difference\n"
"      --no-excel-safe        statements are --excel-safe unless this is given\n"
"\n%s", su_common_usage);
}

enum { OPT_QUOTAS = SU_OPT_PROGRAM_BASE, OPT_ACTIVITIES, OPT_METRICS,
       OPT_PERIOD, OPT_DETAIL, OPT_NO_EXCEL, OPT_SUMMARY, OPT_PAID,
       OPT_COMPARE };

static int
option(void *self, int c, const char *arg)
{
	struct opts *o = ((struct state *)self)->o;

	switch (c) {
	case 'p': o->plans = arg; break;
	case 'r': o->roster = arg; break;
	case 'm': o->model = arg; break;
	case OPT_QUOTAS: o->quotas = arg; break;
	case OPT_ACTIVITIES: o->activities = arg; break;
	case OPT_METRICS: o->metrics = arg; break;
	case OPT_PERIOD: o->period = arg; break;
	case OPT_DETAIL: o->detail = 1; break;
	case OPT_SUMMARY: o->summary = 1; break;
	case OPT_PAID: o->paid = arg; break;
	case OPT_COMPARE: o->compare = arg; break;
	case OPT_NO_EXCEL: o->no_excel = 1; break;
	default: abort(); /* in longopts, handled by nobody */
	}
	return 0;
}

/* ---- the run ------------------------------------------------------------- */

/* --period P: one or more payout periods within a plan year.  0 or -1
 * (said). */
static int
want_period(const struct opts *o, struct su_period *want)
{
	const char *why;

	if (su_period_parse_at(o->period, o->c.fy_start, o->c.as_of, want,
	    &why)) {
		su_msg(NULL, 0, "--period %s: %s", o->period, why);
		return -1;
	}
	if (su_fiscal_year(want->from, o->c.fy_start) !=
	    su_fiscal_year(want->to, o->c.fy_start)) {
		su_msg(NULL, 0, "--period %s: spans two plan years", o->period);
		return -1;
	}
	return 0;
}

/* the tables the reading fills, once the plans are read */
static void
state_tables(struct state *st)
{
	st->byname = su_groups_new(sizeof(int));
	st->splits = su_groups_new(sizeof(struct split));
	/* two sets, one budget (su_idset_new's 40 MB) between them */
	if (!st->shadow) {
		st->ids[0] = su_idset_new();
		st->ids[1] = su_idset_new();
		su_idset_budget(st->ids[0], 20u << 20);
		su_idset_budget(st->ids[1], 20u << 20);
	}
	st->spell = su_groups_new(sizeof(struct spelling));
	st->notwon = su_groups_new(sizeof(long));
	st->best = su_xmalloc((st->pl->ns + 1) * 12 * sizeof *st->best);
	memset(st->best, 0, (st->pl->ns + 1) * 12 * sizeof *st->best);
}

static void
free_split(void *v)
{
	struct split *sp = v;
	size_t k;

	for (k = 0; k < sp->n; k++)
		free(sp->sh[k].raw);
	free(sp->sh);
	free(sp->roles);
}

static void
free_state(void *self)
{
	struct state *st = self;
	size_t i, k;

	for (i = 0; i < st->nr; i++) {
		free(st->r[i].name);
		free(st->r[i].team);
		free(st->r[i].mgr_name);
		if (st->m) {
			for (k = 0; k < st->nm[i]; k++)
				free(st->m[i][k].value);
			free(st->m[i]);
		}
	}
	for (i = 0; i < st->nmnames; i++)
		free(st->mnames[i]);
	free(st->mnames);
	free(st->m);
	free(st->nm);
	free(st->r);
	if (st->best)
		for (i = 0; i < (st->pl ? st->pl->ns : 0) * 12; i++)
			free(st->best[i].reps);
	free(st->best);
	free(st->aw);
	su_groups_free(st->byname, NULL);
	su_groups_free(st->splits, free_split);
	su_idset_free(st->ids[0]);
	su_idset_free(st->ids[1]);
	su_groups_free(st->spell, NULL);
	su_groups_free(st->notwon, NULL);
	su_model_free(st->model);
	su_plans_free(st->pl);
	free(st->bc.role);
	if (st->other) {
		free_state(st->other);
		free(st->other);
	}
}


/* a plan file and what is read against it: the roster, quotas, metrics,
 * activities and ledger.  0 or -1 (said). */
static int
load(struct state *st, const char *plans)
{
	struct opts *o = st->o;
	size_t i;

	if (su_plans_load(plans, &st->pl))
		return -1;
	state_tables(st);
	if (read_roster(st) || (o->quotas && read_quotas(st)) ||
	    plan_currencies(st) ||
	    read_metrics(st) || bind_bonuses(st) || read_activities(st) ||
	    (o->paid && read_ledger(st)))
		return -1;
	/* a ledger says what was paid, draws included, and a draw's
	 * recovery rests on what of it was a draw: not told apart yet */
	for (i = 0; o->paid && i < st->nr; i++)
		if (st->r[i].draw) {
			su_msg(NULL, 0, "--paid: %s has a draw, and a ledger "
			    "does not say which payments were draws: not "
			    "taken together", st->r[i].name);
			return -1;
		}
	return 0;
}

/* the options together, the plans and the side files read (the roster,
 * quotas, metrics and activities), the bookings' columns wanted */
static int
setup(void *self, struct su_run *run)
{
	struct state *st = self;
	struct opts *o = st->o;
	unsigned char *want = run->want;

	o->c.excel_safe = !o->no_excel;
	if (!o->plans || !o->roster) {
		su_msg(NULL, 0, "%s is required", !o->plans ? "-p PLANS" :
		    "-r ROSTER");
		usage(stderr);
		return -1;
	}
	if (o->detail && o->summary) {
		su_msg(NULL, 0, "--detail and --summary are two outputs: give "
		    "one");
		return -1;
	}
	if (o->period) {
		if (want_period(o, &st->want))
			return -1;
		st->wantp = &st->want;
	}
	st->fy = su_fiscal_year(st->wantp ? st->want.from : o->c.as_of,
	    o->c.fy_start);
	plan_year(&st->y, st->fy, o->c.fy_start);
	if (o->compare && (o->detail || o->summary || o->c.skip_invalid)) {
		su_msg(NULL, 0, "--compare-plans compares payouts: not with %s",
		    o->detail ? "--detail" : o->summary ? "--summary" :
		    "--skip-invalid (every booking counts in both)");
		return -1;
	}
	if (load(st, o->plans))
		return -1;
	if (o->compare) {
		st->other = su_xmalloc(sizeof *st->other);
		memset(st->other, 0, sizeof *st->other);
		st->other->o = o;
		st->other->shadow = 1;
		st->other->want = st->want;
		st->other->wantp = st->wantp ? &st->other->want : NULL;
		st->other->fy = st->fy;
		st->other->y = st->y;
		if (load(st->other, o->compare))
			return -1;
	}
	/* SDRs alone: nothing in the bookings is theirs, so none are read
	 * (not even standard input) unless named */
	if (run->nfiles == 0 && o->activities && count_only(st) &&
	    (!st->other || count_only(st->other)))
		run->no_input = 1;
	want[SU_R_OWNER] = want[SU_R_AMOUNT] = SU_COL_REQUIRED;
	want[SU_R_CLOSE] = SU_COL_REQUIRED;
	want[SU_R_ID] = SU_COL_OPTIONAL;
	want[SU_R_STAGE] = want[SU_R_TYPE] = SU_COL_OPTIONAL;
	want[SU_R_CURRENCY] = SU_COL_OPTIONAL;
	want[SU_R_IS_WON] = want[SU_R_SPLIT] = SU_COL_OPTIONAL;
	return 0;
}

/* the bookings read: each rep's quotas, what each plan measures, the
 * spiffs' winners; what is said of the input */
static int
end(void *self, struct su_run *run)
{
	struct state *st = self;

	if (st->other && end(st->other, run))
		return -1;
	/* a quota or a plan's amount is never held against bookings in
	 * another currency; bookings that state none are in theirs */
	if (su_cur_compare(st->cfgwhat, st->cfgcur, "bookings", st->cur,
	    st->curfile, st->curline))
		return -1;
	if (!st->cur[0])
		memcpy(st->cur, st->cfgcur, sizeof st->cur);
	if (quotas(st))
		return -1;
	if (!st->shadow) {
		say_spellings(st);
		say_not_won(st);
	}
	if (measures(st))
		return -1;
	award_spiffs(st);
	return 0;
}

/* --compare-plans: each callback for the other plan file's run too */
static int
header(void *self, struct su_run *run)
{
	struct state *st = self;

	return booking_header(st, run) ||
	    (st->other && booking_header(st->other, run)) ? -1 : 0;
}

static enum su_result
record(void *self, struct su_run *run, const struct su_rec *r)
{
	struct state *st = self;
	enum su_result e = booking(st, run, r);

	return e == SU_OK && st->other ? booking(st->other, run, r) : e;
}

static int
settle(void *self, struct su_run *run)
{
	struct state *st = self;

	/* a large input read twice for the id check: the readings agree */
	if (!st->shadow && (su_idset_end(st->ids[0]) ||
	    su_idset_end(st->ids[1])))
		return -1;
	return settle_splits(st, run) ||
	    (st->other && settle_splits(st->other, run)) ? -1 : 0;
}

static int
write(void *self, struct su_run *run, struct su_out *out)
{
	struct state *st = self;

	return st->other ? write_compare(st, out) :
	    write_statements(st, run, out);
}

static const struct option longopts[] = {
	{"plans", 1, 0, 'p'}, {"roster", 1, 0, 'r'},
	{"quotas", 1, 0, OPT_QUOTAS}, {"activities", 1, 0, OPT_ACTIVITIES},
	{"metrics", 1, 0, OPT_METRICS}, {"period", 1, 0, OPT_PERIOD},
	{"detail", 0, 0, OPT_DETAIL}, {"model", 1, 0, 'm'},
	{"summary", 0, 0, OPT_SUMMARY}, {"paid", 1, 0, OPT_PAID},
	{"compare-plans", 1, 0, OPT_COMPARE},
	{"no-excel-safe", 0, 0, OPT_NO_EXCEL}, {0, 0, 0, 0},
};

static const struct su_prog commission = {
	.shortopts = "p:r:m:", .longopts = longopts, .usage = usage,
	.option = option, .setup = setup, .header = header,
	.record = record, .settle = settle, .end = end,
	.write = write, .free = free_state,
};

int
main(int argc, char **argv)
{
	struct opts o = {0};
	struct state st = {.o = &o};

	return su_run(&commission, &st, &o.c, argc, argv);
}
