/*
 * expr.c - rule expressions (mqlqualify-rules(5)): parsed once into a flat
 * array of typed nodes, evaluated per record without allocating.
 *
 *   or    := and { ("||" | or) and }
 *   and   := not { ("&&" | and) not }
 *   not   := ("!" | not) not | cmp
 *   cmp   := sum [ relop sum | matchop 'regex' | [not] in ( lit, ... ) ]
 *   sum   := prod { (+ | -) prod }
 *   prod  := neg { (* | /) neg }
 *   neg   := - neg | term
 *   term  := ( or ) | 'string' | number | date | column | name ( args )
 *
 * Types are settled at parse time.  A column's text takes the type of what
 * it is compared with: a number, a date, or else text; an operand of
 * arithmetic is a number.  Numbers are fixed point with six decimals
 * (int64); no floating point anywhere: + and - are exact, a product or a
 * quotient with more decimals is rounded half away from zero to six, once
 * (round() to fewer).  A formula (su_expr_parse_num) is an expression
 * whose value is a number.
 */
#include "su.h"

#include <regex.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#define SCALE 1000000LL /* a number's fixed point: six decimals */
#define MAXDEPTH 64     /* of nested parentheses and operators */

enum type { T_BOOL, T_NUM, T_DATE, T_STR, T_COL };
static const char *const tname[] = {"a condition", "a number", "a date",
                                    "text", "a column"};

enum op { OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE };

enum kind {
	N_OR, N_AND, N_NOT, N_CMP, N_IN, N_MATCH, N_EMPTY, N_PRESENT, N_YES,
	N_COL, N_NUM, N_DATE, N_STR, N_TODAY, N_TONUM, N_TODATE,
	N_DAYS, N_MONTHS, N_ADD_DAYS, N_ADD_MONTHS,
	/* arithmetic; N_IF: a the condition, b then, v else */
	N_ADD, N_SUB, N_MUL, N_DIV, N_NEG, N_MIN, N_MAX, N_ROUND, N_IF
};

struct node {
	enum kind kind;
	enum type type;
	int a, b;         /* children (node indexes), or -1 */
	int op;           /* N_CMP: enum op; N_MATCH/N_IN: negated; N_NUM:
	                     written with '%'; N_COL: an operand of
	                     arithmetic; N_ROUND: the decimals kept */
	enum type mode;   /* N_CMP, N_IN: compared as T_NUM, T_DATE or T_STR */
	int64_t v;        /* N_NUM (scaled), N_DATE (days); N_COL: column ref;
	                     N_MATCH: regex index; N_IN: first list node */
	int n;            /* N_IN: list length */
	const char *s;    /* N_STR: the text (in e->strs) */
	size_t len;
	size_t pos;       /* offset in the source, for messages */
	int konst;        /* a number or date computed from no column
	                     (add_months(today(), 6)): kept in e->memo */
};

/* a konst node's value, for the --as-of day it was computed with */
struct memo {
	int ok;
	int32_t today;
	int64_t v;
};

/* the currency a column's amounts state, from the first that states one:
 * amounts are never compared across currencies (a rule's bare number is
 * in the column's currency) */
struct curseen {
	char cur[SU_CUR_LEN];
	const char *file;
	long line;
	char why[160]; /* the fault's text */
};

struct colref {
	char *name;
	size_t pos;
	int col; /* bound: index in the record, or -1 */
	struct curseen *seen; /* its own allocation: written while the
				 expression is evaluated */
};

struct su_expr {
	struct node *n;
	size_t nn, ncap;
	int root;
	struct colref *c;
	size_t nc;
	regex_t *re;
	size_t nre;
	char **strs; /* every string literal and regex, owned */
	size_t nstrs;
	struct memo *memo; /* per node, for the konst ones: written while
	                      the expression is evaluated */
	struct vcache *vc; /* one column named: its verdicts by cell */
};

/*
 * The verdicts of an expression that names a few columns, by those cells'
 * bytes (and the --as-of day): a condition is a function of its cells, and
 * the cells of a column repeat (a role, a checkbox, a date, a score), so
 * cells seen before cost a hash and a compare.  Only a verdict whose
 * evaluation touched nothing outside itself is kept: not a fault, not a
 * yes() value counted as neither, not an amount that states a currency
 * (checked against the column's first).  Direct-mapped: cells that collide
 * with others replace them.
 */
#define VC_SLOTS 256 /* a power of two */
#define VC_COLS 4    /* expressions naming more are evaluated each time */
#define VC_WORDS 8   /* of a key: each cell's length, then its bytes eight
                        to a word; longer: evaluated each time */
struct vslot {
	uint64_t k[VC_WORDS];
	int32_t today;
	unsigned char nw; /* words of the key + 1; 0: an empty slot */
	signed char v;
};
struct vcache {
	int dmy, dc, set; /* the env the verdicts were computed with */
	struct vslot slot[VC_SLOTS];
};

/* ---- lexer ------------------------------------------------------------ */

enum tok {
	K_END, K_LP, K_RP, K_COMMA, K_AND, K_OR, K_NOT, K_IN, K_REL, K_MATCH,
	K_STR, K_QNAME, K_NAME, K_NUM, K_DATE, K_BAD,
	K_PLUS, K_MINUS, K_STAR, K_SLASH
};

struct parser {
	const char *src;
	size_t len, p;
	/* the current token */
	enum tok t;
	enum tok prev;   /* the token before: does a '-' subtract */
	int pct;         /* K_NUM: written with '%' */
	size_t tpos;
	int op;          /* K_REL: enum op; K_MATCH: 1 icase | 2 negated */
	char *text;      /* K_STR, K_QNAME, K_NAME: unquoted, malloc'd */
	int64_t num;     /* K_NUM, K_DATE */
	struct su_expr *e;
	int depth;
	int formula;     /* su_expr_parse_num: every name is a number */
	struct su_expr_error *err;
};

