#!/usr/bin/env bats
# Currencies (issue 13, items 6 and 3): which column labels which amount,
# and amounts given in options or files are never compared with data in
# another currency (salesutils(7), "Money").

bats_require_minimum_version 1.5.0
load helper

cyclestat() { "$BIN/cyclestat" "$@"; }
stagecheck() { "$BIN/stagecheck" "$@"; }
commission() { "$BIN/commission" "$@"; }

# A Salesforce report with converted amounts: Opportunity Currency is the
# currency of Amount, not of Amount (converted).
conv() {
	mk conv.csv <<'EOF'
Opportunity Name,Opportunity Currency,Amount,Amount (converted),Forecast Category,Close Date
A,EUR,"10,000.00","11,000.00",Commit,5/4/2026
B,USD,"5,000.00","5,000.00",Pipeline,5/20/2026
EOF
}

# Item 6.  Amount: EUR 10,000 and USD 5,000 are never added.  Amount
# (converted): 11,000.00 + 5,000.00 = 16,000.00, weighted 11,000 x 0.9 +
# 5,000 x 0.5 = 9,900 + 2,500 = 12,400.00 (12,400 / 16,000 = 0.775); no
# currency column of its own: stated in none.
@test "-c amount=\"Amount (converted)\": Opportunity Currency labels Amount only" {
	f=$(conv)
	run --separate-stderr forecast "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:3: amount in USD, but $f:2 is in EUR; amounts in different currencies are never added"
	run --separate-stderr forecast -c amount="Amount (converted)" -f tsv "$f"
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 2 "Commit	1	11000.00	0.9000	9900.00"
	assert_line --index 4 "Pipeline	1	5000.00	0.5000	2500.00"
	assert_line --index 6 "Total	2	16000.00	0.7750	12400.00"
}

# Item 6.  "<amount header> Currency" labels the converted amount: both
# rows EUR: 11,000.00 EUR + 5,000.00 EUR = 16,000.00 EUR.
@test "a converted amount takes its own currency column, \"Amount (converted) Currency\"" {
	f=$(mk conv2.csv <<'EOF'
Opportunity Name,Opportunity Currency,Amount,Amount (converted) Currency,Amount (converted),Forecast Category,Close Date
A,GBP,"10,000.00",EUR,"11,000.00",Commit,5/4/2026
B,USD,"5,000.00",EUR,"5,000.00",Pipeline,5/20/2026
EOF
)
	run --separate-stderr forecast -c amount="Amount (converted)" -f table "$f"
	assert_success
	assert_line --index 2 "Commit         1  11,000.00 EUR   90.0%     9,900.00 EUR"
	assert_line --index 6 "Total          2  16,000.00 EUR   77.5%    12,400.00 EUR"
	# Amount, with the report's Opportunity Currency: still refused
	run --separate-stderr forecast "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:3: amount in USD, but $f:2 is in GBP; amounts in different currencies are never added"
	# the converted column's own currency, mixed: refused
	sed '3s/,EUR,/,USD,/' "$f" >"$BATS_TEST_TMPDIR/mixed.csv"
	run --separate-stderr forecast -c amount="Amount (converted)" "$BATS_TEST_TMPDIR/mixed.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/mixed.csv:3: amount in USD, but $BATS_TEST_TMPDIR/mixed.csv:2 is in EUR; amounts in different currencies are never added"
}

# Item 6.  HubSpot: Currency is the deal's; "Amount in company currency"
# is converted: 1,100 x 0.9 = 990.00, 2,500 x 0.5 = 1,250.00; total
# 3,600.00 weighted 2,240.00 (2,240 / 3,600 = 0.6222).
@test "HubSpot's Amount in company currency is not labelled by the deal's Currency" {
	f=$(mk hub.csv <<'EOF'
Deal Name,Currency,Amount,Amount in company currency,Forecast category,Close Date
A,EUR,1000,1100,Commit,2026-05-04
B,GBP,2000,2500,Pipeline,2026-05-20
EOF
)
	run --separate-stderr forecast "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:3: amount in GBP, but $f:2 is in EUR; amounts in different currencies are never added"
	run --separate-stderr forecast -c amount="Amount in company currency" -f tsv "$f"
	assert_success
	assert_line --index 6 "Total	2	3600.00	0.6222	2240.00"
}

