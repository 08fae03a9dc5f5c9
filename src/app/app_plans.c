/* Use cases of activity plans: rule-set choice, plan, evidence, Check, compliance, status, report (issue 19; see app_plans.h). */
#include "app/app_plans.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_operators.h"
#include "app/app_subsidies.h"
#include "auth/policy.h"
#include "core/actor.h"
#include "core/clock.h"
#include "domain/attachment.h"
#include "domain/plan_evidence.h"
#include "domain/ruleset.h"
#include "domain/wareki.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_plans.h"

/* The sources of evidence (Do): one collector each. Add a source by writing its store_evidence_* and a row
 * here, then map its kinds in domain/plan_evidence.c. */
static const struct evidence_source {
	const char *code;
	store_evidence_fn collect;
} evidence_sources[] = {
	{"meeting", store_evidence_meetings},
	{"visit", store_evidence_visits},
	{"referral", store_evidence_referrals},
	{"escalation", store_evidence_escalations},
	{"group", store_evidence_groups},
	{"initiative", store_evidence_initiatives},
	{"rota", store_evidence_rotas},
	{"survey", store_evidence_surveys},
	{"training", store_evidence_trainings},
};

/* Extra chapters of the yearly report (app_plan_report_section_fn): the money (補助金の精算) from the
 * subsidy ledger. */
static const app_plan_report_section_fn report_sections[] = {
	app_subsidy_report_section,
};

json_t *app_plan_rulesets_json(void)
{
	json_t *arr = json_array();
	for (size_t i = 0; i < nrulesets; i++) {
		const struct ruleset *rs = rulesets[i];
		json_t *acts = json_array(), *vars = json_array();
		for (size_t k = 0; k < rs->nactions; k++)
			json_array_append_new(acts, json_pack("{s:s, s:s, s:s}", "code", rs->actions[k].code, "label",
							      rs->actions[k].label, "group", rs->actions[k].group));
		for (size_t k = 0; rs->variants && rs->variants[k]; k++)
			json_array_append_new(vars, json_pack("{s:s, s:s}", "code", rs->variants[k], "label", rs->variant_labels[k]));
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:o, s:o}", "code", rs->code, "name", rs->name, "source",
						     rs->source, "actions", acts, "variants", vars));
	}
	json_t *inds = json_array();
	for (int i = 0; i < IND__MAX; i++)
		json_array_append_new(inds, json_pack("{s:s, s:s, s:s}", "code", plan_indicators[i].code, "label",
						      plan_indicators[i].ja, "unit", plan_indicators[i].unit));
	return json_pack("{s:o, s:o}", "rulesets", arr, "indicators", inds);
}

/* ---- rule-set choice (the prefecture) ---- */

struct assign_tx {
	struct plan_assignment a, before;
	int had_before;
	const char *muni;
	const struct zt_actor *who;
};

static json_t *assignment_json(const struct plan_assignment *a)
{
	return json_pack("{s:s, s:s}", "ruleset", a->ruleset, "variant", a->variant);
}

static enum zt_err assign_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct assign_tx *c = ctx;
	enum zt_err r = store_plan_assignment_put(st, &c->a, e);
	if (r == ZT_OK) {
		json_t *b = c->had_before ? assignment_json(&c->before) : NULL, *a = assignment_json(&c->a);
		r = audit_append(st, c->who, "assign_ruleset", "operator", c->a.operator_id, c->muni, b, a, e);
		json_decref(b);
		json_decref(a);
	}
	return r;
}

/* The Kumamoto variant an operator's kind implies (support_core → 基幹型, support_linked → 連携型). */
static const char *variant_of_kind(const struct operator_row *o)
{
	if (o->d.kind == OPK_SUPPORT_CORE)
		return "kikan";
	if (o->d.kind == OPK_SUPPORT_LINKED)
		return "renkei";
	return "";
}

