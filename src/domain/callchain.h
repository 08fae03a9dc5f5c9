/*
 * The call chain (issue 14 §6; DOMAIN.md "24-hour mutual support": "this patient has deteriorated
 * now: whom do we call, in which order, and why?"): from a patient, the team, the duty slot of the
 * moment and that slot's on-call doctors, the ordered steps with a reason code and a Japanese
 * sentence each, the steps left out with their reason, and what the caller must know now. Pure.
 */
#ifndef ZT_DOMAIN_CALLCHAIN_H
#define ZT_DOMAIN_CALLCHAIN_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/duty.h"
#include "domain/patient.h"

/* A hospital the chain may call, in order, with its published beds (後方病床, issue 14 §5). */
struct cc_hospital {
	struct team_inst inst;
	const char *why;     /* "backup_registered" (在後病), "discharge_origin", "group_backup" */
	bool has_beds;       /* figures published */
	int free;            /* free beds over all wards */
	char updated_at[21]; /* the newest figure */
	bool stale;          /* older than the group's bed_stale_hours */
};

struct cc_input {
	const struct patient *p;
	const struct care_team *t;
	struct duty_slot slot;         /* duty_slot_at() of the moment, with the group's hours */
	struct duty_hours hours;
	bool nurse_first;              /* the district calls the 24h nurse station first (configurable) */
	const struct duty *duties;     /* the on-call doctors of slot (same date and type) */
	int nduties;
	/* 代診 (issue 14 §4): the 主治医 is absent on the moment's date; substitute (NULL: none accepted)
	 * is the accepted substitute with its institution's name and phone. */
	bool primary_absent;
	const char *absence_reason;
	const struct team_person *substitute;
	const char *substitute_institution, *substitute_institution_phone;
	/* Hospitals in order (registered 在後病, discharge origin, the group's other hospitals); NULL:
	 * the team's 在後病 and discharge-origin hospital without bed figures. */
	const struct cc_hospital *hospitals;
	int nhospitals;
};

#define CC_STEPS_MAX 16
#define CC_SKIPS_MAX 8
#define CC_KNOW_MAX 8

struct cc_step {
	const char *role;      /* "primary", "on_call", "secondary", "nurse_station", "backup_hospital",
				* "discharge_hospital", "fire_department" */
	const char *role_ja;
	const char *reason;    /* reason code: primary_in_hours, primary_fallback, substitute, on_call,
				* on_call_substitute, secondary, nurse_24h, nurse_first, backup_registered,
				* discharge_origin, fire_department */
	char sentence[400];    /* why it stands at this place, in Japanese */
	char person[128];
	char institution[256];
	int64_t institution_id, practitioner_id;
	char phones[2][32];
	int nphones;
};

struct cc_skip {
	const char *reason;    /* no_on_call, nurse_not_24h, no_secondary, no_nurse_station, no_backup_hospital,
				* primary_absent, no_substitute, no_free_bed */
	char sentence[400];
};

struct cc_result {
	struct cc_step steps[CC_STEPS_MAX];
	int nsteps;
	struct cc_skip skipped[CC_SKIPS_MAX];
	int nskipped;
	char know[CC_KNOW_MAX][400]; /* devices, ACP wishes, allergies, status, 要介護度 */
	int nknow;
	char slot_label[160];        /* e.g. "2026年12月31日（年末年始） 年末年始夜間" */
};

/* Builds the chain for in into *out (always succeeds; an empty team still ends with 119). */
void callchain_build(const struct cc_input *in, struct cc_result *out);

#endif
