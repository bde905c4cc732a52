/*
 * fuzz_scan - libFuzzer harness: the fast record scanner (lib/scan.c)
 * against libcsv, its oracle.  Every input is read twice through the
 * reader of lib/csvin.c, once as the programs read it (the scanner where
 * it is sure, libcsv for the rest) and once with su_in_noscan (libcsv
 * alone); the two readings must be the same: every record (fields,
 * lengths, line, raw text), the return of every call, the counts, and
 * every message on standard error, byte for byte.  And the scanner's
 * searches (AVX2 where the processor has it, SSE2) against its plain one
 * (a loop a byte), record by record.
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

/* the scanner once more, with its plain search, as plain_scan_*: the
 * searches must agree record for record */
#include "../unit/plain_scan.h"

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

/* one scanner against another over the same bytes, record by record:
 * the same answers, the same fields (where each starts in the record's
 * copy, its length, its bytes, its NUL) */
static int
same(struct su_scan *a, struct su_scan *b, int ra, int rb, size_t ua,
     size_t ub, long la, long lb)
{
	size_t i;

	if (ra != rb || (ra == SU_SCAN_OK &&
	    (ua != ub || la != lb || a->n != b->n)))
		return 0;
	if (ra == SU_SCAN_OK)
		for (i = 0; i < a->n; i++)
			if (a->f[i] - a->rec != b->f[i] - b->rec ||
			    a->len[i] != b->len[i] ||
			    memcmp(a->f[i], b->f[i], a->len[i] + 1) != 0 ||
			    a->f[i][a->len[i]] != '\0')
				return 0;
	return 1;
}

/* the scanner as the processor has it (AVX2 here), SSE2 and the plain
 * one (a table a byte, built apart) over the same bytes */
static void
plain_vs_sse(int delim, int quote, const char *s, size_t n)
{
	struct su_scan a, b, c;
	size_t ua = 0, ub = 0, uc = 0;
	long la = 0, lb = 0, lc = 0;
	int ra, rb, rc;

	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	memset(&c, 0, sizeof c);
	if (su_scan_init(&a, delim, quote) != plain_scan_init(&b, delim,
	    quote) || su_scan_init(&c, delim, quote) != plain_scan_init(&b,
	    delim, quote))
		abort();
	c.how = SU_SCAN_HOW_SSE2;
	for (;;) {
		ra = su_scan_record(&a, s, n, &ua, &la);
		rb = plain_scan_record(&b, s, n, &ub, &lb);
		rc = su_scan_record(&c, s, n, &uc, &lc);
		if (!same(&a, &b, ra, rb, ua, ub, la, lb) ||
		    !same(&c, &b, rc, rb, uc, ub, lc, lb))
			abort();
		if (ra != SU_SCAN_OK)
			break;
		s += ua;
		n -= ua;
	}
	su_scan_free(&a);
	plain_scan_free(&b);
	su_scan_free(&c);
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
	plain_vs_sse(o.tsv ? '\t' : o.delim > 0 ? o.delim : ',', o.tsv ? 0 :
	    '"', (const char *)data + 1, size - 1);
	free(a);
	free(b);
	return 0;
}
