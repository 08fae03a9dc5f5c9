/* The sign-in failure key: load or create the key file, hash typed usernames (see signin_key.h). */
#include "auth/signin_key.h"
#include "store/store_keys.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static unsigned char key[crypto_generichash_KEYBYTES];
static bool key_loaded;

void signin_key_path(const char *db_path, char *out, size_t n)
{
	const char *env = getenv("ZAITAKU_SIGNIN_KEY");
	if (env && env[0])
		snprintf(out, n, "%s", env);
	else {
		char base[4096];
		snprintf(out, n, "%s-signin.key", store_file_base(db_path, base, sizeof base) ? base : db_path);
	}
}

/* Reads exactly sizeof key bytes from fd. */
static bool read_key(int fd)
{
	size_t got = 0;
	while (got < sizeof key) {
		ssize_t r = read(fd, key + got, sizeof key - got);
		if (r <= 0 && !(r < 0 && errno == EINTR))
			return false;
		if (r > 0)
			got += (size_t)r;
	}
	return true;
}

static bool write_key(int fd)
{
	size_t put = 0;
	while (put < sizeof key) {
		ssize_t r = write(fd, key + put, sizeof key - put);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return false;
		put += (size_t)r;
	}
	return fsync(fd) == 0;
}

enum zt_err signin_key_load(const char *path, struct zt_error *e)
{
	if (secret_init() < 0)
		return zt_fail(e, ZT_ERR_IO, "", "libsodium unavailable");
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	bool ok;
	if (fd >= 0) {
		ok = read_key(fd);
	} else if (errno == ENOENT) {
		/* O_EXCL: two servers starting at once never overwrite each other's key. */
		fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
		if (fd < 0 && errno == EEXIST)
			return signin_key_load(path, e);
		randombytes_buf(key, sizeof key);
		ok = fd >= 0 && fchmod(fd, 0600) == 0 && write_key(fd);
		if (fd >= 0 && !ok)
			unlink(path);
	} else {
		ok = false;
	}
	int err = errno;
	if (fd >= 0)
		close(fd);
	if (!ok) {
		sodium_memzero(key, sizeof key);
		return zt_fail(e, ZT_ERR_IO, "file", "sign-in key %s: cannot read or create 32 bytes (%s)", path,
			       err ? strerror(err) : "short file");
	}
	key_loaded = true;
	return ZT_OK;
}

bool signin_key_hash(const char *username, char out[SECRET_HASH_HEX])
{
	out[0] = '\0';
	if (!key_loaded)
		return false;
	unsigned char h[32];
	crypto_generichash(h, sizeof h, (const unsigned char *)username, strlen(username), key, sizeof key);
	sodium_bin2hex(out, SECRET_HASH_HEX, h, sizeof h);
	return true;
}
