/*
 * Demo step "network" (issue 14 §8): visibly fictional patients of the certified group 鹿嶋在宅医療連携
 * グループ（デモ） with full care teams, a 在宅療養後方支援病院 registration (one with its information
 * exchange overdue), the group's duties from a week ago to the end of next month (年末年始 included
 * when it falls in), and phone numbers for the group's doctors. Everything goes through the same use
 * cases as the API (app_patients.c) as the system, so every write is an audit row. Dates are relative
 * to today (JST), so the call chain shows a duty at any time the demo is loaded. The first doctor of
 * かしま在宅クリニック is away at a conference from tomorrow for three days, and the first ranked
 * substitute is accepted for each of their patients and duties (代診).
 */
#include "demo/demo_network.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_absences.h"
#include "app/app_patients.h"
#include "core/clock.h"
#include "domain/duty.h"
#include "domain/grouping.h"
#include "domain/holiday.h"
#include "io/patient_json.h"
#include "store/store.h"
#include "store/store_groups.h"

static const char *const group_name = "鹿嶋在宅医療連携グループ（デモ）";

struct dpatient {
	const char *name, *kana, *birth, *sex, *address, *care, *since;
	double lat, lon;
	const char *needs, *devices; /* JSON arrays */
	const char *acp;             /* JSON object members, or "" */
	const char *primary, *secondary, *discharge;
	int backup_months_ago;       /* 0: no 在後病 registration */
	int exchange_months_ago;     /* 0: no exchange yet */
};

static const struct dpatient patients[] = {
	{"鹿嶋 花子（架空）", "カシマ ハナコ", "1938-05-12", "female", "茨城県鹿嶋市宮中（架空）1-2-3", "care4", "2026-04-01",
	 35.9660, 140.6440, "[\"oxygen\",\"end_of_life\"]", "[\"oxygen\",\"gastrostomy\",\"narcotics\"]",
	 "\"acp_home_death\":\"wishes\",\"acp_transport\":\"declines\",\"acp_life_support\":\"declines\","
	 "\"acp_note\":\"自宅で家族に囲まれて最期を迎えたいと本人が繰り返し話している（架空）\",\"acp_recorded_by\":\"長栖 健一（架空）\"",
	 "かしま在宅クリニック（架空）", "鹿島灘ファミリークリニック（架空）", "鹿嶋はまなす病院（架空）", 5, 1},
	{"鹿嶋 一郎（架空）", "カシマ イチロウ", "1951-11-03", "male", "茨城県鹿嶋市平井（架空）4-5", "care5", "2025-10-15",
	 35.9430, 140.6610, "[\"ventilator\",\"tracheal_cannula\"]", "[\"ventilator\",\"tracheal_cannula\",\"suction\"]",
	 "\"acp_home_death\":\"undecided\",\"acp_transport\":\"wishes\",\"acp_life_support\":\"wishes\","
	 "\"acp_recorded_by\":\"津賀 修平（架空）\"",
	 "鹿島灘ファミリークリニック（架空）", "かしま在宅クリニック（架空）", "鹿嶋なぎさ総合病院（架空）", 5, 0},
	{"鹿嶋 ゆき（架空）", "カシマ ユキ", "1944-02-20", "female", "茨城県鹿嶋市大船津（架空）7", "care2", "2026-09-01",
	 35.9800, 140.6200, "[]", "[\"urinary_catheter\"]", "", "かしま在宅クリニック（架空）", NULL, NULL, 0, 0},
};

/* today ± days as "YYYY-MM-DD" (JST). */
static void day_offset(const char *today, long days, char out[11])
{
	int y, m, d;
	cal_parse(today, &y, &m, &d);
	cal_from_days(cal_days(y, m, d) + days, &y, &m, &d);
	cal_format(y, m, d, out);
}

static enum zt_err fail_lookup(const char *what, struct zt_error *e)
{
	return zt_fail(e, ZT_ERR_NOTFOUND, "", "デモの %s が見つかりません。", what);
}

static int64_t inst(struct store *st, const char *name)
{
	return name ? store_institution_id_by_name(st, name) : 0;
}

/* The first doctor of an institution (0 when none). */
static int64_t doctor(struct store *st, int64_t institution)
{
	int64_t ids[1];
	return store_practitioner_ids(st, institution, "doctor", ids, 1) == 1 ? ids[0] : 0;
}

