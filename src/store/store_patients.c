/* Rows of the 24-hour network: patients, care teams, 在後病 registrations, duties (issue 14 §1–§3; see store_patients.h). */
#include "store/store_patients.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "domain/codes.h"
#include "store/store_internal.h"

#define P_COLS                                                                                                  \
	"id, name, kana, birth_date, sex, postal_code, address, municipality_code, lat, lon, coord_source, "       \
	"coord_precision, coord_date, phone, family_name, family_relation, family_phone, care_level, status, "    \
	"status_since, needs_mask, devices_mask, allergies, acp_home_death, acp_transport, acp_life_support, "    \
	"acp_note, acp_recorded_on, acp_recorded_by, owner_institution_id, fictional, created_at, updated_at"

static int lookup(const struct code_entry *t, int n, const char *code, int dflt)
{
	int i = code_lookup(t, n, code);
	return i < 0 ? dflt : i;
}

static void row_patient(struct db_stmt *q, struct patient *p)
{
	patient_init(p);
	p->id = db_col_int(q, 0);
	STORE_COPY(p->name, db_col_text(q, 1));
	STORE_COPY(p->kana, db_col_text(q, 2));
	STORE_COPY(p->birth_date, db_col_text(q, 3));
	p->sex = (enum patient_sex)lookup(patient_sexes, SEX__MAX, db_col_text(q, 4), SEX_UNKNOWN);
	STORE_COPY(p->postal_code, db_col_text(q, 5));
	STORE_COPY(p->address, db_col_text(q, 6));
	STORE_COPY(p->municipality, db_col_text(q, 7));
	p->has_coord = !db_col_is_null(q, 8) && !db_col_is_null(q, 9);
	p->lat = db_col_double(q, 8);
	p->lon = db_col_double(q, 9);
	p->coord_source = (enum coord_source)lookup(coord_sources, CSRC__MAX, db_col_text(q, 10), CSRC_NONE);
	STORE_COPY(p->coord_precision, db_col_text(q, 11));
	STORE_COPY(p->coord_date, db_col_text(q, 12));
	STORE_COPY(p->phone, db_col_text(q, 13));
	STORE_COPY(p->family_name, db_col_text(q, 14));
	STORE_COPY(p->family_relation, db_col_text(q, 15));
	STORE_COPY(p->family_phone, db_col_text(q, 16));
	p->care_level = (enum care_level)lookup(care_levels, CARE__MAX, db_col_text(q, 17), CARE_NONE);
	p->status = (enum patient_status)lookup(patient_statuses, PST__MAX, db_col_text(q, 18), PST_HOME);
	STORE_COPY(p->status_since, db_col_text(q, 19));
	p->needs = (uint32_t)db_col_int(q, 20);
	p->devices = (uint32_t)db_col_int(q, 21);
	STORE_COPY(p->allergies, db_col_text(q, 22));
	p->acp_home_death = (enum acp_answer)lookup(acp_answers, ACP__MAX, db_col_text(q, 23), ACP_UNKNOWN);
	p->acp_transport = (enum acp_answer)lookup(acp_answers, ACP__MAX, db_col_text(q, 24), ACP_UNKNOWN);
	p->acp_life_support = (enum acp_answer)lookup(acp_answers, ACP__MAX, db_col_text(q, 25), ACP_UNKNOWN);
	STORE_COPY(p->acp_note, db_col_text(q, 26));
	STORE_COPY(p->acp_recorded_on, db_col_text(q, 27));
	STORE_COPY(p->acp_recorded_by, db_col_text(q, 28));
	p->owner_institution_id = db_col_int(q, 29);
	p->fictional = db_col_int(q, 30) != 0;
	STORE_COPY(p->created_at, db_col_text(q, 31));
	STORE_COPY(p->updated_at, db_col_text(q, 32));
}

/* One row into *out: ZT_OK, ZT_ERR_NOTFOUND or a storage error. Releases q. */
static enum zt_err one_row(struct store *st, struct db_stmt *q, void (*fn)(struct db_stmt *, void *), void *out,
			   const char *what, struct zt_error *e)
{
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		fn(q, out);
	db_release(q);
	if (rc == DB_ROW)
		return ZT_OK;
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "%sが見つかりません。", what);
	return store_db_err(st, rc, e);
}

static void patient_cb(struct db_stmt *q, void *out) { row_patient(q, out); }

enum zt_err store_patient_get(struct store *st, int64_t id, struct patient *out, struct zt_error *e)
{
	struct db_stmt *q = db_query(st->db, "SELECT " P_COLS " FROM patient WHERE id = ?", "i", id);
	return one_row(st, q, patient_cb, out, "患者", e);
}

/* The values of p in the order of P_COLS after id (32 values). */
#define P_SIG "sssssssssddssssssssiisssssssIi"
#define P_ARGS(p, lat, lon)                                                                                       \
	(p)->name, (p)->kana, (p)->birth_date, patient_sexes[(p)->sex].code, store_opt_text((p)->postal_code),   \
		(p)->address, (p)->municipality, store_opt_text(coord_sources[(p)->coord_source].code),          \
		store_opt_text((p)->coord_precision), lat, lon, store_opt_text((p)->coord_date),                   \
		store_opt_text((p)->phone), store_opt_text((p)->family_name), store_opt_text((p)->family_relation), \
		store_opt_text((p)->family_phone), care_levels[(p)->care_level].code,                               \
		patient_statuses[(p)->status].code, (p)->status_since, (int64_t)(p)->needs, (int64_t)(p)->devices,  \
		store_opt_text((p)->allergies), acp_answers[(p)->acp_home_death].code,                             \
		acp_answers[(p)->acp_transport].code, acp_answers[(p)->acp_life_support].code,                     \
		store_opt_text((p)->acp_note), store_opt_text((p)->acp_recorded_on),                               \
		store_opt_text((p)->acp_recorded_by), (p)->owner_institution_id, (int64_t)(p)->fictional

