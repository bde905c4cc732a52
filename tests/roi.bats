#!/usr/bin/env bats
# roi: seed 004's ROI calculator (examples/roi/seed004.ini) and the
# formulas files of roi-formulas(5): outputs worked by hand, errors.

bats_require_minimum_version 1.5.0
load helper

ROI=$BATS_TEST_DIRNAME/../examples/roi
HDR="Company,FTEs,Salary,Manual Hours/Month,SKU Rules,Audits/Year,Violations"
OUTS="annual_manual_cost,tai_cost_year1,year1_net_savings,payback_months,three_year_tco,roi_pct"

formulas() { cat >"$BATS_TEST_TMPDIR/f.ini"; printf '%s' "$BATS_TEST_TMPDIR/f.ini"; }

@test "seed 004's calculator, worked by hand" {
	# parameters: 2080 h a year, 50% efficiency, 40 h an audit, 50% of
	# violations avoided, tiers starter <= 100 rules $50K, growth <= 1000
	# $100K, enterprise $200K; 20% off year 1, +10% in years 2-3
	# Acme: 2 FTEs at $104,000 ($50.00 an hour), 320 h a month, 250 rules
	#   manual hours  min(320 x 12, 2 x 2080) = 3840
	#   labour        3840 x 104000 / 2080 = 192,000.00
	#   audits        4 x 40 x 104000 / 2080 = 8,000.00
	#   manual cost   192000 + 8000 + 30000 = 230,000.00
	#   year 1        growth: 100000 x 0.80 = 80,000.00
	#   savings       200000 x 0.5 + 30000 x 0.5 = 115,000.00
	#   net           115000 - 80000 = 35,000.00
	#   payback       80000 x 12 / 115000 = 8.3478 -> 8.3
	#   TCO           80000 + 2 x 110000 = 300,000.00
	#   ROI           (345000 - 300000) x 100 / 300000 = 15.0
	# Beta: 1 FTE at $95,000, 200 h a month (capped at 2080 a year), 80
	# rules (starter), 2 audits, no violations
	#   labour        2080 x 95000 / 2080 = 95,000.00
	#   audits        2 x 40 x 95000 / 2080 = 3653.846153... -> 3,653.85
	#   manual cost   95000 + 3653.85 = 98,653.85
	#   year 1        50000 x 0.80 = 40,000.00
	#   savings       98653.85 x 0.5 = 49326.925 -> 49,326.93 (half up)
	#   net           49326.93 - 40000 = 9,326.93
	#   payback       40000 x 12 / 49326.93 = 9.7309 -> 9.7
	#   TCO           40000 + 2 x 55000 = 150,000.00
	#   ROI           (147980.79 - 150000) x 100 / 150000 = -1.346 -> -1.3
	# Gamma: 3 FTEs at $150K, 400 h a month, 1500 rules (enterprise), 12
	# audits, $250K violations
	#   labour        4800 x 150000 / 2080 = 346153.846... -> 346,153.85
	#   audits        12 x 40 x 150000 / 2080 = 34615.3846 -> 34,615.38
	#   manual cost   346153.85 + 34615.38 + 250000 = 630,769.23
	#   year 1        200000 x 0.80 = 160,000.00
	#   savings       380769.23 x 0.5 + 125000 = 315384.615 -> 315,384.62
	#   net           315384.62 - 160000 = 155,384.62
	#   payback       160000 x 12 / 315384.62 = 6.0878 -> 6.1
	#   TCO           160000 + 2 x 220000 = 600,000.00
	#   ROI           (946153.86 - 600000) x 100 / 600000 = 57.69 -> 57.7
	run --separate-stderr "$BIN/roi" -F seed004 "$ROI/prospects.csv"
	assert_success
	assert_equal "$stderr" ""
	assert_output "$HDR,$OUTS
Acme Cloud,2,\"\$104,000\",320,250,4,\"\$30,000\",230000.00,80000.00,35000.00,8.30,300000.00,15.00
Beta Infra,1,95000,200,80,2,0,98653.85,40000.00,9326.93,9.70,150000.00,-1.30
Gamma Pay,3,\$150K,400,1500,12,\$250K,630769.23,160000.00,155384.62,6.10,600000.00,57.70"
}

