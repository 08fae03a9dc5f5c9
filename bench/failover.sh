#!/bin/sh
# Failover benchmark (issue 17 §6): pg_auto_failover (Debian's postgresql-15-auto-failover) with a
# monitor, a primary and a synchronous standby on loopback in a temporary directory, run by an
# unprivileged user (zaitaku-test when started as root, as scripts/pg-cluster.sh does). zaitaku
# connects with a multi-host connection string (target_session_attrs=read-write). Under a bounded
# write load (bench/failover_load.mjs: FAILOVER_WORKERS loops POSTing institutions, each 2xx reply
# recorded with its id) the primary's keeper and postgres are killed with SIGKILL; the monitor
# promotes the standby; zaitaku answers 503 meanwhile, then writes to the new primary. At the end
# every acknowledged write must be present and `audit verify` must pass. Prints the seconds of
# unavailability (longest gap between two acknowledged writes) and the writes lost (goal 0).
# Usage: bench/failover.sh [BUILD_DIR]
#   env: FAILOVER_SECONDS=40 (load duration), FAILOVER_KILL_AT=10 (seconds into the load),
#        FAILOVER_WORKERS=4, FAILOVER_KEEP=1 (keep the directory and logs)
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/$build/zaitaku"
[ -x "$bin" ] || bin="$build/zaitaku"
PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
secs=${FAILOVER_SECONDS:-40}
kill_at=${FAILOVER_KILL_AT:-10}
workers=${FAILOVER_WORKERS:-4}
OWNER=zaitaku-test
command -v pg_autoctl >/dev/null || { echo "failover.sh: pg_autoctl missing (apt-get install postgresql-15-auto-failover)"; exit 1; }
command -v node >/dev/null || { echo "failover.sh: node missing"; exit 1; }

tmp=$(mktemp -d /tmp/zaitaku-failover-XXXXXX)
chmod 755 "$tmp"
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u "$OWNER" -- env XDG_CONFIG_HOME="$tmp/xdg/config" XDG_DATA_HOME="$tmp/xdg/data" \
			XDG_RUNTIME_DIR="$tmp/xdg/run" PGHOST="$tmp/pg" PATH="$PGBIN:/usr/bin:/bin" "$@"
	else
		env XDG_CONFIG_HOME="$tmp/xdg/config" XDG_DATA_HOME="$tmp/xdg/data" XDG_RUNTIME_DIR="$tmp/xdg/run" \
			PATH="$PGBIN:$PATH" "$@"
	fi
}
if [ "$(id -u)" -eq 0 ]; then
	id -u "$OWNER" >/dev/null 2>&1 ||
		useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$OWNER"
	chown "$OWNER" "$tmp"
fi
mkdir -p "$tmp/pg" "$tmp/zt"
[ "$(id -u)" -eq 0 ] && chown "$OWNER" "$tmp/pg"
as_owner mkdir -p "$tmp/xdg/config" "$tmp/xdg/data" "$tmp/xdg/run"

