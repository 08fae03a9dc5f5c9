/* Rows of the 24-hour network's leftovers: 在後病 end, seed 002 ③ rules, hospital night duty, bed history, absence edits (see store_network.h). */
#include "store/store_network.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "store/store_internal.h"

enum zt_err store_backup_reg_get(struct store *st, int64_t id, struct backup_reg *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *q = db_query(st->db,
		"SELECT r.id, r.patient_id, r.hospital_id, i.name, r.registered_on, r.expires_on, r.ended_on, r.end_reason "
		"FROM backup_registration r JOIN institution i ON i.id = r.hospital_id WHERE r.id = ?", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		out->id = db_col_int(q, 0);
		out->patient_id = db_col_int(q, 1);
		out->hospital_id = db_col_int(q, 2);
		STORE_COPY(out->hospital_name, db_col_text(q, 3));
		STORE_COPY(out->registered_on, db_col_text(q, 4));
		STORE_COPY(out->expires_on, db_col_text(q, 5));
		STORE_COPY(out->ended_on, db_col_text(q, 6));
		STORE_COPY(out->end_reason, db_col_text(q, 7));
	}
	db_release(q);
	if (rc == DB_ROW)
		return ZT_OK;
	return rc == DB_DONE ? zt_fail(e, ZT_ERR_NOTFOUND, "registration_id", "在宅療養後方支援病院の登録が見つかりません。")
			     : store_db_err(st, rc, e);
}

enum zt_err store_backup_end_explicit(struct store *st, int64_t id, const char *ended_on, const char *reason,
				      struct zt_error *e)
{
	int rc = db_run(st->db, "UPDATE backup_registration SET ended_on = ?, end_reason = ? WHERE id = ? AND ended_on IS NULL",
			"ssi", ended_on, reason, id);
	if (rc < 0)
		return store_db_err(st, rc, e);
	return db_changes(st->db) ? ZT_OK : zt_fail(e, ZT_ERR_CONFLICT, "registration_id", "この登録はすでに終了しています。");
}

enum zt_err store_network_rules_get(struct store *st, int64_t group_id, struct backup_rules *out, struct zt_error *e)
{
	*out = BACKUP_RULES_DEFAULT;
	struct db_stmt *q = db_query(st->db,
		"SELECT discharge_origin_first, night_acute_first, backup_secondary_hospital_id FROM network_rule WHERE group_id = ?",
		"i", group_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		out->discharge_origin_first = db_col_int(q, 0) != 0;
		out->night_acute_first = db_col_int(q, 1) != 0;
		out->backup_secondary_hospital_id = db_col_int(q, 2);
	}
	db_release(q);
	return rc == DB_ROW || rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_network_rules_put(struct store *st, int64_t group_id, const struct backup_rules *r, const char *by,
				    struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
			"INSERT INTO network_rule (group_id, discharge_origin_first, night_acute_first, backup_secondary_hospital_id, "
			"updated_at, updated_by) VALUES (?,?,?,?,?,?) ON CONFLICT (group_id) DO UPDATE SET "
			"discharge_origin_first = excluded.discharge_origin_first, night_acute_first = excluded.night_acute_first, "
			"backup_secondary_hospital_id = excluded.backup_secondary_hospital_id, updated_at = excluded.updated_at, "
			"updated_by = excluded.updated_by",
			"iiiIss", group_id, (int64_t)r->discharge_origin_first, (int64_t)r->night_acute_first,
			r->backup_secondary_hospital_id, now, by);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_INVALID, "backup_secondary_hospital_id", "病院が登録されていません。");
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_hospital_duty_insert(struct store *st, int64_t group_id, const char *date, int64_t hospital_id,
				       int64_t *id, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_scalar_int(st->db, id,
			       "INSERT INTO hospital_night_duty (group_id, duty_date, hospital_id, created_at) VALUES (?,?,?,?) "
			       "RETURNING id",
			       "isis", group_id, date, hospital_id, now);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_CONFLICT, "hospital_id", "この病院は %s の当直としてすでに登録されています。", date);
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
}

