/*
 * su_err.h - lib/err.c: the program name, messages, exit status, temporaries
 *
 * Prints: su_msg is where every message goes ("prog: FILE:LINE: ...");
 * out of memory is said and exits.
 */
#ifndef SU_ERR_H
#define SU_ERR_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* SU_VERSION: the Makefile's VERSION, given to cli.c alone (-D) */

/* exit status, SPEC §1 */
enum { SU_EXIT_OK = 0, SU_EXIT_FLAG = 1, SU_EXIT_ERR = 2 };
/* what a program does with one record, and what su_in_reject answers */
enum su_result {
	SU_OK = 0,	/* used */
	SU_SKIP = 1,	/* left out: said, counted, in --rejects */
	SU_STOP = -1	/* the run ends, exit 2 (said) */
};

/* every main calls this first: names the program, ignores SIGPIPE (a
 * closed pipe is seen as EPIPE and ends the program quietly) */
void su_start(const char *argv0);
const char *su_prog(void);
/* "prog: FILE:LINE: message" (FILE NULL: "prog: message"; LINE 0: no line) */
void su_msg(const char *file, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* su_msg says nothing while on (1): an input read a second time, whose
 * errors the first reading says */
void su_quiet(int on);
/* mkstemp(template), the file then removed if the program dies (a signal,
 * out of memory) before su_temp_forget(template): it was put in place or
 * removed.  No signal between the making and the registering. */
int su_temp_make(char *template);
void su_temp_forget(const char *path);
/* SIGHUP, SIGINT, SIGTERM held (1) until let through (0): around putting
 * two files in place, so that a kill leaves both or neither.  Holds nest:
 * the signals come through at the outermost release. */
void su_hold_signals(int hold);
/* out of memory: the one error that exits from inside the library */
void *su_xmalloc(size_t n);
void *su_xrealloc(void *p, size_t n);
char *su_xstrdup(const char *s);
char *su_xstrndup(const char *s, size_t n); /* n bytes of s, and a NUL */

#endif