static enum zt_err write_err(struct store *st, int rc, struct zt_error *e)
{
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_INVALID, "municipality", "市町村コードまたは医療機関の指定が登録されていません。");
	return store_db_err(st, rc, e);
}

enum zt_err store_patient_insert(struct store *st, struct patient *p, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	/* Coordinates are written NULL when absent; lat/lon are bound as 'd' then nulled below. */
	int64_t id = 0;
	int rc = db_scalar_int(st->db, &id,
			       "INSERT INTO patient (name, kana, birth_date, sex, postal_code, address, municipality_code, "
			       "coord_source, coord_precision, lat, lon, coord_date, phone, family_name, family_relation, "
			       "family_phone, care_level, status, status_since, needs_mask, devices_mask, allergies, "
			       "acp_home_death, acp_transport, acp_life_support, acp_note, acp_recorded_on, acp_recorded_by, "
			       "owner_institution_id, fictional, created_at, updated_at) "
			       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
			       P_SIG "ss", P_ARGS(p, p->lat, p->lon), now, now);
	if (rc != DB_ROW)
		return write_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	p->id = id;
	if (!p->has_coord && (rc = db_run(st->db, "UPDATE patient SET lat = NULL, lon = NULL WHERE id = ?", "i", id)) < 0)
		return store_db_err(st, rc, e);
	STORE_COPY(p->created_at, now);
	STORE_COPY(p->updated_at, now);
	return ZT_OK;
}

enum zt_err store_patient_update(struct store *st, struct patient *p, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
			"UPDATE patient SET name = ?, kana = ?, birth_date = ?, sex = ?, postal_code = ?, address = ?, "
			"municipality_code = ?, coord_source = ?, coord_precision = ?, lat = ?, lon = ?, coord_date = ?, "
			"phone = ?, family_name = ?, family_relation = ?, family_phone = ?, care_level = ?, status = ?, "
			"status_since = ?, needs_mask = ?, devices_mask = ?, allergies = ?, acp_home_death = ?, "
			"acp_transport = ?, acp_life_support = ?, acp_note = ?, acp_recorded_on = ?, acp_recorded_by = ?, "
			"owner_institution_id = ?, fictional = ?, updated_at = ? WHERE id = ?",
			P_SIG "si", P_ARGS(p, p->lat, p->lon), now, p->id);
	if (rc < 0 || rc == DB_CONSTRAINT)
		return write_err(st, rc, e);
	if (db_changes(st->db) == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "患者が見つかりません。");
	if (!p->has_coord && (rc = db_run(st->db, "UPDATE patient SET lat = NULL, lon = NULL WHERE id = ?", "i", p->id)) < 0)
		return store_db_err(st, rc, e);
	STORE_COPY(p->updated_at, now);
	return ZT_OK;
}

#define TEAM_INSTS                                                                                              \
	"SELECT x FROM (SELECT primary_institution_id AS x FROM care_team WHERE patient_id = p.id UNION ALL "     \
	"SELECT secondary_institution_id FROM care_team WHERE patient_id = p.id UNION ALL "                       \
	"SELECT nurse_station_id FROM care_team WHERE patient_id = p.id UNION ALL "                               \
	"SELECT pharmacy_id FROM care_team WHERE patient_id = p.id UNION ALL "                                    \
	"SELECT care_manager_id FROM care_team WHERE patient_id = p.id UNION ALL "                                \
	"SELECT discharge_hospital_id FROM care_team WHERE patient_id = p.id UNION ALL "                          \
	"SELECT hospital_id FROM backup_registration WHERE patient_id = p.id AND ended_on IS NULL UNION ALL "     \
	"SELECT owner_institution_id FROM patient WHERE id = p.id UNION ALL "                                     \
	"SELECT m.institution_id FROM care_group_member m JOIN care_team t ON t.group_id = m.group_id "            \
	"WHERE t.patient_id = p.id) AS team WHERE x IS NOT NULL"

