/* Rows of the on-call rota: settings, unavailability, wishes, jobs, rotas, solver duties (see store_rota.h). */
#include "store/store_rota.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "domain/duty.h"
#include "domain/holiday.h"
#include "store/store_internal.h"

/* The advisory lock keys of running rota jobs on PostgreSQL: this base ("ZTRO") + the job id. */
#define ROTA_JOB_LOCK ((int64_t)0x5A54524F00000000LL)

static enum zt_err list_fail(struct store *st, int rc, void **out, size_t *n, struct zt_error *e)
{
	free(*out);
	*out = NULL;
	*n = 0;
	return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
}

/* carried: JSON object {"weekday_night": 1.5, …} → per type. */
static void carried_parse(const char *text, double out[8])
{
	memset(out, 0, 8 * sizeof out[0]);
	if (text == NULL || text[0] == '\0')
		return;
	json_t *j = json_loads(text, 0, NULL);
	const char *k;
	json_t *v;
	json_object_foreach(j, k, v) {
		int t = duty_type_lookup(k);
		if (t >= 0 && json_is_number(v))
			out[t] = json_number_value(v);
	}
	json_decref(j);
}

enum zt_err store_rota_doctors(struct store *st, int64_t group_id, struct rota_doc_row **out, size_t *n,
			       struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db,
		"SELECT p.id, p.institution_id, p.name, i.name, r.share, r.max_per_week, r.max_per_month, r.carried, "
		"CAST(r.practitioner_id IS NOT NULL AS INTEGER) "
		"FROM practitioner p JOIN institution i ON i.id = p.institution_id "
		"JOIN care_group_member m ON m.institution_id = p.institution_id AND m.group_id = ? "
		"LEFT JOIN rota_doctor r ON r.group_id = m.group_id AND r.practitioner_id = p.id "
		"WHERE p.role = 'doctor' AND p.active = 1 AND i.kind IN ('clinic', 'hospital') ORDER BY p.id",
		"i", group_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct rota_doc_row *d = STORE_PUSH(*out, *n, cap);
		memset(d, 0, sizeof *d);
		d->practitioner_id = db_col_int(q, 0);
		d->institution_id = db_col_int(q, 1);
		STORE_COPY(d->name, db_col_text(q, 2));
		STORE_COPY(d->institution, db_col_text(q, 3));
		d->share = db_col_is_null(q, 4) ? 1.0 : db_col_double(q, 4);
		d->max_per_week = (int)db_col_int(q, 5);
		d->max_per_month = (int)db_col_int(q, 6);
		carried_parse(db_col_text(q, 7), d->carried);
		d->set = db_col_int(q, 8) != 0;
	}
	db_release(q);
	return rc == DB_DONE ? ZT_OK : list_fail(st, rc, (void **)out, n, e);
}

