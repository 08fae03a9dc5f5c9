/* Scope lookups for the access policy. */
#ifndef ZT_STORE_SCOPE_H
#define ZT_STORE_SCOPE_H

#include <stdbool.h>
#include <stdint.h>

struct store;

/* True when the 郡市医師会 (institution id) covers the municipality. */
bool scope_association_covers(struct store *st, int64_t association_id, const char *municipality);

#endif
