/* Schema step 0003: the append-only, hash-chained audit trail (issue 3). */
const char schema_0003_audit[] =
	"SELECT 1;"; /* filled by the issue that introduces these tables */
