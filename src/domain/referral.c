/* Discharge referrals: vocabularies, validation and the state machine (issue 16 §1, §4; seed 002 ⑥⑦,
 * seed 004 入退院支援; see referral.h). */
#include "domain/referral.h"

#include <stdio.h>
#include <string.h>

#include "domain/geo.h"
#include "domain/holiday.h"
#include "domain/text.h"

const struct code_entry referral_states[RS__MAX] = {
	[RS_DRAFT] = {"draft", "下書き"},           [RS_SENT] = {"sent", "依頼中"},
	[RS_PROPOSED] = {"proposed", "打診中"},     [RS_ACCEPTED] = {"accepted", "受入決定"},
	[RS_DISCHARGED] = {"discharged", "在宅移行済み"}, [RS_DECLINED] = {"declined", "辞退あり"},
	[RS_ESCALATED] = {"escalated", "他地区へ照会中"}, [RS_WITHDRAWN] = {"withdrawn", "取下げ"},
};

const struct code_entry referral_events[REV__MAX] = {
	[REV_SEND] = {"send", "依頼を送る"},
	[REV_PROPOSE] = {"propose", "受入を打診する"},
	[REV_ACCEPT] = {"accept", "受け入れる"},
	[REV_DECLINE] = {"decline", "辞退する"},
	[REV_ESCALATE] = {"escalate", "他地区へ照会する"},
	[REV_TAKE_OVER] = {"take_over", "照会を引き受ける"},
	[REV_RETURN] = {"return", "照会を返す"},
	[REV_DISCHARGE] = {"discharge", "退院・在宅移行"},
	[REV_WITHDRAW] = {"withdraw", "取り下げる"},
};

const struct code_entry referral_parties[RP__MAX] = {
	[RP_HOSPITAL] = {"hospital", "紹介元病院"},
	[RP_COORDINATOR] = {"coordinator", "担当地区のコーディネータ"},
	[RP_NEIGHBOUR] = {"neighbour", "照会先地区のコーディネータ"},
	[RP_CLINIC] = {"clinic", "打診先の医療機関"},
	[RP_NURSE] = {"nurse_station", "打診先の訪問看護ステーション"},
	[RP_SYSTEM] = {"system", "システム"},
};

const struct code_entry decline_reasons[DR__MAX] = {
	[DR_FULL] = {"full", "受入枠がない"},
	[DR_CAPABILITY] = {"capability", "必要な処置に対応できない"},
	[DR_DISTANCE] = {"distance", "訪問範囲外"},
	[DR_SCHEDULE] = {"schedule", "退院日に間に合わない"},
	[DR_PREFERENCE] = {"preference", "本人・家族の希望と合わない"},
	[DR_OTHER] = {"other", "その他"},
};

const struct code_entry pref_kinds[PREF__MAX] = {
	[PREF_PREFER] = {"prefer", "希望する（なじみの医師・医療機関）"},
	[PREF_AVOID] = {"avoid", "避けたい医療機関"},
};

void referral_init(struct referral *r)
{
	memset(r, 0, sizeof *r);
	r->state = RS_DRAFT;
	r->visits_per_month = 2;
	r->eol_wish = ACP_UNKNOWN;
	r->coord_source = CSRC_NONE;
}

