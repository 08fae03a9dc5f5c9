/*
 * The rota as the workbook coordinators keep today (issue 15 §5, libxlsxwriter): a title row with the
 * group and the period, then one row per date (西暦, 和暦, 曜日, 区分) and one column per duty type
 * (平日夜間, 休日日中, 休日夜間, 年末年始日中, 年末年始夜間) holding the doctors' names.
 */
#ifndef ZT_IO_ROTA_XLSX_H
#define ZT_IO_ROTA_XLSX_H

#include <jansson.h>

#include "core/error.h"

/* Writes the view of app_rota_view (its "days") to path; ZT_ERR_IO when the file cannot be written. */
enum zt_err rota_xlsx_write(const json_t *view, const char *title, const char *path, struct zt_error *e);

#endif
