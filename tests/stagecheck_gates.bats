#!/usr/bin/env bats
# stagecheck(1) and stagecheck-model(5): gates on any field (issue 17),
# the shipped models' seed gates, next step, ending soon.

bats_require_minimum_version 1.5.0
load helper

stagecheck() { "$BIN/stagecheck" "$@"; }
MODELS="$BATS_TEST_DIRNAME/../examples/models"

# a model with gates of each kind: cumulative (bant from Qualified on),
# dropped (size ends at Negotiation), replaced (likely: 40 at Proposal, 70
# from Negotiation), a won stage's own (paperwork), severities
gmodel() {
	mk g.ini <<'EOF'
[pipeline Sales]
default = yes

[stage Qualified]
probability = 10
gate = bant: present(Budget) && yes(Authority)
gate = size warn: amount < 50k || eb_title ~* 'cfo'

[stage Proposal]
probability = 50
gate = fresh info: empty(days_in_stage) || days_in_stage <= 10
gate = likely: probability >= 40

[stage Negotiation]
probability = 80
drop_gate = size
gate = likely: probability >= 70

[stage Won]
probability = 100
status = won
gate = paperwork: present("Signed Quote")

[stage Lost]
probability = 0
status = lost
EOF
}

# HubSpot-shaped: probability a fraction (0.5 is 50), a date-entered
# column for days_in_stage; as of 2026-06-01:
#  D1 Qualified $20K, budget, authority yes      -> nothing (20K < 50K)
#  D2 Qualified $80K, no budget, authority "no", EB "VP Sales"
#                   -> bant (error), size (warn: 80K >= 50K, not a CFO)
#  D3 Proposal $80K, CFO, entered Proposal 2026-05-10: 22 days
#                   -> fresh (info: 22 > 10); likely holds (50 >= 40);
#                      bant and size hold (cumulative, and both met);
#                      the date-entered column also says it skipped
#                      Qualified, and its velocity
#  D4 Negotiation at 50% -> likely (error: 50 < 70, the replaced gate);
#                      size no longer holds (dropped: no EB title, $90K);
#                      probability-mismatch (50 vs 80)
#  D5 Won, no budget -> paperwork (error) only: a won deal is held to
#                      its own stage's gates, not Qualified's bant
#  D6 Lost          -> nothing
gdata() {
	mk g.csv <<'EOF'
Record ID,Deal Stage,Amount,Deal probability,Budget,Authority,EB Title,Signed Quote,"Date entered ""Proposal (Sales)"""
D1,Qualified,20000,0.1,yes,yes,,,
D2,Qualified,80000,0.1,,no,VP Sales,,
D3,Proposal,80000,0.5,yes,yes,CFO,,2026-05-10
D4,Negotiation,90000,0.5,yes,yes,,,
D5,Won,100000,1,,,,,
D6,Lost,5000,0,,,,,
EOF
}

@test "gates: cumulative, dropped, replaced, a won stage's own; severities; exit 1" {
	m=$(gmodel) f=$(gdata)
	run --separate-stderr stagecheck -m "$m" --as-of 2026-06-01 "$f"
	assert_failure 1
	assert_equal "$stderr" ""
	assert_output "id,name,owner,stage,check,severity,message
D2,,,Qualified,bant,error,Qualified needs present(Budget) && yes(Authority)
D2,,,Qualified,size,warn,Qualified needs amount < 50k || eb_title ~* 'cfo'
D3,,,Proposal,stage-skipped,warn,reached Proposal without Qualified
D3,,,Proposal,velocity,info,standard: 22 days since it opened
D3,,,Proposal,fresh,info,Proposal needs empty(days_in_stage) || days_in_stage <= 10
D4,,,Negotiation,likely,error,Negotiation needs probability >= 70
D4,,,Negotiation,probability-mismatch,warn,probability 50.0% but Negotiation is 80.0%
D5,,,Won,paperwork,error,\"Won needs present(\"\"Signed Quote\"\")\""
}

@test "gates in --annotate (gate fails at error only) and --summary (after the built-in checks)" {
	m=$(gmodel) f=$(gdata)
	run stagecheck -m "$m" --as-of 2026-06-01 --annotate -f json "$f"
	assert_failure 1
	run jq -r '[."Record ID", .gate, .flags] | join("|")' <<<"$output"
	assert_output "D1|pass|
D2|fail|bant size
D3|pass|stage-skipped velocity fresh
D4|fail|likely probability-mismatch
D5|fail|paperwork
D6|pass|"
	run stagecheck -m "$m" --as-of 2026-06-01 --summary --severity warn "$f"
	assert_failure 1
	assert_output "check,severity,owner,findings
probability-mismatch,warn,,1
probability-mismatch,warn,Total,1
stage-skipped,warn,,1
stage-skipped,warn,Total,1
bant,error,,1
bant,error,Total,1
size,warn,,1
size,warn,Total,1
likely,error,,1
likely,error,Total,1
paperwork,error,,1
paperwork,error,Total,1"
}

@test "gates: -c eb_title=HEADER names the role; --severity error keeps the error gates" {
	m=$(gmodel)
	f=$(mk t.csv <<'EOF'
Record ID,Deal Stage,Amount,Deal probability,Budget,Authority,Buyer Title,Signed Quote
T1,Qualified,80000,0.1,yes,yes,CFO,
T2,Qualified,80000,0.1,yes,yes,CTO,
EOF
)
	# T1's title is a CFO's: size holds; T2's is not (80K >= 50K)
	run --separate-stderr stagecheck -m "$m" -c eb_title="Buyer Title" "$f"
	assert_success
	assert_output "id,name,owner,stage,check,severity,message
T2,,,Qualified,size,warn,Qualified needs amount < 50k || eb_title ~* 'cfo'"
	run --separate-stderr stagecheck -m "$m" -c eb_title="Buyer Title" --severity error "$f"
	assert_success
	assert_output "id,name,owner,stage,check,severity,message"
}

