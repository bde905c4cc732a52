/*
 * waterfall.c - forecast --compare PREV: what moved in the open pipeline
 * of the period between two exports of one report, deal by deal (matched
 * by id), as start + new + pulled_in + increased + decreased + pushed_out +
 * won + lost + removed = end, exactly, per group; and, with --moves, the
 * deals whose forecast category moved.
 */
#include "su.h"
#include "forecast.h"

#include <stdlib.h>
#include <string.h>

/* the changes, in the order written */
enum { START, NEW, PULLED_IN, INCREASED, DECREASED, PUSHED_OUT, WON,
       LOST_, REMOVED, END, NCH };
static const char *const change_name[NCH] = {"start", "new", "pulled_in",
    "increased", "decreased", "pushed_out", "won", "lost", "removed", "end"};

/* the categories a deal moves between: the five, then Lost */
#define NMV 6

struct wacc {
	int64_t deals, amount, weighted;
};

struct wgroup {
	struct wacc ch[NCH];
	struct wacc mv[NMV][NMV]; /* --moves: from, to */
};

/* one deal id, in PREV (0), now (1) or both */
struct wdeal {
	int64_t a[2], w[2];
	int cat[2];	/* its category, -1 left out (a stage nothing places) */
	int in[2];	/* open, closing in the period */
	long line[2];	/* 0: not in that export */
	char *gkey;	/* its group: now, else in PREV */
	size_t gklen;
};

struct wf {
	struct su_map *ids;	/* id -> struct wdeal */
	struct su_groups *t;	/* group -> struct wgroup */
	const char *prev;
	long noid[2];		/* deals without an id: left out, said */
};

static void
free_deal(void *v)
{
	free(((struct wdeal *)v)->gkey);
}

void
compare_free(struct state *st)
{
	if (!st->wf)
		return;
	su_map_free(st->wf->ids, free_deal);
	su_groups_free(st->wf->t, NULL);
	free(st->wf);
}

static int
is_open(int cat)
{
	return cat >= 0 && cat != CLOSED && cat != LOST;
}

/* the deal of record r of export k (0 PREV, 1 now) under its id */
static enum su_result
take(struct state *st, struct su_in *in, const struct su_rec *hdr,
     const int *col, const struct su_gcol *g, size_t ng,
     const struct su_rec *r, int k)
{
	struct wf *wf = st->wf;
	struct deal d;
	struct wdeal *w;
	struct su_group *e;
	enum su_result res;
	const char *id = r->f[col[SU_R_ID]];
	size_t idlen = r->len[col[SU_R_ID]], klen;

	if ((res = classify(st, in, hdr, col, r, 1, &d)) != SU_OK)
		return res;
	su_trim(&id, &idlen);
	if (idlen == 0) {
		wf->noid[k]++;
		return SU_OK;
	}
	e = su_map_get(wf->ids, id, idlen, 1);
	w = e->val;
	if (w->line[k])
		return su_in_reject(in, r, "%s \"%.*s\" twice in %s (also on "
		    "line %ld)", hdr->f[col[SU_R_ID]], (int)idlen, id,
		    k ? "this export" : "the --compare export", w->line[k]);
	w->line[k] = r->line;
	w->cat[k] = d.cat;
	w->a[k] = d.amount;
	w->w[k] = d.weighted;
	w->in[k] = is_open(d.cat) && (!st->o->period || (!d.noclose &&
	    d.close >= st->period.from && d.close <= st->period.to));
	/* the group: the deal's now, else its PREV one */
	if (k == 1 || !w->gkey) {
		klen = su_group_key(g, ng, r, d.noclose ? SU_DATE_NONE :
		    d.close, st->o->c.fy_start, &st->key, &st->keycap);
		free(w->gkey);
		w->gkey = su_xmalloc(klen + 1);
		memcpy(w->gkey, klen ? st->key : "", klen);
		w->gklen = klen;
	}
	return SU_OK;
}

/* PREV read whole, once the data's header is resolved: its own header
 * found by the same roles (the same report, perhaps reordered) */
