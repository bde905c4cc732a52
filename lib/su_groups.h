/*
 * su_groups.h - lib/groups.c: the groups of a summary, on a map
 *
 * Prints nothing but su_groups_say_respelled.
 */
#ifndef SU_GROUPS_H
#define SU_GROUPS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "su_columns.h"
#include "su_map.h"

struct su_groups;
struct su_groups *su_groups_new(size_t valsize);
/* a table of -g groups, whose values are compared as a spreadsheet pivot
 * compares them: trimmed of surrounding spaces and ignoring ASCII case
 * ("Ana", "ana", "Ana " are one group), shown as first seen, trimmed */
struct su_groups *su_groups_new_pivot(size_t valsize);
/* the value of the group with this key, made (zeroed) if new */
void *su_groups_get(struct su_groups *t, const char *key, size_t len);
/* the group with this key, or NULL (never made) */
struct su_group *su_groups_find(struct su_groups *t, const char *key,
								size_t len);
/* prints, when a pivot table put records under another spelling, how
 * many and the first few ("ana" as "Ana") */
void su_groups_say_respelled(const struct su_groups *t);
/* every group, sorted by its values, byte by byte (stable output) */
/* (the array is the table's: not to be freed) */
struct su_group **su_groups_sorted(struct su_groups *t, size_t *n);
void su_groups_free(struct su_groups *t, void (*freeval)(void *));
/* the key of a record for -g columns (close: its close date, for the
 * computed ones; SU_DATE_NONE when it has none, labelled "(none)") into
 * *key (grown as needed); returns its length */
#define SU_DATE_NONE INT32_MIN
size_t su_group_key(const struct su_gcol *g, size_t ng,
					const struct su_rec *r, int32_t close, int fy_start,
					char **key, size_t *cap);
/* su_group_key and su_groups_get in one: the value of record r's group,
 * a lone column's value looked up where it lies, not copied (*key, *cap:
 * su_group_key's scratch, for the other keys) */
void *su_groups_rec(struct su_groups *t, const struct su_gcol *g, size_t ng,
                    const struct su_rec *r, int32_t close, int fy_start,
                    char **key, size_t *cap);

#endif
