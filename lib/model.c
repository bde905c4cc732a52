/*
 * model.c - stage models: pipelines of stages, read from INI with inih
 * (stagecheck-model(5)).  The built-in model is seed 003's, compiled in
 * from examples/models/seed003.ini.
 *
 * Read with su_ini_load() (ini.c), from a table of the two sections and
 * their keys; a key's error is said at line 0, the line inih gives when
 * the handler refuses it.
 */
#include "su.h"

#include <errno.h>
#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


static const struct {
	const char *code, *name, *aliases[3];
} comps[SU_NMC] = {
	[SU_MC_M] = {"M", "Metrics", {"metrics"}},
	[SU_MC_E] = {"E", "Economic Buyer", {"economicbuyer", "eb"}},
	[SU_MC_DC] = {"DC", "Decision Criteria", {"decisioncriteria"}},
	[SU_MC_DP] = {"DP", "Decision Process", {"decisionprocess"}},
	[SU_MC_P] = {"P", "Paper Process", {"paperprocess", "pp"}},
	[SU_MC_I] = {"I", "Identify Pain", {"identifypain", "pain"}},
	[SU_MC_CH] = {"CH", "Champion", {"champion"}},
	[SU_MC_CO] = {"CO", "Competition", {"competition"}},
};

const char *
su_mc_code(int c)
{
	return comps[c].code;
}

const char *
su_mc_name(int c)
{
	return comps[c].name;
}

int
su_present(const char *s, size_t len)
{
	/* evidence, not a checkbox: a name or a note is present too */
	return su_yesno(s, len) != SU_NO;
}

/* ---- parsing ----------------------------------------------------------- */

/* a reader's own state */
struct models {
	struct su_model *m;
	struct su_pipeline *p; /* the pipeline being read */
	struct su_stage *cur;  /* the stage being read, or NULL */
};

/* split a comma-separated list into trimmed, non-empty items */
static size_t
split(const char *v, char ***out)
{
	size_t n = 0, len;
	const char *s, *e;
	char **items = NULL;

	for (s = v; *s; s = *e ? e + 1 : e) {
		e = strchr(s, ',');
		if (!e)
			e = s + strlen(s);
		len = (size_t)(e - s);
		{
			const char *t = s;

			su_trim(&t, &len);
			if (len) {
				items = su_xrealloc(items, (n + 1) * sizeof *items);
				items[n++] = su_xstrndup(t, len);
			}
		}
	}
	*out = items;
	return n;
}

static void
free_list(char **l, size_t n)
{
	while (n)
		free(l[--n]);
	free(l);
}

/* the stage of p named s (name or alias, compared normalised), or -1 */
static int
find_stage(const struct su_pipeline *p, const char *s)
{
	size_t i, k;

	for (i = 0; i < p->nstage; i++) {
		if (su_normeq(p->stage[i].name, s))
			return (int)i;
		for (k = 0; k < p->stage[i].nalias; k++)
			if (su_normeq(p->stage[i].alias[k], s))
				return (int)i;
	}
	return -1;
}

/* s normalised into buf (size n) or, when longer, into a fresh buffer */
static char *
norm_into(const char *s, size_t len, char *buf, size_t n)
{
	char *out = len < n ? buf : su_xmalloc(len + 1);

	su_norm(s, len, out);
	return out;
}

static int
parse_requires(struct su_ini_load *ld, const char *v, unsigned *mask)
{
	char **items, n[64];
	size_t ni, i, c, a;
	int ok = 1;

	*mask = 0;
	ni = split(v, &items);
	for (i = 0; i < ni && ok; i++) {
		su_norm(items[i], strlen(items[i]) < 63 ? strlen(items[i]) : 63, n);
		if (strcmp(n, "d") == 0 || strcmp(n, "c") == 0) {
			su_ini_fail(ld, 0, "requires: \"%s\" is ambiguous: write %s",
			    items[i], n[0] == 'd' ? "DC (Decision Criteria) "
			    "or DP (Decision Process)" : "CH (Champion) or CO "
			    "(Competition)");
			ok = 0;
			break;
		}
		for (c = 0; c < SU_NMC; c++) {
			char code[4];

			su_norm(comps[c].code, strlen(comps[c].code), code);
			if (strcmp(n, code) == 0)
				break;
			for (a = 0; a < 3 && comps[c].aliases[a]; a++)
				if (strcmp(n, comps[c].aliases[a]) == 0)
					break;
			if (a < 3 && comps[c].aliases[a])
				break;
		}
		if (c == SU_NMC) {
			su_ini_fail(ld, 0, "requires: \"%s\" is not a MEDDPICC "
			    "component (M, E, DC, DP, P, I, CH, CO, or their "
			    "names)", items[i]);
			ok = 0;
		} else
			*mask |= 1u << c;
	}
	free_list(items, ni);
	return ok;
}

/* [pipeline NAME] (a name needed: else an unknown section) */
static int
open_pipeline(struct su_ini_load *ld, void *ctx, const char *section,
              const char *name, long line)
{
	struct models *c = ctx;
	struct su_model *m = c->m;
	size_t i;

	c->cur = NULL;
	if (!*name) {
		su_ini_fail(ld, line, ld->spec->unknown, section);
		return 0;
	}
	for (i = 0; i < m->np; i++)
		if (su_normeq(m->p[i].name, name)) {
			su_ini_fail(ld, line, "[%s]: a second pipeline named "
			    "\"%s\"", section, name);
			return 0;
		}
	m->p = su_xrealloc(m->p, (m->np + 1) * sizeof *m->p);
	c->p = &m->p[m->np++];
	memset(c->p, 0, sizeof *c->p);
	c->p->name = su_xstrdup(name);
	c->p->line = line;
	c->p->poc = c->p->amount_from = -1;
	return 1;
}

