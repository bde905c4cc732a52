/*
 * dashboard - the weekly page people look at: the -f json outputs of the
 * other programs, each recognised by its columns, drawn as one
 * self-contained HTML page with inline SVG charts (issue 16).
 *
 * It reads NDJSON, not CSV: the driver runs it with run->no_input and it
 * reads its operands with lib/ndjson.c; the driver still gives it the
 * options, -o (atomic), a closed pipe and the exit status.
 */
#include "su.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the page, built in memory and written once ------------------------ */

struct buf {
	char *s;
	size_t len, cap;
};

static void
put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		while (b->len + n + 1 > b->cap)
			b->cap = b->cap ? b->cap * 2 : 65536;
		b->s = su_xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void
puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

static void
printf_(struct buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void
printf_(struct buf *b, const char *fmt, ...)
{
	char tmp[1024];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(tmp, sizeof tmp, fmt, ap);
	va_end(ap);
	/* only the page's own markup and numbers come here, never data */
	if (n < 0 || (size_t)n >= sizeof tmp)
		abort();
	put(b, tmp, (size_t)n);
}

/*
 * Data as text of the page, in an element or an attribute: every markup
 * character escaped, so a name such as <script>, </svg> or ]]> is only
 * text.  What XML cannot hold (invalid UTF-8, control characters) shows
 * as U+FFFD; a line break or tab as a space (a label is one line).  At
 * most max characters (0: all), then an ellipsis; the full text is
 * where the caller puts it (a tooltip).
 */
static void
esc(struct buf *b, const char *s, size_t n, size_t max)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k, chars = 0;

	while (i < n) {
		if (max && chars == max) {
			puts_(b, "\xE2\x80\xA6");
			return;
		}
		chars++;
		k = su_utf8len(u + i, n - i);
		/* XML 1.0 has no U+FFFE, U+FFFF nor control characters */
		if (k == 0 || (k == 1 && u[i] < 0x20 && u[i] != '\t' &&
		    u[i] != '\n' && u[i] != '\r') || u[i] == 0x7F ||
		    (k == 3 && u[i] == 0xEF && u[i + 1] == 0xBF &&
		    u[i + 2] >= 0xBE)) {
			puts_(b, "\xEF\xBF\xBD");
			i += k ? k : 1;
			continue;
		}
		if (k > 1) {
			put(b, s + i, k);
			i += k;
			continue;
		}
		switch (u[i]) {
		case '&': puts_(b, "&amp;"); break;
		case '<': puts_(b, "&lt;"); break;
		case '>': puts_(b, "&gt;"); break;
		case '"': puts_(b, "&quot;"); break;
		case '\'': puts_(b, "&#39;"); break;
		case '\t': case '\n': case '\r': puts_(b, " "); break;
		default: put(b, s + i, 1);
		}
		i++;
	}
}

static void
escs(struct buf *b, const char *s)
{
	esc(b, s, strlen(s), 0);
}

/* ---- options ------------------------------------------------------------- */

struct opts {
	struct su_opts c;
	const char *title;
	const char *kpi;	/* --kpi FILE */
	char cur[SU_CUR_LEN];
	int tables;		/* --tables */
};

struct kpi;
struct kind;
struct state {
	struct opts *o;
	struct su_jtab *tab;
	const struct kind **kind; /* each input's */
	size_t ntab;
	struct kpi *kpi;
	size_t nkpi;
	struct buf page;
	int nchart;
};

static const char usage_text[] =
"usage: dashboard [--kpi FILE] [--tables] [--title TEXT]\n"
"                 [--currency CODE] [--as-of DATE] [-o FILE] [FILE ...]\n";

static void
usage(FILE *fp)
{
	fputs(usage_text, fp);
	if (fp == stdout)
		fputs(
"\nOne self-contained HTML page (inline SVG charts, inline CSS, no script,\n"
"nothing loaded from elsewhere) from the -f json output of forecast,\n"
"stagecheck, cyclestat, mqlqualify and commission, each file recognised by\n"
"its columns (see dashboard(1)).  FILE - is standard input.\n"
"\n"
"      --kpi FILE             KPI tiles: a CSV of kpi, source, target and,\n"
"                             optionally, at_risk (see dashboard(1))\n"
"      --tables               each chart's numbers as a table under it too,\n"
"                             for mail clients that draw no SVG\n"
"      --title TEXT           the page's title (default: Sales dashboard)\n"
"      --currency CODE        the currency of the amounts (default: none\n"
"                             stated, shown as $, as in table output)\n"
"      --as-of DATE           the date the page says it is as of (default:\n"
"                             none shown, so a page is the same every run)\n"
"  -o, --output FILE          write the page to FILE (atomically)\n"
"  -h, --help                 this help\n"
"      --version              the version\n", fp);
}

enum { OPT_TITLE = SU_OPT_PROGRAM_BASE, OPT_CURRENCY, OPT_KPI, OPT_TABLES };

static int
option(void *self, int c, const char *arg)
{
	struct opts *o = ((struct state *)self)->o;
	size_t i;

	switch (c) {
	case OPT_TITLE:
		o->title = arg;
		return 0;
	case OPT_KPI:
		o->kpi = arg;
		return 0;
	case OPT_TABLES:
		o->tables = 1;
		return 0;
	case OPT_CURRENCY:
		for (i = 0; arg[i]; i++)
			if (arg[i] < 'A' || arg[i] > 'Z')
				break;
		if (i != 3 || arg[i]) {
			su_msg(NULL, 0, "--currency %s: not a currency code "
			    "such as USD or EUR", arg);
			return -1;
		}
		memcpy(o->cur, arg, SU_CUR_LEN);
		return 0;
	}
	abort(); /* in longopts, handled by nobody */
}

/* ---- values, as the JSON has them ---------------------------------------- */

/* a cell that must be a number: its text, or NULL (said) */
static const char *
num(const struct su_jtab *t, size_t r, int c)
{
	const struct su_jcell *v = su_jtab_cell(t, r, c);

	if (v->type == SU_J_NUM)
		return v->s;
	su_msg(t->file, t->line[r], "\"%s\": expected a number, found %s%s%s",
	    t->col[c], v->type == SU_J_STR ? "\"" : "",
	    v->type == SU_J_NULL ? "null" : v->s,
	    v->type == SU_J_STR ? "\"" : "");
	return NULL;
}

/* a number or null (a ratio with no denominator): NULL for null */
static int
num_or_null(const struct su_jtab *t, size_t r, int c, const char **out)
{
	*out = NULL;
	if (c < 0 || su_jtab_cell(t, r, c)->type == SU_J_NULL)
		return 0;
	return (*out = num(t, r, c)) ? 0 : -1;
}

/* money: cents, as the programs write it (two decimals) */
static int
money(const struct su_jtab *t, size_t r, int c, int64_t *cents)
{
	const char *s = num(t, r, c), *why;
	char cur[SU_CUR_LEN];

	if (!s)
		return -1;
	if (strchr(s, 'e') || strchr(s, 'E') ||
	    su_money_parse(s, strlen(s), 0, cents, cur, &why) != 0) {
		su_msg(t->file, t->line[r], "\"%s\": %s: not an amount "
		    "(written as -f json writes money: 1234.56)", t->col[c], s);
		return -1;
	}
	return 0;
}

/* a count: a whole number, not below 0 */
static int
count(const struct su_jtab *t, size_t r, int c, int64_t *out)
{
	const char *s = num(t, r, c), *p;
	int64_t v = 0;

	if (!s)
		return -1;
	for (p = s; *p >= '0' && *p <= '9'; p++)
		if (v > (INT64_MAX - (*p - '0')) / 10)
			break;
		else
			v = v * 10 + (*p - '0');
	if (*p || p == s) {
		su_msg(t->file, t->line[r], "\"%s\": %s: not a count (a "
		    "whole number, 0 or more)", t->col[c], s);
		return -1;
	}
	*out = v;
	return 0;
}

/* a ratio or share as a fraction (0.4444): fixed point, for a bar's
 * length; the text stays what is shown */
static int
fraction(const struct su_jtab *t, size_t r, const char *s, int c,
         su_rate *out)
{
	const char *why;

	if (strchr(s, 'e') || strchr(s, 'E') ||
	    su_rate_parse(s, strlen(s), SU_RATE_FRACTION, out, &why) != 0) {
		su_msg(t->file, t->line[r], "\"%s\": %s: not a ratio such "
		    "as 0.4444", t->col[c], s);
		return -1;
	}
	return 0;
}

/* the share in column c of row r: its text (NULL for null) and its
 * fraction; 0 or -1 (said) */
static int
share(const struct su_jtab *t, size_t r, int c, const char **txt,
      su_rate *v)
{
	*v = 0;
	if (num_or_null(t, r, c, txt))
		return -1;
	return *txt ? fraction(t, r, *txt, c, v) : 0;
}

/* ---- numbers, as the page shows them ------------------------------------- */

static void
fmt_money(const struct state *st, char *buf, int64_t cents)
{
	su_money_fmt_table(buf, cents, st->o->cur, 1);
}

/* A fraction's text as a percentage, exactly: its decimal point moved
 * two places (0.4444 -> 44.44%, 0.4 -> 40%, 1.25 -> 125%), so the page
 * shows what the JSON holds, never a rounding of it.  s has passed
 * fraction() (at most 9 decimals, 10 digits before the point); anything
 * longer is cut, never written past buf's 48 bytes. */
static void
fmt_pct(char *buf, const char *s)
{
	char d[32];
	const char *dot = strchr(s, '.'), *f = dot ? dot + 1 : "";
	size_t ni = dot ? (size_t)(dot - s) : strlen(s), nf = strlen(f), i,
	    j = 0;
	int neg = s[0] == '-';

	/* the digits, the point now after two more of them */
	for (i = neg; i < ni && j < 20; i++)
		d[j++] = s[i];
	for (i = 0; i < 2; i++)
		d[j++] = i < nf ? f[i] : '0';
	d[j] = '\0';
	i = 0;
	while (d[i] == '0' && d[i + 1])
		i++;
	snprintf(buf, 48, "%s%s%s%.20s%%", neg ? "-" : "", d + i,
	    nf > 2 ? "." : "", nf > 2 ? f + 2 : "");
}

