/*
 * Demo step "training" (issue 18 §2, seed 002 別紙1 ②, seed 000 §3(3)): 鹿行みらい医師会（架空）runs a
 * 訪問診療導入研修 in the fiscal year of 150 days ago, with three advisor doctors of home-care clinics
 * (かしま在宅クリニック 2 places, 神栖在宅ケアクリニック 1, ほこた在宅診療所 2), six clinics without home
 * care invited, four trainees registered (two wishing the same advisor), paired by the matching with
 * its reasons; 桜井 達也（架空）of 鹿嶋中央内科医院 attended both lectures, made two accompanied
 * visits and answered the survey, so he holds a 認定証 verifiable at /verify; a second trainee is
 * half-way. The dates run from 150 days ago to 30 days ago, so the story has happened whatever the
 * date. Everything goes through the use cases (policy as an administrator, audited as the system).
 */
#include "demo/demo_training.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_training.h"
#include "core/clock.h"
#include "domain/holiday.h"
#include "store/store.h"
#include "store/store_groups.h"

/* Today (JST) shifted by days, ISO. */
static void day(int days, char out[11])
{
	char today[11];
	zt_today_jst(today);
	int y, m, d;
	cal_parse(today, &y, &m, &d);
	cal_from_days(cal_days(y, m, d) + days, &y, &m, &d);
	cal_format(y, m, d, out);
}

static int64_t inst(struct store *st, const char *name, struct zt_error *e)
{
	int64_t id = store_institution_id_by_name(st, name);
	if (id == 0)
		zt_fail(e, ZT_ERR_NOTFOUND, "", "デモの %s が見つかりません。", name);
	return id;
}

static const struct {
	const char *clinic, *doctor;
	int capacity;
} advisors[] = {
	{"かしま在宅クリニック（架空）", "長栖 健一（架空）", 2},
	{"神栖在宅ケアクリニック（架空）", "溝口 拓也（架空）", 1},
	{"ほこた在宅診療所（架空）", "鉾田 大地（架空）", 2},
};

static const char *const invited[] = {
	"鹿嶋中央内科医院（架空）", "潮来駅前内科（架空）", "神栖中央クリニック（架空）",
	"玉造クリニック（架空）", "鉾田駅前医院（架空）", "宮中こどもクリニック（架空）",
};

/* Trainees: clinic, doctor, wishes as indices into advisors[] (−1 none). */
static const struct {
	const char *clinic, *doctor;
	int wish[TRAINING_WISHES_MAX];
} trainees[] = {
	{"鹿嶋中央内科医院（架空）", "桜井 達也（架空）", {0, -1, -1}},
	{"潮来駅前内科（架空）", "潮来 正人（架空）", {0, 1, -1}},
	{"神栖中央クリニック（架空）", "神栖 聡子（架空）", {-1, -1, -1}},
	{"鉾田駅前医院（架空）", "駅前 誠（架空）", {2, -1, -1}},
};

