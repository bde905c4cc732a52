/*
 * idset.c - unit tests of lib/idset.c: the duplicate-id set.
 */
#include "su.h"

#include <sys/resource.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "unit.h"

/* every id one hash: only comparing the ids tells them apart */
static uint64_t
hash_one(const char *s, size_t n)
{
	(void)s, (void)n;
	return 42;
}

/* n ids "006Dn..." into s, from file f at line 2 on, then each again from
 * file g: every second sighting found, with its first place.  Every odd
 * one's slot prefetched first and its hash given, as cyclestat does (a
 * hint: the same answers); the first one's into a set with no table yet.
 * At 300,000 ids the tables pass 2 MB: huge pages where the system has
 * them. */
/* "006Dn<i>" added from file at line, its hash given by a prefetch when
 * hinted, else through su_idset_add */
static int
add_nth(struct su_idset *s, long i, int hinted, const char *file,
        long line, const char **ff, long *fl)
{
	char id[32];
	size_t len = (size_t)snprintf(id, sizeof id, "006Dn%013ld", i);

	if (hinted)
		return su_idset_add_hashed(s, id, len, su_idset_prefetch(s, id,
		    len), file, line, ff, fl);
	return su_idset_add(s, id, len, file, line, ff, fl);
}

static void
check_many(struct su_idset *s, long n, const char *what)
{
	static const char f[] = "a.csv", g[] = "b.csv";
	const char *ff;
	long i, fl, bad = 0;
	int k;

	for (i = 0; i < n; i++)
		if (add_nth(s, i, i % 2 || i == 0, f, i + 2, &ff, &fl) != 0)
			bad++;
	CHECK(bad == 0 && su_idset_n(s) == (size_t)n, "%s: %ld new ids "
	    "seen before, %zu held", what, bad, su_idset_n(s));
	for (i = n - 1; i >= 0; i--) {
		k = add_nth(s, i, i % 2, g, i + 1, &ff, &fl);
		if (k != 1 || ff != f || fl != i + 2)
			bad++;
	}
	CHECK(bad == 0 && su_idset_n(s) == (size_t)n, "%s: %ld ids again "
	    "not found at their first place", what, bad);
}

/* ids "006Dn..." (18 bytes) from a.csv at lines 2 on into a set whose
 * arena may hold 1000 bytes (SU_TEST_IDSET_ARENA, for its 4 GB): each
 * entry is varint(file 0) varint(line * 2, under 128) varint(18) and the
 * 18 bytes, 21 bytes, and an insert wants room for its varints at their
 * longest, 30 + 18 = 48.  The 47th finds 46 x 21 = 966 used, 966 + 48 =
 * 1014 > 1000: refused (-1), said, 46 ids held. */
static void
check_arena_limit(const char *what)
{
	struct su_idset *s;
	const char *ff;
	char err[512];
	long i, fl;
	int k = 0;

	setenv("SU_TEST_IDSET_ARENA", "1000", 1);
	s = su_idset_new();
	unsetenv("SU_TEST_IDSET_ARENA");
	unit_stderr_begin();
	for (i = 0; i < 100 && (k = add_nth(s, i, 0, "a.csv", i + 2, &ff,
	    &fl)) == 0; i++)
		;
	unit_stderr_end(err, sizeof err);
	CHECK(k == -1 && i == 46 && su_idset_n(s) == 46, "%s: the arena's "
	    "limit at the %ldth id (%d), %zu held, not the 47th and 46", what,
	    i + 1, k, su_idset_n(s));
	CHECK(strstr(err, ": more than 4 GB of ids to check for duplicates "
	    "(46 ids)\n") != NULL, "%s: said %s", what, err);
	su_idset_free(s);
}

/* the cases of test_idset, for the set in reserved address space or
 * malloc'd (what: which) */
static void
idset_cases(const char *what)
{
	struct su_idset *s;
	const char *ff = NULL;
	long fl = 0;
	struct rlimit rl;
	/* run under a ulimit -v, the set may be malloc'd where it would
	 * have been reserved: not a failure */
	int limited = getrlimit(RLIMIT_AS, &rl) == 0 &&
	    rl.rlim_cur != RLIM_INFINITY;
	/* ids that differ only in length, case, a last byte, a NUL-free
	 * prefix: each its own */
	static const char *const ids[] = { "a", "ab", "abc", "A", "abcdefgh",
	    "abcdefghi", "abcdefgH", "abcdefghabcdefgh", "abcdefghabcdefgi",
	    "x", "0060000000000000001", "006000000000000001" };
	size_t i;
	int ok;

	/* nothing before, then each id found where it was first */
	s = su_idset_new();
	CHECK(su_idset_reserved(s) == (strcmp(what, "reserved") == 0) ||
	    (limited && !su_idset_reserved(s)),
	    "%s: the set is%s in reserved address space", what,
	    su_idset_reserved(s) ? "" : " not");
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
	/* an id larger than the arena's doubling (a 50 MB field) */
	{
		static char huge[200000];

		memset(huge, 'h', sizeof huge);
		CHECK(su_idset_add(s, huge, sizeof huge, "h", 7, &ff, &fl) == 0 &&
		    su_idset_add(s, huge, sizeof huge, "h", 8, &ff, &fl) == 1 &&
		    fl == 7, "huge id: line %ld", fl);
	}
	CHECK(su_idset_end(s) == 0, "end of a set read once");
	su_idset_free(s);

	/* a mark kept beside the place (commission's split share), and
	 * ids passed (counted, not added) */
	s = su_idset_new();
	{
		int fm = -1;

		CHECK(su_idset_add_mark(s, "m1", 2, "f", 3000000001L, 1, &ff,
		    &fl, &fm) == 0 && su_idset_add_mark(s, "m1", 2, "g", 9, 0,
		    &ff, &fl, &fm) == 1 && fl == 3000000001L && fm == 1 &&
		    strcmp(ff, "f") == 0, "mark: line %ld mark %d", fl, fm);
		CHECK(su_idset_add_mark(s, "m2", 2, "f", 4, 0, &ff, &fl,
		    &fm) == 0 && su_idset_add(s, "m2", 2, "f", 5, &ff, &fl) ==
		    1 && fl == 4, "no mark: line %ld", fl);
		CHECK(su_idset_pass(s, "m3", 2, "f", 6) == 0 &&
		    su_idset_add(s, "m3", 2, "f", 7, &ff, &fl) == 0 &&
		    su_idset_n(s) == 3, "passed, not added: %zu held",
		    su_idset_n(s));
	}
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
	check_arena_limit(what);
}

