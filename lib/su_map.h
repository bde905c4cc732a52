/*
 * su_map.h - lib/map.c: the one hash map (groups, memos, ids)
 *
 * Prints nothing.
 */
#ifndef SU_MAP_H
#define SU_MAP_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

uint64_t su_hash(const char *s, size_t n); /* the map's */
/* the same n bytes: a key (an owner, a stage) is short, so a word at a time
 * here rather than a call to memcmp on every row's lookup */
static inline int
su_same(const char *a, const char *b, size_t n)
{
	uint64_t x, y;

	if (n > 32)
		return memcmp(a, b, n) == 0;
	if (n >= 8) {
		/* whole words, then the last eight bytes (overlapping) */
		for (; n >= 8; a += 8, b += 8, n -= 8) {
			memcpy(&x, a, 8);
			memcpy(&y, b, 8);
			if (x != y)
				return 0;
		}
		if (n) {
			memcpy(&x, a + n - 8, 8);
			memcpy(&y, b + n - 8, 8);
		}
		return x == y;
	}
	if (n >= 4) {
		/* four bytes, then the last four (overlapping) */
		uint32_t u, v;

		memcpy(&u, a, 4);
		memcpy(&v, b, 4);
		if (u != v)
			return 0;
		memcpy(&u, a + n - 4, 4);
		memcpy(&v, b + n - 4, 4);
		return u == v;
	}
	while (n--)
		if (*a++ != *b++)
			return 0;
	return 1;
}
/* an entry of a map (a group of a summary) */
struct su_group {
	char *key;     /* the key's bytes (a group's values, each
                    * NUL-terminated), and a NUL after them */
	size_t keylen;
	uint64_t hash;
	void *val;     /* the caller's, valsize bytes, zeroed when made */
};
struct su_map;
struct su_map *su_map_new(size_t valsize);
/* at most max entries (a memo that must not grow with its input): beyond
 * them su_map_get makes none and returns NULL; 0: no bound */
void su_map_bound(struct su_map *m, size_t max);
/* a map of few keys looked up again and again (groups, memos): the ones
 * last found kept in 256 slots by a few of their bytes, and a key found
 * there compared, not hashed.  Not for a map of ids (each looked up once:
 * only the slots' cost). */
void su_map_recent(struct su_map *m);
/* keys compared ignoring ASCII case ("Ana" = "ana").  Before any entry. */
void su_map_fold(struct su_map *m);
/* keys hashed and compared otherwise (hash NULL: su_hash, eq NULL:
 * memcmp; a test forcing collisions); keys eq says equal must hash
 * alike.  Before any entry. */
void su_map_compare(struct su_map *m, uint64_t (*hash)(const char *, size_t),
					int (*eq)(const char *, const char *, size_t));
/* the entry with this key: made, its value zeroed, when new and make; NULL
 * when not there and not made (make 0, or the bound reached) */
struct su_group *su_map_get(struct su_map *m, const char *key, size_t len,
							int make);
size_t su_map_n(const struct su_map *m);
/* every entry in order of insertion (su_map_n of them) */
struct su_group *const *su_map_all(const struct su_map *m);
/* every entry sorted by key, byte by byte (stable output); the array is
 * the map's, valid until the next call or su_map_free */
struct su_group **su_map_sorted(struct su_map *m, size_t *n);
/* freeval: called on each value first (NULL: none) */
void su_map_free(struct su_map *m, void (*freeval)(void *));

#endif
