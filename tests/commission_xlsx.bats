#!/usr/bin/env bats
# -f xlsx (lib/csvout.c through libxlsxwriter), for every program; here
# with commission's Summary and per-rep sheets.  Each workbook is read
# back with openpyxl and compared, cell by cell, with the CSV output of
# the same run: a number cell printed as the CSV prints it (money to the
# cent, ratios to four places), a text cell as text.

bats_require_minimum_version 1.5.0
load helper

setup() {
	PY=
	for p in python3 /usr/bin/python3; do
		if command -v "$p" >/dev/null 2>&1 &&
		    "$p" -c 'import openpyxl' 2>/dev/null; then
			PY=$p
			break
		fi
	done
	[ -n "$PY" ] || fail "no python3 with openpyxl (.ci/deps test installs python3-openpyxl)"
	cd "$EXAMPLES"
}

# a sheet of a workbook as CSV, each number as the CSV writes it (by its
# number format: money 2 places, a percentage or ratio 4, a count 0, days
# 1; a plain number as few as it has); then, with a third argument, each
# column's number format and the sheet's frozen pane and autofilter
sheet() { # FILE SHEET [formats]
	"$PY" - "$@" <<'PYEOF'
import csv, sys, openpyxl
from decimal import Decimal, ROUND_HALF_UP
# as the CSV rounds: half away from zero, on the shortest decimal that
# reads back as the cell's number
def q(v, places):
    return str(Decimal(repr(v)).quantize(Decimal(1).scaleb(-places),
                                         rounding=ROUND_HALF_UP))
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb[sys.argv[2]]
w = csv.writer(sys.stdout, lineterminator='\n')
def cell(c):
    v = c.value
    if v is None:
        return ''
    if isinstance(v, str):
        assert c.data_type == 's', c.coordinate
        return v
    f = c.number_format
    if '0.00' in f and '0.000' not in f:
        return q(v, 2)
    if f in ('0.0%', '0.0000'):
        return q(v, 4)
    if f == '#,##0':
        return q(v, 0)
    if f == '0.0':
        return q(v, 1)
    s = q(v, 2)
    return s.rstrip('0').rstrip('.')
if len(sys.argv) > 3:
    print(ws.freeze_panes, ws.auto_filter.ref)
    print(' '.join(c.number_format for c in list(ws.iter_rows(min_row=2, max_row=2))[0]))
    sys.exit(0)
for row in ws.iter_rows():
    w.writerow([cell(c) for c in row])
PYEOF
}
sheets() { "$PY" -c 'import sys, openpyxl; print("\n".join(openpyxl.load_workbook(sys.argv[1]).sheetnames))' "$1"; }

Q=(-p plans/quarterly.ini -r plans/roster.csv --quotas plans/quotas.csv --as-of 2026-12-31)

@test "commission -f xlsx: a Summary sheet equal cell by cell to the CSV; money, percentages; header frozen, autofilter on" {
	run --separate-stderr "$BIN/commission" "${Q[@]}" -o "$BATS_TEST_TMPDIR/q.csv" plans/bookings.csv
	assert_success
	run --separate-stderr "$BIN/commission" "${Q[@]}" -f xlsx -o "$BATS_TEST_TMPDIR/q.xlsx" plans/bookings.csv
	assert_success
	assert_output ""
	run sheets "$BATS_TEST_TMPDIR/q.xlsx"
	assert_output "Summary"
	run sheet "$BATS_TEST_TMPDIR/q.xlsx" Summary
	assert_success
	assert_equal "$output" "$(cat "$BATS_TEST_TMPDIR/q.csv")"
	# rep, plan, period text; quota and credit money; attainment a
	# percentage; the rest money.  Row 1 frozen; the filter over the
	# 14 columns and the 12 statements + 4 Total rows + header
	run sheet "$BATS_TEST_TMPDIR/q.xlsx" Summary formats
	assert_line --index 0 "A2 A1:N17"
	assert_line --index 1 'General General General "$"#,##0.00 "$"#,##0.00 0.0% "$"#,##0.00 "$"#,##0.00 "$"#,##0.00 "$"#,##0.00 "$"#,##0.00 "$"#,##0.00 "$"#,##0.00 "$"#,##0.00'
}

