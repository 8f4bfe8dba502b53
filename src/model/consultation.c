/*
 * consultation.c - questions to a consultant and their answers (see
 * consultation.h).
 */
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/consultation.h"
#include "model/role.h"

void consultation_row_release(struct consultation_row *c)
{
	free(c->question);
	free(c->answer);
	c->question = c->answer = NULL;
}

int64_t consultation_minutes(const char *from, const char *to)
{
	const char *t[2] = { from, to };
	int64_t m[2];
	for (int i = 0; i < 2; i++) {
		struct date d;
		char day[11];
		const char *s = t[i];
		if (!s || strlen(s) < 16 || s[10] != 'T' || s[13] != ':')
			return -1;
		memcpy(day, s, 10);
		day[10] = '\0';
		if (date_parse(day, &d) || s[11] < '0' || s[11] > '9' || s[12] < '0' || s[12] > '9' ||
		    s[14] < '0' || s[14] > '9' || s[15] < '0' || s[15] > '9')
			return -1;
		m[i] = date_to_days(d) * 1440 + ((s[11] - '0') * 10 + (s[12] - '0')) * 60 + (s[14] - '0') * 10 +
		       (s[15] - '0');
	}
	return m[1] >= m[0] ? m[1] - m[0] : -1;
}

enum err consultation_create(struct db *db, int64_t county_id, const struct consultation_new *c, int64_t *id,
			     struct field_error *fe)
{
	struct db_stmt *st;
	enum role r;
	bool row, ok = false;
	char now[21];
	enum err e = validate_text(c->question, "question", 1, CONSULTATION_QUESTION_MAX, true, fe);

	if (!e)
		e = validate_not_blank(c->question, "question", fe);
	if (e)
		return e;
	if (c->consultant_id <= 0)
		return validate_fail(fe, "consultant_id", "required", "consultant_id: choose whom to ask");
	if (c->consultant_id == c->asked_by)
		return validate_fail(fe, "consultant_id", "self_consult", "consultant_id: ask someone else than yourself");
	e = db_prepare(db, "SELECT role FROM account WHERE id = ? AND county_id = ? AND active = 1", &st);
	if (e)
		return e;
	db_bind_int(st, 1, c->consultant_id);
	db_bind_int(st, 2, county_id);
	e = db_step(st, &row);
	if (!e && row)
		ok = role_parse(db_col_text(st, 0), &r) && role_kind(r) == KIND_WORKER && r != ROLE_ADMIN;
	db_done(st);
	if (e)
		return e;
	if (!ok)
		return validate_fail(fe, "consultant_id", "unknown_value",
				     "consultant_id: not a worker of this organisation who can be consulted");
	e = db_prepare(db, "INSERT INTO consultation(case_id, asked_by, consultant_id, question, asked_at)"
			   " VALUES (?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, c->case_id);
	db_bind_int(st, 2, c->asked_by);
	db_bind_int(st, 3, c->consultant_id);
	db_bind_text(st, 4, c->question);
	db_bind_text(st, 5, now);
	e = db_run(st);
	if (!e)
		*id = db_last_id(db);
	return e;
}

#define COLS "c.id, c.case_id, k.child_id, k.team_id, c.asked_by, a.display_name, c.consultant_id," \
	" b.display_name, b.role, c.asked_at, coalesce(c.answered_at, ''), c.question, coalesce(c.answer, '')"
#define FROM " FROM consultation c JOIN child_case k ON k.id = c.case_id JOIN account a ON a.id = c.asked_by" \
	" JOIN account b ON b.id = c.consultant_id"

static enum err fill(struct db_stmt *st, struct consultation_row *c)
{
	memset(c, 0, sizeof(*c));
	c->id = db_col_int(st, 0);
	c->case_id = db_col_int(st, 1);
	c->child_id = db_col_int(st, 2);
	c->team_id = db_col_int(st, 3);
	c->asked_by = db_col_int(st, 4);
	str_lcpy(c->asked_by_name, db_col_text(st, 5), sizeof(c->asked_by_name));
	c->consultant_id = db_col_int(st, 6);
	str_lcpy(c->consultant_name, db_col_text(st, 7), sizeof(c->consultant_name));
	str_lcpy(c->consultant_role, db_col_text(st, 8), sizeof(c->consultant_role));
	str_lcpy(c->asked_at, db_col_text(st, 9), sizeof(c->asked_at));
	str_lcpy(c->answered_at, db_col_text(st, 10), sizeof(c->answered_at));
	c->open = !c->answered_at[0];
	c->answer_minutes = c->open ? -1 : consultation_minutes(c->asked_at, c->answered_at);
	c->question = strdup(db_col_text(st, 11));
	c->answer = strdup(db_col_text(st, 12));
	if (!c->question || !c->answer) {
		consultation_row_release(c);
		return ERR_NOMEM;
	}
	return ERR_OK;
}

enum err consultation_get(struct db *db, int64_t id, struct consultation_row *out)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT " COLS FROM " WHERE c.id = ?", &st);

