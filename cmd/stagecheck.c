/*
 * stagecheck - check every opportunity against its stage's gate: MEDDPICC
 * required per stage, probability and category per stage, seed 000's red
 * flags, and hygiene (issue 3; stagecheck-model(5) for the models).
 */
#include "su.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum sev { SEV_INFO, SEV_WARN, SEV_ERROR };
static const char *const sevname[] = {"info", "warn", "error"};

/* the checks, with a stable name and a severity each */
enum check {
	CK_UNKNOWN_TYPE, CK_UNKNOWN_STAGE, CK_MISSING_MEDDPICC,
	CK_PROBABILITY, CK_CATEGORY, CK_NO_EB, CK_NO_CHAMPION, CK_LOW_PAIN,
	CK_PAST_CLOSE, CK_MISSING_AMOUNT, CK_MISSING_LOSS_REASON,
	CK_DEAL_REVIEW, NCHECK
};
static const struct {
	const char *name;
	enum sev sev;
} checks[NCHECK] = {
	[CK_UNKNOWN_TYPE] = {"unknown-type", SEV_WARN},
	[CK_UNKNOWN_STAGE] = {"unknown-stage", SEV_ERROR},
	[CK_MISSING_MEDDPICC] = {"missing-meddpicc", SEV_ERROR},
	[CK_PROBABILITY] = {"probability-mismatch", SEV_WARN},
	[CK_CATEGORY] = {"category-mismatch", SEV_WARN},
	[CK_NO_EB] = {"no-economic-buyer", SEV_WARN},
	[CK_NO_CHAMPION] = {"no-champion", SEV_WARN},
	[CK_LOW_PAIN] = {"low-pain", SEV_WARN},
	[CK_PAST_CLOSE] = {"past-close-date", SEV_WARN},
	[CK_MISSING_AMOUNT] = {"missing-amount", SEV_WARN},
	[CK_MISSING_LOSS_REASON] = {"missing-loss-reason", SEV_WARN},
	[CK_DEAL_REVIEW] = {"deal-review", SEV_INFO},
};

enum mode { MODE_FINDINGS, MODE_ANNOTATE, MODE_SUMMARY };

struct opts {
	struct su_opts c;
	const char *model;
	enum mode mode;
	enum sev min_sev;
	su_rate tolerance;
	int64_t review;
};

static const char usage_text[] =
"usage: stagecheck [-m MODEL] [--annotate | --summary]\n"
"                  [--severity error|warn|info] [--probability-tolerance PCT]\n"
"                  [--review-threshold AMOUNT] [options] [FILE ...]\n";

static void
usage(FILE *fp)
{
	fputs(usage_text, fp);
	if (fp == stdout)
		printf(
"\nChecks each opportunity against its stage's gate in a stage model: the\n"
"MEDDPICC components the stage requires, its probability and forecast\n"
"category, seed 000's red flags, and hygiene.  Exit 1 when any check at\n"
"error level fails.\n"
"\n"
"  -m, --model FILE           the stage model (default: seed 003's, built in)\n"
"      --annotate             write every input row with gate, missing, flags\n"
"      --summary              count findings per check and owner\n"
"      --severity LEVEL       only findings at LEVEL or above: error, warn, info\n"
"      --probability-tolerance PCT\n"
"                             allowed distance from the stage's probability\n"
"                             (default 0)\n"
"      --review-threshold AMOUNT\n"
"                             deals above AMOUNT at the PoC stage or later\n"
"                             go to deal review (default 100000)\n"
"\n%s", su_common_usage);
}

enum { OPT_ANNOTATE = SU_OPT_PROGRAM_BASE, OPT_SUMMARY, OPT_SEVERITY,
       OPT_TOLERANCE, OPT_REVIEW };

