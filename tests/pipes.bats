#!/usr/bin/env bats
# The programs in pipelines (salesutils(7)): a reader that goes away early
# (| head -1) ends a program quietly with status 0; a program fed its own
# output writes its columns once; a stage whose every row is skipped
# still writes its header.

bats_require_minimum_version 1.5.0
load helper

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