# Item 6, every program: cyclestat and commission read the currency column
# by the same rule (before, cyclestat averaged EUR 1,000 and USD 1,000
# into "1000.00").  Won deals 2026-01-01 -> 02-01 (31 days) and -> 03-01
# (59 days): with the converted column, in EUR: avg (1,100 + 1,000) / 2 =
# 1,050.00; cycle mean (31 + 59) / 2 = 45.0.
@test "cyclestat and commission: the currency column labels the amount, never a converted one" {
	f=$(mk cyc.csv <<'EOF'
Opportunity Owner,Stage,Amount,Currency,Amount (converted),Amount (converted) Currency,Created Date,Close Date
Ana,Closed Won,1000,EUR,1100,EUR,2026-01-01,2026-02-01
Ana,Closed Won,1000,USD,1000,EUR,2026-01-01,2026-03-01
EOF
)
	run --separate-stderr cyclestat "$f"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: $f:3: amount in USD, but $f:2 is in EUR; amounts in different currencies are never added"
	run --separate-stderr cyclestat -c amount="Amount (converted)" -f table "$f"
	assert_success
	assert_line --index 1 --partial "1,050.00 EUR  1,050.00 EUR        45.0"
	r=$(printf 'Rep,Plan,Quota\nAna,AE,1000\n' | mk r.csv)
	p=$(printf '[plan AE]\nmeasure = credit\nbase = amount\npayout = annual\nband = 0%%-: 10%%\n' | mk p.ini)
	run --separate-stderr commission -p "$p" -r "$r" --as-of 2026-12-31 "$f"
	assert_failure 2
	assert_equal "$stderr" "commission: $f:3: amount in USD, and $f:2 was in EUR: amounts in different currencies are never added"
	# credit 1,100 + 1,000 = 2,100.00 EUR; 10% of it: 210.00 EUR
	run --separate-stderr commission -p "$p" -r "$r" --as-of 2026-12-31 -c amount="Amount (converted)" "$f"
	assert_success
	assert_line --index 1 "Ana,AE,FY2026,1000.00,2100.00,2.1000,210.00,0.00,210.00,210.00,0.00,0.00,0.00,0.00"
}

usd() {
	mk usd.csv <<'EOF'
Opportunity Name,Amount,Forecast Category,Close Date
A,"USD 400,000",Commit,2026-05-04
B,"USD 200,000",Pipeline,2026-05-20
EOF
}

@test "forecast --target or --fail-under in another currency than the deals is an error naming both" {
	f=$(usd)
	run --separate-stderr forecast --target '750000 EUR' "$f"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "forecast: --target 750000 EUR: the deals are in USD (first on $f:2)"
	run --separate-stderr forecast --fail-under 'EUR 1M' "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: --fail-under EUR 1M: the deals are in USD (first on $f:2)"
	run --separate-stderr forecast --target '750000 EUR' --fail-under '$1M' "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: --fail-under \$1M: in USD, but --target 750000 EUR is in EUR; amounts in different currencies are never compared"
}

# weighted 400,000 x 0.9 + 200,000 x 0.5 = 460,000; coverage 460,000 /
# 750,000 = 0.613 -> 0.61x; gap 750,000 - 460,000 = 290,000; pipeline
# coverage: open 600,000 / (750,000 - 0 closed) = 0.80x.
@test "an amount option without a currency is in the deals' currency" {
	f=$(usd)
	run --separate-stderr forecast --target 750000 -f table "$f"
	assert_success
	assert_line --index 6 "Total          2  \$600,000.00   76.7%      \$460,000.00  \$750,000.00     0.61x  \$290,000.00              0.80x"
	sed 's/USD /EUR /' "$f" >"$BATS_TEST_TMPDIR/eur.csv"
	run --separate-stderr forecast --target 750000 --fail-under 1M -f table "$BATS_TEST_TMPDIR/eur.csv"
	assert_failure 1
	assert_line --index 6 "Total          2  600,000.00 EUR   76.7%   460,000.00 EUR  750,000.00 EUR     0.61x  290,000.00 EUR              0.80x"
	assert_equal "$stderr" "forecast: open pipeline 600,000.00 EUR is below --fail-under 1,000,000.00 EUR"
}

