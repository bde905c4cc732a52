/*
 * forecast - the weekly weighted forecast: deals, amount and weighted amount
 * per forecast category, optionally per group, with coverage against a
 * target (SPEC §2).
 */
#include "su.h"
#include "forecast/forecast.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage_text[] =
"usage: forecast [-g COL,...] [--period P] [--target AMOUNT]\n"
"                [--targets FILE] [--fail-under AMOUNT]\n"
"                [--fail-under-coverage RATIO] [--compare PREV [--moves]]\n"
"                [--simulate N [--seed S] [--win-rates FILE]] [--stamp]\n"
"                [--weights CAT=PCT,...]\n"
"                [--weight-by category|probability] [-m MODEL]\n"
"                [--won RE] [--lost RE] [--open RE] [options] [FILE ...]\n"
"       forecast --accuracy [--min-deals N] [-m MODEL] [options] SAVED ...\n"
"                ACTUALS\n";

static void
usage(FILE *fp)
{
	fputs(usage_text, fp);
	if (fp == stdout)
		printf(
"\nDeals, amount and weighted amount per forecast category (Closed, Commit,\n"
"Best Case, Pipeline, Omitted, then Total, then Lost), per group.\n"
"\n"
"  -g, --group-by COL,...     group by columns: header names, roles (owner,\n"
"                             stage, type, ...) or quarter, month, week,\n"
"                             fiscal_year of the close date\n"
"      --period P             only deals closing in P: 2026-Q2, FY2026-Q2,\n"
"                             2026-05, 2026-W14, 2026, FY2026,\n"
"                             2026-04-01..2026-06-30, or this-quarter and\n"
"                             the like ({last,this,next}-{week,month,quarter,\n"
"                             year}) around --as-of\n"
"      --target AMOUNT        add target, coverage, gap and pipeline_coverage\n"
"                             to each Total row\n"
"      --targets FILE         a target per -g group: CSV with the -g columns,\n"
"                             Target, and optionally Period; adds (all) rows\n"
"      --fail-under AMOUNT    exit 1 when the open pipeline is below AMOUNT\n"
"      --fail-under-coverage RATIO\n"
"                             exit 1 when pipeline_coverage (of the whole, or\n"
"                             of a group with --targets) is below RATIO (3x)\n"
"      --compare PREV         the waterfall from PREV (last week's export of\n"
"                             the same report) to this one: start, new,\n"
"                             pulled_in, increased, decreased, pushed_out,\n"
"                             won, lost, removed, end\n"
"      --moves                with --compare: the deals whose category moved\n"
"      --simulate N           N trials of the period, each open deal won with\n"
"                             its weight: closed, open, p10, p50, p90, mean\n"
"                             of the won amount (+ target, p_target)\n"
"      --seed S               the trials' seed (default 1): same seed, same\n"
"                             output\n"
"      --win-rates FILE       with --simulate: each open deal won with its\n"
"                             stage's win_rate (CSV: Stage, win_rate)\n"
"      --stamp                as_of and period columns first, for --accuracy\n"
"      --accuracy             score forecasts saved with --stamp against the\n"
"                             deals won in their period (the last file)\n"
"      --min-deals N          with --accuracy: a call whose actual rests on\n"
"                             fewer won deals is insufficient (default 10)\n"
"      --weights CAT=PCT,...  category weights (default closed=100,commit=90,\n"
"                             best_case=70,pipeline=50,omitted=0)\n"
"      --weight-by category|probability\n"
"                             weigh by category (default) or by each deal's\n"
"                             own probability (else its stage's in the model)\n"
"  -m, --model FILE           the stage model that says which stages are\n"
"                             open, won, lost, and gives a deal's category\n"
"                             from its stage when it has none (default: seed\n"
"                             003's, built in; see stagecheck-model(5))\n"
"%s"
"\n%s", su_stage_usage, su_common_usage);
}

/* ---- options ----------------------------------------------------------- */

static int
parse_weights(struct opts *o, const char *arg)
{
	static const char *const keys[] = {"closed", "commit", "bestcase",
	                                   "pipeline", "omitted"};
	char *copy = su_xstrdup(arg), *tok, *save = NULL, *eq, key[64], pc[32];
	const char *why;
	size_t k;

	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (!(eq = strchr(tok, '=')) || strlen(tok) > 60)
			goto bad;
		*eq = '\0';
		su_norm(tok, strlen(tok), key);
		for (k = 0; k <= OMITTED; k++)
			if (strcmp(key, keys[k]) == 0)
				break;
		if (k > OMITTED) {
			su_msg(NULL, 0, "--weights: unknown category \"%s\" "
			    "(closed, commit, best_case, pipeline, omitted)",
			    tok);
			free(copy);
			return -1;
		}
		if (su_rate_pct_hint(pc, eq + 1, strlen(eq + 1))) {
			su_msg(NULL, 0, "--weights: %s=%s: percentages are "
			    "from 0 to 100, so %s would be %s%%; did you mean "
			    "%s? (or write %s%%)", tok, eq + 1, eq + 1, eq + 1,
			    pc, eq + 1);
			free(copy);
			return -1;
		}
		if (su_rate_parse(eq + 1, strlen(eq + 1), SU_RATE_PERCENT,
		    &o->weight[k], &why) != 0 || o->weight[k] > SU_RATE_ONE) {
			su_msg(NULL, 0, "--weights: %s=%s: expected a "
			    "percentage from 0 to 100", tok, eq + 1);
			free(copy);
			return -1;
		}
	}
	free(copy);
	return 0;
bad:
	su_msg(NULL, 0, "--weights %s: expected CAT=PCT,... such as "
	    "commit=85,best_case=60", arg);
	free(copy);
	return -1;
}

/* --fail-under-coverage: 3, 3x, 2.5: a ratio above 0 */
static int
parse_ratio(struct opts *o, const char *arg)
{
	size_t len = strlen(arg);
	const char *why;

	if (len > 1 && (arg[len - 1] == 'x' || arg[len - 1] == 'X'))
		len--;
	if (memchr(arg, '%', len) || su_rate_parse(arg, len,
	    SU_RATE_FRACTION, &o->fail_cov, &why) != 0 || o->fail_cov <= 0) {
		su_msg(NULL, 0, "--fail-under-coverage %s: expected a ratio "
		    "above 0, such as 3 or 3x", arg);
		return -1;
	}
	o->fail_cov_arg = arg;
	return 0;
}

