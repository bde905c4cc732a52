/*
 * commission - exact, explained payouts from compensation plans (issue 4;
 * commission-plan(5) for the plans): attainment bands paid retroactively
 * or marginally, rates on amount, per-unit tiers, bonuses and spiffs,
 * quarterly or monthly payouts with cumulative true-up, ramped and
 * prorated quotas, splits and clawbacks.  Every amount is integer cents.
 */
#include "su.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* su_in_reject's answer as it was: 0 carry on, -1 stop (until the
 * program runs on su_run) */
#define reject0(...) (su_in_reject(__VA_ARGS__) == SU_STOP ? -1 : 0)
#define flag0(...) (su_in_flag(__VA_ARGS__) == SU_STOP ? -1 : 0)

__extension__ typedef __int128 i128;

struct opts {
	struct su_opts c;
	const char *plans, *roster, *quotas, *activities, *metrics, *period;
	const char *model;
	int detail;
};

static const char usage_text[] =
"usage: commission -p PLANS -r ROSTER [--quotas FILE] [--activities FILE]\n"
"                  [--metrics FILE] [--period P] [-m MODEL] [--detail]\n"
"                  [--no-excel-safe] [options] [BOOKINGS ...]\n";

static void
usage(FILE *fp)
{
	fputs(usage_text, fp);
	if (fp == stdout)
		printf(
"\nPayout statements from compensation plans: one row per rep and payout\n"
"period (quota, credit, attainment, earned to date, paid before, payout\n"
"and its parts), or with --detail the line items that add up to each\n"
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
"      --period P             statements for the payout periods ending in P\n"
"                             (default: the whole plan year of --as-of)\n"
"  -m, --model MODEL          the stage model that says which stages are\n"
"                             closed won (default: seed 003's, built in; see\n"
"                             stagecheck-model(5))\n"
"      --detail               the audit trail: one line item per band, unit\n"
"                             tier, bonus, spiff and true-up\n"
"      --no-excel-safe        statements are --excel-safe unless this is given\n"
"\n%s", su_common_usage);
}

enum { OPT_QUOTAS = SU_OPT_PROGRAM_BASE, OPT_ACTIVITIES, OPT_METRICS,
       OPT_PERIOD, OPT_DETAIL, OPT_NO_EXCEL };

static int
parse_args(struct opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"plans", 1, 0, 'p'}, {"roster", 1, 0, 'r'},
		{"quotas", 1, 0, OPT_QUOTAS},
		{"activities", 1, 0, OPT_ACTIVITIES},
		{"metrics", 1, 0, OPT_METRICS}, {"period", 1, 0, OPT_PERIOD},
		{"detail", 0, 0, OPT_DETAIL}, {"model", 1, 0, 'm'},
		{"no-excel-safe", 0, 0, OPT_NO_EXCEL},
		SU_COMMON_LONGOPTS, {0, 0, 0, 0},
	};
	int c, no_excel = 0;

	su_opts_init(&o->c);
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":p:r:m:" SU_COMMON_SHORTOPTS,
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'p': o->plans = optarg; break;
		case 'r': o->roster = optarg; break;
		case 'm': o->model = optarg; break;
		case OPT_QUOTAS: o->quotas = optarg; break;
		case OPT_ACTIVITIES: o->activities = optarg; break;
		case OPT_METRICS: o->metrics = optarg; break;
		case OPT_PERIOD: o->period = optarg; break;
		case OPT_DETAIL: o->detail = 1; break;
		case OPT_NO_EXCEL: no_excel = 1; break;
		default:
			if (su_opts_default(&o->c, c, optarg, argv, usage))
				return -1;
		}
	}
	if (su_opts_finish(&o->c))
		return -1;
	o->c.excel_safe = !no_excel;
	if (!o->plans || !o->roster) {
		su_msg(NULL, 0, "%s is required", !o->plans ? "-p PLANS" :
		    "-r ROSTER");
		usage(stderr);
		return -1;
	}
	return optind;
}

/* ---- the plan year ------------------------------------------------------- */

struct year {
	int32_t month_from[12], month_to[12]; /* the plan year's months */
	int32_t from, to;
};

static void
plan_year(struct year *y, int fy, int fys)
{
	int i, cy = fys == 1 ? fy : fy - 1, m = fys;

	for (i = 0; i < 12; i++) {
		y->month_from[i] = su_days(cy, m, 1);
		y->month_to[i] = su_days(cy, m, su_days_in_month(cy, m));
		if (++m > 12)
			m = 1, cy++;
	}
	y->from = y->month_from[0];
	y->to = y->month_to[11];
}

static int
month_of(const struct year *y, int32_t d)
{
	int i;

	for (i = 0; i < 12; i++)
		if (d <= y->month_to[i])
			return i;
	return 11;
}

/* period k of n a year: months [k*12/n, (k+1)*12/n) */
static int32_t
pfrom(const struct year *y, int n, int k)
{
	return y->month_from[k * 12 / n];
}

static int32_t
pto(const struct year *y, int n, int k)
{
	return y->month_to[(k + 1) * 12 / n - 1];
}

static size_t
plabel(char *buf, const struct year *y, int n, int k, int fys)
{
	int32_t d = pfrom(y, n, k);

	if (n == 12)
		return su_label_month(buf, d);
	if (n == 4)
		return su_label_quarter(buf, d, fys);
	return su_label_fy(buf, d, fys);
}

/* ---- reps: the roster, ramped quotas, metrics ---------------------------- */

struct rep {
	char *name, *team;
	int plan;
	long line;
	int64_t quota, variable;   /* annual, from the roster */
	int quota_given;           /* Quota not empty: 0 is then an error */
	int32_t start;             /* 0: the whole year */
	int64_t pq[12], pv[12];    /* per payout period, after ramp/prorating */
	int has_pq[12];
	int64_t credit[12];        /* per month: credited amount */
	int64_t role[12];          /* per month: amount of deals in its role */
	int64_t units[12];         /* per month: activity rows counted */
	long deals[12];            /* per month: deals (positive bookings) */
	int64_t measure[12];       /* per month: what its plan measures */
};

struct award { /* a spiff won */
	int spiff, period, rep;
	int64_t amount;
	int32_t end;
};

struct best { /* a spiff period's leader(s) */
	int64_t value;
	int *reps;
	size_t n;
};

struct metric {
	int name;       /* index in st.mnames */
	int32_t end;    /* the period it is for, or INT32_MIN: any */
	char *value;
};

struct state {
	const struct opts *o;
	struct su_plans *pl;
	struct year y;
	int fy;
	struct rep *r;
	size_t nr;
	struct su_groups *byname; /* name -> index + 1 */
	char cur[SU_CUR_LEN];
	const char *curfile;
	long curline;
	/* the currency of the plans' and roster's amounts, and the first
	 * that states it: held against the bookings' */
	char cfgcur[SU_CUR_LEN];
	char cfgwhat[200];
	struct best *best;        /* per spiff x 12 */
	struct award *aw;
	size_t naw;
	/* metrics per rep */
	struct metric **m;
	size_t *nm;
	char **mnames;
	size_t nmnames;
	/* split deals waiting for all their shares */
	struct su_groups *splits;
	/* deal ids seen, by sign: "+ID" or "-ID" -> struct seen */
	struct su_groups *ids;
	/* with a stage column: the stage model, and the bookings left out
	 * (not closed won), by stage -> long */
	struct su_model *model;
	struct su_groups *notwon;
	long nnotwon;
	/* rep names as written where they differ from the roster's:
	 * spelling -> struct spelling */
	struct su_groups *spell;
	/* the side file being read (side_open) */
	struct su_opts side;
	char *sidefile[1];
};

/* is anyone on plan k */
static int
plan_used(const struct state *st, int k)
{
	size_t i;

	for (i = 0; i < st->nr; i++)
		if (st->r[i].plan == k)
			return 1;
	return 0;
}

/* is every rep on a plan that counts activity rows */
static int
count_only(const struct state *st)
{
	size_t i;

	for (i = 0; i < st->nr; i++)
		if (st->pl->p[st->r[i].plan].measure != SU_PM_COUNT)
			return 0;
	return 1;
}

struct spelling {
	int rep;
	long rows;
};

/* a rep name as a spreadsheet pivot matches it: trimmed, ASCII letters
 * in lower case, its length in *klen; in buf (NAME_BUF bytes) when it
 * fits, else malloc'd: free it when it is not buf */
