/* The request body of a new duty feed (issue 14 §7): {kind: "doctor", practitioner_id} or
 * {kind: "group", group_id}. Pure decoder (the fuzz harness tests/fuzz/fuzz_feed_json.c drives it). */
#ifndef ZT_IO_FEED_JSON_H
#define ZT_IO_FEED_JSON_H

#include <jansson.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/feed.h"

/* Reads body into *kind and *target (the practitioner or group id). ZT_ERR_INVALID naming the field:
 * kind missing or unknown, the id of the other kind given, the id missing or not a positive
 * integer, an unknown member. */
enum zt_err feed_request_from_json(const json_t *body, enum feed_kind *kind, int64_t *target, struct zt_error *e);

#endif
