/*
 * su_idset.h - lib/idset.c: the duplicate-id check (cyclestat's
 * opportunity ids, commission's deal ids), exact in bounded memory
 *
 * Prints: su_idset_add and su_idset_end say why they return -1 (an input
 * that changed between its two readings, too many ids); nothing else.
 */
#ifndef SU_IDSET_H
#define SU_IDSET_H

#include <stddef.h>
#include <stdint.h>

#include "su_cli.h"

struct su_idset;
/* An empty set.  Past its budget (40 MB of set, SU_TEST_IDSET_BUDGET
 * bytes in the tests) and with regular files for inputs (su_idset_inputs),
 * it reads them once more, hashing the ids only, and keeps from then on
 * only the ids whose hash is there twice or more: every true duplicate is
 * among them, so the check stays exact.  Without regular files it grows,
 * to 4 GB of ids (SU_TEST_IDSET_ARENA bytes in the tests): past that
 * su_idset_add says so and returns -1. */
struct su_idset *su_idset_new(void);
/* the inputs as the program reads them: its reader's options, the files
 * (none: standard input, which is never read twice) and the id column.
 * Before the first su_idset_add; the set keeps the pointers. */
void su_idset_inputs(struct su_idset *s, const struct su_opts *o,
                     int nfiles, char **files, int col);
/* ids hashed otherwise (a test forcing equal hashes); before any id */
void su_idset_hash(struct su_idset *s,
                   uint64_t (*hash)(const char *, size_t));
/* the id (len bytes, trimmed, not empty) of the record at file:line (the
 * reader's file names, which must live as long as the set): 0 new, 1 seen
 * before, *ffile and *fline then where it was first; -1 the run must end
 * (said).  Every record's id in reading order, one call each. */
int su_idset_add(struct su_idset *s, const char *id, size_t len,
                 const char *file, long line, const char **ffile,
                 long *fline);
/* su_idset_add with a mark (0 or 1) kept beside the place, given back
 * (*fmark) when the id is seen again: commission's "a split share" */
int su_idset_add_mark(struct su_idset *s, const char *id, size_t len,
                      const char *file, long line, int mark,
                      const char **ffile, long *fline, int *fmark);
/* a record's id that is not added (commission adds only the ids of the
 * bookings it credits, each to the set of its sign): counted all the
 * same, every record's id once, so that the two readings agree.  0, or
 * -1 as su_idset_add. */
int su_idset_pass(struct su_idset *s, const char *id, size_t len,
                  const char *file, long line);
/* the budget, when one program keeps more than one set (the tests'
 * SU_TEST_IDSET_BUDGET stays); before any id */
void su_idset_budget(struct su_idset *s, size_t bytes);
/* a hint, no more: the table's cache lines su_idset_add(s, id, len, ...)
 * will read, fetched while the caller does other work (at a million ids
 * the table is far past the cache: a miss an id).  No effect on what the
 * set holds or says.  Returns the id's hash, for su_idset_add_hashed. */
uint64_t su_idset_prefetch(const struct su_idset *s, const char *id,
                           size_t len);
/* su_idset_add with h, what su_idset_prefetch returned for this id (not
 * hashed twice) */
int su_idset_add_hashed(struct su_idset *s, const char *id, size_t len,
                        uint64_t h, const char *file, long line,
                        const char **ffile, long *fline);
/* after the last record: -1 when the input was read twice and the second
 * reading's ids are not the first's (said), else 0 */
int su_idset_end(struct su_idset *s);
size_t su_idset_n(const struct su_idset *s);     /* ids held */
size_t su_idset_bytes(const struct su_idset *s); /* their memory */
int su_idset_filtered(const struct su_idset *s); /* read twice: 1 */
/* 1: in reserved address space, growing in place; 0: malloc'd (where
 * the space cannot be had, or SU_TEST_IDSET_MALLOC is set: the tests) */
int su_idset_reserved(const struct su_idset *s);
void su_idset_free(struct su_idset *s);

#endif
