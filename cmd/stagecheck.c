/*
 * stagecheck - check every opportunity against its stage's gate: MEDDPICC
 * required per stage, probability and category per stage, seed 000's red
 * flags, and hygiene (issue 3; stagecheck-model(5) for the models).
 */
#include "su.h"

#include <getopt.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum sev { SEV_INFO, SEV_WARN, SEV_ERROR };
static const char *const sevname[] = {"info", "warn", "error"};

/* the checks, with a stable name and a severity each */
enum check {
	CK_UNKNOWN_TYPE, CK_UNKNOWN_STAGE, CK_MISSING_MEDDPICC,
	CK_PROBABILITY, CK_CATEGORY, CK_NO_EB, CK_NO_CHAMPION, CK_LOW_PAIN,
	CK_PAST_CLOSE, CK_CLOSE_SOON, CK_MISSING_AMOUNT, CK_NEXT_STEP,
	CK_MISSING_LOSS_REASON,
	CK_DEAL_REVIEW, CK_SKIPPED, CK_REGRESSED, CK_STALLED, CK_ENDING,
	CK_PUSHED, CK_CHAMPION_CHANGED, CK_EB_CHANGED, CK_VELOCITY,
	NCHECK
};
static const struct {
	const char *name;
	enum sev sev;
} checks[NCHECK] = {
	[CK_UNKNOWN_TYPE] = {"unknown-type", SEV_WARN},
	[CK_UNKNOWN_STAGE] = {"unknown-stage", SEV_ERROR},
	[CK_MISSING_MEDDPICC] = {"missing-meddpicc", SEV_ERROR},
	[CK_PROBABILITY] = {"probability-mismatch", SEV_WARN},
	[CK_CATEGORY] = {"category-mismatch", SEV_WARN},
	[CK_NO_EB] = {"no-economic-buyer", SEV_WARN},
	[CK_NO_CHAMPION] = {"no-champion", SEV_WARN},
	[CK_LOW_PAIN] = {"low-pain", SEV_WARN},
	[CK_PAST_CLOSE] = {"past-close-date", SEV_WARN},
	[CK_CLOSE_SOON] = {"close-too-soon", SEV_WARN},
	[CK_MISSING_AMOUNT] = {"missing-amount", SEV_WARN},
	[CK_NEXT_STEP] = {"next-step", SEV_WARN},
	[CK_MISSING_LOSS_REASON] = {"missing-loss-reason", SEV_WARN},
	[CK_DEAL_REVIEW] = {"deal-review", SEV_INFO},
	[CK_SKIPPED] = {"stage-skipped", SEV_WARN},
	[CK_REGRESSED] = {"stage-regressed", SEV_WARN},
	[CK_STALLED] = {"stalled", SEV_WARN},
	[CK_ENDING] = {"stage-ending", SEV_WARN},
	[CK_PUSHED] = {"pushed-often", SEV_WARN},
	[CK_CHAMPION_CHANGED] = {"champion-changed", SEV_WARN},
	[CK_EB_CHANGED] = {"eb-changed", SEV_WARN},
	[CK_VELOCITY] = {"velocity", SEV_INFO},
};

enum mode { MODE_FINDINGS, MODE_ANNOTATE, MODE_SUMMARY };

struct opts {
	struct su_opts c;
	const char *model;
	const char *history;
	enum mode mode;
	enum sev min_sev;
	su_rate tolerance;
	int64_t review;
	char review_cur[SU_CUR_LEN]; /* its currency, or "" (the deals') */
	const char *review_arg;
	long pushed_often; /* --pushed-often N */
	long renewals;     /* --renewals DAYS, or -1 */
};

static const char usage_text[] =
"usage: stagecheck [-m MODEL] [--history FILE] [--annotate | --summary]\n"
"                  [--severity error|warn|info] [--probability-tolerance PCT]\n"
"                  [--review-threshold AMOUNT] [--pushed-often N]\n"
"                  [--renewals DAYS] [options] [FILE ...]\n";

static void
usage(FILE *fp)
{
	fputs(usage_text, fp);
	if (fp == stdout)
		printf(
"\nChecks each opportunity against its stage's gate in a stage model: the\n"
"MEDDPICC components the stage requires, its probability and forecast\n"
"category, seed 000's red flags, and hygiene.  Exit 1 when any check at\n"
"error level fails.\n"
"\n"
"  -m, --model FILE           the stage model (default: seed 003's, built in)\n"
"      --history FILE         a stage history export (Opportunity ID, From\n"
"                             Stage, To Stage, Last Modified): skipped and\n"
"                             regressed stages, stalled deals, velocity\n"
"      --annotate             write every input row with gate, missing, flags\n"
"      --summary              count findings per check and owner\n"
"      --severity LEVEL       only findings at LEVEL or above: error, warn, info\n"
"      --probability-tolerance PCT\n"
"                             allowed distance from the stage's probability\n"
"                             (default 0)\n"
"      --review-threshold AMOUNT\n"
"                             deals above AMOUNT at the PoC stage or later\n"
"                             go to deal review (default 100000)\n"
"      --pushed-often N       with a field history: a close date pushed N\n"
"                             or more times is pushed-often (default 3)\n"
"      --renewals DAYS        list instead the renewals due within DAYS (or\n"
"                             overdue) still at their pipeline's first stage\n"
"\n%s", su_common_usage);
}

enum { OPT_ANNOTATE = SU_OPT_PROGRAM_BASE, OPT_SUMMARY, OPT_SEVERITY,
       OPT_TOLERANCE, OPT_REVIEW, OPT_HISTORY, OPT_PUSHED, OPT_RENEWALS };

/* ---- stage history ---------------------------------------------------------
 *
 * From a history export (one row per stage change: opportunity, from stage,
 * to stage, date) only what the checks need is kept, per opportunity: the
 * first date, the latest change and where it led, and per pipeline of the
 * model the first skip and the first move back.  Each row carries both of
 * its stages, so a skip or a move back is seen from the row alone, in any
 * row order; memory grows with opportunities, not with history rows.
 */
struct hpl {
	signed char skip_from, skip_to; /* the first skip (stage indexes) */
	signed char back_from, back_to; /* the first move back */
	int32_t back_last, fwd_last;    /* the latest move back, forward
	                                   (INT32_MIN: none) */
};

/* a field's changes (champion, economic buyer): how many, the latest */
struct hchange {
	long n;
	int32_t date;
	char *from, *to;
};

/* a value of a field history without old values (HubSpot's): kept, as
 * only their order in time says what changed */
struct hval {
	int field;       /* enum su_hfield */
	int32_t date;    /* the edit's */
	long line;
	int32_t d;       /* SU_HF_CLOSE: the close date set, if has_d */
	int has_d;
	char *v;         /* else the value set */
};

struct hopp {
	char *id;
	long rows, line; /* history rows; the first one's line */
	long srows;      /* of them, stage changes */
	int seen;        /* named by the input */
	int32_t first, last;
	int last_to; /* interned stage the latest change led to */
	long pushes;     /* close date moved later */
	int32_t push_date, push_to; /* the latest push: when, to what */
	struct hchange ch[2]; /* champion, economic buyer */
	struct hval *seq;
	size_t nseq;
	struct hpl pl[];
};

struct history {
	const char *file;
	long nother;          /* rows of fields no check reads */
	char other[64];       /* the first such field */
	struct su_map *opps; /* id -> struct hopp (and its pipelines) */
	struct su_map *names; /* interned stage names, as written (by
	                       * their order of insertion) */
};

/* what the checks know of one deal's history, in its pipeline */
struct dealhist {
	const struct hopp *op; /* from --history, or NULL */
	int recovered;     /* moved forward after its latest move back */
	int32_t fwd;       /* then, the latest move forward */
	int have;          /* any history at all */
	int skip_from, skip_to, reg_from, reg_to; /* -1: none */
	int32_t first, entered;
	int has_entered; /* the date it entered its current stage is known */
};

static struct hopp *
hopp_get(struct history *h, const char *id, size_t len, size_t np, int add)
{
	struct su_group *g;
	struct hopp *o;
	size_t j;

	if (!h->opps) {
		if (!add)
			return NULL;
		h->opps = su_map_new(sizeof *o + np * sizeof o->pl[0]);
	}
	if (!(g = su_map_get(h->opps, id, len, add)))
		return NULL;
	o = g->val;
	if (o->id) /* not new */
		return o;
	o->id = g->key;
	o->last_to = -1;
	for (j = 0; j < np; j++)
		o->pl[j].skip_from = o->pl[j].skip_to = o->pl[j].back_from =
		    o->pl[j].back_to = -1,
		o->pl[j].back_last = o->pl[j].fwd_last = INT32_MIN;
	return o;
}

