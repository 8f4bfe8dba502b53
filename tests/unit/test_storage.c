/*
 * test_storage.c - the storage layer on a real SQLite file: migrations,
 * the group-committing writer (concurrency, failure isolation, failed
 * writes and fsyncs through a fault-injecting SQLite VFS) and the
 * hash-chained access log (verification and tamper detection).
 */
#include <inttypes.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>
#include <sqlite3.h>
#include "audit/audit.h"
#include "auth/password.h"
#include "auth/token.h"
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

/* A statement that cannot be prepared leaves no stale pointer: callers end
 * with db_done(st) whatever happened (one once did so on a garbage pointer
 * when an index a query names was missing, and the server crashed). */
static void test_prepare_failure(void **state)
{
	struct db *db;
	struct db_stmt *st = (struct db_stmt *)&st;  /* not NULL: must be cleared */
	(void)state;
	assert_int_equal(db_open(&db, path, DB_READWRITE), ERR_OK);
	assert_int_equal(db_prepare(db, "SELECT v FROM t INDEXED BY no_such_index", &st), ERR_DB);
	assert_null(st);
	db_done(st);
	assert_int_equal(db_prepare(db, "SELECT count(*) FROM t", &st), ERR_OK);
	assert_non_null(st);
	db_done(st);
	db_close(db);
}

static int64_t count_rows(struct db *db, const char *sql)
{
	struct db_stmt *st;
	bool row = false;
	int64_t n = -1;
	assert_int_equal(db_prepare(db, sql, &st), ERR_OK);
	assert_int_equal(db_step(st, &row), ERR_OK);
	if (row)
		n = db_col_int(st, 0);
	db_done(st);
	return n;
}

/* The statement cache.  A caller holding a statement it has just prepared
 * (an INSERT being bound while a helper prepares more SQL) must keep its
 * own statement however many others come: the demo once lost every
 * meeting invitation when a full cache evicted the INSERT in hand and ran a
 * SELECT under its bindings.  And one buffer reused for other SQL must not
 * be handed the statement of its earlier text. */
static void test_statement_cache(void **state)
{
	struct db *db;
	struct db_stmt *ins, *st;
	static char many[1200][40];  /* each its own text and address, as literals are */
	char buf[64];
	bool row = false;
	(void)state;
	assert_int_equal(db_open(&db, path, DB_READWRITE), ERR_OK);
	assert_int_equal(db_exec(db, "DELETE FROM t"), ERR_OK);
	/* A full cache first, so that the INSERT takes the slot a full cache
	 * hands out next. */
	for (int i = 0; i < 600; i++) {
		snprintf(many[i], sizeof(many[i]), "SELECT %d - v FROM t", i);
		assert_int_equal(db_prepare(db, many[i], &st), ERR_OK);
		db_done(st);
	}
	assert_int_equal(db_prepare(db, "INSERT INTO t(id, v) VALUES (?, ?)", &ins), ERR_OK);
	db_bind_int(ins, 1, 1);
	/* Far more distinct statements than the cache holds, each prepared
	 * and done while the INSERT waits. */
	for (int i = 600; i < 1200; i++) {
		snprintf(many[i], sizeof(many[i]), "SELECT %d + v FROM t", i);
		assert_int_equal(db_prepare(db, many[i], &st), ERR_OK);
		db_done(st);
	}
	db_bind_int(ins, 2, 42);
	assert_int_equal(db_run(ins), ERR_OK);
	assert_int_equal(count_rows(db, "SELECT v FROM t WHERE id = 1"), 42);
	/* One buffer, two texts: each gets its own statement. */
	snprintf(buf, sizeof(buf), "SELECT 7");
	assert_int_equal(count_rows(db, buf), 7);
	snprintf(buf, sizeof(buf), "SELECT 8");
	assert_int_equal(db_prepare(db, buf, &st), ERR_OK);
	assert_int_equal(db_step(st, &row), ERR_OK);
	assert_true(row);
	assert_int_equal(db_col_int(st, 0), 8);
	db_done(st);
	assert_int_equal(db_exec(db, "DELETE FROM t"), ERR_OK);  /* later tests count t's rows */
	db_close(db);
}

/* A page reads one snapshot: what another connection commits meanwhile is
 * seen only after db_end_read. */
