/* Region set-up rules (issue 12 §1–§2, seed 001 圏域, DOMAIN.md "Geography"; see region.h). */
#include "domain/region.h"

#include <stdio.h>
#include <string.h>

#include "domain/geo.h"
#include "domain/text.h"

static const char *const h_medical[] = {"二次医療圏", "市町村コード", "市町村名", NULL};
static const char *const h_care[] = {"圏域", "市町村コード", "市町村名", NULL};
static const char *const h_assoc[] = {"郡市医師会", "市町村コード", "市町村名", NULL};
static const char *const h_pop[] = {"市町村コード", "市町村名", "人口", "出典", "年", NULL};
static const char *const h_adj[] = {"市町村コード", "市町村名", "隣接市町村コード", "隣接市町村名", NULL};
static const char *const h_office[] = {"市町村コード", "市町村名", "役所・役場", "緯度", "経度", NULL};

const struct region_kind_info region_kinds[REGION__MAX] = {
	[REGION_MEDICAL_AREAS] = {"medical-areas", "二次医療圏", h_medical},
	[REGION_CARE_AREAS] = {"care-areas", "圏域", h_care},
	[REGION_ASSOCIATIONS] = {"associations", "郡市医師会", h_assoc},
	[REGION_POPULATION] = {"population", "人口", h_pop},
	[REGION_ADJACENCY] = {"adjacency", "隣接市町村", h_adj},
	[REGION_OFFICES] = {"offices", "役所・役場の位置", h_office},
};

int region_kind_parse(const char *code)
{
	for (int k = 0; code && k < REGION__MAX; k++)
		if (strcmp(code, region_kinds[k].code) == 0)
			return k;
	return -1;
}

bool region_muni_code_ok(const char *code)
{
	if (code == NULL || !text_is_digits(code, 6) || code[6] != '\0')
		return false;
	static const int w[5] = {6, 5, 4, 3, 2};
	int sum = 0;
	for (int i = 0; i < 5; i++)
		sum += (code[i] - '0') * w[i];
	return code[5] - '0' == (11 - sum % 11) % 10;
}

/* The column (as in the CSV header) of the code, the name … of a kind. */
static const char *col(enum region_kind k, const char *what)
{
	if (strcmp(what, "name") == 0)
		return region_kinds[k].ja;
	return what;
}

static enum zt_err code_check(enum region_kind k, const struct region_row *r, const char *code, const char *column,
			      const char *pref, struct zt_error *e)
{
	enum zt_err rc;
	if (!region_muni_code_ok(code)) {
		rc = zt_fail(e, ZT_ERR_INVALID, column, "%ld行目「%s」: 「%s」は市町村コード（6桁、検査数字付き）ではありません。",
			     r->line, column, code);
	} else if (pref && strncmp(code, pref, 2) != 0) {
		rc = zt_fail(e, ZT_ERR_INVALID, column, "%ld行目「%s」: 市町村 %s はこの都道府県（%s）の市町村ではありません。",
			     r->line, column, code, pref);
	} else {
		return ZT_OK;
	}
	(void)k;
	if (e)
		e->line = r->line;
	return rc;
}

static enum zt_err row_fail(struct zt_error *e, const struct region_row *r, const char *column, const char *what)
{
	zt_fail(e, ZT_ERR_INVALID, column, "%ld行目「%s」: %s", r->line, column, what);
	if (e)
		e->line = r->line;
	return ZT_ERR_INVALID;
}

static enum zt_err row_check(enum region_kind k, const char *pref, const struct region_row *r, struct zt_error *e)
{
	enum zt_err rc = code_check(k, r, r->muni, "市町村コード", pref, e);
	if (rc != ZT_OK)
		return rc;
	switch (k) {
	case REGION_MEDICAL_AREAS:
	case REGION_CARE_AREAS:
	case REGION_ASSOCIATIONS:
		if (r->name[0] == '\0')
			return row_fail(e, r, col(k, "name"), "名称が空です。");
		if (!text_valid_utf8(r->name) || text_char_count(r->name) > REGION_NAME_MAX_CHARS)
			return row_fail(e, r, col(k, "name"), "名称は100文字以内で入力してください。");
		return ZT_OK;
	case REGION_POPULATION:
		if (r->population < 0 || r->population > REGION_POPULATION_MAX)
			return row_fail(e, r, "人口", "人口は0から20,000,000までの整数で入力してください。");
		if (r->source[0] == '\0')
			return row_fail(e, r, "出典", "人口の出典（例: 令和2年国勢調査）を入力してください。");
		if (!text_valid_utf8(r->source) || text_char_count(r->source) > REGION_SOURCE_MAX_CHARS)
			return row_fail(e, r, "出典", "出典は100文字以内で入力してください。");
		if (r->year < REGION_YEAR_MIN || r->year > REGION_YEAR_MAX)
			return row_fail(e, r, "年", "年は西暦4桁（例: 2020）で入力してください。");
		return ZT_OK;
	case REGION_OFFICES:
		if (r->source[0] == '\0' || !text_valid_utf8(r->source) || text_char_count(r->source) > REGION_SOURCE_MAX_CHARS)
			return row_fail(e, r, "役所・役場", "役所・役場の名称（100文字以内）を入力してください。");
		if (!r->has_position || !geo_in_japan(r->lat, r->lon))
			return row_fail(e, r, "緯度", "緯度・経度が日本国内ではありません（緯度20〜46度、経度122〜154度）。");
		return ZT_OK;
	case REGION_ADJACENCY:
		rc = code_check(k, r, r->other, "隣接市町村コード", NULL, e);
		if (rc == ZT_OK && strcmp(r->muni, r->other) == 0)
			return row_fail(e, r, "隣接市町村コード", "市町村が自分自身に隣接することはできません。");
		return rc;
	default:
		return row_fail(e, r, "", "種類が不明です。");
	}
}

