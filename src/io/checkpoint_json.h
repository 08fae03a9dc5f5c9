/*
 * The exported checkpoints of the audit trail (issue 11 §2), the file an auditor keeps away from the
 * server and gives back to `zaitaku audit verify --checkpoints FILE`:
 *   {"format": "zaitaku-audit-checkpoints-v1", "public_key": HEX, "exported_at": TIME, "rows": N,
 *    "checkpoints": [{"rows": N, "head_hash": HEX, "at": TIME, "public_key": HEX, "signature": HEX}, …]}
 * The signatures are what counts; the file needs no protection other than being kept elsewhere.
 */
#ifndef ZT_IO_CHECKPOINT_JSON_H
#define ZT_IO_CHECKPOINT_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "core/error.h"
#include "domain/audit.h"

/* A new JSON document of the n checkpoints (caller owns). */
json_t *checkpoints_to_json(const struct audit_checkpoint *c, size_t n, const char *public_key, const char *exported_at,
			    long long rows);
/* Reads the document: *out a malloc'd array of *n checkpoints (caller frees), public_key the file's
 * key. ZT_ERR_INVALID naming the member or entry on any malformed part (nothing returned then). */
enum zt_err checkpoints_from_json(const json_t *doc, struct audit_checkpoint **out, size_t *n, char public_key[65],
				  struct zt_error *e);

#endif
