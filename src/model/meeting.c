/*
 * meeting.c - the systemic weekly meeting: series, meetings, agenda,
 * invitations, records, tasks and what the calendar feed shows (see
 * meeting.h).  The figures, the feed's tokens and the questions always
 * asked are in meeting_stats.c.
 */
#include <stdio.h>
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/meeting.h"

const char *const meeting_kinds[] = { "professional", "client", NULL };
const char *const meeting_roles[] = { "worker", "family_therapist", "consulting", "partner", "family",
				      "close_network", NULL };

/* ---- validation ------------------------------------------------------------ */

static enum err check_time(const char *s, const char *field, struct field_error *fe)
{
	if (!s || strlen(s) != 5 || s[2] != ':' || s[0] < '0' || s[0] > '2' || s[1] < '0' || s[1] > '9' ||
	    s[3] < '0' || s[3] > '5' || s[4] < '0' || s[4] > '9' || (s[0] == '2' && s[1] > '3'))
		return validate_fail(fe, field, "invalid_time", "%s must be a time as HH:MM", field);
	return ERR_OK;
}

static enum err check_day(const char *s, const char *field, struct date *d, struct field_error *fe)
{
	if (!s || date_parse(s, d))
		return validate_fail(fe, field, "invalid_date", "%s must be a real date as YYYY-MM-DD", field);
	return ERR_OK;
}

static enum err check_url(const char *s, const char *field, struct field_error *fe)
{
	enum err e = validate_text(s, field, 0, 500, false, fe);
	if (!e && s && *s && strncmp(s, "https://", 8))
		return validate_fail(fe, field, "not_https", "%s must be an https:// address", field);
	return e;
}

/* ---- series and meetings ----------------------------------------------------- */

enum err meeting_series_create(struct db *db, const struct meeting_series_new *s, int64_t *series_id,
			       struct field_error *fe)
{
	const char *kind = s->kind && *s->kind ? s->kind : "professional";
	int64_t minutes = s->minutes ? s->minutes : 90, weeks = s->weeks ? s->weeks : 12;
	struct date start, day;
	char now[21], buf[11];
	struct db_stmt *st;
	enum err e = validate_enum(kind, "kind", meeting_kinds, fe);

