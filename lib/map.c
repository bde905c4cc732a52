/*
 * map.c - the one hash map of the programs: a key (bytes) to a value of
 * the caller's.  Keys are compared, never only hashed: two keys with the
 * same hash are two entries.  Entries are kept in order of insertion; their
 * keys and values live in large blocks, not one malloc each, so a map of a
 * million ids stays modest.
 */
#include "su.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#define BLOCK 65536 /* bytes of entries per block */

struct block {
	struct block *next;
	size_t used, size;
	uint64_t mem[]; /* entries: header, value, key and a NUL */
};

struct su_map {
	uint32_t *slot;    /* open addressing: 1 + index into all, 0 free */
	size_t nslot, n, valsize, bound;
	struct su_group **all; /* in order of insertion */
	size_t allcap;
	struct su_group **sorted;
	struct block *blk;
	int nocase; /* keys compared ignoring ASCII case */
	struct su_group **recent; /* su_map_recent's slots, or NULL */
	uint64_t (*hash)(const char *, size_t); /* NULL: su_hash */
	int (*eq)(const char *, const char *, size_t);
};

/* Eight bytes at a time (a multiply and a shift each, not FNV's multiply
 * a byte: the lookup of every row).  fold is or-ed into every word:
 * keys equal but for ASCII case differ at most in bit 0x20 of a letter,
 * so with that bit set they hash alike (a few more keys share a hash, and
 * are told apart by eq_folded).  The tail is zero-padded and the length
 * mixed in first, so padding never makes two keys one. */
static inline uint64_t
mix(uint64_t h, uint64_t w)
{
	h = (h ^ w) * 0x9e3779b97f4a7c15ULL;
	return h ^ (h >> 29);
}

static inline uint64_t
hash_words(const char *s, size_t n, uint64_t fold)
{
	uint64_t h = mix(0x243f6a8885a308d3ULL, n), w;
	size_t all = n;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = mix(h, w | fold);
	}
	if (n && all >= 8) {
		/* the last eight bytes of the key, the ones already mixed
		 * shifted out: one load, not a copy of n bytes (on a
		 * big-endian machine the wrong ones: a weaker hash, the
		 * same map, keys being compared) */
		memcpy(&w, s + n - 8, 8);
		h = mix(h, (w | fold) >> (8 * (8 - n)));
	} else if (n) {
		w = 0;
		memcpy(&w, s, n);
		h = mix(h, w | fold);
	}
	return mix(h, h >> 32);
}

uint64_t
su_hash(const char *s, size_t n)
{
	return hash_words(s, n, 0);
}

/* ASCII letters to lower case, every other byte as it is */
static unsigned char
fold(unsigned char c)
{
	return c >= 'A' && c <= 'Z' ? (unsigned char)(c - 'A' + 'a') : c;
}

/* the same spelling (the common case) is one memcmp */
static int
eq_folded(const char *a, const char *b, size_t n)
{
	const unsigned char *x = (const unsigned char *)a;
	const unsigned char *y = (const unsigned char *)b;

	if (su_same(a, b, n))
		return 1;
	while (n--)
		if (fold(*x++) != fold(*y++))
			return 0;
	return 1;
}

struct su_map *
su_map_new(size_t valsize)
{
	struct su_map *m = su_xmalloc(sizeof *m);

	memset(m, 0, sizeof *m);
	m->valsize = valsize;
	return m;
}

void
su_map_bound(struct su_map *m, size_t max)
{
	m->bound = max;
}

/* the entries last found, in slots by a few bytes of their key */
#define RECENT 256 /* a power of two */

void
su_map_recent(struct su_map *m)
{
	if (!m->recent) {
		m->recent = su_xmalloc(RECENT * sizeof *m->recent);
		memset(m->recent, 0, RECENT * sizeof *m->recent);
	}
}

/* a slot of recent for a key: its length and three of its bytes (the
 * last but one: a group key ends with a NUL), cheaper than hashing it
 * whole; two keys in one slot are a miss, the key being compared */
static inline size_t
recent_slot(const char *key, size_t n)
{
	const unsigned char *p = (const unsigned char *)key;
	uint64_t h = n & 0xff;

	/* the bytes side by side, then a multiply's top bits */
	if (n)
		h |= (uint64_t)p[0] << 8 | (uint64_t)p[n / 2] << 16 |
		    (uint64_t)p[n - 1 - (n > 1)] << 24;
	return (size_t)((h * 0x9e3779b97f4a7c15ULL) >> 56);
}

void
su_map_fold(struct su_map *m)
{
	m->nocase = 1;
}

void
su_map_compare(struct su_map *m, uint64_t (*hash)(const char *, size_t),
               int (*eq)(const char *, const char *, size_t))
{
	m->hash = hash;
	m->eq = eq;
}

/* values hold integers, pointers and structs of them (never a long
 * double): 8-byte alignment is theirs, and 8 bytes less per id than 16 */
static size_t
round_up(size_t n)
{
	return (n + 7) & ~(size_t)7;
}

/* room for an entry in the current block, or a new block */
static void *
alloc_entry(struct su_map *m, size_t size)
{
	struct block *b = m->blk;

	size = round_up(size);
	if (!b || b->size - b->used < size) {
		size_t bsize = size > BLOCK / 4 ? size : BLOCK;

		b = su_xmalloc(sizeof *b + bsize);
		b->next = m->blk;
		b->used = 0;
		b->size = bsize;
		m->blk = b;
	}
	b->used += size;
	return (char *)b->mem + b->used - size;
}

