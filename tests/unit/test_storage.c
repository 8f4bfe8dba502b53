/*
 * test_storage.c - the storage layer on a real SQLite file: migrations,
 * the group-committing writer (concurrency, failure isolation) and the
 * hash-chained access log (verification and tamper detection).
 */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include "audit/audit.h"
#include "auth/password.h"
#include "core/str.h"
#include "db/db.h"
#include "db/migrate.h"
#include "db/writer.h"

static char dir[64];
static char path[128];

static int setup(void **state)
{
	struct db *db;
	int applied = -1;
	(void)state;
	str_lcpy(dir, "/tmp/majakka-test-XXXXXX", sizeof(dir));
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof(path), "%s/t.db", dir);
	if (auth_init() || db_open(&db, path, DB_CREATE) || migrate_up(db, &applied))
		return -1;
	db_exec(db, "CREATE TABLE t (id INTEGER PRIMARY KEY, v INTEGER NOT NULL) STRICT");
	db_close(db);
	return applied > 0 ? 0 : -1;
}

static int teardown(void **state)
{
	char p[160];
	(void)state;
	const char *suffix[] = { "", "-wal", "-shm" };
	for (int i = 0; i < 3; i++) {
		snprintf(p, sizeof(p), "%s%s", path, suffix[i]);
		unlink(p);
	}
	rmdir(dir);
	return 0;
}

static int64_t count(const char *sql)
{
	struct db *db;
	struct db_stmt *st;
	bool row;
	int64_t n = -1;
	if (db_open(&db, path, DB_READONLY))
		return -1;
	if (!db_prepare(db, sql, &st) && !db_step(st, &row) && row)
		n = db_col_int(st, 0);
	db_done(st);
	db_close(db);
	return n;
}

static void test_migrate_twice(void **state)
{
	struct db *db;
	int applied = -1;
	bool current = false;
	(void)state;
	assert_int_equal(db_open(&db, path, DB_READWRITE), ERR_OK);
	assert_int_equal(migrate_up(db, &applied), ERR_OK);
	assert_int_equal(applied, 0);
	assert_int_equal(migrate_is_current(db, &current), ERR_OK);
	assert_true(current);
	db_close(db);
}

struct ins {
	int64_t v;
	bool fail;
};

static enum err insert_run(struct db *db, void *arg)
{
	struct ins *in = arg;
	struct db_stmt *st;
	enum err e = db_prepare(db, "INSERT INTO t(v) VALUES (?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, in->v);
	e = db_run(st);
	return e ? e : (in->fail ? ERR_INVALID : ERR_OK);
}

struct worker_arg {
	struct writer *w;
	int base;
	int errors;
};

static void *submitter(void *p)
{
	struct worker_arg *a = p;
	for (int i = 0; i < 200; i++) {
		struct ins in = { a->base + i, (i % 50) == 7 };
		enum err e = writer_run(a->w, insert_run, &in);
		if (e != (in.fail ? ERR_INVALID : ERR_OK))
			a->errors++;
	}
	return NULL;
}

static void test_writer_concurrent(void **state)
{
	struct writer *w;
	pthread_t th[8];
	struct worker_arg args[8];
	long long batches, jobs;
	(void)state;

	assert_int_equal(writer_start(&w, path), ERR_OK);
	for (int i = 0; i < 8; i++) {
		args[i] = (struct worker_arg){ w, i * 1000, 0 };
		pthread_create(&th[i], NULL, submitter, &args[i]);
	}
	for (int i = 0; i < 8; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(args[i].errors, 0);
	}
	writer_stats(w, &batches, &jobs);
	writer_stop(w);
	assert_int_equal(jobs, 1600);
	assert_true(batches <= jobs);
	/* 4 failing jobs per thread were rolled back alone: 8 * (200 - 4) rows. */
	assert_int_equal(count("SELECT count(*) FROM t"), 8 * 196);
	assert_int_equal(count("SELECT count(*) FROM t WHERE v % 1000 % 50 = 7"), 0);
}

static enum err audit_run(struct db *db, void *arg)
{
	(void)arg;
	struct audit_entry e[3];
	memset(e, 0, sizeof(e));
	for (int i = 0; i < 3; i++) {
		e[i].account_id = 5;
		str_lcpy(e[i].username, "sanna", sizeof(e[i].username));
		str_lcpy(e[i].role, "social_worker", sizeof(e[i].role));
		e[i].action = "read";
		e[i].object_type = "person";
		e[i].object_id = 100 + i;
		e[i].person_id = 100 + i;
		e[i].basis = "own_team";
		e[i].outcome = i == 2 ? "denied" : "allowed";
		str_lcpy(e[i].ip, "127.0.0.1", sizeof(e[i].ip));
	}
	return audit_append(db, e, 3);
}

static void test_audit_chain(void **state)
{
	struct writer *w;
	struct db *db;
	int64_t bad = -1, rows = 0;
	(void)state;

	assert_int_equal(writer_start(&w, path), ERR_OK);
	assert_int_equal(writer_run(w, audit_run, NULL), ERR_OK);
	assert_int_equal(writer_run(w, audit_run, NULL), ERR_OK);
	writer_stop(w);

	assert_int_equal(db_open(&db, path, DB_READWRITE), ERR_OK);
	assert_int_equal(audit_verify(db, &bad, &rows), ERR_OK);
	assert_int_equal(bad, 0);
	assert_int_equal(rows, 6);
	/* Append-only: the trigger refuses changes. */
	assert_int_not_equal(db_exec(db, "UPDATE access_log SET outcome = 'allowed' WHERE id = 3"), ERR_OK);
	assert_int_not_equal(db_exec(db, "DELETE FROM access_log WHERE id = 3"), ERR_OK);
	/* Someone with file access drops the trigger and rewrites row 3. */
	assert_int_equal(db_exec(db, "DROP TRIGGER access_log_no_update"), ERR_OK);
	assert_int_equal(db_exec(db, "UPDATE access_log SET outcome = 'allowed' WHERE id = 3"), ERR_OK);
	assert_int_equal(audit_verify(db, &bad, &rows), ERR_OK);
	assert_int_equal(bad, 3);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_twice),
		cmocka_unit_test(test_writer_concurrent),
		cmocka_unit_test(test_audit_chain),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
