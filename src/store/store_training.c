/* Storage of 訪問診療導入研修 and its 認定証 (seed 002 ②, seed 000 §3(3), issue 18 §2; see store_training.h). */
#include "store/store_training.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "store/store_internal.h"

static enum zt_err done(struct store *st, int rc, struct zt_error *e)
{
	return rc == DB_DONE || rc == DB_ROW ? ZT_OK : store_db_err(st, rc, e);
}

/* ---- programmes ---- */

#define PROG_SELECT                                                                                               \
	"SELECT p.id, p.association_id, a.name, a.municipality_code, p.fiscal_year, p.title, p.max_km, p.note, "    \
	"p.created_at, p.updated_at, "                                                                            \
	"(SELECT COUNT(*) FROM training_trainee t WHERE t.programme_id = p.id), "                                 \
	"(SELECT COUNT(*) FROM training_advisor v WHERE v.programme_id = p.id) "                                  \
	"FROM training_programme p JOIN institution a ON a.id = p.association_id "

#define PT(i, member) STORE_TEXT_COL(struct training_programme, i, member)
static const struct store_text_col prog_text[] = {
	PT(2, association_name), PT(3, association_municipality), PT(5, title), PT(7, note), PT(8, created_at),
	PT(9, updated_at),
};

static void row_to_prog(struct db_stmt *q, struct training_programme *p)
{
	memset(p, 0, sizeof *p);
	p->id = db_col_int(q, 0);
	p->association_id = db_col_int(q, 1);
	p->fiscal_year = (int)db_col_int(q, 4);
	p->max_km = db_col_double(q, 6);
	p->n_trainees = (int)db_col_int(q, 10);
	p->n_advisors = (int)db_col_int(q, 11);
	store_copy_cols(q, p, prog_text, sizeof prog_text / sizeof prog_text[0]);
}

enum zt_err store_training_list(struct store *st, int fiscal_year, struct training_programme **out, size_t *n,
				struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	struct db_stmt *q = db_query(st->db, PROG_SELECT "WHERE ? = 0 OR p.fiscal_year = ? ORDER BY p.fiscal_year DESC, p.id DESC",
				     "ii", (int64_t)fiscal_year, (int64_t)fiscal_year);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		row_to_prog(q, STORE_PUSH(*out, *n, cap));
	db_finalize(q);
	if (rc != DB_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc, e);
	}
	return ZT_OK;
}

enum zt_err store_training_get(struct store *st, int64_t id, struct training_programme *out, struct zt_error *e)
{
	struct db_stmt *q = db_query(st->db, PROG_SELECT "WHERE p.id = ?", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		row_to_prog(q, out);
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "研修が見つかりません。");
	return done(st, rc, e);
}

enum zt_err store_training_insert(struct store *st, struct training_programme *p, struct zt_error *e)
{
	zt_now_utc(p->created_at);
	memcpy(p->updated_at, p->created_at, sizeof p->updated_at);
	int rc = db_scalar_int(st->db, &p->id,
			       "INSERT INTO training_programme (association_id, fiscal_year, title, max_km, note, created_at, updated_at) "
			       "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
			       "iisdsss", p->association_id, (int64_t)p->fiscal_year, p->title, p->max_km,
			       store_opt_text(p->note), p->created_at, p->updated_at);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	for (int s = 0; s < TS__MAX; s++) {
		rc = db_run(st->db, "INSERT INTO training_session (programme_id, step) VALUES (?, ?)", "is", p->id,
			    training_steps[s].code);
		if (rc != DB_DONE)
			return store_db_err(st, rc, e);
	}
	return ZT_OK;
}

enum zt_err store_training_update(struct store *st, const struct training_programme *p, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db, "UPDATE training_programme SET title = ?, max_km = ?, note = ?, updated_at = ? WHERE id = ?",
			"sdssi", p->title, p->max_km, store_opt_text(p->note), now, p->id);
	return done(st, rc, e);
}

