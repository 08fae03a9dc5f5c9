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

/*
 * The rules a district agreed with its hospitals (seed 002 ③ 後方支援機能の運用ルール), kept per
 * group (docs/network.md says why): three models of the seed, combinable.
 */
struct backup_rules {
	/* 柏市: 「可能な限り、退院元の病院が受け入れる」 — the discharge-origin hospital right after the
	 * registered 在後病 (the default); off: after the group's other hospitals. */
	bool discharge_origin_first;
	/* 青葉区: 「確実に夜間休日当直体制のある急性期病院へ入院でき、かつ病床に余裕のある病院へ転院」 —
	 * at night and on holidays the acute hospital on night duty that date comes first (temporarily). */
	bool night_acute_first;
	/* 「連携病院が副主治医機能を担うモデル」: this backup hospital covers every night and holiday in
	 * the 副主治医's place (0 = none). */
	int64_t backup_secondary_hospital_id;
};
#define BACKUP_RULES_DEFAULT ((struct backup_rules){.discharge_origin_first = true})

/* A hospital the chain may call, in order, with its published beds (後方病床, issue 14 §5). */
struct cc_hospital {
	struct team_inst inst;
	const char *why;     /* "backup_registered" (在後病), "discharge_origin", "group_backup",
			      * "night_acute" (on night duty that date; ordered by callchain_order_hospitals) */
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
	/* seed 002 ③ (NULL: BACKUP_RULES_DEFAULT); with hospitals, the chain orders them by these rules.
	 * secondary_hospital: the backup_secondary_hospital_id's institution (NULL when none). */
	const struct backup_rules *rules;
	const struct team_inst *secondary_hospital;
};

#define CC_STEPS_MAX 16
#define CC_SKIPS_MAX 8
#define CC_KNOW_MAX 8

struct cc_step {
	const char *role;      /* "primary", "on_call", "secondary", "nurse_station", "backup_hospital",
				* "discharge_hospital", "fire_department" */
	const char *role_ja;
	const char *reason;    /* reason code: primary_in_hours, primary_fallback, substitute, on_call,
				* on_call_substitute, secondary, backup_as_secondary, nurse_24h, nurse_first,
				* night_acute, backup_registered, discharge_origin, group_backup, fire_department */
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

/*
 * Orders the chain's hospitals by the district's rules (seed 002 ③): at night (and on holidays) with
 * night_acute_first, those on night duty that date ("night_acute") first; then the registered 在後病;
 * the discharge-origin hospital next when discharge_origin_first, else after the group's hospitals;
 * then the group's hospitals in the given order. A hospital appears once (its first place); a
 * "night_acute" entry is dropped by day or when the rule is off. Writes ≤ max to out; returns how many.
 */
int callchain_order_hospitals(const struct backup_rules *r, bool night, const struct cc_hospital *in, int n,
			      struct cc_hospital *out, int max);

#endif
