/* `zaitaku groups …` (cmd_groups.c). */
#ifndef ZT_CLI_CMD_GROUPS_H
#define ZT_CLI_CMD_GROUPS_H

#include "cli/cli.h"

/* argv[0] is "groups". */
int cmd_groups(const struct cli_env *env, int argc, char **argv);

#endif
