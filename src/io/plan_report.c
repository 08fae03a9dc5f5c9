/* The yearly report (実績報告書) as PDF and XLSX from its JSON (see plan_report.h). */
#include "io/plan_report.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#include "core/buf.h"

#define A4_W 595.276
#define A4_H 841.890
#define MARGIN 50.0
#define FONT "IPAGothic, IPAexGothic"
#define REPORT_PDF_MAX (32u << 20)

/* fontconfig's first use is not safe to race (as certificate_pdf.c). */
static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;

static const char *str(const json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "";
}

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int n)
{
	return buf_addn(closure, (const char *)data, n) == ZT_OK ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

struct page {
	cairo_t *cr;
	double y;
	int pages;
};

static PangoLayout *layout(cairo_t *cr, const char *s, double size, double width, int bold)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(l, fd);
	pango_layout_set_width(l, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_text(l, s, -1);
	pango_font_description_free(fd);
	return l;
}

/* Draws a paragraph at the page's cursor, starting a new page when it would not fit. */
static void para(struct page *p, const char *s, double size, double indent, int bold, double after)
{
	double width = A4_W - 2 * MARGIN - indent;
	PangoLayout *l = layout(p->cr, s, size, width, bold);
	int w, h;
	pango_layout_get_pixel_size(l, &w, &h);
	if (p->y + h > A4_H - MARGIN) {
		cairo_show_page(p->cr);
		p->pages++;
		p->y = MARGIN;
	}
	cairo_move_to(p->cr, MARGIN + indent, p->y);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
	p->y += h + after;
}

static void heading(struct page *p, const char *s)
{
	p->y += 6;
	para(p, s, 13, 0, 1, 2);
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, MARGIN, p->y);
	cairo_line_to(p->cr, A4_W - MARGIN, p->y);
	cairo_stroke(p->cr);
	p->y += 6;
}

static void draw(struct page *p, const json_t *rep)
{
	char line[1024];
	const json_t *op = json_object_get(rep, "operator"), *rs = json_object_get(rep, "ruleset");
	para(p, str(rep, "title"), 18, 0, 1, 10);
	snprintf(line, sizeof line, "事業者：%s", str(op, "name"));
	para(p, line, 12, 0, 0, 2);
	snprintf(line, sizeof line, "対象年度：%s", str(rep, "fiscal_year_ja"));
	para(p, line, 12, 0, 0, 2);
	snprintf(line, sizeof line, "事業：%s", str(rs, "name"));
	para(p, line, 12, 0, 0, 2);
	snprintf(line, sizeof line, "作成日：%s", str(rep, "generated_ja"));
	para(p, line, 10, 0, 0, 8);

	heading(p, "1　事業の実施状況");
	size_t i, j;
	const json_t *a, *ev;
	json_array_foreach(json_object_get(rep, "actions"), i, a) {
		if (!json_is_true(json_object_get(a, "chosen")))
			continue;
		snprintf(line, sizeof line, "■ %s（実績 %lld件）", str(a, "label"),
			 (long long)json_integer_value(json_object_get(a, "evidence_count")));
		para(p, line, 11, 0, 1, 2);
		if (str(a, "note")[0])
			para(p, str(a, "note"), 10, 14, 0, 2);
		json_array_foreach(json_object_get(a, "evidence"), j, ev) {
			snprintf(line, sizeof line, "・%s　%s　%s", str(ev, "date_ja"), str(ev, "source_ja"), str(ev, "title"));
			para(p, line, 10, 14, 0, 1);
		}
		p->y += 4;
	}

	heading(p, "2　指標（目標と実績）");
	const json_t *g;
	if (json_array_size(json_object_get(rep, "goals")) == 0)
		para(p, "指標の目標は設定されていません。", 10, 0, 0, 2);
	json_array_foreach(json_object_get(rep, "goals"), i, g) para(p, str(g, "text"), 10, 0, 0, 2);

	heading(p, "3　事業要件の充足状況");
	const json_t *c = json_object_get(rep, "compliance"), *r;
	para(p, json_is_true(json_object_get(c, "compliant")) ? "要件をすべて満たしています。" : "満たしていない要件があります。",
	     11, 0, 1, 4);
	json_array_foreach(json_object_get(c, "rules"), i, r) {
		snprintf(line, sizeof line, "【%s%s】%s：%s", str(r, "status_ja"),
			 json_is_true(json_object_get(r, "pending")) ? "・年度途中" : "", str(r, "label"), str(r, "why"));
		para(p, line, 10, 0, 0, 2);
	}

	heading(p, "4　評価（Check）と改善（Act）");
	snprintf(line, sizeof line, "評価：%s", str(rep, "check_note")[0] ? str(rep, "check_note") : "（未記入）");
	para(p, line, 10, 0, 0, 2);
	snprintf(line, sizeof line, "次年度への改善：%s", str(rep, "act_note")[0] ? str(rep, "act_note") : "（未記入）");
	para(p, line, 10, 0, 0, 2);

	/* Chapters other features add (the money: subsidies). */
	const json_t *sec, *row, *cell;
	int n = 5;
	json_array_foreach(json_object_get(rep, "sections"), i, sec) {
		snprintf(line, sizeof line, "%d　%s", n++, str(sec, "title"));
		heading(p, line);
		json_array_foreach(json_object_get(sec, "rows"), j, row) {
			struct buf b;
			buf_init(&b, sizeof line);
			size_t k;
			json_array_foreach(row, k, cell) {
				if (k)
					buf_addf(&b, "　");
				buf_addf(&b, "%s", json_string_value(cell) ? json_string_value(cell) : "");
			}
			para(p, buf_ptr(&b), 10, 0, 0, 2);
			buf_free(&b);
		}
	}
}

