/* period.c - fiscal calendar and reporting periods */
#include "su.h"

#include <stdio.h>
#include <string.h>

int
su_fiscal_year(int32_t day, int fy_start)
{
	int y, m, d;

	su_civil(day, &y, &m, &d);
	/* named by the calendar year in which the fiscal year ends */
	return fy_start > 1 && m >= fy_start ? y + 1 : y;
}

int
su_fiscal_quarter(int32_t day, int fy_start)
{
	int y, m, d;

	su_civil(day, &y, &m, &d);
	return (m - fy_start + 12) % 12 / 3 + 1;
}

/* first day of fiscal month k (0..12) of fiscal year fy */
static int32_t
fy_month(int fy, int fy_start, int k)
{
	int y = fy_start > 1 ? fy - 1 : fy, m = fy_start + k;

	while (m > 12)
		m -= 12, y++;
	return su_days(y, m, 1);
}

static int32_t iso_monday(int);

static int
digits(const char *s, size_t n, int *v)
{
	size_t i;

	*v = 0;
	for (i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		*v = *v * 10 + (s[i] - '0');
	}
	return 0;
}

int
su_period_parse(const char *s, int fy_start, struct su_period *p,
                const char **why)
{
	size_t len = strlen(s);
	const char *dots = strstr(s, "..");
	int fy = 0, y, q, m;

	if (dots) {
		if (su_date_parse(s, (size_t)(dots - s), 0, &p->from, why) ||
		    su_date_parse(dots + 2, strlen(dots + 2), 0, &p->to, why)) {
			*why = "not a date range (expected "
			       "2026-04-01..2026-06-30)";
			return -1;
		}
		if (p->from > p->to) {
			*why = "the range ends before it starts";
			return -1;
		}
		return 0;
	}
	if (len > 2 && (s[0] == 'F' || s[0] == 'f') &&
	    (s[1] == 'Y' || s[1] == 'y'))
		fy = 1, s += 2, len -= 2;
	if (len < 4 || digits(s, 4, &y) || y < 1 || y > 9998)
		goto bad;
	if (len == 4) {
		p->from = fy ? fy_month(y, fy_start, 0) : su_days(y, 1, 1);
		p->to = (fy ? fy_month(y, fy_start, 12) : su_days(y + 1, 1, 1))
		    - 1;
		return 0;
	}
	if (len == 7 && s[4] == '-' && (s[5] == 'Q' || s[5] == 'q') &&
	    s[6] >= '1' && s[6] <= '4') {
		q = s[6] - '0';
		p->from = fy ? fy_month(y, fy_start, 3 * (q - 1))
		             : su_days(y, 3 * q - 2, 1);
		p->to = (fy ? fy_month(y, fy_start, 3 * q)
		            : 3 * q + 1 > 12 ? su_days(y + 1, 1, 1)
		                             : su_days(y, 3 * q + 1, 1)) - 1;
		return 0;
	}
	if (!fy && len == 7 && s[4] == '-' && !digits(s + 5, 2, &m) &&
	    m >= 1 && m <= 12) {
		p->from = su_days(y, m, 1);
		p->to = p->from + su_days_in_month(y, m) - 1;
		return 0;
	}
	if (!fy && len == 8 && s[4] == '-' && (s[5] == 'W' || s[5] == 'w') &&
	    !digits(s + 6, 2, &m) && m >= 1 && m <= su_iso_weeks(y)) {
		p->from = iso_monday(y) + 7 * (m - 1);
		p->to = p->from + 6;
		return 0;
	}
bad:
	*why = "not a period (expected 2026-Q2, FY2026-Q2, 2026-05, 2026-W14, "
	       "2026, FY2026 or 2026-04-01..2026-06-30)";
	return -1;
}

/* the day of the week, Monday 0: 1970-01-01 was a Thursday */
static int
weekday(int32_t day)
{
	return (int)(((int64_t)day + 3) % 7 + 7) % 7;
}

