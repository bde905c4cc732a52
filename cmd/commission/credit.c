/*
 * credit.c - commission's bookings: each credited to its rep (its share
 * of a split deal, its role), or left out as not closed won, or refused;
 * then what each plan measures of them.
 */
#include "commission.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* ---- bookings ------------------------------------------------------------ */

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
 * shares of a split.  The ids are in lib's compact set, a set a sign; the
 * other sign's is passed the id, so that each set counts every record's.
 * SU_OK, or su_in_reject's answer. */
static enum su_result
once(struct state *st, struct su_in *in, const struct bcols *bc,
     const struct su_rec *r, int64_t amount)
{
	const char *id = r->f[bc->id], *ffile;
	size_t idlen = r->len[bc->id];
	int split = bc->split >= 0 && r->len[bc->split], s = amount < 0, k;
	int fsplit;
	long fline;
	char at[PATH_MAX + 32];

	st->id_done = 1;
	if (st->shadow)
		return SU_OK;
	su_trim(&id, &idlen);
	if (!idlen)
		return SU_OK;
	if (su_idset_pass(st->ids[!s], id, idlen, r->file, r->line) ||
	    (k = su_idset_add_mark(st->ids[s], id, idlen, r->file, r->line,
	    split, &ffile, &fline, &fsplit)) < 0)
		return SU_STOP;
	if (!k || (split && fsplit))
		return SU_OK;
	return su_in_reject(in, r, "deal %.*s is also on %s: a deal is "
	    "credited once (the shares of a split deal each give a Split %%)",
	    (int)idlen, id, su_seen_at(at, sizeof at, ffile, fline, r));
}

/* a record not credited (left out, refused) before its id was checked:
 * its id passed to both sets.  0, or -1 (said). */
static int
pass_id(struct state *st, const struct su_rec *r)
{
	const char *id;
	size_t idlen;

	if (st->shadow || st->bc.id < 0)
		return 0;
	id = r->f[st->bc.id], idlen = r->len[st->bc.id];
	su_trim(&id, &idlen);
	if (!idlen)
		return 0;
	return su_idset_pass(st->ids[0], id, idlen, r->file, r->line) ||
	    su_idset_pass(st->ids[1], id, idlen, r->file, r->line) ? -1 : 0;
}

/* what a booking's Stage and IsWon say */
struct won {
	const char *s;      /* the stage, trimmed ("" none) */
	size_t len;
	const char *label;  /* what it is counted under when left out */
	int status;         /* SU_ST_*, or -1: not said */
	int known;          /* the stage says won or lost, not just open */
};

/* the stage's status in the pipeline of the deal's type: SU_OK, or
 * su_in_reject's answer */
static enum su_result
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
		return SU_OK;
	if ((i = su_model_stage(p, w->s, w->len)) >= 0) {
		w->status = p->stage[i].status, w->known = 1;
		w->label = p->stage[i].name;
		return SU_OK;
	}
	if (w->len < sizeof nm && su_norm(w->s, w->len, nm) &&
	    strcmp(nm, "closed") == 0)
		return su_in_reject(in, r, "Stage \"%.*s\": closed won or "
		    "closed lost? (name it in a stage model, -m)", (int)w->len,
		    w->s);
	v = su_category_parse(w->s, w->len);
	w->known = v == SU_CAT_CLOSED || v == SU_CAT_LOST;
	w->status = v == SU_CAT_CLOSED ? SU_ST_WON : v == SU_CAT_LOST ?
	    SU_ST_LOST : SU_ST_OPEN;
	return SU_OK;
}

/* IsWon, held against the stage when both say: SU_OK, or su_in_reject's
 * answer */
