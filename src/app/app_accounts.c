/* Account use cases (issue 3 §1; see app_accounts.h): one create path and one change transaction
 * for the API, the CLI and the demo. */
#include "app/app_accounts.h"

#include <jansson.h>
#include <stdio.h>

#include "auth/secret.h"
#include "core/actor.h"
#include "store/store.h"
#include "store/store_accounts.h"
#include "store/store_audit.h"
#include "store/store_tokens.h"

/* The account as stored, for the audit trail (no secrets: store_account_json never has them). */
static json_t *account_now(struct store *st, int64_t id)
{
	struct account cur;
	return store_account_get(st, id, &cur, NULL) == ZT_OK ? store_account_json(&cur) : NULL;
}

/* Enrols a TOTP secret when the role's sign-in needs one and the account has none (written once
 * for every path). Returns whether it did. */
static bool enrol_if_needed(struct account *a)
{
	if (!account_role_needs_totp(a->role) || a->totp_secret[0] != '\0')
		return false;
	totp_secret_new(a->totp_secret);
	return true;
}

/* One change of an account and its audit row. */
struct change {
	int64_t id;
	struct account *create;      /* the account to create, or NULL */
	const struct account *state; /* the new state to store (update), or NULL */
	const char *hash;            /* a new password hash, or NULL */
	const char *totp;            /* a new TOTP secret, or NULL */
	const char *action;          /* audit action */
	bool with_before;            /* the audit row carries the account before the change */
	const struct zt_actor *who;
};

static enum zt_err change_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct change *c = ctx;
	json_t *before = c->with_before ? account_now(st, c->id) : NULL;
	enum zt_err r = ZT_OK;
	if (c->create) {
		r = store_account_create(st, c->create, e);
		c->id = c->create->id;
	}
	if (r == ZT_OK && c->state)
		r = store_account_update(st, c->state, e);
	if (r == ZT_OK && c->hash && !c->create)
		r = store_account_set_password(st, c->id, c->hash, e);
	if (r == ZT_OK && c->totp && !c->create)
		r = store_account_set_totp(st, c->id, c->totp, e);
	bool ends = !c->create &&
		    account_change_ends_sessions(c->state && c->state->disabled, c->hash != NULL, c->totp != NULL);
	if (r == ZT_OK && ends)
		r = store_session_delete_account(st, c->id, e);
	if (r == ZT_OK && ends) /* and its API tokens (issue 11 §6); re-enabling does not revive them */
		r = store_token_revoke_account(st, c->id,
					       c->state && c->state->disabled ? "disabled"
					       : c->hash			      ? "password_change"
										      : "totp_change",
					       e);
	if (r == ZT_OK) {
		/* no mark for a new password: audit_append strips every key that names a secret
		 * (domain/audit.c), so the API's old "password_changed" never reached the row */
		json_t *after = account_now(st, c->id);
		r = audit_append(st, c->who, c->action, "user", c->id, "", before, after, e);
		json_decref(after);
	}
	json_decref(before);
	return r;
}

/* Validates and hashes password into hash (NULL password: hash ""). */
static enum zt_err hash_password(const char *password, char hash[SECRET_PWHASH_MAX], struct zt_error *e)
{
	hash[0] = '\0';
	if (password == NULL)
		return ZT_OK;
	enum zt_err r = account_check_password(password, e);
	return r == ZT_OK ? secret_password_hash(password, hash, e) : r;
}

enum zt_err app_account_create(struct store *st, const struct zt_actor *who, struct account *a, const char *password,
			       bool *totp_new, struct zt_error *e)
{
	enum zt_err r = account_check_username(a->username, e);
	if (r == ZT_OK && a->display_name[0] == '\0')
		snprintf(a->display_name, sizeof a->display_name, "%s", a->username);
	if (r == ZT_OK)
		r = account_check_display_name(a->display_name, e);
	if (r == ZT_OK)
		r = account_check_scope(a->role, a->prefecture, a->institution_id, a->nassociations, ACCOUNT_MAX_ASSOC, e);
	if (r == ZT_OK)
		r = hash_password(password, a->password_hash, e);
	if (r != ZT_OK)
		return r;
	bool enrolled = enrol_if_needed(a);
	struct change c = {.create = a, .hash = a->password_hash[0] ? a->password_hash : NULL, .action = "create", .who = who};
	r = store_tx(st, change_tx, &c, e);
	if (r == ZT_OK)
		r = store_account_get(st, a->id, a, e);
	if (totp_new)
		*totp_new = r == ZT_OK && enrolled;
	return r;
}

enum zt_err app_account_update(struct store *st, const struct zt_actor *who, struct account *a, const char *password,
			       bool *totp_new, struct zt_error *e)
{
	char hash[SECRET_PWHASH_MAX];
	enum zt_err r = account_check_self_change(who ? who->user_id : 0, a, e);
	if (r == ZT_OK)
		r = account_check_display_name(a->display_name, e);
	if (r == ZT_OK)
		r = account_check_scope(a->role, a->prefecture, a->institution_id, a->nassociations, ACCOUNT_MAX_ASSOC, e);
	if (r == ZT_OK)
		r = hash_password(password, hash, e);
	if (r != ZT_OK)
		return r;
	bool enrolled = enrol_if_needed(a);
	struct change c = {a->id, NULL, a, hash[0] ? hash : NULL, enrolled ? a->totp_secret : NULL, "update", true, who};
	r = store_tx(st, change_tx, &c, e);
	if (r == ZT_OK)
		r = store_account_get(st, a->id, a, e);
	if (totp_new)
		*totp_new = r == ZT_OK && enrolled;
	return r;
}

enum zt_err app_account_set_password(struct store *st, const struct zt_actor *who, int64_t id, const char *password,
				     struct zt_error *e)
{
	char hash[SECRET_PWHASH_MAX];
	enum zt_err r = password ? hash_password(password, hash, e) : account_check_password(password, e);
	struct change c = {id, NULL, NULL, hash, NULL, "password_change", false, who};
	return r == ZT_OK ? store_tx(st, change_tx, &c, e) : r;
}

enum zt_err app_account_set_disabled(struct store *st, const struct zt_actor *who, struct account *a, bool disabled,
				     struct zt_error *e)
{
	a->disabled = disabled;
	struct change c = {a->id, NULL, a, NULL, NULL, disabled ? "disable" : "enable", true, who};
	return store_tx(st, change_tx, &c, e);
}

enum zt_err app_account_enrol_totp(struct store *st, const struct zt_actor *who, int64_t id, char secret[64],
				   struct zt_error *e)
{
	if (secret[0] == '\0')
		totp_secret_new(secret);
	struct change c = {id, NULL, NULL, NULL, secret, "totp_enrol", false, who};
	return store_tx(st, change_tx, &c, e);
}
