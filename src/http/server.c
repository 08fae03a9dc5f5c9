/*
 * The HTTP server on libmicrohttpd (issue 2 §7, issue 3 §4): limits from SECURITY.md (connection count, per-IP count,
 * timeouts, memory per connection, body caps before parsing), a pool of store connections, the
 * dispatch through the route table, static assets from web/, and the security headers on every
 * response.
 */
#include "http/http.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <stdbool.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "domain/text.h"
#include "http/routes.h"
#include "http/session_hook.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "store/store_keys.h"

#define URL_MAX 8192
/*
 * Memory per connection (MHD_OPTION_CONNECTION_MEMORY_LIMIT): request line, headers and MHD's
 * own bookkeeping; bodies and replies do not live there (a body reaches on_request in pieces of
 * the read buffer, a reply is sent from its own buffer). libmicrohttpd 0.9.75 zeroes the whole pool
 * after every request of a keep-alive connection and the freed half of its read buffer before each
 * reply, whatever was used: at 128 KiB that was 192 KiB of memset per request, a fifth of a
 * call-chain read's instructions (docs/benchmarks.md, "Smaller connection memory"). At 32 KiB the
 * request line and headers get 16 KiB to start with and grow towards ~30 KiB, so lines up to about
 * 30 KiB — 3.6 × URL_MAX, far beyond any page or API URL — reach our own URL_MAX check and get our
 * 414 with every security header; a longer one gets libmicrohttpd's bare 414 (or, within a few
 * hundred bytes of the pool's end, a closed connection), as lines over ~120 KiB did before
 * (docs/security.md "input limits"). Bound: max_connections × 32 KiB, malloc'd per connection.
 */
#define CONN_MEMORY (32u * 1024)
#define HEADERS_MAX 100
#define DRAIN_MAX (64ull * 1024 * 1024)

/* ---- store pool: one SQLite connection per worker, handed out per request ---- */
struct pool {
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct store **free_list;
	int nfree, size;
};
static struct pool pool;

static struct store *pool_get(void)
{
	pthread_mutex_lock(&pool.mu);
	while (pool.nfree == 0)
		pthread_cond_wait(&pool.cv, &pool.mu);
	struct store *st = pool.free_list[--pool.nfree];
	pthread_mutex_unlock(&pool.mu);
	return st;
}

static void pool_put(struct store *st)
{
	pthread_mutex_lock(&pool.mu);
	pool.free_list[pool.nfree++] = st;
	pthread_cond_signal(&pool.cv);
	pthread_mutex_unlock(&pool.mu);
}

/*
 * ---- the whole-request deadline (issue 11 §7, SECURITY.md "slow clients") ----
 * MHD_OPTION_CONNECTION_TIMEOUT only counts idle time: a client sending one byte every few
 * seconds keeps a connection (and its memory) for as long as it likes. So every connection
 * carries a clock, started when it is accepted and restarted when a request completes (a
 * keep-alive pause counts towards the next request), and stopped when the request has fully
 * arrived (headers and body; the handler's work and the response are not limited). A watchdog
 * thread looks at every clock several times a second and shuts down the socket of a request
 * that has been arriving for longer than cfg->request_timeout_seconds; libmicrohttpd then reads
 * end-of-file and closes the connection itself. shutdown() never frees the descriptor, and the
 * clock leaves the list (under the same mutex) in MHD_CONNECTION_NOTIFY_CLOSED, which
 * libmicrohttpd calls before it closes the socket: the watchdog never touches a reused fd.
 * The clocks are monotonic (CLOCK_MONOTONIC), not core/clock's wall clock, which tests may pin.
 */
struct conn_clock {
	struct conn_clock *prev, *next;
	int fd;
	int64_t started_ms;
	bool receiving; /* the request (or the next one) is still arriving */
	bool cut;       /* the watchdog shut the socket down */
};

