#!/bin/sh
# The rota solver beside coinor-cbc and MiniZinc + Gecode (issue 15 "Benchmarks"), one instance:
# bench/rota_gen.py writes a realistic group (40 doctors × 365 days of FY2027, 10–20 % unavailability,
# shares 0.5–1, caps, carried points, wishes, pins); ours runs with five seeds for 60 s each (the time
# to the first feasible rota and the objective at 1 s, 10 s and 60 s from its progress lines); CBC
# gets the LP (bench/rota_models.py) for 300 s (objective and dual bound at 60 s and 300 s from its
# log); Gecode gets bench/rota.mzn with LNS for 300 s. bench/rota_check.py — not our code — recomputes
# the hard violations and the objective of every solver's final rota. The objective compared is the
# checker's scalar 10⁶·spread + 10·wishes + clustering (lexicographic on this instance).
#   bench/rota.sh [BUILD_DIR] [--quick]   --quick: 20 doctors × 90 days, 1 seed, 10 s / 20 s / 20 s
# Needs the bench packages (scripts/install-deps.sh --bench: coinor-cbc, minizinc) and
# $BUILD/bench/rota_bench (make bench builds it). Results go to docs/benchmarks.md.
set -eu
build=${1:-build}
quick=0
[ "${2:-}" = --quick ] && quick=1
here=$(cd "$(dirname "$0")" && pwd)
zb=$build/zaitaku
rb=$build/bench/rota_bench
for t in "$zb" "$rb"; do
	[ -x "$t" ] || { echo "rota.sh: $t missing (make bench builds it)"; exit 1; }
done
for c in cbc minizinc python3; do
	command -v $c >/dev/null || { echo "rota.sh: $c missing (scripts/install-deps.sh --bench)"; exit 1; }
done
out=$build/bench-rota
rm -rf "$out"
mkdir -p "$out"
if [ $quick = 1 ]; then
	docs=20 days=90 seeds=1 ours=10 cbc=20 gecode=20
else
	docs=40 days=365 seeds="1 2 3 4 5" ours=60 cbc=300 gecode=300
fi
[ $quick = 1 ] && seeds=1
python3 "$here/rota_gen.py" "$zb" 2027 $docs $days 2027-04-01 "$out/instance.json"
echo "instance: $docs doctors × $days days from 2027-04-01 ($(python3 -c "import json,sys; i=json.load(open(sys.argv[1])); print(len(i['slots']),'slots,',len(i['unavailable']),'unavailable dates,',len(i['wishes']),'wishes,',len(i['pins']),'pins')" "$out/instance.json"))"
for s in $seeds; do
	"$rb" "$out/instance.json" "$s" $ours "$out/ours-$s.json" >"$out/ours-$s.log" || true
	python3 "$here/rota_check.py" "$out/instance.json" "$out/ours-$s.json" >"$out/ours-$s.check"
done
python3 "$here/rota_models.py" lp "$out/instance.json" "$out/model.lp"
cbc "$out/model.lp" timeMode elapsed sec $cbc solve solu "$out/cbc.sol" >"$out/cbc.log" 2>&1 || true
python3 "$here/rota_models.py" cbc-sol "$out/instance.json" "$out/cbc.sol" "$out/cbc.json"
python3 "$here/rota_check.py" "$out/instance.json" "$out/cbc.json" >"$out/cbc.check"
python3 "$here/rota_models.py" dzn "$out/instance.json" "$out/data.dzn"
timeout $((gecode + 120)) minizinc --solver gecode -t $((gecode * 1000)) -r 1 -a --output-time \
	"$here/rota.mzn" "$out/data.dzn" >"$out/gecode.txt" 2>"$out/gecode.err" || true
python3 "$here/rota_models.py" mzn-sol "$out/instance.json" "$out/gecode.txt" "$out/gecode.json"
python3 "$here/rota_check.py" "$out/instance.json" "$out/gecode.json" >"$out/gecode.check"
python3 -c "import json,sys; i=json.load(open(sys.argv[1])); i['rota']=json.load(open(sys.argv[2])); json.dump(i,open(sys.argv[3],'w'),ensure_ascii=False)" \
	"$out/instance.json" "$out/ours-1.json" "$out/ours-1-with-instance.json"
"$zb" rota check --json "$out/ours-1-with-instance.json" >"$out/ours-1.certificate.json" || true
python3 "$here/rota_report.py" "$out" "$ours" "$cbc" "$gecode" $seeds
