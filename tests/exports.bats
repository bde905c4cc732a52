#!/usr/bin/env bats
# The export corpus: real export shapes nobody on the team wrote, checked
# against results computed independently from the documentation by
# tests/exports/expected.py (see tests/exports/README).  Each test runs a
# program with the options a user of that export would pass.
bats_require_minimum_version 1.5.0
load helper

EX=$BATS_TEST_DIRNAME/exports

# pick columns by name from a CSV whose values hold no comma or quote
pick() {
    awk -F, -v want="$1" 'BEGIN { n = split(want, w, ",") }
        NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
        { line = ""; for (j = 1; j <= n; j++) line = line (j > 1 ? "," : "") (c[w[j]] ? $c[w[j]] : "?" w[j]); print line }'
}
# cyclestat's counts and win rate
counts() { pick opps,won,lost,open,win_rate; }

# compare $output with an expected file; on a difference, the diff shows
# the first differing line
same() {
    diff -u "$EX/expected/$1" <(printf '%s\n' "$output")
}

@test "exports: sf-report.csv: forecast -g owner" {
    run --separate-stderr "$BIN/forecast" -g owner "$EX/sf-report.csv"
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    same sf-report.forecast.csv
    [[ "$stderr" == *"no amount"* ]]
}

@test "exports: sf-report.csv: cyclestat -m salesforce" {
    run --separate-stderr "$BIN/cyclestat" -m salesforce "$EX/sf-report.csv"
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    output=$(printf '%s\n' "$output" | counts)
    same sf-report.cyclestat.csv
}

@test "exports: sf-api.csv: forecast -g owner" {
    run --separate-stderr "$BIN/forecast" -g owner "$EX/sf-api.csv"
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    same sf-api.forecast.csv
    [[ "$stderr" == *"no amount"* ]]
}

@test "exports: sf-api.csv: cyclestat (IsClosed/IsWon, no model)" {
    run --separate-stderr "$BIN/cyclestat" "$EX/sf-api.csv"
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    output=$(printf '%s\n' "$output" | counts)
    same sf-api.cyclestat.csv
}

@test "exports: hubspot-deals.csv: forecast -g owner" {
    run --separate-stderr "$BIN/forecast" -g owner "$EX/hubspot-deals.csv"
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    same hubspot-deals.forecast.csv
    [[ "$stderr" == *"no amount"* ]]
}

@test "exports: hubspot-deals.csv: cyclestat -m hubspot" {
    run --separate-stderr "$BIN/cyclestat" -m hubspot "$EX/hubspot-deals.csv"
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    output=$(printf '%s\n' "$output" | counts)
    same hubspot-deals.cyclestat.csv
}

@test "exports: hubspot-contacts.csv: forecast refuses it: no amount column" {
    run --separate-stderr "$BIN/forecast" -g owner "$EX/hubspot-contacts.csv"
    [ "$status" -eq 2 ]
    [ -z "$output" ]
    # the error lists the headers found and the names tried
    [[ "$stderr" == *"Lifecycle Stage"* ]]
    [[ "$stderr" == *"Deal Amount"* ]]
}

@test "exports: hubspot-contacts.csv: cyclestat refuses it: no stage or close date" {
    run --separate-stderr "$BIN/cyclestat" "$EX/hubspot-contacts.csv"
    [ "$status" -eq 2 ]
    [ -z "$output" ]
    [[ "$stderr" == *"Lifecycle Stage"* ]]
}

@test "exports: flat-snake.csv: forecast -m maven.ini -g owner" {
    run --separate-stderr "$BIN/forecast" -m "$EX/maven.ini" -g owner "$EX/flat-snake.csv"
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    same flat-snake.forecast.csv
    [[ "$stderr" == *"no amount"* ]]
}

@test "exports: flat-snake.csv: cyclestat -m maven.ini" {
    run --separate-stderr "$BIN/cyclestat" -m "$EX/maven.ini" "$EX/flat-snake.csv"
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    output=$(printf '%s\n' "$output" | counts)
    same flat-snake.cyclestat.csv
}

@test "exports: excel-resave.csv: forecast --date-format dmy -g owner" {
    run --separate-stderr "$BIN/forecast" --date-format dmy -g owner "$EX/excel-resave.csv"
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    same excel-resave.forecast.csv
    [[ "$stderr" == *"no amount"* ]]
}

@test "exports: excel-resave.csv: cyclestat --date-format dmy" {
    run --separate-stderr "$BIN/cyclestat" --date-format dmy "$EX/excel-resave.csv"
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    output=$(printf '%s\n' "$output" | counts)
    same excel-resave.cyclestat.csv
}

