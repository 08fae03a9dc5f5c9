/*
 * The history of an institution (issue 12 §8 "history of every institution change on its page"):
 * who changed it, when, and what it was before and after, read from the audit trail.
 */
#ifndef ZT_APP_APP_FACILITY_HISTORY_H
#define ZT_APP_APP_FACILITY_HISTORY_H

#include <jansson.h>
#include <stdint.h>

#include "auth/auth.h"
#include "core/error.h"

struct store;

#define FACILITY_HISTORY_MAX 200

/*
 * The changes of institution id, newest first (at most FACILITY_HISTORY_MAX), as a new JSON array
 * of {id, at, actor_username, actor_role, action, before, after} into *out (caller owns). Needs
 * ACT_REGISTRY_WRITE where the institution lies (those who may change it see who changed it).
 * ZT_ERR_NOTFOUND, ZT_ERR_UNAUTH, ZT_ERR_FORBIDDEN or a storage error, with *e filled.
 */
enum zt_err app_facility_history(struct store *st, const struct auth_ctx *auth, int64_t id, json_t **out,
				 struct zt_error *e);

#endif
