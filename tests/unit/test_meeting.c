/*
 * test_meeting.c - the weekly meeting's model on a real, migrated demo
 * database: a series lands on its weekday for its weeks, times and links
 * are checked, a record is written once and works out whether the family
 * was present, a task is ticked once, a feed token works until revoked or
 * replaced and is stored only hashed; and the router's {token} placeholder.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "auth/password.h"
#include "auth/token.h"
#include "core/str.h"
#include "db/db.h"
#include "db/migrate.h"
#include "http/router.h"
#include "model/demo.h"
#include "model/meeting.h"

static char dir[64], path[128];
static struct db *db;

static int64_t one(const char *sql)
{
	struct db_stmt *st;
	bool row = false;
	int64_t v = -1;
	if (db_prepare(db, sql, &st))
		return -1;
	if (!db_step(st, &row) && row)
		v = db_col_int(st, 0);
	db_done(st);
	return v;
}

/* One value of a literal sql with one parameter (db_prepare caches by the
 * sql's pointer: never a buffer). */
static int64_t one_p(const char *sql, int64_t i, const char *text)
{
	struct db_stmt *st;
	bool row = false;
	int64_t v = -1;
	if (db_prepare(db, sql, &st))
		return -1;
	if (text)
		db_bind_text(st, 1, text);
	else
		db_bind_int(st, 1, i);
	if (!db_step(st, &row) && row)
		v = db_col_int(st, 0);
	db_done(st);
	return v;
}

static int setup(void **state)
{
	int applied = 0;
	(void)state;
	str_lcpy(dir, "/tmp/majakka-meeting-XXXXXX", sizeof(dir));
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (auth_init() || db_open(&db, path, DB_CREATE) || migrate_up(db, &applied))
		return -1;
	return demo_create(db, "$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA") ? -1 : 0;
}

static int teardown(void **state)
{
	char p[160];
	const char *suffix[] = { "", "-wal", "-shm" };
	(void)state;
	db_close(db);
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s%s", path, suffix[i]);
		unlink(p);
	}
	rmdir(dir);
	return 0;
}

static void days_cb(void *ctx, const struct meeting_row *r)
{
	char *out = ctx;
	size_t n = strlen(out);
	snprintf(out + n, 200 - n, "%s ", r->meets_on);
}

static void test_series(void **state)
{
	struct field_error fe = { 0 };
	int64_t team = one("SELECT id FROM team WHERE name = 'POIJU'"), by = one("SELECT id FROM account WHERE username = 'kirsi'");
	struct meeting_series_new s = { .team_id = team, .weekday = 3, .start_time = "09:30", .place = "Olohuone",
					.starts_on = "2026-01-01", .weeks = 3, .by = by };
	char days[200] = "";
	int64_t id = 0;
	(void)state;
	assert_int_equal(meeting_series_create(db, &s, &id, &fe), ERR_OK);
	assert_int_equal(meeting_list_team(db, team, "2026-01-01", "2026-02-28", days_cb, days), ERR_OK);
	/* 2026-01-01 is a Thursday: the first Wednesday is the 7th. */
	assert_string_equal(days, "2026-01-07 2026-01-14 2026-01-21 ");

	s.start_time = "9:30";
	assert_int_equal(meeting_series_create(db, &s, &id, &fe), ERR_INVALID);
	assert_string_equal(fe.reason, "invalid_time");
	s.start_time = "24:00";
	assert_int_equal(meeting_series_create(db, &s, &id, &fe), ERR_INVALID);
	s.start_time = "23:59";
	s.video_url = "http://video.example.invalid/x";
	assert_int_equal(meeting_series_create(db, &s, &id, &fe), ERR_INVALID);
	assert_string_equal(fe.reason, "not_https");
	s.video_url = NULL;
	s.place = "";
	assert_int_equal(meeting_series_create(db, &s, &id, &fe), ERR_INVALID);
	assert_string_equal(fe.reason, "place_or_link");
	s.place = "x";
	s.weekday = 8;
	assert_int_equal(meeting_series_create(db, &s, &id, &fe), ERR_INVALID);
	assert_string_equal(fe.field, "weekday");
}