static struct {
	pthread_mutex_t mu;
	struct conn_clock head; /* circular list of live connections */
	int64_t limit_ms;
	pthread_t thread;
	volatile sig_atomic_t stop;
	unsigned long cut;      /* connections dropped so far (logged at exit) */
} clocks = {.mu = PTHREAD_MUTEX_INITIALIZER};

static int64_t mono_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void on_connection(void *cls, struct MHD_Connection *c, void **socket_context,
			  enum MHD_ConnectionNotificationCode toe)
{
	(void)cls;
	struct conn_clock *k = *socket_context;
	if (toe == MHD_CONNECTION_NOTIFY_STARTED) {
		const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CONNECTION_FD);
		k = calloc(1, sizeof *k);
		if (k == NULL || ci == NULL) {
			free(k);
			return; /* not watched: the idle timeout still applies */
		}
		k->fd = ci->connect_fd;
		k->started_ms = mono_ms();
		k->receiving = true;
		pthread_mutex_lock(&clocks.mu);
		k->next = clocks.head.next;
		k->prev = &clocks.head;
		clocks.head.next->prev = k;
		clocks.head.next = k;
		pthread_mutex_unlock(&clocks.mu);
		*socket_context = k;
	} else if (k != NULL) {
		pthread_mutex_lock(&clocks.mu);
		k->prev->next = k->next;
		k->next->prev = k->prev;
		pthread_mutex_unlock(&clocks.mu);
		free(k);
		*socket_context = NULL;
	}
}

/* Stops (receiving false) or restarts (true) the clock of connection c. */
static void clock_set(struct MHD_Connection *c, bool receiving)
{
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_SOCKET_CONTEXT);
	struct conn_clock *k = ci ? ci->socket_context : NULL;
	if (k == NULL)
		return;
	pthread_mutex_lock(&clocks.mu);
	k->receiving = receiving;
	if (receiving)
		k->started_ms = mono_ms();
	pthread_mutex_unlock(&clocks.mu);
}

static void *watchdog(void *arg)
{
	(void)arg;
	const struct timespec tick = {0, 100 * 1000 * 1000};
	while (!clocks.stop) {
		nanosleep(&tick, NULL);
		int64_t now = mono_ms();
		pthread_mutex_lock(&clocks.mu);
		for (struct conn_clock *k = clocks.head.next; k != &clocks.head; k = k->next) {
			if (k->receiving && !k->cut && now - k->started_ms > clocks.limit_ms) {
				shutdown(k->fd, SHUT_RDWR);
				k->cut = true;
				clocks.cut++;
			}
		}
		pthread_mutex_unlock(&clocks.mu);
	}
	return NULL;
}

/* ---- per-connection state while a request body arrives ---- */
struct conn_state {
	char *body;
	size_t len, cap, limit;
	int rejected; /* a reply was queued early */
	int too_large; /* body over the limit: drained, then answered 413 at the end */
	const struct route *route;
	int method_mismatch;
	char scratch[512];
	struct http_request req;
	/* The deferred audit of the request (see "held replies" below). */
	struct audit_deferral audit;
	bool waiting;                /* suspended until the committer has written the audit rows */
	struct MHD_Response *held;   /* the reply kept meanwhile (NULL: it could not be built) */
	unsigned held_status;
	enum zt_err commit_r;        /* the committer's outcome, read after the resume */
	struct zt_error commit_e;
};

static const char *CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
			 "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/* The response of rep with every header (copied: rep's strings may be the handler thread's); takes
 * rep->body. NULL when out of memory. */
