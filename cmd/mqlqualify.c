/*
 * mqlqualify - decide which marketing-qualified leads become sales-qualified
 * (issue 5): every lead scored against readable rules (mqlqualify-rules(5)),
 * SQLs routed round-robin, the response SLA measured, and the MQL->SQL
 * conversion reported against its target.
 */
#include "su.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

__extension__ typedef __int128 i128;

#define STATE_MAGIC "salesutils-assign-state 1"

struct opts {
	struct su_opts c;
	const char *rules;
	int only;             /* enum su_qual, or -1 */
	char **team;          /* --assign */
	size_t nteam;
	char *team_arg;
	const char *state;    /* --assign-state */
	int64_t sla;          /* seconds, 0: no --sla */
	const char *sla_arg;
	int summary;
	const char *group_by;
	su_rate target;       /* --target, a fraction */
	int fail_under;
	long min_deals;       /* --min-deals: judged leads */
	const char *evaluate; /* --evaluate COLUMN[=VALUE,...] */
	char *outcome;        /* its COLUMN */
	char **conv;          /* its VALUEs (converted), or NULL: yes/no */
	size_t nconv;
};

/* --evaluate: leads, and the converted among them */
struct ecount {
	long n, conv;
};

struct escore {
	long score;
	struct ecount c;
};

/* one group's evaluation: every judged lead with an outcome, per
 * qualification, per criterion met, per score */
struct eval {
	struct ecount all, qual[SU_Q_INVALID];
	struct ecount *crit;  /* per criterion: the leads meeting it */
	struct escore *sc;    /* per score seen, rising */
	size_t nsc, sccap;
};

struct counts {
	long n[SU_NQUAL];
	long breaches;
};

struct state {
	struct opts *o;
	struct su_rules *rules;
	struct su_in *in;
	struct su_expr_env env;
	int col[SU_R_NROLES];
	struct su_gcol *g;
	size_t ng;
	int datecol;           /* for computed groups: MQL or create date */
	size_t next;           /* the rotation: index of the next SDR */
	const char *last;      /* the last SDR assigned, or NULL */
	char *last_read;       /* the state file's last SDR, or NULL */
	struct su_groups *groups;
	unsigned char *keep;   /* input columns written (su_out_own) */
	const char **names;    /* the leads' header */
	struct su_cell *cells; /* a lead's */
	int raw;               /* see write_lead */
	struct counts total;
	struct eval etotal;    /* --evaluate */
	int ocol;              /* its outcome column */
	unsigned char *met;    /* this lead's criteria met */
	long noutcome, ninvalid; /* leads left out of the evaluation */
	char *key;
	size_t keycap;
	/* this lead */
	int qual;
	long score;
	char *reasons;
	size_t rcap, rlen;     /* reasons: its size, its length */
	size_t qual_len[SU_NQUAL]; /* of each su_qual_name */
	int have_resp;
	int64_t resp;          /* seconds */
	const char *breach;
};

static const char usage_text[] =
"usage: mqlqualify [-r RULES] [--only sql|nurture|disqualified|invalid]\n"
"                  [--assign NAME,... [--assign-state FILE]] [--sla DURATION]\n"
"                  [--summary [-g COL,...] [--target PCT] [--fail-under]\n"
"                  [--min-deals N]]\n"
"                  [--evaluate COLUMN[=VALUE,...] [-g COL,...]]\n"
"                  [options] [FILE ...]\n";

static void
usage(FILE *fp)
{
	fputs(usage_text, fp);
	if (fp == stdout)
		printf(
"\nScores each marketing-qualified lead against qualification rules and\n"
"writes every lead, in order, with qualification (sql, nurture,\n"
"disqualified or invalid), score and reasons (the criteria it failed)\n"
"appended.\n"
"\n"
"  -r, --rules FILE           the rules (default: seed 002's SQL criteria\n"
"                             with BANT and the ICP score, built in; see\n"
"                             mqlqualify-rules(5))\n"
"      --only LEVEL           write only the leads of that qualification\n"
"      --assign NAME,...      assign the SQLs round-robin, in input order\n"
"                             (an assigned_to column)\n"
"      --assign-state FILE    where the rotation stopped: read, and updated\n"
"                             atomically, so each run continues it\n"
"      --sla DURATION         response SLA (30s, 5m, 4h, 2d): adds\n"
"                             response_minutes and sla_breach from the MQL\n"
"                             date and first response columns\n"
"      --summary              one row of counts and the MQL->SQL conversion\n"
"                             rate instead of the leads\n"
"  -g, --group-by COL,...     summary per group (columns, or week, month,\n"
"                             quarter, fiscal_year of the MQL date)\n"
"      --target PCT           the conversion target (default 40)\n"
"      --fail-under           exit 1 when the conversion rate is below the\n"
"                             target\n"
"      --min-deals N          a group of fewer judged leads is marked\n"
"                             insufficient, never judged (default 10)\n"
"      --evaluate COLUMN[=VALUE,...]\n"
"                             score the rules against an outcome column\n"
"                             (yes/no, or converted when it is a VALUE):\n"
"                             per qualification, criterion and score\n"
"\n%s", su_common_usage);
}

/* ---- options ----------------------------------------------------------- */