int
compare_load(struct state *st, struct su_run *run)
{
	struct opts *o = st->o;
	struct su_opts side = o->c;
	struct su_in *in;
	struct su_rec hdr, rec;
	struct su_gcol *g = NULL;
	size_t ng = 0;
	int col[SU_R_NROLES], r, ok = -1;
	enum su_rate_scale scale = st->prob_scale;
	char *files[1];

	st->wf = su_xmalloc(sizeof *st->wf);
	memset(st->wf, 0, sizeof *st->wf);
	st->wf->ids = su_map_new(sizeof(struct wdeal));
	st->wf->t = su_groups_new_pivot(sizeof(struct wgroup));
	st->wf->prev = o->compare;
	side.rejects = NULL; /* the data's rejects only */
	files[0] = (char *)o->compare;
	in = su_in_new(&side, 1, files);
	if (su_in_header(in, &hdr) < 0 ||
	    su_columns_resolve(hdr.file, &hdr, &side, run->want, col) ||
	    (o->group_by && su_group_resolve(hdr.file, o->group_by, &hdr,
	    &side, &g, &ng)))
		goto done;
	if (col[SU_R_PROBABILITY] >= 0)
		st->prob_scale = su_prob_scale(&o->c,
		    hdr.f[col[SU_R_PROBABILITY]]);
	while ((r = su_in_next(in, &rec)) > 0)
		if (take(st, in, &hdr, col, g, ng, &rec, 0) == SU_STOP)
			goto done;
	if (r == 0 && su_in_finish(in) == 0)
		ok = 0;
done:
	st->prob_scale = scale;
	free(g);
	su_in_free(in);
	return ok;
}

enum su_result
compare_deal(struct state *st, struct su_run *run, const struct su_rec *r)
{
	return take(st, run->in, &run->hdr, st->col, st->g, st->ng, r, 1);
}

static int
add(struct wacc *a, int64_t deals, int64_t amount, int64_t weighted)
{
	a->deals += deals;
	return su_add(a->amount, amount, &a->amount) ||
	    su_add(a->weighted, weighted, &a->weighted);
}

/* a category as a row of --moves: the five, then Lost */
static int
mv_index(int cat)
{
	return cat == LOST ? NMV - 1 : cat;
}

/* one deal's changes into its group */
static int
flow(struct wgroup *g, const struct wdeal *w)
{
	int p = w->line[0] && w->in[0], c = w->line[1] && w->in[1], k;
	int64_t da = w->a[1] - w->a[0], dw = w->w[1] - w->w[0];

	if (w->line[0] && w->line[1] && w->cat[0] >= 0 && w->cat[1] >= 0 &&
	    w->cat[0] != w->cat[1] && (w->in[0] || w->in[1]) &&
	    add(&g->mv[mv_index(w->cat[0])][mv_index(w->cat[1])], 1, w->a[1],
	    w->w[1]))
		return -1;
	if (p && add(&g->ch[START], 1, w->a[0], w->w[0]))
		return -1;
	if (c && add(&g->ch[END], 1, w->a[1], w->w[1]))
		return -1;
	if (p && c) {
		/* by the amount; at the same amount, by the weighted amount
		 * (a category move): counted once, in one of the two */
		if (da > 0 || (da == 0 && dw > 0))
			return add(&g->ch[INCREASED], 1, da, dw);
		if (da < 0 || dw < 0)
			return add(&g->ch[DECREASED], 1, da, dw);
		return 0;
	}
	if (p) {
		/* out of the period's open pipeline: minus its PREV amount */
		k = !w->line[1] ? REMOVED : w->cat[1] == CLOSED ? WON :
		    w->cat[1] == LOST ? LOST_ : PUSHED_OUT;
		return add(&g->ch[k], -1, -w->a[0], -w->w[0]);
	}
	if (c) {
		/* into it: absent before (or closed, and open again), or
		 * open before with a close date outside the period */
		k = w->line[0] && is_open(w->cat[0]) ? PULLED_IN : NEW;
		return add(&g->ch[k], 1, w->a[1], w->w[1]);
	}
	return 0;
}

