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
 * six shifts, carried from block to block), so a record's field ends are
 * its delimiters outside quotes and its end the first LF outside quotes;
 * the quoting rules are checked on whole masks too.  The blocks are made
 * ahead, sixteen at a time, in a loop that does nothing else; a record
 * then costs a few operations a block and a few a field.
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
/* AVX2 where the processor has it, chosen as the program runs */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(SU_SCAN_PLAIN)
#define SU_SCAN_AVX2 1
#include <immintrin.h>
#endif

/* the block loop is one function for each search: its parts inlined
 * (for the AVX2 one, into a function compiled for AVX2) */
#ifdef __GNUC__
#define SU_INLINE __attribute__((always_inline)) inline
#else
#define SU_INLINE inline
#endif

/* sc->how */
enum { PLAIN = SU_SCAN_HOW_PLAIN, SSE2 = SU_SCAN_HOW_SSE2,
       AVX2 = SU_SCAN_HOW_AVX2 };

/* blocks made at a time: a record's worth and more */
#define AHEAD 16

int
su_scan_init(struct su_scan *sc, int delim, int quote)
{
	sc->delim = (unsigned char)delim;
	sc->quote = (unsigned char)quote;
	sc->wb = NULL;
	sc->how = PLAIN;
#if defined(__SSE2__) && !defined(SU_SCAN_PLAIN)
	sc->how = SSE2;
#endif
#ifdef SU_SCAN_AVX2
	__builtin_cpu_init();
	if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("pclmul"))
		sc->how = AVX2;
#endif
	/* a delimiter that is also a line end, a NUL or the quote would
	 * need libcsv's order of tests: not a dialect anyone exports */
	return delim > 0 && delim < 256 && delim != '\n' && delim != '\r' &&
	    delim != quote;
}

void
su_scan_reset(struct su_scan *sc)
{
	sc->wb = NULL;
}

/* the bytes of a block */
struct bytes {
	uint64_t q, d, l, c, z; /* quote, delimiter, LF, CR, NUL */
};

/* the masks of s[0..nb), nb <= 64, a byte at a time: the plain search,
 * and the last bytes given, fewer than a block */
static void
mask_bytes(const struct su_scan *sc, const char *s, size_t nb,
           struct bytes *m)
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

/* bit i: an odd number of quotes in q up to bit i */
static SU_INLINE uint64_t
prefix_xor(uint64_t x)
{
	x ^= x << 1;
	x ^= x << 2;
	x ^= x << 4;
	x ^= x << 8;
	x ^= x << 16;
	x ^= x << 32;
	return x;
}

/* a block's bits from its bytes; x the prefix XOR of its quotes, valid
 * its bytes (all but at the end of the input) */
static SU_INLINE void
derive(const struct bytes *m, uint64_t x, uint64_t valid, struct su_scan_carry *c,
       struct su_scan_blk *b)
{
	uint64_t in, nin, t, cq, op, cs;

	if ((m->q | m->c | m->z | c->par | c->ccq | c->ccs) == 0) {
		/* outside quotes, no quote, CR or NUL (the common block of
		 * unquoted data): every delimiter ends a field, every LF a
		 * record */
		b->bad = b->fq = b->ql = 0;
		b->fe = m->d;
		b->le = m->l;
		c->ct = (~(m->d | m->l) & valid) >> 63;
		c->cqq = 0;
		return;
	}
	in = x ^ c->par;
	nin = ~in;
	/* text outside quotes; the closing and opening quotes; CRs outside
	 * quotes */
	t = nin & ~(m->q | m->d | m->l | m->c) & valid;
	cq = m->q & nin;
	op = m->q & in;
	cs = m->c & nin;
	b->fe = m->d & nin;
	b->le = m->l & nin;
	/* a NUL; text right after a closing quote or right before an
	 * opening one (a quote inside an unquoted field, or text after a
	 * quoted one); a CR outside quotes with no LF after it.  A record
	 * starts after an LF: none of these. */
	b->bad = (m->z | ((cq << 1 | c->ccq) & t) | ((t << 1 | c->ct) & op) |
	    ((cs << 1 | c->ccs) & ~m->l)) & valid;
	/* an opening quote right after a quote: a pair's second */
	b->fq = op & (m->q << 1 | c->cqq);
	b->ql = m->l & in;
	c->par = (uint64_t)0 - (in >> 63);
	c->ct = t >> 63;
	c->ccq = cq >> 63;
	c->ccs = cs >> 63;
	c->cqq = m->q >> 63;
}

#if defined(__SSE2__) && !defined(SU_SCAN_PLAIN)
/* the masks of p[0..64) with SSE2: four loads, a mask of each kind from
 * each, shifts that are constants; CRs only when there are any.  A NUL
 * (the least byte 0) is left to mask_bytes, and so is a quote character
 * of 0 (TSV), which vq would take for NULs. */
