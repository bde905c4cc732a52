/*
 * run.c - the program driver: the option loop, the reader, column
 * resolution, the output, a broken pipe and the exit status, once for
 * every program.  A program is a struct su_prog of callbacks; its main
 * hands that, its state and its common options to su_run.
 */
#include "su.h"

#include <ctype.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* what the full --help gives as the argument of --name ("COL,...",
 * "mdy|dmy"), into buf, or "": the help is the documented word */
static void
metavar(const char *help, const char *name, char *buf, size_t size)
{
	const char *l, *s, *e, *a, *t;
	size_t n = strlen(name);

	buf[0] = '\0';
	for (l = help; *l; l = *e ? e + 1 : e) {
		if (!(e = strchr(l, '\n')))
			e = l + strlen(l);
		for (s = l; s < e && *s == ' '; s++)
			continue;
		if (s == e || *s != '-')
			continue; /* not an option's line: usage, prose */
		for (; s + 2 + n < e; s++) {
			a = s + 2 + n;
			if (strncmp(s, "--", 2) || strncmp(s + 2, name, n) ||
			    *a != ' ' || a[1] == ' ' || a + 1 == e)
				continue;
			for (t = ++a; t < e && *t != ' '; t++)
				continue;
			if (t > a && t[-1] == ',') /* "--won RE, --lost RE" */
				t--;
			snprintf(buf, size, "%.*s", (int)(t - a), a);
			return;
		}
	}
}

/* the full --help, as the program prints it to standard output */
static char *
full_help(const struct su_prog *p)
{
	FILE *tmp = tmpfile();
	char *text = NULL;
	size_t len = 0, got;
	int fd = -1;

	fflush(stdout);
	if (!tmp || (fd = dup(STDOUT_FILENO)) < 0 ||
	    dup2(fileno(tmp), STDOUT_FILENO) < 0)
		goto out;
	p->usage(stdout);
	fflush(stdout);
	dup2(fd, STDOUT_FILENO);
	rewind(tmp);
	do {
		text = su_xrealloc(text, len + 4097);
		got = fread(text + len, 1, 4096, tmp);
		len += got;
	} while (got);
	text[len] = '\0';
out:
	if (fd >= 0)
		close(fd);
	if (tmp)
		fclose(tmp);
	return text ? text : su_xstrdup("");
}

/*
 * --list-options: the option table as getopt_long is given it, one
 * "option\t--NAME\t-C\tARG\tCHOICES" line each (ARG as --help writes it,
 * CHOICES the values su_opt_choice accepts, found by handing the option
 * an empty value with standard error shut), then "role\tNAME" lines.
 * Shell completions are generated from this, so a new option completes
 * with no other edit.
 */
static void
list_options(const struct su_prog *p, void *self, struct su_opts *c,
             const struct option *lo, const char *so)
{
	const char *const *ch;
	char *help = full_help(p), mv[64];
	int i, k, n, fd, null;

	for (i = 0; lo[i].name; i++) {
		n = -1;
		if (lo[i].has_arg && lo[i].val != 'h' &&
		    lo[i].val != SU_OPT_VERSION &&
		    lo[i].val != SU_OPT_LIST_OPTIONS) {
			fflush(stderr);
			fd = dup(STDERR_FILENO);
			if ((null = open("/dev/null", O_WRONLY)) >= 0) {
				dup2(null, STDERR_FILENO);
				close(null);
			}
			su_opt_choices_seen(&ch);
			if (su_opts_handle(c, lo[i].val, "") == 0 && p->option)
				(void)p->option(self, lo[i].val, "");
			n = su_opt_choices_seen(&ch);
			fflush(stderr);
			if (fd >= 0) {
				dup2(fd, STDERR_FILENO);
				close(fd);
			}
		}
		metavar(help, lo[i].name, mv, sizeof mv);
		printf("option\t--%s\t", lo[i].name);
		if (lo[i].val > 0 && lo[i].val < 0x80 && isalnum(lo[i].val) &&
		    strchr(so, lo[i].val))
			printf("-%c", lo[i].val);
		printf("\t%s\t", lo[i].has_arg ? mv : "");
		for (k = 0; k < n; k++)
			printf("%s%s", k ? " " : "", ch[k]);
		putchar('\n');
	}
	for (i = 0; i < SU_R_NROLES; i++)
		printf("role\t%s\n", su_role_name(i));
	free(help);
}

/* the options: 0, or -1 (said).  -h, --version and --list-options exit
 * here. */
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
		case SU_OPT_LIST_OPTIONS:
			if (opt == 'h')
				p->usage(stdout);
			else if (opt == SU_OPT_VERSION)
				su_print_version();
			else
				list_options(p, self, c, lo, so);
			free(lo);
			free(so);
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
