#!/usr/bin/env bats
# The documentation says what the programs do: man pages lint clean, each
# SYNOPSIS is its program's --help usage word for word, every option is
# documented, and the examples in README.md and the man pages run.

bats_require_minimum_version 1.5.0
load helper

MAN="$BATS_TEST_DIRNAME/../man"
README="$BATS_TEST_DIRNAME/../README.md"
PROGS="forecast stagecheck cyclestat mqlqualify commission roi arr dashboard"

# a man page as plain text
render() { mandoc -Tascii "$1" | sed 's/.\x08//g'; }

@test "man pages lint clean (mandoc -Tlint)" {
	run mandoc -Tlint -Wwarning "$MAN"/*.1 "$MAN"/*.5 "$MAN"/*.7
	assert_success
	assert_output ""
}

@test "each SYNOPSIS is the program's --help usage, word for word" {
	for p in $PROGS; do
		syn=$(render "$MAN/$p.1" | sed -n '/^SYNOPSIS/,/^[A-Z]/p' | sed '1d;$d' | tr -s ' \n' '  ' | sed 's/^ *//;s/ *$//')
		use=$("$BIN/$p" --help | sed -n '/^usage:/,/^$/p' | sed 's/^usage: //' | tr -s ' \n' '  ' | sed 's/^ *//;s/ *$//')
		assert_equal "$syn" "$use"
	done
}