enum { OPT_PERIOD = SU_OPT_PROGRAM_BASE, OPT_TARGET, OPT_FAIL_UNDER,
       OPT_WEIGHTS, OPT_WEIGHT_BY, OPT_TARGETS, OPT_FAIL_COV, OPT_COMPARE,
       OPT_MOVES, OPT_SIMULATE, OPT_SEED, OPT_STAMP, OPT_ACCURACY,
       OPT_MIN_DEALS,
       OPT_WIN_RATES };

static void
init(void *self)
{
	struct opts *o = ((struct state *)self)->o;

	o->weight[CLOSED] = SU_RATE_ONE;
	o->weight[COMMIT] = SU_RATE_ONE / 100 * 90;
	o->weight[BEST] = SU_RATE_ONE / 100 * 70;
	o->weight[PIPELINE] = SU_RATE_ONE / 100 * 50;
	o->weight[OMITTED] = 0;
	o->seed = 1;
}

static int
option(void *self, int c, const char *arg)
{
	struct opts *o = ((struct state *)self)->o;
	int r;

	switch (c) {
	case 'g':
		o->group_by = arg;
		return 0;
	case 'm':
		o->model = arg;
		return 0;
	case OPT_PERIOD:
		o->period = arg;
		return 0;
	case OPT_TARGET:
		if (su_opt_money(&o->c, "--target", arg, &o->target,
		    o->target_cur))
			return -1;
		o->target_arg = arg;
		if (o->target <= 0) {
			su_msg(NULL, 0, "--target %s: must be above 0", arg);
			return -1;
		}
		o->has_target = 1;
		return 0;
	case OPT_FAIL_UNDER:
		if (su_opt_money(&o->c, "--fail-under", arg, &o->fail_under,
		    o->fail_under_cur))
			return -1;
		o->fail_under_arg = arg;
		o->has_fail_under = 1;
		return 0;
	case OPT_TARGETS:
		o->targets = arg;
		return 0;
	case OPT_COMPARE:
		o->compare = arg;
		return 0;
	case OPT_MOVES:
		o->moves = 1;
		return 0;
	case OPT_STAMP:
		o->stamp = 1;
		return 0;
	case OPT_WIN_RATES:
		o->win_rates = arg;
		return 0;
	case OPT_ACCURACY:
		o->accuracy = 1;
		return 0;
	case OPT_MIN_DEALS:
		o->has_min_deals = 1;
		return su_opt_min_deals(arg, &o->min_deals);
	case OPT_SIMULATE:
		if (su_strtonum(arg, 1, 10000000, &o->simulate)) {
			su_msg(NULL, 0, "--simulate %s: expected a number of "
			    "trials from 1 to 10000000", arg);
			return -1;
		}
		return 0;
	case OPT_SEED: {
		long v;

		if (su_strtonum(arg, 0, LONG_MAX, &v)) {
			su_msg(NULL, 0, "--seed %s: expected a whole number "
			    "from 0 to %ld", arg, LONG_MAX);
			return -1;
		}
		o->seed = (uint64_t)v;
		o->seed_arg = arg;
		return 0;
	}
	case OPT_FAIL_COV:
		return parse_ratio(o, arg);
	case OPT_WEIGHTS:
		return parse_weights(o, arg);
	case OPT_WEIGHT_BY: {
		static const char *const by[] = {"category", "probability"};

		if ((r = su_opt_choice("--weight-by", arg, by, 2)) < 0)
			return -1;
		o->by_probability = r;
		return 0;
	}
	}
	if (!su_stage_opt(o->re, c, arg))
		abort(); /* in longopts, handled by nobody */
	return 0;
}

/* ---- one deal ------------------------------------------------------------ */

static int
memo_category(struct su_map *m, const char *s, size_t len)
{
	struct su_group *g = NULL;
	int cat;

	if (len > 0 && len <= MEMO_KEY)
		g = su_map_get(m, s, len, 1);
	/* + 2: a value no category is (-1) is remembered too */
	if (g && *(int *)g->val)
		return *(int *)g->val - 2;
	cat = su_category_parse(s, len);
	if (g)
		*(int *)g->val = cat + 2;
	return cat;
}

/* su_blank, with no call for a value that neither starts nor ends with a
 * blank (a category on nearly every row) */
static int
blank(const char *s, size_t len)
{
	return len == 0 || (su_trimmable(s, len) && su_blank(s, len));
}

static int
add(struct acc *a, int64_t amount, int64_t weighted)
{
	a->deals++;
	return su_add(a->amount, amount, &a->amount) ||
	    su_add(a->weighted, weighted, &a->weighted);
}



/* an amount option against the deals' currency: never compared across
 * currencies, nor shown relabelled as the deals' */
static int
opt_currency(const struct state *st, const char *opt, const char *arg,
             const char *cur)
{
	char what[512];

	if (!arg)
		return 0;
	snprintf(what, sizeof what, "%s %s", opt, arg);
	return su_cur_compare(what, cur, "deals", st->cur, st->cur_file,
	    st->cur_line);
}

/* A deal of record r (header hdr, columns col, read by in) into *d:
 * SU_OK with d->cat >= 0 (counted) or -1 (left out of --period unless
 * all, or at a stage nothing places: said at the end), SU_SKIP (refused)
 * or SU_STOP (the end).  all: every deal, whatever its close date (the
 * waterfall's). */