/* Whether rows i and j say the same thing (a duplicate). */
static bool same_row(enum region_kind k, const struct region_row *a, const struct region_row *b)
{
	if (strcmp(a->muni, b->muni) != 0)
		return false;
	switch (k) {
	case REGION_POPULATION:
	case REGION_OFFICES: return true;
	case REGION_ADJACENCY: return strcmp(a->other, b->other) == 0;
	default: return strcmp(a->name, b->name) == 0;
	}
}

enum zt_err region_validate(enum region_kind kind, const char *pref, const struct region_row *rows, size_t n,
			    struct zt_error *e)
{
	if ((int)kind < 0 || kind >= REGION__MAX || pref == NULL || !text_is_digits(pref, 2))
		return zt_fail(e, ZT_ERR_INVALID, "prefecture", "都道府県コード（2桁）が必要です。");
	for (size_t i = 0; i < n; i++) {
		enum zt_err rc = row_check(kind, pref, &rows[i], e);
		if (rc != ZT_OK)
			return rc;
		/* n is a region's size (a few hundred rows at most): the quadratic scan is fine */
		for (size_t j = 0; j < i; j++) {
			const struct region_row *a = &rows[j], *b = &rows[i];
			if (kind == REGION_MEDICAL_AREAS && strcmp(a->muni, b->muni) == 0 && strcmp(a->name, b->name) != 0) {
				zt_fail(e, ZT_ERR_INVALID, "市町村コード",
					"%ld行目「市町村コード」: 市町村 %s は二次医療圏「%s」（%ld行目）にも含まれています。1つの市町村は1つの二次医療圏にだけ属します。",
					b->line, b->muni, a->name, a->line);
				if (e)
					e->line = b->line;
				return ZT_ERR_INVALID;
			}
			if (same_row(kind, a, b)) {
				char what[160];
				snprintf(what, sizeof what, "%ld行目と同じ内容です（重複）。", a->line);
				return row_fail(e, b, "市町村コード", what);
			}
		}
	}
	return ZT_OK;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);
	return a >= b && strcmp(s + a - b, suffix) == 0;
}

void region_office_name(const char *type, const char *name, const char *parent_name, char *out, size_t n)
{
	const char *suffix = ends_with(name, "市") ? "役所" : ends_with(name, "町") || ends_with(name, "村") ? "役場"
			     : ends_with(name, "区")                                          ? "役所"
											      : NULL;
	if (suffix == NULL || n == 0) {
		if (n)
			out[0] = '\0';
		return;
	}
	bool ward = type && strcmp(type, "ward") == 0 && parent_name && parent_name[0];
	snprintf(out, n, "%s%s%s", ward ? parent_name : "", name, suffix);
}

bool region_position_acceptable(double lat, double lon, bool has_office, double office_lat, double office_lon,
				char *reason, size_t n)
{
	if (!geo_in_japan(lat, lon)) {
		snprintf(reason, n, "位置（北緯%.5f 東経%.5f）が日本の範囲外です。", lat, lon);
		return false;
	}
	if (has_office) {
		double km = geo_distance_km(lat, lon, office_lat, office_lon);
		if (km > REGION_GEOCODE_MAX_KM) {
			snprintf(reason, n, "位置が所在市町村の役所・役場から%.1fkm離れています（%.0fkmまで）。住所を確認してください。", km,
				 REGION_GEOCODE_MAX_KM);
			return false;
		}
	}
	if (n)
		reason[0] = '\0';
	return true;
}

const char *region_abrg_precision(const char *level)
{
	static const struct {
		const char *level, *precision;
	} map[] = {
		{"residential_detail", "rooftop"}, {"parcel", "rooftop"}, {"residential_block", "street"},
		{"machiaza_detail", "town"},       {"machiaza", "town"},  {"city", "municipality"},
	};
	for (size_t i = 0; level && i < sizeof map / sizeof map[0]; i++)
		if (strcmp(level, map[i].level) == 0)
			return map[i].precision;
	return NULL;
}
