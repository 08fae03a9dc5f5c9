/* zaitaku import — being written (helper task). */
#include <stdio.h>
#include "cli/cli.h"
int cmd_import(const struct cli_env *env, int argc, char **argv)
{
	(void)env; (void)argc; (void)argv;
	fprintf(stderr, "zaitaku import: not yet built\n");
	return 1;
}
