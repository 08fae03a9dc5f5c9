/* Sign-in, sessions and API tokens (issue 3 §2, SECURITY.md "sessions"; see session.h). */
#include "auth/session.h"
#include "core/clock.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "domain/account.h"
#include "store/store.h"
#include "store/store_accounts.h"
#include "store/store_audit.h"

static struct auth_limits limits;
static pthread_once_t limits_once = PTHREAD_ONCE_INIT;

static int64_t env_int(const char *name, int64_t dflt)
{
	const char *v = getenv(name);
	if (v == NULL || v[0] == '\0')
		return dflt;
	char *end;
	long long n = strtoll(v, &end, 10);
	return (*end || n <= 0) ? dflt : (int64_t)n;
}

static void read_limits(void)
{
	limits.idle_seconds = env_int("ZAITAKU_SESSION_IDLE_SECONDS", 30 * 60);
	limits.absolute_seconds = env_int("ZAITAKU_SESSION_ABSOLUTE_SECONDS", 12 * 3600);
	limits.max_fail_account = env_int("ZAITAKU_SIGNIN_LIMIT_ACCOUNT", 100);
	limits.max_fail_addr = env_int("ZAITAKU_SIGNIN_LIMIT_ADDR", 300);
}

const struct auth_limits *auth_limits(void)
{
	pthread_once(&limits_once, read_limits);
	return &limits;
}

int auth_ctx_from_account(const struct account *a, struct auth_ctx *ctx)
{
	memset(ctx, 0, sizeof *ctx);
	int r = role_lookup(a->role);
	if (r < 0)
		return -1;
	ctx->user_id = a->id;
	snprintf(ctx->username, sizeof ctx->username, "%s", a->username);
	snprintf(ctx->display_name, sizeof ctx->display_name, "%s", a->display_name);
	ctx->role = (enum role)r;
	snprintf(ctx->prefecture, sizeof ctx->prefecture, "%s", a->prefecture);
	ctx->institution_id = a->institution_id;
	for (int i = 0; i < a->nassociations && i < AUTH_MAX_ASSOCIATIONS; i++)
		ctx->associations[ctx->nassociations++] = a->associations[i];
	return 0;
}

/* Records a failed attempt (throttling counts these) and, for an existing account, an audit row;
 * the typed username is not logged (people type passwords into it). */
static void record_failure(struct store *st, const char *username, int64_t account_id, const char *addr,
			   int64_t now, const char *why)
{
	store_signin_failure_add(st, username, addr, now);
	json_t *after = json_pack("{s:s}", "reason", why);
	struct zt_actor anon = auth_actor(NULL, addr);
	audit_append(st, &anon, "sign_in_failed", "user", account_id, "", NULL, after, NULL);
	json_decref(after);
}

static enum zt_err bad_credentials(struct store *st, const char *username, int64_t account_id, const char *addr,
				   int64_t now, struct zt_error *e)
{
	record_failure(st, username, account_id, addr, now, "password");
	return zt_fail(e, ZT_ERR_UNAUTH, "password", "ユーザー名またはパスワードが正しくありません。");
}

struct session_open {
	struct auth_ctx *ctx;
	const char *hash, *addr;
	int64_t now;
};

/* The session row and its sign_in audit row commit together: no session without its record. */
static enum zt_err session_open_tx(struct store *st, void *arg, struct zt_error *e)
{
	struct session_open *so = arg;
	int64_t sid = 0;
	enum zt_err r = store_session_create(st, so->ctx->user_id, so->hash, so->now, so->addr, &sid, e);
	if (r == ZT_OK) {
		so->ctx->session_id = sid;
		struct zt_actor who = auth_actor(so->ctx, so->addr);
		r = audit_append(st, &who, "sign_in", "user", so->ctx->user_id, "", NULL, NULL, e);
	}
	return r;
}

enum zt_err auth_signin(struct store *st, const char *username, const char *password, const char *totp,
			const char *remote_addr, struct auth_ctx *ctx, char token[SECRET_TOKEN_HEX],
			struct zt_error *e)
{
	const struct auth_limits *lim = auth_limits();
	int64_t now = (int64_t)zt_now();
	const char *addr = remote_addr && remote_addr[0] ? remote_addr : "-";
	int64_t by_user = 0, by_addr = 0;
	store_signin_failure_counts(st, username, addr, now - 3600, &by_user, &by_addr);
	if (by_user >= lim->max_fail_account || by_addr >= lim->max_fail_addr)
		return zt_fail(e, ZT_ERR_RATE, "",
			       "サインインの失敗が多すぎます。しばらく（最大1時間）待ってから再度お試しください。");
	struct account a;
	int found = store_account_by_username(st, username, &a, NULL) == ZT_OK;
	int ok = secret_password_verify(found ? a.password_hash : NULL, password);
	if (!found || !ok || a.disabled)
		return bad_credentials(st, username, found ? a.id : 0, addr, now, e);
	if (a.totp_secret[0] || account_role_needs_totp(a.role)) {
		if (a.totp_secret[0] == '\0')
			return zt_fail(e, ZT_ERR_UNAUTH, "totp",
				       "この権限には確認コード（TOTP）の登録が必要です。管理者に登録を依頼してください。");
		if (totp == NULL || totp[0] == '\0')
			return zt_fail(e, ZT_ERR_UNAUTH, "totp", "確認コード（認証アプリの6桁）を入力してください。");
		int64_t step = totp_check(a.totp_secret, totp, (time_t)now);
		if (step < 0) {
			record_failure(st, username, a.id, addr, now, "totp");
			return zt_fail(e, ZT_ERR_UNAUTH, "totp", "確認コードが正しくありません。");
		}
		enum zt_err r = store_account_totp_use(st, a.id, step, e);
		if (r != ZT_OK) {
			record_failure(st, username, a.id, addr, now, "totp_reused");
			return r;
		}
	}
	if (auth_ctx_from_account(&a, ctx) != 0)
		return zt_fail(e, ZT_ERR_UNAUTH, "", "このアカウントの権限が不明です。");
	char hash[SECRET_HASH_HEX];
	secret_token_new(token);
	secret_token_hash(token, hash);
	secret_csrf_of(token, ctx->csrf_token);
	struct session_open so = {ctx, hash, addr, now};
	enum zt_err r = store_tx(st, session_open_tx, &so, e);
	if (r != ZT_OK)
		return r;
	/* Housekeeping: sessions past their timeouts, failures older than 30 days. */
	store_sessions_purge(st, now - lim->idle_seconds, now - lim->absolute_seconds, now - 30 * 86400);
	return ZT_OK;
}

