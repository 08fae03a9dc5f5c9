/*
 * Use cases of groups (参入促進・連携（グループ化）, seed 000): one function per thing a user (or the
 * system) does to a group, its agreement, members, initiatives (取組) and certificates (機関証).
 * Each write has one shape: the access policy → the domain checks → one store_tx holding the store
 * writes, the re-validation as of today (JST) with the certificate plan (domain/certificate.h)
 * applied, and the audit row. HTTP, CLI, demo and the daily timer call these; none of them takes an
 * HTTP request.
 *
 * Callers pass auth, the signed-in user the policy is asked about (NULL = the public, which may
 * only read public things), and who, the actor of the audit row.
 * Results: ZT_OK, ZT_ERR_UNAUTH, ZT_ERR_FORBIDDEN, ZT_ERR_NOTFOUND, ZT_ERR_INVALID (naming the
 * field), ZT_ERR_CONFLICT, ZT_ERR_MEDIA, ZT_ERR_BUSY or ZT_ERR_DB, with the Japanese message in *e.
 */
#ifndef ZT_APP_APP_GROUPS_H
#define ZT_APP_APP_GROUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/auth.h"
#include "auth/policy.h"
#include "core/actor.h"
#include "core/error.h"
#include "domain/attachment.h"
#include "domain/certificate.h"
#include "domain/grouping.h"

struct store;

#define APP_GROUP_PROBLEMS (GROUP_MAX_PROBLEMS + GROUP_MAX_MEMBERS + GROUP_MAX_ACTIVE)

/* A group as answered after a read or a change: the group, its problems as of today and its
 * certificates (newest first). Free with app_group_view_free. */
struct app_group_view {
	struct group g;
	struct group_problem problems[APP_GROUP_PROBLEMS];
	int nproblems;
	struct group_certificate *certs;
	size_t ncerts;
};
void app_group_view_free(struct app_group_view *v); /* accepts NULL */

/* ---- reads ---- */
/* Group id into *g (caller-allocated) when auth may do act on it (ACT_GROUP_READ also for the staff
 * of a member institution). */
enum zt_err app_group_load(struct store *st, const struct auth_ctx *auth, int64_t id, enum policy_action act,
			   struct group *g, struct zt_error *e);
/* The group with its validation as of today and its certificates (ACT_GROUP_READ): loaded once,
 * validated once. *out is new. */
enum zt_err app_group_view(struct store *st, const struct auth_ctx *auth, int64_t id, struct app_group_view **out,
			   struct zt_error *e);
/* Problems of group id as of today (ACT_GROUP_READ) into p[APP_GROUP_PROBLEMS]; *n how many. Never
 * writes: certificates follow the date through app_groups_refresh. */
enum zt_err app_group_validation(struct store *st, const struct auth_ctx *auth, int64_t id, struct group_problem *p,
				 int *n, struct zt_error *e);
/* The groups auth may read, into a malloc'd *rows (caller frees). */
enum zt_err app_groups_list(struct store *st, const struct auth_ctx *auth, struct group_row **rows, size_t *n,
			    struct zt_error *e);
/* The certified groups for the public, as last re-validated (free with app_groups_public_free). */
enum zt_err app_groups_public(struct store *st, struct group_public **out, size_t *n, struct zt_error *e);
void app_groups_public_free(struct group_public *g, size_t n);
/* Certificates of group id (ACT_GROUP_READ), newest first, into a malloc'd *out (caller frees). */
enum zt_err app_group_certificates(struct store *st, const struct auth_ctx *auth, int64_t id,
				   struct group_certificate **out, size_t *n, struct zt_error *e);
/* The public status of certificate number: ZT_ERR_NOTFOUND when unknown. */
enum zt_err app_certificate_status(struct store *st, const char *number, struct group_certificate *out,
				   struct zt_error *e);
/* For the PDF of institution inst's 機関証 in group id (ACT_GROUP_READ): the group into *g and the
 * current valid certificate into *c. ZT_ERR_NOTFOUND when inst holds none, or when the group does
 * not meet the requirements today (the certificate lapses by date before the daily refresh
 * records it). Read-only. */
enum zt_err app_group_certificate(struct store *st, const struct auth_ctx *auth, int64_t id, int64_t inst,
				  struct group *g, struct group_certificate *c, struct zt_error *e);
/* The agreement PDF of group id (ACT_GROUP_READ); *data malloc'd (caller frees). */
enum zt_err app_group_document(struct store *st, const struct auth_ctx *auth, int64_t id, void **data, size_t *len,
			       struct zt_error *e);
/* Initiatives of group id (ACT_GROUP_READ) of fiscal year fy (0: all) into a malloc'd *items, with
 * the attachments' metadata into a malloc'd *atts (caller frees both). */
enum zt_err app_group_initiatives(struct store *st, const struct auth_ctx *auth, int64_t id, int fy,
				  struct initiative **items, int *n, struct initiative_attachment_meta **atts,
				  size_t *natts, struct zt_error *e);
