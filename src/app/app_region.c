/* Region set-up use cases (issue 12 §1; see app_region.h). */
#include "app/app_region.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/clock.h"
#include "domain/facility.h"
#include "io/facility_json.h"
#include "io/refdata.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_region.h"

struct put_ctx {
	const struct zt_actor *who;
	enum region_kind k;
	const char *pref;
	const struct region_row *rows;
	size_t n;
	bool from_file;
	long created;
};

/* A 郡市医師会 named for the first time: an institution at its first municipality's office. */
static enum zt_err create_association(struct store *st, struct put_ctx *c, const struct region_row *r,
				      struct zt_error *e)
{
	struct facility f;
	facility_init(&f);
	f.kind = KIND_MEDICAL_ASSOCIATION;
	snprintf(f.name, sizeof f.name, "%s", r->name);
	snprintf(f.municipality_code, sizeof f.municipality_code, "%s", r->muni);
	if (store_municipality_office(st, r->muni, &f.lat, &f.lon) == ZT_OK) {
		f.has_coord = true;
		snprintf(f.coord_source, sizeof f.coord_source, "municipality_office");
		snprintf(f.coord_precision, sizeof f.coord_precision, "municipality");
		zt_today_jst(f.coord_date);
	}
	enum zt_err rc = facility_validate(&f, e);
	if (rc == ZT_OK)
		rc = store_facility_create(st, &f, e);
	if (rc == ZT_OK) {
		json_t *after = facility_to_json(&f);
		rc = audit_append(st, c->who, "create", "facility", f.id, f.municipality_code, NULL, after, e);
		json_decref(after);
	}
	if (rc != ZT_OK && e) {
		char msg[sizeof e->message];
		snprintf(msg, sizeof msg, "%ld行目「郡市医師会」: %.400s", r->line, e->message);
		snprintf(e->message, sizeof e->message, "%s", msg);
		e->line = r->line;
	}
	if (rc == ZT_OK)
		c->created++;
	return rc;
}

static enum zt_err put_tx(struct store *st, void *p, struct zt_error *e)
{
	struct put_ctx *c = p;
	for (size_t i = 0; i < c->n; i++) {
		const struct region_row *r = &c->rows[i];
		const char *codes[2] = {r->muni, c->k == REGION_ADJACENCY ? r->other : NULL};
		const char *cols[2] = {"市町村コード", "隣接市町村コード"};
		for (int j = 0; j < 2 && codes[j]; j++)
			if (!store_municipality_exists(st, codes[j])) {
				zt_fail(e, ZT_ERR_INVALID, cols[j], "%ld行目「%s」: 市町村コード %s は登録されていません。", r->line,
					cols[j], codes[j]);
				e->line = r->line;
				return ZT_ERR_INVALID;
			}
		if (c->k == REGION_ASSOCIATIONS) {
			int64_t id = 0;
			enum zt_err rc = store_association_find(st, r->name, &id, e);
			if (rc == ZT_OK && id == 0)
				rc = create_association(st, c, r, e);
			if (rc != ZT_OK)
				return rc;
		}
	}
	json_t *before = store_region_view(st, c->k, c->pref);
	enum zt_err rc = before ? store_region_replace(st, c->k, c->pref, c->rows, c->n, e) : ZT_ERR_DB;
	json_t *after = rc == ZT_OK ? store_region_view(st, c->k, c->pref) : NULL;
	if (rc == ZT_OK && after == NULL)
		rc = zt_fail(e, ZT_ERR_DB, "", "データベースの処理に失敗しました。");
	if (rc == ZT_OK) {
		char type[33];
		snprintf(type, sizeof type, "region_%s", c->k == REGION_MEDICAL_AREAS ? "medical_areas"
							 : c->k == REGION_CARE_AREAS  ? "care_areas"
							 : c->k == REGION_ASSOCIATIONS ? "associations"
							 : c->k == REGION_POPULATION   ? "population"
							 : c->k == REGION_OFFICES      ? "offices"
										       : "adjacency");
		json_t *b = json_pack("{s:s, s:O}", "prefecture", c->pref, "rows", before);
		json_t *a = json_pack("{s:s, s:O}", "prefecture", c->pref, "rows", after);
		rc = audit_append(st, c->who, c->from_file ? "import" : "update", type, 0, "", b, a, e);
		json_decref(b);
		json_decref(a);
	}
	json_decref(before);
	json_decref(after);
	return rc;
}

enum zt_err app_region_put(struct store *st, const struct zt_actor *who, enum region_kind k, const char *pref,
			   const struct region_row *rows, size_t n, bool from_file, long *created, struct zt_error *e)
{
	if (created)
		*created = 0;
	enum zt_err rc = region_validate(k, pref, rows, n, e);
	if (rc != ZT_OK)
		return rc;
	struct put_ctx c = {who, k, pref, rows, n, from_file, 0};
	rc = store_tx(st, put_tx, &c, e);
	if (rc == ZT_OK && created)
		*created = c.created;
	return rc;
}

/* ---- office names and positions at init ---- */

struct office_load {
	struct store *st;
	char city_code[7], city_name[64]; /* the last designated city seen: its wards follow it */
};

static enum zt_err name_place(const struct refdata_place *pl, void *p)
{
	struct office_load *o = p;
	if (strcmp(pl->type, "prefecture") == 0)
		return ZT_OK;
	if (strcmp(pl->type, "ward") != 0) {
		snprintf(o->city_code, sizeof o->city_code, "%s", pl->code);
		snprintf(o->city_name, sizeof o->city_name, "%s", pl->name);
	}
	bool own_city = strcmp(pl->parent_code, o->city_code) == 0;
	char office[160];
	region_office_name(pl->type, pl->name, own_city ? o->city_name : "", office, sizeof office);
	return store_municipality_office_put(o->st, pl->code, office, 0, 0, false);
}

static enum zt_err place_office(const struct refdata_office *of, void *p)
{
	struct office_load *o = p;
	if (!store_municipality_exists(o->st, of->code))
		return ZT_OK; /* an office of a code the list lacks: nothing to attach it to */
	return store_municipality_office_put(o->st, of->code, NULL, of->lat, of->lon, true);
}

static enum zt_err offices_tx(struct store *st, void *p, struct zt_error *e)
{
	struct office_load *o = p;
	enum zt_err rc = refdata_each_place(name_place, o, e);
	return rc == ZT_OK ? refdata_each_office(place_office, o, e) : rc;
}

enum zt_err app_region_load_offices(struct store *st, struct zt_error *e)
{
	struct office_load o = {.st = st};
	return store_tx(st, offices_tx, &o, e);
}
