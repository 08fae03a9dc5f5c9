/*
 * The questionnaires printed in seed 002, shipped as survey templates (issue 18 §1): the clinic
 * questionnaire of STEP1 地域の現状把握「アンケート調査内容例」 and the 訪問診療導入研修事業 終了アンケート
 * (別紙1 ② 参考2). Wording as printed; a coordinator edits a survey made from them (the seed:
 * 「アンケート項目は必要に応じて変更可能」). Item 4 of the post-training questionnaire is numbered
 * ①②④…⑧ in the seed (no ③): kept as printed.
 */
#include "domain/survey.h"

#include <stdio.h>
#include <string.h>

#define OPT(k, l) {.key = k, .label = l}
#define OPT_TEXT(k, l) {.key = k, .label = l, .with_text = true}
#define YES_NO .noptions = 2, .options = {OPT("yes", "はい"), OPT("no", "いいえ")}

static const struct survey_question clinic_status[] = {
	{.key = SURVEY_KEY_HOME_VISIT, .kind = SQ_SINGLE, .text = "1. 訪問診療を行っていますか", .required = true, YES_NO},
	{.key = "home_visit_reason", .kind = SQ_TEXT, .text = "1. 「いいえ」の理由", .when_key = SURVEY_KEY_HOME_VISIT,
	 .when_value = "no"},
	{.key = SURVEY_KEY_OUSHIN, .kind = SQ_SINGLE, .text = "2. 往診を行っていますか", .required = true, YES_NO},
	{.key = "oushin_reason", .kind = SQ_TEXT, .text = "2. 「いいえ」の理由", .when_key = SURVEY_KEY_OUSHIN,
	 .when_value = "no"},
	{.key = SURVEY_KEY_ZAISHIN,
	 .kind = SQ_SINGLE,
	 .text = "3. 近畿厚生局へ「在宅療養支援診療所」の届け出をしていますか",
	 .required = true,
	 .noptions = 4,
	 .options = {OPT("zaishin1", "はい（在宅療養支援診療所1）"), OPT("zaishin2", "はい（在宅療養支援診療所2）"),
		     OPT("zaishin3", "はい（在宅療養支援診療所3）"), OPT("no", "いいえ")}},
	{.key = SURVEY_KEY_PATIENTS, .kind = SQ_NUMBER, .text = "4. 1. で「はい」と回答いただいた先生にお尋ねします。①現在の在宅患者数",
	 .when_key = SURVEY_KEY_HOME_VISIT, .when_value = "yes", .min = 0, .max = 100000, .integer = true, .unit = "名"},
	{.key = SURVEY_KEY_VISITS, .kind = SQ_NUMBER, .text = "4. ②ひとりの患者様への訪問回数", .when_key = SURVEY_KEY_HOME_VISIT,
	 .when_value = "yes", .min = 0, .max = 100, .unit = "回"},
	{.key = SURVEY_KEY_MITORI, .kind = SQ_NUMBER, .text = "4. ③昨年度の看取り患者数", .when_key = SURVEY_KEY_HOME_VISIT,
	 .when_value = "yes", .min = 0, .max = 10000, .integer = true, .unit = "名"},
	{.key = SURVEY_KEY_WILLINGNESS,
	 .kind = SQ_SINGLE,
	 .text = "5. 1. でいいえと回答いただいた先生にお尋ねします。いずれかに選択してください。（在宅医療への意欲）",
	 .when_key = SURVEY_KEY_HOME_VISIT,
	 .when_value = "no",
	 .noptions = 2,
	 .options = {OPT_TEXT("conditional", "①今後条件が整えば、在宅医療を行ってもよい【具体的な条件】"),
		     OPT("none", "②在宅医療を行う予定はまったくない")}},
	{.key = SURVEY_KEY_BARRIERS,
	 .kind = SQ_MULTIPLE,
	 .text = "6. 訪問診療を行う上での不安点を選択してください。(複数回答可)",
	 .noptions = 6,
	 .options = {OPT("b1", "①技術面(緩和ケア・特殊な措置)"), OPT("b2", "②緊急時・夜間・休日の対応が困難"),
		     OPT("b3", "③患者・家族との対応"), OPT("b4", "④訪問看護師・ケアマネ等との連携"),
		     OPT("b5", "⑤複雑な診療報酬体系"), OPT_TEXT("b6", "⑥その他")}},
	{.key = SURVEY_KEY_REMEDY, .kind = SQ_TEXT, .text = "7. 上記の不安を解消するために有効と思われる方法"},
};

