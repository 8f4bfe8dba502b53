/*
 * test_sessioncache.c - sessions and principals in memory: an entry is used
 * only at the generation it was loaded at; collisions, touches, drops and a
 * slow loader do not bring back what a change replaced; threads.  And the
 * generation itself (migration 014): the writes that change access bump it
 * in their own transaction, the writes that do not leave it alone.  And the
 * facts of a case (model/factcache.h): the same generation rule, and the
 * decision's facts for a principal as of today and now.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "auth/token.h"
#include "core/str.h"
#include "db/db.h"
#include "db/meta.h"
#include "db/migrate.h"
#include "model/factcache.h"
#include "model/sessioncache.h"

static struct session_info session_of(const char *token, int64_t account)
{
	struct session_info s;
	memset(&s, 0, sizeof(s));
	token_hash(token, s.token_hash);
	s.account_id = account;
	s.created_at = 1000;
	s.last_seen = 1000;
	str_lcpy(s.csrf, "csrf", sizeof(s.csrf));
	return s;
}

static struct principal principal_of(int64_t account, int64_t team)
{
	struct principal p;
	memset(&p, 0, sizeof(p));
	p.account_id = account;
	p.teams[p.nteams++] = team;
	return p;
}

static void test_generation(void **state)
{
	struct sessioncache *c = sessioncache_new();
	struct session_info s = session_of("token one", 7), so;
	struct principal p = principal_of(7, 3), po;
	(void)state;

	assert_non_null(c);
	assert_false(sessioncache_get(c, s.token_hash, 5, &so, &po));
	sessioncache_put(c, 5, &s, &p);
	assert_true(sessioncache_get(c, s.token_hash, 5, &so, &po));
	assert_int_equal(so.account_id, 7);
	assert_int_equal(po.teams[0], 3);
	assert_string_equal(so.csrf, "csrf");
	/* Anything changed: the entry is not used, whatever it holds. */
	assert_false(sessioncache_get(c, s.token_hash, 6, &so, &po));
	assert_false(sessioncache_get(c, s.token_hash, 4, &so, &po));
	/* Reloaded at 6 (the membership changed). */
	p.teams[0] = 4;
	sessioncache_put(c, 6, &s, &p);
	assert_true(sessioncache_get(c, s.token_hash, 6, &so, &po));
	assert_int_equal(po.teams[0], 4);
	/* A request that loaded at 5, before the change, finishes late: it
	 * must not put the old membership back. */
	p.teams[0] = 3;
	sessioncache_put(c, 5, &s, &p);
	assert_false(sessioncache_get(c, s.token_hash, 5, &so, &po));
	assert_true(sessioncache_get(c, s.token_hash, 6, &so, &po));
	assert_int_equal(po.teams[0], 4);
	sessioncache_free(c);
}

static void test_other_token(void **state)
{
	struct sessioncache *c = sessioncache_new();
	struct session_info s = session_of("token one", 7), so;
	struct principal p = principal_of(7, 3), po;
	char other[65];
	(void)state;

	sessioncache_put(c, 1, &s, &p);
	token_hash("token two", other);
	assert_false(sessioncache_get(c, other, 1, &so, &po));
	/* The same slot under another hash: only the exact hash finds it. */
	str_lcpy(other, s.token_hash, sizeof(other));
	other[63] = other[63] == '0' ? '1' : '0';
	assert_false(sessioncache_get(c, other, 1, &so, &po));
	/* Sessions that collide take the slot over; the first is then loaded
	 * again, never confused with the second. */
	for (int i = 0; i < 4 * SESSIONCACHE_SLOTS; i++) {
		char tok[32];
		struct session_info t;
		snprintf(tok, sizeof(tok), "filler %d", i);
		t = session_of(tok, 100 + i);
		sessioncache_put(c, 1, &t, &p);
		assert_true(sessioncache_get(c, t.token_hash, 1, &so, &po));
		assert_int_equal(so.account_id, 100 + i);
	}
	if (sessioncache_get(c, s.token_hash, 1, &so, &po))
		assert_int_equal(so.account_id, 7);
	sessioncache_free(c);
}

static void test_touch_drop(void **state)
{
	struct sessioncache *c = sessioncache_new();
	struct session_info s = session_of("token one", 7), so;
	struct principal p = principal_of(7, 3), po;
	(void)state;

	sessioncache_put(c, 1, &s, &p);
	sessioncache_touch(c, s.token_hash, 1060);
	assert_true(sessioncache_get(c, s.token_hash, 1, &so, &po));
	assert_int_equal(so.last_seen, 1060);
	assert_int_equal(so.created_at, 1000);
	sessioncache_touch(c, s.token_hash, 1030);  /* an older touch committed late */
	assert_true(sessioncache_get(c, s.token_hash, 1, &so, &po));
	assert_int_equal(so.last_seen, 1060);
	assert_true(session_expired(&so, 1060 + 1801, 1800, 43200));
	assert_false(session_expired(&so, 1060 + 1800, 1800, 43200));
	assert_true(session_expired(&so, 1000 + 43201, 1e9, 43200));
	sessioncache_drop(c, s.token_hash);
	assert_false(sessioncache_get(c, s.token_hash, 1, &so, &po));
	sessioncache_free(c);
	sessioncache_free(NULL);
}

