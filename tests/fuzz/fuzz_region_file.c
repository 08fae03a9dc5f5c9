/* libFuzzer harness: the region files (io/region_file.h) and a geocoder's CSV (io/geocode_file.h)
 * on arbitrary bytes, each of the six kinds, then the domain's validation of what was read.
 * Invariants: rows carry lines ≥ 1, NUL-terminated codes of at most 6 bytes; a refusal names a line. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/region.h"
#include "io/geocode_file.h"
#include "io/region_file.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size == 0)
		return 0;
	enum region_kind k = (enum region_kind)(data[0] % REGION__MAX);
	const char *text = (const char *)data + 1;
	size_t len = size - 1;
	struct region_row *rows = NULL;
	size_t n = 0;
	struct zt_error e;
	zt_error_clear(&e);
	if (region_file_read(k, text, len, &rows, &n, &e) == ZT_OK) {
		for (size_t i = 0; i < n; i++)
			if (rows[i].line < 1 || strlen(rows[i].muni) > 6 || strlen(rows[i].other) > 6)
				abort();
		zt_error_clear(&e);
		if (region_validate(k, "19", rows, n, &e) != ZT_OK && n > 0 && e.line < 1)
			abort();
	} else if (rows != NULL || n != 0) {
		abort();
	}
	free(rows);
	struct geocode_row *g = NULL;
	n = 0;
	if (geocode_csv_read(text, len, &g, &n, &e) == ZT_OK)
		for (size_t i = 0; i < n; i++)
			if (g[i].line < 2 || strlen(g[i].key) > 10)
				abort();
	free(g);
	return 0;
}
