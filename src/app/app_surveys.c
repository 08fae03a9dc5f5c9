/* Use cases of the clinic surveys: define, send, answer by link or from paper, import, close, results (issue 18 §1; see app_surveys.h). */
#include "app/app_surveys.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/policy.h"
#include "core/clock.h"
#include "domain/holiday.h"
#include "domain/text.h"
#include "io/survey_import.h"
#include "store/store.h"
#include "store/store_audit.h"

static struct survey *survey_new(void)
{
	struct survey *s = calloc(1, sizeof *s);
	if (s == NULL)
		abort();
	return s;
}

static enum zt_err survey_policy(struct store *st, const struct auth_ctx *auth, enum policy_action act,
				 const struct survey *s, struct zt_error *e)
{
	if (auth == NULL)
		return ZT_OK;
	struct policy_object o = {.municipality = s->municipality, .association_id = s->association_id};
	return policy_check(st, auth, act, &o, e);
}

/* Loads survey id for act; a survey outside the user's scope reads as absent for reads. */
static enum zt_err load(struct store *st, const struct auth_ctx *auth, enum policy_action act, int64_t id,
			bool with_def, struct survey *s, struct zt_error *e)
{
	enum zt_err r = store_survey_get(st, id, with_def, s, e);
	if (r != ZT_OK)
		return r;
	r = survey_policy(st, auth, act, s, e);
	if (r == ZT_ERR_FORBIDDEN && survey_policy(st, auth, ACT_SURVEY_READ, s, NULL) != ZT_OK)
		return zt_fail(e, ZT_ERR_NOTFOUND, "id", "アンケートが見つかりません。");
	return r;
}

static json_t *survey_audit_json(const struct survey *s)
{
	json_t *keys = json_array();
	for (int i = 0; i < s->def.nquestions; i++)
		json_array_append_new(keys, json_string(s->def.q[i].key));
	return json_pack("{s:s, s:I, s:s, s:s, s:o}", "title", s->title, "association_id", (json_int_t)s->association_id,
			 "template", s->template_name, "state", survey_state_codes[s->state], "questions", keys);
}

static json_t *answers_audit_json(int64_t institution_id, const char *source, const struct survey_answers *a)
{
	json_t *o = json_object();
	for (int i = 0; i < a->n; i++)
		json_object_set_new(o, a->a[i].key,
				    a->a[i].note[0] ? json_pack("{s:s, s:s}", "value", a->a[i].value, "note", a->a[i].note)
						    : json_string(a->a[i].value));
	return json_pack("{s:I, s:s, s:o}", "institution_id", (json_int_t)institution_id, "source", source, "answers", o);
}

static enum zt_err title_check(const char *title, struct zt_error *e)
{
	if (title == NULL || title[0] == '\0' || !text_valid_utf8(title) || text_char_count(title) > SURVEY_TITLE_MAX_CHARS)
		return zt_fail(e, ZT_ERR_INVALID, "title", "アンケート名を%d文字以内で入力してください。", SURVEY_TITLE_MAX_CHARS);
	return ZT_OK;
}

/* ---- create / update ---- */

struct write_tx {
	struct survey *s;
	const struct survey *before;
	int64_t account;
	const struct zt_actor *who;
};

static enum zt_err create_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct write_tx *c = ctx;
	enum zt_err r = store_survey_insert(st, c->s, c->account, e);
	if (r == ZT_OK) {
		json_t *a = survey_audit_json(c->s);
		r = audit_append(st, c->who, "create", "survey", c->s->id, c->s->municipality, NULL, a, e);
		json_decref(a);
	}
	return r;
}

