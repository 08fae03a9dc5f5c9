/* Patients, care teams and duties: vocabularies and rules (issue 14 §1–§3, seeds 000, 002 ⑧, 003; see patient.h). */
#include "domain/patient.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain/duty.h"
#include "domain/geo.h"
#include "domain/holiday.h"
#include "domain/text.h"

const struct code_entry patient_sexes[SEX__MAX] = {
	{"female", "女性"}, {"male", "男性"}, {"other", "その他"}, {"unknown", "不明"},
};

const struct code_entry care_levels[CARE__MAX] = {
	{"none", "非該当・未申請"}, {"applying", "申請中"}, {"support1", "要支援1"}, {"support2", "要支援2"},
	{"care1", "要介護1"},       {"care2", "要介護2"},   {"care3", "要介護3"},     {"care4", "要介護4"},
	{"care5", "要介護5"},
};

const struct code_entry patient_statuses[PST__MAX] = {
	{"home", "在宅"}, {"hospitalised", "入院中"}, {"ended", "終了"}, {"deceased", "死亡"},
};

const struct code_entry devices[DEV__MAX] = {
	[DEV_VENTILATOR] = {"ventilator", "人工呼吸器"},
	[DEV_OXYGEN] = {"oxygen", "在宅酸素"},
	[DEV_TRACHEAL_CANNULA] = {"tracheal_cannula", "気管カニューレ"},
	[DEV_TPN] = {"tpn", "中心静脈栄養"},
	[DEV_GASTROSTOMY] = {"gastrostomy", "胃ろう"},
	[DEV_URINARY_CATHETER] = {"urinary_catheter", "尿道カテーテル"},
	[DEV_STOMA] = {"stoma", "人工肛門・人工膀胱"},
	[DEV_NARCOTICS] = {"narcotics", "麻薬"},
	[DEV_PERITONEAL_DIALYSIS] = {"peritoneal_dialysis", "腹膜透析"},
	[DEV_SUCTION] = {"suction", "吸引器"},
};

uint32_t device_required_caps(uint32_t devs)
{
	static const int map[DEV__MAX] = {
		[DEV_VENTILATOR] = CAP_VENTILATOR,
		[DEV_OXYGEN] = CAP_OXYGEN,
		[DEV_TRACHEAL_CANNULA] = CAP_TRACHEAL_CANNULA,
		[DEV_TPN] = CAP_TPN,
		[DEV_GASTROSTOMY] = -1, /* 胃ろう: no capability of the survey names it */
		[DEV_URINARY_CATHETER] = CAP_DRAIN_CATHETER,
		[DEV_STOMA] = CAP_STOMA,
		[DEV_NARCOTICS] = CAP_PAIN_NARCOTICS,
		[DEV_PERITONEAL_DIALYSIS] = CAP_PERITONEAL_DIALYSIS,
		[DEV_SUCTION] = -1, /* 吸引器: none either */
	};
	uint32_t caps = 0;
	for (int d = 0; d < DEV__MAX; d++)
		if ((devs & (1u << d)) && map[d] >= 0)
			caps |= 1u << map[d];
	return caps;
}

const struct code_entry acp_answers[ACP__MAX] = {
	{"unknown", "未確認"}, {"wishes", "希望する"}, {"declines", "希望しない"}, {"undecided", "未定"},
};

const struct code_entry coord_sources[CSRC__MAX] = {
	{"", "なし"}, {"geocoder", "ジオコーダ"}, {"manual", "手入力"}, {"survey", "現地確認"},
};

void patient_init(struct patient *p)
{
	memset(p, 0, sizeof *p);
	p->sex = SEX_UNKNOWN;
	p->status = PST_HOME;
	p->care_level = CARE_NONE;
}