/* ---- charts -------------------------------------------------------------- */

/* Fills that differ in lightness (they stay apart printed in grey) and
 * in hue the common colour blindnesses keep apart (blue to orange): a
 * segment's order is its lightness, darkest first.  The last is a hatch,
 * for a sixth shade no grey could still tell apart (forecast's Omitted). */
static const char *const fill[] = {"#08306b", "#2b7bba", "#89bedc",
    "#dceaf6", "#f2a25c", "#b2182b", NULL};
#define NFILL (sizeof fill / sizeof fill[0])
#define HATCH 6

#define W 720		/* the chart's width (fits A4 and Letter) */
#define LABEL_W 190	/* the labels, right-aligned left of the bars */
#define PLOT_W 300	/* the bars; their numbers after them */
#define ROW_H 24
#define BAR_H 16
#define LABEL_CHARS 30	/* a longer label is cut, whole in its tooltip */

struct seg {
	int64_t v;	/* in the chart's unit (cents, 1e-9, a count) */
	int fill;	/* its index in fill[] */
	char tip[160];	/* "Commit: $300,000.00" */
};

struct bar {
	const char *label;	/* data: escaped when drawn */
	size_t labellen;
	struct seg seg[6];
	int nseg;
	char value[160];	/* the numbers at its end (page text) */
	int has_iv;		/* an interval whisker: lo..hi */
	int64_t lo, hi;
	int has_mark;		/* a target tick on this bar */
	int64_t mark;
	int64_t off;		/* where its first segment starts (a bridge) */
};

struct chart {
	const char *title;	/* page text: written escaped */
	const char *xlabel;	/* the axis: what and its unit */
	const char *source;	/* the file: data */
	struct bar *bar;
	size_t nbar;
	int64_t max;
	/* a target line across every bar */
	int has_target;
	int64_t target;
	char target_label[96];
	const char *legend[NFILL]; /* the name of each fill used, or NULL */
};

