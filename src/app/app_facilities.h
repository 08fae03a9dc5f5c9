/*
 * Use cases of the resource registry (地域資源, issue 2/3): create, update and delete an
 * institution, each with its audit row in one store_tx (issue 3 §3). Called by the HTTP handlers
 * after the access policy; who NULL means the system.
 */
#ifndef ZT_APP_APP_FACILITIES_H
#define ZT_APP_APP_FACILITIES_H

#include <stdint.h>

#include "core/error.h"
#include "domain/facility.h"

struct store;
struct zt_actor;

/* Stores f (validated by the caller: facility_validate) as a new institution (create, f->id set)
 * or over the stored one (update, by f->id), with the audit row; then reloads f as stored.
 * ZT_ERR_INVALID / ZT_ERR_CONFLICT naming the field, ZT_ERR_NOTFOUND, or a storage error. */
enum zt_err app_facility_save(struct store *st, const struct zt_actor *who, struct facility *f, int create,
			      struct zt_error *e);

/* Deletes institution id with the audit row (before = the institution as stored). ZT_ERR_NOTFOUND,
 * ZT_ERR_CONFLICT while it is still referenced, or a storage error. */
enum zt_err app_facility_delete(struct store *st, const struct zt_actor *who, int64_t id, struct zt_error *e);

#endif
