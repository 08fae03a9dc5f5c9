/*
 * The monthly referral report of a district (issue 16 §6) as CSV and XLSX: referrals by state, days
 * from referral to acceptance, declines by reason, load per institution (with a bar chart in the
 * workbook). Formats only: the report comes as the JSON of app_referral_report.
 */
#ifndef ZT_IO_REFERRAL_REPORT_H
#define ZT_IO_REFERRAL_REPORT_H

#include <jansson.h>

#include "core/buf.h"
#include "core/error.h"

/* Appends the report as one CSV table (区分, 項目, 件数・日数) to out (UTF-8, CRLF rows, guarded cells). */
void referral_report_csv(const json_t *rep, struct buf *out);
/* Writes the report as an XLSX workbook at path (four sheets, a chart of the load per institution).
 * ZT_ERR_IO when the file cannot be written. */
enum zt_err referral_report_xlsx(const json_t *rep, const char *path, struct zt_error *e);

#endif
