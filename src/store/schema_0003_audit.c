/* Schema step 0003: the append-only, hash-chained audit trail (issue 3 §3).
 * One row per change (and per read of patient data): who (user id, username and role copied so
 * that the row stays meaningful after the account changes), when, from where, what, which object,
 * the municipality of the object (district search), before/after JSON with secrets stripped, and
 * the chain: hash = SHA-256(prev_hash || canonical row) in hex (store_audit.c). UPDATE and DELETE
 * are refused by triggers; `zaitaku audit verify` finds any row edited behind the triggers' back. */
const char schema_0003_audit[] =
	"CREATE TABLE audit_log ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"                    /* UTC, ISO 8601 */
	"  actor_id INTEGER NOT NULL DEFAULT 0," /* 0: the system (CLI, demo, import) */
	"  actor_username TEXT NOT NULL, actor_role TEXT NOT NULL,"
	"  remote_addr TEXT NOT NULL,"           /* client address, or 'cli' */
	"  action TEXT NOT NULL,"                /* create / update / delete / read / sign_in / ... */
	"  object_type TEXT NOT NULL, object_id INTEGER NOT NULL DEFAULT 0,"
	"  municipality TEXT NOT NULL DEFAULT '',"
	"  before_json TEXT, after_json TEXT,"
	"  prev_hash TEXT NOT NULL, hash TEXT NOT NULL);"
	"CREATE INDEX audit_log_at ON audit_log(at);"
	"CREATE INDEX audit_log_object ON audit_log(object_type, object_id);"
	"CREATE INDEX audit_log_municipality ON audit_log(municipality, at);"
	"CREATE INDEX audit_log_actor ON audit_log(actor_username, at);"
	"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log"
	" BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;"
	"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log"
	" BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;";
