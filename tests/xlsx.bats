#!/usr/bin/env bats
# Spreadsheets in: a bookings and a roster workbook built with
# python3-openpyxl (currency-formatted amounts, date cells, percentages),
# through the documented pipes: examples/sheet2csv.py (python3-openpyxl)
# and Debian's xlsx2csv (salesutils(7), SPREADSHEETS)

bats_require_minimum_version 1.5.0
load helper

PLANS="$EXAMPLES/plans"
S2C="$EXAMPLES/sheet2csv.py"

setup() {
	/usr/bin/python3 -c 'import openpyxl' 2>/dev/null ||
		skip "no python3-openpyxl (apt-get install python3-openpyxl)"
	cd "$BATS_TEST_TMPDIR"
	# the shipped bookings and roster, as finance keeps them: amounts as
	# numbers shown as $85,000.00, close dates as date cells shown
	# 6/5/2026, split shares as fractions shown 50%
	mkx() { /usr/bin/python3 "$BATS_TEST_DIRNAME/data/mkxlsx.py" "$@"; }
	mkx "$PLANS/bookings.csv" bookings.xlsx money=Amount \
	    dates="Close Date" pct="Split %"
	mkx "$PLANS/roster.csv" roster.xlsx money=Quota,Variable
}

@test "sheet2csv.py: the workbooks give the statements the CSVs give, byte for byte" {
	cd "$PLANS"
	run --separate-stderr "$BIN/commission" -p quarterly.ini -r roster.csv --period 2026-Q2 bookings.csv
	assert_success
	want=$output
	run --separate-stderr bash -c '"$1/commission" -p quarterly.ini -r <("$2" "$3/roster.xlsx") --period 2026-Q2 <("$2" "$3/bookings.xlsx")' \
	    bash "$BIN" "$S2C" "$BATS_TEST_TMPDIR"
	assert_success
	assert_equal "$output" "$want"
	# what the cells became: $90,000.01 -> 90000.01, 6/15/2026 -> ISO,
	# a 0.5 shown as 50% -> 50%, an empty cell -> empty
	run "$S2C" "$BATS_TEST_TMPDIR/bookings.xlsx"
	assert_line --index 0 'Opportunity ID,Opportunity Owner,Amount,Close Date,Split %'
	assert_line '006E9001,Ana Ruiz,90000.01,2026-06-15,50%'
	assert_line '006E0000,Chloe Martin,85000,2026-06-05,'
}

@test "sheet2csv.py: a sheet by name; no such sheet, or not a workbook, is said" {
	run "$S2C" roster.xlsx Sheet
	assert_success
	assert_line --index 1 'Ana Ruiz,AE,1500000,120000,East'
	run "$S2C" roster.xlsx Quotas
	assert_failure 1
	assert_output 'sheet2csv.py: roster.xlsx: no sheet "Quotas" (sheets: Sheet)'
	echo 'not a zip' >bad.xlsx
	run "$S2C" bad.xlsx
	assert_failure 1
	assert_output 'sheet2csv.py: bad.xlsx: File is not a zip file'
}

@test "xlsx2csv -f %Y-%m-%d: currency cells come as plain numbers, date cells as ISO" {
	command -v xlsx2csv >/dev/null || skip "no xlsx2csv (apt-get install xlsx2csv)"
	# the deals that are not split (xlsx2csv's percentages: next test)
	awk 'NR == 1 || !/%$/' "$PLANS/bookings.csv" >whole.csv
	/usr/bin/python3 "$BATS_TEST_DIRNAME/data/mkxlsx.py" whole.csv whole.xlsx \
	    money=Amount dates="Close Date"
	run xlsx2csv -f %Y-%m-%d whole.xlsx
	assert_line --index 1 '006E0000,Chloe Martin,85000,2026-06-05,'
	cd "$PLANS"
	run --separate-stderr "$BIN/commission" -p quarterly.ini -r roster.csv --period 2026-Q2 "$BATS_TEST_TMPDIR/whole.csv"
	assert_success
	want=$output
	run --separate-stderr bash -c '"$1/commission" -p quarterly.ini -r <(xlsx2csv "$2/roster.xlsx") --period 2026-Q2 <(xlsx2csv -f %Y-%m-%d "$2/whole.xlsx")' \
	    bash "$BIN" "$BATS_TEST_TMPDIR"
	assert_success
	assert_equal "$output" "$want"
	# without -f, a date cell comes as its format shows it (06/05/2026),
	# which reads month-first as the workbook meant
	run --separate-stderr bash -c '"$1/commission" -p quarterly.ini -r <(xlsx2csv "$2/roster.xlsx") --period 2026-Q2 <(xlsx2csv "$2/whole.xlsx")' \
	    bash "$BIN" "$BATS_TEST_TMPDIR"
	assert_success
	assert_equal "$output" "$want"
}

