/*
 * Reading survey answers from a CSV (UTF-8 or CP932) or XLSX file (issue 18 §1): a header row naming
 * the columns — first 医療機関コード or institution_id, then question keys or 問N (N-th question of
 * the survey), and key_note / 問N_記入 for the free text beside a with_text option — then one clinic
 * per row. Multiple choices may be separated by ',' '、' ';' or '，'; an option may be given by its key
 * or its exact wording. Only decodes: the caller checks the answers (survey_answers_check).
 */
#ifndef ZT_IO_SURVEY_IMPORT_H
#define ZT_IO_SURVEY_IMPORT_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "domain/survey.h"

/* Largest file accepted (bytes) and most rows. */
#define SURVEY_IMPORT_MAX_BYTES (8u * 1024u * 1024u)
#define SURVEY_IMPORT_MAX_ROWS 5000

/* Called per data row: line is the 1-based line (CSV) or row (XLSX), ident the first cell. ans is
 * the caller's to change during the call. Return ZT_OK to go on; anything else stops the read and is
 * returned (fill *e, with e->line). */
typedef enum zt_err (*survey_row_fn)(long line, const char *ident, struct survey_answers *ans, void *ctx,
				     struct zt_error *e);

/* Reads data[0..len) (xlsx: an .xlsx workbook) against def, calling fn per row. ZT_ERR_INVALID with
 * e->line and e->field for a malformed file, an unknown column, a cell too long or a file without
 * rows; ZT_ERR_TOOLARGE over the limits; fn's error otherwise. */
enum zt_err survey_import_read(const char *data, size_t len, bool xlsx, const struct survey_def *def, survey_row_fn fn,
			       void *ctx, struct zt_error *e);

#endif
