#!/bin/sh
# The call chain under load (issue 14 §Benchmarks): the demo region scaled to 10,000 fictional
# patients with care teams (bench/callchain_gen, through the use cases), then wrk (64 connections,
# 30 s, loopback) on GET /api/v1/patients/{id}/call-chain?at=… over random patient ids and three
# moments (a night, a day, an evening), authenticated with an API token of the demo's doctor (who
# reads every patient of the group, as the on-call doctor does), and in the same run nginx
# (Debian's nginx-light) answering the same requests with a file of the same reply bytes. Each read
# writes an audit row: the script counts audit_log before and after. Prints requests/s, p50, p99,
# the ratio zaitaku/nginx, audit rows per second and the server's CPU time per request (with the
# server's own count of deferred audit rows per commit), then checks the audit chain.
# Usage: bench/callchain.sh [BUILD_DIR]
#   env: CALLCHAIN_PATIENTS=10000 CALLCHAIN_DURATION=30s CALLCHAIN_CONNECTIONS=64
#        CALLCHAIN_THREADS=4 (zaitaku serve --threads) CALLCHAIN_NGINX_WORKERS=2 CALLCHAIN_KEEP=1
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/$build/zaitaku"
[ -x "$bin" ] || bin="$build/zaitaku"
gen="$(dirname "$bin")/bench/callchain_gen"
patients=${CALLCHAIN_PATIENTS:-10000}
dur=${CALLCHAIN_DURATION:-30s}
conns=${CALLCHAIN_CONNECTIONS:-64}
threads=${CALLCHAIN_THREADS:-4}
nginx_workers=${CALLCHAIN_NGINX_WORKERS:-2}
command -v sqlite3 >/dev/null || { echo "callchain.sh: sqlite3 is not installed (scripts/install-deps.sh)"; exit 1; }
[ -x "$gen" ] || { echo "callchain.sh: $gen is missing (make bench builds it)"; exit 1; }
name=callchain keep=${CALLCHAIN_KEEP:-}
. "$root/bench/lib/anchor.sh"

db="$tmp/callchain.db"
"$bin" --db "$db" init >/dev/null
"$bin" --db "$db" demo >/dev/null
"$gen" "$db" "$patients"
token=$("$bin" --db "$db" user token demo-doctor --read-only --name callchain-bench 2>/dev/null)
set -- $(sqlite3 -separator ' ' "$db" 'SELECT MIN(id), MAX(id), COUNT(*) FROM patient')
minid=$1 maxid=$2 npatients=$3
# Three moments (JST): tomorrow 02:00 (a night; the demo's absent doctor), in two days 14:00, in five days 22:00.
at() { printf '%sT%s%%2B09:00' "$(TZ=Asia/Tokyo date -d "+$1 day" +%Y-%m-%d)" "$2"; }
moments="$(at 1 02:00:00) $(at 2 14:00:00) $(at 5 22:00:00)"
# Only patients the token's doctor may read: those of a group's care team (the demo also holds a
# hospital's referral patient outside the doctor's scope, whom the policy rightly refuses with 403).
sqlite3 "$db" 'SELECT patient_id FROM care_team WHERE group_id IS NOT NULL ORDER BY patient_id' >"$tmp/ids"
export ZAITAKU_TOKEN="$token" CALLCHAIN_MINID="$minid" CALLCHAIN_MAXID="$maxid" CALLCHAIN_AT="$moments" \
	CALLCHAIN_IDS="$tmp/ids"

port=$(freeport)
"$bin" --db "$db" serve --listen "127.0.0.1:$port" --threads "$threads" 2>"$tmp/server.log" &
pid=$!
wait_up "http://127.0.0.1:$port/api/v1/health"

# nginx answers every call-chain request with one reply of zaitaku's.
mkdir -p "$tmp/www"
sample="/api/v1/patients/$minid/call-chain?at=$(at 1 02:00:00)"
curl -sf -H "Authorization: Bearer $token" "http://127.0.0.1:$port$sample" >"$tmp/www/callchain.json"
nport=$(freeport)
nginx_start "$nport" "$nginx_workers" '		add_header Cache-Control no-store;
		location = /health { return 200; }
		location ^~ /api/v1/patients/ { try_files /callchain.json =404; }'
