#!/usr/bin/env bats
# cyclestat(1): numbers worked out by hand on tests/data/cycle.csv.

bats_require_minimum_version 1.5.0
load helper

cyclestat() { "$BIN/cyclestat" "$@"; }
C="$BATS_TEST_DIRNAME/data/cycle.csv"
H="$BATS_TEST_DIRNAME/data/cycle-history.csv"

# Enterprise: won E1 $100K in 60 days (Jan 1 -> Mar 2), E2 $300K in 90,
#   E3 $200K in 10; lost E4, E5; open E6.
#   win rate 3 / (3 + 2) = 0.6000; avg (100 + 300 + 200) / 3 = 200K;
#   median 200K; cycle mean 160 / 3 = 53.3, median 60.0, p90 = the
#   ceil(0.9 * 3) = 3rd = 90; velocity = open x win rate x avg / mean
#   cycle = 1 x 0.6 x 200,000 / 53.333 = 2,250.00
# SMB: won S1 $10K in 30 days, S2 $20K in 20; lost S3, S4; open S5, S6
#   (S6 has no amount).  win rate 0.5; avg and median 15K; cycle mean and
#   median 25.0; p90 = 2nd of 2 = 30; velocity 2 x 0.5 x 15,000 / 25 = 600
@test "per segment: counts, win rate, deal size, cycle, velocity" {
	run --separate-stderr cyclestat -g segment "$C"
	assert_success
	assert_equal "$stderr" "cyclestat: 1 deal has no amount; counted as 0"
	assert_output "Segment,opps,won,lost,open,win_rate,win_rate_low,win_rate_high,sample,avg_deal,median_deal,cycle_mean,cycle_median,cycle_p90,velocity
Enterprise,6,3,2,1,0.6000,0.2307,0.8824,insufficient,200000.00,200000.00,53.3,60.0,90,2250.00
SMB,6,2,2,2,0.5000,0.1500,0.8500,insufficient,15000.00,15000.00,25.0,25.0,30,600.00"
}

@test "no -g: one row for all; as a table and as JSON" {
	# all: won 5, lost 4 -> 5/9 = 0.5556; won 630K / 5 = 126K; median of
	# 10 20 100 200 300K = 100K; cycles 10 20 30 60 90: mean 42.0, median
	# 30.0, p90 = ceil(4.5) = 5th = 90; velocity 3 open x 630K x 5 /
	# (9 x 210) = 5,000.00
	run --separate-stderr cyclestat -f json "$C"
	assert_success
	run jq -c '[.opps,.won,.lost,.open,.win_rate,.avg_deal,.median_deal,.cycle_mean,.cycle_median,.cycle_p90,.velocity]' <<<"$output"
	assert_output '[12,5,4,3,0.5556,126000,100000,42,30,90,5000]'
	run --separate-stderr cyclestat -f table "$C"
	assert_line --index 1 --regexp '^ +12 +5 +4 +3 +55\.6% +26\.7% +81\.1% +insufficient +\$126,000.00 +\$100,000.00 +42\.0 +30\.0 +90 +\$5,000.00$'
}

@test "--target-cycle, --target-win-rate, --open-age" {
	# median cycle 60.0 > 59: no; 25.0: yes.  win rate 60% >= 55%: yes;
	# 50%: no.  Open ages as of 2026-06-01: E6 31 days; S5 12, S6 61 ->
	# mean and median 36.5, p90 = 2nd of 2 = 61
	run --separate-stderr cyclestat -g segment --open-age --as-of 2026-06-01 --target-cycle 59 --target-win-rate 55 --min-deals 4 "$C"
	assert_success
	assert_line --index 0 "Segment,opps,won,lost,open,win_rate,win_rate_low,win_rate_high,sample,avg_deal,median_deal,cycle_mean,cycle_median,cycle_p90,velocity,meets_cycle,meets_win_rate,open_age_mean,open_age_median,open_age_p90"
	assert_line --index 1 --partial ",2250.00,no,yes,31.0,31.0,31"
	assert_line --index 2 --partial ",600.00,yes,no,36.5,36.5,61"
	# as of 2026-05-10, S5 (opened 2026-05-20) did not exist yet
	run --separate-stderr cyclestat -g segment --open-age --as-of 2026-05-10 "$C"
	assert_success
	assert_equal "$stderr" "cyclestat: 1 deal has no amount; counted as 0
cyclestat: 1 open deal starts after --as-of 2026-05-10; left out of the open ages"
	# E6 9 days; S6 39 days
	assert_line --index 1 --partial ",2250.00,9.0,9.0,9"
	assert_line --index 2 --partial ",600.00,39.0,39.0,39"
	run cyclestat --target-cycle 0 "$C"
	assert_failure 2
	run --separate-stderr cyclestat --target-win-rate 120 "$C"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: --target-win-rate 120: expected a percentage from 0 to 100"
}

@test "--bands: readable labels, bounds inclusive below, no amount apart" {
	run --separate-stderr cyclestat --bands 0,50000 "$C"
	assert_success
	# $50K+: E1 E2 E3 won, E4 ($50,000 exactly) lost, E6 open
	assert_line --index 0 --partial "deal_size,opps,won,lost,open,win_rate"
	assert_line --index 1 --partial "no amount,1,0,0,1,,"
	assert_line --index 2 --partial '$0-$50K,6,2,3,1,0.4000,'
	assert_line --index 3 --partial '$50K+,5,3,1,1,0.7500,'
	run --separate-stderr cyclestat --bands 10000,5000 "$C"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: --bands 10000,5000: the bounds must rise"
	run --separate-stderr cyclestat --bands '1.5M,$2,500,000.01' "$C"
	assert_failure 2
}

@test "--loss-reasons: lost deals by reason, share of the group's lost" {
	run --separate-stderr cyclestat --loss-reasons -g segment "$C"
	assert_success
	assert_output "Segment,Loss Reason,lost,share
Enterprise,Price,2,1.0000
SMB,(none),1,0.5000
SMB,No decision,1,0.5000"
	printf 'Stage,Created Date,Close Date\nClosed Won,2026-01-01,2026-01-02\n' >"$BATS_TEST_TMPDIR/nr.csv"
	run --separate-stderr cyclestat --loss-reasons "$BATS_TEST_TMPDIR/nr.csv"
	assert_failure 2
	[[ "$stderr" == *"no loss_reason column"* ]]
}

# Without a history each deal reached its furthest stage: won deals every
# stage, E6 up to Propose, S5 Discover, S6 Negotiate, lost deals only the
# first stage (their furthest is not in the export).
@test "--funnel without a history: from each deal's furthest stage" {
	run --separate-stderr cyclestat --funnel "$C"
	assert_success
	assert_output "pipeline,stage,reached,converted,conversion,median_days
New Business,Opportunity Created,12,8,0.6667,
New Business,Discover,8,7,0.8750,
New Business,Proof of Concept,7,7,1.0000,
New Business,Propose,7,6,0.8571,
New Business,Negotiate,6,5,0.8333,
New Business,Signature,5,5,1.0000,
New Business,Closed Won,5,,,"
}

# With the history: E4 reached Proof of Concept before it was lost; E6
# skipped Proof of Concept.  Days from a stage to the next one reached:
# Opportunity Created: E6 4, S6 10, E4 9 -> median 9.0; Discover: E6 15
# (to Propose), S6 10, E4 10 -> 10.0; Proof of Concept: S6 10 -> 10.0;
# Propose: S6 15.  X99 is not in the input: reported.
@test "--funnel --history: reached, conversion, median days in stage" {
	run --separate-stderr cyclestat --funnel --history "$H" "$C"
	assert_success
	assert_equal "$stderr" "cyclestat: 1 deal has no amount; counted as 0
cyclestat: $H: 1 history row for opportunities not in the input (the first at line 14)"
	assert_output "pipeline,stage,reached,converted,conversion,median_days
New Business,Opportunity Created,12,9,0.7500,9.0
New Business,Discover,9,8,0.8889,10.0
New Business,Proof of Concept,7,6,0.8571,10.0
New Business,Propose,7,6,0.8571,15.0
New Business,Negotiate,6,5,0.8333,
New Business,Signature,5,5,1.0000,
New Business,Closed Won,5,,,"
	run --separate-stderr cyclestat --funnel -g segment "$C"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: --funnel is per pipeline: it does not go with -g"
}

