/*
 * main.c - the unit tests of lib/, one test_MODULE() from each file of
 * tests/unit (unit.h).  Prints one line per failure and, last, "unit: N
 * passed, N failed" (tests/run reads that line); exits 1 if any failed.
 */
#include "su.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

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

/* standard error's file while unit_stderr_begin has it, and the one it
 * stands in for */
static FILE *err_file;
static int err_saved = -1;

void
unit_stderr_begin(void)
{
	fflush(stderr);
	if (!(err_file = tmpfile())) {
		perror("unit: tmpfile");
		exit(2);
	}
	err_saved = dup(2);
	dup2(fileno(err_file), 2);
}

void
unit_stderr_end(char *buf, size_t size)
{
	size_t n;

	fflush(stderr);
	dup2(err_saved, 2);
	close(err_saved);
	err_saved = -1;
	rewind(err_file);
	n = fread(buf, 1, size - 1, err_file);
	buf[n] = '\0';
	fclose(err_file);
	err_file = NULL;
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
