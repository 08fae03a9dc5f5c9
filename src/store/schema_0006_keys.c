/* Schema step 0006: what the database records of its key files, and the signed checkpoints of the
 * audit trail (issue 11 §2–§3; store_keys.c, store_checkpoint.c).
 * key_info: 'audit_public_key' (hex Ed25519 public key) and 'secret_key_check' (hex keyed BLAKE2b of
 * a fixed text under the secret key): a key file of another database is refused on open.
 * audit_checkpoint: Ed25519 signatures over (row count, hash of the row with that id, time), written
 * every AUDIT_CHECKPOINT_EVERY rows and on every `audit verify`; append-only like audit_log. */
const char schema_0006_keys[] =
	"CREATE TABLE key_info ("
	"  name TEXT PRIMARY KEY, value TEXT NOT NULL, recorded_at TEXT NOT NULL);"
	"CREATE TABLE audit_checkpoint ("
	"  id INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"              /* UTC, ISO 8601 */
	"  rows INTEGER NOT NULL,"         /* rows in audit_log (ids 1..rows) when signed */
	"  head_hash TEXT NOT NULL,"       /* hash of the row with id = rows */
	"  public_key TEXT NOT NULL,"      /* hex Ed25519 public key that signed */
	"  signature TEXT NOT NULL);"      /* hex Ed25519 signature of audit_checkpoint_message() */
	"CREATE INDEX audit_checkpoint_rows ON audit_checkpoint(rows);"
	"CREATE TRIGGER audit_checkpoint_no_update BEFORE UPDATE ON audit_checkpoint"
	" BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only'); END;"
	"CREATE TRIGGER audit_checkpoint_no_delete BEFORE DELETE ON audit_checkpoint"
	" BEGIN SELECT RAISE(ABORT, 'audit_checkpoint is append-only'); END;";
