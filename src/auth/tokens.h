/*
 * API tokens for machine clients (issue 3 §2, issue 11 §6): issue, resolve, list, revoke. A token
 * expires (90 days by default, chosen at creation), has a scope ("full" or "read": GET/HEAD
 * only), records its last use (at most one write a minute), and ends when revoked — by hand, or
 * with every other token of its holder on a password change, a TOTP change or disabling. Admin and
 * prefecture accounts hold tokens only with TOTP enrolled. The raw token exists only in the
 * caller's memory and the client; the store keeps its hash. Rules: domain/apitoken.h.
 */
#ifndef ZT_AUTH_TOKENS_H
#define ZT_AUTH_TOKENS_H

#include <jansson.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "auth/auth.h"
#include "auth/secret.h"
#include "core/actor.h"
#include "core/error.h"
#include "domain/apitoken.h"
#include "store/store_tokens.h"

struct store;

struct token_request {
	int64_t account_id;        /* the holder */
	const char *name;          /* what it is for (1..60 bytes) */
	long long days;            /* lifetime, 1..366 (callers default to APITOKEN_DAYS_DEFAULT) */
	enum apitoken_scope scope;
};

/*
 * Issues a token: checks the name and days (ZT_ERR_INVALID naming the field), the holder (ZT_ERR_
 * NOTFOUND when absent, ZT_ERR_CONFLICT when disabled, ZT_ERR_FORBIDDEN field "totp" for an admin or
 * prefecture account without TOTP), then stores the hash and the audit row by who (NULL: the
 * system, CLI) in one transaction. The raw token goes to out, the stored row to *tok (may be NULL).
 */
enum zt_err auth_token_issue(struct store *st, const struct zt_actor *who, const struct token_request *rq,
			     char out[SECRET_TOKEN_HEX], struct api_token *tok, struct zt_error *e);
/* Resolves a bearer token: ZT_OK and ctx (via_token, token_id, read_only) when the token is known,
 * not revoked, not expired, and its holder enabled (with TOTP where the role needs it); records
 * the use. ZT_ERR_UNAUTH otherwise; a storage error (the database unreachable, e.g. during a
 * failover) is returned as it is (ZT_ERR_BUSY / ZT_ERR_DB / …), so that the request is refused
 * with 503 rather than telling the client its token is invalid. */
enum zt_err auth_token_resolve(struct store *st, const char *token, struct auth_ctx *ctx);
/* True when who may see and revoke t: an admin every token, anyone else their own. */
bool auth_token_visible(const struct auth_ctx *who, const struct api_token *t);
/* Revokes token id with its audit row by who, in one transaction. ZT_ERR_NOTFOUND when absent,
 * already revoked, or not visible to viewer (NULL: the CLI sees every token). */
enum zt_err auth_token_revoke(struct store *st, const struct auth_ctx *viewer, const struct zt_actor *who,
			      int64_t id, struct zt_error *e);
/* A token as a new JSON object (no hash): id, account_id, username, name, scope, created_at,
 * expires_at, last_used_at, revoked_at, revoked_reason (null when none), state at now. */
json_t *auth_token_json(const struct api_token *t, time_t now);

#endif