static int
parse_args(struct opts *o, int argc, char **argv)
{
	static const struct option longopts[] = {
		{"model", 1, 0, 'm'}, {"annotate", 0, 0, OPT_ANNOTATE},
		{"summary", 0, 0, OPT_SUMMARY},
		{"severity", 1, 0, OPT_SEVERITY},
		{"probability-tolerance", 1, 0, OPT_TOLERANCE},
		{"review-threshold", 1, 0, OPT_REVIEW},
		SU_COMMON_LONGOPTS, {0, 0, 0, 0},
	};
	const char *why;
	int c, r, k;

	su_opts_init(&o->c);
	o->review = 10000000; /* $100K, seed 000 */
	opterr = 0;
	while ((c = getopt_long(argc, argv, ":m:" SU_COMMON_SHORTOPTS,
	    longopts, NULL)) != -1) {
		switch (c) {
		case 'm':
			o->model = optarg;
			break;
		case OPT_ANNOTATE:
		case OPT_SUMMARY:
			k = c == OPT_ANNOTATE ? MODE_ANNOTATE : MODE_SUMMARY;
			if (o->mode != MODE_FINDINGS && o->mode != (enum mode)k) {
				su_msg(NULL, 0, "--annotate and --summary "
				    "exclude each other");
				return -1;
			}
			o->mode = (enum mode)k;
			break;
		case OPT_SEVERITY:
			for (k = 0; k < 3; k++)
				if (strcmp(optarg, sevname[k]) == 0)
					break;
			if (k == 3) {
				su_msg(NULL, 0, "--severity %s: expected error, "
				    "warn or info", optarg);
				return -1;
			}
			o->min_sev = (enum sev)k;
			break;
		case OPT_TOLERANCE:
			if (su_rate_parse(optarg, strlen(optarg),
			    SU_RATE_PERCENT, &o->tolerance, &why) != 0 ||
			    o->tolerance > SU_RATE_ONE) {
				su_msg(NULL, 0, "--probability-tolerance %s: "
				    "expected a percentage from 0 to 100", optarg);
				return -1;
			}
			break;
		case OPT_REVIEW:
			if (su_opt_money(&o->c, "--review-threshold", optarg,
			    &o->review))
				return -1;
			break;
		case 'h':
			usage(stdout);
			exit(fflush(stdout) ? SU_EXIT_ERR : SU_EXIT_OK);
		case SU_OPT_VERSION:
			su_print_version();
			exit(fflush(stdout) ? SU_EXIT_ERR : SU_EXIT_OK);
		case '?':
		case ':':
			su_opt_error(c, argv);
			usage(stderr);
			return -1;
		default:
			if ((r = su_opts_handle(&o->c, c, optarg)) < 0)
				return -1;
			if (r == 0)
				abort(); /* an option in longopts nobody handles */
		}
	}
	if (su_opts_finish(&o->c))
		return -1;
	return optind;
}

/* ---- the checks of one row ---------------------------------------------- */

struct finding {
	enum check check;
	char msg[512];
};

struct state {
	struct opts *o;
	struct su_in *in;
	struct su_model *m;
	int col[SU_R_NROLES];
	enum su_rate_scale prob_scale;
	struct finding *f;
	size_t nf, fcap;
	unsigned missing; /* MEDDPICC bits missing on this row */
	int gate_fail;
	long errors; /* rows that fail their gate */
	/* --summary: counts per check and owner */
	struct count {
		enum check check;
		char *owner;
		long n;
	} *counts;
	size_t ncounts, countcap;
};

static void
find(struct state *st, enum check ck, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
find(struct state *st, enum check ck, const char *fmt, ...)
{
	va_list ap;

	if (checks[ck].sev == SEV_ERROR)
		st->gate_fail = 1;
	if (checks[ck].sev < st->o->min_sev)
		return;
	if (st->nf == st->fcap) {
		st->fcap = st->fcap ? st->fcap * 2 : 8;
		st->f = su_xrealloc(st->f, st->fcap * sizeof *st->f);
	}
	st->f[st->nf].check = ck;
	va_start(ap, fmt);
	vsnprintf(st->f[st->nf].msg, sizeof st->f[0].msg, fmt, ap);
	va_end(ap);
	st->nf++;
}

/* the value of a role on this row, or "" (no such column) */
static const char *
val(const struct state *st, const struct su_rec *r, int role, size_t *len)
{
	int c = st->col[role];

	*len = c >= 0 ? r->len[c] : 0;
	return c >= 0 ? r->f[c] : "";
}

static void
list_stages(const struct su_pipeline *p, char *buf, size_t size)
{
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < p->nst && n < size; i++)
		n += (size_t)snprintf(buf + n, size - n, "%s%s", i ? ", " : "",
		    p->st[i].name);
}