static void test_record_once(void **state)
{
	struct field_error fe = { 0 };
	int64_t team = one("SELECT id FROM team WHERE name = 'POIJU'"), by = one("SELECT id FROM account WHERE username = 'kirsi'");
	int64_t meeting = one("SELECT m.id FROM meeting m JOIN team t ON t.id = m.team_id WHERE t.name = 'POIJU'"
			      " AND m.meets_on = '2026-01-07'");
	int64_t c = one("SELECT c.id FROM child_case c JOIN team t ON t.id = c.team_id WHERE t.name = 'POIJU' ORDER BY c.id LIMIT 1");
	int64_t other = one("SELECT c.id FROM child_case c JOIN team t ON t.id = c.team_id WHERE t.name = 'LOISTO' ORDER BY c.id LIMIT 1");
	struct meeting_item_new n = { .meeting_id = meeting, .case_id = other, .question = "?", .by = by };
	struct meeting_record_new *r = calloc(1, sizeof(*r));
	int64_t item = 0;
	(void)state;
	(void)team;
	assert_int_equal(meeting_item_save(db, &n, &item, &fe), ERR_INVALID);
	assert_string_equal(fe.reason, "not_team_case");
	n.case_id = c;
	n.step = 5;
	assert_int_equal(meeting_item_save(db, &n, &item, &fe), ERR_INVALID);
	n.step = 3;
	assert_int_equal(meeting_item_save(db, &n, &item, &fe), ERR_OK);

	r->item_id = item;
	r->by = by;
	assert_int_equal(meeting_record_save(db, r, &fe), ERR_INVALID);   /* nobody took part */
	assert_string_equal(fe.field, "participants");
	r->people[0] = (struct meeting_invite_in){ .account_id = by };
	r->present[0] = true;
	r->people[1] = (struct meeting_invite_in){ .name = "Mummo", .role = "close_network" };
	r->present[1] = false;
	r->npeople = 2;
	r->tasks[0] = (struct meeting_task_in){ "Soita", by, "2026-13-01" };
	r->ntasks = 1;
	assert_int_equal(meeting_record_save(db, r, &fe), ERR_INVALID);
	assert_string_equal(fe.field, "task_due");
	r->tasks[0].due_on = "2026-01-20";
	assert_int_equal(meeting_record_save(db, r, &fe), ERR_OK);
	/* The close network absent: the family was not present. */
	assert_int_equal(one_p("SELECT family_present FROM meeting_record WHERE item_id = ?", item, NULL), 0);
	assert_int_equal(meeting_record_save(db, r, &fe), ERR_INVALID);
	assert_string_equal(fe.reason, "recorded_already");

	int64_t task = one("SELECT max(id) FROM meeting_task");
	assert_int_equal(meeting_task_done(db, task, by, &fe), ERR_OK);
	assert_int_equal(meeting_task_done(db, task, by, &fe), ERR_INVALID);
	assert_string_equal(fe.reason, "done_already");
	free(r);
}

static void test_feed_token(void **state)
{
	char t1[TOKEN_STR_MAX], t2[TOKEN_STR_MAX], hash[65];
	int64_t who = one("SELECT id FROM account WHERE username = 'sanna'"), got = 0;
	(void)state;
	assert_int_equal(meeting_feed_create(db, who, t1), ERR_OK);
	assert_int_equal(meeting_feed_account(db, t1, &got), ERR_OK);
	assert_int_equal(got, who);
	token_hash(t1, hash);
	assert_int_equal(one_p("SELECT count(*) FROM calendar_feed WHERE token_hash = ?", 0, hash), 1);
	assert_int_equal(one_p("SELECT count(*) FROM calendar_feed WHERE token_hash = ?", 0, t1), 0);
	assert_int_equal(meeting_feed_create(db, who, t2), ERR_OK);
	assert_int_equal(meeting_feed_account(db, t1, &got), ERR_NOT_FOUND);   /* replaced */
	assert_int_equal(meeting_feed_account(db, t2, &got), ERR_OK);
	assert_int_equal(meeting_feed_revoke(db, who), ERR_OK);
	assert_int_equal(meeting_feed_account(db, t2, &got), ERR_NOT_FOUND);
	assert_int_equal(meeting_feed_account(db, "short", &got), ERR_NOT_FOUND);
}

static void test_router_token(void **state)
{
	int64_t p[4];
	int n = 9;
	(void)state;
	assert_true(router_match("/api/v1/calendar/{token}.ics", "/api/v1/calendar/Ab-_9.ics", p, 4, &n));
	assert_int_equal(n, 0);
	assert_false(router_match("/api/v1/calendar/{token}.ics", "/api/v1/calendar/.ics", p, 4, &n));
	assert_false(router_match("/api/v1/calendar/{token}.ics", "/api/v1/calendar/a/b.ics", p, 4, &n));
	assert_false(router_match("/api/v1/calendar/{token}.ics", "/api/v1/calendar/abc.ics/x", p, 4, &n));
	assert_true(router_match("/api/v1/meetings/{id}", "/api/v1/meetings/12", p, 4, &n));
	assert_int_equal(p[0], 12);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_series),
		cmocka_unit_test(test_record_once),
		cmocka_unit_test(test_feed_token),
		cmocka_unit_test(test_router_token),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
