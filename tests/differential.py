#!/usr/bin/env python3
"""Differential test of the salesutils reader (and writer): random CSV and
TSV files, seeded, read by tests/unit/csvdump -a (our reader, then our CSV
writer) and by python's csv module; python's reading of our output must
equal python's reading of the input.  Each file is read twice, through
the fast scanner (lib/scan.c) and, with csvdump -S, through libcsv alone:
output, messages and exit status must be the same byte for byte.  One
case in ten is broken on purpose (a stray quote, a bare CR, a NUL, a
quote left open): there only the two readings are compared.  One in fifty
has thousands of rows, so records straddle the reader's buffer.
Usage: differential.py BINDIR [N]
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


def case(rng, tsv, big):
    ncol = rng.randint(1, 6)
    nrow = rng.randint(2000, 6000) if big else rng.randint(1, 8)
    rows = []
    while len(rows) < nrow + 1:
        r = [field(rng, tsv) for _ in range(ncol)]
        # a record of one empty field is a blank line: not a CSV record
        if ncol == 1 and r[0] == "":
            r[0] = "v"
        rows.append(r)
    return rows


def breakit(rng, text):
    """the text with a flaw libcsv must judge, somewhere after the header"""
    start = text.find("\n") + 1
    at = rng.randint(start, len(text)) if start else len(text)
    flaw = rng.choice(['"', 'x"y', '"a"b', "\r", "\0", '\n"open'])
    return text[:at] + flaw + text[at:]


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
            broken = i % 10 == 7
            rows = case(rng, tsv, i % 50 == 21)
            text = render_tsv(rows, rng) if tsv else render_csv(rows, rng)
            if broken:
                text = breakit(rng, text)
            with open(path, "w", encoding="utf-8", newline="") as f:
                f.write(text)
            args = [os.path.join(bindir, "csvdump"), "-a", "-f", "csv"]
            if tsv:
                args.append("-t")
            if broken and rng.random() < 0.5:
                args.append("--skip-invalid")
            p = subprocess.run(args + [path], capture_output=True)
            slow = subprocess.run(args + ["-S", path], capture_output=True)
            same = (p.returncode, p.stdout, p.stderr) == (
                slow.returncode, slow.stdout, slow.stderr)
            if broken or not same:
                if same:
                    passed += 1
                    continue
                failed += 1
                if shown < 3:
                    shown += 1
                    print("case %d (%s): input %r" % (i, "tsv" if tsv else
                          "csv", text[:300]))
                    print("  scanner: exit %d %r %r" % (p.returncode,
                          p.stdout[:200], p.stderr[:200]))
                    print("  libcsv:  exit %d %r %r" % (slow.returncode,
                          slow.stdout[:200], slow.stderr[:200]))
                continue
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
