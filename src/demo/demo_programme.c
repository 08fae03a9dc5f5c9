/*
 * Demo step "programme" (issue 18 §3–§6; seeds 002, 003, 004): the coordinator programme of the demo
 * district 鹿行みらい医師会（架空）. Two operators — the 郡市医師会's 在宅医療推進コーディネータ (the Osaka
 * model of seed 002) and a 基幹型 地域在宅医療サポートセンター at a hospital (the Kumamoto model of seed
 * 004), which the plans helper builds on; meetings of the current fiscal year where the 情報交換会 stay
 * under the three a year of seed 002 ⑤ (the page flags them); clinic stages with history (the end of
 * the fiscal year two years back, then last year) and plans; visits; one award decided, one nominated.
 * Dates are relative to the current fiscal year so that the demo reads the same every year.
 */
#include "demo/demo_programme.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_awards.h"
#include "app/app_meetings.h"
#include "app/app_operators.h"
#include "app/app_stages.h"
#include "app/app_visits.h"
#include "core/actor.h"
#include "core/clock.h"
#include "store/store_groups.h"

#define ASSOC "鹿行みらい医師会（架空）"

static int64_t id_of(struct store *st, const char *name, struct zt_error *e)
{
	int64_t id = store_institution_id_by_name(st, name);
	if (id == 0)
		zt_fail(e, ZT_ERR_NOTFOUND, "", "デモの %s が見つかりません。", name);
	return id;
}

/* "YYYY-MM-DD" of month m, day d in fiscal year fy (April–March). */
static void fy_date(int fy, int m, int d, char out[11])
{
	unsigned y = (unsigned)(m >= 4 ? fy : fy + 1);
	y = y < 2000 ? 2000 : y > 2200 ? 2200 : y;
	snprintf(out, 11, "%04u-%02u-%02u", y % 10000u, (unsigned)m % 13u, (unsigned)d % 32u);
}

struct demo_meeting {
	int op;          /* 0 coordinator, 1 support centre */
	int kind;
	const char *title;
	int m, d;
	const char *start, *end, *place, *agenda, *minutes;
	const char *people[5]; /* institution names; NULL ends */
	int attended;          /* bit i: people[i] present */
	const char *action, *owner;
	int due_m, due_d;
};

static const struct demo_meeting meetings[] = {
	{0, MK_EXCHANGE, "第1回 在宅医療に取り組む医師の情報交換会", 6, 12, "19:00", "20:30", "鹿行みらい医師会館 会議室",
	 "24時間対応のためのバックアップ体制／訪問診療医によるグループ化",
	 "夜間の往診を分担する輪番の試行を提案。後方支援病院との連携ルールは次回までに案を作成する。",
	 {"かしま在宅クリニック（架空）", "ほこた在宅診療所（架空）", "神栖在宅ケアクリニック（架空）", "鹿嶋中央内科医院（架空）", NULL},
	 0x7, "後方支援病院（鹿嶋なぎさ総合病院）へ協力依頼の文書を送る", "コーディネータ 三浦", 7, 31},
	{0, MK_EXCHANGE, "第2回 在宅医療に取り組む医師の情報交換会", 9, 18, "19:00", "20:30", "鹿行みらい医師会館 会議室",
	 "急変時の入院先の確保／退院時の連携", "輪番の試行結果を共有。退院前カンファレンスへの参加方法を整理。",
	 {"かしま在宅クリニック（架空）", "ほこた在宅診療所（架空）", "神栖在宅ケアクリニック（架空）", "鹿島灘ファミリークリニック（架空）", NULL},
	 0xb, "第3回の日程を調整し、新規参入を考える医師にも案内する", "担当理事", 11, 30},
	{0, MK_LIAISON, "訪問看護ステーションとの連絡会", 7, 24, "14:00", "15:30", "鹿行みらい医師会館",
	 "看取り時の医師と訪問看護師の役割", "事例をもとに看取り時の連絡手順を確認した。",
	 {"訪問看護ステーションかしま（架空）", "訪問看護ステーションほこた（架空）", "かしま在宅クリニック（架空）", NULL},
	 0x7, NULL, NULL, 0, 0},
	{0, MK_TRAINING, "多職種研修「在宅での疼痛緩和」", 10, 22, "18:30", "20:00", "鹿嶋市保健センター", "麻薬の使い方と薬局の夜間対応", "",
	 {"かしま在宅クリニック（架空）", "訪問看護ステーションなぎさ（架空）", NULL}, 0x3, NULL, NULL, 0, 0},
	{1, MK_LIAISON, "在宅医療サポートセンター連絡会", 5, 20, "15:00", "16:30", "鹿嶋なぎさ総合病院 講堂",
	 "急変時対応・入退院支援の取組状況", "入退院支援の窓口を一本化する案を了承。",
	 {"鹿嶋なぎさ総合病院（架空）", "かしま在宅クリニック（架空）", "訪問看護ステーションなぎさ（架空）", NULL}, 0x7,
	 "入退院支援の共通様式の案を作る", "サポートセンター 地域連携室", 8, 31},
	{1, MK_PUBLIC, "住民向け講演会「家で最期まで暮らす」", 11, 8, "13:30", "15:00", "鹿嶋市まちづくりセンター", "在宅医療の普及啓発", "",
	 {NULL}, 0, NULL, NULL, 0, 0},
};

