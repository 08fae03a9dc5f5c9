/* libFuzzer harness: the exported audit checkpoint file (io/checkpoint_json.h) as
 * `zaitaku audit verify --checkpoints FILE` reads it (jansson with JSON_REJECT_DUPLICATES). A refusal
 * names its member; accepted checkpoints are well formed and survive a round trip unchanged. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/checkpoint_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t jerr;
	json_t *doc = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr);
	if (doc == NULL)
		return 0;
	struct audit_checkpoint *c = NULL, *c2 = NULL;
	size_t n = 0, n2 = 0;
	char pk[65], pk2[65];
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = checkpoints_from_json(doc, &c, &n, pk, &e);
	json_decref(doc);
	if (r != ZT_OK) {
		if (e.field[0] == '\0' || c != NULL || n != 0)
			abort();
		return 0;
	}
	for (size_t i = 0; i < n; i++)
		if (!audit_checkpoint_well_formed(&c[i]))
			abort();
	json_t *again = checkpoints_to_json(c, n, pk, "2026-11-30T00:00:00Z", 0);
	if (checkpoints_from_json(again, &c2, &n2, pk2, &e) != ZT_OK || n2 != n || strcmp(pk, pk2) != 0 ||
	    (n && memcmp(c, c2, n * sizeof *c) != 0))
		abort();
	json_decref(again);
	free(c);
	free(c2);
	return 0;
}