static void test_read_snapshot(void **state)
{
	struct db *reader, *writer;
	int64_t before;
	(void)state;
	assert_int_equal(db_open(&reader, path, DB_READWRITE), ERR_OK);
	assert_int_equal(db_open(&writer, path, DB_READWRITE), ERR_OK);
	assert_int_equal(db_exec(writer, "CREATE TABLE IF NOT EXISTS snap(v INTEGER)"), ERR_OK);
	assert_int_equal(db_begin_read(reader), ERR_OK);
	before = count_rows(reader, "SELECT count(*) FROM snap");
	assert_int_equal(db_exec(writer, "INSERT INTO snap(v) VALUES (1)"), ERR_OK);
	assert_int_equal(count_rows(reader, "SELECT count(*) FROM snap"), before);
	assert_true(db_in_transaction(reader));
	db_end_read(reader);
	assert_false(db_in_transaction(reader));
	assert_int_equal(count_rows(reader, "SELECT count(*) FROM snap"), before + 1);
	db_end_read(reader);                    /* no transaction: nothing happens */
	assert_false(db_in_transaction(reader));
	db_close(writer);
	db_close(reader);
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

/* Eight threads running client on w, thread i with base base + i * 1000;
 * each must end without errors. */
static void run_clients(struct writer *w, void *(*client)(void *), int base)
{
	pthread_t th[8];
	struct worker_arg args[8];

	for (int i = 0; i < 8; i++) {
		args[i] = (struct worker_arg){ w, base + i * 1000, 0 };
		pthread_create(&th[i], NULL, client, &args[i]);
	}
	for (int i = 0; i < 8; i++) {
		pthread_join(th[i], NULL);
		assert_int_equal(args[i].errors, 0);
	}
}

static void test_writer_concurrent(void **state)
{
	struct writer *w;
	long long batches, jobs;
	(void)state;

	assert_int_equal(writer_start(&w, path), ERR_OK);
	run_clients(w, submitter, 0);
	writer_stats(w, &batches, &jobs);
	/* Callers of writer_run hold a server thread while they wait: their
	 * jobs are never held back by the commit delay. */
	assert_int_equal(writer_delays(w), 0);
	writer_stop(w);
	assert_int_equal(jobs, 1600);
	assert_true(batches <= jobs);
	/* 4 failing jobs per thread were rolled back alone: 8 * (200 - 4) rows. */
	assert_int_equal(count("SELECT count(*) FROM t"), 8 * 196);
	assert_int_equal(count("SELECT count(*) FROM t WHERE v % 1000 % 50 = 7"), 0);
}

/* Asynchronous jobs (the pages' access-log rows) of concurrent requests
 * wait a moment for each other and share transactions. */
struct async_req {
	struct writer_job job;
	struct ins in;
	pthread_mutex_t *mu;
	pthread_cond_t *cv;
	bool done;
};

static enum err async_run(struct db *db, void *arg)
{
	struct async_req *r = arg;
	return insert_run(db, &r->in);
}

static void async_done(struct writer_job *job, enum err result)
{
	struct async_req *r = job->arg;
	assert_int_equal(result, ERR_OK);
	pthread_mutex_lock(r->mu);
	r->done = true;
	pthread_cond_signal(r->cv);
	pthread_mutex_unlock(r->mu);
}

static void *async_client(void *p)
{
	struct worker_arg *a = p;
	struct async_req r;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	pthread_mutex_init(&mu, NULL);
	pthread_cond_init(&cv, NULL);
	for (int i = 0; i < 100; i++) {
		r = (struct async_req){ .job = { .run = async_run, .arg = &r, .done = async_done },
					.in = { a->base + i, false }, .mu = &mu, .cv = &cv };
		if (writer_submit(a->w, &r.job)) {
			a->errors++;
			break;
		}
		pthread_mutex_lock(&mu);
		while (!r.done)
			pthread_cond_wait(&cv, &mu);
		pthread_mutex_unlock(&mu);
	}
	pthread_mutex_destroy(&mu);
	pthread_cond_destroy(&cv);
	return NULL;
}

static void test_writer_commit_delay(void **state)
{
	struct writer *w;
	long long batches, jobs;
	(void)state;

	assert_int_equal(writer_start(&w, path), ERR_OK);
	run_clients(w, async_client, 100000);
	writer_stats(w, &batches, &jobs);
	assert_true(writer_delays(w) > 0);
	writer_stop(w);
	assert_int_equal(jobs, 800);
	/* Eight clients, each waiting for its row: about eight a transaction. */
	assert_true(batches * 3 < jobs);
	assert_int_equal(count("SELECT count(*) FROM t WHERE v >= 100000"), 800);
}

/* ---- a VFS that fails writes or syncs on demand ------------------------
 * It wraps the default VFS; every file method passes through, except that
 * xWrite and xSync of the database and its WAL fail while fail_writes /
 * fail_syncs is above zero (each failure counts it down). */

static int fail_writes, fail_syncs, failures;
static sqlite3_vfs *real_vfs;
static sqlite3_vfs faulty_vfs;

struct faulty_file {
	sqlite3_file base;
	sqlite3_file *real;  /* the real VFS's file, right after this struct */
	bool data;           /* the database or its WAL */
};

#define REAL(f) (((struct faulty_file *)(f))->real)

static int f_close(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }
static int f_read(sqlite3_file *f, void *b, int n, sqlite3_int64 off)
{ return REAL(f)->pMethods->xRead(REAL(f), b, n, off); }
static int f_write(sqlite3_file *f, const void *b, int n, sqlite3_int64 off)
{
	if (((struct faulty_file *)f)->data && fail_writes > 0) {
		fail_writes--;
		failures++;
		return SQLITE_IOERR_WRITE;
	}
	return REAL(f)->pMethods->xWrite(REAL(f), b, n, off);
}
static int f_truncate(sqlite3_file *f, sqlite3_int64 size) { return REAL(f)->pMethods->xTruncate(REAL(f), size); }
static int f_sync(sqlite3_file *f, int flags)
{
	if (((struct faulty_file *)f)->data && fail_syncs > 0) {
		fail_syncs--;
		failures++;
		return SQLITE_IOERR_FSYNC;
	}
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}
static int f_size(sqlite3_file *f, sqlite3_int64 *size) { return REAL(f)->pMethods->xFileSize(REAL(f), size); }
static int f_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int f_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int f_check(sqlite3_file *f, int *out) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out); }
static int f_fcntl(sqlite3_file *f, int op, void *arg) { return REAL(f)->pMethods->xFileControl(REAL(f), op, arg); }
static int f_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int f_devchar(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int f_shmmap(sqlite3_file *f, int pg, int sz, int ext, void volatile **p)
{ return REAL(f)->pMethods->xShmMap(REAL(f), pg, sz, ext, p); }
static int f_shmlock(sqlite3_file *f, int off, int n, int flags) { return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags); }
static void f_shmbarrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int f_shmunmap(sqlite3_file *f, int del) { return REAL(f)->pMethods->xShmUnmap(REAL(f), del); }
static int f_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p) { return REAL(f)->pMethods->xFetch(REAL(f), off, n, p); }
static int f_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p) { return REAL(f)->pMethods->xUnfetch(REAL(f), off, p); }

