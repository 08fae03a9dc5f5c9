/* Shared by the files of src/store/ only. */
#ifndef ZT_STORE_INTERNAL_H
#define ZT_STORE_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "store/db.h"
#include "store/store.h"

/* Keys loaded from the key files (store_keys.c); wiped on close. */
struct store_keys {
	bool have_sign, have_box;
	unsigned char sign_sk[64], sign_pk[32]; /* Ed25519: audit checkpoints */
	unsigned char box[32];                  /* secretbox: TOTP secrets at rest */
};

struct store {
	struct db *db;
	int in_tx;
	int in_read; /* inside store_read_begin() */
	int created; /* the database was empty (schema 0) when this connection opened it */
	int pg;      /* PostgreSQL (db_pg.c): concurrent writers, no writer mutex */
	struct audit_deferral *defer; /* audit rows outside a transaction are queued here (audit_defer_to) */
	struct store_keys keys;
	/* The audit chain's head as this write transaction sees it (store_audit.c), once read or
	 * appended to; known only inside the transaction (store_tx clears it). */
	struct {
		int known;
		int64_t id;
		char hash[65];
	} chain;
};

/* The statement tables of the store files (struct db_sql_table slot), one per file that has one. */
enum store_sql_slot {
	STORE_SQL_STORE,           /* store.c */
	STORE_SQL_FACILITY,        /* store_facility.c, fixed statements */
	STORE_SQL_FACILITY_SEARCH, /* store_facility.c, the search's variants by filter set */
	STORE_SQL_FACILITY_SEARCH_PG, /* store_facility.c, PostgreSQL: the search's page and count in one */
	STORE_SQL_REGION,          /* store_region.c, the statements run once per municipality at init */
	STORE_SQL_PATIENTS,        /* store_patients.c, the team's and the call chain's */
	STORE_SQL__MAX
};

/* store_audit.c: begins a write transaction (db_begin); on PostgreSQL the audit chain's head is read
 * in the same round trip as the writers' lock and BEGIN and kept for the transaction (st->chain). */
int audit_tx_begin(struct store *st);

struct store_options;
/* store_keys.c: loads (or, for a new database or with create_keys, creates) the key files and checks
 * them against key_info; ZT_OK with a key left unloaded only under keys_optional. */
enum zt_err store_keys_open(struct store *st, const char *db_path, const struct store_options *o, struct zt_error *e);
/* Seals plaintext TOTP secrets left by older versions (one transaction with its audit row). */
enum zt_err store_keys_migrate(struct store *st, struct zt_error *e);
void store_keys_wipe(struct store *st);
/* TOTP secrets at rest: "v1:" + base64(nonce ‖ secretbox). store_seal fails (ZT_ERR_IO, field
 * secret_key) without the secret key. store_unseal passes unsealed (legacy) text through and
 * returns false when a sealed value cannot be opened (no key, or tampered). */
#define STORE_SEALED_MAX 160
enum zt_err store_seal(struct store *st, const char *plain, char out[STORE_SEALED_MAX], struct zt_error *e);
bool store_unseal(struct store *st, const char *stored, char *out, size_t n);
bool store_is_sealed(const char *stored);

/* Maps a db status to the project's error, filling e with a generic message (never SQL text). */
enum zt_err store_db_err(struct store *st, int status, struct zt_error *e);
/* Runs a query that returns rows and collects them as a new JSON array of objects keyed by column
 * (caller owns). Takes q and releases it (db_release: cached or not). NULL when q is NULL (a failed
 * prepare) or a step fails — never a shortened list; the driver's message goes to the server log. */
json_t *store_rows_json(struct db_stmt *q);

/* Copies text (a column, NULL read as "") into a fixed-size field of a domain struct, truncating. */
static inline void store_copy_text(char *dst, size_t n, const char *src)
{
	size_t len = src ? strnlen(src, n - 1) : 0; /* not snprintf: this runs for every column of every row */
	if (len == n - 1 && src[len] != '\0') /* cut short: never in the middle of a UTF-8 character */
		while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
			len--;
	memcpy(dst, src ? src : "", len);
	dst[len] = '\0';
}
#define STORE_COPY(field, src) store_copy_text((field), sizeof(field), (src))

/* An optional text value: NULL (bound as SQL NULL) when s is NULL or "". */
static inline const char *store_opt_text(const char *s)
{
	return s && s[0] ? s : NULL;
}

/* A text column of a row copied into a char array member of a domain struct (store_copy_cols). */
struct store_text_col {
	int col;
	size_t off, size;
};
#define STORE_TEXT_COL(type, i, member) {(i), offsetof(type, member), sizeof(((type *)0)->member)}
/* Copies the text columns cols[0..n) of q's current row into the struct at obj. */
static inline void store_copy_cols(struct db_stmt *q, void *obj, const struct store_text_col *cols, size_t n)
{
	for (size_t k = 0; k < n; k++)
		store_copy_text((char *)obj + cols[k].off, cols[k].size, db_col_text(q, cols[k].col));
}

/* PostgreSQL: the columns of one account with its associations (13 columns, store_accounts.c), for
 * a statement joining `account` that selects them first, and the reading of them into *a. */
struct account;
extern const char store_account_cols_pg[];
void store_account_row_pg(struct store *st, struct db_stmt *q, struct account *a);
#define STORE_ACCOUNT_NCOLS_PG 13

/* fsync()s the directory holding path, so that a rename or a new file in it survives a crash. */
void store_sync_dir_of(const char *path);

/* Grows *arr (elements of sz bytes, *n used of *cap) to hold one more and returns the new zeroed
 * slot; aborts when out of memory. STORE_PUSH(arr, n, cap) for a typed array and size_t counts. */
void *store_push(void **arr, size_t *n, size_t *cap, size_t sz);
#define STORE_PUSH(arr, n, cap) store_push((void **)&(arr), &(n), &(cap), sizeof *(arr))

#endif
