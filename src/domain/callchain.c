/* The call chain of a patient at a moment (issue 14 §6; seeds 002 ③⑧, 003; see callchain.h). */
#include "domain/callchain.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain/codes.h"

static struct cc_step *step(struct cc_result *r, const char *role, const char *role_ja, const char *reason)
{
	if (r->nsteps >= CC_STEPS_MAX)
		return NULL;
	struct cc_step *s = &r->steps[r->nsteps++];
	memset(s, 0, sizeof *s);
	s->role = role;
	s->role_ja = role_ja;
	s->reason = reason;
	return s;
}

__attribute__((format(printf, 3, 4))) static void say(char *dst, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(dst, n, fmt, ap);
	va_end(ap);
}

__attribute__((format(printf, 3, 4))) static void skip(struct cc_result *r, const char *reason, const char *fmt, ...)
{
	if (r->nskipped >= CC_SKIPS_MAX)
		return;
	struct cc_skip *s = &r->skipped[r->nskipped++];
	s->reason = reason;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(s->sentence, sizeof s->sentence, fmt, ap);
	va_end(ap);
}

static void phone(struct cc_step *s, const char *ph)
{
	if (s && ph && ph[0] && s->nphones < 2)
		snprintf(s->phones[s->nphones++], sizeof s->phones[0], "%s", ph);
}

static void inst(struct cc_step *s, const struct team_inst *i)
{
	if (!s)
		return;
	snprintf(s->institution, sizeof s->institution, "%s", i->name);
	s->institution_id = i->id;
	phone(s, i->phone);
}

static void person(struct cc_step *s, const struct team_person *p, const struct team_inst *i)
{
	if (!s)
		return;
	snprintf(s->person, sizeof s->person, "%s", p->name);
	s->practitioner_id = p->id;
	phone(s, p->phone);
	inst(s, i);
}

static void hhmm(int m, char out[8])
{
	snprintf(out, 8, "%02d:%02d", (m / 60) % 100, m % 60);
}

static void nurse(const struct cc_input *in, struct cc_result *r, bool night, bool first)
{
	const struct team_inst *ns = &in->t->nurse_station;
	if (!ns->id) {
		if (!first)
			skip(r, "no_nurse_station", "訪問看護ステーションがチームに登録されていません。");
		return;
	}
	if (night && !ns->h24) {
		if (!first)
			skip(r, "nurse_not_24h", "%s は24時間対応ではないため、夜間・休日の連絡先から外しました。", ns->name);
		return;
	}
	struct cc_step *s = step(r, "nurse_station", "訪問看護ステーション", first ? "nurse_first" : "nurse_24h");
	inst(s, ns);
	if (s && first)
		say(s->sentence, sizeof s->sentence,
		    "この地区の取り決めにより、夜間・休日はまず24時間対応の訪問看護ステーション（%s）に連絡し、状態を確認してもらいます。",
		    ns->name);
	else if (s)
		say(s->sentence, sizeof s->sentence, "%sの訪問看護ステーションです。医師の指示のもとで訪問し、状態を確認します。",
		    ns->h24 ? "24時間対応" : "担当");
}