static int
intern(struct history *h, const char *s, size_t len)
{
	struct su_group *g;
	int *ix;

	su_trim(&s, &len);
	if (!h->names)
		h->names = su_map_new(sizeof(int));
	g = su_map_get(h->names, s, len, 1);
	ix = g->val;
	if (!*ix) /* new: 1 + its place */
		*ix = (int)su_map_n(h->names);
	return *ix - 1;
}

/* a champion's or economic buyer's change from one to another (or to
 * none); a first one named is no change */
static int
changed(const char *from, size_t flen, const char *to, size_t tlen)
{
	su_trim(&from, &flen);
	su_trim(&to, &tlen);
	if (!su_present(from, flen))
		return 0;
	return flen != tlen || strncasecmp(from, to, flen) != 0;
}

static void
change(struct hchange *c, int32_t date, const char *from, size_t flen,
       const char *to, size_t tlen)
{
	su_trim(&from, &flen);
	su_trim(&to, &tlen);
	if (c->n++ && date < c->date)
		return;
	free(c->from);
	free(c->to);
	c->date = date;
	c->from = su_xstrndup(from, flen);
	c->to = su_xstrndup(to, tlen);
}

static void
push(struct hopp *op, int32_t date, int32_t to)
{
	if (op->pushes++ && date < op->push_date)
		return;
	op->push_date = date, op->push_to = to;
}

/* a field history's row of a field other than the stage: with old values
 * a change is seen from the row alone; without, the value is kept */
static void
field_row(struct history *h, struct hopp *op, const struct su_hrow *row)
{
	struct hval *v;

	if (row->field == SU_HF_OTHER) {
		if (h->nother++ == 0)
			snprintf(h->other, sizeof h->other, "%.*s",
			    (int)row->fnamelen, row->fname);
		return;
	}
	if (row->has_from) {
		if (row->field == SU_HF_CLOSE) {
			if (row->has_from_date && row->has_to_date &&
			    row->to_date > row->from_date)
				push(op, row->date, row->to_date);
		} else if (changed(row->from, row->fromlen, row->to,
		    row->tolen))
			change(&op->ch[row->field == SU_HF_EB], row->date,
			    row->from, row->fromlen, row->to, row->tolen);
		return;
	}
	op->seq = su_xrealloc(op->seq, (op->nseq + 1) * sizeof *op->seq);
	v = &op->seq[op->nseq++];
	v->field = row->field;
	v->date = row->date;
	v->line = row->line;
	v->d = row->to_date;
	v->has_d = row->field == SU_HF_CLOSE && row->has_to_date;
	v->v = row->field == SU_HF_CLOSE ? NULL :
	    su_xstrndup(row->to, row->tolen);
}

static int
hvalcmp(const void *a, const void *b)
{
	const struct hval *x = a, *y = b;

	if (x->field != y->field)
		return x->field - y->field;
	if (x->date != y->date)
		return x->date < y->date ? -1 : 1;
	return x->line < y->line ? -1 : x->line > y->line;
}

/* the values kept, in time order: each one that differs from the one
 * before is a change */
static void
field_seq(struct hopp *op)
{
	size_t i;

	if (op->nseq == 0)
		return;
	qsort(op->seq, op->nseq, sizeof *op->seq, hvalcmp);
	for (i = 1; i < op->nseq; i++) {
		const struct hval *a = &op->seq[i - 1], *b = &op->seq[i];

		if (a->field != b->field)
			continue;
		if (b->field == SU_HF_CLOSE) {
			if (a->has_d && b->has_d && b->d > a->d)
				push(op, b->date, b->d);
		} else if (changed(a->v, strlen(a->v), b->v, strlen(b->v)))
			change(&op->ch[b->field == SU_HF_EB], b->date, a->v,
			    strlen(a->v), b->v, strlen(b->v));
	}
}

/* read --history FILE; prints and returns -1 on error */
static int
read_history(struct history *h, const struct opts *o, const struct su_model *m)
{
	struct su_hist *hi = su_hist_open(&o->c, o->history);
	struct su_hrow row;
	struct hopp *op;
	size_t i;
	int k;

	h->file = o->history;
	if (!hi)
		return -1;
	while ((k = su_hist_next(hi, &row)) > 0) {
		op = hopp_get(h, row.id, row.idlen, m->np, 1);
		if (op->rows++ == 0)
			op->line = row.line;
		if (row.field != SU_HF_STAGE) {
			field_row(h, op, &row);
			continue;
		}
		if (op->srows++ == 0)
			op->first = op->last = row.date;
		if (row.date < op->first)
			op->first = row.date;
		if (row.date >= op->last) {
			op->last = row.date;
			op->last_to = intern(h, row.to, row.tolen);
		}
		if (row.fromlen == 0)
			continue;
		for (i = 0; i < m->np; i++) {
			const struct su_pipeline *p = &m->p[i];
			int f = su_model_stage(p, row.from, row.fromlen);
			int t = su_model_stage(p, row.to, row.tolen);

			if (f < 0 || t < 0 || p->stage[t].status == SU_ST_LOST)
				continue;
			if (t > f + 1 && op->pl[i].skip_from < 0)
				op->pl[i].skip_from = (signed char)f,
				op->pl[i].skip_to = (signed char)t;
			if (t < f && op->pl[i].back_from < 0)
				op->pl[i].back_from = (signed char)f,
				op->pl[i].back_to = (signed char)t;
			/* seed 003's recovery: forward again after a move
			 * back */
			if (t < f && row.date > op->pl[i].back_last)
				op->pl[i].back_last = row.date;
			if (t > f && row.date > op->pl[i].fwd_last)
				op->pl[i].fwd_last = row.date;
		}
	}
	su_hist_free(hi);
	if (k < 0)
		return -1;
	for (i = 0; h->opps && i < su_map_n(h->opps); i++)
		field_seq(su_map_all(h->opps)[i]->val);
	return 0;
}

/* the history rows of opportunities the input never named: said, not
 * dropped */
static void
report_unseen(const struct history *h)
{
	size_t i, n = h->opps ? su_map_n(h->opps) : 0;
	long rows = 0, opps = 0;
	const struct hopp *first = NULL;

	for (i = 0; i < n; i++) {
		const struct hopp *o = su_map_all(h->opps)[i]->val;

		if (o->seen)
			continue;
		rows += o->rows, opps++;
		if (!first || o->line < first->line)
			first = o;
	}
	if (opps)
		su_msg(h->file, 0, "%ld history row%s for %ld opportunit%s not "
		    "in the input (the first at line %ld: %s)", rows,
		    rows == 1 ? "" : "s", opps, opps == 1 ? "y" : "ies",
		    first->line, first->id);
}

static void
free_hopp(void *v)
{
	struct hopp *op = v;
	size_t i;

	for (i = 0; i < op->nseq; i++)
		free(op->seq[i].v);
	free(op->seq);
	for (i = 0; i < 2; i++)
		free(op->ch[i].from), free(op->ch[i].to);
}

static void
free_history(struct history *h)
{
	su_map_free(h->opps, free_hopp);
	su_map_free(h->names, NULL);
}

/* ---- the checks of one row ---------------------------------------------- */

/* a finding: a built-in check (ord its enum check) or a model's gate
 * (ord NCHECK + its place among the model's gates) */
struct finding {
	int ord;
	const char *name;
	enum sev sev;
	char msg[512];
};

/* a gate of the model as this input binds it */
struct gbind {
	int missing; /* optional, and the input lacks a column it names */
};

/* the names a gate's condition may use besides the input's columns:
 * bound to cells appended to each row */
enum { SYN_AMOUNT, SYN_PROBABILITY, SYN_DAYS, NSYN };
static const char *const synname[NSYN] = {"amount", "probability",
                                          "days_in_stage"};

struct state {
	struct opts *o;
	struct su_in *in;
	struct su_model *m;
	int col[SU_R_NROLES];
	enum su_rate_scale prob_scale;
	struct finding *f;
	size_t nf, fcap;
	unsigned missing; /* MEDDPICC bits missing on this row */
	int gate_fail;
	long errors; /* rows that fail their gate */
	struct history hist;
	char asof[16];          /* --as-of, as messages write it */
	int have_hist;          /* --history given */
	struct su_dentered *dent; /* HubSpot's date-entered columns */
	size_t ndent;
	const char *velocity;   /* this row's class, for --annotate */
	struct su_place *pl;    /* (type, stage) -> where the model puts it */
	unsigned char *keep;    /* --annotate: input columns written */
	struct su_cell *cells;  /* --annotate: one row's */
	int32_t *entered;       /* per stage: HubSpot's date entered */
	char *has_at;
	long noclose; /* open deals with no close date: not judged past */
	/* --renewals: renewal deals at a stage the model does not know;
	 * renewals with no due date; an output error */
	long ren_unknown, ren_nodate;
	int oerr;
	struct gbind *gb;       /* per gate of the model, pipeline by
	                           pipeline */
	size_t *gbase;          /* per pipeline: its first gate in gb */
	const char **xf;        /* a row with the synthetic cells after it */
	size_t *xl;
	char syn[NSYN][48];
	size_t nhdr;
	/* --summary: counts per check and owner, by owner (a map of
	 * struct owned: an owner found once a row, whatever its findings) */
	struct su_map *owners;
	struct count {
		int ord;
		const char *name;
		enum sev sev;
		const char *owner; /* the map's key */
		long n;
	} *counts;          /* every owner's, gathered to be written */
	size_t ncounts;
};

