#!/usr/bin/env python3
"""tests/dashboard/png.py SHOT.png COLOUR...: what a screenshot shows,
without an imaging library: "WIDTH HEIGHT LAST INK" (LAST: the last row
with a pixel that is not white, 1-based, 0 for a blank image; INK: the
share of such pixels, per thousand), then each #rrggbb given with the
number of pixels of exactly that colour.  PNG, 8 bits, RGB or RGBA, not
interlaced (what Chromium writes)."""
import struct
import sys
import zlib

data = open(sys.argv[1], "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat = 8, b""
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype, _, _, lace = struct.unpack(">IIBBBBB", body)
        assert depth == 8 and ctype in (2, 6) and lace == 0, "unsupported PNG"
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
bpp = 3 if ctype == 2 else 4
raw = zlib.decompress(idat)
stride = w * bpp
prev = bytearray(stride)
want = {c: 0 for c in sys.argv[2:]}
last = ink = 0
for y in range(h):
    f = raw[y * (stride + 1)]
    line = bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b = prev[i]
        c = prev[i - bpp] if i >= bpp else 0
        if f == 1:
            line[i] = (line[i] + a) & 255
        elif f == 2:
            line[i] = (line[i] + b) & 255
        elif f == 3:
            line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            p = a + b - c
            pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
            pr = a if pa <= pb and pa <= pc else b if pb <= pc else c
            line[i] = (line[i] + pr) & 255
    prev = line
    row_ink = 0
    for x in range(0, stride, bpp):
        px = line[x:x + 3]
        if px != b"\xff\xff\xff":
            row_ink += 1
            if want:
                k = "#%02x%02x%02x" % tuple(px)
                if k in want:
                    want[k] += 1
    if row_ink:
        last = y + 1
        ink += row_ink
print(w, h, last, ink * 1000 // (w * h))
for k, v in want.items():
    print(k, v)