/* a segment more on a bar (at most 6: the categories, the severities) */
static void
seg_add(struct bar *b, int64_t v, int fill, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
seg_add(struct bar *b, int64_t v, int fill, const char *fmt, ...)
{
	struct seg *sg = &b->seg[b->nseg++];
	va_list ap;

	sg->v = v;
	sg->fill = fill;
	va_start(ap, fmt);
	vsnprintf(sg->tip, sizeof sg->tip, fmt, ap);
	va_end(ap);
}

static void
chart_init(struct chart *ch, const char *title, const char *xlabel,
           const char *source)
{
	memset(ch, 0, sizeof *ch);
	ch->title = title;
	ch->xlabel = xlabel;
	ch->source = source;
}

static struct bar *
add_bar(struct chart *ch, size_t *cap)
{
	struct bar *b;

	if (ch->nbar == *cap) {
		*cap = *cap ? *cap * 2 : 16;
		ch->bar = su_xrealloc(ch->bar, *cap * sizeof *ch->bar);
	}
	b = &ch->bar[ch->nbar++];
	memset(b, 0, sizeof *b);
	return b;
}

/* a value's x: 0 at the axis, PLOT_W at max; a negative value is drawn
 * as nothing (its number is still shown) */
static long
xof(const struct chart *ch, int64_t v)
{
	int64_t unit;

	if (v <= 0 || ch->max <= 0)
		return 0;
	if (v > ch->max)
		v = ch->max;
	/* integer arithmetic: exact where v * PLOT_W fits, else in whole
	 * units a pixel (a pixel is then far below a cent's share) */
	if (v <= INT64_MAX / PLOT_W)
		return (long)(v * PLOT_W / ch->max);
	unit = ch->max / PLOT_W + (ch->max % PLOT_W != 0);
	return (long)(v / unit);
}

/* fill k as an attribute's value: a colour, or chart id's hatch */
static const char *
fillref(char *buf, int k, int id)
{
	if (fill[k])
		return fill[k];
	snprintf(buf, 32, "url(#h%d)", id);
	return buf;
}

static void
draw(struct state *st, struct chart *ch)
{
	struct buf *b = &st->page;
	int id = ++st->nchart, l, nleg = 0;
	long y, x, x0 = LABEL_W, h, top = 8;
	size_t i;
	int k;
	char fb[32];

	for (l = 0; l < (int)NFILL; l++)
		nleg += ch->legend[l] != NULL;
	if (ch->has_target)
		top += 16;
	h = top + (long)ch->nbar * ROW_H + 40 + (nleg ? 26 : 0);
	puts_(b, "<section class=\"chart\">\n<h2 id=\"c");
	printf_(b, "%d\">", id);
	escs(b, ch->title);
	puts_(b, "</h2>\n");
	printf_(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %ld\" width=\"%d\" height=\"%ld\" role=\"img\" "
	    "aria-labelledby=\"c%d\" font-family=\"Helvetica, Arial, "
	    "sans-serif\" font-size=\"11\">\n<title>", W, h, W, h, id);
	escs(b, ch->title);
	puts_(b, "</title>\n");
	if (ch->legend[HATCH])
		printf_(b, "<defs><pattern id=\"h%d\" width=\"4\" height=\"4\" "
		    "patternUnits=\"userSpaceOnUse\"><rect width=\"4\" "
		    "height=\"4\" fill=\"#fff\"/><path d=\"M0 4L4 0\" "
		    "stroke=\"#000\"/></pattern></defs>\n", id);
	if (ch->has_target) {
		x = x0 + xof(ch, ch->target);
		printf_(b, "<line x1=\"%ld\" y1=\"%ld\" x2=\"%ld\" y2=\"%ld\" "
		    "stroke=\"#000\" stroke-width=\"1.5\" "
		    "stroke-dasharray=\"4 3\"/>\n", x, top - 4, x,
		    top + (long)ch->nbar * ROW_H);
		/* its label kept inside the chart */
		printf_(b, "<text class=\"target\" x=\"%ld\" y=\"%ld\" "
		    "text-anchor=\"%s\">", x, top - 8, x > W - 120 ? "end" :
		    x < LABEL_W + 100 ? "start" : "middle");
		escs(b, ch->target_label);
		puts_(b, "</text>\n");
	}
	for (i = 0; i < ch->nbar; i++) {
		struct bar *bar = &ch->bar[i];

		y = top + (long)i * ROW_H;
		printf_(b, "<g><title>");
		esc(b, bar->label, bar->labellen, 0);
		puts_(b, "</title><text class=\"label\" ");
		printf_(b, "x=\"%ld\" y=\"%ld\" text-anchor=\"end\">",
		    x0 - 6, y + BAR_H - 3);
		esc(b, bar->label, bar->labellen, LABEL_CHARS);
		puts_(b, "</text></g>\n");
		x = x0 + xof(ch, bar->off);
		for (k = 0; k < bar->nseg; k++) {
			long w = xof(ch, bar->seg[k].v);

			if (w <= 0)
				continue;
			printf_(b, "<rect x=\"%ld\" y=\"%ld\" width=\"%ld\" "
			    "height=\"%d\" fill=\"%s\" stroke=\"#fff\" "
			    "stroke-width=\"0.5\"><title>", x, y, w, BAR_H,
			    fillref(fb, bar->seg[k].fill, id));
			escs(b, bar->seg[k].tip);
			puts_(b, "</title></rect>\n");
			x += w;
		}
		if (bar->has_iv) {
			long a = x0 + xof(ch, bar->lo), z = x0 +
			    xof(ch, bar->hi), m = y + BAR_H / 2;

			printf_(b, "<path d=\"M%ld %ldv-5v10M%ld %ldH%ldM%ld "
			    "%ldv-5v10\" stroke=\"#000\" fill=\"none\"/>\n",
			    a, m, a, m, z, z, m);
			if (z > x)
				x = z;
		}
		if (bar->has_mark) {
			long mx = x0 + xof(ch, bar->mark);

			printf_(b, "<path d=\"M%ld %ldv%d\" stroke=\"#000\" "
			    "stroke-width=\"2\"/>\n", mx, y - 2, BAR_H + 4);
			if (mx > x)
				x = mx;
		}
		/* a white halo: legible where it crosses a target line */
		printf_(b, "<text class=\"value\" x=\"%ld\" y=\"%ld\" "
		    "stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\">",
		    x + 6, y + BAR_H - 3);
		escs(b, bar->value);
		puts_(b, "</text>\n");
	}
	/* the axis: 0 and what it measures */
	y = top + (long)ch->nbar * ROW_H + 4;
	printf_(b, "<path d=\"M%ld %ldH%d\" stroke=\"#000\"/>\n", x0, y,
	    LABEL_W + PLOT_W);
	printf_(b, "<text class=\"axis\" x=\"%ld\" y=\"%ld\" "
	    "text-anchor=\"middle\">0</text>\n", x0, y + 14);
	printf_(b, "<text class=\"axis\" x=\"%d\" y=\"%ld\" "
	    "text-anchor=\"middle\">", LABEL_W + PLOT_W / 2, y + 30);
	escs(b, ch->xlabel);
	puts_(b, "</text>\n");
	if (nleg) {
		x = x0;
		y += 50;
		for (l = 0; l < (int)NFILL; l++) {
			if (!ch->legend[l])
				continue;
			printf_(b, "<rect x=\"%ld\" y=\"%ld\" width=\"12\" "
			    "height=\"12\" fill=\"%s\" stroke=\"#000\" "
			    "stroke-width=\"0.5\"/><text class=\"legend\" "
			    "x=\"%ld\" y=\"%ld\">", x, y - 10, fillref(fb, l, id),
			    x + 16, y);
			escs(b, ch->legend[l]);
			puts_(b, "</text>\n");
			x += 16 + 7 * (long)strlen(ch->legend[l]) + 18;
		}
	}
	puts_(b, "</svg>\n");
	if (st->o->tables) {
		/* what the chart says, as text: Gmail and Outlook draw no
		 * SVG */
		puts_(b, "<table class=\"numbers\">\n");
		if (ch->has_target) {
			puts_(b, "<tr><td></td><td>");
			escs(b, ch->target_label);
			puts_(b, "</td></tr>\n");
		}
		for (i = 0; i < ch->nbar; i++) {
			puts_(b, "<tr><td>");
			esc(b, ch->bar[i].label, ch->bar[i].labellen, 0);
			puts_(b, "</td><td>");
			escs(b, ch->bar[i].value);
			puts_(b, "</td></tr>\n");
		}
		puts_(b, "</table>\n");
	}
	puts_(b, "<p class=\"source\">from ");
	escs(b, ch->source);
	puts_(b, "</p>\n</section>\n");
}

static void
chart_max(struct chart *ch, int64_t v)
{
	if (v > ch->max)
		ch->max = v;
}

/* ---- recognising an input ------------------------------------------------ */

struct kind;
typedef int (*chart_fn)(struct state *, const struct su_jtab *,
    const struct kind *);

struct kind {
	const char *name;
	const char *key;	/* its name in a --kpi source */
	const char *need[6];	/* the columns that tell it */
	const char *known[20];	/* its other columns; the rest are -g's */
	chart_fn fn;
};

static int
in_list(const char *const *l, size_t n, const char *s)
{
	size_t i;

	for (i = 0; i < n && l[i]; i++)
		if (strcmp(l[i], s) == 0)
			return 1;
	return 0;
}

/* the group columns of t: those that are not its kind's own */
static int
is_group(const struct kind *k, const char *col)
{
	return !in_list(k->need, 6, col) && !in_list(k->known, 20, col);
}

/* row r's group: its group columns' values, " / " between them, into b;
 * "" when it has none */
static void
group_label(const struct su_jtab *t, const struct kind *k, size_t r,
            struct buf *b)
{
	size_t c;
	int n = 0;

	b->len = 0;
	puts_(b, "");
	for (c = 0; c < t->ncol; c++) {
		const struct su_jcell *v;

		if (!is_group(k, t->col[c]))
			continue;
		v = su_jtab_cell(t, r, (int)c);
		if (n++)
			puts_(b, " / ");
		put(b, v->type == SU_J_NULL ? "(none)" : v->s,
		    v->type == SU_J_NULL ? 6 : v->len);
	}
}

static int
col(const struct su_jtab *t, const char *name)
{
	return su_jtab_col(t, name);
}

static const char *
str(const struct su_jtab *t, size_t r, int c)
{
	return su_jtab_cell(t, r, c)->s;
}

/* a row cyclestat or mqlqualify marks insufficient (too few deals or
 * leads to judge, --min-deals): said beside its figures */
static void
say_sample(const struct su_jtab *t, size_t r, struct bar *b)
{
	int c = col(t, "sample");
	const char *v = c >= 0 ? str(t, r, c) : NULL;
	size_t n = strlen(b->value);

	if (v && strcmp(v, "insufficient") == 0)
		snprintf(b->value + n, sizeof b->value - n,
		    ", insufficient sample");
}

/* ---- forecast ------------------------------------------------------------ */

/* amount and weighted amount per category, per group, stacked; the
 * target on each group's Total row as a tick, coverage beside it */
static int
chart_forecast(struct state *st, const struct su_jtab *t,
               const struct kind *k)
{
	static const char *const cats[] = {"Closed", "Commit", "Best Case",
	    "Pipeline", "Omitted"};
	int ccat = col(t, "category"), cam = col(t, "amount"),
	    cw = col(t, "weighted_amount"), ctg = col(t, "target"),
	    ccov = col(t, "coverage");
	struct chart ch;
	struct buf g = {0}, prev = {0};
	struct bar *am = NULL, *wt = NULL;
	size_t r, cap = 0;
	int i, rc = -1, ntarget = 0, same = 1;
	int64_t a, w, tg;
	su_rate covv;
	char m1[48], m2[48];
	const char *cov, *tgs;

	chart_init(&ch, "Forecast: amount and weighted amount per category",
	    "amount ($)", t->file);
	for (i = 0; i < 4; i++)
		ch.legend[i] = cats[i];
	ch.legend[HATCH] = cats[4];
	for (r = 0; r < t->nrow; r++) {
		const char *cat = str(t, r, ccat);

		group_label(t, k, r, &g);
		if (!am || strcmp(g.s, prev.s) != 0) {
			/* a new group: its two bars */
			prev.len = 0;
			puts_(&prev, g.s);
			am = add_bar(&ch, &cap);
			wt = add_bar(&ch, &cap);
			/* the label is the group's, kept in prev: copy */
			am->label = su_xstrdup(g.len ? g.s : "All deals");
			am->labellen = strlen(am->label);
			wt->label = su_xstrdup("weighted");
			wt->labellen = strlen(wt->label);
		}
		if (money(t, r, cam, &a) || money(t, r, cw, &w))
			goto done;
		for (i = 0; i < 5; i++)
			if (strcmp(cat, cats[i]) == 0)
				break;
		if (i < 5) {
			fmt_money(st, m1, a);
			fmt_money(st, m2, w);
			seg_add(am, a, i < 4 ? i : HATCH, "%s: %s", cat, m1);
			seg_add(wt, w, i < 4 ? i : HATCH, "%s: %s", cat, m2);
		} else if (strcmp(cat, "Total") == 0) {
			fmt_money(st, m1, a);
			fmt_money(st, m2, w);
			snprintf(am->value, sizeof am->value, "%s", m1);
			snprintf(wt->value, sizeof wt->value, "%s", m2);
			chart_max(&ch, a);
			chart_max(&ch, w);
			if (num_or_null(t, r, ctg, &tgs) ||
			    share(t, r, ccov, &cov, &covv))
				goto done;
			if (tgs) {
				if (money(t, r, ctg, &tg))
					goto done;
				wt->has_mark = 1;
				wt->mark = tg;
				chart_max(&ch, tg);
				if (ntarget++ && tg != ch.target)
					same = 0;
				ch.target = tg;
			}
			if (cov)
				snprintf(wt->value, sizeof wt->value,
				    "%s, coverage %sx", m2, cov);
		} else if (strcmp(cat, "Lost") != 0) {
			su_msg(t->file, t->line[r], "category \"%s\": not one "
			    "forecast writes (Closed, Commit, Best Case, "
			    "Pipeline, Omitted, Total, Lost)", cat);
			goto done;
		}
	}
	if (st->o->cur[0]) {
		snprintf(m1, sizeof m1, "amount (%s)", st->o->cur);
		ch.xlabel = m1;
	}
	/* one target for every group (forecast --target): one line across
	 * them; else each group's as a tick on its weighted bar */
	if (ntarget && same && (size_t)ntarget * 2 == ch.nbar) {
		ch.has_target = 1;
		fmt_money(st, m2, ch.target);
		snprintf(ch.target_label, sizeof ch.target_label,
		    "target %s", m2);
		for (r = 0; r < ch.nbar; r++)
			ch.bar[r].has_mark = 0;
	} else {
		for (r = 0; r < ch.nbar; r++)
			if (ch.bar[r].has_mark) {
				fmt_money(st, m2, ch.bar[r].mark);
				i = (int)strlen(ch.bar[r].value);
				snprintf(ch.bar[r].value + i, sizeof
				    ch.bar[r].value - (size_t)i,
				    ", target %s", m2);
			}
	}
	draw(st, &ch);
	rc = 0;
done:
	for (r = 0; r < ch.nbar; r++)
		free((char *)ch.bar[r].label);
	free(ch.bar);
	free(g.s);
	free(prev.s);
	return rc;
}

/* ---- stagecheck ---------------------------------------------------------- */

static const char *const sevs[] = {"error", "warn", "info"};

/* a name's findings by severity (a value of the tallies' map) */
struct tally {
	int64_t n[3];
};

/* a chart of findings per name (the map's keys, by name: as stagecheck
 * orders its owners, so the findings and their summary draw alike),
 * stacked by severity */
static int
draw_tally(struct state *st, const char *title, const char *source,
           struct su_map *m)
{
	struct chart ch;
	struct su_group **all;
	size_t i, n, cap = 0;
	int s;
	char c[32];

	chart_init(&ch, title, "findings", source);
	ch.legend[0] = "error";
	ch.legend[2] = "warn";
	ch.legend[3] = "info";
	all = su_map_sorted(m, &n);
	for (i = 0; i < n; i++) {
		struct bar *b = add_bar(&ch, &cap);
		const struct tally *ty = all[i]->val;
		int64_t sum = 0;
		int len = 0;

		b->label = all[i]->key;
		b->labellen = all[i]->keylen;
		for (s = 0; s < 3; s++) {
			if (su_add(sum, ty->n[s], &sum)) {
				su_msg(source, 0, "%s: the sum of findings "
				    "overflows", all[i]->key);
				free(ch.bar);
				return -1;
			}
			if (!ty->n[s])
				continue;
			su_int_fmt_table(c, ty->n[s]);
			seg_add(b, ty->n[s], s == 0 ? 0 : s + 1, "%s: %s",
			    sevs[s], c);
			len += snprintf(b->value + len, sizeof b->value -
			    (size_t)len, "%s%s %s", len ? ", " : "", c,
			    sevs[s]);
		}
		if (!len)
			snprintf(b->value, sizeof b->value, "0");
		chart_max(&ch, sum);
	}
	draw(st, &ch);
	free(ch.bar); /* the names are the map's */
	return 0;
}

/* n findings of severity s more for name in m: 0, or -1 (said) */
static int
tally_add(struct su_map *m, const char *name, int s, int64_t n,
          const struct su_jtab *t, size_t r)
{
	struct tally *ty = su_map_get(m, name, strlen(name), 1)->val;

	if (su_add(ty->n[s], n, &ty->n[s]) == 0)
		return 0;
	su_msg(t->file, t->line[r], "%s: the sum of findings overflows",
	    name);
	return -1;
}

/* gate findings per owner and per check: from the findings themselves
 * (counted here) or from --summary's counts (its Total rows per check) */
static int
chart_stagecheck(struct state *st, const struct su_jtab *t,
                 const struct kind *k)
{
	int cchk = col(t, "check"), csev = col(t, "severity"),
	    cown = col(t, "owner"), cn = col(t, "findings");
	struct su_map *own = su_map_new(sizeof(struct tally)),
	    *chk = su_map_new(sizeof(struct tally));
	size_t r;
	int64_t n;
	int s, rc = -1;

	(void)k;
	for (r = 0; r < t->nrow; r++) {
		const char *sev = str(t, r, csev), *o = cown >= 0 ?
		    str(t, r, cown) : NULL;

		for (s = 0; s < 3; s++)
			if (strcmp(sev, sevs[s]) == 0)
				break;
		if (s == 3) {
			su_msg(t->file, t->line[r], "severity \"%s\": not one "
			    "stagecheck writes (error, warn, info)", sev);
			goto done;
		}
		n = 1;
		if (cn >= 0 && count(t, r, cn, &n))
			goto done;
		/* a summary's Total rows are the per-check counts; its
		 * other rows the per-owner ones */
		if ((cn < 0 || !o || strcmp(o, "Total") == 0) &&
		    tally_add(chk, str(t, r, cchk), s, n, t, r))
			goto done;
		if (o && (cn < 0 || strcmp(o, "Total") != 0) &&
		    tally_add(own, su_jtab_cell(t, r, cown)->type == SU_J_NULL ?
		    "(no owner)" : o, s, n, t, r))
			goto done;
	}
	if ((su_map_n(own) && draw_tally(st, "Gate findings per owner",
	    t->file, own)) || draw_tally(st, "Gate findings per check",
	    t->file, chk))
		goto done;
	rc = 0;
done:
	su_map_free(own, NULL);
	su_map_free(chk, NULL);
	return rc;
}

/* ---- rates: cyclestat's win rate, mqlqualify's conversion ------------------ */

/* a bar of a share: its value, and the interval lo..hi where given */
static int
share_bar(struct chart *ch, struct bar *b, const struct su_jtab *t, size_t r,
          int c, int clo, int chi, const char *what)
{
	const char *txt, *lo, *hi;
	su_rate v, vlo, vhi;
	char p[48], plo[48], phi[48];

	if (share(t, r, c, &txt, &v) || share(t, r, clo, &lo, &vlo) ||
	    share(t, r, chi, &hi, &vhi))
		return -1;
	if (!txt) {
		snprintf(b->value, sizeof b->value, "no %s", what);
		return 0;
	}
	fmt_pct(p, txt);
	seg_add(b, v, 1, "%s", p);
	chart_max(ch, v);
	snprintf(b->value, sizeof b->value, "%s", p);
	if (lo && hi) {
		fmt_pct(plo, lo);
		fmt_pct(phi, hi);
		b->has_iv = 1;
		b->lo = vlo;
		b->hi = vhi;
		chart_max(ch, vhi);
		snprintf(b->value, sizeof b->value, "%s (%s to %s)", p, plo,
		    phi);
	}
	return 0;
}

/* the label of a row: its groups', then " / " and the value of column c
 * (a stage, a band) */
static char *
row_label_col(const struct su_jtab *t, const struct kind *k, size_t r, int c,
              const char *suffix, struct buf *g)
{
	group_label(t, k, r, g);
	if (g->len)
		puts_(g, " / ");
	puts_(g, str(t, r, c));
	puts_(g, suffix);
	return su_xstrdup(g->s);
}

/* the label of a row: its groups', or dflt when it has none */
static char *
row_label(const struct su_jtab *t, const struct kind *k, size_t r,
          const char *dflt, struct buf *g)
{
	group_label(t, k, r, g);
	return su_xstrdup(g->len ? g->s : dflt);
}

static void
free_labels(struct chart *ch)
{
	size_t i;

	for (i = 0; i < ch->nbar; i++)
		free((char *)ch->bar[i].label);
	free(ch->bar);
	ch->bar = NULL;
	ch->nbar = 0;
}

/* ---- cyclestat ----------------------------------------------------------- */

/* win rate per group, with its interval where cyclestat gives one */
static int
chart_cycle(struct state *st, const struct su_jtab *t, const struct kind *k)
{
	int cw = col(t, "won"), cl = col(t, "lost"), cr = col(t, "win_rate");
	struct chart ch;
	struct buf g = {0};
	size_t r, cap = 0, n;
	int64_t won, lost;
	char a[32], b2[32];
	int rc = -1;

	chart_init(&ch, "Win rate per group",
	    "win rate (won / (won + lost), %)", t->file);
	for (r = 0; r < t->nrow; r++) {
		struct bar *b = add_bar(&ch, &cap);

		b->label = row_label(t, k, r, "All deals", &g);
		b->labellen = strlen(b->label);
		if (count(t, r, cw, &won) || count(t, r, cl, &lost) ||
		    share_bar(&ch, b, t, r, cr, col(t, "win_rate_low"),
		    col(t, "win_rate_high"), "closed deals"))
			goto done;
		su_int_fmt_table(a, won);
		su_int_fmt_table(b2, lost);
		n = strlen(b->value);
		snprintf(b->value + n, sizeof b->value - n, ", won %s, lost %s",
		    a, b2);
		say_sample(t, r, b);
	}
	draw(st, &ch);
	rc = 0;
done:
	free_labels(&ch);
	free(g.s);
	return rc;
}

/* cyclestat --histogram: won deals per band of cycle days */
static int
chart_histogram(struct state *st, const struct su_jtab *t,
                const struct kind *k)
{
	int cd = col(t, "cycle_days"), cw = col(t, "won");
	struct chart ch;
	struct buf g = {0};
	size_t r, cap = 0;
	int64_t won;
	char a[32];
	int rc = -1;

	chart_init(&ch, "Cycle time of won deals",
	    "won deals per band of cycle days", t->file);
	for (r = 0; r < t->nrow; r++) {
		struct bar *b = add_bar(&ch, &cap);

		b->label = row_label_col(t, k, r, cd, " days", &g);
		b->labellen = strlen(b->label);
		if (count(t, r, cw, &won))
			goto done;
		su_int_fmt_table(a, won);
		snprintf(b->value, sizeof b->value, "%s", a);
		seg_add(b, won, 1, "%s won", a);
		chart_max(&ch, won);
	}
	draw(st, &ch);
	rc = 0;
done:
	free_labels(&ch);
	free(g.s);
	return rc;
}

/* cyclestat --funnel: deals that reached each stage, and how many went
 * on */
static int
chart_funnel(struct state *st, const struct su_jtab *t, const struct kind *k)
{
	int cs = col(t, "stage"), crc = col(t, "reached"),
	    ccv = col(t, "converted"), cc = col(t, "conversion");
	struct chart ch;
	struct buf g = {0};
	size_t r, cap = 0, n;
	int64_t reached, conv;
	const char *ctxt;
	su_rate cv;
	char a[32], p[48];
	int rc = -1;

	chart_init(&ch, "Stage funnel",
	    "deals that reached the stage", t->file);
	for (r = 0; r < t->nrow; r++) {
		struct bar *b = add_bar(&ch, &cap);

		b->label = row_label_col(t, k, r, cs, "", &g);
		b->labellen = strlen(b->label);
		if (count(t, r, crc, &reached) ||
		    share(t, r, cc, &ctxt, &cv))
			goto done;
		su_int_fmt_table(a, reached);
		snprintf(b->value, sizeof b->value, "%s reached", a);
		seg_add(b, reached, 1, "%s reached", a);
		chart_max(&ch, reached);
		if (ctxt && su_jtab_cell(t, r, ccv)->type != SU_J_NULL) {
			if (count(t, r, ccv, &conv))
				goto done;
			su_int_fmt_table(a, conv);
			fmt_pct(p, ctxt);
			n = strlen(b->value);
			snprintf(b->value + n, sizeof b->value - n,
			    ", %s went on (%s)", a, p);
		}
	}
	draw(st, &ch);
	rc = 0;
done:
	free_labels(&ch);
	free(g.s);
	return rc;
}

/* ---- mqlqualify ---------------------------------------------------------- */

/* mqlqualify --summary: conversion per group against its target (seed
 * 002's 40%), and the SLA breaches where --sla counted them */
static int
chart_mql(struct state *st, const struct su_jtab *t, const struct kind *k)
{
	int cm = col(t, "mqls"), cs = col(t, "sqls"),
	    cr = col(t, "conversion_rate"), ct = col(t, "target"),
	    cb = col(t, "sla_breaches");
	struct chart ch, sla;
	struct buf g = {0};
	size_t r, cap = 0, scap = 0, n;
	int64_t mqls, sqls, br;
	const char *ttxt, *t0 = NULL;
	su_rate tv;
	char a[32], b2[32], p[48];
	int rc = -1, same = 1;

	chart_init(&ch, "MQL to SQL conversion", "conversion (SQLs / MQLs, %)",
	    t->file);
	chart_init(&sla, "SLA breaches", "leads answered later than the SLA",
	    t->file);
	for (r = 0; r < t->nrow; r++) {
		struct bar *b = add_bar(&ch, &cap);

		b->label = row_label(t, k, r, "All leads", &g);
		b->labellen = strlen(b->label);
		if (count(t, r, cm, &mqls) || count(t, r, cs, &sqls) ||
		    share_bar(&ch, b, t, r, cr, col(t, "conversion_low"),
		    col(t, "conversion_high"), "leads") ||
		    (ct >= 0 && share(t, r, ct, &ttxt, &tv)))
			goto done;
		su_int_fmt_table(a, sqls);
		su_int_fmt_table(b2, mqls);
		n = strlen(b->value);
		snprintf(b->value + n, sizeof b->value - n, ", %s of %s", a,
		    b2);
		say_sample(t, r, b);
		if (ct >= 0 && ttxt) {
			b->has_mark = 1;
			b->mark = tv;
			chart_max(&ch, tv);
			if (t0 && strcmp(t0, ttxt) != 0)
				same = 0;
			t0 = ttxt;
		}
		if (cb >= 0) {
			struct bar *s = add_bar(&sla, &scap);

			s->label = su_xstrdup(b->label);
			s->labellen = b->labellen;
			if (count(t, r, cb, &br))
				goto done;
			su_int_fmt_table(a, br);
			snprintf(s->value, sizeof s->value, "%s", a);
			seg_add(s, br, 4,"%s breaches", a);
			chart_max(&sla, br);
		}
	}
	if (t0 && same) {
		ch.has_target = 1;
		ch.target = tv;
		fmt_pct(p, t0);
		snprintf(ch.target_label, sizeof ch.target_label,
		    "target %s", p);
		for (r = 0; r < ch.nbar; r++)
			ch.bar[r].has_mark = 0;
	} else if (t0) {
		for (r = 0; r < t->nrow; r++) {
			if (share(t, r, ct, &ttxt, &tv))
				goto done;
			if (!ttxt)
				continue;
			fmt_pct(p, ttxt);
			n = strlen(ch.bar[r].value);
			snprintf(ch.bar[r].value + n, sizeof ch.bar[r].value -
			    n, ", target %s", p);
		}
	}
	draw(st, &ch);
	if (cb >= 0)
		draw(st, &sla);
	rc = 0;
done:
	free_labels(&ch);
	free_labels(&sla);
	free(g.s);
	return rc;
}

/* ---- forecast --compare and --simulate ------------------------------------ */

/* a signed whole number (a change in deals) */
static int
integer(const struct su_jtab *t, size_t r, int c, int64_t *out)
{
	const char *s = num(t, r, c);
	long v;

	if (!s)
		return -1;
	if (su_strtonum(s, -999999999999L, 999999999999L, &v)) {
		su_msg(t->file, t->line[r], "\"%s\": %s: not a whole number",
		    t->col[c], s);
		return -1;
	}
	*out = v;
	return 0;
}

/* money with its sign, as a change is written: +$5.00, -$5.00 */
static void
fmt_change(const struct state *st, char *buf, int64_t v)
{
	buf[0] = v >= 0 ? '+' : '-';
	fmt_money(st, buf + 1, v >= 0 ? v : -v);
}

/*
 * forecast --compare: per group, its first row is the level the bridge
 * starts from, its last the level it ends at, the rows between the
 * changes (new deals, won, lost, pushed, ...).  They must add up, in
 * deals, amount and weighted amount: a bridge that does not is an error,
 * never drawn.
 */
static int
chart_waterfall(struct state *st, const struct su_jtab *t,
                const struct kind *k)
{
	int cch = col(t, "change"), cd = col(t, "deals"),
	    ca = col(t, "amount"), cw = col(t, "weighted_amount");
	struct chart ch;
	struct buf g = {0}, lab = {0};
	size_t r, first, cap = 0;
	int64_t d, a, w, cd_sum = 0, ca_sum = 0, cw_sum = 0;
	char m1[48], m2[48], m3[48], n1[32];
	int rc = -1;

	chart_init(&ch, "Forecast bridge: what changed",
	    "amount ($)", t->file);
	ch.legend[0] = "level";
	ch.legend[1] = "increase";
	ch.legend[4] = "decrease";
	for (first = 0; first < t->nrow; first = r) {
		struct buf g0 = {0};

		group_label(t, k, first, &g);
		puts_(&g0, g.s);
		for (r = first + 1; r < t->nrow; r++) {
			group_label(t, k, r, &g);
			if (strcmp(g.s, g0.s) != 0)
				break;
		}
		if (r - first < 2) {
			su_msg(t->file, t->line[first], "a bridge of one row: "
			    "it needs the level it starts from (its first "
			    "row) and the one it ends at (its last)");
			free(g0.s);
			goto done;
		}
		for (size_t i = first; i < r; i++) {
			struct bar *b = add_bar(&ch, &cap);
			int level = i == first || i == r - 1;

			lab.len = 0;
			puts_(&lab, g0.s);
			if (g0.len)
				puts_(&lab, " / ");
			puts_(&lab, su_jtab_cell(t, i, cch)->s);
			b->label = su_xstrdup(lab.s);
			b->labellen = strlen(b->label);
			if (integer(t, i, cd, &d) || money(t, i, ca, &a) ||
			    money(t, i, cw, &w)) {
				free(g0.s);
				goto done;
			}
			su_int_fmt_table(n1, d < 0 ? -d : d);
			if (i == r - 1 && (cd_sum != d || ca_sum != a ||
			    cw_sum != w)) {
				fmt_money(st, m1, ca_sum);
				fmt_money(st, m2, a);
				su_msg(t->file, t->line[i], "the bridge does not "
				    "add up: its first row and the changes make "
				    "%s (%lld deals, weighted %lld.%02lld), its "
				    "last row says %s (%lld deals, weighted "
				    "%lld.%02lld)", m1, (long long)cd_sum,
				    (long long)(cw_sum / 100),
				    (long long)(cw_sum < 0 ? -cw_sum % 100 :
				    cw_sum % 100), m2, (long long)d,
				    (long long)(w / 100), (long long)(w < 0 ?
				    -w % 100 : w % 100));
				free(g0.s);
				goto done;
			}
			if (level) {
				fmt_money(st, m1, a);
				fmt_money(st, m2, w);
				snprintf(b->value, sizeof b->value, "%s, %s "
				    "deal%s", m1, n1, d == 1 ? "" : "s");
				seg_add(b, a, 0, "weighted %s", m2);
				chart_max(&ch, a);
				cd_sum = d, ca_sum = a, cw_sum = w;
			} else {
				fmt_change(st, m1, a);
				fmt_change(st, m3, w);
				snprintf(b->value, sizeof b->value, "%s, %c%s "
				    "deal%s", m1, d < 0 ? '-' : '+', n1,
				    d == 1 || d == -1 ? "" : "s");
				b->off = a < 0 ? ca_sum + a : ca_sum;
				seg_add(b, a < 0 ? -a : a, a < 0 ? 4 : 1,
				    "weighted %s", m3);
				if (su_add(cd_sum, d, &cd_sum) ||
				    su_add(ca_sum, a, &ca_sum) ||
				    su_add(cw_sum, w, &cw_sum)) {
					su_msg(t->file, t->line[i], "the sum "
					    "of the changes overflows");
					free(g0.s);
					goto done;
				}
				chart_max(&ch, ca_sum);
			}
		}
		free(g0.s);
	}
	if (st->o->cur[0]) {
		snprintf(m1, sizeof m1, "amount (%s)", st->o->cur);
		ch.xlabel = m1;
	}
	draw(st, &ch);
	rc = 0;
done:
	free_labels(&ch);
	free(g.s);
	free(lab.s);
	return rc;
}

/* forecast --simulate: per group, P10, P50 and P90 of the simulated
 * outcome, the mean and the chance of reaching the target */
static int
chart_simulate(struct state *st, const struct su_jtab *t,
               const struct kind *k)
{
	static const char *const ps[] = {"p10", "p50", "p90"};
	static const char *const pl[] = {"P10", "P50", "P90"};
	int ct = col(t, "target"), cpt = col(t, "p_target");
	struct chart ch;
	struct buf g = {0};
	size_t r, cap = 0;
	int64_t v, tg = 0;
	const char *pt;
	su_rate ptv;
	char m1[48], p[48];
	int i, rc = -1, ntarget = 0, same = 1;

	chart_init(&ch, "Forecast simulation: P10, P50, P90",
	    "amount ($)", t->file);
	ch.legend[0] = "P90";
	ch.legend[1] = "P50";
	ch.legend[2] = "P10";
	for (r = 0; r < t->nrow; r++) {
		struct bar *h = add_bar(&ch, &cap);

		h->label = row_label(t, k, r, "Forecast", &g);
		h->labellen = strlen(h->label);
		if (money(t, r, col(t, "mean"), &v) ||
		    share(t, r, cpt, &pt, &ptv))
			goto done;
		fmt_money(st, m1, v);
		if (pt)
			fmt_pct(p, pt);
		snprintf(h->value, sizeof h->value, "mean %s%s%s%s", m1,
		    pt ? ", " : "", pt ? p : "", pt ? " chance of the target" :
		    "");
		for (i = 0; i < 3; i++) {
			struct bar *b = add_bar(&ch, &cap);

			b->label = su_xstrdup(pl[i]);
			b->labellen = 3;
			if (money(t, r, col(t, ps[i]), &v))
				goto done;
			fmt_money(st, m1, v);
			snprintf(b->value, sizeof b->value, "%s", m1);
			seg_add(b, v, 2 - i, "%s: %s", pl[i], m1);
			chart_max(&ch, v);
		}
		if (ct >= 0 && su_jtab_cell(t, r, ct)->type != SU_J_NULL) {
			if (money(t, r, ct, &v))
				goto done;
			if (ntarget++ && v != tg)
				same = 0;
			tg = v;
			chart_max(&ch, v);
			h->has_mark = 1;
			h->mark = v;
		}
	}
	if (ntarget && same) {
		ch.has_target = 1;
		ch.target = tg;
		fmt_money(st, m1, tg);
		snprintf(ch.target_label, sizeof ch.target_label, "target %s",
		    m1);
	}
	for (r = 0; r < ch.nbar; r++) {
		size_t n = strlen(ch.bar[r].value);

		if (ch.bar[r].has_mark && !ch.has_target) {
			fmt_money(st, m1, ch.bar[r].mark);
			snprintf(ch.bar[r].value + n, sizeof ch.bar[r].value -
			    n, ", target %s", m1);
		}
		ch.bar[r].has_mark = 0; /* a heading row draws no tick */
	}
	if (st->o->cur[0]) {
		snprintf(m1, sizeof m1, "amount (%s)", st->o->cur);
		ch.xlabel = m1;
	}
	draw(st, &ch);
	rc = 0;
done:
	free_labels(&ch);
	free(g.s);
	return rc;
}

/* ---- commission ---------------------------------------------------------- */

/* commission --summary: reps per attainment band */
static int
chart_bands(struct state *st, const struct su_jtab *t, const struct kind *k)
{
	static const char *const cols[] = {"band_under_50", "band_50_to_75",
	    "band_75_to_100", "band_100_to_125", "band_125_plus", "no_quota"};
	static const char *const names[] = {"below 50%", "50% to 75%",
	    "75% to 100%", "100% to 125%", "125% and over", "no quota"};
	int cpl = col(t, "plan"), cpe = col(t, "period"), c;
	struct chart ch;
	struct buf lab = {0};
	size_t r, cap = 0, i;
	int64_t n;
	char a[32];
	int rc = -1;

	(void)k;
	chart_init(&ch, "Attainment distribution",
	    "reps per attainment band (commission --summary)", t->file);
	for (r = 0; r < t->nrow; r++)
		for (i = 0; i < sizeof cols / sizeof cols[0]; i++) {
			struct bar *b;

			if ((c = col(t, cols[i])) < 0)
				continue;
			if (count(t, r, c, &n))
				goto done;
			if (i == 5 && n == 0)
				continue; /* every rep has a quota */
			b = add_bar(&ch, &cap);
			lab.len = 0;
			puts_(&lab, cpl >= 0 ? str(t, r, cpl) : "");
			if (cpe >= 0) {
				puts_(&lab, " ");
				puts_(&lab, str(t, r, cpe));
			}
			puts_(&lab, " / ");
			puts_(&lab, names[i]);
			b->label = su_xstrdup(lab.s);
			b->labellen = strlen(b->label);
			su_int_fmt_table(a, n);
			snprintf(b->value, sizeof b->value, "%s rep%s", a,
			    n == 1 ? "" : "s");
			seg_add(b, n, 1, "%s", b->value);
			chart_max(&ch, n);
		}
	draw(st, &ch);
	rc = 0;
done:
	free(lab.s);
	free_labels(&ch);
	return rc;
}

/* commission's statements: the page counts the reps per band of
 * attainment, per payout period */
static int
chart_attainment(struct state *st, const struct su_jtab *t,
                 const struct kind *k)
{
	static const char *const names[] = {"below 50%", "50% to 75%",
	    "75% to 100%", "100% to 125%", "125% and over", "no quota"};
	static const su_rate edge[] = {SU_RATE_ONE / 2,
	    SU_RATE_ONE / 4 * 3, SU_RATE_ONE, SU_RATE_ONE / 4 * 5};
	int ca = col(t, "attainment"), cp = col(t, "period"),
	    cr = col(t, "rep");
	struct chart ch;
	struct { char *period; int64_t n[6]; } *per = NULL;
	size_t np = 0, r, i, cap = 0;
	const char *txt, *period;
	su_rate v;
	char a[32];
	struct buf lab = {0};
	int b, rc = -1;

	(void)k;
	chart_init(&ch, "Attainment distribution",
	    "reps per band of attainment", t->file);
	for (r = 0; r < t->nrow; r++) {
		/* a period's Total row is no rep */
		if (cr >= 0 && str(t, r, cr) && strcmp(str(t, r, cr),
		    "Total") == 0)
			continue;
		period = cp >= 0 ? str(t, r, cp) : "";
		for (i = 0; i < np; i++)
			if (strcmp(per[i].period, period) == 0)
				break;
		if (i == np) {
			per = su_xrealloc(per, (np + 1) * sizeof *per);
			memset(&per[np], 0, sizeof *per);
			per[np++].period = su_xstrdup(period);
		}
		if (share(t, r, ca, &txt, &v))
			goto done;
		if (!txt)
			b = 5;
		else
			for (b = 0; b < 4 && v >= edge[b]; b++)
				;
		per[i].n[b]++;
	}
	for (i = 0; i < np; i++)
		for (b = 0; b < 6; b++) {
			struct bar *bar;

			if (b == 5 && !per[i].n[b])
				continue; /* every rep has a quota */
			bar = add_bar(&ch, &cap);
			lab.len = 0;
			puts_(&lab, per[i].period);
			if (per[i].period[0])
				puts_(&lab, " / ");
			puts_(&lab, names[b]);
			bar->label = su_xstrdup(lab.s);
			bar->labellen = strlen(bar->label);
			su_int_fmt_table(a, per[i].n[b]);
			snprintf(bar->value, sizeof bar->value, "%s rep%s", a,
			    per[i].n[b] == 1 ? "" : "s");
			seg_add(bar, per[i].n[b], 1,"%s", bar->value);
			chart_max(&ch, per[i].n[b]);
		}
	draw(st, &ch);
	rc = 0;
done:
	for (i = 0; i < np; i++)
		free(per[i].period);
	free(per);
	free(lab.s);
	free_labels(&ch);
	return rc;
}

/* ---- the kinds, in the order they are tried ----------------------------- */

static const struct kind kinds[] = {
	{"forecast --compare", "forecast-compare", {"change", "deals", "amount",
	    "weighted_amount"}, {"weight"}, chart_waterfall},
	{"forecast --simulate", "forecast-simulate", {"p10", "p50", "p90", "mean", "p_target"},
	    {"target", "runs", "trials", "iterations", "seed", "deals",
	    "amount", "weighted_amount"}, chart_simulate},
	{"forecast", "forecast", {"category", "deals", "amount", "weight",
	    "weighted_amount"}, {"target", "coverage", "gap",
	    "pipeline_coverage"}, chart_forecast},
	{"stagecheck --summary", "stagecheck-summary", {"check", "severity", "findings"},
	    {"owner"}, chart_stagecheck},
	{"stagecheck", "stagecheck", {"check", "severity", "message"}, {"id", "name",
	    "owner", "stage"}, chart_stagecheck},
	{"cyclestat", "cyclestat", {"opps", "won", "lost", "open", "win_rate"},
	    {"win_rate_low", "win_rate_high", "avg_deal", "median_deal",
	    "cycle_mean", "cycle_median", "cycle_p90", "velocity",
	    "meets_cycle", "meets_win_rate", "open_age_mean",
	    "open_age_median", "open_age_p90", "reached",
	    "win_rate_reached", "sample"}, chart_cycle},
	{"cyclestat --histogram", "cyclestat-histogram", {"cycle_days", "won"}, {"histogram"},
	    chart_histogram},
	{"cyclestat --funnel", "cyclestat-funnel", {"stage", "reached", "converted",
	    "conversion"}, {"median_days"}, chart_funnel},
	{"mqlqualify --summary", "mqlqualify", {"mqls", "sqls", "conversion_rate"},
	    {"nurture", "disqualified", "invalid", "pending", "target",
	    "target_met", "sla_breaches", "conversion_low", "conversion_high",
	    "sample"}, chart_mql},
	{"commission --summary", "commission-summary", {"reps",
	    "band_under_50", "band_125_plus"}, {"plan", "period",
	    "band_50_to_75", "band_75_to_100", "band_100_to_125", "no_quota",
	    "at_quota_share", "under_50_reps", "payout", "base_pay",
	    "cost_of_sales"}, chart_bands},
	{"commission", "commission", {"rep", "quota_to_date", "credit_to_date",
	    "attainment", "payout"}, {"plan", "period", "earned_to_date",
	    "paid_before", "commission", "bonus", "spiff", "adjustment",
	    "balance", "base_pay", "total_pay", "draw", "draw_recovered",
	    "draw_balance"}, chart_attainment},
};
#define NKINDS (sizeof kinds / sizeof kinds[0])

/* the kind of an input, or NULL (said) */
static const struct kind *
recognise(const struct su_jtab *t)
{
	struct buf cols = {0};
	size_t i, j;

	for (i = 0; i < NKINDS; i++) {
		for (j = 0; j < 6 && kinds[i].need[j]; j++)
			if (su_jtab_col(t, kinds[i].need[j]) < 0)
				break;
		if (j == 6 || !kinds[i].need[j])
			return &kinds[i];
	}
	for (j = 0; j < t->ncol && j < 12; j++) {
		puts_(&cols, j ? ", " : "");
		puts_(&cols, t->col[j]);
	}
	if (t->ncol > 12)
		puts_(&cols, ", ...");
	su_msg(t->file, t->line[0], "not the JSON of a program the page knows "
	    "(its keys: %s); dashboard(1) lists the keys each chart needs",
	    cols.s);
	free(cols.s);
	return NULL;
}

/* ---- KPI tiles (--kpi FILE) ---------------------------------------------- */

enum vtype { V_COUNT, V_MONEY, V_SHARE, V_RATIO, V_DAYS };

/* how a column of a kind reads and shows */
static enum vtype
vtype_of(const struct kind *k, const char *c)
{
	static const char *const money[] = {"amount", "weighted_amount", "gap",
	    "p10", "p50", "p90", "mean", "avg_deal", "median_deal",
	    "velocity", "quota_to_date", "credit_to_date", "earned_to_date",
	    "paid_before", "payout", "commission", "bonus", "spiff",
	    "adjustment", "balance", "base_pay", "total_pay", "draw",
	    "draw_recovered", "draw_balance", "cost_of_sales"};
	static const char *const shares[] = {"win_rate", "win_rate_low",
	    "win_rate_high", "win_rate_reached", "conversion_rate",
	    "conversion_low", "conversion_high",
	    "conversion", "weight", "attainment", "p_target", "share",
	    "at_quota_share"};
	static const char *const days[] = {"cycle_mean", "cycle_median",
	    "cycle_p90", "open_age_mean", "open_age_median", "open_age_p90",
	    "median_days"};

	if (strcmp(c, "target") == 0)
		return strcmp(k->key, "mqlqualify") == 0 ? V_SHARE : V_MONEY;
	if (in_list(money, sizeof money / sizeof money[0], c))
		return V_MONEY;
	if (in_list(shares, sizeof shares / sizeof shares[0], c))
		return V_SHARE;
	if (in_list(days, sizeof days / sizeof days[0], c))
		return V_DAYS;
	if (strcmp(c, "coverage") == 0 || strcmp(c, "pipeline_coverage") == 0)
		return V_RATIO;
	return V_COUNT;
}

struct kpi {
	char *name, *source, *target, *at_risk;
	char *file;
	long line;
};

static void
kpi_free(struct kpi *k, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		free(k[i].name);
		free(k[i].source);
		free(k[i].target);
		free(k[i].at_risk);
		free(k[i].file);
	}
	free(k);
}

