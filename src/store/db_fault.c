/* The fault-injecting VFS shim (issue 3 §5 durability tests; see db_fault.h). Test hook only: inert unless the environment
 * asks for it. Part of the SQLite driver, so it lives beside db_sqlite.c. */
#include "store/db_fault.h"

#include <pthread.h>
#include <sqlite3.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct fault_file {
	sqlite3_file base;
	sqlite3_file *real; /* lives right after this struct (szOsFile covers both) */
};

static sqlite3_vfs fault_vfs;
static sqlite3_vfs *real_vfs;
static long long fault_at;      /* k: the call that fails; 0 = never */
static int fault_after;         /* "k+": every call from the k-th on fails (a dead or full disk) */
static atomic_llong fault_count; /* xWrite + xSync calls so far */
static pthread_once_t fault_once = PTHREAD_ONCE_INIT;
static int fault_ready;

#define REAL(f) (((struct fault_file *)(f))->real)

/* True when this call is the k-th write or sync. */
static int fault_hit(const char *what)
{
	long long n = atomic_fetch_add(&fault_count, 1) + 1;
	if (fault_at <= 0 || n < fault_at || (n > fault_at && !fault_after))
		return 0;
	fprintf(stderr, "zaitaku: fault injected: %s #%lld fails\n", what, n);
	return 1;
}

static int f_close(sqlite3_file *f)
{
	return REAL(f)->pMethods->xClose(REAL(f));
}
static int f_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), p, n, off);
}
static int f_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
	if (fault_hit("write"))
		return SQLITE_IOERR_WRITE;
	return REAL(f)->pMethods->xWrite(REAL(f), p, n, off);
}
static int f_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}
static int f_sync(sqlite3_file *f, int flags)
{
	if (fault_hit("sync"))
		return SQLITE_IOERR_FSYNC;
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int f_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}
static int f_lock(sqlite3_file *f, int lock)
{
	return REAL(f)->pMethods->xLock(REAL(f), lock);
}
static int f_unlock(sqlite3_file *f, int lock)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), lock);
}
static int f_check_lock(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}
static int f_file_control(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}
static int f_sector_size(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}
static int f_device_characteristics(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}
static int f_shm_map(sqlite3_file *f, int pg, int pgsz, int extend, void volatile **pp)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, pgsz, extend, pp);
}
static int f_shm_lock(sqlite3_file *f, int offset, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), offset, n, flags);
}
static void f_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}
static int f_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}
static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int amt, void **pp)
{
	return REAL(f)->pMethods->xFetch(REAL(f), off, amt, pp);
}
static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

/* One method table per iVersion of the wrapped file (1: plain, 2: +shm, 3: +mmap), so SQLite
 * never calls a method the real file lacks. */
static sqlite3_io_methods fault_methods[3];

static int f_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *file, int flags, int *out_flags)
{
	(void)vfs;
	struct fault_file *ff = (struct fault_file *)file;
	ff->real = (sqlite3_file *)(ff + 1);
	int rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out_flags);
	if (ff->real->pMethods == NULL) {
		ff->base.pMethods = NULL;
		return rc;
	}
	int v = ff->real->pMethods->iVersion;
	ff->base.pMethods = &fault_methods[(v < 1 ? 1 : v > 3 ? 3 : v) - 1];
	return rc;
}

