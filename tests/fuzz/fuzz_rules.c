/*
 * fuzz_rules - libFuzzer harness for qualification rules files (INI through
 * inih, lib/rules.c).  Properties, beyond not crashing or leaking: a file
 * that loads has criteria, each with a parsed expression and lines inside
 * the file, and nurture <= sql; bound to a header made of its own column
 * names, every criterion evaluates to 1, 0 or -1.
 */
#define _GNU_SOURCE
#include "su.h"
#include "fuzzfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_init("fuzz_rules");
	return 0;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct su_rules *r;
	struct su_rec hdr, rec;
	struct su_expr_env env = {0, 0, 20000};
	struct su_expr_fault f;
	const char *names[64], *vals[64];
	size_t lens[64], nn = 0, i, k, lines = 1, col;
	long line;
	int v;

	if (su_rules_load(fuzz_file(data, size), &r) != 0)
		return 0;
	for (i = 0; i < size; i++)
		lines += data[i] == '\n';
	if (r->nc == 0 || r->nurture > r->sql)
		abort();
	for (i = 0; i < r->nc; i++) {
		if (!r->c[i].e || r->c[i].line < 1 || (size_t)r->c[i].line > lines)
			abort();
		su_rules_where(r, i, 0, &line, &col);
		if (line < 1 || (size_t)line > lines)
			abort();
		for (k = 0; k < su_expr_ncols(r->c[i].e) && nn < 64; k++)
			names[nn++] = su_expr_colname(r->c[i].e, k, NULL);
	}
	/* a header of the names (the first 64); a record of "1"s */
	memset(&hdr, 0, sizeof hdr);
	for (i = 0; i < nn; i++)
		vals[i] = "1", lens[i] = 1;
	hdr.n = nn, hdr.f = names, hdr.len = lens, hdr.file = "hdr";
	if (nn && nn < 64 && su_rules_bind(r, "fuzz", &hdr) == 0) {
		rec = hdr;
		rec.f = vals;
		for (i = 0; i < r->nc; i++) {
			v = su_expr_eval(r->c[i].e, &rec, &env, &f);
			if (v < -1 || v > 1)
				abort();
		}
	}
	su_rules_free(r);
	return 0;
}
