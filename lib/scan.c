/*
 * scan.c - the fast record scanner (see su_scan.h)
 *
 * libcsv looks at every byte through a switch and copies it into its
 * field buffer one at a time: 35 instructions a byte.  Here the bytes
 * that matter (the quote, the delimiter, LF, CR, NUL) are found 64 at a
 * time, as bit masks (SSE2 where the compiler has it, as on every x86-64;
 * a loop a byte elsewhere, or with -DSU_SCAN_PLAIN, which the tests build
 * too), and the rest is arithmetic on the masks: which bytes are inside
 * quotes is the running parity of the quotes before them (a prefix XOR,
 * six shifts), so a record's field ends are its delimiters outside quotes
 * and its end the first LF outside quotes, each found with one count of
 * trailing zeros; the quoting rules are checked on whole masks too.  A
 * block's masks are made once, and the next record starts in the block
 * the last one ended in.
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
	sc->delim = (unsigned char)delim;
	sc->quote = (unsigned char)quote;
	sc->cb = NULL;
	/* a delimiter that is also a line end, a NUL or the quote would
	 * need libcsv's order of tests: not a dialect anyone exports */
	return delim > 0 && delim < 256 && delim != '\n' && delim != '\r' &&
	    delim != quote;
}

void
su_scan_reset(struct su_scan *sc)
{
	sc->cb = NULL;
}

/* the masks of s[0..nb), nb <= 64, a byte at a time: the plain search,
 * and the last bytes given, fewer than a block */
static void
mask_bytes(const struct su_scan *sc, const char *s, size_t nb,
           struct su_scan_blk *m)
{
	/* no quote character: a value no byte has */
	const int quote = sc->quote ? sc->quote : 256, delim = sc->delim;
	uint64_t q = 0, d = 0, l = 0, c = 0, z = 0;
	size_t i;
	int ch;

	for (i = 0; i < nb; i++) {
		ch = (unsigned char)s[i];
		q |= (uint64_t)(ch == quote) << i;
		d |= (uint64_t)(ch == delim) << i;
		l |= (uint64_t)(ch == '\n') << i;
		c |= (uint64_t)(ch == '\r') << i;
		z |= (uint64_t)(ch == '\0') << i;
	}
	m->q = q, m->d = d, m->l = l, m->c = c, m->z = z;
}

#if defined(__SSE2__) && !defined(SU_SCAN_PLAIN)
/* the masks of s[0..64) with SSE2; NULs are only looked for one by one
 * when the block has one */
static inline void
mask64(const struct su_scan *sc, const char *s, struct su_scan_blk *m)
{
	const __m128i vq = _mm_set1_epi8((char)sc->quote);
	const __m128i vd = _mm_set1_epi8((char)sc->delim);
	const __m128i vl = _mm_set1_epi8('\n');
	const __m128i vc = _mm_set1_epi8('\r');
	const __m128i zero = _mm_setzero_si128();
	__m128i v, nul = zero;
	uint64_t q, d, l, c;

	/* a byte's bit in each mask; four loads, the shifts constants */
#define SU_SCAN_16(k) \
	v = _mm_loadu_si128((const __m128i *)(const void *)(s + (k))); \
	q |= (uint64_t)(unsigned)_mm_movemask_epi8( \
	    _mm_cmpeq_epi8(v, vq)) << (k); \
	d |= (uint64_t)(unsigned)_mm_movemask_epi8( \
	    _mm_cmpeq_epi8(v, vd)) << (k); \
	l |= (uint64_t)(unsigned)_mm_movemask_epi8( \
	    _mm_cmpeq_epi8(v, vl)) << (k); \
	c |= (uint64_t)(unsigned)_mm_movemask_epi8( \
	    _mm_cmpeq_epi8(v, vc)) << (k); \
	nul = _mm_or_si128(nul, _mm_cmpeq_epi8(v, zero))

	q = d = l = c = 0;
	SU_SCAN_16(0);
	SU_SCAN_16(16);
	SU_SCAN_16(32);
	SU_SCAN_16(48);
#undef SU_SCAN_16
	if (_mm_movemask_epi8(nul)) {
		mask_bytes(sc, s, 64, m);
		return;
	}
	/* with no quote character (TSV) vq matched the NULs: none */
	m->q = sc->quote ? q : 0;
	m->d = d, m->l = l, m->c = c, m->z = 0;
}
#endif

