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
 * and an empty d->valid_from to today in JST; 積極的役割 must meet its definition whatever the
 * basis), stores the designation with the checklist items that apply to its role (beds decide
 * 急変時受入) and the audit row. Sets d->id; warn (256 bytes, may be NULL) receives a note when the
 * designation rests on a 未確認 fact or on an institution that is not a 在支病/在支診 ("" when none).
 * ZT_ERR_INVALID naming the field, ZT_ERR_CONFLICT when the institution already holds that role
 * there, or a storage error; nothing stored on error.
 */
enum zt_err app_designation_create(struct store *st, const struct zt_actor *who, struct dw_designation *d,
				   char *warn, struct zt_error *e);

/*
 * Re-checks the designations in force (issue 13 item 8) that rest on the institutions ids[0..n)
 * (every designation in force when ids is NULL) against the facts as stored now: a designation
 * whose requirement is no longer met (desig_requirement_unmet) is flagged 「要件を満たさなくなりました」
 * with today's date (JST) and the reason; one that meets it again is unflagged; nothing is ended.
 * The checklist follows the institution's beds (the 急変時受入 item is added when it gains beds, and
 * removed while untouched when it has none). Each change has its audit row ("flag" / "unflag" /
 * "update" of the checklist, municipality set, who NULL = system). Runs in its own store_tx, or
 * inside the caller's when one is open (store_tx nests): call it from an import or an edit after
 * writing the facts. *changed (may be NULL) receives the number of designations flagged or
 * unflagged. ZT_OK or a storage error (then, inside a caller's transaction, the caller rolls back).
 */
enum zt_err app_designation_recheck(struct store *st, const struct zt_actor *who, const int64_t *ids, size_t n,
				    size_t *changed, struct zt_error *e);

/*
 * Records institution_id as the 在宅医療・介護連携 相談窓口 of municipality muni (拠点 candidate ①;
 * 0 clears it) with its audit row, then re-checks the designations resting on the old and new desk.
 * The institution must be in muni's prefecture and of a kind allowed as 拠点. ZT_ERR_INVALID naming
 * municipality / institution_id, or a storage error.
 */
enum zt_err app_desk_set(struct store *st, const struct zt_actor *who, const char *muni, int64_t institution_id,
			 struct zt_error *e);

/* Ends designation id today (JST; history kept) with an optional reason and its audit row.
 * ZT_ERR_NOTFOUND, ZT_ERR_CONFLICT when already ended, or a storage error. */
enum zt_err app_designation_end(struct store *st, const struct zt_actor *who, int64_t id, const char *reason,
				struct zt_error *e);

/* Replaces the given checklist items of designation id (all or nothing) with one audit row.
 * ZT_ERR_NOTFOUND, ZT_ERR_INVALID (field items) naming an item not on this checklist. */
enum zt_err app_checklist_put(struct store *st, const struct zt_actor *who, int64_t id, const struct oblig_item *items,
			      size_t n, struct zt_error *e);

/* Designates a support centre for 二次医療圏 medical_area_id run by institution_id (基幹型) or
 * represented by it (連携型, with its member group members[0..nmembers)); checked against the world
 * of its prefecture in the same transaction: sc_check_operator, the operator inside the area
 * (sc_operator_in_area), sc_check_members. Sets *id. ZT_ERR_INVALID naming medical_area_id,
 * institution_id or members, or a storage error. */
enum zt_err app_support_centre_create(struct store *st, const struct zt_actor *who, int64_t medical_area_id,
				      int64_t institution_id, enum sc_type type, const char *name, uint32_t items,
				      const int64_t *members, size_t nmembers, int64_t *id, struct zt_error *e);
/* Replaces the items (and the name when not NULL; the member group of a 連携型 centre when members is
 * not NULL, checked by sc_check_members) of a centre in force. ZT_ERR_NOTFOUND, ZT_ERR_CONFLICT when
 * the centre has ended, ZT_ERR_INVALID naming members. */
enum zt_err app_support_centre_update(struct store *st, const struct zt_actor *who, int64_t id, const char *name,
				      uint32_t items, const int64_t *members, size_t nmembers, struct zt_error *e);
/* Sets how many centres the prefecture sets for 二次医療圏 medical_area_id (1–20; seed 004: 原則1箇所,
 * 熊本・上益城圏域は3箇所、八代圏域は2箇所) with its audit row. ZT_ERR_INVALID naming quota /
 * medical_area_id, or a storage error. */
enum zt_err app_support_centre_quota(struct store *st, const struct zt_actor *who, int64_t medical_area_id, int quota,
				     struct zt_error *e);
/* Ends a centre today (JST; history kept). ZT_ERR_NOTFOUND / ZT_ERR_CONFLICT when already ended. */
enum zt_err app_support_centre_end(struct store *st, const struct zt_actor *who, int64_t id, struct zt_error *e);

#endif
