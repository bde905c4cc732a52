/*
 * rules.c - qualification rules (mqlqualify-rules(5)): criteria, each an
 * expression (expr.c) with points and an optional requirement, and the
 * thresholds that turn a score into sql, nurture or disqualified.  Read
 * with su_ini_load() (ini.c), from a table of the two sections and their
 * keys; the built-in rules are examples/rules/default.ini, compiled in.
 * Each piece of a when = CONDITION keeps its line and column, for the
 * expression's errors.
 */
#include "su.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


const char *const su_qual_name[SU_NQUAL] = {"sql", "nurture",
                                            "disqualified", "invalid"};

struct rules {
	struct su_rules *r;
	struct su_criterion *c; /* the criterion being read */
};

static int
open_thresholds(struct su_ini_load *ld, void *ctx, const char *section,
                const char *name, long line)
{
	struct rules *rs = ctx;

	(void)ld, (void)section, (void)name, (void)line;
	rs->c = NULL;
	rs->r->have_thresholds = 1;
	return 1;
}

static int
threshold(struct su_ini_load *ld, long *dst, const char *value)
{
	if (su_strtonum(value, -1000000, 1000000, dst)) {
		su_ini_fail(ld, ld->line, "[thresholds]: %s = %s: expected a "
		    "whole number of points", ld->key, value);
		return 0;
	}
	return 1;
}

static int
set_sql(struct su_ini_load *ld, void *ctx, const char *value)
{
	return threshold(ld, &((struct rules *)ctx)->r->sql, value);
}

static int
set_nurture(struct su_ini_load *ld, void *ctx, const char *value)
{
	return threshold(ld, &((struct rules *)ctx)->r->nurture, value);
}

static int
open_criterion(struct su_ini_load *ld, void *ctx, const char *section,
               const char *name, long line)
{
	struct rules *rs = ctx;
	struct su_rules *r = rs->r;

	rs->c = NULL;
	if (!su_ini_name_ok(name)) {
		su_ini_fail(ld, line, "[%s]: a criterion's name is letters, "
		    "digits, '-', '_' and '.'", section);
		return 0;
	}
	r->c = su_xrealloc(r->c, (r->nc + 1) * sizeof *r->c);
	rs->c = &r->c[r->nc++];
	memset(rs->c, 0, sizeof *rs->c);
	rs->c->name = su_xstrdup(name);
	rs->c->namelen = strlen(name);
	rs->c->line = line;
	rs->c->required = -1;
	return 1;
}

/* when = CONDITION, a long one over indented lines: one expression, each
 * piece's line and column kept for its messages */
static int
set_when(struct su_ini_load *ld, void *ctx, const char *value)
{
	struct su_criterion *s = ((struct rules *)ctx)->c;
	size_t vlen = strlen(value);
	int cont = s->nseg > 0 && ld->cont;

	if (s->nseg > 0 && !cont) {
		su_ini_fail(ld, ld->line, "[criterion %s]: when given twice (a "
		    "long expression goes on indented lines)", s->name);
		return 0;
	}
	if (!cont)
		s->when_line = ld->line;
	s->when = su_xrealloc(s->when, s->len + vlen + 2);
	if (s->len)
		s->when[s->len++] = '\n';
	s->seg = su_xrealloc(s->seg, (s->nseg + 1) * sizeof *s->seg);
	s->seg[s->nseg].off = s->len;
	s->seg[s->nseg].line = ld->line;
	s->seg[s->nseg].col = ld->vcol;
	s->nseg++;
	memcpy(s->when + s->len, value, vlen + 1);
	s->len += vlen;
	return 1;
}

static int
set_points(struct su_ini_load *ld, void *ctx, const char *value)
{
	struct su_criterion *c = ((struct rules *)ctx)->c;
	long v;

	if (su_strtonum(value, -1000000, 1000000, &v)) {
		su_ini_fail(ld, ld->line, "[criterion %s]: points = %s: "
		    "expected a whole number (may be negative)", c->name,
		    value);
		return 0;
	}
	c->points = v;
	return 1;
}

static int
set_required(struct su_ini_load *ld, void *ctx, const char *value)
{
	struct su_criterion *c = ((struct rules *)ctx)->c;

	if (strcasecmp(value, "sql") == 0)
		c->required = SU_Q_SQL;
	else if (strcasecmp(value, "nurture") == 0 ||
	         strcasecmp(value, "yes") == 0)
		c->required = SU_Q_NURTURE;
	else if (strcasecmp(value, "no") == 0)
		c->required = -1;
	else {
		su_ini_fail(ld, ld->line, "[criterion %s]: required = %s: "
		    "expected sql, nurture, yes (= nurture) or no", c->name,
		    value);
		return 0;
	}
	return 1;
}

static int
set_nothing(struct su_ini_load *ld, void *ctx, const char *value)
{
	(void)ld, (void)ctx, (void)value;
	return 1;
}

static void
unknown_key(struct su_ini_load *ld, void *ctx, const char *key)
{
	(void)ctx;
	if (ld->kind->named)
		su_ini_fail(ld, ld->line, "[%s %s]: unknown key %s (expected "
		    "%s)", ld->kind->prefix, ld->name, key, ld->kind->expected);
	else
		su_ini_fail(ld, ld->line, "[%s]: unknown key %s (expected %s)",
		    ld->kind->prefix, key, ld->kind->expected);
}