/* the --kpi file: kpi, source, target [, at_risk]; 0 or -1 (said) */
static int
kpi_load(struct state *st)
{
	static const char *const names[] = {"kpi", "source", "target",
	    "at_risk"};
	struct su_opts o = st->o->c;
	char *files[1];
	struct su_in *in;
	struct su_rec hdr, rec;
	int c[4] = {-1, -1, -1, -1}, r, i;
	size_t j;

	o.tsv = 0;
	o.delim = -1;
	o.skip_invalid = 0;
	o.rejects = NULL;
	o.nover = 0;
	files[0] = (char *)st->o->kpi;
	in = su_in_new(&o, 1, files);
	if (su_in_header(in, &hdr) < 0)
		goto bad;
	for (j = 0; j < hdr.n; j++) {
		for (i = 0; i < 4; i++)
			if (su_normeq(hdr.f[j], names[i]) ||
			    (i == 0 && su_normeq(hdr.f[j], "name")))
				break;
		if (i == 4 || c[i] >= 0) {
			su_msg(hdr.file, 1, "column \"%s\": %s (the columns "
			    "are kpi, source, target and, optionally, "
			    "at_risk)", hdr.f[j], i == 4 ? "not one of a KPI "
			    "file" : "twice");
			goto bad;
		}
		c[i] = (int)j;
	}
	for (i = 0; i < 3; i++)
		if (c[i] < 0) {
			su_msg(hdr.file, 1, "no %s column (the columns are "
			    "kpi, source, target and, optionally, at_risk)",
			    names[i]);
			goto bad;
		}
	while ((r = su_in_next(in, &rec)) > 0) {
		struct kpi *k;

		st->kpi = su_xrealloc(st->kpi, (st->nkpi + 1) *
		    sizeof *st->kpi);
		k = &st->kpi[st->nkpi++];
		k->name = su_xstrdup(rec.f[c[0]]);
		k->source = su_xstrdup(rec.f[c[1]]);
		k->target = su_xstrdup(rec.f[c[2]]);
		k->at_risk = su_xstrdup(c[3] >= 0 ? rec.f[c[3]] : "");
		k->file = su_xstrdup(rec.file);
		k->line = rec.line;
	}
	if (r < 0 || su_in_finish(in))
		goto bad;
	su_in_free(in);
	return 0;
bad:
	su_in_free(in);
	return -1;
}