static struct MHD_Response *response_of(struct http_reply *rep)
{
	struct MHD_Response *r = MHD_create_response_from_buffer(rep->body_len, rep->body ? rep->body : (char *)"",
								  rep->body ? MHD_RESPMEM_MUST_FREE : MHD_RESPMEM_PERSISTENT);
	if (r == NULL) {
		free(rep->body);
		rep->body = NULL;
		return NULL;
	}
	rep->body = NULL;
	MHD_add_response_header(r, "Content-Type", rep->content_type ? rep->content_type : "application/json; charset=utf-8");
	MHD_add_response_header(r, "Content-Security-Policy", CSP);
	MHD_add_response_header(r, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(r, "X-Frame-Options", "DENY");
	MHD_add_response_header(r, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(r, "Cross-Origin-Opener-Policy", "same-origin");
	if (rep->no_store)
		MHD_add_response_header(r, "Cache-Control", "no-store");
	else if (rep->content_type && strncmp(rep->content_type, "application/json", 16) == 0)
		MHD_add_response_header(r, "Cache-Control", "no-cache");
	for (int i = 0; i < rep->nextra; i++)
		MHD_add_response_header(r, rep->extra_headers[i][0], rep->extra_headers[i][1]);
	return r;
}

static enum MHD_Result send_reply(struct MHD_Connection *c, struct http_reply *rep)
{
	struct MHD_Response *r = response_of(rep);
	if (r == NULL)
		return MHD_NO;
	enum MHD_Result ret = MHD_queue_response(c, (unsigned)rep->status, r);
	MHD_destroy_response(r);
	return ret;
}

/* Answers at once with an error; status 0 means the status of code. */
static enum MHD_Result reply_status(struct MHD_Connection *c, int status, enum zt_err code, const char *field,
				    const char *msg)
{
	struct http_reply rep = {0};
	reply_fail(&rep, code, field, msg);
	if (status)
		rep.status = status;
	return send_reply(c, &rep);
}

static enum MHD_Result reply_now(struct MHD_Connection *c, enum zt_err code, const char *field, const char *msg)
{
	return reply_status(c, 0, code, field, msg);
}

/* ---- static assets ---- */
static const char *mime_of(const char *path)
{
	const char *dot = strrchr(path, '.');
	if (dot == NULL)
		return "application/octet-stream";
	static const char *const map[][2] = {
		{".html", "text/html; charset=utf-8"}, {".js", "text/javascript; charset=utf-8"},
		{".css", "text/css; charset=utf-8"},   {".svg", "image/svg+xml"},
		{".png", "image/png"},                 {".json", "application/json; charset=utf-8"},
		{".ico", "image/x-icon"},              {".txt", "text/plain; charset=utf-8"},
	};
	for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
		if (strcmp(dot, map[i][0]) == 0)
			return map[i][1];
	return "application/octet-stream";
}

static void serve_static(const struct http_server_config *cfg, const char *url, struct http_reply *rep)
{
	char rel[512];
	/* Pages are addressed without extension (/facility → facility.html). */
	if (strcmp(url, "/") == 0)
		snprintf(rel, sizeof rel, "index.html");
	else if (strchr(url + 1, '.') == NULL)
		snprintf(rel, sizeof rel, "%s.html", url + 1);
	else
		snprintf(rel, sizeof rel, "%s", url + 1);
	for (const char *p = rel; *p; p++) {
		if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || strchr("-_./", *p))) {
			reply_fail(rep, ZT_ERR_NOTFOUND, "path", "ページが見つかりません。");
			return;
		}
	}
	if (strstr(rel, "..") || rel[0] == '/') {
		reply_fail(rep, ZT_ERR_NOTFOUND, "path", "ページが見つかりません。");
		return;
	}
	char full[1024];
	snprintf(full, sizeof full, "%s/%s", cfg->web_dir, rel);
	FILE *f = fopen(full, "rb");
	struct stat sb;
	if (f == NULL || fstat(fileno(f), &sb) != 0 || !S_ISREG(sb.st_mode) || sb.st_size > 8 * 1024 * 1024) {
		if (f)
			fclose(f);
		reply_fail(rep, ZT_ERR_NOTFOUND, "path", "ページが見つかりません。");
		return;
	}
	char *buf = malloc((size_t)sb.st_size + 1);
	if (buf == NULL)
		abort();
	size_t n = fread(buf, 1, (size_t)sb.st_size, f);
	fclose(f);
	rep->body = buf;
	rep->body_len = n;
	rep->status = 200;
	rep->content_type = mime_of(rel);
}