static void
twice(struct su_ini_load *ld, void *ctx, const char *key,
      const struct su_ini_key *k)
{
	(void)ctx;
	if (ld->kind->named)
		su_ini_fail(ld, ld->line, "[%s %s]: %s given twice",
		    ld->kind->prefix, ld->name, k->key);
	else
		su_ini_fail(ld, ld->line, "[%s]: %s given twice",
		    ld->kind->prefix, key);
}

static const struct su_ini_key threshold_keys[] = {
	{"sql", set_sql, 0},
	{"nurture", set_nurture, 0},
	{NULL, NULL, 0},
};

static const struct su_ini_key criterion_keys[] = {
	{"when", set_when, 1},
	{"points", set_points, 0},
	{"required", set_required, 0},
	{"description", set_nothing, 1},
	{NULL, NULL, 0},
};

static const struct su_ini_kind kinds[] = {
	{"thresholds", 0, threshold_keys, "sql, nurture", open_thresholds},
	{"criterion", 1, criterion_keys, "when, points, required, description",
	    open_criterion},
	{NULL, 0, NULL, NULL, NULL},
};

static int finish(struct su_ini_load *, void *);

static const struct su_ini_spec spec = {
	"rules", kinds, SU_INI_NODUPS | SU_INI_NOSECTION | SU_INI_KEYCASE,
	"a line longer than %d characters (go on over indented lines)",
	"unknown section [%s] (expected [thresholds] or [criterion NAME])",
	unknown_key, twice, NULL, finish,
};

void
su_rules_caret(const struct su_rules *r, long line, size_t col,
               const char *fmt, ...)
{
	char msg[1400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	su_ini_caret(r->file, r->text, line, col, msg);
}

void
su_rules_where(const struct su_rules *r, size_t i, size_t pos, long *line,
               size_t *col)
{
	const struct su_criterion *c = &r->c[i];
	size_t k = 0;

	while (k + 1 < c->nseg && c->seg[k + 1].off <= pos)
		k++;
	*line = c->seg[k].line;
	*col = c->seg[k].col + (pos - c->seg[k].off);
}

static int
finish(struct su_ini_load *ld, void *ctx)
{
	struct su_rules *r = ((struct rules *)ctx)->r;
	size_t i;

	if (!r->have_thresholds) {
		su_ini_fail(ld, 0, "no [thresholds] section (sql = POINTS, nurture "
		    "= POINTS)");
		return -1;
	}
	if (r->nc == 0) {
		su_ini_fail(ld, 0, "no [criterion NAME] section");
		return -1;
	}
	if (r->nurture > r->sql) {
		su_ini_fail(ld, 0, "[thresholds]: nurture (%ld) is above sql (%ld)",
		    r->nurture, r->sql);
		return -1;
	}
	for (i = 0; i < r->nc; i++) {
		struct su_criterion *c = &r->c[i];
		struct su_expr_error err;
		long line;
		size_t col;

		if (!c->nseg) {
			su_ini_fail(ld, c->line, "[criterion %s]: no when = "
			    "CONDITION", c->name);
			return -1;
		}
		if (su_expr_parse(c->when, c->len, &c->e, &err)) {
			su_rules_where(r, i, err.pos, &line, &col);
			su_rules_caret(r, line, col, "criterion %s: %s",
			    c->name, err.msg);
			ld->said = 1;
			return -1;
		}
	}
	return 0;
}

int
su_rules_load(const char *path, struct su_rules **out)
{
	struct rules rs;
	struct su_rules *r = su_xmalloc(sizeof *r);
	char *used = NULL;

	memset(&rs, 0, sizeof rs);
	memset(r, 0, sizeof *r);
	rs.r = r;
	if (path) {
		r->text = su_shipped_slurp(path, "rules", "rules file", &used);
		r->file = used ? used : su_xstrdup(path);
		if (!r->text)
			goto bad;
	} else {
		r->text = su_xstrdup(su_builtin_rules);
		r->file = su_xstrdup("(built-in rules)");
	}
	if (su_ini_load(&spec, r->file, r->text, &rs))
		goto bad;
	*out = r;
	return 0;
bad:
	su_rules_free(r);
	*out = NULL;
	return -1;
}

int
su_rules_bind(struct su_rules *r, const char *file, const struct su_rec *hdr)
{
	size_t i, k, pos, col, n, j;
	long line;
	int c;
	char list[1024];

	for (i = 0; i < r->nc; i++)
		for (k = 0; k < su_expr_ncols(r->c[i].e); k++) {
			const char *name = su_expr_colname(r->c[i].e, k, &pos);

			if ((c = su_find_header(hdr, name)) >= 0) {
				su_expr_bind(r->c[i].e, k, c);
				continue;
			}
			for (j = 0, n = 0; j < hdr->n && n < sizeof list; j++)
				n += (size_t)snprintf(list + n, sizeof list - n,
				    "%s\"%s\"", j ? ", " : "", hdr->f[j]);
			if (n >= sizeof list)
				strcpy(list + sizeof list - 5, "...");
			su_rules_where(r, i, pos, &line, &col);
			su_rules_caret(r, line, col, "criterion %s: %s \"%s\" "
			    "in %s; its columns are: %s", r->c[i].name,
			    c == -1 ? "no column" : "several columns match",
			    name, file, list);
			return -1;
		}
	return 0;
}

void
su_rules_free(struct su_rules *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nc; i++) {
		free(r->c[i].name);
		free(r->c[i].when);
		free(r->c[i].seg);
		su_expr_free(r->c[i].e);
	}
	free(r->c);
	free(r->file);
	free(r->text);
	free(r);
}
