/*
 * Versioned schema migrations (issue 2 §4), applied in order on open (store_open). Each step runs
 * in one transaction and bumps schema_version. The SQL sticks to what SQLite and PostgreSQL share
 * (TEXT, INTEGER, DOUBLE PRECISION, REFERENCES, UNIQUE); the PostgreSQL driver maps
 * "INTEGER PRIMARY KEY" to an identity column. Never edit a released step: append a new one.
 */
#include "store/migrations.h"

#include <stddef.h>

/* Steps after the first live in one file each (schema_NNNN_*.c) so that features own their tables.
 * Later steps live in one file each, named after what they add (schema_NNNN_*.c). */
extern const char schema_0002_accounts[];    /* users, sessions, tokens, sign-in throttling */
extern const char schema_0003_audit[];       /* the hash-chained audit trail */
extern const char schema_0004_groups[];      /* groups, agreements, initiatives, certificates */
extern const char schema_0005_designation[]; /* designation, obligations, coverage */
extern const char schema_0006_keys[];        /* key_info, signed audit checkpoints */
extern const char schema_0007_tokens[];      /* token expiry, scope, revocation; keyed sign-in failures */
extern const char schema_0009_tristate[];    /* tri-state facts, who confirmed them, folded search text */
extern const char schema_0008_region[];      /* population source and year, office names, position sources */
extern const char schema_0010_imports[];     /* import records (file, hash, who, as-of), ended filings */
extern const char schema_0012_designation_rules[]; /* unmet flags, consultation desks, support-centre groups */
extern const char schema_0013_patients[];    /* patients, care teams, 在後病 registrations, duties */
extern const char schema_0011_groups_rules[]; /* seed 000 rules, certificate issuer, 公表 */
extern const char schema_0015_feeds[];       /* iCalendar duty feeds (hashed tokens) */
extern const char schema_0016_rota[];        /* rota settings, unavailability, wishes, solve jobs, rotas */
extern const char schema_0017_referrals[];   /* discharge referrals, preferences, events, capacity */
extern const char schema_0014_network_rules[]; /* 在後病 end reason, seed 002 ③ rules, hospital night duty, bed history */
extern const char schema_0021_programme[];   /* operators, meetings, clinic stages, visits, awards */
extern const char schema_0023_subsidies[];    /* subsidy programmes and caps per year, the expense ledger */
extern const char schema_0024_operator_units[]; /* the 区 / 箇所 an operator's subsidy caps apply to */
extern const char schema_0022_plans[];       /* activity plans (PDCA): rule-set assignment, plans, actions, goals, uploads */
extern const char schema_0020_training[];    /* 訪問診療導入研修: programmes, sessions, advisors, trainees, 認定証 */
extern const char schema_0019_surveys[];     /* clinic surveys: questions, links (hashed tokens), responses */
extern const char schema_0018_order[];           /* the checklist's own order column (no rowid in PostgreSQL) */
extern const char schema_0018_order_pg[];

