/*
 * csvout.c - writing results as csv, tsv, json (NDJSON), an aligned table
 * or an xlsx workbook (libxlsxwriter)
 *
 * Output is buffered here and written with write(2), so every error (a full
 * disk, a closed pipe) is seen.  -o FILE is written to a temporary file
 * beside FILE and renamed into place only when everything succeeded.  A
 * workbook is written by libxlsxwriter into that temporary (or, for
 * standard output, one in TMPDIR copied out), at the end.
 */
#include "su.h"

#include <xlsxwriter.h>

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

struct su_out {
	enum su_format fmt;
	int fd;
	char *path, *tmp; /* -o FILE and its temporary, or NULL */
	int direct;       /* -o names a device or a FIFO: no temporary */
	/* su_out_side's file, its temporary and how messages name it */
	FILE *side;
	char *side_path, *side_tmp;
	const char *side_what, *side_written;
	char *buf;
	size_t blen, bcap;
	int excel_safe; /* --excel-safe */
	unsigned char special[256]; /* bytes that make a CSV value quoted */
	int err;      /* errno of a failed write, or 0 */
	int reported; /* the error was said */
	size_t ncols;
	char **names;
	char cur[SU_CUR_LEN];
	long rows;
	/* table: every cell, kept until the widths are known */
	struct su_cell *cells;
	size_t ncells, cellcap;
	/* xlsx: the workbook, its sheet being written and its row, the
	 * formats, the sheets' names so far, the next sheet's name */
	lxw_workbook *wb;
	lxw_worksheet *ws;
	char *wbpath;     /* the file libxlsxwriter writes */
	int wbown;        /* wbpath is ours (standard output): removed */
	lxw_row_t row;
	lxw_format *fmoney, *fpct, *fratio, *fint, *fdays, *fhead;
	char **sheets;
	size_t nsheets;
	char *next_sheet;
	char *text;       /* a text cell made valid UTF-8 */
	size_t textcap;
};

static void
flush(struct su_out *out)
{
	size_t off = 0;
	ssize_t w;

	while (off < out->blen && !out->err) {
		w = write(out->fd, out->buf + off, out->blen - off);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			out->err = errno;
		else
			off += (size_t)w;
	}
	out->blen = 0;
}

/* n may be 0 with s NULL (an empty cell): memcpy may not be given NULL */
static void
put(struct su_out *out, const char *s, size_t n)
{
	if (n == 0)
		return;
	if (out->blen + n > out->bcap) {
		flush(out);
		if (n > out->bcap) {
			out->buf = su_xrealloc(out->buf, n);
			out->bcap = n;
		}
	}
	memcpy(out->buf + out->blen, s, n);
	out->blen += n;
}

static void
putc_(struct su_out *out, char c)
{
	if (out->blen == out->bcap)
		flush(out);
	out->buf[out->blen++] = c;
}

/* mkstemp makes 0600; give the file the mode a new file would get */
static void
new_mode(int fd)
{
	mode_t mask = umask(0);

	umask(mask);
	fchmod(fd, 0666 & ~mask);
}

/* ---- xlsx ------------------------------------------------------------- */

/* the workbook for out: written by libxlsxwriter into -o's temporary, or
 * for standard output or a device into one of ours, copied out at the
 * end.  A terminal is refused: a workbook is not text.  NULL (said). */
static struct su_out *
xlsx_open(struct su_out *out)
{
	lxw_workbook_options opt = {LXW_TRUE, NULL, LXW_FALSE};
	const char *dir = getenv("TMPDIR");
	size_t n;

	if (isatty(out->fd)) {
		su_msg(out->path, 0, "-f xlsx: a workbook is not written to a "
		    "terminal (give -o FILE.xlsx, or redirect)");
		su_out_abort(out);
		return NULL;
	}
	if (out->tmp) {
		out->wbpath = su_xstrdup(out->tmp);
	} else {
		if (!dir || !*dir)
			dir = "/tmp";
		n = strlen(dir) + 32;
		out->wbpath = su_xmalloc(n);
		snprintf(out->wbpath, n, "%s/.salesutils-xlsx.XXXXXX", dir);
		if (su_temp_make(out->wbpath) < 0) {
			su_msg(out->wbpath, 0, "cannot create: %s",
			    strerror(errno));
			free(out->wbpath);
			out->wbpath = NULL;
			su_out_abort(out);
			return NULL;
		}
		out->wbown = 1;
	}
	/* constant memory: each row goes to libxlsxwriter's temporary file
	 * as the next begins, so a long input does not grow the memory */
	if (!(out->wb = workbook_new_opt(out->wbpath, &opt))) {
		su_msg(out->path, 0, "cannot create the workbook");
		su_out_abort(out);
		return NULL;
	}
	out->fhead = workbook_add_format(out->wb);
	format_set_bold(out->fhead);
	out->fpct = workbook_add_format(out->wb);
	format_set_num_format(out->fpct, "0.0%");
	out->fratio = workbook_add_format(out->wb);
	format_set_num_format(out->fratio, "0.0000");
	out->fint = workbook_add_format(out->wb);
	format_set_num_format(out->fint, "#,##0");
	out->fdays = workbook_add_format(out->wb);
	format_set_num_format(out->fdays, "0.0");
	return out;
}

