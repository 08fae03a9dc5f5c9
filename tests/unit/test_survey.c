/* Surveys (domain/survey.c, survey_templates.c), seed 002 STEP1 地域の現状把握 and issue 18 §1: the
 * templates validate, answers are checked per question kind naming the question, conditions
 * (「1. で「はい」と回答いただいた先生に」) drop what was not asked, and the barrier analysis counts
 * 「6. 訪問診療を行う上での不安点を選択してください。(複数回答可)」 per standard and willingness. */
#include <stdlib.h>

#include "domain/codes.h"
#include "domain/survey.h"
#include "unit.h"

static void put(struct survey_answers *a, const char *key, const char *value, const char *note)
{
	struct survey_answer *x = &a->a[a->n++];
	memset(x, 0, sizeof *x);
	snprintf(x->key, sizeof x->key, "%s", key);
	snprintf(x->value, sizeof x->value, "%s", value);
	snprintf(x->note, sizeof x->note, "%s", note ? note : "");
}

int main(void)
{
	struct zt_error e;
	struct survey_def *def = calloc(1, sizeof *def);
	struct survey_answers *a = calloc(1, sizeof *a);
	/* Both questionnaires of seed 002 ship as valid templates. */
	for (int i = 0; i < SURVEY_TEMPLATE__MAX; i++) {
		survey_def_from_template(&survey_templates[i], def);
		CHECK(survey_def_validate(def, &e) == ZT_OK);
	}
	CHECK(survey_template_find("post_training") == &survey_templates[SURVEY_TEMPLATE_POST_TRAINING]);
	CHECK(survey_template_find("nope") == NULL);
	survey_def_from_template(survey_template_find("clinic_status"), def);
	CHECK_STR(def->q[0].text, "1. 訪問診療を行っていますか");
	CHECK(survey_question_find(def, SURVEY_KEY_BARRIERS)->noptions == 6);

	/* Definition errors name the question. */
	struct survey_def *bad = calloc(1, sizeof *bad);
	*bad = *def;
	snprintf(bad->q[2].key, sizeof bad->q[2].key, "%s", bad->q[0].key);
	CHECK(survey_def_validate(bad, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "questions[2].key");
	*bad = *def;
	bad->q[0].noptions = 1;
	CHECK(survey_def_validate(bad, &e) == ZT_ERR_INVALID && strstr(e.message, "問1") != NULL);
	*bad = *def;
	snprintf(bad->q[1].when_key, sizeof bad->q[1].when_key, "remedy"); /* a later, text question */
	CHECK(survey_def_validate(bad, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "questions[1].when_key");
	*bad = *def;
	bad->q[5].min = 10, bad->q[5].max = 1;
	CHECK(survey_def_validate(bad, &e) == ZT_ERR_INVALID);
	free(bad);

	/* A clinic doing home visits: 4①–③ asked, 5 not (dropped). */
	put(a, "home_visit", "yes", NULL);
	put(a, "oushin", "yes", NULL);
	put(a, "zaishin", "zaishin3", NULL);
	put(a, "patients", "１２", NULL); /* full-width digits from a spreadsheet */
	put(a, "willingness", "none", NULL);
	put(a, "barriers", "b6, b2,b2", "人手不足");
	CHECK(survey_answers_check(def, a, &e) == ZT_OK);
	CHECK_STR(survey_answer_find(a, "patients")->value, "12");
	CHECK(survey_answer_find(a, "willingness") == NULL);
	CHECK_STR(survey_answer_find(a, "barriers")->value, "b2,b6");
	CHECK(survey_will_of(a) == WILL_DOING);
	CHECK(survey_barriers_of(a) == ((1u << 1) | (1u << 5)));

	/* Errors name the question: 「問3（3. 近畿厚生局へ…）」. */
	memset(a, 0, sizeof *a);
	put(a, "home_visit", "no", NULL);
	put(a, "oushin", "no", NULL);
	put(a, "zaishin", "maybe", NULL);
	CHECK(survey_answers_check(def, a, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "zaishin");
	CHECK(strstr(e.message, "問5（3. 近畿厚生局へ") != NULL);
	snprintf(a->a[2].value, sizeof a->a[2].value, "no");
	put(a, "patients", "-1", NULL); /* not asked: home_visit no → dropped before its bounds matter? no: checked first */
	CHECK(survey_answers_check(def, a, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "patients");
	a->n--;
	put(a, "barriers", "b1,b9", NULL);
	CHECK(survey_answers_check(def, a, &e) == ZT_ERR_INVALID && strstr(e.message, "b9") != NULL);
	snprintf(a->a[3].value, sizeof a->a[3].value, "b1");
	snprintf(a->a[3].note, sizeof a->a[3].note, "メモ");
	CHECK(survey_answers_check(def, a, &e) == ZT_ERR_INVALID && strstr(e.message, "記入欄") != NULL);
	a->a[3].note[0] = '\0';
	put(a, "nosuch", "x", NULL);
	CHECK(survey_answers_check(def, a, &e) == ZT_ERR_INVALID && strstr(e.message, "nosuch") != NULL);
	a->n--;
	put(a, "willingness", "conditional", "夜間の代診があれば");
	CHECK(survey_answers_check(def, a, &e) == ZT_OK);
	CHECK(survey_will_of(a) == WILL_CONDITIONAL);
	/* required: 1. missing */
	memset(a, 0, sizeof *a);
	put(a, "oushin", "no", NULL);
	CHECK(survey_answers_check(def, a, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "home_visit");
	CHECK(strstr(e.message, "回答してください") != NULL);
	/* numbers: whole numbers where asked, within bounds */
	memset(a, 0, sizeof *a);
	put(a, "home_visit", "yes", NULL);
	put(a, "oushin", "yes", NULL);
	put(a, "zaishin", "no", NULL);
	put(a, "patients", "2.5", NULL);
	CHECK(survey_answers_check(def, a, &e) == ZT_ERR_INVALID && strstr(e.message, "整数") != NULL);
	snprintf(a->a[3].value, sizeof a->a[3].value, "abc");
	CHECK(survey_answers_check(def, a, &e) == ZT_ERR_INVALID && strstr(e.message, "数値ではありません") != NULL);
	snprintf(a->a[3].value, sizeof a->a[3].value, "\xff");
	CHECK(survey_answers_check(def, a, &e) == ZT_ERR_INVALID);

	/* 阻害要因の把握: counts per barrier, standard and willingness; ranking most named first. */
	struct barrier_clinic c[4] = {
		{.institution_id = 1, .std = SSTD_NONE, .will = WILL_CONDITIONAL, .barriers = (1u << 1) | (1u << 4)},
		{.institution_id = 2, .std = SSTD_NONE, .will = WILL_NONE, .barriers = (1u << 1)},
		{.institution_id = 3, .std = SSTD_CONVENTIONAL, .will = WILL_DOING, .barriers = (1u << 0) | (1u << 1)},
		{.institution_id = 4, .std = SSTD_ENHANCED, .will = WILL_DOING, .barriers = 0},
	};
	struct barrier_analysis an;
	survey_barrier_analyse(c, 4, &an);
	CHECK(an.clinics == 4 && an.with_barrier == 3);
	CHECK(an.count[1] == 3 && an.count[0] == 1 && an.count[4] == 1);
	CHECK(an.by_std[1][SSTD_NONE] == 2 && an.by_std[1][SSTD_CONVENTIONAL] == 1);
	CHECK(an.by_will[1][WILL_CONDITIONAL] == 1 && an.by_will[1][WILL_NONE] == 1 && an.by_will[1][WILL_DOING] == 1);
	CHECK(an.rank[0] == 1 && an.rank[1] == 0 && an.rank[2] == 4 && an.rank[3] == 2);
	CHECK(an.std_total[SSTD_ENHANCED] == 1 && an.will_total[WILL_DOING] == 2);
	CHECK(survey_std_of(1u << STD_ZAISHIN_ENHANCED_LINKED) == SSTD_ENHANCED);
	CHECK(survey_std_of(1u << STD_ZAISHIN_CONVENTIONAL) == SSTD_CONVENTIONAL);
	CHECK(survey_std_of(1u << STD_BACKUP_HOSPITAL) == SSTD_NONE);
	CHECK(survey_value_has("b1,b12", "b1") && !survey_value_has("b12", "b1"));
	free(def);
	free(a);
	UNIT_DONE();
}
