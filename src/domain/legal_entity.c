/* 同一法人 on a normalised identity (seed 000 §2; see legal_entity.h). */
#include "domain/legal_entity.h"

#include <stdio.h>
#include <string.h>

#include "domain/text.h"

/* Longest first, so that 医療法人社団 is removed whole rather than leaving 社団. */
static const char *const forms[] = {
	"社会医療法人社団", "社会医療法人財団", "社会医療法人", "医療法人社団", "医療法人財団", "医療法人",
	"(医社)", "(医財)", "(医)", "医)",
};

static void remove_all(char *s, const char *word)
{
	size_t wl = strlen(word);
	char *p;
	while ((p = strstr(s, word)) != NULL)
		memmove(p, p + wl, strlen(p + wl) + 1);
}

void legal_entity_key(const char *name, char *out, size_t outsz)
{
	if (outsz == 0)
		return;
	char buf[1024];
	text_normalize_width(name ? name : "", buf, sizeof buf);
	/* full-width parentheses are folded by text_normalize_width; drop every space */
	remove_all(buf, " ");
	remove_all(buf, "\t");
	char folded[1024];
	snprintf(folded, sizeof folded, "%s", buf);
	for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++)
		remove_all(buf, forms[i]);
	snprintf(out, outsz, "%s", buf[0] ? buf : folded);
}

bool corporate_number_valid(const char *s)
{
	if (s == NULL || !text_is_digits(s, 13))
		return false;
	int sum = 0;
	for (int n = 1; n <= 12; n++) /* P_n: the n-th digit from the right of the twelve after the check digit */
		sum += (s[13 - n] - '0') * (n % 2 ? 1 : 2);
	return s[0] - '0' == 9 - sum % 9;
}

static bool has(const char *s)
{
	return s && s[0];
}

enum entity_match legal_entity_match(const struct legal_identity *a, const struct legal_identity *b)
{
	if (a->id && a->id == b->id)
		return EMATCH_ID;
	if (has(a->number) && has(b->number))
		return strcmp(a->number, b->number) == 0 ? EMATCH_NUMBER : EMATCH_NONE;
	if (!has(a->name) || !has(b->name))
		return EMATCH_NONE;
	char ka[1024], kb[1024];
	legal_entity_key(a->name, ka, sizeof ka);
	legal_entity_key(b->name, kb, sizeof kb);
	return ka[0] && strcmp(ka, kb) == 0 ? EMATCH_NAME : EMATCH_NONE;
}

void legal_entity_match_reason(enum entity_match m, const struct legal_identity *a, const struct legal_identity *b,
			       char *out, size_t outsz)
{
	switch (m) {
	case EMATCH_ID:
		snprintf(out, outsz, "同じ法人（%s）として登録されています。", has(a->name) ? a->name : "名称未登録");
		break;
	case EMATCH_NUMBER:
		snprintf(out, outsz, "法人番号（%s）が同じです。", a->number);
		break;
	case EMATCH_NAME:
		snprintf(out, outsz,
			 "法人名「%s」と「%s」は、全角・半角、空白、「医療法人」「医療法人社団」等の法人種別の表記を除くと同じです。",
			 a->name, b->name);
		break;
	default:
		snprintf(out, outsz, "別の法人です。");
	}
}
