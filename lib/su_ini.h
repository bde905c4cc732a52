/*
 * su_ini.h - lib/ini.c: line numbers for INI files read with inih
 *
 * Prints: the first error of a file is said once, with a caret.
 */
#ifndef SU_INI_H
#define SU_INI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct su_ini_line {
	long line;
	size_t start; /* offset of the line in the text */
	size_t vcol;  /* offset of the value in the line */
	int cont;     /* an indented continuation line */
};
struct su_ini_sec {
	char *name;   /* between the brackets */
	long line;
};
struct su_ini {
	struct su_ini_line *kl; /* the lines inih hands its handler, in order */
	size_t nkl;
	struct su_ini_sec *sec; /* every [section] header */
	size_t nsec;
};
void su_ini_scan(const char *text, struct su_ini *ini);
/* the line of the header of the section a key line is in */
long su_ini_secline(const struct su_ini *ini, long keyline);
/* a section named twice (case and runs of blanks aside; inih would merge
 * two adjacent ones): 1 with sec[*i] the second and sec[*first] the first */
int su_ini_dup(const struct su_ini *ini, size_t *i, size_t *first);
void su_ini_free(struct su_ini *ini);

/*
 * One loader for the three INI formats (stage models, qualification rules,
 * compensation plans): it reads the file with inih and does the steps they
 * share (long lines, sections given twice, a section's kind and NAME, keys
 * known and given once, "not an INI line", the first error said once); a
 * reader gives a table of its section kinds and their keys, and keeps only
 * what a key means.
 */
struct su_ini_load;
struct su_ini_key {
	const char *key;    /* NULL ends a table */
	/* 1, or 0 with su_ini_fail() */
	int (*set)(struct su_ini_load *, void *ctx, const char *value);
	int many;           /* may come again (band =, a continued when =) */
};
struct su_ini_kind {
	const char *prefix; /* [prefix NAME], or [prefix] alone */
	int named;
	const struct su_ini_key *keys;
	const char *expected; /* the keys, for "unknown key" */
	/* a section begins (section as written, for messages): 1, or 0 */
	int (*open)(struct su_ini_load *, void *ctx, const char *section,
				const char *name, long line);
};
#define SU_INI_NODUPS     0x01 /* refuse a section given twice */
#define SU_INI_ONELINE    0x02 /* refuse continuation lines */
#define SU_INI_KINDSFIRST 0x04 /* every section's kind checked first */
#define SU_INI_NOSECTION  0x08 /* refuse a key before any [section] */
#define SU_INI_KEYCASE    0x10 /* keys compared in any case */
#define SU_INI_TWICELAST  0x20 /* a key's value read before "given twice" */
#define SU_INI_LEADBLANKS 0x40 /* blanks before a section's kind allowed */
#define SU_INI_INIHLINE   0x80 /* an error at line 0 while reading: at the
                                  line ini_parse_string() gives */
struct su_ini_spec {
	const char *what;       /* "cannot read the WHAT" */
	const struct su_ini_kind *kinds; /* ends with a NULL prefix */
	unsigned flags;
	const char *longline;   /* its message, with %d for the length */
	const char *unknown;    /* an unknown section's message, with %s */
	/* the messages of a key unknown to its section and one given twice */
	void (*unknown_key)(struct su_ini_load *, void *ctx, const char *key);
	void (*twice)(struct su_ini_load *, void *ctx, const char *key,
                  const struct su_ini_key *k);
	/* a section inih passed over, having no keys: 1 to go on, or 0; NULL
     * to pass it over too */
	int (*keyless)(struct su_ini_load *, void *ctx, const char *section,
                   long line);
	int (*finish)(struct su_ini_load *, void *ctx); /* 0, or -1 */
};
/* what the loader tells a reader's callbacks */
struct su_ini_load {
	const struct su_ini_spec *spec;
	void *ctx;
	const char *file, *text;
	struct su_ini ini;
	size_t call;     /* the handler's calls: ini.kl[call - 1] is the line */
	size_t nextsec;  /* the next header of ini.sec (keyless headers) */
	char *cur;       /* the section being read, as inih gives it */
	const struct su_ini_kind *kind;
	const char *name; /* its NAME, in cur */
	unsigned seen;   /* its keys given */
	const char *key; /* the key, as written */
	long line;       /* its line */
	size_t vcol;     /* where its value starts in the line */
	int cont;        /* an indented continuation line */
	char msg[512];
	long msgline;
	int said;        /* the error is said already (with a caret) */
};
/* 0, or -1 with the first error said (prog: FILE:LINE: msg) */
int su_ini_load(const struct su_ini_spec *spec, const char *file,
				const char *text, void *ctx);
/* an error: the first one is kept, with its line (0: none, or with
 * SU_INI_INIHLINE the line inih gives) */
void su_ini_fail(struct su_ini_load *, long line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* the kind of a section, and its NAME, or NULL */
const struct su_ini_kind *su_ini_kind(const struct su_ini_spec *,
                                      const char *section,
                                      const char **name);
/* a name for a section (a criterion, a plan): letters, digits, - _ . */
int su_ini_name_ok(const char *s);
/* the first line longer than inih reads whole (Debian's inih: 200 bytes
 * with the line end and a NUL), or 0 */
#define SU_INI_MAX_LINE 198
long su_ini_long_line(const char *text);
/* "prog: FILE:LINE:COL: msg", the line of text, a caret under COL (0-based) */
void su_ini_caret(const char *file, const char *text, long line, size_t col,
                  const char *msg);

#endif
