/* UTF-8 checks and width folding (see text.h) for every user text and imported cell (issue 2 §6–§7). */
#include "domain/text.h"

#include <string.h>

/* Decodes one code point; returns its length or 0 when malformed. */
static size_t utf8_decode(const unsigned char *s, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if ((s[0] & 0xE0) == 0xC0 && (s[1] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x1Fu) << 6) | (s[1] & 0x3Fu);
		return *cp >= 0x80 ? 2 : 0;
	}
	if ((s[0] & 0xF0) == 0xE0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x0Fu) << 12) | ((s[1] & 0x3Fu) << 6) | (s[2] & 0x3Fu);
		return (*cp >= 0x800 && (*cp < 0xD800 || *cp > 0xDFFF)) ? 3 : 0;
	}
	if ((s[0] & 0xF8) == 0xF0 && (s[1] & 0xC0) == 0x80 && (s[2] & 0xC0) == 0x80 && (s[3] & 0xC0) == 0x80) {
		*cp = ((s[0] & 0x07u) << 18) | ((s[1] & 0x3Fu) << 12) | ((s[2] & 0x3Fu) << 6) | (s[3] & 0x3Fu);
		return (*cp >= 0x10000 && *cp <= 0x10FFFF) ? 4 : 0;
	}
	return 0;
}

