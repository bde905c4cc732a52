/*
 * period.c - unit tests of lib/period.c: fiscal years, quarters, months,
 * ranges and their labels.
 */
#include "su.h"

#include <string.h>

#include "unit.h"

static void
period_ok(const char *s, int fy, const char *from, const char *to)
{
	struct su_period p;
	const char *why = "";
	char a[16] = "", b[16] = "";
	int r = su_period_parse(s, fy, &p, &why);

	if (r == 0) {
		su_date_fmt(a, p.from);
		su_date_fmt(b, p.to);
	}
	CHECK(r == 0 && strcmp(a, from) == 0 && strcmp(b, to) == 0,
	    "period %s (fy %d): %s..%s %s", s, fy, a, b, r ? why : "");
}

/* a relative period around today (as YYYY-MM-DD) */
static void
rel_ok(const char *s, int fy, const char *today, const char *from,
       const char *to)
{
	struct su_period p;
	const char *why = "";
	char a[16] = "", b[16] = "";
	int32_t t;
	int r;

	su_date_parse(today, strlen(today), 0, &t, &why);
	r = su_period_parse_at(s, fy, t, &p, &why);
	if (r == 0) {
		su_date_fmt(a, p.from);
		su_date_fmt(b, p.to);
	}
	CHECK(r == 0 && strcmp(a, from) == 0 && strcmp(b, to) == 0,
	    "period %s (fy %d, as of %s): %s..%s %s", s, fy, today, a, b,
	    r ? why : "");
}

static void
week_ok(int y, int m, int d, const char *want)
{
	char buf[16];

	su_label_week(buf, su_days(y, m, d));
	CHECK(strcmp(buf, want) == 0, "week of %04d-%02d-%02d: %s, not %s",
	    y, m, d, buf, want);
}