enum zt_err store_training_sessions(struct store *st, int64_t id, struct training_session_row rows[TS__MAX],
				    struct zt_error *e)
{
	memset(rows, 0, sizeof(struct training_session_row) * TS__MAX);
	struct db_stmt *q = db_query(st->db, "SELECT step, held_on, place, note FROM training_session WHERE programme_id = ?",
				     "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		int s = code_lookup(training_steps, TS__MAX, db_col_text(q, 0));
		if (s < 0)
			continue;
		STORE_COPY(rows[s].held_on, db_col_text(q, 1));
		STORE_COPY(rows[s].place, db_col_text(q, 2));
		STORE_COPY(rows[s].note, db_col_text(q, 3));
	}
	db_finalize(q);
	return done(st, rc, e);
}

enum zt_err store_training_session_put(struct store *st, int64_t id, enum training_step s,
				       const struct training_session_row *row, struct zt_error *e)
{
	int rc = db_run(st->db, "UPDATE training_session SET held_on = ?, place = ?, note = ? WHERE programme_id = ? AND step = ?",
			"sssis", store_opt_text(row->held_on), store_opt_text(row->place), store_opt_text(row->note), id,
			training_steps[s].code);
	return done(st, rc, e);
}

enum zt_err store_training_invite(struct store *st, int64_t id, int64_t inst, const char *source, bool *added,
				  struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
			"INSERT INTO training_invitation (programme_id, institution_id, source, invited_at) VALUES (?, ?, ?, ?) "
			"ON CONFLICT (programme_id, institution_id) DO NOTHING",
			"iiss", id, inst, source, now);
	*added = rc == DB_DONE && db_changes(st->db) > 0;
	return done(st, rc, e);
}

json_t *store_training_invitations_json(struct store *st, int64_t id)
{
	return store_rows_json(db_query(st->db,
		"SELECT v.institution_id, i.name AS institution_name, i.municipality_code AS municipality, v.source, v.invited_at, "
		"(SELECT COUNT(*) FROM training_trainee t WHERE t.programme_id = v.programme_id AND t.institution_id = v.institution_id) AS n_trainees "
		"FROM training_invitation v JOIN institution i ON i.id = v.institution_id WHERE v.programme_id = ? "
		"ORDER BY i.name, v.institution_id", "i", id));
}

json_t *store_training_visits_json(struct store *st, int64_t id)
{
	return store_rows_json(db_query(st->db,
		"SELECT v.id, v.trainee_id, v.advisor_id, a.name AS advisor_name, v.visited_on, v.note, v.created_at "
		"FROM training_visit v JOIN training_trainee t ON t.id = v.trainee_id "
		"LEFT JOIN training_advisor a ON a.id = v.advisor_id WHERE t.programme_id = ? ORDER BY v.visited_on, v.id",
		"i", id));
}

json_t *store_training_followups_json(struct store *st, int64_t id)
{
	return store_rows_json(db_query(st->db,
		"SELECT f.id, f.trainee_id, f.noted_on, f.started_visits AS n_started_visits, "
		"f.filed_zaishishin AS n_filed_zaishishin, f.note, f.created_at "
		"FROM training_followup f JOIN training_trainee t ON t.id = f.trainee_id WHERE t.programme_id = ? "
		"ORDER BY f.noted_on, f.id", "i", id));
}

/* ---- advisors and trainees ---- */

