/*
 * scan.c - unit tests of lib/scan.c, the fast record scanner: records
 * worked out by hand, each read by every search the scanner has (AVX2
 * where the processor has it, SSE2, and the plain loop of -DSU_SCAN_PLAIN,
 * built here under other names), which must all say the same.  The
 * scanner against libcsv is tests/fuzz/fuzz_scan and reader.bats.
 */
#include "su.h"

#include <stdlib.h>
#include <string.h>

#include "unit.h"

#include "plain_scan.h"

enum { NHOW = 3 };

/* the scanners: as su_scan_init chose, SSE2, plain */
static void
open3(struct su_scan sc[NHOW], int delim, int quote)
{
	memset(sc, 0, NHOW * sizeof *sc);
	su_scan_init(&sc[0], delim, quote);
	su_scan_init(&sc[1], delim, quote);
	sc[1].how = SU_SCAN_HOW_SSE2;
	plain_scan_init(&sc[2], delim, quote);
}

static void
close3(struct su_scan sc[NHOW])
{
	su_scan_free(&sc[0]);
	su_scan_free(&sc[1]);
	plain_scan_free(&sc[2]);
}

/*
 * The record at s[0..n) by each scanner: want its answer; for SU_SCAN_OK
 * the bytes it takes, its lines and its fields, "|" between them (none
 * holds one).  0 if every scanner said so.
 */
static int
one(struct su_scan sc[NHOW], const char *s, size_t n, int want,
    size_t wused, long wlines, const char *wfields)
{
	char got[4096];
	size_t used, i, g;
	long lines;
	int h, r, ok = 1;

	for (h = 0; h < NHOW; h++) {
		used = 0, lines = 0;
		r = h < 2 ? su_scan_record(&sc[h], s, n, &used, &lines) :
		    plain_scan_record(&sc[h], s, n, &used, &lines);
		if (r != want) {
			printf("scanner %d: %d, not %d\n", h, r, want);
			ok = 0;
			continue;
		}
		if (r != SU_SCAN_OK)
			continue;
		for (i = 0, g = 0; i < sc[h].n; i++) {
			if (strlen(sc[h].f[i]) != sc[h].len[i])
				ok = 0; /* the NUL is at the field's end */
			if (g + sc[h].len[i] + 2 > sizeof got)
				abort();
			if (i)
				got[g++] = '|';
			memcpy(got + g, sc[h].f[i], sc[h].len[i]);
			g += sc[h].len[i];
		}
		got[g] = '\0';
		if (used != wused || lines != wlines ||
		    strcmp(got, wfields) != 0) {
			printf("scanner %d: used %zu lines %ld fields \"%s\"\n",
			    h, used, lines, got);
			ok = 0;
		}
	}
	return ok;
}

/* the record at the start of s */
#define REC(d, q, s, want, used, lines, fields)                           \
	do {                                                               \
		struct su_scan sc_[NHOW];                                  \
		open3(sc_, d, q);                                          \
		CHECK(one(sc_, s, sizeof s - 1, want, used, lines, fields), \
		    "%s", s);                                              \
		close3(sc_);                                               \
	} while (0)

/* bytes in a buffer of their own (no terminating NUL after them) */
static char *
dup_exact(const char *s, size_t n)
{
	char *p = malloc(n ? n : 1);

	if (!p)
		abort();
	memcpy(p, s, n);
	return p;
}