static const sqlite3_io_methods faulty_methods = {
	3, f_close, f_read, f_write, f_truncate, f_sync, f_size, f_lock, f_unlock, f_check,
	f_fcntl, f_sector, f_devchar, f_shmmap, f_shmlock, f_shmbarrier, f_shmunmap, f_fetch, f_unfetch,
};

static int f_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags, int *out)
{
	struct faulty_file *ff = (struct faulty_file *)f;
	int rc;
	(void)vfs;
	ff->real = (sqlite3_file *)(ff + 1);
	ff->data = (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL)) != 0;
	rc = real_vfs->xOpen(real_vfs, name, ff->real, flags, out);
	/* The real file must speak version 3 (shared memory, mmap): unix does. */
	f->pMethods = rc == SQLITE_OK && ff->real->pMethods ? &faulty_methods : NULL;
	return rc;
}

static void faulty_vfs_install(void)
{
	real_vfs = sqlite3_vfs_find(NULL);
	assert_non_null(real_vfs);
	assert_true(real_vfs->xOpen != f_open);
	assert_true(real_vfs->iVersion >= 1);
	faulty_vfs = *real_vfs;
	faulty_vfs.zName = "faulty";
	faulty_vfs.szOsFile = (int)sizeof(struct faulty_file) + real_vfs->szOsFile;
	faulty_vfs.xOpen = f_open;
	faulty_vfs.pNext = NULL;
	assert_int_equal(sqlite3_vfs_register(&faulty_vfs, 1), SQLITE_OK);
	fail_writes = fail_syncs = failures = 0;
}

static void faulty_vfs_remove(void)
{
	sqlite3_vfs_unregister(&faulty_vfs);
	assert_ptr_equal(sqlite3_vfs_find(NULL), real_vfs);
}

struct slow_ins {
	struct writer_job job;
	struct ins in;
	enum err result;
	bool done;
};

static void slow_done(struct writer_job *job, enum err result)
{
	struct slow_ins *s = job->arg;
	s->result = result;
	__atomic_store_n(&s->done, true, __ATOMIC_RELEASE);
}

static enum err slow_run(struct db *db, void *arg)
{
	struct slow_ins *s = arg;
	return insert_run(db, &s->in);
}

/* A job that holds the writer thread until released, so the jobs queued
 * meanwhile run together in the next batch. */
static volatile bool gate_open;

static enum err gate_run(struct db *db, void *arg)
{
	(void)db;
	(void)arg;
	while (!__atomic_load_n(&gate_open, __ATOMIC_ACQUIRE))
		usleep(1000);
	return ERR_OK;
}

static void *gate_thread(void *w)
{
	writer_run(w, gate_run, NULL);
	return NULL;
}

/* A failed fsync or write at COMMIT: no job of the batch reports success,
 * none of its rows is stored, and the writer commits the next batch. */