enum zt_err store_rota_doctor_put(struct store *st, int64_t group_id, const struct rota_doc_row *d, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	json_t *c = json_object();
	for (int t = 0; t < DUTY__MAX; t++)
		if (d->carried[t] != 0)
			json_object_set_new(c, duty_types[t].code, json_real(d->carried[t]));
	char *ctext = json_dumps(c, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(c);
	int rc = db_run(st->db, "DELETE FROM rota_doctor WHERE group_id = ? AND practitioner_id = ?", "ii", group_id,
			d->practitioner_id);
	if (rc >= 0)
		rc = db_run(st->db,
			    "INSERT INTO rota_doctor (group_id, practitioner_id, share, max_per_week, max_per_month, carried, "
			    "updated_at) VALUES (?,?,?,?,?,?,?)",
			    "iidIIss", group_id, d->practitioner_id, d->share, (int64_t)d->max_per_week,
			    (int64_t)d->max_per_month, ctext, now);
	free(ctext);
	return rc >= 0 ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_rota_unavailable(struct store *st, int64_t group_id, const char *from, const char *to,
				   struct rota_unavail_row **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	struct db_stmt *q = db_query(st->db,
		"SELECT u.id, u.practitioner_id, u.on_date, u.reason, u.source, p.name FROM rota_unavailable u "
		"JOIN practitioner p ON p.id = u.practitioner_id "
		"WHERE u.group_id = ? AND u.on_date >= ? AND u.on_date <= ? ORDER BY u.on_date, u.practitioner_id",
		"iss", group_id, from, to);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct rota_unavail_row *u = STORE_PUSH(*out, *n, cap);
		memset(u, 0, sizeof *u);
		u->id = db_col_int(q, 0);
		u->practitioner_id = db_col_int(q, 1);
		STORE_COPY(u->date, db_col_text(q, 2));
		STORE_COPY(u->reason, db_col_text(q, 3));
		STORE_COPY(u->source, db_col_text(q, 4));
		STORE_COPY(u->name, db_col_text(q, 5));
	}
	db_release(q);
	if (rc != DB_DONE)
		return list_fail(st, rc, (void **)out, n, e);
	/* absences of the 24-hour network (issue 14 §4): every day of each, clipped to the period */
	q = db_query(st->db,
		"SELECT a.practitioner_id, a.starts_on, a.ends_on, a.reason, p.name FROM absence a "
		"JOIN practitioner p ON p.id = a.practitioner_id "
		"JOIN care_group_member m ON m.institution_id = p.institution_id AND m.group_id = ? "
		"WHERE a.starts_on <= ? AND a.ends_on >= ? ORDER BY a.starts_on, a.practitioner_id",
		"iss", group_id, to, from);
	if (q == NULL)
		return list_fail(st, DB_HARD_ERROR, (void **)out, n, e);
	while ((rc = db_step(q)) == DB_ROW) {
		const char *s = db_col_text(q, 1), *t = db_col_text(q, 2);
		int y, m, d, y2, m2, d2;
		if (!cal_parse(strcmp(s, from) < 0 ? from : s, &y, &m, &d) || !cal_parse(strcmp(t, to) > 0 ? to : t, &y2, &m2, &d2))
			continue;
		for (long k = cal_days(y, m, d); k <= cal_days(y2, m2, d2); k++) {
			struct rota_unavail_row *u = STORE_PUSH(*out, *n, cap);
			memset(u, 0, sizeof *u);
			u->practitioner_id = db_col_int(q, 0);
			int yy, mm, dd;
			cal_from_days(k, &yy, &mm, &dd);
			cal_format(yy, mm, dd, u->date);
			STORE_COPY(u->reason, db_col_text(q, 3));
			snprintf(u->source, sizeof u->source, "absence");
			STORE_COPY(u->name, db_col_text(q, 4));
		}
	}
	db_release(q);
	return rc == DB_DONE ? ZT_OK : list_fail(st, rc, (void **)out, n, e);
}

enum zt_err store_rota_unavailable_put(struct store *st, int64_t group_id, struct rota_unavail_row *u, const char *by,
				       struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db, "DELETE FROM rota_unavailable WHERE group_id = ? AND practitioner_id = ? AND on_date = ?", "iis",
			group_id, u->practitioner_id, u->date);
	if (rc >= 0)
		rc = db_scalar_int(st->db, &u->id,
				   "INSERT INTO rota_unavailable (group_id, practitioner_id, on_date, reason, source, created_at, "
				   "created_by) VALUES (?,?,?,?,?,?,?) RETURNING id",
				   "iisssss", group_id, u->practitioner_id, u->date, u->reason, u->source, now, by);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_INVALID, "practitioner_id", "医師が登録されていません。");
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
}

enum zt_err store_rota_unavailable_delete(struct store *st, int64_t group_id, int64_t id, struct rota_unavail_row *before,
					  struct zt_error *e)
{
	memset(before, 0, sizeof *before);
	struct db_stmt *q = db_query(st->db,
				     "SELECT practitioner_id, on_date, reason, source FROM rota_unavailable WHERE id = ? AND group_id = ?",
				     "ii", id, group_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		before->id = id;
		before->practitioner_id = db_col_int(q, 0);
		STORE_COPY(before->date, db_col_text(q, 1));
		STORE_COPY(before->reason, db_col_text(q, 2));
		STORE_COPY(before->source, db_col_text(q, 3));
	}
	db_release(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "不都合日の登録が見つかりません。");
	if (rc != DB_ROW)
		return store_db_err(st, rc, e);
	rc = db_run(st->db, "DELETE FROM rota_unavailable WHERE id = ?", "i", id);
	return rc >= 0 ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_rota_wishes(struct store *st, int64_t group_id, const char *from, const char *to,
			      struct rota_wish_row **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	struct db_stmt *q = db_query(st->db,
		"SELECT id, practitioner_id, on_date, kind, duty_type FROM rota_wish "
		"WHERE group_id = ? AND on_date >= ? AND on_date <= ? ORDER BY on_date, practitioner_id",
		"iss", group_id, from, to);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		struct rota_wish_row *w = STORE_PUSH(*out, *n, cap);
		memset(w, 0, sizeof *w);
		w->id = db_col_int(q, 0);
		w->practitioner_id = db_col_int(q, 1);
		STORE_COPY(w->date, db_col_text(q, 2));
		STORE_COPY(w->kind, db_col_text(q, 3));
		STORE_COPY(w->duty_type, db_col_text(q, 4));
	}
	db_release(q);
	return rc == DB_DONE ? ZT_OK : list_fail(st, rc, (void **)out, n, e);
}

