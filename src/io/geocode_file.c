/* Geocoder output: the CSV of positions and the abrg adapter (issue 12 §2; see geocode_file.h). */
#include "io/geocode_file.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "io/csv_read.h"
#include "io/encoding.h"

extern char **environ;

enum gcol { G_CODE, G_ID, G_LAT, G_LON, G_PRECISION, G_SOURCE, G__MAX };
static const char *const gcol_names[G__MAX] = {"医療機関コード", "機関ID", "緯度", "経度", "精度", "出典"};

struct gread {
	int col[G__MAX]; /* index of each column, -1 when absent */
	bool header_seen;
	struct geocode_row *rows;
	size_t n, cap;
	struct zt_error *e;
};

static int gfail(struct gread *g, long line, enum gcol c, const char *v, const char *tail)
{
	zt_fail(g->e, ZT_ERR_INVALID, gcol_names[c], "%ld行目 %d列目「%s」: 「%.100s」%s", line, g->col[c] + 1,
		gcol_names[c], v, tail);
	if (g->e)
		g->e->line = line;
	return 1;
}

static const char *precision_word(const char *s)
{
	static const char *const map[][2] = {{"建物", "rooftop"}, {"街区", "street"}, {"町字", "town"}, {"市町村", "municipality"},
					     {"rooftop", "rooftop"}, {"street", "street"}, {"town", "town"},
					     {"municipality", "municipality"}};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(s, map[i][0]) == 0)
			return map[i][1];
	return NULL;
}

static int on_record(const struct csv_record *r, void *p)
{
	struct gread *g = p;
	if (!g->header_seen) {
		for (int c = 0; c < G__MAX; c++)
			g->col[c] = -1;
		for (int i = 0; i < r->nfields; i++) {
			const char *h = r->fields[i];
			if (i == 0 && strncmp(h, "\xef\xbb\xbf", 3) == 0)
				h += 3;
			for (int c = 0; c < G__MAX; c++)
				if (strcmp(h, gcol_names[c]) == 0)
					g->col[c] = i;
		}
		g->header_seen = true;
		if ((g->col[G_CODE] < 0 && g->col[G_ID] < 0) || g->col[G_LAT] < 0 || g->col[G_LON] < 0) {
			zt_fail(g->e, ZT_ERR_INVALID, "file",
				"1行目: 見出しに「医療機関コード」または「機関ID」と「緯度」「経度」の列が必要です。");
			if (g->e)
				g->e->line = 1;
			return 1;
		}
		return 0;
	}
	const char *cell[G__MAX];
	bool blank = true;
	for (int c = 0; c < G__MAX; c++) {
		cell[c] = g->col[c] >= 0 && g->col[c] < r->nfields ? r->fields[g->col[c]] : "";
		if (cell[c][0])
			blank = false;
	}
	if (blank)
		return 0;
	struct geocode_row row = {.line = r->line};
	enum gcol kc = cell[G_CODE][0] ? G_CODE : G_ID;
	size_t klen = strlen(cell[kc]);
	if (klen == 0 || klen > 10 || strspn(cell[kc], "0123456789") != klen || (kc == G_CODE && klen != 10))
		return gfail(g, r->line, kc, cell[kc], kc == G_CODE ? "は医療機関コード（10桁）ではありません。" : "は機関IDではありません。");
	memcpy(row.key, cell[kc], klen + 1);
	for (int c = G_LAT; c <= G_LON; c++) {
		char *end = NULL;
		errno = 0;
		double v = strtod(cell[c], &end);
		if (cell[c][0] == '\0' || end == cell[c] || *end != '\0' || errno)
			return gfail(g, r->line, (enum gcol)c, cell[c], "は数値（度）ではありません。");
		*(c == G_LAT ? &row.lat : &row.lon) = v;
	}
	const char *prec = cell[G_PRECISION][0] ? precision_word(cell[G_PRECISION]) : "town";
	if (prec == NULL)
		return gfail(g, r->line, G_PRECISION, cell[G_PRECISION], "は精度（建物・街区・町字・市町村）ではありません。");
	snprintf(row.precision, sizeof row.precision, "%s", prec);
	if (strlen(cell[G_SOURCE]) >= sizeof row.source)
		return gfail(g, r->line, G_SOURCE, cell[G_SOURCE], "は長すぎます（31バイトまで）。");
	snprintf(row.source, sizeof row.source, "%s", cell[G_SOURCE][0] ? cell[G_SOURCE] : "geocoder");
	if (g->n == g->cap) {
		g->cap = g->cap ? g->cap * 2 : 64;
		struct geocode_row *nr = realloc(g->rows, g->cap * sizeof *nr);
		if (nr == NULL)
			abort();
		g->rows = nr;
	}
	g->rows[g->n++] = row;
	return 0;
}

enum zt_err geocode_csv_read(const char *data, size_t len, struct geocode_row **rows, size_t *n, struct zt_error *e)
{
	*rows = NULL;
	*n = 0;
	char *text = NULL;
	size_t tlen = 0;
	if (encoding_to_utf8(data, len, &text, &tlen, e) != ZT_OK)
		return ZT_ERR_INVALID;
	struct gread g = {.e = e};
	long bad = 0;
	int rc = csv_read(text, tlen, on_record, &g, &bad);
	free(text);
	if (rc < 0) {
		zt_fail(e, ZT_ERR_INVALID, "file", "%ld行目: CSVとして読めません。", bad);
		if (e)
			e->line = bad;
	} else if (rc == 0 && !g.header_seen) {
		zt_fail(e, ZT_ERR_INVALID, "file", "ファイルが空です（1行目に見出しが必要です）。");
		rc = 1;
	}
	if (rc != 0) {
		free(g.rows);
		return ZT_ERR_INVALID;
	}
	*rows = g.rows;
	*n = g.n;
	return ZT_OK;
}

