/* zaitaku serve — the JSON API and the web UI over HTTP (issue 2 §3, §7). */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/signin_key.h"
#include "cli/cli.h"
#include "app/app_daily.h"
#include "app/app_rota_jobs.h"
#include "http/http.h"
#include "store/store_keys.h"

static void help(void)
{
	printf("usage: zaitaku [--db PATH] serve [--listen ADDR:PORT] [--web DIR] [--threads N]\n\n"
	       "Serves the JSON API (/api/v1, see docs/api.md) and the Japanese web UI.\n\n"
	       "  --listen ADDR:PORT  address to listen on (default 127.0.0.1:8080)\n"
	       "  --web DIR           static assets (default: $ZAITAKU_WEB, else web/ beside the binary's\n"
	       "                      build directory, else ./web)\n"
	       "  --threads N         worker threads (default 4)\n"
	       "  --timeout SECONDS   drop a connection idle this long (default 15)\n"
	       "  --max-connections N connections at once (default 512; memory bound N × 128 KiB)\n"
	       "  --per-ip-connections N\n"
	       "                      connections at once from one client address (default 64)\n"
	       "  --request-timeout SECONDS\n"
	       "                      drop a request whose headers and body have not all arrived this long\n"
	       "                      after it began, however steadily it trickles in (default 30; the\n"
	       "                      pause before a keep-alive connection's next request counts, so keep\n"
	       "                      it above --timeout)\n"
	       "  --public-url URL    the public base URL (https://…) printed on certificates (機関証) and in\n"
	       "                      their QR codes; default $ZAITAKU_PUBLIC_URL. Without it certificate\n"
	       "                      PDFs are refused (409), never built from the request's Host header.\n"
	       "  --geocoder COMMAND  the Digital Agency's address geocoder abrg (npm @digital-go-jp/abr-geocoder),\n"
	       "                      run as COMMAND FILE -f ndjson --silent by POST /api/v1/positions/geocode;\n"
	       "                      default $ZAITAKU_GEOCODER, else none (positions then come from CSV imports,\n"
	       "                      a click on the map, or the municipality office)\n\n"
	       "At start and at every midnight (Asia/Tokyo) the server re-validates the groups as\n"
	       "`zaitaku groups refresh` does. A worker thread runs the rota solve jobs (POST\n"
	       "/api/v1/groups/{id}/rota/solve) one at a time on its own connection.\n"
	       "Sign-in failures are keyed by a hash under the key file DB-signin.key (created 0600 beside\n"
	       "the database; $ZAITAKU_SIGNIN_KEY names another path).\n");
}

/* Finds web/ relative to the executable (build/zaitaku → ../web) so `make run` works from anywhere. */
static const char *default_web_dir(const char *argv0, char *buf, size_t n)
{
	const char *env = getenv("ZAITAKU_WEB");
	if (env && env[0])
		return env;
	char exe[1024];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		exe[len] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			snprintf(buf, n, "%s/../web", exe);
			if (access(buf, R_OK) == 0)
				return buf;
		}
	}
	(void)argv0;
	return "web";
}

/* An absolute http(s) URL of printable ASCII without spaces, query or fragment, under 256 bytes. */
static bool public_url_ok(const char *u)
{
	if (strncmp(u, "https://", 8) != 0 && strncmp(u, "http://", 7) != 0)
		return false;
	size_t n = strlen(u);
	if (n >= 256 || n <= 8)
		return false;
	for (const char *p = u; *p; p++)
		if (*p <= ' ' || *p >= 0x7f || *p == '?' || *p == '#' || *p == '"' || *p == '<' || *p == '>' || *p == '\\')
			return false;
	return true;
}