/* The page a browser gets for a path that is no page (issue 12 §9: no JSON on screen): Japanese,
 * with the site header (web/js/page.js) and the ways on. API paths keep their JSON errors. */
static const char not_found_page[] =
	"<!doctype html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n"
	"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
	"<title>ページが見つかりません — 在宅医療・介護 地域資源</title>\n"
	"<link rel=\"icon\" href=\"/favicon.svg\" type=\"image/svg+xml\">\n"
	"<link rel=\"stylesheet\" href=\"/app.css\">\n"
	"<script type=\"module\" src=\"/js/page.js\"></script>\n"
	"</head>\n<body>\n<header id=\"site-header\" class=\"site-header\"></header>\n"
	"<main id=\"main\" class=\"page\">\n"
	"<div class=\"page-head\"><h1>ページが見つかりません</h1></div>\n"
	"<div id=\"page-alert\" role=\"alert\" hidden></div>\n"
	"<section class=\"panel\" id=\"not-found\">\n"
	"<p>お探しのページは見つかりませんでした。URLが正しいか、もう一度お確かめください。</p>\n"
	"<ul>\n<li><a href=\"/\">在宅医療資源一覧へ戻る</a></li>\n"
	"<li><a href=\"/help\">使い方と用語</a></li>\n</ul>\n"
	"</section>\n</main>\n</body>\n</html>\n";

/* True when the request's Accept header asks for HTML (a browser navigating to a page). */
static bool accepts_html(struct MHD_Connection *c)
{
	const char *accept = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Accept");
	return accept != NULL && strstr(accept, "text/html") != NULL;
}

/*
 * ---- held replies: the deferred audit of reads (docs/architecture.md "Deferred audit of reads") ----
 * A handler's audit rows outside a transaction (the record of a read) are queued on the request
 * (store_audit.h "Deferred audit rows") instead of each waiting for its own commit. When the
 * handler has built its reply, the reply is kept as a response object, the connection suspended
 * and the rows handed to the committer thread, which writes the rows of every waiting request in
 * one transaction (one fsync) and resumes their connections; libmicrohttpd then calls on_request
 * again and the kept reply goes out — or, when the commit failed, the storage error (503), and the
 * data is dropped with its response. So no reply leaves before its audit rows are durable
 * (synchronous=FULL), yet the worker threads never wait for an fsync. A suspended connection is
 * never closed by libmicrohttpd (no timeout, no disconnect detection): the committer resumes every
 * one it took, and http_serve stops the committer (draining it) before the daemon.
 */
static struct audit_committer *committer;
static atomic_int held_count; /* connections suspended, or resumed and not yet answered */

/* On the committer's thread: records the outcome and lets libmicrohttpd take the connection again. */
static void audit_committed(void *ctx, enum zt_err r, const struct zt_error *e)
{
	struct conn_state *cs = ctx;
	cs->commit_r = r;
	if (r != ZT_OK)
		cs->commit_e = *e;
	MHD_resume_connection(cs->req.conn); /* its lock orders these writes before the worker's reads */
}

/* After the resume: the kept reply, or the storage error that stopped its audit rows. */
static enum MHD_Result send_held(struct MHD_Connection *c, struct conn_state *cs)
{
	cs->waiting = false;
	atomic_fetch_sub(&held_count, 1);
	struct MHD_Response *r = cs->held;
	cs->held = NULL;
	if (cs->commit_r == ZT_OK && r != NULL) {
		enum MHD_Result ret = MHD_queue_response(c, cs->held_status, r);
		MHD_destroy_response(r);
		return ret;
	}
	if (r != NULL)
		MHD_destroy_response(r); /* the data goes nowhere */
	struct http_reply rep = {0};
	if (cs->commit_r == ZT_OK)
		reply_fail(&rep, ZT_ERR_DB, "", "内部エラーが発生しました。");
	else
		reply_error_private(&rep, &cs->commit_e);
	return send_reply(c, &rep);
}