enum zt_err app_plan_assign(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			    int64_t operator_id, const char *ruleset, const char *variant, struct zt_error *e)
{
	struct operator_row *o = calloc(1, sizeof *o);
	struct assign_tx *c = calloc(1, sizeof *c);
	if (o == NULL || c == NULL)
		abort();
	enum zt_err r = app_operator_policy(st, auth, ACT_OPERATOR_MANAGE, operator_id, o, e);
	const struct ruleset *rs = ruleset_find(ruleset);
	if (r == ZT_OK && rs == NULL)
		r = zt_fail(e, ZT_ERR_INVALID, "ruleset", "事業要件「%s」はありません", ruleset ? ruleset : "");
	if (r == ZT_OK) {
		c->a.operator_id = operator_id;
		snprintf(c->a.ruleset, sizeof c->a.ruleset, "%s", rs->code);
		snprintf(c->a.variant, sizeof c->a.variant, "%s",
			 variant && variant[0] ? variant : rs->variants ? variant_of_kind(o) : "");
		snprintf(c->a.set_by, sizeof c->a.set_by, "%s", who && who->username ? who->username : "system");
		c->had_before = store_plan_assignment_get(st, operator_id, &c->before, NULL) == ZT_OK;
		c->muni = o->scope_municipality;
		c->who = who;
		r = store_tx(st, assign_fn, c, e);
	}
	free(c);
	free(o);
	return r;
}

/* ---- the view: evidence, Check, compliance ---- */

static bool year_ended(int fy, const char *today)
{
	char end[16];
	snprintf(end, sizeof end, "%04d-03-31", (fy + 1) % 10000);
	return strcmp(today, end) > 0;
}

static void date_ja(const char *iso, char *out, size_t n)
{
	if (wareki_format(iso, out, n) != 0)
		snprintf(out, n, "%s", iso);
}

/* Everything a view needs, loaded once. */
struct plan_ctx {
	struct operator_row op;
	struct plan_assignment asg;
	bool has_asg, has_plan;
	struct plan_def plan;
	char created_at[21], updated_at[21];
	const struct ruleset *rs;
	struct evidence_scope sc;
	struct evidence_list ev;
	struct plan_upload *uploads;
	size_t nuploads;
	char previous_act[PLAN_NOTE_MAX + 1];
	char today[11];
};

static void ctx_release(struct plan_ctx *c)
{
	evidence_list_release(&c->ev);
	free(c->uploads);
	c->uploads = NULL;
	c->nuploads = 0;
}

static enum zt_err load(struct store *st, const struct auth_ctx *auth, enum policy_action act, int64_t operator_id,
			int fy, struct plan_ctx *c, struct zt_error *e)
{
	zt_today_jst(c->today);
	enum zt_err r = plan_fiscal_year_check(fy, zt_fiscal_year(), e);
	if (r == ZT_OK)
		r = app_operator_policy(st, auth, act, operator_id, &c->op, e);
	if (r != ZT_OK)
		return r;
	c->has_asg = store_plan_assignment_get(st, operator_id, &c->asg, NULL) == ZT_OK;
	r = store_plan_get(st, operator_id, fy, &c->plan, c->created_at, c->updated_at, e);
	c->has_plan = r == ZT_OK;
	if (r == ZT_ERR_NOTFOUND) {
		r = ZT_OK;
		zt_error_clear(e);
		memset(&c->plan, 0, sizeof c->plan);
		c->plan.operator_id = operator_id;
		c->plan.fiscal_year = fy;
		if (c->has_asg) {
			snprintf(c->plan.ruleset, sizeof c->plan.ruleset, "%s", c->asg.ruleset);
			snprintf(c->plan.variant, sizeof c->plan.variant, "%s", c->asg.variant);
		}
	}
	if (r != ZT_OK)
		return r;
	c->rs = ruleset_find(c->plan.ruleset);
	/* Act of last year, carried into this year's plan */
	struct plan_def *prev = calloc(1, sizeof *prev);
	if (prev == NULL)
		abort();
	if (store_plan_get(st, operator_id, fy - 1, prev, NULL, NULL, NULL) == ZT_OK)
		snprintf(c->previous_act, sizeof c->previous_act, "%s", prev->act_note);
	free(prev);

	c->sc.operator_id = operator_id;
	c->sc.association_id = c->op.d.association_id;
	snprintf(c->sc.municipality, sizeof c->sc.municipality, "%s", c->op.d.municipality);
	evidence_scope_dates(&c->sc, fy, c->today);
	for (size_t i = 0; r == ZT_OK && i < sizeof evidence_sources / sizeof evidence_sources[0]; i++)
		r = evidence_sources[i].collect(st, &c->sc, &c->ev, e);
	if (r == ZT_OK && c->has_plan)
		r = store_plan_upload_list(st, c->plan.id, &c->uploads, &c->nuploads, e);
	return r;
}