/* [stage NAME], of the pipeline before it */
static int
open_stage(struct su_ini_load *ld, void *ctx, const char *section,
           const char *name, long line)
{
	struct models *c = ctx;
	struct su_pipeline *p = c->p;

	c->cur = NULL;
	if (!*name) {
		su_ini_fail(ld, line, ld->spec->unknown, section);
		return 0;
	}
	if (!p) {
		su_ini_fail(ld, line, "[%s]: a stage before any [pipeline NAME]",
		    section);
		return 0;
	}
	if (find_stage(p, name) >= 0) {
		su_ini_fail(ld, line, "[%s]: a second stage \"%s\" in pipeline "
		    "\"%s\"", section, name, p->name);
		return 0;
	}
	p->stage = su_xrealloc(p->stage, (p->nstage + 1) * sizeof *p->stage);
	c->cur = &p->stage[p->nstage++];
	memset(c->cur, 0, sizeof *c->cur);
	c->cur->name = su_xstrdup(name);
	c->cur->line = line;
	c->cur->cat = -1;
	c->cur->status = -1;
	return 1;
}

/* A header with no keys under it (inih passed it over).  A pipeline needs
 * no keys; a stage needs at least its probability. */
static int
keyless(struct su_ini_load *ld, void *ctx, const char *section, long line)
{
	const struct su_ini_kind *k;
	const char *t = section, *name;

	while (*t == ' ')
		t++;
	if (strncasecmp(t, "pipeline ", 9) == 0) {
		su_ini_kind(ld->spec, section, &name);
		return open_pipeline(ld, ctx, section, name, line);
	}
	if (strncasecmp(t, "stage ", 6) == 0 && ((struct models *)ctx)->p)
		su_ini_fail(ld, line, "[%s] has no probability", t);
	else if (!(k = su_ini_kind(ld->spec, t, &name)))
		su_ini_fail(ld, line, ld->spec->unknown, t);
	else
		k->open(ld, ctx, t, name, line); /* says what is wrong */
	if (!ld->msg[0])
		su_ini_fail(ld, line, "[%s] has no keys", t);
	return 0;
}

static int
set_types(struct su_ini_load *ld, void *ctx, const char *value)
{
	struct su_pipeline *p = ((struct models *)ctx)->p;

	(void)ld;
	p->ntypes = split(value, &p->types);
	return 1;
}

/* default, renewals: yes or no */
static int
set_yesno(struct su_ini_load *ld, const char *key, const char *value,
          int *out)
{
	if (strcmp(value, "yes") != 0 && strcmp(value, "no")) {
		su_ini_fail(ld, 0, "%s = %s: expected yes or no", key, value);
		return 0;
	}
	*out = value[0] == 'y';
	return 1;
}

static int
set_default(struct su_ini_load *ld, void *ctx, const char *value)
{
	return set_yesno(ld, "default", value,
	    &((struct models *)ctx)->p->is_default);
}

static int
set_renewals(struct su_ini_load *ld, void *ctx, const char *value)
{
	return set_yesno(ld, "renewals", value,
	    &((struct models *)ctx)->p->renewals);
}

static int
set_poc(struct su_ini_load *ld, void *ctx, const char *value)
{
	(void)ld;
	((struct models *)ctx)->p->poc_name = su_xstrdup(value);
	return 1;
}

static int
set_amount_from(struct su_ini_load *ld, void *ctx, const char *value)
{
	(void)ld;
	((struct models *)ctx)->p->amount_from_name = su_xstrdup(value);
	return 1;
}

/* a stage's key's error: line 0, the line inih gives */
static int
set_probability(struct su_ini_load *ld, void *ctx, const char *value)
{
	struct su_stage *stg = ((struct models *)ctx)->cur;
	const char *why;

	if (su_rate_parse(value, strlen(value), SU_RATE_PERCENT, &stg->prob,
	    &why) != 0 || stg->prob > SU_RATE_ONE) {
		su_ini_fail(ld, 0, "probability = %s: expected a percentage "
		    "from 0 to 100", value);
		return 0;
	}
	stg->has_prob = 1;
	return 1;
}

static int
set_category(struct su_ini_load *ld, void *ctx, const char *value)
{
	struct su_stage *stg = ((struct models *)ctx)->cur;

	stg->cat = su_category_parse(value, strlen(value));
	if (stg->cat < 0 || stg->cat == SU_CAT_TOTAL) {
		su_ini_fail(ld, 0, "category = %s: expected Closed, Commit, "
		    "Best Case, Pipeline, Omitted or Lost", value);
		return 0;
	}
	return 1;
}

static int
set_requires(struct su_ini_load *ld, void *ctx, const char *value)
{
	return parse_requires(ld, value, &((struct models *)ctx)->cur->own);
}

/* max_days, warn_days, typical_days: a number of days from 1 */
static int
set_days(struct su_ini_load *ld, const char *key, const char *value,
         int *out)
{
	long v;

	if (su_strtonum(value, 1, 100000, &v) != 0) {
		su_ini_fail(ld, 0, "%s = %s: expected a number of days from 1",
		    key, value);
		return 0;
	}
	*out = (int)v;
	return 1;
}

