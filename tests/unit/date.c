/*
 * date.c - unit tests of lib/date.c: day numbers, dates strict (mdy,
 * dmy, two-digit years), times of day and their offsets.
 */
#include "su.h"

#include <stdio.h>
#include <string.h>

#include "unit.h"

static void
date_ok(const char *s, int dmy, int y, int m, int d)
{
	int32_t v = 0;
	const char *why = "";
	int r = su_date_parse(s, strlen(s), dmy, &v, &why);

	CHECK(r == 0 && v == su_days(y, m, d), "date \"%s\": r=%d %s", s, r,
	    r < 0 ? why : "");
}

static void
date_bad(const char *s, int dmy, const char *wwhy)
{
	int32_t v;
	const char *why = "";
	int r = su_date_parse(s, strlen(s), dmy, &v, &why);

	CHECK(r == -1 && strncmp(why, wwhy, strlen(wwhy)) == 0,
	    "date \"%s\" should fail with \"%s\": r=%d why=%s", s, wwhy, r,
	    why);
}

void
test_date(void)
{
	char buf[16];
	int y, m, d;

	CHECK(su_days(1970, 1, 1) == 0, "epoch");
	CHECK(su_days(2000, 3, 1) - su_days(2000, 2, 28) == 2, "2000 leap");
	CHECK(su_days(1900, 3, 1) - su_days(1900, 2, 28) == 1, "1900 not");
	su_civil(su_days(2026, 2, 16), &y, &m, &d);
	CHECK(y == 2026 && m == 2 && d == 16, "civil");
	su_civil(su_days(1, 1, 1), &y, &m, &d);
	CHECK(y == 1 && m == 1 && d == 1, "year 1");
	su_civil(su_days(9999, 12, 31), &y, &m, &d);
	CHECK(y == 9999 && m == 12 && d == 31, "year 9999");
	date_ok("2026-02-16", 0, 2026, 2, 16);
	date_ok("2026-02-16T09:30:00Z", 0, 2026, 2, 16);
	date_ok("2026-02-16 09:30", 0, 2026, 2, 16);
	date_ok("2/16/2026", 0, 2026, 2, 16);
	date_ok("02/06/2026", 0, 2026, 2, 6);
	date_ok("2/16/2026 9:30 AM", 0, 2026, 2, 16);
	date_ok("16/02/2026", 1, 2026, 2, 16);
	date_ok("16.02.2026", 1, 2026, 2, 16);
	date_ok("2024-02-29", 0, 2024, 2, 29);
	date_ok(" 2026-01-01 ", 0, 2026, 1, 1);
	date_bad("2026-02-30", 0, "no such day");
	date_bad("2025-02-29", 0, "no such day");
	date_bad("2026-13-01", 0, "no such month");
	date_bad("25/12/2026", 0, "month is over 12");
	date_bad("16.02.2026", 0, "day-first date (use --date-format dmy)");
	date_bad("2/16/26", 0, "two-digit year");
	date_bad("16-02-26", SU_DATE_DMY, "two-digit year (write the year "
	    "in full, or give --date-format mdy or dmy");
	/* a format given: POSIX %y, 00-68 in 2000-2068, 69-99 in 1969-1999 */
	date_ok("16-02-26", SU_DATE_DMY | SU_DATE_YY, 2026, 2, 16);
	date_ok("16.02.26", SU_DATE_DMY | SU_DATE_YY, 2026, 2, 16);
	date_ok("31/12/68", SU_DATE_DMY | SU_DATE_YY, 2068, 12, 31);
	date_ok("1/1/69", SU_DATE_DMY | SU_DATE_YY, 1969, 1, 1);
	date_ok("01-01-00", SU_DATE_DMY | SU_DATE_YY, 2000, 1, 1);
	date_ok("2/16/99", SU_DATE_YY, 1999, 2, 16);
	date_ok("2/16/2026", SU_DATE_YY, 2026, 2, 16);
	date_bad("29/02/25", SU_DATE_DMY | SU_DATE_YY, "no such day");
	date_bad("16-02-26", SU_DATE_YY, "day-first date");
	date_bad("2/16/202", SU_DATE_YY, "not a date");
	date_bad("2026-2-16", 0, "not a date");
	date_bad("20260216", 0, "not a date");
	/* a workbook's date cell as the day count it holds (xlsx2csv) */
	date_bad("46156", 0, "a spreadsheet's date serial");
	date_bad("46156.375", 0, "a spreadsheet's date serial");
	date_bad("4615", 0, "not a date");
	date_bad("46156.", 0, "not a date");
	date_bad("461560", 0, "not a date");
	date_bad("2026-02-16x", 0, "not a date");
	date_bad("yesterday", 0, "not a date");
	date_bad("0000-01-01", 0, "no such month");
	su_date_fmt(buf, su_days(2026, 4, 1));
	CHECK(strcmp(buf, "2026-04-01") == 0, "fmt %s", buf);
	/* the digit-by-digit writing against snprintf's: every day from
	 * 1899 to 2101, then days anywhere (years 1 and 9999 at the edges,
	 * and beyond) */
	{
		char ref[16];
		int32_t z, lo = su_days(1899, 1, 1), hi = su_days(2101, 12, 31);
		long i, bad = 0;
		size_t a, b;

		for (i = 0; i < 74000 + 200000; i++) {
			z = i < 74000 ? lo + (int32_t)i : (int32_t)unit_rnd(
			    2 * 3660000) - 3660000 + su_days(1, 1, 1);
			if (i < 74000 && z > hi)
				continue;
			a = su_date_fmt(buf, z);
			b = su_date_fmt_full(ref, z);
			if ((a != b || strcmp(buf, ref) != 0) && bad++ < 5)
				printf("date fmt %ld: \"%s\", the reference "
				    "\"%s\"\n", (long)z, buf, ref);
		}
		CHECK(bad == 0, "date fmt: %ld days written otherwise", bad);
	}
}

