/* Accounts, sessions, sign-in failures (issue 3 §1–§2; see store_accounts.h). */
#include "store/store_accounts.h"
#include "core/clock.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store_internal.h"

#define ACC_COLUMNS \
	"id, username, display_name, role, prefecture, institution_id, password_hash, totp_secret, " \
	"totp_last_step, disabled, created_at, updated_at"

/* The text columns of ACC_COLUMNS by position. */
#define AT(i, member) STORE_TEXT_COL(struct account, i, member)
static const struct store_text_col acc_text[] = {
	AT(1, username), AT(2, display_name), AT(3, role), AT(4, prefecture), AT(6, password_hash),
	AT(7, totp_secret), AT(10, created_at), AT(11, updated_at),
};

/* The totp_secret column is sealed with the secret key (store_keys.c); one that cannot be opened
 * stays a non-empty non-base32 text, so that no code matches it (fail closed). */
static void row_to_account(struct store *st, struct db_stmt *q, struct account *a)
{
	memset(a, 0, sizeof *a);
	a->id = db_col_int(q, 0);
	store_copy_cols(q, a, acc_text, sizeof acc_text / sizeof acc_text[0]);
	if (!store_unseal(st, db_col_text(q, 7), a->totp_secret, sizeof a->totp_secret))
		snprintf(a->totp_secret, sizeof a->totp_secret, "!sealed"); /* a constant: STORE_COPY would read past it */
	a->institution_id = db_col_int(q, 5);
	a->totp_last_step = db_col_int(q, 8);
	a->disabled = db_col_int(q, 9) != 0;
}

static void load_associations(struct store *st, struct account *a)
{
	a->nassociations = 0;
	struct db_stmt *q = db_query(st->db,
				     "SELECT institution_id FROM account_association WHERE account_id = ? ORDER BY institution_id",
				     "i", a->id);
	while (q && db_step(q) == DB_ROW && a->nassociations < ACCOUNT_MAX_ASSOC)
		a->associations[a->nassociations++] = db_col_int(q, 0);
	db_finalize(q);
}

/* PostgreSQL: the associations come with the account's row (column ACC_ASSOC_COL, ids comma-separated
 * in order), since a second statement is a round trip there, paid by every authenticated request. */
#define ACC_ASSOC_PG \
	", (SELECT string_agg(x.institution_id::text, ',' ORDER BY x.institution_id) FROM account_association x " \
	"WHERE x.account_id = account.id)"
#define ACC_ASSOC_COL 12

static void associations_from_col(struct db_stmt *q, struct account *a)
{
	a->nassociations = 0;
	for (const char *p = db_col_text(q, ACC_ASSOC_COL); *p && a->nassociations < ACCOUNT_MAX_ASSOC;) {
		char *end;
		a->associations[a->nassociations++] = strtoll(p, &end, 10);
		p = *end == ',' ? end + 1 : end + strlen(end);
	}
}

/* PostgreSQL: one account's columns as get_where reads them (ACC_COLUMNS, then the associations),
 * for a statement that joins `account` (not aliased) and selects them first (store_tokens.c). */
const char store_account_cols_pg[] =
	"account.id, account.username, account.display_name, account.role, account.prefecture, "
	"account.institution_id, account.password_hash, account.totp_secret, account.totp_last_step, "
	"account.disabled, account.created_at, account.updated_at" ACC_ASSOC_PG;

void store_account_row_pg(struct store *st, struct db_stmt *q, struct account *a)
{
	row_to_account(st, q, a);
	associations_from_col(q, a);
}

static enum zt_err get_where(struct store *st, const char *where, int64_t id, const char *name,
			     struct account *out, struct zt_error *e)
{
	char sql[512];
	snprintf(sql, sizeof sql, "SELECT " ACC_COLUMNS "%s FROM account WHERE %s", st->pg ? ACC_ASSOC_PG : "", where);
	struct db_stmt *q = name ? db_query(st->db, sql, "s", name) : db_query(st->db, sql, "i", id);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc = db_step(q);
	if (rc == DB_ROW) {
		row_to_account(st, q, out);
		if (st->pg)
			associations_from_col(q, out);
	}
	db_finalize(q);
	if (rc == DB_DONE)
		return zt_fail(e, ZT_ERR_NOTFOUND, "", "アカウントが見つかりません。");
	if (rc != DB_ROW)
		return store_db_err(st, rc, e);
	if (!st->pg)
		load_associations(st, out);
	return ZT_OK;
}

