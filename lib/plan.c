/*
 * plan.c - compensation plans (commission-plan(5)): [plan NAME] sections
 * (what is measured, the bands and what they pay on, the payout period),
 * [bonus NAME] and [spiff NAME].  Read from INI with inih; line numbers
 * from su_ini_scan().
 */
#include "su.h"

#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct parse {
	struct su_plans *pl;
	const char *file, *text;
	struct su_ini ini;
	size_t call;
	char *cur;
	int kind;           /* 1 plan, 2 bonus, 3 spiff */
	unsigned seen;
	char msg[400];
	long msgline;
	int said;
};

/* the first error, kept with its line (su_ini_fail) */
#define failf(ps, line, ...) su_ini_fail((ps)->msg, sizeof (ps)->msg, \
    &(ps)->msgline, (line), __VA_ARGS__)

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
 * someone is on).  0, or -1 (failf). */
static int
plan_currency(struct parse *ps, long line, const char *what,
              const char *cur, char item[128])
{
	struct su_plans *pl = ps->pl;

	if (!cur[0])
		return 0;
	if (pl->cur[0] && strcmp(cur, pl->cur) != 0) {
		failf(ps, line, "%s: in %s, but %s is in %s; amounts in "
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

static void
start_section(struct parse *ps, const char *section, long line)
{
	struct su_plans *pl = ps->pl;
	const char *name;

	line = su_ini_secline(&ps->ini, line);
	free(ps->cur);
	ps->cur = su_xstrdup(section);
	ps->seen = 0;
	ps->kind = 0;
	if ((name = after(section, "plan"))) {
		ps->kind = 1;
		pl->p = su_xrealloc(pl->p, (pl->np + 1) * sizeof *pl->p);
		memset(&pl->p[pl->np], 0, sizeof pl->p[pl->np]);
		pl->p[pl->np].base = -1;
		pl->p[pl->np].retro = -1;
		pl->p[pl->np].periods = 4;
		pl->p[pl->np].name = su_xstrdup(name);
		pl->p[pl->np++].line = line;
	} else if ((name = after(section, "bonus"))) {
		ps->kind = 2;
		pl->b = su_xrealloc(pl->b, (pl->nb + 1) * sizeof *pl->b);
		memset(&pl->b[pl->nb], 0, sizeof pl->b[pl->nb]);
		pl->b[pl->nb].plan = -1;
		pl->b[pl->nb].name = su_xstrdup(name);
		pl->b[pl->nb++].line = line;
	} else if ((name = after(section, "spiff"))) {
		ps->kind = 3;
		pl->s = su_xrealloc(pl->s, (pl->ns + 1) * sizeof *pl->s);
		memset(&pl->s[pl->ns], 0, sizeof pl->s[pl->ns]);
		pl->s[pl->ns].award = -1;
		pl->s[pl->ns].periods = 4;
		pl->s[pl->ns].name = su_xstrdup(name);
		pl->s[pl->ns++].line = line;
	} else {
		failf(ps, line, "unknown section [%s] (expected [plan NAME], "
		    "[bonus NAME] or [spiff NAME])", section);
		return;
	}
	if (!su_ini_name_ok(name))
		failf(ps, line, "[%s]: a name is letters, digits, '-', '_' and "
		    "'.'", section);
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
band(struct parse *ps, struct su_plan *p, const char *v, long line)
{
	const char *dash = strchr(v, '-'), *colon = strchr(v, ':');
	struct su_band *b;

	if (!dash || !colon || dash > colon) {
		failf(ps, line, "[plan %s]: band = %s: expected FROM-TO: RATE "
		    "(such as 50%%-75%%: 0.5, or 125%%-: 1.5)", p->name, v);
		return 0;
	}
	p->band = su_xrealloc(p->band, (p->nband + 1) * sizeof *p->band);
	b = &p->band[p->nband++];
	memset(b, 0, sizeof *b);
	b->line = line;
	b->src = su_xstrdup(v);
	return 1;
}

static int
handler(void *user, const char *section, const char *name,
        const char *value)
{
	struct parse *ps = user;
	struct su_plans *pl = ps->pl;
	const struct su_ini_line *kl = ps->call < ps->ini.nkl ?
	    &ps->ini.kl[ps->call] : NULL;
	long line = kl ? kl->line : 0;
	const char *why;
	unsigned bit = 0;
	int64_t m;
	char what[128];

	ps->call++;
	if (ps->msg[0])
		return 0;
	if (kl && kl->cont) {
		failf(ps, line, "a value goes on one line");
		return 0;
	}
	if (!*section) {
		failf(ps, line, "%s = ... before any [section]", name);
		return 0;
	}
	if (!ps->cur || strcmp(ps->cur, section) != 0) {
		start_section(ps, section, line);
		if (ps->msg[0])
			return 0;
	}
#define KEY(k, b) (strcasecmp(name, k) == 0 && (bit = (b)))
	if (ps->kind == 1) {
		struct su_plan *p = &pl->p[pl->np - 1];

		if (strcasecmp(name, "band") == 0)
			return band(ps, p, value, line);
		if (KEY("measure", 1)) {
			const char *r;

			if (strcasecmp(value, "credit") == 0)
				p->measure = SU_PM_CREDIT;
			else if (strcasecmp(value, "team") == 0)
				p->measure = SU_PM_TEAM;
			else if (strcasecmp(value, "count") == 0)
				p->measure = SU_PM_COUNT;
			else if ((r = after(value, "role")) && *r) {
				p->measure = SU_PM_ROLE;
				free(p->role);
				p->role = su_xstrdup(r);
			} else
				goto badval;
		} else if (KEY("count", 2)) {
			free(p->count_src);
			p->count_src = su_xstrdup(value);
			p->count_line = line;
			p->count_col = kl ? kl->vcol : 0;
		} else if (KEY("base", 4)) {
			if (strcasecmp(value, "variable") == 0)
				p->base = SU_PB_VARIABLE;
			else if (strcasecmp(value, "amount") == 0)
				p->base = SU_PB_AMOUNT;
			else if (strcasecmp(value, "unit") == 0)
				p->base = SU_PB_UNIT;
			else
				goto badval;
		} else if (KEY("mode", 8)) {
			if (strcasecmp(value, "marginal") == 0)
				p->retro = 0;
			else if (strcasecmp(value, "retroactive") == 0)
				p->retro = 1;
			else
				goto badval;
		} else if (KEY("threshold", 16)) {
			if (pct(value, strlen(value), &p->threshold))
				goto badval;
		} else if (KEY("cap", 32)) {
			if (pct(value, strlen(value), &p->cap) || p->cap == 0)
				goto badval;
			p->has_cap = 1;
		} else if (KEY("payout", 64)) {
			if (strcasecmp(value, "quarterly") == 0)
				p->periods = 4;
			else if (strcasecmp(value, "monthly") == 0)
				p->periods = 12;
			else if (strcasecmp(value, "annual") == 0)
				p->periods = 1;
			else
				goto badval;
		} else if (KEY("clawback", 128)) {
			if (strcasecmp(value, "yes") == 0)
				p->clawback = 1;
			else if (strcasecmp(value, "no") == 0)
				p->clawback = 0;
			else
				goto badval;
		} else if (KEY("description", 256)) {
		} else {
			failf(ps, line, "[plan %s]: unknown key %s (expected "
			    "measure, count, base, mode, band, threshold, cap, "
			    "payout, clawback, description)", p->name, name);
			return 0;
		}
	} else if (ps->kind == 2) {
		struct su_bonus *b = &pl->b[pl->nb - 1];

		if (KEY("plan", 1))
			free(b->plan_name), b->plan_name = su_xstrdup(value);
		else if (KEY("amount", 2)) {
			char cur[SU_CUR_LEN];

			if (su_money_parse(value, strlen(value), 0, &m, cur,
			    &why) != 0 || m <= 0)
				goto badval;
			snprintf(what, sizeof what, "[bonus %s] amount = %s",
			    b->name, value);
			if (plan_currency(ps, line, what, cur, b->cur_what))
				return 0;
			b->amount = m;
		} else if (KEY("when", 4)) {
			free(b->when_src);
			b->when_src = su_xstrdup(value);
			b->when_line = line;
			b->when_col = kl ? kl->vcol : 0;
		} else if (KEY("description", 8)) {
		} else {
			failf(ps, line, "[bonus %s]: unknown key %s (expected "
			    "plan, amount, when, description)", b->name, name);
			return 0;
		}
	} else {
		struct su_spiff *s = &pl->s[pl->ns - 1];

		if (KEY("plans", 1))
			free(s->plans_src), s->plans_src = su_xstrdup(value);
		else if (KEY("award", 2)) {
			if (strcasecmp(value, "first") == 0)
				s->award = SU_SP_FIRST;
			else if (strcasecmp(value, "largest") == 0)
				s->award = SU_SP_LARGEST;
			else if (strcasecmp(value, "most") == 0)
				s->award = SU_SP_MOST;
			else
				goto badval;
		} else if (KEY("amount", 4)) {
			char cur[SU_CUR_LEN];

			if (su_money_parse(value, strlen(value), 0, &m, cur,
			    &why) != 0 || m <= 0)
				goto badval;
			snprintf(what, sizeof what, "[spiff %s] amount = %s",
			    s->name, value);
			if (plan_currency(ps, line, what, cur, s->cur_what))
				return 0;
			s->amount = m;
		} else if (KEY("period", 8)) {
			if (strcasecmp(value, "quarterly") == 0)
				s->periods = 4;
			else if (strcasecmp(value, "monthly") == 0)
				s->periods = 12;
			else if (strcasecmp(value, "annual") == 0)
				s->periods = 1;
			else
				goto badval;
		} else if (KEY("description", 16)) {
		} else {
			failf(ps, line, "[spiff %s]: unknown key %s (expected "
			    "plans, award, amount, period, description)",
			    s->name, name);
			return 0;
		}
	}
#undef KEY
	if (bit && (ps->seen & bit)) {
		failf(ps, line, "[%s]: %s given twice", section, name);
		return 0;
	}
	ps->seen |= bit;
	return 1;
badval:
	{
		static const char *const expect[] = {
			"measure", "credit, team, count or role COLUMN",
			"base", "variable, amount or unit",
			"mode", "marginal or retroactive",
			"threshold", "a percentage of quota",
			"cap", "a percentage of quota above 0",
			"payout", "quarterly, monthly or annual",
			"period", "quarterly, monthly or annual",
			"clawback", "yes or no",
			"amount", "an amount above 0",
			"award", "first, largest or most",
		};
		size_t i;

		for (i = 0; i < sizeof expect / sizeof expect[0]; i += 2)
			if (strcasecmp(name, expect[i]) == 0)
				break;
		failf(ps, line, "[%s]: %s = %s: expected %s", section, name,
		    value, i < sizeof expect / sizeof expect[0] ?
		    expect[i + 1] : "another value");
	}
	return 0;
}

/* a band's FROM-TO: RATE [flat], now that the base is known */
static int
read_band(struct parse *ps, struct su_plan *p, struct su_band *b)
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
		failf(ps, b->line, "[plan %s]: band = %s: %s", p->name, b->src,
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
		failf(ps, b->line, "[plan %s]: band = %s: only a band of base = "
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
		failf(ps, b->line, "[plan %s]: band = %s: the rate %s", p->name,
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
		if (plan_currency(ps, b->line, what, cur, p->cur_what))
			return -1;
	}
	return 0;
}

static int
compile(struct parse *ps, const char *what, const char *src, long line,
        size_t col, struct su_expr **e)
{
	struct su_expr_error err;
	char msg[400];

	if (su_expr_parse(src, strlen(src), e, &err) == 0)
		return 0;
	snprintf(msg, sizeof msg, "%s: %s", what, err.msg);
	su_ini_caret(ps->file, ps->text, line, col + err.pos, msg);
	ps->said = 1;
	return -1;
}

static int
finish(struct parse *ps)
{
	struct su_plans *pl = ps->pl;
	size_t i, k, j;
	char what[160];

	if (pl->np == 0) {
		failf(ps, 0, "no [plan NAME] section");
		return -1;
	}
	for (i = 0; i < pl->np; i++) {
		struct su_plan *p = &pl->p[i];

		for (j = 0; j < i; j++)
			if (strcasecmp(pl->p[j].name, p->name) == 0) {
				failf(ps, p->line, "plan %s given twice (first "
				    "on line %ld)", p->name, pl->p[j].line);
				return -1;
			}
		if (p->base < 0)
			p->base = p->measure == SU_PM_COUNT ? SU_PB_UNIT :
			    SU_PB_AMOUNT;
		if ((p->base == SU_PB_UNIT) != (p->measure == SU_PM_COUNT)) {
			failf(ps, p->line, "[plan %s]: base = unit goes with "
			    "measure = count, and only with it", p->name);
			return -1;
		}
		if (p->measure == SU_PM_COUNT && !p->count_src) {
			failf(ps, p->line, "[plan %s]: measure = count needs "
			    "count = CONDITION (the activity rows that count)",
			    p->name);
			return -1;
		}
		if (p->measure != SU_PM_COUNT && p->count_src) {
			failf(ps, p->count_line, "[plan %s]: count = ... goes "
			    "with measure = count", p->name);
			return -1;
		}
		if (p->retro < 0) {
			if (p->base == SU_PB_VARIABLE) {
				failf(ps, p->line, "[plan %s]: base = variable "
				    "needs mode = marginal or mode = "
				    "retroactive (say which)", p->name);
				return -1;
			}
			p->retro = 0;
		}
		if (p->nband == 0) {
			failf(ps, p->line, "[plan %s]: no band = FROM-TO: RATE",
			    p->name);
			return -1;
		}
		for (k = 0; k < p->nband; k++) {
			struct su_band *b = &p->band[k];

			if (read_band(ps, p, b))
				return -1;
			if (k == 0 && b->from != 0) {
				failf(ps, b->line, "[plan %s]: the first band "
				    "starts at 0 (band = %s)", p->name, b->src);
				return -1;
			}
			if (k > 0 && (p->band[k - 1].open ||
			    b->from != p->band[k - 1].to)) {
				failf(ps, b->line, "[plan %s]: band = %s %s the "
				    "one before (band = %s): each starts where "
				    "the last ends", p->name, b->src,
				    p->band[k - 1].open || b->from <
				    p->band[k - 1].to ? "overlaps" :
				    "leaves a gap after", p->band[k - 1].src);
				return -1;
			}
			if (!b->open && b->to <= b->from) {
				failf(ps, b->line, "[plan %s]: band = %s ends "
				    "before it starts", p->name, b->src);
				return -1;
			}
		}
		if (p->count_src) {
			snprintf(what, sizeof what, "plan %s: count", p->name);
			if (compile(ps, what, p->count_src, p->count_line,
			    p->count_col, &p->count))
				return -1;
		}
	}
	for (i = 0; i < pl->nb; i++) {
		struct su_bonus *b = &pl->b[i];

		if (!b->plan_name || !b->amount || !b->when_src) {
			failf(ps, b->line, "[bonus %s]: needs plan = NAME, "
			    "amount = AMOUNT and when = CONDITION", b->name);
			return -1;
		}
		for (k = 0; k < pl->np; k++)
			if (strcasecmp(pl->p[k].name, b->plan_name) == 0)
				break;
		if (k == pl->np) {
			failf(ps, b->line, "[bonus %s]: plan = %s: no such "
			    "plan", b->name, b->plan_name);
			return -1;
		}
		b->plan = (int)k;
		snprintf(what, sizeof what, "bonus %s", b->name);
		if (compile(ps, what, b->when_src, b->when_line, b->when_col,
		    &b->when))
			return -1;
	}
	for (i = 0; i < pl->ns; i++) {
		struct su_spiff *s = &pl->s[i];
		char *copy, *tok, *save = NULL;

		if (!s->plans_src || s->award < 0 || !s->amount) {
			failf(ps, s->line, "[spiff %s]: needs plans = NAME,..., "
			    "award = first|largest|most and amount = AMOUNT",
			    s->name);
			return -1;
		}
		copy = su_xstrdup(s->plans_src);
		for (tok = strtok_r(copy, ", ", &save); tok;
		     tok = strtok_r(NULL, ", ", &save)) {
			for (k = 0; k < pl->np; k++)
				if (strcasecmp(pl->p[k].name, tok) == 0)
					break;
			if (k == pl->np) {
				failf(ps, s->line, "[spiff %s]: plans: no plan "
				    "%s", s->name, tok);
				free(copy);
				return -1;
			}
			s->plans = su_xrealloc(s->plans, (s->nplans + 1) *
			    sizeof *s->plans);
			s->plans[s->nplans++] = (int)k;
		}
		free(copy);
		if (!s->nplans) {
			failf(ps, s->line, "[spiff %s]: plans = NAME,...",
			    s->name);
			return -1;
		}
	}
	return 0;
}

int
su_plans_load(const char *path, struct su_plans **out)
{
	struct parse ps;
	struct su_plans *pl = su_xmalloc(sizeof *pl);
	size_t i, j;
	int line;
	char *used;

	memset(&ps, 0, sizeof ps);
	memset(pl, 0, sizeof *pl);
	*out = NULL;
	pl->text = su_shipped_slurp(path, "plans", "plan file", &used);
	pl->file = used ? used : su_xstrdup(path);
	ps.pl = pl;
	ps.file = pl->file;
	if (!pl->text)
		goto bad;
	ps.text = pl->text;
	su_ini_scan(pl->text, &ps.ini);
	if ((line = (int)su_ini_long_line(pl->text)) != 0)
		failf(&ps, line, "a line longer than %d characters",
		    SU_INI_MAX_LINE);
	for (i = 0; i < ps.ini.nsec && !ps.msg[0]; i++) {
		const char *n = ps.ini.sec[i].name;

		if (!after(n, "plan") && !after(n, "bonus") &&
		    !after(n, "spiff")) {
			failf(&ps, ps.ini.sec[i].line, "unknown section [%s] "
			    "(expected [plan NAME], [bonus NAME] or [spiff "
			    "NAME])", n);
			break;
		}
	}
	if (ps.msg[0])
		line = 0;
	else if (su_ini_dup(&ps.ini, &i, &j)) {
		failf(&ps, ps.ini.sec[i].line, "[%s] given twice (first on "
		    "line %ld)", ps.ini.sec[i].name, ps.ini.sec[j].line);
		line = 0;
	} else
		line = ini_parse_string(pl->text, handler, &ps);
	if (line < 0) {
		su_msg(pl->file, 0, "cannot read the plans");
		goto bad;
	}
	if (line > 0 && !ps.msg[0])
		failf(&ps, line, "not an INI line (expected [section], key = "
		    "value or a ; comment)");
	if (ps.msg[0] || finish(&ps)) {
		if (!ps.said)
			su_msg(pl->file, ps.msgline, "%s", ps.msg);
		goto bad;
	}
	su_ini_free(&ps.ini);
	free(ps.cur);
	*out = pl;
	return 0;
bad:
	su_ini_free(&ps.ini);
	free(ps.cur);
	su_plans_free(pl);
	return -1;
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
