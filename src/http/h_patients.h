/* Handlers of the 24-hour network (issue 14): patients, care teams, 在後病 registrations, the call
 * chain, group duties and the holiday calendar. Every patient reply is Cache-Control: no-store. */
#ifndef ZT_HTTP_H_PATIENTS_H
#define ZT_HTTP_H_PATIENTS_H

#include "http/http.h"

void h_patients_list(struct http_request *req, struct http_reply *rep);
void h_patients_create(struct http_request *req, struct http_reply *rep);
void h_patient_get(struct http_request *req, struct http_reply *rep);
void h_patient_put(struct http_request *req, struct http_reply *rep);
void h_patient_team_put(struct http_request *req, struct http_reply *rep);
void h_patient_backups_get(struct http_request *req, struct http_reply *rep);
void h_patient_backups_post(struct http_request *req, struct http_reply *rep);
void h_patient_exchanges_post(struct http_request *req, struct http_reply *rep);
void h_patient_call_chain(struct http_request *req, struct http_reply *rep);
void h_group_duties_get(struct http_request *req, struct http_reply *rep);
void h_group_duties_post(struct http_request *req, struct http_reply *rep);
void h_group_duty_delete(struct http_request *req, struct http_reply *rep);
void h_group_duty_settings_put(struct http_request *req, struct http_reply *rep);
void h_holidays(struct http_request *req, struct http_reply *rep);
void h_facility_beds_get(struct http_request *req, struct http_reply *rep);
void h_facility_beds_put(struct http_request *req, struct http_reply *rep);
void h_absences_create(struct http_request *req, struct http_reply *rep);
void h_absence_substitutes(struct http_request *req, struct http_reply *rep);
void h_absence_substitutions_post(struct http_request *req, struct http_reply *rep);

#endif
