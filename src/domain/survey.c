/*
 * Survey rules (seed 002 STEP1 地域の現状把握, issue 18 §1): validation of questions and answers naming
 * the question, and the barrier analysis 阻害要因の把握 (see survey.h). Pure: libc only.
 */
#include "domain/survey.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/codes.h"
#include "domain/text.h"

const struct survey_kind_entry survey_kinds[SQ__MAX] = {
	[SQ_SINGLE] = {"single", "単一選択"},
	[SQ_MULTIPLE] = {"multiple", "複数選択"},
	[SQ_NUMBER] = {"number", "数値"},
	[SQ_TEXT] = {"text", "自由記述"},
};

int survey_kind_lookup(const char *code)
{
	for (int i = 0; code && i < SQ__MAX; i++)
		if (strcmp(survey_kinds[i].code, code) == 0)
			return i;
	return -1;
}

const char *const survey_state_codes[SURVEY_STATE__MAX] = {"draft", "open", "closed"};
const char *const survey_state_labels[SURVEY_STATE__MAX] = {"下書き", "回答受付中", "締切"};

const char *const survey_barrier_keys[SURVEY_BARRIERS] = {"b1", "b2", "b3", "b4", "b5", "b6"};
const char *const survey_barrier_labels[SURVEY_BARRIERS] = {
	"①技術面（緩和ケア・特殊な措置）", "②緊急時・夜間・休日の対応が困難", "③患者・家族との対応",
	"④訪問看護師・ケアマネ等との連携", "⑤複雑な診療報酬体系",         "⑥その他",
};
const char *const survey_will_labels[WILL__MAX] = {
	[WILL_DOING] = "訪問診療を行っている",
	[WILL_CONDITIONAL] = "条件が整えば行ってもよい",
	[WILL_NONE] = "行う予定はまったくない",
	[WILL_UNKNOWN] = "無回答",
};
const char *const survey_std_labels[SSTD__MAX] = {
	[SSTD_ENHANCED] = "機能強化型在支診",
	[SSTD_CONVENTIONAL] = "従来型在支診",
	[SSTD_NONE] = "在支診の届出なし",
};

/* ---- helpers ---- */

