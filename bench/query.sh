#!/bin/sh
# Registry search benchmark (issue 2): three filters on 100,000 institutions, in-process, with the
# query plan and two anchors measured in the same run. Usage: bench/query.sh BUILD_DIR
set -eu
build=${1:-build}
"$build/bench/query_bench" 100000
