/*
 * Schema step 0006: revocable, expiring, scoped API tokens and sign-in failures keyed by a hash
 * (issue 11 §6, §8).
 *   api_token.expires_at   "YYYY-MM-DDTHH:MM:SSZ"; NULL for tokens issued before this step, which
 *                          expire 90 days after created_at (auth/session.c computes that, because
 *                          date arithmetic is not SQL that SQLite and PostgreSQL share).
 *   api_token.scope        'full' or 'read' (GET/HEAD only).
 *   api_token.revoked_at   set when revoked (by hand, or by a password/TOTP change or disabling):
 *                          rows stay for the listing; the audit trail holds who and why.
 *   signin_failure.user_key  a keyed BLAKE2b hash (hex) of the typed username instead of its text
 *                          (people type passwords into the username field). Rows from before this
 *                          step held the text: they are deleted (throttling forgets at most an hour).
 */
const char schema_0007_tokens[] =
	"ALTER TABLE api_token ADD COLUMN expires_at TEXT;"
	"ALTER TABLE api_token ADD COLUMN scope TEXT NOT NULL DEFAULT 'full';"
	"ALTER TABLE api_token ADD COLUMN revoked_at TEXT;"
	"ALTER TABLE api_token ADD COLUMN revoked_reason TEXT;"
	"CREATE INDEX api_token_account ON api_token(account_id);"
	"DELETE FROM signin_failure;"
	"ALTER TABLE signin_failure RENAME COLUMN username TO user_key;";
