/* The access policy (issue 3 §2; see policy.h): one table of which roles may do what, then the scope test. */
#include "auth/policy.h"

#include <string.h>

#include "domain/referral.h"
#include "store/store_scope.h"

/* How a role's scope applies to an action: not at all, within its scope, or everywhere. */
enum grant { NO, SCOPED, ALL };

static const enum grant grants[ACT__MAX][ROLE__MAX] = {
	/*                        admin prefecture coordinator doctor  nurse   hospital */
	[ACT_PUBLIC_READ]       = {ALL, ALL,       ALL,        ALL,    ALL,    ALL},
	[ACT_REGISTRY_WRITE]    = {ALL, SCOPED,    SCOPED,     NO,     NO,     NO},
	[ACT_IMPORT]            = {ALL, SCOPED,    SCOPED,     NO,     NO,     NO},
	[ACT_GROUP_READ]        = {ALL, SCOPED,    SCOPED,     SCOPED, SCOPED, NO},
	[ACT_GROUP_WRITE]       = {ALL, NO,        SCOPED,     NO,     NO,     NO},
	[ACT_DESIGNATION_READ]  = {ALL, SCOPED,    SCOPED,     NO,     NO,     NO},
	[ACT_DESIGNATION_WRITE] = {ALL, SCOPED,    NO,         NO,     NO,     NO},
	[ACT_CHECKLIST_WRITE]   = {ALL, SCOPED,    SCOPED,     NO,     NO,     NO},
	[ACT_AUDIT_READ]        = {ALL, NO,        SCOPED,     NO,     NO,     NO},
	[ACT_USER_ADMIN]        = {ALL, NO,        NO,         NO,     NO,     NO},
	[ACT_PATIENT_READ]      = {ALL, NO,        SCOPED,     SCOPED, SCOPED, SCOPED},
	[ACT_PATIENT_WRITE]     = {NO,  NO,        SCOPED,     SCOPED, SCOPED, SCOPED},
	[ACT_REGION_WRITE]      = {ALL, SCOPED,    NO,         NO,     NO,     NO},
	/* 公表 (issue 12 §8): the prefecture (推進センター, DOMAIN.md "publishes, issues certificates") — not the
	 * coordinator who prepared the group, so that a second person looks before anything is public */
	[ACT_PUBLISH]           = {ALL, SCOPED,    NO,         NO,     NO,     NO},
	/* duty feeds (issue 14 §7): a doctor for the doctors of his institution, the coordinator of the
	 * district (a group feed: app_feeds.c asks group_write of the group too) */
	[ACT_FEED_MANAGE]       = {ALL, NO,        SCOPED,     SCOPED, NO,     NO},
	/* the coordinator programme (issue 18): the prefecture creates operators (it commissions them,
	 * seeds 002–004); a coordinator belongs to the operators of its 郡市医師会 (operator.association_id
	 * among its associations) or whose municipality its district covers, and runs their programme */
	[ACT_OPERATOR_MANAGE]   = {ALL, SCOPED,    NO,         NO,     NO,     NO},
	[ACT_PROGRAMME_READ]    = {ALL, SCOPED,    SCOPED,     NO,     NO,     NO},
	[ACT_PROGRAMME_WRITE]   = {ALL, SCOPED,    SCOPED,     NO,     NO,     NO},
};

const char *const policy_action_names[ACT__MAX] = {
	[ACT_PUBLIC_READ] = "public_read",
	[ACT_REGISTRY_WRITE] = "registry_write",
	[ACT_IMPORT] = "import",
	[ACT_GROUP_READ] = "group_read",
	[ACT_GROUP_WRITE] = "group_write",
	[ACT_DESIGNATION_READ] = "designation_read",
	[ACT_DESIGNATION_WRITE] = "designation_write",
	[ACT_CHECKLIST_WRITE] = "checklist_write",
	[ACT_AUDIT_READ] = "audit_read",
	[ACT_USER_ADMIN] = "user_admin",
	[ACT_PATIENT_READ] = "patient_read",
	[ACT_PATIENT_WRITE] = "patient_write",
	[ACT_REGION_WRITE] = "region_write",
	[ACT_PUBLISH] = "publish",
	[ACT_FEED_MANAGE] = "feed_manage",
	[ACT_OPERATOR_MANAGE] = "operator_manage",
	[ACT_PROGRAMME_READ] = "programme_read",
	[ACT_PROGRAMME_WRITE] = "programme_write",
};

bool policy_role_may(enum role role, enum policy_action act)
{
	if (act == ACT_NONE)
		return true;
	if ((int)act < 0 || act >= ACT__MAX || (int)role < 0 || role >= ROLE__MAX)
		return false;
	return grants[act][role] != NO;
}

static bool in_scope(struct store *st, const struct auth_ctx *who, const struct policy_object *o)
{
	const char *muni = o && o->municipality ? o->municipality : "";
	const char *pref = o && o->prefecture ? o->prefecture : "";
	switch (who->role) {
	case ROLE_ADMIN:
		return true;
	case ROLE_PREFECTURE: {
		char p[3] = "";
		if (pref[0] == '\0' && muni[0])
			pref = (memcpy(p, muni, 2), p);
		return pref[0] && strncmp(pref, who->prefecture, 2) == 0;
	}
	case ROLE_COORDINATOR:
		for (int i = 0; i < who->nassociations; i++) {
			if (o && o->association_id && o->association_id == who->associations[i])
				return true;
			if (muni[0] && scope_association_covers(st, who->associations[i], muni))
				return true;
		}
		return false;
	case ROLE_DOCTOR:
	case ROLE_NURSE:
	case ROLE_HOSPITAL:
		return o && o->institution_id && o->institution_id == who->institution_id;
	default:
		return false;
	}
}