static bool key_ok(const char *k)
{
	size_t n = strlen(k);
	if (n == 0 || n >= SURVEY_KEY_MAX || !(k[0] >= 'a' && k[0] <= 'z'))
		return false;
	for (const char *p = k; *p; p++)
		if (!((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '_'))
			return false;
	return true;
}

/* The first max characters of UTF-8 s, with … when cut. */
static void shorten(const char *s, size_t max, char *out, size_t outsz)
{
	size_t chars = 0, i = 0;
	while (s[i] && chars < max) {
		i++;
		while ((s[i] & 0xC0) == 0x80)
			i++;
		chars++;
	}
	snprintf(out, outsz, "%.*s%s", (int)i, s, s[i] ? "…" : "");
}

/* 「問N（wording…）」: how messages name question index i of def. */
static void qname(const struct survey_def *def, int i, char *out, size_t outsz)
{
	char s[200];
	shorten(def->q[i].text, 24, s, sizeof s);
	snprintf(out, outsz, "問%d（%s）", i + 1, s);
}

static bool text_ok(const char *s, size_t max_chars)
{
	return text_valid_utf8(s) && text_char_count(s) <= max_chars;
}

const struct survey_question *survey_question_find(const struct survey_def *def, const char *key)
{
	for (int i = 0; key && i < def->nquestions; i++)
		if (strcmp(def->q[i].key, key) == 0)
			return &def->q[i];
	return NULL;
}

const struct survey_option *survey_option_find(const struct survey_question *q, const char *key)
{
	for (int i = 0; key && i < q->noptions; i++)
		if (strcmp(q->options[i].key, key) == 0)
			return &q->options[i];
	return NULL;
}

static int question_index(const struct survey_def *def, const char *key)
{
	for (int i = 0; i < def->nquestions; i++)
		if (strcmp(def->q[i].key, key) == 0)
			return i;
	return -1;
}

bool survey_value_has(const char *value, const char *key)
{
	size_t kl = strlen(key);
	for (const char *p = value; p && *p;) {
		const char *c = strchr(p, ',');
		size_t l = c ? (size_t)(c - p) : strlen(p);
		if (l == kl && strncmp(p, key, kl) == 0)
			return true;
		p = c ? c + 1 : NULL;
	}
	return false;
}

/* ---- the questions ---- */

enum zt_err survey_def_validate(const struct survey_def *def, struct zt_error *e)
{
	if (def->nquestions < 1 || def->nquestions > SURVEY_QUESTIONS_MAX)
		return zt_fail(e, ZT_ERR_INVALID, "questions", "問は1〜%d個にしてください。", SURVEY_QUESTIONS_MAX);
	for (int i = 0; i < def->nquestions; i++) {
		const struct survey_question *q = &def->q[i];
		char f[64];
		if (!key_ok(q->key))
			return snprintf(f, sizeof f, "questions[%d].key", i),
			       zt_fail(e, ZT_ERR_INVALID, f, "問%dのキーは英小文字で始まる英小文字・数字・_（%d文字まで）にしてください。", i + 1,
				       SURVEY_KEY_MAX - 1);
		if (question_index(def, q->key) != i)
			return snprintf(f, sizeof f, "questions[%d].key", i),
			       zt_fail(e, ZT_ERR_INVALID, f, "問%dのキー「%s」は他の問と重なっています。", i + 1, q->key);
		if ((int)q->kind < 0 || q->kind >= SQ__MAX)
			return snprintf(f, sizeof f, "questions[%d].kind", i),
			       zt_fail(e, ZT_ERR_INVALID, f, "問%dの種類は単一選択・複数選択・数値・自由記述のいずれかです。", i + 1);
		if (q->text[0] == '\0' || !text_ok(q->text, SURVEY_TEXT_MAX_CHARS))
			return snprintf(f, sizeof f, "questions[%d].text", i),
			       zt_fail(e, ZT_ERR_INVALID, f, "問%dの設問文を%d文字以内で入力してください。", i + 1, SURVEY_TEXT_MAX_CHARS);
		if (!text_ok(q->unit, 16))
			return snprintf(f, sizeof f, "questions[%d].unit", i),
			       zt_fail(e, ZT_ERR_INVALID, f, "問%dの単位は16文字以内です。", i + 1);
		bool choice = q->kind == SQ_SINGLE || q->kind == SQ_MULTIPLE;
		if (choice && (q->noptions < 2 || q->noptions > SURVEY_OPTIONS_MAX))
			return snprintf(f, sizeof f, "questions[%d].options", i),
			       zt_fail(e, ZT_ERR_INVALID, f, "問%dの選択肢は2〜%d個にしてください。", i + 1, SURVEY_OPTIONS_MAX);
		if (!choice && q->noptions != 0)
			return snprintf(f, sizeof f, "questions[%d].options", i),
			       zt_fail(e, ZT_ERR_INVALID, f, "問%dは%sです。選択肢は付けられません。", i + 1, survey_kinds[q->kind].ja);
		for (int j = 0; j < q->noptions; j++) {
			const struct survey_option *o = &q->options[j];
			snprintf(f, sizeof f, "questions[%d].options[%d]", i, j);
			if (!key_ok(o->key) || survey_option_find(q, o->key) != o)
				return zt_fail(e, ZT_ERR_INVALID, f, "問%dの選択肢%dのキーが不正か、重なっています。", i + 1, j + 1);
			if (o->label[0] == '\0' || !text_ok(o->label, SURVEY_LABEL_MAX_CHARS))
				return zt_fail(e, ZT_ERR_INVALID, f, "問%dの選択肢%dの文言を%d文字以内で入力してください。", i + 1, j + 1,
					       SURVEY_LABEL_MAX_CHARS);
		}
		if (q->kind == SQ_NUMBER && !(isfinite(q->min) && isfinite(q->max) && q->min <= q->max))
			return snprintf(f, sizeof f, "questions[%d].max", i),
			       zt_fail(e, ZT_ERR_INVALID, f, "問%dの最小値と最大値を正しく指定してください。", i + 1);
		if (q->when_key[0]) {
			int w = question_index(def, q->when_key);
			snprintf(f, sizeof f, "questions[%d].when_key", i);
			if (w < 0 || w >= i || def->q[w].kind != SQ_SINGLE)
				return zt_fail(e, ZT_ERR_INVALID, f, "問%dの条件は、それより前の単一選択の問を指定してください。", i + 1);
			if (survey_option_find(&def->q[w], q->when_value) == NULL)
				return zt_fail(e, ZT_ERR_INVALID, f, "問%dの条件の選択肢「%s」は問%dにありません。", i + 1, q->when_value,
					       w + 1);
		}
	}
	return ZT_OK;
}

/* ---- the answers ---- */

const struct survey_answer *survey_answer_find(const struct survey_answers *ans, const char *key)
{
	for (int i = 0; key && i < ans->n; i++)
		if (strcmp(ans->a[i].key, key) == 0)
			return &ans->a[i];
	return NULL;
}

static void trim(char *s)
{
	char tmp[SURVEY_VALUE_MAX_CHARS * 4 + 1];
	text_normalize_width(s, tmp, sizeof tmp);
	snprintf(s, SURVEY_VALUE_MAX_CHARS * 4 + 1, "%s", tmp);
}

static void remove_at(struct survey_answers *ans, int i)
{
	memmove(&ans->a[i], &ans->a[i + 1], (size_t)(ans->n - i - 1) * sizeof ans->a[0]);
	ans->n--;
}

/* Checks and normalises one answer a to question qi of def. */
static enum zt_err check_one(const struct survey_def *def, int qi, struct survey_answer *a, struct zt_error *e)
{
	const struct survey_question *q = &def->q[qi];
	char qn[300];
	qname(def, qi, qn, sizeof qn);
	bool note_ok = false;
	switch (q->kind) {
	case SQ_SINGLE: {
		trim(a->value);
		const struct survey_option *o = survey_option_find(q, a->value);
		if (o == NULL)
			return zt_fail(e, ZT_ERR_INVALID, q->key, "%s: 選択肢「%s」はありません。", qn, a->value);
		note_ok = o->with_text;
		break;
	}
	case SQ_MULTIPLE: {
		trim(a->value);
		bool chosen[SURVEY_OPTIONS_MAX] = {false};
		for (char *p = a->value; p && *p;) {
			char *c = strchr(p, ',');
			if (c)
				*c = '\0';
			char k[SURVEY_KEY_MAX + 8];
			text_normalize_width(p, k, sizeof k);
			if (k[0]) {
				const struct survey_option *o = strlen(p) < SURVEY_KEY_MAX + 8 ? survey_option_find(q, k) : NULL;
				if (o == NULL)
					return zt_fail(e, ZT_ERR_INVALID, q->key, "%s: 選択肢「%s」はありません。", qn, k);
				chosen[o - q->options] = true;
			}
			p = c ? c + 1 : NULL;
		}
		size_t len = 0;
		a->value[0] = '\0';
		for (int j = 0; j < q->noptions; j++) {
			if (!chosen[j])
				continue;
			len += (size_t)snprintf(a->value + len, sizeof a->value - len, "%s%s", len ? "," : "", q->options[j].key);
			note_ok = note_ok || q->options[j].with_text;
		}
		break;
	}
	case SQ_NUMBER: {
		trim(a->value);
		if (a->value[0] == '\0')
			break;
		char *end = NULL;
		double v = strtod(a->value, &end);
		if (end == a->value || *end != '\0' || !isfinite(v))
			return zt_fail(e, ZT_ERR_INVALID, q->key, "%s: 「%s」は数値ではありません。", qn, a->value);
		if (v < q->min || v > q->max)
			return zt_fail(e, ZT_ERR_INVALID, q->key, "%s: %gから%gまでの数値を入力してください。", qn, q->min, q->max);
		if (q->integer && v != floor(v))
			return zt_fail(e, ZT_ERR_INVALID, q->key, "%s: 整数で入力してください。", qn);
		snprintf(a->value, sizeof a->value, "%.10g", v);
		break;
	}
	case SQ_TEXT:
	default:
		if (!text_ok(a->value, SURVEY_VALUE_MAX_CHARS))
			return zt_fail(e, ZT_ERR_INVALID, q->key, "%s: %d文字以内の文章で入力してください。", qn, SURVEY_VALUE_MAX_CHARS);
		break;
	}
	if (!text_ok(a->note, SURVEY_NOTE_MAX_CHARS))
		return zt_fail(e, ZT_ERR_INVALID, q->key, "%s: 記入欄は%d文字以内の文章で入力してください。", qn, SURVEY_NOTE_MAX_CHARS);
	if (a->note[0] && !note_ok)
		return zt_fail(e, ZT_ERR_INVALID, q->key, "%s: 記入欄（【】）のない選択肢です。", qn);
	return ZT_OK;
}

/* True when question q's condition is met by ans (or it has none). */
static bool asked(const struct survey_question *q, const struct survey_answers *ans)
{
	if (q->when_key[0] == '\0')
		return true;
	const struct survey_answer *w = survey_answer_find(ans, q->when_key);
	return w && strcmp(w->value, q->when_value) == 0;
}

enum zt_err survey_answers_check(const struct survey_def *def, struct survey_answers *ans, struct zt_error *e)
{
	if (ans->n < 0 || ans->n > SURVEY_QUESTIONS_MAX)
		return zt_fail(e, ZT_ERR_INVALID, "answers", "回答の数が多すぎます。");
	for (int i = 0; i < ans->n; i++) {
		struct survey_answer *a = &ans->a[i];
		int qi = question_index(def, a->key);
		if (qi < 0)
			return zt_fail(e, ZT_ERR_INVALID, "answers", "「%s」という問はこのアンケートにありません。", a->key);
		for (int j = 0; j < i; j++)
			if (strcmp(ans->a[j].key, a->key) == 0)
				return zt_fail(e, ZT_ERR_INVALID, a->key, "問%dへの回答が重なっています。", qi + 1);
		enum zt_err r = check_one(def, qi, a, e);
		if (r != ZT_OK)
			return r;
	}
	for (int i = ans->n - 1; i >= 0; i--)
		if (ans->a[i].value[0] == '\0' && ans->a[i].note[0] == '\0')
			remove_at(ans, i);
	/* Conditions: in question order, so that a chain of conditions drops all that follows. */
	for (int qi = 0; qi < def->nquestions; qi++) {
		const struct survey_question *q = &def->q[qi];
		bool on = asked(q, ans);
		for (int i = ans->n - 1; !on && i >= 0; i--)
			if (strcmp(ans->a[i].key, q->key) == 0)
				remove_at(ans, i);
		if (on && q->required && survey_answer_find(ans, q->key) == NULL) {
			char qn[300];
			qname(def, qi, qn, sizeof qn);
			return zt_fail(e, ZT_ERR_INVALID, q->key, "%sに回答してください。", qn);
		}
		const struct survey_answer *a = survey_answer_find(ans, q->key);
		if (a && a->value[0] == '\0' && q->kind != SQ_TEXT) {
			char qn[300];
			qname(def, qi, qn, sizeof qn);
			return zt_fail(e, ZT_ERR_INVALID, q->key, "%s: 記入欄だけでなく選択肢も選んでください。", qn);
		}
	}
	return ZT_OK;
}

/* ---- the barrier analysis ---- */

enum survey_std survey_std_of(uint32_t bits)
{
	if (bits & ((1u << STD_ZAISHIN_ENHANCED_SOLO) | (1u << STD_ZAISHIN_ENHANCED_LINKED)))
		return SSTD_ENHANCED;
	if (bits & (1u << STD_ZAISHIN_CONVENTIONAL))
		return SSTD_CONVENTIONAL;
	return SSTD_NONE;
}

enum survey_will survey_will_of(const struct survey_answers *ans)
{
	const struct survey_answer *v = survey_answer_find(ans, SURVEY_KEY_HOME_VISIT);
	if (v && strcmp(v->value, "yes") == 0)
		return WILL_DOING;
	const struct survey_answer *w = survey_answer_find(ans, SURVEY_KEY_WILLINGNESS);
	if (w && strcmp(w->value, "conditional") == 0)
		return WILL_CONDITIONAL;
	if (w && strcmp(w->value, "none") == 0)
		return WILL_NONE;
	return WILL_UNKNOWN;
}

unsigned survey_barriers_of(const struct survey_answers *ans)
{
	const struct survey_answer *b = survey_answer_find(ans, SURVEY_KEY_BARRIERS);
	unsigned bits = 0;
	for (int i = 0; b && i < SURVEY_BARRIERS; i++)
		if (survey_value_has(b->value, survey_barrier_keys[i]))
			bits |= 1u << i;
	return bits;
}

void survey_barrier_analyse(const struct barrier_clinic *c, size_t n, struct barrier_analysis *out)
{
	memset(out, 0, sizeof *out);
	for (size_t k = 0; k < n; k++) {
		int s = (int)c[k].std >= 0 && c[k].std < SSTD__MAX ? (int)c[k].std : SSTD_NONE;
		int w = (int)c[k].will >= 0 && c[k].will < WILL__MAX ? (int)c[k].will : WILL_UNKNOWN;
		out->clinics++;
		out->std_total[s]++;
		out->will_total[w]++;
		if (c[k].barriers & ((1u << SURVEY_BARRIERS) - 1))
			out->with_barrier++;
		for (int i = 0; i < SURVEY_BARRIERS; i++) {
			if (!(c[k].barriers & (1u << i)))
				continue;
			out->count[i]++;
			out->by_std[i][s]++;
			out->by_will[i][w]++;
		}
	}
	/* Most named first; a stable insertion sort keeps ①..⑥ among equals. */
	for (int i = 0; i < SURVEY_BARRIERS; i++) {
		int j = i;
		while (j > 0 && out->count[out->rank[j - 1]] < out->count[i]) {
			out->rank[j] = out->rank[j - 1];
			j--;
		}
		out->rank[j] = i;
	}
}
