/* text.c - small text helpers */
#include "su.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
