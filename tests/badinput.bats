#!/usr/bin/env bats
# The bad-input matrix (issue 7): every program against every class of bad
# input of SPEC §1, and the extremes of size and value.  For each: the exit
# status; for an error, a message naming the file and line; with -o,
# nothing written on error; with --skip-invalid, rows out + rows rejected =
# rows read.

bats_require_minimum_version 1.5.0
load helper

PROGS="forecast stagecheck cyclestat mqlqualify commission roi arr"
# mqlqualify reads the matrix's columns with tests/data/matrix-rules.ini:
# Amount >= 100 (a rule number) and "Close Date" >= 2026-01-01 (a date);
# commission credits each row to the rep its Stage names
# (tests/data/matrix-roster.csv), 5% of the amount, in FY2026
args() {
	case $1 in
	mqlqualify) printf '%s\n' -r "$DATA/matrix-rules.ini" ;;
	commission) printf '%s\n' -p "$DATA/matrix-plan.ini" -r "$DATA/matrix-roster.csv" -c owner=Stage ;;
	roi) printf '%s\n' -F "$DATA/matrix-roi.ini" ;;
	# arr: each row a contract line of its id, Created to Close Date
	arr) printf '%s\n' -c account=opportunity_id --start created_date --end close_date --arr amount ;;
	esac
}
HDR="Opportunity ID,Stage,Amount,Forecast Category,Created Date,Close Date"
ROW="X1,Closed Won,100,Closed,2026-01-01,2026-02-01"

# a file from printf arguments
file() {
	local f=$BATS_TEST_TMPDIR/$1
	shift
	printf "$@" >"$f"
	printf '%s' "$f"
}

# expect PROG FILE STATUS [MESSAGE-PREFIX]: the run's status, its message,
# and no -o file on an error
expect() {
	local p=$1 f=$2 want=$3 msg=${4:-} r=0 out=$BATS_TEST_TMPDIR/out.csv
	rm -f "$out"
	"$BIN/$p" $(args "$p") --as-of 2026-06-01 -o "$out" "$f" 2>"$BATS_TEST_TMPDIR/err" || r=$?
	[ "$r" -eq "$want" ] ||
		fail "$p on $(basename "$f"): exit $r, not $want: $(head -c 300 "$BATS_TEST_TMPDIR/err")"
	if [ "$want" -eq 2 ]; then
		[ ! -e "$out" ] || fail "$p on $(basename "$f"): -o written on error"
		[[ "$(head -n 1 "$BATS_TEST_TMPDIR/err")" == "$p: $msg"* ]] ||
			fail "$p on $(basename "$f"): message: $(head -n 1 "$BATS_TEST_TMPDIR/err"), not $p: $msg..."
	else
		[ -e "$out" ] || fail "$p on $(basename "$f"): no output"
	fi
	! ls -A "$BATS_TEST_TMPDIR" | grep -q '^\.out' || fail "$p: a temporary was left"
}

@test "matrix: malformed quoting, wrong field count, blank line, NUL, empty, header only" {
	for p in $PROGS; do
		f=$(file quote.csv '%s\n%s\nX2,"Closed Won,100,Closed,2026-01-01,2026-02-01\n' "$HDR" "$ROW")
		expect "$p" "$f" 2 "$f:3: a quoted field opened here is never closed"
		f=$(file quote2.csv '%s\nX2,"Closed"Won,100,Closed,2026-01-01,2026-02-01\n' "$HDR")
		expect "$p" "$f" 2 "$f:2: malformed quoting"
		f=$(file count.csv '%s\n%s\nX2,Closed Won,100,Closed,2026-01-01\n' "$HDR" "$ROW")
		expect "$p" "$f" 2 "$f:3: expected 6 fields, found 5"
		f=$(file blank.csv '%s\n%s\n\n%s\n' "$HDR" "$ROW" "$ROW")
		expect "$p" "$f" 2 "$f:3: blank line (expected 6 fields)"
		f=$(file nul.csv '%s\nX1,Closed Won,1\0000,Closed,2026-01-01,2026-02-01\n' "$HDR")
		expect "$p" "$f" 2 "$f:2: NUL byte"
		f=$(file empty.csv '')
		expect "$p" "$f" 2 "$f: empty input"
		f=$(file header.csv '%s\n' "$HDR")
		expect "$p" "$f" 2 "$f: no data rows, only a header"
	done
}

