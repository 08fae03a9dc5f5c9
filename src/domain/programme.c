/* The coordinator programme's vocabularies and rules: operators, meeting minima, clinic stages, awards (issue 18; seeds 002–004). */
#include "domain/programme.h"

#include <stdio.h>
#include <string.h>

#include "domain/holiday.h"

const struct code_entry operator_kinds[OPK__MAX] = {
	[OPK_COORDINATOR] = {"coordinator", "在宅医療推進コーディネータ（郡市医師会）"},
	[OPK_SUPPORT_CORE] = {"support_core", "地域在宅医療サポートセンター（基幹型）"},
	[OPK_SUPPORT_LINKED] = {"support_linked", "地域在宅医療サポートセンター（連携型）"},
	[OPK_BASE] = {"base", "在宅医療に必要な連携を担う拠点"},
	[OPK_MUNICIPAL] = {"municipal", "在宅医療・介護連携推進事業（市町村）"},
	[OPK_GROUP_PRACTICE] = {"group_practice", "在宅医療グループ診療運営事業"},
};

const struct code_entry meeting_kinds[MK__MAX] = {
	[MK_EXCHANGE] = {"exchange", "情報交換会"},
	[MK_LIAISON] = {"liaison", "連絡会"},
	[MK_COUNCIL] = {"council", "協議体"},
	[MK_CARE_CONF] = {"care_conference", "地域ケア会議"},
	[MK_TRAINING] = {"training", "多職種研修"},
	[MK_PUBLIC] = {"public", "住民向け（普及啓発）"},
};

const struct code_entry clinic_stages[STAGE__MAX] = {
	[STAGE_A] = {"A", "A 在宅医療未実施"},
	[STAGE_B] = {"B", "B 訪問診療を実施"},
	[STAGE_C] = {"C", "C 在宅療養支援診療所"},
	[STAGE_D] = {"D", "D 機能強化型・看取り実績"},
};

const struct code_entry award_statuses[AWARD__MAX] = {
	[AWARD_NOMINATED] = {"nominated", "推薦"},
	[AWARD_AWARDED] = {"awarded", "顕彰決定"},
	[AWARD_DECLINED] = {"declined", "見送り"},
};

bool programme_date_ok(const char *s)
{
	int y, m, d;
	return s && strlen(s) == 10 && cal_parse(s, &y, &m, &d);
}

int programme_fiscal_year(const char *date)
{
	int y, m, d;
	if (!programme_date_ok(date) || !cal_parse(date, &y, &m, &d))
		return 0;
	return m >= 4 ? y : y - 1;
}

