/*
 * arr - the customer base from contract lines: the ARR bridge per period
 * (starting, new, expansion, contraction, churn, reactivation, ending),
 * NRR and GRR, logo churn, customers; the renewals coming up; the
 * accounts in their second year short of an expansion target; metrics
 * for commission(1)'s --metrics.  Money is int64 cents throughout.
 */
#include "su.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NO_END INT32_MAX /* a line without an End date runs on */

/* one contract line of an account */
struct line {
	int32_t start, end;
	int64_t arr;  /* cents a year */
	long lineno;  /* where it was read, for --renewals */
	char *owner;  /* --renewals: its owner, as written */
	char *account;
};

/* an account (within its -g group): its lines */
struct acct {
	struct line *l;
	size_t n, cap;
	int32_t first; /* the earliest start */
};

/* one period of one group */
struct bridge {
	int64_t start, new_arr, expansion, contraction, churn, react, end;
	int64_t cust_start, cust_new, cust_churn, cust_react, cust_end;
};

enum per { PER_MONTH, PER_QUARTER, PER_YEAR };

struct opts {
	struct su_opts c;
	const char *group_by;
	const char *period;
	enum per per;
	const char *amount;  /* --amount arr|mrr: which column, when both */
	int metrics;
	const char *rep;
	long renewals;       /* --renewals DAYS, or -1 */
	su_rate target;      /* --expansion-target */
	int has_target;
	/* --start, --end, --arr, --mrr, --month: a column by its header */
	const char *h_start, *h_end, *h_arr, *h_mrr, *h_month;
	int snapshots;       /* --snapshots: rows are an account's ARR in a
	                        month */
	const char *spend;   /* --spend FILE */
	su_rate margin;      /* --gross-margin */
	int has_margin;
};

struct state {
	struct opts *o;
	struct su_in *in;
	struct su_gcol *g;
	size_t ng;
	int c_start, c_end, c_amount, mrr, c_account, c_owner;
	const char *hmonth;  /* --snapshots: the month column's header */
	char cur[SU_CUR_LEN];
	const char *cur_file;
	long cur_line;
	struct su_groups *t; /* group key NUL account -> struct acct */
	char *key;
	size_t keycap;
	int32_t first, last; /* the earliest start, the latest end */
	long nlines;
	long churned2;       /* --expansion-target: second-year accounts
	                        at 0 ARR, left out */
	/* --spend: the periods, and per channel (the -g value, or "") an
	 * amount a period */
	int32_t *p;
	size_t np;
	struct su_groups *spend;
	char spend_cur[SU_CUR_LEN];
	long nozero_churn;   /* LTV not worked out: no churn */
};

static const char usage_text[] =
"usage: arr [-g COL] [--per month|quarter|year] [--period P]\n"
"           [--start COL] [--end COL] [--arr COL | --mrr COL]\n"
"           [--snapshots [--month COL]] [--spend FILE [--gross-margin PCT]]\n"
"           [--amount arr|mrr] [--metrics [--rep NAME]]\n"
"           [--renewals DAYS] [--expansion-target PCT] [options] [FILE ...]\n";

static void
usage(FILE *fp)
{
	fputs(usage_text, fp);
	if (fp == stdout)
		printf(
"\nThe ARR bridge from contract lines (Account, Start Date, End Date, ARR or\n"
"MRR): per period, starting ARR + new + expansion - contraction - churn +\n"
"reactivation = ending ARR; NRR, GRR, customers and logo churn.\n"
"\n"
"  -g, --group-by COL         a bridge per value of a column (owner, segment,\n"
"                             a header name)\n"
"      --per month|quarter|year\n"
"                             the periods (default month)\n"
"      --period P             the periods within P (default: from the first\n"
"                             start to --as-of)\n"
"      --start COL, --end COL the contract dates' columns (default: Start\n"
"                             Date, End Date and their other names)\n"
"      --arr COL, --mrr COL   the amount's column, ARR or MRR (x 12)\n"
"      --amount arr|mrr       the column to read when there are both\n"
"      --snapshots            rows are monthly snapshots: Account, Month,\n"
"                             ARR or MRR (a month without one is no ARR)\n"
"      --month COL            --snapshots: the month's column\n"
"      --spend FILE           Period, Amount [, Channel]: CAC, CAC payback\n"
"                             months and LTV columns (Channel matches -g)\n"
"      --gross-margin PCT     the margin of payback and LTV\n"
"      --metrics              Rep,Metric,Value,Period rows for commission's\n"
"                             --metrics: churn, arr_churn, nrr, grr\n"
"      --rep NAME             --metrics without -g: the rep they are for\n"
"      --renewals DAYS        the lines ending within DAYS after --as-of\n"
"      --expansion-target PCT the accounts in their second year whose ARR\n"
"                             has grown less than PCT since their first\n"
"\n%s", su_common_usage);
}

enum { OPT_PER = SU_OPT_PROGRAM_BASE, OPT_PERIOD, OPT_AMOUNT, OPT_METRICS,
       OPT_REP, OPT_RENEWALS, OPT_TARGET, OPT_START, OPT_END, OPT_ARR,
       OPT_MRR, OPT_SNAPSHOTS, OPT_MONTH, OPT_SPEND, OPT_MARGIN };

static void
init(void *self)
{
	((struct state *)self)->o->renewals = -1;
}

