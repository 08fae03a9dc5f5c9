/* The API's index: one table of every route (routes.c), kept in step with docs/api.md by a test. */
#ifndef ZT_HTTP_ROUTES_H
#define ZT_HTTP_ROUTES_H

#include "auth/policy.h"
#include "http/http.h"

/* Who may reach a route at all (signed out → 401); the route's act is the role-level gate, run
 * before the handler (roles the policy denies act outright → 403); the handler asks the policy
 * again about the object's scope (issue 3). */
enum route_access {
	ROUTE_PUBLIC,  /* anyone, signed out included */
	ROUTE_SIGNED,  /* any signed-in user; the handler asks the policy about the object */
};

struct route {
	const char *method;
	const char *pattern;    /* "/api/v1/facilities/{id}" */
	http_handler handler;
	enum route_access access;
	enum policy_action act; /* the role gate; ACT_NONE: none (own session, per-user listings) */
	size_t body_max;        /* 0: HTTP_JSON_BODY_MAX */
};

extern const struct route routes[];
extern const int routes_count;

/* Finds the route for method and path, filling req->params. Sets *method_mismatch when the path
 * exists with another method. Returns an entry of routes[] (static), or NULL when none matches;
 * req->params point into scratch (scratchsz bytes, the caller's). */
const struct route *routes_match(const char *method, const char *path, struct http_request *req,
				 char *scratch, size_t scratchsz, int *method_mismatch);

/*
 * Handlers, one file per resource (prototypes of newer resources live in their own h_*.h). Each
 * replies exactly once through rep; errors become JSON error replies, never a return value.
 */
void h_health(struct http_request *req, struct http_reply *rep);
void h_meta_codes(struct http_request *req, struct http_reply *rep);
void h_prefectures(struct http_request *req, struct http_reply *rep);
void h_municipalities(struct http_request *req, struct http_reply *rep);
void h_medical_areas(struct http_request *req, struct http_reply *rep);
void h_areas(struct http_request *req, struct http_reply *rep);
void h_medical_associations(struct http_request *req, struct http_reply *rep);
void h_facilities_list(struct http_request *req, struct http_reply *rep);
void h_facilities_create(struct http_request *req, struct http_reply *rep);
void h_facility_get(struct http_request *req, struct http_reply *rep);
void h_facility_put(struct http_request *req, struct http_reply *rep);
void h_facility_delete(struct http_request *req, struct http_reply *rep);

#endif
