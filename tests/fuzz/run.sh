#!/bin/sh
# Builds the libFuzzer harnesses (clang, -fsanitize=fuzzer,address,undefined) into build-fuzz/ and
# runs each for SECONDS (default 5) on its committed corpus tests/fuzz/corpus/<harness>/; new
# inputs go to build-fuzz/corpus/<harness>/ (copy interesting ones into the repo by hand).
# Prints executions per harness; fails on any crash, leak, timeout or sanitizer report.
#   tests/fuzz/run.sh 5      short run (make check)
#   tests/fuzz/run.sh 300    long run (make fuzz); results go in docs/fuzzing.md
set -eu
secs=${1:-5}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
B=build-fuzz
FZ="-O1 -g -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer"
make --no-print-directory -j2 BUILD=$B CC=clang CFLAGS="$FZ" $B/libzaitaku.a >/dev/null
PKGS="libmicrohttpd jansson sqlite3 libpq libsodium liboath libzip libxml-2.0 xlsxwriter pangocairo libqrencode libical"
mkdir -p $B/fuzz
status=0
for src in tests/fuzz/fuzz_*.c; do
	name=$(basename "$src" .c)
	h=${name#fuzz_}
	bin=$B/fuzz/$name
	if [ ! -x "$bin" ] || [ "$src" -nt "$bin" ] || [ $B/libzaitaku.a -nt "$bin" ]; then
		# shellcheck disable=SC2046
		clang -std=c17 -D_GNU_SOURCE -O1 -g -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
			-Isrc $(pkg-config --cflags $PKGS) -o "$bin" "$src" $B/libzaitaku.a \
			$(pkg-config --libs $PKGS) -lcsv -lm -lpthread
	fi
	mkdir -p "$B/corpus/$h" "tests/fuzz/corpus/$h"
	log=$B/fuzz/$name.log
	if ASAN_OPTIONS=detect_leaks=1 "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 -max_len=65536 \
		-print_final_stats=1 -artifact_prefix="$B/fuzz/$name-" "$B/corpus/$h" "tests/fuzz/corpus/$h" >"$log" 2>&1; then
		execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
		printf '%-22s %10s execs in %ss, 0 crashes (corpus %s files)\n' "$name" "${execs:-?}" "$secs" \
			"$(ls "$B/corpus/$h" "tests/fuzz/corpus/$h" | wc -l)"
	else
		echo "$name: FAILED — see $log"
		grep -E 'ERROR|SUMMARY|Test unit written' "$log" | head -5
		status=1
	fi
done
exit $status