static int
option(void *self, int c, const char *arg)
{
	struct opts *o = ((struct state *)self)->o;
	static const char *const pers[] = {"month", "quarter", "year"};
	static const char *const amounts[] = {"arr", "mrr"};
	int r;

	switch (c) {
	case 'g':
		o->group_by = arg;
		return 0;
	case OPT_PER:
		if ((r = su_opt_choice("--per", arg, pers, 3)) < 0)
			return -1;
		o->per = (enum per)r;
		return 0;
	case OPT_PERIOD:
		o->period = arg;
		return 0;
	case OPT_START:
		o->h_start = arg;
		return 0;
	case OPT_SNAPSHOTS:
		o->snapshots = 1;
		return 0;
	case OPT_SPEND:
		o->spend = arg;
		return 0;
	case OPT_MARGIN:
		if (su_opt_pct("--gross-margin", arg, &o->margin))
			return -1;
		if (o->margin == 0) {
			su_msg(NULL, 0, "--gross-margin %s: above 0 (a payback "
			    "needs a margin)", arg);
			return -1;
		}
		o->has_margin = 1;
		return 0;
	case OPT_MONTH:
		o->h_month = arg;
		return 0;
	case OPT_END:
		o->h_end = arg;
		return 0;
	case OPT_ARR:
		o->h_arr = arg;
		o->amount = "arr";
		return 0;
	case OPT_MRR:
		o->h_mrr = arg;
		o->amount = "mrr";
		return 0;
	case OPT_AMOUNT:
		if (su_opt_choice("--amount", arg, amounts, 2) < 0)
			return -1;
		o->amount = arg;
		return 0;
	case OPT_METRICS:
		o->metrics = 1;
		return 0;
	case OPT_REP:
		o->rep = arg;
		return 0;
	case OPT_RENEWALS: {
		char *end;

		o->renewals = strtol(arg, &end, 10);
		if (!*arg || *end || o->renewals < 0 || o->renewals > 36500) {
			su_msg(NULL, 0, "--renewals %s: expected a number of "
			    "days from 0 to 36500", arg);
			return -1;
		}
		return 0;
	}
	case OPT_TARGET:
		if (su_opt_pct("--expansion-target", arg, &o->target))
			return -1;
		o->has_target = 1;
		return 0;
	}
	abort(); /* in longopts, handled by nobody */
}

/* ---- columns -------------------------------------------------------------- */

static const char *const start_names[] = {"Start Date", "Start",
    "Contract Start Date", "Contract Start", "Subscription Start Date",
    "Service Start Date", NULL};
static const char *const end_names[] = {"End Date", "End",
    "Contract End Date", "Contract End", "Subscription End Date",
    "Service End Date", NULL};
static const char *const month_names[] = {"Month", "Snapshot Month",
    "Snapshot Date", "Date", "As Of Date", "Period", NULL};
static const char *const arr_names[] = {"ARR", "Annual Recurring Revenue",
    NULL};
static const char *const mrr_names[] = {"MRR", "Monthly Recurring Revenue",
    NULL};

/* the one column of these names (or the option's header): its index, -1
 * none, -2 said */
static int
find_col(const struct su_rec *hdr, const char *const *names, const char *what,
         const char *opt, const char *given)
{
	int c = -1, k;
	size_t i;

	if (given) {
		if ((k = su_find_header(hdr, given)) < 0)
			su_msg(hdr->file, 1, "%s %s: %s", opt, given, k == -2 ?
			    "more than one column of that name" :
			    "no column of that name");
		return k < 0 ? -2 : k;
	}
	for (i = 0; names[i]; i++) {
		if ((k = su_find_header(hdr, names[i])) == -2 ||
		    (k >= 0 && c >= 0 && k != c)) {
			su_msg(hdr->file, 1, "more than one %s column (%s)",
			    what, names[i]);
			return -2;
		}
		if (k >= 0)
			c = k;
	}
	return c;
}

static void
say_missing(const struct su_rec *hdr, const char *what,
            const char *const *names)
{
	char tried[256], found[512];
	size_t i, n = 0, m = 0;

	tried[0] = found[0] = '\0';
	for (i = 0; names[i] && n < sizeof tried; i++)
		n += (size_t)snprintf(tried + n, sizeof tried - n, "%s%s",
		    i ? ", " : "", names[i]);
	for (i = 0; i < hdr->n && m < sizeof found; i++)
		m += (size_t)snprintf(found + m, sizeof found - m, "%s%s",
		    i ? ", " : "", hdr->f[i]);
	su_msg(hdr->file, 1, "no %s column (tried %s; found %s)", what, tried,
	    found);
}

