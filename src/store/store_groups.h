/*
 * Storage of groups (参入促進・連携（グループ化）, seed 000): the group with its members, 拠点,
 * 積極的役割 and agreement (協定, with its PDF), the initiatives (取組) and the certificates (機関証).
 * Functions marked "in a transaction" must run inside store_tx(). Results as in store.h.
 */
#ifndef ZT_STORE_STORE_GROUPS_H
#define ZT_STORE_STORE_GROUPS_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/grouping.h"

struct store;

/* Loads group id: members with their kind, name and 法人 from the registry, the 拠点 with its kind
 * and municipality, 積極的役割 ids and the agreement metadata. ZT_ERR_NOTFOUND when absent. */
enum zt_err store_group_get(struct store *st, int64_t id, struct group *out, struct zt_error *e);

/* In a transaction. Writes the group row, replaces members and 積極的役割, and upserts (or, when
 * g->agreement.present is false, deletes) the agreement metadata; an attached PDF is kept.
 * Every referenced institution must exist (ZT_ERR_INVALID naming the field otherwise). Create sets
 * g->id. */
enum zt_err store_group_create(struct store *st, struct group *g, struct zt_error *e);
enum zt_err store_group_update(struct store *st, const struct group *g, struct zt_error *e);
/* In a transaction. Deletes the group; its certificates stay, revoked, so their numbers still answer. */
enum zt_err store_group_delete(struct store *st, int64_t id, struct zt_error *e);

/* In a transaction. Stores the agreement PDF (creating an empty agreement row when needed). */
enum zt_err store_group_document_put(struct store *st, int64_t id, const void *data, size_t len, struct zt_error *e);
/* The agreement PDF; *data is malloc'd (caller frees). ZT_ERR_NOTFOUND when there is none. */
enum zt_err store_group_document_get(struct store *st, int64_t id, void **data, size_t *len, struct zt_error *e);

/*
 * In a transaction. Re-validates group id as of today (ISO date) and brings its certificates in
 * line: valid → one valid certificate per member institution (issued when missing; revoked for
 * institutions no longer members); invalid → every certificate of the group revoked. Sets the
 * group's certified flag. *valid (may be NULL) receives the outcome.
 */
enum zt_err store_group_sync(struct store *st, int64_t id, const char *today, bool *valid, struct zt_error *e);
/* In a transaction: store_group_sync for every group not yet re-validated today (so that reads
 * re-validate by date at most once a day; changes re-validate at once). */
enum zt_err store_groups_sync_all(struct store *st, const char *today, struct zt_error *e);
/* True when some group was not re-validated today (read-only; decides whether a read path needs
 * the write transaction of store_groups_sync_all). */
bool store_groups_need_check(struct store *st, const char *today);

/* Listing for signed-in users: [{id,name,base_id,base_name,base_municipality,certified,
 * member_count,updated_at}] as a new array (caller owns). NULL on error. */
json_t *store_groups_list(struct store *st);
/* Public listing: certified groups only, [{id,name,base:{id,name},members:[{institution_id,name,
 * kind,role,role_label,municipality,address,active_role}]}] — no notes, no agreement. New array
 * (caller owns); NULL on error. */
json_t *store_groups_public(struct store *st);

/* ---- certificates ---- */
struct group_certificate {
	int64_t id;
	char number[32];
	int64_t group_id, institution_id;
	char group_name[401], institution_name[401];
	char status[8];          /* valid | revoked */
	char issued_at[21], revoked_at[21];
	char revoke_reason[512];
};
/* By number; ZT_ERR_NOTFOUND when unknown. */
enum zt_err store_certificate_get(struct store *st, const char *number, struct group_certificate *out);
/* The current valid certificate of an institution in a group; ZT_ERR_NOTFOUND when none. */
enum zt_err store_certificate_current(struct store *st, int64_t group_id, int64_t institution_id,
				      struct group_certificate *out);
/* Every certificate of a group, newest first, as a new JSON array (caller owns); NULL on error. */
json_t *store_group_certificates(struct store *st, int64_t group_id);

/* ---- initiatives (取組) ---- */
/* In a transaction. in->group_id must exist. Sets in->id. */
enum zt_err store_initiative_add(struct store *st, struct initiative *in, struct zt_error *e);
/* Initiatives of a group (fiscal_year 0: all), by date. *out malloc'd (caller frees). */
enum zt_err store_initiatives(struct store *st, int64_t group_id, int fiscal_year, struct initiative **out, int *n,
			      struct zt_error *e);

/* In a transaction. Stores (replacing) the attachment of initiative iid of group group_id; mime is
 * its content type. ZT_ERR_NOTFOUND (field initiative_id) when the initiative is not the group's. */
enum zt_err store_initiative_attachment_put(struct store *st, int64_t group_id, int64_t iid, const char *mime,
					    const void *data, size_t len, struct zt_error *e);
/* The attachment: *data malloc'd (caller frees), mime copied into mime[mimesz].
 * ZT_ERR_NOTFOUND when the initiative or its attachment does not exist. */
enum zt_err store_initiative_attachment_get(struct store *st, int64_t group_id, int64_t iid, char *mime, size_t mimesz,
					    void **data, size_t *len, struct zt_error *e);
/* Attachment metadata of a group's initiatives: {"<initiative id>": {"content_type","size",
 * "uploaded_at"}} as a new object (caller owns). NULL on error. */
json_t *store_initiative_attachments(struct store *st, int64_t group_id);

/* The id of the institution named exactly name, or 0 (demo and imports reference by name). */
int64_t store_institution_id_by_name(struct store *st, const char *name);

#endif
