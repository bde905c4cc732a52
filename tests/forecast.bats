#!/usr/bin/env bats
# forecast(1): the domain (seed 000's Q2 2026 table) and every option.

bats_require_minimum_version 1.5.0
load helper

# Seed 000 "Example Forecast (Q2 2026)", tests/data/seed-q2.csv:
#   Closed    2 deals  $100K+$50K = $150K  x100% = $150K
#   Commit    3 x $100K = $300K            x 90% = $270K
#   Best Case 5 x $100K = $500K            x 70% = $350K
#   Pipeline 10 x $100K = $1M              x 50% = $500K
#   Total    20           $1.95M                   $1.27M
# target $750K: coverage 1.27/0.75 = 1.69333 -> 1.6933 ("1.7x");
# gap max(0.75-1.27, 0) = 0; pipeline_coverage = open / (target - closed)
#   = (1.95M - 150K) / (750K - 150K) = 1.8M / 600K = 3.0000
@test "seed 000 Q2 2026 forecast comes out exactly (csv)" {
	run --separate-stderr forecast --target 750000 "$DATA/seed-q2.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "$(cat "$EXPECTED/seed-q2-target.csv")"
}

@test "seed 000 Q2 2026 forecast as a table: \$1,270,000, 65.1%, 1.69x" {
	run --separate-stderr forecast --target 750000 -f table "$DATA/seed-q2.csv"
	assert_success
	assert_output "$(cat "$EXPECTED/seed-q2-target.table")"
	assert_line --index 6 --regexp '^Total +20 +\$1,950,000\.00 +65\.1% +\$1,270,000\.00 +\$750,000\.00 +1\.69x +\$0\.00 +3\.00x$'
}

@test "seed 000 Q2 2026 forecast as JSON: numbers are numbers" {
	run forecast --target 750000 -f json "$DATA/seed-q2.csv"
	assert_success
	run jq -c 'select(.category=="Total") | [.deals,.amount,.weighted_amount,.coverage,.pipeline_coverage,.gap]' <<<"$output"
	assert_output '[20,1950000,1270000,1.6933,3,0]'
	run bash -c "'$BIN/forecast' -f json '$DATA/seed-q2.csv' | jq -s 'length'"
	assert_output 7
	run bash -c "'$BIN/forecast' -f json '$DATA/seed-q2.csv' | jq -r 'select(.category==\"Closed\") | .weight'"
	assert_output 1
}

@test "categories always come in order, Total = sum, Lost apart" {
	f=$(mk lost.csv <<'EOF'
Stage,Amount,Forecast Category
Closed Won,100,Closed
Closed Lost,40,Omitted
Opportunity Created,10,Omitted
Negotiation,$1000,Commit
EOF
)
	run forecast "$f"
	assert_success
	# Total = 100 + 10 + 1000 = 1110; weighted 100 + 0 + 900 = 1000;
	# Lost: the closed-lost stage wins over its "Omitted" category.
	# (Opportunity Created is the model's open Omitted stage: a stage
	# the model does not know, at Omitted, could be lost and is refused.)
	assert_output "category,deals,amount,weight,weighted_amount
Closed,1,100.00,1.0000,100.00
Commit,1,1000.00,0.9000,900.00
Best Case,0,0.00,0.7000,0.00
Pipeline,0,0.00,0.5000,0.00
Omitted,1,10.00,0.0000,0.00
Total,3,1110.00,0.9009,1000.00
Lost,1,40.00,0.0000,0.00"
}

@test "category names: Salesforce, HubSpot, any case and spacing" {
	f=$(mk hs.csv <<'EOF'
Deal Stage,Amount,Forecast category
a,1,Closed won
b,1,COMMIT
c,1,best case
d,1,Best_Case
e,1,pipeline
f,1,Not forecasted
g,1,Omitted
h,1,Closed lost
EOF
)
	# f and g: stages the model does not know at Omitted, open by --open
	run forecast -f tsv --open '^[fg]$' "$f"
	assert_success
	assert_line --index 1 "Closed	1	1.00	1.0000	1.00"
	assert_line --index 3 "Best Case	2	2.00	0.7000	1.40"
	assert_line --index 5 "Omitted	2	2.00	0.0000	0.00"
	assert_line --index 7 "Lost	1	1.00	0.0000	0.00"
}

@test "category from probability: 100 Closed, >=90 Commit, >=70 Best Case, >=30 Pipeline, else Omitted" {
	f=$(mk p.csv <<'EOF'
Name,Amount,Probability (%)
a,1000,100
b,1000,90
c,1000,89.9
d,1000,70
e,1000,30
f,1000,29
g,1000,0
EOF
)
	run forecast -f tsv "$f"
	assert_success
	assert_output "category	deals	amount	weight	weighted_amount
Closed	1	1000.00	1.0000	1000.00
Commit	1	1000.00	0.9000	900.00
Best Case	2	2000.00	0.7000	1400.00
Pipeline	1	1000.00	0.5000	500.00
Omitted	2	2000.00	0.0000	0.00
Total	7	7000.00	0.5429	3800.00
Lost	0	0.00	0.0000	0.00"
}

@test "probability rule: '%' in the header = percent; HubSpot 'Deal probability' = fraction; '75%' always percent" {
	f=$(mk hp.csv <<'EOF'
Deal Name,Amount,Deal probability
a,100,0.9
b,100,75%
c,100,1
EOF
)
	run forecast -f tsv --weight-by probability "$f"
	assert_success
	# 0.9 -> Commit, 75% -> Best Case, 1 -> Closed; weighted by own
	# probability: 100*0.9 = 90, 100*0.75 = 75, 100*1 = 100
	assert_line --index 1 "Closed	1	100.00	1.0000	100.00"
	assert_line --index 2 "Commit	1	100.00	0.9000	90.00"
	assert_line --index 3 "Best Case	1	100.00	0.7500	75.00"
	assert_line --index 6 "Total	3	300.00	0.8833	265.00"
	f=$(mk hp2.csv <<'EOF'
Deal Name,Amount,Deal probability
a,100,75
EOF
)
	run --separate-stderr forecast "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:2: Deal probability \"75\": over 100% (this column holds fractions from 0 to 1: write 0.75 or 75%)"
}

@test "--weights changes category weights" {
	run forecast --weights commit=85,best_case=60%,Pipeline=25.5 -f tsv "$DATA/seed-q2.csv"
	assert_success
	# 300K*85% = 255K; 500K*60% = 300K; 1M*25.5% = 255K;
	# total 150+255+300+255 = 960K; 960K / 1.95M = 0.492307 -> 0.4923
	assert_line --index 2 "Commit	3	300000.00	0.8500	255000.00"
	assert_line --index 3 "Best Case	5	500000.00	0.6000	300000.00"
	assert_line --index 4 "Pipeline	10	1000000.00	0.2550	255000.00"
	assert_line --index 6 "Total	20	1950000.00	0.4923	960000.00"
}

@test "--weights errors" {
	run --separate-stderr forecast --weights lost=5 "$DATA/seed-q2.csv"
	assert_failure 2
	assert_equal "$stderr" 'forecast: --weights: unknown category "lost" (closed, commit, best_case, pipeline, omitted)'
	run --separate-stderr forecast --weights commit=120 "$DATA/seed-q2.csv"
	assert_failure 2
	assert_equal "$stderr" 'forecast: --weights: commit=120: expected a percentage from 0 to 100'
	run --separate-stderr forecast --weights commit "$DATA/seed-q2.csv"
	assert_failure 2
	assert_equal "$stderr" 'forecast: --weights commit: expected CAT=PCT,... such as commit=85,best_case=60'
}

@test "--weight-by probability uses each deal's probability, rounded per deal" {
	f=$(mk wp.csv <<'EOF'
Opportunity Name,Amount,Probability (%),Forecast Category
a,$0.05,50,Pipeline
b,$0.05,50,Pipeline
c,$10.00,33.3333,Pipeline
EOF
)
	run forecast --weight-by probability -f tsv "$f"
	assert_success
	# per deal, half away from zero: 0.025 -> 0.03 (twice); 10 * 0.333333
	# = 3.33333 -> 3.33; sum of rounded items = 0.03+0.03+3.33 = 3.39
	assert_line --index 4 "Pipeline	3	10.10	0.3356	3.39"
	run --separate-stderr forecast --weight-by size "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: --weight-by size: expected category or probability"
}

@test "--weight-by probability without a probability column or value" {
	f=$(mk np.csv <<'EOF'
Name,Amount,Forecast Category
a,5,Commit
EOF
)
	run --separate-stderr forecast --weight-by probability "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:1: --weight-by probability: no Probability column, and no Stage column to take the model's probability from (name one with -c probability=HEADER)"
	f=$(mk np2.csv <<'EOF'
Name,Amount,Forecast Category,Probability
a,5,Commit,
EOF
)
	run --separate-stderr forecast --weight-by probability "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:2: no probability (--weight-by probability needs one)"
}

@test "-g owner finds Opportunity Owner; groups sorted; every group has 7 rows" {
	run forecast -g owner -f tsv "$DATA/seed-q2.csv"
	assert_success
	assert_line --index 0 "Opportunity Owner	category	deals	amount	weight	weighted_amount"
	assert_equal "${#lines[@]}" 15
	assert_line --index 1 "Ana Ruiz	Closed	1	50000.00	1.0000	50000.00"
	assert_line --index 8 "Ben Cho	Closed	1	100000.00	1.0000	100000.00"
}

@test "-g with a header name, a role, and computed quarter/month/fiscal_year" {
	f=$(mk g.csv <<'EOF'
Deal owner,Amount,Forecast category,Close Date,Region
ana,100,Commit,2026-01-31,EU
ana,100,Commit,2026-02-01,EU
ben,100,Commit,2026-12-31,US
EOF
)
	run forecast -g Region,quarter -f csv "$f"
	assert_success
	assert_line --index 0 "Region,quarter,category,deals,amount,weight,weighted_amount"
	assert_line --index 2 "EU,2026-Q1,Commit,2,200.00,0.9000,180.00"
	assert_line --index 8 "US,2026-Q4,Closed,0,0.00,1.0000,0.00"
	# fiscal year from February: named by the year it ends in, so
	# 2026-01-31 is FY2026-Q4, 2026-02-01 is FY2027-Q1
	run forecast -g quarter --fiscal-year-start 2 -f csv "$f"
	assert_line --index 2 "FY2026-Q4,Commit,1,100.00,0.9000,90.00"
	assert_line --index 9 "FY2027-Q1,Commit,1,100.00,0.9000,90.00"
	run forecast -g fiscal_year,month --fiscal-year-start feb -f csv "$f"
	assert_line --index 2 "FY2026,2026-01,Commit,1,100.00,0.9000,90.00"
	assert_line --index 16 "FY2027,2026-12,Commit,1,100.00,0.9000,90.00"
	run forecast -g owner,region -f csv "$f"
	assert_line --index 0 "Deal owner,Region,category,deals,amount,weight,weighted_amount"
}

