/* Schema step 0002: users, sessions, API tokens, sign-in throttling (issue 3). */
const char schema_0002_accounts[] =
	"SELECT 1;"; /* filled by the issue that introduces these tables */
