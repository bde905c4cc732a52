#!/usr/bin/env bats
# -g groups as a spreadsheet pivot makes them (issue 13, item 16): values
# differing only in ASCII case or surrounding spaces are one group, shown in the
# first spelling seen, trimmed, and said on stderr

bats_require_minimum_version 1.5.0
load helper

@test "forecast -g: Ana, ana and \"Ana \" are one group; BEN and Ben one" {
	f=$(mk g.csv <<'EOF2'
Opportunity Owner,Amount,Forecast Category
Ana,100,Commit
ana,200,Commit
"Ana ",50,Pipeline
Ben,10,Commit
 BEN,5,Commit
EOF2
)
	# Ana: Commit 100 + 200 = 300 (x 0.9 = 270), Pipeline 50 (x 0.5 = 25);
	# Total 350, weighted 295, weight 295/350 = 0.8429.  Ben: 10 + 5 = 15,
	# weighted 13.50
	run --separate-stderr forecast -g owner "$f"
	assert_success
	assert_line --index 2 'Ana,Commit,2,300.00,0.9000,270.00'
	assert_line --index 4 'Ana,Pipeline,1,50.00,0.5000,25.00'
	assert_line --index 6 'Ana,Total,3,350.00,0.8429,295.00'
	assert_line --index 9 'Ben,Commit,2,15.00,0.9000,13.50'
	assert_equal "${#lines[@]}" 15 # a header and 7 rows per owner: two owners
	assert_equal "$stderr" 'forecast: 3 records grouped under another spelling (values differing only in ASCII case or surrounding spaces are one group, shown as first seen, trimmed): "ana" as "Ana", "Ana " as "Ana", " BEN" as "Ben"'
}

@test "forecast -g: one spelling throughout says nothing" {
	f=$(mk g1.csv <<'EOF2'
Opportunity Owner,Amount,Forecast Category
Ana,100,Commit
Ana,200,Commit
EOF2
)
	run --separate-stderr forecast -g owner "$f"
	assert_success
	assert_equal "$stderr" ""
}

@test "cyclestat -g and --loss-reasons: case and spaces do not split a segment or a reason" {
	f=$(mk c.csv <<'EOF2'
Opportunity Owner,Stage,Amount,Created Date,Close Date,Loss Reason
Ana,Closed Won,100,2026-01-01,2026-01-11,
ana ,Closed Won,300,2026-01-01,2026-01-31,
ANA,Closed Lost,50,2026-01-01,2026-02-01,Price
Ana,Closed Lost,50,2026-01-01,2026-02-01,price
EOF2
)
	# one group: won 2, lost 2, win rate 2/4 = 0.5000; avg won (100 +
	# 300) / 2 = 200; cycles 10 and 30 days: mean 20.0
	run --separate-stderr "$BIN/cyclestat" -g owner -f json "$f"
	assert_success
	run jq -c '[.["Opportunity Owner"],.opps,.won,.lost,.win_rate,.avg_deal,.cycle_mean]' <<<"$output"
	assert_output '["Ana",4,2,2,0.5,200,20]'
	run --separate-stderr "$BIN/cyclestat" -g owner --loss-reasons "$f"
	assert_success
	assert_equal "${#lines[@]}" 2 # the header and one reason: Price, 2 lost
	assert_line --index 1 --regexp '^Ana,Price,2,'
}

@test "mqlqualify --summary -g: one row per source whatever its case" {
	f=$(mk l.csv <<'EOF2'
Original Source,Became a Marketing Qualified Lead Date
Organic Search,2026-03-01
organic search ,2026-03-02
EOF2
)
	printf '[thresholds]\nsql = 1\nnurture = 0\n[criterion any]\nwhen = 1 = 1\npoints = 1\n' >"$BATS_TEST_TMPDIR/r.ini"
	run --separate-stderr "$BIN/mqlqualify" -r "$BATS_TEST_TMPDIR/r.ini" --summary -g source "$f"
	assert_success
	assert_line --index 1 --regexp '^Organic Search,2,'
	assert_line --index 2 --regexp '^Total,2,'
}

@test "-g week in every program: ISO 8601 weeks, 2026-12-31 in 2026-W53" {
	# 2026-12-31 is a Thursday, so its week (Mon 28 Dec - Sun 3 Jan) is
	# the 53rd of 2026; 2027-01-04 (a Monday) opens 2027-W01
	f=$(mk w.csv <<'EOF2'
Stage,Amount,Close Date,Created Date,MQL Date
Closed Won,100,2026-12-31,2026-12-01,2026-12-31
Closed Won,200,2027-01-03,2026-12-01,2027-01-03
Closed Lost,50,2027-01-04,2026-12-01,2027-01-04
EOF2
)
	run --separate-stderr "$BIN/cyclestat" --as-of 2027-02-01 -g week "$f"
	assert_success
	run cut -d, -f1-5 <<<"$output"
	assert_output $'week,opps,won,lost,open\n2026-W53,2,2,0,0\n2027-W01,1,0,1,0'
	# forecast: $100 + $200 closed in 2026-W53, the $50 lost in 2027-W01
	run --separate-stderr "$BIN/forecast" -g week "$f"
	assert_success
	run grep -E '^[^,]*,(Closed|Lost),' <<<"$output"
	assert_output $'2026-W53,Closed,2,300.00,1.0000,300.00\n2026-W53,Lost,0,0.00,0.0000,0.00\n2027-W01,Closed,0,0.00,1.0000,0.00\n2027-W01,Lost,1,50.00,0.0000,0.00'
}
