/*
 * 参入促進・連携（グループ化） (seed 000, DOMAIN.md "Grouping"): a group of institutions with an
 * agreement (協定), a 拠点 (郡市医師会) and 積極的役割 member(s), its validation, and the three
 * initiatives (取組) it records per fiscal year. Pure: no I/O. Plain data with fixed-size fields
 * (nothing to free), except the members of struct group_public (freed by whoever filled it).
 */
#ifndef ZT_DOMAIN_GROUPING_H
#define ZT_DOMAIN_GROUPING_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/codes.h"

/* The role of a member in its group (seed 000 §2). */
enum group_role {
	GROLE_MEMBER_MEDICAL,          /* 連携する医療機関（参入・拡充に取り組む病院・診療所） */
	GROLE_NURSE_STATION,           /* 訪問看護事業所 */
	GROLE_BACKUP_HOSPITAL,         /* 後方支援病院（補完） */
	GROLE_SPECIALIST_CLINIC,       /* 在宅医療専門診療所（機能強化型在支診を含む・補完） */
	GROLE_PARTNER_MUNICIPALITY,    /* 市町村 */
	GROLE_PARTNER_DENTAL,          /* 歯科診療所 */
	GROLE_PARTNER_PHARMACY,        /* 薬局 */
	GROLE_PARTNER_REHAB,           /* 訪問リハビリテーション事業所 */
	GROLE_PARTNER_CARE_MANAGEMENT, /* 居宅介護支援事業所 */
	GROLE__MAX
};
extern const struct code_entry group_roles[GROLE__MAX];
/* Index of a role code in group_roles[] (enum group_role). */
int group_role_lookup(const char *code); /* -1 when unknown */
/* True when an institution of kind k may hold role r (e.g. nurse_station needs a 訪問看護). */
bool group_role_fits_kind(enum group_role r, enum inst_kind k);

/* ---- the three initiatives (取組) of seed 000 内規 ---- */
enum initiative_kind {
	INIT_SUPPORT,          /* 1 グループ化した医療機関等を支える取組 */
	INIT_PATIENT_CENTRED,  /* 2 患者・家族を中心とした在宅医療を推進するための取組 */
	INIT_AWARENESS,        /* 3 普及啓発・人材育成の取組 */
	INIT__MAX
};
extern const struct code_entry initiative_kinds[INIT__MAX];
/* Index of a kind code in initiative_kinds[] (enum initiative_kind); -1 when unknown. */
int initiative_kind_lookup(const char *code);

/* The two forms of グループ化 in seed 000 §2 (each with its own rules, see group_validate). */
enum group_kind {
	GKIND_PROVIDERS,            /* 医療機関等のグループ: "同一法人以外の2以上の医療機関及び訪問看護事業所が協定を締結し" (例1-1〜1-3) */
	GKIND_MUNICIPALITY_CENTRED, /* "郡市医師会と市町村とが連携強化し、在宅医療の推進を加速する体制" (例1-4) */
	GKIND__MAX
};
extern const struct code_entry group_kinds[GKIND__MAX];
/* Index of a kind code in group_kinds[]; -1 when unknown. */
int group_kind_lookup(const char *code);

#define GROUP_NAME_MAX_CHARS 100
#define GROUP_NOTE_MAX_CHARS 2000
#define GROUP_PARTIES_MAX_CHARS 1000
#define GROUP_MAX_MEMBERS 64
#define GROUP_MAX_ACTIVE 8
#define GROUP_MAX_COVER 128  /* municipalities one 郡市医師会 covers */
#define CORPORATE_NUMBER_LEN 13

struct group_member {
	int64_t institution_id;
	enum inst_kind kind;
	int64_t legal_entity_id; /* 0: none recorded (the institution counts as its own entity) */
	enum group_role role;
	char name[401];
	char legal_entity[401];
	char municipality[7];    /* of the institution: where the access policy locates the member */
	char legal_entity_number[CORPORATE_NUMBER_LEN + 1]; /* 法人番号, "" when not known */
	bool h24_unconfirmed;    /* its 24時間対応 is 未確認 (issue 12 §3): a warning, never an error */
};

