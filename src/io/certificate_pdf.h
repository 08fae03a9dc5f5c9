/*
 * The group certificate (在宅医療参入促進・連携（グループ化）機関証, seed 000 §3(2)) and the training
 * certificate (認定証, seed 000 §3(3)) as A4 PDFs,
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

/* The training certificate (認定証, seed 000 §3(3) "推進センターが主催する研修を受講した医師等に対し認定証を
 * 交付する") of a doctor who completed 訪問診療導入研修 (seed 002 ②), same layout and verification. */
#define TRAINING_CERTIFICATE_TITLE "認定証"
struct training_certificate_pdf {
	const char *trainee_name;
	const char *institution_name;
	const char *association_name;  /* the 郡市医師会 that ran the programme */
	const char *programme_title;
	const char *advisor_name;      /* "" when none */
	int visits;                    /* accompanied visits made */
	const char *fiscal_year;       /* "令和8年度" */
	const char *number;            /* KS-2026-000001 */
	const char *issued_wareki;
	const char *verify_url;
	const char *issuer_name, *issuer_title, *issuer_person;
};
/* As certificate_pdf_render. */
enum zt_err training_certificate_pdf_render(const struct training_certificate_pdf *c, unsigned char **out, size_t *len,
					    struct zt_error *e);

#endif