struct hammer_arg {
	struct sessioncache *c;
	int id;
};

static void *hammer(void *arg)
{
	struct hammer_arg *h = arg;
	for (int i = 0; i < 20000; i++) {
		char tok[32];
		struct session_info s, so;
		struct principal p, po;
		snprintf(tok, sizeof(tok), "t%d", i % 300);
		s = session_of(tok, i % 300);
		p = principal_of(i % 300, i % 300);
		sessioncache_put(h->c, i / 1000, &s, &p);
		if (sessioncache_get(h->c, s.token_hash, i / 1000, &so, &po) &&
		    (so.account_id != i % 300 || po.account_id != i % 300 || po.teams[0] != i % 300))
			return (void *)1;
	}
	return NULL;
}

static void test_threads(void **state)
{
	struct sessioncache *c = sessioncache_new();
	struct hammer_arg a[4];
	pthread_t t[4];
	(void)state;
	for (int i = 0; i < 4; i++) {
		a[i] = (struct hammer_arg){ c, i };
		assert_int_equal(pthread_create(&t[i], NULL, hammer, &a[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		void *r;
		pthread_join(t[i], &r);
		assert_null(r);
	}
	sessioncache_free(c);
}


static struct case_facts facts_of(int64_t child)
{
	struct case_facts f;
	memset(&f, 0, sizeof(f));
	f.child_id = child;
	f.case_id = child + 1000;
	f.team_id = 3;
	f.area_id = 30;
	f.county_id = 1;
	return f;
}

static void test_facts_generation(void **state)
{
	struct factcache *c = factcache_new();
	struct case_facts f = facts_of(42), got;
	(void)state;

	assert_false(factcache_get(c, 42, 1, &got));
	factcache_put(c, 1, &f);
	assert_true(factcache_get(c, 42, 1, &got));
	assert_int_equal(got.case_id, 1042);
	assert_false(factcache_get(c, 42, 2, &got));  /* something changed */
	assert_false(factcache_get(c, 42 + FACTCACHE_SLOTS, 1, &got));  /* same slot, other child */
	f.team_id = 4;
	factcache_put(c, 2, &f);
	f.team_id = 3;
	factcache_put(c, 1, &f);  /* a slow request loaded before the move */
	assert_true(factcache_get(c, 42, 2, &got));
	assert_int_equal(got.team_id, 4);
	assert_false(factcache_get(c, 42, 1, &got));
	factcache_free(c);
	factcache_free(NULL);
}

static void test_facts_decision(void **state)
{
	struct case_facts f = facts_of(42);
	struct principal p = principal_of(7, 9);  /* in team 9, not the case's team 3 */
	struct policy_object o;
	(void)state;

	p.kind = KIND_WORKER;
	f.member[f.nmembers].account_id = 7;
	str_lcpy(f.member[f.nmembers].from, "2026-03-01", 11);
	str_lcpy(f.member[f.nmembers].to, "2026-03-31", 11);
	f.nmembers++;
	f.member[f.nmembers].account_id = 8;
	str_lcpy(f.member[f.nmembers].from, "2026-01-01", 11);
	f.nmembers++;
	factcache_policy_object(&f, &p, "2026-02-28", "2026-02-28T10:00:00Z", &o);
	assert_int_equal(o.team_id, 3);
	assert_int_equal(o.area_id, 30);
	assert_int_equal(o.county_id, 1);
	assert_false(o.on_childs_team);  /* not yet */
	factcache_policy_object(&f, &p, "2026-03-01", "x", &o);
	assert_true(o.on_childs_team);
	factcache_policy_object(&f, &p, "2026-03-31", "x", &o);
	assert_true(o.on_childs_team);   /* the last day counts */
	factcache_policy_object(&f, &p, "2026-04-01", "x", &o);
	assert_false(o.on_childs_team);  /* ended */
	p.account_id = 8;
	factcache_policy_object(&f, &p, "2030-01-01", "x", &o);
	assert_true(o.on_childs_team);   /* open */

	/* Break the glass: live until expires_at, only for its holder. */
	p.account_id = 7;
	f.glass[f.nglass].account_id = 7;
	str_lcpy(f.glass[f.nglass].expires_at, "2026-04-02T12:00:00Z", 21);
	f.nglass++;
	factcache_policy_object(&f, &p, "2026-04-02", "2026-04-02T11:59:59Z", &o);
	assert_true(o.glass_grant);
	factcache_policy_object(&f, &p, "2026-04-02", "2026-04-02T12:00:00Z", &o);
	assert_false(o.glass_grant);
	p.account_id = 8;
	factcache_policy_object(&f, &p, "2026-04-02", "2026-04-02T11:00:00Z", &o);
	assert_false(o.glass_grant);
	/* In the case's team, a grant is not looked at (as access_case_facts). */
	p.account_id = 7;
	p.teams[0] = 3;
	factcache_policy_object(&f, &p, "2026-04-02", "2026-04-02T11:00:00Z", &o);
	assert_false(o.glass_grant);
}

/* ---- the generation in the database ------------------------------------ */

static char dir[64], path[128];

static int64_t gen(struct db *db)
{
	int64_t g = -1, content = -1;
	assert_int_equal(meta_generations(db, &g, &content), ERR_OK);
	return g;
}

/* Run sql and say whether the generation moved. */
static bool bumps(struct db *db, const char *sql)
{
	int64_t before = gen(db);
	assert_int_equal(db_exec(db, sql), ERR_OK);
	return gen(db) != before;
}

static void test_triggers(void **state)
{
	struct db *db;
	(void)state;

	str_lcpy(dir, "/tmp/majakka-test-XXXXXX", sizeof(dir));
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.db", dir);
	assert_int_equal(db_open(&db, path, DB_CREATE), ERR_OK);
	assert_int_equal(migrate_up(db, NULL), ERR_OK);
	assert_true(gen(db) >= 1);
	assert_int_equal(db_exec(db, "INSERT INTO county(id, name) VALUES (1, 'C');"
				     "INSERT INTO area(id, county_id, name) VALUES (1, 1, 'A'), (2, 1, 'B');"
				     "INSERT INTO team(id, area_id, name, kind) VALUES (1, 1, 'T', 'open_care'),"
				     " (2, 1, 'U', 'open_care');"
				     "INSERT INTO person(id, county_id, kind, first_names, last_name, created_at) VALUES (1, 1, 'child', 'Aino', 'Testi', 'now');"),
			 ERR_OK);
	assert_true(bumps(db, "INSERT INTO account(id, username, display_name, kind, role, county_id,"
			      " password_hash, created_at, updated_at) VALUES (1, 'u', 'U', 'worker',"
			      " 'social_worker', 1, 'x', 'now', 'now')"));
	assert_true(bumps(db, "INSERT INTO team_member(team_id, account_id) VALUES (1, 1)"));
	assert_true(bumps(db, "UPDATE team_member SET is_lead = 1"));
	assert_true(bumps(db, "DELETE FROM team_member"));
	assert_true(bumps(db, "UPDATE account SET active = 0"));
	/* A new session is a new key: nothing cached can be wrong about it. */
	assert_false(bumps(db, "INSERT INTO session(token_hash, account_id, csrf, created_at, last_seen)"
			       " VALUES ('h', 1, 'c', 1, 1)"));
	assert_false(bumps(db, "UPDATE session SET last_seen = 2"));  /* a touch */
	assert_true(bumps(db, "UPDATE session SET ended = 1"));     /* logout */
	/* A case's facts. */
	assert_false(bumps(db, "UPDATE team SET name = 'T2' WHERE id = 1"));
	assert_true(bumps(db, "UPDATE team SET area_id = 2 WHERE id = 1"));
	assert_false(bumps(db, "INSERT INTO child_case(id, child_id, team_id, legal_basis, phase, opened_at)"
			       " VALUES (1, 1, 1, 'child_welfare_act', 'notification', '2026-01-01')"));
	assert_false(bumps(db, "UPDATE child_case SET phase = 'assessment'"));
	assert_true(bumps(db, "UPDATE child_case SET team_id = 2"));
	assert_true(bumps(db, "INSERT INTO case_member(case_id, role, account_id, from_date, added_at)"
			      " VALUES (1, 'pair', 1, '2026-01-01', 'now')"));
	assert_true(bumps(db, "UPDATE case_member SET to_date = '2026-02-01'"));
	{
		/* The facts read back: the membership ended on 2026-02-01. */
		struct case_facts f;
		assert_int_equal(factcache_load(db, 1, &f), ERR_OK);
		assert_int_equal(f.case_id, 1);
		assert_int_equal(f.team_id, 2);
		assert_int_equal(f.area_id, 1);
		assert_int_equal(f.county_id, 1);
		assert_int_equal(f.nmembers, 1);
		assert_string_equal(f.member[0].to, "2026-02-01");
		assert_int_equal(f.nglass, 0);
		assert_int_equal(factcache_load(db, 99, &f), ERR_NOT_FOUND);
	}
	/* In the transaction of the change: a rollback takes both back. */
	{
		int64_t before = gen(db);
		assert_int_equal(db_exec(db, "BEGIN; DELETE FROM team_member; INSERT INTO team_member(team_id, account_id)"
					     " VALUES (2, 1); ROLLBACK"), ERR_OK);
		assert_int_equal(gen(db), before);
	}
	db_close(db);
	{
		const char *suffix[] = { "", "-wal", "-shm" };
		for (int i = 0; i < 3; i++) {
			char p[160];
			snprintf(p, sizeof(p), "%s%s", path, suffix[i]);
			unlink(p);
		}
		rmdir(dir);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_generation),
		cmocka_unit_test(test_other_token),
		cmocka_unit_test(test_touch_drop),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_facts_generation),
		cmocka_unit_test(test_facts_decision),
		cmocka_unit_test(test_triggers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
