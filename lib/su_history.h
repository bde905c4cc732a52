/*
 * su_history.h - lib/history.c: stage history
 *
 * Prints: every error is said as FILE:LINE, as the reader's.
 */
#ifndef SU_HISTORY_H
#define SU_HISTORY_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "su_cli.h"
#include "su_model.h"

/* the field a row of a field history changed (a stage history's rows are
 * all SU_HF_STAGE) */
enum su_hfield { SU_HF_STAGE, SU_HF_CLOSE, SU_HF_CHAMPION, SU_HF_EB,
                 SU_HF_OTHER };
struct su_hrow {
	const char *id, *from, *to; /* from is "" when the export has none */
	size_t idlen, fromlen, tolen;
	int32_t date;
	int field;                  /* enum su_hfield */
	const char *fname;          /* the field as the export names it */
	size_t fnamelen;
	int has_from;               /* the export has old values */
	/* SU_HF_CLOSE: the old and new close dates, when not empty */
	int32_t from_date, to_date;
	int has_from_date, has_to_date;
	const char *file;
	long line;
};
struct su_hist;
/* a stage history export (roles id, from_stage, to_stage, changed_date),
 * or a field history (Salesforce's Opportunity Field History: a field
 * column, Old Value, New Value, Edit Date; HubSpot's property history:
 * Property, Value, Timestamp, no old values), read with the input's
 * options less --rejects.  NULL on error (said). */
struct su_hist *su_hist_open(const struct su_opts *o, const char *file);
/* the next good row: 1, 0 at the end, -1 on error (said).  A bad row (a
 * close date that is none) is an error, or with --skip-invalid said and
 * skipped. */
int su_hist_next(struct su_hist *h, struct su_hrow *row);
void su_hist_free(struct su_hist *h);
/* HubSpot's Date entered "STAGE" (or "STAGE (PIPELINE)") columns */
struct su_dentered {
	int col;
	char *label;
};
size_t su_date_entered(const struct su_rec *hdr, struct su_dentered **out);
/* the stage of p a label names, or -1 */
int su_dentered_stage(const struct su_pipeline *p, const char *label);
void su_dentered_free(struct su_dentered *d, size_t n);

#endif
