/*
 * threehouses.c - the Three Houses, versioned (see threehouses.h).
 */
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/threehouses.h"
#include "model/tooldate.h"

static bool says_something(const char *s)
{
	struct field_error scratch;
	return s && *s && !validate_not_blank(s, "x", &scratch);
}

static enum err validate(const struct threehouses_new *t, char date[11], struct field_error *fe)
{
	enum err e = validate_text(t->worries, "worries", 0, THREEHOUSES_TEXT_MAX, true, fe);
	if (!e)
		e = validate_text(t->good_things, "good_things", 0, THREEHOUSES_TEXT_MAX, true, fe);
	if (!e)
		e = validate_text(t->dreams, "dreams", 0, THREEHOUSES_TEXT_MAX, true, fe);
	if (!e)
		e = validate_text(t->present, "present", 0, THREEHOUSES_PRESENT_MAX, false, fe);
	if (!e && !says_something(t->worries) && !says_something(t->good_things) && !says_something(t->dreams))
		e = validate_fail(fe, "worries", "tools2_houses_empty",
				  "write what the child said in at least one house: worries, good things or dreams");
	if (!e)
		e = tooldate_past_or_today(t->recorded_on, "recorded_on", date, fe);
	return e;
}

enum err threehouses_save(struct db *db, const struct threehouses_new *t, int *version, struct field_error *fe)
{
	struct db_stmt *st;
	char date[11], now[21];
	bool row;
	enum err e = validate(t, date, fe);

	if (e)
		return e;
	e = db_prepare(db, "SELECT coalesce(max(version), 0) + 1 FROM three_houses WHERE case_id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, t->case_id);
	e = db_step(st, &row);
	*version = row ? (int)db_col_int(st, 0) : 1;
	db_done(st);
	if (e)
		return e;
	e = db_prepare(db, "INSERT INTO three_houses(case_id, version, worries, good_things, dreams, recorded_on,"
			   " present, share_parents, share_partners, author_id, created_at)"
			   " VALUES (?,?,?,?,?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, t->case_id);
	db_bind_int(st, 2, *version);
	db_bind_text(st, 3, t->worries ? t->worries : "");
	db_bind_text(st, 4, t->good_things ? t->good_things : "");
	db_bind_text(st, 5, t->dreams ? t->dreams : "");
	db_bind_text(st, 6, date);
	db_bind_text(st, 7, t->present ? t->present : "");
	db_bind_int(st, 8, t->share_parents);
	db_bind_int(st, 9, t->share_partners);
	db_bind_int(st, 10, t->author_id);
	db_bind_text(st, 11, now);
	e = db_run(st);
	if (e == ERR_CONFLICT)
		e = validate_fail(fe, "case_id", "unknown_value", "no such case");
	return e;
}

/* db_prepare caches statements by their text's address: one literal each. */
#define HOUSES_SELECT "SELECT h.id, h.version, h.worries, h.good_things, h.dreams, h.recorded_on, h.present," \
	" h.share_parents, h.share_partners, h.author_id, a.display_name, h.created_at" \
	" FROM three_houses h JOIN account a ON a.id = h.author_id WHERE h.case_id = ?1"
static const char *const houses_sql[] = {
	[THREEHOUSES_ALL] = HOUSES_SELECT " ORDER BY h.version DESC LIMIT ?2",
	[THREEHOUSES_PARTNERS] = HOUSES_SELECT " AND h.share_partners = 1 ORDER BY h.version DESC LIMIT ?2",
	[THREEHOUSES_PARENTS] = HOUSES_SELECT " AND h.share_parents = 1 ORDER BY h.version DESC LIMIT ?2",
};

static enum err list(struct db *db, int64_t case_id, enum threehouses_filter filter, int limit,
		     void (*cb)(void *ctx, const struct threehouses_row *r), void *ctx, int *n)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, houses_sql[filter], &st);

	if (e)
		return e;
	db_bind_int(st, 1, case_id);
	db_bind_int(st, 2, limit);
	*n = 0;
	while (!(e = db_step(st, &row)) && row) {
		struct threehouses_row r = { .id = db_col_int(st, 0), .case_id = case_id,
					     .version = (int)db_col_int(st, 1), .worries = db_col_text(st, 2),
					     .good_things = db_col_text(st, 3), .dreams = db_col_text(st, 4),
					     .share_parents = db_col_int(st, 7) != 0,
					     .share_partners = db_col_int(st, 8) != 0, .author_id = db_col_int(st, 9) };
		str_lcpy(r.recorded_on, db_col_text(st, 5), sizeof(r.recorded_on));
		str_lcpy(r.present, db_col_text(st, 6), sizeof(r.present));
		str_lcpy(r.author_name, db_col_text(st, 10), sizeof(r.author_name));
		str_lcpy(r.created_at, db_col_text(st, 11), sizeof(r.created_at));
		cb(ctx, &r);
		(*n)++;
	}
	db_done(st);
	return e;
}

enum err threehouses_list(struct db *db, int64_t case_id, enum threehouses_filter filter,
			  void (*cb)(void *ctx, const struct threehouses_row *r), void *ctx)
{
	int n;
	return list(db, case_id, filter, 1000, cb, ctx, &n);
}

enum err threehouses_visible_to_family(struct db *db, int64_t case_id,
				       void (*cb)(void *ctx, const struct threehouses_row *r), void *ctx,
				       bool *found)
{
	int n = 0;
	enum err e = list(db, case_id, THREEHOUSES_PARENTS, 1, cb, ctx, &n);
	*found = n > 0;
	return e;
}