/* an owner's counts: the checks it has findings of, a handful */
struct owned {
	struct count *c;
	size_t n, cap;
};

/* is a finding of severity sev written with its message?  Only the
 * findings output shows messages, and only at --severity or above: a
 * message's dates, amounts and lists are formatted only then (formatting
 * them cost --summary more than all its checks) */
static int
said(const struct state *st, enum sev sev)
{
	return st->o->mode == MODE_FINDINGS && sev >= st->o->min_sev;
}

static void
vfind(struct state *st, int ord, const char *name, enum sev sev,
      const char *fmt, va_list ap)
{
	if (sev == SEV_ERROR)
		st->gate_fail = 1;
	if (sev < st->o->min_sev)
		return;
	if (st->nf == st->fcap) {
		st->fcap = st->fcap ? st->fcap * 2 : 8;
		st->f = su_xrealloc(st->f, st->fcap * sizeof *st->f);
	}
	st->f[st->nf].ord = ord;
	st->f[st->nf].name = name;
	st->f[st->nf].sev = sev;
	st->f[st->nf].msg[0] = '\0';
	if (said(st, sev))
		su_vfmt(st->f[st->nf].msg, sizeof st->f[0].msg, fmt, ap);
	st->nf++;
}

static void
find(struct state *st, enum check ck, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
find(struct state *st, enum check ck, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfind(st, (int)ck, checks[ck].name, checks[ck].sev, fmt, ap);
	va_end(ap);
}

static void
find_gate(struct state *st, int ord, const struct su_gate *g,
          const char *fmt, ...) __attribute__((format(printf, 4, 5)));

static void
find_gate(struct state *st, int ord, const struct su_gate *g,
          const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vfind(st, ord, g->name, (enum sev)g->sev, fmt, ap);
	va_end(ap);
}

/* the value of a role on this row, or "" (no such column) */
static const char *
val(const struct state *st, const struct su_rec *r, int role, size_t *len)
{
	int c = st->col[role];

	*len = c >= 0 ? r->len[c] : 0;
	return c >= 0 ? r->f[c] : "";
}

static void
list_stages(const struct su_pipeline *p, char *buf, size_t size)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < p->nstage && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "",
		    p->stage[i].name);
}

/* what is known of this deal's history, in pipeline p: from --history, or
 * from HubSpot's date-entered columns.  SU_OK, or su_in_reject's answer. */
static enum su_result
deal_history(struct state *st, const struct su_rec *hdr,
             const struct su_rec *r, const struct su_pipeline *p, int idx,
             struct dealhist *dh)
{
	const char *why, *s;
	size_t len, i;
	int c, j, k;
	int32_t d;

	memset(dh, 0, sizeof *dh);
	dh->skip_from = dh->skip_to = dh->reg_from = dh->reg_to = -1;
	if (st->have_hist) {
		struct hopp *op;

		s = val(st, r, SU_R_ID, &len);
		su_trim_fast(&s, &len);
		op = hopp_get(&st->hist, s, len, st->m->np, 0);
		if (!op)
			return SU_OK;
		k = (int)(p - st->m->p);
		op->seen = 1;
		dh->op = op;
		dh->have = op->srows > 0; /* of the stage */
		dh->first = op->first;
		dh->skip_from = op->pl[k].skip_from;
		dh->skip_to = op->pl[k].skip_to;
		dh->reg_from = op->pl[k].back_from;
		dh->reg_to = op->pl[k].back_to;
		if (dh->reg_from >= 0 && op->pl[k].fwd_last >
		    op->pl[k].back_last)
			dh->recovered = 1, dh->fwd = op->pl[k].fwd_last;
		if (op->last_to >= 0 && su_model_stage(p,
		    su_map_all(st->hist.names)[op->last_to]->key,
		    su_map_all(st->hist.names)[op->last_to]->keylen) == idx)
			dh->entered = op->last, dh->has_entered = 1;
	} else if (st->ndent) {
		int32_t *at = st->entered;
		char *has = st->has_at;

		memset(has, 0, p->nstage);
		for (i = 0; i < st->ndent; i++) {
			j = su_dentered_stage(p, st->dent[i].label);
			c = st->dent[i].col;
			if (j < 0 || r->len[c] == 0)
				continue;
			if (su_date_parse(r->f[c], r->len[c], st->o->c.dmy, &d,
			    &why) < 0)
				return su_in_reject(st->in, r, "%s \"%s\": %s",
				    hdr->f[c], r->f[c], why);
			at[j] = d, has[j] = 1;
			if (!dh->have || d < dh->first)
				dh->first = d;
			dh->have = 1;
		}
		if (has[idx])
			dh->entered = at[idx], dh->has_entered = 1;
		/* a later stage entered: the deal was further along */
		for (k = (int)p->nstage - 1; k > idx && dh->reg_from < 0; k--)
			if (has[k] && p->stage[k].status != SU_ST_LOST)
				dh->reg_from = k, dh->reg_to = idx;
		/* an open stage before the current one never entered, while
		 * a later one was */
		for (k = 0; k < idx && dh->skip_to < 0; k++) {
			if (has[k] || p->stage[k].status != SU_ST_OPEN)
				continue;
			for (j = k + 1; j <= idx && !has[j]; j++)
				;
			if (j > idx)
				continue;
			dh->skip_to = j;
			for (dh->skip_from = k - 1; dh->skip_from >= 0 &&
			    !has[dh->skip_from]; dh->skip_from--)
				;
		}
	}
	/* the created date, when earlier, starts the clock (empty: the
	 * history's first date does; not a date: an error, never ignored) */
	if (dh->have && (c = st->col[SU_R_CREATED]) >= 0 && r->len[c]) {
		if ((k = su_date_parse(r->f[c], r->len[c], st->o->c.dmy, &d,
		    &why)) < 0)
			return su_in_reject(st->in, r, "%s \"%s\": %s",
			    hdr->f[c], r->f[c], why);
		if (k == 0 && d < dh->first)
			dh->first = d;
	}
	return SU_OK;
}

/* a field history's: the close date pushed often; seed 003's "champion
 * departure, decision maker changes" */
static void
field_findings(struct state *st, const struct hopp *op)
{
	static const char *const who[] = {"champion", "economic buyer"};
	char a[16] = "", b[16] = "", more[32] = "";
	int k;

	if (!op)
		return;
	if (op->pushes >= st->o->pushed_often) {
		if (said(st, checks[CK_PUSHED].sev)) {
			su_date_fmt(a, op->push_date);
			su_date_fmt(b, op->push_to);
		}
		find(st, CK_PUSHED, "close date pushed %ld time%s (the latest "
		    "on %s, to %s)", op->pushes, op->pushes == 1 ? "" : "s",
		    a, b);
	}
	for (k = 0; k < 2; k++) {
		const struct hchange *c = &op->ch[k];

		if (!c->n)
			continue;
		a[0] = more[0] = '\0';
		if (said(st, checks[k ? CK_EB_CHANGED :
		    CK_CHAMPION_CHANGED].sev)) {
			su_date_fmt(a, c->date);
			if (c->n > 1)
				snprintf(more, sizeof more, " (%ld changes)",
				    c->n);
		}
		find(st, k ? CK_EB_CHANGED : CK_CHAMPION_CHANGED, "%s changed "
		    "from %s to %s on %s%s", who[k], c->from, c->to[0] ?
		    c->to : "none", a, more);
	}
}

