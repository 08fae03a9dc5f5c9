/*
 * Patients of the 24-hour network (issue 14 §1–§2; DOMAIN.md "Sensitive data": 要配慮個人情報) and their
 * care teams (主治医・副主治医制, seeds 000, 002 ⑧, 003): the record, its vocabularies (sex, 要介護度,
 * status, devices, ACP answers) and the validation rules of a team with coded Japanese problems.
 * Pure: no I/O, no allocation.
 */
#ifndef ZT_DOMAIN_PATIENT_H
#define ZT_DOMAIN_PATIENT_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/codes.h"
#include "domain/text.h"

enum patient_sex { SEX_FEMALE, SEX_MALE, SEX_OTHER, SEX_UNKNOWN, SEX__MAX };
extern const struct code_entry patient_sexes[SEX__MAX];

/* 要介護度 (介護保険). */
enum care_level {
	CARE_NONE,       /* 非該当・未申請 */
	CARE_APPLYING,   /* 申請中 */
	CARE_SUPPORT1, CARE_SUPPORT2,                                       /* 要支援1–2 */
	CARE_LEVEL1, CARE_LEVEL2, CARE_LEVEL3, CARE_LEVEL4, CARE_LEVEL5,   /* 要介護1–5 */
	CARE__MAX
};
extern const struct code_entry care_levels[CARE__MAX];

/* Status of the patient, with the date it began (status_since). */
enum patient_status { PST_HOME, PST_HOSPITALISED, PST_ENDED, PST_DECEASED, PST__MAX };
extern const struct code_entry patient_statuses[PST__MAX]; /* 在宅 / 入院中 / 終了 / 死亡 */

/* Medical devices and treatments at home that the caller must know at night. */
enum device {
	DEV_VENTILATOR,       /* 人工呼吸器 */
	DEV_OXYGEN,           /* 在宅酸素 */
	DEV_TRACHEAL_CANNULA, /* 気管カニューレ */
	DEV_TPN,              /* 中心静脈栄養 */
	DEV_GASTROSTOMY,      /* 胃ろう */
	DEV_URINARY_CATHETER, /* 尿道カテーテル */
	DEV_STOMA,            /* 人工肛門・人工膀胱 */
	DEV_NARCOTICS,        /* 麻薬 */
	DEV_PERITONEAL_DIALYSIS, /* 腹膜透析 */
	DEV_SUCTION,          /* 吸引器 */
	DEV__MAX
};
extern const struct code_entry devices[DEV__MAX];
/* The registry capabilities a set of devices calls for (人工呼吸器 → CAP_VENTILATOR, 中心静脈栄養 →
 * CAP_TPN, 麻薬 → CAP_PAIN_NARCOTICS, …): the one mapping the care-team check, referrals and matching
 * share. devices is a mask of enum device; 胃ろう and 吸引器 call for no capability of the survey. */
uint32_t device_required_caps(uint32_t devices);

/* An answer recorded in advance care planning (ACP): as the patient/family said it. */
enum acp_answer { ACP_UNKNOWN, ACP_WISHES, ACP_DECLINES, ACP_UNDECIDED, ACP__MAX };
extern const struct code_entry acp_answers[ACP__MAX]; /* 未確認 / 希望する / 希望しない / 未定 */

/* Coordinates' provenance (the 16 km rule must be reproducible from stored coordinates). */
enum coord_source { CSRC_NONE, CSRC_GEOCODER, CSRC_MANUAL, CSRC_SURVEY, CSRC__MAX };
extern const struct code_entry coord_sources[CSRC__MAX];

struct patient {
	int64_t id;
	char name[128], kana[128];
	char birth_date[11];          /* YYYY-MM-DD */
	enum patient_sex sex;
	char postal_code[9], address[256];
	char municipality[7];
	bool has_coord;
	double lat, lon;
	enum coord_source coord_source;
	char coord_precision[32];     /* e.g. "番地", "街区", "手入力" */
	char coord_date[11];
	char phone[32];
	char family_name[128], family_relation[64], family_phone[32];
	enum care_level care_level;
	enum patient_status status;
	char status_since[11];
	uint32_t needs;               /* capabilities (codes.h) the patient needs */
	uint32_t devices;             /* enum device bits */
	char allergies[256];
	/* ACP: 自宅での看取りを希望 / 救急搬送の希望 / 延命治療について — as recorded, when and by whom. */
	enum acp_answer acp_home_death, acp_transport, acp_life_support;
	char acp_note[512];
	char acp_recorded_on[11], acp_recorded_by[128];
	int64_t owner_institution_id; /* the institution that registered the patient (its staff read it) */
	bool fictional;               /* demo data */
	char created_at[21], updated_at[21];
};

