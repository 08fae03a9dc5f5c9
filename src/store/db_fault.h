/*
 * I/O fault injection for tests (SECURITY.md "faults": an I/O error injected at the k-th
 * write/sync of a request's path → 503/500, the server stays up, the database stays intact).
 *
 * When the environment variable ZAITAKU_FAULT_WRITE=k (k ≥ 1) is set, databases are opened
 * through a VFS shim over SQLite's default VFS that counts every xWrite and xSync of the process
 * (all files: database, WAL, journal) and fails exactly the k-th one (SQLITE_IOERR_WRITE /
 * SQLITE_IOERR_FSYNC); every other call passes through unchanged. A line naming the call is
 * written to stderr when the fault fires. ZAITAKU_FAULT_WRITE=k+ fails the k-th and every later
 * call (a dead or full disk: no retry gets through). Without the variable nothing changes.
 */
#ifndef ZT_STORE_DB_FAULT_H
#define ZT_STORE_DB_FAULT_H

/* The VFS name to open databases with: "zt_fault" when ZAITAKU_FAULT_WRITE is set (registering
 * the shim on first use), NULL (SQLite's default) otherwise. Thread-safe. */
const char *db_fault_vfs(void);

#endif