/* money's format, once the currency is known (su_out_currency comes
 * before the header): $ for USD or none stated, else the code after */
static lxw_format *
xlsx_money(struct su_out *out)
{
	char f[48];

	if (!out->fmoney) {
		out->fmoney = workbook_add_format(out->wb);
		if (!out->cur[0] || strcmp(out->cur, "USD") == 0)
			snprintf(f, sizeof f, "\"$\"#,##0.00");
		else
			snprintf(f, sizeof f, "#,##0.00 \"%s\"", out->cur);
		format_set_num_format(out->fmoney, f);
	}
	return out->fmoney;
}

/* a text cell as valid UTF-8 without control characters, which an XML
 * file cannot hold: each such byte becomes U+FFFD; tab and newline stay */
static const char *
xlsx_text(struct su_out *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i, k, j = 0;

	if (out->textcap < n * 3 + 1)
		out->text = su_xrealloc(out->text, out->textcap = n * 3 + 1);
	for (i = 0; i < n; i += k) {
		k = su_utf8len(u + i, n - i);
		if (k == 0 || (u[i] < 0x20 && u[i] != '\t' && u[i] != '\n') ||
		    u[i] == 0x7F) {
			memcpy(out->text + j, "\xEF\xBF\xBD", 3);
			j += 3;
			k = 1;
		} else {
			memcpy(out->text + j, s + i, k);
			j += k;
		}
	}
	out->text[j] = '\0';
	return out->text;
}

/* a valid sheet name, unique in the workbook: at most 31 characters,
 * none of []:*?/\, not empty; a second one gets " (2)" */
static char *
xlsx_sheet_name(struct su_out *out, const char *want)
{
	char base[32], name[40];
	size_t i, j = 0, k;
	int dup = 1, clash;

	for (i = 0; want[i] && j < 31; i++) {
		unsigned char c = (unsigned char)want[i];

		if (c >= 0x80) { /* whole UTF-8 sequences only */
			k = su_utf8len((const unsigned char *)want + i,
			    strlen(want + i));
			if (k == 0 || j + k > 31)
				break;
			memcpy(base + j, want + i, k);
			j += k;
			i += k - 1;
			continue;
		}
		base[j++] = strchr("[]:*?/\\", c) || c < 0x20 ? '_' : (char)c;
	}
	base[j] = '\0';
	if (j == 0 || base[0] == '\'')
		snprintf(base, sizeof base, "Sheet%zu", out->nsheets + 1);
	snprintf(name, sizeof name, "%s", base);
	do {
		clash = 0;
		for (i = 0; i < out->nsheets; i++)
			if (strcasecmp(out->sheets[i], name) == 0)
				clash = 1;
		if (clash) {
			char suf[16];
			size_t sl = (size_t)snprintf(suf, sizeof suf, " (%d)",
			    ++dup);

			snprintf(name, sizeof name, "%.*s%s",
			    (int)(strlen(base) > 31 - sl ? 31 - sl :
			    strlen(base)), base, suf);
		}
	} while (clash);
	out->sheets = su_xrealloc(out->sheets, (out->nsheets + 1) *
	    sizeof *out->sheets);
	return out->sheets[out->nsheets++] = su_xstrdup(name);
}

/* the sheet written so far: header frozen, autofilter over its rows */
static void
xlsx_end_sheet(struct su_out *out)
{
	if (!out->ws)
		return;
	worksheet_freeze_panes(out->ws, 1, 0);
	worksheet_autofilter(out->ws, 0, 0, out->row ? out->row - 1 : 0,
	    (lxw_col_t)(out->ncols ? out->ncols - 1 : 0));
	out->ws = NULL;
}

/* a new sheet and its header row */
static int
xlsx_header(struct su_out *out)
{
	size_t i;
	char *name;

	xlsx_end_sheet(out);
	name = xlsx_sheet_name(out, out->next_sheet ? out->next_sheet :
	    su_prog());
	free(out->next_sheet);
	out->next_sheet = NULL;
	if (!(out->ws = workbook_add_worksheet(out->wb, name))) {
		su_msg(out->path, 0, "cannot add sheet \"%s\"", name);
		return -1;
	}
	out->row = 0;
	for (i = 0; i < out->ncols; i++) {
		worksheet_write_string(out->ws, 0, (lxw_col_t)i,
		    xlsx_text(out, out->names[i], strlen(out->names[i])),
		    out->fhead);
		worksheet_set_column(out->ws, (lxw_col_t)i, (lxw_col_t)i,
		    strlen(out->names[i]) < 12 ? 12 : (double)strlen(
		    out->names[i]) + 2, NULL);
	}
	out->row = 1;
	return 0;
}

