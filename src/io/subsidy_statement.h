/*
 * The claim statement 所要額明細書 (issue 19 §3; seed 003 「所要額(精算額)明細書」) of one operator and
 * fiscal year as XLSX (libxlsxwriter) and PDF (pangocairo, Japanese, 和暦): per programme, each
 * category's spending, cap and claimed amount, then the total against the programme cap.
 */
#ifndef ZT_IO_SUBSIDY_STATEMENT_H
#define ZT_IO_SUBSIDY_STATEMENT_H

#include <stddef.h>

#include "core/error.h"
#include "domain/subsidy.h"

struct subsidy_statement_part {
	const struct subsidy_programme *p;
	const struct subsidy_claim *c;
	const char *source; /* where the caps come from ("" when unknown) */
};
struct subsidy_statement {
	const char *operator_name;
	int fiscal_year;
	const char *made_on;  /* ISO date the statement is made (JST today) */
	int nparts;
	const struct subsidy_statement_part *parts;
};

/* "6,030,000" into out (yen with thousands separators; negative with '-'). */
void subsidy_yen_format(int64_t yen, char *out, size_t outsz);
/* Writes the workbook to path. ZT_ERR_IO when it cannot be written. */
enum zt_err subsidy_statement_xlsx(const struct subsidy_statement *s, const char *path, struct zt_error *e);
/* Renders the PDF into a malloc'd *out (caller frees). ZT_ERR_IO when cairo fails. */
enum zt_err subsidy_statement_pdf(const struct subsidy_statement *s, unsigned char **out, size_t *len,
				  struct zt_error *e);

#endif