static enum zt_err add_meetings(struct store *st, const struct zt_actor *who, const int64_t ops[2], int fy,
				struct zt_error *e)
{
	enum zt_err r = ZT_OK;
	struct meeting *m = calloc(1, sizeof *m);
	if (m == NULL)
		abort();
	for (size_t i = 0; i < sizeof meetings / sizeof meetings[0] && r == ZT_OK; i++) {
		const struct demo_meeting *d = &meetings[i];
		memset(m, 0, sizeof *m);
		m->operator_id = ops[d->op];
		m->kind = d->kind;
		snprintf(m->title, sizeof m->title, "%s", d->title);
		fy_date(fy, d->m, d->d, m->held_on);
		snprintf(m->start_time, sizeof m->start_time, "%s", d->start);
		snprintf(m->end_time, sizeof m->end_time, "%s", d->end);
		snprintf(m->place, sizeof m->place, "%s", d->place);
		snprintf(m->agenda, sizeof m->agenda, "%s", d->agenda);
		snprintf(m->minutes, sizeof m->minutes, "%s", d->minutes);
		for (int k = 0; k < 5 && d->people[k] && r == ZT_OK; k++) {
			struct meeting_person *p = &m->people[m->npeople++];
			p->institution_id = id_of(st, d->people[k], e);
			if (p->institution_id == 0)
				r = ZT_ERR_NOTFOUND;
			p->attended = (d->attended >> k) & 1;
		}
		if (d->action) {
			struct meeting_action *a = &m->actions[m->nactions++];
			snprintf(a->text, sizeof a->text, "%s", d->action);
			snprintf(a->owner, sizeof a->owner, "%s", d->owner);
			fy_date(fy, d->due_m, d->due_d, a->due_on);
		}
		if (r == ZT_OK)
			r = app_meeting_create(st, NULL, who, m, e);
	}
	free(m);
	return r;
}

/* Clinics whose history shows growth: the stage recorded at the end of the fiscal year two back. */
static const struct {
	const char *name;
	int earlier;        /* enum clinic_stage two years back */
	const char *why;
} grown[] = {
	{"鹿島灘ファミリークリニック（架空）", STAGE_A, "当時の調査では訪問診療を行っていなかった"},
	{"神栖中央クリニック（架空）", STAGE_B, "在支診の届出前（訪問診療のみ）"},
	{"ほこた在宅診療所（架空）", STAGE_C, "機能強化型の届出前"},
};

static enum zt_err add_stages(struct store *st, const struct zt_actor *who, int64_t assoc, int fy, struct zt_error *e)
{
	char end2[11], mid1[11], end1[11];
	fy_date(fy - 2, 3, 31, end2);
	fy_date(fy - 1, 6, 1, mid1);
	fy_date(fy - 1, 3, 31, end1);
	int n = 0;
	enum zt_err r = app_stage_snapshot(st, NULL, who, assoc, end2, &n, e);
	for (size_t i = 0; i < sizeof grown / sizeof grown[0] && r == ZT_OK; i++) {
		int64_t id = id_of(st, grown[i].name, e);
		if (id == 0)
			return ZT_ERR_NOTFOUND;
		r = app_stage_override(st, NULL, who, id, grown[i].earlier, grown[i].why, end2, e);
		if (r == ZT_OK)
			r = app_stage_override(st, NULL, who, id, -1, "届出と訪問実績を確認し、自動判定に戻す", mid1, e);
	}
	/* an override in force: a clinic preparing its 在支診 filing */
	int64_t prep = id_of(st, "鹿嶋中央内科医院（架空）", e);
	if (r == ZT_OK && prep)
		r = app_stage_override(st, NULL, who, prep, STAGE_B, "訪問診療を開始（訪問時に確認、登録情報は未更新）", end1, e);
	if (r == ZT_OK && prep)
		r = app_stage_plan(st, NULL, who, prep, "C", "在支診の届出に向けて同行訪問研修を案内", end1[0] ? end1 : "", e);
	int64_t a = id_of(st, "鹿島灘ファミリークリニック（架空）", e);
	char due[11];
	fy_date(fy, 3, 31, due);
	if (r == ZT_OK && a)
		r = app_stage_plan(st, NULL, who, a, "C", "後方支援病院との連携を整え、在支診の届出を支援", due, e);
	if (r == ZT_OK)
		r = app_stage_snapshot(st, NULL, who, assoc, "", &n, e);
	return r;
}

