/* Handlers of discharge referrals (issue 16 §1–§4, §6): referrals, transitions, candidates, batches,
 * capacity and the monthly report. Every reply carrying referral data is Cache-Control: no-store. */
#ifndef ZT_HTTP_H_REFERRALS_H
#define ZT_HTTP_H_REFERRALS_H

#include "http/http.h"

void h_referrals_list(struct http_request *req, struct http_reply *rep);
void h_referrals_create(struct http_request *req, struct http_reply *rep);
void h_referral_get(struct http_request *req, struct http_reply *rep);
void h_referral_put(struct http_request *req, struct http_reply *rep);
void h_referral_transition(struct http_request *req, struct http_reply *rep);
void h_referral_candidates(struct http_request *req, struct http_reply *rep);
void h_referral_batch_proposal(struct http_request *req, struct http_reply *rep);
void h_referral_batch_confirm(struct http_request *req, struct http_reply *rep);
void h_facility_capacity_get(struct http_request *req, struct http_reply *rep);
void h_facility_capacity_put(struct http_request *req, struct http_reply *rep);
void h_referral_report(struct http_request *req, struct http_reply *rep);
void h_referral_report_csv(struct http_request *req, struct http_reply *rep);
void h_referral_report_xlsx(struct http_request *req, struct http_reply *rep);

#endif
