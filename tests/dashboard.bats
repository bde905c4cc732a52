#!/usr/bin/env bats
# dashboard (issue 16): the programs' -f json output in, one self-contained
# HTML page with inline SVG out.  The page is read back through an XML
# parser (tests/dashboard/charts.py), so every test also proves it
# well-formed, and every number it shows is compared with the JSON.

bats_require_minimum_version 1.5.0
load helper

CHARTS="$BATS_TEST_DIRNAME/dashboard/charts.py"
dashboard() { "$BIN/dashboard" "$@"; }
charts() { python3 "$CHARTS" "$@"; }

# the JSON of a program run on the shipped examples
json() { # json PROG ARGS...: its -f json output, in the test's directory
	local p=$1 f r=0
	f=$(mktemp "$BATS_TEST_TMPDIR/$1.XXXXXX")
	shift
	(cd "$EXAMPLES" && "$BIN/$p" -f json "$@") >"$f" 2>/dev/null || r=$?
	[ "$r" -le 1 ] || fail "$p $*: exit $r"
	printf '%s' "$f"
}

# ---- the page ------------------------------------------------------------

@test "the page: well-formed XHTML (xmllint), one section a chart, its title in the SVG, nothing loaded from elsewhere" {
	f=$(json forecast --target 750000 seed000-q2.csv)
	run --separate-stderr dashboard "$f"
	assert_success
	[ -z "$stderr" ] || fail "stderr: $stderr"
	printf '%s\n' "$output" >"$BATS_TEST_TMPDIR/p.html"
	run xmllint --noout "$BATS_TEST_TMPDIR/p.html"
	assert_success
	run xmllint --html --noout "$BATS_TEST_TMPDIR/p.html"
	assert_success
	p=$BATS_TEST_TMPDIR/p.html
	# self-contained: no script, no link, no src, no url(); the only
	# addresses are the two namespaces
	# (url(#h1) is the page's own hatch)
	run grep -Eoi '<script|<link|<img|<iframe|src=|href=|url\([^#]|@import|https?://[^"]*' "$p"
	assert_output "http://www.w3.org/1999/xhtml
http://www.w3.org/2000/svg"
	run grep -c '<section class="chart">' "$p"
	assert_output 1
	head -n 1 "$p" | grep -qx '<!DOCTYPE html>'
	grep -q '<meta charset="utf-8"/>' "$p"
	grep -q '<title>Sales dashboard</title>' "$p"
	# printable on A4 and Letter: charts are never split across pages
	grep -q 'break-inside:avoid' "$p"
}

@test "--title, --as-of and --currency; the same input gives the same page, byte for byte" {
	f=$(json forecast --target 750000 seed000-q2.csv)
	dashboard --title 'Q2 <review> & "pipeline"' --as-of 2026-06-05 --currency EUR "$f" >"$BATS_TEST_TMPDIR/a.html"
	grep -q '<title>Q2 &lt;review&gt; &amp; &quot;pipeline&quot;</title>' "$BATS_TEST_TMPDIR/a.html"
	grep -q '<p class="meta">as of 2026-06-05</p>' "$BATS_TEST_TMPDIR/a.html"
	# another currency than USD is written after the number, as in table
	# output: 1,950,000.00 EUR
	run charts "$BATS_TEST_TMPDIR/a.html"
	assert_line --index 2 $'All deals\t1,950,000.00 EUR'
	grep -q '>amount (EUR)</text>' "$BATS_TEST_TMPDIR/a.html"
	# no date unless --as-of: a cron job's page is the same every run
	dashboard "$f" >"$BATS_TEST_TMPDIR/b.html"
	dashboard "$f" >"$BATS_TEST_TMPDIR/c.html"
	cmp "$BATS_TEST_TMPDIR/b.html" "$BATS_TEST_TMPDIR/c.html"
	! grep -q 'as of' "$BATS_TEST_TMPDIR/b.html"
	LC_ALL=C.UTF-8 dashboard "$f" | cmp - "$BATS_TEST_TMPDIR/b.html"
	run --separate-stderr dashboard --currency usd "$f"
	assert_failure 2
	assert_equal "$stderr" "dashboard: --currency usd: not a currency code such as USD or EUR"
}

@test "hostile names are text: <script>, </svg>, ]]>, quotes, ampersands, invalid UTF-8 and control characters break nothing" {
	f=$BATS_TEST_TMPDIR/evil.json
	# owners named to break out of the page, a CDATA section, an
	# attribute and the encoding; \u0001 and a raw \377 byte are not
	# XML characters: they show as U+FFFD
	{
		for o in '<script>alert(1)</script>' '</svg><script>x</script>' ']]>' "\\\"q\\\" 'a' & b" $'bad \377 byte' 'c\u0001d'; do
			for c in Closed Commit 'Best Case' Pipeline Omitted Total Lost; do
				printf '{"Opportunity Owner":"%s","category":"%s","deals":1,"amount":100.00,"weight":1.0000,"weighted_amount":100.00}\n' "$o" "$c"
			done
		done
	} >"$f"
	dashboard "$f" >"$BATS_TEST_TMPDIR/p.html"
	run xmllint --noout "$BATS_TEST_TMPDIR/p.html"
	assert_success
	run grep -ci '<script' "$BATS_TEST_TMPDIR/p.html"
	assert_output 0
	run grep -c '</svg>' "$BATS_TEST_TMPDIR/p.html"
	assert_output 1
	run grep -c ']]>' "$BATS_TEST_TMPDIR/p.html"
	assert_output 0
	# read back, each name is the text it was (in the bar's tooltip)
	run charts "$BATS_TEST_TMPDIR/p.html"
	assert_line --index 1 $'<script>alert(1)</script>\t$100.00'
	assert_line --index 3 $'</svg><script>x</script>\t$100.00'
	assert_line --index 5 $']]>\t$100.00'
	assert_line --index 7 $'"q" \'a\' & b\t$100.00'
	assert_line --index 9 $'bad \xef\xbf\xbd byte\t$100.00'
	assert_line --index 11 $'c\xef\xbf\xbdd\t$100.00'
}