/* the Monday of ISO week 1 of year y: the week holding January 4 */
static int32_t
iso_monday(int y)
{
	int32_t jan4 = su_days(y, 1, 4);

	return jan4 - weekday(jan4);
}

int
su_iso_week(int32_t day, int *week)
{
	/* a week belongs to the year of its Thursday */
	int32_t thu = day - weekday(day) + 3;
	int y, m, d;

	su_civil(thu, &y, &m, &d);
	*week = (thu - su_days(y, 1, 1)) / 7 + 1;
	return y;
}

int
su_iso_weeks(int y)
{
	int w;

	/* December 28 is always in the year's last week */
	su_iso_week(su_days(y, 12, 28), &w);
	return w;
}

size_t
su_label_week(char *buf, int32_t day)
{
	int w, y = su_iso_week(day, &w);

	return (size_t)snprintf(buf, 16, "%04d-W%02d", y, w);
}

/* fiscal quarter n (counted as fy * 4 + q - 1) */
static void
quarter_n(int n, int fy_start, struct su_period *p)
{
	int fy = n / 4, q = n % 4;

	p->from = fy_month(fy, fy_start, 3 * q);
	p->to = fy_month(fy, fy_start, 3 * q + 3) - 1;
}

int
su_period_parse_at(const char *s, int fy_start, int32_t today,
                   struct su_period *p, const char **why)
{
	static const char *const rel[] = {"last", "this", "next"};
	static const char *const unit[] = {"week", "month", "quarter", "year"};
	int i, u, y, m, d, n;
	size_t k;

	for (i = 0; i < 3; i++) {
		k = strlen(rel[i]);
		if (strncmp(s, rel[i], k) != 0 || s[k] != '-')
			continue;
		for (u = 0; u < 4; u++)
			if (strcmp(s + k + 1, unit[u]) == 0)
				break;
		if (u == 4)
			break;
		switch (u) {
		case 0: /* ISO weeks, Monday to Sunday */
			p->from = today - weekday(today) + 7 * (i - 1);
			p->to = p->from + 6;
			break;
		case 1: /* calendar months */
			su_civil(today, &y, &m, &d);
			n = y * 12 + m - 1 + i - 1;
			p->from = su_days(n / 12, n % 12 + 1, 1);
			p->to = p->from + su_days_in_month(n / 12, n % 12 + 1)
			    - 1;
			break;
		case 2: /* fiscal quarters */
			quarter_n(su_fiscal_year(today, fy_start) * 4 +
			    su_fiscal_quarter(today, fy_start) - 1 + i - 1,
			    fy_start, p);
			break;
		default: /* fiscal years */
			n = su_fiscal_year(today, fy_start) + i - 1;
			p->from = fy_month(n, fy_start, 0);
			p->to = fy_month(n, fy_start, 12) - 1;
		}
		return 0;
	}
	if (su_period_parse(s, fy_start, p, why) == 0)
		return 0;
	*why = "not a period (expected 2026-Q2, FY2026-Q2, 2026-05, 2026-W14, "
	       "2026, FY2026, 2026-04-01..2026-06-30, or this-, last- or "
	       "next-week, -month, -quarter, -year)";
	return -1;
}

size_t
su_label_quarter(char *buf, int32_t day, int fy_start)
{
	int q = su_fiscal_quarter(day, fy_start);
	int fy = su_fiscal_year(day, fy_start);

	return (size_t)snprintf(buf, 16, fy_start == 1 ? "%04d-Q%d" :
	    "FY%04d-Q%d", fy, q);
}

size_t
su_label_month(char *buf, int32_t day)
{
	int y, m, d;

	su_civil(day, &y, &m, &d);
	return (size_t)snprintf(buf, 16, "%04d-%02d", y, m);
}

size_t
su_label_fy(char *buf, int32_t day, int fy_start)
{
	return (size_t)snprintf(buf, 16, "FY%04d",
	    su_fiscal_year(day, fy_start));
}
