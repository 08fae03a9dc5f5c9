/* Reading the neighbourhood of municipalities (隣接市町村) from CSV "a,b" (issue 4 §4). */
#ifndef ZT_IO_ADJACENCY_CSV_H
#define ZT_IO_ADJACENCY_CSV_H

#include <stddef.h>

#include "core/error.h"

/* Called per good pair with its line; returns ZT_OK to go on, anything else (with *e filled,
 * naming the line) to stop. */
typedef enum zt_err (*adjacency_pair_fn)(const char *a, const char *b, long line, void *ctx, struct zt_error *e);

/*
 * Reads data[0..len) (UTF-8 CSV, optional BOM, optional header line "a,b"; each row two 6-digit
 * municipality codes, different) and calls fn per row. The first bad row (or fn's error) stops:
 * returns that error with e->line its line. *pairs receives the rows passed to fn.
 */
enum zt_err adjacency_csv_read(const char *data, size_t len, adjacency_pair_fn fn, void *ctx, long *pairs,
			       struct zt_error *e);

#endif