/* "30s", "5m", "4h", "2d": seconds, or -1 */
static int64_t
parse_duration(const char *s)
{
	char num[16];
	size_t n = strlen(s);
	long v;

	/* the number, then one unit letter */
	if (n < 2 || n - 1 >= sizeof num || s[0] < '0' || s[0] > '9')
		return -1;
	memcpy(num, s, n - 1);
	num[n - 1] = '\0';
	if (su_strtonum(num, 0, 100000000, &v) != 0)
		return -1;
	switch (s[n - 1]) {
	case 's': return v;
	case 'm': return v * 60;
	case 'h': return v * 3600;
	case 'd': return v * 86400;
	default: return -1;
	}
}

static int
parse_team(struct opts *o, const char *arg)
{
	char *tok, *save = NULL;
	size_t i, len;

	o->team_arg = su_xstrdup(arg);
	for (tok = strtok_r(o->team_arg, ",", &save); tok;
	     tok = strtok_r(NULL, ",", &save)) {
		const char *t = tok;

		len = strlen(tok);
		su_trim(&t, &len);
		if (len == 0)
			continue;
		((char *)t)[len] = '\0';
		for (i = 0; i < o->nteam; i++)
			if (strcmp(o->team[i], t) == 0) {
				su_msg(NULL, 0, "--assign: %s named twice", t);
				return -1;
			}
		o->team = su_xrealloc(o->team, (o->nteam + 1) *
		    sizeof *o->team);
		o->team[o->nteam++] = (char *)t;
	}
	if (o->nteam == 0) {
		su_msg(NULL, 0, "--assign %s: expected NAME,NAME,...", arg);
		return -1;
	}
	return 0;
}

/* --evaluate COLUMN or COLUMN=VALUE,VALUE...: 0, or -1 (said) */
static int
parse_evaluate(struct opts *o, const char *arg)
{
	char *eq, *tok, *save = NULL;
	const char *t;
	size_t len;

	if (o->evaluate) {
		su_msg(NULL, 0, "--evaluate given twice");
		return -1;
	}
	o->evaluate = arg;
	o->outcome = su_xstrdup(arg);
	if ((eq = strchr(o->outcome, '=')) != NULL) {
		*eq = '\0';
		for (tok = strtok_r(eq + 1, ",", &save); tok;
		     tok = strtok_r(NULL, ",", &save)) {
			t = tok;
			len = strlen(tok);
			su_trim(&t, &len);
			if (len == 0)
				continue;
			((char *)t)[len] = '\0';
			o->conv = su_xrealloc(o->conv, (o->nconv + 1) *
			    sizeof *o->conv);
			o->conv[o->nconv++] = (char *)t;
		}
		if (o->nconv == 0) {
			su_msg(NULL, 0, "--evaluate %s: expected COLUMN or "
			    "COLUMN=VALUE,...", arg);
			return -1;
		}
	}
	if (o->outcome[0] == '\0') {
		su_msg(NULL, 0, "--evaluate %s: expected COLUMN or "
		    "COLUMN=VALUE,...", arg);
		return -1;
	}
	return 0;
}

enum { OPT_ONLY = SU_OPT_PROGRAM_BASE, OPT_ASSIGN, OPT_STATE, OPT_SLA,
       OPT_SUMMARY, OPT_TARGET, OPT_FAIL_UNDER, OPT_MIN_DEALS, OPT_EVALUATE };

static void
init(void *self)
{
	struct opts *o = ((struct state *)self)->o;

	o->only = -1;
	o->target = SU_RATE_ONE / 100 * 40;
	o->min_deals = SU_MIN_DEALS;
}

static int
option(void *self, int c, const char *arg)
{
	struct opts *o = ((struct state *)self)->o;

	switch (c) {
	case 'r':
		o->rules = arg;
		return 0;
	case 'g':
		o->group_by = arg;
		return 0;
	case OPT_ONLY:
		o->only = su_opt_choice("--only", arg, su_qual_name, SU_NQUAL);
		return o->only < 0 ? -1 : 0;
	case OPT_ASSIGN:
		if (o->team) {
			su_msg(NULL, 0, "--assign given twice");
			return -1;
		}
		return parse_team(o, arg);
	case OPT_STATE:
		o->state = arg;
		return 0;
	case OPT_SLA:
		if ((o->sla = parse_duration(arg)) <= 0) {
			su_msg(NULL, 0, "--sla %s: expected a duration such as "
			    "30s, 5m, 4h or 2d", arg);
			return -1;
		}
		o->sla_arg = arg;
		return 0;
	case OPT_SUMMARY:
		o->summary = 1;
		return 0;
	case OPT_TARGET:
		return su_opt_pct("--target", arg, &o->target);
	case OPT_FAIL_UNDER:
		o->fail_under = 1;
		return 0;
	case OPT_MIN_DEALS:
		return su_opt_min_deals(arg, &o->min_deals);
	case OPT_EVALUATE:
		return parse_evaluate(o, arg);
	}
	abort(); /* in longopts, handled by nobody */
}

/* ---- the round-robin state --------------------------------------------- */

/* the state file: a magic line, then "last NAME" (the last lead's SDR);
 * nothing else.  0, or -1 (said; the file is not touched).  A missing file
 * starts the rotation. */
