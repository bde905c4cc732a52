/*
 * expr.c - unit tests of lib/expr.c: the rule expression language,
 * parsed and evaluated against one lead; cells read as numbers.
 */
#include "su.h"

#include <stdio.h>
#include <string.h>

#include "unit.h"

/* one lead: the columns the expressions below use */
static const char *const xhdr[] = {"Employees", "Industry", "Budget",
                                   "Timeline", "ICP Score", "Title", "Blank",
                                   "Revenue", "Created"};
static const char *xval[] = {"1,200", "Technology", "Yes", "2026-05-01",
                             "7.5", "VP Engineering", " ", "$2.5M",
                             "2026-01-31"};

/* the lead's record, and e's columns bound to it: 0, or -3 a column the
 * lead has not (e freed) */
static int
xbind(struct su_expr *e, struct su_rec *r, size_t *lens)
{
	size_t i, k;

	for (i = 0; i < 9; i++)
		lens[i] = strlen(xval[i]);
	memset(r, 0, sizeof *r);
	r->n = 9, r->f = xval, r->len = lens;
	for (k = 0; k < su_expr_ncols(e); k++) {
		const char *name = su_expr_colname(e, k, NULL);

		for (i = 0; i < 9; i++)
			if (su_normeq(xhdr[i], name))
				break;
		if (i == 9) {
			su_expr_free(e);
			return -3;
		}
		su_expr_bind(e, k, (int)i);
	}
	return 0;
}

/* a fault's column is the expression's: a copy outlives it */
static void
xkeep(struct su_expr_fault *f)
{
	static char col[64];

	snprintf(col, sizeof col, "%s", f->column);
	f->column = col;
}

/* 1 true, 0 false, -1 an evaluation fault, -2 a parse error */
static int
xeval(const char *src, struct su_expr_error *err, struct su_expr_fault *f)
{
	struct su_expr *e;
	struct su_rec r;
	struct su_expr_env env = {0, 0, 0, NULL};
	size_t lens[9];
	int v;

	env.today = su_days(2026, 3, 1);
	if (su_expr_parse(src, strlen(src), &e, err))
		return -2;
	if (xbind(e, &r, lens))
		return -3;
	v = su_expr_eval(e, &r, &env, f);
	if (v < 0)
		xkeep(f);
	su_expr_free(e);
	return v;
}

/* a formula's value: 0, 1 empty, -1 a fault, -2 a parse error */
static int
xnum(const char *src, struct su_expr_error *err, struct su_expr_fault *f,
     int64_t *out)
{
	struct su_expr *e;
	struct su_rec r;
	struct su_expr_env env = {0, 0, 0, NULL};
	size_t lens[9];
	int v;

	if (su_expr_parse_num(src, strlen(src), &e, err))
		return -2;
	if (xbind(e, &r, lens))
		return -3;
	v = su_expr_value(e, &r, &env, f, out);
	if (v != 0)
		xkeep(f);
	su_expr_free(e);
	return v;
}

static void
x_is(const char *src, int want)
{
	struct su_expr_error err;
	struct su_expr_fault f;
	int v = xeval(src, &err, &f);

	CHECK(v == want, "expr \"%s\": %d (want %d)%s%s", src, v, want,
	    v == -2 ? ": " : "", v == -2 ? err.msg : "");
}

static void
x_bad(const char *src, size_t pos, const char *msg)
{
	struct su_expr_error err;
	struct su_expr_fault f;
	int v = xeval(src, &err, &f);

	CHECK(v == -2 && err.pos == pos &&
	    strncmp(err.msg, msg, strlen(msg)) == 0,
	    "expr \"%s\" should fail at %zu with \"%s\": %d, at %zu: %s", src,
	    pos, msg, v, v == -2 ? err.pos : 0, v == -2 ? err.msg : "");
}

