#!/usr/bin/env bats
# Progress on long inputs: a line on standard error (bytes, rows, rate, time
# left), redrawn at most every 250 ms and erased at the end, when standard
# error is a terminal and the file is over 50 MB; --progress forces it,
# --no-progress silences it; never in a pipe or under cron.  Speed is never
# asserted: the large file only gives a terminal something to show.

bats_require_minimum_version 1.5.0
load helper

setup_file() {
	# 104 MB of won deals: the size alone turns progress on
	{
		echo 'Stage,Amount,Close Date'
		yes 'Closed Won,100,2026-05-01' | head -n 4000000
	} >"$BATS_FILE_TMPDIR/big.csv"
}

# forecast under script(1): standard error (and input) a terminal, the
# output to a file; what the terminal showed, control characters visible
# (SU_TEST_PROGRESS_MS=0: a line at every read, however fast the run)
onatty() {
	SU_TEST_PROGRESS_MS=0 script -qec "$BIN/forecast $* >'$BATS_TEST_TMPDIR/out.csv'" /dev/null </dev/null |
		tr '\r\033' 'RE'
}

@test "a large file on a terminal: a progress line, erased at the end" {
	cd "$BATS_FILE_TMPDIR"
	run onatty big.csv
	assert_success
	# R: carriage return, E: escape; 4000000 deals of $100 = $400,000,000
	assert_output --regexp '^Rforecast: big\.csv: [0-9]+\.[0-9] MB of 104\.0 MB \([0-9]+%\), [0-9]+ rows, [0-9]+\.[0-9] MB/s, [0-9]+:[0-9][0-9] leftE\[K'
	assert_output --regexp 'RE\[K$'
	run cat "$BATS_TEST_TMPDIR/out.csv"
	assert_line 'Closed,4000000,400000000.00,1.0000,400000000.00'
}

@test "the line is cut to the terminal's width (it would wrap, and redraw badly)" {
	cd "$BATS_FILE_TMPDIR"
	SU_TEST_PROGRESS_MS=0 run script -qec "stty cols 40; $BIN/forecast big.csv >/dev/null" /dev/null </dev/null
	assert_success
	# at most 39 characters between each carriage return and erase
	n=0
	while IFS= read -r -d $'\r' seg; do
		seg=${seg%$'\033[K'}
		[ -z "$seg" ] && continue
		[[ $seg == "forecast: big.csv: "* ]] || fail "not a progress line: $seg"
		[ ${#seg} -le 39 ] || fail "${#seg} characters: $seg"
		n=$((n + 1))
	done <<<"$output"$'\r'
	[ "$n" -ge 1 ] || fail "no progress line: $output"
}

@test "not a terminal (a pipe, cron), a small file, or --no-progress: no line" {
	run --separate-stderr "$BIN/forecast" "$BATS_FILE_TMPDIR/big.csv"
	assert_success
	assert_equal "$stderr" ""
	run onatty --no-progress "$BATS_FILE_TMPDIR/big.csv"
	assert_success
	assert_output ""
	run onatty "$EXAMPLES/seed000-q2.csv"
	assert_success
	assert_output ""
	# a pipe into it: its size is not known
	run script -qec "cat '$BATS_FILE_TMPDIR/big.csv' | $BIN/forecast >/dev/null" /dev/null </dev/null
	assert_success
	assert_output ""
}

@test "standard input redirected from a large file is a large file" {
	run onatty "<'$BATS_FILE_TMPDIR/big.csv'"
	assert_success
	assert_output --regexp '^Rforecast: \(standard input\): [0-9]+\.[0-9] MB of 104\.0 MB'
}

@test "--progress forces it, even into a file; standard input has no size, so no time left" {
	# the second read comes after a second: one line, then erased
	run --separate-stderr bash -c '{ printf "Stage,Amount\n"; sleep 1; printf "Closed Won,5\n"; } | "$BIN/forecast" --progress'
	assert_success
	# 4 bytes read first (for a byte-order mark), 9, then 13 after 1 s
	assert_equal "$stderr" $'\rforecast: (standard input): 0.0 MB, 0 rows, 0.0 MB/s\033[K\r\033[K'
	assert_line --index 1 'Closed,1,5.00,1.0000,5.00'
	# --no-progress after it wins, as the last option does
	run --separate-stderr bash -c '{ printf "Stage,Amount\n"; sleep 1; printf "Closed Won,5\n"; } | "$BIN/forecast" --progress --no-progress'
	assert_success
	assert_equal "$stderr" ""
}

@test "a message erases the progress line first" {
	run --separate-stderr bash -c '{ printf "Stage,Amount\n"; sleep 1; printf "Closed Won,12abc\n"; } | "$BIN/forecast" --progress'
	assert_failure 2
	assert_equal "$stderr" $'\rforecast: (standard input): 0.0 MB, 0 rows, 0.0 MB/s\033[K\r\033[Kforecast: (standard input):2: Amount "12abc": not an amount (characters after the number)'
}