static enum su_result
iswon_status(struct su_in *in, const struct bcols *bc,
             const struct su_rec *r, struct won *w)
{
	int v;

	/* the same words as forecast, cyclestat and stagecheck take */
	if ((v = su_bool(r->f[bc->iswon], r->len[bc->iswon])) < 0)
		return su_in_reject(in, r, "IsWon \"%.*s\": expected true or "
		    "false", (int)(r->len[bc->iswon] > 40 ? 40 :
		    r->len[bc->iswon]), r->f[bc->iswon]);
	if (w->known && (w->status == SU_ST_WON) != v)
		return su_in_reject(in, r, "Stage \"%.*s\" is %s and IsWon is "
		    "%.*s: which is it?", (int)w->len, w->s,
		    w->status == SU_ST_WON ? "won" : w->status == SU_ST_LOST ?
		    "lost" : "open", (int)r->len[bc->iswon],
		    r->f[bc->iswon]);
	if (!w->len) {
		w->status = v ? SU_ST_WON : SU_ST_OPEN;
		w->label = v ? "IsWon true" : "IsWon false";
	} else if (!w->known)
		w->status = v ? SU_ST_WON : SU_ST_OPEN;
	return SU_OK;
}

/* a booking with a stage (or IsWon) column: SU_OK with *won 1 when it
 * is closed won, 0 when it is left out (counted under its stage); else
 * su_in_reject's answer.  The stage model says, in the pipeline of the
 * deal's type; a stage it does not know is won when named so (Closed Won,
 * Won), lost when named so, else open; a bare "Closed" could be either
 * and is refused. */
static enum su_result
closed_won(struct state *st, struct su_in *in, const struct bcols *bc,
           const struct su_rec *r, int *won)
{
	struct won w;
	size_t ll;
	enum su_result rc;
	long *n;

	*won = 0;
	memset(&w, 0, sizeof w);
	w.s = "", w.status = -1;
	if (bc->stage >= 0 && (rc = stage_status(st, in, bc, r, &w)) != SU_OK)
		return rc;
	if (bc->iswon >= 0 && r->len[bc->iswon] &&
	    (rc = iswon_status(in, bc, r, &w)) != SU_OK)
		return rc;
	if (w.status < 0)
		return su_in_reject(in, r, "%s empty: won or not? (a payout "
		    "cannot rest on a guess)", bc->stage >= 0 ? "Stage" :
		    "IsWon");
	if (w.status == SU_ST_WON) {
		*won = 1;
		return SU_OK;
	}
	if (!w.label)
		w.label = w.s, ll = w.len;
	else
		ll = strlen(w.label);
	n = su_groups_get(st->notwon, w.label, ll);
	(*n)++;
	st->nnotwon++;
	return SU_OK;
}

/* the bookings left out as not closed won, counted by stage */
void
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

/* the bookings' columns: rep, amount, close date; deal id, stage, type
 * and currency when there (as setup wanted them: resolved by su_run);
 * IsWon and split when there; the role column of each plan that measures
 * one.  0 or -1 (said). */
int
booking_header(void *self, struct su_run *run)
{
	struct state *st = self;
	struct bcols *bc = &st->bc;
	const struct su_rec *hdr = &run->hdr;
	const int *cols = run->col;
	size_t i;

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
	bc->iswon = cols[SU_R_IS_WON];
	if ((bc->stage >= 0 || bc->iswon >= 0 || st->o->model) &&
	    su_model_load(st->o->model, &st->model))
		return -1;
	bc->split = cols[SU_R_SPLIT];
	/* a large input read twice for the id check: as this reader
	 * reads it */
	if (!st->shadow && bc->id >= 0) {
		su_idset_inputs(st->ids[0], run->c, run->nfiles, run->files,
		    bc->id);
		su_idset_inputs(st->ids[1], run->c, run->nfiles, run->files,
		    bc->id);
	}
	bc->role = su_xmalloc(st->pl->np * sizeof *bc->role);
	for (i = 0; i < st->pl->np; i++) {
		bc->role[i] = -1;
		if (st->pl->p[i].measure != SU_PM_ROLE ||
		    !plan_used(st, (int)i))
			continue;
		if ((bc->role[i] = su_find_header(hdr,
		    st->pl->p[i].role)) < 0) {
			su_msg(hdr->file, 1, "plan %s measures the deals in "
			    "column \"%s\", which is not there",
			    st->pl->p[i].name, st->pl->p[i].role);
			return -1;
		}
	}
	return 0;
}

/* the booking's amount and its currency, one for all the bookings: SU_OK,
 * or su_in_reject's answer */
