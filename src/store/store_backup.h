/* Checks around backups and the restore that cannot destroy the live database (issue 3 §5,
 * issue 11 §1): SQLite's integrity_check of a file, and restore by check-then-rename. */
#ifndef ZT_STORE_STORE_BACKUP_H
#define ZT_STORE_STORE_BACKUP_H

#include <stddef.h>
#include <stdint.h>

#include "core/error.h"

struct store_options;

/* Opens path read-only and runs PRAGMA integrity_check. ZT_OK when it answers "ok"; otherwise
 * ZT_ERR_INVALID (the first problem reported in msg) or ZT_ERR_IO when the file cannot be opened
 * as a database. msg (size n) always receives a line for the operator. */
enum zt_err store_file_integrity(const char *path, char *msg, size_t n);

struct restore_result {
	char kept[4096];     /* the previous database, kept as <live>.<YYYYMMDDTHHMMSSZ>.bak; "" when none */
	int64_t audit_rows;  /* rows of the restored audit trail */
	int64_t checkpoints; /* signed checkpoints that matched */
	const char *key_source;
};

/*
 * Replaces the database at live by the backup src, never destroying live:
 *   1. src is copied (SQLite backup API) into a temporary file beside live (mode 0600);
 *   2. the copy must be a zaitaku database (application_id, user_version = its schema version, no
 *      newer than this program), pass PRAGMA integrity_check, open with live's key files (o) and
 *      pass audit_verify_full (chain and signed checkpoints);
 *   3. live must not be in use (no other connection: it is switched out of WAL, so no -wal file is
 *      left to be applied to the new file), is kept by a hard link as res->kept, and the copy is
 *      renamed over it (atomic; directory synced).
 * On any failure the temporary file is removed, live is untouched, and *e names the check in its
 * field: "file", "empty", "sqlite", "application_id", "schema_version", "integrity_check", the key
 * file fields ("audit_key", "secret_key"), "chain", "truncation", "recomputation", "signature",
 * "in_use" or "swap".
 */
enum zt_err store_restore_file(const char *live, const char *src, const struct store_options *o,
			       struct restore_result *res, struct zt_error *e);

#endif
