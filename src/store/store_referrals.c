/* Rows of discharge referrals, capacity, districts and the monthly report (issue 16; see store_referrals.h). */
#include "store/store_referrals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "store/store_internal.h"

#define R_COLS                                                                                                  \
	"r.id, r.patient_id, r.hospital_id, r.state, r.planned_discharge, r.municipality_code, r.address, r.lat, "  \
	"r.lon, r.coord_source, r.needs_mask, r.devices_mask, r.visits_per_month, r.eol_wish, r.note, "          \
	"r.district_id, r.offered_to_id, r.clinic_id, r.nurse_station_id, r.clinic_answer, r.nurse_answer, "     \
	"r.decline_reason, r.batch_id, r.created_at, r.sent_at, r.accepted_at, r.closed_at, r.updated_at, "      \
	"p.name, h.name, c.name, n.name"
#define R_FROM                                                                                                  \
	" FROM referral r JOIN patient p ON p.id = r.patient_id JOIN institution h ON h.id = r.hospital_id "      \
	"LEFT JOIN institution c ON c.id = r.clinic_id LEFT JOIN institution n ON n.id = r.nurse_station_id"

static int lookup(const struct code_entry *t, int n, const char *code, int dflt)
{
	int i = code_lookup(t, n, code);
	return i < 0 ? dflt : i;
}

static void row_referral(struct db_stmt *q, struct referral *r)
{
	referral_init(r);
	r->id = db_col_int(q, 0);
	r->patient_id = db_col_int(q, 1);
	r->hospital_id = db_col_int(q, 2);
	r->state = (enum referral_state)lookup(referral_states, RS__MAX, db_col_text(q, 3), RS_DRAFT);
	STORE_COPY(r->planned_discharge, db_col_text(q, 4));
	STORE_COPY(r->municipality, db_col_text(q, 5));
	STORE_COPY(r->address, db_col_text(q, 6));
	r->has_coord = true;
	r->lat = db_col_double(q, 7);
	r->lon = db_col_double(q, 8);
	r->coord_source = (enum coord_source)lookup(coord_sources, CSRC__MAX, db_col_text(q, 9), CSRC_NONE);
	r->needs = (uint32_t)db_col_int(q, 10);
	r->devices = (uint32_t)db_col_int(q, 11);
	r->visits_per_month = (int)db_col_int(q, 12);
	r->eol_wish = (enum acp_answer)lookup(acp_answers, ACP__MAX, db_col_text(q, 13), ACP_UNKNOWN);
	STORE_COPY(r->note, db_col_text(q, 14));
	r->district_id = db_col_int(q, 15);
	r->offered_to_id = db_col_int(q, 16);
	r->clinic_id = db_col_int(q, 17);
	r->nurse_station_id = db_col_int(q, 18);
	STORE_COPY(r->clinic_answer, db_col_text(q, 19));
	STORE_COPY(r->nurse_answer, db_col_text(q, 20));
	STORE_COPY(r->decline_reason, db_col_text(q, 21));
	r->batch_id = db_col_int(q, 22);
	STORE_COPY(r->created_at, db_col_text(q, 23));
	STORE_COPY(r->sent_at, db_col_text(q, 24));
	STORE_COPY(r->accepted_at, db_col_text(q, 25));
	STORE_COPY(r->closed_at, db_col_text(q, 26));
	STORE_COPY(r->updated_at, db_col_text(q, 27));
	STORE_COPY(r->patient_name, db_col_text(q, 28));
	STORE_COPY(r->hospital_name, db_col_text(q, 29));
	STORE_COPY(r->clinic_name, db_col_text(q, 30));
	STORE_COPY(r->nurse_name, db_col_text(q, 31));
}

