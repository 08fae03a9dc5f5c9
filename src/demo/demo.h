/*
 * The deterministic demo region: 茨城県 鹿行二次医療圏 (鹿嶋市, 潮来市, 神栖市, 行方市, 鉾田市).
 * Geography (office coordinates, populations, the 二次医療圏, 圏域, adjacency), the district medical
 * association and fictional institutions with their practitioners, all from static tables
 * (demo_data.c). Same database content on every run, apart from timestamps.
 */
#ifndef ZT_DEMO_DEMO_H
#define ZT_DEMO_DEMO_H

#include "core/error.h"

struct store;
struct facility;

/*
 * Loads the region in one transaction. Requires the municipality reference list (zaitaku init)
 * and an empty registry: fails with ZT_ERR_CONFLICT when institutions already exist, with
 * ZT_ERR_INVALID naming the table row when a demo row breaks a registry rule (nothing is stored).
 */
enum zt_err demo_load(struct store *st, struct zt_error *e);

/* Sizes of the static tables, for the summary the CLI prints. */
int demo_institution_count(void);
int demo_practitioner_count(void);
int demo_municipality_count(void);
/* The institution of table row i (0 <= i < demo_institution_count()) as the loader stores it: the
 * 医療機関コード (08 + 点数表 + district + 1000+i + Luhn digit) and phone number derived from i. */
void demo_facility(int i, struct facility *f);

#endif
