/* The district rules of seed 002 ③ (後方支援機能の運用ルール) in the call chain (domain/callchain.c,
 * issue 14 §5), and the tri-state capabilities of a team (issue 12, 14 §2). Links libzaitaku-core.a alone. */
#include "domain/callchain.h"
#include "domain/duty.h"
#include "domain/patient.h"
#include "unit.h"

static struct cc_hospital hosp(int64_t id, const char *name, const char *why, int free)
{
	struct cc_hospital h = {.why = why, .has_beds = true, .free = free};
	h.inst.id = id;
	h.inst.kind = KIND_HOSPITAL;
	snprintf(h.inst.name, sizeof h.inst.name, "%s", name);
	snprintf(h.inst.phone, sizeof h.inst.phone, "0299-11-%04d", (int)id);
	snprintf(h.updated_at, sizeof h.updated_at, "2026-12-15T01:00:00Z");
	return h;
}

static int index_of(const struct cc_result *r, const char *reason)
{
	for (int i = 0; i < r->nsteps; i++)
		if (strcmp(r->steps[i].reason, reason) == 0)
			return i;
	return -1;
}

int main(void)
{
	/* The hospitals the app offers: registered 在後病 (1), discharge origin (2), the group's (3), and
	 * the acute hospital on night duty that date (4). */
	struct cc_hospital in[4] = {hosp(1, "登録病院", "backup_registered", 2), hosp(2, "退院元病院", "discharge_origin", 1),
				    hosp(3, "グループ病院", "group_backup", 5), hosp(4, "当直急性期病院", "night_acute", 3)};
	struct cc_hospital out[8];
	struct backup_rules kashiwa = BACKUP_RULES_DEFAULT;

	/* 柏市: 「在宅患者の急性増悪時の対応としては、可能な限り、退院元の病院が受け入れる。」 (the default):
	 * the night-duty entry is not used; the discharge origin right after the registered 在後病. */
	int n = callchain_order_hospitals(&kashiwa, true, in, 4, out, 8);
	CHECK(n == 3 && out[0].inst.id == 1 && out[1].inst.id == 2 && out[2].inst.id == 3);
	CHECK(callchain_order_hospitals(NULL, true, in, 4, out, 8) == 3 && out[1].inst.id == 2);
	/* Without the 柏市 rule the discharge origin comes after the group's hospitals. */
	struct backup_rules plain = {0};
	n = callchain_order_hospitals(&plain, false, in, 4, out, 8);
	CHECK(n == 3 && out[0].inst.id == 1 && out[1].inst.id == 3 && out[2].inst.id == 2);

	/* 青葉区: 「在宅療養中の患者が夜間や休日に病状が急変した際、確実に夜間休日当直体制のある急性期病院へ
	 * 入院でき、かつ病床に余裕のある病院へ転院する」 — at night the hospital on night duty first. */
	struct backup_rules aoba = {.discharge_origin_first = true, .night_acute_first = true};
	n = callchain_order_hospitals(&aoba, true, in, 4, out, 8);
	CHECK(n == 4 && out[0].inst.id == 4 && strcmp(out[0].why, "night_acute") == 0 && out[1].inst.id == 1);
	/* By day the rule does not apply. */
	n = callchain_order_hospitals(&aoba, false, in, 4, out, 8);
	CHECK(n == 3 && out[0].inst.id == 1);
	/* A hospital on night duty that is also the registered 在後病 stands once, in the first place. */
	struct cc_hospital both[2] = {hosp(1, "登録病院", "backup_registered", 2), hosp(1, "登録病院", "night_acute", 2)};
	n = callchain_order_hospitals(&aoba, true, both, 2, out, 8);
	CHECK(n == 1 && strcmp(out[0].why, "night_acute") == 0);
	/* max bounds the output. */
	CHECK(callchain_order_hospitals(&aoba, true, in, 4, out, 2) == 2);

	/* The chain at 02:00 with the 青葉区 rule: the night-duty hospital is the first hospital, its
	 * sentence says it takes temporarily and transfers later. */
	struct patient p;
	patient_init(&p);
	struct care_team t = {.patient_id = 1, .group_id = 7};
	t.primary_inst.id = 10;
	snprintf(t.primary_inst.name, sizeof t.primary_inst.name, "かしま在宅クリニック");
	t.secondary_inst.id = 11;
	snprintf(t.secondary_inst.name, sizeof t.secondary_inst.name, "鹿島灘クリニック");
	t.secondary.id = 12;
	snprintf(t.secondary.name, sizeof t.secondary.name, "副 医師");
	struct cc_input ci = {.p = &p, .t = &t, .hours = DUTY_HOURS_DEFAULT, .hospitals = in, .nhospitals = 4, .rules = &aoba};
	duty_slot_at(2026, 12, 16, 120, &ci.hours, &ci.slot);
	struct cc_result r;
	callchain_build(&ci, &r);
	int acute = index_of(&r, "night_acute"), reg = index_of(&r, "backup_registered");
	CHECK(acute >= 0 && reg > acute && strstr(r.steps[acute].sentence, "一時的に受け入れ") && strstr(r.steps[acute].sentence, "転院"));
	CHECK(strcmp(r.steps[acute].role, "night_hospital") == 0);
	/* At 10:00 on a weekday: no night-duty step. */
	duty_slot_at(2026, 12, 16, 600, &ci.hours, &ci.slot);
	callchain_build(&ci, &r);
	CHECK(index_of(&r, "night_acute") < 0 && index_of(&r, "backup_registered") >= 0);

	/* 「地元医師会の診療を病院が24時間の強化型連携を組んだ上で、夜間や休日は在宅後方支援病院がすべて
	 * バックアップ。」「『主治医・副主治医制』で考えると、連携病院が副主治医機能を担うモデル。」 — at night the
	 * backup hospital stands in the 副主治医's place, with the reason; by day the team's 副主治医. */
	struct team_inst backup = in[0].inst;
	ci.secondary_hospital = &backup;
	ci.rules = &kashiwa;
	duty_slot_at(2026, 12, 16, 120, &ci.hours, &ci.slot);
	callchain_build(&ci, &r);
	int bs = index_of(&r, "backup_as_secondary"), sec = index_of(&r, "secondary");
	CHECK(bs >= 0 && sec == bs + 1 && strcmp(r.steps[bs].role, "secondary") == 0);
	CHECK(strstr(r.steps[bs].sentence, "副主治医の役割") && strstr(r.steps[bs].sentence, "登録病院"));
	duty_slot_at(2026, 12, 16, 600, &ci.hours, &ci.slot);
	callchain_build(&ci, &r);
	CHECK(index_of(&r, "backup_as_secondary") < 0 && index_of(&r, "secondary") >= 0);
	/* Without the 柏市 rule the discharge-origin sentence does not claim it. */
	ci.rules = &plain;
	callchain_build(&ci, &r);
	int dis = index_of(&r, "discharge_origin");
	CHECK(dis >= 0 && !strstr(r.steps[dis].sentence, "柏市"));
	UNIT_DONE();
}
