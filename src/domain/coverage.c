/* The coverage audit (see coverage.h): seed 001 「圏域内に少なくとも1つは設定」 per 圏域 with the
 * 16 km rule, and the 在宅医療サポートセンター items of seed 004 per 二次医療圏. */
#include "domain/coverage.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "domain/geo.h"
#include "domain/wareki.h"

/* snprintf for Japanese sentences into fixed buffers: truncation (at a byte) is accepted. */
__attribute__((format(printf, 3, 4))) static void say(char *out, size_t n, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(out, n, fmt, ap);
	va_end(ap);
}

bool coverage_home_care_capable(const struct desig_inst *in)
{
	bool zaishin = false, zaibyo = false;
	for (int s = 0; s < STD__MAX; s++) {
		if (!(in->standards & (1u << s)))
			continue;
		zaishin |= standard_is_zaishin((enum standard)s);
		zaibyo |= standard_is_zaibyo((enum standard)s);
	}
	/* a hospital doing 訪問診療 counts like a clinic doing it (issue 13 item 11) */
	if (in->kind == KIND_CLINIC || in->kind == KIND_HOSPITAL)
		return in->home_care || zaishin || zaibyo;
	return false;
}

const struct code_entry coverage_statuses[3] = {
	[COV_COVERED] = {"covered", "16km圏内"},
	[COV_FAR] = {"far", "16km超"},
	[COV_UNKNOWN] = {"unknown", "判定不能（位置が未登録）"},
};

enum coverage_status coverage_muni_status(const struct desig_world *w, const struct dw_muni *m)
{
	if (!m->has_coord)
		return COV_UNKNOWN;
	return coverage_muni_uncovered(w, m) ? COV_FAR : COV_COVERED;
}

double coverage_nearest_km(const struct desig_world *w, double lat, double lon)
{
	double best = -1;
	for (size_t i = 0; i < w->ninsts; i++) {
		const struct desig_inst *in = &w->insts[i];
		if (!in->has_coord || !coverage_home_care_capable(in))
			continue;
		double d = geo_distance_km(lat, lon, in->lat, in->lon);
		if (best < 0 || d < best)
			best = d;
	}
	return best;
}

bool coverage_muni_uncovered(const struct desig_world *w, const struct dw_muni *m)
{
	if (!m->has_coord)
		return false;
	double d = coverage_nearest_km(w, m->lat, m->lon);
	return d < 0 || d > GEO_HOME_VISIT_KM;
}

/* Designations of role in force for muni that meet their requirement. */
static size_t count_role(const struct desig_world *w, const char *muni, enum desig_role role)
{
	size_t n = 0;
	for (size_t i = 0; i < w->ndesigs; i++)
		if (w->desigs[i].role == role && strcmp(w->desigs[i].muni, muni) == 0 && w->desigs[i].unmet_since[0] == '\0')
			n++;
	return n;
}

#define PROBLEM(out, ...)                                                                               \
	do {                                                                                            \
		if ((out)->nproblems < sizeof (out)->problems / sizeof (out)->problems[0])              \
			say((out)->problems[(out)->nproblems++], sizeof (out)->problems[0], __VA_ARGS__);     \
	} while (0)

/* Appends name to list (names joined by 「・」, truncated quietly when long). */
static void add_name(char *list, size_t n, const char *name)
{
	size_t used = strlen(list);
	if (used + strlen(name) + 8 < n)
		say(list + used, n - used, "%s%s", used ? "・" : "", name);
}

static const char *inst_name(const struct desig_world *w, int64_t id)
{
	const struct desig_inst *in = dw_inst_find(w, id);
	return in ? in->name : "（削除された機関）";
}