enum zt_err app_survey_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			      const char *template_name, int64_t association_id, const char *title, int64_t *id,
			      struct zt_error *e)
{
	*id = 0;
	const struct survey_template *t = survey_template_find(template_name);
	if (t == NULL)
		return zt_fail(e, ZT_ERR_INVALID, "template", "テンプレート「%s」はありません。", template_name ? template_name : "");
	if (association_id <= 0 && auth && auth->role == ROLE_COORDINATOR && auth->nassociations > 0)
		association_id = auth->associations[0];
	struct facility *f = calloc(1, sizeof *f);
	if (f == NULL)
		abort();
	enum zt_err r = association_id > 0 ? store_facility_get(st, association_id, f, NULL) : ZT_ERR_NOTFOUND;
	if (r == ZT_OK && f->kind != KIND_MEDICAL_ASSOCIATION)
		r = ZT_ERR_NOTFOUND;
	struct survey *s = survey_new();
	if (r == ZT_ERR_NOTFOUND)
		r = zt_fail(e, ZT_ERR_INVALID, "association_id", "郡市医師会（地区）を指定してください。");
	else if (r != ZT_OK)
		r = zt_fail(e, r, "association_id", "郡市医師会を読み込めませんでした。");
	if (r == ZT_OK) {
		s->association_id = association_id;
		snprintf(s->association_name, sizeof s->association_name, "%s", f->name);
		snprintf(s->municipality, sizeof s->municipality, "%s", f->municipality_code);
		snprintf(s->title, sizeof s->title, "%s", title && title[0] ? title : t->title);
		snprintf(s->template_name, sizeof s->template_name, "%s", t->name);
		survey_def_from_template(t, &s->def);
		r = title_check(s->title, e);
	}
	if (r == ZT_OK)
		r = survey_policy(st, auth, ACT_SURVEY_WRITE, s, e);
	if (r == ZT_OK) {
		struct write_tx c = {s, NULL, auth ? auth->user_id : 0, who};
		r = store_tx(st, create_tx, &c, e);
	}
	if (r == ZT_OK)
		*id = s->id;
	free(f);
	free(s);
	return r;
}

static enum zt_err update_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct write_tx *c = ctx;
	enum zt_err r = store_survey_update(st, c->s, e);
	if (r == ZT_OK) {
		json_t *b = survey_audit_json(c->before), *a = survey_audit_json(c->s);
		r = audit_append(st, c->who, "update", "survey", c->s->id, c->s->municipality, b, a, e);
		json_decref(b);
		json_decref(a);
	}
	return r;
}

enum zt_err app_survey_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			      const char *title, const struct survey_def *def, struct zt_error *e)
{
	struct survey *before = survey_new(), *s = survey_new();
	enum zt_err r = load(st, auth, ACT_SURVEY_WRITE, id, true, before, e);
	if (r == ZT_OK && before->state != SURVEY_DRAFT)
		r = zt_fail(e, ZT_ERR_CONFLICT, "state", "送付済みのアンケートの問は変更できません。");
	if (r == ZT_OK) {
		*s = *before;
		if (title)
			snprintf(s->title, sizeof s->title, "%s", title);
		if (def)
			s->def = *def;
		r = title_check(s->title, e);
	}
	if (r == ZT_OK)
		r = survey_def_validate(&s->def, e);
	if (r == ZT_OK) {
		struct write_tx c = {s, before, 0, who};
		r = store_tx(st, update_tx, &c, e);
	}
	free(before);
	free(s);
	return r;
}

enum zt_err app_survey_get(struct store *st, const struct auth_ctx *auth, int64_t id, struct survey **out,
			   struct zt_error *e)
{
	*out = survey_new();
	enum zt_err r = load(st, auth, ACT_SURVEY_READ, id, true, *out, e);
	if (r == ZT_ERR_FORBIDDEN)
		r = zt_fail(e, ZT_ERR_NOTFOUND, "id", "アンケートが見つかりません。");
	if (r != ZT_OK) {
		free(*out);
		*out = NULL;
	}
	return r;
}

enum zt_err app_survey_list(struct store *st, const struct auth_ctx *auth, struct survey **out, size_t *n,
			    struct zt_error *e)
{
	enum zt_err r = store_survey_list(st, out, n, e);
	if (r != ZT_OK || auth == NULL)
		return r;
	size_t w = 0;
	for (size_t i = 0; i < *n; i++)
		if (survey_policy(st, auth, ACT_SURVEY_READ, &(*out)[i], NULL) == ZT_OK)
			(*out)[w++] = (*out)[i];
	*n = w;
	return ZT_OK;
}

