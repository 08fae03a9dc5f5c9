/* Key files outside the database: loading, creating, binding them to the database, and sealing
 * TOTP secrets with the secret key (issue 11 §2–§3; see store_keys.h). */
#include "store/store_keys.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/store_internal.h"
#include "core/clock.h"
#include "store/store_audit.h"

static const char *const TAG[] = {"zaitaku-audit-key-v1", "zaitaku-secret-key-v1"};
static const char *const SUFFIX[] = {"audit-key", "secret-key"};
static const char *const INFO[] = {"audit_public_key", "secret_key_check"};
static const char *const FIELD[] = {"audit_key", "secret_key"};
static const char *const HOW[] = {"--audit-key PATH または環境変数 ZAITAKU_AUDIT_KEY",
				  "--secret-key PATH または環境変数 ZAITAKU_SECRET_KEY"};

bool store_file_base(const char *db_path, char *buf, size_t n)
{
	int k;
	if (db_is_pg(db_path)) {
		char name[128];
		const char *dir = getenv("ZAITAKU_KEY_DIR");
		db_pg_dbname(db_path, name, sizeof name);
		k = snprintf(buf, n, "%s/%s", dir && dir[0] ? dir : ".", name[0] ? name : "zaitaku");
	} else {
		k = snprintf(buf, n, "%s", db_path);
	}
	return k > 0 && (size_t)k < n;
}

bool store_key_path(const char *db_path, const struct store_options *o, enum store_key_kind kind, char *buf, size_t n)
{
	const char *p = o ? (kind == STORE_KEY_AUDIT ? o->audit_key : o->secret_key) : NULL;
	int k;
	if (p && p[0])
		k = snprintf(buf, n, "%s", p);
	else if (db_is_pg(db_path)) {
		char base[4096];
		if (!store_file_base(db_path, base, sizeof base))
			return false;
		k = snprintf(buf, n, "%s.%s", base, SUFFIX[kind]);
	} else if (strcmp(db_path, ":memory:") == 0) { /* fuzzers, benches: never litter the working directory */
		const char *tmp = getenv("TMPDIR");
		k = snprintf(buf, n, "%s/zaitaku-memory-%ld.%s", tmp && tmp[0] ? tmp : "/tmp", (long)getpid(), SUFFIX[kind]);
	} else
		k = snprintf(buf, n, "%s.%s", db_path, SUFFIX[kind]);
	return k > 0 && (size_t)k < n;
}

/* Reads a key file into key. 1 loaded, 0 absent, -1 unusable (*e filled). */
static int read_key(const char *path, enum store_key_kind kind, unsigned char key[32], struct zt_error *e)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		if (errno == ENOENT)
			return 0;
		zt_fail(e, ZT_ERR_IO, FIELD[kind], "鍵ファイル %s を読めません: %s", path, strerror(errno));
		return -1;
	}
	struct stat sb;
	if (fstat(fd, &sb) != 0 || (sb.st_mode & 077) != 0) {
		close(fd);
		zt_fail(e, ZT_ERR_IO, FIELD[kind], "鍵ファイル %s は所有者以外も読める権限です。chmod 600 %s としてください。",
			path, path);
		return -1;
	}
	char line[160];
	ssize_t got = read(fd, line, sizeof line - 1);
	close(fd);
	size_t tl = strlen(TAG[kind]), bin = 0;
	bool ok = got > (ssize_t)tl;
	if (ok) {
		line[got] = '\0';
		ok = strncmp(line, TAG[kind], tl) == 0 && line[tl] == ' ' &&
		     sodium_hex2bin(key, 32, line + tl + 1, strlen(line + tl + 1), "\n", &bin, NULL) == 0 && bin == 32;
	}
	sodium_memzero(line, sizeof line);
	if (!ok) {
		zt_fail(e, ZT_ERR_INVALID, FIELD[kind], "鍵ファイル %s の形式が正しくありません（「%s 」で始まる1行）。", path,
			TAG[kind]);
		return -1;
	}
	return 1;
}

