/*
 * idset.c - the duplicate-id check: a set of ids, each with the place it
 * was first seen, in about 30 bytes an id (su_map's entry, its header, a
 * malloc'd block's share and the slot come to ~90).
 *
 * The ids' bytes live one after another in one arena, each entry as
 * varint(file index) varint(line * 2 + mark) varint(length) and the
 * bytes: no malloc an id, no pointer, no padding.  The table is open addressing of 32-bit
 * arena offsets with 8 bits of the hash beside them (a tag), so a probe
 * seldom reads the arena for an id that is not the one looked for.  Ids
 * are compared, never only hashed: two ids are never one by chance.
 *
 * Past a budget (40 MB of set), when every input is a regular file, the
 * inputs are read once more, through the same reader with the same
 * options, for the ids' 64-bit hashes only: partitioned by their top bits
 * into temporary files, each partition sorted in memory, the hashes there
 * twice or more kept (the candidates: rare in real data).  Every true
 * duplicate pair has one hash, so both its ids are candidates: the set
 * drops every other id and from then on keeps only candidates' ids, and
 * the check stays exact, with the same messages.  A stream (standard
 * input, a pipe) cannot be read twice: there the set grows.
 *
 * The arena and the table grow in place, in address space reserved once
 * (reserve, below): a growth copies nothing and frees nothing, and past
 * their first 2 MB they are on huge pages where the system has them.  A
 * page's first touch is a page fault, a trap into the kernel: at a
 * million ids, on 4 KB pages and grown by realloc, 6,700 of them, and on
 * a machine whose faults cost 10 us each cyclestat took 0.41 s of CPU
 * where it now takes 0.29 (issue 20).  Where the address space cannot
 * be had (a 32-bit system, ulimit -v, strict overcommit) the set is
 * malloc'd and grows by realloc, as before.
 */
#include "su.h"

#include <sys/mman.h>
#include <sys/stat.h>

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define BUDGET (40u << 20)  /* bytes of set before the pre-pass */
#define NPART 64            /* partitions of the hashes: the top 6 bits */
#define PARTBUF 512         /* hashes buffered a partition (4 KB) */
#define HUGE (2u << 20)     /* a huge page (x86-64, arm64) */
#define AHEAD 16            /* entries hashed ahead in a rebuild */
#define SORTMAX (1u << 20)  /* hashes sorted at once (8 MB): a larger
                               partition is taken in as many sweeps (past
                               64M ids) */
/* the reservation: the arena as far as 32-bit offsets reach, and the
 * table's most slots, 2^31 (an entry is 4 bytes or more, so at most 2^30
 * of them in the arena, and the table at most 3/4 full) */
#define ARENA_MAX ((uint64_t)UINT32_MAX + 1)
#define SLOTS_MAX ((uint64_t)1 << 31)
#define RESERVED ((size_t)(ARENA_MAX + SLOTS_MAX * (sizeof(uint32_t) + 1)))

enum { ALL, GROW, FILTERED }; /* every id kept; a stream's, growing; only
                                 the candidates' */