/* ---- send / close ---- */

static bool clinic_in(const struct survey_clinic *c, size_t n, int64_t id, size_t *at)
{
	for (size_t i = 0; i < n; i++)
		if (c[i].id == id)
			return *at = i, true;
	return false;
}

struct send_tx {
	const struct survey *s;
	struct survey_link_out *links;
	size_t n;
	const char *expires_on;
	const struct zt_actor *who;
};

static enum zt_err send_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct send_tx *c = ctx;
	enum zt_err r = ZT_OK;
	json_t *ids = json_array();
	for (size_t i = 0; r == ZT_OK && i < c->n; i++) {
		char hash[SECRET_HASH_HEX];
		secret_token_new(c->links[i].token);
		secret_token_hash(c->links[i].token, hash);
		r = store_survey_target_put(st, c->s->id, c->links[i].institution_id, hash, c->expires_on, e);
		json_array_append_new(ids, json_integer(c->links[i].institution_id));
	}
	if (r == ZT_OK)
		r = store_survey_set_state(st, c->s->id, SURVEY_OPEN, c->expires_on, e);
	if (r == ZT_OK) {
		json_t *a = json_pack("{s:s, s:s, s:O}", "state", "open", "expires_on", c->expires_on, "institutions", ids);
		r = audit_append(st, c->who, "send", "survey", c->s->id, c->s->municipality, NULL, a, e);
		json_decref(a);
	}
	json_decref(ids);
	return r;
}

enum zt_err app_survey_send(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			    const char *expires_on, const int64_t *institutions, size_t n,
			    struct survey_link_out **links, size_t *nlinks, struct zt_error *e)
{
	*links = NULL;
	*nlinks = 0;
	struct survey *s = survey_new();
	struct survey_clinic *cl = NULL;
	size_t ncl = 0;
	char today[11], until[11];
	zt_today_jst(today);
	enum zt_err r = load(st, auth, ACT_SURVEY_WRITE, id, false, s, e);
	if (r == ZT_OK && s->state == SURVEY_CLOSED)
		r = zt_fail(e, ZT_ERR_CONFLICT, "state", "締め切ったアンケートは送付できません。");
	int y, m, d;
	if (r == ZT_OK && (expires_on == NULL || expires_on[0] == '\0')) {
		cal_parse(today, &y, &m, &d);
		cal_from_days(cal_days(y, m, d) + SURVEY_LINK_DAYS_DEFAULT, &y, &m, &d);
		cal_format(y, m, d, until);
	} else if (r == ZT_OK) {
		if (strlen(expires_on) != 10 || !cal_parse(expires_on, &y, &m, &d) || !cal_valid(y, m, d))
			r = zt_fail(e, ZT_ERR_INVALID, "expires_on", "回答期限は YYYY-MM-DD の日付で入力してください。");
		else if (strcmp(expires_on, today) < 0)
			r = zt_fail(e, ZT_ERR_INVALID, "expires_on", "回答期限（%s）が過去の日付です。", expires_on);
		else
			snprintf(until, sizeof until, "%s", expires_on);
	}
	if (r == ZT_OK)
		r = store_survey_district_clinics(st, s->association_id, &cl, &ncl, e);
	struct survey_link_out *out = NULL;
	size_t nout = n ? n : ncl;
	if (r == ZT_OK && nout == 0)
		r = zt_fail(e, ZT_ERR_INVALID, "institutions", "送付先の診療所が地区にありません。");
	if (r == ZT_OK) {
		out = calloc(nout, sizeof *out);
		if (out == NULL)
			abort();
		for (size_t i = 0; r == ZT_OK && i < nout; i++) {
			size_t at = i;
			if (n && !clinic_in(cl, ncl, institutions[i], &at))
				r = zt_fail(e, ZT_ERR_INVALID, "institutions", "医療機関（ID %lld）はこの地区の診療所ではありません。",
					    (long long)institutions[i]);
			for (size_t j = 0; r == ZT_OK && j < i; j++)
				if (out[j].institution_id == cl[at].id)
					r = zt_fail(e, ZT_ERR_INVALID, "institutions", "送付先が重なっています（ID %lld）。",
						    (long long)cl[at].id);
			if (r == ZT_OK) {
				out[i].institution_id = cl[at].id;
				snprintf(out[i].name, sizeof out[i].name, "%s", cl[at].name);
			}
		}
	}
	if (r == ZT_OK) {
		struct send_tx c = {s, out, nout, until, who};
		r = store_tx(st, send_tx, &c, e);
	}
	if (r == ZT_OK) {
		*links = out;
		*nlinks = nout;
	} else
		free(out);
	free(cl);
	free(s);
	return r;
}

