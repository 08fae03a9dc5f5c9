/* Use case of the FHIR R4 export of a patient's care team (issue 14 §7; see app_fhir.h). */
#include "app/app_fhir.h"

#include <stdlib.h>
#include <string.h>

#include "auth/policy.h"
#include "core/clock.h"
#include "io/fhir.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_patients.h"

#define INSTS_MAX 64

enum zt_err app_patient_fhir(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			     json_t **out, struct zt_error *e)
{
	*out = NULL;
	struct patient *p = calloc(1, sizeof *p);
	struct care_team *t = calloc(1, sizeof *t);
	struct facility *insts = calloc(8, sizeof *insts);
	if (p == NULL || t == NULL || insts == NULL)
		abort();
	enum zt_err r = store_patient_get(st, id, p, e);
	if (r == ZT_OK && auth) {
		/* the same rule as every patient read (app_patients.c): the owner, the team, the team's group */
		int64_t ids[INSTS_MAX];
		int n = store_patient_institutions(st, id, 1, ids, INSTS_MAX);
		r = n < 0 ? zt_fail(e, ZT_ERR_DB, "", "データベースの読み出しに失敗しました。")
			  : policy_check_patient(st, auth, ACT_PATIENT_READ, p->municipality, ids, n, e);
	}
	if (r == ZT_OK)
		r = audit_append(st, who, "read_fhir", "patient", id, p->municipality, NULL, NULL, e);
	if (r == ZT_OK)
		r = store_team_load(st, id, t, e);
	int ninst = 0;
	const int64_t want[] = {t->primary_inst.id, t->secondary_inst.id, t->nurse_station.id, t->pharmacy.id,
				t->care_manager.id, t->backup_id ? t->backup_hospital.id : 0, t->discharge_hospital.id};
	for (size_t i = 0; r == ZT_OK && i < sizeof want / sizeof want[0]; i++) {
		if (!want[i])
			continue;
		enum zt_err fr = store_facility_get(st, want[i], &insts[ninst], e);
		if (fr == ZT_OK)
			ninst++;
		else if (fr != ZT_ERR_NOTFOUND)
			r = fr;
	}
	if (r == ZT_OK) {
		char now[21];
		zt_now_utc(now);
		*out = fhir_care_team_bundle(p, t, insts, ninst, now);
	}
	free(insts);
	free(t);
	free(p);
	return r;
}
