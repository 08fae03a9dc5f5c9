#!/bin/sh
# Load test (issue 3 §7; SECURITY.md "load"): wrk -t2 -c32 -d60s on loopback against a demo
# database, mixed reads and writes (bench/load.lua) authenticated with an API token. Reports
# requests/s, p50/p99 latency, non-2xx responses (target 0), socket errors (target 0), and the
# server's RSS and open fds before and after (from /proc), then checks the audit chain and the
# database. Usage: bench/load.sh [BUILD_DIR]   (env: LOAD_DURATION=60s LOAD_CONNECTIONS=32)
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/$build/zaitaku"
[ -x "$bin" ] || bin="$build/zaitaku"
dur=${LOAD_DURATION:-60s}
conns=${LOAD_CONNECTIONS:-32}
command -v wrk >/dev/null || { echo "load.sh: wrk is not installed (apt-get install wrk)"; exit 1; }
tmp=$(mktemp -d /tmp/zaitaku-load-XXXXXX)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
db="$tmp/load.db"
"$bin" --db "$db" init >/dev/null
"$bin" --db "$db" demo >/dev/null
"$bin" --db "$db" user add load-bench --role admin --no-password >/dev/null
token=$("$bin" --db "$db" user token load-bench --name load 2>/dev/null)
maxid=$(sqlite3 "$db" 'SELECT MAX(id) FROM institution')
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$bin" --db "$db" serve --listen "127.0.0.1:$port" 2>"$tmp/server.log" &
pid=$!
for _ in $(seq 100); do
	curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break
	sleep 0.05
done
rss() { sed -n 's/^VmRSS:[[:space:]]*//p' "/proc/$pid/status"; }
fds() { ls "/proc/$pid/fd" | wc -l; }
# Warm-up (caches, pool) so that "before" is the steady state.
ZAITAKU_TOKEN=$token ZAITAKU_MAXID=$maxid wrk -t2 -c"$conns" -d3s -s "$root/bench/load.lua" "http://127.0.0.1:$port" >/dev/null
sleep 1 # let the warm-up's connections close
rss0=$(rss); fd0=$(fds); n0=$(sqlite3 "$db" 'SELECT COUNT(*) FROM institution')
out=$(ZAITAKU_TOKEN=$token ZAITAKU_MAXID=$maxid wrk -t2 -c"$conns" -d"$dur" --timeout 5s --latency \
	-s "$root/bench/load.lua" "http://127.0.0.1:$port")
sleep 1
rss1=$(rss); fd1=$(fds); n1=$(sqlite3 "$db" 'SELECT COUNT(*) FROM institution')
echo "$out" | sed -n '/Latency Distribution/,/^ *99%/p;/Non-2xx/p;/Socket errors/p'
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
line=$(echo "$out" | grep '^LOAD ')
echo "$line"
echo "server: RSS before $rss0, after $rss1; open fds before $fd0, after $fd1; institutions $n0 → $n1"
echo "integrity_check: $(sqlite3 "$db" 'PRAGMA integrity_check')"
"$bin" --db "$db" audit verify
if grep -qi 'sqlite\|error' "$tmp/server.log"; then
	echo "server log:"; grep -i 'sqlite\|error' "$tmp/server.log" | sort | uniq -c | head
fi
echo "$line" | grep -q 'non2xx=0 connect_err=0 read_err=0 write_err=0 timeout_err=0' || { echo "load.sh: errors under load"; exit 1; }
