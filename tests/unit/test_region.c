/* Region set-up rules (issue 12 §1–§2, domain/region.c): codes, validation with line and column,
 * office names, the acceptance of geocoded positions, abrg match levels. */
#include <string.h>

#include "domain/region.h"
#include "unit.h"

static struct region_row row(long line, const char *name, const char *muni)
{
	struct region_row r = {.line = line, .population = -1};
	snprintf(r.name, sizeof r.name, "%s", name);
	snprintf(r.muni, sizeof r.muni, "%s", muni);
	return r;
}

static void test_codes(void)
{
	/* 全国地方公共団体コード: the sixth digit checks the first five (weights 6,5,4,3,2, mod 11) */
	CHECK(region_muni_code_ok("082015")); /* 水戸市 */
	CHECK(region_muni_code_ok("131016")); /* 千代田区 */
	CHECK(region_muni_code_ok("192015")); /* 甲府市 */
	CHECK(!region_muni_code_ok("082016"));
	CHECK(!region_muni_code_ok("08201"));
	CHECK(!region_muni_code_ok("08201a"));
	CHECK(!region_muni_code_ok("0820150"));
	CHECK(region_kind_parse("care-areas") == REGION_CARE_AREAS);
	CHECK(region_kind_parse("areas") == -1);
}

static void test_medical_area_unique(void)
{
	/* DOMAIN.md: 二次医療圏 secondary medical area (a set of municipalities, defined by each
	 * prefecture) — one municipality belongs to one 二次医療圏 */
	struct region_row rows[3] = {row(2, "中北", "192015"), row(3, "中北", "192074"), row(4, "峡東", "192015")};
	struct zt_error e;
	zt_error_clear(&e);
	CHECK(region_validate(REGION_MEDICAL_AREAS, "19", rows, 3, &e) == ZT_ERR_INVALID);
	CHECK(e.line == 4);
	CHECK(strcmp(e.field, "市町村コード") == 0);
	CHECK(strstr(e.message, "二次医療圏「中北」（2行目）") != NULL);
	CHECK(region_validate(REGION_MEDICAL_AREAS, "19", rows, 2, &e) == ZT_OK);
}

static void test_care_areas_any_set(void)
{
	/* seed 001 (3): 「従来の二次医療圏にこだわらず、…市町村単位や保健所圏域等の地域の医療及び介護資源等の実情に
	 * 応じて弾力的に設定する」 — any set of municipalities; a municipality may be in several 圏域 */
	struct region_row rows[2] = {row(2, "甲府圏域", "192015"), row(3, "中北圏域", "192015")};
	struct zt_error e;
	zt_error_clear(&e);
	CHECK(region_validate(REGION_CARE_AREAS, "19", rows, 2, &e) == ZT_OK);
	rows[1] = row(3, "甲府圏域", "192015"); /* the same row twice */
	CHECK(region_validate(REGION_CARE_AREAS, "19", rows, 2, &e) == ZT_ERR_INVALID);
	CHECK(e.line == 3);
	rows[1] = row(3, "他県", "082015"); /* a municipality of another prefecture */
	CHECK(region_validate(REGION_CARE_AREAS, "19", rows, 2, &e) == ZT_ERR_INVALID);
	CHECK(strstr(e.message, "この都道府県（19）") != NULL);
	rows[1] = row(3, "", "192074");
	CHECK(region_validate(REGION_CARE_AREAS, "19", rows, 2, &e) == ZT_ERR_INVALID);
	CHECK(strcmp(e.field, "圏域") == 0);
}

static void test_population(void)
{
	struct region_row r = row(2, "", "192015");
	struct zt_error e;
	zt_error_clear(&e);
	r.population = 187985;
	snprintf(r.source, sizeof r.source, "令和2年国勢調査");
	r.year = 2020;
	CHECK(region_validate(REGION_POPULATION, "19", &r, 1, &e) == ZT_OK);
	r.year = 20;
	CHECK(region_validate(REGION_POPULATION, "19", &r, 1, &e) == ZT_ERR_INVALID && strcmp(e.field, "年") == 0);
	r.year = 2020;
	r.source[0] = '\0';
	CHECK(region_validate(REGION_POPULATION, "19", &r, 1, &e) == ZT_ERR_INVALID && strcmp(e.field, "出典") == 0);
	snprintf(r.source, sizeof r.source, "x");
	r.population = REGION_POPULATION_MAX + 1;
	CHECK(region_validate(REGION_POPULATION, "19", &r, 1, &e) == ZT_ERR_INVALID && strcmp(e.field, "人口") == 0);
}

