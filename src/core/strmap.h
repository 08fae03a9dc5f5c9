/*
 * A string → int map (open addressing, FNV-1a) for lookups by code during an import. The map
 * borrows its keys: each key must outlive the map (an arena string, a row of a loaded table).
 * Out of memory aborts.
 */
#ifndef ZT_CORE_STRMAP_H
#define ZT_CORE_STRMAP_H

#include <stddef.h>

/* Zero-initialise ({0}) before use. */
struct strmap {
	const char **keys;
	int *vals;
	size_t cap, n;
};

/* The value stored under k, or -1 when absent. */
int strmap_get(const struct strmap *m, const char *k);
/* Stores v under k (replacing an earlier value); k is borrowed, not copied. */
void strmap_put(struct strmap *m, const char *k, int v);
/* Frees the table (not the keys) and zeroes *m. Accepts an empty map. */
void strmap_free(struct strmap *m);

#endif