enum zt_err store_patient_list(struct store *st, const struct patient_scope *sc, struct patient **out, size_t *n,
			       struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q;
	if (sc->all) {
		q = db_query(st->db, "SELECT " P_COLS " FROM patient p ORDER BY kana, id", "");
	} else if (sc->institution) {
		q = db_query(st->db, "SELECT " P_COLS " FROM patient p WHERE ? IN (" TEAM_INSTS ") ORDER BY kana, id", "i",
			     sc->institution);
	} else {
		int64_t a[8] = {0};
		for (int i = 0; i < sc->nassocs && i < 8; i++)
			a[i] = sc->assocs[i];
		q = db_query(st->db,
			     "SELECT " P_COLS " FROM patient p WHERE p.municipality_code IN (SELECT municipality_code "
			     "FROM association_municipality WHERE institution_id IN (?,?,?,?,?,?,?,?)) ORDER BY kana, id",
			     "iiiiiiii", a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
	}
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		row_patient(q, STORE_PUSH(*out, *n, cap));
	db_release(q);
	if (rc != DB_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
	}
	return ZT_OK;
}

static void team_ids_cb(struct db_stmt *q, void *o)
{
	struct team_ids *t = o;
	int64_t *f[] = {&t->group_id, &t->primary_practitioner_id, &t->primary_institution_id,
			&t->secondary_practitioner_id, &t->secondary_institution_id, &t->nurse_station_id,
			&t->pharmacy_id, &t->care_manager_id, &t->discharge_hospital_id};
	for (int i = 0; i < 9; i++)
		*f[i] = db_col_int(q, i);
}

enum zt_err store_team_ids(struct store *st, int64_t patient_id, struct team_ids *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *q = db_query(st->db,
		"SELECT group_id, primary_practitioner_id, primary_institution_id, secondary_practitioner_id, "
		"secondary_institution_id, nurse_station_id, pharmacy_id, care_manager_id, discharge_hospital_id "
		"FROM care_team WHERE patient_id = ?", "i", patient_id);
	enum zt_err r = one_row(st, q, team_ids_cb, out, "ケアチーム", e);
	if (r == ZT_ERR_NOTFOUND) {
		zt_error_clear(e);
		return ZT_OK;
	}
	return r;
}

enum zt_err store_team_put(struct store *st, int64_t patient_id, const struct team_ids *t, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
		"INSERT INTO care_team (patient_id, group_id, primary_practitioner_id, primary_institution_id, "
		"secondary_practitioner_id, secondary_institution_id, nurse_station_id, pharmacy_id, care_manager_id, "
		"discharge_hospital_id, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT (patient_id) DO UPDATE SET "
		"group_id = excluded.group_id, primary_practitioner_id = excluded.primary_practitioner_id, "
		"primary_institution_id = excluded.primary_institution_id, "
		"secondary_practitioner_id = excluded.secondary_practitioner_id, "
		"secondary_institution_id = excluded.secondary_institution_id, nurse_station_id = excluded.nurse_station_id, "
		"pharmacy_id = excluded.pharmacy_id, care_manager_id = excluded.care_manager_id, "
		"discharge_hospital_id = excluded.discharge_hospital_id, updated_at = excluded.updated_at",
		"iIIIIIIIIIs", patient_id, t->group_id, t->primary_practitioner_id, t->primary_institution_id,
		t->secondary_practitioner_id, t->secondary_institution_id, t->nurse_station_id, t->pharmacy_id,
		t->care_manager_id, t->discharge_hospital_id, now);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_INVALID, "team", "チームに登録されていない機関・医師・グループが含まれています。");
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_practitioner_set_phone(struct store *st, int64_t id, const char *phone, struct zt_error *e)
{
	int rc = db_run(st->db, "UPDATE practitioner SET phone = ? WHERE id = ?", "si", store_opt_text(phone), id);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

int store_practitioner_ids(struct store *st, int64_t institution_id, const char *role, int64_t *out, int max)
{
	struct db_stmt *q = db_query(st->db, "SELECT id FROM practitioner WHERE institution_id = ? AND role = ? AND active = 1 "
				     "ORDER BY id", "is", institution_id, role);
	if (q == NULL)
		return -1;
	int n = 0, rc;
	while ((rc = db_step(q)) == DB_ROW)
		if (n < max)
			out[n++] = db_col_int(q, 0);
	db_release(q);
	return rc == DB_DONE ? n : -1;
}

int store_group_has_member(struct store *st, int64_t group_id, int64_t institution_id)
{
	int64_t n = 0;
	int rc = db_scalar_int(st->db, &n, "SELECT COUNT(*) FROM care_group_member WHERE group_id = ? AND institution_id = ?",
			       "ii", group_id, institution_id);
	return rc == DB_ROW && n > 0;
}

/* An institution as the team rules and the call chain see it: the columns TI_COLS(a, in_group) of
 * institution a and its membership of the team's group (an SQL expression, > 0 when a member), read by
 * ti_row(); standards are read apart.
 * The fields are those of store_facility_get() (the capability bits as facility_facts_tidy() leaves
 * them) without its 6 KB struct facility and its two more statements. */
#define TI_COLS(a, in_group)                                                                                    \
	a ".id, " a ".kind, " a ".name, " a ".phone, " a ".lat, " a ".lon, " a ".capability_mask, "                 \
	a ".capabilities_known, " a ".h24, " a ".beds, " in_group
/* Membership of institution a in the group g as a correlated count (one row), or (TEAM_INST) as the
 * group id of a LEFT JOIN on the member's key: cheaper than seven subqueries in one row. */
#define TI_MEMBER(a, g) "(SELECT COUNT(*) FROM care_group_member g WHERE g.group_id = " g " AND g.institution_id = " a ".id)"
#define TEAM_INST(k, col) "LEFT JOIN institution i" k " ON i" k ".id = " col " LEFT JOIN care_group_member g" k \
	" ON g" k ".group_id = c.group_id AND g" k ".institution_id = i" k ".id "
#define TI_NCOLS 11

/* The institution in columns c..c+10 (TI_COLS) into *t; all zero when the join found none. */
static void ti_row(struct db_stmt *q, int c, struct team_inst *t)
{
	memset(t, 0, sizeof *t);
	if (db_col_is_null(q, c))
		return;
	t->id = db_col_int(q, c);
	int k = KIND_LOOKUP(db_col_text(q, c + 1));
	t->kind = k < 0 ? KIND_CLINIC : (enum inst_kind)k;
	STORE_COPY(t->name, db_col_text(q, c + 2));
	STORE_COPY(t->phone, db_col_text(q, c + 3));
	t->has_coord = !db_col_is_null(q, c + 4) && !db_col_is_null(q, c + 5);
	t->lat = db_col_double(q, c + 4);
	t->lon = db_col_double(q, c + 5);
	uint32_t all = (1u << CAP__MAX) - 1;
	t->caps = (uint32_t)db_col_int(q, c + 6) & all;
	t->caps_known = ((uint32_t)db_col_int(q, c + 7) | t->caps) & all;
	t->h24 = db_col_int(q, c + 8) != 0;
	t->beds = (int)db_col_int(q, c + 9);
	t->in_group = db_col_int(q, c + 10) > 0;
}

/* The statements of the team and the call chain, prepared once per connection (db_cached): the call
 * chain is the hottest patient read (issue 14 §Benchmarks), and a text-cache lookup hashes the text. */
enum pat_sql { PAT_SLOT_DUTIES, PAT_INSTS_TEAM, PAT_INSTS_BACKUP, PAT_INSTS_GROUP, PAT_TEAM, PAT_INST, PAT_STDS, PAT_GROUP_HOSPITALS, PAT_NIGHT_HOSPITALS, PAT_COVER_PATIENT, PAT_COVER_DUTY, PAT__MAX };
#define COVER_SQL(which)                                                                                        \
	"SELECT a.id, a.reason, p.id, p.name, p.phone, p.institution_id, i.name, i.phone FROM absence a "          \
	"LEFT JOIN substitution s ON s.id = (SELECT MIN(x.id) FROM substitution x WHERE x.absence_id = a.id AND x." \
	which " = ?) LEFT JOIN practitioner p ON p.id = s.practitioner_id LEFT JOIN institution i ON i.id = p.institution_id " \
	"WHERE a.id = (SELECT MAX(b.id) FROM absence b WHERE b.practitioner_id = ? AND b.starts_on <= ? AND b.ends_on >= ?)"
static const char *const pat_sql_text[PAT__MAX] = {
	/* store_slot_duties(): the columns of DUTY_COLS; no ORDER BY (the unique key's order is by doctor,
	 * so SQLite would sort by id in a temporary b-tree; the few rows are sorted in C). */
	[PAT_SLOT_DUTIES] = "SELECT d.id, d.group_id, d.duty_date, d.duty_type, d.practitioner_id, d.institution_id, d.source, "
			    "d.note, p.name, p.phone, i.name, i.phone FROM duty d JOIN practitioner p ON p.id = d.practitioner_id "
			    "JOIN institution i ON i.id = d.institution_id WHERE d.group_id = ? AND d.duty_date = ? AND d.duty_type = ?",
	/* store_patient_institutions(): the owner and the team (with its group), the 在後病 in force, the
	 * group's members. */
	[PAT_INSTS_TEAM] = "SELECT p.owner_institution_id, c.primary_institution_id, c.secondary_institution_id, "
			   "c.nurse_station_id, c.pharmacy_id, c.care_manager_id, c.discharge_hospital_id, c.group_id "
			   "FROM (SELECT CAST(? AS BIGINT) AS pid) k LEFT JOIN patient p ON p.id = k.pid "
			   "LEFT JOIN care_team c ON c.patient_id = k.pid",
	[PAT_INSTS_BACKUP] = "SELECT hospital_id FROM backup_registration WHERE patient_id = ? AND ended_on IS NULL",
	[PAT_INSTS_GROUP] = "SELECT institution_id FROM care_group_member WHERE group_id = ?",
	/* The team's row with its two doctors, the 在後病 registration in force (the newest; its last
	 * exchange; how many are in force) and the seven institutions (columns 23 + 11 k). */
	[PAT_TEAM] = "SELECT c.group_id, c.primary_practitioner_id, c.primary_institution_id, c.secondary_practitioner_id, "
		     "c.secondary_institution_id, c.nurse_station_id, c.pharmacy_id, c.care_manager_id, c.discharge_hospital_id, "
		     "pp.id, pp.name, pp.phone, pp.institution_id, sp.id, sp.name, sp.phone, sp.institution_id, "
		     "r.id, r.hospital_id, r.registered_on, r.expires_on, "
		     "(SELECT MAX(x.exchanged_on) FROM backup_exchange x WHERE x.registration_id = r.id), "
		     "(SELECT COUNT(*) FROM backup_registration n WHERE n.patient_id = k.pid AND n.ended_on IS NULL), "
		     TI_COLS("i1", "g1.group_id") ", " TI_COLS("i2", "g2.group_id") ", " TI_COLS("i3", "g3.group_id") ", "
		     TI_COLS("i4", "g4.group_id") ", " TI_COLS("i5", "g5.group_id") ", " TI_COLS("i6", "g6.group_id") ", "
		     TI_COLS("i7", "g7.group_id") " "
		     "FROM (SELECT CAST(? AS BIGINT) AS pid) k "
		     "LEFT JOIN care_team c ON c.patient_id = k.pid "
		     "LEFT JOIN practitioner pp ON pp.id = c.primary_practitioner_id "
		     "LEFT JOIN practitioner sp ON sp.id = c.secondary_practitioner_id "
		     "LEFT JOIN backup_registration r ON r.id = (SELECT MAX(m.id) FROM backup_registration m "
		     "WHERE m.patient_id = k.pid AND m.ended_on IS NULL) "
		     TEAM_INST("1", "c.primary_institution_id") TEAM_INST("2", "c.secondary_institution_id")
		     TEAM_INST("3", "c.nurse_station_id") TEAM_INST("4", "c.pharmacy_id") TEAM_INST("5", "c.care_manager_id")
		     TEAM_INST("6", "c.discharge_hospital_id") TEAM_INST("7", "r.hospital_id"),
	[PAT_INST] = "SELECT " TI_COLS("i", TI_MEMBER("i", "CAST(? AS BIGINT)")) " FROM institution i WHERE i.id = ?",
	[PAT_STDS] = "SELECT standard FROM institution_standard WHERE institution_id = ?",
	[PAT_GROUP_HOSPITALS] = "SELECT " TI_COLS("i", "1") " FROM care_group_member m JOIN institution i ON i.id = m.institution_id "
				"WHERE m.group_id = ? AND i.kind = 'hospital' ORDER BY m.institution_id",
	[PAT_NIGHT_HOSPITALS] = "SELECT " TI_COLS("i", TI_MEMBER("i", "d.group_id")) " FROM hospital_night_duty d JOIN institution i ON i.id = d.hospital_id "
				"WHERE d.group_id = ? AND d.duty_date = ? ORDER BY d.hospital_id",
	/* 代診: the newest absence of a doctor covering a date, with the substitute accepted for a patient
	 * (or a duty) and the substitute's institution; MAX, not ORDER BY … LIMIT 1, which would sort in a
	 * temporary b-tree. */
	[PAT_COVER_PATIENT] = COVER_SQL("patient_id"),
	[PAT_COVER_DUTY] = COVER_SQL("duty_id"),
};
static const struct db_sql_table pat_sql = {STORE_SQL_PATIENTS, PAT__MAX, pat_sql_text};

/* Adds the 施設基準 of t (the bits of institution_standard). */
static int ti_standards(struct store *st, struct team_inst *t)
{
	struct db_stmt *q = db_cached(st->db, &pat_sql, PAT_STDS, "i", t->id);
	if (q == NULL)
		return DB_HARD_ERROR;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		int s = STD_LOOKUP(db_col_text(q, 0));
		if (s >= 0)
			t->standards |= 1u << s;
	}
	db_release(q);
	return rc;
}