/* Fills a new patient with defaults (status 在宅, sex/answers unknown). */
void patient_init(struct patient *p);

/* Checks a patient against the rules of the record: name and kana (全角カタカナ), a real birth date
 * not after today, municipality (6 digits), coordinates inside Japan with their source, status date,
 * ACP date/recorder when an answer is recorded. today is "YYYY-MM-DD". ZT_OK or ZT_ERR_INVALID naming
 * the field with a Japanese message. */
enum zt_err patient_validate(const struct patient *p, const char *today, struct zt_error *e);

/* ---- care team (主治医・副主治医制) ---- */

/* One institution of the team as the rules see it (id 0 = the slot is empty). */
struct team_inst {
	int64_t id;
	enum inst_kind kind;
	char name[256], phone[32];
	bool has_coord;
	double lat, lon;
	uint32_t caps;      /* confirmed capabilities */
	uint32_t caps_known; /* tri-state (issue 12): bit set = confirmed either way; caps & ~caps_known = 未確認 */
	uint32_t standards; /* 施設基準 bits */
	bool h24;
	int beds;
	bool in_group;      /* member of the team's group */
};

struct team_person {
	int64_t id; /* practitioner id, 0 = none */
	char name[128], phone[32];
	int64_t institution_id;
};

/* The team of a patient with what the rules need, filled by the store. */
struct care_team {
	int64_t patient_id;
	int64_t group_id;       /* the group whose duties cover the patient (0 = none) */
	struct team_person primary, secondary;  /* 主治医, 副主治医 */
	struct team_inst primary_inst, secondary_inst, nurse_station, pharmacy, care_manager, discharge_hospital;
	/* 在宅療養後方支援病院 registration in force (id 0 = none). */
	int64_t backup_id;
	struct team_inst backup_hospital;
	char backup_registered_on[11], backup_expires_on[11], backup_last_exchange[11];
	int backup_active_count;  /* registrations in force (must be ≤ 1) */
};

/* The ids of a team as stored (0 = empty). */
struct team_ids {
	int64_t group_id;
	int64_t primary_practitioner_id, primary_institution_id;
	int64_t secondary_practitioner_id, secondary_institution_id;
	int64_t nurse_station_id, pharmacy_id, care_manager_id, discharge_hospital_id;
};

#define TEAM_PROBLEMS_MAX 24
struct team_problem {
	const char *code;     /* stable: "secondary_same_institution", … */
	const char *severity; /* "error" | "warning" */
	char field[48];
	char message[320];    /* Japanese */
};

/* The validation of a team against its patient as of today: coded problems in Japanese. Returns the
 * number of problems (at most max written). Rules (seed 003 グループ診療, issue 14 §2):
 *   primary_missing, secondary_missing, secondary_same_institution (副主治医は他の医療機関から),
 *   secondary_not_in_group, nurse_not_24h, capability_missing (no team institution within 16 km
 *   holds a needed capability, and none there is 未確認 for it), capability_unconfirmed (none holds
 *   it confirmed, but one within 16 km is 未確認: a warning to ask, not "missing"), coords_missing, backup_not_standard (在後病 ≥ 200床), backup_multiple,
 *   backup_expired, exchange_overdue (情報交換は3か月に1回以上). */
int team_validate(const struct patient *p, const struct care_team *t, const char *today, struct team_problem *out,
		  int max);

/* The date three calendar months after date ("YYYY-MM-DD", clamped to the month's end) into out;
 * false when date is malformed. */
bool date_add_months(const char *date, int months, char out[11]);

/* Age in whole years on today; -1 when either date is malformed. */
int patient_age(const char *birth_date, const char *today);

/* The list search (issue 14 §9): true when every folded word (text_search_words) occurs in the
 * folded name or kana of p ("かくう", "カクウ" and "ｶｸｳ" find カクウ ハナコ); n = 0 matches all. */
bool patient_matches(const struct patient *p, const char words[][TEXT_WORD_MAX], int n);

/* ---- duties (当番) ---- */
struct duty {
	int64_t id, group_id;
	char date[11];
	int type;               /* enum duty_type */
	int64_t practitioner_id, institution_id;
	char source[8];         /* "manual" | "solver" */
	char note[256];
	char practitioner_name[128], practitioner_phone[32], institution_name[256], institution_phone[32];
	char substitute_for[128]; /* call chain: the absent doctor this substitute covers ("" = none) */
};

struct duty_hours;
/* Checks a duty for storing: date, type (one the date carries under the group's hours h, NULL =
 * defaults), practitioner, source. ZT_ERR_INVALID naming the field. */
enum zt_err duty_validate(const struct duty *d, const struct duty_hours *h, struct zt_error *e);

#endif
