/* The claim statement 所要額明細書 as XLSX and PDF (issue 19 §3; see subsidy_statement.h). */
#include "io/subsidy_statement.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/buf.h"
#include "domain/wareki.h"

#define TITLE "所要額明細書"
#define A4_W 595.276
#define A4_H 841.890
#define FONT "IPAGothic, IPAexGothic"
#define STATEMENT_PDF_MAX (16u << 20)

void subsidy_yen_format(int64_t yen, char *out, size_t outsz)
{
	char digits[32];
	uint64_t u = yen < 0 ? (uint64_t)0 - (uint64_t)yen : (uint64_t)yen;
	int n = snprintf(digits, sizeof digits, "%llu", (unsigned long long)u);
	char tmp[48];
	size_t k = 0;
	if (yen < 0)
		tmp[k++] = '-';
	for (int i = 0; i < n; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			tmp[k++] = ',';
		tmp[k++] = digits[i];
	}
	tmp[k] = '\0';
	snprintf(out, outsz, "%s", tmp);
}

/* "令和8年度" for fiscal year fy. */
static void year_label(int fy, char *out, size_t outsz)
{
	char iso[16], w[64];
	snprintf(iso, sizeof iso, "%04d-04-01", fy);
	if (wareki_format(iso, w, sizeof w) != 0) {
		snprintf(out, outsz, "%d年度", fy);
		return;
	}
	char *nen = strstr(w, "年");
	if (nen)
		nen[0] = '\0';
	snprintf(out, outsz, "%s年度（%d年度）", w, fy);
}

static void cap_text(int64_t cap, char *out, size_t outsz)
{
	if (cap == SUBSIDY_NO_CAP) {
		snprintf(out, outsz, "（区分の上限なし）");
		return;
	}
	char y[32];
	subsidy_yen_format(cap, y, sizeof y);
	snprintf(out, outsz, "%s", y);
}

static const char *line_note(const struct subsidy_claim_line *l)
{
	if (l->cut_by_category && l->cut_by_total)
		return "区分・総額上限で減額";
	if (l->cut_by_category)
		return "区分上限により減額";
	if (l->cut_by_total)
		return "総額上限により減額";
	return "";
}

