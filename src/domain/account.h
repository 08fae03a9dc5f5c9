/* Accounts and their rules (issue 3 §1, SECURITY.md "passwords"): password length, usernames,
 * which scope each role needs, who may change what, and which changes end sessions. Pure: no I/O.
 * Roles are named by their API names ("admin", …). */
#ifndef ZT_DOMAIN_ACCOUNT_H
#define ZT_DOMAIN_ACCOUNT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"

#define ACCOUNT_MAX_ASSOC 8

/* An account (利用者) as stored; secrets only ever as hashes / the base32 TOTP secret. */
struct account {
	int64_t id;
	char username[64];
	char display_name[128];
	char role[16];                          /* role name: admin, prefecture, … */
	char prefecture[3];
	int64_t institution_id;
	int64_t associations[ACCOUNT_MAX_ASSOC];
	int nassociations;
	char password_hash[160];                /* Argon2id string, "" for token-only accounts */
	char totp_secret[64];                   /* base32, "" when not enrolled */
	int64_t totp_last_step;
	bool disabled;
	char created_at[21], updated_at[21];
};

#define ACCOUNT_PASSWORD_MIN 13  /* characters (code points) */
#define ACCOUNT_PASSWORD_MAX 128

/* Password: valid UTF-8, 13..128 characters. Error names field "password". */
enum zt_err account_check_password(const char *pw, struct zt_error *e);
/* Username: 3..63 of [A-Za-z0-9._-], starting with a letter or digit. Field "username". */
enum zt_err account_check_username(const char *name, struct zt_error *e);
/* Display name: valid UTF-8, 1..40 characters (≤ 120 bytes). Field "display_name". */
enum zt_err account_check_display_name(const char *name, struct zt_error *e);
/*
 * The scope a role needs: prefecture → a 2-digit prefecture code; coordinator → at least one
 * 郡市医師会 (nassoc ≥ 1, ≤ max); doctor, nurse, hospital → an institution id; admin → nothing.
 * role must be a known role name (field "role"); scope fields are named in errors.
 */
enum zt_err account_check_scope(const char *role, const char *prefecture, int64_t institution_id, int nassoc,
				int max_assoc, struct zt_error *e);
/* True when role is one of the role names. */
int account_role_valid(const char *role); /* role_lookup(role) >= 0 (domain/role.h) */
/* True when role (a role name) must use a TOTP second factor (role_table[].needs_totp). */
int account_role_needs_totp(const char *role);

/* An administrator may not disable their own account or take away its admin role (the
 * installation would lose its way in): ZT_ERR_CONFLICT (field role) when account a, as changed by
 * the account actor_id, is actor_id's own and is disabled or no longer admin; else ZT_OK. */
enum zt_err account_check_self_change(int64_t actor_id, const struct account *a, struct zt_error *e);
/* True when a change ends every session of the account (SECURITY.md "sessions"): the account is
 * disabled, or gets a new password, or a new TOTP secret. */
bool account_change_ends_sessions(bool disabled, bool new_password, bool new_totp);

#endif