static bool plan_has(const struct plan_def *d, const char *code)
{
	for (size_t i = 0; i < d->nactions; i++)
		if (strcmp(d->actions[i].code, code) == 0)
			return true;
	return false;
}

static json_t *evidence_json(const char *source, int64_t id, const char *date, const char *title, const char *kind)
{
	char dj[64];
	date_ja(date, dj, sizeof dj);
	return json_pack("{s:s, s:s, s:I, s:s, s:s, s:s, s:s}", "source", source, "source_ja", plan_evidence_source_ja(source),
			 "id", (json_int_t)id, "date", date, "date_ja", dj, "title", title, "kind", kind);
}

/* The facts for the rule check and the actions' JSON with their evidence. */
static json_t *actions_and_facts(const struct plan_ctx *c, struct plan_facts *f)
{
	memset(f, 0, sizeof *f);
	f->fiscal_year = c->plan.fiscal_year;
	f->first_year = c->op.d.first_fiscal_year;
	f->year_ended = year_ended(c->plan.fiscal_year, c->today);
	f->evaluated = c->plan.check_note[0] != '\0';
	f->variant = c->plan.variant[0] ? c->plan.variant : c->asg.variant;
	json_t *arr = json_array();
	if (c->rs == NULL)
		return arr;
	json_t *lists[RULESET_ACTIONS_MAX];
	for (size_t k = 0; k < c->rs->nactions; k++)
		lists[k] = json_array();
	for (size_t i = 0; i < c->ev.n; i++) {
		const struct evidence_item *it = &c->ev.items[i];
		if (strcmp(it->source, "meeting") == 0 && strcmp(it->kind, "exchange") == 0)
			f->exchange_meetings++;
		const char *acts[PLAN_EVIDENCE_ACTIONS_MAX];
		size_t n = plan_evidence_actions(c->rs, it->source, it->kind, acts, PLAN_EVIDENCE_ACTIONS_MAX);
		for (size_t a = 0; a < n; a++) {
			int k = ruleset_action_index(c->rs, acts[a]);
			if (k >= 0)
				json_array_append_new(lists[k], evidence_json(it->source, it->id, it->date, it->title, it->kind));
		}
	}
	for (size_t i = 0; i < c->nuploads; i++) {
		const struct plan_upload *u = &c->uploads[i];
		int k = ruleset_action_index(c->rs, u->action);
		if (k >= 0 && strcmp(u->held_on, c->sc.from) >= 0 && strcmp(u->held_on, c->sc.to) <= 0)
			json_array_append_new(lists[k], evidence_json("upload", u->id, u->held_on, u->title, ""));
	}
	for (size_t k = 0; k < c->rs->nactions; k++) {
		const struct ruleset_action *a = &c->rs->actions[k];
		bool chosen = plan_has(&c->plan, a->code);
		const char *note = "";
		for (size_t i = 0; i < c->plan.nactions; i++)
			if (strcmp(c->plan.actions[i].code, a->code) == 0)
				note = c->plan.actions[i].note;
		if (chosen)
			f->chosen |= 1u << k;
		f->evidence[k] = (int)json_array_size(lists[k]);
		json_array_append_new(arr, json_pack("{s:s, s:s, s:s, s:b, s:s, s:i, s:o}", "code", a->code, "label", a->label,
						     "group", a->group, "chosen", chosen, "note", note, "evidence_count",
						     f->evidence[k], "evidence", lists[k]));
	}
	return arr;
}