static int
header(void *self, struct su_run *run)
{
	struct state *st = self;
	struct opts *o = st->o;
	const struct su_rec *hdr = &run->hdr;
	int a, m;
	size_t i;

	st->in = run->in;
	st->c_account = run->col[SU_R_ACCOUNT];
	st->c_owner = run->col[SU_R_OWNER];
	if (o->snapshots) {
		if ((st->c_start = find_col(hdr, month_names, "month",
		    "--month", o->h_month)) == -2)
			return -1;
		if (st->c_start < 0)
			return say_missing(hdr, "month", month_names), -1;
		st->c_end = -1;
		st->hmonth = hdr->f[st->c_start];
	} else if ((st->c_start = find_col(hdr, start_names, "start date",
	    "--start", o->h_start)) == -2 ||
	    (st->c_end = find_col(hdr, end_names, "end date", "--end",
	    o->h_end)) == -2)
		return -1;
	if ((a = find_col(hdr, arr_names, "ARR", "--arr", o->h_arr)) == -2 ||
	    (a = find_col(hdr, arr_names, "ARR", "--arr", o->h_arr)) == -2 ||
	    (m = find_col(hdr, mrr_names, "MRR", "--mrr", o->h_mrr)) == -2)
		return -1;
	if (st->c_start < 0)
		return say_missing(hdr, "start date", start_names), -1;
	if (st->c_end < 0 && !o->snapshots)
		return say_missing(hdr, "end date", end_names), -1;
	if (a < 0 && m < 0) {
		say_missing(hdr, "ARR or MRR", arr_names);
		return -1;
	}
	if (a >= 0 && m >= 0 && !o->amount) {
		su_msg(hdr->file, 1, "both an ARR column (%s) and an MRR "
		    "column (%s): say which to read with --amount arr or "
		    "--amount mrr", hdr->f[a], hdr->f[m]);
		return -1;
	}
	if (o->amount && (strcmp(o->amount, "mrr") == 0 ? m : a) < 0) {
		su_msg(hdr->file, 1, "--amount %s: no %s column", o->amount,
		    strcmp(o->amount, "mrr") == 0 ? "MRR" : "ARR");
		return -1;
	}
	st->mrr = o->amount ? strcmp(o->amount, "mrr") == 0 : a < 0;
	st->c_amount = st->mrr ? m : a;
	if (o->group_by && su_group_resolve(hdr->file, o->group_by, hdr,
	    &o->c, &st->g, &st->ng))
		return -1;
	for (i = 0; i < st->ng; i++)
		if (st->g[i].kind != SU_G_COLUMN) {
			su_msg(NULL, 0, "-g %s: the periods are the rows "
			    "already (--per); -g takes columns", st->g[i].name);
			return -1;
		}
	if (o->spend && st->ng > 1) {
		su_msg(NULL, 0, "--spend: one -g column at most (its values "
		    "are the spend's channels)");
		return -1;
	}
	if (o->metrics && st->ng > 1) {
		su_msg(NULL, 0, "--metrics: one -g column at most (its values "
		    "are the reps)");
		return -1;
	}
	return 0;
}

static int
setup(void *self, struct su_run *run)
{
	struct state *st = self;
	struct opts *o = st->o;

	if (o->metrics && !o->group_by && !o->rep) {
		su_msg(NULL, 0, "--metrics: the rep the figures are for: -g "
		    "owner (each owner's) or --rep NAME (the whole base's)");
		return -1;
	}
	if (o->snapshots && (o->renewals >= 0 || o->h_start || o->h_end)) {
		su_msg(NULL, 0, "--snapshots: no contract dates to read "
		    "(--start, --end) or renewals to list (--renewals)");
		return -1;
	}
	if (o->spend && (o->metrics || o->renewals >= 0 || o->has_target)) {
		su_msg(NULL, 0, "--spend adds columns to the bridge: not with "
		    "--metrics, --renewals or --expansion-target");
		return -1;
	}
	if (o->has_margin && !o->spend) {
		su_msg(NULL, 0, "--gross-margin: only with --spend");
		return -1;
	}
	if (o->h_month && !o->snapshots) {
		su_msg(NULL, 0, "--month %s: only with --snapshots", o->h_month);
		return -1;
	}
	if (o->rep && !o->metrics) {
		su_msg(NULL, 0, "--rep %s: only with --metrics", o->rep);
		return -1;
	}
	if ((o->metrics != 0) + (o->renewals >= 0) + o->has_target > 1) {
		su_msg(NULL, 0, "--metrics, --renewals and --expansion-target "
		    "are reports of their own: one at a time");
		return -1;
	}
	st->t = su_groups_new_pivot(sizeof(struct acct));
	st->first = NO_END;
	st->last = INT32_MIN;
	run->want[SU_R_ACCOUNT] = SU_COL_REQUIRED;
	run->want[SU_R_OWNER] = SU_COL_OPTIONAL;
	return 0;
}

/* ---- one contract line ---------------------------------------------------- */

/* --snapshots: the month of a row (2026-03, or a date in it: 2026-03-31),
 * its first and last days */
static enum su_result
snapshot_month(struct state *st, const struct su_rec *r, int32_t *s,
               int32_t *e)
{
	const char *f = r->f[st->c_start], *why;
	size_t len = r->len[st->c_start];
	struct su_period p;
	char buf[16];
	int32_t d;
	int y, m, dd, rc;

	su_trim(&f, &len);
	if (len == 7 && f[4] == '-') { /* YYYY-MM */
		memcpy(buf, f, 7);
		buf[7] = '\0';
		if (su_period_parse(buf, 1, &p, &why))
			goto bad;
		d = p.from;
	} else if ((rc = su_date_parse(f, len, st->o->c.dmy, &d, &why)) != 0) {
		if (rc == 1)
			why = "empty (a snapshot is of a month)";
		goto bad;
	}
	su_civil(d, &y, &m, &dd);
	*s = su_days(y, m, 1);
	*e = su_days(y, m, su_days_in_month(y, m));
	return SU_OK;
bad:
	return su_in_reject(st->in, r, "%s \"%.*s\": %s", st->hmonth,
	    (int)(len > 60 ? 60 : len), f, why);
}

#define CELL(r, c) (int)((r)->len[c] > 60 ? 60 : (r)->len[c]), (r)->f[c]

/* How many of an account's last lines a new line is merged into. */
#define MERGE_LOOK 16

/* A line of the same start and end as one of the account's last
 * MERGE_LOOK lines is added to it (1), else it is kept apart (0): the
 * bridge and the expansion target ask only what runs on a day, the
 * sum, so an account keeps one line a contract term, however many rows
 * an export repeats it in.  The amounts are never negative: a sum that
 * overflows here overflows in any order, and is kept apart, to be said
 * where a day's ARR is summed, as before.  Not with --snapshots (a
 * month twice is refused, by its line) or --renewals (each line
 * listed). */
