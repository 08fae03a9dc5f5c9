/*
 * The coordinator programme's vocabularies and rules (issue 18 §3–§6; seeds 002, 003, 004), pure:
 * operators (事業者) that run a programme, meeting kinds and the yearly minimum of 情報交換会
 * (seed 002 ⑤), clinic development stages A–D (seed 002 活動計画の立て方②), award statuses (顕彰,
 * seed 004). No I/O; every check fills e with a Japanese message naming the field.
 */
#ifndef ZT_DOMAIN_PROGRAMME_H
#define ZT_DOMAIN_PROGRAMME_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/codes.h"

/* ---- free-text limits shared by the decoders and the checks ---- */
#define PROG_TEXT_MAX 4001   /* agenda, minutes, reasons */
#define PROG_NAME_MAX 201    /* titles, names, places */

/* ---- operators 事業者 ---- */
enum operator_kind {
	OPK_COORDINATOR,      /* 在宅医療推進コーディネータ（郡市医師会, seed 002） */
	OPK_SUPPORT_CORE,     /* 地域在宅医療サポートセンター 基幹型 (seed 004) */
	OPK_SUPPORT_LINKED,   /* 地域在宅医療サポートセンター 連携型 (seed 004) */
	OPK_BASE,             /* 在宅医療に必要な連携を担う拠点 (seed 003, 協議体) */
	OPK_MUNICIPAL,        /* 在宅医療・介護連携推進事業（市町村, seeds 003, 004） */
	OPK_GROUP_PRACTICE,   /* 在宅医療グループ診療運営事業 (seed 003) */
	OPK__MAX
};
extern const struct code_entry operator_kinds[OPK__MAX];

/* An operator as the rules see it (strings fixed-size; "" / 0 when unset). */
struct operator_def {
	int64_t id;
	char name[201];
	int kind;                    /* enum operator_kind, -1 unknown */
	char prefecture[3];          /* JIS X 0401 */
	int64_t association_id;      /* 郡市医師会 (institution id) */
	char municipality[7];        /* 市町村 */
	int64_t institution_id;      /* the institution that runs it (基幹型 hospital, 拠点 …) */
	int first_fiscal_year;       /* 事業開始年度 */
	char note[1001];
	int cap_units;               /* the 区 / 箇所 its subsidy caps apply to (札幌市は各区ごと): 1–100 */
};
/* The operator's own fields: a name, a known kind, a 2-digit prefecture, an association or a
 * municipality (a municipal programme needs its municipality), a first fiscal year in 2000..2100.
 * ZT_ERR_INVALID naming the field. */
enum zt_err operator_check(const struct operator_def *o, struct zt_error *e);

/* ---- meetings (seed 002 ④⑤, seed 003 協議体, seed 004 連絡会) ---- */
enum meeting_kind {
	MK_EXCHANGE,      /* 情報交換会（在宅医療に取り組む医師, seed 002 ⑤） */
	MK_LIAISON,       /* 連絡会 (seed 002 ④ 例2, seed 004) */
	MK_COUNCIL,       /* 協議体 (seed 003) */
	MK_CARE_CONF,     /* 地域ケア会議 (seed 003 (カ)) */
	MK_TRAINING,      /* 多職種研修 (seed 003 (カ), seed 004) */
	MK_PUBLIC,        /* 住民向け（普及啓発, seed 003 (キ)） */
	MK__MAX
};
extern const struct code_entry meeting_kinds[MK__MAX];

/*
 * 「在宅医療に取り組む医師による連携に向けた情報交換会の開催（年3回以上）」(seed 002 ⑤): the minimum
 * number of meetings of a kind per operator and fiscal year; 0 when the seeds set none.
 */
int meeting_kind_minimum(enum meeting_kind k);
/* One kind's count in a fiscal year, judged against its minimum. */
struct meeting_tally {
	int kind;
	int held;       /* meetings on or before today */
	int planned;    /* meetings after today, in the same fiscal year */
	int minimum;
	bool short_of;  /* held + planned < minimum (still open: the year has not ended) */
	bool missed;    /* the year is over (or today is past its end) and held < minimum */
};
/*
 * Tallies counts[kind] = {held, planned} of fiscal year fy against the minima, as of today
 * ("YYYY-MM-DD", JST): short_of while the year runs and even the planned meetings do not reach the
 * minimum, missed when the year has ended short. out has MK__MAX slots.
 */