/* libxlsxwriter failed: said once, as a write error is */
static int
xlsx_failed(struct su_out *out, lxw_error e)
{
	su_msg(out->path, 0, "cannot write the workbook: %s", lxw_strerror(e));
	out->reported = 1;
	out->err = EIO;
	return -1;
}

/* the largest magnitude a number cell holds exactly: 15 digits */
#define XLSX_MAX 999999999999999LL

/* a row: numbers as numbers in their format, text always as text (never
 * a formula, whatever it begins with: --excel-safe is not needed) */
static int
xlsx_row(struct su_out *out, const struct su_cell *cells)
{
	size_t i;
	lxw_col_t col;
	lxw_error e = LXW_NO_ERROR;
	char num[32];

	/* a spreadsheet number is a double, shown to 15 significant digits:
	 * an amount or count of more would show rounded, so it is refused */
	for (i = 0; i < out->ncols; i++)
		if ((cells[i].type == SU_C_MONEY || cells[i].type == SU_C_INT ||
		    cells[i].type == SU_C_CENTI) && (cells[i].v > XLSX_MAX ||
		    cells[i].v < -XLSX_MAX)) {
			if (cells[i].type == SU_C_INT)
				snprintf(num, sizeof num, "%lld",
				    (long long)cells[i].v);
			else
				su_money_fmt(num, cells[i].v);
			su_msg(out->path, 0, "-f xlsx: %s has more than 15 "
			    "digits, more than a spreadsheet number shows "
			    "exactly (write -f csv)", num);
			out->reported = 1;
			out->err = EIO;
			return -1;
		}
	for (i = 0; i < out->ncols && e == LXW_NO_ERROR; i++) {
		const struct su_cell *c = &cells[i];

		col = (lxw_col_t)i;
		switch (c->type) {
		case SU_C_NULL:
			break;
		case SU_C_STR:
			e = worksheet_write_string(out->ws, out->row, col,
			    xlsx_text(out, c->s, c->len), NULL);
			break;
		case SU_C_MONEY: /* cents / 100: the nearest double, which
				    prints back as the cents */
			e = worksheet_write_number(out->ws, out->row, col,
			    (double)c->v / 100, xlsx_money(out));
			break;
		case SU_C_INT:
			e = worksheet_write_number(out->ws, out->row, col,
			    (double)c->v, out->fint);
			break;
		case SU_C_CENTI:
			e = worksheet_write_number(out->ws, out->row, col,
			    (double)c->v / 100, NULL);
			break;
		case SU_C_RATIO:
		case SU_C_PCT:
		case SU_C_DAYS:
			e = worksheet_write_number(out->ws, out->row, col,
			    (double)c->v / (double)c->d, c->type == SU_C_PCT ?
			    out->fpct : c->type == SU_C_RATIO ? out->fratio :
			    out->fdays);
			break;
		}
	}
	if (e != LXW_NO_ERROR)
		return xlsx_failed(out, e);
	out->row++;
	return 0;
}

/* the workbook closed (libxlsxwriter writes it now) and, for standard
 * output, copied out */
static int
xlsx_finish(struct su_out *out)
{
	lxw_error e;
	char buf[65536];
	ssize_t n;
	int fd;

	if (!out->ws && out->ncols == 0 && out->nsheets == 0) {
		/* nothing was written: an empty sheet, still a workbook */
		out->ws = workbook_add_worksheet(out->wb, NULL);
		out->nsheets = 0;
	}
	xlsx_end_sheet(out);
	e = workbook_close(out->wb);
	out->wb = NULL;
	if (e != LXW_NO_ERROR)
		return xlsx_failed(out, e);
	if (!out->wbown)
		return 0;
	if ((fd = open(out->wbpath, O_RDONLY)) < 0) {
		out->err = errno;
		return -1;
	}
	while ((n = read(fd, buf, sizeof buf)) > 0 && !out->err)
		put(out, buf, (size_t)n);
	if (n < 0 && !out->err)
		out->err = errno;
	close(fd);
	return out->err ? -1 : 0;
}

void
su_out_sheet(struct su_out *out, const char *name)
{
	if (out->fmt != SU_FMT_XLSX)
		return;
	free(out->next_sheet);
	out->next_sheet = su_xstrdup(name);
}

/* the descriptor a path names: /dev/stdout 1, /dev/stderr 2, /dev/fd/N
 * and /proc/self/fd/N N; else -1 */
static int
std_fd(const char *path)
{
	const char *n = NULL;
	long v;

	if (strcmp(path, "/dev/stdout") == 0)
		return 1;
	if (strcmp(path, "/dev/stderr") == 0)
		return 2;
	if (strncmp(path, "/dev/fd/", 8) == 0)
		n = path + 8;
	else if (strncmp(path, "/proc/self/fd/", 14) == 0)
		n = path + 14;
	return n && su_strtonum(n, 0, 1000000, &v) == 0 ? (int)v : -1;
}