static int
fail(struct parser *ps, size_t pos, const char *fmt, ...)
{
	va_list ap;

	if (ps->err->msg[0])
		return -1;
	ps->err->pos = pos;
	va_start(ap, fmt);
	vsnprintf(ps->err->msg, sizeof ps->err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

static int
isident(int c, int first)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' ||
	    (!first && ((c >= '0' && c <= '9') || c == '.')) || c >= 0x80;
}

/* a decimal number with up to six decimals and an optional k/M/B or %:
 * *out scaled by SCALE.  Returns the characters used, 0 if none, -1 with
 * *why */
static long
lex_number(const char *s, size_t len, int64_t *out, int *pct, const char **why)
{
	size_t p = 0;
	int64_t v = 0, mult = SCALE;
	int digits = 0, dec = -1;

	while (p < len && ((s[p] >= '0' && s[p] <= '9') || s[p] == '.')) {
		if (s[p] == '.') {
			if (dec >= 0)
				break;
			dec = 0;
		} else {
			if (dec >= 0 && ++dec > 6) {
				*why = "more than six decimals";
				return -1;
			}
			if (v > (INT64_MAX - 9) / 10) {
				*why = "number too large";
				return -1;
			}
			v = v * 10 + (s[p] - '0');
			digits++;
		}
		p++;
	}
	if (!digits)
		return 0;
	for (; dec > 0; dec--)
		mult /= 10;
	if (p < len) {
		switch (s[p]) {
		case 'k': case 'K': mult *= 1000; p++; break;
		case 'm': case 'M': mult *= 1000000; p++; break;
		case 'b': case 'B': mult *= 1000000000; p++; break;
		case '%': p++; *pct = 1; break;
		}
	}
	if (v > INT64_MAX / mult) {
		*why = "number too large";
		return -1;
	}
	*out = v * mult;
	return (long)p;
}

/* 'text' or "name", with the quote doubled inside */
static int
lex_quoted(struct parser *ps, char q)
{
	size_t start = ps->p++, n = 0;
	char *buf = su_xmalloc(ps->len - start + 1);

	for (;;) {
		if (ps->p >= ps->len) {
			free(buf);
			return fail(ps, start, "%s not closed (missing %c)",
			    q == '\'' ? "text" : "column name", q);
		}
		if (ps->src[ps->p] == q) {
			if (ps->p + 1 < ps->len && ps->src[ps->p + 1] == q) {
				buf[n++] = q, ps->p += 2;
				continue;
			}
			ps->p++;
			break;
		}
		buf[n++] = ps->src[ps->p++];
	}
	buf[n] = '\0';
	ps->text = buf;
	return 0;
}

/* s[0..9] has a date's digits */
static int
isdate(const char *s)
{
	static const int at[] = {0, 1, 2, 3, 5, 6, 8, 9};
	size_t i;

	for (i = 0; i < sizeof at / sizeof at[0]; i++)
		if (s[at[i]] < '0' || s[at[i]] > '9')
			return 0;
	return 1;
}

static int
next(struct parser *ps)
{
	const char *s = ps->src;
	const char *why;
	char c;
	long k;

	free(ps->text);
	ps->text = NULL;
	ps->prev = ps->t;
	ps->pct = 0;
	while (ps->p < ps->len && (s[ps->p] == ' ' || s[ps->p] == '\t' ||
	       s[ps->p] == '\n' || s[ps->p] == '\r'))
		ps->p++;
	ps->tpos = ps->p;
	if (ps->p >= ps->len)
		return ps->t = K_END, 0;
	c = s[ps->p];
#define AT(str) (ps->len - ps->p >= sizeof str - 1 && \
                 memcmp(s + ps->p, str, sizeof str - 1) == 0)
	if (c == '(')
		return ps->p++, ps->t = K_LP, 0;
	if (c == ')')
		return ps->p++, ps->t = K_RP, 0;
	if (c == ',')
		return ps->p++, ps->t = K_COMMA, 0;
	if (AT("&&"))
		return ps->p += 2, ps->t = K_AND, 0;
	if (AT("||"))
		return ps->p += 2, ps->t = K_OR, 0;
	if (AT("!~*"))
		return ps->p += 3, ps->op = 3, ps->t = K_MATCH, 0;
	if (AT("!~"))
		return ps->p += 2, ps->op = 2, ps->t = K_MATCH, 0;
	if (AT("~*"))
		return ps->p += 2, ps->op = 1, ps->t = K_MATCH, 0;
	if (c == '~')
		return ps->p++, ps->op = 0, ps->t = K_MATCH, 0;
	if (AT("!=") || AT("<>"))
		return ps->p += 2, ps->op = OP_NE, ps->t = K_REL, 0;
	if (c == '!')
		return ps->p++, ps->t = K_NOT, 0;
	if (AT("=="))
		return ps->p += 2, ps->op = OP_EQ, ps->t = K_REL, 0;
	if (c == '=')
		return ps->p++, ps->op = OP_EQ, ps->t = K_REL, 0;
	if (AT("<="))
		return ps->p += 2, ps->op = OP_LE, ps->t = K_REL, 0;
	if (c == '<')
		return ps->p++, ps->op = OP_LT, ps->t = K_REL, 0;
	if (AT(">="))
		return ps->p += 2, ps->op = OP_GE, ps->t = K_REL, 0;
	if (c == '>')
		return ps->p++, ps->op = OP_GT, ps->t = K_REL, 0;
#undef AT
	if (c == '\'' || c == '"') {
		if (lex_quoted(ps, c))
			return ps->t = K_BAD, -1;
		return ps->t = c == '\'' ? K_STR : K_QNAME, 0;
	}
	/* a date: YYYY-MM-DD (digits where a date has them: 6-03-01 is
	 * arithmetic, whatever follows it) */
	if (ps->len - ps->p >= 10 && s[ps->p + 4] == '-' && s[ps->p + 7] == '-' &&
	    isdate(s + ps->p)) {
		int32_t d;

		if (su_date_parse(s + ps->p, 10, 0, &d, &why) != 0 ||
		    (ps->len - ps->p > 10 && isident((unsigned char)s[ps->p + 10], 0)))
			return ps->t = K_BAD, fail(ps, ps->p, "not a date "
			    "(dates are written YYYY-MM-DD)");
		ps->num = d, ps->p += 10;
		return ps->t = K_DATE, 0;
	}
	/* after a value, '-' subtracts; elsewhere it is a number's sign (as
	 * in "> -5" and "in (-5, 5)") unless a name follows */
	if (c == '-' && (ps->prev == K_RP || ps->prev == K_STR ||
	    ps->prev == K_QNAME || ps->prev == K_NAME || ps->prev == K_NUM ||
	    ps->prev == K_DATE || ps->p + 1 >= ps->len ||
	    !((s[ps->p + 1] >= '0' && s[ps->p + 1] <= '9') ||
	    s[ps->p + 1] == '.' || s[ps->p + 1] == '$')))
		return ps->p++, ps->t = K_MINUS, 0;
	if (c == '+')
		return ps->p++, ps->t = K_PLUS, 0;
	if (c == '*')
		return ps->p++, ps->t = K_STAR, 0;
	if (c == '/')
		return ps->p++, ps->t = K_SLASH, 0;
	if ((c >= '0' && c <= '9') || c == '.' || c == '$' || c == '-') {
		int neg = c == '-';
		size_t at = ps->p + neg;

		if (at < ps->len && s[at] == '$')
			at++;
		k = lex_number(s + at, ps->len - at, &ps->num, &ps->pct, &why);
		if (k < 0)
			return ps->t = K_BAD, fail(ps, ps->p, "%s", why);
		if (k == 0 || (at + (size_t)k < ps->len &&
		    isident((unsigned char)s[at + (size_t)k], 0)))
			return ps->t = K_BAD, fail(ps, ps->p, "not a number");
		ps->p = at + (size_t)k;
		if (neg)
			ps->num = -ps->num;
		return ps->t = K_NUM, 0;
	}
	if (isident((unsigned char)c, 1)) {
		size_t start = ps->p, n;

		while (ps->p < ps->len && isident((unsigned char)s[ps->p], 0))
			ps->p++;
		n = ps->p - start;
		if ((n == 3 && strncasecmp(s + start, "and", 3) == 0))
			return ps->t = K_AND, 0;
		if ((n == 2 && strncasecmp(s + start, "or", 2) == 0))
			return ps->t = K_OR, 0;
		if ((n == 3 && strncasecmp(s + start, "not", 3) == 0))
			return ps->t = K_NOT, 0;
		if ((n == 2 && strncasecmp(s + start, "in", 2) == 0))
			return ps->t = K_IN, 0;
		ps->text = su_xmalloc(n + 1);
		memcpy(ps->text, s + start, n);
		ps->text[n] = '\0';
		return ps->t = K_NAME, 0;
	}
	ps->t = K_BAD;
	return fail(ps, ps->p, "unexpected '%c'", c);
}

/* ---- parser ----------------------------------------------------------- */

static int
node(struct parser *ps, enum kind k, enum type t, size_t pos)
{
	struct su_expr *e = ps->e;

	if (e->nn == e->ncap)
		e->n = su_xrealloc(e->n, (e->ncap = e->ncap * 2 + 16) *
		    sizeof *e->n);
	memset(&e->n[e->nn], 0, sizeof e->n[e->nn]);
	e->n[e->nn].kind = k;
	e->n[e->nn].type = t;
	e->n[e->nn].a = e->n[e->nn].b = -1;
	e->n[e->nn].pos = pos;
	return (int)e->nn++;
}

static const char *
keep(struct su_expr *e, char *s)
{
	e->strs = su_xrealloc(e->strs, (e->nstrs + 1) * sizeof *e->strs);
	return e->strs[e->nstrs++] = s;
}

static int parse_or(struct parser *ps);

/* What glibc's regcomp() could take unbounded time or memory on, refused
 * before it sees it: adjacent repetition operators ("a++", "a*{2}"), which
 * POSIX leaves undefined; bounds {m,n} above 100, or multiplying to more
 * than 10,000 across the expression; more than 1,000 bytes.  NULL, or why
 * not. */
