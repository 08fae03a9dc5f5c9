/* The audit trail (issue 3 §3, SECURITY.md "audit"): secrets never logged, rows roll back with
 * their change, the chain verifies and finds an edited row, district-scoped search, time bounds,
 * deferred rows (the server's reads) committed by the committer thread. */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "auth/auth.h"
#include "domain/audit.h"
#include "io/audit_csv.h"
#include "store/store.h"
#include "store/store_audit.h"
#include "unit.h"

static void test_rules(void)
{
	/* "0 passwords or tokens in any log" (SECURITY.md) */
	CHECK(audit_key_is_secret("password"));
	CHECK(audit_key_is_secret("new_Password"));
	CHECK(audit_key_is_secret("csrf_token"));
	CHECK(audit_key_is_secret("totp_secret"));
	CHECK(audit_key_is_secret("TOTP"));
	CHECK(!audit_key_is_secret("name"));
	CHECK(!audit_key_is_secret("municipality"));
	char b[21];
	CHECK(audit_bound_parse("2026-01-31", false, b));
	CHECK_STR(b, "2026-01-31T00:00:00Z");
	CHECK(audit_bound_parse("2026-01-31", true, b));
	CHECK_STR(b, "2026-01-31T23:59:59Z");
	CHECK(audit_bound_parse("2024-02-29T12:00:00Z", false, b));
	CHECK(!audit_bound_parse("2025-02-29", false, b));
	CHECK(!audit_bound_parse("2026-13-01", false, b));
	CHECK(!audit_bound_parse("2026-01-01T24:00:00Z", false, b));
	CHECK(!audit_bound_parse("2026-01-01 00:00:00", false, b));
	CHECK(!audit_bound_parse("", false, b));
	CHECK(audit_word_valid("sign_in"));
	CHECK(!audit_word_valid("Sign-In"));
	CHECK(!audit_word_valid(""));
}

static enum zt_err fail_after_audit(struct store *st, void *ctx, struct zt_error *e)
{
	(void)ctx;
	enum zt_err r = audit_append(st, NULL, "update", "facility", 7, "082228", NULL, NULL, e);
	if (r != ZT_OK)
		return r;
	return zt_fail(e, ZT_ERR_INVALID, "name", "the change fails after its audit row");
}

static enum zt_err cover(struct store *st, void *ctx, struct zt_error *e)
{
	(void)ctx;
	struct facility f;
	facility_init(&f);
	if (store_prefecture_put(st, "08", "茨城県") != ZT_OK ||
	    store_municipality_put(st, "082228", "08", "鹿嶋市", "かしまし", "city", NULL) != ZT_OK)
		return ZT_ERR_DB;
	f.kind = KIND_MEDICAL_ASSOCIATION;
	snprintf(f.name, sizeof f.name, "%s", "テスト郡医師会");
	snprintf(f.municipality_code, sizeof f.municipality_code, "%s", "082228");
	enum zt_err r = store_facility_create(st, &f, e);
	if (r == ZT_OK && store_association_cover(st, f.id, "082228") != ZT_OK)
		r = ZT_ERR_DB;
	*(int64_t *)ctx = f.id;
	return r;
}

/* CSV export: BOM, quoting, and no formula injection into spreadsheets (OWASP CSV injection). */
static void test_csv(void)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	audit_csv_header(out);
	json_t *row = json_pack("{s:i, s:s, s:s, s:o, s:{s:s}}", "id", 7, "actor_username", "=HYPERLINK(\"x\")",
				"remote_addr", "a\"b", "before", json_null(), "after", "name", "x");
	audit_csv_row(out, row);
	json_decref(row);
	fclose(out);
	CHECK(len > 3 && memcmp(buf, "\xEF\xBB\xBF\"ID\",", 8) == 0);
	CHECK(strstr(buf, "\r\n7,") != NULL);
	CHECK(strstr(buf, "\"'=HYPERLINK(\"\"x\"\")\"") != NULL);
	CHECK(strstr(buf, "\"a\"\"b\"") != NULL);
	CHECK(strstr(buf, "\"{\"\"name\"\":\"\"x\"\"}\"") != NULL);
	free(buf);
}

/* The deferred rows of the server's reads (store_audit.h "Deferred audit rows"): queued, not
 * written, until the committer (or the fallback) commits them; done() reports the outcome; stop()
 * drains what was submitted; the chain stays whole. */
struct done_flag {
	atomic_int calls;
	enum zt_err r;
};

static void on_done(void *ctx, enum zt_err r, const struct zt_error *e)
{
	(void)e;
	struct done_flag *f = ctx;
	f->r = r;
	atomic_fetch_add(&f->calls, 1);
}

