/*
 * test_pagecache.c - rendered pages in memory (view/pagecache.h): a page is
 * found only by its exact key, a new page replaces its slot's, pages too
 * large are not kept, and threads reading and writing the same slots see
 * whole pages.  And the content generation it is keyed by (migration 024):
 * every table but the exempt ones bumps it on insert, update and delete, so
 * a table added later without its triggers fails here; the access log and a
 * session's touch leave it alone.
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "core/str.h"
#include "db/db.h"
#include "db/meta.h"
#include "db/migrate.h"
#include "view/pagecache.h"

static bool get(struct pagecache *c, const char *key, struct buf *out)
{
	int status = 0;
	const char *ct = NULL;
	bool hit = pagecache_get(c, key, strlen(key), out, &status, &ct);
	if (hit) {
		assert_int_equal(status, 200);
		assert_string_equal(ct, "text/html");
	}
	return hit;
}

static void put(struct pagecache *c, const char *key, const char *body)
{
	pagecache_put(c, key, strlen(key), body, strlen(body), 200, "text/html");
}

static void test_exact_key(void **state)
{
	struct pagecache *c = pagecache_new();
	struct buf out;
	unsigned long hits, misses;
	(void)state;

	buf_init(&out, 1 << 20);
	assert_false(get(c, "s1|1|1|/children/1", &out));
	put(c, "s1|1|1|/children/1", "<p>one</p>");
	assert_true(get(c, "s1|1|1|/children/1", &out));
	assert_string_equal(buf_str(&out), "<p>one</p>");
	/* Any other key is another page: a prefix, a longer key, one byte off. */
	assert_false(get(c, "s1|1|1|/children/", &out));
	assert_int_equal(out.len, 0);
	assert_false(get(c, "s1|1|1|/children/10", &out));
	assert_false(get(c, "s1|1|2|/children/1", &out));
	assert_false(get(c, "s2|1|1|/children/1", &out));
	/* The same key kept again holds the new page. */
	put(c, "s1|1|1|/children/1", "<p>two</p>");
	assert_true(get(c, "s1|1|1|/children/1", &out));
	assert_string_equal(buf_str(&out), "<p>two</p>");
	pagecache_counts(c, &hits, &misses);
	assert_int_equal(hits, 2);
	assert_int_equal(misses, 5);
	buf_release(&out);
	pagecache_free(c);
}

/* Pages in use stay while others come and go: a few keys read between
 * every new page are never pushed out, however many new ones pass. */
static void test_recently_used_stay(void **state)
{
	struct pagecache *c = pagecache_new();
	struct buf out;
	char key[32];
	(void)state;

	buf_init(&out, 1 << 20);
	for (int h = 0; h < 57; h++) {
		snprintf(key, sizeof(key), "hot%d", h);
		put(c, key, key);
	}
	for (int i = 0; i < 20 * PAGECACHE_SLOTS; i++) {
		snprintf(key, sizeof(key), "cold%d", i);
		put(c, key, key);
		snprintf(key, sizeof(key), "hot%d", i % 57);
		assert_true(get(c, key, &out));
		assert_string_equal(buf_str(&out), key);
	}
	buf_release(&out);
	pagecache_free(c);
}

static void test_replace_and_size(void **state)
{
	struct pagecache *c = pagecache_new();
	struct buf out;
	char key[32];
	char *big = malloc(PAGECACHE_MAX_PAGE + 2);
	int found = 0;
	(void)state;

	buf_init(&out, 1 << 20);
	/* Twice as many pages as slots: every slot ends with one page, each the
	 * page of its key, and the last one kept is always found. */
	for (int i = 0; i < 2 * PAGECACHE_SLOTS; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		put(c, key, key);
	}
	for (int i = 0; i < 2 * PAGECACHE_SLOTS; i++) {
		snprintf(key, sizeof(key), "k%d", i);
		if (get(c, key, &out)) {
			assert_string_equal(buf_str(&out), key);
			found++;
		}
	}
	assert_true(found <= PAGECACHE_SLOTS);
	assert_true(found > PAGECACHE_SLOTS / 2);
	assert_true(get(c, "k1023", &out));
	/* A page over the limit is not kept; one at the limit is. */
	memset(big, 'x', PAGECACHE_MAX_PAGE + 1);
	big[PAGECACHE_MAX_PAGE + 1] = 0;
	pagecache_put(c, "big", 3, big, PAGECACHE_MAX_PAGE + 1, 200, "text/html");
	assert_false(get(c, "big", &out));
	pagecache_put(c, "big", 3, big, PAGECACHE_MAX_PAGE, 200, "text/html");
	assert_true(get(c, "big", &out));
	assert_int_equal(out.len, PAGECACHE_MAX_PAGE);
	free(big);
	buf_release(&out);
	pagecache_free(c);
}

struct race { struct pagecache *c; int id; int bad; };

/* Writers keep pages "<id>:<id>:...", readers check every page they find
 * is one writer's whole page. */
static void *racer(void *arg)
{
	struct race *r = arg;
	struct buf out;
	char key[16], body[256];

	buf_init(&out, 1 << 20);
	for (int i = 0; i < 20000; i++) {
		snprintf(key, sizeof(key), "k%d", i % 64);
		if (r->id < 2) {
			int n = 0;
			for (int j = 0; j < 40; j++)
				n += snprintf(body + n, sizeof(body) - (size_t)n, "%d", r->id);
			put(r->c, key, body);
		} else if (get(r->c, key, &out)) {
			const char *b = buf_str(&out);
			if (out.len != 40 || strspn(b, b[0] == '0' ? "0" : "1") != 40)
				r->bad++;
		}
	}
	buf_release(&out);
	return NULL;
}

