/*
 * su_category.h - lib/category.c: forecast categories
 *
 * Prints nothing.
 */
#ifndef SU_CATEGORY_H
#define SU_CATEGORY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "su_rate.h"

enum su_cat { SU_CAT_CLOSED, SU_CAT_COMMIT, SU_CAT_BEST, SU_CAT_PIPELINE,
              SU_CAT_OMITTED, SU_CAT_TOTAL, SU_CAT_LOST, SU_NCAT };
const char *su_category_name(int cat);
/* Salesforce's and HubSpot's names (Closed won, Not forecasted, ...) and
 * Salesforce's API values (BestCase, Forecast = Commit), any case and
 * spacing: the category, or -1 */
int su_category_parse(const char *s, size_t len);
/* the same, the reference: su_category_parse reads the common values
 * faster */
int su_category_parse_full(const char *s, size_t len);
/* seed 000: 100 Closed, >= 90 Commit, >= 70 Best Case, >= 30 Pipeline */
int su_category_of_probability(su_rate p);

#endif
