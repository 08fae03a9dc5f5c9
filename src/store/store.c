/* Opening the store, migrations, the transaction helper with the writer mutex, backups and geography
 * views (二次医療圏, 圏域, 郡市医師会; issue 2 §4–§5, DOMAIN.md "Geography"). */
#include "store/store_internal.h"
#include "core/clock.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "store/migrations.h"
#include "store/store_keys.h"

#define TX_RETRIES 10

/* The statements of this file, prepared once per connection (db_cached). */
enum store_sql {
	SQL_PREFECTURES, SQL_MUNICIPALITIES, SQL_MEDICAL_AREAS, SQL_CARE_AREAS, SQL_ASSOCIATIONS,
	SQL_MUNICIPALITY_EXISTS, SQL_MUNICIPALITY_COUNT,
	SQL_MEDICAL_AREA_PUT, SQL_MEDICAL_AREA_LINK, SQL_CARE_AREA_PUT, SQL_CARE_AREA_LINK,
	SQL_PREFECTURE_PUT, SQL_MUNICIPALITY_PUT, SQL_MUNICIPALITY_GEO, SQL_ADJACENCY_PUT,
	SQL_ASSOCIATION_COVER, SQL_IMPORT_BATCH, SQL__MAX
};
/* Members are aggregated with a correlated subquery: json_group_array in SQLite, json_agg in PostgreSQL
 * (db_pg.c rewrites json_group_array(x) to COALESCE(json_agg(x), '[]') when it prepares them). */
