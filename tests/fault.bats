#!/usr/bin/env bats
# Fault injection (tests/fault/inject.c, LD_PRELOAD): the Nth read, write,
# close, rename or malloc fails.  Whatever fails, a run either stops cleanly
# (exit 2, a "prog: " message, no output file, no temporary left) or, when
# the fault did not matter (glibc's own mallocs, closing an input), writes
# exactly the right output.  Never a partial or a wrong one.

bats_require_minimum_version 1.5.0
load helper

setup() {
	[ "${SANITIZE:-0}" != 1 ] || skip "the sanitizers own malloc: no LD_PRELOAD"
	[ "${VALGRIND:-0}" != 1 ] || skip "valgrind owns malloc: no LD_PRELOAD"
	SHIM=$BIN/../inject.so
	[ -e "$SHIM" ] || fail "no $SHIM"
}

# faults PROG EXIT_OK ARGS...: every fault kind at every N, for a run of
# PROG that exits EXIT_OK when nothing fails
faults() {
	local prog=$1 ok=$2 kind n max r runs=0 hits=0
	shift 2
	local d=$BATS_TEST_TMPDIR/f
	mkdir -p "$d"
	r=0
	"$BIN/$prog" -o "$d/want.csv" "$@" 2>/dev/null || r=$?
	[ $r -eq "$ok" ] || fail "$prog: no clean run to compare with"
	for kind in read write close rename malloc; do
		max=8
		[ "$kind" = malloc ] && max=120
		for n in $(seq 1 $max); do
			rm -f "$d/out.csv" "$d/rej.csv" "$d/log" "$d"/.*.csv.*
			r=0
			FAULT=$kind:$n FAULT_LOG=$d/log LD_PRELOAD=$SHIM \
			    "$BIN/$prog" -o "$d/out.csv" "$@" 2>"$d/err" || r=$?
			runs=$((runs + 1))
			[ -z "$(ls -A "$d" | grep '^\.')" ] ||
				fail "$prog $kind:$n: a temporary was left"
			if [ $r -eq 2 ] && [ -s "$d/log" ]; then
				hits=$((hits + 1))
				[ ! -e "$d/out.csv" ] && [ ! -e "$d/rej.csv" ] ||
					fail "$prog $kind:$n: exit 2, but a file written"
				grep -q "^$prog: " "$d/err" ||
					fail "$prog $kind:$n: exit 2 without a message: $(cat "$d/err")"
			elif [ $r -eq "$ok" ]; then
				cmp -s "$d/want.csv" "$d/out.csv" ||
					fail "$prog $kind:$n: exit $r with a wrong output"
			else
				fail "$prog $kind:$n: exit $r ($(cat "$d/err"))"
			fi
		done
	done
	echo "# $prog: $runs runs, $hits stopped by their fault" >&3
	[ $hits -gt 10 ] || fail "$prog: only $hits faults met"
}

@test "forecast under read, write, close, rename and malloc faults" {
	faults forecast 0 -g owner --target 750000 "$DATA/seed-q2.csv"
}

@test "stagecheck under faults (--annotate streams)" {
	faults stagecheck 1 --as-of 2026-06-01 --annotate --history "$DATA/gate-history.csv" "$DATA/gate.csv"
}

@test "cyclestat under faults" {
	faults cyclestat 0 -g segment --open-age --as-of 2026-06-01 "$DATA/cycle.csv"
}

@test "--rejects under faults: never a partial rejects file" {
	printf 'Amount,Forecast Category\n1,Commit\nx,Commit\n' >"$BATS_TEST_TMPDIR/r.csv"
	mkdir -p "$BATS_TEST_TMPDIR/f"
	faults forecast 0 --rejects "$BATS_TEST_TMPDIR/f/rej.csv" "$BATS_TEST_TMPDIR/r.csv"
}

