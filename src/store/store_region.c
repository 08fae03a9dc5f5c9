/* Region tables, office positions and institution positions in the database (issue 12 §1–§2; see
 * store_region.h). Statements are prepared per call: these are set-up writes and small views. */
#include "store/store_region.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_internal.h"

static const char *const view_sql[REGION__MAX] = {
	[REGION_MEDICAL_AREAS] =
		"SELECT a.name, m.municipality_code AS municipality, u.name AS municipality_name FROM medical_area a "
		"JOIN medical_area_municipality m ON m.medical_area_id = a.id JOIN municipality u ON u.code = m.municipality_code "
		"WHERE a.prefecture_code = ? ORDER BY a.id, m.municipality_code",
	[REGION_CARE_AREAS] =
		"SELECT a.name, m.municipality_code AS municipality, u.name AS municipality_name FROM care_area a "
		"JOIN care_area_municipality m ON m.care_area_id = a.id JOIN municipality u ON u.code = m.municipality_code "
		"WHERE a.prefecture_code = ? ORDER BY a.id, m.municipality_code",
	[REGION_ASSOCIATIONS] =
		"SELECT i.name, x.municipality_code AS municipality, u.name AS municipality_name, i.id AS association_id "
		"FROM association_municipality x JOIN institution i ON i.id = x.institution_id "
		"JOIN municipality u ON u.code = x.municipality_code WHERE u.prefecture_code = ? ORDER BY i.id, x.municipality_code",
	[REGION_POPULATION] =
		"SELECT u.code AS municipality, u.name AS municipality_name, u.population, u.population_source AS source, "
		"u.population_year AS n_year FROM municipality u WHERE u.prefecture_code = ? AND u.type <> 'prefecture' ORDER BY u.code",
	/* each pair once: a < b, or b across the border */
	[REGION_ADJACENCY] =
		"SELECT x.a AS municipality, u.name AS municipality_name, x.b AS neighbour, v.name AS neighbour_name "
		"FROM municipality_adjacency x JOIN municipality u ON u.code = x.a JOIN municipality v ON v.code = x.b "
		"WHERE u.prefecture_code = ? AND (x.a < x.b OR v.prefecture_code <> u.prefecture_code) ORDER BY x.a, x.b",
	[REGION_OFFICES] =
		"SELECT u.code AS municipality, u.name AS municipality_name, u.office_name, u.lat, u.lon, u.position_source "
		"FROM municipality u WHERE u.prefecture_code = ? AND u.type <> 'prefecture' ORDER BY u.code",
};

json_t *store_region_view(struct store *st, enum region_kind k, const char *pref)
{
	if ((int)k < 0 || k >= REGION__MAX)
		return NULL;
	return store_rows_json(db_query(st->db, view_sql[k], "s", pref));
}

enum zt_err store_association_find(struct store *st, const char *name, int64_t *id, struct zt_error *e)
{
	*id = 0;
	struct db_stmt *q = db_query(st->db, "SELECT id FROM institution WHERE kind = 'medical_association' AND name = ? "
					     "ORDER BY id LIMIT 1", "s", name);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		*id = db_col_int(q, 0);
	db_finalize(q);
	return rc == DB_ROW || rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

static enum zt_err run(struct store *st, int rc, struct zt_error *e)
{
	return rc < 0 || rc == DB_CONSTRAINT ? store_db_err(st, rc, e) : ZT_OK;
}

/* The areas of one kind (二次医療圏 or 圏域): members replaced, absent areas deleted. */
static enum zt_err replace_areas(struct store *st, bool medical, const char *pref, const struct region_row *rows,
				 size_t n, struct zt_error *e)
{
	const char *unlink = medical ? "DELETE FROM medical_area_municipality WHERE medical_area_id IN "
				       "(SELECT id FROM medical_area WHERE prefecture_code = ?)"
				     : "DELETE FROM care_area_municipality WHERE care_area_id IN "
				       "(SELECT id FROM care_area WHERE prefecture_code = ?)";
	enum zt_err r = run(st, db_run(st->db, unlink, "s", pref), e);
	for (size_t i = 0; i < n && r == ZT_OK; i++) {
		const char *munis[2] = {rows[i].muni, NULL};
		int64_t id = 0;
		r = medical ? store_medical_area_put(st, pref, rows[i].name, munis, &id)
			    : store_care_area_put(st, pref, rows[i].name, munis, &id);
		if (r != ZT_OK)
			r = store_db_err(st, DB_CONSTRAINT, e);
	}
	if (r != ZT_OK)
		return r;
	const char *drop = medical ? "DELETE FROM medical_area WHERE prefecture_code = ? AND NOT EXISTS "
				     "(SELECT 1 FROM medical_area_municipality m WHERE m.medical_area_id = medical_area.id)"
				   : "DELETE FROM care_area WHERE prefecture_code = ? AND NOT EXISTS "
				     "(SELECT 1 FROM care_area_municipality m WHERE m.care_area_id = care_area.id)";
	int rc = db_run(st->db, drop, "s", pref);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_CONFLICT, "二次医療圏",
			       "一覧にない二次医療圏に在宅医療サポートセンターが登録されているため削除できません。先にセンターを終了するか、その二次医療圏を残してください。");
	return run(st, rc, e);
}

