/*
 * Storage of API tokens (issue 3 §2, issue 11 §6): hashed, with an expiry, a scope, the last use
 * and revocation. The store never sees a raw token, and never decides whether a token is valid:
 * auth/tokens.c does (expiry, revocation, the holder's account).
 * Results: ZT_OK, ZT_ERR_NOTFOUND, ZT_ERR_BUSY, ZT_ERR_DB (details in *e when given).
 */
#ifndef ZT_STORE_STORE_TOKENS_H
#define ZT_STORE_STORE_TOKENS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

struct store;

struct api_token {
	int64_t id, account_id;
	char username[64];           /* the holder's username (joined from account) */
	char name[64];               /* what the token is for, chosen at creation */
	char scope[8];               /* "full" or "read" */
	char created_at[21];
	char expires_at[21];         /* "" for tokens from before schema 6 (see auth/tokens.c) */
	char last_used_at[21];       /* "" when never used */
	char revoked_at[21];         /* "" while not revoked */
	char revoked_reason[32];     /* revoked, password_change, totp_change, disabled */
};

/* Inside a transaction: a new token row. *id (may be NULL) receives its id. */
enum zt_err store_token_create(struct store *st, int64_t account_id, const char *name, const char *token_hash,
			       const char *scope, const char *expires_at, int64_t *id, struct zt_error *e);
/* The token with that hash (revoked and expired ones too) into *out. ZT_ERR_NOTFOUND when unknown,
 * ZT_ERR_DB / ZT_ERR_BUSY on a storage error (callers refuse the request either way). */
enum zt_err store_token_find(struct store *st, const char *token_hash, struct api_token *out);
/* store_token_find, and on PostgreSQL the holder's account (as store_account_get reads it) into
 * *holder in the same statement (*have_holder true), since a statement is a round trip there and
 * every request with a token reads both; on SQLite *have_holder is false (the caller reads it). */
struct account;
enum zt_err store_token_find_holder(struct store *st, const char *token_hash, struct api_token *out,
				    struct account *holder, bool *have_holder);
/* One token by id into *out; ZT_ERR_NOTFOUND when absent. */
enum zt_err store_token_get(struct store *st, int64_t id, struct api_token *out, struct zt_error *e);
/* Tokens of one account (account_id > 0) or of all accounts (0), newest first: a malloc'd array of
 * *n (caller frees; NULL when none). ZT_OK or a storage error. */
enum zt_err store_token_list(struct store *st, int64_t account_id, struct api_token **out, size_t *n,
			     struct zt_error *e);
/* Inside a transaction: revokes one live token (ZT_ERR_NOTFOUND when absent or revoked already) /
 * every live token of an account (ZT_OK even when it had none). reason is stored with the time. */
enum zt_err store_token_revoke(struct store *st, int64_t id, const char *reason, struct zt_error *e);
enum zt_err store_token_revoke_account(struct store *st, int64_t account_id, const char *reason,
				       struct zt_error *e);
/* Best effort (a lost touch only makes last_used_at older): sets last_used_at to now unless it is
 * already at or after `since` — callers pass now minus a minute, so a token writes at most once a
 * minute. */
void store_token_touch(struct store *st, int64_t id, const char *now, const char *since);

#endif
