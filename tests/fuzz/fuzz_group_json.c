/* libFuzzer harness: JSON request decoding of groups and initiatives (io/group_json.h), as the
 * API does it (jansson with JSON_REJECT_DUPLICATES). The first byte picks the decoder; a refusal
 * always names its field. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/grouping.h"
#include "io/group_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	json_error_t jerr;
	json_t *o = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, &jerr);
	if (o == NULL)
		return 0;
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = ZT_OK;
	if (json_is_object(o)) {
		if (data[0] & 1) {
			struct group *g = calloc(1, sizeof *g);
			if (g == NULL)
				abort();
			group_init(g);
			r = group_from_json(o, g, &e);
			if (r == ZT_OK) {
				json_t *back = group_to_json(g, 1);
				json_decref(back);
			}
			free(g);
		} else {
			struct initiative *in = calloc(1, sizeof *in);
			if (in == NULL)
				abort();
			r = initiative_from_json(o, in, &e);
			if (r == ZT_OK)
				json_decref(initiative_to_json(in));
			free(in);
		}
	}
	if (r != ZT_OK && r != ZT_ERR_INVALID)
		abort();
	json_decref(o);
	return 0;
}
