/* The facility search's query string (issue 2 §7 filters; see facility_query.h). */
#include "http/facility_query.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/codes.h"
#include "domain/text.h"

struct cap_ctx {
	uint32_t bits;
	char bad[128];
};

static void add_cap(const char *v, void *ctx)
{
	struct cap_ctx *c = ctx;
	int k = CAP_LOOKUP(v);
	if (k < 0) {
		if (!c->bad[0])
			snprintf(c->bad, sizeof c->bad, "%s", v);
	} else {
		c->bits |= 1u << k;
	}
}

static int parse_double(const char *s, double *out)
{
	char *end;
	errno = 0;
	double d = strtod(s, &end);
	if (s[0] == '\0' || *end || errno || !isfinite(d))
		return -1;
	*out = d;
	return 0;
}

static int parse_int(const char *s, long lo, long hi, long *out)
{
	char *end;
	if (!text_is_digits(s, 0) || strlen(s) > 9)
		return -1;
	long v = strtol(s, &end, 10);
	if (v < lo || v > hi)
		return -1;
	*out = v;
	return 0;
}

/* true/1 → 1, false/0 → 0; -1 on anything else. */
static int parse_bool(const char *v, int *out)
{
	if (strcmp(v, "true") == 0 || strcmp(v, "1") == 0)
		*out = 1;
	else if (strcmp(v, "false") == 0 || strcmp(v, "0") == 0)
		*out = 0;
	else
		return -1;
	return 0;
}

#define BAD(field, msg) do { zt_fail(e, ZT_ERR_INVALID, field, msg); return ZT_ERR_INVALID; } while (0)

enum zt_err facility_query_parse(const struct query_source *qs, struct facility_filter *flt, struct zt_error *e)
{
	const char *v;
	long n;
	facility_filter_init(flt);
	if ((v = qs->get(qs->ctx, "municipality"))) {
		if (!text_is_digits(v, 6))
			BAD("municipality", "municipality は6桁の市町村コードで指定してください。");
		snprintf(flt->municipality, sizeof flt->municipality, "%s", v);
	}
	if ((v = qs->get(qs->ctx, "area"))) {
		if (parse_int(v, 1, 999999999, &n))
			BAD("area", "area は圏域のID（正の整数）で指定してください。");
		flt->care_area_id = n;
	}
	if ((v = qs->get(qs->ctx, "medical_area"))) {
		if (parse_int(v, 1, 999999999, &n))
			BAD("medical_area", "medical_area は二次医療圏のID（正の整数）で指定してください。");
		flt->medical_area_id = n;
	}
	if ((v = qs->get(qs->ctx, "kind"))) {
		if ((flt->kind = KIND_LOOKUP(v)) < 0)
			BAD("kind", "kind が不明な種別です。/api/v1/codes を参照してください。");
	}
	if ((v = qs->get(qs->ctx, "standard"))) {
		if ((flt->standard = STD_LOOKUP(v)) < 0)
			BAD("standard", "standard が不明な施設基準です。/api/v1/codes を参照してください。");
	}
	struct cap_ctx caps = {0};
	qs->each(qs->ctx, "capability", add_cap, &caps);
	if (caps.bad[0])
		return zt_fail(e, ZT_ERR_INVALID, "capability", "capability に不明なコード %s があります。", caps.bad);
	flt->capabilities = caps.bits;
	if ((v = qs->get(qs->ctx, "h24")) && parse_bool(v, &flt->h24))
		BAD("h24", "h24 は true か false で指定してください。");
	if ((v = qs->get(qs->ctx, "home_care")) && parse_bool(v, &flt->home_care))
		BAD("home_care", "home_care は true か false で指定してください。");
	if ((v = qs->get(qs->ctx, "include_unknown"))) {
		int b;
		if (parse_bool(v, &b))
			BAD("include_unknown", "include_unknown（未確認も含める）は true か false で指定してください。");
		flt->include_unknown = b == 1;
	}
	if ((v = qs->get(qs->ctx, "q"))) {
		char words[FAC_SEARCH_WORDS][TEXT_WORD_MAX];
		if (!text_valid_utf8(v) || strlen(v) >= sizeof flt->q)
			BAD("q", "q（検索語）が長すぎるか、使用できない文字を含みます。");
		if (text_search_words(v, words, FAC_SEARCH_WORDS) < 0)
			BAD("q", "q（検索語）は空白で区切って4語までにしてください。");
		snprintf(flt->q, sizeof flt->q, "%s", v);
	}
	if ((v = qs->get(qs->ctx, "sort"))) {
		flt->sort_desc = v[0] == '-';
		const char *k = v + flt->sort_desc;
		flt->sort = -1;
		for (int i = 0; i < FAC_SORT__MAX; i++)
			if (strcmp(k, fac_sort_codes[i]) == 0)
				flt->sort = i;
		if (flt->sort < 0)
			BAD("sort", "sort は id, name, kana, municipality, kind, medical_code のいずれか（降順は先頭に -）で指定してください。");
	}
	if ((v = qs->get(qs->ctx, "near"))) {
		char buf[64];
		snprintf(buf, sizeof buf, "%s", v);
		char *comma = strchr(buf, ',');
		if (comma == NULL)
			BAD("near", "near は 緯度,経度（例: 35.97,140.64）で指定してください。");
		*comma = '\0';
		if (parse_double(buf, &flt->near_lat) || parse_double(comma + 1, &flt->near_lon) ||
		    flt->near_lat < 20 || flt->near_lat > 46 || flt->near_lon < 122 || flt->near_lon > 154)
			BAD("near", "near は日本国内の 緯度,経度（例: 35.97,140.64）で指定してください。");
		flt->near = true;
		flt->within_km = 16.0;
	}
	if ((v = qs->get(qs->ctx, "within_km"))) {
		if (!flt->near)
			BAD("within_km", "within_km は near と一緒に指定してください。");
		if (parse_double(v, &flt->within_km) || flt->within_km <= 0 || flt->within_km > 500)
			BAD("within_km", "within_km は0より大きく500以下の数値で指定してください。");
	}
	if ((v = qs->get(qs->ctx, "limit"))) {
		if (parse_int(v, 1, 500, &n))
			BAD("limit", "limit は1〜500の整数で指定してください。");
		flt->limit = (int)n;
	}
	if ((v = qs->get(qs->ctx, "offset"))) {
		if (parse_int(v, 0, 100000000, &n))
			BAD("offset", "offset は0以上の整数で指定してください。");
		flt->offset = (int)n;
	}
	return ZT_OK;
}