@test "gates: a cell the condition cannot read is an error at its line; --skip-invalid skips the row" {
	m=$(gmodel)
	f=$(mk y.csv <<'EOF'
Record ID,Deal Stage,Amount,Deal probability,Budget,Authority,EB Title,Signed Quote
Y1,Qualified,1000,0.1,yes,maybe,,
Y2,Qualified,1000,0.1,yes,yes,,
EOF
)
	run --separate-stderr stagecheck -m "$m" "$f"
	assert_failure 2
	assert_equal "$stderr" "stagecheck: $f:2: gate bant: Authority \"maybe\": neither yes nor no (see salesutils(7))"
	run --separate-stderr stagecheck -m "$m" --skip-invalid "$f"
	assert_success
	assert_equal "$stderr" "stagecheck: $f:2: gate bant: Authority \"maybe\": neither yes nor no (see salesutils(7)) (skipped)
stagecheck: 1 invalid record skipped"
}

@test "gates: a column the input lacks is an error naming the gate, with a caret; an optional gate is not checked" {
	m=$(gmodel)
	f=$(mk n.csv <<'EOF'
Record ID,Deal Stage,Amount,Budget,Authority
N1,Qualified,80000,yes,yes
EOF
)
	run --separate-stderr stagecheck -m "$m" "$f"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "stagecheck: $m:7:35: gate size: no column \"eb_title\" in $f: name it with -c eb_title=HEADER, or mark the gate optional; the columns are: \"Record ID\", \"Deal Stage\", \"Amount\", \"Budget\", \"Authority\"
  gate = size warn: amount < 50k || eb_title ~* 'cfo'
                                    ^"
	sed -i 's/^gate = size warn:/gate = size warn optional:/; s/^gate = paperwork:/gate = paperwork optional:/' "$m"
	run --separate-stderr stagecheck -m "$m" "$f"
	assert_success
	assert_equal "$stderr" ""
	assert_output "id,name,owner,stage,check,severity,message"
	# a header that is no column's name: not a role, so no -c hint
	sed -i 's/present(Budget)/present(Budgets)/' "$m"
	run --separate-stderr stagecheck -m "$m" "$f"
	assert_failure 2
	assert_equal "${stderr_lines[0]}" "stagecheck: $m:6:22: gate bant: no column \"Budgets\" in $f: mark the gate optional; the columns are: \"Record ID\", \"Deal Stage\", \"Amount\", \"Budget\", \"Authority\""
}

model_error() {
	local m
	m=$(mk m.ini)
	run --separate-stderr stagecheck -m "$m" "$DATA/gate.csv"
	assert_failure 2
	assert_output ""
	assert_equal "$stderr" "stagecheck: $m:$1"
}

@test "gate model errors: no colon, a bad word, a bad name, twice at a stage, a continued line, a built-in check's name" {
	model_error '4: gate = x: expected NAME: CONDITION' <<'EOF'
[pipeline S]
[stage A]
probability = 10
gate = x
EOF
	model_error '4: gate = x loud: a > 1: "loud" is neither a severity (error, warn, info) nor optional' <<'EOF'
[pipeline S]
[stage A]
probability = 10
gate = x loud: a > 1
EOF
	model_error "4: gate a/b: a gate's name is letters, digits, '-', '_' and '.'" <<'EOF'
[pipeline S]
[stage A]
probability = 10
gate = a/b: a > 1
EOF
	model_error '5: [stage A]: a second gate x' <<'EOF'
[pipeline S]
[stage A]
probability = 10
gate = x: a > 1
gate = x: a > 2
EOF
	model_error "5: [stage A]: a gate's condition is one line (write a second gate)" <<'EOF'
[pipeline S]
[stage A]
probability = 10
gate = x: a > 1 &&
  b > 2
EOF
	model_error '4: gate stalled: the name of a built-in check' <<'EOF'
[pipeline S]
[stage A]
probability = 10
gate = stalled: a > 1
EOF
	model_error '5: drop_gate = x: no gate "x" at an earlier stage of pipeline "S"' <<'EOF'
[pipeline S]
[stage A]
probability = 10
gate = x: a > 1
drop_gate = x
EOF
}

@test "a gate's condition that does not parse: file, line, column and a caret" {
	model_error "4:14: gate x: expected a value, a column or '('
  gate = x: a >> 1
               ^" <<'EOF'
[pipeline S]
[stage A]
probability = 10
gate = x: a >> 1
EOF
}

