/*
 * notification.h - child welfare notifications, contacts and applications
 * with their legal clocks (model/deadline.h), and client contacts to a team
 * with response-time figures (reachability).
 */
#ifndef MAJAKKA_NOTIFICATION_H
#define MAJAKKA_NOTIFICATION_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/org.h"
#include "model/validate.h"

extern const char *const notification_kinds[];
extern const char *const sender_types[];

/* The longest sender name and notification text, in characters. */
#define NOTIFICATION_SENDER_CHARS 200
#define NOTIFICATION_TEXT_CHARS 4000

struct notification_row {
	int64_t id;
	int64_t case_id;
	char kind[16];
	char received_at[17];     /* local time "YYYY-MM-DDTHH:MM" */
	char received_date[11];
	int64_t received_by;
	char received_by_name[128];
	char sender_type[24];
	char sender_name[NOTIFICATION_SENDER_CHARS * 4 + 1];  /* in UTF-8 */
	char text[NOTIFICATION_TEXT_CHARS * 4 + 1];
	char urgency[12];         /* "", urgent, not_urgent */
	char urgency_at[21];
	char urgency_by_name[128];
	char decision_due[11];
	char assessment_due[11];
	char decision[20];        /* "", start_assessment, no_assessment */
	char decision_at[11];
	char assessment_done_at[11];
	char child_name[204];
	int64_t child_id;
	char team_name[TEAM_NAME_SIZE];
};

/* Validate, compute the clocks from received_at, insert.  n->id set. */
enum err notification_create(struct db *db, struct notification_row *n, struct field_error *fe);
/* Record the immediate urgency assessment (who, when, outcome). */
enum err notification_set_urgency(struct db *db, int64_t id, const char *urgency, int64_t by,
				  struct field_error *fe);
/* Record the decision whether to start a service-need assessment, on date. */
enum err notification_decide(struct db *db, int64_t id, const char *decision, const char *date, int64_t by,
			     struct field_error *fe);
/* Mark the service-need assessment complete on date. */
enum err notification_complete(struct db *db, int64_t id, const char *date, struct field_error *fe);
enum err notification_get(struct db *db, int64_t id, struct notification_row *out);
enum err notification_list_case(struct db *db, int64_t case_id,
				void (*cb)(void *ctx, const struct notification_row *n), void *ctx);

/* One open legal clock. */
struct clock_row {
	int64_t notification_id;
	int64_t case_id;
	int64_t child_id;
	char child_name[204];
	char team_name[TEAM_NAME_SIZE];
	char responsible_name[128];
	char kind[12];            /* decision, assessment */
	char due[11];
	int days_left;            /* negative when overdue */
};

/* Open clocks due on or before `until` ("" = all), for the cases where
 * account_id sits on the child's team today, in any role (account_id > 0) or of team_id
 * (team_id > 0), or of a whole county (both 0; county_id 0 too: every
 * organisation), ordered by due date. */
enum err clocks_open(struct db *db, int64_t county_id, int64_t account_id, int64_t team_id, const char *until,
		     void (*cb)(void *ctx, const struct clock_row *r), void *ctx);

/* ---- client contacts ---- */
extern const char *const contact_channels[];

struct contact_new {
	int64_t team_id;
	int64_t case_id;          /* 0 when not tied to a case */
	const char *received_at;  /* "YYYY-MM-DDTHH:MM" */
	const char *channel;
	int64_t answered_by;
	const char *first_response_at;  /* "" when not yet answered */
	const char *note;
};

enum err contact_create(struct db *db, const struct contact_new *c, int64_t *id, struct field_error *fe);

struct contact_stats {
	int contacts;
	int answered;
	int median_minutes;       /* -1 when nothing answered */
	int same_day_percent;     /* answered on the same working day, of all */
};
/* Figures of team_id for contacts received since `since` (YYYY-MM-DD). */
enum err contact_stats(struct db *db, int64_t team_id, const char *since, struct contact_stats *out);

/* Validate "YYYY-MM-DDTHH:MM" local time. */
bool local_datetime_valid(const char *s);

#endif