static void
grow(struct su_map *m)
{
	size_t i, j, mask;

	if (m->n >= UINT32_MAX - 1)
		(void)su_xmalloc(SIZE_MAX); /* out of memory, said as such */
	free(m->slot);
	m->nslot = m->nslot ? m->nslot * 2 : 64;
	m->slot = su_xmalloc(m->nslot * sizeof *m->slot);
	memset(m->slot, 0, m->nslot * sizeof *m->slot);
	mask = m->nslot - 1;
	for (i = 0; i < m->n; i++) {
		for (j = m->all[i]->hash & mask; m->slot[j]; j = (j + 1) & mask)
			;
		m->slot[j] = (uint32_t)(i + 1);
	}
}

/* a new entry for the key of hash h: apart from su_map_get, so a lookup
 * that finds its key (nearly every one) stays short */
static struct su_group *
insert(struct su_map *m, const char *key, size_t len, uint64_t h)
{
	size_t i, mask, vs = round_up(m->valsize);
	struct su_group *g;

	if (m->bound && m->n >= m->bound)
		return NULL;
	if (2 * (m->n + 1) > m->nslot)
		grow(m);
	mask = m->nslot - 1;
	for (i = h & mask; m->slot[i]; i = (i + 1) & mask)
		;
	g = alloc_entry(m, round_up(sizeof *g) + vs + len + 1);
	g->val = (char *)g + round_up(sizeof *g);
	memset(g->val, 0, m->valsize);
	g->key = (char *)g->val + vs;
	if (len)
		memcpy(g->key, key, len);
	g->key[len] = '\0';
	g->keylen = len;
	g->hash = h;
	if (m->n == m->allcap) {
		m->allcap = m->allcap ? m->allcap * 2 : 64;
		m->all = su_xrealloc(m->all, m->allcap * sizeof *m->all);
	}
	m->all[m->n++] = g;
	m->slot[i] = (uint32_t)m->n;
	return g;
}

/* su_map_get past its recent slots: apart, so that a hit saves and
 * restores none of the registers the hashing needs */
static __attribute__((noinline)) struct su_group *
get_hashed(struct su_map *m, const char *key, size_t len, int make,
           size_t slot)
{
	uint64_t h;
	size_t i, mask;
	struct su_group *g;

	h = m->hash ? m->hash(key, len) : hash_words(key, len, m->nocase ?
	    0x2020202020202020ULL : 0);
	g = NULL;
	if (m->nslot) {
		mask = m->nslot - 1;
		for (i = h & mask; m->slot[i]; i = (i + 1) & mask) {
			g = m->all[m->slot[i] - 1];
			if (g->hash == h && g->keylen == len && (len == 0 ||
			    (m->eq ? m->eq(g->key, key, len) : m->nocase ?
			    eq_folded(g->key, key, len) :
			    su_same(g->key, key, len))))
				break;
			g = NULL;
		}
	}
	if (!g && make)
		g = insert(m, key, len, h);
	if (g && m->recent && g->keylen == len && su_same(g->key, key, len))
		m->recent[slot] = g;
	return g;
}

struct su_group *
su_map_get(struct su_map *m, const char *key, size_t len, int make)
{
	size_t slot = 0;
	struct su_group *g;

	if (m->recent) {
		/* the same bytes as a key found lately: no hash (its
		 * spelling exactly: of a folded map, another is looked up) */
		slot = recent_slot(key, len);
		g = m->recent[slot];
		if (g && g->keylen == len && (m->eq ? m->eq(g->key, key, len) :
		    su_same(g->key, key, len)))
			return g;
	}
	return get_hashed(m, key, len, make, slot);
}

size_t
su_map_n(const struct su_map *m)
{
	return m->n;
}

struct su_group *const *
su_map_all(const struct su_map *m)
{
	return m->all;
}

static int
keycmp(const void *a, const void *b)
{
	const struct su_group *x = *(struct su_group *const *)a;
	const struct su_group *y = *(struct su_group *const *)b;
	size_t n = x->keylen < y->keylen ? x->keylen : y->keylen;
	int c = n ? memcmp(x->key, y->key, n) : 0;

	/* NUL ends each value, so byte order is value-by-value order */
	return c ? c : (x->keylen > y->keylen) - (x->keylen < y->keylen);
}

struct su_group **
su_map_sorted(struct su_map *m, size_t *n)
{
	/* a view of its own: the order of insertion stays */
	free(m->sorted);
	m->sorted = su_xmalloc((m->n ? m->n : 1) * sizeof *m->sorted);
	if (m->n) {
		memcpy(m->sorted, m->all, m->n * sizeof *m->all);
		qsort(m->sorted, m->n, sizeof *m->sorted, keycmp);
	}
	*n = m->n;
	return m->sorted;
}

void
su_map_free(struct su_map *m, void (*freeval)(void *))
{
	struct block *b, *next;
	size_t i;

	if (!m)
		return;
	if (freeval)
		for (i = 0; i < m->n; i++)
			freeval(m->all[i]->val);
	for (b = m->blk; b; b = next) {
		next = b->next;
		free(b);
	}
	free(m->sorted);
	free(m->all);
	free(m->slot);
	free(m->recent);
	free(m);
}