@test "matrix: no final newline, CRLF, BOM, invalid UTF-8 pass" {
	for p in $PROGS; do
		expect "$p" "$(file nonl.csv '%s\n%s' "$HDR" "$ROW")" 0
		expect "$p" "$(file crlf.csv '%s\r\n%s\r\n' "$HDR" "$ROW")" 0
		expect "$p" "$(file bom.csv '\357\273\277%s\n%s\n' "$HDR" "$ROW")" 0
		expect "$p" "$(file utf8.csv '%s\nX\377\376,Closed Won,100,Closed,2026-01-01,2026-02-01\n' "$HDR")" 0
	done
}

@test "matrix: amounts at and beyond int64, dates at the calendar's edges" {
	for p in forecast stagecheck cyclestat; do
		f=$(file max.csv '%s\nX1,Closed Won,92233720368547758.07,Closed,2026-01-01,2026-02-01\n' "$HDR")
		expect "$p" "$f" 0
		f=$(file over.csv '%s\nX1,Closed Won,92233720368547758.08,Closed,2026-01-01,2026-02-01\n' "$HDR")
		expect "$p" "$f" 2 "$f:2: Amount \"92233720368547758.08\": not an amount (too large)"
		f=$(file edge.csv '%s\nX1,Closed Won,1,Closed,0001-01-01,9999-12-31\n' "$HDR")
		expect "$p" "$f" 0
	done
	# a bad date where it is used is an error; forecast and cyclestat read
	# an open deal's close date only to group by it (so a date nobody uses
	# is not judged), stagecheck judges every open deal's
	f=$(file feb.csv '%s\nX1,Discover,1,Pipeline,2026-01-01,2025-02-29\n' "$HDR")
	expect stagecheck "$f" 2 "$f:2: Close Date \"2025-02-29\": no such day in that month"
	expect mqlqualify "$f" 2 "$f:2: criterion closed ($DATA/matrix-rules.ini:12): Close Date \"2025-02-29\": no such day in that month"
	expect forecast "$f" 0
	expect cyclestat "$f" 0
	run --separate-stderr "$BIN/forecast" -g quarter "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:2: Close Date \"2025-02-29\": no such day in that month"
	run --separate-stderr "$BIN/cyclestat" -g quarter "$f"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: $f:2: Close Date \"2025-02-29\": no such day in that month"
	# commission: the top amount is credited (5% of it is paid); beyond
	# is an error; a date outside the plan year is an error
	f=$(file max.csv '%s\nX1,Closed Won,92233720368547758.07,Closed,2026-01-01,2026-02-01\n' "$HDR")
	expect commission "$f" 0
	f=$(file over.csv '%s\nX1,Closed Won,92233720368547758.08,Closed,2026-01-01,2026-02-01\n' "$HDR")
	expect commission "$f" 2 "$f:2: Amount \"92233720368547758.08\": not an amount (too large)"
	f=$(file edge.csv '%s\nX1,Closed Won,1,Closed,0001-01-01,9999-12-31\n' "$HDR")
	expect commission "$f" 2 "$f:2: Close Date 9999-12-31 is outside the plan year FY2026 (2026-01-01..2026-12-31)"
	f=$(file feb.csv '%s\nX1,Discover,1,Pipeline,2026-01-01,2025-02-29\n' "$HDR")
	expect commission "$f" 2 "$f:2: Close Date \"2025-02-29\": no such day in that month"
	f=$(file sum.csv '%s\nX1,Closed Won,92233720368547758.07,Closed,2026-01-01,2026-02-01\nX2,Closed Won,0.01,Closed,2026-01-01,2026-02-01\n' "$HDR")
	expect commission "$f" 2 "$f:3: the credit of Closed Won overflows"
	# mqlqualify: a rule's numbers have six decimals, so they end at
	# 9,223,372,036,854.775807: an amount beyond is an error, never wrapped
	f=$(file rmax.csv '%s\nX1,Closed Won,"$9,223,372,036,854.77",Closed,2026-01-01,2026-02-01\n' "$HDR")
	expect mqlqualify "$f" 0
	f=$(file rover.csv '%s\nX1,Closed Won,"$9,223,372,036,854.78",Closed,2026-01-01,2026-02-01\n' "$HDR")
	expect mqlqualify "$f" 2 "$f:2: criterion amount ($DATA/matrix-rules.ini:8): Amount \"\$9,223,372,036,854.78\": number too large"
	f=$(file over.csv '%s\nX1,Closed Won,92233720368547758.08,Closed,2026-01-01,2026-02-01\n' "$HDR")
	expect mqlqualify "$f" 2 "$f:2: criterion amount ($DATA/matrix-rules.ini:8): Amount \"92233720368547758.08\": number too large"
	f=$(file edge.csv '%s\nX1,Closed Won,1,Closed,0001-01-01,9999-12-31\n' "$HDR")
	expect mqlqualify "$f" 0
	# two deals at the top: the sum overflows, said, never wrapped
	f=$(file sum.csv '%s\nX1,Closed Won,92233720368547758.07,Closed,2026-01-01,2026-02-01\nX2,Closed Won,0.01,Closed,2026-01-01,2026-02-01\n' "$HDR")
	expect forecast "$f" 2 "$f:3: the sum of amounts overflows"
	expect cyclestat "$f" 2 "$f:3: the sum of amounts overflows"
	# roi (Amount * 2, six decimals): the top is 9,223,372,036,854.775807,
	# twice it overflows; an unreadable amount names the output
	f=$(file rmax.csv '%s\nX1,Closed Won,"$4,611,686,018,427.38",Closed,2026-01-01,2026-02-01\n' "$HDR")
	expect roi "$f" 0
	f=$(file rover.csv '%s\nX1,Closed Won,"$4,611,686,018,427.39",Closed,2026-01-01,2026-02-01\n' "$HDR")
	expect roi "$f" 2 "$f:2: doubled: arithmetic overflows (Amount)"
	f=$(file over.csv '%s\nX1,Closed Won,92233720368547758.08,Closed,2026-01-01,2026-02-01\n' "$HDR")
	expect roi "$f" 2 "$f:2: doubled: Amount \"92233720368547758.08\": number too large"
	# arr: a line at the top of int64 cents is read; two overflow the sum
	f=$(file max.csv '%s\nX1,Closed Won,92233720368547758.07,Closed,2026-01-01,2026-02-01\n' "$HDR")
	expect arr "$f" 0
	f=$(file over.csv '%s\nX1,Closed Won,92233720368547758.08,Closed,2026-01-01,2026-02-01\n' "$HDR")
	expect arr "$f" 2 "$f:2: Amount \"92233720368547758.08\": not an amount (too large)"
	f=$(file sum.csv '%s\nX1,Closed Won,92233720368547758.07,Closed,2026-01-01,2026-02-01\nX1,Closed Won,0.01,Closed,2026-01-01,2026-02-01\n' "$HDR")
	expect arr "$f" 2 "the sum of ARR overflows"
	f=$(file edge.csv '%s\nX1,Closed Won,1,Closed,0001-01-01,9999-12-31\n' "$HDR")
	run --separate-stderr "$BIN/arr" $(args arr) --per year --period 2026 "$f"
	assert_success
}