static int
read_state(const char *path, char **last)
{
	char *text, *l, *e;
	int seen_magic = 0, seen_last = 0;
	long line = 0;
	struct stat sb;

	*last = NULL;
	if (stat(path, &sb) != 0) {
		if (errno == ENOENT)
			return 0;
		/* another error: su_slurp says it */
	} else if (!S_ISREG(sb.st_mode)) {
		/* it is replaced by a rename: never over a device (/dev/full
		 * would also be read for ever), a FIFO or a directory */
		su_msg(path, 0, "not a regular file; a round-robin state file is "
		    "replaced whole, by a rename, so it cannot be a device, a "
		    "FIFO or a directory");
		return -1;
	}
	if (!(text = su_slurp(path, "state file")))
		return -1;
	for (l = text; *l; l = e) {
		char *nl = strchr(l, '\n');

		if (nl)
			*nl = '\0', e = nl + 1;
		else
			e = l + strlen(l);
		line++;
		if (*l && l[strlen(l) - 1] == '\r')
			l[strlen(l) - 1] = '\0';
		if (*l == '#' || *l == '\0')
			continue;
		if (!seen_magic) {
			if (strcmp(l, STATE_MAGIC) != 0)
				goto foreign;
			seen_magic = 1;
		} else if (strncmp(l, "last ", 5) == 0 && !seen_last) {
			*last = su_xstrdup(l + 5);
			seen_last = 1;
		} else {
			su_msg(path, line, "not a line of a round-robin state "
			    "file; left as it is");
			goto bad;
		}
	}
	if (!seen_magic)
		goto foreign;
	free(text);
	return 0;
foreign:
	su_msg(path, line, "not a mqlqualify round-robin state file (its "
	    "first line is not \"%s\"); left as it is", STATE_MAGIC);
bad:
	free(*last);
	*last = NULL;
	free(text);
	return -1;
}

/* written beside the file, put in place with the leads by su_out_done:
 * the rotation moves on with the output, or not at all */
static int
write_state(struct su_out *out, const char *path, const char *last)
{
	FILE *fp;

	if (!(fp = su_out_side(out, path, "the state", "the leads")))
		return -1;
	fprintf(fp, "# where mqlqualify --assign stopped; written by "
	    "mqlqualify\n%s\n", STATE_MAGIC);
	if (last)
		fprintf(fp, "last %s\n", last);
	return 0;
}

/* ---- one lead ---------------------------------------------------------- */

static void
add_reason(struct state *st, const char *name, size_t len, size_t *n)
{
	if (*n + len + 2 > st->rcap)
		st->reasons = su_xrealloc(st->reasons,
		    st->rcap = (*n + len + 2) * 2);
	if (*n)
		st->reasons[(*n)++] = ';';
	memcpy(st->reasons + *n, name, len + 1);
	*n += len;
}

/* the lead's verdict (an invalid one marked so): SU_OK, or SU_STOP
 * (said) */
static enum su_result
judge(struct state *st, const struct su_rec *r)
{
	const struct su_rules *ru = st->rules;
	struct su_expr_fault f;
	size_t i, n = 0;
	int v, qual;
	long score = 0;

	if (!st->reasons)
		st->reasons = su_xmalloc(st->rcap = 64);
	st->reasons[0] = '\0';
	st->rlen = 0;
	qual = -1;
	for (i = 0; i < ru->nc; i++) {
		const struct su_criterion *c = &ru->c[i];

		v = su_expr_eval(c->e, r, &st->env, &f);
		if (v < 0) {
			long line;
			size_t col;

			su_rules_where(ru, i, f.pos, &line, &col);
			if (su_in_flag(st->in, r, "criterion %s (%s:%ld): %s "
			    "\"%.*s\": %s", c->name, ru->file, line, f.column,
			    (int)(f.vlen > 60 ? 60 : f.vlen), f.value, f.why) ==
			    SU_STOP)
				return SU_STOP;
			st->qual = SU_Q_INVALID;
			n = 0;
			add_reason(st, c->name, c->namelen, &n);
			st->rlen = n;
			return SU_OK;
		}
		if (st->met)
			st->met[i] = v != 0;
		if (v) {
			score += c->points;
			continue;
		}
		add_reason(st, c->name, c->namelen, &n);
		if (c->required == SU_Q_SQL && qual < SU_Q_NURTURE)
			qual = SU_Q_NURTURE;
		else if (c->required == SU_Q_NURTURE)
			qual = SU_Q_DISQUALIFIED;
	}
	st->score = score;
	st->rlen = n;
	v = score >= ru->sql ? SU_Q_SQL : score >= ru->nurture ?
	    SU_Q_NURTURE : SU_Q_DISQUALIFIED;
	st->qual = qual > v ? qual : v; /* the lower of score and required */
	return SU_OK;
}

/* the response time and the SLA verdict (a lead whose times cannot be
 * read marked invalid): SU_OK, or SU_STOP (said) */
static enum su_result
sla(struct state *st, const struct su_rec *r)
{
	const char *why;
	int64_t mql;
	int rc, k, role;

	st->have_resp = 0;
	st->breach = "";
	for (k = 0; k < 2; k++) {
		int64_t *dst = k ? &st->resp : &mql;

		role = k ? SU_R_RESPONSE : SU_R_MQL_DATE;
		rc = su_time_parse(r->f[st->col[role]], r->len[st->col[role]],
		    st->o->c.dmy, dst, &why);
		if (rc < 0) {
			if (su_in_flag(st->in, r, "%s \"%.*s\": %s",
			    su_role_name(role), (int)(r->len[st->col[role]] > 60
			    ? 60 : r->len[st->col[role]]), r->f[st->col[role]],
			    why) == SU_STOP)
				return SU_STOP;
			st->qual = SU_Q_INVALID;
			strcpy(st->reasons, "sla");
			st->rlen = 3;
			return SU_OK;
		}
		if (rc == 1) {
			if (k == 0) /* no MQL time: no SLA to measure */
				return SU_OK;
			/* no response yet: breached once the deadline is
			 * before the --as-of day began */
			st->breach = mql + st->o->sla < (int64_t)st->env.today *
			    86400 ? "yes" : "pending";
			return SU_OK;
		}
	}
	st->have_resp = 1;
	st->resp -= mql;
	st->breach = st->resp > st->o->sla ? "yes" : "no";
	return SU_OK;
}

