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
	CHECK(su_role_lookup("Close Date") == SU_R_CLOSE, "role close");
	CHECK(su_role_lookup("OWNER") == SU_R_OWNER, "role owner");
	CHECK(su_role_lookup("nope") == -1, "no role");
}
