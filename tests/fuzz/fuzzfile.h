/*
 * fuzzfile.h - for the libFuzzer harnesses whose parser reads a file by
 * name: each input written to one memfd, named by /proc/self/fd/N.
 */
#ifndef FUZZFILE_H
#define FUZZFILE_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

static int fuzz_fd = -1;
static char fuzz_path[64];

/* LLVMFuzzerInitialize's: names the program, opens the memfd */
static void
fuzz_init(const char *prog)
{
	su_start(prog);
	fuzz_fd = memfd_create("fuzz", 0);
	snprintf(fuzz_path, sizeof fuzz_path, "/proc/self/fd/%d", fuzz_fd);
}

/* the input as the file's whole content; its name */
static const char *
fuzz_file(const unsigned char *data, size_t size)
{
	if (ftruncate(fuzz_fd, 0) ||
	    pwrite(fuzz_fd, data, size, 0) != (ssize_t)size)
		abort();
	return fuzz_path;
}

#endif
