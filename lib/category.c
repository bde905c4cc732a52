/* category.c - forecast categories, as Salesforce and HubSpot name them */
#include "su.h"

#include <string.h>

static const char *const names[SU_NCAT] = {
	"Closed", "Commit", "Best Case", "Pipeline", "Omitted", "Total", "Lost",
};

const char *
su_category_name(int cat)
{
	return names[cat];
}

int
su_category_parse_full(const char *s, size_t len)
{
	static const struct { const char *name; int cat; } known[] = {
		{"closed", SU_CAT_CLOSED}, {"closedwon", SU_CAT_CLOSED},
		{"won", SU_CAT_CLOSED}, {"commit", SU_CAT_COMMIT},
		{"bestcase", SU_CAT_BEST}, {"pipeline", SU_CAT_PIPELINE},
		{"omitted", SU_CAT_OMITTED}, {"omit", SU_CAT_OMITTED},
		{"notforecasted", SU_CAT_OMITTED}, {"closedlost", SU_CAT_LOST},
		{"lost", SU_CAT_LOST},
		/* Salesforce's API values (ForecastCategory): BestCase is
		 * above; Forecast is the one named Commit */
		{"forecast", SU_CAT_COMMIT},
	};
	char n[32]; /* every name is shorter; a longer value matches none */
	size_t i;

	if (len >= sizeof n)
		return -1;
	su_norm(s, len, n);
	for (i = 0; i < sizeof known / sizeof known[0]; i++)
		if (strcmp(n, known[i].name) == 0)
			return known[i].cat;
	return -1;
}

/*
 * A value written as the exports write it (Pipeline, Best Case, Omitted,
 * Closed, Commit: nearly every cell) is known by its length and bytes;
 * anything else goes to su_category_parse_full, the reference, which
 * normalises and compares it with every name (tests/unit/text.c compares
 * the two on generated values).
 */
int
su_category_parse(const char *s, size_t len)
{
	switch (len) {
	case 6:
		if (memcmp(s, "Closed", 6) == 0)
			return SU_CAT_CLOSED;
		if (memcmp(s, "Commit", 6) == 0)
			return SU_CAT_COMMIT;
		break;
	case 7:
		if (memcmp(s, "Omitted", 7) == 0)
			return SU_CAT_OMITTED;
		break;
	case 8:
		if (memcmp(s, "Pipeline", 8) == 0)
			return SU_CAT_PIPELINE;
		break;
	case 9:
		if (memcmp(s, "Best Case", 9) == 0)
			return SU_CAT_BEST;
		break;
	}
	return su_category_parse_full(s, len);
}

int
su_category_of_probability(su_rate p)
{
	if (p >= SU_RATE_ONE)
		return SU_CAT_CLOSED;
	if (p >= SU_RATE_ONE / 100 * 90)
		return SU_CAT_COMMIT;
	if (p >= SU_RATE_ONE / 100 * 70)
		return SU_CAT_BEST;
	if (p >= SU_RATE_ONE / 100 * 30)
		return SU_CAT_PIPELINE;
	return SU_CAT_OMITTED;
}
