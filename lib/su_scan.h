/*
 * su_scan.h - lib/scan.c: the fast record scanner
 *
 * Prints nothing.  The scanner splits one record of a common dialect
 * (a one-byte delimiter, RFC 4180 quotes or none, LF or CRLF) into field
 * spans of its input; whatever it is not sure of it leaves to libcsv
 * (SU_SCAN_UNSURE), which stays the reference: csvin.c then feeds that
 * record to libcsv, so errors, messages and line numbers are libcsv's.
 */
#ifndef SU_SCAN_H
#define SU_SCAN_H

#include <stddef.h>

enum {
	SU_SCAN_UNSURE, /* libcsv must read this record */
	SU_SCAN_OK,     /* a whole record: the spans, *used, *lines */
	SU_SCAN_MORE    /* the record goes past the bytes given */
};

struct su_scan {
	unsigned char delim, quote; /* quote 0: none (TSV) */
	unsigned char cls[256];     /* 1: a byte that can end a field */
	size_t *off, *len;          /* the last record's fields, quotes
	                             * excluded, in the bytes scanned */
	size_t n, cap;
	size_t *esc; /* the fields holding doubled quotes: su_scan_unescape */
	size_t nesc, esccap;
};

/* 1 if the scanner can read this dialect (delimiter and quote as libcsv
 * is given them), else 0: every record then goes to libcsv */
int su_scan_init(struct su_scan *sc, int delim, int quote);
/* One record at s[0..n): SU_SCAN_OK with its fields in sc->off, sc->len,
 * the bytes it takes, its line end included, in *used, and the newlines
 * in them in *lines; SU_SCAN_MORE if it may go past n; SU_SCAN_UNSURE for
 * anything libcsv should judge (a blank line, a quote in an unquoted
 * field or text after a closing one, a bare CR, a NUL). */
int su_scan_record(struct su_scan *sc, const char *s, size_t n,
                   size_t *used, long *lines);
/* a quoted field's text with its doubled quotes made single, in place;
 * its new length */
size_t su_scan_unescape(char *s, size_t len, int quote);
void su_scan_free(struct su_scan *sc);

#endif
