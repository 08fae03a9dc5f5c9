/* Discharge referrals (domain/referral.c), issue 16 §1, §4: validation with field errors, the
 * capabilities implied by needs, and the state machine (seed 002 ⑥「退院調整に関する取り決め」,
 * ⑦「当該地区内に当該医療機関がない場合に、他の地区医師会と連携し、受入可能な医療機関を紹介する」). */
#include "domain/referral.h"
#include "unit.h"

static struct referral base(void)
{
	struct referral r;
	referral_init(&r);
	snprintf(r.planned_discharge, sizeof r.planned_discharge, "2026-12-20");
	snprintf(r.municipality, sizeof r.municipality, "082228");
	snprintf(r.address, sizeof r.address, "茨城県鹿嶋市（架空）1-2");
	r.has_coord = true;
	r.lat = 35.96, r.lon = 140.64;
	r.coord_source = CSRC_MANUAL;
	return r;
}

static enum zt_err step(enum referral_state s, enum referral_event ev, unsigned parties, const char *code,
			const char *why, struct referral_step *out)
{
	struct referral_facts f = {.state = s, .has_clinic = true, .district_id = 1, .offered_to_id = 2};
	return referral_transition(&f, ev, parties, code, why, out, NULL);
}

#define P(x) (1u << RP_##x)

