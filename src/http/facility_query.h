/* The query string of GET /api/v1/facilities → struct facility_filter, as a pure function over a
 * key/value getter (no libmicrohttpd), so that it can be fuzzed (tests/fuzz/fuzz_query.c). */
#ifndef ZT_HTTP_FACILITY_QUERY_H
#define ZT_HTTP_FACILITY_QUERY_H

#include "core/error.h"
#include "domain/facility.h"

struct query_source {
	/* The first value of key, NULL when absent (borrowed). */
	const char *(*get)(void *ctx, const char *key);
	/* Calls fn for every value of a repeatable key, in order; returns the count. */
	int (*each)(void *ctx, const char *key, void (*fn)(const char *value, void *fctx), void *fctx);
	void *ctx;
};

/* Filters municipality, area, medical_area, kind, standard, capability (repeatable), h24,
 * near=LAT,LON, within_km, q, limit (1–500), offset. ZT_OK, or ZT_ERR_INVALID naming the
 * parameter in *e. */
enum zt_err facility_query_parse(const struct query_source *qs, struct facility_filter *flt, struct zt_error *e);

#endif
