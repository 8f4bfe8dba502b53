/*
 * test_lights.c - the leadership's figures: lights_counts_by_round (the
 * children per light in each round, the latest rating of a child in a round
 * counting, and who moved towards red or green since the round before) and
 * consultation_answer_times (per month of asking: asked, answered, median
 * and longest time to answer); and the criteria a colour allows.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "core/str.h"
#include "db/db.h"
#include "db/migrate.h"
#include "model/consultation.h"
#include "model/lights.h"

static char dir[64];
static char path[128];
static struct db *db;

/* Team 100 has children (cases) 1-4; team 101 case 5.  Rounds of team
 * 100: 1 (2026-03-01), 2 (2026-06-01), and 3 (2026-09-01); round 9 is team
 * 101's.  Case 2 was rated twice in round 2 (yellow, then red: red counts). */
static const char fixture[] =
	"INSERT INTO county(id, name) VALUES (1, 'Itä');"
	"INSERT INTO area(id, county_id, name) VALUES (10, 1, 'Pohjoinen');"
	"INSERT INTO team(id, area_id, name, kind) VALUES (100, 10, 'MAJAKKA', 'open_care'), (101, 10, 'LOISTO', 'open_care');"
	"INSERT INTO account(id, username, display_name, kind, role, county_id, password_hash, active, created_at, updated_at)"
	" VALUES (5, 'sanna', 'Sanna', 'worker', 'social_worker', 1, 'x', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z'),"
	" (6, 'kalle', 'Kalle', 'worker', 'consulting_social_worker', 1, 'x', 1, '2024-01-01T00:00:00Z', '2024-01-01T00:00:00Z');"
	"INSERT INTO person(id, county_id, kind, first_names, last_name, created_at) VALUES"
	" (1, 1, 'child', 'A', 'A', '2024-01-01T00:00:00Z'), (2, 1, 'child', 'B', 'B', '2024-01-01T00:00:00Z'),"
	" (3, 1, 'child', 'C', 'C', '2024-01-01T00:00:00Z'), (4, 1, 'child', 'D', 'D', '2024-01-01T00:00:00Z'),"
	" (5, 1, 'child', 'E', 'E', '2024-01-01T00:00:00Z');"
	"INSERT INTO child_case(id, child_id, team_id, legal_basis, phase, opened_at) VALUES"
	" (1, 1, 100, 'child_welfare_act', 'open_care', '2024-01-01'), (2, 2, 100, 'child_welfare_act', 'open_care', '2024-01-01'),"
	" (3, 3, 100, 'child_welfare_act', 'open_care', '2024-01-01'), (4, 4, 100, 'child_welfare_act', 'open_care', '2024-01-01'),"
	" (5, 5, 101, 'child_welfare_act', 'open_care', '2024-01-01');"
	"INSERT INTO light_round(id, team_id, held_on, created_by, created_at) VALUES"
	" (2, 100, '2026-06-01', 5, 'x'), (1, 100, '2026-03-01', 5, 'x'), (3, 100, '2026-09-01', 5, 'x'), (9, 101, '2026-06-01', 5, 'x');"
	"INSERT INTO light_participant(round_id, account_id) VALUES (1, 5), (1, 6), (2, 5);"
	"INSERT INTO light_rating(round_id, case_id, colour, rated_by, rated_at) VALUES"
	" (1, 1, 'green', 5, 'x'), (1, 2, 'yellow', 5, 'x'), (1, 3, 'red', 5, 'x'),"
	" (2, 1, 'yellow', 5, 'x'), (2, 2, 'yellow', 5, 'x'), (2, 2, 'red', 5, 'x'), (2, 3, 'yellow', 5, 'x'), (2, 4, 'red', 5, 'x'),"
	" (3, 1, 'yellow', 5, 'x'),"
	" (9, 5, 'green', 5, 'x');"
	/* Consultations about team 100: March 10 min, 2 h and 1 d 2 h (median 2 h), one open; April one
	 * 30 min; team 101 one that must not count. */
	"INSERT INTO consultation(case_id, asked_by, consultant_id, question, asked_at, answer, answered_at) VALUES"
	" (1, 5, 6, 'q', '2026-03-02T08:00:00Z', 'a', '2026-03-02T08:10:00Z'),"
	" (2, 5, 6, 'q', '2026-03-05T09:00:00Z', 'a', '2026-03-05T11:00:00Z'),"
	" (3, 5, 6, 'q', '2026-03-30T22:00:00Z', 'a', '2026-04-01T00:00:00Z'),"
	" (4, 5, 6, 'q', '2026-03-31T10:00:00Z', NULL, NULL),"
	" (1, 5, 6, 'q', '2026-04-15T10:00:00Z', 'a', '2026-04-15T10:30:00Z'),"
	" (5, 5, 6, 'q', '2026-03-03T10:00:00Z', 'a', '2026-03-09T10:00:00Z');";