struct close_tx {
	const struct survey *s;
	const struct zt_actor *who;
};

static enum zt_err close_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct close_tx *c = ctx;
	enum zt_err r = store_survey_set_state(st, c->s->id, SURVEY_CLOSED, NULL, e);
	if (r == ZT_OK) {
		json_t *b = json_pack("{s:s}", "state", survey_state_codes[c->s->state]);
		json_t *a = json_pack("{s:s, s:i, s:i}", "state", "closed", "targets", c->s->targets, "responses",
				      c->s->responses);
		r = audit_append(st, c->who, "close", "survey", c->s->id, c->s->municipality, b, a, e);
		json_decref(b);
		json_decref(a);
	}
	return r;
}

enum zt_err app_survey_close(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			     struct zt_error *e)
{
	struct survey *s = survey_new();
	enum zt_err r = load(st, auth, ACT_SURVEY_WRITE, id, false, s, e);
	if (r == ZT_OK && s->state != SURVEY_OPEN)
		r = zt_fail(e, ZT_ERR_CONFLICT, "state", "回答受付中のアンケートだけを締め切れます。");
	if (r == ZT_OK) {
		struct close_tx c = {s, who};
		r = store_tx(st, close_tx, &c, e);
	}
	free(s);
	return r;
}

/* ---- personal links ---- */

static bool token_shape(const char *t)
{
	if (t == NULL || strlen(t) != SECRET_TOKEN_HEX - 1)
		return false;
	for (const char *p = t; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'a' && *p <= 'f')))
			return false;
	return true;
}

/* Resolves a token into the open survey (with questions) and the clinic; one answer for every miss. */
static enum zt_err link_resolve(struct store *st, const char *token, struct survey_link_view *v, struct zt_error *e)
{
	memset(v, 0, sizeof *v);
	bool ok = token_shape(token);
	char hash[SECRET_HASH_HEX] = "", stored[65] = "", today[11];
	int64_t sid = 0;
	zt_today_jst(today);
	if (ok) {
		/* Looked up by the token's hash (guesses never meet the stored value byte by byte); compared
		 * in constant time all the same, as app_feeds.c does. */
		secret_token_hash(token, hash);
		ok = store_survey_target_find(st, hash, &sid, &v->institution_id, v->expires_on, stored) == ZT_OK &&
		     secret_equal(stored, hash) && strcmp(v->expires_on, today) >= 0;
	}
	ok = ok && store_survey_get(st, sid, true, &v->survey, NULL) == ZT_OK && v->survey.state == SURVEY_OPEN;
	if (!ok)
		return zt_fail(e, ZT_ERR_NOTFOUND, "token", "このリンクは無効か、回答期限を過ぎています。");
	struct facility *f = calloc(1, sizeof *f);
	if (f == NULL)
		abort();
	if (store_facility_get(st, v->institution_id, f, NULL) == ZT_OK)
		snprintf(v->clinic_name, sizeof v->clinic_name, "%s", f->name);
	free(f);
	return ZT_OK;
}

