/*
 * zaitaku's own CSV of institutions (docs/csv.md): one header row of the API's JSON field names,
 * one institution per row, capabilities and standards as ';'-separated codes. Written by
 * `export facilities --format csv`, read back by `import facilities` (round trip). This file is the
 * format only; storing the rows is app/app_imports.c's job.
 */
#ifndef ZT_IO_FACILITY_CSV_H
#define ZT_IO_FACILITY_CSV_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/buf.h"
#include "core/error.h"

struct facility;

#define FACILITY_CSV_MAX_ERRORS 10000

struct facility_csv_summary {
	long rows, inserted, updated;
	struct zt_line_error *errors; /* details of the first FACILITY_CSV_MAX_ERRORS */
	size_t nerrors;
	long error_count;
};

/* The header of the format, comma-separated (for docs and tests). */
extern const char facility_csv_header[];

/* Number of columns and the Japanese heading of column i (the XLSX writer). */
int facility_csv_ncols(void);
const char *facility_csv_label(int i);
/* Calls fn per column of f with its text as exported (kind, capabilities and standards as
 * Japanese labels, coord_date in 和暦); is_text: false for numbers and 1/0 flags. */
typedef void (*facility_cell_fn)(int col, const char *text, bool is_text, void *ctx);
void facility_cells(const struct facility *f, facility_cell_fn fn, void *ctx);

/* Appends the header row (CRLF-terminated) to out. */
void facility_csv_begin(struct buf *out);
/* Appends one institution as a row (CRLF-terminated; text cells guarded against formulas,
 * CSV_GUARD_ALL of io/csv_write.h). */
void facility_csv_append(struct buf *out, const struct facility *f);

/* One good data row: the cells as an object of the API's field names, ready for facility_from_json
 * (the id column apart: 0 when empty). Borrowed for the callback. */
struct facility_csv_row {
	long line;
	int64_t id;
	json_t *fields;
};
/* Called per data row whose cells are well-formed; it may add problems to sum (with
 * facility_csv_add_error) and count inserted/updated. Return 0 to go on, non-zero to stop (a
 * storage failure). */
typedef int (*facility_csv_row_fn)(const struct facility_csv_row *row, struct facility_csv_summary *sum, void *ctx);

/*
 * Reads UTF-8 text (decoded with encoding_to_utf8), checking the header and every cell, and calls fn
 * per good row. Resets the counts of *sum first. Returns ZT_OK when every row was good,
 * ZT_ERR_INVALID (*e; sum->errors lists the rows) when any was not or the header is missing,
 * ZT_ERR_DB when fn stopped.
 */
enum zt_err facility_csv_read(const char *text, size_t len, facility_csv_row_fn fn, void *ctx,
			      struct facility_csv_summary *sum, struct zt_error *e);
/*
 * The same for our XLSX (GET /api/v1/facilities.xlsx, first worksheet): title rows above the
 * header are skipped (the header is the first row naming 種別 and 名称, or kind and name); cells
 * Excel leaves out at the end of a row count as empty. Line numbers are sheet rows.
 */
enum zt_err facility_xlsx_read(const char *data, size_t len, facility_csv_row_fn fn, void *ctx,
			       struct facility_csv_summary *sum, struct zt_error *e);
/* Counts one problem of a row in *sum (details kept for the first FACILITY_CSV_MAX_ERRORS). */
void facility_csv_add_error(struct facility_csv_summary *sum, long line, const char *field, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* Frees the contents of *sum (the error list); not sum itself. Accepts NULL. */
void facility_csv_summary_free(struct facility_csv_summary *sum);

#endif
