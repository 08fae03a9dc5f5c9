/*
 * Storage of groups (参入促進・連携（グループ化）, seed 000): the group with its members, 拠点,
 * 積極的役割 and agreement (協定, with its PDF), the initiatives (取組) and the certificates (機関証).
 * Functions marked "in a transaction" must run inside store_tx(). Results as in store.h.
 */
#ifndef ZT_STORE_STORE_GROUPS_H
#define ZT_STORE_STORE_GROUPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/certificate.h"
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
enum zt_err store_group_update(struct store *st, struct group *g, struct zt_error *e); /* sets updated_at */
/* In a transaction. Deletes the group; its certificates stay, revoked, so their numbers still answer. */
enum zt_err store_group_delete(struct store *st, int64_t id, struct zt_error *e);

/* In a transaction. Stores the agreement PDF (creating an empty agreement row when needed). */
enum zt_err store_group_document_put(struct store *st, int64_t id, const void *data, size_t len, struct zt_error *e);
/* The agreement PDF; *data is malloc'd (caller frees). ZT_ERR_NOTFOUND when there is none. */
enum zt_err store_group_document_get(struct store *st, int64_t id, void **data, size_t *len, struct zt_error *e);

/* Fills kind, 法人, names and municipality of g's members from the registry (the decoders know only
 * ids and roles). ZT_ERR_INVALID naming "members[i]" when an institution is not registered. */
enum zt_err store_group_members_resolve(struct store *st, struct group *g, struct zt_error *e);

/* Ids of the groups not re-validated on day today (checked_on), ascending, into a malloc'd *ids
 * (caller frees; NULL when none). ZT_ERR_DB when the read fails. */
enum zt_err store_groups_due(struct store *st, const char *today, int64_t **ids, size_t *n, struct zt_error *e);

/* Every group by id into a malloc'd *rows (caller frees). ZT_ERR_DB when the read fails. */
enum zt_err store_groups_list(struct store *st, struct group_row **rows, size_t *n, struct zt_error *e);

/* Certified groups only, by id, into a malloc'd *out (free with store_groups_public_free).
 * ZT_ERR_DB when a read fails. */
enum zt_err store_groups_public(struct store *st, struct group_public **out, size_t *n, struct zt_error *e);
void store_groups_public_free(struct group_public *g, size_t n);

/* ---- certificates ---- */
/* By number; ZT_ERR_NOTFOUND when unknown. */
enum zt_err store_certificate_get(struct store *st, const char *number, struct group_certificate *out);
/* The current valid certificate of an institution in a group; ZT_ERR_NOTFOUND when none. */
enum zt_err store_certificate_current(struct store *st, int64_t group_id, int64_t institution_id,
				      struct group_certificate *out);
/* Every certificate of a group, newest first, into a malloc'd *out (caller frees). ZT_ERR_DB when
 * the read fails. */
enum zt_err store_group_certificates(struct store *st, int64_t group_id, struct group_certificate **out, size_t *n,
				     struct zt_error *e);
/* The institutions holding a valid certificate of group_id for fiscal_year (distinct) into holders[cap]; *n is how
 * many. ZT_ERR_DB when the read fails or there are more than cap. */
enum zt_err store_certificate_holders(struct store *st, int64_t group_id, int fiscal_year, int64_t *holders, int cap,
				      int *n, struct zt_error *e);
/*
 * In a transaction. Applies a certificate plan (domain/certificate.h) to group g: issues one
 * certificate per planned member, numbered KG-<year of today>-<sequence> where the sequence is the
 * row id the database assigns; revokes the planned institutions' valid certificates with the
 * plan's reason; stores the group's certified flag and checked_on = today (JST date).
 */
enum zt_err store_certificates_apply(struct store *st, const struct group *g, const struct cert_plan *pl,
				     const char *today, struct zt_error *e);

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
/* Attachment metadata of a group's initiatives into a malloc'd *out (caller frees). ZT_ERR_DB when
 * the read fails. */
enum zt_err store_initiative_attachments(struct store *st, int64_t group_id, struct initiative_attachment_meta **out,
					 size_t *n, struct zt_error *e);

/* Counts the 取組 of g's fiscal year of today (ISO) into g->activity: recorded ones held on or before
 * today, and plans (計画). ZT_ERR_DB when the read fails. */
enum zt_err store_group_activity(struct store *st, struct group *g, const char *today, struct zt_error *e);
/* In a transaction. Publishes group id (公表, by: the actor's label) or, with by NULL, withdraws it;
 * at (may be NULL) receives the time stored ("" when withdrawn). ZT_ERR_NOTFOUND when the group does
 * not exist. */
enum zt_err store_group_publish(struct store *st, int64_t id, const char *by, char at[21], struct zt_error *e);

/* ZT_ERR_NOTFOUND when none is set for the prefecture. */
enum zt_err store_certificate_issuer_get(struct store *st, const char *prefecture, struct certificate_issuer *out,
					 struct zt_error *e);
/* Upserts; ZT_ERR_INVALID naming "prefecture" when the prefecture is unknown. */
enum zt_err store_certificate_issuer_put(struct store *st, const struct certificate_issuer *in, struct zt_error *e);

/* The id of the institution named exactly name, or 0 (demo and imports reference by name). */
int64_t store_institution_id_by_name(struct store *st, const char *name);

#endif
