/* Activity plans (issue 19 §2): fiscal-year bounds, indicator definitions and the goal check. */
#include "domain/plan.h"
#include "domain/wareki.h"

#include <stdio.h>
#include <string.h>

const struct plan_indicator_def plan_indicators[IND__MAX] = {
	[IND_CLINICS_CD] = {"clinics_cd", "段階C・Dの診療所数", "か所"},
	[IND_HOME_PATIENTS] = {"home_patients", "在宅患者数", "人"},
	[IND_EOL] = {"eol", "看取り数", "人"},
	[IND_REFERRALS_ACCEPTED] = {"referrals_accepted", "退院調整の受入決定数", "件"},
	[IND_MEETINGS] = {"meetings", "会議・連絡会の開催回数", "回"},
	[IND_TRAININGS] = {"trainings", "研修の開催回数", "回"},
};

int plan_indicator_find(const char *code)
{
	if (code == NULL)
		return -1;
	for (int i = 0; i < IND__MAX; i++)
		if (strcmp(plan_indicators[i].code, code) == 0)
			return i;
	return -1;
}

enum zt_err plan_fiscal_year_check(int fy, int current_fy, struct zt_error *e)
{
	if (fy < PLAN_FY_MIN || fy > current_fy + 1)
		return zt_fail(e, ZT_ERR_INVALID, "fiscal_year",
			       "年度 %d は対象外です（%d年度から%d年度まで）", fy, PLAN_FY_MIN, current_fy + 1);
	return ZT_OK;
}

void plan_check_indicator(enum plan_indicator ind, int64_t goal, int64_t actual, int64_t last_year,
			  struct plan_check *out)
{
	memset(out, 0, sizeof *out);
	out->goal = goal, out->actual = actual, out->last_year = last_year;
	out->percent = goal > 0 ? (int)(actual * 100 / goal) : 0;
	out->achieved = goal > 0 && actual >= goal;
	const struct plan_indicator_def *d = &plan_indicators[ind];
	int len = goal > 0 ? snprintf(out->text, sizeof out->text, "%s：目標%lld%s・実績%lld%s（%d%%）", d->ja,
				       (long long)goal, d->unit, (long long)actual, d->unit, out->percent)
			   : snprintf(out->text, sizeof out->text, "%s：実績%lld%s（目標なし）", d->ja,
				      (long long)actual, d->unit);
	if (last_year >= 0 && len > 0 && (size_t)len < sizeof out->text)
		snprintf(out->text + len, sizeof out->text - (size_t)len, "、前年度%lld%s", (long long)last_year,
			 d->unit);
}

void plan_fiscal_year_ja(int fy, char *out, size_t size)
{
	char iso[16], w[64];
	if (size == 0)
		return;
	out[0] = '\0';
	if (fy < 1900 || fy > 9998)
		return;
	snprintf(iso, sizeof iso, "%04d-12-31", fy); /* the era of most of the year: FY2019 = 令和元年度 */
	if (wareki_format(iso, w, sizeof w) != 0)
		return;
	char *nen = strstr(w, "年");
	if (nen == NULL)
		return;
	nen[0] = '\0';
	snprintf(out, size, "%s年度", w);
}

enum zt_err plan_validate(const struct plan_def *d, const struct ruleset *rs, struct zt_error *e)
{
	if (rs == NULL)
		return zt_fail(e, ZT_ERR_INVALID, "ruleset", "適用する事業要件が決まっていません");
	for (size_t i = 0; i < d->nactions; i++) {
		char field[64];
		snprintf(field, sizeof field, "actions[%zu].code", i);
		if (ruleset_action_index(rs, d->actions[i].code) < 0)
			return zt_fail(e, ZT_ERR_INVALID, field, "「%s」は%sの事業項目ではありません", d->actions[i].code,
				       rs->name);
		for (size_t j = 0; j < i; j++)
			if (strcmp(d->actions[j].code, d->actions[i].code) == 0)
				return zt_fail(e, ZT_ERR_INVALID, field, "事業項目「%s」が重複しています", d->actions[i].code);
	}
	for (size_t i = 0; i < d->ngoals; i++) {
		char field[64];
		snprintf(field, sizeof field, "goals[%zu].goal", i);
		if (d->goals[i].indicator < 0 || d->goals[i].indicator >= IND__MAX)
			return zt_fail(e, ZT_ERR_INVALID, field, "指標が不明です");
		if (d->goals[i].goal < 0 || d->goals[i].goal > PLAN_GOAL_MAX)
			return zt_fail(e, ZT_ERR_INVALID, field, "目標値は0以上%d以下の整数で入力してください", PLAN_GOAL_MAX);
		for (size_t j = 0; j < i; j++)
			if (d->goals[j].indicator == d->goals[i].indicator)
				return zt_fail(e, ZT_ERR_INVALID, field, "指標「%s」が重複しています",
					       plan_indicators[d->goals[i].indicator].ja);
	}
	if (d->variant[0]) {
		bool ok = false;
		for (size_t i = 0; rs->variants && rs->variants[i]; i++)
			ok |= strcmp(rs->variants[i], d->variant) == 0;
		if (!ok)
			return zt_fail(e, ZT_ERR_INVALID, "variant", "「%s」は%sの類型ではありません", d->variant, rs->name);
	}
	return ZT_OK;
}
