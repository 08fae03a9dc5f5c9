/*
 * Reading the unavailable dates a coordinator collected (不都合日, issue 15 §5) from CSV: UTF-8 with
 * or without a BOM, or CP932 (Excel on Japanese Windows). Columns, in this order, with an optional
 * header line: 日付 (YYYY-MM-DD or YYYY/M/D), 医師 (the doctor's name as registered, or their ID),
 * 理由 (optional, default 「不都合」), 種別 (optional: 学会 / conference, 不在, or empty).
 */
#ifndef ZT_IO_ROTA_UNAVAIL_CSV_H
#define ZT_IO_ROTA_UNAVAIL_CSV_H

#include <stddef.h>

#include "core/error.h"

struct unavail_csv_row {
	long line;
	char date[11];     /* normalised YYYY-MM-DD */
	char doctor[128];  /* name or decimal id, trimmed */
	char reason[256];
	char source[16];   /* "conference" or "csv" */
};

/* Called per good row; returns ZT_OK to go on, anything else (with *e filled) to stop. */
typedef enum zt_err (*unavail_row_fn)(const struct unavail_csv_row *row, void *ctx, struct zt_error *e);

/* Decodes data[0..len) and calls fn per row. The first bad row stops: its error names the line
 * (e->line) and the column (e->field: 日付 / 医師 / 理由 / 種別). *rows gets the rows passed to fn. */
enum zt_err unavail_csv_read(const char *data, size_t len, unavail_row_fn fn, void *ctx, long *rows, struct zt_error *e);

#endif
