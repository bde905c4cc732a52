/*
 * run.c - the program driver: the option loop, the reader, column
 * resolution, the output, a broken pipe and the exit status, once for
 * every program.  A program is a struct su_prog of callbacks; its main
 * hands that, its state and its common options to su_run.
 */
#include "su.h"

#include <getopt.h>
#include <stdlib.h>
#include <string.h>

static const struct option common_longopts[] = {
	SU_COMMON_LONGOPTS, {0, 0, 0, 0},
};

/* the program's options, then the common ones: getopt_long's table and
 * option string (":" first: errors are said by su_opt_error) */
static struct option *
longopts(const struct su_prog *p, char **shortopts)
{
	size_t np = 0, nc = sizeof common_longopts / sizeof common_longopts[0];
	size_t ns = strlen(p->shortopts ? p->shortopts : "");
	struct option *lo;

	while (p->longopts && p->longopts[np].name)
		np++;
	lo = su_xmalloc((np + nc) * sizeof *lo);
	if (np)
		memcpy(lo, p->longopts, np * sizeof *lo);
	memcpy(lo + np, common_longopts, nc * sizeof *lo);
	*shortopts = su_xmalloc(ns + sizeof SU_COMMON_SHORTOPTS + 1);
	(*shortopts)[0] = ':';
	memcpy(*shortopts + 1, p->shortopts ? p->shortopts : "", ns);
	memcpy(*shortopts + 1 + ns, SU_COMMON_SHORTOPTS,
	    sizeof SU_COMMON_SHORTOPTS);
	return lo;
}

/* the options: 0, or -1 (said).  -h and --version exit here. */
static int
options(const struct su_prog *p, void *self, struct su_opts *c, int argc,
        char **argv)
{
	struct option *lo;
	char *so;
	int opt, r = 0;

	lo = longopts(p, &so);
	opterr = 0;
	while (r == 0 && (opt = getopt_long(argc, argv, so, lo, NULL)) != -1) {
		switch (opt) {
		case 'h':
		case SU_OPT_VERSION:
			free(lo);
			free(so);
			if (opt == 'h')
				p->usage(stdout);
			else
				su_print_version();
			exit(fflush(stdout) ? SU_EXIT_ERR : SU_EXIT_OK);
		case '?':
		case ':':
			su_opt_error(opt, argv);
			p->usage(stderr);
			r = -1;
			break;
		default:
			if ((r = su_opts_handle(c, opt, optarg)) != 0)
				r = r < 0 ? -1 : 0;
			else if (p->option)
				r = p->option(self, opt, optarg) ? -1 : 0;
			else
				abort(); /* in the table, handled by nobody */
		}
	}
	free(lo);
	free(so);
	return r || su_opts_finish(c) ? -1 : 0;
}

/* the input up to its end: 0, -1 (said) or SU_OUT_EPIPE (the reader of
 * a program that writes as it reads has gone) */
static int
input(const struct su_prog *p, void *self, struct su_run *run)
{
	struct su_rec rec;
	int r;

	run->in = su_in_new(run->c, run->nfiles, run->files);
	if (run->no_input)
		return 0;
	if (su_in_header(run->in, &run->hdr) < 0 ||
	    su_columns_resolve(run->hdr.file, &run->hdr, run->c, run->want,
	    run->col) || (p->header && p->header(self, run)))
		return -1;
	if (p->start) {
		if (!(run->out = su_out_open(run->c)))
			return -1;
		if ((r = p->start(self, run)) != 0)
			return r;
	}
	while ((r = su_in_next(run->in, &rec)) > 0)
		if (p->record(self, run, &rec) == SU_STOP)
			return run->oerr ? run->oerr : -1;
	if (r < 0 || (p->settle && p->settle(self, run)))
		return -1;
	return su_in_finish(run->in);
}

int
su_run(const struct su_prog *p, void *self, struct su_opts *c, int argc,
       char **argv)
{
	struct su_run run;
	int r, status = SU_EXIT_ERR;

	su_start(argv[0]);
	memset(&run, 0, sizeof run);
	run.c = c;
	su_opts_init(c);
	if (p->init)
		p->init(self);
	if (options(p, self, c, argc, argv))
		goto done;
	run.nfiles = argc - optind;
	run.files = argv + optind;
	if (p->setup && p->setup(self, &run))
		goto done;
	if ((r = input(p, self, &run)) == SU_OUT_EPIPE)
		status = SU_EXIT_OK; /* the reader has gone: end quietly */
	if (r || (p->end && p->end(self, &run)))
		goto done;
	if (!run.out && !(run.out = su_out_open(c)))
		goto done;
	r = p->write ? p->write(self, &run, run.out) : 0;
	if (r == 0) {
		r = su_out_done(run.out, run.in);
		run.out = NULL;
	}
	if (r == SU_OUT_EPIPE)
		status = SU_EXIT_OK;
	else if (r == 0)
		status = p->status ? p->status(self) : SU_EXIT_OK;
done:
	su_out_abort(run.out);
	su_in_free(run.in);
	if (p->free)
		p->free(self);
	return status;
}