enum zt_err app_survey_link_view(struct store *st, const char *token, struct survey_link_view **out,
				 struct zt_error *e)
{
	*out = calloc(1, sizeof **out);
	if (*out == NULL)
		abort();
	enum zt_err r = link_resolve(st, token, *out, e);
	if (r == ZT_OK) {
		struct survey_response *resp = calloc(1, sizeof *resp);
		if (resp == NULL)
			abort();
		enum zt_err g = store_survey_response_get(st, (*out)->survey.id, (*out)->institution_id, resp, NULL);
		if (g == ZT_OK) {
			(*out)->answers = resp->answers;
			snprintf((*out)->answered_at, sizeof (*out)->answered_at, "%s", resp->answered_at);
		} else if (g != ZT_ERR_NOTFOUND)
			r = zt_fail(e, g, "", "回答を読み込めませんでした。");
		free(resp);
	}
	if (r != ZT_OK) {
		free(*out);
		*out = NULL;
	}
	return r;
}

struct answer_tx {
	const struct survey *s;
	int64_t institution_id;
	const char *source;
	const struct survey_answers *ans;
	const struct zt_actor *who;
};

static enum zt_err answer_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct answer_tx *c = ctx;
	struct survey_response *before = calloc(1, sizeof *before);
	if (before == NULL)
		abort();
	enum zt_err g = store_survey_response_get(st, c->s->id, c->institution_id, before, NULL);
	enum zt_err r = store_survey_response_put(st, c->s->id, c->institution_id, c->source, c->ans, e);
	if (r == ZT_OK) {
		json_t *b = g == ZT_OK ? answers_audit_json(c->institution_id, before->source, &before->answers) : NULL;
		json_t *a = answers_audit_json(c->institution_id, c->source, c->ans);
		r = audit_append(st, c->who, g == ZT_OK ? "update" : "create", "survey_response", c->s->id,
				 c->s->municipality, b, a, e);
		json_decref(b);
		json_decref(a);
	}
	free(before);
	return r;
}

enum zt_err app_survey_link_answer(struct store *st, const char *token, const char *remote,
				   struct survey_answers *ans, struct zt_error *e)
{
	struct survey_link_view *v = calloc(1, sizeof *v);
	if (v == NULL)
		abort();
	enum zt_err r = link_resolve(st, token, v, e);
	if (r == ZT_OK)
		r = survey_answers_check(&v->survey.def, ans, e);
	if (r == ZT_OK) {
		/* The actor is the link: no account, the clinic named in the audit row's after. */
		struct zt_actor who = {0, "survey-link", "clinic", remote && remote[0] ? remote : "unknown"};
		struct answer_tx c = {&v->survey, v->institution_id, "link", ans, &who};
		r = store_tx(st, answer_tx, &c, e);
	}
	free(v);
	return r;
}

/* True when institution_id may answer survey s: one of its targets or a clinic of its district. */
static enum zt_err answerer_check(struct store *st, const struct survey *s, int64_t institution_id, struct zt_error *e)
{
	int64_t *t = NULL;
	size_t nt = 0, at = 0;
	struct survey_clinic *cl = NULL;
	size_t ncl = 0;
	enum zt_err r = store_survey_targets(st, s->id, &t, &nt, e);
	bool ok = false;
	for (size_t i = 0; r == ZT_OK && i < nt && !ok; i++)
		ok = t[i] == institution_id;
	if (r == ZT_OK && !ok)
		r = store_survey_district_clinics(st, s->association_id, &cl, &ncl, e);
	if (r == ZT_OK && !ok)
		ok = clinic_in(cl, ncl, institution_id, &at);
	if (r == ZT_OK && !ok)
		r = zt_fail(e, ZT_ERR_INVALID, "institution_id", "医療機関（ID %lld）はこのアンケートの対象ではありません。",
			    (long long)institution_id);
	free(t);
	free(cl);
	return r;
}

