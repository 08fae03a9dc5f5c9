#!/bin/sh
# Where a call-chain request's work goes (issue 14 §Benchmarks), deterministically: callgrind counts
# the instructions of `zaitaku serve --threads 1` answering a fixed sequence of call-chain requests
# over one keep-alive connection (curl), on the demo region scaled to a few hundred patients by
# bench/callchain_gen. The sequence (patient ids in turn, three moments in turn) is the same every run,
# so two builds' counts compare whatever the machine's load. Prints instructions per request, whole
# process (start-up included) and for the functions of the request path, inclusive of their callees.
# Usage: bench/callchain_profile.sh [BUILD_DIR | ZAITAKU_BINARY]
#   env: CALLCHAIN_PROFILE_REQUESTS=500 CALLCHAIN_PROFILE_PATIENTS=200 CALLCHAIN_PROFILE_KEEP=1
#        CALLCHAIN_PROFILE_FUNCS="on_request app_call_chain …" (the functions to list)
set -eu
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/$build/zaitaku"
[ -x "$bin" ] || bin="$build/zaitaku"
[ -f "$build" ] && bin=$build # a binary itself (e.g. a copy of another commit's build)
gen="$(dirname "$bin")/bench/callchain_gen"
[ -x "$gen" ] || gen="$root/build/bench/callchain_gen" # the data does not depend on the build profiled
n=${CALLCHAIN_PROFILE_REQUESTS:-500}
patients=${CALLCHAIN_PROFILE_PATIENTS:-200}
for c in valgrind callgrind_annotate sqlite3 curl; do
	command -v $c >/dev/null || { echo "callchain_profile.sh: $c is not installed"; exit 1; }
done
[ -x "$gen" ] || { echo "callchain_profile.sh: $gen is missing (make build/bench/callchain_gen)"; exit 1; }
tmp=$(mktemp -d /tmp/zaitaku-ccprofile-XXXXXX)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	[ -n "${CALLCHAIN_PROFILE_KEEP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT INT TERM
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
wait_up() {
	for _ in $(seq 600); do
		curl -sf "$1" >/dev/null 2>&1 && return 0
		sleep 0.1
	done
	echo "callchain_profile.sh: $1 did not come up"; exit 1
}

db="$tmp/cc.db"
"$bin" --db "$db" init >/dev/null
"$bin" --db "$db" demo >/dev/null
"$gen" "$db" "$patients" >/dev/null
token=$("$bin" --db "$db" user token demo-doctor --read-only --name callchain-profile 2>/dev/null)
sqlite3 "$db" 'SELECT patient_id FROM care_team WHERE group_id IS NOT NULL ORDER BY patient_id' >"$tmp/ids"
at() { printf '%sT%s%%2B09:00' "$(TZ=Asia/Tokyo date -d "+$1 day" +%Y-%m-%d)" "$2"; }
set -- "$(at 1 02:00:00)" "$(at 2 14:00:00)" "$(at 5 22:00:00)"
# Request i: the (i mod #ids)-th patient at the (i mod 3)-th moment, as in bench/callchain.sh.
awk -v n="$n" -v port="$port" -v tok="$token" -v m1="$1" -v m2="$2" -v m3="$3" '
	{ ids[k++] = $1 }
	END {
		m[0] = m1; m[1] = m2; m[2] = m3
		printf "header = \"Authorization: Bearer %s\"\n", tok # once: it applies to every URL
		for (i = 0; i < n; i++)
			printf "url = \"http://127.0.0.1:%s/api/v1/patients/%s/call-chain?at=%s\"\noutput = /dev/null\n",
				port, ids[i % k], m[i % 3]
	}' "$tmp/ids" >"$tmp/curl.cfg"
echo "data: $(wc -l <"$tmp/ids") patients with care teams; $n call-chain requests on one keep-alive connection, 1 worker thread"

valgrind --tool=callgrind --callgrind-out-file="$tmp/cg.out" "$bin" --db "$db" serve \
	--listen "127.0.0.1:$port" --threads 1 2>"$tmp/server.log" &
pid=$!
wait_up "http://127.0.0.1:$port/api/v1/health"
codes=$(curl -s -K "$tmp/curl.cfg" -w '%{http_code}\n' | sort | uniq -c | tr -s ' ')
kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
echo "replies (count, status):$codes"

funcs=${CALLCHAIN_PROFILE_FUNCS:-"on_request session_hook_begin h_patient_call_chain app_call_chain store_patient_get
patient_policy audit_append store_team_load team_load store_team_inst store_duty_hours store_duties store_slot_duties
store_absent_on store_absence_cover store_network_rules_get store_hospital_duties_on store_night_hospital_insts
store_group_hospitals store_group_hospital_insts store_beds_get callchain_build chain_text sqlite3_step sqlite3_prepare_v2"}
echo "-- instructions per request (inclusive of callees) --"
callgrind_annotate --auto=no --inclusive=yes --threshold=100 "$tmp/cg.out" 2>/dev/null | awk -v n="$n" -v funcs="$funcs" '
	BEGIN { k = split(funcs, f, /[ \n]+/); for (i = 1; i <= k; i++) want[f[i]] = i }
	/PROGRAM TOTALS/ { t = $1; gsub(",", "", t); printf "  %10.0f  all (whole process, start-up included)\n", t / n; next }
	/^ *[0-9,]+ +\( *[0-9.]+%\) +[^ ]/ {
		c = $1; gsub(",", "", c)
		match($0, /\( *[0-9.]+%\)/); fn = substr($0, RSTART + RLENGTH); sub(/^ +/, "", fn)
		sub(/ \[.*\]$/, "", fn); sub(/^.*:/, "", fn)
		if ((fn in want) && !(fn in seen)) { seen[fn] = 1; v[want[fn]] = c / n }
	}
	END { for (i = 1; i <= k; i++) if (f[i] != "") printf "  %10.0f  %s\n", v[i], f[i] }'