@test "-g with an unknown column lists the headers" {
	run --separate-stderr forecast -g nope "$DATA/seed-q2.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $DATA/seed-q2.csv: -g nope: no such column (use a header, a role such as owner or stage, or quarter, month, week, fiscal_year); the headers are: \"Opportunity ID\", \"Opportunity Name\", \"Opportunity Owner\", \"Stage\", \"Amount\", \"Probability (%)\", \"Forecast Category\", \"Close Date\""
}

@test "--period keeps deals closing in the period; Total + Lost = rows kept" {
	f=$(mk per.csv <<'EOF'
Amount,Forecast Category,Close Date,Stage
100,Commit,3/31/2026,Negotiation
200,Commit,4/1/2026,Negotiation
300,Omitted,6/30/2026,Closed Lost
400,Commit,7/1/2026,Negotiation
EOF
)
	for p in 2026-Q2 FY2026-Q2 2026-04-01..2026-06-30; do
		run forecast --period "$p" -f tsv "$f"
		assert_success
		assert_line --index 2 "Commit	1	200.00	0.9000	180.00"
		assert_line --index 6 "Total	1	200.00	0.9000	180.00"
		assert_line --index 7 "Lost	1	300.00	0.0000	0.00"
	done
	run forecast --period 2026-05 -f tsv "$f"
	assert_line --index 6 "Total	0	0.00		0.00"
	run forecast --period 2026 -f tsv "$f"
	assert_line --index 6 "Total	3	700.00	0.9000	630.00"
	# fiscal year from April: FY2027 = 2026-04-01..2027-03-31
	run forecast --period FY2027 --fiscal-year-start 4 -f tsv "$f"
	assert_line --index 6 "Total	2	600.00	0.9000	540.00"
}

# Relative periods around --as-of, per.csv closing 3/31, 4/1, 6/30 (lost),
# 7/1/2026.  As of 2026-05-15: this-quarter = 04-01..06-30 (the 200 Commit
# and the 300 Lost), last-quarter = 01-01..03-31 (the 100), next-quarter =
# 07-01..09-30 (the 400), this-month = May (none).  With the fiscal year
# from April, as of 2026-03-31: this-quarter = FY2026-Q4 = 2026-01..03
# (the 100) and next-quarter = FY2027-Q1 = 04-01..06-30; as of 2026-04-01
# this-year = FY2027 = 2026-04-01..2027-03-31 (200 + 400 open).
@test "relative periods: this-, last-, next-quarter, -month, -year, -week around --as-of and --fiscal-year-start" {
	f=$(mk per.csv <<'EOF'
Amount,Forecast Category,Close Date,Stage
100,Commit,3/31/2026,Negotiation
200,Commit,4/1/2026,Negotiation
300,Omitted,6/30/2026,Closed Lost
400,Commit,7/1/2026,Negotiation
EOF
)
	run forecast --as-of 2026-05-15 --period this-quarter -f tsv "$f"
	assert_success
	assert_line --index 6 "Total	1	200.00	0.9000	180.00"
	assert_line --index 7 "Lost	1	300.00	0.0000	0.00"
	# --as-of after --period: the period still sees it
	run forecast --period last-quarter --as-of 2026-05-15 -f tsv "$f"
	assert_line --index 6 "Total	1	100.00	0.9000	90.00"
	run forecast --as-of 2026-05-15 --period next-quarter -f tsv "$f"
	assert_line --index 6 "Total	1	400.00	0.9000	360.00"
	run forecast --as-of 2026-05-15 --period this-month -f tsv "$f"
	assert_line --index 6 "Total	0	0.00		0.00"
	run forecast --as-of 2026-05-15 --period last-year -f tsv "$f"
	assert_line --index 6 "Total	0	0.00		0.00"
	run forecast --as-of 2026-05-15 --period this-year -f tsv "$f"
	assert_line --index 6 "Total	3	700.00	0.9000	630.00"
	run forecast --as-of 2026-03-31 --fiscal-year-start 4 --period this-quarter -f tsv "$f"
	assert_line --index 6 "Total	1	100.00	0.9000	90.00"
	run forecast --as-of 2026-03-31 --fiscal-year-start 4 --period next-quarter -f tsv "$f"
	assert_line --index 6 "Total	1	200.00	0.9000	180.00"
	run forecast --as-of 2026-04-01 --fiscal-year-start april --period this-year -f tsv "$f"
	assert_line --index 6 "Total	2	600.00	0.9000	540.00"
	# 2026-04-01 is a Wednesday: this-week = 03-30..04-05 (the 200; the
	# 100 on Tuesday 03-31 too), last-week = 03-23..03-29 (none)
	run forecast --as-of 2026-04-01 --period this-week -f tsv "$f"
	assert_line --index 6 "Total	2	300.00	0.9000	270.00"
	run forecast --as-of 2026-04-08 --period last-week -f tsv "$f"
	assert_line --index 6 "Total	2	300.00	0.9000	270.00"
	run forecast --as-of 2026-04-01 --period last-week -f tsv "$f"
	assert_line --index 6 "Total	0	0.00		0.00"
	run forecast --period 2026-W14 -f tsv "$f"
	assert_line --index 6 "Total	2	300.00	0.9000	270.00"
}

# ISO weeks: 2026-12-31 (Thursday) and 2027-01-03 (Sunday) are 2026-W53,
# 2027-01-04 is 2027-W01; 2025-12-29 (Monday) is 2026-W01.
@test "-g week: ISO 8601 weeks, at the year's edges" {
	f=$(mk wk.csv <<'EOF'
Amount,Forecast Category,Close Date
100,Commit,2025-12-28
200,Commit,2025-12-29
300,Commit,2026-12-31
400,Commit,2027-01-03
500,Commit,2027-01-04
600,Commit,
EOF
)
	run --separate-stderr forecast -g week -f tsv "$f"
	assert_success
	assert_equal "$stderr" "forecast: 1 deal has no Close Date; grouped under (none)"
	assert_line --index 0 "week	category	deals	amount	weight	weighted_amount"
	assert_line --index 2 "(none)	Commit	1	600.00	0.9000	540.00"
	assert_line --index 9 "2025-W52	Commit	1	100.00	0.9000	90.00"
	assert_line --index 16 "2026-W01	Commit	1	200.00	0.9000	180.00"
	assert_line --index 23 "2026-W53	Commit	2	700.00	0.9000	630.00"
	assert_line --index 30 "2027-W01	Commit	1	500.00	0.9000	450.00"
	run --separate-stderr forecast -g week,quarter -f csv "$f"
	assert_line --index 23 "2026-W53,2026-Q4,Commit,1,300.00,0.9000,270.00"
	assert_line --index 30 "2026-W53,2027-Q1,Commit,1,400.00,0.9000,360.00"
}

@test "--period errors: bad period, no close date column" {
	run --separate-stderr forecast --period 2026-Q5 "$DATA/seed-q2.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --period 2026-Q5: not a period (expected 2026-Q2, FY2026-Q2, 2026-05, 2026-W14, 2026, FY2026, 2026-04-01..2026-06-30, or this-, last- or next-week, -month, -quarter, -year)"
	run --separate-stderr forecast --period this-decade "$DATA/seed-q2.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --period this-decade: not a period (expected 2026-Q2, FY2026-Q2, 2026-05, 2026-W14, 2026, FY2026, 2026-04-01..2026-06-30, or this-, last- or next-week, -month, -quarter, -year)"
	run --separate-stderr forecast --period 2025-W53 "$DATA/seed-q2.csv"
	assert_failure 2
	f=$(mk nc.csv <<'EOF'
Amount,Forecast Category
1,Commit
EOF
)
	run --separate-stderr forecast --period 2026-Q2 "$f"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "forecast: $f:1: no close_date column (tried \"Close Date\", \"CloseDate\"; or name it with -c close_date=HEADER); the headers are: \"Amount\", \"Forecast Category\""
}

@test "--target errors" {
	run --separate-stderr forecast --target 0 "$DATA/seed-q2.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --target 0: must be above 0"
	run --separate-stderr forecast --target lots "$DATA/seed-q2.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --target lots: not an amount (not a number)"
}

@test "--target accepts money forms; pipeline_coverage empty once closed meets target" {
	run forecast --target '$100k' -f csv "$DATA/seed-q2.csv"
	assert_success
	# target 100K < closed 150K: nothing left to cover
	assert_line --index 6 "Total,20,1950000.00,0.6513,1270000.00,100000.00,12.7000,0.00,"
	run forecast --target 2M -f json "$DATA/seed-q2.csv"
	run jq -c 'select(.category=="Total") | [.gap,.coverage,.pipeline_coverage]' <<<"$output"
	# gap 2M-1.27M = 730K; coverage .635; 1.8M/(2M-150K) = 0.97297 -> 0.973
	assert_output '[730000,0.635,0.973]'
}

@test "--fail-under: exit 1 and a message when the open pipeline is below" {
	# open pipeline = Commit+Best Case+Pipeline+Omitted = 300K+500K+1M = 1.8M
	run --separate-stderr forecast --fail-under 2000000 -o "$BATS_TEST_TMPDIR/w.csv" "$DATA/seed-q2.csv"
	assert_failure 1
	assert_equal "$stderr" 'forecast: open pipeline $1,800,000.00 is below --fail-under $2,000,000.00'
	# the forecast is still written in full
	assert_equal "$(cat "$BATS_TEST_TMPDIR/w.csv")" "$(forecast "$DATA/seed-q2.csv")"
	run --separate-stderr forecast --fail-under 1000000 "$DATA/seed-q2.csv"
	assert_success
	assert_equal "$stderr" ""
	run --separate-stderr forecast --fail-under 1800000 "$DATA/seed-q2.csv"
	assert_success
	run --separate-stderr forecast --fail-under x "$DATA/seed-q2.csv"
	assert_failure 2
}

