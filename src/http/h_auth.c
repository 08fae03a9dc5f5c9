/*
 * /api/v1/session and /api/v1/users (issue 3 §1–§2).
 *   POST   /session      {username, password, totp?} → 200 {user, csrf_token} + Set-Cookie
 *                        zaitaku_session (HttpOnly; SameSite=Strict; Path=/; Secure behind TLS);
 *                        400 missing field, 401 (field "password" or "totp"), 429 throttled.
 *   GET    /session      200 {user, csrf_token}; 401 signed out (?quiet=1: 200 {user:null}).
 *   DELETE /session      204; the session is deleted (the cookie no longer works) and cleared.
 *   GET    /users        admin: every account (never secrets).
 *   POST   /users        admin: {username, display_name, role, password?, prefecture?,
 *                        institution_id?, associations?} → 201 (with totp_secret/totp_uri once for
 *                        admin and prefecture, whose sign-in needs TOTP).
 *   PUT    /users/{id}   admin: {display_name?, role?, prefecture?, institution_id?, associations?,
 *                        disabled?, password?} → 200; disabling, a new password or a new TOTP secret ends sessions.
 * The cookie is sent without Secure on plain HTTP (we serve loopback); behind a TLS proxy set
 * ZAITAKU_COOKIE_SECURE=1 or forward X-Forwarded-Proto: https.
 */
#include "http/h_auth.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_accounts.h"
#include "auth/policy.h"
#include "auth/secret.h"
#include "auth/session.h"
#include "domain/account.h"
#include "io/account_json.h"
#include "io/json_fields.h"
#include "io/session_json.h"
#include "store/store.h"
#include "store/store_accounts.h"
#include "store/store_audit.h"
#include "store/store_tokens.h"

/* Set-Cookie values must outlive the handler until the reply is sent on this thread. */
static _Thread_local char cookie_buf[256];

static int secure_request(struct http_request *req)
{
	const char *env = getenv("ZAITAKU_COOKIE_SECURE");
	const char *proto = http_header(req, "X-Forwarded-Proto");
	return (env && strcmp(env, "1") == 0) || (proto && strcmp(proto, "https") == 0);
}

static json_t *ctx_json(const struct auth_ctx *a)
{
	json_t *assoc = json_array();
	for (int i = 0; i < a->nassociations; i++)
		json_array_append_new(assoc, json_integer(a->associations[i]));
	return json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o, s:o}", "id", (json_int_t)a->user_id, "username",
			 a->username, "display_name", a->display_name, "role", role_name((int)a->role), "role_label",
			 role_label((int)a->role), "prefecture", a->prefecture[0] ? json_string(a->prefecture) : json_null(),
			 "institution_id", a->institution_id ? json_integer(a->institution_id) : json_null(),
			 "associations", assoc);
}

/* What a's role may do at all (the policy table's actions not denied outright), for the pages. */
static json_t *can_json(const struct auth_ctx *a)
{
	json_t *can = json_array();
	for (int act = 0; act < ACT__MAX; act++)
		if (policy_role_may(a->role, (enum policy_action)act))
			json_array_append_new(can, json_string(policy_action_names[act]));
	return can;
}

static json_t *session_json(const struct auth_ctx *a)
{
	const struct auth_limits *lim = auth_limits();
	return json_pack("{s:o, s:s, s:b, s:I, s:I, s:o}", "user", ctx_json(a), "csrf_token", a->via_token ? "" : a->csrf_token,
			 "via_token", (int)a->via_token, "idle_seconds", (json_int_t)lim->idle_seconds,
			 "absolute_seconds", (json_int_t)lim->absolute_seconds, "can", can_json(a));
}

