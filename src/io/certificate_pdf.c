/* The certificate PDFs (seed 000 §3): the group certificate (機関証, issue 4 §3) and the training certificate (認定証, issue 18 §2); see certificate_pdf.h. */
#include "io/certificate_pdf.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>
#include <pthread.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"

#define A4_W 595.276 /* points */
#define A4_H 841.890
#define FONT "IPAGothic, IPAexGothic"

/* fontconfig's first use is not safe to race; rendering is rare, so one at a time. */
static pthread_mutex_t render_lock = PTHREAD_MUTEX_INITIALIZER;

/* A certificate is about 100 KB; far more means something is wrong. */
#define CERTIFICATE_PDF_MAX (16u << 20)

static cairo_status_t sink_write(void *closure, const unsigned char *data, unsigned int n)
{
	return buf_addn(closure, (const char *)data, n) == ZT_OK ? CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* Draws text at (x, y) with the given size; width > 0 wraps and align centres. Returns the height. */
static double text(cairo_t *cr, const char *s, double x, double y, double size, double width, int bold, int centre)
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
	if (centre)
		pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	pango_layout_set_text(l, s, -1);
	cairo_move_to(cr, x, y);
	pango_cairo_show_layout(cr, l);
	int w, h;
	pango_layout_get_pixel_size(l, &w, &h);
	pango_font_description_free(fd);
	g_object_unref(l);
	return h;
}

static int draw_qr(cairo_t *cr, const char *url, double x, double y, double size)
{
	QRcode *qr = QRcode_encodeString(url, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (qr == NULL)
		return -1;
	int quiet = 4, n = qr->width + 2 * quiet;
	double m = size / n;
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, x, y, size, size);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int r = 0; r < qr->width; r++)
		for (int c = 0; c < qr->width; c++)
			if (qr->data[r * qr->width + c] & 1)
				cairo_rectangle(cr, x + (c + quiet) * m, y + (r + quiet) * m, m, m);
	cairo_fill(cr);
	QRcode_free(qr);
	return 0;
}

/* The lower part shared by the certificates: 証番号, 交付日, 交付者 with its representative and the
 * place of the seal, the QR code of the verification URL and the URL. Returns whether the QR code
 * could be drawn. */
static int footer(cairo_t *cr, const char *number, const char *issued, const char *issuer_name,
		  const char *issuer_title, const char *issuer_person, const char *url)
{
	double margin = 56, w = A4_W - 2 * margin;
	char line[512];
	double by = A4_H - 270;
	snprintf(line, sizeof line, "証番号　%s", number);
	text(cr, line, margin + 10, by, 13, 0, 0, 0);
	snprintf(line, sizeof line, "交付日　%s", issued);
	text(cr, line, margin + 10, by + 24, 13, 0, 0, 0);
	/* 交付者 and its representative, with the place of the seal (公印) */
	text(cr, issuer_name ? issuer_name : "", margin + 10, by + 60, 15, 300, 1, 0);
	snprintf(line, sizeof line, "%s　%s", issuer_title ? issuer_title : "", issuer_person ? issuer_person : "");
	text(cr, line, margin + 10, by + 86, 14, 300, 0, 0);
	double sx = margin + 260, sy = by + 52, ss = 56;
	cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
	cairo_set_line_width(cr, 0.8);
	cairo_rectangle(cr, sx, sy, ss, ss);
	cairo_stroke(cr);
	text(cr, "公印", sx, sy + ss / 2 - 7, 10, ss, 0, 1);
	cairo_set_source_rgb(cr, 0, 0, 0);
	double qs = 120;
	int ok = draw_qr(cr, url, A4_W - margin - qs, by - 10, qs) == 0;
	text(cr, "有効性の確認（QRコード）", A4_W - margin - qs - 20, by + qs - 4, 9, qs + 40, 0, 1);
	snprintf(line, sizeof line, "確認用URL: %s", url);
	text(cr, line, margin, A4_H - 80, 8, w, 0, 1);
	return ok;
}

/* Draws one certificate's page on cr (the frame is drawn already); returns whether its QR code could be drawn. */
typedef int (*draw_fn)(cairo_t *cr, const void *c);

/* Renders an A4 PDF titled title whose page draw() fills, one at a time (render_lock); *out malloc'd. */
static enum zt_err render(const char *title, draw_fn draw, const void *c, unsigned char **out, size_t *len,
			  const char *failure, struct zt_error *e)
{
	*out = NULL;
	*len = 0;
	struct buf s;
	buf_init(&s, CERTIFICATE_PDF_MAX);
	pthread_mutex_lock(&render_lock);
	cairo_surface_t *surf = cairo_pdf_surface_create_for_stream(sink_write, &s, A4_W, A4_H);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_TITLE, title);
	cairo_t *cr = cairo_create(surf);
	int qr_ok = 0;
	if (cairo_status(cr) == CAIRO_STATUS_SUCCESS) {
		/* double frame */
		cairo_set_source_rgb(cr, 0.15, 0.25, 0.45);
		cairo_set_line_width(cr, 3);
		cairo_rectangle(cr, 28, 28, A4_W - 56, A4_H - 56);
		cairo_stroke(cr);
		cairo_set_line_width(cr, 1);
		cairo_rectangle(cr, 36, 36, A4_W - 72, A4_H - 72);
		cairo_stroke(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		qr_ok = draw(cr, c);
		cairo_show_page(cr);
	}
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(surf);
	cairo_surface_destroy(surf);
	pthread_mutex_unlock(&render_lock);
	if (st != CAIRO_STATUS_SUCCESS || !qr_ok) {
		buf_free(&s);
		return zt_fail(e, ZT_ERR_IO, "", "%s", failure);
	}
	*out = (unsigned char *)buf_take(&s, len);
	return ZT_OK;
}

