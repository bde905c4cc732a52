/* money.c - amounts as int64 minor units (cents); no floating point */
#include "su.h"

#include <string.h>

__extension__ typedef unsigned __int128 u128;

static int
isdig(int c)
{
	return c >= '0' && c <= '9';
}

static int
isup(int c)
{
	return c >= 'A' && c <= 'Z';
}

static const struct {
	const char *sym;
	size_t len; /* its bytes (no strlen a row) */
	const char *code;
} symbols[] = {
	{"$", 1, "USD"}, {"\xE2\x82\xAC", 3, "EUR"}, {"\xC2\xA3", 2, "GBP"},
	{"\xC2\xA5", 2, "JPY"},
};

/* a currency symbol or ISO code at the start (pre) or end of s */
static int
take_currency(const char **s, size_t *len, int pre, char cur[SU_CUR_LEN])
{
	size_t i, k;

	if (*len == 0 || isdig((unsigned char)(pre ? **s : (*s)[*len - 1])))
		return 0; /* the common case: a bare number */
	for (i = 0; i < sizeof symbols / sizeof symbols[0]; i++) {
		k = symbols[i].len;
		if (*len < k)
			continue;
		if (memcmp(pre ? *s : *s + *len - k, symbols[i].sym, k) == 0) {
			memcpy(cur, symbols[i].code, SU_CUR_LEN);
			if (pre)
				*s += k;
			*len -= k;
			return 1;
		}
	}
	if (*len >= 4) {
		const char *c = pre ? *s : *s + *len - 3;
		char sep = pre ? c[3] : c[-1];

		if (isup((unsigned char)c[0]) && isup((unsigned char)c[1]) &&
		    isup((unsigned char)c[2]) && !isup((unsigned char)sep)) {
			memcpy(cur, c, 3);
			cur[3] = '\0';
			if (pre)
				*s += 3;
			*len -= 3;
			return 1;
		}
	}
	return 0;
}

/*
 * The plain shapes of nearly every export's amount, "1234", "1234.5",
 * "1,234.50", "$1,234.50" (separators swapped with decimal_comma), read in
 * one pass: 0 with *cents and cur.  Anything else (a blank, a sign, a
 * suffix, another currency, a misplaced separator, a third decimal, more
 * than 15 digits before the point) is -1, for su_money_parse_ref to read:
 * it stays the reference, and what this takes it reads alike (the unit
 * test compares the two on generated strings).
 */
static int
money_plain(const char *s, size_t len, int decimal_comma, int64_t *cents,
            char cur[SU_CUR_LEN])
{
	const unsigned char *p = (const unsigned char *)s, *q;
	const unsigned char *end = p + len;
	unsigned char dec = decimal_comma ? ',' : '.';
	unsigned char grp = decimal_comma ? '.' : ',';
	uint64_t v = 0;
	size_t digits;
	int usd = 0;

	if (*p == '$')
		p++, usd = 1;
	/* the digits before the first separator: 1 to 15, or 1 to 3 when
	 * groups of three follow */
	for (q = p; p < end && (unsigned)(*p - '0') < 10; p++)
		v = v * 10 + (unsigned)(*p - '0');
	digits = (size_t)(p - q);
	if (digits == 0 || digits > 15 || (p < end && *p == grp &&
	    digits > 3))
		return -1;
	for (; p < end && *p == grp; p += 4, digits += 3) {
		if (end - p < 4 || digits > 12 ||
		    (unsigned)(p[1] - '0') >= 10 ||
		    (unsigned)(p[2] - '0') >= 10 ||
		    (unsigned)(p[3] - '0') >= 10)
			return -1;
		v = v * 1000 + (unsigned)(p[1] - '0') * 100 +
		    (unsigned)(p[2] - '0') * 10 + (unsigned)(p[3] - '0');
	}
	v *= 100;
	if (p < end && *p == dec) {
		if (end - p < 2 || end - p > 3 ||
		    (unsigned)(p[1] - '0') >= 10 ||
		    (end - p == 3 && (unsigned)(p[2] - '0') >= 10))
			return -1;
		v += (unsigned)(p[1] - '0') * 10;
		if (end - p == 3)
			v += (unsigned)(p[2] - '0');
		p = end;
	}
	if (p != end)
		return -1;
	*cents = (int64_t)v;
	if (usd)
		memcpy(cur, "USD", SU_CUR_LEN);
	return 0;
}