@test "matrix: unknown category and stage; duplicate headers" {
	f=$(file cat.csv '%s\nX1,Discover,1,Maybe,2026-01-01,2026-02-01\n' "$HDR")
	expect forecast "$f" 2 "$f:2: Forecast Category \"Maybe\": unknown forecast category"
	expect stagecheck "$f" 2 "$f:2: Forecast Category \"Maybe\": unknown forecast category"
	f=$(file stage.csv '%s\nX1,Demo booked,1,Pipeline,2026-01-01,2026-02-01\n' "$HDR")
	expect forecast "$f" 0
	expect stagecheck "$f" 1
	expect cyclestat "$f" 2 "1 deal is at stages the model does not place"
	expect mqlqualify "$f" 0
	expect commission "$f" 0
	f=$(file dup.csv 'Opportunity ID,Stage,Amount,Amount,Forecast Category,Created Date,Close Date\nX1,Closed Won,1,1,Closed,2026-01-01,2026-02-01\n')
	for p in forecast stagecheck cyclestat commission; do
		expect "$p" "$f" 2 "$f:1: columns \"Amount\" and \"Amount\" both look like the amount column"
	done
	expect mqlqualify "$f" 2 "$DATA/matrix-rules.ini:8:8: criterion amount: several columns match \"Amount\" in $f"
}