#define str su_cell_str

/* raw: the record's text can be written as it was read (CSV in, CSV out,
 * no --excel-safe): only the appended columns are formatted */
static int
write_lead(struct state *st, struct su_out *out, const struct su_rec *r,
           struct su_cell *cells, int raw)
{
	size_t i, k = 0;
	const char *who = "";

	if (!raw)
		for (i = 0; i < r->n; i++) {
			if (!st->keep[i])
				continue; /* an earlier run's verdict */
			memset(&cells[k], 0, sizeof cells[k]);
			cells[k].type = SU_C_STR;
			cells[k].s = r->f[i];
			cells[k++].len = r->len[i];
		}
	else
		k = r->n;
	i = k; /* where the appended columns start */
	cells[k++] = su_cell_text(su_qual_name[st->qual],
	    st->qual_len[st->qual]);
	memset(&cells[k], 0, sizeof cells[k]);
	if (st->qual != SU_Q_INVALID) {
		cells[k].type = SU_C_INT;
		cells[k].v = st->score;
	}
	k++;
	cells[k++] = su_cell_text(st->reasons, st->rlen);
	if (st->o->team) {
		if (st->qual == SU_Q_SQL) {
			who = st->o->team[st->next];
			st->last = who;
			st->next = (st->next + 1) % st->o->nteam;
		}
		cells[k++] = str(who);
	}
	if (st->o->sla) {
		memset(&cells[k], 0, sizeof cells[k]);
		if (st->have_resp) {
			cells[k].type = SU_C_DAYS; /* v/d, one decimal */
			cells[k].v = st->resp;
			cells[k].d = 60;
		}
		k++;
		cells[k++] = str(st->breach);
	}
	if (raw)
		return su_out_row_raw(out, r->raw, r->rawlen, i, cells + i);
	return su_out_row(out, cells);
}

/* ---- the summary ------------------------------------------------------- */

static void
count(struct state *st, struct counts *c)
{
	c->n[st->qual]++;
	c->breaches += strcmp(st->breach, "yes") == 0;
}

static void
count_lead(struct state *st, const struct su_rec *r, int32_t day)
{
	size_t len;

	count(st, &st->total);
	if (!st->ng)
		return;
	len = su_group_key(st->g, st->ng, r, day, st->o->c.fy_start, &st->key,
	    &st->keycap);
	count(st, su_groups_get(st->groups, st->key, len));
}

static long
judged_of(const struct counts *c)
{
	return c->n[SU_Q_SQL] + c->n[SU_Q_NURTURE] + c->n[SU_Q_DISQUALIFIED];
}

/* below target: sqls / judged < target, exactly */
static int
below(const struct counts *c, su_rate target)
{
	long judged = judged_of(c);

	return judged > 0 && (i128)c->n[SU_Q_SQL] * SU_RATE_ONE <
	    (i128)target * judged;
}

static int
summary_row(struct state *st, struct su_out *out, const char *const *key,
            const struct counts *c)
{
	struct su_cell cells[64 + 16]; /* the groups (at most 64), ours */
	long judged = judged_of(c);
	size_t i, k = 0;
	int q, few;

	for (i = 0; i < st->ng; i++)
		cells[k++] = str(key[i]);
	memset(&cells[k], 0, sizeof cells[k]);
	cells[k].type = SU_C_INT;
	cells[k++].v = judged + c->n[SU_Q_INVALID];
	for (q = 0; q < SU_NQUAL; q++) {
		memset(&cells[k], 0, sizeof cells[k]);
		cells[k].type = SU_C_INT;
		cells[k++].v = c->n[q];
	}
	memset(&cells[k], 0, sizeof cells[k]);
	if (judged) {
		cells[k].type = SU_C_PCT;
		cells[k].v = c->n[SU_Q_SQL];
		cells[k].d = judged;
	}
	k++;
	memset(&cells[k], 0, 2 * sizeof cells[k]);
	if (judged) {
		double lo, hi;

		su_wilson(c->n[SU_Q_SQL], judged, &lo, &hi);
		cells[k] = su_cell_num(SU_C_PCT, su_ppb(lo), SU_PPB);
		cells[k + 1] = su_cell_num(SU_C_PCT, su_ppb(hi), SU_PPB);
	}
	k += 2;
	few = su_insufficient(judged, st->o->min_deals);
	cells[k++] = str(few ? SU_INSUFFICIENT : "ok");
	memset(&cells[k], 0, sizeof cells[k]);
	cells[k].type = SU_C_PCT;
	cells[k].v = st->o->target;
	cells[k++].d = SU_RATE_ONE;
	cells[k++] = str(!judged ? "" : few ? SU_INSUFFICIENT :
	    below(c, st->o->target) ? "no" : "yes");
	if (st->o->sla) {
		memset(&cells[k], 0, sizeof cells[k]);
		cells[k].type = SU_C_INT;
		cells[k++].v = c->breaches;
	}
	return su_out_row(out, cells);
}

