/* libFuzzer harness: JSON request decoding of designations, checklists and support centres
 * (io/designation_json.h), as the API does it (jansson with JSON_REJECT_DUPLICATES). The first
 * byte picks the decoder: 0 POST /designations, 1 PUT /designations/{id}/checklist, 2 POST
 * /support-centres, 3 PUT /support-centres/{id}. Invariants: only ZT_OK or ZT_ERR_INVALID, a
 * refusal names its field and its field and message are valid UTF-8 for jansson (the JSON error
 * body can be built), an accepted body holds only values in range (seed 001 / 004 codes). */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/designation.h"
#include "domain/obligations.h"
#include "domain/text.h"
#include "io/designation_json.h"

/* A refusal the API can reply: ZT_ERR_INVALID naming a field, UTF-8 both. */
static void refusal_ok(enum zt_err r, const struct zt_error *e)
{
	if (r != ZT_ERR_INVALID || e->field[0] == '\0')
		abort();
	json_t *body = json_pack("{s:s, s:s}", "field", e->field, "message", e->message); /* as reply_error */
	if (body == NULL)
		abort();
	json_decref(body);
}

static void designation(const json_t *o)
{
	struct dw_designation d;
	memset(&d, 0, sizeof d);
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = designation_from_json(o, &d, &e);
	if (r != ZT_OK) {
		refusal_ok(r, &e);
		return;
	}
	if (!text_is_digits(d.muni, 6) || d.institution_id <= 0 || (unsigned)d.role >= DROLE__MAX ||
	    (unsigned)d.basis >= DBASIS__MAX || !text_valid_utf8(d.reason) || text_char_count(d.reason) > 250 ||
	    strlen(d.plan_period) >= sizeof d.plan_period)
		abort();
}

static void checklist(const json_t *o)
{
	struct oblig_item *items = NULL;
	size_t n = 0;
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = checklist_from_json(o, &items, &n, &e);
	if (r != ZT_OK)
		refusal_ok(r, &e);
	if (r == ZT_OK) {
		if (n < 1 || n > 64 || items == NULL)
			abort();
		for (size_t i = 0; i < n; i++)
			if (items[i].idx < 0 || (size_t)items[i].idx >= obligations_count ||
			    (unsigned)items[i].status >= OST__MAX)
				abort();
	}
	free(items);
}

static void centre(const json_t *o, int create)
{
	struct sc_request q;
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = support_centre_from_json(o, create, &q, &e);
	if (r != ZT_OK) {
		refusal_ok(r, &e);
		return;
	}
	if (q.items >= (1u << SC_ITEM__MAX))
		abort();
	if (q.name && (!text_valid_utf8(q.name) || text_char_count(q.name) > 100))
		abort();
	if (create && (q.medical_area_id <= 0 || q.institution_id <= 0 || (unsigned)q.type >= SC__MAX ||
		       q.name == NULL || q.name[0] == '\0'))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 1)
		return 0;
	json_error_t jerr;
	json_t *o = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, &jerr);
	if (o == NULL)
		return 0;
	if (json_is_object(o)) {
		switch (data[0] & 3) {
		case 0: designation(o); break;
		case 1: checklist(o); break;
		case 2: centre(o, 1); break;
		default: centre(o, 0); break;
		}
	}
	json_decref(o);
	return 0;
}