struct su_out *
su_out_open(const struct su_opts *o)
{
	struct su_out *out = su_xmalloc(sizeof *out);
	char *d, *b, *dcopy, *bcopy;
	size_t n;
	struct stat sb;
	int k;

	memset(out, 0, sizeof *out);
	out->fmt = o->format;
	out->excel_safe = o->excel_safe;
	out->special[','] = out->special['"'] = 1;
	out->special['\n'] = out->special['\r'] = 1;
	out->fd = 1;
	out->bcap = 64 * 1024;
	out->buf = su_xmalloc(out->bcap);
	if (!o->output || strcmp(o->output, "-") == 0)
		return out->fmt == SU_FMT_XLSX ? xlsx_open(out) : out;
	out->path = su_xstrdup(o->output);
	/* /dev/stdout, /dev/fd/N: the descriptor itself (its file, its
	 * offset, its append mode), never a rename over the link that names
	 * it when standard output is a file; a device, a FIFO, a terminal,
	 * anything /proc names: written to as it is; only a regular file (or
	 * a new one) is replaced atomically */
	if ((k = std_fd(o->output)) >= 0 || (stat(o->output, &sb) == 0 &&
	    !S_ISREG(sb.st_mode)) || strncmp(o->output, "/proc/", 6) == 0) {
		out->fd = k >= 0 ? dup(k) : open(o->output, O_WRONLY);
		if (out->fd < 0) {
			su_msg(out->path, 0, "cannot open: %s",
			    strerror(errno));
			su_out_abort(out);
			return NULL;
		}
		out->direct = 1;
		return out->fmt == SU_FMT_XLSX ? xlsx_open(out) : out;
	}
	/* a link to a file: the file is replaced, the link stays a link */
	if (lstat(o->output, &sb) == 0 && S_ISLNK(sb.st_mode)) {
		char *real = realpath(o->output, NULL);

		if (real) {
			free(out->path);
			out->path = real;
		}
	}
	dcopy = su_xstrdup(out->path);
	bcopy = su_xstrdup(out->path);
	d = dirname(dcopy);
	b = basename(bcopy);
	n = strlen(d) + strlen(b) + 16;
	out->tmp = su_xmalloc(n);
	snprintf(out->tmp, n, "%s/.%s.XXXXXX", d, b);
	free(dcopy);
	free(bcopy);
	out->fd = su_temp_make(out->tmp);
	if (out->fd < 0) {
		su_msg(out->path, 0, "cannot create: %s", strerror(errno));
		free(out->tmp);
		out->tmp = NULL;
		su_out_abort(out);
		return NULL;
	}
	new_mode(out->fd);
	return out->fmt == SU_FMT_XLSX ? xlsx_open(out) : out;
}

FILE *
su_out_side(struct su_out *out, const char *path, const char *what,
            const char *written)
{
	size_t n = strlen(path) + 16;
	int fd;

	out->side_path = su_xstrdup(path);
	out->side_what = what;
	out->side_written = written;
	out->side_tmp = su_xmalloc(n);
	snprintf(out->side_tmp, n, "%s.tmpXXXXXX", path);
	if ((fd = su_temp_make(out->side_tmp)) < 0) {
		su_msg(path, 0, "cannot write %s: %s", what, strerror(errno));
		free(out->side_tmp);
		out->side_tmp = NULL;
		return NULL;
	}
	new_mode(fd);
	if (!(out->side = fdopen(fd, "w"))) {
		su_msg(path, 0, "cannot write %s: %s", what, strerror(errno));
		close(fd);
		return NULL;
	}
	return out->side;
}

void
su_out_currency(struct su_out *out, const char *cur)
{
	snprintf(out->cur, sizeof out->cur, "%s", cur ? cur : "");
}

/* a failed write: said once; a closed pipe is not an error to say */
static int
failed(struct su_out *out)
{
	if (out->err == EPIPE)
		return SU_OUT_EPIPE;
	if (!out->reported)
		su_msg(out->path, 0, "write error: %s", strerror(out->err));
	out->reported = 1;
	return -1;
}

/* ---- csv / tsv / json ------------------------------------------------ */

/* --excel-safe: a text value a spreadsheet would run as a formula (it
 * begins with = + - @, tab or CR), unless it reads as an amount such as
 * -1,234.56 */
static int
formula(const char *s, size_t n)
{
	int64_t v;
	char cur[SU_CUR_LEN];
	const char *why;

	if (n == 0 || !strchr("=+-@\t\r", s[0]))
		return 0;
	return su_money_parse(s, n, 0, &v, cur, &why) != 0 &&
	    su_money_parse(s, n, 1, &v, cur, &why) != 0;
}