enum su_result
classify(struct state *st, struct su_in *in, const struct su_rec *hdr,
         const int *col, const struct su_rec *r, int all, struct deal *d)
{
	struct opts *o = st->o;
	const char *why;
	char cur[SU_CUR_LEN];
	int64_t amount = 0, weighted;
	int32_t close = 0;
	su_rate prob = 0, w;
	int c, cat = -1, have_prob = 0, k, noclose = 0;
	struct su_where wh;
	char msg[512];

	if (st->need_close) {
		c = col[SU_R_CLOSE];
		k = su_date_parse(r->f[c], r->len[c], o->c.dmy, &close, &why);
		if (k < 0)
			return su_in_reject(in, r, "%s \"%s\": %s",
			    hdr->f[c], r->f[c], why);
		/* An empty close date (a new deal's, often) is in no period
		 * and no quarter: out of --period, else a (none) group of
		 * its own; said, never an error and never in another's. */
		d->cat = -1;
		if (k == 1 && o->period && !all) {
			st->noclose_out++;
			return SU_OK;
		}
		if (k == 1)
			close = SU_DATE_NONE, noclose = 1;
		else if (o->period && !all && (close < st->period.from ||
		    close > st->period.to))
			return SU_OK;
	}
	c = col[SU_R_AMOUNT];
	k = su_money_parse(r->f[c], r->len[c], o->c.decimal_comma, &amount,
	    cur, &why);
	if (k < 0)
		return su_in_reject(in, r, "%s \"%s\": not an amount (%s)",
		    hdr->f[c], r->f[c], why);
	if (k == 1)
		st->noamount++;
	if (col[SU_R_CURRENCY] >= 0 && su_row_currency(hdr, r,
	    col[SU_R_CURRENCY], cur, msg, sizeof msg))
		return su_in_reject(in, r, "%s", msg);
	if (cur[0] && !st->cur[0]) {
		memcpy(st->cur, cur, sizeof cur);
		st->cur_file = r->file;
		st->cur_line = r->line;
	} else if (cur[0] && memcmp(cur, st->cur, sizeof cur) != 0) {
		return su_in_reject(in, r, "amount in %s, but %s:%ld is in "
		    "%s; amounts in different currencies are never added",
		    cur, st->cur_file, st->cur_line, st->cur);
	}
	if ((c = col[SU_R_PROBABILITY]) >= 0) {
		k = su_rate_parse(r->f[c], r->len[c], st->prob_scale, &prob,
		    &why);
		if (k < 0)
			return su_in_reject(in, r, "%s \"%s\": not a "
			    "probability (%s)", hdr->f[c], r->f[c], why);
		if (k == 0 && prob > SU_RATE_ONE)
			return su_in_reject(in, r, "%s \"%s\": over 100%%%s",
			    hdr->f[c], r->f[c],
			    st->prob_scale == SU_RATE_FRACTION &&
			    !memchr(r->f[c], '%', r->len[c]) ? " (this column "
			    "holds fractions from 0 to 1: write 0.75 or 75%)" :
			    "");
		have_prob = k == 0;
	}
	/* where the deal stands: open, won or lost, by IsClosed and IsWon,
	 * or by its stage in the model (or --won, --lost, --open) */
	k = su_row_status(hdr, r, col[SU_R_IS_CLOSED],
	    col[SU_R_IS_WON], msg, sizeof msg);
	if (k == -2)
		return su_in_reject(in, r, "%s", msg);
	memset(&wh, 0, sizeof wh);
	wh.idx = -1;
	wh.status = k;
	wh.cat = k == SU_ST_WON ? CLOSED : k == SU_ST_LOST ? LOST : -1;
	if ((c = col[SU_R_STAGE]) >= 0) {
		int t = col[SU_R_TYPE];

		su_place(st->pl, t >= 0 ? r->f[t] : "", t >= 0 ? r->len[t] :
		    0, r->f[c], r->len[c], k, &wh);
	}
	if (su_row_closed(hdr, r, col[SU_R_IS_CLOSED], col[SU_R_IS_WON],
	    col[SU_R_STAGE], k, &wh, msg, sizeof msg))
		return su_in_reject(in, r, "%s", msg);
	/* the category: a won or lost deal's, the category column, the
	 * stage's, the probability */
	if (wh.status == SU_ST_WON || wh.status == SU_ST_LOST)
		cat = wh.cat;
	if (cat < 0 && (c = col[SU_R_CATEGORY]) >= 0 &&
	    !blank(r->f[c], r->len[c])) {
		cat = memo_category(st->categories, r->f[c], r->len[c]);
		if (cat < 0)
			return su_in_reject(in, r, "%s \"%s\": unknown "
			    "forecast category (accepted: Closed, Commit, "
			    "Best Case, Pipeline, Omitted; also Closed Won, "
			    "Not forecasted, Closed Lost)", hdr->f[c],
			    r->f[c]);
	}
	if (cat < 0)
		cat = wh.cat;
	if (cat < 0 && have_prob)
		cat = su_category_of_probability(prob);
	/* A stage the model does not know: a category only an open deal has,
	 * or a probability above 0, says it is open, Closed that it is won,
	 * Lost lost; Omitted, 0% or nothing could be a lost deal, and such
	 * a deal is left out, to be said at the end. */
	if (wh.status < 0 && col[SU_R_STAGE] >= 0 && (cat < 0 ||
	    cat == OMITTED) && !(have_prob && prob > 0)) {
		su_place_unknown(st->pl, &wh, r->f[col[SU_R_STAGE]],
		    r->len[col[SU_R_STAGE]]);
		d->cat = -1;
		return SU_OK;
	}
	if (cat < 0 && col[SU_R_STAGE] >= 0)
		return su_in_reject(in, r, "no forecast category: stage "
		    "\"%s\" is not an open stage of the model, and no category "
		    "or probability tells it", r->f[col[SU_R_STAGE]]);
	if (cat < 0)
		return su_in_reject(in, r, "no forecast category: no "
		    "category, no stage, and no probability to tell it from");
	/* the weight */
	if (cat == LOST)
		w = 0;
	else if (o->by_probability) {
		if (have_prob)
			w = prob;
		else if (wh.status == SU_ST_WON)
			w = SU_RATE_ONE;
		else if (wh.idx >= 0) /* the stage's, in the model */
			w = wh.p->stage[wh.idx].prob;
		else if (col[SU_R_STAGE] < 0)
			return su_in_reject(in, r, "no probability "
			    "(--weight-by probability needs one)");
		else
			return su_in_reject(in, r, "no probability, and "
			    "stage \"%s\" is not in the model to take one "
			    "from (--weight-by probability needs one)",
			    r->f[col[SU_R_STAGE]]);
	} else
		w = o->weight[cat];
	if (su_rate_apply(amount, w, &weighted))
		return su_in_reject(in, r, "weighted amount overflows");
	d->amount = amount;
	d->weighted = weighted;
	d->close = close;
	d->noclose = noclose;
	d->cat = cat;
	d->w = w;
	return SU_OK;
}