# seed 003's entrance/exit criteria (built-in model, optional gates over
# custom fields), as of 2026-06-01; only the error-level findings:
#  C1 Propose: PoC plan and InfoSec there (PoC's gates, cumulative), no
#     Technical Win                   -> tech-win
#  C2 Negotiate: plan "Signed 2026-03-01" (a note is present), no InfoSec
#     Review, Technical Win yes, Business Win "no" (no-like)
#                                     -> infosec, business-win
#  C3 Closed Won: Legal Win yes, no Signed Quote; not held to the open
#     stages' gates                   -> signed-quote
#  C4 Discover: before Proof of Concept, where the gates start -> none
# (each open row also misses every MEDDPICC component: no such columns)
@test "seed 003's criteria: PoC plan, InfoSec, tech/business/legal win, signed quote" {
	f=$(mk cr.csv <<'EOF'
Opportunity ID,Stage,PoC Success Plan,InfoSec Review,Technical Win,Business Win,Legal Win,Signed Quote
C1,Propose,yes,yes,,,,
C2,Negotiate,Signed 2026-03-01,,yes,no,,
C3,Closed Won,,,,,yes,
C4,Discover,,,,,,
EOF
)
	run --separate-stderr stagecheck --as-of 2026-06-01 --severity error -f json "$f"
	assert_failure 1
	run jq -r 'select(.check != "missing-meddpicc") | [.id, .check, .message] | join("|")' <<<"$output"
	assert_output 'C1|tech-win|Propose needs present("Technical Win")
C2|infosec|Negotiate needs present("InfoSec Review")
C2|business-win|Negotiate needs present("Business Win")
C3|signed-quote|Closed Won needs present("Signed Quote")'
}

# seed 001's BANT at Qualification, cumulative:
#  B1 Prospecting, nothing            -> none (before Qualification)
#  B2 Qualification, all four          -> none
#  B3 Qualification, "No budget" (no-like), no Authority
#                                      -> bant-budget, bant-authority
#  B4 Discovery, no Need              -> bant-need (cumulative)
#  B5 Closed Won                       -> none
@test "seed 001's BANT at Qualification, cumulative" {
	f=$(mk b1.csv <<'EOF'
Opportunity ID,Stage,Budget,Authority,Need,Timeline
B1,Prospecting,,,,
B2,Qualification,Approved,VP Ops,yes,Q3
B3,Qualification,No budget,,yes,Q3
B4,Discovery,yes,yes,,Q3
B5,Closed Won,,,,
EOF
)
	run --separate-stderr stagecheck -m seed001 --as-of 2026-06-01 "$f"
	assert_failure 1
	assert_output 'id,name,owner,stage,check,severity,message
B3,,,Qualification,bant-budget,error,Qualification needs present(Budget)
B3,,,Qualification,bant-authority,error,Qualification needs present(Authority)
B4,,,Discovery,bant-need,error,Discovery needs present(Need)'
}

# seed 004: POC Candidate "ICP Score 75+" on its 1-10 field (7.5 of 10),
# Negotiation after "50%+ efficiency gain":
#  I1 Qualified, ICP 2                 -> none (before POC Candidate)
#  I2 POC Candidate, 8                 -> none
#  I3 POC Candidate, 7                 -> icp (7 < 7.5)
#  I4 POC Candidate, 80                -> icp (over 10: not guessed at)
#  I5 Negotiation, 9, 55%              -> none
#  I6 Negotiation, 9, 40               -> efficiency
#  I7 Negotiation, 9, 0.6              -> efficiency (0.6 percent)
@test "seed 004's ICP score and efficiency gain gates" {
	f=$(mk i4.csv <<'EOF'
Opportunity ID,Stage,ICP Score,Efficiency Gain
I1,Qualified,2,
I2,POC Candidate,8,
I3,POC Candidate,7,
I4,POC Candidate,80,
I5,Negotiation,9,55%
I6,Negotiation,9,40
I7,Negotiation,9,0.6
EOF
)
	run --separate-stderr stagecheck -m seed004-leads --as-of 2026-06-01 "$f"
	assert_failure 1
	assert_output 'id,name,owner,stage,check,severity,message
I3,,,POC Candidate,icp,error,"POC Candidate needs ""ICP Score"" >= 7.5 && ""ICP Score"" <= 10"
I4,,,POC Candidate,icp,error,"POC Candidate needs ""ICP Score"" >= 7.5 && ""ICP Score"" <= 10"
I6,,,Negotiation,efficiency,error,"Negotiation needs ""Efficiency Gain"" >= 50"
I7,,,Negotiation,efficiency,error,"Negotiation needs ""Efficiency Gain"" >= 50"'
}

# seed 000's economic buyer by deal size (CTO / VP Engineering under
# $500K, CFO $500K-$1M, CEO / Board over $1M; a more senior one passes),
# from Proof of Concept on, over "Economic Buyer Title":
#  E1 $300K  VP Engineering            -> passes eb-cto
#  E2 $300K  Director of IT            -> eb-cto ("Director" holds no CTO:
#                                         titles match as words)
#  E3 $500K  CTO                       -> eb-cfo ($500K is the CFO's band)
#  E4 $1M    CFO                       -> passes (the CFO's band ends at $1M)
#  E5 $1.5M  CFO                       -> eb-ceo
#  E6 $1.5M  Chief Executive Officer   -> passes
#  E7 $300K  (empty)                   -> eb-cto: no title, no pass
#  E8 Discover $2M, no title           -> none: before the PoC stage
#  E9 Closed Won $2M, no title         -> none: a closed deal
@test "seed 000's economic buyer by deal size: eb-cto, eb-cfo, eb-ceo over the title" {
	f=$(mk eb.csv <<'EOF'
Opportunity ID,Stage,Amount,Economic Buyer Title
E1,Proof of Concept,300000,VP Engineering
E2,Proof of Concept,300000,Director of IT
E3,Proof of Concept,500000,CTO
E4,Proof of Concept,1000000,CFO
E5,Proof of Concept,1500000,CFO
E6,Proof of Concept,1500000,Chief Executive Officer
E7,Proof of Concept,300000,
E8,Discover,2000000,
E9,Closed Won,2000000,
EOF
)
	run --separate-stderr stagecheck --as-of 2026-06-01 -f json "$f"
	assert_failure 1
	run jq -r 'select(.check | startswith("eb-")) | [.id, .check, .severity] | join("|")' <<<"$output"
	assert_output 'E2|eb-cto|warn
E3|eb-cfo|warn
E5|eb-ceo|warn
E7|eb-cto|warn'
	# the title under another header, named with -c
	sed -i '1s/Economic Buyer Title/Buyer Role Title/' "$f"
	run --separate-stderr stagecheck --as-of 2026-06-01 -f json -c eb_title="Buyer Role Title" "$f"
	run jq -r 'select(.check | startswith("eb-")) | .id' <<<"$output"
	assert_output 'E2
E3
E5
E7'
	# without the column: the optional gates are not checked
	run --separate-stderr stagecheck --as-of 2026-06-01 -f json "$f"
	assert_equal "$stderr" ""
	run jq -r 'select(.check | startswith("eb-")) | .id' <<<"$output"
	assert_output ''
}

