#!/bin/sh
# The read path, measured (issue 10 §7): wrk (64 connections, loopback) on the public facility
# search of the demo region, with nginx (Debian's nginx-light) serving the very same reply bytes
# from a file in the same run as the anchor, and /api/v1/health beside it (the framework's
# ceiling). Prints requests/s, p99 and the ratio zaitaku/nginx per route, then where a request's
# time goes: `perf record` when hardware counters work, else callgrind on a fixed number of
# requests, summarised by function (inclusive and exclusive instruction counts).
# Usage: bench/readpath.sh [BUILD_DIR]
#   env: READPATH_DURATION=10s READPATH_ROUNDS=3 READPATH_PROFILE=1 (0 skips the profile)
#        READPATH_THREADS=4 (zaitaku serve --threads) READPATH_NGINX_WORKERS=2
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/$build/zaitaku"
[ -x "$bin" ] || bin="$build/zaitaku"
dur=${READPATH_DURATION:-10s}
rounds=${READPATH_ROUNDS:-3}
threads=${READPATH_THREADS:-4}
nginx_workers=${READPATH_NGINX_WORKERS:-2}
name=readpath keep=${READPATH_KEEP:-}
. "$root/bench/lib/anchor.sh"

search='/api/v1/facilities?kind=clinic&capability=ventilator&capability=end_of_life&h24=true'
health='/api/v1/health'
db="$tmp/readpath.db"
"$bin" --db "$db" init >/dev/null
"$bin" --db "$db" demo >/dev/null
port=$(freeport)
"$bin" --db "$db" serve --listen "127.0.0.1:$port" --threads "$threads" 2>"$tmp/server.log" &
pid=$!
wait_up "http://127.0.0.1:$port$health"

# nginx serves the same bytes from files.
mkdir -p "$tmp/www/api/v1"
curl -sf "http://127.0.0.1:$port$search" >"$tmp/www/api/v1/facilities.json"
curl -sf "http://127.0.0.1:$port$health" >"$tmp/www/api/v1/health.json"
nport=$(freeport)
nginx_start "$nport" "$nginx_workers" '		location = /api/v1/facilities { try_files /api/v1/facilities.json =404; }
		location = /api/v1/health { try_files /api/v1/health.json =404; }'
wait_up "http://127.0.0.1:$nport$health"
body_bytes=$(wc -c <"$tmp/www/api/v1/facilities.json")
total=$(sed -n 's/.*"total":\([0-9]*\).*/\1/p' "$tmp/www/api/v1/facilities.json")
[ "$(curl -sf "http://127.0.0.1:$nport$search" | cmp - "$tmp/www/api/v1/facilities.json" && echo same)" = same ] ||
	{ echo "readpath.sh: nginx does not serve the same bytes"; exit 1; }
echo "search: $search ($total institutions match, reply $body_bytes bytes)"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) (1/5/15 min) on $(nproc) CPUs before the runs"

# One wrk run: prints "RPS P99_MS NON2XX ERRORS".
cat >"$tmp/report.lua" <<'EOF'
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format("%.0f %.2f %d %d\n", summary.requests / (summary.duration / 1e6),
    latency:percentile(99) / 1000, e.status, e.connect + e.read + e.write + e.timeout))
end
EOF
measure() {
	wrk -t2 -c64 -d"$dur" --timeout 5s -s "$tmp/report.lua" "$1" | tail -n 1
}
# Warm-up of both servers (page cache, pool, keep-alive).
wrk -t2 -c64 -d2s "http://127.0.0.1:$port$search" >/dev/null
wrk -t2 -c64 -d2s "http://127.0.0.1:$nport$search" >/dev/null

printf '%-8s %-6s %-7s %10s %9s %8s %7s\n' route round server 'req/s' 'p99 ms' non2xx errors
for route in search health; do
	eval "path=\$$route"
	for r in $(seq "$rounds"); do
		for server in zaitaku nginx; do
			[ $server = zaitaku ] && p=$port || p=$nport
			set -- $(measure "http://127.0.0.1:$p$path")
			printf '%-8s %-6s %-7s %10s %9s %8s %7s\n' "$route" "$r" "$server" "$1" "$2" "$3" "$4"
			echo "$route $server $1 $2 $3 $4" >>"$tmp/results"
		done
	done
