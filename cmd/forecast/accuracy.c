/*
 * accuracy.c - forecast --accuracy SAVED... ACTUALS: every saved call (a
 * forecast written with --stamp: its as_of and period columns) scored
 * against what closed won in its period, per group and week; per group the
 * mean absolute percentage error and the bias.
 */
#include "su.h"
#include "forecast.h"

#include <stdlib.h>
#include <string.h>

/* one saved call: a group's forecast as of a day */
struct call {
	int64_t called, best, weighted;
	int32_t as_of;
	size_t pi;		/* its period */
	const char *file;
	char *gkey;		/* its group's values */
	size_t gklen;
};

struct acc_state {
	struct su_map *calls;	/* group values, as_of -> struct call */
	struct su_map *actual;	/* period index, group values -> struct won */
	struct su_period *per;
	size_t nper;
	char **gname;		/* the saved files' group columns */
	size_t ng;
	const char *gfile;	/* the file that named them */
	const char *name;	/* the saved file being read (an operand) */
};

/* what a group won in a period: the actual, and how many deals it is */
struct won {
	int64_t amount;
	long deals;
};

static void
free_call(void *v)
{
	free(((struct call *)v)->gkey);
}

void
accuracy_free(struct state *st)
{
	struct acc_state *a = st->acc;
	size_t i;

	if (!a)
		return;
	su_map_free(a->calls, free_call);
	su_map_free(a->actual, NULL);
	free(a->per);
	for (i = 0; i < a->ng; i++)
		free(a->gname[i]);
	free(a->gname);
	free(a);
}

static int
need(const struct su_rec *hdr, const char *name)
{
	int c = su_find_header(hdr, name);

	if (c < 0)
		su_msg(hdr->file, 1, "%s %s column: not a forecast saved with "
		    "--stamp", c == -1 ? "no" : "more than one", name);
	return c;
}

/* the group columns of a saved file (between period and category): the
 * first file's, and every other's the same */
static int
group_columns(struct acc_state *a, const struct su_rec *hdr, int cp, int cc)
{
	size_t i, n = cc > cp ? (size_t)(cc - cp - 1) : 0;

	if (cc < cp) {
		su_msg(hdr->file, 1, "the category column comes before period: "
		    "not a forecast saved with --stamp");
		return -1;
	}
	if (!a->gfile) {
		a->gname = su_xmalloc((n + 1) * sizeof *a->gname);
		for (i = 0; i < n; i++)
			a->gname[i] = su_xstrdup(hdr->f[cp + 1 + (int)i]);
		a->ng = n;
		a->gfile = a->name;
		return 0;
	}
	for (i = 0; i < n && i < a->ng; i++)
		if (strcmp(a->gname[i], hdr->f[cp + 1 + (int)i]) != 0)
			break;
	if (i < n || n != a->ng) {
		su_msg(hdr->file, 1, "not grouped as %s (by other columns)",
		    a->gfile);
		return -1;
	}
	return 0;
}

static int
money(const struct su_rec *hdr, const struct su_rec *r, int c, int64_t *v)
{
	const char *why;
	char cur[SU_CUR_LEN];

	if (su_money_parse(r->f[c], r->len[c], 0, v, cur, &why) != 0) {
		su_msg(r->file, r->line, "%s \"%s\": not an amount", hdr->f[c],
		    r->f[c]);
		return -1;
	}
	return 0;
}

static size_t
period_index(struct acc_state *a, const struct su_period *p)
{
	size_t i;

	for (i = 0; i < a->nper; i++)
		if (a->per[i].from == p->from && a->per[i].to == p->to)
			return i;
	a->per = su_xrealloc(a->per, (a->nper + 1) * sizeof *a->per);
	a->per[a->nper] = *p;
	return a->nper++;
}

