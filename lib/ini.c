/*
 * ini.c - what inih does not tell its handler: the line of each key and
 * where its value starts, and the line of each [section] header.  inih
 * hands its handler every key = value line and every indented continuation
 * line, in order; su_ini_scan() finds the same lines, so the Nth call of
 * the handler is the Nth line found.
 */
#include "su.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* inih's isspace(), in the C locale, less the line end */
static int
blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f';
}

/* As inih reads a line: blanks stripped at both ends; a comment (';' or
 * '#' first) or a blank line; else, after a key, an indented line
 * continues its value; else a [section]; else a key = value. */
void
su_ini_scan(const char *t, struct su_ini *ini)
{
	const char *l, *e, *start;
	long line = 0;
	int have_key = 0;
	size_t cap = 0, scap = 0;

	memset(ini, 0, sizeof *ini);
	for (l = t; *l; l = *e ? e + 1 : e) {
		const char *p = l, *end;

		e = strchr(l, '\n');
		if (!e)
			e = l + strlen(l);
		line++;
		start = l;
		if (line == 1 && (unsigned char)p[0] == 0xEF &&
		    (unsigned char)p[1] == 0xBB && (unsigned char)p[2] == 0xBF)
			p += 3;
		end = e;
		while (end > p && blank(end[-1]))
			end--;
		while (p < end && blank(*p))
			p++;
		if (p == end || *p == ';' || *p == '#')
			continue;
		if (!(have_key && p > start) && *p == '[') {
			const char *q = memchr(p, ']', (size_t)(end - p));

			have_key = 0;
			if (q) {
				if (ini->nsec == scap)
					ini->sec = su_xrealloc(ini->sec, (scap =
					    scap * 2 + 16) * sizeof *ini->sec);
				ini->sec[ini->nsec].name = su_xmalloc((size_t)
				    (q - p));
				memcpy(ini->sec[ini->nsec].name, p + 1,
				    (size_t)(q - p - 1));
				ini->sec[ini->nsec].name[q - p - 1] = '\0';
				ini->sec[ini->nsec++].line = line;
			}
			continue;
		}
		if (ini->nkl == cap)
			ini->kl = su_xrealloc(ini->kl, (cap = cap * 2 + 32) *
			    sizeof *ini->kl);
		ini->kl[ini->nkl].line = line;
		ini->kl[ini->nkl].start = (size_t)(l - t);
		ini->kl[ini->nkl].cont = have_key && p > start;
		if (ini->kl[ini->nkl].cont) {
			ini->kl[ini->nkl].vcol = (size_t)(p - l);
		} else {
			const char *q = p;

			while (q < end && *q != '=' && *q != ':')
				q++;
			if (q < end)
				q++;
			while (q < end && blank(*q))
				q++;
			ini->kl[ini->nkl].vcol = (size_t)(q - l);
			have_key = 1;
		}
		ini->nkl++;
	}
}

long
su_ini_secline(const struct su_ini *ini, long keyline)
{
	size_t k;

	for (k = ini->nsec; k > 0; k--)
		if (ini->sec[k - 1].line < keyline)
			return ini->sec[k - 1].line;
	return keyline;
}

/* equal as section names: case and runs of blanks aside */
static int
samesec(const char *a, const char *b)
{
	for (;;) {
		if (*a == ' ' && *b == ' ') {
			while (*a == ' ')
				a++;
			while (*b == ' ')
				b++;
			continue;
		}
		if (!*a || !*b)
			return *a == *b;
		if (*a != *b && !(((*a | 0x20) == (*b | 0x20)) &&
		    (*a | 0x20) >= 'a' && (*a | 0x20) <= 'z'))
			return 0;
		a++, b++;
	}
}

int
su_ini_dup(const struct su_ini *ini, size_t *i, size_t *first)
{
	size_t a, b;

	for (a = 1; a < ini->nsec; a++)
		for (b = 0; b < a; b++)
			if (samesec(ini->sec[a].name, ini->sec[b].name)) {
				*i = a, *first = b;
				return 1;
			}
	return 0;
}

void
su_ini_free(struct su_ini *ini)
{
	while (ini->nsec)
		free(ini->sec[--ini->nsec].name);
	free(ini->sec);
	free(ini->kl);
	memset(ini, 0, sizeof *ini);
}

void
su_ini_caret(const char *file, const char *text, long line, size_t col,
             const char *msg)
{
	const char *l = text, *e;
	long n;
	size_t i;

	for (n = 1; n < line && (l = strchr(l, '\n')); n++)
		l++;
	if (!l) {
		su_msg(file, line, "%s", msg);
		return;
	}
	e = strchr(l, '\n');
	if (!e)
		e = l + strlen(l);
	if (e > l && e[-1] == '\r')
		e--;
	fprintf(stderr, "%s: %s:%ld:%zu: %s\n", su_prog(), file, line,
	    col + 1, msg);
	fprintf(stderr, "  %.*s\n  ", (int)(e - l), l);
	for (i = 0; i < col && l + i < e; i++)
		fputc(l[i] == '\t' ? '\t' : ' ', stderr);
	fputs("^\n", stderr);
}

long
su_ini_long_line(const char *t)
{
	const char *l, *e;
	long line = 0;

	for (l = t; *l; l = *e ? e + 1 : e) {
		e = strchr(l, '\n');
		if (!e)
			e = l + strlen(l);
		line++;
		/* inih reads a line into 200 bytes: the line, its '\n' and a
		 * NUL; a longer one it cuts in two */
		if (e - l > SU_INI_MAX_LINE)
			return line;
	}
	return 0;
}

int
su_ini_name_ok(const char *s)
{
	if (!*s)
		return 0;
	for (; *s; s++)
		if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
		    (*s >= '0' && *s <= '9') || *s == '_' || *s == '-' ||
		    *s == '.'))
			return 0;
	return 1;
}

void
su_ini_fail(char *msg, size_t size, long *where, long line, const char *fmt,
            ...)
{
	va_list ap;

	if (msg[0])
		return; /* the first error is the one said */
	va_start(ap, fmt);
	vsnprintf(msg, size, fmt, ap);
	va_end(ap);
	*where = line;
}