/* fn's rows of each -g group, sorted, then of the Total (total) */
static int
each_group(struct state *st, struct su_out *out, int (*fn)(struct state *,
           struct su_out *, const char *const *, const void *),
           const void *total)
{
	const char *key[64];
	struct su_group **gs;
	size_t i, j, n;
	int e;

	if (st->ng) {
		gs = su_groups_sorted(st->groups, &n);
		for (i = 0; i < n; i++) {
			const char *p = gs[i]->key;

			for (j = 0; j < st->ng; j++, p += strlen(p) + 1)
				key[j] = p;
			if ((e = fn(st, out, key, gs[i]->val)) != 0)
				return e;
		}
		key[0] = "Total";
		for (i = 1; i < st->ng; i++)
			key[i] = "";
	}
	return fn(st, out, key, total);
}

static int
summary_group(struct state *st, struct su_out *out, const char *const *key,
              const void *c)
{
	return summary_row(st, out, key, c);
}

static int
write_summary(struct state *st, struct su_out *out)
{
	const char *names[64 + 16];
	size_t i, k = 0;
	int e;

	for (i = 0; i < st->ng; i++)
		names[k++] = st->g[i].name;
	names[k++] = "mqls";
	names[k++] = "sqls";
	names[k++] = "nurture";
	names[k++] = "disqualified";
	names[k++] = "invalid";
	names[k++] = "conversion_rate";
	names[k++] = "conversion_low";
	names[k++] = "conversion_high";
	names[k++] = "sample";
	names[k++] = "target";
	names[k++] = "target_met";
	if (st->o->sla)
		names[k++] = "sla_breaches";
	if ((e = su_out_header(out, k, names)) != 0)
		return e;
	return each_group(st, out, summary_group, &st->total);
}

/* ---- --evaluate -------------------------------------------------------- */

/* the lead's outcome: 1 converted, 0 not, 2 none (an empty cell: left out
 * of the evaluation, counted), or su_in_reject's SU_SKIP/SU_STOP as -1
 * with *res set */
static int
outcome(struct state *st, const struct su_rec *r, enum su_result *res)
{
	const struct opts *o = st->o;
	const char *v = r->f[st->ocol];
	size_t len = r->len[st->ocol], i;
	int k;

	su_trim_fast(&v, &len);
	if (len == 0)
		return 2;
	if (o->conv) {
		for (i = 0; i < o->nconv; i++)
			if (strlen(o->conv[i]) == len &&
			    strncasecmp(o->conv[i], v, len) == 0)
				return 1;
		return 0;
	}
	if ((k = su_yesno(v, len)) != SU_NEITHER)
		return k == SU_YES;
	/* never guessed: "Opportunity" in a yes/no outcome is a stage */
	*res = su_in_reject(st->in, r, "%s \"%.*s\": neither yes nor no; "
	    "name the converted values with --evaluate '%s=VALUE,...'",
	    o->outcome, (int)(len > 60 ? 60 : len), v, o->outcome);
	return -1;
}

static void
ecount(struct ecount *c, int conv)
{
	c->n++;
	c->conv += conv;
}

static void
eval_add(struct state *st, struct eval *e, int conv)
{
	size_t i, nc = st->rules->nc;

	ecount(&e->all, conv);
	ecount(&e->qual[st->qual], conv);
	if (!e->crit) {
		e->crit = su_xmalloc((nc ? nc : 1) * sizeof *e->crit);
		memset(e->crit, 0, (nc ? nc : 1) * sizeof *e->crit);
	}
	for (i = 0; i < nc; i++)
		if (st->met[i])
			ecount(&e->crit[i], conv);
	/* the scores seen, kept rising (a rule set has few) */
	for (i = 0; i < e->nsc && e->sc[i].score < st->score; i++)
		;
	if (i == e->nsc || e->sc[i].score != st->score) {
		if (e->nsc == e->sccap) {
			e->sccap = e->sccap ? e->sccap * 2 : 16;
			e->sc = su_xrealloc(e->sc, e->sccap * sizeof *e->sc);
		}
		memmove(e->sc + i + 1, e->sc + i, (e->nsc - i) *
		    sizeof *e->sc);
		memset(&e->sc[i], 0, sizeof e->sc[i]);
		e->sc[i].score = st->score;
		e->nsc++;
	}
	ecount(&e->sc[i].c, conv);
}

static void
free_eval(void *p)
{
	struct eval *e = p;

	free(e->crit);
	free(e->sc);
}

/* a ratio cell a / b, empty when b is 0 */
static struct su_cell
ratio(enum su_ctype type, int64_t a, int64_t b)
{
	struct su_cell c;

	memset(&c, 0, sizeof c);
	if (b > 0)
		c = su_cell_num(type, a, b);
	return c;
}

/* one row: the group, what is measured, its counts and ratios against
 * the group's base (all) */
