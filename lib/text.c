/* text.c - small text helpers */
#include "su.h"

#include <limits.h>
#include <stdarg.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int
su_list_add(char *buf, size_t size, size_t *len, const char *fmt, ...)
{
	va_list ap;
	size_t sep = *len ? 2 : 0;
	int m;

	va_start(ap, fmt);
	m = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	/* whole entries only, and room kept for ", and N more" */
	if (m < 0 || *len + sep + (size_t)m >= size - SU_LIST_MORE)
		return -1;
	if (sep)
		memcpy(buf + *len, ", ", 2);
	va_start(ap, fmt);
	vsnprintf(buf + *len + sep, size - *len - sep, fmt, ap);
	va_end(ap);
	*len += sep + (size_t)m;
	return 0;
}

void
su_list_more(char *buf, size_t size, size_t len, size_t left,
             const char *what)
{
	buf[len] = '\0';
	if (left) /* said in part: never cut without a word */
		snprintf(buf + len, size - len, ", and %zu more%s", left,
		    what);
}

int
su_strtonum(const char *s, long lo, long hi, long *out)
{
	const char *p = s;
	long v = 0;
	int neg = 0;

	if (*p == '+' || *p == '-')
		neg = *p++ == '-';
	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (LONG_MAX - 9) / 10)
			return -1; /* out of any range we take */
		v = v * 10 + (*p - '0');
	}
	if (*p)
		return -1;
	if (neg)
		v = -v;
	if (v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

int
su_blank(const char *s, size_t len)
{
	su_trim(&s, &len);
	return len == 0;
}

void
su_trim(const char **s, size_t *len)
{
	const unsigned char *p = (const unsigned char *)*s;
	size_t n = *len;

	for (;;) {
		if (n && (p[0] == ' ' || p[0] == '\t'))
			p++, n--;
		else if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
			p += 2, n -= 2;
		else
			break;
	}
	for (;;) {
		if (n && (p[n - 1] == ' ' || p[n - 1] == '\t'))
			n--;
		else if (n >= 2 && p[n - 2] == 0xC2 && p[n - 1] == 0xA0)
			n -= 2;
		else
			break;
	}
	*s = (const char *)p;
	*len = n;
}

char *
su_normdup(const char *s)
{
	size_t n = strlen(s);
	char *d = su_xmalloc(n + 1);

	su_norm(s, n, d);
	return d;
}

int
su_normeq(const char *a, const char *b)
{
	char *x = su_normdup(a), *y = su_normdup(b);
	int eq = strcmp(x, y) == 0;

	free(x);
	free(y);
	return eq;
}

char *
su_slurp(const char *path, const char *what)
{
	FILE *fp = fopen(path, "rb");
	size_t n = 0, cap = 0, got;
	char *text = NULL;

	if (!fp) {
		su_msg(path, 0, "%s", strerror(errno));
		return NULL;
	}
	do {
		if (cap - n < 4096)
			text = su_xrealloc(text, cap = cap * 2 + 8192);
		got = fread(text + n, 1, cap - n - 1, fp);
		n += got;
		/* a model, rules or plan is a few KB: /dev/zero is not one */
		if (n > SU_SLURP_MAX) {
			su_msg(path, 0, "more than %d MiB: not a %s",
			    SU_SLURP_MAX >> 20, what);
			fclose(fp);
			free(text);
			return NULL;
		}
	} while (got > 0);
	if (ferror(fp)) {
		su_msg(path, 0, "read error: %s", strerror(errno));
		fclose(fp);
		free(text);
		return NULL;
	}
	fclose(fp);
	text[n] = '\0';
	if (memchr(text, '\0', n)) {
		su_msg(path, 0, "NUL byte in the %s (not a text file?)", what);
		free(text);
		return NULL;
	}
	return text;
}

/*
 * Yes and no (salesutils(7)): one list for every program.  A value whose
 * first word is "no", "none", "not", "tbd" or "unknown" ("No budget",
 * "None identified", "TBD with the CFO") says no: it can only withhold (a
 * gate fails, a lead is not sales-qualified), never grant.
 */
static int
is_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* a plain number, "0", "0.0", "1.00": 0 zero, 1 one, 2 another, -1 none */
static int
plain_number(const char *s, size_t len)
{
	size_t i, ip = 0, fp = 0;
	int sep = 0, intnz = 0, intone = 0, fracnz = 0;

	for (i = 0; i < len; i++) {
		if (s[i] == '.' && !sep) {
			sep = 1;
			continue;
		}
		if (s[i] < '0' || s[i] > '9')
			return -1;
		if (sep) {
			fp++;
			fracnz |= s[i] != '0';
		} else {
			ip++;
			if (s[i] != '0') {
				intone = !intnz && s[i] == '1';
				intnz = 1;
			} else if (intnz)
				intone = 0;
		}
	}
	if (ip + fp == 0 || (sep && fp == 0))
		return -1;
	if (!intnz && !fracnz)
		return 0;
	return intone && !fracnz ? 1 : 2;
}

int
su_yesno_full(const char *s, size_t len)
{
	/* normalised (su_norm), with their lengths: compared length first,
	 * as this runs on every cell a rule reads */
	static const struct {
		const char *w;
		unsigned char len, verdict;
	} words[] = {
		{"", 0, SU_NO}, {"n", 1, SU_NO}, {"no", 2, SU_NO},
		{"false", 5, SU_NO}, {"0", 1, SU_NO}, {"unchecked", 9, SU_NO},
		{"off", 3, SU_NO}, {"null", 4, SU_NO}, {"none", 4, SU_NO},
		{"nil", 3, SU_NO}, {"na", 2, SU_NO}, {"tbd", 3, SU_NO},
		{"unknown", 7, SU_NO},
		{"y", 1, SU_YES}, {"yes", 3, SU_YES}, {"true", 4, SU_YES},
		{"1", 1, SU_YES}, {"checked", 7, SU_YES}, {"on", 2, SU_YES},
		{"x", 1, SU_YES},
	};
	static const struct { const char *w; size_t len; } noword[] = {
		{"no", 2}, {"none", 4}, {"not", 3}, {"tbd", 3}, {"unknown", 7},
	};
	char n[16];
	size_t i, w;
	int k;

	su_trim(&s, &len);
	if (len == 0)
		return SU_NO;
	if ((k = plain_number(s, len)) >= 0)
		return k == 0 ? SU_NO : k == 1 ? SU_YES : SU_NEITHER;
	/* signed: "-1" is not the 1 of a checkbox */
	if (len > 1 && (s[0] == '-' || s[0] == '+') &&
	    (k = plain_number(s + 1, len - 1)) >= 0)
		return k == 0 ? SU_NO : SU_NEITHER;
	for (w = 0; w < len && is_alnum((unsigned char)s[w]) &&
	    !(s[w] >= '0' && s[w] <= '9'); w++)
		;
	if (w < len && !is_alnum((unsigned char)s[w]))
		for (i = 0; i < sizeof noword / sizeof noword[0]; i++)
			if (noword[i].len == w &&
			    strncasecmp(s, noword[i].w, w) == 0)
				return SU_NO;
	if (len >= sizeof n)
		return SU_NEITHER;
	/* case, blanks and punctuation aside: "N/A" "n/a", "-" "" */
	w = su_norm(s, len, n);
	for (i = 0; i < sizeof words / sizeof words[0]; i++)
		if (words[i].len == w && memcmp(n, words[i].w, w) == 0)
			return words[i].verdict;
	return SU_NEITHER;
}

/* s[0..n) (ASCII letters) is w, ASCII case aside */
static int
word_is(const char *s, size_t n, const char *w)
{
	size_t i;

	for (i = 0; i < n; i++)
		if ((s[i] | 0x20) != w[i])
			return 0;
	return w[n] == '\0';
}

/* the yes/no word a normalised value n[0..len) is: SU_NEITHER for none */
static int
yes_word(const char *n, size_t len)
{
	switch (len) {
	case 1:
		return n[0] == 'n' || n[0] == '0' ? SU_NO : n[0] == 'y' ||
		    n[0] == '1' || n[0] == 'x' ? SU_YES : SU_NEITHER;
	case 2:
		return memcmp(n, "no", 2) == 0 || memcmp(n, "na", 2) == 0 ?
		    SU_NO : memcmp(n, "on", 2) == 0 ? SU_YES : SU_NEITHER;
	case 3:
		return memcmp(n, "off", 3) == 0 || memcmp(n, "nil", 3) == 0 ||
		    memcmp(n, "tbd", 3) == 0 ? SU_NO :
		    memcmp(n, "yes", 3) == 0 ? SU_YES : SU_NEITHER;
	case 4:
		return memcmp(n, "null", 4) == 0 || memcmp(n, "none", 4) == 0 ?
		    SU_NO : memcmp(n, "true", 4) == 0 ? SU_YES : SU_NEITHER;
	case 5:
		return memcmp(n, "false", 5) == 0 ? SU_NO : SU_NEITHER;
	case 7:
		return memcmp(n, "unknown", 7) == 0 ? SU_NO :
		    memcmp(n, "checked", 7) == 0 ? SU_YES : SU_NEITHER;
	case 9:
		return memcmp(n, "unchecked", 9) == 0 ? SU_NO : SU_NEITHER;
	}
	return len == 0 ? SU_NO : SU_NEITHER;
}

/*
 * su_yesno_full's answer in one pass for a value that begins with an
 * ASCII letter (Yes, true, No budget, a name: nearly every cell a rule
 * reads), where no number can be; anything else (a digit, a sign,
 * punctuation or UTF-8 first) goes to su_yesno_full, the reference
 * (tests/unit/text.c compares the two on generated values).
 */
int
su_yesno(const char *s, size_t len)
{
	char n[16];
	size_t i, w;

	su_trim_fast(&s, &len);
	if (len == 0)
		return SU_NO;
	if (!(((unsigned char)s[0] | 0x20) >= 'a' &&
	    ((unsigned char)s[0] | 0x20) <= 'z'))
		return su_yesno_full(s, len);
	for (w = 1; w < len && ((unsigned char)s[w] | 0x20) >= 'a' &&
	    ((unsigned char)s[w] | 0x20) <= 'z'; w++)
		;
	/* a first word no, none, not, tbd, unknown: "No budget" */
	if (w < len && !is_alnum((unsigned char)s[w]) && (word_is(s, w, "no") ||
	    word_is(s, w, "none") || word_is(s, w, "not") ||
	    word_is(s, w, "tbd") || word_is(s, w, "unknown")))
		return SU_NO;
	if (len >= sizeof n)
		return SU_NEITHER;
	if (w == len) { /* letters only: su_norm lowercases them */
		for (i = 0; i < len; i++)
			n[i] = (char)(s[i] | 0x20);
		return yes_word(n, len);
	}
	return yes_word(n, su_norm(s, len, n));
}

/* values neither yes nor no, per column: counted, a few kept to show */
#define YN_SHOW 3
struct yncol {
	int col;
	long n, line;
	const char *file;
	char *show[YN_SHOW];
	size_t nshow;
	int more;
};
struct su_yn {
	struct yncol *c;
	size_t n;
};

struct su_yn *
su_yn_new(void)
{
	struct su_yn *t = su_xmalloc(sizeof *t);

	t->c = NULL;
	t->n = 0;
	return t;
}

void
su_yn_add(struct su_yn *t, int col, const char *file, long line,
          const char *s, size_t len)
{
	struct yncol *c = NULL;
	size_t i;

	su_trim(&s, &len);
	for (i = 0; i < t->n; i++)
		if (t->c[i].col == col)
			c = &t->c[i];
	if (!c) {
		t->c = su_xrealloc(t->c, (t->n + 1) * sizeof *t->c);
		c = &t->c[t->n++];
		memset(c, 0, sizeof *c);
		c->col = col;
	}
	/* two criteria reading one cell: one value */
	if (c->n && c->file == file && c->line == line)
		return;
	c->n++, c->file = file, c->line = line;
	if (len > 40)
		len = 40;
	for (i = 0; i < c->nshow; i++)
		if (strlen(c->show[i]) == len && memcmp(c->show[i], s, len) == 0)
			return;
	if (c->nshow == YN_SHOW) {
		c->more = 1;
		return;
	}
	c->show[c->nshow] = su_xmalloc(len + 1);
	memcpy(c->show[c->nshow], s, len);
	c->show[c->nshow++][len] = '\0';
}

void
su_yn_say(const struct su_yn *t, const struct su_rec *hdr)
{
	char list[200];
	size_t i, j, k;

	for (i = 0; t && i < t->n; i++) {
		const struct yncol *c = &t->c[i];

		for (j = k = 0; j < c->nshow; j++)
			k += (size_t)snprintf(list + k, sizeof list - k,
			    "%s\"%s\"", j ? ", " : "", c->show[j]);
		su_msg(NULL, 0, "%s: %ld value%s neither yes nor no (%s%s), "
		    "read as no", hdr->f[c->col], c->n, c->n == 1 ? "" : "s",
		    list, c->more ? " ..." : "");
	}
}

void
su_yn_free(struct su_yn *t)
{
	size_t i, j;

	if (!t)
		return;
	for (i = 0; i < t->n; i++)
		for (j = 0; j < t->c[i].nshow; j++)
			free(t->c[i].show[j]);
	free(t->c);
	free(t);
}

size_t
su_utf8len(const unsigned char *s, size_t n)
{
	size_t k, i;
	uint32_t c;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		k = 2, c = s[0] & 0x1F;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		k = 3, c = s[0] & 0x0F;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		k = 4, c = s[0] & 0x07;
	else
		return 0;
	if (n < k)
		return 0;
	for (i = 1; i < k; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if ((k == 3 && (c < 0x800 || (c >= 0xD800 && c <= 0xDFFF))) ||
	    (k == 4 && (c < 0x10000 || c > 0x10FFFF)))
		return 0;
	return k;
}

/* the formats su_vfmt writes itself: text, %s, %d, %ld and %% */
static int
fmt_plain(const char *fmt)
{
	for (; (fmt = strchr(fmt, '%')) != NULL; fmt++) {
		fmt++;
		if (*fmt == 'l')
			fmt++;
		if (*fmt != 's' && *fmt != 'd' && *fmt != '%')
			return 0;
		if (*fmt == '%' && fmt[-1] == 'l')
			return 0;
		if (*fmt == 's' && fmt[-1] == 'l')
			return 0;
	}
	return 1;
}

/* s (n bytes) at buf[*k], as much as size leaves room for; *k counts
 * all of it, written or not */
static void
fmt_put(char *buf, size_t size, size_t *k, const char *s, size_t n)
{
	if (*k + 1 < size) {
		size_t room = size - 1 - *k;

		memcpy(buf + *k, s, n < room ? n : room);
	}
	*k += n;
}

int
su_vfmt(char *buf, size_t size, const char *fmt, va_list ap)
{
	char num[24], *p;
	const char *s, *t;
	size_t k = 0;
	unsigned long u;
	long v;

	if (!fmt_plain(fmt))
		return vsnprintf(buf, size, fmt, ap);
	for (s = fmt; *s; ) {
		if ((t = strchr(s, '%')) == NULL)
			t = s + strlen(s);
		fmt_put(buf, size, &k, s, (size_t)(t - s));
		if (!*t)
			break;
		t++;
		switch (*t) {
		case 's':
			s = va_arg(ap, const char *);
			if (s == NULL) /* as glibc's vsnprintf, not a crash */
				s = "(null)";
			fmt_put(buf, size, &k, s, strlen(s));
			break;
		case '%':
			fmt_put(buf, size, &k, "%", 1);
			break;
		default: /* d, ld */
			if (*t == 'l')
				v = va_arg(ap, long), t++;
			else
				v = va_arg(ap, int);
			u = v < 0 ? 0 - (unsigned long)v : (unsigned long)v;
			p = num + sizeof num;
			do
				*--p = (char)('0' + u % 10);
			while ((u /= 10) != 0);
			if (v < 0)
				*--p = '-';
			fmt_put(buf, size, &k, p, (size_t)(num + sizeof num - p));
			break;
		}
		s = t + 1;
	}
	if (size)
		buf[k < size ? k : size - 1] = '\0';
	return k > INT_MAX ? -1 : (int)k;
}

int
su_fmt(char *buf, size_t size, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = su_vfmt(buf, size, fmt, ap);
	va_end(ap);
	return n;
}
