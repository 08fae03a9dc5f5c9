/* Sign-in request body (issue 3 §2; session_json.h). */
#include "io/session_json.h"

#include <string.h>

#include "domain/account.h"
#include "io/json_fields.h"

enum zt_err signin_from_json(const json_t *body, struct signin_request *s, struct zt_error *e)
{
	memset(s, 0, sizeof *s);
	if (!json_is_object(body))
		return zt_fail(e, ZT_ERR_INVALID, "username", "ユーザー名を入力してください。");
	int bad_user = 0, bad_pw = 0, bad_totp = 0;
	const char *user = json_field_member_str(body, "username", &bad_user);
	const char *pw = json_field_member_str(body, "password", &bad_pw);
	const char *totp = json_field_member_str(body, "totp", &bad_totp);
	if (bad_user || user == NULL || user[0] == '\0' || strlen(user) > 63)
		return zt_fail(e, ZT_ERR_INVALID, "username", "ユーザー名を入力してください。");
	if (bad_pw || pw == NULL || pw[0] == '\0' || strlen(pw) > 4 * ACCOUNT_PASSWORD_MAX)
		return zt_fail(e, ZT_ERR_INVALID, "password", "パスワードを入力してください。");
	if (bad_totp)
		return zt_fail(e, ZT_ERR_INVALID, "totp", "確認コードは文字列で指定してください。");
	s->username = user;
	s->password = pw;
	s->totp = totp;
	return ZT_OK;
}
