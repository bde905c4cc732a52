#!/usr/bin/env bats
# arr: the ARR bridge from contract lines, worked by hand; NRR, GRR, logo
# churn; --metrics into commission; --renewals; --expansion-target.

bats_require_minimum_version 1.5.0
load helper

C=$BATS_TEST_DIRNAME/data/arr-contracts.csv
PLANS=$BATS_TEST_DIRNAME/../examples/plans/seed000.ini
BRIDGE="period,starting_arr,new_arr,expansion_arr,contraction_arr,churned_arr,reactivation_arr,ending_arr,nrr,grr,customers_start,new_customers,churned_customers,reactivated_customers,customers_end,logo_churn,arr_per_customer"

# tests/data/arr-contracts.csv:
#   Acme  new:        2026-02-01..2027-01-31  12,000 (SMB, Ana)
#   Beta  renewal:    2025 10,000, 2026 10,000; an add-on (overlapping)
#                     2026-05-01..2026-12-31 5,000 (Enterprise, Ben)
#   Cora  downgrade:  2025-07-01..2026-06-30 20,000, then 15,000 (Ben)
#   Dune  churn:      2025-04-01..2026-03-31 8,000 (SMB, Ana)
#   Echo  win-back:   2025 6,000; a gap; 2026-08-01..2027-07-31 7,000
# Each account's ARR the day before a quarter against its last day:
# Q1: s = Beta 10000 + Cora 20000 + Dune 8000 + Echo 6000 = 44,000
#     Acme new 12,000; Echo churns 6,000 (its line ended 2025-12-31)
#     e = 44000 + 12000 - 6000 = 50,000; NRR = GRR = 38000/44000 = 0.8636
#     customers 4 -> 4, 1 new, 1 churned: logo churn 1/4; 50000/4 = 12,500
# Q2: Beta 10000 -> 15000 (+5,000 add-on), Dune 8000 -> 0 (its end,
#     03-31, is in Q1's ending ARR): e = 50000 + 5000 - 8000 = 47,000
#     NRR 47000/50000 = 0.94, GRR 42000/50000 = 0.84; 47000/3 = 15,666.67
# Q3: Cora 20000 -> 15000 (-5,000), Echo 0 -> 7000 (had ARR before:
#     reactivation): e = 47000 - 5000 + 7000 = 49,000
#     NRR = GRR = 42000/47000 = 0.8936; 4 customers: 12,250
# Q4: no change: 49,000; NRR = GRR = 1
@test "the quarterly bridge of 2026, worked by hand" {
	run --separate-stderr "$BIN/arr" --per quarter --period 2026 "$C"
	assert_success
	assert_equal "$stderr" ""
	assert_output "$BRIDGE
2026-Q1,44000.00,12000.00,0.00,0.00,6000.00,0.00,50000.00,0.8636,0.8636,4,1,1,0,4,0.2500,12500.00
2026-Q2,50000.00,0.00,5000.00,0.00,8000.00,0.00,47000.00,0.9400,0.8400,4,0,1,0,3,0.2500,15666.67
2026-Q3,47000.00,0.00,0.00,5000.00,0.00,7000.00,49000.00,0.8936,0.8936,3,0,0,1,4,0.0000,12250.00
2026-Q4,49000.00,0.00,0.00,0.00,0.00,0.00,49000.00,1.0000,1.0000,4,0,0,0,4,0.0000,12250.00"
}

@test "start + new + expansion - contraction - churn + reactivation = end, in every row, to the cent" {
	for per in month quarter year; do
		run --separate-stderr "$BIN/arr" --per "$per" --as-of 2027-12-31 -g owner -f json "$C"
		assert_success
		run jq -c 'select(.starting_arr + .new_arr + .expansion_arr - .contraction_arr - .churned_arr + .reactivation_arr != .ending_arr)' <<<"$output"
		assert_output ""
	done
	# and each period starts where the one before ended
	run --separate-stderr "$BIN/arr" --per month --as-of 2027-12-31 -f json "$C"
	run jq -s -c '[range(1; length) as $i | select(.[$i].starting_arr != .[$i - 1].ending_arr)] | length' <<<"$output"
	assert_output 0
	# from the first start (2025-01) to --as-of: 36 months
	run jq -s length <<<"$(BIN= "$BIN/arr" --per month --as-of 2027-12-31 -f json "$C")"
	assert_output 36
}