static json_t *compliance_json(const struct plan_ctx *c, const struct plan_facts *f)
{
	json_t *rules = json_array();
	bool ok = false;
	if (c->rs != NULL) {
		struct rule_result res[RULESET_RULES_MAX];
		size_t n = c->rs->check(f, res);
		ok = ruleset_compliant(res, n);
		for (size_t i = 0; i < n; i++)
			json_array_append_new(rules, json_pack("{s:s, s:s, s:s, s:s, s:s, s:b, s:s}", "code", res[i].code, "label",
							       res[i].label, "seed", res[i].seed, "status",
							       rule_status_code(res[i].status), "status_ja",
							       rule_status_ja(res[i].status), "pending", res[i].pending, "why",
							       res[i].why));
	}
	return json_pack("{s:b, s:b, s:o}", "compliant", ok, "year_ended", f->year_ended, "rules", rules);
}

static enum zt_err goals_json(struct store *st, const struct plan_ctx *c, json_t **out, struct zt_error *e)
{
	json_t *arr = json_array();
	struct evidence_scope last = c->sc;
	evidence_scope_dates(&last, c->plan.fiscal_year - 1, c->today);
	for (int ind = 0; ind < IND__MAX; ind++) {
		int64_t goal = 0, actual = 0, prev = -1;
		for (size_t i = 0; i < c->plan.ngoals; i++)
			if (c->plan.goals[i].indicator == ind)
				goal = c->plan.goals[i].goal;
		enum zt_err r = store_plan_indicator(st, &c->sc, (enum plan_indicator)ind, &actual, e);
		/* a stock (patients, clinics at C/D) has no "last year" in the records: only flows compare */
		if (r == ZT_OK && ind != IND_HOME_PATIENTS && ind != IND_CLINICS_CD)
			r = store_plan_indicator(st, &last, (enum plan_indicator)ind, &prev, e);
		if (r != ZT_OK) {
			json_decref(arr);
			return r;
		}
		struct plan_check pc;
		plan_check_indicator((enum plan_indicator)ind, goal, actual, prev, &pc);
		json_t *g = json_pack("{s:s, s:s, s:s, s:I, s:I, s:i, s:b, s:s}", "indicator", plan_indicators[ind].code, "label",
				      plan_indicators[ind].ja, "unit", plan_indicators[ind].unit, "goal", (json_int_t)goal,
				      "actual", (json_int_t)actual, "percent", pc.percent, "achieved", pc.achieved, "text", pc.text);
		json_object_set_new(g, "last_year", prev >= 0 ? json_integer(prev) : json_null());
		json_object_set_new(g, "has_goal", json_boolean(goal > 0));
		json_array_append_new(arr, g);
	}
	*out = arr;
	return ZT_OK;
}

static json_t *operator_json(const struct operator_row *o)
{
	return json_pack("{s:I, s:s, s:s, s:s, s:I, s:s, s:i}", "id", (json_int_t)o->d.id, "name", o->d.name, "kind",
			 o->d.kind >= 0 && o->d.kind < OPK__MAX ? operator_kinds[o->d.kind].code : "", "prefecture",
			 o->d.prefecture, "association_id", (json_int_t)o->d.association_id, "association_name",
			 o->association_name, "first_fiscal_year", o->d.first_fiscal_year);
}