enum zt_err demo_training(struct store *st, struct zt_error *e)
{
	struct auth_ctx sys;
	memset(&sys, 0, sizeof sys);
	sys.role = ROLE_ADMIN;
	snprintf(sys.username, sizeof sys.username, "demo");
	char start[11];
	day(-150, start);
	struct training_programme p;
	memset(&p, 0, sizeof p);
	p.fiscal_year = zt_fiscal_year_of(start);
	snprintf(p.title, sizeof p.title, "訪問診療導入研修（デモ）");
	snprintf(p.note, sizeof p.note, "在宅医療推進コーディネータ活動指針 ② 同行訪問研修。講師はアドバイザー医師・訪問看護師。");
	if ((p.association_id = inst(st, "鹿行みらい医師会（架空）", e)) == 0)
		return ZT_ERR_NOTFOUND;
	enum zt_err r = app_training_create(st, &sys, NULL, &p, e);
	/* the dates of the five steps */
	static const struct {
		const char *step, *place;
		int days;
	} sessions[] = {
		{"lecture1", "鹿行みらい医師会館 会議室（架空）", -150},
		{"accompany", "アドバイザー医師の訪問先（2か所～3か所程度）", -130},
		{"lecture2", "鹿行みらい医師会館 会議室（架空）", -100},
		{"survey", "第2回座学研修の終了時に回収", -100},
		{"followup", "受講生医師への電話・訪問", -30},
	};
	for (size_t i = 0; r == ZT_OK && i < sizeof sessions / sizeof sessions[0]; i++) {
		struct training_session_row row;
		memset(&row, 0, sizeof row);
		day(sessions[i].days, row.held_on);
		snprintf(row.place, sizeof row.place, "%s", sessions[i].place);
		r = app_training_session_put(st, &sys, NULL, p.id, sessions[i].step, &row, e);
	}
	int64_t ids[sizeof invited / sizeof invited[0]];
	int added = 0;
	for (size_t i = 0; r == ZT_OK && i < sizeof invited / sizeof invited[0]; i++)
		if ((ids[i] = inst(st, invited[i], e)) == 0)
			r = ZT_ERR_NOTFOUND;
	if (r == ZT_OK)
		r = app_training_invite(st, &sys, NULL, p.id, ids, (int)(sizeof ids / sizeof ids[0]), "manual", &added, e);
	int64_t adv[sizeof advisors / sizeof advisors[0]] = {0};
	for (size_t i = 0; r == ZT_OK && i < sizeof advisors / sizeof advisors[0]; i++) {
		struct training_advisor_row a;
		memset(&a, 0, sizeof a);
		if ((a.institution_id = inst(st, advisors[i].clinic, e)) == 0)
			return ZT_ERR_NOTFOUND;
		snprintf(a.name, sizeof a.name, "%s", advisors[i].doctor);
		a.capacity = advisors[i].capacity;
		r = app_training_advisor_add(st, &sys, NULL, p.id, &a, e);
		adv[i] = a.id;
	}
	int64_t tid[sizeof trainees / sizeof trainees[0]] = {0};
	struct training_trainee_row *t = calloc(1, sizeof *t);
	if (t == NULL)
		abort();
	for (size_t i = 0; r == ZT_OK && i < sizeof trainees / sizeof trainees[0]; i++) {
		memset(t, 0, sizeof *t);
		if ((t->institution_id = inst(st, trainees[i].clinic, e)) == 0) {
			r = ZT_ERR_NOTFOUND;
			break;
		}
		snprintf(t->name, sizeof t->name, "%s", trainees[i].doctor);
		for (int k = 0; k < TRAINING_WISHES_MAX; k++)
			t->wishes[k] = trainees[i].wish[k] >= 0 ? adv[trainees[i].wish[k]] : 0;
		r = app_training_trainee_add(st, &sys, NULL, p.id, t, e);
		tid[i] = t->id;
	}
	free(t);
	struct training_pair *pairs = NULL;
	size_t npairs = 0;
	bool certified = false;
	if (r == ZT_OK)
		r = app_training_match(st, &sys, NULL, p.id, true, &pairs, &npairs, &certified, e);
	free(pairs);
	/* 桜井 達也: complete; 潮来 正人: first lecture and one visit */
	char date[11];
	int64_t vid = 0;
	for (int k = 0; r == ZT_OK && k < 2; k++)
		r = app_training_attendance(st, &sys, NULL, p.id, tid[k], "lecture1", true, e);
	day(-130, date);
	for (int k = 0; r == ZT_OK && k < 2; k++)
		r = app_training_visit_add(st, &sys, NULL, p.id, tid[k], date, 0, "在宅酸素療法の患者宅。家族への説明と訪問看護との連携を見学。",
					   &vid, e);
	day(-120, date);
	if (r == ZT_OK)
		r = app_training_visit_add(st, &sys, NULL, p.id, tid[0], date, 0, "がん末期の患者宅。疼痛緩和（麻薬）とケアマネとの連携を見学。",
					   &vid, e);
	if (r == ZT_OK)
		r = app_training_attendance(st, &sys, NULL, p.id, tid[0], "lecture2", true, e);
	if (r == ZT_OK)
		r = app_training_attendance(st, &sys, NULL, p.id, tid[0], "survey", true, e);
	struct training_cert cert;
	if (r == ZT_OK)
		r = app_training_certificate_issue(st, &sys, NULL, p.id, tid[0], &cert, e);
	day(-30, date);
	if (r == ZT_OK)
		r = app_training_followup_add(st, &sys, NULL, p.id, tid[0], date, 1, -1,
					      "月2件の訪問診療を開始。在支診の届出は検討中（24時間対応は連携グループで検討）。", &vid, e);
	if (r == ZT_OK)
		r = app_training_attendance(st, &sys, NULL, p.id, tid[0], "followup", true, e);
	if (r == ZT_OK)
		printf("  training: %s %d年度, %zu advisors, %zu trainees paired, 認定証 %s verifiable at /verify\n", p.title,
		       p.fiscal_year, sizeof advisors / sizeof advisors[0], npairs, cert.number);
	return r;
}
