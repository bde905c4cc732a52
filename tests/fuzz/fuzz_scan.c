/*
 * fuzz_scan - libFuzzer harness: the fast record scanner (lib/scan.c)
 * against libcsv, its oracle.  Every input is read twice through the
 * reader of lib/csvin.c, once as the programs read it (the scanner where
 * it is sure, libcsv for the rest) and once with su_in_noscan (libcsv
 * alone); the two readings must be the same: every record (fields,
 * lengths, line, raw text), the return of every call, the counts, and
 * every message on standard error, byte for byte.
 * The first byte picks the dialect: bits 0-2 the delimiter (',', ';',
 * tab as -t, '|', ' ', tab as -d, ',' again), bit 3 --skip-invalid,
 * bits 4-5 the reader's first buffer (256 KiB, or 16, 64 or 1024 bytes,
 * so that records straddle it and it grows); the rest is the file.
 */
#define _GNU_SOURCE
#include "su.h"
#include "fuzzfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

static int err_fd = -1; /* standard error, captured */
static int saved_err = -1;

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_init("fuzz_scan");
	err_fd = memfd_create("stderr", 0);
	return 0;
}

static void
put(FILE *f, const void *p, size_t n)
{
	fwrite(&n, sizeof n, 1, f);
	fwrite(p, 1, n, f);
}

/* one reading of the file: everything it produced, serialised into *out */
static void
readall(const struct su_opts *o, char *path, int noscan, size_t bufsize,
        char **out, size_t *outlen)
{
	FILE *f = open_memstream(out, outlen);
	struct su_in *in;
	struct su_rec r;
	long n[2];
	size_t i;
	int k;
	char *msg;
	off_t len;

	if (!f)
		abort();
	/* the messages said go to the memfd */
	if (ftruncate(err_fd, 0) || lseek(err_fd, 0, SEEK_SET) != 0)
		abort();
	fflush(stderr);
	saved_err = dup(2);
	dup2(err_fd, 2);
	in = su_in_new(o, 1, &path);
	if (noscan)
		su_in_noscan(in);
	if (bufsize)
		su_in_bufsize(in, bufsize);
	k = su_in_header(in, &r);
	fwrite(&k, sizeof k, 1, f);
	if (k > 0) {
		fwrite(&r.n, sizeof r.n, 1, f);
		for (i = 0; i < r.n; i++)
			put(f, r.f[i], r.len[i] + 1); /* with its NUL */
		while ((k = su_in_next(in, &r)) > 0) {
			fwrite(&r.n, sizeof r.n, 1, f);
			fwrite(&r.line, sizeof r.line, 1, f);
			for (i = 0; i < r.n; i++) {
				if (strlen(r.f[i]) != r.len[i])
					abort(); /* a field is NUL-terminated */
				put(f, r.f[i], r.len[i] + 1);
			}
			put(f, r.raw, r.rawlen);
		}
		fwrite(&k, sizeof k, 1, f);
		if (k == 0)
			su_in_finish(in);
	}
	n[0] = su_in_nread(in);
	n[1] = su_in_nskipped(in);
	fwrite(n, sizeof n, 1, f);
	su_in_free(in);
	fflush(stderr);
	dup2(saved_err, 2);
	close(saved_err);
	len = lseek(err_fd, 0, SEEK_END);
	if (len < 0)
		abort();
	msg = malloc((size_t)len + 1);
	if (!msg || pread(err_fd, msg, (size_t)len, 0) != len)
		abort();
	put(f, msg, (size_t)len);
	free(msg);
	fclose(f);
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	static const int delims[] = {',', ';', -2, '|', ' ', '\t', ',', ','};
	static const size_t bufs[] = {0, 16, 64, 1024};
	struct su_opts o;
	char *path, *a, *b;
	size_t alen, blen, bufsize;

	if (size < 1)
		return 0;
	su_opts_init(&o);
	if (delims[data[0] & 7] == -2)
		o.tsv = 1;
	else
		o.delim = delims[data[0] & 7];
	o.skip_invalid = (data[0] & 8) != 0;
	bufsize = bufs[(data[0] >> 4) & 3];
	path = (char *)fuzz_file(data + 1, size - 1);
	readall(&o, path, 0, bufsize, &a, &alen);
	readall(&o, path, 1, bufsize, &b, &blen);
	if (alen != blen || memcmp(a, b, alen) != 0)
		abort(); /* the scanner and libcsv read the file apart */
	free(a);
	free(b);
	return 0;
}