void
test_idset(void)
{
	idset_cases("reserved");
	/* as where the address space cannot be had (ulimit -v) */
	setenv("SU_TEST_IDSET_MALLOC", "1", 1);
	idset_cases("malloc'd");
	unsetenv("SU_TEST_IDSET_MALLOC");
}

/* the hashes of "x<N>", all small (in the top bits' partition 0, taken
 * in sweeps): x0..x7 one hash, x4000..x4007 another (equal hashes,
 * different ids), every other N its own */
static uint64_t
hash_eighths(const char *s, size_t n)
{
	char buf[32];
	uint64_t v;

	memcpy(buf, s, n < 31 ? n : 31);
	buf[n < 31 ? n : 31] = '\0';
	v = (uint64_t)strtoull(buf + 1, NULL, 10);
	return v < 8 ? 0 : v >= 4000 && v < 4008 ? 1 : v + 2;
}

/* a file of n ids (header "Id"), x0..x<n-1>, then ids again: x7 (a
 * hash shared with x0..x6), x4000 twice; the set given each line as a
 * reader would: every duplicate found at its first place, the set down
 * to the candidates */
static void
check_prepass(uint64_t (*hash)(const char *, size_t), const char *what,
              size_t most)
{
	char path[] = "/tmp/unit-idset.XXXXXX", id[32], *files[1];
	static const long again[] = {7, 4000, 4000};
	struct su_opts o;
	struct su_idset *s;
	const char *ff;
	long i, fl, n = 5000, bad = 0, found = 0;
	int fd, len, k;
	FILE *fp;

	fd = mkstemp(path);
	fp = fdopen(fd, "w");
	fprintf(fp, "Id\n");
	for (i = 0; i < n; i++)
		fprintf(fp, "x%ld\n", i);
	for (i = 0; i < 3; i++)
		fprintf(fp, "x%ld\n", again[i]);
	fclose(fp);
	files[0] = path;
	su_opts_init(&o);
	s = su_idset_new();
	if (hash)
		su_idset_hash(s, hash);
	su_idset_inputs(s, &o, 1, files, 0);
	for (i = 0; i < n + 3; i++) {
		len = snprintf(id, sizeof id, "x%ld", i < n ? i :
		    again[i - n]);
		k = su_idset_add(s, id, (size_t)len, path, i + 2, &ff, &fl);
		if (k == 1) {
			found++;
			bad += fl != (i < n ? i : again[i - n]) + 2;
		} else
			bad += k != 0 || i >= n;
	}
	CHECK(su_idset_filtered(s), "%s: not read twice", what);
	CHECK(found == 3 && bad == 0, "%s: %ld duplicates found, %ld "
	    "wrong", what, found, bad);
	CHECK(su_idset_n(s) <= most, "%s: %zu ids held, not the candidates' "
	    "(at most %zu)", what, su_idset_n(s), most);
	CHECK(su_idset_end(s) == 0, "%s: the readings differ", what);
	su_idset_free(s);
	unlink(path);
}

void
test_idset_prepass(void)
{
	/* a budget of the first table (80 KB) and ~500 ids, sweeps of 700
	 * hashes (hash_eighths: 5000 in one partition, 8 sweeps) */
	setenv("SU_TEST_IDSET_BUDGET", "90000", 1);
	setenv("SU_TEST_IDSET_SORTMAX", "700", 1);
	check_prepass(NULL, "the set's hash", 2);
	/* x0..x7 one hash, x4000..x4007 another: 16 candidates' ids */
	check_prepass(hash_eighths, "two hashes of 8 ids, one partition", 16);
	/* every id one hash: every id a candidate, all kept */
	check_prepass(hash_one, "one hash", 5000);
	/* the arena and table shrunk to the candidates' in place (given
	 * back) in the reservation, by realloc when malloc'd */
	setenv("SU_TEST_IDSET_MALLOC", "1", 1);
	check_prepass(NULL, "the set's hash, malloc'd", 2);
	check_prepass(hash_one, "one hash, malloc'd", 5000);
	unsetenv("SU_TEST_IDSET_MALLOC");
	unsetenv("SU_TEST_IDSET_BUDGET");
	unsetenv("SU_TEST_IDSET_SORTMAX");
}