static void test_writer_io_failure(void **state)
{
	struct writer *w;
	struct slow_ins jobs[3];
	pthread_t gate;
	int64_t before;
	(void)state;

	faulty_vfs_install();
	assert_int_equal(writer_start(&w, path), ERR_OK);
	before = count("SELECT count(*) FROM t");

	for (int round = 0; round < 2; round++) {
		struct ins one = { 900000 + round, false };
		if (round == 0)
			fail_syncs = 1;
		else
			fail_writes = 1;
		assert_int_equal(writer_run(w, insert_run, &one), ERR_IO);
		assert_int_equal(failures, round + 1);
		assert_int_equal(count("SELECT count(*) FROM t WHERE v >= 900000"), 0);
	}

	/* Three jobs in one batch whose COMMIT fails: all three fail. */
	gate_open = false;
	pthread_create(&gate, NULL, gate_thread, w);
	usleep(20000);  /* the gate job is now running on the writer thread */
	for (int i = 0; i < 3; i++) {
		jobs[i] = (struct slow_ins){ .in = { 900100 + i, false } };
		jobs[i].job.run = slow_run;
		jobs[i].job.arg = &jobs[i];
		jobs[i].job.done = slow_done;
		assert_int_equal(writer_submit(w, &jobs[i].job), ERR_OK);
	}
	fail_syncs = 1;
	__atomic_store_n(&gate_open, true, __ATOMIC_RELEASE);
	pthread_join(gate, NULL);
	for (int i = 0; i < 3; i++) {
		while (!__atomic_load_n(&jobs[i].done, __ATOMIC_ACQUIRE))
			usleep(1000);
		assert_int_equal(jobs[i].result, ERR_IO);
	}
	assert_int_equal(failures, 3);

	/* Storage is healthy again: the same writer commits. */
	for (int i = 0; i < 3; i++) {
		struct ins ok = { 900200 + i, false };
		assert_int_equal(writer_run(w, insert_run, &ok), ERR_OK);
	}
	writer_stop(w);
	faulty_vfs_remove();

	/* Reopened (WAL recovery): exactly the committed rows. */
	assert_int_equal(count("SELECT count(*) FROM t WHERE v >= 900000"), 3);
	assert_int_equal(count("SELECT count(*) FROM t WHERE v >= 900200"), 3);
	assert_int_equal(count("SELECT count(*) FROM t"), before + 3);
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

/* The hash covers the fields joined by 0x1f, numbers as printf's PRId64
 * writes them: pinned against snprintf, so that rows written by any version
 * keep verifying.  Large, zero (stored NULL) and negative ids included. */
static void test_audit_canonical(void **state)
{
	struct audit_entry e;
	struct db *db;
	struct db_stmt *st;
	char text[1024], want[65];
	bool row;
	(void)state;

	memset(&e, 0, sizeof(e));
	e.account_id = 7;
	str_lcpy(e.username, "kaisa", sizeof(e.username));
	str_lcpy(e.role, "team_lead", sizeof(e.role));
	e.action = "read";
	e.object_type = "case";
	e.object_id = INT64_MAX;
	e.person_id = -42;
	e.basis = "own_team";
	str_lcpy(e.reason, "Tarkistus: äiti soitti", sizeof(e.reason));
	e.outcome = "allowed";
	str_lcpy(e.ip, "::1", sizeof(e.ip));
	assert_int_equal(db_open(&db, path, DB_READWRITE), ERR_OK);
	assert_int_equal(audit_append(db, &e, 1), ERR_OK);
	assert_int_equal(db_prepare(db, "SELECT prev_hash, at, hash FROM access_log ORDER BY id DESC LIMIT 1", &st), ERR_OK);
	assert_int_equal(db_step(st, &row), ERR_OK);
	assert_true(row);
	snprintf(text, sizeof(text), "%s\x1f%s\x1f%" PRId64 "\x1f%s\x1f%s\x1f%s\x1f%s\x1f%" PRId64 "\x1f%" PRId64
		 "\x1f%" PRId64 "\x1f%s\x1f%s\x1f%s\x1f%s", db_col_text(st, 0), db_col_text(st, 1), e.account_id,
		 e.username, e.role, e.action, e.object_type, e.object_id, e.person_id, e.case_id, e.basis,
		 e.reason, e.outcome, e.ip);
	token_hash(text, want);
	assert_string_equal(db_col_text(st, 2), want);
	db_done(st);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_migrate_twice),
		cmocka_unit_test(test_prepare_failure),
		cmocka_unit_test(test_statement_cache),
		cmocka_unit_test(test_read_snapshot),
		cmocka_unit_test(test_writer_concurrent),
		cmocka_unit_test(test_writer_commit_delay),
		cmocka_unit_test(test_writer_io_failure),
		cmocka_unit_test(test_audit_chain),
		cmocka_unit_test(test_audit_canonical),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
