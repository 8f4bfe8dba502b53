/*
 * consultation.h - consultations (konsultaatio, seeds 002 and 004): a worker
 * asks a consulting social worker, the family therapist or another
 * specialist about a child's matter.  The question is written once and the
 * answer once (only by the consultant named on it); the time to answer is
 * kept as the two timestamps.  The leadership's figure: per month, how many
 * were asked and answered, the median and the longest time to answer.
 *
 * No access decisions here: callers ask the door (access_check_consultation
 * in model/access.h) first.
 */
#ifndef MAJAKKA_CONSULTATION_H
#define MAJAKKA_CONSULTATION_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/validate.h"

#define CONSULTATION_QUESTION_MAX 4000
#define CONSULTATION_ANSWER_MAX 8000

struct consultation_row {
	int64_t id;
	int64_t case_id;
	int64_t child_id;
	int64_t team_id;
	int64_t asked_by;
	char asked_by_name[128];
	int64_t consultant_id;
	char consultant_name[128];
	char consultant_role[32];
	char asked_at[21];
	char answered_at[21];     /* "" while open */
	bool open;
	int64_t answer_minutes;   /* -1 while open */
	char *question;           /* owned by the row (consultation_row_release) */
	char *answer;             /* "" while open */
};
void consultation_row_release(struct consultation_row *c);

struct consultation_new {
	int64_t case_id;
	int64_t asked_by;
	int64_t consultant_id;
	const char *question;
};

/* Ask; *id set.  ERR_INVALID with fe: question (1..4000, not blank),
 * consultant_id (an active worker of the county, not oneself, not the
 * administrator). */
enum err consultation_create(struct db *db, int64_t county_id, const struct consultation_new *c, int64_t *id,
			     struct field_error *fe);
/* One consultation (release it); ERR_NOT_FOUND. */
enum err consultation_get(struct db *db, int64_t id, struct consultation_row *out);
/* A case's consultations, newest first. */
enum err consultation_list_case(struct db *db, int64_t case_id,
				void (*cb)(void *ctx, const struct consultation_row *c), void *ctx);
/* The open consultations waiting for the consultant's answer, oldest first. */
enum err consultation_list_waiting(struct db *db, int64_t consultant_id,
				   void (*cb)(void *ctx, const struct consultation_row *c), void *ctx);
/* The consultations asked_by asked ("my open questions"): those still
 * waiting for an answer, then those answered at or after answered_since
 * (an ISO timestamp), newest first; at most CONSULTATION_ASKED_MAX. */
#define CONSULTATION_ASKED_MAX 100
enum err consultation_list_asked(struct db *db, int64_t asked_by, const char *answered_since,
				 void (*cb)(void *ctx, const struct consultation_row *c), void *ctx);
/* Answer consultation id as consultant_id.  ERR_INVALID with fe (answer);
 * ERR_CONFLICT with fe when it has been answered already. */
enum err consultation_answer(struct db *db, int64_t id, int64_t consultant_id, const char *answer,
			     struct field_error *fe);

/* Whom one may consult in the county: consulting social workers and
 * family therapists (active), by name. */
enum err consultation_consultants(struct db *db, int64_t county_id,
				  void (*cb)(void *ctx, int64_t id, const char *name, const char *role), void *ctx);

/* Minutes between two "YYYY-MM-DDTHH:MM:SSZ" timestamps; -1 when unreadable. */
int64_t consultation_minutes(const char *from, const char *to);

/* The leadership's figures for the consultations asked about the team's
 * children, per month of asking ("YYYY-MM" within from..to, either NULL
 * for open), oldest first. */
struct consultation_month {
	char month[8];
	int asked;
	int answered;
	int64_t median_minutes;   /* of the answered; -1 when none */
	int64_t longest_minutes;  /* -1 when none */
};
enum err consultation_answer_times(struct db *db, int64_t team_id, const char *from, const char *to,
				   void (*cb)(void *ctx, const struct consultation_month *m), void *ctx);

#endif
