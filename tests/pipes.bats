#!/usr/bin/env bats
# The programs in pipelines (salesutils(7)): a reader that goes away early
# (| head -1) ends a program quietly with status 0; a program fed its own
# output writes its columns once; a stage whose every row is skipped
# still writes its header.

bats_require_minimum_version 1.5.0
load helper

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
