/*
 * su_csvout.h - lib/csvout.c: writing results
 *
 * Prints: every failure is said, but a broken pipe (SU_OUT_EPIPE), which
 * ends a run quietly.
 */
#ifndef SU_CSVOUT_H
#define SU_CSVOUT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "su_cli.h"
#include "su_csvin.h"

enum su_ctype { SU_C_NULL, SU_C_STR, SU_C_MONEY, SU_C_INT, SU_C_RATIO,
				SU_C_PCT, SU_C_DAYS, SU_C_CENTI };
struct su_cell {
	enum su_ctype type;
	const char *s; size_t len; /* SU_C_STR */
	int64_t v, d;              /* MONEY/INT: v; RATIO/PCT/DAYS: v/d (d > 0);
                                  DAYS print with one decimal; CENTI: v
                                  hundredths of a count, exactly (8, 8.5,
                                  8.25) */
};
/* a text cell (s NUL-terminated), a numeric cell */
struct su_cell su_cell_str(const char *s);
struct su_cell su_cell_text(const char *s, size_t len); /* its length known */
struct su_cell su_cell_num(enum su_ctype type, int64_t v, int64_t d);
/* a whole number as table output writes it: 1,234,567 (32 bytes) */
size_t su_int_fmt_table(char *buf, int64_t v);
struct su_out;
/* opens -o FILE (a temporary beside it) or stdout; prints on failure */
struct su_out *su_out_open(const struct su_opts *o);
void su_out_currency(struct su_out *out, const char *cur); /* table "$" */
/* each: 0 ok; -1 failed (said); SU_OUT_EPIPE: the reader went away, which
 * ends the program quietly, with status 0 */
#define SU_OUT_EPIPE (-3)
int su_out_header(struct su_out *out, size_t n, const char *const *names);
/* xlsx: the next su_out_header starts a new sheet of this name (made a
 * valid, unique sheet name); the first sheet is named after the program
 * unless this names it.  The other formats have one table: a no-op. */
void su_out_sheet(struct su_out *out, const char *name);
int su_out_row(struct su_out *out, const struct su_cell *cells);
/* CSV only: a row whose first k columns are a record's text as read
 * (su_rec.raw of a comma-separated input: already CSV), then the cells of
 * the other columns.  A filter's fast path (mqlqualify). */
int su_out_row_raw(struct su_out *out, const char *raw, size_t len, size_t k,
                   const struct su_cell *rest);
/* A filter's own columns (names[0..n-1], what it appends to each row)
 * already in its input: an earlier run's output fed back in.  keep[i] is 0
 * for such an input column (this run's value replaces it, at the end, so
 * the output is what the original input gives) and 1 for any other; said
 * once, naming them.  Returns how many input columns are not kept. */
size_t su_out_own(const struct su_rec *hdr, const char *const *names,
                  size_t n, unsigned char *keep);
int su_out_close(struct su_out *out);
/* text written as it is, in no format (dashboard's HTML): 0, -1 (said) or
 * SU_OUT_EPIPE */
int su_out_text(struct su_out *out, const char *s, size_t n);
/* A second file put in place together with the output (mqlqualify's
 * round-robin state): a temporary beside path, with the mode a new file
 * gets and removed if the program dies, for the program to write.
 * su_out_done puts it in place right after the output; su_out_abort (or
 * su_out_close) removes it.  Messages name it by what ("the state") and,
 * when it cannot follow an output already in place, say "written" were
 * ("the leads").  One per output; NULL when it cannot be made (said). */
FILE *su_out_side(struct su_out *out, const char *path, const char *what,
                  const char *written);
/* a program's last step: its output and the --rejects of its input both
 * in place, or neither (the output is written out, the rejects put in
 * place, then the output; a failure takes back what was done); then
 * su_out_side's file, which, failing, leaves the output in place and says
 * so.  Releases out.  0, -1 (said) or SU_OUT_EPIPE. */
int su_out_done(struct su_out *out, struct su_in *in);
/* drop everything (the -o temporary too) */
void su_out_abort(struct su_out *out);

#endif
