/* Handlers of groups (グループ化), their agreement, initiatives and certificates (h_groups.c). */
#ifndef ZT_HTTP_H_GROUPS_H
#define ZT_HTTP_H_GROUPS_H

#include "http/http.h"

void h_groups_list(struct http_request *req, struct http_reply *rep);
void h_groups_create(struct http_request *req, struct http_reply *rep);
void h_group_get(struct http_request *req, struct http_reply *rep);
void h_group_put(struct http_request *req, struct http_reply *rep);
void h_group_delete(struct http_request *req, struct http_reply *rep);
void h_group_members_put(struct http_request *req, struct http_reply *rep);
void h_group_members_post(struct http_request *req, struct http_reply *rep);
void h_group_member_delete(struct http_request *req, struct http_reply *rep);
void h_group_validation(struct http_request *req, struct http_reply *rep);
void h_group_agreement_put(struct http_request *req, struct http_reply *rep);
void h_group_document_put(struct http_request *req, struct http_reply *rep);
void h_group_document_get(struct http_request *req, struct http_reply *rep);
void h_group_initiatives_post(struct http_request *req, struct http_reply *rep);
void h_group_initiatives_get(struct http_request *req, struct http_reply *rep);
void h_group_initiatives_summary(struct http_request *req, struct http_reply *rep);
void h_group_initiative_attachment_put(struct http_request *req, struct http_reply *rep);
void h_group_initiative_attachment_get(struct http_request *req, struct http_reply *rep);
void h_group_certificates(struct http_request *req, struct http_reply *rep);
void h_group_certificate_pdf(struct http_request *req, struct http_reply *rep);
void h_certificate_status(struct http_request *req, struct http_reply *rep);
void h_public_groups(struct http_request *req, struct http_reply *rep);
void h_group_publish(struct http_request *req, struct http_reply *rep);
void h_group_unpublish(struct http_request *req, struct http_reply *rep);
void h_certificate_issuer_get(struct http_request *req, struct http_reply *rep);
void h_certificate_issuer_put(struct http_request *req, struct http_reply *rep);

#endif