@test "--win-rate-from: the win rate among deals that reached a stage" {
	# Enterprise: E1-E3 won and E4 lost after Proof of Concept: 3 / 4;
	# E5 lost before it.  SMB: S1 S2 won, S3 S4 lost early: 2 / 2
	run --separate-stderr cyclestat -g segment --win-rate-from "Proof of Concept" --history "$H" "$C"
	assert_success
	assert_line --index 1 --partial ",2250.00,4,0.7500"
	assert_line --index 2 --partial ",600.00,2,1.0000"
	run --separate-stderr cyclestat --win-rate-from "Proof of Concept" "$C"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: --win-rate-from Proof of Concept needs a stage history (--history FILE, or HubSpot's Date entered columns): without one, a lost deal's furthest stage is not known"
	run --separate-stderr cyclestat --win-rate-from Demo --history "$H" "$C"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: --win-rate-from Demo: no such stage in the model"
}

@test "--histogram: cycle days of won deals at a glance" {
	# Enterprise 10, 60, 90 days: 15-day bins (7-day ones would be 13);
	# SMB 20, 30: 7-day bins
	run --separate-stderr cyclestat -g segment --histogram -f table "$C"
	assert_success
	assert_line --index 0 --regexp '^Segment +cycle_days +won +histogram$'
	assert_line --index 1 --regexp '^Enterprise +0-14 +1 +#{40}$'
	assert_line --index 2 --regexp '^Enterprise +15-29 +0$'
	assert_line --index 7 --regexp '^Enterprise +90-104 +1 +#{40}$'
	assert_line --index 10 --regexp '^SMB +14-20 +1 +#{40}$'
	assert_equal "${#lines[@]}" 13
	run --separate-stderr cyclestat --histogram --funnel "$C"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: --funnel, --loss-reasons, --histogram and --survival exclude each other"
}

@test "--from sql: the cycle starts when the deal became an SQL" {
	printf 'Stage,Create Date,Became a Sales Qualified Lead Date,Close Date\nClosed Won,2026-01-01,2026-01-21,2026-02-01\n' >"$BATS_TEST_TMPDIR/sql.csv"
	run cyclestat --from sql "$BATS_TEST_TMPDIR/sql.csv"
	assert_line --index 1 --partial ",11.0,11.0,11,"
	run cyclestat "$BATS_TEST_TMPDIR/sql.csv"
	assert_line --index 1 --partial ",31.0,31.0,31,"
	run --separate-stderr cyclestat --from lead "$BATS_TEST_TMPDIR/sql.csv"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: --from lead: expected created or sql"
}

# A won deal whose Created Date is after its close date (a migration's load
# date) has no cycle to count: A (created 03-01, closed 02-01) is left out
# of the cycle times, named; B's 30 days (01-01 -> 01-31) are the cycle.
# Both stay in the win rate: 2 won / 2 closed = 1.0000.
@test "a won deal created after it closes is left out of cycle times, counted and named, never a negative cycle" {
	printf 'Opportunity ID,Stage,Created Date,Close Date\nA,Closed Won,2026-03-01,2026-02-01\nB,Closed Won,2026-01-01,2026-01-31\n' >"$BATS_TEST_TMPDIR/neg.csv"
	run --separate-stderr cyclestat "$BATS_TEST_TMPDIR/neg.csv"
	assert_success
	assert_equal "$stderr" "cyclestat: 1 won deal closes before it was created (a migration's load date?), left out of cycle times: $BATS_TEST_TMPDIR/neg.csv:2"
	assert_line --index 1 "2,2,0,0,1.0000,0.3424,1.0000,insufficient,0.00,0.00,30.0,30.0,30,0.00"
}

@test "duplicate opportunity ids: an error naming both lines" {
	printf 'Opportunity ID,Stage,Created Date,Close Date\nA,Discover,2026-01-01,2026-05-01\nB,Discover,2026-01-01,2026-05-01\nA,Discover,2026-01-01,2026-05-01\n' >"$BATS_TEST_TMPDIR/dup.csv"
	run --separate-stderr cyclestat "$BATS_TEST_TMPDIR/dup.csv"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: $BATS_TEST_TMPDIR/dup.csv:4: opportunity A again: it is on line 2 too"
}

@test "stages the model cannot place: an error counting each and listing the model's; --won/--lost/--open place them" {
	printf 'Stage,Created Date,Close Date\nDemo booked,2026-01-01,2026-02-01\nWon it,2026-01-01,2026-02-01\nDiscover,2026-01-01,2026-02-01\nDemo booked,2026-01-01,2026-02-01\n' >"$BATS_TEST_TMPDIR/unk.csv"
	run --separate-stderr cyclestat "$BATS_TEST_TMPDIR/unk.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "cyclestat: 3 deals are at stages the model does not place as open, won or lost: \"Demo booked\" (2), \"Won it\" (1); the New Business pipeline's stages: Opportunity Created, Discover, Proof of Concept, Propose, Negotiate, Signature, Closed Won, Closed Lost (name them with --won, --lost, --open, or give a model with -m)"
	run cyclestat --won '^won' --open 'demo' "$BATS_TEST_TMPDIR/unk.csv"
	assert_success
	assert_line --index 1 --partial "4,1,0,3,1.0000,"
	run --separate-stderr cyclestat --won '(' "$BATS_TEST_TMPDIR/unk.csv"
	assert_failure 2
	[[ "$stderr" == "cyclestat: --won (: "* ]]
}

@test "a group with no closed deals: empty win rate, never a division by zero" {
	printf 'Stage,Created Date,Close Date,Amount\nDiscover,2026-01-01,2026-05-01,100\n' >"$BATS_TEST_TMPDIR/open.csv"
	run cyclestat -f json "$BATS_TEST_TMPDIR/open.csv"
	assert_success
	run jq -c '[.win_rate,.avg_deal,.cycle_median,.velocity]' <<<"$output"
	assert_output '[null,null,null,null]'
}

@test "bad input: unreadable dates and amounts, missing columns" {
	printf 'Stage,Created Date,Close Date,Amount\nClosed Won,2026-01-01,2026-02-30,100\n' >"$BATS_TEST_TMPDIR/bd.csv"
	run --separate-stderr cyclestat "$BATS_TEST_TMPDIR/bd.csv"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: $BATS_TEST_TMPDIR/bd.csv:2: Close Date \"2026-02-30\": no such day in that month"
	printf 'Stage,Created Date,Close Date,Amount\nClosed Won,2026-01-01,2026-02-03,1.234\n' >"$BATS_TEST_TMPDIR/ba.csv"
	run --separate-stderr cyclestat "$BATS_TEST_TMPDIR/ba.csv"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: $BATS_TEST_TMPDIR/ba.csv:2: Amount \"1.234\": not an amount (more than two decimals; \".\" may separate thousands here: write the amount without it, or use --decimal-comma)"
	printf 'Stage,Close Date\nClosed Won,2026-02-03\n' >"$BATS_TEST_TMPDIR/nc.csv"
	run --separate-stderr cyclestat "$BATS_TEST_TMPDIR/nc.csv"
	assert_failure 2
	[[ "$stderr" == "cyclestat: $BATS_TEST_TMPDIR/nc.csv:1: no created_date column"* ]]
}

@test "cyclestat: --help, --version, unknown option, /dev/full, -o" {
	run cyclestat --help
	assert_success
	assert_line --index 0 "usage: cyclestat [-g COL,...] [--bands AMOUNT,...] [--from created|sql]"
	run cyclestat --version
	assert_output --regexp '^cyclestat \(salesutils\) '
	run --separate-stderr cyclestat --nope
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "cyclestat: unknown option '--nope'"
	run --separate-stderr bash -c "'$BIN/cyclestat' '$C' > /dev/full"
	assert_failure 2
	assert_equal "${stderr##*$'\n'}" "cyclestat: write error: No space left on device"
	run cyclestat -g segment -o "$BATS_TEST_TMPDIR/c.csv" "$C"
	assert_success
	assert_equal "$(cat "$BATS_TEST_TMPDIR/c.csv")" "$(cyclestat -g segment "$C" 2>/dev/null)"
}

@test "--funnel from HubSpot's Date entered columns" {
	# H1 entered Appointment Scheduled (Apr 1), Qualified To Buy (Apr 11),
	# is at Contract Sent since May 1: Presentation Scheduled and Decision
	# Maker Bought-In skipped.  H2 entered Appointment Scheduled (May 20)
	# and is there.  Days: Appointment Scheduled -> next reached: H1 10;
	# Qualified To Buy -> Contract Sent: H1 20
	printf '%s\n' 'Record ID,Deal Stage,Create Date,Close Date,"Date entered ""Appointment Scheduled (Sales Pipeline)""","Date entered ""Qualified To Buy (Sales Pipeline)""","Date entered ""Contract Sent (Sales Pipeline)"""' \
	    'H1,contractsent,2026-04-01,2026-07-01,2026-04-01,2026-04-11,2026-05-01' \
	    'H2,appointmentscheduled,2026-05-20,2026-08-01,2026-05-20,,' >"$BATS_TEST_TMPDIR/hs.csv"
	run cyclestat -m "$EXAMPLES/models/hubspot-default.ini" --funnel "$BATS_TEST_TMPDIR/hs.csv"
	assert_success
	assert_output "pipeline,stage,reached,converted,conversion,median_days
Sales Pipeline,Appointment Scheduled,2,1,0.5000,10.0
Sales Pipeline,Qualified To Buy,1,1,1.0000,20.0
Sales Pipeline,Presentation Scheduled,0,0,,
Sales Pipeline,Decision Maker Bought-In,0,0,,
Sales Pipeline,Contract Sent,1,0,0.0000,
Sales Pipeline,Closed Won,0,,,"
}

# Issue 13, item 7: the stages of tests/data/model-defaults.ini are what
# forecast and stagecheck make of them.  Won: D2 $2,000 in 31 days (Jan 1
# -> Feb 1), D3 $3,000 in 61 (Jan 1 -> Mar 3); lost: D4 (Closed Lost, 0%);
# open: D1, D5 (Verbal, open at 100%).  win rate 2 / 3 = 0.6667; avg and
# median 2,500; cycle mean 92 / 2 = 46.0, median 46.0, p90 = ceil(1.8) =
# 2nd = 61; velocity = open x won_sum x won / (closed x cycle_sum) =
# 2 x 5,000 x 2 / (3 x 92) = 20,000 / 276 = 72.46
@test "a model's 100% stage is won and its Closed Lost stage lost, as forecast counts them" {
	run --separate-stderr cyclestat -m "$DATA/model-defaults.ini" "$DATA/model-defaults.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "opps,won,lost,open,win_rate,win_rate_low,win_rate_high,sample,avg_deal,median_deal,cycle_mean,cycle_median,cycle_p90,velocity
5,2,1,2,0.6667,0.2077,0.9385,insufficient,2500.00,2500.00,46.0,46.0,61,72.46"
}

# Issue 13, item 11: tests/data/sf-api.csv, a Salesforce API export.  -g
# owner finds Owner.Name (OwnerId only when there is no name).  IsClosed
# and IsWon say won, lost, open without the model knowing the stages.
# Ana Diaz: 006A1 won, $50,000, Jan 5 -> Apr 10 = 26 + 28 + 31 + 10 = 95
#   days; 006A2, 006A5 open.  win rate 1 / 1; velocity = 2 x 50,000 x 1 /
#   (1 x 95) = 1,052.63
# Ben Ode: 006A3 lost (IsClosed true, IsWon false), 006A4 open: win rate
#   0 / 1 = 0.0000, no won deal
@test "a Salesforce API export: Owner.Name over OwnerId; IsClosed and IsWon decide" {
	run --separate-stderr cyclestat -g owner "$DATA/sf-api.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "Owner.Name,opps,won,lost,open,win_rate,win_rate_low,win_rate_high,sample,avg_deal,median_deal,cycle_mean,cycle_median,cycle_p90,velocity
Ana Diaz,3,1,0,2,1.0000,0.2065,1.0000,insufficient,50000.00,50000.00,95.0,95.0,95,1052.63
Ben Ode,2,0,1,1,0.0000,0.0000,0.7935,insufficient,,,,,,"
}

# Issue 13, item 10: tests/data/maven.csv has the Maven CRM sample's
# stages.  The built-in model knows Won and Lost (aliases of Closed Won,
# Closed Lost) but not Prospecting or Engaging: placed open by --open,
# M3 and M4 have no place in its funnel, which would show 3 deals reached
# where 5 were read.  Refused, naming the stages seen with their counts.
@test "--funnel with a model whose stages the data does not use is refused, naming the stages seen" {
	run --separate-stderr cyclestat --funnel --open 'engaging|prospecting' -c created_date=engage_date "$DATA/maven.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" 'cyclestat: --funnel: 2 deals are at stages not in the model, which its funnel has no place for; the stages seen: "Engaging" (1, not in the model), "Lost" (1), "Prospecting" (1, not in the model), "Won" (2) (give the model of these stages with -m)'
}

# With the data's own model (tests/data/maven.ini, whose Won and Lost say
# only 100% and 0%) and no history, each deal reached its furthest stage:
# Prospecting: M1 M5 (won), M3 (at Engaging), M4, M2 (lost: the first
#   stage only) = 5; on to Engaging: M1 M5 M3 = 3 -> 3 / 5 = 0.6000
# Engaging: 3; on to Won: M1 M5 = 2 -> 2 / 3 = 0.6667
# Won: 2, the funnel's end.  Lost is no funnel stage.
@test "--funnel with the data's own model: every deal placed" {
	run --separate-stderr cyclestat --funnel -m "$DATA/maven.ini" -c created_date=engage_date "$DATA/maven.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "pipeline,stage,reached,converted,conversion,median_days
Maven,Prospecting,5,3,0.6000,
Maven,Engaging,3,2,0.6667,
Maven,Won,2,,,"
}

# tests/data/cycle-undated.csv, a migrated CRM: U3 and U4 were loaded on
# 2026-06-15 (their Created Date) but closed won before it; U8 and U9 are
# new deals with no close date yet; U10 has no Created Date.
#   opps 10: won U1-U4, lost U5 U6, open U7-U10; win rate 4 / 6 = 0.6667
#   deal size: all four won, (10 + 20 + 30 + 40K) / 4 = 25,000.00, median
#     (20 + 30K) / 2 = 25,000.00
#   cycles: U1 01-01 -> 01-31 = 30, U2 02-01 -> 04-01 = 28 + 31 = 59 (U3,
#     U4 left out): mean 89 / 2 = 44.5, median 44.5, p90 = ceil(0.9 x 2) =
#     2nd = 59
#   velocity = open x win rate x avg / mean cycle = 4 x 4/6 x 25,000 /
#     44.5 = 4 x 100,000 x 2 / (6 x 89) = 800,000 / 534 = 1,498.13
U="$BATS_TEST_DIRNAME/data/cycle-undated.csv"

@test "migrated won deals: out of cycle mean, median, p90 and velocity, in win rate and deal size" {
	run --separate-stderr cyclestat "$U"
	assert_success
	assert_equal "$stderr" "cyclestat: 2 deals have no amount; counted as 0
cyclestat: 2 won deals close before they were created (a migration's load date?), left out of cycle times: $U:4, $U:5"
	assert_output "opps,won,lost,open,win_rate,win_rate_low,win_rate_high,sample,avg_deal,median_deal,cycle_mean,cycle_median,cycle_p90,velocity
10,4,2,4,0.6667,0.3000,0.9032,insufficient,25000.00,25000.00,44.5,44.5,59,1498.13"
}

# the histogram: U1's 30 days and U2's 59 only; 59 / 7 < 12 so 7-day
# bins, 0-6 .. 56-62; 30 in 28-34, 59 in 56-62, 2 won in all (not 4)
@test "migrated won deals: out of the histogram" {
	run --separate-stderr cyclestat --histogram "$U"
	assert_success
	assert_line --index 5 "28-34,1,########################################"
	assert_line --index 9 "56-62,1,########################################"
	run awk -F, 'NR > 1 { n += $2 } END { print n }' <<<"$output"
	assert_output 2
}

# Open deals without a close date (new deals, U8 U9) go in a (none)
# quarter, said; never an error, never dropped.
#   (none): U8 U9, 2 open, no closed deal: no win rate, no velocity
#   2026-Q1: U1 (01-31), U3 (03-10) won, U5 (02-10) lost: 2 / 3 = 0.6667;
#     deal size (10 + 30K) / 2 = 20,000.00; cycle U1's 30 only;
#     velocity 0 open = 0.00
#   2026-Q2: U2 (04-01), U4 (05-20) won, U6 (05-01) lost, U7 U10 (06-30)
#     open: 0.6667; (20 + 40K) / 2 = 30,000.00; cycle U2's 59;
#     velocity 2 x 2/3 x 30,000 / 59 = 40,000 / 59 = 677.97
@test "open deals without a close date: a (none) quarter, counted, never an error" {
	run --separate-stderr cyclestat -g quarter "$U"
	assert_success
	assert_equal "$stderr" "cyclestat: 2 deals have no amount; counted as 0
cyclestat: 2 deals have no Close Date; grouped under (none)
cyclestat: 2 won deals close before they were created (a migration's load date?), left out of cycle times: $U:4, $U:5"
	assert_output "quarter,opps,won,lost,open,win_rate,win_rate_low,win_rate_high,sample,avg_deal,median_deal,cycle_mean,cycle_median,cycle_p90,velocity
(none),2,0,0,2,,,,insufficient,,,,,,
2026-Q1,3,2,1,0,0.6667,0.2077,0.9385,insufficient,20000.00,20000.00,30.0,30.0,30,0.00
2026-Q2,5,2,1,2,0.6667,0.2077,0.9385,insufficient,30000.00,30000.00,59.0,59.0,59,677.97"
}

# --open-age as of 2026-06-01: U7 (04-01) 30 + 31 = 61 days, U8 (05-01) 31,
# U9 (05-11) 21; U10 has no Created Date: left out, said.  mean
# 113 / 3 = 37.7, median 31.0, p90 = ceil(2.7) = 3rd = 61
@test "--open-age: an open deal without a created date is left out of the ages and counted" {
	run --separate-stderr cyclestat --open-age --as-of 2026-06-01 "$U"
	assert_success
	assert_equal "$stderr" "cyclestat: 2 deals have no amount; counted as 0
cyclestat: 2 won deals close before they were created (a migration's load date?), left out of cycle times: $U:4, $U:5
cyclestat: 1 open deal has no Created Date; left out of the open ages"
	assert_line --index 1 "10,4,2,4,0.6667,0.3000,0.9032,insufficient,25000.00,25000.00,44.5,44.5,59,1498.13,37.7,31.0,61"
}

# a won deal with no Created Date (line 2) or no Close Date (line 3) has
# no cycle: out of the cycle times, named; in the win rate (3 / 4 closed
# = 0.7500) and the deal size: (100 + 300 + 500) / 3 = 300.00, median
# 300.00.  The cycle is line 4's: 01-01 -> 01-11 = 10 days.  A lost deal
# (line 5) needs neither date.
@test "a won deal without a created or a close date: out of cycle times, named, never an error" {
	f=$(mk nodate.csv <<'EOF'
Stage,Created Date,Close Date,Amount
Closed Won,,2026-02-03,100
Closed Won,2026-01-05,,300
Closed Won,2026-01-01,2026-01-11,500
Closed Lost,,,100
EOF
)
	run --separate-stderr cyclestat "$f"
	assert_success
	assert_equal "$stderr" "cyclestat: 1 won deal has no Close Date, left out of cycle times: $f:3
cyclestat: 1 won deal has no Created Date, left out of cycle times: $f:2"
	assert_output "opps,won,lost,open,win_rate,win_rate_low,win_rate_high,sample,avg_deal,median_deal,cycle_mean,cycle_median,cycle_p90,velocity
4,3,1,0,0.7500,0.3006,0.9544,insufficient,300.00,300.00,10.0,10.0,10,0.00"
	# -g quarter: lines 3 (won, 300) and 5 (lost) have no close date:
	# (none), 1 / 2 = 0.5000, no cycle; Q1: lines 2 and 4, (100 + 500)
	# / 2 = 300.00, line 4's 10 days
	run --separate-stderr cyclestat -g quarter "$f"
	assert_success
	assert_equal "$stderr" "cyclestat: 2 deals have no Close Date; grouped under (none)
cyclestat: 1 won deal has no Close Date, left out of cycle times: $f:3
cyclestat: 1 won deal has no Created Date, left out of cycle times: $f:2"
	assert_line --index 1 "(none),2,1,1,0,0.5000,0.0945,0.9055,insufficient,300.00,300.00,,,,"
	assert_line --index 2 "2026-Q1,2,2,0,0,1.0000,0.3424,1.0000,insufficient,300.00,300.00,10.0,10.0,10,0.00"
}

@test "a date that is there but no date stays an error, open deal or not" {
	printf 'Stage,Created Date,Close Date\nDiscover,2026-13-01,\n' >"$BATS_TEST_TMPDIR/bad.csv"
	run --separate-stderr cyclestat --open-age "$BATS_TEST_TMPDIR/bad.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "cyclestat: $BATS_TEST_TMPDIR/bad.csv:2: Created Date \"2026-13-01\": no such month"
}

# seven migrated won deals (created 2026-06-01, closed 2026-05-01): the
# first five lines named, then the count of the rest (7 - 5 = 2)
@test "many migrated won deals: the first five lines named, and how many more" {
	{ printf 'Stage,Created Date,Close Date\n'
	  for i in 1 2 3 4 5 6 7; do printf 'Closed Won,2026-06-01,2026-05-01\n'; done; } >"$BATS_TEST_TMPDIR/mig.csv"
	f="$BATS_TEST_TMPDIR/mig.csv"
	run --separate-stderr cyclestat "$f"
	assert_success
	assert_equal "$stderr" "cyclestat: 7 won deals close before they were created (a migration's load date?), left out of cycle times: $f:2, $f:3, $f:4, $f:5, $f:6, and 2 more"
	assert_output "opps,won,lost,open,win_rate,win_rate_low,win_rate_high,sample,avg_deal,median_deal,cycle_mean,cycle_median,cycle_p90,velocity
7,7,0,0,1.0000,0.6457,1.0000,insufficient,0.00,0.00,,,,"
}

# H2's Date entered "Qualified To Buy" is no date: with --skip-invalid the
# row is skipped whole, in no figure (it was counted as a lost deal while
# said skipped).  Left: H1 won (Apr 1 -> Jul 1 = 30 + 31 + 30 = 91 days,
# entered Qualified To Buy), H3 open: opps 2, won 1, lost 0, open 1, win
# rate 1 / 1; reached Qualified To Buy 1 (H1), won 1 of 1 = 1.0000
@test "a row skipped for a bad Date entered date is in no figure" {
	printf '%s\n' 'Record ID,Deal Stage,Create Date,Close Date,"Date entered ""Appointment Scheduled (Sales Pipeline)""","Date entered ""Qualified To Buy (Sales Pipeline)"""' \
	    'H1,closedwon,2026-04-01,2026-07-01,2026-04-01,2026-04-11' \
	    'H2,closedlost,2026-05-20,2026-08-01,2026-05-20,2026-02-30' \
	    'H3,appointmentscheduled,2026-05-20,2026-08-01,2026-05-20,' >"$BATS_TEST_TMPDIR/hs.csv"
	run --separate-stderr cyclestat -m "$EXAMPLES/models/hubspot-default.ini" --win-rate-from 'Qualified To Buy' --skip-invalid "$BATS_TEST_TMPDIR/hs.csv"
	assert_success
	assert_equal "$stderr" "cyclestat: $BATS_TEST_TMPDIR/hs.csv:3: Date entered \"Qualified To Buy (Sales Pipeline)\" \"2026-02-30\": no such day in that month (skipped)
cyclestat: 1 invalid record skipped"
	assert_output "opps,won,lost,open,win_rate,win_rate_low,win_rate_high,sample,avg_deal,median_deal,cycle_mean,cycle_median,cycle_p90,velocity,reached,win_rate_reached
2,1,0,1,1.0000,0.2065,1.0000,insufficient,0.00,0.00,91.0,91.0,91,0.00,1,1.0000"
	run --separate-stderr cyclestat -m "$EXAMPLES/models/hubspot-default.ini" --win-rate-from 'Qualified To Buy' "$BATS_TEST_TMPDIR/hs.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "cyclestat: $BATS_TEST_TMPDIR/hs.csv:3: Date entered \"Qualified To Buy (Sales Pipeline)\" \"2026-02-30\": no such day in that month"
}

# tests/data/sf-undated.csv, a Salesforce report export (BOM, CRLF,
# footer): 006A and 006B are Prospecting deals with no Close Date and no
# Created Date; 006E was loaded 6/1/2026 but closed won 5/10/2026.  The
# run the issue saw stop at the first of them, as of 2026-06-01:
#   (none): 006A 006B, 2 open, no ages (no Created Date: said)
#   2026-Q2: 006D won $20,000 (3/1 -> 4/30 = 30 + 30 = 60 days), 006E won
#     $40,000 (no cycle), 006F lost, 006C open: win rate 2 / 3 = 0.6667;
#     avg and median (20 + 40K) / 2 = 30,000.00; cycle 60; velocity
#     1 x 2/3 x 30,000 / 60 = 60,000 / 180 = 333.33; 006C's age 4/1 -> 6/1
#     = 30 + 31 = 61
@test "a Salesforce export with undated Prospecting deals and a migrated won deal: -g quarter --open-age runs, says each" {
	f="$BATS_TEST_DIRNAME/data/sf-undated.csv"
	run --separate-stderr cyclestat -m salesforce -g quarter --open-age --as-of 2026-06-01 "$f"
	assert_success
	assert_equal "$stderr" "cyclestat: 1 deal has no amount; counted as 0
cyclestat: 2 deals have no Close Date; grouped under (none)
cyclestat: 1 won deal closes before it was created (a migration's load date?), left out of cycle times: $f:6
cyclestat: 2 open deals have no Created Date; left out of the open ages"
	assert_output "quarter,opps,won,lost,open,win_rate,win_rate_low,win_rate_high,sample,avg_deal,median_deal,cycle_mean,cycle_median,cycle_p90,velocity,open_age_mean,open_age_median,open_age_p90
(none),2,0,0,2,,,,insufficient,,,,,,,,,
2026-Q2,4,2,1,1,0.6667,0.2077,0.9385,insufficient,30000.00,30000.00,60.0,60.0,60,333.33,61.0,61.0,61"
}

# Issue 19, item 1.  Wilson 95% interval, z = 1.96, z^2 = 3.8415:
# Enterprise 3 won of 5 closed: centre (0.6 + 3.8415 / 10) / (1 + 3.8415 /
#   5) = 0.98415 / 1.7683 = 0.5565; half 1.96 x sqrt(0.6 x 0.4 / 5 +
#   3.8415 / 100) / 1.7683 = 1.96 x 0.29396 / 1.7683 = 0.3258:
#   0.2307 to 0.8824
# SMB 2 of 4: centre (0.5 + 0.4802) / 1.9604 = 0.5; half 1.96 x sqrt(0.0625
#   + 0.0600) / 1.9604 = 1.96 x 0.35 / 1.9604 = 0.35: 0.1500 to 0.8500
@test "win rate with its 95% Wilson interval; --min-deals marks small groups insufficient, never judged" {
	run --separate-stderr cyclestat -g segment --min-deals 5 --target-win-rate 55 "$C"
	assert_success
	assert_line --index 0 --partial "Segment,opps,won,lost,open,win_rate,win_rate_low,win_rate_high,sample,"
	# Enterprise: 5 closed, enough; 60% >= 55%.  SMB: 4 closed < 5
	assert_line --index 1 --regexp '^Enterprise,6,3,2,1,0\.6000,0\.2307,0\.8824,ok,.*,yes$'
	assert_line --index 2 --regexp '^SMB,6,2,2,2,0\.5000,0\.1500,0\.8500,insufficient,.*,insufficient$'
	# the default is 10: both; --min-deals 0 turns the rule off
	run --separate-stderr cyclestat -g segment "$C"
	assert_equal "$(cut -d, -f9 <<<"$output" | tr '\n' ' ')" "sample insufficient insufficient "
	run --separate-stderr cyclestat -g segment --min-deals 0 "$C"
	assert_equal "$(cut -d, -f9 <<<"$output" | tr '\n' ' ')" "sample ok ok "
	# as JSON numbers; as a table, percentages
	run --separate-stderr cyclestat -f json "$C"
	run jq -c '[.win_rate,.win_rate_low,.win_rate_high,.sample]' <<<"$output"
	assert_output '[0.5556,0.2667,0.8112,"insufficient"]'
	for bad in x -1 1.5 ''; do
		run --separate-stderr cyclestat --min-deals "$bad" "$C"
		assert_failure 2
		assert_equal "$stderr" "cyclestat: --min-deals $bad: expected a number of deals from 0"
	done
}

# Issue 19, item 3: --survival, worked by hand.  Five deals created
# 2026-01-01, --as-of 2026-03-01: A won day 10, B lost day 20 (censored),
# C won day 30, D open (censored at day 59, --as-of), E won day 50.
#   day 10: 5 at risk, 1 won: S = 4/5 = 0.8
#   day 30: 3 at risk (A won, B censored), 1 won: S = 0.8 x 2/3 = 0.5333
#   day 50: 2 at risk (E, D), 1 won: S = 0.5333 x 1/2 = 0.2667
#   median: the first day S <= 1/2: 50.  P(won within 30) = 1 - 0.5333 =
#   0.4667; within 60, 90, 180: not known (empty): the last day seen is
#   59 (D), and S after it is no estimate
#   Greenwood: 1/(5 x 4) = 0.05 by day 10, + 1/(3 x 2) = 0.2167 by 30, +
#   1/(2 x 1) = 0.7167 by 50.  Lower curve S exp(-1.96 sqrt(sum)): day 10
#   0.8 x exp(-0.4383) = 0.516 > 1/2; day 30 0.5333 x exp(-0.9123) = 0.214
#   <= 1/2: the median's lower end is 30.  Upper curve: day 30 0.5333 x
#   exp(0.9123) = 1.33 (1), day 50 0.2667 x exp(1.6593) = 1.40 (1): never
#   at 1/2, no upper end (empty).
@test "--survival: Kaplan-Meier time to win, open deals censored at --as-of, lost deals at their close" {
	f=$(mk surv.csv <<'CSV'
Opportunity ID,Segment,Stage,Amount,Created Date,Close Date
A,SMB,Closed Won,100,2026-01-01,2026-01-11
B,SMB,Closed Lost,100,2026-01-01,2026-01-21
C,SMB,Closed Won,100,2026-01-01,2026-01-31
D,SMB,Propose,100,2026-01-01,2026-04-01
E,SMB,Closed Won,100,2026-01-01,2026-02-20
CSV
)
	run --separate-stderr cyclestat --survival --as-of 2026-03-01 "$f"
	assert_success
	assert_equal "$stderr" ""
	assert_output "deals,won,censored,median_days_to_win,median_low,median_high,won_30,won_60,won_90,won_180,sample
5,3,2,50.0,30.0,,0.4667,,,,insufficient"
	run --separate-stderr cyclestat --survival --as-of 2026-03-01 -g segment --min-deals 5 -f table "$f"
	assert_line --index 1 --regexp '^SMB +5 +3 +2 +50\.0 +30\.0 +46\.7% +ok$'
	# a lost deal with no created date, an open one created after
	# --as-of: out of the estimate, each said
	f2=$(cat "$f" - <<<'G,SMB,Closed Lost,100,,2026-01-11
F,SMB,Propose,100,2026-04-01,2026-05-01' | mk surv2.csv)
	run --separate-stderr cyclestat --survival --as-of 2026-03-01 "$f2"
	assert_success
	assert_line --index 1 "5,3,2,50.0,30.0,,0.4667,,,,insufficient"
	assert_equal "$stderr" "cyclestat: 1 lost or open deal has no Created Date or Close Date (or closes before its start); left out of the survival
cyclestat: 1 open deal starts after --as-of 2026-03-01; left out of the survival"
	run --separate-stderr cyclestat --survival --histogram "$f"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: --funnel, --loss-reasons, --histogram and --survival exclude each other"
}

# The published worked example: Freireich et al. (1963), Blood 21:699, the
# 6-MP arm of the acute leukaemia remission trial, 21 patients, weeks to
# relapse (censored: *): 6 6 6 6* 7 9* 10 10* 11* 13 16 17* 19* 20* 22 23
# 25* 32* 32* 34* 35*, worked in Kleinbaum & Klein, Survival Analysis: A
# Self-Learning Text (3rd ed., 2012), ch. 2, and by R: survfit(Surv(time,
# cens) ~ treat, data = MASS::gehan) gives for 6-MP n 21, events 9,
# median 23, 0.95LCL 16, 0.95UCL NA.  As deals (tests/data/survival-6mp.csv):
# created 2026-01-01, won (relapse) or lost (censored) that many days later.
# S(23) = 18/21 x 16/17 x 14/15 x 11/12 x 10/11 x 6/7 x 5/6 = 0.4482 (the
# book's 0.448), so P(won within 30) = 0.5518; the last week seen is 35:
# within 60, 90, 180 are empty (not known).
@test "--survival agrees with a published Kaplan-Meier example (Freireich 6-MP: median 23, 95% 16 to NA)" {
	run --separate-stderr cyclestat --survival "$DATA/survival-6mp.csv"
	assert_success
	assert_output "deals,won,censored,median_days_to_win,median_low,median_high,won_30,won_60,won_90,won_180,sample
21,9,12,23.0,16.0,,0.5518,,,,ok"
}

# Issue 19, item 4: --cohort, by the quarter or month a deal was created.
# 2026-Q1 (E1-E5, S1-S4): won E1 E2 E3 S1 S2, lost E4 E5 S3 S4: 5/9 =
#   0.5556, cycles 10 20 30 60 90: median 30.0; 2026-Q2 (E6 S5 S6): all
#   open, no win rate yet.
# With --survival --as-of 2026-06-01, each cohort at the same age: Q1
#   days 10W 20W 28L 28L 30W 31L 45L 60W 90W: S = 8/9, x 7/8 = 0.7778, x
#   4/5 (5 at risk at 30) = 0.6222, x 1/2 (2 at risk at 60) = 0.3111, x 0
#   at 90: won within 30 = 0.3778, 60 = 0.6889, 90 and 180 = 1 (none
#   left); median 60.  Q2: open E6 31 days, S5 12, S6 61: nothing won
#   within 30 or 60 days, and nothing known of 90 or 180 (empty): this
#   quarter's deals are behind last quarter's at the same age.
@test "--cohort quarter|month: win rate and cycle by the period deals were created; with --survival, at the same age" {
	run --separate-stderr cyclestat --cohort quarter "$C"
	assert_success
	assert_output "cohort,opps,won,lost,open,win_rate,win_rate_low,win_rate_high,sample,avg_deal,median_deal,cycle_mean,cycle_median,cycle_p90,velocity
2026-Q1,9,5,4,0,0.5556,0.2667,0.8112,insufficient,126000.00,100000.00,42.0,30.0,90,0.00
2026-Q2,3,0,0,3,,,,insufficient,,,,,,"
	run --separate-stderr cyclestat --cohort quarter --survival --as-of 2026-06-01 "$C"
	assert_success
	assert_output "cohort,deals,won,censored,median_days_to_win,median_low,median_high,won_30,won_60,won_90,won_180,sample
2026-Q1,9,5,4,60.0,30.0,90.0,0.3778,0.6889,1.0000,1.0000,insufficient
2026-Q2,3,0,3,,,,0.0000,0.0000,,,insufficient"
	# by month, with -g: the cohort first, then the groups
	run --separate-stderr cyclestat --cohort month -g segment "$C"
	assert_success
	assert_line --index 0 --partial "cohort,Segment,opps,won,lost,open,win_rate,"
	assert_line --index 1 --partial "2026-01,Enterprise,4,2,2,0,0.5000,"
	assert_line --index 3 --partial "2026-02,SMB,2,0,2,0,0.0000,0.0000,0.6576,"
	# a deal without a created date: the (none) cohort, said
	f=$(sed 's/^S6,\(.*\),2026-04-01,2026-06-30,$/S6,\1,,2026-06-30,/' "$C" | mk nocreated.csv)
	run --separate-stderr cyclestat --cohort quarter "$f"
	assert_success
	assert_line --index 1 --partial "(none),1,0,0,1,"
	assert_equal "${stderr##*$'\n'}" "cyclestat: 1 deal has no Created Date; in the (none) cohort"
	run --separate-stderr cyclestat --cohort week "$C"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: --cohort week: expected month or quarter"
	run --separate-stderr cyclestat --cohort month --funnel "$C"
	assert_failure 2
	assert_equal "$stderr" "cyclestat: --funnel is per pipeline: it does not go with --cohort"
}

# Medians and percentiles come from a count of deals per day (and the
# amounts' median from a count per distinct amount): the same figures as
# sorting every deal's value.  3,000 generated deals in 3 segments
# (seeded), with cycles of 0 to 400 days, some the same, a few of 4,100
# to 9,000 days (past the counted range, kept apart), open deals' ages,
# and amounts (most of them five list prices, counted by distinct amount);
# python works each figure out from the sorted values: median = the mean
# of the middle two (x.5 when they differ by an odd number), p90 = the
# ceil(0.9 n)th smallest, the amounts' median half a cent away from zero,
# the histogram's counts per band of the first width of 7, 15, 30, ...
# that gives under 12 bands.
@test "medians and p90 of thousands of deals agree with a sorted reference" {
	python3 - "$BATS_TEST_TMPDIR" <<'PY'
import datetime, random, sys
d = sys.argv[1]
rnd = random.Random(20)
t0 = datetime.date(2010, 1, 1)
asof = datetime.date(2036, 1, 1)
cyc, age, amt = {}, {}, {}
rows = []
for i in range(3000):
    seg = "S%d" % (i % 3)
    start = t0 + datetime.timedelta(days=rnd.randrange(0, 3000))
    # list prices repeat (the median from distinct amounts), odd cents
    a = rnd.choice((1200000, 2500050, 999999, 4800001, 7500000)) \
        if rnd.random() < 0.6 else rnd.randrange(1, 50000000)
    r = rnd.random()
    if r < 0.5:
        c = rnd.randrange(0, 400) if rnd.random() > 0.01 else \
            rnd.randrange(4100, 9000)
        cyc.setdefault(seg, []).append(c)
        amt.setdefault(seg, []).append(a)
        rows.append((seg, "Closed Won", a, start,
                     start + datetime.timedelta(days=c)))
    elif r < 0.7:
        rows.append((seg, "Closed Lost", a, start,
                     start + datetime.timedelta(days=rnd.randrange(0, 99))))
    else:
        age.setdefault(seg, []).append((asof - start).days)
        rows.append((seg, "Propose", a, start, asof))
with open(d + "/many.csv", "w") as f:
    f.write("Segment,Stage,Amount,Created Date,Close Date\n")
    for s, st, a, b, c in rows:
        f.write("%s,%s,%d.%02d,%s,%s\n" % (s, st, a // 100, a % 100, b, c))
def med2(v):
    v = sorted(v); n = len(v)
    return 2 * v[n // 2] if n % 2 else v[n // 2 - 1] + v[n // 2]
def p90(v):
    v = sorted(v); k = (90 * len(v) + 99) // 100
    return v[k - 1]
def days(m2):
    return "%d.%d" % (m2 // 2, 5 * (m2 % 2))
def money(m2):
    q = m2 // 2 + m2 % 2 # positive: half a cent up
    return "%d.%02d" % (q // 100, q % 100)
with open(d + "/want", "w") as f:
    for s in sorted(cyc):
        f.write("%s,%s,%s,%d,%s,%d\n" % (s, money(med2(amt[s])),
                days(med2(cyc[s])), p90(cyc[s]), days(med2(age[s])),
                p90(age[s])))
with open(d + "/wanth", "w") as f:
    for s in sorted(cyc):
        mx = max(cyc[s])
        for w in (7, 15, 30, 60, 90, 180, 365, 3650):
            if mx // w < 12:
                break
        for k in range(mx // w + 1):
            f.write("%s,%d-%d,%d\n" % (s, k * w, (k + 1) * w - 1,
                    sum(1 for c in cyc[s] if c // w == k)))
PY
	run --separate-stderr cyclestat -g segment --open-age --as-of 2036-01-01 "$BATS_TEST_TMPDIR/many.csv"
	assert_success
	# Segment, median_deal, cycle_median, cycle_p90, open_age_median, _p90
	assert_equal "$(tail -n +2 <<<"$output" | cut -d, -f1,11,13,14,17,18)" "$(cat "$BATS_TEST_TMPDIR/want")"
	run --separate-stderr cyclestat -g segment --histogram "$BATS_TEST_TMPDIR/many.csv"
	assert_success
	assert_equal "$(tail -n +2 <<<"$output" | cut -d, -f1-3)" "$(cat "$BATS_TEST_TMPDIR/wanth")"
}

# dup_inputs N: a.csv and b.csv in the test's directory, N deals between
# them with ids unique (i * 7919 mod 10^13: scattered, not in order) but for
# five placed duplicates: a's first id again as a's last line, a's 10th as
# b's 4th line, b's 6th line's id twice more at b's end, and a's 21st at b's very
# end with spaces around it (trimmed: the same id)
dup_inputs() {
	python3 - "$BATS_TEST_TMPDIR" "$1" <<'PY'
import sys
d, n = sys.argv[1], int(sys.argv[2])
ids = ["006Dn%013d" % (i * 7919 % 10**13) for i in range(n)]
a, b = ids[:n // 2], ids[n // 2:]
a.append(a[0])
b.insert(3, a[9])
b.append(b[5]); b.append(b[5])
b.append(" " + a[20] + " ")
for name, rows in (("a.csv", a), ("b.csv", b)):
    with open(d + "/" + name, "w") as f:
        f.write("Opportunity ID,Stage,Created Date,Close Date\n")
        for i in rows:
            f.write("%s,Discover,2026-01-01,2026-05-01\n" % i)
PY
}

# 3,000 deals (1,501 lines of a, 1,504 of b after the header): the five
# duplicates each said at its line with its first place (the first id on
# a's line 2, a's 10th on line 11, b's 6th, 006Dn...(1504 x 7919 =
# 11910176), on b's line 7 -- b's 4th line is the inserted one)
@test "duplicate ids across files, first and last lines, trimmed: each said with the first place" {
	dup_inputs 3000
	d=$BATS_TEST_TMPDIR
	run --separate-stderr cyclestat --skip-invalid "$d/a.csv" "$d/b.csv"
	assert_success
	assert_line --index 1 "3000,0,0,3000,,,,insufficient,,,,,,"
	assert_equal "$stderr" "cyclestat: $d/a.csv:1502: opportunity 006Dn0000000000000 again: it is on line 2 too (skipped)
cyclestat: $d/b.csv:5: opportunity 006Dn0000000071271 again: it is on $d/a.csv:11 too (skipped)
cyclestat: $d/b.csv:1503: opportunity 006Dn0000011910176 again: it is on line 7 too (skipped)
cyclestat: $d/b.csv:1504: opportunity 006Dn0000011910176 again: it is on line 7 too (skipped)
cyclestat: $d/b.csv:1505: opportunity 006Dn0000000158380 again: it is on $d/a.csv:22 too (skipped)
cyclestat: 5 invalid records skipped"
}

# The duplicate-id set lives in address space reserved at its start (15 GB
# of arena and table, no memory until touched: lib/idset.c).  Where
# the address space cannot be had, as under ulimit -v, the set is malloc'd
# instead: the same answers, and no word of it.
@test "duplicate ids with ulimit -v 1 GB (no address space to reserve): the same, malloc'd" {
	[ "${SANITIZE:-0}" != 1 ] || skip "AddressSanitizer reserves terabytes: no ulimit -v"
	[ "${VALGRIND:-0}" != 1 ] || skip "valgrind's own address space"
	dup_inputs 3000
	d=$BATS_TEST_TMPDIR
	run --separate-stderr cyclestat --skip-invalid "$d/a.csv" "$d/b.csv"
	assert_success
	local want_out=$output want_err=$stderr
	assert_equal "$(grep -c 'again: it is on' <<<"$want_err")" 5
	run --separate-stderr sh -c 'ulimit -v 1000000 && exec "$@"' sh \
	    "$BIN/cyclestat" --skip-invalid "$d/a.csv" "$d/b.csv"
	assert_success
	assert_equal "$output" "$want_out"
	assert_equal "$stderr" "$want_err"
}

# same_run ARGS...: cyclestat ARGS with the duplicate-id set's budget at
# its default (40 MB: these inputs never reach it) and at a few hundred ids
# (SU_TEST_IDSET_BUDGET, bytes: the table's first 80 KB and ~900 ids of
# 23 bytes), which reads the inputs a second time: stdout, stderr and the
# exit status byte for byte the same.  $d/prepassed says the second
# reading was done.  Standard input: the file $in, if set.
same_run() {
	local r=0
	"$BIN/cyclestat" "$@" <"${in:-/dev/null}" >"$d/mem.out" \
	    2>"$d/mem.err" || r=$?
	echo "exit $r" >>"$d/mem.out"
	rm -f "$d/prepassed"
	r=0
	SU_TEST_IDSET_BUDGET=100000 stopping : "$BIN/cyclestat" "$@" \
	    <"${in:-/dev/null}" >"$d/two.out" 2>"$d/two.err" || r=$?
	echo "exit $r" >>"$d/two.out"
	cmp "$d/mem.out" "$d/two.out"
	cmp "$d/mem.err" "$d/two.err"
}

@test "past its memory budget the duplicate-id check reads the files twice: the same output, messages and exit status" {
	dup_inputs 3000
	d=$BATS_TEST_TMPDIR
	# every duplicate said, with --skip-invalid and --rejects
	same_run --skip-invalid --rejects "$d/rej.csv" "$d/a.csv" "$d/b.csv"
	[ -e "$d/prepassed" ]
	grep -c 'again: it is on' "$d/two.err" | grep -qx 5
	# the first one an error, exit 2
	same_run "$d/a.csv" "$d/b.csv"
	[ -e "$d/prepassed" ]
	assert_equal "$(cat "$d/two.err")" "cyclestat: $d/a.csv:1502: opportunity 006Dn0000000000000 again: it is on line 2 too"
	# the same file twice: every id of the second a duplicate (the set
	# holds them all: each is a candidate)
	same_run --skip-invalid "$d/a.csv" "$d/a.csv"
	[ -e "$d/prepassed" ]
	assert_equal "$(tail -n 1 "$d/two.err")" "cyclestat: 1502 invalid records skipped (1492 not shown)"
	# the second reading reads as the first: tab-separated, ids in a
	# column named by -c
	for f in a b; do
		sed 's/,/\t/g; 1s/Opportunity ID/Deal Key/' "$d/$f.csv" >"$d/$f.tsv"
	done
	same_run -t -c id='Deal Key' --skip-invalid "$d/a.tsv" "$d/b.tsv"
	[ -e "$d/prepassed" ]
	grep -c 'again: it is on' "$d/two.err" | grep -qx 5
	# a bad record (a short one) said once, at its line, by the first
	# reading alone
	printf 'X1,Discover\n' >>"$d/a.csv"
	same_run --skip-invalid "$d/a.csv" "$d/b.csv"
	grep -c 'a.csv:1503' "$d/two.err" | grep -qx 1
	same_run "$d/a.csv" "$d/b.csv"
	grep -q 'a.csv:1502: opportunity' "$d/two.err"
}

# standard input cannot be read twice: there the set grows past its budget
@test "past its budget on standard input the duplicate-id check keeps every id: the same output" {
	dup_inputs 3000
	d=$BATS_TEST_TMPDIR
	tail -n +2 "$d/b.csv" | cat "$d/a.csv" - >"$d/ab.csv"
	run --separate-stderr env SU_TEST_IDSET_BUDGET=100000 \
	    "$BIN/cyclestat" --skip-invalid - <"$d/ab.csv"
	assert_success
	assert_line --index 1 "3000,0,0,3000,,,,insufficient,,,,,,"
	assert_equal "$(printf '%s\n' "$stderr" | grep -c 'again: it is on')" 5
	in=$d/ab.csv same_run --skip-invalid -
	[ ! -e "$d/prepassed" ]
}

# the ids a stream's check keeps are at most 4 GB (32-bit offsets): here
# 46,000 bytes (SU_TEST_IDSET_ARENA), past the budget (standard input:
# every id kept).  An id takes 21 bytes on lines 2-63 (its line * 2 under
# 128: one varint byte), 22 after, and an insert wants 48 free: 62 x 21 =
# 1302, 1302 + 22 x 2029 = 45940 and 45940 + 48 <= 46000, so 2030 more go
# in and the next is refused: 2092 held.  The duplicates on lines 1502 and
# 1506 are said first; exit 2, nothing out, and the way round it said.
@test "the duplicate-id check past the ids it can hold on standard input: exit 2 and the way round it" {
	dup_inputs 3000
	d=$BATS_TEST_TMPDIR
	tail -n +2 "$d/b.csv" | cat "$d/a.csv" - >"$d/ab.csv"
	run --separate-stderr env SU_TEST_IDSET_BUDGET=100000 \
	    SU_TEST_IDSET_ARENA=46000 "$BIN/cyclestat" --skip-invalid - \
	    <"$d/ab.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$(printf '%s\n' "$stderr" | grep -c 'again: it is on')" 2
	assert_equal "$(printf '%s\n' "$stderr" | tail -n 1)" "cyclestat: more than 4 GB of ids to check for duplicates (2092 ids): standard input and pipes cannot be read twice, so every id is kept; give the input as a file"
	# as a file it is read twice, and only the candidates kept
	run --separate-stderr env SU_TEST_IDSET_BUDGET=100000 \
	    SU_TEST_IDSET_ARENA=46000 "$BIN/cyclestat" --skip-invalid \
	    "$d/ab.csv"
	assert_success
	assert_equal "$(printf '%s\n' "$stderr" | grep -c 'again: it is on')" 5
}

# the hook changes b.csv after the second reading, before the first reads
# it: a line more, or an id changed (the count the same, the ids not).
# changed HOOK MESSAGE: refused, exit 2, no output, MESSAGE last.
changed() {
	dup_inputs 3000
	refused_changed "$1" "$2" "$BIN/cyclestat" --skip-invalid \
	    "$d/a.csv" "$d/b.csv"
}

@test "an input that changed between the duplicate-id check's two readings is refused" {
	d=$BATS_TEST_TMPDIR
	changed "echo NEW1,Discover,2026-01-01,2026-05-01 >>$d/b.csv" \
	    "$d/b.csv:1506: more ids than when the input was first read (to check them for duplicates): it changed while it was read"
	changed "sed -i 2s/^006Dn/007Dn/ $d/b.csv" \
	    "the input changed while it was read: its ids are not those of its first reading (to check them for duplicates)"
}

# 3,000 deals and 5 duplicates: 3,005 opportunities counted
@test "--no-duplicate-check: ids not checked, every row counted" {
	dup_inputs 3000
	d=$BATS_TEST_TMPDIR
	run --separate-stderr cyclestat --no-duplicate-check "$d/a.csv" "$d/b.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_line --index 1 "3005,0,0,3005,,,,insufficient,,,,,,"
}

# --survival from counts per day, with days past the counted 4,095 (kept
# apart, merged in order).  A won at 10 days, B won at 5,000 (2000-01-01
# to 2013-09-09), C open, censored at 5,997 (--as-of 2016-06-02).  t=10:
# 3 at risk, 1 won, S = 2/3; t=5000: 2 at risk, 1 won, S = 1/3: the
# median is 5000 days.  Greenwood at t=10: 1/(3 x 2) = 0.1667, se 0.408,
# low 2/3 x exp(-1.96 x 0.408) = 0.300 <= 1/2: median_low 10; high 2/3 x
# exp(+0.80) > 1, capped, never 1/2: empty.  won_30 .. won_180 = 1 - 2/3.
@test "--survival with days to win and censorings past 4,095 days, worked by hand" {
	f=$(mk far.csv <<'CSV'
Opportunity ID,Stage,Created Date,Close Date
A,Closed Won,2000-01-01,2000-01-11
B,Closed Won,2000-01-01,2013-09-09
C,Discover,2000-01-01,2020-01-01
CSV
)
	run --separate-stderr cyclestat --survival --as-of 2016-06-02 "$f"
	assert_success
	assert_line --index 1 "3,2,1,5000.0,10.0,,0.3333,0.3333,0.3333,0.3333,insufficient"
}

# The id is checked before anything else of its row, though the status,
# the stage and the amount are read while the id's slot in the set is
# fetched: a repeated id with a bad IsClosed (line 3), closed without
# IsWon or a won/lost stage (4), a bad amount (5) or a stage no model
# places (6) is said as the repeat; a new id with a bad amount (7) as the
# bad amount.  Counted: A and C only, both open (2 opps, 0 won, 0 lost).
@test "a repeated id is said as a repeat, whatever else is wrong with its row" {
	f=$(mk dupbad.csv <<'CSV'
Id,StageName,Amount,CloseDate,CreatedDate,IsClosed,IsWon
A,Prospecting,100,2026-05-01,2026-01-01,false,false
A,Prospecting,100,2026-05-01,2026-01-01,maybe,false
A,Prospecting,100,2026-05-01,2026-01-01,true,
A,Prospecting,12x,2026-05-01,2026-01-01,false,false
A,Demo booked,100,2026-05-01,2026-01-01,,
B,Prospecting,12x,2026-05-01,2026-01-01,false,false
C,Prospecting,100,2026-05-01,2026-01-01,false,false
CSV
)
	run --separate-stderr cyclestat --skip-invalid "$f"
	assert_success
	assert_equal "$stderr" "cyclestat: $f:3: opportunity A again: it is on line 2 too (skipped)
cyclestat: $f:4: opportunity A again: it is on line 2 too (skipped)
cyclestat: $f:5: opportunity A again: it is on line 2 too (skipped)
cyclestat: $f:6: opportunity A again: it is on line 2 too (skipped)
cyclestat: $f:7: Amount \"12x\": not an amount (characters after the number) (skipped)
cyclestat: 5 invalid records skipped"
	assert_line --index 1 "2,0,0,2,,,,insufficient,,,,,,"
}