struct group_agreement {
	bool present;
	char signed_on[11];  /* ISO date 締結日 */
	char valid_from[11]; /* period; "" = open */
	char valid_to[11];
	char parties[GROUP_PARTIES_MAX_CHARS * 4 + 1];
	bool has_document;   /* a PDF of the signed agreement is attached */
	int64_t party_ids[GROUP_MAX_MEMBERS]; /* 協定の当事者: member institutions that signed */
	int nparties;
};

/* The 取組 of one fiscal year as the validation needs them (the store counts them as of a date). */
struct group_activity {
	int fiscal_year;         /* 0: not counted */
	int done[INIT__MAX];     /* recorded activities held on or before the day of the count */
	int planned[INIT__MAX];  /* plans (計画) of that fiscal year */
};

struct group {
	int64_t id;
	char name[GROUP_NAME_MAX_CHARS * 4 + 1];
	char note[GROUP_NOTE_MAX_CHARS * 4 + 1]; /* internal; never published */
	int64_t base_id;                        /* 拠点 institution, 0 when unset */
	enum inst_kind base_kind;
	char base_name[401];
	char base_municipality[7];
	struct group_member members[GROUP_MAX_MEMBERS];
	int nmembers;
	int64_t active_ids[GROUP_MAX_ACTIVE];   /* 積極的役割を担う医療機関 */
	int nactive;
	struct group_agreement agreement;
	enum group_kind kind;                   /* 医療機関等のグループ or 郡市医師会・市町村の体制 */
	char formed_on[11];                     /* 結成日; "" = the agreement's 締結日 */
	char base_covers[GROUP_MAX_COVER][7];   /* municipalities the 拠点 (郡市医師会) covers (region data) */
	int nbase_covers;
	struct group_activity activity;         /* filled before validation */
	bool published;                         /* 公表済み (issue 12 §8): certificates only then */
	char published_at[21];
	bool certified;                         /* as last stored */
	char created_at[21], updated_at[21];
};

/* Zeroes g (no members, no agreement, base_kind KIND_CLINIC). Nothing to free afterwards. */
void group_init(struct group *g);
/* Index of institution id among g's members, or -1. */
int group_member_index(const struct group *g, int64_t institution_id);

enum group_severity { GSEV_ERROR, GSEV_WARNING };

struct group_problem {
	const char *code;     /* stable: too_few_medical, no_nurse_station, ... (static string) */
	enum group_severity severity;
	const char *field;    /* API field the problem is about, "" when none */
	char message[512];    /* Japanese */
};

#define GROUP_MAX_PROBLEMS 32

/*
 * Checks g against seed 000 §2 and returns the number of problems found (all of them, errors
 * then warnings), writing at most max of them to out. The group is valid when none of them has
 * severity GSEV_ERROR (see group_problems_valid). today_iso ("YYYY-MM-DD") dates the agreement.
 */
int group_validate(const struct group *g, const char *today_iso, struct group_problem *out, int max);
/* True when none of p[0..n) has severity GSEV_ERROR (warnings do not block certification). */
bool group_problems_valid(const struct group_problem *p, int n);
/* Convenience: true when g is valid today (a group is certified only while valid). */
bool group_is_valid(const struct group *g, const char *today_iso);

/*
 * 同一法人 as the rules see it (seed 000 §2): entity[i] is the index of the first member of the same
 * 法人 as member i (i itself when none before it), with the Japanese reason of each match in
 * why[i] ("" when entity[i] == i). Members with no 法人 recorded are each their own.
 */
void group_entities(const struct group *g, int entity[GROUP_MAX_MEMBERS], char why[GROUP_MAX_MEMBERS][600]);

/* True when today falls in the fiscal year the group was formed (its 結成日, else the agreement's
 * 締結日): the first year, when a plan for each 取組 suffices (経過措置). */
bool group_first_year(const struct group *g, const char *today_iso);

