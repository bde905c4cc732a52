/*
 * mqlqualify - decide which marketing-qualified leads become sales-qualified
 * (issue 5): every lead scored against readable rules (mqlqualify-rules(5)),
 * SQLs routed round-robin, the response SLA measured, and the MQL->SQL
 * conversion reported against its target.
 */
#include "su.h"

#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

/* su_in_reject's answer as it was: 0 carry on, -1 stop (until the
 * program runs on su_run) */
#define reject0(...) (su_in_reject(__VA_ARGS__) == SU_STOP ? -1 : 0)
#define flag0(...) (su_in_flag(__VA_ARGS__) == SU_STOP ? -1 : 0)

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
};

static const char usage_text[] =
"usage: mqlqualify [-r RULES] [--only sql|nurture|disqualified|invalid]\n"
"                  [--assign NAME,... [--assign-state FILE]] [--sla DURATION]\n"
"                  [--summary [-g COL,...] [--target PCT] [--fail-under]]\n"
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
"  -g, --group-by COL,...     summary per group (columns, or month, quarter,\n"
"                             fiscal_year of the MQL date)\n"
"      --target PCT           the conversion target (default 40)\n"
"      --fail-under           exit 1 when the conversion rate is below the\n"
"                             target\n"
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

enum { OPT_ONLY = SU_OPT_PROGRAM_BASE, OPT_ASSIGN, OPT_STATE, OPT_SLA,
       OPT_SUMMARY, OPT_TARGET, OPT_FAIL_UNDER };

static int
parse_args(struct opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"rules", 1, 0, 'r'}, {"only", 1, 0, OPT_ONLY},
		{"assign", 1, 0, OPT_ASSIGN}, {"assign-state", 1, 0, OPT_STATE},
		{"sla", 1, 0, OPT_SLA}, {"summary", 0, 0, OPT_SUMMARY},
		{"group-by", 1, 0, 'g'}, {"target", 1, 0, OPT_TARGET},
		{"fail-under", 0, 0, OPT_FAIL_UNDER},
		SU_COMMON_LONGOPTS, {0, 0, 0, 0},
	};
	int c;

	su_opts_init(&o->c);
	o->only = -1;
	o->target = SU_RATE_ONE / 100 * 40;
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":r:g:" SU_COMMON_SHORTOPTS,
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'r':
			o->rules = optarg;
			break;
		case 'g':
			o->group_by = optarg;
			break;
		case OPT_ONLY:
			if ((o->only = su_opt_choice("--only", optarg,
			    su_qual_name, SU_NQUAL)) < 0)
				return -1;
			break;
		case OPT_ASSIGN:
			if (o->team) {
				su_msg(NULL, 0, "--assign given twice");
				return -1;
			}
			if (parse_team(o, optarg))
				return -1;
			break;
		case OPT_STATE:
			o->state = optarg;
			break;
		case OPT_SLA:
			if ((o->sla = parse_duration(optarg)) <= 0) {
				su_msg(NULL, 0, "--sla %s: expected a duration "
				    "such as 30s, 5m, 4h or 2d", optarg);
				return -1;
			}
			o->sla_arg = optarg;
			break;
		case OPT_SUMMARY:
			o->summary = 1;
			break;
		case OPT_TARGET:
			if (su_opt_pct("--target", optarg, &o->target))
				return -1;
			break;
		case OPT_FAIL_UNDER:
			o->fail_under = 1;
			break;
		default:
			if (su_opts_default(&o->c, c, optarg, argv, usage))
				return -1;
		}
	}
	if (su_opts_finish(&o->c))
		return -1;
	if (o->state && !o->team) {
		su_msg(NULL, 0, "--assign-state needs --assign");
		return -1;
	}
	if (o->summary && (o->team || o->only >= 0)) {
		su_msg(NULL, 0, "--summary counts every lead: it does not go "
		    "with %s", o->team ? "--assign" : "--only");
		return -1;
	}
	if (!o->summary && (o->group_by || o->fail_under)) {
		su_msg(NULL, 0, "%s needs --summary", o->group_by ?
		    "-g/--group-by" : "--fail-under");
		return -1;
	}
	return optind;
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

