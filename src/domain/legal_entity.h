/*
 * 同一法人 (seed 000 §2 "少なくとも同一法人以外の2以上の医療機関"): whether two institutions belong
 * to one legal entity, decided on a normalised 法人 identity rather than an exact string — full and
 * half width, spaces, and the forms of a 医療法人 (医療法人社団, 医療法人財団, 社会医療法人, （医）…)
 * folded — and on the 13-digit corporate number (法人番号) when both are known. Pure: no I/O.
 */
#ifndef ZT_DOMAIN_LEGAL_ENTITY_H
#define ZT_DOMAIN_LEGAL_ENTITY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The identity of one institution's 法人 as the registry knows it. */
struct legal_identity {
	int64_t id;         /* legal_entity row, 0 when none is recorded (an individual's clinic) */
	const char *name;   /* as registered, "" when none */
	const char *number; /* 法人番号 (13 digits) or "" when not known */
};

/* Why two institutions are taken as one 法人. */
enum entity_match {
	EMATCH_NONE,      /* different 法人 (or no 法人 recorded) */
	EMATCH_ID,        /* the same registered 法人 */
	EMATCH_NUMBER,    /* the same 法人番号 */
	EMATCH_NAME,      /* the same name once width, spaces and 医療法人 forms are folded */
};

/*
 * Writes the comparison key of a 法人 name into out (always terminated): full-width ASCII folded to
 * half-width, every space removed, and the legal-form words 医療法人社団 / 医療法人財団 / 社会医療法人 /
 * 医療法人 and their abbreviations （医）（医社）（医財）(医) removed. A name that is nothing but a form
 * keeps its folded full text. "" for an empty name.
 */
void legal_entity_key(const char *name, char *out, size_t outsz);

/* True when s is a valid 法人番号: 13 digits whose first is the check digit
 * 9 − (Σ P_n × Q_n mod 9), P_n the n-th of the other twelve from the right, Q_n 1 for odd n, 2 for even. */
bool corporate_number_valid(const char *s);

/*
 * Whether a and b are one 法人, and why. Institutions with no 法人 recorded are never matched (each
 * counts as its own). Two different 法人番号 are two 法人 even when the names fold alike.
 */
enum entity_match legal_entity_match(const struct legal_identity *a, const struct legal_identity *b);
/* The Japanese explanation of a match ("同じ法人番号（1234…）", …) into out. */
void legal_entity_match_reason(enum entity_match m, const struct legal_identity *a, const struct legal_identity *b,
			       char *out, size_t outsz);

#endif
