/*
 * cyclestat - cycle time, win rate, deal size, sales velocity and stage
 * conversion, per group (issue 6).
 */
#include "su.h"

#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef __int128 i128;

enum { ST_OPEN = SU_ST_OPEN, ST_WON = SU_ST_WON, ST_LOST = SU_ST_LOST };
enum mode { MODE_STATS, MODE_FUNNEL, MODE_LOSS, MODE_HISTOGRAM,
	    MODE_SURVIVAL };

struct opts {
	struct su_opts c;
	const char *group_by, *model, *history, *win_from;
	const char *re[3]; /* --open, --won, --lost patterns (SU_ST_*) */
	int64_t *bound;    /* --bands */
	size_t nbound;
	char bands_cur[SU_CUR_LEN]; /* their currency, or "" (the deals') */
	const char *bands_arg;
	int from_sql, open_age;
	enum mode mode;
	long target_cycle; /* 0: none */
	su_rate target_wr;
	int has_target_wr;
	long min_deals;    /* --min-deals */
	int cohort;        /* --cohort: 0 none, 1 month, 2 quarter */
	int no_dupcheck;   /* --no-duplicate-check */
};

static const char usage_text[] =
"usage: cyclestat [-g COL,...] [--bands AMOUNT,...] [--from created|sql]\n"
"                 [--open-age] [--target-cycle DAYS] [--target-win-rate PCT]\n"
"                 [--min-deals N] [--survival] [--cohort month|quarter]\n"
"                 [--funnel | --loss-reasons | --histogram] [--history FILE]\n"
"                 [--win-rate-from STAGE] [-m MODEL] [--won RE] [--lost RE]\n"
"                 [--open RE] [--no-duplicate-check] [options] [FILE ...]\n";

static void
usage(FILE *fp)
{
	fputs(usage_text, fp);
	if (fp == stdout)
		printf(
"\nPer group: opportunities won, lost and open, win rate, won deal size,\n"
"cycle days of won deals (mean, median, 90th percentile), sales velocity.\n"
"\n"
"  -g, --group-by COL,...     group by columns, roles (owner, segment, type,\n"
"                             ...) or week, month, quarter, fiscal_year of\n"
"                             the close date\n"
"      --bands AMOUNT,...     group by deal-size band too (0,10000,100000)\n"
"      --from created|sql     the cycle starts at the created date (default)\n"
"                             or the date the deal became an SQL\n"
"      --open-age             add the age of open deals (as of --as-of)\n"
"      --target-cycle DAYS    say whether each group's median cycle meets it\n"
"      --target-win-rate PCT  say whether each group's win rate meets it\n"
"      --min-deals N          a group with fewer closed deals is marked\n"
"                             insufficient, never judged (default 10)\n"
"      --funnel               per stage: deals that reached it, conversion,\n"
"                             median days in it\n"
"      --loss-reasons         lost deals by their reason\n"
"      --histogram            the cycle days of won deals, as a histogram\n"
"      --cohort month|quarter group by the period the deals started in too\n"
"      --survival             time to win by Kaplan-Meier: open deals count,\n"
"                             censored at --as-of; lost deals censored at\n"
"                             their close\n"
"      --history FILE         a stage history export, for --funnel and\n"
"                             --win-rate-from\n"
"      --win-rate-from STAGE  add the win rate among deals that reached STAGE\n"
"  -m, --model FILE           the stage model that says which stages are\n"
"                             open, won, lost (default: seed 003's)\n"
"      --no-duplicate-check   do not check opportunity ids for duplicates\n"
"                             (a stream of tens of millions of deals)\n"
"%s"
"\n%s", su_stage_usage, su_common_usage);
}

enum { OPT_BANDS = SU_OPT_PROGRAM_BASE, OPT_FROM, OPT_OPEN_AGE,
       OPT_TARGET_CYCLE, OPT_TARGET_WR, OPT_FUNNEL, OPT_LOSS, OPT_HIST,
       OPT_HISTORY, OPT_WIN_FROM, OPT_MIN_DEALS, OPT_SURVIVAL,
       OPT_COHORT, OPT_NO_DUPCHECK };

static int
set_mode(struct opts *o, enum mode m)
{
	if (o->mode != MODE_STATS && o->mode != m) {
		su_msg(NULL, 0, "--funnel, --loss-reasons, --histogram and "
		    "--survival exclude each other");
		return -1;
	}
	o->mode = m;
	return 0;
}