/* True when s is non-empty and made of 全角カタカナ (U+30A1–U+30FC, incl. ー and ・) and spaces. */
static bool katakana(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (!*u)
		return false;
	while (*u) {
		if (*u == ' ') {
			u++;
			continue;
		}
		if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) { /* 全角スペース */
			u += 3;
			continue;
		}
		if (u[0] != 0xE3 || !u[1] || !u[2])
			return false;
		unsigned cp = ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu);
		if (cp < 0x30A1 || cp > 0x30FC)
			return false;
		u += 3;
	}
	return true;
}

static bool date_ok(const char *s)
{
	int y, m, d;
	return cal_parse(s, &y, &m, &d);
}

enum zt_err patient_validate(const struct patient *p, const char *today, struct zt_error *e)
{
	if (!p->name[0] || !text_valid_utf8(p->name))
		return zt_fail(e, ZT_ERR_INVALID, "name", "氏名を入力してください。");
	if (!katakana(p->kana))
		return zt_fail(e, ZT_ERR_INVALID, "kana", "フリガナは全角カタカナで入力してください。");
	if (!date_ok(p->birth_date) || strcmp(p->birth_date, today) > 0 || strcmp(p->birth_date, "1900-01-01") < 0)
		return zt_fail(e, ZT_ERR_INVALID, "birth_date", "生年月日は YYYY-MM-DD の実在する過去の日付で入力してください。");
	if ((int)p->sex < 0 || p->sex >= SEX__MAX)
		return zt_fail(e, ZT_ERR_INVALID, "sex", "性別の値が正しくありません。");
	if (!p->address[0])
		return zt_fail(e, ZT_ERR_INVALID, "address", "住所を入力してください。");
	if (!text_is_digits(p->municipality, 6) || strlen(p->municipality) != 6)
		return zt_fail(e, ZT_ERR_INVALID, "municipality", "市町村コード（6桁）を指定してください。");
	if (p->has_coord) {
		if (!geo_in_japan(p->lat, p->lon))
			return zt_fail(e, ZT_ERR_INVALID, "lat", "緯度・経度が日本国内を指していません。");
		if (p->coord_source == CSRC_NONE)
			return zt_fail(e, ZT_ERR_INVALID, "coord_source",
				       "座標の出典（geocoder / manual / survey）を指定してください（16km の判定を再現できるように）。");
		if (p->coord_date[0] && !date_ok(p->coord_date))
			return zt_fail(e, ZT_ERR_INVALID, "coord_date", "座標の取得日は YYYY-MM-DD で入力してください。");
	}
	if (!date_ok(p->status_since) || strcmp(p->status_since, today) > 0)
		return zt_fail(e, ZT_ERR_INVALID, "status_since", "状態の開始日は YYYY-MM-DD の今日以前の日付で入力してください。");
	if (strcmp(p->status_since, p->birth_date) < 0)
		return zt_fail(e, ZT_ERR_INVALID, "status_since", "状態の開始日が生年月日より前です。");
	bool acp = p->acp_home_death != ACP_UNKNOWN || p->acp_transport != ACP_UNKNOWN ||
		   p->acp_life_support != ACP_UNKNOWN || p->acp_note[0];
	if (acp && (!date_ok(p->acp_recorded_on) || strcmp(p->acp_recorded_on, today) > 0))
		return zt_fail(e, ZT_ERR_INVALID, "acp_recorded_on", "ACP（人生会議）の記録日を YYYY-MM-DD で入力してください。");
	if (acp && !p->acp_recorded_by[0])
		return zt_fail(e, ZT_ERR_INVALID, "acp_recorded_by", "ACP（人生会議）を記録した人を入力してください。");
	return ZT_OK;
}

bool date_add_months(const char *date, int months, char out[11])
{
	int y, m, d;
	if (!cal_parse(date, &y, &m, &d))
		return false;
	int idx = y * 12 + (m - 1) + months;
	y = idx / 12, m = idx % 12 + 1;
	while (d > 28 && !cal_valid(y, m, d))
		d--;
	snprintf(out, 11, "%04d-%02d-%02d", y, m, d);
	return true;
}

