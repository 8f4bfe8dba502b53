/*
 * test_lookup.c - the small reads that api/ and main.c ask of model/ and db/
 * instead of writing SQL themselves: an account's team ids, a meta key,
 * whether an area is in a county, a team by name, and the access log read
 * back (a person's rows, the break-the-glass report).  The orders their
 * callers show are pinned here: team ids as added, the team of the area
 * whose name sorts first, access-log rows newest first.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "audit/audit.h"
#include "core/str.h"
#include "db/db.h"
#include "db/meta.h"
#include "db/migrate.h"
#include "model/accesslog.h"
#include "model/account.h"
#include "model/org.h"

static char dir[64];
static char path[128];
static struct db *db;

/* County 1 has two areas, each with a team MAJAKKA (Pohjoinen's has the
 * lower id, Etelä sorts first); county 2 has one of its own.  Account 5
 * (county 1, inactive) joined teams 102, 100, 101 in that order. */
static const char fixture[] =
	"INSERT INTO county(id, name) VALUES (1, 'Itä'), (2, 'Länsi');"
	"INSERT INTO area(id, county_id, name) VALUES (10, 1, 'Pohjoinen'), (11, 1, 'Etelä'), (20, 2, 'Keskusta');"
	"INSERT INTO team(id, area_id, name, kind) VALUES (100, 10, 'MAJAKKA', 'open_care'),"
	" (101, 11, 'MAJAKKA', 'open_care'), (102, 11, 'LOISTO', 'open_care'), (200, 20, 'MAJAKKA', 'open_care');"
	"INSERT INTO account(id, username, display_name, kind, role, county_id, password_hash, active,"
	" created_at, updated_at) VALUES"
	" (5, 'sanna', 'Sanna Sosiaalityöntekijä', 'worker', 'social_worker', 1, 'x', 0,"
	"  '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),"
	" (6, 'kaisa', 'Kaisa Kuusi', 'worker', 'social_worker', 2, 'x', 1,"
	"  '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');"
	"INSERT INTO team_member(team_id, account_id) VALUES (102, 5), (100, 5), (101, 5);"
	"INSERT INTO meta(key, value) VALUES ('demo', '1');";

static struct audit_entry entry(int64_t account_id, const char *username, int64_t person_id,
				const char *basis, const char *reason)
{
	struct audit_entry a = { .account_id = account_id, .action = "read", .object_type = "person",
				 .object_id = person_id, .person_id = person_id, .basis = basis,
				 .outcome = "allowed" };
	str_lcpy(a.username, username, sizeof(a.username));
	str_lcpy(a.role, "social_worker", sizeof(a.role));
	str_lcpy(a.reason, reason, sizeof(a.reason));
	return a;
}

