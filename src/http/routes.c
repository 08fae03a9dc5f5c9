/* The route table: every endpoint of the API, in one place (documented in docs/api.md). */
#include "http/routes.h"

#include <stdio.h>
#include <string.h>

const struct route routes[] = {
	{"GET", "/api/v1/health", h_health, ROUTE_PUBLIC, 0},
	{"GET", "/api/v1/codes", h_meta_codes, ROUTE_PUBLIC, 0},
	{"GET", "/api/v1/prefectures", h_prefectures, ROUTE_PUBLIC, 0},
	{"GET", "/api/v1/municipalities", h_municipalities, ROUTE_PUBLIC, 0},
	{"GET", "/api/v1/medical-areas", h_medical_areas, ROUTE_PUBLIC, 0},
	{"GET", "/api/v1/areas", h_areas, ROUTE_PUBLIC, 0},
	{"GET", "/api/v1/medical-associations", h_medical_associations, ROUTE_PUBLIC, 0},
	{"GET", "/api/v1/facilities", h_facilities_list, ROUTE_PUBLIC, 0},
	{"POST", "/api/v1/facilities", h_facilities_create, ROUTE_SIGNED, 0},
	{"GET", "/api/v1/facilities/{id}", h_facility_get, ROUTE_PUBLIC, 0},
	{"PUT", "/api/v1/facilities/{id}", h_facility_put, ROUTE_SIGNED, 0},
	{"DELETE", "/api/v1/facilities/{id}", h_facility_delete, ROUTE_SIGNED, 0},
};
const int routes_count = (int)(sizeof routes / sizeof routes[0]);

/* Matches path against pattern segment by segment; {x} matches one non-empty segment. */
static int match(const char *pattern, const char *path, struct http_request *req, char *scratch, size_t sz)
{
	size_t used = 0;
	int np = 0;
	while (*pattern && *path) {
		if (*pattern != '/' || *path != '/')
			return 0;
		pattern++;
		path++;
		const char *pe = strchrnul(pattern, '/'), *se = strchrnul(path, '/');
		size_t plen = (size_t)(pe - pattern), slen = (size_t)(se - path);
		if (plen >= 2 && pattern[0] == '{') {
			if (slen == 0 || np >= HTTP_MAX_PARAMS || used + slen + 1 > sz)
				return 0;
			memcpy(scratch + used, path, slen);
			scratch[used + slen] = '\0';
			req->params[np++] = scratch + used;
			used += slen + 1;
		} else if (plen != slen || memcmp(pattern, path, plen) != 0) {
			return 0;
		}
		pattern = pe;
		path = se;
	}
	if (*pattern || *path)
		return 0;
	req->nparams = np;
	return 1;
}

const struct route *routes_match(const char *method, const char *path, struct http_request *req,
				 char *scratch, size_t scratchsz, int *method_mismatch)
{
	*method_mismatch = 0;
	for (int i = 0; i < routes_count; i++) {
		if (!match(routes[i].pattern, path, req, scratch, scratchsz))
			continue;
		if (strcmp(routes[i].method, method) == 0)
			return &routes[i];
		*method_mismatch = 1;
	}
	return NULL;
}
