/* zaitaku user — accounts on the command line (issue 3 §1): add, passwd, disable, enable, list,
 * totp (enrol a second factor), token (an API token for machine clients, printed once). */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "app/app_accounts.h"
#include "auth/auth.h"
#include "auth/secret.h"
#include "auth/session.h"
#include "auth/tokens.h"
#include "core/clock.h"
#include "cli/cli.h"
#include "domain/account.h"
#include "store/store.h"
#include "store/store_accounts.h"
#include "store/store_tokens.h"

static void help(void)
{
	printf("usage: zaitaku [--db PATH] user SUBCOMMAND ...\n\n"
	       "  add USERNAME --role ROLE [--name NAME] [--prefecture 08] [--institution ID]\n"
	       "      [--association ID ...] [--password-stdin | --no-password] [--totp-secret BASE32]\n"
	       "      ROLE: admin prefecture coordinator doctor nurse hospital. Scope: prefecture needs\n"
	       "      --prefecture; coordinator one or more --association (郡市医師会 institution ids);\n"
	       "      doctor/nurse/hospital --institution. Without --password-stdin a password is generated\n"
	       "      and printed once; --no-password makes a token-only machine account. admin and\n"
	       "      prefecture get a TOTP secret (printed once) because their sign-in needs it.\n"
	       "  passwd USERNAME        new password read from stdin (13–128 characters); ends sessions\n"
	       "                         and revokes the account's API tokens (so do disable and totp)\n"
	       "  disable USERNAME       the account can no longer sign in; its tokens are revoked\n"
	       "  enable USERNAME\n"
	       "  list                   every account (no secrets)\n"
	       "  totp USERNAME [--secret BASE32]   enrol TOTP: prints the otpauth:// URI and the secret\n"
	       "  token USERNAME [--name NAME] [--days N] [--read-only]\n"
	       "                         a new API token (Authorization: Bearer), printed once; it expires\n"
	       "                         after N days (default 90, at most 366); --read-only allows GET/HEAD\n"
	       "                         only. admin and prefecture accounts need TOTP enrolled first.\n"
	       "  token list [USERNAME]  tokens (all, or of one account): id, state, scope, expiry, last use\n"
	       "  token revoke ID        revoke one token at once\n");
}

static int fail(const struct zt_error *e)
{
	fprintf(stderr, "zaitaku user: %s%s%s\n", e->field[0] ? e->field : "", e->field[0] ? ": " : "", e->message);
	return 1;
}

/* Reads one line from stdin (without the newline) into buf. -1 on EOF/too long. */
static int read_line(char *buf, size_t n)
{
	if (isatty(STDIN_FILENO))
		fprintf(stderr, "password: ");
	if (fgets(buf, (int)n, stdin) == NULL)
		return -1;
	size_t len = strlen(buf);
	if (len && buf[len - 1] == '\n')
		buf[--len] = '\0';
	else if (len == n - 1)
		return -1;
	if (len && buf[len - 1] == '\r')
		buf[--len] = '\0';
	return 0;
}

static int parse_id(const char *s, int64_t *out)
{
	char *end;
	errno = 0;
	long long v = strtoll(s, &end, 10);
	if (s[0] == '\0' || *end || errno || v <= 0)
		return -1;
	*out = v;
	return 0;
}

static int find(struct store *st, const char *username, struct account *a)
{
	struct zt_error e;
	zt_error_clear(&e);
	if (store_account_by_username(st, username, a, &e) != ZT_OK) {
		fprintf(stderr, "zaitaku user: no account named %s\n", username);
		return -1;
	}
	return 0;
}

static void print_totp(const char *username, const char *secret)
{
	char uri[256];
	totp_uri(username, secret, uri, sizeof uri);
	printf("TOTP secret: %s\nTOTP URI:    %s\n", secret, uri);
}

