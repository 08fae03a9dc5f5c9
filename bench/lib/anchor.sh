# Shared by the benchmarks that measure zaitaku beside nginx (bench/readpath.sh, bench/callchain.sh);
# sourced (not run by bench/run.sh) after setting `name` (the script's name, for messages and the
# temporary directory) and `keep` (non-empty: keep the temporary directory). Checks for wrk and
# nginx, makes $tmp, and on exit stops the servers whose ids are in $pid (zaitaku) and $npid (nginx).
# Defines freeport, wait_up URL, and nginx_start PORT WORKERS LOCATIONS (nginx on loopback serving
# $tmp/www with the given server-level directives; sets npid).
command -v wrk >/dev/null || { echo "$name.sh: wrk is not installed (scripts/install-deps.sh)"; exit 1; }
nginx=$(command -v nginx || echo /usr/sbin/nginx)
[ -x "$nginx" ] || { echo "$name.sh: nginx is not installed (nginx-light; scripts/install-deps.sh)"; exit 1; }
tmp=$(mktemp -d "/tmp/zaitaku-$name-XXXXXX")
pid=
npid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	[ -n "$npid" ] && kill "$npid" 2>/dev/null && wait "$npid" 2>/dev/null
	[ -n "$keep" ] || rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
freeport() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_up() {
	for _ in $(seq 200); do
		curl -sf "$1" >/dev/null 2>&1 && return 0
		sleep 0.05
	done
	echo "$name.sh: $1 did not come up"; exit 1
}
# The config lives in the temporary directory only.
nginx_start() {
	mkdir -p "$tmp/www" "$tmp/nginx"
	chmod a+rx "$tmp" # nginx's workers drop root privileges to read the files
	cat >"$tmp/nginx/nginx.conf" <<CONF
daemon off;
worker_processes $2;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log;
events { worker_connections 1024; }
http {
	access_log off;
	client_body_temp_path $tmp/nginx/body;
	proxy_temp_path $tmp/nginx/proxy;
	fastcgi_temp_path $tmp/nginx/fastcgi;
	uwsgi_temp_path $tmp/nginx/uwsgi;
	scgi_temp_path $tmp/nginx/scgi;
	keepalive_requests 1000000;
	server {
		listen 127.0.0.1:$1;
		root $tmp/www;
		default_type application/json;
$3
	}
}
CONF
	"$nginx" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" 2>"$tmp/nginx/stderr" &
	npid=$!
}
