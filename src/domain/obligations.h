/*
 * Obligation checklists of designated institutions and bases (seed 001 「求められる事項」 and
 * 指針② on 急変時・看取り・災害時), as data: one table of items, each for one role. Items have a
 * status (未着手/対応中/完了), evidence, a due date and a done date; an item not done after its
 * due date is overdue.
 */
#ifndef ZT_DOMAIN_OBLIGATIONS_H
#define ZT_DOMAIN_OBLIGATIONS_H

#include <stdbool.h>
#include <stddef.h>

#include "core/error.h"
#include "domain/designation.h"

struct obligation {
	const char *code;
	const char *ja;
	enum desig_role role;
	bool beds_only; /* applies only to institutions with beds (入院機能を有する医療機関) */
};
extern const struct obligation obligations[];
extern const size_t obligations_count;
/* Index of code in obligations, or -1. */
int obligation_lookup(const char *code);
/* True when item i applies to a designation of role for an institution with beds. */
bool obligation_applies(size_t i, enum desig_role role, int beds);

enum oblig_status { OST_TODO, OST_DOING, OST_DONE, OST__MAX };
extern const struct code_entry oblig_statuses[OST__MAX]; /* todo 未着手, doing 対応中, done 完了 */

#define OBLIG_EVIDENCE_MAX_CHARS 1000

/* An item as edited through PUT …/checklist. Dates are ISO "YYYY-MM-DD" or "". */
struct oblig_item {
	int idx;                /* into obligations */
	enum oblig_status status;
	char evidence[OBLIG_EVIDENCE_MAX_CHARS * 4 + 1];
	char due_date[11];
	char done_date[11];
};

/* A checklist row as stored: the item (idx -1 for a code this build does not know, whose code is
 * still in `code`) and when it was last changed ("" when never). */
struct oblig_row {
	struct oblig_item it;
	char code[32];
	bool status_known;      /* false when the stored status is not one of oblig_statuses */
	char status_code[16];   /* the status as stored */
	char updated_at[21];
};

/* Checks one item: dates real, done date not before … nothing silly; a done item needs a done
 * date. Returns ZT_OK or ZT_ERR_INVALID naming the field (with the item code). */
enum zt_err oblig_item_validate(const struct oblig_item *it, struct zt_error *e);
/* Overdue: not done and due_date (ISO) before today (ISO). */
bool oblig_overdue(enum oblig_status st, const char *due_date, const char *today);

#endif