static int user_add(struct store *st, int argc, char **argv)
{
	if (argc < 2 || argv[1][0] == '-') {
		fprintf(stderr, "zaitaku user add: USERNAME required (see --help)\n");
		return 2;
	}
	struct account a;
	memset(&a, 0, sizeof a);
	snprintf(a.username, sizeof a.username, "%s", argv[1]);
	int pw_stdin = 0, no_pw = 0;
	for (int i = 2; i < argc; i++) {
		const char *o = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
		int64_t id;
		if (strcmp(o, "--password-stdin") == 0) {
			pw_stdin = 1;
		} else if (strcmp(o, "--no-password") == 0) {
			no_pw = 1;
		} else if (v == NULL) {
			fprintf(stderr, "zaitaku user add: %s needs a value\n", o);
			return 2;
		} else if (strcmp(o, "--role") == 0) {
			snprintf(a.role, sizeof a.role, "%s", v), i++;
		} else if (strcmp(o, "--name") == 0) {
			snprintf(a.display_name, sizeof a.display_name, "%s", v), i++;
		} else if (strcmp(o, "--prefecture") == 0) {
			if (strlen(v) != 2) {
				fprintf(stderr, "zaitaku user add: --prefecture is a 2-digit code\n");
				return 2;
			}
			snprintf(a.prefecture, sizeof a.prefecture, "%s", v), i++;
		} else if (strcmp(o, "--institution") == 0 && parse_id(v, &id) == 0) {
			a.institution_id = id, i++;
		} else if (strcmp(o, "--association") == 0 && parse_id(v, &id) == 0) {
			if (a.nassociations >= ACCOUNT_MAX_ASSOC) {
				fprintf(stderr, "zaitaku user add: at most %d --association\n", ACCOUNT_MAX_ASSOC);
				return 2;
			}
			a.associations[a.nassociations++] = id, i++;
		} else if (strcmp(o, "--totp-secret") == 0) {
			snprintf(a.totp_secret, sizeof a.totp_secret, "%s", v), i++;
		} else {
			fprintf(stderr, "zaitaku user add: bad argument %s (see --help)\n", o);
			return 2;
		}
	}
	char pw[600] = "";
	int generated = 0;
	if (pw_stdin) {
		if (read_line(pw, sizeof pw) != 0) {
			fprintf(stderr, "zaitaku user add: password: could not read one line from stdin\n");
			return 1;
		}
	} else if (!no_pw) {
		secret_password_generate(pw, 21);
		generated = 1;
	}
	bool totp_new = false;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_account_create(st, NULL, &a, no_pw ? NULL : pw, &totp_new, &e) != ZT_OK)
		return fail(&e);
	printf("account %s created (id %lld, role %s)\n", a.username, (long long)a.id, a.role);
	if (generated)
		printf("password: %s   (shown once)\n", pw);
	if (totp_new)
		print_totp(a.username, a.totp_secret);
	return 0;
}

static int user_passwd(struct store *st, int argc, char **argv)
{
	struct account a;
	if (argc < 2 || find(st, argv[1], &a) != 0)
		return argc < 2 ? 2 : 1;
	char pw[600];
	if (read_line(pw, sizeof pw) != 0) {
		fprintf(stderr, "zaitaku user passwd: could not read one line from stdin\n");
		return 1;
	}
	struct zt_error e;
	zt_error_clear(&e);
	if (app_account_set_password(st, NULL, a.id, pw, &e) != ZT_OK)
		return fail(&e);
	printf("password of %s changed; its sessions are ended\n", a.username);
	return 0;
}

static int user_set_disabled(struct store *st, int argc, char **argv, bool disabled)
{
	struct account a;
	if (argc < 2 || find(st, argv[1], &a) != 0)
		return argc < 2 ? 2 : 1;
	struct zt_error e;
	zt_error_clear(&e);
	if (app_account_set_disabled(st, NULL, &a, disabled, &e) != ZT_OK)
		return fail(&e);
	printf("account %s %s\n", a.username, disabled ? "disabled" : "enabled");
	return 0;
}

