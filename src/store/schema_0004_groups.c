/* Schema step 0004: groups (グループ化), agreements, initiatives, certificates (issue 4). */
const char schema_0004_groups[] =
	"SELECT 1;"; /* filled by the issue that introduces these tables */
