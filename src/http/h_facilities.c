/*
 * /api/v1/facilities — the resource registry (地域資源).
 *   GET    /facilities        filters municipality, area, medical_area, kind, standard, capability
 *                             (repeatable, all must hold), h24, near=LAT,LON&within_km=KM, q,
 *                             limit (1–500, default 50), offset. 400 naming the parameter when bad.
 *   POST   /facilities        201 with the stored institution; 400/409 naming the field.
 *   GET    /facilities/{id}   200, or 404.
 *   PUT    /facilities/{id}   200; fields absent from the body keep their value; 400/404/409.
 *   DELETE /facilities/{id}   204, 404, or 409 when still referenced.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/codes.h"
#include "domain/text.h"
#include "http/routes.h"
#include "io/facility_json.h"
#include "store/store.h"

struct cap_ctx {
	uint32_t bits;
	char bad[128];
};

static void add_cap(const char *v, void *ctx)
{
	struct cap_ctx *c = ctx;
	int k = CAP_LOOKUP(v);
	if (k < 0) {
		if (!c->bad[0])
			snprintf(c->bad, sizeof c->bad, "%s", v);
	} else {
		c->bits |= 1u << k;
	}
}

static int parse_double(const char *s, double *out)
{
	char *end;
	errno = 0;
	double d = strtod(s, &end);
	if (s[0] == '\0' || *end || errno || !isfinite(d))
		return -1;
	*out = d;
	return 0;
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	if (!text_is_digits(s, 0) || strlen(s) > 9)
		return -1;
	long v = strtol(s, &end, 10);
	if (v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

#define BAD(field, msg) do { zt_fail(e, ZT_ERR_INVALID, field, msg); return ZT_ERR_INVALID; } while (0)

/* Parses the query string into flt; every bad parameter is a 400 naming it. */
static enum zt_err parse_filter(struct http_request *req, struct facility_filter *flt, struct zt_error *e)
{
	const char *v;
	long n;
	facility_filter_init(flt);
	if ((v = http_query(req, "municipality"))) {
		if (!text_is_digits(v, 6))
			BAD("municipality", "municipality は6桁の市町村コードで指定してください。");
		snprintf(flt->municipality, sizeof flt->municipality, "%s", v);
	}
	if ((v = http_query(req, "area"))) {
		if (parse_int(v, 1, 999999999, &n))
			BAD("area", "area は圏域のID（正の整数）で指定してください。");
		flt->care_area_id = n;
	}
	if ((v = http_query(req, "medical_area"))) {
		if (parse_int(v, 1, 999999999, &n))
			BAD("medical_area", "medical_area は二次医療圏のID（正の整数）で指定してください。");
		flt->medical_area_id = n;
	}
	if ((v = http_query(req, "kind"))) {
		if ((flt->kind = KIND_LOOKUP(v)) < 0)
			BAD("kind", "kind が不明な種別です。/api/v1/codes を参照してください。");
	}
	if ((v = http_query(req, "standard"))) {
		if ((flt->standard = STD_LOOKUP(v)) < 0)
			BAD("standard", "standard が不明な施設基準です。/api/v1/codes を参照してください。");
	}
	struct cap_ctx caps = {0};
	http_query_each(req, "capability", add_cap, &caps);
	if (caps.bad[0])
		return zt_fail(e, ZT_ERR_INVALID, "capability", "capability に不明なコード %s があります。", caps.bad);
	flt->capabilities = caps.bits;
	if ((v = http_query(req, "h24"))) {
		if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
			flt->h24 = 1;
		else if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
			flt->h24 = 0;
		else
			BAD("h24", "h24 は true か false で指定してください。");
	}
	if ((v = http_query(req, "q"))) {
		if (!text_valid_utf8(v) || strlen(v) >= sizeof flt->q)
			BAD("q", "q（名称検索）が長すぎるか、使用できない文字を含みます。");
		snprintf(flt->q, sizeof flt->q, "%s", v);
	}
	if ((v = http_query(req, "near"))) {
		char buf[64];
		snprintf(buf, sizeof buf, "%s", v);
		char *comma = strchr(buf, ',');
		if (comma == NULL)
			BAD("near", "near は 緯度,経度（例: 35.97,140.64）で指定してください。");
		*comma = '\0';
		if (parse_double(buf, &flt->near_lat) || parse_double(comma + 1, &flt->near_lon) ||
		    flt->near_lat < 20 || flt->near_lat > 46 || flt->near_lon < 122 || flt->near_lon > 154)
			BAD("near", "near は日本国内の 緯度,経度（例: 35.97,140.64）で指定してください。");
		flt->near = true;
		flt->within_km = 16.0;
	}
	if ((v = http_query(req, "within_km"))) {
		if (!flt->near)
			BAD("within_km", "within_km は near と一緒に指定してください。");
		if (parse_double(v, &flt->within_km) || flt->within_km <= 0 || flt->within_km > 500)
			BAD("within_km", "within_km は0より大きく500以下の数値で指定してください。");
	}
	if ((v = http_query(req, "limit"))) {
		if (parse_int(v, 1, 500, &n))
			BAD("limit", "limit は1〜500の整数で指定してください。");
		flt->limit = (int)n;
	}
	if ((v = http_query(req, "offset"))) {
		if (parse_int(v, 0, 100000000, &n))
			BAD("offset", "offset は0以上の整数で指定してください。");
		flt->offset = (int)n;
	}
	return ZT_OK;
}

