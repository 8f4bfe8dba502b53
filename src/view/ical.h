/*
 * ical.h - iCalendar (RFC 5545) text for the calendar feeds, made with
 * libical; <libical/ical.h> is included in view/ical.c alone.
 *
 * Times are local times of Europe/Helsinki (its VTIMEZONE is included), so
 * a weekly series stays at 9.00 across daylight saving time.
 */
#ifndef MAJAKKA_ICAL_H
#define MAJAKKA_ICAL_H

#include <stdbool.h>
#include <stdint.h>
#include "core/buf.h"
#include "core/err.h"

#define ICAL_MAX_EXDATES 104

struct ical_event {
	const char *uid;
	const char *day;          /* YYYY-MM-DD */
	const char *time;         /* HH:MM */
	int minutes;
	const char *summary, *location, *description, *url;   /* may be NULL */
	int count;                /* > 0: weekly, count times (RRULE) */
	const char *recurrence_day;  /* an override of a series' meeting of that day (RECURRENCE-ID) */
	bool cancelled;           /* STATUS:CANCELLED */
	const char *exdates[ICAL_MAX_EXDATES];  /* days taken out of the series */
	int nexdates;
};

struct ical;
/* A new calendar named name; NULL when out of memory. */
struct ical *ical_new(const char *name);
void ical_free(struct ical *c);
enum err ical_add(struct ical *c, const struct ical_event *ev);
/* The calendar's text appended to out. */
enum err ical_finish(struct ical *c, struct buf *out);

#endif
