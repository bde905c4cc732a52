/*
 * csvin.c - reading CSV/TSV records through libcsv
 *
 * Bytes come from a file, decoded when needed (UTF-16 with a BOM, or
 * --encoding through iconv); a UTF-8 BOM is dropped.  The decoded stream
 * is cut into physical lines and fed to libcsv one line at a time, so the
 * line where each record starts is known.  libcsv's callbacks only collect
 * fields; each finished record, blank line or parse error becomes an event
 * in a small queue, and su_in_next() applies the rules of SPEC §1 to the
 * events in order: header, Salesforce footer, field count, --skip-invalid.
 */
#include "su.h"

#include <csv.h>
#include <ctype.h>
#include <stddef.h>
#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <inttypes.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <strings.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define SHOW_SKIPS 10 /* skip messages shown before they are only counted */
/* progress: shown by itself for a file this large, redrawn this often */
#define PROGRESS_SIZE (50 * 1000 * 1000)
#define PROGRESS_MS 250

enum evkind { EV_RECORD, EV_BLANK, EV_BADQUOTE, EV_OPENQUOTE, EV_NUL };

struct event {
	enum evkind kind;
	size_t f0, nf; /* fields in the arena */
	long line;
	size_t rawoff, rawlen; /* its text: buf[rawoff..rawoff+rawlen) */
	int scanned;           /* its fields are the fast scanner's */
};

struct su_in {
	const struct su_opts *o;
	int nfiles, fi;
	char **files;
	const char *fname; /* display name */
	int fd;            /* -1: no file open */
	int started;       /* the first file has been opened */

	/* decoding */
	iconv_t cd; /* (iconv_t)-1: none */
	const char *encname;
	char *raw;
	size_t rawlen, rawcap;
	int rawnl; /* lines before the raw bytes, for messages */

	/* decoded bytes, cut into lines; the text of the record being read
	 * starts at rstart and is kept when the buffer is compacted */
	char *buf;
	size_t pos, len, cap, rstart;
	int eof, done; /* read(2) saw the end; every line was fed */
	long lineno;   /* the line about to be fed */

	/* libcsv */
	struct csv_parser p;
	int pinit;
	int delim, quote;
	int at_start; /* no record is under way */
	long rec_line;

	/* the fast scanner (scan.c), for the records it is sure of */
	struct su_scan sc;
	int scan_ok;  /* the dialect is one it reads */
	int noscan;   /* su_in_noscan: libcsv reads everything */

	/* fields of finished and current records */
	char *fld;
	size_t fldlen, fldcap;
	size_t *foff, *flen, nf, fcap, cur_f0;

	/* finished events */
	struct event *q;
	size_t nq, qcap, qi;
	const char **fptr;
	size_t fpcap;

	/* per-file state */
	int in_header; /* the next record is this file's header */
	long blank;    /* line of a blank line not yet judged, or 0 */
	int footer;    /* inside the report footer */
	long footer_count, footer_line; /* "Grand Totals (N records)" */
	long file_rows;

	/* the first file's header, kept for the whole run */
	struct su_rec hdr;
	char *hdrbuf;
	const char *hdrfile;

	long nread, nskipped, nflagged;
	/* --progress: the file's size (-1 unknown), the bytes read of it,
	 * when it was opened and the line last drawn (ms) */
	int prog, drawn, pcols;
	int64_t psize, pbytes, pstart, plast, pms;
	struct su_out *rejects;
	int committed; /* --rejects is in place */
	int failed;
};

/* ---- progress -------------------------------------------------------- */

static int64_t
now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* on a file just opened: whether to show progress, as --progress and
 * --no-progress say, else only to a person waiting on a large file (never
 * in a pipe or under cron: standard error is then no terminal) */
static void
progress_start(struct su_in *in)
{
	struct stat st;
	struct winsize ws;
	int reg = fstat(in->fd, &st) == 0 && S_ISREG(st.st_mode);
	const char *e;

	in->psize = reg ? (int64_t)st.st_size : -1;
	in->pbytes = 0;
	in->prog = in->o->progress == 1 || (in->o->progress < 0 && reg &&
	    in->psize > PROGRESS_SIZE && isatty(STDERR_FILENO));
	/* the first line after PROGRESS_MS: a header error, a quick run
	 * draw none */
	if (in->prog)
		in->pstart = in->plast = now_ms();
	/* the tests' hook: redraw this often (0: at every read), so that a
	 * test of the line does not depend on the program being slow */
	in->pms = PROGRESS_MS;
	if ((e = getenv("SU_TEST_PROGRESS_MS")) != NULL)
		in->pms = atoi(e);
	/* a line longer than the terminal would wrap, and \r would redraw
	 * only its last part */
	in->pcols = ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 1 ? ws.ws_col - 1 : 0;
}

/* n bytes, as "12.3 MB" (decimal megabytes) */
static const char *
megabytes(char *buf, size_t size, int64_t n)
{
	snprintf(buf, size, "%" PRId64 ".%" PRId64 " MB", n / 1000000,
	    n / 100000 % 10);
	return buf;
}