@test "an empty amount counts as 0 and is said on stderr" {
	f=$(mk na.csv <<'EOF'
Amount,Forecast Category
,Pipeline
,Commit
5,Commit
EOF
)
	run --separate-stderr forecast "$f"
	assert_success
	assert_equal "$stderr" "forecast: 2 deals have no amount; counted as 0"
	assert_line --index 6 "Total,3,5.00,0.9000,4.50"
}

@test "unknown forecast category lists the accepted names" {
	f=$(mk uc.csv <<'EOF'
Amount,Forecast Category
1,Commit
2,Maybe
EOF
)
	run --separate-stderr forecast "$f"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "forecast: $f:3: Forecast Category \"Maybe\": unknown forecast category (accepted: Closed, Commit, Best Case, Pipeline, Omitted; also Closed Won, Not forecasted, Closed Lost)"
}

@test "no way to tell a category: error at start, or per row" {
	f=$(mk nocat.csv <<'EOF'
Amount,Owner
1,ana
EOF
)
	run --separate-stderr forecast "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:1: no Forecast Category, Stage or Probability column to tell each deal's category from (name one with -c category=HEADER)"
	f=$(mk nocat2.csv <<'EOF'
Amount,Stage
1,Demo booked
EOF
)
	run --separate-stderr forecast "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: 1 deal is at stages the model does not place as open, won or lost: \"Demo booked\" (1); the New Business pipeline's stages: Opportunity Created, Discover, Proof of Concept, Propose, Negotiate, Signature, Closed Won, Closed Lost; a category of Omitted, a probability of 0 or neither could be a lost deal's (name them with --won, --lost, --open, or give a model with -m)"
	f=$(mk nocat3.csv <<'EOF'
Amount,Forecast Category
1,
EOF
)
	run --separate-stderr forecast "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:2: no forecast category: no category, no stage, and no probability to tell it from"
}

@test "stage Closed Won without a category column is Closed" {
	f=$(mk won.csv <<'EOF'
Amount,Stage,Probability
10,Closed Won,
10,closedwon,
10,Negotiation,80
EOF
)
	run forecast -f tsv "$f"
	assert_success
	assert_line --index 1 "Closed	2	20.00	1.0000	20.00"
	assert_line --index 3 "Best Case	1	10.00	0.7000	7.00"
}

@test "unreadable amount: file, line, column and value" {
	f=$(mk ba.csv <<'EOF'
Amount,Forecast Category
1,Commit
12.345,Commit
EOF
)
	run --separate-stderr forecast "$f"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "forecast: $f:3: Amount \"12.345\": not an amount (more than two decimals; \".\" may separate thousands here: write the amount without it, or use --decimal-comma)"
}

@test "amounts in every accepted form" {
	f=$(mk forms.csv <<'EOF'
Amount,Forecast Category
1234,Commit
1234.5,Commit
"1,234.56",Commit
"$1,234.56",Commit
"-1,234.56",Commit
"(1,234.56)",Commit
"USD 1,234.56",Commit
1234.56 USD,Commit
45k,Commit
1.2M,Commit
EOF
)
	run forecast -f tsv "$f"
	assert_success
	# 1234 + 1234.50 + 3*1234.56 - 2*1234.56 + 45000 + 1200000
	#  = 1234 + 1234.50 + 1234.56 + 1234.56 + 45000 + 1200000 = 1249937.62
	# weighted per deal, then summed: 1110.60 + 1111.05 + 4*1111.10
	#  - 2*1111.10 + 40500 + 1080000 = 1124943.85 (not 90% of the total,
	#  1124943.858 -> .86: each line item is rounded once, then added)
	assert_line --index 2 "Commit	10	1249937.62	0.9000	1124943.85"
}

@test "--decimal-comma with -d ';' (a European export)" {
	f=$(mk eu.csv <<'EOF'
Amount;Forecast Category
€1.234,56;Commit
"2.000,5";Commit
EOF
)
	run forecast -d ';' --decimal-comma -f table "$f"
	assert_success
	assert_line --index 2 --regexp '^Commit +2 +3,235.06 EUR +90.0% +2,911.55 EUR$'
	run --separate-stderr forecast -d ';' "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:2: Amount \"€1.234,56\": not an amount (misplaced thousands separator; for a decimal comma, use --decimal-comma)"
}

@test "mixed currencies are an error naming both" {
	f=$(mk mix.csv <<'EOF'
Amount,Forecast Category
USD 100,Commit
50,Commit
EUR 100,Commit
EOF
)
	run --separate-stderr forecast "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:4: amount in EUR, but $f:2 is in USD; amounts in different currencies are never added"
	f=$(mk mix2.csv <<'EOF'
Amount,Opportunity Currency,Forecast Category
100,usd,Commit
100,EUR,Commit
EOF
)
	run --separate-stderr forecast "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:3: amount in EUR, but $f:2 is in USD; amounts in different currencies are never added"
	f=$(mk mix3.csv <<'EOF'
Amount,Currency,Forecast Category
EUR 100,USD,Commit
EOF
)
	run --separate-stderr forecast "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:2: the amount is in EUR but Currency says USD"
	f=$(mk mix4.csv <<'EOF'
Amount,Currency,Forecast Category
100,US Dollar,Commit
EOF
)
	run --separate-stderr forecast "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:2: Currency \"US Dollar\": not a currency code such as USD"
}

@test "one currency: the table shows it" {
	f=$(mk gbp.csv <<'EOF'
Amount,Currency,Forecast Category
"1,000",GBP,Commit
EOF
)
	run forecast -f table "$f"
	assert_line --index 2 --regexp '^Commit +1 +1,000.00 GBP +90.0% +900.00 GBP$'
}

@test "overflowing sums are an error, not a wrong number" {
	f=$(mk big.csv <<'EOF'
Amount,Forecast Category
92233720368547758.07,Commit
0.01,Commit
EOF
)
	run --separate-stderr forecast "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:3: the sum of amounts overflows"
}

@test "--help, --version, unknown option, missing argument" {
	run --separate-stderr forecast --help
	assert_success
	assert_line --index 0 "usage: forecast [-g COL,...] [--period P] [--target AMOUNT]"
	assert_output --partial "--weight-by category|probability"
	assert_output --partial "--skip-invalid"
	assert_equal "$stderr" ""
	run forecast -h
	assert_success
	run forecast --version
	assert_success
	assert_output --regexp '^forecast \(salesutils\) [0-9]+\.[0-9]+\.[0-9]+$'
	run --separate-stderr forecast --bogus "$DATA/seed-q2.csv"
	assert_failure 2
	assert_output ""
	assert_equal "${stderr%%$'\n'*}" "forecast: unknown option '--bogus'"
	[[ "$stderr" == *"usage: forecast [-g COL,...]"* ]]
	run --separate-stderr forecast --period
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "forecast: option '--period' needs an argument"
	run --separate-stderr forecast -g
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "forecast: option '-g' needs an argument"
	run --separate-stderr forecast -x
	assert_failure 2
	assert_equal "${stderr%%$'\n'*}" "forecast: unknown option '-x'"
}

@test "--format: csv, tsv, json, table; bad format" {
	run forecast -f tsv "$DATA/seed-q2.csv"
	assert_line --index 0 "category	deals	amount	weight	weighted_amount"
	run forecast --format=json "$DATA/seed-q2.csv"
	assert_line --index 0 '{"category":"Closed","deals":2,"amount":150000.00,"weight":1.0000,"weighted_amount":150000.00}'
	run --separate-stderr forecast -f xml "$DATA/seed-q2.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --format xml: expected csv, tsv, json, table or xlsx"
}

@test "output never changes with LC_ALL" {
	a=$(LC_ALL=C forecast -g owner -f table "$DATA/seed-q2.csv")
	b=$(LC_ALL=de_DE.UTF-8 forecast -g owner -f table "$DATA/seed-q2.csv" 2>/dev/null)
	c=$(LC_ALL=C.UTF-8 LANG=fr_FR.UTF-8 forecast -g owner -f table "$DATA/seed-q2.csv")
	assert_equal "$a" "$b"
	assert_equal "$a" "$c"
}

@test "--as-of is accepted and checked" {
	run forecast --as-of 2026-06-30 "$DATA/seed-q2.csv"
	assert_success
	run --separate-stderr forecast --as-of 2026-02-30 "$DATA/seed-q2.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --as-of 2026-02-30: no such day in that month"
	# read with the --date-format given anywhere on the line
	run forecast --as-of 30/6/2026 --date-format dmy "$DATA/seed-q2.csv"
	assert_success
	run --separate-stderr forecast --as-of 30/6/2026 "$DATA/seed-q2.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --as-of 30/6/2026: month is over 12 (dates are read month-first, M/D/YYYY; use --date-format dmy for day-first)"
}

@test "no category column: the stage model gives the category (seed 003 built in; -m another)" {
	f=$(mk st.csv <<'EOF'
Type,Stage,Amount
New Business,Discover,100
Upsell,Proof of Concept,100
New Business,Negotiate,100
New Business,Signature,100
Renewal,Signature,100
Expansion,Closed Won,100
New Business,Closed Lost,100
EOF
)
	run forecast -f tsv "$f"
	assert_success
	# seed 003: Discover 10% Omitted, PoC 40% Pipeline, Negotiate 75%
	# Best Case, Signature 90% Commit (both pipelines), Closed Won, Lost;
	# weighted 100 + 2*90 + 70 + 50 + 0 = 400 of 600
	assert_output "category	deals	amount	weight	weighted_amount
Closed	1	100.00	1.0000	100.00
Commit	2	200.00	0.9000	180.00
Best Case	1	100.00	0.7000	70.00
Pipeline	1	100.00	0.5000	50.00
Omitted	1	100.00	0.0000	0.00
Total	6	600.00	0.6667	400.00
Lost	1	100.00	0.0000	0.00"
	# Salesforce's default stages: every open stage is Pipeline
	f=$(mk sf.csv <<'EOF'
Stage,Amount
Negotiation/Review,100
Prospecting,100
Closed Lost,100
EOF
)
	run forecast -m "$EXAMPLES/models/salesforce-default.ini" -f tsv "$f"
	assert_success
	assert_line --index 4 "Pipeline	2	200.00	0.5000	100.00"
	assert_line --index 7 "Lost	1	100.00	0.0000	0.00"
	run --separate-stderr forecast -m "$BATS_TEST_TMPDIR/none.ini" "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $BATS_TEST_TMPDIR/none.ini: No such file or directory"
}

