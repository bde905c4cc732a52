/* date.c - calendar dates as day numbers; strict parsing */
#include "su.h"

#include <stdio.h>
#include <string.h>
#include <strings.h>

/* H. Hinnant's days_from_civil / civil_from_days, proleptic Gregorian */
int32_t
su_days(int y, int m, int d)
{
	int era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void
su_civil(int32_t z, int *y, int *m, int *d)
{
	int era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp + (mp < 10 ? 3 : -9);
	*y = yoe + era * 400 + (*m <= 2);
}

int
su_days_in_month(int y, int m)
{
	static const int dim[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
	                          31};

	if (m == 2 && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)))
		return 29;
	return dim[m - 1];
}

/* up to `max` digits at *p; returns the count */
static int
num(const char *s, size_t len, size_t *p, int max, int *v)
{
	int n = 0;

	*v = 0;
	while (*p < len && s[*p] >= '0' && s[*p] <= '9' && n <= max) {
		*v = *v * 10 + (s[*p] - '0');
		(*p)++, n++;
	}
	return n;
}

int
su_date_parse_full(const char *s, size_t len, int dmy, int32_t *out,
                   const char **why)
{
	int a, b, y, m, d, na, nb, ny;
	size_t p = 0;
	char sep;

	su_trim_fast(&s, &len);
	if (len == 0)
		return 1;
	na = num(s, len, &p, 4, &a);
	if (na == 4 && p < len && s[p] == '-') {
		/* ISO 8601: YYYY-MM-DD, then T or space and a time */
		y = a, p++;
		if (num(s, len, &p, 2, &m) != 2 || p >= len || s[p] != '-')
			goto notdate;
		p++;
		if (num(s, len, &p, 2, &d) != 2)
			goto notdate;
	} else if (na >= 1 && na <= 2 && p < len &&
	           (s[p] == '/' || s[p] == '.' || s[p] == '-')) {
		sep = s[p++];
		nb = num(s, len, &p, 2, &b);
		if (nb < 1 || nb > 2 || p >= len || s[p] != sep)
			goto notdate;
		p++;
		ny = num(s, len, &p, 4, &y);
		if (ny == 2 && !(dmy & SU_DATE_YY)) {
			*why = "two-digit year (write the year in full, or "
			       "give --date-format mdy or dmy to read 00-68 "
			       "as 20xx and 69-99 as 19xx)";
			return -1;
		}
		/* the user named the order: POSIX strptime's %y pivot */
		if (ny == 2)
			y += y <= 68 ? 2000 : 1900;
		else if (ny != 4)
			goto notdate;
		dmy &= SU_DATE_DMY;
		if (sep != '/' && !dmy) {
			*why = "day-first date (use --date-format dmy)";
			return -1;
		}
		if (dmy)
			d = a, m = b;
		else
			m = a, d = b;
		if (!dmy && m > 12 && d <= 12) {
			*why = "month is over 12 (dates are read month-first, "
			       "M/D/YYYY; use --date-format dmy for day-first)";
			return -1;
		}
	} else
		goto notdate;
	if (p < len) {
		/* a time may follow: "T09:30:00Z", " 09:30", " 9:30 AM" */
		if ((s[p] != 'T' && s[p] != ' ') || p + 1 >= len ||
		    s[p + 1] < '0' || s[p + 1] > '9')
			goto notdate;
	}
	if (y < 1 || m < 1 || m > 12) {
		*why = "no such month";
		return -1;
	}
	if (d < 1 || d > su_days_in_month(y, m)) {
		*why = "no such day in that month";
		return -1;
	}
	*out = su_days(y, m, d);
	return 0;
notdate:
	/* 46156 or 46156.5: a workbook's date cell that came out of it as
	 * the day count it holds (Excel's serial, 10000 = 1927-05-18 to
	 * 99999 = 2173-10-14) */
	for (p = 0; p < len && s[p] >= '0' && s[p] <= '9'; p++)
		continue;
	if (p == 5 && (p == len || (s[p] == '.' && p + 1 < len))) {
		for (p++; p < len && s[p] >= '0' && s[p] <= '9'; p++)
			continue;
		if (p >= len) {
			*why = "a spreadsheet's date serial, not a date "
			       "(format the column as a date in the "
			       "workbook; see salesutils(7), SPREADSHEETS)";
			return -1;
		}
	}
	*why = dmy & SU_DATE_DMY ?
	    "not a date (expected YYYY-MM-DD, D/M/YYYY or D.M.YYYY)" :
	    "not a date (expected YYYY-MM-DD or M/D/YYYY)";
	return -1;
}

