/* Clinic development stages: the district's clinics with their facts, stage records (history) and plans (issue 18 §3; see store_stages.h). */
#include "store/store_stages.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "store/store_internal.h"

/* The clinics of a district (or one clinic): ?1 association, ?2 institution. */
#define CLINIC_WHERE                                                                                          \
	"i.kind = 'clinic' AND ((? > 0 AND i.id = ?) OR (? = 0 AND i.municipality_code IN "                  \
	"(SELECT municipality_code FROM association_municipality WHERE institution_id = ?)))"

static void row_to_record(struct db_stmt *q, int c, struct stage_record *r)
{
	r->id = db_col_int(q, c);
	r->institution_id = db_col_int(q, c + 1);
	STORE_COPY(r->stage, db_col_text(q, c + 2));
	STORE_COPY(r->derived, db_col_text(q, c + 3));
	STORE_COPY(r->source, db_col_text(q, c + 4));
	STORE_COPY(r->reason, db_col_text(q, c + 5));
	STORE_COPY(r->set_on, db_col_text(q, c + 6));
	STORE_COPY(r->username, db_col_text(q, c + 7));
}

enum zt_err store_stage_clinics(struct store *st, int64_t association_id, int64_t institution_id,
				struct stage_clinic **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	int64_t one = institution_id > 0 ? institution_id : 0;
	struct db_stmt *q = db_query(
		st->db,
		"SELECT i.id, i.name, COALESCE(i.municipality_code, ''), COALESCE(m.name, ''), i.home_care, "
		"i.home_care_known, i.capability_mask, i.capabilities_known, "
		"COALESCE(s.id, 0), COALESCE(s.institution_id, 0), COALESCE(s.stage, ''), COALESCE(s.derived, ''), "
		"COALESCE(s.source, ''), COALESCE(s.reason, ''), COALESCE(s.set_on, ''), COALESCE(s.username, ''), "
		"COALESCE(p.next_step, ''), COALESCE(p.action, ''), COALESCE(p.due_on, '') "
		"FROM institution i LEFT JOIN municipality m ON m.code = i.municipality_code "
		"LEFT JOIN clinic_stage s ON s.id = (SELECT MAX(x.id) FROM clinic_stage x WHERE x.institution_id = i.id) "
		"LEFT JOIN clinic_plan p ON p.institution_id = i.id "
		"WHERE " CLINIC_WHERE " ORDER BY i.municipality_code, i.name, i.id",
		"iiii", one, one, one, association_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct stage_clinic *c = STORE_PUSH(*out, *n, cap);
		c->id = db_col_int(q, 0);
		STORE_COPY(c->name, db_col_text(q, 1));
		STORE_COPY(c->municipality, db_col_text(q, 2));
		STORE_COPY(c->municipality_name, db_col_text(q, 3));
		c->facts.home_care = db_col_int(q, 4) != 0;
		c->facts.home_care_known = db_col_int(q, 5) != 0;
		uint32_t caps = (uint32_t)db_col_int(q, 6), known = (uint32_t)db_col_int(q, 7);
		c->facts.end_of_life = caps & (1u << CAP_END_OF_LIFE);
		c->facts.end_of_life_known = known & (1u << CAP_END_OF_LIFE);
		c->facts.survey_visits = -1;
		c->facts.survey_deaths_last_year = -1;
		row_to_record(q, 8, &c->last);
		STORE_COPY(c->plan_next_step, db_col_text(q, 16));
		STORE_COPY(c->plan_action, db_col_text(q, 17));
		STORE_COPY(c->plan_due_on, db_col_text(q, 18));
	}
	db_finalize(q);
	if (rc != DB_DONE)
		goto fail;
	/* the standards (施設基準) of the same clinics, folded into each clinic's bits */
	q = db_query(st->db,
		     "SELECT s.institution_id, s.standard FROM institution_standard s JOIN institution i ON i.id = s.institution_id "
		     "WHERE " CLINIC_WHERE,
		     "iiii", one, one, one, association_id);
	if (q == NULL) {
		rc = DB_HARD_ERROR;
		goto fail;
	}
	while ((rc = db_step(q)) == DB_ROW) {
		int64_t id = db_col_int(q, 0);
		int s = STD_LOOKUP(db_col_text(q, 1));
		for (size_t i = 0; i < *n && s >= 0; i++)
			if ((*out)[i].id == id)
				(*out)[i].facts.standards |= 1u << s;
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return ZT_OK;
fail:
	free(*out);
	*out = NULL;
	*n = 0;
	return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
}

enum zt_err store_stage_insert(struct store *st, struct stage_record *r, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_scalar_int(st->db, &r->id,
			       "INSERT INTO clinic_stage (institution_id, stage, derived, source, reason, set_on, username, "
			       "created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			       "isssssss", r->institution_id, r->stage, r->derived, r->source, store_opt_text(r->reason),
			       r->set_on, r->username, now);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	return ZT_OK;
}

enum zt_err store_stage_history(struct store *st, int64_t association_id, int64_t institution_id,
				struct stage_record **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	int64_t one = institution_id > 0 ? institution_id : 0;
	struct db_stmt *q = db_query(st->db,
				     "SELECT s.id, s.institution_id, s.stage, s.derived, s.source, COALESCE(s.reason, ''), "
				     "s.set_on, COALESCE(s.username, '') FROM clinic_stage s JOIN institution i ON i.id = s.institution_id "
				     "WHERE " CLINIC_WHERE " ORDER BY s.institution_id, s.set_on, s.id",
				     "iiii", one, one, one, association_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		row_to_record(q, 0, STORE_PUSH(*out, *n, cap));
	db_finalize(q);
	if (rc != DB_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
	}
	return ZT_OK;
}

enum zt_err store_clinic_plan_put(struct store *st, int64_t institution_id, const char *next_step, const char *action,
				  const char *due_on, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db, "DELETE FROM clinic_plan WHERE institution_id = ?", "i", institution_id);
	if (rc >= 0)
		rc = db_run(st->db,
			    "INSERT INTO clinic_plan (institution_id, next_step, action, due_on, updated_at) VALUES (?, ?, ?, ?, ?)",
			    "issss", institution_id, store_opt_text(next_step), store_opt_text(action), store_opt_text(due_on), now);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}
