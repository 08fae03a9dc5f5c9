/* Awards 顕彰: nominations, decisions, listings (issue 18 §6, seed 004; see store_awards.h). */
#include "store/store_awards.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "store/store_internal.h"

#define AWARD_SELECT                                                                                          \
	"SELECT a.id, a.institution_id, COALESCE(a.operator_id, 0), a.fiscal_year, COALESCE(a.title, ''), "   \
	"a.reason, a.status, COALESCE(a.decided_on, ''), COALESCE(a.decision_note, ''), "                     \
	"COALESCE(a.nominated_by, ''), i.name, i.kind, COALESCE(i.municipality_code, ''), COALESCE(m.name, ''), " \
	"COALESCE(o.name, ''), a.created_at FROM award a JOIN institution i ON i.id = a.institution_id "     \
	"LEFT JOIN municipality m ON m.code = i.municipality_code LEFT JOIN operator o ON o.id = a.operator_id "

static void row_to_award(struct db_stmt *q, struct award *a)
{
	memset(a, 0, sizeof *a);
	a->id = db_col_int(q, 0);
	a->institution_id = db_col_int(q, 1);
	a->operator_id = db_col_int(q, 2);
	a->fiscal_year = (int)db_col_int(q, 3);
	STORE_COPY(a->title, db_col_text(q, 4));
	STORE_COPY(a->reason, db_col_text(q, 5));
	a->status = code_lookup(award_statuses, AWARD__MAX, db_col_text(q, 6));
	STORE_COPY(a->decided_on, db_col_text(q, 7));
	STORE_COPY(a->decision_note, db_col_text(q, 8));
	STORE_COPY(a->nominated_by, db_col_text(q, 9));
	STORE_COPY(a->institution_name, db_col_text(q, 10));
	STORE_COPY(a->institution_kind, db_col_text(q, 11));
	STORE_COPY(a->municipality, db_col_text(q, 12));
	STORE_COPY(a->municipality_name, db_col_text(q, 13));
	STORE_COPY(a->operator_name, db_col_text(q, 14));
	STORE_COPY(a->created_at, db_col_text(q, 15));
}

enum zt_err store_award_insert(struct store *st, struct award *a, struct zt_error *e)
{
	zt_now_utc(a->created_at);
	int rc = db_scalar_int(st->db, &a->id,
			       "INSERT INTO award (institution_id, operator_id, fiscal_year, title, reason, status, "
			       "nominated_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			       "iIisssss", a->institution_id, a->operator_id, (int64_t)a->fiscal_year, store_opt_text(a->title),
			       a->reason, award_statuses[AWARD_NOMINATED].code, a->nominated_by, a->created_at);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_CONFLICT, "institution_id", "この機関はすでにこの年度に推薦されています。");
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	return ZT_OK;
}

enum zt_err store_award_decide(struct store *st, const struct award *a, struct zt_error *e)
{
	int rc = db_run(st->db, "UPDATE award SET status = ?, decided_on = ?, decision_note = ? WHERE id = ?", "sssi",
			award_statuses[a->status].code, a->decided_on, store_opt_text(a->decision_note), a->id);
	if (rc < 0)
		return store_db_err(st, rc, e);
	return db_changes(st->db) ? ZT_OK : zt_fail(e, ZT_ERR_NOTFOUND, "id", "推薦が見つかりません。");
}

enum zt_err store_award_edit(struct store *st, const struct award *a, struct zt_error *e)
{
	int rc = db_run(st->db, "UPDATE award SET title = ?, reason = ? WHERE id = ? AND status = 'nominated'", "ssi",
			store_opt_text(a->title), a->reason, a->id);
	if (rc < 0)
		return store_db_err(st, rc, e);
	return db_changes(st->db) ? ZT_OK : zt_fail(e, ZT_ERR_CONFLICT, "status", "決定済みの推薦は変更できません。");
}

enum zt_err store_award_delete(struct store *st, int64_t id, struct zt_error *e)
{
	int rc = db_run(st->db, "DELETE FROM award WHERE id = ? AND status = 'nominated'", "i", id);
	if (rc < 0)
		return store_db_err(st, rc, e);
	return db_changes(st->db) ? ZT_OK : zt_fail(e, ZT_ERR_CONFLICT, "status", "決定済みの推薦は取り下げられません。");
}

enum zt_err store_award_get(struct store *st, int64_t id, struct award *out, struct zt_error *e)
{
	struct db_stmt *q = db_query(st->db, AWARD_SELECT "WHERE a.id = ?", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		row_to_award(q, out);
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "推薦が見つかりません。");
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_award_list(struct store *st, int fy, int status, struct award **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	const char *s = status >= 0 && status < AWARD__MAX ? award_statuses[status].code : "";
	struct db_stmt *q = db_query(st->db,
				     AWARD_SELECT "WHERE (? = 0 OR a.fiscal_year = ?) AND (? = '' OR a.status = ?) "
						  "ORDER BY a.fiscal_year DESC, i.name, a.id",
				     "iiss", (int64_t)fy, (int64_t)fy, s, s);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		row_to_award(q, STORE_PUSH(*out, *n, cap));
	db_finalize(q);
	if (rc != DB_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
	}
	return ZT_OK;
}
