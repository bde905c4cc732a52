#!/usr/bin/env bats
# Shell completions (bash, zsh, fish), generated at build time by
# lib/mkcompletions.sh from each program's --list-options: option names,
# choice values, shipped model names, header names of the file on the line

bats_require_minimum_version 1.5.0
load helper

COMP="$BIN/../completions"
PROGS="forecast stagecheck cyclestat mqlqualify commission"

# what bash completes for the line BEFORE, the cursor after it (AFTER, if
# given, follows on the line): the candidates, one a line, in examples/
bashcomp() {
	(cd "$EXAMPLES" && SALESUTILS_SHARE=$EXAMPLES bash -c '
		source "$1"
		COMP_LINE="$2${3:+ $3}" COMP_POINT=${#2}
		read -ra COMP_WORDS <<<"$2"
		[[ $2 == *" " ]] && COMP_WORDS+=("")
		COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
		_salesutils "${COMP_WORDS[0]}" "${COMP_WORDS[COMP_CWORD]}" \
		    "${COMP_WORDS[COMP_CWORD - 1]}"
		printf "%s\n" "${COMPREPLY[@]}" | LC_ALL=C sort' \
	    bash "$COMP/bash/salesutils" "$@")
}

@test "--list-options: the option table getopt_long is given, with choices and roles" {
	run --separate-stderr "$BIN/forecast" --list-options
	assert_success
	assert_equal "$stderr" ""
	assert_line "$(printf 'option\t--group-by\t-g\tCOL,...\t')"
	assert_line "$(printf 'option\t--weight-by\t\tcategory|probability\tcategory probability')"
	assert_line "$(printf 'option\t--format\t-f\tFMT\tcsv tsv json table xlsx')"
	assert_line "$(printf 'option\t--tsv\t-t\t\t')"
	assert_line "$(printf 'option\t--progress\t\t\t')"
	assert_line "$(printf 'role\tamount')"
	run "$BIN/stagecheck" --list-options
	assert_line "$(printf 'option\t--severity\t\tLEVEL\terror warn info')"
	# every long option --help shows is in the table, for every program
	for p in $PROGS; do
		table=$("$BIN/$p" --list-options)
		for opt in $("$BIN/$p" --help | grep -o -- '--[a-z][a-z-]*' | sort -u); do
			[[ $table == *$'\t'"$opt"$'\t'* ]] || fail "$p: $opt not in --list-options"
		done
	done
}

@test "bash: complete -p after sourcing names every program" {
	run bash -c 'source "$1"; for p in forecast stagecheck cyclestat mqlqualify commission; do complete -p $p; done' bash "$COMP/bash/salesutils"
	assert_success
	assert_output "complete -F _salesutils forecast
complete -F _salesutils stagecheck
complete -F _salesutils cyclestat
complete -F _salesutils mqlqualify
complete -F _salesutils commission"
}

@test "bash: option names" {
	run bashcomp "forecast --wei"
	assert_output $'--weight-by\n--weights'
	run bashcomp "stagecheck --sev"
	assert_output '--severity'
	# the common options too, and short ones
	run bashcomp "cyclestat --fisc"
	assert_output '--fiscal-year-start'
	run bashcomp "forecast -"
	assert_line -- '-g'
	assert_line -- '--list-options'
}

@test "bash: choice values, as the program checks them" {
	run bashcomp "forecast --format "
	assert_output $'csv\njson\ntable\ntsv\nxlsx'
	run bashcomp "forecast -f j"
	assert_output 'json'
	run bashcomp "forecast --format=t"
	assert_output $'table\ntsv'
	run bashcomp "forecast --weight-by "
	assert_output $'category\nprobability'
	run bashcomp "stagecheck --severity w"
	assert_output 'warn'
	run bashcomp "mqlqualify --only "
	assert_output $'disqualified\ninvalid\nnurture\nsql'
	run bashcomp "cyclestat --date-format "
	assert_output $'dmy\nmdy'
	# relative periods; an option whose value is free text offers nothing
	run bashcomp "forecast --period last-"
	assert_output $'last-month\nlast-quarter\nlast-week'
	run bashcomp "forecast --as-of "
	assert_output ''
}

@test "bash: -m, -r, -p offer the shipped names, then files" {
	run bashcomp "stagecheck -m sales"
	assert_output $'salesforce\nsalesforce-default\nsalesforce-opportunities.csv'
	run bashcomp "forecast --model hub"
	assert_output $'hubspot\nhubspot-deals.csv\nhubspot-default\nhubspot-leads-outcomes.csv\nhubspot-leads.csv'
	run bashcomp "mqlqualify -r seed"
	assert_output $'seed000-icp\nseed000-q2.csv'
	run bashcomp "commission -p seed000"
	assert_output $'seed000\nseed000-q2.csv'
	# commission's -r is its roster: files only
	run bashcomp "commission -r plans/r"
	assert_output 'plans/roster.csv'
}

@test "bash: -g and -c complete the header names of the CSV on the line" {
	run bashcomp "forecast salesforce-opportunities.csv -g Opportunity\\ "
	assert_output $'Opportunity\\ ID\nOpportunity\\ Name\nOpportunity\\ Owner'
	# the file may come after the cursor; a list keeps what is typed
	run bashcomp "forecast -g owner,Cl" "salesforce-opportunities.csv"
	assert_output 'owner,Close\ Date'
	# roles and the computed groups
	run bashcomp "forecast -g fis"
	assert_output 'fiscal_year'
	run bashcomp "forecast -g own"
	assert_output 'owner'
	run bashcomp "forecast -c clo"
	assert_output 'close_date='
	# bash puts in place what follows the =
	run bashcomp "forecast -c amount=Deal\\ " "hubspot-deals.csv"
	assert_output $'Deal\\ Name\nDeal\\ Stage\nDeal\\ Type\nDeal\\ owner\nDeal\\ probability'
}

@test "bash: headers of a TSV (-t), with a BOM, quotes and a sep= line" {
	cd "$BATS_TEST_TMPDIR"
	printf '\357\273\277Owner\tClose Date\tAmount\nana\t2026-01-01\t5\n' >t.tsv
	printf 'sep=;\r\n"Deal ""A""";"x;y";Stage\r\n' >s.csv
	run bash -c 'source "$1"; _salesutils_headers t.tsv "$(printf "\t")"; _salesutils_headers s.csv ""' bash "$COMP/bash/salesutils"
	assert_output 'Owner
Close Date
Amount
Deal "A"
x;y
Stage'
}

@test "fish: options, values, models and headers" {
	command -v fish >/dev/null || skip "no fish (apt-get install fish)"
	cd "$EXAMPLES"
	f="source $COMP/fish/forecast.fish; source $COMP/fish/stagecheck.fish"
	run env SALESUTILS_SHARE="$EXAMPLES" fish -c "$f; complete -C 'forecast --format '"
	assert_output $'csv\njson\ntable\ntsv\nxlsx'
	run env SALESUTILS_SHARE="$EXAMPLES" fish -c "$f; complete -C 'stagecheck -m salesforce-'"
	assert_output $'salesforce-default\nsalesforce-opportunities.csv'
	run env SALESUTILS_SHARE="$EXAMPLES" fish -c "$f; complete -C 'forecast salesforce-opportunities.csv -g owner,Cl'"
	assert_output 'owner,Close Date'
	run env SALESUTILS_SHARE="$EXAMPLES" fish -c "$f; complete -C 'forecast -c clo'"
	assert_output 'close_date='
}

@test "zsh: the completion loads and completes in an interactive shell" {
	command -v zsh >/dev/null || skip "no zsh (apt-get install zsh)"
	d=$BATS_TEST_TMPDIR/zsh
	mkdir -p "$d"
	cp "$COMP/zsh/_salesutils" "$d/"
	# a line typed into an interactive zsh, Tab, then " END" and Return:
	# the line as zsh completed it
	cat >"$d/t.zsh" <<'EOF2'
zmodload zsh/zpty
zpty z env PATH=$PATH HOME=$2 TERM=dumb zsh -f -i
zpty -w z "PS1='READY> '; fpath=($2 \$fpath); autoload -U compinit; compinit -u -D"
zpty -r z x '*READY> *'
zpty -r z x '*READY> *'
zpty -n -w z $1$'\t'
sleep 1
zpty -n -w z $'\C-e END\n'
zpty -r z out '*END*'
print -r -- "$out" | tr -d '\r\b' | sed 's/.*READY> //' | tail -1
zpty -d z
EOF2
	cd "$EXAMPLES"
	PATH="$BIN:$PATH" run timeout 20 zsh -f "$d/t.zsh" 'forecast --format j' "$d"
	assert_output --regexp 'forecast --format json +END'
	PATH="$BIN:$PATH" run timeout 20 zsh -f "$d/t.zsh" 'forecast salesforce-opportunities.csv -g owner,Opportunity\ O' "$d"
	assert_output --regexp 'forecast salesforce-opportunities.csv -g owner,Opportunity\\ Owner,? +END'
	PATH="$BIN:$PATH" run timeout 20 zsh -f "$d/t.zsh" 'forecast --period last-q' "$d"
	assert_output --regexp 'forecast --period last-quarter +END'
}

@test "make install puts the completions where each shell looks" {
	d=$BATS_TEST_TMPDIR/dest
	run make -s -C "$BATS_TEST_DIRNAME/.." install DESTDIR="$d"
	assert_success
	for p in $PROGS; do
		[ -f "$d/usr/local/share/bash-completion/completions/$p" ] || fail "no bash completion for $p"
		[ -f "$d/usr/local/share/fish/vendor_completions.d/$p.fish" ] || fail "no fish completion for $p"
	done
	[ -f "$d/usr/local/share/zsh/site-functions/_salesutils" ] || fail "no zsh completion"
	# it names the installed share directory
	grep -qx "_salesutils_share='/usr/local/share/salesutils'" "$d/usr/local/share/bash-completion/completions/forecast"
	run make -s -C "$BATS_TEST_DIRNAME/.." uninstall DESTDIR="$d"
	assert_success
	[ -z "$(find "$d" -type f)" ] || fail "uninstall left $(find "$d" -type f)"
}
