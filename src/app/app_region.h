/*
 * Use cases of the region set-up (issue 12 §1): replace one region table of a prefecture (from the
 * page or a file), load the shipped office positions at init. Each write is one store_tx with its
 * audit row; bad input names the line and column and stores nothing.
 */
#ifndef ZT_APP_APP_REGION_H
#define ZT_APP_APP_REGION_H

#include <stddef.h>

#include "core/error.h"
#include "domain/region.h"

struct store;
struct zt_actor;

/*
 * Makes rows[0..n) the whole table k of prefecture pref: region_validate, then in one transaction
 * every municipality known (else ZT_ERR_INVALID naming the line and column), 郡市医師会 named for the
 * first time created as institutions (kind medical_association, at the office of their first
 * municipality), the replace, and one audit row (action "update" from the page, "import" from a
 * file, object_type "region_<kind>", before/after the table). The caller has checked the policy
 * (ACT_REGION_WRITE on pref). *created receives the number of associations created (may be NULL).
 */
enum zt_err app_region_put(struct store *st, const struct zt_actor *who, enum region_kind k, const char *pref,
			   const struct region_row *rows, size_t n, bool from_file, long *created, struct zt_error *e);

/* Stores the office name (市役所 / 町役場 / 村役場 / 区役所) of every municipality and the shipped
 * office positions (io/refdata.h) where no other position was set, in one transaction (idempotent;
 * run by zaitaku init). */
enum zt_err app_region_load_offices(struct store *st, struct zt_error *e);

#endif
