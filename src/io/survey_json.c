/* JSON forms of the clinic surveys: question and answer decoders, survey encoders (issue 18 §1; see survey_json.h). */
#include "io/survey_json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/json_fields.h"

static enum zt_err opt_from_json(const json_t *o, const char *path, struct survey_option *x, struct zt_error *e)
{
	char f[256];
	if (!json_is_object(o))
		return zt_fail(e, ZT_ERR_INVALID, path, "選択肢はオブジェクトで指定してください。");
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)o, k, v)
	{
		snprintf(f, sizeof f, "%.100s.%.100s", path, k);
		enum zt_err r;
		if (strcmp(k, "key") == 0)
			r = json_field_str(v, f, x->key, sizeof x->key, e);
		else if (strcmp(k, "label") == 0)
			r = json_field_str(v, f, x->label, sizeof x->label, e);
		else if (strcmp(k, "with_text") == 0)
			r = json_field_bool(v, f, &x->with_text, e);
		else
			r = json_field_unknown(f, e);
		if (r != ZT_OK)
			return r;
	}
	return ZT_OK;
}

static enum zt_err num(const json_t *v, const char *f, double *out, struct zt_error *e)
{
	if (!json_is_number(v) || !isfinite(json_number_value(v)))
		return zt_fail(e, ZT_ERR_INVALID, f, "数値で指定してください。");
	*out = json_number_value(v);
	return ZT_OK;
}

static enum zt_err q_from_json(const json_t *o, const char *path, struct survey_question *q, struct zt_error *e)
{
	char f[256];
	if (!json_is_object(o))
		return zt_fail(e, ZT_ERR_INVALID, path, "問はオブジェクトで指定してください。");
	q->max = 100000;
	bool have_max = false;
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)o, k, v)
	{
		snprintf(f, sizeof f, "%.100s.%.100s", path, k);
		enum zt_err r = ZT_OK;
		if (strcmp(k, "key") == 0)
			r = json_field_str(v, f, q->key, sizeof q->key, e);
		else if (strcmp(k, "kind") == 0) {
			int kind = json_is_string(v) ? survey_kind_lookup(json_string_value(v)) : -1;
			if (kind < 0)
				r = zt_fail(e, ZT_ERR_INVALID, f, "種類は single, multiple, number, text のいずれかです。");
			else
				q->kind = (enum survey_kind)kind;
		} else if (strcmp(k, "text") == 0)
			r = json_field_str(v, f, q->text, sizeof q->text, e);
		else if (strcmp(k, "required") == 0)
			r = json_field_bool(v, f, &q->required, e);
		else if (strcmp(k, "integer") == 0)
			r = json_field_bool(v, f, &q->integer, e);
		else if (strcmp(k, "when_key") == 0)
			r = json_field_str(v, f, q->when_key, sizeof q->when_key, e);
		else if (strcmp(k, "when_value") == 0)
			r = json_field_str(v, f, q->when_value, sizeof q->when_value, e);
		else if (strcmp(k, "unit") == 0)
			r = json_field_str(v, f, q->unit, sizeof q->unit, e);
		else if (strcmp(k, "min") == 0)
			r = num(v, f, &q->min, e);
		else if (strcmp(k, "max") == 0)
			r = num(v, f, &q->max, e), have_max = true;
		else if (strcmp(k, "kind_label") == 0)
			r = ZT_OK; /* what survey_def_json prints beside kind: read back, ignored */
		else if (strcmp(k, "options") == 0) {
			if (!json_is_array(v) || json_array_size(v) > SURVEY_OPTIONS_MAX)
				r = zt_fail(e, ZT_ERR_INVALID, f, "選択肢は%d個までの配列で指定してください。", SURVEY_OPTIONS_MAX);
			for (size_t i = 0; r == ZT_OK && i < json_array_size(v); i++) {
				char p[96];
				snprintf(p, sizeof p, "%.60s.options[%zu]", path, i);
				r = opt_from_json(json_array_get(v, i), p, &q->options[q->noptions++], e);
			}
		} else
			r = json_field_unknown(f, e);
		if (r != ZT_OK)
			return r;
	}
	(void)have_max;
	if ((q->when_key[0] == '\0') != (q->when_value[0] == '\0'))
		return snprintf(f, sizeof f, "%.100s.when_value", path),
		       zt_fail(e, ZT_ERR_INVALID, f, "条件は when_key と when_value を組にして指定してください。");
	return ZT_OK;
}

