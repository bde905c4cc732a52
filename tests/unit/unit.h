/*
 * unit.h - what the unit tests of lib/ share: one file a lib module
 * (tests/unit/money.c for lib/money.c ...), each with one test_MODULE()
 * that main.c runs.  CHECK counts an assertion and prints "FAIL FILE:LINE:
 * ..." when it does not hold; main.c prints the counts last.
 */
#ifndef UNIT_H
#define UNIT_H

#include <stddef.h>
#include <stdio.h>

/* every module's assertions, counted once (main.c) */
extern int unit_passed, unit_failed;
/* a deterministic generator of test inputs: 0 to n - 1 (main.c) */
unsigned unit_rnd(unsigned n);

#define CHECK(cond, ...)                                                   \
	do {                                                               \
		if (cond)                                                  \
			unit_passed++;                                     \
		else {                                                     \
			unit_failed++;                                     \
			printf("FAIL %s:%d: ", __FILE__, __LINE__);        \
			printf(__VA_ARGS__);                               \
			printf("\n");                                      \
		}                                                          \
	} while (0)

/* what the code between them writes to standard error, into buf (size
 * bytes, NUL-terminated) instead (main.c); not nested */
void unit_stderr_begin(void);
void unit_stderr_end(char *buf, size_t size);

/* each word of the yes/no list of issue 13 (text.c) to fn, with what
 * su_yesno should say it is: su_yesno's words and su_present's are one list */
void unit_yesno_words(void (*fn)(const char *, int));

void test_columns(void);	/* columns.c */
void test_out_side(void);	/* csvout.c */
void test_out_quote(void);	/* csvout.c */
void test_date(void);		/* date.c */
void test_date_fast(void);	/* date.c: the fast path */
void test_time(void);
void test_time_fast(void);	/* date.c */
void test_expr(void);		/* expr.c */
void test_expr_fast(void);	/* expr.c: what an evaluation keeps */
void test_expr_cache(void);	/* expr.c */
void test_ini_load(void);	/* ini.c */
void test_map(void);		/* map.c */
void test_idset(void);		/* idset.c */
void test_idset_prepass(void);
void test_present(void);	/* model.c */
void test_place(void);
void test_money(void);		/* money.c */
void test_ndjson(void);		/* ndjson.c */
void test_scan(void);		/* scan.c */
void test_period(void);		/* period.c */
void test_utf8len(void);	/* text.c (in ndjson.c: its user) */
void test_rate(void);		/* rate.c */
void test_stats(void);		/* stats.c */
void test_yesno(void);		/* text.c */
void test_category_fast(void);	/* text.c */
void test_fmt(void);		/* text.c */
void test_strtonum(void);

#endif /* UNIT_H */
