/*
 * Use cases of institution positions (issue 12 §2): place institutions without coordinates at their
 * municipality's office (precision municipality, flagged), import a CSV of positions from any
 * geocoder, run the configured abrg geocoder over the institutions whose position is not confirmed.
 * A geocoded position outside Japan or more than 30 km from the institution's municipality office
 * is refused with its reason (domain/region.h); the others are stored, each with its audit row.
 */
#ifndef ZT_APP_APP_POSITIONS_H
#define ZT_APP_APP_POSITIONS_H

#include <jansson.h>
#include <stddef.h>

#include "core/error.h"

struct store;
struct zt_actor;
struct auth_ctx;

/* Inside or outside a transaction (store_tx nests): every institution without coordinates whose
 * municipality has an office position gets it (store_place_at_offices), with one audit row when any
 * was placed. *placed the number placed. */
enum zt_err app_positions_place_at_offices(struct store *st, const struct zt_actor *who, long *placed,
					   struct zt_error *e);

/*
 * Imports a CSV of positions (io/geocode_file.h). A malformed file or an unknown institution is
 * ZT_ERR_INVALID naming the line and column, nothing stored. Otherwise one transaction stores every
 * acceptable row (source as the file says, precision, today) and *summary (new object, caller owns)
 * is {stored, refused: [{line, key, id, reason}]}: positions outside Japan, too far from the
 * municipality, or (auth given) of institutions outside the user's scope are refused, not stored.
 */
enum zt_err app_positions_import(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				 const char *data, size_t len, json_t **summary, struct zt_error *e);

/*
 * Runs the abrg command over every institution without a confirmed position that auth (when given)
 * may change (io/geocode_file.h:
 * abrg_run), stores the acceptable answers (source "abrg", precision from the match level), then
 * places the rest that have no coordinates at their municipality office. *summary {asked, stored,
 * placed_at_office, refused: [{id, name, reason}]}. ZT_ERR_IO when the command fails (nothing
 * stored).
 */
enum zt_err app_positions_geocode(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				  const char *command, json_t **summary, struct zt_error *e);

#endif