static enum zt_err prefs_put(struct store *st, const struct referral *r, struct zt_error *e)
{
	int rc = db_run(st->db, "DELETE FROM referral_preference WHERE referral_id = ?", "i", r->id);
	for (int i = 0; rc >= 0 && rc != DB_CONSTRAINT && i < r->nprefs; i++) {
		const struct referral_pref *p = &r->prefs[i];
		rc = db_run(st->db,
			    "INSERT INTO referral_preference (referral_id, position, kind, institution_id, practitioner_id, hard, note) "
			    "VALUES (?,?,?,?,?,?,?)",
			    "iisiIis", r->id, (int64_t)i, pref_kinds[p->kind].code, p->institution_id, p->practitioner_id,
			    (int64_t)p->hard, store_opt_text(p->note));
		if (rc == DB_CONSTRAINT) {
			char f[48];
			snprintf(f, sizeof f, "preferences[%d].institution_id", i);
			return zt_fail(e, ZT_ERR_INVALID, f, "希望 %d 件目の医療機関または医師が登録されていません。", i + 1);
		}
	}
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

static enum zt_err prefs_get(struct store *st, struct referral *r, struct zt_error *e)
{
	struct db_stmt *q = db_query(st->db, "SELECT f.kind, f.institution_id, f.practitioner_id, f.hard, f.note, i.name FROM referral_preference f "
					     "JOIN institution i ON i.id = f.institution_id WHERE f.referral_id = ? ORDER BY f.position", "i", r->id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	r->nprefs = 0;
	while ((rc = db_step(q)) == DB_ROW && r->nprefs < REFERRAL_PREFS_MAX) {
		struct referral_pref *p = &r->prefs[r->nprefs++];
		p->kind = (enum pref_kind)lookup(pref_kinds, PREF__MAX, db_col_text(q, 0), PREF_PREFER);
		p->institution_id = db_col_int(q, 1);
		p->practitioner_id = db_col_int(q, 2);
		p->hard = db_col_int(q, 3) != 0;
		STORE_COPY(p->note, db_col_text(q, 4));
		STORE_COPY(p->name, db_col_text(q, 5));
	}
	db_release(q);
	return rc == DB_DONE || rc == DB_ROW ? ZT_OK : store_db_err(st, rc, e);
}

/* The values of the writable columns of r, in the order of the statements below. */
#define W_SIG "iissssddsiiissIIIIsssIsss"
#define W_ARGS(r)                                                                                                \
	(r)->patient_id, (r)->hospital_id, referral_states[(r)->state].code, (r)->planned_discharge,             \
		(r)->municipality, (r)->address, (r)->lat, (r)->lon, coord_sources[(r)->coord_source].code,      \
		(int64_t)(r)->needs, (int64_t)(r)->devices, (int64_t)(r)->visits_per_month,                      \
		acp_answers[(r)->eol_wish].code, store_opt_text((r)->note), (r)->district_id, (r)->offered_to_id, \
		(r)->clinic_id, (r)->nurse_station_id, store_opt_text((r)->clinic_answer),                         \
		store_opt_text((r)->nurse_answer), store_opt_text((r)->decline_reason), (r)->batch_id,             \
		store_opt_text((r)->sent_at), store_opt_text((r)->accepted_at), store_opt_text((r)->closed_at)

static enum zt_err write_err(struct store *st, int rc, struct zt_error *e)
{
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_INVALID, "municipality", "市町村コード、病院、医療機関または患者の指定が登録されていません。");
	return store_db_err(st, rc, e);
}

enum zt_err store_referral_insert(struct store *st, struct referral *r, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int64_t id = 0;
	int rc = db_scalar_int(st->db, &id,
			       "INSERT INTO referral (patient_id, hospital_id, state, planned_discharge, municipality_code, "
			       "address, lat, lon, coord_source, needs_mask, devices_mask, visits_per_month, eol_wish, note, "
			       "district_id, offered_to_id, clinic_id, nurse_station_id, clinic_answer, nurse_answer, "
			       "decline_reason, batch_id, sent_at, accepted_at, closed_at, created_at, updated_at) "
			       "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
			       W_SIG "ss", W_ARGS(r), now, now);
	if (rc != DB_ROW)
		return write_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	r->id = id;
	STORE_COPY(r->created_at, now);
	STORE_COPY(r->updated_at, now);
	return prefs_put(st, r, e);
}

enum zt_err store_referral_update(struct store *st, struct referral *r, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
			"UPDATE referral SET patient_id = ?, hospital_id = ?, state = ?, planned_discharge = ?, "
			"municipality_code = ?, address = ?, lat = ?, lon = ?, coord_source = ?, needs_mask = ?, "
			"devices_mask = ?, visits_per_month = ?, eol_wish = ?, note = ?, district_id = ?, offered_to_id = ?, "
			"clinic_id = ?, nurse_station_id = ?, clinic_answer = ?, nurse_answer = ?, decline_reason = ?, "
			"batch_id = ?, sent_at = ?, accepted_at = ?, closed_at = ?, updated_at = ? WHERE id = ?",
			W_SIG "si", W_ARGS(r), now, r->id);
	if (rc < 0 || rc == DB_CONSTRAINT)
		return write_err(st, rc, e);
	if (db_changes(st->db) == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "紹介が見つかりません。");
	STORE_COPY(r->updated_at, now);
	return prefs_put(st, r, e);
}

