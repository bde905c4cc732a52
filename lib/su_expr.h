/*
 * su_expr.h - lib/expr.c: rule expressions (mqlqualify-rules(5))
 *
 * Prints nothing: compile errors come back with a column, evaluation
 * faults in struct su_expr_fault; the caller says them.
 */
#ifndef SU_EXPR_H
#define SU_EXPR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "su_money.h"

struct su_expr;
struct su_expr_error {
	size_t pos;    /* byte offset in the expression */
	char msg[240];
};
/* what evaluation needs besides the record */
struct su_expr_env {
	int dmy, decimal_comma; /* how dates and numbers in cells read */
	int32_t today;          /* --as-of */
	struct su_yn *yn;       /* yes(): values neither yes nor no, counted
                               and read as no; NULL: such a value is a
                               fault */
};
/* a value the expression could not compare */
struct su_expr_fault {
	const char *column; /* as the expression names it */
	const char *value;  /* the cell */
	size_t vlen;
	const char *why;
	size_t pos;         /* of the column in the expression */
};
/* parse once: 0, or -1 with *err (the expression is not kept) */
int su_expr_parse(const char *src, size_t len, struct su_expr **out,
                  struct su_expr_error *err);
void su_expr_free(struct su_expr *e);
/* A formula (roi-formulas(5)): an expression whose value is a number,
 * arithmetic included.  As su_expr_parse. */
int su_expr_parse_num(const char *src, size_t len, struct su_expr **out,
                      struct su_expr_error *err);
#define SU_EXPR_ONE 1000000LL /* a number's fixed point: six decimals */
/* a formula's value in *out (SU_EXPR_ONE = 1): 0; 1 when a cell it needs
 * is empty (*f names it, why "empty"); -1 a fault (a cell not a number,
 * a division by zero, an overflow: *f says which) */
int su_expr_value(const struct su_expr *e, const struct su_rec *r,
                  const struct su_expr_env *env, struct su_expr_fault *f,
                  int64_t *out);
/* the columns it names (each once), to bind to a record's fields before
 * evaluating */
size_t su_expr_ncols(const struct su_expr *e);
const char *su_expr_colname(const struct su_expr *e, size_t i, size_t *pos);
void su_expr_bind(struct su_expr *e, size_t i, int col);
/* 1 true, 0 false, -1 a cell could not be read (*f says which).  Allocates
 * nothing (glibc's regexec may, inside a ~ match). */
int su_expr_eval(const struct su_expr *e, const struct su_rec *r,
                 const struct su_expr_env *env, struct su_expr_fault *f);
/* the same evaluated in full each time: the reference of su_expr_eval,
 * which keeps the verdicts of an expression naming up to 4 columns by
 * their cells */
int su_expr_eval_full(const struct su_expr *e, const struct su_rec *r,
                      const struct su_expr_env *env,
                      struct su_expr_fault *f);
/* a cell as a rule number (fixed point, six decimals): money forms, plain
 * decimals, "75%" = 75.  0 (cur: the currency it states, or ""), 1 empty,
 * -1 with *why.  In an expression, a column's cells must state one
 * currency: a cell in another is a fault (a rule's bare number is in the
 * column's currency). */
int su_expr_number_cur(const char *s, size_t len, int decimal_comma,
                       int64_t *out, char cur[SU_CUR_LEN], const char **why);
/* the same without su_expr_number_cur's fast path for a whole number of
 * up to 12 digits: the reference it falls back on (and the unit tests
 * compare) */
int su_expr_number_full(const char *s, size_t len, int decimal_comma,
                        int64_t *out, char cur[SU_CUR_LEN], const char **why);
/* the same, the currency the cell states not wanted */
int su_expr_number(const char *s, size_t len, int decimal_comma,
                   int64_t *out, const char **why);

#endif
