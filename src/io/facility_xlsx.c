/* The registry as an XLSX workbook with Japanese headings, codes as text (issue 12 §5; see facility_xlsx.h). */
#include "io/facility_xlsx.h"

#include <stdio.h>
#include <stdlib.h>
#include <xlsxwriter.h>

#include "domain/wareki.h"
#include "io/facility_csv.h"

#define HEADER_ROW 2 /* row 0: title, row 1: empty, row 2: headings */

struct facility_xlsx {
	lxw_workbook *wb;
	lxw_worksheet *ws;
	lxw_format *text;
	lxw_row_t row;
};

struct facility_xlsx *facility_xlsx_open(const char *path, const char *title, const char *today, struct zt_error *e)
{
	lxw_workbook *wb = workbook_new(path);
	if (wb == NULL) {
		zt_fail(e, ZT_ERR_IO, "file", "XLSXファイルを作成できません。");
		return NULL;
	}
	struct facility_xlsx *x = calloc(1, sizeof *x);
	if (x == NULL)
		abort();
	x->wb = wb;
	x->ws = workbook_add_worksheet(wb, "医療機関");
	x->text = workbook_add_format(wb);
	format_set_num_format(x->text, "@"); /* text: Excel keeps 0110113719 as typed */
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	char wareki[64] = "", line[256];
	wareki_format(today, wareki, sizeof wareki);
	snprintf(line, sizeof line, "%s %s現在", title, wareki);
	worksheet_write_string(x->ws, 0, 0, line, bold);
	int n = facility_csv_ncols();
	for (int c = 0; c < n; c++)
		worksheet_write_string(x->ws, HEADER_ROW, (lxw_col_t)c, facility_csv_label(c), bold);
	worksheet_set_column(x->ws, 0, (lxw_col_t)(n - 1), 14, x->text);
	worksheet_set_column(x->ws, 2, 2, 36, x->text);
	worksheet_set_column(x->ws, 7, 7, 44, x->text);
	worksheet_freeze_panes(x->ws, HEADER_ROW + 1, 3);
	x->row = HEADER_ROW + 1;
	return x;
}

static void cell(int col, const char *text, bool is_text, void *p)
{
	(void)is_text; /* every cell is text: numbers too, so that nothing is re-rounded */
	struct facility_xlsx *x = p;
	if (text[0])
		worksheet_write_string(x->ws, x->row, (lxw_col_t)col, text, x->text);
}

void facility_xlsx_add(struct facility_xlsx *x, const struct facility *f)
{
	facility_cells(f, cell, x);
	x->row++;
}

enum zt_err facility_xlsx_close(struct facility_xlsx *x, struct zt_error *e)
{
	lxw_error rc = workbook_close(x->wb);
	free(x);
	if (rc != LXW_NO_ERROR)
		return zt_fail(e, ZT_ERR_IO, "file", "XLSXファイルを書き出せませんでした。");
	return ZT_OK;
}
