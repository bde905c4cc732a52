# tests/helper.bash - loaded by every tests/*.bats
load /usr/lib/bats/bats-support/load.bash
load /usr/lib/bats/bats-assert/load.bash

: "${BIN:?run the tests with make check}"
export LC_ALL=C TZ=UTC
DATA="$BATS_TEST_DIRNAME/data"
EXPECTED="$BATS_TEST_DIRNAME/expected"
EXAMPLES="$BATS_TEST_DIRNAME/../examples"
SPECTRUM="$DATA/csv-spectrum"

forecast() { "$BIN/forecast" "$@"; }
csvdump() { "$BIN/csvdump" "$@"; }

# a file in the test's own directory, from standard input
mk() { cat >"$BATS_TEST_TMPDIR/$1"; printf '%s' "$BATS_TEST_TMPDIR/$1"; }