static enum zt_err build_view(struct store *st, struct plan_ctx *c, json_t **out, struct zt_error *e)
{
	struct plan_facts f;
	json_t *actions = actions_and_facts(c, &f), *goals = NULL;
	enum zt_err r = goals_json(st, c, &goals, e);
	if (r != ZT_OK) {
		json_decref(actions);
		return r;
	}
	char fyja[32];
	plan_fiscal_year_ja(c->plan.fiscal_year, fyja, sizeof fyja);
	json_t *uploads = json_array();
	for (size_t i = 0; i < c->nuploads; i++)
		json_array_append_new(uploads, json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:s}", "id", (json_int_t)c->uploads[i].id,
							 "action", c->uploads[i].action, "title", c->uploads[i].title, "held_on",
							 c->uploads[i].held_on, "content_type", c->uploads[i].content_type, "size",
							 (json_int_t)c->uploads[i].size, "uploaded_at", c->uploads[i].uploaded_at));
	json_t *v = json_object();
	json_object_set_new(v, "operator", operator_json(&c->op));
	json_object_set_new(v, "fiscal_year", json_integer(c->plan.fiscal_year));
	json_object_set_new(v, "fiscal_year_ja", json_string(fyja));
	json_object_set_new(v, "period", json_pack("{s:s, s:s}", "from", c->sc.from, "to", c->sc.to));
	json_object_set_new(v, "exists", json_boolean(c->has_plan));
	json_object_set_new(v, "id", c->has_plan ? json_integer(c->plan.id) : json_null());
	json_object_set_new(v, "ruleset", c->rs ? json_pack("{s:s, s:s, s:s}", "code", c->rs->code, "name", c->rs->name,
							      "source", c->rs->source)
						 : json_null());
	json_object_set_new(v, "variant", json_string(f.variant ? f.variant : ""));
	json_object_set_new(v, "actions", actions);
	json_object_set_new(v, "goals", goals);
	json_object_set_new(v, "goals_note", json_string(c->plan.goals_note));
	json_object_set_new(v, "check_note", json_string(c->plan.check_note));
	json_object_set_new(v, "act_note", json_string(c->plan.act_note));
	json_object_set_new(v, "previous_act_note", json_string(c->previous_act));
	json_object_set_new(v, "compliance", compliance_json(c, &f));
	json_object_set_new(v, "uploads", uploads);
	json_object_set_new(v, "updated_at", json_string(c->updated_at));
	*out = v;
	return ZT_OK;
}

enum zt_err app_plan_view(struct store *st, const struct auth_ctx *auth, int64_t operator_id, int fy, json_t **out,
			  struct zt_error *e)
{
	*out = NULL;
	struct plan_ctx *c = calloc(1, sizeof *c);
	if (c == NULL)
		abort();
	int began = store_read_begin(st);
	enum zt_err r = load(st, auth, ACT_PROGRAMME_READ, operator_id, fy, c, e);
	if (r == ZT_OK)
		r = build_view(st, c, out, e);
	store_read_end(st, began);
	ctx_release(c);
	free(c);
	return r;
}

/* ---- writing the plan ---- */

static json_t *plan_audit_json(const struct plan_def *d)
{
	json_t *acts = json_array(), *goals = json_array();
	for (size_t i = 0; i < d->nactions; i++)
		json_array_append_new(acts, json_string(d->actions[i].code));
	for (size_t i = 0; i < d->ngoals; i++)
		json_array_append_new(goals, json_pack("{s:s, s:I}", "indicator", plan_indicators[d->goals[i].indicator].code,
						       "goal", (json_int_t)d->goals[i].goal));
	return json_pack("{s:I, s:i, s:s, s:s, s:o, s:o, s:s, s:s, s:s}", "operator_id", (json_int_t)d->operator_id,
			 "fiscal_year", d->fiscal_year, "ruleset", d->ruleset, "variant", d->variant, "actions", acts, "goals",
			 goals, "goals_note", d->goals_note, "check_note", d->check_note, "act_note", d->act_note);
}

struct save_tx {
	struct plan_def *d;
	const struct plan_def *before; /* NULL: a new plan */
	const char *muni;
	const struct zt_actor *who;
};

