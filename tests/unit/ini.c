/*
 * ini.c - unit tests of lib/ini.c (su_ini_load) on a made-up format of
 * [box NAME] sections.
 */
#include "su.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"

struct boxes {
	int n;
	char name[2][16];
	long line[2], size[2];
	int tags[2];
};

static int
box_open(struct su_ini_load *ld, void *ctx, const char *section,
         const char *name, long line)
{
	struct boxes *b = ctx;

	(void)ld, (void)section;
	if (b->n == 2)
		return 0;
	snprintf(b->name[b->n], sizeof b->name[0], "%s", name);
	b->line[b->n++] = line;
	return 1;
}

static int
box_size(struct su_ini_load *ld, void *ctx, const char *value)
{
	struct boxes *b = ctx;
	char *end;

	b->size[b->n - 1] = strtol(value, &end, 10);
	if (*end) {
		su_ini_fail(ld, ld->line, "size = %s: expected a number",
		    value);
		return 0;
	}
	return 1;
}

static int
box_tag(struct su_ini_load *ld, void *ctx, const char *value)
{
	(void)ld, (void)value;
	((struct boxes *)ctx)->tags[((struct boxes *)ctx)->n - 1]++;
	return 1;
}

static void
box_unknown(struct su_ini_load *ld, void *ctx, const char *key)
{
	(void)ctx;
	su_ini_fail(ld, ld->line, "[%s %s]: unknown key %s (expected %s)",
	    ld->kind->prefix, ld->name, key, ld->kind->expected);
}

static void
box_twice(struct su_ini_load *ld, void *ctx, const char *key,
          const struct su_ini_key *k)
{
	(void)ctx, (void)k;
	su_ini_fail(ld, ld->line, "[%s]: %s given twice", ld->cur, key);
}

static int
box_finish(struct su_ini_load *ld, void *ctx)
{
	(void)ld, (void)ctx;
	return 0;
}

static const struct su_ini_key box_keys[] = {
	{"size", box_size, 0},
	{"tag", box_tag, 1},
	{NULL, NULL, 0},
};

static const struct su_ini_kind box_kinds[] = {
	{"box", 1, box_keys, "size, tag", box_open},
	{NULL, 0, NULL, NULL, NULL},
};

static const struct su_ini_spec box_spec = {
	"boxes", box_kinds, SU_INI_NODUPS | SU_INI_NOSECTION | SU_INI_KEYCASE,
	"a line longer than %d characters", "unknown section [%s]",
	box_unknown, box_twice, NULL, box_finish,
};

/* su_ini_load of text, its stderr (after "prog: ") in err */
static int
box_load(const char *text, struct boxes *b, char *err, size_t size)
{
	int r;
	char *p;

	memset(b, 0, sizeof *b);
	unit_stderr_begin();
	r = su_ini_load(&box_spec, "t.ini", text, b);
	unit_stderr_end(err, size);
	if ((p = strstr(err, ": t.ini")))
		memmove(err, p + 2, strlen(p + 2) + 1);
	return r;
}

static void
box_err(const char *text, const char *want)
{
	struct boxes b;
	char err[512];

	CHECK(box_load(text, &b, err, sizeof err) == -1 &&
	    strcmp(err, want) == 0, "ini %s: said %s", text, err);
}

void
test_ini_load(void)
{
	struct boxes b;
	char err[512];

	/* keys in any case, a many key twice, each box at its header */
	CHECK(box_load("[box a]\nsize = 3\ntag = x\ntag = y\n\n[box  b]\n"
	    "SIZE = 4\n", &b, err, sizeof err) == 0 && b.n == 2 &&
	    strcmp(b.name[0], "a") == 0 && b.line[0] == 1 &&
	    b.size[0] == 3 && b.tags[0] == 2 && strcmp(b.name[1], "b") == 0 &&
	    b.line[1] == 6 && b.size[1] == 4 && !err[0], "ini boxes %s", err);
	box_err("[box a]\nsize = 1\nsize = 2\n",
	    "t.ini:3: [box a]: size given twice\n");
	box_err("[box a]\nsize = 1\ncolour = red\n",
	    "t.ini:3: [box a]: unknown key colour (expected size, tag)\n");
	box_err("[box a]\nsize = big\n",
	    "t.ini:2: size = big: expected a number\n");
	box_err("; a comment\n[crate a]\nsize = 1\n",
	    "t.ini:2: unknown section [crate a]\n");
	box_err("size = 1\n[box a]\n",
	    "t.ini:1: size = ... before any [section]\n");
	box_err("[box a]\nsize = 1\n[BOX  a]\ntag = t\n",
	    "t.ini:3: [BOX  a] given twice (first on line 1)\n");
	box_err("[box a]\nsize = 1\nnot ini\n", "t.ini:3: not an INI line "
	    "(expected [section], key = value or a ; comment)\n");
}
