/*
 * plan.c - compensation plans (commission-plan(5)): [plan NAME] sections
 * (what is measured, the bands and what they pay on, the payout period),
 * [bonus NAME] and [spiff NAME].  Read with su_ini_load() (ini.c), from a
 * table of the three sections and their keys.
 */
#include "su.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static const char *
after(const char *section, const char *word)
{
	size_t n = strlen(word);

	if (strncasecmp(section, word, n) != 0 || section[n] != ' ')
		return NULL;
	section += n;
	while (*section == ' ')
		section++;
	return section;
}

/* An amount of the file (what: "[bonus b] amount = 500 EUR") in cur, of
 * the plan, bonus or spiff whose cur_what is item: a file's amounts are in
 * one currency, which commission holds against the bookings' (of the plans
 * someone is on).  0, or -1 (su_ini_fail). */
static int
plan_currency(struct su_ini_load *ld, struct su_plans *pl, long line,
              const char *what, const char *cur, char item[128])
{
	if (!cur[0])
		return 0;
	if (pl->cur[0] && strcmp(cur, pl->cur) != 0) {
		su_ini_fail(ld, line, "%s: in %s, but %s is in %s; amounts in "
		    "different currencies are never compared", what, cur,
		    pl->cur_what, pl->cur);
		return -1;
	}
	if (!item[0])
		snprintf(item, 128, "%s:%ld: %s", pl->file, line, what);
	if (!pl->cur[0]) {
		memcpy(pl->cur, cur, sizeof pl->cur);
		memcpy(pl->cur_what, item, sizeof pl->cur_what);
	}
	return 0;
}

/* [plan NAME], [bonus NAME], [spiff NAME]: each begins with its defaults */
static int
name_ok(struct su_ini_load *ld, const char *section, const char *name,
        long line)
{
	if (su_ini_name_ok(name))
		return 1;
	su_ini_fail(ld, line, "[%s]: a name is letters, digits, '-', '_' and "
	    "'.'", section);
	return 0;
}

static int
open_plan(struct su_ini_load *ld, void *ctx, const char *section,
          const char *name, long line)
{
	struct su_plans *pl = ctx;

	pl->p = su_xrealloc(pl->p, (pl->np + 1) * sizeof *pl->p);
	memset(&pl->p[pl->np], 0, sizeof pl->p[pl->np]);
	pl->p[pl->np].base = -1;
	pl->p[pl->np].retro = -1;
	pl->p[pl->np].draw_recover = -1;
	pl->p[pl->np].periods = 4;
	pl->p[pl->np].name = su_xstrdup(name);
	pl->p[pl->np++].line = line;
	return name_ok(ld, section, name, line);
}

static int
open_bonus(struct su_ini_load *ld, void *ctx, const char *section,
           const char *name, long line)
{
	struct su_plans *pl = ctx;

	pl->b = su_xrealloc(pl->b, (pl->nb + 1) * sizeof *pl->b);
	memset(&pl->b[pl->nb], 0, sizeof pl->b[pl->nb]);
	pl->b[pl->nb].plan = -1;
	pl->b[pl->nb].name = su_xstrdup(name);
	pl->b[pl->nb++].line = line;
	return name_ok(ld, section, name, line);
}

static int
open_spiff(struct su_ini_load *ld, void *ctx, const char *section,
           const char *name, long line)
{
	struct su_plans *pl = ctx;

	pl->s = su_xrealloc(pl->s, (pl->ns + 1) * sizeof *pl->s);
	memset(&pl->s[pl->ns], 0, sizeof pl->s[pl->ns]);
	pl->s[pl->ns].award = -1;
	pl->s[pl->ns].periods = 4;
	pl->s[pl->ns].name = su_xstrdup(name);
	pl->s[pl->ns++].line = line;
	return name_ok(ld, section, name, line);
}

