/*
 * roster.c - commission's reps: the plan year, the roster, ramped quotas,
 * metrics and activities (its side files, read before the bookings).
 */
#include "commission.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- the plan year ------------------------------------------------------- */

void
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

int
month_of(const struct year *y, int32_t d)
{
	int i;

	for (i = 0; i < 12; i++)
		if (d <= y->month_to[i])
			return i;
	return 11;
}

/* period k of n a year: months [k*12/n, (k+1)*12/n) */
int32_t
pfrom(const struct year *y, int n, int k)
{
	return y->month_from[k * 12 / n];
}

int32_t
pto(const struct year *y, int n, int k)
{
	return y->month_to[(k + 1) * 12 / n - 1];
}

size_t
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

/* is anyone on plan k */
int
plan_used(const struct state *st, int k)
{
	size_t i;

	for (i = 0; i < st->nr; i++)
		if (st->r[i].plan == k)
			return 1;
	return 0;
}

/* is every rep on a plan that counts activity rows */
int
count_only(const struct state *st)
{
	size_t i;

	for (i = 0; i < st->nr; i++)
		if (st->pl->p[st->r[i].plan].measure != SU_PM_COUNT)
			return 0;
	return 1;
}

/* a rep name as a spreadsheet pivot matches it: trimmed, ASCII letters
 * in lower case, its length in *klen; in buf (NAME_BUF bytes) when it
 * fits, else malloc'd: free it when it is not buf */
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
int
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
void
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

/* A side file's columns by role, found as the bookings' are (-c renames
 * them; a role's names in salesutils(7)): pairs of a role and
 * SU_COL_REQUIRED or SU_COL_OPTIONAL, then -1.  0, or -1 (said). */
static int
side_cols(const struct state *st, const struct su_rec *hdr, int *col, ...)
{
	unsigned char want[SU_R_NROLES];
	va_list ap;
	int role;

	memset(want, 0, sizeof want);
	va_start(ap, col);
	while ((role = va_arg(ap, int)) >= 0)
		want[role] = (unsigned char)va_arg(ap, int);
	va_end(ap);
	return su_columns_resolve(hdr->file, hdr, &st->side, want, col);
}

/* a side file (roster, quotas, activities, metrics) opened and its
 * header read, or NULL (said): CSV whatever -t and -d say of the
 * bookings, and every error an error.  One at a time: the reader keeps
 * pointers to st->side and st->sidefile. */
