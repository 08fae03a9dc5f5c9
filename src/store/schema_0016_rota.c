/*
 * Schema step 0016: fair on-call rotas (輪番制オンコール, issue 15 §1, §3, §6) — the settings a
 * coordinator keeps per group for the solver, the solve jobs of `serve`, and the stored rotas with
 * their fairness certificates. The rota's duties themselves are rows of `duty` (source 'solver');
 * rows of any other source inside the period are the pins (already agreed, kept).
 *   rota_doctor       a doctor of the group in the rota: share (weight, 0.5 = half), caps per
 *                     week / month (NULL = none), carried-over fairness points per duty type (JSON)
 *   rota_unavailable  a date a doctor cannot take a duty, with reason and source: 'absence' (the
 *                     24-hour network's absence table, read live, never copied here), 'conference'
 *                     (学会), 'csv' (the coordinator's import), 'manual'
 *   rota_wish         a soft wish: prefer / avoid a date (optionally one duty type)
 *   rota_job          a solve request: queued → running → done / failed / cancelled, with progress,
 *                     best objective so far, seed, time limit, the result (JSON) and the error
 *   rota              the solved period of a group with its certificate (JSON), recomputed on edits
 */
const char schema_0016_rota[] =
	"CREATE TABLE rota_doctor ("
	"  group_id INTEGER NOT NULL REFERENCES care_group(id) ON DELETE CASCADE,"
	"  practitioner_id INTEGER NOT NULL REFERENCES practitioner(id),"
	"  share DOUBLE PRECISION NOT NULL DEFAULT 1,"
	"  max_per_week INTEGER, max_per_month INTEGER,"
	"  carried TEXT,"
	"  updated_at TEXT NOT NULL,"
	"  PRIMARY KEY (group_id, practitioner_id));"
	"CREATE TABLE rota_unavailable ("
	"  id INTEGER PRIMARY KEY,"
	"  group_id INTEGER NOT NULL REFERENCES care_group(id) ON DELETE CASCADE,"
	"  practitioner_id INTEGER NOT NULL REFERENCES practitioner(id),"
	"  on_date TEXT NOT NULL, reason TEXT NOT NULL, source TEXT NOT NULL,"
	"  created_at TEXT NOT NULL, created_by TEXT,"
	"  UNIQUE (group_id, practitioner_id, on_date));"
	"CREATE INDEX rota_unavailable_date ON rota_unavailable(group_id, on_date);"
	"CREATE TABLE rota_wish ("
	"  id INTEGER PRIMARY KEY,"
	"  group_id INTEGER NOT NULL REFERENCES care_group(id) ON DELETE CASCADE,"
	"  practitioner_id INTEGER NOT NULL REFERENCES practitioner(id),"
	"  on_date TEXT NOT NULL, kind TEXT NOT NULL, duty_type TEXT,"
	"  created_at TEXT NOT NULL,"
	"  UNIQUE (group_id, practitioner_id, on_date, kind));"
	"CREATE TABLE rota_job ("
	"  id INTEGER PRIMARY KEY,"
	"  group_id INTEGER NOT NULL REFERENCES care_group(id) ON DELETE CASCADE,"
	"  period_from TEXT NOT NULL, period_to TEXT NOT NULL,"
	"  state TEXT NOT NULL,"
	"  progress DOUBLE PRECISION NOT NULL DEFAULT 0,"
	"  best_objective TEXT,"
	"  seed INTEGER NOT NULL, time_limit DOUBLE PRECISION NOT NULL,"
	"  cancel_requested INTEGER NOT NULL DEFAULT 0,"
	"  result TEXT, error TEXT,"
	"  created_by TEXT, created_at TEXT NOT NULL, started_at TEXT, finished_at TEXT);"
	"CREATE INDEX rota_job_state ON rota_job(state, id);"
	"CREATE TABLE rota ("
	"  id INTEGER PRIMARY KEY,"
	"  group_id INTEGER NOT NULL REFERENCES care_group(id) ON DELETE CASCADE,"
	"  period_from TEXT NOT NULL, period_to TEXT NOT NULL,"
	"  job_id INTEGER REFERENCES rota_job(id) ON DELETE SET NULL,"
	"  seed INTEGER, certificate TEXT NOT NULL,"
	"  created_at TEXT NOT NULL, updated_at TEXT NOT NULL,"
	"  UNIQUE (group_id, period_from, period_to));";
