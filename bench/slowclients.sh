#!/bin/sh
# Slow clients (SECURITY.md "slow clients"): slowhttptest holds 1,000 connections against the server,
# first in slow-headers mode (-H, Slowloris) on GET /api/v1/facilities, then in slow-body mode (-B,
# R-U-Dead-Yet) on POST /api/v1/facilities, each for SLOW_DURATION seconds, while a probe from a
# DIFFERENT loopback address (127.0.0.2, as a second client would come from another address) makes
# GET /api/v1/facilities?kind=clinic requests one after the other, each on a new connection. What
# protects the probe is the per-IP connection limit (MHD_OPTION_PER_IP_CONNECTION_LIMIT, 64) below
# the total limit (512), the idle timeout (15 s) and the whole-request limit (30 s: a request still
# arriving after 30 s is dropped however steadily it trickles), see src/cli/cmd_serve.c and
# src/http/server.c. Mode H2 attacks from two addresses at once (see below).
# Prints, per mode: probe count, p50/p99/max latency, probe failures (target 0, pass: p99 < 1 s);
# slowhttptest's own closed/pending/connected counts; server RSS and open fds before and after.
# The anchor is the same probe for a few seconds with no attack, in the same run.
# Usage: bench/slowclients.sh [BUILD_DIR]   (env: SLOW_DURATION=60 SLOW_CONNECTIONS=1000 SERVE_ARGS=…)
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/$build/zaitaku"
[ -x "$bin" ] || bin="$build/zaitaku"
dur=${SLOW_DURATION:-60}
conns=${SLOW_CONNECTIONS:-1000}
probe_addr=127.0.0.2
command -v slowhttptest >/dev/null || { echo "slowclients.sh: slowhttptest is not installed (apt-get install slowhttptest)"; exit 1; }
# slowhttptest needs a descriptor per connection (dash and bash both have ulimit -n).
# shellcheck disable=SC3045
[ "$(ulimit -n)" -ge $((conns + 200)) ] 2>/dev/null || ulimit -n $((conns + 200)) 2>/dev/null || true
tmp=$(mktemp -d /tmp/zaitaku-slow-XXXXXX)
pid=
cleanup() {
	touch "$tmp/stop"
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
db="$tmp/slow.db"
"$bin" --db "$db" init >/dev/null
"$bin" --db "$db" demo >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
# SERVE_ARGS: extra serve options, e.g. "--per-ip-connections 64 --max-connections 1024".
# shellcheck disable=SC2086
"$bin" --db "$db" serve --listen "127.0.0.1:$port" ${SERVE_ARGS:-} 2>"$tmp/server.log" &
pid=$!
for _ in $(seq 100); do
	curl -sf "$base/api/v1/health" >/dev/null 2>&1 && break
	sleep 0.05
done
curl -sf --interface "$probe_addr" -o /dev/null "$base/api/v1/facilities?kind=clinic" ||
	{ echo "slowclients.sh: the probe cannot reach the server from $probe_addr"; exit 1; }
rss() { sed -n 's/^VmRSS:[[:space:]]*//p' "/proc/$pid/status"; }
fds() { ls "/proc/$pid/fd" | wc -l; }

# The probe: one request after another (new connection each, 5 s cap, 0.1 s pause) until $tmp/stop
# exists; one line per request: HTTP status and seconds.
probe() {
	while [ ! -e "$tmp/stop" ]; do
		curl -s -o /dev/null --interface "$probe_addr" --max-time 5 -w '%{http_code} %{time_total}\n' \
			"$base/api/v1/facilities?kind=clinic" >>"$1" 2>/dev/null || true
		sleep 0.1
	done
}
# Summary of a probe file: count, p50/p99/max in ms, failures (anything but 200).
summarize() {
	n=$(wc -l <"$1")
	fails=$(awk '$1 != "200"' "$1" | wc -l)
	awk '{ printf "%.1f\n", $2 * 1000 }' "$1" | sort -n >"$1.sorted"
	pct() { awk -v p="$1" 'NR == 1 { } { v[NR] = $1 } END { i = int(NR * p + 0.999999); if (i < 1) i = 1; if (i > NR) i = NR; print v[i] }' "$2"; }
	p50=$(pct 0.50 "$1.sorted"); p99=$(pct 0.99 "$1.sorted"); max=$(tail -n 1 "$1.sorted")
	echo "probe=$n p50=${p50}ms p99=${p99}ms max=${max}ms failures=$fails"
}

status=0
# Anchor: the probe alone.
: >"$tmp/probe-none.txt"
probe "$tmp/probe-none.txt" &
ppid=$!
sleep 5
touch "$tmp/stop"; wait "$ppid"; rm -f "$tmp/stop"
echo "SLOW mode=none $(summarize "$tmp/probe-none.txt")"

# Modes: H slow headers, B slow body (one attacking address, 127.0.0.1), and H2: slow headers from
# two addresses at once — slowhttptest from 127.0.0.1 plus bench/slow_second.mjs from 127.0.0.3
# (400 connections trickling a header byte a second, reopened as soon as the server closes one).
for mode in H B H2; do
	rss0=$(rss); fd0=$(fds)
	: >"$tmp/probe-$mode.txt"
	probe "$tmp/probe-$mode.txt" &
	ppid=$!
	# The server's fds and RSS in the middle of the attack (slowhttptest closes its sockets when it ends).
	(sleep $((dur / 2 + 3)); echo "$(fds) $(rss)" >"$tmp/mid-$mode") &
	mpid=$!
	spid=
	if [ "$mode" = H2 ]; then
		node "$root/bench/slow_second.mjs" "$port" 127.0.0.3 400 "$dur" 1 >"$tmp/second.out" 2>&1 &
		spid=$!
	fi
	if [ "$mode" = H ] || [ "$mode" = H2 ]; then
		set -- -H -t GET -u "$base/api/v1/facilities"
	else
		set -- -B -t POST -f 'application/json' -s 8192 -u "$base/api/v1/facilities"
	fi
	# -r 200: the 1,000 connections open within 5 s; -i 10: one more header line / body chunk
	# every 10 s per connection (under the server's 15 s idle timeout, so they are never idle).
	slowhttptest "$@" -c "$conns" -r 200 -i 10 -x 24 -p 3 -l "$dur" -g -o "$tmp/slow-$mode" \
		>"$tmp/slow-$mode.out" 2>&1 || true
	wait "$mpid" || true
	[ -n "$spid" ] && { wait "$spid" || true; cat "$tmp/second.out"; }
	mid=$(cat "$tmp/mid-$mode" 2>/dev/null || echo "? ?")
	touch "$tmp/stop"; wait "$ppid"; rm -f "$tmp/stop"
	rss1=$(rss); fd1=$(fds)
	line="SLOW mode=$mode $(summarize "$tmp/probe-$mode.txt")"
	echo "$line"
	# slowhttptest's CSV: seconds,closed,pending,connected,service available (its own probe comes
	# from the attacking address, which the per-IP limit refuses by design).
	csv="$tmp/slow-$mode.csv"
	if [ -f "$csv" ]; then
		awk -F, 'NR > 1 { if ($4 + 0 > mx) mx = $4 + 0; last = $0 } END {
			split(last, f, ","); printf "slowhttptest: peak connected %d; at the end (%ss): closed %s, pending %s, connected %s\n", mx, f[1], f[2], f[3], f[4] }' "$csv"
	fi
	sed -n 's/^[[:space:]]*\(Exit status:.*\)/slowhttptest: \1/p;s/^[[:space:]]*\(Test ended on.*\)/slowhttptest: \1/p' "$tmp/slow-$mode.out" | sed 's/\x1b\[[0-9;]*m//g' | head -n 2
	echo "server: RSS before $rss0, after $rss1; open fds before $fd0, after $fd1; during the attack: open fds ${mid%% *}, RSS ${mid#* }"
	echo "$line" | awk '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] } }
		END { sub(/ms$/, "", v["p99"]); exit !(v["failures"] == 0 && v["p99"] + 0 < 1000) }' ||
		{ echo "slowclients.sh: mode $mode: probe p99 ≥ 1 s or probe failures"; status=1; }
	sleep 2 # slowhttptest closed its sockets when it ended; let the server reap them
done
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
if grep -qi 'error\|sqlite' "$tmp/server.log"; then
	echo "server log:"; grep -i 'error\|sqlite' "$tmp/server.log" | sort | uniq -c | head
fi
exit $status
