/* `zaitaku import adjacency FILE` (called from cmd_import.c). */
#ifndef ZT_CLI_CMD_ADJACENCY_H
#define ZT_CLI_CMD_ADJACENCY_H

#include "cli/cli.h"

/* argv[0] is "adjacency". */
int cmd_import_adjacency(const struct cli_env *env, int argc, char **argv);

#endif
