/*
 * rules.c - qualification rules (mqlqualify-rules(5)): criteria, each an
 * expression (expr.c) with points and an optional requirement, and the
 * thresholds that turn a score into sql, nurture or disqualified.  Read
 * from INI with inih; the built-in rules are examples/rules/default.ini,
 * compiled in.
 *
 * inih tells its handler no line numbers, so the text is scanned first for
 * the lines inih hands over (key = value lines and indented continuation
 * lines), in order: the Nth call of the handler is the Nth such line.
 * That gives every message its line, and an expression's errors their
 * column.
 */
#include "su.h"

#include <ini.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


const char *const su_qual_name[SU_NQUAL] = {"sql", "nurture",
                                            "disqualified", "invalid"};

struct parse {
	struct su_rules *r;
	const char *file, *text;
	struct su_ini ini;
	size_t call;
	char *cur;            /* the section being read */
	struct su_criterion *c; /* the criterion being read */
	int in_thresholds;
	unsigned seen;        /* keys of the section */
	char msg[320];
	long msgline;
};

/* the first error, kept with its line (su_ini_fail) */
#define failf(ps, line, ...) su_ini_fail((ps)->msg, sizeof (ps)->msg, \
    &(ps)->msgline, (line), __VA_ARGS__)

/* a section given twice (inih would merge two adjacent ones): 0 or -1 */
static int
check_dups(struct parse *ps)
{
	size_t i, j;

	if (!su_ini_dup(&ps->ini, &i, &j))
		return 0;
	failf(ps, ps->ini.sec[i].line, "[%s] given twice (first on line %ld)",
	    ps->ini.sec[i].name, ps->ini.sec[j].line);
	return -1;
}

static int
parse_long(const char *v, long lo, long hi, long *out)
{
	char *end;
	long x;

	if (!*v)
		return -1;
	x = strtol(v, &end, 10);
	if (*end || x < lo || x > hi)
		return -1;
	*out = x;
	return 0;
}

static void
start_section(struct parse *ps, const char *section, long line)
{
	struct su_rules *r = ps->r;

	line = su_ini_secline(&ps->ini, line);
	free(ps->cur);
	ps->cur = su_xstrdup(section);
	ps->c = NULL;
	ps->in_thresholds = 0;
	ps->seen = 0;
	if (strcasecmp(section, "thresholds") == 0) {
		ps->in_thresholds = 1;
		r->have_thresholds = 1;
		return;
	}
	if (strncasecmp(section, "criterion ", 10) == 0) {
		const char *name = section + 10;

		while (*name == ' ')
			name++;
		if (!su_ini_name_ok(name)) {
			failf(ps, line, "[%s]: a criterion's name is letters, "
			    "digits, '-', '_' and '.'", section);
			return;
		}
		r->c = su_xrealloc(r->c, (r->nc + 1) * sizeof *r->c);
		ps->c = &r->c[r->nc++];
		memset(ps->c, 0, sizeof *ps->c);
		ps->c->name = su_xstrdup(name);
		ps->c->line = line;
		ps->c->required = -1;
		return;
	}
	failf(ps, line, "unknown section [%s] (expected [thresholds] or "
	    "[criterion NAME])", section);
}