enum zt_err store_training_advisors(struct store *st, int64_t id, struct training_advisor_row **out, size_t *n,
				    struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	struct db_stmt *q = db_query(st->db,
		"SELECT v.id, v.institution_id, COALESCE(v.practitioner_id, 0), i.name, v.name, v.capacity, "
		"(SELECT COUNT(*) FROM training_trainee t WHERE t.advisor_id = v.id), i.lat IS NOT NULL AND i.lon IS NOT NULL, "
		"COALESCE(i.lat, 0), COALESCE(i.lon, 0) "
		"FROM training_advisor v JOIN institution i ON i.id = v.institution_id WHERE v.programme_id = ? ORDER BY v.id",
		"i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct training_advisor_row *a = STORE_PUSH(*out, *n, cap);
		a->id = db_col_int(q, 0);
		a->institution_id = db_col_int(q, 1);
		a->practitioner_id = db_col_int(q, 2);
		STORE_COPY(a->institution_name, db_col_text(q, 3));
		STORE_COPY(a->name, db_col_text(q, 4));
		a->capacity = (int)db_col_int(q, 5);
		a->assigned = (int)db_col_int(q, 6);
		a->has_coord = db_col_int(q, 7) != 0;
		a->lat = db_col_double(q, 8);
		a->lon = db_col_double(q, 9);
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

enum zt_err store_training_advisor_insert(struct store *st, int64_t programme_id, struct training_advisor_row *a,
					  struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_scalar_int(st->db, &a->id,
			       "INSERT INTO training_advisor (programme_id, institution_id, practitioner_id, name, capacity, created_at) "
			       "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
			       "iiIsis", programme_id, a->institution_id, a->practitioner_id, a->name, (int64_t)a->capacity, now);
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
}

#define TRAINEE_SELECT                                                                                            \
	"SELECT t.id, t.institution_id, COALESCE(t.practitioner_id, 0), i.name, i.municipality_code, t.name, "       \
	"COALESCE(t.wish1, 0), COALESCE(t.wish2, 0), COALESCE(t.wish3, 0), COALESCE(t.advisor_id, 0), "            \
	"COALESCE(a.name, ''), t.match_reason, COALESCE(t.distance_km, -1), t.paired_at, "                          \
	"i.lat IS NOT NULL AND i.lon IS NOT NULL, COALESCE(i.lat, 0), COALESCE(i.lon, 0), "                         \
	"(SELECT COUNT(*) FROM training_visit w WHERE w.trainee_id = t.id) "                                        \
	"FROM training_trainee t JOIN institution i ON i.id = t.institution_id "                                    \
	"LEFT JOIN training_advisor a ON a.id = t.advisor_id "

#define TT(i, member) STORE_TEXT_COL(struct training_trainee_row, i, member)
static const struct store_text_col trainee_text[] = {
	TT(3, institution_name), TT(4, municipality), TT(5, name), TT(10, advisor_name), TT(11, match_reason),
	TT(13, paired_at),
};

enum zt_err store_training_trainees(struct store *st, int64_t id, int64_t trainee_id, struct training_trainee_row **out,
				    size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	struct db_stmt *q = db_query(st->db, TRAINEE_SELECT "WHERE t.programme_id = ? AND (? = 0 OR t.id = ?) ORDER BY t.id",
				     "iii", id, trainee_id, trainee_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct training_trainee_row *t = STORE_PUSH(*out, *n, cap);
		t->id = db_col_int(q, 0);
		t->institution_id = db_col_int(q, 1);
		t->practitioner_id = db_col_int(q, 2);
		for (int k = 0; k < TRAINING_WISHES_MAX; k++)
			t->wishes[k] = db_col_int(q, 6 + k);
		t->advisor_id = db_col_int(q, 9);
		t->distance_km = db_col_double(q, 12);
		t->has_coord = db_col_int(q, 14) != 0;
		t->lat = db_col_double(q, 15);
		t->lon = db_col_double(q, 16);
		t->progress.visits = (int)db_col_int(q, 17);
		store_copy_cols(q, t, trainee_text, sizeof trainee_text / sizeof trainee_text[0]);
	}
	db_finalize(q);
	/* attendance */
	if (rc == DB_DONE && *n > 0) {
		q = db_query(st->db,
			     "SELECT d.trainee_id, d.step FROM training_attendance d JOIN training_trainee t ON t.id = d.trainee_id "
			     "WHERE t.programme_id = ? AND d.attended = 1 AND (? = 0 OR t.id = ?)",
			     "iii", id, trainee_id, trainee_id);
		if (q == NULL)
			rc = DB_HARD_ERROR;
		while (q && (rc = db_step(q)) == DB_ROW) {
			int64_t tid = db_col_int(q, 0);
			int s = code_lookup(training_steps, TS__MAX, db_col_text(q, 1));
			for (size_t k = 0; k < *n && s >= 0; k++)
				if ((*out)[k].id == tid)
					(*out)[k].progress.attended[s] = true;
		}
		db_finalize(q);
	}
	if (rc != DB_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc, e);
	}
	if (trainee_id && *n == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "trainee_id", "受講生が見つかりません。");
	return ZT_OK;
}

enum zt_err store_training_trainee_insert(struct store *st, int64_t programme_id, struct training_trainee_row *t,
					  struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_scalar_int(st->db, &t->id,
			       "INSERT INTO training_trainee (programme_id, institution_id, practitioner_id, name, wish1, wish2, wish3, created_at) "
			       "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			       "iiIsIIIs", programme_id, t->institution_id, t->practitioner_id, t->name, t->wishes[0],
			       t->wishes[1], t->wishes[2], now);
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
}

enum zt_err store_training_trainee_wishes(struct store *st, const struct training_trainee_row *t, struct zt_error *e)
{
	int rc = db_run(st->db, "UPDATE training_trainee SET wish1 = ?, wish2 = ?, wish3 = ? WHERE id = ?", "IIIi",
			t->wishes[0], t->wishes[1], t->wishes[2], t->id);
	return done(st, rc, e);
}

enum zt_err store_training_pair(struct store *st, int64_t tid, int64_t aid, const char *reason, double km,
				struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = aid ? db_run(st->db,
			      "UPDATE training_trainee SET advisor_id = ?, match_reason = ?, distance_km = ?, paired_at = ? WHERE id = ?",
			      "isdsi", aid, reason, km, now, tid)
		     : db_run(st->db,
			      "UPDATE training_trainee SET advisor_id = NULL, match_reason = NULL, distance_km = NULL, paired_at = NULL "
			      "WHERE id = ?", "i", tid);
	if (rc == DB_DONE && aid && km < 0)
		rc = db_run(st->db, "UPDATE training_trainee SET distance_km = NULL WHERE id = ?", "i", tid);
	return done(st, rc, e);
}

enum zt_err store_training_attendance_put(struct store *st, int64_t tid, enum training_step s, bool attended,
					  struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
			"INSERT INTO training_attendance (trainee_id, step, attended, recorded_at) VALUES (?, ?, ?, ?) "
			"ON CONFLICT (trainee_id, step) DO UPDATE SET attended = excluded.attended, recorded_at = excluded.recorded_at",
			"isis", tid, training_steps[s].code, (int64_t)(attended ? 1 : 0), now);
	return done(st, rc, e);
}