static enum zt_err save_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct save_tx *c = ctx;
	enum zt_err r = store_plan_save(st, c->d, e);
	if (r == ZT_OK) {
		json_t *b = c->before ? plan_audit_json(c->before) : NULL, *a = plan_audit_json(c->d);
		r = audit_append(st, c->who, c->before ? "update" : "create", "plan", c->d->id, c->muni, b, a, e);
		json_decref(b);
		json_decref(a);
	}
	return r;
}

enum zt_err app_plan_save(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			  int64_t operator_id, int fy, struct plan_def *d, struct zt_error *e)
{
	struct plan_ctx *c = calloc(1, sizeof *c);
	if (c == NULL)
		abort();
	enum zt_err r = plan_fiscal_year_check(fy, zt_fiscal_year(), e);
	if (r == ZT_OK)
		r = app_operator_policy(st, auth, ACT_PROGRAMME_WRITE, operator_id, &c->op, e);
	if (r == ZT_OK && fy < c->op.d.first_fiscal_year)
		r = zt_fail(e, ZT_ERR_INVALID, "fiscal_year", "%d年度は事業者の事業開始（%d年度）より前です", fy,
			    c->op.d.first_fiscal_year);
	if (r == ZT_OK && store_plan_assignment_get(st, operator_id, &c->asg, NULL) != ZT_OK)
		r = zt_fail(e, ZT_ERR_INVALID, "ruleset", "県がこの事業者に適用する事業要件をまだ決めていません");
	bool existed = false;
	if (r == ZT_OK) {
		existed = store_plan_get(st, operator_id, fy, &c->plan, NULL, NULL, NULL) == ZT_OK;
		d->id = existed ? c->plan.id : 0;
		d->operator_id = operator_id;
		d->fiscal_year = fy;
		snprintf(d->ruleset, sizeof d->ruleset, "%s", c->asg.ruleset);
		if (d->variant[0] == '\0')
			snprintf(d->variant, sizeof d->variant, "%s", c->asg.variant);
		r = plan_validate(d, ruleset_find(d->ruleset), e);
	}
	if (r == ZT_OK) {
		struct save_tx t = {d, existed ? &c->plan : NULL, c->op.scope_municipality, who};
		r = store_tx(st, save_fn, &t, e);
	}
	free(c);
	return r;
}

/* ---- uploads ---- */

struct upload_tx {
	struct plan_upload *u;
	const void *data;
	size_t len;
	const char *muni;
	const struct zt_actor *who;
};

static enum zt_err upload_fn(struct store *st, void *ctx, struct zt_error *e)
{
	struct upload_tx *c = ctx;
	enum zt_err r = store_plan_upload_insert(st, c->u, c->data, c->len, e);
	if (r == ZT_OK) {
		json_t *a = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I}", "plan_id", (json_int_t)c->u->plan_id, "action",
				      c->u->action, "title", c->u->title, "held_on", c->u->held_on, "content_type",
				      c->u->content_type, "size", (json_int_t)c->u->size);
		r = audit_append(st, c->who, "upload", "plan", c->u->plan_id, c->muni, NULL, a, e);
		json_decref(a);
	}
	return r;
}