# next-step, as of 2026-06-01 (open deals; Discover, so MEDDPICC findings
# too, left out here):
#  N1 a step, due 2026-06-10            -> none
#  N2 no step, due 2026-06-10           -> no Next Step
#  N3 a step, no date                   -> no Next Step Date
#  N4 due 2026-05-31: a day before      -> past
#  N5 no step, due 5/1/2026 (US form)   -> both reasons, one finding
#  N6 due 2026-06-01: today, not past   -> none
#  N7 Closed Lost, N8 Closed Won, empty -> none: closed deals
@test "next-step: no step, no date, or a date past --as-of; open deals only" {
	f=$(mk ns.csv <<'EOF'
Opportunity ID,Stage,Next Step,Next Step Date
N1,Discover,Demo with the CTO,2026-06-10
N2,Discover,,2026-06-10
N3,Discover,Send the MSA,
N4,Discover,Send the MSA,2026-05-31
N5,Discover,,5/1/2026
N6,Discover,Call,2026-06-01
N7,Closed Lost,,
N8,Closed Won,,
EOF
)
	run --separate-stderr stagecheck --as-of 2026-06-01 -f json "$f"
	assert_failure 1
	assert_equal "$stderr" ""
	run jq -r 'select(.check == "next-step") | [.id, .severity, .message] | join("|")' <<<"$output"
	assert_output 'N2|warn|no Next Step
N3|warn|no Next Step Date
N4|warn|Next Step Date 2026-05-31 is past (as of 2026-06-01)
N5|warn|no Next Step; Next Step Date 2026-05-01 is past (as of 2026-06-01)'
	# HubSpot's names; only the column the file has is judged
	printf 'Record ID,Deal Stage,Next activity date\nH1,Discover,\nH2,Discover,2026-07-01\n' >"$BATS_TEST_TMPDIR/h.csv"
	run --separate-stderr stagecheck --as-of 2026-06-01 -f json "$BATS_TEST_TMPDIR/h.csv"
	run jq -r 'select(.check == "next-step") | [.id, .message] | join("|")' <<<"$output"
	assert_output 'H1|no Next activity date'
	# a date that is none is an error at its line
	sed -i 's/2026-06-10$/2026-06-31/' "$f"
	run --separate-stderr stagecheck --as-of 2026-06-01 "$f"
	assert_failure 2
	assert_equal "$stderr" "stagecheck: $f:2: Next Step Date \"2026-06-31\": no such day in that month"
}

# stage-ending: POC Active, max_days 30, warn_days 7 (as seed 004's
# model), entered per HubSpot's date-entered column; as of 2026-06-01:
#  W1 entered 2026-05-10: 22 days      -> none (30 - 7 = 23 not reached)
#  W2 2026-05-09: 23 days              -> ending, in 7 days
#  W3 2026-05-02: 30 days              -> ending, today
#  W4 2026-05-01: 31 days              -> stalled, not ending
#  W5 no date entered                  -> none: not known
@test "stage-ending: warn_days before max_days; stalled after" {
	f=$(mk w.csv <<'EOF'
Record ID,Deal Stage,"Date entered ""POC Active (Leads)"""
W1,POC Active,2026-05-10
W2,POC Active,2026-05-09
W3,POC Active,2026-05-02
W4,POC Active,2026-05-01
W5,POC Active,
EOF
)
	run --separate-stderr stagecheck -m seed004-leads --as-of 2026-06-01 -f json "$f"
	assert_success
	run jq -r 'select(.check == "stage-ending" or .check == "stalled") | [.id, .check, .message] | join("|")' <<<"$output"
	assert_output 'W2|stage-ending|23 days in POC Active: its limit of 30 is reached in 7 days
W3|stage-ending|30 days in POC Active: its limit of 30 is reached today
W4|stalled|31 days in POC Active (its limit is 30)'
}

@test "warn_days: a number from 1, below a max_days" {
	model_error '5: [stage A]: warn_days = 7 needs a max_days above it' <<'EOF'
[pipeline S]
[stage B]
probability = 5

[stage A]
probability = 10
warn_days = 7
EOF
	model_error '2: [stage A]: warn_days = 7 needs a max_days above it' <<'EOF'
[pipeline S]
[stage A]
probability = 10
max_days = 7
warn_days = 7
EOF
	model_error '4: warn_days = 0: expected a number of days from 1' <<'EOF'
[pipeline S]
[stage A]
probability = 10
warn_days = 0
EOF
}

