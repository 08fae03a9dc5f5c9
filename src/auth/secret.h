/*
 * Secrets of accounts (issue 3 §1–§2, SECURITY.md): Argon2id password hashes (libsodium),
 * random session / API tokens and their stored hashes (BLAKE2b), CSRF tokens derived from the
 * session token, and TOTP (RFC 6238: HMAC-SHA1, 30 s steps, 6 digits; liboath).
 */
#ifndef ZT_AUTH_SECRET_H
#define ZT_AUTH_SECRET_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/error.h"

#define SECRET_TOKEN_HEX 65   /* 32 random bytes (256 bits) as hex + NUL */
#define SECRET_HASH_HEX 65    /* 32-byte BLAKE2b as hex + NUL */
#define SECRET_PWHASH_MAX 160 /* crypto_pwhash_STRBYTES is 128 */
#define TOTP_STEP_SECONDS 30
#define TOTP_DIGITS 6

/* Initialises libsodium and liboath; returns -1 when they cannot be used. Idempotent. */
int secret_init(void);
/* A fresh random token: 64 hex characters. */
void secret_token_new(char out[SECRET_TOKEN_HEX]);
/* The hash stored for a token (hex BLAKE2b-256 of the token text). */
void secret_token_hash(const char *token, char out[SECRET_HASH_HEX]);
/* The CSRF token of a session: a keyed hash of its token (never stored). */
void secret_csrf_of(const char *session_token, char out[SECRET_HASH_HEX]);
/* Constant-time comparison of two NUL-terminated strings. */
int secret_equal(const char *a, const char *b);
/* Hashes a password that passed account_check_password (Argon2id, interactive limits) into out.
 * ZT_ERR_IO when libsodium cannot start, ZT_ERR_NOMEM when it cannot allocate its working memory. */
enum zt_err secret_password_hash(const char *password, char out[SECRET_PWHASH_MAX], struct zt_error *e);
/* 1 when password matches hash; 0 otherwise. With hash NULL or "", burns the same time and says 0
 * (so that unknown users cannot be told apart by timing). */
int secret_password_verify(const char *hash, const char *password);
/* A random password of n (≥ 16) characters from an unambiguous alphabet, for generated accounts. */
void secret_password_generate(char *out, size_t n);

/* A fresh TOTP secret (20 random bytes) in base32 (32 characters). */
void totp_secret_new(char out[33]);
/* Code of the raw secret at Unix time t with `digits` digits (6 or 8) into out; -1 on error. */
int totp_code(const char *secret, size_t secret_len, time_t t, int digits, char *out, size_t outsz);
/* Checks code against the base32 secret at time now, accepting the previous, current and next
 * step. Returns the matching step (≥ 1), or -1 when the code is wrong. */
int64_t totp_check(const char *secret_b32, const char *code, time_t now);
/* otpauth:// URI for enrolling an authenticator app. */
void totp_uri(const char *username, const char *secret_b32, char *out, size_t outsz);

#endif
