/*
 * Key files kept outside the database (issue 11 §2–§3; docs/security.md "Keys").
 *
 * Two keys, one file each, mode 0600, created by `zaitaku init` (and on the first open of a new
 * database) beside the database unless configured:
 *   <db>.audit-key   Ed25519 signing key of the audit checkpoints   (--audit-key,  $ZAITAKU_AUDIT_KEY)
 *   <db>.secret-key  secretbox key (XSalsa20-Poly1305) of TOTP secrets (--secret-key, $ZAITAKU_SECRET_KEY)
 * Each file is one text line: "zaitaku-audit-key-v1 <64 hex seed>" / "zaitaku-secret-key-v1 <64 hex>".
 * The database records the audit public key and a keyed check value of the secret key (table
 * key_info), so a key file of another database is refused on open, and verification can run with
 * the public key alone. Two files so that each can be rotated, moved or escrowed on its own.
 */
#ifndef ZT_STORE_STORE_KEYS_H
#define ZT_STORE_STORE_KEYS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"

struct store;

/* How store_open_opts() finds and treats the key files. A zeroed struct means: default paths,
 * keys required, created only for a new (empty) database. */
struct store_options {
	const char *audit_key;  /* path of the audit key file; NULL or "" = <db>.audit-key */
	const char *secret_key; /* path of the secret key file; NULL or "" = <db>.secret-key */
	bool create_keys;       /* create missing key files when nothing stored depends on them (init) */
	bool keys_optional;     /* open without a missing key file (read-only checks: audit verify,
				   restore): no TOTP secret can then be read and no checkpoint signed */
};

enum store_key_kind { STORE_KEY_AUDIT, STORE_KEY_SECRET };

/* The stem of the files kept beside a database (key files, the sign-in key): the path itself for
 * SQLite; for PostgreSQL (no file of its own) $ZAITAKU_KEY_DIR/<database name>, the directory
 * defaulting to the working directory. False when it does not fit in buf. */
bool store_file_base(const char *db_path, char *buf, size_t n);
/* The path of a key file of the database at db_path under o (o may be NULL) into buf. False when
 * it does not fit. */
bool store_key_path(const char *db_path, const struct store_options *o, enum store_key_kind kind, char *buf,
		    size_t n);

/* Opens the store like store_open() with the key files of o (see store_options). Errors (*e, field
 * "audit_key" / "secret_key") say which key file is missing or belongs to another database and
 * what to do. */
struct store *store_open_opts(const char *path, const struct store_options *o, struct zt_error *e);

/* The audit public key in use as 64 hex characters into out: the key file's when loaded, else the
 * one recorded in the database ("" when neither). *from_file tells which. */
void store_audit_public_key(struct store *st, char out[65], bool *from_file);

#endif
