#!/bin/sh
# SQLite and PostgreSQL in the same run (issue 17 §Benchmarks): the mixed load of bench/load.sh
# (bench/load.lua: 70 % registry reads, 15 % new clinics, 15 % note updates, each write with its
# audit row) and the registry search alone (the same reads, 100 %), against the demo region on
# SQLite and the same region copied to PostgreSQL (`zaitaku copy`; a throwaway cluster from
# scripts/pg-cluster.sh), with one and with two `zaitaku serve` processes on the one database.
# With two processes, two wrk run at once, one per process, with half the connections each; their
# requests add up, p50 is their mean, p99 their worst. Prints one line per case: requests/s, p50,
# p99, errors (non-2xx, socket); then audit verify of both databases.
# Usage: bench/backends.sh [BUILD_DIR]
#   env: BACKENDS_DURATION=10s BACKENDS_CONNECTIONS=16 BACKENDS_THREADS=4 (serve --threads)
#        BACKENDS_STATUSES=1 counts the non-2xx by status (wrk then reads every response into Lua)
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/$build/zaitaku"
[ -x "$bin" ] || bin="$build/zaitaku"
dur=${BACKENDS_DURATION:-10s}
conns=${BACKENDS_CONNECTIONS:-16}
threads=${BACKENDS_THREADS:-4}
command -v wrk >/dev/null || { echo "backends.sh: wrk is not installed (scripts/install-deps.sh)"; exit 1; }
tmp=$(mktemp -d /tmp/zaitaku-backends-XXXXXX)
chmod 755 "$tmp"
pids=
cleanup() {
	for p in $pids; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	sh "$root/scripts/pg-cluster.sh" stop "$tmp/pg" >/dev/null 2>&1 || true
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The demo on SQLite with an API token, then the same database (token included) on PostgreSQL.
lite="$tmp/lite.db"
"$bin" --db "$lite" init >/dev/null
"$bin" --db "$lite" demo >/dev/null
"$bin" --db "$lite" user add bench --role admin --no-password >/dev/null
token=$("$bin" --db "$lite" user token bench --name backends 2>/dev/null)
maxid=$(sqlite3 "$lite" 'SELECT MAX(id) FROM institution')
admin=$(sh "$root/scripts/pg-cluster.sh" start "$tmp/pg")
psql -X -q "$admin" -c 'CREATE DATABASE bench'
pgurl=$(echo "$admin" | sed 's|/postgres?|/bench?|')
export ZAITAKU_AUDIT_KEY="$lite.audit-key" ZAITAKU_SECRET_KEY="$lite.secret-key" ZAITAKU_SIGNIN_KEY="$tmp/signin.key"
"$bin" copy --from "$lite" --to "$pgurl" >"$tmp/copy.log" || { cat "$tmp/copy.log"; exit 1; }
echo "demo region copied to PostgreSQL ($(grep -c ' rows$' "$tmp/copy.log") tables); wrk $dur, $conns connections, serve --threads $threads"

# start N DB: N serve processes on DB; sets ports.
start() {
	ports=
	for i in $(seq "$1"); do
		port=$(freeport)
		"$bin" --db "$2" serve --listen "127.0.0.1:$port" --threads "$threads" 2>>"$tmp/server.log" &
		pids="$pids $!"
		for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.05; done
		ports="$ports $port"
	done
}
stop() {
	for p in $pids; do kill "$p" 2>/dev/null && wait "$p" 2>/dev/null; done
	pids=
}
# bench LABEL READ_PCT: one wrk per port (connections split), summed.
bench() {
	n=$(echo $ports | wc -w)
	c=$((conns / n)); t=$((2 / n)); [ "$t" -ge 1 ] || t=1
	for port in $ports; do # warm-up: pools and statement caches
		ZAITAKU_TOKEN=$token ZAITAKU_MAXID=$maxid ZAITAKU_READ_PCT=$2 wrk -t1 -c2 -d1s -s "$root/bench/load.lua" \
			"http://127.0.0.1:$port" >/dev/null
	done
	i=0
	wpids=
	for port in $ports; do
		i=$((i + 1))
		ZAITAKU_STATUSES=${BACKENDS_STATUSES:-0} ZAITAKU_TOKEN=$token ZAITAKU_MAXID=$maxid ZAITAKU_READ_PCT=$2 wrk -t"$t" -c"$c" -d"$dur" --timeout 5s \
			-s "$root/bench/load.lua" "http://127.0.0.1:$port" >"$tmp/wrk.$i" &
		wpids="$wpids $!"
	done
	for j in $wpids; do wait "$j" || true; done
	cat "$tmp"/wrk.* | grep '^LOAD ' | awk -v label="$1" '
		{ for (i = 2; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		  rps += v["rps"]; p50 += v["p50_ms"]; if (v["p99_ms"] > p99) p99 = v["p99_ms"]
		  err += v["non2xx"]; sock += v["connect_err"] + v["read_err"] + v["write_err"] + v["timeout_err"]; n++
		  if (v["statuses"] != "-") st = st (st == "" ? "" : ",") v["statuses"] }
		END { printf "%-34s %9.0f req/s   p50 %7.2f ms   p99 %7.2f ms   non-2xx %d%s   socket errors %d\n",
		      label, rps, p50 / n, p99, err, st == "" ? "" : " (" st ")", sock }'
	rm -f "$tmp"/wrk.*
}
for load in "mixed 70/30:70" "registry search:100"; do
	label=${load%%:*} pct=${load##*:}
	for backend in sqlite postgresql; do
		db=$lite; [ "$backend" = postgresql ] && db=$pgurl
		for n in 1 2; do
			start "$n" "$db"
			bench "$label, $backend, $n process$( [ "$n" -gt 1 ] && echo es)" "$pct"
			stop
		done
	done
done
echo "audit verify, SQLite: $("$bin" --db "$lite" audit verify 2>&1 | tail -1)"
echo "audit verify, PostgreSQL: $("$bin" --db "$pgurl" audit verify 2>&1 | tail -1)"
if grep -qi 'error' "$tmp/server.log"; then
	echo "server log (errors, counted):"; grep -i 'error' "$tmp/server.log" | sed 's/[0-9]\{1,\}/N/g' | sort | uniq -c | sort -rn | head -5
fi
