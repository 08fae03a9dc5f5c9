#!/bin/sh
# Runs every unit-test binary of a build directory; fails when one fails.
set -u
build=${1:-build}
fail=0
for t in "$build"/tests/test_*; do
	[ -x "$t" ] || continue
	if ! "$t"; then
		echo "FAIL: $t"
		fail=1
	fi
done
exit $fail
