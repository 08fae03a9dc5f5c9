/* Rules of the 地方厚生局「施設基準の届出受理状況」lists (seed 002 ① 地域資源の把握, issue 2 §6):
 * header columns, kinds, beds, standards from 受理記号, municipalities from addresses (see bureau.h). */
#include "domain/bureau.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "domain/text.h"
#include "domain/wareki.h"

const char *const bureau_col_names[BCOL__MAX] = {
	[BCOL_SEQ] = "項番",
	[BCOL_PREFECTURE] = "都道府県名",
	[BCOL_KUBUN] = "区分",
	[BCOL_CODE] = "医療機関番号",
	[BCOL_ANNEX_CODE] = "併設医療機関番号",
	[BCOL_NAME] = "医療機関名称",
	[BCOL_POSTAL] = "医療機関所在地（郵便番号）",
	[BCOL_ADDRESS] = "医療機関所在地（住所）",
	[BCOL_PHONE] = "電話番号",
	[BCOL_FAX] = "FAX番号",
	[BCOL_BEDS] = "病床数",
	[BCOL_FILING_NAME] = "受理届出名称",
	[BCOL_SYMBOL] = "受理記号",
	[BCOL_NUMBER] = "受理番号",
	[BCOL_START] = "算定開始年月日",
	[BCOL_INDIV_START] = "個別有効開始年月日",
	[BCOL_NOTE] = "備考",
};

/* Header names after normalisation (half-width, no spaces or line breaks). */
static const struct {
	const char *name;
	enum bureau_col col;
} aliases[] = {
	{"項番", BCOL_SEQ},
	{"No", BCOL_SEQ},
	{"NO", BCOL_SEQ},
	{"都道府県名", BCOL_PREFECTURE},
	{"都道府県", BCOL_PREFECTURE},
	{"区分", BCOL_KUBUN},
	{"医療機関番号", BCOL_CODE},
	{"医療機関コード", BCOL_CODE},
	{"保険医療機関番号", BCOL_CODE},
	{"医療機関等番号", BCOL_CODE},
	{"併設医療機関番号", BCOL_ANNEX_CODE},
	{"医療機関名称", BCOL_NAME},
	{"医療機関名", BCOL_NAME},
	{"保険医療機関名称", BCOL_NAME},
	{"医療機関等名称", BCOL_NAME},
	{"医療機関所在地(郵便番号)", BCOL_POSTAL},
	{"郵便番号", BCOL_POSTAL},
	{"所在地(郵便番号)", BCOL_POSTAL},
	{"医療機関所在地(住所)", BCOL_ADDRESS},
	{"医療機関所在地", BCOL_ADDRESS},
	{"所在地(住所)", BCOL_ADDRESS},
	{"所在地", BCOL_ADDRESS},
	{"住所", BCOL_ADDRESS},
	{"電話番号", BCOL_PHONE},
	{"FAX番号", BCOL_FAX},
	{"FAX", BCOL_FAX},
	{"ファックス番号", BCOL_FAX},
	{"病床数", BCOL_BEDS},
	{"受理届出名称", BCOL_FILING_NAME},
	{"届出名称", BCOL_FILING_NAME},
	{"受理届出名", BCOL_FILING_NAME},
	{"施設基準名称", BCOL_FILING_NAME},
	{"受理記号", BCOL_SYMBOL},
	{"受理番号", BCOL_NUMBER},
	{"算定開始年月日", BCOL_START},
	{"算定開始日", BCOL_START},
	{"個別有効開始年月日", BCOL_INDIV_START},
	{"備考", BCOL_NOTE},
};

/* Copies s without spaces, ideographic spaces and line breaks, with full-width ASCII folded. */
static void squeeze(const char *s, char *out, size_t outsz)
{
	char tmp[256];
	text_normalize_width(s, tmp, sizeof tmp);
	size_t o = 0;
	for (const char *c = tmp; *c && o + 1 < outsz; c++)
		if (*c != ' ' && *c != '\t' && *c != '\r' && *c != '\n')
			out[o++] = *c;
	out[o] = '\0';
}

int bureau_col_of_header(const char *cell)
{
	char n[256];
	if (strnlen(cell, 201) > 200) /* bounded: a cell may be a megabyte long */
		return -1;
	squeeze(cell, n, sizeof n);
	for (size_t i = 0; i < sizeof aliases / sizeof aliases[0]; i++)
		if (strcmp(n, aliases[i].name) == 0)
			return (int)aliases[i].col;
	return -1;
}

int bureau_header_map(int ncells, const char *const *cells, int map[BCOL__MAX])
{
	for (int c = 0; c < BCOL__MAX; c++)
		map[c] = -1;
	for (int i = 0; i < ncells; i++) {
		int c = bureau_col_of_header(cells[i] ? cells[i] : "");
		if (c >= 0 && map[c] < 0)
			map[c] = i;
	}
	return map[BCOL_CODE] >= 0 && map[BCOL_NAME] >= 0 && map[BCOL_SYMBOL] >= 0;
}

