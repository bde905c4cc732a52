#!/usr/bin/env bats
# The conventions every program shares (SPEC §1): input, bad input, output
# and I/O errors.  Run through forecast, and through tests/unit/csvdump
# (the bare reader) where the records themselves are the point.

bats_require_minimum_version 1.5.0
load helper

stagecheck_() { "$BIN/stagecheck" "$@"; }

H='Opportunity Name,Amount,Forecast Category'

@test "csv-spectrum: the reader produces exactly the expected records" {
	[ "$(ls "$SPECTRUM"/csvs/*.csv | wc -l)" -eq 11 ]
	grep -q $'\r' "$SPECTRUM/csvs/simple_crlf.csv" # kept CRLF (.gitattributes)
	for f in "$SPECTRUM"/csvs/*.csv; do
		b=$(basename "$f" .csv)
		run csvdump "$f"
		assert_success
		assert_equal "$output" "$(jq -c '.[]' "$SPECTRUM/json/$b.json")"
	done
}

@test "differential: 2000 random CSV/TSV files read as python's csv module reads them" {
	# quotes, doubled quotes, delimiters and CR/LF/CRLF inside quotes, empty
	# and 20 KB fields, with and without a last line end; through our
	# reader and our writer (tests/differential.py, seeded); each file read
	# by the fast scanner and by libcsv alone (csvdump -S) alike, broken
	# ones too (a stray quote, a bare CR, a NUL, a quote left open)
	n=${DIFF_N:-2000}
	run python3 "$BATS_TEST_DIRNAME/differential.py" "$BIN" "$n"
	assert_success
	assert_output "differential: $n passed, 0 failed"
}

@test "line numbers: the physical line where a record starts" {
	f=$(mk ln.csv <<'EOF'
a,b
1,"two
lines"
3,x
EOF
)
	run csvdump -L "$f"
	assert_success
	assert_line --index 0 '{"_line":"2","a":"1","b":"two\nlines"}'
	assert_line --index 1 '{"_line":"4","a":"3","b":"x"}'
}

@test "BOM, CRLF, quoted commas and newlines, no final newline" {
	printf '\xef\xbb\xbf"Opportunity Name","Amount","Forecast Category"\r\n"Acme, Inc.","$1,000.00","Commit"\r\n"Multi\r\nline","$2,000.00","Pipeline"' >"$BATS_TEST_TMPDIR/sf.csv"
	run csvdump -L "$BATS_TEST_TMPDIR/sf.csv"
	assert_line --index 0 '{"_line":"2","Opportunity Name":"Acme, Inc.","Amount":"$1,000.00","Forecast Category":"Commit"}'
	assert_line --index 1 '{"_line":"3","Opportunity Name":"Multi\r\nline","Amount":"$2,000.00","Forecast Category":"Pipeline"}'
	run forecast -f tsv "$BATS_TEST_TMPDIR/sf.csv"
	assert_success
	assert_line --index 6 "Total	2	3000.00	0.6333	1900.00"
}

@test "TSV keeps spaces around values; quotes are plain characters" {
	printf 'Name\tAmount\tForecast Category\n  a "b"  \t 5 \tCommit\n' >"$BATS_TEST_TMPDIR/t.tsv"
	run csvdump -t "$BATS_TEST_TMPDIR/t.tsv"
	assert_output '{"Name":"  a \"b\"  ","Amount":" 5 ","Forecast Category":"Commit"}'
	run forecast -t -f tsv "$BATS_TEST_TMPDIR/t.tsv"
	assert_success
	assert_line --index 2 "Commit	1	5.00	0.9000	4.50"
	# CSV keeps them too: libcsv trims nothing here
	printf 'a,b\n  x  , y\n' >"$BATS_TEST_TMPDIR/s.csv"
	run csvdump "$BATS_TEST_TMPDIR/s.csv"
	assert_output '{"a":"  x  ","b":" y"}'
}

@test "-d sets another delimiter; bad delimiter" {
	printf 'a;b\n1;"x;y"\n' >"$BATS_TEST_TMPDIR/d.csv"
	run csvdump -d ';' "$BATS_TEST_TMPDIR/d.csv"
	assert_output '{"a":"1","b":"x;y"}'
	printf 'a\tb\n1\t"x\ty"\n' >"$BATS_TEST_TMPDIR/t.tsv"
	run csvdump --delimiter=tab "$BATS_TEST_TMPDIR/t.tsv"
	assert_output '{"a":"1","b":"x\ty"}'
	# a comma file read with tabs: its quotes are malformed
	run --separate-stderr csvdump -d '\t' "$DATA/seed-q2.csv"
	assert_failure 2
	run --separate-stderr forecast -d ';;' "$DATA/seed-q2.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: -d ;;: the delimiter must be one character (not a quote or line break)"
}

@test "UTF-16 with a BOM (Excel's Unicode text) is decoded, tab-separated" {
	printf 'Name\tAmount\tForecast Category\r\nZo\xc3\xab\t"1,000"\tCommit\r\n' | iconv -f UTF-8 -t UTF-16LE | { printf '\xff\xfe'; cat; } >"$BATS_TEST_TMPDIR/u16.txt"
	run csvdump "$BATS_TEST_TMPDIR/u16.txt"
	assert_success
	assert_output '{"Name":"Zoë","Amount":"1,000","Forecast Category":"Commit"}'
	printf 'Name,Amount\n\xc3\xa9,1\n' | iconv -f UTF-8 -t UTF-16BE | { printf '\xfe\xff'; cat; } >"$BATS_TEST_TMPDIR/u16be.csv"
	run csvdump -d , "$BATS_TEST_TMPDIR/u16be.csv"
	assert_output '{"Name":"é","Amount":"1"}'
}

@test "--encoding cp1252 through iconv; unknown encoding; bad bytes" {
	printf 'Name,Amount\nCaf\xe9 \x80,1\n' >"$BATS_TEST_TMPDIR/w.csv"
	run csvdump --encoding cp1252 "$BATS_TEST_TMPDIR/w.csv"
	assert_success
	assert_output '{"Name":"Café €","Amount":"1"}'
	run --separate-stderr csvdump --encoding klingon "$BATS_TEST_TMPDIR/w.csv"
	assert_failure 2
	assert_equal "$stderr" "csvdump: --encoding klingon: not an encoding iconv knows (see iconv -l)"
	printf 'Name,Amount\nok,1\n\xff\xff,2\n' >"$BATS_TEST_TMPDIR/bad8.csv"
	run --separate-stderr csvdump --encoding UTF-8 "$BATS_TEST_TMPDIR/bad8.csv"
	assert_failure 2
	assert_equal "$stderr" "csvdump: $BATS_TEST_TMPDIR/bad8.csv:3: bytes that are not valid UTF-8"
}

@test "invalid UTF-8 passes through unchanged (csv), as U+FFFD in JSON" {
	printf 'a,b\n\xff\xfe,1\n' >"$BATS_TEST_TMPDIR/inv.csv"
	run bash -c "'$BIN/csvdump' -f csv '$BATS_TEST_TMPDIR/inv.csv' | od -An -tx1 | tr -d ' \n'"
	assert_success
	assert_output "612c620afffe2c310a"
	run csvdump "$BATS_TEST_TMPDIR/inv.csv"
	assert_output '{"a":"\ufffd\ufffd","b":"1"}'
}

@test "Salesforce footer is skipped and its record count checked" {
	{
		printf '"Opportunity Name","Amount","Forecast Category"\n'
		printf '"a","$1.00","Commit"\n"b","$2.00","Pipeline"\n'
		printf '\n"Grand Totals (2 records)"\n\n'
		printf '"Confidential Information - Do Not Distribute"\n'
		printf '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n'
	} >"$BATS_TEST_TMPDIR/foot.csv"
	run --separate-stderr forecast -f tsv "$BATS_TEST_TMPDIR/foot.csv"
	assert_success
	assert_equal "$stderr" ""
	# $1 Commit x 90% + $2 Pipeline x 50% = 0.90 + 1.00 = 1.90
	assert_line --index 6 "Total	2	3.00	0.6333	1.90"
	sed 's/(2 records)/(3 records)/' "$BATS_TEST_TMPDIR/foot.csv" >"$BATS_TEST_TMPDIR/foot3.csv"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/foot3.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/foot3.csv:5: the report footer says 3 records, but 2 were read"
	# one record read: "was", not "were"
	printf 'Amount,Forecast Category\n5,Commit\n\nGrand Totals (3 records)\n' >"$BATS_TEST_TMPDIR/foot1.csv"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/foot1.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/foot1.csv:4: the report footer says 3 records, but 1 was read"
	# a totals row with subtotals is footer too; a full-width row never is
	{ head -4 "$BATS_TEST_TMPDIR/foot.csv"; printf '"Grand Totals (2 records)","$3.00"\n'; } >"$BATS_TEST_TMPDIR/sub.csv"
	run forecast -f tsv "$BATS_TEST_TMPDIR/sub.csv"
	assert_success
	assert_line --index 6 "Total	2	3.00	0.6333	1.90"
	# data after the footer
	{ cat "$BATS_TEST_TMPDIR/foot.csv"; printf '"c","$3.00","Commit"\n'; } >"$BATS_TEST_TMPDIR/after.csv"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/after.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/after.csv:9: a row after the report footer"
}

@test "Salesforce footer: a count with a group separator is checked, not passed over" {
	# 1,500 rows of $1.00 Commit: amount 1500.00, weighted 1500 x 90% = 1350.00
	d=$BATS_TEST_TMPDIR
	{ printf '%s\n' "$H"; for i in $(seq 1500); do printf 'd%d,1,Commit\n' "$i"; done; } >"$d/rows.csv"
	for n in '1,500' '1.500' '1 500' $'1\xc2\xa0500' "1'500"; do
		{ cat "$d/rows.csv"; printf '\n"Grand Totals (%s records)"\n' "$n"; } >"$d/g.csv"
		run --separate-stderr forecast -f tsv "$d/g.csv"
		assert_success
		assert_equal "$stderr" ""
		assert_line --index 6 "Total	1500	1500.00	0.9000	1350.00"
	done
	# a truncated export: the footer's 1,500 against the 1,499 rows read
	{ head -n 1500 "$d/rows.csv"; printf '\n"Grand Totals (1,500 records)"\n'; } >"$d/cut.csv"
	run --separate-stderr forecast "$d/cut.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "forecast: $d/cut.csv:1502: the report footer says 1500 records, but 1499 were read"
}

@test "Salesforce footer: a record count that cannot be read is an error" {
	# "1,50" does not group by three: the count cannot be checked
	printf '%s\na,1,Commit\n\n"Grand Totals (1,50 records)"\n' "$H" >"$BATS_TEST_TMPDIR/bad.csv"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/bad.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/bad.csv:4: the report footer's record count cannot be read: \"Grand Totals (1,50 records)\""
}

@test "a blank line that opens no footer is an error" {
	printf '%s\n1,5,Commit\n\n2,5,Commit\n' "$H" >"$BATS_TEST_TMPDIR/bl.csv"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/bl.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/bl.csv:3: blank line (expected 3 fields)"
	printf '%s\n1,5,Commit\n\n' "$H" >"$BATS_TEST_TMPDIR/bl2.csv"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/bl2.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/bl2.csv:3: blank line (expected 3 fields)"
}

@test "wrong field count: FILE:LINE: expected N fields, found M" {
	printf '%s\n1,5,Commit\n2,5\n3,5,Commit,extra\n' "$H" >"$BATS_TEST_TMPDIR/fc.csv"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/fc.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/fc.csv:3: expected 3 fields, found 2"
}

@test "malformed quoting, and a quote never closed" {
	printf '%s\n1,"5"x,Commit\n' "$H" >"$BATS_TEST_TMPDIR/q1.csv"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/q1.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/q1.csv:2: malformed quoting: a quote inside an unquoted field, or text after a closing quote"
	printf '%s\n1,5,Commit\n2,"5,Commit\n3,5,Commit\n' "$H" >"$BATS_TEST_TMPDIR/q2.csv"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/q2.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/q2.csv:3: a quoted field opened here is never closed"
	printf 'a,"b\n' >"$BATS_TEST_TMPDIR/q3.csv"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/q3.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/q3.csv:1: the header line is not valid CSV (malformed quoting)"
}

@test "fuzz regression: a malformed header before any field (NULL + 0 in the reader)" {
	# found by tests/fuzz/fuzz_csv; kept in tests/fuzz/corpus/csv
	printf 'a\377"" \212ha"\n3,8\n' >"$BATS_TEST_TMPDIR/fz.csv"
	run --separate-stderr csvdump "$BATS_TEST_TMPDIR/fz.csv"
	assert_failure 2
	assert_equal "$stderr" "csvdump: $BATS_TEST_TMPDIR/fz.csv:1: the header line is not valid CSV (malformed quoting)"
}

@test "NUL bytes are an error" {
	printf '%s\n1,5\0,Commit\n' "$H" >"$BATS_TEST_TMPDIR/nul.csv"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/nul.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/nul.csv:2: NUL byte in the input (not a text file?)"
}

@test "empty input, header only" {
	: >"$BATS_TEST_TMPDIR/empty.csv"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/empty.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/empty.csv: empty input (no header line)"
	printf '%s\n' "$H" >"$BATS_TEST_TMPDIR/ho.csv"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/ho.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/ho.csv: no data rows, only a header"
	run --separate-stderr forecast </dev/null
	assert_failure 2
	assert_equal "$stderr" "forecast: (standard input): empty input (no header line)"
}

@test "missing file; a directory" {
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/nope.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/nope.csv: No such file or directory"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR: read error: Is a directory"
}

@test "standard input: none or -" {
	run bash -c "'$BIN/forecast' < '$DATA/seed-q2.csv'"
	assert_success
	assert_output "$(forecast "$DATA/seed-q2.csv")"
	run bash -c "'$BIN/forecast' - < '$DATA/seed-q2.csv'"
	assert_output "$(forecast "$DATA/seed-q2.csv")"
}

@test "several files: read in order; headers must match" {
	run forecast "$DATA/seed-q2.csv" "$DATA/seed-q2.csv"
	assert_success
	assert_line --index 6 "Total,40,3900000.00,0.6513,2540000.00"
	printf 'Amount,Forecast Category\n1,Commit\n' >"$BATS_TEST_TMPDIR/other.csv"
	run --separate-stderr forecast "$DATA/seed-q2.csv" "$BATS_TEST_TMPDIR/other.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/other.csv:1: header has 2 fields, but $DATA/seed-q2.csv's has 8; files read together must have the same header"
	printf 'Amount,Stage\n1,Closed Won\n' >"$BATS_TEST_TMPDIR/o1.csv"
	printf 'Amount,Deal Stage\n1,Closed Won\n' >"$BATS_TEST_TMPDIR/o2.csv"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/o1.csv" "$BATS_TEST_TMPDIR/o2.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/o2.csv:1: column 2 is \"Deal Stage\", but in $BATS_TEST_TMPDIR/o1.csv it is \"Stage\"; files read together must have the same header"
}

@test "columns by role: case, spaces, punctuation; -c overrides; errors" {
	printf 'close_date,AMOUNT,forecastcategoryname\n2026-05-01,5,Commit\n' >"$BATS_TEST_TMPDIR/r.csv"
	run forecast --period 2026-Q2 -f tsv "$BATS_TEST_TMPDIR/r.csv"
	assert_success
	assert_line --index 2 "Commit	1	5.00	0.9000	4.50"
	printf 'Deal,Value,Cat\nx,5,Commit\n' >"$BATS_TEST_TMPDIR/c.csv"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/c.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/c.csv:1: no amount column (tried \"Amount\", \"ARR\", \"ACV\", \"Total Contract Value\", \"Deal Amount\", \"Close Value\", \"Deal Value\", \"Estimated Value\"; or name it with -c amount=HEADER); the headers are: \"Deal\", \"Value\", \"Cat\""
	run forecast -c amount=Value -c category=cat -f tsv "$BATS_TEST_TMPDIR/c.csv"
	assert_success
	assert_line --index 2 "Commit	1	5.00	0.9000	4.50"
	run --separate-stderr forecast -c amount=Nope "$BATS_TEST_TMPDIR/c.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/c.csv: -c amount=Nope: no such column; the headers are: \"Deal\", \"Value\", \"Cat\""
	run --separate-stderr forecast -c size=Value "$BATS_TEST_TMPDIR/c.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: -c size=Value: unknown role \"size\" (roles: id, name, account, owner, stage, amount, probability, category, close_date, created_date, type, currency, metrics, economic_buyer, decision_criteria, decision_process, paper_process, identify_pain, champion, competition, pain_score, loss_reason, from_stage, to_stage, changed_date, segment, sql_date, mql_date, response_date, source, is_closed, is_won, rep, plan, quota, variable, start_date, team, period, metric, value, activity_date, split, eb_title, next_step, next_step_date, field, renewal_date, base, manager, draw)"
	run --separate-stderr forecast -c amount "$BATS_TEST_TMPDIR/c.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: -c amount: expected ROLE=HEADER"
}

@test "two headers for one role is an error" {
	printf 'Amount,ARR,Forecast Category\n1,2,Commit\n' >"$BATS_TEST_TMPDIR/amb.csv"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/amb.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/amb.csv:1: columns \"Amount\" and \"ARR\" both look like the amount column; choose one with -c amount=HEADER"
	run forecast -c amount=ARR -f tsv "$BATS_TEST_TMPDIR/amb.csv"
	assert_line --index 2 "Commit	1	2.00	0.9000	1.80"
}

@test "dates: US M/D/YYYY, ISO datetime, --date-format dmy; errors suggest the option" {
	printf 'Amount,Forecast Category,Close Date\n1,Commit,4/30/2026\n1,Commit,2026-05-01T09:30:00Z\n1,Commit,2026-06-01 10:00\n' >"$BATS_TEST_TMPDIR/d.csv"
	run forecast --period 2026-Q2 -f tsv "$BATS_TEST_TMPDIR/d.csv"
	assert_line --index 2 "Commit	3	3.00	0.9000	2.70"
	printf 'Amount,Forecast Category,Close Date\n1,Commit,25/12/2026\n' >"$BATS_TEST_TMPDIR/e.csv"
	run --separate-stderr forecast --period 2026 "$BATS_TEST_TMPDIR/e.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/e.csv:2: Close Date \"25/12/2026\": month is over 12 (dates are read month-first, M/D/YYYY; use --date-format dmy for day-first)"
	run forecast --date-format dmy --period 2026-Q4 -f tsv "$BATS_TEST_TMPDIR/e.csv"
	assert_success
	assert_line --index 2 "Commit	1	1.00	0.9000	0.90"
	printf 'Amount,Forecast Category,Close Date\n1,Commit,2026-02-30\n' >"$BATS_TEST_TMPDIR/f.csv"
	run --separate-stderr forecast --period 2026 "$BATS_TEST_TMPDIR/f.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/f.csv:2: Close Date \"2026-02-30\": no such day in that month"
	run --separate-stderr forecast --date-format ymd "$BATS_TEST_TMPDIR/f.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --date-format ymd: expected mdy or dmy"
}

@test "--fiscal-year-start: numbers and month names; errors" {
	run forecast --fiscal-year-start 13 "$DATA/seed-q2.csv"
	assert_failure 2
	assert_output "forecast: --fiscal-year-start 13: expected a month, 1-12"
	run forecast --fiscal-year-start February -g fiscal_year -f tsv "$DATA/seed-q2.csv"
	assert_success
	assert_line --index 1 --regexp '^FY2027	Closed'
}

@test "--skip-invalid: bad records reported, counted, the rest summed" {
	printf '%s\n1,5,Commit\n2,5\n3,x,Commit\n4,7,Commit\n5,1,Nope\n' "$H" >"$BATS_TEST_TMPDIR/sk.csv"
	run --separate-stderr forecast --skip-invalid -f tsv "$BATS_TEST_TMPDIR/sk.csv"
	assert_success
	assert_line --index 2 "Commit	2	12.00	0.9000	10.80"
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/sk.csv:3: expected 3 fields, found 2 (skipped)
forecast: $BATS_TEST_TMPDIR/sk.csv:4: Amount \"x\": not an amount (not a number) (skipped)
forecast: $BATS_TEST_TMPDIR/sk.csv:6: Forecast Category \"Nope\": unknown forecast category (accepted: Closed, Commit, Best Case, Pipeline, Omitted; also Closed Won, Not forecasted, Closed Lost) (skipped)
forecast: 3 invalid records skipped"
}

@test "--rejects FILE: every skipped record verbatim, with line and reason; written + rejected = read" {
	printf '%s\n1,5,Commit\n"two\nlines",5\n3,x,Commit\n4,7,Commit\n' "$H" >"$BATS_TEST_TMPDIR/rj.csv"
	run --separate-stderr forecast --rejects "$BATS_TEST_TMPDIR/rej.csv" -f json "$BATS_TEST_TMPDIR/rj.csv"
	assert_success
	run cat "$BATS_TEST_TMPDIR/rej.csv"
	assert_output "file,line,reason,record
$BATS_TEST_TMPDIR/rj.csv,3,\"expected 3 fields, found 2\",\"\"\"two
lines\"\",5\"
$BATS_TEST_TMPDIR/rj.csv,5,\"Amount \"\"x\"\": not an amount (not a number)\",\"3,x,Commit\""
	# 4 rows read: 2 counted (Total deals) + 2 rejected
	total=$(forecast --skip-invalid -f json "$BATS_TEST_TMPDIR/rj.csv" 2>/dev/null | jq 'select(.category=="Total").deals')
	rejected=$(($(csvdump "$BATS_TEST_TMPDIR/rej.csv" | wc -l)))
	assert_equal "$((total + rejected))" 4
	# no rejects: the file still exists, with its header only
	run forecast --rejects "$BATS_TEST_TMPDIR/none.csv" "$DATA/seed-q2.csv"
	assert_success
	assert_equal "$(cat "$BATS_TEST_TMPDIR/none.csv")" "file,line,reason,record"
}

@test "skipped messages are capped; the count is total" {
	{ printf '%s\n' "$H"; for i in $(seq 1 25); do printf '%d,bad,Commit\n' "$i"; done; printf 'ok,1,Commit\n'; } >"$BATS_TEST_TMPDIR/many.csv"
	run --separate-stderr forecast --skip-invalid "$BATS_TEST_TMPDIR/many.csv"
	assert_success
	assert_equal "$(printf '%s\n' "$stderr" | wc -l)" 11
	assert_equal "${stderr##*$'\n'}" "forecast: 25 invalid records skipped (15 not shown)"
}

@test "-o FILE is written atomically; a failed run leaves the old file and no temporary" {
	out=$BATS_TEST_TMPDIR/weekly.csv
	echo old >"$out"
	printf '%s\n1,5,Commit\n2,bad,Commit\n' "$H" >"$BATS_TEST_TMPDIR/bad.csv"
	run forecast -o "$out" "$BATS_TEST_TMPDIR/bad.csv"
	assert_failure 2
	assert_equal "$(cat "$out")" old
	assert_equal "$(ls -A "$BATS_TEST_TMPDIR" | grep -c '^\.weekly')" 0
	run --separate-stderr forecast -o "$out" "$DATA/seed-q2.csv"
	assert_success
	assert_output ""
	assert_equal "$(cat "$out")" "$(forecast "$DATA/seed-q2.csv")"
	assert_equal "$(ls -A "$BATS_TEST_TMPDIR" | grep -c '^\.weekly')" 0
	run --separate-stderr forecast -o "$BATS_TEST_TMPDIR/no/such/dir/w.csv" "$DATA/seed-q2.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/no/such/dir/w.csv: cannot create: No such file or directory"
}

@test "a full disk is an error: > /dev/full" {
	run --separate-stderr bash -c "'$BIN/forecast' '$DATA/seed-q2.csv' > /dev/full"
	assert_failure 2
	assert_equal "$stderr" "forecast: write error: No space left on device"
	run --separate-stderr bash -c "'$BIN/forecast' -f table '$DATA/seed-q2.csv' > /dev/full"
	assert_failure 2
}

@test "a closed pipe ends the program quietly" {
	{ printf '%s\n' "Owner,Amount,Forecast Category"; for i in $(seq 1 20000); do printf 'rep%05d,1,Commit\n' "$i"; done; } >"$BATS_TEST_TMPDIR/wide.csv"
	run --separate-stderr bash -c "set -o pipefail; '$BIN/forecast' -g owner '$BATS_TEST_TMPDIR/wide.csv' | head -1"
	assert_success
	assert_output "Owner,category,deals,amount,weight,weighted_amount"
	assert_equal "$stderr" ""
}

@test "TSV output cannot carry a tab or newline: error, not a silent change" {
	printf 'Owner,Amount,Forecast Category\n"a\tb",1,Commit\n' >"$BATS_TEST_TMPDIR/tab.csv"
	run --separate-stderr forecast -g owner -f tsv "$BATS_TEST_TMPDIR/tab.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: a value holds a tab or a line break, which TSV cannot carry: \"a	b\" (use --format csv)"
	# in CSV a tab needs no quotes (RFC 4180)
	run forecast -g owner -f csv "$BATS_TEST_TMPDIR/tab.csv"
	assert_line --index 1 "a	b,Closed,0,0.00,1.0000,0.00"
}

@test "CSV output quotes only when needed" {
	printf 'Owner,Amount,Forecast Category\n"Doe, Jane",1,Commit\n"say ""hi""",1,Commit\nplain,1,Commit\n' >"$BATS_TEST_TMPDIR/qo.csv"
	run forecast -g owner "$BATS_TEST_TMPDIR/qo.csv"
	assert_line --index 1 '"Doe, Jane",Closed,0,0.00,1.0000,0.00'
	assert_line --index 8 'plain,Closed,0,0.00,1.0000,0.00'
	assert_line --index 15 '"say ""hi""",Closed,0,0.00,1.0000,0.00'
}

@test "--excel-safe: text a spreadsheet would run as a formula gets an apostrophe" {
	printf '%s\n' 'Owner,Amount,Forecast Category' '"=HYPERLINK(""http://x"",""y"")",1,Commit' '@SUM(A1),1,Commit' '+1-2,1,Commit' '-1234.56,1,Commit' '"-$5",1,Commit' 'plain,1,Commit' >"$BATS_TEST_TMPDIR/inj.csv"
	run forecast --excel-safe -g owner "$BATS_TEST_TMPDIR/inj.csv"
	assert_success
	assert_line --index 1 "'+1-2,Closed,0,0.00,1.0000,0.00"
	assert_line --index 8 '-$5,Closed,0,0.00,1.0000,0.00'
	assert_line --index 15 "-1234.56,Closed,0,0.00,1.0000,0.00"
	assert_line --index 22 "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\",Closed,0,0.00,1.0000,0.00"
	assert_line --index 29 "'@SUM(A1),Closed,0,0.00,1.0000,0.00"
	assert_line --index 36 "plain,Closed,0,0.00,1.0000,0.00"
	run forecast --excel-safe -g owner -f tsv "$BATS_TEST_TMPDIR/inj.csv"
	assert_line --index 29 "'@SUM(A1)	Closed	0	0.00	1.0000	0.00"
	# off by default; JSON never changed
	run forecast -g owner "$BATS_TEST_TMPDIR/inj.csv"
	assert_line --index 29 "@SUM(A1),Closed,0,0.00,1.0000,0.00"
	run forecast --excel-safe -g owner -f json "$BATS_TEST_TMPDIR/inj.csv"
	assert_line --index 28 --partial '{"Owner":"@SUM(A1)"'
	# stagecheck --annotate passes rows through: the same
	printf 'Stage,Note\nProspecting,=cmd|calc\n' >"$BATS_TEST_TMPDIR/a.csv"
	run stagecheck_ --excel-safe -m "$EXAMPLES/models/salesforce-default.ini" --annotate "$BATS_TEST_TMPDIR/a.csv"
	assert_line --index 1 "Prospecting,'=cmd|calc,pass,,"
}

@test "SIGTERM, SIGINT, SIGHUP: no temporary of -o or --rejects is left behind, and the program dies of the signal" {
	# mqlqualify streams, so its -o temporary exists while it reads; the
	# --rejects temporary exists from the first bad record.  set -m: a
	# background job keeps SIGINT (without job control bash ignores it)
	d=$BATS_TEST_TMPDIR
	for sig in TERM INT HUP; do
		rm -rf "$d/w" && mkdir "$d/w" && mkfifo "$d/w/in.csv"
		run bash -c '
			set -m
			exec 2>/dev/null # and the shell'"'"'s job notices
			cd "$1"
			"$BIN/mqlqualify" -o out.csv --skip-invalid --rejects rej.csv in.csv 2>/dev/null &
			pid=$!
			exec 3>in.csv
			head -n 3 "$2" >&3 # a header and two leads
			printf "short,row\n" >&3 # rejected
			for i in $(seq 100); do
				[ "$(ls -A | grep -c "^\.")" -ge 2 ] && break
				sleep 0.05
			done
			ls -A | grep -c "^\." # temporaries while it runs
			kill -'"$sig"' $pid
			wait $pid
			echo "status $?"
			ls -A' _ "$d/w" "$EXAMPLES/hubspot-leads.csv"
		assert_line --index 0 2
		case $sig in TERM) st=143 ;; INT) st=130 ;; HUP) st=129 ;; esac
		assert_line --index 1 "status $st"
		assert_line --index 2 "in.csv" # nothing else: no temporary, no output
		assert_equal "${#lines[@]}" 3
	done
}

# issue 13, item 1: "1.000" is a thousand in a European export; read as
# 1.00 it was a silent wrong number.  Three decimals after one to three
# digits get the hint; more decimals, or a longer whole part, do not.
HINT_DOT='more than two decimals; "." may separate thousands here: write the amount without it, or use --decimal-comma'
HINT_COMMA='more than two decimals; "," may separate thousands here: write the amount without it, or leave out --decimal-comma'

@test "amounts: a third decimal, even a zero, is an error that hints at a thousands separator" {
	printf '%s\na,1.000,Commit\n' "$H" >"$BATS_TEST_TMPDIR/z.csv"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/z.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/z.csv:2: Amount \"1.000\": not an amount ($HINT_DOT)"
	printf '%s\na,"750,000",Commit\n' "$H" >"$BATS_TEST_TMPDIR/zc.csv"
	run --separate-stderr forecast --decimal-comma "$BATS_TEST_TMPDIR/zc.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/zc.csv:2: Amount \"750,000\": not an amount ($HINT_COMMA)"
	# four decimals, or four digits before three: no thousands to suspect
	printf '%s\na,1.0000,Commit\nb,1234.000,Commit\n' "$H" >"$BATS_TEST_TMPDIR/z4.csv"
	run --separate-stderr forecast --skip-invalid "$BATS_TEST_TMPDIR/z4.csv"
	assert_success
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/z4.csv:2: Amount \"1.0000\": not an amount (more than two decimals) (skipped)
forecast: $BATS_TEST_TMPDIR/z4.csv:3: Amount \"1234.000\": not an amount (more than two decimals) (skipped)
forecast: 2 invalid records skipped"
}

@test "amounts: a k or M suffix that makes three decimals whole cents is read" {
	# 1.000k = 1,000.00; 1.250M = 1,250,000.00; total 1,251,000.00
	# Commit x 90%: 900.00 + 1,125,000.00 = 1,125,900.00
	printf '%s\na,1.000k,Commit\nb,1.250M,Commit\n' "$H" >"$BATS_TEST_TMPDIR/k.csv"
	run --separate-stderr forecast -f tsv "$BATS_TEST_TMPDIR/k.csv"
	assert_success
	assert_line --index 2 "Commit	2	1251000.00	0.9000	1125900.00"
}

@test "--target and --fail-under: a third decimal is an error, with or without --decimal-comma" {
	printf '%s\na,1000,Commit\n' "$H" >"$BATS_TEST_TMPDIR/t.csv"
	run --separate-stderr forecast --target 750.000 "$BATS_TEST_TMPDIR/t.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --target 750.000: not an amount ($HINT_DOT)"
	run --separate-stderr forecast --fail-under 25.000 "$BATS_TEST_TMPDIR/t.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --fail-under 25.000: not an amount ($HINT_DOT)"
	run --separate-stderr forecast --decimal-comma --target 750,000 "$BATS_TEST_TMPDIR/t.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --target 750,000: not an amount ($HINT_COMMA)"
	# read as the option says: 750.000 with --decimal-comma is 750,000.00;
	# Commit $1,000 x 90% = 900.00; coverage 900 / 750000 = 0.0012; gap
	# 750000 - 900 = 749100.00; pipeline coverage 1000 / 750000 = 0.0013
	run --separate-stderr forecast --decimal-comma --target 750.000 -f tsv "$BATS_TEST_TMPDIR/t.csv"
	assert_success
	assert_line --index 6 "Total	1	1000.00	0.9000	900.00	750000.00	0.0012	749100.00	0.0013"
}

@test "commission: a credited amount with a third decimal is refused, not paid as 1.00" {
	printf 'Opportunity ID,Stage,Amount,Forecast Category,Created Date,Close Date\nX1,Closed Won,1.000,Closed,2026-01-01,2026-02-01\n' >"$BATS_TEST_TMPDIR/c.csv"
	run --separate-stderr "$BIN/commission" -p "$DATA/matrix-plan.ini" -r "$DATA/matrix-roster.csv" -c owner=Stage --as-of 2026-06-01 "$BATS_TEST_TMPDIR/c.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "commission: $BATS_TEST_TMPDIR/c.csv:2: Amount \"1.000\": not an amount ($HINT_DOT)"
}

# issue 13, item 14: an Excel re-save writes dd-mm-yy.  Read only when
# --date-format names the order, with POSIX strptime's %y pivot.
@test "dates: a two-digit year without --date-format is an error that names the option" {
	printf 'Amount,Forecast Category,Close Date\n1,Commit,16-02-26\n' >"$BATS_TEST_TMPDIR/yy.csv"
	run --separate-stderr forecast --period 2026 "$BATS_TEST_TMPDIR/yy.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/yy.csv:2: Close Date \"16-02-26\": two-digit year (write the year in full, or give --date-format mdy or dmy to read 00-68 as 20xx and 69-99 as 19xx)"
}

@test "dates: --date-format dmy reads dd-mm-yy, 00-68 as 20xx and 69-99 as 19xx" {
	# 16-02-26 = 2026-02-16 (2026-Q1); 31.12.68 = 2068-12-31; 01/01/69 =
	# 1969-01-01: by quarter, one deal of $1 Commit in each, 0.90 weighted
	printf 'Amount,Forecast Category,Close Date\n1,Commit,16-02-26\n1,Commit,31.12.68\n1,Commit,01/01/69\n' >"$BATS_TEST_TMPDIR/yy.csv"
	run --separate-stderr forecast --date-format dmy -g quarter -f tsv "$BATS_TEST_TMPDIR/yy.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_line "1969-Q1	Commit	1	1.00	0.9000	0.90"
	assert_line "2026-Q1	Commit	1	1.00	0.9000	0.90"
	assert_line "2068-Q4	Commit	1	1.00	0.9000	0.90"
}

@test "dates: --date-format mdy reads m/d/yy; --as-of takes the same reading" {
	# 2/16/26 = 2026-02-16, in 2026-Q1; --as-of 3/1/26 = 2026-03-01
	printf 'Amount,Forecast Category,Close Date\n1,Commit,2/16/26\n' >"$BATS_TEST_TMPDIR/us.csv"
	run --separate-stderr forecast --date-format mdy --as-of 3/1/26 --period 2026-Q1 -f tsv "$BATS_TEST_TMPDIR/us.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 2 "Commit	1	1.00	0.9000	0.90"
}

# issue 13, item 4: "0.75" where percentages are read is 0.75% as written
# and 75% from an export that writes fractions: refused, or read the way
# --probability-scale says
P_HINT='a fraction in a column of percentages: write 75 for 75%, 0.75% for under 1%, or read the column as fractions with --probability-scale fraction'

@test "probability: a fraction below 1 in a column of percentages is an error" {
	printf 'Opportunity Name,Amount,Probability (%%)\na,100,75\nb,100,0.75\n' >"$BATS_TEST_TMPDIR/p.csv"
	run --separate-stderr forecast --weight-by probability "$BATS_TEST_TMPDIR/p.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/p.csv:3: Probability (%) \"0.75\": not a probability ($P_HINT)"
	# a header without % is read as percentages too: the same question
	printf 'Opportunity Name,Amount,Probability\na,100,.5\n' >"$BATS_TEST_TMPDIR/p2.csv"
	run --separate-stderr forecast --weight-by probability "$BATS_TEST_TMPDIR/p2.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/p2.csv:2: Probability \".5\": not a probability ($P_HINT)"
	# and stagecheck reads the column the same way
	printf 'Opportunity Name,Stage,Amount,Probability (%%)\na,Discover,100,0.1\n' >"$BATS_TEST_TMPDIR/s.csv"
	run --separate-stderr "$BIN/stagecheck" --as-of 2026-06-01 "$BATS_TEST_TMPDIR/s.csv"
	assert_failure 2
	assert_equal "$stderr" "stagecheck: $BATS_TEST_TMPDIR/s.csv:2: Probability (%) \"0.1\": not a probability ($P_HINT)"
}

@test "probability: 0.75% with its sign, 0 and values from 1 up are read as percentages" {
	# $100 x 0.75% = 0.75 (Omitted, under 30%); $100 x 0% = 0.00; $100 x
	# 1.5% = 1.50; weighted 0.75 + 0 + 1.50 = 2.25, weight 2.25 / 300 = 0.0075
	printf 'Opportunity Name,Amount,Probability (%%)\na,100,0.75%%\nb,100,0\nc,100,1.5\n' >"$BATS_TEST_TMPDIR/p.csv"
	run --separate-stderr forecast --weight-by probability -f tsv "$BATS_TEST_TMPDIR/p.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 5 "Omitted	3	300.00	0.0075	2.25"
}

@test "--probability-scale fraction reads a % column's 0.75 as 75%; percent as 0.75%" {
	printf 'Opportunity Name,Amount,Probability (%%)\na,100,0.75\n' >"$BATS_TEST_TMPDIR/p.csv"
	# fraction: $100 x 75% = 75.00, Best Case (70% and over)
	run --separate-stderr forecast --weight-by probability --probability-scale fraction -f tsv "$BATS_TEST_TMPDIR/p.csv"
	assert_success
	assert_line --index 3 "Best Case	1	100.00	0.7500	75.00"
	# percent: $100 x 0.75% = 0.75, Omitted (under 30%)
	run --separate-stderr forecast --weight-by probability --probability-scale percent -f tsv "$BATS_TEST_TMPDIR/p.csv"
	assert_success
	assert_line --index 5 "Omitted	1	100.00	0.0075	0.75"
	run --separate-stderr forecast --probability-scale half "$BATS_TEST_TMPDIR/p.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --probability-scale half: expected percent or fraction"
}

@test "probability: HubSpot's Deal probability holds fractions and stays so" {
	# 0.75 = 75%: $100 x 75% = 75.00, Best Case
	printf 'Deal Name,Amount,Deal probability\na,100,0.75\n' >"$BATS_TEST_TMPDIR/h.csv"
	run --separate-stderr forecast --weight-by probability -f tsv "$BATS_TEST_TMPDIR/h.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 3 "Best Case	1	100.00	0.7500	75.00"
}

@test "--weights commit=0.85 is refused: did you mean 85?" {
	printf '%s\na,100,Commit\n' "$H" >"$BATS_TEST_TMPDIR/w.csv"
	run --separate-stderr forecast --weights commit=0.85 "$BATS_TEST_TMPDIR/w.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "forecast: --weights: commit=0.85: percentages are from 0 to 100, so 0.85 would be 0.85%; did you mean 85? (or write 0.85%)"
	# 0.85% with its sign is taken: $100 x 0.85% = 0.85
	run --separate-stderr forecast --weights commit=0.85% -f tsv "$BATS_TEST_TMPDIR/w.csv"
	assert_success
	assert_line --index 2 "Commit	1	100.00	0.0085	0.85"
}

@test "a percentage option (--target-win-rate) below 1 with a fraction: did you mean?" {
	run --separate-stderr "$BIN/cyclestat" --target-win-rate 0.055 "$DATA/cycle.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "cyclestat: --target-win-rate 0.055: percentages are from 0 to 100, so 0.055 would be 0.055%; did you mean 5.5? (or write 0.055%)"
}

# issue 13, item 5: one list of yes-like and no-like values (salesutils(7)).
# The built-in rules (examples/rules/default.ini): budget 20 (present),
# authority 20, fit 20, timing 20, intent 20 (yes("Active Evaluation"),
# required for sql); sql at 80, nurture at 40.
LH='Record ID,Budget,Buying Role,Use Case,Purchase Timeline,Active Evaluation,ICP Score'
LROW='Yes,Champion,x,2026-04-01'

@test "yes/no: N, null, nil, Off, unchecked, 0.0 in Active Evaluation are no: no SQL" {
	# each lead: budget, authority, fit, timing 4 x 20 = 80, no intent:
	# nurture (intent is required for sql), not sql with 100 as before
	{
		printf '%s\n' "$LH"
		i=0
		for v in yes N null NIL Off unchecked 0.0 No; do
			i=$((i + 1))
			printf '%d,%s,%s,8\n' "$i" "$LROW" "$v"
		done
	} >"$BATS_TEST_TMPDIR/l.csv"
	run --separate-stderr "$BIN/mqlqualify" --as-of 2026-03-01 "$BATS_TEST_TMPDIR/l.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 1 "1,$LROW,yes,8,sql,100,"
	for i in 2 3 4 5 6 7 8; do
		assert_line --index "$i" --regexp "^$i,$LROW,[^,]*,8,nurture,80,intent\$"
	done
}

@test "yes/no: values neither yes nor no in a yes() column are said once per column, with the count, read as no" {
	# 5 leads neither yes nor no (maybe twice, Maybe, soon, later): each
	# 80 points without intent, nurture; the examples are the first three
	# distinct values, "..." for more
	{
		printf '%s\n' "$LH"
		i=0
		for v in maybe Maybe soon later maybe true; do
			i=$((i + 1))
			printf '%d,%s,%s,8\n' "$i" "$LROW" "$v"
		done
	} >"$BATS_TEST_TMPDIR/l.csv"
	run --separate-stderr "$BIN/mqlqualify" --as-of 2026-03-01 "$BATS_TEST_TMPDIR/l.csv"
	assert_success
	assert_equal "$stderr" 'mqlqualify: Active Evaluation: 5 values neither yes nor no ("maybe", "Maybe", "soon" ...), read as no'
	assert_line --index 1 "1,$LROW,maybe,8,nurture,80,intent"
	assert_line --index 6 "6,$LROW,true,8,sql,100,"
	# one such value: singular, no "..."
	printf '%s\n1,%s,perhaps,8\n' "$LH" "$LROW" >"$BATS_TEST_TMPDIR/l1.csv"
	run --separate-stderr "$BIN/mqlqualify" --as-of 2026-03-01 "$BATS_TEST_TMPDIR/l1.csv"
	assert_success
	assert_equal "$stderr" 'mqlqualify: Active Evaluation: 1 value neither yes nor no ("perhaps"), read as no'
}

@test "yes/no: text that starts with No (\"No budget\") is no; a note or a name is present" {
	# lead 1: Budget "No budget" is no, Buying Role Engineer no authority:
	# fit + timing + intent = 3 x 20 = 60, nurture (it was 80, sql)
	# lead 2: Budget "Approved" is present: budget + fit + timing + intent
	# = 4 x 20 = 80, sql; only authority is missing
	printf '%s\n1,No budget,Engineer,x,2026-04-01,yes,8\n2,Approved,Engineer,x,2026-04-01,yes,8\n' "$LH" >"$BATS_TEST_TMPDIR/b.csv"
	run --separate-stderr "$BIN/mqlqualify" --as-of 2026-03-01 "$BATS_TEST_TMPDIR/b.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 1 "1,No budget,Engineer,x,2026-04-01,yes,8,nurture,60,budget;authority"
	assert_line --index 2 "2,Approved,Engineer,x,2026-04-01,yes,8,sql,80,authority"
}

@test "yes/no: MEDDPICC fields of N, null, 0.0, Off, unchecked or \"No ...\" are missing in stagecheck" {
	# A1 has a buyer and a champion by name; A2-A4 have neither, though
	# each cell holds a value that was read as present before
	printf 'Opportunity ID,Stage,Amount,Close Date,Economic Buyer,Champion\nA1,Proof of Concept,1000,2026-08-01,CFO,Jane Doe\nA2,Proof of Concept,1000,2026-08-01,N,null\nA3,Proof of Concept,1000,2026-08-01,No budget holder yet,unchecked\nA4,Proof of Concept,1000,2026-08-01,0.0,Off\n' >"$BATS_TEST_TMPDIR/m.csv"
	run --separate-stderr "$BIN/stagecheck" --as-of 2026-06-01 --severity warn "$BATS_TEST_TMPDIR/m.csv"
	assert_failure 1
	assert_equal "$stderr" ""
	for id in A2 A3 A4; do
		assert_line "$id,,,Proof of Concept,no-economic-buyer,warn,no economic buyer at Proof of Concept: the deal is at risk"
		assert_line "$id,,,Proof of Concept,no-champion,warn,no champion at Proof of Concept"
	done
	refute_line --partial "A1,,,Proof of Concept,no-"
}

@test "yes/no: commission refuses a count resting on a value neither yes nor no" {
	# seed 000's SDR counts yes(Qualified): "maybe" is no meeting to pay for
	{ head -n 3 "$EXAMPLES/plans/meetings.csv"; printf 'Sam,2026-04-01,maybe\n'; } >"$BATS_TEST_TMPDIR/mt.csv"
	run --separate-stderr "$BIN/commission" -p "$EXAMPLES/plans/seed000.ini" -r "$EXAMPLES/plans/seed000-roster.csv" --activities "$BATS_TEST_TMPDIR/mt.csv" "$EXAMPLES/plans/seed000-bookings.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "commission: $BATS_TEST_TMPDIR/mt.csv:4: plan SDR: count: Qualified \"maybe\": neither yes nor no (see salesutils(7))"
}

@test "yes/no: a cell two rules read is counted once" {
	# a reads yes("Active Evaluation"), b its negation: 2 leads with
	# "maybe", counted 2, not 4; "maybe" is no, so a fails and b holds:
	# 0 + 10 = 10 points, nurture (10 to 19), reason a
	printf '[thresholds]\nsql = 20\nnurture = 10\n\n[criterion a]\nwhen = yes("Active Evaluation")\npoints = 10\n\n[criterion b]\nwhen = !yes("Active Evaluation")\npoints = 10\n' >"$BATS_TEST_TMPDIR/r.ini"
	printf 'Active Evaluation\nmaybe\nmaybe\n' >"$BATS_TEST_TMPDIR/l.csv"
	run --separate-stderr "$BIN/mqlqualify" -r "$BATS_TEST_TMPDIR/r.ini" --as-of 2026-03-01 "$BATS_TEST_TMPDIR/l.csv"
	assert_success
	assert_equal "$stderr" 'mqlqualify: Active Evaluation: 2 values neither yes nor no ("maybe"), read as no'
	assert_line --index 1 "maybe,nurture,10,a"
	assert_line --index 2 "maybe,nurture,10,a"
}

# Issue 13, item 15: header names of real files, recognised without -c.

# The Maven CRM data set's sales_pipeline.csv shape: sales_agent = owner,
# deal_stage = stage, engage_date = created_date, close_value = amount.
# Moses Frase: deal 1 won, engaged 2026-03-01, closed 2026-05-04:
#   30 days left of March + 30 of April + 4 = 64 days; deal 2 open.
#   win rate 1 / (1 + 0) = 1; avg and median won deal 1054.00;
#   velocity = open x won amounts x won / ((won + lost) x cycle days)
#            = 1 x 1054 x 1 / (1 x 64) = 16.46875 -> 16.47
# Darcel Schlecht: deal 3 lost (no close_value: said, counted as 0), deal 4
#   open: win rate 0 / (0 + 1) = 0, no won deal, so no size, cycle, velocity.
@test "flat snake_case exports (Maven CRM): sales_agent, deal_stage, engage_date, close_value" {
	f=$(mk maven.csv <<'EOF'
opportunity_id,sales_agent,product,account,deal_stage,engage_date,close_date,close_value
1,Moses Frase,GTX Plus Basic,Cancity,Won,2026-03-01,2026-05-04,1054
2,Moses Frase,GTXPro,Hottechi,Engaging,2026-04-25,2026-05-20,4000
3,Darcel Schlecht,MG Special,Zencorporation,Lost,2026-04-10,2026-06-01,
4,Darcel Schlecht,GTX Basic,Rangreen,Engaging,2026-05-02,2026-06-15,550
EOF
)
	run --separate-stderr "$BIN/cyclestat" --won Won --lost Lost --open Engaging -g owner --as-of 2026-07-01 "$f"
	assert_success
	assert_equal "$stderr" "cyclestat: 1 deal has no amount; counted as 0"
	assert_output "sales_agent,opps,won,lost,open,win_rate,win_rate_low,win_rate_high,sample,avg_deal,median_deal,cycle_mean,cycle_median,cycle_p90,velocity
Darcel Schlecht,2,0,1,1,0.0000,0.0000,0.7935,insufficient,,,,,,
Moses Frase,2,1,0,1,1.0000,0.2065,1.0000,insufficient,1054.00,1054.00,64.0,64.0,64,16.47"
}

# OpportunityStage = stage, EstimatedValue = amount (API names).
# Negotiate: 12000 Commit x 0.9 = 10800.00; Discover: 3000 Pipeline x 0.5
# = 1500.00; all: 15000.00 weighted 12300.00, weight 12300 / 15000 = 0.82.
@test "API names: EstimatedValue is the amount, OpportunityStage the stage" {
	f=$(mk api.csv <<'EOF'
Id,Name,OpportunityStage,EstimatedValue,CloseDate,ForecastCategoryName
1,Acme,Negotiate,12000,2026-05-04,Commit
2,Beta,Discover,3000,2026-05-20,Pipeline
EOF
)
	run --separate-stderr forecast -g stage --period 2026-Q2 -f tsv "$f"
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 "OpportunityStage	category	deals	amount	weight	weighted_amount"
	assert_line --index 4 "Discover	Pipeline	1	3000.00	0.5000	1500.00"
	assert_line --index 9 "Negotiate	Commit	1	12000.00	0.9000	10800.00"
	run forecast --period 2026-Q2 -f tsv "$f"
	assert_line --index 6 "Total	2	15000.00	0.8200	12300.00"
}

# Ana Ruiz: Commit 10,000.00 x 0.9 = 9000.00, Best Case 4,000.00 x 0.7 =
# 2800.00: total 14000.00, weighted 11800.00 (11800 / 14000 = 0.8429);
# Bo Li: Pipeline 2,000.00 x 0.5 = 1000.00.
@test "a report's \"Opportunity Owner: Full Name\" is the owner column" {
	f=$(mk rep.csv <<'EOF'
Opportunity Owner: Full Name,Opportunity Name,Stage,Amount,Forecast Category,Close Date
Ana Ruiz,Acme,Negotiation,"10,000.00",Commit,5/4/2026
Bo Li,Beta,Prospecting,"2,000.00",Pipeline,5/20/2026
Ana Ruiz,Gamma,Proposal,"4,000.00",Best Case,6/1/2026
EOF
)
	run --separate-stderr forecast -g owner --period 2026-Q2 -f tsv "$f"
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 "Opportunity Owner: Full Name	category	deals	amount	weight	weighted_amount"
	assert_line --index 6 "Ana Ruiz	Total	2	14000.00	0.8429	11800.00"
	assert_line --index 13 "Bo Li	Total	1	2000.00	0.5000	1000.00"
	# "Field: Name" too; a field of no role ("Created By") matches nothing
	sed '1s/Opportunity Owner: Full Name/Owner: Name/' "$f" >"$BATS_TEST_TMPDIR/rep2.csv"
	run forecast -g owner --period 2026-Q2 -f tsv "$BATS_TEST_TMPDIR/rep2.csv"
	assert_line --index 6 "Ana Ruiz	Total	2	14000.00	0.8429	11800.00"
	sed '1s/Opportunity Owner: Full Name/Created By: Full Name/' "$f" >"$BATS_TEST_TMPDIR/rep3.csv"
	run --separate-stderr forecast -g owner --period 2026-Q2 "$BATS_TEST_TMPDIR/rep3.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/rep3.csv: -g owner: no such column (use a header, a role such as owner or stage, or quarter, month, week, fiscal_year); the headers are: \"Created By: Full Name\", \"Opportunity Name\", \"Stage\", \"Amount\", \"Forecast Category\", \"Close Date\""
}

# line 1 sep=; line 2 the header; line 3 "1,5" is one field (the comma is
# no delimiter): an amount error on line 3, the physical line.  With
# "1.5": Commit 1.50 x 0.9 = 1.35.
@test "sep= on the first line (Excel) sets the delimiter and is not the header" {
	printf 'sep=;\r\nAmount;Forecast Category\r\n1.5;Commit\r\n' >"$BATS_TEST_TMPDIR/sep.csv"
	run --separate-stderr forecast -f tsv "$BATS_TEST_TMPDIR/sep.csv"
	assert_success
	assert_line --index 2 "Commit	1	1.50	0.9000	1.35"
	run csvdump "$BATS_TEST_TMPDIR/sep.csv"
	assert_output '{"Amount":"1.5","Forecast Category":"Commit"}'
	printf 'sep=;\nAmount;Forecast Category\n"1,5";Commit\n' >"$BATS_TEST_TMPDIR/sep2.csv"
	run --separate-stderr forecast "$BATS_TEST_TMPDIR/sep2.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/sep2.csv:3: Amount \"1,5\": not an amount (misplaced thousands separator; for a decimal comma, use --decimal-comma)"
	# the same delimiter given twice agrees
	run forecast -d ';' -f tsv "$BATS_TEST_TMPDIR/sep.csv"
	assert_success
	assert_line --index 2 "Commit	1	1.50	0.9000	1.35"
	# a tab
	printf 'sep=\t\nAmount\tForecast Category\n2\tCommit\n' >"$BATS_TEST_TMPDIR/sept.csv"
	run forecast -t -f tsv "$BATS_TEST_TMPDIR/sept.csv"
	assert_success
	assert_line --index 2 "Commit	1	2.00	0.9000	1.80"
}

@test "sep= with a -d or -t that says another delimiter is an error naming both" {
	printf 'sep=;\nAmount;Forecast Category\n1;Commit\n' >"$BATS_TEST_TMPDIR/sep.csv"
	run --separate-stderr forecast -d , "$BATS_TEST_TMPDIR/sep.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/sep.csv:1: sep=; (Excel's delimiter hint) but -d , was given; drop the option or the line"
	run --separate-stderr forecast -t "$BATS_TEST_TMPDIR/sep.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/sep.csv:1: sep=; (Excel's delimiter hint) but -t was given; drop the option or the line"
	printf 'sep=\t\nAmount\tForecast Category\n1\tCommit\n' >"$BATS_TEST_TMPDIR/sept.csv"
	run --separate-stderr forecast -d ';' "$BATS_TEST_TMPDIR/sept.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/sept.csv:1: sep=tab (Excel's delimiter hint) but -d ; was given; drop the option or the line"
}

# No new name makes two columns of the Salesforce API export shape (Id,
# OwnerId, Owner.Name, StageName, Amount, Probability, CloseDate,
# CreatedDate, ForecastCategory, ForecastCategoryName, Type, LeadSource,
# IsClosed, IsWon, CurrencyIsoCode) both match a role: every program that
# reads deals takes it, one column a role.  Ana Diaz: 006A1 (Closed Won
# 50000 x 1), 006A2 (Commit 40000 x 0.9 = 36000), 006A5 (Pipeline 10000 x
# 0.5 = 5000): 100000.00, weighted 91000.00, 91000 / 100000 = 0.9100.
@test "the Salesforce API export shape still has one column per role" {
	run --separate-stderr forecast -g owner -f tsv "$DATA/sf-api.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 0 "Owner.Name	category	deals	amount	weight	weighted_amount"
	assert_line --index 6 "Ana Diaz	Total	3	100000.00	0.9100	91000.00"
	run --separate-stderr "$BIN/cyclestat" -g owner,type,stage,currency "$DATA/sf-api.csv"
	assert_success
	assert_equal "$stderr" ""
	run --separate-stderr "$BIN/stagecheck" -m "$EXAMPLES/models/salesforce-default.ini" "$DATA/sf-api.csv"
	[ "$status" -lt 2 ]
}

@test "fast scanner: every file of the suite reads as libcsv alone reads it" {
	# csvdump -S reads with libcsv only (lib/scan.c off): the records, their
	# lines, the messages and the exit status must not change, on the
	# csv-spectrum, the real exports and every CSV the tests use
	n=0
	for f in "$SPECTRUM"/csvs/*.csv "$BATS_TEST_DIRNAME"/exports/*.csv \
	    "$DATA"/*.csv; do
		for opt in -L "-L --skip-invalid" "-L -d ;"; do
			a=$("$BIN/csvdump" $opt "$f" 2>&1; echo "exit $?")
			b=$("$BIN/csvdump" -S $opt "$f" 2>&1; echo "exit $?")
			[ "$a" = "$b" ] || { echo "differs: csvdump $opt $f"; false; }
			n=$((n + 1))
		done
	done
	[ "$n" -gt 30 ]
}

@test "fast scanner: a record longer than 64 KiB, and records across the reader's 256 KiB buffer" {
	# the long record is left to libcsv; the 3,000 rows of ~100 bytes cross
	# the buffer's end (300,000 > 262,144 bytes), the scanner reading more
	f="$BATS_TEST_TMPDIR/long.csv"
	{
		echo 'id,text'
		printf '1,"%s"\n' "$(head -c 70000 /dev/zero | tr '\0' 'x')"
		for i in $(seq 2 3001); do
			printf '%d,"%s ""q"", %s"\r\n' "$i" "$(printf '%080d' "$i")" "$i"
		done
	} >"$f"
	run csvdump -L -f csv "$f"
	assert_success
	assert_equal "${#lines[@]}" 3002 # the header and 3,001 records
	assert_line --index 2 '3,2,"00000000000000000000000000000000000000000000000000000000000000000000000000000002 ""q"", 2"'
	assert_line --index 3001 '3002,3001,"00000000000000000000000000000000000000000000000000000000000000000000000000003001 ""q"", 3001"'
	[ "${#lines[1]}" -eq 70004 ] # 2,1,x...x: line 2, id 1, 70,000 x
	[ "$output" = "$("$BIN/csvdump" -S -L -f csv "$f")" ]
}
