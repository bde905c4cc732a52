# salesutils fish completion: the helpers.  lib/mkcompletions.sh puts the
# share directory above and one "complete" line per option below, from
# the program's --list-options.

function __salesutils_headers
	LC_ALL=C awk -v d="$argv[2]" '
@HEADERS_AWK@
	' $argv[1] 2>/dev/null
end

function __salesutils_shipped
	for dir in $SALESUTILS_SHARE $_salesutils_share
		test -d $dir/$argv[1]; or continue
		for f in $dir/$argv[1]/*.ini
			set -l n (basename $f .ini)
			echo $n
			string match -q -- '*-default' $n; and string replace -- -default '' $n
		end
	end
end

# the first file operand on the line of program $argv[1], then the
# delimiter (-t, -d)
function __salesutils_file
	set -l takes _salesutils_argopts_$argv[1]
	set -l delim ''
	set -l file ''
	set -l prev ''
	for a in (commandline -opc)[2..-1]
		if contains -- "$prev" $$takes
			contains -- "$prev" -d --delimiter; and set delim $a
			set prev ''
			continue
		end
		switch $a
			case -t --tsv
				set delim tab
			case '--delimiter=*'
				set delim (string replace -- --delimiter= '' $a)
			case '-?*'
			case '*'
				test -z "$file" -a -f "$a"; and set file $a
		end
		set prev $a
	end
	echo $file
	switch $delim
		case tab '\t'
			printf '\t\n'
		case '*'
			echo $delim
	end
end

function __salesutils_groups
	set -l fd (__salesutils_file $argv[1])
	set -l tok (commandline -ct)
	set -l pre (string match -r '^.*,' -- $tok)
	set -l v _salesutils_roles_$argv[1]
	set -l names $_salesutils_groups $$v
	test -n "$fd[1]"; and set -a names (__salesutils_headers $fd[1] "$fd[2]")
	for n in $names
		echo "$pre$n"
	end
end

function __salesutils_columns
	set -l fd (__salesutils_file $argv[1])
	set -l tok (commandline -ct)
	if string match -q -- '*=*' $tok
		set -l pre (string replace -r '=.*' '=' -- $tok)
		test -n "$fd[1]"; or return
		for n in (__salesutils_headers $fd[1] "$fd[2]")
			echo "$pre$n"
		end
	else
		set -l v _salesutils_roles_$argv[1]
		for n in $$v
			echo "$n="
		end
	end
end