int bureau_beds_total(const char *cell)
{
	char n[256];
	text_normalize_width(cell, n, sizeof n);
	long total = 0, cur = -1;
	int other = 0;
	for (const char *c = n;; c++) {
		if (*c >= '0' && *c <= '9') {
			cur = (cur < 0 ? 0 : cur * 10) + (*c - '0');
			if (cur > 100000)
				return -1;
			continue;
		}
		if (cur >= 0)
			total += cur;
		cur = -1;
		if (*c == '\0')
			break;
		if (*c != ' ' && *c != ',')
			other = 1;
	}
	(void)other; /* labels such as 一般 / 療養 are expected */
	if (total == 0 && strpbrk(n, "0123456789") == NULL && n[0] != '\0' && strcmp(n, "-") != 0)
		return -1;
	return total > 100000 ? -1 : (int)total;
}

enum inst_kind bureau_kind(char table, int beds)
{
	switch (table) {
	case '3': return KIND_DENTAL;
	case '4': return KIND_PHARMACY;
	case '6': return KIND_NURSE_STATION;
	default: return beds >= 20 ? KIND_HOSPITAL : KIND_CLINIC;
	}
}

int bureau_excel_serial_date(const char *s, char out[11])
{
	if (!text_is_digits(s, 5))
		return -1;
	long serial = 0;
	for (const char *c = s; *c; c++)
		serial = serial * 10 + (*c - '0');
	if (serial < 20000 || serial > 80000) /* 1954 … 2119 */
		return -1;
	/* Days since 1970-01-01 (Excel's day 25569), then the civil date (H. Hinnant's algorithm). */
	long z = serial - 25569 + 719468;
	long era = z / 146097, doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400, doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153, d = doy - (153 * mp + 2) / 5 + 1, m = mp < 10 ? mp + 3 : mp - 9;
	if (m <= 2)
		y++;
	char tmp[64];
	snprintf(tmp, sizeof tmp, "%04ld-%02ld-%02ld", y, m, d);
	memcpy(out, tmp, 10);
	out[10] = '\0';
	return 0;
}

int bureau_match_municipality(const char *address, const char *pref_name, const struct muni_name *list, int n)
{
	char norm[1024];
	text_normalize_width(address, norm, sizeof norm);
	const char *a = norm;
	while (*a == ' ')
		a++;
	size_t pl = pref_name ? strlen(pref_name) : 0;
	if (pl && strncmp(a, pref_name, pl) == 0)
		a += pl;
	while (*a == ' ')
		a++;
	for (int pass = 0; pass < 2; pass++) {
		int best = -1;
		size_t best_len = 0;
		for (int i = 0; i < n; i++) {
			size_t l = strlen(list[i].name);
			if (l > best_len && strncmp(a, list[i].name, l) == 0) {
				best = i;
				best_len = l;
			}
		}
		if (best >= 0 || pass == 1)
			return best;
		/* Towns and villages are written after their 郡: "鹿島郡…町". Skip up to the first 郡
		 * within the next few characters and try again. */
		const char *g = strstr(a, "郡");
		if (g == NULL || g - a > 5 * 3)
			return -1;
		a = g + strlen("郡");
	}
	return -1;
}

/* Keeps only the latest-starting standard among those selected by is(). */
static void keep_one(uint32_t *stds, const char *const since[STD__MAX], bool (*is)(enum standard))
{
	int best = -1;
	for (int s = 0; s < STD__MAX; s++) {
		if (!(*stds & (1u << s)) || !is((enum standard)s))
			continue;
		const char *d = since[s] ? since[s] : "";
		const char *b = best >= 0 && since[best] ? since[best] : "";
		if (best < 0 || strcmp(d, b) > 0)
			best = s;
	}
	for (int s = 0; s < STD__MAX; s++)
		if (s != best && is((enum standard)s))
			*stds &= ~(1u << s);
}

static bool hospital_only(enum standard s)
{
	return standard_is_zaibyo(s) || s == STD_BACKUP_HOSPITAL || s == STD_COMMUNITY_CARE_WARD;
}

int bureau_resolve(char table, int beds, uint32_t *stds, const char *const since[STD__MAX], const char **reason)
{
	static const char *const none[STD__MAX] = {0};
	if (since == NULL)
		since = none;
	uint32_t st = *stds;
	bool hosp = false, zaishin = false;
	for (int s = 0; s < STD__MAX; s++) {
		if (!(st & (1u << s)))
			continue;
		hosp |= hospital_only((enum standard)s);
		zaishin |= standard_is_zaishin((enum standard)s);
	}
	if (table != '1' && table != 0) {
		if (st) {
			*reason = "医科以外（歯科・薬局など）の区分に、在支診・在支病などの医科の施設基準の受理記号があります。";
			return -1;
		}
		return (int)bureau_kind(table, beds);
	}
	if (hosp && zaishin) {
		*reason = "同じ医療機関に在支診（診療所の基準）と在支病・在後病・地域包括ケア（病院の基準）の受理記号があります。";
		return -1;
	}
	if (zaishin && beds >= 20) {
		*reason = "在支診の受理記号がありますが、病床数が20床以上（病院）です。";
		return -1;
	}
	keep_one(&st, since, standard_is_zaishin);
	keep_one(&st, since, standard_is_zaibyo);
	*stds = st;
	if (hosp)
		return KIND_HOSPITAL;
	if (zaishin)
		return KIND_CLINIC;
	return (int)bureau_kind(table, beds);
}

