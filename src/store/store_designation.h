/*
 * Storage of designations (seed 001), their obligation checklists, support centres (seed 004) and
 * the snapshot of a prefecture the designation and coverage rules run on. Plain row reads and
 * writes: the use cases (rules, one transaction with the audit row) are in app/app_designation.h.
 * Writers run inside the caller's store_tx() and return ZT_OK or a storage error in *e.
 */
#ifndef ZT_STORE_STORE_DESIGNATION_H
#define ZT_STORE_STORE_DESIGNATION_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/designation.h"
#include "domain/obligations.h"

struct store;

/*
 * Fills *w (zeroed first; free with desig_world_free) with prefecture pref: the municipalities
 * that belong to one of its 二次医療圏 or 圏域 (all of them when it has none), its institutions
 * with their standards, adjacency, 郡市医師会 coverage, areas, designations and support centres in
 * force today. Every query's status is checked: a failed read is an error (ZT_ERR_BUSY for a busy or
 * failing disk, so that store_tx retries), never a smaller world.
 */
enum zt_err store_desig_world(struct store *st, const char *pref, struct desig_world *w, struct zt_error *e);

/* Inside a transaction: inserts d as given (valid_from set by the caller) created by `by`; sets
 * d->id. */
enum zt_err store_designation_insert(struct store *st, struct dw_designation *d, const char *by, struct zt_error *e);
/* Inside a transaction: adds checklist item code `item` (obligations.h) with status todo. */
enum zt_err store_designation_item_add(struct store *st, int64_t designation_id, const char *item, struct zt_error *e);
/* Inside a transaction: ends designation id on day (history kept) by `by`, reason NULL or text. */
enum zt_err store_designation_set_end(struct store *st, int64_t id, const char *day, const char *by, const char *reason,
				      struct zt_error *e);

/* A designation (ended or not) by id into *out. ZT_ERR_NOTFOUND when absent, or a storage error. */
enum zt_err store_designation_get(struct store *st, int64_t id, struct designation *out, struct zt_error *e);
/* Municipality of a designation for the policy: ZT_OK, ZT_ERR_NOTFOUND ("", e untouched: the caller
 * names the object), or a storage error in *e. */
enum zt_err store_designation_municipality(struct store *st, int64_t id, char out[7], struct zt_error *e);

/* Past (ended) designations of a prefecture, newest first, into *out (malloc'd, caller frees). ZT_OK,
 * or a storage error with nothing returned. */
enum zt_err store_designation_history(struct store *st, const char *pref, struct designation **out, size_t *n,
				      struct zt_error *e);

/* The checklist rows of a designation in their order into *out (malloc'd, caller frees; NULL when
 * none). ZT_OK, or a storage error (nothing returned: a failed read is never a shorter list). */
enum zt_err store_checklist_rows(struct store *st, int64_t designation_id, struct oblig_row **out, size_t *n,
				 struct zt_error *e);
/* Inside a transaction: sets one item (no audit row: the caller appends it). ZT_ERR_INVALID when the
 * item is not on this checklist, else ZT_OK or a storage error. */
enum zt_err store_checklist_item_set(struct store *st, int64_t designation_id, const struct oblig_item *it);

/* Inside a transaction (demo, imports): a support centre for a 二次医療圏 with its items. */
enum zt_err store_support_centre_put(struct store *st, int64_t medical_area_id, int64_t institution_id,
				     enum sc_type type, const char *name, uint32_t items, int64_t *id);

/* The prefecture of a 二次医療圏 / of a centre into out; the same results as
 * store_designation_municipality(). */
enum zt_err store_medical_area_prefecture(struct store *st, int64_t medical_area_id, char out[3], struct zt_error *e);
enum zt_err store_support_centre_prefecture(struct store *st, int64_t id, char out[3], struct zt_error *e);
/* Inside a transaction: replaces the items of a centre; sets its name; ends it on day (history kept). */
enum zt_err store_support_centre_items_set(struct store *st, int64_t id, uint32_t items, struct zt_error *e);
enum zt_err store_support_centre_set_name(struct store *st, int64_t id, const char *name, struct zt_error *e);
enum zt_err store_support_centre_set_end(struct store *st, int64_t id, const char *day, struct zt_error *e);
/* A centre (ended or not) with its items into *out. ZT_ERR_NOTFOUND when absent, or a storage error. */
enum zt_err store_support_centre_get(struct store *st, int64_t id, struct support_centre *out, struct zt_error *e);
/* How many centres of a 二次医療圏 are in force today into *n. ZT_OK or a storage error. */
enum zt_err store_support_centres_in_force(struct store *st, int64_t medical_area_id, int64_t *n, struct zt_error *e);

/* Inside a transaction: sets or clears (since NULL) the 「要件を満たさなくなりました」 flag of a
 * designation. */
enum zt_err store_designation_set_unmet(struct store *st, int64_t id, const char *since, const char *reason,
					struct zt_error *e);
/* Inside a transaction: removes checklist item `item` of a designation when nobody has touched it
 * (status todo, no evidence, no dates); *removed says whether it did. */
enum zt_err store_designation_item_remove_untouched(struct store *st, int64_t id, const char *item, bool *removed,
						    struct zt_error *e);
/* The prefectures that hold designations in force of the institutions ids[0..n) (all designations in
 * force when ids is NULL) into *out (malloc'd array of 3-byte codes, caller frees). ZT_OK or a
 * storage error with nothing returned. */
enum zt_err store_designation_prefectures(struct store *st, const int64_t *ids, size_t n, char (**out)[3], size_t *nout,
					  struct zt_error *e);

/* The 相談窓口 of a municipality (拠点 ①): *institution_id 0 when none recorded. */
enum zt_err store_desk_get(struct store *st, const char *muni, int64_t *institution_id, struct zt_error *e);
/* Inside a transaction: records institution_id (0 clears) as the 相談窓口 of muni. */
enum zt_err store_desk_set(struct store *st, const char *muni, int64_t institution_id, struct zt_error *e);

/* Inside a transaction: replaces the member group of a 連携型 centre. */
enum zt_err store_support_centre_members_set(struct store *st, int64_t id, const int64_t *members, size_t n,
					     struct zt_error *e);
/* The number of centres set for a 二次医療圏 into *quota (1 when none is set). */
enum zt_err store_support_centre_quota(struct store *st, int64_t medical_area_id, int *quota, struct zt_error *e);
/* Inside a transaction: sets the number of centres the prefecture sets for a 二次医療圏 (0 clears: 原則1). */
enum zt_err store_support_centre_quota_set(struct store *st, int64_t medical_area_id, int quota, struct zt_error *e);

/* Adjacency pairs of a prefecture (each once, a < b) with names into *out (malloc'd, caller frees).
 * ZT_OK, or a storage error with nothing returned. */
enum zt_err store_adjacency(struct store *st, const char *pref, struct adjacency_pair **out, size_t *n,
			    struct zt_error *e);

#endif