/* a deal counted (or left out of --period: SU_OK), refused (SU_SKIP) or
 * the end (SU_STOP) */
static enum su_result
deal(void *self, struct su_run *run, const struct su_rec *r)
{
	struct state *st = self;
	struct deal d;
	struct group *g;
	enum su_result res;

	if (st->o->compare)
		return compare_deal(st, run, r);
	if ((res = classify(st, run->in, &run->hdr, st->col, r, 0, &d)) !=
	    SU_OK || d.cat < 0)
		return res;
	if (st->wr && d.cat != CLOSED && d.cat != LOST) {
		/* --win-rates: the open deal's stage's, never a guess */
		int c = st->col[SU_R_STAGE];
		struct su_group *e = su_groups_find(st->wr, r->f[c], r->len[c]);

		if (!e)
			return su_in_reject(run->in, r, "%s \"%s\": no win_rate "
			    "for this stage in %s", run->hdr.f[c], r->f[c],
			    st->o->win_rates);
		d.w = ((struct win_rate *)e->val)->rate;
	}
	g = su_groups_rec(st->t, st->g, st->ng, r, d.close, st->o->c.fy_start,
	    &st->key, &st->keycap);
	if (add(&g->acc[d.cat], d.amount, d.weighted) ||
	    (d.cat != LOST && add(&g->acc[TOTAL], d.amount, d.weighted))) {
		su_msg(r->file, r->line, "the sum of amounts overflows");
		return SU_STOP;
	}
	st->noclose_none += d.noclose;
	if (st->o->simulate)
		simulate_deal(st, g, &d);
	return SU_OK;
}

/* ---- output -------------------------------------------------------------- */

struct su_cell
money_cell(int64_t v)
{
	struct su_cell c = {SU_C_MONEY, NULL, 0, v, 0};

	return c;
}

static struct su_cell
ratio(enum su_ctype t, int64_t v, int64_t d)
{
	struct su_cell c = {SU_C_NULL, NULL, 0, v, d};

	if (d != 0)
		c.type = t;
	return c;
}

/* the group cells of a row: a key's values, each NUL-terminated, or
 * (key NULL) "(all)" in each, the row of the whole input */
void
key_cells(struct su_cell *c, size_t ng, const char *key)
{
	size_t i;

	for (i = 0; i < ng; i++) {
		c[i].type = SU_C_STR;
		c[i].s = key ? key : "(all)";
		c[i].len = strlen(c[i].s);
		if (key)
			key += c[i].len + 1;
	}
}

/* a group's seven rows, after its group cells (already in cells) */
static int
write_rows(const struct state *st, struct su_out *out, struct su_cell *cells,
           const struct group *g)
{
	const struct opts *o = st->o;
	int cat, r = 0;

	for (cat = 0; cat < NCAT && r == 0; cat++) {
		const struct acc *a = &g->acc[cat];
		struct su_cell *c = cells + (o->stamp ? 2 : 0) + st->ng;

		c[0].type = SU_C_STR;
		c[0].s = su_category_name(cat);
		c[0].len = strlen(c[0].s);
		c[1].type = SU_C_INT;
		c[1].v = a->deals;
		c[2] = money_cell(a->amount);
		if (cat == LOST)
			c[3] = ratio(SU_C_PCT, 0, 1);
		else if (cat == TOTAL || o->by_probability)
			c[3] = ratio(SU_C_PCT, a->weighted, a->amount);
		else
			c[3] = ratio(SU_C_PCT, o->weight[cat], SU_RATE_ONE);
		c[4] = money_cell(a->weighted);
		if (o->has_target || o->targets) {
			int64_t closed = g->acc[CLOSED].amount;
			int64_t open = a->amount - closed;
			int64_t need = g->target - closed;
			int64_t gap = g->target - a->weighted;

			c[5] = c[6] = c[7] = c[8] = ratio(SU_C_NULL, 0, 0);
			if (cat == TOTAL && g->has_target) {
				c[5] = money_cell(g->target);
				c[6] = ratio(SU_C_RATIO, a->weighted,
				    g->target);
				c[7] = money_cell(gap > 0 ? gap : 0);
				c[8] = ratio(SU_C_RATIO, open,
				    need > 0 ? need : 0);
			}
		}
		r = su_out_row(out, cells);
	}
	return r;
}

/* the whole input, as one group: --targets' (all) rows; its target the sum
 * of the groups' */
int
whole(const struct state *st, struct group *w)
{
	struct su_group **all;
	size_t n, j;
	int cat;

	memset(w, 0, sizeof *w);
	all = su_groups_sorted(st->t, &n);
	for (j = 0; j < n; j++) {
		const struct group *g = all[j]->val;

		for (cat = 0; cat < NCAT; cat++) {
			w->acc[cat].deals += g->acc[cat].deals;
			if (su_add(w->acc[cat].amount, g->acc[cat].amount,
			    &w->acc[cat].amount) ||
			    su_add(w->acc[cat].weighted, g->acc[cat].weighted,
			    &w->acc[cat].weighted))
				goto overflow;
		}
		if (g->has_target && su_add(w->target, g->target, &w->target))
			goto overflow;
		w->has_target |= g->has_target;
	}
	return 0;
overflow:
	su_msg(NULL, 0, "the sum of amounts overflows");
	return -1;
}

