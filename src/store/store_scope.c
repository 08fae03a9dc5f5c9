/* Scope lookups for the access policy: which 郡市医師会 covers a municipality (issue 3 §2; see store_scope.h). */
#include "store/store_scope.h"

#include "store/store_internal.h"

bool scope_association_covers(struct store *st, int64_t association_id, const char *municipality)
{
	int64_t n = 0;
	db_scalar_int(st->db, &n, "SELECT COUNT(*) FROM association_municipality WHERE institution_id = ? AND municipality_code = ?",
		      "is", association_id, municipality);
	return n > 0;
}
