/*
 * roi - a filter: each prospect row gains the outputs of a formulas file
 * (roi-formulas(5)), seed 004's ROI calculator shipped as -F seed004.
 * The formulas are expressions of lib/expr.c, exact to six decimals; an
 * output is written rounded half away from zero to the cent.
 */
#include "su.h"

#include <getopt.h>
#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

enum dkind { D_PARAM, D_INPUT, D_FORMULA, D_OUTPUT };
static const char *const section_name[] = {"parameters", "inputs",
                                           "formulas", "outputs"};

/* one name of the formulas file, in the file's order */
struct def {
	char *name;
	enum dkind kind;
	long line;
	char *text;          /* as written */
	struct su_expr *e;   /* D_FORMULA, D_OUTPUT */
	int64_t v;           /* D_PARAM: its value (SU_EXPR_ONE = 1) */
	int col;             /* D_INPUT: the column, once the header is read */
	char num[32];        /* D_PARAM, D_FORMULA: the value as a cell */
};

#define MAX_PARAMS 64

struct opts {
	struct su_opts c;
	const char *formulas;
	const char *param[MAX_PARAMS]; /* -P NAME=VALUE */
	size_t nparam;
};

struct state {
	struct opts *o;
	char *file, *text;     /* the formulas file, as read */
	struct su_ini ini;     /* its lines */
	size_t call;           /* the ini handler's calls */
	int bad;               /* an error said while reading it */
	struct def *d;
	size_t nd;
	struct su_in *in;
	unsigned char *keep;   /* input columns written (su_out_own) */
	const char **names;
	struct su_cell *cells;
	const char **f;        /* a record's fields, then one cell a name */
	size_t *len;
	struct su_expr_env env;
};

static const char usage_text[] =
"usage: roi -F FORMULAS [-P NAME=VALUE ...] [options] [FILE ...]\n";

static void
usage(FILE *fp)
{
	fputs(usage_text, fp);
	if (fp == stdout)
		printf(
"\nEach row of a prospects file gains the outputs of a formulas file: seed\n"
"004's ROI calculator is -F seed004 (see roi-formulas(5)).\n"
"\n"
"  -F, --formulas FILE        the formulas: a file, or a shipped one by name\n"
"  -P, --param NAME=VALUE     a parameter of the file set for this run\n"
"                             (repeatable): 95000, $100K, 20%%\n"
"\n%s", su_common_usage);
}

enum { OPT_FORMULAS = 'F', OPT_PARAM = 'P' };

static int
option(void *self, int c, const char *arg)
{
	struct opts *o = ((struct state *)self)->o;

	switch (c) {
	case OPT_FORMULAS:
		o->formulas = arg;
		return 0;
	case OPT_PARAM:
		if (o->nparam == MAX_PARAMS) {
			su_msg(NULL, 0, "-P %s: more than %d parameters", arg,
			    MAX_PARAMS);
			return -1;
		}
		if (!strchr(arg, '=')) {
			su_msg(NULL, 0, "-P %s: expected NAME=VALUE", arg);
			return -1;
		}
		o->param[o->nparam++] = arg;
		return 0;
	}
	abort(); /* in longopts, handled by nobody */
}

/* ---- the formulas file ------------------------------------------------- */

/* a name written bare in an expression: a letter or _, then letters,
 * digits, _ */
static int
name_ok(const char *s)
{
	if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
	    *s == '_'))
		return 0;
	for (s++; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_'))
			return 0;
	return 1;
}

/* a parameter's value: a number or amount (su_expr_number), or a
 * percentage, 20% = 0.20 (a parameter is a value, never compared, so it
 * reads one way).  0, or -1 with *why. */
static int
param_value(const char *s, int decimal_comma, int64_t *out, const char **why)
{
	size_t len = strlen(s);
	int r;

	su_trim(&s, &len);
	if (len && s[len - 1] == '%') {
		int64_t pct;
		char buf[64];

		if (len > sizeof buf - 1) {
			*why = "not a number";
			return -1;
		}
		memcpy(buf, s, len - 1);
		buf[len - 1] = '\0';
		r = su_expr_number(buf, len - 1, decimal_comma, &pct, why);
		if (r == 0 && pct % 100 != 0) {
			*why = "a percentage with more than four decimals";
			return -1;
		}
		*out = pct / 100;
	} else
		r = su_expr_number(s, len, decimal_comma, out, why);
	if (r == 1)
		*why = "empty";
	return r == 0 ? 0 : -1;
}