# Issue 13, item 7: tests/data/model-defaults.ini says of Signed only
# 100%, of Closed Lost only 0%, of Verbal 100% and open.
#   Closed    D2 $2,000 + D3 $3,000 = $5,000 x100% = $5,000
#   Commit    D5 Verbal $4,000 (open: never Closed) x90% = $3,600
#   Pipeline  D1 Engaging 50% $1,000 x50% = $500
#   Total     4 deals $10,000, weighted 5,000 + 3,600 + 500 = $9,100
#             (weight 9,100 / 10,000 = 0.9100)
#   Lost      D4 $500, not in Total
@test "a model's 100% stage is Closed, its Closed Lost stage Lost, an open 100% stage Commit" {
	run --separate-stderr forecast -m "$DATA/model-defaults.ini" "$DATA/model-defaults.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "category,deals,amount,weight,weighted_amount
Closed,2,5000.00,1.0000,5000.00
Commit,1,4000.00,0.9000,3600.00
Best Case,0,0.00,0.7000,0.00
Pipeline,1,1000.00,0.5000,500.00
Omitted,0,0.00,0.0000,0.00
Total,4,10000.00,0.9100,9100.00
Lost,1,500.00,0.0000,0.00"
}

# Issue 13, item 8: tests/data/lost-unknown.csv.  Before, the two
# "Closed Lost - No Budget" deals (a lost stage the model does not know,
# filed Omitted) and "Demo done" counted as open Omitted pipeline: open =
# 1,000 + 600 + 400 + 50 = $2,050, and --fail-under 1500 passed.  Omitted
# could be a lost deal's: they are left out and said, with their counts.
@test "a stage the model does not know at Omitted is refused, counted per stage, never open pipeline" {
	run --separate-stderr forecast --fail-under 1500 "$DATA/lost-unknown.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "forecast: 3 deals are at stages the model does not place as open, won or lost: \"Closed Lost - No Budget\" (2), \"Demo done\" (1); the New Business pipeline's stages: Opportunity Created, Discover, Proof of Concept, Propose, Negotiate, Signature, Closed Won, Closed Lost; a category of Omitted, a probability of 0 or neither could be a lost deal's (name them with --won, --lost, --open, or give a model with -m)"
}

# Issue 13, item 9: --lost and --open place them.  Commit: Negotiate
# $1,000 x 90% = $900; Omitted: Demo done $50; Total 2 deals $1,050,
# weighted $900 (0.8571); Lost: 600 + 400 = $1,000.  Open pipeline
# 1,000 + 50 = $1,050 < $1,500: exit 1.
@test "--won, --lost, --open place the stages the model does not know, as in cyclestat" {
	run --separate-stderr forecast --lost 'closed lost' --open '^demo' --fail-under 1500 "$DATA/lost-unknown.csv"
	assert_failure 1
	assert_equal "$stderr" 'forecast: open pipeline $1,050.00 is below --fail-under $1,500.00'
	assert_output "category,deals,amount,weight,weighted_amount
Closed,0,0.00,1.0000,0.00
Commit,1,1000.00,0.9000,900.00
Best Case,0,0.00,0.7000,0.00
Pipeline,0,0.00,0.5000,0.00
Omitted,1,50.00,0.0000,0.00
Total,2,1050.00,0.8571,900.00
Lost,2,1000.00,0.0000,0.00"
	run --separate-stderr forecast --won '(' "$DATA/lost-unknown.csv"
	assert_failure 2
	[[ "$stderr" == "forecast: --won (: "* ]]
}

# Issue 13, item 9: no probability column; the built-in model's stages
# give it.  Discover 10% x $1,000 = $100 (Omitted); Propose 50% x $2,000 =
# $1,000 (Pipeline); Negotiate 75% x $4,000 = $3,000 (Best Case, weight
# 3,000 / 4,000 = 0.7500); Closed Won 100% x $500.  Total $7,500,
# weighted 100 + 1,000 + 3,000 + 500 = $4,600 (4,600 / 7,500 = 0.6133).
@test "--weight-by probability takes the model's stage probability when the data has none" {
	run --separate-stderr forecast --weight-by probability "$DATA/stage-probability.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "category,deals,amount,weight,weighted_amount
Closed,1,500.00,1.0000,500.00
Commit,0,0.00,,0.00
Best Case,1,4000.00,0.7500,3000.00
Pipeline,1,2000.00,0.5000,1000.00
Omitted,1,1000.00,0.1000,100.00
Total,4,7500.00,0.6133,4600.00
Lost,0,0.00,0.0000,0.00"
	f=$(mk sp.csv <<'EOF'
Stage,Amount,Forecast Category
Demo booked,100,Commit
EOF
)
	run --separate-stderr forecast --weight-by probability "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:2: no probability, and stage \"Demo booked\" is not in the model to take one from (--weight-by probability needs one)"
}

# Issue 13, item 11: a Salesforce API export (tests/data/sf-api.csv) has
# ForecastCategory (API values) and ForecastCategoryName (labels): the
# label is used, not "both look like the category column".  IsClosed and
# IsWon place the stages the built-in model does not know: 006A3 (closed,
# not won) is Lost.
#   Closed    006A1 $50,000 x100% = $50,000
#   Commit    006A2 $40,000 x 90% = $36,000
#   Best Case 006A4 $20,000 x 70% = $14,000
#   Pipeline  006A5 $10,000 x 50% =  $5,000
#   Total     4 deals $120,000, weighted $105,000 (0.8750)
#   Lost      006A3 $30,000
# The API values alone (-c category=ForecastCategory: Forecast = Commit,
# BestCase = Best Case) give the same.
@test "a Salesforce API export: the category label column, the API values, IsClosed and IsWon" {
	want="category,deals,amount,weight,weighted_amount
Closed,1,50000.00,1.0000,50000.00
Commit,1,40000.00,0.9000,36000.00
Best Case,1,20000.00,0.7000,14000.00
Pipeline,1,10000.00,0.5000,5000.00
Omitted,0,0.00,0.0000,0.00
Total,4,120000.00,0.8750,105000.00
Lost,1,30000.00,0.0000,0.00"
	run --separate-stderr forecast "$DATA/sf-api.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "$want"
	run --separate-stderr forecast -c category=ForecastCategory "$DATA/sf-api.csv"
	assert_success
	assert_output "$want"
}

@test "IsClosed and IsWon: a value not true or false, won but not closed, or open with no category is an error" {
	f=$(mk flags.csv <<'EOF'
StageName,Amount,IsClosed,IsWon,ForecastCategoryName
Prospecting,10,false,false,Pipeline
Prospecting,10,FALSE,maybe,Pipeline
EOF
)
	run --separate-stderr forecast "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:3: IsWon \"maybe\": expected true or false"
	# open by IsClosed, at a stage the model does not know: its category
	# has to come from the row
	f=$(mk flags3.csv <<'EOF'
StageName,Amount,IsClosed,IsWon
Prospecting,10,false,false
EOF
)
	run --separate-stderr forecast "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:2: no forecast category: stage \"Prospecting\" is not an open stage of the model, and no category or probability tells it"
	f=$(mk flags2.csv <<'EOF'
StageName,Amount,IsClosed,IsWon
Prospecting,10,false,true
EOF
)
	run --separate-stderr forecast "$f"
	assert_failure 2
	assert_equal "$stderr" "forecast: $f:2: IsWon is true but IsClosed is false: a won deal is closed"
}

# tests/data/forecast-undated.csv: F4 and F5 are Prospecting deals with no
# close date yet (F5 no amount either).
# --period 2026-Q2 (04-01..06-30): F1 4/15 Closed $100,000 (100%), F2
# 5/20 Commit $50,000 x 90% = $45,000; F3 (7/1) and F6 (3/10) are out of
# it, and so are F4 and F5, which are in no period: said, never an error.
# Total 2 deals, $150,000, weighted $145,000, weight 145 / 150 = 0.9667
@test "--period: deals without a close date are left out of it and counted, never an error" {
	f="$BATS_TEST_DIRNAME/data/forecast-undated.csv"
	run --separate-stderr forecast --period 2026-Q2 "$f"
	assert_success
	assert_equal "$stderr" "forecast: 2 deals have no Close Date; left out of --period 2026-Q2"
	assert_output "category,deals,amount,weight,weighted_amount
Closed,1,100000.00,1.0000,100000.00
Commit,1,50000.00,0.9000,45000.00
Best Case,0,0.00,0.7000,0.00
Pipeline,0,0.00,0.5000,0.00
Omitted,0,0.00,0.0000,0.00
Total,2,150000.00,0.9667,145000.00
Lost,0,0.00,0.0000,0.00"
}

# -g quarter: F4 ($20,000) and F5 (no amount: $0) in (none), Pipeline 2
# deals, $20,000 x 50% = $10,000; 2026-Q1: F6 lost $30,000; 2026-Q2: F1
# and F2 as above (Total $150,000 / $145,000); 2026-Q3: F3 Best Case
# $40,000 x 70% = $28,000.  Deals: 2 + 0 + 2 + 1 = 5 in Totals, + 1 Lost
# = 6 rows read
@test "-g quarter: deals without a close date in a (none) quarter, counted, never in another's" {
	f="$BATS_TEST_DIRNAME/data/forecast-undated.csv"
	run --separate-stderr forecast -g quarter "$f"
	assert_success
	assert_equal "$stderr" "forecast: 1 deal has no amount; counted as 0
forecast: 2 deals have no Close Date; grouped under (none)"
	assert_line --index 4 "(none),Pipeline,2,20000.00,0.5000,10000.00"
	assert_line --index 6 "(none),Total,2,20000.00,0.5000,10000.00"
	assert_line --index 13 "2026-Q1,Total,0,0.00,,0.00"
	assert_line --index 14 "2026-Q1,Lost,1,30000.00,0.0000,0.00"
	assert_line --index 20 "2026-Q2,Total,2,150000.00,0.9667,145000.00"
	assert_line --index 27 "2026-Q3,Total,1,40000.00,0.7000,28000.00"
	run awk -F, '$2 == "Total" || $2 == "Lost" { n += $3 } END { print n }' <<<"$output"
	assert_output 6
	# month and fiscal_year the same way
	run --separate-stderr forecast -g fiscal_year,month --fiscal-year-start 4 "$f"
	assert_success
	assert_line --index 6 "(none),(none),Total,2,20000.00,0.5000,10000.00"
}