done
# Per route: mean requests/s and worst p99 of each server over the rounds, and the ratio as the
# median of the per-round ratios (each round measures both servers back to back, so a burst of
# load from other processes on a shared machine moves one round, not the figure).
awk '
	{ k = $1 " " $2; rps[k] += $3; n[k]++; if ($4 > p99[k]) p99[k] = $4; bad += $5 + $6
	  if ($2 == "zaitaku") z[$1] = $3; else { nr[$1]++; ratio[$1, nr[$1]] = z[$1] / $3 } }
	END {
		split("search health", routes, " ")
		for (i = 1; i <= 2; i++) {
			r = routes[i]; m = nr[r]
			for (a = 1; a <= m; a++) for (b = a + 1; b <= m; b++)
				if (ratio[r, b] < ratio[r, a]) { t = ratio[r, a]; ratio[r, a] = ratio[r, b]; ratio[r, b] = t }
			med = m % 2 ? ratio[r, (m + 1) / 2] : (ratio[r, m / 2] + ratio[r, m / 2 + 1]) / 2
			printf "READPATH route=%s zaitaku_rps=%.0f zaitaku_p99_ms=%.2f nginx_rps=%.0f nginx_p99_ms=%.2f ratio=%.2f\n",
				r, rps[r " zaitaku"] / n[r " zaitaku"], p99[r " zaitaku"], rps[r " nginx"] / n[r " nginx"],
				p99[r " nginx"], med
		}
		if (bad) { print "readpath.sh: non-2xx responses or socket errors"; exit 1 }
	}' "$tmp/results"
echo "load: $(cut -d' ' -f1-3 /proc/loadavg) after the runs"
kill "$npid"; wait "$npid" 2>/dev/null || true; npid=
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=

[ "${READPATH_PROFILE:-1}" = 1 ] || exit 0
# ---- where a request's time goes ----
if perf stat -e instructions true 2>&1 | grep -q '[0-9] *instructions'; then
	echo "profile: perf record, 64 connections, 5 s"
	"$bin" --db "$db" serve --listen "127.0.0.1:$port" --threads "$threads" 2>>"$tmp/server.log" &
	pid=$!
	wait_up "http://127.0.0.1:$port$health"
	perf record -q -g -o "$tmp/perf.data" -p "$pid" -- sleep 5 >/dev/null 2>&1 &
	ppid=$!
	wrk -t2 -c64 -d5s "http://127.0.0.1:$port$search" >/dev/null
	wait "$ppid" || true
	perf report -i "$tmp/perf.data" --no-children --percent-limit 1.5 --stdio 2>/dev/null | grep -v '^$' | head -40
	kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
	exit 0
fi
command -v valgrind >/dev/null || { echo "profile: neither perf counters nor valgrind available"; exit 0; }
n=${READPATH_PROFILE_REQUESTS:-2000}
echo "profile: callgrind (perf counters unavailable here), $n requests of the search on 1 worker thread"
valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$bin" --db "$db" serve \
	--listen "127.0.0.1:$port" --threads 1 2>>"$tmp/server.log" &
pid=$!
wait_up "http://127.0.0.1:$port$health"
# n requests over one keep-alive connection (curl reuses it); the counts include start-up, small beside them.
awk -v n="$n" -v u="http://127.0.0.1:$port$search" 'BEGIN { for (i = 0; i < n; i++) printf "url = \"%s\"\noutput = /dev/null\n", u }' |
	curl -s -K - >/dev/null
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
# Summary: instructions per request, by function, inclusive (with callees) and then exclusive (self).
# callgrind counts each byte of a `rep stosb` memset as one instruction: libmicrohttpd zeroing its
# per-connection memory pool on every request weighs more here than in wall time.
summary() {
	callgrind_annotate --auto=no "$@" "$tmp/cg.out" 2>/dev/null | awk -v n="$n" -v top="$top" '
		/PROGRAM TOTALS/ { t = $1; gsub(",", "", t); printf "  %9.0f  100.0%%  all (per request, start-up included)\n", t / n; next }
		/^ *[0-9,]+ +\( *[0-9.]+%\) +[^ ]/ && shown < top {
			c = $1; gsub(",", "", c)
			match($0, /\( *[0-9.]+%\)/); pct = substr($0, RSTART + 1, RLENGTH - 2); gsub(" ", "", pct)
			fn = substr($0, RSTART + RLENGTH); sub(/^ +/, "", fn)
			lib = ""; if (match(fn, / \[.*\]$/)) { lib = substr(fn, RSTART + 2, RLENGTH - 3); fn = substr(fn, 1, RSTART - 1) }
			if (fn ~ /^\?\?\?:0x/) { sub(/^.*\//, "", lib); fn = lib " " substr(fn, 5) } # stripped: library and address
			sub(/^.*\//, "", fn)
			if (fn in seen) next; seen[fn] = 1; shown++
			printf "  %9.0f  %6s  %s\n", c / n, pct, fn
		}'
}
echo "-- inclusive (instructions per request, share, function) --"
top=22 summary --inclusive=yes
echo "-- exclusive (self) --"
top=14 summary