static int
set_max_days(struct su_ini_load *ld, void *ctx, const char *value)
{
	return set_days(ld, "max_days", value,
	    &((struct models *)ctx)->cur->max_days);
}

static int
set_warn_days(struct su_ini_load *ld, void *ctx, const char *value)
{
	return set_days(ld, "warn_days", value,
	    &((struct models *)ctx)->cur->warn_days);
}

static int
set_typical_days(struct su_ini_load *ld, void *ctx, const char *value)
{
	return set_days(ld, "typical_days", value,
	    &((struct models *)ctx)->cur->typical_days);
}

static int
set_status(struct su_ini_load *ld, void *ctx, const char *value)
{
	struct su_stage *stg = ((struct models *)ctx)->cur;

	if (strcmp(value, "open") == 0)
		stg->status = SU_ST_OPEN;
	else if (strcmp(value, "won") == 0)
		stg->status = SU_ST_WON;
	else if (strcmp(value, "lost") == 0)
		stg->status = SU_ST_LOST;
	else {
		su_ini_fail(ld, 0, "status = %s: expected open, won or lost",
		    value);
		return 0;
	}
	return 1;
}

static int
set_aliases(struct su_ini_load *ld, void *ctx, const char *value)
{
	struct su_stage *stg = ((struct models *)ctx)->cur;

	(void)ld;
	stg->nalias = split(value, &stg->alias);
	return 1;
}

/* gate = NAME [SEVERITY]: CONDITION; compiled once the file is read (in
 * finish), so that its caret points into the file */
static int
set_gate(struct su_ini_load *ld, void *ctx, const char *value)
{
	static const char *const sevs[] = {"info", "warn", "error"};
	struct models *c = ctx;
	struct su_pipeline *p = c->p;
	struct su_gate *g;
	const char *colon = strchr(value, ':'), *sp, *end, *v0 = value;
	char name[64];
	size_t nlen, i, slen;
	int sev = SU_GATE_ERROR, optional = 0;
	int here = (int)(c->cur - p->stage);

	if (ld->cont) {
		su_ini_fail(ld, ld->line, "[stage %s]: a gate's condition is "
		    "one line (write a second gate)", c->cur->name);
		return 0;
	}
	if (!colon) {
		su_ini_fail(ld, ld->line, "gate = %s: expected NAME: CONDITION",
		    value);
		return 0;
	}
	nlen = (size_t)(colon - value);
	su_trim(&value, &nlen);
	/* NAME, then perhaps a severity word and "optional" */
	for (sp = value; sp < value + nlen && *sp != ' ' && *sp != '\t'; sp++)
		;
	end = value + nlen;
	nlen = (size_t)(sp - value);
	while (sp < end) {
		const char *w;

		while (sp < end && (*sp == ' ' || *sp == '\t'))
			sp++;
		for (w = sp; sp < end && *sp != ' ' && *sp != '\t'; sp++)
			;
		slen = (size_t)(sp - w);
		if (slen == 0)
			break;
		for (i = 0; i < 3; i++)
			if (strlen(sevs[i]) == slen &&
			    strncmp(w, sevs[i], slen) == 0)
				break;
		if (i < 3)
			sev = (int)i;
		else if (slen == 8 && strncmp(w, "optional", 8) == 0)
			optional = 1;
		else {
			su_ini_fail(ld, ld->line, "gate = %s: \"%.*s\" is "
			    "neither a severity (error, warn, info) nor "
			    "optional", v0, (int)slen, w);
			return 0;
		}
	}
	if (nlen == 0 || nlen >= sizeof name) {
		su_ini_fail(ld, ld->line, "gate = %s: expected NAME: CONDITION",
		    value);
		return 0;
	}
	memcpy(name, value, nlen);
	name[nlen] = '\0';
	if (!su_ini_name_ok(name)) {
		su_ini_fail(ld, ld->line, "gate %s: a gate's name is letters, "
		    "digits, '-', '_' and '.'", name);
		return 0;
	}
	/* named again at a later stage: the earlier one ends there */
	for (i = 0; i < p->ngate; i++) {
		if (p->gate[i].until >= 0 || strcmp(p->gate[i].name, name))
			continue;
		if (p->gate[i].from == here) {
			su_ini_fail(ld, ld->line, "[stage %s]: a second gate "
			    "%s", c->cur->name, name);
			return 0;
		}
		p->gate[i].until = here;
	}
	for (sp = colon + 1; *sp == ' ' || *sp == '\t'; sp++)
		;
	p->gate = su_xrealloc(p->gate, (p->ngate + 1) * sizeof *p->gate);
	g = &p->gate[p->ngate++];
	memset(g, 0, sizeof *g);
	g->name = su_xstrdup(name);
	g->cond = su_xstrdup(sp);
	g->sev = sev;
	g->optional = optional;
	g->from = here;
	g->until = -1;
	g->line = ld->line;
	g->col = ld->vcol + (size_t)(sp - v0);
	return 1;
}