static int
keep_line(const struct opts *o, struct acct *a, int32_t s, int32_t e,
          int64_t amt)
{
	size_t i, stop = a->n > MERGE_LOOK ? a->n - MERGE_LOOK : 0;
	int64_t sum;

	if (o->snapshots || o->renewals >= 0)
		return 0;
	for (i = a->n; i-- > stop;)
		if (a->l[i].start == s && a->l[i].end == e) {
			/* su_add writes the wrapped sum on overflow */
			if (su_add(a->l[i].arr, amt, &sum))
				return 0;
			a->l[i].arr = sum;
			return 1;
		}
	return 0;
}

static enum su_result
contract(void *self, struct su_run *run, const struct su_rec *r)
{
	struct state *st = self;
	struct opts *o = st->o;
	const char *why, *hs = run->hdr.f[st->c_start],
	    *he = st->c_end >= 0 ? run->hdr.f[st->c_end] : "",
	    *ha = run->hdr.f[st->c_amount];
	const char *acc = r->f[st->c_account];
	size_t alen = r->len[st->c_account], klen;
	int32_t s, e;
	int64_t amt;
	char cur[SU_CUR_LEN], seen[64];
	struct acct *a;
	struct line *l;
	int rc;

	su_trim(&acc, &alen);
	if (alen == 0)
		return su_in_reject(st->in, r, "%s is empty (a line belongs "
		    "to an account)", run->hdr.f[st->c_account]);
	if (o->snapshots) {
		if ((rc = snapshot_month(st, r, &s, &e)) != SU_OK)
			return rc;
	} else {
		if ((rc = su_date_parse(r->f[st->c_start],
		    r->len[st->c_start], o->c.dmy, &s, &why)) != 0)
			return su_in_reject(st->in, r, "%s \"%.*s\": %s", hs,
			    CELL(r, st->c_start), rc == 1 ? "empty (a line "
			    "starts on a date)" : why);
		if ((rc = su_date_parse(r->f[st->c_end], r->len[st->c_end],
		    o->c.dmy, &e, &why)) < 0)
			return su_in_reject(st->in, r, "%s \"%.*s\": %s", he,
			    CELL(r, st->c_end), why);
		if (rc == 1)
			e = NO_END;
	}
	if (e < s)
		return su_in_reject(st->in, r, "%s %.*s is before %s %.*s", he,
		    CELL(r, st->c_end), hs, CELL(r, st->c_start));
	if ((rc = su_money_parse(r->f[st->c_amount], r->len[st->c_amount],
	    o->c.decimal_comma, &amt, cur, &why)) < 0)
		return su_in_reject(st->in, r, "%s \"%.*s\": not an amount "
		    "(%s)", ha, CELL(r, st->c_amount), why);
	if (rc == 1)
		return su_in_reject(st->in, r, "%s \"%.*s\": empty (a line's "
		    "ARR is never a guess)", ha, CELL(r, st->c_amount));
	if (amt < 0)
		return su_in_reject(st->in, r, "%s \"%.*s\": below 0 (a "
		    "downgrade is a line of lower ARR)", ha,
		    CELL(r, st->c_amount));
	if (st->mrr && amt > INT64_MAX / 12)
		return su_in_reject(st->in, r, "%s \"%.*s\": too large", ha,
		    CELL(r, st->c_amount));
	if (st->mrr)
		amt *= 12;
	if (cur[0] && !st->cur[0]) {
		memcpy(st->cur, cur, sizeof cur);
		st->cur_file = r->file;
		st->cur_line = r->line;
	} else if (cur[0] && strcmp(cur, st->cur) != 0)
		return su_in_reject(st->in, r, "%s \"%.*s\": in %s, but %s is "
		    "in %s: amounts in different currencies are never added",
		    ha, CELL(r, st->c_amount), cur, su_seen_at(seen,
		    sizeof seen, st->cur_file, st->cur_line, r), st->cur);
	/* the account within its group: "group\0account" (each group
	 * value ends with its NUL) */
	klen = su_group_key(st->g, st->ng, r, s, o->c.fy_start, &st->key,
	    &st->keycap);
	if (klen + alen + 1 > st->keycap)
		st->key = su_xrealloc(st->key, st->keycap = klen + alen + 1);
	memcpy(st->key + klen, acc, alen);
	klen += alen;
	a = su_groups_get(st->t, st->key, klen);
	if (o->snapshots) {
		size_t i;

		/* one snapshot an account a month: two would be summed */
		for (i = 0; i < a->n; i++)
			if (a->l[i].start == s)
				return su_in_reject(st->in, r, "%.*s has a "
				    "snapshot for that month already (%s)",
				    (int)(alen > 60 ? 60 : alen), acc,
				    su_seen_at(seen, sizeof seen, r->file,
				    a->l[i].lineno, r));
	}
	if (s < st->first)
		st->first = s;
	if (e > st->last)
		st->last = e;
	st->nlines++;
	if (a->n == 0 || s < a->first)
		a->first = s;
	/* --renewals lists the lines ending in its window, and needs no
	 * other: the others are not kept */
	if (o->renewals >= 0 && (e < o->c.as_of ||
	    e > o->c.as_of + (int32_t)o->renewals))
		return SU_OK;
	if (keep_line(o, a, s, e, amt))
		return SU_OK;
	if (a->n == a->cap)
		a->l = su_xrealloc(a->l, (a->cap = a->cap * 2 + 4) *
		    sizeof *a->l);
	l = &a->l[a->n++];
	memset(l, 0, sizeof *l);
	l->start = s, l->end = e, l->arr = amt, l->lineno = r->line;
	if (o->renewals >= 0) {
		l->account = su_xstrdup(r->f[st->c_account]);
		l->owner = su_xstrdup(st->c_owner >= 0 ?
		    r->f[st->c_owner] : "");
	}
	return SU_OK;
}

