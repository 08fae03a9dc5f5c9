/*
 * The registry as an Excel workbook (issue 12 §5, libxlsxwriter): a title row with the date in
 * 和暦 (「医療機関一覧 令和8年11月30日現在」), then the Japanese headings and one institution per
 * row, every cell written as text so that codes keep their leading zeros. The columns are those of
 * our CSV (facility_csv.h) and the file reads back with facility_xlsx_read.
 */
#ifndef ZT_IO_FACILITY_XLSX_H
#define ZT_IO_FACILITY_XLSX_H

#include "core/error.h"

struct facility;
struct facility_xlsx;

/* Starts a workbook at path with the title row (title and the ISO date today, shown in 和暦).
 * NULL with *e when the file cannot be created. */
struct facility_xlsx *facility_xlsx_open(const char *path, const char *title, const char *today, struct zt_error *e);
/* Appends one institution. */
void facility_xlsx_add(struct facility_xlsx *x, const struct facility *f);
/* Writes and closes the workbook (frees x). ZT_OK or ZT_ERR_IO with *e. */
enum zt_err facility_xlsx_close(struct facility_xlsx *x, struct zt_error *e);

#endif