/* The handler's reply with its queued audit rows: held until they are committed (see above), or —
 * once the server is stopping — committed here on the request's own connection first. */
static enum MHD_Result reply_audited(struct MHD_Connection *c, struct conn_state *cs, struct http_reply *rep)
{
	if (committer != NULL && audit_committer_reserve(committer)) {
		pool_put(cs->req.store);
		cs->req.store = NULL;
		cs->held_status = (unsigned)rep->status;
		cs->held = response_of(rep);
		cs->waiting = true;
		atomic_fetch_add(&held_count, 1);
		MHD_suspend_connection(c); /* before the submit: the resume cannot come first */
		audit_committer_submit(committer, &cs->audit, audit_committed, cs);
		return MHD_YES;
	}
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = audit_deferral_commit(cs->req.store, &cs->audit, &e);
	pool_put(cs->req.store);
	cs->req.store = NULL;
	if (r != ZT_OK) {
		free(rep->body);
		*rep = (struct http_reply){0};
		reply_error_private(rep, &e);
	}
	return send_reply(c, rep);
}

/* ---- dispatch ---- */
static int header_count;
static enum MHD_Result count_header(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
	(void)kind; (void)k; (void)v;
	(*(int *)cls)++;
	return MHD_YES;
}

/* Counts the framing headers of a request: Content-Length and Transfer-Encoding. */
struct framing {
	int content_length, transfer_encoding;
};
static enum MHD_Result count_framing(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
	(void)kind; (void)v;
	struct framing *f = cls;
	if (k && strcasecmp(k, "Content-Length") == 0)
		f->content_length++;
	else if (k && strcasecmp(k, "Transfer-Encoding") == 0)
		f->transfer_encoding++;
	return MHD_YES;
}

static enum MHD_Result add_arg_len(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
	(void)kind;
	*(size_t *)cls += 2 + (k ? strlen(k) : 0) + (v ? strlen(v) : 0);
	return MHD_YES;
}

/* The first query parameter (decoded) whose name or value is not well-formed UTF-8: its name, or
 * "query" when the name itself is the bad part. Stops at the first. */