static int
write_groups(void *self, struct su_run *run, struct su_out *out)
{
	struct state *st = self;
	struct opts *o = st->o;
	int tcols = o->has_target || o->targets;
	size_t ns = o->stamp ? 2 : 0;
	size_t ncol = ns + st->ng + 5 + (tcols ? 4 : 0), i, j;
	const char **names = su_xmalloc(ncol * sizeof *names);
	struct su_cell *cells = su_xmalloc(ncol * sizeof *cells), *gc;
	char asof[16], per[32];
	static const char *const fixed[] = {"category", "deals", "amount",
	    "weight", "weighted_amount", "target", "coverage", "gap",
	    "pipeline_coverage"};
	struct su_group **all;
	struct group w;
	size_t n;
	int r;

	if (o->compare || o->simulate || o->accuracy) {
		free(names);
		free(cells);
		if (o->compare)
			return compare_write(st, out);
		if (o->accuracy)
			return accuracy_write(st, out);
		if (whole(st, &w))
			return -1;
		if (o->has_target)
			w.target = o->target;
		return simulate_write(st, out, &w);
	}
	/* --stamp: when the call was made, and for which days */
	if (ns) {
		names[0] = "as_of";
		names[1] = "period";
		su_date_fmt(asof, o->c.as_of);
		per[0] = '\0';
		if (o->period) {
			su_date_fmt(per, st->period.from);
			memcpy(per + 10, "..", 2);
			su_date_fmt(per + 12, st->period.to);
		}
		cells[0].type = cells[1].type = SU_C_STR;
		cells[0].s = asof;
		cells[0].len = strlen(asof);
		cells[1].s = per;
		cells[1].len = strlen(per);
	}
	gc = cells + ns;
	for (i = 0; i < st->ng; i++)
		names[ns + i] = st->g[i].name;
	for (i += ns, j = 0; i < ncol; i++, j++)
		names[i] = fixed[j];
	(void)run;
	su_out_currency(out, st->cur);
	r = su_out_header(out, ncol, names);
	all = su_groups_sorted(st->t, &n);
	for (j = 0; j < n && r == 0; j++) {
		key_cells(gc, st->ng, all[j]->key);
		r = write_rows(st, out, cells, all[j]->val);
	}
	if (r == 0 && o->targets && st->ng > 0) {
		key_cells(gc, st->ng, NULL);
		r = whole(st, &w) ? -1 : write_rows(st, out, cells, &w);
	}
	free(names);
	free(cells);
	return r;
}

/* ---- the run ------------------------------------------------------------- */

/* the options together, the model, the columns wanted */
static int
setup(void *self, struct su_run *run)
{
	struct state *st = self;
	struct opts *o = st->o;
	const char *why;
	unsigned char *want = run->want;

	if (o->accuracy && (o->compare || o->simulate || o->has_target ||
	    o->targets || o->has_fail_under || o->fail_cov_arg || o->stamp ||
	    o->group_by || o->period)) {
		su_msg(NULL, 0, "--accuracy reads saved forecasts: it takes "
		    "their groups and periods, and no other forecast option");
		return -1;
	}
	if (o->has_min_deals && !o->accuracy) {
		su_msg(NULL, 0, "--min-deals goes with --accuracy");
		return -1;
	}
	if (o->stamp && (o->compare || o->simulate)) {
		su_msg(NULL, 0, "--stamp: only on a forecast");
		return -1;
	}
	if (o->win_rates && !o->simulate) {
		su_msg(NULL, 0, "--win-rates: only with --simulate");
		return -1;
	}
	if (o->seed_arg && !o->simulate) {
		su_msg(NULL, 0, "--seed: only with --simulate");
		return -1;
	}
	if (o->simulate && o->compare) {
		su_msg(NULL, 0, "--simulate and --compare: give one");
		return -1;
	}
	if (o->moves && !o->compare) {
		su_msg(NULL, 0, "--moves: only with --compare");
		return -1;
	}
	if (o->compare && (o->has_target || o->targets || o->fail_cov_arg ||
	    o->has_fail_under)) {
		su_msg(NULL, 0, "--compare writes the waterfall: --target, "
		    "--targets, --fail-under and --fail-under-coverage do not "
		    "apply");
		return -1;
	}
	if (o->has_target && o->targets) {
		su_msg(NULL, 0, "--target and --targets: give one");
		return -1;
	}
	if (o->fail_cov_arg && !o->has_target && !o->targets) {
		su_msg(NULL, 0, "--fail-under-coverage %s: no target to cover "
		    "(give --target or --targets)", o->fail_cov_arg);
		return -1;
	}
	if (o->target_cur[0] && o->fail_under_cur[0] &&
	    strcmp(o->target_cur, o->fail_under_cur) != 0) {
		su_msg(NULL, 0, "--fail-under %s: in %s, but --target %s is in "
		    "%s; amounts in different currencies are never compared",
		    o->fail_under_arg, o->fail_under_cur, o->target_arg,
		    o->target_cur);
		return -1;
	}
	/* a period given before --fiscal-year-start must still see it */
	if (o->period && su_period_parse_at(o->period, o->c.fy_start,
	    o->c.as_of, &st->period, &why)) {
		su_msg(NULL, 0, "--period %s: %s", o->period, why);
		return -1;
	}
	if (su_model_load(o->model, &st->model) ||
	    !(st->pl = su_place_new(st->model, o->re)))
		return -1;
	st->t = su_groups_new_pivot(sizeof(struct group));
	st->categories = su_map_new(sizeof(int));
	su_map_bound(st->categories, MEMO_MAX);
	su_map_recent(st->categories);
	want[SU_R_AMOUNT] = SU_COL_REQUIRED;
	if (o->compare)
		want[SU_R_ID] = SU_COL_REQUIRED;
	if (o->accuracy) {
		want[SU_R_CLOSE] = SU_COL_REQUIRED;
		run->no_input = 1; /* accuracy.c reads its files */
	}
	want[SU_R_STAGE] = want[SU_R_PROBABILITY] = want[SU_R_CATEGORY] =
	    want[SU_R_CLOSE] = want[SU_R_CURRENCY] = want[SU_R_TYPE] =
	    want[SU_R_IS_CLOSED] = want[SU_R_IS_WON] = SU_COL_OPTIONAL;
	return 0;
}

/* ---- --targets --------------------------------------------------------- */