# a close date that is there but no date stays an error, with -g or
# --period or neither
@test "a close date that is not a date stays an error, open deal or not" {
	f=$(mk bd.csv <<'EOF'
Amount,Forecast Category,Close Date
1,Pipeline,2026-02-30
EOF
)
	run --separate-stderr forecast -g quarter "$f"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "forecast: $f:2: Close Date \"2026-02-30\": no such day in that month"
}

# tests/data/sf-undated.csv, a Salesforce report export: 006A and 006B,
# Prospecting, have no Close Date: out of --period 2026-Q2, said.  In it:
# 006C Pipeline $10,000 x 50% = $5,000; 006D and 006E Closed $20,000 +
# $40,000 = $60,000; Total 3, $70,000, weighted $65,000, weight 65 / 70 =
# 0.9286; 006F Lost $8,000.  3 + 1 = 4 rows in the period + 2 left out = 6
@test "a Salesforce export with undated Prospecting deals: --period runs, says how many it left out" {
	f="$BATS_TEST_DIRNAME/data/sf-undated.csv"
	run --separate-stderr forecast -m salesforce --period 2026-Q2 "$f"
	assert_success
	assert_equal "$stderr" "forecast: 2 deals have no Close Date; left out of --period 2026-Q2"
	assert_output "category,deals,amount,weight,weighted_amount
Closed,2,60000.00,1.0000,60000.00
Commit,0,0.00,0.9000,0.00
Best Case,0,0.00,0.7000,0.00
Pipeline,1,10000.00,0.5000,5000.00
Omitted,0,0.00,0.0000,0.00
Total,3,70000.00,0.9286,65000.00
Lost,1,8000.00,0.0000,0.00"
}

# Issue 12: the category memo keeps at most 128 values; past them a value
# is read anew, never misread.  $100 is "pipeline" in 200 case spellings
# (bit k of the row number capitalises letter k: 200 spellings, no
# two alike), then "Commit" 3 times:
#   Pipeline 200 x $100 = $20,000  x50% = $10,000
#   Commit     3 x $100 = $300     x90% = $270
#   Total    203          $20,300          $10,270; 10,270 / 20,300 =
#   0.50591.. -> 0.5059
@test "a category memo full past 128 spellings: every value still its category" {
	f=$BATS_TEST_TMPDIR/many.csv
	awk 'function sp(w, i,   s, b, k, c) { s = ""; k = 0
		for (b = 1; b <= length(w); b++) {
			c = substr(w, b, 1)
			if (c == " ") { s = s c; continue }
			s = s (int(i / 2 ^ k++) % 2 ? toupper(c) : c) }
		return s }
	BEGIN { print "Amount,Forecast Category"
		for (i = 0; i < 200; i++) print "100," sp("pipeline", i)
		for (i = 0; i < 3; i++) print "100,Commit" }' >"$f"
	run --separate-stderr forecast -f tsv "$f"
	assert_success
	assert_equal "$stderr" ""
	assert_output "category	deals	amount	weight	weighted_amount
Closed	0	0.00	1.0000	0.00
Commit	3	300.00	0.9000	270.00
Best Case	0	0.00	0.7000	0.00
Pipeline	200	20000.00	0.5000	10000.00
Omitted	0	0.00	0.0000	0.00
Total	203	20300.00	0.5059	10270.00
Lost	0	0.00	0.0000	0.00"
}

# Issue 12: the model's memo of (type, stage) pairs keeps at most 1024;
# past them a pair is placed anew.  Seed 003's "Proof of Concept" (40%,
# Pipeline) in 1100 case spellings (bit k of the row number capitalises
# the k-th letter, spaces skipped: no two alike), then Signature (Commit)
# twice:
#   Pipeline 1100 x $1 = $1,100  x50% = $550
#   Commit      2 x $1 = $2      x90% = $1.80
#   Total    1102        $1,102          $551.80; 551.80 / 1,102 =
#   0.50072.. -> 0.5007
@test "a stage memo full past 1024 spellings: every deal still placed" {
	f=$BATS_TEST_TMPDIR/stages.csv
	awk 'function sp(w, i,   s, b, k, c) { s = ""; k = 0
		for (b = 1; b <= length(w); b++) {
			c = substr(w, b, 1)
			if (c == " ") { s = s c; continue }
			s = s (int(i / 2 ^ k++) % 2 ? toupper(c) : c) }
		return s }
	BEGIN { print "Type,Stage,Amount"
		for (i = 0; i < 1100; i++)
			print "New Business," sp("proof of concept", i) ",1"
		print "New Business,Signature,1"
		print "New Business,Signature,1" }' >"$f"
	run --separate-stderr forecast -f tsv "$f"
	assert_success
	assert_equal "$stderr" ""
	assert_output "category	deals	amount	weight	weighted_amount
Closed	0	0.00	1.0000	0.00
Commit	2	2.00	0.9000	1.80
Best Case	0	0.00	0.7000	0.00
Pipeline	1100	1100.00	0.5000	550.00
Omitted	0	0.00	0.0000	0.00
Total	1102	1102.00	0.5007	551.80
Lost	0	0.00	0.0000	0.00"
}

# --targets, per owner, 2026-Q2 (the Q3 row and other periods ignored):
#   ana: Closed 100K, Commit 200K (x90% 180K), Pipeline 300K (x50% 150K):
#     Total 600K, weighted 430K; target 250K: coverage 430/250 = 1.7200,
#     gap 0, pipeline_coverage (600K-100K)/(250K-100K) = 3.3333
#   ben: Best Case 50K (35K; his 400K closes in Q3): target 200K,
#     coverage 35/200 = 0.1750, gap 165K, pipeline_coverage 50/200 = 0.25
#   carl: no target: empty, said; dora: a target no group takes, said
#   (all): 660K, weighted 474K, target 250K + 200K = 450K, coverage
#     474/450 = 1.0533, pipeline_coverage 560/(450-100) = 1.6000
@test "--targets: a target per group, the (all) rows with their sum; groups without one and targets without a group said" {
	d=$(mk d.csv <<'EOF'
Opportunity Owner,Amount,Forecast Category,Close Date
ana,100000,Closed,2026-04-10
ana,200000,Commit,2026-05-10
ana,300000,Pipeline,2026-06-10
ben,50000,Best Case,2026-05-01
ben,400000,Pipeline,2026-07-01
carl,10000,Commit,2026-05-01
EOF
)
	t=$(mk t.csv <<'EOF'
Owner,Period,Target
Ana,2026-Q2,250000
ben,2026-Q2,"$200,000"
dora,2026-Q2,100000
ana,2026-Q3,999999
EOF
)
	run --separate-stderr forecast -g owner --period 2026-Q2 --targets "$t" "$d"
	assert_success
	assert_equal "$stderr" "forecast: 1 group has no target in $t (target, coverage, gap and pipeline_coverage left empty): carl
forecast: $t:4: the target for dora matches no group"
	assert_line --index 0 "Opportunity Owner,category,deals,amount,weight,weighted_amount,target,coverage,gap,pipeline_coverage"
	assert_line --index 6 "ana,Total,3,600000.00,0.7167,430000.00,250000.00,1.7200,0.00,3.3333"
	assert_line --index 13 "ben,Total,1,50000.00,0.7000,35000.00,200000.00,0.1750,165000.00,0.2500"
	assert_line --index 20 "carl,Total,1,10000.00,0.9000,9000.00,,,,"
	assert_line --index 22 "(all),Closed,1,100000.00,1.0000,100000.00,,,,"
	assert_line --index 27 "(all),Total,5,660000.00,0.7182,474000.00,450000.00,1.0533,0.00,1.6000"
	assert_equal "${#lines[@]}" 29
	# JSON for the dashboard: the same numbers as numbers
	run --separate-stderr forecast -g owner --period 2026-Q2 --targets "$t" -f json "$d"
	run jq -c 'select(.category=="Total") | [."Opportunity Owner",.target,.pipeline_coverage]' <<<"$output"
	assert_output '["ana",250000,3.3333]
["ben",200000,0.25]
["carl",null,null]
["(all)",450000,1.6]'
	# no -g: one Target row is the whole input's
	t1=$(mk t1.csv <<<$'Target\n750000')
	run forecast --targets "$t1" "$DATA/seed-q2.csv"
	assert_success
	assert_output "$(cat "$EXPECTED/seed-q2-target.csv")"
}

@test "--targets errors: each names the file and line" {
	d="$DATA/seed-q2.csv"
	t=$(mk a.csv <<<$'Owner,Target\nana,100\nANA ,200')
	run --separate-stderr forecast -g owner --targets "$t" "$d"
	assert_failure 2
	assert_equal "$stderr" "forecast: $t:3: a second target for ana (the first is on line 2)"
	t=$(mk b.csv <<<$'Owner,Target\nana,')
	run --separate-stderr forecast -g owner --targets "$t" "$d"
	assert_failure 2
	assert_equal "$stderr" "forecast: $t:2: Target \"\": no target (a group without one is left out of the file, never given 0)"
	t=$(mk c.csv <<<$'Owner,Target\nana,0')
	run --separate-stderr forecast -g owner --targets "$t" "$d"
	assert_equal "$stderr" "forecast: $t:2: Target \"0\": a target must be above 0"
	t=$(mk d.csv <<<$'Owner,Target\nana,12x')
	run --separate-stderr forecast -g owner --targets "$t" "$d"
	assert_failure 2
	assert_output --partial ""
	[[ "$stderr" == "forecast: $t:2: Target \"12x\": "* ]]
	t=$(mk e.csv <<<$'Owner,Goal\nana,1')
	run --separate-stderr forecast -g owner --targets "$t" "$d"
	assert_equal "$stderr" "forecast: $t:1: no Target column"
	t=$(mk f.csv <<<$'Region,Target\nEU,1')
	run --separate-stderr forecast -g owner --targets "$t" "$d"
	assert_failure 2
	[[ "$stderr" == "forecast: $t: -g owner: no such column"* ]]
	t=$(mk g.csv <<<$'Target\n1')
	run --separate-stderr forecast -g quarter --targets "$t" "$d"
	assert_equal "$stderr" "forecast: $t:1: no quarter column for -g quarter (its values as forecast writes them)"
	t=$(mk h.csv <<<$'Period,Target\n2026-Q2,1')
	run --separate-stderr forecast --targets "$t" "$d"
	assert_equal "$stderr" "forecast: $t:1: a Period column: name the period with --period"
	t=$(mk i.csv <<<$'Period,Target\n2026-Q5,1')
	run --separate-stderr forecast --period 2026-Q2 --targets "$t" "$d"
	assert_failure 2
	[[ "$stderr" == "forecast: $t:2: Period \"2026-Q5\": not a period"* ]]
	t=$(mk j.csv <<<$'Target\n100 EUR')
	run --separate-stderr forecast --targets "$t" "$(mk usd.csv <<<$'Amount,Forecast Category\nUSD 5,Commit')"
	assert_failure 2
	assert_equal "$stderr" "forecast: --targets $t (EUR on line 2): the deals are in USD (first on $BATS_TEST_TMPDIR/usd.csv:2)"
	run --separate-stderr forecast --targets "$BATS_TEST_TMPDIR/none.csv" "$d"
	assert_failure 2
	[[ "$stderr" == "forecast: $BATS_TEST_TMPDIR/none.csv: "* ]]
	run --separate-stderr forecast --target 1 --targets "$t" "$d"
	assert_failure 2
	assert_equal "$stderr" "forecast: --target and --targets: give one"
	# a quarter column in the file is a column like any
	t=$(mk k.csv <<<$'quarter,Target\n2026-q2,750000')
	run --separate-stderr forecast -g quarter --targets "$t" "$d"
	assert_success
	assert_line --index 6 "2026-Q2,Total,20,1950000.00,0.6513,1270000.00,750000.00,1.6933,0.00,3.0000"
}

