/*
 * meeting_stats.c - what the weekly meetings add up to: the figures
 * leadership asked for (family present, children discussed, time since a
 * child was last discussed), the private calendar feed's tokens, and the
 * organisation's questions always asked (see meeting.h).
 */
#include <stdio.h>
#include <string.h>
#include "auth/token.h"
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/meeting.h"

enum err meeting_practice(struct db *db, int64_t team_id, struct meeting_practice *out,
			  void (*cb)(void *ctx, int64_t case_id, int64_t child_id, const char *child_name,
				     const char *last_day),
			  void *ctx)
{
	struct date today = date_today(), first = { today.y, today.m, 1 };
	char today_s[11], from[11], to[11], since[11];
	struct db_stmt *st;
	bool row;
	enum err e = ERR_OK;

	memset(out, 0, sizeof(*out));
	date_format(today, today_s);
	for (int i = 0; !e && i < MEETING_PRACTICE_MONTHS; i++) {
		struct date m0 = date_add_months(first, i - (MEETING_PRACTICE_MONTHS - 1));
		struct date m1 = date_add_days(date_add_months(m0, 1), -1);
		date_format(m0, from);
		date_format(date_cmp(m1, today) > 0 ? today : m1, to);
		snprintf(out->months[i].month, sizeof(out->months[i].month), "%.7s", from);
		e = db_prepare(db, "SELECT count(DISTINCT m.id), count(r.item_id),"
				   " count(DISTINCT CASE WHEN r.family_present = 1 THEN m.id END)"
				   " FROM meeting m JOIN meeting_item i ON i.meeting_id = m.id"
				   " JOIN meeting_record r ON r.item_id = i.id"
				   " WHERE m.team_id = ? AND m.cancelled = 0 AND m.meets_on BETWEEN ? AND ?", &st);
		if (e)
			break;
		db_bind_int(st, 1, team_id);
		db_bind_text(st, 2, from);
		db_bind_text(st, 3, to);
		e = db_step(st, &row);
		if (!e && row) {
			out->months[i].meetings = (int)db_col_int(st, 0);
			out->months[i].discussed = (int)db_col_int(st, 1);
			out->months[i].family_present = (int)db_col_int(st, 2);
		}
		db_done(st);
	}
	if (e)
		return e;
	date_format(date_add_months(today, -3), since);
	e = db_prepare(db, "SELECT c.id, c.child_id, p.first_names || ' ' || p.last_name,"
			   " coalesce((SELECT max(m.meets_on) FROM meeting_item i JOIN meeting m ON m.id = i.meeting_id"
			   "  JOIN meeting_record r ON r.item_id = i.id WHERE i.case_id = c.id AND m.meets_on <= ?), '')"
			   " AS last_day FROM child_case c JOIN person p ON p.id = c.child_id"
			   " WHERE c.team_id = ? AND c.phase <> 'closed' ORDER BY last_day, c.child_id", &st);
	if (e)
		return e;
	db_bind_text(st, 1, today_s);
	db_bind_int(st, 2, team_id);
	while (!(e = db_step(st, &row)) && row) {
		const char *last = db_col_text(st, 3);
		out->open_children++;
		if (*last && strcmp(last, since) >= 0)
			out->discussed_3m++;
		if (cb)
			cb(ctx, db_col_int(st, 0), db_col_int(st, 1), db_col_text(st, 2), last);
	}
	db_done(st);
	return e;
}

/* ---- the calendar feed ----------------------------------------------------------- */

enum err meeting_feed_revoke(struct db *db, int64_t account_id)
{
	struct db_stmt *st;
	char now[21];
	enum err e = db_prepare(db, "UPDATE calendar_feed SET revoked_at = ? WHERE account_id = ? AND revoked_at IS NULL", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, account_id);
	return db_run(st);
}

enum err meeting_feed_create(struct db *db, int64_t account_id, char *token_out)
{
	struct db_stmt *st;
	char hash[65], now[21];
	enum err e = meeting_feed_revoke(db, account_id);

	if (e)
		return e;
	token_new(token_out);
	token_hash(token_out, hash);
	clock_iso(clock_now(), now);
	e = db_prepare(db, "INSERT INTO calendar_feed(account_id, token_hash, created_at) VALUES (?,?,?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, account_id);
	db_bind_text(st, 2, hash);
	db_bind_text(st, 3, now);
	return db_run(st);
}

enum err meeting_feed_account(struct db *db, const char *token, int64_t *account_id)
{
	struct db_stmt *st;
	char hash[65];
	bool row;
	enum err e;

	if (!token_well_formed(token))
		return ERR_NOT_FOUND;
	token_hash(token, hash);
	e = db_prepare(db, "SELECT f.account_id FROM calendar_feed f JOIN account a ON a.id = f.account_id"
			   " WHERE f.token_hash = ? AND f.revoked_at IS NULL AND a.active = 1", &st);
	if (e)
		return e;
	db_bind_text(st, 1, hash);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e)
		*account_id = db_col_int(st, 0);
	db_done(st);
	return e;
}