enum zt_err plan_report_pdf(const json_t *rep, unsigned char **out, size_t *len, struct zt_error *e)
{
	*out = NULL;
	*len = 0;
	struct buf s;
	buf_init(&s, REPORT_PDF_MAX);
	pthread_mutex_lock(&render_lock);
	cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(sink_write, &s, A4_W, A4_H);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, str(rep, "title"));
	cairo_t *cr = cairo_create(surf);
	if (cairo_status(cr) == CAIRO_STATUS_SUCCESS) {
		struct page p = {.cr = cr, .y = MARGIN, .pages = 1};
		cairo_set_source_rgb(cr, 0, 0, 0);
		draw(&p, rep);
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
		buf_free(&s);
		return zt_fail(e, ZT_ERR_IO, "", "実績報告書PDFを作成できませんでした。");
	}
	*out = (unsigned char *)buf_take(&s, len);
	return ZT_OK;
}

enum zt_err plan_report_xlsx(const json_t *rep, const char *path, struct zt_error *e)
{
	lxw_workbook *wb = workbook_new(path);
	if (wb == NULL)
		return zt_fail(e, ZT_ERR_IO, "", "実績報告書XLSXを作成できませんでした。");
	lxw_format *bold = workbook_add_format(wb);
	format_set_bold(bold);
	char line[512];
	size_t i, j;
	const json_t *a, *ev, *op = json_object_get(rep, "operator");

	lxw_worksheet *ws = workbook_add_worksheet(wb, "実施状況");
	snprintf(line, sizeof line, "%s　%s　%s", str(rep, "title"), str(op, "name"), str(rep, "fiscal_year_ja"));
	worksheet_write_string(ws, 0, 0, line, bold);
	worksheet_write_string(ws, 2, 0, "事業項目", bold);
	worksheet_write_string(ws, 2, 1, "計画", bold);
	worksheet_write_string(ws, 2, 2, "実績件数", bold);
	worksheet_write_string(ws, 2, 3, "日付", bold);
	worksheet_write_string(ws, 2, 4, "種別", bold);
	worksheet_write_string(ws, 2, 5, "内容", bold);
	worksheet_set_column(ws, 0, 0, 50, NULL);
	worksheet_set_column(ws, 3, 5, 20, NULL);
	lxw_row_t row = 3;
	json_array_foreach(json_object_get(rep, "actions"), i, a) {
		worksheet_write_string(ws, row, 0, str(a, "label"), NULL);
		worksheet_write_string(ws, row, 1, json_is_true(json_object_get(a, "chosen")) ? "○" : "", NULL);
		worksheet_write_number(ws, row, 2, (double)json_integer_value(json_object_get(a, "evidence_count")), NULL);
		row++;
		json_array_foreach(json_object_get(a, "evidence"), j, ev) {
			worksheet_write_string(ws, row, 3, str(ev, "date"), NULL);
			worksheet_write_string(ws, row, 4, str(ev, "source_ja"), NULL);
			worksheet_write_string(ws, row, 5, str(ev, "title"), NULL);
			row++;
		}
	}

