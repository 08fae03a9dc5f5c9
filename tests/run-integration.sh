#!/bin/sh
# Integration tests through the real binary and HTTP (tests/api) on SQLite, then the same API tests
# on PostgreSQL (a throwaway cluster from scripts/pg-cluster.sh, stopped at the end whatever
# happens), then browser tests (tests/browser, playwright-core driving Debian's chromium; SQLite).
# ZAITAKU_BIN names the binary. ZAITAKU_TEST_BACKENDS="sqlite postgresql" (default) picks backends;
# ZAITAKU_PG_JOBS test files run at once on PostgreSQL (default 2: one database per test file).
set -eu
: "${ZAITAKU_BIN:?set ZAITAKU_BIN to the zaitaku binary}"
here=$(cd "$(dirname "$0")" && pwd)
export ZAITAKU_BIN ZAITAKU_WEB="$here/../web" ZAITAKU_ROOT="$here/.."
# Sanitizer reports fail the run; leaks are checked in the unit tests and fuzzers.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}"
backends=${ZAITAKU_TEST_BACKENDS:-sqlite postgresql}
case " $backends " in *" sqlite "*)
	echo "== API tests (SQLite)"
	node --test --test-concurrency=1 "$here"/api/*.test.mjs
esac
case " $backends " in *" postgresql "*)
	echo "== API tests (PostgreSQL)"
	pgdir=$(mktemp -d /tmp/zaitaku-pg.XXXXXX)
	trap '"$here/../scripts/pg-cluster.sh" stop "$pgdir"' EXIT
	trap 'exit 130' INT TERM
	"$here/../scripts/pg-cluster.sh" start "$pgdir" >/dev/null
	ZAITAKU_TEST_PG="$pgdir" node --test --test-concurrency="${ZAITAKU_PG_JOBS:-2}" "$here"/api/*.test.mjs
esac
if ls "$here"/browser/*.test.mjs >/dev/null 2>&1; then
	echo "== browser tests"
	node --test --test-concurrency=1 "$here"/browser/*.test.mjs
fi