enum zt_err store_rota_wish_put(struct store *st, int64_t group_id, struct rota_wish_row *w, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db, "DELETE FROM rota_wish WHERE group_id = ? AND practitioner_id = ? AND on_date = ? AND kind = ?",
			"iiss", group_id, w->practitioner_id, w->date, w->kind);
	if (rc >= 0)
		rc = db_scalar_int(st->db, &w->id,
				   "INSERT INTO rota_wish (group_id, practitioner_id, on_date, kind, duty_type, created_at) "
				   "VALUES (?,?,?,?,?,?) RETURNING id",
				   "iissss", group_id, w->practitioner_id, w->date, w->kind, store_opt_text(w->duty_type), now);
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
}

/* ---- jobs ---- */

void store_rota_job_clear(struct rota_job *j)
{
	if (j) {
		free(j->result);
		j->result = NULL;
	}
}

#define JOB_COLS                                                                                                  \
	"id, group_id, period_from, period_to, state, progress, best_objective, seed, time_limit, cancel_requested, " \
	"result, error, created_by, created_at, started_at, finished_at"

static void job_row(struct db_stmt *q, struct rota_job *j)
{
	memset(j, 0, sizeof *j);
	j->id = db_col_int(q, 0);
	j->group_id = db_col_int(q, 1);
	STORE_COPY(j->from, db_col_text(q, 2));
	STORE_COPY(j->to, db_col_text(q, 3));
	STORE_COPY(j->state, db_col_text(q, 4));
	j->progress = db_col_double(q, 5);
	STORE_COPY(j->best, db_col_text(q, 6));
	j->seed = db_col_int(q, 7);
	j->time_limit = db_col_double(q, 8);
	j->cancel_requested = (int)db_col_int(q, 9);
	if (!db_col_is_null(q, 10))
		j->result = strdup(db_col_text(q, 10));
	STORE_COPY(j->error, db_col_text(q, 11));
	STORE_COPY(j->created_by, db_col_text(q, 12));
	STORE_COPY(j->created_at, db_col_text(q, 13));
	STORE_COPY(j->started_at, db_col_text(q, 14));
	STORE_COPY(j->finished_at, db_col_text(q, 15));
}

enum zt_err store_rota_job_insert(struct store *st, struct rota_job *j, struct zt_error *e)
{
	zt_now_utc(j->created_at);
	snprintf(j->state, sizeof j->state, "queued");
	int rc = db_scalar_int(st->db, &j->id,
			       "INSERT INTO rota_job (group_id, period_from, period_to, state, seed, time_limit, created_by, "
			       "created_at) VALUES (?,?,?,?,?,?,?,?) RETURNING id",
			       "isssidss", j->group_id, j->from, j->to, j->state, j->seed, j->time_limit,
			       store_opt_text(j->created_by), j->created_at);
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
}

