/* CP932 ⇄ UTF-8 with glibc iconv, BOM handling and detection, for the CSV a coordinator saves from
 * Excel (issue 2 §6; see encoding.h). */
#include "io/encoding.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>

bool encoding_has_bom(const char *data, size_t len)
{
	return len >= 3 && (unsigned char)data[0] == 0xEF && (unsigned char)data[1] == 0xBB &&
	       (unsigned char)data[2] == 0xBF;
}

/* Length of the well-formed UTF-8 sequence at s (1–4), 0 when malformed or truncated. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned min;
	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		min = 0x10000;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	unsigned cp = c & (0x7F >> len);
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return len;
}

/* Offset of the first byte that is not well-formed UTF-8, or len when all are. */
static size_t utf8_bad_offset(const char *data, size_t len)
{
	const unsigned char *s = (const unsigned char *)data;
	size_t i = 0;
	while (i < len) {
		if (s[i] < 0x80) { /* ASCII runs are the common case */
			i++;
			continue;
		}
		size_t k = utf8_seq(s + i, len - i);
		if (k == 0)
			return i;
		i += k;
	}
	return len;
}

enum text_encoding encoding_detect(const char *data, size_t len)
{
	if (encoding_has_bom(data, len))
		return ENC_UTF8;
	return utf8_bad_offset(data, len) == len ? ENC_UTF8 : ENC_CP932;
}

static long line_of(const char *data, size_t off)
{
	long line = 1;
	for (size_t i = 0; i < off; i++)
		if (data[i] == '\n')
			line++;
	return line;
}

/* A NUL byte in text: an error naming its line (e->line set). */
static enum zt_err nul_check(const char *data, size_t len, struct zt_error *e)
{
	const char *z = memchr(data, '\0', len);
	if (z == NULL)
		return ZT_OK;
	long line = line_of(data, (size_t)(z - data));
	zt_fail(e, ZT_ERR_INVALID, "encoding", "%ld行目: NUL 文字（0x00）があります。テキストのファイルを指定してください。", line);
	if (e)
		e->line = line;
	return ZT_ERR_INVALID;
}

static enum zt_err convert(const char *to, const char *from, const char *data, size_t len, char **out,
			   size_t *outlen, struct zt_error *e)
{
	iconv_t cd = iconv_open(to, from);
	if (cd == (iconv_t)-1)
		return zt_fail(e, ZT_ERR_IO, "encoding", "文字コード変換（%s→%s）を利用できません。", from, to);
	size_t cap = len * 2 + 16; /* CP932 → UTF-8 grows at most 3/2; UTF-8 → CP932 shrinks */
	char *buf = malloc(cap);
	if (buf == NULL)
		abort();
	char *in = (char *)data, *o = buf;
	size_t inleft = len, oleft = cap - 1;
	enum zt_err r = ZT_OK;
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &o, &oleft) != (size_t)-1)
			break;
		if (errno == E2BIG) {
			size_t used = (size_t)(o - buf);
			cap *= 2;
			char *g = realloc(buf, cap);
			if (g == NULL)
				abort();
			buf = g;
			o = buf + used;
			oleft = cap - used - 1;
			continue;
		}
		size_t off = (size_t)(in - data);
		long line = line_of(data, off);
		if (strcmp(from, "UTF-8") == 0)
			r = zt_fail(e, ZT_ERR_INVALID, "encoding", "%ld行目: Shift_JIS（CP932）で表せない文字があります。", line);
		else
			r = zt_fail(e, ZT_ERR_INVALID, "encoding",
				    "%ld行目: 文字コードを判別できない不正なバイト（0x%02X）があります。UTF-8 または Shift_JIS（CP932）で保存してください。",
				    line, (unsigned char)data[off]);
		if (e)
			e->line = line;
		break;
	}
	iconv_close(cd);
	if (r == ZT_OK && strcmp(to, "UTF-8") == 0)
		r = nul_check(buf, (size_t)(o - buf), e);
	if (r != ZT_OK) {
		free(buf);
		return r;
	}
	*o = '\0';
	*out = buf;
	*outlen = (size_t)(o - buf);
	return ZT_OK;
}

enum zt_err encoding_check_utf8(const char *data, size_t len, struct zt_error *e)
{
	size_t bad = utf8_bad_offset(data, len);
	if (bad != len) {
		long line = line_of(data, bad);
		zt_fail(e, ZT_ERR_INVALID, "encoding", "%ld行目: UTF-8 として不正なバイト（0x%02X）があります。", line,
			(unsigned char)data[bad]);
		if (e)
			e->line = line;
		return ZT_ERR_INVALID;
	}
	return nul_check(data, len, e);
}

