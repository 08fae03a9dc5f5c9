/* Municipality boundaries from N03 GeoJSON as a use case: parse, map codes, store in one
 * transaction with the audit row (issue 12 §7; see app_boundaries.h). */
#include "app/app_boundaries.h"

#include <jansson.h>
#include <string.h>

#include "io/boundary_geojson.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_boundary.h"

struct import_tx {
	const struct zt_actor *who;
	const struct boundary_set *set;
	const char *source;
	struct boundary_summary *sum;
};

static enum zt_err import_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct import_tx *t = ctx;
	enum zt_err r = ZT_OK;
	for (size_t i = 0; i < t->set->n && r == ZT_OK; i++) {
		char code6[7];
		r = store_boundary_code6(st, t->set->items[i].code5, code6, e);
		if (r == ZT_OK)
			r = store_boundary_put(st, code6, t->set->items[i].geometry, t->source, e);
	}
	for (size_t i = 0; i < t->set->noutlines && r == ZT_OK; i++)
		r = store_prefecture_outline_put(st, t->set->outlines[i].pref, t->set->outlines[i].geometry, t->source, e);
	if (r == ZT_OK) {
		json_t *after = json_pack("{s:s, s:s, s:I, s:I}", "kind", "boundaries", "source", t->source,
					  "municipalities", (json_int_t)t->set->n, "points", (json_int_t)t->set->points);
		r = audit_append(st, t->who, "import", "boundary", 0, NULL, NULL, after, e);
		json_decref(after);
	}
	return r;
}

enum zt_err app_boundaries_import(struct store *st, const struct zt_actor *who, const char *data, size_t len,
				  const char *source, struct boundary_summary *sum, struct zt_error *e)
{
	memset(sum, 0, sizeof *sum);
	struct boundary_set set;
	enum zt_err r = boundary_geojson_parse(data, len, BOUNDARY_TOLERANCE, &set, e);
	if (r != ZT_OK)
		return r;
	sum->features = set.features;
	sum->skipped = set.skipped;
	sum->points = set.points;
	struct import_tx t = {who, &set, source ? source : "", sum};
	r = store_tx(st, import_tx, &t, e);
	if (r == ZT_OK)
		sum->municipalities = (long)set.n;
	boundary_set_free(&set);
	return r;
}
