/*
 * inject.so - fault injection for the tests (LD_PRELOAD), after jq's
 * inject_errors.c: FAULT=CALL:N makes the Nth call of CALL fail, where CALL
 * is read, write (not to standard error, so messages get out), close,
 * rename or malloc (malloc and realloc counted together).  When it fails
 * a call it appends "CALL N" to the file FAULT_LOG, so a test knows the
 * fault was met.
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char which[16];
static long at = -1, count;
static int ready;

static void
setup(void)
{
	const char *f = getenv("FAULT"), *colon;

	ready = 1;
	if (!f || !(colon = strchr(f, ':')) || (size_t)(colon - f) >= sizeof which)
		return;
	memcpy(which, f, (size_t)(colon - f));
	which[colon - f] = '\0';
	at = atol(colon + 1);
}

/* is this call of `name` the one to fail? */
static int
fail(const char *name)
{
	static __thread int busy;
	const char *log;
	char line[64];
	int fd, n;

	if (!ready)
		setup();
	if (at < 0 || strcmp(name, which) != 0 || busy)
		return 0;
	if (++count != at)
		return 0;
	busy = 1;
	if ((log = getenv("FAULT_LOG"))) {
		n = snprintf(line, sizeof line, "%s %ld\n", name, at);
		fd = open(log, O_WRONLY | O_APPEND | O_CREAT, 0644);
		if (fd >= 0) {
			ssize_t (*real_write)(int, const void *, size_t) =
			    (ssize_t (*)(int, const void *, size_t))dlsym(
			    RTLD_NEXT, "write");

			real_write(fd, line, (size_t)n);
			close(fd);
		}
	}
	busy = 0;
	return 1;
}

ssize_t
read(int fd, void *buf, size_t n)
{
	static ssize_t (*real)(int, void *, size_t);

	if (!real)
		real = (ssize_t (*)(int, void *, size_t))dlsym(RTLD_NEXT,
		    "read");
	if (fail("read")) {
		errno = EIO;
		return -1;
	}
	return real(fd, buf, n);
}

ssize_t
write(int fd, const void *buf, size_t n)
{
	static ssize_t (*real)(int, const void *, size_t);

	if (!real)
		real = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT,
		    "write");
	if (fd != 2 && fail("write")) {
		errno = ENOSPC;
		return -1;
	}
	return real(fd, buf, n);
}

int
close(int fd)
{
	static int (*real)(int);

	if (!real)
		real = (int (*)(int))dlsym(RTLD_NEXT, "close");
	if (fd > 2 && fail("close")) {
		real(fd);
		errno = EIO;
		return -1;
	}
	return real(fd);
}

int
rename(const char *a, const char *b)
{
	static int (*real)(const char *, const char *);

	if (!real)
		real = (int (*)(const char *, const char *))dlsym(RTLD_NEXT,
		    "rename");
	if (fail("rename")) {
		errno = EXDEV;
		return -1;
	}
	return real(a, b);
}

/* malloc: glibc's own, through its public alias, so dlsym is not needed */
extern void *__libc_malloc(size_t);
extern void *__libc_realloc(void *, size_t);

void *
malloc(size_t n)
{
	if (fail("malloc")) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_malloc(n);
}

void *
realloc(void *p, size_t n)
{
	if (fail("malloc")) {
		errno = ENOMEM;
		return NULL;
	}
	return __libc_realloc(p, n);
}
