#!/usr/bin/env bats
# commission(1) against tests/commission_ref.py, a reference written from
# commission(1), commission-plan(5) and salesutils(7) alone: random plans,
# rosters, ramped quotas, activities and bookings (tests/commission_diff.py,
# seeded), compared byte for byte with their exit status.  DIFF_N cases
# (300) of seed DIFF_SEED (1): another seed tries other cases, e.g.
# DIFF_SEED=7 bats tests/commission_diff.bats.

bats_require_minimum_version 1.5.0
load helper

@test "differential: 300 random compensation setups paid as the man pages say" {
	run python3 "$BATS_TEST_DIRNAME/commission_diff.py" "${DIFF_SEED:-1}" "${DIFF_N:-300}" "$BIN"
	assert_success
	assert_output "commission-diff: ${DIFF_N:-300} passed, 0 failed"
}
