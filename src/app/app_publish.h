/*
 * 公表 of designations (issue 12 §8): a confirmed designation becomes public only after an explicit
 * publication by the role that may publish (ACT_PUBLISH); the public listing shows published ones
 * only. (Groups are published through app_group_publish in app_groups.h.)
 */
#ifndef ZT_APP_APP_PUBLISH_H
#define ZT_APP_APP_PUBLISH_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "auth/auth.h"
#include "core/actor.h"
#include "core/error.h"
#include "domain/designation.h"

struct store;

/* Publishes (publish true) or withdraws designation id in force, with its audit row
 * ("publish"/"unpublish", object_type designation). ACT_PUBLISH on its municipality.
 * ZT_ERR_NOTFOUND, ZT_ERR_CONFLICT when already in that state, ZT_ERR_FORBIDDEN, storage errors. */
enum zt_err app_designation_publish(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				    int64_t id, bool publish, struct zt_error *e);

/* The world of prefecture pref for the public listing: designations not published are left out.
 * *w as store_desig_world (free with desig_world_free). */
enum zt_err app_public_desig_world(struct store *st, const char *pref, struct desig_world *w, struct zt_error *e);

/* The designations of prefecture pref waiting for 公表 (ACT_PUBLISH in that prefecture) as a new
 * JSON array into *out (see store_designations_unpublished_json). */
enum zt_err app_designations_unpublished(struct store *st, const struct auth_ctx *auth, const char *pref,
					 json_t **out, struct zt_error *e);

/* The demo loader: publishes every designation in force (as the system). */
enum zt_err app_designations_publish_all_system(struct store *st, int *count, struct zt_error *e);

#endif
