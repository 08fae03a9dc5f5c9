/*
 * Schema step 0010: each import kept as a record, and filings that end (issue 12 §4).
 *   import_batch.file_name   the file's name as uploaded (or given on the command line)
 *   import_batch.sha256      SHA-256 (hex) of the file's bytes
 *   import_batch.actor_id / actor_name   who imported (0 / 'system' for the CLI)
 *   import_batch.as_of       the list's own date (「令和6年11月1日現在」), ISO; NULL when it has none
 *   import_batch.unchanged, ended, standards_gained, standards_lost   counts of the change report
 *   institution_filing_end   a 届出 that was on an earlier list and is absent from a later one: kept
 *                            with the date it ended (the new list's date, else the import's day)
 *                            and the batch that ended it, so that nothing is silently kept or lost.
 */
const char schema_0010_imports[] =
	"ALTER TABLE import_batch ADD COLUMN file_name TEXT;"
	"ALTER TABLE import_batch ADD COLUMN sha256 TEXT;"
	"ALTER TABLE import_batch ADD COLUMN actor_id INTEGER;"
	"ALTER TABLE import_batch ADD COLUMN actor_name TEXT;"
	"ALTER TABLE import_batch ADD COLUMN as_of TEXT;"
	"ALTER TABLE import_batch ADD COLUMN unchanged INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE import_batch ADD COLUMN ended INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE import_batch ADD COLUMN standards_gained INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE import_batch ADD COLUMN standards_lost INTEGER NOT NULL DEFAULT 0;"
	"CREATE INDEX import_batch_kind ON import_batch(kind, id);"
	"CREATE TABLE institution_filing_end ("
	"  institution_id INTEGER NOT NULL REFERENCES institution(id) ON DELETE CASCADE,"
	"  symbol TEXT NOT NULL, filing_name TEXT, number TEXT, start_date TEXT,"
	"  standard TEXT,"                      /* our code when the symbol maps to one */
	"  ended_on TEXT NOT NULL,"
	"  import_batch_id INTEGER REFERENCES import_batch(id));"
	"CREATE INDEX institution_filing_end_i ON institution_filing_end(institution_id);";
