/*
 * Discharge referrals (退院調整, issue 16 §1, §4; seed 002 ⑥「患者の円滑な入退院・在宅移行支援」and ⑦
 * 「他地区医師会等との医療連携（相互補完の調整）」, seed 004 入退院支援): the record a hospital's
 * discharge desk (地域連携室・MSW) sends, its validation with field errors, the capabilities its needs
 * imply, and the state machine as one pure function over (state, event, party). Pure: no I/O.
 */
#ifndef ZT_DOMAIN_REFERRAL_H
#define ZT_DOMAIN_REFERRAL_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/codes.h"
#include "domain/patient.h"

/* States (draft → sent → proposed → accepted → discharged; declined, escalated, withdrawn). */
enum referral_state {
	RS_DRAFT,      /* 下書き */
	RS_SENT,       /* 依頼中 (in the coordinator's queue) */
	RS_PROPOSED,   /* 打診中 (a clinic, and maybe a nurse station, asked) */
	RS_ACCEPTED,   /* 受入決定 */
	RS_DISCHARGED, /* 退院・在宅移行済み (care team set) */
	RS_DECLINED,   /* 辞退あり (back in the queue with the reason) */
	RS_ESCALATED,  /* 他地区へ照会中 (相互補完) */
	RS_WITHDRAWN,  /* 取下げ */
	RS__MAX
};
extern const struct code_entry referral_states[RS__MAX];

enum referral_event {
	REV_SEND,      /* hospital: draft → sent */
	REV_PROPOSE,   /* coordinator of the handling district: sent/declined/proposed → proposed */
	REV_ACCEPT,    /* the proposed clinic or nurse station: → accepted once every proposed party said yes */
	REV_DECLINE,   /* the proposed clinic or nurse station, with a coded reason: → declined */
	REV_ESCALATE,  /* coordinator: sent/declined → escalated (offered to a neighbouring district) */
	REV_TAKE_OVER, /* the neighbour's coordinator: escalated → sent, now handled by the neighbour */
	REV_RETURN,    /* the neighbour's coordinator, with a reason: escalated → sent, back home */
	REV_DISCHARGE, /* hospital or coordinator: accepted → discharged (the team is set from it) */
	REV_WITHDRAW,  /* hospital, with a reason: any open state → withdrawn */
	REV__MAX
};
extern const struct code_entry referral_events[REV__MAX];

/* Who acts on a referral (the policy finds the parties a user is, as bits 1u << party). */
enum referral_party {
	RP_HOSPITAL,    /* staff of the referring hospital */
	RP_COORDINATOR, /* coordinator of the district handling the referral */
	RP_NEIGHBOUR,   /* coordinator of the district it is offered to */
	RP_CLINIC,      /* staff of the proposed clinic */
	RP_NURSE,       /* staff of the proposed visiting nurse station */
	RP_SYSTEM,      /* CLI, demo */
	RP__MAX
};
extern const struct code_entry referral_parties[RP__MAX];

/* Coded reasons of a decline (辞退理由). */
enum decline_reason {
	DR_FULL,       /* 受入枠がない */
	DR_CAPABILITY, /* 必要な処置に対応できない */
	DR_DISTANCE,   /* 訪問範囲外 */
	DR_SCHEDULE,   /* 退院日に間に合わない */
	DR_PREFERENCE, /* 本人・家族の希望と合わない */
	DR_OTHER,      /* その他（理由を記入） */
	DR__MAX
};
extern const struct code_entry decline_reasons[DR__MAX];

#define REFERRAL_PREFS_MAX 6
enum pref_kind { PREF_PREFER, PREF_AVOID, PREF__MAX };
extern const struct code_entry pref_kinds[PREF__MAX]; /* 希望（なじみの医師・医療機関） / 避けたい医療機関 */