# --fail-under-coverage, seed 000's Q2: pipeline_coverage = 1.8M / 600K =
# 3.0000: 3 and 3x pass (not below), 3.01 fails; with --targets per group
# (above: ben 0.25x < 1, ana 3.33x, (all) 1.60x) a group below is named.
@test "--fail-under-coverage: exit 1 when pipeline_coverage is below RATIO, naming the groups" {
	run --separate-stderr forecast --target 750000 --fail-under-coverage 3 "$DATA/seed-q2.csv"
	assert_success
	assert_equal "$stderr" ""
	run --separate-stderr forecast --target 750000 --fail-under-coverage 3x "$DATA/seed-q2.csv"
	assert_success
	run --separate-stderr forecast --target 750000 --fail-under-coverage 3.01 "$DATA/seed-q2.csv"
	assert_failure 1
	assert_equal "$stderr" "forecast: pipeline_coverage 3.00x is below --fail-under-coverage 3.01"
	assert_output "$(cat "$EXPECTED/seed-q2-target.csv")"
	# beside --fail-under: both said, exit 1
	run --separate-stderr forecast --target 750000 --fail-under 2000000 --fail-under-coverage 4 "$DATA/seed-q2.csv"
	assert_failure 1
	assert_equal "$stderr" "forecast: pipeline_coverage 3.00x is below --fail-under-coverage 4
forecast: open pipeline \$1,800,000.00 is below --fail-under \$2,000,000.00"
	d=$(mk d.csv <<'EOF'
Owner,Amount,Forecast Category
ana,100000,Closed
ana,500000,Commit
ben,50000,Best Case
carl,10000,Commit
EOF
)
	t=$(mk t.csv <<<$'Owner,Target\nana,250000\nben,200000')
	run --separate-stderr forecast -g owner --targets "$t" --fail-under-coverage 1 "$d"
	assert_failure 1
	assert_equal "$stderr" "forecast: 1 group has no target in $t (target, coverage, gap and pipeline_coverage left empty): carl
forecast: pipeline_coverage below --fail-under-coverage 1 in 1 group: ben 0.25x"
	# closed deals meeting the target: covered, whatever the pipeline
	run --separate-stderr forecast --target 100000 --fail-under-coverage 100 "$d"
	assert_success
	run --separate-stderr forecast --fail-under-coverage 3 "$d"
	assert_failure 2
	assert_equal "$stderr" "forecast: --fail-under-coverage 3: no target to cover (give --target or --targets)"
	for bad in 0 -1 abc 3%; do
		run --separate-stderr forecast --target 1 --fail-under-coverage "$bad" "$d"
		assert_failure 2
		assert_equal "$stderr" "forecast: --fail-under-coverage $bad: expected a ratio above 0, such as 3 or 3x"
	done
}

# The waterfall, tests/data/waterfall/{prev,cur}.csv, --period 2026-Q2,
# weights Commit 90%, Best Case 70%, Pipeline 50%:
#   start: open in Q2 in prev: A 100 (90) B 200 (100) C 300 (210) D 400
#     (200) E 500 (450) F 600 (300) G 700 (350) I 900 (450) = 8 deals,
#     3700 (2150); H closes in July: not in it
#   new: J 50 Pipeline (25)
#   pulled_in: H, 7/15 -> 6/15, now Commit 800 (720)
#   increased: A 100 -> 150 (90 -> 135: +45); I 900 -> 900 but Pipeline ->
#     Commit (450 -> 810: +360): 2 deals, +50 (+405)
#   decreased: B 200 -> 120 (100 -> 60): -80 (-40)
#   pushed_out: C to 8/3: -300 (-210); won: D -400 (-200); lost: E -500
#     (-450); removed: F, G: -1300 (-650)
#   end: A 150 B 120 H 800 I 900 J 50 = 2020 (135+60+720+810+25 = 1750)
#   3700 + 50 + 800 + 50 - 80 - 300 - 400 - 500 - 1300 = 2020, and
#   2150 + 25 + 720 + 405 - 40 - 210 - 200 - 450 - 650 = 1750
@test "--compare: every waterfall change on a small pair, worked by hand" {
	W="$DATA/waterfall"
	run --separate-stderr forecast --period 2026-Q2 --compare "$W/prev.csv" "$W/cur.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "change,deals,amount,weighted_amount
start,8,3700.00,2150.00
new,1,50.00,25.00
pulled_in,1,800.00,720.00
increased,2,50.00,405.00
decreased,1,-80.00,-40.00
pushed_out,-1,-300.00,-210.00
won,-1,-400.00,-200.00
lost,-1,-500.00,-450.00
removed,-2,-1300.00,-650.00
end,5,2020.00,1750.00"
	# per owner, then (all): ana 2200 + 50 + 50 - 80 - 300 - 700 = 1220;
	# ben 1500 + 800 - 400 - 500 - 600 = 800
	run --separate-stderr forecast -g owner --period 2026-Q2 --compare "$W/prev.csv" "$W/cur.csv"
	assert_success
	assert_line --index 0 "Opportunity Owner,change,deals,amount,weighted_amount"
	assert_line --index 1 "ana,start,5,2200.00,1200.00"
	assert_line --index 10 "ana,end,4,1220.00,1030.00"
	assert_line --index 11 "ben,start,3,1500.00,950.00"
	assert_line --index 20 "ben,end,1,800.00,720.00"
	assert_line --index 21 "(all),start,8,3700.00,2150.00"
	assert_line --index 30 "(all),end,5,2020.00,1750.00"
	# JSON for the dashboard: change, deals, amount, weighted_amount
	run --separate-stderr forecast --period 2026-Q2 --compare "$W/prev.csv" -f json "$W/cur.csv"
	assert_line --index 5 '{"change":"pushed_out","deals":-1,"amount":-300.00,"weighted_amount":-210.00}'
	# --moves: the category moves of the deals in the period in either,
	# outside the sum: E Commit -> Lost, D Pipeline -> Closed, H and I
	# Pipeline -> Commit (800 + 900 = 1700, weighted 720 + 810 = 1530)
	run --separate-stderr forecast --moves --period 2026-Q2 --compare "$W/prev.csv" "$W/cur.csv"
	assert_success
	assert_output "from,to,deals,amount,weighted_amount
Commit,Lost,1,500.00,0.00
Pipeline,Closed,1,450.00,450.00
Pipeline,Commit,2,1700.00,1530.00"
	# the snapshots in any row order: the same waterfall
	p=$(mk p.csv < <(head -1 "$W/prev.csv"; tail -n +2 "$W/prev.csv" | tac))
	run --separate-stderr forecast --period 2026-Q2 --compare "$p" "$W/cur.csv"
	assert_line --index 9 "removed,-2,-1300.00,-650.00"
}

@test "--compare errors: an id twice names both lines; no id column; --moves alone; a target" {
	W="$DATA/waterfall"
	c=$(mk c.csv < <(cat "$W/cur.csv"; echo "B,ana,1,Commit,2026-05-02,Negotiation"))
	run --separate-stderr forecast --period 2026-Q2 --compare "$W/prev.csv" "$c"
	assert_failure 2
	assert_equal "$stderr" "forecast: $c:10: Opportunity ID \"B\" twice in this export (also on line 3)"
	p=$(mk p.csv < <(cat "$W/prev.csv"; echo "A,ana,1,Commit,2026-05-02,Negotiation"))
	run --separate-stderr forecast --period 2026-Q2 --compare "$p" "$W/cur.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $p:11: Opportunity ID \"A\" twice in the --compare export (also on line 2)"
	run --separate-stderr forecast --compare "$W/prev.csv" "$DATA/seed-q2.csv"
	assert_success
	n=$(mk n.csv <<<$'Amount,Forecast Category\n1,Commit')
	run --separate-stderr forecast --compare "$W/prev.csv" "$n"
	assert_failure 2
	[[ "$stderr" == "forecast: $n:1: no id column (tried \"Opportunity ID\", "* ]]
	run --separate-stderr forecast --moves "$W/cur.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --moves: only with --compare"
	run --separate-stderr forecast --target 1 --compare "$W/prev.csv" "$W/cur.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --compare writes the waterfall: --target, --targets, --fail-under and --fail-under-coverage do not apply"
	run --separate-stderr forecast --compare "$BATS_TEST_TMPDIR/none.csv" "$W/cur.csv"
	assert_failure 2
	[[ "$stderr" == "forecast: $BATS_TEST_TMPDIR/none.csv: "* ]]
	# a deal without an id cannot be matched: left out, said
	b=$(mk b.csv < <(cat "$W/cur.csv"; echo ",ana,1,Commit,2026-05-02,Negotiation"))
	run --separate-stderr forecast --period 2026-Q2 --compare "$W/prev.csv" "$b"
	assert_success
	assert_equal "$stderr" "forecast: deals without an id, left out of the waterfall (they cannot be matched): 0 in $W/prev.csv, 1 in this export"
	assert_line --index 10 "end,5,2020.00,1750.00"
}