enum zt_err store_hospital_duty_delete(struct store *st, int64_t group_id, int64_t id, char date[11], int64_t *hospital_id,
				       struct zt_error *e)
{
	struct db_stmt *q = db_query(st->db, "SELECT duty_date, hospital_id FROM hospital_night_duty WHERE id = ? AND group_id = ?",
				     "ii", id, group_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		store_copy_text(date, 11, db_col_text(q, 0));
		*hospital_id = db_col_int(q, 1);
	}
	db_release(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "病院の当直が見つかりません。");
	if (rc != DB_ROW)
		return store_db_err(st, rc, e);
	rc = db_run(st->db, "DELETE FROM hospital_night_duty WHERE id = ?", "i", id);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

json_t *store_hospital_duties_json(struct store *st, int64_t group_id, const char *from, const char *to)
{
	return store_rows_json(db_query(st->db,
		"SELECT d.id, d.duty_date AS date, d.hospital_id, i.name AS hospital_name, i.phone AS hospital_phone "
		"FROM hospital_night_duty d JOIN institution i ON i.id = d.hospital_id "
		"WHERE d.group_id = ? AND d.duty_date >= ? AND d.duty_date <= ? ORDER BY d.duty_date, d.hospital_id",
		"iss", group_id, from, to));
}

enum zt_err store_bed_history_add(struct store *st, int64_t hospital_id, const struct bed_figure *b, int n, const char *by,
				  const char *at, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	for (int i = 0; i < n; i++) {
		int rc = db_run(st->db,
				"INSERT INTO bed_report_history (hospital_id, ward, reserved, free, updated_at, updated_by) "
				"VALUES (?,?,?,?,?,?)",
				"isiiss", hospital_id, wards[b[i].ward].code, (int64_t)b[i].reserved, (int64_t)b[i].free,
				at ? at : now, by);
		if (rc < 0 || rc == DB_CONSTRAINT)
			return store_db_err(st, rc, e);
	}
	return ZT_OK;
}

json_t *store_bed_history_json(struct store *st, int64_t hospital_id, int limit)
{
	return store_rows_json(db_query(st->db,
		"SELECT id, ward, reserved AS n_reserved, free AS n_free, updated_at, updated_by FROM bed_report_history "
		"WHERE hospital_id = ? ORDER BY updated_at DESC, id DESC LIMIT ?",
		"ii", hospital_id, (int64_t)limit));
}

enum zt_err store_absence_update(struct store *st, const struct absence *a, struct zt_error *e)
{
	int rc = db_run(st->db, "UPDATE absence SET starts_on = ?, ends_on = ?, reason = ? WHERE id = ?", "sssi", a->starts_on,
			a->ends_on, a->reason, a->id);
	if (rc < 0)
		return store_db_err(st, rc, e);
	return db_changes(st->db) ? ZT_OK : zt_fail(e, ZT_ERR_NOTFOUND, "id", "不在の登録が見つかりません。");
}

json_t *store_substitutions_outside_json(struct store *st, int64_t absence_id, const char *from, const char *to)
{
	return store_rows_json(db_query(st->db,
		"SELECT s.id, s.duty_id, d.duty_date, s.practitioner_id FROM substitution s JOIN duty d ON d.id = s.duty_id "
		"WHERE s.absence_id = ? AND (d.duty_date < ? OR d.duty_date > ?) ORDER BY d.duty_date, s.id",
		"iss", absence_id, from, to));
}

enum zt_err store_substitution_delete(struct store *st, int64_t id, struct zt_error *e)
{
	int rc = db_run(st->db, "DELETE FROM substitution WHERE id = ?", "i", id);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

int store_absence_overlaps_except(struct store *st, int64_t practitioner_id, const char *from, const char *to,
				  int64_t except_id)
{
	int64_t n = 0;
	int rc = db_scalar_int(st->db, &n,
			       "SELECT COUNT(*) FROM absence WHERE practitioner_id = ? AND starts_on <= ? AND ends_on >= ? AND id <> ?",
			       "issi", practitioner_id, to, from, except_id);
	return rc < 0 ? -1 : (int)n;
}
