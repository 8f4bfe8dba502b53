/*
 * timeline.h - the timeline (aikajana) of a child's case: the family's own
 * dated events, recorded with the family, and the services' events read
 * from the case (case opened, phases, notifications, decisions, journal
 * entries as dates only).
 *
 * Access is the caller's (access_check_fields with FIELD_TOOLBOX); the
 * services' events are given only as far as the reader's fields reach
 * (FIELD_CASE, FIELD_NOTIFICATIONS, FIELD_JOURNAL).
 */
#ifndef MAJAKKA_TIMELINE_H
#define MAJAKKA_TIMELINE_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/validate.h"

#define TIMELINE_TEXT_CHARS 2000
#define TIMELINE_MAX_EVENTS 2000

/* The kinds of the family's events, and those of the services. */
extern const char *const timeline_family_kinds[];
extern const char *const timeline_service_kinds[];

struct timeline_event {
	int64_t id;              /* the family event's id; 0 for the services' */
	char date[11];
	const char *group;       /* "family" or "service" (static) */
	char kind[24];           /* a family kind, or case_opened, phase, notification, decision, journal */
	char detail[24];         /* the phase, the notification's kind, the decision ("" when none) */
	const char *text;        /* the family event's text ("" for the services'); valid in the callback */
};

/* Add the family's event; *id set.  date must be a real date, not in the future. */
enum err timeline_add(struct db *db, int64_t case_id, const char *date, const char *kind, const char *text,
		      int64_t by, int64_t *id, struct field_error *fe);

/* A filter: the groups and kinds asked for ("family", "service", or any
 * kind); an empty filter passes everything.  ERR_INVALID (fe names "kind")
 * on a word that is none of them. */
struct timeline_filter {
	char words[16][24];
	int n;
};
enum err timeline_filter_parse(const char *s, struct timeline_filter *f, struct field_error *fe);

/* Every event of case_id the fields (enum field bits) show, oldest first,
 * passing f (NULL: all). */
enum err timeline_list(struct db *db, int64_t case_id, unsigned fields, const struct timeline_filter *f,
		       void (*cb)(void *ctx, const struct timeline_event *ev), void *ctx);

#endif
