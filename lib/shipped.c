/* shipped.c - the stage models, rules and plans that come with salesutils:
 * found by a bare name (-m salesforce, -r seed000-icp, -p seed000), and
 * the shipped model that knows a stage the user's model does not ("try
 * -m salesforce") */
#include "su.h"

#include <dirent.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#ifndef SU_SHAREDIR
#define SU_SHAREDIR "/usr/local/share/salesutils"
#endif

/* where shipped files are, in order: $SALESUTILS_SHARE, the installed
 * share directory, and the source tree's examples/ when the program runs
 * from its build directory (build/rel/bin/forecast: ../../../examples) */
static size_t
share_dirs(char dirs[3][PATH_MAX])
{
	const char *env = getenv("SALESUTILS_SHARE");
	char exe[PATH_MAX];
	ssize_t n;
	size_t k = 0;
	int up;

	if (env && env[0])
		snprintf(dirs[k++], PATH_MAX, "%s", env);
	snprintf(dirs[k++], PATH_MAX, "%s", SU_SHAREDIR);
	if ((n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		exe[n] = '\0';
		for (up = 0; up < 4; up++) { /* bin, rel, build, the tree */
			char *slash = strrchr(exe, '/');

			if (!slash)
				break;
			*slash = '\0';
		}
		if (up == 4 && snprintf(dirs[k], PATH_MAX, "%s/examples",
		    exe) < PATH_MAX && access(dirs[k], F_OK) == 0)
			k++;
	}
	return k;
}

static int
cmpstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "a, b, c": the .ini files of DIR/KIND, sorted, without .ini */
static void
list_names(const char *dir, const char *kind, char *buf, size_t size)
{
	char path[PATH_MAX], *names[64];
	struct dirent *e;
	DIR *d;
	size_t n = 0, i, len = 0;

	buf[0] = '\0';
	if (snprintf(path, sizeof path, "%s/%s", dir, kind) >=
	    (int)sizeof path || !(d = opendir(path)))
		return;
	while ((e = readdir(d)) && n < 64) {
		size_t l = strlen(e->d_name);

		if (l > 4 && strcmp(e->d_name + l - 4, ".ini") == 0) {
			names[n] = su_xstrdup(e->d_name);
			names[n++][l - 4] = '\0';
		}
	}
	closedir(d);
	if (n)
		qsort(names, n, sizeof names[0], cmpstr);
	for (i = 0; i < n; i++) {
		if (len < size)
			len += (size_t)snprintf(buf + len, size - len, "%s%s",
			    i ? ", " : "", names[i]);
		free(names[i]);
	}
}

/* the text of PATH, and in *used a copy of PATH; NULL and none (said) */
static char *
found(const char *path, const char *what, char **used)
{
	char *text = su_slurp(path, what);

	*used = text ? su_xstrdup(path) : NULL;
	return text;
}

char *
su_shipped_slurp(const char *arg, const char *kind, const char *what,
                 char **used)
{
	static const char *const pat[] = {"%s/%s/%s", "%s/%s/%s.ini",
	    "%s/%s/%s-default.ini"};
	char dirs[3][PATH_MAX], path[PATH_MAX], names[1024];
	size_t nd, i, j;

	*used = NULL;
	/* a path, or a file of that name here: as given */
	if (strchr(arg, '/') || access(arg, F_OK) == 0 || !arg[0])
		return found(arg, what, used);
	nd = share_dirs(dirs);
	for (i = 0; i < nd; i++)
		for (j = 0; j < sizeof pat / sizeof pat[0]; j++)
			if (snprintf(path, sizeof path, pat[j], dirs[i], kind,
			    arg) < (int)sizeof path &&
			    access(path, R_OK) == 0)
				return found(path, what, used);
	names[0] = '\0';
	for (i = 0; i < nd && !names[0]; i++)
		list_names(dirs[i], kind, names, sizeof names);
	su_msg(arg, 0, "no such file, nor a shipped %s of that name (%s%s)",
	    what, names[0] ? "shipped: " : "none found in ",
	    names[0] ? names : SU_SHAREDIR);
	return NULL;
}

/* the shipped models, parsed once, the first time a hint is asked for
 * (kept to the end: an error path, at most a few models) */
static struct su_model *parsed[16];
static int nparsed = -1;

static int
knows(const struct su_model *m, const char *stage, size_t len)
{
	size_t j;

	for (j = 0; m && j < m->np; j++)
		if (su_model_stage(&m->p[j], stage, len) >= 0)
			return 1;
	return 0;
}

const char *
su_model_hint(const char *stage, size_t len)
{
	static char hint[96];
	size_t i, n;
	int pass, deflt;

	if (nparsed < 0) {
		for (i = 0; su_shipped_models[i].name &&
		    i < sizeof parsed / sizeof parsed[0]; i++)
			if (su_model_parse(su_shipped_models[i].name,
			    su_shipped_models[i].text, &parsed[i]) != 0)
				parsed[i] = NULL; /* never: a test loads each */
		nparsed = (int)i;
	}
	/* the exports' own models (salesforce-default, ...) first */
	for (pass = 0; pass < 2; pass++)
		for (i = 0; i < (size_t)nparsed; i++) {
			const char *name = su_shipped_models[i].name;

			n = strlen(name);
			deflt = n > 8 && strcmp(name + n - 8, "-default") == 0;
			if (deflt != (pass == 0) ||
			    !knows(parsed[i], stage, len))
				continue;
			if (deflt)
				n -= 8; /* -m salesforce finds it */
			snprintf(hint, sizeof hint, " (the shipped model %s "
			    "knows it: try -m %.*s)", name, (int)n, name);
			return hint;
		}
	return "";
}