# Deals that state no currency go with any (salesutils(7)): the option's
# labels them, never "$".  Same numbers as above.
@test "deals that state no currency are in the option's" {
	f=$(usd)
	sed 's/USD //' "$f" >"$BATS_TEST_TMPDIR/none.csv"
	run --separate-stderr forecast --target '750000 EUR' --fail-under 'EUR 1M' -f table "$BATS_TEST_TMPDIR/none.csv"
	assert_failure 1
	assert_line --index 6 "Total          2  600,000.00 EUR   76.7%   460,000.00 EUR  750,000.00 EUR     0.61x  290,000.00 EUR              0.80x"
	assert_equal "$stderr" "forecast: open pipeline 600,000.00 EUR is below --fail-under 1,000,000.00 EUR"
}

# won deals of 1,000 (31 days) and 30,000 (59 days): below the 10K bound
# and from it.
@test "cyclestat --bands in another currency than the deals is an error; bands in two are too" {
	f=$(mk cu.csv <<'EOF'
Opportunity Owner,Stage,Amount,Currency,Created Date,Close Date
Ana,Closed Won,1000,USD,2026-01-01,2026-02-01
Ana,Closed Won,30000,USD,2026-01-01,2026-03-01
EOF
)
	run --separate-stderr cyclestat --bands 'EUR 10000' "$f"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: --bands EUR 10000: the deals are in USD (first on $f:2)"
	run --separate-stderr cyclestat --bands '10000 EUR,USD 20000' "$f"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: --bands 10000 EUR,USD 20000: bounds in EUR and in USD"
	run --separate-stderr cyclestat --bands 'USD 10000' "$f"
	assert_success
	assert_line --index 1 "below \$10K,1,1,0,0,1.0000,0.2065,1.0000,insufficient,1000.00,1000.00,31.0,31.0,31,0.00"
	assert_line --index 2 "\$10K+,1,1,0,0,1.0000,0.2065,1.0000,insufficient,30000.00,30000.00,59.0,59.0,59,0.00"
	# in EUR, the bands' labels say so (never "$10K")
	sed 's/,USD,/,EUR,/' "$f" >"$BATS_TEST_TMPDIR/eur.csv"
	run --separate-stderr cyclestat --bands 10000,1M "$BATS_TEST_TMPDIR/eur.csv"
	assert_success
	assert_line --index 1 "below 10K EUR,1,1,0,0,1.0000,0.2065,1.0000,insufficient,1000.00,1000.00,31.0,31.0,31,0.00"
	assert_line --index 2 "10K EUR-1M EUR,1,1,0,0,1.0000,0.2065,1.0000,insufficient,30000.00,30000.00,59.0,59.0,59,0.00"
}

@test "stagecheck --review-threshold in another currency than a deal is an error; in its own, labelled so" {
	f=$(mk sc.csv <<'EOF'
Opportunity Name,Stage,Amount,Currency,Close Date
A,Negotiation/Review,"150,000",USD,2026-05-04
EOF
)
	m="$EXAMPLES/models/salesforce-default.ini"
	run --separate-stderr stagecheck -m "$m" --as-of 2026-04-01 --review-threshold '100000 EUR' "$f"
	assert_failure 2
	assert_equal "$stderr" "stagecheck: --review-threshold 100000 EUR: the deals are in USD (first on $f:2)"
	sed 's/,USD,/,EUR,/' "$f" >"$BATS_TEST_TMPDIR/eur.csv"
	run --separate-stderr stagecheck -m "$m" --as-of 2026-04-01 --review-threshold '100000 EUR' "$BATS_TEST_TMPDIR/eur.csv"
	assert_success
	assert_line --index 1 ',A,,Negotiation/Review,deal-review,info,"150,000.00 EUR at Negotiation/Review (over 100,000.00 EUR): bi-weekly deal review, AE + SE + VP Sales"'
}

