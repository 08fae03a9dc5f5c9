/* Password hashing, tokens and TOTP (issue 3 §1–§2, SECURITY.md; see secret.h). */
#include "auth/secret.h"

#include <liboath/oath.h>
#include <pthread.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int init_rc = -1;
static pthread_once_t init_once = PTHREAD_ONCE_INIT;
static char dummy_hash[crypto_pwhash_STRBYTES];

static void do_init(void)
{
	if (sodium_init() < 0 || oath_init() != OATH_OK)
		return;
	init_rc = 0;
}

int secret_init(void)
{
	pthread_once(&init_once, do_init);
	return init_rc;
}

static void to_hex(const unsigned char *b, size_t n, char *out)
{
	sodium_bin2hex(out, n * 2 + 1, b, n);
}

void secret_token_new(char out[SECRET_TOKEN_HEX])
{
	unsigned char b[32];
	secret_init();
	randombytes_buf(b, sizeof b);
	to_hex(b, sizeof b, out);
	sodium_memzero(b, sizeof b);
}

void secret_token_hash(const char *token, char out[SECRET_HASH_HEX])
{
	unsigned char h[32];
	secret_init();
	crypto_generichash(h, sizeof h, (const unsigned char *)token, strlen(token), NULL, 0);
	to_hex(h, sizeof h, out);
}

void secret_csrf_of(const char *session_token, char out[SECRET_HASH_HEX])
{
	static const unsigned char key[] = "zaitaku-csrf-v1-zaitaku-csrf-v1"; /* domain separation */
	unsigned char h[32];
	secret_init();
	crypto_generichash(h, sizeof h, (const unsigned char *)session_token, strlen(session_token), key,
			   sizeof key - 1);
	to_hex(h, sizeof h, out);
}

int secret_equal(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return 0;
	return sodium_memcmp(a, b, la) == 0;
}

enum zt_err secret_password_hash(const char *password, char out[SECRET_PWHASH_MAX], struct zt_error *e)
{
	if (secret_init() < 0)
		return zt_fail(e, ZT_ERR_IO, "", "暗号ライブラリを初期化できません。");
	if (crypto_pwhash_str(out, password, strlen(password), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		return zt_fail(e, ZT_ERR_NOMEM, "", "パスワードのハッシュ化に失敗しました（メモリ不足）。");
	return ZT_OK;
}

static void make_dummy(void)
{
	char pw[24];
	secret_password_generate(pw, sizeof pw);
	if (crypto_pwhash_str(dummy_hash, pw, strlen(pw), crypto_pwhash_OPSLIMIT_INTERACTIVE,
			      crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0)
		dummy_hash[0] = '\0';
}

int secret_password_verify(const char *hash, const char *password)
{
	if (secret_init() < 0)
		return 0;
	if (hash == NULL || hash[0] == '\0') {
		static pthread_once_t once = PTHREAD_ONCE_INIT;
		pthread_once(&once, make_dummy);
		if (dummy_hash[0] && crypto_pwhash_str_verify(dummy_hash, password, strlen(password)) == 0)
			return 0;
		return 0;
	}
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void secret_password_generate(char *out, size_t n)
{
	static const char alphabet[] = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
	secret_init();
	for (size_t i = 0; i + 1 < n; i++)
		out[i] = alphabet[randombytes_uniform((uint32_t)(sizeof alphabet - 1))];
	out[n - 1] = '\0';
}

void totp_secret_new(char out[33])
{
	unsigned char raw[20];
	char *b32 = NULL;
	size_t len = 0;
	secret_init();
	randombytes_buf(raw, sizeof raw);
	if (oath_base32_encode((const char *)raw, sizeof raw, &b32, &len) == OATH_OK && b32) {
		snprintf(out, 33, "%s", b32);
		free(b32);
	} else {
		out[0] = '\0';
	}
	sodium_memzero(raw, sizeof raw);
}

int totp_code(const char *secret, size_t secret_len, time_t t, int digits, char *out, size_t outsz)
{
	char buf[16];
	if (secret_init() < 0 || (digits != 6 && digits != 8) || outsz < (size_t)digits + 1)
		return -1;
	if (oath_totp_generate(secret, secret_len, t, TOTP_STEP_SECONDS, 0, (unsigned)digits, buf) != OATH_OK)
		return -1;
	buf[digits] = '\0';
	memcpy(out, buf, (size_t)digits + 1);
	return 0;
}

int64_t totp_check(const char *secret_b32, const char *code, time_t now)
{
	if (secret_b32 == NULL || secret_b32[0] == '\0' || code == NULL || strlen(code) != TOTP_DIGITS)
		return -1;
	for (const char *c = code; *c; c++)
		if (*c < '0' || *c > '9')
			return -1;
	char *raw = NULL;
	size_t rawlen = 0;
	if (secret_init() < 0 || oath_base32_decode(secret_b32, strlen(secret_b32), &raw, &rawlen) != OATH_OK)
		return -1;
	int64_t found = -1;
	for (int d = -1; d <= 1 && found < 0; d++) {
		time_t t = now + d * TOTP_STEP_SECONDS;
		char want[16];
		if (t >= 0 && totp_code(raw, rawlen, t, TOTP_DIGITS, want, sizeof want) == 0 && secret_equal(want, code))
			found = (int64_t)(t / TOTP_STEP_SECONDS);
	}
	sodium_memzero(raw, rawlen);
	free(raw);
	return found;
}

void totp_uri(const char *username, const char *secret_b32, char *out, size_t outsz)
{
	snprintf(out, outsz, "otpauth://totp/zaitaku:%s?secret=%s&issuer=zaitaku&algorithm=SHA1&digits=%d&period=%d",
		 username, secret_b32, TOTP_DIGITS, TOTP_STEP_SECONDS);
}
