#!/usr/bin/env bats
# The Debian package: make deb (dpkg-buildpackage -us -uc -b in a copy of
# the tree) builds salesutils_VERSION_ARCH.deb, lintian finds no error, and
# the package unpacked with dpkg -x into a temporary root runs: every
# program's --version, and the examples it ships.

bats_require_minimum_version 1.5.0
load helper

ROOT="$BATS_TEST_DIRNAME/.."
PROGS="forecast stagecheck cyclestat mqlqualify commission"

setup_file() {
	command -v dpkg-buildpackage >/dev/null && command -v dh >/dev/null ||
		return 0
	make -s -C "$ROOT" deb >"$BATS_FILE_TMPDIR/deb.log" 2>&1 ||
		echo failed >"$BATS_FILE_TMPDIR/deb.failed"
	VERSION=$(make -s -C "$ROOT" print-version)
	ARCH=$(dpkg --print-architecture)
	export VERSION ARCH
	export DEB="$ROOT/build/deb/salesutils_${VERSION}_$ARCH.deb"
	dpkg -x "$DEB" "$BATS_FILE_TMPDIR/root" 2>/dev/null || true
}

setup() {
	command -v dpkg-buildpackage >/dev/null && command -v dh >/dev/null ||
		skip "no dpkg-dev and debhelper (apt-get install dpkg-dev debhelper)"
	[ ! -e "$BATS_FILE_TMPDIR/deb.failed" ] ||
		fail "make deb failed: $(tail -20 "$BATS_FILE_TMPDIR/deb.log")"
	R=$BATS_FILE_TMPDIR/root
}

@test "make deb builds salesutils_VERSION_ARCH.deb, its version the Makefile's" {
	[ -f "$DEB" ] || fail "no $DEB"
	run dpkg-deb -f "$DEB" Package Version Architecture
	assert_output "Package: salesutils
Version: $VERSION
Architecture: $ARCH"
	# the changelog is checked against the Makefile
	run make -s -C "$ROOT" deb VERSION=9.9.9
	assert_failure
	assert_output --partial "debian/changelog is at $VERSION, the Makefile at 9.9.9: add an entry (dch -v 9.9.9)"
}

@test "lintian reports no error" {
	command -v lintian >/dev/null || skip "no lintian (apt-get install lintian)"
	run lintian "$DEB"
	assert_success
	refute_line --regexp '^E: '
}

@test "the package holds the programs, man pages, shipped files, completions and examples" {
	for p in $PROGS; do
		[ -x "$R/usr/bin/$p" ] || fail "no /usr/bin/$p"
		[ -f "$R/usr/share/man/man1/$p.1.gz" ] || fail "no $p.1"
		[ -f "$R/usr/share/bash-completion/completions/$p" ] || fail "no bash completion for $p"
		[ -f "$R/usr/share/fish/vendor_completions.d/$p.fish" ] || fail "no fish completion for $p"
	done
	[ -f "$R/usr/share/zsh/vendor-completions/_salesutils" ] || fail "no zsh completion"
	for f in models/salesforce-default.ini models/seed003.ini rules/default.ini \
	    rules/seed000-icp.ini plans/seed000.ini plans/quarterly.ini; do
		[ -f "$R/usr/share/salesutils/$f" ] || fail "no /usr/share/salesutils/$f"
	done
	for f in salesforce-opportunities.csv seed000-q2.csv plans/seed000-roster.csv sheet2csv.py; do
		[ -f "$R/usr/share/doc/salesutils/examples/$f" ] || fail "no examples/$f"
	done
	[ -f "$R/usr/share/man/man7/salesutils.7.gz" ] || fail "no salesutils.7"
	# the completions name the installed share directory
	grep -qx "_salesutils_share='/usr/share/salesutils'" "$R/usr/share/bash-completion/completions/forecast"
}

@test "the version comes from the Makefile everywhere: --version, man pages" {
	for p in $PROGS; do
		run "$R/usr/bin/$p" --version
		assert_success
		assert_output "$p (salesutils) $VERSION"
	done
	for m in "$R"/usr/share/man/man*/*.gz; do
		zcat "$m" | head -n 1 | grep -q "\"salesutils $VERSION\"" ||
			fail "${m##*/}: $(zcat "$m" | head -n 1)"
	done
}

@test "the unpacked programs run the shipped examples" {
	ex=$R/usr/share/doc/salesutils/examples
	export SALESUTILS_SHARE=$R/usr/share/salesutils
	cd "$ex"
	# seed 000's Q2 2026: 20 deals, $1.95M, weighted $1.27M
	run --separate-stderr "$R/usr/bin/forecast" --period 2026-Q2 seed000-q2.csv
	assert_success
	assert_line 'Total,20,1950000.00,0.6513,1270000.00'
	# a model found by name in the package's share directory
	run --separate-stderr "$R/usr/bin/stagecheck" -m salesforce --summary salesforce-opportunities.csv
	assert_success
	assert_line --index 0 'check,severity,owner,findings'
	run --separate-stderr "$R/usr/bin/mqlqualify" -r seed000-icp --summary hubspot-leads.csv
	assert_success
	run --separate-stderr "$R/usr/bin/cyclestat" salesforce-opportunities.csv -m salesforce
	assert_success
	run --separate-stderr "$R/usr/bin/commission" -p seed000 -r plans/seed000-roster.csv --activities plans/meetings.csv --as-of 2026-12-31 plans/seed000-bookings.csv
	assert_success
	assert_line --index 1 'Ana,AE-retro,FY2026,1500000.00,1800000.00,1.2000,180000.00,0.00,180000.00,180000.00,0.00,0.00,0.00,0.00,120000.00,300000.00'
	# the completion, sourced from the package, completes
	run bash -c 'source "$1"; complete -p forecast' bash "$R/usr/share/bash-completion/completions/forecast"
	assert_output 'complete -F _salesutils forecast'
}