enum zt_err policy_check(struct store *st, const struct auth_ctx *who, enum policy_action act,
			 const struct policy_object *obj, struct zt_error *e)
{
	if ((int)act < 0 || act >= ACT__MAX)
		return zt_fail(e, ZT_ERR_FORBIDDEN, "", "この操作は許可されていません。");
	if (act == ACT_PUBLIC_READ)
		return ZT_OK;
	if (who == NULL)
		return zt_fail(e, ZT_ERR_UNAUTH, "", "ログインが必要です。");
	enum grant g = grants[act][who->role];
	if (g == ALL || (g == SCOPED && in_scope(st, who, obj)))
		return ZT_OK;
	return zt_fail(e, ZT_ERR_FORBIDDEN, "", "この操作を行う権限がありません（%s）。", role_label((int)who->role));
}

/* ---- groups (seed 000) ---- */

bool policy_group_member_reader(const struct auth_ctx *who)
{
	return who && (who->role == ROLE_DOCTOR || who->role == ROLE_NURSE);
}

enum zt_err policy_check_group(struct store *st, const struct auth_ctx *who, enum policy_action act,
			       const struct policy_object *base, const int64_t *members, int n, struct zt_error *e)
{
	enum zt_err r = policy_check(st, who, act, base, e);
	if (r == ZT_ERR_FORBIDDEN && act == ACT_GROUP_READ && policy_group_member_reader(who)) {
		for (int i = 0; i < n; i++) {
			struct policy_object m = {.institution_id = members[i]};
			if (policy_check(st, who, act, &m, NULL) == ZT_OK)
				return ZT_OK;
		}
	}
	return r;
}

int64_t policy_default_group_base(const struct auth_ctx *who)
{
	return who && who->role == ROLE_COORDINATOR && who->nassociations > 0 ? who->associations[0] : 0;
}

/* ---- patients (issue 14 §1) ---- */

enum zt_err policy_check_patient(struct store *st, const struct auth_ctx *who, enum policy_action act,
				 const char *municipality, const int64_t *insts, int n, struct zt_error *e)
{
	struct policy_object o = {.municipality = municipality};
	enum zt_err r = policy_check(st, who, act, &o, e);
	if (r != ZT_ERR_FORBIDDEN || role_table[who->role].scope != RSCOPE_INSTITUTION)
		return r;
	for (int i = 0; i < n; i++) {
		struct policy_object m = {.institution_id = insts[i]};
		if (insts[i] && policy_check(st, who, act, &m, NULL) == ZT_OK)
			return zt_error_clear(e), ZT_OK;
	}
	return r;
}

/* ---- discharge referrals (issue 16 §1, §4) ---- */

static bool coordinates(const struct auth_ctx *who, int64_t assoc)
{
	for (int i = 0; assoc && i < who->nassociations; i++)
		if (who->associations[i] == assoc)
			return true;
	return false;
}

static bool covers_home(struct store *st, const struct auth_ctx *who, const struct referral_where *r)
{
	for (int i = 0; r->municipality && r->municipality[0] && i < who->nassociations; i++)
		if (scope_association_covers(st, who->associations[i], r->municipality))
			return true;
	return false;
}

unsigned policy_referral_parties(struct store *st, const struct auth_ctx *who, const struct referral_where *r)
{
	if (who == NULL)
		return 1u << RP_SYSTEM;
	unsigned p = 0;
	switch (who->role) {
	case ROLE_COORDINATOR:
		if (r->district_id ? coordinates(who, r->district_id) : covers_home(st, who, r))
			p |= 1u << RP_COORDINATOR;
		if (coordinates(who, r->offered_to_id))
			p |= 1u << RP_NEIGHBOUR;
		break;
	case ROLE_DOCTOR:
	case ROLE_NURSE:
	case ROLE_HOSPITAL:
		if (who->institution_id && who->institution_id == r->hospital_id)
			p |= 1u << RP_HOSPITAL;
		if (who->institution_id && who->institution_id == r->clinic_id)
			p |= 1u << RP_CLINIC;
		if (who->institution_id && who->institution_id == r->nurse_station_id)
			p |= 1u << RP_NURSE;
		break;
	default:
		break;
	}
	return p;
}

enum zt_err policy_check_referral(struct store *st, const struct auth_ctx *who, enum policy_action act,
				  const struct referral_where *r, struct zt_error *e)
{
	if (who == NULL)
		return ZT_OK;
	if (act != ACT_PATIENT_READ && act != ACT_PATIENT_WRITE)
		return zt_fail(e, ZT_ERR_FORBIDDEN, "", "この操作は許可されていません。");
	if (!policy_role_may(who->role, act))
		return zt_fail(e, ZT_ERR_FORBIDDEN, "", "この操作を行う権限がありません（%s）。", role_label((int)who->role));
	if (act == ACT_PATIENT_READ && who->role == ROLE_ADMIN)
		return ZT_OK;
	if (policy_referral_parties(st, who, r))
		return ZT_OK;
	/* The home district keeps reading a referral it handed over to a neighbour. */
	if (act == ACT_PATIENT_READ && who->role == ROLE_COORDINATOR && covers_home(st, who, r))
		return ZT_OK;
	return zt_fail(e, ZT_ERR_FORBIDDEN, "", "この紹介を%sする権限がありません（%s）。", act == ACT_PATIENT_READ ? "閲覧" : "操作",
		       role_label((int)who->role));
}