static SU_INLINE void
mask_sse2(const struct su_scan *sc, const char *p, struct bytes *m)
{
	const __m128i vq = _mm_set1_epi8((char)sc->quote);
	const __m128i vd = _mm_set1_epi8((char)sc->delim);
	const __m128i vl = _mm_set1_epi8('\n');
	const __m128i vc = _mm_set1_epi8('\r');
	__m128i v, low = _mm_set1_epi8(-1), cr = _mm_setzero_si128();

#define SU_SCAN_16(k) \
	v = _mm_loadu_si128((const __m128i *)(const void *)(p + (k))); \
	low = _mm_min_epu8(low, v); \
	cr = _mm_or_si128(cr, _mm_cmpeq_epi8(v, vc)); \
	m->q |= (uint64_t)(unsigned)_mm_movemask_epi8( \
	    _mm_cmpeq_epi8(v, vq)) << (k); \
	m->d |= (uint64_t)(unsigned)_mm_movemask_epi8( \
	    _mm_cmpeq_epi8(v, vd)) << (k); \
	m->l |= (uint64_t)(unsigned)_mm_movemask_epi8( \
	    _mm_cmpeq_epi8(v, vl)) << (k)
#define SU_SCAN_CR(k) \
	m->c |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8( \
	    _mm_loadu_si128((const __m128i *)(const void *)(p + (k))), vc)) \
	    << (k)
	m->q = m->d = m->l = m->c = m->z = 0;
	SU_SCAN_16(0);
	SU_SCAN_16(16);
	SU_SCAN_16(32);
	SU_SCAN_16(48);
	if (_mm_movemask_epi8(cr)) {
		SU_SCAN_CR(0);
		SU_SCAN_CR(16);
		SU_SCAN_CR(32);
		SU_SCAN_CR(48);
	}
#undef SU_SCAN_16
#undef SU_SCAN_CR
	if (_mm_movemask_epi8(_mm_cmpeq_epi8(low, _mm_setzero_si128())))
		mask_bytes(sc, p, 64, m);
}
#endif

#ifdef SU_SCAN_AVX2
/* the same with AVX2 (two loads), and the prefix XOR in one carry-less
 * multiplication by all ones: for the processors that have them, found
 * when the program starts (su_scan_init) */
__attribute__((target("avx2,pclmul"))) static inline void
mask_avx2(const struct su_scan *sc, const char *p, struct bytes *m)
{
	const __m256i vq = _mm256_set1_epi8((char)sc->quote);
	const __m256i vd = _mm256_set1_epi8((char)sc->delim);
	const __m256i vl = _mm256_set1_epi8('\n');
	const __m256i vc = _mm256_set1_epi8('\r');
	const __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)p);
	const __m256i b = _mm256_loadu_si256((const __m256i *)(const void *)
	    (p + 32));

#define SU_SCAN_32(v) \
	((uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, v)) | \
	(uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, v)) << 32)
	m->q = SU_SCAN_32(vq);
	m->d = SU_SCAN_32(vd);
	m->l = SU_SCAN_32(vl);
	m->c = SU_SCAN_32(vc);
	m->z = 0;
#undef SU_SCAN_32
	if (_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_min_epu8(a, b),
	    _mm256_setzero_si256())))
		mask_bytes(sc, p, 64, m);
}

__attribute__((target("avx2,pclmul"))) static inline uint64_t
prefix_xor_clmul(uint64_t x)
{
	return (uint64_t)_mm_cvtsi128_si64(_mm_clmulepi64_si128(
	    _mm_set_epi64x(0, (long long)x), _mm_set1_epi8(-1), 0));
}
#endif

/*
 * Up to AHEAD blocks more, as far as the bytes go: 0, or -1 if they are
 * all made already.  The carries from block to block in a local: a store
 * to the blocks could be to them, for the compiler.  how: the search,
 * a constant, so that each of make's callers is compiled for its own.
 */