static int
handler(void *user, const char *section, const char *name,
        const char *value)
{
	struct parse *ps = user;
	struct su_rules *r = ps->r;
	const struct su_ini_line *kl = ps->call < ps->ini.nkl ?
	    &ps->ini.kl[ps->call] : NULL;
	long line = kl ? kl->line : 0;
	long v;

	ps->call++;
	if (ps->msg[0])
		return 0;
	if (!ps->cur || strcmp(ps->cur, section) != 0) {
		if (!*section) {
			failf(ps, line, "%s = ... before any [section]", name);
			return 0;
		}
		/* the section's line: the last header before this line */
		start_section(ps, section, line);
		if (ps->msg[0])
			return 0;
	}
	if (ps->in_thresholds) {
		long *dst;
		unsigned bit;

		if (strcasecmp(name, "sql") == 0)
			dst = &r->sql, bit = 1;
		else if (strcasecmp(name, "nurture") == 0)
			dst = &r->nurture, bit = 2;
		else {
			failf(ps, line, "[thresholds]: unknown key %s "
			    "(expected sql, nurture)", name);
			return 0;
		}
		if (ps->seen & bit) {
			failf(ps, line, "[thresholds]: %s given twice", name);
			return 0;
		}
		ps->seen |= bit;
		if (parse_long(value, -1000000, 1000000, dst)) {
			failf(ps, line, "[thresholds]: %s = %s: expected a "
			    "whole number of points", name, value);
			return 0;
		}
		return 1;
	}
	if (strcasecmp(name, "when") == 0) {
		struct su_criterion *s = ps->c;
		size_t vlen = strlen(value);
		int cont = kl && s->nseg > 0 && kl->cont;

		if (s->nseg > 0 && !cont) {
			failf(ps, line, "[criterion %s]: when given twice (a "
			    "long expression goes on indented lines)",
			    ps->c->name);
			return 0;
		}
		if (!cont)
			ps->c->when_line = line;
		s->when = su_xrealloc(s->when, s->len + vlen + 2);
		if (s->len)
			s->when[s->len++] = '\n';
		s->seg = su_xrealloc(s->seg, (s->nseg + 1) * sizeof *s->seg);
		s->seg[s->nseg].off = s->len;
		s->seg[s->nseg].line = line;
		s->seg[s->nseg].col = kl ? kl->vcol : 0;
		s->nseg++;
		memcpy(s->when + s->len, value, vlen + 1);
		s->len += vlen;
		return 1;
	}
	if (strcasecmp(name, "points") == 0) {
		if (ps->seen & 1) {
			failf(ps, line, "[criterion %s]: points given twice",
			    ps->c->name);
			return 0;
		}
		ps->seen |= 1;
		if (parse_long(value, -1000000, 1000000, &v)) {
			failf(ps, line, "[criterion %s]: points = %s: expected "
			    "a whole number (may be negative)", ps->c->name,
			    value);
			return 0;
		}
		ps->c->points = v;
		return 1;
	}
	if (strcasecmp(name, "required") == 0) {
		if (ps->seen & 2) {
			failf(ps, line, "[criterion %s]: required given twice",
			    ps->c->name);
			return 0;
		}
		ps->seen |= 2;
		if (strcasecmp(value, "sql") == 0)
			ps->c->required = SU_Q_SQL;
		else if (strcasecmp(value, "nurture") == 0 ||
		         strcasecmp(value, "yes") == 0)
			ps->c->required = SU_Q_NURTURE;
		else if (strcasecmp(value, "no") == 0)
			ps->c->required = -1;
		else {
			failf(ps, line, "[criterion %s]: required = %s: expected "
			    "sql, nurture, yes (= nurture) or no", ps->c->name,
			    value);
			return 0;
		}
		return 1;
	}
	if (strcasecmp(name, "description") == 0)
		return 1;
	failf(ps, line, "[criterion %s]: unknown key %s (expected when, "
	    "points, required, description)", ps->c->name, name);
	return 0;
}

void
su_rules_caret(const struct su_rules *r, long line, size_t col,
               const char *fmt, ...)
{
	char msg[1400];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	su_ini_caret(r->file, r->text, line, col, msg);
}

void
su_rules_where(const struct su_rules *r, size_t i, size_t pos, long *line,
               size_t *col)
{
	const struct su_criterion *c = &r->c[i];
	size_t k = 0;

	while (k + 1 < c->nseg && c->seg[k + 1].off <= pos)
		k++;
	*line = c->seg[k].line;
	*col = c->seg[k].col + (pos - c->seg[k].off);
}

