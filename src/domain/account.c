/* Account rules (see account.h): usernames, display names, password length, role scopes, self-changes
 * and the changes that end sessions (issue 3 §1, SECURITY.md "passwords"). */
#include "domain/account.h"

#include <string.h>

#include "domain/role.h"
#include "domain/text.h"

enum zt_err account_check_password(const char *pw, struct zt_error *e)
{
	if (pw == NULL || pw[0] == '\0')
		return zt_fail(e, ZT_ERR_INVALID, "password", "パスワードを入力してください。");
	if (strlen(pw) > 4 * ACCOUNT_PASSWORD_MAX || !text_valid_utf8(pw))
		return zt_fail(e, ZT_ERR_INVALID, "password", "パスワードに使用できない文字が含まれるか、長すぎます。");
	size_t n = text_char_count(pw);
	if (n < ACCOUNT_PASSWORD_MIN || n > ACCOUNT_PASSWORD_MAX)
		return zt_fail(e, ZT_ERR_INVALID, "password", "パスワードは%d文字以上%d文字以下にしてください（%zu文字）。",
			       ACCOUNT_PASSWORD_MIN, ACCOUNT_PASSWORD_MAX, n);
	return ZT_OK;
}

enum zt_err account_check_username(const char *name, struct zt_error *e)
{
	size_t n = name ? strlen(name) : 0;
	if (n < 3 || n > 63)
		return zt_fail(e, ZT_ERR_INVALID, "username", "ユーザー名は3〜63文字の半角英数字（. _ - を含む）にしてください。");
	for (size_t i = 0; i < n; i++) {
		char c = name[i];
		int alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
		if (!alnum && (i == 0 || (c != '.' && c != '_' && c != '-')))
			return zt_fail(e, ZT_ERR_INVALID, "username",
				       "ユーザー名は半角英数字で始まり、英数字と . _ - だけを使ってください。");
	}
	return ZT_OK;
}

enum zt_err account_check_display_name(const char *name, struct zt_error *e)
{
	if (name == NULL || strlen(name) > 120 || !text_valid_utf8(name) || text_char_count(name) < 1 ||
	    text_char_count(name) > 40)
		return zt_fail(e, ZT_ERR_INVALID, "display_name", "表示名は1〜40文字で入力してください。");
	return ZT_OK;
}

enum zt_err account_check_scope(const char *role, const char *prefecture, int64_t institution_id, int nassoc,
				int max_assoc, struct zt_error *e)
{
	int r = role_lookup(role);
	if (r < 0)
		return zt_fail(e, ZT_ERR_INVALID, "role",
			       "role は admin, prefecture, coordinator, doctor, nurse, hospital のいずれかです。");
	switch (role_table[r].scope) {
	case RSCOPE_PREFECTURE:
		if (prefecture == NULL || !text_is_digits(prefecture, 2) || strcmp(prefecture, "01") < 0 ||
		    strcmp(prefecture, "47") > 0)
			return zt_fail(e, ZT_ERR_INVALID, "prefecture", "prefecture 権限には都道府県コード（2桁）が必要です。");
		break;
	case RSCOPE_ASSOCIATIONS:
		if (nassoc < 1 || nassoc > max_assoc)
			return zt_fail(e, ZT_ERR_INVALID, "associations",
				       "coordinator 権限には郡市医師会（1〜%d件）の指定が必要です。", max_assoc);
		break;
	case RSCOPE_INSTITUTION:
		if (institution_id <= 0)
			return zt_fail(e, ZT_ERR_INVALID, "institution_id", "%s 権限には所属医療機関の指定が必要です。", role);
		break;
	case RSCOPE_ALL:
		break;
	}
	return ZT_OK;
}

int account_role_valid(const char *role) { return role_lookup(role) >= 0; }

int account_role_needs_totp(const char *role)
{
	int r = role_lookup(role);
	return r >= 0 && role_table[r].needs_totp;
}

enum zt_err account_check_self_change(int64_t actor_id, const struct account *a, struct zt_error *e)
{
	if (a->id == actor_id && (a->disabled || strcmp(a->role, "admin") != 0))
		return zt_fail(e, ZT_ERR_CONFLICT, "role", "自分自身を無効化したり、管理者権限を外すことはできません。");
	return ZT_OK;
}

bool account_change_ends_sessions(bool disabled, bool new_password, bool new_totp)
{
	return disabled || new_password || new_totp;
}