/* drop_gate = NAME, ...: earlier stages' gates that end here */
static int
set_drop_gate(struct su_ini_load *ld, void *ctx, const char *value)
{
	struct models *c = ctx;
	struct su_pipeline *p = c->p;
	char **items;
	size_t ni, i, k;
	int here = (int)(c->cur - p->stage), ok = 1;

	ni = split(value, &items);
	for (i = 0; i < ni && ok; i++) {
		for (k = 0; k < p->ngate; k++)
			if (p->gate[k].until < 0 && p->gate[k].from < here &&
			    strcmp(p->gate[k].name, items[i]) == 0)
				break;
		if (k == p->ngate) {
			su_ini_fail(ld, ld->line, "drop_gate = %s: no gate "
			    "\"%s\" at an earlier stage of pipeline \"%s\"",
			    value, items[i], p->name);
			ok = 0;
		} else
			p->gate[k].until = here;
	}
	free_list(items, ni);
	return ok;
}

static void
unknown_key(struct su_ini_load *ld, void *ctx, const char *key)
{
	(void)ctx;
	su_ini_fail(ld, 0, "unknown key \"%s\" in [%s] (expected %s)", key,
	    ld->cur, ld->kind->expected);
}

static void
twice(struct su_ini_load *ld, void *ctx, const char *key,
      const struct su_ini_key *k)
{
	(void)ctx, (void)k;
	su_ini_fail(ld, 0, "\"%s\" given twice in [%s]", key, ld->cur);
}

static const struct su_ini_key pipeline_keys[] = {
	{"types", set_types, 0},
	{"default", set_default, 0},
	{"poc_stage", set_poc, 0},
	{"amount_from", set_amount_from, 0},
	{"renewals", set_renewals, 0},
	{NULL, NULL, 0},
};

static const struct su_ini_key stage_keys[] = {
	{"probability", set_probability, 0},
	{"category", set_category, 0},
	{"requires", set_requires, 0},
	{"max_days", set_max_days, 0},
	{"warn_days", set_warn_days, 0},
	{"typical_days", set_typical_days, 0},
	{"status", set_status, 0},
	{"aliases", set_aliases, 0},
	{"gate", set_gate, 1},
	{"drop_gate", set_drop_gate, 1},
	{NULL, NULL, 0},
};

static const struct su_ini_kind kinds[] = {
	{"pipeline", 1, pipeline_keys, "types, default, poc_stage, "
	    "amount_from, renewals", open_pipeline},
	{"stage", 1, stage_keys, "probability, category, requires, max_days, "
	    "warn_days, typical_days, status, aliases, gate, drop_gate",
	    open_stage},
	{NULL, 0, NULL, NULL, NULL},
};

/* the status a normalised name gives: Closed Won, Won; Closed Lost, Lost;
 * else -1 */
static int
status_of_norm(const char *n)
{
	if (strcmp(n, "closedwon") == 0 || strcmp(n, "won") == 0)
		return SU_ST_WON;
	if (strcmp(n, "closedlost") == 0 || strcmp(n, "lost") == 0)
		return SU_ST_LOST;
	return -1;
}

/* ... of a stage, by its name or an alias */
static int
status_of_name(const struct su_stage *stg)
{
	size_t a;
	int k;

	for (a = 0; a <= stg->nalias; a++)
		if ((k = status_of_norm(a == 0 ? stg->norm :
		    stg->norm_alias[a - 1])) >= 0)
			return k;
	return -1;
}

/*
 * A stage's status and category, each from the other when the file gives
 * one, else from its name and probability (stagecheck-model(5)), worked
 * out here once: forecast, cyclestat and stagecheck read them and nothing
 * else, so a stage is never closed to one and open to another.  A won
 * stage is Closed, a lost one Lost, an open one never either; a stage at
 * 0% that says nothing more could be an open stage or the lost one, and is
 * refused.
 */
static int
stage_defaults(struct su_ini_load *ld, struct su_stage *stg)
{
	if (stg->status >= 0 && stg->cat >= 0) {
		if ((stg->status == SU_ST_WON) != (stg->cat == SU_CAT_CLOSED) ||
		    (stg->status == SU_ST_LOST && stg->cat != SU_CAT_LOST &&
		    stg->cat != SU_CAT_OMITTED) || (stg->status == SU_ST_OPEN &&
		    stg->cat == SU_CAT_LOST)) {
			su_ini_fail(ld, stg->line, "[stage %s]: status = %s but "
			    "category = %s (a won stage is Closed, a lost one "
			    "Lost or Omitted, an open one neither)", stg->name,
			    stg->status == SU_ST_WON ? "won" : stg->status ==
			    SU_ST_LOST ? "lost" : "open",
			    su_category_name(stg->cat));
			return -1;
		}
	} else if (stg->status < 0 && stg->cat >= 0)
		stg->status = stg->cat == SU_CAT_LOST ? SU_ST_LOST :
		    stg->cat == SU_CAT_CLOSED ? SU_ST_WON : SU_ST_OPEN;
	else if (stg->status < 0) {
		stg->status = status_of_name(stg);
		if (stg->status < 0 && stg->prob == SU_RATE_ONE)
			stg->status = SU_ST_WON;
		else if (stg->status < 0 && stg->prob == 0) {
			su_ini_fail(ld, stg->line, "[stage %s] is at 0%% with no "
			    "status: write status = lost if it is where lost "
			    "deals go, else status = open", stg->name);
			return -1;
		} else if (stg->status < 0)
			stg->status = SU_ST_OPEN;
	}
	/* Salesforce files closed-lost deals as Omitted: still Lost here */
	if (stg->status == SU_ST_LOST)
		stg->cat = SU_CAT_LOST;
	else if (stg->status == SU_ST_WON)
		stg->cat = SU_CAT_CLOSED;
	else if (stg->cat < 0) {
		stg->cat = su_category_of_probability(stg->prob);
		if (stg->cat == SU_CAT_CLOSED) /* open at 100% */
			stg->cat = SU_CAT_COMMIT;
	}
	return 0;
}