/* a target or threshold of the KPI file in the unit of its value (cents,
 * or SU_RATE_ONE for 1): 0 or -1 (said) */
static int
kpi_number(const struct state *st, const struct kpi *k, const char *what,
           const char *s, enum vtype vt, int64_t *out)
{
	const char *why = NULL;
	char cur[SU_CUR_LEN];
	size_t n = strlen(s);

	switch (vt) {
	case V_MONEY:
		if (su_money_parse(s, n, 0, out, cur, &why) != 0)
			break;
		if (cur[0] && strcmp(cur, st->o->cur[0] ? st->o->cur :
		    "USD") != 0) {
			su_msg(k->file, k->line, "%s %s: in %s, but the page's "
			    "amounts are in %s (--currency); amounts in "
			    "different currencies are never compared", what,
			    s, cur, st->o->cur[0] ? st->o->cur : "USD");
			return -1;
		}
		return 0;
	case V_SHARE:
		/* 0.4 could be 40% or 0.4%: a share's target says % */
		if (!memchr(s, '%', n)) {
			su_msg(k->file, k->line, "%s %s: a share's %s is a "
			    "percentage: write it with %% (40%%)", what, s,
			    what);
			return -1;
		}
		if (su_rate_parse(s, n, SU_RATE_PERCENT, out, &why) == 0)
			return 0;
		break;
	case V_RATIO:
		if (n && s[n - 1] == 'x')
			n--;
		/* FALLTHROUGH */
	default:
		if (!memchr(s, '%', n) && su_rate_parse(s, n,
		    SU_RATE_FRACTION, out, &why) == 0)
			return 0;
	}
	su_msg(k->file, k->line, "%s \"%s\": not a %s%s%s", what, s,
	    vt == V_MONEY ? "amount" : vt == V_SHARE ? "percentage" :
	    vt == V_RATIO ? "ratio such as 1.5" : "number", why ? ": " : "",
	    why ? why : "");
	return -1;
}