enum zt_err demo_programme(struct store *st, struct zt_error *e)
{
	struct zt_actor who = zt_actor_system();
	int fy = zt_fiscal_year();
	int64_t assoc = id_of(st, ASSOC, e), hosp = id_of(st, "鹿嶋なぎさ総合病院（架空）", e);
	if (!assoc || !hosp)
		return ZT_ERR_NOTFOUND;
	struct operator_def ops[2] = {
		{.kind = OPK_COORDINATOR, .prefecture = "08", .association_id = assoc, .first_fiscal_year = fy - 2},
		{.kind = OPK_SUPPORT_CORE, .prefecture = "08", .association_id = assoc, .institution_id = hosp,
		 .municipality = "082228", .first_fiscal_year = fy - 1},
	};
	snprintf(ops[0].name, sizeof ops[0].name, "%s", "鹿行みらい医師会 在宅医療推進コーディネータ（デモ）");
	snprintf(ops[0].note, sizeof ops[0].note, "%s", "大阪府の活動指針（seed 002）に倣う郡市医師会のコーディネータ事業");
	snprintf(ops[1].name, sizeof ops[1].name, "%s", "鹿行地域在宅医療サポートセンター（基幹型・デモ）");
	snprintf(ops[1].note, sizeof ops[1].note, "%s", "熊本県の在宅医療サポートセンター事業（seed 004）に倣う基幹型センター");
	enum zt_err r = ZT_OK;
	for (int i = 0; i < 2 && r == ZT_OK; i++)
		r = app_operator_create(st, NULL, &who, &ops[i], e);
	int64_t op_ids[2] = {ops[0].id, ops[1].id};
	if (r == ZT_OK)
		r = add_meetings(st, &who, op_ids, fy, e);
	if (r == ZT_OK)
		r = add_stages(st, &who, assoc, fy, e);
	/* visits (seed 002 ①) */
	static const struct {
		const char *name, *learnt, *follow;
		int m, d;
	} visits[] = {
		{"鹿嶋なぎさ総合病院（架空）", "地域連携室にMSW 2名。退院前カンファレンスに訪問診療医の参加を希望。", "情報交換会に地域連携室長を招く", 5, 14},
		{"神栖中央クリニック（架空）", "夜間の往診が負担。輪番があれば在支診を届け出たい。", "情報交換会に招待", 6, 3},
		{"訪問看護ステーションかみす（架空）", "24時間対応可。重症者の受入れに余力あり。", "", 8, 26},
		{"鹿島灘ファミリークリニック（架空）", "看取りの経験が少なく不安。", "同行訪問研修を案内", 10, 7},
	};
	for (size_t i = 0; i < sizeof visits / sizeof visits[0] && r == ZT_OK; i++) {
		struct institution_visit *v = calloc(1, sizeof *v);
		if (v == NULL)
			abort();
		v->institution_id = id_of(st, visits[i].name, e);
		v->operator_id = op_ids[0];
		fy_date(fy, visits[i].m, visits[i].d, v->visited_on);
		snprintf(v->visitor, sizeof v->visitor, "%s", "三浦 千尋（架空）");
		snprintf(v->learnt, sizeof v->learnt, "%s", visits[i].learnt);
		snprintf(v->follow_up, sizeof v->follow_up, "%s", visits[i].follow);
		r = v->institution_id ? app_visit_create(st, NULL, &who, v, e) : ZT_ERR_NOTFOUND;
		free(v);
	}
	/* awards 顕彰 (seed 004): one decided last year, one nominated this year */
	struct award *a = calloc(1, sizeof *a);
	if (a == NULL)
		abort();
	if (r == ZT_OK) {
		a->institution_id = id_of(st, "訪問看護ステーションなぎさ（架空）", e);
		a->fiscal_year = fy - 1;
		a->operator_id = op_ids[1];
		snprintf(a->reason, sizeof a->reason, "%s", "24時間対応で看取りまで支え、ケアマネジャー・病院との連携の手順を地域で共有した");
		r = a->institution_id ? app_award_nominate(st, NULL, &who, a, e) : ZT_ERR_NOTFOUND;
	}
	if (r == ZT_OK) {
		a->status = AWARD_AWARDED;
		fy_date(fy - 1, 2, 20, a->decided_on);
		snprintf(a->decision_note, sizeof a->decision_note, "%s", "選考委員会で決定（デモ）");
		r = app_award_decide(st, NULL, &who, a, e);
	}
	if (r == ZT_OK) {
		memset(a, 0, sizeof *a);
		a->institution_id = id_of(st, "かしま在宅クリニック（架空）", e);
		a->fiscal_year = fy;
		a->operator_id = op_ids[0];
		snprintf(a->reason, sizeof a->reason, "%s", "情報交換会を主導し、夜間往診の輪番を地域に広げた");
		r = a->institution_id ? app_award_nominate(st, NULL, &who, a, e) : ZT_ERR_NOTFOUND;
	}
	free(a);
	if (r == ZT_OK)
		printf("  programme: 2 operators, %zu meetings (情報交換会 under the minimum), stages with history, %zu visits, "
		       "2 awards\n",
		       sizeof meetings / sizeof meetings[0], sizeof visits / sizeof visits[0]);
	return r;
}