static SU_INLINE int
make_with(struct su_scan *sc, int how)
{
	const size_t tot = (size_t)(sc->wend - sc->wb), off = 64 * sc->wn;
	struct su_scan_carry c;
	struct su_scan_blk *b;
	const char *p;
	size_t avail, i;
	struct bytes m;
	uint64_t x;

	(void)how; /* with -DSU_SCAN_PLAIN, one search */
	if (off >= tot)
		return -1;
	p = sc->wb + off;
	avail = tot - off;
	if (sc->wn + AHEAD > sc->wcap) {
		sc->wcap = sc->wcap ? sc->wcap * 2 : 4 * AHEAD;
		sc->bk = su_xrealloc(sc->bk, sc->wcap * sizeof *sc->bk);
	}
	c = sc->c;
	b = sc->bk + sc->wn;
	for (i = 0; i < AHEAD && avail >= 64; i++, p += 64, b++) {
		avail -= 64;
#ifdef SU_SCAN_AVX2
		if (how == AVX2) {
			mask_avx2(sc, p, &m);
			x = m.q ? prefix_xor_clmul(m.q) : 0;
			derive(&m, x, ~(uint64_t)0, &c, b);
			continue;
		}
#endif
#if defined(__SSE2__) && !defined(SU_SCAN_PLAIN)
		if (how == SSE2)
			mask_sse2(sc, p, &m);
		else
#endif
			mask_bytes(sc, p, 64, &m);
		x = m.q ? prefix_xor(m.q) : 0;
		derive(&m, x, ~(uint64_t)0, &c, b);
	}
	if (i < AHEAD && avail) {
		/* the last bytes: the bits past them stay clear */
		mask_bytes(sc, p, avail, &m);
		derive(&m, prefix_xor(m.q), ((uint64_t)1 << avail) - 1, &c,
		    b++);
	}
	sc->wn = (size_t)(b - sc->bk);
	sc->c = c;
	return 0;
}

static int
make_plain(struct su_scan *sc)
{
	return make_with(sc, PLAIN);
}

#if defined(__SSE2__) && !defined(SU_SCAN_PLAIN)
static int
make_sse2(struct su_scan *sc)
{
	return make_with(sc, SSE2);
}
#endif

#ifdef SU_SCAN_AVX2
__attribute__((target("avx2,pclmul"))) static int
make_avx2(struct su_scan *sc)
{
	return make_with(sc, AVX2);
}
#endif