@test "-F by path, as JSON numbers, as a table" {
	run --separate-stderr "$BIN/roi" -F "$ROI/seed004.ini" -f json "$ROI/prospects.csv"
	assert_success
	run jq -c '[.Company, .annual_manual_cost, .payback_months, .roi_pct]' <<<"$output"
	assert_output '["Acme Cloud",230000,8.3,15]
["Beta Infra",98653.85,9.7,-1.3]
["Gamma Pay",630769.23,6.1,57.7]'
	run --separate-stderr "$BIN/roi" -F seed004 -f table "$ROI/prospects.csv"
	assert_success
	assert_line --index 1 --regexp '^Acme Cloud +2 +\$104,000 .* 230,000 +80,000 +35,000 +8\.3 +300,000 +15$'
}

@test "-P sets a parameter: 30% off year 1" {
	# Acme: 100000 x 0.70 = 70,000.00; net 115000 - 70000 = 45,000.00;
	# payback 70000 x 12 / 115000 = 7.304 -> 7.3; TCO 70000 + 220000 =
	# 290,000.00; ROI (345000 - 290000) x 100 / 290000 = 18.97 -> 19.0
	run --separate-stderr "$BIN/roi" -F seed004 -P year1_discount=30% "$ROI/prospects.csv"
	assert_success
	assert_line --index 1 'Acme Cloud,2,"$104,000",320,250,4,"$30,000",230000.00,70000.00,45000.00,7.30,290000.00,19.00'
	# an amount, and --param: growth at $90K: 72,000.00
	run --separate-stderr "$BIN/roi" -F seed004 --param 'growth_price=$90K' "$ROI/prospects.csv"
	assert_line --index 1 --partial ',230000.00,72000.00,43000.00,'
}

@test "-P and -F errors" {
	run --separate-stderr "$BIN/roi" "$ROI/prospects.csv"
	assert_failure 2
	assert_equal "$stderr" "roi: no formulas: -F FILE (the shipped ROI calculator of seed 004: -F seed004)"
	run --separate-stderr "$BIN/roi" -F nosuch "$ROI/prospects.csv"
	assert_failure 2
	assert_equal "$stderr" "roi: nosuch: no such file, nor a shipped formulas file of that name (shipped: seed004)"
	run --separate-stderr "$BIN/roi" -F seed004 -P nosuch=1 "$ROI/prospects.csv"
	assert_failure 2
	assert_output ""
	[[ $stderr == "roi: -P nosuch=1: "*"/seed004.ini has no parameter nosuch" ]] || fail "$stderr"
	run --separate-stderr "$BIN/roi" -F seed004 -P year1_discount "$ROI/prospects.csv"
	assert_failure 2
	assert_equal "$stderr" "roi: -P year1_discount: expected NAME=VALUE"
	run --separate-stderr "$BIN/roi" -F seed004 -P year1_discount=abc "$ROI/prospects.csv"
	assert_failure 2
	assert_equal "$stderr" 'roi: -P year1_discount=abc: not a number (expected a number, an amount such as $100K, or a percentage such as 20%)'
	run --separate-stderr "$BIN/roi" -F seed004 -P year1_discount=12.345678% "$ROI/prospects.csv"
	assert_failure 2
	assert_equal "$stderr" 'roi: -P year1_discount=12.345678%: a percentage with more than four decimals (expected a number, an amount such as $100K, or a percentage such as 20%)'
}