static const char *
regex_risk(const char *re)
{
	const char *p = re;
	int prev_rep = 0, inbr = 0;
	long product = 1, m;

	if (strlen(re) > 1000)
		return "longer than 1000 bytes";
	for (; *p; p++) {
		if (inbr) { /* a bracket expression: ']' closes, but not first */
			if (*p == '[' && (p[1] == ':' || p[1] == '.' ||
			    p[1] == '=')) {
				char end = p[1];

				for (p += 2; *p && !(p[0] == end && p[1] == ']');
				     p++)
					;
				if (!*p)
					return NULL; /* regcomp says */
				p++;
			} else if (*p == ']' && inbr > 1)
				inbr = 0;
			else
				inbr++;
			continue;
		}
		switch (*p) {
		case '\\':
			if (p[1])
				p++;
			prev_rep = 0;
			break;
		case '[':
			inbr = 1;
			if (p[1] == '^')
				p++;
			prev_rep = 0;
			break;
		case '*': case '+': case '?': case '{':
			if (prev_rep)
				return "adjacent repetition operators (such as "
				       "'++' or '*{2}') are undefined in POSIX "
				       "regular expressions";
			prev_rep = 1;
			if (*p == '{') {
				m = 0;
				for (p++; *p && *p != '}'; p++)
					if (*p >= '0' && *p <= '9') {
						m = m * 10 + (*p - '0');
						if (m > 100)
							return "a bound {m,n} "
							    "above 100";
					} else if (*p == ',')
						m = 0;
				if (!*p)
					return NULL; /* regcomp says */
				if (m > 1 && (product *= m) > 10000)
					return "bounds {m,n} that multiply to "
					       "more than 10000";
			}
			break;
		default:
			prev_rep = 0;
		}
	}
	return NULL;
}

static int
expect(struct parser *ps, enum tok t, const char *what)
{
	if (ps->t == K_BAD)
		return -1;
	if (ps->t != t)
		return fail(ps, ps->tpos, "expected %s", what);
	return next(ps);
}

static int
colref(struct parser *ps, char *name, size_t pos)
{
	struct su_expr *e = ps->e;
	size_t i;
	int k = node(ps, N_COL, T_COL, pos);

	for (i = 0; i < e->nc; i++)
		if (strcmp(e->c[i].name, name) == 0)
			break;
	if (i == e->nc) {
		e->c = su_xrealloc(e->c, (e->nc + 1) * sizeof *e->c);
		e->c[i].name = su_xstrdup(name);
		e->c[i].pos = pos;
		e->c[i].col = -1;
		e->c[i].seen = su_xmalloc(sizeof *e->c[i].seen);
		memset(e->c[i].seen, 0, sizeof *e->c[i].seen);
		e->nc++;
	}
	e->n[k].v = (int64_t)i;
	return k;
}

/* is a value usable as type `want` (a column's text is) */
static int
coerce(struct parser *ps, int k, enum type want, const char *fn)
{
	enum type t = ps->e->n[k].type;

	if (t == want || (t == T_COL && want != T_BOOL))
		return 0;
	if (t == T_COL && want == T_BOOL)
		return fail(ps, ps->e->n[k].pos, "a column is not a condition "
		    "(write present(col), !empty(col) or a comparison)");
	return fail(ps, ps->e->n[k].pos, "%s needs %s here, not %s", fn,
	    tname[want], tname[t]);
}

static const struct {
	const char *name;
	int nargs;
	enum type ret, arg[2];
	enum kind kind;
	int mode; /* N_DAYS/N_MONTHS: 0 between a and b, 1 since, 2 until */
} funcs[] = {
	{"empty", 1, T_BOOL, {T_COL}, N_EMPTY, 0},
	{"present", 1, T_BOOL, {T_COL}, N_PRESENT, 0},
	{"yes", 1, T_BOOL, {T_COL}, N_YES, 0},
	{"today", 0, T_DATE, {0}, N_TODAY, 0},
	{"number", 1, T_NUM, {T_COL}, N_TONUM, 0},
	{"date", 1, T_DATE, {T_COL}, N_TODATE, 0},
	{"days", 2, T_NUM, {T_DATE, T_DATE}, N_DAYS, 0},
	{"days_since", 1, T_NUM, {T_DATE}, N_DAYS, 1},
	{"days_until", 1, T_NUM, {T_DATE}, N_DAYS, 2},
	{"months", 2, T_NUM, {T_DATE, T_DATE}, N_MONTHS, 0},
	{"months_since", 1, T_NUM, {T_DATE}, N_MONTHS, 1},
	{"months_until", 1, T_NUM, {T_DATE}, N_MONTHS, 2},
	{"add_days", 2, T_DATE, {T_DATE, T_NUM}, N_ADD_DAYS, 0},
	{"add_months", 2, T_DATE, {T_DATE, T_NUM}, N_ADD_MONTHS, 0},
};

static int parse_sum(struct parser *ps);
static int arith_operand(struct parser *ps, int k, const char *what);

/* min(a, b, ...), max(a, b, ...): a chain of two-operand nodes; round(x,
 * places), places 0 to 6 written as a whole number; if(cond, a, b) */
static int
parse_arith_call(struct parser *ps, const char *name, size_t pos)
{
	enum kind kind = strcasecmp(name, "min") == 0 ? N_MIN :
	    strcasecmp(name, "max") == 0 ? N_MAX :
	    strcasecmp(name, "round") == 0 ? N_ROUND : N_IF;
	int args[3] = {-1, -1, -1}, n = 0, k, a;
	size_t apos[3] = {0, 0, 0};

	if (++ps->depth > MAXDEPTH)
		return fail(ps, pos, "nested too deeply");
	if (next(ps)) /* the ( */
		return -1;
	a = -1;
	for (;;) {
		size_t at = ps->tpos;

		if (ps->t == K_RP && n == 0)
			break;
		if ((k = parse_or(ps)) < 0)
			return -1;
		if (kind == N_MIN || kind == N_MAX) {
			if (arith_operand(ps, k, name))
				return -1;
			if (a < 0)
				a = k;
			else {
				int m = node(ps, kind, T_NUM, pos);

				ps->e->n[m].a = a, ps->e->n[m].b = k;
				a = m;
			}
		} else if (n < 3) {
			apos[n] = at;
			args[n] = k;
		}
		n++;
		if (ps->t != K_COMMA)
			break;
		if (next(ps))
			return -1;
	}
	if (expect(ps, K_RP, "')' after the arguments"))
		return -1;
	ps->depth--;
	if (kind == N_MIN || kind == N_MAX) {
		if (n < 2)
			return fail(ps, pos, "%s() takes two or more numbers",
			    kind == N_MIN ? "min" : "max");
		return a;
	}
	if (kind == N_ROUND) {
		const struct node *p;
		int places;

		if (n != 2)
			return fail(ps, pos, "round() takes 2 arguments: a "
			    "number and the decimals kept (0 to 6)");
		if (arith_operand(ps, args[0], "round"))
			return -1;
		p = &ps->e->n[args[1]];
		if (p->kind != N_NUM || p->op || p->v % SCALE != 0 ||
		    p->v < 0 || p->v > 6 * SCALE)
			return fail(ps, apos[1], "round() keeps 0 to 6 "
			    "decimals, written as a whole number");
		places = (int)(p->v / SCALE); /* node() may move p */
		k = node(ps, N_ROUND, T_NUM, pos);
		ps->e->n[k].a = args[0];
		ps->e->n[k].op = places;
		return k;
	}
	if (n != 3)
		return fail(ps, pos, "if() takes 3 arguments: a condition, "
		    "then a number, else a number");
	if (coerce(ps, args[0], T_BOOL, "if") ||
	    arith_operand(ps, args[1], "if") ||
	    arith_operand(ps, args[2], "if"))
		return -1;
	k = node(ps, N_IF, T_NUM, pos);
	ps->e->n[k].a = args[0];
	ps->e->n[k].b = args[1];
	ps->e->n[k].v = args[2];
	return k;
}

