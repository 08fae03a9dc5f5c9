/* The programme's meetings with invitees, attendance, follow-up actions and the minutes PDF (issue 18 §4; see store_meetings.h). */
#include "store/store_meetings.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "store/store_internal.h"

static enum zt_err children_insert(struct store *st, struct meeting *m, struct zt_error *e)
{
	for (int i = 0; i < m->npeople; i++) {
		struct meeting_person *p = &m->people[i];
		int rc = db_scalar_int(st->db, &p->id,
				       "INSERT INTO meeting_person (meeting_id, institution_id, name, role, attended) "
				       "VALUES (?, ?, ?, ?, NULLIF(?, -1)) RETURNING id",
				       "iIssi", m->id, p->institution_id, p->name, p->role, (int64_t)p->attended);
		if (rc == DB_CONSTRAINT) {
			char f[64];
			snprintf(f, sizeof f, "people[%d].institution_id", i);
			return zt_fail(e, ZT_ERR_INVALID, f, "招待者%d: 機関（ID %lld）が登録されていません。", i + 1,
				       (long long)p->institution_id);
		}
		if (rc != DB_ROW)
			return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	}
	for (int i = 0; i < m->nactions; i++) {
		struct meeting_action *a = &m->actions[i];
		int rc = db_scalar_int(st->db, &a->id,
				       "INSERT INTO meeting_action (meeting_id, text, owner, due_on, done_on) "
				       "VALUES (?, ?, ?, ?, ?) RETURNING id",
				       "issss", m->id, a->text, a->owner, store_opt_text(a->due_on), store_opt_text(a->done_on));
		if (rc != DB_ROW)
			return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	}
	return ZT_OK;
}

enum zt_err store_meeting_insert(struct store *st, struct meeting *m, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_scalar_int(st->db, &m->id,
			       "INSERT INTO meeting (operator_id, kind, title, held_on, start_time, end_time, place, agenda, "
			       "minutes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			       "issssssssss", m->operator_id, meeting_kinds[m->kind].code, m->title, m->held_on,
			       store_opt_text(m->start_time), store_opt_text(m->end_time), m->place, m->agenda, m->minutes,
			       now, now);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_INVALID, "operator_id", "事業者が見つかりません。");
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	return children_insert(st, m, e);
}

enum zt_err store_meeting_update(struct store *st, struct meeting *m, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
			"UPDATE meeting SET operator_id = ?, kind = ?, title = ?, held_on = ?, start_time = ?, end_time = ?, "
			"place = ?, agenda = ?, minutes = ?, updated_at = ? WHERE id = ?",
			"isssssssssi", m->operator_id, meeting_kinds[m->kind].code, m->title, m->held_on,
			store_opt_text(m->start_time), store_opt_text(m->end_time), m->place, m->agenda, m->minutes, now, m->id);
	if (rc < 0)
		return store_db_err(st, rc, e);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_INVALID, "operator_id", "事業者が見つかりません。");
	if (db_changes(st->db) == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "会議が見つかりません。");
	if ((rc = db_run(st->db, "DELETE FROM meeting_person WHERE meeting_id = ?", "i", m->id)) < 0 ||
	    (rc = db_run(st->db, "DELETE FROM meeting_action WHERE meeting_id = ?", "i", m->id)) < 0)
		return store_db_err(st, rc, e);
	return children_insert(st, m, e);
}

enum zt_err store_meeting_delete(struct store *st, int64_t id, struct zt_error *e)
{
	int rc;
	if ((rc = db_run(st->db, "DELETE FROM meeting_person WHERE meeting_id = ?", "i", id)) < 0 ||
	    (rc = db_run(st->db, "DELETE FROM meeting_action WHERE meeting_id = ?", "i", id)) < 0 ||
	    (rc = db_run(st->db, "DELETE FROM meeting WHERE id = ?", "i", id)) < 0)
		return store_db_err(st, rc, e);
	return db_changes(st->db) ? ZT_OK : zt_fail(e, ZT_ERR_NOTFOUND, "id", "会議が見つかりません。");
}

