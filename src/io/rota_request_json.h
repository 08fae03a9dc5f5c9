/*
 * The JSON bodies of the rota API (issue 15 §1, §4, §6): one decoder per request shape, each
 * refusing unknown members and bad values with ZT_ERR_INVALID naming the field and a Japanese
 * message. Values are checked for form here (dates real, types known, ranges); the use cases check
 * them against the group (app_rota.c).
 */
#ifndef ZT_IO_ROTA_REQUEST_JSON_H
#define ZT_IO_ROTA_REQUEST_JSON_H

#include <jansson.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/duty.h"

/* PUT …/rota/doctors/{pid}: {share (0 < s ≤ 1), max_per_week, max_per_month (0–31, 0/null = none),
 * carried: {duty type: points}}; members left out keep defaults (share 1, none, 0). */
struct rota_settings_req {
	double share;
	int max_per_week, max_per_month;
	double carried[DUTY__MAX];
};
enum zt_err rota_settings_from_json(const json_t *o, struct rota_settings_req *out, struct zt_error *e);

/* POST …/rota/unavailable: {practitioner_id, date, reason?, source?: conference | manual}. */
struct rota_unavail_req {
	int64_t practitioner_id;
	char date[11], reason[256], source[16];
};
enum zt_err rota_unavail_from_json(const json_t *o, struct rota_unavail_req *out, struct zt_error *e);

/* POST …/rota/wishes: {practitioner_id, date, kind: prefer | avoid, duty_type?}. */
struct rota_wish_req {
	int64_t practitioner_id;
	char date[11], kind[8];
	int type; /* -1 = any */
};
enum zt_err rota_wish_from_json(const json_t *o, struct rota_wish_req *out, struct zt_error *e);

/* POST …/rota/solve: {from, to, time_limit? (seconds, 0.1–600, default 10), seed? (≥ 0, default 1)}. */
struct rota_solve_req {
	char from[11], to[11];
	double time_limit;
	uint64_t seed;
};
enum zt_err rota_solve_from_json(const json_t *o, struct rota_solve_req *out, struct zt_error *e);

/* The edits: swap {duty_a, duty_b, reason}; give {duty_id, practitioner_id, reason};
 * slot {date, duty_type, practitioner_id, reason}. reason is required (1–500 bytes). */
enum rota_edit_kind { ROTA_EDIT_SWAP, ROTA_EDIT_GIVE, ROTA_EDIT_SLOT };
struct rota_edit_req {
	int64_t duty_a, duty_b, duty_id, practitioner_id;
	char date[11];
	int type;
	char reason[512];
};
enum zt_err rota_edit_from_json(const json_t *o, enum rota_edit_kind kind, struct rota_edit_req *out, struct zt_error *e);

#endif
