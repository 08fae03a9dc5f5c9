/*
 * Account use cases (issue 3 §1): the one path by which the API (/api/v1/users), the CLI
 * (`zaitaku user`, `zaitaku init`) and the demo create and change accounts. Each validates with
 * domain/account.h, hashes secrets (auth/secret.h), enrols a TOTP secret for the roles whose
 * sign-in needs one, ends sessions when the change requires it, and writes the change with its
 * audit row (never a secret) in one store_tx. The caller has asked the access policy. who NULL
 * means the system (CLI, demo).
 */
#ifndef ZT_APP_APP_ACCOUNTS_H
#define ZT_APP_APP_ACCOUNTS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/account.h"

struct store;
struct zt_actor;

/*
 * Creates account a (username, display name — the username when "" —, role and its scope) with
 * password (NULL: a token-only account). A role that needs TOTP (account_role_needs_totp) without
 * a->totp_secret gets a new secret, and *totp_new (may be NULL) tells so. On success a is reloaded
 * as stored (a->id, a->totp_secret). ZT_ERR_INVALID naming the field of a broken rule,
 * ZT_ERR_CONFLICT when the username is taken, or a storage error; nothing stored on error.
 */
enum zt_err app_account_create(struct store *st, const struct zt_actor *who, struct account *a, const char *password,
			       bool *totp_new, struct zt_error *e);

/*
 * Stores a (the new state of account a->id: display name, role, scope, disabled) and, when given,
 * a new password; a role that needs TOTP without a secret gets one (*totp_new). Refuses an
 * administrator's change of themself that disables or demotes them (account_check_self_change).
 * Disabling, a new password or a new TOTP secret ends the account's sessions in the same
 * transaction. On success a is reloaded. ZT_ERR_INVALID, ZT_ERR_CONFLICT, ZT_ERR_NOTFOUND or a
 * storage error.
 */
enum zt_err app_account_update(struct store *st, const struct zt_actor *who, struct account *a, const char *password,
			       bool *totp_new, struct zt_error *e);

/* Sets a new password (validated, hashed) and ends the account's sessions; audit action
 * "password_change". ZT_ERR_INVALID (field password), ZT_ERR_NOTFOUND, or a storage error. */
enum zt_err app_account_set_password(struct store *st, const struct zt_actor *who, int64_t id, const char *password,
				     struct zt_error *e);

/* Disables (ending its sessions) or enables account a (as loaded); audit action "disable" /
 * "enable" with the account before and after. */
enum zt_err app_account_set_disabled(struct store *st, const struct zt_actor *who, struct account *a, bool disabled,
				     struct zt_error *e);

/* Enrols TOTP: secret is the base32 secret to set, or "" for a new one (written back). Ends the
 * sessions opened with the old factor; audit action "totp_enrol" (without the secret). */
enum zt_err app_account_enrol_totp(struct store *st, const struct zt_actor *who, int64_t id, char secret[64],
				   struct zt_error *e);

#endif
