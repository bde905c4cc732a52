/*
 * model.c - unit tests of lib/model.c: su_present, whether a MEDDPICC
 * field holds evidence, over the yes/no list of text.c.
 */
#include "su.h"

#include <string.h>

#include "unit.h"

/* a MEDDPICC field holds evidence: a name or a note is present */
static void
present_is(const char *s, int is)
{
	if (is == SU_NO)
		CHECK(!su_present(s, strlen(s)), "\"%s\" is not present", s);
	else
		CHECK(su_present(s, strlen(s)), "\"%s\" is present", s);
}

void
test_present(void)
{
	unit_yesno_words(present_is);
}
