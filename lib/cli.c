/* cli.c - the options every program shares (SPEC §1), parsed once */
#include "su.h"

#include <stdio.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

const char su_common_usage[] =
"Input:\n"
"  -t, --tsv                  read tab-separated values (no quoting)\n"
"  -d, --delimiter C          field delimiter (default ',')\n"
"      --encoding NAME        input encoding, through iconv (default UTF-8;\n"
"                             UTF-16 with a byte-order mark is detected)\n"
"  -c, --column ROLE=HEADER   take ROLE (amount, stage, owner, ...) from the\n"
"                             column HEADER; repeatable\n"
"      --skip-invalid         skip bad records (each reported) instead of\n"
"                             stopping at the first\n"
"      --rejects FILE         write skipped records to FILE (CSV: file, line,\n"
"                             reason, record)\n"
"      --progress             a progress line on standard error (bytes, rows,\n"
"                             rate, time left), even when it is no terminal\n"
"      --no-progress          none (default: shown when standard error is a\n"
"                             terminal and the file is over 50 MB)\n"
"Values:\n"
"      --decimal-comma        read amounts as 1.234,56\n"
"      --date-format mdy|dmy  read 1/2/2026 month-first (default) or day-first\n"
"      --probability-scale percent|fraction\n"
"                             read a probability column's bare numbers as\n"
"                             percentages (75) or fractions (0.75), whatever\n"
"                             its header\n"
"      --fiscal-year-start M  first month of the fiscal year, 1-12 (default 1);\n"
"                             a fiscal year is named by the year it ends in\n"
"      --as-of DATE           the date taken as today (default: the local date)\n"
"Output:\n"
"  -f, --format FMT           csv (default), tsv, json (one object per line),\n"
"                             table or xlsx (a workbook; not to a terminal)\n"
"  -o, --output FILE          write FILE atomically instead of standard output\n"
"      --excel-safe           in csv and tsv, put ' before a text value that a\n"
"                             spreadsheet would take for a formula (= + - @,\n"
"                             tab, CR), unless it reads as an amount\n"
"  -h, --help                 print this help and exit\n"
"      --version              print the version and exit\n"
"      --list-options         print the option table (for shell completion)\n"
"                             and exit\n";