struct su_idset {
	unsigned char *arena;
	size_t used, cap;
	uint32_t *off;     /* arena offset of the slot's entry */
	unsigned char *tag; /* 0 free, else 1..255 from the hash */
	size_t nslot, n;
	int reserved;      /* arena, off and tag in one reservation of
	                      RESERVED bytes from arena; 0: malloc'd */
	const char **names; /* file names by index (the reader's) */
	size_t nnames, last;
	uint64_t (*hash)(const char *, size_t); /* NULL: idhash */
	/* the pre-pass: the inputs, the state, the candidates (sorted) */
	const struct su_opts *o;
	int nfiles, col, state;
	char **files;
	size_t budget, sortmax;
	size_t arena_max;  /* what 32-bit offsets reach (the tests: less) */
	int test_budget;   /* the tests set the budget: it stays */
	uint64_t *cand;
	size_t ncand;
	/* ids and the sum of their hashes, in this reading and the first:
	 * an input that changed in between does not pass for the same */
	uint64_t seen, sum, pre_n, pre_sum;
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

/* madvise where the system has it (a hint: without it, the same) */
static void
advise(void *p, size_t n, int advice)
{
#ifdef __linux__
	(void)madvise(p, n, advice);
#else
	(void)p, (void)n, (void)advice;
#endif
}

/* The arena, the offsets and the tags in one reservation of address
 * space: no memory until a page is first touched (MAP_NORESERVE), so a
 * set of a hundred ids takes what it did.  Each part past its first 2 MB
 * on huge pages (a small set stays on small ones), the table because its
 * lookups land at random (past a few MB of 4 KB pages, a TLB miss each),
 * all three for the faults.  Left NULL where it cannot be had. */
static void
reserve(struct su_idset *s)
{
#if defined(MAP_NORESERVE) && defined(MAP_ANONYMOUS) && SIZE_MAX > UINT32_MAX
	unsigned char *p = mmap(NULL, RESERVED, PROT_READ | PROT_WRITE,
	    MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);

	if (p == MAP_FAILED)
		return;
	s->reserved = 1;
	s->arena = p;
	s->cap = (size_t)ARENA_MAX;
	s->off = (uint32_t *)(void *)(p + ARENA_MAX);
	s->tag = p + ARENA_MAX + SLOTS_MAX * sizeof *s->off;
#ifdef MADV_HUGEPAGE
	advise(s->arena + HUGE, (size_t)ARENA_MAX - HUGE, MADV_HUGEPAGE);
	advise((unsigned char *)s->off + HUGE, (size_t)SLOTS_MAX *
	    sizeof *s->off - HUGE, MADV_HUGEPAGE);
	advise(s->tag + HUGE, (size_t)SLOTS_MAX - HUGE, MADV_HUGEPAGE);
#endif
#else
	(void)s;
#endif
}

/* the pages of the reservation in p[from, to) given back: those of the
 * arena or the table past what they hold now, when they shrink */
static void
give_back(unsigned char *p, size_t from, size_t to)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE);

	from = (from + pg - 1) / pg * pg;
	if (from < to)
		advise(p + from, to - from, MADV_DONTNEED);
}

struct su_idset *
su_idset_new(void)
{
	struct su_idset *s = su_xmalloc(sizeof *s);

	const char *b = getenv("SU_TEST_IDSET_BUDGET");
	const char *m = getenv("SU_TEST_IDSET_SORTMAX");
	const char *a = getenv("SU_TEST_IDSET_ARENA");

	memset(s, 0, sizeof *s);
	/* the tests' hooks: a budget of a few ids, to read a few thousand
	 * deals twice; sweeps of a few hashes, to take a partition in
	 * several */
	s->budget = b && *b ? (size_t)strtoull(b, NULL, 10) : BUDGET;
	s->test_budget = b && *b;
	s->sortmax = m && *m ? (size_t)strtoull(m, NULL, 10) : SORTMAX;
	if (s->sortmax == 0)
		s->sortmax = SORTMAX;
	/* the tests' hook: the 4 GB the ids may take, a few KB */
	s->arena_max = a && *a ? (size_t)strtoull(a, NULL, 10) : UINT32_MAX;
	if (s->arena_max > UINT32_MAX)
		s->arena_max = UINT32_MAX;
	/* the tests' hook: the malloc'd set, as without the address space */
	if (getenv("SU_TEST_IDSET_MALLOC") == NULL)
		reserve(s);
	return s;
}

void
su_idset_inputs(struct su_idset *s, const struct su_opts *o, int nfiles,
                char **files, int col)
{
	s->o = o;
	s->nfiles = nfiles;
	s->files = files;
	s->col = col;
}