# close-too-soon, as of 2026-06-01; typical days Qualified 10, Proposal
# 20, Negotiation 15; the stages to go are those after the deal's own,
# and what is left of its own when the date it entered it is known:
#  T1 Qualified, closes 2026-07-01: 30 days; Proposal 20 + Negotiation 15
#     = 35 > 30                          -> close-too-soon
#  T2 Qualified, closes 2026-07-06: 35 days, not under 35 -> none
#  T3 Proposal since 2026-05-27 (5 days: 15 of its 20 left), closes
#     2026-06-20: 19 days; 15 + 15 = 30 > 19 -> close-too-soon
#  T4 Proposal, entered when unknown, closes 2026-06-20: Negotiation 15
#     alone, under 19                    -> none
#  T5 Negotiation since 2026-05-01: 31 days, past its typical 15, nothing
#     after it: 0 to go                  -> none
#  T6 Qualified, closed 2026-05-01       -> past-close-date instead
#  T7 Won                                -> none
@test "close-too-soon: the close date leaves less than the stages to go typically take" {
	m=$(mk t.ini <<'EOF'
[pipeline S]
default = yes
[stage Qualified]
probability = 10
typical_days = 10
[stage Proposal]
probability = 50
typical_days = 20
[stage Negotiation]
probability = 80
typical_days = 15
[stage Won]
probability = 100
[stage Lost]
probability = 0
status = lost
EOF
)
	f=$(mk t.csv <<'EOF'
Record ID,Deal Stage,Close Date,"Date entered ""Proposal (S)""","Date entered ""Negotiation (S)"""
T1,Qualified,2026-07-01,,
T2,Qualified,2026-07-06,,
T3,Proposal,2026-06-20,2026-05-27,
T4,Proposal,2026-06-20,,
T5,Negotiation,2026-06-02,,2026-05-01
T6,Qualified,2026-05-01,,
T7,Won,2026-06-02,,
EOF
)
	run --separate-stderr stagecheck -m "$m" --as-of 2026-06-01 -f json "$f"
	assert_success
	run jq -r 'select(.check == "close-too-soon" or .check == "past-close-date") | [.id, .check, .message] | join("|")' <<<"$output"
	assert_output 'T1|close-too-soon|close date 2026-07-01 leaves 30 days; the stages to go typically take 35 (Proposal 20, Negotiation 15)
T3|close-too-soon|close date 2026-06-20 leaves 19 days; the stages to go typically take 30 (Proposal 15 left, Negotiation 15)
T6|past-close-date|close date 2026-05-01 is past (as of 2026-06-01) and the deal is still open'
	model_error '4: typical_days = 0: expected a number of days from 1' <<'EOF'
[pipeline S]
[stage A]
probability = 10
typical_days = 0
EOF
	model_error '5: [stage W] is closed: it has no typical_days' <<'EOF'
[pipeline S]
[stage A]
probability = 10

[stage W]
probability = 100
typical_days = 3
EOF
}

# seed 004's model: POC Active's 30-day engagement is still to run for a
# POC Candidate; as of 2026-06-01, closing 2026-06-21 leaves 20 < 30
@test "close-too-soon with seed 004's POC Active (30 days)" {
	f=$(mk p.csv <<'EOF'
Opportunity ID,Stage,Close Date
P1,POC Candidate,2026-06-21
P2,POC Candidate,2026-07-01
EOF
)
	run --separate-stderr stagecheck -m seed004-leads --as-of 2026-06-01 "$f"
	assert_success
	assert_output 'id,name,owner,stage,check,severity,message
P1,,,POC Candidate,close-too-soon,warn,close date 2026-06-21 leaves 20 days; the stages to go typically take 30 (POC Active 30)'
}

# Salesforce's Opportunity Field History, as of 2026-06-01 (the input's
# deals are open at Discover but F4; MEDDPICC findings left out):
#  F1 close date 3/31 -> 4/30 -> 6/30 -> 9/30: pushed 3 times (the
#     latest on 5/29, to 9/30)       -> pushed-often (3 >= 3);
#     champion Jane Doe -> Bob Roe   -> champion-changed
#  F2 6/30 -> 5/31 (pulled in: no push), 5/31 -> 9/30: 1 push -> none;
#     champion "" -> Jane Doe: a first one named, no change;
#     economic buyer Carl CFO -> ""  -> eb-changed, to none;
#     an Amount row: a field no check reads, said on stderr
#  F3 a Stage row (Opportunity Created -> Discover on 5/1: 31 days, over
#     Discover's 30)                 -> stalled, velocity at risk
#  F4 Closed Won, pushed 3 times     -> none: closed
field_history() {
	mk fh.csv <<'EOF'
Opportunity ID,Field / Event,Old Value,New Value,Edit Date,Edited By
F1,Close Date,3/31/2026,4/30/2026,3/20/2026,Ana
F1,Close Date,4/30/2026,6/30/2026,4/25/2026,Ana
F1,Close Date,6/30/2026,9/30/2026,5/29/2026,Ana
F1,Champion,Jane Doe,Bob Roe,5/2/2026,Ana
F2,Close Date,6/30/2026,5/31/2026,4/1/2026,Ben
F2,Close Date,5/31/2026,9/30/2026,5/1/2026,Ben
F2,Champion,,Jane Doe,2/1/2026,Ben
F2,Economic Buyer,Carl CFO,,5/10/2026,Ben
F2,Amount,100,200,5/10/2026,Ben
F3,Stage,Opportunity Created,Discover,5/1/2026,Ben
F4,Close Date,3/31/2026,4/30/2026,3/20/2026,Ana
F4,Close Date,4/30/2026,5/15/2026,4/20/2026,Ana
F4,Close Date,5/15/2026,5/30/2026,5/10/2026,Ana
EOF
}

