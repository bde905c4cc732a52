/*
 * groups.c - the groups of a summary: a map (map.c) from a group's key (its
 * values, each NUL-terminated) to a value of the caller's, compared as a
 * pivot compares when asked, and the key of a record for -g columns.
 */
#include "su.h"

#include <stdlib.h>
#include <string.h>

struct su_groups {
	struct su_map *m;
	/* a pivot table: values compared trimmed and ignoring case */
	int pivot;
	char *norm; /* the key trimmed (scratch) */
	size_t normcap;
	long respelled;  /* records whose spelling differed from their group's */
	char *ex[3];     /* the first few such spellings, and */
	size_t exlen[3];
	struct su_group *exg[3]; /* their groups */
	size_t nex;
};

struct su_groups *
su_groups_new(size_t valsize)
{
	struct su_groups *t = su_xmalloc(sizeof *t);

	memset(t, 0, sizeof *t);
	t->m = su_map_new(valsize);
	return t;
}

struct su_groups *
su_groups_new_pivot(size_t valsize)
{
	struct su_groups *t = su_groups_new(valsize);

	t->pivot = 1;
	su_map_fold(t->m);
	su_map_recent(t->m); /* a summary's few groups, found every row */
	return t;
}

/* each NUL-terminated value of the key trimmed of spaces (and U+00A0), into
 * t->norm; a value of one control byte is a program's own marker (a
 * cyclestat band), left as it is */
static size_t
trim_key(struct su_groups *t, const char *key, size_t len)
{
	size_t o = 0, i = 0, n;

	if (t->normcap < len + 1)
		t->norm = su_xrealloc(t->norm, t->normcap = len + 16);
	while (i < len) {
		const char *v = key + i;
		const char *end = memchr(v, '\0', len - i);

		n = end ? (size_t)(end - v) : len - i;
		i += n + (end != NULL);
		if (!(n == 1 && (unsigned char)v[0] < 0x20))
			su_trim(&v, &n);
		memcpy(t->norm + o, v, n);
		o += n;
		if (end)
			t->norm[o++] = '\0';
	}
	return o;
}

/* 1 if some value of the key may need trim_key (su_trimmable).  Nearly
 * every key needs none, and is looked up as it is, not copied. */
static int
untrimmed(const char *key, size_t len)
{
	const unsigned char *v = (const unsigned char *)key;
	const unsigned char *end = v + len, *nul;
	size_t n;

	while (v < end) {
		nul = memchr(v, '\0', (size_t)(end - v));
		n = (size_t)((nul ? nul : end) - v);
		if (su_trimmable((const char *)v, n) &&
		    !(n == 1 && v[0] < 0x20))
			return 1;
		v += n + (nul != NULL);
	}
	return 0;
}

static void
respelled(struct su_groups *t, struct su_group *g, const char *key,
          size_t len)
{
	size_t i;

	t->respelled++;
	for (i = 0; i < t->nex; i++)
		if (t->exlen[i] == len && memcmp(t->ex[i], key, len) == 0)
			return;
	if (t->nex == sizeof t->ex / sizeof t->ex[0])
		return;
	t->ex[t->nex] = su_xmalloc(len + 1);
	memcpy(t->ex[t->nex], key, len);
	t->ex[t->nex][len] = '\0';
	t->exlen[t->nex] = len;
	t->exg[t->nex++] = g;
}

/* the group of the key (made, zeroed, when new and make); trim: 1 if a
 * value of the key may need trim_key, 0 if none does, -1 to be found */
static struct su_group *
lookup(struct su_groups *t, const char *key, size_t len, int make, int trim)
{
	const char *raw = key;
	size_t rawlen = len;
	struct su_group *g;

	if (!t->pivot)
		return su_map_get(t->m, key, len, make);
	if (trim < 0 ? untrimmed(key, len) : trim) {
		len = trim_key(t, key, len);
		key = t->norm;
	}
	g = su_map_get(t->m, key, len, make);
	/* (a new group is trimmed on first sight: its spelling too) */
	if (g && make && (rawlen != len || !su_same(g->key, raw, len)))
		respelled(t, g, raw, rawlen);
	return g;
}