static void
history_findings(struct state *st, const struct su_pipeline *p, int idx,
                 int status, const struct dealhist *dh)
{
	const struct su_stage *sg = &p->stage[idx];
	char buf[512];
	size_t n = 0;
	int k, stalled = 0;
	long days, expected = 0, elapsed, left;

	st->velocity = "";
	if (status == SU_ST_OPEN)
		field_findings(st, dh->op);
	if (!dh->have)
		return;
	if (dh->skip_to >= 0) {
		buf[0] = '\0';
		for (k = dh->skip_from + 1; k < dh->skip_to &&
		    said(st, checks[CK_SKIPPED].sev); k++)
			if (p->stage[k].status == SU_ST_OPEN)
				n += (size_t)snprintf(buf + n, sizeof buf - n,
				    "%s%s", n ? ", " : "", p->stage[k].name);
		if (dh->skip_from >= 0)
			find(st, CK_SKIPPED, "moved from %s to %s, skipping %s",
			    p->stage[dh->skip_from].name, p->stage[dh->skip_to].name,
			    buf);
		else
			find(st, CK_SKIPPED, "reached %s without %s",
			    p->stage[dh->skip_to].name, buf);
	}
	if (dh->reg_from >= 0)
		find(st, CK_REGRESSED, "moved back from %s to %s",
		    p->stage[dh->reg_from].name, p->stage[dh->reg_to].name);
	if (status != SU_ST_OPEN) /* the deal's: IsClosed may say */
		return;
	if (dh->has_entered && sg->max_days > 0 &&
	    (days = (long)st->o->c.as_of - dh->entered) > sg->max_days) {
		find(st, CK_STALLED, "%ld days in %s (its limit is %d)", days,
		    sg->name, sg->max_days);
		stalled = 1;
	}
	/* seed 000's "PoC ending soon": within warn_days of the limit */
	if (dh->has_entered && !stalled && sg->warn_days > 0 &&
	    (days = (long)st->o->c.as_of - dh->entered) >=
	    sg->max_days - sg->warn_days) {
		left = sg->max_days - days;
		if (left == 0)
			find(st, CK_ENDING, "%ld days in %s: its limit of %d "
			    "is reached today", days, sg->name, sg->max_days);
		else
			find(st, CK_ENDING, "%ld days in %s: its limit of %d "
			    "is reached in %ld day%s", days, sg->name,
			    sg->max_days, left, left == 1 ? "" : "s");
	}
	/* seed 003's velocity: at risk (stalled, or moved back); fast track
	 * (reached this stage in at most half the days the stages before it
	 * allow); else standard */
	for (k = 0; k < idx; k++)
		if (p->stage[k].status == SU_ST_OPEN)
			expected += p->stage[k].max_days;
	elapsed = (long)st->o->c.as_of - dh->first;
	if (elapsed < 0)
		return; /* it opens after --as-of: nothing to judge yet */
	if (stalled || (dh->reg_from >= 0 && !dh->recovered)) {
		st->velocity = "at risk";
		find(st, CK_VELOCITY, "at risk: %s", stalled ? "stalled" :
		    "moved back");
	} else if (dh->recovered) {
		char d[16] = "";

		if (said(st, checks[CK_VELOCITY].sev))
			su_date_fmt(d, dh->fwd);
		st->velocity = "recovery";
		find(st, CK_VELOCITY, "recovery: moved back from %s to %s, "
		    "forward again on %s", p->stage[dh->reg_from].name,
		    p->stage[dh->reg_to].name, d);
	} else if (expected > 0 && 2 * elapsed <= expected) {
		st->velocity = "fast track";
		find(st, CK_VELOCITY, "fast track: %ld days to %s, where the "
		    "stages before it allow %ld", elapsed, sg->name, expected);
	} else {
		st->velocity = "standard";
		find(st, CK_VELOCITY, "standard: %ld days since it opened",
		    elapsed);
	}
}

/* the cell a synthetic name is: "" when not known */
static void
synthetic(struct state *st, const struct su_rec *r, const struct dealhist *dh)
{
	const char *s, *why;
	size_t len;
	su_rate pr;

	st->syn[SYN_AMOUNT][0] = st->syn[SYN_PROBABILITY][0] = '\0';
	st->syn[SYN_DAYS][0] = '\0';
	/* the amount as written: its currency, if it states one, holds */
	s = val(st, r, SU_R_AMOUNT, &len);
	if (len < sizeof st->syn[0])
		memcpy(st->syn[SYN_AMOUNT], s, len),
		st->syn[SYN_AMOUNT][len] = '\0';
	/* a percentage whatever the column's scale (already checked) */
	s = val(st, r, SU_R_PROBABILITY, &len);
	if (len && su_rate_parse(s, len, st->prob_scale, &pr, &why) == 0)
		su_ratio_fmt(st->syn[SYN_PROBABILITY], pr, SU_RATE_ONE, 6, 100);
	if (dh->has_entered)
		snprintf(st->syn[SYN_DAYS], sizeof st->syn[0], "%ld",
		    (long)st->o->c.as_of - dh->entered);
}

/* the model's gates that hold at stage idx of p: SU_OK, or su_in_reject's
 * answer for a cell no condition can read */
static enum su_result
check_gates(struct state *st, const struct su_rec *r,
            const struct su_pipeline *p, int idx, const struct dealhist *dh)
{
	size_t pi = (size_t)(p - st->m->p), i, k;
	struct su_expr_env env;
	struct su_expr_fault f;
	struct su_rec x;
	int v;

	if (p->ngate == 0)
		return SU_OK;
	for (i = 0; i < r->n; i++)
		st->xf[i] = r->f[i], st->xl[i] = r->len[i];
	synthetic(st, r, dh);
	for (k = 0; k < NSYN; k++)
		st->xf[r->n + k] = st->syn[k], st->xl[r->n + k] =
		    strlen(st->syn[k]);
	x = *r;
	x.n = r->n + NSYN, x.f = st->xf, x.len = st->xl;
	memset(&env, 0, sizeof env);
	env.dmy = st->o->c.dmy;
	env.decimal_comma = st->o->c.decimal_comma;
	env.today = st->o->c.as_of;
	env.yn = NULL; /* yes() of a value neither yes nor no: refused */
	for (i = 0; i < p->ngate; i++) {
		const struct su_gate *g = &p->gate[i];
		struct gbind *b = &st->gb[st->gbase[pi] + i];

		if (!su_gate_holds(p, g, (int)idx))
			continue;
		if (b->missing)
			continue;
		if ((v = su_expr_eval(g->e, &x, &env, &f)) < 0)
			return su_in_reject(st->in, r, "gate %s: %s \"%.*s\": "
			    "%s", g->name, f.column, (int)f.vlen, f.value,
			    f.why);
		if (!v)
			find_gate(st, NCHECK + (int)(st->gbase[pi] + i), g,
			    "%s needs %s", p->stage[idx].name, g->cond);
	}
	return SU_OK;
}

/* seed 003's "unrealistic close dates": the days the stages to go
 * typically take (the open stages after idx, and what is left of idx's
 * own when the date it entered it is known), each listed in buf while it
 * has room (buf NULL: the days alone, for a finding not written).  Every
 * stage counts, listed or not. */
static long
to_go(const struct state *st, const struct su_pipeline *p, int idx,
      const struct dealhist *dh, char *buf, size_t size)
{
	const struct su_stage *sg = &p->stage[idx];
	long need = 0, left;
	size_t n = 0;
	size_t k;

	if (buf)
		buf[0] = '\0';
	if (sg->typical_days && dh->has_entered && (left = sg->typical_days -
	    ((long)st->o->c.as_of - dh->entered)) > 0) {
		need += left;
		if (buf)
			n += (size_t)snprintf(buf, size, "%s %ld left",
			    sg->name, left);
	}
	for (k = (size_t)idx + 1; k < p->nstage; k++)
		if (p->stage[k].status == SU_ST_OPEN &&
		    p->stage[k].typical_days) {
			need += p->stage[k].typical_days;
			if (buf && n < size)
				n += (size_t)snprintf(buf + n, size - n,
				    "%s%s %d", n ? ", " : "", p->stage[k].name,
				    p->stage[k].typical_days);
		}
	return need;
}

/* seed 004's hygiene, "every deal has a next action and a due date", for
 * an open deal: judged on the columns the file has (one finding, every
 * reason in it) */
