/*
 * 訪問診療導入研修（同行訪問研修, seed 002 別紙1 ②, issue 18 §2): the steps of a programme, the
 * completion rule (修了) that gates the 認定証 (seed 000 §3(3)), the checks of what a coordinator
 * enters, and the matching of trainees (受講生医師) to advisor doctors (アドバイザー医師) by distance,
 * capacity and the trainee's wishes as a minimum-cost flow (domain/mcf.h) with a reason per pair.
 * Pure: libc, libm and mcf only; the matching allocates working memory inside the call.
 */
#ifndef ZT_DOMAIN_TRAINING_H
#define ZT_DOMAIN_TRAINING_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/codes.h"

/* The steps of seed 002 ②: "例：第1回座学研修⇒同行研修⇒第2回座学研修", "受講後のアンケートの実施
 * …は必ず行うこと", "受講後のアンケートの分析、受講生医師のフォロー等". */
enum training_step { TS_LECTURE1, TS_ACCOMPANY, TS_LECTURE2, TS_SURVEY, TS_FOLLOWUP, TS__MAX };
extern const struct code_entry training_steps[TS__MAX]; /* lecture1 … followup, 第1回座学研修 … */

/* "アドバイザー医師の訪問診療に、受講医師が2か所～3か所程度同行訪問" */
#define TRAINING_VISITS_MIN 2
#define TRAINING_VISITS_USUAL_MAX 3 /* 程度: more is accepted, the page says it is beyond the plan */
#define TRAINING_WISHES_MAX 3       /* 第1〜第3希望 of a trainee */
#define TRAINING_CAPACITY_MAX 10    /* trainees one advisor accompanies in one programme */
#define TRAINING_MAX_KM_DEFAULT 30.0
#define TRAINING_NAME_MAX_CHARS 100

/* What a trainee has done: attended[s] for the sessions (lecture1, lecture2, survey = answered the
 * post-training questionnaire, followup) and the accompanied visits recorded (TS_ACCOMPANY). */
struct training_progress {
	bool attended[TS__MAX];
	int visits;
};

/*
 * The completion rule (修了): 第1回座学研修, at least TRAINING_VISITS_MIN accompanied visits, 第2回
 * 座学研修 and the post-training survey (受講後のアンケート, "必ず行うこと"). The follow-up comes after
 * the 認定証 and is not required. Returns true when complete; else false with every missing part in
 * why (Japanese, e.g. "第2回座学研修が未出席です。同行訪問が1回です（2回以上必要）。").
 */
bool training_complete(const struct training_progress *p, char *why, size_t whysz);

/* Checks of entered values; 0, or −1 with the field and a Japanese message. */
int training_check_programme(const char *title, int fiscal_year, double max_km, char *field, int fieldsz, char *msg,
			     int msgsz);
int training_check_person(const char *name, int capacity /* −1: a trainee */, char *field, int fieldsz, char *msg,
			  int msgsz);
/* A date of a session or visit: "YYYY-MM-DD" (or "" when allowed_empty) within the programme's
 * fiscal year or the next one (follow-up). */
int training_check_date(const char *date, bool allowed_empty, int fiscal_year, const char *fieldname, char *msg,
			int msgsz);

/* ---- matching (アドバイザー医師の割当) ---- */
struct training_advisor {
	int64_t id;
	char name[840];  /* as the reasons print it: "氏名医師（医療機関）" */
	bool has_coord; /* the advisor's clinic (stored coordinates: DOMAIN.md Geography) */
	double lat, lon;
	int capacity_left; /* capacity − trainees already paired (≤ 0: full) */
	int capacity;
};

struct training_trainee {
	int64_t id;
	bool has_coord; /* the trainee's clinic */
	double lat, lon;
	int64_t wishes[TRAINING_WISHES_MAX]; /* advisor ids, 第1希望 first; 0 = none */
};

struct training_pair {
	int64_t trainee_id;
	int64_t advisor_id;   /* 0: none could be assigned */
	double distance_km;   /* straight line, −1 when a coordinate is missing */
	int wish_rank;        /* 1–3 when a wish was honoured, 0 otherwise */
	char why[1024];       /* the explanation shown beside the pair (Japanese) */
};

/*
 * Pairs trainees t[0..nt) with advisors a[0..na) (each at most capacity_left trainees), minimising
 * first the wishes not honoured (a 第1希望 before a 第2希望 …) and then the total straight-line
 * distance: a min-cost flow whose arc cost is rank × TRAINING_WISH_WEIGHT + metres, with wishes
 * weighted beyond any distance in Japan so that a wish is never traded for kilometres. An advisor
 * not wished is eligible only with both coordinates and within max_km. out[i] is t[i]'s pair with
 * its reason; *certified tells whether mcf_certify() proved the flow optimal. Returns 0, or −1 when
 * out of memory or the network is refused (out is then untouched).
 */
#define TRAINING_WISH_WEIGHT 10000000 /* 10,000 km in metres */
int training_match(const struct training_trainee *t, int nt, const struct training_advisor *a, int na, double max_km,
		   struct training_pair *out, bool *certified);

/* ---- the records of a programme (the store fills them; io encodes them) ---- */
struct training_programme {
	int64_t id;
	int64_t association_id;             /* 郡市医師会 running it */
	char association_name[401];
	char association_municipality[7];   /* locates the programme for the policy */
	int fiscal_year;
	char title[401];
	double max_km;
	char note[2001];
	char created_at[21], updated_at[21];
	int n_trainees, n_advisors;
};

struct training_session_row {
	char held_on[11];
	char place[401];
	char note[1001];
};

struct training_advisor_row {
	int64_t id, institution_id, practitioner_id;
	char institution_name[401];
	char name[401];
	int capacity, assigned;
	bool has_coord;
	double lat, lon;
};

struct training_trainee_row {
	int64_t id, institution_id, practitioner_id;
	char institution_name[401];
	char municipality[7];
	char name[401];
	int64_t wishes[TRAINING_WISHES_MAX];
	int64_t advisor_id;
	char advisor_name[401];
	char match_reason[1024];
	double distance_km;                 /* −1 when unknown */
	char paired_at[21];
	bool has_coord;
	double lat, lon;
	struct training_progress progress;  /* attendance per step and the number of visits */
};

/* A 認定証 as issued (names as printed) with the programme's 郡市医師会 for the PDF. */
struct training_cert {
	int64_t id, trainee_id, programme_id;
	char number[32];
	char trainee_name[401], institution_name[401], programme_title[401];
	int fiscal_year;
	char status[8];                     /* valid | revoked */
	char issued_at[21], revoked_at[21];
	char revoke_reason[512];
	char association_name[401];
	char association_municipality[7];
};

#endif
