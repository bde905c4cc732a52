/* err.c - the program name and the one error helper */
#include "su.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *progname = "salesutils";
/* temporaries of -o and --rejects, removed if the program must exit from
 * inside the library (out of memory): the only state beside the name */
static const char *temps[4];

void
su_start(const char *argv0)
{
	const char *p = strrchr(argv0, '/');

	progname = p ? p + 1 : argv0;
	signal(SIGPIPE, SIG_IGN);
}

const char *
su_prog(void)
{
	return progname;
}

void
su_msg(const char *file, long line, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", progname);
	if (file && line > 0)
		fprintf(stderr, "%s:%ld: ", file, line);
	else if (file)
		fprintf(stderr, "%s: ", file);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

void
su_temp(const char *path, int keep)
{
	size_t i;

	for (i = 0; i < sizeof temps / sizeof temps[0]; i++)
		if (keep ? !temps[i] : temps[i] == path) {
			temps[i] = keep ? path : NULL;
			return;
		}
}

static void
oom(void)
{
	size_t i;

	for (i = 0; i < sizeof temps / sizeof temps[0]; i++)
		if (temps[i])
			unlink(temps[i]);
	fprintf(stderr, "%s: out of memory\n", progname);
	exit(SU_EXIT_ERR);
}

void *
su_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		oom();
	return p;
}

void *
su_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);

	if (!q)
		oom();
	return q;
}

char *
su_xstrdup(const char *s)
{
	size_t n = strlen(s) + 1;

	return memcpy(su_xmalloc(n), s, n);
}
