#!/bin/sh
# Integration tests through the real binary and HTTP (tests/api), then browser tests
# (tests/browser, playwright-core driving Debian's chromium). ZAITAKU_BIN names the binary.
set -eu
: "${ZAITAKU_BIN:?set ZAITAKU_BIN to the zaitaku binary}"
here=$(cd "$(dirname "$0")" && pwd)
export ZAITAKU_BIN ZAITAKU_WEB="$here/../web" ZAITAKU_ROOT="$here/.."
# Sanitizer reports fail the run; leaks are checked in the unit tests and fuzzers.
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0:abort_on_error=1}"
echo "== API tests"
node --test --test-concurrency=1 "$here"/api/*.test.mjs
if ls "$here"/browser/*.test.mjs >/dev/null 2>&1; then
	echo "== browser tests"
	node --test --test-concurrency=1 "$here"/browser/*.test.mjs
fi
