/* Handlers of 訪問診療導入研修 and its 認定証 (issue 18 §2; h_training.c). */
#ifndef ZT_HTTP_H_TRAINING_H
#define ZT_HTTP_H_TRAINING_H

#include "http/http.h"

void h_trainings_list(struct http_request *req, struct http_reply *rep);
void h_trainings_create(struct http_request *req, struct http_reply *rep);
void h_training_get(struct http_request *req, struct http_reply *rep);
void h_training_put(struct http_request *req, struct http_reply *rep);
void h_training_session_put(struct http_request *req, struct http_reply *rep);
void h_training_invite(struct http_request *req, struct http_reply *rep);
void h_training_advisor_add(struct http_request *req, struct http_reply *rep);
void h_training_trainee_add(struct http_request *req, struct http_reply *rep);
void h_training_trainee_put(struct http_request *req, struct http_reply *rep);
void h_training_match_get(struct http_request *req, struct http_reply *rep);
void h_training_match_post(struct http_request *req, struct http_reply *rep);
void h_training_attendance_put(struct http_request *req, struct http_reply *rep);
void h_training_visit_add(struct http_request *req, struct http_reply *rep);
void h_training_followup_add(struct http_request *req, struct http_reply *rep);
void h_training_cert_issue(struct http_request *req, struct http_reply *rep);
void h_training_cert_pdf(struct http_request *req, struct http_reply *rep);
/* The public status of a 認定証 (KS-…) for GET /api/v1/certificates/{number} (h_groups.c routes it here). */
void h_training_certificate_status(struct http_request *req, struct http_reply *rep);

#endif