/* written beside the file, put in place by commit_state */
static char *
write_state(const char *path, const char *last)
{
	size_t n = strlen(path);
	char *tmp = su_xmalloc(n + 16);
	int fd;
	FILE *fp;

	snprintf(tmp, n + 16, "%s.tmpXXXXXX", path);
	if ((fd = su_temp_make(tmp)) < 0) {
		su_msg(path, 0, "cannot write the state: %s", strerror(errno));
		free(tmp);
		return NULL;
	}
	if (!(fp = fdopen(fd, "w"))) {
		su_msg(path, 0, "cannot write the state: %s", strerror(errno));
		close(fd);
		goto bad;
	}
	fprintf(fp, "# where mqlqualify --assign stopped; written by "
	    "mqlqualify\n%s\n", STATE_MAGIC);
	if (last)
		fprintf(fp, "last %s\n", last);
	if (fflush(fp) != 0 || fsync(fileno(fp)) != 0 || ferror(fp)) {
		su_msg(path, 0, "cannot write the state: %s", strerror(errno));
		fclose(fp);
		goto bad;
	}
	if (fclose(fp) != 0) {
		su_msg(path, 0, "cannot write the state: %s", strerror(errno));
		goto bad;
	}
	return tmp;
bad:
	unlink(tmp);
	su_temp(tmp, 0);
	free(tmp);
	return NULL;
}

/* ---- one lead ---------------------------------------------------------- */

struct counts {
	long n[SU_NQUAL];
	long breaches;
};

struct state {
	const struct opts *o;
	struct su_rules *rules;
	struct su_in *in;
	struct su_expr_env env;
	int col[SU_R_NROLES];
	struct su_gcol *g;
	size_t ng;
	int datecol;           /* for computed groups: MQL or create date */
	size_t next;           /* the rotation: index of the next SDR */
	const char *last;      /* the last SDR assigned, or NULL */
	struct su_groups *groups;
	const unsigned char *keep; /* input columns written (su_out_own) */
	struct counts total;
	char *key;
	size_t keycap;
	/* this lead */
	int qual;
	long score;
	char *reasons;
	size_t rcap;
	int have_resp;
	int64_t resp;          /* seconds */
	const char *breach;
};

static void
add_reason(struct state *st, const char *name, size_t *n)
{
	size_t len = strlen(name);

	if (*n + len + 2 > st->rcap)
		st->reasons = su_xrealloc(st->reasons,
		    st->rcap = (*n + len + 2) * 2);
	if (*n)
		st->reasons[(*n)++] = ';';
	memcpy(st->reasons + *n, name, len + 1);
	*n += len;
}

/* the lead's verdict: 0, or -1 to stop (said) */
static int
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
	qual = -1;
	for (i = 0; i < ru->nc; i++) {
		const struct su_criterion *c = &ru->c[i];

		v = su_expr_eval(c->e, r, &st->env, &f);
		if (v < 0) {
			long line;
			size_t col;

			su_rules_where(ru, i, f.pos, &line, &col);
			if (flag0(st->in, r, "criterion %s (%s:%ld): %s "
			    "\"%.*s\": %s", c->name, ru->file, line, f.column,
			    (int)(f.vlen > 60 ? 60 : f.vlen), f.value, f.why))
				return -1;
			st->qual = SU_Q_INVALID;
			n = 0;
			add_reason(st, c->name, &n);
			return 0;
		}
		if (v) {
			score += c->points;
			continue;
		}
		add_reason(st, c->name, &n);
		if (c->required == SU_Q_SQL && qual < SU_Q_NURTURE)
			qual = SU_Q_NURTURE;
		else if (c->required == SU_Q_NURTURE)
			qual = SU_Q_DISQUALIFIED;
	}
	st->score = score;
	v = score >= ru->sql ? SU_Q_SQL : score >= ru->nurture ?
	    SU_Q_NURTURE : SU_Q_DISQUALIFIED;
	st->qual = qual > v ? qual : v; /* the lower of score and required */
	return 0;
}