static int
check_row(struct state *st, const struct su_rec *hdr, const struct su_rec *r)
{
	const struct opts *o = st->o;
	const struct su_pipeline *p;
	const struct su_stage *sg;
	const char *s, *why;
	char buf[1024], a[48], b[48];
	size_t len;
	int idx, c, k, cat;
	int64_t amount = 0;
	int have_amount = 0;

	st->nf = 0;
	st->missing = 0;
	st->gate_fail = 0;
	/* the pipeline, by type */
	s = val(st, r, SU_R_TYPE, &len);
	p = su_model_pipeline(st->m, s, len);
	if (!p) {
		p = su_model_default(st->m);
		find(st, CK_UNKNOWN_TYPE, "type \"%s\" is in no pipeline of "
		    "the model; checked against \"%s\"", s, p->name);
	}
	/* the amount, when there is one */
	if ((c = st->col[SU_R_AMOUNT]) >= 0) {
		char cur[SU_CUR_LEN];

		k = su_money_parse(r->f[c], r->len[c], o->c.decimal_comma,
		    &amount, cur, &why);
		if (k < 0)
			return su_in_reject(st->in, r, "%s \"%s\": not an "
			    "amount (%s)", hdr->f[c], r->f[c], why);
		have_amount = k == 0;
	}
	/* the stage */
	c = st->col[SU_R_STAGE];
	idx = su_model_stage(p, r->f[c], r->len[c]);
	if (idx < 0) {
		list_stages(p, buf, sizeof buf);
		find(st, CK_UNKNOWN_STAGE, "stage \"%s\" is not in the %s "
		    "pipeline (its stages: %s)", r->f[c], p->name, buf);
		return 0;
	}
	sg = &p->st[idx];
	/* MEDDPICC, cumulative */
	for (k = 0; k < SU_NMC; k++) {
		if (!(sg->req & (1u << k)))
			continue;
		s = val(st, r, SU_R_METRICS + k, &len);
		if (!su_present(s, len))
			st->missing |= 1u << k;
	}
	if (st->missing) {
		size_t n = 0;

		buf[0] = '\0';
		for (k = 0; k < SU_NMC; k++)
			if (st->missing & (1u << k))
				n += (size_t)snprintf(buf + n, sizeof buf - n,
				    "%s%s%s", n ? ", " : "", su_mc_name(k),
				    st->col[SU_R_METRICS + k] < 0 ?
				    " (no column)" : "");
		find(st, CK_MISSING_MEDDPICC, "%s requires %s", sg->name, buf);
	}
	/* probability and category against the stage's */
	if ((c = st->col[SU_R_PROBABILITY]) >= 0) {
		su_rate pr;

		k = su_rate_parse(r->f[c], r->len[c], st->prob_scale, &pr,
		    &why);
		if (k < 0 || (k == 0 && pr > SU_RATE_ONE))
			return su_in_reject(st->in, r, "%s \"%s\": not a "
			    "probability (%s)", hdr->f[c], r->f[c], k < 0 ?
			    why : "over 100%");
		if (k == 0 && (pr > sg->prob ? pr - sg->prob : sg->prob - pr) >
		    o->tolerance) {
			su_ratio_fmt(a, pr, SU_RATE_ONE, 1, 100);
			su_ratio_fmt(b, sg->prob, SU_RATE_ONE, 1, 100);
			find(st, CK_PROBABILITY, "probability %s%% but %s is "
			    "%s%%", a, sg->name, b);
		}
	}
	if ((c = st->col[SU_R_CATEGORY]) >= 0 && r->len[c]) {
		cat = su_category_parse(r->f[c], r->len[c]);
		if (cat < 0)
			return su_in_reject(st->in, r, "%s \"%s\": unknown "
			    "forecast category (accepted: Closed, Commit, Best "
			    "Case, Pipeline, Omitted; also Closed Won, Not "
			    "forecasted, Closed Lost)", hdr->f[c], r->f[c]);
		/* Salesforce files closed-lost deals as Omitted */
		if (cat != sg->cat && !(sg->cat == SU_CAT_LOST &&
		    cat == SU_CAT_OMITTED))
			find(st, CK_CATEGORY, "forecast category %s but %s is "
			    "%s", su_category_name(cat), sg->name,
			    su_category_name(sg->cat));
	}
	if (sg->status == SU_ST_LOST) {
		if (st->col[SU_R_LOSS_REASON] >= 0) {
			s = val(st, r, SU_R_LOSS_REASON, &len);
			su_trim(&s, &len);
			if (len == 0)
				find(st, CK_MISSING_LOSS_REASON, "closed lost "
				    "with no %s", hdr->f[st->col[
				    SU_R_LOSS_REASON]]);
		}
		return 0;
	}
	if (sg->status == SU_ST_WON)
		return 0;
	/* open deals: seed 000's red flags from the PoC stage on */
	if (p->poc >= 0 && idx >= p->poc) {
		s = val(st, r, SU_R_ECONOMIC_BUYER, &len);
		if (!su_present(s, len))
			find(st, CK_NO_EB, "no economic buyer at %s: the deal "
			    "is at risk", sg->name);
		s = val(st, r, SU_R_CHAMPION, &len);
		if (!su_present(s, len))
			find(st, CK_NO_CHAMPION, "no champion at %s", sg->name);
		if (have_amount && amount > o->review) {
			su_money_fmt_table(a, amount, "", 1);
			su_money_fmt_table(b, o->review, "", 1);
			find(st, CK_DEAL_REVIEW, "%s at %s (over %s): bi-weekly "
			    "deal review, AE + SE + VP Sales", a, sg->name, b);
		}
	}
	if ((c = st->col[SU_R_PAIN_SCORE]) >= 0 && r->len[c]) {
		su_rate ps;

		/* a score out of 10: read as a plain number */
		k = su_rate_parse(r->f[c], r->len[c], SU_RATE_FRACTION, &ps,
		    &why);
		if (k < 0 || ps > 10 * SU_RATE_ONE)
			return su_in_reject(st->in, r, "%s \"%s\": not a pain "
			    "score from 0 to 10", hdr->f[c], r->f[c]);
		if (ps < 7 * SU_RATE_ONE)
			find(st, CK_LOW_PAIN, "pain score %s of 10 (below 7)",
			    r->f[c]);
	}
	if ((c = st->col[SU_R_CLOSE]) >= 0 && r->len[c]) {
		int32_t d;

		if (su_date_parse(r->f[c], r->len[c], o->c.dmy, &d, &why) < 0)
			return su_in_reject(st->in, r, "%s \"%s\": %s",
			    hdr->f[c], r->f[c], why);
		if (d < o->c.as_of) {
			su_date_fmt(a, d);
			su_date_fmt(b, o->c.as_of);
			find(st, CK_PAST_CLOSE, "close date %s is past (as of "
			    "%s) and the deal is still open", a, b);
		}
	}
	if (p->amount_from >= 0 && idx >= p->amount_from && !have_amount)
		find(st, CK_MISSING_AMOUNT, "no amount at %s", sg->name);
	return 0;
}