enum zt_err store_region_replace(struct store *st, enum region_kind k, const char *pref, const struct region_row *rows,
				 size_t n, struct zt_error *e)
{
	enum zt_err r = ZT_OK;
	switch (k) {
	case REGION_MEDICAL_AREAS: return replace_areas(st, true, pref, rows, n, e);
	case REGION_CARE_AREAS: return replace_areas(st, false, pref, rows, n, e);
	case REGION_ASSOCIATIONS:
		r = run(st, db_run(st->db, "DELETE FROM association_municipality WHERE municipality_code IN "
					   "(SELECT code FROM municipality WHERE prefecture_code = ?)", "s", pref), e);
		for (size_t i = 0; i < n && r == ZT_OK; i++) {
			int64_t id = 0;
			r = store_association_find(st, rows[i].name, &id, e);
			if (r == ZT_OK && id == 0)
				r = zt_fail(e, ZT_ERR_NOTFOUND, "郡市医師会", "郡市医師会「%s」が登録されていません。", rows[i].name);
			if (r == ZT_OK && store_association_cover(st, id, rows[i].muni) != ZT_OK)
				r = store_db_err(st, DB_CONSTRAINT, e);
		}
		return r;
	case REGION_POPULATION:
		for (size_t i = 0; i < n && r == ZT_OK; i++)
			r = run(st, db_run(st->db, "UPDATE municipality SET population = ?, population_source = ?, population_year = ? "
						   "WHERE code = ?", "isis", (int64_t)rows[i].population, rows[i].source,
					   (int64_t)rows[i].year, rows[i].muni), e);
		return r;
	case REGION_OFFICES:
		for (size_t i = 0; i < n && r == ZT_OK; i++)
			r = run(st, db_run(st->db, "UPDATE municipality SET office_name = ?, lat = ?, lon = ?, position_source = 'import' "
						   "WHERE code = ?", "sdds", rows[i].source, rows[i].lat, rows[i].lon, rows[i].muni), e);
		/* institutions placed at the office (issue 12 §2 (c)) move with it */
		for (size_t i = 0; i < n && r == ZT_OK; i++)
			r = run(st, db_run(st->db, "UPDATE institution SET lat = ?, lon = ? WHERE municipality_code = ? "
						   "AND coord_source = 'municipality_office'", "dds", rows[i].lat, rows[i].lon, rows[i].muni), e);
		return r;
	case REGION_ADJACENCY:
		r = run(st, db_run(st->db, "DELETE FROM municipality_adjacency WHERE a IN (SELECT code FROM municipality "
					   "WHERE prefecture_code = ?) OR b IN (SELECT code FROM municipality WHERE prefecture_code = ?)",
				   "ss", pref, pref), e);
		for (size_t i = 0; i < n && r == ZT_OK; i++)
			if (store_adjacency_put(st, rows[i].muni, rows[i].other) != ZT_OK)
				r = store_db_err(st, DB_CONSTRAINT, e);
		return r;
	default: return zt_fail(e, ZT_ERR_INVALID, "kind", "種類が不明です。");
	}
}

/* The statements `zaitaku init` runs once per municipality (about 3,900 times): prepared once. */
enum region_sql { RSQL_OFFICE_NAME, RSQL_OFFICE_POSITION, RSQL__MAX };
static const char *const region_sql_text[RSQL__MAX] = {
	[RSQL_OFFICE_NAME] = "UPDATE municipality SET office_name = ? WHERE code = ?",
	[RSQL_OFFICE_POSITION] = "UPDATE municipality SET lat = ?, lon = ?, position_source = 'localgovjp' WHERE code = ? "
				 "AND (lat IS NULL OR position_source = 'localgovjp')",
};
static const struct db_sql_table region_sql = {STORE_SQL_REGION, RSQL__MAX, region_sql_text};

enum zt_err store_municipality_office_put(struct store *st, const char *code, const char *office_name, double lat,
					  double lon, bool set_position)
{
	int rc = office_name ? db_run_cached(st->db, &region_sql, RSQL_OFFICE_NAME, "ss", office_name, code) : DB_DONE;
	if (rc >= 0 && set_position)
		rc = db_run_cached(st->db, &region_sql, RSQL_OFFICE_POSITION, "dds", lat, lon, code);
	return store_db_err(st, rc, NULL);
}

enum zt_err store_municipality_office(struct store *st, const char *code, double *lat, double *lon)
{
	struct db_stmt *q = db_query(st->db, "SELECT lat, lon FROM municipality WHERE code = ? AND lat IS NOT NULL", "s", code);
	if (q == NULL)
		return ZT_ERR_DB;
	int rc = db_step(q);
	if (rc == DB_ROW) {
		*lat = db_col_double(q, 0);
		*lon = db_col_double(q, 1);
	}
	db_finalize(q);
	return rc == DB_ROW ? ZT_OK : rc == DB_DONE ? ZT_ERR_NOTFOUND : ZT_ERR_DB;
}

