/* Unit tests of the registry's domain rules: 医療機関コード, 和暦, distances, text, validation. */
#include <math.h>

#include "domain/codes.h"
#include "domain/facility.h"
#include "domain/geo.h"
#include "domain/medcode.h"
#include "domain/text.h"
#include "domain/wareki.h"
#include "unit.h"

/* DOMAIN.md: "the Luhn digit over the first nine (e.g. 0110113719)". */
static void test_medcode(void)
{
	CHECK(medcode_check_digit("011011371") == 9);
	CHECK(medcode_valid("0110113719"));
	CHECK(!medcode_valid("0110113718"));
	CHECK(!medcode_valid("011011371"));
	CHECK(!medcode_valid("0150113719")); /* 点数表 5 does not exist */
	char out[11];
	/* "The bureau lists print only the last seven, as 01,1371,9 for that code." */
	CHECK(medcode_from_bureau("01", '1', "01,1371,9", out) == 0);
	CHECK_STR(out, "0110113719");
	CHECK(medcode_from_bureau("01", '1', "０１，１３７１，９", out) == 0); /* full-width */
	CHECK(medcode_from_bureau("01", '1', "01,1371,8", out) == -2);
	CHECK(medcode_from_bureau("01", '1', "01,137,9", out) == -1);
	CHECK(medcode_table_for("医科") == '1');
	CHECK(medcode_table_for("歯科") == '3');
	CHECK(medcode_table_for("薬局") == '4');
	CHECK(medcode_table_for("?") == 0);
}

static void test_wareki(void)
{
	char iso[11], out[64];
	CHECK(wareki_parse("令和6年4月1日", iso) == 0);
	CHECK_STR(iso, "2024-04-01");
	CHECK(wareki_parse("令和 6年 4月 1日", iso) == 0);
	CHECK_STR(iso, "2024-04-01");
	CHECK(wareki_parse("令和元年5月1日", iso) == 0);
	CHECK_STR(iso, "2019-05-01");
	CHECK(wareki_parse("R06.04.01", iso) == 0);
	CHECK_STR(iso, "2024-04-01");
	CHECK(wareki_parse("H30/4/1", iso) == 0);
	CHECK_STR(iso, "2018-04-01");
	CHECK(wareki_parse("平成１０年１２月３１日", iso) == 0);
	CHECK_STR(iso, "1998-12-31");
	CHECK(wareki_parse("2024-02-29", iso) == 0);
	CHECK(wareki_parse("2023-02-29", iso) == -1);
	CHECK(wareki_parse("20240401", iso) == 0);
	CHECK_STR(iso, "2024-04-01");
	CHECK(wareki_parse("昨日", iso) == -1);
	CHECK(wareki_parse("", iso) == -1);
	CHECK(wareki_format("2024-04-01", out, sizeof out) == 0);
	CHECK_STR(out, "令和6年4月1日");
	CHECK(wareki_format("2019-05-01", out, sizeof out) == 0);
	CHECK_STR(out, "令和元年5月1日");
	CHECK(wareki_format("2019-04-30", out, sizeof out) == 0);
	CHECK_STR(out, "平成31年4月30日");
	/* Japanese fiscal year: April to March. */
	CHECK(fiscal_year_of("2025-03-31") == 2024);
	CHECK(fiscal_year_of("2025-04-01") == 2025);
}

static void test_geo(void)
{
	/* 鹿嶋市役所 (35.9659, 140.6447) to 潮来市役所 (35.9471, 140.5550): about 8.3 km. */
	double d = geo_distance_km(35.9659, 140.6447, 35.9471, 140.5550);
	CHECK(d > 8.0 && d < 8.7);
	CHECK(fabs(geo_distance_km(36, 140, 36, 140)) < 1e-9);
	CHECK(geo_in_japan(35.68, 139.76));
	CHECK(!geo_in_japan(51.5, -0.12));
	double dlat, dlon;
	geo_bbox(36.0, 16.0, &dlat, &dlon);
	CHECK(geo_distance_km(36.0, 140.0, 36.0 + dlat, 140.0) >= 16.0);
	CHECK(geo_distance_km(36.0, 140.0, 36.0, 140.0 + dlon) >= 16.0);
}

