/* JSON forms of the subsidies (issue 19 §3): the ledger line decoder (fuzzed) and the encoders of
 * lines, programmes and claims. */
#ifndef ZT_IO_SUBSIDY_JSON_H
#define ZT_IO_SUBSIDY_JSON_H

#include <jansson.h>

#include "core/error.h"
#include "domain/subsidy.h"

/*
 * Decodes a ledger line {fiscal_year, programme, category, kind, spent_on, amount_yen, payee, note}
 * into *x (other fields untouched). Unknown members, wrong types, a non-integer amount (1.5, "1000")
 * → ZT_ERR_INVALID naming the field; the range checks are subsidy_expense_check's.
 */
enum zt_err subsidy_expense_from_json(const json_t *o, struct subsidy_expense *x, struct zt_error *e);
/* New JSON objects (caller owns). */
json_t *subsidy_expense_to_json(const struct subsidy_expense *x);
json_t *subsidy_programme_to_json(const struct subsidy_programme *p);
json_t *subsidy_claim_to_json(const struct subsidy_programme *p, const struct subsidy_claim *c, int64_t lines);

#endif