void
su_idset_budget(struct su_idset *s, size_t bytes)
{
	if (!s->test_budget)
		s->budget = bytes;
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

/* n bytes of table, zeroed (or not: the offsets, written before read).
 * Large ones on huge pages where the system has them: every lookup lands
 * at random, and past a few MB of 4 KB pages nearly each one is a TLB
 * miss too, a page walk on top of the cache miss. */
static void *
table_new(size_t n, int zero)
{
	void *p;

#ifdef MADV_HUGEPAGE
	/* (failing, su_xmalloc's: it says out of memory) */
	if (n >= HUGE && posix_memalign(&p, HUGE, n) == 0) {
		advise(p, n, MADV_HUGEPAGE);
		if (zero)
			memset(p, 0, n);
		return p;
	}
#endif
	p = su_xmalloc(n);
	if (zero)
		memset(p, 0, n);
	return p;
}

/* a table of nslot slots for the arena's entries, each placed (its id
 * hashed again: the table keeps no hash).  The arena is read in order,
 * straight through; the slots are at random, a likely cache miss each, so
 * AHEAD entries are hashed and their tags fetched before the first of
 * them is placed: the misses overlap. */
static void
rebuild(struct su_idset *s, size_t nslot)
{
	uint32_t *off;
	unsigned char *tag;
	struct entry e;
	size_t o, next, j, mask = nslot - 1, k, m;
	uint64_t h[AHEAD];
	uint32_t at[AHEAD];

	if (s->reserved) {
		/* in place: the new table over the old, grown or not */
		off = s->off;
		tag = s->tag;
		memset(tag, 0, nslot);
		if (nslot < s->nslot) {
			give_back((unsigned char *)off, nslot * sizeof *off,
			    s->nslot * sizeof *off);
			give_back(tag, nslot, s->nslot);
		}
	} else {
		/* the old table first gone: the peak is the new one alone */
		free(s->off);
		free(s->tag);
		off = table_new(nslot * sizeof *off, 0);
		tag = table_new(nslot, 1);
	}
	for (o = 0; o < s->used; ) {
		for (m = 0; m < AHEAD && o < s->used; m++, o = next) {
			next = entry_at(s, o, &e);
			h[m] = HASH(s, (const char *)e.id, e.len);
			at[m] = (uint32_t)o;
			__builtin_prefetch(tag + (h[m] & mask), 1);
		}
		for (k = 0; k < m; k++) {
			for (j = h[k] & mask; tag[j]; j = (j + 1) & mask)
				;
			tag[j] = tag_of(h[k]);
			off[j] = at[k];
		}
	}
	s->off = off;
	s->tag = tag;
	s->nslot = nslot;
}

/* the table larger (or first made): four times while it is small, where
 * memory is no matter and fewer growths save hashing; twice from 256K
 * slots (1.25 MB) on, where memory is */
static void
grow_table(struct su_idset *s)
{
	rebuild(s, !s->nslot ? 16384 : s->nslot < 262144 ? s->nslot * 4 :
	    s->nslot * 2);
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
       size_t i, size_t file, uint64_t line)
{
	size_t need = 3 * 10 + len;
	unsigned char *p;

	if (s->used + need > s->arena_max) {
		/* a stream's ids, all kept (a file's past the budget are
		 * only those there twice: 4 GB of them is no real input) */
		su_msg(NULL, 0, "more than 4 GB of ids to check for "
		    "duplicates (%zu ids)%s", s->n, s->state == GROW ?
		    ": standard input and pipes cannot be read twice, so "
		    "every id is kept; give the input as a file" : "");
		return -1;
	}
	/* at most 3/4 full: a miss probes few slots */
	if ((s->n + 1) * 4 > s->nslot * 3) {
		grow_table(s);
		lookup(s, id, len, h, &i);
	}
	if (s->used + need > s->cap) {
		/* malloc'd (the reservation holds ARENA_MAX already):
		 * doubled, or more for a very long id (a 50 MB field) */
		while (s->used + need > s->cap)
			s->cap = s->cap ? s->cap * 2 : 65536;
		if (s->cap > (size_t)UINT32_MAX + 1)
			s->cap = (size_t)UINT32_MAX + 1;
		s->arena = su_xrealloc(s->arena, s->cap);
	}
	s->off[i] = (uint32_t)s->used;
	s->tag[i] = tag_of(h);
	p = s->arena + s->used;
	p = put_varint(p, file);
	p = put_varint(p, line);
	p = put_varint(p, len);
	memcpy(p, id, len);
	s->used = (size_t)(p - s->arena) + len;
	s->n++;
	return 0;
}

/* ---- the pre-pass ----------------------------------------------------- */

static int
cmp64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int
is_candidate(const struct su_idset *s, uint64_t h)
{
	size_t lo = 0, hi = s->ncand, mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (s->cand[mid] < h)
			lo = mid + 1;
		else if (s->cand[mid] > h)
			hi = mid;
		else
			return 1;
	}
	return 0;
}

