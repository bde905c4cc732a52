#!/usr/bin/python3
"""sheet2csv.py WORKBOOK [SHEET] - a workbook's sheet (the active one, or the
one named) as CSV on standard output, each cell as the sheet shows its
meaning rather than as it is stored: salesutils' way in for .xlsx files
(salesutils(7), SPREADSHEETS), with Debian's python3-openpyxl.

  number (currency or not)  its decimal, as stored: 85000, 90000.01, -250.25
  percentage (a % format)   the percentage with its sign: 0.5 -> 50%
  date, date and time       ISO 8601: 2026-06-15, 2026-06-15 09:30
  text, formula             the text; a formula's last computed value
  empty                     empty

No number goes through binary floating point on the way out: the shortest
decimal that reads back as the stored double is written, as Excel shows it.
"""
import csv
import datetime
import sys
import zipfile
from decimal import Decimal

try:
    import openpyxl
except ImportError:
    sys.exit("sheet2csv.py: needs python3-openpyxl (apt-get install python3-openpyxl)")


def cell_text(c):
    v = c.value
    if v is None:
        return ""
    if isinstance(v, bool):
        return "TRUE" if v else "FALSE"
    if isinstance(v, datetime.datetime):
        if v.time() == datetime.time(0):
            return v.date().isoformat()
        return v.strftime("%Y-%m-%d %H:%M")
    if isinstance(v, datetime.date):
        return v.isoformat()
    if isinstance(v, (int, float)):
        d = Decimal(repr(v)) if isinstance(v, float) else Decimal(v)
        if "%" in (c.number_format or ""):
            return _plain(d * 100) + "%"
        return _plain(d)
    return str(v)


def _plain(d):
    """a Decimal as plain digits, no exponent, no trailing zeros"""
    s = format(d.normalize(), "f")
    return "0" if s in ("-0", "") else s


def main(argv):
    if len(argv) not in (2, 3):
        sys.exit("usage: sheet2csv.py WORKBOOK [SHEET]")
    try:
        wb = openpyxl.load_workbook(argv[1], data_only=True, read_only=True)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile,
            openpyxl.utils.exceptions.InvalidFileException) as e:
        sys.exit("sheet2csv.py: %s: %s" % (argv[1], e))
    if len(argv) == 3 and argv[2] not in wb.sheetnames:
        sys.exit("sheet2csv.py: %s: no sheet \"%s\" (sheets: %s)"
                 % (argv[1], argv[2], ", ".join(wb.sheetnames)))
    ws = wb[argv[2]] if len(argv) == 3 else wb.active
    out = csv.writer(sys.stdout, lineterminator="\n")
    for row in ws.iter_rows():
        out.writerow([cell_text(c) for c in row])


if __name__ == "__main__":
    try:
        main(sys.argv)
    except BrokenPipeError:
        sys.exit(0)
