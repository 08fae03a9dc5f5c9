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

/* Home-care capable for the 16 km test: a clinic or a hospital providing home care (訪問診療), or
 * holding any 在支診 / 在支病 standard. Institutions of other prefectures count (the 16 km of the fee
 * schedule know no prefecture border). */
bool coverage_home_care_capable(const struct desig_inst *in);

/* Distance (km) from (lat, lon) to the nearest home-care-capable institution of w with
 * coordinates; a negative value when there is none. */
double coverage_nearest_km(const struct desig_world *w, double lat, double lon);

/* True when municipality m's centroid lies farther than GEO_HOME_VISIT_KM from every capable
 * institution. False (not judged) when m has no coordinates. */
bool coverage_muni_uncovered(const struct desig_world *w, const struct dw_muni *m);

/* A municipality for the 16 km test: covered, farther than 16 km, or unknown (no position: never
 * taken as covered). */
enum coverage_status { COV_COVERED, COV_FAR, COV_UNKNOWN };
enum coverage_status coverage_muni_status(const struct desig_world *w, const struct dw_muni *m);
extern const struct code_entry coverage_statuses[3]; /* covered 16km圏内, far 16km超, unknown 判定不能 */

#define COV_MAX_PROBLEMS 12
struct coverage_area {
	int64_t area_id;
	size_t nmunis;          /* members known in w */
	size_t nactive, nbase;  /* confirmed designations in force in the area that meet their requirement */
	size_t nunmet;          /* designations in force flagged 「要件を満たさなくなりました」 */
	bool by_population;     /* share measured on population (else on centroids) */
	long pop_total, pop_far;
	size_t munis_far, munis_judged, munis_unknown;
	double far_share;       /* 0..1 of what could be judged */
	bool ok;                /* has both roles, nothing flagged, every member judged, far_share == 0 */
	char problems[COV_MAX_PROBLEMS][512]; /* Japanese sentences */
	size_t nproblems;
};
/* Audits one 圏域 (area, from w->care_areas) into *out (overwritten; nothing allocated): roles
 * present, flagged designations (named with their date), members without a position (unknown) or
 * population, population share beyond 16 km, as Japanese problem sentences. Cannot fail. */
void coverage_area_audit(const struct desig_world *w, const struct dw_area *area, struct coverage_area *out);

struct coverage_medical_area {
	int64_t medical_area_id;
	size_t ncentres;
	int quota;                      /* centres the prefecture sets for the area (1 unless set) */
	const struct dw_centre *centre; /* the first in force, or NULL */
	char problems[COV_MAX_PROBLEMS * 2][256];
	size_t nproblems;
	bool ok;
};
/* Audits one 二次医療圏 (area, from w->medical_areas) for its 在宅医療サポートセンター (seed 004):
 * every centre in force (its items, named when there are several; its operator inside the area; a
 * 連携型 centre's group), and their number against the prefecture's quota (原則1箇所); *out
 * overwritten, nothing allocated. Cannot fail. */
void coverage_medical_area_audit(const struct desig_world *w, const struct dw_area *area,
				 struct coverage_medical_area *out);

/* Municipalities of w that lie in no 二次医療圏 or in no 圏域, and those of the prefecture in neither
 * (w->unplaced), as Japanese sentences (each up to 512 bytes) into msgs; returns how many (issue 13
 * item 10: itself a problem the audit names). */
size_t coverage_placement_problems(const struct desig_world *w, char msgs[][512], size_t max);

#endif