/* ---- output --------------------------------------------------------------- */

static struct su_cell
str(const char *s, size_t len)
{
	struct su_cell c = {SU_C_STR, s, len, 0, 0};

	return c;
}

static int
write_findings(struct state *st, struct su_out *out, const struct su_rec *r)
{
	static const int roles[] = {SU_R_ID, SU_R_NAME, SU_R_OWNER,
	                            SU_R_STAGE};
	struct su_cell c[7];
	size_t i, k, len;
	const char *s;
	int e;

	for (i = 0; i < st->nf; i++) {
		for (k = 0; k < 4; k++) {
			s = val(st, r, roles[k], &len);
			c[k] = str(s, len);
		}
		c[4] = str(checks[st->f[i].check].name,
		    strlen(checks[st->f[i].check].name));
		s = sevname[checks[st->f[i].check].sev];
		c[5] = str(s, strlen(s));
		c[6] = str(st->f[i].msg, strlen(st->f[i].msg));
		if ((e = su_out_row(out, c)) != 0)
			return e;
	}
	return 0;
}

static int
write_annotated(struct state *st, struct su_out *out, const struct su_rec *r,
                struct su_cell *cells)
{
	char missing[64], flags[512];
	size_t i, n = 0;
	int k;

	for (i = 0; i < r->n; i++)
		cells[i] = str(r->f[i], r->len[i]);
	missing[0] = '\0';
	for (k = 0; k < SU_NMC; k++)
		if (st->missing & (1u << k))
			n += (size_t)snprintf(missing + n, sizeof missing - n,
			    "%s%s", n ? " " : "", su_mc_code(k));
	flags[0] = '\0';
	for (i = 0, n = 0; i < st->nf && n < sizeof flags; i++)
		n += (size_t)snprintf(flags + n, sizeof flags - n, "%s%s",
		    n ? " " : "", checks[st->f[i].check].name);
	cells[r->n] = str(st->gate_fail ? "fail" : "pass", 4);
	cells[r->n + 1] = str(missing, strlen(missing));
	cells[r->n + 2] = str(flags, strlen(flags));
	return su_out_row(out, cells);
}