void h_facilities_list(struct http_request *req, struct http_reply *rep)
{
	struct facility_filter flt;
	struct zt_error e;
	zt_error_clear(&e);
	if (parse_filter(req, &flt, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	struct facility *rows;
	size_t n, total;
	if (store_facility_search(req->store, &flt, &rows, &n, &total, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *items = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(items, facility_to_json(&rows[i]));
	free(rows);
	reply_json(rep, 200, json_pack("{s:o, s:I, s:i, s:i}", "items", items, "total", (json_int_t)total, "limit",
				       flt.limit, "offset", flt.offset));
}

struct save_ctx {
	struct facility *f;
	int create;
};

static enum zt_err save_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct save_ctx *c = ctx;
	return c->create ? store_facility_create(st, c->f, e) : store_facility_update(st, c->f, e);
}

/* Decodes, validates and stores; replies itself. */
static void save(struct http_request *req, struct http_reply *rep, struct facility *f, int create)
{
	struct zt_error e;
	zt_error_clear(&e);
	json_t *body = http_json_body(req, rep);
	if (body == NULL)
		return;
	enum zt_err r = facility_from_json(body, f, &e);
	json_decref(body);
	if (r == ZT_OK)
		r = facility_validate(f, &e);
	struct save_ctx c = {f, create};
	if (r == ZT_OK)
		r = store_tx(req->store, save_tx, &c, &e);
	if (r == ZT_OK)
		r = store_facility_get(req->store, f->id, f, &e);
	if (r != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_json(rep, create ? 201 : 200, facility_to_json(f));
}

void h_facilities_create(struct http_request *req, struct http_reply *rep)
{
	struct facility f;
	facility_init(&f);
	save(req, rep, &f, 1);
}

void h_facility_get(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct facility f;
	struct zt_error e;
	zt_error_clear(&e);
	if (store_facility_get(req->store, id, &f, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	json_t *o = facility_to_json(&f);
	json_object_set_new(o, "practitioners", store_facility_practitioners(req->store, id));
	json_object_set_new(o, "filings", store_facility_filings(req->store, id));
	reply_json(rep, 200, o);
}

void h_facility_put(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct facility f;
	struct zt_error e;
	zt_error_clear(&e);
	if (store_facility_get(req->store, id, &f, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	f.distance_km = -1;
	save(req, rep, &f, 0);
}

static enum zt_err delete_tx(struct store *st, void *ctx, struct zt_error *e)
{
	return store_facility_delete(st, *(int64_t *)ctx, e);
}

void h_facility_delete(struct http_request *req, struct http_reply *rep)
{
	int64_t id = http_param_id(req, rep, 0);
	if (id == 0)
		return;
	struct zt_error e;
	zt_error_clear(&e);
	if (store_tx(req->store, delete_tx, &id, &e) != ZT_OK) {
		reply_error(rep, &e);
		return;
	}
	reply_bytes(rep, 204, "text/plain", "", 0);
}