/* The attachment of initiative iid of group id (ACT_GROUP_READ); *data malloc'd (caller frees). */
enum zt_err app_group_attachment(struct store *st, const struct auth_ctx *auth, int64_t id, int64_t iid,
				 enum attachment_type *type, void **data, size_t *len, struct zt_error *e);

/* ---- changes (ACT_GROUP_WRITE on the group's 拠点) ---- */
/*
 * Creates group g (decoded; members and 拠点 by id). A coordinator's group without a 拠点 gets
 * their 郡市医師会 (policy_default_group_base). Members must lie in auth's district
 * (ACT_GROUP_WRITE asked per member with its municipality; 403 naming members[i]). Sets g->id;
 * *out is the stored group, validated, with its certificates.
 */
enum zt_err app_group_create(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			     struct group *g, struct app_group_view **out, struct zt_error *e);
/*
 * Stores g, the new state of group before (as loaded by app_group_load for ACT_GROUP_WRITE and
 * changed by a decoder). Moving the group to another 拠点 needs write access there too; members not
 * in before must lie in auth's district. *out as for create.
 */
enum zt_err app_group_update(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
			     const struct group *before, struct group *g, struct app_group_view **out,
			     struct zt_error *e);
/* Adds member m to group before (as loaded by app_group_load for ACT_GROUP_WRITE):
 * ZT_ERR_CONFLICT when already a member, ZT_ERR_INVALID beyond GROUP_MAX_MEMBERS; otherwise as
 * app_group_update. */
enum zt_err app_group_member_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				 const struct group *before, const struct group_member *m,
				 struct app_group_view **out, struct zt_error *e);
/* Removes institution inst from group id (ZT_ERR_NOTFOUND when not a member); its certificate is
 * revoked in the same transaction. */
enum zt_err app_group_member_remove(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				    int64_t id, int64_t inst, struct app_group_view **out, struct zt_error *e);
/* Deletes group id; its certificates stay, revoked. */
enum zt_err app_group_delete(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			     struct zt_error *e);
/* Stores the signed agreement's PDF (content_type must be application/pdf: ZT_ERR_MEDIA; the bytes
 * must start with %PDF-: ZT_ERR_INVALID naming "document"). */
enum zt_err app_group_document_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				   int64_t id, const char *content_type, const void *data, size_t len,
				   struct zt_error *e);
/* Records initiative in (decoded) for group g (as loaded by app_group_load for ACT_GROUP_WRITE)
 * after initiative_check; sets in->id. */
enum zt_err app_group_initiative_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				     struct group *g, struct initiative *in, struct zt_error *e);
/* Stores the attachment of initiative iid: content_type PDF, PNG or JPEG (ZT_ERR_MEDIA naming
 * Content-Type), bytes checked by attachment_check. *type receives the stored type. */
enum zt_err app_group_attachment_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				     int64_t id, int64_t iid, const char *content_type, const void *data, size_t len,
				     enum attachment_type *type, struct zt_error *e);

/* ---- 公表 (issue 12 §8) and the certificate issuer (seed 000 §3) ---- */
/*
 * Publishes group id (ACT_PUBLISH on its 拠点's prefecture): only a group meeting every 要件 today
 * (ZT_ERR_CONFLICT naming "published" with the first reason otherwise, or when already published);
 * certificates are issued to its members in the same transaction. With publish false, withdraws
 * the publication and revokes the certificates ("公表が取り消されました。"). *out as for create.
 */
enum zt_err app_group_publish(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who, int64_t id,
			      bool publish, struct app_group_view **out, struct zt_error *e);
/* The issuer of the 機関証 of a prefecture (public data: it is printed). ZT_ERR_NOTFOUND when unset. */
enum zt_err app_certificate_issuer(struct store *st, const char *prefecture, struct certificate_issuer *out,
				   struct zt_error *e);
/* Sets it (ACT_PUBLISH in that prefecture), checked by certificate_issuer_check, audited. */
enum zt_err app_certificate_issuer_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				       const struct certificate_issuer *in, struct zt_error *e);

/* ---- the system ---- */
/*
 * Re-validates every group not yet checked on day today (JST "YYYY-MM-DD") and brings its
 * certificates in line (an agreement that expired overnight revokes them), one transaction per
 * group with an audit row (actor: the system) when certificates changed. *checked (may be NULL)
 * receives how many groups were re-validated. Run by `zaitaku groups refresh` and by `serve` at
 * start and at every JST midnight; changes re-validate at once.
 */
enum zt_err app_groups_refresh(struct store *st, const char *today, int *checked, struct zt_error *e);
/* In a transaction, no policy (the demo loader): stores new group g, re-validates it and appends
 * the audit row for who. *valid receives whether it is certified. */
enum zt_err app_group_create_system(struct store *st, const struct zt_actor *who, struct group *g, bool *valid,
				    struct zt_error *e);
/* In a transaction, no policy (the demo loader): re-validates group id after the demo added its
 * 取組 and 協定書, publishing it first when publish (公表 by the system) — certificates are issued
 * only to a valid, published group. *valid receives whether it is certified. */
enum zt_err app_group_recheck_system(struct store *st, const struct zt_actor *who, int64_t id, bool publish, bool *valid,
				     struct zt_error *e);

#endif
