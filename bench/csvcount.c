/*
 * csvcount - the benchmark's baseline: the least a libcsv program can do,
 * read blocks, parse, count records and fields.  Same parser options as
 * salesutils' reader (strict, NUL-terminated fields), no line tracking, no
 * values.  Prints "RECORDS FIELDS".
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

struct counts {
	unsigned long records, fields;
};

static void
field(void *s, size_t len, void *data)
{
	(void)s, (void)len;
	((struct counts *)data)->fields++;
}

static void
record(int c, void *data)
{
	(void)c;
	((struct counts *)data)->records++;
}

int
main(void)
{
	static char buf[1 << 20];
	struct csv_parser p;
	struct counts n = {0, 0};
	ssize_t got;
	size_t skip = 3; /* the UTF-8 byte-order mark every export has */

	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0)
		return 2;
	while ((got = read(0, buf, sizeof buf)) > 0) {
		if (skip && got >= 3 && (unsigned char)buf[0] == 0xEF)
			memmove(buf, buf + 3, (size_t)(got -= 3));
		skip = 0;
		if (csv_parse(&p, buf, (size_t)got, field, record, &n) !=
		    (size_t)got) {
			fprintf(stderr, "csvcount: %s\n",
			    csv_strerror(csv_error(&p)));
			return 2;
		}
	}
	if (got < 0 || csv_fini(&p, field, record, &n) != 0)
		return 2;
	csv_free(&p);
	printf("%lu %lu\n", n.records, n.fields);
	return 0;
}
