/*
 * The coverage audit of a prefecture (issue 4 §5), pure over a struct desig_world:
 *   per 圏域: at least one confirmed 積極的役割 institution and one 拠点 (seed 001: 「積極的役割を担う
 *   医療機関及び在宅医療に必要な連携を担う拠点を圏域内に少なくとも1つは設定すること」), and the share of
 *   the area's population (or, when a member lacks a population, of its municipalities' centroids)
 *   farther than 16 km from every home-care-capable clinic;
 *   per 二次医療圏: the 在宅医療サポートセンター (seed 004) and its items.
 */
#ifndef ZT_DOMAIN_COVERAGE_H
#define ZT_DOMAIN_COVERAGE_H

#include <stdbool.h>
#include <stddef.h>

#include "domain/designation.h"

/* Home-care capable for the 16 km test: a clinic providing home care or holding any 在支診
 * standard, or a hospital holding any 在支病 standard. */
bool coverage_home_care_capable(const struct desig_inst *in);

/* Distance (km) from (lat, lon) to the nearest home-care-capable institution of w with
 * coordinates; a negative value when there is none. */
double coverage_nearest_km(const struct desig_world *w, double lat, double lon);

/* True when municipality m's centroid lies farther than GEO_HOME_VISIT_KM from every capable
 * institution. False (not judged) when m has no coordinates. */
bool coverage_muni_uncovered(const struct desig_world *w, const struct dw_muni *m);

struct coverage_area {
	int64_t area_id;
	size_t nmunis;          /* members known in w */
	size_t nactive, nbase;  /* confirmed designations in force in the area */
	bool by_population;     /* share measured on population (else on centroids) */
	long pop_total, pop_far;
	size_t munis_far, munis_judged;
	double far_share;       /* 0..1 */
	bool ok;                /* has both roles and far_share == 0 */
	char problems[3][256];  /* Japanese sentences */
	size_t nproblems;
};
/* Audits one 圏域 (area, from w->care_areas) into *out (overwritten; nothing allocated): roles
 * present, population share beyond 16 km, and up to three Japanese problem sentences. Cannot fail. */
void coverage_area_audit(const struct desig_world *w, const struct dw_area *area, struct coverage_area *out);

struct coverage_medical_area {
	int64_t medical_area_id;
	size_t ncentres;
	const struct dw_centre *centre; /* the first in force, or NULL */
	char problems[SC_ITEM__MAX + 2][256];
	size_t nproblems;
	bool ok;
};
/* Audits one 二次医療圏 (area, from w->medical_areas) for its 在宅医療サポートセンター (seed 004):
 * a centre in force and its mandatory items; *out overwritten, nothing allocated. Cannot fail. */
void coverage_medical_area_audit(const struct desig_world *w, const struct dw_area *area,
				 struct coverage_medical_area *out);

#endif
