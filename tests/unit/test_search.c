/* Unit tests of the registry search folding (issue 12 §6) and of the tri-state fact filters
 * (issue 12 §3 "unknown is not no": 対応あり / なし / 未確認). Domain only. */
#include "domain/codes.h"
#include "domain/facility.h"
#include "domain/text.h"
#include "unit.h"

static const char *fold(const char *s)
{
	static char out[256];
	text_search_fold(s, out, sizeof out);
	return out;
}

/* issue 12 §6 "hiragana, katakana and half-width kana match each other". */
static void test_fold_kana(void)
{
	CHECK_STR(fold("カシマ"), "かしま");
	CHECK_STR(fold("ｶｼﾏ"), "かしま");
	CHECK_STR(fold("かしま"), "かしま");
	/* half-width kana with dakuten / handakuten: ｶﾞ → が, ﾊﾟ → ぱ, ｳﾞ → ゔ */
	CHECK_STR(fold("ｶﾞ"), "が");
	CHECK_STR(fold("ｶﾞｸｴﾝ"), "がくえん");
	CHECK_STR(fold("ﾎﾟﾌﾟﾗ"), "ぽぷら");
	CHECK_STR(fold("ｳﾞｨ"), "ゔぃ");
	CHECK_STR(fold("ヴィ"), "ゔぃ");
	CHECK_STR(fold("ﾋﾞｮｳｲﾝ"), fold("ビョウイン"));
	CHECK_STR(fold("ﾋﾞｮｳｲﾝ"), "びょういん");
	/* combining (NFD) and spacing voiced marks join their kana */
	CHECK_STR(fold("か\xE3\x82\x99"), "が");
	CHECK_STR(fold("は゜"), "ぱ");
	/* a mark with nothing to join is kept as written (folded) */
	CHECK_STR(fold("ﾞ"), "゛");
	CHECK_STR(fold("あﾞ"), "あ゛");
	/* the prolonged sound mark goes: ｾﾝﾀｰ = センター = ｾﾝﾀ- = センタ */
	CHECK_STR(fold("ｾﾝﾀｰ"), "せんた");
	CHECK_STR(fold("センター"), "せんた");
	CHECK_STR(fold("ｾﾝﾀ-"), "せんた");
	/* small kana; ヶ as people write 霞ヶ浦 / 霞ケ浦 / 霞が浦 */
	CHECK_STR(fold("ｷｬｯﾁ"), "きゃっち");
	CHECK_STR(fold("霞ヶ浦"), "霞け浦");
	CHECK_STR(fold("霞ケ浦"), "霞け浦");
	CHECK_STR(fold("ヵ所"), "か所");
	/* 髙 and 﨑 as names are often registered */
	CHECK_STR(fold("髙橋"), fold("高橋"));
	CHECK_STR(fold("宮﨑"), fold("宮崎"));
	/* kanji untouched */
	CHECK_STR(fold("鹿嶋市"), "鹿嶋市");
}

static void test_fold_width(void)
{
	CHECK_STR(fold("ＡＢＣ１２３"), "abc123");
	CHECK_STR(fold("Abc"), "abc");
	/* phone numbers: hyphens and spaces go, so 029-123-4567 matches 0291234567 */
	CHECK_STR(fold("029-123-4567"), "0291234567");
	CHECK_STR(fold("０２９－１２３－４５６７"), "0291234567");
	CHECK_STR(fold("029−123‐4567"), "0291234567");
	CHECK_STR(fold("医療法人　社団 ひかり"), "医療法人社団ひかり");
	CHECK_STR(fold("鹿嶋・神栖"), "鹿嶋神栖");
	CHECK_STR(fold("\xFF"), ""); /* malformed bytes dropped */
	char small[4];
	CHECK(text_search_fold("かしま", small, sizeof small) == 3); /* stops at a whole character */
	CHECK_STR(small, "か");
}

/* "several words (AND)" */
static void test_words(void)
{
	char w[FAC_SEARCH_WORDS][TEXT_WORD_MAX];
	CHECK(text_search_words("鹿嶋　ｸﾘﾆｯｸ  ", w, FAC_SEARCH_WORDS) == 2);
	CHECK_STR(w[0], "鹿嶋");
	CHECK_STR(w[1], "くりにっく");
	CHECK(text_search_words("   ", w, FAC_SEARCH_WORDS) == 0);
	CHECK(text_search_words("a b c d", w, FAC_SEARCH_WORDS) == 4);
	CHECK(text_search_words("a b c d e", w, FAC_SEARCH_WORDS) == -1);
	CHECK(text_search_words("- ・", w, FAC_SEARCH_WORDS) == 0); /* words that fold to nothing */
}

