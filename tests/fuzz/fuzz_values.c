/*
 * fuzz_values - libFuzzer harness for the value parsers: money, rate,
 * date, period.  Properties, beyond not crashing:
 *  - money: parse(format(x)) == x, for both decimal conventions' output;
 *  - rate: a parsed rate is >= 0 and its fraction formats and re-parses
 *    to the same value;
 *  - date: parse(format(d)) == d, and it is a real day;
 *  - period: from <= to;
 *  - the fast paths (su_date_parse, su_yesno, su_expr_number_cur) say
 *    what their references (the _full functions) say.
 */
#include "su.h"

#include <stdlib.h>
#include <string.h>

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	const char *s = (const char *)data, *why;
	char buf[64], cur[SU_CUR_LEN], *z;
	int64_t v, w;
	su_rate r, r2;
	int32_t d, d2;
	struct su_period p;
	int y, m, dd;

	if (su_money_parse(s, size, 0, &v, cur, &why) == 0) {
		su_money_fmt(buf, v);
		if (su_money_parse(buf, strlen(buf), 0, &w, cur, &why) != 0 ||
		    w != v)
			abort();
	}
	if (su_money_parse(s, size, 1, &v, cur, &why) == 0) {
		su_money_fmt(buf, v);
		if (su_money_parse(buf, strlen(buf), 0, &w, cur, &why) != 0 ||
		    w != v)
			abort();
	}
	if (su_rate_parse(s, size, SU_RATE_FRACTION, &r, &why) == 0) {
		if (r < 0)
			abort();
		su_ratio_fmt(buf, r, SU_RATE_ONE, 9, 1);
		if (su_rate_parse(buf, strlen(buf), SU_RATE_FRACTION, &r2,
		    &why) != 0 || r2 != r)
			abort();
	}
	(void)su_rate_parse(s, size, SU_RATE_PERCENT, &r, &why);
	if (su_date_parse(s, size, data[0] & 1, &d, &why) == 0) {
		su_civil(d, &y, &m, &dd);
		if (m < 1 || m > 12 || dd < 1 || dd > su_days_in_month(y, m))
			abort();
		su_date_fmt(buf, d);
		if (y >= 1 && y <= 9999 && (su_date_parse(buf, strlen(buf), 0,
		    &d2, &why) != 0 || d2 != d))
			abort();
	}
	{
		int32_t fd = -1, rd = -1;
		const char *fw = NULL, *rw = NULL;
		int k = size ? data[0] & 3 : 0, a, b;
		char c1[SU_CUR_LEN], c2[SU_CUR_LEN];

		a = su_date_parse(s, size, k, &fd, &fw);
		b = su_date_parse_full(s, size, k, &rd, &rw);
		if (a != b || (a == 0 && fd != rd) || (a < 0 && fw != rw))
			abort();
		if (su_yesno(s, size) != su_yesno_full(s, size))
			abort();
		v = w = -1, fw = rw = NULL;
		a = su_expr_number_cur(s, size, k & 1, &v, c1, &fw);
		b = su_expr_number_full(s, size, k & 1, &w, c2, &rw);
		if (a != b || (a == 0 && (v != w || strcmp(c1, c2) != 0)) ||
		    (a < 0 && fw != rw))
			abort();
	}
	z = malloc(size + 1);
	memcpy(z, data, size);
	z[size] = '\0';
	if (su_period_parse(z, 1 + (size ? data[0] % 12 : 0), &p, &why) == 0 &&
	    p.from > p.to)
		abort();
	free(z);
	return 0;
}
