/*
 * Import of the 地方厚生局「施設基準の届出受理状況」lists (issue 2 §6): XLSX as downloaded, or CSV
 * saved from Excel (CP932) or UTF-8. Finds the header row under the title rows, maps columns by
 * name, derives the 10-digit 医療機関コード and merges the rows of one institution (one row per
 * filing) into a list of institutions with their standards and filings. Every bad line is
 * reported. Storing the list is app/app_imports.c's job (one transaction with the audit row).
 */
#ifndef ZT_IO_BUREAU_IMPORT_H
#define ZT_IO_BUREAU_IMPORT_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>

#include <stdint.h>

#include "core/arena.h"
#include "core/error.h"
#include "core/strmap.h"
#include "domain/bureau.h"
#include "domain/facility.h"

/* Details kept for at most this many problems (all are counted). */
#define BUREAU_MAX_ERRORS 10000
/* Default memory budget of one XLSX import (shared strings, sheet rows); see xlsx_read.h. */
#define BUREAU_MEMORY_DEFAULT (256u * 1024u * 1024u)
#define BUREAU_MAX_PREF 48

struct bureau_symbol_count {
	char *symbol;    /* 受理記号 (width-normalised) */
	long count;
};

enum bureau_phase { BUREAU_PHASE_READ, BUREAU_PHASE_WRITE };

struct bureau_options {
	bool dry_run;        /* validate and count, store nothing */
	const char *source;  /* file name recorded in import_batch */
	size_t memory_budget; /* bytes an XLSX import may hold; 0: BUREAU_MEMORY_DEFAULT */
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
	char as_of[11];      /* the list's date from a title row (「令和6年11月1日現在」), ISO; "" when none */
};

/* The places addresses are matched against, borrowed from the caller for the parse. */
struct bureau_places {
	const char *pref_names[BUREAU_MAX_PREF]; /* by prefecture code 1–47; NULL when unknown */
	int n;                                   /* municipalities (wards included) */
	char *const *codes, *const *prefs, *const *names, *const *parents; /* parallel arrays of n */
};

/* Municipality names per prefecture for matching addresses (wards as city + ward). */
struct bureau_muni_index {
	char pref_names[BUREAU_MAX_PREF][32];
	struct muni_name *munis[BUREAU_MAX_PREF];
	int nmunis[BUREAU_MAX_PREF];
};
/* Builds ix from places; ward names are allocated in arena. Free with bureau_muni_index_free. */
void bureau_muni_index_load(struct bureau_muni_index *ix, const struct bureau_places *places, struct arena *arena);
void bureau_muni_index_free(struct bureau_muni_index *ix);
/* Prefecture code (1–47) of a name ("茨城県" or "茨城"), 0 when unknown. */
int bureau_muni_index_pref(const struct bureau_muni_index *ix, const char *name);
/* The 6-digit code of the municipality address lies in (prefecture pref), "" when none. */
void bureau_muni_index_match(const struct bureau_muni_index *ix, int pref, const char *address, char out[7]);

/* One institution of the list (merged from its filing rows). */
struct bureau_inst {
	int64_t id;               /* stored id: 0 until the caller sets it */
	long line;                /* first line of the institution */
	int kind;                 /* enum inst_kind, settled after reading (bureau_resolve) */
	const char *code, *name, *postal, *address, *phone, *fax; /* NULL when empty (code, name never) */
	char table;
	int beds;
	char municipality[7];     /* "" when no municipality matched */
	uint32_t standards;
	const char *since[STD__MAX];
	int first_filing, last_filing; /* indexes into filings, -1 when none */
};

/* One filing (届出) of an institution; next chains the filings of one institution (-1 ends). */
struct bureau_filing {
	int next;
	const char *symbol, *name, *number, *start, *note;
	bool known;
};

/* What one parse collects; every string lives in the list's arena. Zero-initialise before use. */
struct bureau_list {
	struct bureau_inst *insts;
	size_t ninsts, cap_insts;
	struct bureau_filing *filings;
	size_t nfilings, cap_filings;
	struct strmap by_code; /* 医療機関コード → index into insts */
	struct arena arena;
};

/*
 * Reads data[0..len) into *list. Returns ZT_OK when every line is good, ZT_ERR_INVALID when the
 * file has bad lines (sum->errors lists them) or cannot be read at all (*e), ZT_ERR_TOOLARGE (*e,
 * in Japanese) when an XLSX needs more memory than opt->memory_budget. *sum (counts, unknown
 * symbols, errors; inserted/updated are the caller's) and *list are filled in every case; free
 * them with bureau_summary_free and bureau_list_free.
 */
enum zt_err bureau_parse(const char *data, size_t len, const struct bureau_places *places,
			 const struct bureau_options *opt, struct bureau_list *list, struct bureau_summary *sum,
			 struct zt_error *e);
/* Index of the institution with this 医療機関コード, -1 when none. */
int bureau_list_find(const struct bureau_list *list, const char *code);
/* Frees everything the list holds and zeroes it; not list itself. Accepts NULL. */
void bureau_list_free(struct bureau_list *list);
/* Frees the contents of *sum (error and unknown-symbol lists) and zeroes it; not sum itself. Accepts NULL. */
void bureau_summary_free(struct bureau_summary *sum);
/* The summary as JSON (API reply; errors as [{line, field, message}]). Caller owns. */
json_t *bureau_summary_json(const struct bureau_summary *sum);

#endif