void
test_expr(void)
{
	struct su_expr_error err;
	struct su_expr_fault f;
	int64_t n;
	const char *why;

	/* comparisons: a column takes the type of the other side */
	x_is("Employees >= 1000", 1);          /* "1,200" = 1200 */
	x_is("Employees > 1200", 0);
	x_is("Employees = 1200", 1);
	x_is("Employees != 1200", 0);
	x_is("Employees <> 1200", 0);
	x_is("Employees < 1.2k", 0);           /* 1.2k = 1200 */
	x_is("Employees <= 1.2k", 1);
	x_is("Revenue >= $2.5M", 1);           /* "$2.5M" = 2,500,000 */
	x_is("Revenue > 2500000.000001", 0);   /* six decimals, exact */
	x_is("\"ICP Score\" >= 7.5", 1);
	x_is("\"ICP Score\" > 7.499999", 1);
	x_is("ICP_Score >= 75%", 0);           /* 75% is 75: 7.5 < 75 */
	x_is("Employees > -5", 1);
	x_is("Industry = 'technology'", 1);    /* text: case ignored */
	x_is("Industry == 'TECHNOLOGY'", 1);
	x_is("Industry < 'u'", 1);
	x_is("Industry = 'Tech'", 0);
	x_is("Timeline > 2026-04-30", 1);      /* dates */
	x_is("Timeline <= add_months(today(), 2)", 1); /* 2026-05-01 */
	x_is("Timeline < add_months(today(), 2)", 0);
	x_is("Budget = Industry", 0);          /* two columns: as text */
	/* in, not in */
	x_is("Industry in ('Retail', 'Technology')", 1);
	x_is("Industry not in ('Retail', 'Technology')", 0);
	x_is("Employees in (1200, 50)", 1);
	x_is("Timeline in (2026-05-01)", 1);
	/* regular expressions: ~ exact case, ~* any case, !~ and !~* */
	x_is("Title ~ '^VP'", 1);
	x_is("Title ~ '^vp'", 0);
	x_is("Title ~* '^vp (of )?eng'", 1);
	x_is("Title !~ 'CTO|Chief'", 1);
	x_is("Title !~* 'engineering'", 0);
	/* empty, present; an empty cell satisfies no comparison */
	x_is("empty(Blank)", 1);               /* " " is blank */
	x_is("empty(Budget)", 0);
	x_is("present(Budget)", 1);
	x_is("Blank > 0", 0);
	x_is("Blank = ''", 0);
	x_is("!(Blank > 0)", 1);
	x_is("Blank in ('')", 0);
	/* date helpers (today = 2026-03-01) */
	x_is("days(Created, Timeline) = 90", 1); /* Jan 31 -> May 1: 90 */
	x_is("days_since(Created) = 29", 1);     /* Jan 31 -> Mar 1 */
	x_is("days_until(Timeline) = 61", 1);    /* Mar 1 -> May 1 */
	x_is("months_until(Timeline) = 2", 1);
	x_is("months_since(Created) = 1", 1);    /* Jan 31 -> Mar 1: 1 whole */
	x_is("months(Timeline, Created) = -3", 1); /* May 1 -> Jan 31: -3 */
	x_is("add_months(Created, 1) = 2026-02-28", 1); /* clamped */
	x_is("add_days(Created, 1) = 2026-02-01", 1);
	x_is("date(Timeline) = 2026-05-01", 1);
	x_is("number(Employees) = 1200", 1);
	x_is("today() = 2026-03-01", 1);
	/* precedence: ! over && over ||; parentheses */
	x_is("1 = 1 || 1 = 2 && 1 = 2", 1);    /* 1 || (0 && 0) */
	x_is("(1 = 1 || 1 = 2) && 1 = 2", 0);
	x_is("!1 = 2 && 1 = 1", 1);            /* (!(1=2)) && 1 */
	x_is("not 1 = 1 or 2 = 2", 1);         /* (not 1) or 1 */
	x_is("not (1 = 1 or 2 = 2)", 0);
	x_is("1 = 1 and 2 = 2 and 3 = 3", 1);
	x_is("!!(1 = 1)", 1);
	/* arithmetic: * and / before + and -, left to right */
	x_is("1 + 2 * 3 = 7", 1);
	x_is("(1 + 2) * 3 = 9", 1);
	x_is("10 - 4 - 3 = 3", 1);             /* (10 - 4) - 3 */
	x_is("12 / 4 / 3 = 1", 1);             /* (12 / 4) / 3 */
	x_is("5 -3 = 2", 1);                   /* after a value, - subtracts */
	x_is("-(2) = -2", 1);
	x_is("- -2 = 2", 1);
	x_is("Employees * 2 = 2400", 1);       /* "1,200" */
	x_is("Employees / Revenue * 1000000 > 479.99", 1); /* 480 */
	x_is("Revenue - Employees = 2498800", 1);
	x_is("-Employees = -1200", 1);
	x_is("Employees > 1000 + 150", 1);
	x_is("\"ICP Score\" * 10 >= 75", 1);    /* 7.5 * 10 = 75 */
	x_is("min(Employees, 5, 3) = 3", 1);
	x_is("max(Employees, 5) = 1200", 1);
	x_is("round(2 / 3, 2) = 0.67", 1);
	x_is("round(1 / 8, 2) = 0.13", 1);     /* 0.125: half away from 0 */
	x_is("round(-1 / 8, 2) = -0.13", 1);
	x_is("round(2.5, 0) = 3", 1);
	x_is("round(-2.5, 0) = -3", 1);
	x_is("if(Industry = 'Technology', 1, 2) = 1", 1);
	x_is("if(Employees > 5000, 1, Employees) = 1200", 1);
	x_is("Blank + 1 > 0", 0);              /* empty: no value */
	x_is("months_until(Timeline) * 2 = 4", 1);
	x_bad("Employees * 20% > 1", 12, "a percentage in arithmetic reads "
	    "two ways");
	x_bad("(Title ~ 'a') + 1 > 0", 7, "'+' needs a number here, not a "
	    "condition");
	x_bad("'a' + 1 > 0", 0, "'+' needs a number here, not text");
	x_bad("1 + > 0", 4, "expected a value");
	x_bad("round(1, 7) > 0", 9, "round() keeps 0 to 6 decimals");
	x_bad("round(1, 0.5) > 0", 9, "round() keeps 0 to 6 decimals");
	x_bad("round(1) > 0", 0, "round() takes 2 arguments");
	x_bad("min(1) > 0", 0, "min() takes two or more numbers");
	x_bad("if(1, 2, 3) > 0", 3, "if needs a condition here");
	x_bad("if(1 = 1, 2) > 0", 0, "if() takes 3 arguments");
	{
		/* formulas: a number, exact to six decimals */
		static const struct {
			const char *src;
			int rc;
			int64_t v;
		} fx[] = {
			/* 1/3 = 0.333333 (six decimals, rounded once) */
			{"1 / 3", 0, 333333},
			{"2 / 3", 0, 666667},
			{"-2 / 3", 0, -666667},
			{"2 / -3", 0, -666667},
			/* 0.000001 * 0.5 = 0.0000005: half away from 0 */
			{"0.000001 * 0.5", 0, 1},
			{"-0.000001 * 0.5", 0, -1},
			/* money stays exact: $1234.56 * 3 = 3703.68 */
			{"$1234.56 * 3", 0, 3703680000LL},
			/* 0.1 + 0.2 = 0.3 exactly */
			{"0.1 + 0.2", 0, 300000},
			/* seed 004: $100K list less 20%: 100000 * (1 - 0.20) */
			{"100k * (1 - 0.20)", 0, 80000000000LL},
			{"round(1234.565, 2)", 0, 1234570000LL},
			{"Employees", 0, 1200000000LL},
			{"Employees + Blank", 1, 0},
			/* in a formula two names compare as numbers: 1200 < 2.5M
			 * (as text "1,200" > "$2.5M") */
			{"if(Employees > Revenue, 1, 2)", 0, 2000000},
			{"1 / (Employees - 1200)", -1, 0},
			{"9000000000000 * 2", -1, 0},
			{"9000000000000 + 9000000000000", -1, 0},
			{"-9000000000000 - 9000000000000", -1, 0},
		};
		size_t i;

		for (i = 0; i < sizeof fx / sizeof fx[0]; i++) {
			int64_t v = 0;
			int rc = xnum(fx[i].src, &err, &f, &v);

			CHECK(rc == fx[i].rc && (rc != 0 || v == fx[i].v),
			    "formula \"%s\": %d, %lld (want %d, %lld)%s%s",
			    fx[i].src, rc, (long long)v, fx[i].rc,
			    (long long)fx[i].v, rc == -2 ? ": " : "",
			    rc == -2 ? err.msg : "");
		}
		CHECK(xnum("Employees + Blank", &err, &f, &n) == 1 &&
		    strcmp(f.column, "Blank") == 0 && strcmp(f.why, "empty") ==
		    0, "the empty cell named: %s", f.column);
		CHECK(xnum("1 / (Employees - 1200)", &err, &f, &n) == -1 &&
		    strcmp(f.why, "division by zero") == 0 &&
		    strcmp(f.column, "Employees") == 0, "division by zero: "
		    "%s %s", f.column, f.why);
		CHECK(xnum("Industry > 1", &err, &f, &n) == -2 &&
		    strncmp(err.msg, "a formula needs a number here, not a "
		    "condition", 46) == 0, "a formula: %s", err.msg);
	}
	/* parse errors: the position and the message */
	x_bad("", 0, "empty expression");
	x_bad("Employees >", 11, "expression ends too soon");
	x_bad("Employees > 5 6", 14, "expected && or ||");
	x_bad("(Employees > 5", 14, "expected ')'");
	x_bad("Employees > 5)", 13, "expected && or ||");
	x_bad("Industry = 'Tech", 11, "text not closed");
	x_bad("\"Industry = 1", 0, "column name not closed");
	x_bad("Employees # 5", 10, "unexpected '#'");
	x_bad("Employees > 5x", 12, "not a number");
	x_bad("Employees > 1.1234567", 12, "more than six decimals");
	x_bad("Employees > 99999999999999999999", 12, "number too large");
	x_bad("Timeline > 2026-02-30", 11, "not a date");
	x_is("Employees > 'many'", 0);         /* a column and text: text */
	x_bad("5 > 'many'", 2, "cannot compare a number with text");
	x_bad("5 > 2026-01-01", 2, "cannot compare a number with a date");
	x_bad("Budget", 0, "a column is not a condition");
	x_bad("Budget && 1 = 1", 0, "a column is not a condition");
	x_bad("(1 = 1) = (2 = 2)", 3, "a condition cannot be compared");
	x_bad("nosuch(Budget)", 0, "unknown function nosuch()");
	x_bad("empty(Budget, Title)", 0, "empty() takes 1 argument");
	x_bad("days(Timeline) > 1", 0, "days() takes 2 arguments");
	x_bad("empty('x')", 6, "empty() takes a column");
	x_bad("days_since(5) > 1", 11, "days_since needs a date here");
	x_bad("Title ~ Budget", 8, "expected a regular expression");
	x_bad("Title ~ '('", 8, "bad regular expression '('");
	x_bad("5 ~ 'x'", 0, "a regular expression match needs text");
	/* found by fuzz_expr: a literal that is not a whole count crashed
	 * the evaluator (its fault report looked for a column) */
	x_bad("add_months(today(), .4) = today()", 20, "add_months() adds a "
	    "whole number of months");
	x_bad("add_days(today(), 100001) = today()", 18, "add_days() adds a "
	    "whole number of days");
	CHECK(xeval("add_days(today(), days(0001-01-01, today())) > today()",
	    &err, &f) == -1 && strcmp(f.column, "(a computed value)") == 0,
	    "fault on a computed count: %s", f.column);
	CHECK(xeval("add_days(today(), number(Revenue)) > today()", &err,
	    &f) == -1 && strcmp(f.column, "Revenue") == 0,
	    "fault on a column's count: %s", f.column);
	/* what glibc's regcomp could blow up on (found by fuzz_expr: 42
	 * stacked '+' took over 2 GB) */
	x_bad("Title ~ '^a++'", 8, "regular expression '^a++' refused: "
	    "adjacent repetition operators");
	x_bad("Title ~ 'a*{2}'", 8, "regular expression 'a*{2}' refused");
	x_bad("Title ~ 'a{101}'", 8, "regular expression 'a{101}' refused: "
	    "a bound {m,n} above 100");
	x_bad("Title ~ '(a{100}){100}b{2}'", 8, "regular expression "
	    "'(a{100}){100}b{2}' refused: bounds {m,n} that multiply");
	x_is("Title ~ '^[+*]*V[]]*P{1,2}'", 1);  /* in brackets: literal */
	x_is("Title ~ 'VP\\+*'", 1);            /* escaped: literal */
	x_is("Title ~ '[[:alpha:]]+ Eng'", 1);
	x_bad("Industry in ('a', 5)", 18, "a list holds one kind of value");
	x_bad("Industry in 'a'", 12, "expected '(' after 'in'");
	x_bad("Industry in ()", 13, "expected a 'text', number or date");
	x_bad("Industry not 'a'", 13, "expected 'in' after 'not'");
	x_bad("5 in (2026-01-01)", 2, "cannot compare a number with a date");
	x_bad("!5", 1, "'!' needs a condition here");
	x_bad("1 = 1 && 5", 9, "'&&' needs a condition here");
	x_bad("1 = 1 || 'a'", 9, "'||' needs a condition here");
	{
		char deep[300];
		size_t i;

		for (i = 0; i < 100; i++)
			deep[i] = '(';
		strcpy(deep + 100, "1 = 1");
		x_bad(deep, 64, "nested too deeply");
		for (i = 0; i < 100; i++)
			deep[i] = '!';
		strcpy(deep + 100, "(1 = 1)");
		x_bad(deep, 64, "nested too deeply");
	}
	/* a cell that cannot be compared: the column, the value, why */
	f.why = "";
	CHECK(xeval("Industry > 5", &err, &f) == -1 &&
	    strcmp(f.column, "Industry") == 0 && f.pos == 0 &&
	    strcmp(f.why, "not a number") == 0, "fault: not a number: %s",
	    f.why);
	CHECK(xeval("1 = 2 || Title > 2026-01-01", &err, &f) == -1 &&
	    strcmp(f.column, "Title") == 0 && f.pos == 9, "fault: not a date: "
	    "%s at %zu", f.why, f.pos);
	CHECK(xeval("1 = 2 && Title > 2026-01-01", &err, &f) == 0,
	    "&& stops at the first false: no fault");
	/* cells as numbers */
	CHECK(su_expr_number("75%", 3, 0, &n, &why) == 0 && n == 75000000,
	    "75%% = 75");
	CHECK(su_expr_number("(1,234.50)", 10, 0, &n, &why) == 0 &&
	    n == -1234500000, "(1,234.50) = -1234.5");
	CHECK(su_expr_number("-0.125", 6, 0, &n, &why) == 0 && n == -125000,
	    "-0.125 (more decimals than money)");
	CHECK(su_expr_number("", 0, 0, &n, &why) == 1, "empty number");
	CHECK(su_expr_number("12 apples", 9, 0, &n, &why) == -1,
	    "12 apples is not a number");
}

