/*
 * hypothesis.h - hypothesis work (hypoteesityöskentely) and the
 * organisation's bank of circular questions (sirkulaariset kysymykset).
 *
 * A hypothesis is written in the systemic meeting or by the child's team;
 * who wrote it and when stay with it.  Its text, status (open, explored, set
 * aside), what was learned and the circular questions a worker picked for it
 * change by new versions: nothing is overwritten (schema/018_toolbox.sql).
 *
 * The question bank holds the questions every organisation starts with
 * (county_id NULL) and those an organisation added, each in fi, sv and/or
 * en.  Who may read or write a child's hypotheses is decided by the access
 * layer (model/tooldoor.h); the bank is not client data (ACT_QUESTION_BANK
 * to extend it).
 */
#ifndef MAJAKKA_HYPOTHESIS_H
#define MAJAKKA_HYPOTHESIS_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/validate.h"

#define HYPOTHESIS_TEXT_MAX 4000
#define HYPOTHESIS_QUESTIONS_MAX 20
#define CIRCQ_TEXT_MAX 500

extern const char *const hypothesis_statuses[];  /* open, explored, set_aside */
extern const char *const hypothesis_origins[];   /* meeting, team */

/* One version of a hypothesis; texts borrowed during the callback. */
struct hypothesis_row {
	int64_t id;               /* the hypothesis */
	int64_t version_id;       /* this version's row (its picked questions) */
	int version;
	int versions;             /* how many versions the hypothesis has */
	char origin[8];
	int64_t author_id;        /* who wrote the hypothesis (version 1) */
	char author_name[128];
	char created_at[21];
	const char *text;
	char status[12];
	const char *learned;
	int64_t changed_by;       /* who wrote this version */
	char changed_by_name[128];
	char changed_at[21];
};

struct hypothesis_new {
	int64_t case_id;
	const char *origin;       /* meeting | team */
	const char *text;
	const char *status;       /* NULL or "" = open */
	const char *learned;
	const int64_t *questions; /* picked circular questions */
	int nquestions;
	int64_t county_id;        /* the bank the questions must come from */
	int64_t author_id;
};

/* A change: NULL keeps the text, status or learned as they were; the
 * questions are replaced only when questions_set. */
struct hypothesis_change {
	const char *text, *status, *learned;
	const int64_t *questions;
	int nquestions;
	bool questions_set;
	int64_t county_id;
	int64_t author_id;
};

enum err hypothesis_add(struct db *db, const struct hypothesis_new *h, int64_t *id, struct field_error *fe);
/* Save a new version of hypothesis id (of case_id).  ERR_NOT_FOUND when it is
 * not that case's; ERR_INVALID with fe. */
enum err hypothesis_update(struct db *db, int64_t id, int64_t case_id, const struct hypothesis_change *c,
			   int *version, struct field_error *fe);
/* The case of hypothesis id (for the access check): ERR_NOT_FOUND. */
enum err hypothesis_case(struct db *db, int64_t id, int64_t *case_id);
/* Every version of the case's hypotheses: newest hypothesis first, its
 * latest version first. */
enum err hypothesis_list(struct db *db, int64_t case_id,
			 void (*cb)(void *ctx, const struct hypothesis_row *r), void *ctx);

/* A circular question; texts borrowed during the callback. */
struct circq_row {
	int64_t id;
	bool builtin;             /* in every organisation's bank from the start */
	const char *text_fi, *text_sv, *text_en;
	char added_by_name[128];  /* "" for built-in ones */
	char created_at[21];
};
/* The text in lang, else in fi, sv or en, whichever there is. */
const char *circq_text(const struct circq_row *q, const char *lang);

/* The bank of county_id (its own and the built-in questions), oldest first. */
enum err circq_list(struct db *db, int64_t county_id, void (*cb)(void *ctx, const struct circq_row *q), void *ctx);
/* The questions picked for the case's hypotheses' versions. */
enum err circq_picked(struct db *db, int64_t case_id,
		      void (*cb)(void *ctx, int64_t version_id, const struct circq_row *q), void *ctx);
/* Add a question to county_id's bank: at least one of the texts (fields
 * text_fi, text_sv, text_en).  *id set. */
enum err circq_add(struct db *db, int64_t county_id, const char *fi, const char *sv, const char *en,
		   int64_t added_by, int64_t *id, struct field_error *fe);

#endif
