#!/bin/sh
# tests/bare-debian.sh [DIR] - prove that the README's first two commands
# work on a bare Debian 12: make a minbase bookworm chroot with debootstrap
# in DIR (default /tmp/salesutils-bare-debian), install only make in it, clone this
# repository (its committed HEAD, with no ../shared beside it) into it, then
# run `make demo` and `make check` inside, as root, as a new user would.
# Prints the time of each step.  Needs root, debootstrap and the network to
# a Debian mirror (MIRROR, default deb.debian.org).  Not part of make check.
set -eu
cd "$(dirname "$0")/.."
repo=$(pwd)
root=${1:-${TMPDIR:-/tmp}/salesutils-bare-debian}
mirror=${MIRROR:-http://deb.debian.org/debian}

[ "$(id -u)" = 0 ] || { echo "bare-debian.sh: run as root (chroot, mount)" >&2; exit 2; }
command -v debootstrap >/dev/null 2>&1 ||
	{ echo "bare-debian.sh: needs debootstrap (apt-get install debootstrap)" >&2; exit 2; }

step() { # step NAME COMMAND...: run it, say how long it took, keep its status
	name=$1; shift
	t0=$(date +%s)
	rc=0
	"$@" || rc=$?
	echo "bare-debian: $name: $(($(date +%s) - t0)) s" >&2
	return $rc
}
mounted=""
cleanup() {
	for m in ${mounted:-dev/pts dev proc}; do umount -l "$root/$m" 2>/dev/null || :; done
}
trap cleanup EXIT INT TERM

# never remove a tree with /dev or /proc still bound into it
cleanup
if grep -q " $root/" /proc/mounts; then
	echo "bare-debian.sh: something is still mounted under $root; not removing it" >&2
	exit 2
fi
rm -rf "$root"
mkdir -p "$root"
step debootstrap debootstrap --variant=minbase bookworm "$root" "$mirror" >/dev/null
for m in proc dev dev/pts; do
	mount --bind "/$m" "$root/$m"
	mounted="$m $mounted"
done
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || :

in_root() { chroot "$root" /usr/bin/env -i HOME=/root PATH=/usr/sbin:/usr/bin:/sbin:/bin TERM=dumb "$@"; }
step "apt-get install make" in_root sh -c \
	'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq make >/dev/null'
# the committed HEAD, cloned the way a user would (here from outside: a
# bare image has no git, and the user's clone is the same files)
git clone -q "$repo" "$root/root/salesutils"
echo "bare-debian: cloned $(git -C "$root/root/salesutils" rev-parse --short HEAD); no ../shared beside it" >&2
step "make demo" in_root sh -c 'cd /root/salesutils && make demo' >"$root/demo.out" 2>&1 ||
	{ tail -n 30 "$root/demo.out"; echo "bare-debian: make demo failed" >&2; exit 1; }
tail -n 3 "$root/demo.out"
step "make check" in_root sh -c 'cd /root/salesutils && make check' >"$root/check.out" 2>&1 ||
	{ grep -v '^ok ' "$root/check.out" | tail -n 40; echo "bare-debian: make check failed" >&2; exit 1; }
tail -n 1 "$root/check.out"
echo "bare-debian: passed (logs in $root/demo.out, $root/check.out)" >&2