/* the block at s, of nb bytes (64, or fewer at the end of the bytes) */
static inline void
block(const struct su_scan *sc, const char *s, size_t nb,
      struct su_scan_blk *m)
{
	uint64_t x;

#if defined(__SSE2__) && !defined(SU_SCAN_PLAIN)
	if (nb >= 64)
		mask64(sc, s, m);
	else
#endif
		mask_bytes(sc, s, nb < 64 ? nb : 64, m);
	/* bit i: an odd number of quotes in s[0..i] */
	if ((x = m->q) != 0) {
		x ^= x << 1;
		x ^= x << 2;
		x ^= x << 4;
		x ^= x << 8;
		x ^= x << 16;
		x ^= x << 32;
	}
	m->px = x;
}

/* room for need fields */
static void
more_fields(struct su_scan *sc, size_t need)
{
	while (sc->cap < need)
		sc->cap = sc->cap ? sc->cap * 2 : 128;
	sc->f = su_xrealloc(sc->f, sc->cap * sizeof *sc->f);
	sc->len = su_xrealloc(sc->len, sc->cap * sizeof *sc->len);
}

/* room for the masks of one block more than nb */
static void
more_blocks(struct su_scan *sc)
{
	sc->bcap = sc->bcap ? sc->bcap * 2 : 64;
	sc->fe = su_xrealloc(sc->fe, sc->bcap * sizeof *sc->fe);
	sc->fq = su_xrealloc(sc->fq, sc->bcap * sizeof *sc->fq);
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

/*
 * The fields of the record copied into sc->rec: its first byte k in its
 * first block, nb blocks, its LF at e (both counted from the first
 * block's start).  Each field ends at a delimiter of sc->fe, the last at
 * the LF or the CR before it; a quoted field's quotes are dropped, its
 * closing one taking the NUL.  The arrays are in locals: a store through
 * a char pointer could be to any of them, for the compiler.
 */
static size_t
fields(struct su_scan *sc, size_t k, size_t nb, size_t e)
{
	char *d = sc->rec, *p;
	const char **f;
	size_t *len;
	const uint64_t *fe = sc->fe;
	const int quote = sc->quote;
	size_t a = k, t, i, nf = 0, l, qs, bo;
	uint64_t m;

	for (i = 0, bo = 0; i < nb; i++, bo += 64) {
		if (sc->cap < nf + 65)
			more_fields(sc, nf + 65);
		f = sc->f;
		len = sc->len;
		for (m = fe[i]; m; m &= m - 1) {
			t = bo + (size_t)__builtin_ctzll(m);
			p = d + (a - k);
			qs = (unsigned char)*p == quote;
			p += qs;
			l = t - a - 2 * qs;
			p[l] = '\0';
			f[nf] = p;
			len[nf++] = l;
			a = t + 1;
		}
	}
	t = e - (d[e - k - 1] == '\r');
	p = d + (a - k);
	qs = (unsigned char)*p == quote;
	p += qs;
	l = t - a - 2 * qs;
	p[l] = '\0';
	sc->f[nf] = p;
	sc->len[nf++] = l;
	return nf;
}

/* the fields holding the second quotes of pairs (sc->fq, counted as in
 * fields) made single, each once; a field ends where its NUL went */
static void
unescape(struct su_scan *sc, size_t k, size_t nb)
{
	size_t i = 0, j, bo, pos, end = 0, l;
	uint64_t m;
	char *p;

	for (j = 0, bo = 0; j < nb; j++, bo += 64)
		for (m = sc->fq[j]; m; m &= m - 1) {
			pos = bo + (size_t)__builtin_ctzll(m) - k;
			if (pos < end)
				continue; /* in the field made single last */
			while ((end = (size_t)(sc->f[i] - sc->rec) +
			    sc->len[i]) <= pos)
				i++;
			p = sc->rec + (sc->f[i] - sc->rec);
			l = su_scan_unescape(p, sc->len[i], sc->quote);
			p[l] = '\0';
			sc->len[i] = l;
		}
}

int
su_scan_record(struct su_scan *sc, const char *s, size_t n, size_t *used,
               long *lines)
{
	const uint64_t ones = ~(uint64_t)0;
	struct su_scan_blk m;
	const char *b = s; /* the first block */
	uint64_t *fe, *fq;
	size_t k = 0, avail, j, e;
	uint64_t flip = 0, rng, in, nin, t, cq, cs, op, lend, bad, x;
	/* bit 63 of the block before: text outside quotes, a closing
	 * quote, a CR outside quotes, a quote */
	uint64_t ct = 0, ccq = 0, ccs = 0, cqq = 0, esc = 0;
	long nl = 0;
	int have = 0;

	sc->n = 0;
	if (n == 0)
		return SU_SCAN_MORE;
	/* a blank line, or a CR libcsv skips before a record: its call */
	if (s[0] == '\n' || s[0] == '\r')
		return SU_SCAN_UNSURE;
	if (sc->cb && s >= sc->cb && s < sc->cb + sc->cn &&
	    (sc->cn == 64 || sc->cend == s + n)) {
		/* the record starts in the block the last one ended in, after
		 * its LF; its start is outside quotes, whatever the parity of
		 * the quotes before it in the block */
		b = sc->cb;
		k = (size_t)(s - b);
		m = sc->cm;
		have = 1;
		flip = k && (m.px >> (k - 1) & 1) ? ones : 0;
	}
	avail = k + n;
	rng = ones << k;
	fe = sc->fe;
	fq = sc->fq;
	for (j = 0;; j++, avail -= 64) {
		if (!have)
			block(sc, b + 64 * j, avail, &m);
		have = 0;
		if (j == sc->bcap) {
			more_blocks(sc);
			fe = sc->fe;
			fq = sc->fq;
		}
		if (avail < 64)
			rng &= ((uint64_t)1 << avail) - 1;
		in = m.px ^ flip;
		nin = ~in;
		if ((lend = m.l & nin & rng) != 0)
			rng &= ((uint64_t)2 << __builtin_ctzll(lend)) - 1;
		/* text outside quotes; the closing and opening quotes; CRs
		 * outside quotes */
		t = nin & ~(m.q | m.d | m.l | m.c);
		cq = m.q & nin;
		op = m.q & in;
		cs = m.c & nin;
		/* a NUL; text right after a closing quote or right before an
		 * opening one (a quote inside an unquoted field, or text after
		 * a quoted one); a CR outside quotes with no LF after it.  A
		 * record's first byte follows an LF: none of these. */
		bad = m.z | ((cq << 1 | ccq) & t) | ((t << 1 | ct) & op) |
		    ((cs << 1 | ccs) & ~m.l);
		if (bad & rng)
			return SU_SCAN_UNSURE;
		fe[j] = m.d & nin & rng;
		/* an opening quote right after a quote: a pair's second */
		x = op & (m.q << 1 | cqq) & rng;
		fq[j] = x;
		esc |= x;
		/* LFs inside quotes: lines of the record */
		if ((x = m.l & in & rng) != 0)
			nl += __builtin_popcountll(x);
		if (lend)
			break;
		if (avail <= 64)
			return SU_SCAN_MORE;
		ct = t >> 63;
		ccq = cq >> 63;
		ccs = cs >> 63;
		cqq = m.q >> 63;
		flip = (uint64_t)0 - (in >> 63);
		rng = ones;
	}
	e = 64 * j + (size_t)__builtin_ctzll(lend);
	sc->cb = b + 64 * j;
	sc->cn = avail < 64 ? avail : 64;
	sc->cend = s + n;
	sc->cm = m;

	*used = e - k + 1;
	*lines = nl + 1;
	if (sc->reccap < *used) {
		sc->reccap = *used + *used / 2 + 64;
		free(sc->rec);
		sc->rec = su_xmalloc(sc->reccap);
	}
	memcpy(sc->rec, s, *used);
	sc->n = fields(sc, k, j + 1, e);
	if (esc)
		unescape(sc, k, j + 1);
	return SU_SCAN_OK;
}

void
su_scan_free(struct su_scan *sc)
{
	free(sc->f);
	free(sc->len);
	free(sc->rec);
	free(sc->fe);
	free(sc->fq);
	sc->f = NULL;
	sc->len = NULL;
	sc->rec = NULL;
	sc->fe = sc->fq = NULL;
	sc->n = sc->cap = sc->reccap = sc->bcap = 0;
	sc->cb = NULL;
}
