/* The one-pass JSON writer (issue 10 §7): the facility listing written by io/json_out.c must be
 * byte-for-byte what json_dumps(JSON_COMPACT | JSON_REAL_PRECISION(12)) gives for the jansson tree
 * of the same institution, so clients cannot tell the two paths apart. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>

#include "domain/facility.h"
#include "io/facility_json.h"
#include "io/json_out.h"
#include "unit.h"

/* Compares the two encodings of f. */
static void same_as_jansson(const struct facility *f)
{
	json_t *tree = facility_to_json(f);
	char *want = json_dumps(tree, JSON_COMPACT | JSON_REAL_PRECISION(12));
	json_decref(tree);
	struct json_out o;
	json_out_init(&o, 16);
	facility_json_write(&o, f);
	size_t len;
	char *got = json_out_take(&o, &len);
	CHECK_STR(got, want);
	CHECK(len == strlen(want));
	free(got);
	free(want);
}

static void test_facilities(void)
{
	struct facility f;
	facility_init(&f);
	f.id = 42;
	snprintf(f.name, sizeof f.name, "%s", "つくば在宅クリニック");
	same_as_jansson(&f); /* empty optional fields are null, no coordinates */

	f.kind = KIND_NURSE_STATION;
	snprintf(f.kana, sizeof f.kana, "%s", "ツクバ");
	snprintf(f.address, sizeof f.address, "%s", "茨城県つくば市\"1\\2\"/\t\n\r\b\f\x01\x1f\x7f");
	snprintf(f.note, sizeof f.note, "%s", "U+2028 \xe2\x80\xa8 and emoji \xf0\x9f\x98\x80");
	f.legal_entity_id = 7;
	snprintf(f.legal_entity, sizeof f.legal_entity, "%s", "医療法人 テスト会");
	f.has_coord = true;
	f.lat = 36.0834;
	f.lon = 140.0766;
	f.beds = 19;
	f.h24 = true;
	f.capabilities = 0x5;
	f.standards = 0x3;
	snprintf(f.created_at, sizeof f.created_at, "%s", "2026-11-30T05:00:00Z");
	f.distance_km = 3.14159265;
	same_as_jansson(&f);

	double reals[] = {0, 1, -1, 36, 140.123456789012345, 1e-7, 1.5e-300, 1e21, 123456789012345.0, 0.1, -0.0};
	for (size_t i = 0; i < sizeof reals / sizeof reals[0]; i++) {
		f.lat = reals[i];
		f.lon = -reals[i];
		f.distance_km = fabs(reals[i]);
		same_as_jansson(&f);
	}
}

static void test_nesting_and_invalid_utf8(void)
{
	struct json_out o;
	json_out_init(&o, 1);
	json_out_open(&o, '{');
	json_out_key(&o, "a");
	json_out_open(&o, '[');
	json_out_int(&o, 1);
	json_out_open(&o, '{');
	json_out_close(&o, '}');
	json_out_str(&o, "bad \xff\xfe");
	json_out_close(&o, ']');
	json_out_key(&o, "b");
	json_out_bool(&o, false);
	json_out_close(&o, '}');
	size_t len;
	char *got = json_out_take(&o, &len);
	CHECK_STR(got, "{\"a\":[1,{},\"bad \xef\xbf\xbd\xef\xbf\xbd\"],\"b\":false}");
	json_error_t err;
	json_t *back = json_loads(got, 0, &err);
	CHECK(back != NULL); /* always valid JSON */
	json_decref(back);
	free(got);
}

int main(void)
{
	test_facilities();
	test_nesting_and_invalid_utf8();
	UNIT_DONE();
}
