/*
 * fuzz_model - libFuzzer harness for stage models (INI through inih,
 * lib/model.c).  Properties, beyond not crashing or leaking: a model that
 * loads has at least one pipeline, each with stages; every stage is found
 * again by its own name; requirements only grow along open stages; every
 * gate is compiled, holds at its own stage and ends after it.
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
	fuzz_init("fuzz_model");
	return 0;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct su_model *m;
	size_t i, k;
	unsigned req;

	if (su_model_load(fuzz_file(data, size), &m) != 0)
		return 0;
	if (m->np == 0)
		abort();
	for (i = 0; i < m->np; i++) {
		const struct su_pipeline *p = &m->p[i];

		if (p->nstage == 0)
			abort();
		req = 0;
		for (k = 0; k < p->nstage; k++) {
			int j = su_model_stage(p, p->stage[k].name,
			    strlen(p->stage[k].name));

			/* a name normalising like an earlier stage's is
			 * refused at load, so the lookup finds this one */
			if (j != (int)k)
				abort();
			if (p->stage[k].status == SU_ST_OPEN) {
				if ((p->stage[k].req & req) != req)
					abort();
				req = p->stage[k].req;
			}
		}
		for (k = 0; k < p->ngate; k++) {
			const struct su_gate *g = &p->gate[k];

			if (!g->e || g->from < 0 || g->until <= g->from ||
			    (size_t)g->until > p->nstage ||
			    !su_gate_holds(p, g, g->from))
				abort();
		}
	}
	su_model_free(m);
	return 0;
}