#define NAME_BUF 128
static char *
name_key(const char *s, size_t len, size_t *klen, char *buf)
{
	char *k;
	size_t i;

	su_trim(&s, &len);
	k = len < NAME_BUF ? buf : su_xmalloc(len + 1);
	for (i = 0; i < len; i++)
		k[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') :
		    s[i];
	k[len] = '\0';
	*klen = len;
	return k;
}

/* the roster's index of a rep named so, or -1; a spelling other than the
 * roster's is kept, to be said (say_spellings) */
static int
find_rep(struct state *st, const char *name, size_t len)
{
	int *v, ri;
	size_t kl;
	char buf[NAME_BUF], *k = name_key(name, len, &kl, buf);

	v = su_groups_get(st->byname, k, kl);
	if (k != buf)
		free(k);
	if ((ri = *v - 1) < 0)
		return -1;
	if (strlen(st->r[ri].name) != len ||
	    memcmp(st->r[ri].name, name, len) != 0) {
		struct spelling *sp = su_groups_get(st->spell, name, len);

		sp->rep = ri;
		sp->rows++;
	}
	return ri;
}

/* the names merged with the roster's spelling: one note each, in byte
 * order, so that no row was credited to a name it does not show */
static void
say_spellings(struct state *st)
{
	struct su_group **g;
	size_t n, i;

	g = su_groups_sorted(st->spell, &n);
	for (i = 0; i < n; i++) {
		const struct spelling *sp = g[i]->val;

		su_msg(NULL, 0, "note: \"%.*s\" (%ld row%s) is the roster's "
		    "\"%s\": rep names match trimmed and regardless of case",
		    (int)g[i]->keylen, g[i]->key, sp->rows, sp->rows == 1 ?
		    "" : "s", st->r[sp->rep].name);
	}
}

/* a header among aliases (compared as -c compares them): its index, -1
 * none, -2 several */
static int
find_col(const struct su_rec *hdr, const char *const *aliases)
{
	size_t i, k;
	int found = -1;

	for (i = 0; i < hdr->n; i++)
		for (k = 0; aliases[k]; k++)
			if (su_normeq(hdr->f[i], aliases[k])) {
				if (found >= 0 && found != (int)i)
					return -2;
				found = (int)i;
			}
	return found;
}

static int
need_col(const struct su_rec *hdr, const char *what,
         const char *const *aliases, int required)
{
	int c = find_col(hdr, aliases);

	if (c == -2) {
		su_msg(hdr->file, 1, "several columns look like the %s column",
		    what);
		return -2;
	}
	if (c < 0 && required) {
		su_msg(hdr->file, 1, "no %s column (tried \"%s\"%s%s%s)", what,
		    aliases[0], aliases[1] ? ", \"" : "", aliases[1] ?
		    aliases[1] : "", aliases[1] ? "\", ..." : "");
		return -2;
	}
	return c;
}

static const char *const A_REP[] = {"Rep", "Name", "Rep Name", "Sales Rep",
                                    "Owner", "Employee", NULL};
static const char *const A_PLAN[] = {"Plan", "Comp Plan", "Plan Name", NULL};
static const char *const A_QUOTA[] = {"Quota", "Annual Quota", NULL};
static const char *const A_VAR[] = {"Variable", "Variable Pay",
                                    "Target Incentive", "Target Variable",
                                    NULL};
static const char *const A_START[] = {"Start Date", "Start", "Hire Date",
                                      NULL};
static const char *const A_TEAM[] = {"Team", NULL};
static const char *const A_PERIOD[] = {"Period", NULL};
static const char *const A_METRIC[] = {"Metric", NULL};
static const char *const A_VALUE[] = {"Value", NULL};
static const char *const A_SPLIT[] = {"Split %", "Split Percentage",
                                      "Split Percent", "Split", NULL};
static const char *const A_ISWON[] = {"IsWon", "Is Closed Won", NULL};
static const char *const A_DATE[] = {"Date", "Activity Date",
                                     "Meeting Date", "Completed Date",
                                     "Close Date", NULL};

/* a side file (roster, quotas, activities, metrics) opened and its
 * header read, or NULL (said): CSV whatever -t and -d say of the
 * bookings, and every error an error.  One at a time: the reader keeps
 * pointers to st->side and st->sidefile. */
static struct su_in *
side_open(struct state *st, const char *path, struct su_rec *hdr)
{
	struct su_in *in;

	st->side = st->o->c;
	st->side.tsv = 0;
	st->side.delim = -1;
	st->side.skip_invalid = 0;
	st->side.rejects = NULL;
	st->side.nover = 0;
	st->sidefile[0] = (char *)path;
	in = su_in_new(&st->side, 1, st->sidefile);
	if (su_in_header(in, hdr) < 0) {
		su_in_free(in);
		return NULL;
	}
	return in;
}

/* An amount of the plans or the roster (what: where and what), in cur: they
 * and the bookings are in one currency, never compared across two */
static int
cfg_currency(struct state *st, const char *what, const char *cur)
{
	if (!cur[0] || strcmp(cur, st->cfgcur) == 0)
		return 0;
	if (!st->cfgcur[0]) {
		memcpy(st->cfgcur, cur, sizeof st->cfgcur);
		snprintf(st->cfgwhat, sizeof st->cfgwhat, "%s", what);
		return 0;
	}
	su_msg(NULL, 0, "%s: in %s, but %s is in %s; amounts in different "
	    "currencies are never compared", what, cur, st->cfgwhat,
	    st->cfgcur);
	return -1;
}

/* the amounts of the plans someone is on, their bonuses and spiffs */
static int
plan_currencies(struct state *st)
{
	const struct su_plans *pl = st->pl;
	size_t i, j;
	int used;

	for (i = 0; i < pl->np; i++)
		if (pl->p[i].cur_what[0] && plan_used(st, (int)i) &&
		    cfg_currency(st, pl->p[i].cur_what, pl->cur))
			return -1;
	for (i = 0; i < pl->nb; i++)
		if (pl->b[i].cur_what[0] && plan_used(st, pl->b[i].plan) &&
		    cfg_currency(st, pl->b[i].cur_what, pl->cur))
			return -1;
	for (i = 0; i < pl->ns; i++) {
		for (j = used = 0; j < pl->s[i].nplans; j++)
			used |= plan_used(st, pl->s[i].plans[j]);
		if (pl->s[i].cur_what[0] && used &&
		    cfg_currency(st, pl->s[i].cur_what, pl->cur))
			return -1;
	}
	return 0;
}

static int
money(struct state *st, const struct su_rec *r, int col, const char *what,
      int64_t *out, int allow_empty)
{
	const char *why;
	char cur[SU_CUR_LEN];
	int rc = su_money_parse(r->f[col], r->len[col], st->o->c.decimal_comma,
	    out, cur, &why);

	if (rc == 1 && allow_empty) {
		*out = 0;
		return 1;
	}
	if (rc != 0) {
		su_msg(r->file, r->line, "%s \"%.*s\": %s", what,
		    (int)(r->len[col] > 40 ? 40 : r->len[col]), r->f[col],
		    rc == 1 ? "empty (a payout cannot rest on a guess)" : why);
		return -1;
	}
	if (cur[0]) {
		char w[200];

		snprintf(w, sizeof w, "%s:%ld: %s \"%.*s\"", r->file, r->line,
		    what, (int)(r->len[col] > 40 ? 40 : r->len[col]),
		    r->f[col]);
		return cfg_currency(st, w, cur);
	}
	return 0;
}

struct rcols { /* the roster's columns: -1 when not there */
	int rep, plan, quota, var, start, team;
};

/* a new rep named s, once in the roster.  NULL when it is there twice
 * (said). */
static struct rep *
roster_rep(struct state *st, const struct su_rec *rec, const char *s,
           size_t len)
{
	struct rep *p;
	size_t kl;
	int *v;
	char buf[NAME_BUF], *key;

	key = name_key(s, len, &kl, buf);
	v = su_groups_get(st->byname, key, kl);
	if (key != buf)
		free(key);
	if (*v) {
		const struct rep *q = &st->r[*v - 1];
		int same = memcmp(q->name, s, len) == 0;

		su_msg(rec->file, rec->line, "%.*s is in the roster twice "
		    "(first on line %ld%s%s)", (int)len, s, q->line,
		    same ? "" : " as ", same ? "" : q->name);
		return NULL;
	}
	st->r = su_xrealloc(st->r, (st->nr + 1) * sizeof *st->r);
	p = &st->r[st->nr];
	memset(p, 0, sizeof *p);
	p->name = su_xmalloc(len + 1);
	memcpy(p->name, s, len);
	p->name[len] = '\0';
	p->line = rec->line;
	*v = (int)++st->nr;
	return p;
}

/* the rep's plan, named as the plans file names it (regardless of case) */
static int
roster_plan(struct state *st, const struct su_rec *rec, int col,
            struct rep *p)
{
	const char *s = rec->f[col];
	size_t len = rec->len[col], k;

	su_trim(&s, &len);
	for (k = 0; k < st->pl->np; k++)
		if (strlen(st->pl->p[k].name) == len &&
		    strncasecmp(st->pl->p[k].name, s, len) == 0)
			break;
	if (k == st->pl->np) {
		su_msg(rec->file, rec->line, "plan \"%.*s\" of %s is not in %s",
		    (int)len, s, p->name, st->pl->file);
		return -1;
	}
	p->plan = (int)k;
	return 0;
}

/* the annual quota and variable pay: each may be empty, neither negative */
static int
roster_amounts(struct state *st, const struct su_rec *rec,
               const struct rcols *c, struct rep *p)
{
	int rc;

	if (c->quota >= 0) {
		if ((rc = money(st, rec, c->quota, "Quota", &p->quota, 1)) < 0)
			return -1;
		p->quota_given = rc == 0;
	}
	if (c->var >= 0 && money(st, rec, c->var, "Variable", &p->variable,
	    1) < 0)
		return -1;
	if (p->quota < 0 || p->variable < 0) {
		su_msg(rec->file, rec->line, "a negative quota or variable "
		    "pay");
		return -1;
	}
	return 0;
}

/* a start within the plan year (0: on or before its first day, or none) */
static int
roster_start(struct state *st, const struct su_rec *rec, int col,
             struct rep *p)
{
	const char *why;
	int rc = su_date_parse(rec->f[col], rec->len[col], st->o->c.dmy,
	    &p->start, &why);

	if (rc < 0) {
		su_msg(rec->file, rec->line, "Start Date \"%.*s\": %s",
		    (int)rec->len[col], rec->f[col], why);
		return -1;
	}
	if (rc == 1 || p->start <= st->y.from)
		p->start = 0;
	else if (p->start > st->y.to) {
		su_msg(rec->file, rec->line, "%s starts after the plan year",
		    p->name);
		return -1;
	}
	return 0;
}

/* a roster row: 0 or -1 (said) */
static int
roster_row(struct state *st, const struct su_rec *rec, const struct rcols *c)
{
	struct rep *p;
	const char *s = rec->f[c->rep];
	size_t len = rec->len[c->rep];

	su_trim(&s, &len);
	if (len == 0) {
		su_msg(rec->file, rec->line, "a roster row with no rep");
		return -1;
	}
	if (!(p = roster_rep(st, rec, s, len)) ||
	    roster_plan(st, rec, c->plan, p) ||
	    roster_amounts(st, rec, c, p) ||
	    (c->start >= 0 && roster_start(st, rec, c->start, p)))
		return -1;
	if (c->team >= 0) {
		s = rec->f[c->team], len = rec->len[c->team];
		su_trim(&s, &len);
		if (len) {
			p->team = su_xmalloc(len + 1);
			memcpy(p->team, s, len);
			p->team[len] = '\0';
		}
	}
	if (st->pl->p[p->plan].measure == SU_PM_TEAM && !p->team) {
		su_msg(rec->file, rec->line, "%s: plan %s measures the team, "
		    "and the roster gives %s none", p->name,
		    st->pl->p[p->plan].name, p->name);
		return -1;
	}
	return 0;
}

static int
read_roster(struct state *st)
{
	struct su_in *in;
	struct su_rec hdr, rec;
	struct rcols c;
	int r, ok = -1;

	if (!(in = side_open(st, st->o->roster, &hdr)))
		return -1;
	if ((c.rep = need_col(&hdr, "rep", A_REP, 1)) < -1 ||
	    (c.plan = need_col(&hdr, "plan", A_PLAN, 1)) < -1 ||
	    (c.quota = need_col(&hdr, "quota", A_QUOTA, 0)) < -1 ||
	    (c.var = need_col(&hdr, "variable", A_VAR, 0)) < -1 ||
	    (c.start = need_col(&hdr, "start date", A_START, 0)) < -1 ||
	    (c.team = need_col(&hdr, "team", A_TEAM, 0)) < -1)
		goto done;
	while ((r = su_in_next(in, &rec)) > 0)
		if (roster_row(st, &rec, &c))
			goto done;
	if (r == 0 && st->nr == 0) {
		su_msg(st->o->roster, 0, "no reps in the roster");
		goto done;
	}
	if (r == 0)
		ok = 0;
done:
	su_in_free(in);
	return ok;
}

/* a period's rows in a side file: the payout period of the rep's plan it
 * names, or -1 (said) */
static int
period_index(struct state *st, const struct rep *p, const struct su_rec *r,
             int col)
{
	struct su_period per;
	const char *why;
	char *s = su_xmalloc(r->len[col] + 1);
	int n = st->pl->p[p->plan].periods, k;

	memcpy(s, r->f[col], r->len[col] + 1);
	if (su_period_parse(s, st->o->c.fy_start, &per, &why)) {
		su_msg(r->file, r->line, "Period \"%s\": %s", s, why);
		free(s);
		return -1;
	}
	for (k = 0; k < n; k++)
		if (pfrom(&st->y, n, k) == per.from && pto(&st->y, n, k) ==
		    per.to)
			break;
	if (k == n)
		su_msg(r->file, r->line, "Period \"%s\" is not a payout period "
		    "of plan %s in FY%d", s, st->pl->p[p->plan].name, st->fy);
	free(s);
	return k == n ? -1 : k;
}

static int
read_quotas(struct state *st)
{
	struct su_in *in;
	struct su_rec hdr, rec;
	int c_rep, c_per, c_q, r, k, i, ok = -1;

	if (!(in = side_open(st, st->o->quotas, &hdr)))
		return -1;
	if ((c_rep = need_col(&hdr, "rep", A_REP, 1)) < 0 ||
	    (c_per = need_col(&hdr, "period", A_PERIOD, 1)) < 0 ||
	    (c_q = need_col(&hdr, "quota", A_QUOTA, 1)) < 0)
		goto done;
	while ((r = su_in_next(in, &rec)) > 0) {
		int64_t q;
		struct rep *p;

		if ((i = find_rep(st, rec.f[c_rep], rec.len[c_rep])) < 0) {
			su_msg(rec.file, rec.line, "%.*s is not in the roster",
			    (int)rec.len[c_rep], rec.f[c_rep]);
			goto done;
		}
		p = &st->r[i];
		if ((k = period_index(st, p, &rec, c_per)) < 0)
			goto done;
		if (money(st, &rec, c_q, "Quota", &q, 0) < 0)
			goto done;
		if (q <= 0) {
			su_msg(rec.file, rec.line, "a quota of zero or less");
			goto done;
		}
		if (p->has_pq[k]) {
			su_msg(rec.file, rec.line, "a second quota for %s in "
			    "that period", p->name);
			goto done;
		}
		p->pq[k] = q;
		p->has_pq[k] = 1;
	}
	if (r == 0)
		ok = 0;
done:
	su_in_free(in);
	return ok;
}

/* a ramped rep's quotas (--quotas): one for every payout period.  1
 * ramped, 0 not, -1 one is missing (said). */
static int
ramped(struct state *st, const struct rep *p, int n)
{
	int k, any = 0;
	char l[16];

	for (k = 0; k < n; k++)
		any |= p->has_pq[k];
	if (!any)
		return 0;
	for (k = 0; k < n; k++) {
		if (!p->has_pq[k]) {
			plabel(l, &st->y, n, k, st->o->c.fy_start);
			su_msg(st->o->quotas, 0, "%s has ramped quotas but none "
			    "for %s", p->name, l);
			return -1;
		}
	}
	return 1;
}

/* a count plan may go without a quota (an empty Quota), unless its
 * threshold or cap is a percentage of one; a quota written 0 is an error
 * on every rep, ramped too, as commission(1) says: an empty one says
 * "none" unmistakably */
static int
zero_quota(struct state *st, const struct rep *p, const struct su_plan *pl,
           int ramp)
{
	if (!ramp && p->quota == 0 && (pl->base != SU_PB_UNIT ||
	    pl->threshold || pl->has_cap)) {
		su_msg(st->o->roster, p->line, "%s: a quota of zero "
		    "(attainment would divide by it)", p->name);
		return -1;
	}
	if (p->quota == 0 && p->quota_given) {
		su_msg(st->o->roster, p->line, "%s: a quota of zero (leave "
		    "Quota empty where there is none)", p->name);
		return -1;
	}
	return 0;
}

/* period k's quota and variable prorated by the days from a mid-year
 * start */
static int
prorate(struct state *st, struct rep *p, int n, int k)
{
	int32_t a = pfrom(&st->y, n, k), b = pto(&st->y, n, k);
	int64_t days = b - (p->start > a ? p->start : a) + 1, len = b - a + 1;

	if (days < 0)
		days = 0;
	return su_muldiv(p->pq[k], days, len, &p->pq[k]) ||
	    su_muldiv(p->pv[k], days, len, &p->pv[k]) ? -1 : 0;
}

/* each rep's period quotas and variable: ramped (--quotas) or the annual
 * figure split evenly, then prorated by days from a mid-year start */
static int
quotas(struct state *st)
{
	size_t ri;
	int k, n, ramp;

	for (ri = 0; ri < st->nr; ri++) {
		struct rep *p = &st->r[ri];
		const struct su_plan *pl = &st->pl->p[p->plan];

		n = pl->periods;
		if ((ramp = ramped(st, p, n)) < 0 ||
		    zero_quota(st, p, pl, ramp))
			return -1;
		for (k = 0; k < n; k++) {
			if (!ramp)
				p->pq[k] = su_period_part(p->quota, k, n);
			p->pv[k] = su_period_part(p->variable, k, n);
			if (p->start && prorate(st, p, n, k))
				return -1;
		}
	}
	return 0;
}

/* a metric's index in st->mnames, added when new: compared as a bonus
 * names it (su_normeq), so "Churn" and "churn" are one metric, never two
 * of which a bonus sees one */
static int
metric_name(struct state *st, const char *s, size_t len)
{
	char *nm;
	size_t k;

	su_trim(&s, &len);
	nm = su_xmalloc(len + 1);
	memcpy(nm, s, len);
	nm[len] = '\0';
	for (k = 0; k < st->nmnames; k++)
		if (su_normeq(st->mnames[k], nm))
			break;
	if (k == st->nmnames) {
		st->mnames = su_xrealloc(st->mnames, (k + 1) *
		    sizeof *st->mnames);
		st->mnames[k] = nm;
		st->nmnames++;
	} else
		free(nm);
	return (int)k;
}

/* a metrics row: rep, metric, value [, period]: 0 or -1 (said) */
static int
metric_row(struct state *st, const struct su_rec *rec, int c_rep, int c_met,
           int c_val, int c_per)
{
	struct metric *mt;
	struct su_period per;
	const char *why;
	char *ps;
	int64_t num;
	int i;

	if ((i = find_rep(st, rec->f[c_rep], rec->len[c_rep])) < 0) {
		su_msg(rec->file, rec->line, "%.*s is not in the roster",
		    (int)rec->len[c_rep], rec->f[c_rep]);
		return -1;
	}
	if (su_expr_number(rec->f[c_val], rec->len[c_val],
	    st->o->c.decimal_comma, &num, &why) != 0) {
		su_msg(rec->file, rec->line, "Value \"%.*s\": not a number",
		    (int)rec->len[c_val], rec->f[c_val]);
		return -1;
	}
	st->m[i] = su_xrealloc(st->m[i], (st->nm[i] + 1) * sizeof *st->m[i]);
	mt = &st->m[i][st->nm[i]++];
	mt->name = metric_name(st, rec->f[c_met], rec->len[c_met]);
	mt->value = su_xstrdup(rec->f[c_val]);
	mt->end = INT32_MIN;
	if (c_per < 0 || !rec->len[c_per])
		return 0;
	ps = su_xstrdup(rec->f[c_per]);
	if (su_period_parse(ps, st->o->c.fy_start, &per, &why)) {
		su_msg(rec->file, rec->line, "Period \"%s\": %s", ps, why);
		free(ps);
		return -1;
	}
	free(ps);
	mt->end = per.to;
	return 0;
}

static int
read_metrics(struct state *st)
{
	struct su_in *in;
	struct su_rec hdr, rec;
	int c_rep, c_per, c_met, c_val, r, ok = -1;

	st->m = su_xmalloc(st->nr * sizeof *st->m);
	st->nm = su_xmalloc(st->nr * sizeof *st->nm);
	memset(st->m, 0, st->nr * sizeof *st->m);
	memset(st->nm, 0, st->nr * sizeof *st->nm);
	if (!st->o->metrics)
		return 0;
	if (!(in = side_open(st, st->o->metrics, &hdr)))
		return -1;
	if ((c_rep = need_col(&hdr, "rep", A_REP, 1)) < 0 ||
	    (c_met = need_col(&hdr, "metric", A_METRIC, 1)) < 0 ||
	    (c_val = need_col(&hdr, "value", A_VALUE, 1)) < 0 ||
	    (c_per = need_col(&hdr, "period", A_PERIOD, 0)) < -1)
		goto done;
	while ((r = su_in_next(in, &rec)) > 0)
		if (metric_row(st, &rec, c_rep, c_met, c_val, c_per))
			goto done;
	if (r == 0)
		ok = 0;
done:
	su_in_free(in);
	return ok;
}

/* ---- bookings ------------------------------------------------------------ */

struct share {
	int rep;
	su_rate pct;
	int64_t amount;
	long line;
	char *raw;      /* the row as read, for --rejects */
	size_t rawlen;
};

struct seen { /* a deal id's first row of a sign */
	const char *file;
	long line;
	int split;
};

struct split { /* a split deal: its shares, credited at the end */
	int64_t amount;
	int32_t day;
	su_rate sum;
	struct share *sh;
	size_t n;
	const char *file;
	long line;
	int *roles;     /* the reps its role columns credited, once each */
	size_t nroles;
};

/* the spiffs a credited share may win */
static void
spiff_see(struct state *st, int ri, int64_t amount, int32_t day)
{
	size_t s, k;
	int m = month_of(&st->y, day);

	if (amount <= 0)
		return;
	for (s = 0; s < st->pl->ns; s++) {
		const struct su_spiff *sp = &st->pl->s[s];
		struct best *b;
		int64_t v;
		size_t j;

		for (k = 0; k < sp->nplans; k++)
			if (sp->plans[k] == st->r[ri].plan)
				break;
		if (k == sp->nplans || sp->award == SU_SP_MOST)
			continue;
		b = &st->best[s * 12 + m * sp->periods / 12];
		/* first: the earliest day (kept negated: larger is better) */
		v = sp->award == SU_SP_FIRST ? -(int64_t)day : amount;
		if (b->n && v < b->value)
			continue;
		if (!b->n || v > b->value)
			b->n = 0;
		b->value = v;
		for (j = 0; j < b->n; j++)
			if (b->reps[j] == ri)
				break;
		if (j == b->n) {
			b->reps = su_xrealloc(b->reps, (b->n + 1) *
			    sizeof *b->reps);
			b->reps[b->n++] = ri;
		}
	}
}

static int
credit(struct state *st, int ri, int64_t amount, int32_t day,
       const struct su_rec *r)
{
	struct rep *p = &st->r[ri];
	int m = month_of(&st->y, day);

	if (su_add(p->credit[m], amount, &p->credit[m])) {
		su_msg(r ? r->file : NULL, r ? r->line : 0, "the credit of %s "
		    "overflows", p->name);
		return -1;
	}
	if (amount > 0)
		p->deals[m]++;
	spiff_see(st, ri, amount, day);
	return 0;
}

struct bcols {
	int rep, amount, close, id, split, stage, type, iswon;
	int currency;    /* the amount's currency column, or -1 */
	const struct su_rec *hdr;
	int *role;       /* per plan: the role column, or -1 */
};

/* the deal's amount to whoever its role columns name.  A split deal (sp
 * not NULL) is one deal: a rep any of its shares names is credited its
 * whole amount once, and a share leaving the column empty takes nothing
 * away (the export filled it on one share only); sp->roles keeps whom. */
static int
role_credit(struct state *st, const struct bcols *bc, const struct su_rec *r,
            int64_t amount, int32_t day, struct split *sp)
{
	size_t k, j;
	int m = month_of(&st->y, day), ri;

	for (k = 0; k < st->pl->np; k++) {
		if (bc->role[k] < 0 || !r->len[bc->role[k]])
			continue;
		ri = find_rep(st, r->f[bc->role[k]], r->len[bc->role[k]]);
		if (ri < 0 || st->r[ri].plan != (int)k)
			continue;
		if (sp) {
			for (j = 0; j < sp->nroles; j++)
				if (sp->roles[j] == ri)
					break;
			if (j < sp->nroles)
				continue;
		}
		if (su_add(st->r[ri].role[m], amount, &st->r[ri].role[m]))
			return -1;
		if (sp) {
			sp->roles = su_xrealloc(sp->roles, (sp->nroles + 1) *
			    sizeof *sp->roles);
			sp->roles[sp->nroles++] = ri;
		}
	}
	return 0;
}

/* a deal is credited once: a second row with its id (and its sign: a
 * clawback may name the deal it takes back) is refused, unless both are
 * shares of a split.  0, 1 refused and skipped, -1 to stop (said). */
static int
once(struct state *st, struct su_in *in, const struct bcols *bc,
     const struct su_rec *r, int64_t amount)
{
	const char *id = r->f[bc->id];
	size_t idlen = r->len[bc->id];
	int split = bc->split >= 0 && r->len[bc->split];
	struct seen *sn;
	char buf[NAME_BUF], *key, at[PATH_MAX + 32];

	su_trim(&id, &idlen);
	if (!idlen)
		return 0;
	key = idlen < NAME_BUF ? buf : su_xmalloc(idlen + 1);
	key[0] = amount < 0 ? '-' : '+';
	memcpy(key + 1, id, idlen);
	sn = su_groups_get(st->ids, key, idlen + 1);
	if (key != buf)
		free(key);
	if (!sn->line) {
		sn->file = r->file, sn->line = r->line, sn->split = split;
		return 0;
	}
	if (split && sn->split)
		return 0;
	return reject0(in, r, "deal %.*s is also on %s: a deal is "
	    "credited once (the shares of a split deal each give a Split %%)",
	    (int)idlen, id, su_seen_at(at, sizeof at, sn->file, sn->line,
	    r)) ? -1 : 1;
}

/* what a booking's Stage and IsWon say */
struct won {
	const char *s;      /* the stage, trimmed ("" none) */
	size_t len;
	const char *label;  /* what it is counted under when left out */
	int status;         /* SU_ST_*, or -1: not said */
	int known;          /* the stage says won or lost, not just open */
};

/* the stage's status in the pipeline of the deal's type: 0, or a refusal
 * (1 skipped, -1 to stop; said) */
static int
stage_status(struct state *st, struct su_in *in, const struct bcols *bc,
             const struct su_rec *r, struct won *w)
{
	const struct su_pipeline *p;
	const char *t = "";
	size_t tl = 0;
	int i, v;
	char nm[16];

	w->s = r->f[bc->stage], w->len = r->len[bc->stage];
	su_trim(&w->s, &w->len);
	if (bc->type >= 0)
		t = r->f[bc->type], tl = r->len[bc->type];
	if (!(p = su_model_pipeline(st->model, t, tl)))
		p = su_model_default(st->model);
	if (!w->len)
		return 0;
	if ((i = su_model_stage(p, w->s, w->len)) >= 0) {
		w->status = p->stage[i].status, w->known = 1;
		w->label = p->stage[i].name;
		return 0;
	}
	if (w->len < sizeof nm && su_norm(w->s, w->len, nm) &&
	    strcmp(nm, "closed") == 0)
		return reject0(in, r, "Stage \"%.*s\": closed won or "
		    "closed lost? (name it in a stage model, -m)", (int)w->len,
		    w->s) ? -1 : 1;
	v = su_category_parse(w->s, w->len);
	w->known = v == SU_CAT_CLOSED || v == SU_CAT_LOST;
	w->status = v == SU_CAT_CLOSED ? SU_ST_WON : v == SU_CAT_LOST ?
	    SU_ST_LOST : SU_ST_OPEN;
	return 0;
}

/* IsWon, held against the stage when both say: 0, or a refusal (1
 * skipped, -1 to stop; said) */
static int
iswon_status(struct su_in *in, const struct bcols *bc,
             const struct su_rec *r, struct won *w)
{
	int v;

	/* the same words as forecast, cyclestat and stagecheck take */
	if ((v = su_bool(r->f[bc->iswon], r->len[bc->iswon])) < 0)
		return reject0(in, r, "IsWon \"%.*s\": expected true or "
		    "false", (int)(r->len[bc->iswon] > 40 ? 40 :
		    r->len[bc->iswon]), r->f[bc->iswon]) ? -1 : 1;
	if (w->known && (w->status == SU_ST_WON) != v)
		return reject0(in, r, "Stage \"%.*s\" is %s and IsWon is "
		    "%.*s: which is it?", (int)w->len, w->s,
		    w->status == SU_ST_WON ? "won" : w->status == SU_ST_LOST ?
		    "lost" : "open", (int)r->len[bc->iswon],
		    r->f[bc->iswon]) ? -1 : 1;
	if (!w->len) {
		w->status = v ? SU_ST_WON : SU_ST_OPEN;
		w->label = v ? "IsWon true" : "IsWon false";
	} else if (!w->known)
		w->status = v ? SU_ST_WON : SU_ST_OPEN;
	return 0;
}

/* a booking with a stage (or IsWon) column: 1 closed won; 0 left out
 * (counted under its stage) or refused and skipped; -1 to stop (said).
 * The stage model says, in the pipeline of the deal's type; a stage it
 * does not know is won when named so (Closed Won, Won), lost when named
 * so, else open; a bare "Closed" could be either and is refused. */
static int
closed_won(struct state *st, struct su_in *in, const struct bcols *bc,
           const struct su_rec *r)
{
	struct won w;
	size_t ll;
	int rc;
	long *n;

	memset(&w, 0, sizeof w);
	w.s = "", w.status = -1;
	if (bc->stage >= 0 && (rc = stage_status(st, in, bc, r, &w)) != 0)
		return rc < 0 ? -1 : 0;
	if (bc->iswon >= 0 && r->len[bc->iswon] &&
	    (rc = iswon_status(in, bc, r, &w)) != 0)
		return rc < 0 ? -1 : 0;
	if (w.status < 0)
		return reject0(in, r, "%s empty: won or not? (a payout "
		    "cannot rest on a guess)", bc->stage >= 0 ? "Stage" :
		    "IsWon") ? -1 : 0;
	if (w.status == SU_ST_WON)
		return 1;
	if (!w.label)
		w.label = w.s, ll = w.len;
	else
		ll = strlen(w.label);
	n = su_groups_get(st->notwon, w.label, ll);
	(*n)++;
	st->nnotwon++;
	return 0;
}

/* the bookings left out as not closed won, counted by stage */
static void
say_not_won(struct state *st)
{
	struct su_group **g;
	size_t n, i, k = 0;
	char buf[1024];

	if (!st->nnotwon)
		return;
	g = su_groups_sorted(st->notwon, &n);
	for (i = 0; i < n && su_list_add(buf, sizeof buf, &k, "%ld \"%.*s\"",
	    *(long *)g[i]->val, (int)(g[i]->keylen > 200 ? 200 :
	    g[i]->keylen), g[i]->key) == 0; i++)
		;
	su_list_more(buf, sizeof buf, k, n - i, " stages");
	su_msg(NULL, 0, "%ld booking%s not closed won left out: %s",
	    st->nnotwon, st->nnotwon == 1 ? "" : "s", buf);
}

/* the bookings' columns: rep, amount, close date; deal id, stage, type,
 * IsWon, split and currency when there; the role column of each plan that
 * measures one.  0 or -1 (said). */
static int
booking_cols(struct state *st, const struct su_rec *hdr, struct bcols *bc)
{
	unsigned char want[SU_R_NROLES];
	int cols[SU_R_NROLES];
	size_t i;

	memset(want, 0, sizeof want);
	want[SU_R_OWNER] = want[SU_R_AMOUNT] = SU_COL_REQUIRED;
	want[SU_R_CLOSE] = SU_COL_REQUIRED;
	want[SU_R_ID] = SU_COL_OPTIONAL;
	want[SU_R_STAGE] = want[SU_R_TYPE] = SU_COL_OPTIONAL;
	want[SU_R_CURRENCY] = SU_COL_OPTIONAL;
	if (su_columns_resolve(hdr->file, hdr, &st->o->c, want, cols))
		return -1;
	bc->currency = cols[SU_R_CURRENCY];
	bc->hdr = hdr;
	bc->rep = cols[SU_R_OWNER];
	bc->amount = cols[SU_R_AMOUNT];
	bc->close = cols[SU_R_CLOSE];
	bc->id = cols[SU_R_ID];
	bc->stage = cols[SU_R_STAGE];
	bc->type = cols[SU_R_TYPE];
	/* a column given to another role (-c owner=Stage) is not also the
	 * deal's stage */
	if (bc->stage == bc->rep || bc->stage == bc->amount ||
	    bc->stage == bc->close || bc->stage == bc->id)
		bc->stage = -1;
	if ((bc->iswon = need_col(hdr, "IsWon", A_ISWON, 0)) < -1)
		return -1;
	if ((bc->stage >= 0 || bc->iswon >= 0 || st->o->model) &&
	    su_model_load(st->o->model, &st->model))
		return -1;
	if ((bc->split = need_col(hdr, "split", A_SPLIT, 0)) < -1)
		return -1;
	bc->role = su_xmalloc(st->pl->np * sizeof *bc->role);
	for (i = 0; i < st->pl->np; i++) {
		const char *al[2];

		bc->role[i] = -1;
		if (st->pl->p[i].measure != SU_PM_ROLE ||
		    !plan_used(st, (int)i))
			continue;
		al[0] = st->pl->p[i].role, al[1] = NULL;
		if ((bc->role[i] = find_col(hdr, al)) < 0) {
			su_msg(hdr->file, 1, "plan %s measures the deals in "
			    "column \"%s\", which is not there",
			    st->pl->p[i].name, st->pl->p[i].role);
			return -1;
		}
	}
	return 0;
}

/* the booking's amount and its currency, one for all the bookings: 0, 1
 * refused and skipped, -1 to stop (said) */
static int
booking_amount(struct state *st, struct su_in *in, const struct bcols *bc,
               const struct su_rec *r, int64_t *amount)
{
	const char *why;
	char cur[SU_CUR_LEN], msg[256];
	int rc;

	rc = su_money_parse(r->f[bc->amount], r->len[bc->amount],
	    st->o->c.decimal_comma, amount, cur, &why);
	if (rc != 0)
		return reject0(in, r, "Amount \"%.*s\": %s%s%s",
		    (int)(r->len[bc->amount] > 40 ? 40 : r->len[bc->amount]),
		    r->f[bc->amount], rc == 1 ? "empty (a payout cannot rest "
		    "on a guess)" : "not an amount (", rc == 1 ? "" : why,
		    rc == 1 ? "" : ")") ? -1 : 1;
	if (su_row_currency(bc->hdr, r, bc->currency, cur, msg, sizeof msg))
		return reject0(in, r, "%s", msg) ? -1 : 1;
	if (!cur[0])
		return 0;
	if (!st->cur[0]) {
		memcpy(st->cur, cur, sizeof st->cur);
		st->curfile = r->file, st->curline = r->line;
	} else if (strcmp(cur, st->cur) != 0)
		return reject0(in, r, "amount in %s, and %s:%ld was in "
		    "%s: amounts in different currencies are never added", cur,
		    st->curfile, st->curline, st->cur) ? -1 : 1;
	return 0;
}

/* the close date, within the plan year: 0, 1 refused and skipped, -1 to
 * stop (said) */
static int
booking_day(struct state *st, struct su_in *in, const struct bcols *bc,
            const struct su_rec *r, int32_t *day)
{
	const char *why;
	char a[16], b[16];
	int rc;

	rc = su_date_parse(r->f[bc->close], r->len[bc->close], st->o->c.dmy,
	    day, &why);
	if (rc != 0)
		return reject0(in, r, "Close Date \"%.*s\": %s",
		    (int)(r->len[bc->close] > 40 ? 40 : r->len[bc->close]),
		    r->f[bc->close], rc == 1 ? "empty" : why) ? -1 : 1;
	if (*day >= st->y.from && *day <= st->y.to)
		return 0;
	su_date_fmt(a, st->y.from);
	su_date_fmt(b, st->y.to);
	return reject0(in, r, "Close Date %.*s is outside the plan year "
	    "FY%d (%s..%s)", (int)r->len[bc->close], r->f[bc->close], st->fy,
	    a, b) ? -1 : 1;
}

/* a share of a split deal, kept until every share is read
 * (settle_splits): 0, or -1 to stop (said) */
static int
split_share(struct state *st, struct su_in *in, const struct bcols *bc,
            const struct su_rec *r, int ri, int64_t amount, int32_t day)
{
	struct split *sp;
	struct share *sh;
	su_rate pct;
	size_t idlen;
	const char *id, *why;
	int rc;

	rc = su_rate_parse(r->f[bc->split], r->len[bc->split], SU_RATE_PERCENT,
	    &pct, &why);
	if (rc == 1) /* blanks: neither a share nor no split */
		why = "only blanks (leave it empty for a deal that is not "
		    "split)";
	else if (rc == 0 && (pct <= 0 || pct > SU_RATE_ONE))
		rc = -1, why = "a share is above 0% and at most 100%";
	if (rc != 0)
		return reject0(in, r, "Split \"%.*s\": %s",
		    (int)r->len[bc->split], r->f[bc->split], why);
	if (bc->id < 0)
		return reject0(in, r, "a split deal needs a deal id "
		    "column (Opportunity ID) to gather its shares");
	id = r->f[bc->id], idlen = r->len[bc->id];
	su_trim(&id, &idlen);
	if (!idlen)
		return reject0(in, r, "a split share with no deal id");
	sp = su_groups_get(st->splits, id, idlen);
	if (sp->n && (sp->amount != amount || sp->day != day))
		return reject0(in, r, "deal %.*s: this share's amount or "
		    "close date differs from line %ld's", (int)idlen, id,
		    sp->line);
	if (!sp->n) {
		sp->amount = amount, sp->day = day;
		sp->file = r->file, sp->line = r->line;
	}
	sp->sh = su_xrealloc(sp->sh, (sp->n + 1) * sizeof *sp->sh);
	sh = &sp->sh[sp->n++];
	sh->rep = ri;
	sh->pct = pct;
	sh->line = r->line;
	sh->raw = su_xmalloc(r->rawlen + 1);
	memcpy(sh->raw, r->raw, r->rawlen);
	sh->rawlen = r->rawlen;
	sp->sum += pct;
	/* a role's credit is the deal's, once for each rep named */
	if (role_credit(st, bc, r, amount, day, sp))
		return reject0(in, r, "a role credit overflows");
	return 0;
}

/* one booking row: 0, or -1 to stop (said) */
static int
booking(struct state *st, struct su_in *in, const struct bcols *bc,
        const struct su_rec *r)
{
	int64_t amount;
	int32_t day;
	int ri, rc;

	/* a lost or open deal is no one's credit, whatever else it holds */
	if ((bc->stage >= 0 || bc->iswon >= 0) &&
	    (rc = closed_won(st, in, bc, r)) <= 0)
		return rc;
	ri = find_rep(st, r->f[bc->rep], r->len[bc->rep]);
	if (ri < 0)
		return reject0(in, r, "rep \"%.*s\" is not in the roster",
		    (int)(r->len[bc->rep] > 40 ? 40 : r->len[bc->rep]),
		    r->f[bc->rep]);
	if ((rc = booking_amount(st, in, bc, r, &amount)) != 0 ||
	    (rc = booking_day(st, in, bc, r, &day)) != 0)
		return rc < 0 ? -1 : 0;
	if (bc->id >= 0 && (rc = once(st, in, bc, r, amount)) != 0)
		return rc < 0 ? -1 : 0;
	if (bc->split >= 0 && r->len[bc->split])
		return split_share(st, in, bc, r, ri, amount, day);
	if (role_credit(st, bc, r, amount, day, NULL))
		return reject0(in, r, "a role credit overflows");
	return credit(st, ri, amount, day, r);
}

/* the split deals, complete: shares to 100%, rounded to the cent, the
 * cent left over to the first share listed */
static int
settle_splits(struct state *st, struct su_in *in)
{
	struct su_group **g;
	size_t n, i, k;

	g = su_groups_sorted(st->splits, &n);
	for (i = 0; i < n; i++) {
		struct split *sp = g[i]->val;
		int64_t sum = 0;
		char pbuf[48];

		if (sp->sum != SU_RATE_ONE) {
			su_ratio_fmt(pbuf, sp->sum, SU_RATE_ONE, 2, 100);
			if (!st->o->c.skip_invalid) {
				su_msg(sp->file, sp->line, "deal %.*s: its split "
				    "shares add up to %s%%, not 100%%",
				    (int)g[i]->keylen, g[i]->key, pbuf);
				return -1;
			}
			/* every share of the deal out, its role credit too */
			for (k = 0; k < sp->n; k++) {
				struct su_rec fake;

				memset(&fake, 0, sizeof fake);
				fake.file = sp->file;
				fake.line = sp->sh[k].line;
				fake.raw = sp->sh[k].raw;
				fake.rawlen = sp->sh[k].rawlen;
				if (reject0(in, &fake, "deal %.*s: its split "
				    "shares add up to %s%%, not 100%%",
				    (int)g[i]->keylen, g[i]->key, pbuf))
					return -1;
			}
			for (k = 0; k < sp->nroles; k++)
				st->r[sp->roles[k]].role[month_of(&st->y,
				    sp->day)] -= sp->amount;
			continue;
		}
		for (k = 0; k < sp->n; k++) {
			if (su_rate_apply(sp->amount, sp->sh[k].pct,
			    &sp->sh[k].amount))
				return -1;
			sum += sp->sh[k].amount;
		}
		sp->sh[0].amount += sp->amount - sum;
		for (k = 0; k < sp->n; k++)
			if (credit(st, sp->sh[k].rep, sp->sh[k].amount, sp->day,
			    NULL))
				return -1;
	}
	return 0;
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

/* ---- activities ------------------------------------------------------------ */

/* no --activities: -1 (said) when someone is on a plan that counts
 * activity rows, else 0 */
static int
no_activities(struct state *st)
{
	size_t k;

	for (k = 0; k < st->nr; k++)
		if (st->pl->p[st->r[k].plan].measure == SU_PM_COUNT)
			break;
	if (k == st->nr)
		return 0;
	su_msg(NULL, 0, "plan %s counts activity rows (%s is on it): give "
	    "them with --activities FILE", st->pl->p[st->r[k].plan].name,
	    st->r[k].name);
	return -1;
}

/* each plan's count expression bound to the activities' columns */
static int
bind_counts(struct state *st, const struct su_rec *hdr)
{
	size_t k, j, pos;

	for (k = 0; k < st->pl->np; k++) {
		struct su_plan *p = &st->pl->p[k];

		if (!p->count)
			continue;
		for (j = 0; j < su_expr_ncols(p->count); j++) {
			const char *name = su_expr_colname(p->count, j, &pos);
			int c = su_find_header(hdr, name);

			if (c < 0) {
				char msg[300];

				snprintf(msg, sizeof msg, "plan %s: count: %s "
				    "\"%s\" in %s", p->name, c == -1 ? "no column" :
				    "several columns match", name,
				    st->o->activities);
				su_ini_caret(st->pl->file, st->pl->text,
				    p->count_line, p->count_col + pos, msg);
				return -1;
			}
			su_expr_bind(p->count, j, c);
		}
	}
	return 0;
}

/* an activity row: counted in its month when its rep's plan counts it.
 * 0 or -1 (said). */
static int
activity_row(struct state *st, const struct su_rec *rec, int c_rep,
             int c_date, const struct su_expr_env *env)
{
	struct su_expr_fault f;
	struct su_plan *p;
	const char *why;
	int32_t day;
	int ri, v;

	if ((ri = find_rep(st, rec->f[c_rep], rec->len[c_rep])) < 0) {
		su_msg(rec->file, rec->line, "rep \"%.*s\" is not in the "
		    "roster", (int)rec->len[c_rep], rec->f[c_rep]);
		return -1;
	}
	p = &st->pl->p[st->r[ri].plan];
	if (!p->count)
		return 0; /* not a unit plan: nothing to count */
	if ((v = su_date_parse(rec->f[c_date], rec->len[c_date], env->dmy,
	    &day, &why)) != 0) {
		su_msg(rec->file, rec->line, "date \"%.*s\": %s",
		    (int)rec->len[c_date], rec->f[c_date], v == 1 ? "empty" :
		    why);
		return -1;
	}
	if (day < st->y.from || day > st->y.to) {
		su_msg(rec->file, rec->line, "date %.*s is outside the plan "
		    "year FY%d", (int)rec->len[c_date], rec->f[c_date],
		    st->fy);
		return -1;
	}
	if ((v = su_expr_eval(p->count, rec, env, &f)) < 0) {
		su_msg(rec->file, rec->line, "plan %s: count: %s \"%.*s\": %s",
		    p->name, f.column, (int)f.vlen, f.value, f.why);
		return -1;
	}
	st->r[ri].units[month_of(&st->y, day)] += v;
	return 0;
}

static int
read_activities(struct state *st)
{
	struct su_in *in;
	struct su_rec hdr, rec;
	struct su_expr_env env;
	int c_rep, c_date, r, ok = -1;

	if (!st->o->activities)
		return no_activities(st);
	env.dmy = st->o->c.dmy;
	env.decimal_comma = st->o->c.decimal_comma;
	env.today = st->o->c.as_of;
	env.yn = NULL; /* a count resting on "maybe" is refused */
	if (!(in = side_open(st, st->o->activities, &hdr)))
		return -1;
	if ((c_rep = need_col(&hdr, "rep", A_REP, 1)) < 0 ||
	    (c_date = need_col(&hdr, "date", A_DATE, 1)) < 0 ||
	    bind_counts(st, &hdr))
		goto done;
	while ((r = su_in_next(in, &rec)) > 0)
		if (activity_row(st, &rec, c_rep, c_date, &env))
			goto done;
	if (r == 0)
		ok = 0;
done:
	su_in_free(in);
	return ok;
}

/* ---- what the plans measure ---------------------------------------------- */

/* what each rep's plan measures, per month */
static void
measures(struct state *st)
{
	size_t i, j;
	int m;

	for (i = 0; i < st->nr; i++) {
		struct rep *p = &st->r[i];

		for (m = 0; m < 12; m++) {
			switch (st->pl->p[p->plan].measure) {
			case SU_PM_CREDIT: p->measure[m] = p->credit[m]; break;
			case SU_PM_ROLE: p->measure[m] = p->role[m]; break;
			case SU_PM_COUNT: p->measure[m] = p->units[m]; break;
			case SU_PM_TEAM:
				p->measure[m] = 0;
				/* teams match as rep names do: trimmed
				 * (when read) and regardless of case */
				for (j = 0; j < st->nr; j++)
					if (st->r[j].team && strcasecmp(
					    st->r[j].team, p->team) == 0)
						p->measure[m] += st->r[j].credit[m];
				break;
			}
		}
	}
}

/* ---- bonuses and spiffs (the bands and true-up: lib/payout.c) ---------- */

/* the row a bonus condition is evaluated on: attainment, credit and
 * quota (as bind_bonuses numbers them), then each metric of --metrics */
#define BONUS_COLS 64
struct bonus_row {
	const char *hf[BONUS_COLS], *vf[BONUS_COLS];
	size_t hl[BONUS_COLS], vl[BONUS_COLS];
	char att[64], cr[64], qu[64];
	struct su_rec hdr, rec;
};

/* rep ri's latest value of metric i for a period ending by end, or "" */
static const char *
latest_metric(const struct state *st, size_t ri, size_t i, int32_t end)
{
	size_t j, best = (size_t)-1;

	for (j = 0; j < st->nm[ri]; j++) {
		const struct metric *mt = &st->m[ri][j];

		if ((size_t)mt->name != i || mt->end > end)
			continue;
		if (best == (size_t)-1 || mt->end >= st->m[ri][best].end)
			best = j;
	}
	return best == (size_t)-1 ? "" : st->m[ri][best].value;
}

static void
bonus_row(const struct state *st, size_t ri, int32_t end, int64_t M,
          int64_t Qyear, struct bonus_row *b)
{
	const struct rep *p = &st->r[ri];
	size_t i, nf = 3 + st->nmnames;

	if (nf > BONUS_COLS)
		nf = BONUS_COLS;
	/* a count plan's M is units and its quota hundredths of a unit (the
	 * roster's 8.5 is 850): both as counts */
	if (st->pl->p[p->plan].base == SU_PB_UNIT) {
		if (Qyear > 0)
			su_ratio_fmt(b->att, M, Qyear, 6, 10000);
		snprintf(b->cr, sizeof b->cr, "%lld", (long long)M);
		su_ratio_fmt(b->qu, Qyear, 100, 2, 1);
	} else {
		if (Qyear > 0) /* a percentage: 125.000000 */
			su_ratio_fmt(b->att, M, Qyear, 6, 100);
		su_money_fmt(b->cr, M);
		su_money_fmt(b->qu, Qyear);
	}
	if (Qyear <= 0)
		b->att[0] = '\0';
	b->hf[0] = "attainment", b->vf[0] = b->att;
	b->hf[1] = "credit", b->vf[1] = b->cr;
	b->hf[2] = "quota", b->vf[2] = b->qu;
	for (i = 3; i < nf; i++) {
		b->hf[i] = st->mnames[i - 3];
		b->vf[i] = latest_metric(st, ri, i - 3, end);
	}
	for (i = 0; i < nf; i++)
		b->hl[i] = strlen(b->hf[i]), b->vl[i] = strlen(b->vf[i]);
	memset(&b->hdr, 0, sizeof b->hdr);
	b->hdr.n = nf, b->hdr.f = b->hf, b->hdr.len = b->hl;
	b->hdr.file = "bonus";
	b->rec = b->hdr;
	b->rec.f = b->vf, b->rec.len = b->vl;
}

/* the bonuses rep ri has earned by the end of period k of n: line items
 * in c, their sum in *sum.  0; -1 overflow; -2 a condition could not be
 * evaluated (said). */
static int
bonuses_to_date(struct state *st, size_t ri, int k, int n, int64_t M,
                int64_t Qyear, unsigned char *held, struct su_items *c,
                int64_t *sum)
{
	const struct rep *p = &st->r[ri];
	struct bonus_row row;
	struct su_expr_env env;
	struct su_expr_fault f;
	size_t b;

	*sum = 0;
	bonus_row(st, ri, pto(&st->y, n, k), M, Qyear, &row);
	env.dmy = 0, env.decimal_comma = 0, env.today = st->o->c.as_of;
	env.yn = NULL;
	for (b = 0; b < st->pl->nb; b++) {
		const struct su_bonus *bo = &st->pl->b[b];
		struct su_item *it;
		int v;

		if (bo->plan != p->plan)
			continue;
		/* once it held it is earned: a later fall in attainment
		 * (a clawback) does not take it back */
		if (!held[b]) {
			v = su_expr_eval(bo->when, &row.rec, &env, &f);
			if (v < 0) {
				su_msg(NULL, 0, "bonus %s for %s: %s \"%.*s\": "
				    "%s", bo->name, p->name, f.column,
				    (int)f.vlen, f.value, f.why);
				return -2;
			}
			if (!v)
				continue;
			held[b] = 1;
		}
		it = su_items_add(c);
		snprintf(it->source, sizeof it->source, "bonus %s", bo->name);
		it->amount = bo->amount;
		if (su_add(*sum, bo->amount, sum))
			return -1;
	}
	return 0;
}

/* bind every bonus condition to the synthetic columns */
static int
bind_bonuses(struct state *st)
{
	size_t b, j, i;

	for (b = 0; b < st->pl->nb; b++) {
		struct su_bonus *bo = &st->pl->b[b];

		/* a plan nobody is on: its bonuses are never evaluated */
		if (!plan_used(st, bo->plan))
			continue;
		for (j = 0; j < su_expr_ncols(bo->when); j++) {
			size_t pos;
			const char *name = su_expr_colname(bo->when, j, &pos);
			int c = -1;

			if (su_normeq(name, "attainment"))
				c = 0;
			else if (su_normeq(name, "credit"))
				c = 1;
			else if (su_normeq(name, "quota"))
				c = 2;
			else
				for (i = 0; i < st->nmnames &&
				    i < BONUS_COLS - 3; i++)
					if (su_normeq(name, st->mnames[i]))
						c = 3 + (int)i;
			if (c < 0) {
				char msg[300];

				snprintf(msg, sizeof msg, "bonus %s: \"%s\" is "
				    "not attainment, credit, quota or a metric "
				    "of --metrics", bo->name, name);
				su_ini_caret(st->pl->file, st->pl->text,
				    bo->when_line, bo->when_col + pos, msg);
				return -1;
			}
			su_expr_bind(bo->when, j, c);
		}
	}
	return 0;
}

/* a "most deals" spiff's leaders in period per: the reps on its plans
 * with the most deals (positive bookings), none when nobody has one */
static void
most_deals(struct state *st, const struct su_spiff *sp, int per,
           struct best *b)
{
	size_t i, k;
	long bestn = 0, cnt;
	int m;

	b->n = 0;
	for (i = 0; i < st->nr; i++) {
		for (k = 0; k < sp->nplans; k++)
			if (sp->plans[k] == st->r[i].plan)
				break;
		if (k == sp->nplans)
			continue;
		cnt = 0;
		for (m = per * 12 / sp->periods;
		     m < (per + 1) * 12 / sp->periods; m++)
			cnt += st->r[i].deals[m];
		if (cnt == 0 || cnt < bestn)
			continue;
		if (cnt > bestn)
			b->n = 0, bestn = cnt;
		b->reps = su_xrealloc(b->reps, (b->n + 1) * sizeof *b->reps);
		b->reps[b->n++] = (int)i;
	}
}

/* the leaders in roster order: the extra cents of a tie go to the first */
static void
roster_order(struct best *b)
{
	size_t i, j;
	int x;

	for (i = 1; i < b->n; i++) {
		x = b->reps[i];
		for (j = i; j > 0 && b->reps[j - 1] > x; j--)
			b->reps[j] = b->reps[j - 1];
		b->reps[j] = x;
	}
}

/* the spiffs' winners, ties split to the cent (the extra cents to the
 * first winners in roster order) */
static void
award_spiffs(struct state *st)
{
	size_t s, i;
	int per;

	for (s = 0; s < st->pl->ns; s++) {
		const struct su_spiff *sp = &st->pl->s[s];

		for (per = 0; per < sp->periods; per++) {
			struct best *b = &st->best[s * 12 + per];

			if (sp->award == SU_SP_MOST)
				most_deals(st, sp, per, b);
			roster_order(b);
			for (i = 0; i < b->n; i++) {
				struct award *a;

				st->aw = su_xrealloc(st->aw, (st->naw + 1) *
				    sizeof *st->aw);
				a = &st->aw[st->naw++];
				a->spiff = (int)s;
				a->period = per;
				a->amount = su_spiff_share(sp->amount, b->n, i);
				a->end = pto(&st->y, sp->periods, per);
				a->rep = b->reps[i];
			}
		}
	}
}

/* ---- statements and --detail line items ---------------------------------- */

#define str su_cell_str

#define num su_cell_num

/* a rep's figures in payout period k: to date (M, Q, V), the year's
 * quota, what is earned to date (C + B + S = E) and what was before */
struct figures {
	int64_t M, Q, V, Qyear;
	int64_t C, B, S, E;        /* commission, bonuses, spiffs, earned */
	int64_t paid, pc, pb, ps;  /* paid before; C, B, S the period before */
	int64_t raw, payout;       /* the true-up, and what is paid */
};

/* the spiffs rep ri has won by the end of period k of n: line items in c,
 * their sum in f->S.  0, or -1 overflow. */
static int
spiffs_to_date(struct state *st, size_t ri, int k, int n, struct su_items *c,
               struct figures *f)
{
	size_t i;

	f->S = 0;
	for (i = 0; i < st->naw; i++) {
		const struct award *a = &st->aw[i];
		const struct su_spiff *sp = &st->pl->s[a->spiff];
		struct su_item *it;
		char pl2[16];

		if ((size_t)a->rep != ri || a->end > pto(&st->y, n, k))
			continue;
		plabel(pl2, &st->y, sp->periods, a->period, st->o->c.fy_start);
		it = su_items_add(c);
		snprintf(it->source, sizeof it->source, "spiff %s %s",
		    sp->name, pl2);
		it->amount = a->amount;
		if (su_add(f->S, a->amount, &f->S))
			return -1;
	}
	return 0;
}

/* --detail: the period's line items, then paid before and what is carried
 * forward, so that they add up to the payout */
static int
detail_rows(struct su_out *out, const struct rep *p, const struct su_plan *pl,
            const char *label, struct su_items *c, const struct figures *f)
{
	struct su_cell cells[7];
	struct su_item *it;
	size_t i;
	int e;

	it = su_items_add(c);
	strcpy(it->source, "paid before");
	it->amount = -f->paid;
	if (f->payout != f->raw) {
		it = su_items_add(c);
		strcpy(it->source, "carried forward");
		it->amount = -f->raw;
	}
	for (i = 0; i < c->n; i++) {
		const struct su_item *t = &c->it[i];

		cells[0] = str(p->name);
		cells[1] = str(pl->name);
		cells[2] = str(label);
		cells[3] = str(t->source);
		cells[4] = num(t->basis_type, t->basis, 0);
		/* a multiple or a percentage is su_rate; money is cents */
		cells[5] = num(t->rate_type, t->rate,
		    t->rate_type == SU_C_MONEY ? 0 : SU_RATE_ONE);
		cells[6] = num(SU_C_MONEY, t->amount, 0);
		if ((e = su_out_row(out, cells)) != 0)
			return e;
	}
	return 0;
}

/* the period's statement: quota, credit, attainment, earned, paid before,
 * the payout and its parts since the period before */
static int
statement_row(struct su_out *out, const struct rep *p,
              const struct su_plan *pl, const char *label,
              const struct figures *f)
{
	struct su_cell cells[13];

	cells[0] = str(p->name);
	cells[1] = str(pl->name);
	cells[2] = str(label);
	if (pl->base == SU_PB_UNIT) {
		/* empty: no quota; 0: none yet (before a mid-year start) */
		cells[3] = f->Qyear ? num(SU_C_CENTI, f->Q, 0) :
		    num(SU_C_NULL, 0, 0);
		cells[4] = num(SU_C_INT, f->M, 0);
		cells[5] = f->Q ? num(SU_C_PCT, f->M * 100, f->Q) :
		    num(SU_C_NULL, 0, 0);
	} else {
		cells[3] = num(SU_C_MONEY, f->Q, 0);
		cells[4] = num(SU_C_MONEY, f->M, 0);
		cells[5] = f->Q > 0 ? num(SU_C_PCT, f->M, f->Q) :
		    num(SU_C_NULL, 0, 0);
	}
	cells[6] = num(SU_C_MONEY, f->E, 0);
	cells[7] = num(SU_C_MONEY, f->paid, 0);
	cells[8] = num(SU_C_MONEY, f->payout, 0);
	cells[9] = num(SU_C_MONEY, f->C - f->pc, 0);
	cells[10] = num(SU_C_MONEY, f->B - f->pb, 0);
	cells[11] = num(SU_C_MONEY, f->S - f->ps, 0);
	cells[12] = num(SU_C_MONEY, f->payout - ((f->C - f->pc) +
	    (f->B - f->pb) + (f->S - f->ps)), 0);
	return su_out_row(out, cells);
}

/* period k of n: the figures to date and the true-up.  0; -1 overflow;
 * -2 a bonus could not be evaluated (said). */
static int
period_to_date(struct state *st, size_t ri, int k, int n,
               unsigned char *held, struct su_items *c, struct figures *f)
{
	const struct rep *p = &st->r[ri];
	const struct su_plan *pl = &st->pl->p[p->plan];
	int mth, e;

	for (mth = k * 12 / n; mth < (k + 1) * 12 / n; mth++)
		if (su_add(f->M, p->measure[mth], &f->M))
			return -1;
	if (su_add(f->Q, p->pq[k], &f->Q) || su_add(f->V, p->pv[k], &f->V))
		return -1;
	c->n = 0;
	if (su_commission_to_date(pl, f->M, f->Q, f->V, c, &f->C))
		return -1;
	if ((e = bonuses_to_date(st, ri, k, n, f->M, f->Qyear, held, c,
	    &f->B)) != 0)
		return e;
	if (spiffs_to_date(st, ri, k, n, c, f))
		return -1;
	if (su_add(f->C, f->B, &f->E) || su_add(f->E, f->S, &f->E))
		return -1;
	f->payout = su_trueup(f->E, f->paid, pl->clawback, &f->raw);
	return 0;
}

/* rep ri's statements (or line items) for the periods wanted: 0; -1
 * failed (said); or su_out_row's error */
static int
rep_statements(struct state *st, struct su_out *out,
               const struct su_period *want, size_t ri, unsigned char *held,
               struct su_items *c)
{
	const struct rep *p = &st->r[ri];
	const struct su_plan *pl = &st->pl->p[p->plan];
	struct figures f;
	int k, n = pl->periods, e, show;
	char label[16];

	memset(&f, 0, sizeof f);
	memset(held, 0, st->pl->nb + 1);
	for (k = 0; k < n; k++)
		f.Qyear += p->pq[k];
	for (k = 0; k < n; k++) {
		if ((e = period_to_date(st, ri, k, n, held, c, &f)) == -2)
			return -1;
		if (e) {
			su_msg(NULL, 0, "the payout of %s overflows", p->name);
			return -1;
		}
		plabel(label, &st->y, n, k, st->o->c.fy_start);
		show = !want || (pto(&st->y, n, k) >= want->from &&
		    pto(&st->y, n, k) <= want->to);
		if (show && (e = st->o->detail ?
		    detail_rows(out, p, pl, label, c, &f) :
		    statement_row(out, p, pl, label, &f)) != 0)
			return e;
		f.paid += f.payout;
		f.pc = f.C, f.pb = f.B, f.ps = f.S;
	}
	return 0;
}

static int
statements(struct state *st, struct su_out *out, const struct su_period *want)
{
	static const char *const snames[] = {"rep", "plan", "period", "quota",
	    "credit", "attainment", "earned_to_date", "paid_before", "payout",
	    "commission", "bonus", "spiff", "adjustment"};
	static const char *const dnames[] = {"rep", "plan", "period", "source",
	    "basis", "rate", "amount"};
	struct su_items c;
	size_t ri;
	int e;
	unsigned char *held; /* per bonus: its condition has held */

	memset(&c, 0, sizeof c);
	if ((e = st->o->detail ? su_out_header(out, 7, dnames) :
	    su_out_header(out, 13, snames)) != 0)
		return e;
	held = su_xmalloc(st->pl->nb + 1);
	for (ri = 0, e = 0; ri < st->nr && e == 0; ri++)
		e = rep_statements(st, out, want, ri, held, &c);
	free(c.it);
	free(held);
	return e;
}

/* --period P: one or more payout periods within a plan year.  0 or -1
 * (said). */
static int
want_period(const struct opts *o, struct su_period *want)
{
	const char *why;

	if (su_period_parse(o->period, o->c.fy_start, want, &why)) {
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

/* the bookings, every row credited or refused, and the split deals
 * settled once all their shares are in: 0 or -1 (said) */
static int
read_bookings(struct state *st, struct su_in *in, struct bcols *bc)
{
	struct su_rec hdr, rec;
	int r;

	if (su_in_header(in, &hdr) < 0 || booking_cols(st, &hdr, bc))
		return -1;
	while ((r = su_in_next(in, &rec)) > 0)
		if (booking(st, in, bc, &rec))
			return -1;
	if (r < 0 || settle_splits(st, in) || su_in_finish(in))
		return -1;
	return 0;
}

/* the tables the reading fills, once the plans are read */
static void
state_tables(struct state *st)
{
	st->byname = su_groups_new(sizeof(int));
	st->splits = su_groups_new(sizeof(struct split));
	st->ids = su_groups_new(sizeof(struct seen));
	st->spell = su_groups_new(sizeof(struct spelling));
	st->notwon = su_groups_new(sizeof(long));
	st->best = su_xmalloc((st->pl->ns + 1) * 12 * sizeof *st->best);
	memset(st->best, 0, (st->pl->ns + 1) * 12 * sizeof *st->best);
}

static void
free_state(struct state *st)
{
	size_t i, k;

	for (i = 0; i < st->nr; i++) {
		free(st->r[i].name);
		free(st->r[i].team);
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
	su_groups_free(st->ids, NULL);
	su_groups_free(st->spell, NULL);
	su_groups_free(st->notwon, NULL);
	su_model_free(st->model);
	su_plans_free(st->pl);
}

int
main(int argc, char **argv)
{
	struct opts o;
	struct state st;
	struct su_in *in = NULL;
	struct su_out *out = NULL;
	struct su_period want, *wantp = NULL;
	struct bcols bc;
	int first, r, status = SU_EXIT_ERR;

	su_start(argv[0]);
	memset(&o, 0, sizeof o);
	memset(&st, 0, sizeof st);
	memset(&bc, 0, sizeof bc);
	if ((first = parse_args(&o, argc, argv)) < 0)
		return SU_EXIT_ERR;
	st.o = &o;
	if (o.period) {
		if (want_period(&o, &want))
			return SU_EXIT_ERR;
		wantp = &want;
	}
	st.fy = su_fiscal_year(wantp ? want.from : o.c.as_of, o.c.fy_start);
	plan_year(&st.y, st.fy, o.c.fy_start);
	if (su_plans_load(o.plans, &st.pl))
		return SU_EXIT_ERR;
	state_tables(&st);
	if (read_roster(&st) || (o.quotas && read_quotas(&st)) ||
	    plan_currencies(&st) ||
	    read_metrics(&st) || bind_bonuses(&st) || read_activities(&st))
		goto done;
	in = su_in_new(&o.c, argc - first, argv + first);
	/* SDRs alone: nothing in the bookings is theirs, so none are read
	 * (not even standard input) unless named */
	if (first == argc && o.activities && count_only(&st))
		goto computed;
	if (read_bookings(&st, in, &bc))
		goto done;
computed:
	/* a quota or a plan's amount is never held against bookings in
	 * another currency; bookings that state none are in theirs */
	if (su_cur_compare(st.cfgwhat, st.cfgcur, "bookings", st.cur,
	    st.curfile, st.curline))
		goto done;
	if (!st.cur[0])
		memcpy(st.cur, st.cfgcur, sizeof st.cur);
	if (quotas(&st))
		goto done;
	say_spellings(&st);
	say_not_won(&st);
	measures(&st);
	award_spiffs(&st);
	if (!(out = su_out_open(&o.c)))
		goto done;
	if (st.cur[0])
		su_out_currency(out, st.cur);
	r = statements(&st, out, wantp);
	if (r == 0) {
		r = su_out_done(out, in);
		out = NULL;
	}
	if (r == 0 || r == SU_OUT_EPIPE)
		status = SU_EXIT_OK;
done:
	su_out_abort(out);
	su_in_free(in);
	free(bc.role);
	free_state(&st);
	return status;
}