static void test_deferred(struct store *st, const char *path)
{
	struct zt_error e;
	zt_error_clear(&e);
	int64_t n0 = audit_count(st);
	struct zt_actor reader = {7, "reader", "doctor", "192.0.2.7"};
	struct audit_deferral d;
	audit_deferral_init(&d);
	CHECK(!audit_deferral_pending(&d));
	audit_defer_to(st, &d);
	json_t *after = json_pack("{s:s, s:s}", "at", "2026-12-01T02:00:00Z", "token", "s3cr3t-deferred");
	CHECK(audit_append(st, &reader, "read_call_chain", "patient", 11, "082228", NULL, after, &e) == ZT_OK);
	CHECK(audit_append(st, &reader, "read", "patient", 12, "082228", NULL, NULL, &e) == ZT_OK);
	CHECK(audit_append(st, &reader, "Bad-Action", "patient", 12, "", NULL, NULL, &e) == ZT_ERR_INVALID);
	audit_defer_to(st, NULL);
	json_decref(after);
	CHECK(audit_deferral_pending(&d) && d.nrows == 2);
	CHECK(audit_count(st) == n0); /* queued, not written */

	struct store *own = store_open(path, &e);
	CHECK(own != NULL);
	if (own == NULL)
		return;
	struct audit_committer *c = audit_committer_start(own);
	CHECK(c != NULL);
	struct done_flag f = {0, ZT_ERR_DB};
	CHECK(audit_committer_reserve(c));
	audit_committer_submit(c, &d, on_done, &f);
	for (int i = 0; i < 500 && atomic_load(&f.calls) == 0; i++)
		usleep(10000);
	CHECK(atomic_load(&f.calls) == 1 && f.r == ZT_OK);
	CHECK(!audit_deferral_pending(&d));
	CHECK(audit_count(st) == n0 + 2);
	struct audit_filter flt;
	audit_filter_init(&flt);
	snprintf(flt.actor, sizeof flt.actor, "reader");
	flt.ascending = true;
	json_t *rows = audit_search(st, &flt, &e);
	CHECK(json_array_size(rows) == 2);
	CHECK_STR(json_string_value(json_object_get(json_array_get(rows, 0), "action")), "read_call_chain");
	CHECK_STR(json_string_value(json_object_get(json_array_get(rows, 1), "action")), "read");
	CHECK_STR(json_string_value(json_object_get(json_array_get(rows, 0), "remote_addr")), "192.0.2.7");
	char *dump = json_dumps(rows, 0);
	CHECK(dump && strstr(dump, "s3cr3t") == NULL && strstr(dump, "2026-12-01T02:00:00Z") != NULL);
	free(dump);
	json_decref(rows);

	/* stop() writes what was submitted before it returns; no reservation after it */
	struct done_flag g = {0, ZT_ERR_DB};
	audit_defer_to(st, &d);
	CHECK(audit_append(st, &reader, "read", "patient", 13, "082228", NULL, NULL, &e) == ZT_OK);
	audit_defer_to(st, NULL);
	CHECK(audit_committer_reserve(c));
	audit_committer_submit(c, &d, on_done, &g);
	struct audit_committer_stats stats;
	audit_committer_stop(c, &stats);
	CHECK(atomic_load(&g.calls) == 1 && g.r == ZT_OK);
	CHECK(stats.rows == 3 && stats.commits == 2 && stats.failed == 0);
	CHECK(!audit_committer_reserve(c));
	audit_committer_free(c);
	store_close(own);

	/* the fallback: the request's own connection commits */
	audit_defer_to(st, &d);
	CHECK(audit_append(st, &reader, "read", "patient", 14, "082228", NULL, NULL, &e) == ZT_OK);
	audit_defer_to(st, NULL);
	CHECK(audit_count(st) == n0 + 3);
	CHECK(audit_deferral_commit(st, &d, &e) == ZT_OK);
	CHECK(!audit_deferral_pending(&d) && audit_count(st) == n0 + 4);
	int64_t broken = 0, nrows = 0;
	CHECK(audit_verify(st, &broken, &nrows, &e) == ZT_OK && broken == 0 && nrows == n0 + 4);
}

