/*
 * Storage of the region set-up and of positions (issue 12 §1–§2): the five region tables of a
 * prefecture as one view and one replace, the office positions loaded at init, institutions placed
 * at their municipality's office, geocoded positions, and the list of institutions whose position
 * is not confirmed. Write functions run inside a store_tx (the caller's, with its audit row).
 */
#ifndef ZT_STORE_STORE_REGION_H
#define ZT_STORE_STORE_REGION_H

#include <jansson.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/region.h"

struct store;

/* The rows of kind k of prefecture pref as a new JSON array of objects (name, municipality,
 * municipality_name, neighbour, neighbour_name, population, source, year as the kind has them);
 * NULL when the query fails. */
json_t *store_region_view(struct store *st, enum region_kind k, const char *pref);

/* Inside a transaction: the 郡市医師会 institution named name, *id 0 when there is none. */
enum zt_err store_association_find(struct store *st, const char *name, int64_t *id, struct zt_error *e);

/*
 * Inside a transaction: makes rows[0..n) (validated, municipalities known, associations existing)
 * the whole table k of prefecture pref — areas upserted by name with exactly these members and the
 * prefecture's other areas deleted; the associations' coverage inside pref replaced; populations set
 * for the listed municipalities; the adjacency pairs touching pref replaced; office names and
 * positions set for the listed municipalities (position_source 'import'), institutions placed at
 * those offices moved with them. ZT_ERR_CONFLICT when an
 * area to delete is still referenced (a 在宅医療サポートセンター), other store errors as mapped.
 */
enum zt_err store_region_replace(struct store *st, enum region_kind k, const char *pref, const struct region_row *rows,
				 size_t n, struct zt_error *e);

/* Inside a transaction: the office name of a municipality (unless NULL), and its position from the shipped list
 * unless an operator or the demo has set another (position_source other than 'localgovjp'). */
enum zt_err store_municipality_office_put(struct store *st, const char *code, const char *office_name, double lat,
					  double lon, bool set_position);

/* The office position of a municipality: ZT_OK with *lat and *lon, ZT_ERR_NOTFOUND when it has none. */
enum zt_err store_municipality_office(struct store *st, const char *code, double *lat, double *lon);

/* Inside a transaction: every institution without coordinates whose municipality has an office
 * position gets it, with source 'municipality_office', precision 'municipality' and date today;
 * *placed the number of institutions placed. updated_at is not touched. */
enum zt_err store_place_at_offices(struct store *st, const char *today, long *placed, struct zt_error *e);

/* Inside a transaction: sets the position of institution id (source, precision, date); updated_at
 * stays. ZT_ERR_NOTFOUND when absent. */
enum zt_err store_facility_set_position(struct store *st, int64_t id, double lat, double lon, const char *source,
					const char *precision, const char *date, struct zt_error *e);

/* Institutions whose position is not confirmed (none, or only the municipality office's):
 * {count, items: [{id, name, kind, address, municipality_code, municipality_name, lat, lon,
 * coord_source, coord_precision}]} (items at most limit), NULL when the query fails. */
json_t *store_positions_unconfirmed(struct store *st, int limit);

/* One institution to geocode (its address and municipality). */
struct store_geocode_target {
	int64_t id;
	char medical_code[11];
	char municipality[7];
	char address[801];
};
/* The institutions without a confirmed position that have an address, in id order: *out malloc'd
 * (caller frees), *n of them. */
enum zt_err store_geocode_targets(struct store *st, struct store_geocode_target **out, size_t *n, struct zt_error *e);
/* The institution of a 医療機関コード (or, when code is all digits and shorter, of that id):
 * *id and its municipality; ZT_ERR_NOTFOUND when none. */
enum zt_err store_position_lookup(struct store *st, const char *code, int64_t *id, char muni[7]);

#endif