void meeting_tally(int fy, const char *today, const int held[MK__MAX], const int planned[MK__MAX],
		   struct meeting_tally out[MK__MAX]);
#define MEETING_MAX_PEOPLE 200
#define MEETING_MAX_ACTIONS 50
/* An invited institution or person, with attendance. */
struct meeting_person {
	int64_t id;
	int64_t institution_id;      /* 0: a person without an institution of the registry */
	char name[201];              /* the person (or "" for the institution as a whole) */
	char role[101];              /* 役割: 講師, 司会, 参加医師 … */
	int attended;                /* -1 not recorded, 0 absent, 1 present */
	char institution_name[401];  /* filled by the store */
};
/* A follow-up action with its owner and due date. */
struct meeting_action {
	int64_t id;
	char text[1001];
	char owner[201];
	char due_on[11];             /* "" none */
	char done_on[11];            /* "" open */
};
struct meeting {
	int64_t id;
	int64_t operator_id;
	int kind;                    /* enum meeting_kind */
	char title[PROG_NAME_MAX];
	char held_on[11];            /* JST date */
	char start_time[6], end_time[6]; /* "HH:MM" or "" */
	char place[PROG_NAME_MAX];
	char agenda[PROG_TEXT_MAX];
	char minutes[PROG_TEXT_MAX];
	bool has_minutes_pdf;        /* filled by the store */
	char operator_name[201];     /* filled by the store */
	int npeople, nactions;
	struct meeting_person people[MEETING_MAX_PEOPLE];
	struct meeting_action actions[MEETING_MAX_ACTIONS];
};
/* The meeting's own fields: a title, a known kind, a real date, times "HH:MM" with end after start,
 * each person an institution or a name, each action a text, an owner and real dates. ZT_ERR_INVALID
 * naming the field ("people[2].name"). */
enum zt_err meeting_check(const struct meeting *m, struct zt_error *e);

/* The fiscal year (年度, April–March) of a "YYYY-MM-DD" date; 0 when malformed. */
int programme_fiscal_year(const char *date);
/* True for a real calendar date "YYYY-MM-DD". */
bool programme_date_ok(const char *s);

/* ---- clinic development stages (seed 002 活動計画の立て方②) ---- */
enum clinic_stage {
	STAGE_A, /* 在宅医療未実施 (訪問診療を行っていない) */
	STAGE_B, /* 訪問診療・往診を実施（在支診の届出なし） */
	STAGE_C, /* 在宅療養支援診療所（従来型） */
	STAGE_D, /* 機能強化型在支診、または看取りの実績あり */
	STAGE__MAX
};
extern const struct code_entry clinic_stages[STAGE__MAX];
/* What the stage rests on: the registry's facts (tri-state) and, when present, survey answers. */
struct stage_facts {
	uint32_t standards;           /* bit (1u << enum standard) */
	bool home_care, home_care_known;
	bool end_of_life, end_of_life_known; /* CAP_END_OF_LIFE 看取り */
	/* survey answers (issue 18 §1; seed 002 STEP1 questions 1, 4③): -1 = no answer */
	int survey_visits;            /* 1. 訪問診療を行っていますか: 1 はい, 0 いいえ */
	int survey_deaths_last_year;  /* 4③ 昨年度の看取り患者数 */
};
/* The derived stage and why, in Japanese. */
struct stage_result {
	enum clinic_stage stage;
	bool uncertain;       /* rests on a 未確認 fact (home care unknown, no survey answer) */
	char basis[256];
};
/*
 * Derives the stage: D for a 機能強化型 在支診, or a 在支診 with 看取り (confirmed, or deaths at home
 * last year in the survey); C for any other 在支診; B when the clinic visits patients at home
 * (registry confirmed yes, or survey answer はい); A otherwise — uncertain when home care is 未確認
 * and no survey answer says いいえ.
 */
void clinic_stage_derive(const struct stage_facts *f, struct stage_result *out);

/* ---- awards 顕彰 (seed 004 2(4)) ---- */
enum award_status { AWARD_NOMINATED, AWARD_AWARDED, AWARD_DECLINED, AWARD__MAX };
extern const struct code_entry award_statuses[AWARD__MAX];

#endif