static enum zt_err load_ctx(struct store *st, int64_t account_id, struct auth_ctx *ctx)
{
	struct account a;
	if (store_account_get(st, account_id, &a, NULL) != ZT_OK || a.disabled || auth_ctx_from_account(&a, ctx) != 0)
		return ZT_ERR_UNAUTH;
	return ZT_OK;
}

enum zt_err auth_session_resolve(struct store *st, const char *token, struct auth_ctx *ctx)
{
	if (token == NULL || strlen(token) != SECRET_TOKEN_HEX - 1)
		return ZT_ERR_UNAUTH;
	const struct auth_limits *lim = auth_limits();
	char hash[SECRET_HASH_HEX];
	secret_token_hash(token, hash);
	int64_t sid, account_id, created, last_seen, now = (int64_t)zt_now();
	if (store_session_find(st, hash, &sid, &account_id, &created, &last_seen) != ZT_OK)
		return ZT_ERR_UNAUTH;
	if (now - last_seen >= lim->idle_seconds || now - created >= lim->absolute_seconds) {
		store_session_delete(st, sid, NULL); /* best effort: it is refused either way */
		return ZT_ERR_UNAUTH;
	}
	if (load_ctx(st, account_id, ctx) != ZT_OK)
		return ZT_ERR_UNAUTH;
	/* last_seen is written at most once a minute (or a tenth of the idle timeout when shorter):
	 * a write per request would put every page load of a browser behind the database's single
	 * writer, and the idle timeout needs no finer clock than that. */
	int64_t touch_every = lim->idle_seconds / 10 < 60 ? lim->idle_seconds / 10 : 60;
	if (now - last_seen >= touch_every)
		store_session_touch(st, sid, now);
	ctx->session_id = sid;
	secret_csrf_of(token, ctx->csrf_token);
	return ZT_OK;
}

enum zt_err auth_token_resolve(struct store *st, const char *token, struct auth_ctx *ctx)
{
	if (token == NULL || strlen(token) != SECRET_TOKEN_HEX - 1)
		return ZT_ERR_UNAUTH;
	char hash[SECRET_HASH_HEX];
	secret_token_hash(token, hash);
	int64_t account_id;
	if (store_token_find(st, hash, &account_id) != ZT_OK || load_ctx(st, account_id, ctx) != ZT_OK)
		return ZT_ERR_UNAUTH;
	ctx->via_token = true;
	return ZT_OK;
}

struct session_close {
	const struct auth_ctx *who;
	const char *addr;
};

static enum zt_err session_close_tx(struct store *st, void *arg, struct zt_error *e)
{
	const struct session_close *sc = arg;
	enum zt_err r = store_session_delete(st, sc->who->session_id, e);
	struct zt_actor who = auth_actor(sc->who, sc->addr);
	if (r == ZT_OK)
		r = audit_append(st, &who, "sign_out", "user", sc->who->user_id, "", NULL, NULL, e);
	return r;
}

enum zt_err auth_signout(struct store *st, const struct auth_ctx *who, const char *remote_addr, struct zt_error *e)
{
	struct session_close sc = {who, remote_addr};
	return store_tx(st, session_close_tx, &sc, e);
}

struct token_issue {
	int64_t account_id;
	const char *name, *hash;
};

/* The token row and its audit row (the account and the token's name; never the token or its
 * hash) in one transaction. The system issues tokens (CLI), so who is NULL and from "cli". */
static enum zt_err token_issue_tx(struct store *st, void *ctx, struct zt_error *e)
{
	const struct token_issue *t = ctx;
	int64_t id = 0;
	enum zt_err r = store_token_create(st, t->account_id, t->name, t->hash, &id, e);
	if (r == ZT_OK) {
		json_t *after = json_pack("{s:I, s:s}", "account_id", (json_int_t)t->account_id, "name", t->name);
		r = audit_append(st, NULL, "create", "token", id, "", NULL, after, e);
		json_decref(after);
	}
	return r;
}

enum zt_err auth_token_issue(struct store *st, int64_t account_id, const char *name, char out[SECRET_TOKEN_HEX],
			     struct zt_error *e)
{
	char hash[SECRET_HASH_HEX];
	secret_token_new(out);
	secret_token_hash(out, hash);
	struct token_issue t = {account_id, name, hash};
	return store_tx(st, token_issue_tx, &t, e);
}