/* the response time and the SLA verdict: 0, or -1 to stop (said) */
static int
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
			if (flag0(st->in, r, "%s \"%.*s\": %s",
			    su_role_name(role), (int)(r->len[st->col[role]] > 60
			    ? 60 : r->len[st->col[role]]), r->f[st->col[role]],
			    why))
				return -1;
			st->qual = SU_Q_INVALID;
			strcpy(st->reasons, "sla");
			return 0;
		}
		if (rc == 1) {
			if (k == 0)
				return 0; /* no MQL time: no SLA to measure */
			/* no response yet: breached once the deadline is
			 * before the --as-of day began */
			st->breach = mql + st->o->sla < (int64_t)st->env.today *
			    86400 ? "yes" : "pending";
			return 0;
		}
	}
	st->have_resp = 1;
	st->resp -= mql;
	st->breach = st->resp > st->o->sla ? "yes" : "no";
	return 0;
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
	cells[k++] = str(su_qual_name[st->qual]);
	memset(&cells[k], 0, sizeof cells[k]);
	if (st->qual != SU_Q_INVALID) {
		cells[k].type = SU_C_INT;
		cells[k].v = st->score;
	}
	k++;
	cells[k++] = str(st->reasons);
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

/* below target: sqls / judged < target, exactly */
static int
below(const struct counts *c, su_rate target)
{
	long judged = c->n[SU_Q_SQL] + c->n[SU_Q_NURTURE] +
	    c->n[SU_Q_DISQUALIFIED];

	return judged > 0 && (i128)c->n[SU_Q_SQL] * SU_RATE_ONE <
	    (i128)target * judged;
}

static int
summary_row(struct state *st, struct su_out *out, const char *const *key,
            const struct counts *c)
{
	struct su_cell cells[SU_R_NROLES + 16];
	long judged = c->n[SU_Q_SQL] + c->n[SU_Q_NURTURE] +
	    c->n[SU_Q_DISQUALIFIED];
	size_t i, k = 0;
	int q;

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
	memset(&cells[k], 0, sizeof cells[k]);
	cells[k].type = SU_C_PCT;
	cells[k].v = st->o->target;
	cells[k++].d = SU_RATE_ONE;
	cells[k++] = str(!judged ? "" : below(c, st->o->target) ? "no" : "yes");
	if (st->o->sla) {
		memset(&cells[k], 0, sizeof cells[k]);
		cells[k].type = SU_C_INT;
		cells[k++].v = c->breaches;
	}
	return su_out_row(out, cells);
}

static int
write_summary(struct state *st, struct su_out *out)
{
	const char *names[SU_R_NROLES + 16], *key[64];
	struct su_group **gs;
	size_t i, k = 0, n;
	int e;

	for (i = 0; i < st->ng; i++)
		names[k++] = st->g[i].name;
	names[k++] = "mqls";
	names[k++] = "sqls";
	names[k++] = "nurture";
	names[k++] = "disqualified";
	names[k++] = "invalid";
	names[k++] = "conversion_rate";
	names[k++] = "target";
	names[k++] = "target_met";
	if (st->o->sla)
		names[k++] = "sla_breaches";
	if ((e = su_out_header(out, k, names)) != 0)
		return e;
	if (st->ng) {
		gs = su_groups_sorted(st->groups, &n);
		for (i = 0; i < n; i++) {
			const char *p = gs[i]->key;
			size_t j;

			for (j = 0; j < st->ng; j++, p += strlen(p) + 1)
				key[j] = p;
			if ((e = summary_row(st, out, key, gs[i]->val)) != 0)
				return e;
		}
		key[0] = "Total";
		for (i = 1; i < st->ng; i++)
			key[i] = "";
	}
	return summary_row(st, out, key, &st->total);
}