/* n digits at s as a number, or -1 */
static int
digits(const char *s, int n)
{
	int v = 0;

	for (; n > 0; n--, s++) {
		if (*s < '0' || *s > '9')
			return -1;
		v = v * 10 + (*s - '0');
	}
	return v;
}

/*
 * The shapes nearly every export writes, read at their fixed places:
 * YYYY-MM-DD, and M/D/YYYY (D/M/YYYY, D.M.YYYY, D-M-YYYY with dmy), each
 * with a time after it or not.  1 and *out when s is one of them and a
 * real date; 0 for anything else, which su_date_parse_full reads and
 * explains: the fast path only ever says what it would
 * (tests/unit/date.c compares the two on generated inputs).
 */
static int
date_fast(const char *s, size_t len, int dmy, int32_t *out)
{
	int a, b, y, m, d;
	size_t p, na, nb;
	char sep;

	if (len >= 10 && s[4] == '-' && s[7] == '-') {
		y = digits(s, 4), m = digits(s + 5, 2), d = digits(s + 8, 2);
		p = 10;
	} else if (len >= 8) {
		/* A/B/YYYY: A and B of one or two digits */
		na = s[1] >= '0' && s[1] <= '9' ? 2 : 1;
		sep = s[na];
		if (sep != '/' && !((dmy & SU_DATE_DMY) && (sep == '.' ||
		    sep == '-')))
			return 0;
		if ((a = digits(s, (int)na)) < 0)
			return 0;
		p = na + 1;
		nb = len > p + 1 && s[p + 1] >= '0' && s[p + 1] <= '9' ? 2 : 1;
		if (len < p + nb + 5 || s[p + nb] != sep ||
		    (b = digits(s + p, (int)nb)) < 0)
			return 0;
		p += nb + 1;
		if ((y = digits(s + p, 4)) < 0)
			return 0;
		p += 4;
		if (dmy & SU_DATE_DMY)
			d = a, m = b;
		else
			m = a, d = b;
	} else
		return 0;
	/* the end, or a time: T or a space, then a digit */
	if (p < len && ((s[p] != 'T' && s[p] != ' ') || p + 1 >= len ||
	    s[p + 1] < '0' || s[p + 1] > '9'))
		return 0;
	if (y < 1 || m < 1 || m > 12 || d < 1 || d > su_days_in_month(y, m))
		return 0;
	*out = su_days(y, m, d);
	return 1;
}

int
su_date_parse(const char *s, size_t len, int dmy, int32_t *out,
              const char **why)
{
	su_trim_fast(&s, &len);
	if (date_fast(s, len, dmy, out))
		return 0;
	return su_date_parse_full(s, len, dmy, out, why);
}

size_t
su_date_fmt_full(char *buf, int32_t days)
{
	int y, m, d;

	su_civil(days, &y, &m, &d);
	return (size_t)snprintf(buf, 16, "%04d-%02d-%02d", y, m, d);
}

/* the years of four digits written digit by digit (snprintf's ~1,800
 * instructions a call were a finding's cost); others by
 * su_date_fmt_full, the reference (tests/unit/date.c compares the two) */
size_t
su_date_fmt(char *buf, int32_t days)
{
	int y, m, d;

	su_civil(days, &y, &m, &d);
	if (y < 1 || y > 9999)
		return su_date_fmt_full(buf, days);
	buf[0] = (char)('0' + y / 1000);
	buf[1] = (char)('0' + y / 100 % 10);
	buf[2] = (char)('0' + y / 10 % 10);
	buf[3] = (char)('0' + y % 10);
	buf[4] = '-';
	buf[5] = (char)('0' + m / 10);
	buf[6] = (char)('0' + m % 10);
	buf[7] = '-';
	buf[8] = (char)('0' + d / 10);
	buf[9] = (char)('0' + d % 10);
	buf[10] = '\0';
	return 10;
}

/* two digits at s: their value, or -1 */
static int
two_digits(const char *s)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return -1;
	return (s[0] - '0') * 10 + (s[1] - '0');
}

/*
 * "YYYY-MM-DD HH:MM" and "YYYY-MM-DD HH:MM:SS" (or with a T), as the
 * exports write times: the date and the time read where they stand; anything else (blanks, AM/PM, a zone, a fraction, a time out of
 * range) goes to su_time_parse_full, the reference (tests/unit/date.c
 * compares the two on generated values).
 */
