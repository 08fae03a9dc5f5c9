/* Handlers of the interop exports (issue 14 §7): the FHIR Bundle of a patient's team and the iCalendar duty feeds. */
#ifndef ZT_HTTP_H_INTEROP_H
#define ZT_HTTP_H_INTEROP_H

#include "http/http.h"

void h_patient_fhir(struct http_request *req, struct http_reply *rep);
void h_feeds_list(struct http_request *req, struct http_reply *rep);
void h_feeds_create(struct http_request *req, struct http_reply *rep);
void h_feed_delete(struct http_request *req, struct http_reply *rep);
void h_ical_get(struct http_request *req, struct http_reply *rep);

#endif
