/* The coverage audit (see coverage.h): seed 001 「圏域内に少なくとも1つは設定」 per 圏域 with the
 * 16 km rule, and the 在宅医療サポートセンター items of seed 004 per 二次医療圏. */
#include "domain/coverage.h"

#include <stdio.h>
#include <string.h>

#include "domain/geo.h"

bool coverage_home_care_capable(const struct desig_inst *in)
{
	bool zaishin = false, zaibyo = false;
	for (int s = 0; s < STD__MAX; s++) {
		if (!(in->standards & (1u << s)))
			continue;
		zaishin |= standard_is_zaishin((enum standard)s);
		zaibyo |= standard_is_zaibyo((enum standard)s);
	}
	if (in->kind == KIND_CLINIC)
		return in->home_care || zaishin;
	if (in->kind == KIND_HOSPITAL)
		return zaibyo;
	return false;
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

/* Is there a designation of role in force for muni? */
static size_t count_role(const struct desig_world *w, const char *muni, enum desig_role role)
{
	size_t n = 0;
	for (size_t i = 0; i < w->ndesigs; i++)
		if (w->desigs[i].role == role && strcmp(w->desigs[i].muni, muni) == 0)
			n++;
	return n;
}

void coverage_area_audit(const struct desig_world *w, const struct dw_area *area, struct coverage_area *out)
{
	memset(out, 0, sizeof *out);
	out->area_id = area->id;
	out->by_population = true;
	for (size_t i = 0; i < w->ncare_members; i++) {
		if (w->care_members[i].area_id != area->id)
			continue;
		const struct dw_muni *m = dw_muni_find(w, w->care_members[i].muni);
		if (m == NULL)
			continue;
		out->nmunis++;
		if (m->population < 0)
			out->by_population = false;
		out->nactive += count_role(w, m->code, DROLE_ACTIVE);
		out->nbase += count_role(w, m->code, DROLE_BASE);
	}
	for (size_t i = 0; i < w->ncare_members; i++) {
		if (w->care_members[i].area_id != area->id)
			continue;
		const struct dw_muni *m = dw_muni_find(w, w->care_members[i].muni);
		if (m == NULL || !m->has_coord)
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
		snprintf(out->problems[out->nproblems++], 256, "積極的役割を担う医療機関が確定していません。");
	if (out->nbase == 0)
		snprintf(out->problems[out->nproblems++], 256, "連携を担う拠点が確定していません。");
	if (out->far_share > 0)
		snprintf(out->problems[out->nproblems++], 256, "%s の %.1f%% が在宅医療を行う医療機関から16kmを超えています。",
			 out->by_population ? "人口" : "市町村（役場所在地）", out->far_share * 100.0);
	out->ok = out->nproblems == 0;
}

void coverage_medical_area_audit(const struct desig_world *w, const struct dw_area *area,
				 struct coverage_medical_area *out)
{
	memset(out, 0, sizeof *out);
	out->medical_area_id = area->id;
	for (size_t i = 0; i < w->ncentres; i++) {
		if (w->centres[i].medical_area_id != area->id)
			continue;
		if (out->centre == NULL)
			out->centre = &w->centres[i];
		out->ncentres++;
	}
	if (out->centre == NULL) {
		/* seed 004: 地域在宅医療サポートセンターについては、二次医療圏域に原則1箇所 */
		snprintf(out->problems[out->nproblems++], 256, "在宅医療サポートセンターがありません。");
	} else {
		out->nproblems = sc_item_problems(out->centre->items, out->problems, SC_ITEM__MAX + 1);
		if (out->nproblems > SC_ITEM__MAX + 1)
			out->nproblems = SC_ITEM__MAX + 1;
	}
	out->ok = out->nproblems == 0;
}
