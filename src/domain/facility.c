/* Validation rules of registry institutions (地域資源, seed 002 別紙1 ①, issue 2 §5/§7; see facility.h). */
#include "domain/facility.h"
#include "domain/legal_entity.h"

#include <string.h>

#include "domain/geo.h"
#include "domain/medcode.h"
#include "domain/text.h"
#include "domain/wareki.h"

void facility_init(struct facility *f)
{
	memset(f, 0, sizeof *f);
	f->kind = KIND_CLINIC;
	f->distance_km = -1;
	f->h24_known = f->home_care_known = true;
	f->capabilities_known = (1u << CAP__MAX) - 1;
}

enum fact_state facility_fact(const struct facility *f, int fact)
{
	bool yes, known;
	if (fact == FACT_H24) {
		yes = f->h24;
		known = f->h24_known;
	} else if (fact == FACT_HOME_CARE) {
		yes = f->home_care;
		known = f->home_care_known;
	} else {
		uint32_t bit = 1u << (fact - 2);
		yes = (f->capabilities & bit) != 0;
		known = (f->capabilities_known & bit) != 0;
	}
	return yes ? FACT_YES : known ? FACT_NO : FACT_UNKNOWN;
}

void facility_fact_set(struct facility *f, int fact, enum fact_state s)
{
	bool yes = s == FACT_YES, known = s != FACT_UNKNOWN;
	if (fact == FACT_H24) {
		f->h24 = yes;
		f->h24_known = known;
	} else if (fact == FACT_HOME_CARE) {
		f->home_care = yes;
		f->home_care_known = known;
	} else {
		uint32_t bit = 1u << (fact - 2);
		f->capabilities = yes ? f->capabilities | bit : f->capabilities & ~bit;
		f->capabilities_known = known ? f->capabilities_known | bit : f->capabilities_known & ~bit;
	}
}

const char *facility_fact_code(int fact)
{
	return fact == FACT_H24 ? "h24" : fact == FACT_HOME_CARE ? "home_care" : capabilities[fact - 2].code;
}

const char *facility_fact_label(int fact)
{
	return fact == FACT_H24 ? "24時間対応" : fact == FACT_HOME_CARE ? "訪問診療・訪問サービス" : capabilities[fact - 2].ja;
}

int facility_fact_lookup(const char *code)
{
	for (int k = 0; k < FACT__MAX; k++)
		if (strcmp(facility_fact_code(k), code) == 0)
			return k;
	return -1;
}

const char *fact_state_label(enum fact_state s)
{
	return s == FACT_YES ? "対応あり" : s == FACT_NO ? "対応なし" : "未確認";
}

void facility_facts_tidy(struct facility *f)
{
	f->h24_known = f->h24_known || f->h24;
	f->home_care_known = f->home_care_known || f->home_care;
	f->capabilities &= (1u << CAP__MAX) - 1;
	f->capabilities_known = (f->capabilities_known | f->capabilities) & ((1u << CAP__MAX) - 1);
}

bool facility_facts_all_known(const struct facility *f)
{
	return f->h24_known && f->home_care_known && f->capabilities_known == (1u << CAP__MAX) - 1;
}

/* One wanted state (-1 any, 0 no, 1 yes) against a fact. */
static bool fact_ok(int want, enum fact_state s, bool include_unknown)
{
	if (want < 0)
		return true;
	if (s == FACT_UNKNOWN)
		return include_unknown;
	return (s == FACT_YES) == (want == 1);
}

bool facility_filter_facts_match(const struct facility_filter *flt, const struct facility *f)
{
	if (!fact_ok(flt->h24, facility_fact(f, FACT_H24), flt->include_unknown))
		return false;
	if (!fact_ok(flt->home_care, facility_fact(f, FACT_HOME_CARE), flt->include_unknown))
		return false;
	for (int c = 0; c < CAP__MAX; c++)
		if ((flt->capabilities & (1u << c)) && !fact_ok(1, facility_fact(f, FACT_CAP(c)), flt->include_unknown))
			return false;
	return true;
}

