/*
 * scan.c - the fast record scanner (see su_scan.h)
 *
 * libcsv looks at every byte through a switch and copies it into its
 * field buffer one at a time: 35 instructions a byte.  Here the bytes
 * that can end a field (the delimiter, the quote, CR, LF, NUL) are found
 * 64 at a time, as a bit mask (SSE2 where the compiler has it, as on
 * every x86-64; a table a byte elsewhere, or with -DSU_SCAN_PLAIN, which
 * the tests build too), and the scanner steps from one
 * such byte to the next: the bytes between are never looked at one by
 * one.  A record of fifteen quoted fields costs some fifty steps.
 *
 * What the scanner hands back must be what libcsv (CSV_STRICT, no space
 * trimmed) would hand back, so it only says SU_SCAN_OK for the cases
 * where the two cannot differ: fields unquoted (no quote, CR, LF or NUL
 * in them) or quoted (anything but a NUL, doubled quotes, the closing
 * quote followed by the delimiter or the line end), the record ended by
 * LF or CRLF.  Anything else, libcsv reads.
 */
#include "su_scan.h"
#include "su_err.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__) && !defined(SU_SCAN_PLAIN)
#include <emmintrin.h>
#endif

int
su_scan_init(struct su_scan *sc, int delim, int quote)
{
	int c;

	sc->delim = (unsigned char)delim;
	sc->quote = (unsigned char)quote;
	for (c = 0; c < 256; c++)
		sc->cls[c] = c == delim || c == quote || c == '\n' ||
		    c == '\r' || c == '\0';
	/* a delimiter that is also a line end, a NUL or the quote would
	 * need libcsv's order of tests: not a dialect anyone exports */
	return delim > 0 && delim < 256 && delim != '\n' && delim != '\r' &&
	    delim != quote;
}

/* the stopping bytes of s[0..64): bit i for s[i].  With SSE2, every byte
 * up to CR (13) is one (LF, CR and NUL in two operations, not five); the
 * scanner steps over the other control bytes as text. */
static inline uint64_t
mask64(const struct su_scan *sc, const char *s)
{
	uint64_t m = 0;
#if defined(__SSE2__) && !defined(SU_SCAN_PLAIN)
	const __m128i q = _mm_set1_epi8((char)sc->quote);
	const __m128i d = _mm_set1_epi8((char)sc->delim);
	const __m128i cr = _mm_set1_epi8('\r');
	__m128i v, e;
	int k;

	for (k = 0; k < 64; k += 16) {
		v = _mm_loadu_si128((const __m128i *)(const void *)(s + k));
		e = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, q),
		    _mm_cmpeq_epi8(v, d)),
		    _mm_cmpeq_epi8(_mm_min_epu8(v, cr), v)); /* v <= CR */
		m |= (uint64_t)(unsigned)_mm_movemask_epi8(e) << k;
	}
#else
	int k;

	for (k = 0; k < 64; k++)
		m |= (uint64_t)sc->cls[(unsigned char)s[k]] << k;
#endif
	return m;
}

/* the block of 64 bytes the scanner is in: bit i for s[bo + i] */
struct blk {
	size_t bo;
	uint64_t bits;
};

/* the offset of the first stopping byte at or after i, or n; i never goes
 * back, so a block's mask is made once */
static inline size_t
next(const struct su_scan *sc, const char *s, size_t n, struct blk *b,
     size_t i)
{
	uint64_t m;
	size_t k;

	for (;;) {
		if (i - b->bo < 64) {
			m = b->bits >> (i - b->bo);
			if (m)
				return i + (size_t)__builtin_ctzll(m);
			i = b->bo + 64;
		}
		if (i >= n)
			return n;
		b->bo = i;
		if (n - i >= 64) {
			b->bits = mask64(sc, s + i);
		} else {
			b->bits = 0;
			for (k = 0; k < n - i; k++)
				b->bits |= (uint64_t)sc->cls[(unsigned char)
				    s[i + k]] << k;
		}
	}
}

/* room for more fields; the scanner keeps its arrays in locals */
static void
more_fields(struct su_scan *sc)
{
	sc->cap = sc->cap ? sc->cap * 2 : 64;
	sc->off = su_xrealloc(sc->off, sc->cap * sizeof *sc->off);
	sc->len = su_xrealloc(sc->len, sc->cap * sizeof *sc->len);
}

