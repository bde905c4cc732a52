/*
 * su_date.h - lib/date.c: dates as day numbers
 *
 * Prints nothing: a failure is -1 with a reason in *why.
 */
#ifndef SU_DATE_H
#define SU_DATE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* days since 1970-01-01 of a proleptic Gregorian date */
int32_t su_days(int y, int m, int d);
void su_civil(int32_t days, int *y, int *m, int *d);
int su_days_in_month(int y, int m);
/* ISO (time part ignored), US M/D/YYYY, or with dmy D/M/YYYY, D.M.YYYY.
 * dmy holds flags: SU_DATE_DMY day-first; SU_DATE_YY two-digit years are
 * read, 00-68 as 20xx and 69-99 as 19xx (--date-format was given).
 * 0 ok, 1 empty, -1 error. */
enum { SU_DATE_DMY = 1, SU_DATE_YY = 2 };
int su_date_parse(const char *s, size_t len, int dmy, int32_t *out,
                  const char **why);
/* the same without su_date_parse's fast path for the common shapes: the
 * reference it falls back on (and the unit tests compare it with) */
int su_date_parse_full(const char *s, size_t len, int dmy, int32_t *out,
                       const char **why);
size_t su_date_fmt(char *buf, int32_t days); /* "2026-02-16", 16 bytes */
/* the same by snprintf: the reference su_date_fmt falls back on (and the
 * unit tests compare) */
size_t su_date_fmt_full(char *buf, int32_t days);
/* a date with an optional time of day: "2026-02-16T09:30:00Z",
 * "2026-02-16 09:30", "2/16/2026 9:30 AM", "...+01:00" (an offset is
 * taken off: UTC; no offset: the time as written).  Seconds since
 * 1970-01-01.  0 ok, 1 empty, -1 error. */
int su_time_parse(const char *s, size_t len, int dmy, int64_t *out,
                  const char **why);
/* the same without su_time_parse's fast path for "YYYY-MM-DD HH:MM[:SS]":
 * the reference it falls back on (and the unit tests compare) */
int su_time_parse_full(const char *s, size_t len, int dmy, int64_t *out,
                       const char **why);

#endif
