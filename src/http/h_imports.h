/* /api/v1/imports — file imports over HTTP (the same code as `zaitaku import`). */
#ifndef ZT_HTTP_H_IMPORTS_H
#define ZT_HTTP_H_IMPORTS_H

#include "http/http.h"

/* Body limit of an uploaded bureau list. */
#define HTTP_IMPORT_BODY_MAX (32 * 1024 * 1024)

/*
 * POST /api/v1/imports/facility-standards[?dry_run=1]
 * Body: the raw file (Content-Type text/csv, application/octet-stream or the XLSX type).
 * 200 with the summary; 422 {"error":{…}, "errors":[{line, field, message}], "summary":{…}} when
 * the file has bad lines (nothing stored); 415 for other content types; 401/403 per ACT_IMPORT.
 */
void h_import_facility_standards(struct http_request *req, struct http_reply *rep);

#endif
