/* Patients, care teams and the call chain (domain/patient.c, domain/callchain.c), issue 14 §1–§2, §6;
 * seeds 000, 002 ③⑧, 003. Links libzaitaku-core.a alone. */
#include "domain/beds.h"
#include "domain/callchain.h"
#include "domain/duty.h"
#include "domain/patient.h"
#include "domain/holiday.h"
#include "domain/substitute.h"
#include "unit.h"

static int has(const struct team_problem *p, int n, const char *code)
{
	for (int i = 0; i < n && i < TEAM_PROBLEMS_MAX; i++)
		if (strcmp(p[i].code, code) == 0)
			return 1;
	return 0;
}

static struct team_inst inst(int64_t id, enum inst_kind k, const char *name, double lat, double lon)
{
	/* Every fact of these institutions is confirmed (caps_known: issue 12's tri-state). */
	struct team_inst t = {.id = id, .kind = k, .has_coord = true, .lat = lat, .lon = lon, .caps_known = ~0u};
	snprintf(t.name, sizeof t.name, "%s", name);
	snprintf(t.phone, sizeof t.phone, "0299-00-%04d", (int)id);
	return t;
}

int main(void)
{
	const char *today = "2026-12-15";
	struct zt_error e;
	struct patient p;
	patient_init(&p);
	snprintf(p.name, sizeof p.name, "架空 花子");
	snprintf(p.kana, sizeof p.kana, "カクウ　ハナコ");
	snprintf(p.birth_date, sizeof p.birth_date, "1940-04-01");
	snprintf(p.address, sizeof p.address, "茨城県鹿嶋市（架空）");
	snprintf(p.municipality, sizeof p.municipality, "082228");
	snprintf(p.status_since, sizeof p.status_since, "2026-11-01");
	CHECK(patient_validate(&p, today, &e) == ZT_OK);
	struct patient q = p;
	snprintf(q.kana, sizeof q.kana, "かくう");
	CHECK(patient_validate(&q, today, &e) == ZT_ERR_INVALID && strcmp(e.field, "kana") == 0);
	q = p;
	q.has_coord = true, q.lat = 35.96, q.lon = 140.64;
	CHECK(patient_validate(&q, today, &e) == ZT_ERR_INVALID && strcmp(e.field, "coord_source") == 0);
	q.coord_source = CSRC_MANUAL;
	CHECK(patient_validate(&q, today, &e) == ZT_OK);
	q.lat = 10;
	CHECK(patient_validate(&q, today, &e) == ZT_ERR_INVALID && strcmp(e.field, "lat") == 0);
	q = p;
	q.acp_transport = ACP_DECLINES; /* issue 14 §1: "as recorded, with date and who recorded it" */
	CHECK(patient_validate(&q, today, &e) == ZT_ERR_INVALID && strcmp(e.field, "acp_recorded_on") == 0);
	snprintf(q.acp_recorded_on, sizeof q.acp_recorded_on, "2026-11-20");
	CHECK(patient_validate(&q, today, &e) == ZT_ERR_INVALID && strcmp(e.field, "acp_recorded_by") == 0);
	q = p;
	snprintf(q.status_since, sizeof q.status_since, "2026-12-16");
	CHECK(patient_validate(&q, today, &e) == ZT_ERR_INVALID && strcmp(e.field, "status_since") == 0);
	CHECK(patient_age("1940-04-01", today) == 86 && patient_age("1940-12-16", today) == 85 && patient_age("x", today) == -1);

	/* The list search (issue 14 §9): hiragana, katakana and half-width kana find the same patient. */
	char w[8][TEXT_WORD_MAX];
	int nw = text_search_words("かくう はなこ", w, 8);
	CHECK(nw == 2 && patient_matches(&p, w, nw));
	nw = text_search_words("ｶｸｳ", w, 8);
	CHECK(nw == 1 && patient_matches(&p, w, nw));
	nw = text_search_words("架空 太郎", w, 8);
	CHECK(nw == 2 && !patient_matches(&p, w, nw));
	CHECK(patient_matches(&p, w, 0));

	char d[11];
	CHECK(date_add_months("2026-08-31", 3, d) && strcmp(d, "2026-11-30") == 0);
	CHECK(date_add_months("2026-11-15", 3, d) && strcmp(d, "2027-02-15") == 0);
	CHECK(!date_add_months("2026-13-01", 3, d));

	/* The team: 主治医 at clinic 1, 副主治医 of another institution of the same group (seed 003
	 * グループ診療運営事業: 「主治医・副主治医制、休日日夜間等不在時の代診制、受入病床の確保」). */
	p.has_coord = true, p.lat = 35.966, p.lon = 140.644, p.coord_source = CSRC_MANUAL;
	p.needs = 1u << CAP_VENTILATOR;
	struct care_team t = {.patient_id = 1, .group_id = 7};
	t.primary_inst = inst(1, KIND_CLINIC, "かしま在宅クリニック", 35.97, 140.64);
	t.primary_inst.caps = 1u << CAP_VENTILATOR;
	t.primary_inst.in_group = true;
	t.secondary_inst = t.primary_inst; /* the same institution */
	struct team_problem pr[TEAM_PROBLEMS_MAX];
	int n = team_validate(&p, &t, today, pr, TEAM_PROBLEMS_MAX);
	CHECK(has(pr, n, "secondary_same_institution") && !has(pr, n, "capability_missing"));
	t.secondary_inst = inst(2, KIND_CLINIC, "鹿島灘クリニック", 35.9, 140.7);
	n = team_validate(&p, &t, today, pr, TEAM_PROBLEMS_MAX);
	CHECK(has(pr, n, "secondary_not_in_group") && !has(pr, n, "secondary_same_institution"));
	t.secondary_inst.in_group = true;
	/* 16 km (DOMAIN.md): the only ventilator-capable institution moved 30 km away. */
	t.primary_inst.lat = 36.24;
	n = team_validate(&p, &t, today, pr, TEAM_PROBLEMS_MAX);
	CHECK(has(pr, n, "capability_missing"));
	/* Tri-state (issue 12): the 副主治医's institution nearby has not answered about ventilators —
	 * 未確認, a distinct warning, not "missing". */
	t.secondary_inst.caps_known = ~(1u << CAP_VENTILATOR);
	n = team_validate(&p, &t, today, pr, TEAM_PROBLEMS_MAX);
	CHECK(has(pr, n, "capability_unconfirmed") && !has(pr, n, "capability_missing"));
	for (int i = 0; i < n; i++)
		if (strcmp(pr[i].code, "capability_unconfirmed") == 0)
			CHECK(strstr(pr[i].message, "未確認") && strstr(pr[i].message, "鹿島灘クリニック"));
	t.secondary_inst.caps_known = ~0u;
	t.primary_inst.lat = 35.97;
	t.nurse_station = inst(3, KIND_NURSE_STATION, "訪問看護かしま", 35.96, 140.63);
	n = team_validate(&p, &t, today, pr, TEAM_PROBLEMS_MAX);
	CHECK(has(pr, n, "nurse_not_24h"));
	t.nurse_station.h24 = true;
	/* 在宅療養後方支援病院: 許可病床200床以上, one at a time, 3か月に1回以上の情報交換. */
	t.backup_id = 9;
	t.backup_active_count = 2;
	t.backup_hospital = inst(4, KIND_HOSPITAL, "鹿嶋はまなす病院", 35.95, 140.65);
	t.backup_hospital.beds = 120;
	snprintf(t.backup_registered_on, sizeof t.backup_registered_on, "2026-08-01");
	n = team_validate(&p, &t, today, pr, TEAM_PROBLEMS_MAX);
	CHECK(has(pr, n, "backup_multiple") && has(pr, n, "backup_not_standard") && has(pr, n, "exchange_overdue"));
	t.backup_active_count = 1;
	t.backup_hospital.beds = 320;
	t.backup_hospital.standards = 1u << STD_BACKUP_HOSPITAL;
	snprintf(t.backup_last_exchange, sizeof t.backup_last_exchange, "2026-10-01");
	n = team_validate(&p, &t, today, pr, TEAM_PROBLEMS_MAX);
	CHECK(n == 0);
	for (int i = 0; i < n; i++)
		fprintf(stderr, "  unexpected: %s %s\n", pr[i].code, pr[i].message);

	/* Duties: the type must be one the date carries. */
	struct duty du = {.type = DUTY_HOLIDAY_DAY, .practitioner_id = 5};
	snprintf(du.date, sizeof du.date, "2026-12-16");
	snprintf(du.source, sizeof du.source, "manual");
	CHECK(duty_validate(&du, NULL, &e) == ZT_ERR_INVALID && strcmp(e.field, "type") == 0);
	du.type = DUTY_WEEKDAY_NIGHT;
	CHECK(duty_validate(&du, NULL, &e) == ZT_OK);
	snprintf(du.source, sizeof du.source, "robot");
	CHECK(duty_validate(&du, NULL, &e) == ZT_ERR_INVALID && strcmp(e.field, "source") == 0);

	/* The call chain (issue 14 §6): in hours the 主治医 first; at night the on-call doctor, then the
	 * 副主治医, the 24h nurse, the registered 在後病, the discharge-origin hospital, 119 last. */
	snprintf(t.primary.name, sizeof t.primary.name, "長栖 健一");
	t.primary.id = 6;
	t.discharge_hospital = inst(5, KIND_HOSPITAL, "潮来あやめ病院", 35.94, 140.55);
	p.devices = (1u << DEV_VENTILATOR) | (1u << DEV_GASTROSTOMY);
	p.acp_transport = ACP_DECLINES;
	struct cc_input in = {.p = &p, .t = &t, .hours = DUTY_HOURS_DEFAULT};
	struct cc_result r;
	duty_slot_at(2026, 12, 16, 600, &in.hours, &in.slot);
	callchain_build(&in, &r);
	CHECK(r.nsteps == 6 && strcmp(r.steps[0].reason, "primary_in_hours") == 0 && strcmp(r.steps[1].reason, "secondary") == 0);
	CHECK(strcmp(r.steps[2].reason, "nurse_24h") == 0 && strcmp(r.steps[3].reason, "backup_registered") == 0);
	CHECK(strcmp(r.steps[4].reason, "discharge_origin") == 0 && strcmp(r.steps[5].reason, "fire_department") == 0);
	CHECK(strcmp(r.steps[5].phones[0], "119") == 0);
	int ventilator = 0, transport = 0;
	for (int i = 0; i < r.nknow; i++) {
		ventilator |= strstr(r.know[i], "人工呼吸器") != NULL;
		transport |= strstr(r.know[i], "救急搬送を希望しない") != NULL;
	}
	CHECK(ventilator && transport);
	struct duty on = {.practitioner_id = 11, .type = DUTY_NENMATSU_NIGHT};
	snprintf(on.practitioner_name, sizeof on.practitioner_name, "津賀 修平");
	snprintf(on.practitioner_phone, sizeof on.practitioner_phone, "090-0000-0011");
	duty_slot_at(2027, 1, 1, 120, &in.hours, &in.slot);
	in.duties = &on, in.nduties = 1;
	callchain_build(&in, &r);
	CHECK(strcmp(r.steps[0].reason, "on_call") == 0 && r.steps[0].practitioner_id == 11);
	CHECK(strstr(r.slot_label, "2026年12月31日（年末年始） 年末年始夜間") != NULL);
	CHECK(strcmp(r.steps[1].reason, "secondary") == 0);
	/* Nurse first (configurable), and a night without a duty falls back to the 主治医, saying so. */
	in.nurse_first = true;
	callchain_build(&in, &r);
	CHECK(strcmp(r.steps[0].reason, "nurse_first") == 0 && strcmp(r.steps[1].reason, "on_call") == 0);
	in.nurse_first = false, in.nduties = 0;
	callchain_build(&in, &r);
	CHECK(strcmp(r.steps[0].reason, "primary_fallback") == 0 && r.nskipped >= 1 &&
	      strcmp(r.skipped[0].reason, "no_on_call") == 0);
	/* A station without 24h is left out at night, with the reason. */
	t.nurse_station.h24 = false;
	callchain_build(&in, &r);
	int skipped = 0;
	for (int i = 0; i < r.nskipped; i++)
		skipped |= strcmp(r.skipped[i].reason, "nurse_not_24h") == 0;
	CHECK(skipped);
	/* An empty team still ends with 119. */
	struct care_team empty = {0};
	in.t = &empty;
	callchain_build(&in, &r);
	CHECK(r.nsteps == 1 && strcmp(r.steps[0].reason, "fire_department") == 0);
	/* 代診 (issue 14 §4): "the patient's 副主治医 first; then doctors of the group who are available,
	 * hold the capabilities the patient needs, and lie within 16 km …; ties broken by fairness debt". */
	struct sub_candidate c[5];
	memset(c, 0, sizeof c);
	for (int i = 0; i < 5; i++) {
		c[i].practitioner_id = 100 + i;
		c[i].has_coord = true;
		c[i].lat = 35.97, c[i].lon = 140.64;
		c[i].caps = 1u << CAP_VENTILATOR;
		snprintf(c[i].name, sizeof c[i].name, "医師%d", i);
	}
	c[0].practitioner_id = 6;           /* the absent 主治医 */
	c[1].covered = 3;                   /* near, capable, but covered more */
	c[2].covered = 0, c[2].lat = 36.0;  /* capable, 3–4 km */
	c[3].secondary = true, c[3].covered = 9; /* the 副主治医 */
	c[4].caps = 0;                      /* lacks the ventilator */
	struct sub_rank rk[5];
	int nrk = 0;
	char none[400];
	int ok = substitute_rank(&p, 6, c, 5, rk, &nrk, none);
	CHECK(ok == 3 && nrk == 4 && none[0] == '\0');
	CHECK(c[rk[0].idx].secondary && c[rk[1].idx].practitioner_id == 102 && c[rk[2].idx].practitioner_id == 101);
	CHECK(!rk[3].eligible && strstr(rk[3].reasons, "人工呼吸器") != NULL);
	c[1].absent = c[2].absent = c[3].absent = true;
	ok = substitute_rank(&p, 6, c, 5, rk, &nrk, none);
	CHECK(ok == 0 && strstr(none, "人工呼吸器") != NULL);
	c[4].absent = true;
	ok = substitute_rank(&p, 6, c, 5, rk, &nrk, none);
	CHECK(ok == 0 && strstr(none, "全員") != NULL);
	for (int i = 1; i < 5; i++)
		c[i].absent = false, c[i].secondary = false, c[i].lat = 36.4, c[i].caps = 1u << CAP_VENTILATOR;
	ok = substitute_rank(&p, 6, c, 5, rk, &nrk, none);
	CHECK(ok == 0 && strstr(none, "16km") != NULL && strstr(rk[0].reasons, "km") != NULL);
	/* A duty: not absent and not on another duty that day. */
	c[1].on_duty = true;
	ok = substitute_rank(NULL, 6, c, 5, rk, &nrk, none);
	CHECK(ok == 3 && !rk[3].eligible && c[rk[3].idx].practitioner_id == 101);
	struct absence ab = {.practitioner_id = 6};
	snprintf(ab.starts_on, sizeof ab.starts_on, "2026-12-20");
	snprintf(ab.ends_on, sizeof ab.ends_on, "2026-12-19");
	CHECK(absence_validate(&ab, &e) == ZT_ERR_INVALID && strcmp(e.field, "ends_on") == 0);
	snprintf(ab.ends_on, sizeof ab.ends_on, "2026-12-31");
	CHECK(absence_validate(&ab, &e) == ZT_ERR_INVALID && strcmp(e.field, "reason") == 0);
	snprintf(ab.reason, sizeof ab.reason, "学会");
	CHECK(absence_validate(&ab, &e) == ZT_OK);

	/* The call chain with an absent 主治医 and an accepted substitute: the substitute comes first. */
	in.t = &t;
	struct team_person subst = {.id = 11, .institution_id = 2};
	snprintf(subst.name, sizeof subst.name, "津賀 修平");
	in.primary_absent = true;
	in.absence_reason = "学会";
	in.substitute = &subst;
	in.substitute_institution = "鹿島灘クリニック";
	duty_slot_at(2026, 12, 16, 600, &in.hours, &in.slot);
	callchain_build(&in, &r);
	CHECK(strcmp(r.steps[0].reason, "substitute") == 0 && strcmp(r.skipped[0].reason, "primary_absent") == 0);
	in.substitute = NULL;
	callchain_build(&in, &r);
	CHECK(strcmp(r.steps[0].reason, "secondary") == 0);

	/* 後方病床 (seed 002 ③ 柏市 model): the registered 在後病 first, then the discharge origin; a hospital
	 * with no free bed is skipped with the reason; stale figures are marked. */
	in.primary_absent = false;
	struct cc_hospital hs[2] = {{.inst = t.backup_hospital, .why = "backup_registered", .has_beds = true, .free = 0},
				    {.inst = t.discharge_hospital, .why = "discharge_origin", .has_beds = true, .free = 2, .stale = true}};
	snprintf(hs[0].updated_at, sizeof hs[0].updated_at, "2026-12-15T01:00:00Z");
	snprintf(hs[1].updated_at, sizeof hs[1].updated_at, "2026-12-14T01:00:00Z");
	in.hospitals = hs, in.nhospitals = 2;
	callchain_build(&in, &r);
	int nofree = 0, dis = -1;
	for (int i = 0; i < r.nskipped; i++)
		nofree |= strcmp(r.skipped[i].reason, "no_free_bed") == 0 && strstr(r.skipped[i].sentence, "鹿嶋はまなす病院");
	for (int i = 0; i < r.nsteps; i++)
		if (strcmp(r.steps[i].reason, "discharge_origin") == 0)
			dis = i;
	CHECK(nofree && dis >= 0 && strstr(r.steps[dis].sentence, "古い情報") != NULL);
	hs[0].free = 1;
	callchain_build(&in, &r);
	CHECK(strcmp(r.steps[r.nsteps - 3].reason, "backup_registered") == 0 && strstr(r.steps[r.nsteps - 3].sentence, "空床 1 床"));
	struct bed_figure bf = {.ward = WARD_GENERAL, .reserved = 2, .free = -1};
	CHECK(bed_figure_check(&bf, 0, &e) == ZT_ERR_INVALID && strcmp(e.field, "wards[0].free") == 0);
	bf.free = 1;
	CHECK(bed_figure_check(&bf, 3, &e) == ZT_OK);
	bf.ward = WARD__MAX;
	CHECK(bed_figure_check(&bf, 3, &e) == ZT_ERR_INVALID && strcmp(e.field, "wards[3].ward") == 0);
	time_t noon = (time_t)cal_days(2026, 12, 15) * 86400 + 12 * 3600;
	CHECK(!bed_is_stale("2026-12-15T01:00:00Z", noon, 12) && bed_is_stale("2026-12-14T23:59:59Z", noon, 12));
	CHECK(bed_is_stale("garbage", noon, 12));
	UNIT_DONE();
}
