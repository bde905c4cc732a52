/*
 * map.c - unit tests of lib/map.c: the hash table under the groups.
 */
#include "su.h"

#include <stdio.h>
#include <string.h>

#include "unit.h"

/* every key one hash: every lookup walks one chain, so only comparing the
 * keys can tell them apart */
static uint64_t
hash_one(const char *s, size_t n)
{
	(void)s, (void)n;
	return 42;
}

/*
 * su_map_recent: keys that share slots (2000 of them, 256 slots; same
 * lengths, same first and last bytes, spellings differing in case, keys
 * prefixes of others), made
 * and looked up in a shuffled order, each finding what a map without the
 * slots finds: its own entry, the one first spelled so when folded, none
 * when absent or past a bound.
 */
static void
map_recent_vs_plain(int fold, size_t bound)
{
	struct su_map *a = su_map_new(sizeof(long)), *b = su_map_new(
	    sizeof(long));
	struct su_group *ga, *gb;
	uint64_t x = 0x853c49e6748fea9bULL;
	char key[16];
	size_t i, bad = 0;
	int len, make;

	su_map_recent(a);
	if (fold)
		su_map_fold(a), su_map_fold(b);
	if (bound)
		su_map_bound(a, bound), su_map_bound(b, bound);
	for (i = 0; i < 100000 && bad < 5; i++) {
		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		len = snprintf(key, sizeof key, "%c%04u%c", x & 1 ? 'A' : 'a',
		    (unsigned)(x >> 8) % 2000, (x >> 1 & 1) ? 'z' : 'Z');
		if (x >> 32 & 1) /* a group key: its values' NUL too */
			len++;
		if ((x >> 36 & 7) == 0) /* a prefix of another key */
			len = 1 + (int)((x >> 40) % (uint64_t)len);
		make = (x >> 33 & 3) != 0;
		ga = su_map_get(a, key, (size_t)len, make);
		gb = su_map_get(b, key, (size_t)len, make);
		if (!ga != !gb || (ga && (ga->keylen != gb->keylen ||
		    memcmp(ga->key, gb->key, ga->keylen) != 0 ||
		    *(long *)ga->val != *(long *)gb->val))) {
			bad++;
			CHECK(0, "recent (fold %d, bound %zu): \"%.*s\" found "
			    "%s, without the slots %s", fold, bound, len, key,
			    ga ? ga->key : "nothing", gb ? gb->key : "nothing");
		}
		if (ga && gb && !*(long *)ga->val) /* numbered as made */
			*(long *)ga->val = *(long *)gb->val = (long)i + 1;
	}
	CHECK(bad == 0 && su_map_n(a) == su_map_n(b), "recent (fold %d, bound "
	    "%zu): %zu lookups differ; %zu entries, without the slots %zu",
	    fold, bound, bad, su_map_n(a), su_map_n(b));
	su_map_free(a, NULL);
	su_map_free(b, NULL);
}

