/* Pure rules of the audit trail (issue 3 §3): which keys are secrets never to be logged, and the
 * normalisation of from/to time bounds used by search and export. No I/O. */
#ifndef ZT_DOMAIN_AUDIT_H
#define ZT_DOMAIN_AUDIT_H

#include <stdbool.h>

/* True when a JSON key names a secret (contains password, token, totp, secret, case-insensitive):
 * such keys are stripped from before/after before a row is written. */
bool audit_key_is_secret(const char *key);
/*
 * Normalises a time bound "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" to the stored form in out.
 * A date alone is the start of that day for a lower bound and its last second for an upper bound
 * (is_upper). Returns false when s is not one of those forms or not a real date.
 */
bool audit_bound_parse(const char *s, bool is_upper, char out[21]);
/* True when s is a usable action or object type: 1–32 of [a-z0-9_]. */
bool audit_word_valid(const char *s);

#endif
