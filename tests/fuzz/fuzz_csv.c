/*
 * fuzz_csv - libFuzzer harness for the CSV/TSV reader (lib/csvin.c).
 * The first byte picks the dialect (CSV, TSV, ';', --skip-invalid); the
 * rest is the file.  Properties checked, beyond not crashing:
 *  - every record has as many fields as the header;
 *  - a record's line is within the input (1 .. lines + 1), and rises;
 *  - on input with no quote, CR, NUL or BOM, the records are exactly the
 *    lines split at the delimiter (a naive reference reader).
 */
#define _GNU_SOURCE
#include "su.h"
#include "fuzzfile.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc, (void)argv;
	fuzz_init("fuzz_csv");
	return 0;
}

/* the naive reader's field k of line `line` (0-based), or NULL */
static const char *
naive(const char *s, size_t n, char delim, long line, size_t k, size_t *len)
{
	const char *e = s + n, *p = s, *nl;
	size_t i;

	for (; line > 0 && p < e; line--) {
		nl = memchr(p, '\n', (size_t)(e - p));
		p = nl ? nl + 1 : e;
	}
	nl = memchr(p, '\n', (size_t)(e - p));
	if (!nl)
		nl = e;
	for (i = 0; i < k; i++) {
		const char *d = memchr(p, delim, (size_t)(nl - p));

		if (!d)
			return NULL;
		p = d + 1;
	}
	{
		const char *d = memchr(p, delim, (size_t)(nl - p));

		*len = (size_t)((d ? d : nl) - p);
	}
	return p;
}

int
LLVMFuzzerTestOneInput(const unsigned char *data, size_t size)
{
	struct su_opts o;
	struct su_in *in;
	struct su_rec hdr, r;
	const char *body;
	size_t n, i, hn;
	long lines = 1, last = 0;
	int simple, k;
	char delim;
	char *files[1];

	if (size < 1)
		return 0;
	su_opts_init(&o);
	o.tsv = data[0] & 1;
	o.delim = data[0] & 2 ? ';' : -1;
	o.skip_invalid = (data[0] & 4) != 0;
	delim = o.delim > 0 ? (char)o.delim : o.tsv ? '\t' : ',';
	body = (const char *)data + 1;
	n = size - 1;
	files[0] = (char *)fuzz_file((const unsigned char *)body, n);
	for (i = 0; i < n; i++)
		lines += body[i] == '\n';
	simple = !memchr(body, '"', n) && !memchr(body, '\r', n) &&
	    !memchr(body, '\0', n) && !(n >= 2 && ((unsigned char)body[0] ==
	    0xFF || (unsigned char)body[0] == 0xFE || (unsigned char)body[0]
	    == 0xEF)) && !(n >= 4 && strncasecmp(body, "sep=", 4) == 0);
	in = su_in_new(&o, 1, files);
	if (su_in_header(in, &hdr) < 0) {
		su_in_free(in);
		return 0;
	}
	hn = hdr.n;
	while ((k = su_in_next(in, &r)) > 0) {
		if (r.n != hn)
			abort(); /* a record of another width got through */
		if (r.line < 1 || r.line > lines || r.line < last)
			abort(); /* a line outside the input, or going back */
		last = r.line;
		for (i = 0; simple && !o.skip_invalid && i < r.n; i++) {
			size_t len;
			const char *f = naive(body, n, delim, r.line - 1, i,
			    &len);

			if (!f || len != r.len[i] || memcmp(f, r.f[i], len))
				abort(); /* differs from the naive reader */
		}
	}
	su_in_free(in);
	return 0;
}
