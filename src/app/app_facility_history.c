/* The history of an institution from the audit trail (issue 12 §8; see app_facility_history.h). */
#include "app/app_facility_history.h"

#include <string.h>

#include "auth/policy.h"
#include "domain/facility.h"
#include "store/store.h"
#include "store/store_audit.h"

static const char *const keep[] = {"id", "at", "actor_username", "actor_role", "action", "before", "after"};

static int add_row(json_t *row, void *ctx)
{
	json_t *o = json_object();
	for (size_t i = 0; i < sizeof keep / sizeof keep[0]; i++) {
		json_t *v = json_object_get(row, keep[i]);
		json_object_set(o, keep[i], v ? v : json_null());
	}
	json_array_append_new(ctx, o);
	return 0;
}

enum zt_err app_facility_history(struct store *st, const struct auth_ctx *auth, int64_t id, json_t **out,
				 struct zt_error *e)
{
	*out = NULL;
	struct facility f;
	enum zt_err r = store_facility_get(st, id, &f, e);
	if (r != ZT_OK)
		return r;
	struct policy_object o = {.municipality = f.municipality_code};
	r = policy_check(st, auth, ACT_REGISTRY_WRITE, &o, e);
	if (r != ZT_OK)
		return r;
	struct audit_filter flt;
	audit_filter_init(&flt);
	snprintf(flt.object_type, sizeof flt.object_type, "facility");
	flt.object_id = id;
	flt.limit = FACILITY_HISTORY_MAX;
	json_t *arr = json_array();
	r = audit_each(st, &flt, add_row, arr, e);
	if (r != ZT_OK) {
		json_decref(arr);
		return r;
	}
	*out = arr;
	return ZT_OK;
}
