/*
 * The HTTP layer: one route table (routes.c), thin handlers (one file per resource, h_*.c), one
 * reply function that sets the security headers. Handlers validate → call domain/store → reply.
 */
#ifndef ZT_HTTP_HTTP_H
#define ZT_HTTP_HTTP_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/actor.h"
#include "core/error.h"

struct store;
struct MHD_Connection;
struct auth_ctx;

#define HTTP_MAX_PARAMS 4
#define HTTP_JSON_BODY_MAX (1024 * 1024)   /* 1 MiB for JSON bodies */
#define HTTP_UPLOAD_BODY_MAX (16 * 1024 * 1024) /* 16 MiB for file uploads (PDF agreements) */

struct store_options;

struct http_server_config {
	const char *db_path;
	const struct store_options *store_opts; /* key files (store_keys.h); NULL = beside the database */
	const char *web_dir;   /* static assets (web/) */
	const char *listen;    /* "127.0.0.1:8080" */
	int threads;
	int max_connections;
	int per_ip_connections;
	int timeout_seconds;         /* idle: no byte for this long → closed (MHD_OPTION_CONNECTION_TIMEOUT) */
	int request_timeout_seconds; /* whole request (headers and body) must arrive within this long */
	const char *public_url; /* --public-url (else $ZAITAKU_PUBLIC_URL): base of the URLs printed on
				 * certificates and in their QR codes; NULL = none, and certificates are refused */
	const char *geocoder;   /* --geocoder (else $ZAITAKU_GEOCODER): the abrg command, NULL = none */
};

struct http_request {
	const char *method;
	const char *path;                    /* without the query string */
	struct MHD_Connection *conn;
	const char *params[HTTP_MAX_PARAMS]; /* {id} segments of the matched route, in order */
	int nparams;
	const char *body;                    /* NUL-terminated, may be "" */
	size_t body_len;
	struct store *store;                 /* a pooled connection for this request */
	const struct http_server_config *cfg;
	char remote_addr[64];
	struct auth_ctx *auth;               /* who is asking (NULL for the public) */
	struct zt_actor actor;               /* filled by http_actor() */
};

/* The actor of the request (for audit rows and use cases), borrowed for the request. */
const struct zt_actor *http_actor(struct http_request *req);

struct http_reply {
	int status;
	char *body;               /* malloc'd, taken */
	size_t body_len;
	const char *content_type; /* static string */
	const char *extra_headers[8][2];
	int nextra;
	bool no_store;            /* Cache-Control: no-store (patient data, sessions) */
};

typedef void (*http_handler)(struct http_request *req, struct http_reply *rep);

/* Replies with a JSON value (taken; NULL means 500). */
void reply_json(struct http_reply *rep, int status, json_t *v);
/* A reply of JSON text already written (io/json_out.h); takes text (malloc'd, len bytes). */
void reply_json_text(struct http_reply *rep, int status, char *text, size_t len);
/* Replies {"error":{"code","message","field"}} with the status of e->code. */
void reply_error(struct http_reply *rep, const struct zt_error *e);
/* Shorthand for reply_error with a fresh error. */
void reply_fail(struct http_reply *rep, enum zt_err code, const char *field, const char *message);
/* As reply_error / reply_json with Cache-Control: no-store: replies about patient data, duties and
 * anything else that names people (every handler of such data uses these, never a copy). */
void reply_error_private(struct http_reply *rep, const struct zt_error *e);
void reply_json_private(struct http_reply *rep, int status, json_t *v);
/* Replies with raw bytes (copied). */
void reply_bytes(struct http_reply *rep, int status, const char *content_type, const void *data, size_t len);
/* Adds a header (name and value are copied when the reply is sent; they must outlive the handler
 * call only as static strings or strings owned by the reply). */
void reply_header(struct http_reply *rep, const char *name, const char *value);

/* Query-string access; strings are borrowed for the request. http_query returns NULL when absent.
 * http_query_each calls fn for every value of a repeatable key, in order, and returns how many. */
const char *http_query(struct http_request *req, const char *key);
int http_query_each(struct http_request *req, const char *key, void (*fn)(const char *value, void *ctx), void *ctx);
/* The required ?prefecture= as 2 digits (e.g. "08"), borrowed for the request; NULL after replying 400
 * naming the parameter when it is absent or malformed. */
const char *http_query_prefecture(struct http_request *req, struct http_reply *rep);
/* ?name= as an integer in [lo, hi] into *out; an absent or empty parameter leaves *out as it is (the
 * caller's default). Returns false after replying 400 naming the parameter when it is malformed. */
bool http_query_int(struct http_request *req, struct http_reply *rep, const char *name, int64_t lo, int64_t hi,
		    int64_t *out);
/* ?fiscal_year= (年度, April–March) as a year 2000–2100 into *fy; absent leaves *fy as it is. Returns
 * false after replying 400 naming fiscal_year when it is malformed. */
bool http_query_fiscal_year(struct http_request *req, struct http_reply *rep, int *fy);
/* A request header by name (case-insensitive), borrowed for the request; NULL when absent. */
const char *http_header(struct http_request *req, const char *name);

/* Parses the JSON body (object expected, duplicates rejected, depth limited). Returns NULL after
 * replying 400/415 itself. The caller owns the result. */
json_t *http_json_body(struct http_request *req, struct http_reply *rep);
/* An id route with a JSON body (PUT/POST /things/{id}/…): params[0] as a positive id into *id and
 * the parsed body (the caller owns it). NULL after replying 404 / 400 / 415 itself. */
json_t *http_id_body(struct http_request *req, struct http_reply *rep, int64_t *id);
/* Parses params[i] as a positive id; replies 404 and returns 0 when not one. */
int64_t http_param_id(struct http_request *req, struct http_reply *rep, int i);

/* Runs the server until SIGINT/SIGTERM. Returns a process exit code. */
int http_serve(const struct http_server_config *cfg);

#endif