static enum su_result
next_step(struct state *st, const struct su_rec *hdr, const struct su_rec *r)
{
	char msg[256], a[16];
	const char *s, *why;
	size_t len, n = 0;
	int c, k = 1, nostep = 0;
	int32_t d = 0;

	if (st->col[SU_R_NEXT_STEP] >= 0) {
		s = val(st, r, SU_R_NEXT_STEP, &len);
		su_trim_fast(&s, &len);
		nostep = len == 0;
	}
	if ((c = st->col[SU_R_NEXT_STEP_DATE]) >= 0) {
		k = su_date_parse(r->f[c], r->len[c], st->o->c.dmy, &d, &why);
		if (k < 0)
			return su_in_reject(st->in, r, "%s \"%s\": %s",
			    hdr->f[c], r->f[c], why);
	}
	/* k: 1 no date (or no column), 0 a date */
	if (!nostep && (c < 0 || (k == 0 && d >= st->o->c.as_of)))
		return SU_OK;
	msg[0] = '\0';
	if (said(st, checks[CK_NEXT_STEP].sev)) {
		if (nostep)
			n += (size_t)snprintf(msg + n, sizeof msg - n, "no %s",
			    hdr->f[st->col[SU_R_NEXT_STEP]]);
		if (c >= 0 && k > 0)
			n += (size_t)snprintf(msg + n, sizeof msg - n,
			    "%sno %s", n ? "; " : "", hdr->f[c]);
		else if (c >= 0 && d < st->o->c.as_of) {
			su_date_fmt(a, d);
			n += (size_t)snprintf(msg + n, sizeof msg - n,
			    "%s%s %s is past (as of %s)", n ? "; " : "",
			    hdr->f[c], a, st->asof);
		}
	}
	find(st, CK_NEXT_STEP, "%s", msg);
	return SU_OK;
}

/* the row checked, its findings in st->f (SU_OK), refused (SU_SKIP) or
 * the end (SU_STOP) */
static enum su_result
check_row(struct state *st, const struct su_rec *hdr, const struct su_rec *r)
{
	const struct opts *o = st->o;
	const struct su_pipeline *p;
	const struct su_stage *sg;
	const char *s, *why;
	char buf[1024], a[48], b[48], cur[SU_CUR_LEN];
	size_t len;
	int idx, c, k, cat;
	int64_t amount = 0;
	int have_amount = 0;
	long need;
	struct su_where w;
	struct dealhist dh;
	enum su_result e;

	buf[0] = a[0] = b[0] = cur[0] = '\0';
	st->nf = 0;
	st->missing = 0;
	st->gate_fail = 0;
	st->velocity = "";
	/* the pipeline, by type, and the stage, where forecast and cyclestat
	 * put them too; IsClosed and IsWon, when there, say what it is */
	k = su_row_status(hdr, r, st->col[SU_R_IS_CLOSED],
	    st->col[SU_R_IS_WON], buf, sizeof buf);
	if (k == -2)
		return su_in_reject(st->in, r, "%s", buf);
	s = val(st, r, SU_R_TYPE, &len);
	c = st->col[SU_R_STAGE];
	su_place(st->pl, s, len, r->f[c], r->len[c], k, &w);
	if (su_row_closed(hdr, r, st->col[SU_R_IS_CLOSED], st->col[SU_R_IS_WON],
	    c, k, &w, buf, sizeof buf))
		return su_in_reject(st->in, r, "%s", buf);
	p = w.p;
	if (w.unknown_type)
		find(st, CK_UNKNOWN_TYPE, "type \"%s\" is in no pipeline of "
		    "the model; checked against \"%s\"", s, p->name);
	/* the amount, when there is one */
	if ((c = st->col[SU_R_AMOUNT]) >= 0) {
		k = su_money_parse(r->f[c], r->len[c], o->c.decimal_comma,
		    &amount, cur, &why);
		if (k < 0)
			return su_in_reject(st->in, r, "%s \"%s\": not an "
			    "amount (%s)", hdr->f[c], r->f[c], why);
		have_amount = k == 0;
		if (su_row_currency(hdr, r, st->col[SU_R_CURRENCY], cur, buf,
		    sizeof buf))
			return su_in_reject(st->in, r, "%s", buf);
		/* the threshold is never compared across currencies */
		if (have_amount && o->review_cur[0] && cur[0] &&
		    strcmp(o->review_cur, cur) != 0) {
			snprintf(buf, sizeof buf, "--review-threshold %s",
			    o->review_arg);
			su_cur_compare(buf, o->review_cur, "deals", cur,
			    r->file, r->line);
			return SU_STOP;
		}
	}
	/* the stage */
	idx = w.idx;
	if (idx < 0) {
		buf[0] = '\0';
		if (said(st, checks[CK_UNKNOWN_STAGE].sev))
			list_stages(p, buf, sizeof buf);
		c = st->col[SU_R_STAGE];
		find(st, CK_UNKNOWN_STAGE, "stage \"%s\" is not in the %s "
		    "pipeline (its stages: %s)%s", r->f[c], p->name, buf,
		    said(st, checks[CK_UNKNOWN_STAGE].sev) ?
		    su_model_hint(r->f[c], r->len[c]) : "");
		return SU_OK;
	}
	sg = &p->stage[idx];
	if ((e = deal_history(st, hdr, r, p, idx, &dh)) != SU_OK)
		return e;
	history_findings(st, p, idx, w.status, &dh);
	/* MEDDPICC, cumulative (the components the stage requires, and no
	 * more: many models require none) */
	for (k = 0; k < SU_NMC && sg->req >> k; k++) {
		if (!(sg->req & (1u << k)))
			continue;
		s = val(st, r, SU_R_METRICS + k, &len);
		if (!su_present(s, len))
			st->missing |= 1u << k;
	}
	if (st->missing) {
		size_t n = 0;

		buf[0] = '\0';
		for (k = 0; k < SU_NMC &&
		    said(st, checks[CK_MISSING_MEDDPICC].sev); k++)
			if (st->missing & (1u << k))
				n += (size_t)snprintf(buf + n, sizeof buf - n,
				    "%s%s%s", n ? ", " : "", su_mc_name(k),
				    st->col[SU_R_METRICS + k] < 0 ?
				    " (no column)" : "");
		find(st, CK_MISSING_MEDDPICC, "%s requires %s", sg->name, buf);
	}
	if ((e = check_gates(st, r, p, idx, &dh)) != SU_OK)
		return e;
	/* probability and category against the stage's */
	if ((c = st->col[SU_R_PROBABILITY]) >= 0) {
		su_rate pr;

		k = su_rate_parse(r->f[c], r->len[c], st->prob_scale, &pr,
		    &why);
		if (k < 0 || (k == 0 && pr > SU_RATE_ONE))
			return su_in_reject(st->in, r, "%s \"%s\": not a "
			    "probability (%s)", hdr->f[c], r->f[c], k < 0 ?
			    why : "over 100%");
		if (k == 0 && (pr > sg->prob ? pr - sg->prob : sg->prob - pr) >
		    o->tolerance) {
			if (said(st, checks[CK_PROBABILITY].sev)) {
				su_ratio_fmt(a, pr, SU_RATE_ONE, 1, 100);
				su_ratio_fmt(b, sg->prob, SU_RATE_ONE, 1, 100);
			}
			find(st, CK_PROBABILITY, "probability %s%% but %s is "
			    "%s%%", a, sg->name, b);
		}
	}
	if ((c = st->col[SU_R_CATEGORY]) >= 0 &&
	    !su_blank(r->f[c], r->len[c])) {
		cat = su_category_parse(r->f[c], r->len[c]);
		if (cat < 0)
			return su_in_reject(st->in, r, "%s \"%s\": unknown "
			    "forecast category (accepted: Closed, Commit, Best "
			    "Case, Pipeline, Omitted; also Closed Won, Not "
			    "forecasted, Closed Lost)", hdr->f[c], r->f[c]);
		/* Salesforce files closed-lost deals as Omitted */
		if (w.cat >= 0 && cat != w.cat && !(w.cat == SU_CAT_LOST &&
		    cat == SU_CAT_OMITTED))
			find(st, CK_CATEGORY, "forecast category %s but %s is "
			    "%s", su_category_name(cat), sg->name,
			    su_category_name(w.cat));
	}
	if (w.status == SU_ST_LOST) {
		if (st->col[SU_R_LOSS_REASON] >= 0) {
			s = val(st, r, SU_R_LOSS_REASON, &len);
			su_trim_fast(&s, &len);
			if (len == 0)
				find(st, CK_MISSING_LOSS_REASON, "closed lost "
				    "with no %s", hdr->f[st->col[
				    SU_R_LOSS_REASON]]);
		}
		return SU_OK;
	}
	if (w.status == SU_ST_WON)
		return SU_OK;
	/* open deals: seed 000's red flags from the PoC stage on */
	if (p->poc >= 0 && idx >= p->poc) {
		/* a red flag needs the column to be judged */
		s = val(st, r, SU_R_ECONOMIC_BUYER, &len);
		if (st->col[SU_R_ECONOMIC_BUYER] >= 0 && !su_present(s, len))
			find(st, CK_NO_EB, "no economic buyer at %s: the deal "
			    "is at risk", sg->name);
		s = val(st, r, SU_R_CHAMPION, &len);
		if (st->col[SU_R_CHAMPION] >= 0 && !su_present(s, len))
			find(st, CK_NO_CHAMPION, "no champion at %s", sg->name);
		if (have_amount && amount > o->review) {
			/* a deal that states no currency is in the
			 * threshold's */
			if (!cur[0])
				memcpy(cur, o->review_cur, sizeof cur);
			if (said(st, checks[CK_DEAL_REVIEW].sev)) {
				su_money_fmt_table(a, amount, cur, 1);
				su_money_fmt_table(b, o->review, cur, 1);
			}
			find(st, CK_DEAL_REVIEW, "%s at %s (over %s): bi-weekly "
			    "deal review, AE + SE + VP Sales", a, sg->name, b);
		}
	}
	if ((c = st->col[SU_R_PAIN_SCORE]) >= 0 && r->len[c]) {
		su_rate ps;

		/* a score out of 10: read as a plain number */
		k = su_rate_parse(r->f[c], r->len[c], SU_RATE_FRACTION, &ps,
		    &why);
		if (k < 0 || (k == 0 && ps > 10 * SU_RATE_ONE))
			return su_in_reject(st->in, r, "%s \"%s\": not a pain "
			    "score from 0 to 10", hdr->f[c], r->f[c]);
		/* k == 1: blanks only, no score, as an empty cell */
		if (k == 0 && ps < 7 * SU_RATE_ONE)
			find(st, CK_LOW_PAIN, "pain score %s of 10 (below 7)",
			    r->f[c]);
	}
	if ((c = st->col[SU_R_CLOSE]) >= 0) {
		int32_t d;

		k = su_date_parse(r->f[c], r->len[c], o->c.dmy, &d, &why);
		if (k < 0)
			return su_in_reject(st->in, r, "%s \"%s\": %s",
			    hdr->f[c], r->f[c], why);
		if (k > 0)
			st->noclose++; /* a new deal's, often: said */
		else if (d < o->c.as_of) {
			if (said(st, checks[CK_PAST_CLOSE].sev))
				su_date_fmt(a, d);
			find(st, CK_PAST_CLOSE, "close date %s is past (as of "
			    "%s) and the deal is still open", a, st->asof);
		} else if ((need = to_go(st, p, idx, &dh, said(st,
		    checks[CK_CLOSE_SOON].sev) ? buf : NULL, sizeof buf)) >
		    (long)d - o->c.as_of) {
			if (said(st, checks[CK_CLOSE_SOON].sev))
				su_date_fmt(a, d);
			find(st, CK_CLOSE_SOON, "close date %s leaves %ld "
			    "day%s; the stages to go typically take %ld (%s)",
			    a, (long)d - o->c.as_of, (long)d - o->c.as_of == 1 ?
			    "" : "s", need, buf);
		}
	}
	if (p->amount_from >= 0 && idx >= p->amount_from && !have_amount &&
	    st->col[SU_R_AMOUNT] >= 0)
		find(st, CK_MISSING_AMOUNT, "no amount at %s", sg->name);
	return next_step(st, hdr, r);
}

