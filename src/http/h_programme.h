/* Handlers of the coordinator programme (issue 18): operators, meetings, clinic stages, visits, awards. */
#ifndef ZT_HTTP_H_PROGRAMME_H
#define ZT_HTTP_H_PROGRAMME_H

#include "http/http.h"

void h_operators_list(struct http_request *req, struct http_reply *rep);
void h_operators_create(struct http_request *req, struct http_reply *rep);
void h_operator_get(struct http_request *req, struct http_reply *rep);
void h_operator_put(struct http_request *req, struct http_reply *rep);

void h_meetings_list(struct http_request *req, struct http_reply *rep);
void h_meetings_create(struct http_request *req, struct http_reply *rep);
void h_meetings_ical(struct http_request *req, struct http_reply *rep);
void h_meeting_get(struct http_request *req, struct http_reply *rep);
void h_meeting_put(struct http_request *req, struct http_reply *rep);
void h_meeting_delete(struct http_request *req, struct http_reply *rep);
void h_meeting_pdf_put(struct http_request *req, struct http_reply *rep);
void h_meeting_pdf_get(struct http_request *req, struct http_reply *rep);

void h_stages_list(struct http_request *req, struct http_reply *rep);
void h_stages_snapshot(struct http_request *req, struct http_reply *rep);
void h_stage_get(struct http_request *req, struct http_reply *rep);
void h_stage_put(struct http_request *req, struct http_reply *rep);
void h_stage_plan_put(struct http_request *req, struct http_reply *rep);

void h_facility_visits_list(struct http_request *req, struct http_reply *rep);
void h_facility_visits_create(struct http_request *req, struct http_reply *rep);
void h_visit_delete(struct http_request *req, struct http_reply *rep);
void h_visits_year(struct http_request *req, struct http_reply *rep);
void h_awards_list(struct http_request *req, struct http_reply *rep);
void h_awards_create(struct http_request *req, struct http_reply *rep);
void h_award_decision_put(struct http_request *req, struct http_reply *rep);
void h_award_put(struct http_request *req, struct http_reply *rep);
void h_award_delete(struct http_request *req, struct http_reply *rep);
void h_public_awards(struct http_request *req, struct http_reply *rep);

#endif
