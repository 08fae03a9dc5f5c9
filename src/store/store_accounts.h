/*
 * Storage of accounts, sessions and sign-in failures (issue 3 §1–§2; API tokens: store_tokens.h). Secrets arrive
 * here already hashed (auth/ does the hashing): the store never sees a password or a raw token.
 * Results: ZT_OK, ZT_ERR_NOTFOUND, ZT_ERR_CONFLICT, ZT_ERR_INVALID, ZT_ERR_BUSY, ZT_ERR_DB.
 */
#ifndef ZT_STORE_ACCOUNTS_H
#define ZT_STORE_ACCOUNTS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/account.h" /* struct account */

struct store;

/* Inside a transaction. Checks that referenced institutions exist (errors name the field). Sets
 * a->id. ZT_ERR_CONFLICT when the username is taken. */
enum zt_err store_account_create(struct store *st, struct account *a, struct zt_error *e);
/* Inside a transaction: display name, role, scope, disabled flag (not secrets). */
enum zt_err store_account_update(struct store *st, const struct account *a, struct zt_error *e);
/* Loads one account (with its secret hashes and associations) into *out. ZT_ERR_NOTFOUND when
 * absent, ZT_ERR_DB / ZT_ERR_BUSY on storage errors (details in *e). */
enum zt_err store_account_get(struct store *st, int64_t id, struct account *out, struct zt_error *e);
enum zt_err store_account_by_username(struct store *st, const char *username, struct account *out,
				      struct zt_error *e);
/* Replace the password hash (Argon2id string) / the TOTP secret (base32; "" removes it and resets
 * the last used step). ZT_ERR_NOTFOUND when the account is absent, else a storage error. */
enum zt_err store_account_set_password(struct store *st, int64_t id, const char *hash, struct zt_error *e);
enum zt_err store_account_set_totp(struct store *st, int64_t id, const char *secret_b32, struct zt_error *e);
/* Records that TOTP time step `step` was used; ZT_ERR_UNAUTH when it (or a later one) was used
 * already — a code works once. Atomic. */
enum zt_err store_account_totp_use(struct store *st, int64_t id, int64_t step, struct zt_error *e);
/* Every account as a new JSON array of objects without secrets (totp_enrolled instead of the
 * secret); caller owns. */
json_t *store_account_list(struct store *st);
/* One account as a new JSON object without secrets (caller owns). */
json_t *store_account_json(const struct account *a);
/* Number of accounts with that role name (0 on error). */
int64_t store_account_count_role(struct store *st, const char *role);

/* Sessions: token_hash is the hex hash of the cookie value; times are Unix seconds. */
enum zt_err store_session_create(struct store *st, int64_t account_id, const char *token_hash, int64_t now,
				 const char *remote_addr, int64_t *id, struct zt_error *e);
/* ZT_ERR_NOTFOUND when no session has that hash; ZT_ERR_DB / ZT_ERR_BUSY when the query fails. */
enum zt_err store_session_find(struct store *st, const char *token_hash, int64_t *id, int64_t *account_id,
			       int64_t *created, int64_t *last_seen);
/* store_session_find, and on PostgreSQL the session's account (as store_account_get reads it) into
 * *holder in the same statement (*have_holder true when it exists), since a statement is a round
 * trip there and every request with a cookie reads both; on SQLite *have_holder is false. */
enum zt_err store_session_find_holder(struct store *st, const char *token_hash, int64_t *id, int64_t *account_id,
				      int64_t *created, int64_t *last_seen, struct account *holder, bool *have_holder);
/* Best effort (errors ignored: a lost touch only shortens the idle window): set last_seen. */
void store_session_touch(struct store *st, int64_t id, int64_t now);
/* Deletes one session (sign-out, expiry) / every session of an account (disable, new password or
 * TOTP secret). ZT_OK, or ZT_ERR_DB / ZT_ERR_BUSY: callers inside store_tx() must return it, so
 * that a change meant to end sessions never commits while they live on. */
enum zt_err store_session_delete(struct store *st, int64_t id, struct zt_error *e);
enum zt_err store_session_delete_account(struct store *st, int64_t account_id, struct zt_error *e);

/* Deletes sessions idle since before idle_before or created before created_before, and sign-in
 * failures older than failures_before (Unix seconds). */
void store_sessions_purge(struct store *st, int64_t idle_before, int64_t created_before, int64_t failures_before);

/* Failed sign-ins (issue 11 §8), keyed by user_key — a keyed hash of the typed username (auth/
 * signin_key.h), never its text — and the client address; times are Unix seconds. An attempt is
 * recorded before its password is checked and its row deleted when it succeeds, so that the check
 * and the count happen in one transaction (auth/session.c). Each returns ZT_OK or the storage
 * error: throttling fails closed. *id (may be NULL) receives the new row's id. */
enum zt_err store_signin_failure_add(struct store *st, const char *user_key, const char *remote_addr, int64_t now,
				     int64_t *id, struct zt_error *e);
enum zt_err store_signin_failure_delete(struct store *st, int64_t id, struct zt_error *e);
enum zt_err store_signin_failure_counts(struct store *st, const char *user_key, const char *remote_addr,
					int64_t since, int64_t *by_user, int64_t *by_addr, struct zt_error *e);

/* The lowest id of an institution of kind (code name, e.g. "clinic") in municipality ("" = any);
 * 0 when none. For the demo accounts. */
int64_t store_institution_first(struct store *st, const char *kind, const char *municipality);

#endif