int
su_money_parse(const char *s, size_t len, int decimal_comma, int64_t *cents,
               char cur[SU_CUR_LEN], const char **why)
{
	cur[0] = '\0';
	if (len == 0)
		return 1; /* the blank amount of an early-stage deal */
	if (money_plain(s, len, decimal_comma, cents, cur) == 0)
		return 0;
	return su_money_parse_ref(s, len, decimal_comma, cents, cur, why);
}

int
su_money_parse_ref(const char *s, size_t len, int decimal_comma,
                   int64_t *cents, char cur[SU_CUR_LEN], const char **why)
{
	char c2[SU_CUR_LEN] = "";
	int neg = 0, paren = 0, sign = 0;
	int dec = decimal_comma ? ',' : '.';
	int grp = decimal_comma ? '.' : ',';
	unsigned mult = 1;
	u128 v = 0;
	size_t i, digits = 0, group = 0, fdig = 0;
	int grouped = 0;

	cur[0] = '\0';
	su_trim_fast(&s, &len);
	if (len == 0)
		return 1;
	if (len >= 2 && s[0] == '(' && s[len - 1] == ')') {
		paren = neg = 1;
		s++, len -= 2;
		su_trim_fast(&s, &len);
	}
	if (len && (s[0] == '-' || s[0] == '+')) {
		sign = 1;
		neg ^= s[0] == '-';
		s++, len--;
	}
	if (take_currency(&s, &len, 1, cur))
		su_trim_fast(&s, &len);
	if (!sign && len && (s[0] == '-' || s[0] == '+')) {
		sign = 1;
		neg ^= s[0] == '-';
		s++, len--;
	}
	if (sign && paren) {
		*why = "both parentheses and a sign";
		return -1;
	}
	if (take_currency(&s, &len, 0, c2)) {
		if (cur[0]) {
			*why = "two currencies";
			return -1;
		}
		memcpy(cur, c2, SU_CUR_LEN);
		su_trim_fast(&s, &len);
	}
	if (len && (s[len - 1] == 'k' || s[len - 1] == 'K'))
		mult = 1000, len--;
	else if (len && (s[len - 1] == 'm' || s[len - 1] == 'M'))
		mult = 1000000, len--;
	if (len == 0) {
		*why = "no digits";
		return -1;
	}
	/* integer part, with optional thousands separators */
	for (i = 0; i < len && (isdig((unsigned char)s[i]) || s[i] == grp);
	     i++) {
		if (s[i] == grp) {
			if ((!grouped && (group == 0 || group > 3)) ||
			    (grouped && group != 3))
				goto badgroup;
			grouped = 1;
			group = 0;
			continue;
		}
		if (digits > 30) {
			*why = "too large";
			return -1;
		}
		v = v * 10 + (unsigned)(s[i] - '0');
		digits++, group++;
	}
	if (grouped && group != 3)
		goto badgroup;
	if (i < len && s[i] == dec) {
		for (i++; i < len && isdig((unsigned char)s[i]); i++) {
			if (fdig > 30) {
				*why = "too many decimals";
				return -1;
			}
			v = v * 10 + (unsigned)(s[i] - '0');
			fdig++;
		}
		if (fdig == 0) {
			*why = "no digits after the decimal point";
			return -1;
		}
	}
	if (digits + fdig == 0) {
		*why = i < len ? "not a number" : "no digits";
		return -1;
	}
	if (i < len && s[i] == grp)
		goto badgroup;
	if (i < len) {
		*why = "characters after the number";
		return -1;
	}
	/*
	 * A third decimal is refused even when it is a zero: "1.000" is a
	 * thousand in a European export, and reading it as 1.00 would be a
	 * guess.  Three digits after a separator that could group thousands
	 * get a hint; only a k or M suffix can make such a value whole cents.
	 */
	if (mult == 1 && fdig > 2) {
		if (fdig == 3 && !grouped && digits >= 1 && digits <= 3)
			*why = decimal_comma ? "more than two decimals; \",\" "
			    "may separate thousands here: write the amount "
			    "without it, or leave out --decimal-comma" :
			    "more than two decimals; \".\" may separate "
			    "thousands here: write the amount without it, or "
			    "use --decimal-comma";
		else
			*why = "more than two decimals";
		return -1;
	}
	/* value = v / 10^fdig units; cents = v * 100 * mult / 10^fdig: with
	 * no suffix and at most two decimals (nearly every amount) that is
	 * v * 10^(2 - fdig), whole, with no 128-bit division */
	if (mult == 1) {
		u128 num = fdig == 2 ? v : fdig == 1 ? v * 10 : v * 100;

		if (num > (u128)INT64_MAX) {
			*why = "too large";
			return -1;
		}
		*cents = neg ? -(int64_t)num : (int64_t)num;
		return 0;
	}
	{
		u128 p10 = 1, num;
		size_t k;

		for (k = 0; k < fdig; k++)
			p10 *= 10;
		num = v * 100 * mult;
		if (num % p10) {
			*why = "a fraction of a cent";
			return -1;
		}
		num /= p10;
		if (num > (u128)INT64_MAX) {
			*why = "too large";
			return -1;
		}
		*cents = neg ? -(int64_t)num : (int64_t)num;
	}
	return 0;
badgroup:
	*why = decimal_comma ? "misplaced thousands separator" :
	    "misplaced thousands separator; for a decimal comma, use "
	    "--decimal-comma";
	return -1;
}

