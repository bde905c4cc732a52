/*
 * su_idset.h - lib/idset.c: the duplicate-id check (cyclestat's
 * opportunity ids), exact in bounded memory
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
/* an empty set */
struct su_idset *su_idset_new(void);
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
/* after the last record: -1 when the input was read twice and the second
 * reading's ids are not the first's (said), else 0 */
int su_idset_end(struct su_idset *s);
size_t su_idset_n(const struct su_idset *s);     /* ids held */
size_t su_idset_bytes(const struct su_idset *s); /* their memory */
void su_idset_free(struct su_idset *s);

#endif