enum zt_err store_referral_get(struct store *st, int64_t id, struct referral *out, struct zt_error *e)
{
	struct db_stmt *q = db_query(st->db, "SELECT " R_COLS R_FROM " WHERE r.id = ?", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		row_referral(q, out);
	db_release(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "紹介が見つかりません。");
	if (rc != DB_ROW)
		return store_db_err(st, rc, e);
	return prefs_get(st, out, e);
}

enum zt_err store_referral_event_insert(struct store *st, int64_t referral_id, const struct referral_event_row *ev,
					struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
			"INSERT INTO referral_event (referral_id, event, from_state, to_state, user_name, user_role, "
			"institution_id, reason_code, reason, at) VALUES (?,?,?,?,?,?,?,?,?,?)",
			"isssssIsss", referral_id, ev->event, ev->from, ev->to, ev->user, ev->role, ev->institution_id,
			store_opt_text(ev->reason_code), store_opt_text(ev->reason), now);
	return rc < 0 || rc == DB_CONSTRAINT ? store_db_err(st, rc, e) : ZT_OK;
}

json_t *store_referral_events_json(struct store *st, int64_t referral_id)
{
	return store_rows_json(db_query(st->db,
		"SELECT e.id, e.event, e.from_state, e.to_state, e.user_name, e.user_role, e.institution_id, "
		"COALESCE(i.name, '') AS institution_name, COALESCE(e.reason_code, '') AS reason_code, "
		"COALESCE(e.reason, '') AS reason, e.at FROM referral_event e LEFT JOIN institution i ON i.id = e.institution_id "
		"WHERE e.referral_id = ? ORDER BY e.id", "i", referral_id));
}

enum zt_err store_referral_list(struct store *st, const struct referral_scope_filter *f, struct referral **out,
				size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	int64_t a[8] = {0};
	for (int i = 0; i < f->nassocs && i < 8; i++)
		a[i] = f->assocs[i];
	const char *state = f->state ? f->state : "";
	struct db_stmt *q = db_query(st->db,
		"SELECT " R_COLS R_FROM " WHERE (? = '' OR r.state = ?) AND (? = 1 OR r.hospital_id = ? "
		"OR (? <> 0 AND (r.clinic_id = ? OR r.nurse_station_id = ?) AND r.state IN ('proposed','accepted','discharged','declined')) "
		"OR (r.state <> 'draft' AND (r.district_id IN (?,?,?,?,?,?,?,?) OR r.offered_to_id IN (?,?,?,?,?,?,?,?))) "
		"OR (r.state <> 'draft' AND r.municipality_code IN (SELECT municipality_code FROM association_municipality "
		"WHERE institution_id IN (?,?,?,?,?,?,?,?)))) ORDER BY r.id DESC",
		"ssiiiiiiiiiiiiiiiiiiiiiiiiiiiii", state, state, (int64_t)(f->all != 0), f->hospital_id, f->institution_id,
		f->institution_id, f->institution_id, a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7], a[0], a[1], a[2],
		a[3], a[4], a[5], a[6], a[7], a[0], a[1], a[2], a[3], a[4], a[5], a[6], a[7]);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		row_referral(q, STORE_PUSH(*out, *n, cap));
	db_release(q);
	if (rc != DB_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
	}
	return ZT_OK;
}