/* one row of a saved forecast: its Closed, Commit, Best Case or Total */
static int
saved_row(struct state *st, const struct su_rec *hdr, const struct su_rec *r,
          const int *c)
{
	struct acc_state *a = st->acc;
	struct su_period p;
	struct su_group *e;
	struct call *k;
	const char *why, *cat = r->f[c[2]];
	int32_t as_of;
	int64_t amount, weighted;
	size_t i, klen = 0, n, all = 0;
	char buf[64];

	if (strcmp(cat, "Closed") && strcmp(cat, "Commit") &&
	    strcmp(cat, "Best Case") && strcmp(cat, "Total"))
		return 0;
	if (su_date_parse(r->f[c[0]], r->len[c[0]], 0, &as_of, &why) != 0) {
		su_msg(r->file, r->line, "as_of \"%s\": not a date", r->f[c[0]]);
		return -1;
	}
	snprintf(buf, sizeof buf, "%.40s", r->f[c[1]]);
	if (r->len[c[1]] == 0 || !strstr(buf, "..") ||
	    su_period_parse(buf, 1, &p, &why)) {
		su_msg(r->file, r->line, "period \"%s\": not a range of days "
		    "(save the forecast with --period)", buf);
		return -1;
	}
	if (money(hdr, r, c[3], &amount) || money(hdr, r, c[4], &weighted))
		return -1;
	/* the key: the group's values, then the day */
	for (i = 0; i < a->ng; i++) {
		const char *v = r->f[c[1] + 1 + (int)i];

		n = r->len[c[1] + 1 + (int)i];
		all += n == 5 && memcmp(v, "(all)", 5) == 0;
		klen = key_add(st, klen, v, n);
	}
	if (a->ng && all == a->ng)
		return 0; /* --targets' (all): the sum of the groups */
	if (a->ng == 0)
		key_add(st, 0, "", 0); /* room for the day */
	su_date_fmt(st->key + klen, as_of);
	e = su_map_get(a->calls, st->key, klen + 11, 1);
	k = e->val;
	if (k->file && k->file != a->name) {
		su_msg(r->file, r->line, "a second forecast as of %s for this "
		    "group (the first in %s)", st->key + klen, k->file);
		return -1;
	}
	if (!k->file) {
		k->file = a->name;
		k->as_of = as_of;
		k->pi = period_index(a, &p);
		k->gkey = su_xmalloc(klen + 1);
		memcpy(k->gkey, st->key, klen);
		k->gklen = klen;
	}
	if (strcmp(cat, "Total") == 0)
		k->weighted = weighted;
	else if (su_add(k->best, amount, &k->best) || (strcmp(cat,
	    "Best Case") && su_add(k->called, amount, &k->called))) {
		su_msg(r->file, r->line, "the sum of amounts overflows");
		return -1;
	}
	return 0;
}

static int
read_saved(struct state *st, char *file)
{
	struct su_opts side;
	struct su_rec hdr, rec;
	struct su_in *in;
	int c[5], r = -1;

	st->acc->name = file;
	if (!(in = su_in_side(&st->o->c, &side, &file, &hdr)))
		return -1;
	if ((c[0] = need(&hdr, "as_of")) < 0 ||
	    (c[1] = need(&hdr, "period")) < 0 ||
	    (c[2] = need(&hdr, "category")) < 0 ||
	    (c[3] = need(&hdr, "amount")) < 0 ||
	    (c[4] = need(&hdr, "weighted_amount")) < 0 ||
	    group_columns(st->acc, &hdr, c[1], c[2]))
		goto done;
	while ((r = su_in_next(in, &rec)) > 0)
		if (saved_row(st, &hdr, &rec, c)) {
			r = -1;
			break;
		}
done:
	su_in_free(in);
	return r;
}

/* the actuals: every deal won, by period and group */
static int
read_actuals(struct state *st, struct su_run *run, char *file)
{
	struct acc_state *a = st->acc;
	struct opts *o = st->o;
	struct su_opts side = o->c;
	struct su_rec hdr, rec;
	struct su_in *in;
	struct su_gcol *g = NULL;
	struct deal d;
	size_t ng = 0, i, klen, len = 0;
	int col[SU_R_NROLES], r = -1;
	char *spec;
	struct won *v;
	enum su_result res;

	side.rejects = NULL;
	side.skip_invalid = 0;
	in = su_in_new(&side, 1, &file);
	for (i = 0; i < a->ng; i++)
		len += strlen(a->gname[i]) + 1;
	spec = su_xmalloc(len + 1);
	spec[0] = '\0';
	for (i = 0; i < a->ng; i++) {
		strcat(spec, a->gname[i]);
		if (i + 1 < a->ng)
			strcat(spec, ",");
	}
	if (su_in_header(in, &hdr) < 0 ||
	    su_columns_resolve(hdr.file, &hdr, &side, run->want, col) ||
	    (a->ng && su_group_resolve(hdr.file, spec, &hdr, &side, &g, &ng)))
		goto done;
	if (col[SU_R_PROBABILITY] >= 0)
		st->prob_scale = su_prob_scale(&o->c,
		    hdr.f[col[SU_R_PROBABILITY]]);
	st->need_close = 1;
	while ((r = su_in_next(in, &rec)) > 0) {
		if ((res = classify(st, in, &hdr, col, &rec, 1, &d)) ==
		    SU_STOP) {
			r = -1;
			break;
		}
		if (res != SU_OK || d.cat != CLOSED || d.noclose)
			continue;
		klen = su_group_key(g, ng, &rec, d.close, o->c.fy_start,
		    &st->key, &st->keycap);
		for (i = 0; i < a->nper; i++) {
			if (d.close < a->per[i].from || d.close > a->per[i].to)
				continue;
			if (klen + 24 > st->keycap)
				st->key = su_xrealloc(st->key, st->keycap =
				    klen + 24);
			snprintf(st->key + klen, 24, "%zu", i);
			v = su_map_get(a->actual, st->key, klen +
			    strlen(st->key + klen), 1)->val;
			v->deals++;
			if (su_add(v->amount, d.amount, &v->amount)) {
				su_msg(rec.file, rec.line, "the sum of "
				    "amounts overflows");
				r = -1;
				goto done;
			}
		}
	}
done:
	free(spec);
	free(g);
	su_in_free(in);
	return r;
}

