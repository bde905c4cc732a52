/*
 * statement.c - commission's bonuses, spiffs and statements: what each
 * rep has earned to date and is paid each period, or with --detail the
 * line items that add up to it (the bands and the true-up: lib/payout.c).
 */
#include "commission.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
int
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
 * with the most deals (positive bookings), or with on = activities the
 * most activity rows counted; none when nobody has one */
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
			cnt += sp->on_activities ? st->r[i].units[m] :
			    st->r[i].deals[m];
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
void
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
	/* the balance brought from the period before and the one left at
	 * this period's end: a negative true-up not paid back (<= 0) */
	int64_t brought, balance;
	/* a draw: paid as one this period, recovered this period, and the
	 * recoverable draws not yet recovered */
	int64_t dpaid, drec, owed;
};

/* a statement's money columns, in order; a Total row sums them.  The
 * draw's only with a plan that has one, the last two only with a roster's
 * Base column. */
enum { S_EARNED, S_PAID, S_PAYOUT, S_COMM, S_BONUS, S_SPIFF, S_ADJ, S_BAL,
       S_DRAW, S_DREC, S_DBAL, S_BASE, S_TOTAL, S_NMONEY };

/* the Total rows: per payout frequency (monthly, quarterly, annual) and
 * period, the sums of the statements written */
struct total {
	int shown;
	int64_t v[S_NMONEY];
};

/* --summary: a plan's period, or with plan -1 the period's Total */
struct sumrow {
	long reps, band[5], noquota;
	int64_t payout, base;
	char *under;       /* the reps under 50%, "; " between */
	size_t ulen;
};

/* what writing the statements holds */
struct writer {
	struct state *st;
	struct su_out *out;
	struct su_items c;
	unsigned char *held;       /* per bonus: its condition has held */
	struct total tot[3][12];   /* [frequency][period] */
	int mcol[S_NMONEY];        /* the money columns written, in order */
	size_t nmoney;
	struct sumrow *sum;        /* --summary: [plan][period] */
	int detail;                /* this pass writes line items */
	int64_t *collect;          /* --compare-plans: per rep, the payouts
	                              of the periods wanted; nothing written */
	int quiet;                 /* a second pass: its notes were said */
	int subtotal;              /* a workbook's rep sheet: a payout line
	                              under each period's items */
};

static const int freq_n[3] = {12, 4, 1};

static int
freq_index(int n)
{
	return n == 12 ? 0 : n == 4 ? 1 : 2;
}

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

/* --detail: the period's line items, then paid before and the balance
 * left (carried forward, or at the plan year's end owed), so that they
 * add up to the payout */
