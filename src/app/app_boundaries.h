/* Importing municipality boundaries (国土数値情報「行政区域」N03 GeoJSON) for the map (issue 12 §7). */
#ifndef ZT_APP_APP_BOUNDARIES_H
#define ZT_APP_APP_BOUNDARIES_H

#include <stddef.h>

#include "core/error.h"

struct store;
struct zt_actor;

struct boundary_summary {
	long features, skipped, municipalities, points;
};

/* Simplification tolerance of stored boundaries, degrees (about 20 m). */
#define BOUNDARY_TOLERANCE 0.0002

/*
 * Parses data (N03 GeoJSON, io/boundary_geojson.h), maps each 5-digit 行政区域コード to a stored
 * municipality and stores every boundary (replacing earlier ones) with one audit row, in one
 * transaction. All or nothing: a bad feature (e->line its number) or a code with no municipality
 * stores nothing. who NULL = the system; source names the file. Fills *sum.
 */
enum zt_err app_boundaries_import(struct store *st, const struct zt_actor *who, const char *data, size_t len,
				  const char *source, struct boundary_summary *sum, struct zt_error *e);

#endif