static enum su_result
booking_amount(struct state *st, struct su_in *in, const struct bcols *bc,
               const struct su_rec *r, int64_t *amount)
{
	const char *why;
	char cur[SU_CUR_LEN], msg[256];
	int rc;

	rc = su_money_parse(r->f[bc->amount], r->len[bc->amount],
	    st->o->c.decimal_comma, amount, cur, &why);
	if (rc != 0)
		return su_in_reject(in, r, "Amount \"%.*s\": %s%s%s",
		    (int)(r->len[bc->amount] > 40 ? 40 : r->len[bc->amount]),
		    r->f[bc->amount], rc == 1 ? "empty (a payout cannot rest "
		    "on a guess)" : "not an amount (", rc == 1 ? "" : why,
		    rc == 1 ? "" : ")");
	if (su_row_currency(bc->hdr, r, bc->currency, cur, msg, sizeof msg))
		return su_in_reject(in, r, "%s", msg);
	if (!cur[0])
		return SU_OK;
	if (!st->cur[0]) {
		memcpy(st->cur, cur, sizeof st->cur);
		st->curfile = r->file, st->curline = r->line;
	} else if (strcmp(cur, st->cur) != 0)
		return su_in_reject(in, r, "amount in %s, and %s:%ld was in "
		    "%s: amounts in different currencies are never added", cur,
		    st->curfile, st->curline, st->cur);
	return SU_OK;
}

/* the close date, within the plan year: SU_OK, or su_in_reject's answer */
static enum su_result
booking_day(struct state *st, struct su_in *in, const struct bcols *bc,
            const struct su_rec *r, int32_t *day)
{
	const char *why;
	char a[16], b[16];
	int rc;

	rc = su_date_parse(r->f[bc->close], r->len[bc->close], st->o->c.dmy,
	    day, &why);
	if (rc != 0)
		return su_in_reject(in, r, "Close Date \"%.*s\": %s",
		    (int)(r->len[bc->close] > 40 ? 40 : r->len[bc->close]),
		    r->f[bc->close], rc == 1 ? "empty" : why);
	if (*day >= st->y.from && *day <= st->y.to)
		return SU_OK;
	su_date_fmt(a, st->y.from);
	su_date_fmt(b, st->y.to);
	return su_in_reject(in, r, "Close Date %.*s is outside the plan year "
	    "FY%d (%s..%s)", (int)r->len[bc->close], r->f[bc->close], st->fy,
	    a, b);
}

/* a share of a split deal, kept until every share is read
 * (settle_splits): SU_OK, or su_in_reject's answer */
static enum su_result
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
		return su_in_reject(in, r, "Split \"%.*s\": %s",
		    (int)r->len[bc->split], r->f[bc->split], why);
	if (bc->id < 0)
		return su_in_reject(in, r, "a split deal needs a deal id "
		    "column (Opportunity ID) to gather its shares");
	id = r->f[bc->id], idlen = r->len[bc->id];
	su_trim(&id, &idlen);
	if (!idlen)
		return su_in_reject(in, r, "a split share with no deal id");
	sp = su_groups_get(st->splits, id, idlen);
	if (sp->n && (sp->amount != amount || sp->day != day))
		return su_in_reject(in, r, "deal %.*s: this share's amount or "
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
		return su_in_reject(in, r, "a role credit overflows");
	return SU_OK;
}

/* one booking row: credited, kept as a share of a split deal or left
 * out as not closed won (SU_OK), refused (SU_SKIP) or the end (SU_STOP) */
