/* The audit trail as CSV (issue 3 §3; see audit_csv.h). */
#include "io/audit_csv.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "io/csv_write.h"

static const char *const columns[][2] = {
	{"id", "ID"},
	{"at", "日時(UTC)"},
	{"actor_id", "利用者ID"},
	{"actor_username", "利用者名"},
	{"actor_role", "役割"},
	{"remote_addr", "接続元"},
	{"action", "操作"},
	{"object_type", "対象種別"},
	{"object_id", "対象ID"},
	{"municipality", "市町村コード"},
	{"before", "変更前"},
	{"after", "変更後"},
	{"prev_hash", "前行ハッシュ"},
	{"hash", "ハッシュ"},
};
#define NCOLS (sizeof columns / sizeof columns[0])

/* Every text field quoted and guarded (CSV_GUARD_ALL of io/csv_write.h); integers as they are. */
static void flush_row(FILE *out, struct buf *b)
{
	fwrite(buf_ptr(b), 1, b->len, out);
	buf_free(b);
}

void audit_csv_header(FILE *out)
{
	fputs("\xEF\xBB\xBF", out);
	struct buf b;
	buf_init(&b, BUF_UNCAPPED);
	struct csv_writer w;
	csv_writer_init(&w, &b, true, CSV_GUARD_ALL);
	for (size_t i = 0; i < NCOLS; i++)
		csv_cell(&w, columns[i][1]);
	csv_end_row(&w);
	flush_row(out, &b);
}

void audit_csv_row(FILE *out, const json_t *row)
{
	struct buf b;
	buf_init(&b, BUF_UNCAPPED);
	struct csv_writer w;
	csv_writer_init(&w, &b, true, CSV_GUARD_ALL);
	for (size_t i = 0; i < NCOLS; i++) {
		json_t *v = json_object_get(row, columns[i][0]);
		if (json_is_string(v)) {
			csv_cell(&w, json_string_value(v));
		} else if (json_is_integer(v)) {
			char num[32];
			snprintf(num, sizeof num, "%lld", (long long)json_integer_value(v));
			csv_cell_raw(&w, num);
		} else if (v == NULL || json_is_null(v)) {
			csv_cell(&w, "");
		} else {
			char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
			csv_cell(&w, s ? s : "");
			free(s);
		}
	}
	csv_end_row(&w);
	flush_row(out, &b);
}