static int
parse_call(struct parser *ps, char *name, size_t pos)
{
	size_t f, nf = sizeof funcs / sizeof funcs[0];
	int args[2] = {-1, -1}, n = 0, k;

	if (strcasecmp(name, "min") == 0 || strcasecmp(name, "max") == 0 ||
	    strcasecmp(name, "round") == 0 || strcasecmp(name, "if") == 0) {
		k = parse_arith_call(ps, name, pos);
		free(name);
		return k;
	}
	for (f = 0; f < nf; f++)
		if (strcasecmp(funcs[f].name, name) == 0)
			break;
	if (f == nf) {
		fail(ps, pos, "unknown function %s() (known: empty, present, "
		    "today, number, date, days, days_since, days_until, months, "
		    "months_since, months_until, add_days, add_months, min, max, "
		    "round, if)", name);
		return free(name), -1;
	}
	free(name);
	if (next(ps)) /* the ( */
		return -1;
	if (ps->t != K_RP)
		for (;;) {
			if (n == 2)
				return fail(ps, ps->tpos, "%s() takes %d "
				    "argument%s", funcs[f].name, funcs[f].nargs,
				    funcs[f].nargs == 1 ? "" : "s");
			if ((args[n] = parse_or(ps)) < 0)
				return -1;
			n++;
			if (ps->t != K_COMMA)
				break;
			if (next(ps))
				return -1;
		}
	if (expect(ps, K_RP, "')' after the arguments"))
		return -1;
	if (n != funcs[f].nargs)
		return fail(ps, pos, "%s() takes %d argument%s", funcs[f].name,
		    funcs[f].nargs, funcs[f].nargs == 1 ? "" : "s");
	/* add_days(d, 1.5): a literal count must be whole */
	if ((funcs[f].kind == N_ADD_DAYS || funcs[f].kind == N_ADD_MONTHS) &&
	    ps->e->n[args[1]].kind == N_NUM &&
	    (ps->e->n[args[1]].v % SCALE != 0 ||
	    ps->e->n[args[1]].v / SCALE > 100000 ||
	    ps->e->n[args[1]].v / SCALE < -100000))
		return fail(ps, ps->e->n[args[1]].pos, "%s() adds a whole "
		    "number of %s, up to 100000", funcs[f].name,
		    funcs[f].kind == N_ADD_DAYS ? "days" : "months");
	for (k = 0; k < n; k++) {
		if (funcs[f].arg[k] == T_COL) {
			if (ps->e->n[args[k]].kind != N_COL)
				return fail(ps, ps->e->n[args[k]].pos,
				    "%s() takes a column", funcs[f].name);
		} else if (coerce(ps, args[k], funcs[f].arg[k], funcs[f].name))
			return -1;
	}
	k = node(ps, funcs[f].kind, funcs[f].ret, pos);
	ps->e->n[k].a = args[0];
	ps->e->n[k].b = args[1];
	ps->e->n[k].op = funcs[f].mode;
	return k;
}

static int
parse_term(struct parser *ps)
{
	size_t pos = ps->tpos;
	int k;
	char *t;

	switch (ps->t) {
	case K_LP:
		if (++ps->depth > MAXDEPTH)
			return fail(ps, pos, "nested too deeply");
		if (next(ps) || (k = parse_or(ps)) < 0)
			return -1;
		ps->depth--;
		if (expect(ps, K_RP, "')'"))
			return -1;
		return k;
	case K_STR:
		k = node(ps, N_STR, T_STR, pos);
		ps->e->n[k].len = strlen(ps->text);
		ps->e->n[k].s = keep(ps->e, ps->text);
		ps->text = NULL;
		return next(ps) ? -1 : k;
	case K_NUM:
		k = node(ps, N_NUM, T_NUM, pos);
		ps->e->n[k].v = ps->num;
		ps->e->n[k].op = ps->pct;
		return next(ps) ? -1 : k;
	case K_DATE:
		k = node(ps, N_DATE, T_DATE, pos);
		ps->e->n[k].v = ps->num;
		return next(ps) ? -1 : k;
	case K_QNAME:
		k = colref(ps, ps->text, pos);
		return next(ps) ? -1 : k;
	case K_NAME:
		t = ps->text;
		ps->text = NULL;
		if (next(ps))
			return free(t), -1;
		if (ps->t == K_LP)
			return parse_call(ps, t, pos);
		k = colref(ps, t, pos);
		free(t);
		return k;
	case K_BAD:
		return -1;
	case K_END:
		return fail(ps, pos, "expression ends too soon");
	default:
		return fail(ps, pos, "expected a value, a column or '('");
	}
}

/* k is an operand of arithmetic: a number, or a column read as one.  A
 * literal percentage is refused: "75%" is 75 where rules compare it with
 * a probability column, so 20% times an amount would be read two ways */
static int
arith_operand(struct parser *ps, int k, const char *what)
{
	struct node *n = &ps->e->n[k];

	if (n->kind == N_NUM && n->op)
		return fail(ps, n->pos, "a percentage in arithmetic reads two "
		    "ways (20%% is 20 in a comparison): write 0.20 or 20/100");
	if (coerce(ps, k, T_NUM, what))
		return -1;
	if (n->kind == N_COL)
		n->op = 1;
	return 0;
}

static int parse_prefix(struct parser *ps, enum tok t);

static int
parse_neg(struct parser *ps)
{
	return parse_prefix(ps, K_MINUS);
}

/* a run of binary arithmetic, left to right: sum (+ -) over prod (* /)
 * over neg */
static int
parse_arith(struct parser *ps, int sum)
{
	enum tok t1 = sum ? K_PLUS : K_STAR, t2 = sum ? K_MINUS : K_SLASH;
	int a, b, k;
	size_t pos;
	enum tok t;
	const char *what;

	if ((a = sum ? parse_arith(ps, 0) : parse_neg(ps)) < 0)
		return -1;
	while (ps->t == t1 || ps->t == t2) {
		t = ps->t, pos = ps->tpos;
		what = t == K_PLUS ? "'+'" : t == K_MINUS ? "'-'" :
		    t == K_STAR ? "'*'" : "'/'";
		if (arith_operand(ps, a, what) || next(ps) ||
		    (b = sum ? parse_arith(ps, 0) : parse_neg(ps)) < 0 ||
		    arith_operand(ps, b, what))
			return -1;
		k = node(ps, t == K_PLUS ? N_ADD : t == K_MINUS ? N_SUB :
		    t == K_STAR ? N_MUL : N_DIV, T_NUM, pos);
		ps->e->n[k].a = a, ps->e->n[k].b = b;
		a = k;
	}
	return a;
}

static int
parse_sum(struct parser *ps)
{
	return parse_arith(ps, 1);
}

/* the type two operands are compared as */
static int
settle(struct parser *ps, int a, int b, size_t pos, enum type *mode)
{
	enum type ta = ps->e->n[a].type, tb = ps->e->n[b].type;

	if (ta == T_BOOL || tb == T_BOOL)
		return fail(ps, ta == T_BOOL ? ps->e->n[a].pos :
		    ps->e->n[b].pos, "a condition cannot be compared (use && "
		    "or ||)");
	if (ta == T_COL)
		ta = tb;
	if (tb == T_COL)
		tb = ta;
	if (ta == T_COL) /* two columns: as text; in a formula, numbers */
		ta = tb = ps->formula ? T_NUM : T_STR;
	if (ta != tb)
		return fail(ps, pos, "cannot compare %s with %s", tname[ta],
		    tname[tb]);
	*mode = ta;
	return 0;
}

