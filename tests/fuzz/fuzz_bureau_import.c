/* libFuzzer harness: the 地方厚生局 list import (app/app_imports.h over io/bureau_import.h) on arbitrary bytes — XLSX
 * (zip), CP932 or UTF-8 CSV — as a dry run against an in-memory database with the schema.
 * Invariants: never crashes; a rejected file reports at least one problem or an error. */
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
	if (st == NULL)
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct bureau_options opt = {.dry_run = true, .source = "fuzz"};
	struct bureau_summary sum;
	memset(&sum, 0, sizeof sum);
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = app_imports_facility_standards(st, NULL, (const char *)data, size, &opt, &sum, &e);
	if (r == ZT_OK && sum.error_count != 0)
		abort();
	if (sum.nerrors > BUREAU_MAX_ERRORS)
		abort();
	bureau_summary_free(&sum);
	return 0;
}
