/* JSON forms of the coordinator programme: operators, meetings, stages, plans, visits, awards (issue 18; see programme_json.h). */
#include "io/programme_json.h"

#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "io/json_fields.h"

/* One member of a request: its key, type and where it goes in the output struct. */
enum ftype { F_STR, F_DATE, F_INT, F_CODE };
struct fspec {
	const char *key;
	enum ftype type;
	size_t off, size;                 /* F_STR / F_DATE: char array; F_INT: int64_t; F_CODE: int */
	int64_t min, max;                 /* F_INT */
	const struct code_entry *codes;   /* F_CODE */
	int ncodes;
	bool required;
	const char *what;                 /* the Japanese name in messages */
};
#define S(T, k, m, req, w) {k, F_STR, offsetof(T, m), sizeof(((T *)0)->m), 0, 0, NULL, 0, req, w}
#define D(T, k, m, req, w) {k, F_DATE, offsetof(T, m), sizeof(((T *)0)->m), 0, 0, NULL, 0, req, w}
#define I(T, k, m, lo, hi, req, w) {k, F_INT, offsetof(T, m), sizeof(int64_t), lo, hi, NULL, 0, req, w}
#define C(T, k, m, tab, n, req, w) {k, F_CODE, offsetof(T, m), sizeof(int), 0, 0, tab, n, req, w}

/* Decodes object o against spec[0..n) into out; prefix names nested fields ("people[0]."). */
static enum zt_err decode(const json_t *o, const struct fspec *spec, int n, void *out, const char *prefix,
			  struct zt_error *e)
{
	char f[64];
	if (!json_is_object(o))
		return zt_fail(e, ZT_ERR_INVALID, prefix[0] ? prefix : "body", "JSON オブジェクトを送ってください。");
	bool seen[16] = {false};
	const char *key;
	json_t *v;
	json_object_foreach((json_t *)o, key, v) {
		int k = 0;
		while (k < n && strcmp(spec[k].key, key) != 0)
			k++;
		snprintf(f, sizeof f, "%s%s", prefix, key);
		if (k == n)
			return json_field_unknown(f, e);
		const struct fspec *s = &spec[k];
		char *dst = (char *)out + s->off;
		seen[k] = !json_is_null(v);
		switch (s->type) {
		case F_STR:
		case F_DATE: {
			if (json_field_str(v, f, dst, s->size, e) != ZT_OK)
				return zt_fail(e, ZT_ERR_INVALID, f, "%sは%zu文字以内の文字列で指定してください。", s->what,
					       s->size / 4);
			seen[k] = dst[0] != '\0';
			if (s->type == F_DATE && dst[0] && !programme_date_ok(dst))
				return zt_fail(e, ZT_ERR_INVALID, f, "%sを YYYY-MM-DD の日付で入力してください。", s->what);
			break;
		}
		case F_INT: {
			if (json_is_null(v))
				break;
			int64_t x = 0;
			char msg[160];
			snprintf(msg, sizeof msg, "%sは%lld〜%lldの整数で指定してください。", s->what, (long long)s->min,
				 (long long)s->max);
			if (json_field_int(v, f, s->min, s->max, &x, msg, e) != ZT_OK)
				return ZT_ERR_INVALID;
			memcpy(dst, &x, sizeof x);
			break;
		}
		case F_CODE: {
			int c = json_is_string(v) ? code_lookup(s->codes, s->ncodes, json_string_value(v)) : -1;
			if (json_is_null(v))
				c = -1;
			else if (c < 0)
				return zt_fail(e, ZT_ERR_INVALID, f, "%sが正しくありません。", s->what);
			memcpy(dst, &c, sizeof c);
			break;
		}
		}
	}
	for (int k = 0; k < n; k++)
		if (spec[k].required && !seen[k]) {
			snprintf(f, sizeof f, "%s%s", prefix, spec[k].key);
			return zt_fail(e, ZT_ERR_INVALID, f, "%sを入力してください。", spec[k].what);
		}
	return ZT_OK;
}

/* ---- operators ---- */

