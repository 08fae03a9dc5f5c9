/* The audit trail as CSV (issue 3 §3; see audit_csv.h). */
#include "io/audit_csv.h"

#include <stdlib.h>
#include <string.h>

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

static void field(FILE *out, const char *s)
{
	fputc('"', out);
	if (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r')
		fputc('\'', out);
	for (; *s; s++) {
		if (*s == '"')
			fputc('"', out);
		fputc(*s, out);
	}
	fputc('"', out);
}

void audit_csv_header(FILE *out)
{
	fputs("\xEF\xBB\xBF", out);
	for (size_t i = 0; i < NCOLS; i++) {
		if (i)
			fputc(',', out);
		field(out, columns[i][1]);
	}
	fputs("\r\n", out);
}

void audit_csv_row(FILE *out, const json_t *row)
{
	for (size_t i = 0; i < NCOLS; i++) {
		if (i)
			fputc(',', out);
		json_t *v = json_object_get(row, columns[i][0]);
		if (json_is_string(v)) {
			field(out, json_string_value(v));
		} else if (json_is_integer(v)) {
			fprintf(out, "%lld", (long long)json_integer_value(v));
		} else if (v == NULL || json_is_null(v)) {
			fputs("\"\"", out);
		} else {
			char *s = json_dumps(v, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENCODE_ANY);
			field(out, s ? s : "");
			free(s);
		}
	}
	fputs("\r\n", out);
}