static const char *const store_sql_text[SQL__MAX] = {
	[SQL_PREFECTURES] = "SELECT code, name FROM prefecture ORDER BY code",
	[SQL_MUNICIPALITIES] =
		"SELECT m.code, m.prefecture_code, m.name, m.ruby, m.type, m.parent_code, m.lat, m.lon, m.population, m.office_name, "
		" (SELECT json_group_array(b) FROM (SELECT x.b FROM municipality_adjacency x WHERE x.a = m.code ORDER BY x.b) s) AS j_neighbours "
		"FROM municipality m WHERE (CAST(? AS TEXT) IS NULL OR m.prefecture_code = ?) AND m.type <> 'prefecture' ORDER BY m.code",
	[SQL_MEDICAL_AREAS] =
		"SELECT a.id, a.prefecture_code, a.code, a.name, "
		" (SELECT json_group_array(c) FROM (SELECT m.municipality_code AS c FROM medical_area_municipality m "
		"   WHERE m.medical_area_id = a.id ORDER BY m.municipality_code) s) AS j_municipalities, "
		" (SELECT json_group_array(n) FROM (SELECT u.name AS n FROM medical_area_municipality m "
		"   JOIN municipality u ON u.code = m.municipality_code WHERE m.medical_area_id = a.id ORDER BY u.code) s) AS j_municipality_names, "
		" (SELECT SUM(u.population) FROM medical_area_municipality m JOIN municipality u ON u.code = m.municipality_code "
		"   WHERE m.medical_area_id = a.id) AS population "
		"FROM medical_area a WHERE (CAST(? AS TEXT) IS NULL OR a.prefecture_code = ?) ORDER BY a.id",
	[SQL_CARE_AREAS] =
		"SELECT a.id, a.prefecture_code, a.name, a.note, "
		" (SELECT json_group_array(c) FROM (SELECT m.municipality_code AS c FROM care_area_municipality m "
		"   WHERE m.care_area_id = a.id ORDER BY m.municipality_code) s) AS j_municipalities, "
		" (SELECT json_group_array(n) FROM (SELECT u.name AS n FROM care_area_municipality m "
		"   JOIN municipality u ON u.code = m.municipality_code WHERE m.care_area_id = a.id ORDER BY u.code) s) AS j_municipality_names, "
		" (SELECT SUM(u.population) FROM care_area_municipality m JOIN municipality u ON u.code = m.municipality_code "
		"   WHERE m.care_area_id = a.id) AS population "
		"FROM care_area a WHERE (CAST(? AS TEXT) IS NULL OR a.prefecture_code = ?) ORDER BY a.id",
	[SQL_ASSOCIATIONS] =
		"SELECT i.id, i.name, i.municipality_code, i.phone, "
		" (SELECT json_group_array(c) FROM (SELECT m.municipality_code AS c FROM association_municipality m "
		"   WHERE m.institution_id = i.id ORDER BY m.municipality_code) s) AS j_municipalities, "
		" (SELECT json_group_array(n) FROM (SELECT u.name AS n FROM association_municipality m "
		"   JOIN municipality u ON u.code = m.municipality_code WHERE m.institution_id = i.id ORDER BY u.code) s) AS j_municipality_names "
		"FROM institution i WHERE i.kind = 'medical_association' ORDER BY i.id",
	[SQL_MUNICIPALITY_EXISTS] = "SELECT COUNT(*) FROM municipality WHERE code = ?",
	[SQL_MUNICIPALITY_COUNT] = "SELECT COUNT(*) FROM municipality",
	/* The two kinds of area are one statement each (a table name is never built into the text). */
	[SQL_MEDICAL_AREA_PUT] = "INSERT INTO medical_area (prefecture_code, name) VALUES (?, ?) "
		"ON CONFLICT (prefecture_code, name) DO UPDATE SET name = excluded.name RETURNING id",
	[SQL_MEDICAL_AREA_LINK] = "INSERT INTO medical_area_municipality VALUES (?, ?) ON CONFLICT DO NOTHING",
	[SQL_CARE_AREA_PUT] = "INSERT INTO care_area (prefecture_code, name) VALUES (?, ?) "
		"ON CONFLICT (prefecture_code, name) DO UPDATE SET name = excluded.name RETURNING id",
	[SQL_CARE_AREA_LINK] = "INSERT INTO care_area_municipality VALUES (?, ?) ON CONFLICT DO NOTHING",
	[SQL_PREFECTURE_PUT] = "INSERT INTO prefecture (code, name) VALUES (?, ?) ON CONFLICT (code) DO UPDATE SET name = excluded.name",
	[SQL_MUNICIPALITY_PUT] =
		"INSERT INTO municipality (code, prefecture_code, name, ruby, type, parent_code) VALUES (?, ?, ?, ?, ?, ?) "
		"ON CONFLICT (code) DO UPDATE SET name = excluded.name, ruby = excluded.ruby, type = excluded.type, "
		"parent_code = excluded.parent_code",
	/* the demo's positions and populations (issue 12: each with its source) */
	[SQL_MUNICIPALITY_GEO] = "UPDATE municipality SET lat = ?, lon = ?, population = ?, position_source = 'demo', "
		"population_source = 'デモデータ（令和2年国勢調査の概数）', population_year = 2020 WHERE code = ?",
	[SQL_ADJACENCY_PUT] = "INSERT INTO municipality_adjacency (a, b) VALUES (?, ?), (?, ?) ON CONFLICT DO NOTHING",
	[SQL_ASSOCIATION_COVER] = "INSERT INTO association_municipality VALUES (?, ?) ON CONFLICT DO NOTHING",
	[SQL_IMPORT_BATCH] = "INSERT INTO import_batch (kind, source, imported_at, lines, inserted, updated, unknown_symbols) "
			     "VALUES (?, ?, ?, ?, ?, ?, ?)",
};
static const struct db_sql_table store_sql = {STORE_SQL_STORE, SQL__MAX, store_sql_text};

enum zt_err store_db_err(struct store *st, int status, struct zt_error *e)
{
	switch (status) {
	case DB_DONE:
	case DB_ROW: return ZT_OK;
	case DB_SOFT_ERROR: return zt_fail(e, ZT_ERR_BUSY, "", "データベースが混み合っています。少し待って再度お試しください。");
	case DB_CONSTRAINT: return zt_fail(e, ZT_ERR_CONFLICT, "", "既存のデータと重複するか、参照先が存在しません。");
	case DB_IO_ERROR:
		/* I/O error or disk full (SECURITY.md "faults"): 503, and store_tx retries the transaction */
		fprintf(stderr, "zaitaku: storage I/O error: %s\n", db_errmsg(st->db));
		return zt_fail(e, ZT_ERR_BUSY, "", "データベースに書き込めませんでした（記憶装置の障害）。しばらく待って再度お試しください。");
	default:
		/* The driver's message goes to the server log only: errors never leak SQL to clients. */
		fprintf(stderr, "zaitaku: storage error: %s\n", db_errmsg(st->db));
		return zt_fail(e, ZT_ERR_DB, "", "データベースの処理に失敗しました。");
	}
}

