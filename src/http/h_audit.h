/* /api/v1/audit — search and CSV export of the audit trail (issue 3 §3). */
#ifndef ZT_HTTP_H_AUDIT_H
#define ZT_HTTP_H_AUDIT_H

#include "http/http.h"

void h_audit_list(struct http_request *req, struct http_reply *rep);
void h_audit_csv(struct http_request *req, struct http_reply *rep);

#endif
