/*
 * Storage of designations (seed 001), their obligation checklists, support centres (seed 004) and
 * the snapshot of a prefecture the designation and coverage rules run on. Every write runs in
 * its own store_tx() together with its audit row (store_audit.h).
 */
#ifndef ZT_STORE_STORE_DESIGNATION_H
#define ZT_STORE_STORE_DESIGNATION_H

#include <jansson.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/designation.h"
#include "domain/obligations.h"

struct store;
struct zt_actor;

/*
 * Fills *w (zeroed first; free with desig_world_free) with prefecture pref: the municipalities
 * that belong to one of its 二次医療圏 or 圏域 (all of them when it has none), its institutions
 * with their standards, adjacency, 郡市医師会 coverage, areas, designations and support centres in
 * force today.
 */
enum zt_err store_desig_world(struct store *st, const char *pref, struct desig_world *w, struct zt_error *e);

/*
 * Stores a designation (d->id set on success) with the checklist items that apply to its role
 * (obligations.h; beds decide 急変時受入) and an audit row. ZT_ERR_CONFLICT when the same
 * institution already holds that role for that municipality.
 */
enum zt_err store_designation_create(struct store *st, struct dw_designation *d, int beds, const struct zt_actor *who, struct zt_error *e);

/* A designation (ended or not) by id as JSON (with valid_to, institution_name); NULL when absent. */
json_t *store_designation_json(struct store *st, int64_t id);
/* Municipality of a designation ("" when absent) for the policy. */
void store_designation_municipality(struct store *st, int64_t id, char out[7]);

/* Ends a designation today (history kept). ZT_ERR_NOTFOUND, or ZT_ERR_CONFLICT when already ended. */
enum zt_err store_designation_end(struct store *st, int64_t id, const char *reason, const struct zt_actor *who, struct zt_error *e);

/*
 * Read views as new JSON arrays (caller owns; empty on a storage error): past (ended) designations
 * of a prefecture, newest first; the checklist rows of a designation; adjacency pairs.
 */
/* Past (ended) designations of a prefecture, newest first. */
json_t *store_designation_history(struct store *st, const char *pref);

/* The checklist rows of a designation: item, status, evidence, due_date, done_date, updated_at. */
json_t *store_checklist(struct store *st, int64_t designation_id);
/* Replaces the given items (all or nothing). ZT_ERR_INVALID naming an item not on this checklist. */
enum zt_err store_checklist_put(struct store *st, int64_t designation_id, const struct oblig_item *items, size_t n,
				const struct zt_actor *who, struct zt_error *e);
/* Inside a transaction (demo): sets one item without an audit row. */
enum zt_err store_checklist_item_set(struct store *st, int64_t designation_id, const struct oblig_item *it);

/* Inside a transaction (demo, imports): a support centre for a 二次医療圏 with its items. */
enum zt_err store_support_centre_put(struct store *st, int64_t medical_area_id, int64_t institution_id,
				     enum sc_type type, const char *name, uint32_t items, int64_t *id);

/* Support centres through the API: each in its own transaction with an audit row. The prefecture
 * of a 二次医療圏 / of a centre goes into out ("" when absent). */
void store_medical_area_prefecture(struct store *st, int64_t medical_area_id, char out[3]);
void store_support_centre_prefecture(struct store *st, int64_t id, char out[3]);
enum zt_err store_support_centre_create(struct store *st, int64_t medical_area_id, int64_t institution_id,
					enum sc_type type, const char *name, uint32_t items, const struct zt_actor *who, int64_t *id, struct zt_error *e);
/* Replaces the items (and the name when not NULL) of a centre in force. */
enum zt_err store_support_centre_update(struct store *st, int64_t id, const char *name, uint32_t items,
					const struct zt_actor *who, struct zt_error *e);
/* Ends a centre today (history kept). ZT_ERR_NOTFOUND / ZT_ERR_CONFLICT when already ended. */
enum zt_err store_support_centre_end(struct store *st, int64_t id, const struct zt_actor *who,
				     struct zt_error *e);
/* A centre as JSON with its items (codes); NULL when absent. Number of centres in force in its area
 * goes into *in_area when not NULL. */
json_t *store_support_centre_json(struct store *st, int64_t id, int64_t *in_area);

/* Adjacency pairs of a prefecture (each once, a < b) with names. */
json_t *store_adjacency(struct store *st, const char *pref);

#endif
