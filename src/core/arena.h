/*
 * A bump allocator for many small strings that die together (one import, one request): copies are
 * carved from 1 MiB blocks and all freed at once by arena_free. Out of memory aborts.
 */
#ifndef ZT_CORE_ARENA_H
#define ZT_CORE_ARENA_H

#include <stddef.h>

struct arena_block;

/* Zero-initialise ({0}) before use. */
struct arena {
	struct arena_block *head;
	size_t bytes; /* bytes of all blocks held, for memory budgets */
};

/* A copy of the NUL-terminated s inside the arena; valid until arena_free. Never NULL (aborts). */
char *arena_dup(struct arena *a, const char *s);
/* A NUL-terminated copy of s[0..n) inside the arena; valid until arena_free. Never NULL (aborts). */
char *arena_dupn(struct arena *a, const char *s, size_t n);
/* Frees every block and zeroes *a (reusable afterwards). Accepts an empty arena. */
void arena_free(struct arena *a);

#endif
