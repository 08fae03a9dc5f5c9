/* zaitaku call-chain PATIENT [--at TIME] — whom to call for a patient at a moment, in order, and why
 * (issue 14 §6; the same use case as GET /api/v1/patients/{id}/call-chain, audited as a read by the
 * system). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/app_patients.h"
#include "cli/cli.h"
#include "core/clock.h"
#include "store/store.h"

static void help(void)
{
	printf("usage: zaitaku [--db PATH] call-chain PATIENT_ID [--at TIME]\n\n"
	       "Prints the call chain of a patient (急変時の連絡順) at TIME (ISO 8601, e.g.\n"
	       "2027-01-01T02:00:00+09:00; default now): each step with its role, person, institution,\n"
	       "phone numbers and the reason it stands at that place, the steps left out and why, and what\n"
	       "the caller must know now (devices, ACP wishes, allergies). The read is written to the audit\n"
	       "trail (actor: system).\n");
}

int cmd_call_chain(const struct cli_env *env, int argc, char **argv)
{
	if (cli_wants_help(argc, argv)) {
		help();
		return 0;
	}
	const char *id_s = NULL, *at_s = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--at") == 0 && i + 1 < argc)
			at_s = argv[++i];
		else if (!id_s && argv[i][0] != '-')
			id_s = argv[i];
		else {
			fprintf(stderr, "zaitaku call-chain: unexpected argument %s (see --help)\n", argv[i]);
			return 2;
		}
	}
	char *end = NULL;
	long long id = id_s ? strtoll(id_s, &end, 10) : 0;
	if (!id_s || *end || id <= 0) {
		fprintf(stderr, "zaitaku call-chain: PATIENT_ID is missing or not a number (see --help)\n");
		return 2;
	}
	time_t at = zt_now();
	if (at_s && !zt_parse_instant(at_s, &at)) {
		fprintf(stderr, "zaitaku call-chain: --at %s is not an ISO 8601 time (e.g. 2027-01-01T02:00:00+09:00)\n", at_s);
		return 2;
	}
	struct store *st = cli_open_store(env);
	if (st == NULL)
		return 1;
	struct patient *p = calloc(1, sizeof *p);
	struct cc_result *c = calloc(1, sizeof *c);
	if (p == NULL || c == NULL)
		abort();
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = app_call_chain(st, NULL, NULL, id, at, p, c, &e);
	store_close(st);
	if (r != ZT_OK) {
		fprintf(stderr, "zaitaku call-chain: %s\n", e.message);
		free(p);
		free(c);
		return 1;
	}
	printf("%s（%s）— %s\n", p->name, p->kana, c->slot_label);
	for (int i = 0; i < c->nsteps; i++) {
		const struct cc_step *s = &c->steps[i];
		printf("%d. %s: %s%s%s", i + 1, s->role_ja, s->person, s->person[0] ? " " : "", s->institution);
		for (int k = 0; k < s->nphones; k++)
			printf("%s%s", k ? " / " : "  ☎ ", s->phones[k]);
		printf("\n   [%s] %s\n", s->reason, s->sentence);
	}
	for (int i = 0; i < c->nskipped; i++)
		printf("× [%s] %s\n", c->skipped[i].reason, c->skipped[i].sentence);
	for (int i = 0; i < c->nknow; i++)
		printf("! %s\n", c->know[i]);
	free(p);
	free(c);
	return 0;
}
