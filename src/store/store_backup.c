/* Integrity of database files, and the restore that checks a copy before it swaps it in (issue 3 §5,
 * issue 11 §1; see store_backup.h). */
#include "store/store_backup.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/clock.h"
#include "store/migrations.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_internal.h"
#include "store/store_keys.h"

enum zt_err store_file_integrity(const char *path, char *msg, size_t n)
{
	sqlite3 *h = NULL;
	if (access(path, R_OK) != 0 || sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
		snprintf(msg, n, "%s を開けません。", path);
		sqlite3_close_v2(h);
		return ZT_ERR_IO;
	}
	sqlite3_stmt *s = NULL;
	enum zt_err r = ZT_ERR_INVALID;
	if (sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &s, NULL) != SQLITE_OK) {
		snprintf(msg, n, "%s はデータベースではないか、壊れています。", path);
		r = ZT_ERR_IO;
	} else if (sqlite3_step(s) == SQLITE_ROW) {
		const char *v = (const char *)sqlite3_column_text(s, 0);
		snprintf(msg, n, "%s", v ? v : "?");
		if (v && v[0] == 'o' && v[1] == 'k' && v[2] == '\0')
			r = ZT_OK;
	} else {
		snprintf(msg, n, "%s はデータベースではないか、壊れています。", path);
		r = ZT_ERR_IO;
	}
	sqlite3_finalize(s);
	sqlite3_close_v2(h);
	return r;
}

/* ---- restore ---- */

static bool exists_with(const char *path, const char *suffix)
{
	char p[4200];
	snprintf(p, sizeof p, "%s%s", path, suffix);
	return access(p, F_OK) == 0;
}

static void remove_db_files(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < sizeof suffixes / sizeof suffixes[0]; i++) {
		char p[4200];
		snprintf(p, sizeof p, "%s%s", path, suffixes[i]);
		unlink(p);
	}
}