void
test_scan(void)
{
	struct su_scan sc[NHOW];
	char *big, *p;
	size_t i, n;

	/* the plain cases: three fields, 5 bytes and the LF */
	REC(',', '"', "a,b,c\n", SU_SCAN_OK, 6, 1, "a|b|c");
	REC(',', '"', "a,,\n", SU_SCAN_OK, 4, 1, "a||");
	/* quoted: the delimiter inside, doubled quotes made single, CRLF
	 * (5 + 1 + 16 + 1 + 1 bytes, the CR and LF) */
	REC(',', '"', "\"x,y\",\"he said \"\"hi\"\"\",z\r\n", SU_SCAN_OK, 26,
	    1, "x,y|he said \"hi\"|z");
	REC(',', '"', "\"\",\"\"\"\"\n", SU_SCAN_OK, 8, 1, "|\"");
	/* an LF inside quotes: the record spans two lines, 12 bytes and
	 * ",2\n" */
	REC(',', '"', "\"multi\nline\",2\nnext", SU_SCAN_OK, 15, 2,
	    "multi\nline|2");
	/* a CR inside quotes is text */
	REC(',', '"', "\"a\rb\"\n", SU_SCAN_OK, 6, 1, "a\rb");
	/* libcsv's to judge: a quote in an unquoted field, text after a
	 * closing quote, a bare CR, a NUL, a blank line */
	REC(',', '"', "a\"b,c\n", SU_SCAN_UNSURE, 0, 0, "");
	REC(',', '"', "\"a\"b,c\n", SU_SCAN_UNSURE, 0, 0, "");
	REC(',', '"', "a\rb\n", SU_SCAN_UNSURE, 0, 0, "");
	REC(',', '"', "a\0b\n", SU_SCAN_UNSURE, 0, 0, "");
	REC(',', '"', "\"a\0\"\n", SU_SCAN_UNSURE, 0, 0, "");
	REC(',', '"', "\n", SU_SCAN_UNSURE, 0, 0, "");
	REC(',', '"', "\r\n", SU_SCAN_UNSURE, 0, 0, "");
	/* no LF yet, or the quote still open: more bytes needed */
	REC(',', '"', "a,b", SU_SCAN_MORE, 0, 0, "");
	REC(',', '"', "\"a,b\n", SU_SCAN_MORE, 0, 0, "");
	REC(',', '"', "a,\"b\"", SU_SCAN_MORE, 0, 0, "");
	REC(',', '"', "a\r", SU_SCAN_MORE, 0, 0, "");
	/* TSV: no quote character, a quote is text */
	REC('\t', 0, "a\"b\tc\n", SU_SCAN_OK, 6, 1, "a\"b|c");
	REC(';', '"', "1;\"2;3\"\n", SU_SCAN_OK, 8, 1, "1|2;3");

	/* records one after another in one buffer: the second and third
	 * start inside the block the first ended in */
	open3(sc, ',', '"');
	p = dup_exact("1,2\n\"3\",4\r\n5,6\n", 15); /* 4 + 7 + 4 bytes */
	CHECK(one(sc, p, 15, SU_SCAN_OK, 4, 1, "1|2"), "first");
	CHECK(one(sc, p + 4, 11, SU_SCAN_OK, 7, 1, "3|4"), "second");
	CHECK(one(sc, p + 11, 4, SU_SCAN_OK, 4, 1, "5|6"), "third");
	free(p);
	close3(sc);

	/* a record libcsv reads (a stray quote leaves the quotes open),
	 * then one the scanner reads: made afresh from its start */
	open3(sc, ',', '"');
	p = dup_exact("a\"b\n1,\"2\"\n", 10); /* 4 + 6 bytes */
	CHECK(one(sc, p, 10, SU_SCAN_UNSURE, 0, 0, ""), "stray quote");
	CHECK(one(sc, p + 4, 6, SU_SCAN_OK, 6, 1, "1|2"), "after it");
	free(p);
	close3(sc);

	/* one field of 1,500 bytes over 24 blocks, a doubled quote across
	 * each block boundary (bytes 63 and 64, 127 and 128, ...): 1,500
	 * bytes between the quotes, 23 pairs made single, then ",z\n" */
	n = 1 + 1500 + 1 + 3;
	big = malloc(n);
	if (!big)
		abort();
	big[0] = '"';
	for (i = 1; i <= 1500; i++)
		big[i] = (i % 64 == 63 || i % 64 == 0) && i < 1500 - 1 ?
		    '"' : 'x';
	memcpy(big + 1501, "\",z\n", 4);
	open3(sc, ',', '"');
	{
		char want[1600];
		size_t w = 0;

		for (i = 1; i <= 1500; i++)
			if (!(big[i] == '"' && i % 64 == 0))
				want[w++] = big[i];
		memcpy(want + w, "|z", 3);
		CHECK(one(sc, big, n, SU_SCAN_OK, n, 1, want),
		    "1,500-byte field");
	}
	close3(sc);
	free(big);
}