int64_t store_district_of(struct store *st, const char *municipality)
{
	int64_t id = 0;
	int rc = db_scalar_int(st->db, &id, "SELECT MIN(institution_id) FROM association_municipality WHERE municipality_code = ?",
			       "s", municipality);
	return rc < 0 ? -1 : id;
}

#define NEIGHBOURS                                                                                              \
	"SELECT DISTINCT o.institution_id AS id FROM association_municipality m "                                \
	"JOIN municipality_adjacency x ON x.a = m.municipality_code "                                             \
	"JOIN association_municipality o ON o.municipality_code = x.b "                                           \
	"WHERE m.institution_id = ? AND o.institution_id <> ?"

json_t *store_district_neighbours(struct store *st, int64_t assoc)
{
	return store_rows_json(db_query(st->db, "SELECT i.id, i.name FROM institution i WHERE i.id IN (" NEIGHBOURS ") ORDER BY i.id",
					"ii", assoc, assoc));
}

int store_districts_adjacent(struct store *st, int64_t a, int64_t b)
{
	int64_t n = 0;
	int rc = db_scalar_int(st->db, &n, "SELECT COUNT(*) FROM (" NEIGHBOURS ") t WHERE t.id = ?", "iii", a, a, b);
	return rc == DB_ROW && n > 0;
}

void store_institution_name(struct store *st, int64_t id, char *out, size_t n)
{
	out[0] = '\0';
	struct db_stmt *q = db_query(st->db, "SELECT name FROM institution WHERE id = ?", "i", id);
	if (q && db_step(q) == DB_ROW)
		snprintf(out, n, "%s", db_col_text(q, 0));
	db_release(q);
}

/* ---- capacity and load ---- */

static const char *const load_sql[MATCH_ROLE__MAX] = {
	[MATCH_CLINIC] = "SELECT (SELECT COUNT(*) FROM care_team t JOIN patient p ON p.id = t.patient_id "
			 "WHERE t.primary_institution_id = ? AND p.status IN ('home','hospitalised')) + "
			 "(SELECT COUNT(*) FROM referral WHERE clinic_id = ? AND state = 'accepted')",
	[MATCH_NURSE] = "SELECT (SELECT COUNT(*) FROM care_team t JOIN patient p ON p.id = t.patient_id "
			"WHERE t.nurse_station_id = ? AND p.status IN ('home','hospitalised')) + "
			"(SELECT COUNT(*) FROM referral WHERE nurse_station_id = ? AND state = 'accepted')",
};

int store_institution_load(struct store *st, int64_t id, enum match_role role)
{
	int64_t n = 0;
	if ((int)role < 0 || role >= MATCH_ROLE__MAX)
		return -1;
	return db_scalar_int(st->db, &n, load_sql[role], "ii", id, id) == DB_ROW ? (int)n : -1;
}

static int left_of(int more, int at_decl, int load)
{
	int grown = load - at_decl;
	int left = more - (grown > 0 ? grown : 0);
	return left > 0 ? left : 0;
}

