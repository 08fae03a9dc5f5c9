/* The rota application's formats (issue 15 §1, §5): the request bodies of the rota API (every refusal
 * names its field) and the coordinator's unavailability CSV (UTF-8 ± BOM, CP932, 和暦 dates; a bad row
 * names its line and column). */
#include <jansson.h>
#include <stdlib.h>

#include "io/rota_request_json.h"
#include "io/rota_unavail_csv.h"
#include "unit.h"

static json_t *J(const char *text)
{
	json_t *o = json_loads(text, JSON_REJECT_DUPLICATES, NULL);
	if (o == NULL)
		abort();
	return o;
}

static const char *solve(const char *text, struct rota_solve_req *q)
{
	static struct zt_error e;
	zt_error_clear(&e);
	json_t *o = J(text);
	enum zt_err r = rota_solve_from_json(o, q, &e);
	json_decref(o);
	return r == ZT_OK ? "" : e.field;
}

static const char *edit(const char *text, enum rota_edit_kind k)
{
	static struct zt_error e;
	zt_error_clear(&e);
	struct rota_edit_req q;
	json_t *o = J(text);
	enum zt_err r = rota_edit_from_json(o, k, &q, &e);
	json_decref(o);
	return r == ZT_OK ? "" : e.field;
}

struct rows {
	struct unavail_csv_row r[8];
	int n;
};

static enum zt_err on_row(const struct unavail_csv_row *row, void *ctx, struct zt_error *e)
{
	(void)e;
	struct rows *c = ctx;
	if (c->n < 8)
		c->r[c->n++] = *row;
	return ZT_OK;
}

int main(void)
{
	struct rota_solve_req q;
	CHECK_STR(solve("{\"from\":\"2027-04-01\",\"to\":\"2028-03-31\"}", &q), "");
	CHECK(q.time_limit == 10.0 && q.seed == 1);
	CHECK_STR(solve("{\"from\":\"2027-04-01\",\"to\":\"2028-03-31\",\"time_limit\":0.5,\"seed\":9}", &q), "");
	CHECK(q.time_limit == 0.5 && q.seed == 9);
	CHECK_STR(solve("{\"from\":\"2027-02-30\",\"to\":\"2027-03-31\"}", &q), "from");
	CHECK_STR(solve("{\"from\":\"2027-04-01\"}", &q), "to");
	CHECK_STR(solve("{\"from\":\"2027-04-01\",\"to\":\"2027-04-30\",\"time_limit\":0}", &q), "time_limit");
	CHECK_STR(solve("{\"from\":\"2027-04-01\",\"to\":\"2027-04-30\",\"colour\":1}", &q), "colour");
	CHECK_STR(edit("{\"duty_a\":1,\"duty_b\":2,\"reason\":\"家族の行事\"}", ROTA_EDIT_SWAP), "");
	CHECK_STR(edit("{\"duty_a\":1,\"duty_b\":1,\"reason\":\"x\"}", ROTA_EDIT_SWAP), "duty_b");
	CHECK_STR(edit("{\"duty_a\":1,\"duty_b\":2}", ROTA_EDIT_SWAP), "reason");
	CHECK_STR(edit("{\"duty_id\":1,\"reason\":\"x\"}", ROTA_EDIT_GIVE), "practitioner_id");
	CHECK_STR(edit("{\"date\":\"2027-01-01\",\"duty_type\":\"night\",\"practitioner_id\":2,\"reason\":\"x\"}", ROTA_EDIT_SLOT),
		  "duty_type");
	CHECK_STR(edit("{\"duty_a\":1,\"duty_b\":2,\"duty_id\":3,\"reason\":\"x\"}", ROTA_EDIT_SWAP), "duty_id");

	struct rota_settings_req s;
	struct zt_error e;
	zt_error_clear(&e);
	json_t *o = J("{\"share\":0.5,\"max_per_month\":null,\"carried\":{\"holiday_night\":1.5}}");
	CHECK(rota_settings_from_json(o, &s, &e) == ZT_OK && s.share == 0.5 && s.max_per_month == 0 && s.carried[2] == 1.5);
	json_decref(o);
	o = J("{\"share\":1.5}");
	CHECK(rota_settings_from_json(o, &s, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "share");
	json_decref(o);

	/* the coordinator's CSV: BOM, header, ISO / slashes / 和暦, doctor by name or id */
	const char csv[] = "\xEF\xBB\xBF日付,医師,理由,種別\n2027-01-04,田中 一郎,学会,学会\n2027/1/5, 12 ,,\n令和9年1月6日,田中 一郎,私用,不在\n";
	struct rows c = {.n = 0};
	long n = 0;
	zt_error_clear(&e);
	CHECK(unavail_csv_read(csv, sizeof csv - 1, on_row, &c, &n, &e) == ZT_OK);
	CHECK(n == 3 && c.n == 3);
	CHECK_STR(c.r[0].date, "2027-01-04");
	CHECK_STR(c.r[0].source, "conference");
	CHECK_STR(c.r[1].date, "2027-01-05");
	CHECK_STR(c.r[1].doctor, "12");
	CHECK_STR(c.r[1].reason, "不都合");
	CHECK_STR(c.r[2].date, "2027-01-06");
	CHECK_STR(c.r[2].source, "csv");
	CHECK(c.r[2].line == 4);
	/* CP932: 「田中」 is 0x93 0x63 0x92 0x86 */
	const char sjis[] = "2027-01-07,\x93\x63\x92\x86\n";
	c.n = 0;
	CHECK(unavail_csv_read(sjis, sizeof sjis - 1, on_row, &c, &n, &e) == ZT_OK && c.n == 1);
	CHECK_STR(c.r[0].doctor, "田中");
	/* a bad row names its line and column; nothing after it is passed on */
	const char bad[] = "日付,医師\n2027-01-04,田中\n2027-13-01,田中\n2027-01-05,田中\n";
	c.n = 0;
	zt_error_clear(&e);
	CHECK(unavail_csv_read(bad, sizeof bad - 1, on_row, &c, &n, &e) == ZT_ERR_INVALID);
	CHECK(e.line == 3 && c.n == 1);
	CHECK_STR(e.field, "日付");
	const char kind[] = "2027-01-04,田中,理由,休暇\n";
	zt_error_clear(&e);
	CHECK(unavail_csv_read(kind, sizeof kind - 1, on_row, &c, &n, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "種別");
	const char nodoc[] = "2027-01-04,\n";
	zt_error_clear(&e);
	CHECK(unavail_csv_read(nodoc, sizeof nodoc - 1, on_row, &c, &n, &e) == ZT_ERR_INVALID);
	CHECK_STR(e.field, "医師");
	UNIT_DONE();
}
