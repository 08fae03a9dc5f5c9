/* Shared internals of the rota modules (rota.c, rota_solve.c, rota_explain.c): a day-indexed view of an
 * instance. Not part of the interface; callers use rota.h. */
#ifndef ZT_DOMAIN_ROTA_INTERNAL_H
#define ZT_DOMAIN_ROTA_INTERNAL_H

#include <stdint.h>

#include "domain/rota.h"

struct rota_index {
	int ndays; /* to_day − from_day + 1 */
	int nseats;
	int *seat_slot;   /* [nseats] */
	int *slot_first;  /* [nslots + 1] */
	int *day_slot0;   /* [ndays + 1]: slots of day d are day_slot0[d] .. day_slot0[d+1]−1 */
	uint8_t *unav;    /* [ndoctors × ndays]: 1 = unavailable */
	int *unav_reason; /* [ndoctors × ndays]: index of the unavailability entry, −1 */
	int *week;        /* [ndays]: week number from 0 (Monday-based) */
	int *month;       /* [ndays]: month number from 0 */
	int *slot_pins;   /* [nslots]: pins on the slot */
	int nweeks, nmonths;
};

/* Builds the index (malloc); 0 ok, −1 out of memory (ix then freed). */
int rota_index_build(const struct rota_instance *in, struct rota_index *ix);
void rota_index_free(struct rota_index *ix);

/* Whether the type is a night / a day duty. */
static inline int rota_is_night(enum duty_type t) { return duty_types[t].night; }

/* 「田中 一郎医師」 into out. */
void rota_doctor_ja(const struct rota_instance *in, int i, char *out, int n);

/* Upper bound on how many duties of type t doctor i can take in the whole period (availability,
 * the night rule, caps); pins of i on t count as a lower bound *lo. */
int rota_doctor_type_cap(const struct rota_instance *in, const struct rota_index *ix, int i, int t, int *lo);

/* The optimum of the counting relaxation of type t (rota_spread_bound; −1 infeasible, −2 out of memory)
 * and, when tlo/thi are not NULL, each doctor's count interval in one optimal relaxed solution: the
 * solver's targets (counts inside them give a spread no larger than the bound). */
double rota_type_targets(const struct rota_instance *in, const struct rota_index *ix, int t, int *tlo, int *thi);

#endif
