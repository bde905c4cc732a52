/*
 * forecast.h - forecast's private header: its options, its state, one
 * deal as classify reads it, and the parts in cmd/forecast/ (the
 * waterfall of --compare).
 */
#ifndef FORECAST_H
#define FORECAST_H

#include <stdint.h>

enum {
	CLOSED = SU_CAT_CLOSED, COMMIT = SU_CAT_COMMIT, BEST = SU_CAT_BEST,
	PIPELINE = SU_CAT_PIPELINE, OMITTED = SU_CAT_OMITTED,
	TOTAL = SU_CAT_TOTAL, LOST = SU_CAT_LOST, NCAT = SU_NCAT
};

struct acc {
	int64_t deals, amount, weighted;
};

struct group {
	struct acc acc[NCAT];
	int64_t target;		/* --target, or its row of --targets */
	int has_target;
	size_t gi;		/* --simulate: its index from 1 */
};

/* a row of --targets: its target, where it is, whether a group took it */
struct target {
	int64_t target;
	long line;
	int used;
};

struct opts {
	struct su_opts c;
	const char *group_by;
	const char *period;
	const char *model;
	int64_t target, fail_under;
	int has_target, has_fail_under;
	const char *targets;	/* --targets FILE */
	su_rate fail_cov;	/* --fail-under-coverage */
	const char *fail_cov_arg;
	const char *compare;	/* --compare PREV */
	int moves;		/* --moves */
	int stamp;		/* --stamp: as_of and period columns */
	int accuracy;		/* --accuracy */
	long min_deals;		/* --min-deals: below, a call is insufficient */
	int has_min_deals;
	long simulate;		/* --simulate N: trials, 0 none */
	uint64_t seed;		/* --seed S */
	const char *win_rates;	/* --win-rates FILE */
	const char *seed_arg;
	/* the currency each states, or "" (the data's); the option's text */
	char target_cur[SU_CUR_LEN], fail_under_cur[SU_CUR_LEN];
	const char *target_arg, *fail_under_arg;
	int by_probability;
	su_rate weight[OMITTED + 1];
	const char *re[3]; /* --open, --won, --lost (SU_ST_*) */
};

/* The few distinct values of the category column, remembered with the
 * category they give: the lookup is on every row.  Bounded, values of at
 * most MEMO_KEY bytes: past MEMO_MAX values, they are looked up anew. */
#define MEMO_MAX 128
#define MEMO_KEY 64

struct state {
	struct opts *o;
	struct su_in *in;
	int col[SU_R_NROLES];
	enum su_rate_scale prob_scale;
	struct su_gcol *g;
	size_t ng;
	int need_close;
	struct su_period period;
	char cur[SU_CUR_LEN];
	long cur_line;
	const char *cur_file;
	long noamount;
	/* deals without a close date: left out of --period, or grouped
	 * under (none) by a date -g; said at the end */
	long noclose_out, noclose_none;
	struct su_groups *t;
	char *key;
	size_t keycap;
	struct su_groups *tt;	/* --targets: group key -> struct target */
	long tcur_line;		/* the first target stating a currency */
	struct wf *wf;		/* --compare: the waterfall (waterfall.c) */
	struct sim *sim;	/* --simulate: the open deals (simulate.c) */
	struct acc_state *acc;	/* --accuracy: the calls (accuracy.c) */
	struct su_groups *wr;	/* --win-rates: stage -> struct win_rate */
	struct su_map *categories; /* value -> 2 + its category */
	struct su_model *model;
	struct su_place *pl; /* where each (type, stage) stands */
};

/* a stage's row of --win-rates */
struct win_rate {
	su_rate rate;
	long line;
};

/* one deal as classify reads it */
struct deal {
	int64_t amount, weighted;
	int32_t close;	/* SU_DATE_NONE when it has none */
	int noclose;
	int cat;	/* CLOSED (won), ..., LOST; -1 left out */
	su_rate w;	/* its weight */
};

/* forecast.c */
enum su_result classify(struct state *, struct su_in *, const struct su_rec *,
    const int *, const struct su_rec *, int, struct deal *);
struct su_cell money_cell(int64_t);
void key_cells(struct su_cell *, size_t, const char *);
size_t key_add(struct state *, size_t, const char *, size_t);
const char *show_key(char *, size_t, const char *, size_t);
/* waterfall.c: --compare PREV */
int compare_load(struct state *, struct su_run *);
enum su_result compare_deal(struct state *, struct su_run *,
    const struct su_rec *);
int compare_end(struct state *);
int whole(const struct state *, struct group *);
int compare_write(struct state *, struct su_out *);
void compare_free(struct state *);
/* simulate.c: --simulate N --seed S */
void simulate_deal(struct state *, struct group *, const struct deal *);
int simulate_write(struct state *, struct su_out *, struct group *);
void simulate_free(struct state *);
/* accuracy.c: --accuracy SAVED... ACTUALS */
int accuracy_end(struct state *, struct su_run *);
int accuracy_write(struct state *, struct su_out *);
void accuracy_free(struct state *);

#endif
