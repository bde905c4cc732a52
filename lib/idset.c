/*
 * idset.c - the duplicate-id check: a set of ids, each with the place it
 * was first seen, in about 30 bytes an id (su_map's entry, its header, a
 * malloc'd block's share and the slot come to ~90).
 *
 * The ids' bytes live one after another in one arena, each entry as
 * varint(file index) varint(line) varint(length) and the bytes: no malloc
 * an id, no pointer, no padding.  The table is open addressing of 32-bit
 * arena offsets with 8 bits of the hash beside them (a tag), so a probe
 * seldom reads the arena for an id that is not the one looked for.  Ids
 * are compared, never only hashed: two ids are never one by chance.
 */
#include "su.h"

#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

struct su_idset {
	unsigned char *arena;
	size_t used, cap;
	uint32_t *off;     /* arena offset of the slot's entry */
	unsigned char *tag; /* 0 free, else 1..255 from the hash */
	size_t nslot, n;
	const char **names; /* file names by index (the reader's) */
	size_t nnames, last;
	uint64_t (*hash)(const char *, size_t); /* NULL: idhash */
};

#define HASH(s, id, len) ((s)->hash ? (s)->hash((id), (len)) : \
	idhash((id), (len)))

/* The set's own hash, not su_hash: every id is hashed again each time
 * the table doubles (the table keeps no hash, to stay small), so the
 * cheapest that spreads ids well, 8 bytes a multiply; 64 bits whose top
 * ones are as good as the low ones (the pre-pass partitions by them).
 * The tail is the last 8 bytes, overlapping, when there are 8; the
 * length is mixed in first, so two ids differing in length differ. */
static inline uint64_t
idhash(const char *s, size_t n)
{
	uint64_t h = (n + 1) * 0x9e3779b97f4a7c15ULL, w;
	size_t all = n;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
	}
	if (n) {
		if (all >= 8) {
			memcpy(&w, s + n - 8, 8);
		} else {
			/* a short id, byte by byte: no call to memcpy */
			for (w = 0; n > 0; n--)
				w = w << 8 | (unsigned char)s[n - 1];
		}
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
	}
	h ^= h >> 32;
	h *= 0x94d049bb133111ebULL;
	return h ^ h >> 29;
}

struct su_idset *
su_idset_new(void)
{
	struct su_idset *s = su_xmalloc(sizeof *s);

	memset(s, 0, sizeof *s);
	return s;
}

void
su_idset_hash(struct su_idset *s, uint64_t (*hash)(const char *, size_t))
{
	s->hash = hash;
}

static unsigned char *
put_varint(unsigned char *p, uint64_t v)
{
	for (; v >= 0x80; v >>= 7)
		*p++ = (unsigned char)(v | 0x80);
	*p++ = (unsigned char)v;
	return p;
}

static inline const unsigned char *
get_varint(const unsigned char *p, uint64_t *v)
{
	uint64_t x = 0;
	unsigned shift = 0;

	if (!(*p & 0x80)) { /* most: a file index, an id's length */
		*v = *p;
		return p + 1;
	}
	for (; *p & 0x80; p++, shift += 7)
		x |= (uint64_t)(*p & 0x7f) << shift;
	*v = x | (uint64_t)*p << shift;
	return p + 1;
}

/* the entry at off: its place, its id's bytes and length */
struct entry {
	uint64_t file, line, len;
	const unsigned char *id;
};

static inline size_t
entry_at(const struct su_idset *s, size_t off, struct entry *e)
{
	const unsigned char *p = s->arena + off;

	p = get_varint(p, &e->file);
	p = get_varint(p, &e->line);
	p = get_varint(p, &e->len);
	e->id = p;
	return (size_t)(p - s->arena) + e->len; /* the next entry's offset */
}

static unsigned char
tag_of(uint64_t h)
{
	unsigned char t = (unsigned char)(h >> 32);

	return t ? t : 1;
}

/* the table larger (or first made), every entry placed again (its id
 * hashed again): four times while it is small, where memory is no
 * matter and fewer growths save hashing; twice from 256K slots (1.25 MB)
 * on, where memory is */