/* a value as the page shows it */
static void
kpi_fmt(const struct state *st, char *buf, const char *txt, enum vtype vt,
        int64_t v)
{
	switch (vt) {
	case V_MONEY:
		fmt_money(st, buf, v);
		return;
	case V_SHARE:
		fmt_pct(buf, txt);
		return;
	case V_RATIO:
		snprintf(buf, 48, "%sx", txt);
		return;
	case V_DAYS:
		snprintf(buf, 48, "%s days", txt);
		return;
	case V_COUNT:
		if (strchr(txt, '.') || strchr(txt, 'e') || strchr(txt, 'E') ||
		    v % SU_RATE_ONE != 0)
			snprintf(buf, 48, "%s", txt);
		else
			su_int_fmt_table(buf, v / SU_RATE_ONE);
		return;
	}
}

/* a threshold as the page shows it: the KPI file's text, read as a
 * value of its kind */
static void
kpi_fmt_target(const struct state *st, char *buf, const char *s,
               enum vtype vt, int64_t v)
{
	if (vt == V_MONEY)
		fmt_money(st, buf, v);
	else
		snprintf(buf, 48, "%.40s%s", s, vt == V_DAYS ? " days" : "");
}

struct tile {
	const struct kpi *k;
	char value[48], target[112];
	int status; /* 0 On Track, 1 At Risk, 2 Off Track, 3 No Data */
};