static int
make(struct su_scan *sc)
{
	switch (sc->how) {
#ifdef SU_SCAN_AVX2
	case AVX2:
		return make_avx2(sc);
#endif
#if defined(__SSE2__) && !defined(SU_SCAN_PLAIN)
	case SSE2:
		return make_sse2(sc);
#endif
	default:
		return make_plain(sc);
	}
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

/* su_scan_unescape from s[at], the second quote of the first pair: the
 * scanner knows where it is (fq), with no search */
static size_t
unescape_at(char *s, size_t len, size_t at, int quote)
{
	char *d = s + at, *q = d + 1, *end = s + len;

	/* a quote copied is the first of a pair: its second dropped */
	while (q < end)
		if ((*d++ = *q++) == (char)quote)
			q++;
	return (size_t)(d - s);
}

size_t
su_scan_unescape(char *s, size_t len, int quote)
{
	char *q;

	if ((q = memchr(s, quote, len)) == NULL)
		return len;
	return unescape_at(s, len, (size_t)(q - s) + 1, quote);
}

/* a block's bits that are the record's, at k..e from the first block's
 * start (its blocks j0..j1) */
static inline uint64_t
span(uint64_t m, size_t i, size_t j0, size_t j1, size_t k, size_t e)
{
	if (i == j0)
		m &= ~(uint64_t)0 << (k % 64);
	if (i == j1)
		m &= ((uint64_t)2 << (e % 64)) - 1;
	return m;
}

/*
 * The fields of the record copied into sc->rec: its bytes k..e (e its
 * LF), counted from the start of the window, in blocks j0..j1.  Each
 * field ends at a delimiter outside quotes, the last at the LF or the CR
 * before it.  The arrays are in locals: a store through a char pointer
 * could be to any of them, for the compiler.
 */
static size_t
fields(struct su_scan *sc, size_t k, size_t j0, size_t j1, size_t e)
{
	char *d = sc->rec, *p = d, *q, *fp;
	const char **f;
	size_t *len;
	struct su_scan_blk *bk = sc->bk;
	const int quote = sc->quote;
	size_t i, nf = 0, base, te, qs, l;
	uint64_t m;

	/* at most 64 fields a block, and the last */
	if (sc->cap < 64 * (j1 - j0 + 1) + 1)
		more_fields(sc, 64 * (j1 - j0 + 1) + 1);
	f = sc->f;
	len = sc->len;
	/* the last field's end, the LF or the CR before it, one more: before
	 * the next record's start, so no other record sees it */
	te = e - (d[e - k - 1] == '\r');
	bk[te / 64].fe |= (uint64_t)1 << (te % 64);
	for (i = j0; i <= j1; i++) {
		/* the block's byte 0 in the copy (unsigned: the first
		 * block's may be before it, its bits never) */
		base = 64 * i - k;
		for (m = span(bk[i].fe, i, j0, j1, k, e); m; m &= m - 1) {
			/* a quoted field without its quotes, its NUL where
			 * its closing quote or end was */
			q = d + (base + (unsigned)__builtin_ctzll(m));
			qs = (unsigned char)*p == quote;
			fp = p + qs;
			l = (size_t)(q - fp) - qs;
			fp[l] = '\0';
			f[nf] = fp;
			len[nf++] = l;
			p = q + 1;
		}
	}
	return nf;
}

/* the fields holding the second quotes of pairs made single, each once;
 * a field ends where its NUL went (k..e, j0..j1 as in fields) */
static void
unescape(struct su_scan *sc, size_t k, size_t j0, size_t j1, size_t e)
{
	size_t i = 0, j, pos, end = 0, l;
	uint64_t m;
	char *p;

	for (j = j0; j <= j1; j++)
		for (m = span(sc->bk[j].fq, j, j0, j1, k, e); m;
		    m &= m - 1) {
			pos = 64 * j + (size_t)__builtin_ctzll(m) - k;
			if (pos < end)
				continue; /* in the field made single last */
			while ((end = (size_t)(sc->f[i] - sc->rec) +
			    sc->len[i]) <= pos)
				i++;
			p = sc->rec + (sc->f[i] - sc->rec);
			l = unescape_at(p, sc->len[i], pos - (size_t)(p -
			    sc->rec), sc->quote);
			p[l] = '\0';
			sc->len[i] = l;
		}
}

/* the blocks made afresh from s, the bytes ending at end */
static void
restart(struct su_scan *sc, const char *s, const char *end)
{
	sc->wb = s;
	sc->wend = end;
	sc->wn = 0;
	memset(&sc->c, 0, sizeof sc->c);
}

int
su_scan_record(struct su_scan *sc, const char *s, size_t n, size_t *used,
               long *lines)
{
	const struct su_scan_blk *b;
	size_t k, j, j0, e;
	uint64_t r, lend, x, esc = 0;
	long nl = 0;

	sc->n = 0;
	if (n == 0)
		return SU_SCAN_MORE;
	/* a blank line, or a CR libcsv skips before a record: its call */
	if (s[0] == '\n' || s[0] == '\r')
		return SU_SCAN_UNSURE;
	/* the blocks made so far go on, if the record starts in them, with
	 * the bytes ending where they did, right after an LF they have
	 * outside quotes (else after a record libcsv read: a bare CR, or
	 * quotes left open, made afresh) */
	if (sc->wb == NULL || sc->wend != s + n || s < sc->wb ||
	    (k = (size_t)(s - sc->wb)) >= 64 * sc->wn || (k &&
	    !(sc->bk[(k - 1) / 64].le >> ((k - 1) % 64) & 1))) {
		restart(sc, s, s + n);
		k = 0;
	} else if (k >= 64 * AHEAD) {
		/* the blocks behind the record dropped */
		j0 = k / 64;
		memmove(sc->bk, sc->bk + j0, (sc->wn - j0) * sizeof *sc->bk);
		sc->wn -= j0;
		sc->wb += 64 * j0;
		k %= 64;
	}
	j0 = k / 64;
	for (j = j0, r = ~(uint64_t)0 << (k % 64);; j++, r = ~(uint64_t)0) {
		if (j == sc->wn && make(sc) < 0)
			return SU_SCAN_MORE;
		b = &sc->bk[j];
		if ((lend = b->le & r) != 0)
			r &= ((uint64_t)2 << __builtin_ctzll(lend)) - 1;
		if (b->bad & r)
			return SU_SCAN_UNSURE;
		esc |= b->fq & r;
		/* LFs inside quotes: lines of the record */
		if ((x = b->ql & r) != 0)
			nl += __builtin_popcountll(x);
		if (lend)
			break;
	}
	e = 64 * j + (size_t)__builtin_ctzll(lend);
	*used = e - k + 1;
	*lines = nl + 1;
	if (sc->reccap < *used) {
		sc->reccap = *used + *used / 2 + 64;
		free(sc->rec);
		sc->rec = su_xmalloc(sc->reccap);
	}
	memcpy(sc->rec, s, *used);
	sc->n = fields(sc, k, j0, j, e);
	if (esc)
		unescape(sc, k, j0, j, e);
	return SU_SCAN_OK;
}

void
su_scan_free(struct su_scan *sc)
{
	free(sc->f);
	free(sc->len);
	free(sc->rec);
	free(sc->bk);
	sc->f = NULL;
	sc->len = NULL;
	sc->rec = NULL;
	sc->bk = NULL;
	sc->n = sc->cap = sc->reccap = sc->wn = sc->wcap = 0;
	sc->wb = NULL;
}
