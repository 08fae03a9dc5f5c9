/* Subsidy programmes, caps and the expense ledger (issue 19 §3; see store_subsidies.h). */
#include "store/store_subsidies.h"

#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "store/store_internal.h"

enum zt_err store_subsidy_operator(struct store *st, int64_t id, struct subsidy_operator *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	struct db_stmt *q = db_query(st->db,
		"SELECT id, name, kind, prefecture_code, association_id, municipality_code FROM operator WHERE id = ?", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		out->id = db_col_int(q, 0);
		STORE_COPY(out->name, db_col_text(q, 1));
		STORE_COPY(out->kind, db_col_text(q, 2));
		STORE_COPY(out->prefecture, db_col_text(q, 3));
		out->association_id = db_col_int(q, 4);
		STORE_COPY(out->municipality, db_col_text(q, 5));
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "operator_id", "指定された事業者は見つかりません。");
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

int64_t store_subsidy_operator_by_name(struct store *st, const char *pref, const char *name)
{
	int64_t id = 0;
	if (db_scalar_int(st->db, &id, "SELECT id FROM operator WHERE prefecture_code = ? AND name = ?", "ss", pref, name) < 0)
		return 0;
	return id;
}

static void row_to_programme(struct db_stmt *q, struct subsidy_programme *p)
{
	memset(p, 0, sizeof *p);
	STORE_COPY(p->code, db_col_text(q, 0));
	p->fiscal_year = (int)db_col_int(q, 1);
	STORE_COPY(p->name, db_col_text(q, 2));
	p->total_cap_yen = db_col_int(q, 3);
	STORE_COPY(p->unit, db_col_text(q, 4));
	p->rate_num = (int)db_col_int(q, 5);
	p->rate_den = (int)db_col_int(q, 6);
}

static enum zt_err load_categories(struct store *st, struct subsidy_programme *p, struct zt_error *e)
{
	struct db_stmt *q = db_query(st->db,
		"SELECT code, name, cap_yen, priority FROM subsidy_category WHERE programme_code = ? AND fiscal_year = ? "
		"ORDER BY priority, code", "si", p->code, (int64_t)p->fiscal_year);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	p->ncat = 0;
	while ((rc = db_step(q)) == DB_ROW && p->ncat < SUBSIDY_MAX_CATEGORIES) {
		struct subsidy_category *c = &p->cat[p->ncat++];
		STORE_COPY(c->code, db_col_text(q, 0));
		STORE_COPY(c->name, db_col_text(q, 1));
		c->cap_yen = db_col_is_null(q, 2) ? SUBSIDY_NO_CAP : db_col_int(q, 2);
		c->priority = (int)db_col_int(q, 3);
	}
	db_finalize(q);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

#define PROG_SELECT "SELECT code, fiscal_year, name, total_cap_yen, unit, rate_num, rate_den FROM subsidy_programme "

enum zt_err store_subsidy_programme_get(struct store *st, const char *code, int fy, struct subsidy_programme *out,
					struct zt_error *e)
{
	struct db_stmt *q = db_query(st->db, PROG_SELECT "WHERE code = ? AND fiscal_year = ?", "si", code, (int64_t)fy);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		row_to_programme(q, out);
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "programme", "%d年度の補助事業「%s」の上限額は登録されていません。", fy, code);
	if (rc < 0)
		return store_db_err(st, rc, e);
	return load_categories(st, out, e);
}

enum zt_err store_subsidy_programmes(struct store *st, int fy, struct subsidy_programme **out, size_t *n,
				     struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db, PROG_SELECT "WHERE fiscal_year = ? ORDER BY code", "i", (int64_t)fy);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	size_t cap = 0;
	while ((rc = db_step(q)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 4;
			*out = realloc(*out, cap * sizeof **out);
			if (*out == NULL)
				abort();
		}
		row_to_programme(q, &(*out)[(*n)++]);
	}
	db_finalize(q);
	enum zt_err r = rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
	for (size_t i = 0; r == ZT_OK && i < *n; i++)
		r = load_categories(st, &(*out)[i], e);
	if (r != ZT_OK) {
		free(*out);
		*out = NULL;
		*n = 0;
	}
	return r;
}

