#!/usr/bin/env bats
# make install, and the shipped models, rules and plans found by a bare
# name: -m salesforce, -r seed000-icp, -p seed000

bats_require_minimum_version 1.5.0
load helper

ROOT="$BATS_TEST_DIRNAME/.."

@test "make install puts the programs, man pages, models, rules and plans in place" {
	d=$BATS_TEST_TMPDIR/dest
	run make -s -C "$ROOT" install DESTDIR="$d"
	assert_success
	for p in forecast stagecheck cyclestat mqlqualify commission; do
		[ -x "$d/usr/local/bin/$p" ] || fail "no bin/$p"
		[ -f "$d/usr/local/share/man/man1/$p.1" ] || fail "no $p.1"
	done
	for f in models/salesforce-default.ini models/hubspot-default.ini models/seed003.ini \
	    rules/default.ini rules/seed000-icp.ini plans/seed000.ini plans/quarterly.ini; do
		[ -f "$d/usr/local/share/salesutils/$f" ] || fail "no share/salesutils/$f"
	done
	# the installed program finds a model by name (SALESUTILS_SHARE stands
	# for the installed share directory under DESTDIR)
	cd "$EXAMPLES"
	SALESUTILS_SHARE=$d/usr/local/share/salesutils run --separate-stderr \
	    "$d/usr/local/bin/stagecheck" -m salesforce --summary salesforce-opportunities.csv
	assert_success
	assert_line --index 0 'check,severity,owner,findings'
	run make -s -C "$ROOT" uninstall DESTDIR="$d"
	assert_success
	[ ! -e "$d/usr/local/share/salesutils" ] || fail "uninstall left share/salesutils"
}

@test "-m, -r, -p take a shipped name; a file of that name here wins" {
	cd "$EXAMPLES"
	# from the source tree: examples/models/salesforce-default.ini
	run --separate-stderr "$BIN/stagecheck" -m salesforce --summary salesforce-opportunities.csv
	assert_success
	run --separate-stderr "$BIN/stagecheck" -m models/salesforce-default.ini --summary salesforce-opportunities.csv
	want=$output
	run --separate-stderr "$BIN/stagecheck" -m salesforce-default --summary salesforce-opportunities.csv
	assert_output "$want"
	run --separate-stderr "$BIN/mqlqualify" -r seed000-icp --summary hubspot-leads.csv
	assert_success
	want=$output
	run --separate-stderr "$BIN/mqlqualify" -r rules/seed000-icp.ini --summary hubspot-leads.csv
	assert_output "$want"
	run --separate-stderr "$BIN/commission" -p seed000 -r plans/seed000-roster.csv --activities plans/meetings.csv --as-of 2026-12-31 plans/seed000-bookings.csv
	assert_success
	assert_line --index 1 'Ana,AE-retro,FY2026,1500000.00,1800000.00,1.2000,180000.00,0.00,180000.00,180000.00,0.00,0.00,0.00,0.00,120000.00,300000.00'
	# a file named like a shipped model, in the current directory, wins
	cd "$BATS_TEST_TMPDIR"
	printf '[pipeline P]\n[stage Mine]\nprobability = 10\n' >salesforce
	printf 'Stage\nMine\n' >d.csv
	run --separate-stderr "$BIN/stagecheck" -m salesforce d.csv
	assert_success
	assert_output 'id,name,owner,stage,check,severity,message' 
}

@test "an unknown name lists the shipped ones" {
	run --separate-stderr "$BIN/stagecheck" -m nosuch "$EXAMPLES/salesforce-opportunities.csv"
	assert_failure 2
	assert_equal "$stderr" "stagecheck: nosuch: no such file, nor a shipped model of that name (shipped: hubspot-default, salesforce-default, seed001, seed002, seed003, seed004-leads)"
	run --separate-stderr "$BIN/mqlqualify" -r nosuch "$EXAMPLES/hubspot-leads.csv"
	assert_failure 2
	assert_equal "$stderr" "mqlqualify: nosuch: no such file, nor a shipped rules file of that name (shipped: default, seed000-icp)"
	run --separate-stderr "$BIN/stagecheck" -m ./nosuch "$EXAMPLES/salesforce-opportunities.csv"
	assert_failure 2
	assert_equal "$stderr" "stagecheck: ./nosuch: No such file or directory"
}

@test "a stage the model does not know: the message names the shipped model that knows it" {
	f=$(mk sf.csv <<'EOF2'
Stage,Amount,Created Date,Close Date
Prospecting,100,2026-01-01,2026-02-01
EOF2
)
	hint='(the shipped model salesforce-default knows it: try -m salesforce)'
	run --separate-stderr "$BIN/forecast" "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: 1 deal is at stages the model does not place as open, won or lost: \"Prospecting\" (1); the New Business pipeline's stages: Opportunity Created, Discover, Proof of Concept, Propose, Negotiate, Signature, Closed Won, Closed Lost; a category of Omitted, a probability of 0 or neither could be a lost deal's (name them with --won, --lost, --open, or give a model with -m) $hint"
	run --separate-stderr "$BIN/stagecheck" "$f"
	assert_failure 1
	assert_line --index 1 --partial "Closed Won, Closed Lost) $hint\""
	run --separate-stderr "$BIN/cyclestat" "$f"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: 1 deal is at stages the model does not place as open, won or lost: \"Prospecting\" (1); the New Business pipeline's stages: Opportunity Created, Discover, Proof of Concept, Propose, Negotiate, Signature, Closed Won, Closed Lost (name them with --won, --lost, --open, or give a model with -m) $hint"
	# HubSpot's internal stage names
	printf 'Deal Stage,Amount\nappointmentscheduled,5\n' >"$BATS_TEST_TMPDIR/hs.csv"
	run --separate-stderr "$BIN/forecast" "$BATS_TEST_TMPDIR/hs.csv"
	assert_failure 2
	[[ $stderr == *"try -m hubspot)" ]] || fail "$stderr"
	# with that model, the file goes through
	run --separate-stderr "$BIN/forecast" -m salesforce "$f"
	assert_success
}
