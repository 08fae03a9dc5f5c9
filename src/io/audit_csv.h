/* The audit trail as CSV (UTF-8 with BOM, so that Excel opens it as UTF-8), for
 * `zaitaku audit export` and GET /api/v1/audit.csv. Every field is quoted; a text field starting with
 * = + - @ TAB or CR gets a leading ' so that spreadsheets do not run it (io/csv_write.h, CSV_GUARD_ALL). */
#ifndef ZT_IO_AUDIT_CSV_H
#define ZT_IO_AUDIT_CSV_H

#include <jansson.h>
#include <stdio.h>

/* Writes the BOM and the header line. */
void audit_csv_header(FILE *out);
/* Writes one row as returned by audit_each(). */
void audit_csv_row(FILE *out, const json_t *row);

#endif