@test "--history reads a field history: pushed-often, champion-changed, eb-changed" {
	f=$(mk opp.csv <<'EOF'
Opportunity ID,Stage,Close Date
F1,Discover,2026-09-30
F2,Discover,2026-09-30
F3,Discover,2026-09-30
F4,Closed Won,2026-05-30
EOF
)
	h=$(field_history)
	run --separate-stderr stagecheck --as-of 2026-06-01 --history "$h" -f json "$f"
	assert_failure 1
	assert_equal "$stderr" "stagecheck: $h: 1 field history row of fields no check reads (the first: Amount) not used"
	run jq -r 'select(.check != "missing-meddpicc") | [.id, .check, .message] | join("|")' <<<"$output"
	assert_output 'F1|pushed-often|close date pushed 3 times (the latest on 2026-05-29, to 2026-09-30)
F1|champion-changed|champion changed from Jane Doe to Bob Roe on 2026-05-02
F2|eb-changed|economic buyer changed from Carl CFO to none on 2026-05-10
F3|stalled|31 days in Discover (its limit is 30)
F3|velocity|at risk: stalled'
	# --pushed-often 4: F1's three pushes are not enough
	run --separate-stderr stagecheck --as-of 2026-06-01 --history "$h" --pushed-often 4 -f json "$f"
	run jq -r 'select(.check == "pushed-often") | .id' <<<"$output"
	assert_output ''
	run --separate-stderr stagecheck --pushed-often 0 "$f"
	assert_failure 2
	assert_equal "$stderr" "stagecheck: --pushed-often 0: expected a number of times from 1 to 1000"
	# a close date that is none: an error at its line
	sed -i 's#,4/30/2026,6/30/2026,#,4/30/2026,6/31/2026,#' "$h"
	run --separate-stderr stagecheck --as-of 2026-06-01 --history "$h" "$f"
	assert_failure 2
	assert_equal "$stderr" "stagecheck: $h:3: New Value \"6/31/2026\": no such day in that month"
}

# HubSpot's property history: no old values, rows in any order; in time
# order the close date goes 3/31 (Feb 1), 5/31 (Mar 15), 7/31 (May 20),
# 9/30 (May 30): three pushes; the champion Jane, Jane (no change), Bob
# (Apr 1); dealstage Discover since Feb 1: 120 days, stalled
@test "--history reads HubSpot's property history, in any order" {
	f=$(mk hs.csv <<'EOF'
Record ID,Deal Stage,Close Date
H1,Discover,2026-09-30
EOF
)
	h=$(mk hsh.csv <<'EOF'
Record ID,Property,Value,Timestamp
H1,closedate,2026-07-31,2026-05-20T10:00:00Z
H1,closedate,2026-03-31,2026-02-01T10:00:00Z
H1,closedate,2026-09-30,2026-05-30T10:00:00Z
H1,closedate,2026-05-31,2026-03-15T10:00:00Z
H1,champion,Jane,2026-02-01
H1,champion,Jane,2026-03-01
H1,champion,Bob,2026-04-01
H1,dealstage,Discover,2026-02-01
EOF
)
	run --separate-stderr stagecheck --as-of 2026-06-01 --history "$h" -f json "$f"
	assert_failure 1
	assert_equal "$stderr" ""
	run jq -r 'select(.check != "missing-meddpicc") | [.id, .check, .message] | join("|")' <<<"$output"
	assert_output 'H1|pushed-often|close date pushed 3 times (the latest on 2026-05-30, to 2026-09-30)
H1|champion-changed|champion changed from Jane to Bob on 2026-04-01
H1|stalled|120 days in Discover (its limit is 30)
H1|velocity|at risk: stalled'
}

# seed 003's Recovery, as of 2026-06-01 (built-in model; stage history):
#  R1 Discover -> PoC (3/1), back to Discover (4/1), PoC again (5/20):
#     12 days in PoC, under its 45    -> recovery (and still regressed)
#  R2 Discover -> PoC (3/1), back to Discover (5/15), no move since
#                                     -> at risk: moved back
#  R3 back (2/10), forward again (3/1), but 92 days in PoC, over 45
#                                     -> at risk: stalled
@test "velocity recovery: moved back, then forward again, not stalled" {
	f=$(mk r.csv <<'EOF'
Opportunity ID,Stage
R1,Proof of Concept
R2,Discover
R3,Proof of Concept
EOF
)
	h=$(mk rh.csv <<'EOF'
Opportunity ID,From Stage,To Stage,Last Modified
R1,Discover,Proof of Concept,2026-03-01
R1,Proof of Concept,Discover,2026-04-01
R1,Discover,Proof of Concept,2026-05-20
R2,Discover,Proof of Concept,2026-03-01
R2,Proof of Concept,Discover,2026-05-15
R3,Discover,Proof of Concept,2026-02-01
R3,Proof of Concept,Discover,2026-02-10
R3,Discover,Proof of Concept,2026-03-01
EOF
)
	run --separate-stderr stagecheck --as-of 2026-06-01 --history "$h" --annotate -f json "$f"
	assert_failure 1
	run jq -r '[."Opportunity ID", .velocity] | join("|")' <<<"$output"
	assert_output 'R1|recovery
R2|at risk
R3|at risk'
	run --separate-stderr stagecheck --as-of 2026-06-01 --history "$h" -f json "$f"
	run jq -r 'select(.check == "velocity") | [.id, .message] | join("|")' <<<"$output"
	assert_output 'R1|recovery: moved back from Proof of Concept to Discover, forward again on 2026-05-20
R2|at risk: moved back
R3|at risk: stalled'
}