enum zt_err survey_def_from_json(const json_t *questions, struct survey_def *def, struct zt_error *e)
{
	memset(def, 0, sizeof *def);
	if (!json_is_array(questions))
		return zt_fail(e, ZT_ERR_INVALID, "questions", "問は配列で指定してください。");
	if (json_array_size(questions) > SURVEY_QUESTIONS_MAX)
		return zt_fail(e, ZT_ERR_INVALID, "questions", "問は%d個までです。", SURVEY_QUESTIONS_MAX);
	for (size_t i = 0; i < json_array_size(questions); i++) {
		char p[48];
		snprintf(p, sizeof p, "questions[%zu]", i);
		enum zt_err r = q_from_json(json_array_get(questions, i), p, &def->q[def->nquestions++], e);
		if (r != ZT_OK)
			return r;
	}
	return survey_def_validate(def, e);
}

static struct survey_answer *slot(struct survey_answers *ans, const char *key, const char *field, struct zt_error *e)
{
	for (int i = 0; i < ans->n; i++)
		if (strcmp(ans->a[i].key, key) == 0)
			return &ans->a[i];
	if (ans->n >= SURVEY_QUESTIONS_MAX || strlen(key) >= SURVEY_KEY_MAX) {
		zt_fail(e, ZT_ERR_INVALID, field, strlen(key) >= SURVEY_KEY_MAX ? "問のキーが長すぎます。" : "回答の数が多すぎます。");
		return NULL;
	}
	struct survey_answer *a = &ans->a[ans->n++];
	memset(a, 0, sizeof *a);
	memcpy(a->key, key, strlen(key) + 1);
	return a;
}

enum zt_err survey_answers_from_json(const json_t *answers, const json_t *notes, struct survey_answers *ans,
				     struct zt_error *e)
{
	memset(ans, 0, sizeof *ans);
	if (answers && !json_is_object(answers))
		return zt_fail(e, ZT_ERR_INVALID, "answers", "回答は {問のキー: 値} のオブジェクトで指定してください。");
	if (notes && !json_is_null(notes) && !json_is_object(notes))
		return zt_fail(e, ZT_ERR_INVALID, "notes", "記入欄は {問のキー: 文章} のオブジェクトで指定してください。");
	const char *k;
	json_t *v;
	json_object_foreach((json_t *)answers, k, v)
	{
		if (json_is_null(v))
			continue;
		struct survey_answer *a = slot(ans, k, k[0] ? k : "answers", e);
		if (a == NULL)
			return ZT_ERR_INVALID;
		const char *field = a->key[0] ? a->key : "answers";
		if (json_is_string(v)) {
			if (json_field_str(v, field, a->value, sizeof a->value, e) != ZT_OK)
				return ZT_ERR_INVALID;
		} else if (json_is_number(v)) {
			double d = json_number_value(v);
			if (!isfinite(d))
				return zt_fail(e, ZT_ERR_INVALID, field, "数値が不正です。");
			snprintf(a->value, sizeof a->value, "%.10g", d);
		} else if (json_is_array(v)) {
			size_t len = 0;
			for (size_t i = 0; i < json_array_size(v); i++) {
				json_t *x = json_array_get(v, i);
				if (!json_is_string(x) || json_string_length(x) >= SURVEY_KEY_MAX || strchr(json_string_value(x), ','))
					return zt_fail(e, ZT_ERR_INVALID, field, "複数選択は選択肢のキーの配列で指定してください。");
				if (len + json_string_length(x) + 2 >= sizeof a->value)
					return zt_fail(e, ZT_ERR_INVALID, field, "選択肢が多すぎます。");
				len += (size_t)snprintf(a->value + len, sizeof a->value - len, "%s%s", len ? "," : "",
							json_string_value(x));
			}
		} else
			return zt_fail(e, ZT_ERR_INVALID, field, "回答は文字列・数値・配列のいずれかで指定してください。");
	}
	json_object_foreach((json_t *)notes, k, v)
	{
		if (json_is_null(v))
			continue;
		struct survey_answer *a = slot(ans, k, k[0] ? k : "notes", e);
		if (a == NULL)
			return ZT_ERR_INVALID;
		if (json_field_str(v, a->key[0] ? a->key : "notes", a->note, sizeof a->note, e) != ZT_OK)
			return ZT_ERR_INVALID;
	}
	return ZT_OK;
}

