/*
 * Use cases of file imports (issue 2 §6, issue 4 §4): each parses with io/ (formats only), then
 * writes in one store_tx with its import_batch and audit rows. Called by the CLI and HTTP alike.
 */
#ifndef ZT_APP_APP_IMPORTS_H
#define ZT_APP_APP_IMPORTS_H

#include <jansson.h>
#include <stdbool.h>
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
 * The same with the change report (issue 12 §4). req->expect_registry (the preview's
 * registry_hash) and req->expect_file (its file_sha256), when given, must still hold inside the
 * transaction, else ZT_ERR_CONFLICT and nothing is stored: a confirmation applies exactly the
 * previewed change. req->file_name is kept in the import record. On success *report (may be
 * NULL; caller owns) receives {registry_hash, file_sha256, ended_on, counts{new, changed,
 * unchanged, ended_institutions, standards_gained, standards_lost, filings_ended}, new[],
 * changed[], ended[], truncated, import_batch}. Unchanged institutions are not written at all; a
 * filing absent from the new list (within the list's prefectures and 点数表) ends with the list's
 * date and is kept in institution_filing_end. The designation rules hear of institutions that lost
 * a standard in on_standards_lost() (app_imports.c), inside the transaction.
 */
struct app_bureau_request {
	const struct bureau_options *opt;
	const char *file_name;       /* NULL: none */
	const char *expect_registry; /* NULL: no check */
	const char *expect_file;     /* NULL: no check */
	/* true: the file is a コード内容別医療機関一覧表 (io/code_list_import.h): every insured
	 * institution, no filings. Only the institutions' attributes are compared and written (their
	 * 施設基準 stay as the last 施設基準 list left them); registry institutions of the list's
	 * prefecture and 点数表 that it lacks are reported as not_listed, never changed. */
	bool code_list;
	const char *prefecture; /* code list: the prefecture when its title names none; NULL */
	/* The caller's access check per prefecture code ("08") the list holds, after parsing and
	 * before anything else; non-ZT_OK (with *e) refuses the whole file. NULL: no check. */
	enum zt_err (*may_prefecture)(const char *pref, void *ctx, struct zt_error *e);
	void *may_ctx;
};
enum zt_err app_imports_bureau(struct store *st, const struct zt_actor *who, const char *data, size_t len,
				const struct app_bureau_request *req, struct bureau_summary *sum, json_t **report,
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
 * The same for a file exported from zaitaku (CSV, or XLSX from GET /api/v1/facilities.xlsx), with
 * the change report (issue 12 §5): a row that changes nothing is not written (no updated_at
 * churn); each changed institution gets an audit row with the before/after of exactly the edited
 * fields. req->dry_run computes the report and rolls back; req->expect_registry (the preview's
 * registry_hash, a hash over the stored state of every institution the file touches) must still
 * hold, else ZT_ERR_CONFLICT and nothing is stored. *report (may be NULL; caller owns) receives
 * {format, registry_hash, file_sha256, counts{new, changed, unchanged}, new[], changed[{id, name,
 * line, before{}, after{}}]}.
 */
struct app_facilities_request {
	const char *source, *file_name;
	bool dry_run;
	const char *expect_registry; /* NULL: no check */
	/* The caller's access check per row on the municipality (6 digits, "" when none) of the stored
	 * institution and of the row's new value; false makes the row an error naming its line.
	 * NULL: no check. */
	bool (*may_write)(const char *municipality, void *ctx);
	void *may_ctx;
};
enum zt_err app_imports_facilities_file(struct store *st, const struct zt_actor *who, const char *data, size_t len,
					const struct app_facilities_request *req, struct facility_csv_summary *sum,
					json_t **report, struct zt_error *e);

/*
 * Stores every pair of an adjacency CSV (io/adjacency_csv.h) both ways, in one transaction; both
 * municipalities must be registered. The first bad row is an error naming its line (e->line) and
 * nothing is stored. *pairs receives the number of rows stored (0 on error).
 */
enum zt_err app_imports_adjacency(struct store *st, const char *data, size_t len, long *pairs, struct zt_error *e);

/* Loads the embedded prefectures and municipalities (io/refdata.h) in one transaction (idempotent). */
enum zt_err app_imports_municipalities(struct store *st, struct zt_error *e);

#endif