static int setup(void **state)
{
	(void)state;
	str_lcpy(dir, "/tmp/majakka-lights-XXXXXX", sizeof(dir));
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (db_open(&db, path, DB_CREATE) || migrate_up(db, NULL) || db_exec(db, fixture))
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

struct counts {
	struct light_counts c[8];
	int n;
};

static void counts_cb(void *ctx, const struct light_counts *c)
{
	struct counts *k = ctx;
	if (k->n < 8)
		k->c[k->n++] = *c;
}

static void test_counts_by_round(void **state)
{
	struct counts k = { .n = 0 };
	(void)state;
	assert_int_equal(lights_counts_by_round(db, 100, NULL, NULL, counts_cb, &k), ERR_OK);
	assert_int_equal(k.n, 3);
	/* Oldest first. */
	assert_string_equal(k.c[0].held_on, "2026-03-01");
	assert_int_equal(k.c[0].round_id, 1);
	assert_int_equal(k.c[0].green, 1);
	assert_int_equal(k.c[0].yellow, 1);
	assert_int_equal(k.c[0].red, 1);
	assert_int_equal(k.c[0].worse + k.c[0].better, 0);
	assert_int_equal(k.c[0].participants, 2);
	/* Round 2: case 1 green -> yellow (worse), case 2 yellow -> red (its
	 * latest rating; worse), case 3 red -> yellow (better), case 4 new. */
	assert_int_equal(k.c[1].green, 0);
	assert_int_equal(k.c[1].yellow, 2);
	assert_int_equal(k.c[1].red, 2);
	assert_int_equal(k.c[1].worse, 2);
	assert_int_equal(k.c[1].better, 1);
	assert_int_equal(k.c[1].participants, 1);
	/* Round 3: only case 1, unchanged; nobody else rated. */
	assert_int_equal(k.c[2].yellow, 1);
	assert_int_equal(k.c[2].green + k.c[2].red + k.c[2].worse + k.c[2].better, 0);
}

static void test_counts_window(void **state)
{
	struct counts k = { .n = 0 };
	(void)state;
	/* From June: round 1 is not listed but still the "before" of round 2. */
	assert_int_equal(lights_counts_by_round(db, 100, "2026-06-01", "2026-06-30", counts_cb, &k), ERR_OK);
	assert_int_equal(k.n, 1);
	assert_int_equal(k.c[0].round_id, 2);
	assert_int_equal(k.c[0].worse, 2);
	assert_int_equal(k.c[0].better, 1);
	k.n = 0;
	assert_int_equal(lights_counts_by_round(db, 101, NULL, NULL, counts_cb, &k), ERR_OK);
	assert_int_equal(k.n, 1);
	assert_int_equal(k.c[0].green, 1);
	k.n = 0;
	assert_int_equal(lights_counts_by_round(db, 999, NULL, NULL, counts_cb, &k), ERR_OK);
	assert_int_equal(k.n, 0);
}

struct months {
	struct consultation_month m[8];
	int n;
};

static void month_cb(void *ctx, const struct consultation_month *m)
{
	struct months *k = ctx;
	if (k->n < 8)
		k->m[k->n++] = *m;
}

static void test_answer_times(void **state)
{
	struct months k = { .n = 0 };
	(void)state;
	assert_int_equal(consultation_answer_times(db, 100, NULL, NULL, month_cb, &k), ERR_OK);
	assert_int_equal(k.n, 2);
	assert_string_equal(k.m[0].month, "2026-03");
	assert_int_equal(k.m[0].asked, 4);
	assert_int_equal(k.m[0].answered, 3);
	assert_int_equal(k.m[0].median_minutes, 120);
	assert_int_equal(k.m[0].longest_minutes, 26 * 60);
	assert_string_equal(k.m[1].month, "2026-04");
	assert_int_equal(k.m[1].asked, 1);
	assert_int_equal(k.m[1].median_minutes, 30);
	assert_int_equal(k.m[1].longest_minutes, 30);
	k.n = 0;
	assert_int_equal(consultation_answer_times(db, 100, "2026-04", "2026-12", month_cb, &k), ERR_OK);
	assert_int_equal(k.n, 1);
	assert_string_equal(k.m[0].month, "2026-04");
	k.n = 0;
	/* Team 101: one answered after six days. */
	assert_int_equal(consultation_answer_times(db, 101, NULL, NULL, month_cb, &k), ERR_OK);
	assert_int_equal(k.n, 1);
	assert_int_equal(k.m[0].median_minutes, 6 * 1440);
}

static void test_minutes_and_criteria(void **state)
{
	struct field_error fe = { 0 };
	int64_t id = 0;
	(void)state;
	assert_int_equal(consultation_minutes("2026-03-30T22:00:00Z", "2026-04-01T00:00:00Z"), 26 * 60);
	assert_int_equal(consultation_minutes("2026-03-30T22:00:00Z", "garbage"), -1);
	assert_int_equal(consultation_minutes("2026-03-30T22:00:00Z", "2026-03-30T21:00:00Z"), -1);
	assert_int_equal(lights_rank("red"), 2);
	assert_int_equal(lights_rank("blue"), -1);
	assert_null(lights_criteria("blue"));
	/* A criterion of another colour is refused before anything is read. */
	struct light_rating_new r = { .round_id = 1, .case_id = 1, .colour = "green", .criteria = "green_ending,red_explosive",
				      .rated_by = 5 };
	assert_int_equal(lights_rate(NULL, &r, &id, &fe), ERR_INVALID);
	assert_string_equal(fe.field, "criteria");
	r.criteria = "green_ending,green_follow_up";
	r.case_id = 5;  /* team 101's child in team 100's round */
	memset(&fe, 0, sizeof(fe));
	assert_int_equal(lights_rate(db, &r, &id, &fe), ERR_INVALID);
	assert_string_equal(fe.field, "case_id");
	r.case_id = 4;
	assert_int_equal(lights_rate(db, &r, &id, &fe), ERR_OK);
	assert_true(id > 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_by_round),
		cmocka_unit_test(test_counts_window),
		cmocka_unit_test(test_answer_times),
		cmocka_unit_test(test_minutes_and_criteria),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
