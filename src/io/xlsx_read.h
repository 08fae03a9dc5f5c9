/*
 * Reading the first worksheet of an .xlsx workbook (Office Open XML) as rows of strings, with
 * libzip and libxml2's streaming reader: shared strings (phonetic runs skipped), inline strings,
 * numbers and booleans as their text, cells missing between references as "".
 * Bounded: the worksheet and the shared strings are streamed out of the zip, each shared string is
 * kept once (cells refer to it, never copy it), and what is kept — the shared strings plus the
 * text of the current row — must fit a memory budget.
 */
#ifndef ZT_IO_XLSX_READ_H
#define ZT_IO_XLSX_READ_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

/* Largest uncompressed part we read (a guard against zip bombs). */
#define XLSX_PART_MAX (256u * 1024u * 1024u)
#define XLSX_MAX_COLS 256
/* Default memory budget (bytes) when none is given. */
#define XLSX_MEMORY_DEFAULT (256u * 1024u * 1024u)
/* Largest row and column of a cell reference ("XFD1048576", Excel's limits). */
#define XLSX_MAX_ROW 1048576L
#define XLSX_MAX_COLUMN 16384

struct xlsx_options {
	size_t memory_budget; /* bytes of shared strings and row text kept at once; 0: the default */
};

/* True when data starts with the zip local-file magic "PK\x03\x04". */
bool xlsx_is_zip(const char *data, size_t len);

/* Called per row that has at least one cell: row is the 1-based sheet row number; cells are
 * borrowed for the call. Return 0 to go on, non-zero to stop (that value is returned). */
typedef int (*xlsx_row_fn)(long row, int ncells, const char *const *cells, void *ctx);

/* Reads the first worksheet of data[0..len). Returns 0, fn's non-zero value, or -1 with *e
 * describing (in Japanese) why the file cannot be read: ZT_ERR_INVALID for a broken file or a
 * malformed cell reference (e->line the row), ZT_ERR_TOOLARGE when the budget is exceeded.
 * opt may be NULL (defaults). */
int xlsx_read_opt(const char *data, size_t len, const struct xlsx_options *opt, xlsx_row_fn fn, void *ctx,
		  struct zt_error *e);
/* xlsx_read_opt with the default options. */
int xlsx_read(const char *data, size_t len, xlsx_row_fn fn, void *ctx, struct zt_error *e);

#endif
