/*
 * su_scan.h - lib/scan.c: the fast record scanner
 *
 * Prints nothing.  The scanner splits one record of a common dialect
 * (a one-byte delimiter, RFC 4180 quotes or none, LF or CRLF) into its
 * fields, NUL-terminated in a copy of the record's bytes; whatever it is
 * not sure of it leaves to libcsv (SU_SCAN_UNSURE), which stays the
 * reference: csvin.c then feeds that record to libcsv, so errors,
 * messages and line numbers are libcsv's.
 */
#ifndef SU_SCAN_H
#define SU_SCAN_H

#include <stddef.h>
#include <stdint.h>

enum {
	SU_SCAN_UNSURE, /* libcsv must read this record */
	SU_SCAN_OK,     /* a whole record: the fields, *used, *lines */
	SU_SCAN_MORE    /* the record goes past the bytes given */
};

/* what the scanner knows of 64 bytes: bit i for byte i */
struct su_scan_blk {
	uint64_t fe;  /* delimiters outside quotes: field ends */
	uint64_t le;  /* LFs outside quotes: record ends */
	uint64_t bad; /* bytes libcsv must judge */
	uint64_t fq;  /* the second quotes of pairs ("") */
	uint64_t ql;  /* LFs inside quotes */
};

/* what goes from one block to the next: bit 63 of the last block made
 * (all ones: inside quotes; text outside quotes, a closing quote, a CR
 * outside quotes, a quote) */
struct su_scan_carry {
	uint64_t par, ct, ccq, ccs, cqq;
};

enum { SU_SCAN_HOW_PLAIN, SU_SCAN_HOW_SSE2, SU_SCAN_HOW_AVX2 };

struct su_scan {
	unsigned char delim, quote; /* quote 0: none (TSV) */
	/* the last record's fields: NUL-terminated in rec, a copy of its
	 * bytes (quotes taken off, doubled quotes made single) */
	const char **f;
	size_t *len;
	size_t n, cap;
	char *rec;
	size_t reccap;
	/* the blocks made ahead, from wb: wn of them in bk, of the bytes up
	 * to wend; the carries into the next (bit 63 of the last: inside
	 * quotes, text outside quotes, a closing quote, a CR outside
	 * quotes, a quote) */
	const char *wb, *wend;
	struct su_scan_blk *bk;
	size_t wn, wcap;
	struct su_scan_carry c;
	/* the search, as su_scan_init found the processor: the tests set
	 * another to compare them */
	int how;
};

/* 1 if the scanner can read this dialect (delimiter and quote as libcsv
 * is given them), else 0: every record then goes to libcsv */
int su_scan_init(struct su_scan *sc, int delim, int quote);
/* One record at s[0..n): SU_SCAN_OK with its fields in sc->f, sc->len,
 * sc->n (valid until the next call), the bytes it takes, its line end
 * included, in *used, and the lines they span in *lines; SU_SCAN_MORE if
 * it may go past n; SU_SCAN_UNSURE for anything libcsv should judge (a
 * blank line, a quote in an unquoted field or text after a closing one,
 * a bare CR, a NUL).  The scanner keeps what it learnt of the bytes after
 * the record for the next call: the bytes at s must not change, move or
 * grow until su_scan_reset. */
int su_scan_record(struct su_scan *sc, const char *s, size_t n,
                   size_t *used, long *lines);
/* the bytes the last calls saw are gone or changed */
void su_scan_reset(struct su_scan *sc);
/* a quoted field's text with its doubled quotes made single, in place;
 * its new length */
size_t su_scan_unescape(char *s, size_t len, int quote);
void su_scan_free(struct su_scan *sc);

#endif