void
su_opts_init(struct su_opts *o)
{
	time_t now = time(NULL);
	struct tm tm;

	memset(o, 0, sizeof *o);
	o->delim = -1;
	o->fy_start = 1;
	o->prob_scale = -1;
	o->progress = -1;
	o->format = SU_FMT_CSV;
	localtime_r(&now, &tm);
	o->as_of = su_days(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
}

void
su_print_version(void)
{
	printf("%s (salesutils) %s\n", su_prog(), SU_VERSION);
}

static int
parse_month(const char *s)
{
	static const char *const names[] = {"jan", "feb", "mar", "apr",
	    "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"};
	int i, v = 0;

	if (s[0] >= '0' && s[0] <= '9') {
		for (i = 0; s[i] >= '0' && s[i] <= '9' && i < 3; i++)
			v = v * 10 + (s[i] - '0');
		return s[i] == '\0' && v >= 1 && v <= 12 ? v : -1;
	}
	for (i = 0; i < 12; i++)
		if (strncasecmp(s, names[i], 3) == 0 && strlen(s) >= 3)
			return i + 1;
	return -1;
}

int
su_opts_handle(struct su_opts *o, int opt, const char *arg)
{
	const char *eq;
	int r;

	switch (opt) {
	case 't':
		o->tsv = 1;
		return 1;
	case 'd':
		if (strcmp(arg, "\\t") == 0 || strcmp(arg, "tab") == 0)
			o->delim = '\t';
		else if (strlen(arg) == 1 && arg[0] != '"' && arg[0] != '\n' &&
		    arg[0] != '\r')
			o->delim = (unsigned char)arg[0];
		else {
			su_msg(NULL, 0, "-d %s: the delimiter must be one "
			    "character (not a quote or line break)", arg);
			return -1;
		}
		return 1;
	case SU_OPT_ENCODING:
		o->encoding = arg;
		return 1;
	case 'c':
		eq = strchr(arg, '=');
		if (!eq || eq == arg || !eq[1]) {
			su_msg(NULL, 0, "-c %s: expected ROLE=HEADER", arg);
			return -1;
		}
		{
			char role[64];
			size_t n = (size_t)(eq - arg);

			snprintf(role, sizeof role, "%.*s",
			    (int)(n < 63 ? n : 63), arg);
			if ((r = su_role_lookup(role)) < 0) {
				char list[1024];
				size_t k = 0;
				int i;

				for (i = 0; i < SU_R_NROLES; i++)
					k += (size_t)snprintf(list + k,
					    sizeof list - k, "%s%s",
					    i ? ", " : "", su_role_name(i));
				su_msg(NULL, 0, "-c %s: unknown role \"%s\" "
				    "(roles: %s)", arg, role, list);
				return -1;
			}
		}
		if (o->nover == SU_MAX_OVERRIDES) {
			su_msg(NULL, 0, "-c: too many (%d at most)",
			    SU_MAX_OVERRIDES);
			return -1;
		}
		o->over[o->nover].role = r;
		o->over[o->nover++].header = eq + 1;
		return 1;
	case SU_OPT_SKIP_INVALID:
		o->skip_invalid = 1;
		return 1;
	case SU_OPT_REJECTS:
		o->rejects = arg;
		o->skip_invalid = 1;
		return 1;
	case SU_OPT_DECIMAL_COMMA:
		o->decimal_comma = 1;
		return 1;
	case SU_OPT_DATE_FORMAT: {
		static const char *const f[] = {"mdy", "dmy"};

		if ((r = su_opt_choice("--date-format", arg, f, 2)) < 0)
			return -1;
		/* a format given names the order of a two-digit year too */
		o->dmy = (r ? SU_DATE_DMY : 0) | SU_DATE_YY;
		return 1;
	}
	case SU_OPT_PROB_SCALE: {
		static const char *const f[] = {"percent", "fraction"};

		if ((r = su_opt_choice("--probability-scale", arg, f, 2)) < 0)
			return -1;
		o->prob_scale = r ? SU_RATE_FRACTION : SU_RATE_PERCENT;
		return 1;
	}
	case SU_OPT_FY_START:
		if ((o->fy_start = parse_month(arg)) < 0) {
			su_msg(NULL, 0, "--fiscal-year-start %s: expected a "
			    "month, 1-12", arg);
			return -1;
		}
		return 1;
	case SU_OPT_AS_OF:
		o->as_of_arg = arg;
		return 1;
	case 'f': {
		/* in the order of enum su_format */
		static const char *const f[] = {"csv", "tsv", "json", "table",
		    "xlsx"};

		if ((r = su_opt_choice("--format", arg, f, 5)) < 0)
			return -1;
		o->format = (enum su_format)r;
		return 1;
	}
	case 'o':
		o->output = arg;
		return 1;
	case SU_OPT_EXCEL_SAFE:
		o->excel_safe = 1;
		return 1;
	case SU_OPT_PROGRESS:
	case SU_OPT_NO_PROGRESS:
		o->progress = opt == SU_OPT_PROGRESS;
		return 1;
	}
	return 0;
}

int
su_opts_default(struct su_opts *o, int c, const char *arg, char **argv,
                void (*usage)(FILE *))
{
	int r;

	switch (c) {
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
	}
	if ((r = su_opts_handle(o, c, arg)) == 0)
		abort(); /* an option in the program's table nobody handles */
	return r < 0 ? -1 : 0;
}

int
su_opts_finish(struct su_opts *o)
{
	const char *a = o->as_of_arg, *why;

	if (a && su_date_parse(a, strlen(a), o->dmy, &o->as_of, &why)) {
		su_msg(NULL, 0, "--as-of %s: %s", a, *a ? why : "empty");
		return -1;
	}
	/* said before any input is read (su_out_open says it again for an
	 * -o that names a terminal) */
	if (o->format == SU_FMT_XLSX && (!o->output ||
	    strcmp(o->output, "-") == 0) && isatty(1)) {
		su_msg(NULL, 0, "-f xlsx: a workbook is not written to a "
		    "terminal (give -o FILE.xlsx, or redirect)");
		return -1;
	}
	return 0;
}

/* the last choices su_opt_choice was given (--list-options) */
static const char *const *seen_choices;
static int seen_n = -1;

int
su_opt_choices_seen(const char *const **choices)
{
	int n = seen_n;

	*choices = seen_choices;
	seen_n = -1;
	return n;
}

int
su_opt_choice(const char *opt, const char *arg, const char *const *choices,
              int n)
{
	char list[256];
	size_t len = 0;
	int i;

	seen_choices = choices;
	seen_n = n;

	for (i = 0; i < n; i++)
		if (strcmp(arg, choices[i]) == 0)
			return i;
	for (i = 0; i < n && len < sizeof list; i++)
		len += (size_t)snprintf(list + len, sizeof list - len, "%s%s",
		    i == 0 ? "" : i == n - 1 ? " or " : ", ", choices[i]);
	su_msg(NULL, 0, "%s %s: expected %s", opt, arg, list);
	return -1;
}

int
su_opt_pct(const char *opt, const char *arg, su_rate *out)
{
	const char *why;
	char pc[32];

	if (su_rate_pct_hint(pc, arg, strlen(arg))) {
		su_msg(NULL, 0, "%s %s: percentages are from 0 to 100, so %s "
		    "would be %s%%; did you mean %s? (or write %s%%)", opt, arg,
		    arg, arg, pc, arg);
		return -1;
	}
	if (su_rate_parse(arg, strlen(arg), SU_RATE_PERCENT, out, &why) != 0 ||
	    *out > SU_RATE_ONE) {
		su_msg(NULL, 0, "%s %s: expected a percentage from 0 to 100", opt,
		    arg);
		return -1;
	}
	return 0;
}

int
su_opt_money(const struct su_opts *o, const char *optname, const char *arg,
             int64_t *cents, char cur[SU_CUR_LEN])
{
	const char *why = "empty";

	if (su_money_parse(arg, strlen(arg), o->decimal_comma, cents, cur,
	    &why) != 0) {
		su_msg(NULL, 0, "%s %s: not an amount (%s)", optname, arg, why);
		return -1;
	}
	return 0;
}

int
su_cur_compare(const char *what, const char *cur, const char *noun,
               const char *dcur, const char *file, long line)
{
	if (!cur[0] || !dcur[0] || strcmp(cur, dcur) == 0)
		return 0;
	su_msg(NULL, 0, "%s: the %s are in %s (first on %s:%ld)", what, noun,
	    dcur, file, line);
	return -1;
}

void
su_opt_error(int c, char **argv)
{
	const char *arg = optind > 0 ? argv[optind - 1] : "";

	if (optopt && optopt < 0x100)
		su_msg(NULL, 0, c == ':' ? "option '-%c' needs an argument" :
		    "unknown option '-%c'", optopt);
	else
		su_msg(NULL, 0, c == ':' ? "option '%s' needs an argument" :
		    "unknown option '%s'", arg);
}