static int
put_csv(struct su_out *out, const char *s, size_t n)
{
	const char *q;
	size_t i;
	int tick = out->excel_safe && formula(s, n);

	if (out->fmt == SU_FMT_TSV) {
		for (i = 0; i < n; i++)
			if (s[i] == '\t' || s[i] == '\n' || s[i] == '\r') {
				su_msg(NULL, 0, "a value holds a tab or a line "
				    "break, which TSV cannot carry: \"%.*s\" "
				    "(use --format csv)", (int)(n > 40 ? 40 : n),
				    s);
				return -1;
			}
		if (tick)
			putc_(out, '\'');
		put(out, s, n);
		return 0;
	}
	/* eight bytes at a time: does any equal , " \n or \r? */
	for (i = 0; i + 8 <= n; i += 8) {
		uint64_t w, a, b, c, d;
		const uint64_t ones = 0x0101010101010101ULL;
		const uint64_t high = 0x8080808080808080ULL;

		memcpy(&w, s + i, 8);
		a = w ^ (ones * ',');
		b = w ^ (ones * '"');
		c = w ^ (ones * '\n');
		d = w ^ (ones * '\r');
		/* a byte of x is zero iff (x - ones) & ~x & high has its bit */
		if (((a - ones) & ~a & high) | ((b - ones) & ~b & high) |
		    ((c - ones) & ~c & high) | ((d - ones) & ~d & high))
			break;
	}
	for (; i < n && !out->special[(unsigned char)s[i]]; i++)
		;
	if (i == n) {
		if (tick)
			putc_(out, '\'');
		put(out, s, n);
		return 0;
	}
	putc_(out, '"');
	if (tick)
		putc_(out, '\'');
	/* the runs between quotes whole, each quote doubled */
	for (i = 0; i < n; i = (size_t)(q - s) + 1) {
		if ((q = memchr(s + i, '"', n - i)) == NULL) {
			put(out, s + i, n - i);
			break;
		}
		put(out, s + i, (size_t)(q - s) - i);
		put(out, "\"\"", 2);
	}
	putc_(out, '"');
	return 0;
}

/* a JSON string; bytes that are not UTF-8 become U+FFFD (JSON must be
 * UTF-8) */
static void
put_json_str(struct su_out *out, const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	char esc[8];
	size_t i, k;

	putc_(out, '"');
	for (i = 0; i < n; i += k) {
		k = su_utf8len(u + i, n - i);
		if (k == 0) {
			put(out, "\\ufffd", 6);
			k = 1;
		} else if (u[i] == '"' || u[i] == '\\') {
			putc_(out, '\\');
			putc_(out, (char)u[i]);
		} else if (u[i] == '\n') {
			put(out, "\\n", 2);
		} else if (u[i] == '\r') {
			put(out, "\\r", 2);
		} else if (u[i] == '\t') {
			put(out, "\\t", 2);
		} else if (u[i] < 0x20 || u[i] == 0x7F) {
			snprintf(esc, sizeof esc, "\\u%04x", u[i]);
			put(out, esc, 6);
		} else {
			put(out, s + i, k);
		}
	}
	putc_(out, '"');
}

/* a cell as text for csv/tsv/json (numbers in their machine form) */
static size_t
machine(const struct su_cell *c, char *buf)
{
	switch (c->type) {
	case SU_C_MONEY:
		return su_money_fmt(buf, c->v);
	case SU_C_INT: {
		char tmp[24];
		size_t k = 0, i = 0;
		uint64_t u = c->v < 0 ? 0 - (uint64_t)c->v : (uint64_t)c->v;

		if (c->v < 0)
			buf[i++] = '-';
		do
			tmp[k++] = (char)('0' + u % 10);
		while ((u /= 10) != 0);
		while (k)
			buf[i++] = tmp[--k];
		buf[i] = '\0';
		return i;
	}
	case SU_C_RATIO:
	case SU_C_PCT:
		return su_ratio_fmt(buf, c->v, c->d, 4, 1);
	case SU_C_DAYS:
		return su_ratio_fmt(buf, c->v, c->d, 1, 1);
	case SU_C_CENTI: {
		size_t n = su_ratio_fmt(buf, c->v, 100, 2, 1);

		/* as many decimals as it has: 8, 8.5, 8.25 */
		if (buf[n - 1] == '0')
			buf[--n] = '\0';
		if (buf[n - 1] == '0')
			buf[--n] = '\0';
		if (buf[n - 1] == '.')
			buf[--n] = '\0';
		return n;
	}
	default:
		buf[0] = '\0';
		return 0;
	}
}

/* a CSV or TSV cell: 0, or -1 (said) */
static int
put_cell(struct su_out *out, const struct su_cell *c)
{
	char num[64];

	if (c->type == SU_C_STR)
		return put_csv(out, c->s, c->len);
	put(out, num, machine(c, num));
	return 0;
}