	if (!e && (s->weekday < 1 || s->weekday > 7))
		e = validate_fail(fe, "weekday", "out_of_range", "weekday must be from 1 (Monday) to 7 (Sunday)");
	if (!e)
		e = check_time(s->start_time, "start_time", fe);
	if (!e && (minutes < 15 || minutes > 480))
		e = validate_fail(fe, "minutes", "out_of_range", "minutes must be from 15 to 480");
	if (!e)
		e = validate_text(s->place, "place", 0, 200, false, fe);
	if (!e)
		e = check_url(s->video_url, "video_url", fe);
	if (!e && (!s->place || !*s->place) && (!s->video_url || !*s->video_url))
		e = validate_fail(fe, "place", "place_or_link", "give a place or a video link");
	if (!e && (weeks < 1 || weeks > 104))
		e = validate_fail(fe, "weeks", "out_of_range", "weeks must be from 1 to 104");
	if (!e) {
		if (s->starts_on && *s->starts_on)
			e = check_day(s->starts_on, "starts_on", &start, fe);
		else
			start = date_today();
	}
	if (e)
		return e;
	day = date_add_days(start, ((int)s->weekday - date_weekday(start) + 7) % 7);
	date_format(day, buf);
	clock_iso(clock_now(), now);
	e = db_prepare(db, "INSERT INTO meeting_series(team_id, kind, weekday, start_time, minutes, place, video_url,"
			   " starts_on, weeks, created_by, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, s->team_id);
	db_bind_text(st, 2, kind);
	db_bind_int(st, 3, s->weekday);
	db_bind_text(st, 4, s->start_time);
	db_bind_int(st, 5, minutes);
	db_bind_text(st, 6, s->place ? s->place : "");
	db_bind_text(st, 7, s->video_url ? s->video_url : "");
	db_bind_text(st, 8, buf);
	db_bind_int(st, 9, weeks);
	db_bind_int(st, 10, s->by);
	db_bind_text(st, 11, now);
	e = db_run(st);
	if (e == ERR_CONFLICT)
		return validate_fail(fe, "team_id", "unknown_value", "no such team");
	if (e)
		return e;
	*series_id = db_last_id(db);
	for (int64_t w = 0; !e && w < weeks; w++) {
		date_format(date_add_days(day, 7 * w), buf);
		e = db_prepare(db, "INSERT INTO meeting(team_id, series_id, series_on, kind, meets_on, start_time, minutes,"
				   " place, video_url, updated_by, updated_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", &st);
		if (e)
			break;
		db_bind_int(st, 1, s->team_id);
		db_bind_int(st, 2, *series_id);
		db_bind_text(st, 3, buf);
		db_bind_text(st, 4, kind);
		db_bind_text(st, 5, buf);
		db_bind_text(st, 6, s->start_time);
		db_bind_int(st, 7, minutes);
		db_bind_text(st, 8, s->place ? s->place : "");
		db_bind_text(st, 9, s->video_url ? s->video_url : "");
		db_bind_int(st, 10, s->by);
		db_bind_text(st, 11, now);
		e = db_run(st);
	}
	return e;
}

#define SERIES_COLS "s.id, s.team_id, t.name, s.kind, s.weekday, s.start_time, s.minutes, s.place, s.video_url," \
		    " s.starts_on, s.weeks, (SELECT max(meets_on) FROM meeting m WHERE m.series_id = s.id)"

static void series_fill(struct db_stmt *st, struct meeting_series_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->team_id = db_col_int(st, 1);
	str_lcpy(r->team_name, db_col_text(st, 2), sizeof(r->team_name));
	str_lcpy(r->kind, db_col_text(st, 3), sizeof(r->kind));
	r->weekday = (int)db_col_int(st, 4);
	str_lcpy(r->start_time, db_col_text(st, 5), sizeof(r->start_time));
	r->minutes = (int)db_col_int(st, 6);
	str_lcpy(r->place, db_col_text(st, 7), sizeof(r->place));
	str_lcpy(r->video_url, db_col_text(st, 8), sizeof(r->video_url));
	str_lcpy(r->starts_on, db_col_text(st, 9), sizeof(r->starts_on));
	r->weeks = (int)db_col_int(st, 10);
	str_lcpy(r->ends_on, db_col_text(st, 11), sizeof(r->ends_on));
}

enum err meeting_series_list(struct db *db, int64_t team_id,
			     void (*cb)(void *ctx, const struct meeting_series_row *r), void *ctx)
{
	struct db_stmt *st;
	struct meeting_series_row r;
	bool row;
	enum err e = db_prepare(db, "SELECT " SERIES_COLS " FROM meeting_series s JOIN team t ON t.id = s.team_id"
				    " WHERE s.team_id = ? ORDER BY s.id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, team_id);
	while (!(e = db_step(st, &row)) && row) {
		series_fill(st, &r);
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

#define MEETING_COLS "m.id, m.team_id, coalesce(m.series_id, 0), t.name, m.kind, coalesce(m.series_on, ''), m.meets_on," \
		     " m.start_time, m.minutes, m.place, m.video_url, m.cancelled," \
		     " (SELECT count(*) FROM meeting_item i WHERE i.meeting_id = m.id)," \
		     " (SELECT count(*) FROM meeting_item i WHERE i.meeting_id = m.id AND i.prepared = 1)," \
		     " (SELECT count(*) FROM meeting_item i JOIN meeting_record r ON r.item_id = i.id" \
		     "   WHERE i.meeting_id = m.id)"

static void meeting_fill(struct db_stmt *st, void *out)
{
	struct meeting_row *r = out;
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->team_id = db_col_int(st, 1);
	r->series_id = db_col_int(st, 2);
	str_lcpy(r->team_name, db_col_text(st, 3), sizeof(r->team_name));
	str_lcpy(r->kind, db_col_text(st, 4), sizeof(r->kind));
	str_lcpy(r->series_on, db_col_text(st, 5), sizeof(r->series_on));
	str_lcpy(r->meets_on, db_col_text(st, 6), sizeof(r->meets_on));
	str_lcpy(r->start_time, db_col_text(st, 7), sizeof(r->start_time));
	r->minutes = (int)db_col_int(st, 8);
	str_lcpy(r->place, db_col_text(st, 9), sizeof(r->place));
	str_lcpy(r->video_url, db_col_text(st, 10), sizeof(r->video_url));
	r->cancelled = db_col_int(st, 11) != 0;
	r->items = (int)db_col_int(st, 12);
	r->prepared = (int)db_col_int(st, 13);
	r->recorded = (int)db_col_int(st, 14);
}

enum err meeting_get(struct db *db, int64_t id, struct meeting_row *out)
{
	return db_get_by_id(db, "SELECT " MEETING_COLS " FROM meeting m JOIN team t ON t.id = m.team_id WHERE m.id = ?",
			    id, meeting_fill, out);
}

enum err meeting_list_team(struct db *db, int64_t team_id, const char *from_day, const char *to_day,
			   void (*cb)(void *ctx, const struct meeting_row *r), void *ctx)
{
	struct db_stmt *st;
	struct meeting_row r;
	bool row;
	enum err e = db_prepare(db, "SELECT " MEETING_COLS " FROM meeting m JOIN team t ON t.id = m.team_id"
				    " WHERE m.team_id = ? AND m.meets_on >= ? AND (? = '' OR m.meets_on <= ?)"
				    " ORDER BY m.meets_on, m.start_time, m.id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, team_id);
	db_bind_text(st, 2, from_day ? from_day : "");
	db_bind_text(st, 3, to_day ? to_day : "");
	db_bind_text(st, 4, to_day ? to_day : "");
	while (!(e = db_step(st, &row)) && row) {
		meeting_fill(st, &r);
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err meeting_invited_upcoming(struct db *db, int64_t account_id, const char *from_day,
				  void (*cb)(void *ctx, const struct meeting_row *r), void *ctx)
{
	struct db_stmt *st;
	struct meeting_row r;
	bool row;
	enum err e = db_prepare(db, "SELECT " MEETING_COLS " FROM meeting m JOIN team t ON t.id = m.team_id"
				    " WHERE m.meets_on >= ? AND m.cancelled = 0 AND m.id IN (SELECT i.meeting_id FROM meeting_item i"
				    " JOIN meeting_invite v ON v.item_id = i.id WHERE v.account_id = ?)"
				    " ORDER BY m.meets_on, m.start_time LIMIT 20", &st);
	if (e)
		return e;
	db_bind_text(st, 1, from_day);
	db_bind_int(st, 2, account_id);
	while (!(e = db_step(st, &row)) && row) {
		meeting_fill(st, &r);
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err meeting_update(struct db *db, int64_t id, const struct meeting_patch *p, struct field_error *fe)
{
	struct meeting_row m;
	struct date d;
	struct db_stmt *st;
	char now[21];
	enum err e = meeting_get(db, id, &m);

	if (e)
		return e;
	if (p->kind && (e = validate_enum(p->kind, "kind", meeting_kinds, fe)))
		return e;
	if (p->meets_on && (e = check_day(p->meets_on, "meets_on", &d, fe)))
		return e;
	if (p->start_time && (e = check_time(p->start_time, "start_time", fe)))
		return e;
	if (p->minutes && (p->minutes < 15 || p->minutes > 480))
		return validate_fail(fe, "minutes", "out_of_range", "minutes must be from 15 to 480");
	if (p->place && (e = validate_text(p->place, "place", 0, 200, false, fe)))
		return e;
	if (p->video_url && (e = check_url(p->video_url, "video_url", fe)))
		return e;
	clock_iso(clock_now(), now);
	e = db_prepare(db, "UPDATE meeting SET kind = ?, meets_on = ?, start_time = ?, minutes = ?, place = ?,"
			   " video_url = ?, cancelled = ?, updated_by = ?, updated_at = ? WHERE id = ?", &st);
	if (e)
		return e;
	db_bind_text(st, 1, p->kind ? p->kind : m.kind);
	db_bind_text(st, 2, p->meets_on ? p->meets_on : m.meets_on);
	db_bind_text(st, 3, p->start_time ? p->start_time : m.start_time);
	db_bind_int(st, 4, p->minutes ? p->minutes : m.minutes);
	db_bind_text(st, 5, p->place ? p->place : m.place);
	db_bind_text(st, 6, p->video_url ? p->video_url : m.video_url);
	db_bind_int(st, 7, p->cancelled >= 0 ? p->cancelled : m.cancelled);
	db_bind_int(st, 8, p->by);
	db_bind_text(st, 9, now);
	db_bind_int(st, 10, id);
	return db_run(st);
}

/* ---- agenda -------------------------------------------------------------------- */

#define ITEM_COLS "i.id, i.meeting_id, i.case_id, c.child_id, m.team_id, coalesce(i.worker_id, 0)," \
		  " coalesce(a.display_name, ''), i.question, i.step, i.prepared," \
		  " EXISTS (SELECT 1 FROM meeting_record r WHERE r.item_id = i.id), m.meets_on"
#define ITEM_FROM " FROM meeting_item i JOIN meeting m ON m.id = i.meeting_id JOIN child_case c ON c.id = i.case_id" \
		  " LEFT JOIN account a ON a.id = i.worker_id"

static void item_fill(struct db_stmt *st, void *out)
{
	struct meeting_item_row *r = out;
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->meeting_id = db_col_int(st, 1);
	r->case_id = db_col_int(st, 2);
	r->child_id = db_col_int(st, 3);
	r->team_id = db_col_int(st, 4);
	r->worker_id = db_col_int(st, 5);
	str_lcpy(r->worker_name, db_col_text(st, 6), sizeof(r->worker_name));
	str_lcpy(r->question, db_col_text(st, 7), sizeof(r->question));
	r->step = (int)db_col_int(st, 8);
	r->prepared = db_col_int(st, 9) != 0;
	r->recorded = db_col_int(st, 10) != 0;
	str_lcpy(r->meets_on, db_col_text(st, 11), sizeof(r->meets_on));
}

enum err meeting_item_get(struct db *db, int64_t item_id, struct meeting_item_row *out)
{
	return db_get_by_id(db, "SELECT " ITEM_COLS ITEM_FROM " WHERE i.id = ?", item_id, item_fill, out);
}

static enum err items_run(struct db_stmt *st, void (*cb)(void *ctx, const struct meeting_item_row *r), void *ctx)
{
	struct meeting_item_row r;
	bool row;
	enum err e;
	while (!(e = db_step(st, &row)) && row) {
		item_fill(st, &r);
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err meeting_items(struct db *db, int64_t meeting_id,
		       void (*cb)(void *ctx, const struct meeting_item_row *r), void *ctx)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT " ITEM_COLS ITEM_FROM " WHERE i.meeting_id = ? ORDER BY i.id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, meeting_id);
	return items_run(st, cb, ctx);
}

enum err meeting_items_of_case(struct db *db, int64_t case_id,
			       void (*cb)(void *ctx, const struct meeting_item_row *r), void *ctx)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT " ITEM_COLS ITEM_FROM " WHERE i.case_id = ? AND m.cancelled = 0"
				    " ORDER BY m.meets_on DESC, i.id DESC", &st);
	if (e)
		return e;
	db_bind_int(st, 1, case_id);
	return items_run(st, cb, ctx);
}

static enum err check_invite(const struct meeting_invite_in *v, struct field_error *fe)
{
	/* No role: worked out from the account's kind or the person (role_of). */
	enum err e = v->role && *v->role ? validate_enum(v->role, "role", meeting_roles, fe) : ERR_OK;
	if (!e)
		e = validate_text(v->name, "name", 0, 200, false, fe);
	if (!e && !v->account_id && !v->person_id && (!v->name || !*v->name))
		e = validate_fail(fe, "name", "required", "an invited person needs an account, a person or a name");
	return e;
}

/* The display name of an account or person when the caller gave none. */
static void person_name(struct db *db, const struct meeting_invite_in *v, char *out, size_t n)
{
	struct db_stmt *st = NULL;
	bool row = false;

	str_lcpy(out, v->name ? v->name : "", n);
	if (*out)
		return;
	if (v->account_id && !db_prepare(db, "SELECT display_name FROM account WHERE id = ?", &st))
		db_bind_int(st, 1, v->account_id);
	else if (v->person_id && !db_prepare(db, "SELECT first_names || ' ' || last_name FROM person WHERE id = ?", &st))
		db_bind_int(st, 1, v->person_id);
	if (st && !db_step(st, &row) && row)
		str_lcpy(out, db_col_text(st, 0), n);
	db_done(st);
}

/* The role given, or for an account its kind's (partner or worker), for a
 * person "family". */
static const char *role_of(struct db *db, const struct meeting_invite_in *v)
{
	struct db_stmt *st;
	bool row = false;
	const char *role = "family";

	if (v->role && *v->role)
		return v->role;
	if (!v->account_id || db_prepare(db, "SELECT kind FROM account WHERE id = ?", &st))
		return v->account_id ? "worker" : role;
	db_bind_int(st, 1, v->account_id);
	role = !db_step(st, &row) && row && !strcmp(db_col_text(st, 0), "partner") ? "partner" : "worker";
	db_done(st);
	return role;
}

static enum err invite_add(struct db *db, int64_t item_id, const struct meeting_invite_in *v, struct field_error *fe)
{
	struct db_stmt *st;
	char name[204];
	enum err e = check_invite(v, fe);

	if (e)
		return e;
	person_name(db, v, name, sizeof(name));
	e = db_prepare(db, "INSERT INTO meeting_invite(item_id, account_id, person_id, name, role) VALUES (?,?,?,?,?)"
			   " ON CONFLICT DO NOTHING", &st);
	if (e)
		return e;
	db_bind_int(st, 1, item_id);
	if (v->account_id)
		db_bind_int(st, 2, v->account_id);
	else
		db_bind_null(st, 2);
	if (v->person_id)
		db_bind_int(st, 3, v->person_id);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, name);
	db_bind_text(st, 5, role_of(db, v));
	e = db_run(st);
	if (e == ERR_CONFLICT)
		return validate_fail(fe, "account_id", "unknown_value", "no such account or person");
	return e;
}

enum err meeting_item_save(struct db *db, const struct meeting_item_new *n, int64_t *item_id,
			   struct field_error *fe)
{
	struct meeting_row m;
	struct db_stmt *st;
	int64_t step = n->step ? n->step : 1, worker = n->worker_id, case_team = 0;
	char now[21];
	bool row;
	enum err e = meeting_get(db, n->meeting_id, &m);

	if (e)
		return e;
	e = validate_text(n->question, "question", 0, 2000, true, fe);
	if (!e && (step < 1 || step > 4))
		e = validate_fail(fe, "step", "out_of_range", "step must be from 1 to 4");
	if (e)
		return e;
	e = db_prepare(db, "SELECT team_id, coalesce((SELECT account_id FROM case_member cm WHERE cm.case_id = c.id"
			   " AND cm.role = 'responsible' AND cm.to_date IS NULL), 0) FROM child_case c WHERE c.id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, n->case_id);
	e = db_step(st, &row);
	if (!e && row) {
		case_team = db_col_int(st, 0);
		if (!worker)
			worker = db_col_int(st, 1);
	}
	db_done(st);
	if (e)
		return e;
	if (case_team != m.team_id)
		return validate_fail(fe, "child_id", "not_team_case", "the child's case is not in this meeting's team");
	clock_iso(clock_now(), now);
	e = db_prepare(db, "INSERT INTO meeting_item(meeting_id, case_id, worker_id, question, step, prepared, created_by,"
			   " updated_at) VALUES (?,?,?,?,?,?,?,?) ON CONFLICT (meeting_id, case_id) DO UPDATE SET"
			   " worker_id = excluded.worker_id, question = excluded.question, step = excluded.step,"
			   " prepared = excluded.prepared, updated_at = excluded.updated_at", &st);
	if (e)
		return e;
	db_bind_int(st, 1, n->meeting_id);
	db_bind_int(st, 2, n->case_id);
	if (worker)
		db_bind_int(st, 3, worker);
	else
		db_bind_null(st, 3);
	db_bind_text(st, 4, n->question ? n->question : "");
	db_bind_int(st, 5, step);
	db_bind_int(st, 6, n->prepared);
	db_bind_int(st, 7, n->by);
	db_bind_text(st, 8, now);
	e = db_run(st);
	if (e == ERR_CONFLICT)
		return validate_fail(fe, "worker_id", "unknown_value", "no such worker");
	if (e)
		return e;
	e = db_prepare(db, "SELECT id FROM meeting_item WHERE meeting_id = ? AND case_id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, n->meeting_id);
	db_bind_int(st, 2, n->case_id);
	e = db_step(st, &row);
	*item_id = row ? db_col_int(st, 0) : 0;
	db_done(st);
	for (int i = 0; !e && i < n->ninvites; i++)
		e = invite_add(db, *item_id, &n->invites[i], fe);
	return e;
}

static enum err people_run(struct db_stmt *st, void (*cb)(void *ctx, const struct meeting_person_row *r), void *ctx)
{
	struct meeting_person_row r;
	bool row;
	enum err e;
	while (!(e = db_step(st, &row)) && row) {
		memset(&r, 0, sizeof(r));
		r.id = db_col_int(st, 0);
		r.account_id = db_col_int(st, 1);
		r.person_id = db_col_int(st, 2);
		str_lcpy(r.name, db_col_text(st, 3), sizeof(r.name));
		str_lcpy(r.role, db_col_text(st, 4), sizeof(r.role));
		r.present = db_col_int(st, 5) != 0;
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err meeting_invites(struct db *db, int64_t item_id,
			 void (*cb)(void *ctx, const struct meeting_person_row *r), void *ctx)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT id, coalesce(account_id, 0), coalesce(person_id, 0), name, role, 0"
				    " FROM meeting_invite WHERE item_id = ? ORDER BY id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, item_id);
	return people_run(st, cb, ctx);
}

/* ---- who sees an item ----------------------------------------------------------- */

static enum err invited(struct db *db, int64_t item_id, int64_t account_id, bool *yes)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT 1 FROM meeting_invite WHERE item_id = ? AND account_id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, item_id);
	db_bind_int(st, 2, account_id);
	e = db_step(st, yes);
	db_done(st);
	return e;
}

enum err meeting_item_open(struct access_ctx *ax, struct db *db, const struct meeting_item_row *item,
			   enum action a, const char *log_action, struct access_answer *ans,
			   enum meeting_view *view)
{
	bool yes = false;
	enum err e = access_check(ax, db, (struct objref){ OBJ_CHILD, item->child_id }, a, log_action, ans);

	*view = MEETING_VIEW_NONE;
	if (e == ERR_DENIED || e == ERR_NOT_FOUND)
		return ERR_OK;
	if (e)
		return e;
	if (ans->d.fields & FIELD_PRACTICE) {
		*view = MEETING_VIEW_FULL;
		return ERR_OK;
	}
	/* What concerns the reader personally: the item they are invited to. */
	e = invited(db, item->id, ax->p->account_id, &yes);
	if (!e && yes)
		*view = MEETING_VIEW_INVITED;
	return e;
}

enum err meeting_team_open(struct access_ctx *ax, struct db *db, int64_t team_id, enum action a,
			   const char *log_action, struct decision *d)
{
	return access_team(ax, db, team_id, a, "meeting", log_action, d);
}

/* ---- record and tasks --------------------------------------------------------------- */

static enum err check_record(struct db *db, const struct meeting_record_new *r, struct field_error *fe)
{
	struct date d;
	enum err e = validate_text(r->hypotheses, "hypotheses", 0, MEETING_TEXT_MAX, true, fe);
	if (!e)
		e = validate_text(r->reflections, "reflections", 0, MEETING_TEXT_MAX, true, fe);
	if (!e)
		e = validate_text(r->decisions, "decisions", 0, MEETING_TEXT_MAX, true, fe);
	if (!e)
		e = validate_text(r->feedback_text, "feedback_text", 0, 2000, true, fe);
	if (!e && (r->feedback_score < 0 || r->feedback_score > 5))
		e = validate_fail(fe, "feedback_score", "out_of_range", "feedback_score must be from 1 to 5");
	if (!e && r->npeople == 0)
		e = validate_fail(fe, "participants", "required", "name at least one participant");
	for (int i = 0; !e && i < r->npeople; i++)
		e = check_invite(&r->people[i], fe);
	for (int i = 0; !e && i < r->ntasks; i++) {
		const struct meeting_task_in *t = &r->tasks[i];
		e = validate_text(t->text, "task_text", 1, 1000, false, fe);
		if (!e)
			e = validate_not_blank(t->text, "task_text", fe);
		if (!e && t->owner_id <= 0)
			e = validate_fail(fe, "task_owner", "required", "a task needs an owner");
		if (!e && (!t->due_on || date_parse(t->due_on, &d)))
			e = validate_fail(fe, "task_due", "invalid_date", "a task's due date must be a real date as YYYY-MM-DD");
	}
	(void)db;
	return e;
}

enum err meeting_record_save(struct db *db, const struct meeting_record_new *r, struct field_error *fe)
{
	struct meeting_item_row item;
	struct db_stmt *st;
	bool present = false;
	char now[21];
	enum err e = meeting_item_get(db, r->item_id, &item);

	if (e)
		return e;
	if (item.recorded)
		return validate_fail(fe, "item_id", "recorded_already", "this family's discussion is recorded already");
	if ((e = check_record(db, r, fe)))
		return e;
	for (int i = 0; i < r->npeople; i++)
		if (r->present[i] && (!strcmp(role_of(db, &r->people[i]), "family") ||
				      !strcmp(role_of(db, &r->people[i]), "close_network")))
			present = true;
	clock_iso(clock_now(), now);
	e = db_prepare(db, "INSERT INTO meeting_record(item_id, hypotheses, reflections, decisions, family_present,"
			   " feedback_score, feedback_text, recorded_by, recorded_at) VALUES (?,?,?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, r->item_id);
	db_bind_text(st, 2, r->hypotheses ? r->hypotheses : "");
	db_bind_text(st, 3, r->reflections ? r->reflections : "");
	db_bind_text(st, 4, r->decisions ? r->decisions : "");
	db_bind_int(st, 5, present);
	if (r->feedback_score)
		db_bind_int(st, 6, r->feedback_score);
	else
		db_bind_null(st, 6);
	db_bind_text(st, 7, r->feedback_text ? r->feedback_text : "");
	db_bind_int(st, 8, r->by);
	db_bind_text(st, 9, now);
	if ((e = db_run(st)))
		return e;
	for (int i = 0; !e && i < r->npeople; i++) {
		char name[204];
		const struct meeting_invite_in *v = &r->people[i];
		person_name(db, v, name, sizeof(name));
		if ((e = db_prepare(db, "INSERT INTO meeting_participant(item_id, account_id, person_id, name, role, present)"
					" VALUES (?,?,?,?,?,?)", &st)))
			break;
		db_bind_int(st, 1, r->item_id);
		if (v->account_id)
			db_bind_int(st, 2, v->account_id);
		else
			db_bind_null(st, 2);
		if (v->person_id)
			db_bind_int(st, 3, v->person_id);
		else
			db_bind_null(st, 3);
		db_bind_text(st, 4, name);
		db_bind_text(st, 5, role_of(db, v));
		db_bind_int(st, 6, r->present[i]);
		e = db_run(st);
		if (e == ERR_CONFLICT)
			e = validate_fail(fe, "participants", "unknown_value", "no such account or person");
	}
	for (int i = 0; !e && i < r->nquestions; i++) {
		if ((e = db_prepare(db, "INSERT INTO meeting_question_asked(item_id, question_id) VALUES (?,?)"
					" ON CONFLICT DO NOTHING", &st)))
			break;
		db_bind_int(st, 1, r->item_id);
		db_bind_int(st, 2, r->questions[i]);
		e = db_run(st);
		if (e == ERR_CONFLICT)
			e = validate_fail(fe, "questions", "unknown_value", "no such question");
	}
	for (int i = 0; !e && i < r->ntasks; i++) {
		if ((e = db_prepare(db, "INSERT INTO meeting_task(item_id, text, owner_id, due_on) VALUES (?,?,?,?)", &st)))
			break;
		db_bind_int(st, 1, r->item_id);
		db_bind_text(st, 2, r->tasks[i].text);
		db_bind_int(st, 3, r->tasks[i].owner_id);
		db_bind_text(st, 4, r->tasks[i].due_on);
		e = db_run(st);
		if (e == ERR_CONFLICT)
			e = validate_fail(fe, "task_owner", "unknown_value", "no such account");
	}
	return e;
}

enum err meeting_record_get(struct db *db, int64_t item_id, struct meeting_record_row *out, bool *found)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT r.hypotheses, r.reflections, r.decisions, r.family_present,"
				    " coalesce(r.feedback_score, 0), r.feedback_text, r.recorded_by, a.display_name,"
				    " r.recorded_at FROM meeting_record r JOIN account a ON a.id = r.recorded_by"
				    " WHERE r.item_id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, item_id);
	e = db_step(st, found);
	if (!e && *found) {
		out->item_id = item_id;
		str_lcpy(out->hypotheses, db_col_text(st, 0), sizeof(out->hypotheses));
		str_lcpy(out->reflections, db_col_text(st, 1), sizeof(out->reflections));
		str_lcpy(out->decisions, db_col_text(st, 2), sizeof(out->decisions));
		out->family_present = db_col_int(st, 3) != 0;
		out->feedback_score = (int)db_col_int(st, 4);
		str_lcpy(out->feedback_text, db_col_text(st, 5), sizeof(out->feedback_text));
		out->recorded_by = db_col_int(st, 6);
		str_lcpy(out->recorded_by_name, db_col_text(st, 7), sizeof(out->recorded_by_name));
		str_lcpy(out->recorded_at, db_col_text(st, 8), sizeof(out->recorded_at));
	}
	db_done(st);
	return e;
}

enum err meeting_participants(struct db *db, int64_t item_id,
			      void (*cb)(void *ctx, const struct meeting_person_row *r), void *ctx)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT id, coalesce(account_id, 0), coalesce(person_id, 0), name, role, present"
				    " FROM meeting_participant WHERE item_id = ? ORDER BY id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, item_id);
	return people_run(st, cb, ctx);
}

#define TASK_COLS "k.id, k.item_id, i.meeting_id, i.case_id, c.child_id, k.owner_id, k.text, a.display_name," \
		  " k.due_on, coalesce(k.done_at, ''), m.meets_on"
#define TASK_FROM " FROM meeting_task k JOIN meeting_item i ON i.id = k.item_id JOIN meeting m ON m.id = i.meeting_id" \
		  " JOIN child_case c ON c.id = i.case_id JOIN account a ON a.id = k.owner_id"

static void task_fill(struct db_stmt *st, void *out)
{
	struct meeting_task_row *r = out;
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->item_id = db_col_int(st, 1);
	r->meeting_id = db_col_int(st, 2);
	r->case_id = db_col_int(st, 3);
	r->child_id = db_col_int(st, 4);
	r->owner_id = db_col_int(st, 5);
	str_lcpy(r->text, db_col_text(st, 6), sizeof(r->text));
	str_lcpy(r->owner_name, db_col_text(st, 7), sizeof(r->owner_name));
	str_lcpy(r->due_on, db_col_text(st, 8), sizeof(r->due_on));
	str_lcpy(r->done_at, db_col_text(st, 9), sizeof(r->done_at));
	str_lcpy(r->meets_on, db_col_text(st, 10), sizeof(r->meets_on));
}

static enum err tasks_run(struct db_stmt *st, void (*cb)(void *ctx, const struct meeting_task_row *r), void *ctx)
{
	struct meeting_task_row r;
	bool row;
	enum err e;
	while (!(e = db_step(st, &row)) && row) {
		task_fill(st, &r);
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err meeting_tasks_of_item(struct db *db, int64_t item_id,
			       void (*cb)(void *ctx, const struct meeting_task_row *r), void *ctx)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT " TASK_COLS TASK_FROM " WHERE k.item_id = ? ORDER BY k.id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, item_id);
	return tasks_run(st, cb, ctx);
}

enum err meeting_tasks_of_owner(struct db *db, int64_t owner_id,
				void (*cb)(void *ctx, const struct meeting_task_row *r), void *ctx)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT " TASK_COLS TASK_FROM " WHERE k.owner_id = ? AND k.done_at IS NULL"
				    " ORDER BY k.due_on, k.id LIMIT 200", &st);
	if (e)
		return e;
	db_bind_int(st, 1, owner_id);
	return tasks_run(st, cb, ctx);
}

enum err meeting_task_get(struct db *db, int64_t task_id, struct meeting_task_row *out)
{
	return db_get_by_id(db, "SELECT " TASK_COLS TASK_FROM " WHERE k.id = ?", task_id, task_fill, out);
}

enum err meeting_task_done(struct db *db, int64_t task_id, int64_t by, struct field_error *fe)
{
	struct meeting_task_row t;
	struct db_stmt *st;
	char now[21];
	enum err e = meeting_task_get(db, task_id, &t);

	if (e)
		return e;
	if (t.done_at[0])
		return validate_fail(fe, "task_id", "done_already", "the task is done already");
	clock_iso(clock_now(), now);
	e = db_prepare(db, "UPDATE meeting_task SET done_at = ?, done_by = ? WHERE id = ? AND done_at IS NULL", &st);
	if (e)
		return e;
	db_bind_text(st, 1, now);
	db_bind_int(st, 2, by);
	db_bind_int(st, 3, task_id);
	return db_run(st);
}

enum err meeting_task_open(struct access_ctx *ax, struct db *db, const struct meeting_task_row *t,
			   struct access_answer *ans)
{
	enum err e = access_check(ax, db, (struct objref){ OBJ_CHILD, t->child_id }, ACT_RECORD_WRITE, "update", ans);
	if (e)
		return e;
	/* The owner ticks their own task; the child's workers any of its tasks. */
	if (!(ans->d.fields & FIELD_PRACTICE) && t->owner_id != ax->p->account_id)
		return ERR_DENIED;
	return ERR_OK;
}

/* ---- the calendar feed's contents ---------------------------------------------------- */

enum err meeting_feed(struct db *db, int64_t account_id,
		      void (*cb_series)(void *ctx, const struct meeting_series_row *r),
		      void (*cb)(void *ctx, const struct meeting_row *r, bool member), void *ctx)
{
	struct db_stmt *st;
	struct meeting_series_row s;
	struct meeting_row m;
	bool row;
	/* Approved memberships are team_member rows (model/grant.c). */
	enum err e = db_prepare(db, "SELECT " SERIES_COLS " FROM meeting_series s JOIN team t ON t.id = s.team_id"
				    " WHERE s.team_id IN (SELECT team_id FROM team_member WHERE account_id = ?)"
				    " ORDER BY s.id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, account_id);
	while (!(e = db_step(st, &row)) && row) {
		series_fill(st, &s);
		cb_series(ctx, &s);
	}
	db_done(st);
	if (e)
		return e;
	e = db_prepare(db, "SELECT " MEETING_COLS ", m.team_id IN (SELECT team_id FROM team_member WHERE account_id = ?1)"
			   " FROM meeting m JOIN team t ON t.id = m.team_id"
			   " WHERE m.team_id IN (SELECT team_id FROM team_member WHERE account_id = ?1)"
			   "    OR m.id IN (SELECT i.meeting_id FROM meeting_item i JOIN meeting_invite v ON v.item_id = i.id"
			   "                WHERE v.account_id = ?1)"
			   " ORDER BY m.meets_on, m.id", &st);
	if (e)
		return e;
	db_bind_int(st, 1, account_id);
	while (!(e = db_step(st, &row)) && row) {
		meeting_fill(st, &m);
		cb(ctx, &m, db_col_int(st, 15) != 0);
	}
	db_done(st);
	return e;
}
