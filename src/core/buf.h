/*
 * A growable byte buffer with a cap, in the model of curl's dynbuf: every addition either fits
 * under the cap or fails with ZT_ERR_TOOLARGE, after which the contents are freed and every later
 * addition fails too (check once, at the end, with buf_failed). The contents are always
 * NUL-terminated. Out of memory aborts.
 */
#ifndef ZT_CORE_BUF_H
#define ZT_CORE_BUF_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

/* No cap beyond what size_t can hold. */
#define BUF_UNCAPPED ((size_t)-1)

struct buf {
	char *p;
	size_t len, cap;
	size_t max;  /* largest len allowed */
	bool failed; /* an addition went over max */
};

/* An empty buffer of at most max bytes (BUF_UNCAPPED: no cap). Allocates nothing. */
void buf_init(struct buf *b, size_t max);
/* Appends s[0..n). ZT_OK, or ZT_ERR_TOOLARGE (contents freed, buffer failed) over the cap. */
enum zt_err buf_addn(struct buf *b, const char *s, size_t n);
/* Appends the NUL-terminated s; as buf_addn. */
enum zt_err buf_add(struct buf *b, const char *s);
/* Appends formatted text; as buf_addn. */
enum zt_err buf_addf(struct buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* The contents ("" when empty or failed; never NULL); valid until the next change. */
const char *buf_ptr(const struct buf *b);
/* Empties the buffer and clears the failure, keeping its memory and cap. */
void buf_reset(struct buf *b);
/* Hands the malloc'd contents to the caller (*len set when len != NULL) and empties the buffer;
 * NULL when the buffer failed. An empty buffer gives a malloc'd "". */
char *buf_take(struct buf *b, size_t *len);
/* Frees the contents and empties the buffer (the cap stays). Accepts NULL. */
void buf_free(struct buf *b);

#endif