enum zt_err store_place_at_offices(struct store *st, const char *today, long *placed, struct zt_error *e)
{
	*placed = 0;
	int64_t before = 0, after = 0;
	const char *count = "SELECT COUNT(*) FROM institution WHERE lat IS NULL";
	if (db_scalar_int(st->db, &before, count, "") < 0)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_run(st->db,
			"UPDATE institution SET lat = (SELECT m.lat FROM municipality m WHERE m.code = institution.municipality_code), "
			"lon = (SELECT m.lon FROM municipality m WHERE m.code = institution.municipality_code), "
			"coord_source = 'municipality_office', coord_precision = 'municipality', coord_date = ? "
			"WHERE lat IS NULL AND EXISTS (SELECT 1 FROM municipality m WHERE m.code = institution.municipality_code "
			"AND m.lat IS NOT NULL AND m.lon IS NOT NULL)", "s", today);
	if (rc < 0)
		return store_db_err(st, rc, e);
	if (db_scalar_int(st->db, &after, count, "") < 0)
		return store_db_err(st, DB_HARD_ERROR, e);
	*placed = (long)(before - after);
	return ZT_OK;
}

enum zt_err store_facility_set_position(struct store *st, int64_t id, double lat, double lon, const char *source,
					const char *precision, const char *date, struct zt_error *e)
{
	int64_t n = 0;
	if (db_scalar_int(st->db, &n, "SELECT COUNT(*) FROM institution WHERE id = ?", "i", id) < 0)
		return store_db_err(st, DB_HARD_ERROR, e);
	if (n == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "機関 %lld は登録されていません。", (long long)id);
	int rc = db_run(st->db, "UPDATE institution SET lat = ?, lon = ?, coord_source = ?, coord_precision = ?, coord_date = ? "
				"WHERE id = ?", "ddsssi", lat, lon, source, precision, date, id);
	return store_db_err(st, rc, e);
}

#define UNCONFIRMED "(i.lat IS NULL OR i.coord_precision = 'municipality')"

json_t *store_positions_unconfirmed(struct store *st, int limit)
{
	int64_t count = 0;
	if (db_scalar_int(st->db, &count, "SELECT COUNT(*) FROM institution i WHERE " UNCONFIRMED, "") < 0)
		return NULL;
	json_t *items = store_rows_json(db_query(st->db,
		"SELECT i.id, i.name, i.kind, i.address, i.municipality_code, u.name AS municipality_name, i.lat, i.lon, "
		"i.coord_source, i.coord_precision FROM institution i LEFT JOIN municipality u ON u.code = i.municipality_code "
		"WHERE " UNCONFIRMED " ORDER BY i.municipality_code, i.id LIMIT ?", "i", (int64_t)limit));
	if (items == NULL)
		return NULL;
	return json_pack("{s:I, s:o}", "count", (json_int_t)count, "items", items);
}

enum zt_err store_geocode_targets(struct store *st, struct store_geocode_target **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db, "SELECT i.id, COALESCE(i.medical_code, ''), COALESCE(i.municipality_code, ''), "
					     "i.address FROM institution i WHERE " UNCONFIRMED " AND i.address IS NOT NULL "
					     "AND i.address <> '' ORDER BY i.id", "");
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct store_geocode_target *t = store_push((void **)out, n, &cap, sizeof **out);
		t->id = db_col_int(q, 0);
		snprintf(t->medical_code, sizeof t->medical_code, "%s", db_col_text(q, 1));
		snprintf(t->municipality, sizeof t->municipality, "%s", db_col_text(q, 2));
		snprintf(t->address, sizeof t->address, "%s", db_col_text(q, 3));
	}
	db_finalize(q);
	if (rc != DB_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc, e);
	}
	return ZT_OK;
}

enum zt_err store_position_lookup(struct store *st, const char *code, int64_t *id, char muni[7])
{
	struct db_stmt *q =
		strlen(code) == 10
			? db_query(st->db, "SELECT id, COALESCE(municipality_code, '') FROM institution WHERE medical_code = ?", "s", code)
			: db_query(st->db, "SELECT id, COALESCE(municipality_code, '') FROM institution WHERE id = ?", "i",
				   (int64_t)strtoll(code, NULL, 10));
	if (q == NULL)
		return ZT_ERR_DB;
	int rc = db_step(q);
	if (rc == DB_ROW) {
		*id = db_col_int(q, 0);
		snprintf(muni, 7, "%s", db_col_text(q, 1));
	}
	db_finalize(q);
	return rc == DB_ROW ? ZT_OK : rc == DB_DONE ? ZT_ERR_NOTFOUND : ZT_ERR_DB;
}
