/* 訪問診療導入研修 (seed 002 別紙1 ②, issue 18 §2): steps, completion rule, checks and the advisor matching (training.h). */
#include "domain/training.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/geo.h"
#include "domain/holiday.h"
#include "domain/mcf.h"
#include "domain/text.h"

const struct code_entry training_steps[TS__MAX] = {
	[TS_LECTURE1] = {"lecture1", "第1回座学研修"},
	[TS_ACCOMPANY] = {"accompany", "同行訪問研修"},
	[TS_LECTURE2] = {"lecture2", "第2回座学研修"},
	[TS_SURVEY] = {"survey", "受講後アンケート"},
	[TS_FOLLOWUP] = {"followup", "フォローアップ"},
};

/* Appends s to the text in why (n bytes); what does not fit is cut at a character boundary. */
static void add(char *why, size_t n, const char *s)
{
	size_t l = strlen(why), k = strlen(s);
	if (l + 1 >= n)
		return;
	if (k > n - l - 1) {
		k = n - l - 1;
		while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80) /* not inside a UTF-8 sequence */
			k--;
	}
	memcpy(why + l, s, k);
	why[l + k] = '\0';
}

bool training_complete(const struct training_progress *p, char *why, size_t whysz)
{
	char buf[768] = "";
	char line[160];
	if (!p->attended[TS_LECTURE1])
		add(buf, sizeof buf, "第1回座学研修が未出席です。");
	if (p->visits < TRAINING_VISITS_MIN) {
		snprintf(line, sizeof line, "同行訪問が%d回です（%d回以上必要）。", p->visits < 0 ? 0 : p->visits,
			 TRAINING_VISITS_MIN);
		add(buf, sizeof buf, line);
	}
	if (!p->attended[TS_LECTURE2])
		add(buf, sizeof buf, "第2回座学研修が未出席です。");
	if (!p->attended[TS_SURVEY])
		add(buf, sizeof buf, "受講後アンケートが未回答です。");
	if (why && whysz)
		snprintf(why, whysz, "%s", buf);
	return buf[0] == '\0';
}

static int fail(char *field, int fieldsz, const char *f, char *msg, int msgsz, const char *m)
{
	if (field && fieldsz > 0)
		snprintf(field, (size_t)fieldsz, "%s", f);
	if (msg && msgsz > 0)
		snprintf(msg, (size_t)msgsz, "%s", m);
	return -1;
}

int training_check_programme(const char *title, int fiscal_year, double max_km, char *field, int fieldsz, char *msg,
			     int msgsz)
{
	size_t n = title ? text_char_count(title) : 0;
	if (title == NULL || !text_valid_utf8(title) || n == 0 || n > TRAINING_NAME_MAX_CHARS)
		return fail(field, fieldsz, "title", msg, msgsz, "研修名を1〜100文字で入力してください。");
	if (fiscal_year < 2000 || fiscal_year > 2100)
		return fail(field, fieldsz, "fiscal_year", msg, msgsz, "年度を西暦（2000〜2100）で指定してください。");
	if (!isfinite(max_km) || max_km < 1 || max_km > 200)
		return fail(field, fieldsz, "max_km", msg, msgsz, "距離の上限は1〜200 kmで指定してください。");
	return 0;
}

int training_check_person(const char *name, int capacity, char *field, int fieldsz, char *msg, int msgsz)
{
	size_t n = name ? text_char_count(name) : 0;
	if (name == NULL || !text_valid_utf8(name) || n == 0 || n > TRAINING_NAME_MAX_CHARS)
		return fail(field, fieldsz, "name", msg, msgsz, "医師の氏名を1〜100文字で入力してください。");
	if (capacity >= 0 && (capacity < 1 || capacity > TRAINING_CAPACITY_MAX))
		return fail(field, fieldsz, "capacity", msg, msgsz, "受入人数は1〜10人で指定してください。");
	return 0;
}

