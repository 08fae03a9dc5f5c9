/* Duty feeds: the local interval of a duty and which duties a feed carries (issue 14 §7; see feed.h). */
#include "domain/feed.h"

#include <string.h>

#include "domain/holiday.h"

const struct feed_kind_entry feed_kinds[FEED__MAX] = {
	[FEED_DOCTOR] = {"doctor", "医師"},
	[FEED_GROUP] = {"group", "グループ"},
	[FEED_MEETINGS] = {"meetings", "会議（事業者）"},
};

int feed_kind_lookup(const char *code)
{
	for (int i = 0; code && i < FEED__MAX; i++)
		if (strcmp(feed_kinds[i].code, code) == 0)
			return i;
	return -1;
}

/* date's day number plus minutes after its midnight (may pass 24:00) as a local time. */
static void at_minutes(long day, int minutes, struct local_time *out)
{
	day += minutes / 1440;
	minutes %= 1440;
	cal_from_days(day, &out->y, &out->m, &out->d);
	out->hh = minutes / 60;
	out->mm = minutes % 60;
}

bool duty_interval(const char *date, int type, const struct duty_hours *h, struct local_time *start,
		   struct local_time *end)
{
	int y, m, d;
	if (!date || !cal_parse(date, &y, &m, &d) || type < 0 || type >= DUTY__MAX)
		return false;
	struct duty_hours def = DUTY_HOURS_DEFAULT;
	if (h == NULL)
		h = &def;
	long day = cal_days(y, m, d);
	if (duty_types[type].night) {
		/* 夜間: from the end of this date's day to the start of the next day's */
		at_minutes(day, h->day_end, start);
		at_minutes(day + 1, h->day_start, end);
	} else {
		at_minutes(day, h->day_start, start);
		at_minutes(day, h->day_end, end);
	}
	return true;
}

int64_t feed_duty_doctor(const struct feed_duty *f)
{
	return f->substitute_id ? f->substitute_id : f->d.practitioner_id;
}

bool feed_includes(enum feed_kind kind, int64_t target, const struct feed_duty *f)
{
	switch (kind) {
	case FEED_DOCTOR:
		return feed_duty_doctor(f) == target;
	case FEED_GROUP:
		return f->d.group_id == target;
	default:
		return false;
	}
}