int main(void)
{
	test_rules();
	test_csv();
	char dir[] = "/tmp/zt-audit-XXXXXX";
	if (mkdtemp(dir) == NULL)
		return 1;
	char path[128];
	snprintf(path, sizeof path, "%s/a.db", dir);
	struct zt_error e;
	zt_error_clear(&e);
	struct store *st = store_open(path, &e);
	CHECK(st != NULL);
	if (st == NULL)
		UNIT_DONE();

	struct auth_ctx who = {.user_id = 42, .username = "coord1", .role = ROLE_COORDINATOR};
	struct zt_actor actor = auth_actor(&who, "192.0.2.1");
	json_t *before = json_pack("{s:s, s:s, s:{s:s, s:[{s:s}]}}", "name", "a", "password", "hunter2hunter2", "nested",
				   "api_token", "t0k3n", "list", "totp_secret", "JBSWY3DP");
	json_t *after = json_pack("{s:s}", "name", "b");
	CHECK(audit_append(st, &actor, "update", "user", 42, "082228", before, after, &e) == ZT_OK);
	CHECK(audit_append(st, NULL, "create", "facility", 1, "083020", NULL, after, &e) == ZT_OK);
	CHECK(audit_append(st, &actor, "Bad-Action", "user", 1, "", NULL, NULL, &e) == ZT_ERR_INVALID);
	json_decref(before);
	json_decref(after);

	struct audit_filter f;
	audit_filter_init(&f);
	f.ascending = true;
	json_t *rows = audit_search(st, &f, &e);
	CHECK(json_array_size(rows) == 2);
	char *dump = json_dumps(rows, 0);
	CHECK(dump && strstr(dump, "hunter2") == NULL && strstr(dump, "t0k3n") == NULL && strstr(dump, "JBSWY3DP") == NULL);
	CHECK(dump && strstr(dump, "password") == NULL && strstr(dump, "token") == NULL);
	free(dump);
	json_t *r0 = json_array_get(rows, 0);
	CHECK_STR(json_string_value(json_object_get(r0, "actor_username")), "coord1");
	CHECK_STR(json_string_value(json_object_get(r0, "actor_role")), "coordinator");
	CHECK_STR(json_string_value(json_object_get(r0, "remote_addr")), "192.0.2.1");
	CHECK_STR(json_string_value(json_object_get(r0, "prev_hash")),
		  "0000000000000000000000000000000000000000000000000000000000000000");
	json_t *r1 = json_array_get(rows, 1);
	CHECK_STR(json_string_value(json_object_get(r1, "actor_username")), "system");
	CHECK_STR(json_string_value(json_object_get(r1, "remote_addr")), "cli");
	CHECK_STR(json_string_value(json_object_get(r1, "prev_hash")), json_string_value(json_object_get(r0, "hash")));
	json_decref(rows);

	/* A change that fails rolls back its audit row with it. */
	CHECK(store_tx(st, fail_after_audit, NULL, &e) == ZT_ERR_INVALID);
	CHECK(audit_count(st) == 2);

	/* District scope: a coordinator of an association covering 082228 sees only that row. */
	int64_t assoc = 0;
	zt_error_clear(&e);
	CHECK(store_tx(st, cover, &assoc, &e) == ZT_OK);
	audit_filter_init(&f);
	f.scoped = true;
	f.associations[0] = assoc;
	f.nassociations = 1;
	rows = audit_search(st, &f, &e);
	CHECK(json_array_size(rows) == 1);
	CHECK_STR(json_string_value(json_object_get(json_array_get(rows, 0), "municipality")), "082228");
	json_decref(rows);
	f.associations[0] = assoc + 1000; /* an association covering nothing */
	rows = audit_search(st, &f, &e);
	CHECK(json_array_size(rows) == 0);
	json_decref(rows);

	int64_t broken = -1, n = 0;
	CHECK(audit_verify(st, &broken, &n, &e) == ZT_OK);
	CHECK(broken == 0 && n == 2);

	/* Signed checkpoints (issue 11 §2): one every AUDIT_CHECKPOINT_EVERY rows, in the row's
	 * transaction, and one of the head on a verify that holds. */
	for (int i = 0; i < 2 * AUDIT_CHECKPOINT_EVERY; i++)
		audit_append(st, NULL, "read", "facility", i + 1, "", NULL, NULL, &e);
	struct audit_checkpoint *cps = NULL;
	size_t ncp = 0;
	CHECK(audit_checkpoints(st, &cps, &ncp, &e) == ZT_OK);
	CHECK(ncp == 2 && cps[0].rows == AUDIT_CHECKPOINT_EVERY && cps[1].rows == 2 * AUDIT_CHECKPOINT_EVERY);
	CHECK(ncp == 2 && audit_checkpoint_well_formed(&cps[0]));
	free(cps);
	struct audit_verify_opts vo = {.write_checkpoint = true};
	struct audit_verify_report rep;
	CHECK(audit_verify_full(st, &vo, &rep, &e) == ZT_OK);
	CHECK(rep.rows == 2 + 2 * AUDIT_CHECKPOINT_EVERY && rep.checkpoints == 2 && rep.written);
	CHECK(rep.last_good_rows == 2 * AUDIT_CHECKPOINT_EVERY && rep.bad_signatures == 0);
	CHECK_STR(rep.key_source, "key file");
	CHECK(audit_verify_full(st, NULL, &rep, &e) == ZT_OK);
	CHECK(rep.checkpoints == 3 && rep.last_good_rows == 2 + 2 * AUDIT_CHECKPOINT_EVERY && !rep.written);
	struct audit_checkpoint c = {.rows = 7, .head_hash = "ab", .at = "2026-11-30T00:00:00Z"};
	char msg[256];
	audit_checkpoint_message(&c, msg, sizeof msg);
	CHECK_STR(msg, "zaitaku-audit-checkpoint-v1\nrows 7\nhead ab\nat 2026-11-30T00:00:00Z\n");
	CHECK(!audit_checkpoint_well_formed(&c));

	test_deferred(st, path);
	store_close(st);
	unlink(path);
	char side[160];
	snprintf(side, sizeof side, "%s.audit-key", path);
	unlink(side);
	snprintf(side, sizeof side, "%s.secret-key", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
	rmdir(dir);
	UNIT_DONE();
}
