/* Schema step 0005: designation per area, obligations, coverage (issue 4). */
const char schema_0005_designation[] =
	"SELECT 1;"; /* filled by the issue that introduces these tables */