@test "every long option in --help is in the man pages" {
	for p in $PROGS; do
		text=$(render "$MAN/$p.1"; render "$MAN/salesutils.7")
		for opt in $("$BIN/$p" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
			[[ "$text" == *"$opt"* ]] || fail "$p: $opt is not in $p.1 or salesutils.7"
		done
	done
}

@test "the common options block of --help is salesutils(7)'s COMMON OPTIONS" {
	common=$(render "$MAN/salesutils.7" | sed -n '/^COMMON OPTIONS/,/^EXIT STATUS/p')
	for opt in $("$BIN/forecast" --help | sed -n '/^Input:/,$p' | grep -o -- '--[a-z][a-z-]*' | sort -u); do
		[[ "$common" == *"$opt"* ]] || fail "$opt is not in salesutils(7) COMMON OPTIONS"
	done
}

# README.md: every "$ command" in a ```sh block is run in examples/, and the
# lines after it (up to the next "$ " or the fence) are its output (stderr
# and stdout together)
@test "README examples run and print what the README shows" {
	d=$BATS_TEST_TMPDIR/readme
	mkdir -p "$d"
	# block N: $d/N.cmd (the command) and $d/N.out (what it prints)
	awk -v d="$d" '
		/^```sh$/ { inb = 1; next }
		/^```$/ { inb = 0; cur = ""; next }
		inb && /^\$ / { n++; cur = d "/" n; print substr($0, 3) > (cur ".cmd"); printf "" > (cur ".out"); next }
		inb && cur != "" { print > (cur ".out") }
	' "$README"
	n=0
	for c in "$d"/*.cmd; do
		got=$(cd "$EXAMPLES" && PATH="$BIN:$PATH" bash -c "$(cat "$c")" 2>&1) || true
		assert_equal "$got" "$(cat "${c%.cmd}.out")"
		n=$((n + 1))
	done
	rm -f "$EXAMPLES/rejects.csv"
	[ "$n" -ge 4 ] || fail "only $n README examples found"
}

@test "man page EXAMPLES run (exit 0, or 1: a missed --fail-under, a failed gate)" {
	for p in $PROGS; do
		n=0
		while IFS= read -r cmd; do
			cmd=${cmd//weekly.csv/$BATS_TEST_TMPDIR/weekly.csv}
			cmd=${cmd//weekly.html/$BATS_TEST_TMPDIR/weekly.html}
			cmd=${cmd//rr.state/$BATS_TEST_TMPDIR/rr.state}
			cmd=${cmd//sqls.csv/$BATS_TEST_TMPDIR/sqls.csv}
			run bash -c "cd '$EXAMPLES' && export PATH='$BIN':\$PATH && $cmd"
			[ "$status" -eq 0 ] || { [ "$status" -eq 1 ] && [[ $cmd == *--fail-under* || $cmd == stagecheck* ]]; } ||
				fail "$p.1 example failed ($status): $cmd: $output"
			n=$((n + 1))
		done < <(render "$MAN/$p.1" | sed -n '/^EXAMPLES/,/^SEE ALSO/p' | sed -n 's/^ *\$ //p')
		[ "$n" -ge 3 ] || fail "$p.1: only $n examples"
	done
}

@test "man page EXAMPLES print what the page shows under them" {
	# the lines right under a "$ command" (to the next blank line) are
	# its output, where a page shows one
	shown=0
	for p in $PROGS; do
		d=$BATS_TEST_TMPDIR/$p
		mkdir -p "$d"
		render "$MAN/$p.1" | sed -n '/^EXAMPLES/,/^SEE ALSO/p' | awk -v d="$d" '
			/^ *\$ / { n++; cur = d "/" n; sub(/^ *\$ /, ""); print > (cur ".cmd"); printf "" > (cur ".out"); next }
			/^ *$/ { cur = ""; next }
			cur != "" { sub(/^       /, ""); print > (cur ".out") }'
		for c in "$d"/*.cmd; do
			[ -s "${c%.cmd}.out" ] || continue
			got=$(cd "$EXAMPLES" && PATH="$BIN:$PATH" bash -c "$(cat "$c")" 2>&1) || true
			assert_equal "$got" "$(cat "${c%.cmd}.out")"
			shown=$((shown + 1))
		done
	done
	[ "$shown" -ge 1 ] || fail "no example shows its output"
}

# the cron job of the README and forecast(1): mail the executives on exit
# 1 (low pipeline) only; exit 2 (the run failed) goes to revops
cron_check() { # cron_check SCRIPT
	local d=$BATS_TEST_TMPDIR/cron
	rm -rf "$d" && mkdir -p "$d"
	printf '#!/bin/sh\necho "mail $*"\n' >"$d/mail" && chmod +x "$d/mail"
	# low: $700K open, under $1M -> exit 1 -> the alert
	printf 'Amount,Forecast Category,Close Date\n700000,Commit,2026-05-01\n' >"$d/opps.csv"
	run bash -c "cd '$d' && PATH='$d:$BIN:'\$PATH && $1"
	assert_line "mail -s pipeline alert exec@example.com"
	refute_line --partial "forecast failed"
	# the export is missing -> exit 2 -> not the alert
	rm "$d/opps.csv"
	run bash -c "cd '$d' && PATH='$d:$BIN:'\$PATH && $1"
	assert_line "mail -s forecast failed revops@example.com"
	refute_line --partial "pipeline alert"
	# enough pipeline -> no mail
	printf 'Amount,Forecast Category,Close Date\n1500000,Commit,2026-05-01\n' >"$d/opps.csv"
	run bash -c "cd '$d' && PATH='$d:$BIN:'\$PATH && $1"
	assert_output ""
}

@test "the cron job in the README alerts on exit 1 only" {
	script=$(sed -n '/^forecast --period .* -o weekly.csv opps.csv$/,/^esac$/p' "$README")
	[ -n "$script" ] || fail "no cron example in README.md"
	cron_check "$script"
}

@test "the cron job in forecast(1) alerts on exit 1 only" {
	script=$(render "$MAN/forecast.1" | sed -n '/^EXAMPLES/,/^SEE ALSO/p' | sed 's/^       //' | sed -n '/^forecast --period .* -o weekly.csv opps.csv$/,/^esac$/p')
	[ -n "$script" ] || fail "no cron example in forecast.1"
	cron_check "$script"
}

@test "man pages fit 80 columns (but for EXAMPLES, where commands are not wrapped)" {
	for f in "$MAN"/*.1 "$MAN"/*.5 "$MAN"/*.7; do
		run bash -c "mandoc -Tascii '$f' | sed 's/.\x08//g' | sed '/^EXAMPLES/,/^SEE ALSO/d' | awk 'length > 80'"
		assert_output ""
	done
}

@test "the tab delimiter, typed as salesutils(7) shows it, works" {
	t=$(render "$MAN/salesutils.7" | tr -s ' \n' '  ' | sed -n 's/.*; tab or \([^ ]*\) for a tab.*/\1/p')
	[ "$t" = '\t' ] || fail "salesutils(7) shows the tab as '$t'"
	printf 'Amount\tForecast Category\n5\tCommit\n' >"$BATS_TEST_TMPDIR/t.tsv"
	run --separate-stderr "$BIN/forecast" -d "$t" "$BATS_TEST_TMPDIR/t.tsv"
	assert_success
	assert_line --index 2 'Commit,1,5.00,0.9000,4.50'
	run --separate-stderr "$BIN/forecast" -d tab "$BATS_TEST_TMPDIR/t.tsv"
	assert_success
}

@test "stagecheck-model(5)'s example model loads and works" {
	render "$MAN/stagecheck-model.5" | sed -n '/^EXAMPLES/,/^SEE ALSO/p' | sed -n '/^ *\[pipeline/,/^ *status = lost/p' | sed 's/^       //' >"$BATS_TEST_TMPDIR/m.ini"
	grep -q '^\[stage Lost\]' "$BATS_TEST_TMPDIR/m.ini" || fail "example not found"
	printf 'Stage,Champion,Amount\nQuote sent,,5\nQualified,,\n' >"$BATS_TEST_TMPDIR/d.csv"
	run "$BIN/stagecheck" -m "$BATS_TEST_TMPDIR/m.ini" "$BATS_TEST_TMPDIR/d.csv"
	assert_failure 1
	assert_output 'id,name,owner,stage,check,severity,message
,,,Quote sent,missing-meddpicc,error,Proposal requires Champion'
}

@test "make demo's script runs on the shipped examples" {
	run env DEMO_OUT="$BATS_TEST_TMPDIR" sh "$EXAMPLES/demo" "$BIN"
	assert_success
	assert_output --partial 'Total         70  $9,395,209.00'
}

@test "no message gives its reason twice (\"not an amount (not an amount)\")" {
	# every value parser's reason differs from the message it sits in
	for a in lots 1M5 12abc '€1.234,56' '(5' 1.2.3 ''; do
		run --separate-stderr "$BIN/forecast" --target "$a" /dev/null
		assert_failure 2
		[[ $stderr != *"not an amount (not an amount)"* ]] || fail "$a: $stderr"
	done
	run --separate-stderr "$BIN/forecast" --target 1M5 /dev/null
	assert_equal "$stderr" "forecast: --target 1M5: not an amount (characters after the number)"
}
