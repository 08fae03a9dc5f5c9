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

#endif