struct op_raw {
	char name[201];
	int kind;
	char prefecture[3];
	int64_t association_id, institution_id, fy, cap_units;
	char municipality[7];
	char note[1001];
};
static const struct fspec op_spec[] = {
	S(struct op_raw, "name", name, true, "事業者名"),
	C(struct op_raw, "kind", kind, operator_kinds, OPK__MAX, true, "事業の種類"),
	S(struct op_raw, "prefecture", prefecture, true, "都道府県コード"),
	I(struct op_raw, "association_id", association_id, 1, INT64_MAX, false, "郡市医師会"),
	S(struct op_raw, "municipality", municipality, false, "市町村コード"),
	I(struct op_raw, "institution_id", institution_id, 1, INT64_MAX, false, "実施機関"),
	I(struct op_raw, "first_fiscal_year", fy, 2000, 2100, true, "事業開始年度"),
	S(struct op_raw, "note", note, false, "備考"),
	I(struct op_raw, "cap_units", cap_units, 1, 100, false, "補助上限の対象となる区・箇所の数"),
};

enum zt_err operator_from_json(const json_t *body, struct operator_def *out, struct zt_error *e)
{
	struct op_raw r = {.kind = -1, .cap_units = 1};
	memset(out, 0, sizeof *out);
	enum zt_err rc = decode(body, op_spec, (int)(sizeof op_spec / sizeof op_spec[0]), &r, "", e);
	if (rc != ZT_OK)
		return rc;
	snprintf(out->name, sizeof out->name, "%s", r.name);
	out->kind = r.kind;
	snprintf(out->prefecture, sizeof out->prefecture, "%s", r.prefecture);
	out->association_id = r.association_id;
	out->institution_id = r.institution_id;
	snprintf(out->municipality, sizeof out->municipality, "%s", r.municipality);
	out->first_fiscal_year = (int)r.fy;
	snprintf(out->note, sizeof out->note, "%s", r.note);
	out->cap_units = (int)r.cap_units;
	return operator_check(out, e);
}

/* ---- meetings ---- */

static const struct fspec meeting_spec[] = {
	I(struct meeting, "operator_id", operator_id, 1, INT64_MAX, true, "事業者"),
	C(struct meeting, "kind", kind, meeting_kinds, MK__MAX, true, "会議の種類"),
	S(struct meeting, "title", title, true, "会議名"),
	D(struct meeting, "held_on", held_on, true, "開催日"),
	S(struct meeting, "start_time", start_time, false, "開始時刻"),
	S(struct meeting, "end_time", end_time, false, "終了時刻"),
	S(struct meeting, "place", place, false, "会場"),
	S(struct meeting, "agenda", agenda, false, "議題"),
	S(struct meeting, "minutes", minutes, false, "議事録"),
};

struct person_raw {
	int64_t institution_id;
	char name[201];
	char role[101];
};
static const struct fspec person_spec[] = {
	I(struct person_raw, "institution_id", institution_id, 1, INT64_MAX, false, "機関"),
	S(struct person_raw, "name", name, false, "氏名"),
	S(struct person_raw, "role", role, false, "役割"),
};
static const struct fspec action_spec[] = {
	S(struct meeting_action, "text", text, true, "フォローアップの内容"),
	S(struct meeting_action, "owner", owner, true, "担当者"),
	D(struct meeting_action, "due_on", due_on, false, "期限"),
	D(struct meeting_action, "done_on", done_on, false, "完了日"),
};

static enum zt_err meeting_people(const json_t *v, struct meeting *m, struct zt_error *e)
{
	if (!json_is_array(v) || json_array_size(v) > MEETING_MAX_PEOPLE)
		return zt_fail(e, ZT_ERR_INVALID, "people", "招待者は%d件までの配列で指定してください。", MEETING_MAX_PEOPLE);
	size_t i;
	json_t *x;
	char prefix[32], f[64];
	json_array_foreach(v, i, x) {
		struct meeting_person *p = &m->people[i];
		struct person_raw r = {0};
		p->attended = -1;
		snprintf(prefix, sizeof prefix, "people[%zu].", i);
		json_t *att = json_is_object(x) ? json_object_get(x, "attended") : NULL;
		if (att) {
			snprintf(f, sizeof f, "%sattended", prefix);
			if (!json_is_boolean(att) && !json_is_null(att))
				return zt_fail(e, ZT_ERR_INVALID, f, "出欠は true・false・null で指定してください。");
			p->attended = json_is_null(att) ? -1 : json_is_true(att);
			json_t *copy = json_copy(x);
			json_object_del(copy, "attended");
			enum zt_err rc = decode(copy, person_spec, 3, &r, prefix, e);
			json_decref(copy);
			if (rc != ZT_OK)
				return rc;
		} else {
			enum zt_err rc = decode(x, person_spec, 3, &r, prefix, e);
			if (rc != ZT_OK)
				return rc;
		}
		p->institution_id = r.institution_id;
		snprintf(p->name, sizeof p->name, "%s", r.name);
		snprintf(p->role, sizeof p->role, "%s", r.role);
		m->npeople = (int)i + 1;
	}
	return ZT_OK;
}

