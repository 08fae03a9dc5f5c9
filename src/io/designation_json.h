/*
 * JSON, CSV and XLSX forms of the designation (seed 001) and the coverage audit, computed from a
 * struct desig_world by the domain rules (designation.h, coverage.h, obligations.h). Returned JSON
 * values and buffers belong to the caller.
 */
#ifndef ZT_IO_DESIGNATION_JSON_H
#define ZT_IO_DESIGNATION_JSON_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/designation.h"
#include "domain/obligations.h"

/* Per municipality: candidates of both roles with their rule, designations in force (active and
 * bases); per 圏域 its status. The three *_json builders return a new object (caller owns). */
json_t *designation_report_json(const struct desig_world *w);
/* Only what is published: designations in force per 圏域 and municipality (names, roles). */
json_t *designation_public_json(const struct desig_world *w);
/* The coverage audit: per 圏域 and per 二次医療圏, plus map data (municipality centroids with
 * uncovered flags, home-care-capable institutions with coordinates). */
json_t *coverage_report_json(const struct desig_world *w);
/* The coverage table as CSV (UTF-8 with BOM, CRLF, Japanese header). *out malloc'd. */
void coverage_csv(const struct desig_world *w, char **out, size_t *len);
/* The coverage table as an XLSX workbook written to path (libxlsxwriter). */
enum zt_err coverage_xlsx(const struct desig_world *w, const char *path, struct zt_error *e);
/* Checklist rows (store_checklist_rows) as a new JSON array of {item, status, evidence, due_date,
 * done_date, updated_at} ("" as null); with today (ISO) also label, status_label and overdue, as
 * the API shows them; without (NULL) the plain rows of the audit trail. */
json_t *checklist_to_json(const struct oblig_row *rows, size_t n, const char *today);
/* A designation as the API and the audit trail show it: {id, municipality, municipality_name,
 * institution_id, institution_name, institution_kind, role, basis, rule, reason, plan_period,
 * valid_from, valid_to, created_by, ended_by, end_reason} ("" as null); a list of them. */
json_t *designation_to_json(const struct designation *d);
json_t *designation_list_json(const struct designation *rows, size_t n);
/* Adjacency pairs as [{a, a_name, b, b_name}]. */
json_t *adjacency_json(const struct adjacency_pair *p, size_t n);
/* A support centre as the API shows it: {id, medical_area_id, medical_area_name, institution_id,
 * institution_name, type, name, valid_from, valid_to, items[codes]} ("" and 0 as null). */
json_t *support_centre_to_json(const struct support_centre *c);
/* True when the row is not done and its due date is before today (oblig_overdue). */
bool checklist_row_overdue(const struct oblig_row *r, const char *today);

/* ---- request bodies (pure: JSON object → struct; every refusal is ZT_ERR_INVALID naming the field) ---- */

/* POST /designations {municipality, institution_id, role, basis?, reason?, plan_period?}: unknown
 * keys refused; basis defaults to rule, plan_period to 2024-2029. The rules of seed 001 that need
 * the world (candidates, beds) are checked later (desig_check_request). */
enum zt_err designation_from_json(const json_t *body, struct dw_designation *d, struct zt_error *e);
/* PUT /designations/{id}/checklist {items:[{item, status, evidence?, due_date?, done_date?}]}: 1–64
 * items, each passed through oblig_item_validate. *out (calloc'd, *n entries) belongs to the
 * caller, also on failure (free(NULL) is fine). */
enum zt_err checklist_from_json(const json_t *body, struct oblig_item **out, size_t *n, struct zt_error *e);

/* POST / PUT /support-centres (seed 004). name is borrowed from the body (NULL when absent). */
struct sc_request {
	int64_t medical_area_id, institution_id; /* create only */
	enum sc_type type;                       /* create only */
	const char *name;                        /* 1–100 characters; required on create */
	uint32_t items;                          /* bit (1u << enum sc_item) */
	bool has_members;                        /* members given (update: replace the group) */
	int64_t members[SC_MAX_MEMBERS];         /* 連携型: the member group's institution ids */
	size_t nmembers;
};
/* create: medical_area_id, institution_id, type, name required, items and members (an array of up
 * to SC_MAX_MEMBERS institution ids) optional. Update (create 0): items required (an array), name
 * and members optional. Other keys are ignored (as before). */
enum zt_err support_centre_from_json(const json_t *body, int create, struct sc_request *r, struct zt_error *e);

#endif