int store_schema_version(struct store *st)
{
	int64_t v = 0;
	db_scalar_int(st->db, &v, "SELECT version FROM schema_version", "");
	return (int)v;
}

/* PostgreSQL: every pending step in one transaction under an advisory lock, so that servers starting
 * together migrate once (the second waits, then finds the schema current). */
static enum zt_err migrate_pg(struct store *st, struct zt_error *e)
{
	int rc = db_exec(st->db, "BEGIN");
	if (rc >= 0)
		rc = db_exec(st->db, "SELECT pg_advisory_xact_lock(1515470155)"); /* "ZTAK" */
	if (rc >= 0)
		rc = db_exec(st->db, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
	int64_t rows = 0;
	if (rc >= 0)
		rc = db_scalar_int(st->db, &rows, "SELECT COUNT(*) FROM schema_version", "");
	if (rc >= 0 && rows == 0)
		rc = db_run(st->db, "INSERT INTO schema_version (version) VALUES (0)", "");
	int v = rc >= 0 ? store_schema_version(st) : 0;
	st->created = v == 0;
	for (; rc >= 0 && v < migrations_count(); v++) {
		rc = db_exec(st->db, migrations_sql_pg(v + 1));
		if (rc >= 0)
			rc = db_run(st->db, "UPDATE schema_version SET version = ?", "i", (int64_t)(v + 1));
		if (rc < 0)
			fprintf(stderr, "zaitaku: migration %d failed: %s\n", v + 1, db_errmsg(st->db));
	}
	if (rc >= 0)
		rc = db_exec(st->db, "COMMIT");
	if (rc < 0) {
		enum zt_err r = store_db_err(st, rc, e);
		db_exec(st->db, "ROLLBACK");
		return r;
	}
	return ZT_OK;
}

static enum zt_err migrate(struct store *st, struct zt_error *e)
{
	if (st->pg)
		return migrate_pg(st, e);
	if (db_exec(st->db, "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)") < 0)
		return store_db_err(st, DB_HARD_ERROR, e);
	int64_t rows = 0;
	db_scalar_int(st->db, &rows, "SELECT COUNT(*) FROM schema_version", "");
	if (rows == 0 && db_run(st->db, "INSERT INTO schema_version (version) VALUES (0)", "") < 0)
		return store_db_err(st, DB_HARD_ERROR, e);
	st->created = store_schema_version(st) == 0;
	for (;;) {
		int v = store_schema_version(st);
		if (v >= migrations_count()) {
			/* what `zaitaku restore` checks to recognise one of ours */
			if (db_set_identity(st->db, MIGRATIONS_APPLICATION_ID, v) < 0)
				return store_db_err(st, DB_HARD_ERROR, e);
			return ZT_OK;
		}
		int rc = db_begin(st->db);
		if (rc < 0)
			return store_db_err(st, rc, e);
		/* Re-read inside the write lock: another process may have migrated meanwhile. */
		v = store_schema_version(st);
		if (v >= migrations_count()) {
			db_rollback(st->db);
			continue;
		}
		rc = db_exec(st->db, migrations_sql(v + 1));
		if (rc >= 0)
			rc = db_run(st->db, "UPDATE schema_version SET version = ?", "i", (int64_t)(v + 1));
		if (rc >= 0)
			rc = db_commit(st->db);
		if (rc < 0) {
			fprintf(stderr, "zaitaku: migration %d failed: %s\n", v + 1, db_errmsg(st->db));
			db_rollback(st->db);
			return zt_fail(e, ZT_ERR_DB, "", "schema migration %d failed", v + 1);
		}
	}
}

/* Rows without a folded search text (from before migration 0009, or written by SQL that does not
 * set it) get one on open (issue 12 §6). */
static enum zt_err search_keys_tx(struct store *st, void *ctx, struct zt_error *e)
{
	(void)ctx;
	return store_facility_search_refresh(st, false, e);
}

struct store *store_open(const char *path, struct zt_error *e)
{
	return store_open_opts(path, NULL, e);
}

struct store *store_open_opts(const char *path, const struct store_options *o, struct zt_error *e)
{
	char err[512];
	int pg = db_is_pg(path);
	struct db *db = pg ? db_open_pg(path, err, sizeof err) : db_open_sqlite(path, err, sizeof err);
	if (db == NULL) {
		zt_fail(e, ZT_ERR_IO, "db", "%s", err);
		return NULL;
	}
	struct store *st = calloc(1, sizeof *st);
	if (st == NULL) {
		db_close(db);
		zt_fail(e, ZT_ERR_NOMEM, "", "out of memory");
		return NULL;
	}
	st->db = db;
	st->pg = pg;
	if (migrate(st, e) != ZT_OK || store_keys_open(st, path, o, e) != ZT_OK || store_keys_migrate(st, e) != ZT_OK ||
	    (store_facility_search_stale(st) && store_tx(st, search_keys_tx, NULL, e) != ZT_OK)) {
		store_close(st);
		return NULL;
	}
	return st;
}

void store_close(struct store *st)
{
	if (st == NULL)
		return;
	db_close(st->db);
	store_keys_wipe(st);
	free(st);
}

/*
 * SQLite has one writer at a time. Writers of this process queue on a mutex instead of meeting
 * SQLITE_BUSY, whose busy handler sleeps in growing steps and makes the tail latency of a write
 * burst several times its median; other processes (the CLI during `serve`) still meet the busy
 * timeout and the retries below. PostgreSQL writers of all processes queue on the writers' advisory
 * lock instead (db_pg.c p_begin), which this process's mutex would only duplicate; a conflict left
 * (a serialization failure against a write outside store_tx, a deadlock, a lock timeout) is a
 * DB_SOFT_ERROR, retried after a short random pause.
 */
static pthread_mutex_t writer_mutex = PTHREAD_MUTEX_INITIALIZER;

static enum zt_err tx_attempts(struct store *st, store_tx_fn fn, void *ctx, struct zt_error *e)
{
	int replay = 0; /* the next attempt replays an aborted transaction: no conflict to wait out */
	for (int attempt = 0;; attempt++) {
		if (attempt > 0 && st->pg && !replay)
			usleep(1000u * (unsigned)attempt + (unsigned)(rand() % 4000)); /* spread the retries of conflicting writers */
		replay = 0;
		int rc = audit_tx_begin(st); /* db_begin, with the audit chain's head on PostgreSQL */
		if (rc == DB_SOFT_ERROR && attempt < TX_RETRIES) {
			usleep(10000u * (unsigned)(attempt + 1));
			continue;
		}
		if (rc < 0)
			return store_db_err(st, rc, e);
		st->in_tx = 1;
		enum zt_err r = fn(st, ctx, e);
		st->in_tx = 0;
		if (db_tx_replay(st->db)) { /* whatever fn made of the abort: run it again (db_pg.c) */
			db_rollback(st->db);
			zt_error_clear(e);
			replay = 1;
			if (attempt < TX_RETRIES)
				continue;
			return store_db_err(st, DB_SOFT_ERROR, e);
		}
		if (r != ZT_OK) {
			db_rollback(st->db);
			if (r == ZT_ERR_BUSY && attempt < TX_RETRIES) {
				zt_error_clear(e);
				continue;
			}
			return r;
		}
		rc = db_commit(st->db);
		if (rc >= 0)
			return ZT_OK;
		if (rc == DB_SOFT_ERROR && attempt < TX_RETRIES) {
			db_rollback(st->db);
			continue;
		}
		r = store_db_err(st, rc, e); /* before the rollback replaces the driver's message */
		db_rollback(st->db);
		return r;
	}
}

enum zt_err store_tx(struct store *st, store_tx_fn fn, void *ctx, struct zt_error *e)
{
	if (st->in_tx) /* nested: run inside the outer transaction */
		return fn(st, ctx, e);
	if (!st->pg)
		pthread_mutex_lock(&writer_mutex);
	enum zt_err r = tx_attempts(st, fn, ctx, e);
	st->chain.known = 0; /* the head a transaction saw is not the next one's */
	if (!st->pg)
		pthread_mutex_unlock(&writer_mutex);
	return r;
}

int store_read_begin(struct store *st)
{
	if (st->in_tx || st->in_read)
		return 0;
	if (db_begin_read(st->db) != DB_DONE)
		return 0; /* the statements then run in autocommit: still correct, one snapshot each */
	st->in_read = 1;
	return 1;
}

void store_read_end(struct store *st, int began)
{
	if (!began)
		return;
	if (db_commit(st->db) != DB_DONE)
		db_rollback(st->db); /* a read-only transaction has nothing to lose */
	st->in_read = 0;
}

enum zt_err store_backup(struct store *st, const char *path, struct zt_error *e)
{
	if (db_backup_to(st->db, path) < 0)
		return zt_fail(e, ZT_ERR_IO, "file", "バックアップを %s に書き込めませんでした。", path);
	return ZT_OK;
}

/* The JSON value of column i of q's row, typed by the column's name (see store_rows_json); *name
 * is advanced past a type prefix. NULL only when out of memory. */
static json_t *col_json(struct db_stmt *q, int i, const char **name)
{
	const char *n = *name;
	if (db_col_is_null(q, i))
		return json_null();
	if (strncmp(n, "n_", 2) == 0 || strcmp(n, "id") == 0 || strstr(n, "_id") || strcmp(n, "population") == 0 ||
	    strcmp(n, "known") == 0 || strcmp(n, "active") == 0)
		return json_integer(db_col_int(q, i));
	if (strcmp(n, "lat") == 0 || strcmp(n, "lon") == 0)
		return json_real(db_col_double(q, i));
	if (strncmp(n, "j_", 2) == 0) { /* a JSON array aggregated in SQL */
		*name = n + 2;
		json_t *v = json_loads(db_col_text(q, i), 0, NULL);
		return v ? v : json_array();
	}
	return json_string(db_col_text(q, i));
}

json_t *store_rows_json(struct db_stmt *q)
{
	if (q == NULL)
		return NULL;
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		json_t *o = json_object();
		for (int i = 0; i < db_col_count(q); i++) {
			const char *name = db_col_name(q, i);
			json_t *v = col_json(q, i, &name);
			if (strncmp(name, "n_", 2) == 0)
				name += 2;
			json_object_set_new(o, name, v);
		}
		json_array_append_new(arr, o);
	}
	if (rc != DB_DONE)
		fprintf(stderr, "zaitaku: storage error while reading rows: %s\n",
			db_errmsg(((struct db_stmt_head *)q)->db));
	db_release(q);
	if (rc != DB_DONE) {
		json_decref(arr);
		return NULL;
	}
	return arr;
}

