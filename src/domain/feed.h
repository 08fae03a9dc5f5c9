/*
 * Duty feeds (issue 14 §7): what a subscribed calendar shows of the group's duties (当番) — the local
 * start and end of a duty from the group's hours (a night runs day_end to the next day's day_start,
 * a day duty day_start to day_end: the duty calendar of duty.h), which duties belong in a doctor's
 * feed once accepted substitutions (代診) are counted, and the kinds of feed. Pure: no I/O.
 */
#ifndef ZT_DOMAIN_FEED_H
#define ZT_DOMAIN_FEED_H

#include <stdbool.h>
#include <stdint.h>

#include "domain/duty.h"
#include "domain/patient.h"

/* A feed follows one doctor (every duty of the doctor, across groups) or one group — or, for the
 * coordinator programme (issue 18 §4), one operator's meetings (no duties). */
enum feed_kind { FEED_DOCTOR, FEED_GROUP, FEED_MEETINGS, FEED__MAX };
struct feed_kind_entry {
	const char *code; /* API name: "doctor", "group" */
	const char *ja;   /* 医師, グループ */
};
extern const struct feed_kind_entry feed_kinds[FEED__MAX];
/* The kind named code, or -1. */
int feed_kind_lookup(const char *code);

/* A local date and time in Asia/Tokyo (JST, no daylight saving). */
struct local_time {
	int y, m, d, hh, mm;
};

/* The interval of a duty of type on date ("YYYY-MM-DD") under hours h (NULL = defaults):
 * night duties (duty_types[type].night) from day_end of date to day_start of the next day, day
 * duties from day_start to day_end of date; day_end 24:00 becomes 00:00 of the next day. False when
 * date or type is malformed. */
bool duty_interval(const char *date, int type, const struct duty_hours *h, struct local_time *start,
		   struct local_time *end);

/* A duty as a feed shows it: the stored duty (d.practitioner_* = the doctor on the rota), its group
 * and hours, and the accepted substitute (代診) when the rostered doctor is absent that day. */
struct feed_duty {
	struct duty d;
	char group_name[401];
	struct duty_hours hours;
	int64_t substitute_id;                /* 0 = no accepted substitution */
	char substitute_name[128], substitute_institution[256];
};

/* The doctor who actually stands the duty: the accepted substitute, else the rostered doctor. */
int64_t feed_duty_doctor(const struct feed_duty *f);

/* Whether duty f belongs in the feed of kind for target (a practitioner or group id). A doctor's
 * feed carries the duties the doctor stands: those rostered to the doctor and not covered by an
 * accepted 代診, and those the doctor covers as the substitute (the absent doctor's feed no longer
 * carries them). A group's feed carries every duty of the group. */
bool feed_includes(enum feed_kind kind, int64_t target, const struct feed_duty *f);

#endif