void store_sync_dir_of(const char *path)
{
	char *copy = strdup(path);
	if (copy == NULL)
		return;
	int fd = open(dirname(copy), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(copy);
}

/* Creates the key file (never replaces one): mode 0600 whatever the umask, synced. */
static enum zt_err write_key(const char *path, enum store_key_kind kind, const unsigned char key[32], struct zt_error *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0)
		return zt_fail(e, ZT_ERR_IO, FIELD[kind], "鍵ファイル %s を作成できません: %s", path, strerror(errno));
	char hex[65], line[160];
	sodium_bin2hex(hex, sizeof hex, key, 32);
	int n = snprintf(line, sizeof line, "%s %s\n", TAG[kind], hex);
	bool ok = fchmod(fd, 0600) == 0 && write(fd, line, (size_t)n) == n && fsync(fd) == 0;
	ok = close(fd) == 0 && ok;
	sodium_memzero(hex, sizeof hex);
	sodium_memzero(line, sizeof line);
	if (!ok) {
		unlink(path);
		return zt_fail(e, ZT_ERR_IO, FIELD[kind], "鍵ファイル %s を書き込めません。", path);
	}
	store_sync_dir_of(path);
	return ZT_OK;
}

/* What the database records of a key: the audit public key, or a keyed check value of the secret key. */
static void key_value(struct store *st, enum store_key_kind kind, const unsigned char key[32], char out[65])
{
	unsigned char v[32];
	if (kind == STORE_KEY_AUDIT) {
		crypto_sign_seed_keypair(st->keys.sign_pk, st->keys.sign_sk, key);
		memcpy(v, st->keys.sign_pk, 32);
	} else {
		static const char msg[] = "zaitaku-secret-key-check-v1";
		crypto_generichash(v, sizeof v, (const unsigned char *)msg, sizeof msg - 1, key, 32);
	}
	sodium_bin2hex(out, 65, v, sizeof v);
}

static void recorded_value(struct store *st, enum store_key_kind kind, char out[65])
{
	out[0] = '\0';
	struct db_stmt *q = db_query(st->db, "SELECT value FROM key_info WHERE name = ?", "s", INFO[kind]);
	if (q && db_step(q) == DB_ROW)
		snprintf(out, 65, "%s", db_col_text(q, 0));
	db_finalize(q);
}

struct record_ctx {
	const char *name, *value;
};

static enum zt_err record_tx(struct store *st, void *vctx, struct zt_error *e)
{
	struct record_ctx *c = vctx;
	char now[21];
	zt_now_utc(now);
	int rc = db_run(st->db, "INSERT INTO key_info (name, value, recorded_at) VALUES (?, ?, ?) ON CONFLICT (name) DO NOTHING",
			"sss", c->name, c->value, now);
	return rc < 0 ? store_db_err(st, rc, e) : ZT_OK;
}

/* Whether data written under an unrecorded key exists (a key_info row deleted by hand): then a new
 * key file would make it unreadable (sealed secrets) or unverifiable (checkpoints). */
static bool depends_on_key(struct store *st, enum store_key_kind kind)
{
	int64_t n = 0;
	db_scalar_int(st->db, &n, kind == STORE_KEY_AUDIT ? "SELECT COUNT(*) FROM audit_checkpoint"
							  : "SELECT COUNT(*) FROM account WHERE totp_secret LIKE 'v1:%'", "");
	return n > 0;
}

