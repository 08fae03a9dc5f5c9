/*
 * iCalendar (RFC 5545) duty feeds written with libical (issue 14 §7): one VCALENDAR with an explicit
 * VTIMEZONE for Asia/Tokyo (STANDARD, +0900, no daylight saving) and one VEVENT per duty, its start
 * and end in TZID=Asia/Tokyo from the group's hours (domain/feed.h duty_interval), a stable UID per
 * duty, DTSTAMP from the project clock and a Japanese SUMMARY. Pure over the rows given: no store.
 */
#ifndef ZT_IO_ICAL_H
#define ZT_IO_ICAL_H

#include <stddef.h>
#include <stdint.h>
#include <time.h>

#include "core/error.h"
#include "domain/feed.h"

#define ICAL_TZID "Asia/Tokyo"

struct ical_feed_info {
	enum feed_kind kind;
	int64_t target_id; /* the doctor (practitioner id) of a doctor's feed: a duty he covers says 代診 */
	const char *name;  /* the doctor's or the group's name, for X-WR-CALNAME */
	time_t stamp;      /* DTSTAMP (zt_now()) */
};

/* The summary of duty f in a feed of kind (Japanese): a group's feed names the doctor who stands the
 * duty (「平日夜間当番 山田 一郎」, with 「（代診・元の医師）」 when a substitute covers it); a doctor's
 * feed names the group (「平日夜間当番（グループ名）」, with 「代診: 元の医師 医師の代わり」 on a
 * covered duty). Writes at most n bytes to out. */
void ical_duty_summary(enum feed_kind kind, const struct feed_duty *f, char *out, size_t n);

/* The feed of rows[0..n) (already chosen with feed_includes) as iCalendar text: *out is a new
 * NUL-terminated string of *len bytes (caller frees with free()). ZT_ERR_INVALID naming "duty" when
 * a row has a malformed date or type, ZT_ERR_NOMEM when libical cannot build the calendar. */
enum zt_err ical_duty_feed(const struct ical_feed_info *info, const struct feed_duty *rows, size_t n, char **out,
			   size_t *len, struct zt_error *e);

/* A programme meeting (issue 18 §4) as an event: all-day on date when start is "", else start–end
 * (end "" = start + 2 hours) in TZID=Asia/Tokyo. Strings borrowed. */
struct ical_meeting {
	int64_t id;
	const char *date, *start, *end; /* "YYYY-MM-DD", "HH:MM" */
	const char *title, *kind, *place, *organiser;
};
/* The calendar of ev[0..n) named name: *out new (free()), *len its length. ZT_ERR_INVALID naming
 * "meeting" for a malformed date or time, ZT_ERR_NOMEM when libical fails. UID meeting-{id}@zaitaku. */
enum zt_err ical_meeting_feed(const char *name, time_t stamp, const struct ical_meeting *ev, size_t n, char **out,
			      size_t *len, struct zt_error *e);

#endif
