# tests/helper.bash - loaded by every tests/*.bats
load /usr/lib/bats/bats-support/load.bash
load /usr/lib/bats/bats-assert/load.bash

: "${BIN:?run the tests with make check}"
export LC_ALL=C TZ=UTC
DATA="$BATS_TEST_DIRNAME/data"
EXPECTED="$BATS_TEST_DIRNAME/expected"
EXAMPLES="$BATS_TEST_DIRNAME/../examples"
SPECTRUM="$DATA/csv-spectrum"

forecast() { "$BIN/forecast" "$@"; }
csvdump() { "$BIN/csvdump" "$@"; }

# a file in the test's own directory, from standard input
mk() { cat >"$BATS_TEST_TMPDIR/$1"; printf '%s' "$BATS_TEST_TMPDIR/$1"; }

# stopping HOOK CMD...: CMD run with SU_TEST_IDSET_STOP, which stops it
# (SIGSTOP) after the id check's second reading (lib/idset.c); if it
# stops, $d/prepassed is made and HOOK run before it goes on.  CMD's
# status.  Only state T is that stop: t (a ptrace stop) is also what
# LeakSanitizer puts every process of make check SANITIZE=1 in as it exits.
stopping() {
	local hook=$1 pid s
	shift
	SU_TEST_IDSET_STOP=1 "$@" <&0 &  # (<&0: not /dev/null, as & gives)
	pid=$!
	while s=$(cut -d' ' -f3 "/proc/$pid/stat" 2>/dev/null); do
		case $s in
		T)
			touch "$d/prepassed"
			eval "$hook"
			kill -CONT "$pid"
			break
			;;
		Z) break ;;
		esac
		sleep 0.01
	done
	wait "$pid"
}

# refused_changed HOOK MESSAGE CMD...: CMD with the id set's budget at a
# few hundred ids (SU_TEST_IDSET_BUDGET) and HOOK run at its stop, after
# the second reading: refused, exit 2, no output, and "PROG: MESSAGE" the
# last line of its standard error (PROG: CMD's name)
refused_changed() {
	local hook=$1 msg=$2 s=0
	shift 2
	rm -f "$d/prepassed"
	SU_TEST_IDSET_BUDGET=100000 stopping "$hook" "$@" >"$d/out" \
	    2>"$d/err" || s=$?
	[ -e "$d/prepassed" ]
	assert_equal "$s" 2
	assert_equal "$(cat "$d/out")" ""
	assert_equal "$(tail -n 1 "$d/err")" "${1##*/}: $msg"
}