static struct su_in *
side_open(struct state *st, const char *path, struct su_rec *hdr)
{
	struct su_in *in;

	st->sidefile[0] = (char *)path;
	in = su_in_side(&st->o->c, &st->side, st->sidefile, hdr);
	/* su_in_side drops -c for files of a program's own; commission's
	 * side files take it (side_cols): their columns are roles */
	st->side.nover = st->o->c.nover;
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
int
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

/* an amount of a side file (the roster's, a ramped quota): 0, 1 empty
 * (allowed: *out is 0), or -1 (said) */
static int
side_money(struct state *st, const struct su_rec *r, int col,
           const char *what, int64_t *out, int allow_empty)
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
	int rep, plan, quota, var, start, team, base, mgr, draw;
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
		if ((rc = side_money(st, rec, c->quota, "Quota", &p->quota,
		    1)) < 0)
			return -1;
		p->quota_given = rc == 0;
	}
	if (c->var >= 0 && side_money(st, rec, c->var, "Variable",
	    &p->variable, 1) < 0)
		return -1;
	/* base pay left empty is not taken as none: 0 says so */
	if (c->base >= 0 && side_money(st, rec, c->base, "Base", &p->base,
	    0) < 0)
		return -1;
	/* an empty Draw is the plan's; a rep's own needs its plan to say
	 * whether draws are recoverable */
	p->draw = st->pl->p[p->plan].draw;
	if (c->draw >= 0 && side_money(st, rec, c->draw, "Draw", &p->draw,
	    1) == 1)
		p->draw = st->pl->p[p->plan].draw;
	if (p->draw < 0) {
		su_msg(rec->file, rec->line, "a negative draw");
		return -1;
	}
	if (p->draw && st->pl->p[p->plan].draw_recover < 0) {
		su_msg(rec->file, rec->line, "%s has a Draw, and plan %s does "
		    "not say recoverable = yes or recoverable = no", p->name,
		    st->pl->p[p->plan].name);
		return -1;
	}
	if (p->quota < 0 || p->variable < 0 || p->base < 0) {
		su_msg(rec->file, rec->line, "a negative quota, variable or "
		    "base pay");
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

/* column col of rec trimmed, as a string; NULL when empty or col < 0 */
static char *
trimmed(const struct su_rec *rec, int col)
{
	const char *s;
	size_t len;
	char *t;

	if (col < 0)
		return NULL;
	s = rec->f[col], len = rec->len[col];
	su_trim(&s, &len);
	if (!len)
		return NULL;
	t = su_xmalloc(len + 1);
	memcpy(t, s, len);
	t[len] = '\0';
	return t;
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
	p->mgr = -1;
	p->mgr_name = trimmed(rec, c->mgr);
	p->team = trimmed(rec, c->team);
	if (st->pl->p[p->plan].measure == SU_PM_TEAM && !p->team) {
		su_msg(rec->file, rec->line, "%s: plan %s measures the team, "
		    "and the roster gives %s none", p->name,
		    st->pl->p[p->plan].name, p->name);
		return -1;
	}
	return 0;
}

/* the Manager column: each names a rep of the roster (matched as rep
 * names are), and following managers up never comes back to a rep: a
 * cycle is an error naming its reps in order.  0 or -1 (said). */
static int
managers(struct state *st)
{
	size_t i, k, n;
	int j, c;
	char msg[512];

	for (i = 0; i < st->nr; i++) {
		struct rep *p = &st->r[i];

		if (!p->mgr_name)
			continue;
		if ((j = find_rep(st, p->mgr_name, strlen(p->mgr_name))) < 0) {
			su_msg(st->o->roster, p->line, "%s's Manager \"%s\" is "
			    "not in the roster", p->name, p->mgr_name);
			return -1;
		}
		p->mgr = j;
	}
	for (i = 0; i < st->nr; i++) {
		/* nr steps up from a rep in a cycle end inside it */
		for (c = (int)i, k = 0; c >= 0 && k < st->nr; k++)
			c = st->r[c].mgr;
		if (c < 0)
			continue;
		n = (size_t)snprintf(msg, sizeof msg, "%s", st->r[c].name);
		j = st->r[c].mgr;
		do {
			if (n < sizeof msg)
				n += (size_t)snprintf(msg + n, sizeof msg - n,
				    " -> %s", st->r[j].name);
			j = st->r[j].mgr;
		} while (j != st->r[c].mgr);
		su_msg(st->o->roster, 0, "the managers go round in a cycle: "
		    "%s (each reports to the next)", msg);
		return -1;
	}
	return 0;
}

int
read_roster(struct state *st)
{
	struct su_in *in;
	struct su_rec hdr, rec;
	struct rcols c;
	int col[SU_R_NROLES], r, ok = -1;

	if (!(in = side_open(st, st->o->roster, &hdr)))
		return -1;
	if (side_cols(st, &hdr, col, SU_R_REP, SU_COL_REQUIRED, SU_R_PLAN,
	    SU_COL_REQUIRED, SU_R_QUOTA, SU_COL_OPTIONAL, SU_R_VARIABLE,
	    SU_COL_OPTIONAL, SU_R_START, SU_COL_OPTIONAL, SU_R_TEAM,
	    SU_COL_OPTIONAL, SU_R_BASE, SU_COL_OPTIONAL, SU_R_MANAGER,
	    SU_COL_OPTIONAL, SU_R_DRAW, SU_COL_OPTIONAL, -1))
		goto done;
	c.rep = col[SU_R_REP], c.plan = col[SU_R_PLAN];
	c.quota = col[SU_R_QUOTA], c.var = col[SU_R_VARIABLE];
	c.start = col[SU_R_START], c.team = col[SU_R_TEAM];
	c.base = col[SU_R_BASE], c.mgr = col[SU_R_MANAGER];
	c.draw = col[SU_R_DRAW];
	st->has_base = c.base >= 0;
	while ((r = su_in_next(in, &rec)) > 0)
		if (roster_row(st, &rec, &c))
			goto done;
	if (r == 0 && st->nr == 0) {
		su_msg(st->o->roster, 0, "no reps in the roster");
		goto done;
	}
	if (r == 0)
		ok = managers(st);
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

/* a side file of rows by rep and payout period (--quotas, --paid): Rep,
 * Period and the money column of role, each row handed to fn with its
 * rep, the period's index in the rep's plan and the amount.  0 or -1
 * (said). */
static int
side_periods(struct state *st, const char *path, int role, const char *what,
             int (*fn)(struct state *, const struct su_rec *, struct rep *,
                       int, int64_t))
{
	struct su_in *in;
	struct su_rec hdr, rec;
	int col[SU_R_NROLES], c_rep, c_per, c_v, r, k, i, ok = -1;

	if (!(in = side_open(st, path, &hdr)))
		return -1;
	if (side_cols(st, &hdr, col, SU_R_REP, SU_COL_REQUIRED, SU_R_PERIOD,
	    SU_COL_REQUIRED, role, SU_COL_REQUIRED, -1))
		goto done;
	c_rep = col[SU_R_REP], c_per = col[SU_R_PERIOD], c_v = col[role];
	while ((r = su_in_next(in, &rec)) > 0) {
		int64_t v;

		if ((i = find_rep(st, rec.f[c_rep], rec.len[c_rep])) < 0) {
			su_msg(rec.file, rec.line, "%.*s is not in the roster",
			    (int)rec.len[c_rep], rec.f[c_rep]);
			goto done;
		}
		if ((k = period_index(st, &st->r[i], &rec, c_per)) < 0 ||
		    side_money(st, &rec, c_v, what, &v, 0) < 0 ||
		    fn(st, &rec, &st->r[i], k, v))
			goto done;
	}
	if (r == 0)
		ok = 0;
done:
	su_in_free(in);
	return ok;
}

/* a ramped quota: above 0, once a period */
static int
quota_row(struct state *st, const struct su_rec *rec, struct rep *p, int k,
          int64_t q)
{
	(void)st;
	if (q <= 0) {
		su_msg(rec->file, rec->line, "a quota of zero or less");
		return -1;
	}
	if (p->has_pq[k]) {
		su_msg(rec->file, rec->line, "a second quota for %s in that "
		    "period", p->name);
		return -1;
	}
	p->pq[k] = q;
	p->has_pq[k] = 1;
	return 0;
}

int
read_quotas(struct state *st)
{
	return side_periods(st, st->o->quotas, SU_R_QUOTA, "Quota",
	    quota_row);
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
			su_msg(st->o->quotas, 0, "%s has ramped quotas but "
			    "none for %s", p->name, l);
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

/* period k's quota, variable and base pay prorated by the days from a
 * mid-year start */
static int
prorate(struct state *st, struct rep *p, int n, int k)
{
	int32_t a = pfrom(&st->y, n, k), b = pto(&st->y, n, k);
	int64_t days = b - (p->start > a ? p->start : a) + 1, len = b - a + 1;

	if (days < 0)
		days = 0;
	return su_muldiv(p->pq[k], days, len, &p->pq[k]) ||
	    su_muldiv(p->pv[k], days, len, &p->pv[k]) ||
	    su_muldiv(p->pb[k], days, len, &p->pb[k]) ? -1 : 0;
}

/* a payment: two in a period are two payments, summed; the periods up to
 * the last one named are the ledger's */
static int
ledger_row(struct state *st, const struct su_rec *rec, struct rep *p, int k,
           int64_t a)
{
	int32_t end = pto(&st->y, st->pl->p[p->plan].periods, k);

	p->paid_line[k] = 1;
	if (su_add(p->ledger[k], a, &p->ledger[k])) {
		su_msg(rec->file, rec->line, "the payments to %s in that "
		    "period overflow", p->name);
		return -1;
	}
	if (end > st->ledger_to)
		st->ledger_to = end;
	return 0;
}

/* --paid LEDGER: what was really paid, per rep and payout period */
int
read_ledger(struct state *st)
{
	st->ledger_to = INT32_MIN;
	return side_periods(st, st->o->paid, SU_R_AMOUNT, "Amount",
	    ledger_row);
}

/* each rep's period quotas and variable: ramped (--quotas) or the annual
 * figure split evenly, then prorated by days from a mid-year start */
int
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
			p->pb[k] = su_period_part(p->base, k, n);
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

int
read_metrics(struct state *st)
{
	struct su_in *in;
	struct su_rec hdr, rec;
	int col[SU_R_NROLES], c_rep, c_per, c_met, c_val, r, ok = -1;

	st->m = su_xmalloc(st->nr * sizeof *st->m);
	st->nm = su_xmalloc(st->nr * sizeof *st->nm);
	memset(st->m, 0, st->nr * sizeof *st->m);
	memset(st->nm, 0, st->nr * sizeof *st->nm);
	if (!st->o->metrics)
		return 0;
	if (!(in = side_open(st, st->o->metrics, &hdr)))
		return -1;
	if (side_cols(st, &hdr, col, SU_R_REP, SU_COL_REQUIRED, SU_R_METRIC,
	    SU_COL_REQUIRED, SU_R_VALUE, SU_COL_REQUIRED, SU_R_PERIOD,
	    SU_COL_OPTIONAL, -1))
		goto done;
	c_rep = col[SU_R_REP], c_met = col[SU_R_METRIC];
	c_val = col[SU_R_VALUE], c_per = col[SU_R_PERIOD];
	while ((r = su_in_next(in, &rec)) > 0)
		if (metric_row(st, &rec, c_rep, c_met, c_val, c_per))
			goto done;
	if (r == 0)
		ok = 0;
done:
	su_in_free(in);
	return ok;
}

/* ---- activities ---------------------------------------------------------- */

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
				    "\"%s\" in %s", p->name, c == -1 ?
				    "no column" : "several columns match", name,
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

int
read_activities(struct state *st)
{
	struct su_in *in;
	struct su_rec hdr, rec;
	struct su_expr_env env;
	int col[SU_R_NROLES], c_rep, c_date, r, ok = -1;

	if (!st->o->activities)
		return no_activities(st);
	env.dmy = st->o->c.dmy;
	env.decimal_comma = st->o->c.decimal_comma;
	env.today = st->o->c.as_of;
	env.yn = NULL; /* a count resting on "maybe" is refused */
	if (!(in = side_open(st, st->o->activities, &hdr)))
		return -1;
	if (side_cols(st, &hdr, col, SU_R_REP, SU_COL_REQUIRED,
	    SU_R_ACTIVITY_DATE, SU_COL_REQUIRED, -1))
		goto done;
	c_rep = col[SU_R_REP], c_date = col[SU_R_ACTIVITY_DATE];
	if (bind_counts(st, &hdr))
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