# --renewals 90, as of 2026-06-01, built-in model (its Renewal pipeline:
# Renewal and Expansion; Open is its first stage); due = Contract End
# Date (the file has one):
#  R1 Renewal, Open, ends 2026-07-15: 44 days          -> listed, $120K
#  R2 Open, ends 2026-11-30: 182 days, past 90         -> not listed
#  R3 Qualification: under way                         -> not listed
#  R4 Open, ended 2026-05-20: overdue, -12; no amount  -> listed, arr empty
#  R5 New Business                                     -> not listed
#  R6 Open, no Contract End Date                       -> counted on stderr
#  R7 stage "Opn" the model does not know              -> counted on stderr
#  R8 Expansion, Open, ends 2026-08-30: 90 days, within -> listed
@test "--renewals DAYS: the renewal pipeline's first-stage deals due, with ARR" {
	f=$(mk rn.csv <<'EOF'
Opportunity ID,Opportunity Name,Account Name,Opportunity Owner,Type,Stage,Amount,Close Date,Contract End Date
R1,Acme renewal,Acme,Ana,Renewal,Open,"$120,000",2026-08-01,2026-07-15
R2,Beta renewal,Beta,Ben,Renewal,Open,80000,2026-12-01,2026-11-30
R3,Gamma renewal,Gamma,Ana,Renewal,Qualification,50000,2026-07-01,2026-06-20
R4,Delta renewal,Delta,Ben,Renewal,Open,,2026-06-01,2026-05-20
R5,Epsilon new,Epsilon,Ana,New Business,Opportunity Created,90000,2026-06-10,2026-06-10
R6,Zeta renewal,Zeta,Ben,Renewal,Open,30000,2026-06-30,
R7,Eta renewal,Eta,Ana,Renewal,Opn,30000,2026-06-30,2026-06-30
R8,Theta renewal,Theta,Ana,Expansion,Open,45000,2026-08-30,2026-08-30
EOF
)
	run --separate-stderr stagecheck --as-of 2026-06-01 --renewals 90 "$f"
	assert_success
	assert_equal "$stderr" "stagecheck: 1 renewal deal is at a stage the model does not know; not listed
stagecheck: 1 renewal has no Contract End Date; not listed"
	assert_output 'id,name,account,owner,stage,due,days,arr
R1,Acme renewal,Acme,Ana,Open,2026-07-15,44,120000.00
R4,Delta renewal,Delta,Ben,Open,2026-05-20,-12,
R8,Theta renewal,Theta,Ana,Open,2026-08-30,90,45000.00'
	# without a renewal date column, the close date is the due date:
	# R1 2026-08-01 (61 days), R2 2026-12-01 (183: no), R4 2026-06-01
	# (0), R6 2026-06-30 (29)
	printf '%s\n' 'Opportunity ID,Type,Stage,Close Date' 'R1,Renewal,Open,2026-08-01' \
	    'R2,Renewal,Open,2026-12-01' 'R4,Renewal,Open,2026-06-01' \
	    'R6,Renewal,Open,2026-06-30' >"$BATS_TEST_TMPDIR/c.csv"
	run --separate-stderr stagecheck --as-of 2026-06-01 --renewals 90 "$BATS_TEST_TMPDIR/c.csv"
	assert_success
	assert_output 'id,name,account,owner,stage,due,days,arr
R1,,,,Open,2026-08-01,61,
R4,,,,Open,2026-06-01,0,
R6,,,,Open,2026-06-30,29,'
}

# an accounts export: no stage, every row an account; as of 2026-06-01,
# 60 days: Acme 44 and Gamma 19 (6/20/2026, the US form) are listed, Beta
# (182) is not, Delta has no date (said)
@test "--renewals over an accounts export with a contract end date" {
	f=$(mk acc.csv <<'EOF'
Account Name,Account Owner,ARR,Contract End Date
Acme,Ana,"$120,000",2026-07-15
Beta,Ben,80000,2026-11-30
Gamma,Ana,50000,6/20/2026
Delta,Ben,,
EOF
)
	run --separate-stderr stagecheck --as-of 2026-06-01 --renewals 60 -c owner="Account Owner" "$f"
	assert_success
	assert_equal "$stderr" "stagecheck: 1 renewal has no Contract End Date; not listed"
	assert_output 'id,name,account,owner,stage,due,days,arr
,,Acme,Ana,,2026-07-15,44,120000.00
,,Gamma,Ana,,2026-06-20,19,50000.00'
}

