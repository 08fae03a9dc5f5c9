/* Reference geography shipped inside the binary: every prefecture and municipality of Japan
 * (data/municipalities.csv, from the Ministry of Internal Affairs' code list). */
#ifndef ZT_IO_REFDATA_H
#define ZT_IO_REFDATA_H

#include "core/error.h"

struct store;

/* Loads prefectures and municipalities into the store in one transaction (idempotent). */
enum zt_err refdata_load_municipalities(struct store *st, struct zt_error *e);

#endif
