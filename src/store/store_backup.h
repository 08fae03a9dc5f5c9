/* Checks around backups (issue 3 §5): SQLite's integrity_check of a database file. */
#ifndef ZT_STORE_STORE_BACKUP_H
#define ZT_STORE_STORE_BACKUP_H

#include <stddef.h>

#include "core/error.h"

/* Opens path read-only and runs PRAGMA integrity_check. ZT_OK when it answers "ok"; otherwise
 * ZT_ERR_INVALID (the first problem reported in msg) or ZT_ERR_IO when the file cannot be opened
 * as a database. msg (size n) always receives a line for the operator. */
enum zt_err store_file_integrity(const char *path, char *msg, size_t n);

#endif
