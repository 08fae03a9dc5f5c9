/* Municipality boundaries (issue 12 §7; see store_boundary.h). */
#include "store/store_boundary.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/clock.h"
#include "store/store_internal.h"

enum zt_err store_boundary_code6(struct store *st, const char *code5, char code6[7], struct zt_error *e)
{
	struct db_stmt *q = db_query(st->db, "SELECT code FROM municipality WHERE substr(code, 1, 5) = ? AND type <> 'prefecture'",
				     "s", code5);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		snprintf(code6, 7, "%s", db_col_text(q, 0));
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "N03_007", "行政区域コード %s の市町村は登録されていません。", code5);
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_boundary_put(struct store *st, const char *code6, const char *geometry, const char *source,
			       struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db, "INSERT INTO municipality_boundary (municipality_code, geometry, source, imported_at) "
				"VALUES (?, ?, ?, ?) ON CONFLICT (municipality_code) DO UPDATE SET geometry = excluded.geometry, "
				"source = excluded.source, imported_at = excluded.imported_at",
			"ssss", code6, geometry, source, now);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_prefecture_outline_put(struct store *st, const char *pref, const char *geometry, const char *source,
				       struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db, "INSERT INTO prefecture_boundary (prefecture_code, geometry, source, imported_at) "
				"VALUES (?, ?, ?, ?) ON CONFLICT (prefecture_code) DO UPDATE SET geometry = excluded.geometry, "
				"source = excluded.source, imported_at = excluded.imported_at",
			"ssss", pref, geometry, source, now);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_INVALID, "N03_007", "都道府県コード %s は登録されていません。", pref);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

/* Appends one feature (kind, code, name, geometry text) to b; n counts the features written. */
static void feature(struct buf *b, int *n, const char *kind, const char *code, const char *name, const char *geometry)
{
	json_t *js = json_string(name);
	char *nm = js ? json_dumps(js, JSON_ENCODE_ANY | JSON_COMPACT) : NULL;
	json_decref(js);
	buf_addf(b, "%s{\"type\":\"Feature\",\"properties\":{\"kind\":\"%s\",\"code\":\"%s\",\"name\":%s},\"geometry\":",
		 (*n)++ ? "," : "", kind, code, nm ? nm : "\"\"");
	buf_add(b, geometry);
	buf_add(b, "}");
	free(nm);
}

char *store_boundaries_geojson(struct store *st, const char *pref, size_t *len)
{
	struct db_stmt *q = db_query(st->db,
		"SELECT b.municipality_code, m.name, b.geometry FROM municipality_boundary b "
		"JOIN municipality m ON m.code = b.municipality_code WHERE m.prefecture_code = ? ORDER BY b.municipality_code",
		"s", pref);
	if (q == NULL)
		return NULL;
	struct buf b;
	buf_init(&b, BUF_UNCAPPED);
	buf_add(&b, "{\"type\":\"FeatureCollection\",\"features\":[");
	int rc, n = 0;
	while ((rc = db_step(q)) == DB_ROW)
		feature(&b, &n, "municipality", db_col_text(q, 0), db_col_text(q, 1), db_col_text(q, 2));
	db_finalize(q);
	if (rc == DB_DONE) { /* the prefecture's outline last: drawn over its municipalities */
		q = db_query(st->db, "SELECT b.prefecture_code, p.name, b.geometry FROM prefecture_boundary b "
				     "JOIN prefecture p ON p.code = b.prefecture_code WHERE b.prefecture_code = ?", "s", pref);
		rc = q ? DB_DONE : DB_HARD_ERROR;
		while (q && (rc = db_step(q)) == DB_ROW)
			feature(&b, &n, "prefecture", db_col_text(q, 0), db_col_text(q, 1), db_col_text(q, 2));
		db_finalize(q);
	}
	buf_add(&b, "]}");
	if (rc != DB_DONE) {
		buf_free(&b);
		return NULL;
	}
	return buf_take(&b, len); /* NULL when the buffer failed */
}
