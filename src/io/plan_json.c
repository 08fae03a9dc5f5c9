/* JSON decoders of activity plans (see plan_json.h). */
#include "io/plan_json.h"

#include <stdio.h>
#include <string.h>

#include "io/json_fields.h"

static enum zt_err actions_from_json(const json_t *v, struct plan_def *d, struct zt_error *e)
{
	if (!json_is_array(v))
		return zt_fail(e, ZT_ERR_INVALID, "actions", "事業項目は配列で指定してください");
	if (json_array_size(v) > RULESET_ACTIONS_MAX)
		return zt_fail(e, ZT_ERR_INVALID, "actions", "事業項目が多すぎます（%d件まで）", RULESET_ACTIONS_MAX);
	d->nactions = 0;
	size_t i;
	const json_t *a;
	json_array_foreach(v, i, a) {
		char field[64];
		struct plan_action_in *x = &d->actions[i];
		memset(x, 0, sizeof *x);
		if (json_is_string(a)) { /* a bare code */
			snprintf(field, sizeof field, "actions[%zu]", i);
			if (json_field_str(a, field, x->code, sizeof x->code, e) != ZT_OK)
				return ZT_ERR_INVALID;
		} else if (json_is_object(a)) {
			const char *k;
			const json_t *m;
			json_object_foreach((json_t *)a, k, m) {
				snprintf(field, sizeof field, "actions[%zu].%s", i, k);
				enum zt_err rc;
				if (strcmp(k, "code") == 0)
					rc = json_field_str(m, field, x->code, sizeof x->code, e);
				else if (strcmp(k, "note") == 0)
					rc = json_field_str(m, field, x->note, sizeof x->note, e);
				else
					rc = json_field_unknown(field, e);
				if (rc != ZT_OK)
					return rc;
			}
		} else {
			snprintf(field, sizeof field, "actions[%zu]", i);
			return zt_fail(e, ZT_ERR_INVALID, field, "事業項目の形式が正しくありません");
		}
		if (x->code[0] == '\0') {
			snprintf(field, sizeof field, "actions[%zu].code", i);
			return zt_fail(e, ZT_ERR_INVALID, field, "事業項目のコードがありません");
		}
		d->nactions++;
	}
	return ZT_OK;
}

static enum zt_err goals_from_json(const json_t *v, struct plan_def *d, struct zt_error *e)
{
	if (!json_is_array(v))
		return zt_fail(e, ZT_ERR_INVALID, "goals", "目標は配列で指定してください");
	if (json_array_size(v) > IND__MAX)
		return zt_fail(e, ZT_ERR_INVALID, "goals", "目標が多すぎます（%d件まで）", IND__MAX);
	d->ngoals = 0;
	size_t i;
	const json_t *g;
	json_array_foreach(v, i, g) {
		char field[64];
		struct plan_goal_in *x = &d->goals[i];
		x->indicator = -1, x->goal = -1;
		if (!json_is_object(g)) {
			snprintf(field, sizeof field, "goals[%zu]", i);
			return zt_fail(e, ZT_ERR_INVALID, field, "目標の形式が正しくありません");
		}
		const char *k;
		const json_t *m;
		json_object_foreach((json_t *)g, k, m) {
			snprintf(field, sizeof field, "goals[%zu].%s", i, k);
			if (strcmp(k, "indicator") == 0) {
				x->indicator = plan_indicator_find(json_string_value(m));
				if (x->indicator < 0)
					return zt_fail(e, ZT_ERR_INVALID, field, "指標が不明です");
			} else if (strcmp(k, "goal") == 0) {
				if (json_field_int(m, field, 0, PLAN_GOAL_MAX, &x->goal,
						   "目標値は0以上1000000以下の整数で入力してください", e) != ZT_OK)
					return ZT_ERR_INVALID;
			} else {
				return json_field_unknown(field, e);
			}
		}
		if (x->indicator < 0 || x->goal < 0) {
			snprintf(field, sizeof field, "goals[%zu].%s", i, x->indicator < 0 ? "indicator" : "goal");
			return zt_fail(e, ZT_ERR_INVALID, field, "指標と目標値の両方を指定してください");
		}
		d->ngoals++;
	}
	return ZT_OK;
}

enum zt_err plan_from_json(const json_t *body, struct plan_def *d, struct zt_error *e)
{
	if (!json_is_object(body))
		return zt_fail(e, ZT_ERR_INVALID, "body", "JSONオブジェクトを送ってください");
	const char *k;
	const json_t *v;
	json_object_foreach((json_t *)body, k, v) {
		enum zt_err rc;
		if (strcmp(k, "actions") == 0)
			rc = actions_from_json(v, d, e);
		else if (strcmp(k, "goals") == 0)
			rc = goals_from_json(v, d, e);
		else if (strcmp(k, "variant") == 0)
			rc = json_field_str(v, k, d->variant, sizeof d->variant, e);
		else if (strcmp(k, "goals_note") == 0)
			rc = json_field_str(v, k, d->goals_note, sizeof d->goals_note, e);
		else if (strcmp(k, "check_note") == 0)
			rc = json_field_str(v, k, d->check_note, sizeof d->check_note, e);
		else if (strcmp(k, "act_note") == 0)
			rc = json_field_str(v, k, d->act_note, sizeof d->act_note, e);
		else
			rc = json_field_unknown(k, e);
		if (rc != ZT_OK)
			return rc;
	}
	return ZT_OK;
}

enum zt_err plan_assignment_from_json(const json_t *body, char *ruleset, size_t rsize, char *variant, size_t vsize,
				      struct zt_error *e)
{
	if (!json_is_object(body))
		return zt_fail(e, ZT_ERR_INVALID, "body", "JSONオブジェクトを送ってください");
	ruleset[0] = variant[0] = '\0';
	const char *k;
	const json_t *v;
	json_object_foreach((json_t *)body, k, v) {
		enum zt_err rc;
		if (strcmp(k, "ruleset") == 0)
			rc = json_field_str(v, k, ruleset, rsize, e);
		else if (strcmp(k, "variant") == 0)
			rc = json_field_str(v, k, variant, vsize, e);
		else
			rc = json_field_unknown(k, e);
		if (rc != ZT_OK)
			return rc;
	}
	const struct ruleset *rs = ruleset_find(ruleset);
	if (rs == NULL)
		return zt_fail(e, ZT_ERR_INVALID, "ruleset", "事業要件「%s」はありません", ruleset);
	if (variant[0]) {
		bool ok = false;
		for (size_t i = 0; rs->variants && rs->variants[i]; i++)
			ok |= strcmp(rs->variants[i], variant) == 0;
		if (!ok)
			return zt_fail(e, ZT_ERR_INVALID, "variant", "「%s」は%sの類型ではありません", variant, rs->name);
	}
	return ZT_OK;
}
