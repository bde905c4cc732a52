/*
 * groups.c - the groups of a summary: a hash table from a group's key (its
 * values, each NUL-terminated) to a value of the caller's, and the key of a
 * record for -g columns.
 */
#include "su.h"

#include <stdlib.h>
#include <string.h>

uint64_t
su_hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL; /* FNV-1a */

	while (n--)
		h = (h ^ (unsigned char)*s++) * 1099511628211ULL;
	return h;
}

struct su_groups {
	struct su_group **slot; /* open addressing, a power of two */
	size_t nslot, n, valsize;
	struct su_group **all; /* in order of appearance */
	size_t allcap;
};

struct su_groups *
su_groups_new(size_t valsize)
{
	struct su_groups *t = su_xmalloc(sizeof *t);

	memset(t, 0, sizeof *t);
	t->valsize = valsize;
	return t;
}

void *
su_groups_get(struct su_groups *t, const char *key, size_t len)
{
	uint64_t h = su_hash(key, len);
	size_t i, mask;
	struct su_group *g;

	if (2 * (t->n + 1) > t->nslot) {
		struct su_group **old = t->slot;
		size_t oldn = t->nslot;

		t->nslot = t->nslot ? t->nslot * 2 : 64;
		t->slot = su_xmalloc(t->nslot * sizeof *t->slot);
		memset(t->slot, 0, t->nslot * sizeof *t->slot);
		for (i = 0; i < oldn; i++)
			if (old[i]) {
				size_t j = old[i]->hash & (t->nslot - 1);

				while (t->slot[j])
					j = (j + 1) & (t->nslot - 1);
				t->slot[j] = old[i];
			}
		free(old);
	}
	mask = t->nslot - 1;
	for (i = h & mask; (g = t->slot[i]) != NULL; i = (i + 1) & mask)
		if (g->hash == h && g->keylen == len &&
		    (len == 0 || memcmp(g->key, key, len) == 0))
			return g->val;
	g = su_xmalloc(sizeof *g);
	g->key = su_xmalloc(len ? len : 1);
	if (len)
		memcpy(g->key, key, len);
	g->keylen = len;
	g->hash = h;
	g->val = su_xmalloc(t->valsize);
	memset(g->val, 0, t->valsize);
	t->slot[i] = g;
	if (t->n == t->allcap) {
		t->allcap = t->allcap ? t->allcap * 2 : 64;
		t->all = su_xrealloc(t->all, t->allcap * sizeof *t->all);
	}
	t->all[t->n++] = g;
	return g->val;
}

static int
keycmp(const void *a, const void *b)
{
	const struct su_group *x = *(struct su_group *const *)a;
	const struct su_group *y = *(struct su_group *const *)b;
	size_t n = x->keylen < y->keylen ? x->keylen : y->keylen;
	int c = n ? memcmp(x->key, y->key, n) : 0;

	/* NUL ends each value, so byte order is value-by-value order */
	return c ? c : (x->keylen > y->keylen) - (x->keylen < y->keylen);
}

struct su_group **
su_groups_sorted(struct su_groups *t, size_t *n)
{
	if (t->n)
		qsort(t->all, t->n, sizeof *t->all, keycmp);
	*n = t->n;
	return t->all;
}

void
su_groups_free(struct su_groups *t, void (*freeval)(void *))
{
	size_t i;

	if (!t)
		return;
	for (i = 0; i < t->n; i++) {
		if (freeval)
			freeval(t->all[i]->val);
		free(t->all[i]->val);
		free(t->all[i]->key);
		free(t->all[i]);
	}
	free(t->all);
	free(t->slot);
	free(t);
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
		} else if (g[i].kind == SU_G_QUARTER)
			n = su_label_quarter(lab, close, fy_start);
		else if (g[i].kind == SU_G_MONTH)
			n = su_label_month(lab, close);
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
