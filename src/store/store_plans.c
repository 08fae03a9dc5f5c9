/* Activity plans, uploads, evidence collectors and indicators (issue 19 §2; see store_plans.h). */
#include "store/store_plans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "domain/codes.h"
#include "domain/training.h"
#include "store/store_internal.h"

enum zt_err store_plan_assignment_get(struct store *st, int64_t operator_id, struct plan_assignment *out,
				      struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *q = db_query(st->db,
				     "SELECT operator_id, ruleset, COALESCE(variant, ''), COALESCE(set_by, ''), set_at "
				     "FROM plan_assignment WHERE operator_id = ?",
				     "i", operator_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		out->operator_id = db_col_int(q, 0);
		STORE_COPY(out->ruleset, db_col_text(q, 1));
		STORE_COPY(out->variant, db_col_text(q, 2));
		STORE_COPY(out->set_by, db_col_text(q, 3));
		STORE_COPY(out->set_at, db_col_text(q, 4));
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "ruleset", "この事業者に適用する事業要件がまだ決まっていません。");
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_plan_assignment_put(struct store *st, struct plan_assignment *a, struct zt_error *e)
{
	zt_now_utc(a->set_at);
	int rc = db_run(st->db, "DELETE FROM plan_assignment WHERE operator_id = ?", "i", a->operator_id);
	if (rc == DB_DONE)
		rc = db_run(st->db,
			    "INSERT INTO plan_assignment (operator_id, ruleset, variant, set_by, set_at) VALUES (?, ?, ?, ?, ?)",
			    "issss", a->operator_id, a->ruleset, a->variant[0] ? a->variant : NULL,
			    a->set_by[0] ? a->set_by : NULL, a->set_at);
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_plan_get(struct store *st, int64_t operator_id, int fy, struct plan_def *out, char created_at[21],
			   char updated_at[21], struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *q = db_query(st->db,
				     "SELECT id, ruleset, COALESCE(variant, ''), COALESCE(goals_note, ''), "
				     "COALESCE(check_note, ''), COALESCE(act_note, ''), created_at, updated_at "
				     "FROM plan WHERE operator_id = ? AND fiscal_year = ?",
				     "ii", operator_id, (int64_t)fy);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		out->id = db_col_int(q, 0);
		out->operator_id = operator_id;
		out->fiscal_year = fy;
		STORE_COPY(out->ruleset, db_col_text(q, 1));
		STORE_COPY(out->variant, db_col_text(q, 2));
		STORE_COPY(out->goals_note, db_col_text(q, 3));
		STORE_COPY(out->check_note, db_col_text(q, 4));
		STORE_COPY(out->act_note, db_col_text(q, 5));
		if (created_at)
			store_copy_text(created_at, 21, db_col_text(q, 6));
		if (updated_at)
			store_copy_text(updated_at, 21, db_col_text(q, 7));
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "fiscal_year", "%d年度の計画はまだありません。", fy);
	if (rc != DB_ROW)
		return store_db_err(st, rc, e);

	q = db_query(st->db, "SELECT code, COALESCE(note, '') FROM plan_action WHERE plan_id = ? ORDER BY position", "i",
		     out->id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	while ((rc = db_step(q)) == DB_ROW && out->nactions < RULESET_ACTIONS_MAX) {
		STORE_COPY(out->actions[out->nactions].code, db_col_text(q, 0));
		STORE_COPY(out->actions[out->nactions].note, db_col_text(q, 1));
		out->nactions++;
	}
	db_finalize(q);
	if (rc != DB_DONE && rc != DB_ROW)
		return store_db_err(st, rc, e);
	q = db_query(st->db, "SELECT indicator, goal FROM plan_goal WHERE plan_id = ? ORDER BY indicator", "i", out->id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	while ((rc = db_step(q)) == DB_ROW && out->ngoals < IND__MAX) {
		int ind = plan_indicator_find(db_col_text(q, 0));
		if (ind < 0)
			continue;
		out->goals[out->ngoals].indicator = ind;
		out->goals[out->ngoals].goal = db_col_int(q, 1);
		out->ngoals++;
	}
	db_finalize(q);
	return rc == DB_DONE || rc == DB_ROW ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_plan_save(struct store *st, struct plan_def *d, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc;
	if (d->id == 0) {
		rc = db_scalar_int(st->db, &d->id,
				   "INSERT INTO plan (operator_id, fiscal_year, ruleset, variant, goals_note, check_note, act_note, "
				   "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
				   "iisssssss", d->operator_id, (int64_t)d->fiscal_year, d->ruleset, store_opt_text(d->variant),
				   store_opt_text(d->goals_note), store_opt_text(d->check_note), store_opt_text(d->act_note), now,
				   now);
		if (rc != DB_ROW)
			return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	} else {
		rc = db_run(st->db,
			    "UPDATE plan SET ruleset = ?, variant = ?, goals_note = ?, check_note = ?, act_note = ?, updated_at = ? "
			    "WHERE id = ?",
			    "ssssssi", d->ruleset, store_opt_text(d->variant), store_opt_text(d->goals_note),
			    store_opt_text(d->check_note), store_opt_text(d->act_note), now, d->id);
		if (rc != DB_DONE)
			return store_db_err(st, rc, e);
		rc = db_run(st->db, "DELETE FROM plan_action WHERE plan_id = ?", "i", d->id);
		if (rc == DB_DONE)
			rc = db_run(st->db, "DELETE FROM plan_goal WHERE plan_id = ?", "i", d->id);
		if (rc != DB_DONE)
			return store_db_err(st, rc, e);
	}
	for (size_t i = 0; i < d->nactions; i++) {
		rc = db_run(st->db, "INSERT INTO plan_action (plan_id, position, code, note) VALUES (?, ?, ?, ?)", "iiss", d->id,
			    (int64_t)i, d->actions[i].code, store_opt_text(d->actions[i].note));
		if (rc != DB_DONE)
			return store_db_err(st, rc, e);
	}
	for (size_t i = 0; i < d->ngoals; i++) {
		rc = db_run(st->db, "INSERT INTO plan_goal (plan_id, indicator, goal) VALUES (?, ?, ?)", "isi", d->id,
			    plan_indicators[d->goals[i].indicator].code, d->goals[i].goal);
		if (rc != DB_DONE)
			return store_db_err(st, rc, e);
	}
	return ZT_OK;
}

enum zt_err store_plan_list(struct store *st, int64_t operator_id, int fy, struct plan_summary **out, size_t *n,
			    struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db,
				     "SELECT id, operator_id, fiscal_year, ruleset, updated_at FROM plan "
				     "WHERE (? = 0 OR operator_id = ?) AND (? = 0 OR fiscal_year = ?) ORDER BY operator_id, fiscal_year",
				     "iiii", operator_id, operator_id, (int64_t)fy, (int64_t)fy);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct plan_summary *p = STORE_PUSH(*out, *n, cap);
		memset(p, 0, sizeof *p);
		p->id = db_col_int(q, 0);
		p->operator_id = db_col_int(q, 1);
		p->fiscal_year = (int)db_col_int(q, 2);
		STORE_COPY(p->ruleset, db_col_text(q, 3));
		STORE_COPY(p->updated_at, db_col_text(q, 4));
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

enum zt_err store_plan_upload_insert(struct store *st, struct plan_upload *u, const void *data, size_t len,
				     struct zt_error *e)
{
	zt_now_utc(u->uploaded_at);
	u->size = (int64_t)len;
	int rc = db_scalar_int(st->db, &u->id,
			       "INSERT INTO plan_upload (plan_id, action_code, title, held_on, content_type, data, size, "
			       "uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			       "issssbiss", u->plan_id, u->action, u->title, u->held_on, u->content_type, data, (int)len,
			       u->size, store_opt_text(u->uploaded_by), u->uploaded_at);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	return ZT_OK;
}

#define UPLOAD_SELECT                                                                                          \
	"SELECT id, plan_id, action_code, title, held_on, content_type, size, COALESCE(uploaded_by, ''), uploaded_at " \
	"FROM plan_upload "

static void row_to_upload(struct db_stmt *q, struct plan_upload *u)
{
	memset(u, 0, sizeof *u);
	u->id = db_col_int(q, 0);
	u->plan_id = db_col_int(q, 1);
	STORE_COPY(u->action, db_col_text(q, 2));
	STORE_COPY(u->title, db_col_text(q, 3));
	STORE_COPY(u->held_on, db_col_text(q, 4));
	STORE_COPY(u->content_type, db_col_text(q, 5));
	u->size = db_col_int(q, 6);
	STORE_COPY(u->uploaded_by, db_col_text(q, 7));
	STORE_COPY(u->uploaded_at, db_col_text(q, 8));
}

enum zt_err store_plan_upload_list(struct store *st, int64_t plan_id, struct plan_upload **out, size_t *n,
				   struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db, UPLOAD_SELECT "WHERE plan_id = ? ORDER BY held_on DESC, id DESC", "i", plan_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		row_to_upload(q, STORE_PUSH(*out, *n, cap));
	db_finalize(q);
	if (rc != DB_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
	}
	return ZT_OK;
}

enum zt_err store_plan_upload_get(struct store *st, int64_t id, struct plan_upload *out, void **data, size_t *len,
				  struct zt_error *e)
{
	*data = NULL;
	*len = 0;
	struct db_stmt *q = db_query(st->db,
				     "SELECT id, plan_id, action_code, title, held_on, content_type, size, "
				     "COALESCE(uploaded_by, ''), uploaded_at, data FROM plan_upload WHERE id = ?",
				     "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		row_to_upload(q, out);
		int n = 0;
		const void *b = db_col_blob(q, 9, &n);
		*data = malloc(n > 0 ? (size_t)n : 1);
		if (*data == NULL)
			abort();
		if (n > 0)
			memcpy(*data, b, (size_t)n);
		*len = (size_t)(n > 0 ? n : 0);
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "資料が見つかりません。");
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_plan_operator_of(struct store *st, int64_t plan_id, int64_t *operator_id)
{
	*operator_id = 0;
	int rc = db_scalar_int(st->db, operator_id, "SELECT operator_id FROM plan WHERE id = ?", "i", plan_id);
	if (rc == DB_ROW && *operator_id > 0)
		return ZT_OK;
	return rc == DB_ROW || rc == DB_DONE ? ZT_ERR_NOTFOUND : store_db_err(st, rc, NULL);
}

/* ---- evidence collectors ---- */

void evidence_scope_dates(struct evidence_scope *sc, int fy, const char *today)
{
	int y = fy < 1 ? 1 : fy > 9998 ? 9998 : fy;
	sc->fiscal_year = fy;
	snprintf(sc->from, sizeof sc->from, "%04d-04-01", y % 10000);
	snprintf(sc->to, sizeof sc->to, "%04d-03-31", (y + 1) % 10000);
	if (today && strcmp(today, sc->to) < 0) /* up to today; before 1 April (next year's plan): nothing */
		STORE_COPY(sc->to, today);
	char s[40];
	time_t t;
	snprintf(s, sizeof s, "%sT00:00:00+09:00", sc->from);
	if (zt_parse_instant(s, &t))
		zt_format_utc(t, sc->from_utc);
	snprintf(s, sizeof s, "%sT00:00:00+09:00", sc->to);
	if (zt_parse_instant(s, &t))
		zt_format_utc(t + 86400, sc->to_utc);
}

void evidence_list_release(struct evidence_list *l)
{
	free(l->items);
	memset(l, 0, sizeof *l);
}

/* Appends the rows of q (columns: id, kind, date, title) as items of source. */
static enum zt_err collect(struct store *st, struct db_stmt *q, const char *source, struct evidence_list *out,
			   struct zt_error *e)
{
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct evidence_item *it = STORE_PUSH(out->items, out->n, out->cap);
		memset(it, 0, sizeof *it);
		STORE_COPY(it->source, source);
		it->id = db_col_int(q, 0);
		STORE_COPY(it->kind, db_col_text(q, 1));
		const char *d = db_col_text(q, 2);
		time_t t;
		if (strchr(d, 'T') != NULL && zt_parse_instant(d, &t))
			zt_date_jst(t, it->date);
		else
			STORE_COPY(it->date, d);
		STORE_COPY(it->title, db_col_text(q, 3));
	}
	db_finalize(q);
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
}

enum zt_err store_evidence_meetings(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
				    struct zt_error *e)
{
	return collect(st,
		       db_query(st->db,
				"SELECT id, kind, held_on, title FROM meeting WHERE operator_id = ? AND held_on >= ? "
				"AND held_on <= ? ORDER BY held_on, id",
				"iss", sc->operator_id, sc->from, sc->to),
		       "meeting", out, e);
}

enum zt_err store_evidence_visits(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
				  struct zt_error *e)
{
	return collect(st,
		       db_query(st->db,
				"SELECT v.id, '', v.visited_on, i.name || ' 訪問' FROM institution_visit v "
				"JOIN institution i ON i.id = v.institution_id WHERE v.operator_id = ? AND v.visited_on >= ? "
				"AND v.visited_on <= ? ORDER BY v.visited_on, v.id",
				"iss", sc->operator_id, sc->from, sc->to),
		       "visit", out, e);
}

/* Referral dates are UTC instants: compared with the scope's UTC bounds; collect() shows the JST date. */

enum zt_err store_evidence_referrals(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
				     struct zt_error *e)
{
	if (sc->association_id == 0)
		return ZT_OK;
	/* No patient name: the referral number and the accepting institution only. */
	return collect(st,
		       db_query(st->db,
				"SELECT r.id, r.state, r.accepted_at, '退院調整 #' || r.id || ' 受入決定' || "
				"COALESCE('（' || c.name || '）', '') FROM referral r LEFT JOIN institution c ON c.id = r.clinic_id "
				"WHERE r.district_id = ? AND r.accepted_at >= ? AND r.accepted_at < ? ORDER BY r.accepted_at, r.id",
				"iss", sc->association_id, sc->from_utc, sc->to_utc),
		       "referral", out, e);
}

enum zt_err store_evidence_escalations(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
				       struct zt_error *e)
{
	if (sc->association_id == 0)
		return ZT_OK;
	/* 相互補完: this district offered a referral to a neighbour, or took one over from a neighbour. */
	return collect(st,
		       db_query(st->db,
				"SELECT ev.id, ev.event, ev.at, '退院調整 #' || r.id || CASE ev.event "
				"WHEN 'escalate' THEN ' 他地区へ照会' ELSE ' 他地区から引受け' END FROM referral_event ev "
				"JOIN referral r ON r.id = ev.referral_id WHERE ev.event IN ('escalate', 'take_over') "
				"AND ((ev.event = 'escalate' AND r.district_id = ?) OR (ev.event = 'take_over' AND r.district_id = ?)) "
				"AND ev.at >= ? AND ev.at < ? ORDER BY ev.at, ev.id",
				"iiss", sc->association_id, sc->association_id, sc->from_utc, sc->to_utc),
		       "escalation", out, e);
}

enum zt_err store_evidence_groups(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
				  struct zt_error *e)
{
	if (sc->association_id == 0)
		return ZT_OK;
	/* A group formed, or re-validated as certified, in the year. */
	return collect(st,
		       db_query(st->db,
				"SELECT g.id, CASE WHEN g.certified = 1 THEN 'certified' ELSE '' END, "
				"CASE WHEN g.checked_on >= ? THEN g.checked_on ELSE substr(g.created_at, 1, 10) END, 'グループ「' || g.name || '」' || "
				"CASE WHEN g.certified = 1 THEN '（認定）' ELSE '' END FROM care_group g "
				"WHERE g.base_institution_id = ? AND ((substr(g.created_at, 1, 10) >= ? AND substr(g.created_at, 1, 10) <= ?) "
				"OR (g.checked_on >= ? AND g.checked_on <= ?)) ORDER BY g.id",
				"sissss", sc->from, sc->association_id, sc->from, sc->to, sc->from, sc->to),
		       "group", out, e);
}

enum zt_err store_evidence_initiatives(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
				       struct zt_error *e)
{
	if (sc->association_id == 0)
		return ZT_OK;
	return collect(st,
		       db_query(st->db,
				"SELECT i.id, i.kind, i.held_on, g.name || '：' || i.title FROM care_group_initiative i "
				"JOIN care_group g ON g.id = i.group_id WHERE g.base_institution_id = ? AND i.held_on >= ? "
				"AND i.held_on <= ? ORDER BY i.held_on, i.id",
				"iss", sc->association_id, sc->from, sc->to),
		       "initiative", out, e);
}

enum zt_err store_evidence_rotas(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
				 struct zt_error *e)
{
	if (sc->association_id == 0)
		return ZT_OK;
	return collect(st,
		       db_query(st->db,
				"SELECT r.id, '', r.period_from, '輪番表 ' || g.name || '（' || r.period_from || '〜' || "
				"r.period_to || '）' FROM rota r JOIN care_group g ON g.id = r.group_id "
				"WHERE g.base_institution_id = ? AND r.period_from <= ? AND r.period_to >= ? ORDER BY r.period_from, r.id",
				"iss", sc->association_id, sc->to, sc->from),
		       "rota", out, e);
}

enum zt_err store_evidence_surveys(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
				   struct zt_error *e)
{
	if (sc->association_id == 0)
		return ZT_OK;
	/* STEP1 アンケート調査: a survey of the district sent in the year, with its answers so far. */
	return collect(st,
		       db_query(st->db,
				"SELECT s.id, s.state, s.sent_at, '調査「' || s.title || '」（回答' || "
				"(SELECT COUNT(*) FROM survey_response r WHERE r.survey_id = s.id) || '件）' FROM survey s "
				"WHERE s.association_id = ? AND s.sent_at >= ? AND s.sent_at < ? ORDER BY s.sent_at, s.id",
				"iss", sc->association_id, sc->from_utc, sc->to_utc),
		       "survey", out, e);
}

enum zt_err store_evidence_trainings(struct store *st, const struct evidence_scope *sc, struct evidence_list *out,
				     struct zt_error *e)
{
	if (sc->association_id == 0)
		return ZT_OK;
	/* 訪問診療導入研修: each session of the district's programmes held in the year (up to today); the
	 * item's id is the programme's, its kind the step (lecture1 … followup). */
	size_t first = out->n;
	enum zt_err r = collect(st,
				db_query(st->db,
					 "SELECT p.id, s.step, s.held_on, p.title FROM training_session s "
					 "JOIN training_programme p ON p.id = s.programme_id WHERE p.association_id = ? "
					 "AND s.held_on >= ? AND s.held_on <= ? ORDER BY s.held_on, p.id",
					 "iss", sc->association_id, sc->from, sc->to),
				"training", out, e);
	for (size_t i = first; r == ZT_OK && i < out->n; i++) {
		struct evidence_item *it = &out->items[i];
		int k = code_lookup(training_steps, TS__MAX, it->kind);
		char title[sizeof it->title + 96];
		snprintf(title, sizeof title, "%s（%s）", it->title, k >= 0 ? training_steps[k].ja : it->kind);
		STORE_COPY(it->title, title);
	}
	return r;
}

/* Institutions and patients "of" an operator: in the municipalities of its 郡市医師会, or its own. */
#define IN_SCOPE(col)                                                                                           \
	"(" col " IN (SELECT municipality_code FROM association_municipality WHERE institution_id = ?) OR " col " = ?)"

enum zt_err store_plan_indicator(struct store *st, const struct evidence_scope *sc, enum plan_indicator ind,
				 int64_t *value, struct zt_error *e)
{
	*value = 0;
	int rc;
	switch (ind) {
	case IND_CLINICS_CD:
		/* the latest stage of each clinic (clinic_stage keeps the history, newest last) */
		rc = db_scalar_int(st->db, value,
				   "SELECT COUNT(*) FROM clinic_stage s JOIN institution i ON i.id = s.institution_id "
				   "WHERE s.id = (SELECT MAX(id) FROM clinic_stage WHERE institution_id = s.institution_id) "
				   "AND s.stage IN ('C', 'D') AND " IN_SCOPE("i.municipality_code"),
				   "is", sc->association_id, sc->municipality);
		break;
	case IND_HOME_PATIENTS:
		rc = db_scalar_int(st->db, value,
				   "SELECT COUNT(*) FROM patient WHERE status = 'home' AND " IN_SCOPE("municipality_code"), "is",
				   sc->association_id, sc->municipality);
		break;
	case IND_EOL:
		/* 看取り: a patient of home care whose record ended in death in the year */
		rc = db_scalar_int(st->db, value,
				   "SELECT COUNT(*) FROM patient WHERE status = 'deceased' AND status_since >= ? AND status_since <= ? "
				   "AND " IN_SCOPE("municipality_code"),
				   "ssis", sc->from, sc->to, sc->association_id, sc->municipality);
		break;
	case IND_REFERRALS_ACCEPTED:
		rc = db_scalar_int(st->db, value,
				   "SELECT COUNT(*) FROM referral WHERE district_id = ? AND accepted_at >= ? AND accepted_at < ?",
				   "iss", sc->association_id, sc->from_utc, sc->to_utc);
		break;
	case IND_MEETINGS:
		rc = db_scalar_int(st->db, value,
				   "SELECT COUNT(*) FROM meeting WHERE operator_id = ? AND held_on >= ? AND held_on <= ?", "iss",
				   sc->operator_id, sc->from, sc->to);
		break;
	case IND_TRAININGS:
		rc = db_scalar_int(st->db, value,
				   "SELECT COUNT(*) FROM meeting WHERE operator_id = ? AND kind = 'training' AND held_on >= ? "
				   "AND held_on <= ?",
				   "iss", sc->operator_id, sc->from, sc->to);
		break;
	default:
		return zt_fail(e, ZT_ERR_INVALID, "indicator", "指標が不明です");
	}
	return rc == DB_ROW || rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}
