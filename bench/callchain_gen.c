/*
 * Benchmark data (issue 14 §Benchmarks): scales the demo region's 24-hour network to N fictional
 * patients with care teams, for bench/callchain.sh. Every patient goes through the same use cases
 * as the API and the demo (app_patient_create, app_team_put, app_backup_register) as the system, so
 * the rows, their team links and their audit rows are what real use would write; all of it in one
 * transaction (the use cases' own transactions nest inside it), so 10,000 patients take seconds.
 * Patients are visibly fictional (「（架空）」, fictional=true) and spread over the demo group's
 * clinics, doctors and hospitals; a third are registered with the demo's 在宅療養後方支援病院.
 * usage: callchain_gen DB N   (DB already holds `zaitaku demo`; adds patients up to N in all)
 * Prints one line "CALLCHAIN_GEN patients=… added=… ms=…"; exit 1 with the reason on failure.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "app/app_patients.h"
#include "core/clock.h"
#include "io/patient_json.h"
#include "store/store.h"
#include "store/store_groups.h"
#include "store/store_patients.h"

static const char *const group_name = "鹿嶋在宅医療連携グループ（デモ）";
static const char *const clinic_names[] = {"かしま在宅クリニック（架空）", "鹿島灘ファミリークリニック（架空）"};
static const char *const backup_name = "鹿嶋なぎさ総合病院（架空）";
static const char *const gen_needs[] = {"[]", "[\"oxygen\"]", "[\"oxygen\",\"end_of_life\"]", "[\"ventilator\",\"tracheal_cannula\"]",
				    "[\"end_of_life\"]"};
static const char *const gen_devices[] = {"[]", "[\"oxygen\"]", "[\"oxygen\",\"gastrostomy\",\"narcotics\"]",
				      "[\"ventilator\",\"tracheal_cannula\",\"suction\"]", "[\"urinary_catheter\"]"};
static const char *const acp[] = {"", "\"acp_home_death\":\"wishes\",\"acp_transport\":\"declines\","
				      "\"acp_recorded_by\":\"ベンチ 記録者（架空）\",\"acp_recorded_on\":\"2026-10-01\","};

struct gen {
	long want, added;
	int64_t group, clinics[2], docs[2][4], ndocs[2], nurse, pharmacy, care_manager, backup;
	int64_t hospitals[16];
	int nhospitals;
	unsigned seed;
};

static unsigned rnd(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 8) & 0xffffff;
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int64_t need_inst(struct store *st, const char *name)
{
	int64_t id = store_institution_id_by_name(st, name);
	if (id <= 0) {
		fprintf(stderr, "callchain_gen: the demo's %s is missing (run `zaitaku demo` first)\n", name);
		exit(1);
	}
	return id;
}

/* Patient number i (1-based among the added ones) with its team. */
static enum zt_err add_one(struct store *st, struct gen *g, long i, struct zt_error *e)
{
	unsigned k = rnd(&g->seed);
	char body[2048];
	snprintf(body, sizeof body,
		 "{\"name\":\"ベンチ 患者%05ld（架空）\",\"kana\":\"ベンチ カンジャ\",\"birth_date\":\"19%02u-%02u-%02u\","
		 "\"sex\":\"%s\",\"address\":\"茨城県鹿嶋市（架空）%ld\",\"municipality\":\"082228\",\"lat\":%.4f,\"lon\":%.4f,"
		 "\"coord_source\":\"manual\",\"coord_precision\":\"番地（架空）\",\"coord_date\":\"2026-10-01\","
		 "\"phone\":\"0299-98-%04ld\",\"family_name\":\"ベンチ 家族（架空）\",\"family_relation\":\"長女\","
		 "\"family_phone\":\"090-9998-%04ld\",\"care_level\":\"care%u\",\"status\":\"home\","
		 "\"status_since\":\"2026-0%u-01\",\"needs\":%s,\"devices\":%s,%s\"fictional\":true}",
		 i, 30 + k % 30, 1 + k % 12, 1 + k % 28, k % 2 ? "female" : "male", i, 35.93 + (rnd(&g->seed) % 700) / 10000.0,
		 140.60 + (rnd(&g->seed) % 700) / 10000.0, i % 10000, i % 10000, 1 + k % 5, 1 + k % 9, gen_needs[k % 5],
		 gen_devices[k % 5], acp[i % 2]);
	json_error_t je;
	json_t *j = json_loads(body, 0, &je);
	if (j == NULL)
		return zt_fail(e, ZT_ERR_INVALID, "body", "generated JSON: %s", je.text);
	struct patient *p = calloc(1, sizeof *p);
	struct app_patient_view *v = calloc(1, sizeof *v);
	if (p == NULL || v == NULL)
		abort();
	patient_init(p);
	enum zt_err r = patient_from_json(j, p, e);
	json_decref(j);
	if (r == ZT_OK)
		r = app_patient_create(st, NULL, NULL, p, e);
	if (r == ZT_OK) {
		int c = (int)(i % 2), o = 1 - c;
		json_t *team = json_pack("{s:I, s:I, s:I, s:I, s:I, s:I}", "group_id", (json_int_t)g->group,
					 "primary_institution_id", (json_int_t)g->clinics[c], "primary_practitioner_id",
					 (json_int_t)g->docs[c][i / 2 % g->ndocs[c]], "nurse_station_id", (json_int_t)g->nurse,
					 "pharmacy_id", (json_int_t)g->pharmacy, "care_manager_id", (json_int_t)g->care_manager);
		if (i % 4 != 3) { /* three in four have a 副主治医 at the other clinic */
			json_object_set_new(team, "secondary_institution_id", json_integer(g->clinics[o]));
			json_object_set_new(team, "secondary_practitioner_id", json_integer(g->docs[o][i % g->ndocs[o]]));
		}
		if (g->nhospitals && i % 5 != 4)
			json_object_set_new(team, "discharge_hospital_id", json_integer(g->hospitals[i % g->nhospitals]));
		r = app_team_put(st, NULL, NULL, p->id, team, v, e);
		json_decref(team);
	}
	if (r == ZT_OK && i % 3 == 0) {
		int64_t reg = 0;
		r = app_backup_register(st, NULL, NULL, p->id, g->backup, "2026-06-01", NULL, false, &reg, e);
	}
	free(v);
	free(p);
	return r;
}