/* ---- the bridge ----------------------------------------------------------- */

/* an account's ARR on day d: its lines running then, summed */
static int
arr_on(const struct acct *a, int32_t d, int64_t *out)
{
	size_t i;

	*out = 0;
	for (i = 0; i < a->n; i++)
		if (a->l[i].start <= d && d <= a->l[i].end &&
		    su_add(*out, a->l[i].arr, out))
			return -1;
	return 0;
}

/* the first day of the period (month, quarter, year) holding day d */
static int32_t
period_start(enum per per, int fy_start, int32_t d)
{
	int y, m, dd;

	su_civil(d, &y, &m, &dd);
	if (per == PER_QUARTER)
		m -= ((m - fy_start) % 3 + 3) % 3;
	else if (per == PER_YEAR)
		m -= ((m - fy_start) % 12 + 12) % 12;
	if (m < 1)
		m += 12, y--;
	return su_days(y, m, 1);
}

static int32_t
period_next(enum per per, int32_t p0)
{
	int y, m, d, k = per == PER_MONTH ? 1 : per == PER_QUARTER ? 3 : 12;

	su_civil(p0, &y, &m, &d);
	m += k;
	if (m > 12)
		m -= 12, y++;
	return su_days(y, m, 1);
}

static void
period_label(char *buf, enum per per, int fy_start, int32_t p0)
{
	if (per == PER_MONTH)
		su_label_month(buf, p0);
	else if (per == PER_QUARTER)
		su_label_quarter(buf, p0, fy_start);
	else
		su_label_fy(buf, p0, fy_start);
}

/* the periods reported: their first days, and one past the last */
static int32_t *
periods(struct state *st, size_t *n)
{
	struct opts *o = st->o;
	struct su_period p;
	const char *why;
	int32_t *v = NULL, d;
	size_t k = 0;

	if (o->period) {
		if (su_period_parse(o->period, o->c.fy_start, &p, &why)) {
			su_msg(NULL, 0, "--period %s: %s", o->period, why);
			return NULL;
		}
	} else {
		p.from = st->first;
		p.to = o->c.as_of;
		if (p.to < p.from) {
			su_msg(NULL, 0, "every line starts after --as-of %s: "
			    "no period to report (give --period)",
			    o->c.as_of_arg ? o->c.as_of_arg : "(today)");
			return NULL;
		}
	}
	for (d = period_start(o->per, o->c.fy_start, p.from); d <= p.to;
	     d = period_next(o->per, d)) {
		v = su_xrealloc(v, (k + 2) * sizeof *v);
		v[k++] = d;
	}
	v[k] = d;
	*n = k;
	return v;
}

/* one account over one period, into b */
static int
account_period(const struct acct *a, int32_t p0, int32_t p1,
               struct bridge *b)
{
	int64_t s, e;

	if (arr_on(a, p0 - 1, &s) || arr_on(a, p1, &e))
		return -1;
	if (su_add(b->start, s, &b->start) || su_add(b->end, e, &b->end))
		return -1;
	b->cust_start += s > 0;
	b->cust_end += e > 0;
	if (s == 0 && e > 0) {
		if (a->first < p0) {
			b->cust_react++;
			return su_add(b->react, e, &b->react);
		}
		b->cust_new++;
		return su_add(b->new_arr, e, &b->new_arr);
	}
	if (s > 0 && e == 0) {
		b->cust_churn++;
		return su_add(b->churn, s, &b->churn);
	}
	if (e > s)
		return su_add(b->expansion, e - s, &b->expansion);
	return su_add(b->contraction, s - e, &b->contraction);
}

static struct su_cell
money(int64_t v)
{
	struct su_cell c = {SU_C_MONEY, NULL, 0, v, 0};

	return c;
}

static struct su_cell
pct(int64_t v, int64_t d)
{
	struct su_cell c = {SU_C_NULL, NULL, 0, v, d};

	if (d > 0)
		c.type = SU_C_PCT;
	return c;
}

static struct su_cell
count(int64_t v)
{
	struct su_cell c = {SU_C_INT, NULL, 0, v, 0};

	return c;
}

/* a metric row: Value a percentage of two decimals, as a plan's
 * condition reads it (churn < 10) */
static int
metric(struct su_out *out, const char *rep, const char *name, int64_t v,
       int64_t d, const char *period)
{
	struct su_cell c[4];
	char buf[64];
	size_t n;

	if (d <= 0)
		return 0; /* no base: no figure, said by the caller */
	n = su_ratio_fmt(buf, v, d, 2, 100);
	buf[n++] = '%';
	buf[n] = '\0';
	c[0] = su_cell_str(rep);
	c[1] = su_cell_str(name);
	c[2] = su_cell_str(buf);
	c[3] = su_cell_str(period);
	return su_out_row(out, c);
}

/* --spend's columns: spend, cac, cac_payback_months, ltv (k periods a
 * year, for the churn of LTV) */
static void
spend_cells(struct state *st, const struct bridge *b, int64_t spend,
            struct su_cell *c)
{
	const struct opts *o = st->o;
	int64_t v, gross;
	int k = o->per == PER_MONTH ? 12 : o->per == PER_QUARTER ? 4 : 1;