enum zt_err app_survey_answer_paper(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				    int64_t id, int64_t institution_id, struct survey_answers *ans, struct zt_error *e)
{
	struct survey *s = survey_new();
	enum zt_err r = load(st, auth, ACT_SURVEY_WRITE, id, true, s, e);
	if (r == ZT_OK && s->state != SURVEY_OPEN)
		r = zt_fail(e, ZT_ERR_CONFLICT, "state", "回答受付中のアンケートにだけ回答を入力できます。");
	if (r == ZT_OK)
		r = answerer_check(st, s, institution_id, e);
	if (r == ZT_OK)
		r = survey_answers_check(&s->def, ans, e);
	if (r == ZT_OK) {
		struct answer_tx c = {s, institution_id, "paper", ans, who};
		r = store_tx(st, answer_tx, &c, e);
	}
	free(s);
	return r;
}

/* ---- import ---- */

struct import_ctx {
	const struct survey *s;
	const char *data;
	size_t len;
	bool xlsx;
	const struct zt_actor *who;
	int count;
	int64_t *seen;
	size_t nseen, capseen;
	struct store *st;
};

static enum zt_err import_row(long line, const char *ident, struct survey_answers *ans, void *ctx, struct zt_error *e)
{
	struct import_ctx *c = ctx;
	int64_t inst = 0;
	if (text_is_digits(ident, 10))
		inst = store_survey_institution_by_code(c->st, ident);
	else if (text_is_digits(ident, 0) && strlen(ident) < 12)
		inst = strtoll(ident, NULL, 10);
	if (inst <= 0) {
		zt_fail(e, ZT_ERR_INVALID, "医療機関コード", "%ld行目: 医療機関「%s」が見つかりません。", line, ident);
		return e->line = line, ZT_ERR_INVALID;
	}
	for (size_t i = 0; i < c->nseen; i++)
		if (c->seen[i] == inst) {
			zt_fail(e, ZT_ERR_INVALID, "医療機関コード", "%ld行目: 医療機関「%s」の行が重なっています。", line, ident);
			return e->line = line, ZT_ERR_INVALID;
		}
	if (c->nseen == c->capseen) {
		c->capseen = c->capseen ? c->capseen * 2 : 32;
		c->seen = realloc(c->seen, c->capseen * sizeof *c->seen);
		if (c->seen == NULL)
			abort();
	}
	c->seen[c->nseen++] = inst;
	enum zt_err r = answerer_check(c->st, c->s, inst, e);
	if (r == ZT_OK)
		r = survey_answers_check(&c->s->def, ans, e);
	if (r != ZT_OK) {
		char msg[sizeof e->message];
		snprintf(msg, sizeof msg, "%s", e->message);
		int cut = (int)strnlen(msg, 480);
		while (cut > 0 && (msg[cut] & 0xC0) == 0x80)
			cut--;
		snprintf(e->message, sizeof e->message, "%ld行目: %.*s", line, cut, msg);
		e->line = line;
		return r;
	}
	struct answer_tx t = {c->s, inst, "import", ans, c->who};
	r = answer_tx(c->st, &t, e);
	if (r == ZT_OK)
		c->count++;
	return r;
}

static enum zt_err import_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct import_ctx *c = ctx;
	c->st = st;
	c->count = 0;
	c->nseen = 0;
	enum zt_err r = survey_import_read(c->data, c->len, c->xlsx, &c->s->def, import_row, c, e);
	if (r == ZT_OK) {
		json_t *a = json_pack("{s:i, s:s}", "responses", c->count, "format", c->xlsx ? "xlsx" : "csv");
		r = audit_append(st, c->who, "import", "survey", c->s->id, c->s->municipality, NULL, a, e);
		json_decref(a);
	}
	return r;
}

enum zt_err app_survey_import(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			      const char *data, size_t len, bool xlsx, int *count, struct zt_error *e)
{
	*count = 0;
	struct survey *s = survey_new();
	enum zt_err r = load(st, auth, ACT_SURVEY_WRITE, id, true, s, e);
	if (r == ZT_OK && s->state != SURVEY_OPEN)
		r = zt_fail(e, ZT_ERR_CONFLICT, "state", "回答受付中のアンケートにだけ回答を取り込めます。");
	struct import_ctx c = {.s = s, .data = data, .len = len, .xlsx = xlsx, .who = who};
	if (r == ZT_OK)
		r = store_tx(st, import_tx, &c, e);
	if (r == ZT_OK)
		*count = c.count;
	free(c.seen);
	free(s);
	return r;
}

