/* libFuzzer harness of the duty feeds (issue 14 §7): the request body of a new feed (io/feed_json.h)
 * as the API decodes it (jansson with JSON_REJECT_DUPLICATES; a refusal always names its field), and
 * a duty row with an arbitrary date, type and names through duty_interval and the iCalendar encoder
 * (io/ical.h). The first byte picks which. */
#include <jansson.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "domain/feed.h"
#include "io/feed_json.h"
#include "io/ical.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (size < 3)
		return 0;
	struct zt_error e;
	zt_error_clear(&e);
	if ((data[0] & 1) == 0) {
		json_error_t jerr;
		json_t *o = json_loadb((const char *)data + 1, size - 1, JSON_REJECT_DUPLICATES, &jerr);
		if (o == NULL)
			return 0;
		enum feed_kind kind = FEED_DOCTOR;
		int64_t target = 0;
		enum zt_err r = feed_request_from_json(o, &kind, &target, &e);
		if (r != ZT_OK && e.field[0] == '\0')
			abort(); /* every refusal names its field */
		if (r == ZT_OK && (target <= 0 || (int)kind < 0 || kind >= FEED__MAX))
			abort();
		json_decref(o);
		return 0;
	}
	/* a row: type from byte 1, the day's length from byte 2, then "date|name|group" as text */
	struct feed_duty *f = calloc(1, sizeof *f);
	if (f == NULL)
		abort();
	f->d.id = 1;
	f->d.type = (int)(data[1] % (DUTY__MAX + 1)); /* DUTY__MAX: an invalid type */
	f->hours = DUTY_HOURS_DEFAULT;
	f->hours.day_start = data[0] >> 1;            /* 0..127 minutes */
	f->hours.day_end = f->hours.day_start + 60 + data[2] * 5;
	char text[512];
	size_t n = size - 3 < sizeof text - 1 ? size - 3 : sizeof text - 1;
	memcpy(text, data + 3, n);
	text[n] = '\0';
	char *name = strchr(text, '|');
	char *group = name ? strchr(name + 1, '|') : NULL;
	if (name)
		*name++ = '\0';
	if (group)
		*group++ = '\0';
	snprintf(f->d.date, sizeof f->d.date, "%s", text);
	snprintf(f->d.practitioner_name, sizeof f->d.practitioner_name, "%s", name ? name : "");
	snprintf(f->group_name, sizeof f->group_name, "%s", group ? group : "");
	f->substitute_id = data[1] & 0x80 ? 2 : 0;
	struct local_time s, t;
	if (duty_interval(f->d.date, f->d.type, &f->hours, &s, &t) && (s.y > t.y || (s.y == t.y && s.m > t.m)))
		abort(); /* a duty never ends before it starts */
	struct ical_feed_info info = {data[1] & 0x40 ? FEED_GROUP : FEED_DOCTOR, 2, group ? group : "", 1800000000};
	char *out = NULL;
	size_t len = 0;
	if (ical_duty_feed(&info, f, 1, &out, &len, &e) == ZT_OK && (out == NULL || strlen(out) != len))
		abort();
	free(out);
	free(f);
	return 0;
}