	c[0] = money(spend);
	c[1] = c[2] = c[3] = pct(0, 0);
	if (b->cust_new && su_muldiv(spend, 1, b->cust_new, &v) == 0)
		c[1] = money(v);
	if (!o->has_margin)
		return;
	/* payback: spend / (new ARR x margin / 12), the gross ARR to the
	 * cent, the months to one decimal */
	if (b->new_arr && su_muldiv_rate(b->new_arr, 1, o->margin, 1,
	    &gross) == 0 && gross > 0 && spend <= INT64_MAX / 12) {
		c[2].type = SU_C_DAYS;
		c[2].v = spend * 12;
		c[2].d = gross;
	}
	/* LTV: ARR per customer x margin / the churn rate a year
	 * (churned / customers at the start, x periods a year) */
	if (b->cust_churn == 0) {
		if (b->cust_end)
			st->nozero_churn++;
	} else if (b->cust_end && su_muldiv_rate(b->end, b->cust_start,
	    o->margin, b->cust_end * b->cust_churn * k, &v) == 0)
		c[3] = money(v);
}

static int
write_bridge_row(struct state *st, struct su_out *out, const char *key,
                 const char *label, const struct bridge *b,
                 struct su_cell *cells, int64_t spend)
{
	size_t i, k = 0;
	int64_t kept = b->start - b->contraction - b->churn;
	int64_t avg = 0;

	for (i = 0; i < st->ng; i++) {
		cells[k++] = su_cell_str(key);
		key += strlen(key) + 1;
	}
	if (st->o->metrics) {
		const char *rep = st->ng ? cells[0].s : st->o->rep;
		int r;

		if ((r = metric(out, rep, "churn", b->cust_churn,
		    b->cust_start, label)) ||
		    (r = metric(out, rep, "arr_churn", b->churn +
		    b->contraction, b->start, label)) ||
		    (r = metric(out, rep, "nrr", kept + b->expansion,
		    b->start, label)) ||
		    (r = metric(out, rep, "grr", kept, b->start, label)))
			return r;
		return 0;
	}
	cells[k++] = su_cell_str(label);
	cells[k++] = money(b->start);
	cells[k++] = money(b->new_arr);
	cells[k++] = money(b->expansion);
	cells[k++] = money(b->contraction);
	cells[k++] = money(b->churn);
	cells[k++] = money(b->react);
	cells[k++] = money(b->end);
	cells[k++] = pct(kept + b->expansion, b->start);
	cells[k++] = pct(kept, b->start);
	cells[k++] = count(b->cust_start);
	cells[k++] = count(b->cust_new);
	cells[k++] = count(b->cust_churn);
	cells[k++] = count(b->cust_react);
	cells[k++] = count(b->cust_end);
	cells[k++] = pct(b->cust_churn, b->cust_start);
	if (b->cust_end && su_muldiv(b->end, 1, b->cust_end, &avg) == 0)
		cells[k++] = money(avg);
	else
		cells[k++] = pct(0, 0);
	if (st->o->spend)
		spend_cells(st, b, spend, cells + k);
	return su_out_row(out, cells);
}

static int
write_bridge(struct state *st, struct su_out *out)
{
	static const char *const fixed[] = {"period", "starting_arr",
	    "new_arr", "expansion_arr", "contraction_arr", "churned_arr",
	    "reactivation_arr", "ending_arr", "nrr", "grr", "customers_start",
	    "new_customers", "churned_customers", "reactivated_customers",
	    "customers_end", "logo_churn", "arr_per_customer", "spend", "cac",
	    "cac_payback_months", "ltv"};
	static const char *const mfixed[] = {"Rep", "Metric", "Value",
	    "Period"};
	size_t nf = sizeof fixed / sizeof fixed[0] - (st->o->spend ? 0 : 4),
	    ncol, i, j, k, np, na, gk;
	const char **names;
	struct su_cell *cells;
	struct su_group **all = su_groups_sorted(st->t, &na);
	int32_t *p = st->p ? st->p : periods(st, &np);
	struct bridge *b;
	const int64_t *sp;
	char label[16];
	int r = 0;

	if (!p)
		return -1;
	if (st->p)
		np = st->np;
	ncol = st->o->metrics ? 4 : st->ng + nf;
	names = su_xmalloc(ncol * sizeof *names);
	cells = su_xmalloc((st->ng + nf) * sizeof *cells);
	b = su_xmalloc((np ? np : 1) * sizeof *b);
	if (st->o->metrics)
		memcpy(names, mfixed, sizeof mfixed);
	else {
		for (i = 0; i < st->ng; i++)
			names[i] = st->g[i].name;
		for (j = 0; j < nf; j++)
			names[st->ng + j] = fixed[j];
	}
	su_out_currency(out, st->cur);
	r = su_out_header(out, ncol, (const char *const *)names);
	/* the accounts sorted by group, then account: a group's are
	 * together; its key is the part before the account */
	for (i = 0; i < na && r == 0; i = j) {
		const char *key = all[i]->key;

		gk = 0;
		for (j = 0; st->ng && j < st->ng; j++)
			gk += strlen(key + gk) + 1;
		memset(b, 0, (np ? np : 1) * sizeof *b);
		for (j = i; j < na && (j == i ||
		    memcmp(all[j]->key, key, gk) == 0); j++)
			for (k = 0; k < np && r == 0; k++)
				if (account_period(all[j]->val, p[k],
				    p[k + 1] - 1, &b[k])) {
					su_msg(NULL, 0, "the sum of ARR "
					    "overflows");
					r = -1;
				}
		sp = NULL;
		if (st->spend) {
			struct su_group *sg = su_groups_find(st->spend, key,
			    st->ng ? strlen(key) : 0);

			sp = sg ? sg->val : NULL;
		}
		for (k = 0; k < np && r == 0; k++) {
			period_label(label, st->o->per, st->o->c.fy_start,
			    p[k]);
			r = write_bridge_row(st, out, key, label, &b[k], cells,
			    sp ? sp[k] : 0);
		}
	}
	free(names);
	free(cells);
	free(b);
	if (!st->p)
		free(p);
	return r;
}