/* the line erased, before a message or at the end of the file */
static void
progress_erase(struct su_in *in)
{
	if (in->drawn)
		fputs("\r\033[K", stderr);
	in->drawn = 0;
}

/* bytes, rows, rate and time left, at most every PROGRESS_MS; one line,
 * redrawn in place, cut to the terminal's width */
static void
progress(struct su_in *in, size_t got)
{
	char a[32], b[32], c[32], line[256];
	int64_t t, ms, eta;
	int n;

	in->pbytes += (int64_t)got;
	if (!in->prog || (t = now_ms()) - in->plast < in->pms)
		return;
	in->plast = t;
	ms = t - in->pstart > 0 ? t - in->pstart : 1;
	megabytes(a, sizeof a, in->pbytes);
	megabytes(c, sizeof c, in->pbytes * 1000 / ms);
	if (in->psize > 0 && in->pbytes > 0 && in->psize >= in->pbytes) {
		eta = (in->psize - in->pbytes) * ms / in->pbytes / 1000;
		n = snprintf(line, sizeof line, "%s: %s: %s of %s (%" PRId64
		    "%%), %ld rows, %s/s, %" PRId64 ":%02" PRId64 " left",
		    su_prog(), in->fname, a, megabytes(b, sizeof b, in->psize),
		    in->pbytes * 100 / in->psize, in->file_rows, c, eta / 60,
		    eta % 60);
	} else
		n = snprintf(line, sizeof line, "%s: %s: %s, %ld rows, %s/s",
		    su_prog(), in->fname, a, in->file_rows, c);
	if (n < 0)
		return;
	if ((size_t)n >= sizeof line)
		n = sizeof line - 1;
	if (in->pcols && n > in->pcols)
		n = in->pcols;
	fprintf(stderr, "\r%.*s\033[K", n, line);
	fflush(stderr);
	in->drawn = 1;
}

/* ---- bytes in -------------------------------------------------------- */

static int
readsome(struct su_in *in, char *dst, size_t n, size_t *got)
{
	ssize_t r;

	do
		r = read(in->fd, dst, n);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		progress_erase(in);
		su_msg(in->fname, 0, "read error: %s", strerror(errno));
		return -1;
	}
	*got = (size_t)r;
	progress(in, *got);
	return 0;
}

static void
grow(char **p, size_t *cap, size_t need)
{
	size_t c = *cap ? *cap : 4096;

	if (need <= *cap)
		return;
	while (c < need)
		c *= 2;
	*p = su_xrealloc(*p, c);
	*cap = c;
}

static long
lines_ahead(const struct su_in *in)
{
	long n = in->lineno;
	size_t i;

	for (i = in->pos; i < in->len; i++)
		n += in->buf[i] == '\n';
	return n;
}

/* append decoded bytes to buf: 0 more, 1 end of file, -1 error */
static int
fill(struct su_in *in)
{
	size_t got;

	if (in->cd == (iconv_t)-1) {
		if (readsome(in, in->buf + in->len, in->cap - in->len, &got))
			return -1;
		in->len += got;
		return got == 0;
	}
	grow(&in->raw, &in->rawcap, in->rawlen + 65536);
	if (readsome(in, in->raw + in->rawlen, in->rawcap - in->rawlen, &got))
		return -1;
	in->rawlen += got;
	for (;;) {
		char *ip = in->raw, *op = in->buf + in->len;
		size_t il = in->rawlen, ol = in->cap - in->len;
		size_t r = iconv(in->cd, &ip, &il, &op, &ol);
		int e = errno;

		in->len = (size_t)(op - in->buf);
		memmove(in->raw, ip, il);
		in->rawlen = il;
		if (r != (size_t)-1 || e == EINVAL)
			break;
		if (e == E2BIG) {
			if (in->len > in->pos)
				break; /* hand out what we have first */
			grow(&in->buf, &in->cap, in->cap * 2);
			continue;
		}
		progress_erase(in);
		su_msg(in->fname, lines_ahead(in), "bytes that are not valid "
		    "%s", in->encname);
		return -1;
	}
	if (got == 0 && in->rawlen) {
		progress_erase(in);
		su_msg(in->fname, lines_ahead(in), "the file ends inside a "
		    "%s character", in->encname);
		return -1;
	}
	return got == 0 && in->rawlen == 0;
}

/* more bytes after len, the record being read (from rstart) kept: 0, or
 * -1 error; in->eof is set at the end of the file */
static int
more(struct su_in *in)
{
	int r;

	/* the bytes move or grow under the scanner */
	su_scan_reset(&in->sc);
	if (in->rstart) {
		memmove(in->buf, in->buf + in->rstart, in->len - in->rstart);
		in->len -= in->rstart;
		in->pos -= in->rstart;
		in->rstart = 0;
	}
	if (in->len == in->cap)
		grow(&in->buf, &in->cap, in->cap * 2);
	if ((r = fill(in)) < 0)
		return -1;
	in->eof = r;
	return 0;
}