static const char *const migrations[] = {
	/* 1: the resource registry (地域資源) — geography, legal entities, institutions, standards. */
	"CREATE TABLE prefecture ("
	"  code TEXT PRIMARY KEY,"              /* JIS X 0401, 2 digits */
	"  name TEXT NOT NULL);"
	"CREATE TABLE municipality ("           /* 市町村 and designated-city wards */
	"  code TEXT PRIMARY KEY,"              /* 全国地方公共団体コード, 6 digits with check digit */
	"  prefecture_code TEXT NOT NULL REFERENCES prefecture(code),"
	"  name TEXT NOT NULL, ruby TEXT, type TEXT NOT NULL, parent_code TEXT,"
	"  lat DOUBLE PRECISION, lon DOUBLE PRECISION,"   /* office / centroid, for coverage */
	"  population INTEGER);"
	"CREATE INDEX municipality_pref ON municipality(prefecture_code);"
	"CREATE TABLE medical_area ("           /* 二次医療圏 */
	"  id INTEGER PRIMARY KEY, prefecture_code TEXT NOT NULL REFERENCES prefecture(code),"
	"  code TEXT, name TEXT NOT NULL, UNIQUE (prefecture_code, name));"
	"CREATE TABLE medical_area_municipality ("
	"  medical_area_id INTEGER NOT NULL REFERENCES medical_area(id) ON DELETE CASCADE,"
	"  municipality_code TEXT NOT NULL REFERENCES municipality(code),"
	"  PRIMARY KEY (medical_area_id, municipality_code));"
	"CREATE TABLE care_area ("              /* 圏域: any set of municipalities, set by the prefecture */
	"  id INTEGER PRIMARY KEY, prefecture_code TEXT NOT NULL REFERENCES prefecture(code),"
	"  name TEXT NOT NULL, note TEXT, UNIQUE (prefecture_code, name));"
	"CREATE TABLE care_area_municipality ("
	"  care_area_id INTEGER NOT NULL REFERENCES care_area(id) ON DELETE CASCADE,"
	"  municipality_code TEXT NOT NULL REFERENCES municipality(code),"
	"  PRIMARY KEY (care_area_id, municipality_code));"
	"CREATE INDEX care_area_municipality_m ON care_area_municipality(municipality_code);"
	"CREATE TABLE municipality_adjacency ("  /* neighbouring municipalities, stored both ways */
	"  a TEXT NOT NULL REFERENCES municipality(code), b TEXT NOT NULL REFERENCES municipality(code),"
	"  PRIMARY KEY (a, b));"
	"CREATE TABLE legal_entity ("           /* 法人 (or the individual owner of a clinic) */
	"  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT);"
	"CREATE TABLE institution ("
	"  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, name TEXT NOT NULL, kana TEXT,"
	"  legal_entity_id INTEGER REFERENCES legal_entity(id),"
	"  medical_code TEXT UNIQUE,"           /* 医療機関コード, 10 digits */
	"  postal_code TEXT, address TEXT,"
	"  municipality_code TEXT REFERENCES municipality(code),"
	"  lat DOUBLE PRECISION, lon DOUBLE PRECISION,"
	"  coord_source TEXT, coord_precision TEXT, coord_date TEXT," /* 16 km must be reproducible */
	"  phone TEXT, fax TEXT, beds INTEGER NOT NULL DEFAULT 0,"
	"  h24 INTEGER NOT NULL DEFAULT 0,"     /* 24時間対応 */
	"  home_care INTEGER NOT NULL DEFAULT 0," /* provides 訪問診療 / visits at home */
	/* capability_mask mirrors institution_capability as bits (1 << enum capability) so that the
	 * registry search filters and counts from one covering index; store_facility.c writes both in
	 * the same transaction. */
	"  capability_mask INTEGER NOT NULL DEFAULT 0,"
	"  note TEXT, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);"
	"CREATE INDEX institution_municipality ON institution(municipality_code);"
	"CREATE INDEX institution_filter ON institution(kind, h24, capability_mask, lat, lon);"
	"CREATE INDEX institution_h24 ON institution(h24, capability_mask);"
	"CREATE INDEX institution_legal_entity ON institution(legal_entity_id);"
	"CREATE INDEX institution_lat ON institution(lat);"
	"CREATE TABLE institution_capability ("  /* 在宅医療の対応可能な処置 (seed 002 ①) */
	"  institution_id INTEGER NOT NULL REFERENCES institution(id) ON DELETE CASCADE,"
	"  capability TEXT NOT NULL, PRIMARY KEY (capability, institution_id));"
	"CREATE INDEX institution_capability_i ON institution_capability(institution_id);"
	"CREATE TABLE institution_standard ("    /* 施設基準 mapped to our codes */
	"  institution_id INTEGER NOT NULL REFERENCES institution(id) ON DELETE CASCADE,"
	"  standard TEXT NOT NULL, since TEXT,"
	"  PRIMARY KEY (standard, institution_id));"
	"CREATE INDEX institution_standard_i ON institution_standard(institution_id);"
	"CREATE TABLE institution_filing ("      /* every accepted filing as the bureau lists it */
	"  institution_id INTEGER NOT NULL REFERENCES institution(id) ON DELETE CASCADE,"
	"  symbol TEXT NOT NULL, filing_name TEXT, number TEXT, start_date TEXT, note TEXT,"
	"  known INTEGER NOT NULL DEFAULT 1,"  /* 0: 受理記号 we do not map (kept, reported) */
	"  PRIMARY KEY (institution_id, symbol));"
	"CREATE TABLE association_municipality (" /* 郡市医師会 → municipalities it covers */
	"  institution_id INTEGER NOT NULL REFERENCES institution(id) ON DELETE CASCADE,"
	"  municipality_code TEXT NOT NULL REFERENCES municipality(code),"
	"  PRIMARY KEY (institution_id, municipality_code));"
	"CREATE INDEX association_municipality_m ON association_municipality(municipality_code);"
	"CREATE TABLE practitioner ("            /* doctors, nurses, coordinators */
	"  id INTEGER PRIMARY KEY,"
	"  institution_id INTEGER NOT NULL REFERENCES institution(id) ON DELETE CASCADE,"
	"  role TEXT NOT NULL, name TEXT NOT NULL, kana TEXT, specialty TEXT,"
	"  active INTEGER NOT NULL DEFAULT 1);"
	"CREATE INDEX practitioner_institution ON practitioner(institution_id);"
	"CREATE TABLE import_batch ("
	"  id INTEGER PRIMARY KEY, kind TEXT NOT NULL, source TEXT, imported_at TEXT NOT NULL,"
	"  lines INTEGER NOT NULL, inserted INTEGER NOT NULL, updated INTEGER NOT NULL,"
	"  unknown_symbols TEXT);",
	schema_0002_accounts,
	schema_0003_audit,
	schema_0004_groups,
	schema_0005_designation,
	schema_0006_keys,
	schema_0007_tokens,
	schema_0009_tristate,
	/* 0009 (tri-state) was merged first and holds version 8: region set-up is version 9 */
	schema_0008_region,
	schema_0010_imports,
	schema_0012_designation_rules,
	schema_0013_patients,
	schema_0011_groups_rules,
	schema_0015_feeds,
	schema_0016_rota,
	schema_0017_referrals,
	schema_0014_network_rules,
	schema_0021_programme,
	schema_0023_subsidies,
	schema_0022_plans,
	schema_0020_training,
	schema_0019_surveys,
	schema_0018_order,
	schema_0024_operator_units,
};

/* The few steps whose PostgreSQL text differs (beyond the types db_pg.c translates), side by side. */
static const struct {
	const char *sqlite, *pg;
} pg_variants[] = {
	{schema_0018_order, schema_0018_order_pg},
};

int migrations_count(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *migrations_sql(int version)
{
	return (version >= 1 && version <= migrations_count()) ? migrations[version - 1] : NULL;
}

const char *migrations_sql_pg(int version)
{
	for (size_t i = 0; i < sizeof pg_variants / sizeof pg_variants[0]; i++)
		if (version >= 1 && version <= migrations_count() && pg_variants[i].sqlite == migrations[version - 1])
			return pg_variants[i].pg;
	return migrations_sql(version);
}
