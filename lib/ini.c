/*
 * ini.c - what inih does not tell its handler: the line of each key and
 * where its value starts, and the line of each [section] header.  inih
 * hands its handler every key = value line and every indented continuation
 * line, in order; su_ini_scan() finds the same lines, so the Nth call of
 * the handler is the Nth line found.
 *
 * su_ini_load() reads a stage model, qualification rules or a compensation
 * plan: the steps the three share are here, each format's sections and
 * keys (what a key means) in a table in its own file.
 */
#include "su.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <ini.h>

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
su_ini_fail(struct su_ini_load *ld, long line, const char *fmt, ...)
{
	va_list ap;

	if (ld->msg[0])
		return; /* the first error is the one said */
	va_start(ap, fmt);
	vsnprintf(ld->msg, sizeof ld->msg, fmt, ap);
	va_end(ap);
	ld->msgline = line;
}

const struct su_ini_kind *
su_ini_kind(const struct su_ini_spec *spec, const char *section,
            const char **name)
{
	const struct su_ini_kind *k;
	size_t n;

	if (spec->flags & SU_INI_LEADBLANKS)
		while (*section == ' ')
			section++;
	for (k = spec->kinds; k->prefix; k++) {
		n = strlen(k->prefix);
		if (strncasecmp(section, k->prefix, n) != 0)
			continue;
		if (!k->named && !section[n]) {
			*name = section + n;
			return k;
		}
		if (k->named && section[n] == ' ') {
			section += n;
			while (*section == ' ')
				section++;
			*name = section;
			return k;
		}
	}
	return NULL;
}

/* A section begins, at its first key: its header is the last one before
 * the key.  When headers with no keys matter (spec->keyless), the headers
 * are taken in turn instead, up to the next one named section, and those
 * passed over (inih calls the handler only for keys) are keyless. */
static int
open_section(struct su_ini_load *ld, const char *section)
{
	const struct su_ini_spec *spec = ld->spec;
	long line = 0;

	if (!spec->keyless)
		line = su_ini_secline(&ld->ini, ld->line);
	else {
		while (ld->nextsec < ld->ini.nsec &&
		    strcmp(ld->ini.sec[ld->nextsec].name, section) != 0) {
			ld->nextsec++;
			if (!spec->keyless(ld, ld->ctx,
			    ld->ini.sec[ld->nextsec - 1].name,
			    ld->ini.sec[ld->nextsec - 1].line))
				return 0;
		}
		if (ld->nextsec < ld->ini.nsec)
			line = ld->ini.sec[ld->nextsec++].line;
	}
	free(ld->cur);
	ld->cur = su_xstrdup(section);
	ld->seen = 0;
	if (!(ld->kind = su_ini_kind(spec, ld->cur, &ld->name))) {
		su_ini_fail(ld, line, spec->unknown, ld->cur);
		return 0;
	}
	return ld->kind->open(ld, ld->ctx, ld->cur, ld->name, line);
}

static int
handler(void *user, const char *section, const char *name,
        const char *value)
{
	struct su_ini_load *ld = user;
	const struct su_ini_spec *spec = ld->spec;
	const struct su_ini_line *kl = ld->call < ld->ini.nkl ?
	    &ld->ini.kl[ld->call] : NULL;
	const struct su_ini_key *k;
	unsigned bit;

	ld->call++;
	ld->key = name;
	ld->line = kl ? kl->line : 0;
	ld->vcol = kl ? kl->vcol : 0;
	ld->cont = kl ? kl->cont : 0;
	if (ld->msg[0])
		return 0; /* only the first error is said: apply nothing more
		             (a failed section's keys would land on the last
		             good one) */
	if ((spec->flags & SU_INI_ONELINE) && ld->cont) {
		su_ini_fail(ld, ld->line, "a value goes on one line");
		return 0;
	}
	if (!ld->cur || strcmp(ld->cur, section) != 0) {
		if ((spec->flags & SU_INI_NOSECTION) && !*section) {
			su_ini_fail(ld, ld->line, "%s = ... before any "
			    "[section]", name);
			return 0;
		}
		if (!open_section(ld, section))
			return 0;
	}
	for (k = ld->kind->keys; k->key; k++)
		if ((spec->flags & SU_INI_KEYCASE) ? strcasecmp(name,
		    k->key) == 0 : strcmp(name, k->key) == 0)
			break;
	if (!k->key) {
		spec->unknown_key(ld, ld->ctx, name);
		return 0;
	}
	bit = k->many ? 0 : 1u << (k - ld->kind->keys);
	if (!(spec->flags & SU_INI_TWICELAST) && (ld->seen & bit)) {
		spec->twice(ld, ld->ctx, name, k);
		return 0;
	}
	if (!k->set(ld, ld->ctx, value))
		return 0;
	if (ld->seen & bit) {
		spec->twice(ld, ld->ctx, name, k);
		return 0;
	}
	ld->seen |= bit;
	return 1;
}

int
su_ini_load(const struct su_ini_spec *spec, const char *file,
            const char *text, void *ctx)
{
	struct su_ini_load ld;
	const char *name;
	size_t i, j;
	long line;
	int r = -1;

	memset(&ld, 0, sizeof ld);
	ld.spec = spec;
	ld.ctx = ctx;
	ld.file = file;
	ld.text = text;
	su_ini_scan(text, &ld.ini);
	if ((line = su_ini_long_line(text)) != 0)
		su_ini_fail(&ld, line, spec->longline, SU_INI_MAX_LINE);
	for (i = 0; (spec->flags & SU_INI_KINDSFIRST) && i < ld.ini.nsec &&
	    !ld.msg[0]; i++)
		if (!su_ini_kind(spec, ld.ini.sec[i].name, &name))
			su_ini_fail(&ld, ld.ini.sec[i].line, spec->unknown,
			    ld.ini.sec[i].name);
	if (!ld.msg[0] && (spec->flags & SU_INI_NODUPS) &&
	    su_ini_dup(&ld.ini, &i, &j))
		su_ini_fail(&ld, ld.ini.sec[i].line, "[%s] given twice (first "
		    "on line %ld)", ld.ini.sec[i].name, ld.ini.sec[j].line);
	line = ld.msg[0] ? 0 : ini_parse_string(text, handler, &ld);
	if (line < 0) {
		su_msg(file, 0, "cannot read the %s", spec->what);
		goto done;
	}
	if (line > 0 && !ld.msg[0])
		su_ini_fail(&ld, line, "not an INI line (expected [section], "
		    "key = value or a ; comment)");
	if (ld.msg[0] && !ld.msgline && (spec->flags & SU_INI_INIHLINE))
		ld.msgline = line;
	/* the sections after the last key */
	while (!ld.msg[0] && spec->keyless && ld.nextsec < ld.ini.nsec) {
		i = ld.nextsec++;
		if (!spec->keyless(&ld, ctx, ld.ini.sec[i].name,
		    ld.ini.sec[i].line))
			break;
	}
	if (ld.msg[0] || spec->finish(&ld, ctx)) {
		if (!ld.said)
			su_msg(file, ld.msgline, "%s", ld.msg);
		goto done;
	}
	r = 0;
done:
	su_ini_free(&ld.ini);
	free(ld.cur);
	return r;
}
