/*
 * /api/v1/tokens (issue 11 §6): API tokens for machine clients. Any signed-in user sees and
 * revokes their own tokens; an admin sees and revokes everyone's.
 *   GET    /tokens        200 {items: [token]}, newest first; admin: ?account_id=N for one account.
 *   POST   /tokens        {name, days? (1..366, default 90), scope? ("full" | "read"), account_id?
 *                         (admin only; default: the caller)} → 201 {token (the raw token, shown
 *                         once), …the stored token}. Only from a signed-in session (cookie + CSRF):
 *                         a token cannot mint tokens (403), so a leaked one cannot outlive its expiry.
 *                         400 bad field; 403 another account without admin, or an admin/prefecture
 *                         holder without TOTP (field "totp"); 404 unknown account; 409 disabled.
 *   DELETE /tokens/{id}   204: revoked at once (its next use is 401); 404 when unknown, revoked
 *                         already, or someone else's (for a non-admin).
 * A token JSON never holds the token's hash; see auth/tokens.h for the rules.
 */
#include "http/h_tokens.h"

#include <stdlib.h>
#include <string.h>

#include "auth/auth.h"
#include "auth/tokens.h"
#include "core/clock.h"
#include "io/json_fields.h"

void h_tokens_list(struct http_request *req, struct http_reply *rep)
{
	int64_t account_id = req->auth->user_id;
	if (req->auth->role == ROLE_ADMIN) {
		account_id = 0;
		if (!http_query_int(req, rep, "account_id", 1, INT64_MAX, &account_id))
			return;
	}
	struct api_token *list;
	size_t n;
	struct zt_error e;
	zt_error_clear(&e);
	if (store_token_list(req->store, account_id, &list, &n, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *items = json_array();
	time_t now = zt_now();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, auth_token_json(&list[i], now));
	free(list);
	reply_json(rep, 200, json_pack("{s:o}", "items", items));
}

/* Reads {name, days?, scope?, account_id?} into rq (strings borrowed from body). */
static enum zt_err token_from_json(const json_t *body, struct token_request *rq, struct zt_error *e)
{
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)body, key, v) {
		enum zt_err r = ZT_OK;
		int64_t n = 0;
		if (strcmp(key, "name") == 0) {
			if (!json_is_string(v))
				return zt_fail(e, ZT_ERR_INVALID, "name", "name は文字列です。");
			rq->name = json_string_value(v);
		} else if (strcmp(key, "days") == 0) {
			r = json_field_int(v, key, 1, APITOKEN_DAYS_MAX, &n, "days は1〜366の整数です。", e);
			rq->days = n;
		} else if (strcmp(key, "scope") == 0) {
			int s = json_is_string(v) ? apitoken_scope_lookup(json_string_value(v)) : -1;
			if (s < 0)
				return zt_fail(e, ZT_ERR_INVALID, "scope", "scope は full または read です。");
			rq->scope = (enum apitoken_scope)s;
		} else if (strcmp(key, "account_id") == 0) {
			r = json_field_int(v, key, 1, INT64_MAX, &n, "account_id は正の整数です。", e);
			rq->account_id = n;
		} else {
			r = json_field_unknown(key, e);
		}
		if (r != ZT_OK)
			return r;
	}
	if (rq->name == NULL)
		return zt_fail(e, ZT_ERR_INVALID, "name", "トークン名（name）を指定してください。");
	return ZT_OK;
}

void h_tokens_create(struct http_request *req, struct http_reply *rep)
{
	if (req->auth->via_token) {
		reply_fail(rep, ZT_ERR_FORBIDDEN, "Authorization",
			   "APIトークンの発行はログインした画面から行ってください（トークンでは発行できません）。");
		return;
	}
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	struct token_request rq = {req->auth->user_id, NULL, APITOKEN_DAYS_DEFAULT, APITOKEN_FULL};
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = token_from_json(body, &rq, &e);
	if (r == ZT_OK && rq.account_id != req->auth->user_id && req->auth->role != ROLE_ADMIN)
		r = zt_fail(&e, ZT_ERR_FORBIDDEN, "account_id", "他のアカウントのAPIトークンは管理者だけが発行できます。");
	char token[SECRET_TOKEN_HEX];
	struct api_token t;
	if (r == ZT_OK)
		r = auth_token_issue(req->store, http_actor(req), &rq, token, &t, &e);
	json_decref(body);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *o = auth_token_json(&t, zt_now());
	json_object_set_new(o, "token", json_string(token));
	rep->no_store = true;
	reply_json(rep, 201, o);
}

void h_token_delete(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	if (auth_token_revoke(req->store, req->auth, http_actor(req), id, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_bytes(rep, 204, "text/plain", "", 0);
}