static void test_search_key(void)
{
	struct facility f;
	facility_init(&f);
	snprintf(f.name, sizeof f.name, "%s", "鹿嶋テスト病院");
	snprintf(f.kana, sizeof f.kana, "%s", "ｶｼﾏﾃｽﾄﾋﾞｮｳｲﾝ");
	snprintf(f.address, sizeof f.address, "%s", "茨城県鹿嶋市宮中１－１");
	snprintf(f.phone, sizeof f.phone, "%s", "0299-82-0000");
	snprintf(f.medical_code, sizeof f.medical_code, "%s", "0812210011");
	char key[FAC_SEARCH_KEY_MAX];
	facility_search_key(&f, key, sizeof key);
	CHECK_STR(key, "鹿嶋てすと病院|かしまてすとびょういん||茨城県鹿嶋市宮中11|0299820000||0812210011|");
}

/* issue 12 §3: "Filters treat 未確認 explicitly" — a wanted state matches a confirmed one; with
 * 未確認も含める an unconfirmed fact matches as well; "no" never matches an unknown silently. */
static void test_fact_filter(void)
{
	struct facility yes, no, unk;
	facility_init(&yes);
	facility_init(&no);
	facility_init(&unk);
	yes.h24 = true;
	yes.capabilities = 1u << CAP_VENTILATOR;
	facility_fact_set(&unk, FACT_H24, FACT_UNKNOWN);
	facility_fact_set(&unk, FACT_CAP(CAP_VENTILATOR), FACT_UNKNOWN);
	CHECK(facility_fact(&yes, FACT_H24) == FACT_YES);
	CHECK(facility_fact(&no, FACT_H24) == FACT_NO);
	CHECK(facility_fact(&unk, FACT_H24) == FACT_UNKNOWN);
	CHECK(facility_fact(&unk, FACT_HOME_CARE) == FACT_NO);
	CHECK_STR(fact_state_label(FACT_UNKNOWN), "未確認");

	struct facility_filter flt;
	facility_filter_init(&flt);
	CHECK(facility_filter_facts_match(&flt, &yes) && facility_filter_facts_match(&flt, &no) &&
	      facility_filter_facts_match(&flt, &unk));
	flt.h24 = 1; /* 24時間対応 = 対応あり */
	CHECK(facility_filter_facts_match(&flt, &yes));
	CHECK(!facility_filter_facts_match(&flt, &no));
	CHECK(!facility_filter_facts_match(&flt, &unk));
	flt.include_unknown = true; /* 未確認も含める */
	CHECK(facility_filter_facts_match(&flt, &yes));
	CHECK(!facility_filter_facts_match(&flt, &no));
	CHECK(facility_filter_facts_match(&flt, &unk));
	flt.h24 = 0; /* 対応なし: the unknown one is not "no" */
	flt.include_unknown = false;
	CHECK(!facility_filter_facts_match(&flt, &yes));
	CHECK(facility_filter_facts_match(&flt, &no));
	CHECK(!facility_filter_facts_match(&flt, &unk));
	flt.include_unknown = true;
	CHECK(facility_filter_facts_match(&flt, &unk));

	facility_filter_init(&flt);
	flt.capabilities = 1u << CAP_VENTILATOR;
	CHECK(facility_filter_facts_match(&flt, &yes));
	CHECK(!facility_filter_facts_match(&flt, &no));
	CHECK(!facility_filter_facts_match(&flt, &unk));
	flt.include_unknown = true;
	CHECK(facility_filter_facts_match(&flt, &unk));
	CHECK(!facility_filter_facts_match(&flt, &no));
	flt.capabilities |= 1u << CAP_OXYGEN; /* all must hold: oxygen is a known "no" for unk */
	CHECK(!facility_filter_facts_match(&flt, &unk));

	/* a yes is a confirmation */
	struct facility t;
	facility_init(&t);
	facility_fact_set(&t, FACT_H24, FACT_UNKNOWN);
	t.h24 = true;
	facility_facts_tidy(&t);
	CHECK(t.h24_known);
	CHECK(facility_facts_all_known(&t));
	CHECK(facility_fact_lookup("home_care") == FACT_HOME_CARE);
	CHECK(facility_fact_lookup("ventilator") == FACT_CAP(CAP_VENTILATOR));
	CHECK(facility_fact_lookup("nothing") == -1);
}

int main(void)
{
	test_fold_kana();
	test_fold_width();
	test_words();
	test_search_key();
	test_fact_filter();
	UNIT_DONE();
}