static enum zt_err meeting_actions(const json_t *v, struct meeting *m, struct zt_error *e)
{
	if (!json_is_array(v) || json_array_size(v) > MEETING_MAX_ACTIONS)
		return zt_fail(e, ZT_ERR_INVALID, "actions", "フォローアップは%d件までの配列で指定してください。",
			       MEETING_MAX_ACTIONS);
	size_t i;
	json_t *x;
	char prefix[32];
	json_array_foreach(v, i, x) {
		snprintf(prefix, sizeof prefix, "actions[%zu].", i);
		enum zt_err rc = decode(x, action_spec, 4, &m->actions[i], prefix, e);
		if (rc != ZT_OK)
			return rc;
		m->nactions = (int)i + 1;
	}
	return ZT_OK;
}

enum zt_err meeting_from_json(const json_t *body, struct meeting *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	out->kind = -1;
	if (!json_is_object(body))
		return zt_fail(e, ZT_ERR_INVALID, "body", "JSON オブジェクトを送ってください。");
	json_t *copy = json_copy((json_t *)body);
	json_t *people = json_object_get(copy, "people"), *actions = json_object_get(copy, "actions");
	enum zt_err rc = ZT_OK;
	if (people && !json_is_null(people))
		rc = meeting_people(people, out, e);
	if (rc == ZT_OK && actions && !json_is_null(actions))
		rc = meeting_actions(actions, out, e);
	json_object_del(copy, "people");
	json_object_del(copy, "actions");
	if (rc == ZT_OK)
		rc = decode(copy, meeting_spec, (int)(sizeof meeting_spec / sizeof meeting_spec[0]), out, "", e);
	json_decref(copy);
	return rc == ZT_OK ? meeting_check(out, e) : rc;
}

static json_t *opt(const char *s)
{
	return s && s[0] ? json_string(s) : json_null();
}

json_t *meeting_to_json(const struct meeting *m)
{
	json_t *people = json_array(), *actions = json_array();
	int present = 0;
	for (int i = 0; i < m->npeople; i++) {
		const struct meeting_person *p = &m->people[i];
		present += p->attended == 1;
		json_array_append_new(people, json_pack("{s:I, s:o, s:s, s:s, s:s, s:o}", "id", (json_int_t)p->id,
							"institution_id", p->institution_id ? json_integer(p->institution_id) : json_null(),
							"institution_name", p->institution_name, "name", p->name, "role", p->role,
							"attended", p->attended < 0 ? json_null() : json_boolean(p->attended)));
	}
	for (int i = 0; i < m->nactions; i++) {
		const struct meeting_action *a = &m->actions[i];
		json_array_append_new(actions, json_pack("{s:I, s:s, s:s, s:o, s:o}", "id", (json_int_t)a->id, "text", a->text,
							 "owner", a->owner, "due_on", opt(a->due_on), "done_on", opt(a->done_on)));
	}
	int k = m->kind >= 0 && m->kind < MK__MAX ? m->kind : 0;
	return json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:i, s:s, s:o, s:o, s:s, s:s, s:s, s:b, s:o, s:o, s:i, s:i}",
			 "id", (json_int_t)m->id, "operator_id", (json_int_t)m->operator_id, "operator_name",
			 m->operator_name, "kind", meeting_kinds[k].code, "kind_label", meeting_kinds[k].ja, "held_on",
			 m->held_on, "fiscal_year", programme_fiscal_year(m->held_on), "title", m->title, "start_time",
			 opt(m->start_time), "end_time", opt(m->end_time), "place", m->place, "agenda", m->agenda,
			 "minutes", m->minutes, "has_minutes_pdf", m->has_minutes_pdf, "people", people, "actions",
			 actions, "invited", m->npeople, "present", present);
}

/* ---- stages and plans ---- */