/* ---- abrg ---- */

static void parse_line(const char *line, const char *const *addresses, size_t n, size_t ordinal,
		       struct abrg_result *out)
{
	json_t *o = json_loads(line, 0, NULL);
	if (o == NULL)
		return;
	const char *input = json_string_value(json_object_get(json_object_get(o, "query"), "input"));
	json_t *res = json_object_get(o, "result");
	size_t k = n;
	for (size_t i = 0; input && i < n; i++)
		if (!out[i].found && strcmp(addresses[i], input) == 0) {
			k = i;
			break;
		}
	if (k == n && input == NULL && ordinal < n)
		k = ordinal;
	if (k < n && json_is_object(res)) {
		struct abrg_result *r = &out[k];
		r->found = true;
		json_t *lat = json_object_get(res, "lat"), *lon = json_object_get(res, "lon");
		if (json_is_number(lat) && json_is_number(lon)) {
			r->has_coord = true;
			r->lat = json_number_value(lat);
			r->lon = json_number_value(lon);
		}
		const char *level = json_string_value(json_object_get(res, "coordinate_level"));
		if (level == NULL)
			level = json_string_value(json_object_get(res, "match_level"));
		snprintf(r->level, sizeof r->level, "%s", level ? level : "");
		const char *lg = json_string_value(json_object_get(res, "lg_code"));
		snprintf(r->lg_code, sizeof r->lg_code, "%s", lg && strlen(lg) < sizeof r->lg_code ? lg : "");
	}
	json_decref(o);
}

/* Waits for the child at most ABRG_TIMEOUT_S seconds (then kills it): true with *status when it
 * ended in time. */
static bool wait_child(pid_t pid, int *status)
{
	for (long waited_ms = 0; waited_ms < ABRG_TIMEOUT_S * 1000L; waited_ms += 50) {
		pid_t r = waitpid(pid, status, WNOHANG);
		if (r == pid)
			return true;
		if (r < 0 && errno != EINTR)
			return false;
		usleep(50000);
	}
	kill(pid, SIGKILL);
	waitpid(pid, status, 0);
	return false;
}

enum zt_err abrg_run(const char *command, const char *const *addresses, size_t n, struct abrg_result *out,
		     struct zt_error *e)
{
	memset(out, 0, n * sizeof *out);
	char in_path[] = "/tmp/zaitaku-abrg-in-XXXXXX", out_path[] = "/tmp/zaitaku-abrg-out-XXXXXX";
	int in_fd = mkstemp(in_path);
	int out_fd = in_fd >= 0 ? mkstemp(out_path) : -1;
	if (in_fd < 0 || out_fd < 0) {
		if (in_fd >= 0) {
			close(in_fd);
			unlink(in_path);
		}
		return zt_fail(e, ZT_ERR_IO, "geocoder", "一時ファイルを作成できません。");
	}
	FILE *fp = fdopen(in_fd, "w");
	for (size_t i = 0; fp && i < n; i++) {
		for (const char *p = addresses[i]; *p; p++)
			fputc(*p == '\n' || *p == '\r' ? ' ' : *p, fp);
		fputc('\n', fp);
	}
	bool written = fp && fclose(fp) == 0;
	enum zt_err rc = ZT_OK;
	pid_t pid = 0;
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_adddup2(&fa, out_fd, 1);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	char *argv[] = {(char *)command, in_path, "-f", "ndjson", "--silent", NULL};
	int status = 0;
	if (!written)
		rc = zt_fail(e, ZT_ERR_IO, "geocoder", "一時ファイルに書き込めません。");
	else if (posix_spawnp(&pid, command, &fa, NULL, argv, environ) != 0)
		rc = zt_fail(e, ZT_ERR_IO, "geocoder", "ジオコーダ %s を起動できません。", command);
	else if (!wait_child(pid, &status))
		rc = zt_fail(e, ZT_ERR_IO, "geocoder", "ジオコーダ %s が%d秒以内に終わらなかったため止めました。", command,
			     ABRG_TIMEOUT_S);
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		rc = zt_fail(e, ZT_ERR_IO, "geocoder", "ジオコーダ %s が異常終了しました（終了コード %d）。", command,
			     WIFEXITED(status) ? WEXITSTATUS(status) : -1);
	posix_spawn_file_actions_destroy(&fa);
	unlink(in_path);
	/* the child wrote through a duplicate of out_fd: same file offset, so rewind before reading */
	FILE *rf = rc == ZT_OK && lseek(out_fd, 0, SEEK_SET) == 0 ? fdopen(out_fd, "r") : NULL;
	if (rf == NULL)
		close(out_fd);
	if (rf) {
		char *line = NULL;
		size_t cap = 0;
		size_t ordinal = 0;
		ssize_t got;
		while ((got = getline(&line, &cap, rf)) > 0) {
			if (line[0] == '[' || line[0] == ']' || got < 2)
				continue; /* a json-format array's brackets, when the tool ignores -f */
			parse_line(line, addresses, n, ordinal++, out);
		}
		free(line);
		fclose(rf);
		if (ordinal == 0 && n > 0)
			rc = zt_fail(e, ZT_ERR_INVALID, "geocoder", "ジオコーダ %s の出力がNDJSONとして読めません。", command);
	}
	unlink(out_path);
	return rc;
}