/* what the file leaves to be derived, and what is checked once it is all
 * read */
static int
finish(struct su_ini_load *ld, void *ctx)
{
	struct su_model *m = ((struct models *)ctx)->m;
	size_t i, j, ndef = 0;
	unsigned req;

	if (m->np == 0) {
		su_ini_fail(ld, 0, "no [pipeline NAME]");
		return -1;
	}
	for (i = 0; i < m->np; i++) {
		struct su_pipeline *p = &m->p[i];

		ndef += p->is_default;
		if (p->is_default && ndef > 1) {
			su_ini_fail(ld, p->line, "a second default pipeline, \"%s\"",
			    p->name);
			return -1;
		}
		if (p->nstage == 0) {
			su_ini_fail(ld, p->line, "pipeline \"%s\" has no stages",
			    p->name);
			return -1;
		}
		if (p->poc_name && (p->poc = find_stage(p, p->poc_name)) < 0) {
			su_ini_fail(ld, p->line, "poc_stage = %s: no such stage in "
			    "pipeline \"%s\"", p->poc_name, p->name);
			return -1;
		}
		if (p->amount_from_name &&
		    (p->amount_from = find_stage(p, p->amount_from_name)) < 0) {
			su_ini_fail(ld, p->line, "amount_from = %s: no such stage in "
			    "pipeline \"%s\"", p->amount_from_name, p->name);
			return -1;
		}
		p->norm_type = su_xmalloc((p->ntypes + 1) * sizeof *p->norm_type);
		for (j = 0; j < p->ntypes; j++)
			p->norm_type[j] = su_normdup(p->types[j]);
		req = 0;
		for (j = 0; j < p->nstage; j++) {
			struct su_stage *stg = &p->stage[j];
			size_t a;

			stg->norm = su_normdup(stg->name);
			stg->norm_alias = su_xmalloc((stg->nalias + 1) *
			    sizeof *stg->norm_alias);
			for (a = 0; a < stg->nalias; a++)
				stg->norm_alias[a] = su_normdup(stg->alias[a]);

			if (!stg->has_prob) {
				su_ini_fail(ld, stg->line, "[stage %s] has no "
				    "probability", stg->name);
				return -1;
			}
			if (stage_defaults(ld, stg) != 0)
				return -1;
			/* a warning before a limit needs the limit, and
			 * must start after the stage does */
			if (stg->warn_days && (stg->max_days == 0 ||
			    stg->warn_days >= stg->max_days)) {
				su_ini_fail(ld, stg->line, "[stage %s]: "
				    "warn_days = %d needs a max_days above it",
				    stg->name, stg->warn_days);
				return -1;
			}
			if (stg->status != SU_ST_OPEN && stg->typical_days) {
				su_ini_fail(ld, stg->line, "[stage %s] is "
				    "closed: it has no typical_days",
				    stg->name);
				return -1;
			}
			if (stg->status != SU_ST_OPEN && stg->own) {
				su_ini_fail(ld, stg->line, "[stage %s] is closed: "
				    "it cannot require MEDDPICC", stg->name);
				return -1;
			}
			/* cumulative: a stage keeps what earlier open stages
			 * required */
			if (stg->status == SU_ST_OPEN)
				req |= stg->own, stg->req = req;
		}
		for (j = 0; j < p->ngate; j++) {
			struct su_gate *g = &p->gate[j];
			struct su_expr_error err;
			char msg[320];

			if (g->until < 0)
				g->until = (int)p->nstage;
			if (su_expr_parse(g->cond, strlen(g->cond), &g->e,
			    &err)) {
				snprintf(msg, sizeof msg, "gate %s: %s",
				    g->name, err.msg);
				su_ini_caret(ld->file, ld->text, g->line,
				    g->col + err.pos, msg);
				ld->said = 1;
				return -1;
			}
		}
	}
	if (ndef == 0)
		m->p[0].is_default = 1;
	return 0;
}

int
su_model_load(const char *path, struct su_model **out)
{
	char *text, *used;
	int r;

	if (!path)
		return su_model_parse("(built-in model)", su_builtin_model,
		    out);
	if (!(text = su_shipped_slurp(path, "models", "model", &used)))
		return -1;
	r = su_model_parse(used, text, out);
	free(text);
	free(used);
	return r;
}

static const struct su_ini_spec spec = {
	"model", kinds, SU_INI_LEADBLANKS | SU_INI_INIHLINE,
	"a line longer than %d characters",
	"[%s]: expected [pipeline NAME] or [stage NAME]",
	unknown_key, twice, keyless, finish,
};

int
su_model_parse(const char *name, const char *text, struct su_model **out)
{
	struct models c;
	struct su_model *m = su_xmalloc(sizeof *m);

	memset(&c, 0, sizeof c);
	memset(m, 0, sizeof *m);
	m->file = su_xstrdup(name);
	m->text = su_xstrdup(text);
	c.m = m;
	if (su_ini_load(&spec, name, text, &c)) {
		su_model_free(m);
		return -1;
	}
	*out = m;
	return 0;
}

