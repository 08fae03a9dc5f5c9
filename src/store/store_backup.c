/* Integrity of database files for backup and restore (issue 3 §5; see store_backup.h). */
#include "store/store_backup.h"

#include <sqlite3.h>
#include <stdio.h>
#include <unistd.h>

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