enum zt_err store_account_get(struct store *st, int64_t id, struct account *out, struct zt_error *e)
{
	return get_where(st, "id = ?", id, NULL, out, e);
}

enum zt_err store_account_by_username(struct store *st, const char *username, struct account *out,
				      struct zt_error *e)
{
	return get_where(st, "username = ?", 0, username, out, e);
}

static bool institution_exists(struct store *st, int64_t id)
{
	int64_t n = 0;
	db_scalar_int(st->db, &n, "SELECT COUNT(*) FROM institution WHERE id = ?", "i", id);
	return n > 0;
}

/* Checks the scope references and rewrites the association rows. */
static enum zt_err write_scope(struct store *st, const struct account *a, struct zt_error *e)
{
	if (a->institution_id && !institution_exists(st, a->institution_id))
		return zt_fail(e, ZT_ERR_INVALID, "institution_id", "institution_id の医療機関（%lld）が存在しません。",
			       (long long)a->institution_id);
	int rc = db_run(st->db, "DELETE FROM account_association WHERE account_id = ?", "i", a->id);
	if (rc < 0)
		return store_db_err(st, rc, e);
	for (int i = 0; i < a->nassociations; i++) {
		if (!institution_exists(st, a->associations[i]))
			return zt_fail(e, ZT_ERR_INVALID, "associations", "associations の郡市医師会（%lld）が存在しません。",
				       (long long)a->associations[i]);
		rc = db_run(st->db, "INSERT INTO account_association (account_id, institution_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
			    "ii", a->id, a->associations[i]);
		if (rc != DB_DONE)
			return store_db_err(st, rc, e);
	}
	return ZT_OK;
}

enum zt_err store_account_create(struct store *st, struct account *a, struct zt_error *e)
{
	char now[21], totp[STORE_SEALED_MAX];
	zt_now_utc(now);
	enum zt_err sealed = a->totp_secret[0] ? store_seal(st, a->totp_secret, totp, e) : ZT_OK;
	if (sealed != ZT_OK)
		return sealed;
	int rc = db_run(st->db,
			"INSERT INTO account (username, display_name, role, prefecture, institution_id, password_hash, "
			"totp_secret, disabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			"ssssIssiss", a->username, a->display_name, a->role, a->prefecture[0] ? a->prefecture : NULL,
			a->institution_id, a->password_hash[0] ? a->password_hash : NULL,
			a->totp_secret[0] ? totp : NULL, (int64_t)a->disabled, now, now);
	if (rc == DB_CONSTRAINT) {
		if (a->institution_id && !institution_exists(st, a->institution_id))
			return zt_fail(e, ZT_ERR_INVALID, "institution_id", "institution_id の医療機関（%lld）が存在しません。",
				       (long long)a->institution_id);
		return zt_fail(e, ZT_ERR_CONFLICT, "username", "ユーザー名 %s は既に使われています。", a->username);
	}
	if (rc != DB_DONE)
		return store_db_err(st, rc, e);
	int64_t id = 0;
	db_scalar_int(st->db, &id, "SELECT id FROM account WHERE username = ?", "s", a->username);
	a->id = id;
	return write_scope(st, a, e);
}

enum zt_err store_account_update(struct store *st, const struct account *a, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	if (a->institution_id && !institution_exists(st, a->institution_id))
		return zt_fail(e, ZT_ERR_INVALID, "institution_id", "institution_id の医療機関（%lld）が存在しません。",
			       (long long)a->institution_id);
	int rc = db_run(st->db,
			"UPDATE account SET display_name = ?, role = ?, prefecture = ?, institution_id = ?, disabled = ?, "
			"updated_at = ? WHERE id = ?",
			"sssIisi", a->display_name, a->role, a->prefecture[0] ? a->prefecture : NULL, a->institution_id,
			(int64_t)a->disabled, now, a->id);
	if (rc != DB_DONE)
		return store_db_err(st, rc, e);
	if (db_changes(st->db) == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "", "アカウントが見つかりません。");
	return write_scope(st, a, e);
}

static enum zt_err set_text(struct store *st, const char *sql, int64_t id, const char *v, struct zt_error *e)
{
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db, sql, "ssi", v, now, id);
	if (rc != DB_DONE)
		return store_db_err(st, rc, e);
	if (db_changes(st->db) == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "", "アカウントが見つかりません。");
	return ZT_OK;
}