/* ---- main -------------------------------------------------------------- */

static int
setup_columns(struct state *st, const struct su_rec *hdr)
{
	const struct opts *o = st->o;
	unsigned char want[SU_R_NROLES];
	size_t i;

	memset(want, 0, sizeof want);
	if (o->sla)
		want[SU_R_MQL_DATE] = want[SU_R_RESPONSE] = SU_COL_REQUIRED;
	else if (o->group_by)
		want[SU_R_MQL_DATE] = want[SU_R_CREATED] = SU_COL_OPTIONAL;
	if (su_columns_resolve(hdr->file, hdr, &o->c, want, st->col))
		return -1;
	if (su_rules_bind(st->rules, hdr->file, hdr))
		return -1;
	st->datecol = st->col[SU_R_MQL_DATE] >= 0 ? st->col[SU_R_MQL_DATE] :
	    st->col[SU_R_CREATED];
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
			su_msg(hdr->file, 0, "-g %s needs the lead's date: an "
			    "MQL date column (Became a Marketing Qualified Lead "
			    "Date) or a Create Date column (or -c mql_date=...)",
			    st->g[i].name);
			return -1;
		}
	return 0;
}

/* the day a lead is grouped by (computed groups): 0, 1 to skip, -1 stop */
static int
group_day(struct state *st, const struct su_rec *r, int32_t *day)
{
	size_t i;
	const char *why;
	int rc;

	for (i = 0; i < st->ng; i++)
		if (st->g[i].kind != SU_G_COLUMN)
			break;
	if (i == st->ng)
		return 0;
	rc = su_date_parse(r->f[st->datecol], r->len[st->datecol],
	    st->o->c.dmy, day, &why);
	if (rc == 0)
		return 0;
	if (rc == 1)
		why = "empty (a lead is grouped by its date)";
	return reject0(st->in, r, "%s \"%.*s\": %s",
	    su_role_name(st->datecol == st->col[SU_R_MQL_DATE] ? SU_R_MQL_DATE
	    : SU_R_CREATED), (int)(r->len[st->datecol] > 60 ? 60 :
	    r->len[st->datecol]), r->f[st->datecol], why) ? -1 : 1;
}

