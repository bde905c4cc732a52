/*
 * su_ndjson.h - lib/ndjson.c: reading the programs' -f json output back
 *
 * Prints: every error is said as FILE:LINE (su_msg) and returns -1.
 */
#ifndef SU_NDJSON_H
#define SU_NDJSON_H

#include <stddef.h>

/* a value as written: a string decoded to UTF-8 (invalid UTF-8 kept as
 * it came), a number as its text (never converted: the caller parses it
 * as money, a rate or a count), null, true or false */
enum su_jtype { SU_J_NULL, SU_J_STR, SU_J_NUM, SU_J_BOOL };
struct su_jcell {
	enum su_jtype type;
	char *s;	/* NUL-terminated: the string, the number's text,
			   "true" or "false"; "" for null */
	size_t len;
};
/* One file of NDJSON: one flat object a line (no nesting: no program
 * writes any), every line with the keys of the first, in any order.  The
 * columns are the first line's keys in their order; cell[r * ncol + c]. */
struct su_jtab {
	char *file;	/* as messages name it */
	size_t ncol, nrow;
	char **col;
	struct su_jcell *cell;
	long *line;	/* each row's line in the file */
};
/* path "-" is standard input.  0, or -1 (said). */
int su_ndjson_read(const char *path, struct su_jtab *t);
void su_ndjson_free(struct su_jtab *t);
/* the column named name, or -1 */
int su_jtab_col(const struct su_jtab *t, const char *name);
/* row r's cell of column c (c >= 0) */
const struct su_jcell *su_jtab_cell(const struct su_jtab *t, size_t r,
    int c);

#endif