enum zt_err referral_validate(const struct referral *r, const char *today, struct zt_error *e)
{
	int y, m, d, ty, tm, td;
	if (!cal_parse(r->planned_discharge, &y, &m, &d))
		return zt_fail(e, ZT_ERR_INVALID, "planned_discharge", "退院予定日を YYYY-MM-DD の実在する日付で入力してください。");
	if (cal_parse(today, &ty, &tm, &td) && cal_days(y, m, d) < cal_days(ty, tm, td) - 30)
		return zt_fail(e, ZT_ERR_INVALID, "planned_discharge", "退院予定日が30日以上前です（%s）。", r->planned_discharge);
	if (!text_is_digits(r->municipality, 6) || strlen(r->municipality) != 6)
		return zt_fail(e, ZT_ERR_INVALID, "municipality", "自宅の市町村コード（6桁）を指定してください。");
	if (!r->address[0] || !text_valid_utf8(r->address))
		return zt_fail(e, ZT_ERR_INVALID, "address", "自宅の住所を入力してください。");
	/* DOMAIN.md: 16 km is measured from stored coordinates; without them no clinic can be matched. */
	if (!r->has_coord)
		return zt_fail(e, ZT_ERR_INVALID, "lat",
			       "自宅の座標（緯度・経度）がありません。16km 以内の医療機関を探せないため受け付けられません。");
	if (!geo_in_japan(r->lat, r->lon))
		return zt_fail(e, ZT_ERR_INVALID, "lat", "自宅の座標が日本国外を指しています（緯度 %.4f、経度 %.4f）。国内の自宅の座標を入力してください。",
			       r->lat, r->lon);
	if (r->coord_source == CSRC_NONE || (int)r->coord_source < 0 || r->coord_source >= CSRC__MAX)
		return zt_fail(e, ZT_ERR_INVALID, "coord_source",
			       "座標の出典（geocoder / manual / survey）を指定してください（16km の判定を再現できるように）。");
	if (r->visits_per_month < 1 || r->visits_per_month > 31)
		return zt_fail(e, ZT_ERR_INVALID, "visits_per_month", "訪問頻度は月1〜31回で指定してください。");
	if ((int)r->eol_wish < 0 || r->eol_wish >= ACP__MAX)
		return zt_fail(e, ZT_ERR_INVALID, "eol_wish", "看取りの希望の値が正しくありません。");
	if (r->needs >> CAP__MAX)
		return zt_fail(e, ZT_ERR_INVALID, "needs", "必要な処置に不明なコードがあります。");
	if (r->devices >> DEV__MAX)
		return zt_fail(e, ZT_ERR_INVALID, "devices", "医療機器に不明なコードがあります。");
	if (r->nprefs < 0 || r->nprefs > REFERRAL_PREFS_MAX)
		return zt_fail(e, ZT_ERR_INVALID, "preferences", "希望は%d件までです。", REFERRAL_PREFS_MAX);
	int hard_prefer = 0;
	for (int i = 0; i < r->nprefs; i++) {
		const struct referral_pref *p = &r->prefs[i];
		char f[48];
		snprintf(f, sizeof f, "preferences[%d].institution_id", i);
		if (p->institution_id <= 0)
			return zt_fail(e, ZT_ERR_INVALID, f, "希望 %d 件目の医療機関を指定してください。", i + 1);
		if ((int)p->kind < 0 || p->kind >= PREF__MAX) {
			snprintf(f, sizeof f, "preferences[%d].kind", i);
			return zt_fail(e, ZT_ERR_INVALID, f, "希望 %d 件目の種類は prefer または avoid です。", i + 1);
		}
		if (p->kind == PREF_AVOID && p->practitioner_id) {
			snprintf(f, sizeof f, "preferences[%d].practitioner_id", i);
			return zt_fail(e, ZT_ERR_INVALID, f, "避けたい医療機関には医師を指定できません（医療機関単位で指定します）。");
		}
		hard_prefer += p->kind == PREF_PREFER && p->hard;
		for (int k = 0; k < i; k++)
			if (r->prefs[k].institution_id == p->institution_id && r->prefs[k].kind != p->kind)
				return zt_fail(e, ZT_ERR_INVALID, f, "同じ医療機関が「希望」と「避けたい」の両方に指定されています（%d 件目）。",
					       i + 1);
	}
	if (hard_prefer > 1)
		return zt_fail(e, ZT_ERR_INVALID, "preferences", "必須（hard）の希望は1件までです。");
	return ZT_OK;
}

uint32_t referral_required_caps(const struct referral *r)
{
	uint32_t caps = r->needs | device_required_caps(r->devices);
	if (r->eol_wish == ACP_WISHES)
		caps |= 1u << CAP_END_OF_LIFE;
	return caps;
}

/* Which parties may do each event (RP_SYSTEM may do all). */
static const unsigned allowed[REV__MAX] = {
	[REV_SEND] = 1u << RP_HOSPITAL | 1u << RP_COORDINATOR,
	[REV_PROPOSE] = 1u << RP_COORDINATOR,
	[REV_ACCEPT] = 1u << RP_CLINIC | 1u << RP_NURSE,
	[REV_DECLINE] = 1u << RP_CLINIC | 1u << RP_NURSE,
	[REV_ESCALATE] = 1u << RP_COORDINATOR,
	[REV_TAKE_OVER] = 1u << RP_NEIGHBOUR,
	[REV_RETURN] = 1u << RP_NEIGHBOUR,
	[REV_DISCHARGE] = 1u << RP_HOSPITAL | 1u << RP_COORDINATOR,
	[REV_WITHDRAW] = 1u << RP_HOSPITAL,
};

/* The states each event starts from. */
static bool from_ok(enum referral_event ev, enum referral_state s)
{
	switch (ev) {
	case REV_SEND: return s == RS_DRAFT;
	case REV_PROPOSE: return s == RS_SENT || s == RS_DECLINED || s == RS_PROPOSED;
	case REV_ACCEPT:
	case REV_DECLINE: return s == RS_PROPOSED;
	case REV_ESCALATE: return s == RS_SENT || s == RS_DECLINED;
	case REV_TAKE_OVER:
	case REV_RETURN: return s == RS_ESCALATED;
	case REV_DISCHARGE: return s == RS_ACCEPTED;
	case REV_WITHDRAW: return s != RS_DISCHARGED && s != RS_WITHDRAWN;
	default: return false;
	}
}