static enum zt_err add_patient(struct store *st, const struct dpatient *d, int64_t group, const char *today,
			       struct zt_error *e)
{
	char acp_on[11], body[2048];
	day_offset(today, -30, acp_on);
	snprintf(body, sizeof body,
		 "{\"name\":\"%s\",\"kana\":\"%s\",\"birth_date\":\"%s\",\"sex\":\"%s\",\"address\":\"%s\","
		 "\"municipality\":\"082228\",\"lat\":%.4f,\"lon\":%.4f,\"coord_source\":\"manual\","
		 "\"coord_precision\":\"番地（架空）\",\"coord_date\":\"%s\",\"phone\":\"0299-99-%04d\","
		 "\"family_name\":\"鹿嶋 太郎（架空）\",\"family_relation\":\"長男\",\"family_phone\":\"090-9999-%04d\","
		 "\"care_level\":\"%s\",\"status\":\"home\",\"status_since\":\"%s\",\"needs\":%s,\"devices\":%s,"
		 "\"fictional\":true%s%s%s%s%s}",
		 d->name, d->kana, d->birth, d->sex, d->address, d->lat, d->lon, acp_on, (int)(d - patients) + 1,
		 (int)(d - patients) + 1, d->care,
		 d->since, d->needs, d->devices, d->acp[0] ? "," : "", d->acp, d->acp[0] ? ",\"acp_recorded_on\":\"" : "",
		 d->acp[0] ? acp_on : "", d->acp[0] ? "\"" : "");
	json_error_t je;
	json_t *j = json_loads(body, 0, &je);
	if (j == NULL)
		return zt_fail(e, ZT_ERR_INVALID, "demo", "デモ患者のJSONが不正です: %s", je.text);
	struct patient *p = calloc(1, sizeof *p);
	if (p == NULL)
		abort();
	patient_init(p);
	enum zt_err r = patient_from_json(j, p, e);
	json_decref(j);
	if (r == ZT_OK)
		r = app_patient_create(st, NULL, NULL, p, e);
	int64_t primary = inst(st, d->primary), secondary = inst(st, d->secondary);
	json_t *team = NULL;
	if (r == ZT_OK) {
		team = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "group_id", (json_int_t)group, "primary_institution_id",
				 (json_int_t)primary, "primary_practitioner_id", (json_int_t)doctor(st, primary),
				 "nurse_station_id", (json_int_t)inst(st, "訪問看護ステーションかしま（架空）"), "pharmacy_id",
				 (json_int_t)inst(st, "なぎさ薬局 鹿嶋店（架空）"), "care_manager_id",
				 (json_int_t)inst(st, "居宅介護支援事業所かしま（架空）"));
		if (secondary) {
			json_object_set_new(team, "secondary_institution_id", json_integer(secondary));
			json_object_set_new(team, "secondary_practitioner_id", json_integer(doctor(st, secondary)));
		}
		if (d->discharge)
			json_object_set_new(team, "discharge_hospital_id", json_integer(inst(st, d->discharge)));
		struct app_patient_view *v = calloc(1, sizeof *v);
		if (v == NULL)
			abort();
		r = app_team_put(st, NULL, NULL, p->id, team, v, e);
		free(v);
		json_decref(team);
	}
	if (r == ZT_OK && d->backup_months_ago) {
		char on[11];
		int64_t reg = 0, x = 0;
		day_offset(today, -30L * d->backup_months_ago, on);
		r = app_backup_register(st, NULL, NULL, p->id, inst(st, "鹿嶋なぎさ総合病院（架空）"), on, NULL, false, &reg, e);
		if (r == ZT_OK && d->exchange_months_ago) {
			day_offset(today, -30L * d->exchange_months_ago, on);
			r = app_exchange_add(st, NULL, NULL, p->id, on, "状態と今後の方針を共有（架空）", &x, e);
		}
	}
	free(p);
	return r;
}