struct bad_arg {
	char name[64];
};
static enum MHD_Result find_bad_arg(void *cls, enum MHD_ValueKind kind, const char *k, const char *v)
{
	struct bad_arg *b = cls;
	(void)kind;
	if (k && !text_is_utf8(k)) {
		snprintf(b->name, sizeof b->name, "query");
		return MHD_NO;
	}
	if (v && !text_is_utf8(v)) { /* a name too long to quote whole is "query" (never cut in a character) */
		snprintf(b->name, sizeof b->name, "%s", k && strlen(k) < sizeof b->name ? k : "query");
		return MHD_NO;
	}
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *c, const char *url, const char *method,
				  const char *version, const char *upload_data, size_t *upload_size, void **con_cls)
{
	const struct http_server_config *cfg = cls;
	(void)version;
	struct conn_state *cs = *con_cls;
	if (cs == NULL) { /* first call: headers are complete */
		cs = calloc(1, sizeof *cs);
		if (cs == NULL)
			return MHD_NO;
		audit_deferral_init(&cs->audit);
		*con_cls = cs;
		/* Request smuggling (issue 11 §8): a request framed two ways — Content-Length and
		 * Transfer-Encoding, or two Content-Lengths — could be read differently by a proxy in front
		 * of us (RFC 9112 §6.3). Refused before any of the body is read; the connection closes. */
		struct framing fr = {0, 0};
		MHD_get_connection_values(c, MHD_HEADER_KIND, count_framing, &fr);
		if (fr.content_length > 1 || (fr.content_length && fr.transfer_encoding) || fr.transfer_encoding > 1) {
			cs->rejected = 1;
			return reply_status(c, 400, ZT_ERR_INVALID, "Content-Length",
					    "Content-Length と Transfer-Encoding の指定が重複しています。");
		}
		/* url is the path alone: the query string's (decoded) arguments count too. */
		size_t ulen = strlen(url);
		MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, add_arg_len, &ulen);
		if (ulen > URL_MAX) {
			cs->rejected = 1;
			return reply_status(c, 414, ZT_ERR_INVALID, "url", "URLが長すぎます。");
		}
		/* Every handler reads parameters as UTF-8 text (and may quote them back in a message, which
		 * jansson would refuse): a bad byte is the client's error, named, never a 500. */
		struct bad_arg bad = {""};
		MHD_get_connection_values(c, MHD_GET_ARGUMENT_KIND, find_bad_arg, &bad);
		if (bad.name[0]) {
			cs->rejected = 1;
			return reply_status(c, 400, ZT_ERR_INVALID, bad.name, "クエリ文字列に正しくないUTF-8の文字があります。");
		}
		int nh = 0;
		MHD_get_connection_values(c, MHD_HEADER_KIND, count_header, &nh);
		(void)header_count;
		if (nh > HEADERS_MAX) {
			cs->rejected = 1;
			return reply_status(c, 431, ZT_ERR_INVALID, "headers", "ヘッダーが多すぎます。");
		}
		cs->req.method = method;
		cs->req.path = url;
		cs->req.conn = c;
		cs->req.cfg = cfg;
		cs->route = routes_match(method, url, &cs->req, cs->scratch, sizeof cs->scratch, &cs->method_mismatch);
		cs->limit = cs->route && cs->route->body_max ? cs->route->body_max : HTTP_JSON_BODY_MAX;
		/* A body somewhat over the limit is drained and answered 413 at its end (clients that
		 * keep writing would otherwise see a reset); a huge one is answered at once. */
		const char *cl = MHD_lookup_connection_value(c, MHD_HEADER_KIND, "Content-Length");
		if (cl && strtoull(cl, NULL, 10) > cs->limit) {
			if (strtoull(cl, NULL, 10) > DRAIN_MAX) {
				cs->rejected = 1;
				return reply_now(c, ZT_ERR_TOOLARGE, "body", "送信データが大きすぎます。");
			}
			cs->too_large = 1;
		}
		return MHD_YES;
	}
	if (*upload_size > 0) {
		if (!cs->rejected && !cs->too_large && cs->len + *upload_size > cs->limit) {
			cs->too_large = 1;
			free(cs->body);
			cs->body = NULL;
			cs->len = cs->cap = 0;
		}
		if (!cs->rejected && !cs->too_large) {
			if (cs->len + *upload_size + 1 > cs->cap) {
				size_t ncap = (cs->len + *upload_size + 1) * 2;
				if (ncap > cs->limit + 1)
					ncap = cs->limit + 1;
				char *nb = realloc(cs->body, ncap);
				if (nb == NULL)
					return MHD_NO;
				cs->body = nb;
				cs->cap = ncap;
			}
			memcpy(cs->body + cs->len, upload_data, *upload_size);
			cs->len += *upload_size;
		}
		*upload_size = 0;
		return MHD_YES;
	}
	if (cs->waiting) /* resumed: the audit rows of the held reply are committed, or failed */
		return send_held(c, cs);
	clock_set(c, false); /* the whole request has arrived */
	if (cs->rejected)
		return MHD_YES;
	if (cs->too_large)
		return reply_now(c, ZT_ERR_TOOLARGE, "body", "送信データが大きすぎます。");

	struct http_reply rep = {0};
	/* Routes live under /api/, and the iCalendar feeds under /ical/ (a calendar app subscribes to
	 * that URL); everything else is a static file. */
	if (strncmp(url, "/api/", 5) != 0 && strncmp(url, "/ical/", 6) != 0) {
		if (strcmp(method, "GET") != 0 && strcmp(method, "HEAD") != 0)
			reply_fail(&rep, ZT_ERR_NOTFOUND, "path", "ページが見つかりません。");
		else
			serve_static(cfg, url, &rep);
		if (rep.status == 404 && accepts_html(c))
			reply_bytes(&rep, 404, "text/html; charset=utf-8", not_found_page, sizeof not_found_page - 1);
		return send_reply(c, &rep);
	}
	if (cs->route == NULL) {
		if (cs->method_mismatch) {
			reply_fail(&rep, ZT_ERR_INVALID, "method", "このURLではそのメソッドを使えません。");
			rep.status = 405;
		} else {
			reply_fail(&rep, ZT_ERR_NOTFOUND, "path", "APIが見つかりません。");
		}
		return send_reply(c, &rep);
	}
	cs->req.body = cs->body ? cs->body : "";
	if (cs->body)
		cs->body[cs->len] = '\0';
	cs->req.body_len = cs->len;
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(c, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	if (ci && ci->client_addr) {
		const struct sockaddr *sa = ci->client_addr;
		if (sa->sa_family == AF_INET)
			inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, cs->req.remote_addr, sizeof cs->req.remote_addr);
		else if (sa->sa_family == AF_INET6)
			inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, cs->req.remote_addr, sizeof cs->req.remote_addr);
	}
	cs->req.store = pool_get();
	audit_defer_to(cs->req.store, &cs->audit);
	if (session_hook_begin(&cs->req, cs->route, &rep))
		cs->route->handler(&cs->req, &rep);
	session_hook_end(&cs->req, &rep);
	audit_defer_to(cs->req.store, NULL);
	if (rep.status == 0)
		reply_fail(&rep, ZT_ERR_DB, "", "内部エラーが発生しました。");
	if (audit_deferral_pending(&cs->audit))
		return reply_audited(c, cs, &rep);
	pool_put(cs->req.store);
	cs->req.store = NULL;
	return send_reply(c, &rep);
}