/* ---- geography ---- */

json_t *store_prefectures(struct store *st)
{
	return store_rows_json(db_cached(st->db, &store_sql, SQL_PREFECTURES, ""));
}

json_t *store_municipalities(struct store *st, const char *pref)
{
	return store_rows_json(db_cached(st->db, &store_sql, SQL_MUNICIPALITIES, "ss", pref, pref));
}

json_t *store_medical_areas(struct store *st, const char *pref)
{
	return store_rows_json(db_cached(st->db, &store_sql, SQL_MEDICAL_AREAS, "ss", pref, pref));
}

json_t *store_care_areas(struct store *st, const char *pref)
{
	return store_rows_json(db_cached(st->db, &store_sql, SQL_CARE_AREAS, "ss", pref, pref));
}

json_t *store_medical_associations(struct store *st)
{
	return store_rows_json(db_cached(st->db, &store_sql, SQL_ASSOCIATIONS, ""));
}

bool store_municipality_exists(struct store *st, const char *code)
{
	int64_t n = 0;
	db_scalar_cached(st->db, &n, &store_sql, SQL_MUNICIPALITY_EXISTS, "s", code);
	return n > 0;
}

int64_t store_municipality_count(struct store *st)
{
	int64_t n = 0;
	db_scalar_cached(st->db, &n, &store_sql, SQL_MUNICIPALITY_COUNT, "");
	return n;
}