static enum zt_err open_one(struct store *st, const char *db_path, const struct store_options *o,
			    enum store_key_kind kind, struct zt_error *e)
{
	char path[4096], recorded[65], value[65];
	if (!store_key_path(db_path, o, kind, path, sizeof path))
		return zt_fail(e, ZT_ERR_INVALID, FIELD[kind], "鍵ファイルのパスが長すぎます。");
	recorded_value(st, kind, recorded);
	unsigned char key[32];
	int r = read_key(path, kind, key, e);
	if (r < 0)
		return e ? e->code : ZT_ERR_IO;
	if (r == 0) {
		if ((st->created || (o && o->create_keys)) && recorded[0] == '\0' && !depends_on_key(st, kind)) {
			randombytes_buf(key, sizeof key);
			enum zt_err w = write_key(path, kind, key, e);
			if (w != ZT_OK)
				return w;
		} else if (o && o->keys_optional) {
			return ZT_OK;
		} else if (recorded[0] || depends_on_key(st, kind)) {
			return zt_fail(e, ZT_ERR_IO, FIELD[kind],
				       "鍵ファイル %s がありません。このデータベースはその鍵で保護されています。鍵ファイルを"
				       "バックアップから戻すか、%s で場所を指定してください。/ key file %s is missing: restore "
				       "it from your key backup or give its path.",
				       path, HOW[kind], path);
		} else {
			return zt_fail(e, ZT_ERR_IO, FIELD[kind],
				       "鍵ファイル %s がありません。`zaitaku --db %s init` で作成するか（既存のデータベース"
				       "でも作成できます）、%s で場所を指定してください。/ key file %s is missing: run "
				       "`zaitaku --db %s init` to create it.",
				       path, db_path, HOW[kind], path, db_path);
		}
	}
	key_value(st, kind, key, value);
	if (recorded[0] == '\0') {
		struct record_ctx c = {INFO[kind], value};
		enum zt_err w = store_tx(st, record_tx, &c, e);
		if (w != ZT_OK) {
			sodium_memzero(key, sizeof key);
			return w;
		}
		recorded_value(st, kind, recorded);
	}
	if (strcmp(recorded, value) != 0) {
		sodium_memzero(key, sizeof key);
		return zt_fail(e, ZT_ERR_INVALID, FIELD[kind],
			       "鍵ファイル %s はこのデータベースの鍵ではありません（記録された%sと一致しません）。/ key file %s "
			       "belongs to another database.",
			       path, kind == STORE_KEY_AUDIT ? "公開鍵" : "確認値", path);
	}
	if (kind == STORE_KEY_AUDIT)
		st->keys.have_sign = true;
	else {
		memcpy(st->keys.box, key, sizeof key);
		st->keys.have_box = true;
	}
	sodium_memzero(key, sizeof key);
	return ZT_OK;
}

enum zt_err store_keys_open(struct store *st, const char *db_path, const struct store_options *o, struct zt_error *e)
{
	if (sodium_init() < 0)
		return zt_fail(e, ZT_ERR_IO, "", "libsodium を初期化できません。");
	enum zt_err r = open_one(st, db_path, o, STORE_KEY_AUDIT, e);
	if (r == ZT_OK)
		r = open_one(st, db_path, o, STORE_KEY_SECRET, e);
	if (!st->keys.have_sign)
		sodium_memzero(st->keys.sign_sk, sizeof st->keys.sign_sk);
	return r;
}

void store_keys_wipe(struct store *st)
{
	sodium_memzero(&st->keys, sizeof st->keys);
}

void store_audit_public_key(struct store *st, char out[65], bool *from_file)
{
	*from_file = st->keys.have_sign;
	if (st->keys.have_sign)
		sodium_bin2hex(out, 65, st->keys.sign_pk, 32);
	else
		recorded_value(st, STORE_KEY_AUDIT, out);
}

/* ---- sealed TOTP secrets: "v1:" + base64(nonce ‖ secretbox(plain)) ---- */

#define NONCE crypto_secretbox_NONCEBYTES
#define MAC crypto_secretbox_MACBYTES

bool store_is_sealed(const char *stored)
{
	return strncmp(stored, "v1:", 3) == 0;
}