static void
count(struct state *st, const struct su_rec *r)
{
	size_t i, j, len;
	const char *s = val(st, r, SU_R_OWNER, &len);

	for (i = 0; i < st->nf; i++) {
		for (j = 0; j < st->ncounts; j++)
			if (st->counts[j].check == st->f[i].check &&
			    strlen(st->counts[j].owner) == len &&
			    memcmp(st->counts[j].owner, s, len) == 0)
				break;
		if (j == st->ncounts) {
			if (st->ncounts == st->countcap) {
				st->countcap = st->countcap ? st->countcap * 2
				                            : 32;
				st->counts = su_xrealloc(st->counts,
				    st->countcap * sizeof *st->counts);
			}
			st->counts[j].check = st->f[i].check;
			st->counts[j].owner = su_xmalloc(len + 1);
			memcpy(st->counts[j].owner, s, len);
			st->counts[j].owner[len] = '\0';
			st->counts[j].n = 0;
			st->ncounts++;
		}
		st->counts[j].n++;
	}
}

static int
countcmp(const void *a, const void *b)
{
	const struct count *x = a, *y = b;

	if (x->check != y->check)
		return (int)x->check - (int)y->check;
	return strcmp(x->owner, y->owner);
}

static int
write_summary(struct state *st, struct su_out *out)
{
	static const char *const names[] = {"check", "severity", "owner",
	                                    "findings"};
	struct su_cell c[4];
	size_t i;
	long total = 0;
	int e;

	if ((e = su_out_header(out, 4, names)) != 0)
		return e;
	qsort(st->counts, st->ncounts, sizeof *st->counts, countcmp);
	for (i = 0; i < st->ncounts; i++) {
		const struct count *k = &st->counts[i];
		const char *sv = sevname[checks[k->check].sev];

		c[0] = str(checks[k->check].name, strlen(checks[k->check].name));
		c[1] = str(sv, strlen(sv));
		c[2] = str(k->owner, strlen(k->owner));
		c[3].type = SU_C_INT;
		c[3].v = k->n;
		total += k->n;
		if ((e = su_out_row(out, c)) != 0)
			return e;
		/* after each check's owners, the check's total */
		if (i + 1 == st->ncounts || st->counts[i + 1].check != k->check) {
			c[2] = str("Total", 5);
			c[3].v = total;
			total = 0;
			if ((e = su_out_row(out, c)) != 0)
				return e;
		}
	}
	return 0;
}