struct stage_raw {
	int stage;
	char reason[PROG_TEXT_MAX];
};
static const struct fspec stage_spec[] = {
	C(struct stage_raw, "stage", stage, clinic_stages, STAGE__MAX, false, "段階"),
	S(struct stage_raw, "reason", reason, true, "変更の理由"),
};

enum zt_err stage_override_from_json(const json_t *body, int *stage, char reason[PROG_TEXT_MAX], struct zt_error *e)
{
	struct stage_raw r = {.stage = -1};
	enum zt_err rc = decode(body, stage_spec, 2, &r, "", e);
	if (rc != ZT_OK)
		return rc;
	if (json_object_get(body, "stage") == NULL)
		return zt_fail(e, ZT_ERR_INVALID, "stage", "段階（A〜D、自動判定に戻すときは null）を指定してください。");
	*stage = r.stage;
	snprintf(reason, PROG_TEXT_MAX, "%s", r.reason);
	return ZT_OK;
}

struct snap_raw {
	int64_t association_id;
	char set_on[11];
};
static const struct fspec snap_spec[] = {
	I(struct snap_raw, "association_id", association_id, 1, INT64_MAX, false, "郡市医師会"),
	D(struct snap_raw, "set_on", set_on, false, "記録日"),
};

enum zt_err stage_snapshot_from_json(const json_t *body, int64_t *association_id, char set_on[11], struct zt_error *e)
{
	struct snap_raw r = {0};
	enum zt_err rc = decode(body, snap_spec, 2, &r, "", e);
	*association_id = r.association_id;
	snprintf(set_on, 11, "%s", r.set_on);
	return rc;
}

static const struct fspec plan_spec[] = {
	S(struct clinic_plan_in, "next_step", next_step, false, "次の段階への目標"),
	S(struct clinic_plan_in, "action", action, false, "対策"),
	D(struct clinic_plan_in, "due_on", due_on, false, "期限"),
};

enum zt_err clinic_plan_from_json(const json_t *body, struct clinic_plan_in *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	return decode(body, plan_spec, 3, out, "", e);
}

/* ---- visits ---- */

static const struct fspec visit_spec[] = {
	D(struct visit_in, "visited_on", visited_on, true, "訪問日"),
	S(struct visit_in, "visitor", visitor, true, "訪問者"),
	S(struct visit_in, "learnt", learnt, false, "把握した内容"),
	S(struct visit_in, "follow_up", follow_up, false, "フォローアップ"),
	I(struct visit_in, "operator_id", operator_id, 1, INT64_MAX, false, "事業者"),
};

enum zt_err visit_from_json(const json_t *body, struct visit_in *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	return decode(body, visit_spec, 5, out, "", e);
}

/* ---- awards ---- */

static const struct fspec nomination_spec[] = {
	I(struct award_in, "institution_id", institution_id, 1, INT64_MAX, true, "推薦する機関"),
	I(struct award_in, "fiscal_year", fiscal_year, 2000, 2100, true, "年度"),
	S(struct award_in, "reason", reason, true, "推薦理由"),
	S(struct award_in, "title", title, false, "顕彰名"),
	I(struct award_in, "operator_id", operator_id, 1, INT64_MAX, false, "事業者"),
};
static const struct fspec decision_spec[] = {
	C(struct award_in, "status", status, award_statuses, AWARD__MAX, true, "決定"),
	D(struct award_in, "decided_on", decided_on, true, "決定日"),
	S(struct award_in, "decision_note", decision_note, false, "決定の理由"),
};

enum zt_err award_nomination_from_json(const json_t *body, struct award_in *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	out->status = AWARD_NOMINATED;
	return decode(body, nomination_spec, 5, out, "", e);
}

static const struct fspec nomination_edit_spec[] = {
	S(struct award_in, "reason", reason, true, "推薦理由"),
	S(struct award_in, "title", title, false, "顕彰名"),
};

enum zt_err award_edit_from_json(const json_t *body, struct award_in *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	out->status = AWARD_NOMINATED;
	return decode(body, nomination_edit_spec, 2, out, "", e);
}

enum zt_err award_decision_from_json(const json_t *body, struct award_in *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	out->status = -1;
	enum zt_err rc = decode(body, decision_spec, 3, out, "", e);
	if (rc == ZT_OK && out->status == AWARD_NOMINATED)
		return zt_fail(e, ZT_ERR_INVALID, "status", "決定は awarded（顕彰）か declined（見送り）です。");
	return rc;
}