@test "matrix: a 50 MB field, 100,000 columns" {
	[ "${VALGRIND:-0}" != 1 ] || skip "too slow under valgrind"
	f=$BATS_TEST_TMPDIR/big.csv
	{ printf '%s\n"' "$HDR"; head -c 50000000 /dev/zero | tr '\0' 'x'; printf '",Closed Won,100,Closed,2026-01-01,2026-02-01\n'; } >"$f"
	for p in $PROGS; do
		expect "$p" "$f" 0
	done
	f=$BATS_TEST_TMPDIR/wide.csv
	{ printf '%s' "$HDR"; seq -f ',c%g' 1 100000 | tr -d '\n'; printf '\n%s' "$ROW"; seq -f ',%g' 1 100000 | tr -d '\n'; printf '\n'; } >"$f"
	for p in $PROGS; do
		expect "$p" "$f" 0
	done
}

@test "matrix: 10 million tiny rows stream through" {
	[ "${VALGRIND:-0}" != 1 ] || skip "too slow under valgrind"
	[ "${SANITIZE:-0}" != 1 ] || skip "10M rows under ASan: left to the plain run"
	f=$BATS_TEST_TMPDIR/tiny.csv
	{ echo "Stage,Amount,Forecast Category,Created Date,Close Date"; yes 'Discover,1,Pipeline,2026-01-01,2026-02-01' | head -n 10000000; } >"$f"
	run --separate-stderr "$BIN/forecast" -f json "$f"
	assert_success
	run jq -c 'select(.category=="Total") | [.deals, .amount]' <<<"$output"
	assert_output '[10000000,10000000]'
	run --separate-stderr "$BIN/cyclestat" -f json "$f"
	assert_success
	run jq -c '[.opps, .open]' <<<"$output"
	assert_output '[10000000,10000000]'
	# every gate fails (no MEDDPICC columns): exit 1, all counted
	run --separate-stderr "$BIN/stagecheck" --as-of 2026-06-01 --summary "$f"
	assert_failure 1
	assert_line --index 2 "missing-meddpicc,error,Total,10000000"
	# Amount 1 < 100, Close Date in 2026: one point each, nurture
	run --separate-stderr "$BIN/mqlqualify" -r "$DATA/matrix-rules.ini" --summary "$f"
	assert_success
	assert_line --index 1 "10000000,0,10000000,0,0,0.0000,0.0000,0.0000,ok,0.4000,no"
	# every row credited to Discover: $10,000,000, 5% = $500,000.00
	run --separate-stderr "$BIN/commission" $(args commission) --as-of 2026-06-01 -f json "$f"
	assert_success
	run jq -c 'select(.rep == "Discover") | [.credit_to_date, .payout]' <<<"$output"
	assert_output '[10000000,500000]'
}