enum zt_err store_training_visit_insert(struct store *st, int64_t tid, int64_t advisor_id, const char *date,
					const char *note, int64_t *id, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_scalar_int(st->db, id,
			       "INSERT INTO training_visit (trainee_id, advisor_id, visited_on, note, created_at) VALUES (?, ?, ?, ?, ?) "
			       "RETURNING id",
			       "iIsss", tid, advisor_id, date, store_opt_text(note), now);
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
}

enum zt_err store_training_followup_insert(struct store *st, int64_t tid, const char *date, int started, int filed,
					   const char *note, int64_t *id, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	struct db_stmt *q = db_query(st->db,
		"INSERT INTO training_followup (trainee_id, noted_on, started_visits, filed_zaishishin, note, created_at) "
		"VALUES (?, ?, ?, ?, ?, ?) RETURNING id", "is", tid, date);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	if (started < 0)
		db_bind_null(q, 3);
	else
		db_bind_int(q, 3, started);
	if (filed < 0)
		db_bind_null(q, 4);
	else
		db_bind_int(q, 4, filed);
	db_bind_text(q, 5, store_opt_text(note));
	db_bind_text(q, 6, now);
	int rc = db_step(q);
	if (rc == DB_ROW)
		*id = db_col_int(q, 0);
	db_finalize(q);
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
}