void
su_model_free(struct su_model *m)
{
	size_t i, j;

	if (!m)
		return;
	for (i = 0; i < m->np; i++) {
		struct su_pipeline *p = &m->p[i];

		for (j = 0; j < p->nstage; j++) {
			free(p->stage[j].name);
			free(p->stage[j].norm);
			if (p->stage[j].norm_alias)
				free_list(p->stage[j].norm_alias, p->stage[j].nalias);
			free_list(p->stage[j].alias, p->stage[j].nalias);
		}
		if (p->norm_type)
			free_list(p->norm_type, p->ntypes);
		for (j = 0; j < p->ngate; j++) {
			free(p->gate[j].name);
			free(p->gate[j].cond);
			su_expr_free(p->gate[j].e);
		}
		free(p->gate);
		free(p->stage);
		free(p->name);
		free(p->poc_name);
		free(p->amount_from_name);
		free_list(p->types, p->ntypes);
	}
	free(m->p);
	free(m->file);
	free(m->text);
	free(m);
}

const struct su_pipeline *
su_model_pipeline(const struct su_model *m, const char *type, size_t len)
{
	char buf[128], *t;
	const struct su_pipeline *found = NULL;
	size_t i, k;

	su_trim(&type, &len);
	if (len == 0)
		return su_model_default(m);
	t = norm_into(type, len, buf, sizeof buf);
	for (i = 0; i < m->np && !found; i++)
		for (k = 0; k < m->p[i].ntypes && !found; k++)
			if (strcmp(m->p[i].norm_type[k], t) == 0)
				found = &m->p[i];
	if (t != buf)
		free(t);
	/* a default pipeline that names no types takes every type */
	for (i = 0; i < m->np && !found; i++)
		if (m->p[i].is_default && m->p[i].ntypes == 0)
			found = &m->p[i];
	return found;
}

const struct su_pipeline *
su_model_default(const struct su_model *m)
{
	size_t i;

	for (i = 0; i < m->np; i++)
		if (m->p[i].is_default)
			return &m->p[i];
	return &m->p[0];
}

int
su_gate_holds(const struct su_pipeline *p, const struct su_gate *g, int idx)
{
	/* a closed stage's gate is its own alone: a won deal is not held
	 * to the gates it passed on the way */
	if (p->stage[idx].status != SU_ST_OPEN ||
	    p->stage[g->from].status != SU_ST_OPEN)
		return g->from == idx;
	return g->from <= idx && idx < g->until;
}

int
su_model_stage(const struct su_pipeline *p, const char *s, size_t len)
{
	char buf[128], *t;
	size_t i, k;
	int found = -1;

	su_trim(&s, &len);
	t = norm_into(s, len, buf, sizeof buf);
	for (i = 0; i < p->nstage && found < 0; i++) {
		if (strcmp(p->stage[i].norm, t) == 0)
			found = (int)i;
		for (k = 0; k < p->stage[i].nalias && found < 0; k++)
			if (strcmp(p->stage[i].norm_alias[k], t) == 0)
				found = (int)i;
	}
	if (t != buf)
		free(t);
	return found;
}

/* ---- where a deal stands ------------------------------------------------ */

const char su_stage_usage[] =
"      --won RE, --lost RE, --open RE\n"
"                             stages the model does not know: won, lost or\n"
"                             open when they match (POSIX ERE, any case)\n";

int
su_stage_opt(const char *pat[3], int opt, const char *arg)
{
	if (opt != SU_OPT_WON && opt != SU_OPT_LOST && opt != SU_OPT_OPEN)
		return 0;
	pat[opt == SU_OPT_WON ? SU_ST_WON : opt == SU_OPT_LOST ? SU_ST_LOST :
	    SU_ST_OPEN] = arg;
	return 1;
}

/* a (type, stage) as the model places it: remembered, as the same few
 * pairs come on every row; at most KINDS_MAX pairs of at most KIND_KEY
 * bytes, so memory does not grow with distinct stage strings (past them a
 * pair is placed anew) */
#define KINDS_MAX 1024
#define KIND_KEY 256
struct kind {
	int known, pl, unknown_type, idx, status, cat;
};

/* the pairs last placed, by a few of their bytes (recent_slot), two to a
 * slot (slot and slot + 1: the first placed stays, the second is the last
 * other, so two pairs of one slot both stay): a pair found there is
 * compared where it lies, with no key built or hashed */
#define RECENT 512 /* a power of two */

struct su_place {
	const struct su_model *m;
	regex_t re[3];
	int has_re[3];
	struct su_map *kinds;
	struct su_group *recent[RECENT]; /* entries of kinds, or NULL */
	struct su_groups *unknown; /* stage -> deals */
	char *key;
	size_t keycap;
	long nunknown;
	unsigned char *pl_unknown; /* per pipeline: a deal left out in it */
};

struct su_place *
su_place_new(const struct su_model *m, const char *const pat[3])
{
	struct su_place *pl = su_xmalloc(sizeof *pl);
	static const char *const opt[] = {"open", "won", "lost"};
	char err[256];
	int k, e;

	memset(pl, 0, sizeof *pl);
	pl->m = m;
	pl->kinds = su_map_new(sizeof(struct kind));
	su_map_bound(pl->kinds, KINDS_MAX);
	pl->unknown = su_groups_new(sizeof(long));
	pl->pl_unknown = su_xmalloc(m->np);
	memset(pl->pl_unknown, 0, m->np);
	for (k = 0; k < 3; k++) {
		if (!pat || !pat[k])
			continue;
		e = regcomp(&pl->re[k], pat[k], REG_EXTENDED | REG_ICASE |
		    REG_NOSUB);
		if (e) {
			regerror(e, &pl->re[k], err, sizeof err);
			su_msg(NULL, 0, "--%s %s: %s", opt[k], pat[k], err);
			su_place_free(pl);
			return NULL;
		}
		pl->has_re[k] = 1;
	}
	return pl;
}

