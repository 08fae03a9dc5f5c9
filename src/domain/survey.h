/*
 * Surveys of clinics (アンケート, seed 002 STEP1 地域の現状把握, issue 18 §1): questions of four kinds
 * (single, multiple, number, text), the two questionnaires printed in seed 002 shipped as templates
 * (data, survey_templates.c), validation of a survey's questions and of a clinic's answers naming
 * the question, and the barrier analysis (阻害要因の把握): which barriers ①–⑥ block which clinics,
 * cross-tabulated with their 施設基準 and their willingness (在宅医療への意欲). Pure: no I/O.
 *
 * Answer values are one text per question, the same in the store, the API and the imports:
 *   single    the option's key                 ("yes")
 *   multiple  the options' keys joined by ','  ("b1,b2,b6"), in the order of the question
 *   number    a decimal number                 ("12", "2.5")
 *   text      the text itself
 * An option marked with_text (その他【】, 具体的な条件【】) takes a free text beside it: the answer's note.
 */
#ifndef ZT_DOMAIN_SURVEY_H
#define ZT_DOMAIN_SURVEY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

#define SURVEY_KEY_MAX 32            /* key bytes + NUL: [a-z0-9_], starting with a letter */
#define SURVEY_TITLE_MAX_CHARS 100
#define SURVEY_TEXT_MAX_CHARS 300    /* a question's wording */
#define SURVEY_LABEL_MAX_CHARS 80    /* an option's wording */
#define SURVEY_OPTIONS_MAX 12
#define SURVEY_QUESTIONS_MAX 30
#define SURVEY_VALUE_MAX_CHARS 1000  /* a text answer */
#define SURVEY_NOTE_MAX_CHARS 200    /* the free text beside a with_text option */

enum survey_kind { SQ_SINGLE, SQ_MULTIPLE, SQ_NUMBER, SQ_TEXT, SQ__MAX };
struct survey_kind_entry {
	const char *code; /* API name: single, multiple, number, text */
	const char *ja;   /* 単一選択, 複数選択, 数値, 自由記述 */
};
extern const struct survey_kind_entry survey_kinds[SQ__MAX];
/* The kind named code, or -1. */
int survey_kind_lookup(const char *code);

struct survey_option {
	char key[SURVEY_KEY_MAX];
	char label[SURVEY_LABEL_MAX_CHARS * 4 + 1];
	bool with_text; /* a free text goes with this choice (その他【】) */
};

struct survey_question {
	char key[SURVEY_KEY_MAX];
	enum survey_kind kind;
	char text[SURVEY_TEXT_MAX_CHARS * 4 + 1];
	bool required;
	/* Asked only when the earlier single question when_key was answered when_value ("4. 1. で「はい」
	 * と回答いただいた先生に"); "" = always asked. */
	char when_key[SURVEY_KEY_MAX];
	char when_value[SURVEY_KEY_MAX];
	/* number: bounds and whether only whole numbers are accepted */
	double min, max;
	bool integer;
	char unit[16 * 4 + 1]; /* 名, 回, 件 */
	int noptions;
	struct survey_option options[SURVEY_OPTIONS_MAX];
};

/* The questions of a survey, in order. */
struct survey_def {
	int nquestions;
	struct survey_question q[SURVEY_QUESTIONS_MAX];
};

/* One answer: the question's key, the value (see the top of this file) and the note. */
struct survey_answer {
	char key[SURVEY_KEY_MAX];
	char value[SURVEY_VALUE_MAX_CHARS * 4 + 1];
	char note[SURVEY_NOTE_MAX_CHARS * 4 + 1];
};

/* A clinic's answers to one survey (at most one answer per question). */
struct survey_answers {
	int n;
	struct survey_answer a[SURVEY_QUESTIONS_MAX];
};

