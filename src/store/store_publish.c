/* 公表 of designations (issue 12 §8; see store_publish.h). */
#include "store/store_publish.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "store/store_internal.h"

enum zt_err store_designation_pub_state(struct store *st, int64_t id, char muni[7], int *published, struct zt_error *e)
{
	struct db_stmt *q = db_query(st->db,
		"SELECT municipality_code, published_at FROM designation WHERE id = ? AND valid_to IS NULL", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		store_copy_text(muni, 7, db_col_text(q, 0));
		*published = db_col_text(q, 1)[0] != '\0';
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定された位置付け（現在有効なもの）は見つかりません。");
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_designation_publish(struct store *st, int64_t id, const char *by, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = by ? db_run(st->db, "UPDATE designation SET published_at = ?, published_by = ? WHERE id = ?", "ssi", now, by, id)
		    : db_run(st->db, "UPDATE designation SET published_at = NULL, published_by = NULL WHERE id = ?", "i", id);
	return rc < 0 || rc == DB_CONSTRAINT ? store_db_err(st, rc, e) : ZT_OK;
}

static enum zt_err ids_of(struct store *st, const char *sql, int64_t **ids, size_t *n, struct zt_error *e);

enum zt_err store_designations_published(struct store *st, int64_t **ids, size_t *n, struct zt_error *e)
{
	return ids_of(st, "SELECT id FROM designation WHERE published_at IS NOT NULL ORDER BY id", ids, n, e);
}

enum zt_err store_designations_unpublished(struct store *st, int64_t **ids, size_t *n, struct zt_error *e)
{
	return ids_of(st, "SELECT id FROM designation WHERE published_at IS NULL AND valid_to IS NULL ORDER BY id", ids, n, e);
}

/* The first column of every row of sql into a malloc'd *ids. */
static enum zt_err ids_of(struct store *st, const char *sql, int64_t **ids, size_t *n, struct zt_error *e)
{
	*ids = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db, sql, "");
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		*(int64_t *)STORE_PUSH(*ids, *n, cap) = db_col_int(q, 0);
	db_finalize(q);
	if (rc < 0) {
		free(*ids);
		*ids = NULL;
		*n = 0;
		return store_db_err(st, rc, e);
	}
	return ZT_OK;
}

json_t *store_designations_unpublished_json(struct store *st, const char *pref, struct zt_error *e)
{
	struct db_stmt *q = db_query(st->db,
		"SELECT d.id, d.municipality_code, m.name, d.institution_id, i.name, d.role, d.plan_period, d.valid_from "
		"FROM designation d JOIN municipality m ON m.code = d.municipality_code "
		"JOIN institution i ON i.id = d.institution_id "
		"WHERE d.published_at IS NULL AND d.valid_to IS NULL AND m.prefecture_code = ? ORDER BY d.municipality_code, d.id",
		"s", pref);
	if (q == NULL) {
		store_db_err(st, DB_HARD_ERROR, e);
		return NULL;
	}
	json_t *arr = json_array();
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		json_array_append_new(arr, json_pack("{s:I, s:s, s:s, s:I, s:s, s:s, s:s, s:s}", "id", (json_int_t)db_col_int(q, 0),
						     "municipality", db_col_text(q, 1), "municipality_name", db_col_text(q, 2),
						     "institution_id", (json_int_t)db_col_int(q, 3), "institution_name",
						     db_col_text(q, 4), "role", db_col_text(q, 5), "plan_period", db_col_text(q, 6),
						     "valid_from", db_col_text(q, 7)));
	db_finalize(q);
	if (rc < 0) {
		json_decref(arr);
		store_db_err(st, rc, e);
		return NULL;
	}
	return arr;
}