/* the next physical line, with its '\n': 1, 0 at the end, -1 error */
static int
getline_(struct su_in *in, const char **line, size_t *n)
{
	char *nl;

	for (;;) {
		nl = memchr(in->buf + in->pos, '\n', in->len - in->pos);
		if (nl || (in->eof && in->pos < in->len)) {
			*line = in->buf + in->pos;
			*n = nl ? (size_t)(nl - *line) + 1 : in->len - in->pos;
			in->pos += *n;
			return 1;
		}
		if (in->eof)
			return 0;
		if (more(in) < 0)
			return -1;
	}
}

/* ---- libcsv callbacks: collect, never judge --------------------------- */

static void
cb_field(void *s, size_t len, void *data)
{
	struct su_in *in = data;

	grow(&in->fld, &in->fldcap, in->fldlen + len + 1);
	memcpy(in->fld + in->fldlen, s, len);
	in->fld[in->fldlen + len] = '\0';
	if (in->nf == in->fcap) {
		in->fcap = in->fcap ? in->fcap * 2 : 64;
		in->foff = su_xrealloc(in->foff, in->fcap * sizeof *in->foff);
		in->flen = su_xrealloc(in->flen, in->fcap * sizeof *in->flen);
	}
	in->foff[in->nf] = in->fldlen;
	in->flen[in->nf++] = len;
	in->fldlen += len + 1;
}

static void
push(struct su_in *in, enum evkind kind, long line)
{
	struct event *e;
	const char *raw = in->buf + in->rstart;
	size_t n = in->pos - in->rstart;

	if (in->nq == in->qcap) {
		in->qcap = in->qcap ? in->qcap * 2 : 8;
		in->q = su_xrealloc(in->q, in->qcap * sizeof *in->q);
	}
	while (n && (raw[n - 1] == '\n' || raw[n - 1] == '\r'))
		n--;
	e = &in->q[in->nq++];
	e->kind = kind;
	e->scanned = 0;
	e->f0 = in->cur_f0;
	e->nf = in->nf - in->cur_f0;
	e->line = line;
	e->rawoff = in->rstart;
	e->rawlen = n;
	in->cur_f0 = in->nf;
}

static void
cb_record(int c, void *data)
{
	struct su_in *in = data;

	(void)c;
	push(in, EV_RECORD, in->rec_line);
	in->at_start = 1;
	in->rec_line = in->lineno; /* a record after a bare CR */
}

/* libcsv grows a field's buffer by a fixed block at a time; with a
 * realloc that must copy (ASan's; glibc's, past its free space) a 50 MB
 * field would cost quadratic time.  These give it room that doubles: the
 * real size is kept in front of the block, and a request that fits
 * returns the block as it is. */
struct blk {
	size_t cap;
	max_align_t align[];
};

static void *
grow_realloc(void *p, size_t n)
{
	struct blk *b = p ? (struct blk *)p - 1 : NULL;
	size_t cap = b ? b->cap : 0;

	if (n <= cap)
		return p;
	cap = cap ? cap : 256;
	while (cap < n)
		cap *= 2;
	b = realloc(b, sizeof *b + cap);
	if (!b)
		return NULL;
	b->cap = cap;
	return b + 1;
}

static void
grow_free(void *p)
{
	if (p)
		free((struct blk *)p - 1);
}

static int
nospace(unsigned char c)
{
	(void)c;
	return 0; /* libcsv trims nothing: values are kept as they are */
}