enum zt_err app_plan_upload(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			    int64_t operator_id, int fy, const char *action, const char *title, const char *held_on,
			    const char *content_type, const void *data, size_t len, int64_t *id, struct zt_error *e)
{
	struct plan_ctx *c = calloc(1, sizeof *c);
	struct plan_upload *u = calloc(1, sizeof *u);
	if (c == NULL || u == NULL)
		abort();
	enum zt_err r = plan_fiscal_year_check(fy, zt_fiscal_year(), e);
	if (r == ZT_OK)
		r = app_operator_policy(st, auth, ACT_PROGRAMME_WRITE, operator_id, &c->op, e);
	if (r == ZT_OK && store_plan_get(st, operator_id, fy, &c->plan, NULL, NULL, NULL) != ZT_OK)
		r = zt_fail(e, ZT_ERR_INVALID, "fiscal_year", "%d年度の計画がまだありません。先に計画を保存してください", fy);
	if (r == ZT_OK && ruleset_action_index(ruleset_find(c->plan.ruleset), action) < 0)
		r = zt_fail(e, ZT_ERR_INVALID, "action", "事業項目「%s」はこの計画の事業要件にありません", action ? action : "");
	char iso[11] = "";
	if (r == ZT_OK && (held_on == NULL || wareki_parse(held_on, iso) != 0))
		r = zt_fail(e, ZT_ERR_INVALID, "held_on", "実施日を正しい日付で入力してください");
	if (r == ZT_OK && fiscal_year_of(iso) != fy)
		r = zt_fail(e, ZT_ERR_INVALID, "held_on", "実施日が%d年度の期間にありません", fy);
	if (r == ZT_OK && (title == NULL || title[0] == '\0' || strlen(title) >= sizeof u->title))
		r = zt_fail(e, ZT_ERR_INVALID, "title", "資料名を200字以内で入力してください");
	int type = attachment_type_of(content_type);
	if (r == ZT_OK && type < 0)
		r = zt_fail(e, ZT_ERR_MEDIA, "attachment", "資料はPDF・PNG・JPEGのいずれかにしてください");
	if (r == ZT_OK)
		r = attachment_check((enum attachment_type)type, data, len, e);
	const char *ctype = r == ZT_OK ? attachment_kinds[type].mime : "";
	if (r == ZT_OK) {
		u->plan_id = c->plan.id;
		snprintf(u->action, sizeof u->action, "%s", action);
		snprintf(u->title, sizeof u->title, "%s", title);
		snprintf(u->held_on, sizeof u->held_on, "%s", iso);
		snprintf(u->content_type, sizeof u->content_type, "%s", ctype);
		snprintf(u->uploaded_by, sizeof u->uploaded_by, "%s", who && who->username ? who->username : "system");
		struct upload_tx t = {u, data, len, c->op.scope_municipality, who};
		r = store_tx(st, upload_fn, &t, e);
		if (r == ZT_OK && id)
			*id = u->id;
	}
	free(u);
	free(c);
	return r;
}

enum zt_err app_plan_upload_get(struct store *st, const struct auth_ctx *auth, int64_t id, char ctype[32],
				void **data, size_t *len, struct zt_error *e)
{
	struct plan_upload u;
	enum zt_err r = store_plan_upload_get(st, id, &u, data, len, e);
	if (r != ZT_OK)
		return r;
	/* the plan's operator decides who may read it */
	int64_t operator_id = 0;
	if (store_plan_operator_of(st, u.plan_id, &operator_id) != ZT_OK)
		r = zt_fail(e, ZT_ERR_NOTFOUND, "id", "資料が見つかりません。");
	struct operator_row *o = calloc(1, sizeof *o);
	if (o == NULL)
		abort();
	if (r == ZT_OK)
		r = app_operator_policy(st, auth, ACT_PROGRAMME_READ, operator_id, o, e);
	free(o);
	if (r != ZT_OK) {
		free(*data);
		*data = NULL;
		*len = 0;
		return r == ZT_ERR_FORBIDDEN ? zt_fail(e, ZT_ERR_NOTFOUND, "id", "資料が見つかりません。") : r;
	}
	snprintf(ctype, 32, "%s", u.content_type);
	return ZT_OK;
}

/* ---- every operator on one page (the prefecture) ---- */

