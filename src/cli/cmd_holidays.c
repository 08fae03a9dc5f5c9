/* zaitaku holidays FROM [TO] — the Japanese public holidays computed by rule (issue 14 §3,
 * domain/holiday.c), one per line; needs no database. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/holiday.h"

static void help(void)
{
	printf("usage: zaitaku holidays FROM [TO]\n\n"
	       "Prints the Japanese public holidays (国民の祝日, 振替休日, 国民の休日) of the years FROM to TO\n"
	       "(%d–%d), computed by the rules of the 祝日法, one per line:\n"
	       "  YYYY-MM-DD<TAB>kind<TAB>name   kind: national | substitute | citizens\n",
	       HOLIDAY_YEAR_MIN, HOLIDAY_YEAR_MAX);
}

static int year_arg(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < HOLIDAY_YEAR_MIN || v > HOLIDAY_YEAR_MAX)
		return 0;
	*out = (int)v;
	return 1;
}

int cmd_holidays(const struct cli_env *env, int argc, char **argv)
{
	(void)env;
	if (cli_wants_help(argc, argv)) {
		help();
		return 0;
	}
	int from, to;
	if (argc < 2 || argc > 3 || !year_arg(argv[1], &from) || !year_arg(argv[argc - 1], &to) || to < from) {
		fprintf(stderr, "zaitaku holidays: give FROM [TO] as years %d–%d (see --help)\n", HOLIDAY_YEAR_MIN,
			HOLIDAY_YEAR_MAX);
		return 2;
	}
	static const char *const kinds[] = {"none", "national", "substitute", "citizens"};
	for (int y = from; y <= to; y++) {
		struct holiday h[HOLIDAY_MAX_PER_YEAR];
		int n = holiday_year(y, h, HOLIDAY_MAX_PER_YEAR);
		for (int i = 0; i < n && i < HOLIDAY_MAX_PER_YEAR; i++)
			printf("%04d-%02d-%02d\t%s\t%s\n", y, h[i].month, h[i].day, kinds[h[i].kind], h[i].name);
	}
	return 0;
}
