/* rate.c - rates and percentages in fixed point, and exact ratios */
#include "su.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

__extension__ typedef __int128 i128;

/*
 * The plain shapes of nearly every probability, "75", "0.25", read in one
 * pass: 0 with *out.  Anything else (a blank, a '%', a sign, more than 9
 * digits before the point or than the scale keeps after it, a fraction
 * below 1 where percentages are read) is -1, for su_rate_parse_ref: it
 * stays the reference (the unit test compares the two).
 */
static const int64_t p10[] = {1, 10, 100, 1000, 10000, 100000, 1000000,
    10000000, 100000000, 1000000000};

static int
rate_plain(const char *s, size_t len, enum su_rate_scale scale, su_rate *out)
{
	const char *p = s, *end = s + len;
	int64_t ip = 0, fp = 0;
	int pct = scale != SU_RATE_FRACTION, fdig = 0, maxf = pct ? 7 : 9;

	if (len == 0 || len > 9)
		return -1;
	for (; p < end && *p >= '0' && *p <= '9'; p++)
		ip = ip * 10 + (*p - '0');
	if (p == s)
		return -1;
	if (p < end && *p == '.') {
		for (p++; p < end && *p >= '0' && *p <= '9' && fdig < maxf;
		    p++, fdig++)
			fp = fp * 10 + (*p - '0');
		if (fdig == 0 || (ip == 0 && fp != 0 && pct &&
		    scale != SU_RATE_PERCENT))
			return -1;
	}
	if (p != end)
		return -1;
	fp *= p10[maxf - fdig];
	*out = pct ? ip * (SU_RATE_ONE / 100) + fp : ip * SU_RATE_ONE + fp;
	return 0;
}

int
su_rate_parse(const char *s, size_t len, enum su_rate_scale scale,
              su_rate *out, const char **why)
{
	if (rate_plain(s, len, scale, out) == 0)
		return 0;
	return su_rate_parse_ref(s, len, scale, out, why);
}

int
su_rate_parse_ref(const char *s, size_t len, enum su_rate_scale scale,
                  su_rate *out, const char **why)
{
	int64_t ip = 0, fp = 0;
	size_t i = 0, idig = 0, fdig = 0, maxf;
	int pct = 0, explicit = 0;

	su_trim_fast(&s, &len);
	if (len == 0) {
		*why = "empty"; /* a caller that reads why on any non-zero */
		return 1;
	}
	if (s[len - 1] == '%') {
		pct = explicit = 1;
		len--;
		while (len && s[len - 1] == ' ')
			len--;
	} else if (scale != SU_RATE_FRACTION)
		pct = 1;
	if (len && s[0] == '-') {
		*why = "negative";
		return -1;
	}
	if (len && s[0] == '+')
		i++;
	for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, idig++) {
		if (idig >= 9) {
			*why = "too large";
			return -1;
		}
		ip = ip * 10 + (s[i] - '0');
	}
	/* a percentage keeps 7 decimals, a fraction 9: both are 1e-9 */
	maxf = pct ? 7 : 9;
	if (i < len && s[i] == '.') {
		for (i++; i < len && s[i] >= '0' && s[i] <= '9'; i++) {
			if (fdig == maxf) {
				*why = "too many decimals";
				return -1;
			}
			fp = fp * 10 + (s[i] - '0');
			fdig++;
		}
		if (fdig == 0) {
			*why = "no digits after the decimal point";
			return -1;
		}
	}
	if (i < len || idig + fdig == 0) {
		*why = "not a number";
		return -1;
	}
	/*
	 * "0.75" where percentages are read: 0.75% as written, or 75% from
	 * an export that writes fractions.  Refused, never guessed; a '%'
	 * says which ("0.75%").
	 */
	if (!explicit && ip == 0 && fp != 0 && (scale == SU_RATE_PERCENT_ONLY ||
	    scale == SU_RATE_PROB_PERCENT)) {
		*why = scale == SU_RATE_PROB_PERCENT ? "a fraction in a column "
		    "of percentages: write 75 for 75%, 0.75% for under 1%, or "
		    "read the column as fractions with --probability-scale "
		    "fraction" : "a fraction where a percentage is read: write "
		    "75 for 75%, or 0.75% for under 1%";
		return -1;
	}
	while (fdig < maxf)
		fp *= 10, fdig++;
	/* fraction: ip.fp with 9 decimals; percent: ip.fp with 7 = /100 */
	*out = pct ? ip * (SU_RATE_ONE / 100) + fp : ip * SU_RATE_ONE + fp;
	return 0;
}

/* q = n / d rounded half away from zero; d > 0 */
static i128
divround(i128 n, i128 d)
{
	i128 q = n / d, r = n % d;

	if (r < 0)
		r = -r;
	if (2 * r >= d)
		q += n < 0 ? -1 : 1;
	return q;
}

