/* err.c - the program name and the one error helper */
#include "su.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char *progname = "salesutils";
/* temporaries of -o, --rejects and --assign-state, removed if the program
 * must exit from inside the library (out of memory) or is killed by
 * SIGINT, SIGTERM or SIGHUP: the only state beside the name.  volatile:
 * the signal handler reads it. */
static const char *volatile temps[4];
static const int deathsigs[] = { SIGHUP, SIGINT, SIGTERM };
/* su_quiet: messages dropped while an input is read a second time (the
 * duplicate-id check's pre-pass): what it meets is said by the first */
static int quiet;

/* unlink only: async-signal-safe, for ondeath as for oom */
static void
unlink_temps(void)
{
	size_t i;

	for (i = 0; i < sizeof temps / sizeof temps[0]; i++)
		if (temps[i])
			unlink(temps[i]);
}

/* the temporaries gone, die of the same signal so the parent sees how we
 * ended */
static void
ondeath(int sig)
{
	unlink_temps();
	signal(sig, SIG_DFL);
	raise(sig);
}

void
su_start(const char *argv0)
{
	const char *p = strrchr(argv0, '/');

	struct sigaction sa, old;
	size_t i;

	progname = p ? p + 1 : argv0;
	signal(SIGPIPE, SIG_IGN);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ondeath;
	sigemptyset(&sa.sa_mask);
	for (i = 0; i < sizeof deathsigs / sizeof deathsigs[0]; i++)
		sigaddset(&sa.sa_mask, deathsigs[i]);
	for (i = 0; i < sizeof deathsigs / sizeof deathsigs[0]; i++) {
		/* a signal ignored when we started (nohup, a background
		 * job's SIGINT) stays ignored */
		if (sigaction(deathsigs[i], NULL, &old) == 0 &&
		    old.sa_handler == SIG_IGN)
			continue;
		sigaction(deathsigs[i], &sa, NULL);
	}
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

	if (quiet)
		return;
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
su_quiet(int on)
{
	quiet = on;
}

/* path in the first free slot (keep) or out of its slot */
static void
temp_slot(const char *path, int keep)
{
	size_t i;

	for (i = 0; i < sizeof temps / sizeof temps[0]; i++)
		if (keep ? !temps[i] : temps[i] == path) {
			temps[i] = keep ? path : NULL;
			return;
		}
}

void
su_temp_forget(const char *path)
{
	temp_slot(path, 0);
}

void
su_hold_signals(int hold)
{
	static int depth; /* holds nest: let through at the outermost */
	sigset_t set;
	size_t i;

	if (hold ? depth++ > 0 : --depth > 0)
		return;
	sigemptyset(&set);
	for (i = 0; i < sizeof deathsigs / sizeof deathsigs[0]; i++)
		sigaddset(&set, deathsigs[i]);
	sigprocmask(hold ? SIG_BLOCK : SIG_UNBLOCK, &set, NULL);
}

int
su_temp_make(char *template)
{
	int fd;

	/* no kill between the file's making and its registering */
	su_hold_signals(1);
	if ((fd = mkstemp(template)) >= 0)
		temp_slot(template, 1);
	su_hold_signals(0);
	return fd;
}

static void
oom(void)
{
	unlink_temps();
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

char *
su_xstrndup(const char *s, size_t n)
{
	char *d = su_xmalloc(n + 1);

	memcpy(d, s, n);
	d[n] = '\0';
	return d;
}
