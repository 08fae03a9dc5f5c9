#!/bin/sh
# make lint: the layering rules of docs/architecture.md ("Layering rules, and how to check them")
# as greps that must print nothing. Prints each rule that has hits, with the hits; exits 1 then.
# Run from anywhere; part of `make check`.
set -u
cd "$(dirname "$0")/.."
fail=0

# rule NAME: reads the offending lines on stdin; any line is a failure (status 1, as the last
# command of its pipeline, so that `… | rule NAME || fail=1` records it in this shell).
rule() {
	out=$(cat)
	[ -z "$out" ] && return 0
	printf 'lint: %s\n' "$1"
	printf '%s\n' "$out" | sed 's/^/    /'
	return 1
}


grep -nE '#include <(jansson|sqlite3|microhttpd)\.h>|fopen|fprintf|getenv|time\(' src/domain/*.[ch] |
	rule 'src/domain is pure: no jansson, sqlite3, microhttpd, file I/O, environment or clock' || fail=1
grep -rhn '#include "' src/domain src/core /dev/null | grep -vE '#include "(core|domain)/' |
	rule 'src/domain and src/core include only core/ and domain/ headers' || fail=1
grep -rln 'sqlite3' src | grep -v '^src/store/' |
	rule 'driver headers (sqlite3) stay in src/store' || fail=1
grep -rln 'sqlite3\.h' src/store | grep -vE '^src/store/(db_sqlite|db_fault|store_backup)\.c$' |
	rule 'only db_sqlite.c, db_fault.c and store_backup.c include sqlite3.h' || fail=1
grep -rln 'libpq-fe\.h' src | grep -v '^src/store/db_pg\.c$' |
	rule 'only db_pg.c includes libpq-fe.h (the PostgreSQL driver)' || fail=1
grep -rnE '"[^"]*\b(SELECT|INSERT INTO|UPDATE [a-z_]+ SET|DELETE FROM|CREATE TABLE)\b' src | grep -v '^src/store/' |
	rule 'SQL is written only in src/store' || fail=1
grep -rnE '\b(strcpy|strcat|sprintf|vsprintf|gets|atoi|atol|strtok)\s*\(' src tests/unit tests/fuzz bench |
	grep -v '^src/core/banned.h:' |
	rule 'banned functions (strcpy strcat sprintf vsprintf gets atoi atol strtok)' || fail=1
grep -rn '#include "auth/' src/store |
	rule 'src/store never includes auth/' || fail=1
grep -rn '#include "store/' src/io |
	rule 'src/io never includes store/ (formats only; transactions live in src/app)' || fail=1

exit $fail