/* a key's values as "a / b", for a message */
const char *
show_key(char *buf, size_t size, const char *key, size_t len)
{
	size_t i, o = 0;

	for (i = 0; i < len && o + 4 < size; i++)
		if (key[i] != '\0')
			buf[o++] = key[i];
		else if (i + 1 < len)
			o += (size_t)snprintf(buf + o, size - o, " / ");
	buf[o < size ? o : size - 1] = '\0';
	return buf;
}

/* a value and its NUL after the klen bytes of st->key (grown, with room
 * for 24 more): the new length */
size_t
key_add(struct state *st, size_t klen, const char *v, size_t n)
{
	if (klen + n + 25 > st->keycap)
		st->key = su_xrealloc(st->key, st->keycap = (klen + n + 25) *
		    2);
	memcpy(st->key + klen, v, n);
	st->key[klen + n] = '\0';
	return klen + n + 1;
}

/* one row of --targets: 0, or -1 (said) */
static int
target_row(struct state *st, const struct su_rec *hdr, const struct su_rec *r,
           const struct su_gcol *tg, int ct, int cp)
{
	struct opts *o = st->o;
	struct target *t;
	struct su_group *f;
	struct su_period per;
	const char *why;
	char cur[SU_CUR_LEN], buf[256], at[64];
	int64_t v;
	size_t i, klen = 0;
	int k;

	if (cp >= 0) {
		snprintf(buf, sizeof buf, "%.*s", (int)r->len[cp], r->f[cp]);
		if (su_period_parse(buf, o->c.fy_start, &per, &why)) {
			su_msg(r->file, r->line, "%s \"%s\": %s", hdr->f[cp],
			    buf, why);
			return -1;
		}
		/* a file of every quarter's targets: this period's rows */
		if (per.from != st->period.from || per.to != st->period.to)
			return 0;
	}
	k = su_money_parse(r->f[ct], r->len[ct], o->c.decimal_comma, &v, cur,
	    &why);
	if (k != 0 || v <= 0) {
		su_msg(r->file, r->line, "%s \"%s\": %s", hdr->f[ct], r->f[ct],
		    k < 0 ? why : k == 1 ? "no target (a group without one "
		    "is left out of the file, never given 0)" :
		    "a target must be above 0");
		return -1;
	}
	snprintf(buf, sizeof buf, "%.64s:%ld: Target \"%.64s\"", r->file,
	    r->line, r->f[ct]);
	if (su_cur_compare(buf, cur, "targets", o->target_cur, r->file,
	    st->tcur_line))
		return -1;
	if (cur[0] && !o->target_cur[0]) {
		memcpy(o->target_cur, cur, sizeof cur);
		st->tcur_line = r->line;
	}
	for (i = 0; i < st->ng; i++)
		klen = key_add(st, klen, r->f[tg[i].col], r->len[tg[i].col]);
	if ((f = su_groups_find(st->tt, klen ? st->key : "", klen))) {
		t = f->val;
		su_msg(r->file, r->line, "a second target for %s (the first "
		    "is on %s)", st->ng ? show_key(buf, sizeof buf, f->key,
		    f->keylen) : "the whole input", su_seen_at(at, sizeof at,
		    r->file, t->line, r));
		return -1;
	}
	t = su_groups_get(st->tt, klen ? st->key : "", klen);
	t->target = v;
	t->line = r->line;
	return 0;
}

/* --targets FILE: read once the -g columns are known.  0 or -1 (said). */
static int
load_targets(struct state *st)
{
	struct opts *o = st->o;
	struct su_opts side;
	struct su_in *in;
	struct su_rec hdr, rec;
	struct su_gcol *tg = NULL;
	size_t ntg = 0, i;
	char *files[1];
	int ct, cp, r, ok = -1;

	files[0] = (char *)o->targets;
	st->tt = su_groups_new_pivot(sizeof(struct target));
	if (!(in = su_in_side(&o->c, &side, files, &hdr)))
		return -1;
	if (o->group_by && su_group_resolve(hdr.file, o->group_by, &hdr, &side,
	    &tg, &ntg))
		goto done;
	for (i = 0; i < ntg; i++)
		if (tg[i].kind != SU_G_COLUMN) {
			su_msg(hdr.file, 1, "no %s column for -g %s (its "
			    "values as forecast writes them)", tg[i].name,
			    tg[i].name);
			goto done;
		}
	if ((ct = su_find_header(&hdr, "target")) < 0) {
		su_msg(hdr.file, 1, "%s Target column", ct == -1 ? "no" :
		    "more than one");
		goto done;
	}
	if ((cp = su_find_header(&hdr, "period")) == -2) {
		su_msg(hdr.file, 1, "more than one Period column");
		goto done;
	}
	if (cp >= 0 && !o->period) {
		su_msg(hdr.file, 1, "a Period column: name the period with "
		    "--period");
		goto done;
	}
	while ((r = su_in_next(in, &rec)) > 0)
		if (target_row(st, &hdr, &rec, tg, ct, cp))
			goto done;
	if (r == 0)
		ok = 0;
done:
	free(tg);
	su_in_free(in);
	return ok;
}

/* each group's target: --target's, or its --targets row; said: the
 * groups without one, the rows no group took */
static void
match_targets(struct state *st)
{
	struct opts *o = st->o;
	struct su_group **all;
	struct target *t;
	struct su_group *f;
	char list[1024], buf[256];
	size_t n, j, len = 0, none = 0, left = 0;
	int full = 0;

	all = su_groups_sorted(st->t, &n);
	for (j = 0; j < n; j++) {
		struct group *g = all[j]->val;

		if (o->has_target) {
			g->target = o->target;
			g->has_target = 1;
			continue;
		}
		if (!o->targets)
			continue;
		f = su_groups_find(st->tt, all[j]->key, all[j]->keylen);
		if (f) {
			t = f->val;
			t->used = 1;
			g->target = t->target;
			g->has_target = 1;
		} else {
			none++;
			if (full || su_list_add(list, sizeof list, &len, "%s",
			    show_key(buf, sizeof buf, all[j]->key,
			    all[j]->keylen)))
				full = 1, left++;
		}
	}
	if (none) {
		su_list_more(list, sizeof list, len, left, " groups");
		su_msg(NULL, 0, "%zu group%s no target in %s (target, "
		    "coverage, gap and pipeline_coverage left empty): %s",
		    none, none == 1 ? " has" : "s have", o->targets, list);
	}
	if (!o->targets)
		return;
	all = su_groups_sorted(st->tt, &n);
	for (j = 0; j < n; j++) {
		t = all[j]->val;
		if (!t->used)
			su_msg(o->targets, t->line, "the target for %s "
			    "matches no group", st->ng ? show_key(buf,
			    sizeof buf, all[j]->key, all[j]->keylen) :
			    "the whole input");
	}
}

