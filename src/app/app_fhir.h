/*
 * Use case of the FHIR export (issue 14 §7): a patient's care team as an HL7 FHIR R4 Bundle
 * (io/fhir.h). A read of patient data like any other: policy_check_patient over the owner, the team
 * and the team's group, and an audit row ("read_fhir") before anything is returned (a read that
 * cannot be recorded is refused). auth NULL is the system.
 */
#ifndef ZT_APP_APP_FHIR_H
#define ZT_APP_APP_FHIR_H

#include <jansson.h>
#include <stdint.h>

#include "core/error.h"

struct store;
struct zt_actor;
struct auth_ctx;

/* The Bundle of patient id into *out (new; caller owns). ZT_ERR_NOTFOUND, ZT_ERR_FORBIDDEN, or a
 * storage error (nothing returned). */
enum zt_err app_patient_fhir(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			     json_t **out, struct zt_error *e);

#endif
