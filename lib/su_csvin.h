/*
 * su_csvin.h - lib/csvin.c: reading records
 *
 * Prints: every error is said as FILE:LINE; a rejected record is said
 * (or written to --rejects and counted).
 */
#ifndef SU_CSVIN_H
#define SU_CSVIN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "su_err.h"
#include "su_cli.h"

struct su_rec {
	size_t n;            /* fields */
	const char **f;      /* NUL-terminated (a field may hold no NUL) */
	const size_t *len;
	const char *file;    /* display name of the file */
	long line;           /* physical line where the record starts */
	const char *raw;     /* the record's text as read (decoded) */
	size_t rawlen;
};
struct su_in;
/* files: operands; none means standard input.  Never fails. */
struct su_in *su_in_new(const struct su_opts *o, int nfiles, char **files);
/* A CSV file of a program's own (targets, saved forecasts): read with o's
 * encoding and date options, but not the data's -t, -d, -c, --skip-invalid
 * or --rejects (side is its options, kept while it is read).  Its header
 * in hdr; NULL on error (said). */
struct su_in *su_in_side(const struct su_opts *o, struct su_opts *side,
                         char **file, struct su_rec *hdr);
/* every record through libcsv, none through the fast scanner (scan.c):
 * for the tests that compare the two.  Before the first read. */
void su_in_noscan(struct su_in *in);
/* the size of the reader's first buffer (256 KiB), for the tests whose
 * records straddle it.  Before the first read. */
void su_in_bufsize(struct su_in *in, size_t n);
/* the header of the first file: 1, or -1 on error (printed) */
int su_in_header(struct su_in *in, struct su_rec *hdr);
/* the next data record: 1, 0 at the end of all input, -1 on error
 * (printed).  The record stays valid until the next call. */
int su_in_next(struct su_in *in, struct su_rec *rec);
/* an earlier row as a message about row r names it: "line 4" in r's
 * file, else "FILE:4" (into buf) */
const char *su_seen_at(char *buf, size_t size, const char *file, long line,
                       const struct su_rec *r);
/* A record the program cannot use: with --skip-invalid it is reported,
 * written to --rejects and counted (SU_SKIP: carry on), else the message
 * is printed as "prog: FILE:LINE: msg" (SU_STOP: exit 2). */
enum su_result su_in_reject(struct su_in *in, const struct su_rec *rec,
                 const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A record the program keeps but cannot judge (mqlqualify's invalid
 * lead): like su_in_reject, but said "(marked invalid)" and counted apart;
 * the program writes it out marked.  SU_SKIP carry on, SU_STOP stop. */
enum su_result su_in_flag(struct su_in *in, const struct su_rec *rec, const char *fmt,
               ...) __attribute__((format(printf, 3, 4)));
/* records read and skipped so far (data records, footers excluded) */
long su_in_nread(const struct su_in *in);
long su_in_nskipped(const struct su_in *in);
/* end of input: says how many records were skipped.  0 or -1. */
int su_in_finish(struct su_in *in);
/* --rejects into place (su_out_done calls it); and out again, when the
 * program's own output could not follow it.  0 or -1 (said). */
int su_in_commit(struct su_in *in);
void su_in_rollback(struct su_in *in);
/* on failure: removes a half-written --rejects; frees everything */
void su_in_free(struct su_in *in);

#endif