@test "a long name is cut in its label (an ellipsis), whole in its tooltip" {
	f=$BATS_TEST_TMPDIR/long.json
	n='An owner whose name goes on and on and on'
	printf '{"owner":"%s","category":"Total","deals":1,"amount":1.00,"weight":1.0000,"weighted_amount":1.00}\n' "$n" >"$f"
	dashboard "$f" >"$BATS_TEST_TMPDIR/p.html"
	grep -q "<title>$n</title>" "$BATS_TEST_TMPDIR/p.html"
	grep -q '>An owner whose name goes on an…</text>' "$BATS_TEST_TMPDIR/p.html"
}

# ---- bad input -----------------------------------------------------------

@test "bad input: FILE:LINE and exit 2, no page written" {
	d=$BATS_TEST_TMPDIR
	ok='{"category":"Total","deals":1,"amount":1.00,"weight":1.0000,"weighted_amount":1.00}'
	check() { # check FILE-CONTENT MESSAGE
		printf "$1" >"$d/in.json"
		rm -f "$d/out.html"
		run --separate-stderr dashboard -o "$d/out.html" "$d/in.json"
		assert_failure 2
		assert_equal "$stderr" "dashboard: $d/in.json$2"
		[ ! -e "$d/out.html" ] || fail "a page written on error"
	}
	check '' ': empty input (no JSON object)'
	check "$ok\n\n$ok\n" ':2: blank line (expected a JSON object)'
	check 'category,deals\nTotal,1\n' ':1: not NDJSON: not a JSON object (one a line: NDJSON, as -f json writes) (byte 1)'
	check "$ok\n[1,2]\n" ':2: not NDJSON: not a JSON object (one a line: NDJSON, as -f json writes) (byte 1)'
	check '{"a":{"b":1}}\n' ':1: not NDJSON: a nested object or array (no salesutils program writes one) (byte 6)'
	check '{"a":"x}\n' ':1: not NDJSON: a string is never closed (byte 6)'
	check '{"a":1} {"a":2}\n' ':1: not NDJSON: characters after the object (byte 9)'
	check '{"a":01}\n' ':1: not NDJSON: '"','"' or '"'}'"' is missing after a value (byte 7)'
	check '{"a":"\\ud800"}\n' ':1: not NDJSON: a lone UTF-16 surrogate (\uD800 to \uDFFF) (byte 7)'
	check '{"a":"\\u0000"}\n' ':1: not NDJSON: \u0000 (a NUL) inside a string (byte 7)'
	check '{"a":"\\x"}\n' ':1: not NDJSON: an unknown escape after \ (byte 7)'
	check '{"a":1,"a":2}\n' ':1: key "a" twice'
	check "$ok\n{\"category\":\"Total\"}\n" ':2: 1 keys, but line 1 has 5 (every line has the first line'"'"'s keys)'
	check "$ok\n{\"category\":\"Total\",\"deals\":1,\"amount\":1.00,\"weight\":1.0000,\"other\":1.00}\n" ':2: key "other" is not on line 1 (every line has the first line'"'"'s keys)'
	check '{"a":1}\0\n' ':1: NUL byte'
	check '{"rep":"x","total":1}\n' ':1: not the JSON of a program the page knows (its keys: rep, total); dashboard(1) lists the keys each chart needs'
	check '{"category":"Total","deals":1,"amount":"lots","weight":1.0000,"weighted_amount":1.00}\n' ':1: "amount": expected a number, found "lots"'
	check '{"category":"Total","deals":1,"amount":null,"weight":1.0000,"weighted_amount":1.00}\n' ':1: "amount": expected a number, found null'
	check '{"category":"Total","deals":1,"amount":1.234,"weight":1.0000,"weighted_amount":1.00}\n' ':1: "amount": 1.234: not an amount (written as -f json writes money: 1234.56)'
	check '{"category":"Total","deals":1,"amount":92233720368547758.08,"weight":1.0000,"weighted_amount":1.00}\n' ':1: "amount": 92233720368547758.08: not an amount (written as -f json writes money: 1234.56)'
	check '{"category":"Maybe","deals":1,"amount":1.00,"weight":1.0000,"weighted_amount":1.00}\n' ':1: category "Maybe": not one forecast writes (Closed, Commit, Best Case, Pipeline, Omitted, Total, Lost)'
	check '{"check":"x","severity":"fatal","findings":1}\n' ':1: severity "fatal": not one stagecheck writes (error, warn, info)'
	check '{"check":"x","severity":"error","findings":-1}\n' ':1: "findings": -1: not a count (a whole number, 0 or more)'
	# a count at INT64_MAX, then one more for the same owner: said, not wrapped
	check '{"check":"x","severity":"error","owner":"a","findings":9223372036854775807}\n{"check":"y","severity":"error","owner":"a","findings":1}\n' ':2: a: the sum of findings overflows'
	check '{"check":"x","severity":"error","owner":"a","findings":9223372036854775808}\n' ':1: "findings": 9223372036854775808: not a count (a whole number, 0 or more)'
}

@test "bad input: BOM, CRLF, no final newline are taken; a missing file, options for CSV refused" {
	d=$BATS_TEST_TMPDIR
	ok='{"category":"Total","deals":1,"amount":1.00,"weight":1.0000,"weighted_amount":1.00}'
	printf '\357\273\277%s\r\n%s' "$ok" "$ok" >"$d/in.json"
	run --separate-stderr dashboard "$d/in.json"
	assert_success
	run --separate-stderr dashboard "$d/nope.json"
	assert_failure 2
	assert_equal "$stderr" "dashboard: $d/nope.json: No such file or directory"
	for o in -t '-d ;' '--encoding cp1252' '-c owner=Rep' --skip-invalid '--rejects r.csv' --decimal-comma --excel-safe '-f json'; do
		run --separate-stderr dashboard $o "$d/in.json"
		assert_failure 2
		assert_equal "$stderr" "dashboard: ${o%% *}: not an option of dashboard, which reads the programs' JSON and writes HTML"
	done
	run --separate-stderr dashboard --bogus "$d/in.json"
	assert_failure 2
	assert_equal "${stderr_lines[0]}" "dashboard: unknown option '--bogus'"
	# standard input, named - or not named
	run --separate-stderr dashboard <"$d/in.json"
	assert_success
	run --separate-stderr dashboard - <"$d/in.json"
	assert_success
	grep -q 'from (standard input)' <<<"$output"
}

