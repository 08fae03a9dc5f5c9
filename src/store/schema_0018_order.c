/* Schema step 0018 (issue 17, the PostgreSQL driver): the obligation checklist keeps its order in a
 * column of its own (`seq`) instead of SQLite's rowid, which PostgreSQL has not. Rows of an existing
 * SQLite database take their rowid, so their order stays; a PostgreSQL database has no rows yet
 * when it reaches this step (the one statement that differs, kept side by side). */
const char schema_0018_order[] =
	"ALTER TABLE designation_item ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;"
	"UPDATE designation_item SET seq = rowid;";
const char schema_0018_order_pg[] =
	"ALTER TABLE designation_item ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;";
