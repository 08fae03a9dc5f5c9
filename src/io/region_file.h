/*
 * The file and JSON forms of the region tables (issue 12 §1; domain/region.h): CSV (UTF-8 with or
 * without BOM, or CP932) and XLSX in, CSV (UTF-8 with BOM, or CP932) and XLSX out, and the JSON
 * body of the region page. Columns are the Japanese headers of region_kinds[k].header; codes stay
 * text so that leading zeros survive Excel.
 */
#ifndef ZT_IO_REGION_FILE_H
#define ZT_IO_REGION_FILE_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "domain/region.h"

/*
 * Reads a file of kind k (XLSX when it starts as a zip, else CSV in UTF-8/CP932). The first row must
 * be the header (region_kinds[k].header, in order); blank rows are skipped, and a population row
 * without a figure is no row (an exported template round-trips). On success *rows (malloc'd, caller
 * frees) holds *n rows with their line numbers; on a bad cell ZT_ERR_INVALID with e->line and
 * e->field the column's header. Nothing about the rows' meaning is checked here (region_validate).
 */
enum zt_err region_file_read(enum region_kind k, const char *data, size_t len, struct region_row **rows, size_t *n,
			     struct zt_error *e);

/* The page's body {"rows": [{name, municipality, neighbour, population, source, year}]} into rows
 * (malloc'd, caller frees; line = index + 1). ZT_ERR_INVALID naming the member on a bad value. */
enum zt_err region_rows_from_json(enum region_kind k, const json_t *body, struct region_row **rows, size_t *n,
				  struct zt_error *e);

/* CSV of the rows view (store_region_view: objects with the keys above plus municipality_name,
 * neighbour_name). cp932: CP932 bytes (a character CP932 lacks is written as 〓), else UTF-8 with
 * BOM. *out malloc'd (caller frees). */
void region_csv_write(enum region_kind k, const json_t *view, bool cp932, char **out, size_t *len);
/* The same as an XLSX workbook written to path. ZT_ERR_IO when it cannot be written. */
enum zt_err region_xlsx_write(enum region_kind k, const json_t *view, const char *path, struct zt_error *e);

#endif
