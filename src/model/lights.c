/*
 * lights.c - traffic-light rounds and ratings (see lights.h).
 */
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/lights.h"

const char *const lights_colours[] = { "green", "yellow", "red", NULL };

/* Seed 000 (Hämeenlinna 2019), slide "Liikennevalot". */
static const char *const green_criteria[] = { "green_other_services", "green_ending", "green_follow_up",
					      "green_shl_enough", NULL };
static const char *const yellow_criteria[] = { "yellow_crisis_threat", "yellow_regular_work", "yellow_long_process",
					       "yellow_investigations", "yellow_conflicting_info",
					       "yellow_alternating", NULL };
static const char *const red_criteria[] = { "red_placement", "red_family_rehabilitation", "red_many_services",
					    "red_refusing_support", "red_acute_crisis", "red_explosive",
					    "red_no_cooperation", "red_takes_time", NULL };

const char *const *lights_criteria(const char *colour)
{
	switch (lights_rank(colour)) {
	case 0: return green_criteria;
	case 1: return yellow_criteria;
	case 2: return red_criteria;
	default: return NULL;
	}
}

int lights_rank(const char *colour)
{
	for (int i = 0; colour && lights_colours[i]; i++)
		if (!strcmp(colour, lights_colours[i]))
			return i;
	return -1;
}

/* ---- rounds ---------------------------------------------------------------- */

static enum err team_member(struct db *db, int64_t team_id, int64_t account_id, bool *yes)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT 1 FROM team_member m JOIN account a ON a.id = m.account_id"
				    " WHERE m.team_id = ? AND m.account_id = ? AND a.active = 1", &st);
	if (e)
		return e;
	db_bind_int(st, 1, team_id);
	db_bind_int(st, 2, account_id);
	e = db_step(st, yes);
	db_done(st);
	return e;
}

enum err lights_round_create(struct db *db, const struct light_round_new *r, int64_t *id, struct field_error *fe)
{
	struct db_stmt *st;
	struct date d;
	char date[11], now[21];
	enum err e = validate_text(r->note, "note", 0, LIGHTS_ROUND_NOTE_MAX, true, fe);

	if (e)
		return e;
	if (!r->held_on || !*r->held_on) {
		date_format(date_today(), date);
	} else {
		if (date_parse(r->held_on, &d))
			return validate_fail(fe, "held_on", "invalid_date", "held_on must be a real date as YYYY-MM-DD");
		if (date_cmp(d, date_today()) > 0)
			return validate_fail(fe, "held_on", "future", "held_on cannot be in the future");
		date_format(d, date);
	}
	if (r->nparticipants < 1)
		return validate_fail(fe, "participants", "required", "participants: tick who took part in the round");
	for (int i = 0; i < r->nparticipants; i++) {
		bool yes = false;
		e = team_member(db, r->team_id, r->participants[i], &yes);
		if (e)
			return e;
		if (!yes)
			return validate_fail(fe, "participants", "not_your_team",
					     "participants: account %lld is not a member of this team",
					     (long long)r->participants[i]);
	}
	e = db_prepare(db, "INSERT INTO light_round(team_id, held_on, note, created_by, created_at) VALUES (?,?,?,?,?)",
		       &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, r->team_id);
	db_bind_text(st, 2, date);
	db_bind_text(st, 3, r->note ? r->note : "");
	db_bind_int(st, 4, r->created_by);
	db_bind_text(st, 5, now);
	e = db_run(st);
	if (e)
		return e;
	*id = db_last_id(db);
	for (int i = 0; !e && i < r->nparticipants; i++) {
		/* A name ticked twice counts once. */
		e = db_prepare(db, "INSERT INTO light_participant(round_id, account_id) VALUES (?, ?)"
				   " ON CONFLICT DO NOTHING", &st);
		if (e)
			break;
		db_bind_int(st, 1, *id);
		db_bind_int(st, 2, r->participants[i]);
		e = db_run(st);
	}
	return e;
}

#define ROUND_COLS "r.id, r.team_id, r.held_on, r.note, r.created_by, a.display_name, r.created_at," \
	" (SELECT count(DISTINCT case_id) FROM light_rating x WHERE x.round_id = r.id)"

