/*
 * One CSV writer for every export (RFC 4180, CRLF rows) with one explicit formula-injection guard
 * (docs/csv.md): a text cell that starts with = + - @ TAB or CR gets a leading apostrophe so that
 * a spreadsheet shows it as text instead of running it; with CSV_GUARD_NUMBERS_OK a cell that is a
 * plain number (-12, -3.5) is left as it is. A cell starting with an apostrophe followed by one of
 * those characters gets a second apostrophe, so csv_unguard restores every cell exactly.
 */
#ifndef ZT_IO_CSV_WRITE_H
#define ZT_IO_CSV_WRITE_H

#include <stdbool.h>

#include "core/buf.h"

enum csv_guard {
	CSV_GUARD_ALL,        /* every text cell starting with = + - @ TAB CR is prefixed with ' */
	CSV_GUARD_NUMBERS_OK, /* the same, except cells that are plain numbers (-?digits[.digits]) */
};

struct csv_writer {
	struct buf *out;
	bool quote_all;       /* true: every text cell quoted; false: only when needed */
	enum csv_guard guard;
	int col;              /* cells written in the current row */
};

/* A writer appending to out (out's cap applies: check buf_failed / buf_take at the end). */
void csv_writer_init(struct csv_writer *w, struct buf *out, bool quote_all, enum csv_guard guard);
/* A text cell: guarded, quoted as the writer says (always when it holds a comma, quote, CR, LF or
 * an edge space). */
void csv_cell(struct csv_writer *w, const char *s);
/* A value the program printed itself (an integer, a number, 1/0): written as it is, never guarded
 * nor quoted. */
void csv_cell_raw(struct csv_writer *w, const char *s);
/* Ends the row with CRLF. */
void csv_end_row(struct csv_writer *w);
/* The text of a cell read back from our own export: s without the guard's apostrophe. */
const char *csv_unguard(const char *s);

#endif