void coverage_area_audit(const struct desig_world *w, const struct dw_area *area, struct coverage_area *out)
{
	memset(out, 0, sizeof *out);
	out->area_id = area->id;
	out->by_population = true;
	char no_pos[256] = "", no_pop[256] = "";
	for (size_t i = 0; i < w->ncare_members; i++) {
		if (w->care_members[i].area_id != area->id)
			continue;
		const struct dw_muni *m = dw_muni_find(w, w->care_members[i].muni);
		if (m == NULL)
			continue;
		out->nmunis++;
		if (m->population < 0) {
			out->by_population = false;
			add_name(no_pop, sizeof no_pop, m->name);
		}
		if (!m->has_coord) {
			out->munis_unknown++;
			add_name(no_pos, sizeof no_pos, m->name);
		}
		out->nactive += count_role(w, m->code, DROLE_ACTIVE);
		out->nbase += count_role(w, m->code, DROLE_BASE);
	}
	for (size_t i = 0; i < w->ncare_members; i++) {
		if (w->care_members[i].area_id != area->id)
			continue;
		const struct dw_muni *m = dw_muni_find(w, w->care_members[i].muni);
		if (m == NULL || coverage_muni_status(w, m) == COV_UNKNOWN)
			continue;
		bool far = coverage_muni_uncovered(w, m);
		out->munis_judged++;
		out->munis_far += far;
		if (out->by_population) {
			out->pop_total += m->population;
			if (far)
				out->pop_far += m->population;
		}
	}
	if (out->by_population)
		out->far_share = out->pop_total > 0 ? (double)out->pop_far / (double)out->pop_total : 0;
	else
		out->far_share = out->munis_judged > 0 ? (double)out->munis_far / (double)out->munis_judged : 0;
	/* seed 001: 積極的役割を担う医療機関及び連携を担う拠点を圏域内に少なくとも1つは設定すること */
	if (out->nactive == 0)
		PROBLEM(out, "積極的役割を担う医療機関が確定していません。");
	if (out->nbase == 0)
		PROBLEM(out, "連携を担う拠点が確定していません。");
	/* issue 13 item 8: a designation whose facts changed is named, never ended silently */
	for (size_t i = 0; i < w->ndesigs; i++) {
		const struct dw_designation *d = &w->desigs[i];
		if (d->unmet_since[0] == '\0')
			continue;
		bool member = false;
		for (size_t k = 0; k < w->ncare_members && !member; k++)
			member = w->care_members[k].area_id == area->id && strcmp(w->care_members[k].muni, d->muni) == 0;
		if (!member)
			continue;
		out->nunmet++;
		const struct dw_muni *m = dw_muni_find(w, d->muni);
		char since[40];
		if (wareki_format(d->unmet_since, since, sizeof since) != 0)
			snprintf(since, sizeof since, "%s", d->unmet_since);
		PROBLEM(out, "%sの%s（%s）は要件を満たさなくなりました（%s）。%s", m ? m->name : d->muni,
			d->role == DROLE_ACTIVE ? "積極的役割を担う医療機関" : "連携を担う拠点", inst_name(w, d->institution_id), since,
			d->unmet_reason);
	}
	if (out->munis_unknown > 0)
		PROBLEM(out, "%sは役場の位置が未登録のため、16kmの判定ができません（判定不能）。", no_pos);
	if (!out->by_population)
		PROBLEM(out, "%sの人口が未登録のため、人口比ではなく市町村数で算定しています。", no_pop);
	if (out->far_share > 0)
		PROBLEM(out, "%s の %.1f%% が在宅医療を行う医療機関から16kmを超えています。",
			out->by_population ? "人口" : "市町村（役場所在地）", out->far_share * 100.0);
	out->ok = out->nproblems == 0;
}