void *
su_groups_get(struct su_groups *t, const char *key, size_t len)
{
	return lookup(t, key, len, 1, -1)->val;
}

struct su_group *
su_groups_find(struct su_groups *t, const char *key, size_t len)
{
	return lookup(t, key, len, 0, -1);
}

void *
su_groups_rec(struct su_groups *t, const struct su_gcol *g, size_t ng,
              const struct su_rec *r, int32_t close, int fy_start,
              char **key, size_t *cap)
{
	const char *v;
	size_t n;

	if (ng == 1 && g[0].kind == SU_G_COLUMN) {
		/* a field is NUL-terminated: the key of one value as it is */
		v = r->f[g[0].col];
		n = r->len[g[0].col];
		return lookup(t, v, n + 1, 1, su_trimmable(v, n) &&
		    !(n == 1 && (unsigned char)v[0] < 0x20))->val;
	}
	n = su_group_key(g, ng, r, close, fy_start, key, cap);
	return lookup(t, n ? *key : "", n, 1, -1)->val;
}

struct su_group **
su_groups_sorted(struct su_groups *t, size_t *n)
{
	return su_map_sorted(t->m, n);
}

void
su_groups_free(struct su_groups *t, void (*freeval)(void *))
{
	size_t i;

	if (!t)
		return;
	su_map_free(t->m, freeval);
	for (i = 0; i < t->nex; i++)
		free(t->ex[i]);
	free(t->norm);
	free(t);
}

/* a key's values as "a / b" */
static size_t
show_key(char *buf, size_t size, const char *key, size_t len)
{
	size_t i, o = 0;

	for (i = 0; i < len && o + 4 < size; i++) {
		if (key[i] == '\0') {
			if (i + 1 < len)
				o += (size_t)snprintf(buf + o, size - o, " / ");
		} else if ((unsigned char)key[i] >= 0x20)
			buf[o++] = key[i];
	}
	buf[o < size ? o : size - 1] = '\0';
	return o;
}

void
su_groups_say_respelled(const struct su_groups *t)
{
	char list[1024], a[128], b[128];
	size_t i, len = 0;

	if (!t->respelled)
		return;
	for (i = 0; i < t->nex; i++) {
		show_key(a, sizeof a, t->ex[i], t->exlen[i]);
		show_key(b, sizeof b, t->exg[i]->key, t->exg[i]->keylen);
		if (su_list_add(list, sizeof list, &len, "\"%s\" as \"%s\"", a,
		    b))
			break;
	}
	su_list_more(list, sizeof list, len, t->nex - i, " spellings");
	su_msg(NULL, 0, "%ld record%s grouped under another spelling "
	    "(values differing only in ASCII case or surrounding spaces are "
	    "one group, shown as first seen, trimmed)%s%s", t->respelled,
	    t->respelled == 1 ? "" : "s", len ? ": " : "", list);
}

size_t
su_group_key(const struct su_gcol *g, size_t ng, const struct su_rec *r,
              int32_t close, int fy_start, char **key, size_t *cap)
{
	size_t i, klen = 0, n;
	char lab[16];
	const char *s;

	for (i = 0; i < ng; i++) {
		s = lab;
		if (g[i].kind == SU_G_COLUMN) {
			s = r->f[g[i].col];
			n = r->len[g[i].col];
		} else if (close == SU_DATE_NONE) {
			/* no date to label: its own group, never another's */
			s = "(none)";
			n = 6;
		} else if (g[i].kind == SU_G_QUARTER)
			n = su_label_quarter(lab, close, fy_start);
		else if (g[i].kind == SU_G_MONTH)
			n = su_label_month(lab, close);
		else if (g[i].kind == SU_G_WEEK)
			n = su_label_week(lab, close);
		else
			n = su_label_fy(lab, close, fy_start);
		if (klen + n + 1 > *cap) {
			*cap = (klen + n + 1) * 2;
			*key = su_xrealloc(*key, *cap);
		}
		memcpy(*key + klen, s, n);
		(*key)[klen + n] = '\0';
		klen += n + 1;
	}
	return klen;
}
