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
/* The verification URL printed in a certificate's QR code (<public URL>/verify?number=…), from the
 * configured public base URL only (serve --public-url, else ZAITAKU_PUBLIC_URL), never from the
 * request's Host; false when none is set. */
bool h_certificate_verify_url(const struct http_request *req, const char *number, char *out, size_t n);
/* "令和8年度" for fiscal year fy into out. */
void h_fiscal_label(int fy, char *out, size_t n);
void h_public_groups(struct http_request *req, struct http_reply *rep);
void h_group_publish(struct http_request *req, struct http_reply *rep);
void h_group_unpublish(struct http_request *req, struct http_reply *rep);
void h_certificate_issuer_get(struct http_request *req, struct http_reply *rep);
void h_certificate_issuer_put(struct http_request *req, struct http_reply *rep);

#endif
