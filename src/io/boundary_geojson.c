/* Reads 国土数値情報 N03 GeoJSON into simplified municipality boundaries (issue 12 §7; see
 * boundary_geojson.h). */
#include "io/boundary_geojson.h"

#include <jansson.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
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

/* ---- prefecture outlines: the edges of a prefecture's municipalities that no other municipality
 * of the same prefecture shares (computed on the raw rings, whose shared borders have identical
 * vertices, before anything is simplified) ---- */

struct edge {
	int64_t ax, ay, bx, by; /* as first seen (ring orientation), quantized to 1e-7° */
	int pref;               /* 1–47; 0 = empty slot */
	int count;
	int used;               /* while chaining */
};

struct edges {
	struct edge *t;
	size_t cap, n; /* cap a power of two */
};

static uint64_t edge_hash(int pref, int64_t ax, int64_t ay, int64_t bx, int64_t by)
{
	/* the same for both directions: the smaller end first */
	if (ax > bx || (ax == bx && ay > by)) {
		int64_t tx = ax, ty = ay;
		ax = bx, ay = by, bx = tx, by = ty;
	}
	uint64_t h = 1469598103934665603ULL ^ (uint64_t)pref;
	int64_t v[4] = {ax, ay, bx, by};
	for (int i = 0; i < 4; i++)
		h = (h ^ (uint64_t)v[i]) * 1099511628211ULL;
	return h ^ (h >> 29);
}

static bool edge_same(const struct edge *e, int pref, int64_t ax, int64_t ay, int64_t bx, int64_t by)
{
	return e->pref == pref && ((e->ax == ax && e->ay == ay && e->bx == bx && e->by == by) ||
				   (e->ax == bx && e->ay == by && e->bx == ax && e->by == ay));
}

static void edges_grow(struct edges *es);

static void edge_add(struct edges *es, int pref, int64_t ax, int64_t ay, int64_t bx, int64_t by)
{
	if (ax == bx && ay == by)
		return;
	if (2 * (es->n + 1) > es->cap)
		edges_grow(es);
	size_t i = edge_hash(pref, ax, ay, bx, by) & (es->cap - 1);
	while (es->t[i].pref && !edge_same(&es->t[i], pref, ax, ay, bx, by))
		i = (i + 1) & (es->cap - 1);
	if (es->t[i].pref == 0) {
		es->t[i] = (struct edge){ax, ay, bx, by, pref, 0, 0};
		es->n++;
	}
	es->t[i].count++;
}

static void edges_grow(struct edges *es)
{
	struct edges g = {calloc(es->cap ? es->cap * 2 : 1024, sizeof *g.t), es->cap ? es->cap * 2 : 1024, 0};
	if (g.t == NULL)
		abort();
	for (size_t i = 0; i < es->cap; i++) {
		struct edge *e = &es->t[i];
		if (!e->pref)
			continue;
		size_t j = edge_hash(e->pref, e->ax, e->ay, e->bx, e->by) & (g.cap - 1);
		while (g.t[j].pref)
			j = (j + 1) & (g.cap - 1);
		g.t[j] = *e;
		g.n++;
	}
	free(es->t);
	*es = g;
}

/* Adds the edges of a raw ring (JSON [[lon, lat], …]) of prefecture pref. */
static void ring_edges(struct edges *es, int pref, json_t *ring)
{
	size_t n = json_array_size(ring);
	for (size_t i = 0; i + 1 < n; i++) {
		json_t *p = json_array_get(ring, i), *q = json_array_get(ring, i + 1);
		edge_add(es, pref, llround(json_number_value(json_array_get(p, 0)) * 1e7),
			 llround(json_number_value(json_array_get(p, 1)) * 1e7),
			 llround(json_number_value(json_array_get(q, 0)) * 1e7),
			 llround(json_number_value(json_array_get(q, 1)) * 1e7));
	}
}

/* An unshared edge by its start point, for chaining. */
struct ekey {
	int64_t ax, ay;
	size_t i; /* slot in the edge table */
};

