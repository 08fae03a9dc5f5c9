/*
 * The group certificate (在宅医療参入促進・連携（グループ化）機関証, seed 000 §3(2)) as an A4 PDF,
 * drawn with cairo + pango in IPA Gothic, with a QR code (libqrencode) of the verification URL.
 */
#ifndef ZT_IO_CERTIFICATE_PDF_H
#define ZT_IO_CERTIFICATE_PDF_H

#include <stddef.h>

#include "core/error.h"

#define CERTIFICATE_TITLE "在宅医療参入促進・連携（グループ化）機関証"

struct certificate_pdf {
	const char *institution_name;
	const char *group_name;
	const char *base_name;        /* 連携を担う拠点（郡市医師会） */
	const char *const *members;   /* "名称（役割）" lines */
	int nmembers;
	const char *number;           /* KG-2025-000123 */
	const char *issued_wareki;    /* 令和7年4月1日 */
	const char *verify_url;       /* encoded in the QR code and printed below it */
	const char *fiscal_year;      /* 対象年度: "令和8年度（令和8年4月1日〜令和9年3月31日）" */
	int first_year;               /* issued under the first-year grace of the three 取組 */
	const char *issuer_name;      /* 交付者: 推進センター or 郡市医師会 (region settings) */
	const char *issuer_title;     /* its representative's title, "" when none */
	const char *issuer_person;    /* and name */
	int municipality_centred;     /* the 郡市医師会・市町村 form of seed 000 §2 */
};

/* Renders the certificate; *out is malloc'd (caller frees), *len its size. ZT_ERR_IO on failure. */
enum zt_err certificate_pdf_render(const struct certificate_pdf *c, unsigned char **out, size_t *len,
				   struct zt_error *e);

#endif