@test "exports: multi-currency.csv: forecast -c amount=\"Amount (converted)\" -g owner" {
    run --separate-stderr "$BIN/forecast" -c amount="Amount (converted)" -g owner "$EX/multi-currency.csv"
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    same multi-currency.forecast.csv
}

@test "exports: multi-currency.csv: forecast without -c refuses to add EUR and GBP" {
    run --separate-stderr "$BIN/forecast" "$EX/multi-currency.csv"
    [ "$status" -eq 2 ]
    [ -z "$output" ]
    [[ "$stderr" == *EUR* && "$stderr" == *GBP* ]]
}

@test "exports: multi-currency.csv: cyclestat -m salesforce -c amount=\"Amount (converted)\"" {
    run --separate-stderr "$BIN/cyclestat" -m salesforce -c amount="Amount (converted)" "$EX/multi-currency.csv"
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    output=$(printf '%s\n' "$output" | counts)
    same multi-currency.cyclestat.csv
}

@test "exports: hubspot-contacts.csv: mqlqualify --as-of 2026-12-01 (built-in rules)" {
    run --separate-stderr "$BIN/mqlqualify" --as-of 2026-12-01 "$EX/hubspot-contacts.csv"
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    # every lead, in input order, with its columns, then the three appended
    [ "${#lines[@]}" -eq 11 ]
    [ "${lines[0]}" = "$(head -1 "$EX/hubspot-contacts.csv" | tr -d '"'),qualification,score,reasons" ]
    output=$(printf '%s\n' "$output" | awk -F, '{ print $(NF-2) "," $(NF-1) "," $NF }')
    same hubspot-contacts.mqlqualify.csv
}

@test "exports: hubspot-contacts.csv: mqlqualify --as-of 2026-12-01 --summary" {
    run --separate-stderr "$BIN/mqlqualify" --as-of 2026-12-01 --summary "$EX/hubspot-contacts.csv"
    [ "$status" -eq 0 ] || { echo "$stderr"; false; }
    output=$(printf '%s\n' "$output" | pick mqls,sqls,nurture,disqualified,invalid,conversion_rate,target_met)
    same hubspot-contacts.mqlqualify-summary.csv
}

@test "IsClosed true with IsWon empty: the stage's won or lost decides; an open stage is an error, never open pipeline" {
	# row 2: Prospecting, closed, IsWon empty -> refused (skipped); row 3:
	# Closed Lost decides lost; row 4: IsClosed yes (the yes/no words),
	# Closed Won decides won.  Closed 50, Lost 100; cyclestat won 1 lost 1
	f=$BATS_TEST_TMPDIR/closed.csv
	printf 'Opportunity ID,Stage,Amount,Close Date,IsClosed,IsWon,Created Date\n1,Prospecting,100,2026-03-01,true,,2026-01-01\n2,Closed Lost,100,2026-03-01,true,,2026-01-01\n3,Closed Won,50,2026-03-01,yes,,2026-01-01\n' >"$f"
	msg="$f:2: IsClosed is true but IsWon is empty, and the stage \"Prospecting\" does not say whether it was won or lost (never counted as open)"
	run --separate-stderr "$BIN/forecast" -m salesforce "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $msg"
	run --separate-stderr "$BIN/forecast" -m salesforce --skip-invalid "$f"
	assert_success
	assert_line --index 1 'Closed,1,50.00,1.0000,50.00'
	assert_line --index 7 'Lost,1,100.00,0.0000,0.00'
	run --separate-stderr "$BIN/cyclestat" -m salesforce --skip-invalid "$f"
	assert_success
	assert_line --index 1 --regexp '^2,1,1,0,0\.5000,'
	run --separate-stderr "$BIN/stagecheck" -m salesforce "$f"
	assert_failure 2
	assert_equal "$stderr" "stagecheck: $msg"
	# no IsWon column at all
	printf 'Stage,Amount,IsClosed\nProspecting,5,1\n' >"$f"
	run --separate-stderr "$BIN/forecast" -m salesforce "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:2: IsClosed is true but there is no IsWon column, and the stage \"Prospecting\" does not say whether it was won or lost (never counted as open)"
	# "unknown" is no answer: an error, not false
	printf 'Stage,Amount,IsClosed,IsWon\nProspecting,5,true,unknown\n' >"$f"
	run --separate-stderr "$BIN/forecast" -m salesforce "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:2: IsWon \"unknown\": expected true or false"
}
