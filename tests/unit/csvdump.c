/*
 * csvdump - test tool: the records the salesutils reader produces, as
 * NDJSON objects keyed by header (csv-spectrum's form), through the same
 * reader and writer the programs use.  With -L, each object starts with
 * "_line", the line where the record starts.  With -a, every record, the
 * header first, goes out as it is under columns named 1..N (for the
 * differential test: our reader, then our writer, against python's csv).
 * With -S, every record goes through libcsv, none through the fast scanner
 * (the differential test compares the two).  Takes the common options.
 */
#include "su.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int
main(int argc, char **argv)
{
	static const struct option longopts[] = {SU_COMMON_LONGOPTS,
	                                         {0, 0, 0, 0}};
	struct su_opts o;
	struct su_rec hdr, rec;
	struct su_in *in;
	struct su_out *out = NULL;
	struct su_cell *cells = NULL;
	const char **names = NULL;
	char lbuf[32];
	int c, lines = 0, all = 0, noscan = 0, r, status = SU_EXIT_ERR;
	char (*num)[24] = NULL;
	size_t i, k;

	su_start(argv[0]);
	su_opts_init(&o);
	o.format = SU_FMT_JSON;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":LaS" SU_COMMON_SHORTOPTS,
	    longopts, NULL)) != -1) {
		if (c == '?' || c == ':') {
			su_opt_error(c, argv);
			return SU_EXIT_ERR;
		} else if (c == 'a')
			all = 1;
		else if (c == 'L')
			lines = 1;
		else if (c == 'S')
			noscan = 1;
		else if (su_opts_handle(&o, c, optarg) != 1)
			return SU_EXIT_ERR;
	}
	if (su_opts_finish(&o))
		return SU_EXIT_ERR;
	in = su_in_new(&o, argc - optind, argv + optind);
	if (noscan)
		su_in_noscan(in);
	if (su_in_header(in, &hdr) < 0)
		goto done;
	k = hdr.n + (size_t)lines;
	names = su_xmalloc(k * sizeof *names);
	cells = su_xmalloc(k * sizeof *cells);
	if (lines)
		names[0] = "_line";
	for (i = 0; i < hdr.n; i++)
		names[i + (size_t)lines] = hdr.f[i];
	if (all) {
		num = su_xmalloc(k * sizeof *num);
		for (i = 0; i < k; i++) {
			snprintf(num[i], sizeof num[i], "%zu", i + 1);
			names[i] = num[i];
		}
	}
	if (!(out = su_out_open(&o)) || su_out_header(out, k, names))
		goto done;
	if (all) {
		/* the header a row like the others: its line first with -L */
		if (lines) {
			cells[0].type = SU_C_STR;
			cells[0].s = lbuf;
			cells[0].len = (size_t)snprintf(lbuf, sizeof lbuf,
			    "%ld", hdr.line);
		}
		for (i = 0; i < hdr.n; i++) {
			cells[i + (size_t)lines].type = SU_C_STR;
			cells[i + (size_t)lines].s = hdr.f[i];
			cells[i + (size_t)lines].len = hdr.len[i];
		}
		if (su_out_row(out, cells))
			goto done;
	}
	while ((r = su_in_next(in, &rec)) > 0) {
		if (lines) {
			cells[0].type = SU_C_STR;
			cells[0].s = lbuf;
			cells[0].len = (size_t)snprintf(lbuf, sizeof lbuf,
			    "%ld", rec.line);
		}
		for (i = 0; i < rec.n; i++) {
			cells[i + (size_t)lines].type = SU_C_STR;
			cells[i + (size_t)lines].s = rec.f[i];
			cells[i + (size_t)lines].len = rec.len[i];
		}
		if ((r = su_out_row(out, cells)) != 0) {
			status = r == SU_OUT_EPIPE ? SU_EXIT_OK : SU_EXIT_ERR;
			goto done;
		}
	}
	if (r < 0 || su_in_finish(in))
		goto done;
	r = su_out_done(out, in);
	out = NULL;
	status = r == 0 || r == SU_OUT_EPIPE ? SU_EXIT_OK : SU_EXIT_ERR;
done:
	su_out_abort(out);
	su_in_free(in);
	free(names);
	free(cells);
	free(num);
	return status;
}
