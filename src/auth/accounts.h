/* Creating accounts and changing passwords with every rule applied (domain/account.h) and the
 * secrets hashed here: shared by the CLI (`zaitaku user`, `zaitaku init`) and the demo. */
#ifndef ZT_AUTH_ACCOUNTS_H
#define ZT_AUTH_ACCOUNTS_H

#include <jansson.h>

#include "core/error.h"
#include "store/store_accounts.h"

/* Validates a (username, display name, role scope) and password (NULL: token-only account),
 * hashes the password and creates the account in one transaction. a->totp_secret is stored as
 * given ("" = none). Sets a->id. Returns ZT_OK, ZT_ERR_INVALID naming the field of a broken rule,
 * ZT_ERR_CONFLICT when the username is taken, or a storage error; nothing stored on error. */
enum zt_err accounts_create(struct store *st, struct account *a, const char *password, struct zt_error *e);
/* Sets a new password (validated, hashed) and ends the account's sessions and API tokens. ZT_ERR_INVALID (field
 * "password") for a weak password, ZT_ERR_NOTFOUND for an unknown id, or a storage error. */
enum zt_err accounts_set_password(struct store *st, int64_t id, const char *password, struct zt_error *e);

/* Appends the audit row of an account change made outside the API (who: the system, from "cli"):
 * after = the account as stored now (never secrets). Inside the change's transaction. */
enum zt_err accounts_audit(struct store *st, int64_t id, const char *action, json_t *before, struct zt_error *e);

#endif
