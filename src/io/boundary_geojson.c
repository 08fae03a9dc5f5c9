/* Reads 国土数値情報 N03 GeoJSON into simplified municipality boundaries (issue 12 §7; see
 * boundary_geojson.h). */
#include "io/boundary_geojson.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/geo.h"
#include "domain/geoshape.h"
#include "domain/text.h"

#define FAIL(feature, field, ...) \
	do { \
		zt_fail(e, ZT_ERR_INVALID, field, __VA_ARGS__); \
		if (e) \
			e->line = (feature); \
		goto fail; \
	} while (0)

/* Simplifies ring (a JSON array of [lon, lat]) into a new JSON array; NULL with *bad set when a
 * position is not two numbers in Japan; an empty array when the ring collapses. */
static json_t *ring_simplified(json_t *ring, double tol, long *points, int *bad)
{
	size_t n = json_array_size(ring);
	double *xy = malloc((n ? n : 1) * 2 * sizeof *xy);
	unsigned char *work = malloc(n ? n : 1);
	if (xy == NULL || work == NULL)
		abort();
	for (size_t i = 0; i < n; i++) {
		json_t *p = json_array_get(ring, i);
		json_t *x = json_array_get(p, 0), *y = json_array_get(p, 1);
		if (!json_is_number(x) || !json_is_number(y) || !geo_in_japan(json_number_value(y), json_number_value(x))) {
			*bad = 1;
			free(xy);
			free(work);
			return NULL;
		}
		xy[2 * i] = json_number_value(x);
		xy[2 * i + 1] = json_number_value(y);
	}
	size_t k = geo_simplify(xy, n, tol, work);
	json_t *out = json_array();
	if (k >= 4) {
		for (size_t i = 0; i < k; i++)
			json_array_append_new(out, json_pack("[f,f]", xy[2 * i], xy[2 * i + 1]));
		*points += (long)k;
	}
	free(xy);
	free(work);
	return out;
}

/* Appends the simplified polygons of geometry g to polys; -1 on a bad shape. */
static int add_polygons(json_t *polys, json_t *g, double tol, long *points)
{
	const char *type = json_string_value(json_object_get(g, "type"));
	json_t *coords = json_object_get(g, "coordinates");
	if (type == NULL || !json_is_array(coords))
		return -1;
	int multi = strcmp(type, "MultiPolygon") == 0;
	if (!multi && strcmp(type, "Polygon") != 0)
		return -1;
	size_t np = multi ? json_array_size(coords) : 1;
	for (size_t i = 0; i < np; i++) {
		json_t *poly = multi ? json_array_get(coords, i) : coords;
		if (!json_is_array(poly))
			return -1;
		json_t *out = json_array();
		size_t r;
		json_t *ring;
		json_array_foreach(poly, r, ring) {
			int bad = 0;
			if (!json_is_array(ring)) {
				json_decref(out);
				return -1;
			}
			json_t *s = ring_simplified(ring, tol, points, &bad);
			if (bad) {
				json_decref(out);
				return -1;
			}
			if (json_array_size(s) > 0 || r > 0)
				json_array_append_new(out, s);
			else
				json_decref(s);
			if (r == 0 && json_array_size(out) == 0)
				break; /* the outer ring collapsed: the polygon is too small to draw */
		}
		if (json_array_size(out) > 0)
			json_array_append_new(polys, out);
		else
			json_decref(out);
	}
	return 0;
}

enum zt_err boundary_geojson_parse(const char *data, size_t len, double tol, struct boundary_set *out,
				   struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	json_error_t je;
	json_t *root = json_loadb(data, len, 0, &je), *by_code = json_object(), *names = json_object();
	json_t *features = json_object_get(root, "features");
	if (root == NULL) {
		zt_fail(e, ZT_ERR_INVALID, "body", "GeoJSON として読めません（%d行%d列: %s）。", je.line, je.column, je.text);
		if (e)
			e->line = je.line;
		json_decref(by_code);
		json_decref(names);
		return ZT_ERR_INVALID;
	}
	if (!json_is_array(features) || !json_is_string(json_object_get(root, "type")) || strcmp(json_string_value(json_object_get(root, "type")), "FeatureCollection") != 0)
		FAIL(0, "type", "GeoJSON の FeatureCollection ではありません（国土数値情報「行政区域」N03 の GeoJSON を指定してください）。");
	size_t i;
	json_t *f;
	json_array_foreach(features, i, f) {
		long no = (long)i + 1;
		out->features++;
		json_t *props = json_object_get(f, "properties");
		json_t *code = json_object_get(props, "N03_007");
		if (code == NULL || json_is_null(code)) {
			if (!json_is_object(props) || !json_object_get(props, "N03_001"))
				FAIL(no, "N03_007", "%ld番目の地物に行政区域コード（N03_007）がありません。", no);
			out->skipped++; /* 所属未定地 */
			continue;
		}
		const char *c = json_string_value(code);
		if (c == NULL || !text_is_digits(c, 5))
			FAIL(no, "N03_007", "%ld番目の地物の行政区域コード（N03_007）が5桁の数字ではありません。", no);
		json_t *polys = json_object_get(by_code, c);
		if (polys == NULL) {
			polys = json_array();
			json_object_set_new(by_code, c, polys);
			const char *city = json_string_value(json_object_get(props, "N03_004"));
			const char *ward = json_string_value(json_object_get(props, "N03_005"));
			char name[256];
			snprintf(name, sizeof name, "%s%s", city ? city : "", ward ? ward : "");
			json_object_set_new(names, c, json_string(text_valid_utf8(name) ? name : ""));
		}
		if (add_polygons(polys, json_object_get(f, "geometry"), tol, &out->points) != 0)
			FAIL(no, "geometry", "%ld番目の地物（%s）の形状が Polygon / MultiPolygon ではないか、座標が日本国内にありません。", no, c);
	}
	if (json_object_size(by_code) == 0)
		FAIL(0, "features", "行政区域コードのある地物が一つもありません。");
	out->items = calloc(json_object_size(by_code), sizeof *out->items);
	if (out->items == NULL)
		abort();
	const char *key;
	json_t *polys;
	json_object_foreach(by_code, key, polys) {
		struct boundary_item *it = &out->items[out->n++];
		snprintf(it->code5, sizeof it->code5, "%s", key);
		snprintf(it->name, sizeof it->name, "%s", json_string_value(json_object_get(names, key)));
		json_t *g = json_pack("{s:s, s:O}", "type", "MultiPolygon", "coordinates", polys);
		it->geometry = json_dumps(g, JSON_COMPACT | JSON_REAL_PRECISION(9));
		json_decref(g);
		if (it->geometry == NULL)
			abort();
	}
	json_decref(root);
	json_decref(by_code);
	json_decref(names);
	return ZT_OK;
fail:
	json_decref(root);
	json_decref(by_code);
	json_decref(names);
	boundary_set_free(out);
	return ZT_ERR_INVALID;
}

void boundary_set_free(struct boundary_set *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n; i++)
		free(s->items[i].geometry);
	free(s->items);
	s->items = NULL;
	s->n = 0;
}