@test "mqlqualify under faults (leads stream; --sla, --assign; --summary)" {
	faults mqlqualify 0 --as-of 2026-03-02 --sla 5m --assign ana,ben "$DATA/leads.csv"
	faults mqlqualify 0 --as-of 2026-03-02 --summary -g source "$DATA/leads.csv"
}

@test "mqlqualify --assign-state under faults: the state moves on with the output, or not at all" {
	local d=$BATS_TEST_TMPDIR/s kind n r hits=0
	mkdir -p "$d"
	printf 'salesutils-assign-state 1\nlast ana\n' >"$d/orig"
	for kind in read write close rename malloc; do
		for n in $(seq 1 40); do
			rm -f "$d/out.csv" "$d/log" "$d"/.out* "$d"/rr.state.tmp*
			cp "$d/orig" "$d/rr.state"
			r=0
			FAULT=$kind:$n FAULT_LOG=$d/log LD_PRELOAD=$SHIM \
			    "$BIN/mqlqualify" --as-of 2026-03-02 --assign ana,ben \
			    --assign-state "$d/rr.state" -o "$d/out.csv" \
			    "$DATA/leads.csv" 2>"$d/err" || r=$?
			[ -z "$(ls -A "$d" | grep -e '^\.' -e 'tmp')" ] ||
				fail "$kind:$n: a temporary was left: $(ls -A "$d")"
			if [ $r -eq 2 ] && [ -s "$d/log" ]; then
				hits=$((hits + 1))
				grep -q '^mqlqualify: ' "$d/err" || fail "$kind:$n: no message"
				# the state is the old one unless the output was
				# already in place (a failed rename of the state)
				if [ -e "$d/out.csv" ]; then
					grep -q 'the leads were written' "$d/err" ||
						fail "$kind:$n: output written, state not, unsaid"
				else
					cmp -s "$d/orig" "$d/rr.state" ||
						fail "$kind:$n: exit 2 and the state moved on"
				fi
			elif [ $r -eq 0 ]; then
				[ "$(tail -n 1 "$d/rr.state")" = "last ben" ] ||
					fail "$kind:$n: exit 0 and the state did not move on"
			else
				fail "$kind:$n: exit $r ($(cat "$d/err"))"
			fi
		done
	done
	[ $hits -gt 10 ] || fail "only $hits faults met"
}

@test "commission under faults (statements, and the detail of quarterly plans)" {
	faults commission 0 --as-of 2026-12-31 -p "$EXAMPLES/plans/seed000.ini" -r "$EXAMPLES/plans/seed000-roster.csv" --activities "$EXAMPLES/plans/meetings.csv" "$EXAMPLES/plans/seed000-bookings.csv"
	faults commission 0 --as-of 2026-12-31 --detail -p "$EXAMPLES/plans/quarterly.ini" -r "$EXAMPLES/plans/roster.csv" --quotas "$EXAMPLES/plans/quotas.csv" "$EXAMPLES/plans/bookings.csv"
}

@test "roi under faults (rows stream; the formulas file read)" {
	faults roi 0 -F "$EXAMPLES/roi/seed004.ini" "$EXAMPLES/roi/prospects.csv"
}

@test "arr under faults (the bridge per owner; --metrics)" {
	faults arr 0 -g owner --per quarter --period 2026 "$EXAMPLES/arr/contracts.csv"
	faults arr 0 --metrics --rep Ivy --per year --period 2026 "$EXAMPLES/arr/contracts.csv"
	faults arr 0 -g segment --per quarter --period 2026 --spend "$EXAMPLES/arr/spend.csv" --gross-margin 80% "$EXAMPLES/arr/contracts.csv"
}

@test "dashboard under faults (the page is built whole, then written)" {
	"$BIN/forecast" -g owner --target 750000 -f json "$DATA/seed-q2.csv" >"$BATS_TEST_TMPDIR/f.json"
	faults dashboard 0 --title Faults "$BATS_TEST_TMPDIR/f.json"
}
