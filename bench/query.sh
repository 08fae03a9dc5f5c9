#!/bin/sh
# Registry search benchmark (issue 2): three filters on 100,000 institutions, in-process, with the
# query plan and two anchors measured in the same run. Usage: bench/query.sh BUILD_DIR
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
# Built here too, so that bench/run.sh works without `make bench` having built it first.
make --no-print-directory -s BUILD="$build" "$build/bench/query_bench"
"$build/bench/query_bench" 100000
