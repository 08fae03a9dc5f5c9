/*
 * The key under which sign-in failures remember a typed username (issue 11 §8): signin_failure
 * keeps crypto_generichash(username, key) instead of the text, because people type passwords into
 * the username field. The key is 32 random bytes in a file of its own (mode 0600), outside the
 * database, so that a copy of the database (a backup, a stolen file) does not let anyone test
 * guesses against the stored hashes. Default path: the database path + "-signin.key"; the
 * environment variable ZAITAKU_SIGNIN_KEY overrides it. A lost key only resets throttling.
 */
#ifndef ZT_AUTH_SIGNIN_KEY_H
#define ZT_AUTH_SIGNIN_KEY_H

#include <stdbool.h>
#include <stddef.h>

#include "auth/secret.h"
#include "core/error.h"

/* The key file for the database at db_path into out[n] (see above). */
void signin_key_path(const char *db_path, char *out, size_t n);
/* Reads the key file, or creates it (0600, 32 random bytes) when absent. Call once before serving.
 * ZT_OK, or ZT_ERR_IO with a message naming the file (a short or unreadable file, no permission). */
enum zt_err signin_key_load(const char *path, struct zt_error *e);
/* The hex keyed hash of username into out. False (out "") when no key is loaded: sign-in then
 * fails closed. Thread-safe after signin_key_load. */
bool signin_key_hash(const char *username, char out[SECRET_HASH_HEX]);

#endif
