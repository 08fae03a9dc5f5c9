/* JSON request bodies of /api/v1/users (issue 3 §1; see account_json.h). */
#include "io/account_json.h"

#include <stdio.h>
#include <string.h>

#include "domain/account.h"
#include "io/json_fields.h"

enum zt_err account_from_json(json_t *body, struct account *a, const char **password, int create,
			      struct zt_error *e)
{
	static const char *const allowed[] = {"username", "display_name", "role", "password", "prefecture",
					      "institution_id", "associations", "disabled"};
	const char *key;
	json_t *v;
	json_object_foreach(body, key, v) {
		int ok = 0;
		for (size_t i = 0; i < sizeof allowed / sizeof allowed[0]; i++)
			ok |= strcmp(key, allowed[i]) == 0;
		if (!ok || (!create && strcmp(key, "username") == 0))
			return zt_fail(e, ZT_ERR_INVALID, key[0] ? key : "body", "%s は指定できない項目です。",
				       key[0] ? key : "（空の名前）");
	}
	int bad = 0;
	const char *s;
	if (create) {
		s = json_field_member_str(body, "username", &bad);
		if (bad || account_check_username(s, e) != ZT_OK)
			return zt_fail(e, ZT_ERR_INVALID, "username", "ユーザー名は3〜63文字の半角英数字（. _ - を含む）にしてください。");
		snprintf(a->username, sizeof a->username, "%s", s);
	}
	if ((s = json_field_member_str(body, "display_name", &bad)) != NULL || bad) {
		if (bad || account_check_display_name(s, e) != ZT_OK)
			return zt_fail(e, ZT_ERR_INVALID, "display_name", "表示名は1〜40文字で入力してください。");
		snprintf(a->display_name, sizeof a->display_name, "%s", s);
	} else if (create) {
		snprintf(a->display_name, sizeof a->display_name, "%s", a->username);
	}
	if ((s = json_field_member_str(body, "role", &bad)) != NULL || bad) {
		if (bad || !account_role_valid(s))
			return zt_fail(e, ZT_ERR_INVALID, "role",
				       "role は admin, prefecture, coordinator, doctor, nurse, hospital のいずれかです。");
		snprintf(a->role, sizeof a->role, "%s", s);
	} else if (create) {
		return zt_fail(e, ZT_ERR_INVALID, "role", "role を指定してください。");
	}
	if ((v = json_object_get(body, "prefecture")) != NULL) {
		if (json_is_null(v))
			a->prefecture[0] = '\0';
		else if (!json_is_string(v) || strlen(json_string_value(v)) != 2)
			return zt_fail(e, ZT_ERR_INVALID, "prefecture", "prefecture は2桁の都道府県コードです。");
		else
			snprintf(a->prefecture, sizeof a->prefecture, "%s", json_string_value(v));
	}
	if ((v = json_object_get(body, "institution_id")) != NULL) {
		if (json_is_null(v))
			a->institution_id = 0;
		else if (!json_is_integer(v) || json_integer_value(v) <= 0)
			return zt_fail(e, ZT_ERR_INVALID, "institution_id", "institution_id は医療機関のID（正の整数）です。");
		else
			a->institution_id = json_integer_value(v);
	}
	if ((v = json_object_get(body, "associations")) != NULL) {
		enum zt_err r = json_field_ids(v, "associations", "郡市医師会ID", a->associations, ACCOUNT_MAX_ASSOC,
					       &a->nassociations, e);
		if (r != ZT_OK)
			return r;
	}
	if ((v = json_object_get(body, "disabled")) != NULL) {
		enum zt_err r = json_field_bool(v, "disabled", &a->disabled, e);
		if (r != ZT_OK)
			return r;
	}
	*password = json_field_member_str(body, "password", &bad);
	if (bad)
		return zt_fail(e, ZT_ERR_INVALID, "password", "password は文字列です。");
	if (*password && account_check_password(*password, e) != ZT_OK)
		return ZT_ERR_INVALID;
	/* Scope fields that do not belong to the role are dropped, then the role's scope is required. */
	if (strcmp(a->role, "prefecture") != 0)
		a->prefecture[0] = '\0';
	if (strcmp(a->role, "doctor") != 0 && strcmp(a->role, "nurse") != 0 && strcmp(a->role, "hospital") != 0)
		a->institution_id = 0;
	if (strcmp(a->role, "coordinator") != 0)
		a->nassociations = 0;
	return account_check_scope(a->role, a->prefecture, a->institution_id, a->nassociations, ACCOUNT_MAX_ASSOC, e);
}

