/* date.c - calendar dates as day numbers; strict parsing */
#include "su.h"

#include <stdio.h>
#include <string.h>

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
su_date_parse(const char *s, size_t len, int dmy, int32_t *out,
              const char **why)
{
	int a, b, y, m, d, na, nb, ny;
	size_t p = 0;
	char sep;

	su_trim(&s, &len);
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
		if (ny == 2) {
			*why = "two-digit year (write the year in full)";
			return -1;
		}
		if (ny != 4)
			goto notdate;
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
	*why = dmy ? "not a date (expected YYYY-MM-DD, D/M/YYYY or D.M.YYYY)"
	           : "not a date (expected YYYY-MM-DD or M/D/YYYY)";
	return -1;
}

size_t
su_date_fmt(char *buf, int32_t days)
{
	int y, m, d;

	su_civil(days, &y, &m, &d);
	return (size_t)snprintf(buf, 16, "%04d-%02d-%02d", y, m, d);
}