/* 1. src → tmp through SQLite, page by page: whatever src is, it is read as a database only. */
static enum zt_err copy_into(const char *src, const char *tmp, struct zt_error *e)
{
	sqlite3 *from = NULL, *to = NULL;
	int rc = sqlite3_open_v2(src, &from, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_open_v2(tmp, &to, SQLITE_OPEN_READWRITE, NULL);
	sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(to, "main", from, "main") : NULL;
	if (b) {
		rc = sqlite3_backup_step(b, -1);
		sqlite3_backup_finish(b);
	}
	char why[256];
	snprintf(why, sizeof why, "%s", from ? sqlite3_errmsg(from) : "?");
	sqlite3_close_v2(from);
	sqlite3_close_v2(to);
	if (b == NULL || rc != SQLITE_DONE)
		return zt_fail(e, ZT_ERR_INVALID, "sqlite", "%s はデータベースではないか、壊れています（SQLite として読めません: %s）。",
			       src, why);
	return ZT_OK;
}

/* 2a. One of ours: application_id, user_version = schema_version, not newer than this program. */
static enum zt_err check_identity(const char *tmp, const char *src, struct zt_error *e)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *s = NULL;
	int64_t app = 0, user_version = -1, version = -1;
	if (sqlite3_open_v2(tmp, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
	    sqlite3_prepare_v2(h, "SELECT (SELECT application_id FROM pragma_application_id),"
				  " (SELECT user_version FROM pragma_user_version)", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW) {
		app = sqlite3_column_int64(s, 0);
		user_version = sqlite3_column_int64(s, 1);
	}
	sqlite3_finalize(s);
	s = NULL;
	if (sqlite3_prepare_v2(h, "SELECT version FROM schema_version", -1, &s, NULL) == SQLITE_OK &&
	    sqlite3_step(s) == SQLITE_ROW)
		version = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	sqlite3_close_v2(h);
	if (app != MIGRATIONS_APPLICATION_ID)
		return zt_fail(e, ZT_ERR_INVALID, "application_id",
			       "%s は zaitaku のデータベースではありません（application_id %#llx、期待値 %#x）。", src,
			       (unsigned long long)app, MIGRATIONS_APPLICATION_ID);
	if (version < 1 || version != user_version)
		return zt_fail(e, ZT_ERR_INVALID, "schema_version",
			       "%s のスキーマ版が読めないか一致しません（schema_version %lld、user_version %lld）。", src,
			       (long long)version, (long long)user_version);
	if (version > migrations_count())
		return zt_fail(e, ZT_ERR_INVALID, "schema_version",
			       "%s はこのプログラムより新しいスキーマ（%lld、このプログラムは %d まで）です。", src,
			       (long long)version, migrations_count());
	return ZT_OK;
}

/* 2c. Opens the copy with the live database's key files and checks its audit trail. */
static enum zt_err check_audit(const char *tmp, const char *live, const struct store_options *o,
			       struct restore_result *res, struct zt_error *e)
{
	char ap[4096], sp[4096];
	if (!store_key_path(live, o, STORE_KEY_AUDIT, ap, sizeof ap) || !store_key_path(live, o, STORE_KEY_SECRET, sp, sizeof sp))
		return zt_fail(e, ZT_ERR_INVALID, "file", "パスが長すぎます。");
	struct store_options k = {.audit_key = ap, .secret_key = sp, .keys_optional = true};
	struct store *st = store_open_opts(tmp, &k, e);
	if (st == NULL)
		return e->code;
	struct audit_verify_report rep;
	enum zt_err r = audit_verify_full(st, NULL, &rep, e);
	store_close(st);
	res->audit_rows = rep.rows;
	res->checkpoints = rep.checkpoints;
	res->key_source = rep.key_source;
	return r;
}

/* The copy as one file: out of WAL, so nothing beside it belongs to it. */
static enum zt_err single_file(const char *tmp, struct zt_error *e)
{
	sqlite3 *h = NULL;
	int rc = sqlite3_open_v2(tmp, &h, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(h, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
	sqlite3_close_v2(h);
	if (rc != SQLITE_OK || exists_with(tmp, "-wal"))
		return zt_fail(e, ZT_ERR_IO, "swap", "復元用の一時ファイル %s を準備できません。", tmp);
	return ZT_OK;
}

/* <live>.<YYYYMMDDTHHMMSSZ>.bak, with .N added when taken. */
static void kept_name(const char *live, char *out, size_t n)
{
	char now[21], stamp[17];
	zt_now_utc(now); /* YYYY-MM-DDTHH:MM:SSZ */
	snprintf(stamp, sizeof stamp, "%.4s%.2s%.2sT%.2s%.2s%.2sZ", now, now + 5, now + 8, now + 11, now + 14, now + 17);
	snprintf(out, n, "%s.%s.bak", live, stamp);
	for (int i = 2; access(out, F_OK) == 0 && i < 100; i++)
		snprintf(out, n, "%s.%s.%d.bak", live, stamp, i);
}

/* 3. Swap: live locked and out of WAL, kept by a hard link, the copy renamed over it. */
static enum zt_err swap_in(const char *live, const char *tmp, struct restore_result *res, struct zt_error *e)
{
	if (access(live, F_OK) != 0) {
		if (exists_with(live, "-wal") || exists_with(live, "-journal"))
			return zt_fail(e, ZT_ERR_IO, "swap", "%s はありませんが、その -wal / -journal ファイルが残っています。先に退避してください。",
				       live);
		if (rename(tmp, live) != 0)
			return zt_fail(e, ZT_ERR_IO, "swap", "%s を %s に置けません: %s", tmp, live, strerror(errno));
		store_sync_dir_of(live);
		return ZT_OK;
	}
	sqlite3 *h = NULL;
	sqlite3_stmt *s = NULL;
	bool out_of_wal = false;
	if (sqlite3_open_v2(live, &h, SQLITE_OPEN_READWRITE, NULL) == SQLITE_OK) {
		sqlite3_busy_timeout(h, 2000);
		/* Leaving WAL needs the only connection: fails while the server (or anyone) has it open. */
		if (sqlite3_prepare_v2(h, "PRAGMA journal_mode=DELETE", -1, &s, NULL) == SQLITE_OK &&
		    sqlite3_step(s) == SQLITE_ROW)
			out_of_wal = strcmp((const char *)sqlite3_column_text(s, 0), "delete") == 0;
		sqlite3_finalize(s);
	}
	if (!out_of_wal || sqlite3_exec(h, "BEGIN EXCLUSIVE", NULL, NULL, NULL) != SQLITE_OK || exists_with(live, "-wal")) {
		sqlite3_close_v2(h);
		return zt_fail(e, ZT_ERR_BUSY, "in_use",
			       "%s は使用中です。サーバーなどを停止してから復元してください。/ %s is in use: stop the server first.",
			       live, live);
	}
	enum zt_err r = ZT_OK;
	kept_name(live, res->kept, sizeof res->kept);
	if (link(live, res->kept) != 0) {
		r = zt_fail(e, ZT_ERR_IO, "swap", "現在のデータベースを %s として残せません: %s", res->kept, strerror(errno));
		res->kept[0] = '\0';
	} else {
		chmod(res->kept, 0600);
		if (rename(tmp, live) != 0) {
			r = zt_fail(e, ZT_ERR_IO, "swap", "%s を %s に置けません: %s", tmp, live, strerror(errno));
			unlink(res->kept);
			res->kept[0] = '\0';
		} else {
			store_sync_dir_of(live);
		}
	}
	sqlite3_exec(h, "ROLLBACK", NULL, NULL, NULL);
	if (r != ZT_OK) /* still the live file: back to WAL as the server expects */
		sqlite3_exec(h, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
	sqlite3_close_v2(h);
	return r;
}

enum zt_err store_restore_file(const char *live, const char *src, const struct store_options *o,
			       struct restore_result *res, struct zt_error *e)
{
	memset(res, 0, sizeof *res);
	struct stat sb;
	if (stat(src, &sb) != 0 || !S_ISREG(sb.st_mode) || access(src, R_OK) != 0)
		return zt_fail(e, ZT_ERR_IO, "file", "%s を読めません。", src);
	if (sb.st_size == 0)
		return zt_fail(e, ZT_ERR_INVALID, "empty", "%s は空のファイル（0 バイト）です。", src);
	char tmp[4096];
	if ((size_t)snprintf(tmp, sizeof tmp, "%s.restore-XXXXXX", live) >= sizeof tmp)
		return zt_fail(e, ZT_ERR_INVALID, "file", "パスが長すぎます。");
	int fd = mkstemp(tmp); /* mode 0600 */
	if (fd < 0)
		return zt_fail(e, ZT_ERR_IO, "file", "%s の隣に一時ファイルを作れません: %s", live, strerror(errno));
	close(fd);
	char msg[512];
	enum zt_err r = copy_into(src, tmp, e);
	if (r == ZT_OK)
		r = check_identity(tmp, src, e);
	if (r == ZT_OK && store_file_integrity(tmp, msg, sizeof msg) != ZT_OK)
		r = zt_fail(e, ZT_ERR_INVALID, "integrity_check", "%s は integrity_check に合格しません: %s", src, msg);
	if (r == ZT_OK)
		r = check_audit(tmp, live, o, res, e);
	if (r == ZT_OK)
		r = single_file(tmp, e);
	if (r == ZT_OK)
		r = swap_in(live, tmp, res, e);
	if (r != ZT_OK)
		remove_db_files(tmp);
	return r;
}
