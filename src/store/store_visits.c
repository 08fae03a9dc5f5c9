/* Institution visits of the coordinator programme (issue 18 §5, seed 002 ①; see store_visits.h). */
#include "store/store_visits.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "store/store_internal.h"

#define VISIT_SELECT                                                                                         \
	"SELECT v.id, v.institution_id, COALESCE(v.operator_id, 0), v.visited_on, v.visitor, "               \
	"COALESCE(v.learnt, ''), COALESCE(v.follow_up, ''), i.name, i.kind, COALESCE(i.municipality_code, ''), " \
	"COALESCE(o.name, ''), v.created_at FROM institution_visit v JOIN institution i ON i.id = v.institution_id " \
	"LEFT JOIN operator o ON o.id = v.operator_id "

static void row_to_visit(struct db_stmt *q, struct institution_visit *v)
{
	memset(v, 0, sizeof *v);
	v->id = db_col_int(q, 0);
	v->institution_id = db_col_int(q, 1);
	v->operator_id = db_col_int(q, 2);
	STORE_COPY(v->visited_on, db_col_text(q, 3));
	STORE_COPY(v->visitor, db_col_text(q, 4));
	STORE_COPY(v->learnt, db_col_text(q, 5));
	STORE_COPY(v->follow_up, db_col_text(q, 6));
	STORE_COPY(v->institution_name, db_col_text(q, 7));
	STORE_COPY(v->institution_kind, db_col_text(q, 8));
	STORE_COPY(v->municipality, db_col_text(q, 9));
	STORE_COPY(v->operator_name, db_col_text(q, 10));
	STORE_COPY(v->created_at, db_col_text(q, 11));
}

enum zt_err store_visit_insert(struct store *st, struct institution_visit *v, struct zt_error *e)
{
	zt_now_utc(v->created_at);
	int rc = db_scalar_int(st->db, &v->id,
			       "INSERT INTO institution_visit (institution_id, operator_id, visited_on, visitor, learnt, "
			       "follow_up, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
			       "iIsssss", v->institution_id, v->operator_id, v->visited_on, v->visitor,
			       store_opt_text(v->learnt), store_opt_text(v->follow_up), v->created_at);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_INVALID, "operator_id", "事業者または機関が見つかりません。");
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	return ZT_OK;
}

enum zt_err store_visit_get(struct store *st, int64_t id, struct institution_visit *out, struct zt_error *e)
{
	struct db_stmt *q = db_query(st->db, VISIT_SELECT "WHERE v.id = ?", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		row_to_visit(q, out);
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "訪問記録が見つかりません。");
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_visit_delete(struct store *st, int64_t id, struct zt_error *e)
{
	int rc = db_run(st->db, "DELETE FROM institution_visit WHERE id = ?", "i", id);
	if (rc < 0)
		return store_db_err(st, rc, e);
	return db_changes(st->db) ? ZT_OK : zt_fail(e, ZT_ERR_NOTFOUND, "id", "訪問記録が見つかりません。");
}

enum zt_err store_visit_list(struct store *st, int64_t institution_id, int64_t operator_id, const char *from,
			     const char *to, struct institution_visit **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	const char *f = from ? from : "", *t = to ? to : "";
	struct db_stmt *q = db_query(st->db,
				     VISIT_SELECT "WHERE (? = 0 OR v.institution_id = ?) AND (? = 0 OR v.operator_id = ?) "
						  "AND (? = '' OR v.visited_on >= ?) AND (? = '' OR v.visited_on <= ?) "
						  "ORDER BY v.visited_on DESC, v.id DESC",
				     "iiiissss", institution_id, institution_id, operator_id, operator_id, f, f, t, t);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		row_to_visit(q, STORE_PUSH(*out, *n, cap));
	db_finalize(q);
	if (rc != DB_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
	}
	return ZT_OK;
}

enum zt_err store_visit_count(struct store *st, int64_t operator_id, const char *from, const char *to, int *visits,
			      int *institutions, struct zt_error *e)
{
	*visits = *institutions = 0;
	struct db_stmt *q = db_query(st->db,
				     "SELECT COUNT(*), COUNT(DISTINCT institution_id) FROM institution_visit "
				     "WHERE (? = 0 OR operator_id = ?) AND visited_on >= ? AND visited_on <= ?",
				     "iiss", operator_id, operator_id, from, to);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		*visits = (int)db_col_int(q, 0);
		*institutions = (int)db_col_int(q, 1);
	}
	db_finalize(q);
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
}
