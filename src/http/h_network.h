/* Handlers of the 24-hour network's leftovers (issue 14 §2, §4, §5): ending a 在宅療養後方支援病院
 * registration, editing an absence, the group's seed 002 ③ rules, hospital night duty and bed
 * history. Patient replies are Cache-Control: no-store. */
#ifndef ZT_HTTP_H_NETWORK_H
#define ZT_HTTP_H_NETWORK_H

#include "http/http.h"

void h_patient_backup_end(struct http_request *req, struct http_reply *rep);
void h_absence_put(struct http_request *req, struct http_reply *rep);
void h_group_network_rules_get(struct http_request *req, struct http_reply *rep);
void h_group_network_rules_put(struct http_request *req, struct http_reply *rep);
void h_group_hospital_duties_get(struct http_request *req, struct http_reply *rep);
void h_group_hospital_duties_post(struct http_request *req, struct http_reply *rep);
void h_group_hospital_duty_delete(struct http_request *req, struct http_reply *rep);
void h_facility_beds_history(struct http_request *req, struct http_reply *rep);

#endif
