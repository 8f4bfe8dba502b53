/*
 * test_audit.c - the access log's seal: key files, signed checkpoint lines,
 * the checkpoint file's torn-tail repair, the checkpoint thread, the check
 * of the log against its checkpoints (each kind of finding), and signed
 * exports (round trip, tampering refused).
 */
#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <cmocka.h>
#include "audit/audit.h"
#include "audit/export.h"
#include "audit/seal.h"
#include "core/clock.h"
#include "core/str.h"
#include "db/db.h"
#include "db/migrate.h"
#include "db/writer.h"
#include "model/accesslog.h"

static char dir[64];
static char db_path[128];
static struct seal_paths paths;
static struct seal_key key;

static void rm_all(void)
{
	static const char *const names[] = { "t.db", "t.db-wal", "t.db-shm", "t.db.audit-key", "t.db.audit-key.pub",
					     "t.db.audit-checkpoints", "x.jsonl", "other", "other.pub" };
	char p[160];
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", dir, names[i]);
		unlink(p);
	}
}

/* A fresh database with n access-log rows, its key and a checkpoint. */
static struct db *fresh(int n)
{
	struct db *db;
	struct audit_entry e;
	char msg[256];

	rm_all();
	assert_int_equal(db_open(&db, db_path, DB_CREATE), ERR_OK);
	assert_int_equal(migrate_up(db, NULL), ERR_OK);
	assert_int_equal(seal_paths_init(&paths, db_path, NULL, NULL), ERR_OK);
	assert_int_equal(seal_key_create(&paths, &key, msg, sizeof(msg)), ERR_OK);
	memset(&e, 0, sizeof(e));
	e.account_id = 3;
	str_lcpy(e.username, "sanna", sizeof(e.username));
	str_lcpy(e.role, "social_worker", sizeof(e.role));
	e.action = "read";
	e.object_type = "person";
	e.basis = "own_team";
	e.outcome = "allowed";
	str_lcpy(e.ip, "127.0.0.1", sizeof(e.ip));
	assert_int_equal(db_begin(db), ERR_OK);
	for (int i = 0; i < n; i++) {
		e.person_id = 100 + i;
		assert_int_equal(audit_append(db, &e, 1), ERR_OK);
	}
	assert_int_equal(db_commit(db), ERR_OK);
	assert_int_equal(seal_now(db, &key, paths.checkpoints, false, NULL), ERR_OK);
	return db;
}

static int setup(void **state)
{
	(void)state;
	str_lcpy(dir, "/tmp/majakka-audit-XXXXXX", sizeof(dir));
	if (!mkdtemp(dir))
		return -1;
	snprintf(db_path, sizeof(db_path), "%s/t.db", dir);
	/* 2026-03-10T12:00:00Z: rows written on one known day. */
	clock_set_fake(1773144000);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	rm_all();
	rmdir(dir);
	clock_set_fake(0);
	return 0;
}

static char *slurp(const char *p)
{
	FILE *f = fopen(p, "rb");
	char *buf = calloc(1, 1 << 20);
	size_t n;
	assert_non_null(f);
	n = fread(buf, 1, (1 << 20) - 1, f);
	buf[n] = 0;
	fclose(f);
	return buf;
}