/* ---- templates (seed 002) ---- */
struct survey_template {
	const char *name;  /* API name: "clinic_status", "post_training" */
	const char *title; /* the seed's title */
	const char *note;  /* where it comes from */
	const struct survey_question *questions;
	int nquestions;
};
enum { SURVEY_TEMPLATE_CLINIC_STATUS, SURVEY_TEMPLATE_POST_TRAINING, SURVEY_TEMPLATE__MAX };
extern const struct survey_template survey_templates[SURVEY_TEMPLATE__MAX];
/* The template named name, or NULL. */
const struct survey_template *survey_template_find(const char *name);
/* Copies template t into *def. */
void survey_def_from_template(const struct survey_template *t, struct survey_def *def);

/*
 * Keys of the clinic questionnaire (template clinic_status) that the analysis and other features
 * read (app_survey_latest_answer): keep them when editing a survey made from the template.
 */
#define SURVEY_KEY_HOME_VISIT "home_visit"     /* 1. 訪問診療を行っていますか: yes / no */
#define SURVEY_KEY_OUSHIN "oushin"             /* 2. 往診を行っていますか: yes / no */
#define SURVEY_KEY_ZAISHIN "zaishin"           /* 3. 在宅療養支援診療所の届出: zaishin1..3 / no */
#define SURVEY_KEY_PATIENTS "patients"         /* 4① 現在の在宅患者数 */
#define SURVEY_KEY_VISITS "visits_per_patient" /* 4② ひとりの患者様への訪問回数 */
#define SURVEY_KEY_MITORI "mitori"             /* 4③ 昨年度の看取り患者数 */
#define SURVEY_KEY_WILLINGNESS "willingness"   /* 5. conditional (①, note: 具体的な条件) / none (②) */
#define SURVEY_KEY_BARRIERS "barriers"         /* 6. b1..b6 (⑥ その他, note) */
#define SURVEY_KEY_REMEDY "remedy"             /* 7. 不安を解消するために有効と思われる方法 */

/* ---- validation ---- */
/*
 * Checks a survey's questions: 1..SURVEY_QUESTIONS_MAX questions, keys unique and well formed,
 * wording present and within its length, choice questions with 2..SURVEY_OPTIONS_MAX options of
 * unique keys, number bounds in order, a when_key naming an earlier single question and one of its
 * options. ZT_ERR_INVALID naming the question (field "questions[i].…", message 「問N」) otherwise.
 */
enum zt_err survey_def_validate(const struct survey_def *def, struct zt_error *e);
/* The question of def whose key is key, or NULL. */
const struct survey_question *survey_question_find(const struct survey_def *def, const char *key);
/* The option of q whose key is key, or NULL. */
const struct survey_option *survey_option_find(const struct survey_question *q, const char *key);
/*
 * Checks and normalises a clinic's answers in place against def: every key a question of def (at
 * most once), values of the question's kind (a known option; options of a multiple question
 * deduplicated and put in the question's order; numbers within bounds, whole when asked; text
 * within its length), a note only beside a with_text option, required questions answered unless
 * their when-condition is not met; answers to questions whose condition is not met are dropped,
 * and empty values removed. ZT_ERR_INVALID naming the question in the message
 * (「問3（在宅療養支援診療所の届出…）」) and its key in field.
 */
enum zt_err survey_answers_check(const struct survey_def *def, struct survey_answers *ans, struct zt_error *e);
/* The answer to key in ans, or NULL. */
const struct survey_answer *survey_answer_find(const struct survey_answers *ans, const char *key);
/* True when the multiple-choice value ("b1,b3") contains option key. */
bool survey_value_has(const char *value, const char *key);

/* ---- barrier analysis 阻害要因の把握 (seed 002 STEP1 6.) ---- */
#define SURVEY_BARRIERS 6 /* ①–⑥ */
extern const char *const survey_barrier_keys[SURVEY_BARRIERS];   /* b1..b6 */
extern const char *const survey_barrier_labels[SURVEY_BARRIERS]; /* the seed's short wording */

/* Willingness (5. 在宅医療への意欲) as the analysis groups clinics. */
enum survey_will {
	WILL_DOING,       /* 1. 訪問診療を行っている */
	WILL_CONDITIONAL, /* ① 今後条件が整えば、在宅医療を行ってもよい */
	WILL_NONE,        /* ② 在宅医療を行う予定はまったくない */
	WILL_UNKNOWN,     /* not answered */
	WILL__MAX
};
extern const char *const survey_will_labels[WILL__MAX];