static int
write_row(struct su_out *out, const char *const *names,
          const struct su_cell *cells)
{
	char num[64], delim = out->fmt == SU_FMT_TSV ? '\t' : ',';
	size_t i, n;

	if (out->fmt == SU_FMT_JSON)
		putc_(out, '{');
	for (i = 0; i < out->ncols; i++) {
		const struct su_cell *c = &cells[i];

		if (out->fmt == SU_FMT_JSON) {
			if (i)
				putc_(out, ',');
			put_json_str(out, names[i], strlen(names[i]));
			putc_(out, ':');
			if (c->type == SU_C_NULL)
				put(out, "null", 4);
			else if (c->type == SU_C_STR)
				put_json_str(out, c->s, c->len);
			else {
				n = machine(c, num);
				put(out, num, n);
			}
			continue;
		}
		if (i)
			putc_(out, delim);
		if (put_cell(out, c))
			return -1;
	}
	put(out, out->fmt == SU_FMT_JSON ? "}\n" : "\n", out->fmt ==
	    SU_FMT_JSON ? 2 : 1);
	return out->err ? failed(out) : 0;
}

int
su_out_row_raw(struct su_out *out, const char *raw, size_t len, size_t k,
                const struct su_cell *rest)
{
	size_t i;

	put(out, raw, len);
	for (i = k; i < out->ncols; i++) {
		putc_(out, ',');
		if (put_cell(out, &rest[i - k]))
			return -1;
	}
	putc_(out, '\n');
	out->rows++;
	return out->err ? failed(out) : 0;
}

size_t
su_out_own(const struct su_rec *hdr, const char *const *names, size_t n,
           unsigned char *keep)
{
	char list[512];
	size_t i, j, dropped = 0, len = 0;
	int said;

	list[0] = '\0';
	for (i = 0; i < hdr->n; i++) {
		keep[i] = 1;
		for (j = 0; j < n; j++)
			if (strcmp(hdr->f[i], names[j]) == 0)
				break;
		if (j == n)
			continue;
		keep[i] = 0;
		dropped++;
		said = snprintf(list + len, sizeof list - len, "%s%s",
		    len ? ", " : "", names[j]);
		if (said > 0 && (size_t)said < sizeof list - len)
			len += (size_t)said;
	}
	if (dropped)
		su_msg(hdr->file, hdr->line, "%s: column%s %s appends, already "
		    "in the input (an earlier run's output): replaced by this "
		    "run's, not repeated", list, dropped == 1 ? "" : "s",
		    su_prog());
	return dropped;
}

/* ---- table ------------------------------------------------------------ */

static void
keep(struct su_out *out, const struct su_cell *cells)
{
	size_t i;

	if (out->ncells + out->ncols > out->cellcap) {
		out->cellcap = (out->ncells + out->ncols) * 2;
		out->cells = su_xrealloc(out->cells,
		    out->cellcap * sizeof *out->cells);
	}
	for (i = 0; i < out->ncols; i++) {
		struct su_cell c = cells[i];

		if (c.type == SU_C_STR) {
			char *s = su_xmalloc(c.len + 1);

			if (c.len) /* an empty cell's s may be NULL */
				memcpy(s, c.s, c.len);
			s[c.len] = '\0';
			c.s = s;
		}
		out->cells[out->ncells++] = c;
	}
}

/* display width: code points, not bytes */
static size_t
width(const char *s, size_t n)
{
	size_t i, w = 0;

	for (i = 0; i < n; i++)
		w += ((unsigned char)s[i] & 0xC0) != 0x80;
	return w;
}

size_t
su_int_fmt_table(char *buf, int64_t v)
{
	char tmp[32];
	size_t k = (size_t)snprintf(tmp, sizeof tmp, "%lld", (long long)v),
	    i, j = 0, d = k - (tmp[0] == '-');

	for (i = 0; i < k; i++) {
		if (tmp[i] != '-' && i > (size_t)(tmp[0] == '-') && d % 3 == 0)
			buf[j++] = ',';
		buf[j++] = tmp[i];
		d -= tmp[i] != '-';
	}
	buf[j] = '\0';
	return j;
}

/* a cell as the table shows it: money always with its cents (finance reads
 * a column of $20,000.00 and $22,076.92, never $20,000 beside them),
 * shares as percentages, ratios as "1.69x" */
static size_t
human(const struct su_out *out, const struct su_cell *c, char *buf,
      size_t size)
{
	size_t i, n;

	switch (c->type) {
	case SU_C_NULL:
		buf[0] = '\0';
		return 0;
	case SU_C_STR:
		n = c->len < size - 1 ? c->len : size - 1;
		for (i = 0; i < n; i++) /* one line per row */
			buf[i] = c->s[i] == '\n' || c->s[i] == '\r' ||
			    c->s[i] == '\t' ? ' ' : c->s[i];
		buf[n] = '\0';
		return n;
	case SU_C_MONEY:
		return su_money_fmt_table(buf, c->v, out->cur, 1);
	case SU_C_INT:
		return su_int_fmt_table(buf, c->v);
	case SU_C_RATIO:
		n = su_ratio_fmt(buf, c->v, c->d, 2, 1);
		buf[n++] = 'x';
		buf[n] = '\0';
		return n;
	case SU_C_PCT:
		n = su_ratio_fmt(buf, c->v, c->d, 1, 100);
		buf[n++] = '%';
		buf[n] = '\0';
		return n;
	case SU_C_DAYS:
		return su_ratio_fmt(buf, c->v, c->d, 1, 1);
	case SU_C_CENTI:
		if (c->v % 100 == 0) { /* a whole count: grouped as one */
			struct su_cell w = *c;

			w.type = SU_C_INT;
			w.v /= 100;
			return human(out, &w, buf, size);
		}
		return machine(c, buf);
	}
	return 0;
}

