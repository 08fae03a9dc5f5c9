#!/bin/sh
# `make bench`: runs every benchmark script bench/*.sh (except this one) with the build directory.
# Each prints its figures beside an anchor measured in the same run; record them in
# docs/benchmarks.md. Usage: bench/run.sh [BUILD_DIR]
set -u
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
status=0
for s in "$here"/*.sh; do
	[ "$(basename "$s")" = run.sh ] && continue
	echo "== bench/$(basename "$s")"
	sh "$s" "$build" || status=1
done
exit $status
