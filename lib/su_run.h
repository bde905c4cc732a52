/*
 * su_run.h - lib/run.c: the program driver
 *
 * Prints through the modules it drives and the program's callbacks.
 */
#ifndef SU_RUN_H
#define SU_RUN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "su_err.h"
#include "su_cli.h"
#include "su_columns.h"
#include "su_csvin.h"
#include "su_csvout.h"

/* one run, as the driver holds it: each callback is given it */
struct su_run {
	struct su_opts *c;	/* the common options */
	int nfiles;		/* the operands (none: standard input) */
	char **files;
	struct su_in *in;
	struct su_rec hdr;	/* the first file's header */
	/* setup fills want (SU_COL_REQUIRED or SU_COL_OPTIONAL per role);
	 * the driver resolves col before header is called */
	unsigned char want[SU_R_NROLES];
	int col[SU_R_NROLES];
	int no_input;		/* setup: read nothing (no operands wanted) */
	struct su_out *out;	/* open from start on; else from write on */
	int oerr;		/* record's write error (-1, SU_OUT_EPIPE)
				   when it returns SU_STOP for it */
};
struct option;
/* A program: its options and usage, then callbacks, each optional but
 * record.  Those returning int return 0, or -1 when the run ends (said). */
struct su_prog {
	const char *shortopts;		/* its own, as "g:m:" */
	const struct option *longopts;	/* its own, {0} ended */
	void (*usage)(FILE *fp);	/* all of --help to stdout */
	void (*init)(void *self);	/* defaults, before the options */
	int (*option)(void *self, int opt, const char *arg);
	/* the options read: checked together, files loaded, want filled */
	int (*setup)(void *self, struct su_run *run);
	/* the header read and its columns resolved: the program's own */
	int (*header)(void *self, struct su_run *run);
	/* a program that writes as it reads: the output is opened and this
	 * writes its header; 0, -1 or SU_OUT_EPIPE */
	int (*start)(void *self, struct su_run *run);
	enum su_result (*record)(void *self, struct su_run *run,
	    const struct su_rec *rec);
	/* after the last record, before the skipped ones are counted */
	int (*settle)(void *self, struct su_run *run);
	/* the input read and counted: what is said of it, worked out */
	int (*end)(void *self, struct su_run *run);
	/* the output (open): 0, -1 or SU_OUT_EPIPE */
	int (*write)(void *self, struct su_run *run, struct su_out *out);
	/* once the output is in place: SU_EXIT_OK or SU_EXIT_FLAG */
	int (*status)(void *self);
	void (*free)(void *self);	/* always, whatever was reached */
};
/* Runs a program: names it (su_start), reads the options (common ones
 * into c, the rest to option), then setup, the input record by record,
 * end, write, and the output and --rejects put in place.  Returns the exit
 * status: 2 after an error, 0 when the reader of the output went away. */
int su_run(const struct su_prog *p, void *self, struct su_opts *c, int argc,
           char **argv);

#endif
