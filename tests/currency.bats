#!/usr/bin/env bats
# Currencies (issue 13, item 6): which column labels which amount
# (salesutils(7), "Money").

bats_require_minimum_version 1.5.0
load helper

cyclestat() { "$BIN/cyclestat" "$@"; }
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
	assert_line --index 1 "Ana,AE,FY2026,1000.00,2100.00,2.1000,210.00,0.00,210.00,210.00,0.00,0.00,0.00"
}