@test "commission -f xlsx --detail: the Summary, then a sheet per rep with its line items" {
	run --separate-stderr "$BIN/commission" "${Q[@]}" --detail -o "$BATS_TEST_TMPDIR/d.csv" plans/bookings.csv
	run --separate-stderr "$BIN/commission" "${Q[@]}" -o "$BATS_TEST_TMPDIR/s.csv" plans/bookings.csv
	run --separate-stderr "$BIN/commission" "${Q[@]}" --detail -f xlsx -o "$BATS_TEST_TMPDIR/d.xlsx" plans/bookings.csv
	assert_success
	# the year-end note once, not once a sheet
	assert_equal "$stderr" 'commission: note: Chloe Martin owes $6,400.00 at the end of FY2026: a negative true-up not paid back (clawback = no)'
	run sheets "$BATS_TEST_TMPDIR/d.xlsx"
	assert_output "Summary
Ana Ruiz
Ben Cho
Chloe Martin"
	run sheet "$BATS_TEST_TMPDIR/d.xlsx" Summary
	assert_equal "$output" "$(cat "$BATS_TEST_TMPDIR/s.csv")"
	# each rep's sheet: the CSV's line items, and under each period's a
	# payout line: the statement's payout, the sum of the items above it
	for rep in "Ana Ruiz" "Ben Cho" "Chloe Martin"; do
		run sheet "$BATS_TEST_TMPDIR/d.xlsx" "$rep"
		assert_equal "$(grep -v ',payout,,,' <<<"$output")" "$( (head -1 "$BATS_TEST_TMPDIR/d.csv"; grep "^$rep," "$BATS_TEST_TMPDIR/d.csv"))"
		assert_equal "$(grep ',payout,,,' <<<"$output" | cut -d, -f3,7)" "$(grep "^$rep," "$BATS_TEST_TMPDIR/s.csv" | cut -d, -f3,9)"
		# (in cents, each rounded: a sum of decimals in awk's doubles)
		run awk -F, 'NR > 1 && $4 != "payout" { s[$3] += sprintf("%.0f", $7 * 100) } $4 == "payout" { c = sprintf("%.0f", $7 * 100); if (sprintf("%.0f", s[$3]) != c) print "period " $3 ": " s[$3] " != " c }' <<<"$output"
		assert_output ""
	done
	# Ben's 18 line items, 4 payout lines and the header
	run sheet "$BATS_TEST_TMPDIR/d.xlsx" "Ben Cho" formats
	assert_line --index 0 "A2 A1:G26"
}

@test "-f xlsx: text from the data is text, never a formula; sheet names made valid and unique" {
	p=$(printf '[plan ISR]\nmeasure = credit\nbase = amount\npayout = annual\nband = 0%%-: 10%%\n' | mk p.ini)
	r=$(printf 'Rep,Plan,Quota\n"=HYPERLINK(""http://x"",""y"")",ISR,100\n"a/b:c*d?[e]",ISR,100\n"a_b_c_d__e_",ISR,100\n' | mk r.csv)
	b=$(printf 'Opportunity Owner,Amount,Close Date\n"=HYPERLINK(""http://x"",""y"")",10,2026-02-01\n' | mk b.csv)
	run --separate-stderr "$BIN/commission" -p "$p" -r "$r" --as-of 2026-12-31 --detail -f xlsx -o "$BATS_TEST_TMPDIR/h.xlsx" "$b"
	assert_success
	run sheet "$BATS_TEST_TMPDIR/h.xlsx" Summary
	assert_line --index 1 '"=HYPERLINK(""http://x"",""y"")",ISR,FY2026,100.00,10.00,0.1000,1.00,0.00,1.00,1.00,0.00,0.00,0.00,0.00'
	# a sheet name holds none of []:*?/\ and at most 31 characters; a
	# second one that comes out the same gets " (2)"
	run sheets "$BATS_TEST_TMPDIR/h.xlsx"
	assert_output 'Summary
=HYPERLINK("http___x","y")
a_b_c_d__e_
a_b_c_d__e_ (2)'
}

