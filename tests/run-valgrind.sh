#!/bin/sh
# Memory check under valgrind (SECURITY.md "memory safety": once under valgrind, 0 reports).
# Usage: tests/run-valgrind.sh [BUILD]   (a non-sanitized build: make BUILD=build-vg first)
#   1. every unit-test binary of BUILD under valgrind --leak-check=full;
#   2. the API smoke tests (facilities, security) with the server and every CLI call under valgrind.
# One-time allocations inside fontconfig/pango are suppressed (tests/valgrind.supp). Fails when
# a binary fails or any valgrind log is not empty; logs stay in $TMPDIR/zaitaku-vg.*/.
set -u
build=${1:-build}
root=$(cd "$(dirname "$0")/.." && pwd)
bin="$root/$build/zaitaku"
[ -x "$bin" ] || { echo "no $bin: make BUILD=$build first" >&2; exit 2; }
logs=$(mktemp -d "${TMPDIR:-/tmp}/zaitaku-vg.XXXXXX")
vg="valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect,possible --suppressions=$root/tests/valgrind.supp"
fail=0
for t in "$root/$build"/tests/test_*; do
	case "$t" in *.d|*.o) continue ;; esac
	[ -x "$t" ] || continue
	if $vg --log-file="$logs/$(basename "$t").log" "$t" >/dev/null 2>&1; then
		echo "valgrind ok: $(basename "$t")"
	else
		echo "valgrind FAIL: $(basename "$t") (see $logs/$(basename "$t").log)"
		fail=1
	fi
done
cat >"$logs/zaitaku" <<EOS
#!/bin/sh
exec $vg --log-file=$logs/serve-%p.log $bin "\$@"
EOS
chmod +x "$logs/zaitaku"
ZAITAKU_BIN="$logs/zaitaku" ZAITAKU_WEB="$root/web" ZAITAKU_ROOT="$root" \
	node --test --test-concurrency=1 --test-timeout=900000 "$root/tests/api/facilities.test.mjs" \
	"$root/tests/api/security.test.mjs" >"$logs/api.log" 2>&1 || { echo "API tests under valgrind failed ($logs/api.log)"; fail=1; }
n=0
for f in "$logs"/serve-*.log; do
	[ -e "$f" ] || continue
	n=$((n + 1))
	if [ -s "$f" ]; then echo "valgrind report: $f"; fail=1; fi
done
echo "valgrind: $n server/CLI processes checked; logs in $logs"
exit $fail