# Random pairs of snapshots (tests/waterfall-pairs.awk): 40 deal ids, each
# in either, open/won/lost, a close date in or out of Q2 or none, 3 owners,
# an amount maybe blank; per group and in (all), the changes add up to end
# exactly, in amount and weighted amount, and in deals leaving out
# increased and decreased (they count deals whose amount moved).
@test "--compare: start + changes = end, exactly, on 30 random snapshot pairs" {
	for seed in $(seq 1 30); do
		awk -v seed=$seed -v which=0 -f "$BATS_TEST_DIRNAME/waterfall-pairs.awk" >"$BATS_TEST_TMPDIR/p.csv"
		awk -v seed=$seed -v which=1 -f "$BATS_TEST_DIRNAME/waterfall-pairs.awk" >"$BATS_TEST_TMPDIR/c.csv"
		for g in "" "-g owner" "-g owner,month"; do
			run --separate-stderr forecast $g --period 2026-Q2 --compare "$BATS_TEST_TMPDIR/p.csv" -f tsv "$BATS_TEST_TMPDIR/c.csv"
			assert_success
			run awk -F '\t' '
				NR == 1 { for (i = 1; i <= NF; i++) if ($i == "change") c = i; next }
				{ k = ""; for (i = 1; i < c; i++) k = k $i SUBSEP }
				$c == "end" { n++; if (d[k] != $(c+1) || a[k] != $(c+2) || w[k] != $(c+3)) { print "seed '$seed' '"$g"' " k ": " d[k] " " a[k] " " w[k] " != " $0; bad = 1 } next }
				{ if ($c != "increased" && $c != "decreased") d[k] += $(c+1); a[k] = sprintf("%.2f", a[k] + $(c+2)); w[k] = sprintf("%.2f", w[k] + $(c+3)) }
				END { if (!n) print "no end row"; exit bad || !n }' <<<"$output"
			assert_success
		done
	done
}

# --simulate: properties on the shipped Salesforce export, per owner
@test "--simulate: same seed same output; P10 <= P50 <= P90; closed <= P10; P90 <= closed + open" {
	S="$EXAMPLES/salesforce-opportunities.csv"
	run --separate-stderr forecast -g owner --period 2026-Q2 --simulate 2000 --seed 42 "$S"
	assert_success
	assert_line --index 0 "Opportunity Owner,closed,open,p10,p50,p90,mean"
	first=$output
	run --separate-stderr forecast -g owner --period 2026-Q2 --simulate 2000 --seed 42 "$S"
	assert_equal "$output" "$first"
	run --separate-stderr forecast -g owner --period 2026-Q2 --simulate 2000 --seed 43 "$S"
	[ "$output" != "$first" ]
	run awk -F, 'NR > 1 { n++; if (!($2 <= $4 && $4 <= $5 && $5 <= $6 && $6 <= $2 + $3 && $2 <= $7 && $7 <= $2 + $3)) { print "bad: " $0; bad = 1 } }
		END { exit bad || n != 9 }' <<<"$first"
	assert_success
	# the default seed is 1
	run --separate-stderr forecast --simulate 500 "$S"
	first=$output
	run --separate-stderr forecast --simulate 500 --seed 1 "$S"
	assert_equal "$output" "$first"
	# JSON for the dashboard: p10, p50, p90, mean, p_target
	run --separate-stderr forecast --simulate 500 --target 750000 -f json "$DATA/seed-q2.csv"
	run jq -r 'keys_unsorted | join(",")' <<<"$output"
	assert_output "closed,open,p10,p50,p90,mean,target,p_target"
}

# All weights 100%: every open deal is won in every trial, so P10 = P50 =
# P90 = mean = closed + open; seed 000's Q2: 150K + 1.8M = 1.95M, and
# p_target (>= 750K) = 1
@test "--simulate: all weights 100% gives P10 = P90 = closed + open" {
	run --separate-stderr forecast --simulate 1000 --target 750000 --weights commit=100,best_case=100,pipeline=100,omitted=100 "$DATA/seed-q2.csv"
	assert_success
	assert_output "closed,open,p10,p50,p90,mean,target,p_target
150000.00,1800000.00,1950000.00,1950000.00,1950000.00,1950000.00,750000.00,1.0000"
	# all 0%: the closed amount only, and 0 of the trials reach 750K
	run --separate-stderr forecast --simulate 1000 --target 750000 --weights commit=0,best_case=0,pipeline=0 "$DATA/seed-q2.csv"
	assert_output "closed,open,p10,p50,p90,mean,target,p_target
150000.00,1800000.00,150000.00,150000.00,150000.00,150000.00,750000.00,0.0000"
}

# The distribution against the exact one: every subset of the open deals
# enumerated (2^n outcomes, each the product of its deals' chances), the
# percentiles by nearest rank (the smallest amount whose cumulative chance
# reaches 10%, 50%, 90%), compared where no step of the exact distribution
# lies within 0.5% of the level (there the trials may fall either side);
# the mean and P(reaching the target) within 5 standard errors of 200,000
# trials.  4 deals, then 10.
@test "--simulate: the distribution against the exact one, enumerated (4 and 10 deals)" {
	for n in 4 10; do
		f=$BATS_TEST_TMPDIR/s$n.csv
		awk -v n=$n 'BEGIN { srand(n); print "Opportunity ID,Amount,Probability (%),Forecast Category"
			print "W,1000,100,Closed"
			for (i = 1; i <= n; i++) printf "D%d,%d,%d,Pipeline\n", i, 100 * int(1 + rand() * 20), int(5 + rand() * 90) }' >"$f"
		target=$(awk -F, 'NR > 1 { s += $2 * $3 / 100 } END { print int(s) }' "$f")
		run --separate-stderr forecast --simulate 200000 --seed 5 --weight-by probability --target "$target" "$f"
		assert_success
		sim=${lines[1]}
		run awk -F, -v sim="$sim" -v target="$target" '
			NR > 2 { a[++n] = $2; p[n] = $3 / 100 }
			NR == 2 { closed = $2 }
			END {
				for (m = 0; m < 2 ^ n; m++) {
					s = closed; q = 1
					for (i = 1; i <= n; i++)
						if (int(m / 2 ^ (i - 1)) % 2) { s += a[i]; q *= p[i] } else q *= 1 - p[i]
					pr[s] += q; mean += s * q; var += s * s * q
					if (s >= target) reach += q
				}
				var -= mean * mean
				k = 0; for (s in pr) v[++k] = s + 0
				for (i = 2; i <= k; i++) { x = v[i]; for (j = i - 1; j >= 1 && v[j] > x; j--) v[j + 1] = v[j]; v[j + 1] = x }
				split(sim, got, ",")
				split("10 50 90", lv, " ")
				for (l = 1; l <= 3; l++) {
					c = 0; want = ""; near = 0
					for (i = 1; i <= k; i++) { c += pr[v[i]]; if (c - lv[l] / 100 > -0.005 && c - lv[l] / 100 < 0.005) near = 1; if (want == "" && c >= lv[l] / 100 - 1e-12) want = v[i] }
					if (!near && got[2 + l] + 0 != want) { print "P" lv[l] ": " got[2 + l] " != " want; bad = 1 }
					if (!near) checked++
				}
				se = sqrt(var / 200000)
				if (got[6] - mean > 5 * se || mean - got[6] > 5 * se) { print "mean " got[6] " != " mean " (se " se ")"; bad = 1 }
				se = sqrt(reach * (1 - reach) / 200000)
				if (got[8] - reach > 5 * se + 0.0001 || reach - got[8] > 5 * se + 0.0001) { print "p_target " got[8] " != " reach; bad = 1 }
				if (checked < 2) { print "only " checked " percentiles away from a step"; bad = 1 }
				exit bad
			}' "$f"
		assert_success
	done
}

@test "--simulate errors: N, seed, with --compare" {
	for bad in 0 -1 x 10000001; do
		run --separate-stderr forecast --simulate "$bad" "$DATA/seed-q2.csv"
		assert_failure 2
		assert_equal "$stderr" "forecast: --simulate $bad: expected a number of trials from 1 to 10000000"
	done
	run --separate-stderr forecast --simulate 10 --seed x "$DATA/seed-q2.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --seed x: expected a whole number from 0 to 9223372036854775807"
	run --separate-stderr forecast --seed 3 "$DATA/seed-q2.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --seed: only with --simulate"
	run --separate-stderr forecast --simulate 3 --compare "$DATA/seed-q2.csv" "$DATA/seed-q2.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --simulate and --compare: give one"
}

