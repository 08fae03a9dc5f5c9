/* Handlers of the subsidies (issue 19 §3; app/app_subsidies.h). */
#ifndef ZT_HTTP_H_SUBSIDIES_H
#define ZT_HTTP_H_SUBSIDIES_H

#include "http/http.h"

void h_subsidy_programmes(struct http_request *req, struct http_reply *rep);
void h_subsidy_expenses_list(struct http_request *req, struct http_reply *rep);
void h_subsidy_expenses_create(struct http_request *req, struct http_reply *rep);
void h_subsidy_expense_put(struct http_request *req, struct http_reply *rep);
void h_subsidy_expense_delete(struct http_request *req, struct http_reply *rep);
void h_subsidy_receipt_put(struct http_request *req, struct http_reply *rep);
void h_subsidy_receipt_get(struct http_request *req, struct http_reply *rep);
void h_subsidy_claim(struct http_request *req, struct http_reply *rep);
void h_subsidy_claim_xlsx(struct http_request *req, struct http_reply *rep);
void h_subsidy_claim_pdf(struct http_request *req, struct http_reply *rep);

#endif
