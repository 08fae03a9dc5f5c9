/*
 * zaitaku's own CSV of institutions (docs/csv.md): one header row of the API's JSON field names,
 * one institution per row, capabilities and standards as ';'-separated codes. Written by
 * `export facilities --format csv`, read back by `import facilities` (round trip).
 */
#ifndef ZT_IO_FACILITY_CSV_H
#define ZT_IO_FACILITY_CSV_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

struct store;

#define FACILITY_CSV_MAX_ERRORS 10000

struct facility_csv_summary {
	long rows, inserted, updated;
	struct zt_line_error *errors; /* details of the first FACILITY_CSV_MAX_ERRORS */
	size_t nerrors;
	long error_count;
};

/* The header of the format, comma-separated (for docs and tests). */
extern const char facility_csv_header[];

/* Every institution, ordered by id, as UTF-8 CSV (no BOM) in a malloc'd buffer (*out, *len). */
enum zt_err facility_csv_export(struct store *st, char **out, size_t *len, struct zt_error *e);
/*
 * Imports data (UTF-8 with or without BOM, or CP932). A row with `id` updates that institution;
 * without id, a row whose medical_code exists updates it; otherwise it creates one. Every row is
 * validated like the API; any bad row means nothing is stored (one transaction), ZT_ERR_INVALID
 * with sum->errors listing them. *sum filled in every case; free with facility_csv_summary_free.
 */
enum zt_err facility_csv_import(struct store *st, const char *data, size_t len, const char *source,
				struct facility_csv_summary *sum, struct zt_error *e);
/* Frees the contents of *sum (the error list); not sum itself. Accepts NULL. */
void facility_csv_summary_free(struct facility_csv_summary *sum);

#endif
