/* API tokens: hashed, expiring, scoped, revocable (issue 11 §6; see store_tokens.h). */
#include "store/store_tokens.h"
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

#define TOK_SELECT \
	"SELECT t.id, t.account_id, a.username, t.name, t.scope, t.created_at, t.expires_at, t.last_used_at, " \
	"t.revoked_at, t.revoked_reason FROM api_token t JOIN account a ON a.id = t.account_id "

#define TT(i, member) STORE_TEXT_COL(struct api_token, i, member)
static const struct store_text_col tok_text[] = {
	TT(2, username), TT(3, name), TT(4, scope), TT(5, created_at), TT(6, expires_at),
	TT(7, last_used_at), TT(8, revoked_at), TT(9, revoked_reason),
};

static void row_to_token(struct db_stmt *q, struct api_token *t)
{
	memset(t, 0, sizeof *t);
	t->id = db_col_int(q, 0);
	t->account_id = db_col_int(q, 1);
	store_copy_cols(q, t, tok_text, sizeof tok_text / sizeof tok_text[0]);
}

enum zt_err store_token_create(struct store *st, int64_t account_id, const char *name, const char *token_hash,
			       const char *scope, const char *expires_at, int64_t *id, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int64_t tid = 0;
	int rc = db_scalar_int(st->db, &tid,
			       "INSERT INTO api_token (account_id, name, token_hash, created_at, scope, expires_at) "
			       "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
			       "isssss", account_id, name, token_hash, now, scope, expires_at);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	if (id)
		*id = tid;
	return ZT_OK;
}

/* Steps a one-row query into *out: ZT_OK, ZT_ERR_NOTFOUND or the storage error. Finalizes q. */
static enum zt_err one_token(struct store *st, struct db_stmt *q, struct api_token *out, struct zt_error *e)
{
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW)
		row_to_token(q, out);
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "", "APIトークンが見つかりません。");
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc, e);
}

enum zt_err store_token_find(struct store *st, const char *token_hash, struct api_token *out)
{
	return one_token(st, db_query(st->db, TOK_SELECT "WHERE t.token_hash = ?", "s", token_hash), out, NULL);
}

/* PostgreSQL: the holder's account first (store_account_cols_pg), the token's columns after it. */
#define TOK_HOLDER_PG \
	"%s, t.id, t.account_id, account.username, t.name, t.scope, t.created_at, t.expires_at, t.last_used_at, " \
	"t.revoked_at, t.revoked_reason FROM api_token t JOIN account ON account.id = t.account_id WHERE t.token_hash = ?"

enum zt_err store_token_find_holder(struct store *st, const char *token_hash, struct api_token *out,
				    struct account *holder, bool *have_holder)
{
	*have_holder = false;
	if (!st->pg)
		return store_token_find(st, token_hash, out);
	char sql[1024];
	snprintf(sql, sizeof sql, "SELECT " TOK_HOLDER_PG, store_account_cols_pg);
	struct db_stmt *q = db_query(st->db, sql, "s", token_hash);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, NULL);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		const int b = STORE_ACCOUNT_NCOLS_PG;
		memset(out, 0, sizeof *out);
		out->id = db_col_int(q, b);
		out->account_id = db_col_int(q, b + 1);
		for (size_t k = 0; k < sizeof tok_text / sizeof tok_text[0]; k++)
			store_copy_text((char *)out + tok_text[k].off, tok_text[k].size, db_col_text(q, b + tok_text[k].col));
		store_account_row_pg(st, q, holder);
		*have_holder = true;
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return ZT_ERR_NOTFOUND;
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc, NULL);
}

enum zt_err store_token_get(struct store *st, int64_t id, struct api_token *out, struct zt_error *e)
{
	return one_token(st, db_query(st->db, TOK_SELECT "WHERE t.id = ?", "i", id), out, e);
}

enum zt_err store_token_list(struct store *st, int64_t account_id, struct api_token **out, size_t *n,
			     struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct db_stmt *q = db_query(st->db, TOK_SELECT "WHERE ? = 0 OR t.account_id = ? ORDER BY t.id DESC", "ii",
				     account_id, account_id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	size_t cap = 0;
	int rc;
	while ((rc = db_step(q)) == DB_ROW) {
		row_to_token(q, STORE_PUSH(*out, *n, cap));
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

enum zt_err store_token_revoke(struct store *st, int64_t id, const char *reason, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db,
			"UPDATE api_token SET revoked_at = ?, revoked_reason = ? WHERE id = ? AND revoked_at IS NULL",
			"ssi", now, reason, id);
	if (rc != DB_DONE)
		return store_db_err(st, rc, e);
	if (db_changes(st->db) == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "", "有効なAPIトークンが見つかりません。");
	return ZT_OK;
}

enum zt_err store_token_revoke_account(struct store *st, int64_t account_id, const char *reason,
				       struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	return store_db_err(st,
			    db_run(st->db,
				   "UPDATE api_token SET revoked_at = ?, revoked_reason = ? "
				   "WHERE account_id = ? AND revoked_at IS NULL",
				   "ssi", now, reason, account_id),
			    e);
}

void store_token_touch(struct store *st, int64_t id, const char *now, const char *since)
{
	db_run(st->db, "UPDATE api_token SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)",
	       "sis", now, id, since);
}
