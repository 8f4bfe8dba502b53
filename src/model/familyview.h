/*
 * familyview.h - the family view (perhenäkymä, issue 15): one glance at a
 * child's family across sectors, the services each member uses or has used
 * (person_service, schema/023_family_view.sql), and the family portal's
 * upcoming meetings.
 *
 * Who may read or write is the access layer's: the callers ask
 * access_check_fields(..., FIELD_SERVICES, ...) on the child first, which
 * logs the read (and a partner's read as a disclosure).  What this module
 * adds is what the answer's audience may see of one row: a service of a
 * person under non-disclosure (person.non_disclosure, turvakielto) shows
 * its place and contact only to the child's own workers
 * (familyview_shows_place).
 */
#ifndef MAJAKKA_FAMILYVIEW_H
#define MAJAKKA_FAMILYVIEW_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/policy.h"
#include "model/validate.h"

#define FAMILYVIEW_TEXT_MAX 200     /* organisation, service, worker: characters */
#define FAMILYVIEW_CONTACT_MAX 200
#define FAMILYVIEW_MAX_MEMBERS 64
#define FAMILYVIEW_MAX_SERVICES 400

/* One member of the child's family: the child, or a person related to the
 * child in the register. */
struct familyview_member {
	int64_t person_id;
	char name[204];
	char relation[20];        /* "self" for the child, else relation_kinds' */
	char birth_date[11];
	bool non_disclosure;
};

/* The child and the persons related to the child, the child first. */
enum err familyview_members(struct db *db, int64_t child_id,
			    void (*cb)(void *ctx, const struct familyview_member *m), void *ctx);

/* One service of a member, as the reader may see it. */
struct person_service_row {
	int64_t id, person_id, service_id;   /* service_id 0: free text */
	char org_name[FAMILYVIEW_TEXT_MAX * 4 + 1];
	char org_kind[32];        /* the partner map's kind, "" for free text */
	char service_name[FAMILYVIEW_TEXT_MAX * 4 + 1];
	char worker_name[FAMILYVIEW_TEXT_MAX * 4 + 1];
	char worker_contact[FAMILYVIEW_CONTACT_MAX * 4 + 1];
	char from_date[11], to_date[11];     /* to_date "" while it goes on */
	char recorded_by[128];
	char recorded_at[21];
	bool current;             /* going on today */
	bool hidden;              /* place and contact withheld (non-disclosure) */
};

/* May an audience decided d see the place and contact of a service of a
 * person whose non_disclosure is nd: the child's workers (and a live
 * break-the-glass grant) always, anyone else only without non-disclosure. */
bool familyview_shows_place(const struct decision *d, bool non_disclosure);

/* The services of the child_id's family members (familyview_members),
 * current first, then by start day, newest first; each as the reader
 * decided d may see it (familyview_shows_place: org, service, worker and
 * contact emptied and hidden set).  The caller has asked the door for
 * FIELD_SERVICES. */
enum err familyview_services(struct db *db, int64_t child_id, const struct decision *d,
			     void (*cb)(void *ctx, const struct person_service_row *r), void *ctx);

struct person_service_new {
	int64_t case_id, child_id, county_id;
	const char *person_id;    /* a member of the child's family, as text */
	const char *service_id;   /* "" or a partner_service of the county, as text */
	const char *org_name;     /* free text: organisation ... */
	const char *service_name; /* ... and service (required without service_id) */
	const char *worker_name;
	const char *worker_contact;
	const char *from_date;    /* YYYY-MM-DD, required, not in the future */
	const char *to_date;      /* "" or YYYY-MM-DD, not before from_date */
	int64_t by;
};

/* Validate and record; *id set.  ERR_INVALID with fe naming the field
 * (person_id, service_id, service_name, org_name, worker_name,
 * worker_contact, from_date, to_date). */
enum err person_service_add(struct db *db, const struct person_service_new *n, int64_t *id,
			    struct field_error *fe);

/* One upcoming meeting the family is invited to. */
struct familyview_meeting {
	int64_t meeting_id;
	char kind[16];
	char meets_on[11];
	char start_time[6];
	int minutes;
	char place[201];
	char video_url[501];
	char team_name[128];
};

/* The meetings from from_day on, not cancelled, with an item about case_id
 * that is a client-team meeting, or to which a family member (a person of
 * the child's family, the account account_id, or anyone invited as family)
 * is invited.  By day and time; at most max.  The caller has asked the door
 * (the family's read of the child). */
enum err familyview_meetings(struct db *db, int64_t case_id, int64_t child_id, int64_t account_id,
			     const char *from_day, int max,
			     void (*cb)(void *ctx, const struct familyview_meeting *m), void *ctx);

#endif