struct referral_pref {
	enum pref_kind kind;
	int64_t institution_id;
	int64_t practitioner_id; /* 0: any doctor of the institution */
	bool hard;               /* hard: a must (prefer: only this one; avoid: never) */
	char note[256];
	char name[256];          /* read view: the institution's name */
};

struct referral {
	int64_t id, patient_id, hospital_id;
	enum referral_state state;
	char planned_discharge[11];
	char municipality[7];
	char address[256];
	bool has_coord;
	double lat, lon;
	enum coord_source coord_source;
	uint32_t needs;        /* capabilities (codes.h bits) asked for */
	uint32_t devices;      /* enum device bits (patient.h) */
	int visits_per_month;  /* 訪問頻度 1–31 */
	enum acp_answer eol_wish; /* 自宅での看取りの希望 */
	char note[512];
	struct referral_pref prefs[REFERRAL_PREFS_MAX];
	int nprefs;
	int64_t district_id;   /* 郡市医師会 handling it (0: none covers the home) */
	int64_t offered_to_id; /* 郡市医師会 it is offered to while escalated */
	int64_t clinic_id, nurse_station_id;
	char clinic_answer[12], nurse_answer[12]; /* "" / "accepted" / "declined" */
	char decline_reason[24];
	int64_t batch_id;
	char created_at[21], sent_at[21], accepted_at[21], closed_at[21], updated_at[21];
	/* read views */
	char patient_name[128], hospital_name[256], clinic_name[256], nurse_name[256];
};

/* A referral with defaults (draft, 2 visits a month, 看取り unknown). */
void referral_init(struct referral *r);

/* Checks a referral before it is stored: a real planned discharge date not before today − 30 days,
 * the home's municipality, address and coordinates (missing or outside Japan → refused with the reason,
 * field "lat"), visits 1–31, preferences (institution, kind, no institution both preferred and
 * avoided, at most one hard preference). ZT_ERR_INVALID naming the field (prefs[i].…). */
enum zt_err referral_validate(const struct referral *r, const char *today, struct zt_error *e);

/* The capabilities an institution must hold: the needs asked for, plus those the devices imply
 * (人工呼吸器 → ventilator, 中心静脈栄養 → tpn, 麻薬 → pain_narcotics, 在宅酸素 → oxygen, 気管カニューレ →
 * tracheal_cannula, 腹膜透析 → peritoneal_dialysis, 人工肛門・人工膀胱 → stoma, 尿道カテーテル →
 * drain_catheter) and 看取り when the patient wishes to die at home. */
uint32_t referral_required_caps(const struct referral *r);

/* The outcome of a transition asked of the state machine. */
struct referral_step {
	enum referral_state to;
	const char *clinic_answer; /* new answer of the clinic ("" clears, NULL keeps) */
	const char *nurse_answer;
};

/* Facts the machine needs beyond the state. */
struct referral_facts {
	enum referral_state state;
	bool has_clinic, has_nurse;           /* proposed parties (propose: the new ones) */
	const char *clinic_answer, *nurse_answer;
	int64_t district_id, offered_to_id;
};

/*
 * The state machine: may party (or any of the parties bits, as the policy found them) do ev on a
 * referral in facts->state; reason_code and reason as given. ZT_OK with *out; ZT_ERR_CONFLICT when the
 * event does not apply in the state (Japanese message naming both), ZT_ERR_FORBIDDEN when none of
 * the parties may do it, ZT_ERR_INVALID (field reason_code / reason / clinic_id) when a needed reason
 * or proposal is missing. Accept by the clinic or the nurse station moves to accepted only when
 * every proposed party has accepted; a decline by either moves to declined.
 */
enum zt_err referral_transition(const struct referral_facts *facts, enum referral_event ev, unsigned parties,
				const char *reason_code, const char *reason, struct referral_step *out,
				struct zt_error *e);

/* Whole days from the ISO UTC instant from to the ISO UTC instant to (≥ 0; -1 when malformed). */
int referral_days_between(const char *from, const char *to);

#endif