/* --win-rates FILE: Stage, win_rate (0.25 or 25%).  0 or -1 (said). */
static int
load_win_rates(struct state *st, const struct su_rec *dhdr)
{
	struct su_opts side;
	struct su_in *in;
	struct su_rec hdr, rec;
	struct su_group *e;
	struct win_rate *w;
	char *files[1], at[64];
	const char *why;
	int cs, cw, r, ok = -1;

	if (st->col[SU_R_STAGE] < 0) {
		su_msg(dhdr->file, 1, "--win-rates: no Stage column (name one "
		    "with -c stage=HEADER)");
		return -1;
	}
	files[0] = (char *)st->o->win_rates;
	st->wr = su_groups_new_pivot(sizeof(struct win_rate));
	if (!(in = su_in_side(&st->o->c, &side, files, &hdr)))
		return -1;
	if ((cs = su_find_header(&hdr, "stage")) < 0 ||
	    (cw = su_find_header(&hdr, "win_rate")) < 0) {
		su_msg(hdr.file, 1, "expected a Stage and a win_rate column");
		goto done;
	}
	while ((r = su_in_next(in, &rec)) > 0) {
		if ((e = su_groups_find(st->wr, rec.f[cs], rec.len[cs]))) {
			su_msg(rec.file, rec.line, "a second win_rate for %s "
			    "(the first is on %s)", e->key, su_seen_at(at,
			    sizeof at, rec.file, ((struct win_rate *)e->val)->
			    line, &rec));
			goto done;
		}
		w = su_groups_get(st->wr, rec.f[cs], rec.len[cs]);
		if (su_rate_parse(rec.f[cw], rec.len[cw], SU_RATE_FRACTION,
		    &w->rate, &why) != 0 || w->rate < 0 ||
		    w->rate > SU_RATE_ONE) {
			su_msg(rec.file, rec.line, "win_rate \"%s\": expected "
			    "a rate from 0 to 1 (0.25) or 0%% to 100%%",
			    rec.f[cw]);
			goto done;
		}
		w->line = rec.line;
	}
	if (r == 0)
		ok = 0;
done:
	su_in_free(in);
	return ok;
}

/* what the columns found allow */
static int
header(void *self, struct su_run *run)
{
	struct state *st = self;
	struct opts *o = st->o;
	const struct su_rec *hdr = &run->hdr;
	size_t i;

	st->in = run->in;
	memcpy(st->col, run->col, sizeof st->col);
	if (o->group_by && su_group_resolve(hdr->file, o->group_by, hdr,
	    &o->c, &st->g, &st->ng))
		return -1;
	if (o->targets && load_targets(st))
		return -1;
	if (o->win_rates && load_win_rates(st, hdr))
		return -1;
	st->need_close = o->period != NULL;
	for (i = 0; i < st->ng; i++)
		if (st->g[i].kind != SU_G_COLUMN)
			st->need_close = 1;
	if (st->need_close && st->col[SU_R_CLOSE] < 0) {
		run->want[SU_R_CLOSE] = SU_COL_REQUIRED; /* for the message */
		su_columns_resolve(hdr->file, hdr, &o->c, run->want, st->col);
		return -1;
	}
	if (st->col[SU_R_CATEGORY] < 0 && st->col[SU_R_STAGE] < 0 &&
	    st->col[SU_R_PROBABILITY] < 0) {
		su_msg(hdr->file, 1, "no Forecast Category, Stage or "
		    "Probability column to tell each deal's category from "
		    "(name one with -c category=HEADER)");
		return -1;
	}
	if (o->by_probability && st->col[SU_R_PROBABILITY] < 0 &&
	    st->col[SU_R_STAGE] < 0) {
		su_msg(hdr->file, 1, "--weight-by probability: no Probability "
		    "column, and no Stage column to take the model's "
		    "probability from (name one with -c probability=HEADER)");
		return -1;
	}
	if (st->col[SU_R_PROBABILITY] >= 0)
		st->prob_scale = su_prob_scale(&o->c,
		    hdr->f[st->col[SU_R_PROBABILITY]]);
	if (o->compare && compare_load(st, run))
		return -1;
	return 0;
}

/* n deals left out or counted apart, said once */
static void
say_deals(long n, const char *col, const char *then, const char *arg)
{
	if (n)
		su_msg(NULL, 0, "%ld deal%s no %s; %s%s", n, n == 1 ? " has" :
		    "s have", col, then, arg ? arg : "");
}

/* the input read: what is said of it; the options' currency */
static int
end(void *self, struct su_run *run)
{
	struct state *st = self;
	struct opts *o = st->o;
	const char *close;
	char tcur[256];

	/* --accuracy reads its files here: no header was read before */
	if (o->accuracy && accuracy_end(st, run))
		return -1;
	close = !o->accuracy && st->col[SU_R_CLOSE] >= 0 ?
	    run->hdr.f[st->col[SU_R_CLOSE]] : "";
	snprintf(tcur, sizeof tcur, "%.200s (%s on line %ld)", o->targets ?
	    o->targets : "", o->target_cur, st->tcur_line);
	su_groups_say_respelled(st->t);
	if (su_place_nunknown(st->pl)) {
		su_place_report(st->pl, "; a category of Omitted, a "
		    "probability of 0 or neither could be a lost deal's");
		return -1;
	}
	say_deals(st->noamount, "amount", "counted as 0", NULL);
	say_deals(st->noclose_out, close, "left out of --period ",
	    o->period);
	say_deals(st->noclose_none, close, "grouped under (none)", NULL);
	if (opt_currency(st, "--target", o->target_arg, o->target_cur) ||
	    opt_currency(st, "--targets", o->targets ? tcur : NULL,
	    o->target_cur) ||
	    opt_currency(st, "--fail-under", o->fail_under_arg,
	    o->fail_under_cur))
		return -1;
	/* deals that state no currency are in the one the options state */
	if (!st->cur[0])
		memcpy(st->cur, o->target_cur[0] ? o->target_cur :
		    o->fail_under_cur, sizeof st->cur);
	if (o->compare)
		return compare_end(st);
	if (o->accuracy)
		return 0;
	if (st->ng == 0)
		su_groups_get(st->t, "", 0); /* no deals: still the seven rows */
	match_targets(st);
	return 0;
}