enum zt_err demo_network(struct store *st, struct zt_error *e)
{
	struct group_row *rows = NULL;
	size_t n = 0;
	enum zt_err r = store_groups_list(st, &rows, &n, e);
	int64_t group = 0;
	for (size_t i = 0; r == ZT_OK && i < n; i++)
		if (strcmp(rows[i].name, group_name) == 0)
			group = rows[i].id;
	free(rows);
	if (r != ZT_OK)
		return r;
	if (!group)
		return fail_lookup(group_name, e);
	/* Phone numbers (fictional) for the doctors of the group's clinics, and the rota's doctors. */
	const char *clinics[] = {"かしま在宅クリニック（架空）", "鹿島灘ファミリークリニック（架空）"};
	int64_t docs[8];
	int nd = 0;
	for (size_t c = 0; c < 2; c++) {
		int64_t id = inst(st, clinics[c]), ids[4];
		int k = id ? store_practitioner_ids(st, id, "doctor", ids, 4) : -1;
		if (k <= 0)
			return fail_lookup(clinics[c], e);
		for (int i = 0; i < k && nd < 8; i++) {
			char phone[32];
			snprintf(phone, sizeof phone, "090-0000-%04d", (int)(ids[i] % 10000));
			if ((r = store_practitioner_set_phone(st, ids[i], phone, e)) != ZT_OK)
				return r;
			docs[nd++] = ids[i];
		}
	}
	char today[11];
	zt_today_jst(today);
	for (size_t i = 0; i < sizeof patients / sizeof patients[0]; i++)
		if ((r = add_patient(st, &patients[i], group, today, e)) != ZT_OK)
			return r;
	/* Duties: from a week ago to 45 days ahead, the group's doctors in turn (the rota solver of issue
	 * 15 will produce these); every third weekday night is left open so the chain shows the fallback. */
	int year, mon, day;
	cal_parse(today, &year, &mon, &day);
	long start = cal_days(year, mon, day) - 7;
	int turn = 0;
	for (long k = 0; k < 52 && r == ZT_OK; k++) {
		int y, m, d;
		cal_from_days(start + k, &y, &m, &d);
		enum duty_type types[2];
		int nt = duty_types_of_date(y, m, d, NULL, types);
		for (int t = 0; t < nt && r == ZT_OK; t++) {
			if (types[t] == DUTY_WEEKDAY_NIGHT && k % 3 == 2)
				continue;
			struct duty du = {.group_id = group, .type = (int)types[t], .practitioner_id = docs[turn++ % nd]};
			cal_format(y, m, d, du.date);
			snprintf(du.source, sizeof du.source, "manual");
			r = app_duty_add(st, NULL, NULL, &du, e);
		}
	}
	/* 後方病床: the 在後病 is full now; the discharge-origin hospital's figures are 13 hours old (stale). */
	struct bed_figure full[2] = {{.ward = WARD_GENERAL, .reserved = 2, .free = 0}, {.ward = WARD_COMMUNITY_CARE, .reserved = 1, .free = 0}};
	struct bed_figure old[1] = {{.ward = WARD_GENERAL, .reserved = 3, .free = 2}};
	char stale_at[21];
	zt_format_utc(zt_now() - 13 * 3600, stale_at);
	if (r == ZT_OK)
		r = app_beds_put(st, NULL, NULL, inst(st, "鹿嶋なぎさ総合病院（架空）"), full, 2, NULL, e);
	if (r == ZT_OK)
		r = app_beds_put(st, NULL, NULL, inst(st, "鹿嶋はまなす病院（架空）"), old, 1, stale_at, e);
	/* 代診: an absence from tomorrow for three days, with the first ranked substitutes accepted. */
	struct absence ab = {.practitioner_id = docs[0]};
	day_offset(today, 1, ab.starts_on);
	day_offset(today, 3, ab.ends_on);
	snprintf(ab.reason, sizeof ab.reason, "学会出張（架空）");
	if (r == ZT_OK)
		r = app_absence_create(st, NULL, NULL, &ab, e);
	struct absence_plan plan = {0};
	if (r == ZT_OK)
		r = app_absence_plan(st, NULL, NULL, ab.id, &plan, e);
	for (int i = 0; r == ZT_OK && i < plan.nitems; i++) {
		const struct plan_item *it = &plan.items[i];
		int64_t sid = 0;
		if (it->neligible > 0)
			r = app_substitution_accept(st, NULL, NULL, ab.id, it->patient_id, it->patient_id ? 0 : it->duty.id,
						    it->cands[it->ranks[0].idx].practitioner_id, &sid, e);
	}
	app_absence_plan_free(&plan);
	if (r == ZT_OK)
		printf("  network: %zu fictional patients with care teams, duties from a week ago to 45 days ahead, an absence with accepted substitutes, backup beds (one full, one stale)\n",
		       sizeof patients / sizeof patients[0]);
	return r;
}
