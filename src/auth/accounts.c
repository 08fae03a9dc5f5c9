/* Account creation and password changes with every rule applied (issue 3 §1; see accounts.h). */
#include "auth/accounts.h"

#include <stdio.h>

#include "auth/secret.h"
#include "domain/account.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_tokens.h"

/* Accounts created here (CLI `user add`, `init`, the demo) get their audit row in the same
 * transaction: who is the system, from "cli"; after is the stored account (no secrets). */
static enum zt_err create_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct account *a = ctx;
	enum zt_err r = store_account_create(st, a, e);
	if (r == ZT_OK)
		r = accounts_audit(st, a->id, "create", NULL, e);
	return r;
}

enum zt_err accounts_audit(struct store *st, int64_t id, const char *action, json_t *before, struct zt_error *e)
{
	struct account cur;
	json_t *after = store_account_get(st, id, &cur, NULL) == ZT_OK ? store_account_json(&cur) : NULL;
	enum zt_err r = audit_append(st, NULL, action, "user", id, "", before, after, e);
	json_decref(after);
	return r;
}

enum zt_err accounts_create(struct store *st, struct account *a, const char *password, struct zt_error *e)
{
	enum zt_err r = account_check_username(a->username, e);
	if (r == ZT_OK && a->display_name[0] == '\0')
		snprintf(a->display_name, sizeof a->display_name, "%s", a->username);
	if (r == ZT_OK)
		r = account_check_display_name(a->display_name, e);
	if (r == ZT_OK)
		r = account_check_scope(a->role, a->prefecture, a->institution_id, a->nassociations, ACCOUNT_MAX_ASSOC, e);
	if (r == ZT_OK && password)
		r = account_check_password(password, e);
	if (r == ZT_OK && password)
		r = secret_password_hash(password, a->password_hash, e);
	else if (r == ZT_OK)
		a->password_hash[0] = '\0';
	if (r == ZT_OK)
		r = store_tx(st, create_tx, a, e);
	return r;
}

struct pw_ctx {
	int64_t id;
	const char *hash;
};

static enum zt_err pw_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct pw_ctx *c = ctx;
	enum zt_err r = store_account_set_password(st, c->id, c->hash, e);
	if (r == ZT_OK)
		r = store_session_delete_account(st, c->id, e);
	if (r == ZT_OK)
		r = store_token_revoke_account(st, c->id, "password_change", e);
	if (r == ZT_OK)
		r = accounts_audit(st, c->id, "password_change", NULL, e);
	return r;
}

enum zt_err accounts_set_password(struct store *st, int64_t id, const char *password, struct zt_error *e)
{
	char hash[SECRET_PWHASH_MAX];
	enum zt_err r = account_check_password(password, e);
	if (r == ZT_OK)
		r = secret_password_hash(password, hash, e);
	struct pw_ctx c = {id, hash};
	if (r == ZT_OK)
		r = store_tx(st, pw_tx, &c, e);
	return r;
}
