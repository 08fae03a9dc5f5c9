/* `zaitaku import boundaries FILE` (called from cmd_import.c). */
#ifndef ZT_CLI_CMD_BOUNDARIES_H
#define ZT_CLI_CMD_BOUNDARIES_H

#include "cli/cli.h"

/* argv[0] is "boundaries". */
int cmd_import_boundaries(const struct cli_env *env, int argc, char **argv);

#endif
