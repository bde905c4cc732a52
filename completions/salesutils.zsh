# salesutils zsh completion: the logic.  lib/mkcompletions.sh puts each
# program's option table (its --list-options) above this, as
# _salesutils_PROG, the installed share directory as _salesutils_share,
# the computed groups of -g and the relative periods of --period as
# _salesutils_groups and _salesutils_periods.

_salesutils_headers() {
	LC_ALL=C awk -v d="$2" '
@HEADERS_AWK@
	' "$1" 2>/dev/null
}

_salesutils_shipped() {
	local dir f n
	local -a names
	for dir in "${SALESUTILS_SHARE:-}" "$_salesutils_share"; do
		[[ -n $dir && -d $dir/$1 ]] || continue
		for f in "$dir/$1"/*.ini(N); do
			n=${${f:t}%.ini}
			names+=("$n")
			[[ $n == *-default ]] && names+=("${n%-default}")
		done
	done
	compadd -a names
	_files
}

# the first file operand on the line, and the delimiter (-t, -d)
_salesutils_file() {
	local i a skip=0
	REPLY="" reply_delim=""
	for ((i = 2; i <= $#words; i++)); do
		a=$words[i]
		if (( skip )); then
			skip=0
			[[ $words[i-1] == (-d|--delimiter) ]] && reply_delim=$a
		elif [[ $a == (-t|--tsv) ]]; then
			reply_delim=tab
		elif [[ $a == --delimiter=* ]]; then
			reply_delim=${a#*=}
		elif [[ $a == -?* ]]; then
			[[ -n ${_salesutils_arg[$a]} ]] && skip=1
		elif [[ -z $REPLY && $i != $CURRENT && -f $a ]]; then
			REPLY=$a
		fi
	done
	[[ $reply_delim == (tab|\\t) ]] && reply_delim=$'\t'
}

_salesutils_group_by() {
	local REPLY reply_delim
	local -a names
	_salesutils_file
	names=($_salesutils_groups $_salesutils_roles)
	[[ -n $REPLY ]] && names+=("${(@f)$(_salesutils_headers $REPLY "$reply_delim")}")
	# COL,...: the list so far stays, the last name completes
	compset -P '*,'
	compadd -q -S , -a names
}

_salesutils_columns() {
	local REPLY reply_delim
	local -a names
	if compset -P '*='; then
		_salesutils_file
		[[ -n $REPLY ]] && names=("${(@f)$(_salesutils_headers $REPLY "$reply_delim")}")
		compadd -a names
	else
		compadd -S = -a _salesutils_roles
	fi
}

_salesutils() {
	local table line t n s a c act
	local -a f specs _salesutils_roles
	local -A _salesutils_arg
	table=${(P)${:-_salesutils_${words[1]:t}}}
	[[ -n $table ]] || return 1
	for line in "${(@f)table}"; do
		f=("${(@ps:\t:)line}")
		t=$f[1] n=$f[2] s=$f[3] a=$f[4] c=$f[5]
		if [[ $t == role ]]; then
			_salesutils_roles+=("$n")
			continue
		fi
		if [[ -z $a ]]; then
			specs+=("$n")
			[[ -n $s ]] && specs+=("$s")
			continue
		fi
		_salesutils_arg[$n]=$a
		[[ -n $s ]] && _salesutils_arg[$s]=$a
		if [[ -n $c ]]; then
			act="($c)"
		else
			case $n in
			--model) act="_salesutils_shipped models" ;;
			--rules) act="_salesutils_shipped rules" ;;
			--plans) act="_salesutils_shipped plans" ;;
			--group-by) act=_salesutils_group_by ;;
			--column) act=_salesutils_columns ;;
			*)
				if [[ $a == P ]]; then
					act="($_salesutils_periods)"
				elif [[ $a == *FILE* ]]; then
					act=_files
				else
					act=" "
				fi ;;
			esac
		fi
		specs+=("$n=:${a//:/\\:}:$act")
		[[ -n $s ]] && specs+=("$s+:${a//:/\\:}:$act")
	done
	_arguments -S $specs '*:file:_files'
}

_salesutils "$@"