const char *const fac_sort_codes[FAC_SORT__MAX] = {"id", "name", "kana", "municipality", "kind", "medical_code"};

/* Appends the folded s and a separator to out at *o. */
static void key_part(const char *s, char *out, size_t outsz, size_t *o)
{
	if (*o + 2 >= outsz)
		return;
	*o += text_search_fold(s, out + *o, outsz - *o - 1);
	out[(*o)++] = '|';
	out[*o] = '\0';
}

void facility_search_key(const struct facility *f, char *out, size_t outsz)
{
	size_t o = 0;
	if (outsz == 0)
		return;
	out[0] = '\0';
	key_part(f->name, out, outsz, &o);
	key_part(f->kana, out, outsz, &o);
	key_part(f->legal_entity, out, outsz, &o);
	key_part(f->address, out, outsz, &o);
	key_part(f->phone, out, outsz, &o);
	key_part(f->fax, out, outsz, &o);
	key_part(f->medical_code, out, outsz, &o);
}

void facility_filter_init(struct facility_filter *flt)
{
	memset(flt, 0, sizeof *flt);
	flt->kind = -1;
	flt->standard = -1;
	flt->h24 = -1;
	flt->home_care = -1;
	flt->limit = 50;
}

/* Checks a text field for UTF-8 and its length in characters. */
static enum zt_err check_text(const char *v, size_t max_chars, bool required, const char *field,
			      const char *label, struct zt_error *e)
{
	if (required && v[0] == '\0')
		return zt_fail(e, ZT_ERR_INVALID, field, "%sは必須です。", label);
	if (!text_valid_utf8(v))
		return zt_fail(e, ZT_ERR_INVALID, field, "%sに使用できない文字が含まれています。", label);
	if (text_char_count(v) > max_chars)
		return zt_fail(e, ZT_ERR_INVALID, field, "%sは%zu文字以内で入力してください。", label, max_chars);
	return ZT_OK;
}

static bool phone_ok(const char *p)
{
	for (; *p; p++)
		if (!((*p >= '0' && *p <= '9') || *p == '-' || *p == '(' || *p == ')' || *p == ' '))
			return false;
	return true;
}