static int ekey_cmp(const void *a, const void *b)
{
	const struct ekey *x = a, *y = b;
	if (x->ax != y->ax)
		return x->ax < y->ax ? -1 : 1;
	if (x->ay != y->ay)
		return x->ay < y->ay ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* An unused unshared edge starting at (x, y), or NULL (binary search in the sorted keys). */
static struct edge *edge_from(struct edges *es, const struct ekey *keys, size_t m, int64_t x, int64_t y)
{
	size_t lo = 0, hi = m;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (keys[mid].ax < x || (keys[mid].ax == x && keys[mid].ay < y))
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < m && keys[lo].ax == x && keys[lo].ay == y; lo++)
		if (!es->t[keys[lo].i].used)
			return &es->t[keys[lo].i];
	return NULL;
}

/* The outline of prefecture pref as a GeoJSON MultiLineString text (malloc'd): its unshared edges
 * chained into lines (coast and borders with other prefectures) and simplified with tol; NULL when
 * it has none. */
static char *prefecture_outline(struct edges *es, int pref, double tol, long *points)
{
	size_t m = 0;
	for (size_t i = 0; i < es->cap; i++)
		m += es->t[i].pref == pref && es->t[i].count == 1;
	if (m == 0)
		return NULL;
	struct ekey *keys = malloc(m * sizeof *keys);
	double *xy = malloc((m + 1) * 2 * sizeof *xy);
	unsigned char *work = malloc(m + 1);
	if (keys == NULL || xy == NULL || work == NULL)
		abort();
	m = 0;
	for (size_t i = 0; i < es->cap; i++)
		if (es->t[i].pref == pref && es->t[i].count == 1)
			keys[m++] = (struct ekey){es->t[i].ax, es->t[i].ay, i};
	qsort(keys, m, sizeof *keys, ekey_cmp);
	json_t *lines = json_array();
	for (size_t k = 0; k < m; k++) {
		struct edge *e = &es->t[keys[k].i];
		if (e->used)
			continue;
		size_t n = 0;
		e->used = 1;
		xy[n++] = (double)e->ax / 1e7, xy[n++] = (double)e->ay / 1e7;
		xy[n++] = (double)e->bx / 1e7, xy[n++] = (double)e->by / 1e7;
		for (struct edge *f; (f = edge_from(es, keys, m, e->bx, e->by)) != NULL; e = f) {
			f->used = 1;
			xy[n++] = (double)f->bx / 1e7, xy[n++] = (double)f->by / 1e7;
		}
		size_t kept = geo_simplify(xy, n / 2, tol, work);
		if (kept >= 2) {
			json_t *line = json_array();
			for (size_t i = 0; i < kept; i++)
				json_array_append_new(line, json_pack("[f,f]", xy[2 * i], xy[2 * i + 1]));
			json_array_append_new(lines, line);
			*points += (long)kept;
		}
	}
	free(keys);
	free(xy);
	free(work);
	json_t *g = json_pack("{s:s, s:o}", "type", "MultiLineString", "coordinates", lines);
	char *text = json_dumps(g, JSON_COMPACT | JSON_REAL_PRECISION(9));
	json_decref(g);
	return text;
}

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

/* Appends the simplified polygons of geometry g to polys (and its raw edges to es for prefecture
 * pref); -1 on a bad shape. */
static int add_polygons(json_t *polys, json_t *g, double tol, long *points, struct edges *es, int pref)
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
			ring_edges(es, pref, ring);
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
	struct edges es = {0};
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
		int pref = (c[0] - '0') * 10 + (c[1] - '0');
		if (pref < 1 || pref > 47)
			FAIL(no, "N03_007", "%ld番目の地物の行政区域コード（N03_007）%s の都道府県（先頭2桁）が 01〜47 ではありません。", no, c);
		if (add_polygons(polys, json_object_get(f, "geometry"), tol, &out->points, &es, pref) != 0)
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
	for (int pref = 1; pref <= 47; pref++) {
		char *g = prefecture_outline(&es, pref, tol, &out->points);
		if (g == NULL)
			continue;
		struct boundary_outline *o = &out->outlines[out->noutlines++];
		snprintf(o->pref, sizeof o->pref, "%02d", pref);
		o->geometry = g;
	}
	free(es.t);
	json_decref(root);
	json_decref(by_code);
	json_decref(names);
	return ZT_OK;
fail:
	free(es.t);
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
	for (size_t i = 0; i < s->noutlines; i++)
		free(s->outlines[i].geometry);
	free(s->items);
	s->items = NULL;
	s->n = s->noutlines = 0;
}