static enum zt_err gen_tx(struct store *st, void *ctx, struct zt_error *e)
{
	struct gen *g = ctx;
	for (long i = 1; i <= g->want; i++) {
		enum zt_err r = add_one(st, g, i, e);
		if (r != ZT_OK)
			return r;
		g->added++;
	}
	return ZT_OK;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: callchain_gen DB N\n");
		return 2;
	}
	long n = strtol(argv[2], NULL, 10);
	struct zt_error e;
	zt_error_clear(&e);
	struct store *st = store_open(argv[1], &e);
	if (st == NULL) {
		fprintf(stderr, "callchain_gen: %s: %s\n", argv[1], e.message);
		return 1;
	}
	struct gen g = {.seed = 14};
	struct group_row *rows = NULL;
	size_t nrows = 0;
	if (store_groups_list(st, &rows, &nrows, &e) != ZT_OK) {
		fprintf(stderr, "callchain_gen: groups: %s\n", e.message);
		return 1;
	}
	for (size_t i = 0; i < nrows; i++)
		if (strcmp(rows[i].name, group_name) == 0)
			g.group = rows[i].id;
	free(rows);
	if (!g.group) {
		fprintf(stderr, "callchain_gen: the demo group %s is missing (run `zaitaku demo` first)\n", group_name);
		return 1;
	}
	for (int c = 0; c < 2; c++) {
		g.clinics[c] = need_inst(st, clinic_names[c]);
		g.ndocs[c] = store_practitioner_ids(st, g.clinics[c], "doctor", g.docs[c], 4);
		if (g.ndocs[c] <= 0) {
			fprintf(stderr, "callchain_gen: %s has no doctor\n", clinic_names[c]);
			return 1;
		}
	}
	g.nurse = need_inst(st, "訪問看護ステーションかしま（架空）");
	g.pharmacy = need_inst(st, "なぎさ薬局 鹿嶋店（架空）");
	g.care_manager = need_inst(st, "居宅介護支援事業所かしま（架空）");
	g.backup = need_inst(st, backup_name);
	g.nhospitals = store_group_hospitals(st, g.group, g.hospitals, 16);
	if (g.nhospitals < 0)
		g.nhospitals = 0;

	struct patient_scope all = {0};
	struct patient *list = NULL;
	size_t have = 0;
	all.all = true;
	if (store_patient_list(st, &all, &list, &have, &e) != ZT_OK) {
		fprintf(stderr, "callchain_gen: patient list: %s\n", e.message);
		return 1;
	}
	free(list);
	g.want = n > (long)have ? n - (long)have : 0;
	double t0 = now_ms();
	if (store_tx(st, gen_tx, &g, &e) != ZT_OK) {
		fprintf(stderr, "callchain_gen: patient %ld: %s %s\n", g.added + 1, e.field, e.message);
		return 1;
	}
	printf("CALLCHAIN_GEN patients=%ld added=%ld ms=%.0f\n", (long)have + g.added, g.added, now_ms() - t0);
	store_close(st);
	return 0;
}