/* ---- output --------------------------------------------------------------- */

static int
write_findings(struct state *st, struct su_out *out, const struct su_rec *r)
{
	static const int roles[] = {SU_R_ID, SU_R_NAME, SU_R_OWNER,
	                            SU_R_STAGE};
	struct su_cell c[7];
	size_t i, k, len;
	const char *s;
	int e;

	for (i = 0; i < st->nf; i++) {
		for (k = 0; k < 4; k++) {
			s = val(st, r, roles[k], &len);
			c[k] = su_cell_text(s, len);
		}
		c[4] = su_cell_text(st->f[i].name, strlen(st->f[i].name));
		s = sevname[st->f[i].sev];
		c[5] = su_cell_text(s, strlen(s));
		c[6] = su_cell_text(st->f[i].msg, strlen(st->f[i].msg));
		if ((e = su_out_row(out, c)) != 0)
			return e;
	}
	return 0;
}

static int
write_annotated(struct state *st, struct su_out *out, const struct su_rec *r,
                struct su_cell *cells)
{
	char missing[64], flags[512];
	size_t i, n = 0, c = 0;
	int k;

	for (i = 0; i < r->n; i++)
		if (st->keep[i]) /* not an earlier run's annotation */
			cells[c++] = su_cell_text(r->f[i], r->len[i]);
	missing[0] = '\0';
	for (k = 0; k < SU_NMC; k++)
		if (st->missing & (1u << k))
			n += (size_t)snprintf(missing + n, sizeof missing - n,
			    "%s%s", n ? " " : "", su_mc_code(k));
	flags[0] = '\0';
	for (i = 0, n = 0; i < st->nf && n < sizeof flags; i++)
		n += (size_t)snprintf(flags + n, sizeof flags - n, "%s%s",
		    n ? " " : "", st->f[i].name);
	cells[c] = su_cell_text(st->gate_fail ? "fail" : "pass", 4);
	cells[c + 1] = su_cell_text(missing, strlen(missing));
	cells[c + 2] = su_cell_text(flags, strlen(flags));
	cells[c + 3] = su_cell_text(st->velocity, strlen(st->velocity));
	return su_out_row(out, cells);
}

static void
count(struct state *st, const struct su_rec *r)
{
	size_t i, j, len;
	const char *s = val(st, r, SU_R_OWNER, &len);
	struct su_group *g;
	struct owned *ow;

	if (st->nf == 0)
		return;
	if (!st->owners)
		st->owners = su_map_new(sizeof *ow);
	g = su_map_get(st->owners, s, len, 1);
	ow = g->val;
	for (i = 0; i < st->nf; i++) {
		for (j = 0; j < ow->n; j++)
			if (ow->c[j].ord == st->f[i].ord)
				break;
		if (j == ow->n) {
			if (ow->n == ow->cap) {
				ow->cap = ow->cap ? ow->cap * 2 : 4;
				ow->c = su_xrealloc(ow->c,
				    ow->cap * sizeof *ow->c);
			}
			ow->c[j].ord = st->f[i].ord;
			ow->c[j].name = st->f[i].name;
			ow->c[j].sev = st->f[i].sev;
			ow->c[j].owner = g->key;
			ow->c[j].n = 0;
			ow->n++;
		}
		ow->c[j].n++;
	}
}

static void
free_owned(void *v)
{
	free(((struct owned *)v)->c);
}

static int
countcmp(const void *a, const void *b)
{
	const struct count *x = a, *y = b;

	if (x->ord != y->ord)
		return x->ord - y->ord;
	return strcmp(x->owner, y->owner);
}

static int
write_summary(struct state *st, struct su_out *out)
{
	static const char *const names[] = {"check", "severity", "owner",
	                                    "findings"};
	struct su_cell c[4];
	size_t i, n, no;
	long total = 0;
	int e;

	if ((e = su_out_header(out, 4, names)) != 0)
		return e;
	/* none: every row skipped, or nothing found */
	no = st->owners ? su_map_n(st->owners) : 0;
	for (i = 0, n = 0; i < no; i++)
		n += ((const struct owned *)su_map_all(st->owners)[i]->val)->n;
	st->counts = su_xmalloc((n ? n : 1) * sizeof *st->counts);
	for (i = 0; i < no; i++) {
		const struct owned *ow = su_map_all(st->owners)[i]->val;

		memcpy(st->counts + st->ncounts, ow->c, ow->n * sizeof *ow->c);
		st->ncounts += ow->n;
	}
	if (st->ncounts)
		qsort(st->counts, st->ncounts, sizeof *st->counts, countcmp);
	for (i = 0; i < st->ncounts; i++) {
		const struct count *k = &st->counts[i];
		const char *sv = sevname[k->sev];

		c[0] = su_cell_text(k->name, strlen(k->name));
		c[1] = su_cell_text(sv, strlen(sv));
		c[2] = su_cell_text(k->owner, strlen(k->owner));
		c[3].type = SU_C_INT;
		c[3].v = k->n;
		total += k->n;
		if ((e = su_out_row(out, c)) != 0)
			return e;
		/* after each check's owners, the check's total */
		if (i + 1 == st->ncounts || st->counts[i + 1].ord != k->ord) {
			c[2] = su_cell_text("Total", 5);
			c[3].v = total;
			total = 0;
			if ((e = su_out_row(out, c)) != 0)
				return e;
		}
	}
	return 0;
}

/* ---- --renewals --------------------------------------------------------- */

/* the columns --renewals needs: a due date (the renewal date, else the
 * close date); with a stage, a renewal pipeline in the model */