static int draw_group(cairo_t *cr, const void *arg)
{
	const struct certificate_pdf *c = arg;
	double margin = 56, w = A4_W - 2 * margin;
	double y = 90;
	y += text(cr, CERTIFICATE_TITLE, margin, y, 22, w, 1, 1) + 40;
	y += text(cr, c->institution_name, margin, y, 26, w, 1, 1) + 10;
	y += text(cr, "殿", margin, y, 16, w, 0, 1) + 30;
	char body[2048];
	snprintf(body, sizeof body,
		 c->municipality_centred
			 ? "貴機関は、在宅医療参入促進・連携（グループ化）実施要項に基づく「%s」の構成機関として、"
			   "郡市医師会（%s）と市町村が連携し在宅医療の推進を加速する体制の構築に取り組んでいることを証します。"
			 : "貴機関は、在宅医療参入促進・連携（グループ化）実施要項に基づく「%s」の構成機関として、"
			   "連携を担う拠点（%s）のもと、地域で支え合う医療機関等の連携体制の構築に取り組んでいることを証します。",
		 c->group_name, c->base_name && c->base_name[0] ? c->base_name : "郡市医師会");
	y += text(cr, body, margin + 10, y, 13, w - 20, 0, 0) + 14;
	char line[512];
	snprintf(line, sizeof line, "対象年度　%s", c->fiscal_year ? c->fiscal_year : "");
	y += text(cr, line, margin + 10, y, 13, w - 20, 1, 0) + 4;
	if (c->first_year)
		y += text(cr, "（結成初年度のため、3つの取組は計画の登録をもって要件を満たすものとして交付しています。）",
			  margin + 10, y, 10, w - 20, 0, 0) + 4;
	y += 12;
	y += text(cr, "グループ構成機関", margin + 10, y, 13, w - 20, 1, 0) + 6;
	for (int i = 0; i < c->nmembers && y < A4_H - 320; i++)
		y += text(cr, c->members[i], margin + 24, y, 11, w - 40, 0, 0) + 2;
	return footer(cr, c->number, c->issued_wareki, c->issuer_name, c->issuer_title, c->issuer_person, c->verify_url);
}

enum zt_err certificate_pdf_render(const struct certificate_pdf *c, unsigned char **out, size_t *len,
				   struct zt_error *e)
{
	return render(CERTIFICATE_TITLE, draw_group, c, out, len, "機関証PDFを作成できませんでした。", e);
}

static int draw_training(cairo_t *cr, const void *arg)
{
	const struct training_certificate_pdf *c = arg;
	double margin = 56, w = A4_W - 2 * margin;
	double y = 90;
	y += text(cr, TRAINING_CERTIFICATE_TITLE, margin, y, 30, w, 1, 1) + 40;
	y += text(cr, c->trainee_name, margin, y, 26, w, 1, 1) + 6;
	y += text(cr, "殿", margin, y, 16, w, 0, 1) + 6;
	char line[1024];
	snprintf(line, sizeof line, "（%s）", c->institution_name);
	y += text(cr, line, margin, y, 13, w, 0, 1) + 30;
	char body[2048];
	snprintf(body, sizeof body,
		 "あなたは、%sが実施した「%s」において、第1回座学研修、アドバイザー医師の訪問診療への同行訪問研修"
		 "（%d件）、第2回座学研修および受講後アンケートの全課程を修了したことを認定します。",
		 c->association_name, c->programme_title, c->visits);
	y += text(cr, body, margin + 10, y, 14, w - 20, 0, 0) + 18;
	snprintf(line, sizeof line, "研修年度　%s", c->fiscal_year ? c->fiscal_year : "");
	y += text(cr, line, margin + 10, y, 13, w - 20, 1, 0) + 6;
	snprintf(line, sizeof line, "研修の名称　訪問診療導入研修（同行訪問研修）");
	y += text(cr, line, margin + 10, y, 13, w - 20, 0, 0) + 6;
	if (c->advisor_name && c->advisor_name[0]) {
		snprintf(line, sizeof line, "アドバイザー医師　%s", c->advisor_name);
		text(cr, line, margin + 10, y, 13, w - 20, 0, 0);
	}
	return footer(cr, c->number, c->issued_wareki, c->issuer_name, c->issuer_title, c->issuer_person, c->verify_url);
}

enum zt_err training_certificate_pdf_render(const struct training_certificate_pdf *c, unsigned char **out, size_t *len,
					    struct zt_error *e)
{
	return render(TRAINING_CERTIFICATE_TITLE, draw_training, c, out, len, "認定証PDFを作成できませんでした。", e);
}