struct lbuf {
	char *s;
	size_t n, cap;
};

static void
lput(struct lbuf *b, const char *s, size_t n)
{
	if (n == 0)
		return; /* b->s may still be NULL: no memcpy into it */
	if (b->n + n > b->cap) {
		b->cap = (b->n + n) * 2;
		b->s = su_xrealloc(b->s, b->cap);
	}
	memcpy(b->s + b->n, s, n);
	b->n += n;
}

static void
render_table(struct su_out *out)
{
	size_t nrows = out->ncells / out->ncols, r, i, n, w, *wid;
	int *right;
	char *text = NULL;
	size_t textcap = 0;
	struct lbuf line = {NULL, 0, 0};

	wid = su_xmalloc(out->ncols * sizeof *wid);
	right = su_xmalloc(out->ncols * sizeof *right);
	for (i = 0; i < out->ncols; i++) {
		wid[i] = width(out->names[i], strlen(out->names[i]));
		right[i] = 0;
		for (r = 0; r < nrows; r++) {
			const struct su_cell *c = &out->cells[r * out->ncols + i];

			if (c->type != SU_C_STR && c->type != SU_C_NULL)
				right[i] = 1;
		}
	}
	for (r = 0; r < nrows; r++)
		for (i = 0; i < out->ncols; i++) {
			const struct su_cell *c = &out->cells[r * out->ncols + i];

			if (textcap < (c->type == SU_C_STR ? c->len : 0) + 64) {
				textcap = c->len + 64;
				text = su_xrealloc(text, textcap);
			}
			n = human(out, c, text, textcap);
			if ((w = width(text, n)) > wid[i])
				wid[i] = w;
		}
	if (textcap < 64)
		text = su_xrealloc(text, textcap = 64);
	for (r = 0; r <= nrows; r++) {
		line.n = 0;
		for (i = 0; i < out->ncols; i++) {
			const struct su_cell *c =
			    r ? &out->cells[(r - 1) * out->ncols + i] : NULL;
			const char *s;

			if (c) {
				if (textcap < (c->type == SU_C_STR ? c->len : 0)
				    + 64) {
					textcap = c->len + 64;
					text = su_xrealloc(text, textcap);
				}
				n = human(out, c, text, textcap);
				s = text;
			} else {
				s = out->names[i];
				n = strlen(s);
			}
			w = width(s, n);
			if (i)
				lput(&line, "  ", 2);
			for (; right[i] && w < wid[i]; w++)
				lput(&line, " ", 1);
			lput(&line, s, n);
			for (; !right[i] && w < wid[i]; w++)
				lput(&line, " ", 1);
		}
		while (line.n && line.s[line.n - 1] == ' ')
			line.n--; /* no trailing blanks */
		put(out, line.s, line.n);
		putc_(out, '\n');
	}
	free(line.s);
	free(text);
	free(wid);
	free(right);
}

/* ---- the interface --------------------------------------------------- */

int
su_out_header(struct su_out *out, size_t n, const char *const *names)
{
	size_t i;
	struct su_cell *c;

	xlsx_end_sheet(out); /* a workbook's sheet before the next */
	for (i = 0; i < out->ncols; i++)
		free(out->names[i]);
	free(out->names);
	out->ncols = n;
	out->names = su_xmalloc(n * sizeof *out->names);
	for (i = 0; i < n; i++)
		out->names[i] = su_xstrdup(names[i]);
	if (out->fmt == SU_FMT_XLSX)
		return xlsx_header(out);
	if (out->fmt == SU_FMT_JSON || out->fmt == SU_FMT_TABLE)
		return 0;
	c = su_xmalloc(n * sizeof *c);
	for (i = 0; i < n; i++) {
		c[i].type = SU_C_STR;
		c[i].s = names[i];
		c[i].len = strlen(names[i]);
	}
	i = (size_t)write_row(out, NULL, c);
	free(c);
	return (int)i;
}

int
su_out_row(struct su_out *out, const struct su_cell *cells)
{
	out->rows++;
	if (out->fmt == SU_FMT_TABLE) {
		keep(out, cells);
		return 0;
	}
	if (out->fmt == SU_FMT_XLSX)
		return xlsx_row(out, cells);
	return write_row(out, (const char *const *)out->names, cells);
}