static void round_row(struct db_stmt *st, struct light_round *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->team_id = db_col_int(st, 1);
	str_lcpy(r->held_on, db_col_text(st, 2), sizeof(r->held_on));
	str_lcpy(r->note, db_col_text(st, 3), sizeof(r->note));
	r->created_by = db_col_int(st, 4);
	str_lcpy(r->created_by_name, db_col_text(st, 5), sizeof(r->created_by_name));
	str_lcpy(r->created_at, db_col_text(st, 6), sizeof(r->created_at));
	r->rated = (int)db_col_int(st, 7);
}

enum err lights_round_get(struct db *db, int64_t id, struct light_round *out)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT " ROUND_COLS " FROM light_round r JOIN account a ON a.id = r.created_by"
				    " WHERE r.id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, id);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e)
		round_row(st, out);
	db_done(st);
	return e;
}

enum err lights_round_latest(struct db *db, int64_t team_id, int64_t *id)
{
	struct db_stmt *st;
	bool row = false;
	enum err e = db_prepare(db, "SELECT id FROM light_round WHERE team_id = ? ORDER BY held_on DESC, id DESC LIMIT 1",
				&st);
	*id = 0;
	if (e)
		return e;
	db_bind_int(st, 1, team_id);
	if (!(e = db_step(st, &row)) && row)
		*id = db_col_int(st, 0);
	db_done(st);
	return e;
}

enum err lights_rounds(struct db *db, int64_t team_id, void (*cb)(void *ctx, const struct light_round *r), void *ctx)
{
	struct db_stmt *st;
	struct light_round r;
	bool row;
	enum err e = db_prepare(db, "SELECT " ROUND_COLS " FROM light_round r JOIN account a ON a.id = r.created_by"
				    " WHERE r.team_id = ? ORDER BY r.held_on DESC, r.id DESC", &st);
	if (e)
		return e;
	db_bind_int(st, 1, team_id);
	while (!(e = db_step(st, &row)) && row) {
		round_row(st, &r);
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err lights_round_previous(struct db *db, const struct light_round *r, int64_t *prev_id)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT id FROM light_round WHERE team_id = ?"
				    " AND (held_on < ? OR (held_on = ? AND id < ?)) ORDER BY held_on DESC, id DESC LIMIT 1",
				&st);
	*prev_id = 0;
	if (e)
		return e;
	db_bind_int(st, 1, r->team_id);
	db_bind_text(st, 2, r->held_on);
	db_bind_text(st, 3, r->held_on);
	db_bind_int(st, 4, r->id);
	e = db_step(st, &row);
	if (!e && row)
		*prev_id = db_col_int(st, 0);
	db_done(st);
	return e;
}

enum err lights_participants(struct db *db, int64_t round_id,
			     void (*cb)(void *ctx, int64_t account_id, const char *name, const char *role), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT a.id, a.display_name, a.role FROM light_participant p"
				    " JOIN account a ON a.id = p.account_id WHERE p.round_id = ? ORDER BY a.display_name",
				&st);
	if (e)
		return e;
	db_bind_int(st, 1, round_id);
	while (!(e = db_step(st, &row)) && row)
		cb(ctx, db_col_int(st, 0), db_col_text(st, 1), db_col_text(st, 2));
	db_done(st);
	return e;
}

/* ---- ratings --------------------------------------------------------------- */

/* Every key of the comma-separated list is a criterion of colour. */
static enum err check_criteria(const char *colour, const char *list, struct field_error *fe)
{
	const char *const *allowed = lights_criteria(colour);
	const char *s = list ? list : "";

	if (strlen(s) > LIGHTS_CRITERIA_MAX)
		return validate_fail(fe, "criteria", "too_long", "criteria: too many");
	while (*s) {
		const char *end = strchr(s, ',');
		size_t n = end ? (size_t)(end - s) : strlen(s);
		bool ok = false;
		for (int i = 0; allowed && allowed[i]; i++)
			if (strlen(allowed[i]) == n && !strncmp(allowed[i], s, n))
				ok = true;
		if (!ok)
			return validate_fail(fe, "criteria", "unknown_value",
					     "criteria: %.*s is not a criterion of %s", (int)(n > 60 ? 60 : n), s, colour);
		s += n;
		if (*s == ',')
			s++;
	}
	return ERR_OK;
}