@test "formulas file errors: FILE:LINE, and the column of an expression" {
	p=$ROI/prospects.csv
	f=$(formulas <<<$'[params]\na = 1')
	run --separate-stderr "$BIN/roi" -F "$f" "$p"
	assert_failure 2
	assert_equal "$stderr" "roi: $f:1: unknown section [params] (expected [parameters], [inputs], [formulas] or [outputs])"
	f=$(formulas <<<$'[parameters]\n1a = 1')
	run --separate-stderr "$BIN/roi" -F "$f" "$p"
	assert_equal "$stderr" "roi: $f:2: [parameters] 1a: a name is a letter or _, then letters, digits or _ (it is written bare in formulas)"
	f=$(formulas <<<$'[parameters]\na = 1\n[outputs]\na = 2')
	run --separate-stderr "$BIN/roi" -F "$f" "$p"
	assert_equal "$stderr" "roi: $f:4: a given twice (first on line 2)"
	f=$(formulas <<<$'[parameters]\na = lots\n[outputs]\nx = a')
	run --separate-stderr "$BIN/roi" -F "$f" "$p"
	assert_equal "$stderr" "roi: $f:2: [parameters] a = lots: not a number (expected a number, an amount such as \$100K, or a percentage such as 20%)"
	f=$(formulas <<<$'[outputs]\nx = FTEs *')
	run --separate-stderr "$BIN/roi" -F "$f" "$p"
	assert_failure 2
	assert_equal "$stderr" "roi: $f:2:11: expression ends too soon
  x = FTEs *
            ^"
	f=$(formulas <<<$'[outputs]\nx = FTEs * 20%')
	run --separate-stderr "$BIN/roi" -F "$f" "$p"
	assert_equal "${stderr%%$'\n'*}" "roi: $f:2:12: a percentage in arithmetic reads two ways (20% is 20 in a comparison): write 0.20 or 20/100"
	f=$(formulas <<<$'[outputs]\nx = y + 1\ny = 2')
	run --separate-stderr "$BIN/roi" -F "$f" "$p"
	assert_equal "$stderr" "roi: $f:2: x uses y, defined below (line 3): a formula uses only what is above it"
	f=$(formulas <<<$'[outputs]\nx = x + 1')
	run --separate-stderr "$BIN/roi" -F "$f" "$p"
	assert_equal "$stderr" "roi: $f:2: x uses itself: a formula uses only what is above it"
	f=$(formulas <<<$'[outputs]\nx = Nosuch + 1')
	run --separate-stderr "$BIN/roi" -F "$f" "$p"
	assert_equal "$stderr" "roi: $f:2: x: Nosuch is no name above it and no column of $p"
	f=$(formulas <<<$'[inputs]\nf = Nope\n[outputs]\nx = f')
	run --separate-stderr "$BIN/roi" -F "$f" "$p"
	assert_equal "$stderr" "roi: $f:2: [inputs] f = Nope: no column of $p"
	f=$(formulas <<<$'[parameters]\na = 1')
	run --separate-stderr "$BIN/roi" -F "$f" "$p"
	assert_equal "$stderr" "roi: $f: no [outputs]: nothing to write"
	f=$(formulas <<<$'[outputs]\nx = 1\nfoo')
	run --separate-stderr "$BIN/roi" -F "$f" "$p"
	assert_equal "$stderr" "roi: $f:3: not an INI line (expected [section], NAME = VALUE or a ; comment)"
	f=$(formulas <<<$'[outputs]\nx = 1\n  + 2')
	run --separate-stderr "$BIN/roi" -F "$f" "$p"
	assert_equal "$stderr" "roi: $f:3: a value goes on one line (a long formula is split into [formulas] names)"
	f=$(formulas <<<$'x = 1')
	run --separate-stderr "$BIN/roi" -F "$f" "$p"
	assert_equal "$stderr" "roi: $f:1: x = ... before any [section]"
	f=$(formulas <<<"[outputs]
x = $(printf '1+%.0s' $(seq 1 100))1")
	run --separate-stderr "$BIN/roi" -F "$f" "$p"
	assert_equal "$stderr" "roi: $f:2: line longer than 198 bytes (a long formula is split into [formulas] names)"
}

@test "a formulas file of its own: [inputs], names in any order of sections, comparisons as numbers" {
	# Amt "1,200" > Cap "$2.5M"? As numbers no (as text "1" > "$"): 7
	f=$(formulas <<'EOF'
; a comment
[inputs]
amt = Deal Amount
[parameters]
rate = 12.5%
[outputs]
fee = round(amt * rate, 2) ; an inline comment
[formulas]
big = if(amt > Cap, 1, 7)
[outputs]
flag = big
third = 1 / 3
EOF
)
	d=$(mk d.csv <<<$'Deal Amount,Cap\n"1,200",$2.5M\n(10.01),0')
	run --separate-stderr "$BIN/roi" -F "$f" "$d"
	assert_success
	# 1200 x 0.125 = 150.00; -10.01 x 0.125 = -1.25125 -> -1.25; 1/3 =
	# 0.333333 -> 0.33
	assert_output 'Deal Amount,Cap,fee,flag,third
"1,200",$2.5M,150.00,7.00,0.33
(10.01),0,-1.25,7.00,0.33'
}

@test "a row an output cannot be worked out for: the output, the column, the value" {
	d=$(mk bad.csv <<EOF
$HDR
A,1,,1,1,1,0
B,1,1000,1,many,1,0
C,1,20%,1,1,1,0
D,0,1000,0,1,0,0
E,1,95000,200,80,2,0
EOF
)
	run --separate-stderr "$BIN/roi" -F seed004 "$d"
	assert_failure 2
	assert_equal "$stderr" "roi: $d:2: labour_cost: Salary is empty (an output cannot rest on a guess)"
	run --separate-stderr "$BIN/roi" -F seed004 --skip-invalid --rejects "$BATS_TEST_TMPDIR/rj.csv" "$d"
	assert_success
	assert_output "$HDR,$OUTS
E,1,95000,200,80,2,0,98653.85,40000.00,9326.93,9.70,150000.00,-1.30"
	assert_equal "$stderr" "roi: $d:2: labour_cost: Salary is empty (an output cannot rest on a guess) (skipped)
roi: $d:3: tier_price: SKU_Rules \"many\": not a number (skipped)
roi: $d:4: labour_cost: Salary \"20%\": a percentage in arithmetic reads two ways (75% is 75 in a comparison): write the fraction (0.75) (skipped)
roi: $d:5: payback_months: division by zero (annual_savings) (skipped)
roi: 4 invalid records skipped; see $BATS_TEST_TMPDIR/rj.csv"
	# rows out + rows rejected = rows read
	assert_equal "$(($(wc -l <"$BATS_TEST_TMPDIR/rj.csv") - 1))" 4
}

@test "fed its own output, roi writes its columns once; a closed pipe is quiet; a full disk is an error" {
	run --separate-stderr bash -c "'$BIN/roi' -F seed004 '$ROI/prospects.csv' | '$BIN/roi' -F seed004 -P year1_discount=30%"
	assert_success
	assert_equal "$stderr" "roi: (standard input):1: $(sed 's/,/, /g' <<<"$OUTS"): columns roi appends, already in the input (an earlier run's output): replaced by this run's, not repeated"
	assert_line --index 0 "$HDR,$OUTS"
	assert_line --index 1 'Acme Cloud,2,"$104,000",320,250,4,"$30,000",230000.00,70000.00,45000.00,7.30,290000.00,19.00'
	run bash -c "'$BIN/roi' -F seed004 '$ROI/prospects.csv' | head -1"
	assert_success
	assert_output "$HDR,$OUTS"
	run --separate-stderr "$BIN/roi" -F seed004 -o /dev/full "$ROI/prospects.csv"
	assert_failure 2
	assert_equal "$stderr" "roi: /dev/full: write error: No space left on device"
}
