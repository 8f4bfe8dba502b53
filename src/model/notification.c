/*
 * notification.c - notifications, their clocks, client contacts (see
 * notification.h).
 */
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/childcase.h"
#include "model/deadline.h"
#include "model/notification.h"

const char *const notification_kinds[] = { "notification", "contact", "application", NULL };
const char *const sender_types[] = { "school", "daycare", "health_care", "police", "social_services",
				     "relative", "child", "parent", "anonymous", "other", NULL };
const char *const contact_channels[] = { "phone", "message", "email", "visit", NULL };

bool local_datetime_valid(const char *s)
{
	struct date d;
	char day[11];
	if (!s || strlen(s) != 16 || s[10] != 'T' || s[13] != ':')
		return false;
	memcpy(day, s, 10);
	day[10] = 0;
	if (date_parse(day, &d))
		return false;
	if (s[11] < '0' || s[11] > '2' || s[12] < '0' || s[12] > '9' || s[14] < '0' || s[14] > '5' ||
	    s[15] < '0' || s[15] > '9')
		return false;
	return (s[11] - '0') * 10 + (s[12] - '0') < 24;
}

enum err notification_create(struct db *db, struct notification_row *n, struct field_error *fe)
{
	struct db_stmt *st;
	struct date r, dd, ad, today = date_today();
	char now[21];
	enum err e = validate_enum(n->kind, "kind", notification_kinds, fe);

