/*
 * columns.c - unit tests of lib/columns.c: header names normalised, roles
 * by name.
 */
#include "su.h"

#include <string.h>

#include "unit.h"

void
test_columns(void)
{
	char buf[64];

	su_norm("Close Date", 10, buf);
	CHECK(strcmp(buf, "closedate") == 0, "norm %s", buf);
	su_norm("close_date", 10, buf);
	CHECK(strcmp(buf, "closedate") == 0, "norm %s", buf);
	su_norm("Probability (%)", 15, buf);
	CHECK(strcmp(buf, "probability") == 0, "norm %s", buf);
	/* every byte: a letter lowercased; a digit, a lowercase letter and
	 * any byte from 0x80 (UTF-8) kept; the rest dropped */
	{
		int c, bad = 0;
		char in[3], want;
		size_t n;

		for (c = 0; c < 256; c++) {
			in[0] = 'x', in[1] = (char)c, in[2] = 'y';
			n = su_norm(in, 3, buf);
			want = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') :
			    (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
			    c >= 0x80 ? (char)c : 0;
			if (want ? n != 3 || buf[1] != want || buf[3] :
			    n != 2 || strcmp(buf, "xy") != 0)
				bad++;
		}
		CHECK(bad == 0, "norm: %d bytes otherwise", bad);
	}
	CHECK(su_role_lookup("Close Date") == SU_R_CLOSE, "role close");
	CHECK(su_role_lookup("OWNER") == SU_R_OWNER, "role owner");
	CHECK(su_role_lookup("nope") == -1, "no role");
}