static int
parse_cmp(struct parser *ps)
{
	int a, b, k, negate = 0, first = -1, n = 0;
	size_t pos;
	enum type mode;

	if ((a = parse_sum(ps)) < 0)
		return -1;
	pos = ps->tpos;
	if (ps->t == K_REL) {
		int op = ps->op;

		if (next(ps) || (b = parse_sum(ps)) < 0)
			return -1;
		if (settle(ps, a, b, pos, &mode))
			return -1;
		k = node(ps, N_CMP, T_BOOL, pos);
		ps->e->n[k].a = a, ps->e->n[k].b = b;
		ps->e->n[k].op = op, ps->e->n[k].mode = mode;
		return k;
	}
	if (ps->t == K_MATCH) {
		int flags = REG_EXTENDED | REG_NOSUB, rc, op = ps->op;
		const char *why;
		struct su_expr *e = ps->e;

		if (coerce(ps, a, T_STR, "a regular expression match"))
			return -1;
		if (next(ps))
			return -1;
		if (ps->t != K_STR)
			return fail(ps, ps->tpos, "expected a regular "
			    "expression in quotes: '...'");
		if (op & 1)
			flags |= REG_ICASE;
		if ((why = regex_risk(ps->text)) != NULL)
			return fail(ps, ps->tpos, "regular expression '%.60s' "
			    "refused: %s", ps->text, why);
		e->re = su_xrealloc(e->re, (e->nre + 1) * sizeof *e->re);
		if ((rc = regcomp(&e->re[e->nre], ps->text, flags)) != 0) {
			char m[96];

			regerror(rc, &e->re[e->nre], m, sizeof m);
			regfree(&e->re[e->nre]);
			return fail(ps, ps->tpos, "bad regular expression "
			    "'%s': %s", ps->text, m);
		}
		k = node(ps, N_MATCH, T_BOOL, pos);
		e->n[k].a = a, e->n[k].v = (int64_t)e->nre++;
		e->n[k].op = (op & 2) != 0;
		return next(ps) ? -1 : k;
	}
	if (ps->t == K_NOT || ps->t == K_IN) {
		if (ps->t == K_NOT) {
			negate = 1;
			if (next(ps))
				return -1;
			if (ps->t != K_IN)
				return fail(ps, ps->tpos, "expected 'in' after "
				    "'not'");
		}
		if (next(ps) || expect(ps, K_LP, "'(' after 'in'"))
			return -1;
		mode = T_COL;
		for (;;) {
			size_t lpos = ps->tpos;

			if (ps->t != K_STR && ps->t != K_NUM && ps->t != K_DATE)
				return ps->t == K_BAD ? -1 : fail(ps, lpos,
				    "expected a 'text', number or date in the "
				    "list");
			if ((b = parse_term(ps)) < 0)
				return -1;
			if (mode != T_COL && ps->e->n[b].type != mode)
				return fail(ps, lpos, "a list holds one kind "
				    "of value (this is %s, the first is %s)",
				    tname[ps->e->n[b].type], tname[mode]);
			mode = ps->e->n[b].type;
			if (first < 0)
				first = b;
			n++;
			if (ps->t != K_COMMA)
				break;
			if (next(ps))
				return -1;
		}
		if (expect(ps, K_RP, "')' or ',' in the list"))
			return -1;
		if (settle(ps, a, first, pos, &mode))
			return -1;
		k = node(ps, N_IN, T_BOOL, pos);
		ps->e->n[k].a = a, ps->e->n[k].v = first, ps->e->n[k].n = n;
		ps->e->n[k].op = negate, ps->e->n[k].mode = mode;
		return k;
	}
	return a;
}

/* a prefix operator, repeatable: '!' (not) over a comparison, '-' over a
 * term */
static int
parse_prefix(struct parser *ps, enum tok t)
{
	size_t pos = ps->tpos;
	int a, k;

	if (ps->t != t)
		return t == K_NOT ? parse_cmp(ps) : parse_term(ps);
	if (++ps->depth > MAXDEPTH)
		return fail(ps, pos, "nested too deeply");
	if (next(ps) || (a = parse_prefix(ps, t)) < 0)
		return -1;
	ps->depth--;
	if (t == K_NOT ? coerce(ps, a, T_BOOL, "'!'") :
	    arith_operand(ps, a, "'-'"))
		return -1;
	k = node(ps, t == K_NOT ? N_NOT : N_NEG, t == K_NOT ? T_BOOL : T_NUM,
	    pos);
	ps->e->n[k].a = a;
	return k;
}

static int
parse_not(struct parser *ps)
{
	return parse_prefix(ps, K_NOT);
}

static int
parse_bin(struct parser *ps, enum tok t, enum kind kind)
{
	int a, b, k;
	size_t pos;
	const char *what = kind == N_AND ? "'&&'" : "'||'";

	if ((a = kind == N_AND ? parse_not(ps) : parse_bin(ps, K_AND, N_AND)) < 0)
		return -1;
	while (ps->t == t) {
		pos = ps->tpos;
		if (coerce(ps, a, T_BOOL, what))
			return -1;
		if (next(ps))
			return -1;
		b = kind == N_AND ? parse_not(ps) : parse_bin(ps, K_AND, N_AND);
		if (b < 0 || coerce(ps, b, T_BOOL, what))
			return -1;
		k = node(ps, kind, T_BOOL, pos);
		ps->e->n[k].a = a, ps->e->n[k].b = b;
		a = k;
	}
	return a;
}

static int
parse_or(struct parser *ps)
{
	return parse_bin(ps, K_OR, N_OR);
}

/* the nodes computed from no column, worth keeping from one record to
 * the next: arithmetic and date functions over literals and today()
 * (their children come before them in the array) */
static void
mark_konst(struct su_expr *e)
{
	unsigned char *col = su_xmalloc(e->nn + 1);
	size_t k;
	int any = 0;

	for (k = 0; k < e->nn; k++) {
		struct node *n = &e->n[k];

		col[k] = n->kind == N_COL ||
		    (n->a >= 0 && ((size_t)n->a >= k || col[n->a])) ||
		    (n->b >= 0 && ((size_t)n->b >= k || col[n->b])) ||
		    (n->kind == N_IF && ((size_t)n->v >= k || col[n->v]));
		if (col[k] || (n->type != T_NUM && n->type != T_DATE))
			continue;
		switch (n->kind) {
		case N_DAYS: case N_MONTHS: case N_ADD_DAYS: case N_ADD_MONTHS:
		case N_ADD: case N_SUB: case N_MUL: case N_DIV: case N_NEG:
		case N_MIN: case N_MAX: case N_ROUND: case N_IF:
			n->konst = any = 1;
			break;
		default:
			break;
		}
	}
	free(col);
	if (any) {
		e->memo = su_xmalloc(e->nn * sizeof *e->memo);
		memset(e->memo, 0, e->nn * sizeof *e->memo);
	}
}

static int
parse(const char *src, size_t len, struct su_expr **out,
      struct su_expr_error *err, enum type want)
{
	struct parser ps;
	struct su_expr *e = su_xmalloc(sizeof *e);
	int k;

	memset(e, 0, sizeof *e);
	memset(&ps, 0, sizeof ps);
	memset(err, 0, sizeof *err);
	ps.src = src, ps.len = len, ps.e = e, ps.err = err;
	ps.formula = want == T_NUM;
	if (memchr(src, '\0', len)) {
		fail(&ps, (size_t)((const char *)memchr(src, '\0', len) - src),
		    "NUL byte in the expression");
		goto bad;
	}
	if (next(&ps))
		goto bad;
	if (ps.t == K_END) {
		fail(&ps, 0, "empty expression");
		goto bad;
	}
	if ((k = parse_or(&ps)) < 0)
		goto bad;
	if (ps.t != K_END) {
		if (ps.t != K_BAD)
			fail(&ps, ps.tpos, "expected && or || or the end of "
			    "the expression");
		goto bad;
	}
	if (coerce(&ps, k, want, want == T_BOOL ? "a rule" : "a formula"))
		goto bad;
	e->root = k;
	mark_konst(e);
	free(ps.text);
	*out = e;
	return 0;
bad:
	free(ps.text);
	su_expr_free(e);
	*out = NULL;
	return -1;
}

