/* The string arena of one import (see arena.h). */
#include "core/arena.h"

#include <stdlib.h>
#include <string.h>

#define ARENA_BLOCK (1u << 20)

struct arena_block {
	struct arena_block *next;
	size_t used, cap;
	char data[];
};

char *arena_dupn(struct arena *a, const char *s, size_t n)
{
	size_t need = n + 1;
	if (a->head == NULL || a->head->used + need > a->head->cap) {
		/* a string larger than a block gets a block of its own */
		size_t cap = need > ARENA_BLOCK / 16 ? need : ARENA_BLOCK;
		struct arena_block *b = malloc(sizeof *b + cap);
		if (b == NULL)
			abort();
		b->used = 0;
		b->cap = cap;
		if (cap == need && a->head != NULL) { /* keep filling the current block afterwards */
			b->next = a->head->next;
			a->head->next = b;
		} else {
			b->next = a->head;
			a->head = b;
		}
		a->bytes += sizeof *b + cap;
		char *p = b->data + b->used;
		memcpy(p, s, n);
		p[n] = '\0';
		b->used += need;
		return p;
	}
	char *p = a->head->data + a->head->used;
	memcpy(p, s, n);
	p[n] = '\0';
	a->head->used += need;
	return p;
}

char *arena_dup(struct arena *a, const char *s)
{
	return arena_dupn(a, s, strlen(s));
}

void arena_free(struct arena *a)
{
	while (a->head) {
		struct arena_block *n = a->head->next;
		free(a->head);
		a->head = n;
	}
	a->bytes = 0;
}