int patient_age(const char *birth_date, const char *today)
{
	int by, bm, bd, ty, tm, td;
	if (!cal_parse(birth_date, &by, &bm, &bd) || !cal_parse(today, &ty, &tm, &td))
		return -1;
	int age = ty - by - ((tm < bm || (tm == bm && td < bd)) ? 1 : 0);
	return age < 0 ? -1 : age;
}

bool patient_matches(const struct patient *p, const char words[][TEXT_WORD_MAX], int n)
{
	char name[512], kana[512];
	text_search_fold(p->name, name, sizeof name);
	text_search_fold(p->kana, kana, sizeof kana);
	for (int i = 0; i < n; i++)
		if (!strstr(name, words[i]) && !strstr(kana, words[i]))
			return false;
	return true;
}

/* ---- team validation ---- */

struct plist {
	struct team_problem *out;
	int n, max;
};

__attribute__((format(printf, 5, 6))) static void add(struct plist *l, const char *code, const char *severity,
						      const char *field, const char *fmt, ...)
{
	if (l->n < l->max) {
		struct team_problem *p = &l->out[l->n];
		p->code = code;
		p->severity = severity;
		snprintf(p->field, sizeof p->field, "%s", field);
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(p->message, sizeof p->message, fmt, ap);
		va_end(ap);
	}
	l->n++;
}

/* Distance from the patient's home to an institution; -1 when either has no coordinates. */
static double km(const struct patient *p, const struct team_inst *t)
{
	if (!p->has_coord || !t->id || !t->has_coord)
		return -1;
	return geo_distance_km(p->lat, p->lon, t->lat, t->lon);
}

