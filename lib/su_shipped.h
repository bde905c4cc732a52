/*
 * su_shipped.h - lib/shipped.c: the models, rules and plans shipped with salesutils
 *
 * Prints: a name that is no shipped file is said, with the list.
 */
#ifndef SU_SHIPPED_H
#define SU_SHIPPED_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* a model, rules or plan file: ARG as given when it is a path or a file
 * here, else the shipped KIND ("models", "rules", "plans") of that name
 * (NAME, NAME.ini, NAME-default.ini) in $SALESUTILS_SHARE, the installed
 * share directory, or the source tree's examples/.  The text, and in *used
 * the path read (both malloc'd); NULL on error (said, listing the shipped
 * names). */
char *su_shipped_slurp(const char *arg, const char *kind, const char *what,
                       char **used);
/* " (the shipped model salesforce-default knows it: try -m salesforce)"
 * when a shipped model knows the stage, else "" (a static buffer) */
const char *su_model_hint(const char *stage, size_t len);
struct su_shipped {
	const char *name, *text;
};
extern const struct su_shipped su_shipped_models[]; /* {0, 0} ends it */
extern const char su_builtin_model[], su_builtin_rules[];

#endif
