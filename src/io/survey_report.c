/* Results of a clinic survey as JSON, SVG charts and XLSX (issue 18 §1; see survey_report.h). */
#include "io/survey_report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/buf.h"
#include "io/survey_json.h"

/* Answered targets / targets. */
static int answered_targets(const struct survey_results *r)
{
	int n = 0;
	for (size_t i = 0; i < r->ntargets; i++)
		for (size_t j = 0; j < r->nrows; j++)
			if (r->rows[j].institution_id == r->targets[i]) {
				n++;
				break;
			}
	return n;
}

static json_t *counts_json(const struct survey_results *r)
{
	json_t *qs = json_array();
	const struct survey_def *def = &r->survey.def;
	for (int i = 0; i < def->nquestions; i++) {
		const struct survey_question *q = &def->q[i];
		int answered = 0, cnt[SURVEY_OPTIONS_MAX] = {0};
		double sum = 0, lo = 0, hi = 0;
		int nn = 0;
		for (size_t k = 0; k < r->nrows; k++) {
			const struct survey_answer *a = survey_answer_find(&r->rows[k].answers, q->key);
			if (a == NULL)
				continue;
			answered++;
			for (int j = 0; j < q->noptions; j++)
				if (q->kind == SQ_MULTIPLE ? survey_value_has(a->value, q->options[j].key)
							   : strcmp(a->value, q->options[j].key) == 0)
					cnt[j]++;
			if (q->kind == SQ_NUMBER && a->value[0]) {
				double v = strtod(a->value, NULL);
				if (nn == 0 || v < lo)
					lo = v;
				if (nn == 0 || v > hi)
					hi = v;
				sum += v;
				nn++;
			}
		}
		json_t *o = json_pack("{s:s, s:s, s:s, s:i}", "key", q->key, "text", q->text, "kind", survey_kinds[q->kind].code,
				      "answered", answered);
		if (q->noptions) {
			json_t *opts = json_array();
			for (int j = 0; j < q->noptions; j++)
				json_array_append_new(opts, json_pack("{s:s, s:s, s:i}", "key", q->options[j].key, "label",
								      q->options[j].label, "count", cnt[j]));
			json_object_set_new(o, "options", opts);
		}
		if (q->kind == SQ_NUMBER)
			json_object_set_new(o, "numbers", nn ? json_pack("{s:i, s:f, s:f, s:f, s:f}", "n", nn, "sum", sum, "mean",
								       sum / nn, "min", lo, "max", hi)
							    : json_pack("{s:i}", "n", 0));
		json_array_append_new(qs, o);
	}
	return qs;
}

static json_t *barrier_keys_json(unsigned bits)
{
	json_t *a = json_array();
	for (int i = 0; i < SURVEY_BARRIERS; i++)
		if (bits & (1u << i))
			json_array_append_new(a, json_string(survey_barrier_keys[i]));
	return a;
}

