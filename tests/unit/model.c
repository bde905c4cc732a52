/*
 * model.c - unit tests of lib/model.c: su_present, whether a MEDDPICC
 * field holds evidence, over the yes/no list of text.c.
 */
#include "su.h"

#include <stdlib.h>
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

/* su_place's answer for a pair, from a place that has seen nothing else */
static void
place_fresh(const struct su_model *m, const char *const pat[3], const char *t,
            const char *s, int flags, struct su_where *w)
{
	struct su_place *pl = su_place_new(m, pat);

	su_place(pl, t, strlen(t), s, strlen(s), flags, w);
	su_place_free(pl);
}

/*
 * su_place remembers the pairs it placed, and the last ones by a few of
 * their bytes: hundreds of pairs (more than its slots: some share one),
 * placed again and again in a shuffled order, each answered as a place
 * that never saw another pair answers it.
 */
void
test_place(void)
{
	static const char *const pat[3] = {NULL, "^signed", NULL};
	static const char *const types[] = {"", "New Business", "Renewal",
	    " Renewal ", "renewal", "Expansion", "Upsell", "Partner"};
	struct su_model *m;
	struct su_place *pl;
	struct su_where a, b;
	char (*stage)[40];
	size_t ns = 0, i, j, n, bad = 0;
	uint64_t x = 88172645463325252ULL;

	if (su_model_load(NULL, &m)) {
		CHECK(0, "the built-in model loads");
		return;
	}
	for (i = 0, n = 0; i < m->np; i++)
		n += m->p[i].nstage;
	stage = su_xmalloc((n + 60) * sizeof *stage);
	for (i = 0; i < m->np; i++)
		for (j = 0; j < m->p[i].nstage; j++)
			snprintf(stage[ns++], sizeof stage[0], "%s%s",
			    j % 3 ? "" : " ", m->p[i].stage[j].name);
	for (i = 0; i < 60; i++) /* unknown, named won or lost, by --won */
		snprintf(stage[ns++], sizeof stage[0], "%s %zu", i % 3 == 0 ?
		    "Stage" : i % 3 == 1 ? "Signed" : "Closed", i);
	pl = su_place_new(m, pat);
	for (i = 0; i < 20000 && bad < 5; i++) {
		const char *t, *s;
		int flags;

		x ^= x << 13, x ^= x >> 7, x ^= x << 17;
		t = types[x % (sizeof types / sizeof types[0])];
		s = stage[(x >> 8) % ns];
		flags = (int)((x >> 40) % 5) - 1; /* -1 .. SU_ST_CLOSED */
		su_place(pl, t, strlen(t), s, strlen(s), flags, &a);
		place_fresh(m, pat, t, s, flags, &b);
		if (a.p != b.p || a.unknown_type != b.unknown_type ||
		    a.idx != b.idx || a.status != b.status || a.cat != b.cat) {
			bad++;
			CHECK(0, "place \"%s\", \"%s\" (%d): idx %d status %d "
			    "cat %d, alone idx %d status %d cat %d", t, s, flags,
			    a.idx, a.status, a.cat, b.idx, b.status, b.cat);
		}
	}
	CHECK(bad == 0, "su_place remembered %zu pairs wrong", bad);
	su_place_free(pl);
	free(stage);
	su_model_free(m);
}