/* every input a regular file (a stream cannot be read again) */
static int
all_regular(const struct su_idset *s)
{
	struct stat sb;
	int i;

	if (!s->o || s->nfiles == 0)
		return 0;
	for (i = 0; i < s->nfiles; i++)
		if (strcmp(s->files[i], "-") == 0 ||
		    stat(s->files[i], &sb) != 0 || !S_ISREG(sb.st_mode))
			return 0;
	return 1;
}

/* the partitions: a temporary file each (unlinked at once: nothing left
 * behind, whatever ends the program), its buffer and its count */
struct parts {
	int fd[NPART];
	uint64_t buf[NPART][PARTBUF];
	size_t nbuf[NPART];
	uint64_t n[NPART];
};

static int
write_all(int fd, const void *p, size_t n)
{
	const char *c = p;
	ssize_t k;

	while (n > 0) {
		if ((k = write(fd, c, n)) < 0) {
			if (errno == EINTR)
				continue;
			return -1;
		}
		c += k;
		n -= (size_t)k;
	}
	return 0;
}

static int
flush_part(struct parts *pt, int k)
{
	int r = write_all(pt->fd[k], pt->buf[k], pt->nbuf[k] * sizeof(uint64_t));

	pt->nbuf[k] = 0;
	return r;
}

static int
parts_open(struct parts *pt)
{
	const char *dir = getenv("TMPDIR");
	char path[PATH_MAX];
	int k;

	if (!dir || !*dir)
		dir = "/tmp";
	for (k = 0; k < NPART; k++)
		pt->fd[k] = -1;
	for (k = 0; k < NPART; k++) {
		if (snprintf(path, sizeof path, "%s/salesutils-ids.XXXXXX",
		    dir) >= (int)sizeof path ||
		    (pt->fd[k] = su_temp_make(path)) < 0)
			return -1;
		unlink(path);
		su_temp_forget(path);
	}
	return 0;
}

static void
parts_close(struct parts *pt)
{
	int k;

	for (k = 0; k < NPART; k++)
		if (pt->fd[k] >= 0)
			close(pt->fd[k]);
}

/* the second reading: every id's hash into its partition, counted and
 * summed.  What the reader meets (a bad record, an error) is not said:
 * the first reading says it at the same record, and stops there too if it
 * stopped here.  0, or -1 (the temporaries failed). */
static int
hash_inputs(struct su_idset *s, struct parts *pt)
{
	struct su_opts po = *s->o;
	struct su_in *in;
	struct su_rec r;
	const char *id;
	size_t len;
	uint64_t h;
	int k, bad = 0;

	po.rejects = NULL; /* written once, by the first reading */
	po.progress = 0;
	s->pre_n = s->pre_sum = 0;
	su_quiet(1);
	in = su_in_new(&po, s->nfiles, s->files);
	if (su_in_header(in, &r) > 0)
		while (!bad && su_in_next(in, &r) > 0) {
			if ((size_t)s->col >= r.n)
				continue;
			id = r.f[s->col];
			len = r.len[s->col];
			su_trim(&id, &len);
			if (len == 0)
				continue;
			h = HASH(s, id, len);
			s->pre_n++;
			s->pre_sum += h;
			k = (int)(h >> 58);
			pt->buf[k][pt->nbuf[k]++] = h;
			pt->n[k]++;
			if (pt->nbuf[k] == PARTBUF && flush_part(pt, k))
				bad = 1;
		}
	su_in_free(in);
	su_quiet(0);
	for (k = 0; k < NPART && !bad; k++)
		if (flush_part(pt, k))
			bad = 1;
	return bad ? -1 : 0;
}

