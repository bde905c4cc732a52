# the header names of a CSV/TSV file, one a line (for -g and -c): a UTF-8
# byte-order mark and Excel's "sep=;" line dropped, quotes as RFC 4180
# writes them; d is the delimiter ("" for a sep= line's, else ",").
# lib/mkcompletions.sh puts it in each shell's completion.
NR == 1 { sub(/^\357\273\277/, "") }
NR == 1 && /^sep=.\r?$/ { if (d == "") d = substr($0, 5, 1); next }
{
	sub(/\r$/, "")
	if (d == "") d = ","
	n = length($0); f = ""; q = 0
	for (i = 1; i <= n; i++) {
		c = substr($0, i, 1)
		if (q && c == "\"" && substr($0, i + 1, 1) == "\"") {
			f = f c; i++
		} else if (c == "\"" && d != "\t") {
			q = !q
		} else if (!q && c == d) {
			print f; f = ""
		} else
			f = f c
	}
	print f
	exit
}
