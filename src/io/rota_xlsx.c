/* The rota as an XLSX workbook, one row per date and one column per duty type (see rota_xlsx.h). */
#include "io/rota_xlsx.h"

#include <stdio.h>
#include <string.h>
#include <xlsxwriter.h>

#include "domain/duty.h"

enum zt_err rota_xlsx_write(const json_t *view, const char *title, const char *path, struct zt_error *e)
{
	lxw_workbook *wb = workbook_new(path);
	if (wb == NULL)
		return zt_fail(e, ZT_ERR_IO, "", "XLSXファイルを作成できません。");
	lxw_worksheet *ws = workbook_add_worksheet(wb, "当番表");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *hol = workbook_add_format(wb);
	format_set_bg_color(hol, 0xFDE2E2);
	char head[512];
	snprintf(head, sizeof head, "%s　当番表　%s〜%s", title, json_string_value(json_object_get(view, "from")),
		 json_string_value(json_object_get(view, "to")));
	worksheet_write_string(ws, 0, 0, head, bold);
	const char *fixed[] = {"日付", "和暦", "曜日", "区分"};
	for (int c = 0; c < 4; c++)
		worksheet_write_string(ws, 2, (lxw_col_t)c, fixed[c], bold);
	for (int t = 0; t < DUTY__MAX; t++)
		worksheet_write_string(ws, 2, (lxw_col_t)(4 + t), duty_types[t].ja, bold);
	worksheet_set_column(ws, 0, 0, 12, NULL);
	worksheet_set_column(ws, 1, 1, 18, NULL);
	worksheet_set_column(ws, 3, 3, 14, NULL);
	worksheet_set_column(ws, 4, 4 + DUTY__MAX - 1, 22, NULL);
	worksheet_freeze_panes(ws, 3, 1);
	size_t i;
	json_t *day;
	json_array_foreach(json_object_get(view, "days"), i, day) {
		lxw_row_t row = (lxw_row_t)(3 + i);
		const char *kind = json_string_value(json_object_get(day, "kind"));
		lxw_format *f = kind && strcmp(kind, "working") != 0 ? hol : NULL;
		worksheet_write_string(ws, row, 0, json_string_value(json_object_get(day, "date")), f);
		worksheet_write_string(ws, row, 1, json_string_value(json_object_get(day, "wareki")), f);
		worksheet_write_string(ws, row, 2, json_string_value(json_object_get(day, "weekday")), f);
		worksheet_write_string(ws, row, 3, json_string_value(json_object_get(day, "why")), f);
		json_t *duties = json_object_get(day, "duties");
		for (int t = 0; t < DUTY__MAX; t++) {
			json_t *arr = json_object_get(duties, duty_types[t].code);
			char cell[1024] = "";
			size_t k, len = 0;
			json_t *d;
			json_array_foreach(arr, k, d) {
				const char *name = json_string_value(json_object_get(d, "name"));
				len += (size_t)snprintf(cell + len, len < sizeof cell ? sizeof cell - len : 0, "%s%s", k ? "・" : "",
							name ? name : "");
				if (len >= sizeof cell)
					break;
			}
			if (cell[0])
				worksheet_write_string(ws, row, (lxw_col_t)(4 + t), cell, f);
			else if (f)
				worksheet_write_blank(ws, row, (lxw_col_t)(4 + t), f);
		}
	}
	worksheet_set_landscape(ws);
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_fit_to_pages(ws, 1, 0);
	if (workbook_close(wb) != LXW_NO_ERROR)
		return zt_fail(e, ZT_ERR_IO, "", "XLSXファイルを書き出せません。");
	return ZT_OK;
}
