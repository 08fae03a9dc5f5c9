/*
 * Schema step 0009: tri-state facts and the folded search text (issue 12 §3, §6).
 *   institution.h24_known, home_care_known   1 = confirmed either way; 0 = 未確認.
 *   institution.capabilities_known            bits (1 << enum capability) confirmed either way.
 *     The defaults are 0 so that rows the bureau import inserts (which never name these columns:
 *     the 施設基準 list says nothing of 24h care or capabilities) start 未確認. Rows that exist
 *     already were entered by hand and count as known — except those that look imported: a row with
 *     a bureau filing whose every fact reads "no" is exactly the imported hospital that showed
 *     「対応なし」 for "not known", so it becomes 未確認.
 *   institution.search_key                    text_search_fold of the searchable fields
 *     (facility_search_key); NULL until the store computes it (store_facility_search_refresh,
 *     run on open and after imports).
 *   institution_fact                          who confirmed which fact when: one row per fact
 *     (h24, home_care or a capability code) and institution, state 'yes' / 'no'; no row = no
 *     record (未確認, or known from before this step).
 *   municipality_boundary                     the outline of a municipality for the map (issue 12
 *     §7), imported from 国土数値情報 N03 GeoJSON: a simplified GeoJSON MultiPolygon, its source
 *     file and when it was imported; prefecture_boundary the outline of a prefecture computed from
 *     the same file (the municipality borders no other municipality of the prefecture shares).
 */
const char schema_0009_tristate[] =
	"ALTER TABLE institution ADD COLUMN h24_known INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE institution ADD COLUMN home_care_known INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE institution ADD COLUMN capabilities_known INTEGER NOT NULL DEFAULT 0;"
	"ALTER TABLE institution ADD COLUMN search_key TEXT;"
	"UPDATE institution SET h24_known = 1, home_care_known = 1, capabilities_known = 2097151"
	"  WHERE h24 <> 0 OR home_care <> 0 OR capability_mask <> 0"
	"     OR id NOT IN (SELECT institution_id FROM institution_filing);"
	/* The search's filter indexes cover the known columns too, so that the page's ids still come
	 * from the index alone (docs/benchmarks.md: registry search with three filters). */
	"DROP INDEX institution_filter;"
	"CREATE INDEX institution_filter ON institution(kind, h24, capability_mask, lat, lon, h24_known, capabilities_known);"
	"DROP INDEX institution_h24;"
	"CREATE INDEX institution_h24 ON institution(h24, capability_mask, h24_known, capabilities_known);"
	"CREATE TABLE institution_fact ("
	"  institution_id INTEGER NOT NULL REFERENCES institution(id) ON DELETE CASCADE,"
	"  fact TEXT NOT NULL,"
	"  state TEXT NOT NULL,"                  /* yes | no */
	"  confirmed_by TEXT NOT NULL,"           /* username, or system */
	"  confirmed_at TEXT NOT NULL,"           /* UTC, YYYY-MM-DDTHH:MM:SSZ */
	"  PRIMARY KEY (institution_id, fact));"
	"CREATE TABLE municipality_boundary ("
	"  municipality_code TEXT PRIMARY KEY REFERENCES municipality(code),"
	"  geometry TEXT NOT NULL,"               /* GeoJSON MultiPolygon, lon/lat */
	"  source TEXT, imported_at TEXT NOT NULL);"
	"CREATE TABLE prefecture_boundary ("      /* its outline from the same import: MultiLineString */
	"  prefecture_code TEXT PRIMARY KEY REFERENCES prefecture(code),"
	"  geometry TEXT NOT NULL, source TEXT, imported_at TEXT NOT NULL);";