static int
renewals_header(struct state *st, const struct su_rec *hdr)
{
	size_t i;

	if (st->col[SU_R_RENEWAL_DATE] < 0 && (st->col[SU_R_STAGE] < 0 ||
	    st->col[SU_R_CLOSE] < 0)) {
		su_msg(hdr->file, 1, "--renewals: no renewal date column "
		    "(Renewal Date, Contract End Date, ...; or name it with -c "
		    "renewal_date=HEADER)%s", st->col[SU_R_STAGE] < 0 ? "" :
		    ", nor a close date");
		return -1;
	}
	if (st->col[SU_R_STAGE] < 0)
		return 0; /* accounts: every row is one */
	for (i = 0; i < st->m->np; i++)
		if (st->m->p[i].renewals)
			return 0;
	su_msg(st->m->file, 0, "--renewals: no pipeline of the model is the "
	    "renewal pipeline (renewals = yes)");
	return -1;
}

/* a row of --renewals: listed when it is a renewal at its pipeline's
 * first stage (or an account) due by --as-of + DAYS */
static enum su_result
renewal_row(struct state *st, const struct su_rec *hdr,
            const struct su_rec *r, struct su_out *out)
{
	static const int roles[] = {SU_R_ID, SU_R_NAME, SU_R_ACCOUNT,
	                            SU_R_OWNER, SU_R_STAGE};
	struct su_cell c[8];
	struct su_where w;
	const char *s, *why;
	char due[16], cur[SU_CUR_LEN];
	size_t len, i;
	int col, k, e;
	int32_t d;
	int64_t arr;

	if ((col = st->col[SU_R_STAGE]) >= 0) {
		s = val(st, r, SU_R_TYPE, &len);
		su_place(st->pl, s, len, r->f[col], r->len[col], -1, &w);
		if (!w.p->renewals || w.unknown_type)
			return SU_OK;
		if (w.idx < 0) {
			st->ren_unknown++;
			return SU_OK;
		}
		if (w.idx != 0)
			return SU_OK; /* under way, or closed */
	}
	col = st->col[SU_R_RENEWAL_DATE] >= 0 ? st->col[SU_R_RENEWAL_DATE] :
	    st->col[SU_R_CLOSE];
	if ((k = su_date_parse(r->f[col], r->len[col], st->o->c.dmy, &d,
	    &why)) < 0)
		return su_in_reject(st->in, r, "%s \"%s\": %s", hdr->f[col],
		    r->f[col], why);
	if (k > 0) {
		st->ren_nodate++;
		return SU_OK;
	}
	if ((long)d - st->o->c.as_of > st->o->renewals)
		return SU_OK;
	memset(c, 0, sizeof c);
	for (i = 0; i < 5; i++) {
		s = val(st, r, roles[i], &len);
		c[i] = su_cell_text(s, len);
	}
	su_date_fmt(due, d);
	c[5] = su_cell_text(due, strlen(due));
	c[6] = su_cell_num(SU_C_INT, (long)d - st->o->c.as_of, 1);
	c[7].type = SU_C_NULL;
	if ((col = st->col[SU_R_AMOUNT]) >= 0) {
		k = su_money_parse(r->f[col], r->len[col],
		    st->o->c.decimal_comma, &arr, cur, &why);
		if (k < 0)
			return su_in_reject(st->in, r, "%s \"%s\": not an "
			    "amount (%s)", hdr->f[col], r->f[col], why);
		if (k == 0)
			c[7] = su_cell_num(SU_C_MONEY, arr, 1);
	}
	if ((e = su_out_row(out, c)) != 0) {
		st->oerr = e;
		return SU_STOP;
	}
	return SU_OK;
}

/* ---- the run ------------------------------------------------------------- */

static const struct option longopts[] = {
	{"model", 1, 0, 'm'}, {"annotate", 0, 0, OPT_ANNOTATE},
	{"summary", 0, 0, OPT_SUMMARY}, {"severity", 1, 0, OPT_SEVERITY},
	{"probability-tolerance", 1, 0, OPT_TOLERANCE},
	{"review-threshold", 1, 0, OPT_REVIEW}, {"history", 1, 0, OPT_HISTORY},
	{"pushed-often", 1, 0, OPT_PUSHED}, {"renewals", 1, 0, OPT_RENEWALS},
	{0, 0, 0, 0},
};

/* --annotate or --summary: one of them, as often as wanted */
static int
set_mode(struct opts *o, enum mode m)
{
	if (o->mode != MODE_FINDINGS && o->mode != m) {
		su_msg(NULL, 0, "--annotate and --summary exclude each other");
		return -1;
	}
	o->mode = m;
	return 0;
}

/* a whole number option from lo to hi: 0, or -1 (said) */
static int
opt_count(const char *opt, const char *arg, long lo, long hi,
          const char *what, long *out)
{
	if (su_strtonum(arg, lo, hi, out) == 0)
		return 0;
	su_msg(NULL, 0, "%s %s: expected a number of %s from %ld to %ld", opt,
	    arg, what, lo, hi);
	return -1;
}

static int
option(void *self, int c, const char *arg)
{
	/* in the order of --severity's message; enum sev goes up */
	static const char *const sv[] = {"error", "warn", "info"};
	struct opts *o = ((struct state *)self)->o;
	int k;

	switch (c) {
	case 'm':
		o->model = arg;
		break;
	case OPT_HISTORY:
		o->history = arg;
		break;
	case OPT_ANNOTATE:
		return set_mode(o, MODE_ANNOTATE);
	case OPT_SUMMARY:
		return set_mode(o, MODE_SUMMARY);
	case OPT_SEVERITY:
		if ((k = su_opt_choice("--severity", arg, sv, 3)) < 0)
			return -1;
		o->min_sev = (enum sev)(SEV_ERROR - k);
		break;
	case OPT_TOLERANCE:
		return su_opt_pct("--probability-tolerance", arg,
		    &o->tolerance) ? -1 : 0;
	case OPT_REVIEW:
		if (su_opt_money(&o->c, "--review-threshold", arg, &o->review,
		    o->review_cur))
			return -1;
		o->review_arg = arg;
		break;
	case OPT_RENEWALS:
		return opt_count("--renewals", arg, 0, 3660, "days",
		    &o->renewals);
	case OPT_PUSHED:
		return opt_count("--pushed-often", arg, 1, 1000, "times",
		    &o->pushed_often);
	default:
		abort(); /* in longopts, handled by nobody */
	}
	return 0;
}

static void
init(void *self)
{
	((struct state *)self)->o->review = 10000000; /* $100K, seed 000 */
	/* three pushes: a slipping deal, not one rescheduled once */
	((struct state *)self)->o->pushed_often = 3;
	((struct state *)self)->o->renewals = -1;
}

/* the model's gates: a place each, and no name of a built-in check (a
 * finding would not say which it was) */
static int
gates_setup(struct state *st)
{
	const struct su_model *m = st->m;
	size_t i, j, n = 0;
	int k;

	st->gbase = su_xmalloc((m->np + 1) * sizeof *st->gbase);
	for (i = 0; i < m->np; i++) {
		st->gbase[i] = n;
		for (j = 0; j < m->p[i].ngate; j++)
			for (k = 0; k < NCHECK; k++)
				if (strcmp(m->p[i].gate[j].name,
				    checks[k].name) == 0) {
					su_msg(m->file, m->p[i].gate[j].line,
					    "gate %s: the name of a built-in "
					    "check", checks[k].name);
					return -1;
				}
		n += m->p[i].ngate;
	}
	st->gbase[m->np] = n;
	st->gb = su_xmalloc((n + 1) * sizeof *st->gb);
	memset(st->gb, 0, (n + 1) * sizeof *st->gb);
	return 0;
}

/* a gate's columns, by name: days_in_stage, amount, probability; a role
 * (eb_title, or one -c names); a header.  A column the input lacks is an
 * error, unless the gate is optional (a field not every org has): then the
 * gate is not checked.  A name matching several headers is an error. */
static int
bind_column(const struct state *st, const struct su_run *run,
            struct su_gate *g, size_t k, int *missing)
{
	const struct su_rec *hdr = &run->hdr;
	size_t pos;
	const char *name = su_expr_colname(g->e, k, &pos);
	char msg[1400], list[1000];
	int c, sy, role;

	for (sy = 0; sy < NSYN; sy++)
		if (su_normeq(name, synname[sy])) {
			su_expr_bind(g->e, k, (int)hdr->n + sy);
			return 0;
		}
	role = su_role_lookup(name);
	if (role >= 0 && run->col[role] >= 0) {
		su_expr_bind(g->e, k, run->col[role]);
		return 0;
	}
	if ((c = su_find_header(hdr, name)) >= 0) {
		su_expr_bind(g->e, k, c);
		return 0;
	}
	if (c == -1 && g->optional) {
		*missing = 1;
		return 0;
	}
	if (c == -2)
		snprintf(msg, sizeof msg, "gate %s: several columns of %s "
		    "match \"%s\" (name one exactly)", g->name, hdr->file,
		    name);
	else {
		su_header_list(hdr, list, sizeof list);
		snprintf(msg, sizeof msg, "gate %s: no column \"%s\" in %s: "
		    "%s%s%smark the gate optional; the columns are: %s",
		    g->name, name, hdr->file, role >= 0 ? "name it with -c " :
		    "", role >= 0 ? su_role_name(role) : "", role >= 0 ?
		    "=HEADER, or " : "", list);
	}
	su_ini_caret(st->m->file, st->m->text, g->line, g->col + pos, msg);
	return -1;
}

