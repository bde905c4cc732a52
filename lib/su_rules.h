/*
 * su_rules.h - lib/rules.c: qualification rules (mqlqualify-rules(5))
 *
 * Prints when loading ("FILE:LINE[:COL]: ...").
 */
#ifndef SU_RULES_H
#define SU_RULES_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum su_qual { SU_Q_SQL, SU_Q_NURTURE, SU_Q_DISQUALIFIED, SU_Q_INVALID,
               SU_NQUAL };
extern const char *const su_qual_name[SU_NQUAL];
struct su_rseg { /* a line of an expression: where it is in the file */
	size_t off;   /* in the joined expression */
	long line;
	size_t col;
};
struct su_criterion {
	char *name;
	size_t namelen;     /* strlen(name): a lead's reasons list them */
	long line, when_line, points;
	int required;       /* -1, or the level failing it keeps a lead below:
                           SU_Q_SQL (at most nurture), SU_Q_NURTURE
                           (disqualified) */
	char *when;         /* the expression, its lines joined by newlines */
	size_t len;
	struct su_rseg *seg;
	size_t nseg;
	struct su_expr *e;
};
struct su_rules {
	char *file, *text;  /* name and text, for messages */
	struct su_criterion *c;
	size_t nc;
	long sql, nurture;  /* score thresholds */
	int have_thresholds;
};
/* path NULL: the built-in rules.  Prints "FILE:LINE[:COL]: ..." (with the
 * line and a caret under an expression's error) and returns -1 on error. */
int su_rules_load(const char *path, struct su_rules **out);
/* every column the criteria name, found in hdr; -1 (said) if one is not */
int su_rules_bind(struct su_rules *r, const char *file,
                  const struct su_rec *hdr);
/* where a position in criterion i's expression is in the file */
void su_rules_where(const struct su_rules *r, size_t i, size_t pos,
					long *line, size_t *col);
/* "prog: FILE:LINE:COL: msg", the line, and a caret under COL (0-based) */
void su_rules_caret(const struct su_rules *r, long line, size_t col,
					const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void su_rules_free(struct su_rules *r);

#endif
