/*
 * lights.h - traffic lights (liikennevalot, seed 000): four times a year the
 * whole team rates all its children together green, yellow or red, with the
 * criteria of seed 000 as a checklist per colour and free text.  A round
 * records when it was held and who took part; a rating is never changed
 * (rating again adds a row: the latest row of a round is the child's light
 * in it).  The figures per round are for the leadership.
 *
 * No access decisions here: callers ask the door (model/access.h) first.
 */
#ifndef MAJAKKA_LIGHTS_H
#define MAJAKKA_LIGHTS_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/validate.h"

#define LIGHTS_NOTE_MAX 4000
#define LIGHTS_ROUND_NOTE_MAX 2000
#define LIGHTS_PARTICIPANTS_MAX 32
#define LIGHTS_CRITERIA_MAX 600     /* the comma-separated keys of one rating */

/* "green", "yellow", "red", NULL: from the least to the most worrying. */
extern const char *const lights_colours[];
/* The criteria of seed 000 for colour (stable keys, labelled by
 * "lights.criterion.KEY" in i18n), NULL-terminated; NULL for no colour. */
const char *const *lights_criteria(const char *colour);
/* 0 green, 1 yellow, 2 red; -1 for anything else. */
int lights_rank(const char *colour);

struct light_round {
	int64_t id;
	int64_t team_id;
	char held_on[11];
	char note[LIGHTS_ROUND_NOTE_MAX + 1];
	int64_t created_by;
	char created_by_name[128];
	char created_at[21];
	int rated;                /* children rated in the round */
};

struct light_round_new {
	int64_t team_id;
	const char *held_on;      /* YYYY-MM-DD, not in the future; "" or NULL = today */
	const char *note;
	const int64_t *participants;  /* accounts of the team; at least one */
	int nparticipants;
	int64_t created_by;
};

/* Start a round; *id set.  ERR_INVALID with fe (held_on, note,
 * participants: someone not of the team). */
enum err lights_round_create(struct db *db, const struct light_round_new *r, int64_t *id, struct field_error *fe);
/* One round; ERR_NOT_FOUND. */
enum err lights_round_get(struct db *db, int64_t id, struct light_round *out);
/* The team's latest round (by date, then id); *id 0 when it has none. */
enum err lights_round_latest(struct db *db, int64_t team_id, int64_t *id);
/* The team's rounds, newest first (held_on, then id). */
enum err lights_rounds(struct db *db, int64_t team_id, void (*cb)(void *ctx, const struct light_round *r), void *ctx);
/* The round held before round r of the same team, or *prev_id 0. */
enum err lights_round_previous(struct db *db, const struct light_round *r, int64_t *prev_id);
/* Who took part, by name. */
enum err lights_participants(struct db *db, int64_t round_id,
			     void (*cb)(void *ctx, int64_t account_id, const char *name, const char *role), void *ctx);

struct light_rating {
	int64_t id;
	int64_t round_id;
	int64_t case_id;
	char colour[8];
	char criteria[LIGHTS_CRITERIA_MAX + 1];   /* comma-separated keys */
	char note[LIGHTS_NOTE_MAX * 4 + 1];       /* up to LIGHTS_NOTE_MAX characters of UTF-8 */
	int64_t rated_by;
	char rated_by_name[128];
	char rated_at[21];
	char held_on[11];                         /* the round's date */
};

struct light_rating_new {
	int64_t round_id;
	int64_t case_id;
	const char *colour;
	const char *criteria;     /* comma-separated keys of the colour's criteria, or "" */
	const char *note;
	int64_t rated_by;
};

/* Rate a child of the round's team in the round; *id set.  ERR_INVALID
 * with fe: colour, criteria (one not of the colour), note; case_id when the
 * child is not an open case of the round's team. */
enum err lights_rate(struct db *db, const struct light_rating_new *r, int64_t *id, struct field_error *fe);
/* The light of each child rated in the round (the latest row per child). */
enum err lights_round_ratings(struct db *db, int64_t round_id,
			      void (*cb)(void *ctx, const struct light_rating *r), void *ctx);
/* A child's lights across rounds, newest round first (one per round). */
enum err lights_case_history(struct db *db, int64_t case_id,
			     void (*cb)(void *ctx, const struct light_rating *r), void *ctx);
/* The child's light in the latest round that rated it; *found false when
 * never rated. */
enum err lights_case_current(struct db *db, int64_t case_id, struct light_rating *out, bool *found);

/* The leadership's figures: per round of the team (held_on within from..to,
 * either NULL for open), oldest first, the children per light and how
 * many moved since the round before (worse: towards red; better: towards
 * green; a child counted only when rated in both). */
struct light_counts {
	int64_t round_id;
	char held_on[11];
	int green, yellow, red;
	int worse, better;
	int participants;
};
enum err lights_counts_by_round(struct db *db, int64_t team_id, const char *from, const char *to,
				void (*cb)(void *ctx, const struct light_counts *c), void *ctx);

#endif