static void on_completed(void *cls, struct MHD_Connection *c, void **con_cls, enum MHD_RequestTerminationCode toe)
{
	(void)cls; (void)toe;
	clock_set(c, true); /* a keep-alive connection's next request starts now */
	struct conn_state *cs = *con_cls;
	if (cs) {
		if (cs->waiting) /* only when the daemon stops before the reply went out */
			atomic_fetch_sub(&held_count, 1);
		if (cs->held)
			MHD_destroy_response(cs->held);
		audit_deferral_release(&cs->audit);
		free(cs->body);
		free(cs);
	}
	*con_cls = NULL;
}

static volatile sig_atomic_t stop_requested;
static void on_signal(int sig)
{
	(void)sig;
	stop_requested = 1;
}

int http_serve(const struct http_server_config *cfg)
{
	char host[128] = "127.0.0.1";
	int port = 8080;
	const char *colon = strrchr(cfg->listen, ':');
	if (colon == NULL || colon == cfg->listen || (size_t)(colon - cfg->listen) >= sizeof host) {
		fprintf(stderr, "zaitaku serve: --listen must be ADDR:PORT, e.g. 127.0.0.1:8080\n");
		return 2;
	}
	memcpy(host, cfg->listen, (size_t)(colon - cfg->listen));
	host[colon - cfg->listen] = '\0';
	char *end;
	long p = strtol(colon + 1, &end, 10);
	if (*end || p < 0 || p > 65535) {
		fprintf(stderr, "zaitaku serve: bad port in --listen %s\n", cfg->listen);
		return 2;
	}
	port = (int)p;
	struct sockaddr_in addr = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	if (inet_pton(AF_INET, host, &addr.sin_addr) != 1) {
		fprintf(stderr, "zaitaku serve: --listen address must be an IPv4 address, got %s\n", host);
		return 2;
	}

	clocks.head.next = clocks.head.prev = &clocks.head;
	clocks.limit_ms = (int64_t)cfg->request_timeout_seconds * 1000;
	pool.size = cfg->threads + 2;
	pool.free_list = calloc((size_t)pool.size, sizeof *pool.free_list);
	pthread_mutex_init(&pool.mu, NULL);
	pthread_cond_init(&pool.cv, NULL);
	struct store *committer_store = NULL;
	for (int i = 0; i <= pool.size; i++) { /* one more: the audit committer's */
		struct zt_error e;
		zt_error_clear(&e);
		struct store *st = store_open_opts(cfg->db_path, cfg->store_opts, &e);
		if (st == NULL) {
			fprintf(stderr, "zaitaku serve: %s\n", e.message);
			return 1;
		}
		if (i < pool.size)
			pool.free_list[pool.nfree++] = st;
		else
			committer_store = st;
	}
	committer = audit_committer_start(committer_store);
	if (committer == NULL) {
		fprintf(stderr, "zaitaku serve: cannot start the audit committer\n");
		return 1;
	}

	struct MHD_Daemon *d = MHD_start_daemon(
		MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ERROR_LOG | MHD_ALLOW_SUSPEND_RESUME,
		(uint16_t)port, NULL, NULL,
		on_request, (void *)cfg,
		MHD_OPTION_SOCK_ADDR, (struct sockaddr *)&addr,
		MHD_OPTION_THREAD_POOL_SIZE, (unsigned)cfg->threads,
		MHD_OPTION_CONNECTION_LIMIT, (unsigned)cfg->max_connections,
		MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)cfg->per_ip_connections,
		MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)cfg->timeout_seconds,
		MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)CONN_MEMORY,
		MHD_OPTION_NOTIFY_COMPLETED, on_completed, NULL,
		MHD_OPTION_NOTIFY_CONNECTION, on_connection, NULL,
		MHD_OPTION_END);
	if (d == NULL) {
		fprintf(stderr, "zaitaku serve: cannot listen on %s (%s)\n", cfg->listen, strerror(errno));
		audit_committer_stop(committer, NULL);
		return 1; /* the process ends: the committer is not freed */
	}
	if (pthread_create(&clocks.thread, NULL, watchdog, NULL) != 0) {
		audit_committer_stop(committer, NULL);
		MHD_stop_daemon(d);
		fprintf(stderr, "zaitaku serve: cannot start the request watchdog\n");
		return 1;
	}
	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	signal(SIGPIPE, SIG_IGN);
	fprintf(stderr, "zaitaku: serving http://%s/ (database %s)\n", cfg->listen, cfg->db_path);
	while (!stop_requested)
		pause();
	clocks.stop = 1;
	pthread_join(clocks.thread, NULL);
	/* Every held reply's rows are written and its connection resumed before the daemon stops
	 * (libmicrohttpd must not stop with suspended connections); requests arriving meanwhile commit
	 * their rows themselves (reply_audited). The resumed replies get a moment to go out. */
	struct audit_committer_stats cst;
	audit_committer_stop(committer, &cst);
	for (int i = 0; i < 200 && atomic_load(&held_count) > 0; i++)
		nanosleep(&(struct timespec){0, 10 * 1000 * 1000}, NULL);
	MHD_stop_daemon(d);
	audit_committer_free(committer);
	committer = NULL;
	store_close(committer_store);
	if (cst.commits)
		fprintf(stderr, "zaitaku: %llu deferred audit row(s) in %llu commit(s)%s\n", (unsigned long long)cst.rows,
			(unsigned long long)cst.commits, cst.failed ? " (some failed: their replies were 503)" : "");
	if (clocks.cut)
		fprintf(stderr, "zaitaku: %lu slow request(s) dropped at the %d s request limit\n", clocks.cut,
			cfg->request_timeout_seconds);
	for (int i = 0; i < pool.nfree; i++)
		store_close(pool.free_list[i]);
	free(pool.free_list);
	fprintf(stderr, "zaitaku: stopped\n");
	return 0;
}
