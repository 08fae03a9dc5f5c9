/* libFuzzer harness: JSON request decoding of an institution, as the API does it (jansson with
 * JSON_REJECT_DUPLICATES, then facility_from_json + facility_validate), and the round trip of an
 * accepted institution through facility_to_json → facility_from_json, which must accept it. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/facility.h"
#include "io/facility_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t jerr;
	json_t *o = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr);
	if (o == NULL)
		return 0;
	struct facility f;
	facility_init(&f);
	struct zt_error e;
	zt_error_clear(&e);
	if (json_is_object(o) && facility_from_json(o, &f, &e) == ZT_OK && facility_validate(&f, &e) == ZT_OK) {
		json_t *back = facility_to_json(&f);
		/* Read-only keys the API adds are not accepted on input: drop them for the round trip. */
		static const char *const ro[] = {"id", "kind_label", "legal_entity_id", "created_at", "updated_at",
						 "distance_km", "practitioners", "filings"};
		for (size_t i = 0; i < sizeof ro / sizeof ro[0]; i++)
			json_object_del(back, ro[i]);
		struct facility g;
		facility_init(&g);
		struct zt_error e2;
		zt_error_clear(&e2);
		if (facility_from_json(back, &g, &e2) != ZT_OK)
			abort(); /* our own output must decode */
		json_decref(back);
	}
	if (strlen(e.message) >= sizeof e.message)
		abort();
	json_decref(o);
	return 0;
}
