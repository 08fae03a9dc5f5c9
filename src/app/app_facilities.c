/* Registry use cases (see app_facilities.h): the change and its audit row commit together. */
#include "app/app_facilities.h"

#include <jansson.h>

#include "app/app_designation.h"
#include "core/actor.h"

#include "io/facility_json.h"
#include "store/store.h"
#include "store/store_audit.h"

struct save_ctx {
	struct facility *f;
	int create;
	const struct zt_actor *who;
};

/* The stored institution as JSON for the audit trail; NULL when it cannot be read. */
static json_t *stored_json(struct store *st, int64_t id)
{
	struct facility f;
	return store_facility_get(st, id, &f, NULL) == ZT_OK ? facility_to_json(&f) : NULL;
}

static enum zt_err save_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct save_ctx *c = ctx;
	struct facility old;
	bool have_old = !c->create && store_facility_get(st, c->f->id, &old, NULL) == ZT_OK;
	json_t *before = have_old ? facility_to_json(&old) : NULL;
	enum zt_err r = c->create ? store_facility_create(st, c->f, e) : store_facility_update(st, c->f, e);
	/* who confirmed which fact when (issue 12 §3): the facts whose state this save changes */
	if (r == ZT_OK)
		r = store_facility_confirm(st, have_old ? &old : NULL, c->f, c->who ? c->who->username : NULL, e);
	if (r == ZT_OK) {
		json_t *after = stored_json(st, c->f->id);
		r = audit_append(st, c->who, c->create ? "create" : "update", "facility", c->f->id, c->f->municipality_code,
				 before, after, e);
		json_decref(after);
	}
	/* designations in force resting on this institution are re-checked against its new facts, in the
	 * same transaction (issue 13 item 8) */
	if (r == ZT_OK && !c->create)
		r = app_designation_recheck(st, c->who, &c->f->id, 1, NULL, e);
	json_decref(before);
	return r;
}

enum zt_err app_facility_save(struct store *st, const struct zt_actor *who, struct facility *f, int create,
			      struct zt_error *e)
{
	struct save_ctx c = {f, create, who};
	enum zt_err r = store_tx(st, save_tx, &c, e);
	if (r == ZT_OK)
		r = store_facility_get(st, f->id, f, e);
	return r;
}

struct delete_ctx {
	int64_t id;
	const struct zt_actor *who;
};

static enum zt_err delete_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct delete_ctx *c = ctx;
	struct facility old;
	enum zt_err r = store_facility_get(st, c->id, &old, e);
	if (r == ZT_OK)
		r = store_facility_delete(st, c->id, e);
	if (r == ZT_OK) {
		json_t *before = facility_to_json(&old);
		r = audit_append(st, c->who, "delete", "facility", c->id, old.municipality_code, before, NULL, e);
		json_decref(before);
	}
	return r;
}

enum zt_err app_facility_delete(struct store *st, const struct zt_actor *who, int64_t id, struct zt_error *e)
{
	struct delete_ctx c = {id, who};
	return store_tx(st, delete_tx, &c, e);
}