static uint64_t
uabs(int64_t v)
{
	return v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
}

size_t
su_money_fmt(char *buf, int64_t cents)
{
	uint64_t a = uabs(cents);
	char tmp[32];
	size_t n = 0, i = 0;

	tmp[n++] = (char)('0' + a % 10), a /= 10;
	tmp[n++] = (char)('0' + a % 10), a /= 10;
	tmp[n++] = '.';
	do
		tmp[n++] = (char)('0' + a % 10), a /= 10;
	while (a);
	if (cents < 0)
		buf[i++] = '-';
	while (n)
		buf[i++] = tmp[--n];
	buf[i] = '\0';
	return i;
}

size_t
su_money_fmt_table(char *buf, int64_t cents, const char *cur, int show_cents)
{
	uint64_t a = uabs(cents), units, frac;
	char tmp[48];
	size_t n = 0, i = 0, d = 0;
	int dollar = !cur || !cur[0] || strcmp(cur, "USD") == 0;

	if (!show_cents && a % 100 >= 50)
		a += 100; /* half away from zero, to whole units */
	units = a / 100;
	frac = a % 100;
	if (show_cents) {
		tmp[n++] = (char)('0' + frac % 10);
		tmp[n++] = (char)('0' + frac / 10);
		tmp[n++] = '.';
	}
	do {
		if (d && d % 3 == 0)
			tmp[n++] = ',';
		tmp[n++] = (char)('0' + units % 10), units /= 10, d++;
	} while (units);
	if (cents < 0 && a >= (show_cents ? 1u : 100u))
		buf[i++] = '-'; /* no "-$0" */
	if (dollar)
		buf[i++] = '$';
	while (n)
		buf[i++] = tmp[--n];
	if (!dollar) {
		buf[i++] = ' ';
		memcpy(buf + i, cur, strlen(cur));
		i += strlen(cur);
	}
	buf[i] = '\0';
	return i;
}
