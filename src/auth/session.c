/* Sign-in, sessions and API tokens (issue 3 §2, SECURITY.md "sessions"; see session.h). */
#include "auth/session.h"
#include "core/clock.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "auth/signin_key.h"
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

/* The audit row of a failed attempt of an existing account (best effort: the attempt itself is
 * already recorded for throttling). The typed username is not logged (people type passwords
 * into it). */
static void audit_failure(struct store *st, int64_t account_id, const char *addr, const char *why)
{
	json_t *after = json_pack("{s:s}", "reason", why);
	struct zt_actor anon = auth_actor(NULL, addr);
	audit_append(st, &anon, "sign_in_failed", "user", account_id, "", NULL, after, NULL);
	json_decref(after);
}

static enum zt_err bad_credentials(struct store *st, int64_t account_id, const char *addr, struct zt_error *e)
{
	audit_failure(st, account_id, addr, "password");
	return zt_fail(e, ZT_ERR_UNAUTH, "password", "ユーザー名またはパスワードが正しくありません。");
}

/* One sign-in attempt: the throttle check and the attempt's row in one write transaction, so that
 * parallel attempts are counted one after another and never exceed the limit together. */
struct attempt {
	const char *user_key, *addr;
	int64_t now, id;
};

static enum zt_err attempt_tx(struct store *st, void *arg, struct zt_error *e)
{
	struct attempt *at = arg;
	const struct auth_limits *lim = auth_limits();
	int64_t by_user = 0, by_addr = 0;
	enum zt_err r = store_signin_failure_counts(st, at->user_key, at->addr, at->now - 3600, &by_user, &by_addr, e);
	if (r != ZT_OK)
		return r;
	if (by_user >= lim->max_fail_account || by_addr >= lim->max_fail_addr)
		return zt_fail(e, ZT_ERR_RATE, "",
			       "ログインの失敗が多すぎます。しばらく（最大1時間）待ってから再度お試しください。");
	return store_signin_failure_add(st, at->user_key, at->addr, at->now, &at->id, e);
}

struct session_open {
	struct auth_ctx *ctx;
	const char *hash, *addr;
	int64_t now, attempt_id;
};

/* The session row and its sign_in audit row commit together: no session without its record. The
 * attempt's row goes in the same transaction: a successful sign-in is not a failure. */
static enum zt_err session_open_tx(struct store *st, void *arg, struct zt_error *e)
{
	struct session_open *so = arg;
	int64_t sid = 0;
	enum zt_err r = store_signin_failure_delete(st, so->attempt_id, e);
	if (r == ZT_OK)
		r = store_session_create(st, so->ctx->user_id, so->hash, so->now, so->addr, &sid, e);
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
	char user_key[SECRET_HASH_HEX];
	if (!signin_key_hash(username, user_key))
		return zt_fail(e, ZT_ERR_BUSY, "", "ログインを受け付けられません（サーバーの鍵が読めません）。管理者に連絡してください。");
	/* Fails closed: when the attempt cannot be recorded (a full or failing disk), the password is
	 * not checked at all (503), so a broken disk never lifts the limit. */
	struct attempt at = {user_key, addr, now, 0};
	enum zt_err tr = store_tx(st, attempt_tx, &at, e);
	if (tr != ZT_OK)
		return tr;
	struct account a;
	int found = store_account_by_username(st, username, &a, NULL) == ZT_OK;
	int ok = secret_password_verify(found ? a.password_hash : NULL, password);
	if (!found || !ok || a.disabled)
		return bad_credentials(st, found ? a.id : 0, addr, e);
	if (a.totp_secret[0] || account_role_needs_totp(a.role)) {
		if (a.totp_secret[0] == '\0')
			return zt_fail(e, ZT_ERR_UNAUTH, "totp",
				       "この権限には確認コード（TOTP）の登録が必要です。管理者に登録を依頼してください。");
		if (totp == NULL || totp[0] == '\0') {
			/* The password was right: asking for the code is not a failure (best effort). */
			store_signin_failure_delete(st, at.id, NULL);
			return zt_fail(e, ZT_ERR_UNAUTH, "totp", "確認コード（認証アプリの6桁）を入力してください。");
		}
		int64_t step = totp_check(a.totp_secret, totp, (time_t)now);
		if (step < 0) {
			audit_failure(st, a.id, addr, "totp");
			return zt_fail(e, ZT_ERR_UNAUTH, "totp", "確認コードが正しくありません。");
		}
		enum zt_err r = store_account_totp_use(st, a.id, step, e);
		if (r != ZT_OK) {
			audit_failure(st, a.id, addr, "totp_reused");
			return r;
		}
	}
	if (auth_ctx_from_account(&a, ctx) != 0)
		return zt_fail(e, ZT_ERR_UNAUTH, "", "このアカウントの権限が不明です。");
	char hash[SECRET_HASH_HEX];
	secret_token_new(token);
	secret_token_hash(token, hash);
	secret_csrf_of(token, ctx->csrf_token);
	struct session_open so = {ctx, hash, addr, now, at.id};
	enum zt_err r = store_tx(st, session_open_tx, &so, e);
	if (r != ZT_OK)
		return r;
	/* Housekeeping: sessions past their timeouts, failures older than 30 days. */
	store_sessions_purge(st, now - lim->idle_seconds, now - lim->absolute_seconds, now - 30 * 86400);
	return ZT_OK;
}

/* The request's context from the account (read here unless *have is given: PostgreSQL reads it
 * with the session, see auth_session_resolve). */
static enum zt_err load_ctx_from(struct store *st, int64_t account_id, const struct account *have, struct auth_ctx *ctx)
{
	struct account a;
	enum zt_err r = ZT_OK;
	if (have)
		a = *have;
	else
		r = store_account_get(st, account_id, &a, NULL);
	if (r != ZT_OK && r != ZT_ERR_NOTFOUND)
		return r;
	if (r != ZT_OK || a.disabled || auth_ctx_from_account(&a, ctx) != 0)
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
	struct account holder;
	bool have_holder;
	enum zt_err r = store_session_find_holder(st, hash, &sid, &account_id, &created, &last_seen, &holder, &have_holder);
	if (r != ZT_OK)
		return r == ZT_ERR_NOTFOUND ? ZT_ERR_UNAUTH : r;
	if (now - last_seen >= lim->idle_seconds || now - created >= lim->absolute_seconds) {
		store_session_delete(st, sid, NULL); /* best effort: it is refused either way */
		return ZT_ERR_UNAUTH;
	}
	if ((r = load_ctx_from(st, account_id, have_holder ? &holder : NULL, ctx)) != ZT_OK)
		return r;
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
