/* Loading the embedded prefecture and municipality list (real codes, issue 2 §5; see refdata.h). */
#include "io/refdata.h"

#include <string.h>

#include "io/csv_read.h"
#include "store/store.h"

/* The CSV is linked into the binary so that the product never reads ../shared at run time. */
__asm__(".section .rodata\n"
	".global zt_municipalities_csv\n"
	"zt_municipalities_csv:\n"
	".incbin \"data/municipalities.csv\"\n"
	".byte 0\n"
	".previous\n");
extern const char zt_municipalities_csv[];

struct load_ctx {
	struct store *st;
	enum zt_err err;
};

/* code,type,prefecture_code,prefecture,name,ruby,parent_code */
static int on_row(const struct csv_record *r, void *p)
{
	struct load_ctx *c = p;
	if (r->line == 1 || r->nfields < 7)
		return 0;
	const char *code = r->fields[0], *type = r->fields[1], *pref = r->fields[2];
	if (strcmp(type, "prefecture") == 0)
		c->err = store_prefecture_put(c->st, pref, r->fields[3]);
	if (c->err == ZT_OK)
		c->err = store_municipality_put(c->st, code, pref, r->fields[4], r->fields[5], type, r->fields[6]);
	return c->err != ZT_OK;
}

static enum zt_err load_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct load_ctx c = {st, ZT_OK};
	(void)ctx;
	long bad = 0;
	int rc = csv_read(zt_municipalities_csv, strlen(zt_municipalities_csv), on_row, &c, &bad);
	if (rc < 0)
		return zt_fail(e, ZT_ERR_INVALID, "municipalities.csv", "embedded municipality list malformed at line %ld", bad);
	if (c.err != ZT_OK)
		return zt_fail(e, c.err, "municipalities.csv", "cannot store the municipality list");
	return ZT_OK;
}

enum zt_err refdata_load_municipalities(struct store *st, struct zt_error *e)
{
	return store_tx(st, load_tx, NULL, e);
}
