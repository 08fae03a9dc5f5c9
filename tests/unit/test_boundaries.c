/* Municipality boundaries for the map (issue 12 §7): Douglas–Peucker simplification, the N03
 * GeoJSON reader with the prefecture outlines it computes, bad input named by feature. */
#include <stdlib.h>
#include <string.h>

#include "domain/geoshape.h"
#include "io/boundary_geojson.h"
#include "unit.h"

static void test_simplify(void)
{
	/* a closed square with a collinear point and a 1 m wiggle: both go at 0.0002° (≈ 20 m) */
	double xy[] = {140.0, 36.0, 140.05, 36.0, 140.1, 36.0, 140.1, 36.05, 140.07, 36.05001, 140.0, 36.05, 140.0, 36.0};
	unsigned char work[7];
	size_t k = geo_simplify(xy, 7, 0.0002, work);
	CHECK(k == 5);
	CHECK(xy[0] == 140.0 && xy[1] == 36.0 && xy[2] == 140.1 && xy[3] == 36.0);
	CHECK(xy[8] == 140.0 && xy[9] == 36.0); /* still closed */
	/* a tolerance of 0 keeps every corner and drops only exact repeats (after rounding to 1e-5°) */
	double line[] = {140.0, 36.0, 140.000001, 36.000001, 140.1, 36.1};
	unsigned char w3[3];
	CHECK(geo_simplify(line, 3, 0, w3) == 2);
}

static void test_n03(void)
{
	size_t len;
	char *data = unit_slurp("tests/data/n03_tiny.geojson", &len);
	CHECK(data != NULL);
	if (data == NULL)
		return;
	struct boundary_set s;
	struct zt_error e;
	zt_error_clear(&e);
	CHECK(boundary_geojson_parse(data, len, 0.0002, &s, &e) == ZT_OK);
	CHECK(s.features == 5 && s.skipped == 1); /* 所属未定地 has no code */
	CHECK(s.n == 4);
	int kamisu = 0;
	for (size_t i = 0; i < s.n; i++)
		if (strcmp(s.items[i].code5, "08232") == 0) {
			kamisu = 1;
			CHECK_STR(s.items[i].name, "神栖市");
			CHECK(strncmp(s.items[i].geometry, "{\"type\":\"MultiPolygon\"", 22) == 0);
		}
	CHECK(kamisu);
	/* the outlines: 茨城 is the union of 鹿嶋・潮来・神栖 (the borders they share are gone) and
	 * 神栖's island; 千葉 is 銚子 alone, whose border with 神栖 belongs to both outlines */
	CHECK(s.noutlines == 2);
	CHECK_STR(s.outlines[0].pref, "08");
	CHECK_STR(s.outlines[0].geometry,
		  "{\"type\":\"MultiLineString\",\"coordinates\":[[[140.48,35.9],[140.6,35.9],[140.6,35.78],[140.72,35.78],"
		  "[140.72,36.0],[140.48,36.0],[140.48,35.9]],[[140.8,35.8],[140.83,35.8],[140.83,35.83],[140.8,35.83],[140.8,35.8]]]}");
	CHECK_STR(s.outlines[1].pref, "12");
	boundary_set_free(&s);
	free(data);

	/* bad input names the feature and returns nothing */
	static const struct {
		const char *json, *field;
		long line;
	} bad[] = {
		{"{\"type\":\"FeatureCollection\",\"features\":[", "body", 1},
		{"{\"type\":\"Feature\"}", "type", 0},
		{"{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{},\"geometry\":null}]}", "N03_007", 1},
		{"{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"N03_001\":\"x\",\"N03_007\":\"0822\"}}]}", "N03_007", 1},
		{"{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"N03_007\":\"99222\"},\"geometry\":"
		 "{\"type\":\"Polygon\",\"coordinates\":[]}}]}", "N03_007", 1},
		{"{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"N03_007\":\"08222\"},\"geometry\":{\"type\":\"Polygon\","
		 "\"coordinates\":[[[0.1,51.5],[0.2,51.5],[0.2,51.6],[0.1,51.5]]]}}]}", "geometry", 1},
		{"{\"type\":\"FeatureCollection\",\"features\":[{\"properties\":{\"N03_007\":\"08222\"},\"geometry\":{\"type\":\"Point\","
		 "\"coordinates\":[140.6,35.9]}}]}", "geometry", 1},
		{"{\"type\":\"FeatureCollection\",\"features\":[]}", "features", 0},
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		zt_error_clear(&e);
		CHECK(boundary_geojson_parse(bad[i].json, strlen(bad[i].json), 0.0002, &s, &e) == ZT_ERR_INVALID);
		CHECK_STR(e.field, bad[i].field);
		CHECK(e.line == bad[i].line);
		CHECK(s.n == 0 && s.items == NULL && s.noutlines == 0);
	}
}

int main(void)
{
	test_simplify();
	test_n03();
	UNIT_DONE();
}