enum zt_err store_rota_job_get(struct store *st, int64_t id, struct rota_job *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *q = db_query(st->db, "SELECT " JOB_COLS " FROM rota_job WHERE id = ?", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		job_row(q, out);
	db_release(q);
	if (rc == DB_ROW)
		return ZT_OK;
	return rc == DB_DONE ? zt_fail(e, ZT_ERR_NOTFOUND, "id", "ジョブが見つかりません。") : store_db_err(st, rc, e);
}

int store_rota_job_claim(struct store *st, struct rota_job *out)
{
	int64_t id = 0;
	int rc = db_scalar_int(st->db, &id, "SELECT id FROM rota_job WHERE state = 'queued' ORDER BY id LIMIT 1", "");
	if (rc == DB_DONE)
		return 0;
	if (rc != DB_ROW)
		return -1;
	char now[21];
	zt_now_utc(now);
	rc = db_run(st->db, "UPDATE rota_job SET state = 'running', started_at = ? WHERE id = ? AND state = 'queued'", "si", now,
		    id);
	if (rc < 0)
		return -1;
	if (db_changes(st->db) == 0)
		return 0; /* taken by another worker, or cancelled meanwhile */
	return store_rota_job_get(st, id, out, NULL) == ZT_OK ? 1 : -1;
}

int store_rota_job_progress(struct store *st, int64_t id, double progress, const char *best)
{
	int rc = db_run(st->db, "UPDATE rota_job SET progress = ?, best_objective = ? WHERE id = ?", "dsi", progress,
			store_opt_text(best), id);
	if (rc < 0)
		return -1;
	int64_t c = 0;
	rc = db_scalar_int(st->db, &c, "SELECT cancel_requested FROM rota_job WHERE id = ?", "i", id);
	return rc == DB_ROW ? (int)c : -1;
}

enum zt_err store_rota_job_cancel(struct store *st, int64_t id, struct zt_error *e)
{
	struct rota_job j;
	enum zt_err r = store_rota_job_get(st, id, &j, e);
	store_rota_job_clear(&j);
	if (r != ZT_OK)
		return r;
	char now[21];
	zt_now_utc(now);
	int rc;
	if (strcmp(j.state, "queued") == 0)
		rc = db_run(st->db, "UPDATE rota_job SET state = 'cancelled', finished_at = ?, cancel_requested = 1 WHERE id = ?",
			    "si", now, id);
	else if (strcmp(j.state, "running") == 0)
		rc = db_run(st->db, "UPDATE rota_job SET cancel_requested = 1 WHERE id = ?", "i", id);
	else
		return zt_fail(e, ZT_ERR_CONFLICT, "state", "このジョブはすでに終了しています（%s）。", j.state);
	return rc >= 0 ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_rota_job_finish(struct store *st, int64_t id, const char *state, const char *result, const char *best,
				  const char *error, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
			"UPDATE rota_job SET state = ?, result = ?, error = ?, finished_at = ?, "
			"best_objective = COALESCE(?, best_objective), "
			"progress = CASE WHEN ? = 'done' THEN 1 ELSE progress END WHERE id = ?",
			"ssssssi", state, result, store_opt_text(error), now, best, state, id);
	return rc >= 0 ? ZT_OK : store_db_err(st, rc, e);
}

int store_rota_jobs_orphaned(struct store *st, const char *reason)
{
	char now[21];
	zt_now_utc(now);
	int rc;
	if (st->pg) {
		char cutoff[21];
		zt_format_utc(zt_now() - 10, cutoff); /* a job claimed a moment ago may not hold its lock yet */
		rc = db_run(st->db,
			    "UPDATE rota_job SET state = 'failed', error = ?, finished_at = ? WHERE state = 'running'"
			    " AND started_at < ? AND pg_try_advisory_xact_lock(? + id)",
			    "sssi", reason, now, cutoff, ROTA_JOB_LOCK);
	} else {
		rc = db_run(st->db, "UPDATE rota_job SET state = 'failed', error = ?, finished_at = ? WHERE state = 'running'",
			    "ss", reason, now);
	}
	return rc < 0 ? -1 : (int)db_changes(st->db);
}

int store_rota_job_hold(struct store *st, int64_t id, bool hold)
{
	if (!st->pg)
		return 0;
	int64_t ok = 0;
	int rc = db_scalar_int(st->db, &ok,
			       /* typed: `? + ?` of two untyped parameters is "operator is not unique" */
			       hold ? "SELECT 1 FROM (SELECT pg_advisory_lock(CAST(? AS BIGINT) + CAST(? AS BIGINT))) AS l"
				    : "SELECT 1 FROM (SELECT pg_advisory_unlock(CAST(? AS BIGINT) + CAST(? AS BIGINT))) AS l",
			       "ii", ROTA_JOB_LOCK, id);
	return rc == DB_ROW ? 0 : -1;
}

/* ---- rotas ---- */

void store_rota_row_clear(struct rota_row *r)
{
	if (r) {
		free(r->certificate);
		r->certificate = NULL;
	}
}

enum zt_err store_rota_put(struct store *st, struct rota_row *r, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int64_t id = 0;
	int rc = db_scalar_int(st->db, &id, "SELECT id FROM rota WHERE group_id = ? AND period_from = ? AND period_to = ?",
			       "iss", r->group_id, r->from, r->to);
	if (rc == DB_ROW) {
		r->id = id;
		rc = db_run(st->db, "UPDATE rota SET job_id = COALESCE(?, job_id), seed = COALESCE(?, seed), certificate = ?, "
				    "updated_at = ? WHERE id = ?",
			    "IIssi", r->job_id, r->seed, r->certificate, now, id);
		return rc >= 0 ? ZT_OK : store_db_err(st, rc, e);
	}
	if (rc != DB_DONE)
		return store_db_err(st, rc, e);
	rc = db_scalar_int(st->db, &r->id,
			   "INSERT INTO rota (group_id, period_from, period_to, job_id, seed, certificate, created_at, updated_at) "
			   "VALUES (?,?,?,?,?,?,?,?) RETURNING id",
			   "issIisss", r->group_id, r->from, r->to, r->job_id, r->seed, r->certificate, now, now);
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
}

static void rota_cols(struct db_stmt *q, struct rota_row *r, int with_cert)
{
	memset(r, 0, sizeof *r);
	r->id = db_col_int(q, 0);
	r->group_id = db_col_int(q, 1);
	STORE_COPY(r->from, db_col_text(q, 2));
	STORE_COPY(r->to, db_col_text(q, 3));
	r->job_id = db_col_int(q, 4);
	r->seed = db_col_int(q, 5);
	STORE_COPY(r->created_at, db_col_text(q, 6));
	STORE_COPY(r->updated_at, db_col_text(q, 7));
	if (with_cert)
		r->certificate = strdup(db_col_text(q, 8));
}

enum zt_err store_rotas(struct store *st, int64_t group_id, const char *from, const char *to, struct rota_row **out,
			size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	size_t cap = 0;
	struct db_stmt *q = db_query(st->db,
		"SELECT id, group_id, period_from, period_to, job_id, seed, created_at, updated_at FROM rota "
		"WHERE group_id = ? AND period_from <= ? AND period_to >= ? ORDER BY period_from DESC, id DESC",
		"iss", group_id, to ? to : "9999-12-31", from ? from : "0000-01-01");
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		rota_cols(q, STORE_PUSH(*out, *n, cap), 0);
	db_release(q);
	return rc == DB_DONE ? ZT_OK : list_fail(st, rc, (void **)out, n, e);
}

enum zt_err store_rota_get(struct store *st, int64_t id, struct rota_row *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *q = db_query(st->db,
		"SELECT id, group_id, period_from, period_to, job_id, seed, created_at, updated_at, certificate FROM rota WHERE id = ?",
		"i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		rota_cols(q, out, 1);
	db_release(q);
	if (rc == DB_ROW)
		return ZT_OK;
	return rc == DB_DONE ? zt_fail(e, ZT_ERR_NOTFOUND, "id", "当番表が見つかりません。") : store_db_err(st, rc, e);
}

enum zt_err store_rota_duties_replace(struct store *st, int64_t group_id, const char *from, const char *to,
				      struct duty *duties, size_t n, struct zt_error *e)
{
	int rc = db_run(st->db, "DELETE FROM duty WHERE group_id = ? AND duty_date >= ? AND duty_date <= ? AND source = 'solver'",
			"iss", group_id, from, to);
	if (rc < 0)
		return store_db_err(st, rc, e);
	char now[21];
	zt_now_utc(now);
	for (size_t i = 0; i < n; i++) {
		struct duty *d = &duties[i];
		snprintf(d->source, sizeof d->source, "solver");
		rc = db_scalar_int(st->db, &d->id,
				   "INSERT INTO duty (group_id, duty_date, duty_type, practitioner_id, institution_id, source, "
				   "created_at) VALUES (?,?,?,?,?,'solver',?) RETURNING id",
				   "issiis", group_id, d->date, duty_types[d->type].code, d->practitioner_id, d->institution_id, now);
		if (rc == DB_CONSTRAINT)
			return zt_fail(e, ZT_ERR_CONFLICT, "duties", "%s の%sが重複しています。", d->date, duty_types[d->type].ja);
		if (rc != DB_ROW)
			return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	}
	return ZT_OK;
}

enum zt_err store_duty_reassign(struct store *st, int64_t id, int64_t practitioner_id, int64_t institution_id,
				const char *source, struct zt_error *e)
{
	int rc = db_run(st->db, "UPDATE duty SET practitioner_id = ?, institution_id = ?, source = ? WHERE id = ?", "iisi",
			practitioner_id, institution_id, source, id);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_CONFLICT, "practitioner_id", "この医師はすでに同じ日の同じ当番に入っています。");
	return rc >= 0 ? ZT_OK : store_db_err(st, rc, e);
}
