/*
 * meeting.h - the systemic weekly meeting (issue 14, part 1).
 *
 * A team schedules its weekly meeting as a series (weekday, time, place or
 * video link); the series' meetings are rows of their own so one week can
 * move or become a client-team meeting (family and close network present)
 * without moving the rest.  The coordinator prepares each meeting with the
 * responsible workers: an agenda of families (a child's case), each with
 * the question the worker brings, who is invited and where the family
 * stands in the four-step network process.  After the meeting the record
 * per family: who took part, present or not; hypotheses, reflections,
 * decisions, the questions always asked (seed 003) and the family's
 * feedback; and tasks with owner and due date.
 *
 * Who may see what is decided by the access layer: meeting_item_open()
 * asks access_check on the item's child and adds the one rule of its own
 * here, that an account invited to an item sees that item's time, place
 * and question even without FIELD_PRACTICE.
 */
#ifndef MAJAKKA_MEETING_H
#define MAJAKKA_MEETING_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/access.h"
#include "model/validate.h"

#define MEETING_TEXT_MAX 8000
#define MEETING_MAX_PEOPLE 40
#define MEETING_MAX_TASKS 20
#define MEETING_MAX_QUESTIONS 40

extern const char *const meeting_kinds[];   /* professional, client */
extern const char *const meeting_roles[];   /* worker, family_therapist, consulting, partner, family, close_network */

/* ---- series and meetings -------------------------------------------------- */

struct meeting_series_new {
	int64_t team_id;
	const char *kind;         /* NULL: professional */
	int64_t weekday;          /* 1 = Monday .. 7 */
	const char *start_time;   /* HH:MM */
	int64_t minutes;          /* 0: 90 */
	const char *place;
	const char *video_url;
	const char *starts_on;    /* NULL or "": today */
	int64_t weeks;            /* 0: 12 */
	int64_t by;
};

struct meeting_series_row {
	int64_t id, team_id;
	char team_name[128];
	char kind[16];
	int weekday;
	char start_time[6];
	int minutes;
	char place[201];
	char video_url[501];
	char starts_on[11];
	int weeks;
	char ends_on[11];         /* the last meeting's day */
};

struct meeting_row {
	int64_t id, team_id, series_id;
	char team_name[128];
	char kind[16];
	char series_on[11];       /* the series' day for it ("" for a single meeting) */
	char meets_on[11];
	char start_time[6];
	int minutes;
	char place[201];
	char video_url[501];
	bool cancelled;
	int items, prepared, recorded;  /* agenda items, of them prepared, recorded */
};

/* Validate and store a series and its weeks meetings (the first on the
 * first weekday on or after starts_on).  *series_id set; ERR_INVALID. */
enum err meeting_series_create(struct db *db, const struct meeting_series_new *s, int64_t *series_id,
			       struct field_error *fe);
enum err meeting_series_list(struct db *db, int64_t team_id,
			     void (*cb)(void *ctx, const struct meeting_series_row *r), void *ctx);
enum err meeting_get(struct db *db, int64_t id, struct meeting_row *out);
/* A team's meetings from from_day to to_day (inclusive; "" = open), by day. */
enum err meeting_list_team(struct db *db, int64_t team_id, const char *from_day, const char *to_day,
			   void (*cb)(void *ctx, const struct meeting_row *r), void *ctx);

/* A change of one meeting; NULL / -1 leaves a field as it is. */
struct meeting_patch {
	const char *kind, *meets_on, *start_time, *place, *video_url;
	int64_t minutes;          /* 0: unchanged */
	int cancelled;            /* -1: unchanged */
	int64_t by;
};
enum err meeting_update(struct db *db, int64_t id, const struct meeting_patch *p, struct field_error *fe);

/* ---- agenda --------------------------------------------------------------- */

struct meeting_item_row {
	int64_t id, meeting_id, case_id, child_id, team_id, worker_id;
	char worker_name[128];
	char question[2001];
	int step;                 /* 1..4, the network process */
	bool prepared, recorded;
	char meets_on[11];
};

struct meeting_invite_in {
	int64_t account_id, person_id;
	const char *name;
	const char *role;
};

struct meeting_item_new {
	int64_t meeting_id, case_id, worker_id;   /* worker_id 0: the case's responsible worker */
	const char *question;
	int64_t step;             /* 0: 1 */
	bool prepared;
	const struct meeting_invite_in *invites;
	int ninvites;
	int64_t by;
};

