/* The ordered list of schema migrations (see migrations.c). */
#ifndef ZT_STORE_MIGRATIONS_H
#define ZT_STORE_MIGRATIONS_H
/* PRAGMA application_id of a zaitaku database ("ZTAK"); user_version = the schema version. */
#define MIGRATIONS_APPLICATION_ID 0x5A54414B
/* Number of migration steps (the schema version of an up-to-date database). */
int migrations_count(void);
/* SQL of migration `version` (1-based; a static string), NULL when out of range. */
const char *migrations_sql(int version);
/* The same for PostgreSQL: the step's variant where its SQL differs, else migrations_sql(). */
const char *migrations_sql_pg(int version);
#endif
