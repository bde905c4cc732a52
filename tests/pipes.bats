#!/usr/bin/env bats
# The programs in pipelines (salesutils(7)): a reader that goes away early
# (| head -1) ends a program quietly with status 0; a program fed its own
# output writes its columns once; a stage whose every row is skipped
# still writes its header.

bats_require_minimum_version 1.5.0
load helper

# PROG ARGS...: PROG's output into head -n 1.  $status is PROG's own exit
# status (PIPESTATUS), $output what head printed; PROG's stderr is in
# $BATS_TEST_TMPDIR/err.  A reader that leaves can only be seen by a write
# after it left: the output must be more than the program's 64 KiB buffer
# and the pipe's 64 KiB (Linux) together, 131,072 bytes, or it is all
# written before head exits and the status is that of a full run.
into_head() {
	run bash -c '"$@" 2>"$0" | head -n 1; exit "${PIPESTATUS[0]}"' \
	    "$BATS_TEST_TMPDIR/err" "$@"
}

# at least 131,073 bytes of output, counted
big_enough() {
	local n

	n=$("$@" 2>/dev/null | wc -c)
	[ "$n" -gt 131072 ] || fail "$1: only $n bytes of output"
}

# 20,000 closed-won deals of $1,000.00, each its own -g group: 20,000
# groups x 6 category rows x at least 30 bytes = 3,600,000 bytes
@test "forecast | head -1: status 0, nothing on stderr" {
	f=$(awk 'BEGIN { print "Opportunity ID,Stage,Amount,Probability (%),Forecast Category,Close Date"
	    for (i = 1; i <= 20000; i++)
		printf "Q%05d,Closed Won,$1000.00,100,Closed,2026-05-02\n", i }' | mk deals.csv)
	big_enough "$BIN/forecast" -g 'Opportunity ID' "$f"
	into_head "$BIN/forecast" -g 'Opportunity ID' "$f"
	assert_success
	assert_output "Opportunity ID,category,deals,amount,weight,weighted_amount"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" ""
}

# gate.csv's 10 rows 2,000 times: 20,000 rows; G02 alone has 4 findings
# (missing-meddpicc, no-champion, deal-review, past-close-date) of over 60
# bytes each, 2,000 x 4 x 60 = 480,000 bytes.  A full run exits 1 (G02
# fails its gate); a run whose reader left exits 0.
@test "stagecheck | head -1: status 0, nothing on stderr" {
	f=$BATS_TEST_TMPDIR/gates.csv
	head -n 1 "$DATA/gate.csv" >"$f"
	for i in $(seq 2000); do tail -n +2 "$DATA/gate.csv"; done >>"$f"
	big_enough "$BIN/stagecheck" --as-of 2026-08-01 "$f"
	run "$BIN/stagecheck" --as-of 2026-08-01 -o /dev/null "$f"
	assert_failure 1
	into_head "$BIN/stagecheck" --as-of 2026-08-01 "$f"
	assert_success
	assert_output "id,name,owner,stage,check,severity,message"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" ""
	into_head "$BIN/stagecheck" --as-of 2026-08-01 --annotate "$f"
	assert_success
	assert_output "$(head -n 1 "$DATA/gate.csv"),gate,missing,flags"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" ""
}

# 20,000 won deals, each its own -g group, a row of at least 56 bytes
# each: 1,120,000 bytes
@test "cyclestat | head -1: status 0, nothing on stderr" {
	f=$(awk 'BEGIN { print "Opportunity ID,Opportunity Owner,Type,Stage,Amount,Created Date,Close Date"
	    for (i = 1; i <= 20000; i++)
		printf "C%05d,ana,New Business,Closed Won,1000,2026-01-01,2026-03-02\n", i }' | mk won.csv)
	big_enough "$BIN/cyclestat" -g 'Opportunity ID' "$f"
	into_head "$BIN/cyclestat" -g 'Opportunity ID' "$f"
	assert_success
	assert_output "Opportunity ID,opps,won,lost,open,win_rate,win_rate_low,win_rate_high,sample,avg_deal,median_deal,cycle_mean,cycle_median,cycle_p90,velocity"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" ""
}

# leads.csv's 9 leads 2,000 times: 18,000 rows of over 100 bytes each
@test "mqlqualify | head -1: status 0, nothing on stderr" {
	f=$BATS_TEST_TMPDIR/leads.csv
	head -n 1 "$DATA/leads.csv" >"$f"
	for i in $(seq 2000); do tail -n +2 "$DATA/leads.csv"; done >>"$f"
	big_enough "$BIN/mqlqualify" --as-of 2026-03-02 "$f"
	into_head "$BIN/mqlqualify" --as-of 2026-03-02 "$f"
	assert_success
	assert_output "$(head -n 1 "$DATA/leads.csv"),qualification,score,reasons"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" ""
	into_head "$BIN/mqlqualify" --as-of 2026-03-02 -f json "$f"
	assert_success
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" ""
}