/* a percentage of quota: "50%", "125%", "0" */
static int
pct(const char *s, size_t len, su_rate *out)
{
	const char *why;

	return su_rate_parse(s, len, SU_RATE_PERCENT, out, &why) == 0 &&
	    *out >= 0 ? 0 : -1;
}

/* a whole count of units */
static int
units(const char *s, size_t len, int64_t *out)
{
	int64_t v = 0;
	size_t i;

	su_trim(&s, &len);
	if (len == 0 || len > 12)
		return -1;
	for (i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

/* "FROM-TO: RATE [flat]", TO empty for open-ended; the rate is read when
 * the base is known (finish) */
static int
band(struct su_ini_load *ld, struct su_plan *p, const char *v, long line)
{
	const char *dash = strchr(v, '-'), *colon = strchr(v, ':');
	struct su_band *b;

	if (!dash || !colon || dash > colon) {
		su_ini_fail(ld, line, "[plan %s]: band = %s: expected FROM-TO: "
		    "RATE (such as 50%%-75%%: 0.5, or 125%%-: 1.5)", p->name, v);
		return 0;
	}
	p->band = su_xrealloc(p->band, (p->nband + 1) * sizeof *p->band);
	b = &p->band[p->nband++];
	memset(b, 0, sizeof *b);
	b->line = line;
	b->src = su_xstrdup(v);
	return 1;
}

/* "[plan x]: mode = sideways: expected marginal or retroactive" */
static int
badval(struct su_ini_load *ld, const char *value, const char *expected)
{
	su_ini_fail(ld, ld->line, "[%s]: %s = %s: expected %s", ld->cur,
	    ld->key, value, expected);
	return 0;
}

/* value, one of words (NULL-ended), as the number at the same place in
 * vals; -1 if none */
static int
word(const char *value, const char *const *words, const int *vals,
     int *out)
{
	size_t i;

	for (i = 0; words[i]; i++)
		if (strcasecmp(value, words[i]) == 0) {
			*out = vals[i];
			return 0;
		}
	return -1;
}

static const char *const period_words[] = {"quarterly", "monthly", "annual",
                                           NULL};
static const int period_vals[] = {4, 12, 1};

/* the section being read (ctx: the plans) */
static struct su_plan *
cur_plan(void *ctx)
{
	struct su_plans *pl = ctx;

	return &pl->p[pl->np - 1];
}

static struct su_bonus *
cur_bonus(void *ctx)
{
	struct su_plans *pl = ctx;

	return &pl->b[pl->nb - 1];
}

static struct su_spiff *
cur_spiff(void *ctx)
{
	struct su_plans *pl = ctx;

	return &pl->s[pl->ns - 1];
}

static int
set_measure(struct su_ini_load *ld, void *ctx, const char *value)
{
	static const char *const w[] = {"credit", "team", "count", "org",
	    "below", NULL};
	static const int v[] = {SU_PM_CREDIT, SU_PM_TEAM, SU_PM_COUNT,
	    SU_PM_ORG, SU_PM_BELOW};
	struct su_plan *p = cur_plan(ctx);
	const char *r;
	int m;

	if (word(value, w, v, &m) == 0)
		p->measure = m;
	else if ((r = after(value, "role")) && *r) {
		p->measure = SU_PM_ROLE;
		free(p->role);
		p->role = su_xstrdup(r);
	} else
		return badval(ld, value, "credit, team, org, below, count or "
		    "role COLUMN");
	return 1;
}

static int
set_count(struct su_ini_load *ld, void *ctx, const char *value)
{
	struct su_plan *p = cur_plan(ctx);

	free(p->count_src);
	p->count_src = su_xstrdup(value);
	p->count_line = ld->line;
	p->count_col = ld->vcol;
	return 1;
}

static int
set_base(struct su_ini_load *ld, void *ctx, const char *value)
{
	static const char *const w[] = {"variable", "amount", "unit", NULL};
	static const int v[] = {SU_PB_VARIABLE, SU_PB_AMOUNT, SU_PB_UNIT};

	if (word(value, w, v, &cur_plan(ctx)->base))
		return badval(ld, value, "variable, amount or unit");
	return 1;
}

static int
set_mode(struct su_ini_load *ld, void *ctx, const char *value)
{
	static const char *const w[] = {"marginal", "retroactive", NULL};
	static const int v[] = {0, 1};

	if (word(value, w, v, &cur_plan(ctx)->retro))
		return badval(ld, value, "marginal or retroactive");
	return 1;
}

static int
set_band(struct su_ini_load *ld, void *ctx, const char *value)
{
	return band(ld, cur_plan(ctx), value, ld->line);
}

static int
set_threshold(struct su_ini_load *ld, void *ctx, const char *value)
{
	if (pct(value, strlen(value), &cur_plan(ctx)->threshold))
		return badval(ld, value, "a percentage of quota");
	return 1;
}

static int
set_cap(struct su_ini_load *ld, void *ctx, const char *value)
{
	struct su_plan *p = cur_plan(ctx);

	if (pct(value, strlen(value), &p->cap) || p->cap == 0)
		return badval(ld, value, "a percentage of quota above 0");
	p->has_cap = 1;
	return 1;
}

static int
set_payout(struct su_ini_load *ld, void *ctx, const char *value)
{
	if (word(value, period_words, period_vals, &cur_plan(ctx)->periods))
		return badval(ld, value, "quarterly, monthly or annual");
	return 1;
}

static int
set_clawback(struct su_ini_load *ld, void *ctx, const char *value)
{
	static const char *const w[] = {"yes", "no", NULL};
	static const int v[] = {1, 0};

	if (word(value, w, v, &cur_plan(ctx)->clawback))
		return badval(ld, value, "yes or no");
	return 1;
}

static int
set_nothing(struct su_ini_load *ld, void *ctx, const char *value)
{
	(void)ld, (void)ctx, (void)value;
	return 1;
}

/* AMOUNT above 0, in the file's one currency */
static int
amount(struct su_ini_load *ld, void *ctx, const char *value, int64_t *out,
       char cur_what[128])
{
	const char *why;
	char cur[SU_CUR_LEN], what[128];
	int64_t m;

	if (su_money_parse(value, strlen(value), 0, &m, cur, &why) != 0 ||
	    m <= 0)
		return badval(ld, value, "an amount above 0");
	snprintf(what, sizeof what, "[%s %s] amount = %s", ld->kind->prefix,
	    ld->name, value);
	if (plan_currency(ld, (struct su_plans *)ctx, ld->line, what, cur,
	    cur_what))
		return 0;
	*out = m;
	return 1;
}

static int
set_draw(struct su_ini_load *ld, void *ctx, const char *value)
{
	struct su_plan *p = cur_plan(ctx);

	return amount(ld, ctx, value, &p->draw, p->cur_what);
}

static int
set_recoverable(struct su_ini_load *ld, void *ctx, const char *value)
{
	static const char *const w[] = {"yes", "no", NULL};
	static const int v[] = {1, 0};

	if (word(value, w, v, &cur_plan(ctx)->draw_recover))
		return badval(ld, value, "yes or no");
	return 1;
}

static int
set_bonus_plan(struct su_ini_load *ld, void *ctx, const char *value)
{
	struct su_bonus *b = cur_bonus(ctx);

	(void)ld;
	free(b->plan_name);
	b->plan_name = su_xstrdup(value);
	return 1;
}

static int
set_bonus_amount(struct su_ini_load *ld, void *ctx, const char *value)
{
	struct su_bonus *b = cur_bonus(ctx);

	return amount(ld, ctx, value, &b->amount, b->cur_what);
}

static int
set_bonus_when(struct su_ini_load *ld, void *ctx, const char *value)
{
	struct su_bonus *b = cur_bonus(ctx);

	free(b->when_src);
	b->when_src = su_xstrdup(value);
	b->when_line = ld->line;
	b->when_col = ld->vcol;
	return 1;
}

static int
set_spiff_plans(struct su_ini_load *ld, void *ctx, const char *value)
{
	struct su_spiff *s = cur_spiff(ctx);

	(void)ld;
	free(s->plans_src);
	s->plans_src = su_xstrdup(value);
	return 1;
}

static int
set_award(struct su_ini_load *ld, void *ctx, const char *value)
{
	static const char *const w[] = {"first", "largest", "most", NULL};
	static const int v[] = {SU_SP_FIRST, SU_SP_LARGEST, SU_SP_MOST};

	if (word(value, w, v, &cur_spiff(ctx)->award))
		return badval(ld, value, "first, largest or most");
	return 1;
}

static int
set_on(struct su_ini_load *ld, void *ctx, const char *value)
{
	static const char *const w[] = {"bookings", "activities", NULL};
	static const int v[] = {0, 1};

	if (word(value, w, v, &cur_spiff(ctx)->on_activities))
		return badval(ld, value, "bookings or activities");
	return 1;
}

static int
set_spiff_amount(struct su_ini_load *ld, void *ctx, const char *value)
{
	struct su_spiff *s = cur_spiff(ctx);

	return amount(ld, ctx, value, &s->amount, s->cur_what);
}

static int
set_period(struct su_ini_load *ld, void *ctx, const char *value)
{
	if (word(value, period_words, period_vals, &cur_spiff(ctx)->periods))
		return badval(ld, value, "quarterly, monthly or annual");
	return 1;
}

static void
unknown_key(struct su_ini_load *ld, void *ctx, const char *key)
{
	(void)ctx;
	su_ini_fail(ld, ld->line, "[%s %s]: unknown key %s (expected %s)",
	    ld->kind->prefix, ld->name, key, ld->kind->expected);
}

static void
twice(struct su_ini_load *ld, void *ctx, const char *key,
      const struct su_ini_key *k)
{
	(void)ctx, (void)k;
	su_ini_fail(ld, ld->line, "[%s]: %s given twice", ld->cur, key);
}

static const struct su_ini_key plan_keys[] = {
	{"measure", set_measure, 0},
	{"count", set_count, 0},
	{"base", set_base, 0},
	{"mode", set_mode, 0},
	{"band", set_band, 1},
	{"threshold", set_threshold, 0},
	{"cap", set_cap, 0},
	{"payout", set_payout, 0},
	{"clawback", set_clawback, 0},
	{"draw", set_draw, 0},
	{"recoverable", set_recoverable, 0},
	{"description", set_nothing, 0},
	{NULL, NULL, 0},
};

static const struct su_ini_key bonus_keys[] = {
	{"plan", set_bonus_plan, 0},
	{"amount", set_bonus_amount, 0},
	{"when", set_bonus_when, 0},
	{"description", set_nothing, 0},
	{NULL, NULL, 0},
};

static const struct su_ini_key spiff_keys[] = {
	{"plans", set_spiff_plans, 0},
	{"award", set_award, 0},
	{"on", set_on, 0},
	{"amount", set_spiff_amount, 0},
	{"period", set_period, 0},
	{"description", set_nothing, 0},
	{NULL, NULL, 0},
};

static const struct su_ini_kind kinds[] = {
	{"plan", 1, plan_keys, "measure, count, base, mode, band, threshold, "
	    "cap, payout, clawback, draw, recoverable, description", open_plan},
	{"bonus", 1, bonus_keys, "plan, amount, when, description", open_bonus},
	{"spiff", 1, spiff_keys, "plans, award, on, amount, period, "
	    "description",
	    open_spiff},
	{NULL, 0, NULL, NULL, NULL},
};

/* a band's FROM-TO: RATE [flat], now that the base is known */
static int
read_band(struct su_ini_load *ld, struct su_plans *pl, struct su_plan *p,
          struct su_band *b)
{
	char *v = b->src, *dash = strchr(v, '-'), *colon = strchr(v, ':');
	char *r = colon + 1, *end;
	size_t rl;
	const char *why, *t;
	char cur[SU_CUR_LEN];
	int bad;

	*dash = '\0', *colon = '\0';
	if (p->base == SU_PB_UNIT)
		bad = units(v, strlen(v), &b->from) ||
		    (dash[1] && units(dash + 1, strlen(dash + 1), &b->to));
	else
		bad = pct(v, strlen(v), &b->from) ||
		    (dash[1] && pct(dash + 1, strlen(dash + 1), &b->to));
	{
		const char *d = dash + 1;
		size_t dl = strlen(d);

		su_trim(&d, &dl);
		b->open = dl == 0;
	}
	*dash = '-', *colon = ':';
	if (bad) {
		su_ini_fail(ld, b->line, "[plan %s]: band = %s: %s", p->name, b->src,
		    p->base == SU_PB_UNIT ? "FROM and TO are whole numbers of "
		    "units" : "FROM and TO are percentages of quota");
		return -1;
	}
	/* the rate, then "flat" */
	while (*r == ' ' || *r == '\t')
		r++;
	end = r + strlen(r);
	t = end;
	while (t > r && (t[-1] == ' ' || t[-1] == '\t'))
		t--;
	if (t - r > 4 && strncasecmp(t - 4, "flat", 4) == 0 &&
	    (t[-5] == ' ' || t[-5] == '\t')) {
		b->flat = 1;
		t -= 4;
	}
	rl = (size_t)(t - r);
	if (b->flat && p->base != SU_PB_VARIABLE) {
		su_ini_fail(ld, b->line, "[plan %s]: band = %s: only a band of base = "
		    "variable can be flat", p->name, b->src);
		return -1;
	}
	if (p->base == SU_PB_UNIT)
		bad = su_money_parse(r, rl, 0, &b->rate, cur, &why) != 0 ||
		    b->rate < 0;
	else
		bad = su_rate_parse(r, rl, p->base == SU_PB_AMOUNT ?
		    SU_RATE_PERCENT : SU_RATE_FRACTION, &b->rate, &why) != 0;
	if (bad) {
		su_ini_fail(ld, b->line, "[plan %s]: band = %s: the rate %s", p->name,
		    b->src, p->base == SU_PB_UNIT ? "is an amount per unit "
		    "($250)" : p->base == SU_PB_AMOUNT ? "is a percentage of "
		    "the amount (8%)" : "is a multiple of variable pay (1.25 "
		    "or 125%)");
		return -1;
	}
	if (p->base == SU_PB_UNIT) {
		char what[128];

		snprintf(what, sizeof what, "[plan %s] band = %s", p->name,
		    b->src);
		if (plan_currency(ld, pl, b->line, what, cur, p->cur_what))
			return -1;
	}
	return 0;
}

static int
compile(struct su_ini_load *ld, const char *what, const char *src, long line,
        size_t col, struct su_expr **e)
{
	struct su_expr_error err;
	char msg[400];

	if (su_expr_parse(src, strlen(src), e, &err) == 0)
		return 0;
	snprintf(msg, sizeof msg, "%s: %s", what, err.msg);
	su_ini_caret(ld->file, ld->text, line, col + err.pos, msg);
	ld->said = 1;
	return -1;
}

static int
finish(struct su_ini_load *ld, void *ctx)
{
	struct su_plans *pl = ctx;
	size_t i, k, j;
	char what[160];

	if (pl->np == 0) {
		su_ini_fail(ld, 0, "no [plan NAME] section");
		return -1;
	}
	for (i = 0; i < pl->np; i++) {
		struct su_plan *p = &pl->p[i];

		for (j = 0; j < i; j++)
			if (strcasecmp(pl->p[j].name, p->name) == 0) {
				su_ini_fail(ld, p->line, "plan %s given twice (first "
				    "on line %ld)", p->name, pl->p[j].line);
				return -1;
			}
		if (p->base < 0)
			p->base = p->measure == SU_PM_COUNT ? SU_PB_UNIT :
			    SU_PB_AMOUNT;
		if ((p->base == SU_PB_UNIT) != (p->measure == SU_PM_COUNT)) {
			su_ini_fail(ld, p->line, "[plan %s]: base = unit goes with "
			    "measure = count, and only with it", p->name);
			return -1;
		}
		if (p->measure == SU_PM_COUNT && !p->count_src) {
			su_ini_fail(ld, p->line, "[plan %s]: measure = count needs "
			    "count = CONDITION (the activity rows that count)",
			    p->name);
			return -1;
		}
		if (p->measure != SU_PM_COUNT && p->count_src) {
			su_ini_fail(ld, p->count_line, "[plan %s]: count = ... goes "
			    "with measure = count", p->name);
			return -1;
		}
		if (p->retro < 0) {
			if (p->base == SU_PB_VARIABLE) {
				su_ini_fail(ld, p->line, "[plan %s]: base = variable "
				    "needs mode = marginal or mode = "
				    "retroactive (say which)", p->name);
				return -1;
			}
			p->retro = 0;
		}
		if (p->draw && p->draw_recover < 0) {
			su_ini_fail(ld, p->line, "[plan %s]: draw = ... needs "
			    "recoverable = yes or recoverable = no (say which)",
			    p->name);
			return -1;
		}
		if (p->nband == 0) {
			su_ini_fail(ld, p->line, "[plan %s]: no band = FROM-TO: RATE",
			    p->name);
			return -1;
		}
		for (k = 0; k < p->nband; k++) {
			struct su_band *b = &p->band[k];

			if (read_band(ld, pl, p, b))
				return -1;
			if (k == 0 && b->from != 0) {
				su_ini_fail(ld, b->line, "[plan %s]: the first band "
				    "starts at 0 (band = %s)", p->name, b->src);
				return -1;
			}
			if (k > 0 && (p->band[k - 1].open ||
			    b->from != p->band[k - 1].to)) {
				su_ini_fail(ld, b->line, "[plan %s]: band = %s %s the "
				    "one before (band = %s): each starts where "
				    "the last ends", p->name, b->src,
				    p->band[k - 1].open || b->from <
				    p->band[k - 1].to ? "overlaps" :
				    "leaves a gap after", p->band[k - 1].src);
				return -1;
			}
			if (!b->open && b->to <= b->from) {
				su_ini_fail(ld, b->line, "[plan %s]: band = %s ends "
				    "before it starts", p->name, b->src);
				return -1;
			}
		}
		if (p->count_src) {
			snprintf(what, sizeof what, "plan %s: count", p->name);
			if (compile(ld, what, p->count_src, p->count_line,
			    p->count_col, &p->count))
				return -1;
		}
	}
	for (i = 0; i < pl->nb; i++) {
		struct su_bonus *b = &pl->b[i];

		if (!b->plan_name || !b->amount || !b->when_src) {
			su_ini_fail(ld, b->line, "[bonus %s]: needs plan = NAME, "
			    "amount = AMOUNT and when = CONDITION", b->name);
			return -1;
		}
		for (k = 0; k < pl->np; k++)
			if (strcasecmp(pl->p[k].name, b->plan_name) == 0)
				break;
		if (k == pl->np) {
			su_ini_fail(ld, b->line, "[bonus %s]: plan = %s: no such "
			    "plan", b->name, b->plan_name);
			return -1;
		}
		b->plan = (int)k;
		snprintf(what, sizeof what, "bonus %s", b->name);
		if (compile(ld, what, b->when_src, b->when_line, b->when_col,
		    &b->when))
			return -1;
	}
	for (i = 0; i < pl->ns; i++) {
		struct su_spiff *s = &pl->s[i];
		char *copy, *tok, *save = NULL;

		if (!s->plans_src || s->award < 0 || !s->amount) {
			su_ini_fail(ld, s->line, "[spiff %s]: needs plans = NAME,..., "
			    "award = first|largest|most and amount = AMOUNT",
			    s->name);
			return -1;
		}
		if (s->on_activities && s->award != SU_SP_MOST) {
			su_ini_fail(ld, s->line, "[spiff %s]: on = activities "
			    "goes with award = most (an activity has no amount, "
			    "and the first of a day is not known)", s->name);
			return -1;
		}
		copy = su_xstrdup(s->plans_src);
		for (tok = strtok_r(copy, ", ", &save); tok;
		     tok = strtok_r(NULL, ", ", &save)) {
			for (k = 0; k < pl->np; k++)
				if (strcasecmp(pl->p[k].name, tok) == 0)
					break;
			if (k == pl->np) {
				su_ini_fail(ld, s->line, "[spiff %s]: plans: no plan "
				    "%s", s->name, tok);
				free(copy);
				return -1;
			}
			/* activities are counted by a plan's count condition,
			 * and only for a count plan's reps */
			if (s->on_activities && pl->p[k].measure !=
			    SU_PM_COUNT) {
				su_ini_fail(ld, s->line, "[spiff %s]: on = "
				    "activities: plan %s counts no activities "
				    "(measure = count)", s->name, pl->p[k].name);
				free(copy);
				return -1;
			}
			s->plans = su_xrealloc(s->plans, (s->nplans + 1) *
			    sizeof *s->plans);
			s->plans[s->nplans++] = (int)k;
		}
		free(copy);
		if (!s->nplans) {
			su_ini_fail(ld, s->line, "[spiff %s]: plans = NAME,...",
			    s->name);
			return -1;
		}
	}
	return 0;
}

static const struct su_ini_spec spec = {
	"plans", kinds, SU_INI_NODUPS | SU_INI_ONELINE | SU_INI_KINDSFIRST |
	    SU_INI_NOSECTION | SU_INI_KEYCASE | SU_INI_TWICELAST,
	"a line longer than %d characters",
	"unknown section [%s] (expected [plan NAME], [bonus NAME] or [spiff "
	    "NAME])",
	unknown_key, twice, NULL, finish,
};

int
su_plans_load(const char *path, struct su_plans **out)
{
	struct su_plans *pl = su_xmalloc(sizeof *pl);
	char *used;

	memset(pl, 0, sizeof *pl);
	*out = NULL;
	pl->text = su_shipped_slurp(path, "plans", "plan file", &used);
	pl->file = used ? used : su_xstrdup(path);
	if (!pl->text || su_ini_load(&spec, pl->file, pl->text, pl)) {
		su_plans_free(pl);
		return -1;
	}
	*out = pl;
	return 0;
}

void
su_plans_free(struct su_plans *pl)
{
	size_t i, k;

	if (!pl)
		return;
	for (i = 0; i < pl->np; i++) {
		for (k = 0; k < pl->p[i].nband; k++)
			free(pl->p[i].band[k].src);
		free(pl->p[i].band);
		free(pl->p[i].name);
		free(pl->p[i].role);
		free(pl->p[i].count_src);
		su_expr_free(pl->p[i].count);
	}
	for (i = 0; i < pl->nb; i++) {
		free(pl->b[i].name);
		free(pl->b[i].plan_name);
		free(pl->b[i].when_src);
		su_expr_free(pl->b[i].when);
	}
	for (i = 0; i < pl->ns; i++) {
		free(pl->s[i].name);
		free(pl->s[i].plans_src);
		free(pl->s[i].plans);
	}
	free(pl->p);
	free(pl->b);
	free(pl->s);
	free(pl->file);
	free(pl->text);
	free(pl);
}
