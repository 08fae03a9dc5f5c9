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
/* POST /api/v1/imports/code-list[?dry_run=1][&prefecture=NN][&confirm=…&sha256=…]: the
 * コード内容別医療機関一覧表 (io/code_list_import.h), same replies as facility-standards. */
void h_import_code_list(struct http_request *req, struct http_reply *rep);
/* GET /api/v1/imports[?kind=…]: the newest 100 import records (ACT_IMPORT). */
void h_imports_list(struct http_request *req, struct http_reply *rep);
/* GET /api/v1/imports/latest: public; the date of the newest 施設基準 list imported. */
void h_imports_latest(struct http_request *req, struct http_reply *rep);
/*
 * POST /api/v1/imports/facilities[?dry_run=1][&confirm=HASH]: our own CSV (UTF-8/CP932) or XLSX
 * as exported by GET /api/v1/facilities.csv / .xlsx, with the change report (ACT_IMPORT).
 */
void h_import_facilities(struct http_request *req, struct http_reply *rep);
/* GET /api/v1/facilities.xlsx and .csv[?encoding=cp932|utf8][&all=1]: the registry (or the
 * current filter, the parameters of GET /api/v1/facilities) as a spreadsheet (ACT_IMPORT). */
void h_facilities_xlsx(struct http_request *req, struct http_reply *rep);
void h_facilities_csv(struct http_request *req, struct http_reply *rep);

#endif