json_t *survey_results_json(const struct survey_results *r)
{
	const struct barrier_analysis *an = &r->analysis;
	int at = answered_targets(r);
	json_t *o = json_object();
	json_object_set_new(o, "survey", survey_json(&r->survey, true));
	json_object_set_new(o, "response_rate",
			    json_pack("{s:i, s:i, s:i, s:f}", "targets", (int)r->ntargets, "answered_targets", at, "responses",
				      (int)r->nrows, "rate", r->ntargets ? (double)at / (double)r->ntargets : 0.0));
	json_object_set_new(o, "counts", counts_json(r));
	json_t *std_labels = json_array(), *will_labels = json_array(), *std_total = json_array(),
	       *will_total = json_array();
	for (int s = 0; s < SSTD__MAX; s++) {
		json_array_append_new(std_labels, json_string(survey_std_labels[s]));
		json_array_append_new(std_total, json_integer(an->std_total[s]));
	}
	for (int w = 0; w < WILL__MAX; w++) {
		json_array_append_new(will_labels, json_string(survey_will_labels[w]));
		json_array_append_new(will_total, json_integer(an->will_total[w]));
	}
	json_t *rows = json_array();
	for (int k = 0; k < SURVEY_BARRIERS; k++) {
		int i = an->rank[k];
		json_t *bs = json_array(), *bw = json_array(), *who = json_array();
		for (int s = 0; s < SSTD__MAX; s++)
			json_array_append_new(bs, json_integer(an->by_std[i][s]));
		for (int w = 0; w < WILL__MAX; w++)
			json_array_append_new(bw, json_integer(an->by_will[i][w]));
		for (size_t c = 0; c < r->nclinics; c++)
			if (r->clinics[c].barriers & (1u << i))
				json_array_append_new(who, json_pack("{s:I, s:s}", "institution_id",
								     (json_int_t)r->clinics[c].institution_id, "name",
								     r->clinics[c].name));
		json_array_append_new(rows, json_pack("{s:s, s:s, s:i, s:o, s:o, s:o}", "key", survey_barrier_keys[i], "label",
						      survey_barrier_labels[i], "count", an->count[i], "by_std", bs, "by_will",
						      bw, "clinics", who));
	}
	json_object_set_new(o, "barriers",
			    json_pack("{s:i, s:i, s:o, s:o, s:o, s:o, s:o}", "clinics", an->clinics, "with_barrier",
				      an->with_barrier, "std_labels", std_labels, "will_labels", will_labels, "std_total",
				      std_total, "will_total", will_total, "rows", rows));
	json_t *willing = json_array(), *clinics = json_array();
	for (size_t c = 0; c < r->nclinics; c++) {
		const struct barrier_clinic *x = &r->clinics[c];
		json_array_append_new(clinics, json_pack("{s:I, s:s, s:s, s:s, s:o}", "institution_id",
							 (json_int_t)x->institution_id, "name", x->name, "std",
							 survey_std_labels[x->std], "will", survey_will_labels[x->will],
							 "barriers", barrier_keys_json(x->barriers)));
		if (x->will == WILL_CONDITIONAL)
			json_array_append_new(willing, json_pack("{s:I, s:s, s:s, s:s, s:o, s:s}", "institution_id",
								 (json_int_t)x->institution_id, "name", x->name, "condition",
								 x->condition, "std", survey_std_labels[x->std], "barriers",
								 barrier_keys_json(x->barriers), "other", x->other));
	}
	json_object_set_new(o, "clinics", clinics);
	json_object_set_new(o, "willing_under_conditions", willing);
	json_t *resp = json_array();
	for (size_t k = 0; k < r->nrows; k++) {
		const struct survey_response *x = &r->rows[k];
		json_array_append_new(resp, json_pack("{s:I, s:s, s:s, s:s, s:s, s:o, s:o}", "institution_id",
						      (json_int_t)x->institution_id, "name", x->name, "medical_code",
						      x->medical_code, "source", x->source, "answered_at", x->answered_at,
						      "answers", survey_answers_json(&r->survey.def, &x->answers), "notes",
						      survey_notes_json(&x->answers)));
	}
	json_object_set_new(o, "responses", resp);
	return o;
}

/* ---- SVG ---- */

static void xml_text(struct buf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '<': buf_add(b, "&lt;"); break;
		case '>': buf_add(b, "&gt;"); break;
		case '&': buf_add(b, "&amp;"); break;
		case '"': buf_add(b, "&quot;"); break;
		default: buf_addn(b, s, 1);
		}
	}
}

/* Colour-blind-safe palette (Okabe–Ito). */
static const char *const colours[] = {"#0072B2", "#E69F00", "#999999", "#CCCCCC"};

