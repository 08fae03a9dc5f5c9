/*
 * Demo step "surveys" (issue 18 §1): the coordinator's STEP1 survey of the demo district (鹿行みらい医師会,
 * the seed's clinic questionnaire), sent to every clinic of the district and answered by all but three
 * of them — most through their personal links, two entered from paper. Clinics that provide home care
 * (registry) answer 1.「はい」 with patients, visits and 看取り; the others are willing under conditions
 * (with their conditions) or not at all; barriers ①–⑥ follow a fixed pattern so that ② 緊急時・夜間・
 * 休日の対応 leads, as it does in such surveys. Deterministic; everything through the use cases.
 */
#include "demo/demo_surveys.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_surveys.h"
#include "core/actor.h"
#include "domain/facility.h"
#include "store/store.h"
#include "store/store_groups.h"

static const char *const conditions[] = {
	"夜間・休日の代診や当番の仕組みがあれば",
	"訪問看護ステーションと連携できれば",
	"同行訪問研修で実際を学べれば",
	"後方支援病院に急変時の入院を受けてもらえれば",
	"在宅医療の診療報酬の説明会があれば",
};
/* barrier sets (bits of ①..⑥) by clinic index, cycled */
static const unsigned barrier_sets[] = {0x02 | 0x01, 0x02, 0x02 | 0x10, 0x02 | 0x08, 0x01 | 0x04, 0x02 | 0x20, 0x10, 0x02 | 0x04 | 0x08};

static void put(struct survey_answers *a, const char *key, const char *value, const char *note)
{
	struct survey_answer *x = &a->a[a->n++];
	memset(x, 0, sizeof *x);
	snprintf(x->key, sizeof x->key, "%s", key);
	snprintf(x->value, sizeof x->value, "%s", value);
	snprintf(x->note, sizeof x->note, "%s", note ? note : "");
}

/* The answers of clinic number i with registry record f. */
static void answers_for(size_t i, const struct facility *f, struct survey_answers *a)
{
	memset(a, 0, sizeof *a);
	bool doing = f->home_care;
	const char *zaishin = "no";
	if (f->standards & ((1u << STD_ZAISHIN_ENHANCED_SOLO) | (1u << STD_ZAISHIN_ENHANCED_LINKED)))
		zaishin = "zaishin1";
	else if (f->standards & (1u << STD_ZAISHIN_CONVENTIONAL))
		zaishin = "zaishin3";
	put(a, SURVEY_KEY_HOME_VISIT, doing ? "yes" : "no", NULL);
	if (!doing)
		put(a, "home_visit_reason", i % 2 ? "外来診療で手一杯のため" : "医師が一人で夜間の対応ができないため", NULL);
	put(a, SURVEY_KEY_OUSHIN, doing || i % 3 == 0 ? "yes" : "no", NULL);
	put(a, SURVEY_KEY_ZAISHIN, zaishin, NULL);
	char n[16];
	if (doing) {
		snprintf(n, sizeof n, "%zu", 8 + (i * 7) % 40);
		put(a, SURVEY_KEY_PATIENTS, n, NULL);
		put(a, SURVEY_KEY_VISITS, i % 2 ? "2" : "4", NULL);
		snprintf(n, sizeof n, "%zu", (i * 3) % 11);
		put(a, SURVEY_KEY_MITORI, n, NULL);
	} else if (i % 4 == 3) {
		put(a, SURVEY_KEY_WILLINGNESS, "none", NULL);
	} else {
		put(a, SURVEY_KEY_WILLINGNESS, "conditional", conditions[i % (sizeof conditions / sizeof conditions[0])]);
	}
	unsigned b = barrier_sets[i % (sizeof barrier_sets / sizeof barrier_sets[0])];
	char v[64] = "";
	size_t l = 0;
	for (int k = 0; k < SURVEY_BARRIERS; k++)
		if (b & (1u << k))
			l += (size_t)snprintf(v + l, sizeof v - l, "%s%s", l ? "," : "", survey_barrier_keys[k]);
	put(a, SURVEY_KEY_BARRIERS, v, b & 0x20 ? "看取りの経験が少ない" : NULL);
	if (i % 3 == 1)
		put(a, SURVEY_KEY_REMEDY, "近隣の在宅医との当番制と、訪問看護との顔の見える関係づくり", NULL);
}

enum zt_err demo_surveys(struct store *st, struct zt_error *e)
{
	int64_t assoc = store_institution_id_by_name(st, "鹿行みらい医師会（架空）");
	if (assoc == 0)
		return zt_fail(e, ZT_ERR_NOTFOUND, "", "デモの郡市医師会が見つかりません。");
	struct zt_actor sys = zt_actor_system();
	int64_t id = 0;
	enum zt_err r = app_survey_create(st, NULL, &sys, "clinic_status", assoc, "在宅医療に関するアンケート（鹿行みらい医師会・デモ）", &id, e);
	struct survey_link_out *links = NULL;
	size_t n = 0;
	if (r == ZT_OK)
		r = app_survey_send(st, NULL, &sys, id, "", NULL, 0, &links, &n, e);
	struct facility *f = calloc(1, sizeof *f);
	struct survey_answers *a = calloc(1, sizeof *a);
	if (f == NULL || a == NULL)
		abort();
	int answered = 0;
	/* all but three clinics answer: the last two from paper */
	for (size_t i = 0; r == ZT_OK && i + 3 < n; i++) {
		r = store_facility_get(st, links[i].institution_id, f, e);
		if (r != ZT_OK)
			break;
		answers_for(i, f, a);
		if (i + 5 < n)
			r = app_survey_link_answer(st, links[i].token, "demo", a, e);
		else
			r = app_survey_answer_paper(st, NULL, &sys, id, links[i].institution_id, a, e);
		answered += r == ZT_OK;
	}
	if (r == ZT_OK)
		printf("  surveys: 「在宅医療に関するアンケート」 sent to %zu clinics, %d answered (barrier chart at /survey?id=%lld)\n", n,
		       answered, (long long)id);
	free(links);
	free(f);
	free(a);
	return r;
}