int team_validate(const struct patient *p, const struct care_team *t, const char *today, struct team_problem *out,
		  int max)
{
	struct plist l = {out, 0, max};
	/* seed 003: 主治医・副主治医制 — "主治医・副主治医制、休日日夜間等不在時の代診制、受入病床の確保". */
	if (!t->primary_inst.id)
		add(&l, "primary_missing", "error", "primary_institution_id", "主治医（医療機関）が設定されていません。");
	if (!t->secondary_inst.id) {
		add(&l, "secondary_missing", "warning", "secondary_institution_id",
		    "副主治医が設定されていません（主治医・副主治医制）。");
	} else if (t->primary_inst.id && t->secondary_inst.id == t->primary_inst.id) {
		add(&l, "secondary_same_institution", "error", "secondary_institution_id",
		    "副主治医が主治医と同じ医療機関（%s）です。副主治医はグループ内の別の医療機関の医師、または副主治医を担う後方支援病院から選んでください。",
		    t->primary_inst.name);
	} else if (t->group_id && !t->secondary_inst.in_group) {
		add(&l, "secondary_not_in_group", "warning", "secondary_institution_id",
		    "副主治医の医療機関（%s）は主治医と同じグループに属していません。", t->secondary_inst.name);
	}
	if (t->nurse_station.id && !t->nurse_station.h24)
		add(&l, "nurse_not_24h", "warning", "nurse_station_id",
		    "訪問看護ステーション（%s）は24時間対応として登録されていません（夜間・休日の連絡先に入りません）。",
		    t->nurse_station.name);
	/* DOMAIN.md: 往診・訪問診療は 16 km 以内 (straight line from stored coordinates). */
	if (!p->has_coord && p->needs) {
		add(&l, "coords_missing", "warning", "lat", "患者宅の座標がないため、16km 以内かどうかを確認できません。");
	} else if (p->needs) {
		const struct team_inst *team[] = {&t->primary_inst, &t->secondary_inst, &t->nurse_station, &t->pharmacy};
		for (int c = 0; c < CAP__MAX; c++) {
			if (!(p->needs & (1u << c)))
				continue;
			bool ok = false;
			char unknown[1040] = ""; /* the team institutions within 16 km whose answer is 未確認 */
			for (size_t i = 0; i < sizeof team / sizeof team[0] && !ok; i++) {
				double d = km(p, team[i]);
				if (d < 0 || d > 16.0)
					continue;
				ok = (team[i]->caps & (1u << c)) != 0;
				if (!ok && !(team[i]->caps_known & (1u << c))) {
					size_t u = strlen(unknown);
					snprintf(unknown + u, sizeof unknown - u, "%s%s", u ? "、" : "", team[i]->name);
				}
			}
			/* Tri-state facts (issue 12): a capability nobody confirmed but someone has not answered
			 * is "未確認", to be asked — not "missing". */
			if (!ok && unknown[0])
				add(&l, "capability_unconfirmed", "warning", "needs",
				    "患者に必要な「%s」について、チームの16km 以内の機関（%s）の対応は未確認です。対応できるか確認してください。",
				    capabilities[c].ja, unknown);
			else if (!ok)
				add(&l, "capability_missing", "error", "needs",
				    "患者に必要な「%s」に対応できる機関がチームの16km 以内にありません（対応ありと確認された機関のみ数えています）。",
				    capabilities[c].ja);
		}
	}
	/* 在宅療養後方支援病院: 許可病床200床以上; one patient ↔ one such hospital at a time; 3か月に1回以上の情報交換. */
	if (t->backup_active_count > 1)
		add(&l, "backup_multiple", "error", "backup_hospital_id",
		    "在宅療養後方支援病院の登録が%d件有効です。患者1人につき1病院のみ登録できます。", t->backup_active_count);
	if (t->backup_id) {
		const struct team_inst *h = &t->backup_hospital;
		if (!(h->standards & (1u << STD_BACKUP_HOSPITAL)) || h->beds < 200)
			add(&l, "backup_not_standard", "error", "backup_hospital_id",
			    "%s は在宅療養後方支援病院の施設基準（在後病の届出・許可病床200床以上）を満たしていません（病床 %d）。",
			    h->name, h->beds);
		if (t->backup_expires_on[0] && strcmp(t->backup_expires_on, today) < 0)
			add(&l, "backup_expired", "warning", "expires_on", "在宅療養後方支援病院の登録期限（%s）が過ぎています。",
			    t->backup_expires_on);
		const char *last = t->backup_last_exchange[0] ? t->backup_last_exchange : t->backup_registered_on;
		char due[11];
		if (date_add_months(last, 3, due) && strcmp(due, today) < 0)
			add(&l, "exchange_overdue", "warning", "exchanges",
			    "在宅療養後方支援病院との情報交換が3か月以上ありません（最終 %s、期限 %s）。", last, due);
	}
	return l.n;
}

enum zt_err duty_validate(const struct duty *d, const struct duty_hours *h, struct zt_error *e)
{
	if (!date_ok(d->date))
		return zt_fail(e, ZT_ERR_INVALID, "date", "当番の日付は YYYY-MM-DD で入力してください。");
	if (d->type < 0 || d->type >= DUTY__MAX)
		return zt_fail(e, ZT_ERR_INVALID, "type",
			       "当番の種類は weekday_night / holiday_day / holiday_night / nenmatsu_day / nenmatsu_night のいずれかです。");
	if (d->practitioner_id <= 0)
		return zt_fail(e, ZT_ERR_INVALID, "practitioner_id", "当番の医師を指定してください。");
	if (strcmp(d->source, "manual") != 0 && strcmp(d->source, "solver") != 0)
		return zt_fail(e, ZT_ERR_INVALID, "source", "source は manual または solver です。");
	/* The type must be one the date carries (a weekday has no 休日日中). */
	int y, m, dd;
	cal_parse(d->date, &y, &m, &dd);
	enum duty_type types[2];
	int n = duty_types_of_date(y, m, dd, h, types);
	bool fits = false;
	for (int i = 0; i < n; i++)
		fits |= (int)types[i] == d->type;
	if (!fits)
		return zt_fail(e, ZT_ERR_INVALID, "type", "%s は「%s」の日ではありません。", d->date, duty_types[d->type].ja);
	return ZT_OK;
}