@test "-g segment, and a year netted: an account gone and back within it is its change" {
	# SMB 2026: s = Dune 8000 + Echo 6000 = 14,000; Acme new 12,000, Dune
	# churns 8,000, Echo 6000 -> 7000 within the year: +1,000 expansion;
	# e = 14000 + 12000 + 1000 - 8000 = 19,000; NRR (14000 + 1000 - 8000)
	# / 14000 = 0.5, GRR 6000/14000 = 0.4286; logo churn 1/2
	# Enterprise: Beta +5,000, Cora -5,000: 30,000 -> 30,000, NRR 1,
	# GRR 25000/30000 = 0.8333
	run --separate-stderr "$BIN/arr" -g segment --per year --period 2026 "$C"
	assert_success
	assert_output "Segment,$BRIDGE
Enterprise,FY2026,30000.00,0.00,5000.00,5000.00,0.00,0.00,30000.00,1.0000,0.8333,2,0,0,0,2,0.0000,15000.00
SMB,FY2026,14000.00,12000.00,1000.00,0.00,8000.00,0.00,19000.00,0.5000,0.4286,2,1,1,0,2,0.5000,9500.00"
	run --separate-stderr "$BIN/arr" -g segment --per year --period 2026 -f table "$C"
	assert_line --index 2 --regexp '^SMB +FY2026 +\$14,000\.00 +\$12,000\.00 .* 50\.0% +42\.9% '
}

@test "MRR is taken 12 times; ARR and MRR both: refused until --amount says; --start, --end, --arr name columns" {
	f=$(mk m.csv <<<$'Company,Contract Start,Contract End,MRR\nA,2026-01-15,,"$1,000.50"')
	# 1000.50 x 12 = 12,006.00, new in January, running on (no end)
	run --separate-stderr "$BIN/arr" --period 2026-01 "$f"
	assert_success
	assert_line --index 1 "2026-01,0.00,12006.00,0.00,0.00,0.00,0.00,12006.00,,,0,1,0,0,1,,12006.00"
	f=$(mk b.csv <<<$'Account,Start Date,End Date,ARR,MRR\nA,2026-01-01,2026-12-31,1200,100')
	run --separate-stderr "$BIN/arr" --period 2026-01 "$f"
	assert_failure 2
	assert_equal "$stderr" "arr: $f:1: both an ARR column (ARR) and an MRR column (MRR): say which to read with --amount arr or --amount mrr"
	run --separate-stderr "$BIN/arr" --amount mrr --period 2026-01 "$f"
	assert_success
	assert_line --index 1 --partial ",1200.00,"
	f=$(mk o.csv <<<$'Customer,Signed,Renewal,Value\nA,2026-01-01,2026-12-31,500')
	run --separate-stderr "$BIN/arr" -c account=Customer --start Signed --end Renewal --arr Value --period 2026-01 "$f"
	assert_success
	assert_line --index 1 --partial ",500.00,"
	run --separate-stderr "$BIN/arr" -c account=Customer --start Signed --end Nope --arr Value "$f"
	assert_failure 2
	assert_equal "$stderr" "arr: $f:1: --end Nope: no column of that name"
	run --separate-stderr "$BIN/arr" -c account=Customer "$f"
	assert_failure 2
	assert_equal "$stderr" "arr: $f:1: no start date column (tried Start Date, Start, Contract Start Date, Contract Start, Subscription Start Date, Service Start Date; found Customer, Signed, Renewal, Value)"
}

