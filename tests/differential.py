#!/usr/bin/env python3
"""Differential test of the salesutils reader (and writer): random CSV and
TSV files, seeded, read by tests/unit/csvdump -a (our reader, then our CSV
writer) and by python's csv module; python's reading of our output must
equal python's reading of the input.  Usage: differential.py BINDIR [N]
Prints "differential: N passed, N failed" and the first failures."""
import csv
import io
import os
import random
import subprocess
import sys
import tempfile

ALPHABET = ["a", "b", "Z", "0", "9", " ", ",", '"', "\n", "\r\n", "\r", ";",
            "\t", "é", "€", "x" * 50]


def field(rng, tsv):
    if rng.random() < 0.15:
        return ""
    if rng.random() < 0.02:
        return "L" * rng.randint(1000, 20000)  # a long field
    parts = [rng.choice(ALPHABET) for _ in range(rng.randint(1, 8))]
    s = "".join(parts)
    if tsv:
        s = s.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return s


def render_csv(rows, rng):
    eol = rng.choice(["\n", "\r\n"])
    out = []
    for r in rows:
        cells = []
        for v in r:
            need = any(c in v for c in ',"\r\n') or v == ""
            if need or rng.random() < 0.3:
                cells.append('"' + v.replace('"', '""') + '"')
            else:
                cells.append(v)
        out.append(",".join(cells))
    text = eol.join(out)
    if rng.random() < 0.8:
        text += eol  # a last line end, or not
    return text


def render_tsv(rows, rng):
    text = "\n".join("\t".join(r) for r in rows)
    return text + ("\n" if rng.random() < 0.8 else "")


def case(rng, tsv):
    ncol = rng.randint(1, 6)
    nrow = rng.randint(1, 8)
    rows = []
    while len(rows) < nrow + 1:
        r = [field(rng, tsv) for _ in range(ncol)]
        # a record of one empty field is a blank line: not a CSV record
        if ncol == 1 and r[0] == "":
            r[0] = "v"
        rows.append(r)
    return rows


def main():
    bindir = sys.argv[1]
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 2000
    rng = random.Random(20261122)
    passed = failed = 0
    shown = 0
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, "in.csv")
        for i in range(n):
            tsv = i % 5 == 4
            rows = case(rng, tsv)
            text = render_tsv(rows, rng) if tsv else render_csv(rows, rng)
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            args = [os.path.join(bindir, "csvdump"), "-a", "-f", "csv"]
            if tsv:
                args.append("-t")
            p = subprocess.run(args + [path], capture_output=True)
            if tsv:
                want = list(csv.reader(io.StringIO(text, newline=""),
                                       delimiter="\t",
                                       quoting=csv.QUOTE_NONE))
            else:
                want = list(csv.reader(io.StringIO(text, newline="")))
            got = None
            if p.returncode == 0:
                got = list(csv.reader(io.StringIO(
                    p.stdout.decode("utf-8"), newline="")))[1:]
            if got == want:
                passed += 1
            else:
                failed += 1
                if shown < 3:
                    shown += 1
                    print("case %d (%s): input %r" % (i, "tsv" if tsv else
                          "csv", text[:300]))
                    print("  python: %r" % (want[:3],))
                    print("  ours:   %r (exit %d: %s)" % (
                        got and got[:3], p.returncode,
                        p.stderr.decode()[:200]))
    print("differential: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