/* --fail-under-coverage: 1 when a group's pipeline_coverage (open / (target
 * - closed)) is below it, the threshold RATIO x (target - closed) rounded
 * to the cent; a group whose closed deals meet its target is covered */
static int
below_coverage(const struct opts *o, const struct group *g, char *ratio)
{
	int64_t closed = g->acc[CLOSED].amount, need = g->target - closed;
	int64_t open = g->acc[TOTAL].amount - closed, floor;

	if (!g->has_target || need <= 0)
		return 0;
	if (su_muldiv(need, o->fail_cov, SU_RATE_ONE, &floor))
		return 1; /* beyond any pipeline */
	su_ratio_fmt(ratio, open, need, 2, 1);
	return open < floor;
}

static int
check_coverage(struct state *st)
{
	struct opts *o = st->o;
	struct su_group **all;
	struct group w;
	size_t n, j, len = 0, left = 0, nbelow = 0;
	char list[1024], buf[256], r[48];
	int full = 0;

	if (whole(st, &w))
		return SU_EXIT_ERR;
	if (o->has_target) {
		w.target = o->target;
		w.has_target = 1;
	}
	/* per group with --targets and -g; else the whole input */
	all = su_groups_sorted(st->t, &n);
	for (j = 0; o->targets && st->ng && j < n; j++)
		if (below_coverage(o, all[j]->val, r)) {
			nbelow++;
			if (full || su_list_add(list, sizeof list, &len,
			    "%s %sx", show_key(buf, sizeof buf, all[j]->key,
			    all[j]->keylen), r))
				full = 1, left++;
		}
	if (nbelow) {
		su_list_more(list, sizeof list, len, left, " groups");
		su_msg(NULL, 0, "pipeline_coverage below "
		    "--fail-under-coverage %s in %zu group%s: %s",
		    o->fail_cov_arg, nbelow, nbelow == 1 ? "" : "s", list);
	}
	if (below_coverage(o, &w, r)) {
		su_msg(NULL, 0, "pipeline_coverage %sx%s is below "
		    "--fail-under-coverage %s", r, st->ng && o->targets ?
		    " of (all)" : "", o->fail_cov_arg);
		nbelow++;
	}
	return nbelow ? SU_EXIT_FLAG : SU_EXIT_OK;
}

/* --fail-under: 1 when the open pipeline is below it; and
 * --fail-under-coverage */
static int
status(void *self)
{
	struct state *st = self;
	struct opts *o = st->o;
	struct su_group **all;
	int64_t open = 0;
	size_t i;
	int cat, cov = SU_EXIT_OK;
	char a[48], b[48];

	if (o->fail_cov_arg && (cov = check_coverage(st)) == SU_EXIT_ERR)
		return cov;
	if (!o->has_fail_under)
		return cov;
	all = su_groups_sorted(st->t, &i);
	while (i--)
		for (cat = COMMIT; cat <= OMITTED; cat++)
			if (su_add(open, ((struct group *)all[i]->val)->
			    acc[cat].amount, &open)) {
				su_msg(NULL, 0, "the sum of amounts overflows");
				return SU_EXIT_ERR;
			}
	if (open >= o->fail_under)
		return cov;
	su_money_fmt_table(a, open, st->cur, 1);
	su_money_fmt_table(b, o->fail_under, st->cur, 1);
	su_msg(NULL, 0, "open pipeline %s is below --fail-under %s", a, b);
	return SU_EXIT_FLAG;
}

static void
free_state(void *self)
{
	struct state *st = self;

	su_groups_free(st->t, NULL);
	su_groups_free(st->tt, NULL);
	su_groups_free(st->wr, NULL);
	compare_free(st);
	simulate_free(st);
	accuracy_free(st);
	su_map_free(st->categories, NULL);
	su_place_free(st->pl);
	su_model_free(st->model);
	free(st->g);
	free(st->key);
}

static const struct option longopts[] = {
	{"group-by", 1, 0, 'g'}, {"period", 1, 0, OPT_PERIOD},
	{"target", 1, 0, OPT_TARGET}, {"fail-under", 1, 0, OPT_FAIL_UNDER},
	{"weights", 1, 0, OPT_WEIGHTS}, {"weight-by", 1, 0, OPT_WEIGHT_BY},
	{"targets", 1, 0, OPT_TARGETS}, {"compare", 1, 0, OPT_COMPARE},
	{"moves", 0, 0, OPT_MOVES}, {"simulate", 1, 0, OPT_SIMULATE},
	{"seed", 1, 0, OPT_SEED}, {"stamp", 0, 0, OPT_STAMP},
	{"accuracy", 0, 0, OPT_ACCURACY},
	{"min-deals", 1, 0, OPT_MIN_DEALS}, {"win-rates", 1, 0, OPT_WIN_RATES},
	{"fail-under-coverage", 1, 0, OPT_FAIL_COV},
	{"model", 1, 0, 'm'}, SU_STAGE_LONGOPTS, {0, 0, 0, 0},
};

static const struct su_prog forecast = {
	.shortopts = "g:m:", .longopts = longopts, .usage = usage,
	.init = init, .option = option, .setup = setup, .header = header,
	.record = deal, .end = end, .write = write_groups, .status = status,
	.free = free_state,
};

int
main(int argc, char **argv)
{
	struct opts o = {.min_deals = SU_MIN_DEALS};
	struct state st = {.o = &o};

	return su_run(&forecast, &st, &o.c, argc, argv);
}