static int
finish(struct parse *ps)
{
	struct su_rules *r = ps->r;
	size_t i;

	if (!r->have_thresholds) {
		failf(ps, 0, "no [thresholds] section (sql = POINTS, nurture "
		    "= POINTS)");
		return -1;
	}
	if (r->nc == 0) {
		failf(ps, 0, "no [criterion NAME] section");
		return -1;
	}
	if (r->nurture > r->sql) {
		failf(ps, 0, "[thresholds]: nurture (%ld) is above sql (%ld)",
		    r->nurture, r->sql);
		return -1;
	}
	for (i = 0; i < r->nc; i++) {
		struct su_criterion *c = &r->c[i];
		struct su_expr_error err;
		long line;
		size_t col;

		if (!c->nseg) {
			failf(ps, c->line, "[criterion %s]: no when = "
			    "CONDITION", c->name);
			return -1;
		}
		if (su_expr_parse(c->when, c->len, &c->e, &err)) {
			su_rules_where(r, i, err.pos, &line, &col);
			su_rules_caret(r, line, col, "criterion %s: %s",
			    c->name, err.msg);
			ps->msg[0] = '!'; /* said */
			return -1;
		}
	}
	return 0;
}

static void
free_parse(struct parse *ps)
{
	su_ini_free(&ps->ini);
	free(ps->cur);
}

int
su_rules_load(const char *path, struct su_rules **out)
{
	struct parse ps;
	struct su_rules *r = su_xmalloc(sizeof *r);
	char *used = NULL;
	const char *name;
	int line;

	memset(&ps, 0, sizeof ps);
	memset(r, 0, sizeof *r);
	if (path) {
		r->text = su_shipped_slurp(path, "rules", "rules file", &used);
		r->file = used ? used : su_xstrdup(path);
		if (!r->text)
			goto bad;
	} else {
		r->text = su_xstrdup(su_builtin_rules);
		r->file = su_xstrdup("(built-in rules)");
	}
	name = r->file;
	ps.r = r;
	ps.file = name;
	ps.text = r->text;
	su_ini_scan(r->text, &ps.ini);
	if ((line = (int)su_ini_long_line(r->text)) != 0) {
		failf(&ps, line, "a line longer than %d characters (go on over "
		    "indented lines)", SU_INI_MAX_LINE);
		line = 0;
	} else if (check_dups(&ps))
		line = 0;
	else
		line = ini_parse_string(r->text, handler, &ps);
	if (line < 0) {
		su_msg(name, 0, "cannot read the rules");
		goto bad;
	}
	if (line > 0 && !ps.msg[0])
		failf(&ps, line, "not an INI line (expected [section], key = "
		    "value or a ; comment)");
	if (ps.msg[0] || finish(&ps)) {
		if (ps.msg[0] != '!')
			su_msg(name, ps.msgline, "%s", ps.msg);
		goto bad;
	}
	free_parse(&ps);
	*out = r;
	return 0;
bad:
	free_parse(&ps);
	su_rules_free(r);
	*out = NULL;
	return -1;
}

int
su_rules_bind(struct su_rules *r, const char *file, const struct su_rec *hdr)
{
	size_t i, k, pos, col, n, j;
	long line;
	int c;
	char list[1024];

	for (i = 0; i < r->nc; i++)
		for (k = 0; k < su_expr_ncols(r->c[i].e); k++) {
			const char *name = su_expr_colname(r->c[i].e, k, &pos);

			if ((c = su_find_header(hdr, name)) >= 0) {
				su_expr_bind(r->c[i].e, k, c);
				continue;
			}
			for (j = 0, n = 0; j < hdr->n && n < sizeof list; j++)
				n += (size_t)snprintf(list + n, sizeof list - n,
				    "%s\"%s\"", j ? ", " : "", hdr->f[j]);
			if (n >= sizeof list)
				strcpy(list + sizeof list - 5, "...");
			su_rules_where(r, i, pos, &line, &col);
			su_rules_caret(r, line, col, "criterion %s: %s \"%s\" "
			    "in %s; its columns are: %s", r->c[i].name,
			    c == -1 ? "no column" : "several columns match",
			    name, file, list);
			return -1;
		}
	return 0;
}

void
su_rules_free(struct su_rules *r)
{
	size_t i;

	if (!r)
		return;
	for (i = 0; i < r->nc; i++) {
		free(r->c[i].name);
		free(r->c[i].when);
		free(r->c[i].seg);
		su_expr_free(r->c[i].e);
	}
	free(r->c);
	free(r->file);
	free(r->text);
	free(r);
}
