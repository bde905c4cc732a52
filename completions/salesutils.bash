# salesutils bash completion: the logic.  lib/mkcompletions.sh puts each
# program's option table (its --list-options) above this, as
# _salesutils_PROG, the installed share directory as _salesutils_share,
# the computed groups of -g and the relative periods of --period as
# _salesutils_groups and _salesutils_periods.

# The header names of a CSV/TSV file, one a line: a UTF-8 byte-order mark
# and Excel's "sep=;" line dropped, quotes as RFC 4180 writes them.
# $1 the file, $2 the delimiter ("" for the one a sep= line names, or ",").
_salesutils_headers()
{
	LC_ALL=C awk -v d="$2" '
@HEADERS_AWK@
	' "$1" 2>/dev/null
}

# the shipped models, rules or plans ($1) by the names -m, -r, -p take
_salesutils_shipped()
{
	local dir f n
	for dir in "${SALESUTILS_SHARE:-}" "$_salesutils_share"; do
		[ -n "$dir" ] && [ -d "$dir/$1" ] || continue
		for f in "$dir/$1"/*.ini; do
			[ -f "$f" ] || continue
			n=${f##*/}
			n=${n%.ini}
			printf '%s\n' "$n"
			case $n in *-default) printf '%s\n' "${n%-default}" ;; esac
		done
	done
}

_salesutils()
{
	local prog=${1##*/} table w prev pre val s i t n sh a c
	local opt="" delim="" csv="" skip=0
	local -a words cand roles
	local -A arg choices long
	eval "table=\${_salesutils_${prog}-}"
	[ -n "$table" ] || return 1
	# the table: what each option (by its long and short name) takes (a
	# tab is white space to read, and empty fields would merge: split at
	# a unit separator instead)
	while IFS=$'\037' read -r t n sh a c; do
		case $t in
		role) roles+=("$n") ;;
		option)
			[ -n "$sh" ] && arg[$sh]=$a choices[$sh]=$c long[$sh]=$n
			arg[$n]=$a choices[$n]=$c ;;
		esac
	done <<<"${table//$'\t'/$'\037'}"

	# our own words: bash splits at = and :, which ROLE=HEADER and
	# --format=json hold
	# (read without -r: "Close\ Date" is one word, unescaped)
	read -a words <<<"${COMP_LINE:0:COMP_POINT}"
	[[ ${COMP_LINE:0:COMP_POINT} == *[[:space:]] &&
	    ${COMP_LINE:0:COMP_POINT} != *\\[[:space:]] ]] && words+=("")
	w=${words[${#words[@]} - 1]}
	prev=""
	[ ${#words[@]} -gt 2 ] && prev=${words[${#words[@]} - 2]}
	val=$w
	if [[ $w == --*=* ]]; then
		opt=${w%%=*} val=${w#*=}
	elif [[ $prev == -* ]] && [ -n "${arg[$prev]-}" ]; then
		opt=$prev
	fi
	[ -n "$opt" ] && [ -n "${long[$opt]-}" ] && opt=${long[$opt]}

	# the delimiter, and the first file on the line that is not an
	# option's argument (-g and -c complete its header names)
	read -a words <<<"$COMP_LINE"
	for ((i = 1; i < ${#words[@]}; i++)); do
		a=${words[i]}
		if [ "$skip" = 1 ]; then
			skip=0
			case ${words[i - 1]} in -d|--delimiter) delim=$a ;; esac
		elif [ "$a" = -t ] || [ "$a" = --tsv ]; then
			delim=tab
		elif [[ $a == --delimiter=* ]]; then
			delim=${a#*=}
		elif [[ $a == -?* ]]; then
			[ -n "${arg[$a]-}" ] && skip=1
		elif [ -z "$csv" ] && [ -f "$a" ]; then
			csv=$a
		fi
	done
	case $delim in tab|'\t') delim=$'\t' ;; esac

	COMPREPLY=()
	if [ -z "$opt" ]; then
		if [[ $w == -* ]]; then
			mapfile -t COMPREPLY < <(compgen -W "${!arg[*]}" -- "$w" |
			    LC_ALL=C sort)
		else
			mapfile -t COMPREPLY < <(compgen -f -- "$w")
			compopt -o filenames 2>/dev/null
		fi
		return 0
	fi

	pre=""
	case $opt in
	--model|--rules|--plans)
		case $opt in
		--model) t=models ;; --rules) t=rules ;; *) t=plans ;;
		esac
		mapfile -t COMPREPLY < <(compgen -W \
		    "$(_salesutils_shipped "$t" | LC_ALL=C sort -u)" -- "$val"
		    compgen -f -- "$val")
		compopt -o filenames 2>/dev/null
		return 0 ;;
	--group-by)
		# COL,...: the list so far stays, the last name completes
		[[ $val == *,* ]] && pre=${val%,*},
		val=${val##*,}
		read -ra cand <<<"$_salesutils_groups"
		cand+=("${roles[@]}")
		[ -n "$csv" ] && mapfile -t -O ${#cand[@]} cand < \
		    <(_salesutils_headers "$csv" "$delim") ;;
	--column)
		if [[ $val == *=* ]]; then
			pre=${val%%=*}= val=${val#*=}
			[ -n "$csv" ] && mapfile -t cand < \
			    <(_salesutils_headers "$csv" "$delim")
		else
			for n in "${roles[@]}"; do cand+=("$n="); done
			compopt -o nospace 2>/dev/null
		fi ;;
	*)
		if [ -n "${choices[$opt]}" ]; then
			read -ra cand <<<"${choices[$opt]}"
		elif [ "${arg[$opt]}" = P ]; then
			read -ra cand <<<"$_salesutils_periods"
		elif [[ ${arg[$opt]} == *FILE* ]]; then
			mapfile -t COMPREPLY < <(compgen -f -- "$val")
			compopt -o filenames 2>/dev/null
			return 0
		else
			return 0 # a date, an amount: nothing to offer
		fi ;;
	esac
	# bash puts in place only what follows the last = or : of the word
	[[ $w == --*=* ]] && pre=${w%%=*}=$pre
	s=${pre##*[=:]}
	for n in "${cand[@]}"; do
		[[ $n == "$val"* ]] || continue
		n=$(printf '%q' "$s$n")
		n=${n//\\=/=}
		COMPREPLY+=("${n//\\,/,}")
	done
	return 0
}