static int user_list(struct store *st)
{
	json_t *arr = store_account_list(st);
	size_t i;
	json_t *o;
	printf("%-5s %-20s %-12s %-6s %-5s %s\n", "id", "username", "role", "state", "totp", "display name / scope");
	json_array_foreach(arr, i, o) {
		json_t *inst = json_object_get(o, "institution_id"), *pref = json_object_get(o, "prefecture");
		char scope[160] = "";
		if (json_is_string(pref))
			snprintf(scope, sizeof scope, "prefecture %s", json_string_value(pref));
		else if (json_is_integer(inst))
			snprintf(scope, sizeof scope, "institution %lld", (long long)json_integer_value(inst));
		size_t k;
		json_t *x;
		json_array_foreach(json_object_get(o, "associations"), k, x) {
			size_t len = strlen(scope);
			snprintf(scope + len, sizeof scope - len, "%s%lld", k ? "," : "association ",
				 (long long)json_integer_value(x));
		}
		printf("%-5lld %-20s %-12s %-6s %-5s %s  %s\n", (long long)json_integer_value(json_object_get(o, "id")),
		       json_string_value(json_object_get(o, "username")), json_string_value(json_object_get(o, "role")),
		       json_is_true(json_object_get(o, "disabled")) ? "off" : "on",
		       json_is_true(json_object_get(o, "totp_enrolled")) ? "yes" : "no",
		       json_string_value(json_object_get(o, "display_name")), scope);
	}
	json_decref(arr);
	return 0;
}

static int user_totp(struct store *st, int argc, char **argv)
{
	struct account a;
	if (argc < 2 || find(st, argv[1], &a) != 0)
		return argc < 2 ? 2 : 1;
	char secret[64] = "";
	if (argc == 4 && strcmp(argv[2], "--secret") == 0) {
		if (strlen(argv[3]) < 16 || strlen(argv[3]) > 63 || strspn(argv[3], "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567") != strlen(argv[3])) {
			fprintf(stderr, "zaitaku user totp: --secret must be base32 of at least 80 bits\n");
			return 2;
		}
		snprintf(secret, sizeof secret, "%s", argv[3]);
	} else if (argc != 2) {
		fprintf(stderr, "zaitaku user totp: bad arguments (see --help)\n");
		return 2;
	}
	struct zt_error e;
	zt_error_clear(&e);
	if (app_account_enrol_totp(st, NULL, a.id, secret, &e) != ZT_OK) /* "" → a new secret */
		return fail(&e);
	print_totp(a.username, secret);
	return 0;
}

static int token_issue(struct store *st, int argc, char **argv)
{
	struct account a;
	if (argc < 2 || find(st, argv[1], &a) != 0)
		return argc < 2 ? 2 : 1;
	struct token_request rq = {a.id, "cli", APITOKEN_DAYS_DEFAULT, APITOKEN_FULL};
	for (int i = 2; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		char *end = NULL;
		if (strcmp(argv[i], "--read-only") == 0) {
			rq.scope = APITOKEN_READ;
		} else if (strcmp(argv[i], "--name") == 0 && v) {
			rq.name = v, i++;
		} else if (strcmp(argv[i], "--days") == 0 && v && (rq.days = strtoll(v, &end, 10), *end == '\0')) {
			i++;
		} else {
			fprintf(stderr, "zaitaku user token: bad argument %s (see --help)\n", argv[i]);
			return 2;
		}
	}
	char token[SECRET_TOKEN_HEX];
	struct api_token t;
	struct zt_error e;
	zt_error_clear(&e);
	if (auth_token_issue(st, NULL, &rq, token, &t, &e) != ZT_OK)
		return fail(&e);
	fprintf(stderr, "API token %lld for %s, scope %s, expires %s (shown once; send as 'Authorization: Bearer TOKEN'):\n",
		(long long)t.id, a.username, t.scope, t.expires_at);
	printf("%s\n", token);
	return 0;
}

static int token_list(struct store *st, int argc, char **argv)
{
	struct account a = {0};
	if (argc > 2 || (argc == 2 && find(st, argv[1], &a) != 0))
		return argc > 2 ? 2 : 1;
	struct api_token *list;
	size_t n;
	struct zt_error e;
	zt_error_clear(&e);
	if (store_token_list(st, a.id, &list, &n, &e) != ZT_OK)
		return fail(&e);
	printf("%-5s %-20s %-20s %-8s %-5s %-20s %s\n", "id", "username", "name", "state", "scope", "expires", "last used");
	for (size_t i = 0; i < n; i++) {
		json_t *o = auth_token_json(&list[i], zt_now());
		const char *used = json_string_value(json_object_get(o, "last_used_at"));
		printf("%-5lld %-20s %-20s %-8s %-5s %-20s %s\n", (long long)list[i].id, list[i].username, list[i].name,
		       json_string_value(json_object_get(o, "state")), list[i].scope,
		       json_string_value(json_object_get(o, "expires_at")), used ? used : "-");
		json_decref(o);
	}
	free(list);
	return 0;
}