int
su_time_parse(const char *s, size_t len, int dmy, int64_t *out,
              const char **why)
{
	int c, y, m, d, h, mi, sec = 0;

	/* the date as date_fast reads YYYY-MM-DD (with any dmy) */
	if ((len == 16 || (len == 19 && s[16] == ':')) && s[4] == '-' &&
	    s[7] == '-' && (s[10] == ' ' || s[10] == 'T') && s[13] == ':' &&
	    (c = two_digits(s)) >= 0 && (y = two_digits(s + 2)) >= 0 &&
	    (y += c * 100) >= 1 &&
	    (m = two_digits(s + 5)) >= 1 && m <= 12 &&
	    (d = two_digits(s + 8)) >= 1 && d <= su_days_in_month(y, m) &&
	    (h = two_digits(s + 11)) >= 0 && h <= 23 &&
	    (mi = two_digits(s + 14)) >= 0 && mi <= 59 &&
	    (len == 16 || ((sec = two_digits(s + 17)) >= 0 && sec <= 60))) {
		*out = (int64_t)su_days(y, m, d) * 86400 + (int64_t)h * 3600 +
		    mi * 60 + sec;
		return 0;
	}
	return su_time_parse_full(s, len, dmy, out, why);
}

int
su_time_parse_full(const char *s, size_t len, int dmy, int64_t *out,
                   const char **why)
{
	size_t p = 0, dlen;
	int32_t day;
	int h = 0, mi = 0, sec = 0, r, n;
	int64_t off = 0;

	su_trim_fast(&s, &len);
	if (len == 0)
		return 1;
	while (p < len && s[p] != 'T' && s[p] != ' ')
		p++;
	dlen = p;
	if ((r = su_date_parse(s, dlen, dmy, &day, why)) != 0)
		return r < 0 ? -1 : (*why = "not a date", -1);
	*out = (int64_t)day * 86400;
	if (p == len)
		return 0;
	p++;
	while (p < len && s[p] == ' ')
		p++;
	if ((n = num(s, len, &p, 2, &h)) < 1 || n > 2 || p >= len ||
	    s[p] != ':')
		goto bad;
	p++;
	if (num(s, len, &p, 2, &mi) != 2)
		goto bad;
	if (p < len && s[p] == ':') {
		p++;
		if (num(s, len, &p, 2, &sec) != 2)
			goto bad;
		if (p < len && (s[p] == '.' || s[p] == ',')) {
			p++;
			if (p >= len || s[p] < '0' || s[p] > '9')
				goto bad;
			while (p < len && s[p] >= '0' && s[p] <= '9')
				p++; /* fractions of a second are dropped */
		}
	}
	while (p < len && s[p] == ' ')
		p++;
	if (len - p >= 2 && (s[p] == 'A' || s[p] == 'a' || s[p] == 'P' ||
	    s[p] == 'p') && (s[p + 1] == 'M' || s[p + 1] == 'm')) {
		if (h < 1 || h > 12)
			goto bad;
		h = h % 12 + ((s[p] == 'P' || s[p] == 'p') ? 12 : 0);
		p += 2;
		while (p < len && s[p] == ' ')
			p++;
	}
	if (h > 23 || mi > 59 || sec > 60)
		goto bad;
	if (p < len && (s[p] == 'Z' || s[p] == 'z'))
		p++;
	else if (len - p == 3 && strncasecmp(s + p, "UTC", 3) == 0)
		p += 3;
	else if (p < len && (s[p] == '+' || s[p] == '-')) {
		int oh, om = 0, sign = s[p] == '-' ? -1 : 1;

		p++;
		/* num() reads up to max + 1 digits: "0500" is 05, then 00 */
		if (num(s, len, &p, 1, &oh) != 2)
			goto bad;
		if (p < len && s[p] == ':')
			p++;
		if (p < len && (num(s, len, &p, 1, &om) != 2 || p != len))
			goto bad;
		if (oh > 14 || om > 59)
			goto bad;
		off = sign * ((int64_t)oh * 3600 + om * 60);
	}
	if (p != len)
		goto bad;
	*out += (int64_t)h * 3600 + mi * 60 + sec - off;
	return 0;
bad:
	*why = "not a time of day (expected HH:MM, HH:MM:SS, 9:30 AM, "
	       "with Z or +HH:MM)";
	return -1;
}
