#!/bin/sh
# Runs every unit-test binary of a build directory; fails when one fails, or when there are fewer
# binaries than tests/unit/test_*.c sources (a test that was not built must not pass silently).
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
want=$(ls "$root"/tests/unit/test_*.c | wc -l)
fail=0 ran=0
for src in "$root"/tests/unit/test_*.c; do
	t="$build/tests/$(basename "$src" .c)"
	if [ ! -x "$t" ]; then
		echo "FAIL: $t was not built"
		fail=1
		continue
	fi
	ran=$((ran + 1))
	if ! "$t"; then
		echo "FAIL: $t"
		fail=1
	fi
done
echo "unit tests: $ran of $want binaries ran"
exit $fail
