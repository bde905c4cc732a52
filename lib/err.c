/* err.c - the program name and the one error helper */
#include "su.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *progname = "salesutils";

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

static void
oom(void)
{
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
