#!/bin/sh
# Do two builds give the same call chains? Asks both for the call chains of the same patients at the
# same moments, on copies of one database, and compares the replies byte for byte (status and body).
# The database is the demo region with CALLCHAIN_SAME_PATIENTS patients (bench/callchain_gen) in
# three variants of the group's settings: as the demo leaves them; with the 青葉区 rule (the acute
# hospital on night duty first), discharge-origin hospitals after the group's, and the 24h nurse
# station first, with the absent doctor on two duties of his absence, one of them with an accepted
# 代診 substitute; and with the 在後病 standing in the 副主治医's place at night, with free beds. The moments: tomorrow
# night and day (the demo's absent doctor and his accepted 代診 substitutes), a weekday afternoon, a
# late evening, a weekend morning, New Year's Eve and New Year's night, and a night past the duties.
# The patients: the demo's, one in nine of the generated ones, and one the token may not read (403).
# Usage: bench/callchain_same.sh OLD_ZAITAKU NEW_ZAITAKU   (exit 1 when a reply differs)
#   env: CALLCHAIN_SAME_PATIENTS=200 CALLCHAIN_SAME_KEEP=1
set -eu
[ $# = 2 ] || { echo "usage: bench/callchain_same.sh OLD_ZAITAKU NEW_ZAITAKU"; exit 2; }
old=$1 new=$2
root=$(cd "$(dirname "$0")/.." && pwd)
gen="$root/build/bench/callchain_gen"
[ -x "$gen" ] || { echo "callchain_same.sh: $gen is missing (make build/bench/callchain_gen)"; exit 1; }
tmp=$(mktemp -d /tmp/zaitaku-ccsame-XXXXXX)
pid=
cleanup() {
	[ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
	[ -n "${CALLCHAIN_SAME_KEEP:-}" ] || rm -rf "$tmp"
}
trap cleanup EXIT INT TERM

db="$tmp/base.db"
"$old" --db "$db" init >/dev/null
"$old" --db "$db" demo >/dev/null
"$gen" "$db" "${CALLCHAIN_SAME_PATIENTS:-200}" >/dev/null
token=$("$old" --db "$db" user token demo-doctor --read-only --name callchain-same 2>/dev/null)
day() { TZ=Asia/Tokyo date -d "+$1 day" +%Y-%m-%d; }
year=$(TZ=Asia/Tokyo date +%Y)
group=$(sqlite3 "$db" 'SELECT group_id FROM care_team WHERE group_id IS NOT NULL LIMIT 1')
hospitals=$(sqlite3 "$db" "SELECT m.institution_id FROM care_group_member m JOIN institution i ON i.id = m.institution_id
	WHERE m.group_id = $group AND i.kind = 'hospital' ORDER BY m.institution_id")
h1=$(echo "$hospitals" | sed -n 1p)
h2=$(sqlite3 "$db" "SELECT discharge_hospital_id FROM care_team WHERE discharge_hospital_id <> $h1 LIMIT 1")
backup=$(sqlite3 "$db" 'SELECT hospital_id FROM backup_registration WHERE ended_on IS NULL LIMIT 1')
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
copy() { for f in "" .audit-key .secret-key; do cp "$1$f" "$2$f"; done; } # with its key files
# The variants (SQL on a copy of the base).
copy "$db" "$tmp/v0.db"
copy "$db" "$tmp/v1.db"
sqlite3 "$tmp/v1.db" "INSERT INTO network_rule (group_id, discharge_origin_first, night_acute_first, updated_at)
	VALUES ($group, 0, 1, '$now');
	INSERT OR IGNORE INTO hospital_night_duty (group_id, duty_date, hospital_id, created_at) VALUES
	($group, '$(day 0)', ${h2:-$h1}, '$now'), ($group, '$(day 2)', ${h2:-$h1}, '$now'), ($group, '$(day 5)', $h1, '$now'),
	($group, '$year-12-31', $h1, '$now'), ($group, '$year-12-31', ${h2:-$h1}, '$now');
	UPDATE duty SET practitioner_id = (SELECT practitioner_id FROM absence) WHERE id IN
	(SELECT MIN(id) FROM duty WHERE duty_date IN ('$(day 1)', '$(day 3)') GROUP BY duty_date);
	INSERT INTO substitution (absence_id, duty_id, practitioner_id, accepted_at, accepted_by)
	SELECT a.id, d.id, (SELECT MAX(p.id) FROM practitioner p JOIN care_group_member m ON m.institution_id = p.institution_id
	AND m.group_id = $group WHERE p.role = 'doctor' AND p.id <> a.practitioner_id), '$now', 'bench'
	FROM absence a JOIN duty d ON d.practitioner_id = a.practitioner_id AND d.duty_date = '$(day 1)';
	INSERT INTO duty_setting (group_id, day_start, day_end, saturday_holiday, nurse_first, bed_stale_hours)
	VALUES ($group, 540, 1080, 1, 1, 12) ON CONFLICT (group_id) DO UPDATE SET nurse_first = 1, saturday_holiday = 1"
copy "$db" "$tmp/v2.db"
sqlite3 "$tmp/v2.db" "INSERT INTO network_rule (group_id, discharge_origin_first, night_acute_first,
	backup_secondary_hospital_id, updated_at) VALUES ($group, 1, 0, ${backup:-$h1}, '$now');
	UPDATE bed_report SET free = 3 WHERE hospital_id = $h1"

# The requests.
sqlite3 "$db" "SELECT id FROM patient WHERE id NOT IN (SELECT patient_id FROM care_team WHERE group_id IS NOT NULL)
	ORDER BY id LIMIT 1" >"$tmp/ids"
sqlite3 "$db" "SELECT id FROM patient WHERE fictional = 1 AND name NOT LIKE '%ベンチ%' ORDER BY id" >>"$tmp/ids" || true
sqlite3 "$db" "SELECT patient_id FROM care_team WHERE group_id IS NOT NULL ORDER BY patient_id" |
	awk 'NR <= 14 || NR % 9 == 0' >>"$tmp/ids"
sort -n -u "$tmp/ids" -o "$tmp/ids"
at() { printf '%sT%s%%2B09:00' "$1" "$2"; }
moments="$(at "$(day 1)" 02:00:00) $(at "$(day 1)" 14:00:00) $(at "$(day 1)" 22:00:00) $(at "$(day 2)" 02:00:00) $(at "$(day 3)" 22:00:00) $(at "$(day 2)" 14:00:00) $(at "$(day 5)" 22:00:00)
$(at "$(day 4)" 10:00:00) $(at "$year-12-31" 21:30:00) $(at "$((year + 1))-01-01" 03:00:00) $(at "$(day 60)" 23:00:00)"
ask() { # ask BINARY DB OUTDIR
	port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
	"$1" --db "$2" serve --listen "127.0.0.1:$port" --threads 2 2>>"$tmp/server.log" &
	pid=$!
	for _ in $(seq 200); do curl -sf "http://127.0.0.1:$port/api/v1/health" >/dev/null 2>&1 && break; sleep 0.05; done
	mkdir -p "$3"
	{
		echo "header = \"Authorization: Bearer $token\""
		for p in $(cat "$tmp/ids"); do
			k=0
			for m in $moments; do
				k=$((k + 1))
				echo "url = \"http://127.0.0.1:$port/api/v1/patients/$p/call-chain?at=$m\""
				echo "output = \"$3/$p-$k.json\""
			done
		done
	} >"$tmp/curl.cfg"
	curl -s -K "$tmp/curl.cfg" -w '%{http_code}\n' >"$3/status" || true
	kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
}
differ=0
for v in v0 v1 v2; do
	copy "$tmp/$v.db" "$tmp/$v-old.db"
	copy "$tmp/$v.db" "$tmp/$v-new.db"
	ask "$old" "$tmp/$v-old.db" "$tmp/$v-old"
	ask "$new" "$tmp/$v-new.db" "$tmp/$v-new"
	n=$(ls "$tmp/$v-old" | grep -c json)
	if diff -r -q "$tmp/$v-old" "$tmp/$v-new" >"$tmp/$v.diff"; then
		echo "$v: $n replies identical ($(sort "$tmp/$v-old/status" | uniq -c | tr -s ' ' | tr '\n' ';'))"
	else
		echo "$v: $(wc -l <"$tmp/$v.diff") of $n replies differ:"; head -5 "$tmp/$v.diff"
		differ=1
	fi
done
# What the variants show: how many replies hold each reason code (the same for both builds).
cat "$tmp"/v*-new/*.json | grep -o '"reason":"[a-z0-9_]*"' | sort | uniq -c | sort -rn | tr -s ' ' | tr '\n' ' '
echo
exit $differ