int
su_rate_apply_wide(int64_t cents, su_rate r, int64_t *out)
{
	i128 q;

	q = divround((i128)cents * r, SU_RATE_ONE);

	if (q > INT64_MAX || q < -INT64_MAX)
		return -1;
	*out = (int64_t)q;
	return 0;
}

int
su_muldiv(int64_t a, int64_t b, int64_t c, int64_t *out)
{
	i128 q;

	if (c <= 0)
		return -1;
	q = divround((i128)a * b, c);
	if (q > INT64_MAX || q < -INT64_MAX)
		return -1;
	*out = (int64_t)q;
	return 0;
}

size_t
su_ratio_fmt(char *buf, int64_t num, int64_t den, int places, int mul)
{
	i128 n = (i128)num * mul, q;
	char tmp[64];
	size_t k = 0, i = 0;
	int p;

	if (den < 0)
		n = -n, den = -den;
	for (p = 0; p < places; p++)
		n *= 10;
	q = divround(n, den);
	if (q < 0) {
		buf[i++] = '-';
		q = -q;
	}
	if (q <= (i128)UINT64_MAX) { /* nearly always: 64-bit division */
		uint64_t u = (uint64_t)q;

		for (p = 0; p < places || u; p++) {
			tmp[k++] = (char)('0' + (int)(u % 10));
			u /= 10;
			if (p + 1 == places)
				tmp[k++] = '.';
		}
	} else
		for (p = 0; p < places || q; p++) {
			tmp[k++] = (char)('0' + (int)(q % 10));
			q /= 10;
			if (p + 1 == places)
				tmp[k++] = '.';
		}
	if (k == 0 || tmp[k - 1] == '.')
		tmp[k++] = '0';
	while (k)
		buf[i++] = tmp[--k];
	buf[i] = '\0';
	return i;
}

size_t
su_rate_pct_hint(char *buf, const char *s, size_t len)
{
	su_rate v;
	const char *why;
	int64_t w, f;
	size_t n;
	int d;

	/* the refused case only: a bare value below 1 with a fraction */
	if (su_rate_parse(s, len, SU_RATE_PERCENT_ONLY, &v, &why) != -1 ||
	    su_rate_parse(s, len, SU_RATE_FRACTION, &v, &why) != 0 ||
	    v <= 0 || v >= SU_RATE_ONE)
		return 0;
	/* v / 1e9 as a fraction is v / 1e7 as a percentage */
	w = v / (SU_RATE_ONE / 100);
	f = v % (SU_RATE_ONE / 100);
	n = (size_t)snprintf(buf, 32, "%lld", (long long)w);
	if (f) {
		buf[n++] = '.';
		for (d = 10000000 / 10; f; d /= 10) {
			buf[n++] = (char)('0' + f / d);
			f %= d;
		}
		buf[n] = '\0';
	}
	return n;
}

enum su_rate_scale
su_prob_scale(const struct su_opts *o, const char *h)
{
	static const char *const fractions[] = {"dealprobability",
	    "hsdealstageprobability", "dealstageprobability"};
	char *n;
	size_t i;
	enum su_rate_scale sc = SU_RATE_PROB_PERCENT;

	if (o->prob_scale >= 0)
		return (enum su_rate_scale)o->prob_scale;
	if (strchr(h, '%'))
		return SU_RATE_PROB_PERCENT;
	n = su_normdup(h);
	for (i = 0; i < sizeof fractions / sizeof fractions[0]; i++)
		if (strcmp(n, fractions[i]) == 0)
			sc = SU_RATE_FRACTION;
	free(n);
	return sc;
}

int
su_muldiv_rate(int64_t a, int64_t b, su_rate r, int64_t c, int64_t *out)
{
	i128 x, q1, r1, hi, lo, v;

	if (a < 0 || b < 0 || r < 0 || c <= 0)
		return -1;
	/* a*b*r / (c*1e9) = (q1*r + r1*r/c) / 1e9, with a*b = q1*c + r1 */
	x = (i128)a * b;
	q1 = x / c;
	r1 = x % c;
	if (q1 > 0 && (i128)r > ((((i128)1) << 125) / q1))
		return -1;
	hi = q1 * r + (r1 * r) / c; /* r1 < c, so r1*r fits */
	/* the fraction (r1*r % c) / c is below 1: it decides no rounding */
	v = hi / SU_RATE_ONE;
	lo = hi % SU_RATE_ONE;
	if (lo * 2 >= SU_RATE_ONE)
		v++;
	if (v > INT64_MAX)
		return -1;
	*out = (int64_t)v;
	return 0;
}
