/* Unit tests of the duty feeds (issue 14 §7): the local interval of a duty from the group's hours,
 * which duties a doctor's feed carries under 代診, the iCalendar text (io/ical.c) and the stable
 * uuids of the FHIR export (io/fhir.c). */
#include <stdlib.h>
#include <string.h>

#include "domain/duty.h"
#include "domain/feed.h"
#include "io/feed_json.h"
#include "io/fhir.h"
#include "io/ical.h"
#include "unit.h"

static int same(const struct local_time *t, int y, int m, int d, int hh, int mm)
{
	return t->y == y && t->m == m && t->d == d && t->hh == hh && t->mm == mm;
}

/* duty.h: "平日夜間: day_end of a working day to day_start of the next day"; "休日日中: day_start to
 * day_end"; the default day 09:00–18:00 (issue 14 §3 "default 09:00–18:00 day"). */
static void test_interval(void)
{
	struct local_time s, e;
	CHECK(duty_interval("2027-01-13", DUTY_WEEKDAY_NIGHT, NULL, &s, &e));
	CHECK(same(&s, 2027, 1, 13, 18, 0) && same(&e, 2027, 1, 14, 9, 0));
	CHECK(duty_interval("2027-01-11", DUTY_HOLIDAY_DAY, NULL, &s, &e));
	CHECK(same(&s, 2027, 1, 11, 9, 0) && same(&e, 2027, 1, 11, 18, 0));
	struct duty_hours h = DUTY_HOURS_DEFAULT;
	h.day_start = 8 * 60 + 30;
	h.day_end = 17 * 60 + 30;
	/* 大晦日の夜間 runs into the new year */
	CHECK(duty_interval("2026-12-31", DUTY_NENMATSU_NIGHT, &h, &s, &e));
	CHECK(same(&s, 2026, 12, 31, 17, 30) && same(&e, 2027, 1, 1, 8, 30));
	CHECK(duty_interval("2028-02-28", DUTY_HOLIDAY_NIGHT, &h, &s, &e));
	CHECK(same(&e, 2028, 2, 29, 8, 30)); /* leap year */
	/* a day that ends at 24:00: the night starts at 00:00 of the next day */
	h.day_end = 1440;
	CHECK(duty_interval("2027-03-31", DUTY_WEEKDAY_NIGHT, &h, &s, &e));
	CHECK(same(&s, 2027, 4, 1, 0, 0) && same(&e, 2027, 4, 1, 8, 30));
	CHECK(!duty_interval("2027-02-30", DUTY_WEEKDAY_NIGHT, NULL, &s, &e));
	CHECK(!duty_interval("2027-01-13", DUTY__MAX, NULL, &s, &e));
	CHECK(!duty_interval(NULL, DUTY_WEEKDAY_NIGHT, NULL, &s, &e));
}

static struct feed_duty row(int64_t id, int64_t group, const char *date, int type, int64_t doc, const char *name)
{
	struct feed_duty f;
	memset(&f, 0, sizeof f);
	f.d.id = id;
	f.d.group_id = group;
	snprintf(f.d.date, sizeof f.d.date, "%s", date);
	f.d.type = type;
	f.d.practitioner_id = doc;
	snprintf(f.d.practitioner_name, sizeof f.d.practitioner_name, "%s", name);
	snprintf(f.d.institution_name, sizeof f.d.institution_name, "かしま在宅クリニック");
	snprintf(f.group_name, sizeof f.group_name, "鹿嶋グループ");
	f.hours = DUTY_HOURS_DEFAULT;
	return f;
}

/* seed 003 代診制: the substitute stands the absent doctor's duty — it leaves the absent doctor's feed. */
static void test_includes(void)
{
	struct feed_duty a = row(1, 7, "2027-01-13", DUTY_WEEKDAY_NIGHT, 10, "長栖 健一");
	CHECK(feed_includes(FEED_DOCTOR, 10, &a));
	CHECK(!feed_includes(FEED_DOCTOR, 11, &a));
	CHECK(feed_includes(FEED_GROUP, 7, &a));
	CHECK(!feed_includes(FEED_GROUP, 8, &a));
	a.substitute_id = 11;
	snprintf(a.substitute_name, sizeof a.substitute_name, "宮中 美咲");
	CHECK(!feed_includes(FEED_DOCTOR, 10, &a));
	CHECK(feed_includes(FEED_DOCTOR, 11, &a));
	CHECK(feed_includes(FEED_GROUP, 7, &a));
	CHECK(feed_duty_doctor(&a) == 11);
	char s[256];
	ical_duty_summary(FEED_GROUP, &a, s, sizeof s);
	CHECK_STR(s, "平日夜間当番 宮中 美咲（代診・長栖 健一）");
	ical_duty_summary(FEED_DOCTOR, &a, s, sizeof s);
	CHECK_STR(s, "平日夜間当番（鹿嶋グループ）代診: 長栖 健一 医師の代わり");
	a.substitute_id = 0;
	ical_duty_summary(FEED_GROUP, &a, s, sizeof s);
	CHECK_STR(s, "平日夜間当番 長栖 健一");
	CHECK(feed_kind_lookup("doctor") == FEED_DOCTOR && feed_kind_lookup("group") == FEED_GROUP);
	CHECK(feed_kind_lookup("room") == -1 && feed_kind_lookup(NULL) == -1);
}

