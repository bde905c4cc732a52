/*
 * main.c - the unit tests of lib/, one test_MODULE() from each file of
 * tests/unit (unit.h).  Prints one line per failure and, last, "unit: N
 * passed, N failed" (tests/run reads that line); exits 1 if any failed.
 */
#include "su.h"

#include <stdint.h>
#include <stdio.h>

#include "unit.h"

int unit_passed, unit_failed;

/* PCG's LCG step, its high bits: the same inputs every run */
unsigned
unit_rnd(unsigned n)
{
	static uint64_t state = 20260216;

	state = state * 6364136223846793005u + 1442695040888963407u;
	return (unsigned)(state >> 33) % n;
}

int
main(void)
{
	test_money();
	test_rate();
	test_date();
	test_date_fast();
	test_period();
	test_columns();
	test_stats();
	test_expr();
	test_expr_fast();
	test_expr_cache();
	test_time();
	test_time_fast();
	test_yesno();
	test_category_fast();
	test_fmt();
	test_present();
	test_place();
	test_map();
	test_idset();
	test_idset_prepass();
	test_strtonum();
	test_ini_load();
	test_out_side();
	test_out_quote();
	test_ndjson();
	test_utf8len();
	test_scan();
	printf("unit: %d passed, %d failed\n", unit_passed, unit_failed);
	return unit_failed != 0;
}