/* Put a family on the agenda, or change its preparation (the same meeting
 * and case): question, worker, step, prepared; invitations are added.
 * *item_id set.  ERR_INVALID (fe) for a case of another team. */
enum err meeting_item_save(struct db *db, const struct meeting_item_new *n, int64_t *item_id,
			   struct field_error *fe);
enum err meeting_item_get(struct db *db, int64_t item_id, struct meeting_item_row *out);
enum err meeting_items(struct db *db, int64_t meeting_id,
		       void (*cb)(void *ctx, const struct meeting_item_row *r), void *ctx);
/* The items about one case, newest meeting first. */
enum err meeting_items_of_case(struct db *db, int64_t case_id,
			       void (*cb)(void *ctx, const struct meeting_item_row *r), void *ctx);

/* The meetings from from_day on with an item account_id is invited to
 * (times and places only), by day. */
enum err meeting_invited_upcoming(struct db *db, int64_t account_id, const char *from_day,
				  void (*cb)(void *ctx, const struct meeting_row *r), void *ctx);

struct meeting_person_row {
	int64_t id, account_id, person_id;
	char name[204];
	char role[20];
	bool present;
};
enum err meeting_invites(struct db *db, int64_t item_id,
			 void (*cb)(void *ctx, const struct meeting_person_row *r), void *ctx);

/* ---- who sees an item ------------------------------------------------------ */

enum meeting_view {
	MEETING_VIEW_NONE,        /* nothing of this item */
	MEETING_VIEW_INVITED,     /* time, place, question: the reader is invited */
	MEETING_VIEW_FULL,        /* everything (FIELD_PRACTICE) */
};

/* Decide item for ax's principal: access_check on its child with action a
 * (logged as log_action), FULL when the answer has FIELD_PRACTICE, else
 * INVITED when the principal's account is invited to this item.  ans is
 * filled when access_check was asked.  ERR_OK with *view NONE when refused
 * (logged); storage errors. */
enum err meeting_item_open(struct access_ctx *ax, struct db *db, const struct meeting_item_row *item,
			   enum action a, const char *log_action, struct access_answer *ans,
			   enum meeting_view *view);
/* May ax's principal see the team's meetings at all (times, places, the
 * agenda's count)?  access_team ACT_CLIENT_LIST, logged as log_action on
 * "meeting" unless NULL.  *manager_only: a manager of the unit (figures, no
 * names). */
enum err meeting_team_open(struct access_ctx *ax, struct db *db, int64_t team_id, enum action a,
			   const char *log_action, struct decision *d);

/* ---- record and tasks ------------------------------------------------------ */

struct meeting_task_in {
	const char *text;
	int64_t owner_id;
	const char *due_on;
};

struct meeting_record_new {
	int64_t item_id;
	const char *hypotheses, *reflections, *decisions;
	int64_t feedback_score;   /* 0: none given */
	const char *feedback_text;
	struct meeting_invite_in people[MEETING_MAX_PEOPLE];
	bool present[MEETING_MAX_PEOPLE];
	int npeople;
	struct meeting_task_in tasks[MEETING_MAX_TASKS];
	int ntasks;
	int64_t questions[MEETING_MAX_QUESTIONS];
	int nquestions;
	int64_t by;
};

struct meeting_record_row {
	int64_t item_id;
	char hypotheses[MEETING_TEXT_MAX + 1];
	char reflections[MEETING_TEXT_MAX + 1];
	char decisions[MEETING_TEXT_MAX + 1];
	bool family_present;
	int feedback_score;       /* 0: none */
	char feedback_text[2001];
	int64_t recorded_by;
	char recorded_by_name[128];
	char recorded_at[21];
};

/* Write the record of an item once (ERR_CONFLICT the second time, with fe
 * on "item_id"), its participants, the questions asked, and its tasks.
 * family_present is worked out from the participants (family or close
 * network present). */
enum err meeting_record_save(struct db *db, const struct meeting_record_new *r, struct field_error *fe);
/* *found false when the item has no record yet. */
enum err meeting_record_get(struct db *db, int64_t item_id, struct meeting_record_row *out, bool *found);
enum err meeting_participants(struct db *db, int64_t item_id,
			      void (*cb)(void *ctx, const struct meeting_person_row *r), void *ctx);