@test "--metrics: Rep,Metric,Value,Period for commission; the VP's churn bonus from the contracts (a pipe)" {
	# 2026: 4 customers at the start, Dune churned: churn 1/4 = 25.00%;
	# ARR churn (8000 + 5000) / 44000 = 29.55%; NRR (44000 + 6000 - 5000
	# - 8000) / 44000 = 84.09%; GRR 31000/44000 = 70.45%
	run --separate-stderr "$BIN/arr" --metrics --rep Ivy --per year --period 2026 "$C"
	assert_success
	assert_output "Rep,Metric,Value,Period
Ivy,churn,25.00%,FY2026
Ivy,arr_churn,29.55%,FY2026
Ivy,nrr,84.09%,FY2026
Ivy,grr,70.45%,FY2026"
	# seed 000's VP: team North $12.5M of $10M: $200,000 x 1.25 =
	# $250,000 + $50,000 team quota; churn 25% is not < 10: no $25,000
	r=$(printf 'Rep,Plan,Quota,Variable,Team\nIvy,VP,10000000,200000,North\nKai,AE-retro,1500000,120000,North\nLia,AE-retro,1500000,120000,North\n' | mk vr.csv)
	b=$(printf 'Opportunity Owner,Amount,Close Date\nKai,5000000,2026-03-01\nLia,7500000,2026-09-01\n' | mk vb.csv)
	run bash -c "'$BIN/arr' --metrics --rep Ivy --per year --period 2026 '$C' | '$BIN/commission' -p '$PLANS' -r '$r' --metrics - -f json '$b' | jq -c 'select(.rep == \"Ivy\") | [.payout, .bonus]'"
	assert_success
	assert_output "[300000,50000]"
	# without Dune no customer churned (0.00%): + $25,000 = $325,000
	run bash -c "grep -v '^Dune' '$C' | '$BIN/arr' --metrics --rep Ivy --per year --period 2026 | '$BIN/commission' -p '$PLANS' -r '$r' --metrics - -f json '$b' | jq -c 'select(.rep == \"Ivy\") | [.payout, .bonus]'"
	assert_output "[325000,75000]"
	# per owner: Ana's and Ben's own figures
	run --separate-stderr "$BIN/arr" --metrics -g owner --per year --period 2026 "$C"
	assert_line --index 1 "Ana,churn,50.00%,FY2026"
	assert_line --index 5 "Ben,churn,0.00%,FY2026"
}

@test "--metrics, --rep, --renewals, --expansion-target: usage errors" {
	run --separate-stderr "$BIN/arr" --metrics "$C"
	assert_failure 2
	assert_equal "$stderr" "arr: --metrics: the rep the figures are for: -g owner (each owner's) or --rep NAME (the whole base's)"
	run --separate-stderr "$BIN/arr" --rep Ivy "$C"
	assert_failure 2
	assert_equal "$stderr" "arr: --rep Ivy: only with --metrics"
	run --separate-stderr "$BIN/arr" --metrics --rep Ivy --renewals 30 "$C"
	assert_failure 2
	assert_equal "$stderr" "arr: --metrics, --renewals and --expansion-target are reports of their own: one at a time"
	run --separate-stderr "$BIN/arr" --renewals soon "$C"
	assert_failure 2
	assert_equal "$stderr" "arr: --renewals soon: expected a number of days from 0 to 36500"
	run --separate-stderr "$BIN/arr" --per week "$C"
	assert_failure 2
	[[ $stderr == "arr: --per week: "* ]] || fail "$stderr"
	run --separate-stderr "$BIN/arr" -g quarter "$C"
	assert_failure 2
	assert_equal "$stderr" "arr: -g quarter: the periods are the rows already (--per); -g takes columns"
	run --separate-stderr "$BIN/arr" --as-of 2024-01-01 "$C"
	assert_failure 2
	assert_equal "$stderr" "arr: every line starts after --as-of 2024-01-01: no period to report (give --period)"
}

@test "--renewals DAYS: the lines ending within DAYS of --as-of, soonest first" {
	# as of 2026-11-15, 60 days: to 2027-01-14: Beta's two lines
	# (2026-12-31, 46 days); Acme's (2027-01-31) is 77 days out
	run --separate-stderr "$BIN/arr" --as-of 2026-11-15 --renewals 60 "$C"
	assert_success
	assert_output "account,owner,end_date,days_left,arr,line
Beta,Ben,2026-12-31,46,10000.00,4
Beta,Ben,2026-12-31,46,5000.00,5"
	run --separate-stderr "$BIN/arr" --as-of 2026-11-15 --renewals 77 -f json "$C"
	run jq -r '[.account, .days_left] | @tsv' <<<"$output"
	assert_output $'Beta\t46\nBeta\t46\nAcme\t77'
}