/* the candidates found so far, one more */
static void
add_candidate(struct su_idset *s, uint64_t h, size_t *cap)
{
	if (s->ncand == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		s->cand = su_xrealloc(s->cand, *cap * sizeof *s->cand);
	}
	s->cand[s->ncand++] = h;
}

/* the hashes of partition k there twice or more, onto s->cand: sorted in
 * sweeps of about s->sortmax (sweep j takes the hashes h % sweeps == j, so
 * equal hashes meet in one sweep) in *v (its room *vcap).  0, or -1 (a
 * read failed). */
static int
part_candidates(struct su_idset *s, struct parts *pt, int k, uint64_t **v,
                size_t *vcap, size_t *ccap)
{
	uint64_t sweeps = (pt->n[k] + s->sortmax - 1) / s->sortmax, j, h, got;
	size_t n, i, m;
	ssize_t r;

	for (j = 0; j < sweeps; j++) {
		if (lseek(pt->fd[k], 0, SEEK_SET) < 0)
			return -1;
		n = 0;
		for (got = 0; got < pt->n[k]; got += m) {
			/* through the partition's buffer, free by now */
			r = read(pt->fd[k], pt->buf[k], sizeof pt->buf[k]);
			if (r < 0 && errno == EINTR) {
				m = 0;
				continue;
			}
			if (r <= 0 || r % 8)
				return -1;
			m = (size_t)r / 8;
			for (i = 0; i < m; i++) {
				h = pt->buf[k][i];
				if (sweeps > 1 && h % sweeps != j)
					continue;
				if (n == *vcap) {
					*vcap = *vcap ? *vcap * 2 : 4096;
					*v = su_xrealloc(*v, *vcap *
					    sizeof **v);
				}
				(*v)[n++] = h;
			}
		}
		if (n > 1)
			qsort(*v, n, sizeof **v, cmp64);
		for (i = 1; i < n; i++)
			if ((*v)[i] == (*v)[i - 1] &&
			    (s->ncand == 0 || s->cand[s->ncand - 1] != (*v)[i]))
				add_candidate(s, (*v)[i], ccap);
	}
	return 0;
}

/* the arena down to the candidates' entries, in order, and a table for
 * them */
static void
keep_candidates(struct su_idset *s)
{
	struct entry e;
	size_t o, next, w = 0, nslot = 16384;

	for (o = 0, s->n = 0; o < s->used; o = next) {
		next = entry_at(s, o, &e);
		if (!is_candidate(s, HASH(s, (const char *)e.id, e.len)))
			continue;
		memmove(s->arena + w, s->arena + o, next - o);
		w += next - o;
		s->n++;
	}
	/* the arena's pages given back (realloc of a large block: mremap) */
	if (s->reserved) {
		give_back(s->arena, w, s->used);
	} else {
		s->cap = w > 65536 ? w : 65536;
		s->arena = su_xrealloc(s->arena, s->cap);
	}
	s->used = w;
	while (s->n * 4 > nslot * 3)
		nslot *= 2;
	rebuild(s, nslot);
}

/* the budget reached: the pre-pass, or growing for a stream (or when the
 * temporaries fail: exact still, only larger) */
static void
prepass(struct su_idset *s)
{
	struct parts *pt;
	uint64_t *v = NULL;
	size_t vcap = 0, ccap = 0;
	int k, bad;

	s->state = GROW;
	if (!all_regular(s))
		return;
	pt = su_xmalloc(sizeof *pt);
	memset(pt, 0, sizeof *pt);
	bad = parts_open(pt) || hash_inputs(s, pt);
	for (k = 0; k < NPART && !bad; k++)
		bad = part_candidates(s, pt, k, &v, &vcap, &ccap);
	parts_close(pt);
	free(pt);
	free(v);
	if (bad) {
		free(s->cand);
		s->cand = NULL;
		s->ncand = 0;
		return;
	}
	/* partitions in order of their top bits, each sorted: in order
	 * already, but for a partition taken in several sweeps */
	if (s->ncand > 1)
		qsort(s->cand, s->ncand, sizeof *s->cand, cmp64);
	keep_candidates(s);
	s->state = FILTERED;
	/* the tests' hook: stopped here (SIGSTOP), the test sees that the
	 * second reading was done, and may change an input before the
	 * first reading goes on; no command is run from the environment */
	if (getenv("SU_TEST_IDSET_STOP") != NULL)
		raise(SIGSTOP);
}

