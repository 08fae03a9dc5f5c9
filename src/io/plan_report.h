/*
 * The yearly report (実績報告書, issue 19 §4) of one operator and fiscal year as a Japanese A4 PDF
 * (cairo + pango, 和暦 dates) and an XLSX workbook. Formats only: the report comes as the JSON that
 * app_plan_report builds — {title, operator:{name}, fiscal_year_ja, ruleset:{name}, actions:[{label,
 * chosen, evidence_count, evidence:[{date, source_ja, title}]}], goals:[{text}], compliance:{compliant,
 * rules:[{label, status_ja, pending, why}]}, check_note, act_note, sections:[{title, rows:[[cell, …]]}],
 * generated_ja}. "sections" are extra chapters other features fill (the money, by the subsidies
 * feature): each is a title and rows of strings, drawn as a table.
 */
#ifndef ZT_IO_PLAN_REPORT_H
#define ZT_IO_PLAN_REPORT_H

#include <jansson.h>
#include <stddef.h>

#include "core/error.h"

/* Renders the report PDF; *out is malloc'd (caller frees). ZT_ERR_IO when cairo fails. */
enum zt_err plan_report_pdf(const json_t *rep, unsigned char **out, size_t *len, struct zt_error *e);
/* Writes the report as an XLSX workbook at path (sheets 実施状況, 指標, 要件, then one per section).
 * ZT_ERR_IO when the file cannot be written. */
enum zt_err plan_report_xlsx(const json_t *rep, const char *path, struct zt_error *e);

#endif
