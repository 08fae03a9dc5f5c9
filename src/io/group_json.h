/* JSON forms of groups (グループ化), their validation problems and initiatives (取組). */
#ifndef ZT_IO_GROUP_JSON_H
#define ZT_IO_GROUP_JSON_H

#include <jansson.h>

#include "core/error.h"
#include "domain/certificate.h"
#include "domain/grouping.h"

/* New JSON object for g (caller owns). with_note false leaves out the internal note. */
json_t *group_to_json(const struct group *g, int with_note);
/*
 * Reads the keys present in o into g (PUT semantics: absent keys keep their value): name, note,
 * base_id, active_role_ids, members [{institution_id, role}], agreement {signed_on, valid_from,
 * valid_to, parties} or null. Dates accept ISO or 和暦 (wareki_parse). Unknown keys and wrong types
 * are ZT_ERR_INVALID naming the field. Member kinds and names are not known here (the store
 * fills them on reload).
 */
enum zt_err group_from_json(const json_t *o, struct group *g, struct zt_error *e);
/* Reads a members array (replacing g's members). */
enum zt_err group_members_from_json(const json_t *arr, struct group *g, struct zt_error *e);
/* Reads one member object {institution_id, role}. */
enum zt_err group_member_from_json(const json_t *o, struct group_member *m, const char *field, struct zt_error *e);
/* Reads the agreement object (metadata only). */
enum zt_err group_agreement_from_json(const json_t *o, struct group_agreement *a, struct zt_error *e);

/* New object {"valid":bool,"problems":[{"code","message","severity","field"?}]} (caller owns). */
json_t *group_problems_to_json(const struct group_problem *p, int n);

/* New JSON object for an initiative (取組), caller owns. */
json_t *initiative_to_json(const struct initiative *in);
/* Reads {kind, held_on, title, description, topics:[...], participants}; unknown keys rejected. */
enum zt_err initiative_from_json(const json_t *o, struct initiative *in, struct zt_error *e);
/* New JSON object for a yearly summary with the missing kinds and topics, caller owns. */
json_t *initiative_summary_to_json(const struct initiative_summary *s);

/* New objects (caller owns) for the rows the store returns: the listing row {id,name,base_id,
 * base_name,base_municipality,certified,member_count,updated_at}; the public group {id,name,
 * base:{id,name},members:[{institution_id,name,kind,role,role_label,municipality,address,
 * active_role}]} (no notes, no agreement); a certificate of a group's listing {number,
 * institution_id,institution_name,status,issued_at,revoked_at,revoke_reason}; the public status of
 * a certificate {number,status,group,institution,issued_at[,revoked_at,revoke_reason]}; and an
 * initiative attachment's metadata {content_type,size,uploaded_at}. */
json_t *group_row_to_json(const struct group_row *r);
/* 同一法人 as the rules see it (issue 13 §4): [{legal_entity, institution_ids, names, reasons:
 * [{member, reason}]}] for every 法人 holding two or more members, caller owns. */
json_t *group_entities_to_json(const struct group *g);
json_t *group_public_to_json(const struct group_public *pg);
json_t *group_certificate_to_json(const struct group_certificate *c);
json_t *certificate_status_to_json(const struct group_certificate *c);
json_t *attachment_meta_to_json(const struct initiative_attachment_meta *m);

#endif
