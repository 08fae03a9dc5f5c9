/*
 * Use cases of the district rules of the 24-hour network (issue 14 §5; seed 002 ③ 後方支援機能の運用
 * ルール): the group's rule options (柏市 / 青葉区 / a backup hospital as 副主治医), the acute hospitals
 * on night duty by date (青葉区), and the history of a hospital's bed figures. Group settings follow
 * the group's policy (group_read to see, group_write — coordinators and admin — to change); bed
 * history the hospital's (its staff, the district's coordinators, admin). Every write is one store_tx
 * with its audit row. auth NULL is the system.
 */
#ifndef ZT_APP_APP_NETWORK_H
#define ZT_APP_APP_NETWORK_H

#include <jansson.h>
#include <stdint.h>

#include "core/error.h"
#include "domain/callchain.h"

struct store;
struct zt_actor;
struct auth_ctx;

/* The group's rules (defaults when never set). */
enum zt_err app_network_rules_get(struct store *st, const struct auth_ctx *auth, int64_t group_id, struct backup_rules *out,
				  struct zt_error *e);
/* Sets the group's rules; backup_secondary_hospital_id (0 = none) must be a hospital member of the
 * group (ZT_ERR_INVALID naming it). Audit row "update" network_rule with before/after. */
enum zt_err app_network_rules_put(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				  int64_t group_id, const struct backup_rules *r, struct zt_error *e);

/* Records that hospital_id (kind hospital) is on night duty (夜間休日当直) on date for the group
 * (ZT_ERR_INVALID naming date / hospital_id; ZT_ERR_CONFLICT when recorded). *id set. */
enum zt_err app_hospital_duty_add(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				  int64_t group_id, const char *date, int64_t hospital_id, int64_t *id, struct zt_error *e);
enum zt_err app_hospital_duty_delete(struct store *st, const struct auth_ctx *auth, const struct zt_actor *who,
				     int64_t group_id, int64_t id, struct zt_error *e);
/* The group's hospital night duties from..to (≤ 400 days) as a JSON array (caller owns). */
enum zt_err app_hospital_duties(struct store *st, const struct auth_ctx *auth, int64_t group_id, const char *from,
				const char *to, json_t **out, struct zt_error *e);

/* The latest limit (1..500) bed updates of a hospital, newest first, as a JSON array (caller owns). */
enum zt_err app_bed_history(struct store *st, const struct auth_ctx *auth, int64_t hospital_id, int limit, json_t **out,
			    struct zt_error *e);

/* The rules as JSON ({discharge_origin_first, night_acute_first, backup_secondary_hospital_id}). */
json_t *backup_rules_json(const struct backup_rules *r);

#endif