	memset(out, 0, sizeof(*out));
	if (e)
		return e;
	db_bind_int(st, 1, id);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e)
		e = fill(st, out);
	db_done(st);
	return e;
}

static enum err list(struct db *db, const char *sql, int64_t id,
		     void (*cb)(void *ctx, const struct consultation_row *c), void *ctx)
{
	struct db_stmt *st;
	struct consultation_row c;
	bool row;
	enum err e = db_prepare(db, sql, &st);

	if (e)
		return e;
	db_bind_int(st, 1, id);
	while (!(e = db_step(st, &row)) && row && !(e = fill(st, &c))) {
		cb(ctx, &c);
		consultation_row_release(&c);
	}
	db_done(st);
	return e;
}

enum err consultation_list_case(struct db *db, int64_t case_id,
				void (*cb)(void *ctx, const struct consultation_row *c), void *ctx)
{
	return list(db, "SELECT " COLS FROM " WHERE c.case_id = ? ORDER BY c.id DESC", case_id, cb, ctx);
}

enum err consultation_list_waiting(struct db *db, int64_t consultant_id,
				   void (*cb)(void *ctx, const struct consultation_row *c), void *ctx)
{
	return list(db, "SELECT " COLS FROM " WHERE c.consultant_id = ? AND c.answer IS NULL ORDER BY c.id",
		    consultant_id, cb, ctx);
}

enum err consultation_list_asked(struct db *db, int64_t asked_by, const char *answered_since,
				 void (*cb)(void *ctx, const struct consultation_row *c), void *ctx)
{
	struct db_stmt *st;
	struct consultation_row c;
	bool row;
	int n = 0;
	enum err e = db_prepare(db, "SELECT " COLS FROM " WHERE c.asked_by = ? AND (c.answer IS NULL OR c.answered_at >= ?)"
				" ORDER BY c.answer IS NULL DESC, c.id DESC", &st);

	if (e)
		return e;
	db_bind_int(st, 1, asked_by);
	db_bind_text(st, 2, answered_since);
	while (n++ < CONSULTATION_ASKED_MAX && !(e = db_step(st, &row)) && row && !(e = fill(st, &c))) {
		cb(ctx, &c);
		consultation_row_release(&c);
	}
	db_done(st);
	return e;
}

enum err consultation_answer(struct db *db, int64_t id, int64_t consultant_id, const char *answer,
			     struct field_error *fe)
{
	struct db_stmt *st;
	char now[21];
	enum err e = validate_text(answer, "answer", 1, CONSULTATION_ANSWER_MAX, true, fe);

