/*
 * Use cases of designation per area (seed 001), obligation checklists and 在宅医療サポートセンター
 * (seed 004): each one function that checks the rules (domain/designation.h) and changes the rows
 * together with the audit row in one store_tx. Called by the HTTP handlers and the demo; the caller
 * has already asked the access policy. who NULL means the system (audit rows say "system").
 */
#ifndef ZT_APP_APP_DESIGNATION_H
#define ZT_APP_APP_DESIGNATION_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/designation.h"
#include "domain/obligations.h"

struct store;
struct zt_actor;

/*
 * Designates d->institution_id for d->role in d->muni. Inside one transaction: loads the
 * prefecture's world, classifies the request (desig_classify_request: sets d->rule for basis rule
 * and an empty d->valid_from to today in JST), stores the designation with the checklist items
 * that apply to its role (beds decide 急変時受入) and the audit row. Sets d->id. ZT_ERR_INVALID
 * naming the field, ZT_ERR_CONFLICT when the institution already holds that role there, or a
 * storage error; nothing stored on error.
 */
enum zt_err app_designation_create(struct store *st, const struct zt_actor *who, struct dw_designation *d,
				   struct zt_error *e);

/* Ends designation id today (JST; history kept) with an optional reason and its audit row.
 * ZT_ERR_NOTFOUND, ZT_ERR_CONFLICT when already ended, or a storage error. */
enum zt_err app_designation_end(struct store *st, const struct zt_actor *who, int64_t id, const char *reason,
				struct zt_error *e);

/* Replaces the given checklist items of designation id (all or nothing) with one audit row.
 * ZT_ERR_NOTFOUND, ZT_ERR_INVALID (field items) naming an item not on this checklist. */
enum zt_err app_checklist_put(struct store *st, const struct zt_actor *who, int64_t id, const struct oblig_item *items,
			      size_t n, struct zt_error *e);

/* Designates a support centre for 二次医療圏 medical_area_id run by institution_id; the operator is
 * checked against the world of its prefecture (sc_check_operator) in the same transaction. Sets
 * *id. ZT_ERR_INVALID naming medical_area_id or institution_id, or a storage error. */
enum zt_err app_support_centre_create(struct store *st, const struct zt_actor *who, int64_t medical_area_id,
				      int64_t institution_id, enum sc_type type, const char *name, uint32_t items,
				      int64_t *id, struct zt_error *e);
/* Replaces the items (and the name when not NULL) of a centre in force. ZT_ERR_NOTFOUND,
 * ZT_ERR_CONFLICT when the centre has ended. */
enum zt_err app_support_centre_update(struct store *st, const struct zt_actor *who, int64_t id, const char *name,
				      uint32_t items, struct zt_error *e);
/* Ends a centre today (JST; history kept). ZT_ERR_NOTFOUND / ZT_ERR_CONFLICT when already ended. */
enum zt_err app_support_centre_end(struct store *st, const struct zt_actor *who, int64_t id, struct zt_error *e);

#endif