/* a value as a cell of the extended record: six decimals, exact */
static void
fmt6(char *buf, size_t size, int64_t v)
{
	uint64_t u = v < 0 ? 0 - (uint64_t)v : (uint64_t)v;

	snprintf(buf, size, "%s%llu.%06llu", v < 0 ? "-" : "",
	    (unsigned long long)(u / SU_EXPR_ONE),
	    (unsigned long long)(u % SU_EXPR_ONE));
}

static int
def_fail(struct state *st, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int
def_fail(struct state *st, long line, const char *fmt, ...)
{
	va_list ap;
	char msg[512];

	if (st->bad++)
		return 0;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	su_msg(st->file, line, "%s", msg);
	return 0;
}

static struct def *
find_def(struct state *st, const char *name)
{
	size_t i;

	for (i = 0; i < st->nd; i++)
		if (strcmp(st->d[i].name, name) == 0)
			return &st->d[i];
	return NULL;
}

static int
handler(void *user, const char *section, const char *name, const char *value)
{
	struct state *st = user;
	const struct su_ini_line *kl = st->call < st->ini.nkl ?
	    &st->ini.kl[st->call] : NULL;
	long line = kl ? kl->line : 0;
	struct def *d, *was;
	struct su_expr_error err;
	const char *why;
	int k;

	st->call++;
	if (st->bad)
		return 1; /* the first error is said, and only it */
	for (k = 0; k < 4; k++)
		if (strcasecmp(section, section_name[k]) == 0)
			break;
	if (k == 4)
		return *section ? def_fail(st, su_ini_secline(&st->ini, line),
		    "unknown section [%s] (expected [parameters], [inputs], "
		    "[formulas] or [outputs])", section) : def_fail(st, line,
		    "%s = ... before any [section]", name);
	if (kl && kl->cont)
		return def_fail(st, line, "a value goes on one line (a long "
		    "formula is split into [formulas] names)");
	if (!name_ok(name))
		return def_fail(st, line, "[%s] %s: a name is a letter or _, "
		    "then letters, digits or _ (it is written bare in "
		    "formulas)", section_name[k], name);
	if ((was = find_def(st, name)) != NULL)
		return def_fail(st, line, "%s given twice (first on line %ld)",
		    name, was->line);
	st->d = su_xrealloc(st->d, (st->nd + 1) * sizeof *st->d);
	d = &st->d[st->nd++];
	memset(d, 0, sizeof *d);
	d->name = su_xstrdup(name);
	d->kind = (enum dkind)k;
	d->line = line;
	d->text = su_xstrdup(value);
	d->col = -1;
	switch (d->kind) {
	case D_PARAM:
		if (param_value(value, st->o->c.decimal_comma, &d->v, &why))
			return def_fail(st, line, "[parameters] %s = %s: %s "
			    "(expected a number, an amount such as $100K, or a "
			    "percentage such as 20%%)", name, value, why);
		fmt6(d->num, sizeof d->num, d->v);
		break;
	case D_INPUT:
		if (!*value)
			return def_fail(st, line, "[inputs] %s: no column "
			    "header given", name);
		break;
	default:
		if (su_expr_parse_num(value, strlen(value), &d->e, &err)) {
			if (!st->bad++)
				su_ini_caret(st->file, st->text, line,
				    (kl ? kl->vcol : 0) + err.pos, err.msg);
			return 0;
		}
	}
	return 1;
}

/* -P NAME=VALUE: a parameter of the file, set */
static int
set_params(struct state *st)
{
	const struct opts *o = st->o;
	struct def *d;
	const char *why;
	char name[64];
	size_t i, n;

	for (i = 0; i < o->nparam; i++) {
		n = (size_t)(strchr(o->param[i], '=') - o->param[i]);
		snprintf(name, sizeof name, "%.*s", (int)n, o->param[i]);
		if (!(d = find_def(st, name)) || d->kind != D_PARAM) {
			su_msg(NULL, 0, "-P %s: %s has no parameter %s", o->param[i],
			    st->file, name);
			return -1;
		}
		if (param_value(o->param[i] + n + 1, o->c.decimal_comma, &d->v,
		    &why)) {
			su_msg(NULL, 0, "-P %s: %s (expected a number, an "
			    "amount such as $100K, or a percentage such as "
			    "20%%)", o->param[i], why);
			return -1;
		}
		fmt6(d->num, sizeof d->num, d->v);
	}
	return 0;
}

static int
setup(void *self, struct su_run *run)
{
	struct state *st = self;
	struct opts *o = st->o;
	size_t i, nout = 0;
	long line;
	char *used = NULL;

	(void)run;
	if (!o->formulas) {
		su_msg(NULL, 0, "no formulas: -F FILE (the shipped ROI "
		    "calculator of seed 004: -F seed004)");
		return -1;
	}
	if (!(st->text = su_shipped_slurp(o->formulas, "roi", "formulas file",
	    &used)))
		return -1;
	st->file = used ? used : su_xstrdup(o->formulas);
	su_ini_scan(st->text, &st->ini);
	if ((line = su_ini_long_line(st->text)) != 0) {
		su_msg(st->file, line, "line longer than %d bytes (a long "
		    "formula is split into [formulas] names)", SU_INI_MAX_LINE);
		return -1;
	}
	line = ini_parse_string(st->text, handler, st);
	if (st->bad)
		return -1;
	if (line != 0) {
		su_msg(st->file, line > 0 ? line : 0, "not an INI line "
		    "(expected [section], NAME = VALUE or a ; comment)");
		return -1;
	}
	for (i = 0; i < st->nd; i++)
		nout += st->d[i].kind == D_OUTPUT;
	if (nout == 0) {
		su_msg(st->file, 0, "no [outputs]: nothing to write");
		return -1;
	}
	st->env.dmy = o->c.dmy;
	st->env.decimal_comma = o->c.decimal_comma;
	st->env.today = o->c.as_of;
	return set_params(st);
}

/* each name a formula uses: a name above it in the file, else the column
 * of that header */
static int
header(void *self, struct su_run *run)
{
	struct state *st = self;
	const struct su_rec *hdr = &run->hdr;
	size_t i, j, k;
	struct def *u;
	int c;

	st->in = run->in;
	for (i = 0; i < st->nd; i++) {
		struct def *d = &st->d[i];

		if (d->kind == D_INPUT) {
			if ((c = su_find_header(hdr, d->text)) < 0)
				goto nocol_input;
			d->col = c;
			continue;
		}
		if (!d->e)
			continue;
		for (k = 0; k < su_expr_ncols(d->e); k++) {
			const char *name = su_expr_colname(d->e, k, NULL);

			for (j = 0; j < st->nd; j++)
				if (strcmp(st->d[j].name, name) == 0)
					break;
			if (j < st->nd) {
				u = &st->d[j];
				if (j == i) {
					su_msg(st->file, d->line, "%s uses "
					    "itself: a formula uses only what "
					    "is above it", d->name);
					return -1;
				}
				if (j > i) {
					su_msg(st->file, d->line, "%s uses %s, "
					    "defined below (line %ld): a formula "
					    "uses only what is above it", d->name,
					    name, u->line);
					return -1;
				}
				su_expr_bind(d->e, k, u->kind == D_INPUT ?
				    u->col : (int)(hdr->n + j));
				continue;
			}
			if ((c = su_find_header(hdr, name)) < 0) {
				su_msg(st->file, d->line, "%s: %s is no name "
				    "above it and %s column of %s", d->name,
				    name, c == -2 ? "more than one" : "no",
				    hdr->file);
				return -1;
			}
			su_expr_bind(d->e, k, c);
		}
	}
	st->f = su_xmalloc((hdr->n + st->nd) * sizeof *st->f);
	st->len = su_xmalloc((hdr->n + st->nd) * sizeof *st->len);
	for (j = 0; j < st->nd; j++) {
		st->f[hdr->n + j] = st->d[j].num;
		st->len[hdr->n + j] = strlen(st->d[j].num);
	}
	return 0;
nocol_input:
	su_msg(st->file, st->d[i].line, "[inputs] %s = %s: %s column of %s",
	    st->d[i].name, st->d[i].text, c == -2 ? "more than one" : "no",
	    hdr->file);
	return -1;
}

/* the output opens before the first row: the input's columns (an earlier
 * run's outputs replaced), then the outputs */
static int
start(void *self, struct su_run *run)
{
	struct state *st = self;
	const struct su_rec *hdr = &run->hdr;
	const char **own = su_xmalloc((st->nd + 1) * sizeof *own);
	size_t i, k = 0, nown = 0;

	for (i = 0; i < st->nd; i++)
		if (st->d[i].kind == D_OUTPUT)
			own[nown++] = st->d[i].name;
	st->keep = su_xmalloc(hdr->n + 1);
	su_out_own(hdr, own, nown, st->keep);
	st->names = su_xmalloc((hdr->n + nown + 1) * sizeof *st->names);
	st->cells = su_xmalloc((hdr->n + nown + 1) * sizeof *st->cells);
	for (i = 0; i < hdr->n; i++)
		if (st->keep[i])
			st->names[k++] = hdr->f[i];
	for (i = 0; i < nown; i++)
		st->names[k++] = own[i];
	free(own);
	return su_out_header(run->out, k, st->names);
}

static int
arith_fault(const char *why)
{
	return strcmp(why, "division by zero") == 0 ||
	    strcmp(why, "arithmetic overflows") == 0;
}

/* one prospect: every formula in order, then the row */
static enum su_result
prospect(void *self, struct su_run *run, const struct su_rec *r)
{
	struct state *st = self;
	struct su_rec x = *r;
	struct su_expr_fault f;
	size_t i, k = 0, n = run->hdr.n;
	int64_t v;
	int rc;

	memcpy(st->f, r->f, n * sizeof *st->f);
	memcpy(st->len, r->len, n * sizeof *st->len);
	x.n = n + st->nd, x.f = st->f, x.len = st->len;
	for (i = 0; i < n; i++)
		if (st->keep[i]) {
			memset(&st->cells[k], 0, sizeof st->cells[k]);
			st->cells[k].type = SU_C_STR;
			st->cells[k].s = r->f[i];
			st->cells[k++].len = r->len[i];
		}
	for (i = 0; i < st->nd; i++) {
		struct def *d = &st->d[i];

		if (!d->e)
			continue;
		memset(&f, 0, sizeof f);
		rc = su_expr_value(d->e, &x, &st->env, &f, &v);
		if (rc == 1)
			return su_in_reject(st->in, r, "%s: %s is empty (an "
			    "output cannot rest on a guess)", d->name, f.column);
		/* a cell that is no number names its value; arithmetic
		 * that fails names the value it failed on */
		if (rc < 0 && f.vlen && !arith_fault(f.why))
			return su_in_reject(st->in, r, "%s: %s \"%.*s\": %s",
			    d->name, f.column, (int)(f.vlen > 60 ? 60 : f.vlen),
			    f.value, f.why);
		if (rc < 0)
			return su_in_reject(st->in, r, "%s: %s (%s)", d->name,
			    f.why, f.column);
		fmt6(d->num, sizeof d->num, v);
		st->len[n + i] = strlen(d->num);
		if (d->kind == D_OUTPUT) {
			int64_t cents;

			/* to the cent, half away from zero, once */
			if (su_muldiv(v, 1, SU_EXPR_ONE / 100, &cents))
				abort(); /* |v| / 10^4 always fits */
			memset(&st->cells[k], 0, sizeof st->cells[k]);
			st->cells[k].type = st->o->c.format == SU_FMT_TABLE ?
			    SU_C_CENTI : SU_C_MONEY;
			st->cells[k++].v = cents;
		}
	}
	if ((run->oerr = su_out_row(run->out, st->cells)) != 0)
		return SU_STOP;
	return SU_OK;
}

static void
free_state(void *self)
{
	struct state *st = self;
	size_t i;

	for (i = 0; i < st->nd; i++) {
		free(st->d[i].name);
		free(st->d[i].text);
		su_expr_free(st->d[i].e);
	}
	free(st->d);
	su_ini_free(&st->ini);
	free(st->file);
	free(st->text);
	free(st->keep);
	free(st->names);
	free(st->cells);
	free(st->f);
	free(st->len);
}

static const struct option longopts[] = {
	{"formulas", 1, 0, OPT_FORMULAS}, {"param", 1, 0, OPT_PARAM},
	{0, 0, 0, 0},
};

static const struct su_prog roi = {
	.shortopts = "F:P:", .longopts = longopts, .usage = usage,
	.option = option, .setup = setup, .header = header, .start = start,
	.record = prospect, .free = free_state,
};

int
main(int argc, char **argv)
{
	struct opts o = {0};
	struct state st = {.o = &o};

	return su_run(&roi, &st, &o.c, argc, argv);
}