/* a record's id counted for the readings' agreement: 0, or -1 when the
 * second reading had fewer (said) */
static int
count_id(struct su_idset *s, uint64_t h, const char *file, long line)
{
	s->seen++;
	s->sum += h;
	if (s->state == FILTERED && s->seen > s->pre_n) {
		su_msg(file, line, "more ids than when the input was first "
		    "read (to check them for duplicates): it changed while it "
		    "was read");
		return -1;
	}
	return 0;
}

int
su_idset_pass(struct su_idset *s, const char *id, size_t len,
              const char *file, long line)
{
	return count_id(s, HASH(s, id, len), file, line);
}

uint64_t
su_idset_prefetch(const struct su_idset *s, const char *id, size_t len)
{
	uint64_t h = HASH(s, id, len);
	size_t i;

	if (!s->nslot)
		return h;
	/* the slot su_idset_add probes first: its tag read, its offset
	 * written for a new id (the filtered set's candidates aside: a hint
	 * only, never wrong) */
	i = h & (s->nslot - 1);
	__builtin_prefetch(s->tag + i, 0);
	__builtin_prefetch(s->off + i, 1);
	return h;
}

int
su_idset_add(struct su_idset *s, const char *id, size_t len,
             const char *file, long line, const char **ffile, long *fline)
{
	return su_idset_add_hashed(s, id, len, HASH(s, id, len), file, line,
	    ffile, fline);
}

static int add_hashed(struct su_idset *, const char *, size_t, uint64_t,
    const char *, long, int, const char **, long *, int *);

int
su_idset_add_hashed(struct su_idset *s, const char *id, size_t len,
                    uint64_t h, const char *file, long line,
                    const char **ffile, long *fline)
{
	int fmark;

	return add_hashed(s, id, len, h, file, line, 0, ffile, fline, &fmark);
}

int
su_idset_add_mark(struct su_idset *s, const char *id, size_t len,
                  const char *file, long line, int mark, const char **ffile,
                  long *fline, int *fmark)
{
	return add_hashed(s, id, len, HASH(s, id, len), file, line, mark,
	    ffile, fline, fmark);
}

/* the mark is kept as the line's lowest bit: line * 2 + mark */
static int
add_hashed(struct su_idset *s, const char *id, size_t len, uint64_t h,
           const char *file, long line, int mark, const char **ffile,
           long *fline, int *fmark)
{
	struct entry e;
	size_t i;

	if (count_id(s, h, file, line))
		return -1;
	if (s->state == FILTERED && !is_candidate(s, h))
		return 0; /* there once: never seen again */
	if (!s->nslot)
		grow_table(s);
	if (lookup(s, id, len, h, &i)) {
		entry_at(s, s->off[i], &e);
		*ffile = s->names[e.file];
		*fline = (long)(e.line >> 1);
		*fmark = (int)(e.line & 1);
		return 1;
	}
	if (insert(s, id, len, h, i, name_index(s, file),
	    (uint64_t)line << 1 | (mark != 0)))
		return -1;
	if (s->state == ALL && su_idset_bytes(s) > s->budget)
		prepass(s);
	return 0;
}

int
su_idset_end(struct su_idset *s)
{
	if (s->state != FILTERED || (s->seen == s->pre_n &&
	    s->sum == s->pre_sum))
		return 0;
	su_msg(NULL, 0, "the input changed while it was read: its ids are "
	    "not those of its first reading (to check them for duplicates)");
	return -1;
}

int
su_idset_filtered(const struct su_idset *s)
{
	return s->state == FILTERED;
}

int
su_idset_reserved(const struct su_idset *s)
{
	return s->reserved;
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
	if (s->reserved) {
		munmap(s->arena, RESERVED);
	} else {
		free(s->arena);
		free(s->off);
		free(s->tag);
	}
	free(s->names);
	free(s->cand);
	free(s);
}
