/* Rows of 代診: absences, candidates, affected patients and duties, substitutions (issue 14 §4; see store_absences.h). */
#include "store/store_absences.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "domain/duty.h"
#include "store/store_internal.h"

int store_absence_overlaps(struct store *st, int64_t practitioner_id, const char *from, const char *to)
{
	int64_t n = 0;
	int rc = db_scalar_int(st->db, &n,
			       "SELECT COUNT(*) FROM absence WHERE practitioner_id = ? AND starts_on <= ? AND ends_on >= ?",
			       "iss", practitioner_id, to, from);
	return rc < 0 ? -1 : (int)n;
}

enum zt_err store_absence_insert(struct store *st, struct absence *a, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_scalar_int(st->db, &a->id,
			       "INSERT INTO absence (practitioner_id, starts_on, ends_on, reason, created_at) VALUES (?,?,?,?,?) "
			       "RETURNING id",
			       "issss", a->practitioner_id, a->starts_on, a->ends_on, a->reason, now);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_INVALID, "practitioner_id", "医師が登録されていません。");
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
}

enum zt_err store_absence_get(struct store *st, int64_t id, struct absence *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *q = db_query(st->db,
		"SELECT a.id, a.practitioner_id, p.institution_id, p.name, i.municipality_code, a.starts_on, a.ends_on, a.reason "
		"FROM absence a JOIN practitioner p ON p.id = a.practitioner_id JOIN institution i ON i.id = p.institution_id "
		"WHERE a.id = ?", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		out->id = db_col_int(q, 0);
		out->practitioner_id = db_col_int(q, 1);
		out->institution_id = db_col_int(q, 2);
		STORE_COPY(out->practitioner_name, db_col_text(q, 3));
		STORE_COPY(out->institution_municipality, db_col_text(q, 4));
		STORE_COPY(out->starts_on, db_col_text(q, 5));
		STORE_COPY(out->ends_on, db_col_text(q, 6));
		STORE_COPY(out->reason, db_col_text(q, 7));
	}
	db_release(q);
	if (rc == DB_ROW)
		return ZT_OK;
	return rc == DB_DONE ? zt_fail(e, ZT_ERR_NOTFOUND, "id", "不在の登録が見つかりません。") : store_db_err(st, rc, e);
}

int store_sub_candidates(struct store *st, int64_t group_id, const char *from, const char *to, const char *duty_date,
			 const char *fy_from, struct sub_candidate *out, int max)
{
	struct db_stmt *q = db_query(st->db,
		"SELECT p.id, p.institution_id, p.name, i.name, p.phone, i.lat, i.lon, i.capability_mask, "
		"CAST(EXISTS (SELECT 1 FROM absence a WHERE a.practitioner_id = p.id AND a.starts_on <= ? AND a.ends_on >= ?) AS INTEGER), "
		"CAST(EXISTS (SELECT 1 FROM duty d WHERE d.practitioner_id = p.id AND d.duty_date = ?) AS INTEGER), "
		"(SELECT COUNT(*) FROM substitution s WHERE s.practitioner_id = p.id AND s.accepted_at >= ?) "
		"FROM practitioner p JOIN institution i ON i.id = p.institution_id "
		"JOIN care_group_member m ON m.institution_id = p.institution_id AND m.group_id = ? "
		"WHERE p.role = 'doctor' AND p.active = 1 AND i.kind IN ('clinic', 'hospital') ORDER BY p.id",
		"ssssi", to, from, duty_date, fy_from, group_id);
	if (q == NULL)
		return -1;
	int n = 0, rc;
	while ((rc = db_step(q)) == DB_ROW && n < max) {
		struct sub_candidate *c = &out[n++];
		memset(c, 0, sizeof *c);
		c->practitioner_id = db_col_int(q, 0);
		c->institution_id = db_col_int(q, 1);
		STORE_COPY(c->name, db_col_text(q, 2));
		STORE_COPY(c->institution, db_col_text(q, 3));
		STORE_COPY(c->phone, db_col_text(q, 4));
		c->has_coord = !db_col_is_null(q, 5) && !db_col_is_null(q, 6);
		c->lat = db_col_double(q, 5);
		c->lon = db_col_double(q, 6);
		c->caps = (uint32_t)db_col_int(q, 7);
		c->absent = db_col_int(q, 8) != 0;
		c->on_duty = db_col_int(q, 9) != 0;
		c->covered = (int)db_col_int(q, 10);
	}
	db_release(q);
	return rc == DB_DONE || rc == DB_ROW ? n : -1;
}