static int
gates_bind(struct state *st, const struct su_run *run)
{
	struct su_model *m = st->m;
	size_t i, j, k, n = run->hdr.n;

	st->nhdr = n;
	st->xf = su_xmalloc((n + NSYN) * sizeof *st->xf);
	st->xl = su_xmalloc((n + NSYN) * sizeof *st->xl);
	for (i = 0; i < m->np; i++)
		for (j = 0; j < m->p[i].ngate; j++)
			for (k = 0; k < su_expr_ncols(m->p[i].gate[j].e); k++)
				if (bind_column(st, run, &m->p[i].gate[j], k,
				    &st->gb[st->gbase[i] + j].missing))
					return -1;
	return 0;
}

/* the model, the history, the columns wanted */
static int
setup(void *self, struct su_run *run)
{
	struct state *st = self;
	unsigned char *want = run->want;
	size_t i, most = 0;

	if (su_model_load(st->o->model, &st->m) || gates_setup(st))
		return -1;
	if (st->o->renewals >= 0 && st->o->mode != MODE_FINDINGS) {
		su_msg(NULL, 0, "--renewals lists renewals: it excludes "
		    "--annotate and --summary");
		return -1;
	}
	if (st->o->history) {
		if (read_history(&st->hist, st->o, st->m))
			return -1;
		st->have_hist = 1;
	}
	st->pl = su_place_new(st->m, NULL);
	for (i = 0; i < st->m->np; i++)
		if (st->m->p[i].nstage > most)
			most = st->m->p[i].nstage;
	st->entered = su_xmalloc(most * sizeof *st->entered);
	st->has_at = su_xmalloc(most);
	memset(want, SU_COL_OPTIONAL, sizeof run->want);
	want[SU_R_STAGE] = SU_COL_REQUIRED;
	want[SU_R_ACCOUNT] = 0;
	want[SU_R_MQL_DATE] = want[SU_R_RESPONSE] = want[SU_R_SOURCE] = 0;
	/* a history's roles, not the input's */
	want[SU_R_FIELD] = want[SU_R_TO_STAGE] = 0;
	if (st->have_hist)
		want[SU_R_ID] = SU_COL_REQUIRED;
	if (st->o->renewals >= 0) /* an accounts export has no stage */
		want[SU_R_STAGE] = want[SU_R_ACCOUNT] = SU_COL_OPTIONAL;
	return 0;
}

/* the columns found: HubSpot's date-entered ones, the probability scale */
static int
header(void *self, struct su_run *run)
{
	struct state *st = self;
	const struct su_rec *hdr = &run->hdr;

	st->in = run->in;
	memcpy(st->col, run->col, sizeof st->col);
	su_date_fmt(st->asof, st->o->c.as_of);
	if (st->o->renewals >= 0)
		return renewals_header(st, hdr);
	if (gates_bind(st, run))
		return -1;
	if (!st->have_hist)
		st->ndent = su_date_entered(hdr, &st->dent);
	st->prob_scale = SU_RATE_PERCENT;
	if (st->col[SU_R_PROBABILITY] >= 0)
		st->prob_scale = su_prob_scale(&st->o->c,
		    hdr->f[st->col[SU_R_PROBABILITY]]);
	return 0;
}

/* --annotate and the findings are written as the rows are read: their
 * header; --summary writes at the end */
static int
start(void *self, struct su_run *run)
{
	static const char *const fnames[] = {"id", "name", "owner", "stage",
	                                     "check", "severity", "message"};
	static const char *const own[] = {"gate", "missing", "flags",
	                                   "velocity"};
	static const char *const rnames[] = {"id", "name", "account", "owner",
	                                     "stage", "due", "days", "arr"};
	struct state *st = self;
	const struct su_rec *hdr = &run->hdr;
	const char **names;
	size_t extra = st->have_hist || st->ndent ? 4 : 3, i, k = 0;
	int r;

	if (st->o->renewals >= 0)
		return su_out_header(run->out, 8, rnames);
	if (st->o->mode == MODE_FINDINGS)
		return su_out_header(run->out, 7, fnames);
	if (st->o->mode != MODE_ANNOTATE)
		return 0;
	/* --annotate's output fed back in: one set of annotations, this
	 * run's */
	st->keep = su_xmalloc(hdr->n + 1);
	su_out_own(hdr, own, extra, st->keep);
	names = su_xmalloc((hdr->n + 4) * sizeof *names);
	st->cells = su_xmalloc((hdr->n + 4) * sizeof *st->cells);
	for (i = 0; i < hdr->n; i++)
		if (st->keep[i])
			names[k++] = hdr->f[i];
	for (i = 0; i < extra; i++)
		names[k++] = own[i];
	r = su_out_header(run->out, k, names);
	free(names);
	return r;
}

/* one row checked, then written (or counted, for --summary) */
static enum su_result
record(void *self, struct su_run *run, const struct su_rec *r)
{
	struct state *st = self;
	enum su_result k;
	int e = 0;

	if (st->o->renewals >= 0) {
		if ((k = renewal_row(st, &run->hdr, r, run->out)) == SU_STOP &&
		    st->oerr)
			run->oerr = st->oerr;
		return k;
	}
	if ((k = check_row(st, &run->hdr, r)) != SU_OK)
		return k;
	st->errors += st->gate_fail;
	if (st->o->mode == MODE_ANNOTATE)
		e = write_annotated(st, run->out, r, st->cells);
	else if (st->o->mode == MODE_FINDINGS)
		e = write_findings(st, run->out, r);
	else
		count(st, r);
	if (e) {
		run->oerr = e;
		return SU_STOP;
	}
	return SU_OK;
}

/* the input read: what is said of it */
static int
end(void *self, struct su_run *run)
{
	struct state *st = self;

	if (st->ren_unknown)
		su_msg(NULL, 0, "%ld renewal deal%s at a stage the model does "
		    "not know; not listed", st->ren_unknown,
		    st->ren_unknown == 1 ? " is" : "s are");
	if (st->ren_nodate)
		su_msg(NULL, 0, "%ld renewal%s no %s; not listed",
		    st->ren_nodate, st->ren_nodate == 1 ? " has" : "s have",
		    run->hdr.f[st->col[SU_R_RENEWAL_DATE] >= 0 ?
		    st->col[SU_R_RENEWAL_DATE] : st->col[SU_R_CLOSE]]);
	if (st->noclose)
		su_msg(NULL, 0, "%ld open deal%s no %s; not judged for "
		    "past-close-date", st->noclose, st->noclose == 1 ? " has" :
		    "s have", run->hdr.f[st->col[SU_R_CLOSE]]);
	if (st->have_hist)
		report_unseen(&st->hist);
	if (st->hist.nother)
		su_msg(st->hist.file, 0, "%ld field history row%s of fields no "
		    "check reads (the first: %s) not used", st->hist.nother,
		    st->hist.nother == 1 ? "" : "s", st->hist.other);
	return 0;
}

static int
write_out(void *self, struct su_run *run, struct su_out *out)
{
	struct state *st = self;

	(void)run;
	return st->o->mode == MODE_SUMMARY ? write_summary(st, out) : 0;
}

/* exit 1 when any row fails its gate */
static int
status(void *self)
{
	return ((struct state *)self)->errors ? SU_EXIT_FLAG : SU_EXIT_OK;
}

static void
free_state(void *self)
{
	struct state *st = self;

	su_model_free(st->m);
	su_place_free(st->pl);
	free_history(&st->hist);
	su_dentered_free(st->dent, st->ndent);
	free(st->entered);
	free(st->has_at);
	su_map_free(st->owners, free_owned);
	free(st->counts);
	free(st->f);
	free(st->keep);
	free(st->cells);
	free(st->gb);
	free(st->gbase);
	free(st->xf);
	free(st->xl);
}

static const struct su_prog stagecheck = {
	.shortopts = "m:", .longopts = longopts, .usage = usage,
	.init = init, .option = option, .setup = setup, .header = header,
	.start = start, .record = record, .end = end, .write = write_out,
	.status = status, .free = free_state,
};

int
main(int argc, char **argv)
{
	struct opts o = {0};
	struct state st = {.o = &o};

	return su_run(&stagecheck, &st, &o.c, argc, argv);
}