static void test_ical(void)
{
	struct feed_duty rows[2] = {row(1, 7, "2027-01-13", DUTY_WEEKDAY_NIGHT, 10, "長栖 健一"),
				    row(2, 7, "2027-01-11", DUTY_HOLIDAY_DAY, 11, "宮中 美咲")};
	struct ical_feed_info info = {FEED_GROUP, 7, "鹿嶋グループ", 1800000000};
	char *text = NULL;
	size_t len = 0;
	CHECK(ical_duty_feed(&info, rows, 2, &text, &len, NULL) == ZT_OK);
	CHECK(text && strlen(text) == len);
	if (text) {
		CHECK(strstr(text, "BEGIN:VTIMEZONE\r\nTZID:Asia/Tokyo\r\nBEGIN:STANDARD\r\n") != NULL);
		CHECK(strstr(text, "TZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900\r\n") != NULL);
		CHECK(strstr(text, "BEGIN:DAYLIGHT") == NULL);
		CHECK(strstr(text, "UID:duty-1@zaitaku\r\n") != NULL);
		CHECK(strstr(text, "DTSTAMP:20270115T080000Z\r\n") != NULL); /* 1800000000 */
		CHECK(strstr(text, "DTSTART;TZID=Asia/Tokyo:20270113T180000\r\n") != NULL);
		CHECK(strstr(text, "DTEND;TZID=Asia/Tokyo:20270114T090000\r\n") != NULL);
		CHECK(strstr(text, "DTSTART;TZID=Asia/Tokyo:20270111T090000\r\n") != NULL);
		CHECK(strstr(text, "SUMMARY:平日夜間当番 長栖 健一\r\n") != NULL);
	}
	free(text);
	/* an empty feed is still a calendar with its time zone */
	CHECK(ical_duty_feed(&info, rows, 0, &text, &len, NULL) == ZT_OK);
	CHECK(text && strstr(text, "BEGIN:VTIMEZONE") && !strstr(text, "BEGIN:VEVENT"));
	free(text);
	struct zt_error e;
	zt_error_clear(&e);
	rows[1].d.type = -1;
	CHECK(ical_duty_feed(&info, rows, 2, &text, &len, &e) == ZT_ERR_INVALID && text == NULL);
	CHECK_STR(e.field, "duty");
}

/* RFC 9562 §5.8 (version 8) over SHA-256: the same key, the same uuid. */
static void test_uuid(void)
{
	char a[37], b[37], c[37];
	fhir_uuid("Patient/1", a);
	fhir_uuid("Patient/1", b);
	fhir_uuid("Patient/2", c);
	CHECK_STR(a, b);
	CHECK(strcmp(a, c) != 0);
	CHECK(strlen(a) == 36 && a[8] == '-' && a[13] == '-' && a[14] == '8' && a[18] == '-' && a[23] == '-');
	CHECK(strchr("89ab", a[19]) != NULL);
}

static const char *decode(const char *text, enum feed_kind *kind, int64_t *target)
{
	static struct zt_error e;
	zt_error_clear(&e);
	json_t *o = json_loads(text, 0, NULL);
	enum zt_err r = feed_request_from_json(o, kind, target, &e);
	json_decref(o);
	return r == ZT_OK ? "" : e.field;
}

static void test_request(void)
{
	enum feed_kind k = FEED__MAX;
	int64_t t = 0;
	CHECK_STR(decode("{\"kind\":\"doctor\",\"practitioner_id\":3}", &k, &t), "");
	CHECK(k == FEED_DOCTOR && t == 3);
	CHECK_STR(decode("{\"kind\":\"group\",\"group_id\":9}", &k, &t), "");
	CHECK(k == FEED_GROUP && t == 9);
	CHECK_STR(decode("{\"group_id\":9}", &k, &t), "kind");
	CHECK_STR(decode("{\"kind\":1,\"group_id\":9}", &k, &t), "kind");
	CHECK_STR(decode("{\"kind\":\"group\",\"practitioner_id\":3}", &k, &t), "group_id");
	CHECK_STR(decode("{\"kind\":\"doctor\",\"practitioner_id\":0}", &k, &t), "practitioner_id");
	CHECK_STR(decode("{\"kind\":\"doctor\",\"practitioner_id\":3,\"name\":\"x\"}", &k, &t), "name");
	CHECK_STR(decode("[]", &k, &t), "body");
}

int main(void)
{
	test_request();
	test_interval();
	test_includes();
	test_ical();
	test_uuid();
	UNIT_DONE();
}
