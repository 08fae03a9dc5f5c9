/* Reading the embedded prefecture and municipality list (real codes, issue 2 §5) and the municipality
 * offices' positions (issue 12 §1; see refdata.h). */
#include "io/refdata.h"

#include <stdlib.h>
#include <string.h>

#include "io/csv_read.h"

/* The CSV is linked into the binary so that the product never reads ../shared at run time. */
__asm__(".section .rodata\n"
	".global zt_municipalities_csv\n"
	"zt_municipalities_csv:\n"
	".incbin \"data/municipalities.csv\"\n"
	".byte 0\n"
	".global zt_municipality_offices_csv\n"
	"zt_municipality_offices_csv:\n"
	".incbin \"data/municipality-offices.csv\"\n"
	".byte 0\n"
	".previous\n");
extern const char zt_municipalities_csv[];
extern const char zt_municipality_offices_csv[];

struct each_ctx {
	refdata_place_fn fn;
	void *ctx;
	enum zt_err err;
};

/* code,type,prefecture_code,prefecture,name,ruby,parent_code */
static int on_row(const struct csv_record *r, void *p)
{
	struct each_ctx *c = p;
	if (r->line == 1 || r->nfields < 7)
		return 0;
	struct refdata_place pl = {r->fields[0], r->fields[1], r->fields[2], r->fields[3],
				   r->fields[4], r->fields[5], r->fields[6]};
	c->err = c->fn(&pl, c->ctx);
	return c->err != ZT_OK;
}

enum zt_err refdata_each_place(refdata_place_fn fn, void *ctx, struct zt_error *e)
{
	struct each_ctx c = {fn, ctx, ZT_OK};
	long bad = 0;
	int rc = csv_read(zt_municipalities_csv, strlen(zt_municipalities_csv), on_row, &c, &bad);
	if (rc < 0)
		return zt_fail(e, ZT_ERR_INVALID, "municipalities.csv", "embedded municipality list malformed at line %ld", bad);
	if (c.err != ZT_OK)
		return zt_fail(e, c.err, "municipalities.csv", "cannot store the municipality list");
	return ZT_OK;
}

struct office_ctx {
	refdata_office_fn fn;
	void *ctx;
	enum zt_err err;
	long bad_line;
};

/* code,prefecture,municipality,kana,lat,lon */
static int on_office(const struct csv_record *r, void *p)
{
	struct office_ctx *c = p;
	if (r->line == 1)
		return 0;
	char *end1 = NULL, *end2 = NULL;
	struct refdata_office o = {.code = r->nfields >= 6 ? r->fields[0] : ""};
	if (r->nfields >= 6) {
		o.lat = strtod(r->fields[4], &end1);
		o.lon = strtod(r->fields[5], &end2);
	}
	if (r->nfields < 6 || end1 == r->fields[4] || end2 == r->fields[5]) {
		c->bad_line = r->line;
		c->err = ZT_ERR_INVALID;
		return 1;
	}
	c->err = c->fn(&o, c->ctx);
	return c->err != ZT_OK;
}

enum zt_err refdata_each_office(refdata_office_fn fn, void *ctx, struct zt_error *e)
{
	struct office_ctx c = {fn, ctx, ZT_OK, 0};
	long bad = 0;
	int rc = csv_read(zt_municipality_offices_csv, strlen(zt_municipality_offices_csv), on_office, &c, &bad);
	if (rc < 0 || c.bad_line)
		return zt_fail(e, ZT_ERR_INVALID, "municipality-offices.csv", "embedded office list malformed at line %ld",
			       rc < 0 ? bad : c.bad_line);
	if (c.err != ZT_OK)
		return zt_fail(e, c.err, "municipality-offices.csv", "cannot store the office positions");
	return ZT_OK;
}