	ws = workbook_add_worksheet(wb, "指標");
	const char *hdr[] = {"指標", "単位", "目標", "実績", "前年度", "達成率(%)"};
	for (int k = 0; k < 6; k++)
		worksheet_write_string(ws, 0, (lxw_col_t)k, hdr[k], bold);
	worksheet_set_column(ws, 0, 0, 30, NULL);
	const json_t *g;
	json_array_foreach(json_object_get(rep, "goals"), i, g) {
		lxw_row_t r = (lxw_row_t)(1 + i);
		worksheet_write_string(ws, r, 0, str(g, "label"), NULL);
		worksheet_write_string(ws, r, 1, str(g, "unit"), NULL);
		worksheet_write_number(ws, r, 2, (double)json_integer_value(json_object_get(g, "goal")), NULL);
		worksheet_write_number(ws, r, 3, (double)json_integer_value(json_object_get(g, "actual")), NULL);
		json_int_t last = json_integer_value(json_object_get(g, "last_year"));
		if (json_is_integer(json_object_get(g, "last_year")) && last >= 0)
			worksheet_write_number(ws, r, 4, (double)last, NULL);
		worksheet_write_number(ws, r, 5, (double)json_integer_value(json_object_get(g, "percent")), NULL);
	}

	ws = workbook_add_worksheet(wb, "要件");
	worksheet_write_string(ws, 0, 0, "要件", bold);
	worksheet_write_string(ws, 0, 1, "判定", bold);
	worksheet_write_string(ws, 0, 2, "理由・不足", bold);
	worksheet_write_string(ws, 0, 3, "根拠", bold);
	worksheet_set_column(ws, 0, 0, 30, NULL);
	worksheet_set_column(ws, 2, 3, 60, NULL);
	const json_t *r;
	json_array_foreach(json_object_get(json_object_get(rep, "compliance"), "rules"), i, r) {
		worksheet_write_string(ws, (lxw_row_t)(1 + i), 0, str(r, "label"), NULL);
		worksheet_write_string(ws, (lxw_row_t)(1 + i), 1, str(r, "status_ja"), NULL);
		worksheet_write_string(ws, (lxw_row_t)(1 + i), 2, str(r, "why"), NULL);
		worksheet_write_string(ws, (lxw_row_t)(1 + i), 3, str(r, "seed"), NULL);
	}

	const json_t *sec, *rw, *cell;
	json_array_foreach(json_object_get(rep, "sections"), i, sec) {
		char name[32];
		snprintf(name, sizeof name, "追加%zu", i + 1); /* sheet names are ≤ 31 bytes; the title goes in A1 */
		ws = workbook_add_worksheet(wb, name);
		worksheet_write_string(ws, 0, 0, str(sec, "title"), bold);
		worksheet_set_column(ws, 0, 0, 30, NULL);
		json_array_foreach(json_object_get(sec, "rows"), j, rw) {
			size_t k;
			json_array_foreach(rw, k, cell)
				worksheet_write_string(ws, (lxw_row_t)(2 + j), (lxw_col_t)k,
						       json_string_value(cell) ? json_string_value(cell) : "", NULL);
		}
	}
	if (workbook_close(wb) != LXW_NO_ERROR)
		return zt_fail(e, ZT_ERR_IO, "", "実績報告書XLSXを書き込めませんでした。");
	return ZT_OK;
}