void
su_place_free(struct su_place *pl)
{
	int k;

	if (!pl)
		return;
	for (k = 0; k < 3; k++)
		if (pl->has_re[k])
			regfree(&pl->re[k]);
	su_map_free(pl->kinds, NULL);
	su_groups_free(pl->unknown, NULL);
	free(pl->pl_unknown);
	free(pl->key);
	free(pl);
}

static char *
place_key(struct su_place *pl, const char *a, size_t alen, const char *b,
          size_t blen, size_t *len)
{
	*len = alen + blen + 2;
	if (*len > pl->keycap)
		pl->key = su_xrealloc(pl->key, pl->keycap = *len * 2);
	memcpy(pl->key, a, alen);
	pl->key[alen] = '\0';
	memcpy(pl->key + alen + 1, b, blen);
	pl->key[alen + 1 + blen] = '\0';
	return pl->key;
}

/* a slot of recent for a (type, stage), even: from their lengths and a
 * few of their bytes, cheaper than a hash of them all; three pairs in one
 * slot are only a miss, the pair being compared whole */
static size_t
recent_slot(const char *t, size_t tlen, const char *s, size_t slen)
{
	const unsigned char *a = (const unsigned char *)t;
	const unsigned char *b = (const unsigned char *)s;
	uint64_t h = (uint64_t)(tlen & 0xff) << 8 | (slen & 0xff);

	/* the bytes side by side, then a multiply's top bits */
	if (tlen)
		h |= (uint64_t)a[0] << 16 | (uint64_t)a[tlen - 1] << 24;
	if (slen)
		h |= (uint64_t)b[0] << 32 | (uint64_t)b[slen / 2] << 40 |
		    (uint64_t)b[slen - 1] << 48;
	return (size_t)((h * 0x9e3779b97f4a7c15ULL) >> 55) & ~(size_t)1;
}

/* g is the entry of kinds for (type, stage): its key is type, NUL, stage,
 * NUL (fields hold no NUL) */
static inline int
is_pair(const struct su_group *g, const char *type, size_t tlen,
        const char *stage, size_t slen)
{
	return g && g->keylen == tlen + slen + 2 && g->key[tlen] == '\0' &&
	    su_same(g->key, type, tlen) &&
	    su_same(g->key + tlen + 1, stage, slen);
}

void
su_place(struct su_place *pl, const char *type, size_t tlen,
         const char *stage, size_t slen, int flags, struct su_where *w)
{
	const struct su_pipeline *p;
	struct kind *k, once;
	struct su_group *g;
	size_t len, slot;
	int r;

	su_trim_fast(&type, &tlen);
	su_trim_fast(&stage, &slen);
	slot = recent_slot(type, tlen, stage, slen);
	if (!is_pair(g = pl->recent[slot], type, tlen, stage, slen) &&
	    !is_pair(g = pl->recent[slot + 1], type, tlen, stage, slen)) {
		place_key(pl, type, tlen, stage, slen, &len);
		g = len <= KIND_KEY ? su_map_get(pl->kinds, pl->key, len, 1) :
		    NULL;
	}
	if (g)
		k = g->val;
	else {
		memset(&once, 0, sizeof once);
		k = &once;
	}
	if (!k->known) {
		k->known = 1;
		if (!(p = su_model_pipeline(pl->m, type, tlen))) {
			k->unknown_type = 1;
			p = su_model_default(pl->m);
		}
		k->pl = (int)(p - pl->m->p);
		k->idx = su_model_stage(p, stage, slen);
		k->status = k->cat = -1;
		if (k->idx >= 0) {
			k->status = p->stage[k->idx].status;
			k->cat = p->stage[k->idx].cat;
		} else /* a stage named won is won, whatever else it says */
			for (r = SU_ST_WON; r >= 0 && k->status < 0;
			     r = r == SU_ST_WON ? SU_ST_LOST : r == SU_ST_LOST ?
			     SU_ST_OPEN : -1)
				if (pl->has_re[r] && regexec(&pl->re[r],
				    pl->key + tlen + 1, 0, NULL, 0) == 0)
					k->status = r;
		if (k->idx < 0 && k->status < 0) {
			/* named won or lost, as a model's stage would be */
			char buf[32];

			if (slen < sizeof buf) {
				su_norm(stage, slen, buf);
				k->status = status_of_norm(buf);
			}
		}
		if (k->idx < 0 && k->status == SU_ST_WON)
			k->cat = SU_CAT_CLOSED;
		else if (k->idx < 0 && k->status == SU_ST_LOST)
			k->cat = SU_CAT_LOST;
	}
	/* known now, so a pair found in recent never needs pl->key (the
	 * regexec above reads it) */
	if (g && g != pl->recent[slot] && g != pl->recent[slot + 1])
		pl->recent[slot + (pl->recent[slot] != NULL)] = g;
	w->p = &pl->m->p[k->pl];
	w->unknown_type = k->unknown_type;
	w->idx = k->idx;
	w->status = k->status;
	w->cat = k->cat;
	/* IsClosed and IsWon say what the deal is, whatever its stage */
	if (flags == SU_ST_CLOSED) { /* the stage's won or lost stands */
		if (w->status != SU_ST_WON && w->status != SU_ST_LOST)
			w->status = -1;
		return;
	}
	if (flags >= 0 && flags != w->status) {
		w->status = flags;
		w->cat = flags == SU_ST_WON ? SU_CAT_CLOSED :
		    flags == SU_ST_LOST ? SU_CAT_LOST : -1;
	}
}

