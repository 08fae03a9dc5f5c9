#!/bin/sh
# Batch matching of referrals (issue 16 §3): our min-cost-flow solver (domain/mcf.c) beside LEMON's
# NetworkSimplex (dimacs-solver, liblemon-utils) and CostScaling (bench/match/lemon_cs.cc) and GLPK's
# glp_mincost_relax4 (bench/match/glpk_relax4.c), on the same DIMACS files written by
# bench/match/gen.c. Prints solve time (the solver's own run, file reading excluded) and peak memory
# (ru_maxrss of each child, via GNU time) and asserts the optima are equal. Times are CPU seconds of
# the solve alone (file reading excluded): the machine is shared, wall time is noise.
# Usage: bench/match.sh [BUILD_DIR]   MATCH_SIZES="district prefecture" (add nation: heavy, ~GBs)
set -eu
build=${1:-build}
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
sizes=${MATCH_SIZES:-district prefecture}
out="$root/$build/bench/match"
mkdir -p "$out"
cd "$root"
make --no-print-directory BUILD="$build" "$build/libzaitaku-core.a" >/dev/null
CFLAGS_B="-std=c17 -D_GNU_SOURCE -O2 -g -Isrc"
cc $CFLAGS_B -o "$out/gen" bench/match/gen.c "$build/libzaitaku-core.a" -lm
cc $CFLAGS_B -o "$out/ours" bench/match/ours.c "$build/libzaitaku-core.a" -lm
c++ -O2 -o "$out/lemon_cs" bench/match/lemon_cs.cc -llemon
cc -O2 -o "$out/glpk_relax4" bench/match/glpk_relax4.c -lglpk

# run NAME CMD…: runs the solver, prints "NAME cost solve_s peak_MiB".
run() {
	name=$1
	shift
	to=${MATCH_TIMEOUT:-900}
	case $name in glpk*) to=${MATCH_GLPK_TIMEOUT:-120} ;; esac
	if ! timeout "$to" /usr/bin/time -f "MAXRSS %M" "$@" >"$out/$name.out" 2>"$out/$name.err"; then
		printf '%-14s failed or timed out (%ss): %s\n' "$name" "$to" "$(tail -n 2 "$out/$name.err" | tr '\n' ' ')"
		echo "$name FAIL" >>"$out/costs"
		return 0
	fi
	rss=$(sed -n 's/^MAXRSS //p' "$out/$name.err")
	if [ "$name" = lemon_ns ]; then
		cost=$(cat "$out/$name.out" "$out/$name.err" | sed -n 's/^Min flow cost: //p')
		# user + system CPU seconds of the run (the machine is shared: wall time is noise)
		secs=$(cat "$out/$name.out" "$out/$name.err" |
			sed -n 's/^Run NetworkSimplex: u: \([0-9.e+-]*\)s, s: \([0-9.e+-]*\)s.*/\1 \2/p' | awk '{print $1 + $2}')
	else
		cost=$(sed -n 's/.* cost=\([-0-9]*\).*/\1/p' "$out/$name.out")
		secs=$(sed -n 's/.* solve_s=\([0-9.]*\).*/\1/p' "$out/$name.out")
	fi
	printf '%-14s cost %-16s solve %8.3f s CPU   peak %7.0f MiB\n' "$name" "$cost" "$secs" "$(awk "BEGIN{print $rss / 1024}")"
	echo "$name $cost" >>"$out/costs"
}

status=0
for size in $sizes; do
	echo "-- $size"
	f="$out/$size.min"
	/usr/bin/time -f "MAXRSS %M" "$out/gen" "$size" data/municipality-offices.csv "$f" 1 >"$out/gen.out" 2>"$out/gen.err"
	cat "$out/gen.out"
	printf 'generator + match_batch peak %.0f MiB; DIMACS %s MB\n' \
		"$(awk "BEGIN{print $(sed -n 's/^MAXRSS //p' "$out/gen.err") / 1024}")" "$(($(stat -c %s "$f") / 1000000))"
	: >"$out/costs"
	run ours "$out/ours" "$f"
	run lemon_ns dimacs-solver -long "$f"
	run lemon_cs "$out/lemon_cs" "$f"
	if [ "${MATCH_GLPK:-1}" = 1 ]; then
		# Debian's libglpk has RELAX-IV disabled (licence): the call aborts; kept to show it.
		run glpk_relax4 "$out/glpk_relax4" "$f" relax4
		run glpk_okalg "$out/glpk_relax4" "$f" okalg
	fi
	batch=$(sed -n 's/.* total=\([-0-9]*\).*/\1/p' "$out/gen.out")
	echo "match_batch $batch" >>"$out/costs"
	if [ "$(grep -v FAIL "$out/costs" | awk '{print $2}' | sort -u | wc -l)" -ne 1 ]; then
		echo "OPTIMA DIFFER:"
		cat "$out/costs"
		status=1
	else
		echo "optima equal ($(awk 'NR==1{print $2}' "$out/costs")); failed: $(grep FAIL "$out/costs" | awk '{print $1}' | tr '\n' ' ')"
	fi
	[ "${MATCH_KEEP:-0}" = 1 ] || rm -f "$f"
done
exit $status