enum zt_err store_seal(struct store *st, const char *plain, char out[STORE_SEALED_MAX], struct zt_error *e)
{
	size_t n = strlen(plain);
	unsigned char buf[NONCE + MAC + 64];
	if (!st->keys.have_box)
		return zt_fail(e, ZT_ERR_IO, "secret_key", "秘密鍵ファイルがないため TOTP の秘密を保存できません。");
	if (n > 64)
		return zt_fail(e, ZT_ERR_INVALID, "totp", "TOTP の秘密が長すぎます。");
	randombytes_buf(buf, NONCE);
	crypto_secretbox_easy(buf + NONCE, (const unsigned char *)plain, n, buf, st->keys.box);
	memcpy(out, "v1:", 3);
	sodium_bin2base64(out + 3, STORE_SEALED_MAX - 3, buf, NONCE + MAC + n, sodium_base64_VARIANT_ORIGINAL);
	return ZT_OK;
}

bool store_unseal(struct store *st, const char *stored, char *out, size_t n)
{
	if (!store_is_sealed(stored)) {
		snprintf(out, n, "%s", stored);
		return true;
	}
	unsigned char buf[STORE_SEALED_MAX];
	size_t len = 0;
	if (!st->keys.have_box ||
	    sodium_base642bin(buf, sizeof buf, stored + 3, strlen(stored + 3), NULL, &len, NULL,
			      sodium_base64_VARIANT_ORIGINAL) != 0 ||
	    len < NONCE + MAC || len - NONCE - MAC >= n)
		return false;
	if (crypto_secretbox_open_easy((unsigned char *)out, buf + NONCE, len - NONCE, buf, st->keys.box) != 0)
		return false;
	out[len - NONCE - MAC] = '\0';
	return true;
}

/* ---- migration of plaintext TOTP secrets (databases from before the secret key) ---- */

static enum zt_err seal_all_tx(struct store *st, void *vctx, struct zt_error *e)
{
	int64_t *count = vctx;
	struct db_stmt *q = db_query(st->db,
		"SELECT id, totp_secret FROM account WHERE totp_secret IS NOT NULL AND totp_secret <> '' "
		"AND totp_secret NOT LIKE 'v1:%' ORDER BY id", "");
	if (q == NULL)
		return store_db_err(st, DB_HARD_ERROR, e);
	int rc;
	enum zt_err r = ZT_OK;
	while (r == ZT_OK && (rc = db_step(q)) == DB_ROW) {
		char sealed[STORE_SEALED_MAX];
		r = store_seal(st, db_col_text(q, 1), sealed, e);
		if (r == ZT_OK) {
			int w = db_run(st->db, "UPDATE account SET totp_secret = ? WHERE id = ?", "si", sealed, db_col_int(q, 0));
			if (w < 0)
				r = store_db_err(st, w, e);
			(*count)++;
		}
	}
	db_finalize(q);
	if (r != ZT_OK)
		return r;
	if (rc < 0)
		return store_db_err(st, rc, e);
	if (*count == 0)
		return ZT_OK;
	json_t *after = json_pack("{s:I}", "accounts_sealed", (json_int_t)*count);
	r = audit_append(st, NULL, "encrypt", "account", 0, "", NULL, after, e);
	json_decref(after);
	return r;
}

enum zt_err store_keys_migrate(struct store *st, struct zt_error *e)
{
	if (!st->keys.have_box)
		return ZT_OK;
	int64_t plain = 0;
	db_scalar_int(st->db, &plain, "SELECT COUNT(*) FROM account WHERE totp_secret IS NOT NULL AND totp_secret <> '' "
		      "AND totp_secret NOT LIKE 'v1:%'", "");
	if (plain == 0)
		return ZT_OK;
	int64_t count = 0;
	enum zt_err r = store_tx(st, seal_all_tx, &count, e);
	if (r == ZT_OK) /* no copy of the plaintext left in the write-ahead log */
		db_exec(st->db, "PRAGMA wal_checkpoint(TRUNCATE)");
	return r;
}