/* su_date_parse (its fast path for the common shapes) says what
 * su_date_parse_full says, of s under each --date-format: the same
 * answer, day and reason; 1 when it does */
static int
date_same(const char *s, size_t len)
{
	static const int flags[] = {0, SU_DATE_DMY, SU_DATE_YY,
	                            SU_DATE_DMY | SU_DATE_YY};
	int32_t a, b;
	const char *wa, *wb;
	int k, ra, rb;

	for (k = 0; k < 4; k++) {
		a = b = -1, wa = wb = NULL;
		ra = su_date_parse(s, len, flags[k], &a, &wa);
		rb = su_date_parse_full(s, len, flags[k], &b, &wb);
		if (ra != rb || (ra == 0 && a != b) || (ra < 0 && wa != wb)) {
			printf("date \"%.*s\" flags %d: fast %d %ld %s, full "
			    "%d %ld %s\n", (int)len, s, flags[k], ra, (long)a,
			    wa ? wa : "", rb, (long)b, wb ? wb : "");
			return 0;
		}
	}
	return 1;
}

/* a number of n digits (n 0: none), at times one digit more or less */
static size_t
gen_num(char *p, int n, int max)
{
	int v = unit_rnd(50) ? (int)unit_rnd((unsigned)max + 1) : 0;

	n += unit_rnd(8) == 0 ? (int)unit_rnd(3) - 1 : 0;
	if (n <= 0)
		return 0;
	return (size_t)sprintf(p, unit_rnd(2) ? "%0*d" : "%d", n, v % 100000);
}

/* the fast path against the full parser on generated inputs: dates of
 * every shape and separator, near-misses (a digit more or less, a wrong
 * separator, days 0 and 29-32, months 0 and 13, years 0000 and 2 or 5
 * digits, what may follow), and random strings of date characters */
void
test_date_fast(void)
{
	static const char *const sep = "-/.-/ x";
	static const char *const tail[] = {"", "", "", "T09:30:00Z",
	    " 9:30 AM", " 09:30", "T", " ", "x", "0", " x", "T1", "  1"};
	static const char alpha[] = "0123456789-/.T :";
	char s[64];
	size_t n;
	long bad = 0, i;
	int j, len;
	char c;

	for (i = 0; i < 200000; i++) {
		n = 0;
		if (unit_rnd(10) == 0)
			s[n++] = ' ';
		if (unit_rnd(2)) { /* YYYY-MM-DD */
			n += gen_num(s + n, 4, unit_rnd(20) ? 2100 : 9999);
			c = sep[unit_rnd(7)], s[n++] = unit_rnd(4) ? '-' : c;
			n += gen_num(s + n, 2, 13);
			s[n++] = unit_rnd(4) ? '-' : c;
			n += gen_num(s + n, 2, 32);
		} else { /* A/B/YYYY */
			c = unit_rnd(2) ? '/' : sep[unit_rnd(7)];
			n += gen_num(s + n, 1 + (int)unit_rnd(2), 32);
			s[n++] = c;
			n += gen_num(s + n, 1 + (int)unit_rnd(2), 32);
			s[n++] = unit_rnd(8) ? c : sep[unit_rnd(7)];
			n += gen_num(s + n, unit_rnd(4) ? 4 : 2,
			    unit_rnd(20) ? 2100 : 9999);
		}
		n += (size_t)sprintf(s + n, "%s",
		    tail[unit_rnd(sizeof tail / sizeof tail[0])]);
		if (unit_rnd(10) == 0)
			s[n++] = ' ';
		bad += !date_same(s, n);
		/* and as random characters of dates */
		len = (int)unit_rnd(14);
		for (j = 0; j < len; j++)
			s[j] = alpha[unit_rnd(sizeof alpha - 1)];
		bad += !date_same(s, (size_t)len);
	}
	CHECK(bad == 0, "date fast path: %ld inputs read otherwise", bad);
}

