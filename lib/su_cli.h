/*
 * su_cli.h - lib/cli.c: the options every program shares
 *
 * Prints: a function that fails says why ("prog: --opt ARG: ...") and
 * returns -1.
 */
#ifndef SU_CLI_H
#define SU_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "su_money.h"
#include "su_rate.h"
#include "su_date.h"

enum su_format { SU_FMT_CSV, SU_FMT_TSV, SU_FMT_JSON, SU_FMT_TABLE,
                 SU_FMT_XLSX };
#define SU_MAX_OVERRIDES 64
struct su_opts {
	int tsv;               /* -t */
	int delim;             /* -d C, or -1 for the default */
	const char *encoding;  /* --encoding NAME, or NULL */
	size_t nover;          /* -c ROLE=HEADER */
	struct { int role; const char *header; } over[SU_MAX_OVERRIDES];
	int skip_invalid;      /* --skip-invalid */
	const char *rejects;   /* --rejects FILE */
	int decimal_comma;     /* --decimal-comma */
	int dmy;               /* --date-format: SU_DATE_DMY | SU_DATE_YY */
	int prob_scale;        /* --probability-scale: an enum su_rate_scale,
                              or -1 (by the column's header) */
	int fy_start;          /* --fiscal-year-start 1..12 */
	int32_t as_of;         /* --as-of, default today (local) */
	const char *as_of_arg; /* read by su_opts_finish, after all options */
	enum su_format format; /* -f */
	const char *output;    /* -o FILE, or NULL for stdout */
	int excel_safe;        /* --excel-safe */
	int progress;          /* --progress 1, --no-progress 0, else -1 */
};
/* the short and long options of struct su_opts, to splice into a program's
 * own getopt_long tables */
/* getopt_long reports nothing (opterr = 0; optstrings start with ':'):
 * su_opt_error() says what was wrong with the option, as "prog: ..." */
#define SU_COMMON_SHORTOPTS "td:c:f:o:h"
enum {
	SU_OPT_ENCODING = 0x1000, SU_OPT_SKIP_INVALID, SU_OPT_REJECTS,
	SU_OPT_DECIMAL_COMMA, SU_OPT_DATE_FORMAT, SU_OPT_FY_START, SU_OPT_AS_OF,
	SU_OPT_VERSION, SU_OPT_EXCEL_SAFE, SU_OPT_PROB_SCALE,
	SU_OPT_LIST_OPTIONS, SU_OPT_PROGRESS, SU_OPT_NO_PROGRESS,
	SU_OPT_PROGRAM_BASE = 0x1100
};
#define SU_COMMON_LONGOPTS                                            \
	{"tsv", 0, 0, 't'}, {"delimiter", 1, 0, 'd'},                     \
	{"encoding", 1, 0, SU_OPT_ENCODING}, {"column", 1, 0, 'c'},       \
	{"skip-invalid", 0, 0, SU_OPT_SKIP_INVALID},                      \
	{"rejects", 1, 0, SU_OPT_REJECTS},                                \
	{"decimal-comma", 0, 0, SU_OPT_DECIMAL_COMMA},                    \
	{"date-format", 1, 0, SU_OPT_DATE_FORMAT},                        \
	{"probability-scale", 1, 0, SU_OPT_PROB_SCALE},                   \
	{"fiscal-year-start", 1, 0, SU_OPT_FY_START},                     \
	{"as-of", 1, 0, SU_OPT_AS_OF}, {"format", 1, 0, 'f'},             \
	{"output", 1, 0, 'o'}, {"excel-safe", 0, 0, SU_OPT_EXCEL_SAFE},   \
	{"help", 0, 0, 'h'},                                              \
	{"version", 0, 0, SU_OPT_VERSION},                                \
	{"list-options", 0, 0, SU_OPT_LIST_OPTIONS},                      \
	{"progress", 0, 0, SU_OPT_PROGRESS},                              \
	{"no-progress", 0, 0, SU_OPT_NO_PROGRESS}
/* the block of common options in every --help (and salesutils(7)) */
extern const char su_common_usage[];
void su_opts_init(struct su_opts *o);
/* 1 handled, 0 not a common option, -1 bad argument (printed) */
int su_opts_handle(struct su_opts *o, int opt, const char *arg);
/* after the getopt loop: what depends on other options (--as-of on
 * --date-format).  0, or -1 (printed). */
int su_opts_finish(struct su_opts *o);
/* getopt_long returned '?' (unknown option) or ':' (missing argument) */
void su_opt_error(int c, char **argv);
/* What a program's getopt loop does not handle itself: the common options;
 * -h/--help (usage to stdout, exit 0); --version (exit 0); an unknown
 * option or a missing argument (said, usage to stderr).  0 handled, -1 an
 * error (said). */
int su_opts_default(struct su_opts *o, int c, const char *arg, char **argv,
					void (*usage)(FILE *));
/* a getopt loop's --version */
void su_print_version(void);
/* an option's value among choices: its index, or -1 with "prog: OPT ARG:
 * expected a, b or c" said */
int su_opt_choice(const char *opt, const char *arg,
                  const char *const *choices, int n);
/* an option's percentage from 0 to 100 (15, 15%); 0 ok, -1 said */
int su_opt_pct(const char *opt, const char *arg, su_rate *out);
/* parse a money option value (--target 750000, --target "750000 EUR");
 * cur: the currency it states, or "" (then it is in the data's); prints;
 * 0 ok, -1 bad */
int su_opt_money(const struct su_opts *o, const char *optname,
                 const char *arg, int64_t *cents, char cur[SU_CUR_LEN]);
/* An amount given in an option or a file (what: "--target 750000 EUR"), in
 * cur, against data in dcur, first stated on file:line (noun: "deals").
 * Different currencies are never compared: 0 when cur is "" (the amount is
 * in the data's currency), dcur is "" (data that state no currency go with
 * any: the caller labels them with cur) or they are one; else said, -1. */
int su_cur_compare(const char *what, const char *cur, const char *noun,
                   const char *dcur, const char *file, long line);

/* --list-options: the choices the last su_opt_choice call was given, so
 * the driver lists an option's values from the very check that enforces
 * them; their number (-1: none since the last call of this), reset */
int su_opt_choices_seen(const char *const **choices);

#endif
