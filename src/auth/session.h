/*
 * Sign-in and sessions (issue 3 §1–§2; API tokens: tokens.h): the operations the session hook and the
 * /api/v1/session handlers call. Raw tokens exist only in the caller's memory and the client's
 * cookie; the store keeps their hashes.
 *   idle timeout      $ZAITAKU_SESSION_IDLE_SECONDS      (default 1800 = 30 min)
 *   absolute timeout  $ZAITAKU_SESSION_ABSOLUTE_SECONDS  (default 43200 = 12 h)
 *   failures/hour     $ZAITAKU_SIGNIN_LIMIT_ACCOUNT (100) per account, $ZAITAKU_SIGNIN_LIMIT_ADDR (300)
 *                     per client address; at the limit further attempts get 429 (ZT_ERR_RATE).
 *                     The check and the attempt's row are one transaction (parallel attempts never
 *                     exceed the limit); when the row cannot be written the sign-in answers 503
 *                     without checking the password (fails closed). Rows hold a keyed hash of the
 *                     typed username (auth/signin_key.h), never its text.
 */
#ifndef ZT_AUTH_SESSION_H
#define ZT_AUTH_SESSION_H

#include <stdint.h>

#include "auth/auth.h"
#include "auth/secret.h"
#include "core/error.h"

struct store;
struct account;

struct auth_limits {
	int64_t idle_seconds, absolute_seconds;
	int64_t max_fail_account, max_fail_addr;
};
/* The limits from the environment (read once; a static struct, never freed). */
const struct auth_limits *auth_limits(void);

/* Fills ctx from an account (role, scope). 0, or -1 when the role is unknown. */
int auth_ctx_from_account(const struct account *a, struct auth_ctx *ctx);

/*
 * Signs in: throttling (429; 503 when the attempt cannot be recorded), password (401, field "password"), disabled account (401), TOTP
 * when enrolled or mandatory for the role (401, field "totp"; a code works once). On success
 * creates a session, fills ctx (with csrf_token) and token (the cookie value).
 */
enum zt_err auth_signin(struct store *st, const char *username, const char *password, const char *totp,
			const char *remote_addr, struct auth_ctx *ctx, char token[SECRET_TOKEN_HEX],
			struct zt_error *e);
/* Resolves a session cookie: ZT_OK and ctx (with csrf_token) when valid and within the idle and
 * absolute timeouts (expired sessions are deleted); refreshes last_seen. ZT_ERR_UNAUTH otherwise;
 * a storage error is returned as it is (the server answers 503, the cookie stays valid). */
enum zt_err auth_session_resolve(struct store *st, const char *token, struct auth_ctx *ctx);
/* Ends who's session (sign-out): deletes it and appends the sign_out audit row in one
 * transaction. Not ZT_OK (storage failure) means the session still lives: tell the user. */
enum zt_err auth_signout(struct store *st, const struct auth_ctx *who, const char *remote_addr, struct zt_error *e);
#endif
