/*
 * Who did it: what an audit row and a use case need to know of the person (or system) acting,
 * and nothing more. Built from a signed-in request by auth (auth_actor) and by the CLI/demo
 * (zt_actor_system). The store takes this, never the request or the session, so that storage
 * does not depend on authentication. Strings are borrowed from the caller.
 */
#ifndef ZT_CORE_ACTOR_H
#define ZT_CORE_ACTOR_H

#include <stdint.h>

struct zt_actor {
	int64_t user_id;         /* 0 for the system (CLI, demo, import, timers) */
	const char *username;    /* "system" when user_id is 0 */
	const char *role;        /* role name ("admin", "coordinator", …) or "system" */
	const char *remote_addr; /* client address, or "cli" */
};

/* The system acting from the command line, the demo loader or a timer. */
static inline struct zt_actor zt_actor_system(void)
{
	return (struct zt_actor){0, "system", "system", "cli"};
}

#endif