enum zt_err store_prefecture_put(struct store *st, const char *code, const char *name)
{
	return store_db_err(st, db_run_cached(st->db, &store_sql, SQL_PREFECTURE_PUT, "ss", code, name), NULL);
}

enum zt_err store_municipality_put(struct store *st, const char *code, const char *pref, const char *name,
				   const char *ruby, const char *type, const char *parent)
{
	return store_db_err(st, db_run_cached(st->db, &store_sql, SQL_MUNICIPALITY_PUT, "ssssss", code, pref, name, ruby, type, parent && *parent ? parent : NULL), NULL);
}

enum zt_err store_municipality_set_geo(struct store *st, const char *code, double lat, double lon, long population)
{
	return store_db_err(st, db_run_cached(st->db, &store_sql, SQL_MUNICIPALITY_GEO, "ddIs", lat, lon, (int64_t)population, code), NULL);
}

/* put and link: the statements of one kind of area (SQL_*_AREA_PUT, SQL_*_AREA_LINK). */
static enum zt_err put_area(struct store *st, enum store_sql put, enum store_sql link, const char *pref,
			    const char *name, const char *const *munis, int64_t *id)
{
	int rc = db_scalar_cached(st->db, id, &store_sql, put, "ss", pref, name);
	if (rc < 0)
		return store_db_err(st, rc, NULL);
	for (; munis && *munis; munis++) {
		rc = db_run_cached(st->db, &store_sql, link, "is", *id, *munis);
		if (rc != DB_DONE)
			return store_db_err(st, rc, NULL);
	}
	return ZT_OK;
}

