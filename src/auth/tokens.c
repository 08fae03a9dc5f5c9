/* API tokens: issue, resolve, list, revoke (issue 11 §6; see tokens.h). */
#include "auth/tokens.h"

#include <stdio.h>
#include <string.h>

#include "auth/session.h"
#include "core/clock.h"
#include "store/store.h"
#include "store/store_accounts.h"
#include "store/store_audit.h"

struct token_issue {
	const struct zt_actor *who;
	const struct token_request *rq;
	const char *hash, *expires_at;
	struct api_token *tok;
};

/* The token row and its audit row (holder, name, scope, expiry; never the token or its hash). */
static enum zt_err token_issue_tx(struct store *st, void *arg, struct zt_error *e)
{
	const struct token_issue *t = arg;
	int64_t id = 0;
	enum zt_err r = store_token_create(st, t->rq->account_id, t->rq->name, t->hash,
					   apitoken_scope_names[t->rq->scope], t->expires_at, &id, e);
	if (r == ZT_OK) {
		json_t *after = json_pack("{s:I, s:s, s:s, s:s}", "account_id", (json_int_t)t->rq->account_id, "name",
					  t->rq->name, "scope", apitoken_scope_names[t->rq->scope], "expires_at",
					  t->expires_at);
		r = audit_append(st, t->who, "create", "token", id, "", NULL, after, e);
		json_decref(after);
	}
	if (r == ZT_OK && t->tok)
		r = store_token_get(st, id, t->tok, e);
	return r;
}

enum zt_err auth_token_issue(struct store *st, const struct zt_actor *who, const struct token_request *rq,
			     char out[SECRET_TOKEN_HEX], struct api_token *tok, struct zt_error *e)
{
	struct token_request r = *rq;
	enum zt_err rc = apitoken_check_name(r.name, e);
	if (rc == ZT_OK)
		rc = apitoken_check_days(r.days, e);
	if (rc == ZT_OK && ((int)r.scope < 0 || r.scope >= APITOKEN__MAX))
		rc = zt_fail(e, ZT_ERR_INVALID, "scope", "scope は full または read です。");
	struct account a;
	if (rc == ZT_OK)
		rc = store_account_get(st, r.account_id, &a, e);
	if (rc == ZT_OK && a.disabled)
		rc = zt_fail(e, ZT_ERR_CONFLICT, "account_id", "無効化されたアカウントにはAPIトークンを発行できません。");
	if (rc == ZT_OK && !apitoken_holder_ok(a.role, a.totp_secret[0] != '\0'))
		rc = zt_fail(e, ZT_ERR_FORBIDDEN, "totp",
			     "管理者・県の権限のアカウントには、確認コード（TOTP）を登録してからAPIトークンを発行してください。");
	if (rc != ZT_OK)
		return rc;
	char hash[SECRET_HASH_HEX], expires[21];
	zt_format_utc(zt_now() + (time_t)r.days * 86400, expires);
	secret_token_new(out);
	secret_token_hash(out, hash);
	struct token_issue t = {who, &r, hash, expires, tok};
	return store_tx(st, token_issue_tx, &t, e);
}

enum zt_err auth_token_resolve(struct store *st, const char *token, struct auth_ctx *ctx)
{
	if (token == NULL || strlen(token) != SECRET_TOKEN_HEX - 1)
		return ZT_ERR_UNAUTH;
	char hash[SECRET_HASH_HEX];
	secret_token_hash(token, hash);
	struct api_token t;
	struct account a;
	bool have_a; /* PostgreSQL reads the holder with the token (one round trip) */
	enum zt_err r = store_token_find_holder(st, hash, &t, &a, &have_a);
	if (r != ZT_OK)
		return r == ZT_ERR_NOTFOUND ? ZT_ERR_UNAUTH : r;
	time_t now = zt_now();
	if (apitoken_state_at(t.revoked_at, apitoken_expiry(t.created_at, t.expires_at), now) != APITOKEN_ACTIVE)
		return ZT_ERR_UNAUTH;
	if (!have_a && (r = store_account_get(st, t.account_id, &a, NULL)) != ZT_OK && r != ZT_ERR_NOTFOUND)
		return r;
	if (r != ZT_OK || a.disabled ||
	    !apitoken_holder_ok(a.role, a.totp_secret[0] != '\0') || auth_ctx_from_account(&a, ctx) != 0)
		return ZT_ERR_UNAUTH;
	ctx->via_token = true;
	ctx->token_id = t.id;
	ctx->read_only = apitoken_scope_lookup(t.scope) != APITOKEN_FULL;
	/* last_used_at: at most one write a minute per token (a write per request would queue every
	 * machine client behind the single writer; the listing needs no finer clock). */
	char now_s[21], since[21];
	zt_format_utc(now, now_s);
	zt_format_utc(now - 60, since);
	if (t.last_used_at[0] == '\0' || strcmp(t.last_used_at, since) < 0)
		store_token_touch(st, t.id, now_s, since);
	return ZT_OK;
}

bool auth_token_visible(const struct auth_ctx *who, const struct api_token *t)
{
	return who == NULL || who->role == ROLE_ADMIN || who->user_id == t->account_id;
}

struct token_revoke {
	const struct zt_actor *who;
	const struct api_token *t;
};

static enum zt_err token_revoke_tx(struct store *st, void *arg, struct zt_error *e)
{
	const struct token_revoke *tr = arg;
	enum zt_err r = store_token_revoke(st, tr->t->id, "revoked", e);
	if (r == ZT_OK) {
		json_t *after = json_pack("{s:I, s:s, s:s}", "account_id", (json_int_t)tr->t->account_id, "name",
					  tr->t->name, "reason", "revoked");
		r = audit_append(st, tr->who, "revoke", "token", tr->t->id, "", NULL, after, e);
		json_decref(after);
	}
	return r;
}

enum zt_err auth_token_revoke(struct store *st, const struct auth_ctx *viewer, const struct zt_actor *who,
			      int64_t id, struct zt_error *e)
{
	struct api_token t;
	enum zt_err r = store_token_get(st, id, &t, e);
	if (r == ZT_OK && (!auth_token_visible(viewer, &t) || t.revoked_at[0]))
		r = zt_fail(e, ZT_ERR_NOTFOUND, "", "有効なAPIトークンが見つかりません。");
	if (r != ZT_OK)
		return r;
	struct token_revoke tr = {who, &t};
	return store_tx(st, token_revoke_tx, &tr, e);
}

static json_t *opt_str(const char *s)
{
	return s[0] ? json_string(s) : json_null();
}

json_t *auth_token_json(const struct api_token *t, time_t now)
{
	time_t expiry = apitoken_expiry(t->created_at, t->expires_at);
	char expires[21];
	zt_format_utc(expiry, expires);
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:o, s:o, s:o, s:s}", "id", (json_int_t)t->id,
			 "account_id", (json_int_t)t->account_id, "username", t->username, "name", t->name, "scope",
			 t->scope, "created_at", t->created_at, "expires_at", expires, "last_used_at",
			 opt_str(t->last_used_at), "revoked_at", opt_str(t->revoked_at), "revoked_reason",
			 opt_str(t->revoked_reason), "state",
			 apitoken_state_names[apitoken_state_at(t->revoked_at, expiry, now)]);
}