zpid=
lpid=
kpids=
cleanup() {
	[ -n "$lpid" ] && kill "$lpid" 2>/dev/null
	[ -n "$zpid" ] && kill "$zpid" 2>/dev/null && wait "$zpid" 2>/dev/null
	for n in node1 node2 monitor; do
		[ -d "$tmp/pg/$n" ] && as_owner pg_autoctl stop --pgdata "$tmp/pg/$n" --fast >/dev/null 2>&1 || true
	done
	for p in $kpids; do kill "$p" 2>/dev/null || true; done
	sleep 1
	# Whatever the keepers left (a killed keeper's postgres, if any): stop by data directory.
	for n in node1 node2 monitor; do
		[ -f "$tmp/pg/$n/postmaster.pid" ] && as_owner "$PGBIN/pg_ctl" -D "$tmp/pg/$n" -m immediate stop >/dev/null 2>&1 || true
	done
	if [ -n "${FAILOVER_KEEP:-}" ]; then echo "failover.sh: kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT INT TERM
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
pm=$(freeport); p1=$(freeport); p2=$(freeport)
t_start=$(date +%s)

# Each instance starts from our own initdb, so that its Unix socket sits in $tmp/pg (Debian's default
# /var/run/postgresql belongs to the system's postgres user); the standby copies node1's settings.
initdb_in() { # DIR
	as_owner "$PGBIN/initdb" -D "$1" -U "$OWNER" --auth=trust -E UTF8 --locale=C.UTF-8 >"$1.initdb.log" 2>&1
	echo "unix_socket_directories = '$tmp/pg'" >>"$1/postgresql.conf"
}
initdb_in "$tmp/pg/monitor"
initdb_in "$tmp/pg/node1"

# The monitor, with health checks tightened from the defaults (5 s period, 20 s unhealthy, 30 s
# demote) so that a failover takes seconds on loopback.
as_owner pg_autoctl create monitor --pgdata "$tmp/pg/monitor" --pgport "$pm" --hostname 127.0.0.1 \
	--auth trust --no-ssl --pgctl "$PGBIN/pg_ctl" >"$tmp/monitor.create.log" 2>&1
cat >>"$tmp/pg/monitor/postgresql.conf" <<CONF
pgautofailover.health_check_period = 1000
pgautofailover.health_check_timeout = 1000
pgautofailover.health_check_max_retries = 1
pgautofailover.health_check_retry_delay = 500
pgautofailover.node_considered_unhealthy_timeout = 3000
pgautofailover.primary_demote_timeout = 5000
CONF
as_owner pg_autoctl run --pgdata "$tmp/pg/monitor" >"$tmp/monitor.log" 2>&1 &
kpids="$kpids $!"
monitor="postgres://autoctl_node@127.0.0.1:$pm/pg_auto_failover?sslmode=disable"
for _ in $(seq 100); do as_owner "$PGBIN/pg_isready" -q -h 127.0.0.1 -p "$pm" && break; sleep 0.2; done

# Two Postgres nodes; the first becomes the primary, the second its synchronous standby.
pgnode() { # NAME PORT
	as_owner pg_autoctl create postgres --pgdata "$tmp/pg/$1" --pgport "$2" --hostname 127.0.0.1 --pghost "$tmp/pg" --listen 127.0.0.1 --name "$1" \
		--dbname zaitaku --monitor "$monitor" --auth trust --no-ssl --pgctl "$PGBIN/pg_ctl" >"$tmp/$1.create.log" 2>&1
	# The keeper's own timeouts, shortened like the monitor's.
	as_owner pg_autoctl config set --pgdata "$tmp/pg/$1" timeout.network_partition_timeout 5 >/dev/null
	as_owner pg_autoctl config set --pgdata "$tmp/pg/$1" timeout.prepare_promotion_catchup 5 >/dev/null
	# Its own process group (setsid), so that the kill below takes the whole node: the keeper's
	# supervisor, its services and the postgres they started.
	as_owner setsid pg_autoctl run --pgdata "$tmp/pg/$1" >"$tmp/$1.log" 2>&1 &
	kpids="$kpids $!"
}
state() { as_owner pg_autoctl show state --pgdata "$tmp/pg/monitor" 2>/dev/null; }
wait_state() { # PATTERN SECONDS
	until=$(($(date +%s) + $2))
	while [ "$(date +%s)" -lt "$until" ]; do state | grep -Eq "$1" && return 0; sleep 0.2; done
	echo "failover.sh: the formation did not reach /$1/ in $2 s"; state; exit 1
}
pgnode node1 "$p1"
wait_state 'node1 .*\| *single *\| *single' 60
pgnode node2 "$p2"
wait_state 'node2 .*\| *secondary *\| *secondary' 120
wait_state 'node1 .*\| *primary *\| *primary' 60
echo "formation up in $(($(date +%s) - t_start)) s:"
state | sed 's/^/  /'
sync=$(as_owner "$PGBIN/psql" -Atq -h 127.0.0.1 -p "$p1" -d zaitaku -c 'SHOW synchronous_standby_names')
echo "synchronous_standby_names on node1: $sync"

# zaitaku on the formation: both hosts, the read-write one chosen.
url="postgresql://127.0.0.1:$p1,127.0.0.1:$p2/zaitaku?user=$OWNER&target_session_attrs=read-write&connect_timeout=2"
export ZAITAKU_AUDIT_KEY="$tmp/zt/audit-key" ZAITAKU_SECRET_KEY="$tmp/zt/secret-key" ZAITAKU_SIGNIN_KEY="$tmp/zt/signin-key"
"$bin" --db "$url" init >/dev/null
"$bin" --db "$url" user add failover-bench --role admin --no-password >/dev/null
token=$("$bin" --db "$url" user token failover-bench --name failover 2>/dev/null)
port=$(freeport)
"$bin" --db "$url" serve --listen "127.0.0.1:$port" 2>"$tmp/server.log" &
zpid=$!
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.1; done

# The load, the kill, the wait.
node "$root/bench/failover_load.mjs" "http://127.0.0.1:$port" "$token" "$secs" "$workers" >"$tmp/load.out" 2>&1 &
lpid=$!
sleep "$kill_at"
t_kill=$(date +%s.%N)
pgpid=$(head -1 "$tmp/pg/node1/postmaster.pid")
pgid=$(ps -o pgid= -p "$pgpid" | tr -d ' ')
[ -n "$pgid" ] && [ "$pgid" != "$(ps -o pgid= -p $$ | tr -d ' ')" ] || { echo "failover.sh: node1's process group not found"; exit 1; }
/bin/kill -s KILL -- "-$pgid" "$pgpid" # procps kill: dash's builtin takes no process group
alive() { [ -d "/proc/$1" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }
for _ in $(seq 25); do alive "$pgpid" || break; sleep 0.2; done
! alive "$pgpid" || { echo "failover.sh: node1's postgres survived SIGKILL"; exit 1; }
echo "killed node1 (process group $pgid: pg_autoctl and postgres $pgpid) with SIGKILL at $(date -u +%T)"
wait_state 'node2 .*\| *(wait_primary|primary) *\| *(wait_primary|primary)' 90
echo "monitor: node2 promoted $(python3 -c "import time; print(round(time.time() - $t_kill, 1))") s after the kill"
state | sed 's/^/  /'
wait "$lpid" || true
lpid=
cat "$tmp/load.out"
kill "$zpid"; wait "$zpid" 2>/dev/null || true; zpid=
echo "audit verify on the new primary:"
"$bin" --db "$url" audit verify
if grep -qi 'error' "$tmp/server.log"; then
	echo "server log (errors, counted):"; grep -i 'error' "$tmp/server.log" | sed 's/[0-9]\{1,\}/N/g' | sort | uniq -c | head
fi
grep -q 'lost=0 ' "$tmp/load.out" || { echo "failover.sh: acknowledged writes lost"; exit 1; }