enum zt_err facility_validate(const struct facility *f, struct zt_error *e)
{
	enum zt_err rc;
	if ((int)f->kind < 0 || f->kind >= KIND__MAX)
		return zt_fail(e, ZT_ERR_INVALID, "kind", "種別が正しくありません。");
	if ((rc = check_text(f->name, FAC_NAME_MAX_CHARS, true, "name", "名称", e)))
		return rc;
	if ((rc = check_text(f->kana, FAC_NAME_MAX_CHARS, false, "kana", "フリガナ", e)))
		return rc;
	if ((rc = check_text(f->legal_entity, FAC_NAME_MAX_CHARS, false, "legal_entity", "開設法人", e)))
		return rc;
	if (f->legal_entity_number[0] && !corporate_number_valid(f->legal_entity_number))
		return zt_fail(e, ZT_ERR_INVALID, "legal_entity_number", "法人番号は13桁の数字（先頭はチェックデジット）で入力してください。");
	if (f->legal_entity_number[0] && f->legal_entity[0] == '\0')
		return zt_fail(e, ZT_ERR_INVALID, "legal_entity_number", "法人番号を入力するときは法人名も入力してください。");
	if ((rc = check_text(f->address, FAC_ADDRESS_MAX_CHARS, false, "address", "所在地", e)))
		return rc;
	if ((rc = check_text(f->note, FAC_NOTE_MAX_CHARS, false, "note", "備考", e)))
		return rc;
	if (f->medical_code[0]) {
		if (!inst_kind_has_medical_code(f->kind))
			return zt_fail(e, ZT_ERR_INVALID, "medical_code",
				       "この種別（%s）には医療機関コードを登録できません。", inst_kinds[f->kind].ja);
		if (!medcode_valid(f->medical_code))
			return zt_fail(e, ZT_ERR_INVALID, "medical_code",
				       "医療機関コードは10桁の数字（都道府県2桁＋点数表1桁＋7桁、末尾は検証番号）で入力してください。");
	}
	if (f->postal_code[0]) {
		char d[16];
		if (text_digits_only(f->postal_code, d, sizeof d) != 7 || strspn(f->postal_code, "0123456789-") != strlen(f->postal_code))
			return zt_fail(e, ZT_ERR_INVALID, "postal_code", "郵便番号は7桁（例: 314-0000）で入力してください。");
	}
	if (f->municipality_code[0] && !text_is_digits(f->municipality_code, 6))
		return zt_fail(e, ZT_ERR_INVALID, "municipality", "市町村コードは6桁の数字で入力してください。");
	if (f->has_coord && !geo_in_japan(f->lat, f->lon))
		return zt_fail(e, ZT_ERR_INVALID, "lat", "座標が日本国内ではありません（緯度20〜46度、経度122〜154度）。");
	if (f->coord_date[0]) {
		char iso[11];
		if (wareki_parse(f->coord_date, iso) != 0)
			return zt_fail(e, ZT_ERR_INVALID, "coord_date", "座標の取得日が日付ではありません。");
	}
	if ((rc = check_text(f->phone, FAC_PHONE_MAX_CHARS, false, "phone", "電話番号", e)))
		return rc;
	if (!phone_ok(f->phone))
		return zt_fail(e, ZT_ERR_INVALID, "phone", "電話番号は数字とハイフンで入力してください。");
	if ((rc = check_text(f->fax, FAC_PHONE_MAX_CHARS, false, "fax", "FAX番号", e)))
		return rc;
	if (!phone_ok(f->fax))
		return zt_fail(e, ZT_ERR_INVALID, "fax", "FAX番号は数字とハイフンで入力してください。");
	if (f->beds < 0 || f->beds > 5000)
		return zt_fail(e, ZT_ERR_INVALID, "beds", "病床数は0〜5000の整数で入力してください。");
	if (f->beds > 0 && f->kind != KIND_HOSPITAL && f->kind != KIND_CLINIC)
		return zt_fail(e, ZT_ERR_INVALID, "beds", "病床を持てるのは病院と診療所だけです。");
	if (f->kind == KIND_CLINIC && f->beds > 19)
		return zt_fail(e, ZT_ERR_INVALID, "beds", "診療所の病床は19床以下です（20床以上は病院）。");
	for (int s = 0; s < STD__MAX; s++) {
		if (!(f->standards & (1u << s)))
			continue;
		if (standard_is_zaishin(s) && f->kind != KIND_CLINIC)
			return zt_fail(e, ZT_ERR_INVALID, "standards", "在宅療養支援診療所の届出は診療所だけが持てます。");
		if ((standard_is_zaibyo(s) || s == STD_BACKUP_HOSPITAL || s == STD_COMMUNITY_CARE_WARD) &&
		    f->kind != KIND_HOSPITAL)
			return zt_fail(e, ZT_ERR_INVALID, "standards", "「%s」は病院だけが届け出られます。", standards[s].ja);
	}
	int zaishin = 0, zaibyo = 0;
	for (int s = 0; s < STD__MAX; s++) {
		if (f->standards & (1u << s)) {
			zaishin += standard_is_zaishin(s);
			zaibyo += standard_is_zaibyo(s);
		}
	}
	if (zaishin > 1 || zaibyo > 1)
		return zt_fail(e, ZT_ERR_INVALID, "standards", "在支診・在支病の類型（単独型・連携型・従来型）は一つだけ選んでください。");
	return ZT_OK;
}
