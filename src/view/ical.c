/*
 * ical.c - the libical adapter (see ical.h).
 */
#include <libical/ical.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "view/ical.h"

#define ICAL_TZ "Europe/Helsinki"

struct ical {
	icalcomponent *cal;
	icaltimezone *tz;         /* NULL: the system has no zone data; floating times */
};

struct ical *ical_new(const char *name)
{
	struct ical *c = calloc(1, sizeof(*c));
	if (!c)
		return NULL;
	c->cal = icalcomponent_new(ICAL_VCALENDAR_COMPONENT);
	if (!c->cal) {
		free(c);
		return NULL;
	}
	icalcomponent_add_property(c->cal, icalproperty_new_version("2.0"));
	icalcomponent_add_property(c->cal, icalproperty_new_prodid("-//Majakka//Weekly meetings//FI"));
	icalcomponent_add_property(c->cal, icalproperty_new_calscale("GREGORIAN"));
	icalcomponent_add_property(c->cal, icalproperty_new_method(ICAL_METHOD_PUBLISH));
	if (name) {
		icalproperty *p = icalproperty_new_x(name);
		icalproperty_set_x_name(p, "X-WR-CALNAME");
		icalcomponent_add_property(c->cal, p);
	}
	c->tz = icaltimezone_get_builtin_timezone(ICAL_TZ);
	if (c->tz) {
		icalcomponent *vtz = icaltimezone_get_component(c->tz);
		if (vtz) {
			/* libical names its built-in zones with a prefix; calendars
			 * (Outlook, Google) know the plain IANA name the events use. */
			icalcomponent *copy = icalcomponent_new_clone(vtz);
			icalproperty *id = icalcomponent_get_first_property(copy, ICAL_TZID_PROPERTY);
			if (id)
				icalproperty_set_tzid(id, ICAL_TZ);
			icalcomponent_add_component(c->cal, copy);
		}
	}
	return c;
}

void ical_free(struct ical *c)
{
	if (!c)
		return;
	icalcomponent_free(c->cal);
	free(c);
}

static struct icaltimetype local_time(struct ical *c, const char *day, const char *hm)
{
	char s[20];
	struct icaltimetype t;
	snprintf(s, sizeof(s), "%.4s%.2s%.2sT%.2s%.2s00", day, day + 5, day + 8, hm ? hm : "00", hm ? hm + 3 : "00");
	t = icaltime_from_string(s);
	if (c->tz)
		t = icaltime_set_timezone(&t, c->tz);
	return t;
}

/* A DATE-TIME property with the zone's TZID parameter. */
static void add_time(struct ical *c, icalcomponent *ev, icalproperty *p)
{
	if (c->tz)
		icalproperty_add_parameter(p, icalparameter_new_tzid(ICAL_TZ));
	icalcomponent_add_property(ev, p);
}

enum err ical_add(struct ical *c, const struct ical_event *e)
{
	icalcomponent *ev = icalcomponent_new(ICAL_VEVENT_COMPONENT);
	struct icaltimetype start, end;

	if (!ev)
		return ERR_NOMEM;
	start = local_time(c, e->day, e->time);
	end = icaltime_add(start, icaldurationtype_from_int(e->minutes * 60));
	icalcomponent_add_property(ev, icalproperty_new_uid(e->uid));
	icalcomponent_add_property(ev, icalproperty_new_dtstamp(
		icaltime_from_timet_with_zone((time_t)clock_now(), 0, icaltimezone_get_utc_timezone())));
	add_time(c, ev, icalproperty_new_dtstart(start));
	add_time(c, ev, icalproperty_new_dtend(end));
	if (e->recurrence_day)
		add_time(c, ev, icalproperty_new_recurrenceid(local_time(c, e->recurrence_day, e->time)));
	if (e->count > 0) {
		struct icalrecurrencetype r;
		icalrecurrencetype_clear(&r);
		r.freq = ICAL_WEEKLY_RECURRENCE;
		r.count = e->count;
		icalcomponent_add_property(ev, icalproperty_new_rrule(r));
	}
	for (int i = 0; i < e->nexdates && i < ICAL_MAX_EXDATES; i++)
		add_time(c, ev, icalproperty_new_exdate(local_time(c, e->exdates[i], e->time)));
	if (e->cancelled)
		icalcomponent_add_property(ev, icalproperty_new_status(ICAL_STATUS_CANCELLED));
	if (e->summary)
		icalcomponent_add_property(ev, icalproperty_new_summary(e->summary));
	if (e->location && *e->location)
		icalcomponent_add_property(ev, icalproperty_new_location(e->location));
	if (e->description && *e->description)
		icalcomponent_add_property(ev, icalproperty_new_description(e->description));
	if (e->url && *e->url)
		icalcomponent_add_property(ev, icalproperty_new_url(e->url));
	icalcomponent_add_component(c->cal, ev);
	return ERR_OK;
}

enum err ical_finish(struct ical *c, struct buf *out)
{
	char *s = icalcomponent_as_ical_string_r(c->cal);
	enum err e;
	if (!s)
		return ERR_NOMEM;
	e = buf_appends(out, s);
	free(s);
	return e;
}
