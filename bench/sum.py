#!/usr/bin/env python3
"""The benchmark's python3 contender: the same group-by sum as
`forecast -g owner`, with the csv module.  Amounts such as "$1,234.50" are
read exactly (Decimal); an empty amount counts as 0; the report footer
(rows shorter than the header) is skipped.  Prints "OWNER<TAB>SUM" lines and
a last "TOTAL<TAB>SUM"."""
import csv
import sys
from decimal import Decimal

with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
    r = csv.reader(f)
    hdr = next(r)
    io, ia = hdr.index("Opportunity Owner"), hdr.index("Amount")
    sums = {}
    for row in r:
        if len(row) != len(hdr):
            continue
        a = row[ia].replace("$", "").replace(",", "")
        sums[row[io]] = sums.get(row[io], Decimal(0)) + (Decimal(a) if a else 0)
for k in sorted(sums):
    print("{}\t{:.2f}".format(k, sums[k]))
print("TOTAL\t{:.2f}".format(sum(sums.values())))
