/*
 * Demo step "referrals" (issue 16 §6): the demo's home-care clinics and visiting nurse stations
 * declare how many more home patients they accept (神栖在宅ケアクリニック: none — full), and the discharge
 * desk of 鹿嶋なぎさ総合病院 refers a fictional patient on a ventilator (人工呼吸器) living in 鹿嶋市, whose
 * family would rather avoid 鹿島灘ファミリークリニック (hard). The referral is sent, so it waits in the
 * district's queue: its candidates are only ventilator-capable clinics within 16 km with room (かしま在宅
 * クリニック), and the excluded nearby ones say why (too far, lacks the ventilator, full, avoided).
 * Everything goes through the use cases as the system; the existing demo data is not touched.
 */
#include "demo/demo_referrals.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_referrals.h"
#include "core/clock.h"
#include "domain/holiday.h"
#include "store/store.h"
#include "store/store_groups.h"

static const struct {
	const char *name;
	int more;
} capacities[] = {
	{"かしま在宅クリニック（架空）", 3},     {"鹿島灘ファミリークリニック（架空）", 2},
	{"大野みどり診療所（架空）", 2},         {"鹿嶋はまなす病院（架空）", 2},
	{"いたこ水郷クリニック（架空）", 2},     {"神栖在宅ケアクリニック（架空）", 0},
	{"知手内科クリニック（架空）", 2},       {"神栖みなと病院（架空）", 1},
	{"ほこた在宅診療所（架空）", 3},         {"旭ファミリークリニック（架空）", 1},
	{"麻生内科医院（架空）", 1},             {"訪問看護ステーションかしま（架空）", 3},
	{"訪問看護ステーションなぎさ（架空）", 2}, {"訪問看護ステーションかみす（架空）", 2},
	{"訪問看護ステーションほこた（架空）", 2},
};

enum zt_err demo_referrals(struct store *st, struct zt_error *e)
{
	enum zt_err rc = ZT_OK;
	for (size_t i = 0; rc == ZT_OK && i < sizeof capacities / sizeof capacities[0]; i++) {
		int64_t id = store_institution_id_by_name(st, capacities[i].name);
		json_t *out = NULL;
		if (!id)
			return zt_fail(e, ZT_ERR_NOTFOUND, "", "デモの %s が見つかりません。", capacities[i].name);
		rc = app_capacity_put(st, NULL, NULL, id, capacities[i].more, &out, e);
		json_decref(out);
	}
	if (rc != ZT_OK)
		return rc;
	char today[11];
	zt_today_jst(today);
	int y, m, d;
	cal_parse(today, &y, &m, &d);
	struct referral *r = calloc(1, sizeof *r);
	struct patient *p = calloc(1, sizeof *p);
	if (r == NULL || p == NULL)
		abort();
	referral_init(r);
	patient_init(p);
	r->hospital_id = store_institution_id_by_name(st, "鹿嶋なぎさ総合病院（架空）");
	cal_from_days(cal_days(y, m, d) + 7, &y, &m, &d);
	cal_format(y, m, d, r->planned_discharge);
	snprintf(r->municipality, sizeof r->municipality, "082228");
	snprintf(r->address, sizeof r->address, "茨城県鹿嶋市鉢形（架空）8-9");
	r->has_coord = true;
	r->lat = 35.9500, r->lon = 140.6350;
	r->coord_source = CSRC_MANUAL;
	r->devices = 1u << DEV_VENTILATOR | 1u << DEV_SUCTION;
	r->needs = 1u << CAP_TRACHEOSTOMY;
	r->visits_per_month = 4;
	r->eol_wish = ACP_UNDECIDED;
	snprintf(r->note, sizeof r->note, "ALS（架空）。人工呼吸器（TPPV）で退院予定。家族は日中在宅。");
	r->nprefs = 1;
	r->prefs[0] = (struct referral_pref){.kind = PREF_AVOID, .hard = true,
					     .institution_id = store_institution_id_by_name(st, "鹿島灘ファミリークリニック（架空）")};
	snprintf(r->prefs[0].note, sizeof r->prefs[0].note, "以前の受診で家族が不安を感じた（架空）");
	snprintf(p->name, sizeof p->name, "鹿嶋 呼吸（架空）");
	snprintf(p->kana, sizeof p->kana, "カシマ コキュウ");
	snprintf(p->birth_date, sizeof p->birth_date, "1958-07-07");
	p->sex = SEX_MALE;
	p->care_level = CARE_LEVEL5;
	p->devices = r->devices;
	p->fictional = true;
	rc = app_referral_create(st, NULL, NULL, r, p, e);
	struct referral_transition_req t = {.event = REV_SEND};
	if (rc == ZT_OK)
		rc = app_referral_transition(st, NULL, NULL, r->id, &t, r, e);
	if (rc == ZT_OK)
		printf("  referrals: capacities of %zu institutions, a ventilator patient's discharge referral in the district's queue\n",
		       sizeof capacities / sizeof capacities[0]);
	free(r);
	free(p);
	return rc;
}