static int v_delete(sqlite3_vfs *v, const char *name, int sync_dir)
{
	(void)v;
	return real_vfs->xDelete(real_vfs, name, sync_dir);
}
static int v_access(sqlite3_vfs *v, const char *name, int flags, int *out)
{
	(void)v;
	return real_vfs->xAccess(real_vfs, name, flags, out);
}
static int v_full_pathname(sqlite3_vfs *v, const char *name, int n, char *out)
{
	(void)v;
	return real_vfs->xFullPathname(real_vfs, name, n, out);
}
static void *v_dl_open(sqlite3_vfs *v, const char *name)
{
	(void)v;
	return real_vfs->xDlOpen(real_vfs, name);
}
static void v_dl_error(sqlite3_vfs *v, int n, char *msg)
{
	(void)v;
	real_vfs->xDlError(real_vfs, n, msg);
}
static void (*v_dl_sym(sqlite3_vfs *v, void *h, const char *sym))(void)
{
	(void)v;
	return real_vfs->xDlSym(real_vfs, h, sym);
}
static void v_dl_close(sqlite3_vfs *v, void *h)
{
	(void)v;
	real_vfs->xDlClose(real_vfs, h);
}
static int v_randomness(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return real_vfs->xRandomness(real_vfs, n, out);
}
static int v_sleep(sqlite3_vfs *v, int us)
{
	(void)v;
	return real_vfs->xSleep(real_vfs, us);
}
static int v_current_time(sqlite3_vfs *v, double *out)
{
	(void)v;
	return real_vfs->xCurrentTime(real_vfs, out);
}
static int v_last_error(sqlite3_vfs *v, int n, char *out)
{
	(void)v;
	return real_vfs->xGetLastError ? real_vfs->xGetLastError(real_vfs, n, out) : 0;
}
static int v_current_time_int64(sqlite3_vfs *v, sqlite3_int64 *out)
{
	(void)v;
	return real_vfs->xCurrentTimeInt64(real_vfs, out);
}

static void fault_init(void)
{
	const char *k = getenv("ZAITAKU_FAULT_WRITE");
	if (k == NULL || k[0] == '\0')
		return;
	char *end;
	long long n = strtoll(k, &end, 10);
	if (*end == '+') {
		fault_after = 1;
		end++;
	}
	if (*end != '\0' || n < 1)
		return;
	real_vfs = sqlite3_vfs_find(NULL);
	if (real_vfs == NULL || real_vfs->iVersion < 2)
		return;
	fault_at = n;
	for (int v = 1; v <= 3; v++) {
		sqlite3_io_methods *m = &fault_methods[v - 1];
		*m = (sqlite3_io_methods){
			.iVersion = v, .xClose = f_close, .xRead = f_read, .xWrite = f_write, .xTruncate = f_truncate,
			.xSync = f_sync, .xFileSize = f_file_size, .xLock = f_lock, .xUnlock = f_unlock,
			.xCheckReservedLock = f_check_lock, .xFileControl = f_file_control, .xSectorSize = f_sector_size,
			.xDeviceCharacteristics = f_device_characteristics,
		};
		if (v >= 2) {
			m->xShmMap = f_shm_map;
			m->xShmLock = f_shm_lock;
			m->xShmBarrier = f_shm_barrier;
			m->xShmUnmap = f_shm_unmap;
		}
		if (v >= 3) {
			m->xFetch = f_fetch;
			m->xUnfetch = f_unfetch;
		}
	}
	fault_vfs = (sqlite3_vfs){
		.iVersion = 2, .szOsFile = (int)sizeof(struct fault_file) + real_vfs->szOsFile,
		.mxPathname = real_vfs->mxPathname, .zName = "zt_fault", .xOpen = f_open, .xDelete = v_delete,
		.xAccess = v_access, .xFullPathname = v_full_pathname, .xDlOpen = v_dl_open, .xDlError = v_dl_error,
		.xDlSym = v_dl_sym, .xDlClose = v_dl_close, .xRandomness = v_randomness, .xSleep = v_sleep,
		.xCurrentTime = v_current_time, .xGetLastError = v_last_error,
		.xCurrentTimeInt64 = v_current_time_int64,
	};
	if (sqlite3_vfs_register(&fault_vfs, 0) == SQLITE_OK) {
		fault_ready = 1;
		fprintf(stderr, "zaitaku: test hook: the I/O call #%lld (write or sync)%s will fail\n", fault_at,
			fault_after ? " and every later one" : "");
	}
}

const char *db_fault_vfs(void)
{
	pthread_once(&fault_once, fault_init);
	return fault_ready ? "zt_fault" : NULL;
}
