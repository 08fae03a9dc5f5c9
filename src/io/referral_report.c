/* The monthly referral report as CSV and XLSX (issue 16 §6; see referral_report.h). */
#include "io/referral_report.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "io/csv_write.h"

static const char *str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static json_int_t num(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static void row(struct csv_writer *w, const char *section, const char *item, const char *value)
{
	csv_cell(w, section);
	csv_cell(w, item);
	csv_cell_raw(w, value);
	csv_end_row(w);
}

static const char *kind_label(const char *kind)
{
	return strcmp(kind, "nurse_station") == 0 ? "訪問看護ステーション" : strcmp(kind, "hospital") == 0 ? "病院" : "診療所";
}

void referral_report_csv(const json_t *rep, struct buf *out)
{
	struct csv_writer w;
	csv_writer_init(&w, out, false, CSV_GUARD_NUMBERS_OK);
	char v[64];
	csv_cell(&w, "区分");
	csv_cell(&w, "項目");
	csv_cell(&w, "値");
	csv_end_row(&w);
	row(&w, "地区", str(rep, "district_name"), str(rep, "month"));
	size_t i;
	json_t *x;
	json_array_foreach(json_object_get(rep, "by_state"), i, x) {
		snprintf(v, sizeof v, "%lld", (long long)num(x, "count"));
		row(&w, "状態別件数", str(x, "label"), v);
	}
	const json_t *d = json_object_get(rep, "days_to_accept");
	snprintf(v, sizeof v, "%lld", (long long)num(d, "count"));
	row(&w, "受入までの日数", "受入決定の件数", v);
	if (json_is_number(json_object_get(d, "median"))) {
		snprintf(v, sizeof v, "%.1f", json_number_value(json_object_get(d, "median")));
		row(&w, "受入までの日数", "中央値（日）", v);
		snprintf(v, sizeof v, "%.1f", json_number_value(json_object_get(d, "mean")));
		row(&w, "受入までの日数", "平均（日）", v);
	}
	json_array_foreach(json_object_get(rep, "declines"), i, x) {
		snprintf(v, sizeof v, "%lld", (long long)num(x, "count"));
		row(&w, "辞退理由別件数", str(x, "label"), v);
	}
	json_array_foreach(json_object_get(rep, "load"), i, x) {
		char item[320];
		snprintf(item, sizeof item, "%s（%s）", str(x, "name"), kind_label(str(x, "kind")));
		snprintf(v, sizeof v, "%lld", (long long)num(x, "patients"));
		row(&w, "在宅患者数", item, v);
		snprintf(v, sizeof v, "%lld", (long long)num(x, "accepted"));
		row(&w, "当月の受入数", item, v);
	}
}

enum zt_err referral_report_xlsx(const json_t *rep, const char *path, struct zt_error *e)
{
	lxw_workbook *wb = workbook_new(path);
	if (wb == NULL)
		return zt_fail(e, ZT_ERR_IO, "file", "XLSXファイルを作成できません。");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	char title[400];
	snprintf(title, sizeof title, "退院調整の月報 %s %s", str(rep, "district_name"), str(rep, "month"));
	size_t i;
	json_t *x;
	/* 状態別 */
	lxw_worksheet *ws = workbook_add_worksheet(wb, "状態別");
	worksheet_write_string(ws, 0, 0, title, bold);
	worksheet_write_string(ws, 2, 0, "状態", bold);
	worksheet_write_string(ws, 2, 1, "件数", bold);
	worksheet_set_column(ws, 0, 0, 24, NULL);
	json_array_foreach(json_object_get(rep, "by_state"), i, x) {
		worksheet_write_string(ws, (lxw_row_t)(3 + i), 0, str(x, "label"), NULL);
		worksheet_write_number(ws, (lxw_row_t)(3 + i), 1, (double)num(x, "count"), NULL);
	}
	/* 受入までの日数 */
	ws = workbook_add_worksheet(wb, "受入までの日数");
	worksheet_write_string(ws, 0, 0, "紹介ID", bold);
	worksheet_write_string(ws, 0, 1, "依頼日時", bold);
	worksheet_write_string(ws, 0, 2, "受入決定日時", bold);
	worksheet_write_string(ws, 0, 3, "日数", bold);
	worksheet_set_column(ws, 1, 2, 22, NULL);
	json_array_foreach(json_object_get(rep, "accepted"), i, x) {
		worksheet_write_number(ws, (lxw_row_t)(1 + i), 0, (double)num(x, "id"), NULL);
		worksheet_write_string(ws, (lxw_row_t)(1 + i), 1, str(x, "sent_at"), NULL);
		worksheet_write_string(ws, (lxw_row_t)(1 + i), 2, str(x, "accepted_at"), NULL);
		worksheet_write_number(ws, (lxw_row_t)(1 + i), 3, (double)num(x, "days"), NULL);
	}
	/* 辞退理由 */
	ws = workbook_add_worksheet(wb, "辞退理由");
	worksheet_write_string(ws, 0, 0, "理由", bold);
	worksheet_write_string(ws, 0, 1, "件数", bold);
	worksheet_set_column(ws, 0, 0, 30, NULL);
	json_array_foreach(json_object_get(rep, "declines"), i, x) {
		worksheet_write_string(ws, (lxw_row_t)(1 + i), 0, str(x, "label"), NULL);
		worksheet_write_number(ws, (lxw_row_t)(1 + i), 1, (double)num(x, "count"), NULL);
	}
	/* 負荷: one row per institution and a bar chart */
	ws = workbook_add_worksheet(wb, "医療機関別の負荷");
	worksheet_write_string(ws, 0, 0, "医療機関", bold);
	worksheet_write_string(ws, 0, 1, "種別", bold);
	worksheet_write_string(ws, 0, 2, "在宅患者数", bold);
	worksheet_write_string(ws, 0, 3, "当月の受入数", bold);
	worksheet_set_column(ws, 0, 0, 36, NULL);
	const json_t *load = json_object_get(rep, "load");
	json_array_foreach(load, i, x) {
		worksheet_write_string(ws, (lxw_row_t)(1 + i), 0, str(x, "name"), NULL);
		worksheet_write_string(ws, (lxw_row_t)(1 + i), 1, kind_label(str(x, "kind")), NULL);
		worksheet_write_number(ws, (lxw_row_t)(1 + i), 2, (double)num(x, "patients"), NULL);
		worksheet_write_number(ws, (lxw_row_t)(1 + i), 3, (double)num(x, "accepted"), NULL);
	}
	if (json_array_size(load) > 0) {
		lxw_chart *chart = workbook_add_chart(wb, LXW_CHART_BAR);
		lxw_row_t last = (lxw_row_t)json_array_size(load);
		lxw_chart_series *s = chart_add_series(chart, NULL, NULL);
		chart_series_set_categories(s, "医療機関別の負荷", 1, 0, last, 0);
		chart_series_set_values(s, "医療機関別の負荷", 1, 2, last, 2);
		chart_series_set_name(s, "在宅患者数");
		lxw_chart_series *s2 = chart_add_series(chart, NULL, NULL);
		chart_series_set_categories(s2, "医療機関別の負荷", 1, 0, last, 0);
		chart_series_set_values(s2, "医療機関別の負荷", 1, 3, last, 3);
		chart_series_set_name(s2, "当月の受入数");
		chart_title_set_name(chart, "医療機関別の負荷");
		worksheet_insert_chart(ws, 1, 5, chart);
	}
	if (workbook_close(wb) != LXW_NO_ERROR)
		return zt_fail(e, ZT_ERR_IO, "file", "XLSXファイルを書き込めません。");
	return ZT_OK;
}
