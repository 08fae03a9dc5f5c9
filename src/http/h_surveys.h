/* Handlers of the clinic surveys (issue 18 §1): /api/v1/surveys… for coordinators, /api/v1/survey-links/{token} for clinics. */
#ifndef ZT_HTTP_H_SURVEYS_H
#define ZT_HTTP_H_SURVEYS_H

#include "http/http.h"

void h_survey_templates(struct http_request *req, struct http_reply *rep);
void h_surveys_list(struct http_request *req, struct http_reply *rep);
void h_surveys_create(struct http_request *req, struct http_reply *rep);
void h_survey_get(struct http_request *req, struct http_reply *rep);
void h_survey_put(struct http_request *req, struct http_reply *rep);
void h_survey_send(struct http_request *req, struct http_reply *rep);
void h_survey_close(struct http_request *req, struct http_reply *rep);
void h_survey_clinics(struct http_request *req, struct http_reply *rep);
void h_survey_response_get(struct http_request *req, struct http_reply *rep);
void h_survey_response_put(struct http_request *req, struct http_reply *rep);
void h_survey_import(struct http_request *req, struct http_reply *rep);
void h_survey_results(struct http_request *req, struct http_reply *rep);
void h_survey_barriers_svg(struct http_request *req, struct http_reply *rep);
void h_survey_results_xlsx(struct http_request *req, struct http_reply *rep);
void h_survey_link_get(struct http_request *req, struct http_reply *rep);
void h_survey_link_put(struct http_request *req, struct http_reply *rep);

#endif