void
test_map(void)
{
	struct su_map *m;
	struct su_group *g, *const *all, **sorted;
	char key[16];
	size_t i, n;
	int len, ok;

	/* forced collisions: 100 keys, one hash, 100 entries, each its own */
	m = su_map_new(sizeof(long));
	su_map_compare(m, hash_one, NULL);
	for (i = 0; i < 100; i++) {
		len = snprintf(key, sizeof key, "id%zu", i);
		*(long *)su_map_get(m, key, (size_t)len, 1)->val = (long)i + 1;
	}
	CHECK(su_map_n(m) == 100, "collisions: %zu entries", su_map_n(m));
	for (ok = 1, i = 0; i < 100; i++) {
		len = snprintf(key, sizeof key, "id%zu", i);
		g = su_map_get(m, key, (size_t)len, 0);
		ok &= g && *(long *)g->val == (long)i + 1 &&
		    strcmp(g->key, key) == 0;
	}
	CHECK(ok, "collisions: each key finds its own value");
	CHECK(su_map_get(m, "id100", 5, 0) == NULL, "collisions: absent key");
	/* "id1" and "id10" share a prefix: the length is compared too */
	CHECK(*(long *)su_map_get(m, "id1", 3, 0)->val == 2, "prefix id1");
	su_map_free(m, NULL);

	/* growth: 10000 keys from a 64-slot start, in order of insertion,
	 * the values made zeroed, a key with a NUL inside its own */
	m = su_map_new(sizeof(long));
	for (ok = 1, i = 0; i < 10000; i++) {
		len = snprintf(key, sizeof key, "%zu", 9999 - i);
		g = su_map_get(m, key, (size_t)len, 1);
		ok &= *(long *)g->val == 0;
		*(long *)g->val = (long)i;
	}
	CHECK(ok, "growth: every value made zeroed");
	g = su_map_get(m, "a\0b", 3, 1);
	CHECK(g != su_map_get(m, "a", 1, 1), "a NUL inside a key");
	CHECK(su_map_n(m) == 10002, "growth: %zu entries", su_map_n(m));
	all = su_map_all(m);
	for (ok = 1, i = 0; i < 10000; i++)
		ok &= *(long *)all[i]->val == (long)i;
	CHECK(ok, "growth: order of insertion");
	/* sorted byte by byte: "0" < "1" < "10" < "100" ...; "9999" last of
	 * the digits, then "a" before "a\0b" (shorter first) */
	sorted = su_map_sorted(m, &n);
	CHECK(n == 10002 && strcmp(sorted[0]->key, "0") == 0 &&
	    strcmp(sorted[1]->key, "1") == 0 &&
	    strcmp(sorted[2]->key, "10") == 0 &&
	    strcmp(sorted[9999]->key, "9999") == 0 &&
	    sorted[10000]->keylen == 1 && sorted[10001]->keylen == 3,
	    "sorted view");
	CHECK(*(long *)su_map_all(m)[0]->val == 0, "sorting keeps the order");
	su_map_free(m, NULL);

	/* a bound: 3 entries made, the 4th not (NULL), the 3 still found */
	m = su_map_new(sizeof(int));
	su_map_bound(m, 3);
	CHECK(su_map_get(m, "a", 1, 1) && su_map_get(m, "b", 1, 1) &&
	    su_map_get(m, "c", 1, 1), "bound: three made");
	CHECK(su_map_get(m, "d", 1, 1) == NULL, "bound: the fourth not made");
	CHECK(su_map_n(m) == 3 && su_map_get(m, "b", 1, 1) != NULL,
	    "bound: the three still there");
	su_map_free(m, NULL);
	/* ignoring ASCII case: "Ana" and "aNA" one entry, "Ana" first */
	m = su_map_new(sizeof(int));
	su_map_fold(m);
	g = su_map_get(m, "Ana", 3, 1);
	CHECK(g == su_map_get(m, "aNA", 3, 1) && su_map_n(m) == 1 &&
	    strcmp(g->key, "Ana") == 0, "nocase: one entry, as first seen");
	CHECK(su_map_get(m, "Ann", 3, 0) == NULL, "nocase: another name");
	su_map_free(m, NULL);

	m = su_map_new(1);
	CHECK(su_map_get(m, "x", 1, 0) == NULL && su_map_n(m) == 0,
	    "empty: nothing found, nothing made");
	su_map_free(m, NULL);
	map_recent_vs_plain(0, 0);
	map_recent_vs_plain(1, 0);
	map_recent_vs_plain(1, 300);
	/* the empty key, which a slot holds like any other */
	m = su_map_new(1);
	su_map_recent(m);
	g = su_map_get(m, "", 0, 1);
	CHECK(g && su_map_get(m, "", 0, 0) == g && su_map_get(m, "x", 1, 0) ==
	    NULL, "recent: the empty key");
	su_map_free(m, NULL);
}