static void know(struct cc_result *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void know(struct cc_result *r, const char *fmt, ...)
{
	if (r->nknow >= CC_KNOW_MAX)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(r->know[r->nknow++], sizeof r->know[0], fmt, ap);
	va_end(ap);
}

static void must_know(const struct patient *p, struct cc_result *r)
{
	if (p->status != PST_HOME)
		know(r, "現在の状態は「%s」です（%s から）。", patient_statuses[p->status].ja, p->status_since);
	if (p->devices) {
		char list[300] = "";
		for (int i = 0; i < DEV__MAX; i++)
			if (p->devices & (1u << i)) {
				size_t l = strlen(list);
				snprintf(list + l, sizeof list - l, "%s%s", l ? "、" : "", devices[i].ja);
			}
		know(r, "医療機器・処置: %s", list);
	}
	bool acp = p->acp_home_death != ACP_UNKNOWN || p->acp_transport != ACP_UNKNOWN ||
		   p->acp_life_support != ACP_UNKNOWN || p->acp_note[0];
	if (acp)
		know(r, "ACP（人生会議）: 自宅での看取り %s／救急搬送 %s／延命治療 %s%s%s（%s 記録: %s）",
		     acp_answers[p->acp_home_death].ja, acp_answers[p->acp_transport].ja,
		     acp_answers[p->acp_life_support].ja, p->acp_note[0] ? "。" : "", p->acp_note, p->acp_recorded_on,
		     p->acp_recorded_by);
	else
		know(r, "ACP（人生会議）の記録はありません。");
	if (p->acp_transport == ACP_DECLINES)
		know(r, "救急搬送を希望しない意思が記録されています。119番通報の前に、主治医・当番医とこの意思を確認してください。");
	if (p->allergies[0])
		know(r, "アレルギー: %s", p->allergies);
	know(r, "要介護度: %s", care_levels[p->care_level].ja);
}

void callchain_build(const struct cc_input *in, struct cc_result *r)
{
	/* Not a memset of the 20 KB result on every request: only the counted entries are ever read, and
	 * step() clears each step it hands out; skip(), know() and say() write whole strings. */
	r->nsteps = r->nskipped = r->nknow = 0;
	r->slot_label[0] = '\0';
	const struct care_team *t = in->t;
	const struct duty_slot *sl = &in->slot;
	bool hours = sl->type < 0;
	char from[8], to[8];
	hhmm(in->hours.day_start, from);
	hhmm(in->hours.day_end, to);
	if (hours)
		say(r->slot_label, sizeof r->slot_label, "%04d年%d月%d日（平日） 日中 %s〜%s", sl->y, sl->m, sl->d, from, to);
	else
		say(r->slot_label, sizeof r->slot_label, "%04d年%d月%d日（%s） %s", sl->y, sl->m, sl->d, sl->why,
		    duty_types[sl->type].ja);

	/* 代診: an absent 主治医 is replaced by the accepted substitute, who comes first (issue 14 §4). */
	bool absent = in->primary_absent && t->primary_inst.id;
	if (absent) {
		skip(r, "primary_absent", "主治医（%s %s）は不在です（%s）。", t->primary.name, t->primary_inst.name,
		     in->absence_reason ? in->absence_reason : "");
		if (in->substitute) {
			struct cc_step *s = step(r, "substitute", "代診医", "substitute");
			if (s) {
				snprintf(s->person, sizeof s->person, "%s", in->substitute->name);
				snprintf(s->institution, sizeof s->institution, "%s", in->substitute_institution ? in->substitute_institution : "");
				s->practitioner_id = in->substitute->id;
				s->institution_id = in->substitute->institution_id;
				phone(s, in->substitute->phone);
				phone(s, in->substitute_institution_phone);
				say(s->sentence, sizeof s->sentence,
				    "主治医が不在のため、この期間の代診として受け入れた医師です%s。%sまず代診医に連絡します。",
				    in->substitute->id == t->secondary.id ? "（副主治医）" : "", hours ? "" : "当番医より先に、");
			}
		} else {
			skip(r, "no_substitute", "主治医の不在中の代診医が決まっていません。");
		}
	}
	if (!hours && in->nurse_first)
		nurse(in, r, true, true);
	if (hours) {
		/* 平日日中: the 主治医's own hours. */
		if (t->primary_inst.id && !absent) {
			struct cc_step *s = step(r, "primary", "主治医", "primary_in_hours");
			person(s, &t->primary, &t->primary_inst);
			if (s)
				say(s->sentence, sizeof s->sentence, "平日の日中（%s〜%s）は主治医の診療時間内です。まず主治医（%s）に連絡します。",
				    from, to, t->primary_inst.name);
		}
	} else {
		/* 夜間・休日: the group's on-call doctor of that duty (輪番制オンコール, seed 002 ⑧). */
		for (int i = 0; i < in->nduties; i++) {
			const struct duty *d = &in->duties[i];
			struct cc_step *s = step(r, "on_call", "当番医", d->substitute_for[0] ? "on_call_substitute" : "on_call");
			if (!s)
				break;
			snprintf(s->person, sizeof s->person, "%s", d->practitioner_name);
			snprintf(s->institution, sizeof s->institution, "%s", d->institution_name);
			s->practitioner_id = d->practitioner_id;
			s->institution_id = d->institution_id;
			phone(s, d->practitioner_phone);
			phone(s, d->institution_phone);
			if (d->substitute_for[0])
				say(s->sentence, sizeof s->sentence, "%s の当番医（%s）が不在のため、代診として受け入れた医師です。",
				    r->slot_label, d->substitute_for);
			else
				say(s->sentence, sizeof s->sentence, "%s の当番医です（%s）。夜間・休日はグループの輪番で当番医が最初に対応します。%s",
				    r->slot_label, d->source[0] == 's' ? "当番表から" : "手入力の当番",
				    d->practitioner_id == t->primary.id ? "主治医本人が当番です。" : "");
		}
		if (in->nduties == 0) {
			skip(r, "no_on_call", "%s の当番医が登録されていません。", r->slot_label);
			if (t->primary_inst.id && !absent) {
				struct cc_step *s = step(r, "primary", "主治医", "primary_fallback");
				person(s, &t->primary, &t->primary_inst);
				if (s)
					say(s->sentence, sizeof s->sentence, "当番医が登録されていないため、主治医（%s）に連絡します。",
					    t->primary_inst.name);
			}
		}
	}
	/* seed 002 ③: 「夜間や休日は在宅後方支援病院がすべてバックアップ」「連携病院が副主治医機能を担う
	 * モデル」 — at night the agreed backup hospital stands in the 副主治医's place. */
	if (!hours && in->secondary_hospital && in->secondary_hospital->id) {
		struct cc_step *s = step(r, "secondary", "副主治医（後方支援病院）", "backup_as_secondary");
		inst(s, in->secondary_hospital);
		if (s)
			say(s->sentence, sizeof s->sentence,
			    "この地区の取り決めにより、夜間・休日は後方支援病院（%s）が副主治医の役割を担い、急変時はすべてバックアップします（連携病院が副主治医機能を担うモデル）。",
			    in->secondary_hospital->name);
	}
	/* 副主治医 (主治医・副主治医制, seed 003). */
	bool secondary_is_substitute = absent && in->substitute && t->secondary.id && in->substitute->id == t->secondary.id;
	if (t->secondary_inst.id && !secondary_is_substitute) {
		struct cc_step *s = step(r, "secondary", "副主治医", "secondary");
		person(s, &t->secondary, &t->secondary_inst);
		if (s)
			say(s->sentence, sizeof s->sentence, "副主治医（主治医・副主治医制）です。%sにつながらないときに連絡します。",
			    hours ? "主治医" : "当番医");
	} else if (!t->secondary_inst.id) {
		skip(r, "no_secondary", "副主治医がチームに登録されていません。");
	}
	if (hours || !in->nurse_first)
		nurse(in, r, !hours, false);
	/* Backup hospitals (seed 002 ③): the registered 在宅療養後方支援病院 first, then the discharge-origin
	 * hospital (柏市 model), then the group's other hospitals; one without a free bed is skipped, saying so. */
	struct cc_hospital local[2];
	memset(local, 0, sizeof local);
	const struct cc_hospital *hs = in->hospitals;
	int nh = in->nhospitals;
	struct cc_hospital ordered[CC_STEPS_MAX];
	if (hs != NULL) {
		nh = callchain_order_hospitals(in->rules, !hours, hs, nh, ordered, CC_STEPS_MAX);
		hs = ordered;
	} else {
		nh = 0;
		if (t->backup_id)
			local[nh].inst = t->backup_hospital, local[nh++].why = "backup_registered";
		if (t->discharge_hospital.id && t->discharge_hospital.id != t->backup_hospital.id)
			local[nh].inst = t->discharge_hospital, local[nh++].why = "discharge_origin";
		hs = local;
	}
	if (!t->backup_id)
		skip(r, "no_backup_hospital", "在宅療養後方支援病院の登録がありません。");
	for (int i = 0; i < nh; i++) {
		const struct cc_hospital *h = &hs[i];
		if (h->has_beds && h->free <= 0) {
			skip(r, "no_free_bed", "%s は空床がないため外しました（%s 時点の登録%s）。", h->inst.name, h->updated_at,
			     h->stale ? "・古い情報" : "");
			continue;
		}
		bool reg = strcmp(h->why, "backup_registered") == 0, dis = strcmp(h->why, "discharge_origin") == 0;
		bool acute = strcmp(h->why, "night_acute") == 0;
		struct cc_step *s = step(r, acute ? "night_hospital" : reg ? "backup_hospital" : dis ? "discharge_hospital" : "group_hospital",
					 acute ? "当直の急性期病院" : reg ? "在宅療養後方支援病院" : dis ? "退院元の病院" : "後方支援病院", h->why);
		inst(s, &h->inst);
		if (!s)
			continue;
		char beds[200];
		if (!h->has_beds)
			snprintf(beds, sizeof beds, "空床情報はまだ登録されていません。");
		else if (h->stale)
			snprintf(beds, sizeof beds, "空床 %d 床（%s 時点。%d時間以上前の古い情報です。電話で確認してください）。", h->free,
				 h->updated_at, in->hours.bed_stale_hours);
		else
			snprintf(beds, sizeof beds, "空床 %d 床（%s 時点）。", h->free, h->updated_at);
		if (acute)
			say(s->sentence, sizeof s->sentence,
			    "この日の夜間休日当直の急性期病院です。この地区の取り決め（青葉区モデル）により、夜間・休日はまず当直病院が一時的に受け入れ、後日、病床に余裕のある病院または退院元の病院へ転院します。%s",
			    beds);
		else if (reg)
			say(s->sentence, sizeof s->sentence, "在宅療養後方支援病院として登録された病院です（%s 登録）。入院が必要なときに最初に相談します。%s",
			    t->backup_registered_on, beds);
		else if (dis && (!in->rules || in->rules->discharge_origin_first))
			say(s->sentence, sizeof s->sentence, "退院元の病院です。元の患者をまず受け入れる取り決め（柏市モデル）に沿って相談します。%s", beds);
		else if (dis)
			say(s->sentence, sizeof s->sentence, "退院元の病院です。%s", beds);
		else
			say(s->sentence, sizeof s->sentence, "グループの後方支援病院です。%s", beds);
	}
	struct cc_step *s = step(r, "fire_department", "消防（救急）", "fire_department");
	if (s) {
		snprintf(s->institution, sizeof s->institution, "消防（119番）");
		phone(s, "119");
		say(s->sentence, sizeof s->sentence, "上の連絡先のいずれにもつながらないとき、または生命の危険が迫っているときは119番に通報します。");
	}
	must_know(in->p, r);
}

/* Appends h as why unless out already holds its institution. */
static void put_hospital(struct cc_hospital *out, int *n, int max, const struct cc_hospital *h, const char *why)
{
	for (int i = 0; i < *n; i++)
		if (out[i].inst.id == h->inst.id)
			return;
	if (*n < max) {
		out[*n] = *h;
		out[(*n)++].why = why;
	}
}

int callchain_order_hospitals(const struct backup_rules *r, bool night, const struct cc_hospital *in, int n,
			      struct cc_hospital *out, int max)
{
	struct backup_rules dflt = BACKUP_RULES_DEFAULT;
	if (r == NULL)
		r = &dflt;
	int m = 0;
	static const char *const order[] = {"night_acute", "backup_registered", "discharge_origin", "group_backup", "discharge_origin"};
	for (size_t k = 0; k < sizeof order / sizeof order[0]; k++) {
		if (k == 0 && !(night && r->night_acute_first))
			continue;
		if (k == 2 && !r->discharge_origin_first)
			continue;
		if (k == 4 && r->discharge_origin_first)
			continue;
		for (int i = 0; i < n; i++)
			if (strcmp(in[i].why, order[k]) == 0)
				put_hospital(out, &m, max, &in[i], order[k]);
	}
	return m;
}
