/*
 * JSON, CSV and XLSX forms of the designation (seed 001) and the coverage audit, computed from a
 * struct desig_world by the domain rules (designation.h, coverage.h, obligations.h). Returned JSON
 * values and buffers belong to the caller.
 */
#ifndef ZT_IO_DESIGNATION_JSON_H
#define ZT_IO_DESIGNATION_JSON_H

#include <jansson.h>
#include <stddef.h>

#include "core/error.h"
#include "domain/designation.h"

/* Per municipality: candidates of both roles with their rule, designations in force (active and
 * bases); per 圏域 its status. */
json_t *designation_report_json(const struct desig_world *w);
/* Only what is published: designations in force per 圏域 and municipality (names, roles). */
json_t *designation_public_json(const struct desig_world *w);
/* The coverage audit: per 圏域 and per 二次医療圏, plus map data (municipality centroids with
 * uncovered flags, home-care-capable institutions with coordinates). */
json_t *coverage_report_json(const struct desig_world *w);
/* The coverage table as CSV (UTF-8 with BOM, CRLF, Japanese header). *out malloc'd. */
void coverage_csv(const struct desig_world *w, char **out, size_t *len);
/* The coverage table as an XLSX workbook written to path (libxlsxwriter). */
enum zt_err coverage_xlsx(const struct desig_world *w, const char *path, struct zt_error *e);
/* Adds label, status_label and overdue (today ISO) to checklist rows of store_checklist(). */
void checklist_decorate(json_t *rows, const char *today);

#endif
