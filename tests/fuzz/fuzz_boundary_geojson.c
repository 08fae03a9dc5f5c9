/* libFuzzer harness: the 国土数値情報 N03 GeoJSON reader (io/boundary_geojson.c, issue 12 §7) —
 * any input either fails with a message naming what is wrong, or gives boundaries whose geometry
 * texts are JSON again. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/boundary_geojson.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct boundary_set s;
	struct zt_error e;
	zt_error_clear(&e);
	if (boundary_geojson_parse((const char *)data, size, 0.0002, &s, &e) != ZT_OK) {
		if (e.message[0] == '\0' || s.n != 0 || s.items != NULL)
			abort();
		return 0;
	}
	for (size_t i = 0; i < s.n; i++) {
		json_t *g = json_loads(s.items[i].geometry, 0, NULL);
		if (g == NULL || strlen(s.items[i].code5) != 5)
			abort();
		json_decref(g);
	}
	for (size_t i = 0; i < s.noutlines; i++) {
		json_t *g = json_loads(s.outlines[i].geometry, 0, NULL);
		if (g == NULL)
			abort();
		json_decref(g);
	}
	boundary_set_free(&s);
	return 0;
}