enum zt_err referral_transition(const struct referral_facts *f, enum referral_event ev, unsigned parties,
				const char *reason_code, const char *reason, struct referral_step *out,
				struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	if ((int)ev < 0 || ev >= REV__MAX)
		return zt_fail(e, ZT_ERR_INVALID, "event", "操作（event）の値が正しくありません。");
	if ((int)f->state < 0 || f->state >= RS__MAX)
		return zt_fail(e, ZT_ERR_INVALID, "state", "紹介の状態が正しくありません。");
	unsigned who = parties & (allowed[ev] | 1u << RP_SYSTEM);
	if (!who)
		return zt_fail(e, ZT_ERR_FORBIDDEN, "event", "「%s」を行えるのは%sです。", referral_events[ev].ja,
			       ev == REV_ACCEPT || ev == REV_DECLINE ? "打診先の医療機関・訪問看護ステーション"
			       : ev == REV_TAKE_OVER || ev == REV_RETURN ? "照会先地区のコーディネータ"
			       : ev == REV_PROPOSE || ev == REV_ESCALATE ? "担当地区のコーディネータ"
			       : ev == REV_WITHDRAW ? "紹介元の病院" : "紹介元の病院または担当地区のコーディネータ");
	if (!from_ok(ev, f->state))
		return zt_fail(e, ZT_ERR_CONFLICT, "event", "「%s」の紹介に「%s」はできません。", referral_states[f->state].ja,
			       referral_events[ev].ja);
	bool has_code = reason_code && reason_code[0], has_reason = reason && reason[0];
	switch (ev) {
	case REV_SEND:
		out->to = RS_SENT;
		break;
	case REV_PROPOSE:
		if (!f->has_clinic)
			return zt_fail(e, ZT_ERR_INVALID, "clinic_id", "打診する医療機関（clinic_id）を指定してください。");
		out->to = RS_PROPOSED;
		out->clinic_answer = "";
		out->nurse_answer = "";
		break;
	case REV_ACCEPT:
	case REV_DECLINE: {
		/* The clinic answers for itself, the nurse station for itself; a user of both answers for both. */
		bool as_clinic = (who & (1u << RP_CLINIC | 1u << RP_SYSTEM)) != 0;
		bool as_nurse = f->has_nurse && (who & (1u << RP_NURSE | 1u << RP_SYSTEM)) != 0;
		if ((who & (1u << RP_SYSTEM)) && f->has_nurse && !(who & (1u << RP_CLINIC | 1u << RP_NURSE)))
			as_clinic = as_nurse = true;
		const char *ans = ev == REV_ACCEPT ? "accepted" : "declined";
		const char *ca = as_clinic ? ans : (f->clinic_answer ? f->clinic_answer : "");
		const char *na = as_nurse ? ans : (f->nurse_answer ? f->nurse_answer : "");
		if (ev == REV_DECLINE) {
			if (!has_code || code_lookup(decline_reasons, DR__MAX, reason_code) < 0)
				return zt_fail(e, ZT_ERR_INVALID, "reason_code",
					       "辞退の理由（reason_code: full / capability / distance / schedule / preference / other）を指定してください。");
			if (strcmp(reason_code, "other") == 0 && !has_reason)
				return zt_fail(e, ZT_ERR_INVALID, "reason", "「その他」の場合は辞退の理由を記入してください。");
			out->to = RS_DECLINED;
		} else {
			bool all = strcmp(ca, "accepted") == 0 && (!f->has_nurse || strcmp(na, "accepted") == 0);
			out->to = all ? RS_ACCEPTED : RS_PROPOSED;
		}
		out->clinic_answer = as_clinic ? ans : NULL;
		out->nurse_answer = as_nurse ? ans : NULL;
		break;
	}
	case REV_ESCALATE:
		if (!f->offered_to_id)
			return zt_fail(e, ZT_ERR_INVALID, "district_id", "照会先の地区医師会（district_id）を指定してください。");
		if (f->offered_to_id == f->district_id)
			return zt_fail(e, ZT_ERR_INVALID, "district_id", "照会先は担当地区以外の隣接する地区医師会を指定してください。");
		out->to = RS_ESCALATED;
		break;
	case REV_TAKE_OVER:
		out->to = RS_SENT;
		break;
	case REV_RETURN:
		if (!has_reason)
			return zt_fail(e, ZT_ERR_INVALID, "reason", "照会を返す理由を記入してください。");
		out->to = RS_SENT;
		break;
	case REV_DISCHARGE:
		out->to = RS_DISCHARGED;
		break;
	case REV_WITHDRAW:
		if (!has_reason)
			return zt_fail(e, ZT_ERR_INVALID, "reason", "取下げの理由を記入してください。");
		out->to = RS_WITHDRAWN;
		break;
	default:
		return zt_fail(e, ZT_ERR_INVALID, "event", "操作（event）の値が正しくありません。");
	}
	return ZT_OK;
}

/* Days since 1970-01-01 of an ISO instant "YYYY-MM-DDTHH:MM:SSZ" (date part), -1 when malformed. */
static long day_of(const char *iso)
{
	char d[11];
	int y, m, dd;
	if (!iso || strlen(iso) < 10)
		return -1;
	memcpy(d, iso, 10);
	d[10] = '\0';
	return cal_parse(d, &y, &m, &dd) ? cal_days(y, m, dd) : -1;
}

int referral_days_between(const char *from, const char *to)
{
	long a = day_of(from), b = day_of(to);
	if (a < 0 || b < 0)
		return -1;
	return b >= a ? (int)(b - a) : 0;
}
