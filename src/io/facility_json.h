/* JSON form of an institution, shared by the API and `export facilities --format json`. */
#ifndef ZT_IO_FACILITY_JSON_H
#define ZT_IO_FACILITY_JSON_H

#include <jansson.h>

#include "core/error.h"
#include "domain/facility.h"

struct json_out;

/* New JSON object for f (caller owns). */
json_t *facility_to_json(const struct facility *f);
/* The same object written straight into o (one pass, for listings): the bytes json_dumps() gives
 * for facility_to_json(f) with JSON_COMPACT | JSON_REAL_PRECISION(12). */
void facility_json_write(struct json_out *o, const struct facility *f);
/*
 * Reads an institution from a JSON object into *f (which the caller initialised, e.g. with the
 * stored version for PUT). Unknown keys, wrong types, unknown kind/capability/standard codes are
 * errors naming the field. Does not run facility_validate(). Returns ZT_OK or ZT_ERR_INVALID.
 */
enum zt_err facility_from_json(const json_t *o, struct facility *f, struct zt_error *e);

#endif