static void
release(struct su_out *out)
{
	size_t i;

	if (out->tmp)
		su_temp_forget(out->tmp);
	if (out->wb) { /* never closed: freed, never written */
		lxw_workbook_free(out->wb);
		out->wb = NULL;
	}
	if (out->wbown) {
		unlink(out->wbpath);
		su_temp_forget(out->wbpath);
	}
	free(out->wbpath);
	for (i = 0; i < out->nsheets; i++)
		free(out->sheets[i]);
	free(out->sheets);
	free(out->next_sheet);
	free(out->text);
	if (out->side)
		fclose(out->side);
	if (out->side_tmp) { /* not put in place */
		unlink(out->side_tmp);
		su_temp_forget(out->side_tmp);
	}
	for (i = 0; i < out->ncells; i++)
		if (out->cells[i].type == SU_C_STR)
			free((void *)out->cells[i].s);
	for (i = 0; i < out->ncols; i++)
		free(out->names[i]);
	free(out->cells);
	free(out->names);
	free(out->buf);
	free(out->path);
	free(out->tmp);
	free(out->side_path);
	free(out->side_tmp);
	free(out);
}

/* everything written and the file closed; -o FILE is still a temporary */
static int
finish(struct su_out *out)
{
	if (out->fmt == SU_FMT_TABLE && out->ncols)
		render_table(out);
	if (out->fmt == SU_FMT_XLSX && out->wb && xlsx_finish(out) &&
	    out->reported) {
		if (out->tmp)
			unlink(out->tmp);
		return -1;
	}
	flush(out);
	if ((out->tmp || out->direct) && out->fd >= 0) {
		if (close(out->fd) != 0 && !out->err)
			out->err = errno;
		out->fd = -1;
	}
	if (out->err && out->tmp)
		unlink(out->tmp);
	return out->err ? failed(out) : 0;
}

/* -o FILE into place */
static int
commit(struct su_out *out)
{
	if (out->tmp && rename(out->tmp, out->path) != 0) {
		out->err = errno;
		unlink(out->tmp);
		return failed(out);
	}
	return 0;
}

int
su_out_close(struct su_out *out)
{
	int r = finish(out);

	if (r == 0)
		r = commit(out);
	release(out);
	return r;
}

/* su_out_side's file on the disk, still a temporary: 0, or -1 (said) */
static int
side_finish(struct su_out *out)
{
	FILE *fp = out->side;
	int r;

	if (!fp)
		return 0;
	out->side = NULL;
	r = fflush(fp) != 0 || fsync(fileno(fp)) != 0 || ferror(fp);
	if (r)
		su_msg(out->side_path, 0, "cannot write %s: %s",
		    out->side_what, strerror(errno));
	if (fclose(fp) != 0 && !r) {
		su_msg(out->side_path, 0, "cannot write %s: %s",
		    out->side_what, strerror(errno));
		r = 1;
	}
	return r ? -1 : 0;
}

/* su_out_side's file into place, once the output is: 0, or -1 (said;
 * the output stays, and the message says so) */
static int
side_commit(struct su_out *out)
{
	if (!out->side_tmp)
		return 0;
	if (rename(out->side_tmp, out->side_path) != 0) {
		su_msg(out->side_path, 0, "cannot update %s (%s); %s were "
		    "written", out->side_what, strerror(errno),
		    out->side_written);
		return -1;
	}
	su_temp_forget(out->side_tmp);
	free(out->side_tmp);
	out->side_tmp = NULL;
	return 0;
}

int
su_out_done(struct su_out *out, struct su_in *in)
{
	int r;

	/* the side file first, as the program wrote it before its output */
	if (side_finish(out) != 0) {
		su_out_abort(out);
		return -1;
	}
	r = finish(out);
	su_hold_signals(1); /* a kill now: all in place, or none */
	if (r == 0 && su_in_commit(in) != 0) {
		if (out->tmp)
			unlink(out->tmp);
		r = -1;
	}
	if (r == 0 && (r = commit(out)) != 0)
		su_in_rollback(in); /* neither, rather than one */
	if (r == 0)
		r = side_commit(out);
	su_hold_signals(0);
	release(out); /* a side file not put in place is removed */
	return r;
}

void
su_out_abort(struct su_out *out)
{
	if (!out)
		return;
	if (out->tmp) {
		if (out->fd >= 0)
			close(out->fd);
		unlink(out->tmp);
	} else if (out->direct && out->fd >= 0)
		close(out->fd);
	release(out);
}

struct su_cell
su_cell_str(const char *s)
{
	return su_cell_text(s, strlen(s));
}

/*
 * Each member set once, not a memset and then some: the memset's wide
 * stores and the narrow ones after them, read back wide as the cell is
 * returned, made every cell wait on its stores (5% of mqlqualify's time).
 */
struct su_cell
su_cell_text(const char *s, size_t len)
{
	struct su_cell c;

	c.type = SU_C_STR;
	c.s = s;
	c.len = len;
	c.v = 0;
	c.d = 0;
	return c;
}

struct su_cell
su_cell_num(enum su_ctype type, int64_t v, int64_t d)
{
	struct su_cell c;

	c.type = type;
	c.s = NULL;
	c.len = 0;
	c.v = v;
	c.d = d;
	return c;
}

int
su_out_text(struct su_out *out, const char *s, size_t n)
{
	put(out, s, n);
	return out->err ? failed(out) : 0;
}