enum zt_err store_account_set_password(struct store *st, int64_t id, const char *hash, struct zt_error *e)
{
	return set_text(st, "UPDATE account SET password_hash = ?, updated_at = ? WHERE id = ?", id, hash, e);
}

enum zt_err store_account_set_totp(struct store *st, int64_t id, const char *secret_b32, struct zt_error *e)
{
	char totp[STORE_SEALED_MAX] = "";
	enum zt_err sealed = secret_b32[0] ? store_seal(st, secret_b32, totp, e) : ZT_OK;
	if (sealed != ZT_OK)
		return sealed;
	return set_text(st, "UPDATE account SET totp_secret = ?, totp_last_step = 0, updated_at = ? WHERE id = ?", id,
			totp, e);
}

enum zt_err store_account_totp_use(struct store *st, int64_t id, int64_t step, struct zt_error *e)
{
	int rc = db_run(st->db, "UPDATE account SET totp_last_step = ? WHERE id = ? AND totp_last_step < ?", "iii", step,
			id, step);
	if (rc != DB_DONE)
		return store_db_err(st, rc, e);
	if (db_changes(st->db) == 0)
		return zt_fail(e, ZT_ERR_UNAUTH, "totp", "この確認コードは既に使用されています。次のコードを入力してください。");
	return ZT_OK;
}

json_t *store_account_json(const struct account *a)
{
	json_t *assoc = json_array();
	for (int i = 0; i < a->nassociations; i++)
		json_array_append_new(assoc, json_integer(a->associations[i]));
	json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:o, s:o, s:o, s:b, s:b, s:b, s:s, s:s}", "id", (json_int_t)a->id,
			      "username", a->username, "display_name", a->display_name, "role", a->role, "prefecture",
			      a->prefecture[0] ? json_string(a->prefecture) : json_null(), "institution_id",
			      a->institution_id ? json_integer(a->institution_id) : json_null(), "associations", assoc,
			      "disabled", (int)a->disabled, "totp_enrolled", a->totp_secret[0] != '\0', "password_set",
			      a->password_hash[0] != '\0', "created_at", a->created_at, "updated_at", a->updated_at);
	return o;
}

json_t *store_account_list(struct store *st)
{
	json_t *arr = json_array();
	struct db_stmt *q = db_query(st->db, "SELECT " ACC_COLUMNS " FROM account ORDER BY id", "");
	struct account a;
	while (q && db_step(q) == DB_ROW) {
		row_to_account(st, q, &a);
		load_associations(st, &a);
		json_array_append_new(arr, store_account_json(&a));
	}
	db_finalize(q);
	return arr;
}

int64_t store_account_count_role(struct store *st, const char *role)
{
	int64_t n = 0;
	db_scalar_int(st->db, &n, "SELECT COUNT(*) FROM account WHERE role = ?", "s", role);
	return n;
}

enum zt_err store_session_create(struct store *st, int64_t account_id, const char *token_hash, int64_t now,
				 const char *remote_addr, int64_t *id, struct zt_error *e)
{
	int rc = db_run(st->db,
			"INSERT INTO session (account_id, token_hash, created_at, last_seen, remote_addr) VALUES (?, ?, ?, ?, ?)",
			"isiis", account_id, token_hash, now, now, remote_addr);
	if (rc != DB_DONE)
		return store_db_err(st, rc, e);
	*id = 0;
	db_scalar_int(st->db, id, "SELECT id FROM session WHERE token_hash = ?", "s", token_hash);
	return ZT_OK;
}

enum zt_err store_session_find(struct store *st, const char *token_hash, int64_t *id, int64_t *account_id,
			       int64_t *created, int64_t *last_seen)
{
	struct db_stmt *q = db_query(st->db,
				     "SELECT id, account_id, created_at, last_seen FROM session WHERE token_hash = ?", "s",
				     token_hash);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, NULL);
	int rc = db_step(q);
	enum zt_err r = ZT_ERR_NOTFOUND;
	if (rc == DB_ROW) {
		*id = db_col_int(q, 0);
		*account_id = db_col_int(q, 1);
		*created = db_col_int(q, 2);
		*last_seen = db_col_int(q, 3);
		r = ZT_OK;
	} else if (rc != DB_DONE) {
		r = store_db_err(st, rc, NULL);
	}
	db_finalize(q);
	return r;
}

