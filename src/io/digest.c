/* SHA-256 digests as hex over libsodium (issue 12 §4; see digest.h). */
#include "io/digest.h"

#include <sodium.h>
#include <stdlib.h>
#include <string.h>

struct digest {
	crypto_hash_sha256_state st;
};

struct digest *digest_new(void)
{
	struct digest *d = malloc(sizeof *d);
	if (d == NULL)
		abort();
	crypto_hash_sha256_init(&d->st);
	return d;
}

void digest_add(struct digest *d, const void *data, size_t len)
{
	crypto_hash_sha256_update(&d->st, data, len);
}

void digest_add_str(struct digest *d, const char *s)
{
	if (s)
		crypto_hash_sha256_update(&d->st, (const unsigned char *)s, strlen(s));
	crypto_hash_sha256_update(&d->st, (const unsigned char *)"\x1f", 1);
}

void digest_final(struct digest *d, char out[DIGEST_HEX_LEN + 1])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&d->st, h);
	sodium_bin2hex(out, DIGEST_HEX_LEN + 1, h, sizeof h);
	free(d);
}

void digest_sha256_hex(const void *data, size_t len, char out[DIGEST_HEX_LEN + 1])
{
	struct digest *d = digest_new();
	digest_add(d, data, len);
	digest_final(d, out);
}
