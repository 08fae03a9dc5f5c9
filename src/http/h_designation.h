/* Handlers of designation per area, checklists and the coverage audit (h_designation.c). */
#ifndef ZT_HTTP_H_DESIGNATION_H
#define ZT_HTTP_H_DESIGNATION_H

#include "http/http.h"

void h_designations_list(struct http_request *req, struct http_reply *rep);
void h_designations_create(struct http_request *req, struct http_reply *rep);
void h_designation_delete(struct http_request *req, struct http_reply *rep);
void h_designation_checklist_get(struct http_request *req, struct http_reply *rep);
void h_designation_checklist_put(struct http_request *req, struct http_reply *rep);
void h_coverage(struct http_request *req, struct http_reply *rep);
void h_coverage_csv(struct http_request *req, struct http_reply *rep);
void h_coverage_xlsx(struct http_request *req, struct http_reply *rep);
void h_adjacency(struct http_request *req, struct http_reply *rep);
void h_public_designations(struct http_request *req, struct http_reply *rep);
void h_support_centres_create(struct http_request *req, struct http_reply *rep);
void h_support_centre_put(struct http_request *req, struct http_reply *rep);
void h_support_centre_delete(struct http_request *req, struct http_reply *rep);
void h_consultation_desk_put(struct http_request *req, struct http_reply *rep);
void h_support_centre_quota_put(struct http_request *req, struct http_reply *rep);

/* 公表 of a designation (issue 12 §8). */
void h_designation_publish(struct http_request *req, struct http_reply *rep);
void h_designation_unpublish(struct http_request *req, struct http_reply *rep);
void h_designations_unpublished(struct http_request *req, struct http_reply *rep);

#endif