struct meeting_question_row;
/* The questions asked in an item's discussion, in their set's order. */
enum err meeting_asked(struct db *db, int64_t item_id, void (*cb)(void *ctx, const struct meeting_question_row *q),
		       void *ctx);

struct meeting_task_row {
	int64_t id, item_id, meeting_id, case_id, child_id, owner_id;
	char text[1001];
	char owner_name[128];
	char due_on[11];
	char done_at[21];         /* "" while open */
	char meets_on[11];
};
enum err meeting_tasks_of_item(struct db *db, int64_t item_id,
			       void (*cb)(void *ctx, const struct meeting_task_row *r), void *ctx);
/* The open tasks an account owns, by due date. */
enum err meeting_tasks_of_owner(struct db *db, int64_t owner_id,
				void (*cb)(void *ctx, const struct meeting_task_row *r), void *ctx);
enum err meeting_task_get(struct db *db, int64_t task_id, struct meeting_task_row *out);
/* May ax's principal tick task t done?  access_check ACT_RECORD_WRITE on
 * its child (logged as "update"), and then the task's owner or a reader
 * with FIELD_PRACTICE (the child's workers).  ERR_DENIED otherwise. */
enum err meeting_task_open(struct access_ctx *ax, struct db *db, const struct meeting_task_row *t,
			   struct access_answer *ans);
/* Tick a task done (once: ERR_CONFLICT with fe when done already). */
enum err meeting_task_done(struct db *db, int64_t task_id, int64_t by, struct field_error *fe);

/* ---- the questions always asked (seed 003) -------------------------------- */
/* Every organisation starts with seed 003's sets (schema/015_meetings.sql
 * copies them to each county) and edits its own. */

struct meeting_question_row {
	int64_t id;
	char audience[8];         /* child, youth, family */
	char stage[12];           /* first, follow_up */
	int position;
	char text_fi[501], text_sv[501], text_en[501];
	bool active;
};
extern const char *const meeting_audiences[];
extern const char *const meeting_stages[];
enum err meeting_questions(struct db *db, int64_t county_id, bool active_only,
			   void (*cb)(void *ctx, const struct meeting_question_row *r), void *ctx);
/* Add (id 0) or change a question of county_id's sets; *id set. */
enum err meeting_question_save(struct db *db, int64_t county_id, struct meeting_question_row *q,
			       struct field_error *fe);

/* ---- figures leadership asked for ------------------------------------------ */

#define MEETING_PRACTICE_MONTHS 6
struct meeting_practice {
	struct {
		char month[8];        /* YYYY-MM */
		int meetings;         /* meetings held (not cancelled, in the past) */
		int discussed;        /* families recorded */
		int family_present;   /* of them with family or close network present */
	} months[MEETING_PRACTICE_MONTHS];   /* oldest first, the current month last */
	int open_children;        /* the team's open cases */
	int discussed_3m;         /* of them discussed in the last 3 months */
};
/* Figures of team_id up to today; cb (may be NULL) gets each open case
 * with the day it was last discussed ("" never), longest ago first. */
enum err meeting_practice(struct db *db, int64_t team_id, struct meeting_practice *out,
			  void (*cb)(void *ctx, int64_t case_id, int64_t child_id, const char *child_name,
				     const char *last_day),
			  void *ctx);

/* ---- the calendar feed ------------------------------------------------------ */

/* A new private feed token for account_id (earlier ones revoked): the token
 * goes to token_out (TOKEN_STR_MAX), only its hash is stored. */
enum err meeting_feed_create(struct db *db, int64_t account_id, char *token_out);
enum err meeting_feed_revoke(struct db *db, int64_t account_id);
/* The account of a live feed token; ERR_NOT_FOUND for unknown or revoked. */
enum err meeting_feed_account(struct db *db, const char *token, int64_t *account_id);
/* Whether the account has a live feed. */
enum err meeting_feed_live(struct db *db, int64_t account_id, bool *live);
/* What an account's feed shows: the series of its teams (cb_series), and
 * the meetings (cb): those of its teams, with member true, and those of
 * items it is invited to, member false.  No child's name. */
enum err meeting_feed(struct db *db, int64_t account_id,
		      void (*cb_series)(void *ctx, const struct meeting_series_row *r),
		      void (*cb)(void *ctx, const struct meeting_row *r, bool member), void *ctx);

#endif
