/*
 * su.h - the salesutils shared library: one header for everything in lib/.
 *
 * Conventions (see salesutils(7)):
 *  - money is int64_t minor units (cents); rates are su_rate, fixed point
 *    with SU_RATE_ONE == 1.0; no binary floating point touches either;
 *  - functions that can fail print nothing and return -1 with a reason in
 *    *why (a static string), unless they say they print; the caller adds
 *    the file, line and column and prints through su_msg();
 *  - no global state but the program name (su_setprog).
 */
#ifndef SU_H
#define SU_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define SU_VERSION "0.1.0"

/* exit status, SPEC §1 */
enum { SU_EXIT_OK = 0, SU_EXIT_FLAG = 1, SU_EXIT_ERR = 2 };
/* what a program does with one record, and what su_in_reject answers */
enum su_result {
	SU_OK = 0,	/* used */
	SU_SKIP = 1,	/* left out: said, counted, in --rejects */
	SU_STOP = -1	/* the run ends, exit 2 (said) */
};

/* ---- err.c ---------------------------------------------------------- */
/* every main calls this first: names the program, ignores SIGPIPE (a
 * closed pipe is seen as EPIPE and ends the program quietly) */
void su_start(const char *argv0);
const char *su_prog(void);
/* "prog: FILE:LINE: message" (FILE NULL: "prog: message"; LINE 0: no line) */
void su_msg(const char *file, long line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* a temporary file to remove if the program exits from inside the
 * library (keep 1), or no longer (keep 0); su_out does this for -o */
void su_temp(const char *path, int keep);
/* mkstemp(template), registered with su_temp, no signal between the two */
int su_temp_make(char *template);
/* SIGHUP, SIGINT, SIGTERM held (1) until let through (0): around putting
 * two files in place, so that a kill leaves both or neither.  Holds nest:
 * the signals come through at the outermost release. */
void su_hold_signals(int hold);
/* out of memory: the one error that exits from inside the library */
void *su_xmalloc(size_t n);
void *su_xrealloc(void *p, size_t n);
char *su_xstrdup(const char *s);

/* ---- text.c --------------------------------------------------------- */
/* drop blanks around a value: spaces, tabs and U+00A0 (the no-break space
 * spreadsheets put in amounts) */
void su_trim(const char **s, size_t *len);
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

/* ---- money.c -------------------------------------------------------- */
#define SU_CUR_LEN 4 /* ISO 4217 code + NUL; "" = not stated */
/* Parse an amount (SPEC §1 "Money").  Returns 0 and *cents (and cur, a
 * 3-letter code or "") on success, 1 if the field is empty (blank), -1 with
 * *why on error. */
int su_money_parse(const char *s, size_t len, int decimal_comma,
                   int64_t *cents, char cur[SU_CUR_LEN], const char **why);
/* "-1234.56"; buf needs 32 bytes; returns the length */
size_t su_money_fmt(char *buf, int64_t cents);
/* "$1,234,567" or "$1,234,567.89" (cents shown when show_cents), "-$5";
 * currency "" or "USD" gives "$", another code gives "1,234 EUR". 48 bytes. */
size_t su_money_fmt_table(char *buf, int64_t cents, const char *cur,
                          int show_cents);
/* a + b with overflow check: 0 ok, -1 overflow */
int su_add(int64_t a, int64_t b, int64_t *out);

/* ---- rate.c --------------------------------------------------------- */
typedef int64_t su_rate;           /* fixed point: SU_RATE_ONE == 1.0 */
#define SU_RATE_ONE 1000000000LL   /* nine decimal places of a fraction */
/* PERCENT_ONLY and PROB_PERCENT read as PERCENT, but refuse a bare value
 * below 1 with a fraction ("0.75": 75% in a fraction's writing, 0.75% in a
 * percentage's), saying how to write it; PROB_PERCENT's reason names
 * --probability-scale */
enum su_rate_scale { SU_RATE_PERCENT, SU_RATE_FRACTION, SU_RATE_PERCENT_ONLY,
                     SU_RATE_PROB_PERCENT };
/* "75%", or a bare "75" (scale PERCENT) / "0.75" (scale FRACTION).  A value
 * with '%' is always a percentage.  0 ok, 1 empty (blanks only), -1 error;
 * *why is set on 1 and -1. */
int su_rate_parse(const char *s, size_t len, enum su_rate_scale scale,
                  su_rate *out, const char **why);
/* the percentage a bare fraction below 1 would be ("85" for "0.85", "8.5"
 * for "0.085"), for a "did you mean" hint: its length, or 0 when s is not
 * such a value.  buf: 32 bytes. */
size_t su_rate_pct_hint(char *buf, const char *s, size_t len);
/* how a probability column's bare numbers read (salesutils(7)): as
 * --probability-scale says; else a header with '%' holds percentages;
 * HubSpot's "Deal probability" holds fractions; any other percentages.
 * Percentages read by the header refuse "0.75" (PROB_PERCENT). */
struct su_opts;
enum su_rate_scale su_prob_scale(const struct su_opts *o, const char *header);
/* cents * rate, rounded once, half away from zero, to the cent.  -1 on
 * overflow. */
int su_rate_apply(int64_t cents, su_rate r, int64_t *out);
/* a * b / c, exactly, rounded half away from zero (c > 0); -1 on overflow
 * or c <= 0 */
int su_muldiv(int64_t a, int64_t b, int64_t c, int64_t *out);
/* a * b * r / (c * SU_RATE_ONE), exactly, rounded half away from zero
 * (all >= 0, c > 0): variable x slice x rate / quota.  -1 on overflow. */
int su_muldiv_rate(int64_t a, int64_t b, su_rate r, int64_t c, int64_t *out);
/* num/den rounded half away from zero to `places` decimals ("1.6933");
 * mul scales first (100 for a percentage).  den must not be 0. 48 bytes. */
size_t su_ratio_fmt(char *buf, int64_t num, int64_t den, int places,
                    int mul);

/* ---- category.c: forecast categories ------------------------------- */
enum su_cat { SU_CAT_CLOSED, SU_CAT_COMMIT, SU_CAT_BEST, SU_CAT_PIPELINE,
              SU_CAT_OMITTED, SU_CAT_TOTAL, SU_CAT_LOST, SU_NCAT };
const char *su_category_name(int cat);
/* Salesforce's and HubSpot's names (Closed won, Not forecasted, ...) and
 * Salesforce's API values (BestCase, Forecast = Commit), any case and
 * spacing: the category, or -1 */
int su_category_parse(const char *s, size_t len);
/* seed 000: 100 Closed, >= 90 Commit, >= 70 Best Case, >= 30 Pipeline */
int su_category_of_probability(su_rate p);

/* ---- date.c --------------------------------------------------------- */
/* days since 1970-01-01 of a proleptic Gregorian date */
int32_t su_days(int y, int m, int d);
void su_civil(int32_t days, int *y, int *m, int *d);
int su_days_in_month(int y, int m);
/* ISO (time part ignored), US M/D/YYYY, or with dmy D/M/YYYY, D.M.YYYY.
 * dmy holds flags: SU_DATE_DMY day-first; SU_DATE_YY two-digit years are
 * read, 00-68 as 20xx and 69-99 as 19xx (--date-format was given).
 * 0 ok, 1 empty, -1 error. */
enum { SU_DATE_DMY = 1, SU_DATE_YY = 2 };
int su_date_parse(const char *s, size_t len, int dmy, int32_t *out,
                  const char **why);
size_t su_date_fmt(char *buf, int32_t days); /* "2026-02-16", 16 bytes */
/* a date with an optional time of day: "2026-02-16T09:30:00Z",
 * "2026-02-16 09:30", "2/16/2026 9:30 AM", "...+01:00" (an offset is
 * taken off: UTC; no offset: the time as written).  Seconds since
 * 1970-01-01.  0 ok, 1 empty, -1 error. */
int su_time_parse(const char *s, size_t len, int dmy, int64_t *out,
                  const char **why);

/* ---- period.c ------------------------------------------------------- */
/* A fiscal year is named by the calendar year in which it ends. */
struct su_period {
    int32_t from, to; /* inclusive day numbers */
};
int su_fiscal_year(int32_t day, int fy_start);
int su_fiscal_quarter(int32_t day, int fy_start); /* 1..4 */
/* "2026-Q2" (calendar quarter), "FY2026-Q2" (fiscal), "2026-05", "2026",
 * "FY2026", "2026-04-01..2026-06-30".  0 ok, -1 with *why. */
int su_period_parse(const char *s, int fy_start, struct su_period *p,
                    const char **why);
/* labels of a day: "2026-Q2" ("FY2027-Q1" when fy_start != 1),
 * "2026-05", "FY2026".  16 bytes. */
size_t su_label_quarter(char *buf, int32_t day, int fy_start);
size_t su_label_month(char *buf, int32_t day);
size_t su_label_fy(char *buf, int32_t day, int fy_start);

/* ---- cli.c: the options every program shares ------------------------ */
enum su_format { SU_FMT_CSV, SU_FMT_TSV, SU_FMT_JSON, SU_FMT_TABLE };
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
    {"version", 0, 0, SU_OPT_VERSION}
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

/* ---- columns.c: column roles (SPEC §7) ------------------------------ */
enum su_role {
    SU_R_ID, SU_R_NAME, SU_R_ACCOUNT, SU_R_OWNER, SU_R_STAGE, SU_R_AMOUNT,
    SU_R_PROBABILITY, SU_R_CATEGORY, SU_R_CLOSE, SU_R_CREATED, SU_R_TYPE,
    SU_R_CURRENCY,
    /* MEDDPICC, in the order of the letters; then qualifiers */
    SU_R_METRICS, SU_R_ECONOMIC_BUYER, SU_R_DECISION_CRITERIA,
    SU_R_DECISION_PROCESS, SU_R_PAPER_PROCESS, SU_R_IDENTIFY_PAIN,
    SU_R_CHAMPION, SU_R_COMPETITION, SU_R_PAIN_SCORE, SU_R_LOSS_REASON,
    /* stage history exports */
    SU_R_FROM_STAGE, SU_R_TO_STAGE, SU_R_CHANGED,
    SU_R_SEGMENT, SU_R_SQL_DATE,
    /* leads */
    SU_R_MQL_DATE, SU_R_RESPONSE, SU_R_SOURCE,
    /* Salesforce's IsClosed and IsWon: what the deal is, without a model */
    SU_R_IS_CLOSED, SU_R_IS_WON,
    SU_R_NROLES
};
const char *su_role_name(int role);
int su_role_lookup(const char *name); /* role of a name, or -1 */
/* normalise a header: ASCII letters lower-cased, digits kept, other ASCII
 * dropped, other bytes kept; returns the length written (out >= len+1) */
size_t su_norm(const char *s, size_t len, char *out);
struct su_rec;
/* a column by its header: exactly, else the one header equal once
 * normalised (su_norm); -1 none, -2 several */
int su_find_header(const struct su_rec *hdr, const char *name);
/* find each role's column: cols[role] = index or -1.  `want` has a flag per
 * role: SU_COL_REQUIRED or SU_COL_OPTIONAL (0 = don't look).  Prints and
 * returns -1 on a missing required column or an ambiguous one. */
enum { SU_COL_OPTIONAL = 1, SU_COL_REQUIRED = 2 };
int su_columns_resolve(const char *file, const struct su_rec *hdr,
                       const struct su_opts *o, const unsigned char *want,
                       int *cols);
/* The currency of record r's amount: cur (the amount's own, from
 * su_money_parse, or "") and the currency column col (>= 0; see
 * su_columns_resolve for which column labels which amount), which must
 * agree.  0 (cur is the row's currency, or "" if none is stated), or -1
 * with msg. */
int su_row_currency(const struct su_rec *hdr, const struct su_rec *r, int col,
                    char cur[SU_CUR_LEN], char *msg, size_t size);
/* -g COL,...: header names, role names, or the computed quarter, month,
 * fiscal_year of the close date */
enum su_gkind { SU_G_COLUMN, SU_G_QUARTER, SU_G_MONTH, SU_G_FY };
struct su_gcol {
    enum su_gkind kind;
    int col;          /* SU_G_COLUMN: the column */
    const char *name; /* output header: the input header or the keyword */
};
/* Prints and returns -1 on an unknown name; *n receives the count (the
 * array is malloc'd). */
int su_group_resolve(const char *file, const char *spec,
                     const struct su_rec *hdr, const struct su_opts *o,
                     struct su_gcol **out, size_t *n);

/* ---- model.c: stage models (stagecheck-model(5)) -------------------- */
/* MEDDPICC components, in the order of the letters and of the roles
 * SU_R_METRICS.. (role = SU_R_METRICS + component) */
enum su_mc { SU_MC_M, SU_MC_E, SU_MC_DC, SU_MC_DP, SU_MC_P, SU_MC_I,
             SU_MC_CH, SU_MC_CO, SU_NMC };
enum su_status { SU_ST_OPEN, SU_ST_WON, SU_ST_LOST,
                 SU_ST_CLOSED /* su_row_status: closed, won or lost unsaid */ };
struct su_stage {
    char *name, *nname; /* as written; normalised (su_norm) */
    char **alias, **nalias_;
    size_t nalias;
    su_rate prob;
    int has_prob;
    int cat;           /* enum su_cat */
    unsigned own, req; /* MEDDPICC bits: its own; with earlier stages' */
    int max_days;      /* 0: no limit */
    int status;        /* enum su_status */
    long line;
};
struct su_pipeline {
    char *name;
    char **types, **ntype; /* as written; normalised */
    size_t ntypes;
    int is_default;
    struct su_stage *st;
    size_t nst;
    int poc, amount_from; /* stage indexes, or -1 */
    char *poc_name, *amount_from_name;
    long line;
};
struct su_model {
    char *file;
    struct su_pipeline *p;
    size_t np;
};
const char *su_mc_code(int c); /* "M", "E", "DC", ... */
const char *su_mc_name(int c); /* "Metrics", ... */
/* a MEDDPICC field is present when it holds a value that is not no-like
 * (su_yesno: a name, a note, a yes) */
int su_present(const char *s, size_t len);
/* path NULL: the built-in model (seed 003).  Prints "FILE:LINE: ..." and
 * returns -1 on error. */
int su_model_load(const char *path, struct su_model **m);
/* the same from a model's text, NAME naming it in messages */
int su_model_parse(const char *name, const char *text, struct su_model **m);
void su_model_free(struct su_model *m);
/* the pipeline for an opportunity type: an empty type, the default
 * pipeline; a type no pipeline names, the default pipeline if it names no
 * types, else NULL */
const struct su_pipeline *su_model_pipeline(const struct su_model *m,
                                            const char *type, size_t len);
const struct su_pipeline *su_model_default(const struct su_model *m);
/* a stage by name or alias (compared as headers are), or -1 */
int su_model_stage(const struct su_pipeline *p, const char *s, size_t len);
/* Where a deal stands: one answer for forecast, cyclestat and stagecheck
 * (stagecheck-model(5), STATUS AND CATEGORY). */
struct su_where {
    const struct su_pipeline *p; /* its pipeline: the default one when no
                                    pipeline names its type */
    int unknown_type;            /* no pipeline names its type */
    int idx;                     /* its stage in p, or -1 */
    int status;                  /* enum su_status, or -1: not known */
    int cat;                     /* enum su_cat, or -1: not known */
};
/* --won RE, --lost RE, --open RE: what the stages a model does not know
 * are (forecast, cyclestat); their usage lines */
enum { SU_OPT_WON = 0x1080, SU_OPT_LOST, SU_OPT_OPEN };
#define SU_STAGE_LONGOPTS {"won", 1, 0, SU_OPT_WON},                 \
    {"lost", 1, 0, SU_OPT_LOST}, {"open", 1, 0, SU_OPT_OPEN}
extern const char su_stage_usage[];
/* pat[SU_ST_*] from a getopt option: 1 it was one of them, 0 not */
int su_stage_opt(const char *pat[3], int opt, const char *arg);
struct su_place;
/* the patterns pat[SU_ST_*] (or NULL) compiled; NULL if one is bad (said) */
struct su_place *su_place_new(const struct su_model *m,
                              const char *const pat[3]);
/* the (type, stage) of a deal, remembered; flags: the status a row's
 * IsClosed and IsWon give (su_row_status), or -1.  A stage the model does
 * not know has the status its pattern gives, or -1, and category -1 unless
 * won (Closed) or lost (Lost). */
void su_place(struct su_place *pl, const char *type, size_t tlen,
              const char *stage, size_t slen, int flags,
              struct su_where *w);
/* a deal left out, as its stage cannot be placed: counted per stage, and
 * said by su_place_report ("N deals are at stages the model does not
 * place as open, won or lost: "A" (2), ...; the P pipeline's stages:
 * ...[what] (name them ...)") */
void su_place_unknown(struct su_place *pl, const struct su_where *w,
                      const char *stage, size_t slen);
long su_place_nunknown(const struct su_place *pl);
void su_place_report(const struct su_place *pl, const char *what);
void su_place_free(struct su_place *pl);
/* an IsClosed/IsWon value: true, false and the yes/no list of
 * salesutils(7) (yes, no, 1, 0, ...): 1 or 0; -1 empty; -2 anything else */
int su_bool(const char *s, size_t len);
/* the status a row's IsClosed and IsWon columns (cc, wc; -1 absent) give:
 * SU_ST_*, -1 they do not say, -2 a bad value or a won deal not closed
 * (msg says which) */
/* SU_ST_CLOSED: IsClosed true, IsWon empty or absent; su_place keeps the
 * stage's won or lost, and su_row_closed then refuses any other */
int su_row_status(const struct su_rec *hdr, const struct su_rec *r, int cc,
                  int wc, char *msg, size_t size);
/* after su_place: -2 (msg says why) when IsClosed is true, IsWon does not
 * say, and the stage (column sc) is not a won or lost one; else 0 */
int su_row_closed(const struct su_rec *hdr, const struct su_rec *r, int cc,
                  int wc, int sc, int status, const struct su_where *w,
                  char *msg, size_t size);

/* ---- shipped.c: the models, rules and plans shipped with salesutils ---- */
/* a model, rules or plan file: ARG as given when it is a path or a file
 * here, else the shipped KIND ("models", "rules", "plans") of that name
 * (NAME, NAME.ini, NAME-default.ini) in $SALESUTILS_SHARE, the installed
 * share directory, or the source tree's examples/.  The text, and in *used
 * the path read (both malloc'd); NULL on error (said, listing the shipped
 * names). */
char *su_shipped_slurp(const char *arg, const char *kind, const char *what,
                       char **used);
/* " (the shipped model salesforce-default knows it: try -m salesforce)"
 * when a shipped model knows the stage, else "" (a static buffer) */
const char *su_model_hint(const char *stage, size_t len);
struct su_shipped {
    const char *name, *text;
};
extern const struct su_shipped su_shipped_models[]; /* {0, 0} ends it */
extern const char su_builtin_model[], su_builtin_rules[];

/* ---- stats.c: exact medians and percentiles (each sorts its array) -- */
int64_t su_median2_days(int32_t *v, size_t n);  /* twice the median; n > 0 */
int32_t su_percentile_days(int32_t *v, size_t n, int pct); /* nearest rank */
int64_t su_median_money(int64_t *v, size_t n);  /* to the cent; n > 0 */

/* ---- history.c: stage history -------------------------------------- */
struct su_hrow {
    const char *id, *from, *to; /* from is "" when the export has none */
    size_t idlen, fromlen, tolen;
    int32_t date;
    const char *file;
    long line;
};
struct su_hist;
/* a stage history export (roles id, from_stage, to_stage, changed_date),
 * read with the input's options less --rejects.  NULL on error (said). */
struct su_hist *su_hist_open(const struct su_opts *o, const char *file);
/* the next good row: 1, 0 at the end, -1 on error (said).  A bad row is an
 * error, or with --skip-invalid said and skipped. */
int su_hist_next(struct su_hist *h, struct su_hrow *row);
void su_hist_free(struct su_hist *h);
/* HubSpot's Date entered "STAGE" (or "STAGE (PIPELINE)") columns */
struct su_dentered {
    int col;
    char *label;
};
size_t su_date_entered(const struct su_rec *hdr, struct su_dentered **out);
/* the stage of p a label names, or -1 */
int su_dentered_stage(const struct su_pipeline *p, const char *label);
void su_dentered_free(struct su_dentered *d, size_t n);

/* ---- expr.c: rule expressions (mqlqualify-rules(5)) ---------------- */
struct su_expr;
struct su_expr_error {
    size_t pos;    /* byte offset in the expression */
    char msg[240];
};
/* what evaluation needs besides the record */
struct su_expr_env {
    int dmy, decimal_comma; /* how dates and numbers in cells read */
    int32_t today;          /* --as-of */
    struct su_yn *yn;       /* yes(): values neither yes nor no, counted
                               and read as no; NULL: such a value is a
                               fault */
};
/* a value the expression could not compare */
struct su_expr_fault {
    const char *column; /* as the expression names it */
    const char *value;  /* the cell */
    size_t vlen;
    const char *why;
    size_t pos;         /* of the column in the expression */
};
/* parse once: 0, or -1 with *err (the expression is not kept) */
int su_expr_parse(const char *src, size_t len, struct su_expr **out,
                  struct su_expr_error *err);
void su_expr_free(struct su_expr *e);
/* the columns it names (each once), to bind to a record's fields before
 * evaluating */
size_t su_expr_ncols(const struct su_expr *e);
const char *su_expr_colname(const struct su_expr *e, size_t i, size_t *pos);
void su_expr_bind(struct su_expr *e, size_t i, int col);
/* 1 true, 0 false, -1 a cell could not be read (*f says which).  Allocates
 * nothing (glibc's regexec may, inside a ~ match). */
int su_expr_eval(const struct su_expr *e, const struct su_rec *r,
                 const struct su_expr_env *env, struct su_expr_fault *f);
/* a cell as a rule number (fixed point, six decimals): money forms, plain
 * decimals, "75%" = 75.  0 (cur: the currency it states, or ""), 1 empty,
 * -1 with *why.  In an expression, a column's cells must state one
 * currency: a cell in another is a fault (a rule's bare number is in the
 * column's currency). */
int su_expr_number_cur(const char *s, size_t len, int decimal_comma,
                       int64_t *out, char cur[SU_CUR_LEN], const char **why);
/* the same, the currency the cell states not wanted */
int su_expr_number(const char *s, size_t len, int decimal_comma,
                   int64_t *out, const char **why);

/* ---- ini.c: line numbers for INI files read with inih --------------- */
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

/* ---- rules.c: qualification rules (mqlqualify-rules(5)) ----------- */
enum su_qual { SU_Q_SQL, SU_Q_NURTURE, SU_Q_DISQUALIFIED, SU_Q_INVALID,
               SU_NQUAL };
extern const char *const su_qual_name[SU_NQUAL];
struct su_rseg { /* a line of an expression: where it is in the file */
    size_t off;   /* in the joined expression */
    long line;
    size_t col;
};
struct su_criterion {
    char *name;
    long line, when_line, points;
    int required;       /* -1, or the level failing it keeps a lead below:
                           SU_Q_SQL (at most nurture), SU_Q_NURTURE
                           (disqualified) */
    char *when;         /* the expression, its lines joined by newlines */
    size_t len;
    struct su_rseg *seg;
    size_t nseg;
    struct su_expr *e;
};
struct su_rules {
    char *file, *text;  /* name and text, for messages */
    struct su_criterion *c;
    size_t nc;
    long sql, nurture;  /* score thresholds */
    int have_thresholds;
};
/* path NULL: the built-in rules.  Prints "FILE:LINE[:COL]: ..." (with the
 * line and a caret under an expression's error) and returns -1 on error. */
int su_rules_load(const char *path, struct su_rules **out);
/* every column the criteria name, found in hdr; -1 (said) if one is not */
int su_rules_bind(struct su_rules *r, const char *file,
                  const struct su_rec *hdr);
/* where a position in criterion i's expression is in the file */
void su_rules_where(const struct su_rules *r, size_t i, size_t pos,
                    long *line, size_t *col);
/* "prog: FILE:LINE:COL: msg", the line, and a caret under COL (0-based) */
void su_rules_caret(const struct su_rules *r, long line, size_t col,
                    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void su_rules_free(struct su_rules *r);

/* ---- plan.c: compensation plans (commission-plan(5)) ---------------- */
enum su_pmeasure { SU_PM_CREDIT, SU_PM_TEAM, SU_PM_ROLE, SU_PM_COUNT };
enum su_pbase { SU_PB_VARIABLE, SU_PB_AMOUNT, SU_PB_UNIT };
enum su_award { SU_SP_FIRST, SU_SP_LARGEST, SU_SP_MOST };
struct su_band {
    int64_t from, to; /* attainment (su_rate: SU_RATE_ONE = 100%), or units */
    int open;         /* no upper end */
    int64_t rate;     /* VARIABLE: a multiple (su_rate); AMOUNT: a fraction
                         (su_rate); UNIT: cents per unit */
    int flat;         /* pays variable x rate once reached, not per slice */
    char *src;
    long line;
};
struct su_plan {
    char *name;
    long line;
    int measure;            /* enum su_pmeasure */
    char *role;             /* SU_PM_ROLE: the column naming the rep */
    char *count_src;        /* SU_PM_COUNT: the rows that count */
    long count_line;
    size_t count_col;
    struct su_expr *count;
    int base;               /* enum su_pbase */
    int retro;              /* 1 retroactive, 0 marginal */
    struct su_band *band;
    size_t nband;
    su_rate threshold, cap; /* of attainment; cap when has_cap */
    int has_cap;
    int periods;            /* payouts a year: 1, 4 or 12 */
    int clawback;           /* a negative true-up is paid back */
    char cur_what[128];     /* its first amount that states a currency
                               ("FILE:LINE: [plan S] band = 0-: $250"), or
                               "" (the currency: su_plans.cur) */
};
struct su_bonus {
    char *name, *plan_name, *when_src;
    long line, when_line;
    size_t when_col;
    int plan;
    int64_t amount;
    struct su_expr *when;   /* over attainment, credit, quota, metrics */
    char cur_what[128];     /* as su_plan's */
};
struct su_spiff {
    char *name, *plans_src;
    long line;
    int *plans;
    size_t nplans;
    int award;              /* enum su_award */
    int64_t amount;
    int periods;
    char cur_what[128];     /* as su_plan's */
};
struct su_plans {
    char *file, *text;
    struct su_plan *p;
    size_t np;
    struct su_bonus *b;
    size_t nb;
    struct su_spiff *s;
    size_t ns;
    /* the one currency the file's amounts state ("" none), and the first
     * that states it ("FILE:LINE: [bonus b] amount = 500 EUR") */
    char cur[SU_CUR_LEN];
    char cur_what[128];
};
/* Prints "FILE:LINE[:COL]: ..." and returns -1 on error. */
int su_plans_load(const char *path, struct su_plans **out);
void su_plans_free(struct su_plans *pl);

/* ---- payout.c: a plan's arithmetic (commission(1)) ------------------- */
/* a line of the audit trail (commission --detail): what it is, the basis
 * and rate it was paid on (each SU_C_NULL when none), its amount */
struct su_item {
    char source[96];
    int basis_type;  /* enum su_ctype (csvout.c): SU_C_MONEY cents,
                        SU_C_INT units */
    int rate_type;   /* enum su_ctype: SU_C_RATIO a multiple of variable,
                        SU_C_PCT of the amount (both su_rate), SU_C_MONEY
                        cents per unit */
    int64_t basis, rate, amount;
};
struct su_items {
    struct su_item *it;
    size_t n, cap;
};
/* a new zeroed item at the end of c */
struct su_item *su_items_add(struct su_items *c);
/* "band 50-100%", "band 0-10", "band 100%- flat" */
void su_band_name(char *buf, size_t n, const struct su_plan *p,
                  const struct su_band *b);
/* the commission plan p pays on its measure M to date against quota Q to
 * date (cents, or for a unit plan hundredths of a unit) and variable V to
 * date: one item per band in c, their sum in *sum.  0, or -1 overflow. */
int su_commission_to_date(const struct su_plan *p, int64_t M, int64_t Q,
                          int64_t V, struct su_items *c, int64_t *sum);
/* period k's part of an annual figure split in n, to the cent: the parts
 * add up to total (1000000.02 quarterly: 250000.01, 250000.00, ...) */
int64_t su_period_part(int64_t total, int k, int n);
/* the i-th of n winners' share of a spiff: the extra cents to the first */
int64_t su_spiff_share(int64_t amount, size_t nwinners, size_t i);
/* the true-up: earned to date less paid before (*raw), and the payout: a
 * negative one is paid back only under a clawback plan, else 0 */
int64_t su_trueup(int64_t earned, int64_t paid, int clawback, int64_t *raw);

/* ---- map.c: the one hash map (groups, memos, ids) -------------------- */
uint64_t su_hash(const char *s, size_t n); /* FNV-1a, the map's */
/* an entry of a map (a group of a summary) */
struct su_group {
    char *key;     /* the key's bytes (a group's values, each
                    * NUL-terminated), and a NUL after them */
    size_t keylen;
    uint64_t hash;
    void *val;     /* the caller's, valsize bytes, zeroed when made */
};
struct su_map;
struct su_map *su_map_new(size_t valsize);
/* at most max entries (a memo that must not grow with its input): beyond
 * them su_map_get makes none and returns NULL; 0: no bound */
void su_map_bound(struct su_map *m, size_t max);
/* keys compared ignoring ASCII case ("Ana" = "ana").  Before any entry. */
void su_map_fold(struct su_map *m);
/* keys hashed and compared otherwise (hash NULL: su_hash, eq NULL:
 * memcmp; a test forcing collisions); keys eq says equal must hash
 * alike.  Before any entry. */
void su_map_compare(struct su_map *m, uint64_t (*hash)(const char *, size_t),
                    int (*eq)(const char *, const char *, size_t));
/* the entry with this key: made, its value zeroed, when new and make; NULL
 * when not there and not made (make 0, or the bound reached) */
struct su_group *su_map_get(struct su_map *m, const char *key, size_t len,
                            int make);
size_t su_map_n(const struct su_map *m);
/* every entry in order of insertion (su_map_n of them) */
struct su_group *const *su_map_all(const struct su_map *m);
/* every entry sorted by key, byte by byte (stable output); the array is
 * the map's, valid until the next call or su_map_free */
struct su_group **su_map_sorted(struct su_map *m, size_t *n);
/* freeval: called on each value first (NULL: none) */
void su_map_free(struct su_map *m, void (*freeval)(void *));

/* ---- groups.c: the groups of a summary, on a map ------------------- */
struct su_groups;
struct su_groups *su_groups_new(size_t valsize);
/* a table of -g groups, whose values are compared as a spreadsheet pivot
 * compares them: trimmed of surrounding spaces and ignoring ASCII case
 * ("Ana", "ana", "Ana " are one group), shown as first seen, trimmed */
struct su_groups *su_groups_new_pivot(size_t valsize);
/* the value of the group with this key, made (zeroed) if new */
void *su_groups_get(struct su_groups *t, const char *key, size_t len);
/* the group with this key, or NULL (never made) */
struct su_group *su_groups_find(struct su_groups *t, const char *key,
                                size_t len);
/* prints, when a pivot table put records under another spelling, how
 * many and the first few ("ana" as "Ana") */
void su_groups_say_respelled(const struct su_groups *t);
/* every group, sorted by its values, byte by byte (stable output) */
/* (the array is the table's: not to be freed) */
struct su_group **su_groups_sorted(struct su_groups *t, size_t *n);
void su_groups_free(struct su_groups *t, void (*freeval)(void *));
/* the key of a record for -g columns (close: its close date, for the
 * computed ones; SU_DATE_NONE when it has none, labelled "(none)") into
 * *key (grown as needed); returns its length */
#define SU_DATE_NONE INT32_MIN
size_t su_group_key(const struct su_gcol *g, size_t ng,
                    const struct su_rec *r, int32_t close, int fy_start,
                    char **key, size_t *cap);

/* ---- csvin.c: reading records -------------------------------------- */
struct su_rec {
    size_t n;            /* fields */
    const char **f;      /* NUL-terminated (a field may hold no NUL) */
    const size_t *len;
    const char *file;    /* display name of the file */
    long line;           /* physical line where the record starts */
    const char *raw;     /* the record's text as read (decoded) */
    size_t rawlen;
};
struct su_in;
/* files: operands; none means standard input.  Never fails. */
struct su_in *su_in_new(const struct su_opts *o, int nfiles, char **files);
/* the header of the first file: 1, or -1 on error (printed) */
int su_in_header(struct su_in *in, struct su_rec *hdr);
/* the next data record: 1, 0 at the end of all input, -1 on error
 * (printed).  The record stays valid until the next call. */
int su_in_next(struct su_in *in, struct su_rec *rec);
/* an earlier row as a message about row r names it: "line 4" in r's
 * file, else "FILE:4" (into buf) */
const char *su_seen_at(char *buf, size_t size, const char *file, long line,
                       const struct su_rec *r);
/* A record the program cannot use: with --skip-invalid it is reported,
 * written to --rejects and counted (SU_SKIP: carry on), else the message
 * is printed as "prog: FILE:LINE: msg" (SU_STOP: exit 2). */
enum su_result su_in_reject(struct su_in *in, const struct su_rec *rec,
                 const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A record the program keeps but cannot judge (mqlqualify's invalid
 * lead): like su_in_reject, but said "(marked invalid)" and counted apart;
 * the program writes it out marked.  SU_SKIP carry on, SU_STOP stop. */
enum su_result su_in_flag(struct su_in *in, const struct su_rec *rec, const char *fmt,
               ...) __attribute__((format(printf, 3, 4)));
/* records read and skipped so far (data records, footers excluded) */
long su_in_nread(const struct su_in *in);
long su_in_nskipped(const struct su_in *in);
/* end of input: says how many records were skipped.  0 or -1. */
int su_in_finish(struct su_in *in);
/* --rejects into place (su_out_done calls it); and out again, when the
 * program's own output could not follow it.  0 or -1 (said). */
int su_in_commit(struct su_in *in);
void su_in_rollback(struct su_in *in);
/* on failure: removes a half-written --rejects; frees everything */
void su_in_free(struct su_in *in);

/* ---- csvout.c: writing results ------------------------------------- */
enum su_ctype { SU_C_NULL, SU_C_STR, SU_C_MONEY, SU_C_INT, SU_C_RATIO,
                SU_C_PCT, SU_C_DAYS, SU_C_CENTI };
struct su_cell {
    enum su_ctype type;
    const char *s; size_t len; /* SU_C_STR */
    int64_t v, d;              /* MONEY/INT: v; RATIO/PCT/DAYS: v/d (d > 0);
                                  DAYS print with one decimal; CENTI: v
                                  hundredths of a count, exactly (8, 8.5,
                                  8.25) */
};
/* a text cell (s NUL-terminated), a numeric cell */
struct su_cell su_cell_str(const char *s);
struct su_cell su_cell_num(enum su_ctype type, int64_t v, int64_t d);
struct su_out;
/* opens -o FILE (a temporary beside it) or stdout; prints on failure */
struct su_out *su_out_open(const struct su_opts *o);
void su_out_currency(struct su_out *out, const char *cur); /* table "$" */
/* each: 0 ok; -1 failed (said); SU_OUT_EPIPE: the reader went away, which
 * ends the program quietly, with status 0 */
#define SU_OUT_EPIPE (-3)
int su_out_header(struct su_out *out, size_t n, const char *const *names);
int su_out_row(struct su_out *out, const struct su_cell *cells);
/* CSV only: a row whose first k columns are a record's text as read
 * (su_rec.raw of a comma-separated input: already CSV), then the cells of
 * the other columns.  A filter's fast path (mqlqualify). */
int su_out_row_raw(struct su_out *out, const char *raw, size_t len, size_t k,
                   const struct su_cell *rest);
/* A filter's own columns (names[0..n-1], what it appends to each row)
 * already in its input: an earlier run's output fed back in.  keep[i] is 0
 * for such an input column (this run's value replaces it, at the end, so
 * the output is what the original input gives) and 1 for any other; said
 * once, naming them.  Returns how many input columns are not kept. */
size_t su_out_own(const struct su_rec *hdr, const char *const *names,
                  size_t n, unsigned char *keep);
int su_out_close(struct su_out *out);
/* A second file put in place together with the output (mqlqualify's
 * round-robin state): a temporary beside path, with the mode a new file
 * gets and removed if the program dies, for the program to write.
 * su_out_done puts it in place right after the output; su_out_abort (or
 * su_out_close) removes it.  Messages name it by what ("the state") and,
 * when it cannot follow an output already in place, say "written" were
 * ("the leads").  One per output; NULL when it cannot be made (said). */
FILE *su_out_side(struct su_out *out, const char *path, const char *what,
                  const char *written);
/* a program's last step: its output and the --rejects of its input both
 * in place, or neither (the output is written out, the rejects put in
 * place, then the output; a failure takes back what was done); then
 * su_out_side's file, which, failing, leaves the output in place and says
 * so.  Releases out.  0, -1 (said) or SU_OUT_EPIPE. */
int su_out_done(struct su_out *out, struct su_in *in);
/* drop everything (the -o temporary too) */
void su_out_abort(struct su_out *out);

/* ---- run.c: the program driver -------------------------------------- */
/* one run, as the driver holds it: each callback is given it */
struct su_run {
	struct su_opts *c;	/* the common options */
	int nfiles;		/* the operands (none: standard input) */
	char **files;
	struct su_in *in;
	struct su_rec hdr;	/* the first file's header */
	/* setup fills want (SU_COL_REQUIRED or SU_COL_OPTIONAL per role);
	 * the driver resolves col before header is called */
	unsigned char want[SU_R_NROLES];
	int col[SU_R_NROLES];
	int no_input;		/* setup: read nothing (no operands wanted) */
	struct su_out *out;	/* open from start on; else from write on */
	int oerr;		/* record's write error (-1, SU_OUT_EPIPE)
				   when it returns SU_STOP for it */
};
struct option;
/* A program: its options and usage, then callbacks, each optional but
 * record.  Those returning int return 0, or -1 when the run ends (said). */
struct su_prog {
	const char *shortopts;		/* its own, as "g:m:" */
	const struct option *longopts;	/* its own, {0} ended */
	void (*usage)(FILE *fp);	/* all of --help to stdout */
	void (*init)(void *self);	/* defaults, before the options */
	int (*option)(void *self, int opt, const char *arg);
	/* the options read: checked together, files loaded, want filled */
	int (*setup)(void *self, struct su_run *run);
	/* the header read and its columns resolved: the program's own */
	int (*header)(void *self, struct su_run *run);
	/* a program that writes as it reads: the output is opened and this
	 * writes its header; 0, -1 or SU_OUT_EPIPE */
	int (*start)(void *self, struct su_run *run);
	enum su_result (*record)(void *self, struct su_run *run,
	    const struct su_rec *rec);
	/* after the last record, before the skipped ones are counted */
	int (*settle)(void *self, struct su_run *run);
	/* the input read and counted: what is said of it, worked out */
	int (*end)(void *self, struct su_run *run);
	/* the output (open): 0, -1 or SU_OUT_EPIPE */
	int (*write)(void *self, struct su_run *run, struct su_out *out);
	/* once the output is in place: SU_EXIT_OK or SU_EXIT_FLAG */
	int (*status)(void *self);
	void (*free)(void *self);	/* always, whatever was reached */
};
/* Runs a program: names it (su_start), reads the options (common ones
 * into c, the rest to option), then setup, the input record by record,
 * end, write, and the output and --rejects put in place.  Returns the exit
 * status: 2 after an error, 0 when the reader of the output went away. */
int su_run(const struct su_prog *p, void *self, struct su_opts *c, int argc,
           char **argv);

#endif
