/* Adjacency CSV: neighbouring municipalities for rule ③ of seed 001 (issue 4 §4; see adjacency_csv.h). */
#include "io/adjacency_csv.h"

#include <string.h>

#include "domain/text.h"
#include "io/csv_read.h"

struct adj_ctx {
	adjacency_pair_fn fn;
	void *fn_ctx;
	struct zt_error *e;
	long pairs;
	enum zt_err err;
};

static int on_row(const struct csv_record *r, void *p)
{
	struct adj_ctx *c = p;
	if (r->nfields == 1 && r->fields[0][0] == '\0')
		return 0; /* blank line */
	const char *a = r->fields[0], *b = r->nfields > 1 ? r->fields[1] : "";
	if (r->line == 1 && strncmp(a, "\xEF\xBB\xBF", 3) == 0)
		a += 3;
	if (r->line == 1 && !text_is_digits(a, 0))
		return 0; /* header */
	if (r->nfields != 2) {
		c->err = zt_fail(c->e, ZT_ERR_INVALID, "a,b", "%ld行目: 2列（市町村コード a,b）が必要です。", r->line);
	} else if (!text_is_digits(a, 6) || !text_is_digits(b, 6)) {
		c->err = zt_fail(c->e, ZT_ERR_INVALID, text_is_digits(a, 6) ? "b" : "a",
				 "%ld行目: 市町村コードは6桁の数字で指定してください。", r->line);
	} else if (strcmp(a, b) == 0) {
		c->err = zt_fail(c->e, ZT_ERR_INVALID, "b", "%ld行目: 同じ市町村どうしは隣接として登録できません。", r->line);
	} else if ((c->err = c->fn(a, b, r->line, c->fn_ctx, c->e)) == ZT_OK) {
		c->pairs++;
	}
	if (c->err != ZT_OK && c->e)
		c->e->line = r->line;
	return c->err != ZT_OK;
}

enum zt_err adjacency_csv_read(const char *data, size_t len, adjacency_pair_fn fn, void *ctx, long *pairs,
			       struct zt_error *e)
{
	struct adj_ctx c = {fn, ctx, e, 0, ZT_OK};
	long bad = 0;
	int rc = csv_read(data, len, on_row, &c, &bad);
	*pairs = c.pairs;
	if (rc < 0) {
		zt_fail(e, ZT_ERR_INVALID, "", "%ld行目: %s", bad,
			rc == CSV_READ_NUL ? "NUL 文字（0x00）があります。" : "CSVの形式が正しくありません。");
		if (e)
			e->line = bad;
		return ZT_ERR_INVALID;
	}
	return c.err;
}
