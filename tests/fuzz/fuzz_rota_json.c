/* libFuzzer harness: the rota instance decoder (io/rota_json.h) as `zaitaku rota check` and the API use
 * it (jansson with JSON_REJECT_DUPLICATES); a refusal always names its field. Decoded instances go
 * through the encoder, rota_check and the certificate, and small ones through the solver for a few
 * hundred moves (issue 15 "Bad input": a fuzz harness over the instance decoder). */
#include <jansson.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "domain/rota.h"
#include "io/rota_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_error_t jerr;
	json_t *o = json_loadb((const char *)data, size, JSON_REJECT_DUPLICATES, &jerr);
	if (o == NULL)
		return 0;
	struct rota_file f;
	struct zt_error e;
	zt_error_clear(&e);
	enum zt_err r = rota_file_from_json(o, &f, &e);
	json_decref(o);
	if (r != ZT_OK) {
		if ((r != ZT_ERR_INVALID && r != ZT_ERR_TOOLARGE) || e.field[0] == '\0' || e.message[0] == '\0')
			abort();
		return 0;
	}
	json_decref(rota_instance_to_json(&f.in));
	long cells = (long)f.in.ndoctors * (f.in.to_day - f.in.from_day + 1);
	if (cells <= 20000) {
		int ns = rota_seat_count(&f.in);
		int *a = malloc(sizeof(int) * (size_t)(ns + 1));
		struct rota_cert_doctor *cd = calloc((size_t)f.in.ndoctors, sizeof *cd);
		if (!a || !cd)
			abort();
		struct rota_params p = {.seed = 1, .max_iterations = 300};
		struct rota_result res = {.assign = f.has_rota ? f.assign : a};
		if (rota_solve(&f.in, &p, &res) != ZT_OK)
			abort();
		struct rota_violation v[4];
		if (res.status == ROTA_FEASIBLE && rota_check(&f.in, res.assign, v, 4) != 0)
			abort(); /* a rota the solver calls valid breaks no rule */
		struct rota_certificate c;
		rota_certificate(&f.in, res.assign, cd, &c);
		json_decref(rota_certificate_to_json(&f.in, cd, &c));
		json_decref(rota_assign_to_json(&f.in, res.assign));
		json_decref(rota_conflicts_to_json(&f.in, res.conflicts, res.nconflicts));
		free(a), free(cd);
	}
	rota_file_free(&f);
	return 0;
}