/* ---- renewals, the expansion target --------------------------------------- */

struct due {
	const struct line *l;
	const char *account;
};

static int
by_end(const void *x, const void *y)
{
	const struct due *a = x, *b = y;
	int c;

	if (a->l->end != b->l->end)
		return a->l->end < b->l->end ? -1 : 1;
	if ((c = strcmp(a->account, b->account)) != 0)
		return c;
	return a->l->lineno < b->l->lineno ? -1 : a->l->lineno > b->l->lineno;
}

static int
write_renewals(struct state *st, struct su_out *out)
{
	static const char *const names[] = {"account", "owner", "end_date",
	    "days_left", "arr", "line"};
	struct su_group **all;
	struct due *d = NULL;
	size_t na, i, j, n = 0;
	int32_t from = st->o->c.as_of, to = from + (int32_t)st->o->renewals;
	char date[16];
	int r;

	all = su_groups_sorted(st->t, &na);
	for (i = 0; i < na; i++) {
		const struct acct *a = all[i]->val;

		for (j = 0; j < a->n; j++)
			if (a->l[j].end >= from && a->l[j].end <= to) {
				d = su_xrealloc(d, (n + 1) * sizeof *d);
				d[n].l = &a->l[j];
				d[n++].account = a->l[j].account;
			}
	}
	if (n)
		qsort(d, n, sizeof *d, by_end);
	su_out_currency(out, st->cur);
	r = su_out_header(out, 6, names);
	for (i = 0; i < n && r == 0; i++) {
		struct su_cell c[6];

		su_date_fmt(date, d[i].l->end);
		c[0] = su_cell_str(d[i].account);
		c[1] = su_cell_str(d[i].l->owner);
		c[2] = su_cell_str(date);
		c[3] = count(d[i].l->end - from);
		c[4] = money(d[i].l->arr);
		c[5] = count(d[i].l->lineno);
		r = su_out_row(out, c);
	}
	free(d);
	return r;
}

/* the day n years after d (Feb 29 -> Feb 28) */
static int32_t
years_after(int32_t d, int n)
{
	int y, m, dd;

	su_civil(d, &y, &m, &dd);
	y += n;
	if (dd > su_days_in_month(y, m))
		dd = su_days_in_month(y, m);
	return su_days(y, m, dd);
}

static int
write_target(struct state *st, struct su_out *out)
{
	static const char *const fixed[] = {"account", "first_start",
	    "year1_arr", "arr", "expansion", "target_arr", "shortfall"};
	size_t nf = sizeof fixed / sizeof fixed[0], na, i, k;
	const char **names = su_xmalloc((st->ng + nf) * sizeof *names);
	struct su_cell *c = su_xmalloc((st->ng + nf) * sizeof *c);
	struct su_group **all = su_groups_sorted(st->t, &na);
	int32_t today = st->o->c.as_of;
	char date[16];
	int r;

	for (i = 0; i < st->ng; i++)
		names[i] = st->g[i].name;
	for (k = 0; k < nf; k++)
		names[st->ng + k] = fixed[k];
	su_out_currency(out, st->cur);
	r = su_out_header(out, st->ng + nf, names);
	for (i = 0; i < na && r == 0; i++) {
		const struct acct *a = all[i]->val;
		const char *key = all[i]->key;
		int32_t y1 = years_after(a->first, 1);
		int64_t base, now, target;

		/* in its second year: from its first anniversary on, before
		 * its second */
		if (today < y1 || today >= years_after(a->first, 2))
			continue;
		if (arr_on(a, y1 - 1, &base) || arr_on(a, today, &now) ||
		    base == 0 || su_rate_apply(base, SU_RATE_ONE + st->o->target,
		    &target)) {
			if (base == 0)
				continue; /* no ARR at the anniversary */
			su_msg(NULL, 0, "the ARR of an account overflows");
			r = -1;
			break;
		}
		if (now == 0) { /* churned: not an expansion's account */
			st->churned2++;
			continue;
		}
		if (now >= target)
			continue;
		for (k = 0; k < st->ng; k++) {
			c[k] = su_cell_str(key);
			key += strlen(key) + 1;
		}
		su_date_fmt(date, a->first);
		c[k++] = su_cell_str(key);
		c[k++] = su_cell_str(date);
		c[k++] = money(base);
		c[k++] = money(now);
		c[k++] = pct(now - base, base);
		c[k++] = money(target);
		c[k++] = money(target - now);
		r = su_out_row(out, c);
	}
	free(names);
	free(c);
	return r;
}

static int
write_out(void *self, struct su_run *run, struct su_out *out)
{
	struct state *st = self;

	(void)run;
	if (st->o->renewals >= 0)
		return write_renewals(st, out);
	if (st->o->has_target)
		return write_target(st, out);
	return write_bridge(st, out);
}