/* Walks s as UTF-8; with controls false, C0 controls other than TAB/LF/CR and DEL also fail. */
static bool utf8_walk(const char *s, bool controls)
{
	const unsigned char *p = (const unsigned char *)s;
	while (*p) {
		unsigned cp;
		size_t n = utf8_decode(p, &cp);
		if (n == 0)
			return false;
		if (!controls && ((cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') || cp == 0x7F))
			return false;
		p += n;
	}
	return true;
}

bool text_valid_utf8(const char *s)
{
	return utf8_walk(s, false);
}

bool text_is_utf8(const char *s)
{
	return utf8_walk(s, true);
}

size_t text_char_count(const char *s)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if ((*p & 0xC0) != 0x80)
			n++;
	return n;
}

void text_normalize_width(const char *s, char *out, size_t outsz)
{
	size_t o = 0;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	if (outsz == 0)
		return;
	while (*p && o + 1 < outsz) {
		unsigned cp;
		size_t n = utf8_decode(p, &cp);
		if (n == 0) { /* leave malformed bytes alone; validation reports them */
			out[o++] = (char)*p++;
			continue;
		}
		if (cp >= 0xFF01 && cp <= 0xFF5E) {
			out[o++] = (char)(cp - 0xFF01 + 0x21);
		} else if (cp == 0x3000) {
			out[o++] = ' ';
		} else {
			if (o + n >= outsz)
				break;
			memcpy(out + o, p, n);
			o += n;
		}
		p += n;
	}
	out[o] = '\0';
	/* trim */
	size_t start = 0;
	while (out[start] == ' ' || out[start] == '\t')
		start++;
	while (o > start && (out[o - 1] == ' ' || out[o - 1] == '\t' || out[o - 1] == '\r' || out[o - 1] == '\n'))
		out[--o] = '\0';
	if (start)
		memmove(out, out + start, o - start + 1);
}

int text_digits_only(const char *s, char *out, size_t outsz)
{
	size_t o = 0;
	for (; s && *s; s++) {
		if (*s >= '0' && *s <= '9') {
			if (o + 1 >= outsz)
				return -1;
			out[o++] = *s;
		}
	}
	if (outsz)
		out[o] = '\0';
	return (int)o;
}

bool text_is_digits(const char *s, size_t n)
{
	size_t len = 0;
	if (s == NULL || *s == '\0')
		return false;
	for (; *s; s++, len++)
		if (*s < '0' || *s > '9')
			return false;
	return n == 0 || len == n;
}

/* ---- search folding (issue 12 §6) ---- */

/* Half-width katakana U+FF66–U+FF9D → full-width katakana (JIS X 0201 order). */
static const unsigned short halfwidth_kana[] = {
	0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5, 0x30E7, 0x30C3, /* ｦｧｨｩｪｫｬｭｮｯ */
	0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF, 0x30B1, /* ｰｱｲｳｴｵｶｷｸｹ */
	0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, /* ｺｻｼｽｾｿﾀﾁﾂﾃ */
	0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8, /* ﾄﾅﾆﾇﾈﾉﾊﾋﾌﾍ */
	0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9, /* ﾎﾏﾐﾑﾒﾓﾔﾕﾖﾗ */
	0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3,                                 /* ﾘﾙﾚﾛﾜﾝ */
};

/* Hiragana that take a voiced mark (か…ほ, う): the voiced form is the next code point (ゔ apart). */
static bool voiceable(unsigned cp)
{
	if (cp == 0x3046)
		return true;
	if (cp >= 0x304B && cp <= 0x3062) /* か…ぢ: every second one */
		return (cp - 0x304B) % 2 == 0;
	if (cp >= 0x3064 && cp <= 0x3069) /* つ て と */
		return (cp - 0x3064) % 2 == 0;
	return cp >= 0x306F && cp <= 0x307D && (cp - 0x306F) % 3 == 0; /* は ひ ふ へ ほ */
}

static bool semivoiceable(unsigned cp)
{
	return cp >= 0x306F && cp <= 0x307D && (cp - 0x306F) % 3 == 0;
}

static size_t utf8_encode(unsigned cp, char *o)
{
	if (cp < 0x80) {
		o[0] = (char)cp;
		return 1;
	}
	if (cp < 0x800) {
		o[0] = (char)(0xC0 | (cp >> 6));
		o[1] = (char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		o[0] = (char)(0xE0 | (cp >> 12));
		o[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
		o[2] = (char)(0x80 | (cp & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (cp >> 18));
	o[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
	o[3] = (char)(0x80 | (cp & 0x3F));
	return 4;
}

/* One code point as the search sees it: 0 for characters dropped (spaces, hyphens). */
static unsigned fold_cp(unsigned cp)
{
	if (cp >= 0xFF01 && cp <= 0xFF5E) /* full-width ASCII */
		cp = cp - 0xFF01 + 0x21;
	else if (cp >= 0xFF66 && cp <= 0xFF9D)
		cp = halfwidth_kana[cp - 0xFF66];
	else if (cp == 0xFF61)
		cp = 0x3002;
	else if (cp == 0xFF64)
		cp = 0x3001;
	else if (cp == 0xFF62 || cp == 0xFF63)
		cp = cp == 0xFF62 ? 0x300C : 0x300D;
	else if (cp == 0xFF65)
		cp = 0x30FB;
	else if (cp == 0xFF9E || cp == 0xFF9F) /* a lone ﾞ ﾟ: the spacing ゛ ゜ */
		cp = cp == 0xFF9E ? 0x309B : 0x309C;
	if (cp >= 'A' && cp <= 'Z')
		cp += 'a' - 'A';
	if (cp >= 0x30A1 && cp <= 0x30F6) /* katakana → hiragana (ァ…ヶ → ぁ…ゖ) */
		cp -= 0x60;
	if (cp == 0x3095 || cp == 0x3096) /* ヵ ヶ as in 霞ヶ浦 = 霞ケ浦: か け */
		cp = cp == 0x3095 ? 0x304B : 0x3051;
	if (cp == 0x9AD9 || cp == 0xFA11) /* 髙 﨑, the variants names are often registered with */
		cp = cp == 0x9AD9 ? 0x9AD8 : 0x5D0E;
	if (cp == ' ' || cp == '\t' || cp == '\r' || cp == '\n' || cp == 0x3000 || cp == '-' ||
	    (cp >= 0x2010 && cp <= 0x2015) || cp == 0x2212 || cp == 0x30FB || cp == 0x30FC)
		return 0;
	return cp;
}

size_t text_search_fold(const char *s, char *out, size_t outsz)
{
	size_t o = 0, last_at = 0;
	unsigned last = 0;
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	if (outsz == 0)
		return 0;
	while (*p) {
		unsigned cp;
		size_t n = utf8_decode(p, &cp);
		if (n == 0) { /* malformed: skipped, the search never matches on it */
			p++;
			continue;
		}
		p += n;
		/* Voiced and semi-voiced marks: half-width ﾞﾟ, spacing ゛゜ and combining U+3099/U+309A join
		 * the kana before them (ｶﾞ, か゛ and か+U+3099 all become が). */
		bool voiced = cp == 0xFF9E || cp == 0x309B || cp == 0x3099;
		bool semi = cp == 0xFF9F || cp == 0x309C || cp == 0x309A;
		if ((voiced && last && voiceable(last)) || (semi && last && semivoiceable(last))) {
			unsigned joined = last == 0x3046 ? 0x3094 : last + (voiced ? 1 : 2);
			o = last_at;
			last = 0;
			cp = joined;
		} else {
			cp = fold_cp(cp);
			if (cp == 0)
				continue;
		}
		char enc[4];
		size_t len = utf8_encode(cp, enc);
		if (o + len >= outsz)
			break;
		last_at = o;
		memcpy(out + o, enc, len);
		o += len;
		last = cp; /* the kana a following mark may join */
	}
	out[o] = '\0';
	return o;
}

int text_search_words(const char *q, char words[][TEXT_WORD_MAX], int max)
{
	int n = 0;
	const char *p = q ? q : "";
	while (*p) {
		/* a word ends at ASCII whitespace or U+3000 (the ideographic space, E3 80 80) */
		while (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n' || strncmp(p, "\xE3\x80\x80", 3) == 0)
			p += *p == '\xE3' ? 3 : 1;
		if (*p == '\0')
			break;
		const char *start = p;
		while (*p && *p != ' ' && *p != '\t' && *p != '\r' && *p != '\n' && strncmp(p, "\xE3\x80\x80", 3) != 0)
			p++;
		char raw[TEXT_WORD_MAX * 2];
		size_t len = (size_t)(p - start) < sizeof raw - 1 ? (size_t)(p - start) : sizeof raw - 1;
		memcpy(raw, start, len);
		raw[len] = '\0';
		if (n == max)
			return -1;
		if (text_search_fold(raw, words[n], TEXT_WORD_MAX) > 0)
			n++;
	}
	return n;
}