static void spew(const char *p, const char *text)
{
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

static void test_keys(void **state)
{
	struct seal_key k2, pub;
	char msg[256];
	struct stat st;
	struct db *db = fresh(0);
	(void)state;

	db_close(db);
	assert_int_equal(stat(paths.key, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0600);
	assert_int_equal(seal_key_load(paths.key, &k2, msg, sizeof(msg)), ERR_OK);
	assert_memory_equal(k2.pk, key.pk, 32);
	assert_memory_equal(k2.sk, key.sk, 64);
	assert_string_equal(k2.id, key.id);
	assert_int_equal(seal_public_load(paths.pub, &pub, msg, sizeof(msg)), ERR_OK);
	assert_memory_equal(pub.pk, key.pk, 32);
	assert_false(pub.secret);
	/* Never overwritten. */
	assert_int_equal(seal_key_create(&paths, &k2, msg, sizeof(msg)), ERR_CONFLICT);
	/* A secret others may read is refused. */
	chmod(paths.key, 0640);
	assert_int_equal(seal_key_load(paths.key, &k2, msg, sizeof(msg)), ERR_DENIED);
	assert_non_null(strstr(msg, "chmod 600"));
	chmod(paths.key, 0600);
	/* A public key file is not a secret key file, nor the reverse. */
	assert_int_equal(seal_key_load(paths.pub, &k2, msg, sizeof(msg)), ERR_DENIED);
	assert_int_equal(seal_public_load(paths.key, &pub, msg, sizeof(msg)), ERR_INVALID);
	spew(paths.pub, "majakka-audit-public-key-ed25519 00\n");
	assert_int_equal(seal_public_load(paths.pub, &pub, msg, sizeof(msg)), ERR_INVALID);
	assert_int_equal(seal_key_load("/nonexistent/key", &k2, msg, sizeof(msg)), ERR_NOT_FOUND);
	seal_key_clear(&k2);
}

static void test_lines(void **state)
{
	struct seal_checkpoint c = { .seq = 42, .at = "2026-03-10T12:00:00Z" }, got;
	struct seal_key other;
	char line[SEAL_LINE_MAX], bad[SEAL_LINE_MAX + 8], msg[256];
	struct seal_paths op;
	size_t len;
	struct db *db = fresh(0);
	(void)state;

	db_close(db);
	memset(c.hash, 'a', 64);
	len = seal_line_make(&key, &c, line, sizeof(line));
	assert_true(len > 0 && line[len - 1] == '\n');
	assert_int_equal(seal_line_read(line, len - 1, &key, &got), SEAL_LINE_OK);
	assert_int_equal(got.seq, 42);
	assert_string_equal(got.hash, c.hash);
	assert_string_equal(got.at, c.at);

	/* Any byte changed: the signature fails or the line does not parse. */
	for (size_t i = 0; i < len - 1; i++) {
		memcpy(bad, line, len);
		bad[i] = bad[i] == '1' ? '2' : '1';
		assert_int_not_equal(seal_line_read(bad, len - 1, &key, &got), SEAL_LINE_OK);
	}
	memcpy(bad, line, len);
	bad[strstr(line, "seq=") - line + 4] = '5';
	assert_int_equal(seal_line_read(bad, len - 1, &key, &got), SEAL_LINE_BAD_SIGNATURE);

	/* Another key's line. */
	snprintf(op.key, sizeof(op.key), "%s/other", dir);
	snprintf(op.pub, sizeof(op.pub), "%s/other.pub", dir);
	assert_int_equal(seal_key_create(&op, &other, msg, sizeof(msg)), ERR_OK);
	assert_int_equal(seal_line_read(line, len - 1, &other, &got), SEAL_LINE_OTHER_KEY);
	assert_int_equal(seal_line_read(line, len - 1, NULL, &got), SEAL_LINE_OTHER_KEY);

	/* Strict form: no trailing or doubled space, no leading zeros, lower-case hex. */
	snprintf(bad, sizeof(bad), "%.*s ", (int)(len - 1), line);
	assert_int_equal(seal_line_read(bad, len, &key, &got), SEAL_LINE_MALFORMED);
	memcpy(bad, line, len);
	*strstr(bad, "sig=") = 'S';
	assert_int_equal(seal_line_read(bad, len - 1, &key, &got), SEAL_LINE_MALFORMED);
	c.seq = 7;
	len = seal_line_make(&key, &c, line, sizeof(line));
	snprintf(bad, sizeof(bad), "%s", line);
	memmove(strstr(bad, "seq=") + 5, strstr(bad, "seq=") + 4, strlen(strstr(bad, "seq=") + 4) + 1);
	strstr(bad, "seq=")[4] = '0';
	assert_int_equal(seal_line_read(bad, strlen(bad) - 1, &key, &got), SEAL_LINE_MALFORMED);
	assert_int_equal(seal_line_read("", 0, &key, &got), SEAL_LINE_MALFORMED);
	seal_key_clear(&other);
}

/* An append after a crash cut a line short starts on a line of its own. */
static void test_torn_tail(void **state)
{
	struct seal_checkpoint c = { .seq = 1, .at = "2026-03-10T12:00:00Z" };
	char line[SEAL_LINE_MAX], *text;
	size_t len;
	struct db *db = fresh(0);
	FILE *f;
	(void)state;

	db_close(db);
	memset(c.hash, 'b', 64);
	len = seal_line_make(&key, &c, line, sizeof(line));
	f = fopen(paths.checkpoints, "ab");
	fwrite(line, 1, 40, f);
	fclose(f);
	assert_int_equal(seal_append(paths.checkpoints, line, len, false), ERR_OK);
	text = slurp(paths.checkpoints);
	/* The first checkpoint (of fresh), then this one: no piece between. */
	assert_non_null(strchr(text, '\n'));
	assert_string_equal(strchr(text, '\n') + 1, line);
	free(text);
}

struct found {
	int64_t n;
	char last[512];
};

static void on_found(void *ctx, enum audit_finding f, const char *msg)
{
	struct found *fd = ctx;
	(void)f;
	fd->n++;
	str_lcpy(fd->last, msg, sizeof(fd->last));
}

static void run_check(struct db *db, struct audit_report *r, struct found *fd, struct seal_summary *s)
{
	memset(r, 0, sizeof(*r));
	memset(fd, 0, sizeof(*fd));
	r->found = on_found;
	r->ctx = fd;
	assert_int_equal(seal_check(db, paths.checkpoints, &key, r, s), ERR_OK);
}

/* Recompute the chain from row id on, as a forger with the file would. */
struct rechain {
	struct db *db;
	int64_t from;
	char prev[65];
	int64_t ids[64];
	char hashes[64][65], prevs[64][65];
	int n;
};

static enum err rechain_row(void *ctx, const struct audit_row *r)
{
	struct rechain *rc = ctx;
	if (r->id < rc->from) {
		str_lcpy(rc->prev, r->hash, sizeof(rc->prev));
		return ERR_OK;
	}
	str_lcpy(rc->prevs[rc->n], rc->prev, 65);
	audit_row_hash(r, rc->prev, rc->hashes[rc->n]);
	str_lcpy(rc->prev, rc->hashes[rc->n], sizeof(rc->prev));
	rc->ids[rc->n++] = r->id;
	return rc->n < 64 ? ERR_OK : ERR_TOO_LARGE;
}

static void rechain(struct db *db, int64_t from)
{
	struct rechain rc = { .db = db, .from = from, .prev = AUDIT_GENESIS };
	struct db_stmt *st;

	assert_int_equal(audit_each(db, 0, INT64_MAX, rechain_row, &rc), ERR_OK);
	for (int i = 0; i < rc.n; i++) {
		assert_int_equal(db_prepare(db, "UPDATE access_log SET prev_hash = ?, hash = ? WHERE id = ?", &st), ERR_OK);
		db_bind_text(st, 1, rc.prevs[i]);
		db_bind_text(st, 2, rc.hashes[i]);
		db_bind_int(st, 3, rc.ids[i]);
		assert_int_equal(db_run(st), ERR_OK);
		db_done(st);
	}
}

static void test_check_findings(void **state)
{
	struct audit_report r;
	struct seal_summary s;
	struct found fd;
	struct db *db;
	(void)state;

	/* Clean. */
	db = fresh(8);
	run_check(db, &r, &fd, &s);
	assert_int_equal(audit_findings(&r), 0);
	assert_int_equal(s.rows, 8);
	assert_int_equal(s.sealed_seq, 8);
	assert_int_equal(s.verified, 1);

	/* Rows after the last checkpoint are not a finding. */
	{
		struct audit_entry e = { .username = "kaisa", .role = "team_lead", .action = "read",
					 .object_type = "case", .basis = "own_team", .outcome = "allowed" };
		assert_int_equal(db_begin(db), ERR_OK);
		assert_int_equal(audit_append(db, &e, 1), ERR_OK);
		assert_int_equal(db_commit(db), ERR_OK);
	}
	run_check(db, &r, &fd, &s);
	assert_int_equal(audit_findings(&r), 0);
	assert_int_equal(s.sealed_seq, 8);
	assert_int_equal(s.last_id, 9);
	db_close(db);

	/* The tail cut off. */
	db = fresh(8);
	assert_int_equal(db_exec(db, "DROP TRIGGER access_log_no_delete; DELETE FROM access_log WHERE id > 5"), ERR_OK);
	run_check(db, &r, &fd, &s);
	assert_int_equal(r.count[AUDIT_TRUNCATED], 1);
	assert_int_equal(r.count[AUDIT_TRIGGER], 1);
	assert_int_equal(r.count[AUDIT_BROKEN] + r.count[AUDIT_GAP], 0);
	db_close(db);

	/* A row rewritten and the chain recomputed after it. */
	db = fresh(8);
	assert_int_equal(db_exec(db, "DROP TRIGGER access_log_no_update;"
				     " UPDATE access_log SET outcome = 'denied' WHERE id = 4"), ERR_OK);
	run_check(db, &r, &fd, &s);
	assert_int_equal(r.count[AUDIT_BROKEN], 1);
	rechain(db, 4);
	run_check(db, &r, &fd, &s);
	assert_int_equal(r.count[AUDIT_BROKEN], 0);
	assert_int_equal(r.count[AUDIT_REWRITTEN], 1);
	assert_int_equal(r.count[AUDIT_TRIGGER], 1);
	assert_non_null(strstr(fd.last, "a row in 1-8 was changed"));
	db_close(db);

	/* A row removed from the middle. */
	db = fresh(8);
	assert_int_equal(db_exec(db, "DROP TRIGGER access_log_no_delete; DROP TRIGGER access_log_no_update;"
				     " DELETE FROM access_log WHERE id = 3"), ERR_OK);
	rechain(db, 4);
	run_check(db, &r, &fd, &s);
	assert_int_equal(r.count[AUDIT_GAP], 1);
	assert_int_equal(r.count[AUDIT_TRIGGER], 2);
	assert_int_equal(r.count[AUDIT_BROKEN], 0);
	assert_int_equal(r.count[AUDIT_REWRITTEN], 1);
	db_close(db);

	/* The first rows removed. */
	db = fresh(4);
	assert_int_equal(db_exec(db, "DROP TRIGGER access_log_no_delete; DELETE FROM access_log WHERE id <= 2"), ERR_OK);
	run_check(db, &r, &fd, &s);
	assert_int_equal(r.count[AUDIT_GAP], 1);
	db_close(db);

	/* A trigger that refuses nothing. */
	db = fresh(2);
	assert_int_equal(db_exec(db, "DROP TRIGGER access_log_no_update; CREATE TRIGGER access_log_no_update"
				     " BEFORE UPDATE ON access_log BEGIN SELECT 1; END"), ERR_OK);
	run_check(db, &r, &fd, &s);
	assert_int_equal(r.count[AUDIT_TRIGGER], 1);
	assert_non_null(strstr(fd.last, "TRIGGER CHANGED: access_log_no_update"));
	db_close(db);

	/* Checkpoints: a signature, no file. */
	db = fresh(3);
	{
		char *t = slurp(paths.checkpoints);
		char *sig = strstr(t, "sig=") + 4;
		*sig = *sig == 'a' ? 'b' : 'a';
		spew(paths.checkpoints, t);
		free(t);
	}
	run_check(db, &r, &fd, &s);
	assert_int_equal(r.count[AUDIT_SIGNATURE], 1);
	assert_int_equal(audit_findings(&r), 1);
	unlink(paths.checkpoints);
	run_check(db, &r, &fd, &s);
	assert_int_equal(r.count[AUDIT_UNSEALED], 1);
	assert_true(s.no_file);
	db_close(db);
}

/* The thread seals within its interval and once more at stop. */
static void test_thread(void **state)
{
	struct seal_thread *t;
	struct audit_report r;
	struct seal_summary s;
	struct found fd;
	struct db *db = fresh(2);
	char *text, sql[512];
	int lines = 0;
	(void)state;

	clock_set_fake(0);
	assert_int_equal(seal_thread_start(&t, db_path, &key, paths.checkpoints, false, 1), ERR_OK);
	snprintf(sql, sizeof(sql), "INSERT INTO access_log(at, username, role, action, object_type, basis, outcome,"
		 " prev_hash, hash) VALUES ('2026-03-10T12:00:00Z', 'x', 'x', 'x', 'x', 'x', 'allowed', '%s', '%s')",
		 AUDIT_GENESIS, "1111111111111111111111111111111111111111111111111111111111111111");
	assert_int_equal(db_exec(db, sql), ERR_OK);
	for (int i = 0; i < 40; i++) {
		struct timespec ts = { 0, 100 * 1000000L };
		text = slurp(paths.checkpoints);
		bool sealed = strstr(text, "seq=3 ") != NULL;
		free(text);
		if (sealed)
			break;
		nanosleep(&ts, NULL);
	}
	seal_thread_stop(t);
	text = slurp(paths.checkpoints);
	for (char *p = text; (p = strchr(p, '\n')); p++)
		lines++;
	assert_non_null(strstr(text, "seq=3 "));
	assert_int_equal(lines, 3);  /* fresh's, the thread's tick, the stop's */
	free(text);
	clock_set_fake(1773144000);
	run_check(db, &r, &fd, &s);
	assert_int_equal(s.verified, 3);
	assert_int_equal(r.count[AUDIT_BROKEN], 1);  /* the hand-made row */
	db_close(db);
}

static void test_export(void **state)
{
	struct export_summary ws, vs;
	struct seal_key pub;
	char msg[256], path[160], *text, *copy;
	struct db *db = fresh(5);
	FILE *f;
	(void)state;

	snprintf(path, sizeof(path), "%s/x.jsonl", dir);
	f = fopen(path, "wb");
	assert_int_equal(export_write(db, &key, f, "2026-03-10", "2026-03-10", &ws, msg, sizeof(msg)), ERR_OK);
	fclose(f);
	assert_int_equal(ws.rows, 5);
	assert_int_equal(ws.first_id, 1);
	assert_int_equal(ws.last_id, 5);
	assert_int_equal(seal_public_load(paths.pub, &pub, msg, sizeof(msg)), ERR_OK);
	f = fopen(path, "rb");
	assert_int_equal(export_verify(f, &pub, &vs, msg, sizeof(msg)), ERR_OK);
	fclose(f);
	assert_int_equal(vs.rows, 5);
	assert_int_equal(vs.head_seq, 5);
	assert_string_equal(vs.from, "2026-03-10");

	/* A day without rows. */
	f = fopen(path, "wb");
	assert_int_equal(export_write(db, &key, f, "2026-03-11", "2026-03-12", &ws, msg, sizeof(msg)), ERR_OK);
	fclose(f);
	assert_int_equal(ws.rows, 0);
	f = fopen(path, "rb");
	assert_int_equal(export_verify(f, &pub, &vs, msg, sizeof(msg)), ERR_OK);
	fclose(f);

	/* Every single byte changed is refused. */
	f = fopen(path, "wb");
	assert_int_equal(export_write(db, &key, f, "2026-03-10", "2026-03-10", &ws, msg, sizeof(msg)), ERR_OK);
	fclose(f);
	text = slurp(path);
	copy = strdup(text);
	for (size_t i = 0; text[i]; i += 7) {
		memcpy(copy, text, strlen(text) + 1);
		copy[i] = copy[i] == '1' ? '2' : '1';
		f = fmemopen(copy, strlen(copy), "rb");
		assert_int_not_equal(export_verify(f, &pub, &vs, msg, sizeof(msg)), ERR_OK);
		fclose(f);
	}
	free(copy);
	free(text);
	db_close(db);
}

/* ---- the per-person index behind the rows (migration 025) ---------------- */

struct ids { int64_t id[2048]; int n; };

static void collect(void *ctx, const struct accesslog_row *r)
{
	struct ids *x = ctx;
	if (x->n < 2048)
		x->id[x->n++] = r->id;
}

/* Person 7's rows as the person's own access-log page lists them, a page
 * of limit at a time, into x. */
static void person_pages(struct db *db, int limit, struct ids *x)
{
	struct accesslog_filter f;
	int64_t next = 0;

	memset(x, 0, sizeof(*x));
	memset(&f, 0, sizeof(f));
	f.person_id = 7;
	f.limit = limit;
	do {
		f.before = next;
		assert_int_equal(accesslog_list_person(db, &f, collect, x, &next), ERR_OK);
	} while (next);
}

static int64_t upto(struct db *db)
{
	struct db_stmt *st;
	bool row;
	int64_t v = -1;
	assert_int_equal(db_prepare(db, "SELECT upto FROM access_log_indexed", &st), ERR_OK);
	assert_int_equal(db_step(st, &row), ERR_OK);
	assert_true(row);
	v = db_col_int(st, 0);
	db_done(st);
	return v;
}

static void test_index_behind(void **state)
{
	struct db *db = fresh(3);   /* persons 100..102, indexed by nobody yet */
	struct audit_entry e;
	struct audit_report r;
	struct found fd;
	struct seal_summary sum;
	struct ids x;
	int64_t want = 0;
	(void)state;

	memset(&e, 0, sizeof(e));
	str_lcpy(e.username, "sanna", sizeof(e.username));
	str_lcpy(e.role, "social_worker", sizeof(e.role));
	e.action = "read";
	e.object_type = "person";
	e.basis = "own_team";
	e.outcome = "allowed";
	/* 1,300 rows, every third about person 7, in transactions of 25. */
	for (int i = 0; i < 1300; i += 25) {
		assert_int_equal(db_begin(db), ERR_OK);
		for (int k = i; k < i + 25; k++) {
			e.person_id = k % 3 == 0 ? 7 : 8;
			assert_int_equal(audit_append(db, &e, 1), ERR_OK);
		}
		assert_int_equal(db_commit(db), ERR_OK);
		/* As the writer after each batch: the index follows in slices. */
		assert_int_equal(audit_index_behind(db, AUDIT_INDEX_SLICE), ERR_OK);
		assert_true(upto(db) <= 3 + i + 25);
		assert_true(3 + i + 25 - upto(db) < AUDIT_INDEX_SLICE);
	}
	for (int k = 0; k < 1300; k++)
		want += k % 3 == 0;
	assert_true(upto(db) < 3 + 1300);   /* a tail not yet indexed */
	assert_true(upto(db) > 3);

	/* The person's page lists every row of theirs, newest first, across the
	 * index and the tail, whatever the page size. */
	for (int limit = 1; limit <= 200; limit = limit * 3 + 1) {
		person_pages(db, limit, &x);
		assert_int_equal(x.n, want);
		for (int i = 1; i < x.n; i++)
			assert_true(x.id[i] < x.id[i - 1]);
	}
	assert_int_equal(x.id[0], 3 + 1300);   /* k = 1299, the last row */
	assert_int_equal(x.id[x.n - 1], 4);    /* k = 0 */

	/* check finds nothing; then an index entry taken away is found. */
	assert_int_equal(seal_now(db, &key, paths.checkpoints, false, NULL), ERR_OK);
	run_check(db, &r, &fd, &sum);
	assert_int_equal(audit_findings(&r), 0);
	assert_int_equal(db_exec(db, "DROP TRIGGER access_log_by_person_no_delete;"
				     "DELETE FROM access_log_by_person WHERE log_id = 4"), ERR_OK);
	run_check(db, &r, &fd, &sum);
	assert_int_equal(r.count[AUDIT_INDEX], 1);
	assert_non_null(strstr(fd.last, "misses rows"));
	person_pages(db, 50, &x);
	assert_int_equal(x.n, want - 1);

	/* Everything indexed at once (as `majakka generate` ends). */
	assert_int_equal(audit_index_behind(db, 1), ERR_OK);
	assert_int_equal(upto(db), 3 + 1300);
	db_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_keys),
		cmocka_unit_test(test_lines),
		cmocka_unit_test(test_torn_tail),
		cmocka_unit_test(test_check_findings),
		cmocka_unit_test(test_thread),
		cmocka_unit_test(test_export),
		cmocka_unit_test(test_index_behind),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