void h_session_create(struct http_request *req, struct http_reply *rep)
{
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	struct signin_request in;
	if (signin_from_json(body, &in, &e) != ZT_OK) {
		json_decref(body);
		reply_error(rep, &e);
		return;
	}
	struct auth_ctx ctx;
	char token[SECRET_TOKEN_HEX];
	enum zt_err r = auth_signin(req->store, in.username, in.password, in.totp, req->remote_addr, &ctx, token, &e);
	json_decref(body);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	snprintf(cookie_buf, sizeof cookie_buf, "zaitaku_session=%s; HttpOnly; SameSite=Strict; Path=/%s", token,
		 secure_request(req) ? "; Secure" : "");
	reply_header(rep, "Set-Cookie", cookie_buf);
	rep->no_store = true;
	reply_json(rep, 200, session_json(&ctx));
}

void h_session_get(struct http_request *req, struct http_reply *rep)
{
	const char *quiet = http_query(req, "quiet");
	if (req->auth == NULL && quiet && strcmp(quiet, "1") == 0) {
		/* For page headers: asking "am I signed in?" is not an error (no 401 in the console). */
		reply_json(rep, 200, json_pack("{s:n, s:s}", "user", "csrf_token", ""));
		return;
	}
	if (req->auth == NULL) {
		reply_fail(rep, ZT_ERR_UNAUTH, "", "ログインしていません。");
		return;
	}
	reply_json(rep, 200, session_json(req->auth));
}

void h_session_delete(struct http_request *req, struct http_reply *rep)
{
	if (req->auth == NULL) {
		reply_fail(rep, ZT_ERR_UNAUTH, "", "ログインしていません。");
		return;
	}
	struct zt_error e;
	zt_error_clear(&e);
	if (!req->auth->via_token && auth_signout(req->store, req->auth, req->remote_addr, &e) != ZT_OK) {
		reply_error(rep, &e); /* the session still works: do not pretend it ended */
		return;
	}
	reply_header(rep, "Set-Cookie", "zaitaku_session=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0");
	reply_bytes(rep, 204, "text/plain", "", 0);
}

/* ---- /api/v1/users ---- */

static int admin_only(struct http_request *req, struct http_reply *rep)
{
	struct zt_error e;
	zt_error_clear(&e);
	if (policy_check(req->store, req->auth, ACT_USER_ADMIN, NULL, &e) != ZT_OK) {
		reply_error(rep, &e);
		return 0;
	}
	return 1;
}

void h_users_list(struct http_request *req, struct http_reply *rep)
{
	if (!admin_only(req, rep))
		return;
	reply_json(rep, 200, json_pack("{s:o}", "items", store_account_list(req->store)));
}

/* Decodes the body over a (a new account, or the stored one) and saves it through the app; replies
 * with the account, plus the new TOTP secret and its URI once when one was enrolled. */
static void save_user(struct http_request *req, struct http_reply *rep, struct account *a, int create)
{
	struct zt_error e;
	zt_error_clear(&e);
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	const char *password = NULL;
	bool totp_new = false;
	enum zt_err r = account_from_json(body, a, &password, create, &e);
	const struct zt_actor *who = http_actor(req);
	if (r == ZT_OK)
		r = create ? app_account_create(req->store, who, a, password, &totp_new, &e)
			   : app_account_update(req->store, who, a, password, &totp_new, &e);
	json_decref(body); /* password is borrowed from body */
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *o = store_account_json(a);
	if (totp_new) {
		char uri[256];
		totp_uri(a->username, a->totp_secret, uri, sizeof uri);
		json_object_set_new(o, "totp_secret", json_string(a->totp_secret));
		json_object_set_new(o, "totp_uri", json_string(uri));
	}
	reply_json(rep, create ? 201 : 200, o);
}

void h_users_create(struct http_request *req, struct http_reply *rep)
{
	if (!admin_only(req, rep))
		return;
	struct account a;
	memset(&a, 0, sizeof a);
	save_user(req, rep, &a, 1);
}

void h_user_put(struct http_request *req, struct http_reply *rep)
{
	if (!admin_only(req, rep))
		return;
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct account a;
	struct zt_error e;
	zt_error_clear(&e);
	if (store_account_get(req->store, id, &a, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	save_user(req, rep, &a, 0);
}