/* field k holds doubled quotes */
static void
addesc(struct su_scan *sc, size_t k)
{
	if (sc->nesc == sc->esccap) {
		sc->esccap = sc->esccap ? sc->esccap * 2 : 16;
		sc->esc = su_xrealloc(sc->esc, sc->esccap * sizeof *sc->esc);
	}
	sc->esc[sc->nesc++] = k;
}

int
su_scan_record(struct su_scan *sc, const char *s, size_t n, size_t *used,
               long *lines)
{
	/* no block made yet: bo so far off that every i is outside it */
	struct blk b = {(size_t)1 << 63, 0};
	const unsigned char quote = sc->quote, delim = sc->delim;
	size_t p = 0, q, nf = 0;
	long nl = 0;
	int esc;

	sc->n = sc->nesc = 0;
	if (n == 0)
		return SU_SCAN_MORE;
	/* a blank line, or a CR libcsv skips before a record: its call */
	if (s[0] == '\n' || s[0] == '\r')
		return SU_SCAN_UNSURE;
	for (;; nf++) {
		if (nf == sc->cap)
			more_fields(sc);
		/* here p < n, at the first byte of a field */
		if (quote && (unsigned char)s[p] == quote) {
			esc = 0;
			for (q = p + 1;; q++) {
				q = next(sc, s, n, &b, q);
				if (q == n)
					return SU_SCAN_MORE;
				if ((unsigned char)s[q] == quote) {
					if (q + 1 == n)
						return SU_SCAN_MORE;
					if ((unsigned char)s[q + 1] != quote)
						break;
					esc = 1; /* "" is one quote */
					q++;
				} else if (s[q] == '\n')
					nl++;
				else if (s[q] == '\0')
					return SU_SCAN_UNSURE;
				/* else a delimiter, CR or other control
				 * byte: text */
			}
			if (esc)
				addesc(sc, nf);
			sc->off[nf] = p + 1;
			sc->len[nf] = q - p - 1;
			p = q + 1;
		} else {
			for (q = p;; q++) {
				q = next(sc, s, n, &b, q);
				if (q == n)
					return SU_SCAN_MORE;
				if ((unsigned char)s[q] == delim ||
				    s[q] == '\n' || s[q] == '\r')
					break;
				/* a quote here is libcsv's strict error
				 * (with no quote character, a NUL) */
				if (s[q] == '\0' ||
				    (unsigned char)s[q] == quote)
					return SU_SCAN_UNSURE;
				/* else another control byte: text */
			}
			sc->off[nf] = p;
			sc->len[nf] = q - p;
			p = q;
		}
		/* after a field: the delimiter, or the end of the record */
		if (p == n)
			return SU_SCAN_MORE;
		if ((unsigned char)s[p] == delim) {
			if (++p == n)
				return SU_SCAN_MORE;
			continue;
		}
		if (s[p] == '\r') {
			if (p + 1 == n)
				return SU_SCAN_MORE;
			/* a bare CR ends a row, in libcsv */
			if (s[p + 1] != '\n')
				return SU_SCAN_UNSURE;
			p++;
		}
		if (s[p] != '\n')
			return SU_SCAN_UNSURE; /* text after a closing quote */
		sc->n = nf + 1;
		*used = p + 1;
		*lines = nl + 1;
		return SU_SCAN_OK;
	}
}

size_t
su_scan_unescape(char *s, size_t len, int quote)
{
	char *d, *q, *end = s + len;

	if ((q = memchr(s, quote, len)) == NULL)
		return len;
	/* q is the first of a pair: kept, its second dropped */
	for (d = q + 1, q += 2; q < end; )
		if ((*d++ = *q++) == (char)quote)
			q++;
	return (size_t)(d - s);
}

void
su_scan_free(struct su_scan *sc)
{
	free(sc->off);
	free(sc->len);
	free(sc->esc);
	sc->off = sc->len = sc->esc = NULL;
	sc->n = sc->cap = sc->nesc = sc->esccap = 0;
}