static void
time_ok(const char *s, int64_t want)
{
	int64_t v = -1;
	const char *why = "";
	int r = su_time_parse(s, strlen(s), 0, &v, &why);

	CHECK(r == 0 && v == want, "time \"%s\": r=%d v=%lld why=%s (want "
	    "%lld)", s, r, (long long)v, r < 0 ? why : "", (long long)want);
}

void
test_time(void)
{
	int64_t d = (int64_t)su_days(2026, 2, 16) * 86400, v;
	const char *why;

	time_ok("2026-02-16", d);
	time_ok("2026-02-16 09:30", d + 9 * 3600 + 30 * 60);
	time_ok("2026-02-16T09:30:15Z", d + 9 * 3600 + 30 * 60 + 15);
	time_ok("2026-02-16T09:30:15.250Z", d + 9 * 3600 + 30 * 60 + 15);
	/* +01:00 is an hour ahead of UTC: 09:30+01:00 = 08:30Z */
	time_ok("2026-02-16T09:30:00+01:00", d + 8 * 3600 + 30 * 60);
	time_ok("2026-02-16T09:30:00-0500", d + 14 * 3600 + 30 * 60);
	time_ok("2/16/2026 9:30 AM", d + 9 * 3600 + 30 * 60);
	time_ok("2/16/2026 12:05 AM", d + 5 * 60);
	time_ok("2/16/2026 12:05 PM", d + 12 * 3600 + 5 * 60);
	time_ok("2/16/2026 9:30 pm", d + 21 * 3600 + 30 * 60);
	time_ok("2026-02-16 23:59 UTC", d + 23 * 3600 + 59 * 60);
	CHECK(su_time_parse("", 0, 0, &v, &why) == 1, "empty time");
	CHECK(su_time_parse("2026-02-16 25:00", 16, 0, &v, &why) == -1,
	    "hour 25");
	CHECK(su_time_parse("2026-02-16 13:00 PM", 19, 0, &v, &why) == -1,
	    "13 PM");
	CHECK(su_time_parse("2026-02-16 9", 12, 0, &v, &why) == -1,
	    "no minutes");
	CHECK(su_time_parse("next week", 9, 0, &v, &why) == -1, "next week");
	/* the fast path's edges, as the reference reads them */
	time_ok("2026-02-16 00:00", d);
	time_ok("2026-02-16T23:59:60", d + 23 * 3600 + 59 * 60 + 60);
	CHECK(su_time_parse("2026-02-16 23:60", 16, 0, &v, &why) == -1,
	    "minute 60");
	CHECK(su_time_parse("2026-02-30 09:00", 16, 0, &v, &why) == -1,
	    "February 30");
}

/* su_time_parse (its fast path for "YYYY-MM-DD HH:MM[:SS]") against
 * su_time_parse_full, the reference, on generated values: such times
 * with each byte sometimes changed (a digit, a separator, a blank, a
 * letter), other lengths, and both day orders */
void
test_time_fast(void)
{
	static const char *const base[] = {
		"2026-02-16 09:30", "2026-12-31T23:59:59", "2026-01-21 04:45",
		"1999-02-28 00:00:60", "2024-02-29T12:00", "2026-04-31 10:10",
		"0000-01-01 00:00", "0001-01-01 00:00", "9999-12-31T23:59:59",
		"2100-02-29 12:00", "2000-02-29 12:00",
	};
	static const char chars[] = "0123456789 -:T/.Zz+aApPmM\t";
	char s[40];
	size_t n, k;
	long i, bad = 0;
	int64_t a, b;
	const char *wa, *wb;
	int ra, rb, dmy;

	for (i = 0; i < 300000; i++) {
		const char *p = base[unit_rnd(sizeof base / sizeof base[0])];

		n = strlen(p);
		memcpy(s, p, n);
		for (k = unit_rnd(4); k > 0; k--)
			s[unit_rnd((unsigned)n)] =
			    chars[unit_rnd(sizeof chars - 1)];
		if (unit_rnd(6) == 0)
			n = unit_rnd(22);
		dmy = (int)unit_rnd(2);
		a = b = -1, wa = wb = NULL;
		ra = su_time_parse(s, n, dmy, &a, &wa);
		rb = su_time_parse_full(s, n, dmy, &b, &wb);
		if ((ra != rb || (ra == 0 && a != b) || (ra < 0 &&
		    strcmp(wa, wb) != 0)) && bad++ < 5)
			printf("time \"%.*s\" (dmy %d): %d %lld, the "
			    "reference %d %lld\n", (int)n, s, dmy, ra,
			    (long long)a, rb, (long long)b);
	}
	CHECK(bad == 0, "time fast path: %ld values read otherwise", bad);
}
