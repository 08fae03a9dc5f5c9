/*
 * 公表 of designations (issue 12 §8): a confirmed designation is public only once published by the
 * role that may publish. Groups keep theirs in store_groups.h. Writers run inside store_tx().
 */
#ifndef ZT_STORE_STORE_PUBLISH_H
#define ZT_STORE_STORE_PUBLISH_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

struct store;

/* The municipality of designation id in force into muni[7], and whether it is published.
 * ZT_ERR_NOTFOUND when there is no such designation in force. */
enum zt_err store_designation_pub_state(struct store *st, int64_t id, char muni[7], int *published, struct zt_error *e);
/* In a transaction: publishes designation id (by: the actor's label) or withdraws it (by NULL). */
enum zt_err store_designation_publish(struct store *st, int64_t id, const char *by, struct zt_error *e);
/* Ids of the designations in force not yet published into a malloc'd *ids (caller frees). */
enum zt_err store_designations_unpublished(struct store *st, int64_t **ids, size_t *n, struct zt_error *e);
/* The designations in force of prefecture pref not yet published, as a new JSON array of
 * {id, municipality, municipality_name, institution_id, institution_name, role, plan_period,
 * valid_from} (caller owns); NULL on a storage error (*e filled). */
json_t *store_designations_unpublished_json(struct store *st, const char *pref, struct zt_error *e);
/* Ids of the published designations into a malloc'd *ids (caller frees; NULL when none). */
enum zt_err store_designations_published(struct store *st, int64_t **ids, size_t *n, struct zt_error *e);

#endif
