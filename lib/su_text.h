/*
 * su_text.h - lib/text.c: trimming, lists for messages, integers, yes and no
 *
 * Prints nothing, but su_slurp (its error, naming what it read) and
 * su_yn_say (the yes/no spellings, once at the end).
 */
#ifndef SU_TEXT_H
#define SU_TEXT_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* drop blanks around a value: spaces, tabs and U+00A0 (the no-break space
 * spreadsheets put in amounts) */
void su_trim(const char **s, size_t *len);
/* 1 if su_trim may take something off s[0..len): its first byte a blank
 * or U+00A0's first, or its last a blank or U+00A0's last */
static inline int
su_trimmable(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	/* nearly every value starts and ends with a byte from '!' to 0x9F,
	 * which no blank is: two tests, not six */
	if (len == 0 || ((unsigned)(p[0] - 0x21) < 0x7F &&
	    (unsigned)(p[len - 1] - 0x21) < 0x7F))
		return 0;
	return p[0] == ' ' || p[0] == '\t' || p[0] == 0xC2 ||
	    p[len - 1] == ' ' || p[len - 1] == '\t' || p[len - 1] == 0xA0;
}
/* su_trim with no call when nothing is to be trimmed (the value parsers'
 * case on nearly every row) */
static inline void
su_trim_fast(const char **s, size_t *len)
{
	if (su_trimmable(*s, *len))
		su_trim(s, len);
}
/* a list "a, b, c" for a message, in buf[size]: su_list_add appends an
 * entry (printf), whole or not at all, keeping SU_LIST_MORE bytes for
 * su_list_more's ", and N more" (what: " stages", or ""); 0, or -1 when it
 * did not fit (add no more).  *len starts at 0. */
#define SU_LIST_MORE 64
int su_list_add(char *buf, size_t size, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void su_list_more(char *buf, size_t size, size_t len, size_t left,
                  const char *what);
/* the one integer parser (as OpenBSD's strtonum): an optional sign and
 * decimal digits, nothing else (no blanks), from lo to hi: 0 and *out, or
 * -1 */
int su_strtonum(const char *s, long lo, long hi, long *out);
/* nothing but blanks (or nothing): an empty cell, as su_trim sees it */
int su_blank(const char *s, size_t len);
/* su_norm (columns.c) of a string, into a fresh buffer; two strings equal
 * once normalised (header matching: "Close Date" = "close_date") */
char *su_normdup(const char *s);
/* a whole text file (a model, rules, a plan) in a fresh NUL-terminated
 * buffer; NULL on error (said, naming what: "rules file") */
char *su_slurp(const char *path, const char *what);
#define SU_SLURP_MAX (16 << 20) /* larger is an error, said */
int su_normeq(const char *a, const char *b);
/* a yes/no value as salesutils(7) lists them, any case, blanks and
 * punctuation aside: SU_YES (yes, y, true, 1, checked, on, x), SU_NO
 * (empty, no, n, false, 0, 0.0, unchecked, off, null, none, nil, n/a,
 * -, tbd, unknown, or a first word no, none, not, tbd, unknown: "No
 * budget"), or
 * SU_NEITHER ("maybe", a name) */
enum { SU_NO = 0, SU_YES = 1, SU_NEITHER = -1 };
int su_yesno(const char *s, size_t len);
/* the same without su_yesno's fast path for a value that begins with a
 * letter: the reference it falls back on (and the unit tests compare) */
int su_yesno_full(const char *s, size_t len);
/* values neither yes nor no where yes or no was asked, per column (a cell
 * counted once however many rules read it): said at the end, once per
 * column, "COLUMN: N values neither yes nor no ("maybe" ...), read as no" */
struct su_yn;
struct su_rec;
struct su_yn *su_yn_new(void);
void su_yn_add(struct su_yn *t, int col, const char *file, long line,
               const char *s, size_t len);
void su_yn_say(const struct su_yn *t, const struct su_rec *hdr);
void su_yn_free(struct su_yn *t);
/* the length of a valid UTF-8 sequence at s (n bytes there), or 0: not
 * UTF-8, overlong, a surrogate, beyond U+10FFFF */
size_t su_utf8len(const unsigned char *s, size_t n);
/* vsnprintf for formats of text, %s, %d, %ld and %% only, without
 * stdio's cost (a finding's message, a line of output); any other format
 * is vsnprintf's, the reference the unit tests compare it with */
int su_vfmt(char *buf, size_t size, const char *fmt, va_list ap);
int su_fmt(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