static bool digits(const char *s, size_t n)
{
	if (strlen(s) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

enum zt_err operator_check(const struct operator_def *o, struct zt_error *e)
{
	if (o->name[0] == '\0')
		return zt_fail(e, ZT_ERR_INVALID, "name", "事業者名を入力してください。");
	if (o->kind < 0 || o->kind >= OPK__MAX)
		return zt_fail(e, ZT_ERR_INVALID, "kind", "事業の種類が正しくありません。");
	if (!digits(o->prefecture, 2))
		return zt_fail(e, ZT_ERR_INVALID, "prefecture", "都道府県コード（2桁）を指定してください。");
	if (o->municipality[0] && !digits(o->municipality, 6))
		return zt_fail(e, ZT_ERR_INVALID, "municipality", "市町村コードは6桁です。");
	if (o->municipality[0] && strncmp(o->municipality, o->prefecture, 2) != 0)
		return zt_fail(e, ZT_ERR_INVALID, "municipality", "市町村が事業者の都道府県にありません。");
	if (o->kind == OPK_MUNICIPAL && o->municipality[0] == '\0')
		return zt_fail(e, ZT_ERR_INVALID, "municipality", "在宅医療・介護連携推進事業には実施主体の市町村が必要です。");
	if (o->kind == OPK_COORDINATOR && o->association_id <= 0)
		return zt_fail(e, ZT_ERR_INVALID, "association_id", "コーディネータ事業には郡市医師会を指定してください。");
	if (o->association_id <= 0 && o->municipality[0] == '\0')
		return zt_fail(e, ZT_ERR_INVALID, "association_id", "郡市医師会または市町村を指定してください。");
	if (o->first_fiscal_year < 2000 || o->first_fiscal_year > 2100)
		return zt_fail(e, ZT_ERR_INVALID, "first_fiscal_year", "事業開始年度は2000〜2100年度で指定してください。");
	if (o->cap_units < 1 || o->cap_units > 100)
		return zt_fail(e, ZT_ERR_INVALID, "cap_units", "補助上限の対象となる区・箇所の数は1〜100で指定してください。");
	return ZT_OK;
}

int meeting_kind_minimum(enum meeting_kind k)
{
	/* seed 002 ⑤「在宅医療に取り組む医師で連携に向けた情報交換会の開催（年3回以上）」 */
	return k == MK_EXCHANGE ? 3 : 0;
}

void meeting_tally(int fy, const char *today, const int held[MK__MAX], const int planned[MK__MAX],
		   struct meeting_tally out[MK__MAX])
{
	int tfy = programme_fiscal_year(today);
	bool over = tfy == 0 || tfy > fy; /* the year has ended (an unreadable today: judge as ended) */
	for (int k = 0; k < MK__MAX; k++) {
		struct meeting_tally *t = &out[k];
		t->kind = k;
		t->held = held[k];
		t->planned = planned[k];
		t->minimum = meeting_kind_minimum((enum meeting_kind)k);
		t->missed = over && t->held < t->minimum;
		t->short_of = !over && t->held + t->planned < t->minimum;
	}
}

static bool time_ok(const char *s)
{
	return strlen(s) == 5 && s[2] == ':' && s[0] >= '0' && s[0] <= '2' && s[1] >= '0' && s[1] <= '9' &&
	       s[3] >= '0' && s[3] <= '5' && s[4] >= '0' && s[4] <= '9' && (s[0] < '2' || s[1] <= '3');
}

enum zt_err meeting_check(const struct meeting *m, struct zt_error *e)
{
	if (m->operator_id <= 0)
		return zt_fail(e, ZT_ERR_INVALID, "operator_id", "事業者を指定してください。");
	if (m->kind < 0 || m->kind >= MK__MAX)
		return zt_fail(e, ZT_ERR_INVALID, "kind", "会議の種類が正しくありません。");
	if (m->title[0] == '\0')
		return zt_fail(e, ZT_ERR_INVALID, "title", "会議名を入力してください。");
	if (!programme_date_ok(m->held_on))
		return zt_fail(e, ZT_ERR_INVALID, "held_on", "開催日を YYYY-MM-DD で入力してください。");
	if (m->start_time[0] && !time_ok(m->start_time))
		return zt_fail(e, ZT_ERR_INVALID, "start_time", "開始時刻を HH:MM で入力してください。");
	if (m->end_time[0] && !time_ok(m->end_time))
		return zt_fail(e, ZT_ERR_INVALID, "end_time", "終了時刻を HH:MM で入力してください。");
	if (m->start_time[0] && m->end_time[0] && strcmp(m->end_time, m->start_time) <= 0)
		return zt_fail(e, ZT_ERR_INVALID, "end_time", "終了時刻は開始時刻より後にしてください。");
	char f[64];
	for (int i = 0; i < m->npeople; i++) {
		const struct meeting_person *p = &m->people[i];
		if (p->institution_id <= 0 && p->name[0] == '\0') {
			snprintf(f, sizeof f, "people[%d].name", i);
			return zt_fail(e, ZT_ERR_INVALID, f, "招待者%d: 機関か氏名を指定してください。", i + 1);
		}
		if (p->attended < -1 || p->attended > 1) {
			snprintf(f, sizeof f, "people[%d].attended", i);
			return zt_fail(e, ZT_ERR_INVALID, f, "招待者%d: 出欠が正しくありません。", i + 1);
		}
	}
	for (int i = 0; i < m->nactions; i++) {
		const struct meeting_action *a = &m->actions[i];
		const char *bad = a->text[0] == '\0'                         ? "text"
				  : a->owner[0] == '\0'                      ? "owner"
				  : a->due_on[0] && !programme_date_ok(a->due_on)   ? "due_on"
				  : a->done_on[0] && !programme_date_ok(a->done_on) ? "done_on"
										    : NULL;
		if (bad) {
			snprintf(f, sizeof f, "actions[%d].%s", i, bad);
			return zt_fail(e, ZT_ERR_INVALID, f, "フォローアップ%d: %s", i + 1,
				       strcmp(bad, "text") == 0    ? "内容を入力してください。"
				       : strcmp(bad, "owner") == 0 ? "担当者を入力してください。"
								   : "日付を YYYY-MM-DD で入力してください。");
		}
	}
	return ZT_OK;
}

void clinic_stage_derive(const struct stage_facts *f, struct stage_result *out)
{
	memset(out, 0, sizeof *out);
	bool enhanced = f->standards & ((1u << STD_ZAISHIN_ENHANCED_SOLO) | (1u << STD_ZAISHIN_ENHANCED_LINKED));
	bool zaishin = enhanced || (f->standards & (1u << STD_ZAISHIN_CONVENTIONAL));
	bool mitori = (f->end_of_life && f->end_of_life_known) || f->survey_deaths_last_year > 0;
	if (enhanced) {
		out->stage = STAGE_D;
		snprintf(out->basis, sizeof out->basis, "機能強化型在宅療養支援診療所の届出あり");
	} else if (zaishin && mitori) {
		out->stage = STAGE_D;
		snprintf(out->basis, sizeof out->basis, "在宅療養支援診療所で看取りの実績あり%s",
			 f->survey_deaths_last_year > 0 ? "（調査回答）" : "");
	} else if (zaishin) {
		out->stage = STAGE_C;
		snprintf(out->basis, sizeof out->basis, "在宅療養支援診療所（従来型）の届出あり");
	} else if ((f->home_care && f->home_care_known) || f->survey_visits == 1) {
		out->stage = STAGE_B;
		snprintf(out->basis, sizeof out->basis, "訪問診療を実施（%s）、在支診の届出なし",
			 f->survey_visits == 1 ? "調査回答" : "登録情報");
	} else {
		out->stage = STAGE_A;
		out->uncertain = !f->home_care_known && f->survey_visits != 0;
		snprintf(out->basis, sizeof out->basis, "%s",
			 out->uncertain ? "訪問診療の実施が未確認（調査回答なし）" : "訪問診療を行っていない");
	}
}
