#!/usr/bin/env python3
"""tests/dashboard/charts.py PAGE [--tips]: a dashboard page read back as
text, through an XML parser (so it also proves the page well-formed): per
chart "# TITLE", then each bar as "LABEL<tab>NUMBERS", the target line as
"target<tab>LABEL"; a KPI tile as "NAME<tab>VALUE<tab>TARGET<tab>STATUS";
with --tips, each bar segment's tooltip under its bar."""
import sys
import xml.etree.ElementTree as ET

X = "{http://www.w3.org/1999/xhtml}"
S = "{http://www.w3.org/2000/svg}"
tips = "--tips" in sys.argv
root = ET.parse([a for a in sys.argv[1:] if a != "--tips"][0]).getroot()
out = []
for sec in root.iter(X + "section"):
    h2 = sec.find(X + "h2")
    svg = sec.find(S + "svg")
    out.append("# " + h2.text)
    assert svg.find(S + "title").text == h2.text, "svg title differs"
    label, segs = None, []
    for el in svg:
        if el.tag == S + "g":
            label = el.find(S + "title").text
            segs = []
        elif el.tag == S + "rect" and el.find(S + "title") is not None:
            segs.append(el.find(S + "title").text)
        elif el.tag == S + "text" and el.get("class") == "value":
            out.append(f"{label}\t{el.text or ''}")
            if tips:
                for t in segs:
                    out.append(f"\t{t}")
        elif el.tag == S + "text" and el.get("class") == "detail":
            out[-1] += "\t" + el.text
        elif el.tag == S + "text" and el.get("class") == "target":
            out.append(f"target\t{el.text}")
for line in out:
    print(line)
