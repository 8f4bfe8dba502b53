/*
 * plan.h - the joint client plan (yhteinen asiakassuunnitelma): who takes
 * part and in what role, the shared goals in the family's words, how the
 * work is done and how progress is evaluated, the next review; tasks with
 * an owner, a due date and a status; 1-10 ratings per goal over time.
 *
 * Every save is a new version (schema/021_plan.sql); older versions stay
 * readable.  Tasks and ratings belong to the case's plan as a whole.
 * Access is decided by the door (model/access.h) on the child, field
 * FIELD_PLAN; this module only reads and writes, on the connection given
 * (writes: the writer's, inside access_write).  The one exception is
 * plan_task_tick, which asks the door itself because who may tick a task
 * depends on who owns it.
 */
#ifndef MAJAKKA_PLAN_H
#define MAJAKKA_PLAN_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/access.h"
#include "model/validate.h"

#define PLAN_TEXT_MAX 2000      /* characters of how_work, evaluation, a view */
#define PLAN_GOALS_MAX 10
#define PLAN_GOAL_MAX 300       /* characters of one goal */
#define PLAN_PARTICIPANTS_MAX 24
#define PLAN_TASK_MAX 300
#define PLAN_REVIEW_SOON_DAYS 14  /* "my work" reminds this many days before */

/* One version's head. */
struct plan_head {
	int64_t id;
	int64_t case_id;
	int version;
	char how_work[PLAN_TEXT_MAX * 4 + 1];
	char evaluation[PLAN_TEXT_MAX * 4 + 1];
	char next_review[11];
	char created_at[21];
	char created_by[401];   /* display name */
	int versions;           /* how many versions the plan has */
};

struct plan_participant_row {
	int64_t account_id;     /* 0 when not an account */
	int64_t person_id;      /* 0 when not a family member */
	char name[401];
	char role[401];         /* title of a worker or partner; "child", "parent"... */
	char kind[16];          /* "worker", "partner", "family", "other" */
};

struct plan_task_row {
	int64_t id;
	int64_t case_id;
	int64_t child_id;
	char text[PLAN_TASK_MAX * 4 + 1];
	int64_t owner_account_id;
	int64_t owner_person_id;
	char owner_name[401];
	char due_date[11];
	char status[8];         /* "open", "done" */
	char done_at[21];
	char done_by[401];
};

/* What a save sends. */
struct plan_new {
	int64_t case_id;
	int64_t by;                    /* account */
	const char *goals;             /* one goal per line */
	const char *how_work;
	const char *evaluation;
	const char *next_review;       /* YYYY-MM-DD */
	const int64_t *account_ids;    /* participants: workers and partners */
	int naccounts;
	const int64_t *person_ids;     /* participants: the child and family */
	int npersons;
	const char *others;            /* other participants, one "name, role" per line */
};

struct plan_task_new {
	int64_t case_id;
	int64_t by;
	const char *text;
	const char *owner;   /* "a<account id>" or "p<person id>": a participant of the current version */
	const char *due_date;
};

/* The version asked (0: the newest) of case_id's plan.  ERR_NOT_FOUND when
 * there is no plan (or no such version). */
enum err plan_get(struct db *db, int64_t case_id, int version, struct plan_head *out);
enum err plan_versions(struct db *db, int64_t case_id,
		       void (*cb)(void *ctx, int version, const char *created_at, const char *by), void *ctx);
enum err plan_participants(struct db *db, int64_t version_id,
			   void (*cb)(void *ctx, const struct plan_participant_row *r), void *ctx);
enum err plan_goals(struct db *db, int64_t version_id, void (*cb)(void *ctx, int goal_no, const char *text),
		    void *ctx);
/* Tasks of the case, open ones first by due date. */
enum err plan_tasks(struct db *db, int64_t case_id, void (*cb)(void *ctx, const struct plan_task_row *r),
		    void *ctx);
/* Ratings of the case by goal, then date. */
enum err plan_ratings(struct db *db, int64_t case_id,
		      void (*cb)(void *ctx, int goal_no, const char *rated_on, int score), void *ctx);
/* Who may be a participant: the child's team (accounts), the child and
 * their guardians (persons).  For the plan form. */
enum err plan_candidates(struct db *db, int64_t case_id, void (*cb)(void *ctx, const struct plan_participant_row *r),
			 void *ctx);

/* Save a new version.  ERR_INVALID with fe. */
enum err plan_save(struct db *db, const struct plan_new *n, int *version, struct field_error *fe);
enum err plan_task_add(struct db *db, const struct plan_task_new *t, int64_t *id, struct field_error *fe);
/* A rating of goal_no (of the current version) on rated_on ("" today). */
enum err plan_rate(struct db *db, int64_t case_id, int64_t by, int64_t goal_no, int64_t score,
		   const char *rated_on, struct field_error *fe);

/* The door for the plan of child_id: access_check with action a, and
 * FIELD_PLAN among the fields the decision shows (a partner who does not
 * take part in the plan reads the child's minimum data, not the plan: that
 * is logged as a refusal, reason plan_not_shown).  ERR_DENIED, as
 * access_check otherwise. */
enum err plan_access(struct access_ctx *ax, struct db *db, int64_t child_id, enum action a, const char *log_action,
		     struct access_answer *ans);

/* Tick task_id done for ax's principal, through the door: a case worker
 * any task of the case (ACT_CLIENT_WRITE), a partner their own
 * (ACT_RECORD_WRITE), a family member their own (ACT_FAMILY_WRITE); logged
 * as plan_task_done with the data, in one transaction.  ERR_DENIED (logged),
 * ERR_NOT_FOUND, ERR_CONFLICT (fe) when it is done already.  *t is the task
 * as it is after. */
enum err plan_task_tick(struct access_ctx *ax, struct db *db, struct writer *w, int64_t task_id,
			struct access_answer *ans, struct plan_task_row *t, struct field_error *fe);

/* The plan's state for reminders: *has_plan, next_review ("" if none). */
enum err plan_review_of(struct db *db, int64_t case_id, bool *has_plan, char next_review[11]);

/* ---- the family's own views ---- */
struct family_view_row {
	int64_t id;
	int64_t person_id;
	char name[204];
	char text[PLAN_TEXT_MAX * 4 + 1];
	bool shared;
	char created_at[21];
};
/* Save person_id's view of case_id's matter (a new row). */
enum err family_view_save(struct db *db, int64_t case_id, int64_t person_id, int64_t account_id, const char *text,
			  bool shared, struct field_error *fe);
/* The newest view of each person on case_id.  reader_person: a family
 * member sees their own and the shared ones of others; 0 (a case worker):
 * every view. */
enum err family_views(struct db *db, int64_t case_id, int64_t reader_person,
		      void (*cb)(void *ctx, const struct family_view_row *r), void *ctx);
/* The children a family member's portal shows: themself when they have a
 * case, and the children they are a guardian of. */
enum err family_children(struct db *db, int64_t person_id, void (*cb)(void *ctx, int64_t child_id), void *ctx);

#endif