# 5,000 reps on tests/data/comp-q.ini's quarterly plan, a booking each: 4
# statement rows per rep (2026-Q1 to Q4) of at least 70 bytes, 5,000 x 4 x
# 70 = 1,400,000 bytes
@test "commission | head -1: status 0, nothing on stderr" {
	r=$(awk 'BEGIN { print "Rep,Plan,Quota,Variable"
	    for (i = 1; i <= 5000; i++) printf "R%05d,AE,1500000,120000\n", i }' | mk roster.csv)
	b=$(awk 'BEGIN { print "Opportunity Owner,Amount,Close Date"
	    for (i = 1; i <= 5000; i++) printf "R%05d,1000,2026-02-10\n", i }' | mk bookings.csv)
	big_enough "$BIN/commission" -p "$DATA/comp-q.ini" -r "$r" "$b"
	into_head "$BIN/commission" -p "$DATA/comp-q.ini" -r "$r" "$b"
	assert_success
	assert_output "rep,plan,period,quota_to_date,credit_to_date,attainment,earned_to_date,paid_before,payout,commission,bonus,spiff,adjustment,balance"
	assert_equal "$(cat "$BATS_TEST_TMPDIR/err")" ""
}

# stagecheck --annotate fed its own output (issue 13, item 23).  gate.csv
# has 19 columns; --annotate appends gate, missing, flags: 19 + 3 = 22.
# Fed back: 22 - 3 + 3 = 22 columns, not 25, the same bytes.  With
# --history it appends velocity too: 19 + 4 = 23, and fed back 23 - 4 + 4
# = 23.  Without --history the second run writes 3: an earlier velocity
# stays as an input column (23 - 3 + 3 = 23, velocity before gate).
@test "stagecheck --annotate fed its own output: gate, missing, flags (and velocity) once, this run's" {
	first=$BATS_TEST_TMPDIR/first.csv
	"$BIN/stagecheck" --as-of 2026-08-01 --annotate "$DATA/gate.csv" >"$first" || true
	assert_equal "$(head -n 1 "$first" | tr ',' '\n' | wc -l)" 22
	run --separate-stderr "$BIN/stagecheck" --as-of 2026-08-01 --annotate "$first"
	assert_failure 1
	assert_equal "$stderr" "stagecheck: $first:1: gate, missing, flags: columns stagecheck appends, already in the input (an earlier run's output): replaced by this run's, not repeated"
	assert_equal "$output" "$(cat "$first")"
	# through a pipe, and re-encoded (JSON): each key once
	run --separate-stderr sh -c '"$BIN/stagecheck" --as-of 2026-08-01 --annotate "$1" | "$BIN/stagecheck" --as-of 2026-08-01 --annotate -f json' sh "$DATA/gate.csv"
	assert_failure 1
	assert_equal "$stderr" "stagecheck: (standard input):1: gate, missing, flags: columns stagecheck appends, already in the input (an earlier run's output): replaced by this run's, not repeated"
	run jq -c '[(keys | length), ."Opportunity ID", .gate, .missing]' <<<"$(sed -n 2p <<<"$output")"
	assert_output '[22,"G02","fail","M CH"]'

	h=$BATS_TEST_TMPDIR/hist.csv
	"$BIN/stagecheck" --as-of 2026-08-01 --annotate --history "$DATA/gate-history.csv" "$DATA/gate.csv" >"$h" 2>/dev/null || true
	assert_equal "$(head -n 1 "$h" | tr ',' '\n' | wc -l)" 23
	run --separate-stderr "$BIN/stagecheck" --as-of 2026-08-01 --annotate --history "$DATA/gate-history.csv" "$h"
	assert_failure 1
	assert_equal "$(head -n 1 <<<"$stderr")" "stagecheck: $h:1: gate, missing, flags, velocity: columns stagecheck appends, already in the input (an earlier run's output): replaced by this run's, not repeated"
	assert_equal "$output" "$(cat "$h")"
	run --separate-stderr "$BIN/stagecheck" --as-of 2026-08-01 --annotate "$h"
	assert_failure 1
	assert_equal "$stderr" "stagecheck: $h:1: gate, missing, flags: columns stagecheck appends, already in the input (an earlier run's output): replaced by this run's, not repeated"
	assert_line --index 0 "$(head -n 1 "$DATA/gate.csv"),velocity,gate,missing,flags"
}

# stagecheck --summary --skip-invalid when every row is skipped (issue 13,
# item 25): 2 rows, 2 skipped, 0 findings: the header alone, status 0
# (no gate failed; UBSan once saw qsort given the NULL of no counts)
@test "stagecheck --summary --skip-invalid, every row skipped: the header, the skips counted" {
	f=$(printf 'Opportunity ID,Opportunity Owner,Stage,Amount\nX1,ana,Discover,lots\nX2,ben,Propose,$1.2.3\n' | mk allbad.csv)
	run --separate-stderr "$BIN/stagecheck" --summary --skip-invalid "$f"
	assert_success
	assert_output "check,severity,owner,findings"
	assert_equal "$stderr" "stagecheck: $f:2: Amount \"lots\": not an amount (not a number) (skipped)
stagecheck: $f:3: Amount \"\$1.2.3\": not an amount (characters after the number) (skipped)
stagecheck: 2 invalid records skipped"
	run --separate-stderr "$BIN/stagecheck" --summary --skip-invalid -f table "$f"
	assert_success
	assert_output "check  severity  owner  findings"
}
