/* Programme operators 事業者 (issue 18; see store_operators.h). */
#include "store/store_operators.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "store/store_internal.h"

#define OP_SELECT                                                                                             \
	"SELECT o.id, o.name, o.kind, o.prefecture_code, COALESCE(o.association_id, 0), "                     \
	"COALESCE(o.municipality_code, ''), COALESCE(o.institution_id, 0), o.first_fiscal_year, "             \
	"COALESCE(o.note, ''), COALESCE(a.name, ''), COALESCE(m.name, ''), COALESCE(i.name, ''), "            \
	"COALESCE(o.municipality_code, a.municipality_code, ''), o.created_at, o.cap_units "                               \
	"FROM operator o LEFT JOIN institution a ON a.id = o.association_id "                                 \
	"LEFT JOIN municipality m ON m.code = o.municipality_code LEFT JOIN institution i ON i.id = o.institution_id "

static void row_to_operator(struct db_stmt *q, struct operator_row *r)
{
	memset(r, 0, sizeof *r);
	r->d.id = db_col_int(q, 0);
	STORE_COPY(r->d.name, db_col_text(q, 1));
	r->d.kind = code_lookup(operator_kinds, OPK__MAX, db_col_text(q, 2));
	STORE_COPY(r->d.prefecture, db_col_text(q, 3));
	r->d.association_id = db_col_int(q, 4);
	STORE_COPY(r->d.municipality, db_col_text(q, 5));
	r->d.institution_id = db_col_int(q, 6);
	r->d.first_fiscal_year = (int)db_col_int(q, 7);
	STORE_COPY(r->d.note, db_col_text(q, 8));
	STORE_COPY(r->association_name, db_col_text(q, 9));
	STORE_COPY(r->municipality_name, db_col_text(q, 10));
	STORE_COPY(r->institution_name, db_col_text(q, 11));
	STORE_COPY(r->scope_municipality, db_col_text(q, 12));
	STORE_COPY(r->created_at, db_col_text(q, 13));
	r->d.cap_units = (int)db_col_int(q, 14);
}

enum zt_err store_operator_insert(struct store *st, struct operator_def *o, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_scalar_int(st->db, &o->id,
			       "INSERT INTO operator (name, kind, prefecture_code, association_id, municipality_code, "
			       "institution_id, first_fiscal_year, note, created_at, updated_at, cap_units) "
			       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
			       "sssIsIisssi", o->name, operator_kinds[o->kind].code, o->prefecture, o->association_id,
			       store_opt_text(o->municipality), o->institution_id, (int64_t)o->first_fiscal_year,
			       store_opt_text(o->note), now, now, (int64_t)(o->cap_units > 0 ? o->cap_units : 1));
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_CONFLICT, "name", "同じ名前の事業者がすでに登録されています。");
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	return ZT_OK;
}

enum zt_err store_operator_update(struct store *st, const struct operator_def *o, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
			"UPDATE operator SET name = ?, kind = ?, prefecture_code = ?, association_id = ?, municipality_code = ?, "
			"institution_id = ?, first_fiscal_year = ?, note = ?, updated_at = ?, cap_units = ? WHERE id = ?",
			"sssIsIissii", o->name, operator_kinds[o->kind].code, o->prefecture, o->association_id,
			store_opt_text(o->municipality), o->institution_id, (int64_t)o->first_fiscal_year,
			store_opt_text(o->note), now, (int64_t)(o->cap_units > 0 ? o->cap_units : 1), o->id);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_CONFLICT, "name", "同じ名前の事業者がすでに登録されています。");
	return rc == DB_DONE ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_operator_get(struct store *st, int64_t id, struct operator_row *out, struct zt_error *e)
{
	struct db_stmt *q = db_query(st->db, OP_SELECT "WHERE o.id = ?", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		row_to_operator(q, out);
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "事業者が見つかりません。");
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_operator_list(struct store *st, const char *prefecture, struct operator_row **out, size_t *n,
				struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	const char *p = prefecture ? prefecture : "";
	struct db_stmt *q = db_query(st->db, OP_SELECT "WHERE ? = '' OR o.prefecture_code = ? ORDER BY o.prefecture_code, o.name",
				     "ss", p, p);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW)
		row_to_operator(q, STORE_PUSH(*out, *n, cap));
	db_finalize(q);
	if (rc != DB_DONE) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc < 0 ? rc : DB_HARD_ERROR, e);
	}
	return ZT_OK;
}