@test "-o writes atomically; /dev/full is an error; a closed pipe ends quietly" {
	f=$(json forecast -g owner salesforce-opportunities.csv)
	run --separate-stderr dashboard -o "$BATS_TEST_TMPDIR/p.html" "$f"
	assert_success
	assert_output ""
	xmllint --noout "$BATS_TEST_TMPDIR/p.html"
	run --separate-stderr dashboard -o /dev/full "$f"
	assert_failure 2
	assert_equal "$stderr" "dashboard: /dev/full: write error: No space left on device"
	run --separate-stderr bash -c "'$BIN/dashboard' '$f' | head -c 10"
	assert_success
	assert_equal "$stderr" ""
}

# ---- forecast ------------------------------------------------------------

@test "forecast: seed 000's Q2 2026 table against a \$750K target, every number as the JSON has it" {
	f=$(json forecast --target 750000 seed000-q2.csv)
	dashboard "$f" >"$BATS_TEST_TMPDIR/p.html"
	# amounts: Closed 150K + Commit 300K + Best Case 500K + Pipeline 1M =
	# $1.95M; weighted 150K + 270K (90%) + 350K (70%) + 500K (50%) =
	# $1.27M; coverage 1.27M / 750K = 1.6933
	run charts --tips "$BATS_TEST_TMPDIR/p.html"
	assert_output "# Forecast: amount and weighted amount per category
target	target \$750,000.00
All deals	\$1,950,000.00
	Closed: \$150,000.00
	Commit: \$300,000.00
	Best Case: \$500,000.00
	Pipeline: \$1,000,000.00
weighted	\$1,270,000.00, coverage 1.6933x
	Closed: \$150,000.00
	Commit: \$270,000.00
	Best Case: \$350,000.00
	Pipeline: \$500,000.00"
}