/* --spend: each row's amount into the period holding its own period */
static int
read_spend(struct state *st)
{
	struct opts *o = st->o;
	struct su_opts so = o->c;
	char *files[1];
	struct su_in *in;
	struct su_rec hdr, r;
	int cp, ca, cc, rc, ret = -1;
	size_t k;

	so.tsv = 0, so.delim = -1, so.skip_invalid = 0, so.rejects = NULL;
	so.nover = 0;
	files[0] = (char *)o->spend;
	in = su_in_new(&so, 1, files);
	if (su_in_header(in, &hdr) < 0)
		goto done;
	cp = su_find_header(&hdr, "Period");
	ca = su_find_header(&hdr, "Amount");
	cc = su_find_header(&hdr, "Channel");
	if (cp < 0 || ca < 0 || cc == -2) {
		su_msg(hdr.file, 1, "--spend: expected the columns Period, "
		    "Amount and, optionally, Channel");
		goto done;
	}
	if (st->ng && cc < 0) {
		su_msg(hdr.file, 1, "--spend: no Channel column to match -g %s "
		    "with", st->g[0].name);
		goto done;
	}
	st->spend = su_groups_new_pivot(st->np * sizeof(int64_t));
	while ((rc = su_in_next(in, &r)) > 0) {
		struct su_period per;
		const char *why;
		char *ps, cur[SU_CUR_LEN];
		int64_t amt, *v;

		ps = su_xstrdup(r.f[cp]);
		rc = su_period_parse(ps, o->c.fy_start, &per, &why);
		free(ps);
		if (rc) {
			su_msg(r.file, r.line, "Period \"%s\": %s", r.f[cp], why);
			goto done;
		}
		if ((rc = su_money_parse(r.f[ca], r.len[ca], o->c.decimal_comma,
		    &amt, cur, &why)) != 0) {
			su_msg(r.file, r.line, "Amount \"%s\": %s%s%s", r.f[ca],
			    rc == 1 ? "empty (spend is never a guess)" :
			    "not an amount (", rc == 1 ? "" : why,
			    rc == 1 ? "" : ")");
			goto done;
		}
		if (cur[0] && ((st->cur[0] && strcmp(cur, st->cur) != 0) ||
		    (st->spend_cur[0] && strcmp(cur, st->spend_cur) != 0))) {
			su_msg(r.file, r.line, "Amount \"%s\": in %s, but the "
			    "ARR or spend before is in %s: amounts in different "
			    "currencies are never divided", r.f[ca], cur,
			    st->cur[0] ? st->cur : st->spend_cur);
			goto done;
		}
		if (cur[0])
			memcpy(st->spend_cur, cur, sizeof cur);
		for (k = 0; k < st->np; k++)
			if (per.from >= st->p[k] && per.from < st->p[k + 1])
				break;
		if (k == st->np)
			continue; /* outside the periods reported */
		if (per.to >= st->p[k + 1]) {
			su_msg(r.file, r.line, "Period %s spans more than one "
			    "of the periods reported: give the spend per period "
			    "(or a longer --per)", r.f[cp]);
			goto done;
		}
		v = su_groups_get(st->spend, st->ng ? r.f[cc] : "",
		    st->ng ? r.len[cc] : 0);
		if (su_add(v[k], amt, &v[k])) {
			su_msg(r.file, r.line, "the sum of spend overflows");
			goto done;
		}
	}
	if (rc == 0)
		ret = 0;
done:
	su_in_free(in);
	return ret;
}

static int
end(void *self, struct su_run *run)
{
	struct state *st = self;

	(void)run;
	su_groups_say_respelled(st->t);
	if (!st->o->spend)
		return 0;
	if (!(st->p = periods(st, &st->np)))
		return -1;
	return read_spend(st);
}

/* after the output: what it left out */
static int
status(void *self)
{
	struct state *st = self;

	if (st->o->spend && !st->o->has_margin)
		su_msg(NULL, 0, "no --gross-margin: cac_payback_months and ltv "
		    "are left empty");
	if (st->nozero_churn)
		su_msg(NULL, 0, "%ld period%s with no customer churned: ltv "
		    "left empty (no churn, no lifetime)", st->nozero_churn,
		    st->nozero_churn == 1 ? "" : "s");
	if (st->churned2)
		su_msg(NULL, 0, "%ld account%s in %s second year at 0 ARR "
		    "(churned): left out of --expansion-target", st->churned2,
		    st->churned2 == 1 ? "" : "s", st->churned2 == 1 ? "its" :
		    "their");
	return SU_EXIT_OK;
}

static void
free_acct(void *v)
{
	struct acct *a = v;
	size_t i;

	for (i = 0; i < a->n; i++) {
		free(a->l[i].owner);
		free(a->l[i].account);
	}
	free(a->l);
}

static void
free_state(void *self)
{
	struct state *st = self;

	if (st->t)
		su_groups_free(st->t, free_acct);
	if (st->spend)
		su_groups_free(st->spend, NULL);
	free(st->p);
	free(st->g);
	free(st->key);
}

static const struct option longopts[] = {
	{"group-by", 1, 0, 'g'}, {"per", 1, 0, OPT_PER},
	{"period", 1, 0, OPT_PERIOD}, {"amount", 1, 0, OPT_AMOUNT},
	{"metrics", 0, 0, OPT_METRICS}, {"rep", 1, 0, OPT_REP},
	{"renewals", 1, 0, OPT_RENEWALS},
	{"expansion-target", 1, 0, OPT_TARGET}, {"start", 1, 0, OPT_START},
	{"end", 1, 0, OPT_END}, {"arr", 1, 0, OPT_ARR}, {"mrr", 1, 0, OPT_MRR},
	{"snapshots", 0, 0, OPT_SNAPSHOTS}, {"month", 1, 0, OPT_MONTH},
	{"spend", 1, 0, OPT_SPEND}, {"gross-margin", 1, 0, OPT_MARGIN},
	{0, 0, 0, 0},
};

static const struct su_prog arr = {
	.shortopts = "g:", .longopts = longopts, .usage = usage,
	.init = init, .option = option, .setup = setup, .header = header,
	.record = contract, .end = end, .write = write_out,
	.status = status, .free = free_state,
};

int
main(int argc, char **argv)
{
	struct opts o = {0};
	struct state st = {.o = &o};

	return su_run(&arr, &st, &o.c, argc, argv);
}