@test "matrix: --skip-invalid: rows out + rows rejected = rows read" {
	# 6 data rows: 2 good, a bad amount, a short row, a bad date, a good
	f=$(file mix.csv '%s\n%s\nX2,Closed Won,abc,Closed,2026-01-01,2026-02-01\nX3,Closed Won\n%s\nX4,Closed Won,1,Closed,2026-01-01,2026-02-30\nX5,Closed Lost,5,Omitted,2026-01-01,2026-02-01\n' "$HDR" "$ROW" "$ROW")
	# forecast: Total + Lost deals = rows kept (the date only matters to
	# --period; X4 is kept)
	run --separate-stderr "$BIN/forecast" --skip-invalid --rejects "$BATS_TEST_TMPDIR/rj1.csv" -f json "$f"
	assert_success
	kept=$(jq -s '[.[] | select(.category=="Total" or .category=="Lost") | .deals] | add' <<<"$output")
	rej=$(($(wc -l <"$BATS_TEST_TMPDIR/rj1.csv") - 1))
	assert_equal "$((kept + rej))" 6
	assert_equal "$rej" 2
	# stagecheck --annotate: a row out for every row kept
	run --separate-stderr "$BIN/stagecheck" --as-of 2026-06-01 --skip-invalid --rejects "$BATS_TEST_TMPDIR/rj2.csv" --annotate "$f"
	out=$((${#lines[@]} - 1))
	rej=$(($(wc -l <"$BATS_TEST_TMPDIR/rj2.csv") - 1))
	assert_equal "$((out + rej))" 6
	# cyclestat: opps + rejected; it also refuses the second X1 (a
	# repeated id) and X4's impossible close date (a won deal's cycle)
	run --separate-stderr "$BIN/cyclestat" --skip-invalid --rejects "$BATS_TEST_TMPDIR/rj3.csv" -f json "$f"
	assert_success
	opps=$(jq .opps <<<"$output")
	rej=$(($(wc -l <"$BATS_TEST_TMPDIR/rj3.csv") - 1))
	assert_equal "$((opps + rej))" 6
	assert_equal "$rej" 4
	# mqlqualify keeps a lead it cannot judge, marked invalid (and in
	# --rejects): rows out + rows skipped = rows read; X2 (abc) and X4
	# (Feb 30) are marked, X3 (short) skipped
	run --separate-stderr "$BIN/mqlqualify" -r "$DATA/matrix-rules.ini" --skip-invalid --rejects "$BATS_TEST_TMPDIR/rj4.csv" "$f"
	assert_success
	out=$((${#lines[@]} - 1))
	invalid=$(printf '%s\n' "${lines[@]}" | grep -c ',invalid,')
	rej=$(($(wc -l <"$BATS_TEST_TMPDIR/rj4.csv") - 1))
	assert_equal "$out $invalid $rej" "5 2 3"
	assert_equal "$((out + rej - invalid))" 6
	# commission: rows credited + rows rejected = rows read; the second
	# X1 (a deal credited once: issue 13), X2 (abc), X3 (short), X4
	# (Feb 30) rejected; Closed Won 100, Closed Lost 5
	run --separate-stderr "$BIN/commission" $(args commission) --as-of 2026-06-01 --skip-invalid --rejects "$BATS_TEST_TMPDIR/rj5.csv" -f json "$f"
	assert_success
	rej=$(($(wc -l <"$BATS_TEST_TMPDIR/rj5.csv") - 1))
	assert_equal "$rej" 4
	run jq -s -c 'map(select(.plan != "") | .credit_to_date) | add' <<<"$output"
	assert_output "105"
}

@test "-o to a FIFO or a device writes into it, never replaces it" {
	fifo=$BATS_TEST_TMPDIR/fifo
	f=$(file ok.csv '%s\n%s\n' "$HDR" "$ROW")
	for p in $PROGS; do
		rm -f "$fifo"
		mkfifo "$fifo"
		cat "$fifo" >"$BATS_TEST_TMPDIR/got" &
		r=0
		"$BIN/$p" $(args "$p") --as-of 2026-06-01 -o "$fifo" "$f" || r=$?
		wait
		[ -p "$fifo" ] || fail "$p: -o replaced the FIFO"
		[ "$r" -le 1 ] || fail "$p: exit $r"
		[ -s "$BATS_TEST_TMPDIR/got" ] || fail "$p: nothing came through the FIFO"
		# only now that a FIFO is known to be written into: a device
		r=0
		"$BIN/$p" $(args "$p") --as-of 2026-06-01 -o /dev/full "$f" 2>"$BATS_TEST_TMPDIR/err" || r=$?
		[ -c /dev/full ] || fail "$p: -o /dev/full is no longer a device"
		[ "$r" -eq 2 ] || fail "$p -o /dev/full: exit $r"
		assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" "$p: /dev/full: write error: No space left on device"
	done
}

@test "-o through a link replaces the file it names and leaves the link a link" {
	f=$(file ok.csv '%s\n%s\n' "$HDR" "$ROW")
	for p in $PROGS; do
		d=$BATS_TEST_TMPDIR/$p
		mkdir -p "$d"
		echo old >"$d/target.csv"
		ln -sf target.csv "$d/link.csv"
		r=0
		"$BIN/$p" $(args "$p") --as-of 2026-06-01 -o "$d/link.csv" "$f" || r=$?
		[ "$r" -le 1 ] || fail "$p: exit $r"
		[ -L "$d/link.csv" ] || fail "$p: -o replaced the link with a file"
		[ "$(cat "$d/target.csv")" != old ] || fail "$p: the file the link names was not written"
		[ "$(ls -A "$d")" = "$(printf 'link.csv\ntarget.csv')" ] || fail "$p: left $(ls -A "$d")"
	done
}

@test "-o /dev/fd/1 writes to the descriptor itself: appended to as the shell opened it" {
	f=$(file ok.csv '%s\n%s\n' "$HDR" "$ROW")
	for p in $PROGS; do
		log=$BATS_TEST_TMPDIR/$p.log
		echo first >"$log"
		r=0
		"$BIN/$p" $(args "$p") --as-of 2026-06-01 -o /dev/fd/1 "$f" >>"$log" || r=$?
		[ "$r" -le 1 ] || fail "$p: exit $r"
		[ "$(head -n 1 "$log")" = first ] || fail "$p: the earlier line is gone"
		[ "$(wc -l <"$log")" -gt 1 ] || fail "$p: nothing appended"
	done
}

@test "blank-only cells are empty cells: Pain Score, Forecast Category (no stray reading)" {
	# a Pain Score of spaces is no score: no low-pain finding (it once read
	# an uninitialised value: "pain score   of 10"); a Forecast Category of
	# spaces is none, so the stage decides (seed 003's Negotiate: Best
	# Case), 100 x 0.7 = 70
	f=$(mk blanks.csv <<'EOF2'
Opportunity ID,Stage,Amount,Close Date,Pain Score,Economic Buyer,Champion,Forecast Category,Probability (%)
X1,Negotiate,100,2026-06-30, ,CFO,Dana, ,90
EOF2
)
	run --separate-stderr "$BIN/stagecheck" --as-of 2026-03-02 "$f"
	refute_output --partial "low-pain"
	refute_output --partial "category"
	run --separate-stderr "$BIN/forecast" "$f"
	assert_success
	assert_line --index 3 'Best Case,1,100.00,0.7000,70.00'
}

@test "a model, rules or plan file that never ends (/dev/zero) is refused, not read until memory runs out" {
	run --separate-stderr "$BIN/stagecheck" -m /dev/zero "$EXAMPLES/salesforce-opportunities.csv"
	assert_failure 2
	assert_equal "$stderr" "stagecheck: /dev/zero: more than 16 MiB: not a model"
	run --separate-stderr "$BIN/mqlqualify" -r /dev/zero "$EXAMPLES/hubspot-leads.csv"
	assert_failure 2
	assert_equal "$stderr" "mqlqualify: /dev/zero: more than 16 MiB: not a rules file"
	run --separate-stderr "$BIN/commission" -p /dev/zero -r "$EXAMPLES/plans/roster.csv" "$EXAMPLES/plans/bookings.csv"
	assert_failure 2
	assert_equal "$stderr" "commission: /dev/zero: more than 16 MiB: not a plan file"
}

@test "review findings: -g's --fail-under sum overflows (an error, not a wrapped total); a duplicate id names the other file; a currency must be three ASCII letters" {
	# 6e16 dollars = 6e18 cents each, 1.2e19 cents together: past
	# INT64_MAX (9.22e18), in two groups summed only for --fail-under
	printf 'Opportunity ID,Stage,Amount,Close Date,Opportunity Owner,Forecast Category\n1,Negotiation,60000000000000000,2026-03-01,A,Commit\n2,Negotiation,60000000000000000,2026-03-01,B,Commit\n' >"$BATS_TEST_TMPDIR/o.csv"
	run --separate-stderr "$BIN/forecast" -m salesforce -g owner --fail-under 1 "$BATS_TEST_TMPDIR/o.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: the sum of amounts overflows"
	d=$BATS_TEST_TMPDIR
	printf 'Opportunity ID,Stage,Amount,Close Date,Created Date\nX1,Closed Won,100,2026-03-01,2026-01-01\n' >"$d/d1.csv"
	cp "$d/d1.csv" "$d/d2.csv"
	run --separate-stderr "$BIN/cyclestat" "$d/d1.csv" "$d/d2.csv"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: $d/d2.csv:2: opportunity X1 again: it is on $d/d1.csv:2 too"
	printf 'Opportunity ID,Stage,Amount,Close Date,Currency\n2,Closed Won,100,2026-03-01,€\n' >"$d/e.csv"
	run --separate-stderr "$BIN/forecast" "$d/e.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $d/e.csv:2: Currency \"€\": not a currency code such as USD"
}

@test "300 unknown stages: the message lists whole names, then how many more, never a name cut" {
	python3 -c "
print('Stage,Amount')
for i in range(300): print(f'Unknown stage number {i:04d} with a long name,{i}')
" >"$BATS_TEST_TMPDIR/many.csv"
	run --separate-stderr "$BIN/forecast" "$BATS_TEST_TMPDIR/many.csv"
	assert_failure 2
	[[ $stderr =~ \"Unknown\ stage\ number\ [0-9]{4}\ with\ a\ long\ name\"\ \(1\),\ and\ [0-9]+\ more\; ]] || fail "$stderr"
}

@test "matrix: dashboard, whose input is NDJSON: empty, blank line, NUL, no final newline, CRLF, BOM, invalid UTF-8, a 50 MB name, /dev/zero" {
	# each as the CSV matrix above: exit 2 and FILE:LINE, no -o written
	ok='{"Opportunity Owner":"A","category":"Total","deals":1,"amount":1.00,"weight":1.0000,"weighted_amount":1.00}'
	expect dashboard "$(file empty.json '')" 2 "$BATS_TEST_TMPDIR/empty.json: empty input (no JSON object)"
	expect dashboard "$(file blank.json '%s\n\n%s\n' "$ok" "$ok")" 2 "$BATS_TEST_TMPDIR/blank.json:2: blank line (expected a JSON object)"
	expect dashboard "$(file nul.json '%s\n{"a":\000}\n' "$ok")" 2 "$BATS_TEST_TMPDIR/nul.json:2: NUL byte"
	expect dashboard "$(file quote.json '%s\n{"a":"b}\n' "$ok")" 2 "$BATS_TEST_TMPDIR/quote.json:2: not NDJSON: a string is never closed (byte 6)"
	expect dashboard "$(file nonl.json '%s' "$ok")" 0
	expect dashboard "$(file crlf.json '%s\r\n%s\r\n' "$ok" "$ok")" 0
	expect dashboard "$(file bom.json '\357\273\277%s\n' "$ok")" 0
	expect dashboard "$(file utf8.json '{"owner":"X\377\376","category":"Total","deals":1,"amount":1.00,"weight":1.0000,"weighted_amount":1.00}\n')" 0
	xmllint --noout "$BATS_TEST_TMPDIR/out.csv"
	f=$BATS_TEST_TMPDIR/big.json
	{ printf '{"owner":"'; head -c 50000000 /dev/zero | tr '\0' 'x'; printf '","category":"Total","deals":1,"amount":1.00,"weight":1.0000,"weighted_amount":1.00}\n'; } >"$f"
	expect dashboard "$f" 0
	expect dashboard /dev/zero 2 "/dev/zero:1: NUL byte"
}
