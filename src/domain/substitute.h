/*
 * 代診 (issue 14 §4; seed 003 「休日日夜間等不在時の代診制」): the ranked substitutes for a patient of an
 * absent 主治医, or for a duty of an absent doctor, each with its reasons; the excluded doctors with
 * why; and, when nobody qualifies, one sentence saying why (all absent, none within 16 km, none with
 * the capability). Pure: the store fills the candidates.
 */
#ifndef ZT_DOMAIN_SUBSTITUTE_H
#define ZT_DOMAIN_SUBSTITUTE_H

#include <stdbool.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/patient.h"

#define SUB_CANDIDATES_MAX 64

/* A doctor of the group as the ranking sees them for the absence's period. */
struct sub_candidate {
	int64_t practitioner_id, institution_id;
	char name[128], institution[256], phone[32];
	bool has_coord;
	double lat, lon;
	uint32_t caps;        /* the institution's confirmed capabilities */
	bool absent;          /* absent on some day of the period */
	bool on_duty;         /* already on another duty that date (duties only) */
	bool secondary;       /* the patient's 副主治医 */
	bool outside;         /* a doctor of an institution outside the group (asked only when nobody in
			       * the group qualifies; ranked after every group doctor, 「グループ外（要依頼）」) */
	int covered;          /* substitutions accepted this fiscal year (fairness debt: fewer first) */
};

struct sub_rank {
	int idx;              /* into the candidates */
	bool eligible;
	double km;            /* straight line from the patient's home; < 0 when unknown or a duty */
	char reasons[400];    /* Japanese: why eligible and where it stands, or why excluded */
};

/*
 * Ranks cands[0..n) for patient p (NULL: for a duty) excluding absent_id (the absent doctor).
 * out[0..n) gets every candidate but the absent doctor: the eligible first in rank order (副主治医,
 * then the group's doctors before those outside the group, then fewest covered this fiscal year,
 * then nearest, then id), then the excluded. An eligible outside doctor's reasons begin
 * 「グループ外（要依頼）」. Returns the number
 * of eligible ones; when 0, none_reason gets a Japanese sentence saying why.
 */
int substitute_rank(const struct patient *p, int64_t absent_id, const struct sub_candidate *cands, int n,
		    struct sub_rank *out, int *nout, char none_reason[400]);

/* A doctor's absence (dates inclusive). */
struct absence {
	int64_t id, practitioner_id, institution_id;
	char practitioner_name[128], institution_municipality[7];
	char starts_on[11], ends_on[11];
	char reason[256];
};

/* One affected patient (patient_id) or duty (duty.id) of an absence with its ranked substitutes. */
struct plan_item {
	int64_t patient_id;
	char patient_name[128];
	struct duty duty;
	struct sub_candidate cands[SUB_CANDIDATES_MAX];
	struct sub_rank ranks[SUB_CANDIDATES_MAX];
	int nranks, neligible;
	char none_reason[400];
	int64_t accepted; /* the accepted substitute's practitioner id, 0 = none yet */
};

/* Checks dates (real, ends_on ≥ starts_on, at most 366 days) and a reason. ZT_ERR_INVALID naming the field. */
enum zt_err absence_validate(const struct absence *a, struct zt_error *e);

#endif