enum zt_err store_medical_area_put(struct store *st, const char *pref, const char *name, const char *const *munis, int64_t *id)
{
	return put_area(st, SQL_MEDICAL_AREA_PUT, SQL_MEDICAL_AREA_LINK, pref, name, munis, id);
}

enum zt_err store_care_area_put(struct store *st, const char *pref, const char *name, const char *const *munis, int64_t *id)
{
	return put_area(st, SQL_CARE_AREA_PUT, SQL_CARE_AREA_LINK, pref, name, munis, id);
}

enum zt_err store_adjacency_put(struct store *st, const char *a, const char *b)
{
	int rc = db_run_cached(st->db, &store_sql, SQL_ADJACENCY_PUT, "ssss", a, b, b, a);
	return store_db_err(st, rc, NULL);
}

enum zt_err store_association_cover(struct store *st, int64_t institution_id, const char *municipality)
{
	int rc = db_run_cached(st->db, &store_sql, SQL_ASSOCIATION_COVER, "is", institution_id, municipality);
	return store_db_err(st, rc, NULL);
}

enum zt_err store_import_batch_add(struct store *st, const char *kind, const char *source, long lines,
				   long inserted, long updated, const char *unknown_symbols)
{
	char now[21];
	zt_now_utc(now);
	return store_db_err(st, db_run_cached(st->db, &store_sql, SQL_IMPORT_BATCH, "sssiiis", kind, source, now, (int64_t)lines, (int64_t)inserted,
		(int64_t)updated, unknown_symbols), NULL);
}

/* Grows *arr (of elements of size sz) to hold one more; returns the new zeroed slot. */
void *store_push(void **arr, size_t *n, size_t *cap, size_t sz)
{
	if (*n == *cap) {
		size_t nc = *cap ? *cap * 2 : 16;
		void *p = realloc(*arr, nc * sz);
		if (p == NULL)
			abort(); /* out of memory may abort (architecture.md) */
		*arr = p;
		*cap = nc;
	}
	void *slot = (char *)*arr + (*n)++ * sz;
	memset(slot, 0, sz);
	return slot;
}
