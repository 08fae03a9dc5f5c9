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
	bool unpublish;                      /* a published group lost its validity: 公表 ends with it */
	int fiscal_year;                     /* 年度 the certificates of this plan cover (cert_plan_year) */
	bool first_year;                     /* issued under the first-year grace (plans for the 取組) */
	char lapse_reason[128];              /* 失効理由 of certificates of other fiscal years */
	int issue[GROUP_MAX_MEMBERS];        /* indices into g->members of institutions to certify */
	int nissue;
	int64_t revoke[CERT_MAX_HOLDERS];    /* institutions whose valid certificate is revoked */
	int nrevoke;
	char reason[512];                    /* 失効理由 of every revocation of this plan (Japanese) */
};

/* A certificate as stored (the public status and the listing of a group read this); fiscal_year:
 * the 年度 it covers; first_year: issued under the first-year grace of the three 取組. */
struct group_certificate {
	int64_t id;
	char number[32];
	int64_t group_id, institution_id;
	char group_name[401], institution_name[401];
	char status[8];          /* valid | revoked */
	int fiscal_year;
	bool first_year;
	char base_name[401];     /* 拠点 as issued */
	char issued_at[21], revoked_at[21];
	char revoke_reason[512];
};

/*
 * Decides the certificates of group g given its problems p[0..np) as of today (group_validate)
 * and holders[0..nholders): the institutions that hold a valid certificate of g for this fiscal year.
 *   valid and published (公表, issue 12 §8) → every member without one gets a certificate; holders no
 *             longer members are revoked ("グループから脱退しました。");
 *   valid, not published → nothing is issued; holders are revoked ("公表が取り消されました。");
 *   invalid → every holder is revoked, the reason naming the first error problem, and a published
 *             group is unpublished (a group that becomes valid again is published anew).
 * Returns 0, or -1 when nholders exceeds CERT_MAX_HOLDERS (out is then empty and invalid).
 */
int cert_plan_make(const struct group *g, const struct group_problem *p, int np, const int64_t *holders,
		   int nholders, struct cert_plan *out);

/* Sets the fiscal year of pl from today (ISO) — certificates of other years lapse with
 * "対象年度（令和N年度）が終了しました。" — and whether it is g's first year (経過措置). Cannot fail. */
void cert_plan_year(const struct group *g, const char *today, struct cert_plan *pl);

/* The issuer of the 機関証 of a prefecture (seed 000 §3(2) "機関証を交付する": the 推進センター or a
 * 郡市医師会, set in the region's settings), with its representative as printed beside the seal. */
struct certificate_issuer {
	char prefecture[3];
	char name[401];                  /* 交付者 */
	char representative_title[201];  /* 代表者の職名 */
	char representative_name[201];   /* 代表者の氏名 */
	char updated_at[21];
};
#define ISSUER_NAME_MAX_CHARS 100
#define ISSUER_PERSON_MAX_CHARS 50
/* Checks an issuer: a 2-digit prefecture, a name of 1–100 characters, title and name of the
 * representative up to 50 each. 0, or -1 with the field and a Japanese message. */
int certificate_issuer_check(const char *prefecture, const char *name, const char *title, const char *person,
			     char *field, int fieldsz, char *msg, int msgsz);

/* True when the plan changes nothing (no issue, no revocation). */
bool cert_plan_empty(const struct cert_plan *pl);

#endif