static void
grow_table(struct su_idset *s)
{
	size_t nslot = !s->nslot ? 16384 : s->nslot < 262144 ? s->nslot * 4 :
	    s->nslot * 2, i, j;
	uint32_t *off = su_xmalloc(nslot * sizeof *off);
	unsigned char *tag = su_xmalloc(nslot);
	struct entry e;
	uint64_t h;

	memset(tag, 0, nslot);
	for (i = 0; i < s->nslot; i++) {
		if (!s->tag[i])
			continue;
		entry_at(s, s->off[i], &e);
		h = HASH(s, (const char *)e.id, e.len);
		for (j = h & (nslot - 1); tag[j]; j = (j + 1) & (nslot - 1))
			;
		tag[j] = s->tag[i];
		off[j] = s->off[i];
	}
	free(s->off);
	free(s->tag);
	s->off = off;
	s->tag = tag;
	s->nslot = nslot;
}

/* the index of a file name of the reader's (the same pointer each record
 * of a file: compared as pointers, the last one first) */
static size_t
name_index(struct su_idset *s, const char *file)
{
	size_t i;

	if (s->nnames && s->names[s->last] == file)
		return s->last;
	for (i = 0; i < s->nnames; i++)
		if (s->names[i] == file)
			return s->last = i;
	s->names = su_xrealloc(s->names, (s->nnames + 1) * sizeof *s->names);
	s->names[s->nnames] = file;
	return s->last = s->nnames++;
}

/* the id at h: 1 found (*slot its slot), 0 not (*slot the free one) */
static int
lookup(const struct su_idset *s, const char *id, size_t len, uint64_t h,
       size_t *slot)
{
	size_t mask = s->nslot - 1, i;
	unsigned char t = tag_of(h);
	struct entry e;

	for (i = h & mask; s->tag[i]; i = (i + 1) & mask) {
		if (s->tag[i] != t)
			continue;
		entry_at(s, s->off[i], &e);
		if (e.len == len && memcmp(e.id, id, len) == 0) {
			*slot = i;
			return 1;
		}
	}
	*slot = i;
	return 0;
}

/* a new entry into the arena and slot i (the free one lookup found): 0,
 * or -1 when the arena would pass what 32-bit offsets reach (said) */
static int
insert(struct su_idset *s, const char *id, size_t len, uint64_t h,
       size_t i, size_t file, long line)
{
	size_t need = 3 * 10 + len;
	unsigned char *p;

	if (s->used + need > UINT32_MAX) {
		su_msg(NULL, 0, "more than 4 GB of ids to check for "
		    "duplicates (%zu ids)", s->n);
		return -1;
	}
	/* at most 3/4 full: a miss probes few slots */
	if ((s->n + 1) * 4 > s->nslot * 3) {
		grow_table(s);
		lookup(s, id, len, h, &i);
	}
	if (s->used + need > s->cap) {
		s->cap = s->cap ? s->cap * 2 : 65536;
		if (s->cap > (size_t)UINT32_MAX + 1)
			s->cap = (size_t)UINT32_MAX + 1;
		s->arena = su_xrealloc(s->arena, s->cap);
	}
	s->off[i] = (uint32_t)s->used;
	s->tag[i] = tag_of(h);
	p = s->arena + s->used;
	p = put_varint(p, file);
	p = put_varint(p, (uint64_t)line);
	p = put_varint(p, len);
	memcpy(p, id, len);
	s->used = (size_t)(p - s->arena) + len;
	s->n++;
	return 0;
}

int
su_idset_add(struct su_idset *s, const char *id, size_t len,
             const char *file, long line, const char **ffile, long *fline)
{
	uint64_t h = HASH(s, id, len);
	struct entry e;
	size_t i;

	if (!s->nslot)
		grow_table(s);
	if (lookup(s, id, len, h, &i)) {
		entry_at(s, s->off[i], &e);
		*ffile = s->names[e.file];
		*fline = (long)e.line;
		return 1;
	}
	return insert(s, id, len, h, i, name_index(s, file), line);
}

int
su_idset_end(struct su_idset *s)
{
	(void)s;
	return 0;
}

size_t
su_idset_n(const struct su_idset *s)
{
	return s->n;
}

size_t
su_idset_bytes(const struct su_idset *s)
{
	return s->used + s->nslot * (sizeof *s->off + 1);
}

void
su_idset_free(struct su_idset *s)
{
	if (!s)
		return;
	free(s->arena);
	free(s->off);
	free(s->tag);
	free(s->names);
	free(s);
}
