/* Schema step 0002: users, sessions, API tokens, sign-in throttling (issue 3).
 * Secrets are never stored in clear: passwords as Argon2id strings, session and API tokens as
 * BLAKE2b hashes (hex). Times used for expiry and throttling are Unix seconds (INTEGER). */
const char schema_0002_accounts[] =
	"CREATE TABLE account ("
	"  id INTEGER PRIMARY KEY,"
	"  username TEXT NOT NULL UNIQUE,"
	"  display_name TEXT NOT NULL,"
	"  role TEXT NOT NULL,"                         /* admin, prefecture, coordinator, doctor, nurse, hospital */
	"  prefecture TEXT,"                            /* prefecture role: JIS code */
	"  institution_id INTEGER REFERENCES institution(id)," /* doctor / nurse / hospital */
	"  password_hash TEXT,"                         /* NULL: token-only machine account */
	"  totp_secret TEXT,"                           /* base32, NULL when not enrolled */
	"  totp_last_step INTEGER NOT NULL DEFAULT 0,"  /* a TOTP code works once */
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE TABLE account_association ("            /* coordinator scope: 郡市医師会 institutions */
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  institution_id INTEGER NOT NULL REFERENCES institution(id),"
	"  PRIMARY KEY (account_id, institution_id));"
	"CREATE TABLE session ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  token_hash TEXT NOT NULL UNIQUE,"
	"  created_at INTEGER NOT NULL, last_seen INTEGER NOT NULL,"
	"  remote_addr TEXT);"
	"CREATE INDEX session_account ON session(account_id);"
	"CREATE TABLE api_token ("
	"  id INTEGER PRIMARY KEY,"
	"  account_id INTEGER NOT NULL REFERENCES account(id) ON DELETE CASCADE,"
	"  name TEXT NOT NULL,"
	"  token_hash TEXT NOT NULL UNIQUE,"
	"  created_at TEXT NOT NULL, last_used_at TEXT);"
	"CREATE TABLE signin_failure ("
	"  id INTEGER PRIMARY KEY,"
	"  username TEXT NOT NULL, remote_addr TEXT NOT NULL,"
	"  at INTEGER NOT NULL);"
	"CREATE INDEX signin_failure_user ON signin_failure(username, at);"
	"CREATE INDEX signin_failure_addr ON signin_failure(remote_addr, at);";
