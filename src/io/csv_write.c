/* The one CSV writer with its formula-injection guard (see csv_write.h and docs/csv.md). */
#include "io/csv_write.h"

#include <string.h>

/* The characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
static bool formula_start(char c)
{
	return c != '\0' && strchr("=+-@\t\r", c) != NULL;
}

static bool plain_number(const char *s)
{
	if (*s == '-')
		s++;
	if (*s < '0' || *s > '9')
		return false;
	while (*s >= '0' && *s <= '9')
		s++;
	if (*s == '.') {
		s++;
		if (*s < '0' || *s > '9')
			return false;
		while (*s >= '0' && *s <= '9')
			s++;
	}
	return *s == '\0';
}

static bool needs_guard(const struct csv_writer *w, const char *s)
{
	if (s[0] == '\'' && formula_start(s[1]))
		return true; /* escape the escape: csv_unguard takes one apostrophe off */
	if (!formula_start(s[0]))
		return false;
	return !(w->guard == CSV_GUARD_NUMBERS_OK && plain_number(s));
}

void csv_writer_init(struct csv_writer *w, struct buf *out, bool quote_all, enum csv_guard guard)
{
	*w = (struct csv_writer){.out = out, .quote_all = quote_all, .guard = guard};
}

static void separator(struct csv_writer *w)
{
	if (w->col++)
		buf_addn(w->out, ",", 1);
}

void csv_cell(struct csv_writer *w, const char *s)
{
	separator(w);
	size_t n = strlen(s);
	bool guard = needs_guard(w, s);
	bool quote = w->quote_all ||
		     (n && (strpbrk(s, ",\"\r\n") != NULL || s[0] == ' ' || s[n - 1] == ' '));
	if (quote)
		buf_addn(w->out, "\"", 1);
	if (guard)
		buf_addn(w->out, "'", 1);
	for (const char *p = s; *p;) {
		size_t k = strcspn(p, "\"");
		buf_addn(w->out, p, k);
		p += k;
		if (*p == '"') {
			buf_addn(w->out, quote ? "\"\"" : "\"", quote ? 2 : 1);
			p++;
		}
	}
	if (quote)
		buf_addn(w->out, "\"", 1);
}

void csv_cell_raw(struct csv_writer *w, const char *s)
{
	separator(w);
	buf_add(w->out, s);
}

void csv_end_row(struct csv_writer *w)
{
	buf_addn(w->out, "\r\n", 2);
	w->col = 0;
}

const char *csv_unguard(const char *s)
{
	if (s[0] == '\'' && (formula_start(s[1]) || (s[1] == '\'' && formula_start(s[2]))))
		return s + 1;
	return s;
}
