/* Importing the neighbourhood of municipalities (隣接市町村) from CSV "a,b" (issue 4 §4). */
#ifndef ZT_IO_ADJACENCY_CSV_H
#define ZT_IO_ADJACENCY_CSV_H

#include <stddef.h>

#include "core/error.h"

struct store;

/*
 * Stores every pair of data[0..len) (UTF-8 CSV, optional BOM, optional header line "a,b"; each
 * row two 6-digit municipality codes, both registered and different) both ways, in one
 * transaction: the first bad row is an error naming its line and nothing is stored.
 * *pairs receives the number of rows stored.
 */
enum zt_err adjacency_import_csv(struct store *st, const char *data, size_t len, long *pairs, struct zt_error *e);

#endif