static void test_text(void)
{
	char out[64];
	text_normalize_width("　支援診３ ", out, sizeof out);
	CHECK_STR(out, "支援診3");
	CHECK(text_valid_utf8("鹿嶋市"));
	CHECK(!text_valid_utf8("\xff\xfe"));
	CHECK(!text_valid_utf8("a\x01"));
	CHECK(text_char_count("鹿嶋市a") == 4);
	CHECK(text_is_digits("082228", 6));
	CHECK(!text_is_digits("08222x", 6));
}

/* 受理記号 → standard; unknown codes give -1 so the importer keeps and reports them. */
static void test_symbols(void)
{
	CHECK(standard_from_symbol("支援診１") == STD_ZAISHIN_ENHANCED_SOLO);
	CHECK(standard_from_symbol("支援診2") == STD_ZAISHIN_ENHANCED_LINKED);
	CHECK(standard_from_symbol("（支援診３）") == STD_ZAISHIN_CONVENTIONAL);
	CHECK(standard_from_symbol("支援病３") == STD_ZAIBYO_CONVENTIONAL);
	CHECK(standard_from_symbol("在後病") == STD_BACKUP_HOSPITAL);
	CHECK(standard_from_symbol("地包ケア１") == STD_COMMUNITY_CARE_WARD);
	CHECK(standard_from_symbol("がん疼") == -1);
	CHECK(CAP_LOOKUP("ventilator") == CAP_VENTILATOR);
	CHECK(CAP_LOOKUP("nope") == -1);
}

static void test_validation(void)
{
	struct facility f;
	struct zt_error e;
	facility_init(&f);
	snprintf(f.name, sizeof f.name, "鹿嶋テスト診療所");
	CHECK(facility_validate(&f, &e) == ZT_OK);
	f.name[0] = '\0';
	CHECK(facility_validate(&f, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "name");
	snprintf(f.name, sizeof f.name, "x");
	snprintf(f.medical_code, sizeof f.medical_code, "0811234567");
	CHECK(facility_validate(&f, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "medical_code");
	snprintf(f.medical_code, sizeof f.medical_code, "0811234566");
	CHECK(facility_validate(&f, &e) == ZT_OK);
	f.has_coord = true;
	f.lat = 48.0;
	f.lon = 140.0;
	CHECK(facility_validate(&f, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "lat");
	f.lat = 35.9;
	f.beds = 20; /* a clinic has at most 19 beds */
	CHECK(facility_validate(&f, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "beds");
	f.beds = 0;
	f.standards = 1u << STD_ZAIBYO_CONVENTIONAL; /* 在支病 on a clinic */
	CHECK(facility_validate(&f, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "standards");
	f.standards = (1u << STD_ZAISHIN_CONVENTIONAL) | (1u << STD_ZAISHIN_ENHANCED_SOLO);
	CHECK(facility_validate(&f, &e) == ZT_ERR_INVALID);
	f.standards = 1u << STD_ZAISHIN_CONVENTIONAL;
	CHECK(facility_validate(&f, &e) == ZT_OK);
	snprintf(f.phone, sizeof f.phone, "0299-00-0000x");
	CHECK(facility_validate(&f, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "phone");
	f.phone[0] = '\0';
	f.kind = KIND_FIRE_DEPARTMENT; /* no 医療機関コード for a fire department */
	f.standards = 0;
	CHECK(facility_validate(&f, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "medical_code");
}

int main(void)
{
	test_medcode();
	test_wareki();
	test_geo();
	test_text();
	test_symbols();
	test_validation();
	UNIT_DONE();
}