static const struct survey_question post_training[] = {
	{.key = "years",
	 .kind = SQ_SINGLE,
	 .text = "1 開業されている年数に○印をご記入ください。",
	 .noptions = 4,
	 .options = {OPT("y10", "①10年"), OPT("y20", "②20年"), OPT("y30", "③30年"), OPT("y30plus", "④30年以上")}},
	{.key = "practice",
	 .kind = SQ_MULTIPLE,
	 .text = "2 現在、在宅医療について、どのような形で実施していますか？（複数回答）",
	 .noptions = 5,
	 .options = {OPT("home_visit", "① 訪問診療を実施している"), OPT("oushin", "② 往診している"),
		     OPT("night", "③ 夜間や休日、急性増悪時の往診も実施している"),
		     OPT("zaishin", "④ 在宅療養支援診療所の届出をしている"),
		     OPT("zaiikan", "⑤ 在宅時医学総合管理料の届出をしている")}},
	{.key = "home_visit_month", .kind = SQ_NUMBER, .text = "2 ① 訪問診療を実施している（平均月　件）", .min = 0,
	 .max = 10000, .integer = true, .unit = "件"},
	{.key = "oushin_month", .kind = SQ_NUMBER, .text = "2 ② 往診している（平均月　件）", .min = 0, .max = 10000,
	 .integer = true, .unit = "件"},
	{.key = "night_month", .kind = SQ_NUMBER, .text = "2 ③ 夜間や休日、急性増悪時の往診も実施している（平均月　件）",
	 .min = 0, .max = 10000, .integer = true, .unit = "件"},
	{.key = "reason",
	 .kind = SQ_SINGLE,
	 .text = "3 今回、この事業に参加された理由について○印をご記入ください。",
	 .noptions = 3,
	 .options = {OPT("know", "① 最近の訪問診療の現状を知りたかったから"),
		     OPT("peers", "② 訪問診療と一緒にする仲間をつくりたかったから"), OPT_TEXT("other", "③ その他")}},
	{.key = "useful",
	 .kind = SQ_MULTIPLE,
	 .text = "4 参考になった研修内容について○印をご記入ください（複数回答）",
	 .noptions = 7,
	 .options = {OPT("home_visit", "① 訪問診療について"), OPT("nurse", "② 訪問看護師との連携"),
		     OPT("accompany", "④ 実際の同行訪問"), OPT("billing", "⑤ 在宅医療の保険請求"),
		     OPT("kaigo", "⑥ 在宅ケアに必要な介護保険の知識"), OPT("review", "⑦ 研修の振り返り・まとめ"),
		     OPT_TEXT("other", "⑧ その他")}},
	{.key = "can_start",
	 .kind = SQ_SINGLE,
	 .text = "5 今後、訪問診療が実施できそうですか。",
	 .required = true,
	 .noptions = 3,
	 .options = {OPT("yes", "①はい"), OPT("no", "②いいえ"), OPT("already", "③どちらでもない（以前から実施している）")}},
	{.key = "comments", .kind = SQ_TEXT, .text = "6 今回の研修を終えての感想やご意見がありましたらご記入ください。"},
};

const struct survey_template survey_templates[SURVEY_TEMPLATE__MAX] = {
	[SURVEY_TEMPLATE_CLINIC_STATUS] = {"clinic_status", "在宅医療に関するアンケート（地域の現状把握）",
					   "大阪府 在宅医療推進コーディネータの活動指針 STEP1「アンケート調査内容例」",
					   clinic_status, (int)(sizeof clinic_status / sizeof clinic_status[0])},
	[SURVEY_TEMPLATE_POST_TRAINING] = {"post_training", "訪問診療導入研修事業 終了アンケート",
					   "大阪府 在宅医療推進コーディネータの活動指針 別紙1 ② 訪問診療導入研修",
					   post_training, (int)(sizeof post_training / sizeof post_training[0])},
};

const struct survey_template *survey_template_find(const char *name)
{
	for (int i = 0; name && i < SURVEY_TEMPLATE__MAX; i++)
		if (strcmp(survey_templates[i].name, name) == 0)
			return &survey_templates[i];
	return NULL;
}

void survey_def_from_template(const struct survey_template *t, struct survey_def *def)
{
	memset(def, 0, sizeof *def);
	for (int i = 0; i < t->nquestions && i < SURVEY_QUESTIONS_MAX; i++)
		def->q[def->nquestions++] = t->questions[i];
}