enum zt_err store_session_find_holder(struct store *st, const char *token_hash, int64_t *id, int64_t *account_id,
				      int64_t *created, int64_t *last_seen, struct account *holder, bool *have_holder)
{
	*have_holder = false;
	if (!st->pg)
		return store_session_find(st, token_hash, id, account_id, created, last_seen);
	char sql[1024];
	const int b = STORE_ACCOUNT_NCOLS_PG;
	snprintf(sql, sizeof sql,
		 "SELECT %s, s.id, s.account_id, s.created_at, s.last_seen FROM session s "
		 "LEFT JOIN account ON account.id = s.account_id WHERE s.token_hash = ?",
		 store_account_cols_pg);
	struct db_stmt *q = db_query(st->db, sql, "s", token_hash);
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, NULL);
	int rc = db_step(q);
	enum zt_err r = ZT_ERR_NOTFOUND;
	if (rc == DB_ROW) {
		*id = db_col_int(q, b);
		*account_id = db_col_int(q, b + 1);
		*created = db_col_int(q, b + 2);
		*last_seen = db_col_int(q, b + 3);
		if (!db_col_is_null(q, 0)) { /* no account row: the caller's store_account_get says so */
			store_account_row_pg(st, q, holder);
			*have_holder = true;
		}
		r = ZT_OK;
	} else if (rc != DB_DONE) {
		r = store_db_err(st, rc, NULL);
	}
	db_finalize(q);
	return r;
}

void store_session_touch(struct store *st, int64_t id, int64_t now)
{
	db_run(st->db, "UPDATE session SET last_seen = ? WHERE id = ?", "ii", now, id);
}

enum zt_err store_session_delete(struct store *st, int64_t id, struct zt_error *e)
{
	return store_db_err(st, db_run(st->db, "DELETE FROM session WHERE id = ?", "i", id), e);
}

enum zt_err store_session_delete_account(struct store *st, int64_t account_id, struct zt_error *e)
{
	return store_db_err(st, db_run(st->db, "DELETE FROM session WHERE account_id = ?", "i", account_id), e);
}

enum zt_err store_signin_failure_add(struct store *st, const char *user_key, const char *remote_addr, int64_t now,
				     int64_t *id, struct zt_error *e)
{
	int64_t fid = 0;
	int rc = db_scalar_int(st->db, &fid,
			       "INSERT INTO signin_failure (user_key, remote_addr, at) VALUES (?, ?, ?) RETURNING id", "ssi",
			       user_key, remote_addr, now);
	if (rc != DB_ROW)
		return store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
	if (id)
		*id = fid;
	return ZT_OK;
}

enum zt_err store_signin_failure_delete(struct store *st, int64_t id, struct zt_error *e)
{
	return store_db_err(st, db_run(st->db, "DELETE FROM signin_failure WHERE id = ?", "i", id), e);
}

enum zt_err store_signin_failure_counts(struct store *st, const char *user_key, const char *remote_addr,
					int64_t since, int64_t *by_user, int64_t *by_addr, struct zt_error *e)
{
	*by_user = *by_addr = 0;
	int rc = db_scalar_int(st->db, by_user, "SELECT COUNT(*) FROM signin_failure WHERE user_key = ? AND at >= ?",
			       "si", user_key, since);
	if (rc == DB_ROW)
		rc = db_scalar_int(st->db, by_addr,
				   "SELECT COUNT(*) FROM signin_failure WHERE remote_addr = ? AND at >= ?", "si",
				   remote_addr, since);
	return rc == DB_ROW ? ZT_OK : store_db_err(st, rc == DB_DONE ? DB_HARD_ERROR : rc, e);
}

int64_t store_institution_first(struct store *st, const char *kind, const char *municipality)
{
	int64_t id = 0;
	db_scalar_int(st->db, &id,
		      "SELECT MIN(id) FROM institution WHERE kind = ? AND (? = '' OR municipality_code = ?)", "sss", kind,
		      municipality, municipality);
	return id;
}

void store_sessions_purge(struct store *st, int64_t idle_before, int64_t created_before, int64_t failures_before)
{
	db_run(st->db, "DELETE FROM session WHERE last_seen < ? OR created_at < ?", "ii", idle_before, created_before);
	db_run(st->db, "DELETE FROM signin_failure WHERE at < ?", "i", failures_before);
}