static void
parser_init(struct su_in *in)
{
	if (in->pinit)
		csv_free(&in->p);
	csv_init(&in->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_realloc_func(&in->p, grow_realloc);
	csv_set_free_func(&in->p, grow_free);
	csv_set_space_func(&in->p, nospace);
	csv_set_delim(&in->p, (unsigned char)in->delim);
	csv_set_quote(&in->p, (unsigned char)in->quote);
	in->pinit = 1;
	in->at_start = 1;
	in->nf = in->cur_f0; /* drop the fields of a broken record */
	/* decoded input (UTF-16, --encoding) stays with libcsv */
	in->scan_ok = !in->noscan && in->cd == (iconv_t)-1 &&
	    su_scan_init(&in->sc, in->delim, in->quote);
}

static int
blankline(const char *s, size_t n)
{
	while (n && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	return n == 0;
}

/* Excel's delimiter hint, a first line "sep=;": not the header */
static int
sep_line(const char *s, size_t n)
{
	while (n > 5 && (s[n - 1] == '\n' || s[n - 1] == '\r'))
		n--;
	/* an ASCII delimiter: punctuation, a tab or a space */
	return n == 5 && strncasecmp(s, "sep=", 4) == 0 && s[4] != '"' &&
	    (s[4] == '\t' || s[4] == ' ' || ((unsigned char)s[4] < 0x7f &&
	    ispunct((unsigned char)s[4])));
}

/* the delimiter a sep= line names; an error when -d or -t says another */
static int
set_sep(struct su_in *in, int c)
{
	char given[8], said[8];

	if ((in->o->delim >= 0 && in->o->delim != c) ||
	    (in->o->delim < 0 && in->o->tsv && c != '\t')) {
		snprintf(said, sizeof said, c == '\t' ? "tab" : "%c", c);
		if (in->o->delim < 0)
			snprintf(given, sizeof given, "-t");
		else
			snprintf(given, sizeof given, in->o->delim == '\t' ?
			    "-d tab" : "-d %c", in->o->delim);
		su_msg(in->fname, 1, "sep=%s (Excel's delimiter hint) but %s "
		    "was given; drop the option or the line", said, given);
		return -1;
	}
	in->delim = c;
	parser_init(in);
	return 0;
}

/* a record longer than this is left to libcsv, which grows its buffer
 * as it goes, rather than scanned again after each read */
#define SCAN_MAX (64 * 1024)

/*
 * The record at pos through the fast scanner: 1 queued as libcsv would
 * have queued it, 0 not sure (libcsv reads it), -1 a read error.  Its
 * fields stay the scanner's (mkrec hands them on as they are); only its
 * raw text is the buffer's.  The queue is empty: feed starts here only
 * then.
 */
static int
scan_next(struct su_in *in)
{
	struct event *e;
	size_t used;
	long lines;
	int r;

	for (;;) {
		r = su_scan_record(&in->sc, in->buf + in->pos,
		    in->len - in->pos, &used, &lines);
		if (r == SU_SCAN_OK)
			break;
		/* at the end of the file the last line has no LF: libcsv's
		 * csv_fini says whether its quotes are closed */
		if (r == SU_SCAN_UNSURE || in->eof ||
		    in->len - in->pos >= SCAN_MAX)
			return 0;
		if (more(in) < 0)
			return -1;
	}
	if (in->qcap == 0) {
		in->qcap = 8;
		in->q = su_xrealloc(in->q, in->qcap * sizeof *in->q);
	}
	e = &in->q[in->nq++];
	e->kind = EV_RECORD;
	e->scanned = 1;
	e->f0 = e->nf = 0;
	e->line = in->rec_line;
	e->rawoff = in->pos;
	/* its text without the line end, LF or CRLF, as push cuts it */
	e->rawlen = used - 1 - (used > 1 && in->buf[in->pos + used - 2] ==
	    '\r');
	in->pos += used;
	in->lineno += lines;
	return 1;
}

/* feed lines until an event is queued or the file is done */
static int
feed(struct su_in *in)
{
	const char *line;
	size_t n, k;
	int r;

	while (in->nq == in->qi && !in->done) {
		if (in->at_start) {
			/* nothing in the queue refers to these any more */
			in->nq = in->qi = 0;
			in->nf = in->cur_f0 = in->fldlen = 0;
			in->rstart = in->pos;
			in->rec_line = in->lineno;
			/* a data record: the scanner, if it is sure */
			if (in->scan_ok && !in->in_header) {
				if ((r = scan_next(in)) < 0)
					return -1;
				if (r)
					continue;
			}
		}
		if ((r = getline_(in, &line, &n)) < 0)
			return -1;
		if (r == 0) {
			in->done = 1;
			if (csv_fini(&in->p, cb_field, cb_record, in) != 0)
				push(in, EV_OPENQUOTE, in->rec_line);
			break;
		}
		if (in->in_header && in->lineno == 1 && sep_line(line, n)) {
			if (set_sep(in, line[4]))
				return -1;
			in->lineno++;
			continue;
		}
		if (memchr(line, '\0', n)) {
			push(in, EV_NUL, in->lineno);
			parser_init(in);
		} else if (in->at_start && blankline(line, n)) {
			push(in, EV_BLANK, in->lineno);
		} else {
			k = csv_parse(&in->p, line, n, cb_field, cb_record, in);
			if (k < n) {
				push(in, EV_BADQUOTE, in->rec_line);
				parser_init(in);
			}
			/* libcsv's own word on whether a record is under way
			 * (pstate 0 is its ROW_NOT_BEGUN) */
			in->at_start = in->p.pstate == 0;
		}
		in->lineno += line[n - 1] == '\n';
	}
	return 0;
}

/* ---- files ----------------------------------------------------------- */

static void
closefile(struct su_in *in)
{
	progress_erase(in);
	in->prog = 0;
	if (in->fd > 0)
		close(in->fd);
	in->fd = -1;
	if (in->cd != (iconv_t)-1)
		iconv_close(in->cd);
	in->cd = (iconv_t)-1;
}

static int
openfile(struct su_in *in, const char *path)
{
	unsigned char bom[4];
	size_t have = 0, got, skip = 0;
	const char *from = in->o->encoding;

	if (strcmp(path, "-") == 0) {
		in->fd = 0;
		in->fname = "(standard input)";
	} else {
		in->fname = path;
		in->fd = open(path, O_RDONLY);
		if (in->fd < 0) {
			su_msg(path, 0, "%s", strerror(errno));
			return -1;
		}
	}
	progress_start(in);
	in->pos = in->len = in->rawlen = in->rstart = 0;
	in->eof = in->done = 0;
	in->lineno = 1;
	in->in_header = 1;
	in->blank = in->footer_count = in->footer_line = 0;
	in->footer = 0;
	in->file_rows = 0;
	in->nq = in->qi = in->nf = in->cur_f0 = in->fldlen = 0;
	do {
		if (readsome(in, (char *)bom + have, sizeof bom - have, &got))
			return -1;
		have += got;
	} while (got && have < sizeof bom);
	in->delim = in->o->delim >= 0 ? in->o->delim : in->o->tsv ? '\t' : ',';
	in->quote = in->o->tsv ? 0 : '"';
	if (have >= 3 && bom[0] == 0xEF && bom[1] == 0xBB && bom[2] == 0xBF) {
		skip = 3;
	} else if (have >= 2 && ((bom[0] == 0xFF && bom[1] == 0xFE) ||
	    (bom[0] == 0xFE && bom[1] == 0xFF))) {
		/* Excel's "Unicode text": UTF-16, tab-separated */
		from = bom[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
		skip = 2;
		if (in->o->delim < 0)
			in->delim = '\t';
	}
	in->encname = from;
	if (from) {
		in->cd = iconv_open("UTF-8", from);
		if (in->cd == (iconv_t)-1) {
			su_msg(NULL, 0, "--encoding %s: not an encoding iconv "
			    "knows (see iconv -l)", from);
			return -1;
		}
		grow(&in->raw, &in->rawcap, 65536);
		memcpy(in->raw, bom + skip, have - skip);
		in->rawlen = have - skip;
	} else {
		memcpy(in->buf, bom + skip, have - skip);
		in->len = have - skip;
	}
	parser_init(in);
	return 0;
}

struct su_in *
su_in_new(const struct su_opts *o, int nfiles, char **files)
{
	static char *dash[] = {"-"};
	struct su_in *in = su_xmalloc(sizeof *in);

	memset(in, 0, sizeof *in);
	in->o = o;
	in->files = nfiles ? files : dash;
	in->nfiles = nfiles ? nfiles : 1;
	in->fd = -1;
	in->cd = (iconv_t)-1;
	in->cap = 256 * 1024;
	in->buf = su_xmalloc(in->cap);
	return in;
}

/* ---- rules ----------------------------------------------------------- */

static void
mkrec(struct su_in *in, const struct event *e, struct su_rec *rec)
{
	size_t i;

	rec->file = in->fname;
	rec->line = e->line;
	rec->raw = in->buf + e->rawoff;
	rec->rawlen = e->rawlen;
	if (e->scanned) {
		rec->n = in->sc.n;
		rec->f = in->sc.f;
		rec->len = in->sc.len;
		return;
	}
	if (e->nf > in->fpcap) {
		in->fpcap = e->nf * 2;
		in->fptr = su_xrealloc(in->fptr, in->fpcap * sizeof *in->fptr);
	}
	for (i = 0; i < e->nf; i++)
		in->fptr[i] = in->fld + in->foff[e->f0 + i];
	rec->n = e->nf;
	rec->f = in->fptr;
	/* (no field yet: flen may be NULL, and NULL + 0 is undefined) */
	rec->len = e->nf ? in->flen + e->f0 : NULL;
}

static void
keep_header(struct su_in *in, const struct su_rec *r)
{
	size_t i, size = 0, off = 0;
	char **f;
	size_t *len;

	for (i = 0; i < r->n; i++)
		size += r->len[i] + 1;
	in->hdrbuf = su_xmalloc(size);
	f = su_xmalloc((r->n + 1) * sizeof *f);
	len = su_xmalloc((r->n + 1) * sizeof *len);
	for (i = 0; i < r->n; i++) {
		f[i] = memcpy(in->hdrbuf + off, r->f[i], r->len[i] + 1);
		len[i] = r->len[i];
		off += r->len[i] + 1;
	}
	in->hdr = *r;
	in->hdr.f = (const char **)f;
	in->hdr.len = len;
	in->hdr.raw = NULL;
	in->hdr.rawlen = 0;
	in->hdrfile = su_xstrdup(in->fname);
	in->hdr.file = in->hdrfile;
}

static int
same_header(struct su_in *in, const struct su_rec *r)
{
	size_t i;

	if (r->n != in->hdr.n) {
		su_msg(r->file, 1, "header has %zu fields, but %s's has %zu; "
		    "files read together must have the same header", r->n,
		    in->hdrfile, in->hdr.n);
		return -1;
	}
	for (i = 0; i < r->n; i++)
		if (strcmp(r->f[i], in->hdr.f[i]) != 0) {
			su_msg(r->file, 1, "column %zu is \"%s\", but in %s "
			    "it is \"%s\"; files read together must have "
			    "the same header", i + 1, r->f[i], in->hdrfile,
			    in->hdr.f[i]);
			return -1;
		}
	return 0;
}

/*
 * The N of "Grand Totals (N records)": a report exported in another locale
 * groups it, "1,500", "1.500", "1 500" (a space, or U+00A0 or U+202F), or
 * "1'500".  Groups of three after the first; -1 if it is not such a number.
 */
static long
footer_count(const char *s, char **end)
{
	long n = 0;
	int digits = 0, group = 0, grouped = 0;
	size_t k;

	for (;;) {
		if (*s >= '0' && *s <= '9') {
			if (n > (LONG_MAX - 9) / 10)
				return -1;
			n = n * 10 + (*s++ - '0');
			digits++, group++;
			continue;
		}
		if (*s == ',' || *s == '.' || *s == '\'' || *s == ' ')
			k = 1;
		else if ((unsigned char)s[0] == 0xC2 &&
		    (unsigned char)s[1] == 0xA0)
			k = 2;
		else if ((unsigned char)s[0] == 0xE2 &&
		    (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0xAF)
			k = 3;
		else
			break;
		/* a space before "records" ends the number */
		if (s[k] < '0' || s[k] > '9')
			break;
		if (group == 0 || (grouped ? group != 3 : group > 3))
			return -1;
		grouped = 1, group = 0;
		s += k;
	}
	if (digits == 0 || (grouped && group != 3))
		return -1;
	*end = (char *)s;
	return n;
}

/* A row of a Salesforce report footer: "Grand Totals (N records)",
 * "Confidential Information - Do Not Distribute", "Copyright (c) ...".
 * 1 a footer row, 0 not, -1 a count that cannot be read (said). */
static int
footer_line(struct su_in *in, const struct su_rec *r)
{
	static const char *const starts[] = {
		"Grand Totals", "Confidential Information", "Copyright (c)",
		"Copyright \xC2\xA9", "Generated By", "Filtered By",
	};
	const char *s = r->f[0];
	size_t i;
	char *end;
	long n;

	/* a short row: one field, or a totals row with a few subtotals;
	 * never a row as wide as the header, which is data */
	if (r->n >= in->hdr.n)
		return 0;
	for (i = 0; i < sizeof starts / sizeof starts[0]; i++)
		if (strncmp(s, starts[i], strlen(starts[i])) == 0)
			break;
	if (i == sizeof starts / sizeof starts[0])
		return 0;
	if (i == 0 && (s = strchr(s, '(')) != NULL) {
		if ((n = footer_count(s + 1, &end)) >= 0 &&
		    strncmp(end, " record", 7) == 0) {
			in->footer_count = n;
			in->footer_line = r->line;
		} else if (strstr(s, "record")) {
			/* a count we cannot read would leave a truncated
			 * export unchecked */
			progress_erase(in);
			su_msg(r->file, r->line, "the report footer's record "
			    "count cannot be read: \"%.60s\"", r->f[0]);
			return -1;
		}
	}
	return 1;
}

/* a line by itself: blank, or one empty quoted field */
static int
blankrec(const struct su_in *in, const struct su_rec *r)
{
	return r->n == 1 && r->len[0] == 0 && in->hdr.n > 1;
}

/* the event at the head of the queue: 1 a data record in *rec, 2 the
 * first header (kept), 0 nothing for the caller, -1 error */
static int
judge(struct su_in *in, const struct event *e, struct su_rec *rec)
{
	int ft;

	mkrec(in, e, rec);
	if (in->in_header && e->kind != EV_RECORD && e->kind != EV_BLANK) {
		su_msg(rec->file, rec->line, "the header line is not valid "
		    "CSV (%s)", e->kind == EV_NUL ? "a NUL byte" :
		    "malformed quoting");
		return -1;
	}
	switch (e->kind) {
	case EV_NUL:
		in->nread++, in->file_rows++;
		return su_in_reject(in, rec, "NUL byte in the input (not a "
		    "text file?)") == SU_STOP ? -1 : 0;
	case EV_BADQUOTE:
		in->nread++, in->file_rows++;
		return su_in_reject(in, rec, "malformed quoting: a quote "
		    "inside an unquoted field, or text after a closing "
		    "quote") == SU_STOP ? -1 : 0;
	case EV_OPENQUOTE:
		in->nread++, in->file_rows++;
		return su_in_reject(in, rec, "a quoted field opened here is "
		    "never closed") == SU_STOP ? -1 : 0;
	case EV_BLANK:
		if (!in->footer && !in->blank)
			in->blank = e->line;
		return 0;
	case EV_RECORD:
		break;
	}
	if (in->in_header) {
		in->in_header = 0;
		if (!in->hdr.f) {
			keep_header(in, rec);
			return 2;
		}
		return same_header(in, rec) == SU_STOP ? -1 : 0;
	}
	if (blankrec(in, rec)) {
		if (!in->footer && !in->blank)
			in->blank = e->line;
		return 0;
	}
	if ((ft = footer_line(in, rec)) < 0)
		return -1;
	if (ft) {
		in->footer = 1;
		in->blank = 0;
		return 0;
	}
	if (in->blank) {
		/* a blank line that does not open a report footer */
		struct su_rec b = *rec;
		long line = in->blank;

		in->blank = 0;
		b.n = 0;
		b.line = line;
		b.rawlen = 0;
		in->nread++, in->file_rows++;
		if (su_in_reject(in, &b, "blank line (expected %zu fields)",
		    in->hdr.n) == SU_STOP)
			return -1;
	}
	in->nread++, in->file_rows++;
	if (in->footer)
		return su_in_reject(in, rec, "a row after the report footer")
		    == SU_STOP ? -1 : 0;
	if (rec->n != in->hdr.n)
		return su_in_reject(in, rec, "expected %zu fields, found %zu",
		    in->hdr.n, rec->n) == SU_STOP ? -1 : 0;
	return 1;
}

/* the file is read to its end: what is left to judge */
static int
endfile(struct su_in *in)
{
	struct su_rec b;

	progress_erase(in);
	if (in->in_header) {
		su_msg(in->fname, 0, "empty input (no header line)");
		return -1;
	}
	if (in->blank) {
		memset(&b, 0, sizeof b);
		b.file = in->fname;
		b.line = in->blank;
		b.raw = "";
		in->blank = 0;
		in->nread++, in->file_rows++;
		if (su_in_reject(in, &b, "blank line (expected %zu fields)",
		    in->hdr.n) == SU_STOP)
			return -1;
	}
	if (in->footer_line && in->footer_count != in->file_rows) {
		su_msg(in->fname, in->footer_line, "the report footer says %ld "
		    "record%s, but %ld %s read", in->footer_count,
		    in->footer_count == 1 ? "" : "s", in->file_rows,
		    in->file_rows == 1 ? "was" : "were");
		return -1;
	}
	closefile(in);
	return 0;
}

static int
next_event(struct su_in *in, struct su_rec *rec)
{
	int r;

	for (;;) {
		if (in->fd < 0) {
			if (in->fi == in->nfiles)
				return 0;
			if (openfile(in, in->files[in->fi++]))
				return -1;
		}
		if (feed(in))
			return -1;
		if (in->qi == in->nq) {
			if (endfile(in))
				return -1;
			continue;
		}
		r = judge(in, &in->q[in->qi++], rec);
		if (r)
			return r;
	}
}

int
su_in_header(struct su_in *in, struct su_rec *hdr)
{
	struct su_rec rec;
	int r;

	while (!in->hdr.f) {
		if (in->failed)
			return -1;
		r = next_event(in, &rec);
		if (r <= 0) {
			in->failed = 1;
			return -1;
		}
	}
	*hdr = in->hdr;
	return 1;
}

/*
 * The common record the short way: the scanner sure of it, as wide as the
 * header, no blank line or report footer before it; what judge would make
 * of it is then known.  1 a data record in *rec; 0 not this way (its
 * event, if the scanner read it, queued for judge); -1 a read error.
 */
static int
fast_next(struct su_in *in, struct su_rec *rec)
{
	int r;

	/* what feed does at a record's start */
	in->nq = in->qi = 0;
	in->nf = in->cur_f0 = in->fldlen = 0;
	in->rstart = in->pos;
	in->rec_line = in->lineno;
	if ((r = scan_next(in)) <= 0)
		return r;
	if (in->sc.n != in->hdr.n || in->blank || in->footer)
		return 0;
	mkrec(in, &in->q[in->qi++], rec);
	in->nread++, in->file_rows++;
	return 1;
}

int
su_in_next(struct su_in *in, struct su_rec *rec)
{
	int r;

	if (in->scan_ok && !in->failed && in->hdr.f && !in->in_header &&
	    in->fd >= 0 && in->at_start && in->qi == in->nq && !in->done &&
	    (r = fast_next(in, rec)) != 0) {
		if (r < 0)
			in->failed = 1;
		return r;
	}
	if (in->failed || su_in_header(in, rec) < 0)
		return -1;
	r = next_event(in, rec);
	if (r < 0)
		in->failed = 1;
	if (r == 0 && in->nread == 0) {
		su_msg(in->hdrfile, 0, "no data rows, only a header");
		in->failed = 1;
		return -1;
	}
	return r;
}

void
su_in_noscan(struct su_in *in)
{
	in->noscan = 1;
	in->scan_ok = 0;
}

void
su_in_bufsize(struct su_in *in, size_t n)
{
	in->cap = n < 8 ? 8 : n;
	in->buf = su_xrealloc(in->buf, in->cap);
	su_scan_reset(&in->sc);
}

long
su_in_nread(const struct su_in *in)
{
	return in->nread;
}

long
su_in_nskipped(const struct su_in *in)
{
	return in->nskipped;
}

/* said (the first SHOW_SKIPS of each kind), and written to --rejects */
static int
reject(struct su_in *in, const struct su_rec *rec, const char *msg,
       long *count, const char *what)
{
	char lbuf[32];

	if (++*count <= SHOW_SKIPS)
		su_msg(rec->file, rec->line, "%s (%s)", msg, what);
	if (in->o->rejects) {
		static const char *const cols[] = {"file", "line", "reason",
		                                   "record"};
		struct su_cell c[4];

		if (!in->rejects) {
			struct su_opts ro = *in->o;

			ro.format = SU_FMT_CSV;
			ro.output = in->o->rejects;
			ro.excel_safe = 0; /* the records, verbatim */
			if (!(in->rejects = su_out_open(&ro)) ||
			    su_out_header(in->rejects, 4, cols))
				return -1;
		}
		memset(c, 0, sizeof c);
		c[0].type = c[1].type = c[2].type = c[3].type = SU_C_STR;
		c[0].s = rec->file, c[0].len = strlen(rec->file);
		c[1].len = (size_t)snprintf(lbuf, sizeof lbuf, "%ld",
		    rec->line);
		c[1].s = lbuf;
		c[2].s = msg, c[2].len = strlen(msg);
		c[3].s = rec->raw, c[3].len = rec->rawlen;
		if (su_out_row(in->rejects, c))
			return -1;
	}
	return 0;
}

static enum su_result
vreject(struct su_in *in, const struct su_rec *rec, int flag,
        const char *fmt, va_list ap)
{
	char msg[1024];

	progress_erase(in);
	vsnprintf(msg, sizeof msg, fmt, ap);
	if (!in->o->skip_invalid) {
		su_msg(rec->file, rec->line, "%s", msg);
		return SU_STOP;
	}
	if (flag ? reject(in, rec, msg, &in->nflagged, "marked invalid") :
	    reject(in, rec, msg, &in->nskipped, "skipped"))
		return SU_STOP;
	return SU_SKIP;
}

enum su_result
su_in_reject(struct su_in *in, const struct su_rec *rec, const char *fmt,
             ...)
{
	va_list ap;
	enum su_result r;

	va_start(ap, fmt);
	r = vreject(in, rec, 0, fmt, ap);
	va_end(ap);
	return r;
}

enum su_result
su_in_flag(struct su_in *in, const struct su_rec *rec, const char *fmt, ...)
{
	va_list ap;
	enum su_result r;

	va_start(ap, fmt);
	r = vreject(in, rec, 1, fmt, ap);
	va_end(ap);
	return r;
}

static void
say_count(const struct su_in *in, long n, const char *what)
{
	const char *see = in->o->rejects ? "; see " : "";
	const char *rej = in->o->rejects ? in->o->rejects : "";

	if (n > SHOW_SKIPS)
		su_msg(NULL, 0, "%ld invalid records %s (%ld not shown)%s%s",
		    n, what, n - SHOW_SKIPS, see, rej);
	else if (n)
		su_msg(NULL, 0, "%ld invalid record%s %s%s%s", n,
		    n == 1 ? "" : "s", what, see, rej);
}

int
su_in_finish(struct su_in *in)
{
	say_count(in, in->nskipped, "skipped");
	say_count(in, in->nflagged, "marked invalid");
	return 0;
}

int
su_in_commit(struct su_in *in)
{
	static const char *const cols[] = {"file", "line", "reason",
	                                   "record"};
	int r = 0;

	if (!in->o->rejects)
		return 0;
	if (!in->rejects) {
		/* none: still leave an empty list, so a cron job can tell */
		struct su_opts ro = *in->o;

		ro.format = SU_FMT_CSV;
		ro.output = in->o->rejects;
		ro.excel_safe = 0;
		if (!(in->rejects = su_out_open(&ro)) ||
		    su_out_header(in->rejects, 4, cols))
			r = -1;
	}
	if (r == 0 && su_out_close(in->rejects) != 0)
		r = -1;
	else if (r != 0)
		su_out_abort(in->rejects);
	in->rejects = NULL;
	in->committed = r == 0;
	return r;
}

void
su_in_rollback(struct su_in *in)
{
	if (in->committed)
		unlink(in->o->rejects);
	in->committed = 0;
}

void
su_in_free(struct su_in *in)
{
	if (!in)
		return;
	if (in->rejects)
		su_out_abort(in->rejects);
	closefile(in);
	if (in->pinit)
		csv_free(&in->p);
	su_scan_free(&in->sc);
	free(in->raw);
	free(in->buf);
	free(in->fld);
	free(in->foff);
	free(in->flen);
	free(in->q);
	free(in->fptr);
	free(in->hdrbuf);
	free((void *)in->hdr.f);
	free((void *)in->hdr.len);
	free((void *)in->hdrfile);
	free(in);
}

const char *
su_seen_at(char *buf, size_t size, const char *file, long line,
           const struct su_rec *r)
{
	if (strcmp(file, r->file) == 0)
		snprintf(buf, size, "line %ld", line);
	else
		snprintf(buf, size, "%s:%ld", file, line);
	return buf;
}

struct su_in *
su_in_side(const struct su_opts *o, struct su_opts *side, char **file,
           struct su_rec *hdr)
{
	struct su_in *in;

	*side = *o;
	side->tsv = 0;
	side->delim = -1;
	side->skip_invalid = 0;
	side->rejects = NULL;
	side->nover = 0;
	in = su_in_new(side, 1, file);
	if (su_in_header(in, hdr) < 0) {
		su_in_free(in);
		return NULL;
	}
	return in;
}