static enum su_result
booking_row(struct state *st, struct su_run *run, const struct su_rec *r)
{
	const struct bcols *bc = &st->bc;
	struct su_in *in = run->in;
	int64_t amount;
	int32_t day;
	int ri, won;
	enum su_result rc;

	/* a lost or open deal is no one's credit, whatever else it holds */
	if ((bc->stage >= 0 || bc->iswon >= 0) &&
	    ((rc = closed_won(st, in, bc, r, &won)) != SU_OK || !won))
		return rc;
	ri = find_rep(st, r->f[bc->rep], r->len[bc->rep]);
	if (ri < 0)
		return su_in_reject(in, r, "rep \"%.*s\" is not in the roster",
		    (int)(r->len[bc->rep] > 40 ? 40 : r->len[bc->rep]),
		    r->f[bc->rep]);
	if ((rc = booking_amount(st, in, bc, r, &amount)) != SU_OK ||
	    (rc = booking_day(st, in, bc, r, &day)) != SU_OK)
		return rc;
	if (bc->id >= 0 && (rc = once(st, in, bc, r, amount)) != SU_OK)
		return rc;
	if (bc->split >= 0 && r->len[bc->split])
		return split_share(st, in, bc, r, ri, amount, day);
	if (role_credit(st, bc, r, amount, day, NULL))
		return su_in_reject(in, r, "a role credit overflows");
	return credit(st, ri, amount, day, r) ? SU_STOP : SU_OK;
}

/* booking_row, and the record's id counted by the id check wherever the
 * row ended */
enum su_result
booking(void *self, struct su_run *run, const struct su_rec *r)
{
	struct state *st = self;
	enum su_result rc;

	st->id_done = 0;
	rc = booking_row(st, run, r);
	if (rc != SU_STOP && !st->id_done && pass_id(st, r))
		return SU_STOP;
	return rc;
}

/* the split deals, complete: shares to 100%, rounded to the cent, the
 * cent left over to the first share listed */
int
settle_splits(void *self, struct su_run *run)
{
	struct state *st = self;
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
				su_msg(sp->file, sp->line, "deal %.*s: its "
				    "split shares add up to %s%%, not 100%%",
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
				if (su_in_reject(run->in, &fake, "deal %.*s: "
				    "its split shares add up to %s%%, not "
				    "100%%", (int)g[i]->keylen, g[i]->key,
				    pbuf) == SU_STOP)
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

/* ---- what the plans measure ---------------------------------------------- */

/* each rep's credit added to everyone above it (the Manager column):
 * below[i * 12 + m].  0, or -1 overflow (said). */
static int
credit_below(struct state *st, int64_t *below)
{
	size_t i;
	int a, m;

	for (i = 0; i < st->nr; i++)
		for (a = st->r[i].mgr; a >= 0; a = st->r[a].mgr)
			for (m = 0; m < 12; m++)
				if (su_add(below[(size_t)a * 12 + m],
				    st->r[i].credit[m],
				    &below[(size_t)a * 12 + m])) {
					su_msg(NULL, 0, "the credit below %s "
					    "overflows", st->r[a].name);
					return -1;
				}
	return 0;
}

/* what each rep's plan measures, per month: 0, or -1 (said) */
int
measures(struct state *st)
{
	size_t i, j;
	int m;
	int64_t *below = su_xmalloc(st->nr * 12 * sizeof *below);

	memset(below, 0, st->nr * 12 * sizeof *below);
	if (credit_below(st, below)) {
		free(below);
		return -1;
	}
	for (i = 0; i < st->nr; i++) {
		struct rep *p = &st->r[i];

		for (m = 0; m < 12; m++) {
			switch (st->pl->p[p->plan].measure) {
			case SU_PM_CREDIT: p->measure[m] = p->credit[m]; break;
			case SU_PM_ROLE: p->measure[m] = p->role[m]; break;
			case SU_PM_COUNT: p->measure[m] = p->units[m]; break;
			case SU_PM_BELOW: p->measure[m] = below[i * 12 + m];
				break;
			case SU_PM_ORG: /* its own and everyone's below */
				if (su_add(p->credit[m], below[i * 12 + m],
				    &p->measure[m])) {
					su_msg(NULL, 0, "the credit of %s's "
					    "organisation overflows", p->name);
					free(below);
					return -1;
				}
				break;
			case SU_PM_TEAM:
				p->measure[m] = 0;
				/* teams match as rep names do: trimmed
				 * (when read) and regardless of case */
				for (j = 0; j < st->nr; j++)
					if (st->r[j].team && strcasecmp(
					    st->r[j].team, p->team) == 0)
						p->measure[m] +=
						    st->r[j].credit[m];
				break;
			}
		}
	}
	free(below);
	return 0;
}