enum zt_err store_subsidy_year_copy(struct store *st, int from, int to, const char *source, int *n, struct zt_error *e)
{
	*n = 0;
	int64_t have = 0;
	int rc = db_scalar_int(st->db, &have, "SELECT COUNT(*) FROM subsidy_programme WHERE fiscal_year = ?", "i", (int64_t)to);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	if (have > 0)
		return zt_fail(e, ZT_ERR_CONFLICT, "fiscal_year", "%d年度の補助上限額はすでに登録されています（%lld事業）。", to,
			       (long long)have);
	int64_t src = 0;
	rc = db_scalar_int(st->db, &src, "SELECT COUNT(*) FROM subsidy_programme WHERE fiscal_year = ?", "i", (int64_t)from);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	if (src == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "from", "%d年度の補助上限額が登録されていません。", from);
	rc = db_run(st->db,
		    "INSERT INTO subsidy_programme (code, fiscal_year, name, total_cap_yen, unit, rate_num, rate_den, source) "
		    "SELECT code, ?, name, total_cap_yen, unit, rate_num, rate_den, ? FROM subsidy_programme WHERE fiscal_year = ?",
		    "isi", (int64_t)to, source, (int64_t)from);
	if (rc == DB_DONE)
		rc = db_run(st->db,
			    "INSERT INTO subsidy_category (programme_code, fiscal_year, code, name, cap_yen, priority) "
			    "SELECT programme_code, ?, code, name, cap_yen, priority FROM subsidy_category WHERE fiscal_year = ?",
			    "ii", (int64_t)to, (int64_t)from);
	if (rc != DB_DONE)
		return store_db_err(st, rc, e);
	*n = (int)src;
	return ZT_OK;
}

enum zt_err store_subsidy_total_set(struct store *st, const char *code, int fy, int64_t total, const char *source,
				    struct zt_error *e)
{
	int rc = db_run(st->db, "UPDATE subsidy_programme SET total_cap_yen = ?, source = ? WHERE code = ? AND fiscal_year = ?",
			"issi", total, source, code, (int64_t)fy);
	if (rc != DB_DONE)
		return store_db_err(st, rc, e);
	return db_changes(st->db) ? ZT_OK : zt_fail(e, ZT_ERR_NOTFOUND, "programme", "%d年度の事業 %s がありません。", fy, code);
}

enum zt_err store_subsidy_category_cap_set(struct store *st, const char *code, int fy, const char *category, int64_t cap,
					   struct zt_error *e)
{
	int rc = cap == SUBSIDY_NO_CAP
		     ? db_run(st->db, "UPDATE subsidy_category SET cap_yen = NULL WHERE programme_code = ? AND fiscal_year = ? AND code = ?",
			      "sis", code, (int64_t)fy, category)
		     : db_run(st->db, "UPDATE subsidy_category SET cap_yen = ? WHERE programme_code = ? AND fiscal_year = ? AND code = ?",
			      "isis", cap, code, (int64_t)fy, category);
	if (rc != DB_DONE)
		return store_db_err(st, rc, e);
	return db_changes(st->db) ? ZT_OK
				  : zt_fail(e, ZT_ERR_NOTFOUND, "category", "%d年度の事業 %s に区分 %s がありません。", fy, code, category);
}

enum zt_err store_subsidy_programme_source(struct store *st, const char *code, int fy, char *out, size_t outsz,
					   struct zt_error *e)
{
	out[0] = '\0';
	struct db_stmt *q = db_query(st->db, "SELECT source FROM subsidy_programme WHERE code = ? AND fiscal_year = ?",
				     "si", code, (int64_t)fy);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		store_copy_text(out, outsz, db_col_text(q, 0));
	db_finalize(q);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

#define EXP_SELECT                                                                                   \
	"SELECT id, operator_id, fiscal_year, programme_code, category_code, kind, spent_on, amount_yen, " \
	"payee, note, receipt_size, updated_at FROM subsidy_expense "

static void row_to_expense(struct db_stmt *q, struct subsidy_expense *x)
{
	memset(x, 0, sizeof *x);
	x->id = db_col_int(q, 0);
	x->operator_id = db_col_int(q, 1);
	x->fiscal_year = (int)db_col_int(q, 2);
	STORE_COPY(x->programme, db_col_text(q, 3));
	STORE_COPY(x->category, db_col_text(q, 4));
	STORE_COPY(x->kind, db_col_text(q, 5));
	STORE_COPY(x->spent_on, db_col_text(q, 6));
	x->amount_yen = db_col_int(q, 7);
	STORE_COPY(x->payee, db_col_text(q, 8));
	STORE_COPY(x->note, db_col_text(q, 9));
	x->receipt_size = db_col_int(q, 10);
	STORE_COPY(x->updated_at, db_col_text(q, 11));
}

enum zt_err store_subsidy_expense_insert(struct store *st, struct subsidy_expense *x, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int64_t id = 0;
	int rc = db_scalar_int(st->db, &id,
		"INSERT INTO subsidy_expense (operator_id, fiscal_year, programme_code, category_code, kind, spent_on, "
		"amount_yen, payee, note, created_at, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
		"iissssissss", x->operator_id, (int64_t)x->fiscal_year, x->programme, x->category, x->kind, x->spent_on,
		x->amount_yen, x->payee, store_opt_text(x->note), now, now);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_INVALID, "category", "事業者または区分が見つかりません。");
	if (rc < 0)
		return store_db_err(st, rc, e);
	x->id = id;
	STORE_COPY(x->updated_at, now);
	return ZT_OK;
}

