/* The demo region's tables (src/demo/demo_data.c) keep the shape later features rely on. */
#include <string.h>

#include "demo/demo.h"
#include "demo/demo_data.h"
#include "domain/facility.h"
#include "domain/geo.h"
#include "domain/medcode.h"
#include "unit.h"

static bool has_std(const char *muni, bool (*is)(enum standard))
{
	for (int i = 0; i < demo_insts_n; i++) {
		if (strcmp(demo_munis[demo_insts[i].muni].code, muni) != 0)
			continue;
		for (int s = 0; s < STD__MAX; s++)
			if ((demo_insts[i].stds & (1u << s)) && is((enum standard)s))
				return true;
	}
	return false;
}

static bool is_muni(const char *code)
{
	for (int m = 0; m < demo_munis_n; m++)
		if (strcmp(demo_munis[m].code, code) == 0)
			return true;
	return false;
}

int main(void)
{
	struct facility f;
	struct zt_error e;
	CHECK(demo_institution_count() >= 60 && demo_institution_count() <= 90);
	CHECK(demo_municipality_count() == 5);
	int backup = 0, ccw = 0;
	for (int i = 0; i < demo_insts_n; i++) {
		demo_facility(i, &f);
		zt_error_clear(&e);
		/* Every row passes the registry's own validation (facility.c). */
		if (facility_validate(&f, &e) != ZT_OK)
			fprintf(stderr, "row %d %s: %s (%s)\n", i + 1, f.name, e.message, e.field);
		CHECK(facility_validate(&f, &e) == ZT_OK);
		CHECK(strstr(f.name, "（架空）") != NULL);
		/* DOMAIN.md 医療機関コード: prefecture 08, 点数表, Luhn check digit; only kinds that carry one. */
		CHECK(f.medical_code[0] == '\0' || (medcode_valid(f.medical_code) && strncmp(f.medical_code, "08", 2) == 0));
		CHECK((f.medical_code[0] != '\0') == inst_kind_has_medical_code(f.kind));
		for (int j = 0; j < i; j++) {
			CHECK(strcmp(demo_insts[i].name, demo_insts[j].name) != 0);
		}
		/* Inside its municipality: within 20 km of the office. */
		const struct demo_muni *m = &demo_munis[demo_insts[i].muni];
		CHECK(geo_distance_km(m->lat, m->lon, f.lat, f.lon) < 20.0);
		if (f.standards & (1u << STD_BACKUP_HOSPITAL)) {
			backup++;
			CHECK(f.beds >= 200);
		}
		ccw += (f.standards & (1u << STD_COMMUNITY_CARE_WARD)) != 0;
	}
	CHECK(backup == 1);
	CHECK(ccw >= 1);
	/* Codes are unique (the row number is part of them). */
	char a[11];
	for (int i = 0; i < demo_insts_n; i++) {
		demo_facility(i, &f);
		if (!f.medical_code[0])
			continue;
		memcpy(a, f.medical_code, sizeof a);
		for (int j = i + 1; j < demo_insts_n; j++) {
			demo_facility(j, &f);
			CHECK(strcmp(a, f.medical_code) != 0);
		}
	}
	/* Seed 001 designation order needs: 行方市 without 在支病/在支診 (falls back to a neighbour),
	 * 潮来市 with a 在支診 but no 在支病, 鹿嶋市 and 神栖市 with a 在支病. */
	CHECK(!has_std("082333", standard_is_zaishin) && !has_std("082333", standard_is_zaibyo));
	CHECK(has_std("082236", standard_is_zaishin) && !has_std("082236", standard_is_zaibyo));
	CHECK(has_std("082228", standard_is_zaibyo));
	CHECK(has_std("082325", standard_is_zaibyo));
	/* Adjacency and 圏域 only name the five; every municipality is in exactly one 圏域. */
	for (int i = 0; i < demo_adjacency_n; i++)
		CHECK(is_muni(demo_adjacency[i][0]) && is_muni(demo_adjacency[i][1]));
	for (int m = 0; m < demo_munis_n; m++) {
		int in = 0;
		for (int a2 = 0; a2 < demo_care_areas_n; a2++)
			for (int k = 0; demo_care_areas[a2].munis[k]; k++)
				in += strcmp(demo_care_areas[a2].munis[k], demo_munis[m].code) == 0;
		CHECK(in == 1);
	}
	/* Every practitioner belongs to a demo institution. */
	for (int p = 0; p < demo_people_n; p++) {
		bool found = false;
		for (int i = 0; i < demo_insts_n && !found; i++)
			found = strcmp(demo_people[p].institution, demo_insts[i].name) == 0;
		CHECK(found);
	}
	UNIT_DONE();
}