@test "xlsx2csv: a percentage cell comes as its fraction: refused in a % column, read with --probability-scale fraction" {
	command -v xlsx2csv >/dev/null || skip "no xlsx2csv (apt-get install xlsx2csv)"
	# split shares of 50% and 50% arrive as 0.5 and 0.5: 1%, not 100%
	cd "$PLANS"
	run --separate-stderr bash -c '"$1/commission" -p quarterly.ini -r roster.csv --period 2026-Q2 <(xlsx2csv -f %Y-%m-%d "$2/bookings.xlsx")' \
	    bash "$BIN" "$BATS_TEST_TMPDIR"
	assert_failure 2
	[[ $stderr == *": deal 006E9001: its split shares add up to 1.00%, not 100%" ]] || fail "$stderr"
	# a probability column: 75% arrives as 0.75
	cd "$BATS_TEST_TMPDIR"
	printf 'Opportunity ID,Amount,Probability (%%),Close Date\n006A,100000,75%%,5/14/2026\n006B,40000,100%%,6/30/2026\n' >p.csv
	/usr/bin/python3 "$BATS_TEST_DIRNAME/data/mkxlsx.py" p.csv p.xlsx \
	    money=Amount pct="Probability (%)" dates="Close Date"
	run xlsx2csv p.xlsx
	assert_line --index 1 '006A,100000,0.75,05/14/2026'
	run --separate-stderr bash -c 'xlsx2csv p.xlsx | "$1/forecast" --weight-by probability' bash "$BIN"
	assert_failure 2
	assert_equal "$stderr" 'forecast: (standard input):2: Probability (%) "0.75": not a probability (a fraction in a column of percentages: write 75 for 75%, 0.75% for under 1%, or read the column as fractions with --probability-scale fraction)'
	# read as fractions: 100000 x 0.75 = 75000 (Best Case, >= 70);
	# 40000 x 1 = 40000 (Closed, 100); 115000 of 140000 = 0.8214
	run --separate-stderr bash -c 'xlsx2csv p.xlsx | "$1/forecast" --weight-by probability --probability-scale fraction' bash "$BIN"
	assert_success
	assert_line 'Closed,1,40000.00,1.0000,40000.00'
	assert_line 'Best Case,1,100000.00,0.7500,75000.00'
	assert_line 'Total,2,140000.00,0.8214,115000.00'
	# sheet2csv.py writes them with their sign: no option needed
	run --separate-stderr bash -c '"$2" p.xlsx | "$1/forecast" --weight-by probability' bash "$BIN" "$S2C"
	assert_success
	assert_line 'Total,2,140000.00,0.8214,115000.00'
}

@test "a date serial (a date cell formatted as a number) is refused, naming the cause" {
	command -v xlsx2csv >/dev/null || skip "no xlsx2csv (apt-get install xlsx2csv)"
	# 46156 days after 1899-12-30 is 2026-05-14
	/usr/bin/python3 - <<'EOF2'
import openpyxl
wb = openpyxl.Workbook(); ws = wb.active
ws.append(["Stage", "Amount", "Close Date"])
ws.append(["Closed Won", 5, 46156])
wb.save("serial.xlsx")
EOF2
	run --separate-stderr bash -c 'xlsx2csv serial.xlsx | "$1/forecast" --period 2026-Q2' bash "$BIN"
	assert_failure 2
	assert_equal "$stderr" "forecast: (standard input):2: Close Date \"46156\": a spreadsheet's date serial, not a date (format the column as a date in the workbook; see salesutils(7), SPREADSHEETS)"
}

@test "an amount with more than two decimals in a currency cell is refused, never rounded" {
	command -v xlsx2csv >/dev/null || skip "no xlsx2csv (apt-get install xlsx2csv)"
	printf 'Stage,Amount\nClosed Won,1234.565\n' >a.csv
	/usr/bin/python3 "$BATS_TEST_DIRNAME/data/mkxlsx.py" a.csv a.xlsx money=Amount
	for conv in "xlsx2csv" "$S2C"; do
		run --separate-stderr bash -c '$2 a.xlsx | "$1/forecast"' bash "$BIN" "$conv"
		assert_failure 2
		assert_equal "$stderr" 'forecast: (standard input):2: Amount "1234.565": not an amount (more than two decimals)'
	done
}
