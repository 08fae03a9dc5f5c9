/* Reference geography shipped inside the binary: every prefecture and municipality of Japan
 * (data/municipalities.csv, from the Ministry of Internal Affairs' code list) and the position of
 * every municipality office (data/municipality-offices.csv). */
#ifndef ZT_IO_REFDATA_H
#define ZT_IO_REFDATA_H

#include "core/error.h"

/* One row of the embedded list (borrowed for the callback). */
struct refdata_place {
	const char *code, *type; /* type: "prefecture", "city", "ward", ... */
	const char *pref_code, *pref_name, *name, *ruby, *parent_code;
};

/* Called per row; ZT_OK to go on, anything else to stop with that error. */
typedef enum zt_err (*refdata_place_fn)(const struct refdata_place *p, void *ctx);

/* Calls fn for every row of the embedded municipality list, in file order. Returns ZT_OK, fn's
 * error (e: "cannot store the municipality list"), or ZT_ERR_INVALID when the list is malformed. */
enum zt_err refdata_each_place(refdata_place_fn fn, void *ctx, struct zt_error *e);

/* One municipality office (役所・役場) of data/municipality-offices.csv (code4fukui/localgovjp, CC0;
 * see data/README.md): its municipality's code and WGS84 position. */
struct refdata_office {
	const char *code;
	double lat, lon;
};
typedef enum zt_err (*refdata_office_fn)(const struct refdata_office *o, void *ctx);
/* Calls fn for every row of the embedded office list. Returns ZT_OK, fn's error (e: "cannot store
 * the office positions"), or ZT_ERR_INVALID when the list is malformed. */
enum zt_err refdata_each_office(refdata_office_fn fn, void *ctx, struct zt_error *e);

#endif