@test "--expansion-target 20%: second-year accounts short of it (seed 004)" {
	# as of 2026-09-01: Beta's second year is 2026: 10,000 on 2025-12-31,
	# 15,000 now: +50%, met. Cora's began 2026-07-01: 20,000 on 06-30,
	# 15,000 now: -25%, target 20000 x 1.2 = 24,000, 9,000 short. Echo:
	# 6,000 -> 7,000: +16.67%, target 7,200, 200 short. Dune churned:
	# left out, said. Acme is in its first year.
	run --separate-stderr "$BIN/arr" --as-of 2026-09-01 --expansion-target 20% "$C"
	assert_success
	assert_output "account,first_start,year1_arr,arr,expansion,target_arr,shortfall
Cora,2025-07-01,20000.00,15000.00,-0.2500,24000.00,9000.00
Echo,2025-01-01,6000.00,7000.00,0.1667,7200.00,200.00"
	assert_equal "$stderr" "arr: 1 account in its second year at 0 ARR (churned): left out of --expansion-target"
	run --separate-stderr "$BIN/arr" --as-of 2026-09-01 --expansion-target 0.2 "$C"
	assert_failure 2
}

@test "a line that cannot be placed: FILE:LINE, column, value; --skip-invalid counts" {
	f=$(mk bad.csv <<'EOF'
Account,Start Date,End Date,ARR
A,2026-01-01,2026-12-31,100
B,2026-03-01,2026-01-01,100
C,,2026-12-31,100
D,2026-01-01,2026-12-31,-5
E,2026-01-01,2026-12-31,
F,2026-01-01,2026-12-31,100 EUR
G,2026-01-01,2026-12-31,100 USD
,2026-01-01,2026-12-31,100
H,2026-02-30,2026-12-31,100
EOF
)
	run --separate-stderr "$BIN/arr" --period 2026-01 "$f"
	assert_failure 2
	assert_equal "$stderr" "arr: $f:3: End Date 2026-01-01 is before Start Date 2026-03-01"
	run --separate-stderr "$BIN/arr" --skip-invalid --rejects "$BATS_TEST_TMPDIR/rj.csv" --period 2026-01 "$f"
	assert_success
	assert_equal "$stderr" "arr: $f:3: End Date 2026-01-01 is before Start Date 2026-03-01 (skipped)
arr: $f:4: Start Date \"\": empty (a line starts on a date) (skipped)
arr: $f:5: ARR \"-5\": below 0 (a downgrade is a line of lower ARR) (skipped)
arr: $f:6: ARR \"\": empty (a line's ARR is never a guess) (skipped)
arr: $f:8: ARR \"100 USD\": in USD, but line 7 is in EUR: amounts in different currencies are never added (skipped)
arr: $f:9: Account is empty (a line belongs to an account) (skipped)
arr: $f:10: Start Date \"2026-02-30\": no such day in that month (skipped)
arr: 7 invalid records skipped; see $BATS_TEST_TMPDIR/rj.csv"
	# A 100 + F 100 EUR, both new in January
	assert_line --index 1 "2026-01,0.00,200.00,0.00,0.00,0.00,0.00,200.00,,,0,2,0,0,2,,100.00"
}

@test "--snapshots: monthly ARR per account gives the contracts' bridge" {
	# tests/data/arr-snapshots.csv: each account's ARR at each month's
	# end of 2025-2026, as the contract lines above give it
	run --separate-stderr "$BIN/arr" --snapshots --per quarter --period 2026 "$BATS_TEST_DIRNAME/data/arr-snapshots.csv"
	assert_success
	assert_line --index 1 "2026-Q1,44000.00,12000.00,0.00,0.00,6000.00,0.00,50000.00,0.8636,0.8636,4,1,1,0,4,0.2500,12500.00"
	assert_line --index 3 "2026-Q3,47000.00,0.00,0.00,5000.00,0.00,7000.00,49000.00,0.8936,0.8936,3,0,0,1,4,0.0000,12250.00"
	b=$("$BIN/arr" --as-of 2026-12-31 "$C")
	c=$("$BIN/arr" --snapshots --as-of 2026-12-31 "$BATS_TEST_DIRNAME/data/arr-snapshots.csv")
	assert_equal "$c" "$b"
}