enum zt_err store_team_inst(struct store *st, int64_t id, int64_t group_id, struct team_inst *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *q = db_cached(st->db, &pat_sql, PAT_INST, "ii", group_id, id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		ti_row(q, 0, out);
	db_release(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定された機関は見つかりません。");
	if (rc == DB_ROW)
		rc = ti_standards(st, out);
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

/* Hospitals with their institution (TI_COLS first) from q, bound; released here. */
static int ti_rows(struct db_stmt *q, struct team_inst *out, int max)
{
	if (q == NULL)
		return -1;
	int n = 0, rc;
	while ((rc = db_step(q)) == DB_ROW)
		if (n < max)
			ti_row(q, 0, &out[n++]);
	db_release(q);
	return rc == DB_DONE ? n : -1;
}

int store_group_hospital_insts(struct store *st, int64_t group_id, struct team_inst *out, int max)
{
	return ti_rows(db_cached(st->db, &pat_sql, PAT_GROUP_HOSPITALS, "i", group_id), out, max);
}

int store_night_hospital_insts(struct store *st, int64_t group_id, const char *date, struct team_inst *out, int max)
{
	return ti_rows(db_cached(st->db, &pat_sql, PAT_NIGHT_HOSPITALS, "is", group_id, date), out, max);
}

int store_absence_cover(struct store *st, int64_t practitioner_id, const char *date, int64_t patient_id, int64_t duty_id,
			struct absence_cover *out)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *q = patient_id ? db_cached(st->db, &pat_sql, PAT_COVER_PATIENT, "iiss", patient_id, practitioner_id, date, date)
				       : db_cached(st->db, &pat_sql, PAT_COVER_DUTY, "iiss", duty_id, practitioner_id, date, date);
	if (q == NULL)
		return -1;
	int rc = db_step(q);
	if (rc == DB_ROW) {
		out->absence_id = db_col_int(q, 0);
		STORE_COPY(out->reason, db_col_text(q, 1));
		if (!db_col_is_null(q, 2) && !db_col_is_null(q, 6)) { /* accepted, and the substitute's institution found */
			out->substitute.id = db_col_int(q, 2);
			STORE_COPY(out->substitute.name, db_col_text(q, 3));
			STORE_COPY(out->substitute.phone, db_col_text(q, 4));
			out->substitute.institution_id = db_col_int(q, 5);
			STORE_COPY(out->institution_name, db_col_text(q, 6));
			STORE_COPY(out->institution_phone, db_col_text(q, 7));
		}
	}
	db_release(q);
	return rc == DB_ROW ? 1 : rc == DB_DONE ? 0 : -1;
}

static void person_cb(struct db_stmt *q, void *o)
{
	struct team_person *p = o;
	p->id = db_col_int(q, 0);
	STORE_COPY(p->name, db_col_text(q, 1));
	STORE_COPY(p->phone, db_col_text(q, 2));
	p->institution_id = db_col_int(q, 3);
}

enum zt_err store_practitioner_get(struct store *st, int64_t id, struct team_person *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *q = db_query(st->db, "SELECT id, name, phone, institution_id FROM practitioner WHERE id = ?", "i", id);
	return one_row(st, q, person_cb, out, "医師", e);
}

static int cmp_id(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static void push_id(int64_t **all, size_t *n, size_t *cap, int64_t id)
{
	int64_t *v = store_push((void **)all, n, cap, sizeof id);
	*v = id;
}

/* Three small statements (the last only with group_members) instead of a nine-way UNION, whose
 * de-duplication in a temporary b-tree cost more than the rest of the policy check; the ids are
 * de-duplicated here, in ascending order as the UNION gave them, before the first max are kept. */
int store_patient_institutions(struct store *st, int64_t patient_id, int group_members, int64_t *out, int max)
{
	int64_t *all = NULL, group = 0;
	size_t n = 0, cap = 0;
	struct db_stmt *q = db_cached(st->db, &pat_sql, PAT_INSTS_TEAM, "i", patient_id);
	int rc = q ? db_step(q) : DB_HARD_ERROR;
	if (rc == DB_ROW) {
		for (int c = 0; c < 7; c++)
			if (!db_col_is_null(q, c))
				push_id(&all, &n, &cap, db_col_int(q, c));
		group = db_col_int(q, 7);
		rc = DB_DONE;
	}
	db_release(q);
	for (int k = 0; k < 2 && rc == DB_DONE; k++) {
		if (k == 1 && !(group_members && group))
			break;
		q = k == 0 ? db_cached(st->db, &pat_sql, PAT_INSTS_BACKUP, "i", patient_id)
			   : db_cached(st->db, &pat_sql, PAT_INSTS_GROUP, "i", group);
		if (q == NULL)
			rc = DB_HARD_ERROR;
		while (q && (rc = db_step(q)) == DB_ROW)
			if (!db_col_is_null(q, 0))
				push_id(&all, &n, &cap, db_col_int(q, 0));
		db_release(q);
	}
	int m = 0;
	if (rc == DB_DONE && n > 0) {
		qsort(all, n, sizeof *all, cmp_id); /* not with NULL, even for 0 elements (UBSan) */
		for (size_t i = 0; i < n && m < max; i++)
			if (i == 0 || all[i] != all[i - 1])
				out[m++] = all[i];
	}
	free(all);
	return rc == DB_DONE ? m : -1;
}

/* A practitioner of the team's row (columns c..c+3: id, name, phone, institution_id); ZT_ERR_NOTFOUND
 * when the row names one that the join did not find. */
static enum zt_err team_person_col(struct db_stmt *q, int64_t want, int c, struct team_person *p, struct zt_error *e)
{
	memset(p, 0, sizeof *p);
	if (!want)
		return ZT_OK;
	if (db_col_is_null(q, c))
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "医師が見つかりません。");
	p->id = db_col_int(q, c);
	STORE_COPY(p->name, db_col_text(q, c + 1));
	STORE_COPY(p->phone, db_col_text(q, c + 2));
	p->institution_id = db_col_int(q, c + 3);
	return ZT_OK;
}

/* The team in one statement (PAT_TEAM) instead of one per member; with standards, one more small
 * statement per institution for its 施設基準. */
static enum zt_err team_load(struct store *st, int64_t patient_id, struct care_team *t, bool with_standards, struct zt_error *e)
{
	memset(t, 0, sizeof *t);
	t->patient_id = patient_id;
	struct db_stmt *q = db_cached(st->db, &pat_sql, PAT_TEAM, "i", patient_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	struct team_ids ids = {0};
	struct team_inst *dst[] = {&t->primary_inst, &t->secondary_inst, &t->nurse_station, &t->pharmacy, &t->care_manager,
				   &t->discharge_hospital, &t->backup_hospital};
	enum zt_err r = ZT_OK;
	int rc = db_step(q);
	if (rc == DB_ROW) {
		team_ids_cb(q, &ids);
		t->group_id = ids.group_id;
		r = team_person_col(q, ids.primary_practitioner_id, 9, &t->primary, e);
		if (r == ZT_OK)
			r = team_person_col(q, ids.secondary_practitioner_id, 13, &t->secondary, e);
		t->backup_id = db_col_int(q, 17);
		STORE_COPY(t->backup_registered_on, db_col_text(q, 19));
		STORE_COPY(t->backup_expires_on, db_col_text(q, 20));
		STORE_COPY(t->backup_last_exchange, db_col_text(q, 21));
		t->backup_active_count = (int)db_col_int(q, 22);
		int64_t want[] = {ids.primary_institution_id, ids.secondary_institution_id, ids.nurse_station_id, ids.pharmacy_id,
				  ids.care_manager_id, ids.discharge_hospital_id, t->backup_id ? db_col_int(q, 18) : 0};
		for (int k = 0; k < 7; k++) {
			ti_row(q, 23 + TI_NCOLS * k, dst[k]);
			if (r == ZT_OK && want[k] && !dst[k]->id)
				r = zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定された機関は見つかりません。");
		}
	}
	db_release(q);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	for (int k = 0; r == ZT_OK && with_standards && k < 7; k++)
		if (dst[k]->id && (rc = ti_standards(st, dst[k])) != DB_DONE)
			r = store_db_err(st, rc, e);
	return r;
}

enum zt_err store_team_load(struct store *st, int64_t patient_id, struct care_team *t, struct zt_error *e)
{
	return team_load(st, patient_id, t, true, e);
}

enum zt_err store_team_load_brief(struct store *st, int64_t patient_id, struct care_team *t, struct zt_error *e)
{
	return team_load(st, patient_id, t, false, e);
}

/* ---- 在宅療養後方支援病院 ---- */

int store_backup_active(struct store *st, int64_t patient_id, int64_t *reg_id)
{
	int64_t n = 0, id = 0;
	if (db_scalar_int(st->db, &n, "SELECT COUNT(*) FROM backup_registration WHERE patient_id = ? AND ended_on IS NULL",
			  "i", patient_id) < 0)
		return -1;
	if (reg_id && db_scalar_int(st->db, &id, "SELECT MAX(id) FROM backup_registration WHERE patient_id = ? AND ended_on IS NULL",
				    "i", patient_id) >= 0)
		*reg_id = id;
	return (int)n;
}

enum zt_err store_backup_insert(struct store *st, int64_t patient_id, int64_t hospital_id, const char *registered_on,
				const char *expires_on, int64_t *id, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_scalar_int(st->db, id,
			       "INSERT INTO backup_registration (patient_id, hospital_id, registered_on, expires_on, created_at) "
			       "VALUES (?,?,?,?,?) RETURNING id",
			       "iisss", patient_id, hospital_id, registered_on, store_opt_text(expires_on), now);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_INVALID, "hospital_id", "病院が登録されていません。");
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
}

enum zt_err store_backup_end(struct store *st, int64_t reg_id, const char *ended_on, struct zt_error *e)
{
	int rc = db_run(st->db, "UPDATE backup_registration SET ended_on = ? WHERE id = ? AND ended_on IS NULL", "si",
			ended_on, reg_id);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_exchange_insert(struct store *st, int64_t reg_id, const char *on, const char *note, int64_t *id,
				  struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_scalar_int(st->db, id,
			       "INSERT INTO backup_exchange (registration_id, exchanged_on, note, created_at) VALUES (?,?,?,?) "
			       "RETURNING id",
			       "isss", reg_id, on, store_opt_text(note), now);
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
}

json_t *store_backup_json(struct store *st, int64_t patient_id)
{
	json_t *regs = store_rows_json(db_query(st->db,
		"SELECT r.id, r.hospital_id, i.name AS hospital_name, r.registered_on, r.expires_on, r.ended_on, r.end_reason "
		"FROM backup_registration r JOIN institution i ON i.id = r.hospital_id WHERE r.patient_id = ? ORDER BY r.id DESC",
		"i", patient_id));
	size_t k;
	json_t *reg;
	json_array_foreach(regs, k, reg) {
		json_t *x = store_rows_json(db_query(st->db,
			"SELECT id, exchanged_on, note FROM backup_exchange WHERE registration_id = ? ORDER BY exchanged_on DESC, id DESC",
			"i", (int64_t)json_integer_value(json_object_get(reg, "id"))));
		if (x == NULL) {
			json_decref(regs);
			return NULL;
		}
		json_object_set_new(reg, "exchanges", x);
	}
	return regs;
}

/* ---- 後方病床 ---- */

enum zt_err store_beds_put(struct store *st, int64_t hospital_id, const struct bed_figure *b, int n, const char *by,
			   const char *at, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	if (at)
		snprintf(now, sizeof now, "%s", at);
	for (int i = 0; i < n; i++) {
		int rc = db_run(st->db,
				"INSERT INTO bed_report (hospital_id, ward, reserved, free, updated_at, updated_by) VALUES (?,?,?,?,?,?) "
				"ON CONFLICT (hospital_id, ward) DO UPDATE SET reserved = excluded.reserved, free = excluded.free, "
				"updated_at = excluded.updated_at, updated_by = excluded.updated_by",
				"isiiss", hospital_id, wards[b[i].ward].code, (int64_t)b[i].reserved, (int64_t)b[i].free, now, by);
		if (rc < 0 || rc == DB_CONSTRAINT)
			return store_db_err(st, rc, e);
	}
	return ZT_OK;
}

int store_beds_get(struct store *st, int64_t hospital_id, struct bed_figure *out)
{
	struct db_stmt *q = db_query(st->db, "SELECT ward, reserved, free, updated_at, updated_by FROM bed_report "
				     "WHERE hospital_id = ? ORDER BY ward", "i", hospital_id);
	if (q == NULL)
		return -1;
	int n = 0, rc;
	while ((rc = db_step(q)) == DB_ROW) {
		int w = code_lookup(wards, WARD__MAX, db_col_text(q, 0));
		if (w < 0 || n >= WARD__MAX)
			continue;
		struct bed_figure *b = &out[n++];
		b->ward = w;
		b->reserved = (int)db_col_int(q, 1);
		b->free = (int)db_col_int(q, 2);
		STORE_COPY(b->updated_at, db_col_text(q, 3));
		STORE_COPY(b->updated_by, db_col_text(q, 4));
	}
	db_release(q);
	return rc == DB_DONE ? n : -1;
}

int store_group_hospitals(struct store *st, int64_t group_id, int64_t *out, int max)
{
	struct db_stmt *q = db_query(st->db, "SELECT m.institution_id FROM care_group_member m JOIN institution i ON i.id = m.institution_id "
				     "WHERE m.group_id = ? AND i.kind = 'hospital' ORDER BY m.institution_id", "i", group_id);
	if (q == NULL)
		return -1;
	int n = 0, rc;
	while ((rc = db_step(q)) == DB_ROW)
		if (n < max)
			out[n++] = db_col_int(q, 0);
	db_release(q);
	return rc == DB_DONE ? n : -1;
}

/* ---- duties ---- */

enum zt_err store_duty_hours(struct store *st, int64_t group_id, struct duty_hours *h, int *nurse_first,
			     struct zt_error *e)
{
	*h = DUTY_HOURS_DEFAULT;
	if (nurse_first)
		*nurse_first = 0;
	struct db_stmt *q = db_query(st->db,
				     "SELECT day_start, day_end, saturday_holiday, nurse_first, bed_stale_hours FROM duty_setting "
				     "WHERE group_id = ?",
				     "i", group_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		h->day_start = (int)db_col_int(q, 0);
		h->day_end = (int)db_col_int(q, 1);
		h->saturday_holiday = db_col_int(q, 2) != 0;
		if (nurse_first)
			*nurse_first = db_col_int(q, 3) != 0;
		h->bed_stale_hours = (int)db_col_int(q, 4);
	}
	db_release(q);
	return rc == DB_ROW || rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_duty_hours_put(struct store *st, int64_t group_id, const struct duty_hours *h, int nurse_first,
				 struct zt_error *e)
{
	int rc = db_run(st->db,
			"INSERT INTO duty_setting (group_id, day_start, day_end, saturday_holiday, nurse_first, bed_stale_hours) "
			"VALUES (?,?,?,?,?,?) ON CONFLICT (group_id) DO UPDATE SET day_start = excluded.day_start, "
			"day_end = excluded.day_end, saturday_holiday = excluded.saturday_holiday, "
			"nurse_first = excluded.nurse_first, bed_stale_hours = excluded.bed_stale_hours",
			"iiiiii", group_id, (int64_t)h->day_start, (int64_t)h->day_end, (int64_t)h->saturday_holiday,
			(int64_t)(nurse_first != 0), (int64_t)h->bed_stale_hours);
	return rc < 0 || rc == DB_CONSTRAINT ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_duty_insert(struct store *st, struct duty *d, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_scalar_int(st->db, &d->id,
			       "INSERT INTO duty (group_id, duty_date, duty_type, practitioner_id, institution_id, source, note, "
			       "created_at) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
			       "issiisss", d->group_id, d->date, duty_types[d->type].code, d->practitioner_id,
			       d->institution_id, d->source, store_opt_text(d->note), now);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_CONFLICT, "practitioner_id", "この医師はすでに %s の%sに入っています。", d->date,
			       duty_types[d->type].ja);
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
}

#define DUTY_COLS                                                                                               \
	"d.id, d.group_id, d.duty_date, d.duty_type, d.practitioner_id, d.institution_id, d.source, d.note, "     \
	"p.name, p.phone, i.name, i.phone"
#define DUTY_FROM " FROM duty d JOIN practitioner p ON p.id = d.practitioner_id JOIN institution i ON i.id = d.institution_id "

static void duty_cb(struct db_stmt *q, void *o)
{
	struct duty *d = o;
	memset(d, 0, sizeof *d);
	d->id = db_col_int(q, 0);
	d->group_id = db_col_int(q, 1);
	STORE_COPY(d->date, db_col_text(q, 2));
	d->type = duty_type_lookup(db_col_text(q, 3));
	d->practitioner_id = db_col_int(q, 4);
	d->institution_id = db_col_int(q, 5);
	STORE_COPY(d->source, db_col_text(q, 6));
	STORE_COPY(d->note, db_col_text(q, 7));
	STORE_COPY(d->practitioner_name, db_col_text(q, 8));
	STORE_COPY(d->practitioner_phone, db_col_text(q, 9));
	STORE_COPY(d->institution_name, db_col_text(q, 10));
	STORE_COPY(d->institution_phone, db_col_text(q, 11));
}

enum zt_err store_duty_get(struct store *st, int64_t id, struct duty *out, struct zt_error *e)
{
	struct db_stmt *q = db_query(st->db, "SELECT " DUTY_COLS DUTY_FROM "WHERE d.id = ?", "i", id);
	return one_row(st, q, duty_cb, out, "当番", e);
}

enum zt_err store_duty_delete(struct store *st, int64_t id, struct zt_error *e)
{
	int rc = db_run(st->db, "DELETE FROM duty WHERE id = ?", "i", id);
	if (rc < 0)
		return store_db_err(st, rc, e);
	return db_changes(st->db) ? ZT_OK : zt_fail(e, ZT_ERR_NOTFOUND, "id", "当番が見つかりません。");
}

/* The duty rows of q (released here) into a new array *out (caller frees); nothing on a storage error. */
static enum zt_err duties_collect(struct store *st, struct db_stmt *q, struct duty **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		duty_cb(q, STORE_PUSH(*out, *n, cap));
	db_release(q);
	if (rc != DB_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
	}
	return ZT_OK;
}

enum zt_err store_duties(struct store *st, int64_t group_id, const char *from, const char *to, int type,
			 struct duty **out, size_t *n, struct zt_error *e)
{
	struct db_stmt *q = db_query(st->db,
		"SELECT " DUTY_COLS DUTY_FROM "WHERE d.group_id = ? AND d.duty_date >= ? AND d.duty_date <= ? "
		"AND (CAST(? AS TEXT) IS NULL OR d.duty_type = ?) ORDER BY d.duty_date, d.duty_type, d.id",
		"issss", group_id, from, to, type >= 0 ? duty_types[type].code : NULL, type >= 0 ? duty_types[type].code : NULL);
	enum zt_err r = duties_collect(st, q, out, n, e);
	if (r != ZT_OK)
		return r;
	return ZT_OK;
}

static int cmp_duty_id(const void *a, const void *b)
{
	int64_t x = ((const struct duty *)a)->id, y = ((const struct duty *)b)->id;
	return (x > y) - (x < y);
}

enum zt_err store_slot_duties(struct store *st, int64_t group_id, const char *date, int type, struct duty **out, size_t *n,
			      struct zt_error *e)
{
	struct db_stmt *q = db_cached(st->db, &pat_sql, PAT_SLOT_DUTIES, "iss", group_id, date, duty_types[type].code);
	enum zt_err r = duties_collect(st, q, out, n, e);
	if (r != ZT_OK)
		return r;
	if (*n > 1)
		qsort(*out, *n, sizeof **out, cmp_duty_id);
	return ZT_OK;
}