int
main(int argc, char **argv)
{
	static const char *const fnames[] = {"id", "name", "owner", "stage",
	                                     "check", "severity", "message"};
	struct opts o;
	struct state st;
	struct su_rec hdr, rec;
	struct su_out *out = NULL;
	struct su_cell *cells = NULL;
	unsigned char want[SU_R_NROLES];
	const char **names = NULL;
	int first, r, status = SU_EXIT_ERR;
	size_t i;

	su_start(argv[0]);
	memset(&o, 0, sizeof o);
	if ((first = parse_args(&o, argc, argv)) < 0)
		return SU_EXIT_ERR;
	memset(&st, 0, sizeof st);
	st.o = &o;
	if (su_model_load(o.model, &st.m))
		return SU_EXIT_ERR;
	st.in = su_in_new(&o.c, argc - first, argv + first);
	if (su_in_header(st.in, &hdr) < 0)
		goto done;
	memset(want, SU_COL_OPTIONAL, sizeof want);
	want[SU_R_STAGE] = SU_COL_REQUIRED;
	want[SU_R_CREATED] = want[SU_R_CURRENCY] = want[SU_R_ACCOUNT] = 0;
	if (su_columns_resolve(hdr.file, &hdr, &o.c, want, st.col))
		goto done;
	st.prob_scale = SU_RATE_PERCENT;
	if (st.col[SU_R_PROBABILITY] >= 0) {
		const char *h = hdr.f[st.col[SU_R_PROBABILITY]];
		char n[256];

		if (!strchr(h, '%') && strlen(h) < sizeof n) {
			su_norm(h, strlen(h), n);
			if (strcmp(n, "dealprobability") == 0)
				st.prob_scale = SU_RATE_FRACTION;
		}
	}
	if (!(out = su_out_open(&o.c)))
		goto done;
	if (o.mode == MODE_ANNOTATE) {
		names = su_xmalloc((hdr.n + 3) * sizeof *names);
		cells = su_xmalloc((hdr.n + 3) * sizeof *cells);
		for (i = 0; i < hdr.n; i++)
			names[i] = hdr.f[i];
		names[hdr.n] = "gate";
		names[hdr.n + 1] = "missing";
		names[hdr.n + 2] = "flags";
		r = su_out_header(out, hdr.n + 3, names);
	} else if (o.mode == MODE_FINDINGS)
		r = su_out_header(out, 7, fnames);
	else
		r = 0;
	while (r == 0 && (r = su_in_next(st.in, &rec)) > 0) {
		long skipped = su_in_nskipped(st.in);

		if (check_row(&st, &hdr, &rec))
			goto done;
		if (su_in_nskipped(st.in) != skipped) {
			r = 0; /* skipped: no output for it */
			continue;
		}
		st.errors += st.gate_fail;
		if (o.mode == MODE_ANNOTATE)
			r = write_annotated(&st, out, &rec, cells);
		else if (o.mode == MODE_FINDINGS)
			r = write_findings(&st, out, &rec);
		else
			count(&st, &rec), r = 0;
	}
	if (r < 0 && r != SU_OUT_EPIPE)
		goto done;
	if (r != SU_OUT_EPIPE && su_in_finish(st.in))
		goto done;
	if (r == 0 && o.mode == MODE_SUMMARY)
		r = write_summary(&st, out);
	if (r == 0) {
		r = su_out_close(out);
		out = NULL;
	}
	if (r == SU_OUT_EPIPE)
		status = SU_EXIT_OK;
	else if (r == 0)
		status = st.errors ? SU_EXIT_FLAG : SU_EXIT_OK;
done:
	su_out_abort(out);
	su_in_free(st.in);
	su_model_free(st.m);
	for (i = 0; i < st.ncounts; i++)
		free(st.counts[i].owner);
	free(st.counts);
	free(st.f);
	free(names);
	free(cells);
	return status;
}
