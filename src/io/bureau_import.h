/*
 * Import of the 地方厚生局「施設基準の届出受理状況」lists (issue 2 §6): XLSX as downloaded, or CSV
 * saved from Excel (CP932) or UTF-8. Finds the header row under the title rows, maps columns by
 * name, derives the 10-digit 医療機関コード, merges the rows of one institution (one row per
 * filing), and upserts institutions by 医療機関コード with their standards and filings. Every bad
 * line is reported; a file with any bad line stores nothing (one transaction).
 */
#ifndef ZT_IO_BUREAU_IMPORT_H
#define ZT_IO_BUREAU_IMPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

struct store;
struct zt_actor;

/* Details kept for at most this many problems (all are counted). */
#define BUREAU_MAX_ERRORS 10000

struct bureau_symbol_count {
	char *symbol;    /* 受理記号 (width-normalised) */
	long count;
};

enum bureau_phase { BUREAU_PHASE_READ, BUREAU_PHASE_WRITE };

struct bureau_options {
	bool dry_run;        /* validate and count, store nothing */
	const char *source;  /* file name recorded in import_batch */
	/* Who imports, for the audit row written with the import (NULL: the system / CLI). */
	const struct zt_actor *who; /* NULL: the system from "cli" */
	/* Progress: called every 10,000 rows while reading and every 5% while writing. */
	void (*progress)(enum bureau_phase phase, long done, long total, void *ctx);
	void *progress_ctx;
};

struct bureau_summary {
	const char *format;  /* "xlsx", "csv-utf8", "csv-cp932" */
	long header_line;
	long last_line;
	long rows;           /* data rows (filings) read */
	long institutions;   /* distinct 医療機関コード */
	long inserted, updated;
	long known_filings, unknown_filings;
	struct bureau_symbol_count *unknown; /* sorted by count, descending */
	size_t nunknown;
	struct zt_line_error *errors; /* field: the column name as the bureau prints it */
	size_t nerrors;      /* details kept */
	long error_count;    /* all problems */
	bool dry_run;
};

/*
 * Imports data[0..len). Returns ZT_OK (stored, or validated with dry_run), ZT_ERR_INVALID when
 * the file has bad lines (sum->errors lists them; nothing stored) or cannot be read at all (*e),
 * or a store error. *sum is filled in every case; free with bureau_summary_free.
 */
enum zt_err bureau_import(struct store *st, const char *data, size_t len, const struct bureau_options *opt,
			  struct bureau_summary *sum, struct zt_error *e);
/* Frees the contents of *sum (error and unknown-symbol lists) and zeroes it; not sum itself. Accepts NULL. */
void bureau_summary_free(struct bureau_summary *sum);
/* The summary as JSON (API reply; errors as [{line, field, message}]). Caller owns. */
json_t *bureau_summary_json(const struct bureau_summary *sum);

#endif