int main(void)
{
	const char *today = "2026-12-15";
	struct zt_error e;
	struct referral r = base();
	CHECK(referral_validate(&r, today, &e) == ZT_OK);

	/* 座標なし・国外は理由を添えて受け付けない (issue 16 "Bad input"). */
	struct referral q = r;
	q.has_coord = false;
	CHECK(referral_validate(&q, today, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "lat");
	CHECK(strstr(e.message, "16km") != NULL);
	q = r;
	q.lat = 48.8566, q.lon = 2.3522; /* Paris */
	CHECK(referral_validate(&q, today, &e) == ZT_ERR_INVALID);
	CHECK(strstr(e.message, "日本国外") != NULL);
	q = r;
	q.coord_source = CSRC_NONE;
	CHECK(referral_validate(&q, today, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "coord_source");
	q = r;
	snprintf(q.planned_discharge, sizeof q.planned_discharge, "2026-02-30");
	CHECK(referral_validate(&q, today, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "planned_discharge");
	q = r;
	q.visits_per_month = 0;
	CHECK(referral_validate(&q, today, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "visits_per_month");
	/* Preferences: a clinic both preferred and avoided, two hard preferences, an avoided doctor. */
	q = r;
	q.nprefs = 2;
	q.prefs[0] = (struct referral_pref){.kind = PREF_PREFER, .institution_id = 5};
	q.prefs[1] = (struct referral_pref){.kind = PREF_AVOID, .institution_id = 5};
	CHECK(referral_validate(&q, today, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "preferences[1].institution_id");
	q.prefs[1] = (struct referral_pref){.kind = PREF_PREFER, .institution_id = 6, .hard = true};
	q.prefs[0].hard = true;
	CHECK(referral_validate(&q, today, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "preferences");
	q.prefs[0] = (struct referral_pref){.kind = PREF_AVOID, .institution_id = 7, .practitioner_id = 3};
	CHECK(referral_validate(&q, today, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "preferences[0].practitioner_id");
	q.prefs[0].institution_id = 0;
	CHECK(referral_validate(&q, today, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "preferences[0].institution_id");

	/* Needs: a ventilator (人工呼吸器) needs a ventilator-capable clinic; 看取りの希望 needs 看取り. */
	q = r;
	q.devices = 1u << DEV_VENTILATOR | 1u << DEV_SUCTION;
	q.eol_wish = ACP_WISHES;
	uint32_t caps = referral_required_caps(&q);
	CHECK(caps & (1u << CAP_VENTILATOR));
	CHECK(caps & (1u << CAP_END_OF_LIFE));
	CHECK(!(caps & (1u << CAP_OXYGEN)));
	q.eol_wish = ACP_DECLINES;
	CHECK(!(referral_required_caps(&q) & (1u << CAP_END_OF_LIFE)));

	/* The state machine. */
	struct referral_step s;
	CHECK(step(RS_DRAFT, REV_SEND, P(HOSPITAL), NULL, NULL, &s) == ZT_OK && s.to == RS_SENT);
	CHECK(step(RS_DRAFT, REV_SEND, P(CLINIC), NULL, NULL, &s) == ZT_ERR_FORBIDDEN);
	CHECK(step(RS_SENT, REV_SEND, P(HOSPITAL), NULL, NULL, &s) == ZT_ERR_CONFLICT);
	CHECK(step(RS_SENT, REV_PROPOSE, P(COORDINATOR), NULL, NULL, &s) == ZT_OK && s.to == RS_PROPOSED);
	CHECK(step(RS_SENT, REV_PROPOSE, P(HOSPITAL), NULL, NULL, &s) == ZT_ERR_FORBIDDEN);
	CHECK(step(RS_SENT, REV_PROPOSE, P(NEIGHBOUR), NULL, NULL, &s) == ZT_ERR_FORBIDDEN);
	CHECK(step(RS_DRAFT, REV_PROPOSE, P(COORDINATOR), NULL, NULL, &s) == ZT_ERR_CONFLICT);
	struct referral_facts nf = {.state = RS_SENT};
	CHECK(referral_transition(&nf, REV_PROPOSE, P(COORDINATOR), NULL, NULL, &s, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "clinic_id");
	/* Accepted by the clinic alone, or by both when a nurse station was asked too. */
	CHECK(step(RS_PROPOSED, REV_ACCEPT, P(CLINIC), NULL, NULL, &s) == ZT_OK && s.to == RS_ACCEPTED);
	struct referral_facts both = {.state = RS_PROPOSED, .has_clinic = true, .has_nurse = true, .clinic_answer = "", .nurse_answer = ""};
	CHECK(referral_transition(&both, REV_ACCEPT, P(CLINIC), NULL, NULL, &s, NULL) == ZT_OK && s.to == RS_PROPOSED);
	CHECK_STR(s.clinic_answer, "accepted");
	CHECK(s.nurse_answer == NULL);
	both.clinic_answer = "accepted";
	CHECK(referral_transition(&both, REV_ACCEPT, P(NURSE), NULL, NULL, &s, NULL) == ZT_OK && s.to == RS_ACCEPTED);
	/* A decline needs a coded reason; "other" needs the text. */
	CHECK(step(RS_PROPOSED, REV_DECLINE, P(CLINIC), NULL, NULL, &s) == ZT_ERR_INVALID);
	CHECK(step(RS_PROPOSED, REV_DECLINE, P(CLINIC), "busy", NULL, &s) == ZT_ERR_INVALID);
	CHECK(step(RS_PROPOSED, REV_DECLINE, P(CLINIC), "other", "", &s) == ZT_ERR_INVALID);
	CHECK(step(RS_PROPOSED, REV_DECLINE, P(CLINIC), "full", NULL, &s) == ZT_OK && s.to == RS_DECLINED);
	CHECK(step(RS_DECLINED, REV_PROPOSE, P(COORDINATOR), NULL, NULL, &s) == ZT_OK && s.to == RS_PROPOSED);
	/* 相互補完 (seed 002 ⑦): escalate to a neighbour, who takes it over or returns it with a reason. */
	CHECK(step(RS_DECLINED, REV_ESCALATE, P(COORDINATOR), NULL, NULL, &s) == ZT_OK && s.to == RS_ESCALATED);
	struct referral_facts self = {.state = RS_SENT, .district_id = 1, .offered_to_id = 1};
	CHECK(referral_transition(&self, REV_ESCALATE, P(COORDINATOR), NULL, NULL, &s, &e) == ZT_ERR_INVALID);
	CHECK(step(RS_ESCALATED, REV_TAKE_OVER, P(COORDINATOR), NULL, NULL, &s) == ZT_ERR_FORBIDDEN);
	CHECK(step(RS_ESCALATED, REV_TAKE_OVER, P(NEIGHBOUR), NULL, NULL, &s) == ZT_OK && s.to == RS_SENT);
	CHECK(step(RS_ESCALATED, REV_RETURN, P(NEIGHBOUR), NULL, "", &s) == ZT_ERR_INVALID);
	CHECK(step(RS_ESCALATED, REV_RETURN, P(NEIGHBOUR), NULL, "当地区にも人工呼吸器対応の診療所なし", &s) == ZT_OK && s.to == RS_SENT);
	CHECK(step(RS_ESCALATED, REV_PROPOSE, P(COORDINATOR), NULL, NULL, &s) == ZT_ERR_CONFLICT);
	/* Discharge after acceptance; withdrawal by the hospital with a reason, never after discharge. */
	CHECK(step(RS_ACCEPTED, REV_DISCHARGE, P(HOSPITAL), NULL, NULL, &s) == ZT_OK && s.to == RS_DISCHARGED);
	CHECK(step(RS_PROPOSED, REV_DISCHARGE, P(HOSPITAL), NULL, NULL, &s) == ZT_ERR_CONFLICT);
	CHECK(step(RS_PROPOSED, REV_WITHDRAW, P(HOSPITAL), NULL, NULL, &s) == ZT_ERR_INVALID);
	CHECK(step(RS_PROPOSED, REV_WITHDRAW, P(HOSPITAL), NULL, "転院のため", &s) == ZT_OK && s.to == RS_WITHDRAWN);
	CHECK(step(RS_DISCHARGED, REV_WITHDRAW, P(HOSPITAL), NULL, "x", &s) == ZT_ERR_CONFLICT);
	CHECK(step(RS_WITHDRAWN, REV_WITHDRAW, P(SYSTEM), NULL, "x", &s) == ZT_ERR_CONFLICT);
	CHECK(step(RS_SENT, REV_WITHDRAW, P(CLINIC), NULL, "x", &s) == ZT_ERR_FORBIDDEN);
	/* Every (state, event) pair either moves or refuses; no event leaves a closed referral. */
	for (int st = 0; st < RS__MAX; st++)
		for (int ev = 0; ev < REV__MAX; ev++) {
			struct referral_facts f = {.state = (enum referral_state)st, .has_clinic = true, .offered_to_id = 9};
			enum zt_err rr = referral_transition(&f, (enum referral_event)ev, P(SYSTEM), "other", "理由", &s, NULL);
			if (st == RS_DISCHARGED || st == RS_WITHDRAWN)
				CHECK(rr == ZT_ERR_CONFLICT);
			else if (rr == ZT_OK)
				CHECK(s.to < RS__MAX);
		}
	CHECK(referral_days_between("2026-12-01T10:00:00Z", "2026-12-04T01:00:00Z") == 3);
	CHECK(referral_days_between("x", "2026-12-04T01:00:00Z") == -1);
	UNIT_DONE();
}
