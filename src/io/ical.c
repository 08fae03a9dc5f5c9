/* iCalendar duty feeds with libical: VTIMEZONE Asia/Tokyo and one VEVENT per duty (issue 14 §7), and the programme's meetings (issue 18 §4); see ical.h. */
#include "io/ical.h"

#include <libical/ical.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/holiday.h"

void ical_duty_summary(enum feed_kind kind, const struct feed_duty *f, char *out, size_t n)
{
	const char *type = f->d.type >= 0 && f->d.type < DUTY__MAX ? duty_types[f->d.type].ja : "";
	if (kind == FEED_GROUP && f->substitute_id)
		snprintf(out, n, "%s当番 %s（代診・%s）", type, f->substitute_name, f->d.practitioner_name);
	else if (kind == FEED_GROUP)
		snprintf(out, n, "%s当番 %s", type, f->d.practitioner_name);
	else if (f->substitute_id)
		snprintf(out, n, "%s当番（%s）代診: %s 医師の代わり", type, f->group_name, f->d.practitioner_name);
	else
		snprintf(out, n, "%s当番（%s）", type, f->group_name);
}

static struct icaltimetype local_time(const struct local_time *t)
{
	struct icaltimetype v = icaltime_null_time();
	v.year = t->y;
	v.month = t->m;
	v.day = t->d;
	v.hour = t->hh;
	v.minute = t->mm;
	v.second = 0;
	v.is_date = 0;
	return v;
}

/* A property of local time t with TZID=Asia/Tokyo. */
static icalproperty *with_tzid(icalproperty *p)
{
	icalproperty_add_parameter(p, icalparameter_new_tzid(ICAL_TZID));
	return p;
}

static icalproperty *x_prop(const char *name, const char *value)
{
	icalproperty *p = icalproperty_new_x(value);
	icalproperty_set_x_name(p, name);
	return p;
}

/* VTIMEZONE Asia/Tokyo written out (no reliance on the client's zone database): JST all year. */
static icalcomponent *tokyo_vtimezone(void)
{
	icalcomponent *tz = icalcomponent_new(ICAL_VTIMEZONE_COMPONENT);
	icalcomponent_add_property(tz, icalproperty_new_tzid(ICAL_TZID));
	icalcomponent *std = icalcomponent_new(ICAL_XSTANDARD_COMPONENT);
	struct local_time epoch = {1970, 1, 1, 0, 0};
	icalcomponent_add_property(std, icalproperty_new_dtstart(local_time(&epoch)));
	icalcomponent_add_property(std, icalproperty_new_tzoffsetfrom(9 * 3600));
	icalcomponent_add_property(std, icalproperty_new_tzoffsetto(9 * 3600));
	icalcomponent_add_property(std, icalproperty_new_tzname("JST"));
	icalcomponent_add_component(tz, std);
	return tz;
}

static void duty_description(const struct feed_duty *f, char *out, size_t n)
{
	const char *type = f->d.type >= 0 && f->d.type < DUTY__MAX ? duty_types[f->d.type].ja : "";
	int k = snprintf(out, n, "グループ: %s\n区分: %s\n当番医: %s（%s）", f->group_name, type, f->d.practitioner_name,
			 f->d.institution_name);
	if (f->substitute_id && k > 0 && (size_t)k < n)
		snprintf(out + k, n - (size_t)k, "\n代診: %s（%s）が %s 医師の不在中に担当", f->substitute_name,
			 f->substitute_institution, f->d.practitioner_name);
}

/* libical sets up its built-in UTC zone on first use; the server's threads must not race to it. */
static pthread_once_t utc_once = PTHREAD_ONCE_INIT;
static void utc_init(void)
{
	(void)icaltimezone_get_utc_timezone();
}

enum zt_err ical_duty_feed(const struct ical_feed_info *info, const struct feed_duty *rows, size_t n, char **out,
			   size_t *len, struct zt_error *e)
{
	pthread_once(&utc_once, utc_init);
	*out = NULL;
	*len = 0;
	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	if (cal == NULL)
		return zt_fail(e, ZT_ERR_NOMEM, "", "カレンダーを作成できませんでした。");
	char name[512];
	snprintf(name, sizeof name, "当番表 — %s", info->name ? info->name : "");
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//zaitaku//duty feed//JA"));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	icalcomponent_add_property(cal, x_prop("X-WR-CALNAME", name));
	icalcomponent_add_property(cal, x_prop("X-WR-TIMEZONE", ICAL_TZID));
	icalcomponent_add_component(cal, tokyo_vtimezone());
	struct icaltimetype stamp = icaltime_from_timet_with_zone(info->stamp, 0, icaltimezone_get_utc_timezone());
	enum zt_err r = ZT_OK;
	for (size_t i = 0; i < n && r == ZT_OK; i++) {
		const struct feed_duty *f = &rows[i];
		struct local_time s, t;
		if (!duty_interval(f->d.date, f->d.type, &f->hours, &s, &t)) {
			r = zt_fail(e, ZT_ERR_INVALID, "duty", "当番（ID %lld）の日付または区分が正しくありません。", (long long)f->d.id);
			break;
		}
		char uid[64], summary[640], desc[1400];
		snprintf(uid, sizeof uid, "duty-%lld@zaitaku", (long long)f->d.id);
		ical_duty_summary(info->kind, f, summary, sizeof summary);
		duty_description(f, desc, sizeof desc);
		icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
		icalcomponent_add_property(ev, icalproperty_new_uid(uid));
		icalcomponent_add_property(ev, icalproperty_new_dtstamp(stamp));
		icalcomponent_add_property(ev, with_tzid(icalproperty_new_dtstart(local_time(&s))));
		icalcomponent_add_property(ev, with_tzid(icalproperty_new_dtend(local_time(&t))));
		icalcomponent_add_property(ev, icalproperty_new_summary(summary));
		icalcomponent_add_property(ev, icalproperty_new_description(desc));
		icalcomponent_add_property(ev, icalproperty_new_categories("当番"));
		icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CONFIRMED));
		icalcomponent_add_property(ev, icalproperty_new_transp(ICAL_TRANSP_OPAQUE));
		icalcomponent_add_component(cal, ev);
	}
	if (r == ZT_OK) {
		char *text = icalcomponent_as_ical_string_r(cal);
		if (text == NULL) {
			r = zt_fail(e, ZT_ERR_NOMEM, "", "カレンダーを作成できませんでした。");
		} else {
			*len = strlen(text);
			*out = malloc(*len + 1);
			if (*out == NULL)
				abort();
			memcpy(*out, text, *len + 1);
			icalmemory_free_buffer(text);
		}
	}
	icalcomponent_free(cal);
	return r;
}