@test "--snapshots: a month without a snapshot is no ARR; a date is its month; MRR x 12" {
	# A: Jan 100/month (1,200 a year), Feb none, Mar 150/month (1,800):
	# Jan new 1,200; Feb churn 1,200; Mar reactivation 1,800
	f=$(mk s.csv <<<$'Company,Snapshot Date,MRR\nA,2026-01-31,100\nA,2026-03-15,150')
	run --separate-stderr "$BIN/arr" --snapshots --period 2026-Q1 "$f"
	assert_success
	assert_output "$BRIDGE
2026-01,0.00,1200.00,0.00,0.00,0.00,0.00,1200.00,,,0,1,0,0,1,,1200.00
2026-02,1200.00,0.00,0.00,0.00,1200.00,0.00,0.00,0.0000,0.0000,1,0,1,0,0,1.0000,
2026-03,0.00,0.00,0.00,0.00,0.00,1800.00,1800.00,,,0,0,0,1,1,,1800.00"
	f=$(mk d.csv <<<$'Account,Month,ARR\nA,2026-01,100\nB,2026-01,5\na ,2026-01-20,100\nC,,1\nD,2026-13,1')
	run --separate-stderr "$BIN/arr" --snapshots --skip-invalid --period 2026-01 "$f"
	assert_success
	# "a " is A, as a pivot reads it: a second snapshot of A's January
	assert_equal "$stderr" "arr: $f:4: a has a snapshot for that month already (line 2) (skipped)
arr: $f:5: Month \"\": empty (a snapshot is of a month) (skipped)
arr: $f:6: Month \"2026-13\": not a period (expected 2026-Q2, FY2026-Q2, 2026-05, 2026-W14, 2026, FY2026 or 2026-04-01..2026-06-30) (skipped)
arr: 3 invalid records skipped
arr: 1 record grouped under another spelling (values differing only in ASCII case or surrounding spaces are one group, shown as first seen, trimmed): \"a\" as \"A\""
	run --separate-stderr "$BIN/arr" --snapshots --renewals 30 "$f"
	assert_failure 2
	assert_equal "$stderr" "arr: --snapshots: no contract dates to read (--start, --end) or renewals to list (--renewals)"
	run --separate-stderr "$BIN/arr" --month Month "$f"
	assert_failure 2
	assert_equal "$stderr" "arr: --month Month: only with --snapshots"
}

@test "--spend: CAC, CAC payback months and LTV per period and channel, worked by hand" {
	s=$(mk sp.csv <<<$'Period,Channel,Amount\n2026-Q1,SMB,"$6,000"\n2026-02,Enterprise,1000\n2026-03,enterprise,2000\n2025-Q4,SMB,999')
	# SMB Q1: $6,000 spent, 1 new customer (Acme, 12,000): CAC 6,000.00;
	# payback 6000 / (12000 x 0.80 / 12) = 72000 / 9600 = 7.5 months;
	# LTV = ARR per customer x margin / churn a year = 20000/2 x 0.80 /
	# (1/2 x 4) = 4,000.00. SMB Q2: 12000/1 x 0.80 / (1/2 x 4) = 4,800.00
	# Enterprise Q1: $3,000 (February and March), no new customer: no
	# CAC. 2025-Q4 is outside the periods: left out.
	run --separate-stderr "$BIN/arr" -g segment --per quarter --period 2026 --spend "$s" --gross-margin 80% -f json "$C"
	assert_success
	run jq -c '[.Segment, .period, .spend, .cac, .cac_payback_months, .ltv]' <<<"$output"
	assert_output '["Enterprise","2026-Q1",3000,null,null,null]
["Enterprise","2026-Q2",0,null,null,null]
["Enterprise","2026-Q3",0,null,null,null]
["Enterprise","2026-Q4",0,null,null,null]
["SMB","2026-Q1",6000,6000,7.5,4000]
["SMB","2026-Q2",0,null,null,4800]
["SMB","2026-Q3",0,null,null,null]
["SMB","2026-Q4",0,null,null,null]'
	# without -g every channel is summed: Q1 $9,000 for 1 new customer
	run --separate-stderr "$BIN/arr" --per quarter --period 2026 --spend "$s" "$C"
	assert_success
	assert_line --index 1 "2026-Q1,44000.00,12000.00,0.00,0.00,6000.00,0.00,50000.00,0.8636,0.8636,4,1,1,0,4,0.2500,12500.00,9000.00,9000.00,,"
	assert_equal "$stderr" "arr: no --gross-margin: cac_payback_months and ltv are left empty"
}