json_t *survey_def_json(const struct survey_def *def)
{
	json_t *qs = json_array();
	for (int i = 0; i < def->nquestions; i++) {
		const struct survey_question *q = &def->q[i];
		json_t *o = json_pack("{s:s, s:s, s:s, s:s, s:b}", "key", q->key, "kind", survey_kinds[q->kind].code, "kind_label",
				      survey_kinds[q->kind].ja, "text", q->text, "required", q->required);
		if (q->when_key[0]) {
			json_object_set_new(o, "when_key", json_string(q->when_key));
			json_object_set_new(o, "when_value", json_string(q->when_value));
		}
		if (q->kind == SQ_NUMBER) {
			json_object_set_new(o, "min", json_real(q->min));
			json_object_set_new(o, "max", json_real(q->max));
			json_object_set_new(o, "integer", json_boolean(q->integer));
			json_object_set_new(o, "unit", json_string(q->unit));
		}
		if (q->noptions) {
			json_t *opts = json_array();
			for (int j = 0; j < q->noptions; j++)
				json_array_append_new(opts, json_pack("{s:s, s:s, s:b}", "key", q->options[j].key, "label",
								      q->options[j].label, "with_text", q->options[j].with_text));
			json_object_set_new(o, "options", opts);
		}
		json_array_append_new(qs, o);
	}
	return qs;
}

json_t *survey_json(const struct survey *s, bool with_def)
{
	json_t *o = json_pack("{s:I, s:I, s:s, s:s, s:s, s:s, s:s, s:s?, s:s, s:s, s:s?, s:s?, s:i, s:i}", "id",
			      (json_int_t)s->id, "association_id", (json_int_t)s->association_id, "association_name",
			      s->association_name, "title", s->title, "template", s->template_name, "state",
			      survey_state_codes[s->state], "state_label", survey_state_labels[s->state], "expires_on",
			      s->expires_on[0] ? s->expires_on : NULL, "created_at", s->created_at, "updated_at",
			      s->updated_at, "sent_at", s->sent_at[0] ? s->sent_at : NULL, "closed_at",
			      s->closed_at[0] ? s->closed_at : NULL, "targets", s->targets, "responses", s->responses);
	if (with_def)
		json_object_set_new(o, "questions", survey_def_json(&s->def));
	return o;
}

json_t *survey_templates_json(void)
{
	json_t *a = json_array();
	for (int i = 0; i < SURVEY_TEMPLATE__MAX; i++) {
		struct survey_def *def = calloc(1, sizeof *def);
		if (def == NULL)
			abort();
		survey_def_from_template(&survey_templates[i], def);
		json_array_append_new(a, json_pack("{s:s, s:s, s:s, s:o}", "name", survey_templates[i].name, "title",
						   survey_templates[i].title, "source", survey_templates[i].note, "questions",
						   survey_def_json(def)));
		free(def);
	}
	return a;
}

json_t *survey_answers_json(const struct survey_def *def, const struct survey_answers *a)
{
	json_t *o = json_object();
	for (int i = 0; i < a->n; i++) {
		const struct survey_question *q = survey_question_find(def, a->a[i].key);
		if (q && q->kind == SQ_MULTIPLE) {
			json_t *arr = json_array();
			char buf[sizeof a->a[i].value];
			snprintf(buf, sizeof buf, "%s", a->a[i].value);
			for (char *p = buf; p && *p;) {
				char *c = strchr(p, ',');
				if (c)
					*c = '\0';
				json_array_append_new(arr, json_string(p));
				p = c ? c + 1 : NULL;
			}
			json_object_set_new(o, a->a[i].key, arr);
		} else if (q && q->kind == SQ_NUMBER && a->a[i].value[0])
			json_object_set_new(o, a->a[i].key, json_real(strtod(a->a[i].value, NULL)));
		else
			json_object_set_new(o, a->a[i].key, json_string(a->a[i].value));
	}
	return o;
}

json_t *survey_notes_json(const struct survey_answers *a)
{
	json_t *o = json_object();
	for (int i = 0; i < a->n; i++)
		if (a->a[i].note[0])
			json_object_set_new(o, a->a[i].key, json_string(a->a[i].note));
	return o;
}