/* ---- programme meetings (issue 18 §4) ---- */

static bool hhmm(const char *s, int *h, int *m)
{
	if (s == NULL || strlen(s) != 5 || s[2] != ':')
		return false;
	*h = (s[0] - '0') * 10 + (s[1] - '0');
	*m = (s[3] - '0') * 10 + (s[4] - '0');
	return s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9' && s[3] >= '0' && s[3] <= '9' && s[4] >= '0' &&
	       s[4] <= '9' && *h < 24 && *m < 60;
}

enum zt_err ical_meeting_feed(const char *name, time_t stamp, const struct ical_meeting *ev, size_t n, char **out,
			      size_t *len, struct zt_error *e)
{
	pthread_once(&utc_once, utc_init);
	*out = NULL;
	*len = 0;
	icalcomponent *cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	if (cal == NULL)
		return zt_fail(e, ZT_ERR_NOMEM, "", "カレンダーを作成できませんでした。");
	icalcomponent_add_property(cal, icalproperty_new_prodid("-//zaitaku//programme meetings//JA"));
	icalcomponent_add_property(cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	icalcomponent_add_property(cal, x_prop("X-WR-CALNAME", name ? name : ""));
	icalcomponent_add_property(cal, x_prop("X-WR-TIMEZONE", ICAL_TZID));
	icalcomponent_add_component(cal, tokyo_vtimezone());
	struct icaltimetype st = icaltime_from_timet_with_zone(stamp, 0, icaltimezone_get_utc_timezone());
	enum zt_err r = ZT_OK;
	for (size_t i = 0; i < n && r == ZT_OK; i++) {
		const struct ical_meeting *m = &ev[i];
		int y, mo, d, sh = 0, sm = 0, eh = 0, em = 0;
		bool timed = m->start && m->start[0];
		if (!cal_parse(m->date, &y, &mo, &d) || (timed && !hhmm(m->start, &sh, &sm)) ||
		    (timed && m->end && m->end[0] && !hhmm(m->end, &eh, &em))) {
			r = zt_fail(e, ZT_ERR_INVALID, "meeting", "会議（ID %lld）の日付または時刻が正しくありません。", (long long)m->id);
			break;
		}
		icalcomponent *v = icalcomponent_new(ICAL_VEVENT_COMPONENT);
		char uid[64], summary[700], desc[900];
		snprintf(uid, sizeof uid, "meeting-%lld@zaitaku", (long long)m->id);
		snprintf(summary, sizeof summary, "%s（%s）", m->title ? m->title : "", m->kind ? m->kind : "");
		snprintf(desc, sizeof desc, "主催: %s\n種類: %s", m->organiser ? m->organiser : "", m->kind ? m->kind : "");
		icalcomponent_add_property(v, icalproperty_new_uid(uid));
		icalcomponent_add_property(v, icalproperty_new_dtstamp(st));
		if (timed) {
			if (!(m->end && m->end[0])) {
				eh = sh + 2 < 24 ? sh + 2 : 23;
				em = sh + 2 < 24 ? sm : 59;
			}
			struct local_time a = {y, mo, d, sh, sm}, b = {y, mo, d, eh, em};
			icalcomponent_add_property(v, with_tzid(icalproperty_new_dtstart(local_time(&a))));
			icalcomponent_add_property(v, with_tzid(icalproperty_new_dtend(local_time(&b))));
		} else {
			struct icaltimetype day = icaltime_null_date();
			day.year = y;
			day.month = mo;
			day.day = d;
			icalcomponent_add_property(v, icalproperty_new_dtstart(day));
		}
		icalcomponent_add_property(v, icalproperty_new_summary(summary));
		icalcomponent_add_property(v, icalproperty_new_description(desc));
		if (m->place && m->place[0])
			icalcomponent_add_property(v, icalproperty_new_location(m->place));
		icalcomponent_add_property(v, icalproperty_new_categories(m->kind ? m->kind : "会議"));
		icalcomponent_add_component(cal, v);
	}
	if (r == ZT_OK) {
		char *text = icalcomponent_as_ical_string_r(cal);
		if (text == NULL) {
			r = zt_fail(e, ZT_ERR_NOMEM, "", "カレンダーを作成できませんでした。");
		} else {
			*len = strlen(text);
			*out = malloc(*len + 1);
			if (*out == NULL)
				abort();
			memcpy(*out, text, *len + 1);
			icalmemory_free_buffer(text);
		}
	}
	icalcomponent_free(cal);
	return r;
}
