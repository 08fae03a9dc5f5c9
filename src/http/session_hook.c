/*
 * The session hook (issue 3 §2): identifies the user of every API request from the session
 * cookie `zaitaku_session` or an API token (`Authorization: Bearer …`), then enforces
 *   - ROUTE_SIGNED → 401 without a valid identity (a bad bearer token is 401 on every route);
 *   - state changes (POST/PUT/PATCH/DELETE): a foreign Origin → 403, and when authenticated by
 *     cookie the header X-CSRF-Token must equal the session's CSRF token → 403 otherwise
 *     (bearer tokens are for machine clients and need no CSRF token);
 *   - then the route's policy action: a signed-in role the policy table denies it outright → 403
 *     before the handler runs (policy_role_may); the handler still checks the object's scope;
 *   - a read-only API token (scope "read") may only GET/HEAD: any other method → 403;
 *   - Cache-Control: no-store on every reply to a signed-in user and on /api/v1/session.
 * The struct auth_ctx lives in this hook's per-request allocation, freed in session_hook_end.
 */
#include "http/session_hook.h"

#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "auth/auth.h"
#include "auth/cookie.h"
#include "auth/policy.h"
#include "auth/secret.h"
#include "auth/session.h"
#include "auth/tokens.h"

static int is_state_change(const char *method)
{
	return strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0 && strcmp(method, "OPTIONS") != 0;
}

/* True when the Origin header (if any) names this server: scheme://Host (auth/cookie.h). */
static int origin_ok(struct http_request *req)
{
	return origin_matches(http_header(req, "Origin"), http_header(req, "Host"));
}

int session_hook_begin(struct http_request *req, const struct route *route, struct http_reply *rep)
{
	req->auth = NULL;
	if (strncmp(req->path, "/api/v1/session", 15) == 0 || strncmp(req->path, "/api/v1/users", 13) == 0)
		rep->no_store = true;
	int changing = is_state_change(req->method);
	if (changing && !origin_ok(req)) {
		reply_fail(rep, ZT_ERR_FORBIDDEN, "Origin", "別のサイトからの操作は受け付けません。");
		return 0;
	}
	struct auth_ctx *ctx = calloc(1, sizeof *ctx);
	if (ctx == NULL) {
		reply_fail(rep, ZT_ERR_NOMEM, "", "メモリが不足しています。");
		return 0;
	}
	const char *bearer = NULL;
	enum authz_kind ak = authz_parse(http_header(req, "Authorization"), &bearer);
	char cookie[COOKIE_VALUE_MAX];
	cookie_value(http_header(req, "Cookie"), "zaitaku_session", cookie, sizeof cookie);
	/* A storage error while resolving (the database unreachable, e.g. during a failover) is 503:
	 * never 401, which would tell the client to drop a valid token or sign in again. */
	enum zt_err r = ZT_ERR_UNAUTH;
	if (ak != AUTHZ_NONE) {
		r = ak == AUTHZ_BEARER ? auth_token_resolve(req->store, bearer, ctx) : ZT_ERR_UNAUTH;
		if (r != ZT_OK) {
			free(ctx);
			if (r == ZT_ERR_UNAUTH)
				reply_fail(rep, ZT_ERR_UNAUTH, "Authorization", "APIトークンが無効です。");
			else
				reply_fail(rep, ZT_ERR_BUSY, "", "データベースに接続できません。しばらく待って再度お試しください。");
			return 0;
		}
		req->auth = ctx;
	} else if (cookie[0] && (r = auth_session_resolve(req->store, cookie, ctx)) == ZT_OK) {
		req->auth = ctx;
	} else {
		free(ctx);
		if (cookie[0] && r != ZT_ERR_UNAUTH) {
			reply_fail(rep, ZT_ERR_BUSY, "", "データベースに接続できません。しばらく待って再度お試しください。");
			return 0;
		}
	}
	if (req->auth)
		rep->no_store = true;
	if (req->auth && req->auth->read_only && !apitoken_scope_allows(APITOKEN_READ, req->method)) {
		reply_fail(rep, ZT_ERR_FORBIDDEN, "Authorization", "読み取り専用のAPIトークンでは変更できません。");
		return 0;
	}
	if (route->access == ROUTE_SIGNED && req->auth == NULL) {
		reply_fail(rep, ZT_ERR_UNAUTH, "", "ログインが必要です。");
		return 0;
	}
	/* Signing in is not authenticated by the cookie, so it needs no CSRF token (Origin is checked). */
	int signin = strcmp(req->method, "POST") == 0 && strcmp(route->pattern, "/api/v1/session") == 0;
	if (changing && req->auth && !req->auth->via_token && !signin) {
		const char *csrf = http_header(req, "X-CSRF-Token");
		if (csrf == NULL || !secret_equal(csrf, req->auth->csrf_token)) {
			reply_fail(rep, ZT_ERR_FORBIDDEN, "X-CSRF-Token", "CSRFトークンがありません、または一致しません。");
			return 0;
		}
	}
	if (req->auth && !policy_role_may(req->auth->role, route->act)) {
		char msg[160];
		snprintf(msg, sizeof msg, "この操作を行う権限がありません（%s）。", role_label((int)req->auth->role));
		reply_fail(rep, ZT_ERR_FORBIDDEN, "", msg);
		return 0;
	}
	return 1;
}

void session_hook_end(struct http_request *req, struct http_reply *rep)
{
	(void)rep;
	free(req->auth);
	req->auth = NULL;
}

const struct zt_actor *http_actor(struct http_request *req)
{
	req->actor = auth_actor(req->auth, req->remote_addr);
	return &req->actor;
}