int
su_expr_parse(const char *src, size_t len, struct su_expr **out,
              struct su_expr_error *err)
{
	return parse(src, len, out, err, T_BOOL);
}

int
su_expr_parse_num(const char *src, size_t len, struct su_expr **out,
                  struct su_expr_error *err)
{
	return parse(src, len, out, err, T_NUM);
}

void
su_expr_free(struct su_expr *e)
{
	size_t i;

	if (!e)
		return;
	for (i = 0; i < e->nc; i++) {
		free(e->c[i].name);
		free(e->c[i].seen);
	}
	for (i = 0; i < e->nre; i++)
		regfree(&e->re[i]);
	for (i = 0; i < e->nstrs; i++)
		free(e->strs[i]);
	free(e->c);
	free(e->re);
	free(e->strs);
	free(e->n);
	free(e->memo);
	free(e->vc);
	free(e);
}

size_t
su_expr_ncols(const struct su_expr *e)
{
	return e->nc;
}

const char *
su_expr_colname(const struct su_expr *e, size_t i, size_t *pos)
{
	if (pos)
		*pos = e->c[i].pos;
	return e->c[i].name;
}

void
su_expr_bind(struct su_expr *e, size_t i, int col)
{
	e->c[i].col = col;
	/* allocated here, not while evaluating (which allocates nothing) */
	if (e->nc <= VC_COLS && !e->vc)
		e->vc = memset(su_xmalloc(sizeof *e->vc), 0, sizeof *e->vc);
}

/* ---- evaluation ------------------------------------------------------- */

struct val {
	int null;      /* empty: no comparison holds */
	int64_t v;     /* T_NUM scaled, T_DATE days */
	const char *s; /* T_STR, T_COL: trimmed text */
	size_t len;
};

/* what one evaluation has read of the cells of its first CELLS columns,
 * each read once however many conditions name it: the text trimmed, and
 * the number or date once one was asked for and read (a bit per column in
 * text, num and date says which is there) */
#define CELLS 32
struct cell {
	const char *s;
	size_t len;
	int64_t num, date;
};

struct evalctx {
	const struct su_expr *e;
	const struct su_rec *r;
	const struct su_expr_env *env;
	struct su_expr_fault *fault;
	uint32_t text, num, date;
	int impure; /* the verdict touched state outside it (struct vcache) */
	struct cell cell[CELLS];
};

/* the first column under node k, or -1 */
static int
column_under(const struct su_expr *e, int k)
{
	int c;

	if (k < 0)
		return -1;
	if (e->n[k].kind == N_COL)
		return k;
	if (e->n[k].kind == N_IN) /* its list holds literals only */
		return column_under(e, e->n[k].a);
	if ((c = column_under(e, e->n[k].a)) >= 0)
		return c;
	return column_under(e, e->n[k].b);
}

/* node k's value could not be used: the column it comes from, if any */
static int
fault(struct evalctx *x, int k, const char *why)
{
	int col = column_under(x->e, k);

	x->fault->why = why;
	x->fault->pos = x->e->n[k].pos;
	if (col < 0) {
		x->fault->column = "(a computed value)";
		x->fault->value = "";
		x->fault->vlen = 0;
		return -1;
	}
	{
		const struct colref *c = &x->e->c[x->e->n[col].v];

		x->fault->column = c->name;
		x->fault->value = x->r->f[c->col];
		x->fault->vlen = x->r->len[c->col];
		x->fault->pos = x->e->n[col].pos;
	}
	return -1;
}

/* a cell's number: a money amount, a plain decimal (six places), "75%" */
int
su_expr_number(const char *s, size_t len, int decimal_comma, int64_t *out,
               const char **why)
{
	char cur[SU_CUR_LEN];

	return su_expr_number_cur(s, len, decimal_comma, out, cur, why);
}

int
su_expr_number_cur(const char *s, size_t len, int decimal_comma,
                   int64_t *out, char cur[SU_CUR_LEN], const char **why)
{
	int64_t v = 0;
	size_t i;

	/* a whole number of up to 12 digits, no zero before it (a score,
	 * a head count): what su_money_parse reads it as, without it */
	su_trim_fast(&s, &len);
	if (len >= 1 && len <= 12 && (s[0] != '0' || len == 1)) {
		for (i = 0; i < len && s[i] >= '0' && s[i] <= '9'; i++)
			v = v * 10 + (s[i] - '0');
		if (i == len) {
			cur[0] = '\0';
			*out = v * SCALE;
			return 0;
		}
	}
	return su_expr_number_full(s, len, decimal_comma, out, cur, why);
}

int
su_expr_number_full(const char *s, size_t len, int decimal_comma,
                    int64_t *out, char cur[SU_CUR_LEN], const char **why)
{
	int64_t cents;
	long k;
	int r, neg = 0, pct = 0;

	cur[0] = '\0';
	su_trim(&s, &len);
	if (len == 0)
		return 1;
	r = su_money_parse(s, len, decimal_comma, &cents, cur, why);
	if (r == 0) {
		if (cents > INT64_MAX / (SCALE / 100) ||
		    cents < INT64_MIN / (SCALE / 100)) {
			*why = "number too large";
			return -1;
		}
		*out = cents * (SCALE / 100);
		return 0;
	}
	/* more decimals than money has, or a percentage */
	if (len && s[0] == '-')
		neg = 1, s++, len--;
	k = lex_number(s, len, out, &pct, why);
	if (k <= 0 || (size_t)k != len) {
		if (k >= 0)
			*why = "not a number";
		return -1;
	}
	if (neg)
		*out = -*out;
	return 0;
}

static int eval_bool(struct evalctx *x, int k);

/* node k's operator on a and b, each within +-INT64_MAX, the result too;
 * a product or quotient rounded half away from zero to six decimals */
static int
arith(struct evalctx *x, int k, int64_t a, int64_t b, int64_t *out)
{
	const struct node *n = &x->e->n[k];

	switch (n->kind) {
	case N_ADD:
		if ((b > 0 && a > INT64_MAX - b) || (b < 0 && a < -INT64_MAX - b))
			return fault(x, k, "arithmetic overflows");
		*out = a + b;
		return 0;
	case N_SUB:
		if ((b < 0 && a > INT64_MAX + b) || (b > 0 && a < -INT64_MAX + b))
			return fault(x, k, "arithmetic overflows");
		*out = a - b;
		return 0;
	case N_MUL:
		if (su_muldiv(a, b, SCALE, out))
			return fault(x, k, "arithmetic overflows");
		return 0;
	case N_DIV:
		if (b == 0)
			return fault(x, n->b, "division by zero");
		if (b < 0)
			a = -a, b = -b;
		if (su_muldiv(a, SCALE, b, out))
			return fault(x, k, "arithmetic overflows");
		return 0;
	case N_MIN:
		*out = a < b ? a : b;
		return 0;
	default:
		*out = a > b ? a : b;
		return 0;
	}
}

static int eval_node(struct evalctx *x, int k, enum type as,
                     struct val *out);
static int eval_col(struct evalctx *x, int k, enum type as,
                    struct val *out);

/* node k's value as type as: a literal's at once, a konst node's from
 * the memo once computed for this --as-of day */
static int
eval_val(struct evalctx *x, int k, enum type as, struct val *out)
{
	const struct node *n = &x->e->n[k];
	struct memo *m;

	switch (n->kind) {
	case N_NUM:
	case N_DATE:
		out->null = 0, out->v = n->v, out->s = NULL, out->len = 0;
		return 0;
	case N_STR:
		out->null = 0, out->v = 0, out->s = n->s, out->len = n->len;
		return 0;
	case N_COL:
		return eval_col(x, k, as, out);
	default:
		break;
	}
	if (!n->konst)
		return eval_node(x, k, as, out);
	m = &x->e->memo[k];
	if (m->ok && m->today == x->env->today) {
		out->null = 0, out->v = m->v, out->s = NULL, out->len = 0;
		return 0;
	}
	if (eval_node(x, k, as, out))
		return -1; /* a fault (1 / 0): said each time */
	if (!out->null)
		m->ok = 1, m->today = x->env->today, m->v = out->v;
	return 0;
}