/* e (parsed, bound to the lead) evaluated with today */
static int
xeval_on(struct su_expr *e, int32_t today, struct su_expr_fault *f)
{
	struct su_rec r;
	struct su_expr_env env = {0, 0, 0, NULL};
	size_t lens[9];
	int v;

	env.today = today;
	if (xbind(e, &r, lens))
		return -3;
	v = su_expr_eval(e, &r, &env, f);
	return v;
}

/*
 * What an evaluation keeps: a column read by several conditions is read
 * once (as text, number and date alike), a value computed from no column
 * (add_months(today(), 3)) once for each --as-of day; and the number fast
 * path against su_expr_number_full, the reference, on generated cells.
 */
void
test_expr_fast(void)
{
	static const char digits[] = "0000123456789";
	static const char other[] = " ,.$%-+()kM\xc2\xa0" "eE";
	struct su_expr_error err;
	struct su_expr_fault f;
	struct su_expr *e;
	char s[64], ca[SU_CUR_LEN], cb[SU_CUR_LEN], big[2048];
	const char *wa, *wb, *src;
	int64_t a, b;
	long i, bad = 0;
	size_t n, k;
	int ra, rb, dc, v;

	/* the lead's Timeline is 2026-05-01; today 2026-03-01 puts it in
	 * the next three months (to 2026-06-01), today 2026-01-01 not (to
	 * 2026-04-01), and 2026-03-01 again does */
	src = "Timeline >= today() && Timeline <= add_months(today(), 3)";
	CHECK(su_expr_parse(src, strlen(src), &e, &err) == 0, "%s", err.msg);
	CHECK(xeval_on(e, su_days(2026, 3, 1), &f) == 1, "in 3 months");
	CHECK(xeval_on(e, su_days(2026, 1, 1), &f) == 0, "not in 3 months");
	CHECK(xeval_on(e, su_days(2026, 3, 1), &f) == 1, "in 3 months again");
	su_expr_free(e);
	/* a constant fault is said each time, never kept */
	src = "1 / (1 - 1) > 0 || Budget = 'Yes'";
	CHECK(su_expr_parse(src, strlen(src), &e, &err) == 0, "%s", err.msg);
	for (i = 0; i < 2; i++)
		CHECK(xeval_on(e, 0, &f) == -1 && strcmp(f.why,
		    "division by zero") == 0, "1 / 0, time %ld", i + 1);
	su_expr_free(e);
	/* one cell as text, as a number, as text again: ICP Score 7.5 */
	x_is("\"ICP Score\" in ('7.5') && \"ICP Score\" >= 7.5 && "
	    "\"ICP Score\" < 8 && \"ICP Score\" != '7.50'", 1);
	x_is("Created < Timeline && days(Created, Timeline) = 90 && "
	    "Created = 2026-01-31", 1);
	x_is("Industry = 'technology' && Industry != 'Tech' && "
	    "Industry in ('x', 'TECHNOLOGY')", 1);
	/* = and in: the same bytes, the same letters in another case, or
	 * another text of the same length */
	x_is("Industry = 'Technology' && Industry in ('Technology')", 1);
	x_is("Industry = 'Technologx' || Industry in ('TechnologX', 'x')", 0);
	x_is("Industry != 'tECHNOLOGY' || Industry not in ('TECHNOLOGY')", 0);
	x_is("Industry != 'Technologies' && Industry != ''", 1);
	/* an empty cell in a formula: the fault names its last use */
	CHECK(xnum("number(Blank) + number(Blank)", &err, &f, &a) == 1 &&
	    f.pos == 23 && strcmp(f.column, "Blank") == 0, "empty twice: "
	    "at %zu", f.pos);
	/* past the first 32 columns an expression names (Industry, case
	 * aside, 40 times): read each time, the same */
	for (n = 0, i = 0; i < 40; i++) {
		n += (size_t)snprintf(big + n, sizeof big - n, "%s\"%c%c%c%c%c"
		    "%c%cy\" = 'Technology'", i ? " && " : "",
		    i & 1 ? 'I' : 'i', i & 2 ? 'N' : 'n', i & 4 ? 'D' : 'd',
		    i & 8 ? 'U' : 'u', i & 16 ? 'S' : 's', i & 32 ? 'T' : 't',
		    'r');
	}
	x_is(big, 1);
	memcpy(big + n - 12, "'Techno'    ", 12);
	x_is(big, 0);
	/* the fast path's whole numbers against the reference */
	for (i = 0; i < 200000; i++) {
		n = 0;
		for (k = unit_rnd(16); k > 0; k--)
			s[n++] = unit_rnd(6) ?
			    digits[unit_rnd(sizeof digits - 1)] :
			    other[unit_rnd(sizeof other - 1)];
		dc = (int)unit_rnd(2);
		a = b = -1, wa = wb = NULL;
		ra = su_expr_number_cur(s, n, dc, &a, ca, &wa);
		rb = su_expr_number_full(s, n, dc, &b, cb, &wb);
		v = ra != rb || (ra == 0 && (a != b || strcmp(ca, cb) != 0)) ||
		    (ra < 0 && wa != wb);
		if (v && bad++ < 5)
			printf("number \"%.*s\" (decimal comma %d): %d %lld, "
			    "the reference %d %lld\n", (int)n, s, dc, ra,
			    (long long)a, rb, (long long)b);
	}
	CHECK(bad == 0, "number fast path: %ld cells read otherwise", bad);
}