static int
parse_bands(struct opts *o, const char *arg)
{
	char *copy = su_xstrdup(arg), *tok, *save = NULL, cur[SU_CUR_LEN];
	int64_t v;

	o->bands_arg = arg;
	for (tok = strtok_r(copy, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		if (su_opt_money(&o->c, "--bands", tok, &v, cur)) {
			free(copy);
			return -1;
		}
		/* bounds in two currencies are never compared */
		if (cur[0] && o->bands_cur[0] && strcmp(cur, o->bands_cur)) {
			su_msg(NULL, 0, "--bands %s: bounds in %s and in %s",
			    arg, o->bands_cur, cur);
			free(copy);
			return -1;
		}
		if (cur[0])
			memcpy(o->bands_cur, cur, sizeof cur);
		if (o->nbound && v <= o->bound[o->nbound - 1]) {
			su_msg(NULL, 0, "--bands %s: the bounds must rise", arg);
			free(copy);
			return -1;
		}
		o->bound = su_xrealloc(o->bound, (o->nbound + 1) *
		    sizeof *o->bound);
		o->bound[o->nbound++] = v;
	}
	free(copy);
	if (!o->nbound) {
		su_msg(NULL, 0, "--bands: no bounds");
		return -1;
	}
	return 0;
}

/* ---- per group ------------------------------------------------------------ */

struct gstat {
	long opps, won, lost, open;
	int64_t won_sum, cycle_sum, age_sum;
	struct su_days cyc, age; /* won deals' cycle days; open deals' ages,
	                            counted by day (lib/stats.c) */
	struct su_amounts amt; /* won deals' amounts, by distinct amount */
	long rwon, rlost;     /* won and lost among those that reached
	                         --win-rate-from */
	struct su_days swon, scens; /* --survival: days to win, days at
	                               censoring, counted by day */
};

static void
free_gstat(void *p)
{
	struct gstat *g = p;

	su_days_free(&g->cyc);
	su_days_free(&g->age);
	su_amounts_free(&g->amt);
	su_days_free(&g->swon);
	su_days_free(&g->scens);
}

/* --funnel: the deals at a stage, and those of them at no stage of the
 * model (a pattern or IsClosed placed them) */
struct seen {
	long n, out;
};

/* won deals left out of the cycle figures for want of a date that holds,
 * and the first lines, said at the end */
#define UNCYCLED_SHOWN 5
struct uncycled {
	long n;
	const char *file[UNCYCLED_SHOWN];
	long line[UNCYCLED_SHOWN];
};

/* a deal as the funnel and --win-rate-from see it: kept, for a stage
 * history to be joined to it by id (--history), else only while its row
 * is read */
struct fopp {
	char *id;
	struct gstat *g;
	short pl, cur, status;
	long line;
	int32_t *entered; /* per stage of its pipeline, or NULL */
};

/* the funnel at a stage: deals that reached it, those of them that went
 * on, and the days it took them, counted by day */
struct fstage {
	long reach, conv;
	struct su_days days;
};

struct state {
	struct opts *o;
	struct su_in *in;
	struct su_model *m;
	int col[SU_R_NROLES];
	struct su_gcol *gc;
	size_t ng;
	int need_close;
	struct su_groups *groups, *reasons;
	struct su_groups *seen; /* --funnel: stage -> struct seen */
	long nout;              /* --funnel: deals at no stage of the model */
	struct su_place *pl;
	char *key;
	size_t keycap;
	long noamount, future;
	long noclose;   /* deals in the (none) group of a date -g */
	long noage;     /* open deals with no start: no open age */
	long nosurv;    /* --survival: lost and open deals without a time */
	long nocohort;  /* --cohort: deals without a start */
	struct uncycled wnoclose, wnostart, wback;
	/* duplicate ids: each id and the line it was first on (lib's
	 * compact set: the ids compared, not only their hashes) */
	struct su_idset *ids;
	/* the funnel */
	struct fopp *f;         /* with --history only: its join */
	size_t nf, fcap;
	struct su_map *fids; /* id -> 1 + index into f */
	struct fstage **fs;  /* the funnel's counts, per pipeline and stage */
	long *fnin;          /* the funnel's deals, per pipeline */
	int32_t *fent;       /* a deal's Date entered days, without
	                        --history (a stage's room in each pipeline) */
	struct su_dentered *dent;
	size_t ndent;
	int *win_idx; /* --win-rate-from: its stage in each pipeline, or -1 */
	char cur[SU_CUR_LEN];
	const char *cur_file; /* where cur was first stated */
	long cur_line;
	const struct su_rec *hdr;
};

/* the band of an amount, as a sortable byte: 1 no amount, 2 below the
 * first bound, 3.. from each bound */
static char
band_of(const struct opts *o, int have, int64_t amount)
{
	size_t i;

	if (!have)
		return 1;
	for (i = o->nbound; i > 0; i--)
		if (amount >= o->bound[i - 1])
			return (char)(2 + i);
	return 2;
}

/* "$10K", or "10K EUR" in the deals' currency cur when not USD ("" none) */
static size_t
amount_label(char *buf, int64_t v, const char *cur)
{
	char tmp[48];
	int dollar = !cur[0] || strcmp(cur, "USD") == 0;

	if (v != 0 && (v % 100000000 == 0 || v % 100000 == 0))
		return (size_t)snprintf(buf, 48, "%s%s%lld%s%s%s",
		    v < 0 ? "-" : "", dollar ? "$" : "",
		    (long long)(v < 0 ? -v : v) / (v % 100000000 == 0 ?
		    100000000 : 100000), v % 100000000 == 0 ? "M" : "K",
		    dollar ? "" : " ", dollar ? "" : cur);
	su_money_fmt_table(tmp, v, cur, v % 100 != 0);
	return (size_t)snprintf(buf, 48, "%s", tmp);
}

static size_t
band_label(const struct opts *o, char b, char *buf, const char *cur)
{
	char a[48], c[48];

	if (b == 1)
		return (size_t)snprintf(buf, 100, "no amount");
	if (b == 2) {
		amount_label(a, o->bound[0], cur);
		return (size_t)snprintf(buf, 100, "below %s", a);
	}
	amount_label(a, o->bound[b - 3], cur);
	if ((size_t)(b - 2) == o->nbound)
		return (size_t)snprintf(buf, 100, "%s+", a);
	amount_label(c, o->bound[b - 2], cur);
	return (size_t)snprintf(buf, 100, "%s-%s", a, c);
}

/* the record's id, trimmed (*len 0: none) */
static const char *
id_of(const struct state *st, const struct su_rec *r, size_t *len)
{
	const char *id = r->f[st->col[SU_R_ID]];

	*len = r->len[st->col[SU_R_ID]];
	su_trim(&id, len);
	return id;
}

/* the record's id (len bytes, not empty; h its hash, as
 * su_idset_prefetch gave it) seen before: the row refused */
static enum su_result
check_duplicate(struct state *st, const struct su_rec *r, const char *id,
                size_t len, uint64_t h)
{
	const char *ffile;
	long fline;
	int k;

	k = su_idset_add_hashed(st->ids, id, len, h, r->file, r->line,
	    &ffile, &fline);
	if (k < 0)
		return SU_STOP;
	if (k > 0) {
		char at[PATH_MAX + 32];

		return su_in_reject(st->in, r, "opportunity %.*s again: "
		    "it is on %s too", (int)len, id, su_seen_at(at, sizeof at,
		    ffile, fline, r));
	}
	return SU_OK;
}

static struct fopp *
fopp_find(struct state *st, const char *id, size_t len)
{
	struct su_group *g;

	if (!st->fids || !(g = su_map_get(st->fids, id, len, 0)))
		return NULL;
	return &st->f[*(size_t *)g->val - 1];
}

/* index the kept deals by id, once they are all read (the first of an id
 * is its deal) */
static void
fopp_index(struct state *st)
{
	size_t i;
	size_t *ix;

	st->fids = su_map_new(sizeof(size_t));
	for (i = 0; i < st->nf; i++) {
		ix = su_map_get(st->fids, st->f[i].id, strlen(st->f[i].id),
		    1)->val;
		if (!*ix)
			*ix = i + 1;
	}
}

static int32_t *
entered_of(struct state *st, struct fopp *f)
{
	size_t n = st->m->p[f->pl].nstage, k;

	if (!f->entered) {
		f->entered = su_xmalloc(n * sizeof *f->entered);
		for (k = 0; k < n; k++)
			f->entered[k] = INT32_MIN; /* not entered */
	}
	return f->entered;
}

/* a date of the row: SU_OK and *d (SU_DATE_NONE when empty: real exports
 * leave dates blank, and each figure that needs one says what it left
 * out), or su_in_reject's answer */
static enum su_result
date_of(struct state *st, const struct su_rec *r, int role, int32_t *d)
{
	const char *why;
	int c = st->col[role], k;

	k = su_date_parse(r->f[c], r->len[c], st->o->c.dmy, d, &why);
	if (k > 0)
		*d = SU_DATE_NONE;
	if (k >= 0)
		return SU_OK;
	return su_in_reject(st->in, r, "%s \"%s\": %s", st->hdr->f[c],
	    r->f[c], why);
}

static void
uncycle(struct uncycled *u, const struct su_rec *r)
{
	if (u->n < UNCYCLED_SHOWN) {
		u->file[u->n] = r->file;
		u->line[u->n] = r->line;
	}
	u->n++;
}

/* "N won deals WHAT, left out of cycle times: FILE:LINE, ..." */
static void
say_uncycled(const struct uncycled *u, const char *what1,
             const char *what)
{
	char list[2048];
	size_t len = 0;
	long i;

	if (!u->n)
		return;
	list[0] = '\0';
	for (i = 0; i < u->n && i < UNCYCLED_SHOWN && len < sizeof list; i++)
		len += (size_t)snprintf(list + len, sizeof list - len,
		    "%s%s:%ld", i ? ", " : "", u->file[i], u->line[i]);
	if (u->n > UNCYCLED_SHOWN && len < sizeof list)
		snprintf(list + len, sizeof list - len, ", and %ld more",
		    u->n - UNCYCLED_SHOWN);
	su_msg(NULL, 0, "%ld won deal%s %s, left out of cycle times: %s",
	    u->n, u->n == 1 ? "" : "s", u->n == 1 ? what1 : what, list);
}

/* HubSpot's Date entered columns of pipeline p: SU_OK when each is empty
 * or a date, else su_in_reject's answer.  Read before the deal is counted,
 * so that a row skipped for a bad one is in no figure. */
static enum su_result
check_entered(struct state *st, const struct su_rec *r,
              const struct su_pipeline *p)
{
	const char *why;
	size_t i;
	int32_t d;
	int c;

	for (i = 0; i < st->ndent; i++) {
		c = st->dent[i].col;
		if (su_dentered_stage(p, st->dent[i].label) < 0 ||
		    r->len[c] == 0)
			continue;
		if (su_date_parse(r->f[c], r->len[c], st->o->c.dmy, &d,
		    &why) < 0)
			return su_in_reject(st->in, r, "%s \"%s\": %s",
			    st->hdr->f[c], r->f[c], why);
	}
	return SU_OK;
}

static void count_deal(struct state *, const struct fopp *);

/* the group of a deal whose key is more than its -g values: its band
 * (--bands) after them, the period it started in (--cohort) before them;
 * the key's length in *klen (a loss reason's key starts with it) */
static struct gstat *
key_group(struct state *st, const struct su_rec *r, int32_t close,
          int32_t start, int have_amount, int64_t amount, size_t *klenp)
{
	const struct opts *o = st->o;
	size_t klen;

	klen = su_group_key(st->gc, st->ng, r, close, o->c.fy_start, &st->key,
	    &st->keycap);
	if (o->nbound) {
		if (klen + 2 > st->keycap)
			st->key = su_xrealloc(st->key, st->keycap = klen + 16);
		st->key[klen++] = band_of(o, have_amount, amount);
		st->key[klen++] = '\0';
	}
	if (o->cohort) {
		/* the period the deal started in, first of its key */
		char lab[32];
		size_t ll;

		if (start == SU_DATE_NONE) {
			ll = (size_t)snprintf(lab, sizeof lab, "(none)");
			st->nocohort++; /* said */
		} else if (o->cohort == 1)
			ll = su_label_month(lab, start);
		else
			ll = su_label_quarter(lab, start, o->c.fy_start);
		if (klen + ll + 1 > st->keycap)
			st->key = su_xrealloc(st->key, st->keycap = klen + ll +
			    16);
		memmove(st->key + ll + 1, st->key, klen);
		memcpy(st->key, lab, ll + 1);
		klen += ll + 1;
	}
	*klenp = klen;
	return su_groups_get(st->groups, klen ? st->key : "", klen);
}

/* one deal: counted (SU_OK), refused (SU_SKIP) or the end (SU_STOP) */
static enum su_result
deal(void *self, struct su_run *run, const struct su_rec *r)
{
	struct state *st = self;
	const struct opts *o = st->o;
	struct su_where w;
	struct gstat *g;
	const char *why;
	char cur[SU_CUR_LEN];
	int64_t amount = 0;
	int32_t close = 0, start = 0;
	int k, c, have_amount = 0, startrole = o->from_sql ? SU_R_SQL_DATE :
	    SU_R_CREATED, t = st->col[SU_R_TYPE], s = st->col[SU_R_STAGE];
	size_t klen = 0; /* set where MODE_LOSS reads it */
	char msg[512];
	struct seen *seen;
	enum su_result e;
	int dup = st->col[SU_R_ID] >= 0 && !o->no_dupcheck, closed = 0;
	int mk = 0;
	const char *id = NULL;
	size_t idlen = 0;
	uint64_t idh = 0;

	(void)run;
	/* The id is checked first, but its slot in the set is fetched now
	 * and what says nothing done meanwhile (the status, the stage, the
	 * amount: their verdicts kept, and acted on in their order after the
	 * check): at a million ids the set's table is far past the cache,
	 * and its miss overlaps this work instead of stalling the check. */
	if (dup && (id = id_of(st, r, &idlen), idlen > 0))
		idh = su_idset_prefetch(st->ids, id, idlen);
	k = su_row_status(st->hdr, r, st->col[SU_R_IS_CLOSED],
	    st->col[SU_R_IS_WON], msg, sizeof msg);
	if (k != -2) {
		su_place(st->pl, t >= 0 ? r->f[t] : "", t >= 0 ?
		    r->len[t] : 0, r->f[s], r->len[s], k, &w);
		closed = su_row_closed(st->hdr, r, st->col[SU_R_IS_CLOSED],
		    st->col[SU_R_IS_WON], s, k, &w, msg, sizeof msg);
	}
	if ((c = st->col[SU_R_AMOUNT]) >= 0 && k != -2 && !closed &&
	    w.status >= 0)
		mk = su_money_parse(r->f[c], r->len[c], o->c.decimal_comma,
		    &amount, cur, &why);
	if (dup && idlen > 0 && (e = check_duplicate(st, r, id, idlen,
	    idh)) != SU_OK)
		return e;
	if (k == -2 || closed)
		return su_in_reject(st->in, r, "%s", msg);
	if (w.status < 0) {
		/* said at the end, with every such stage */
		su_place_unknown(st->pl, &w, r->f[s], r->len[s]);
		return SU_OK;
	}
	if (c >= 0) {
		k = mk;
		if (k < 0)
			return su_in_reject(st->in, r, "%s \"%s\": not an "
			    "amount (%s)", st->hdr->f[c], r->f[c], why);
		if (st->col[SU_R_CURRENCY] >= 0 && su_row_currency(st->hdr, r,
		    st->col[SU_R_CURRENCY], cur, msg, sizeof msg))
			return su_in_reject(st->in, r, "%s", msg);
		if (cur[0] && !st->cur[0]) {
			memcpy(st->cur, cur, sizeof cur);
			st->cur_file = r->file;
			st->cur_line = r->line;
		} else if (cur[0] && memcmp(cur, st->cur, sizeof cur) != 0)
			return su_in_reject(st->in, r, "amount in %s, but "
			    "%s:%ld is in %s; amounts in different currencies "
			    "are never added", cur, st->cur_file, st->cur_line,
			    st->cur);
		have_amount = k == 0;
		st->noamount += k == 1;
	}
	if (st->need_close || w.status == ST_WON || (o->mode ==
	    MODE_SURVIVAL && w.status == ST_LOST))
		if ((e = date_of(st, r, SU_R_CLOSE, &close)) != SU_OK)
			return e;
	if (w.status == ST_WON || o->mode == MODE_SURVIVAL || o->cohort ||
	    (w.status == ST_OPEN && o->open_age))
		if ((e = date_of(st, r, startrole, &start)) != SU_OK)
			return e;
	if ((o->mode == MODE_FUNNEL || o->win_from) &&
	    (e = check_entered(st, r, w.p)) != SU_OK)
		return e;
	/* the group: a deal with no close date in a (none) of its own */
	if (st->need_close && close == SU_DATE_NONE)
		st->noclose++;
	if (!o->nbound && !o->cohort && o->mode != MODE_LOSS)
		/* the key as -g gives it: looked up, not copied */
		g = su_groups_rec(st->groups, st->gc, st->ng, r, close,
		    o->c.fy_start, &st->key, &st->keycap);
	else
		g = key_group(st, r, close, start, have_amount, amount, &klen);
	g->opps++;
	if (w.status == ST_WON) {
		g->won++;
		if (su_add(g->won_sum, amount, &g->won_sum)) {
			su_msg(r->file, r->line, "the sum of amounts overflows");
			return SU_STOP;
		}
		su_amounts_add(&g->amt, amount);
		/* A cycle needs both ends, in order: a migration loads old
		 * deals with the load date as their created date, and such a
		 * deal's cycle is not known (nor 0, nor negative).  It stays
		 * in the win rate and the deal size. */
		if (close == SU_DATE_NONE)
			uncycle(&st->wnoclose, r);
		else if (start == SU_DATE_NONE)
			uncycle(&st->wnostart, r);
		else if (close < start)
			uncycle(&st->wback, r);
		else {
			g->cycle_sum += close - start;
			su_days_add(&g->cyc, close - start);
			if (o->mode == MODE_SURVIVAL)
				su_days_add(&g->swon, close - start);
		}
	} else if (w.status == ST_LOST) {
		g->lost++;
		/* censored at its close: it left the race to win then */
		if (o->mode == MODE_SURVIVAL) {
			if (close == SU_DATE_NONE || start == SU_DATE_NONE ||
			    close < start)
				st->nosurv++; /* said */
			else
				su_days_add(&g->scens, close - start);
		}
		if (o->mode == MODE_LOSS) {
			const char *reason = r->f[st->col[SU_R_LOSS_REASON]];
			size_t rl = r->len[st->col[SU_R_LOSS_REASON]];
			long *n;

			su_trim(&reason, &rl);
			if (klen + rl + 1 > st->keycap)
				st->key = su_xrealloc(st->key, st->keycap =
				    (klen + rl + 1) * 2);
			memcpy(st->key + klen, reason, rl);
			st->key[klen + rl] = '\0';
			n = su_groups_get(st->reasons, st->key, klen + rl + 1);
			++*n;
		}
	} else {
		g->open++;
		/* censored at --as-of: still in the race, this old */
		if (o->mode == MODE_SURVIVAL) {
			if (start == SU_DATE_NONE)
				st->nosurv++; /* said */
			else if (start > o->c.as_of)
				st->future += !o->open_age; /* said */
			else
				su_days_add(&g->scens, o->c.as_of - start);
		}
		if (o->open_age && start == SU_DATE_NONE)
			st->noage++; /* said */
		else if (o->open_age && start > o->c.as_of)
			st->future++; /* not open yet as of then: said */
		else if (o->open_age) {
			g->age_sum += o->c.as_of - start;
			su_days_add(&g->age, o->c.as_of - start);
		}
	}
	/* the stages seen, for a funnel the model's stages cannot draw */
	if (o->mode == MODE_FUNNEL) {
		const char *sn = r->f[s];
		size_t sl = r->len[s];

		su_trim(&sn, &sl);
		if (sl + 1 > st->keycap)
			st->key = su_xrealloc(st->key, st->keycap = (sl + 1) * 2);
		memcpy(st->key, sn, sl);
		st->key[sl] = '\0';
		seen = su_groups_get(st->seen, st->key, sl + 1);
		seen->n++;
		if (w.idx < 0)
			seen->out++, st->nout++;
	}
	/* counted now for the funnel and --win-rate-from, or kept for the
	 * history to be joined to */
	if ((o->mode == MODE_FUNNEL || o->win_from) && !o->history) {
		struct fopp f = {.g = g, .pl = (short)(w.p - st->m->p),
		    .cur = (short)w.idx, .status = (short)w.status};
		size_t i, k;

		for (i = 0; i < st->ndent; i++) {
			const struct su_pipeline *p = &st->m->p[f.pl];
			int j = su_dentered_stage(p, st->dent[i].label);
			int32_t d;

			c = st->dent[i].col;
			if (j < 0 || r->len[c] == 0 || su_date_parse(r->f[c],
			    r->len[c], o->c.dmy, &d, &why) != 0)
				continue; /* (checked above) */
			if (!f.entered)
				for (f.entered = st->fent, k = 0;
				    k < p->nstage; k++)
					f.entered[k] = INT32_MIN;
			f.entered[j] = d;
		}
		count_deal(st, &f);
	} else if (o->mode == MODE_FUNNEL || o->win_from) {
		struct fopp *f;
		const char *id = "";
		size_t len = 0, i;

		if (st->col[SU_R_ID] >= 0) {
			id = r->f[st->col[SU_R_ID]];
			len = r->len[st->col[SU_R_ID]];
			su_trim(&id, &len);
		}
		if (st->nf == st->fcap) {
			st->fcap = st->fcap ? st->fcap * 2 : 256;
			st->f = su_xrealloc(st->f, st->fcap * sizeof *st->f);
		}
		f = &st->f[st->nf++];
		memset(f, 0, sizeof *f);
		f->id = su_xmalloc(len + 1);
		memcpy(f->id, id, len);
		f->id[len] = '\0';
		f->pl = (short)(w.p - st->m->p);
		f->cur = (short)w.idx;
		f->status = (short)w.status;
		f->line = r->line;
		/* (g is found again by key: pointers into the table stay) */
		f->g = g;
		for (i = 0; i < st->ndent; i++) {
			const struct su_pipeline *p = &st->m->p[f->pl];
			int j = su_dentered_stage(p, st->dent[i].label);
			int32_t d;

			c = st->dent[i].col;
			if (j < 0 || r->len[c] == 0)
				continue;
			if (su_date_parse(r->f[c], r->len[c], o->c.dmy, &d,
			    &why) == 0) /* (checked above) */
				entered_of(st, f)[j] = d;
		}
	}
	return SU_OK;
}

/* ---- the funnel ------------------------------------------------------------ */

/* the stages of a funnel: the open ones and the won ones, in order */
static int
in_funnel(const struct su_stage *s)
{
	return s->status != ST_LOST;
}

/* did deal f reach stage k (of its pipeline)?  With a history: it entered
 * it, or is there now.  Without: its furthest stage is where it is (a won
 * deal passed every stage; a lost deal's furthest stage is not known, so
 * it counts at the first stage only). */
static int
reached(const struct su_pipeline *p, const struct fopp *f, int k)
{
	int i, first = -1;

	if (f->entered)
		return f->entered[k] != INT32_MIN || f->cur == k;
	if (f->status == ST_WON)
		return in_funnel(&p->stage[k]) && (p->stage[k].status == ST_OPEN ||
		    k == f->cur);
	if (f->status == ST_OPEN)
		return k <= f->cur && p->stage[k].status == ST_OPEN;
	for (i = 0; i < (int)p->nstage && first < 0; i++)
		if (in_funnel(&p->stage[i]))
			first = i;
	return k == first;
}

/* a deal into the funnel's counts (--funnel) and the win rate of those
 * that reached --win-rate-from: as its row is read, or once the history
 * is joined to it */
static void
count_deal(struct state *st, const struct fopp *f)
{
	const struct su_pipeline *p = &st->m->p[f->pl];
	size_t k, m;
	int w;

	if (st->o->mode == MODE_FUNNEL) {
		st->fnin[f->pl]++;
		for (k = 0; k < p->nstage; k++) {
			struct fstage *fs = &st->fs[f->pl][k];

			if (!in_funnel(&p->stage[k]) || !reached(p, f, (int)k))
				continue;
			fs->reach++;
			for (m = k + 1; m < p->nstage; m++)
				if (in_funnel(&p->stage[m]) &&
				    reached(p, f, (int)m))
					break;
			if (m == p->nstage)
				continue;
			fs->conv++;
			/* days from entering k to entering the next stage it
			 * reached, when both are known */
			if (f->entered && f->entered[k] != INT32_MIN &&
			    f->entered[m] != INT32_MIN &&
			    f->entered[m] >= f->entered[k])
				su_days_add(&fs->days, f->entered[m] -
				    f->entered[k]);
		}
	}
	if (!st->o->win_from || (w = st->win_idx[f->pl]) < 0 ||
	    f->status == ST_OPEN || !reached(p, f, w))
		return;
	if (f->status == ST_WON)
		f->g->rwon++;
	else
		f->g->rlost++;
}

static int
read_history(struct state *st)
{
	struct su_hist *h = su_hist_open(&st->o->c, st->o->history);
	struct su_hrow row;
	long unseen = 0, first_line = 0;
	int k, t;

	if (!h)
		return -1;
	while ((k = su_hist_next(h, &row)) > 0) {
		struct fopp *f = fopp_find(st, row.id, row.idlen);

		if (!f) {
			if (!unseen++)
				first_line = row.line;
			continue;
		}
		t = su_model_stage(&st->m->p[f->pl], row.to, row.tolen);
		if (t < 0)
			continue;
		if (entered_of(st, f)[t] == INT32_MIN || row.date <
		    f->entered[t])
			f->entered[t] = row.date; /* its first time there */
	}
	su_hist_free(h);
	if (k < 0)
		return -1;
	if (unseen)
		su_msg(st->o->history, 0, "%ld history row%s for opportunities "
		    "not in the input (the first at line %ld)", unseen,
		    unseen == 1 ? "" : "s", first_line);
	return 0;
}

/* A funnel counts deals at the model's stages: a deal at another stage
 * (placed by a pattern or IsClosed) has no place in it, and a funnel
 * without it, or of no deal at all, would still read as one.  Refused,
 * with the stages the data has (1, said). */
static int
no_funnel(struct state *st)
{
	struct su_group **all;
	char list[2048];
	size_t n, i, len = 0;

	if (!st->nout)
		return 0;
	all = su_groups_sorted(st->seen, &n);
	for (i = 0; i < n; i++) {
		const struct seen *v = all[i]->val;

		if (su_list_add(list, sizeof list, &len, "\"%.200s\" (%ld%s)",
		    all[i]->key, v->n, v->out ? ", not in the model" : ""))
			break;
	}
	su_list_more(list, sizeof list, len, n - i, "");
	su_msg(NULL, 0, "--funnel: %ld deal%s at stages not in the model, "
	    "which its funnel has no place for; the stages seen: %s (give "
	    "the model of these stages with -m)", st->nout, st->nout == 1 ?
	    " is" : "s are", list);
	return 1;
}

static int
write_funnel(struct state *st, struct su_out *out)
{
	static const char *const names[] = {"pipeline", "stage", "reached",
	    "converted", "conversion", "median_days"};
	struct su_cell c[6];
	size_t pi, k;
	int e;

	if ((e = su_out_header(out, 6, names)) != 0)
		return e;
	for (pi = 0; pi < st->m->np; pi++) {
		const struct su_pipeline *p = &st->m->p[pi];

		if (!st->fnin[pi])
			continue;
		for (k = 0; k < p->nstage; k++) {
			struct fstage *fs = &st->fs[pi][k];

			if (!in_funnel(&p->stage[k]))
				continue;
			memset(c, 0, sizeof c);
			c[0].type = c[1].type = SU_C_STR;
			c[0].s = p->name, c[0].len = strlen(p->name);
			c[1].s = p->stage[k].name, c[1].len = strlen(p->stage[k].name);
			c[2].type = c[3].type = SU_C_INT;
			c[2].v = fs->reach, c[3].v = fs->conv;
			if (p->stage[k].status == ST_WON)
				c[3].type = SU_C_NULL; /* the funnel's end */
			else if (fs->reach)
				c[4].type = SU_C_PCT, c[4].v = fs->conv,
				c[4].d = fs->reach;
			if (fs->days.n)
				c[5].type = SU_C_DAYS, c[5].d = 2,
				c[5].v = su_days_median2(&fs->days);
			if ((e = su_out_row(out, c)) != 0)
				return e;
		}
	}
	return 0;
}

/* ---- output ----------------------------------------------------------------- */

/* the group columns of a key, with a band label for the band byte */
/* the group columns' names (--cohort's, -g's, --bands'), then the n of
 * fixed */
static size_t
group_names(const struct state *st, const char **names,
            const char *const *fixed, size_t n)
{
	size_t i, k = 0;

	if (st->o->cohort)
		names[k++] = "cohort";
	for (i = 0; i < st->ng; i++)
		names[k++] = st->gc[i].name;
	if (st->o->nbound)
		names[k++] = "deal_size";
	for (i = 0; i < n; i++)
		names[k++] = fixed[i];
	return k;
}

static size_t
group_cells(const struct state *st, const char *key, struct su_cell *c,
            char *bandbuf)
{
	size_t i, ng = st->ng + (st->o->cohort != 0);

	for (i = 0; i < ng; i++) {
		c[i].type = SU_C_STR;
		c[i].s = key;
		c[i].len = strlen(key);
		key += c[i].len + 1;
	}
	if (st->o->nbound) {
		c[i].type = SU_C_STR;
		c[i].s = bandbuf;
		c[i].len = band_label(st->o, key[0], bandbuf, st->cur);
		i++;
	}
	return i;
}

static int
write_stats(struct state *st, struct su_out *out)
{
	const struct opts *o = st->o;
	static const char *const fixed[] = {"opps", "won", "lost", "open",
	    "win_rate", "win_rate_low", "win_rate_high", "sample", "avg_deal",
	    "median_deal", "cycle_mean", "cycle_median", "cycle_p90",
	    "velocity"};
	const char *names[64];
	struct su_cell c[64];
	struct su_group **all;
	char band[100];
	size_t n, i, j;
	int e;

	i = group_names(st, names, fixed, sizeof fixed / sizeof fixed[0]);
	if (o->target_cycle)
		names[i++] = "meets_cycle";
	if (o->has_target_wr)
		names[i++] = "meets_win_rate";
	if (o->open_age) {
		names[i++] = "open_age_mean";
		names[i++] = "open_age_median";
		names[i++] = "open_age_p90";
	}
	if (o->win_from) {
		names[i++] = "reached";
		names[i++] = "win_rate_reached";
	}
	if ((e = su_out_header(out, i, names)) != 0)
		return e;
	all = su_groups_sorted(st->groups, &n);
	for (j = 0; j < n; j++) {
		struct gstat *g = all[j]->val;
		long closed = g->won + g->lost;
		int64_t v;
		int insufficient;

		memset(c, 0, sizeof c);
		i = group_cells(st, all[j]->key, c, band);
		c[i].type = SU_C_INT, c[i++].v = g->opps;
		c[i].type = SU_C_INT, c[i++].v = g->won;
		c[i].type = SU_C_INT, c[i++].v = g->lost;
		c[i].type = SU_C_INT, c[i++].v = g->open;
		if (closed)
			c[i].type = SU_C_PCT, c[i].v = g->won, c[i].d = closed;
		i++;
		if (closed) {
			double lo, hi;

			su_wilson(g->won, closed, &lo, &hi);
			c[i].type = c[i + 1].type = SU_C_PCT;
			c[i].v = su_ppb(lo), c[i + 1].v = su_ppb(hi);
			c[i].d = c[i + 1].d = SU_PPB;
		}
		i += 2;
		insufficient = su_insufficient(closed, o->min_deals);
		c[i++] = su_cell_str(insufficient ? SU_INSUFFICIENT : "ok");
		if (g->won) {
			su_muldiv(g->won_sum, 1, g->won, &v);
			c[i].type = SU_C_MONEY, c[i].v = v;
			c[i + 1].type = SU_C_MONEY;
			c[i + 1].v = su_amounts_median(&g->amt);
		}
		if (g->cyc.n) { /* the won deals with a cycle */
			c[i + 2].type = SU_C_DAYS, c[i + 2].v = g->cycle_sum;
			c[i + 2].d = (int64_t)g->cyc.n;
			c[i + 3].type = SU_C_DAYS, c[i + 3].d = 2;
			c[i + 3].v = su_days_median2(&g->cyc);
			c[i + 4].type = SU_C_INT;
			c[i + 4].v = su_days_percentile(&g->cyc, 90);
		}
		i += 5;
		/* velocity = open x win rate x average won deal / mean cycle
		 * days = open x won_sum x cycles / ((won + lost) x cycle_sum),
		 * the mean cycle of the won deals that have one */
		if (g->cyc.n && g->cycle_sum > 0 && su_muldiv(g->won_sum,
		    g->open * (int64_t)g->cyc.n, closed * g->cycle_sum,
		    &v) == 0)
			c[i].type = SU_C_MONEY, c[i].v = v;
		i++;
		if (o->target_cycle) {
			if (g->cyc.n) {
				int ok = c[i - 3].v <= 2 * o->target_cycle;

				c[i] = su_cell_str(insufficient ?
				    SU_INSUFFICIENT : ok ? "yes" : "no");
			}
			i++;
		}
		if (o->has_target_wr) {
			if (closed) {
				/* won / closed >= target, exactly */
				int ok = (i128)g->won * SU_RATE_ONE >=
				    (i128)o->target_wr * closed;

				c[i] = su_cell_str(insufficient ?
				    SU_INSUFFICIENT : ok ? "yes" : "no");
			}
			i++;
		}
		if (o->open_age) {
			if (g->age.n) {
				c[i].type = SU_C_DAYS, c[i].v = g->age_sum;
				c[i].d = (int64_t)g->age.n;
				c[i + 1].type = SU_C_DAYS, c[i + 1].d = 2;
				c[i + 1].v = su_days_median2(&g->age);
				c[i + 2].type = SU_C_INT;
				c[i + 2].v = su_days_percentile(&g->age,
				    90);
			}
			i += 3;
		}
		if (o->win_from) {
			c[i].type = SU_C_INT, c[i].v = g->rwon + g->rlost;
			if (g->rwon + g->rlost)
				c[i + 1].type = SU_C_PCT, c[i + 1].v = g->rwon,
				c[i + 1].d = g->rwon + g->rlost;
			i += 2;
		}
		if ((e = su_out_row(out, c)) != 0)
			return e;
	}
	return 0;
}

static int
write_reasons(struct state *st, struct su_out *out)
{
	const char *names[40];
	struct su_cell c[40];
	struct su_group **all;
	char band[100];
	size_t n, i, j;
	int e;

	i = group_names(st, names, NULL, 0);
	names[i++] = st->hdr->f[st->col[SU_R_LOSS_REASON]];
	names[i++] = "lost";
	names[i++] = "share";
	if ((e = su_out_header(out, i, names)) != 0)
		return e;
	all = su_groups_sorted(st->reasons, &n);
	for (j = 0; j < n; j++) {
		const char *key = all[j]->key;
		size_t glen = all[j]->keylen, klen;
		struct su_group *gg;
		struct gstat *g;

		/* the group's part of the key: all but the reason */
		for (klen = glen - 1; klen > 0 && key[klen - 1]; klen--)
			;
		gg = su_groups_find(st->groups, klen ? key : "", klen);
		g = gg->val;
		memset(c, 0, sizeof c);
		/* the group as its table spells it (pivot: first seen) */
		i = group_cells(st, gg->key, c, band);
		c[i].type = SU_C_STR, c[i].s = key + klen;
		c[i].len = strlen(key + klen);
		if (c[i].len == 0)
			c[i].s = "(none)", c[i].len = 6;
		i++;
		c[i].type = SU_C_INT, c[i++].v = *(long *)all[j]->val;
		c[i].type = SU_C_PCT, c[i].v = *(long *)all[j]->val;
		c[i++].d = g->lost;
		if ((e = su_out_row(out, c)) != 0)
			return e;
	}
	return 0;
}

static int
write_histogram(struct state *st, struct su_out *out)
{
	static const int widths[] = {7, 15, 30, 60, 90, 180, 365, 3650};
	const char *names[40];
	struct su_cell c[40];
	struct su_group **all;
	char band[100], label[32], bar[48];
	size_t n, i, j, k, g0;
	int e;

	i = group_names(st, names, NULL, 0);
	names[i++] = "cycle_days";
	names[i++] = "won";
	names[i++] = "histogram";
	if ((e = su_out_header(out, i, names)) != 0)
		return e;
	all = su_groups_sorted(st->groups, &n);
	for (j = 0; j < n; j++) {
		struct gstat *g = all[j]->val;
		int32_t max = g->cyc.max, d;
		long count[13], most = 0;
		int w = widths[0], nb;

		if (!g->cyc.n)
			continue;
		for (k = 0; k < sizeof widths / sizeof widths[0]; k++)
			if (max / (w = widths[k]) < 12)
				break;
		nb = max / w + 1;
		memset(count, 0, sizeof count);
		for (d = 0; d < g->cyc.ncount; d++)
			count[d / w] += (long)g->cyc.count[d];
		for (k = 0; k < g->cyc.n - g->cyc.dense; k++)
			count[g->cyc.far[k] / w]++;
		for (k = 0; k < (size_t)nb; k++)
			if (count[k] > most)
				most = count[k];
		for (k = 0; k < (size_t)nb; k++) {
			size_t len = (size_t)(count[k] * 40 + most - 1) / (size_t)most;

			memset(c, 0, sizeof c);
			g0 = group_cells(st, all[j]->key, c, band);
			c[g0].type = SU_C_STR, c[g0].s = label;
			c[g0].len = (size_t)snprintf(label, sizeof label,
			    "%d-%d", (int)k * w, (int)(k + 1) * w - 1);
			c[g0 + 1].type = SU_C_INT, c[g0 + 1].v = count[k];
			memset(bar, '#', len);
			c[g0 + 2].type = SU_C_STR, c[g0 + 2].s = bar;
			c[g0 + 2].len = len;
			if ((e = su_out_row(out, c)) != 0)
				return e;
		}
	}
	return 0;
}

/*
 * --survival: Kaplan-Meier of the days to win (lib/stats.c), per group:
 * the median with its 95% interval, and P(won within 30, 60, 90, 180
 * days) = 1 - S(d)
 */
static int
write_survival(struct state *st, struct su_out *out)
{
	static const int within[] = {30, 60, 90, 180};
	static const char *const fixed[] = {"deals", "won", "censored",
	    "median_days_to_win", "median_low", "median_high", "won_30",
	    "won_60", "won_90", "won_180", "sample"};
	const char *names[64];
	struct su_cell c[64];
	struct su_group **all;
	char band[100];
	size_t n, i, j, k;
	int e;

	i = group_names(st, names, fixed, sizeof fixed / sizeof fixed[0]);
	if ((e = su_out_header(out, i, names)) != 0)
		return e;
	all = su_groups_sorted(st->groups, &n);
	for (j = 0; j < n; j++) {
		struct gstat *g = all[j]->val;
		const double *curve[3];
		struct su_km km;
		int64_t q;

		su_km_fit_days(&g->swon, &g->scens, &km);
		memset(c, 0, sizeof c);
		i = group_cells(st, all[j]->key, c, band);
		c[i++] = su_cell_num(SU_C_INT, km.subjects, 1);
		c[i++] = su_cell_num(SU_C_INT, km.events, 1);
		c[i++] = su_cell_num(SU_C_INT, km.subjects - km.events, 1);
		curve[0] = km.s, curve[1] = km.lo, curve[2] = km.hi;
		/* the median; its interval from where the pointwise band
		 * crosses 1/2 (Brookmeyer and Crowley): the lower curve
		 * first, the lower end */
		for (k = 0; k < 3; k++, i++)
			if ((q = su_km_quantile2(&km, curve[k], 0.5)) >= 0)
				c[i] = su_cell_num(SU_C_DAYS, q, 2);
		/* beyond the last day seen the curve is not known (a young
		 * cohort says nothing of day 180), unless no deal is left */
		for (k = 0; k < sizeof within / sizeof within[0]; k++)
			if (km.subjects && (within[k] <= km.tmax ||
			    su_km_at(&km, within[k]) == 0))
				c[i + k] = su_cell_num(SU_C_PCT, su_ppb(1 -
				    su_km_at(&km, within[k])), SU_PPB);
		i += k;
		c[i++] = su_cell_str(su_insufficient(km.subjects,
		    st->o->min_deals) ? SU_INSUFFICIENT : "ok");
		su_km_free(&km);
		if ((e = su_out_row(out, c)) != 0)
			return e;
	}
	return 0;
}

/* ---- the run ------------------------------------------------------------- */

static const struct option longopts[] = {
	{"group-by", 1, 0, 'g'}, {"bands", 1, 0, OPT_BANDS},
	{"from", 1, 0, OPT_FROM}, {"open-age", 0, 0, OPT_OPEN_AGE},
	{"target-cycle", 1, 0, OPT_TARGET_CYCLE},
	{"target-win-rate", 1, 0, OPT_TARGET_WR},
	{"funnel", 0, 0, OPT_FUNNEL}, {"loss-reasons", 0, 0, OPT_LOSS},
	{"histogram", 0, 0, OPT_HIST}, {"history", 1, 0, OPT_HISTORY},
	{"win-rate-from", 1, 0, OPT_WIN_FROM}, {"model", 1, 0, 'm'},
	{"min-deals", 1, 0, OPT_MIN_DEALS}, {"survival", 0, 0, OPT_SURVIVAL},
	{"cohort", 1, 0, OPT_COHORT},
	{"no-duplicate-check", 0, 0, OPT_NO_DUPCHECK},
	SU_STAGE_LONGOPTS, {0, 0, 0, 0},
};

static int
option(void *self, int c, const char *arg)
{
	struct opts *o = ((struct state *)self)->o;
	int k;

	/* --won, --lost and --open, the library's; then ours, as longopts
	 * lists them */
	if (su_stage_opt(o->re, c, arg))
		return 0;
	switch (c) {
	case 'g':
		o->group_by = arg;
		return 0;
	case OPT_BANDS:
		return parse_bands(o, arg);
	case OPT_FROM: {
		static const char *const from[] = {"created", "sql"};

		if ((k = su_opt_choice("--from", arg, from, 2)) < 0)
			return -1;
		o->from_sql = k;
		return 0;
	}
	case OPT_OPEN_AGE:
		o->open_age = 1;
		return 0;
	case OPT_TARGET_CYCLE:
		if (su_strtonum(arg, 1, 100000, &o->target_cycle) != 0) {
			su_msg(NULL, 0, "--target-cycle %s: expected a number "
			    "of days from 1", arg);
			return -1;
		}
		return 0;
	case OPT_TARGET_WR:
		if (su_opt_pct("--target-win-rate", arg, &o->target_wr))
			return -1;
		o->has_target_wr = 1;
		return 0;
	case OPT_FUNNEL:
		return set_mode(o, MODE_FUNNEL);
	case OPT_LOSS:
		return set_mode(o, MODE_LOSS);
	case OPT_HIST:
		return set_mode(o, MODE_HISTOGRAM);
	case OPT_HISTORY:
		o->history = arg;
		return 0;
	case OPT_WIN_FROM:
		o->win_from = arg;
		return 0;
	case 'm':
		o->model = arg;
		return 0;
	case OPT_MIN_DEALS:
		return su_opt_min_deals(arg, &o->min_deals);
	case OPT_SURVIVAL:
		return set_mode(o, MODE_SURVIVAL);
	case OPT_COHORT: {
		static const char *const per[] = {"month", "quarter"};

		if ((k = su_opt_choice("--cohort", arg, per, 2)) < 0)
			return -1;
		o->cohort = k + 1;
		return 0;
	}
	case OPT_NO_DUPCHECK:
		o->no_dupcheck = 1;
		return 0;
	}
	abort(); /* in longopts, handled by nobody */
}

/* the options together, the model and its tables, the columns wanted */
static int
setup(void *self, struct su_run *run)
{
	struct state *st = self;
	const struct opts *o = st->o;
	unsigned char *want = run->want;

	if (o->mode == MODE_FUNNEL && (o->group_by || o->cohort)) {
		su_msg(NULL, 0, "--funnel is per pipeline: it does not go with "
		    "%s", o->group_by ? "-g" : "--cohort");
		return -1;
	}
	st->groups = su_groups_new_pivot(sizeof(struct gstat));
	st->reasons = su_groups_new_pivot(sizeof(long));
	st->seen = su_groups_new(sizeof(struct seen));
	st->ids = su_idset_new();
	if (su_model_load(o->model, &st->m) ||
	    !(st->pl = su_place_new(st->m, o->re)))
		return -1;
	if (o->mode == MODE_FUNNEL || o->win_from) {
		size_t i, most = 1;

		st->fs = su_xmalloc(st->m->np * sizeof *st->fs);
		st->fnin = su_xmalloc(st->m->np * sizeof *st->fnin);
		for (i = 0; i < st->m->np; i++) {
			size_t n = st->m->p[i].nstage;

			st->fs[i] = su_xmalloc((n ? n : 1) * sizeof **st->fs);
			memset(st->fs[i], 0, (n ? n : 1) * sizeof **st->fs);
			st->fnin[i] = 0;
			most = n > most ? n : most;
		}
		st->fent = su_xmalloc(most * sizeof *st->fent);
	}
	want[SU_R_STAGE] = want[SU_R_CLOSE] = SU_COL_REQUIRED;
	want[o->from_sql ? SU_R_SQL_DATE : SU_R_CREATED] = SU_COL_REQUIRED;
	want[SU_R_AMOUNT] = want[SU_R_TYPE] = want[SU_R_ID] =
	    want[SU_R_IS_CLOSED] = want[SU_R_IS_WON] = SU_COL_OPTIONAL;
	want[SU_R_CURRENCY] = SU_COL_OPTIONAL;
	if (o->mode == MODE_LOSS)
		want[SU_R_LOSS_REASON] = SU_COL_REQUIRED;
	if (o->history)
		want[SU_R_ID] = SU_COL_REQUIRED;
	return 0;
}

/* the groups, the Date entered columns and --win-rate-from's stage */
static int
header(void *self, struct su_run *run)
{
	struct state *st = self;
	const struct opts *o = st->o;
	const struct su_rec *hdr = &run->hdr;
	size_t i;
	int any = 0;

	st->in = run->in;
	st->hdr = hdr;
	memcpy(st->col, run->col, sizeof st->col);
	/* a large input read twice for the duplicate-id check: as this
	 * reader reads it */
	su_idset_inputs(st->ids, run->c, run->nfiles, run->files,
	    st->col[SU_R_ID]);
	if (o->group_by && su_group_resolve(hdr->file, o->group_by, hdr,
	    &o->c, &st->gc, &st->ng))
		return -1;
	for (i = 0; i < st->ng; i++)
		if (st->gc[i].kind != SU_G_COLUMN)
			st->need_close = 1;
	if (!o->history)
		st->ndent = su_date_entered(hdr, &st->dent);
	if (!o->win_from)
		return 0;
	if (!o->history && !st->ndent) {
		su_msg(NULL, 0, "--win-rate-from %s needs a stage history "
		    "(--history FILE, or HubSpot's Date entered columns): "
		    "without one, a lost deal's furthest stage is not known",
		    o->win_from);
		return -1;
	}
	st->win_idx = su_xmalloc(st->m->np * sizeof *st->win_idx);
	for (i = 0; i < st->m->np; i++) {
		st->win_idx[i] = su_model_stage(&st->m->p[i], o->win_from,
		    strlen(o->win_from));
		any |= st->win_idx[i] >= 0;
	}
	if (!any) {
		su_msg(NULL, 0, "--win-rate-from %s: no such stage in the "
		    "model", o->win_from);
		return -1;
	}
	return 0;
}

/* n deals that have no COL, said once */
static void
say_deals(long n, const char *what, const char *col, const char *then)
{
	if (n)
		su_msg(NULL, 0, "%ld %s%s no %s; %s", n, what, n == 1 ?
		    " has" : "s have", col, then);
}

/* the won deals left out of the cycle times, each reason said once */
static void
say_uncycled_all(const struct state *st, const char *close,
                 const char *start)
{
	const struct opts *o = st->o;
	char a[300], b[300];

	snprintf(a, sizeof a, "has no %s", close);
	snprintf(b, sizeof b, "have no %s", close);
	say_uncycled(&st->wnoclose, a, b);
	snprintf(a, sizeof a, "has no %s", start);
	snprintf(b, sizeof b, "have no %s", start);
	say_uncycled(&st->wnostart, a, b);
	say_uncycled(&st->wback, o->from_sql ? "closes before its SQL date" :
	    "closes before it was created (a migration's load date?)",
	    o->from_sql ? "close before their SQL date" : "close before "
	    "they were created (a migration's load date?)");
}

/* the kept deals counted, their history joined */
static void
count_kept(struct state *st)
{
	size_t i;

	for (i = 0; i < st->nf; i++)
		count_deal(st, &st->f[i]);
}

/* the last record read: the duplicate-id check's readings agree */
static int
settle(void *self, struct su_run *run)
{
	struct state *st = self;

	(void)run;
	return su_idset_end(st->ids);
}

/* the input read: what is said of it, the bands' currency, the funnel's
 * history and --win-rate-from worked out */
static int
end(void *self, struct su_run *run)
{
	struct state *st = self;
	const struct opts *o = st->o;
	const char *close = run->hdr.f[st->col[SU_R_CLOSE]];
	const char *start = run->hdr.f[st->col[o->from_sql ? SU_R_SQL_DATE :
	    SU_R_CREATED]];

	su_groups_say_respelled(st->groups);
	if (su_place_nunknown(st->pl)) {
		su_place_report(st->pl, NULL);
		return -1;
	}
	say_deals(st->noamount, "deal", "amount", "counted as 0");
	say_deals(st->noclose, "deal", close, "grouped under (none)");
	say_uncycled_all(st, close, start);
	say_deals(st->noage, "open deal", start, "left out of the open ages");
	say_deals(st->nocohort, "deal", start, "in the (none) cohort");
	if (st->nosurv)
		su_msg(NULL, 0, "%ld lost or open deal%s no %s or %s (or "
		    "close%s before %s start); left out of the survival",
		    st->nosurv, st->nosurv == 1 ? " has" : "s have", start,
		    close, st->nosurv == 1 ? "s" : "", st->nosurv == 1 ?
		    "its" : "their");
	if (o->bands_arg) {
		char what[256];

		snprintf(what, sizeof what, "--bands %s", o->bands_arg);
		if (su_cur_compare(what, o->bands_cur, "deals", st->cur,
		    st->cur_file, st->cur_line))
			return -1;
		/* deals that state no currency are in the bands' */
		if (!st->cur[0])
			memcpy(st->cur, o->bands_cur, sizeof st->cur);
	}
	if (st->future) {
		char d[16];

		su_date_fmt(d, o->c.as_of);
		su_msg(NULL, 0, "%ld open deal%s after --as-of %s; left out "
		    "of %s", st->future, st->future == 1 ?
		    " starts" : "s start", d, o->mode != MODE_SURVIVAL ?
		    "the open ages" : o->open_age ? "the open ages and the "
		    "survival" : "the survival");
	}
	if (o->mode == MODE_FUNNEL && no_funnel(st))
		return -1;
	if (o->history) {
		fopp_index(st);
		if (read_history(st))
			return -1;
	}
	count_kept(st); /* (none kept without --history: counted as read) */
	if (st->ng == 0 && !o->nbound && !o->cohort)
		su_groups_get(st->groups, "", 0); /* no deals: still a row */
	return 0;
}

/* the table of the mode asked for */
static int
write_mode(void *self, struct su_run *run, struct su_out *out)
{
	static int (*const table[])(struct state *, struct su_out *) = {
		[MODE_STATS] = write_stats, [MODE_FUNNEL] = write_funnel,
		[MODE_LOSS] = write_reasons, [MODE_HISTOGRAM] = write_histogram,
		[MODE_SURVIVAL] = write_survival,
	};
	struct state *st = self;

	(void)run;
	su_out_currency(out, st->cur);
	return table[st->o->mode](st, out);
}

/* whatever was reached: the driver calls this after any error too */
static void
free_state(void *self)
{
	struct state *st = self;
	size_t i, k;

	/* the funnel's counts first: sized by the model */
	if (st->fs) {
		for (i = 0; i < st->m->np; i++) {
			for (k = 0; k < st->m->p[i].nstage; k++)
				su_days_free(&st->fs[i][k].days);
			free(st->fs[i]);
		}
	}
	free(st->fs);
	free(st->fnin);
	free(st->fent);
	su_place_free(st->pl);
	su_model_free(st->m);
	su_groups_free(st->groups, free_gstat);
	su_groups_free(st->reasons, NULL);
	su_groups_free(st->seen, NULL);
	for (i = 0; i < st->nf; i++) {
		free(st->f[i].id);
		free(st->f[i].entered);
	}
	free(st->f);
	su_map_free(st->fids, NULL);
	su_idset_free(st->ids);
	free(st->gc);
	free(st->key);
	free(st->win_idx);
	su_dentered_free(st->dent, st->ndent);
	free(st->o->bound);
}

static const struct su_prog cyclestat = {
	.shortopts = "g:m:", .longopts = longopts, .usage = usage,
	.option = option, .setup = setup, .header = header, .record = deal,
	.settle = settle, .end = end, .write = write_mode, .free = free_state,
};

int
main(int argc, char **argv)
{
	struct opts o = {.min_deals = SU_MIN_DEALS};
	struct state st = {.o = &o};

	return su_run(&cyclestat, &st, &o.c, argc, argv);
}
