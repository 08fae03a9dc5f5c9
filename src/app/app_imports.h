/*
 * Use cases of file imports (issue 2 §6, issue 4 §4): each parses with io/ (formats only), then
 * writes in one store_tx with its import_batch and audit rows. Called by the CLI and HTTP alike.
 */
#ifndef ZT_APP_APP_IMPORTS_H
#define ZT_APP_APP_IMPORTS_H

#include <stddef.h>

#include "core/error.h"
#include "io/bureau_import.h"
#include "io/facility_csv.h"

struct store;
struct zt_actor;

/*
 * Imports a 地方厚生局 filing list (XLSX or CSV, see io/bureau_import.h): upserts institutions by
 * 医療機関コード with their standards and filings, one import_batch row and one audit row by who
 * (NULL: the system), all in one transaction. Returns ZT_OK (stored, or only validated and counted
 * with opt->dry_run), ZT_ERR_INVALID when the file has bad lines (sum->errors lists them; nothing
 * stored) or cannot be read (*e), ZT_ERR_TOOLARGE over the memory budget, or a store error.
 * *sum is filled in every case; free with bureau_summary_free.
 */
enum zt_err app_imports_facility_standards(struct store *st, const struct zt_actor *who, const char *data, size_t len,
					   const struct bureau_options *opt, struct bureau_summary *sum,
					   struct zt_error *e);

/*
 * Imports zaitaku's own institution CSV (docs/csv.md; UTF-8 with or without BOM, or CP932). A row
 * with `id` updates that institution; without id, a row whose medical_code exists updates it;
 * otherwise it creates one. Every row is validated like the API; any bad row means nothing is
 * stored (one transaction with the import_batch and audit rows), ZT_ERR_INVALID with sum->errors
 * listing them. *sum filled in every case; free with facility_csv_summary_free.
 */
enum zt_err app_imports_facilities(struct store *st, const struct zt_actor *who, const char *data, size_t len,
				   const char *source, struct facility_csv_summary *sum, struct zt_error *e);

/*
 * Stores every pair of an adjacency CSV (io/adjacency_csv.h) both ways, in one transaction; both
 * municipalities must be registered. The first bad row is an error naming its line (e->line) and
 * nothing is stored. *pairs receives the number of rows stored (0 on error).
 */
enum zt_err app_imports_adjacency(struct store *st, const char *data, size_t len, long *pairs, struct zt_error *e);

/* Loads the embedded prefectures and municipalities (io/refdata.h) in one transaction (idempotent). */
enum zt_err app_imports_municipalities(struct store *st, struct zt_error *e);

#endif