int
accuracy_end(struct state *st, struct su_run *run)
{
	int i;

	if (run->nfiles < 2) {
		su_msg(NULL, 0, "--accuracy: give the saved forecasts, then the "
		    "export of what closed (the last file)");
		return -1;
	}
	st->acc = su_xmalloc(sizeof *st->acc);
	memset(st->acc, 0, sizeof *st->acc);
	st->acc->calls = su_map_new(sizeof(struct call));
	st->acc->actual = su_map_new(sizeof(struct won));
	for (i = 0; i < run->nfiles - 1; i++)
		if (read_saved(st, run->files[i]))
			return -1;
	return read_actuals(st, run, run->files[run->nfiles - 1]);
}

static void
str(struct su_cell *c, const char *s)
{
	c->type = SU_C_STR;
	c->s = s;
	c->len = strlen(s);
}

/* a group's summary: the mean of |error| / actual and of error / actual
 * over its calls with an actual, each ratio to 1e-9 */
struct score {
	int64_t abs, sum, n;
};

int
accuracy_write(struct state *st, struct su_out *out)
{
	static const char *const fixed[] = {"as_of", "week", "called",
	    "best_case", "weighted", "actual", "error", "error_pct", "mape",
	    "bias", "won_deals", "sample"};
	struct acc_state *a = st->acc;
	size_t ng = a->ng, ncol = ng + 12, i, j, n, klen;
	const char **names = su_xmalloc(ncol * sizeof *names);
	struct su_cell *cells = su_xmalloc(ncol * sizeof *cells), *c;
	struct su_group **all, *e;
	struct score sc = {0, 0, 0};
	char day[16], week[16], key[24];
	int64_t actual, err, q;
	long deals;
	int r, thin = 0;

	for (i = 0; i < ng; i++)
		names[i] = a->gname[i];
	for (j = 0; j < 12; j++)
		names[ng + j] = fixed[j];
	su_out_currency(out, st->cur);
	r = su_out_header(out, ncol, names);
	all = su_map_sorted(a->calls, &n);
	c = cells + ng;
	for (j = 0; j < n && r == 0; j++) {
		struct call *k = all[j]->val;

		key_cells(cells, ng, k->gkey);
		su_date_fmt(day, k->as_of);
		su_label_week(week, k->as_of);
		str(&c[0], day);
		str(&c[1], week);
		c[2] = money_cell(k->called);
		c[3] = money_cell(k->best);
		c[4] = money_cell(k->weighted);
		/* the group's won amount in the call's period */
		klen = k->gklen;
		snprintf(key, sizeof key, "%zu", k->pi);
		st->key = su_xrealloc(st->key, st->keycap = klen + 24);
		memcpy(st->key, k->gkey, klen);
		memcpy(st->key + klen, key, strlen(key));
		e = su_map_get(a->actual, st->key, klen + strlen(key), 0);
		actual = e ? ((struct won *)e->val)->amount : 0;
		deals = e ? ((struct won *)e->val)->deals : 0;
		err = k->called - actual;
		c[5] = money_cell(actual);
		c[6] = money_cell(err);
		memset(&c[7], 0, 3 * sizeof c[7]);
		/* an actual of a few deals says little of the call (issue 19):
		 * shown, and marked; the group's summary too */
		c[10] = su_cell_num(SU_C_INT, deals, 0);
		str(&c[11], su_insufficient(deals, st->o->min_deals) ?
		    SU_INSUFFICIENT : "ok");
		thin |= su_insufficient(deals, st->o->min_deals);
		if (actual > 0) {
			c[7].type = SU_C_PCT;
			c[7].v = err;
			c[7].d = actual;
			if (su_muldiv(err < 0 ? -err : err, SU_RATE_ONE, actual,
			    &q) || su_add(sc.abs, q, &sc.abs) ||
			    su_add(sc.sum, err < 0 ? -q : q, &sc.sum)) {
				su_msg(NULL, 0, "an error ratio overflows");
				r = -1;
				break;
			}
			sc.n++;
		}
		r = su_out_row(out, cells);
		/* the group's last call: its summary */
		if (r == 0 && (j + 1 == n || ((struct call *)all[j + 1]->val)->
		    gklen != klen || memcmp(((struct call *)all[j + 1]->val)->
		    gkey, k->gkey, klen) != 0)) {
			str(&c[0], "");
			str(&c[1], "(all)");
			memset(&c[2], 0, 9 * sizeof c[2]);
			str(&c[11], thin ? SU_INSUFFICIENT : "ok");
			thin = 0;
			if (sc.n) {
				c[8].type = c[9].type = SU_C_PCT;
				c[8].v = sc.abs;
				c[9].v = sc.sum;
				c[8].d = c[9].d = sc.n * SU_RATE_ONE;
			}
			r = su_out_row(out, cells);
			memset(&sc, 0, sizeof sc);
		}
	}
	free(names);
	free(cells);
	return r;
}
