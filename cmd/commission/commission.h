/*
 * commission.h - what the parts of commission share: its options, its
 * state, and the functions one part calls in another.  Private to
 * cmd/commission.c and the files of cmd/commission/.
 */
#ifndef COMMISSION_H
#define COMMISSION_H

#include "su.h"

struct opts {
	struct su_opts c;
	const char *plans, *roster, *quotas, *activities, *metrics, *period;
	const char *paid;  /* --paid LEDGER */
	const char *compare; /* --compare-plans OTHER */
	const char *model;
	int detail;
	int summary;   /* --summary: the attainment picture */
	int no_excel; /* --no-excel-safe: statements are --excel-safe else */
};

/* the plan year: its months, and its first and last day */
struct year {
	int32_t month_from[12], month_to[12]; /* the plan year's months */
	int32_t from, to;
};

struct rep {
	char *name, *team;
	char *mgr_name;            /* Manager as written, until resolved */
	int mgr;                   /* the rep's manager, or -1 */
	int plan;
	long line;
	int64_t quota, variable;   /* annual, from the roster */
	int64_t base;              /* annual base pay (Base), or 0 */
	int64_t draw;              /* a payout period's draw: the roster's
	                              Draw, else the plan's */
	int quota_given;           /* Quota not empty: 0 is then an error */
	int32_t start;             /* 0: the whole year */
	int64_t pq[12], pv[12];    /* per payout period, after ramp/prorating */
	int64_t pb[12];            /* base pay per payout period, prorated */
	int64_t ledger[12];        /* --paid: paid per payout period */
	unsigned char paid_line[12]; /* --paid names a payment then */
	int has_pq[12];
	int64_t credit[12];        /* per month: credited amount */
	int64_t role[12];          /* per month: amount of deals in its role */
	int64_t units[12];         /* per month: activity rows counted */
	long deals[12];            /* per month: deals (positive bookings) */
	int64_t measure[12];       /* per month: what its plan measures */
};

struct award { /* a spiff won */
	int spiff, period, rep;
	int64_t amount;
	int32_t end;
};

struct best { /* a spiff period's leader(s) */
	int64_t value;
	int *reps;
	size_t n;
};

struct metric {
	int name;       /* index in st.mnames */
	int32_t end;    /* the period it is for, or INT32_MIN: any */
	char *value;
};

struct spelling { /* a rep name written other than the roster writes it */
	int rep;
	long rows;
};

struct share { /* a share of a split deal, as read */
	int rep;
	su_rate pct;
	int64_t amount;
	long line;
	char *raw;      /* the row as read, for --rejects */
	size_t rawlen;
};

struct split { /* a split deal: its shares, credited at the end */
	int64_t amount;
	int32_t day;
	su_rate sum;
	struct share *sh;
	size_t n;
	const char *file;
	long line;
	int *roles;     /* the reps its role columns credited, once each */
	size_t nroles;
};

struct bcols { /* the bookings' columns: -1 when not there */
	int rep, amount, close, id, split, stage, type, iswon;
	int currency;    /* the amount's currency column, or -1 */
	const struct su_rec *hdr;
	int *role;       /* per plan: the role column, or -1 */
};

struct state {
	struct opts *o;
	struct su_plans *pl;
	struct year y;
	int fy;
	struct rep *r;
	size_t nr;
	struct su_groups *byname; /* name -> index + 1 */
	char cur[SU_CUR_LEN];
	const char *curfile;
	long curline;
	/* the currency of the plans' and roster's amounts, and the first
	 * that states it: held against the bookings' */
	char cfgcur[SU_CUR_LEN];
	char cfgwhat[200];
	struct best *best;        /* per spiff x 12 */
	struct award *aw;
	size_t naw;
	/* metrics per rep */
	struct metric **m;
	size_t *nm;
	char **mnames;
	size_t nmnames;
	/* split deals waiting for all their shares */
	struct su_groups *splits;
	/* deal ids seen, by sign (ids[0] a booking's, ids[1] a
	 * clawback's), each with its first row's place and whether it was
	 * a split share (the set's mark); none in the shadow run, whose
	 * bookings the first run has checked.  id_done: the record's id is
	 * in, or passed (su_idset_pass) */
	struct su_idset *ids[2];
	int id_done;
	/* with a stage column: the stage model, and the bookings left out
	 * (not closed won), by stage -> long */
	struct su_model *model;
	struct su_groups *notwon;
	long nnotwon;
	/* rep names as written where they differ from the roster's:
	 * spelling -> struct spelling */
	struct su_groups *spell;
	/* the bookings' columns (booking_header), and --period's periods
	 * (NULL: the whole plan year) */
	struct bcols bc;
	struct su_period want, *wantp;
	int has_base;             /* the roster has a Base column */
	/* --compare-plans: the same run under the other plan file, and in
	 * it (shadow) the notes already said are not said again */
	struct state *other;
	int shadow;
	/* --paid: the end of the last period the ledger names (the
	 * periods it covers; INT32_MIN none) */
	int32_t ledger_to;
	/* the side file being read (side_open) */
	struct su_opts side;
	char *sidefile[1];
};

/* a rep name's key (name_key) fits in a buffer of this many bytes, else
 * it is malloc'd */
#define NAME_BUF 128

/* roster.c: the plan year, the roster, quotas, metrics and activities */
void plan_year(struct year *y, int fy, int fys);
int month_of(const struct year *y, int32_t d);
int32_t pfrom(const struct year *y, int n, int k);
int32_t pto(const struct year *y, int n, int k);
size_t plabel(char *buf, const struct year *y, int n, int k, int fys);
int plan_used(const struct state *st, int k);
int count_only(const struct state *st);
int find_rep(struct state *st, const char *name, size_t len);
void say_spellings(struct state *st);
int plan_currencies(struct state *st);
int read_roster(struct state *st);
int read_quotas(struct state *st);
int read_ledger(struct state *st);
int quotas(struct state *st);
int read_metrics(struct state *st);
int read_activities(struct state *st);

/* credit.c: the bookings credited (su_run's header, record and settle),
 * and what each plan measures of them */
int booking_header(void *self, struct su_run *run);
enum su_result booking(void *self, struct su_run *run,
                       const struct su_rec *r);
int settle_splits(void *self, struct su_run *run);
void say_not_won(struct state *st);
int measures(struct state *st);

/* statement.c: bonuses, spiffs and the statements (su_run's write) */
int bind_bonuses(struct state *st);
void award_spiffs(struct state *st);
int write_statements(void *self, struct su_run *run, struct su_out *out);
int write_compare(struct state *st, struct su_out *out);

#endif