int bureau_title_date(const char *cell, char out[11])
{
	char norm[256];
	if (strnlen(cell, sizeof norm) >= sizeof norm)
		return -1;
	text_normalize_width(cell, norm, sizeof norm);
	char *now = strstr(norm, "現在");
	if (now == NULL)
		return -1;
	*now = '\0';
	/* the date starts at an era name or at the first digit */
	static const char *const starts[] = {"令和", "平成", "昭和", "R", "H", "S"};
	char *from = NULL;
	for (size_t i = 0; i < sizeof starts / sizeof starts[0] && from == NULL; i++)
		from = strstr(norm, starts[i]);
	if (from == NULL)
		for (char *p = norm; *p && from == NULL; p++)
			if (*p >= '0' && *p <= '9')
				from = p;
	if (from == NULL)
		return -1;
	size_t n = strlen(from);
	while (n && (from[n - 1] == ' ' || from[n - 1] == ')'))
		from[--n] = '\0';
	return wareki_parse(from, out) == 0 ? 0 : -1;
}

int code_list_kind(const char *cell)
{
	if (strstr(cell, "歯科"))
		return KIND_DENTAL;
	if (strstr(cell, "薬局"))
		return strcmp(cell, "特定機能薬局") == 0 ? -1 : KIND_PHARMACY;
	if (strstr(cell, "病院"))
		return KIND_HOSPITAL;
	if (strstr(cell, "診療所"))
		return KIND_CLINIC;
	return -1;
}

char code_list_table(int kind)
{
	switch (kind) {
	case KIND_HOSPITAL:
	case KIND_CLINIC: return '1';
	case KIND_DENTAL: return '3';
	case KIND_PHARMACY: return '4';
	default: return 0;
	}
}

int code_list_beds(const char *cell)
{
	static const char *const kinds[] = {"一般", "療養", "精神", "結核", "感染"};
	char n[512];
	if (strnlen(cell, sizeof n) >= sizeof n)
		return -1;
	text_normalize_width(cell, n, sizeof n);
	long total = 0;
	bool any = false;
	for (const char *p = n; *p; p++) {
		size_t skip = 0;
		for (size_t k = 0; k < sizeof kinds / sizeof kinds[0] && !skip; k++)
			if (strncmp(p, kinds[k], strlen(kinds[k])) == 0)
				skip = strlen(kinds[k]);
		if (!skip)
			continue;
		const char *q = p + skip;
		while (*q == ' ' || *q == ':')
			q++;
		if (*q < '0' || *q > '9')
			continue;
		long v = 0;
		while (*q >= '0' && *q <= '9' && v < 100000)
			v = v * 10 + (*q++ - '0');
		total += v;
		any = true;
		p = q - 1;
	}
	return any && total <= 100000 ? (int)total : -1;
}

void code_list_address(const char *cell, char postal[9], char *address, size_t addrsz)
{
	char n[1024];
	postal[0] = '\0';
	address[0] = '\0';
	if (strnlen(cell, sizeof n) >= sizeof n)
		return;
	text_normalize_width(cell, n, sizeof n);
	char *p = n;
	if (strncmp(p, "〒", strlen("〒")) == 0)
		p += strlen("〒");
	while (*p == ' ')
		p++;
	/* 3 digits, a hyphen of any width (normalised to '-' or left as ー/－), 4 digits */
	char digits[8];
	size_t nd = 0;
	const char *q = p;
	while (*q && nd < 7) {
		if (*q >= '0' && *q <= '9')
			digits[nd++] = *q++;
		else if (nd == 3 && *q == '-')
			q++;
		else if (nd == 3 && strncmp(q, "ー", strlen("ー")) == 0)
			q += strlen("ー");
		else if (nd == 3 && strncmp(q, "−", strlen("−")) == 0)
			q += strlen("−");
		else
			break;
	}
	if (nd == 7 && (*q < '0' || *q > '9')) {
		snprintf(postal, 9, "%.3s-%.4s", digits, digits + 3);
		p = (char *)q;
	}
	for (char *r = p; *r; r++)
		if (*r == '\r' || *r == '\n' || *r == '\t')
			*r = ' ';
	while (*p == ' ')
		p++;
	size_t len = strlen(p);
	while (len && p[len - 1] == ' ')
		p[--len] = '\0';
	snprintf(address, addrsz, "%s", p);
}
