/* Adjacency CSV import: neighbouring municipalities for rule ③ of seed 001 (issue 4 §4; see adjacency_csv.h). */
#include "io/adjacency_csv.h"

#include <string.h>

#include "domain/text.h"
#include "io/csv_read.h"
#include "store/store.h"

struct adj_ctx {
	struct store *st;
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
	} else if (!store_municipality_exists(c->st, a) || !store_municipality_exists(c->st, b)) {
		c->err = zt_fail(c->e, ZT_ERR_INVALID, store_municipality_exists(c->st, a) ? "b" : "a",
				 "%ld行目: 市町村コード %s は登録されていません。", r->line,
				 store_municipality_exists(c->st, a) ? b : a);
	} else if ((c->err = store_adjacency_put(c->st, a, b)) != ZT_OK) {
		zt_fail(c->e, c->err, "", "%ld行目: 保存できませんでした。", r->line);
	} else {
		c->pairs++;
	}
	if (c->err != ZT_OK && c->e)
		c->e->line = r->line;
	return c->err != ZT_OK;
}

struct tx_ctx {
	const char *data;
	size_t len;
	long pairs;
};

static enum zt_err import_tx(struct store *st, void *p, struct zt_error *e)
{
	struct tx_ctx *t = p;
	struct adj_ctx c = {st, e, 0, ZT_OK};
	long bad = 0;
	int rc = csv_read(t->data, t->len, on_row, &c, &bad);
	if (rc < 0) {
		zt_fail(e, ZT_ERR_INVALID, "", "%ld行目: CSVの形式が正しくありません。", bad);
		e->line = bad;
		return ZT_ERR_INVALID;
	}
	t->pairs = c.pairs;
	return c.err;
}

enum zt_err adjacency_import_csv(struct store *st, const char *data, size_t len, long *pairs, struct zt_error *e)
{
	struct tx_ctx t = {data, len, 0};
	enum zt_err r = store_tx(st, import_tx, &t, e);
	*pairs = r == ZT_OK ? t.pairs : 0;
	return r;
}
