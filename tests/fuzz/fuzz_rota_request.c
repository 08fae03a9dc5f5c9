/* libFuzzer harness: the request bodies of the rota API (io/rota_request_json.h) as the API decodes
 * them (jansson with JSON_REJECT_DUPLICATES) — doctor settings, an unavailable date, a wish, a solve
 * request and the three edits — and the coordinator's unavailability CSV (io/rota_unavail_csv.h,
 * UTF-8 ± BOM or CP932). The first byte picks the decoder; a JSON refusal always names its field, a
 * CSV refusal its line or column. */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "io/rota_request_json.h"
#include "io/rota_unavail_csv.h"

static enum zt_err on_row(const struct unavail_csv_row *row, void *ctx, struct zt_error *e)
{
	(void)e;
	if (row->date[0] == '\0' || row->doctor[0] == '\0' || row->line <= 0)
		abort(); /* a row passed on is complete */
	(*(long *)ctx)++;
	return ZT_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	struct zt_error e;
	zt_error_clear(&e);
	if ((data[0] & 7) == 7) {
		long n = 0, rows = 0;
		enum zt_err r = unavail_csv_read((const char *)data + 1, size - 1, on_row, &n, &rows, &e);
		if (rows != n || (r != ZT_OK && e.line <= 0 && e.field[0] == '\0' && r != ZT_ERR_INVALID))
			abort();
		return 0;
	}
	json_error_t jerr;
	json_t *o = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, &jerr);
	if (o == NULL)
		return 0;
	enum zt_err r = ZT_OK;
	switch (data[0] & 7) {
	case 0: {
		struct rota_settings_req s;
		r = rota_settings_from_json(o, &s, &e);
		if (r == ZT_OK && !(s.share > 0 && s.share <= 1))
			abort();
		break;
	}
	case 1: {
		struct rota_unavail_req u;
		r = rota_unavail_from_json(o, &u, &e);
		break;
	}
	case 2: {
		struct rota_wish_req w;
		r = rota_wish_from_json(o, &w, &e);
		break;
	}
	case 3: {
		struct rota_solve_req q;
		r = rota_solve_from_json(o, &q, &e);
		if (r == ZT_OK && !(q.time_limit >= 0.1 && q.time_limit <= 600))
			abort();
		break;
	}
	default: {
		struct rota_edit_req q;
		r = rota_edit_from_json(o, (enum rota_edit_kind)((data[0] & 7) - 4) > ROTA_EDIT_SLOT ? ROTA_EDIT_SLOT
											 : (enum rota_edit_kind)((data[0] & 7) - 4),
					&q, &e);
		if (r == ZT_OK && q.reason[0] == '\0')
			abort();
		break;
	}
	}
	if (r != ZT_OK && e.field[0] == '\0')
		abort(); /* every refusal names a field */
	json_decref(o);
	return 0;
}