static int
detail_rows(struct su_out *out, const struct rep *p, const struct su_plan *pl,
            const char *label, int last, int subtotal, struct su_items *c,
            const struct figures *f)
{
	struct su_cell cells[7];
	struct su_item *it;
	size_t i;
	int e;

	it = su_items_add(c);
	strcpy(it->source, "paid before");
	it->amount = -f->paid;
	if (f->balance) {
		it = su_items_add(c);
		strcpy(it->source, last ? "owed at year end" :
		    "carried forward");
		it->amount = -f->balance;
	}
	if (f->drec) {
		it = su_items_add(c);
		strcpy(it->source, "draw recovered");
		it->amount = -f->drec;
	}
	if (f->dpaid) {
		it = su_items_add(c);
		strcpy(it->source, pl->draw_recover ? "draw (recoverable)" :
		    "draw (non-recoverable)");
		it->amount = f->dpaid;
	}
	/* a workbook's rep sheet: the period's payout under its items */
	if (subtotal) {
		it = su_items_add(c);
		strcpy(it->source, "payout");
		it->amount = f->payout;
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

/* the period's money columns: earned, paid before, the payout, and its
 * parts since the period before, so that commission + bonus + spiff +
 * adjustment = payout + balance */
static int
money_parts(const struct rep *p, int k, const struct figures *f, int64_t *v)
{
	v[S_EARNED] = f->E;
	v[S_PAID] = f->paid;
	v[S_PAYOUT] = f->payout;
	v[S_COMM] = f->C - f->pc;
	v[S_BONUS] = f->B - f->pb;
	v[S_SPIFF] = f->S - f->ps;
	v[S_ADJ] = f->brought;
	v[S_BAL] = f->balance;
	v[S_DRAW] = f->dpaid;
	v[S_DREC] = f->drec;
	v[S_DBAL] = f->owed;
	v[S_BASE] = p->pb[k];
	return su_add(v[S_BASE], f->payout, &v[S_TOTAL]);
}

/* a statement row: rep, plan, period, then quota, credit and attainment
 * to date (q, empty on a Total row), then the money columns v */
static int
statement_cells(const struct writer *w, const char *rep, const char *plan,
                const char *label, const struct su_cell *q,
                const int64_t *v)
{
	struct su_cell cells[6 + S_NMONEY];
	size_t i;

	cells[0] = str(rep);
	cells[1] = str(plan);
	cells[2] = str(label);
	for (i = 0; i < 3; i++)
		cells[3 + i] = q ? q[i] : num(SU_C_NULL, 0, 0);
	for (i = 0; i < w->nmoney; i++)
		cells[6 + i] = num(SU_C_MONEY, v[w->mcol[i]], 0);
	return su_out_row(w->out, cells);
}

/* the period's statement: quota, credit, attainment to date, then the
 * money columns; added to the period's Total */
static int
statement_row(struct writer *w, const struct rep *p,
              const struct su_plan *pl, int k, const char *label,
              const struct figures *f)
{
	struct total *t = &w->tot[freq_index(pl->periods)][k];
	struct su_cell q[3];
	int64_t v[S_NMONEY];
	size_t i;

	if (pl->base == SU_PB_UNIT) {
		/* empty: no quota; 0: none yet (before a mid-year start) */
		q[0] = f->Qyear ? num(SU_C_CENTI, f->Q, 0) :
		    num(SU_C_NULL, 0, 0);
		q[1] = num(SU_C_INT, f->M, 0);
		q[2] = f->Q ? num(SU_C_PCT, f->M * 100, f->Q) :
		    num(SU_C_NULL, 0, 0);
	} else {
		q[0] = num(SU_C_MONEY, f->Q, 0);
		q[1] = num(SU_C_MONEY, f->M, 0);
		q[2] = f->Q > 0 ? num(SU_C_PCT, f->M, f->Q) :
		    num(SU_C_NULL, 0, 0);
	}
	t->shown = 1;
	if (money_parts(p, k, f, v)) {
		su_msg(NULL, 0, "the total pay of %s overflows", p->name);
		return -1;
	}
	for (i = 0; i < S_NMONEY; i++)
		if (su_add(t->v[i], v[i], &t->v[i])) {
			su_msg(NULL, 0, "the total of %s overflows", label);
			return -1;
		}
	return statement_cells(w, p->name, pl->name, label, q, v);
}

/* the Total rows, by the end of their period, a shorter period first
 * (2026-03, then 2026-Q1): rep "Total", an empty plan */
static int
total_rows(struct writer *w)
{
	char label[16];
	int m, fi, k, e;

	for (m = 0; m < 12; m++)
		for (fi = 0; fi < 3; fi++) {
			if ((m + 1) % (12 / freq_n[fi]) != 0)
				continue;
			k = (m + 1) / (12 / freq_n[fi]) - 1;
			if (!w->tot[fi][k].shown)
				continue;
			plabel(label, &w->st->y, freq_n[fi], k,
			    w->st->o->c.fy_start);
			if ((e = statement_cells(w, "Total", "", label,
			    NULL, w->tot[fi][k].v)) != 0)
				return e;
		}
	return 0;
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
	/* earned before less paid before: what an earlier negative true-up
	 * left unpaid */
	f->brought = f->pc + f->pb + f->ps - f->paid;
	f->payout = su_trueup(f->E, f->paid, pl->clawback, &f->raw);
	f->balance = f->raw - f->payout;
	return 0;
}

/* at the plan year's end a negative balance is not carried: the rep owes
 * it, which is said */
static void
say_owed(const struct state *st, const struct rep *p, int64_t balance)
{
	char amt[48], label[16];

	su_money_fmt_table(amt, -balance, st->cur, 1);
	plabel(label, &st->y, 1, 0, st->o->c.fy_start);
	su_msg(NULL, 0, "note: %s owes %s at the end of %s: a negative "
	    "true-up not paid back (clawback = no)", p->name, amt, label);
}

/* --summary: the rep's period in its plan's row: its attainment band (or
 * no quota), a name under 50%, its payout and base pay */
static int
summary_add(struct writer *w, const struct rep *p, int k,
            const struct figures *f)
{
	const struct su_plan *pl = &w->st->pl->p[p->plan];
	struct sumrow *s = &w->sum[(size_t)p->plan * 12 + (size_t)k];
	int b;

	s->reps++;
	if (f->Q <= 0)
		s->noquota++;
	else {
		b = su_attainment_band(f->M, f->Q,
		    pl->base == SU_PB_UNIT ? 100 : 1);
		s->band[b]++;
		if (b == 0) {
			size_t n = strlen(p->name);

			s->under = su_xrealloc(s->under, s->ulen + n + 3);
			if (s->ulen)
				memcpy(s->under + s->ulen, "; ", 2),
				    s->ulen += 2;
			memcpy(s->under + s->ulen, p->name, n + 1);
			s->ulen += n;
		}
	}
	if (su_add(s->payout, f->payout, &s->payout) ||
	    su_add(s->base, p->pb[k], &s->base)) {
		su_msg(NULL, 0, "the cost of plan %s overflows", pl->name);
		return -1;
	}
	return 0;
}

/* a --summary row: plan (or "Total"), period, the reps and their bands,
 * the share at quota, the names under 50%, payout, base and cost */
static int
summary_row(struct writer *w, const char *plan, const char *label,
            const struct sumrow *s)
{
	struct su_cell cells[14];
	long placed = s->reps - s->noquota;
	int64_t cost;
	size_t i;

	cells[0] = str(plan);
	cells[1] = str(label);
	cells[2] = num(SU_C_INT, s->reps, 0);
	for (i = 0; i < 5; i++)
		cells[3 + i] = num(SU_C_INT, s->band[i], 0);
	cells[8] = num(SU_C_INT, s->noquota, 0);
	cells[9] = placed ? num(SU_C_PCT, s->band[3] + s->band[4], placed) :
	    num(SU_C_NULL, 0, 0);
	cells[10] = str(s->under ? s->under : "");
	cells[11] = num(SU_C_MONEY, s->payout, 0);
	if (w->st->has_base) {
		if (su_add(s->payout, s->base, &cost)) {
			su_msg(NULL, 0, "the cost of sales of %s overflows",
			    label);
			return -1;
		}
		cells[12] = num(SU_C_MONEY, s->base, 0);
		cells[13] = num(SU_C_MONEY, cost, 0);
	} else
		cells[12] = cells[13] = num(SU_C_NULL, 0, 0);
	return su_out_row(w->out, cells);
}

/* --summary's rows: per period (by its end, a shorter one first), each
 * plan paid then with a rep on it, in the plans' order, then the Total
 * of the period's plans */
static int
write_summary(struct writer *w)
{
	const struct su_plans *pls = w->st->pl;
	char label[16];
	int m, fi, k, e;
	size_t j, i;

	for (m = 0; m < 12; m++)
		for (fi = 0; fi < 3; fi++) {
			struct sumrow t;
			int any = 0;

			if ((m + 1) % (12 / freq_n[fi]) != 0)
				continue;
			k = (m + 1) / (12 / freq_n[fi]) - 1;
			plabel(label, &w->st->y, freq_n[fi], k,
			    w->st->o->c.fy_start);
			memset(&t, 0, sizeof t);
			for (j = 0; j < pls->np; j++) {
				const struct sumrow *s = &w->sum[j * 12 +
				    (size_t)k];

				if (pls->p[j].periods != freq_n[fi] ||
				    s->reps == 0)
					continue;
				if ((e = summary_row(w, pls->p[j].name, label,
				    s)) != 0)
					goto fail;
				any = 1;
				t.reps += s->reps, t.noquota += s->noquota;
				for (i = 0; i < 5; i++)
					t.band[i] += s->band[i];
				if (s->under) {
					t.under = su_xrealloc(t.under, t.ulen +
					    s->ulen + 3);
					if (t.ulen)
						memcpy(t.under + t.ulen, "; ",
						    2), t.ulen += 2;
					memcpy(t.under + t.ulen, s->under,
					    s->ulen + 1);
					t.ulen += s->ulen;
				}
				if (su_add(t.payout, s->payout, &t.payout) ||
				    su_add(t.base, s->base, &t.base)) {
					su_msg(NULL, 0, "the cost of sales of "
					    "%s overflows", label);
					e = -1;
					goto fail;
				}
			}
			e = any ? summary_row(w, "Total", label, &t) : 0;
fail:
			free(t.under);
			if (e)
				return e;
		}
	return 0;
}

/* rep ri's statements (or line items) for the periods wanted: 0; -1
 * failed (said); or su_out_row's error */
static int
rep_statements(struct writer *w, const struct su_period *want, size_t ri)
{
	struct state *st = w->st;
	const struct rep *p = &st->r[ri];
	const struct su_plan *pl = &st->pl->p[p->plan];
	struct figures f;
	int k, n = pl->periods, e, show, nmiss = 0;
	char label[16], miss[16];

	memset(&f, 0, sizeof f);
	memset(w->held, 0, st->pl->nb + 1);
	for (k = 0; k < n; k++)
		f.Qyear += p->pq[k];
	for (k = 0; k < n; k++) {
		int64_t t;

		if ((e = period_to_date(st, ri, k, n, w->held, &w->c,
		    &f)) == -2)
			return -1;
		if (e) {
			su_msg(NULL, 0, "the payout of %s overflows", p->name);
			return -1;
		}
		/* the draw: the true-up t is what earnings pay, and what the
		 * next true-up holds as paid */
		t = f.payout;
		f.payout = su_draw(t, p->draw, pl->draw_recover == 1, &f.owed,
		    &f.dpaid, &f.drec);
		plabel(label, &st->y, n, k, st->o->c.fy_start);
		show = !want || (pto(&st->y, n, k) >= want->from &&
		    pto(&st->y, n, k) <= want->to);
		if (show && w->collect) {
			if (su_add(w->collect[ri], f.payout, &w->collect[ri])) {
				su_msg(NULL, 0, "the payout of %s overflows",
				    p->name);
				return -1;
			}
		} else if (show && (e = st->o->summary ?
		    summary_add(w, p, k, &f) :
		    w->detail ?
		    detail_rows(w->out, p, pl, label, k == n - 1, w->subtotal,
		    &w->c, &f) :
		    statement_row(w, p, pl, k, label, &f)) != 0)
			return e;
		if (show && k == n - 1 && f.balance < 0 && !w->quiet)
			say_owed(st, p, f.balance);
		if (show && k == n - 1 && f.owed > 0 && !w->quiet) {
			char amt[48], fy[16];

			su_money_fmt_table(amt, f.owed, st->cur, 1);
			plabel(fy, &st->y, 1, 0, st->o->c.fy_start);
			su_msg(NULL, 0, "note: %s has %s of recoverable draws "
			    "not recovered at the end of %s", p->name, amt,
			    fy);
		}
		/* a period the ledger covers was paid what it says; one it
		 * names no payment in, nothing, which is said when this run
		 * would pay something */
		if (st->o->paid && pto(&st->y, n, k) <= st->ledger_to) {
			if (!p->paid_line[k] && f.payout && nmiss++ == 0)
				memcpy(miss, label, sizeof miss);
			f.paid += p->ledger[k];
		} else
			f.paid += t;
		f.pc = f.C, f.pb = f.B, f.ps = f.S;
	}
	if (nmiss && !w->quiet)
		su_msg(NULL, 0, "note: %s names no payment to %s in %d "
		    "period%s it covers (%s first) that would pay: taken as "
		    "nothing paid", st->o->paid, p->name, nmiss,
		    nmiss == 1 ? "" : "s", miss);
	return 0;
}

/* each rep's payouts in the periods wanted under st's plans: sums[ri].
 * 0 or -1 (said). */
static int
payouts(struct state *st, int64_t *sums)
{
	struct writer w;
	size_t ri;
	int e = 0;

	memset(&w, 0, sizeof w);
	w.st = st;
	w.collect = sums;
	w.quiet = st->shadow;
	w.held = su_xmalloc(st->pl->nb + 1);
	for (ri = 0; ri < st->nr && e == 0; ri++)
		e = rep_statements(&w, st->wantp, ri);
	free(w.c.it);
	free(w.held);
	return e;
}

/* --compare-plans: per rep in roster order, its plan (the roster's, by
 * name in each file), the payouts of the periods wanted under each, the
 * difference (other less this); then the Total: the cost difference.
 * 0, -1 (said), or su_out_row's error. */
int
write_compare(struct state *st, struct su_out *out)
{
	static const char *const names[] = {"rep", "plan", "period",
	    "payout", "payout_other", "difference"};
	struct state *o2 = st->other;
	struct su_cell cells[6];
	int64_t *a, *b, ta = 0, tb = 0;
	char label[64];
	size_t ri;
	int e;

	if (st->o->period)
		snprintf(label, sizeof label, "%s", st->o->period);
	else
		plabel(label, &st->y, 1, 0, st->o->c.fy_start);
	a = su_xmalloc(st->nr * sizeof *a);
	b = su_xmalloc(st->nr * sizeof *b);
	memset(a, 0, st->nr * sizeof *a);
	memset(b, 0, st->nr * sizeof *b);
	if (payouts(st, a) || payouts(o2, b)) {
		e = -1;
		goto done;
	}
	if (st->cur[0])
		su_out_currency(out, st->cur);
	su_out_sheet(out, "Compare");
	if ((e = su_out_header(out, 6, names)) != 0)
		goto done;
	for (ri = 0; ri < st->nr && e == 0; ri++) {
		if (su_add(ta, a[ri], &ta) || su_add(tb, b[ri], &tb)) {
			su_msg(NULL, 0, "the total payout overflows");
			e = -1;
			goto done;
		}
		cells[0] = str(st->r[ri].name);
		cells[1] = str(st->pl->p[st->r[ri].plan].name);
		cells[2] = str(label);
		cells[3] = num(SU_C_MONEY, a[ri], 0);
		cells[4] = num(SU_C_MONEY, b[ri], 0);
		cells[5] = num(SU_C_MONEY, b[ri] - a[ri], 0);
		e = su_out_row(out, cells);
	}
	if (e == 0) {
		cells[0] = str("Total");
		cells[1] = str("");
		cells[2] = str(label);
		cells[3] = num(SU_C_MONEY, ta, 0);
		cells[4] = num(SU_C_MONEY, tb, 0);
		cells[5] = num(SU_C_MONEY, tb - ta, 0);
		e = su_out_row(out, cells);
	}
done:
	free(a);
	free(b);
	return e;
}

/* has a rep a draw (its own or its plan's) */
static int
has_draw(const struct state *st)
{
	size_t i;

	for (i = 0; i < st->nr; i++)
		if (st->r[i].draw)
			return 1;
	return 0;
}

/* the statements (or --detail's line items) of every rep in roster
 * order, then the Total rows, in the bookings' currency: 0, -1 (said), or
 * su_out_row's error */
int
write_statements(void *self, struct su_run *run, struct su_out *out)
{
	struct state *st = self;
	static const char *const snames[] = {"rep", "plan", "period",
	    "quota_to_date", "credit_to_date", "attainment", "earned_to_date",
	    "paid_before", "payout", "commission", "bonus", "spiff",
	    "adjustment", "balance", "draw", "draw_recovered", "draw_balance",
	    "base_pay", "total_pay"};
	const char *hnames[6 + S_NMONEY];
	static const char *const dnames[] = {"rep", "plan", "period", "source",
	    "basis", "rate", "amount"};
	static const char *const mnames[] = {"plan", "period", "reps",
	    "band_under_50", "band_50_to_75", "band_75_to_100",
	    "band_100_to_125", "band_125_plus", "no_quota", "at_quota_share",
	    "under_50_reps", "payout", "base_pay", "cost_of_sales"};
	struct writer w;
	size_t ri;
	int e;

	(void)run;
	memset(&w, 0, sizeof w);
	w.st = st;
	w.out = out;
	/* a workbook: the statements on a Summary sheet and, with --detail,
	 * each rep's line items on a sheet of its own */
	w.detail = st->o->detail && st->o->c.format != SU_FMT_XLSX;
	su_out_sheet(out, "Summary");
	for (ri = 0; ri < S_NMONEY; ri++) {
		if ((ri == S_DRAW || ri == S_DREC || ri == S_DBAL) &&
		    !has_draw(st))
			continue;
		if ((ri == S_BASE || ri == S_TOTAL) && !st->has_base)
			continue;
		w.mcol[w.nmoney++] = (int)ri;
	}
	memcpy(hnames, snames, 6 * sizeof *hnames);
	for (ri = 0; ri < w.nmoney; ri++)
		hnames[6 + ri] = snames[6 + w.mcol[ri]];
	if (st->cur[0])
		su_out_currency(out, st->cur);
	if ((e = st->o->summary ? su_out_header(out, 14, mnames) :
	    w.detail ? su_out_header(out, 7, dnames) :
	    su_out_header(out, 6 + w.nmoney, hnames)) != 0)
		return e;
	w.held = su_xmalloc(st->pl->nb + 1);
	if (st->o->summary) {
		w.sum = su_xmalloc(st->pl->np * 12 * sizeof *w.sum);
		memset(w.sum, 0, st->pl->np * 12 * sizeof *w.sum);
	}
	for (ri = 0, e = 0; ri < st->nr && e == 0; ri++)
		e = rep_statements(&w, st->wantp, ri);
	if (e == 0 && st->o->summary)
		e = write_summary(&w);
	else if (e == 0 && !w.detail)
		e = total_rows(&w);
	if (st->o->detail && !w.detail) {
		w.detail = w.quiet = w.subtotal = 1;
		for (ri = 0; ri < st->nr && e == 0; ri++) {
			su_out_sheet(out, st->r[ri].name);
			if ((e = su_out_header(out, 7, dnames)) == 0)
				e = rep_statements(&w, st->wantp, ri);
		}
	}
	if (w.sum)
		for (ri = 0; ri < st->pl->np * 12; ri++)
			free(w.sum[ri].under);
	free(w.sum);
	free(w.c.it);
	free(w.held);
	return e;
}