@test "forecast -g owner: each owner's amount, weighted amount and coverage equal its Total row" {
	f=$(json forecast -g owner --period 2026-Q2 --target 7500000 salesforce-opportunities.csv)
	dashboard "$f" >"$BATS_TEST_TMPDIR/p.html"
	run charts "$BATS_TEST_TMPDIR/p.html"
	# the Total rows, their numbers as written (jq would reformat them)
	exp=$(python3 -c '
import json, sys
from decimal import Decimal as D
money = lambda v: ("-" if v < 0 else "") + "${:,.2f}".format(abs(v))
print("# Forecast: amount and weighted amount per category")
print("target\ttarget $7,500,000.00")
for l in open(sys.argv[1]):
    r = json.loads(l, parse_float=str)
    if r["category"] == "Total":
        print(r["Opportunity Owner"] + "\t" + money(D(r["amount"])))
        print("weighted\t" + money(D(r["weighted_amount"])) + ", coverage " + r["coverage"] + "x")
' "$f")
	assert_output "$exp"
	[ "${#lines[@]}" -ge 12 ] || fail "only ${#lines[@]} lines"
}

@test "forecast: a target per group (hand-written) is a tick on each bar, said in its numbers" {
	f=$(mk t.json <<'EOF'
{"team":"East","category":"Total","deals":2,"amount":300.00,"weight":0.5000,"weighted_amount":150.00,"target":200.00,"coverage":0.7500}
{"team":"West","category":"Total","deals":1,"amount":100.00,"weight":1.0000,"weighted_amount":100.00,"target":50.00,"coverage":2.0000}
EOF
)
	dashboard "$f" >"$BATS_TEST_TMPDIR/p.html"
	run charts "$BATS_TEST_TMPDIR/p.html"
	assert_output "# Forecast: amount and weighted amount per category
East	\$300.00
weighted	\$150.00, coverage 0.7500x, target \$200.00
West	\$100.00
weighted	\$100.00, coverage 2.0000x, target \$50.00"
}

# ---- stagecheck ----------------------------------------------------------

@test "stagecheck: findings per owner and per check, the same from the findings as from --summary" {
	a=$(json stagecheck --as-of 2026-06-01 --summary opportunities-meddpicc.csv)
	dashboard "$a" >"$BATS_TEST_TMPDIR/a.html"
	b=$(json stagecheck --as-of 2026-06-01 opportunities-meddpicc.csv)
	dashboard "$b" >"$BATS_TEST_TMPDIR/b.html"
	run charts "$BATS_TEST_TMPDIR/a.html"
	# per owner, the summary's rows added up by hand, e.g. Farid Haddad:
	# 6 missing-meddpicc errors; warnings 1 probability-mismatch + 1
	# no-economic-buyer + 1 no-champion + 7 low-pain + 1 past-close-date
	# + 1 missing-loss-reason = 12; 1 deal-review info
	assert_output "# Gate findings per owner
Ana Ruiz	2 error, 2 warn
Ben Cho	2 error, 6 warn, 2 info
Chloe Martin	1 error, 8 warn, 3 info
Dev Patel	1 error, 6 warn, 1 info
Emma Stone	6 warn, 1 info
Farid Haddad	6 error, 12 warn, 1 info
Grace Kim	6 error, 8 warn, 2 info
Hugo Lefevre	3 error, 3 warn
# Gate findings per check
deal-review	10 info
low-pain	22 warn
missing-loss-reason	1 warn
missing-meddpicc	21 error
no-champion	2 warn
no-economic-buyer	1 warn
past-close-date	18 warn
probability-mismatch	7 warn"
	# the per-check numbers are the summary's Total rows
	run jq -r 'select(.owner == "Total") | "\(.check) \(.findings)"' "$a"
	assert_line "missing-meddpicc 21"
	assert_line "low-pain 22"
	run charts "$BATS_TEST_TMPDIR/b.html"
	assert_equal "$output" "$(charts "$BATS_TEST_TMPDIR/a.html")"
}

# ---- cyclestat -----------------------------------------------------------

@test "cyclestat: win rate per segment, from cyclestat -g segment" {
	"$BIN/cyclestat" -g segment -f json "$DATA/cycle.csv" >"$BATS_TEST_TMPDIR/c.json" 2>/dev/null
	dashboard "$BATS_TEST_TMPDIR/c.json" >"$BATS_TEST_TMPDIR/p.html"
	# Enterprise: E1-E3 won, E4-E5 lost: 3 / 5 = 60%; SMB: S1-S2 won,
	# S3-S4 lost: 2 / 4 = 50%; the Wilson intervals as cyclestat gives
	# them, and both groups under --min-deals 10: insufficient
	run charts --tips "$BATS_TEST_TMPDIR/p.html"
	assert_output "# Win rate per group
Enterprise	60.00% (23.07% to 88.24%), won 3, lost 2, insufficient sample
	60.00%
SMB	50.00% (15.00% to 85.00%), won 2, lost 2, insufficient sample
	50.00%"
}

@test "cyclestat: win-rate intervals (win_rate_low, win_rate_high) are whiskers, their numbers shown; no closed deals, no bar" {
	f=$(mk w.json <<'EOF2'
{"Segment":"Enterprise","opps":6,"won":3,"lost":2,"open":1,"win_rate":0.6000,"win_rate_low":0.2307,"win_rate_high":0.8824}
{"Segment":"New","opps":2,"won":0,"lost":0,"open":2,"win_rate":null,"win_rate_low":null,"win_rate_high":null}
{"Segment":"SMB","opps":40,"won":10,"lost":30,"open":0,"win_rate":0.25,"win_rate_low":0.1419,"win_rate_high":0.4019}
EOF2
)
	dashboard "$f" >"$BATS_TEST_TMPDIR/p.html"
	# SMB: 10 / (10 + 30) = 0.25, written 0.25: 25%
	run charts "$BATS_TEST_TMPDIR/p.html"
	assert_output "# Win rate per group
Enterprise	60.00% (23.07% to 88.24%), won 3, lost 2
New	no closed deals, won 0, lost 0
SMB	25% (14.19% to 40.19%), won 10, lost 30"
	# a whisker each for Enterprise and SMB
	run grep -c '<path d="M[0-9]* [0-9]*v-5v10M' "$BATS_TEST_TMPDIR/p.html"
	assert_output 2
}

@test "cyclestat --histogram and --funnel" {
	f=$(mk h.json <<'EOF2'
{"cycle_days":"0-29","won":2,"histogram":"####"}
{"cycle_days":"30-59","won":1234,"histogram":"########"}
EOF2
)
	g=$(mk f.json <<'EOF2'
{"pipeline":"Sales","stage":"Qualify","reached":10,"converted":8,"conversion":0.8000,"median_days":14.0}
{"pipeline":"Sales","stage":"Propose","reached":8,"converted":2,"conversion":0.2500,"median_days":9.5}
{"pipeline":"Sales","stage":"Closed Won","reached":2,"converted":null,"conversion":null,"median_days":null}
EOF2
)
	dashboard "$f" "$g" >"$BATS_TEST_TMPDIR/p.html"
	# 8 of 10 went on: 80%; 2 of 8: 25%; a count grouped: 1,234
	run charts "$BATS_TEST_TMPDIR/p.html"
	assert_output "# Cycle time of won deals
0-29 days	2
30-59 days	1,234
# Stage funnel
Sales / Qualify	10 reached, 8 went on (80.00%)
Sales / Propose	8 reached, 2 went on (25.00%)
Sales / Closed Won	2 reached"
	# the shipped history's funnel: every stage's numbers as the JSON has them
	(cd "$EXAMPLES" && "$BIN/cyclestat" -m models/salesforce-default.ini --funnel --history opportunity-history.csv -f json salesforce-opportunities.csv) >"$BATS_TEST_TMPDIR/fu.json" 2>/dev/null
	dashboard "$BATS_TEST_TMPDIR/fu.json" >"$BATS_TEST_TMPDIR/q.html"
	run charts "$BATS_TEST_TMPDIR/q.html"
	assert_line "Sales / Prospecting	300 reached, 269 went on (89.67%)"
	assert_line "Sales / Negotiation/Review	38 reached, 9 went on (23.68%)"
	assert_line "Sales / Closed Won	45 reached"
}

# ---- mqlqualify ----------------------------------------------------------

@test "mqlqualify --summary: conversion per source against the 40% target, and the SLA breaches" {
	(cd "$EXAMPLES" && "$BIN/mqlqualify" --as-of 2026-03-02 --summary -g source --sla 5m -f json hubspot-leads.csv) >"$BATS_TEST_TMPDIR/m.json"
	dashboard "$BATS_TEST_TMPDIR/m.json" >"$BATS_TEST_TMPDIR/p.html"
	# Paid Search: 5 SQLs of 13 MQLs = 0.3846; in all 14 of 80 = 0.1750
	run charts "$BATS_TEST_TMPDIR/p.html"
	assert_output "# MQL to SQL conversion
target	target 40.00%
Direct Traffic	0.00% (0.00% to 21.53%), 0 of 14
Offline Sources	18.75% (6.59% to 43.01%), 3 of 16
Organic Search	18.18% (5.14% to 47.70%), 2 of 11
Paid Search	38.46% (17.71% to 64.48%), 5 of 13
Referrals	21.43% (7.57% to 47.59%), 3 of 14
Social Media	8.33% (1.49% to 35.39%), 1 of 12
Total	17.50% (10.72% to 27.26%), 14 of 80
# SLA breaches
Direct Traffic	7
Offline Sources	7
Organic Search	2
Paid Search	3
Referrals	6
Social Media	5
Total	30"
	# without -g, and without --sla: one bar, no SLA chart
	(cd "$EXAMPLES" && "$BIN/mqlqualify" --as-of 2026-03-02 --summary -f json hubspot-leads.csv) >"$BATS_TEST_TMPDIR/n.json"
	dashboard "$BATS_TEST_TMPDIR/n.json" >"$BATS_TEST_TMPDIR/q.html"
	run charts "$BATS_TEST_TMPDIR/q.html"
	assert_output "# MQL to SQL conversion
target	target 40.00%
All leads	17.50% (10.72% to 27.26%), 14 of 80"
}

@test "mqlqualify: targets that differ are said on each bar; a share that is not one is an error" {
	f=$(mk m.json <<'EOF2'
{"team":"a","mqls":10,"sqls":4,"conversion_rate":0.4000,"target":0.3000}
{"team":"b","mqls":0,"sqls":0,"conversion_rate":null,"target":0.5000}
EOF2
)
	dashboard "$f" >"$BATS_TEST_TMPDIR/p.html"
	run charts "$BATS_TEST_TMPDIR/p.html"
	assert_output "# MQL to SQL conversion
a	40.00%, 4 of 10, target 30.00%
b	no leads, 0 of 0, target 50.00%"
	printf '{"mqls":1,"sqls":1,"conversion_rate":"high"}\n' >"$BATS_TEST_TMPDIR/bad.json"
	run --separate-stderr dashboard "$BATS_TEST_TMPDIR/bad.json"
	assert_failure 2
	assert_equal "$stderr" "dashboard: $BATS_TEST_TMPDIR/bad.json:1: \"conversion_rate\": expected a number, found \"high\""
	printf '{"mqls":1,"sqls":1,"conversion_rate":-0.5}\n' >"$BATS_TEST_TMPDIR/bad.json"
	run --separate-stderr dashboard "$BATS_TEST_TMPDIR/bad.json"
	assert_failure 2
	assert_equal "$stderr" "dashboard: $BATS_TEST_TMPDIR/bad.json:1: \"conversion_rate\": -0.5: not a ratio such as 0.4444"
}

# ---- KPI tiles -----------------------------------------------------------

# the inputs of the KPI tests: seed 000's forecast against $750K, the
# shipped leads per source, the test cycle per segment
kpi_inputs() {
	(cd "$EXAMPLES" && "$BIN/forecast" --target 750000 -f json seed000-q2.csv) >"$BATS_TEST_TMPDIR/fc.json"
	(cd "$EXAMPLES" && "$BIN/mqlqualify" --as-of 2026-03-02 --summary -g source -f json hubspot-leads.csv) >"$BATS_TEST_TMPDIR/mq.json"
	"$BIN/cyclestat" -g segment -f json "$DATA/cycle.csv" >"$BATS_TEST_TMPDIR/cy.json" 2>/dev/null
}

@test "--kpi: seed 002's table as tiles: value, target, On Track / At Risk / Off Track by the documented thresholds" {
	kpi_inputs
	k=$(mk kpi.csv <<'EOF2'
kpi,source,target,at_risk
SQL conversion from MQLs,mqlqualify:conversion_rate,>=40%,
Paid search conversion,mqlqualify:conversion_rate@Paid Search,>=40%,
Pipeline value,forecast:amount,>=1000000,
Coverage,forecast:coverage,>=1.5x,
Win rate (Enterprise),cyclestat:win_rate@Enterprise,>=25%,
Cycle time (SMB),cyclestat:cycle_median@SMB,<=30,
Cycle time (Enterprise),cyclestat:cycle_median@Enterprise,<=50,65
Velocity (SMB),cyclestat:velocity@SMB,>=601,
EOF2
)
	dashboard --kpi "$k" "$BATS_TEST_TMPDIR/fc.json" "$BATS_TEST_TMPDIR/mq.json" "$BATS_TEST_TMPDIR/cy.json" >"$BATS_TEST_TMPDIR/p.html"
	xmllint --noout "$BATS_TEST_TMPDIR/p.html"
	# the tiles come first, then the charts of the files in their order
	run charts "$BATS_TEST_TMPDIR/p.html"
	assert_line --index 0 "# Key indicators"
	assert_line --index 9 "# Forecast: amount and weighted amount per category"
	# all leads (the Total row, without @GROUP): 14 / 80 = 17.50%, below
	# 90% of 40% = 36%: Off Track; Paid Search 5 / 13 = 38.46%, at or
	# above 36%, below 40%: At Risk; seed 000's $1.95M >= $1M; coverage
	# 1.6933 >= 1.5; Enterprise 3 / 5 = 60% >= 25%; SMB median cycle
	# (30 + 20) / 2 = 25.0 days <= 30; Enterprise median cycle 60 days:
	# above 50, within at_risk 65: At Risk; SMB velocity $600.00 < 601,
	# at or above 90% of it ($540.90): At Risk
	assert_output --partial "# Key indicators
SQL conversion from MQLs	17.50%	target ≥ 40%	Off Track
Paid search conversion	38.46%	target ≥ 40%	At Risk
Pipeline value	\$1,950,000.00	target ≥ \$1,000,000.00	On Track
Coverage	1.6933x	target ≥ 1.5x	On Track
Win rate (Enterprise)	60.00%	target ≥ 25%	On Track
Cycle time (SMB)	25.0 days	target ≤ 30 days	On Track
Cycle time (Enterprise)	60.0 days	target ≤ 50 days	At Risk
Velocity (SMB)	\$600.00	target ≥ \$601.00	At Risk
# Forecast"
}

@test "--kpi: the thresholds at their edges; no data; lower is better" {
	f=$(mk m.json <<'EOF2'
{"team":"a","mqls":100,"sqls":40,"conversion_rate":0.4000,"target":0.4000}
{"team":"b","mqls":100,"sqls":36,"conversion_rate":0.3600,"target":0.4000}
{"team":"c","mqls":10000,"sqls":3599,"conversion_rate":0.3599,"target":0.4000}
{"team":"d","mqls":0,"sqls":0,"conversion_rate":null,"target":0.4000}
EOF2
)
	k=$(mk kpi.csv <<'EOF2'
KPI,Source,Target
exactly the target,mqlqualify:conversion_rate@a,>=40%
exactly 90% of it,mqlqualify:conversion_rate@b,>=40%
just below,mqlqualify:conversion_rate@c,>=40%
no leads,mqlqualify:conversion_rate@d,>=40%
MQLs at most 110,mqlqualify:mqls@a,<=100
MQLs at most 91,mqlqualify:mqls@a,<=91
MQLs at most 90,mqlqualify:mqls@a,<=90
EOF2
)
	dashboard --kpi "$k" "$f" >"$BATS_TEST_TMPDIR/p.html"
	# 0.40 >= 0.40 On Track; 0.36 = 0.9 x 0.40: At Risk; 0.3599 below:
	# Off Track; null: No Data.  Lower is better: 100 <= 100 On Track;
	# 100 <= 91 x 1.1 = 100.1: At Risk; 100 > 90 x 1.1 = 99: Off Track
	run charts "$BATS_TEST_TMPDIR/p.html"
	assert_output --partial "# Key indicators
exactly the target	40.00%	target ≥ 40%	On Track
exactly 90% of it	36.00%	target ≥ 40%	At Risk
just below	35.99%	target ≥ 40%	Off Track
no leads	no data	target ≥ 40%	No Data
MQLs at most 110	100	target ≤ 100	On Track
MQLs at most 91	100	target ≤ 91	At Risk
MQLs at most 90	100	target ≤ 90	Off Track
#"
}

@test "--kpi: every bad KPI line is an error at its FILE:LINE" {
	kpi_inputs
	d=$BATS_TEST_TMPDIR
	kcheck() { # kcheck KPI-LINE MESSAGE
		local h=kpi,source,target
		[ "$(tr -cd , <<<"$1")" = ,,, ] && h=$h,at_risk
		printf '%s\n%s\n' "$h" "$1" >"$d/k.csv"
		run --separate-stderr dashboard --kpi "$d/k.csv" "$d/fc.json" "$d/mq.json" "$d/cy.json"
		assert_failure 2
		assert_equal "$stderr" "dashboard: $d/k.csv:2: $2"
	}
	kcheck 'x,forecast amount,1' 'source "forecast amount": expected KIND:COLUMN[@GROUP], such as mqlqualify:conversion_rate'
	kcheck 'x,stagecheck:findings,1' 'source stagecheck:findings: no stagecheck input given (the inputs are forecast, mqlqualify, cyclestat)'
	kcheck 'x,cyclestat:win_rate,25%' 'source cyclestat:win_rate: a row per group: name one, as SOURCE@GROUP'
	kcheck 'x,cyclestat:win_rate@Mid-market,25%' 'source cyclestat:win_rate@Mid-market: no row of that group (a group is written as its label on the page)'
	kcheck 'x,cyclestat:Segment@SMB,1' "source cyclestat:Segment@SMB: $d/cy.json has no figure \"Segment\""
	kcheck 'x,cyclestat:win_rate@SMB,0.25' 'target 0.25: a share'"'"'s target is a percentage: write it with % (40%)'
	kcheck 'x,cyclestat:win_rate@SMB,lots%' 'target "lots%": not a percentage: not a number'
	kcheck 'x,forecast:amount,1000000 EUR' 'target 1000000 EUR: in EUR, but the page'"'"'s amounts are in USD (--currency); amounts in different currencies are never compared'
	kcheck 'x,forecast:amount,>=100,200' 'at_risk 200: above the target, where On Track begins'
	kcheck 'x,forecast:amount,<=100,50' 'at_risk 50: below the target, where On Track begins'
	printf 'kpi,source,goal\nx,forecast:amount,1\n' >"$d/k.csv"
	run --separate-stderr dashboard --kpi "$d/k.csv" "$d/fc.json"
	assert_failure 2
	assert_equal "$stderr" "dashboard: $d/k.csv:1: column \"goal\": not one of a KPI file (the columns are kpi, source, target and, optionally, at_risk)"
	printf 'kpi,source\nx,forecast:amount\n' >"$d/k.csv"
	run --separate-stderr dashboard --kpi "$d/k.csv" "$d/fc.json"
	assert_failure 2
	assert_equal "$stderr" "dashboard: $d/k.csv:1: no target column (the columns are kpi, source, target and, optionally, at_risk)"
	printf 'kpi,source,target\nx,forecast:amount\n' >"$d/k.csv"
	run --separate-stderr dashboard --kpi "$d/k.csv" "$d/fc.json"
	assert_failure 2
	assert_equal "$stderr" "dashboard: $d/k.csv:2: expected 3 fields, found 2"
	run --separate-stderr dashboard --kpi "$d/none.csv" "$d/fc.json"
	assert_failure 2
	assert_equal "$stderr" "dashboard: $d/none.csv: No such file or directory"
	# two inputs of one kind: a KPI cannot say which
	printf 'kpi,source,target\nx,forecast:amount,1\n' >"$d/k.csv"
	run --separate-stderr dashboard --kpi "$d/k.csv" "$d/fc.json" "$d/fc.json"
	assert_failure 2
	assert_equal "$stderr" "dashboard: $d/k.csv:2: source forecast:amount: two forecast inputs ($d/fc.json and $d/fc.json)"
}

# ---- commission, the bridge, the simulation --------------------------------

@test "commission: the attainment distribution from the statements (counted by the page) and from --summary's bands" {
	(cd "$EXAMPLES" && "$BIN/commission" -p plans/seed000.ini -r plans/seed000-roster.csv --activities plans/meetings.csv --as-of 2026-12-31 -f json plans/seed000-bookings.csv) >"$BATS_TEST_TMPDIR/c.json"
	dashboard "$BATS_TEST_TMPDIR/c.json" >"$BATS_TEST_TMPDIR/p.html"
	# the bands counted again from the JSON, per period (one: FY2026)
	exp=$(python3 -c '
import sys, json
from decimal import Decimal as D
n = [0] * 6
for l in open(sys.argv[1]):
    r = json.loads(l, parse_float=D)
    if r["rep"] == "Total": continue  # the Total rows are no rep
    a, p = r["attainment"], r["period"]
    if a is None: n[5] += 1; continue
    n[sum(a >= e for e in (D("0.5"), D("0.75"), D(1), D("1.25")))] += 1
names = ["below 50%", "50% to 75%", "75% to 100%", "100% to 125%", "125% and over", "no quota"]
print("# Attainment distribution")
for i in range(6):
    if i < 5 or n[5]: print(f"{p} / {names[i]}\t{n[i]} rep" + ("" if n[i] == 1 else "s"))
' "$BATS_TEST_TMPDIR/c.json")
	run charts "$BATS_TEST_TMPDIR/p.html"
	assert_output "$exp"
	# Ana 1.2000, Ben 0.6000, Cleo 0.4000 among them
	assert_line $'FY2026 / 50% to 75%\t1 rep'
	assert_line $'FY2026 / below 50%\t1 rep'
	# --summary's bands, as commission counts them: seed 000's nine reps
	# (Ana 120%, Ben 60%, Cleo 40%, ...), each band a bar per plan
	(cd "$EXAMPLES" && "$BIN/commission" -p plans/seed000.ini -r plans/seed000-roster.csv --activities plans/meetings.csv --as-of 2026-12-31 --summary -f json plans/seed000-bookings.csv) >"$BATS_TEST_TMPDIR/s.json"
	dashboard "$BATS_TEST_TMPDIR/s.json" >"$BATS_TEST_TMPDIR/q.html"
	exp=$(python3 -c '
import sys, json
cols = ["band_under_50", "band_50_to_75", "band_75_to_100", "band_100_to_125", "band_125_plus", "no_quota"]
names = ["below 50%", "50% to 75%", "75% to 100%", "100% to 125%", "125% and over", "no quota"]
print("# Attainment distribution")
for l in open(sys.argv[1]):
    r = json.loads(l)
    for c, n in zip(cols, names):
        if c == "no_quota" and r[c] == 0: continue
        print(r["plan"] + " " + r["period"] + " / " + n + "\t" + str(r[c]) + " rep" + ("" if r[c] == 1 else "s"))
' "$BATS_TEST_TMPDIR/s.json")
	run charts "$BATS_TEST_TMPDIR/q.html"
	assert_output "$exp"
	assert_line $'Total FY2026 / below 50%\t1 rep'
}

@test "forecast --compare: the bridge from last week to this one, which must add up" {
	f=$(mk w.json <<'EOF2'
{"change":"last week","deals":20,"amount":1950000.00,"weighted_amount":1270000.00}
{"change":"new","deals":3,"amount":250000.00,"weighted_amount":125000.00}
{"change":"lost","deals":-2,"amount":-100000.00,"weighted_amount":-50000.00}
{"change":"this week","deals":21,"amount":2100000.00,"weighted_amount":1345000.00}
EOF2
)
	dashboard "$f" >"$BATS_TEST_TMPDIR/p.html"
	# 20 + 3 - 2 = 21 deals; $1,950,000 + $250,000 - $100,000 =
	# $2,100,000; weighted 1,270,000 + 125,000 - 50,000 = 1,345,000
	run charts --tips "$BATS_TEST_TMPDIR/p.html"
	assert_output "# Forecast bridge: what changed
last week	\$1,950,000.00, 20 deals
	weighted \$1,270,000.00
new	+\$250,000.00, +3 deals
	weighted +\$125,000.00
lost	-\$100,000.00, -2 deals
	weighted -\$50,000.00
this week	\$2,100,000.00, 21 deals
	weighted \$1,345,000.00"
	# the lost bar starts where it ends: at 2,200,000 - 100,000
	grep -q 'fill="#f2a25c"' "$BATS_TEST_TMPDIR/p.html"
	# a bridge that does not add up is refused
	sed 's/"deals":21,"amount":2100000.00/"deals":21,"amount":2100000.01/' "$f" >"$BATS_TEST_TMPDIR/bad.json"
	run --separate-stderr dashboard "$BATS_TEST_TMPDIR/bad.json"
	assert_failure 2
	assert_equal "$stderr" "dashboard: $BATS_TEST_TMPDIR/bad.json:4: the bridge does not add up: its first row and the changes make \$2,100,000.00 (21 deals, weighted 1345000.00), its last row says \$2,100,000.01 (21 deals, weighted 1345000.00)"
	printf '{"change":"x","deals":1,"amount":1.00,"weighted_amount":1.00}\n' >"$BATS_TEST_TMPDIR/one.json"
	run --separate-stderr dashboard "$BATS_TEST_TMPDIR/one.json"
	assert_failure 2
	assert_equal "$stderr" "dashboard: $BATS_TEST_TMPDIR/one.json:1: a bridge of one row: it needs the level it starts from (its first row) and the one it ends at (its last)"
}

@test "forecast --compare per group: a bridge each" {
	f=$(mk w.json <<'EOF2'
{"owner":"ana","change":"start","deals":1,"amount":100.00,"weighted_amount":50.00}
{"owner":"ana","change":"end","deals":1,"amount":100.00,"weighted_amount":50.00}
{"owner":"ben","change":"start","deals":0,"amount":0.00,"weighted_amount":0.00}
{"owner":"ben","change":"new","deals":1,"amount":10.00,"weighted_amount":9.00}
{"owner":"ben","change":"end","deals":1,"amount":10.00,"weighted_amount":9.00}
EOF2
)
	dashboard "$f" >"$BATS_TEST_TMPDIR/p.html"
	run charts "$BATS_TEST_TMPDIR/p.html"
	assert_output "# Forecast bridge: what changed
ana / start	\$100.00, 1 deal
ana / end	\$100.00, 1 deal
ben / start	\$0.00, 0 deals
ben / new	+\$10.00, +1 deal
ben / end	\$10.00, 1 deal"
}

@test "forecast --simulate: P10, P50, P90, the mean and the chance of the target" {
	f=$(mk s.json <<'EOF2'
{"p10":900000.00,"p50":1200000.00,"p90":1500000.00,"mean":1210000.50,"p_target":0.6230,"target":1000000.00}
EOF2
)
	dashboard "$f" >"$BATS_TEST_TMPDIR/p.html"
	run charts "$BATS_TEST_TMPDIR/p.html"
	assert_output "# Forecast simulation: P10, P50, P90
target	target \$1,000,000.00
Forecast	mean \$1,210,000.50, 62.30% chance of the target
P10	\$900,000.00
P50	\$1,200,000.00
P90	\$1,500,000.00"
	# per group, targets that differ: each said in its numbers
	g=$(mk g.json <<'EOF2'
{"owner":"ana","p10":1.00,"p50":2.00,"p90":3.00,"mean":2.00,"p_target":0.5,"target":2.00}
{"owner":"ben","p10":1.00,"p50":2.00,"p90":3.00,"mean":2.00,"p_target":null,"target":5.00}
EOF2
)
	dashboard "$g" >"$BATS_TEST_TMPDIR/q.html"
	run charts "$BATS_TEST_TMPDIR/q.html"
	assert_output "# Forecast simulation: P10, P50, P90
ana	mean \$2.00, 50% chance of the target, target \$2.00
P10	\$1.00
P50	\$2.00
P90	\$3.00
ben	mean \$2.00, target \$5.00
P10	\$1.00
P50	\$2.00
P90	\$3.00"
}

# ---- pixels --------------------------------------------------------------

@test "pixels: headless Chromium renders the page at 1280 px: not blank, in its colours, as tall as its charts need" {
	command -v chromium >/dev/null 2>&1 ||
		skip "no chromium (Debian's chromium, which .ci/deps test installs): the page is not rendered"
	kpi_inputs
	d=$BATS_TEST_TMPDIR
	dashboard --kpi "$EXAMPLES/dashboard/kpi.csv" "$d/fc.json" "$d/mq.json" \
	    <(cd "$EXAMPLES" && "$BIN/cyclestat" -m salesforce -f json salesforce-opportunities.csv 2>/dev/null) >"$d/p.html"
	timeout 120 chromium --headless --no-sandbox --disable-gpu --hide-scrollbars \
	    --user-data-dir="$d/profile" --window-size=1280,2400 \
	    --screenshot="$d/p.png" "file://$d/p.html" >"$d/chromium.log" 2>&1 ||
		fail "chromium: $(tail -n 5 "$d/chromium.log")"
	run python3 "$BATS_TEST_DIRNAME/dashboard/png.py" "$d/p.png" '#08306b' '#2b7bba' '#b2182b' '#f2a25c'
	assert_success
	read -r w h last ink <<<"${lines[0]}"
	assert_equal "$w $h" "1280 2400"
	# not blank: ink on at least 1% of the page, and every fill drawn:
	# Closed (#08306b), a bar and On Track (#2b7bba), Off Track
	# (#b2182b), At Risk (#f2a25c)
	[ "$ink" -ge 10 ] || fail "only $ink per thousand of the page is not white"
	for l in "${lines[@]:1}"; do
		[ "${l#* }" -gt 100 ] || fail "colour ${l% *}: ${l#* } pixels"
	done
	# as tall as the charts: the SVGs' heights, plus the title, the
	# headings and the "from" lines (at most 70 px a section, 120 for the
	# page's title), and nothing drawn below
	need=$(grep -o '<svg [^>]* height="[0-9]*"' "$d/p.html" | sed 's/.*height="//;s/"//' | paste -sd+)
	need=$((need))
	n=$(grep -c '<section' "$d/p.html")
	[ "$last" -gt "$need" ] || fail "drawn to row $last, but the charts need $need"
	[ "$last" -lt $((need + 70 * n + 120)) ] || fail "drawn to row $last: more than the charts need ($need, $n sections)"
	[ "$last" -lt "$h" ] || fail "the page is taller than the window"
}

# ---- the README's cron job -------------------------------------------------

@test "the README's cron job mails the page when every step ran, and only then" {
	script=$(sed -n '/^failed() {/,/| sendmail -t$/p' "$BATS_TEST_DIRNAME/../README.md")
	[ -n "$script" ] || fail "no cron example in README.md"
	d=$BATS_TEST_TMPDIR/cron
	mkdir -p "$d/bin"
	# mail and sendmail that keep what they are given
	printf '#!/bin/sh\n{ echo "mail $*"; cat; } >>"%s/mailed"\n' "$d" >"$d/bin/mail"
	printf '#!/bin/sh\n{ echo "sendmail $*"; cat; } >"%s/sent"\n' "$d" >"$d/bin/sendmail"
	chmod +x "$d/bin/mail" "$d/bin/sendmail"
	cp "$EXAMPLES/opportunities-meddpicc.csv" "$d/opps.csv"
	cp "$EXAMPLES/hubspot-leads.csv" "$d/leads.csv"
	printf 'kpi,source,target\nSQL conversion,mqlqualify:conversion_rate,>=40%%\n' >"$d/kpi.csv"
	cron() { rm -f "$d/sent" "$d/mailed"; (cd "$d" && PATH="$d/bin:$BIN:$PATH" sh -c "$script") 2>/dev/null; }
	# every step ran (stagecheck's exit 1 is findings): the page is sent
	run cron
	[ -e "$d/sent" ] || fail "no page sent"
	[ ! -e "$d/mailed" ] || fail "a failure mailed: $(cat "$d/mailed")"
	assert_equal "$(head -n 1 "$d/sent")" "sendmail -t"
	grep -qx 'Content-Type: text/html; charset=utf-8' "$d/sent"
	sed '1,/^$/d' "$d/sent" | sed 1d >"$d/page.html"
	xmllint --noout "$d/page.html"
	grep -q 'SQL conversion' "$d/page.html"
	# the export is missing: forecast fails, nothing is sent, revops told
	mv "$d/opps.csv" "$d/opps.bak"
	run cron
	assert_failure 2
	[ ! -e "$d/sent" ] || fail "a page sent after forecast failed"
	assert_equal "$(head -n 1 "$d/mailed")" "mail -s dashboard failed revops@example.com"
	grep -q 'forecast failed' "$d/mailed"
	mv "$d/opps.bak" "$d/opps.csv"
	# a bad KPI file: dashboard fails, no page (not yesterday's either)
	printf 'kpi,source,target\nx,nothing:here,1\n' >"$d/kpi.csv"
	run cron
	assert_failure 2
	[ ! -e "$d/sent" ] || fail "a page sent after dashboard failed"
	grep -q 'dashboard failed' "$d/mailed"
}

@test "--tables: each chart's numbers as a table under it too (mail clients that draw no SVG), the same as the chart's" {
	kpi_inputs
	k=$(mk kpi.csv <<'EOF2'
kpi,source,target
SQL conversion,mqlqualify:conversion_rate,>=40%
EOF2
)
	d=$BATS_TEST_TMPDIR
	dashboard --kpi "$k" "$d/fc.json" "$d/mq.json" "$d/cy.json" >"$d/a.html"
	! grep -q '<table' "$d/a.html"
	dashboard --tables --kpi "$k" "$d/fc.json" "$d/mq.json" "$d/cy.json" >"$d/b.html"
	xmllint --noout "$d/b.html"
	# the tables read back as the charts do, line for line
	tables=$(python3 -c '
import sys, xml.etree.ElementTree as ET
X = "{http://www.w3.org/1999/xhtml}"
for sec in ET.parse(sys.argv[1]).getroot().iter(X + "section"):
    print("# " + sec.find(X + "h2").text)
    for tr in sec.find(X + "table"):
        c = [td.text or "" for td in tr]
        print("target\t" + c[1] if c[0] == "" else "\t".join(c))
' "$d/b.html")
	assert_equal "$tables" "$(charts "$d/b.html")"
	# the charts themselves are those of the page without tables
	assert_equal "$(charts "$d/b.html")" "$(charts "$d/a.html")"
	grep -q '<tr><td>SQL conversion</td><td>17.50%</td><td>target ≥ 40%</td><td>Off Track</td></tr>' "$d/b.html"
}