enum zt_err subsidy_statement_xlsx(const struct subsidy_statement *s, const char *path, struct zt_error *e)
{
	lxw_workbook *wb = workbook_new(path);
	if (wb == NULL)
		return zt_fail(e, ZT_ERR_IO, "", "XLSXファイルを作成できません。");
	lxw_worksheet *ws = workbook_add_worksheet(wb, TITLE);
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	lxw_format *yen = workbook_add_format(wb);
	format_set_num_format(yen, "#,##0");
	lxw_format *yenb = workbook_add_format(wb);
	format_set_num_format(yenb, "#,##0");
	format_set_bold(yenb);
	char label[96], made[64], head[512];
	year_label(s->fiscal_year, label, sizeof label);
	if (wareki_format(s->made_on, made, sizeof made) != 0)
		snprintf(made, sizeof made, "%s", s->made_on);
	snprintf(head, sizeof head, "%s　%s", label, TITLE);
	worksheet_write_string(ws, 0, 0, head, bold);
	worksheet_write_string(ws, 1, 0, "事業者", NULL);
	worksheet_write_string(ws, 1, 1, s->operator_name, NULL);
	worksheet_write_string(ws, 2, 0, "作成日", NULL);
	worksheet_write_string(ws, 2, 1, made, NULL);
	worksheet_write_string(ws, 3, 0, "単位", NULL);
	worksheet_write_string(ws, 3, 1, "円（補助率10/10以内、区分ごとの上限および補助上限額の範囲内）", NULL);
	worksheet_set_column(ws, 0, 0, 34, NULL);
	worksheet_set_column(ws, 1, 4, 16, NULL);
	worksheet_set_column(ws, 5, 5, 30, NULL);
	lxw_row_t row = 5;
	for (int k = 0; k < s->nparts; k++) {
		const struct subsidy_programme *p = s->parts[k].p;
		const struct subsidy_claim *c = s->parts[k].c;
		worksheet_write_string(ws, row++, 0, p->name, bold);
		const char *cols[] = {"区分", "対象経費の支出額", "区分ごとの上限額", "上限内の額", "所要額（補助申請額）", "備考"};
		for (int i = 0; i < 6; i++)
			worksheet_write_string(ws, row, (lxw_col_t)i, cols[i], bold);
		row++;
		for (int i = 0; i < c->ncat; i++, row++) {
			const struct subsidy_claim_line *l = &c->line[i];
			worksheet_write_string(ws, row, 0, p->cat[i].name, NULL);
			worksheet_write_number(ws, row, 1, (double)l->spent_yen, yen);
			if (l->cap_yen == SUBSIDY_NO_CAP)
				worksheet_write_string(ws, row, 2, "上限なし", NULL);
			else
				worksheet_write_number(ws, row, 2, (double)l->cap_yen, yen);
			worksheet_write_number(ws, row, 3, (double)l->within_cap_yen, yen);
			worksheet_write_number(ws, row, 4, (double)l->claimed_yen, yen);
			worksheet_write_string(ws, row, 5, line_note(l), NULL);
		}
		worksheet_write_string(ws, row, 0, "合計", bold);
		worksheet_write_number(ws, row, 1, (double)c->spent_yen, yenb);
		worksheet_write_number(ws, row, 2, (double)c->total_cap_yen, yenb);
		worksheet_write_number(ws, row, 3, (double)c->within_caps_yen, yenb);
		worksheet_write_number(ws, row, 4, (double)c->claimed_yen, yenb);
		worksheet_write_string(ws, row, 5, c->cut_by_total ? "補助上限額により減額" : "", NULL);
		row++;
		char src[512];
		snprintf(src, sizeof src, "補助上限額の出典：%s", s->parts[k].source ? s->parts[k].source : "");
		worksheet_write_string(ws, row, 0, src, NULL);
		row += 2;
	}
	worksheet_set_paper(ws, 9);
	worksheet_fit_to_pages(ws, 1, 0);
	if (workbook_close(wb) != LXW_NO_ERROR)
		return zt_fail(e, ZT_ERR_IO, "", "XLSXファイルを書き出せません。");
	return ZT_OK;
}