/* Whole days from ISO date a to ISO date b (b − a; negative when b is earlier). 0 when either is invalid. */
int group_days_between(const char *a, const char *b);

/* Checks the shape of user input (lengths, dates, duplicates, role fits kind is NOT here: that is a
 * validation problem). Returns 0, or -1 with the offending API field and a Japanese message. */
int group_check_input(const struct group *g, char *field, int fieldsz, char *msg, int msgsz);


/* Topics of the regular meetings (内規 2: 退院支援、日常の療養支援、急変時の対応、看取り、災害時). */
enum meeting_topic {
	TOPIC_DISCHARGE,  /* 退院支援 */
	TOPIC_DAILY,      /* 日常の療養支援 */
	TOPIC_EMERGENCY,  /* 急変時の対応 */
	TOPIC_END_OF_LIFE,/* 看取り */
	TOPIC_DISASTER,   /* 災害時 */
	TOPIC__MAX
};
extern const struct code_entry meeting_topics[TOPIC__MAX];
/* Index of a topic code in meeting_topics[] (enum meeting_topic); -1 when unknown. */
int meeting_topic_lookup(const char *code);

#define INIT_TITLE_MAX_CHARS 200
#define INIT_DESC_MAX_CHARS 4000

struct initiative {
	int64_t id;
	int64_t group_id;
	enum initiative_kind kind;
	char held_on[11];     /* ISO date */
	int fiscal_year;      /* derived from held_on */
	char title[INIT_TITLE_MAX_CHARS * 4 + 1];
	char description[INIT_DESC_MAX_CHARS * 4 + 1];
	uint32_t topics;      /* bits (1u << enum meeting_topic); patient_centred only */
	int participants;
	bool planned;         /* a plan (計画) for the fiscal year, not yet a recorded activity */
};

/* Validates an initiative and derives fiscal_year. 0, or -1 with field and message. */
int initiative_check(struct initiative *in, char *field, int fieldsz, char *msg, int msgsz);

/* Yearly summary: counts per kind, topics covered, and what is still missing this fiscal year. */
struct initiative_summary {
	int fiscal_year;
	int count[INIT__MAX];         /* recorded activities (plans not counted) */
	int planned[INIT__MAX];       /* plans (計画) */
	int participants[INIT__MAX];
	uint32_t topics_covered;
	bool all_kinds_done;   /* each of the three 取組 recorded at least once */
	bool all_topics_done;  /* each meeting topic covered at least once */
};
/* Summarizes the items of fiscal_year (年度) among items[0..n) into *out (overwritten). Cannot fail. */
void initiative_summarize(const struct initiative *items, int n, int fiscal_year, struct initiative_summary *out);

/* ---- rows the store returns for listings (plain data) ---- */
/* A row of the listing for signed-in users (no rule attached; the caller filters by policy). */
struct group_row {
	int64_t id;
	char name[GROUP_NAME_MAX_CHARS * 4 + 1];
	int64_t base_id;              /* 0: no 拠点 */
	char base_name[401];
	char base_municipality[7];
	bool certified;
	bool published;
	int member_count;
	char updated_at[21];
	char agreement_valid_to[11];  /* "" when none (the list warns 60 and 30 days ahead) */
};

/* A member as published (no notes, no agreement). Codes, not labels: io adds the labels. */
struct group_public_member {
	int64_t institution_id;
	char name[401];
	char kind[32];            /* institution kind code */
	char role[40];            /* group_roles code */
	char municipality[7];
	char address[401];
	bool active_role;
};
struct group_public {
	int64_t id;
	char name[GROUP_NAME_MAX_CHARS * 4 + 1];
	char kind[32];            /* group_kinds code */
	int64_t base_id;
	char base_name[401];
	struct group_public_member *members; /* malloc'd */
	int nmembers;
};

/* Attachment metadata of one initiative. */
struct initiative_attachment_meta {
	int64_t initiative_id;
	char content_type[32];
	int64_t size;
	char uploaded_at[21];
};

#endif