void
su_place_unknown(struct su_place *pl, const struct su_where *w,
                 const char *stage, size_t slen)
{
	long *n;
	size_t len;

	su_trim(&stage, &slen);
	place_key(pl, stage, slen, "", 0, &len);
	n = su_groups_get(pl->unknown, pl->key, slen + 1);
	++*n;
	pl->nunknown++;
	pl->pl_unknown[w->p - pl->m->p] = 1;
}

long
su_place_nunknown(const struct su_place *pl)
{
	return pl->nunknown;
}

/* "N deals are at stages ...: "A" (2), "B" (1); the P pipeline's stages:
 * ..." */
void
su_place_report(const struct su_place *pl, const char *what)
{
	struct su_group **all;
	char list[2048], stages[2048];
	size_t n, i, j, len = 0, slen = 0;

	all = su_groups_sorted(pl->unknown, &n);
	for (i = 0; i < n && su_list_add(list, sizeof list, &len,
	    "\"%.200s\" (%ld)", all[i]->key, *(long *)all[i]->val) == 0; i++)
		;
	su_list_more(list, sizeof list, len, n - i, "");
	stages[0] = '\0';
	for (i = 0; i < pl->m->np && slen < sizeof stages - 64; i++) {
		const struct su_pipeline *p = &pl->m->p[i];

		if (!pl->pl_unknown[i])
			continue;
		slen += (size_t)snprintf(stages + slen, sizeof stages - slen,
		    "; the %s pipeline's stages: ", p->name);
		for (j = 0; j < p->nstage && slen < sizeof stages - 64; j++)
			slen += (size_t)snprintf(stages + slen,
			    sizeof stages - slen, "%s%s", j ? ", " : "",
			    p->stage[j].name);
	}
	su_msg(NULL, 0, "%ld deal%s at stages the model does not place as "
	    "open, won or lost: %s%s%s (name them with --won, --lost, --open, "
	    "or give a model with -m)%s", pl->nunknown, pl->nunknown == 1 ?
	    " is" : "s are", list, stages, what ? what : "", n ?
	    su_model_hint(all[0]->key, strlen(all[0]->key)) : "");
}

int
su_row_status_read(const struct su_rec *hdr, const struct su_rec *r, int cc,
                   int wc, char *msg, size_t size)
{
	int c = -1, w = -1;

	if (cc >= 0 && (c = su_bool(r->f[cc], r->len[cc])) == -2) {
		snprintf(msg, size, "%s \"%s\": expected true or false",
		    hdr->f[cc], r->f[cc]);
		return -2;
	}
	if (wc >= 0 && (w = su_bool(r->f[wc], r->len[wc])) == -2) {
		snprintf(msg, size, "%s \"%s\": expected true or false",
		    hdr->f[wc], r->f[wc]);
		return -2;
	}
	if (c == 0 && w == 1) {
		snprintf(msg, size, "%s is true but %s is false: a won deal "
		    "is closed", hdr->f[wc], hdr->f[cc]);
		return -2;
	}
	if (c == 0)
		return SU_ST_OPEN;
	if (c == 1 && w >= 0)
		return w ? SU_ST_WON : SU_ST_LOST;
	if (w == 1) /* won is closed, whatever IsClosed leaves blank */
		return SU_ST_WON;
	if (c == 1) /* closed: won or lost, the stage must say */
		return SU_ST_CLOSED;
	return -1; /* they do not say (a lone IsWon false: open or lost) */
}

int
su_row_closed_check(const struct su_rec *hdr, const struct su_rec *r, int cc,
                    int wc, int sc, int status, const struct su_where *w,
                    char *msg, size_t size)
{
	if (status != SU_ST_CLOSED || w->status == SU_ST_WON ||
	    w->status == SU_ST_LOST)
		return 0;
	snprintf(msg, size, "%s is true but %s%s, and the stage%s%s%s does "
	    "not say whether it was won or lost (never counted as open)",
	    hdr->f[cc], wc >= 0 ? hdr->f[wc] : "there is no IsWon column",
	    wc >= 0 ? " is empty" : "", sc >= 0 ? " \"" : "",
	    sc >= 0 ? r->f[sc] : "", sc >= 0 ? "\"" : "");
	return -2;
}

int
su_bool(const char *s, size_t len)
{
	char n[8];

	su_trim(&s, &len);
	if (len == 0)
		return -1;
	if (len >= sizeof n)
		return -2;
	su_norm(s, len, n);
	/* not the whole yes/no list: "unknown" or "null" is no answer */
	if (strcmp(n, "true") == 0 || strcmp(n, "1") == 0 ||
	    strcmp(n, "yes") == 0 || strcmp(n, "y") == 0)
		return 1;
	if (strcmp(n, "false") == 0 || strcmp(n, "0") == 0 ||
	    strcmp(n, "no") == 0 || strcmp(n, "n") == 0)
		return 0;
	return -2;
}
