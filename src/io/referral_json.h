/*
 * JSON forms of discharge referrals (issue 16 §1–§3): the referral body (needs, home, preferences),
 * a transition body, a batch confirmation body, and the API views. Decoders are pure (the fuzz
 * harness drives them) and refuse unknown keys, naming the field in a Japanese message.
 */
#ifndef ZT_IO_REFERRAL_JSON_H
#define ZT_IO_REFERRAL_JSON_H

#include <jansson.h>

#include "core/error.h"
#include "domain/referral.h"

/* Applies the members present in body to *r (a PUT changes only what it names; "patient" is the
 * caller's business and skipped here). ZT_ERR_INVALID naming the field (preferences[i].kind, …). */
enum zt_err referral_from_json(const json_t *body, struct referral *r, struct zt_error *e);

/* A transition body {event, reason_code?, reason?, clinic_id?, nurse_station_id?, district_id?}. */
struct referral_transition_req {
	enum referral_event event;
	char reason_code[24];
	char reason[512];
	int64_t clinic_id, nurse_station_id, district_id;
};
enum zt_err referral_transition_from_json(const json_t *body, struct referral_transition_req *t, struct zt_error *e);

/* A batch confirmation {district_id, assignments: [{referral_id, clinic_id, nurse_station_id?}, …]}
 * (1–500 entries); *items malloc'd (caller frees). */
struct batch_item {
	int64_t referral_id, clinic_id, nurse_station_id;
};
enum zt_err batch_from_json(const json_t *body, int64_t *district, struct batch_item **items, int *n, struct zt_error *e);

/* The API form of r (codes with labels; age in days on now_iso, the instant of the last event). */
json_t *referral_to_json(const struct referral *r, const char *now_iso);

#endif
