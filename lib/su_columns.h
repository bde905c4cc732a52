/*
 * su_columns.h - lib/columns.c: column roles (SPEC §7)
 *
 * Prints: resolving columns says what is missing or ambiguous, naming
 * the headers; the per-row helpers print nothing (msg buffers).
 */
#ifndef SU_COLUMNS_H
#define SU_COLUMNS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "su_money.h"
#include "su_cli.h"

enum su_role {
	SU_R_ID, SU_R_NAME, SU_R_ACCOUNT, SU_R_OWNER, SU_R_STAGE, SU_R_AMOUNT,
	SU_R_PROBABILITY, SU_R_CATEGORY, SU_R_CLOSE, SU_R_CREATED, SU_R_TYPE,
	SU_R_CURRENCY,
	/* MEDDPICC, in the order of the letters; then qualifiers */
	SU_R_METRICS, SU_R_ECONOMIC_BUYER, SU_R_DECISION_CRITERIA,
	SU_R_DECISION_PROCESS, SU_R_PAPER_PROCESS, SU_R_IDENTIFY_PAIN,
	SU_R_CHAMPION, SU_R_COMPETITION, SU_R_PAIN_SCORE, SU_R_LOSS_REASON,
	/* stage history exports */
	SU_R_FROM_STAGE, SU_R_TO_STAGE, SU_R_CHANGED,
	SU_R_SEGMENT, SU_R_SQL_DATE,
	/* leads */
	SU_R_MQL_DATE, SU_R_RESPONSE, SU_R_SOURCE,
	/* Salesforce's IsClosed and IsWon: what the deal is, without a model */
	SU_R_IS_CLOSED, SU_R_IS_WON,
	/* commission's roster, quotas, metrics and activities files; a
	 * booking's split share */
	SU_R_REP, SU_R_PLAN, SU_R_QUOTA, SU_R_VARIABLE, SU_R_START, SU_R_TEAM,
	SU_R_PERIOD, SU_R_METRIC, SU_R_VALUE, SU_R_ACTIVITY_DATE, SU_R_SPLIT,
	/* stagecheck's gates and hygiene: the economic buyer's title, the
	 * next step and its date */
	SU_R_EB_TITLE, SU_R_NEXT_STEP, SU_R_NEXT_STEP_DATE,
	/* a field history's field (Salesforce's Field / Event) */
	SU_R_FIELD,
	/* a renewal's due date (stagecheck --renewals) */
	SU_R_RENEWAL_DATE,
	/* commission's roster: base pay, manager, draw */
	SU_R_BASE, SU_R_MANAGER, SU_R_DRAW,
	SU_R_NROLES
};
const char *su_role_name(int role);
int su_role_lookup(const char *name); /* role of a name, or -1 */
/* normalise a header: ASCII letters lower-cased, digits kept, other ASCII
 * dropped, other bytes kept; returns the length written (out >= len+1) */
size_t su_norm(const char *s, size_t len, char *out);
struct su_rec;
/* a column by its header: exactly, else the one header equal once
 * normalised (su_norm); -1 none, -2 several */
int su_find_header(const struct su_rec *hdr, const char *name);
/* the headers, quoted, for a message: "A", "B", ... (cut with "...") */
void su_header_list(const struct su_rec *hdr, char *buf, size_t size);
/* find each role's column: cols[role] = index or -1.  `want` has a flag per
 * role: SU_COL_REQUIRED or SU_COL_OPTIONAL (0 = don't look).  Prints and
 * returns -1 on a missing required column or an ambiguous one. */
enum { SU_COL_OPTIONAL = 1, SU_COL_REQUIRED = 2 };
int su_columns_resolve(const char *file, const struct su_rec *hdr,
                       const struct su_opts *o, const unsigned char *want,
                       int *cols);
/* The currency of record r's amount: cur (the amount's own, from
 * su_money_parse, or "") and the currency column col (>= 0; see
 * su_columns_resolve for which column labels which amount), which must
 * agree.  0 (cur is the row's currency, or "" if none is stated), or -1
 * with msg. */
int su_row_currency(const struct su_rec *hdr, const struct su_rec *r, int col,
					char cur[SU_CUR_LEN], char *msg, size_t size);
/* -g COL,...: header names, role names, or the computed quarter, month,
 * fiscal_year, week (ISO 8601, 2026-W14) of the close date */
enum su_gkind { SU_G_COLUMN, SU_G_QUARTER, SU_G_MONTH, SU_G_FY, SU_G_WEEK };
struct su_gcol {
	enum su_gkind kind;
	int col;          /* SU_G_COLUMN: the column */
	const char *name; /* output header: the input header or the keyword */
};
/* Prints and returns -1 on an unknown name; *n receives the count (the
 * array is malloc'd). */
int su_group_resolve(const char *file, const char *spec,
                     const struct su_rec *hdr, const struct su_opts *o,
                     struct su_gcol **out, size_t *n);

#endif