/*
 * su_expr_eval, which keeps the verdicts of an expression naming a few
 * columns by cells, against su_expr_eval_full, the reference, each with its
 * own parse of the expression (a column's currency is state of its own),
 * on generated cells that repeat: numbers with and without currencies,
 * dates, yes/no words and neither, texts, empty and long cells, several
 * --as-of days and both ways of reading dates and decimals.  The verdict,
 * and a fault's column, position and reason, are the same.
 */
void
test_expr_cache(void)
{
	static const char *const src[] = {
		"C >= 5", "C > 2.5 && C < 40", "C = 'Yes' || C in ('No', 'x')",
		"yes(C)", "present(C)", "empty(C) || C >= 3",
		"C >= today() && C <= add_months(today(), 6)",
		"C ~ '^[0-9]+$' || C !~ 'a'", "C < 2026-03-01",
		"number(C) * 2 > 10", "!(C in ('Decision Maker', 'Champion'))",
		"days(C, today()) > 30", "C >= 5 && present(D)",
		"D in ('a', 'yes') || C = D || yes(D)", "today() > 2026-03-01",
		"C > D || D ~ 'x'",
	};
	static const char *const part[] = {
		"5", "3", "10", "2.5", "40", "0", "-1", "7.25", "$5", "EUR 7",
		"€3", "£2", "1,5", "75%", "yes", "No", "x", "maybe", "true",
		"2026-03-01", "2026-08-31", "01/02/2026", "31/12/2026", " ",
		"Decision Maker", "Champion", "a", "abc", "9", "-", "",
		"2026-02-28", "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
	};
	char pool[400][64];
	size_t plen[400], i, i2, j, k, n;
	long bad = 0, t;

	for (i = 0; i < 400; i++) {
		n = 0;
		for (k = 1 + unit_rnd(2); k > 0; k--) {
			const char *p =
			    part[unit_rnd(sizeof part / sizeof part[0])];

			if (n + strlen(p) >= sizeof pool[0])
				break;
			memcpy(pool[i] + n, p, strlen(p));
			n += strlen(p);
		}
		pool[i][n] = '\0';
		plen[i] = n;
	}
	for (j = 0; j < sizeof src / sizeof src[0]; j++) {
		struct su_expr *a, *b;
		struct su_expr_error err;
		struct su_yn *ya = su_yn_new(), *yb = su_yn_new();

		if (su_expr_parse(src[j], strlen(src[j]), &a, &err) ||
		    su_expr_parse(src[j], strlen(src[j]), &b, &err)) {
			CHECK(0, "cache: %s: %s", src[j], err.msg);
			continue;
		}
		for (k = 0; k < su_expr_ncols(a); k++) {
			int col = strcmp(su_expr_colname(a, k, NULL), "D") == 0;

			su_expr_bind(a, k, col);
			su_expr_bind(b, k, col);
		}
		for (t = 0; t < 20000; t++) {
			struct su_expr_env ea = {0, 0, 0, NULL}, eb;
			struct su_expr_fault fa, fb;
			struct su_rec r;
			const char *f[2];
			size_t len[2];
			int va, vb;

			i = unit_rnd(t < 10000 ? 400 : 40); /* then: repeats */
			i2 = unit_rnd(t < 10000 ? 400 : 10);
			f[0] = pool[i], len[0] = plen[i];
			f[1] = pool[i2], len[1] = plen[i2];
			memset(&r, 0, sizeof r);
			r.n = 2, r.f = f, r.len = len, r.file = "x", r.line = t;
			ea.today = su_days(2026, 3, 1) + (int32_t)unit_rnd(3);
			ea.dmy = unit_rnd(8) == 0;
			ea.decimal_comma = unit_rnd(8) == 0;
			ea.yn = unit_rnd(2) ? ya : NULL;
			eb = ea;
			eb.yn = ea.yn ? yb : NULL;
			memset(&fa, 0, sizeof fa);
			memset(&fb, 0, sizeof fb);
			va = su_expr_eval(a, &r, &ea, &fa);
			vb = su_expr_eval_full(b, &r, &eb, &fb);
			if ((va != vb || (va < 0 && (fa.pos != fb.pos ||
			    strcmp(fa.why, fb.why) != 0 ||
			    strcmp(fa.column, fb.column) != 0))) && bad++ < 5)
				printf("cache: %s on \"%s\", \"%s\": %d (%s), "
				    "the reference %d (%s)\n", src[j], pool[i],
				    pool[i2], va,
				    va < 0 ? fa.why : "", vb,
				    vb < 0 ? fb.why : "");
		}
		su_expr_free(a);
		su_expr_free(b);
		su_yn_free(ya);
		su_yn_free(yb);
	}
	CHECK(bad == 0, "verdicts kept by cell: %ld read otherwise", bad);
}
