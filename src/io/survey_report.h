/*
 * The results of a clinic survey (issue 18 §1, seed 002 STEP1 阻害要因の把握) as JSON, as SVG charts
 * drawn here (no chart library, no CDN) and as an XLSX workbook (libxlsxwriter): response rate,
 * counts per question, the barrier analysis (barriers ①–⑥ × clinics, cross-tabulated with 施設基準
 * and willingness) and the clinics "willing under conditions" with their conditions.
 */
#ifndef ZT_IO_SURVEY_REPORT_H
#define ZT_IO_SURVEY_REPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "domain/survey.h"

/* The results as the API shows them (new reference). */
json_t *survey_results_json(const struct survey_results *r);
/* The barrier chart: one bar per barrier, most named first, stacked by willingness (by_std false) or
 * by standard (by_std true), with a legend. *out is new (free()), *len its length. */
void survey_barrier_svg(const struct survey_results *r, bool by_std, char **out, size_t *len);
/* Writes the workbook (回答一覧, 集計, 阻害要因, 条件付き意欲) to path. ZT_ERR_IO when it cannot. */
enum zt_err survey_results_xlsx_write(const struct survey_results *r, const char *path, struct zt_error *e);

#endif
