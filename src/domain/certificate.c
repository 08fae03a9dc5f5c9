/* The issue/revoke plan of 機関証 (seed 000, issue 4 §3; see certificate.h). */
#include "domain/certificate.h"

#include <stdio.h>
#include <string.h>

#include "domain/text.h"
#include "domain/wareki.h"

static bool holds(const int64_t *holders, int n, int64_t id)
{
	for (int i = 0; i < n; i++)
		if (holders[i] == id)
			return true;
	return false;
}

int cert_plan_make(const struct group *g, const struct group_problem *p, int np, const int64_t *holders,
		   int nholders, struct cert_plan *out)
{
	memset(out, 0, sizeof *out);
	if (nholders < 0 || nholders > CERT_MAX_HOLDERS)
		return -1;
	out->valid = group_problems_valid(p, np);
	if (out->valid && !g->published) {
		snprintf(out->reason, sizeof out->reason, "公表が取り消されました。");
		for (int i = 0; i < nholders; i++)
			if (!holds(out->revoke, out->nrevoke, holders[i]))
				out->revoke[out->nrevoke++] = holders[i];
		return 0;
	}
	if (out->valid) {
		snprintf(out->reason, sizeof out->reason, "グループから脱退しました。");
		for (int i = 0; i < g->nmembers; i++)
			if (!holds(holders, nholders, g->members[i].institution_id))
				out->issue[out->nissue++] = i;
		for (int i = 0; i < nholders; i++)
			if (group_member_index(g, holders[i]) < 0 && !holds(out->revoke, out->nrevoke, holders[i]))
				out->revoke[out->nrevoke++] = holders[i];
		return 0;
	}
	out->unpublish = g->published;
	snprintf(out->reason, sizeof out->reason, "グループの要件を満たさなくなりました。");
	for (int i = 0; i < np; i++)
		if (p[i].severity == GSEV_ERROR) {
			snprintf(out->reason, sizeof out->reason, "グループの要件を満たさなくなりました: %.*s",
				 (int)(sizeof out->reason - 60), p[i].message);
			break;
		}
	for (int i = 0; i < nholders; i++)
		if (!holds(out->revoke, out->nrevoke, holders[i]))
			out->revoke[out->nrevoke++] = holders[i];
	return 0;
}

void cert_plan_year(const struct group *g, const char *today, struct cert_plan *pl)
{
	pl->fiscal_year = fiscal_year_of(today ? today : "");
	pl->first_year = group_first_year(g, today);
	char start[11], ja[64];
	snprintf(start, sizeof start, "%04d-04-01", pl->fiscal_year > 0 && pl->fiscal_year < 10000 ? pl->fiscal_year - 1 : 2000);
	if (wareki_format(start, ja, sizeof ja) == 0) {
		char *nen = strstr(ja, "年");
		if (nen)
			*nen = '\0';
		snprintf(pl->lapse_reason, sizeof pl->lapse_reason, "対象年度（%s年度）が終了しました。", ja);
	} else {
		snprintf(pl->lapse_reason, sizeof pl->lapse_reason, "対象年度が終了しました。");
	}
}

bool cert_plan_empty(const struct cert_plan *pl)
{
	return pl->nissue == 0 && pl->nrevoke == 0;
}

#define FAIL(f, ...) do { snprintf(field, (size_t)fieldsz, "%s", f); snprintf(msg, (size_t)msgsz, __VA_ARGS__); return -1; } while (0)

int certificate_issuer_check(const char *prefecture, const char *name, const char *title, const char *person,
			     char *field, int fieldsz, char *msg, int msgsz)
{
	if (!text_is_digits(prefecture, 2) || strcmp(prefecture, "01") < 0 || strcmp(prefecture, "47") > 0)
		FAIL("prefecture", "都道府県コードは01〜47の2桁で指定してください。");
	if (name[0] == '\0' || !text_valid_utf8(name) || text_char_count(name) > ISSUER_NAME_MAX_CHARS)
		FAIL("name", "交付者の名称は1〜%d文字で入力してください。", ISSUER_NAME_MAX_CHARS);
	if (!text_valid_utf8(title) || text_char_count(title) > ISSUER_PERSON_MAX_CHARS)
		FAIL("representative_title", "代表者の職名は%d文字以内で入力してください。", ISSUER_PERSON_MAX_CHARS);
	if (!text_valid_utf8(person) || text_char_count(person) > ISSUER_PERSON_MAX_CHARS)
		FAIL("representative_name", "代表者の氏名は%d文字以内で入力してください。", ISSUER_PERSON_MAX_CHARS);
	return 0;
}