int training_check_date(const char *date, bool allowed_empty, int fiscal_year, const char *fieldname, char *msg,
			int msgsz)
{
	int y, m, d;
	if (date == NULL || date[0] == '\0') {
		if (allowed_empty)
			return 0;
		snprintf(msg, (size_t)msgsz, "%s を YYYY-MM-DD で入力してください。", fieldname);
		return -1;
	}
	if (!cal_parse(date, &y, &m, &d)) {
		snprintf(msg, (size_t)msgsz, "%s は YYYY-MM-DD の実在する日付で入力してください。", fieldname);
		return -1;
	}
	int fy = m >= 4 ? y : y - 1;
	if (fy < fiscal_year || fy > fiscal_year + 1) {
		snprintf(msg, (size_t)msgsz, "%s は研修の年度（%d年度）またはその翌年度の日付にしてください。", fieldname,
			 fiscal_year);
		return -1;
	}
	return 0;
}

/* ---- matching ---- */

static double pair_km(const struct training_trainee *t, const struct training_advisor *a)
{
	if (!t->has_coord || !a->has_coord)
		return -1;
	return geo_distance_km(t->lat, t->lon, a->lat, a->lon);
}

/* 1–3 when advisor id is among t's wishes, else 0. */
static int wish_rank(const struct training_trainee *t, int64_t id)
{
	for (int k = 0; k < TRAINING_WISHES_MAX; k++)
		if (t->wishes[k] != 0 && t->wishes[k] == id)
			return k + 1;
	return 0;
}

static int advisor_index(const struct training_advisor *a, int na, int64_t id)
{
	for (int j = 0; j < na; j++)
		if (a[j].id == id)
			return j;
	return -1;
}

/* Why t's wishes above rank (all of them when rank is 0) were not honoured, appended to why. */
static void explain_wishes(const struct training_trainee *t, int rank, const struct training_advisor *a, int na,
			   const int *used, char *why, size_t n)
{
	int upto = rank ? rank - 1 : TRAINING_WISHES_MAX;
	char line[1200];
	for (int k = 0; k < upto; k++) {
		if (t->wishes[k] == 0)
			continue;
		int j = advisor_index(a, na, t->wishes[k]);
		if (j < 0)
			snprintf(line, sizeof line, "第%d希望（ID %lld）はこの研修のアドバイザー医師ではありません。", k + 1,
				 (long long)t->wishes[k]);
		else if (a[j].capacity_left <= 0 || used[j] >= a[j].capacity_left)
			snprintf(line, sizeof line, "第%d希望の%sは受入人数（%d人）に達しています。", k + 1, a[j].name,
				 a[j].capacity);
		else /* cannot happen at the optimum (a wish outweighs any distance); said plainly if it does */
			snprintf(line, sizeof line, "第%d希望の%sは他の受講生との組合せの都合で割り当てられませんでした。",
				 k + 1, a[j].name);
		add(why, n, line);
	}
}

