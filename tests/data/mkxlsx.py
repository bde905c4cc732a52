#!/usr/bin/python3
"""tests/data/mkxlsx.py CSV XLSX [money=COL,...] [dates=COL,...] [pct=COL,...]: the
CSV as a workbook whose cells are what a finance sheet holds: amounts as
numbers formatted as currency, dates as date cells (serials) formatted
m/d/yyyy, percentages as fractions formatted 0%."""
import csv, datetime, sys
import openpyxl

src, dst = sys.argv[1], sys.argv[2]
kind = {}
for a in sys.argv[3:]:
    k, cols = a.split("=", 1)
    for c in cols.split(","):
        kind[c] = k
rows = list(csv.reader(open(src, newline="")))
wb = openpyxl.Workbook()
ws = wb.active
ws.append(rows[0])
fmt = {"money": '"$"#,##0.00', "dates": "m/d/yyyy",
       "pct": "0%"}
for r in rows[1:]:
    out = []
    for h, v in zip(rows[0], r):
        k = kind.get(h)
        if v == "":
            v = None
        elif k == "money":
            neg = v.startswith("(") or v.startswith("-")
            v = float(v.strip("()-$").replace(",", "")) * (-1 if neg else 1)
        elif k == "dates":
            m, d, y = map(int, v.split("/"))
            v = datetime.date(y, m, d)
        elif k == "pct":
            v = float(v.rstrip("%")) / 100
        elif v.isdigit():
            v = int(v)
        out.append(v)
    ws.append(out)
for row in ws.iter_rows(min_row=2):
    for c in row:
        k = kind.get(rows[0][c.column - 1])
        if k:
            c.number_format = fmt[k]
wb.save(dst)
