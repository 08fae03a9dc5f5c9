/* Rules for accounts (issue 3 §1, SECURITY.md "passwords"): password length, usernames, and which
 * scope each role needs. Pure: no I/O. Roles are named by their API names ("admin", …). */
#ifndef ZT_DOMAIN_ACCOUNT_H
#define ZT_DOMAIN_ACCOUNT_H

#include <stdint.h>

#include "core/error.h"

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

#endif