# --stamp then --accuracy, three saved weeks of tests/data/accuracy, per
# owner, Q2 (this-quarter as of 04-06, 04-13, 04-20); actuals: ana won A
# 120 (B lost), ben won C 300 + D 400 = 700 (E 50 closes in July: not Q2).
#   called = Closed + Commit, best_case = + Best Case, weighted = Total's;
#   error = called - actual, error_pct = error / actual
#   ana W15: 100, 300, 90+140 = 230; -20, -20/120 = -0.1667
#       W16: 320, 320, 288; +200, 200/120 = 1.6667
#       W17: 120, 120, 120+100 = 220; 0, 0
#       mape (0.1667 + 1.6667 + 0) / 3 = 0.6111, bias (-0.1667 + 1.6667) / 3
#       = 0.5000 (over-calling)
#   ben W15: 300, 300, 270+200 = 470; -400, -400/700 = -0.5714
#       W16: 300, 700, 270+280 = 550; -0.5714;  W17: 700, 700, 630; 0
#       mape 2 x 0.5714 / 3 = 0.3810, bias -0.3810 (under-calling)
@test "--accuracy: three saved weeks scored against what closed won" {
	A="$DATA/accuracy"
	d=$BATS_TEST_TMPDIR/fc
	mkdir -p "$d"
	for w in 15:2026-04-06 16:2026-04-13 17:2026-04-20; do
		run --separate-stderr forecast --stamp --as-of "${w#*:}" --period this-quarter -g owner -o "$d/2026-W${w%%:*}.csv" "$A/2026-W${w%%:*}.csv"
		assert_success
	done
	run head -2 "$d/2026-W15.csv"
	assert_output "as_of,period,Owner,category,deals,amount,weight,weighted_amount
2026-04-06,2026-04-01..2026-06-30,ana,Closed,0,0.00,1.0000,0.00"
	run --separate-stderr forecast --accuracy "$d"/*.csv "$A/actuals.csv"
	assert_success
	assert_equal "$stderr" ""
	# won_deals: ana's 120 is one deal, ben's 700 two; under --min-deals
	# (default 10) each call and each group is insufficient
	assert_output "Owner,as_of,week,called,best_case,weighted,actual,error,error_pct,mape,bias,won_deals,sample
ana,2026-04-06,2026-W15,100.00,300.00,230.00,120.00,-20.00,-0.1667,,,1,insufficient
ana,2026-04-13,2026-W16,320.00,320.00,288.00,120.00,200.00,1.6667,,,1,insufficient
ana,2026-04-20,2026-W17,120.00,120.00,220.00,120.00,0.00,0.0000,,,1,insufficient
ana,,(all),,,,,,,0.6111,0.5000,,insufficient
ben,2026-04-06,2026-W15,300.00,300.00,470.00,700.00,-400.00,-0.5714,,,2,insufficient
ben,2026-04-13,2026-W16,300.00,700.00,550.00,700.00,-400.00,-0.5714,,,2,insufficient
ben,2026-04-20,2026-W17,700.00,700.00,630.00,700.00,0.00,0.0000,,,2,insufficient
ben,,(all),,,,,,,0.3810,-0.3810,,insufficient"
	# the files in any order: the same
	run --separate-stderr forecast --accuracy "$d/2026-W17.csv" "$d/2026-W15.csv" "$d/2026-W16.csv" "$A/actuals.csv"
	assert_line --index 4 "ana,,(all),,,,,,,0.6111,0.5000,,insufficient"
	# --min-deals 2: ben's two deals are enough, ana's one is not
	run --separate-stderr forecast --accuracy --min-deals 2 "$d"/*.csv "$A/actuals.csv"
	assert_success
	run cut -d, -f1,3,12,13 <<<"$output"
	assert_output "Owner,week,won_deals,sample
ana,2026-W15,1,insufficient
ana,2026-W16,1,insufficient
ana,2026-W17,1,insufficient
ana,(all),,insufficient
ben,2026-W15,2,ok
ben,2026-W16,2,ok
ben,2026-W17,2,ok
ben,(all),,ok"
	run --separate-stderr forecast --min-deals 2 "$A/actuals.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --min-deals goes with --accuracy"
	run --separate-stderr forecast --accuracy --min-deals x "$d"/*.csv "$A/actuals.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --min-deals x: expected a number of deals from 0"
}

@test "--accuracy errors: not stamped, one file, a week twice, other options" {
	A="$DATA/accuracy"
	run --separate-stderr forecast --accuracy "$A/actuals.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --accuracy: give the saved forecasts, then the export of what closed (the last file)"
	s=$(mk s.csv < <(forecast --period 2026-Q2 "$A/2026-W15.csv"))
	run --separate-stderr forecast --accuracy "$s" "$A/actuals.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $s:1: no as_of column: not a forecast saved with --stamp"
	s=$(mk t.csv < <(forecast --stamp --as-of 2026-04-06 "$A/2026-W15.csv"))
	run --separate-stderr forecast --accuracy "$s" "$A/actuals.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $s:2: period \"\": not a range of days (save the forecast with --period)"
	a=$(mk a.csv < <(forecast --stamp --as-of 2026-04-06 --period 2026-Q2 "$A/2026-W15.csv"))
	b=$(mk b.csv < <(forecast --stamp --as-of 2026-04-06 --period 2026-Q2 "$A/2026-W16.csv"))
	run --separate-stderr forecast --accuracy "$a" "$b" "$A/actuals.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $b:2: a second forecast as of 2026-04-06 for this group (the first in $a)"
	g=$(mk g.csv < <(forecast --stamp --as-of 2026-04-13 --period 2026-Q2 -g owner "$A/2026-W16.csv"))
	run --separate-stderr forecast --accuracy "$a" "$g" "$A/actuals.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: $g:1: not grouped as $a (by other columns)"
	run --separate-stderr forecast --accuracy -g owner "$a" "$A/actuals.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --accuracy reads saved forecasts: it takes their groups and periods, and no other forecast option"
	run --separate-stderr forecast --stamp --simulate 3 "$A/actuals.csv"
	assert_failure 2
	assert_equal "$stderr" "forecast: --stamp: only on a forecast"
	# no -g: one row a saved week, and the whole's summary
	run --separate-stderr forecast --accuracy "$a" "$A/actuals.csv"
	assert_success
	# called 100 + 300 = 400, actual 120 + 700 = 820: -420 / 820 = -0.5122
	assert_output "as_of,week,called,best_case,weighted,actual,error,error_pct,mape,bias,won_deals,sample
2026-04-06,2026-W15,400.00,600.00,700.00,820.00,-420.00,-0.5122,,,3,insufficient
,(all),,,,,,,0.5122,-0.5122,,insufficient"
}

# --win-rates: each open deal won with its stage's rate, whatever its
# category's weight: Proposal 1 (always won), Discovery 0 (never): every
# trial wins 100 (closed) + 300 (the Proposal deal) = 400
@test "--win-rates: the stage's win_rate instead of the weight" {
	d=$(mk d.csv <<'EOF'
Stage,Amount,Forecast Category
Closed Won,100,Closed
Proposal,300,Pipeline
Discovery,500,Commit
EOF
)
	w=$(mk w.csv <<'EOF'
Stage,opps,win_rate
proposal,10,1.0000
Discovery,10,0%
EOF
)
	run --separate-stderr forecast --simulate 1000 --win-rates "$w" "$d"
	assert_success
	assert_output "closed,open,p10,p50,p90,mean
100.00,800.00,400.00,400.00,400.00,400.00"
	m=$(mk m.csv <<<$'Stage,win_rate\nProposal,1')
	run --separate-stderr forecast --simulate 10 --win-rates "$m" "$d"
	assert_failure 2
	assert_equal "$stderr" "forecast: $d:4: Stage \"Discovery\": no win_rate for this stage in $m"
	b=$(mk b.csv <<<$'Stage,win_rate\nProposal,1.5')
	run --separate-stderr forecast --simulate 10 --win-rates "$b" "$d"
	assert_failure 2
	assert_equal "$stderr" "forecast: $b:2: win_rate \"1.5\": expected a rate from 0 to 1 (0.25) or 0% to 100%"
	b=$(mk b2.csv <<<$'Stage,win_rate\nProposal,1\nPROPOSAL,0')
	run --separate-stderr forecast --simulate 10 --win-rates "$b" "$d"
	assert_failure 2
	assert_equal "$stderr" "forecast: $b:3: a second win_rate for Proposal (the first is on line 2)"
	b=$(mk b3.csv <<<$'Stage,rate\nProposal,1')
	run --separate-stderr forecast --simulate 10 --win-rates "$b" "$d"
	assert_failure 2
	assert_equal "$stderr" "forecast: $b:1: expected a Stage and a win_rate column"
	run --separate-stderr forecast --win-rates "$w" "$d"
	assert_failure 2
	assert_equal "$stderr" "forecast: --win-rates: only with --simulate"
	n=$(mk n.csv <<<$'Amount,Forecast Category\n1,Commit')
	run --separate-stderr forecast --simulate 10 --win-rates "$w" "$n"
	assert_failure 2
	assert_equal "$stderr" "forecast: $n:1: --win-rates: no Stage column (name one with -c stage=HEADER)"
}

# the new input files go through the one reader: BOM, CRLF, quoted
# fields, no final newline; empty is an error, header only is no rows
@test "--targets, --compare, --win-rates files: BOM, CRLF, quoted newline, no final newline, empty, header only" {
	d=$(mk d.csv <<'EOF'
Opportunity ID,Owner,Amount,Forecast Category,Close Date
1,ana,100,Commit,2026-05-01
2,ben,200,Pipeline,2026-05-02
EOF
)
	t=$BATS_TEST_TMPDIR/t.csv
	printf '\357\273\277"Owner","Target"\r\n"ana","1,000"\r\nben,400' >"$t"
	run --separate-stderr forecast -g owner --targets "$t" "$d"
	assert_success
	assert_line --index 6 "ana,Total,1,100.00,0.9000,90.00,1000.00,0.0900,910.00,0.1000"
	assert_line --index 13 "ben,Total,1,200.00,0.5000,100.00,400.00,0.2500,300.00,0.5000"
	: >"$BATS_TEST_TMPDIR/e.csv"
	run --separate-stderr forecast -g owner --targets "$BATS_TEST_TMPDIR/e.csv" "$d"
	assert_failure 2
	[[ "$stderr" == "forecast: $BATS_TEST_TMPDIR/e.csv: "* ]]
	# a header alone is an error, as for any input
	h=$(mk h.csv <<<'Owner,Target')
	run --separate-stderr forecast -g owner --targets "$h" "$d"
	assert_failure 2
	assert_equal "$stderr" "forecast: $h: no data rows, only a header"
	p=$BATS_TEST_TMPDIR/p.csv
	printf '\357\273\277Opportunity ID,Owner,Amount,Forecast Category,Close Date\r\n' >"$p"
	run --separate-stderr forecast --compare "$p" "$d"
	assert_failure 2
	assert_equal "$stderr" "forecast: $p: no data rows, only a header"
	run --separate-stderr forecast --compare "$BATS_TEST_TMPDIR/e.csv" "$d"
	assert_failure 2
	# PREV with CRLF, a quoted newline and no final newline: 1 is start
	printf 'Opportunity ID,Owner,Amount,Forecast Category,Close Date\r\n1,"ana\r\n",100,Commit,2026-05-01' >"$p"
	run --separate-stderr forecast --compare "$p" "$d"
	assert_success
	assert_line --index 1 "start,1,100.00,90.00"
	assert_line --index 2 "new,1,200.00,100.00"
	w=$BATS_TEST_TMPDIR/w.csv
	printf '\357\273\277Stage,win_rate\r\nNegotiation,100%%' >"$w"
	s=$(mk s.csv <<<$'Stage,Amount,Forecast Category\nNegotiation,100,Pipeline')
	run --separate-stderr forecast --simulate 10 --win-rates "$w" "$s"
	assert_success
	assert_line --index 1 "0.00,100.00,100.00,100.00,100.00,100.00"
}