int training_match(const struct training_trainee *t, int nt, const struct training_advisor *a, int na, double max_km,
		   struct training_pair *out, bool *certified)
{
	*certified = false;
	if (nt < 0 || na < 0 || nt > 100000 || na > 100000)
		return -1;
	/* nodes: 0 sink, 1..nt trainees, nt+1..nt+na advisors */
	struct mcf *m = mcf_new(1 + nt + na, (size_t)nt * (size_t)(na + 1) + (size_t)na + 1);
	int64_t *arc_of = calloc((size_t)nt * (size_t)(na ? na : 1), sizeof *arc_of); /* trainee × advisor → arc or −1 */
	int64_t *cap_arc = calloc((size_t)(na ? na : 1), sizeof *cap_arc);
	int *used = calloc((size_t)(na ? na : 1), sizeof *used);
	int rc = -1;
	if (m == NULL || arc_of == NULL || cap_arc == NULL || used == NULL)
		goto done;
	const int64_t W = TRAINING_WISH_WEIGHT;
	for (int i = 0; i < nt; i++) {
		mcf_set_supply(m, 1 + i, 1);
		if (mcf_add_arc(m, 1 + i, 0, 1, 5 * W) < 0) /* not assigned: dearer than any pair */
			goto done;
		for (int j = 0; j < na; j++) {
			arc_of[(size_t)i * (size_t)na + (size_t)j] = -1;
			int r = wish_rank(&t[i], a[j].id);
			double km = pair_km(&t[i], &a[j]);
			if (a[j].capacity_left <= 0)
				continue;
			if (r == 0 && (km < 0 || km > max_km))
				continue;
			int64_t metres = km < 0 ? (int64_t)llround(max_km * 1000) : (int64_t)llround(km * 1000);
			int64_t cost = (r ? (int64_t)(r - 1) : 3) * W + metres;
			int64_t arc = mcf_add_arc(m, 1 + i, 1 + nt + j, 1, cost);
			if (arc < 0)
				goto done;
			arc_of[(size_t)i * (size_t)na + (size_t)j] = arc;
		}
	}
	for (int j = 0; j < na; j++) {
		cap_arc[j] = -1;
		if (a[j].capacity_left > 0 && (cap_arc[j] = mcf_add_arc(m, 1 + nt + j, 0, a[j].capacity_left, 0)) < 0)
			goto done;
	}
	mcf_set_supply(m, 0, -(int64_t)nt);
	if (mcf_solve(m) != MCF_OPTIMAL)
		goto done;
	*certified = mcf_certify(m, NULL, 0);
	for (int j = 0; j < na; j++)
		used[j] = cap_arc[j] >= 0 ? (int)mcf_flow(m, cap_arc[j]) : 0;
	for (int i = 0; i < nt; i++) {
		struct training_pair *p = &out[i];
		memset(p, 0, sizeof *p);
		p->trainee_id = t[i].id;
		p->distance_km = -1;
		int got = -1;
		for (int j = 0; j < na && got < 0; j++) {
			int64_t arc = arc_of[(size_t)i * (size_t)na + (size_t)j];
			if (arc >= 0 && mcf_flow(m, arc) > 0)
				got = j;
		}
		char line[1200];
		if (got < 0) {
			snprintf(p->why, sizeof p->why,
				 "割り当てられるアドバイザー医師がいません（受入人数に空きがないか、%.0f km以内にいません）。",
				 max_km);
			explain_wishes(&t[i], 0, a, na, used, p->why, sizeof p->why);
			continue;
		}
		p->advisor_id = a[got].id;
		p->distance_km = pair_km(&t[i], &a[got]);
		p->wish_rank = wish_rank(&t[i], a[got].id);
		char dist[64];
		if (p->distance_km < 0)
			snprintf(dist, sizeof dist, "距離は座標が未登録のため不明");
		else
			snprintf(dist, sizeof dist, "直線距離 %.1f km", p->distance_km);
		if (p->wish_rank) {
			snprintf(line, sizeof line, "第%d希望の%sです（%s）。", p->wish_rank, a[got].name, dist);
			add(p->why, sizeof p->why, line);
			explain_wishes(&t[i], p->wish_rank, a, na, used, p->why, sizeof p->why);
			continue;
		}
		bool any_wish = false;
		for (int k = 0; k < TRAINING_WISHES_MAX; k++)
			any_wish |= t[i].wishes[k] != 0;
		snprintf(line, sizeof line, "%s%s（%s、全体の距離の合計が最小になる組合せ）。",
			 any_wish ? "希望がかなわないため、距離で" : "希望の指定がないため、距離で", a[got].name, dist);
		add(p->why, sizeof p->why, line);
		explain_wishes(&t[i], 0, a, na, used, p->why, sizeof p->why);
		/* a nearer advisor not chosen: full, or taken by a trainee for whom it saved more */
		int nearest = -1;
		double best = 1e18;
		for (int j = 0; j < na; j++) {
			double km = pair_km(&t[i], &a[j]);
			if (km >= 0 && km < best) {
				best = km;
				nearest = j;
			}
		}
		if (nearest >= 0 && nearest != got && p->distance_km >= 0 && best < p->distance_km) {
			if (a[nearest].capacity_left <= 0 || used[nearest] >= a[nearest].capacity_left)
				snprintf(line, sizeof line, "より近い%s（%.1f km）は受入人数（%d人）に達しています。",
					 a[nearest].name, best, a[nearest].capacity);
			else
				snprintf(line, sizeof line, "より近い%s（%.1f km）は他の受講生に割り当てたほうが合計距離が短くなります。",
					 a[nearest].name, best);
			add(p->why, sizeof p->why, line);
		}
	}
	rc = 0;
done:
	mcf_free(m);
	free(arc_of);
	free(cap_arc);
	free(used);
	return rc;
}