static int
eval_row(struct state *st, struct su_out *out, const char *const *key,
         const char *measure, const char *value, const struct ecount *x,
         const struct ecount *all)
{
	struct su_cell c[64 + 16];
	size_t i, k = 0;
	long nc = all->n - all->conv;

	for (i = 0; i < st->ng; i++)
		c[k++] = str(key[i]);
	c[k++] = str(measure);
	c[k++] = str(value);
	c[k++] = su_cell_num(SU_C_INT, x->n, 1);
	c[k++] = su_cell_num(SU_C_INT, x->conv, 1);
	c[k++] = su_cell_num(SU_C_INT, x->n - x->conv, 1);
	c[k++] = ratio(SU_C_PCT, x->conv, x->n);
	memset(&c[k], 0, 2 * sizeof c[k]);
	if (x->n) {
		double lo, hi;

		su_wilson(x->conv, x->n, &lo, &hi);
		c[k] = su_cell_num(SU_C_PCT, su_ppb(lo), SU_PPB);
		c[k + 1] = su_cell_num(SU_C_PCT, su_ppb(hi), SU_PPB);
	}
	k += 2;
	c[k++] = ratio(SU_C_PCT, x->conv, all->conv);
	c[k++] = ratio(SU_C_PCT, x->n - x->conv, nc);
	c[k++] = ratio(SU_C_PCT, x->n, all->n);
	/* lift: (conv / n) / (all conv / all n), exactly as one ratio */
	c[k++] = x->n && all->conv ? su_cell_num(SU_C_RATIO, (int64_t)x->conv *
	    all->n, (int64_t)x->n * all->conv) : ratio(SU_C_RATIO, 0, 0);
	c[k++] = str(su_insufficient(x->n, st->o->min_deals) ?
	    SU_INSUFFICIENT : "ok");
	return su_out_row(out, c);
}

static int
eval_group(struct state *st, struct su_out *out, const char *const *key,
           const void *ev)
{
	const struct eval *e = ev;
	char num[32];
	struct ecount at;
	size_t i;
	int q, rc;

	if ((rc = eval_row(st, out, key, "all", "", &e->all, &e->all)) != 0)
		return rc;
	for (q = 0; q < SU_Q_INVALID; q++)
		if ((rc = eval_row(st, out, key, "qualification",
		    su_qual_name[q], &e->qual[q], &e->all)) != 0)
			return rc;
	for (i = 0; i < st->rules->nc; i++)
		if ((rc = eval_row(st, out, key, "criterion",
		    st->rules->c[i].name, e->crit ? &e->crit[i] :
		    &(struct ecount){0, 0}, &e->all)) != 0)
			return rc;
	/* the sweep: the leads scoring at least each score seen, as if it
	 * were the sql threshold */
	memset(&at, 0, sizeof at);
	for (i = e->nsc; i > 0; i--) {
		at.n += e->sc[i - 1].c.n;
		at.conv += e->sc[i - 1].c.conv;
	}
	for (i = 0; i < e->nsc; i++) {
		snprintf(num, sizeof num, "%ld", e->sc[i].score);
		if ((rc = eval_row(st, out, key, "score_at_least", num, &at,
		    &e->all)) != 0)
			return rc;
		at.n -= e->sc[i].c.n;
		at.conv -= e->sc[i].c.conv;
	}
	return 0;
}