static int setup(void **state)
{
	struct audit_entry log[] = {
		entry(5, "sanna", 7, "own_team", ""),
		entry(5, "sanna", 8, "own_team", ""),
		entry(5, "sanna", 7, "break_glass", "päivystys, lapsi tuotu poliisin kanssa"),
		entry(6, "kaisa", 7, "break_glass", "kiireellinen sijoitus yöllä"),
		entry(0, "ghost", 7, "break_glass", "tuntematon tili"),
	};
	(void)state;
	str_lcpy(dir, "/tmp/majakka-lookup-XXXXXX", sizeof(dir));
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (db_open(&db, path, DB_CREATE) || migrate_up(db, NULL) || db_exec(db, fixture))
		return -1;
	if (db_begin(db) || audit_append(db, log, sizeof(log) / sizeof(log[0])) || db_commit(db))
		return -1;
	return 0;
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

static void test_account_team_ids(void **state)
{
	int64_t ids[4];
	bool lead[4];
	int n = -1;
	(void)state;
	/* In team id order, whatever the order of joining. */
	assert_int_equal(account_team_ids(db, 5, ids, lead, 4, &n), ERR_OK);
	assert_int_equal(n, 3);
	assert_int_equal(ids[0], 100);
	assert_int_equal(ids[1], 101);
	assert_int_equal(ids[2], 102);
	assert_false(lead[0] || lead[1] || lead[2]);
	assert_int_equal(account_team_ids(db, 5, ids, NULL, 2, &n), ERR_OK);
	assert_int_equal(n, 2);
	assert_int_equal(account_team_ids(db, 6, ids, NULL, 4, &n), ERR_OK);
	assert_int_equal(n, 0);
}

static void test_meta_get(void **state)
{
	char v[8] = "junk";
	(void)state;
	assert_int_equal(meta_get(db, "demo", v, sizeof(v)), ERR_OK);
	assert_string_equal(v, "1");
	assert_int_equal(meta_get(db, "no_such_key", v, sizeof(v)), ERR_OK);
	assert_string_equal(v, "");
}

static void test_org_has_area(void **state)
{
	bool found = true;
	(void)state;
	assert_int_equal(org_has_area(db, 1, 10, &found), ERR_OK);
	assert_true(found);
	assert_int_equal(org_has_area(db, 1, 20, &found), ERR_OK);
	assert_false(found);
	assert_int_equal(org_has_area(db, 0, 20, &found), ERR_OK);
	assert_true(found);
	assert_int_equal(org_has_area(db, 0, 99, &found), ERR_OK);
	assert_false(found);
}

static void test_org_find_team(void **state)
{
	int64_t id = -1;
	(void)state;
	assert_int_equal(org_find_team(db, 1, "MAJAKKA", &id), ERR_OK);
	assert_int_equal(id, 101);  /* Etelä before Pohjoinen */
	assert_int_equal(org_find_team(db, 2, "MAJAKKA", &id), ERR_OK);
	assert_int_equal(id, 200);
	assert_int_equal(org_find_team(db, 1, "LOISTO", &id), ERR_OK);
	assert_int_equal(id, 102);
	assert_int_equal(org_find_team(db, 2, "LOISTO", &id), ERR_OK);
	assert_int_equal(id, 0);
	assert_int_equal(org_find_team(db, 0, "MAJAKKA", &id), ERR_OK);
	assert_int_equal(id, 0);
}

struct rows {
	int n;
	struct accesslog_row r[8];
};

static void collect(void *ctx, const struct accesslog_row *r)
{
	struct rows *rows = ctx;
	if (rows->n < 8)
		rows->r[rows->n] = *r;
	rows->n++;
}

static void test_accesslog_person(void **state)
{
	struct rows got = { 0 };
	struct accesslog_filter f = { .person_id = 7 };
	struct field_error fe;
	int64_t next = -1;
	(void)state;
	assert_int_equal(accesslog_filter_parse(&f, NULL, NULL, NULL, NULL, NULL, &fe), ERR_OK);
	assert_int_equal(f.limit, ACCESSLOG_PAGE_DEFAULT);
	assert_int_equal(accesslog_list_person(db, &f, collect, &got, &next), ERR_OK);
	assert_int_equal(got.n, 4);
	assert_int_equal(next, 0);
	assert_string_equal(got.r[0].username, "ghost");
	assert_string_equal(got.r[0].name, "ghost");  /* no account: the username */
	assert_string_equal(got.r[1].name, "Kaisa Kuusi");
	assert_string_equal(got.r[2].basis, "break_glass");
	assert_string_equal(got.r[2].reason, "päivystys, lapsi tuotu poliisin kanssa");
	assert_string_equal(got.r[3].name, "Sanna Sosiaalityöntekijä");
	assert_string_equal(got.r[3].basis, "own_team");
	assert_string_equal(got.r[3].outcome, "allowed");
	assert_string_equal(got.r[3].action, "read");
	assert_string_equal(got.r[3].role, "social_worker");
	assert_int_equal(got.r[3].person_id, 7);
	assert_int_equal(strlen(got.r[3].at), 20);

	/* Two a page: the cursor is the last row shown, and the next page
	 * starts after it. */
	memset(&got, 0, sizeof(got));
	assert_int_equal(accesslog_filter_parse(&f, NULL, "2", NULL, NULL, NULL, &fe), ERR_OK);
	assert_int_equal(accesslog_list_person(db, &f, collect, &got, &next), ERR_OK);
	assert_int_equal(got.n, 2);
	assert_int_equal(next, got.r[1].id);
	assert_int_equal(accesslog_filter_parse(&f, "x", NULL, NULL, NULL, NULL, &fe), ERR_INVALID);
	assert_string_equal(fe.field, "before");
	assert_int_equal(accesslog_filter_parse(&f, NULL, "201", NULL, NULL, NULL, &fe), ERR_INVALID);
	assert_string_equal(fe.reason, "out_of_range");
	assert_int_equal(accesslog_filter_parse(&f, NULL, NULL, "2026-02-30", NULL, NULL, &fe), ERR_INVALID);
	assert_string_equal(fe.field, "from");
	assert_int_equal(accesslog_filter_parse(&f, NULL, NULL, "2026-03-02", "2026-03-01", NULL, &fe), ERR_INVALID);
	assert_string_equal(fe.reason, "before_from");
	memset(&got, 0, sizeof(got));
	assert_int_equal(accesslog_filter_parse(&f, NULL, NULL, NULL, NULL, "ghost", &fe), ERR_OK);
	assert_int_equal(accesslog_list_person(db, &f, collect, &got, &next), ERR_OK);
	assert_int_equal(got.n, 1);
	assert_string_equal(got.r[0].username, "ghost");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_account_team_ids),
		cmocka_unit_test(test_meta_get),
		cmocka_unit_test(test_org_has_area),
		cmocka_unit_test(test_org_find_team),
		cmocka_unit_test(test_accesslog_person),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
