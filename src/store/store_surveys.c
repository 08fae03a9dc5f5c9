/* Storage of the clinic surveys: surveys, questions, links, responses (issue 18 §1; see store_surveys.h). */
#include "store/store_surveys.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "domain/codes.h"
#include "store/store_internal.h"

static enum survey_state state_of(const char *s)
{
	for (int i = 0; i < SURVEY_STATE__MAX; i++)
		if (strcmp(s, survey_state_codes[i]) == 0)
			return (enum survey_state)i;
	return SURVEY_CLOSED;
}

static enum zt_err write_questions(struct store *st, const struct survey *s, struct zt_error *e)
{
	int rc = db_run(st->db, "DELETE FROM survey_option WHERE survey_id = ?", "i", s->id);
	if (rc >= 0)
		rc = db_run(st->db, "DELETE FROM survey_question WHERE survey_id = ?", "i", s->id);
	for (int i = 0; rc >= 0 && i < s->def.nquestions; i++) {
		const struct survey_question *q = &s->def.q[i];
		rc = db_run(st->db,
			    "INSERT INTO survey_question (survey_id, pos, qkey, kind, wording, required, when_key, when_value, "
			    "min_value, max_value, whole, unit) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			    "iisssissddis", s->id, (int64_t)i, q->key, survey_kinds[q->kind].code, q->text, (int64_t)q->required,
			    q->when_key, q->when_value, q->min, q->max, (int64_t)q->integer, q->unit);
		for (int j = 0; rc >= 0 && j < q->noptions; j++)
			rc = db_run(st->db,
				    "INSERT INTO survey_option (survey_id, question_pos, pos, okey, label, with_text) "
				    "VALUES (?, ?, ?, ?, ?, ?)",
				    "iiissi", s->id, (int64_t)i, (int64_t)j, q->options[j].key, q->options[j].label,
				    (int64_t)q->options[j].with_text);
	}
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_survey_insert(struct store *st, struct survey *s, int64_t created_by, struct zt_error *e)
{
	zt_now_utc(s->created_at);
	memcpy(s->updated_at, s->created_at, sizeof s->updated_at);
	int rc = db_scalar_int(st->db, &s->id,
			       "INSERT INTO survey (association_id, title, template, state, created_by, created_at, updated_at) "
			       "VALUES (?, ?, ?, 'draft', ?, ?, ?) RETURNING id",
			       "issIss", s->association_id, s->title, s->template_name, created_by, s->created_at,
			       s->updated_at);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	return write_questions(st, s, e);
}

enum zt_err store_survey_update(struct store *st, const struct survey *s, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db, "UPDATE survey SET title = ?, updated_at = ? WHERE id = ?", "ssi", s->title, now, s->id);
	if (rc < 0)
		return store_db_err(st, rc, e);
	return write_questions(st, s, e);
}

#define SURVEY_SELECT                                                                                          \
	"SELECT s.id, s.association_id, a.name, COALESCE(a.municipality_code, ''), s.title, s.template, s.state, "  \
	"COALESCE(s.expires_on, ''), s.created_at, s.updated_at, COALESCE(s.sent_at, ''), COALESCE(s.closed_at, ''), " \
	"(SELECT COUNT(*) FROM survey_target t WHERE t.survey_id = s.id), "                                        \
	"(SELECT COUNT(*) FROM survey_response r WHERE r.survey_id = s.id) "                                       \
	"FROM survey s JOIN institution a ON a.id = s.association_id "

#define SV(i, member) STORE_TEXT_COL(struct survey, i, member)
static const struct store_text_col survey_text[] = {
	SV(2, association_name), SV(3, municipality), SV(4, title), SV(5, template_name), SV(7, expires_on),
	SV(8, created_at), SV(9, updated_at), SV(10, sent_at), SV(11, closed_at),
};

static void row_to_survey(struct db_stmt *q, struct survey *s)
{
	s->id = db_col_int(q, 0);
	s->association_id = db_col_int(q, 1);
	store_copy_cols(q, s, survey_text, sizeof survey_text / sizeof survey_text[0]);
	s->state = state_of(db_col_text(q, 6));
	s->targets = (int)db_col_int(q, 12);
	s->responses = (int)db_col_int(q, 13);
}