int
compare_end(struct state *st)
{
	struct wf *wf = st->wf;
	struct su_group **all;
	struct wdeal *w;
	size_t n, i;

	if (wf->noid[0] || wf->noid[1])
		su_msg(NULL, 0, "deals without an id, left out of the "
		    "waterfall (they cannot be matched): %ld in %s, %ld in "
		    "this export", wf->noid[0], wf->prev, wf->noid[1]);
	/* in id order: the same sums whatever the order of the rows */
	all = su_map_sorted(wf->ids, &n);
	for (i = 0; i < n; i++) {
		w = all[i]->val;
		if (flow(su_groups_get(wf->t, w->gkey, w->gklen), w)) {
			su_msg(NULL, 0, "the sum of amounts overflows");
			return -1;
		}
	}
	if (st->ng == 0)
		su_groups_get(wf->t, "", 0); /* no deals: still the rows */
	return 0;
}

static void
cell_str(struct su_cell *c, const char *s)
{
	c->type = SU_C_STR;
	c->s = s;
	c->len = strlen(s);
}

/* a group's rows after its group cells: the changes, or the moves */
static int
rows(const struct state *st, struct su_out *out, struct su_cell *cells,
     const struct wgroup *g)
{
	struct su_cell *c = cells + st->ng;
	const struct wacc *a;
	int i, j, r = 0;

	if (!st->o->moves) {
		for (i = 0; i < NCH && r == 0; i++) {
			a = &g->ch[i];
			cell_str(&c[0], change_name[i]);
			c[1].type = SU_C_INT;
			c[1].v = a->deals;
			c[2] = money_cell(a->amount);
			c[3] = money_cell(a->weighted);
			r = su_out_row(out, cells);
		}
		return r;
	}
	for (i = 0; i < NMV && r == 0; i++)
		for (j = 0; j < NMV && r == 0; j++) {
			a = &g->mv[i][j];
			if (a->deals == 0)
				continue;
			cell_str(&c[0], su_category_name(i < NMV - 1 ? i :
			    LOST));
			cell_str(&c[1], su_category_name(j < NMV - 1 ? j :
			    LOST));
			c[2].type = SU_C_INT;
			c[2].v = a->deals;
			c[3] = money_cell(a->amount);
			c[4] = money_cell(a->weighted);
			r = su_out_row(out, cells);
		}
	return r;
}

static int
sum(struct wgroup *s, const struct wgroup *g)
{
	int i, j;

	for (i = 0; i < NCH; i++)
		if (add(&s->ch[i], g->ch[i].deals, g->ch[i].amount,
		    g->ch[i].weighted))
			return -1;
	for (i = 0; i < NMV; i++)
		for (j = 0; j < NMV; j++)
			if (add(&s->mv[i][j], g->mv[i][j].deals,
			    g->mv[i][j].amount, g->mv[i][j].weighted))
				return -1;
	return 0;
}

int
compare_write(struct state *st, struct su_out *out)
{
	static const char *const wnames[] = {"change", "deals", "amount",
	    "weighted_amount"};
	static const char *const mnames[] = {"from", "to", "deals", "amount",
	    "weighted_amount"};
	size_t nf = st->o->moves ? 5 : 4, ncol = st->ng + nf, i, j, n;
	const char **names = su_xmalloc(ncol * sizeof *names);
	struct su_cell *cells = su_xmalloc(ncol * sizeof *cells);
	struct su_group **all;
	struct wgroup whole;
	int r;

	for (i = 0; i < st->ng; i++)
		names[i] = st->g[i].name;
	for (j = 0; j < nf; j++)
		names[i + j] = st->o->moves ? mnames[j] : wnames[j];
	su_out_currency(out, st->cur);
	r = su_out_header(out, ncol, names);
	memset(&whole, 0, sizeof whole);
	all = su_groups_sorted(st->wf->t, &n);
	for (j = 0; j < n && r == 0; j++) {
		key_cells(cells, st->ng, all[j]->key);
		r = rows(st, out, cells, all[j]->val);
		if (r == 0 && sum(&whole, all[j]->val)) {
			su_msg(NULL, 0, "the sum of amounts overflows");
			r = -1;
		}
	}
	/* with -g, the whole input after the groups, as --targets' */
	if (r == 0 && st->ng > 0) {
		key_cells(cells, st->ng, NULL);
		r = rows(st, out, cells, &whole);
	}
	free(names);
	free(cells);
	return r;
}