void coverage_medical_area_audit(const struct desig_world *w, const struct dw_area *area,
				 struct coverage_medical_area *out)
{
	memset(out, 0, sizeof *out);
	out->medical_area_id = area->id;
	out->quota = sc_area_quota(w, area->id);
	for (size_t i = 0; i < w->ncentres; i++) {
		if (w->centres[i].medical_area_id != area->id)
			continue;
		if (out->centre == NULL)
			out->centre = &w->centres[i];
		out->ncentres++;
	}
	const size_t cap = sizeof out->problems / sizeof out->problems[0];
	/* seed 004: 地域在宅医療サポートセンターについては、二次医療圏域に原則1箇所。ただし、熊本・上益城圏域は3箇所、
	 * 八代圏域は2箇所とする — every centre in force is read */
	if (out->centre == NULL)
		PROBLEM(out, "在宅医療サポートセンターがありません。");
	if (out->ncentres > (size_t)out->quota)
		PROBLEM(out, "在宅医療サポートセンターが%zu箇所あり、県の定める数（%d箇所）を超えています。", out->ncentres, out->quota);
	for (size_t i = 0; i < w->ncentres; i++) {
		const struct dw_centre *c = &w->centres[i];
		if (c->medical_area_id != area->id)
			continue;
		char msgs[SC_ITEM__MAX + 1][256];
		size_t n = sc_item_problems(c->items, msgs, SC_ITEM__MAX + 1);
		for (size_t k = 0; k < n && k < SC_ITEM__MAX + 1 && out->nproblems < cap; k++) {
			if (out->ncentres > 1)
				PROBLEM(out, "%s：%s", c->name, msgs[k]);
			else
				PROBLEM(out, "%s", msgs[k]);
		}
		const struct desig_inst *op = dw_inst_find(w, c->institution_id);
		struct zt_error why;
		zt_error_clear(&why);
		if (op && !sc_operator_in_area(w, area->id, op))
			PROBLEM(out, "%sの運営機関（%s）がこの二次医療圏にありません。", c->name, op->name);
		/* the facts of the operator and the group may have changed since the centre was designated */
		if (op && sc_check_operator(c->type, op, &why) != ZT_OK)
			PROBLEM(out, "%s：%s", c->name, why.message);
		if (c->type == SC_LINKED) {
			size_t members = 0;
			for (size_t k = 0; k < w->nmembers; k++) {
				if (w->members[k].centre_id != c->id)
					continue;
				members++;
				const struct desig_inst *m = dw_inst_find(w, w->members[k].institution_id);
				if (m && !sc_member_provides_home_care(m))
					PROBLEM(out, "%sの構成機関「%s」は在宅医療を提供していません。", c->name, m->name);
			}
			if (members == 0)
				PROBLEM(out, "%s（連携型）の構成機関が登録されていません。", c->name);
		}
	}
	out->ok = out->nproblems == 0;
}

size_t coverage_placement_problems(const struct desig_world *w, char msgs[][512], size_t max)
{
	size_t n = 0;
	char no_medical[400] = "", no_care[400] = "", neither[400] = "";
	for (size_t i = 0; i < w->nmunis; i++) {
		const struct dw_muni *m = &w->munis[i];
		if (m->medical_area_id == 0 && w->nmedical_areas > 0)
			add_name(no_medical, sizeof no_medical, m->name);
		bool in_care = false;
		for (size_t k = 0; k < w->ncare_members && !in_care; k++)
			in_care = strcmp(w->care_members[k].muni, m->code) == 0;
		if (!in_care && w->ncare_areas > 0)
			add_name(no_care, sizeof no_care, m->name);
	}
	for (size_t i = 0; i < w->nunplaced; i++)
		add_name(neither, sizeof neither, w->unplaced[i].name);
	if (w->nmedical_areas == 0 && n < max)
		snprintf(msgs[n++], 512, "二次医療圏が設定されていません（選定ルール③が使えません）。");
	if (w->ncare_areas == 0 && n < max)
		snprintf(msgs[n++], 512, "圏域が設定されていません（積極的役割・連携拠点の点検ができません）。");
	/* seed 001 ③ needs the 二次医療圏; 「圏域内に少なくとも1つは設定」 needs every municipality in a 圏域 */
	if (no_medical[0] && n < max)
		snprintf(msgs[n++], 512, "二次医療圏に属していない市町村があります（選定ルール③が使えません）：%s", no_medical);
	if (no_care[0] && n < max)
		snprintf(msgs[n++], 512, "圏域に属していない市町村があります（圏域ごとの点検の対象外です）：%s", no_care);
	if (neither[0] && n < max)
		snprintf(msgs[n++], 512, "二次医療圏にも圏域にも属していない市町村が%zu件あります：%s", w->nunplaced, neither);
	return n;
}
