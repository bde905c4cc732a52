/*
 * fuzz_model - libFuzzer harness for stage models (INI through inih,
 * lib/model.c).  Properties, beyond not crashing or leaking: a model that
 * loads has at least one pipeline, each with stages; every stage is found
 * again by its own name; requirements only grow along open stages.
 */
#define _GNU_SOURCE
#include "su.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int fd = -1;
static char path[64];

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	su_start("fuzz_model");
	fd = memfd_create("fuzz", 0);
	snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
	return 0;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct su_model *m;
	size_t i, k;
	unsigned req;

	if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	if (su_model_load(path, &m) != 0)
		return 0;
	if (m->np == 0)
		abort();
	for (i = 0; i < m->np; i++) {
		const struct su_pipeline *p = &m->p[i];

		if (p->nst == 0)
			abort();
		req = 0;
		for (k = 0; k < p->nst; k++) {
			int j = su_model_stage(p, p->st[k].name,
			    strlen(p->st[k].name));

			/* a name normalising like an earlier stage's is
			 * refused at load, so the lookup finds this one */
			if (j != (int)k)
				abort();
			if (p->st[k].status == SU_ST_OPEN) {
				if ((p->st[k].req & req) != req)
					abort();
				req = p->st[k].req;
			}
		}
	}
	su_model_free(m);
	return 0;
}
