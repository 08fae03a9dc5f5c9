/* Handlers of the fair on-call rota (issue 15): settings, unavailability, solve jobs, edits, export. */
#ifndef ZT_HTTP_H_ROTA_H
#define ZT_HTTP_H_ROTA_H

#include "http/http.h"

void h_rota_get(struct http_request *req, struct http_reply *rep);
void h_rota_xlsx(struct http_request *req, struct http_reply *rep);
void h_rota_doctor_put(struct http_request *req, struct http_reply *rep);
void h_rota_unavailable_post(struct http_request *req, struct http_reply *rep);
void h_rota_unavailable_delete(struct http_request *req, struct http_reply *rep);
void h_rota_unavailable_import(struct http_request *req, struct http_reply *rep);
void h_rota_wishes_post(struct http_request *req, struct http_reply *rep);
void h_rota_solve(struct http_request *req, struct http_reply *rep);
void h_rota_swap(struct http_request *req, struct http_reply *rep);
void h_rota_give(struct http_request *req, struct http_reply *rep);
void h_rota_slot_put(struct http_request *req, struct http_reply *rep);
void h_job_get(struct http_request *req, struct http_reply *rep);
void h_job_cancel(struct http_request *req, struct http_reply *rep);

#endif