@test "forecast and cyclestat -f xlsx: one sheet named for the program, equal to the CSV" {
	for prog in forecast cyclestat; do
		run --separate-stderr "$BIN/$prog" -m salesforce --as-of 2026-05-01 -g owner -o "$BATS_TEST_TMPDIR/$prog.csv" salesforce-opportunities.csv
		assert_success
		# to standard output when it is not a terminal
		run --separate-stderr bash -c '"$1" -m salesforce --as-of 2026-05-01 -g owner -f xlsx salesforce-opportunities.csv >"$2"' _ "$BIN/$prog" "$BATS_TEST_TMPDIR/$prog.xlsx"
		assert_success
		run sheets "$BATS_TEST_TMPDIR/$prog.xlsx"
		assert_output "$prog"
		run sheet "$BATS_TEST_TMPDIR/$prog.xlsx" "$prog"
		assert_equal "$output" "$(cat "$BATS_TEST_TMPDIR/$prog.csv")"
	done
}

@test "-f xlsx to a terminal is refused before any input is read; a failed run leaves no workbook" {
	command -v script >/dev/null || skip "no script(1)"
	run script -qec "$BIN/forecast -f xlsx /nonexistent.csv" /dev/null
	assert_failure 2
	assert_output --partial "forecast: -f xlsx: a workbook is not written to a terminal (give -o FILE.xlsx, or redirect)"
	refute_output --partial nonexistent
	run --separate-stderr "$BIN/commission" "${Q[@]}" -f xlsx -o "$BATS_TEST_TMPDIR/x.xlsx" /nonexistent.csv
	assert_failure 2
	[ ! -e "$BATS_TEST_TMPDIR/x.xlsx" ]
	run ls -A "$BATS_TEST_TMPDIR"
	refute_output --partial ".x.xlsx"
	run --separate-stderr "$BIN/forecast" -f xlsx -o /dev/full salesforce-opportunities.csv
	assert_failure 2
	run --separate-stderr "$BIN/forecast" -f pdf salesforce-opportunities.csv
	assert_failure 2
	assert_equal "$stderr" 'forecast: --format pdf: expected csv, tsv, json, table or xlsx'
}

@test "-f xlsx refuses an amount of more than 15 digits (a spreadsheet would show it rounded); 15 are written" {
	# $10,000,000,000,000.00 is 1,000,000,000,000,000 cents: 16 digits
	f=$(printf 'Stage,Amount\nClosed Won,10000000000000.00\n' | mk big.csv)
	run --separate-stderr "$BIN/forecast" -f xlsx -o "$BATS_TEST_TMPDIR/big.xlsx" "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/big.xlsx: -f xlsx: 10000000000000.00 has more than 15 digits, more than a spreadsheet number shows exactly (write -f csv)"
	[ ! -e "$BATS_TEST_TMPDIR/big.xlsx" ] || fail "a workbook was left"
	# $9,999,999,999,999.99: 15 digits, written and read back to the cent
	f=$(printf 'Stage,Amount\nClosed Won,9999999999999.99\n' | mk ok.csv)
	run --separate-stderr "$BIN/forecast" -f xlsx -o "$BATS_TEST_TMPDIR/ok.xlsx" "$f"
	assert_success
	run sheet "$BATS_TEST_TMPDIR/ok.xlsx" forecast
	assert_line --index 1 "Closed,1,9999999999999.99,1.0000,9999999999999.99"
}