	if (!e)
		e = validate_not_blank(answer, "answer", fe);
	if (e)
		return e;
	e = db_prepare(db, "UPDATE consultation SET answer = ?, answered_at = ?"
			   " WHERE id = ? AND consultant_id = ? AND answer IS NULL", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_text(st, 1, answer);
	db_bind_text(st, 2, now);
	db_bind_int(st, 3, id);
	db_bind_int(st, 4, consultant_id);
	e = db_run(st);
	if (!e && db_changes(db) != 1) {
		validate_fail(fe, "answer", "answered_already", "this consultation has been answered already");
		e = ERR_CONFLICT;
	}
	return e;
}

enum err consultation_consultants(struct db *db, int64_t county_id,
				  void (*cb)(void *ctx, int64_t id, const char *name, const char *role), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT id, display_name, role FROM account WHERE county_id = ? AND active = 1"
				    " AND role IN ('consulting_social_worker', 'family_therapist') ORDER BY display_name", &st);
	if (e)
		return e;
	db_bind_int(st, 1, county_id);
	while (!(e = db_step(st, &row)) && row)
		cb(ctx, db_col_int(st, 0), db_col_text(st, 1), db_col_text(st, 2));
	db_done(st);
	return e;
}

static int by_minutes(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

static void month_done(struct consultation_month *m, int64_t *mins, size_t n,
		       void (*cb)(void *ctx, const struct consultation_month *m), void *ctx)
{
	m->median_minutes = m->longest_minutes = -1;
	if (n) {
		qsort(mins, n, sizeof(*mins), by_minutes);
		/* The median of an even count: the mean of the middle two. */
		m->median_minutes = n % 2 ? mins[n / 2] : (mins[n / 2 - 1] + mins[n / 2]) / 2;
		m->longest_minutes = mins[n - 1];
	}
	cb(ctx, m);
}

enum err consultation_answer_times(struct db *db, int64_t team_id, const char *from, const char *to,
				   void (*cb)(void *ctx, const struct consultation_month *m), void *ctx)
{
	struct db_stmt *st;
	struct consultation_month m = { 0 };
	int64_t *mins = NULL;
	size_t n = 0, cap = 0;
	bool row, have = false;
	enum err e = db_prepare(db, "SELECT substr(c.asked_at, 1, 7), c.asked_at, c.answered_at FROM consultation c"
				    " JOIN child_case k ON k.id = c.case_id WHERE k.team_id = ?"
				    " AND (? IS NULL OR substr(c.asked_at, 1, 7) >= ?)"
				    " AND (? IS NULL OR substr(c.asked_at, 1, 7) <= ?) ORDER BY c.asked_at", &st);
	if (e)
		return e;
	db_bind_int(st, 1, team_id);
	for (int i = 0; i < 2; i++) {
		const char *v = i ? to : from;
		char mon[8];
		if (v) {
			str_lcpy(mon, v, sizeof(mon));
			db_bind_text(st, 2 + 2 * i, mon);
			db_bind_text(st, 3 + 2 * i, mon);
		} else {
			db_bind_null(st, 2 + 2 * i);
			db_bind_null(st, 3 + 2 * i);
		}
	}
	while (!(e = db_step(st, &row)) && row) {
		const char *mon = db_col_text(st, 0);
		if (have && strcmp(mon, m.month)) {
			month_done(&m, mins, n, cb, ctx);
			n = 0;
			have = false;
		}
		if (!have) {
			memset(&m, 0, sizeof(m));
			str_lcpy(m.month, mon, sizeof(m.month));
			have = true;
		}
		m.asked++;
		if (!db_col_null(st, 2)) {
			int64_t t = consultation_minutes(db_col_text(st, 1), db_col_text(st, 2));
			m.answered++;
			if (t < 0)
				continue;
			if (n == cap) {
				size_t c2 = cap ? cap * 2 : 32;
				int64_t *p = realloc(mins, c2 * sizeof(*p));
				if (!p) {
					e = ERR_NOMEM;
					break;
				}
				mins = p;
				cap = c2;
			}
			mins[n++] = t;
		}
	}
	db_done(st);
	if (!e && have)
		month_done(&m, mins, n, cb, ctx);
	free(mins);
	return e;
}
