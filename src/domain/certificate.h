/*
 * 機関証 (certificates of a group's member institutions, seed 000 / issue 4 §3): the pure decision
 * of which certificates to issue and which to revoke, and why, after a group was (re-)validated.
 * The store applies the plan; numbering (KG-<year>-<sequence>) is the store's, not the rule's.
 * Pure: no I/O, no allocation.
 */
#ifndef ZT_DOMAIN_CERTIFICATE_H
#define ZT_DOMAIN_CERTIFICATE_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/grouping.h"

/* Institutions that can hold a valid certificate of one group at the same time: the members plus
 * those that left since the last re-validation (each change re-validates, so at most the members
 * of the previous state). */
#define CERT_MAX_HOLDERS (2 * GROUP_MAX_MEMBERS)

struct cert_plan {
	bool valid;                          /* the group meets seed 000 §2 today: certified */
	int issue[GROUP_MAX_MEMBERS];        /* indices into g->members of institutions to certify */
	int nissue;
	int64_t revoke[CERT_MAX_HOLDERS];    /* institutions whose valid certificate is revoked */
	int nrevoke;
	char reason[512];                    /* 失効理由 of every revocation of this plan (Japanese) */
};

/* A certificate as stored (the public status and the listing of a group read this). */
struct group_certificate {
	int64_t id;
	char number[32];
	int64_t group_id, institution_id;
	char group_name[401], institution_name[401];
	char status[8];          /* valid | revoked */
	char issued_at[21], revoked_at[21];
	char revoke_reason[512];
};

/*
 * Decides the certificates of group g given its problems p[0..np) as of today (group_validate)
 * and holders[0..nholders): the institutions that hold a valid certificate of g now.
 *   valid   → every member without one gets a certificate; holders no longer members are revoked
 *             ("グループから脱退しました。");
 *   invalid → every holder is revoked, the reason naming the first error problem.
 * Returns 0, or -1 when nholders exceeds CERT_MAX_HOLDERS (out is then empty and invalid).
 */
int cert_plan_make(const struct group *g, const struct group_problem *p, int np, const int64_t *holders,
		   int nholders, struct cert_plan *out);

/* True when the plan changes nothing (no issue, no revocation). */
bool cert_plan_empty(const struct cert_plan *pl);

#endif
