/*
 * csvout.c - unit tests of lib/csvout.c
 */
#include "su.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "unit.h"

/* su_out_side: a second file, with a new file's mode, in place only
 * with the output; dropped with it */
void
test_out_side(void)
{
	static const char *const names[] = {"a"};
	char dir[] = "/tmp/su-unit-XXXXXX", path[64], side[64];
	mode_t mask;
	struct su_opts o;
	struct su_out *out;
	struct su_in *in;
	struct stat sb;
	FILE *fp;
	int r;

	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	mask = umask(027); /* not the usual 022: the mode is the umask's */
	memset(&sb, 0, sizeof sb);
	snprintf(path, sizeof path, "%s/out.csv", dir);
	snprintf(side, sizeof side, "%s/side", dir);
	su_opts_init(&o);
	o.output = path;
	in = su_in_new(&o, 0, NULL);
	out = su_out_open(&o);
	fp = su_out_side(out, side, "the side", "the rows");
	CHECK(fp && fputs("kept\n", fp) >= 0 && access(side, F_OK) != 0,
	    "su_out_side: a temporary until su_out_done");
	r = su_out_header(out, 1, names);
	CHECK(r == 0 && su_out_done(out, in) == 0 && stat(side, &sb) == 0 &&
	    (sb.st_mode & 0777) == 0640 && sb.st_size == 5 &&
	    access(path, F_OK) == 0, "su_out_side: in place, mode %o",
	    (unsigned)(sb.st_mode & 0777));
	unlink(side);
	out = su_out_open(&o);
	CHECK((fp = su_out_side(out, side, "the side", "the rows")) != NULL,
	    "su_out_side again");
	su_out_abort(out);
	unlink(path);
	CHECK(rmdir(dir) == 0 && access(side, F_OK) != 0,
	    "su_out_abort: the side temporary removed");
	su_in_free(in);
	umask(mask);
}

/* a CSV value as RFC 4180 writes it: quoted when it holds , " CR or LF,
 * each quote doubled; the reference of put_csv's writing by runs */
static size_t
ref_csv(char *d, const char *s, size_t n)
{
	size_t i, k = 0;

	if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\n', n) &&
	    !memchr(s, '\r', n)) {
		memcpy(d, s, n);
		return n;
	}
	d[k++] = '"';
	for (i = 0; i < n; i++) {
		if (s[i] == '"')
			d[k++] = '"';
		d[k++] = s[i];
	}
	d[k++] = '"';
	return k;
}

/* rows of two generated cells (quotes, commas, line breaks among other
 * bytes, at every place and length) written by su_out_row, read back,
 * against the reference */
void
test_out_quote(void)
{
	static const char *const names[] = {"a", "b"};
	static const char bytes[] = "ab ,\"\n\rxyz0123456789";
	char dir[] = "/tmp/su-unit-XXXXXX", path[64], cell[2][80];
	char *want, *got = NULL;
	size_t wn = 0, gn = 0, cap = 0, n[2], k;
	struct su_opts o;
	struct su_out *out;
	struct su_in *in;
	struct su_cell c[2];
	FILE *fp;
	long i;
	int j, ok = 1;

	if (!mkdtemp(dir)) {
		CHECK(0, "mkdtemp: %s", strerror(errno));
		return;
	}
	snprintf(path, sizeof path, "%s/out.csv", dir);
	su_opts_init(&o);
	o.output = path;
	in = su_in_new(&o, 0, NULL);
	out = su_out_open(&o);
	want = malloc(20000 * 2 * 170 + 16);
	if (!out || !want || su_out_header(out, 2, names) != 0) {
		CHECK(0, "quote: cannot write %s", path);
		free(want);
		return;
	}
	memcpy(want, "a,b\n", 4);
	wn = 4;
	for (i = 0; i < 20000; i++) {
		for (j = 0; j < 2; j++) {
			n[j] = unit_rnd(unit_rnd(4) ? 20 : 80);
			for (k = 0; k < n[j]; k++)
				cell[j][k] = unit_rnd(3) ? 'v' :
				    bytes[unit_rnd(sizeof bytes - 1)];
			c[j] = su_cell_text(cell[j], n[j]);
			wn += ref_csv(want + wn, cell[j], n[j]);
			want[wn++] = j ? '\n' : ',';
		}
		if (su_out_row(out, c) != 0)
			ok = 0;
	}
	ok = ok && su_out_done(out, in) == 0;
	if ((fp = fopen(path, "rb")) != NULL) {
		got = malloc(cap = wn + 16);
		gn = got ? fread(got, 1, cap, fp) : 0;
		fclose(fp);
	}
	CHECK(ok && got && gn == wn && memcmp(got, want, wn) == 0,
	    "quote: %zu bytes written, the reference %zu", gn, wn);
	/* the cells' constructors set every member */
	c[0] = su_cell_text("ab", 2);
	c[1] = su_cell_num(SU_C_MONEY, 5, 7);
	CHECK(c[0].type == SU_C_STR && strcmp(c[0].s, "ab") == 0 &&
	    c[0].len == 2 && c[0].v == 0 && c[0].d == 0 &&
	    c[1].type == SU_C_MONEY && c[1].s == NULL && c[1].len == 0 &&
	    c[1].v == 5 && c[1].d == 7, "su_cell_text, su_cell_num");
	free(got);
	free(want);
	unlink(path);
	rmdir(dir);
	su_in_free(in);
}
