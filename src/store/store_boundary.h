/* Municipality boundaries for the map (issue 12 §7): stored simplified GeoJSON per municipality. */
#ifndef ZT_STORE_STORE_BOUNDARY_H
#define ZT_STORE_STORE_BOUNDARY_H

#include "core/error.h"

struct store;

/* The 6-digit municipality code whose first five digits are code5 (N03's 行政区域コード has no
 * check digit) into code6; ZT_ERR_NOTFOUND when no municipality has it, or a storage error. */
enum zt_err store_boundary_code6(struct store *st, const char *code5, char code6[7], struct zt_error *e);
/* Inside a transaction: stores (replacing) the boundary of municipality code6. */
enum zt_err store_boundary_put(struct store *st, const char *code6, const char *geometry, const char *source,
			       struct zt_error *e);
/* Inside a transaction: stores (replacing) the outline of prefecture pref (MultiLineString text). */
enum zt_err store_prefecture_outline_put(struct store *st, const char *pref, const char *geometry, const char *source,
				       struct zt_error *e);
/* The boundaries of prefecture pref ("08") as a GeoJSON FeatureCollection text (malloc'd, *len
 * bytes; the caller frees): its municipalities (properties kind "municipality", code, name), then
 * its outline (kind "prefecture", code "08", name). NULL on a storage error. */
char *store_boundaries_geojson(struct store *st, const char *pref, size_t *len);

#endif
