/* Text rules shared by validation and import: UTF-8 checks, character counts, width folding. */
#ifndef ZT_DOMAIN_TEXT_H
#define ZT_DOMAIN_TEXT_H

#include <stdbool.h>
#include <stddef.h>

/* True when s (NUL-terminated) is well-formed UTF-8 without control characters other than
 * tab/newline. */
bool text_valid_utf8(const char *s);
/* True when s (NUL-terminated) is well-formed UTF-8, whatever its code points (no overlong forms,
 * surrogates or values beyond U+10FFFF). */
bool text_is_utf8(const char *s);
/* Number of Unicode code points in valid UTF-8 s. */
size_t text_char_count(const char *s);
/*
 * Copies s into out (size outsz, always terminated) with full-width ASCII (！–～) folded to
 * half-width, the ideographic space to a space, and leading/trailing spaces removed. Bureau lists
 * and coordinators' spreadsheets mix both widths ("支援診３", "１１，１１１１，１").
 */
void text_normalize_width(const char *s, char *out, size_t outsz);
/* Copies digits only ("11,1111,1" → "1111111"); returns the number of digits, -1 if out is too small. */
int text_digits_only(const char *s, char *out, size_t outsz);
/* True when s is all ASCII digits and has exactly n of them (n=0: any length ≥ 1). */
bool text_is_digits(const char *s, size_t n);

/*
 * Search folding (issue 12 §6): copies s into out (size outsz, always terminated) as the registry
 * search compares text — full-width ASCII to half-width, A–Z to a–z, half-width katakana (with ﾞ ﾟ
 * joined: ｶﾞ → が) and katakana to hiragana, voiced marks (゛ ゜, combining U+3099/U+309A) joined to
 * their kana, ヶ ヵ to け か (霞ヶ浦 = 霞ケ浦), 髙 﨑 to 高 崎, and spaces, hyphens (- ‐ −), the
 * prolonged sound mark ー (people type センタ, センター and ｾﾝﾀ-) and ・ removed, so that "ｶｼﾏ",
 * "カシマ" and "かしま" fold alike and "029-123-4567" matches "0291234567". Malformed bytes are
 * dropped. Returns the length written. Stored search texts are made with it (facility_search_key):
 * a change here needs a migration that sets institution.search_key to NULL, so that the store
 * recomputes them on open.
 */
size_t text_search_fold(const char *s, char *out, size_t outsz);
/* Room for one folded search word (bytes, with the terminator). */
#define TEXT_WORD_MAX 128
/* Splits q at spaces (ASCII or U+3000) into at most max folded words (empty ones dropped).
 * Returns the number of words, or -1 when q has more than max (words[0..max) then hold the first). */
int text_search_words(const char *q, char words[][TEXT_WORD_MAX], int max);

#endif