enum zt_err store_meeting_get(struct store *st, int64_t id, struct meeting *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *q = db_query(st->db,
				     "SELECT m.id, m.operator_id, m.kind, m.title, m.held_on, COALESCE(m.start_time, ''), "
				     "COALESCE(m.end_time, ''), COALESCE(m.place, ''), COALESCE(m.agenda, ''), "
				     "COALESCE(m.minutes, ''), m.minutes_pdf IS NOT NULL, o.name "
				     "FROM meeting m JOIN operator o ON o.id = m.operator_id WHERE m.id = ?",
				     "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		out->id = db_col_int(q, 0);
		out->operator_id = db_col_int(q, 1);
		out->kind = code_lookup(meeting_kinds, MK__MAX, db_col_text(q, 2));
		STORE_COPY(out->title, db_col_text(q, 3));
		STORE_COPY(out->held_on, db_col_text(q, 4));
		STORE_COPY(out->start_time, db_col_text(q, 5));
		STORE_COPY(out->end_time, db_col_text(q, 6));
		STORE_COPY(out->place, db_col_text(q, 7));
		STORE_COPY(out->agenda, db_col_text(q, 8));
		STORE_COPY(out->minutes, db_col_text(q, 9));
		out->has_minutes_pdf = db_col_int(q, 10) != 0;
		STORE_COPY(out->operator_name, db_col_text(q, 11));
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "会議が見つかりません。");
	if (rc != DB_ROW)
		return store_db_err(st, rc, e);
	q = db_query(st->db,
		     "SELECT p.id, COALESCE(p.institution_id, 0), COALESCE(p.name, ''), COALESCE(p.role, ''), "
		     "COALESCE(p.attended, -1), COALESCE(i.name, '') FROM meeting_person p "
		     "LEFT JOIN institution i ON i.id = p.institution_id WHERE p.meeting_id = ? ORDER BY p.id",
		     "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	while ((rc = db_step(q)) == DB_ROW && out->npeople < MEETING_MAX_PEOPLE) {
		struct meeting_person *p = &out->people[out->npeople++];
		p->id = db_col_int(q, 0);
		p->institution_id = db_col_int(q, 1);
		STORE_COPY(p->name, db_col_text(q, 2));
		STORE_COPY(p->role, db_col_text(q, 3));
		p->attended = (int)db_col_int(q, 4);
		STORE_COPY(p->institution_name, db_col_text(q, 5));
	}
	db_finalize(q);
	if (rc < 0)
		return store_db_err(st, rc, e);
	q = db_query(st->db,
		     "SELECT id, text, owner, COALESCE(due_on, ''), COALESCE(done_on, '') FROM meeting_action "
		     "WHERE meeting_id = ? ORDER BY id",
		     "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	while ((rc = db_step(q)) == DB_ROW && out->nactions < MEETING_MAX_ACTIONS) {
		struct meeting_action *a = &out->actions[out->nactions++];
		a->id = db_col_int(q, 0);
		STORE_COPY(a->text, db_col_text(q, 1));
		STORE_COPY(a->owner, db_col_text(q, 2));
		STORE_COPY(a->due_on, db_col_text(q, 3));
		STORE_COPY(a->done_on, db_col_text(q, 4));
	}
	db_finalize(q);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_meeting_list(struct store *st, int64_t operator_id, const char *from, const char *to,
			       struct meeting_summary **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	const char *f = from ? from : "", *t = to ? to : "";
	struct db_stmt *q = db_query(
		st->db,
		"SELECT m.id, m.operator_id, m.kind, m.title, m.held_on, COALESCE(m.start_time, ''), "
		"COALESCE(m.end_time, ''), COALESCE(m.place, ''), o.name, "
		"(SELECT COUNT(*) FROM meeting_person p WHERE p.meeting_id = m.id), "
		"(SELECT COUNT(*) FROM meeting_person p WHERE p.meeting_id = m.id AND p.attended = 1), "
		"(SELECT COUNT(*) FROM meeting_action a WHERE a.meeting_id = m.id AND a.done_on IS NULL), "
		"COALESCE(m.minutes, '') <> '', m.minutes_pdf IS NOT NULL "
		"FROM meeting m JOIN operator o ON o.id = m.operator_id "
		"WHERE (? = 0 OR m.operator_id = ?) AND (? = '' OR m.held_on >= ?) AND (? = '' OR m.held_on <= ?) "
		"ORDER BY m.held_on, m.id",
		"iissss", operator_id, operator_id, f, f, t, t);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct meeting_summary *s = STORE_PUSH(*out, *n, cap);
		s->id = db_col_int(q, 0);
		s->operator_id = db_col_int(q, 1);
		s->kind = code_lookup(meeting_kinds, MK__MAX, db_col_text(q, 2));
		STORE_COPY(s->title, db_col_text(q, 3));
		STORE_COPY(s->held_on, db_col_text(q, 4));
		STORE_COPY(s->start_time, db_col_text(q, 5));
		STORE_COPY(s->end_time, db_col_text(q, 6));
		STORE_COPY(s->place, db_col_text(q, 7));
		STORE_COPY(s->operator_name, db_col_text(q, 8));
		s->invited = (int)db_col_int(q, 9);
		s->present = (int)db_col_int(q, 10);
		s->open_actions = (int)db_col_int(q, 11);
		s->has_minutes = db_col_int(q, 12) != 0;
		s->has_minutes_pdf = db_col_int(q, 13) != 0;
	}
	db_finalize(q);
	if (rc != DB_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
	}
	return ZT_OK;
}