/* ---- 認定証 ---- */

#define CERT_SELECT                                                                                               \
	"SELECT c.id, c.trainee_id, c.programme_id, c.number, c.trainee_name, c.institution_name, c.programme_title, " \
	"c.fiscal_year, c.status, c.issued_at, c.revoked_at, c.revoke_reason, a.name, a.municipality_code "           \
	"FROM training_certificate c JOIN training_programme p ON p.id = c.programme_id "                           \
	"JOIN institution a ON a.id = p.association_id "

#define CT(i, member) STORE_TEXT_COL(struct training_cert, i, member)
static const struct store_text_col cert_text[] = {
	CT(3, number), CT(4, trainee_name), CT(5, institution_name), CT(6, programme_title), CT(8, status),
	CT(9, issued_at), CT(10, revoked_at), CT(11, revoke_reason), CT(12, association_name),
	CT(13, association_municipality),
};

static enum zt_err cert_one(struct store *st, struct db_stmt *q, struct training_cert *out)
{
	if (q == NULL)
		return ZT_ERR_DB;
	int rc = db_step(q);
	if (rc == DB_ROW) {
		memset(out, 0, sizeof *out);
		out->id = db_col_int(q, 0);
		out->trainee_id = db_col_int(q, 1);
		out->programme_id = db_col_int(q, 2);
		out->fiscal_year = (int)db_col_int(q, 7);
		store_copy_cols(q, out, cert_text, sizeof cert_text / sizeof cert_text[0]);
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return ZT_ERR_NOTFOUND;
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc, NULL);
}

enum zt_err store_training_cert_of(struct store *st, int64_t tid, struct training_cert *out)
{
	return cert_one(st, db_query(st->db, CERT_SELECT "WHERE c.trainee_id = ? AND c.status = 'valid' ORDER BY c.id DESC LIMIT 1",
				     "i", tid), out);
}

enum zt_err store_training_cert_get(struct store *st, const char *number, struct training_cert *out)
{
	return cert_one(st, db_query(st->db, CERT_SELECT "WHERE c.number = ?", "s", number), out);
}

enum zt_err store_training_cert_issue(struct store *st, const struct training_programme *p,
				      const struct training_trainee_row *t, struct training_cert *out, struct zt_error *e)
{
	char now[21], pending[64];
	zt_now_utc(now);
	snprintf(pending, sizeof pending, "pending-%lld", (long long)t->id);
	int64_t id = 0;
	int rc = db_scalar_int(st->db, &id,
			       "INSERT INTO training_certificate (number, trainee_id, programme_id, trainee_name, institution_name, "
			       "programme_title, fiscal_year, status, issued_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'valid', ?) RETURNING id",
			       "siisssis", pending, t->id, p->id, t->name, t->institution_name, p->title, (int64_t)p->fiscal_year,
			       now);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	char today[11], number[32];
	zt_today_jst(today);
	snprintf(number, sizeof number, "KS-%.4s-%06lld", today, (long long)id);
	rc = db_run(st->db, "UPDATE training_certificate SET number = ? WHERE id = ?", "si", number, id);
	if (rc != DB_DONE)
		return store_db_err(st, rc, e);
	enum zt_err r = store_training_cert_get(st, number, out);
	return r == ZT_OK ? ZT_OK : store_db_err(st, DB_HARD_ERROR, e);
}

enum zt_err store_training_cert_revoke(struct store *st, int64_t tid, const char *reason, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
			"UPDATE training_certificate SET status = 'revoked', revoked_at = ?, revoke_reason = ? "
			"WHERE trainee_id = ? AND status = 'valid'", "ssi", now, reason, tid);
	return done(st, rc, e);
}