wait_up "http://127.0.0.1:$nport/health"
curl -sf "http://127.0.0.1:$nport$sample" | cmp -s - "$tmp/www/callchain.json" ||
	{ echo "callchain.sh: nginx does not serve the same bytes"; exit 1; }
echo "data: $npatients fictional patients (ids $minid–$maxid) with care teams; moments $moments"
echo "reply: $(wc -c <"$tmp/www/callchain.json") bytes for patient $minid (nginx serves this file for every request)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) on $(nproc) CPUs before the runs"

audit_rows() { sqlite3 "$db" 'SELECT COUNT(*) FROM audit_log'; }
run() { wrk -t2 -c"$conns" -d"$1" --timeout 5s -s "$root/bench/callchain.lua" "$2" | grep '^CALLCHAIN '; }
field() { echo "$1" | tr ' ' '\n' | sed -n "s/^$2=//p"; }
# Warm-up of both servers (page cache, statement caches, keep-alive).
run 2s "http://127.0.0.1:$port" >/dev/null
run 2s "http://127.0.0.1:$nport" >/dev/null
# The server's CPU time (user + system, all threads) over the measured run: per request, a figure the
# other sessions' load on the shared machine disturbs far less than requests/s.
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }
a0=$(audit_rows) c0=$(cpu_ticks)
z=$(run "$dur" "http://127.0.0.1:$port")
a1=$(audit_rows) c1=$(cpu_ticks)
n=$(run "$dur" "http://127.0.0.1:$nport")
echo "zaitaku: $z"
echo "nginx:   $n"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) after the runs"
kill "$npid"; wait "$npid" 2>/dev/null || true; npid=
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=

awk -v zr="$(field "$z" rps)" -v zp50="$(field "$z" p50_ms)" -v zp99="$(field "$z" p99_ms)" \
	-v nr="$(field "$n" rps)" -v np50="$(field "$n" p50_ms)" -v np99="$(field "$n" p99_ms)" \
	-v zreq="$(field "$z" requests)" -v secs="$(field "$z" duration_s)" -v rows=$((a1 - a0)) \
	-v cpu="$(echo "$c0 $c1 $(getconf CLK_TCK)" | awk '{print ($2 - $1) / $3}')" 'BEGIN {
	printf "%-8s %10s %8s %8s\n", "server", "req/s", "p50 ms", "p99 ms"
	printf "%-8s %10.0f %8.2f %8.2f\n", "zaitaku", zr, zp50, zp99
	printf "%-8s %10.0f %8.2f %8.2f\n", "nginx", nr, np50, np99
	printf "audit: %d rows written in %.1f s (%.0f rows/s) for %d requests\n", rows, secs, rows / secs, zreq
	printf "server CPU: %.2f s (user + system, all threads) = %.0f us per request\n", cpu, cpu * 1e6 / zreq
	printf "CALLCHAIN zaitaku_rps=%.0f zaitaku_p50_ms=%.2f zaitaku_p99_ms=%.2f nginx_rps=%.0f nginx_p50_ms=%.2f nginx_p99_ms=%.2f ratio=%.2f audit_rows_per_s=%.0f cpu_us_per_request=%.0f\n",
		zr, zp50, zp99, nr, np50, np99, zr / nr, rows / secs, cpu * 1e6 / zreq
	printf "goal (p99 < 5 ms, ratio >= 0.6): p99 %s, ratio %s\n", (zp99 < 5 ? "met" : "missed"), (zr / nr >= 0.6 ? "met" : "missed")
}'
# The server's count at exit (warm-up included): how many reads shared each audit commit.
sed -n 's/^zaitaku: \(.*deferred audit row.*\)/server: \1 (warm-up included)/p' "$tmp/server.log"
"$bin" --db "$db" audit verify
if grep -qi 'sqlite\|error' "$tmp/server.log"; then
	echo "server log:"; grep -i 'sqlite\|error' "$tmp/server.log" | sort | uniq -c | head
fi
for s in "$z" "$n"; do
	[ "$(field "$s" non2xx) $(field "$s" errors)" = "0 0" ] || { echo "callchain.sh: non-2xx responses or socket errors"; exit 1; }
done