enum zt_err store_capacity_get(struct store *st, int64_t id, enum match_role role, struct capacity *out,
			       struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	out->institution_id = id;
	out->load = store_institution_load(st, id, role);
	if (out->load < 0)
		return store_db_err(st, DB_HARD_ERROR, e);
	struct db_stmt *q = db_query(st->db, "SELECT accepts_more, load_at_declaration, declared_at, declared_by "
					     "FROM institution_capacity WHERE institution_id = ?", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		out->declared = 1;
		out->accepts_more = (int)db_col_int(q, 0);
		out->load_at_declaration = (int)db_col_int(q, 1);
		STORE_COPY(out->declared_at, db_col_text(q, 2));
		STORE_COPY(out->declared_by, db_col_text(q, 3));
		out->left = left_of(out->accepts_more, out->load_at_declaration, out->load);
	}
	db_release(q);
	return rc == DB_ROW || rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_capacity_put(struct store *st, int64_t id, int more, int load, const char *by, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
			"INSERT INTO institution_capacity (institution_id, accepts_more, load_at_declaration, declared_at, declared_by) "
			"VALUES (?,?,?,?,?) ON CONFLICT (institution_id) DO UPDATE SET accepts_more = excluded.accepts_more, "
			"load_at_declaration = excluded.load_at_declaration, declared_at = excluded.declared_at, "
			"declared_by = excluded.declared_by",
			"iiiss", id, (int64_t)more, (int64_t)load, now, by);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "医療機関が見つかりません。");
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_match_providers(struct store *st, int64_t district, struct match_provider **out, int *n,
				  char (**names)[256], char (**munis)[7], int **declared, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	if (names)
		*names = NULL;
	if (munis)
		*munis = NULL;
	if (declared)
		*declared = NULL;
	struct db_stmt *q = db_query(st->db,
		"SELECT i.id, i.kind, i.lat, i.lon, i.capability_mask, i.name, i.municipality_code, "
		"i.capabilities_known, "
		"c.accepts_more, c.load_at_declaration, "
		"(SELECT COUNT(*) FROM care_team t JOIN patient p ON p.id = t.patient_id WHERE p.status IN ('home','hospitalised') "
		" AND ((i.kind = 'nurse_station' AND t.nurse_station_id = i.id) OR (i.kind <> 'nurse_station' AND t.primary_institution_id = i.id))) + "
		"(SELECT COUNT(*) FROM referral r WHERE r.state = 'accepted' "
		" AND ((i.kind = 'nurse_station' AND r.nurse_station_id = i.id) OR (i.kind <> 'nurse_station' AND r.clinic_id = i.id))) AS load "
		"FROM institution i LEFT JOIN institution_capacity c ON c.institution_id = i.id "
		"WHERE ((i.kind IN ('clinic','hospital') AND i.home_care = 1) OR i.kind = 'nurse_station') "
		"AND (? = 0 OR i.municipality_code IN (SELECT municipality_code FROM association_municipality WHERE institution_id = ?)) "
		"ORDER BY i.id",
		"ii", district, district);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0, count = 0, ncap = 0, mcap = 0, dcap = 0, nn = 0, nm = 0, nd = 0;
	struct match_provider *p = NULL;
	char(*nm_arr)[256] = NULL;
	char(*mu_arr)[7] = NULL;
	int *dc = NULL;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct match_provider *x = STORE_PUSH(p, count, cap);
		memset(x, 0, sizeof *x);
		x->id = db_col_int(q, 0);
		x->role = strcmp(db_col_text(q, 1), "nurse_station") == 0 ? MATCH_NURSE : MATCH_CLINIC;
		x->has_coord = !db_col_is_null(q, 2) && !db_col_is_null(q, 3);
		x->lat = db_col_double(q, 2);
		x->lon = db_col_double(q, 3);
		x->capabilities = (uint32_t)db_col_int(q, 4);
		/* tri-state (issue 12): a yes is known; 未確認 when the bit is clear in both */
		x->capabilities_known = (uint32_t)db_col_int(q, 7) | x->capabilities;
		x->load = (int)db_col_int(q, 10);
		int decl = !db_col_is_null(q, 8);
		x->capacity_left = decl ? left_of((int)db_col_int(q, 8), (int)db_col_int(q, 9), x->load) : 0;
		char(*nmx)[256] = STORE_PUSH(nm_arr, nn, ncap);
		snprintf(*nmx, sizeof *nmx, "%s", db_col_text(q, 5));
		char(*mux)[7] = STORE_PUSH(mu_arr, nm, mcap);
		snprintf(*mux, sizeof *mux, "%s", db_col_text(q, 6));
		int *dx = STORE_PUSH(dc, nd, dcap);
		*dx = decl;
	}
	db_release(q);
	if (rc != DB_DONE) {
		free(p);
		free(nm_arr);
		free(mu_arr);
		free(dc);
		return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
	}
	*out = p;
	*n = (int)count;
	if (names)
		*names = nm_arr;
	else
		free(nm_arr);
	if (munis)
		*munis = mu_arr;
	else
		free(mu_arr);
	if (declared)
		*declared = dc;
	else
		free(dc);
	return ZT_OK;
}

