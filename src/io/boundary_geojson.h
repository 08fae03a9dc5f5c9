/* 国土数値情報「行政区域」(N03) GeoJSON → municipality boundaries for the map (issue 12 §7). */
#ifndef ZT_IO_BOUNDARY_GEOJSON_H
#define ZT_IO_BOUNDARY_GEOJSON_H

#include <stddef.h>

#include "core/error.h"

/* One municipality's boundary: the merged, simplified polygons of every feature with its code. */
struct boundary_item {
	char code5[6];   /* N03_007: 行政区域コード, 5 digits (no check digit) */
	char name[256];  /* N03_004 (+ N03_005 ward of a designated city) */
	char *geometry;  /* GeoJSON MultiPolygon text, owned */
	long points;
};

/* The outline of a prefecture: the borders of its municipalities that no other municipality of
 * the same prefecture in the file shares (coast and prefecture borders), as lines. */
struct boundary_outline {
	char pref[3];    /* "08" */
	char *geometry;  /* GeoJSON MultiLineString text, owned */
};

struct boundary_set {
	struct boundary_item *items;
	size_t n;
	struct boundary_outline outlines[47];
	size_t noutlines;
	long features;   /* features read */
	long skipped;    /* features without a code (所属未定地) */
	long points;     /* points kept after simplification */
};

/*
 * Parses an N03 GeoJSON FeatureCollection (UTF-8; as published, or a per-prefecture cut of it):
 * every feature needs properties.N03_007 (5 digits, or null for 所属未定地, which is skipped) and a
 * Polygon or MultiPolygon geometry with coordinates inside Japan. Rings are simplified with tol
 * degrees (geo_simplify). On error nothing is returned: ZT_ERR_INVALID with e->line the 1-based
 * feature number and e->field the member at fault. The caller frees *out with boundary_set_free.
 */
enum zt_err boundary_geojson_parse(const char *data, size_t len, double tol, struct boundary_set *out,
				   struct zt_error *e);
void boundary_set_free(struct boundary_set *s);

#endif