@test "--spend errors" {
	s=$(mk s2.csv <<<$'Period,Amount\n2026,5')
	run --separate-stderr "$BIN/arr" --per quarter --period 2026 --spend "$s" "$C"
	assert_failure 2
	assert_equal "$stderr" "arr: $s:2: Period 2026 spans more than one of the periods reported: give the spend per period (or a longer --per)"
	run --separate-stderr "$BIN/arr" -g segment --per year --period 2026 --spend "$s" "$C"
	assert_failure 2
	assert_equal "$stderr" "arr: $s:1: --spend: no Channel column to match -g Segment with"
	s=$(mk s3.csv <<<$'When,Amount\n2026,5')
	run --separate-stderr "$BIN/arr" --per year --period 2026 --spend "$s" "$C"
	assert_failure 2
	assert_equal "$stderr" "arr: $s:1: --spend: expected the columns Period, Amount and, optionally, Channel"
	s=$(mk s4.csv <<<$'Period,Amount\n2026,lots')
	run --separate-stderr "$BIN/arr" --per year --period 2026 --spend "$s" "$C"
	assert_failure 2
	assert_equal "$stderr" "arr: $s:2: Amount \"lots\": not an amount (not a number)"
	run --separate-stderr "$BIN/arr" --gross-margin 80% "$C"
	assert_failure 2
	assert_equal "$stderr" "arr: --gross-margin: only with --spend"
	run --separate-stderr "$BIN/arr" --spend "$s" --gross-margin 0 "$C"
	assert_failure 2
	assert_equal "$stderr" "arr: --gross-margin 0: above 0 (a payback needs a margin)"
	run --separate-stderr "$BIN/arr" --spend "$s" --metrics --rep Ivy "$C"
	assert_failure 2
	assert_equal "$stderr" "arr: --spend adds columns to the bridge: not with --metrics, --renewals or --expansion-target"
}

@test "-g with --expansion-target names the account beside its group" {
	run --separate-stderr "$BIN/arr" -g owner --as-of 2026-09-01 --expansion-target 20% "$C"
	assert_success
	assert_output "Owner,account,first_start,year1_arr,arr,expansion,target_arr,shortfall
Ana,Echo,2025-01-01,6000.00,7000.00,0.1667,7200.00,200.00
Ben,Cora,2025-07-01,20000.00,15000.00,-0.2500,24000.00,9000.00"
}

# issue 20 item 3: an account keeps one line a contract term, the rows of
# one start and end summed as read (of its last 16 lines; an older one is
# kept apart: the sum is the same).  Acme's term 2026-02-01..2027-01-31
# in three rows of 4,000, the third after 16 short 2027 terms; Beta 10,000
# in 2025, 6,000 + 4,000 in 2026.  FY2026 (--fy-start 1):
#   starting (2025-12-31): Beta 10,000
#   ending (2026-12-31): Beta 6,000 + 4,000 = 10,000; Acme 3 x 4,000
#   = 12,000 (new): 22,000; NRR = GRR = 10,000 / 10,000 = 1.0000
#   customers 1 -> 2, 1 new; 22,000 / 2 = 11,000.00
@test "rows of one contract term are one line: the bridge of their sum" {
	f=$(
	{
		echo "Account,Start Date,End Date,ARR"
		echo "Acme,2026-02-01,2027-01-31,4000"
		echo "Beta,2025-01-01,2025-12-31,10000"
		echo "Acme,2026-02-01,2027-01-31,4000"
		for d in $(seq 10 25); do echo "Acme,2027-03-$d,2027-04-$d,1"; done
		echo "Beta,2026-01-01,2026-12-31,6000"
		echo "Acme,2026-02-01,2027-01-31,4000"
		echo "Beta,2026-01-01,2026-12-31,4000"
	} | mk terms.csv)
	run --separate-stderr "$BIN/arr" --per year --period 2026 "$f"
	assert_success
	assert_equal "$stderr" ""
	assert_output "$BRIDGE
FY2026,10000.00,12000.00,0.00,0.00,0.00,0.00,22000.00,1.0000,1.0000,1,1,0,0,2,0.0000,11000.00"
	# a sum past what 64 bits hold is kept apart, and said only where a
	# day's ARR is asked for (2026), as when every row was kept
	f=$(printf 'Account,Start Date,End Date,ARR\nBig,2026-01-01,2026-12-31,"50,000,000,000,000,000.00"\nBig,2026-01-01,2026-12-31,"50,000,000,000,000,000.00"\n' | mk big.csv)
	run --separate-stderr "$BIN/arr" --per year --period 2026 "$f"
	assert_failure 2
	assert_equal "$stderr" "arr: the sum of ARR overflows"
	run --separate-stderr "$BIN/arr" --per year --period 2025 "$f"
	assert_success
	assert_line --index 1 "FY2025,0.00,0.00,0.00,0.00,0.00,0.00,0.00,,,0,0,0,0,0,,"
}
