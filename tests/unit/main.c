/*
 * main.c - the unit tests of lib/, one test_MODULE() from each file of
 * tests/unit (unit.h).  Prints one line per failure and, last, "unit: N
 * passed, N failed" (tests/run reads that line); exits 1 if any failed.
 */
#include "su.h"

#include <stdio.h>

#include "unit.h"

int unit_passed, unit_failed;

int
main(void)
{
	test_money();
	test_rate();
	test_date();
	test_period();
	test_columns();
	test_stats();
	test_expr();
	test_time();
	test_yesno();
	test_present();
	test_map();
	test_idset();
	test_idset_prepass();
	test_strtonum();
	test_ini_load();
	test_out_side();
	test_ndjson();
	test_utf8len();
	printf("unit: %d passed, %d failed\n", unit_passed, unit_failed);
	return unit_failed != 0;
}