enum zt_err store_subsidy_expense_update(struct store *st, const struct subsidy_expense *x, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
		"UPDATE subsidy_expense SET programme_code = ?, category_code = ?, kind = ?, spent_on = ?, amount_yen = ?, "
		"payee = ?, note = ?, updated_at = ? WHERE id = ?",
		"ssssisssi", x->programme, x->category, x->kind, x->spent_on, x->amount_yen, x->payee,
		store_opt_text(x->note), now, x->id);
	if (rc == DB_CONSTRAINT)
		return zt_fail(e, ZT_ERR_INVALID, "category", "区分が見つかりません。");
	if (rc < 0)
		return store_db_err(st, rc, e);
	if (db_changes(st->db) == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定された支出は見つかりません。");
	return ZT_OK;
}

enum zt_err store_subsidy_expense_delete(struct store *st, int64_t id, struct zt_error *e)
{
	int rc = db_run(st->db, "DELETE FROM subsidy_expense WHERE id = ?", "i", id);
	if (rc < 0 || rc == DB_CONSTRAINT)
		return store_db_err(st, rc, e);
	if (db_changes(st->db) == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定された支出は見つかりません。");
	return ZT_OK;
}

enum zt_err store_subsidy_expense_get(struct store *st, int64_t id, struct subsidy_expense *out, struct zt_error *e)
{
	struct db_stmt *q = db_query(st->db, EXP_SELECT "WHERE id = ?", "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		row_to_expense(q, out);
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定された支出は見つかりません。");
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_subsidy_expenses(struct store *st, int64_t op, int fy, const char *programme,
				   struct subsidy_expense **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db,
		EXP_SELECT "WHERE operator_id = ? AND fiscal_year = ? AND (CAST(? AS TEXT) IS NULL OR programme_code = ?) "
		"ORDER BY spent_on, id", "iiss", op, (int64_t)fy, store_opt_text(programme), store_opt_text(programme));
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	size_t cap = 0;
	while ((rc = db_step(q)) == DB_ROW) {
		if (*n == cap) {
			cap = cap ? cap * 2 : 16;
			*out = realloc(*out, cap * sizeof **out);
			if (*out == NULL)
				abort();
		}
		row_to_expense(q, &(*out)[(*n)++]);
	}
	db_finalize(q);
	if (rc < 0) {
		free(*out);
		*out = NULL;
		*n = 0;
		return store_db_err(st, rc, e);
	}
	return ZT_OK;
}

enum zt_err store_subsidy_spent(struct store *st, int64_t op, int fy, const struct subsidy_programme *p,
				int64_t *spent, int64_t *lines, struct zt_error *e)
{
	for (int i = 0; i < p->ncat; i++)
		spent[i] = 0;
	*lines = 0;
	struct db_stmt *q = db_query(st->db,
		"SELECT category_code, CAST(SUM(amount_yen) AS BIGINT), COUNT(*) FROM subsidy_expense "
		"WHERE operator_id = ? AND fiscal_year = ? AND programme_code = ? GROUP BY category_code",
		"iis", op, (int64_t)fy, p->code);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		int i = subsidy_category_index(p, db_col_text(q, 0));
		if (i >= 0)
			spent[i] = db_col_int(q, 1);
		*lines += db_col_int(q, 2);
	}
	db_finalize(q);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_subsidy_programmes_used(struct store *st, int64_t op, int fy, char (*codes)[32], int max, int *n,
					  struct zt_error *e)
{
	*n = 0;
	struct db_stmt *q = db_query(st->db,
		"SELECT DISTINCT programme_code FROM subsidy_expense WHERE operator_id = ? AND fiscal_year = ? "
		"ORDER BY programme_code", "ii", op, (int64_t)fy);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	while ((rc = db_step(q)) == DB_ROW && *n < max) {
		store_copy_text(codes[*n], 32, db_col_text(q, 0));
		(*n)++;
	}
	db_finalize(q);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

enum zt_err store_subsidy_receipt_put(struct store *st, int64_t id, const void *data, size_t len, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db, "UPDATE subsidy_expense SET receipt_pdf = ?, receipt_size = ?, receipt_at = ? WHERE id = ?",
			"bisi", data, (int)len, (int64_t)len, now, id);
	if (rc < 0 || rc == DB_CONSTRAINT)
		return store_db_err(st, rc, e);
	if (db_changes(st->db) == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "指定された支出は見つかりません。");
	return ZT_OK;
}

enum zt_err store_subsidy_receipt_get(struct store *st, int64_t id, void **data, size_t *len, struct zt_error *e)
{
	*data = NULL;
	*len = 0;
	struct db_stmt *q = db_query(st->db, "SELECT receipt_pdf FROM subsidy_expense WHERE id = ? AND receipt_size > 0",
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
		return zt_fail(e, ZT_ERR_NOTFOUND, "receipt", "領収書のPDFは登録されていません。");
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}