static int
write_eval(struct state *st, struct su_out *out)
{
	static const char *const fixed[] = {"measure", "value", "leads",
	    "converted", "not_converted", "conversion_rate", "conversion_low",
	    "conversion_high", "of_converted", "of_not_converted", "share",
	    "lift", "sample"};
	const char *names[64 + 16];
	size_t i, k = 0;
	int e;

	for (i = 0; i < st->ng; i++)
		names[k++] = st->g[i].name;
	for (i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
		names[k++] = fixed[i];
	if ((e = su_out_header(out, k, names)) != 0)
		return e;
	return each_group(st, out, eval_group, &st->etotal);
}

/* a lead for --evaluate: its outcome, then counted in its group and the
 * total */
static enum su_result
eval_lead(struct state *st, const struct su_rec *r, int32_t day)
{
	enum su_result res = SU_OK;
	size_t len;
	int k;

	if ((k = outcome(st, r, &res)) < 0)
		return res;
	if (judge(st, r) == SU_STOP)
		return SU_STOP;
	if (st->qual == SU_Q_INVALID) {
		st->ninvalid++; /* said at the end */
		return SU_OK;
	}
	if (k == 2) {
		st->noutcome++; /* said at the end */
		return SU_OK;
	}
	eval_add(st, &st->etotal, k);
	if (st->ng) {
		len = su_group_key(st->g, st->ng, r, day, st->o->c.fy_start,
		    &st->key, &st->keycap);
		eval_add(st, su_groups_get(st->groups, st->key, len), k);
	}
	return SU_OK;
}

/* ---- the run ----------------------------------------------------------- */

/* the options together, the rules, where the rotation stopped, the
 * columns wanted */
static int
setup(void *self, struct su_run *run)
{
	struct state *st = self;
	struct opts *o = st->o;
	size_t i;

	if (o->state && !o->team) {
		su_msg(NULL, 0, "--assign-state needs --assign");
		return -1;
	}
	if (o->summary && (o->team || o->only >= 0)) {
		su_msg(NULL, 0, "--summary counts every lead: it does not go "
		    "with %s", o->team ? "--assign" : "--only");
		return -1;
	}
	if (o->evaluate && (o->summary || o->team || o->only >= 0 ||
	    o->sla)) {
		su_msg(NULL, 0, "--evaluate writes a report of its own: it "
		    "does not go with %s", o->summary ? "--summary" : o->team ?
		    "--assign" : o->only >= 0 ? "--only" : "--sla");
		return -1;
	}
	if (!o->summary && o->group_by && !o->evaluate) {
		su_msg(NULL, 0, "-g/--group-by needs --summary or --evaluate");
		return -1;
	}
	if (!o->summary && o->fail_under) {
		su_msg(NULL, 0, "--fail-under needs --summary");
		return -1;
	}
	st->env.dmy = o->c.dmy;
	st->env.decimal_comma = o->c.decimal_comma;
	st->env.today = o->c.as_of;
	st->env.yn = su_yn_new();
	if (su_rules_load(o->rules, &st->rules))
		return -1;
	if (o->state) {
		if (read_state(o->state, &st->last_read))
			return -1;
		if ((st->last = st->last_read)) {
			for (i = 0; i < o->nteam; i++)
				if (strcmp(o->team[i], st->last) == 0)
					break;
			if (i < o->nteam)
				st->next = (i + 1) % o->nteam;
			else
				su_msg(o->state, 0, "the last SDR assigned, "
				    "%s, is not in --assign; the rotation "
				    "starts again with %s", st->last,
				    o->team[0]);
		}
	}
	st->groups = su_groups_new_pivot(o->evaluate ? sizeof(struct eval) :
	    sizeof(struct counts));
	if (o->evaluate)
		st->met = su_xmalloc(st->rules->nc + 1);
	if (o->sla)
		run->want[SU_R_MQL_DATE] = run->want[SU_R_RESPONSE] =
		    SU_COL_REQUIRED;
	else if (o->group_by)
		run->want[SU_R_MQL_DATE] = run->want[SU_R_CREATED] =
		    SU_COL_OPTIONAL;
	return 0;
}

/* the rules' columns, and the groups' */
static int
header(void *self, struct su_run *run)
{
	struct state *st = self;
	const struct opts *o = st->o;
	const struct su_rec *hdr = &run->hdr;
	size_t i;

	st->in = run->in;
	memcpy(st->col, run->col, sizeof st->col);
	if (su_rules_bind(st->rules, hdr->file, hdr))
		return -1;
	st->datecol = st->col[SU_R_MQL_DATE] >= 0 ? st->col[SU_R_MQL_DATE] :
	    st->col[SU_R_CREATED];
	if (o->evaluate && (st->ocol = su_find_header(hdr, o->outcome)) < 0) {
		su_msg(hdr->file, 0, "--evaluate %s: %s column %s", o->evaluate,
		    st->ocol == -1 ? "no" : "more than one", o->outcome);
		return -1;
	}
	if (!o->group_by)
		return 0;
	if (su_group_resolve(hdr->file, o->group_by, hdr, &o->c, &st->g,
	    &st->ng))
		return -1;
	if (st->ng > 64) {
		su_msg(NULL, 0, "-g: at most 64 columns");
		return -1;
	}
	for (i = 0; i < st->ng; i++)
		if (st->g[i].kind != SU_G_COLUMN && st->datecol < 0) {
			su_msg(hdr->file, 0, "-g %s needs the lead's date: "
			    "an MQL date column (Became a Marketing Qualified "
			    "Lead Date) or a Create Date column (or -c "
			    "mql_date=...)", st->g[i].name);
			return -1;
		}
	return 0;
}

/* The leads' header: the input's columns, then this run's.  The output is
 * opened before the leads even for --summary, which writes it at the end:
 * an -o that cannot be made stops the run before a lead is read. */
static int
start(void *self, struct su_run *run)
{
	struct state *st = self;
	const struct opts *o = st->o;
	const struct su_rec *hdr = &run->hdr;
	const char *own[8];
	size_t i, k = 0, nown = 0;

	if (o->summary || o->evaluate)
		return 0;
	for (i = 0; i < SU_NQUAL; i++)
		st->qual_len[i] = strlen(su_qual_name[i]);
	/* each lead's text as read, when it is already the CSV to write */
	st->raw = o->c.format == SU_FMT_CSV && !o->c.tsv && !o->c.excel_safe &&
	    (o->c.delim < 0 || o->c.delim == ',');
	own[nown++] = "qualification";
	own[nown++] = "score";
	own[nown++] = "reasons";
	if (o->team)
		own[nown++] = "assigned_to";
	if (o->sla) {
		own[nown++] = "response_minutes";
		own[nown++] = "sla_breach";
	}
	/* mqlqualify's output fed back in: its columns once, this run's,
	 * never a second set beside the first */
	st->keep = su_xmalloc(hdr->n + 1);
	if (su_out_own(hdr, own, nown, st->keep))
		st->raw = 0;
	st->names = su_xmalloc((hdr->n + 8) * sizeof *st->names);
	st->cells = su_xmalloc((hdr->n + 8) * sizeof *st->cells);
	for (i = 0; i < hdr->n; i++)
		if (st->keep[i])
			st->names[k++] = hdr->f[i];
	for (i = 0; i < nown; i++)
		st->names[k++] = own[i];
	return su_out_header(run->out, k, st->names);
}

/* the day a lead is grouped by (computed groups): SU_OK, or the lead
 * refused (SU_SKIP, SU_STOP) */
static enum su_result
group_day(struct state *st, const struct su_rec *r, int32_t *day)
{
	size_t i;
	const char *why;
	int rc;

	for (i = 0; i < st->ng; i++)
		if (st->g[i].kind != SU_G_COLUMN)
			break;
	if (i == st->ng)
		return SU_OK;
	rc = su_date_parse(r->f[st->datecol], r->len[st->datecol],
	    st->o->c.dmy, day, &why);
	if (rc == 0)
		return SU_OK;
	if (rc == 1)
		why = "empty (a lead is grouped by its date)";
	return su_in_reject(st->in, r, "%s \"%.*s\": %s",
	    su_role_name(st->datecol == st->col[SU_R_MQL_DATE] ? SU_R_MQL_DATE
	    : SU_R_CREATED), (int)(r->len[st->datecol] > 60 ? 60 :
	    r->len[st->datecol]), r->f[st->datecol], why);
}

/* a lead judged, then written (or counted for --summary): SU_OK, refused
 * (SU_SKIP), or the end (SU_STOP) */
static enum su_result
lead(void *self, struct su_run *run, const struct su_rec *r)
{
	struct state *st = self;
	const struct opts *o = st->o;
	enum su_result res;
	int32_t day = 0;

	if ((o->summary || o->evaluate) && st->ng &&
	    (res = group_day(st, r, &day)) != SU_OK)
		return res;
	if (o->evaluate)
		return eval_lead(st, r, day);
	st->breach = "";
	st->have_resp = 0;
	if (judge(st, r) == SU_STOP)
		return SU_STOP;
	if (o->sla && st->qual != SU_Q_INVALID && sla(st, r) == SU_STOP)
		return SU_STOP;
	if (o->summary)
		count_lead(st, r, day);
	else if ((o->only < 0 || o->only == st->qual) &&
	    (run->oerr = write_lead(st, run->out, r, st->cells, st->raw)) != 0)
		return SU_STOP;
	return SU_OK;
}

/* the input read: what is said of it */
static int
end(void *self, struct su_run *run)
{
	struct state *st = self;

	su_groups_say_respelled(st->groups);
	su_yn_say(st->env.yn, &run->hdr);
	if (st->ninvalid)
		su_msg(NULL, 0, "--evaluate: %ld invalid lead%s left out of "
		    "the evaluation", st->ninvalid, st->ninvalid == 1 ? "" :
		    "s");
	if (st->noutcome)
		su_msg(NULL, 0, "--evaluate: %ld lead%s no %s; left out of the "
		    "evaluation", st->noutcome, st->noutcome == 1 ? " has" :
		    "s have", st->o->outcome);
	if (st->o->fail_under && su_insufficient(judged_of(&st->total),
	    st->o->min_deals))
		su_msg(NULL, 0, "--fail-under: %ld lead%s judged, fewer than "
		    "--min-deals %ld: too few to judge the conversion rate "
		    "against the target", judged_of(&st->total),
		    judged_of(&st->total) == 1 ? "" : "s", st->o->min_deals);
	return 0;
}

/* --summary's rows; the rotation's state, put in place with the leads */
static int
write_end(void *self, struct su_run *run, struct su_out *out)
{
	struct state *st = self;
	int r;

	(void)run;
	if (st->o->summary && (r = write_summary(st, out)) != 0)
		return r;
	if (st->o->evaluate && (r = write_eval(st, out)) != 0)
		return r;
	if (st->o->state)
		return write_state(out, st->o->state, st->last);
	return 0;
}

/* --fail-under: 1 when the conversion rate is below the target */
static int
status(void *self)
{
	struct state *st = self;

	return st->o->fail_under && !su_insufficient(judged_of(&st->total),
	    st->o->min_deals) && below(&st->total, st->o->target) ?
	    SU_EXIT_FLAG : SU_EXIT_OK;
}

static void
free_state(void *self)
{
	struct state *st = self;

	su_rules_free(st->rules);
	su_yn_free(st->env.yn);
	su_groups_free(st->groups, st->o->evaluate ? free_eval : NULL);
	free_eval(&st->etotal);
	free(st->met);
	free(st->o->outcome);
	free(st->o->conv);
	free(st->g);
	free(st->key);
	free(st->reasons);
	free(st->last_read);
	free(st->names);
	free(st->keep);
	free(st->cells);
	free(st->o->team);
	free(st->o->team_arg);
}

static const struct option longopts[] = {
	{"rules", 1, 0, 'r'}, {"only", 1, 0, OPT_ONLY},
	{"assign", 1, 0, OPT_ASSIGN}, {"assign-state", 1, 0, OPT_STATE},
	{"sla", 1, 0, OPT_SLA}, {"summary", 0, 0, OPT_SUMMARY},
	{"group-by", 1, 0, 'g'}, {"target", 1, 0, OPT_TARGET},
	{"fail-under", 0, 0, OPT_FAIL_UNDER},
	{"min-deals", 1, 0, OPT_MIN_DEALS}, {"evaluate", 1, 0, OPT_EVALUATE},
	{0, 0, 0, 0},
};

static const struct su_prog mqlqualify = {
	.shortopts = "r:g:", .longopts = longopts, .usage = usage,
	.init = init, .option = option, .setup = setup, .header = header,
	.start = start, .record = lead, .end = end, .write = write_end,
	.status = status, .free = free_state,
};

int
main(int argc, char **argv)
{
	struct opts o = {0};
	struct state st = {.o = &o};

	return su_run(&mqlqualify, &st, &o.c, argc, argv);
}