static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int n)
{
	return buf_addn(closure, (const char *)data, n) == ZT_OK ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Draws s at (x, y); width > 0 sets the box, align 0 left, 1 centre, 2 right. Returns the height. */
static double text(cairo_t *cr, const char *s, double x, double y, double size, double width, int bold, int align)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(l, align == 1 ? PANGO_ALIGN_CENTER : align == 2 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	pango_layout_set_text(l, s, -1);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
	int w, h;
	pango_layout_get_pixel_size(l, &w, &h);
	pango_font_description_free(fd);
	g_object_unref(l);
	return h;
}

/* One table row: name, spent, cap, within cap, claimed, note. */
static double table_row(cairo_t *cr, double y, const char *cells[6], int bold)
{
	static const double x[] = {48, 190, 262, 334, 406, 482}, w[] = {140, 68, 68, 68, 70, 73};
	double h = 0;
	for (int i = 0; i < 6; i++) {
		double hh = text(cr, cells[i], x[i], y, i == 5 ? 7 : 9, w[i], bold, i >= 1 && i <= 4 ? 2 : 0);
		if (hh > h)
			h = hh;
	}
	cairo_set_line_width(cr, 0.4);
	cairo_move_to(cr, 48, y + h + 2);
	cairo_line_to(cr, A4_W - 40, y + h + 2);
	cairo_stroke(cr);
	return h + 5;
}

enum zt_err subsidy_statement_pdf(const struct subsidy_statement *s, unsigned char **out, size_t *len,
				  struct zt_error *e)
{
	*out = NULL;
	*len = 0;
	struct buf b;
	buf_init(&b, STATEMENT_PDF_MAX);
	pthread_mutex_lock(&render_lock);
	cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(sink_write, &b, A4_W, A4_H);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, TITLE);
	cairo_t *cr = cairo_create(surf);
	if (cairo_status(cr) == CAIRO_STATUS_SUCCESS) {
		char label[96], made[64], line[512];
		year_label(s->fiscal_year, label, sizeof label);
		if (wareki_format(s->made_on, made, sizeof made) != 0)
			snprintf(made, sizeof made, "%s", s->made_on);
		cairo_set_source_rgb(cr, 0, 0, 0);
		double y = 48;
		snprintf(line, sizeof line, "%s　%s", label, TITLE);
		y += text(cr, line, 48, y, 16, A4_W - 96, 1, 1) + 16;
		snprintf(line, sizeof line, "事業者：%s", s->operator_name);
		y += text(cr, line, 48, y, 11, A4_W - 96, 0, 0) + 4;
		snprintf(line, sizeof line, "作成日：%s　（単位：円、補助率10/10以内）", made);
		y += text(cr, line, 48, y, 10, A4_W - 96, 0, 0) + 14;
		for (int k = 0; k < s->nparts; k++) {
			const struct subsidy_programme *p = s->parts[k].p;
			const struct subsidy_claim *c = s->parts[k].c;
			if (y > A4_H - 200) {
				cairo_show_page(cr);
				y = 48;
			}
			y += text(cr, p->name, 48, y, 12, A4_W - 96, 1, 0) + 6;
			const char *head[6] = {"区分", "支出額", "区分上限額", "上限内の額", "所要額", "備考"};
			y += table_row(cr, y, head, 1);
			for (int i = 0; i < c->ncat; i++) {
				const struct subsidy_claim_line *l = &c->line[i];
				char a[32], cp[64], wc[32], cl[32];
				subsidy_yen_format(l->spent_yen, a, sizeof a);
				cap_text(l->cap_yen, cp, sizeof cp);
				subsidy_yen_format(l->within_cap_yen, wc, sizeof wc);
				subsidy_yen_format(l->claimed_yen, cl, sizeof cl);
				const char *cells[6] = {p->cat[i].name, a, cp, wc, cl, line_note(l)};
				y += table_row(cr, y, cells, 0);
			}
			char a[32], cp[32], wc[32], cl[32];
			subsidy_yen_format(c->spent_yen, a, sizeof a);
			subsidy_yen_format(c->total_cap_yen, cp, sizeof cp);
			subsidy_yen_format(c->within_caps_yen, wc, sizeof wc);
			subsidy_yen_format(c->claimed_yen, cl, sizeof cl);
			const char *tot[6] = {"合計（補助上限額）", a, cp, wc, cl, c->cut_by_total ? "補助上限額により減額" : ""};
			y += table_row(cr, y, tot, 1) + 4;
			snprintf(line, sizeof line, "補助上限額の出典：%s", s->parts[k].source ? s->parts[k].source : "");
			y += text(cr, line, 48, y, 8, A4_W - 96, 0, 0) + 18;
		}
		if (s->nparts == 0)
			text(cr, "この年度の支出は登録されていません。", 48, y, 11, A4_W - 96, 0, 0);
		text(cr, "会食に要する経費は補助対象外のため計上していません。区分ごとの上限を超える額、補助上限額を超える額は所要額に含みません。",
		     48, A4_H - 60, 8, A4_W - 96, 0, 0);
		cairo_show_page(cr);
	}
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	pthread_mutex_unlock(&render_lock);
	if (st != CAIRO_STATUS_SUCCESS) {
		buf_free(&b);
		return zt_fail(e, ZT_ERR_IO, "", "所要額明細書のPDFを作成できませんでした。");
	}
	*out = (unsigned char *)buf_take(&b, len);
	return ZT_OK;
}