enum zt_err encoding_cp932_to_utf8(const char *data, size_t len, char **out, size_t *outlen, struct zt_error *e)
{
	return convert("UTF-8", "CP932", data, len, out, outlen, e);
}

enum zt_err encoding_utf8_to_cp932(const char *data, size_t len, char **out, size_t *outlen, struct zt_error *e)
{
	return convert("CP932", "UTF-8", data, len, out, outlen, e);
}

enum zt_err encoding_to_utf8(const char *data, size_t len, char **out, size_t *outlen, struct zt_error *e)
{
	if (encoding_has_bom(data, len)) {
		data += 3;
		len -= 3;
		size_t bad = utf8_bad_offset(data, len);
		if (bad != len) {
			long line = line_of(data, bad);
			zt_fail(e, ZT_ERR_INVALID, "encoding", "%ld行目: UTF-8 として不正なバイトがあります。", line);
			if (e)
				e->line = line;
			return ZT_ERR_INVALID;
		}
	} else {
		size_t bad = utf8_bad_offset(data, len);
		if (bad != len) {
			/* Well-formed multibyte UTF-8 before the bad byte: a UTF-8 file with a broken
			 * byte, not a CP932 file — name the line of the bad byte. */
			bool multibyte = false;
			for (size_t i = 0; i < bad && !multibyte; i++)
				multibyte = (unsigned char)data[i] >= 0x80;
			if (!multibyte)
				return encoding_cp932_to_utf8(data, len, out, outlen, e);
			long line = line_of(data, bad);
			zt_fail(e, ZT_ERR_INVALID, "encoding", "%ld行目: UTF-8 として不正なバイト（0x%02X）があります。", line,
				(unsigned char)data[bad]);
			if (e)
				e->line = line;
			return ZT_ERR_INVALID;
		}
	}
	if (nul_check(data, len, e) != ZT_OK)
		return ZT_ERR_INVALID;
	char *buf = malloc(len + 1);
	if (buf == NULL)
		abort();
	memcpy(buf, data, len);
	buf[len] = '\0';
	*out = buf;
	*outlen = len;
	return ZT_OK;
}

enum zt_err encoding_utf8_to_cp932_replacing(const char *data, size_t len, char **out, size_t *outlen,
					     struct encoding_replacements *rep)
{
	memset(rep, 0, sizeof *rep);
	iconv_t cd = iconv_open("CP932", "UTF-8");
	if (cd == (iconv_t)-1)
		abort(); /* glibc always has CP932 */
	size_t cap = len * 2 + 16, used = 0;
	char *buf = malloc(cap);
	if (buf == NULL)
		abort();
	char *in = (char *)data;
	size_t left = len;
	long line = 1;
	const char *counted = data; /* lines counted up to here */
	while (left > 0) {
		char *o = buf + used;
		size_t room = cap - used - 1;
		size_t rc = iconv(cd, &in, &left, &o, &room);
		used = (size_t)(o - buf);
		if (rc != (size_t)-1)
			break;
		if (errno == E2BIG) {
			cap *= 2;
			buf = realloc(buf, cap);
			if (buf == NULL)
				abort();
			continue;
		}
		/* EILSEQ or EINVAL: one character CP932 lacks (or a broken byte) becomes 〓 (0x81 0xAC) */
		for (; counted < in; counted++)
			if (*counted == '\n')
				line++;
		size_t skip = 1;
		unsigned char b = (unsigned char)*in;
		if (b >= 0xF0)
			skip = 4;
		else if (b >= 0xE0)
			skip = 3;
		else if (b >= 0xC0)
			skip = 2;
		if (skip > left)
			skip = left;
		in += skip;
		left -= skip;
		if (cap - used < 4) {
			cap *= 2;
			buf = realloc(buf, cap);
			if (buf == NULL)
				abort();
		}
		buf[used++] = (char)0x81;
		buf[used++] = (char)0xAC;
		rep->count++;
		if (rep->nlines < ENCODING_MAX_REPORTED_LINES &&
		    (rep->nlines == 0 || rep->lines[rep->nlines - 1] != line))
			rep->lines[rep->nlines++] = line;
	}
	iconv_close(cd);
	buf[used] = '\0';
	*out = buf;
	*outlen = used;
	return ZT_OK;
}
