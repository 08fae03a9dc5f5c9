/* JSON request bodies of /api/v1/users (issue 3 §1) → struct account, with every account rule
 * of domain/account.h applied. */
#ifndef ZT_IO_ACCOUNT_JSON_H
#define ZT_IO_ACCOUNT_JSON_H

#include <jansson.h>

#include "core/error.h"
#include "domain/account.h"

/*
 * Applies the members present in body (an object) to a: username (create only), display_name,
 * role, prefecture, institution_id, associations, disabled, password. Unknown members are refused.
 * The password (when given, validated: 13–128 characters) goes to *password, borrowed from body.
 * Scope members that do not belong to the role are dropped, then the role's scope is required.
 * Returns ZT_OK, or ZT_ERR_INVALID with e naming the field; a may be partly changed on error.
 */
enum zt_err account_from_json(json_t *body, struct account *a, const char **password, int create,
			      struct zt_error *e);

#endif
