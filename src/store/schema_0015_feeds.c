/*
 * Schema step 0015: iCalendar duty feeds (issue 14 §7) — a subscription URL per doctor or group whose
 * secret token is kept only as its BLAKE2b hash (like api_token), with its owner, creation,
 * revocation and last fetch.
 *   ical_feed.kind             'doctor' (practitioner_id) or 'group' (group_id)
 *   ical_feed.token_hash       hex BLAKE2b-256 of the token in the URL; the token itself is never stored
 *   ical_feed.last_fetched_at  written at most once a minute by the public fetch
 */
const char schema_0015_feeds[] =
	"CREATE TABLE ical_feed ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL,"
	"  practitioner_id INTEGER REFERENCES practitioner(id) ON DELETE CASCADE,"
	"  group_id INTEGER REFERENCES care_group(id) ON DELETE CASCADE,"
	"  token_hash TEXT NOT NULL UNIQUE,"
	"  account_id INTEGER NOT NULL REFERENCES account(id),"
	"  created_at TEXT NOT NULL, revoked_at TEXT, last_fetched_at TEXT);"
	"CREATE INDEX ical_feed_account ON ical_feed(account_id);";