/* column node k's cell, trimmed (once an evaluation) */
static const struct cell *
cell(struct evalctx *x, const struct node *n, struct cell *tmp)
{
	const struct colref *c = &x->e->c[n->v];
	uint32_t bit = n->v < CELLS ? (uint32_t)1 << n->v : 0;
	struct cell *p = bit ? &x->cell[n->v] : tmp;

	if (x->text & bit)
		return p;
	p->s = x->r->f[c->col];
	p->len = x->r->len[c->col];
	su_trim_fast(&p->s, &p->len);
	x->text |= bit;
	return p;
}

/* column node k's cell as type as (T_COL, T_STR: its text) */
static int
eval_col(struct evalctx *x, int k, enum type as, struct val *out)
{
	const struct node *n = &x->e->n[k];
	const struct colref *c = &x->e->c[n->v];
	uint32_t bit = n->v < CELLS ? (uint32_t)1 << n->v : 0;
	const struct cell *cl;
	struct cell tmp;
	const char *why;
	int r;

	cl = cell(x, n, &tmp);
	out->null = 0, out->v = 0;
	out->s = cl->s;
	out->len = cl->len;
	if (out->len == 0) {
		/* which cell left a formula without a value */
		x->fault->column = c->name;
		x->fault->value = "";
		x->fault->vlen = 0;
		x->fault->why = "empty";
		x->fault->pos = n->pos;
		out->null = 1;
		return 0;
	}
	if (as == T_NUM && n->op && out->s[out->len - 1] == '%')
		return fault(x, k, "a percentage in arithmetic reads "
		    "two ways (75% is 75 in a comparison): write the "
		    "fraction (0.75)");
	if (as == T_NUM) {
		char cur[SU_CUR_LEN];
		struct curseen *cs = c->seen;

		if (x->num & bit) { /* read (and its currency checked) */
			out->v = x->cell[n->v].num;
			return 0;
		}
		r = su_expr_number_cur(out->s, out->len,
		    x->env->decimal_comma, &out->v, cur, &why);
		if (r < 0)
			return fault(x, k, why);
		if (cur[0])
			x->impure = 1; /* checked against the column's */
		if (cur[0] && !cs->cur[0]) {
			memcpy(cs->cur, cur, sizeof cur);
			cs->file = x->r->file;
			cs->line = x->r->line;
		} else if (cur[0] && strcmp(cur, cs->cur) != 0) {
			snprintf(cs->why, sizeof cs->why, "in %s, but "
			    "the column's first amount (%s:%ld) is in "
			    "%s: amounts are never compared across "
			    "currencies", cur, cs->file, cs->line,
			    cs->cur);
			return fault(x, k, cs->why);
		}
		if (bit)
			x->cell[n->v].num = out->v, x->num |= bit;
	} else if (as == T_DATE) {
		int32_t dd;

		if (x->date & bit) {
			out->v = x->cell[n->v].date;
			return 0;
		}
		r = su_date_parse(out->s, out->len, x->env->dmy, &dd,
		    &why);
		if (r < 0)
			return fault(x, k, why);
		out->v = dd;
		if (bit)
			x->cell[n->v].date = dd, x->date |= bit;
	}
	return 0;
}

static int
eval_node(struct evalctx *x, int k, enum type as, struct val *out)
{
	const struct node *n = &x->e->n[k];
	struct val a, b;
	int y, m, d, r;

	memset(out, 0, sizeof *out);
	memset(&a, 0, sizeof a);
	memset(&b, 0, sizeof b);
	switch (n->kind) {
	case N_COL:
		return eval_col(x, k, as, out);
	case N_NUM:
	case N_DATE:
		out->v = n->v;
		return 0;
	case N_STR:
		out->s = n->s, out->len = n->len;
		return 0;
	case N_TODAY:
		out->v = x->env->today;
		return 0;
	case N_TONUM:
		return eval_val(x, n->a, T_NUM, out);
	case N_TODATE:
		return eval_val(x, n->a, T_DATE, out);
	case N_DAYS:
	case N_MONTHS:
		if (n->op == 0) {
			if (eval_val(x, n->a, T_DATE, &a) ||
			    eval_val(x, n->b, T_DATE, &b))
				return -1;
		} else {
			if (eval_val(x, n->a, T_DATE, n->op == 1 ? &a : &b))
				return -1;
			(n->op == 1 ? &b : &a)->v = x->env->today;
		}
		if (a.null || b.null) {
			out->null = 1;
			return 0;
		}
		if (n->kind == N_DAYS)
			out->v = (b.v - a.v) * SCALE;
		else {
			/* whole calendar months from a to b, toward zero */
			int ya, ma, da, yb, mb, db;
			int64_t mo;

			su_civil((int32_t)a.v, &ya, &ma, &da);
			su_civil((int32_t)b.v, &yb, &mb, &db);
			mo = (int64_t)(yb - ya) * 12 + (mb - ma);
			if (mo > 0 && db < da)
				mo--;
			else if (mo < 0 && db > da)
				mo++;
			out->v = mo * SCALE;
		}
		return 0;
	case N_ADD_DAYS:
	case N_ADD_MONTHS:
		if (eval_val(x, n->a, T_DATE, &a) ||
		    eval_val(x, n->b, T_NUM, &b))
			return -1;
		if (a.null || b.null) {
			out->null = 1;
			return 0;
		}
		if (b.v % SCALE != 0 || b.v / SCALE > 100000 ||
		    b.v / SCALE < -100000) {
			/* only a column can bring such a count */
			return fault(x, n->b, "not a whole number of days or "
			    "months (up to 100000)");
		}
		if (n->kind == N_ADD_DAYS) {
			out->v = a.v + b.v / SCALE;
		} else {
			int64_t mo;

			su_civil((int32_t)a.v, &y, &m, &d);
			mo = (int64_t)y * 12 + (m - 1) + b.v / SCALE;
			y = (int)(mo / 12), m = (int)(mo % 12) + 1;
			if (y < 1) {
				y = 1, m = 1, d = 1;
			} else if (d > su_days_in_month(y, m))
				d = su_days_in_month(y, m);
			out->v = su_days(y, m, d);
		}
		return 0;
	case N_ADD: case N_SUB: case N_MUL: case N_DIV: case N_MIN:
	case N_MAX:
		if (eval_val(x, n->a, T_NUM, &a) || eval_val(x, n->b, T_NUM, &b))
			return -1;
		if (a.null || b.null) {
			out->null = 1;
			return 0;
		}
		return arith(x, k, a.v, b.v, &out->v);
	case N_NEG:
		if (eval_val(x, n->a, T_NUM, &a))
			return -1;
		out->null = a.null;
		out->v = -a.v; /* values stay within +-INT64_MAX */
		return 0;
	case N_ROUND: {
		int64_t unit = SCALE;

		if (eval_val(x, n->a, T_NUM, &a))
			return -1;
		out->null = a.null;
		for (r = 0; r < n->op; r++)
			unit /= 10;
		if (!a.null && (su_muldiv(a.v, 1, unit, &out->v) ||
		    su_muldiv(out->v, unit, 1, &out->v)))
			return fault(x, k, "arithmetic overflows");
		return 0;
	}
	case N_IF:
		if ((r = eval_bool(x, n->a)) < 0)
			return -1;
		return eval_val(x, r ? n->b : (int)n->v, T_NUM, out);
	default:
		break;
	}
	/* a condition where a value was expected: cannot happen (types are
	 * checked when parsed) */
	r = eval_bool(x, k);
	if (r < 0)
		return -1;
	out->v = r;
	return 0;
}

/* text compared as the rules compare it: ASCII case ignored */
static int
textcmp(const struct val *a, const struct val *b)
{
	size_t i, n = a->len < b->len ? a->len : b->len;
	int ca, cb;

	for (i = 0; i < n; i++) {
		ca = (unsigned char)a->s[i], cb = (unsigned char)b->s[i];
		if (ca >= 'A' && ca <= 'Z')
			ca += 'a' - 'A';
		if (cb >= 'A' && cb <= 'Z')
			cb += 'a' - 'A';
		if (ca != cb)
			return ca < cb ? -1 : 1;
	}
	return a->len < b->len ? -1 : a->len > b->len;
}

