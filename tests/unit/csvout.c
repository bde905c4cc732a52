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
