#!/bin/sh
# Bureau-list import benchmark (issue 2 §Benchmarks): a generated 100,000-line list
# (関東信越厚生局 layout, bench/gen_bureau.mjs) imported into an empty database by
# `zaitaku import facility-standards`, beside sqlite3's own `.import` of the same file into a
# fresh table (the anchor), both measured in this run, alternately, best of RUNS each.
# Wall-clock and CPU (user+sys) are both printed: on a shared, loaded machine the CPU figures
# are the steadier ones. Targets: import < 2 s and within 2x of the anchor.
# Usage: bench/import.sh [BUILD_DIR] [LINES] [RUNS]
set -eu
build=${1:-build}
lines=${2:-100000}
runs=${3:-5}
bin=$(cd "$(dirname "$build/zaitaku")" && pwd)/zaitaku
command -v sqlite3 >/dev/null || { echo "bench/import.sh: sqlite3 (the CLI) is needed for the anchor" >&2; exit 1; }
command -v node >/dev/null || { echo "bench/import.sh: node is needed to generate the list" >&2; exit 1; }
command -v iconv >/dev/null || { echo "bench/import.sh: iconv (libc-bin) is needed for the CP932 copy" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM
here=$(dirname "$0")
node "$here/gen_bureau.mjs" "$lines" "$tmp/bureau.csv"
iconv -f UTF-8 -t CP932 "$tmp/bureau.csv" > "$tmp/bureau_cp932.csv"
"$bin" --db "$tmp/base.db" init >/dev/null

# fresh NAME: a copy of the empty database with its key files (a database is protected by them).
fresh() {
	rm -f "$tmp/$1" "$tmp/$1-wal" "$tmp/$1-shm"
	cp "$tmp/base.db" "$tmp/$1"
	for k in audit-key secret-key; do cp "$tmp/base.db.$k" "$tmp/$1.$k"; done
}

# timed NAME CMD...: runs CMD, appends "wall_ms cpu_ms" to $tmp/NAME.
timed() {
	name=$1; shift
	t0=$(date +%s%N)
	if [ -x /usr/bin/time ]; then
		/usr/bin/time -f '%U %S' -o "$tmp/cpu" "$@" >"$tmp/last.out"
	else
		"$@" >"$tmp/last.out"; echo "0 0" > "$tmp/cpu"
	fi
	t1=$(date +%s%N)
	echo "$(( (t1 - t0) / 1000000 )) $(awk '{ printf "%d", ($1 + $2) * 1000 }' "$tmp/cpu")" >> "$tmp/$name"
}
best() { sort -n "$tmp/$1" | head -1 | cut -d' ' -f"$2"; }
bestcpu() { sort -n -k2 "$tmp/$1" | head -1 | cut -d' ' -f2; }
runs_of() { cut -d' ' -f1 "$tmp/$1" | tr '\n' ' '; }

i=0
while [ $i -lt "$runs" ]; do
	i=$((i + 1))
	fresh z.db
	timed ours "$bin" --db "$tmp/z.db" import facility-standards "$tmp/bureau.csv"
	cp "$tmp/last.out" "$tmp/summary.txt"
	timed update "$bin" --db "$tmp/z.db" import facility-standards "$tmp/bureau.csv"
	rm -f "$tmp/a.db"
	timed anchor sqlite3 "$tmp/a.db" ".import --csv --skip 3 $tmp/bureau.csv t"
	fresh c.db
	timed cp932 "$bin" --db "$tmp/c.db" import facility-standards "$tmp/bureau_cp932.csv"
done
rows=$(sqlite3 "$tmp/a.db" "SELECT COUNT(*) FROM t")
insts=$(sqlite3 "$tmp/z.db" "SELECT COUNT(*) FROM institution")
filings=$(sqlite3 "$tmp/z.db" "SELECT COUNT(*) FROM institution_filing")
o=$(best ours 1); a=$(best anchor 1); oc=$(bestcpu ours); ac=$(bestcpu anchor)
ratio=$(awk -v o="$o" -v a="$a" 'BEGIN { printf "%.2f", o / a }')
cratio=$(awk -v o="$oc" -v a="$ac" 'BEGIN { if (a > 0) printf "%.2f", o / a; else print "n/a" }')
echo "import benchmark: $lines lines ($(wc -c < "$tmp/bureau.csv") bytes) -> $insts institutions, $filings filings; best of $runs"
echo "  zaitaku import facility-standards, UTF-8, empty db: $o ms wall, $oc ms cpu   (wall runs: $(runs_of ours))"
echo "  anchor: sqlite3 .import of the same file ($rows rows): $a ms wall, $ac ms cpu   (wall runs: $(runs_of anchor))"
echo "  ratio to the anchor: ${ratio}x wall, ${cratio}x cpu"
echo "  same list in CP932, empty db:                       $(best cp932 1) ms wall, $(bestcpu cp932) ms cpu"
echo "  re-import into the filled db (unchanged: no write): $(best update 1) ms wall, $(bestcpu update) ms cpu"
sed 's/^/  | /' "$tmp/summary.txt"
ok=yes
[ "$o" -lt 2000 ] || ok=no
awk -v r="$ratio" 'BEGIN { exit !(r <= 2.0) }' || ok=no
echo "  targets (< 2000 ms and <= 2.0x the anchor, wall): $([ $ok = yes ] && echo met || echo NOT met)"