enum err meeting_feed_live(struct db *db, int64_t account_id, bool *live)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT 1 FROM calendar_feed WHERE account_id = ? AND revoked_at IS NULL", &st);
	if (e)
		return e;
	db_bind_int(st, 1, account_id);
	e = db_step(st, live);
	db_done(st);
	return e;
}

/* ---- the questions always asked ---------------------------------------------------- */

const char *const meeting_audiences[] = { "child", "youth", "family", NULL };

#define QUESTION_COLS "q.id, q.audience, q.stage, q.position, q.text_fi, q.text_sv, q.text_en, q.active"

static void question_fill(struct db_stmt *st, struct meeting_question_row *q)
{
	memset(q, 0, sizeof(*q));
	q->id = db_col_int(st, 0);
	str_lcpy(q->audience, db_col_text(st, 1), sizeof(q->audience));
	str_lcpy(q->stage, db_col_text(st, 2), sizeof(q->stage));
	q->position = (int)db_col_int(st, 3);
	str_lcpy(q->text_fi, db_col_text(st, 4), sizeof(q->text_fi));
	str_lcpy(q->text_sv, db_col_text(st, 5), sizeof(q->text_sv));
	str_lcpy(q->text_en, db_col_text(st, 6), sizeof(q->text_en));
	q->active = db_col_int(st, 7) != 0;
}

static enum err questions_run(struct db_stmt *st, void (*cb)(void *ctx, const struct meeting_question_row *r), void *ctx)
{
	struct meeting_question_row q;
	bool row;
	enum err e;
	while (!(e = db_step(st, &row)) && row) {
		question_fill(st, &q);
		cb(ctx, &q);
	}
	db_done(st);
	return e;
}

enum err meeting_asked(struct db *db, int64_t item_id, void (*cb)(void *ctx, const struct meeting_question_row *q),
		       void *ctx)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT " QUESTION_COLS " FROM meeting_question_asked a"
				    " JOIN meeting_question q ON q.id = a.question_id"
				    " WHERE a.item_id = ? ORDER BY q.audience, q.stage, q.position", &st);
	if (e)
		return e;
	db_bind_int(st, 1, item_id);
	return questions_run(st, cb, ctx);
}
const char *const meeting_stages[] = { "first", "follow_up", NULL };

enum err meeting_questions(struct db *db, int64_t county_id, bool active_only,
			   void (*cb)(void *ctx, const struct meeting_question_row *r), void *ctx)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT " QUESTION_COLS " FROM meeting_question q WHERE q.county_id = ?"
				    " AND (? = 0 OR q.active = 1)"
				    " ORDER BY CASE q.audience WHEN 'child' THEN 1 WHEN 'youth' THEN 2 ELSE 3 END,"
				    " q.stage, q.position, q.id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, county_id);
	db_bind_int(st, 2, active_only);
	return questions_run(st, cb, ctx);
}

enum err meeting_question_save(struct db *db, int64_t county_id, struct meeting_question_row *q,
			       struct field_error *fe)
{
	struct db_stmt *st;
	enum err e = validate_enum(q->audience, "audience", meeting_audiences, fe);

	if (!e)
		e = validate_enum(q->stage, "stage", meeting_stages, fe);
	if (!e)
		e = validate_text(q->text_fi, "text_fi", 1, 500, false, fe);
	if (!e)
		e = validate_text(q->text_sv, "text_sv", 1, 500, false, fe);
	if (!e)
		e = validate_text(q->text_en, "text_en", 1, 500, false, fe);
	if (!e && (q->position < 1 || q->position > 99))
		e = validate_fail(fe, "position", "out_of_range", "position must be from 1 to 99");
	if (e)
		return e;
	if (q->id)
		e = db_prepare(db, "UPDATE meeting_question SET audience = ?, stage = ?, position = ?, text_fi = ?,"
				   " text_sv = ?, text_en = ?, active = ? WHERE id = ? AND county_id = ?", &st);
	else
		e = db_prepare(db, "INSERT INTO meeting_question(audience, stage, position, text_fi, text_sv, text_en,"
				   " active, county_id) VALUES (?,?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	db_bind_text(st, 1, q->audience);
	db_bind_text(st, 2, q->stage);
	db_bind_int(st, 3, q->position);
	db_bind_text(st, 4, q->text_fi);
	db_bind_text(st, 5, q->text_sv);
	db_bind_text(st, 6, q->text_en);
	db_bind_int(st, 7, q->active);
	if (q->id) {
		db_bind_int(st, 8, q->id);
		db_bind_int(st, 9, county_id);
	} else {
		db_bind_int(st, 8, county_id);
	}
	e = db_run(st);
	if (!e && q->id && db_changes(db) == 0)
		e = ERR_NOT_FOUND;
	if (!e && !q->id)
		q->id = db_last_id(db);
	return e;
}
