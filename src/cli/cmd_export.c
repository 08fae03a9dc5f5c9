/* zaitaku export — being written (helper task). */
#include <stdio.h>
#include "cli/cli.h"
int cmd_export(const struct cli_env *env, int argc, char **argv)
{
	(void)env; (void)argc; (void)argv;
	fprintf(stderr, "zaitaku export: not yet built\n");
	return 1;
}