/* the one row a KPI's source names: 0 and *row, or -1 (said) */
static int
kpi_row(const struct state *st, const struct kpi *k, const char *key,
        const char *group, const struct su_jtab **tp, const struct kind **kp,
        size_t *row)
{
	const struct su_jtab *t = NULL;
	const struct kind *kind = NULL;
	struct buf g = {0};
	size_t i, n = 0, total = 0, r, found = 0;
	int ccat;

	for (i = 0; i < st->ntab; i++)
		if (strcmp(st->kind[i]->key, key) == 0) {
			if (t) {
				su_msg(k->file, k->line, "source %s: two %s "
				    "inputs (%s and %s)", k->source, key,
				    t->file, st->tab[i].file);
				return -1;
			}
			t = &st->tab[i];
			kind = st->kind[i];
		}
	if (!t) {
		for (i = 0; i < st->ntab; i++) {
			puts_(&g, i ? ", " : "");
			puts_(&g, st->kind[i]->key);
		}
		su_msg(k->file, k->line, "source %s: no %s input given (the "
		    "inputs are %s)", k->source, key, g.s);
		free(g.s);
		return -1;
	}
	/* forecast: a group's figure is its Total row */
	ccat = strcmp(key, "forecast") == 0 ? col(t, "category") : -1;
	for (r = 0; r < t->nrow; r++) {
		if (ccat >= 0 && strcmp(str(t, r, ccat), "Total") != 0)
			continue;
		group_label(t, kind, r, &g);
		n++;
		if (group ? strcmp(g.s, group) == 0 : n == 1)
			*row = r, found++;
		if (!group && strcmp(g.s, "Total") == 0)
			total = r + 1;
	}
	free(g.s);
	if (!group && n > 1 && total)
		*row = total - 1, found = 1;
	else if (!group && n > 1)
		found = 0;
	if (found != 1) {
		su_msg(k->file, k->line, "source %s: %s", k->source,
		    group ? "no row of that group (a group is written as its "
		    "label on the page)" : "a row per group: name one, as "
		    "SOURCE@GROUP");
		return -1;
	}
	*tp = t;
	*kp = kind;
	return 0;
}