enum zt_err store_meeting_counts(struct store *st, int64_t operator_id, const char *from, const char *to,
				 const char *today, int held[MK__MAX], int planned[MK__MAX], struct zt_error *e)
{
	memset(held, 0, sizeof(int) * MK__MAX);
	memset(planned, 0, sizeof(int) * MK__MAX);
	struct db_stmt *q = db_query(st->db,
				     "SELECT kind, held_on <= ?, COUNT(*) FROM meeting WHERE operator_id = ? AND held_on >= ? "
				     "AND held_on <= ? GROUP BY kind, held_on <= ?",
				     "sisss", today, operator_id, from, to, today);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		int k = code_lookup(meeting_kinds, MK__MAX, db_col_text(q, 0));
		if (k < 0)
			continue;
		if (db_col_int(q, 1))
			held[k] += (int)db_col_int(q, 2);
		else
			planned[k] += (int)db_col_int(q, 2);
	}
	db_finalize(q);
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
}

enum zt_err store_meeting_pdf_put(struct store *st, int64_t id, const void *data, size_t len, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db, "UPDATE meeting SET minutes_pdf = ?, minutes_pdf_at = ? WHERE id = ?", "bsi", data,
			(int)len, now, id);
	if (rc < 0)
		return store_db_err(st, rc, e);
	return db_changes(st->db) ? ZT_OK : zt_fail(e, ZT_ERR_NOTFOUND, "id", "会議が見つかりません。");
}

enum zt_err store_meeting_pdf_get(struct store *st, int64_t id, void **data, size_t *len, struct zt_error *e)
{
	*data = NULL;
	*len = 0;
	struct db_stmt *q = db_query(st->db, "SELECT minutes_pdf FROM meeting WHERE id = ? AND minutes_pdf IS NOT NULL",
				     "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		int n = 0;
		const void *b = db_col_blob(q, 0, &n);
		*data = malloc(n > 0 ? (size_t)n : 1);
		if (*data == NULL)
			abort();
		if (n > 0)
			memcpy(*data, b, (size_t)n);
		*len = (size_t)n;
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "議事録PDFが登録されていません。");
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc, e);
}