enum zt_err store_batch_insert(struct store *st, int64_t district, int assigned, double objective, const char *by,
			       int64_t *id, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_scalar_int(st->db, id,
			       "INSERT INTO referral_batch (district_id, assigned, objective, created_by, created_at) "
			       "VALUES (?,?,?,?,?) RETURNING id", "Iidss", district, (int64_t)assigned, objective, by, now);
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
}

json_t *store_referral_report(struct store *st, int64_t district, const char *month)
{
	/* A referral belongs to the month it was sent in (created, for drafts). */
	json_t *by_state = store_rows_json(db_query(st->db,
		"SELECT state, COUNT(*) AS n_count FROM referral WHERE (? = 0 OR district_id = ?) "
		"AND substr(COALESCE(sent_at, created_at), 1, 7) = ? GROUP BY state ORDER BY state",
		"iis", district, district, month));
	json_t *accept = store_rows_json(db_query(st->db,
		"SELECT id, sent_at, accepted_at FROM referral WHERE (? = 0 OR district_id = ?) AND accepted_at IS NOT NULL "
		"AND sent_at IS NOT NULL AND substr(sent_at, 1, 7) = ? ORDER BY id",
		"iis", district, district, month));
	json_t *declines = store_rows_json(db_query(st->db,
		"SELECT e.reason_code, COUNT(*) AS n_count FROM referral_event e JOIN referral r ON r.id = e.referral_id "
		"WHERE e.event = 'decline' AND (? = 0 OR r.district_id = ?) AND substr(e.at, 1, 7) = ? "
		"GROUP BY e.reason_code ORDER BY e.reason_code",
		"iis", district, district, month));
	json_t *load = store_rows_json(db_query(st->db,
		"SELECT i.id, i.name, i.kind, "
		"(SELECT COUNT(*) FROM care_team t JOIN patient p ON p.id = t.patient_id WHERE p.status IN ('home','hospitalised') "
		" AND ((i.kind = 'nurse_station' AND t.nurse_station_id = i.id) OR (i.kind <> 'nurse_station' AND t.primary_institution_id = i.id))) AS n_patients, "
		"(SELECT COUNT(*) FROM referral r WHERE r.state IN ('accepted','discharged') AND substr(r.accepted_at, 1, 7) = ? "
		" AND ((i.kind = 'nurse_station' AND r.nurse_station_id = i.id) OR (i.kind <> 'nurse_station' AND r.clinic_id = i.id))) AS n_accepted "
		"FROM institution i WHERE ((i.kind IN ('clinic','hospital') AND i.home_care = 1) OR i.kind = 'nurse_station') "
		"AND (? = 0 OR i.municipality_code IN (SELECT municipality_code FROM association_municipality WHERE institution_id = ?)) "
		"ORDER BY i.kind, i.id",
		"sii", month, district, district));
	if (!by_state || !accept || !declines || !load) {
		json_decref(by_state);
		json_decref(accept);
		json_decref(declines);
		json_decref(load);
		return NULL;
	}
	return json_pack("{s:o, s:o, s:o, s:o}", "by_state", by_state, "accepted", accept, "declines", declines, "load", load);
}
