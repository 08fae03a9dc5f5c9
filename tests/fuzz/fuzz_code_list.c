/* libFuzzer harness: the コード内容別医療機関一覧表 import (app/app_imports.h over io/code_list_import.h) on
 * arbitrary bytes — XLSX (zip), CP932 or UTF-8 CSV — as a dry run against an in-memory database
 * with the municipalities; the first byte chooses whether a prefecture is given.
 * Invariants: never crashes; an accepted file reports no problem; at most BUREAU_MAX_ERRORS kept. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_imports.h"
#include "store/store.h"

static struct store *st;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	struct zt_error e;
	zt_error_clear(&e);
	st = store_open(":memory:", &e);
	if (st == NULL || app_imports_municipalities(st, &e) != ZT_OK)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bureau_options opt = {.dry_run = true, .source = "fuzz"};
	struct app_bureau_request req = {.opt = &opt, .code_list = true,
					 .prefecture = size > 0 && (data[0] & 1) ? "08" : NULL};
	struct bureau_summary sum;
	memset(&sum, 0, sizeof sum);
	json_t *report = NULL;
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = app_imports_bureau(st, NULL, (const char *)data, size, &req, &sum, &report, &e);
	if (r == ZT_OK && (sum.error_count != 0 || report == NULL))
		abort();
	if (sum.nerrors > BUREAU_MAX_ERRORS)
		abort();
	json_decref(report);
	bureau_summary_free(&sum);
	return 0;
}