@test "--renewals errors: a bad number, with --annotate, no date column, no renewal pipeline, a bad date" {
	f=$(mk e.csv <<'EOF'
Opportunity ID,Type,Stage,Amount
E1,Renewal,Open,100
EOF
)
	run --separate-stderr stagecheck --renewals x "$f"
	assert_failure 2
	assert_equal "$stderr" "stagecheck: --renewals x: expected a number of days from 0 to 3660"
	run --separate-stderr stagecheck --renewals 30 --annotate "$f"
	assert_failure 2
	assert_equal "$stderr" "stagecheck: --renewals lists renewals: it excludes --annotate and --summary"
	run --separate-stderr stagecheck --renewals 30 "$f"
	assert_failure 2
	assert_equal "$stderr" "stagecheck: $f:1: --renewals: no renewal date column (Renewal Date, Contract End Date, ...; or name it with -c renewal_date=HEADER), nor a close date"
	printf 'Opportunity ID,Type,Stage,Renewal Date\nE1,Renewal,Open,2026-02-30\n' >"$BATS_TEST_TMPDIR/b.csv"
	run --separate-stderr stagecheck --renewals 30 "$BATS_TEST_TMPDIR/b.csv"
	assert_failure 2
	assert_equal "$stderr" "stagecheck: $BATS_TEST_TMPDIR/b.csv:2: Renewal Date \"2026-02-30\": no such day in that month"
	m=$(mk m.ini <<'EOF'
[pipeline S]
[stage Open]
probability = 10
EOF
)
	run --separate-stderr stagecheck -m "$m" --renewals 30 "$BATS_TEST_TMPDIR/b.csv"
	assert_failure 2
	assert_equal "$stderr" "stagecheck: $m: --renewals: no pipeline of the model is the renewal pipeline (renewals = yes)"
}

@test "a gate's column that matches several headers is an error with a caret" {
	m=$(mk amb.ini <<'EOF'
[pipeline S]
[stage A]
probability = 10
gate = icp: "icp score" >= 5
EOF
)
	f=$(mk amb.csv <<'EOF'
Stage,ICP Score,ICP_Score
A,1,2
EOF
)
	run --separate-stderr stagecheck -m "$m" "$f"
	assert_failure 2
	assert_equal "$stderr" "stagecheck: $m:4:13: gate icp: several columns of $f match \"icp score\" (name one exactly)
  gate = icp: \"icp score\" >= 5
              ^"
}

# --summary formats no message (only the findings output shows them), yet
# counts every finding the findings output writes, check by check and
# owner: the same counts from both, at each severity, over inputs that
# raise every kind (gates, red flags, hygiene, stage and field history,
# HubSpot's date-entered columns)
same_counts() {
	local sev want
	for sev in info warn error; do
		run --separate-stderr stagecheck --severity "$sev" -f json "$@"
		[ "$status" -le 1 ] || fail "status $status: $stderr"
		[ -n "$output" ] || [ "$sev" = error ] || fail "no findings: $*"
		run jq -r '"\(.check)|\(.owner)"' <<<"$output"
		want=
		[ -z "$output" ] || want=$(sort <<<"$output" | uniq -c | sed 's/^ *//')
		run --separate-stderr stagecheck --severity "$sev" --summary -f json "$@"
		[ "$status" -le 1 ] || fail "status $status: $stderr"
		run jq -r 'select(.owner != "Total") | "\(.findings) \(.check)|\(.owner)"' <<<"$output"
		assert_equal "$(sort -k2 <<<"$output")" "$(sort -k2 <<<"$want")"
	done
}

@test "--summary counts what the findings output writes, check by check and owner" {
	same_counts --as-of 2026-06-01 --history "$DATA/gate-history.csv" "$DATA/gate.csv"
	same_counts --as-of 2026-06-01 -m "$MODELS/hubspot-default.ini" "$DATA/hubspot-entered.csv"
	same_counts --as-of 2026-06-01 -m "$MODELS/salesforce-default.ini" "$DATA/sf-api.csv"
	f=$(mk opp.csv <<'EOF'
Opportunity ID,Opportunity Owner,Stage,Close Date
F1,Ana,Discover,2026-09-30
F2,Ben,Discover,2026-05-30
F3,Ana,Discover,2026-06-02
F4,Ben,Closed Won,2026-05-30
EOF
)
	same_counts --as-of 2026-06-01 --history "$(field_history)" "$f"
}

# close-too-soon sums every stage to go, however long the list of them in
# the message: 30 open stages with names of 40 characters, 2 typical days
# each; a deal at the first, closing in 55 days, has 29 stages to go, 29 x
# 2 = 58 days > 55 (the message lists as many as its 512 bytes hold)
@test "close-too-soon counts every stage to go, however long their list" {
	local x i
	x=$(printf 'x%.0s' $(seq 36))
	m=$(mk long.ini <<'EOF'
[pipeline S]
default = yes
EOF
)
	for i in $(seq -w 1 30); do
		printf '[stage S%s %s]\nprobability = 10\ntypical_days = 2\n' \
		    "$i" "$x" >>"$m"
	done
	printf '[stage Won]\nprobability = 100\n[stage Lost]\nprobability = 0\nstatus = lost\n' >>"$m"
	f=$(mk long.csv <<EOF
Opportunity ID,Stage,Close Date
L1,S01 $x,2026-07-26
EOF
)
	run --separate-stderr stagecheck -m "$m" --as-of 2026-06-01 -f json "$f"
	assert_success
	run jq -r 'select(.check == "close-too-soon") | .message | split(" (")[0]' <<<"$output"
	assert_output 'close date 2026-07-26 leaves 55 days; the stages to go typically take 58'
	run stagecheck -m "$m" --as-of 2026-06-01 --summary "$f"
	assert_output 'check,severity,owner,findings
close-too-soon,warn,,1
close-too-soon,warn,Total,1'
}