static void test_adjacency(void)
{
	struct region_row r = row(2, "", "192015");
	struct zt_error e;
	zt_error_clear(&e);
	snprintf(r.other, sizeof r.other, "192015");
	CHECK(region_validate(REGION_ADJACENCY, "19", &r, 1, &e) == ZT_ERR_INVALID);
	snprintf(r.other, sizeof r.other, "202011"); /* 長野市: a neighbour across the border is fine */
	CHECK(region_validate(REGION_ADJACENCY, "19", &r, 1, &e) == ZT_OK);
}

static void test_offices(void)
{
	struct region_row r = row(2, "", "192015");
	struct zt_error e;
	zt_error_clear(&e);
	snprintf(r.source, sizeof r.source, "甲府市役所");
	r.has_position = true;
	r.lat = 35.662;
	r.lon = 138.568;
	CHECK(region_validate(REGION_OFFICES, "19", &r, 1, &e) == ZT_OK);
	r.lon = 100.0;
	CHECK(region_validate(REGION_OFFICES, "19", &r, 1, &e) == ZT_ERR_INVALID && strcmp(e.field, "緯度") == 0);
	r.lon = 138.568;
	r.source[0] = '\0';
	CHECK(region_validate(REGION_OFFICES, "19", &r, 1, &e) == ZT_ERR_INVALID && strcmp(e.field, "役所・役場") == 0);
}

static void test_office_names(void)
{
	char out[128];
	region_office_name("municipality", "水戸市", "", out, sizeof out);
	CHECK(strcmp(out, "水戸市役所") == 0);
	region_office_name("municipality", "大洗町", "", out, sizeof out);
	CHECK(strcmp(out, "大洗町役場") == 0);
	region_office_name("municipality", "東海村", "", out, sizeof out);
	CHECK(strcmp(out, "東海村役場") == 0);
	region_office_name("municipality", "千代田区", "", out, sizeof out); /* 特別区 */
	CHECK(strcmp(out, "千代田区役所") == 0);
	region_office_name("ward", "中央区", "札幌市", out, sizeof out); /* 政令市の区 */
	CHECK(strcmp(out, "札幌市中央区役所") == 0);
	region_office_name("prefecture", "茨城県", "", out, sizeof out);
	CHECK(out[0] == '\0');
}

static void test_geocoded_positions(void)
{
	char why[256];
	/* 甲府市役所 35.662, 138.568 */
	CHECK(region_position_acceptable(35.667, 138.570, true, 35.662, 138.568, why, sizeof why));
	CHECK(!region_position_acceptable(43.06, 141.35, true, 35.662, 138.568, why, sizeof why));
	CHECK(strstr(why, "km離れています") != NULL);
	CHECK(!region_position_acceptable(10.0, 100.0, false, 0, 0, why, sizeof why));
	CHECK(strstr(why, "日本の範囲外") != NULL);
	CHECK(region_position_acceptable(35.9, 138.6, false, 0, 0, why, sizeof why)); /* no office: Japan only */
	CHECK(strcmp(region_abrg_precision("residential_detail"), "rooftop") == 0);
	CHECK(strcmp(region_abrg_precision("residential_block"), "street") == 0);
	CHECK(strcmp(region_abrg_precision("machiaza_detail"), "town") == 0);
	CHECK(strcmp(region_abrg_precision("city"), "municipality") == 0);
	CHECK(region_abrg_precision("prefecture") == NULL);
	CHECK(region_abrg_precision(NULL) == NULL);
}

int main(void)
{
	test_codes();
	test_medical_area_unique();
	test_care_areas_any_set();
	test_population();
	test_adjacency();
	test_offices();
	test_office_names();
	test_geocoded_positions();
	UNIT_DONE();
}
