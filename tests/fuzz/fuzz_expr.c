/*
 * fuzz_expr - libFuzzer harness for rule expressions (lib/expr.c): the
 * input is an expression, a newline, then a record's fields separated by
 * '|'.  Properties, beyond not crashing or leaking:
 *  - a parse error points inside the expression (or just past its end);
 *  - evaluation gives 1, 0 or -1, the same twice, and a fault names a
 *    column of the expression and a position inside it;
 *  - "!(E)" parses and is the opposite of E; "(E) && (E)" and
 *    "(E) || (E)" are E (when E evaluates without a fault);
 *  - su_time_parse and su_expr_number of every field do not crash;
 *  - as a formula (su_expr_parse_num): a value, empty or a fault, the
 *    same twice; "(E) + 0", "(E) * 1" and "--(E)" are E and "(E) - (E)"
 *    is 0 (when E has a value: six decimals, exact).
 */
#include "su.h"

#include <stdlib.h>
#include <string.h>

#define MAXF 8

static int
eval(const char *src, size_t len, const struct su_rec *r,
     const struct su_expr_env *env, int *parsed)
{
	struct su_expr *e;
	struct su_expr_error err;
	struct su_expr_fault f;
	size_t k, n;
	int v, v2;

	*parsed = 0;
	if (su_expr_parse(src, len, &e, &err) != 0) {
		if (err.pos > len || !err.msg[0])
			abort();
		/* wrapping E may nest it too deeply: not a failure */
		if (strcmp(err.msg, "nested too deeply") == 0)
			*parsed = -1;
		return -2;
	}
	*parsed = 1;
	n = su_expr_ncols(e);
	for (k = 0; k < n; k++)
		su_expr_bind(e, k, (int)(k % r->n));
	v = su_expr_eval(e, r, env, &f);
	v2 = su_expr_eval(e, r, env, &f);
	if (v != v2 || v < -1 || v > 1)
		abort();
	if (v < 0) {
		if (f.pos >= len || !f.why || !f.column)
			abort();
		for (k = 0; k < n; k++)
			if (strcmp(su_expr_colname(e, k, NULL), f.column) == 0)
				break;
		if (k == n && strcmp(f.column, "(a computed value)") != 0)
			abort();
	}
	su_expr_free(e);
	return v;
}

/* E as a formula: 0 with *out, 1 empty, -1 a fault, -2 not a formula */
static int
value(const char *src, size_t len, const struct su_rec *r,
      const struct su_expr_env *env, int64_t *out)
{
	struct su_expr *e;
	struct su_expr_error err;
	struct su_expr_fault f;
	size_t k;
	int v, v2;
	int64_t o2 = 0;

	*out = 0;
	if (su_expr_parse_num(src, len, &e, &err) != 0) {
		if (err.pos > len || !err.msg[0])
			abort();
		return -2;
	}
	for (k = 0; k < su_expr_ncols(e); k++)
		su_expr_bind(e, k, (int)(k % r->n));
	v = su_expr_value(e, r, env, &f, out);
	v2 = su_expr_value(e, r, env, &f, &o2);
	if (v != v2 || v < -1 || v > 1 || (v == 0 && *out != o2))
		abort();
	if (v != 0 && (!f.why || !f.column))
		abort();
	su_expr_free(e);
	return v;
}

/* the formula properties of E */
static void
formula(const char *s, size_t elen, const struct su_rec *r,
        const struct su_expr_env *env)
{
	static const char *const wrap[][2] = {
		{"(", "\n) + 0"}, {"(", "\n) * 1"}, {"--(", "\n)"},
		{"(", "\n) - 0"},
	};
	char *buf;
	size_t i, k;
	int64_t v, w;

	if (memchr(s, '\0', elen) || value(s, elen, r, env, &v) != 0)
		return;
	buf = malloc(2 * elen + 16);
	for (i = 0; i < sizeof wrap / sizeof wrap[0]; i++) {
		k = strlen(wrap[i][0]);
		memcpy(buf, wrap[i][0], k);
		memcpy(buf + k, s, elen);
		memcpy(buf + k + elen, wrap[i][1], strlen(wrap[i][1]));
		k += elen + strlen(wrap[i][1]);
		/* nesting too deeply is the only way not to be E */
		if (value(buf, k, r, env, &w) == 0 && w != v)
			abort();
	}
	memcpy(buf, "(", 1);
	memcpy(buf + 1, s, elen);
	memcpy(buf + 1 + elen, "\n)-(", 4);
	memcpy(buf + 5 + elen, s, elen);
	memcpy(buf + 5 + 2 * elen, "\n)", 2);
	if (value(buf, 2 * elen + 7, r, env, &w) == 0 && w != 0)
		abort();
	free(buf);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *s = (const char *)data, *nl, *why;
	char *rec, *p, *fields[MAXF], *buf;
	const char *cf[MAXF];
	size_t lens[MAXF], elen, n = 0, i;
	struct su_rec r;
	struct su_expr_env env = {0, 0, 20000};
	int v, w, parsed;
	int64_t t;

	if (size > 4096)
		return 0;
	nl = memchr(s, '\n', size);
	elen = nl ? (size_t)(nl - s) : size;
	/* the record: NUL-terminated fields, as the reader gives them */
	rec = malloc(size - elen + 2);
	memcpy(rec, nl ? nl + 1 : "", nl ? size - elen - 1 : 0);
	rec[nl ? size - elen - 1 : 0] = '\0';
	for (p = rec; n < MAXF; ) {
		char *bar = strchr(p, '|');

		fields[n++] = p;
		if (!bar)
			break;
		*bar = '\0';
		p = bar + 1;
	}
	for (i = 0; i < n; i++) {
		cf[i] = fields[i];
		lens[i] = strlen(fields[i]);
		su_time_parse(cf[i], lens[i], (int)(i & 1), &t, &why);
		su_expr_number(cf[i], lens[i], (int)(i & 1), &t, &why);
	}
	memset(&r, 0, sizeof r);
	r.n = n, r.f = cf, r.len = lens, r.file = "fuzz", r.line = 1;
	formula(s, elen, &r, &env);
	v = eval(s, elen, &r, &env, &parsed);
	if (parsed && v >= 0 && memchr(s, '\0', elen) == NULL) {
		buf = malloc(2 * elen + 16);
		/* !(E) */
		memcpy(buf, "!(", 2);
		memcpy(buf + 2, s, elen);
		buf[elen + 2] = '\n';  /* a comment-free line end: still E */
		buf[elen + 3] = ')';
		w = eval(buf, elen + 4, &r, &env, &parsed);
		if (parsed == 0 || (parsed > 0 && w != !v))
			abort();
		/* (E) && (E), (E) || (E) */
		for (i = 0; i < 2; i++) {
			size_t k = 0;

			buf[k++] = '(';
			memcpy(buf + k, s, elen), k += elen;
			buf[k++] = '\n';
			memcpy(buf + k, i ? ")||(" : ")&&(", 4), k += 4;
			memcpy(buf + k, s, elen), k += elen;
			buf[k++] = '\n';
			buf[k++] = ')';
			w = eval(buf, k, &r, &env, &parsed);
			if (parsed == 0 || (parsed > 0 && w != v))
				abort();
		}
		free(buf);
	}
	free(rec);
	return 0;
}