static void test_threads(void **state)
{
	struct pagecache *c = pagecache_new();
	pthread_t t[4];
	struct race r[4];
	(void)state;

	for (int i = 0; i < 4; i++) {
		r[i] = (struct race){ c, i, 0 };
		assert_int_equal(pthread_create(&t[i], NULL, racer, &r[i]), 0);
	}
	for (int i = 0; i < 4; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(r[i].bad, 0);
	}
	pagecache_free(c);
}

/* ---- the content generation ------------------------------------------------ */

static char dir[64], path[128];

static int64_t content(struct db *db)
{
	int64_t a = -1, c = -1;
	assert_int_equal(meta_generations(db, &a, &c), ERR_OK);
	assert_true(a >= 1);
	return c;
}

static bool bumps(struct db *db, const char *sql)
{
	int64_t before = content(db);
	assert_int_equal(db_exec(db, sql), ERR_OK);
	return content(db) != before;
}

/* The tables a page never shows, or whose changes another number covers. */
static const char *const exempt[] = { "access_log", "access_log_by_person", "access_log_indexed",
				      "access_generation", "content_generation", "session", "schema_migrations", NULL };

static bool is_exempt(const char *t)
{
	for (int i = 0; exempt[i]; i++)
		if (!strcmp(t, exempt[i]))
			return true;
	return !strncmp(t, "person_fts", 10);   /* the index of person */
}

static void test_every_table(void **state)
{
	struct db *db;
	struct db_stmt *st;
	bool row;
	int tables = 0;
	(void)state;

	str_lcpy(dir, "/tmp/majakka-test-XXXXXX", sizeof(dir));
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof(path), "%s/t.db", dir);
	assert_int_equal(db_open(&db, path, DB_CREATE), ERR_OK);
	assert_int_equal(migrate_up(db, NULL), ERR_OK);

	/* Each table's triggers: one AFTER INSERT, UPDATE and DELETE that bump
	 * the content generation. */
	assert_int_equal(db_prepare(db, "SELECT t.name,"
				    " (SELECT count(*) FROM sqlite_master g WHERE g.type = 'trigger' AND g.tbl_name = t.name"
				    "   AND g.sql LIKE '%UPDATE content_generation SET n = n + 1%'"
				    "   AND g.sql LIKE '%AFTER INSERT ON%'),"
				    " (SELECT count(*) FROM sqlite_master g WHERE g.type = 'trigger' AND g.tbl_name = t.name"
				    "   AND g.sql LIKE '%UPDATE content_generation SET n = n + 1%'"
				    "   AND g.sql LIKE '%AFTER UPDATE ON%'),"
				    " (SELECT count(*) FROM sqlite_master g WHERE g.type = 'trigger' AND g.tbl_name = t.name"
				    "   AND g.sql LIKE '%UPDATE content_generation SET n = n + 1%'"
				    "   AND g.sql LIKE '%AFTER DELETE ON%')"
				    " FROM sqlite_master t WHERE t.type = 'table' AND t.name NOT LIKE 'sqlite_%'"
				    " ORDER BY t.name", &st), ERR_OK);
	while (db_step(st, &row) == ERR_OK && row) {
		const char *t = db_col_text(st, 0);
		if (is_exempt(t))
			continue;
		tables++;
		if (db_col_int(st, 1) != 1 || db_col_int(st, 2) != 1 || db_col_int(st, 3) != 1)
			fail_msg("table %s lacks its content-generation triggers (insert %lld, update %lld,"
				 " delete %lld): add them in its migration, as 024_content_generation.sql does",
				 t, (long long)db_col_int(st, 1), (long long)db_col_int(st, 2),
				 (long long)db_col_int(st, 3));
	}
	db_done(st);
	assert_true(tables >= 60);

	/* And they work: a page's data moves it, the log and a touch do not. */
	assert_true(bumps(db, "INSERT INTO county(id, name) VALUES (1, 'C')"));
	assert_true(bumps(db, "UPDATE county SET name = 'D'"));
	assert_true(bumps(db, "INSERT INTO person(id, county_id, kind, first_names, last_name, created_at)"
			      " VALUES (1, 1, 'child', 'Aino', 'Testi', 'now')"));
	assert_true(bumps(db, "UPDATE person SET first_names = 'Eino'"));
	assert_true(bumps(db, "UPDATE meta SET value = '31' WHERE key = 'caseload_cap'"));
	assert_true(bumps(db, "INSERT INTO meta(key, value) VALUES ('x', 'y')"));
	assert_true(bumps(db, "DELETE FROM meta WHERE key = 'x'"));
	assert_true(bumps(db, "INSERT INTO account(id, username, display_name, kind, role, county_id,"
			      " password_hash, created_at, updated_at) VALUES (1, 'u', 'U', 'worker',"
			      " 'social_worker', 1, 'x', 'now', 'now')"));
	assert_false(bumps(db, "INSERT INTO session(token_hash, account_id, csrf, created_at, last_seen)"
			       " VALUES ('h', 1, 'c', 1, 1)"));
	assert_false(bumps(db, "UPDATE session SET last_seen = 2"));
	assert_false(bumps(db, "INSERT INTO access_log(at, account_id, username, role, action, object_type,"
			       " basis, outcome, prev_hash, hash) VALUES ('2026-01-01T00:00:00Z', 1, 'u',"
			       " 'social_worker', 'read', 'child', 'own_team', 'allowed', 'x', 'y')"));
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
		cmocka_unit_test(test_exact_key),
		cmocka_unit_test(test_replace_and_size),
		cmocka_unit_test(test_recently_used_stay),
		cmocka_unit_test(test_threads),
		cmocka_unit_test(test_every_table),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
