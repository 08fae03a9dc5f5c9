#!/bin/sh
# A throwaway PostgreSQL cluster for tests and trials, from Debian's postgresql-15 binaries:
# initdb in DIR/data, listening only on a Unix socket in DIR (no TCP, no system service touched,
# fsync and synchronous_commit left at their safe defaults).
#   scripts/pg-cluster.sh start DIR   initdb when needed, start, print the connection string
#   scripts/pg-cluster.sh url DIR     print the connection string (postgresql:///postgres?host=DIR…)
#   scripts/pg-cluster.sh stop DIR    stop the server and remove DIR (only a DIR this script made)
# initdb refuses to run as root: as root the cluster belongs to the user zaitaku-test (created,
# without a home or shell, when absent); otherwise to the calling user. Root clients connect
# through the socket as the cluster's superuser "postgres" (trust on the socket only: the socket
# directory is private to its owner and root).
set -eu

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
OWNER=zaitaku-test
MARK=.zaitaku-pg-cluster

usage() {
	echo "usage: $0 start|stop|url DIR" >&2
	exit 2
}
[ $# -eq 2 ] || usage
cmd=$1
dir=$2

# Runs a command as the cluster's owner.
as_owner() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u "$OWNER" -- "$@"
	else
		"$@"
	fi
}

url() {
	echo "postgresql:///postgres?host=$1&user=postgres"
}

case "$cmd" in
start)
	[ -x "$PGBIN/initdb" ] || { echo "pg-cluster: $PGBIN/initdb missing (apt-get install postgresql-15)" >&2; exit 1; }
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	if [ "$(id -u)" -eq 0 ]; then
		id -u "$OWNER" >/dev/null 2>&1 ||
			useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin "$OWNER"
		chown "$OWNER" "$dir"
		if ! runuser -u "$OWNER" -- test -w "$dir"; then
			echo "pg-cluster: $OWNER cannot reach $dir (a parent directory is closed); use a directory under /tmp" >&2
			exit 1
		fi
	fi
	chmod 700 "$dir"
	touch "$dir/$MARK"
	if [ ! -f "$dir/data/PG_VERSION" ]; then
		as_owner "$PGBIN/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 ||
			{ cat "$dir/initdb.log" >&2; exit 1; }
		cat >>"$dir/data/postgresql.conf" <<EOF
# scripts/pg-cluster.sh: a Unix socket only, in $dir
listen_addresses = ''
unix_socket_directories = '$dir'
max_connections = 300
shared_buffers = 32MB
EOF
	fi
	if ! as_owner "$PGBIN/pg_ctl" -D "$dir/data" status >/dev/null 2>&1; then
		as_owner "$PGBIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start >/dev/null ||
			{ cat "$dir/server.log" >&2; exit 1; }
	fi
	url "$dir"
	;;
url)
	dir=$(cd "$dir" && pwd)
	url "$dir"
	;;
stop)
	[ -d "$dir" ] || exit 0
	dir=$(cd "$dir" && pwd)
	if [ -f "$dir/data/PG_VERSION" ]; then
		as_owner "$PGBIN/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null 2>&1 || true
	fi
	[ -f "$dir/$MARK" ] && rm -rf "$dir"
	;;
*) usage ;;
esac