/* texts equal as the rules compare them: of one length, and the same
 * bytes (a list's value is written as the column writes it, most often)
 * or the same ASCII case aside.  A text is a cell's or a literal's, never
 * NULL, even when empty. */
static int
texteq(const struct val *a, const struct val *b)
{
	return a->len == b->len && (memcmp(a->s, b->s, a->len) == 0 ||
	    textcmp(a, b) == 0);
}

static int
compare(enum type mode, const struct val *a, const struct val *b)
{
	if (mode == T_STR)
		return textcmp(a, b);
	return a->v < b->v ? -1 : a->v > b->v;
}

/* a list, a match, a cell's emptiness or yes: apart from eval_bool, whose
 * and, or and comparisons stay light */
static int
eval_test(struct evalctx *x, const struct node *n)
{
	struct val a, b;
	int r, i;

	switch (n->kind) {
	case N_IN:
		if (eval_val(x, n->a, n->mode, &a))
			return -1;
		if (a.null)
			return 0;
		/* the list's literals follow each other in the array */
		for (i = 0, r = 0; i < n->n && !r; i++) {
			if (eval_val(x, (int)n->v + i, n->mode, &b))
				return -1;
			r = n->mode == T_STR ? texteq(&a, &b) :
			    compare(n->mode, &a, &b) == 0;
		}
		return n->op ? !r : r;
	case N_MATCH: {
		const struct colref *c2;

		if (eval_val(x, n->a, T_STR, &a))
			return -1;
		/* fields are NUL-terminated; a column is matched whole (the
		 * blanks around it included), a literal as written */
		if (x->e->n[n->a].kind == N_COL) {
			c2 = &x->e->c[x->e->n[n->a].v];
			a.s = x->r->f[c2->col];
		}
		r = regexec(&x->e->re[n->v], a.s, 0, NULL, 0) == 0;
		return n->op ? !r : r;
	}
	case N_EMPTY:
	case N_PRESENT:
	case N_YES: {
		const struct colref *c2 = &x->e->c[x->e->n[n->a].v];
		const char *s = x->r->f[c2->col];
		size_t len = x->r->len[c2->col];
		int yn;

		if (n->kind == N_PRESENT)
			return su_present(s, len);
		if (n->kind == N_YES) {
			/* a checkbox: "maybe" is not a yes, and is said */
			if ((yn = su_yesno(s, len)) != SU_NEITHER)
				return yn == SU_YES;
			if (!x->env->yn)
				return fault(x, n->a, "neither yes nor no (see "
				    "salesutils(7))");
			su_yn_add(x->env->yn, c2->col, x->r->file, x->r->line,
			    s, len);
			x->impure = 1; /* counted, with its line */
			return 0;
		}
		su_trim_fast(&s, &len);
		return len == 0;
	}
	default:
		return 0;
	}
}

static int
eval_bool(struct evalctx *x, int k)
{
	const struct node *n = &x->e->n[k];
	struct val a, b;
	int r, c;

	switch (n->kind) {
	case N_OR:
		if ((r = eval_bool(x, n->a)) != 0)
			return r;
		return eval_bool(x, n->b);
	case N_AND:
		if ((r = eval_bool(x, n->a)) <= 0)
			return r;
		return eval_bool(x, n->b);
	case N_NOT:
		if ((r = eval_bool(x, n->a)) < 0)
			return r;
		return !r;
	case N_CMP:
		if (eval_val(x, n->a, n->mode, &a) ||
		    eval_val(x, n->b, n->mode, &b))
			return -1;
		if (a.null || b.null)
			return 0;
		if (n->mode == T_STR && (n->op == OP_EQ || n->op == OP_NE))
			return texteq(&a, &b) == (n->op == OP_EQ);
		c = compare(n->mode, &a, &b);
		switch (n->op) {
		case OP_EQ: return c == 0;
		case OP_NE: return c != 0;
		case OP_LT: return c < 0;
		case OP_LE: return c <= 0;
		case OP_GT: return c > 0;
		default: return c >= 0;
		}
	case N_IN:
	case N_MATCH:
	case N_EMPTY:
	case N_PRESENT:
	case N_YES:
		return eval_test(x, n);
	default:
		return 0; /* a value where a condition was expected: cannot
		             happen (types are checked when parsed) */
	}
}

int
su_expr_value(const struct su_expr *e, const struct su_rec *r,
              const struct su_expr_env *env, struct su_expr_fault *f,
              int64_t *out)
{
	struct evalctx x;
	struct val v;

	x.e = e, x.r = r, x.env = env, x.fault = f;
	x.text = x.num = x.date = 0;
	if (eval_val(&x, e->root, T_NUM, &v))
		return -1;
	*out = v.v;
	return v.null;
}

int
su_expr_eval_full(const struct su_expr *e, const struct su_rec *r,
                  const struct su_expr_env *env, struct su_expr_fault *f)
{
	struct evalctx x;

	x.e = e, x.r = r, x.env = env, x.fault = f;
	x.text = x.num = x.date = 0;
	x.impure = 0;
	return eval_bool(&x, e->root);
}

/* the last n (< 8) bytes of a cell, little-endian in a word: read a byte
 * at a time, as the cell may end its buffer */
static uint64_t
tail_word(const char *s, size_t n)
{
	uint64_t w = 0;

	while (n--)
		w = w << 8 | (unsigned char)s[n];
	return w;
}

int
su_expr_eval(const struct su_expr *e, const struct su_rec *r,
             const struct su_expr_env *env, struct su_expr_fault *f)
{
	struct vcache *vc = e->vc;
	struct vslot *sl;
	struct evalctx x;
	uint64_t key[VC_WORDS], h = 0, w;
	const char *s;
	size_t nw = 0, i, j, len;
	int v, col;

	if (!vc)
		return su_expr_eval_full(e, r, env, f);
	/* the key, words whole (a word built in bytes and read back whole
	 * would wait on its stores) */
	for (i = 0; i < e->nc; i++) {
		if ((col = e->c[i].col) < 0 ||
		    nw + 1 + ((len = r->len[col]) + 7) / 8 > VC_WORDS)
			return su_expr_eval_full(e, r, env, f);
		s = r->f[col];
		key[nw++] = len;
		h = (h ^ len) * 0x9e3779b97f4a7c15u;
		for (j = 0; j + 8 <= len; j += 8) {
			memcpy(&w, s + j, 8);
			key[nw++] = w;
			h = (h ^ w) * 0x9e3779b97f4a7c15u;
		}
		if (j < len) {
			w = tail_word(s + j, len - j);
			key[nw++] = w;
			h = (h ^ w) * 0x9e3779b97f4a7c15u;
		}
	}
	if (!vc->set || vc->dmy != env->dmy || vc->dc != env->decimal_comma) {
		/* cells read another way: the verdicts kept are not theirs */
		memset(vc->slot, 0, sizeof vc->slot);
		vc->dmy = env->dmy, vc->dc = env->decimal_comma, vc->set = 1;
	}
	sl = &vc->slot[h >> 56 & (VC_SLOTS - 1)];
	if (sl->nw == nw + 1 && sl->today == env->today) {
		for (i = 0; i < nw && sl->k[i] == key[i]; i++)
			;
		if (i == nw)
			return sl->v;
	}
	x.e = e, x.r = r, x.env = env, x.fault = f;
	x.text = x.num = x.date = 0;
	x.impure = 0;
	v = eval_bool(&x, e->root);
	if (v >= 0 && !x.impure) {
		sl->nw = (unsigned char)(nw + 1);
		sl->today = env->today;
		sl->v = (signed char)v;
		memcpy(sl->k, key, nw * sizeof key[0]);
	}
	return v;
}