void survey_barrier_svg(const struct survey_results *r, bool by_std, char **out, size_t *len)
{
	const struct barrier_analysis *an = &r->analysis;
	int nseg = by_std ? SSTD__MAX : WILL__MAX;
	const char *const *seg_labels = by_std ? survey_std_labels : survey_will_labels;
	int maxc = 1;
	for (int i = 0; i < SURVEY_BARRIERS; i++)
		if (an->count[i] > maxc)
			maxc = an->count[i];
	const int left = 290, width = 720, bar_w = 360, row_h = 34, top = 56;
	int height = top + SURVEY_BARRIERS * row_h + 70;
	struct buf b;
	buf_init(&b, BUF_UNCAPPED);
	buf_addf(&b,
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\" "
		   "font-family=\"sans-serif\" font-size=\"13\">",
		   width, height, width, height);
	buf_add(&b, "<title>");
	xml_text(&b, r->survey.title);
	buf_addf(&b, " 阻害要因（%s別）</title>", by_std ? "施設基準" : "在宅医療への意欲");
	buf_add(&b, "<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
	buf_addf(&b, "<text x=\"12\" y=\"24\" font-size=\"15\" font-weight=\"bold\">訪問診療を行う上での不安点（回答%d診療所）</text>",
		   an->clinics);
	buf_addf(&b, "<text x=\"12\" y=\"44\" fill=\"#444\">棒の内訳: %s</text>", by_std ? "施設基準（届出）" : "在宅医療への意欲");
	for (int k = 0; k < SURVEY_BARRIERS; k++) {
		int i = an->rank[k];
		int y = top + k * row_h;
		buf_addf(&b, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">", left - 8, y + 20);
		xml_text(&b, survey_barrier_labels[i]);
		buf_add(&b, "</text>");
		double x = left;
		for (int s = 0; s < nseg; s++) {
			int v = by_std ? an->by_std[i][s] : an->by_will[i][s];
			if (v == 0)
				continue;
			double w = (double)bar_w * v / maxc;
			buf_addf(&b, "<rect x=\"%.1f\" y=\"%d\" width=\"%.1f\" height=\"24\" fill=\"%s\"><title>", x, y + 4, w,
				   colours[s]);
			xml_text(&b, seg_labels[s]);
			buf_addf(&b, ": %d</title></rect>", v);
			x += w;
		}
		buf_addf(&b, "<text x=\"%.1f\" y=\"%d\" class=\"count\">%d</text>", x + 6, y + 20, an->count[i]);
	}
	int ly = top + SURVEY_BARRIERS * row_h + 24, lx = 12;
	for (int s = 0; s < nseg; s++) {
		buf_addf(&b, "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/><text x=\"%d\" y=\"%d\">", lx,
			   ly - 12, colours[s], lx + 20, ly);
		xml_text(&b, seg_labels[s]);
		buf_add(&b, "</text>");
		lx += 175;
	}
	buf_add(&b, "</svg>\n");
	*out = buf_take(&b, len);
}

/* ---- XLSX ---- */

enum zt_err survey_results_xlsx_write(const struct survey_results *r, const char *path, struct zt_error *e)
{
	lxw_workbook *wb = workbook_new(path);
	if (wb == NULL)
		return zt_fail(e, ZT_ERR_IO, "", "XLSXファイルを作成できません。");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	const struct survey_def *def = &r->survey.def;
	const struct barrier_analysis *an = &r->analysis;

	lxw_worksheet *ws = workbook_add_worksheet(wb, "回答一覧");
	worksheet_write_string(ws, 0, 0, "医療機関コード", bold);
	worksheet_write_string(ws, 0, 1, "医療機関名", bold);
	worksheet_write_string(ws, 0, 2, "回答方法", bold);
	worksheet_write_string(ws, 0, 3, "回答日時", bold);
	for (int q = 0; q < def->nquestions; q++) {
		char h[64];
		snprintf(h, sizeof h, "問%d %s", q + 1, def->q[q].key);
		worksheet_write_string(ws, 0, (lxw_col_t)(4 + q * 2), h, bold);
		snprintf(h, sizeof h, "問%d 記入", q + 1);
		worksheet_write_string(ws, 0, (lxw_col_t)(5 + q * 2), h, bold);
	}
	for (size_t k = 0; k < r->nrows; k++) {
		const struct survey_response *x = &r->rows[k];
		lxw_row_t row = (lxw_row_t)(k + 1);
		worksheet_write_string(ws, row, 0, x->medical_code, NULL);
		worksheet_write_string(ws, row, 1, x->name, NULL);
		worksheet_write_string(ws, row, 2,
				       strcmp(x->source, "link") == 0 ? "リンク" : strcmp(x->source, "paper") == 0 ? "紙" : "取込",
				       NULL);
		worksheet_write_string(ws, row, 3, x->answered_at, NULL);
		for (int q = 0; q < def->nquestions; q++) {
			const struct survey_answer *a = survey_answer_find(&x->answers, def->q[q].key);
			if (a == NULL)
				continue;
			if (def->q[q].kind == SQ_NUMBER && a->value[0])
				worksheet_write_number(ws, row, (lxw_col_t)(4 + q * 2), strtod(a->value, NULL), NULL);
			else
				worksheet_write_string(ws, row, (lxw_col_t)(4 + q * 2), a->value, NULL);
			if (a->note[0])
				worksheet_write_string(ws, row, (lxw_col_t)(5 + q * 2), a->note, NULL);
		}
	}

	ws = workbook_add_worksheet(wb, "集計");
	worksheet_write_string(ws, 0, 0, r->survey.title, bold);
	worksheet_write_string(ws, 1, 0, "送付先", NULL);
	worksheet_write_number(ws, 1, 1, (double)r->ntargets, NULL);
	worksheet_write_string(ws, 2, 0, "回答（送付先のうち）", NULL);
	worksheet_write_number(ws, 2, 1, answered_targets(r), NULL);
	worksheet_write_string(ws, 3, 0, "回答（合計）", NULL);
	worksheet_write_number(ws, 3, 1, (double)r->nrows, NULL);
	lxw_row_t row = 5;
	for (int q = 0; q < def->nquestions; q++) {
		const struct survey_question *qq = &def->q[q];
		char h[SURVEY_TEXT_MAX_CHARS * 4 + 16];
		snprintf(h, sizeof h, "問%d %s", q + 1, qq->text);
		worksheet_write_string(ws, row++, 0, h, bold);
		for (int j = 0; j < qq->noptions; j++) {
			int c = 0;
			for (size_t k = 0; k < r->nrows; k++) {
				const struct survey_answer *a = survey_answer_find(&r->rows[k].answers, qq->key);
				if (a && (qq->kind == SQ_MULTIPLE ? survey_value_has(a->value, qq->options[j].key)
								  : strcmp(a->value, qq->options[j].key) == 0))
					c++;
			}
			worksheet_write_string(ws, row, 0, qq->options[j].label, NULL);
			worksheet_write_number(ws, row++, 1, c, NULL);
		}
		row++;
	}

	ws = workbook_add_worksheet(wb, "阻害要因");
	worksheet_write_string(ws, 0, 0, "阻害要因", bold);
	worksheet_write_string(ws, 0, 1, "診療所数", bold);
	for (int s = 0; s < SSTD__MAX; s++)
		worksheet_write_string(ws, 0, (lxw_col_t)(2 + s), survey_std_labels[s], bold);
	for (int w = 0; w < WILL__MAX; w++)
		worksheet_write_string(ws, 0, (lxw_col_t)(2 + SSTD__MAX + w), survey_will_labels[w], bold);
	for (int k = 0; k < SURVEY_BARRIERS; k++) {
		int i = an->rank[k];
		worksheet_write_string(ws, (lxw_row_t)(k + 1), 0, survey_barrier_labels[i], NULL);
		worksheet_write_number(ws, (lxw_row_t)(k + 1), 1, an->count[i], NULL);
		for (int s = 0; s < SSTD__MAX; s++)
			worksheet_write_number(ws, (lxw_row_t)(k + 1), (lxw_col_t)(2 + s), an->by_std[i][s], NULL);
		for (int w = 0; w < WILL__MAX; w++)
			worksheet_write_number(ws, (lxw_row_t)(k + 1), (lxw_col_t)(2 + SSTD__MAX + w), an->by_will[i][w], NULL);
	}
	worksheet_write_string(ws, SURVEY_BARRIERS + 1, 0, "回答診療所（計）", bold);
	worksheet_write_number(ws, SURVEY_BARRIERS + 1, 1, an->clinics, bold);
	for (int s = 0; s < SSTD__MAX; s++)
		worksheet_write_number(ws, SURVEY_BARRIERS + 1, (lxw_col_t)(2 + s), an->std_total[s], bold);
	for (int w = 0; w < WILL__MAX; w++)
		worksheet_write_number(ws, SURVEY_BARRIERS + 1, (lxw_col_t)(2 + SSTD__MAX + w), an->will_total[w], bold);

	ws = workbook_add_worksheet(wb, "条件付き意欲");
	worksheet_write_string(ws, 0, 0, "医療機関名", bold);
	worksheet_write_string(ws, 0, 1, "具体的な条件", bold);
	worksheet_write_string(ws, 0, 2, "施設基準", bold);
	worksheet_write_string(ws, 0, 3, "不安点", bold);
	row = 1;
	for (size_t c = 0; c < r->nclinics; c++) {
		const struct barrier_clinic *x = &r->clinics[c];
		if (x->will != WILL_CONDITIONAL)
			continue;
		char bl[512] = "";
		size_t l = 0;
		for (int i = 0; i < SURVEY_BARRIERS; i++)
			if (x->barriers & (1u << i) && l < sizeof bl)
				l += (size_t)snprintf(bl + l, sizeof bl - l, "%s%s", l ? "、" : "", survey_barrier_labels[i]);
		worksheet_write_string(ws, row, 0, x->name, NULL);
		worksheet_write_string(ws, row, 1, x->condition, NULL);
		worksheet_write_string(ws, row, 2, survey_std_labels[x->std], NULL);
		worksheet_write_string(ws, row++, 3, bl, NULL);
	}
	if (workbook_close(wb) != LXW_NO_ERROR)
		return zt_fail(e, ZT_ERR_IO, "", "XLSXファイルを書き込めません。");
	return ZT_OK;
}
