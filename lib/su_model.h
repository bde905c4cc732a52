/*
 * su_model.h - lib/model.c: stage models (stagecheck-model(5))
 *
 * Prints when loading ("FILE:LINE: ...") and in su_place_new and
 * su_place_report; the lookups print nothing.
 */
#ifndef SU_MODEL_H
#define SU_MODEL_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "su_rate.h"
#include "su_columns.h"

/* MEDDPICC components, in the order of the letters and of the roles
 * SU_R_METRICS.. (role = SU_R_METRICS + component) */
enum su_mc { SU_MC_M, SU_MC_E, SU_MC_DC, SU_MC_DP, SU_MC_P, SU_MC_I,
             SU_MC_CH, SU_MC_CO, SU_NMC };
enum su_status { SU_ST_OPEN, SU_ST_WON, SU_ST_LOST,
                 SU_ST_CLOSED /* su_row_status: closed, won or lost unsaid */ };
struct su_stage {
	char *name, *norm; /* as written; normalised (su_norm) */
	char **alias, **norm_alias;
	size_t nalias;
	su_rate prob;
	int has_prob;
	int cat;           /* enum su_cat */
	unsigned own, req; /* MEDDPICC bits: its own; with earlier stages' */
	int max_days;      /* 0: no limit */
	int warn_days;     /* stage-ending this many days before max_days;
	                      0: none */
	int typical_days;  /* how long a deal usually takes here; 0: not
	                      said */
	int status;        /* enum su_status */
	long line;
};
/* gate = NAME [SEVERITY] [optional]: CONDITION (stagecheck-model(5), GATES): it
 * holds at the open stages from its own up to, not including, until (a
 * later stage that names it again or drops it); a closed stage's gate
 * holds there alone */
struct su_expr;
enum su_gate_sev { SU_GATE_INFO, SU_GATE_WARN, SU_GATE_ERROR };
struct su_gate {
	char *name, *cond;  /* as written */
	struct su_expr *e;  /* compiled; its columns bound by the program */
	int sev;            /* enum su_gate_sev */
	int optional;       /* not checked where the input lacks a column it
	                       names (else that is an error) */
	int from, until;    /* stage indexes */
	long line;
	size_t col;         /* of the condition in its line */
};
struct su_pipeline {
	char *name;
	char **types, **norm_type; /* as written; normalised */
	size_t ntypes;
	int is_default;
	int renewals;           /* renewals = yes: stagecheck --renewals */
	struct su_stage *stage; /* its stages, in order */
	size_t nstage;
	int poc, amount_from; /* stage indexes, or -1 */
	char *poc_name, *amount_from_name;
	long line;
	struct su_gate *gate; /* in the order written */
	size_t ngate;
};
struct su_model {
	char *file, *text; /* text: for a gate's caret */
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
/* gate g holds at stage idx of p */
int su_gate_holds(const struct su_pipeline *p, const struct su_gate *g,
                  int idx);
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
int su_row_status_read(const struct su_rec *hdr, const struct su_rec *r,
                       int cc, int wc, char *msg, size_t size);
static inline int
su_row_status(const struct su_rec *hdr, const struct su_rec *r, int cc,
              int wc, char *msg, size_t size)
{
	/* neither column (most exports): no call a row */
	return cc < 0 && wc < 0 ? -1 :
	    su_row_status_read(hdr, r, cc, wc, msg, size);
}
/* after su_place: -2 (msg says why) when IsClosed is true, IsWon does not
 * say, and the stage (column sc) is not a won or lost one; else 0 */
int su_row_closed_check(const struct su_rec *hdr, const struct su_rec *r,
                        int cc, int wc, int sc, int status,
                        const struct su_where *w, char *msg, size_t size);
static inline int
su_row_closed(const struct su_rec *hdr, const struct su_rec *r, int cc,
              int wc, int sc, int status, const struct su_where *w,
              char *msg, size_t size)
{
	return status != SU_ST_CLOSED ? 0 :
	    su_row_closed_check(hdr, r, cc, wc, sc, status, w, msg, size);
}

#endif