static int
kpi_eval(struct state *st, const struct kpi *k, struct tile *tl)
{
	char *src = su_xstrdup(k->source), *colon, *at, tg[48];
	const struct su_jtab *t;
	const struct kind *kind;
	size_t row;
	int c, ge = 1, rc = -1;
	enum vtype vt;
	const char *ts = k->target, *txt;
	int64_t target, risk, v = 0;
	const struct su_jcell *cell;

	tl->k = k;
	if (!(colon = strchr(src, ':'))) {
		su_msg(k->file, k->line, "source \"%s\": expected "
		    "KIND:COLUMN[@GROUP], such as mqlqualify:conversion_rate",
		    k->source);
		goto done;
	}
	*colon++ = '\0';
	if ((at = strchr(colon, '@')))
		*at++ = '\0';
	if (kpi_row(st, k, src, at, &t, &kind, &row))
		goto done;
	if ((c = col(t, colon)) < 0 || is_group(kind, colon)) {
		su_msg(k->file, k->line, "source %s: %s has no figure \"%s\"",
		    k->source, t->file, colon);
		goto done;
	}
	vt = vtype_of(kind, colon);
	if (strncmp(ts, ">=", 2) == 0 || strncmp(ts, "<=", 2) == 0) {
		ge = ts[0] == '>';
		ts += 2;
	}
	while (*ts == ' ')
		ts++;
	if (kpi_number(st, k, "target", ts, vt, &target))
		goto done;
	if (k->at_risk[0]) {
		if (kpi_number(st, k, "at_risk", k->at_risk, vt, &risk))
			goto done;
		if (ge ? risk > target : risk < target) {
			su_msg(k->file, k->line, "at_risk %s: %s the target, "
			    "where On Track begins", k->at_risk, ge ?
			    "above" : "below");
			goto done;
		}
	} else if (su_muldiv(target, ge ? 9 : 11, 10, &risk)) {
		su_msg(k->file, k->line, "target %s: too large", k->target);
		goto done;
	}
	cell = su_jtab_cell(t, row, c);
	kpi_fmt_target(st, tg, ts, vt, target);
	snprintf(tl->target, sizeof tl->target, "target %s %s", ge ?
	    "\xE2\x89\xA5" : "\xE2\x89\xA4", tg);
	if (cell->type == SU_J_NULL) {
		snprintf(tl->value, sizeof tl->value, "no data");
		tl->status = 3;
		rc = 0;
		goto done;
	}
	if (!(txt = num(t, row, c)))
		goto done;
	if (vt == V_MONEY ? money(t, row, c, &v) : fraction(t, row, txt, c,
	    &v))
		goto done;
	kpi_fmt(st, tl->value, txt, vt, v);
	if (ge)
		tl->status = v >= target ? 0 : v >= risk ? 1 : 2;
	else
		tl->status = v <= target ? 0 : v <= risk ? 1 : 2;
	rc = 0;
done:
	free(src);
	return rc;
}

/* the tiles, three a row, each its value, target and status (in words:
 * a colour is never the only sign) */
static int
draw_kpis(struct state *st)
{
	static const char *const status[] = {"On Track", "At Risk",
	    "Off Track", "No Data"};
	/* lightness apart, blue to orange to red, grey for none */
	static const char *const sfill[] = {"#2b7bba", "#f2a25c", "#b2182b",
	    "#bbbbbb"};
	static const char *const sink[] = {"#fff", "#000", "#fff", "#000"};
	struct buf *b = &st->page;
	struct tile *tl = su_xmalloc(st->nkpi * sizeof *tl);
	size_t i;
	long h, x, y;

	for (i = 0; i < st->nkpi; i++)
		if (kpi_eval(st, &st->kpi[i], &tl[i])) {
			free(tl);
			return -1;
		}
	h = (long)((st->nkpi + 2) / 3) * 104;
	puts_(b, "<section class=\"chart\">\n<h2 id=\"kpi\">Key indicators"
	    "</h2>\n");
	printf_(b, "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "viewBox=\"0 0 %d %ld\" width=\"%d\" height=\"%ld\" role=\"img\" "
	    "aria-labelledby=\"kpi\" font-family=\"Helvetica, Arial, "
	    "sans-serif\" font-size=\"11\">\n<title>Key indicators</title>\n",
	    W, h, W, h);
	for (i = 0; i < st->nkpi; i++) {
		x = (long)(i % 3) * 240;
		y = (long)(i / 3) * 104;
		printf_(b, "<rect x=\"%ld\" y=\"%ld\" width=\"232\" "
		    "height=\"96\" fill=\"#fff\" stroke=\"#000\"/>\n", x, y);
		puts_(b, "<g><title>");
		escs(b, tl[i].k->name);
		printf_(b, "</title><text class=\"label\" x=\"%ld\" y=\"%ld\" "
		    "font-weight=\"bold\">", x + 8, y + 18);
		esc(b, tl[i].k->name, strlen(tl[i].k->name), LABEL_CHARS);
		puts_(b, "</text></g>\n");
		printf_(b, "<text class=\"value\" x=\"%ld\" y=\"%ld\" "
		    "font-size=\"22\">", x + 8, y + 46);
		escs(b, tl[i].value);
		printf_(b, "</text>\n<text class=\"detail\" x=\"%ld\" "
		    "y=\"%ld\">", x + 8, y + 64);
		escs(b, tl[i].target);
		printf_(b, "</text>\n<rect x=\"%ld\" y=\"%ld\" width=\"232\" "
		    "height=\"20\" fill=\"%s\" stroke=\"#000\"/>\n<text "
		    "class=\"detail\" x=\"%ld\" y=\"%ld\" fill=\"%s\" "
		    "font-weight=\"bold\">%s</text>\n", x, y + 76,
		    sfill[tl[i].status], x + 8, y + 90, sink[tl[i].status],
		    status[tl[i].status]);
	}
	puts_(b, "</svg>\n");
	if (st->o->tables) {
		puts_(b, "<table class=\"numbers\">\n");
		for (i = 0; i < st->nkpi; i++) {
			puts_(b, "<tr><td>");
			escs(b, tl[i].k->name);
			puts_(b, "</td><td>");
			escs(b, tl[i].value);
			puts_(b, "</td><td>");
			escs(b, tl[i].target);
			printf_(b, "</td><td>%s</td></tr>\n",
			    status[tl[i].status]);
		}
		puts_(b, "</table>\n");
	}
	puts_(b, "<p class=\"source\">from ");
	escs(b, st->o->kpi);
	puts_(b, "</p>\n</section>\n");
	free(tl);
	return 0;
}

/* ---- the run ------------------------------------------------------------- */

static const char css[] =
"body{font-family:Helvetica,Arial,sans-serif;color:#000;background:#fff;"
"max-width:740px;margin:1em auto;padding:0 10px}\n"
"h1{font-size:1.5em;margin:0 0 .2em}\n"
"h2{font-size:1.1em;margin:1.2em 0 .3em}\n"
".meta,.source{color:#333;font-size:.85em;margin:.2em 0}\n"
"svg{max-width:100%;height:auto}\n"
"table.numbers{border-collapse:collapse;font-size:.85em;margin:.3em 0}\n"
"table.numbers td{border:1px solid #999;padding:1px 6px}\n"
"section{break-inside:avoid;page-break-inside:avoid}\n"
"@page{margin:12mm}\n"
"@media print{body{max-width:none;margin:0}}\n";

/* the options together: what a page has no use for is refused, never
 * quietly ignored */
static int
setup(void *self, struct su_run *run)
{
	struct state *st = self;
	struct su_opts *c = &st->o->c;
	const char *bad = c->tsv ? "-t" : c->delim >= 0 ? "-d" :
	    c->encoding ? "--encoding" : c->nover ? "-c" : c->rejects ? "--rejects" :
	    c->skip_invalid ? "--skip-invalid" : c->decimal_comma ?
	    "--decimal-comma" : c->excel_safe ? "--excel-safe" :
	    c->format != SU_FMT_CSV ? "-f" : NULL;
	static char *dash[] = {"-"};
	int i, nfiles = run->nfiles;
	char **files = run->files;

	if (bad) {
		su_msg(NULL, 0, "%s: not an option of dashboard, which reads "
		    "the programs' JSON and writes HTML", bad);
		return -1;
	}
	run->no_input = 1;
	if (nfiles == 0) {
		nfiles = 1;
		files = dash;
	}
	st->tab = su_xmalloc((size_t)nfiles * sizeof *st->tab);
	st->kind = su_xmalloc((size_t)nfiles * sizeof *st->kind);
	for (i = 0; i < nfiles; i++) {
		if (su_ndjson_read(files[i], &st->tab[i])) {
			su_ndjson_free(&st->tab[i]);
			return -1;
		}
		st->ntab++;
		if (!(st->kind[i] = recognise(&st->tab[i])))
			return -1;
	}
	return st->o->kpi ? kpi_load(st) : 0;
}

/* the page, built before anything is written: an error in any input
 * leaves no page at all */
static int
end(void *self, struct su_run *run)
{
	struct state *st = self;
	struct opts *o = st->o;
	struct buf *b = &st->page;
	const char *title = o->title ? o->title : "Sales dashboard";
	char date[16];
	size_t i;

	(void)run;
	puts_(b, "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" "
	    "lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<meta "
	    "name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\"/>\n<title>");
	escs(b, title);
	puts_(b, "</title>\n<style>\n");
	puts_(b, css);
	puts_(b, "</style>\n</head>\n<body>\n<h1>");
	escs(b, title);
	puts_(b, "</h1>\n");
	if (o->c.as_of_arg) {
		su_date_fmt(date, o->c.as_of);
		printf_(b, "<p class=\"meta\">as of %s</p>\n", date);
	}
	/* the indicators first: what is read before the charts */
	if (st->nkpi && draw_kpis(st))
		return -1;
	for (i = 0; i < st->ntab; i++)
		if (st->kind[i]->fn(st, &st->tab[i], st->kind[i]))
			return -1;
	puts_(b, "</body>\n</html>\n");
	return 0;
}

static int
write_page(void *self, struct su_run *run, struct su_out *out)
{
	struct state *st = self;

	(void)run;
	return su_out_text(out, st->page.s, st->page.len);
}

static void
free_state(void *self)
{
	struct state *st = self;
	size_t i;

	for (i = 0; i < st->ntab; i++)
		su_ndjson_free(&st->tab[i]);
	free(st->tab);
	free(st->kind);
	kpi_free(st->kpi, st->nkpi);
	free(st->page.s);
}

static const struct option longopts[] = {
	{"title", 1, 0, OPT_TITLE}, {"currency", 1, 0, OPT_CURRENCY},
	{"kpi", 1, 0, OPT_KPI}, {"tables", 0, 0, OPT_TABLES},
	{0, 0, 0, 0},
};

static const struct su_prog dashboard = {
	.shortopts = "", .longopts = longopts, .usage = usage,
	.option = option, .setup = setup, .end = end, .write = write_page,
	.free = free_state,
};

int
main(int argc, char **argv)
{
	struct opts o = {0};
	struct state st = {.o = &o};

	return su_run(&dashboard, &st, &o.c, argc, argv);
}