int
main(int argc, char **argv)
{
	struct opts o;
	struct state st;
	struct su_rec hdr, rec;
	struct su_out *out = NULL;
	struct su_cell *cells = NULL;
	const char **names = NULL;
	unsigned char *keep = NULL;
	char *last = NULL, *tmpstate = NULL;
	int first, r, status = SU_EXIT_ERR, raw;
	size_t i;

	su_start(argv[0]);
	memset(&o, 0, sizeof o);
	memset(&st, 0, sizeof st);
	if ((first = parse_args(&o, argc, argv)) < 0)
		goto done;
	st.o = &o;
	st.env.dmy = o.c.dmy;
	st.env.decimal_comma = o.c.decimal_comma;
	st.env.today = o.c.as_of;
	st.env.yn = su_yn_new();
	if (su_rules_load(o.rules, &st.rules))
		goto done;
	if (o.state) {
		if (read_state(o.state, &last))
			goto done;
		if (last) {
			for (i = 0; i < o.nteam; i++)
				if (strcmp(o.team[i], last) == 0)
					break;
			if (i < o.nteam)
				st.next = (i + 1) % o.nteam;
			else
				su_msg(o.state, 0, "the last SDR assigned, %s, "
				    "is not in --assign; the rotation starts "
				    "again with %s", last, o.team[0]);
			st.last = last;
		}
	}
	st.groups = su_groups_new_pivot(sizeof(struct counts));
	st.in = su_in_new(&o.c, argc - first, argv + first);
	if (su_in_header(st.in, &hdr) < 0)
		goto done;
	if (setup_columns(&st, &hdr))
		goto done;
	if (!(out = su_out_open(&o.c)))
		goto done;
	/* each lead's text as read, when it is already the CSV to write */
	raw = o.c.format == SU_FMT_CSV && !o.c.tsv && !o.c.excel_safe &&
	    (o.c.delim < 0 || o.c.delim == ',');
	r = 0;
	if (!o.summary) {
		const char *own[8];
		size_t k = 0, nown = 0;

		own[nown++] = "qualification";
		own[nown++] = "score";
		own[nown++] = "reasons";
		if (o.team)
			own[nown++] = "assigned_to";
		if (o.sla) {
			own[nown++] = "response_minutes";
			own[nown++] = "sla_breach";
		}
		/* mqlqualify's output fed back in: its columns once, this
		 * run's, never a second set beside the first */
		st.keep = keep = su_xmalloc(hdr.n + 1);
		if (su_out_own(&hdr, own, nown, keep))
			raw = 0;
		names = su_xmalloc((hdr.n + 8) * sizeof *names);
		cells = su_xmalloc((hdr.n + 8) * sizeof *cells);
		for (i = 0; i < hdr.n; i++)
			if (keep[i])
				names[k++] = hdr.f[i];
		for (i = 0; i < nown; i++)
			names[k++] = own[i];
		r = su_out_header(out, k, names);
	}
	while (r == 0 && (r = su_in_next(st.in, &rec)) > 0) {
		int32_t day = 0;

		r = 0;
		if (o.summary && st.ng && (r = group_day(&st, &rec, &day)))
			goto done_row;
		st.breach = "";
		st.have_resp = 0;
		if (judge(&st, &rec))
			goto done;
		if (o.sla && st.qual != SU_Q_INVALID && sla(&st, &rec))
			goto done;
		if (o.summary)
			count_lead(&st, &rec, day);
		else if (o.only < 0 || o.only == st.qual)
			r = write_lead(&st, out, &rec, cells, raw);
done_row:
		if (r > 0)
			r = 0; /* skipped */
		else if (r < 0 && r != SU_OUT_EPIPE)
			goto done;
	}
	if (r < 0 && r != SU_OUT_EPIPE)
		goto done;
	if (r != SU_OUT_EPIPE && su_in_finish(st.in))
		goto done;
	su_groups_say_respelled(st.groups);
	if (r != SU_OUT_EPIPE)
		su_yn_say(st.env.yn, &hdr);
	if (r == 0 && o.summary)
		r = write_summary(&st, out);
	if (r == 0 && o.state && !(tmpstate = write_state(o.state, st.last)))
		goto done;
	/* the leads and the state both move on, or neither: no kill between
	 * (su_out_done's own hold nests in this one) */
	su_hold_signals(1);
	if (r == 0) {
		r = su_out_done(out, st.in);
		out = NULL;
	}
	if (r == 0 && tmpstate) {
		if (rename(tmpstate, o.state) != 0) {
			su_hold_signals(0);
			su_msg(o.state, 0, "cannot update the state (%s); the "
			    "leads were written", strerror(errno));
			goto done;
		}
		su_temp(tmpstate, 0);
		free(tmpstate);
		tmpstate = NULL;
	}
	su_hold_signals(0);
	if (r == SU_OUT_EPIPE)
		status = SU_EXIT_OK;
	else if (r == 0)
		status = o.fail_under && below(&st.total, o.target) ?
		    SU_EXIT_FLAG : SU_EXIT_OK;
done:
	if (tmpstate) {
		unlink(tmpstate);
		su_temp(tmpstate, 0);
		free(tmpstate);
	}
	su_out_abort(out);
	su_in_free(st.in);
	su_rules_free(st.rules);
	su_yn_free(st.env.yn);
	su_groups_free(st.groups, NULL);
	free(st.g);
	free(st.key);
	free(st.reasons);
	free(last);
	free(names);
	free(keep);
	free(cells);
	free(o.team);
	free(o.team_arg);
	return status;
}
