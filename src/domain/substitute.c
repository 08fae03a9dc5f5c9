/* Ranked substitutes (代診) for an absent doctor's patients and duties (issue 14 §4; see substitute.h). */
#include "domain/substitute.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/codes.h"
#include "domain/geo.h"
#include "domain/holiday.h"


static int cmp(const void *a, const void *b, void *ctx)
{
	const struct sub_candidate *sort_cands = ctx;
	const struct sub_rank *x = a, *y = b;
	if (x->eligible != y->eligible)
		return x->eligible ? -1 : 1;
	const struct sub_candidate *cx = &sort_cands[x->idx], *cy = &sort_cands[y->idx];
	if (cx->secondary != cy->secondary)
		return cx->secondary ? -1 : 1;
	if (cx->outside != cy->outside)
		return cx->outside ? 1 : -1;
	if (cx->covered != cy->covered)
		return cx->covered - cy->covered;
	if (x->km != y->km)
		return x->km < y->km ? -1 : 1;
	return (cx->practitioner_id > cy->practitioner_id) - (cx->practitioner_id < cy->practitioner_id);
}

/* The first capability p needs that the candidate's institution lacks, or -1. */
static int missing_cap(const struct patient *p, const struct sub_candidate *c)
{
	for (int k = 0; k < CAP__MAX; k++)
		if ((p->needs & (1u << k)) && !(c->caps & (1u << k)))
			return k;
	return -1;
}

int substitute_rank(const struct patient *p, int64_t absent_id, const struct sub_candidate *cands, int n,
		    struct sub_rank *out, int *nout, char none_reason[400])
{
	int m = 0, eligible = 0, absent = 0, far = 0, lacking = 0, busy = 0, lack_cap = -1;
	none_reason[0] = '\0';
	for (int i = 0; i < n; i++) {
		const struct sub_candidate *c = &cands[i];
		if (c->practitioner_id == absent_id)
			continue;
		struct sub_rank *r = &out[m++];
		memset(r, 0, sizeof *r);
		r->idx = i;
		r->km = -1;
		if (p && p->has_coord && c->has_coord)
			r->km = geo_distance_km(p->lat, p->lon, c->lat, c->lon);
		int cap = p ? missing_cap(p, c) : -1;
		if (c->absent) {
			absent++;
			snprintf(r->reasons, sizeof r->reasons, "この期間に不在の予定があります。");
		} else if (!p && c->on_duty) {
			busy++;
			snprintf(r->reasons, sizeof r->reasons, "同じ日に別の当番が入っています。");
		} else if (p && c->secondary) {
			r->eligible = true;
			if (r->km >= 0)
				snprintf(r->reasons, sizeof r->reasons, "この患者の副主治医です（主治医・副主治医制）。患者宅から %.1f km。", r->km);
			else
				snprintf(r->reasons, sizeof r->reasons, "この患者の副主治医です（主治医・副主治医制）。");
		} else if (p && cap >= 0) {
			lacking++;
			lack_cap = cap;
			snprintf(r->reasons, sizeof r->reasons, "患者に必要な「%s」に対応していません。", capabilities[cap].ja);
		} else if (p && r->km < 0) {
			far++;
			snprintf(r->reasons, sizeof r->reasons, "患者宅または医療機関の座標がなく、16km 以内か確認できません。");
		} else if (p && r->km > 16.0) {
			far++;
			snprintf(r->reasons, sizeof r->reasons, "患者宅から %.1f km で、16km を超えています。", r->km);
		} else {
			r->eligible = true;
			if (p && c->outside)
				snprintf(r->reasons, sizeof r->reasons,
					 "グループ外（要依頼）: グループ内に代診できる医師がいないため、グループ外の医療機関に依頼します。必要な対応ができ、患者宅から %.1f km（16km 以内）です。",
					 r->km);
			else if (p)
				snprintf(r->reasons, sizeof r->reasons,
					 "不在ではなく、必要な対応ができ、患者宅から %.1f km（16km 以内）です。今年度の代診 %d 回。", r->km,
					 c->covered);
			else
				snprintf(r->reasons, sizeof r->reasons, "不在ではなく、同じ日に当番がありません。今年度の代診 %d 回。",
					 c->covered);
		}
		eligible += r->eligible;
	}
	qsort_r(out, (size_t)m, sizeof *out, cmp, (void *)cands); /* glibc's: the candidates travel with the call */
	*nout = m;
	if (eligible == 0) {
		if (m == 0 || absent == m)
			snprintf(none_reason, 400, "代診できる医師がいません: グループの医師は全員この期間に不在です。");
		else if (p && lacking && !far)
			snprintf(none_reason, 400, "代診できる医師がいません: 「%s」に対応できる医師がいません。", capabilities[lack_cap].ja);
		else if (p && far)
			snprintf(none_reason, 400, "代診できる医師がいません: 不在でない医師は患者宅から16km 以内にいません%s。",
				 lacking ? "（または必要な対応ができません）" : "");
		else if (busy)
			snprintf(none_reason, 400, "代診できる医師がいません: 不在でない医師は同じ日に別の当番が入っています。");
		else
			snprintf(none_reason, 400, "代診できる医師がいません。");
	}
	return eligible;
}

enum zt_err absence_validate(const struct absence *a, struct zt_error *e)
{
	int y1, m1, d1, y2, m2, d2;
	if (a->practitioner_id <= 0)
		return zt_fail(e, ZT_ERR_INVALID, "practitioner_id", "不在になる医師を指定してください。");
	if (!cal_parse(a->starts_on, &y1, &m1, &d1))
		return zt_fail(e, ZT_ERR_INVALID, "starts_on", "不在の開始日は YYYY-MM-DD で入力してください。");
	if (!cal_parse(a->ends_on, &y2, &m2, &d2) || strcmp(a->ends_on, a->starts_on) < 0)
		return zt_fail(e, ZT_ERR_INVALID, "ends_on", "不在の終了日は開始日以後の YYYY-MM-DD で入力してください。");
	if (cal_days(y2, m2, d2) - cal_days(y1, m1, d1) > 366)
		return zt_fail(e, ZT_ERR_INVALID, "ends_on", "不在の期間は1年以内で登録してください。");
	if (!a->reason[0])
		return zt_fail(e, ZT_ERR_INVALID, "reason", "不在の理由（休暇・学会・病気など）を入力してください。");
	return ZT_OK;
}