# quota 1,000, credit 800: 80%; 10% of 800 = 80.00; attainment 80% >= 50%:
# bonus 500.00; payout 80 + 500 = 580.00 (in EUR: the plan's currency).
@test "commission: a plan's or roster's amount in another currency than the bookings is an error naming both" {
	p=$(printf '[plan AE]\nmeasure = credit\nbase = amount\npayout = annual\nband = 0%%-: 10%%\n[bonus big]\nplan = AE\namount = 500 EUR\nwhen = attainment >= 50\n' | mk p.ini)
	r=$(printf 'Rep,Plan,Quota\nAna,AE,1000\n' | mk r.csv)
	b=$(printf 'Opportunity Owner,Amount,Close Date\nAna,USD 800,2026-03-01\n' | mk b.csv)
	run --separate-stderr commission -p "$p" -r "$r" --as-of 2026-12-31 "$b"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "commission: $p:8: [bonus big] amount = 500 EUR: the bookings are in USD (first on $b:2)"
	# bookings that state no currency are in the plan's
	sed 's/USD //' "$b" >"$BATS_TEST_TMPDIR/none.csv"
	run --separate-stderr commission -p "$p" -r "$r" --as-of 2026-12-31 -f table "$BATS_TEST_TMPDIR/none.csv"
	assert_success
	assert_line --index 1 "Ana    AE    FY2026   1,000.00 EUR      800.00 EUR       80.0%      580.00 EUR     0.00 EUR  580.00 EUR   80.00 EUR  500.00 EUR  0.00 EUR    0.00 EUR  0.00 EUR"
	# a quota in a third currency
	r2=$(printf 'Rep,Plan,Quota\nAna,AE,1000 GBP\n' | mk r2.csv)
	run --separate-stderr commission -p "$p" -r "$r2" --as-of 2026-12-31 "$b"
	assert_failure 2
	assert_equal "$stderr" "commission: $p:8: [bonus big] amount = 500 EUR: in EUR, but $r2:2: Quota \"1000 GBP\" is in GBP; amounts in different currencies are never compared"
}

@test "commission: a plan file's amounts are in one currency; an unused plan's is never compared" {
	p=$(printf '[plan AE]\nmeasure = credit\nbase = amount\npayout = annual\nband = 0%%-: 10%%\n[bonus big]\nplan = AE\namount = 500 EUR\nwhen = attainment >= 50\n[spiff s]\nplans = AE\naward = first\namount = $100\n' | mk pm.ini)
	r=$(printf 'Rep,Plan,Quota\nAna,AE,1000\n' | mk r.csv)
	b=$(printf 'Opportunity Owner,Amount,Close Date\nAna,USD 800,2026-03-01\n' | mk b.csv)
	run --separate-stderr commission -p "$p" -r "$r" --as-of 2026-12-31 "$b"
	assert_failure 2
	assert_equal "$stderr" "commission: $p:13: [spiff s] amount = \$100: in USD, but $p:8: [bonus big] amount = 500 EUR is in EUR; amounts in different currencies are never compared"
	# plan X (nobody's) pays in EUR: the USD bookings of plan AE are
	# paid: 10% of 800 = 80.00
	p=$(printf '[plan AE]\nmeasure = credit\nbase = amount\npayout = annual\nband = 0%%-: 10%%\n[plan X]\nmeasure = credit\nbase = amount\nband = 0%%-: 10%%\n[bonus big]\nplan = X\namount = 500 EUR\nwhen = attainment >= 50\n' | mk pu.ini)
	run --separate-stderr commission -p "$p" -r "$r" --as-of 2026-12-31 "$b"
	assert_success
	assert_line --index 1 "Ana,AE,FY2026,1000.00,800.00,0.8000,80.00,0.00,80.00,80.00,0.00,0.00,0.00,0.00"
}
