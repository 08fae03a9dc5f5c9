/*
 * Rows of discharge referrals (issue 16 §1–§4, §6): referrals with their preferences and transitions,
 * institution capacity and load, the districts (郡市医師会) and their neighbours from the adjacency
 * tables, the providers a match considers, batches and the monthly report. Referral rows are patient
 * data: callers (src/app/app_referrals.c) ask the policy and audit every read and write.
 * Results: ZT_OK, ZT_ERR_NOTFOUND, ZT_ERR_INVALID (a constraint), ZT_ERR_BUSY or ZT_ERR_DB (*e filled).
 */
#ifndef ZT_STORE_STORE_REFERRALS_H
#define ZT_STORE_STORE_REFERRALS_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/match.h"
#include "domain/referral.h"

struct store;

/* Inside a transaction: inserts r with its preferences (sets id, created_at, updated_at). */
enum zt_err store_referral_insert(struct store *st, struct referral *r, struct zt_error *e);
/* Inside a transaction: writes every field of r and replaces its preferences (updated_at now). */
enum zt_err store_referral_update(struct store *st, struct referral *r, struct zt_error *e);
/* The referral with its preferences and the names of its patient, hospital, clinic, nurse station. */
enum zt_err store_referral_get(struct store *st, int64_t id, struct referral *out, struct zt_error *e);

/* Inside a transaction: one transition row. */
struct referral_event_row {
	const char *event, *from, *to, *user, *role, *reason_code, *reason;
	int64_t institution_id;
};
enum zt_err store_referral_event_insert(struct store *st, int64_t referral_id, const struct referral_event_row *ev,
					struct zt_error *e);
/* The transitions of a referral, oldest first, as a new JSON array (NULL on error). */
json_t *store_referral_events_json(struct store *st, int64_t referral_id);

/* Which referrals a listing shows: all; those of a hospital / addressed to an institution; those of
 * districts (covering the home, handling it, or offered it). state "" = any. */
struct referral_scope_filter {
	int all;
	int64_t hospital_id, institution_id;
	const int64_t *assocs;
	int nassocs;
	const char *state;
};
/* Referrals in scope (no preferences), newest first, as a new array *out of *n (caller frees). */
enum zt_err store_referral_list(struct store *st, const struct referral_scope_filter *f, struct referral **out,
				size_t *n, struct zt_error *e);

/* The 郡市医師会 covering a municipality (lowest id), 0 when none; −1 on error. */
int64_t store_district_of(struct store *st, const char *municipality);
/* The neighbouring districts of association assoc: associations covering a municipality adjacent to
 * one assoc covers (隣接市町村), other than assoc; ids and names (new JSON array; NULL on error). */
json_t *store_district_neighbours(struct store *st, int64_t assoc);
/* True when b is a neighbouring district of a (see above); false on error. */
int store_districts_adjacent(struct store *st, int64_t a, int64_t b);
/* The name of an institution ("" when none). */
void store_institution_name(struct store *st, int64_t id, char *out, size_t n);

/* ---- capacity and load ---- */
struct capacity {
	int64_t institution_id;
	int declared;            /* 0: never declared */
	int accepts_more, load_at_declaration;
	char declared_at[21], declared_by[64];
	int load;                /* now: care teams of patients at home or in hospital + accepted referrals */
	int left;                /* accepts_more − growth of the load since the declaration, ≥ 0 */
};
/* The current load of an institution in role (clinic: 主治医 institution; nurse: nurse station). */
int store_institution_load(struct store *st, int64_t id, enum match_role role);
enum zt_err store_capacity_get(struct store *st, int64_t id, enum match_role role, struct capacity *out,
			       struct zt_error *e);
/* Inside a transaction: declares that institution id accepts more patients (load now recorded). */
enum zt_err store_capacity_put(struct store *st, int64_t id, int more, int load, const char *by, struct zt_error *e);

/* The providers a match considers: institutions doing home care (診療所・病院 with 訪問診療, and
 * 訪問看護ステーション) located in municipalities covered by district (0 = every district), with
 * coordinates, capabilities, load and capacity left. names (may be NULL) receives a parallel array of
 * names (256 bytes each) and municipalities via muni (7 bytes each). Caller frees all three. */
enum zt_err store_match_providers(struct store *st, int64_t district, struct match_provider **out, int *n,
				  char (**names)[256], char (**munis)[7], int **declared, struct zt_error *e);

/* Inside a transaction: a confirmed batch (sets *id). */
enum zt_err store_batch_insert(struct store *st, int64_t district, int assigned, double objective, const char *by,
			       int64_t *id, struct zt_error *e);

/* The monthly report of a district (0 = all) for month "YYYY-MM": {by_state, days_to_accept,
 * declines, load} (see docs/referrals.md). NULL on error. */
json_t *store_referral_report(struct store *st, int64_t district, const char *month);

#endif