enum err lights_rate(struct db *db, const struct light_rating_new *r, int64_t *id, struct field_error *fe)
{
	struct db_stmt *st;
	struct light_round rd;
	bool row;
	char now[21];
	enum err e = validate_enum(r->colour, "colour", lights_colours, fe);

	if (!e)
		e = check_criteria(r->colour, r->criteria, fe);
	if (!e)
		e = validate_text(r->note, "note", 0, LIGHTS_NOTE_MAX, true, fe);
	if (e)
		return e;
	e = lights_round_get(db, r->round_id, &rd);
	if (e == ERR_NOT_FOUND)
		return validate_fail(fe, "round_id", "unknown_value", "no such round");
	if (e)
		return e;
	e = db_prepare(db, "SELECT 1 FROM child_case WHERE id = ? AND team_id = ? AND phase <> 'closed'", &st);
	if (e)
		return e;
	db_bind_int(st, 1, r->case_id);
	db_bind_int(st, 2, rd.team_id);
	e = db_step(st, &row);
	db_done(st);
	if (e)
		return e;
	if (!row)
		return validate_fail(fe, "case_id", "not_your_team", "the child is not an open case of the round's team");
	e = db_prepare(db, "INSERT INTO light_rating(round_id, case_id, colour, criteria, note, rated_by, rated_at)"
			   " VALUES (?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, r->round_id);
	db_bind_int(st, 2, r->case_id);
	db_bind_text(st, 3, r->colour);
	db_bind_text(st, 4, r->criteria ? r->criteria : "");
	db_bind_text(st, 5, r->note ? r->note : "");
	db_bind_int(st, 6, r->rated_by);
	db_bind_text(st, 7, now);
	e = db_run(st);
	if (!e)
		*id = db_last_id(db);
	return e;
}

#define RATING_COLS "g.id, g.round_id, g.case_id, g.colour, g.criteria, g.note, g.rated_by, a.display_name," \
	" g.rated_at, r.held_on"
#define RATING_FROM " FROM light_rating g JOIN light_round r ON r.id = g.round_id JOIN account a ON a.id = g.rated_by"

static void rating_row(struct db_stmt *st, struct light_rating *g)
{
	g->id = db_col_int(st, 0);
	g->round_id = db_col_int(st, 1);
	g->case_id = db_col_int(st, 2);
	str_lcpy(g->colour, db_col_text(st, 3), sizeof(g->colour));
	str_lcpy(g->criteria, db_col_text(st, 4), sizeof(g->criteria));
	str_lcpy(g->note, db_col_text(st, 5), sizeof(g->note));
	g->rated_by = db_col_int(st, 6);
	str_lcpy(g->rated_by_name, db_col_text(st, 7), sizeof(g->rated_by_name));
	str_lcpy(g->rated_at, db_col_text(st, 8), sizeof(g->rated_at));
	str_lcpy(g->held_on, db_col_text(st, 9), sizeof(g->held_on));
}

static enum err ratings(struct db *db, const char *sql, int64_t id,
			void (*cb)(void *ctx, const struct light_rating *r), void *ctx)
{
	struct db_stmt *st;
	struct light_rating *g = malloc(sizeof(*g));
	bool row;
	enum err e = g ? db_prepare(db, sql, &st) : ERR_NOMEM;

	if (e) {
		free(g);
		return e;
	}
	db_bind_int(st, 1, id);
	while (!(e = db_step(st, &row)) && row) {
		rating_row(st, g);
		cb(ctx, g);
	}
	db_done(st);
	free(g);
	return e;
}

enum err lights_round_ratings(struct db *db, int64_t round_id,
			      void (*cb)(void *ctx, const struct light_rating *r), void *ctx)
{
	return ratings(db, "SELECT " RATING_COLS RATING_FROM " WHERE g.id IN"
			   " (SELECT max(id) FROM light_rating WHERE round_id = ? GROUP BY case_id) ORDER BY g.case_id",
		       round_id, cb, ctx);
}

enum err lights_case_history(struct db *db, int64_t case_id,
			     void (*cb)(void *ctx, const struct light_rating *r), void *ctx)
{
	return ratings(db, "SELECT " RATING_COLS RATING_FROM " WHERE g.id IN"
			   " (SELECT max(id) FROM light_rating WHERE case_id = ? GROUP BY round_id)"
			   " ORDER BY r.held_on DESC, r.id DESC",
		       case_id, cb, ctx);
}

struct first_acc {
	struct light_rating *out;
	bool *found;
};

static void first_cb(void *ctx, const struct light_rating *r)
{
	struct first_acc *f = ctx;
	if (!*f->found)
		*f->out = *r;
	*f->found = true;
}

enum err lights_case_current(struct db *db, int64_t case_id, struct light_rating *out, bool *found)
{
	struct first_acc f = { out, found };
	*found = false;
	return ratings(db, "SELECT " RATING_COLS RATING_FROM " WHERE g.id = (SELECT g2.id FROM light_rating g2"
			   " JOIN light_round r2 ON r2.id = g2.round_id WHERE g2.case_id = ?"
			   " ORDER BY r2.held_on DESC, r2.id DESC, g2.id DESC LIMIT 1)",
		       case_id, first_cb, &f);
}

/* ---- figures --------------------------------------------------------------- */

/* One child's light in a round, for comparing rounds. */
struct light_pair {
	int64_t case_id;
	int rank;
};

static int by_case(const void *a, const void *b)
{
	const struct light_pair *x = a, *y = b;
	return x->case_id < y->case_id ? -1 : x->case_id > y->case_id;
}

enum err lights_counts_by_round(struct db *db, int64_t team_id, const char *from, const char *to,
				void (*cb)(void *ctx, const struct light_counts *c), void *ctx)
{
	struct db_stmt *st;
	struct light_pair *prev = NULL, *cur = NULL;
	size_t nprev = 0, ncur = 0, cap = 0, capprev = 0;
	int64_t round = -1;
	struct light_counts c = { 0 };
	bool row, have = false;
	enum err e;

	/* Every round of the team in order, with its children's latest lights;
	 * a round before from still counts as the "before" of the first. */
	e = db_prepare(db, "SELECT r.id, r.held_on, g.case_id, g.colour,"
			   " (SELECT count(*) FROM light_participant p WHERE p.round_id = r.id)"
			   " FROM light_round r LEFT JOIN light_rating g ON g.round_id = r.id AND g.id IN"
			   " (SELECT max(id) FROM light_rating x WHERE x.round_id = r.id GROUP BY x.case_id)"
			   " WHERE r.team_id = ? AND (? IS NULL OR r.held_on <= ?)"
			   " ORDER BY r.held_on, r.id, g.case_id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, team_id);
	if (to) {
		db_bind_text(st, 2, to);
		db_bind_text(st, 3, to);
	} else {
		db_bind_null(st, 2);
		db_bind_null(st, 3);
	}
	for (;;) {
		e = db_step(st, &row);
		if (e)
			break;
		if (!row || db_col_int(st, 0) != round) {
			/* The round before ends: compare with the one before it. */
			if (have) {
				if (ncur)
					qsort(cur, ncur, sizeof(*cur), by_case);
				for (size_t i = 0; i < ncur; i++) {
					struct light_pair *p = nprev ? bsearch(&cur[i], prev, nprev, sizeof(*prev), by_case) : NULL;
					if (p && cur[i].rank > p->rank)
						c.worse++;
					else if (p && cur[i].rank < p->rank)
						c.better++;
				}
				if (!from || strcmp(c.held_on, from) >= 0)
					cb(ctx, &c);
				free(prev);
				prev = cur;
				nprev = ncur;
				capprev = cap;
				cur = NULL;
				ncur = cap = 0;
			}
			if (!row)
				break;
			memset(&c, 0, sizeof(c));
			round = c.round_id = db_col_int(st, 0);
			str_lcpy(c.held_on, db_col_text(st, 1), sizeof(c.held_on));
			c.participants = (int)db_col_int(st, 4);
			have = true;
		}
		if (!db_col_null(st, 2)) {
			int rank = lights_rank(db_col_text(st, 3));
			if (rank == 0) c.green++;
			else if (rank == 1) c.yellow++;
			else if (rank == 2) c.red++;
			if (ncur == cap) {
				size_t n = cap ? cap * 2 : 64;
				struct light_pair *p = realloc(cur, n * sizeof(*p));
				if (!p) {
					e = ERR_NOMEM;
					break;
				}
				cur = p;
				cap = n;
			}
			cur[ncur++] = (struct light_pair){ db_col_int(st, 2), rank };
		}
	}
	(void)capprev;
	db_done(st);
	free(prev);
	free(cur);
	return e;
}