static int token_revoke(struct store *st, int argc, char **argv)
{
	int64_t id;
	if (argc != 2 || parse_id(argv[1], &id) != 0) {
		fprintf(stderr, "zaitaku user token revoke: ID required (see `user token list`)\n");
		return 2;
	}
	struct zt_error e;
	zt_error_clear(&e);
	if (auth_token_revoke(st, NULL, NULL, id, &e) != ZT_OK)
		return fail(&e);
	printf("token %lld revoked\n", (long long)id);
	return 0;
}

/* token list|revoke …, or token USERNAME … (issue). */
static int user_token(struct store *st, int argc, char **argv)
{
	if (argc >= 2 && strcmp(argv[1], "list") == 0)
		return token_list(st, argc - 1, argv + 1);
	if (argc >= 2 && strcmp(argv[1], "revoke") == 0)
		return token_revoke(st, argc - 1, argv + 1);
	return token_issue(st, argc, argv);
}

int cmd_user(const struct cli_env *env, int argc, char **argv)
{
	if (argc < 2 || cli_wants_help(argc, argv)) {
		help();
		return argc < 2 ? 2 : 0;
	}
	if (secret_init() < 0) {
		fprintf(stderr, "zaitaku user: libsodium/liboath unavailable\n");
		return 1;
	}
	struct store *st = cli_open_store(env);
	if (st == NULL)
		return 1;
	const char *sub = argv[1];
	int rc;
	if (strcmp(sub, "add") == 0)
		rc = user_add(st, argc - 1, argv + 1);
	else if (strcmp(sub, "passwd") == 0)
		rc = user_passwd(st, argc - 1, argv + 1);
	else if (strcmp(sub, "disable") == 0)
		rc = user_set_disabled(st, argc - 1, argv + 1, true);
	else if (strcmp(sub, "enable") == 0)
		rc = user_set_disabled(st, argc - 1, argv + 1, false);
	else if (strcmp(sub, "list") == 0)
		rc = user_list(st);
	else if (strcmp(sub, "totp") == 0)
		rc = user_totp(st, argc - 1, argv + 1);
	else if (strcmp(sub, "token") == 0)
		rc = user_token(st, argc - 1, argv + 1);
	else {
		fprintf(stderr, "zaitaku user: unknown subcommand %s (see --help)\n", sub);
		rc = 2;
	}
	store_close(st);
	return rc;
}

int cli_first_admin(struct store *st)
{
	if (store_account_count_role(st, "admin") > 0)
		return 0;
	if (secret_init() < 0) {
		fprintf(stderr, "zaitaku: libsodium/liboath unavailable\n");
		return 1;
	}
	struct account a;
	memset(&a, 0, sizeof a);
	snprintf(a.username, sizeof a.username, "admin");
	snprintf(a.display_name, sizeof a.display_name, "システム管理者");
	snprintf(a.role, sizeof a.role, "admin"); /* the app enrols its TOTP secret */
	const char *env_pw = getenv("ZAITAKU_ADMIN_PASSWORD");
	char pw[600];
	int generated = env_pw == NULL || env_pw[0] == '\0';
	if (generated)
		secret_password_generate(pw, 21);
	else
		snprintf(pw, sizeof pw, "%s", env_pw);
	struct zt_error e;
	zt_error_clear(&e);
	if (app_account_create(st, NULL, &a, pw, NULL, &e) != ZT_OK) {
		fprintf(stderr, "zaitaku init: first admin: %s%s%s\n", e.field, e.field[0] ? ": " : "", e.message);
		return 1;
	}
	printf("first administrator: username admin, password %s\n",
	       generated ? pw : "from $ZAITAKU_ADMIN_PASSWORD");
	if (generated)
		printf("  (the password is shown once; change it with `zaitaku user passwd admin`)\n");
	print_totp(a.username, a.totp_secret);
	return 0;
}