/* The standard class of a clinic for the cross-tabulation, from the registry (施設基準). */
enum survey_std {
	SSTD_ENHANCED,     /* 機能強化型 在支診 */
	SSTD_CONVENTIONAL, /* 従来型 在支診 */
	SSTD_NONE,         /* 在支診でない */
	SSTD__MAX
};
extern const char *const survey_std_labels[SSTD__MAX];

/* One answering clinic as the analysis sees it (built by the caller from answers and registry). */
struct barrier_clinic {
	int64_t institution_id;
	char name[401];
	enum survey_std std;
	enum survey_will will;
	unsigned barriers;                            /* bit i = barrier i+1 chosen */
	char condition[SURVEY_NOTE_MAX_CHARS * 4 + 1]; /* 5① 具体的な条件 */
	char other[SURVEY_NOTE_MAX_CHARS * 4 + 1];     /* 6⑥ その他 */
};

struct barrier_analysis {
	int clinics;                                /* answering clinics */
	int with_barrier;                           /* clinics naming at least one barrier */
	int count[SURVEY_BARRIERS];                 /* clinics naming barrier i */
	int by_std[SURVEY_BARRIERS][SSTD__MAX];     /* … of each standard class */
	int by_will[SURVEY_BARRIERS][WILL__MAX];    /* … of each willingness */
	int std_total[SSTD__MAX], will_total[WILL__MAX];
	int rank[SURVEY_BARRIERS];                  /* barrier indexes, most named first (ties: ①..⑥) */
};

/* The standard class of a clinic from its standards bitmask (1u << enum standard). */
enum survey_std survey_std_of(uint32_t bits);
/* The willingness of a clinic from its answers (home_visit yes → doing; willingness conditional / none). */
enum survey_will survey_will_of(const struct survey_answers *ans);
/* The barrier bits of a clinic's answers (question barriers). */
unsigned survey_barriers_of(const struct survey_answers *ans);
/* Counts clinics c[0..n) into *out (zeroed first). */
void survey_barrier_analyse(const struct barrier_clinic *c, size_t n, struct barrier_analysis *out);

/* ---- surveys as stored and their results (store_surveys.c fills them, io/survey_*.c writes them) ---- */
enum survey_state { SURVEY_DRAFT, SURVEY_OPEN, SURVEY_CLOSED, SURVEY_STATE__MAX };
extern const char *const survey_state_codes[SURVEY_STATE__MAX];  /* draft, open, closed */
extern const char *const survey_state_labels[SURVEY_STATE__MAX]; /* 下書き, 回答受付中, 締切 */

/* A survey as stored (questions in def). */
struct survey {
	int64_t id;
	int64_t association_id;          /* the district: its 郡市医師会 (an institution) */
	char association_name[401];
	char municipality[7];            /* the association's own municipality (policy) */
	char title[SURVEY_TITLE_MAX_CHARS * 4 + 1];
	char template_name[SURVEY_KEY_MAX];
	enum survey_state state;
	char expires_on[11];             /* links valid through this JST date; "" before sending */
	char created_at[21], updated_at[21], sent_at[21], closed_at[21];
	int targets;                     /* clinics the survey was sent to */
	int responses;                   /* clinics that answered */
	struct survey_def def;
};

/* A clinic's response (answers in answers). */
struct survey_response {
	int64_t institution_id;
	char name[401];
	char medical_code[11];
	char source[8];       /* link / paper / import */
	char answered_at[21];
	uint32_t standards;   /* registry 施設基準 bits (1u << enum standard) */
	struct survey_answers answers;
};

/* Results of a survey (app_survey_results fills it, io/survey_report.h writes it): its definition,
 * targets and answering clinics. */
struct survey_results {
	struct survey survey;
	size_t nrows;
	struct survey_response *rows;  /* answering clinics, by name */
	size_t ntargets;
	int64_t *targets;               /* institutions the survey was sent to */
	struct barrier_analysis analysis;
	size_t nclinics;
	struct barrier_clinic *clinics; /* the analysis input, one per row */
};
#endif