/* ---- results ---- */

enum zt_err app_survey_clinics(struct store *st, const struct auth_ctx *auth, int64_t id,
			       struct survey_clinic_status **out, size_t *n, struct zt_error *e)
{
	*out = NULL;
	*n = 0;
	struct survey *s = survey_new();
	enum zt_err r = load(st, auth, ACT_SURVEY_READ, id, false, s, e);
	if (r == ZT_ERR_FORBIDDEN)
		r = zt_fail(e, ZT_ERR_NOTFOUND, "id", "アンケートが見つかりません。");
	if (r == ZT_OK)
		r = store_survey_status(st, id, s->association_id, out, n, e);
	free(s);
	return r;
}

enum zt_err app_survey_response(struct store *st, const struct auth_ctx *auth, int64_t id, int64_t institution_id,
				struct survey_response *out, struct zt_error *e)
{
	struct survey *s = survey_new();
	enum zt_err r = load(st, auth, ACT_SURVEY_READ, id, false, s, e);
	if (r == ZT_ERR_FORBIDDEN)
		r = zt_fail(e, ZT_ERR_NOTFOUND, "id", "アンケートが見つかりません。");
	if (r == ZT_OK)
		r = store_survey_response_get(st, id, institution_id, out, e);
	free(s);
	return r;
}

void survey_results_free(struct survey_results *r)
{
	if (r == NULL)
		return;
	free(r->rows);
	free(r->targets);
	free(r->clinics);
	free(r);
}

enum zt_err app_survey_results(struct store *st, const struct auth_ctx *auth, int64_t id, struct survey_results **out,
			       struct zt_error *e)
{
	struct survey_results *res = calloc(1, sizeof *res);
	if (res == NULL)
		abort();
	*out = NULL;
	enum zt_err r = load(st, auth, ACT_SURVEY_READ, id, true, &res->survey, e);
	if (r == ZT_ERR_FORBIDDEN)
		r = zt_fail(e, ZT_ERR_NOTFOUND, "id", "アンケートが見つかりません。");
	if (r == ZT_OK)
		r = store_survey_responses(st, id, &res->rows, &res->nrows, e);
	if (r == ZT_OK)
		r = store_survey_targets(st, id, &res->targets, &res->ntargets, e);
	if (r == ZT_OK && res->nrows) {
		res->clinics = calloc(res->nrows, sizeof *res->clinics);
		if (res->clinics == NULL)
			abort();
		res->nclinics = res->nrows;
		for (size_t i = 0; i < res->nrows; i++) {
			struct barrier_clinic *c = &res->clinics[i];
			const struct survey_response *row = &res->rows[i];
			c->institution_id = row->institution_id;
			snprintf(c->name, sizeof c->name, "%s", row->name);
			c->std = survey_std_of(row->standards);
			c->will = survey_will_of(&row->answers);
			c->barriers = survey_barriers_of(&row->answers);
			const struct survey_answer *w = survey_answer_find(&row->answers, SURVEY_KEY_WILLINGNESS);
			const struct survey_answer *b = survey_answer_find(&row->answers, SURVEY_KEY_BARRIERS);
			if (w)
				snprintf(c->condition, sizeof c->condition, "%s", w->note);
			if (b)
				snprintf(c->other, sizeof c->other, "%s", b->note);
		}
	}
	if (r == ZT_OK)
		survey_barrier_analyse(res->clinics, res->nclinics, &res->analysis);
	if (r != ZT_OK) {
		survey_results_free(res);
		return r;
	}
	*out = res;
	return ZT_OK;
}

enum zt_err app_survey_latest_answer(struct store *st, int64_t institution_id, const char *key,
				     struct survey_latest *out, struct zt_error *e)
{
	memset(out, 0, sizeof *out);
	return store_survey_latest_answer(st, institution_id, key ? key : "", &out->survey_id, out->value,
					  sizeof out->value, out->note, sizeof out->note, out->answered_at, e);
}