enum zt_err app_plan_status(struct store *st, const struct auth_ctx *auth, const char *prefecture, int fy, json_t **out,
			    struct zt_error *e)
{
	*out = NULL;
	enum zt_err r = plan_fiscal_year_check(fy, zt_fiscal_year(), e);
	struct operator_row *ops = NULL;
	size_t n = 0;
	if (r == ZT_OK)
		r = app_operator_list(st, auth, prefecture ? prefecture : "", &ops, &n, e);
	if (r != ZT_OK)
		return r;
	json_t *arr = json_array();
	struct plan_ctx *c = calloc(1, sizeof *c);
	if (c == NULL)
		abort();
	int began = store_read_begin(st);
	for (size_t i = 0; r == ZT_OK && i < n; i++) {
		memset(c, 0, sizeof *c);
		r = load(st, NULL /* listed above under auth's policy */, ACT_PROGRAMME_READ, ops[i].d.id, fy, c, e);
		if (r != ZT_OK)
			break;
		struct plan_facts f;
		json_decref(actions_and_facts(c, &f));
		json_t *comp = compliance_json(c, &f);
		size_t k, not_met = 0;
		json_t *rule;
		json_array_foreach(json_object_get(comp, "rules"), k, rule) not_met +=
			strcmp(json_string_value(json_object_get(rule, "status")), "not_met") == 0;
		json_t *o = operator_json(&c->op);
		json_object_set_new(o, "ruleset", json_string(c->rs ? c->rs->code : ""));
		json_object_set_new(o, "ruleset_name", json_string(c->rs ? c->rs->name : "（未設定）"));
		json_object_set_new(o, "variant", json_string(f.variant ? f.variant : ""));
		json_object_set_new(o, "plan_exists", json_boolean(c->has_plan));
		json_object_set_new(o, "compliant", json_boolean(c->rs != NULL && json_is_true(json_object_get(comp, "compliant"))));
		json_object_set_new(o, "not_met", json_integer((json_int_t)not_met));
		json_object_set_new(o, "rules", json_incref(json_object_get(comp, "rules")));
		json_object_set_new(o, "year_ended", json_incref(json_object_get(comp, "year_ended")));
		json_decref(comp);
		json_array_append_new(arr, o);
		ctx_release(c);
	}
	store_read_end(st, began);
	ctx_release(c);
	free(c);
	free(ops);
	if (r != ZT_OK) {
		json_decref(arr);
		return r;
	}
	char fyja[32];
	plan_fiscal_year_ja(fy, fyja, sizeof fyja);
	*out = json_pack("{s:i, s:s, s:o}", "fiscal_year", fy, "fiscal_year_ja", fyja, "operators", arr);
	return ZT_OK;
}

/* ---- the yearly report (実績報告書) ---- */

enum zt_err app_plan_report(struct store *st, const struct auth_ctx *auth, int64_t operator_id, int fy, json_t **out,
			    struct zt_error *e)
{
	*out = NULL;
	struct plan_ctx *c = calloc(1, sizeof *c);
	if (c == NULL)
		abort();
	int began = store_read_begin(st);
	enum zt_err r = load(st, auth, ACT_PROGRAMME_READ, operator_id, fy, c, e);
	if (r == ZT_OK && !c->has_plan)
		r = zt_fail(e, ZT_ERR_NOTFOUND, "fiscal_year", "%d年度の計画がないため実績報告書を作成できません。", fy);
	json_t *v = NULL;
	if (r == ZT_OK)
		r = build_view(st, c, &v, e);
	json_t *sections = json_array();
	for (size_t i = 0; r == ZT_OK && i < sizeof report_sections / sizeof report_sections[0]; i++)
		r = report_sections[i](st, &c->op, fy, sections, e);
	store_read_end(st, began);
	if (r == ZT_OK) {
		char title[128], today_ja[64], fyja[32];
		plan_fiscal_year_ja(fy, fyja, sizeof fyja);
		snprintf(title, sizeof title, "%s %s実績報告書", fyja, c->rs ? c->rs->name : "");
		date_ja(c->today, today_ja, sizeof today_ja);
		json_object_set_new(v, "title", json_string(title));
		json_object_set_new(v, "generated_ja", json_string(today_ja));
		json_object_set_new(v, "sections", sections);
		*out = v;
	} else {
		json_decref(sections);
		json_decref(v);
	}
	ctx_release(c);
	free(c);
	return r;
}