static enum zt_err read_def(struct store *st, int64_t id, struct survey_def *def, struct zt_error *e)
{
	memset(def, 0, sizeof *def);
	struct db_stmt *q = db_query(st->db,
				     "SELECT pos, qkey, kind, wording, required, when_key, when_value, min_value, max_value, whole, "
				     "unit FROM survey_question WHERE survey_id = ? ORDER BY pos",
				     "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	while ((rc = db_step(q)) == DB_ROW && def->nquestions < SURVEY_QUESTIONS_MAX) {
		struct survey_question *x = &def->q[def->nquestions++];
		STORE_COPY(x->key, db_col_text(q, 1));
		int k = survey_kind_lookup(db_col_text(q, 2));
		x->kind = k < 0 ? SQ_TEXT : (enum survey_kind)k;
		STORE_COPY(x->text, db_col_text(q, 3));
		x->required = db_col_int(q, 4) != 0;
		STORE_COPY(x->when_key, db_col_text(q, 5));
		STORE_COPY(x->when_value, db_col_text(q, 6));
		x->min = db_col_double(q, 7);
		x->max = db_col_double(q, 8);
		x->integer = db_col_int(q, 9) != 0;
		STORE_COPY(x->unit, db_col_text(q, 10));
	}
	db_finalize(q);
	if (rc < 0)
		return store_db_err(st, rc, e);
	q = db_query(st->db,
		     "SELECT question_pos, okey, label, with_text FROM survey_option WHERE survey_id = ? "
		     "ORDER BY question_pos, pos",
		     "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	while ((rc = db_step(q)) == DB_ROW) {
		int64_t qp = db_col_int(q, 0);
		if (qp < 0 || qp >= def->nquestions || def->q[qp].noptions >= SURVEY_OPTIONS_MAX)
			continue;
		struct survey_option *o = &def->q[qp].options[def->q[qp].noptions++];
		STORE_COPY(o->key, db_col_text(q, 1));
		STORE_COPY(o->label, db_col_text(q, 2));
		o->with_text = db_col_int(q, 3) != 0;
	}
	db_finalize(q);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_survey_get(struct store *st, int64_t id, bool with_def, struct survey *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *q = db_query(st->db, SURVEY_SELECT "WHERE s.id = ?", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		row_to_survey(q, out);
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "アンケートが見つかりません。");
	if (rc != DB_ROW)
		return store_db_err(st, rc, e);
	return with_def ? read_def(st, id, &out->def, e) : ZT_OK;
}

enum zt_err store_survey_list(struct store *st, struct survey **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db, SURVEY_SELECT "ORDER BY s.id DESC", "");
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct survey *s = STORE_PUSH(*out, *n, cap);
		memset(s, 0, sizeof *s);
		row_to_survey(q, s);
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

enum zt_err store_survey_set_state(struct store *st, int64_t id, enum survey_state state, const char *expires_on,
				   struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
			"UPDATE survey SET state = ?, updated_at = ?, expires_on = COALESCE(?, expires_on), "
			"sent_at = CASE WHEN ? = 'open' AND sent_at IS NULL THEN ? ELSE sent_at END, "
			"closed_at = CASE WHEN ? = 'closed' THEN ? ELSE closed_at END WHERE id = ?",
			"sssssssi", survey_state_codes[state], now, store_opt_text(expires_on), survey_state_codes[state], now,
			survey_state_codes[state], now, id);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_survey_district_clinics(struct store *st, int64_t association_id, struct survey_clinic **out,
					  size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db,
				     "SELECT i.id, i.name, COALESCE(i.medical_code, '') FROM institution i "
				     "JOIN association_municipality m ON m.municipality_code = i.municipality_code "
				     "WHERE m.institution_id = ? AND i.kind = 'clinic' ORDER BY i.kana, i.name, i.id",
				     "i", association_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct survey_clinic *c = STORE_PUSH(*out, *n, cap);
		c->id = db_col_int(q, 0);
		STORE_COPY(c->name, db_col_text(q, 1));
		STORE_COPY(c->medical_code, db_col_text(q, 2));
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

enum zt_err store_survey_target_put(struct store *st, int64_t survey_id, int64_t institution_id,
				    const char *token_hash, const char *expires_on, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
			"INSERT INTO survey_target (survey_id, institution_id, token_hash, expires_on, sent_at) "
			"VALUES (?, ?, ?, ?, ?) ON CONFLICT (survey_id, institution_id) DO UPDATE SET "
			"token_hash = excluded.token_hash, expires_on = excluded.expires_on, sent_at = excluded.sent_at",
			"iisss", survey_id, institution_id, token_hash, expires_on, now);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_survey_target_find(struct store *st, const char *hash, int64_t *survey_id, int64_t *institution_id,
				     char expires_on[11], char stored_hash[65])
{
	struct db_stmt *q = db_query(st->db,
				     "SELECT survey_id, institution_id, expires_on, token_hash FROM survey_target "
				     "WHERE token_hash = ?",
				     "s", hash);
	if (q == NULL)
		return ZT_ERR_DB;
	int rc = db_step(q);
	if (rc == DB_ROW) {
		*survey_id = db_col_int(q, 0);
		*institution_id = db_col_int(q, 1);
		store_copy_text(expires_on, 11, db_col_text(q, 2));
		store_copy_text(stored_hash, 65, db_col_text(q, 3));
	}
	db_finalize(q);
	return rc == DB_ROW ? ZT_OK : rc == DB_DONE ? ZT_ERR_NOTFOUND : ZT_ERR_DB;
}

enum zt_err store_survey_targets(struct store *st, int64_t survey_id, int64_t **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db, "SELECT institution_id FROM survey_target WHERE survey_id = ? ORDER BY institution_id",
				     "i", survey_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
			int64_t *x = STORE_PUSH(*out, *n, cap);
			*x = db_col_int(q, 0);
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

enum zt_err store_survey_response_put(struct store *st, int64_t survey_id, int64_t institution_id, const char *source,
				      const struct survey_answers *ans, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int64_t rid = 0;
	int rc = db_scalar_int(st->db, &rid,
			       "INSERT INTO survey_response (survey_id, institution_id, source, answered_at) VALUES (?, ?, ?, ?) "
			       "ON CONFLICT (survey_id, institution_id) DO UPDATE SET source = excluded.source, "
			       "answered_at = excluded.answered_at RETURNING id",
			       "iiss", survey_id, institution_id, source, now);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	rc = db_run(st->db, "DELETE FROM survey_answer WHERE response_id = ?", "i", rid);
	for (int i = 0; rc >= 0 && i < ans->n; i++)
		rc = db_run(st->db, "INSERT INTO survey_answer (response_id, qkey, value, note) VALUES (?, ?, ?, ?)", "isss", rid,
			    ans->a[i].key, ans->a[i].value, ans->a[i].note);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

/* The answers of response rid into *a. */
static int read_answers(struct store *st, int64_t rid, struct survey_answers *a)
{
	memset(a, 0, sizeof *a);
	struct db_stmt *q = db_query(st->db, "SELECT qkey, value, note FROM survey_answer WHERE response_id = ? ORDER BY qkey",
				     "i", rid);
	if (q == NULL)
		return DB_HARD_ERROR;
	int rc;
	while ((rc = db_step(q)) == DB_ROW && a->n < SURVEY_QUESTIONS_MAX) {
		struct survey_answer *x = &a->a[a->n++];
		STORE_COPY(x->key, db_col_text(q, 0));
		STORE_COPY(x->value, db_col_text(q, 1));
		STORE_COPY(x->note, db_col_text(q, 2));
	}
	db_finalize(q);
	return rc == DB_ROW ? DB_DONE : rc;
}

#define RESPONSE_SELECT                                                                                        \
	"SELECT r.id, r.institution_id, i.name, COALESCE(i.medical_code, ''), r.source, r.answered_at "         \
	"FROM survey_response r JOIN institution i ON i.id = r.institution_id "

static void row_to_response(struct db_stmt *q, struct survey_response *r)
{
	r->institution_id = db_col_int(q, 1);
	STORE_COPY(r->name, db_col_text(q, 2));
	STORE_COPY(r->medical_code, db_col_text(q, 3));
	STORE_COPY(r->source, db_col_text(q, 4));
	STORE_COPY(r->answered_at, db_col_text(q, 5));
}

enum zt_err store_survey_response_get(struct store *st, int64_t survey_id, int64_t institution_id,
				      struct survey_response *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *q = db_query(st->db, RESPONSE_SELECT "WHERE r.survey_id = ? AND r.institution_id = ?", "ii",
				     survey_id, institution_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	int64_t rid = 0;
	if (rc == DB_ROW) {
		rid = db_col_int(q, 0);
		row_to_response(q, out);
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "institution_id", "回答はまだありません。");
	if (rc != DB_ROW)
		return store_db_err(st, rc, e);
	rc = read_answers(st, rid, &out->answers);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_survey_responses(struct store *st, int64_t survey_id, struct survey_response **out, size_t *n,
				   struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db, RESPONSE_SELECT "WHERE r.survey_id = ? ORDER BY i.kana, i.name, i.id", "i",
				     survey_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int64_t *rids = NULL;
	size_t nr = 0, rcap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct survey_response *r = STORE_PUSH(*out, *n, cap);
		memset(r, 0, sizeof *r);
		row_to_response(q, r);
		int64_t *x = STORE_PUSH(rids, nr, rcap);
		*x = db_col_int(q, 0);
	}
	db_finalize(q);
	for (size_t i = 0; rc == DB_DONE && i < *n; i++) {
		rc = read_answers(st, rids[i], &(*out)[i].answers);
		if (rc != DB_DONE)
			break;
		struct db_stmt *s = db_query(st->db, "SELECT standard FROM institution_standard WHERE institution_id = ?", "i",
					     (*out)[i].institution_id);
		if (s == NULL) {
			rc = DB_HARD_ERROR;
			break;
		}
		while ((rc = db_step(s)) == DB_ROW) {
			int k = STD_LOOKUP(db_col_text(s, 0));
			if (k >= 0)
				(*out)[i].standards |= 1u << k;
		}
		db_finalize(s);
	}
	free(rids);
	if (rc != DB_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
	}
	return ZT_OK;
}

enum zt_err store_survey_latest_answer(struct store *st, int64_t institution_id, const char *key, int64_t *survey_id,
				       char *value, size_t vsz, char *note, size_t nsz, char answered_at[21],
				       struct zt_error *e)
{
	struct db_stmt *q = db_query(st->db,
				     "SELECT r.survey_id, a.value, a.note, r.answered_at FROM survey_answer a "
				     "JOIN survey_response r ON r.id = a.response_id "
				     "WHERE r.institution_id = ? AND a.qkey = ? ORDER BY r.answered_at DESC, r.id DESC LIMIT 1",
				     "is", institution_id, key);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		*survey_id = db_col_int(q, 0);
		store_copy_text(value, vsz, db_col_text(q, 1));
		store_copy_text(note, nsz, db_col_text(q, 2));
		store_copy_text(answered_at, 21, db_col_text(q, 3));
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "key", "この問への回答はありません。");
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_survey_latest_values(struct store *st, const char *key, struct survey_value **out, size_t *n,
				       struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	/* the same order as store_survey_latest_answer: newest answered_at, then newest response */
	struct db_stmt *q = db_query(st->db,
				     "SELECT institution_id, value FROM (SELECT r.institution_id, a.value, ROW_NUMBER() OVER "
				     "(PARTITION BY r.institution_id ORDER BY r.answered_at DESC, r.id DESC) AS rn "
				     "FROM survey_answer a JOIN survey_response r ON r.id = a.response_id WHERE a.qkey = ?) x "
				     "WHERE rn = 1 ORDER BY institution_id",
				     "s", key);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 64;
			struct survey_value *g = realloc(*out, cap * sizeof **out);
			if (g == NULL)
				abort();
			*out = g;
		}
		struct survey_value *v = &(*out)[(*n)++];
		v->institution_id = db_col_int(q, 0);
		const char *text = db_col_text(q, 1);
		v->value[0] = '\0';
		if (text && strlen(text) < sizeof v->value)
			memcpy(v->value, text, strlen(text) + 1);
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

int64_t store_survey_institution_by_code(struct store *st, const char *code)
{
	int64_t id = 0;
	if (db_scalar_int(st->db, &id, "SELECT id FROM institution WHERE medical_code = ?", "s", code) != DB_ROW)
		return 0;
	return id;
}

enum zt_err store_survey_status(struct store *st, int64_t survey_id, int64_t association_id,
				struct survey_clinic_status **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(
		st->db,
		"SELECT i.id, i.name, COALESCE(i.medical_code, ''), "
		"(SELECT COUNT(*) FROM survey_target t WHERE t.survey_id = ? AND t.institution_id = i.id), "
		"COALESCE((SELECT r.answered_at FROM survey_response r WHERE r.survey_id = ? AND r.institution_id = i.id), ''), "
		"COALESCE((SELECT r.source FROM survey_response r WHERE r.survey_id = ? AND r.institution_id = i.id), '') "
		"FROM institution i WHERE (i.kind = 'clinic' AND i.municipality_code IN "
		"  (SELECT municipality_code FROM association_municipality WHERE institution_id = ?)) "
		"OR i.id IN (SELECT institution_id FROM survey_target WHERE survey_id = ?) "
		"OR i.id IN (SELECT institution_id FROM survey_response WHERE survey_id = ?) "
		"ORDER BY i.kana, i.name, i.id",
		"iiiiii", survey_id, survey_id, survey_id, association_id, survey_id, survey_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct survey_clinic_status *c = STORE_PUSH(*out, *n, cap);
		memset(c, 0, sizeof *c);
		c->id = db_col_int(q, 0);
		STORE_COPY(c->name, db_col_text(q, 1));
		STORE_COPY(c->medical_code, db_col_text(q, 2));
		c->target = db_col_int(q, 3) > 0;
		STORE_COPY(c->answered_at, db_col_text(q, 4));
		STORE_COPY(c->source, db_col_text(q, 5));
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
