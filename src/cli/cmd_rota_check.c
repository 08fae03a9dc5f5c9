/* zaitaku rota check FILE — an independent check of a rota against its instance (issue 15 §6): the hard
 * rules broken, each naming the rule, the doctor and the date, then the fairness certificate; needs
 * no database. Exit status 0 when the rota meets every hard rule, 1 otherwise or on a bad file. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli/cli.h"
#include "domain/rota.h"
#include "io/rota_json.h"

static void help(void)
{
	printf("usage: zaitaku rota check [--json] FILE\n\n"
	       "Reads one JSON file holding a rota instance and a rota (the format of src/io/rota_json.h:\n"
	       "from, to, doctors, unavailable, wishes, pins, rules, slots, rota) and prints every hard\n"
	       "rule the rota breaks (不在日, 夜間の連続禁止, 夜間明けの休息, 週・月の上限, 確定済みの当番, 充足),\n"
	       "then the fairness certificate: per duty type the spread achieved and a lower bound on the\n"
	       "spread of any valid rota (「最適」 when they meet), per doctor counts and loads, and who\n"
	       "should cover next. --json prints {\"violations\":[…],\"certificate\":{…}} instead.\n"
	       "Exit status: 0 valid, 1 violations or a bad file, 2 usage.\n");
}

int cmd_rota_check(const struct cli_env *env, int argc, char **argv)
{
	(void)env;
	if (cli_wants_help(argc, argv)) {
		help();
		return 0;
	}
	bool json = false;
	const char *path = NULL;
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--json") == 0)
			json = true;
		else if (path == NULL && argv[i][0] != '-')
			path = argv[i];
		else {
			fprintf(stderr, "zaitaku rota check: unexpected argument %s (see --help)\n", argv[i]);
			return 2;
		}
	}
	if (path == NULL) {
		fprintf(stderr, "zaitaku rota check: give FILE (see --help)\n");
		return 2;
	}
	json_error_t jerr;
	json_t *o = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (o == NULL) {
		fprintf(stderr, "zaitaku rota check: %s:%d: %s\n", path, jerr.line, jerr.text);
		return 1;
	}
	struct rota_file f;
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = rota_file_from_json(o, &f, &e);
	json_decref(o);
	if (r != ZT_OK) {
		fprintf(stderr, "zaitaku rota check: %s: %s\n", path, e.message);
		return 1;
	}
	if (!f.has_rota) {
		fprintf(stderr,
			"zaitaku rota check: %s: rota がありません（確認する当番表を \"rota\" に書いてください）。\n",
			path);
		rota_file_free(&f);
		return 1;
	}
	int nv = rota_check(&f.in, f.assign, NULL, 0);
	struct rota_violation *v = calloc((size_t)(nv > 0 ? nv : 1), sizeof *v);
	struct rota_cert_doctor *cd = calloc((size_t)f.in.ndoctors, sizeof *cd);
	if (!v || !cd || nv < 0) {
		fprintf(stderr, "zaitaku rota check: out of memory\n");
		free(v), free(cd);
		rota_file_free(&f);
		return 1;
	}
	nv = rota_check(&f.in, f.assign, v, nv);
	struct rota_certificate c;
	rota_certificate(&f.in, f.assign, cd, &c);
	if (json) {
		json_t *out = json_pack("{soso}", "violations", rota_violations_to_json(&f.in, v, nv), "certificate",
					rota_certificate_to_json(&f.in, cd, &c));
		char *s = json_dumps(out, JSON_INDENT(1) | JSON_REAL_PRECISION(10));
		if (s)
			puts(s);
		free(s);
		json_decref(out);
	} else {
		if (nv == 0)
			printf("違反なし: すべての必須の規則を満たしています。\n");
		else
			printf("違反 %d件:\n", nv);
		for (int i = 0; i < nv; i++)
			printf("  [%s] %s\n", rota_rule_code(v[i].rule), v[i].message);
		printf("\n公平性の証明書 (spread = 負担割合で割った回数+繰越の最大−最小):\n");
		printf("  %-16s %5s %9s %9s  %s\n", "type", "seats", "spread", "bound", "next");
		for (int t = 0; t < DUTY__MAX; t++) {
			const char *next = c.next[t] >= 0 ? f.in.doctors[c.next[t]].name : "";
			printf("  %-16s %5d %9.4f %9.4f  %s%s\n", duty_types[t].code, c.seats[t], c.spread[t],
			       c.bound[t], c.optimal[t] ? "最適  " : "      ", next);
		}
		printf("  objective: spread_sum %.4f, wishes %d, clustering %d\n", c.objective.spread_sum,
		       c.objective.wishes, c.objective.clustering);
		printf("\n  %-20s", "doctor");
		for (int t = 0; t < DUTY__MAX; t++)
			printf(" %14s", duty_types[t].code);
		printf("\n");
		for (int i = 0; i < f.in.ndoctors; i++) {
			printf("  %-20s", f.in.doctors[i].name);
			for (int t = 0; t < DUTY__MAX; t++)
				printf(" %3d (%8.3f)", cd[i].count[t], cd[i].load[t]);
			printf("\n");
		}
	}
	free(v), free(cd);
	rota_file_free(&f);
	return nv == 0 ? 0 : 1;
}
