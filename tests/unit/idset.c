/*
 * idset.c - unit tests of lib/idset.c: the duplicate-id set.
 */
#include "su.h"

#include <stdio.h>
#include <string.h>

#include "unit.h"

/* every id one hash: only comparing the ids tells them apart */
static uint64_t
hash_one(const char *s, size_t n)
{
	(void)s, (void)n;
	return 42;
}

/* n ids "006Dn..." into s, from file f at line 2 on, then each again from
 * file g: every second sighting found, with its first place */
static void
check_many(struct su_idset *s, long n, const char *what)
{
	static const char f[] = "a.csv", g[] = "b.csv";
	const char *ff;
	char id[32];
	long i, fl, bad = 0;
	int len, k;

	for (i = 0; i < n; i++) {
		len = snprintf(id, sizeof id, "006Dn%013ld", i);
		if (su_idset_add(s, id, (size_t)len, f, i + 2, &ff, &fl) != 0)
			bad++;
	}
	CHECK(bad == 0 && su_idset_n(s) == (size_t)n, "%s: %ld new ids "
	    "seen before, %zu held", what, bad, su_idset_n(s));
	for (i = n - 1; i >= 0; i--) {
		len = snprintf(id, sizeof id, "006Dn%013ld", i);
		k = su_idset_add(s, id, (size_t)len, g, i + 1, &ff, &fl);
		if (k != 1 || ff != f || fl != i + 2)
			bad++;
	}
	CHECK(bad == 0 && su_idset_n(s) == (size_t)n, "%s: %ld ids again "
	    "not found at their first place", what, bad);
}

void
test_idset(void)
{
	struct su_idset *s;
	const char *ff = NULL;
	long fl = 0;
	/* ids that differ only in length, case, a last byte, a NUL-free
	 * prefix: each its own */
	static const char *const ids[] = { "a", "ab", "abc", "A", "abcdefgh",
	    "abcdefghi", "abcdefgH", "abcdefghabcdefgh", "abcdefghabcdefgi",
	    "x", "0060000000000000001", "006000000000000001" };
	size_t i;
	int ok;

	/* nothing before, then each id found where it was first */
	s = su_idset_new();
	for (ok = 1, i = 0; i < sizeof ids / sizeof ids[0]; i++)
		ok &= su_idset_add(s, ids[i], strlen(ids[i]), "f", (long)i + 2,
		    &ff, &fl) == 0;
	CHECK(ok, "distinct ids: one found before");
	for (ok = 1, i = 0; i < sizeof ids / sizeof ids[0]; i++)
		ok &= su_idset_add(s, ids[i], strlen(ids[i]), "g", 99, &ff,
		    &fl) == 1 && strcmp(ff, "f") == 0 && fl == (long)i + 2;
	CHECK(ok, "distinct ids: one not found at its first place");
	/* a line past 2^31 and a long id (varints of several bytes) */
	{
		char big[300];

		memset(big, 'z', sizeof big);
		CHECK(su_idset_add(s, big, sizeof big, "h", 3000000000L, &ff,
		    &fl) == 0, "long id: found before");
		CHECK(su_idset_add(s, big, sizeof big, "h", 5, &ff, &fl) == 1 &&
		    fl == 3000000000L, "long id: line %ld", fl);
	}
	CHECK(su_idset_end(s) == 0, "end of a set read once");
	su_idset_free(s);

	/* growth: 300,000 ids, the table grown many times */
	s = su_idset_new();
	check_many(s, 300000, "growth");
	/* about 33 bytes an 18-character id at this size (23 in the
	 * arena, 10 of table at 2^19 slots, 0.57 full) */
	CHECK(su_idset_bytes(s) < 300000 * 36, "%zu bytes for 300000 ids",
	    su_idset_bytes(s));
	su_idset_free(s);

	/* equal hashes: 2000 ids on one probe chain, told apart by their
	 * bytes */
	s = su_idset_new();
	su_idset_hash(s, hash_one);
	check_many(s, 2000, "equal hashes");
	su_idset_free(s);
	su_idset_free(NULL);
}
