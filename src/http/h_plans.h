/* Handlers of activity plans (issue 19 §1, §2, §4): rule sets, plans, uploads, status page, yearly report. */
#ifndef ZT_HTTP_H_PLANS_H
#define ZT_HTTP_H_PLANS_H

#include "http/http.h"

void h_plan_rulesets(struct http_request *req, struct http_reply *rep);
void h_operator_ruleset_put(struct http_request *req, struct http_reply *rep);
void h_plan_get(struct http_request *req, struct http_reply *rep);
void h_plan_put(struct http_request *req, struct http_reply *rep);
void h_plan_upload_post(struct http_request *req, struct http_reply *rep);
void h_plan_upload_get(struct http_request *req, struct http_reply *rep);
void h_plan_status(struct http_request *req, struct http_reply *rep);
void h_plan_report_pdf(struct http_request *req, struct http_reply *rep);
void h_plan_report_xlsx(struct http_request *req, struct http_reply *rep);

#endif