	if (!e)
		e = validate_enum(n->sender_type, "sender_type", sender_types, fe);
	if (!e)
		e = validate_text(n->sender_name, "sender_name", 0, NOTIFICATION_SENDER_CHARS, false, fe);
	if (!e)
		e = validate_text(n->text, "text", 1, NOTIFICATION_TEXT_CHARS, true, fe);
	if (e)
		return e;
	if (!local_datetime_valid(n->received_at))
		return validate_fail(fe, "received_at", "invalid_datetime",
				     "received_at must be a local date and time as YYYY-MM-DDTHH:MM");
	memcpy(n->received_date, n->received_at, 10);
	n->received_date[10] = 0;
	date_parse(n->received_date, &r);
	if (date_cmp(r, today) > 0)
		return validate_fail(fe, "received_at", "future", "received_at cannot be in the future");
	e = deadline_for_notification(r, &dd, &ad);
	if (e)
		return validate_fail(fe, "received_at", "invalid_date", "received_at is out of range");
	date_format(dd, n->decision_due);
	date_format(ad, n->assessment_due);
	clock_iso(clock_now(), now);
	e = db_prepare(db, "INSERT INTO notification(case_id, kind, received_at, received_date, received_by, sender_type,"
			   " sender_name, text, decision_due, assessment_due, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, n->case_id);
	db_bind_text(st, 2, n->kind);
	db_bind_text(st, 3, n->received_at);
	db_bind_text(st, 4, n->received_date);
	if (n->received_by) db_bind_int(st, 5, n->received_by); else db_bind_null(st, 5);
	db_bind_text(st, 6, n->sender_type);
	db_bind_text(st, 7, n->sender_name);
	db_bind_text(st, 8, n->text);
	db_bind_text(st, 9, n->decision_due);
	db_bind_text(st, 10, n->assessment_due);
	db_bind_text(st, 11, now);
	e = db_run(st);
	if (e == ERR_CONFLICT)
		return validate_fail(fe, "case_id", "unknown_value", "no such case");
	if (!e)
		n->id = db_last_id(db);
	return e;
}

static enum err update_one(struct db *db, struct db_stmt *st, struct field_error *fe, const char *what)
{
	enum err e = db_run(st);
	if (!e && db_changes(db) == 0)
		e = validate_fail(fe, "id", "not_open", "%s", what);
	return e;
}

enum err notification_set_urgency(struct db *db, int64_t id, const char *urgency, int64_t by,
				  struct field_error *fe)
{
	static const char *const u[] = { "urgent", "not_urgent", NULL };
	struct db_stmt *st;
	char now[21];
	enum err e = validate_enum(urgency, "urgency", u, fe);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	e = db_prepare(db, "UPDATE notification SET urgency = ?, urgency_at = ?, urgency_by = ? WHERE id = ?"
			   " AND urgency IS NULL", &st);
	if (e)
		return e;
	db_bind_text(st, 1, urgency);
	db_bind_text(st, 2, now);
	db_bind_int(st, 3, by);
	db_bind_int(st, 4, id);
	return update_one(db, st, fe, "the urgency of this notification has already been assessed");
}

static enum err valid_day(const char *date, const char *field, char out[11], struct field_error *fe)
{
	struct date d;
	if (!date || !*date) {
		date_format(date_today(), out);
		return ERR_OK;
	}
	if (date_parse(date, &d))
		return validate_fail(fe, field, "invalid_date", "%s must be a real date as YYYY-MM-DD", field);
	if (date_cmp(d, date_today()) > 0)
		return validate_fail(fe, field, "future", "%s cannot be in the future", field);
	date_format(d, out);
	return ERR_OK;
}

enum err notification_decide(struct db *db, int64_t id, const char *decision, const char *date, int64_t by,
			     struct field_error *fe)
{
	static const char *const d[] = { "start_assessment", "no_assessment", NULL };
	struct db_stmt *st;
	char day[11];
	enum err e = validate_enum(decision, "decision", d, fe);
	if (!e)
		e = valid_day(date, "decision_at", day, fe);
	if (e)
		return e;
	e = db_prepare(db, "UPDATE notification SET decision = ?, decision_at = ?, decision_by = ? WHERE id = ?"
			   " AND decision IS NULL AND received_date <= ?2", &st);
	if (e)
		return e;
	db_bind_text(st, 1, decision);
	db_bind_text(st, 2, day);
	db_bind_int(st, 3, by);
	db_bind_int(st, 4, id);
	return update_one(db, st, fe, "this notification already has a decision (or the date is before its receipt)");
}

enum err notification_complete(struct db *db, int64_t id, const char *date, struct field_error *fe)
{
	struct db_stmt *st;
	char day[11];
	enum err e = valid_day(date, "assessment_done_at", day, fe);
	if (e)
		return e;
	e = db_prepare(db, "UPDATE notification SET assessment_done_at = ? WHERE id = ? AND decision = 'start_assessment'"
			   " AND assessment_done_at IS NULL", &st);
	if (e)
		return e;
	db_bind_text(st, 1, day);
	db_bind_int(st, 2, id);
	return update_one(db, st, fe, "no open service-need assessment on this notification");
}

#define N_COLS "n.id, n.case_id, n.kind, n.received_at, n.received_date, coalesce(n.received_by, 0)," \
	" coalesce(ra.display_name, ''), n.sender_type, n.sender_name, n.text, coalesce(n.urgency, '')," \
	" coalesce(n.urgency_at, ''), coalesce(ua.display_name, ''), n.decision_due, n.assessment_due," \
	" coalesce(n.decision, ''), coalesce(n.decision_at, ''), coalesce(n.assessment_done_at, '')," \
	" p.first_names || ' ' || p.last_name, c.child_id, t.name"
#define N_FROM " FROM notification n JOIN child_case c ON c.id = n.case_id JOIN person p ON p.id = c.child_id" \
	" JOIN team t ON t.id = c.team_id LEFT JOIN account ra ON ra.id = n.received_by" \
	" LEFT JOIN account ua ON ua.id = n.urgency_by"

static void n_from_row(struct db_stmt *st, struct notification_row *n)
{
	/* Every field is set below; no memset of the 17 kB row (it was a
	 * tenth of the child page's cost). */
	n->id = db_col_int(st, 0);
	n->case_id = db_col_int(st, 1);
	str_lcpy(n->kind, db_col_text(st, 2), sizeof(n->kind));
	str_lcpy(n->received_at, db_col_text(st, 3), sizeof(n->received_at));
	str_lcpy(n->received_date, db_col_text(st, 4), sizeof(n->received_date));
	n->received_by = db_col_int(st, 5);
	str_lcpy(n->received_by_name, db_col_text(st, 6), sizeof(n->received_by_name));
	str_lcpy(n->sender_type, db_col_text(st, 7), sizeof(n->sender_type));
	str_lcpy(n->sender_name, db_col_text(st, 8), sizeof(n->sender_name));
	str_lcpy(n->text, db_col_text(st, 9), sizeof(n->text));
	str_lcpy(n->urgency, db_col_text(st, 10), sizeof(n->urgency));
	str_lcpy(n->urgency_at, db_col_text(st, 11), sizeof(n->urgency_at));
	str_lcpy(n->urgency_by_name, db_col_text(st, 12), sizeof(n->urgency_by_name));
	str_lcpy(n->decision_due, db_col_text(st, 13), sizeof(n->decision_due));
	str_lcpy(n->assessment_due, db_col_text(st, 14), sizeof(n->assessment_due));
	str_lcpy(n->decision, db_col_text(st, 15), sizeof(n->decision));
	str_lcpy(n->decision_at, db_col_text(st, 16), sizeof(n->decision_at));
	str_lcpy(n->assessment_done_at, db_col_text(st, 17), sizeof(n->assessment_done_at));
	str_lcpy(n->child_name, db_col_text(st, 18), sizeof(n->child_name));
	n->child_id = db_col_int(st, 19);
	str_lcpy(n->team_name, db_col_text(st, 20), sizeof(n->team_name));
}

static void n_fill(struct db_stmt *st, void *out)
{
	n_from_row(st, out);
}

enum err notification_get(struct db *db, int64_t id, struct notification_row *out)
{
	return db_get_by_id(db, "SELECT " N_COLS N_FROM " WHERE n.id = ?", id, n_fill, out);
}

/* In the order of notification_case_received (migration 007), so no sort;
 * notifications received at the same minute come oldest row first, as the
 * sort of the plain "received_at DESC" left them. */
enum err notification_list_case(struct db *db, int64_t case_id,
				void (*cb)(void *ctx, const struct notification_row *n), void *ctx)
{
	struct db_stmt *st;
	bool row;
	struct notification_row *n = malloc(sizeof(*n));
	enum err e = n ? db_prepare(db, "SELECT " N_COLS N_FROM " WHERE n.case_id = ? ORDER BY n.received_at DESC, n.id", &st)
		       : ERR_NOMEM;
	if (e) {
		free(n);
		return e;
	}
	db_bind_int(st, 1, case_id);
	while (!(e = db_step(st, &row)) && row) {
		n_from_row(st, n);
		cb(ctx, n);
	}
	db_done(st);
	free(n);
	return e;
}

/* The cases whose clocks are wanted, one indexed way for each scope.  The
 * account's is named: without sqlite_stat1 rows for migration 010's index
 * the planner took that one (every open membership, any role) instead. */
/* A worker's week: the cases whose child's team the account sits on today,
 * in any role.  The pair worker and the varying members work towards the
 * same statutory deadline as the responsible worker, and "my children" on
 * the same page lists exactly these cases (CHILDCASE_MINE_SQL). */
#define CLOCK_SCOPE_ACCOUNT "SELECT DISTINCT case_id AS id FROM (" CHILDCASE_MINE_SQL("?2", "?5") ")" \
	" WHERE ?1 = ?1 AND ?3 = ?3"
#define CLOCK_SCOPE_TEAM "SELECT id FROM child_case WHERE team_id = ?3 AND ?1 = ?1 AND ?2 = ?2 AND ?5 = ?5"
#define CLOCK_SCOPE_COUNTY "SELECT c.id FROM child_case c JOIN team t ON t.id = c.team_id" \
	" JOIN area a ON a.id = t.area_id WHERE (?1 = 0 OR a.county_id = ?1) AND ?2 = ?2 AND ?3 = ?3 AND ?5 = ?5"
/* Each branch starts from the scope's cases and reads only their open
 * clocks through the partial indexes of migration 006 (forced with CROSS
 * JOIN and INDEXED BY: the planner otherwise joined every case's person
 * and team before looking at its notifications, 50 times the work).  The
 * open-clock indexes hold the due dates and case_member_responsible
 * the worker (migration 011), so no branch reads a table row for them.  The
 * scope is repeated in each branch rather than shared as a CTE: a shared
 * CTE is materialised and SQLite 3.40 then builds a Bloom filter over the
 * whole notification table for the second branch (6 ms for nothing). */
#define CLOCK_BRANCH(scope, kind, due, index, open) \
	" SELECT n.id, n.case_id, c.child_id, p.first_names || ' ' || p.last_name, t.name," \
	"  coalesce(ra.display_name, ''), " kind ", " due " AS due" \
	"  FROM (" scope ") cs CROSS JOIN notification n INDEXED BY " index " ON n.case_id = cs.id" \
	"  CROSS JOIN child_case c ON c.id = n.case_id CROSS JOIN person p ON p.id = c.child_id" \
	"  CROSS JOIN team t ON t.id = c.team_id" \
	"  LEFT JOIN case_member m INDEXED BY case_member_responsible" \
	"   ON m.case_id = c.id AND m.role = 'responsible' AND m.to_date IS NULL" \
	"  LEFT JOIN account ra ON ra.id = m.account_id" \
	"  WHERE " open " AND (?4 = '' OR " due " <= ?4)"
#define CLOCK_SQL(scope) \
	"SELECT * FROM (" \
	CLOCK_BRANCH(scope, "'decision' AS kind", "n.decision_due", "notification_decision_open_case", \
		     "n.decision_at IS NULL") \
	" UNION ALL" \
	CLOCK_BRANCH(scope, "'assessment'", "n.assessment_due", "notification_assessment_open_case", \
		     "n.decision = 'start_assessment' AND n.assessment_done_at IS NULL") \
	") ORDER BY due, 4"

enum err clocks_open(struct db *db, int64_t county_id, int64_t account_id, int64_t team_id, const char *until,
		     void (*cb)(void *ctx, const struct clock_row *r), void *ctx)
{
	struct db_stmt *st;
	struct date today = date_today();
	char today_s[11];
	bool row;
	enum err e = db_prepare(db, account_id ? CLOCK_SQL(CLOCK_SCOPE_ACCOUNT) :
				    team_id ? CLOCK_SQL(CLOCK_SCOPE_TEAM) : CLOCK_SQL(CLOCK_SCOPE_COUNTY), &st);
	if (e)
		return e;
	db_bind_int(st, 1, county_id);
	db_bind_int(st, 2, account_id);
	db_bind_int(st, 3, team_id);
	db_bind_text(st, 4, until ? until : "");
	date_format(today, today_s);
	db_bind_text(st, 5, today_s);
	while (!(e = db_step(st, &row)) && row) {
		struct clock_row r = { .notification_id = db_col_int(st, 0), .case_id = db_col_int(st, 1),
				       .child_id = db_col_int(st, 2) };
		struct date d;
		str_lcpy(r.child_name, db_col_text(st, 3), sizeof(r.child_name));
		str_lcpy(r.team_name, db_col_text(st, 4), sizeof(r.team_name));
		str_lcpy(r.responsible_name, db_col_text(st, 5), sizeof(r.responsible_name));
		str_lcpy(r.kind, db_col_text(st, 6), sizeof(r.kind));
		str_lcpy(r.due, db_col_text(st, 7), sizeof(r.due));
		if (!date_parse(r.due, &d))
			r.days_left = (int)(date_to_days(d) - date_to_days(today));
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

/* ---- client contacts ---- */

enum err contact_create(struct db *db, const struct contact_new *c, int64_t *id, struct field_error *fe)
{
	struct db_stmt *st;
	enum err e = validate_enum(c->channel, "channel", contact_channels, fe);
	if (!e)
		e = validate_text(c->note, "note", 0, 500, true, fe);
	if (e)
		return e;
	if (!local_datetime_valid(c->received_at))
		return validate_fail(fe, "received_at", "invalid_datetime", "received_at must be YYYY-MM-DDTHH:MM");
	if (c->first_response_at && *c->first_response_at) {
		if (!local_datetime_valid(c->first_response_at))
			return validate_fail(fe, "first_response_at", "invalid_datetime",
					     "first_response_at must be YYYY-MM-DDTHH:MM");
		if (strcmp(c->first_response_at, c->received_at) < 0)
			return validate_fail(fe, "first_response_at", "before_received",
					     "first_response_at cannot be before received_at");
	}
	e = db_prepare(db, "INSERT INTO client_contact(team_id, case_id, received_at, channel, answered_by,"
			   " first_response_at, note) VALUES (?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, c->team_id);
	if (c->case_id) db_bind_int(st, 2, c->case_id); else db_bind_null(st, 2);
	db_bind_text(st, 3, c->received_at);
	db_bind_text(st, 4, c->channel);
	if (c->answered_by) db_bind_int(st, 5, c->answered_by); else db_bind_null(st, 5);
	if (c->first_response_at && *c->first_response_at) db_bind_text(st, 6, c->first_response_at);
	else db_bind_null(st, 6);
	db_bind_text(st, 7, c->note ? c->note : "");
	e = db_run(st);
	if (e == ERR_CONFLICT)
		return validate_fail(fe, "team_id", "unknown_value", "no such team or case");
	if (!e)
		*id = db_last_id(db);
	return e;
}

static int64_t minutes_of(const char *s)
{
	struct date d;
	char day[11];
	memcpy(day, s, 10);
	day[10] = 0;
	if (date_parse(day, &d))
		return 0;
	return date_to_days(d) * 1440 + ((s[11] - '0') * 10 + (s[12] - '0')) * 60 + (s[14] - '0') * 10 + (s[15] - '0');
}

static int cmp_int(const void *a, const void *b)
{
	int x = *(const int *)a, y = *(const int *)b;
	return (x > y) - (x < y);
}

enum err contact_stats(struct db *db, int64_t team_id, const char *since, struct contact_stats *out)
{
	struct db_stmt *st;
	bool row;
	int *mins = NULL, n = 0, cap = 0, same = 0;
	enum err e = db_prepare(db, "SELECT received_at, coalesce(first_response_at, '') FROM client_contact"
				    " WHERE team_id = ? AND received_at >= ?", &st);

	memset(out, 0, sizeof(*out));
	out->median_minutes = -1;
	if (e)
		return e;
	db_bind_int(st, 1, team_id);
	db_bind_text(st, 2, since ? since : "");
	while (!(e = db_step(st, &row)) && row) {
		const char *r = db_col_text(st, 0), *f = db_col_text(st, 1);
		out->contacts++;
		if (!*f)
			continue;
		if (n == cap) {
			int *p = realloc(mins, (size_t)(cap ? cap * 2 : 64) * sizeof(int));
			if (!p) {
				e = ERR_NOMEM;
				break;
			}
			mins = p;
			cap = cap ? cap * 2 : 64;
		}
		mins[n++] = (int)(minutes_of(f) - minutes_of(r));
		{
			/* The same working day: a contact on a weekend or holiday counts
			 * as answered the same day when answered by the next working day. */
			struct date rd, fd;
			char a[11], b[11];
			memcpy(a, r, 10); a[10] = 0;
			memcpy(b, f, 10); b[10] = 0;
			if (!date_parse(a, &rd) && !date_parse(b, &fd) &&
			    date_cmp(fd, workday_next_or_same(rd)) <= 0)
				same++;
		}
	}
	db_done(st);
	if (!e && n) {
		qsort(mins, (size_t)n, sizeof(int), cmp_int);
		out->median_minutes = n % 2 ? mins[n / 2] : (mins[n / 2 - 1] + mins[n / 2]) / 2;
	}
	out->answered = n;
	if (out->contacts)
		out->same_day_percent = (int)((same * 100 + out->contacts / 2) / out->contacts);
	free(mins);
	return e;
}