void
test_period(void)
{
	struct su_period p;
	const char *why;
	char buf[16];

	period_ok("2026-Q2", 1, "2026-04-01", "2026-06-30");
	period_ok("2026-Q4", 1, "2026-10-01", "2026-12-31");
	period_ok("FY2026-Q2", 1, "2026-04-01", "2026-06-30");
	/* fiscal year from February, named by the year it ends in:
	 * FY2027 = 2026-02-01..2027-01-31; its Q1 = Feb-Apr 2026 */
	period_ok("FY2027", 2, "2026-02-01", "2027-01-31");
	period_ok("FY2027-Q1", 2, "2026-02-01", "2026-04-30");
	period_ok("FY2027-Q4", 2, "2026-11-01", "2027-01-31");
	/* calendar quarter whatever the fiscal year */
	period_ok("2026-Q2", 2, "2026-04-01", "2026-06-30");
	period_ok("2026-02", 1, "2026-02-01", "2026-02-28");
	period_ok("2024-02", 1, "2024-02-01", "2024-02-29");
	period_ok("2026", 7, "2026-01-01", "2026-12-31");
	period_ok("FY2026", 1, "2026-01-01", "2026-12-31");
	period_ok("fy2026-q3", 1, "2026-07-01", "2026-09-30");
	period_ok("2026-04-01..2026-06-30", 1, "2026-04-01", "2026-06-30");
	CHECK(su_period_parse("2026-Q5", 1, &p, &why) == -1, "Q5");
	CHECK(su_period_parse("2026-13", 1, &p, &why) == -1, "month 13");
	CHECK(su_period_parse("FY2026-05", 1, &p, &why) == -1, "FY month");
	CHECK(su_period_parse("2026-06-30..2026-04-01", 1, &p, &why) == -1,
	    "backwards range");
	CHECK(su_period_parse("Q2", 1, &p, &why) == -1, "no year");
	/* ISO weeks: 2026-01-01 is a Thursday, so W01 is 2025-12-29..
	 * 2026-01-04; 2026 has 53 weeks (it starts on a Thursday) */
	period_ok("2026-W01", 1, "2025-12-29", "2026-01-04");
	period_ok("2026-W14", 1, "2026-03-30", "2026-04-05");
	period_ok("2026-W53", 1, "2026-12-28", "2027-01-03");
	period_ok("2027-W01", 1, "2027-01-04", "2027-01-10");
	CHECK(su_period_parse("2025-W53", 1, &p, &why) == -1, "2025: 52");
	CHECK(su_period_parse("2026-W00", 1, &p, &why) == -1, "W00");
	CHECK(su_period_parse("FY2026-W01", 1, &p, &why) == -1, "FY week");
	CHECK(su_period_parse("this-quarter", 1, &p, &why) == -1,
	    "relative without today");
	week_ok(2026, 12, 31, "2026-W53");
	week_ok(2027, 1, 3, "2026-W53");
	week_ok(2027, 1, 4, "2027-W01");
	week_ok(2026, 1, 1, "2026-W01");
	week_ok(2025, 12, 29, "2026-W01");
	week_ok(2025, 12, 28, "2025-W52");
	week_ok(2021, 1, 3, "2020-W53");
	week_ok(2024, 12, 30, "2025-W01");
	week_ok(2026, 4, 2, "2026-W14");
	week_ok(1970, 1, 1, "1970-W01");
	week_ok(1969, 12, 28, "1969-W52");
	CHECK(su_iso_weeks(2026) == 53 && su_iso_weeks(2025) == 52 &&
	    su_iso_weeks(2020) == 53, "weeks in a year");
	/* relative periods, calendar year: 2026-05-15 is a Friday */
	rel_ok("this-quarter", 1, "2026-05-15", "2026-04-01", "2026-06-30");
	rel_ok("last-quarter", 1, "2026-05-15", "2026-01-01", "2026-03-31");
	rel_ok("next-quarter", 1, "2026-05-15", "2026-07-01", "2026-09-30");
	rel_ok("this-month", 1, "2026-05-15", "2026-05-01", "2026-05-31");
	rel_ok("last-month", 1, "2026-05-15", "2026-04-01", "2026-04-30");
	rel_ok("next-month", 1, "2026-05-15", "2026-06-01", "2026-06-30");
	rel_ok("this-year", 1, "2026-05-15", "2026-01-01", "2026-12-31");
	rel_ok("this-week", 1, "2026-05-15", "2026-05-11", "2026-05-17");
	rel_ok("last-week", 1, "2026-05-15", "2026-05-04", "2026-05-10");
	/* the year's edges: last-quarter and last-month of January are in
	 * the year before; next of December in the year after */
	rel_ok("last-quarter", 1, "2026-01-01", "2025-10-01", "2025-12-31");
	rel_ok("last-month", 1, "2026-01-31", "2025-12-01", "2025-12-31");
	rel_ok("next-quarter", 1, "2026-12-31", "2027-01-01", "2027-03-31");
	rel_ok("next-month", 1, "2026-12-31", "2027-01-01", "2027-01-31");
	rel_ok("last-month", 1, "2024-03-31", "2024-02-01", "2024-02-29");
	/* weeks across the year: 2027-01-01 is a Friday of 2026-W53 */
	rel_ok("this-week", 1, "2027-01-01", "2026-12-28", "2027-01-03");
	rel_ok("last-week", 1, "2026-01-04", "2025-12-22", "2025-12-28");
	rel_ok("this-week", 1, "2026-05-11", "2026-05-11", "2026-05-17");
	rel_ok("this-week", 1, "2026-05-17", "2026-05-11", "2026-05-17");
	/* fiscal year from February: FY2026 = 2025-02-01..2026-01-31 */
	rel_ok("this-quarter", 2, "2026-01-31", "2025-11-01", "2026-01-31");
	rel_ok("next-quarter", 2, "2026-01-31", "2026-02-01", "2026-04-30");
	rel_ok("this-quarter", 2, "2026-02-01", "2026-02-01", "2026-04-30");
	rel_ok("last-quarter", 2, "2026-02-01", "2025-11-01", "2026-01-31");
	rel_ok("this-year", 2, "2026-01-31", "2025-02-01", "2026-01-31");
	rel_ok("this-year", 2, "2026-02-01", "2026-02-01", "2027-01-31");
	rel_ok("last-year", 2, "2026-02-01", "2025-02-01", "2026-01-31");
	rel_ok("next-year", 2, "2026-02-01", "2027-02-01", "2028-01-31");
	/* ... from October: FY2027 = 2026-10-01..2027-09-30 */
	rel_ok("this-quarter", 10, "2026-12-31", "2026-10-01", "2026-12-31");
	rel_ok("last-quarter", 10, "2026-10-01", "2026-07-01", "2026-09-30");
	rel_ok("this-month", 10, "2026-10-01", "2026-10-01", "2026-10-31");
	/* an absolute period still reads */
	rel_ok("2026-Q2", 1, "2020-01-01", "2026-04-01", "2026-06-30");
	CHECK(su_period_parse_at("this-decade", 1, 0, &p, &why) == -1,
	    "this-decade");
	CHECK(su_period_parse_at("This-Quarter", 1, 0, &p, &why) == -1,
	    "case");
	CHECK(su_fiscal_year(su_days(2026, 1, 31), 2) == 2026 &&
	    su_fiscal_year(su_days(2026, 2, 1), 2) == 2027, "fy edges");
	su_label_quarter(buf, su_days(2026, 5, 15), 1);
	CHECK(strcmp(buf, "2026-Q2") == 0, "label %s", buf);
	su_label_quarter(buf, su_days(2026, 5, 15), 2);
	CHECK(strcmp(buf, "FY2027-Q2") == 0, "label %s", buf);
	su_label_month(buf, su_days(2026, 5, 15));
	CHECK(strcmp(buf, "2026-05") == 0, "label %s", buf);
	su_label_fy(buf, su_days(2026, 5, 15), 7);
	CHECK(strcmp(buf, "FY2026") == 0, "label %s", buf);
	su_label_fy(buf, su_days(2026, 7, 1), 7);
	CHECK(strcmp(buf, "FY2027") == 0, "label %s", buf);
}
