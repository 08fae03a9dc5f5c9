/* The registry search on a real store (issue 12 §3, §6): the SQL of the tri-state fact filters
 * agrees with facility_filter_facts_match on every combination; folded multi-word search; sort;
 * who confirmed which fact. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "app/app_facilities.h"
#include "app/app_imports.h"
#include "core/actor.h"
#include "domain/facility.h"
#include "store/store.h"
#include "unit.h"

static struct store *fresh_store(char *path, size_t n)
{
	snprintf(path, n, "/tmp/zaitaku-test-tristate-%d.db", (int)getpid());
	unlink(path);
	struct zt_error e;
	struct store *st = store_open(path, &e);
	CHECK(st != NULL);
	CHECK(app_imports_municipalities(st, &e) == ZT_OK);
	return st;
}

static const enum fact_state states[3] = {FACT_UNKNOWN, FACT_NO, FACT_YES};

/* Ids of a search as a bit set over the 27 institutions (ids 1..27). */
static uint32_t search_ids(struct store *st, struct facility_filter *flt)
{
	struct facility *rows = NULL;
	size_t n = 0, total = 0;
	struct zt_error e;
	flt->limit = 500;
	CHECK(store_facility_search(st, flt, &rows, &n, &total, &e) == ZT_OK);
	CHECK(n == total);
	uint32_t set = 0;
	for (size_t i = 0; i < n; i++)
		set |= 1u << rows[i].id;
	free(rows);
	return set;
}

/* issue 12 §3 "Filters treat 未確認 explicitly": SQL and the domain predicate agree. */
static void test_filters(struct store *st, struct facility *all)
{
	static const int wants[3] = {-1, 0, 1};
	int cases = 0;
	for (int h = 0; h < 3; h++)
		for (int hc = 0; hc < 3; hc++)
			for (int c = 0; c < 2; c++)
				for (int inc = 0; inc < 2; inc++) {
					struct facility_filter flt;
					facility_filter_init(&flt);
					flt.h24 = wants[h];
					flt.home_care = wants[hc];
					flt.capabilities = c ? 1u << CAP_VENTILATOR : 0;
					flt.include_unknown = inc;
					uint32_t want = 0;
					for (int k = 0; k < 27; k++)
						if (facility_filter_facts_match(&flt, &all[k]))
							want |= 1u << all[k].id;
					uint32_t got = search_ids(st, &flt);
					if (got != want)
						fprintf(stderr, "h24=%d home_care=%d cap=%d inc=%d: got %x want %x\n", flt.h24,
							flt.home_care, c, inc, got, want);
					CHECK(got == want);
					cases++;
				}
	CHECK(cases == 36);
}

static void test_words_and_sort(struct store *st)
{
	struct facility_filter flt;
	facility_filter_init(&flt);
	snprintf(flt.q, sizeof flt.q, "%s", "ｶｼﾏ　ﾋﾞｮｳｲﾝ"); /* half-width, two words */
	uint32_t got = search_ids(st, &flt);
	CHECK(got != 0);
	CHECK((got & ~(1u << 1 | 1u << 2 | 1u << 3 | 1u << 4 | 1u << 5 | 1u << 6 | 1u << 7 | 1u << 8 | 1u << 9)) == 0);
	snprintf(flt.q, sizeof flt.q, "%s", "かしま びょういん 09"); /* AND: only 9 */
	CHECK(search_ids(st, &flt) == 1u << 9);
	snprintf(flt.q, sizeof flt.q, "%s", "0299-82-0013"); /* phone with hyphens */
	CHECK(search_ids(st, &flt) == 1u << 13);
	snprintf(flt.q, sizeof flt.q, "%s", "100%_"); /* wildcards are literal */
	CHECK(search_ids(st, &flt) == 0);

	facility_filter_init(&flt);
	flt.sort = FAC_SORT_NAME;
	flt.sort_desc = true;
	flt.limit = 3;
	struct facility *rows = NULL;
	size_t n = 0, total = 0;
	struct zt_error e;
	CHECK(store_facility_search(st, &flt, &rows, &n, &total, &e) == ZT_OK);
	CHECK(n == 3 && total == 27);
	CHECK(n == 3 && strcmp(rows[0].name, rows[1].name) > 0 && strcmp(rows[1].name, rows[2].name) > 0);
	free(rows);
}

static json_t *fact_row(json_t *rows, const char *fact)
{
	size_t i;
	json_t *r;
	json_array_foreach(rows, i, r)
		if (strcmp(json_string_value(json_object_get(r, "fact")), fact) == 0)
			return r;
	return NULL;
}

/* "the detail page shows who confirmed what and when" */
static void test_confirmations(struct store *st)
{
	struct zt_actor who = {7, "tanaka", "coordinator", "127.0.0.1"};
	struct facility f;
	struct zt_error e;
	CHECK(store_facility_get(st, 1, &f, &e) == ZT_OK); /* all 未確認 */
	CHECK(facility_fact(&f, FACT_H24) == FACT_UNKNOWN);
	facility_fact_set(&f, FACT_H24, FACT_YES);
	CHECK(app_facility_save(st, &who, &f, 0, &e) == ZT_OK);
	json_t *c = store_facility_confirmations(st, 1);
	json_t *r = fact_row(c, "h24");
	CHECK(r != NULL);
	CHECK_STR(json_string_value(json_object_get(r, "state")), "yes");
	CHECK_STR(json_string_value(json_object_get(r, "confirmed_by")), "tanaka");
	json_decref(c);
	facility_fact_set(&f, FACT_H24, FACT_UNKNOWN); /* back to 未確認: the record goes */
	CHECK(app_facility_save(st, &who, &f, 0, &e) == ZT_OK);
	CHECK(facility_fact(&f, FACT_H24) == FACT_UNKNOWN);
	c = store_facility_confirmations(st, 1);
	CHECK(fact_row(c, "h24") == NULL);
	CHECK(fact_row(c, "oxygen") != NULL); /* confirmed "no" when created */
	json_decref(c);
}

int main(void)
{
	char path[128];
	struct store *st = fresh_store(path, sizeof path);
	struct facility all[27];
	struct zt_actor sys = zt_actor_system();
	for (int k = 0; k < 27; k++) {
		struct facility *f = &all[k];
		struct zt_error e;
		facility_init(f);
		f->kind = KIND_HOSPITAL;
		snprintf(f->name, sizeof f->name, "%s病院%02d", k < 9 ? "鹿嶋" : "潮来", k + 1);
		snprintf(f->kana, sizeof f->kana, "%sビョウイン%02d", k < 9 ? "カシマ" : "イタコ", k + 1);
		snprintf(f->phone, sizeof f->phone, "0299-82-%04d", k + 1);
		snprintf(f->municipality_code, sizeof f->municipality_code, "%s", "082228");
		facility_fact_set(f, FACT_H24, states[k % 3]);
		facility_fact_set(f, FACT_HOME_CARE, states[(k / 3) % 3]);
		facility_fact_set(f, FACT_CAP(CAP_VENTILATOR), states[k / 9]);
		CHECK(app_facility_save(st, &sys, f, 1, &e) == ZT_OK);
		CHECK(f->id == k + 1);
		CHECK(facility_fact(f, FACT_H24) == states[k % 3]); /* stored and read back */
		CHECK(facility_fact(f, FACT_CAP(CAP_VENTILATOR)) == states[k / 9]);
	}
	test_filters(st, all);
	test_words_and_sort(st);
	test_confirmations(st);
	store_close(st);
	unlink(path);
	UNIT_DONE();
}
