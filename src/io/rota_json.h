/*
 * The JSON form of a rota instance and of a rota (issue 15: `zaitaku rota check FILE`, the benchmark's
 * files, the API's bodies). Decoding validates every field and names it on failure; sizes over the
 * limits of domain/rota.h (500 doctors, 2 years, …) are refused before anything large is built.
 *
 *   { "from": "2027-04-01", "to": "2028-03-31",
 *     "saturday_holiday": false,                      // only when "slots" is absent
 *     "slots": [{"date": "2027-04-01", "type": "weekday_night", "need": 1}, …],   // optional:
 *                                                     //   absent = the duty calendar of the period
 *     "rules": {"no_consecutive_nights": true, "rest_after_night": true, "one_duty_per_date": false},
 *     "doctors": [{"id": 12, "name": "田中 一郎", "share": 1, "cap_week": 2, "cap_month": 6,
 *                  "carried": {"weekday_night": 0.5}}, …],
 *     "unavailable": [{"doctor": 0, "date": "2027-05-03", "reason": "学会"}, …],  // doctor = index
 *     "wishes": [{"doctor": 0, "date": "…", "type": "holiday_day" | null, "avoid": true}, …],
 *     "pins": [{"doctor": 0, "date": "…", "type": "holiday_night"}, …],
 *     "rota": [{"date": "…", "type": "…", "doctors": [0]}, …] }                  // optional
 */
#ifndef ZT_IO_ROTA_JSON_H
#define ZT_IO_ROTA_JSON_H

#include <jansson.h>
#include <stdbool.h>

#include "core/error.h"
#include "domain/rota.h"

/* A decoded file: the instance points into the arrays owned here. */
struct rota_file {
	struct rota_instance in;
	struct rota_slot *slots;
	struct rota_doctor *doctors;
	struct rota_unavail *unavail;
	struct rota_wish *wishes;
	struct rota_pin *pins;
	int *assign; /* rota_seat_count() entries when has_rota, else NULL */
	bool has_rota;
};

/* Decodes o into *f (zeroed first). On failure returns ZT_ERR_INVALID / ZT_ERR_TOOLARGE with e
 * naming the member ("doctors[2].share", "rota[5].doctors") and a Japanese message, and frees
 * what it built; ZT_ERR_NOMEM when out of memory. The instance passed rota_instance_validate. */
enum zt_err rota_file_from_json(const json_t *o, struct rota_file *f, struct zt_error *e);
/* Frees the arrays of f (accepts a zeroed or NULL f). */
void rota_file_free(struct rota_file *f);

/* The instance as the JSON above (slots written out; without "rota"). New reference. */
json_t *rota_instance_to_json(const struct rota_instance *in);
/* The rota: [{"date","type","doctors":[index…]}] in slot order. New reference. */
json_t *rota_assign_to_json(const struct rota_instance *in, const int *assign);
/* Violations: [{"rule","doctor","date","message"}]. */
json_t *rota_violations_to_json(const struct rota_instance *in, const struct rota_violation *v, int n);
/* Conflicts: [{"message","rules":[code…],"slots":[{"date","type"}],"doctors":[index…]}]. */
json_t *rota_conflicts_to_json(const struct rota_instance *in, const struct rota_conflict *c, int n);
/* The certificate: {"types":[{"type","seats","spread","bound","optimal","next"}],"doctors":[{"index",
 * "id","name","counts":{type:n},"loads":{…},"debts":{…},"total"}],"objective":{…},"violations"}. */
json_t *rota_certificate_to_json(const struct rota_instance *in, const struct rota_cert_doctor *per_doctor,
				 const struct rota_certificate *c);
json_t *rota_objective_to_json(const struct rota_objective *o);

#endif