int cmd_serve(const struct cli_env *env, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		help();
		return 0;
	}
	char webbuf[1100];
	struct store_options keys;
	cli_store_options(env, &keys);
	struct http_server_config cfg = {
		.db_path = env->db_path,
		.store_opts = &keys,
		.web_dir = default_web_dir(env->argv0, webbuf, sizeof webbuf),
		.listen = "127.0.0.1:8080",
		.threads = 4,
		.max_connections = 512,
		.per_ip_connections = 64, /* two attacking addresses must not fill the 512 (docs/benchmarks.md) */
		.timeout_seconds = 15,
		.request_timeout_seconds = 30,
		.geocoder = getenv("ZAITAKU_GEOCODER") && getenv("ZAITAKU_GEOCODER")[0] ? getenv("ZAITAKU_GEOCODER") : NULL,
	};
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--listen") == 0 && i + 1 < argc) {
			cfg.listen = argv[++i];
		} else if (strcmp(argv[i], "--web") == 0 && i + 1 < argc) {
			cfg.web_dir = argv[++i];
		} else if (strcmp(argv[i], "--threads") == 0 && i + 1 < argc) {
			cfg.threads = (int)strtol(argv[++i], NULL, 10);
			if (cfg.threads < 1 || cfg.threads > 64) {
				fprintf(stderr, "zaitaku serve: --threads must be 1..64\n");
				return 2;
			}
		} else if (strcmp(argv[i], "--timeout") == 0 && i + 1 < argc) {
			cfg.timeout_seconds = (int)strtol(argv[++i], NULL, 10);
			if (cfg.timeout_seconds < 1 || cfg.timeout_seconds > 600) {
				fprintf(stderr, "zaitaku serve: --timeout must be 1..600 seconds\n");
				return 2;
			}
		} else if (strcmp(argv[i], "--geocoder") == 0 && i + 1 < argc) {
			cfg.geocoder = argv[++i];
		} else if (strcmp(argv[i], "--public-url") == 0 && i + 1 < argc) {
			cfg.public_url = argv[++i];
		} else if (strcmp(argv[i], "--max-connections") == 0 && i + 1 < argc) {
			cfg.max_connections = (int)strtol(argv[++i], NULL, 10);
			if (cfg.max_connections < 8 || cfg.max_connections > 16384) {
				fprintf(stderr, "zaitaku serve: --max-connections must be 8..16384\n");
				return 2;
			}
		} else if (strcmp(argv[i], "--per-ip-connections") == 0 && i + 1 < argc) {
			cfg.per_ip_connections = (int)strtol(argv[++i], NULL, 10);
			if (cfg.per_ip_connections < 1 || cfg.per_ip_connections > 16384) {
				fprintf(stderr, "zaitaku serve: --per-ip-connections must be 1..16384\n");
				return 2;
			}
		} else if (strcmp(argv[i], "--request-timeout") == 0 && i + 1 < argc) {
			cfg.request_timeout_seconds = (int)strtol(argv[++i], NULL, 10);
			if (cfg.request_timeout_seconds < 1 || cfg.request_timeout_seconds > 3600) {
				fprintf(stderr, "zaitaku serve: --request-timeout must be 1..3600 seconds\n");
				return 2;
			}
		} else {
			fprintf(stderr, "zaitaku serve: unknown argument %s (see --help)\n", argv[i]);
			return 2;
		}
	}
	char key_path[1100];
	struct zt_error e;
	zt_error_clear(&e);
	signin_key_path(env->db_path, key_path, sizeof key_path);
	if (signin_key_load(key_path, &e) != ZT_OK) {
		fprintf(stderr, "zaitaku serve: %s\n", e.message);
		return 1;
	}
	if (cfg.public_url == NULL) {
		const char *env_url = getenv("ZAITAKU_PUBLIC_URL");
		cfg.public_url = env_url && env_url[0] ? env_url : NULL;
	}
	if (cfg.public_url && !public_url_ok(cfg.public_url)) {
		fprintf(stderr, "zaitaku serve: --public-url must be an http:// or https:// URL without spaces or a query\n");
		return 2;
	}
	struct app_daily *daily = app_daily_start(cfg.db_path, cfg.store_opts);
	if (daily == NULL)
		return 1;
	struct app_rota_workers *rota = app_rota_workers_start(cfg.db_path, cfg.store_opts, 1);
	if (rota == NULL) {
		app_daily_stop(daily);
		return 1;
	}
	int rc = http_serve(&cfg);
	app_rota_workers_stop(rota);
	app_daily_stop(daily);
	return rc;
}
