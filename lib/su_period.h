/*
 * su_period.h - lib/period.c: fiscal years, quarters, months, --period
 *
 * Prints nothing: a failure is -1 with a reason in *why.
 */
#ifndef SU_PERIOD_H
#define SU_PERIOD_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* A fiscal year is named by the calendar year in which it ends. */
struct su_period {
	int32_t from, to; /* inclusive day numbers */
};
int su_fiscal_year(int32_t day, int fy_start);
int su_fiscal_quarter(int32_t day, int fy_start); /* 1..4 */
/* "2026-Q2" (calendar quarter), "FY2026-Q2" (fiscal), "2026-05",
 * "2026-W14" (ISO week), "2026",
 * "FY2026", "2026-04-01..2026-06-30".  0 ok, -1 with *why. */
int su_period_parse(const char *s, int fy_start, struct su_period *p,
					const char **why);
/* as su_period_parse (no relative names: files say their periods), and
 * "this-quarter" and the like: {last,this,next}-{week,month,quarter,year},
 * weeks ISO (Monday to Sunday), months calendar, quarters and years
 * fiscal, around today.  0 ok, -1 with *why. */
int su_period_parse_at(const char *s, int fy_start, int32_t today,
					   struct su_period *p, const char **why);
/* ISO 8601 week: the year it belongs to (that of its Thursday), its week
 * 1..53 in *week; how many weeks year y has (52 or 53) */
int su_iso_week(int32_t day, int *week);
int su_iso_weeks(int y);
size_t su_label_week(char *buf, int32_t day); /* "2026-W14", 16 bytes */
/* labels of a day: "2026-Q2" ("FY2027-Q1" when fy_start != 1),
 * "2026-05", "FY2026".  16 bytes. */
size_t su_label_quarter(char *buf, int32_t day, int fy_start);
size_t su_label_month(char *buf, int32_t day);
size_t su_label_fy(char *buf, int32_t day, int fy_start);

#endif