int store_outside_candidates(struct store *st, int64_t group_id, double lat, double lon, const char *from, const char *to,
			     const char *fy_from, struct sub_candidate *out, int max)
{
	/* 16 km is about 0.145° of latitude and, in Japan (lat ≤ 46°), at most 0.21° of longitude. */
	struct db_stmt *q = db_query(st->db,
		"SELECT p.id, p.institution_id, p.name, i.name, p.phone, i.lat, i.lon, i.capability_mask, "
		"CAST(EXISTS (SELECT 1 FROM absence a WHERE a.practitioner_id = p.id AND a.starts_on <= ? AND a.ends_on >= ?) AS INTEGER), "
		"(SELECT COUNT(*) FROM substitution s WHERE s.practitioner_id = p.id AND s.accepted_at >= ?) "
		"FROM practitioner p JOIN institution i ON i.id = p.institution_id "
		"WHERE p.role = 'doctor' AND p.active = 1 AND i.kind IN ('clinic', 'hospital') "
		"AND i.lat BETWEEN ? AND ? AND i.lon BETWEEN ? AND ? "
		"AND NOT EXISTS (SELECT 1 FROM care_group_member m WHERE m.group_id = ? AND m.institution_id = p.institution_id) "
		"ORDER BY p.id",
		"sssddddi", to, from, fy_from, lat - 0.15, lat + 0.15, lon - 0.21, lon + 0.21, group_id);
	if (q == NULL)
		return -1;
	int n = 0, rc;
	while ((rc = db_step(q)) == DB_ROW && n < max) {
		struct sub_candidate *c = &out[n++];
		memset(c, 0, sizeof *c);
		c->practitioner_id = db_col_int(q, 0);
		c->institution_id = db_col_int(q, 1);
		STORE_COPY(c->name, db_col_text(q, 2));
		STORE_COPY(c->institution, db_col_text(q, 3));
		STORE_COPY(c->phone, db_col_text(q, 4));
		c->has_coord = true;
		c->lat = db_col_double(q, 5);
		c->lon = db_col_double(q, 6);
		c->caps = (uint32_t)db_col_int(q, 7);
		c->absent = db_col_int(q, 8) != 0;
		c->covered = (int)db_col_int(q, 9);
		c->outside = true;
	}
	db_release(q);
	return rc == DB_DONE || rc == DB_ROW ? n : -1;
}

int store_patients_of_primary(struct store *st, int64_t practitioner_id, int64_t *out, int max)
{
	struct db_stmt *q = db_query(st->db, "SELECT patient_id FROM care_team WHERE primary_practitioner_id = ? ORDER BY patient_id",
				     "i", practitioner_id);
	if (q == NULL)
		return -1;
	int n = 0, rc;
	while ((rc = db_step(q)) == DB_ROW)
		if (n < max)
			out[n++] = db_col_int(q, 0);
	db_release(q);
	return rc == DB_DONE ? n : -1;
}

enum zt_err store_duties_of(struct store *st, int64_t practitioner_id, const char *from, const char *to,
			    struct duty **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db,
		"SELECT id, group_id, duty_date, duty_type, institution_id, source FROM duty "
		"WHERE practitioner_id = ? AND duty_date >= ? AND duty_date <= ? ORDER BY duty_date, duty_type",
		"iss", practitioner_id, from, to);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct duty *d = STORE_PUSH(*out, *n, cap);
		memset(d, 0, sizeof *d);
		d->id = db_col_int(q, 0);
		d->group_id = db_col_int(q, 1);
		STORE_COPY(d->date, db_col_text(q, 2));
		d->type = duty_type_lookup(db_col_text(q, 3));
		d->practitioner_id = practitioner_id;
		d->institution_id = db_col_int(q, 4);
		STORE_COPY(d->source, db_col_text(q, 5));
	}
	db_release(q);
	if (rc != DB_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
	}
	return ZT_OK;
}

enum zt_err store_substitution_put(struct store *st, int64_t absence_id, int64_t patient_id, int64_t duty_id,
				   int64_t practitioner_id, const char *by, int64_t *id, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = patient_id ? db_run(st->db, "DELETE FROM substitution WHERE absence_id = ? AND patient_id = ?", "ii", absence_id, patient_id)
			    : db_run(st->db, "DELETE FROM substitution WHERE absence_id = ? AND duty_id = ?", "ii", absence_id, duty_id);
	if (rc < 0)
		return store_db_err(st, rc, e);
	rc = db_scalar_int(st->db, id,
			   "INSERT INTO substitution (absence_id, patient_id, duty_id, practitioner_id, accepted_at, accepted_by) "
			   "VALUES (?,?,?,?,?,?) RETURNING id",
			   "iIIiss", absence_id, patient_id, duty_id, practitioner_id, now, by);
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
}

int64_t store_substitution_of(struct store *st, int64_t absence_id, int64_t patient_id, int64_t duty_id)
{
	int64_t id = 0;
	if (patient_id)
		db_scalar_int(st->db, &id, "SELECT practitioner_id FROM substitution WHERE absence_id = ? AND patient_id = ?", "ii",
			      absence_id, patient_id);
	else
		db_scalar_int(st->db, &id, "SELECT practitioner_id FROM substitution WHERE absence_id = ? AND duty_id = ?", "ii",
			      absence_id, duty_id);
	return id;
}
