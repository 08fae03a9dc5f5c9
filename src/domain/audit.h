/* Pure rules of the audit trail (issue 3 §3): which keys are secrets never to be logged, and the
 * normalisation of from/to time bounds used by search and export. No I/O. */
#ifndef ZT_DOMAIN_AUDIT_H
#define ZT_DOMAIN_AUDIT_H

#include <stdbool.h>
#include <stddef.h>

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

/*
 * A signed checkpoint of the audit trail (issue 11 §2): "the trail had `rows` rows and the row with
 * id = rows had hash `head_hash`", signed with Ed25519 by the audit key. Hex text throughout.
 */
struct audit_checkpoint {
	long long rows;
	char head_hash[65];
	char at[21];          /* UTC, YYYY-MM-DDTHH:MM:SSZ */
	char public_key[65];  /* 32-byte Ed25519 public key */
	char signature[129];  /* 64-byte Ed25519 signature of audit_checkpoint_message() */
};
/* The exact text a checkpoint signs into out (size n, ≥ 160): a version line, rows, head hash and
 * time, one per line. Returns its length. */
size_t audit_checkpoint_message(const struct audit_checkpoint *c, char *out, size_t n);
/* True when the text fields of c have their forms (hex lengths, time). */
bool audit_checkpoint_well_formed(const struct audit_checkpoint *c);

#endif
