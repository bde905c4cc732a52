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
