/*
 * The access policy: the one function every handler asks "may this user do this to this
 * object?" (issue 3 §2). Scope follows the district: an object is located by its municipality
 * (and through it its prefecture and the 郡市医師会 covering it) or by its institution.
 */
#ifndef ZT_AUTH_POLICY_H
#define ZT_AUTH_POLICY_H

#include <stdbool.h>
#include <stdint.h>

#include "auth/auth.h"
#include "core/error.h"

struct store;

enum policy_action {
	ACT_NONE = -1,         /* no role gate: the user's own session, listings filtered per user */
	ACT_PUBLIC_READ,       /* published listing: anyone */
	ACT_REGISTRY_WRITE,    /* create / edit / delete institutions */
	ACT_IMPORT,            /* bureau lists, our CSV */
	ACT_GROUP_READ,        /* group details beyond the public listing */
	ACT_GROUP_WRITE,       /* groups, agreements, initiatives, certificates */
	ACT_DESIGNATION_READ,
	ACT_DESIGNATION_WRITE, /* designation, coverage audit, publication: prefecture staff */
	ACT_CHECKLIST_WRITE,   /* obligation checklists of a designated institution */
	ACT_AUDIT_READ,        /* the audit trail */
	ACT_USER_ADMIN,        /* accounts */
	ACT_PATIENT_READ,      /* 要配慮個人情報 */
	ACT_PATIENT_WRITE,
	ACT_REGION_WRITE,      /* region set-up: 二次医療圏, 圏域, 郡市医師会 districts, populations, adjacency */
	ACT_PUBLISH,           /* 公表 of groups and designations, certificates issued then (issue 12 §8) */
	ACT_FEED_MANAGE,       /* iCalendar duty feeds: create, list, revoke subscription URLs (issue 14 §7) */
	ACT_OPERATOR_MANAGE,   /* programme operators 事業者 (issue 18): prefecture staff, admin */
	ACT_PROGRAMME_READ,    /* meetings, clinic stages, institution visits, award nominations (issue 18) */
	ACT_PROGRAMME_WRITE,   /* the same, written: the operator's coordinators, prefecture staff */
	ACT__MAX
};

/* Where the object lives. Unset fields are "" / 0. An object with no location at all is
 * installation-wide (only admin, or the roles an action grants everywhere). */
struct policy_object {
	const char *municipality;  /* 6-digit code */
	const char *prefecture;    /* 2-digit code; derived from municipality when "" */
	int64_t institution_id;    /* the object's own institution (doctor/nurse/hospital scope) */
	int64_t association_id;    /* the 郡市医師会 the object belongs to (e.g. a group's 拠点) */
};

/* API names of the actions ("registry_write", …), as GET /api/v1/session lists them in `can`. */
extern const char *const policy_action_names[ACT__MAX];

/*
 * The role-level half of the policy: true unless the table denies role act outright (a SCOPED grant
 * is true here; the object's scope is policy_check's business). ACT_NONE is true for every role.
 * The route table runs this gate before every handler (http/session_hook.c).
 */
bool policy_role_may(enum role role, enum policy_action act);

/*
 * Returns ZT_OK when who may perform act on obj; ZT_ERR_UNAUTH when who is NULL and the action
 * needs a user; ZT_ERR_FORBIDDEN otherwise, with a Japanese message in *e. Never touches the
 * object itself; reads only scope data (coverage of associations) from the store.
 */
enum zt_err policy_check(struct store *st, const struct auth_ctx *who, enum policy_action act,
			 const struct policy_object *obj, struct zt_error *e);

/* ---- groups (seed 000) ---- */
/*
 * act on a group located by its 拠点 (base: municipality and association_id); reads also pass for
 * the staff of a member institution (doctors and nurses read the groups of their institution).
 * members[0..n) are the institution ids of the group's members. Results as policy_check.
 */
enum zt_err policy_check_group(struct store *st, const struct auth_ctx *who, enum policy_action act,
			       const struct policy_object *base, const int64_t *members, int n, struct zt_error *e);
/* True when who may read groups through the membership of their institution (doctor, nurse): the
 * listing then looks at the members of groups outside who's district. */
bool policy_group_member_reader(const struct auth_ctx *who);
/* The 拠点 of a new group when none is chosen: a coordinator's new group belongs to their first
 * 郡市医師会 until another 拠点 is chosen; 0 for everyone else. */
int64_t policy_default_group_base(const struct auth_ctx *who);

/* ---- patients (要配慮個人情報, issue 14 §1) ---- */
/*
 * act (ACT_PATIENT_READ / ACT_PATIENT_WRITE) on a patient located by municipality (coordinators of
 * the district, admin for reads) and by the institutions that need the record (insts[0..n): the
 * owner and the care team; for reads also the members of the team's group, whose doctors take the
 * night calls). Prefecture staff and the public never see patients. Results as policy_check.
 */
enum zt_err policy_check_patient(struct store *st, const struct auth_ctx *who, enum policy_action act,
				 const char *municipality, const int64_t *insts, int n, struct zt_error *e);

/* ---- discharge referrals (退院調整, issue 16 §1, §4; seed 002 ⑥⑦) ---- */
/* Where a referral lives and who is named on it (0 = none). */
struct referral_where {
	const char *municipality;  /* the patient's home */
	int64_t hospital_id;       /* the referring hospital */
	int64_t clinic_id, nurse_station_id; /* proposed / accepted */
	int64_t district_id;       /* the 郡市医師会 handling it */
	int64_t offered_to_id;     /* the neighbouring 郡市医師会 it is offered to (相互補完) */
};
/*
 * The parties (bits 1u << enum referral_party) who is on the referral: the referring hospital's staff,
 * the handling district's coordinators (or, when no district handles it, those covering the home),
 * the coordinators of the district it is offered to, and the staff of the proposed clinic / nurse
 * station. NULL (the system) is RP_SYSTEM. Prefecture staff and admins are no party.
 */
unsigned policy_referral_parties(struct store *st, const struct auth_ctx *who, const struct referral_where *r);
/*
 * act on a referral: reads (ACT_PATIENT_READ) for admin, every party and the coordinators whose
 * district covers the home; writes (ACT_PATIENT_WRITE) for the parties only (the state machine then
 * says which party may do which event). A neighbouring district's coordinator sees only the
 * referrals offered to (or taken over by) their district. Results as policy_check.
 */
enum zt_err policy_check_referral(struct store *st, const struct auth_ctx *who, enum policy_action act,
				  const struct referral_where *r, struct zt_error *e);

#endif
