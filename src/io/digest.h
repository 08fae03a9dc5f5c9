/*
 * SHA-256 digests as lowercase hex (libsodium's crypto_hash_sha256): the hash of an imported file
 * kept in its import record, and the hash of the registry state a change report was computed on
 * (issue 12 §4: a confirmation applies exactly the previewed change).
 */
#ifndef ZT_IO_DIGEST_H
#define ZT_IO_DIGEST_H

#include <stddef.h>

#define DIGEST_HEX_LEN 64

/* An incremental SHA-256; create with digest_new (aborts on out of memory), end with digest_final
 * (which frees it). */
struct digest;
struct digest *digest_new(void);
void digest_add(struct digest *d, const void *data, size_t len);
/* Adds a NUL-terminated string and a separator byte, so that ("ab","c") and ("a","bc") differ.
 * NULL counts as "". */
void digest_add_str(struct digest *d, const char *s);
void digest_final(struct digest *d, char out[DIGEST_HEX_LEN + 1]);
/* SHA-256 of data[0..len) as hex. */
void digest_sha256_hex(const void *data, size_t len, char out[DIGEST_HEX_LEN + 1]);

#endif
