/*
 * sqlite.c - the SQLite backend of db.h (the default, embedded storage).
 *
 * Durability: WAL with synchronous=FULL, so an acknowledged COMMIT survives
 * power loss, not just a process crash.  Connections are never shared across
 * fork() and never used by two threads at once (SQLITE_OPEN_NOMUTEX).
 */
#include <pthread.h>
#include <sqlite3.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "core/log.h"
#include "core/str.h"
#include "db/db.h"

#define STMT_CACHE 256

struct db_stmt {
	sqlite3_stmt *st;
	const char *sql;  /* the caller's pointer: looked up by pointer first */
	char *text;       /* our copy of its text: a hit must still say the same */
	size_t len;
	uint64_t used;    /* when last handed out (db->clock), for eviction */
	bool held;        /* handed out and not yet given back by db_done */
	struct db *db;
};

struct db {
	sqlite3 *h;
	struct db_stmt cache[STMT_CACHE];
	int ncache;
	uint64_t clock;
};

static enum err map_rc(struct db *db, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return ERR_OK;
	case SQLITE_NOMEM:
		return ERR_NOMEM;
	case SQLITE_CONSTRAINT:
		return ERR_CONFLICT;
	case SQLITE_TOOBIG:
		return ERR_TOO_LARGE;
	case SQLITE_IOERR:
	case SQLITE_FULL:
		return ERR_IO;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return ERR_UNAVAILABLE;
	case SQLITE_CANTOPEN:
		return ERR_NOT_FOUND;
	default:
		log_warn("sqlite: %s", db ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		return ERR_DB;
	}
}

/* Before SQLite initialises: no memory statistics.  With them on (the
 * default) every sqlite3_malloc and sqlite3_free takes a process-wide mutex
 * to count bytes that nothing here reads; a tenth of the instructions of
 * appending an access-log row, and one lock shared by every reader thread. */
static pthread_once_t db_configured = PTHREAD_ONCE_INIT;

static void db_configure(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

enum err db_open(struct db **out, const char *path, enum db_mode mode)
{
	struct db *db = calloc(1, sizeof(*db));
	int flags = SQLITE_OPEN_NOMUTEX;
	enum err e = ERR_OK;
	int rc;

	*out = NULL;
	pthread_once(&db_configured, db_configure);
	if (!db)
		return ERR_NOMEM;
	if (mode == DB_READONLY)
		flags |= SQLITE_OPEN_READONLY;
	else
		flags |= SQLITE_OPEN_READWRITE;
	if (mode == DB_CREATE)
		flags |= SQLITE_OPEN_CREATE;
	rc = sqlite3_open_v2(path, &db->h, flags, NULL);
	if (rc != SQLITE_OK) {
		log_error("cannot open database %s: %s", path,
			  db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		e = rc == SQLITE_CANTOPEN ? ERR_NOT_FOUND : ERR_DB;
		goto out;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_timeout(db->h, 5000);
	if (mode != DB_READONLY)
		e = db_exec(db, "PRAGMA journal_mode=WAL;");
	if (!e)
		e = db_exec(db, "PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
				"PRAGMA trusted_schema=OFF; PRAGMA cache_size=-16000;");
out:
	if (e) {
		db_close(db);
		return e;
	}
	*out = db;
	return ERR_OK;
}

void db_close(struct db *db)
{
	if (!db)
		return;
	for (int i = 0; i < db->ncache; i++) {
		sqlite3_finalize(db->cache[i].st);
		free(db->cache[i].text);
	}
	sqlite3_close(db->h);
	free(db);
}

enum err db_exec(struct db *db, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
	enum err e = ERR_OK;

	if (rc != SQLITE_OK) {
		log_error("sqlite exec: %s", msg ? msg : sqlite3_errstr(rc));
		e = map_rc(NULL, rc);
		if (e == ERR_OK)
			e = ERR_DB;
	}
	sqlite3_free(msg);
	return e;
}

enum err db_prepare(struct db *db, const char *sql, struct db_stmt **out)
{
	struct db_stmt *slot;
	int rc;

	/* NULL on failure: callers end with db_done(st) whatever happened. */
	size_t len = strlen(sql);
	*out = NULL;
	/* Callers pass string literals, so a pointer pass finds nearly every
	 * statement; only then compare text (the same SQL from another literal).
	 * One loop doing both compared the long shared prefixes of every
	 * earlier statement first: ~10k instructions a call.  A pointer hit is
	 * checked against the text it was prepared from: a buffer reused for
	 * other SQL must not be handed the old statement. */
	for (int i = 0; i < db->ncache; i++) {
		slot = &db->cache[i];
		if (slot->sql == sql && slot->len == len && !memcmp(slot->text, sql, len))
			goto hit;
	}
	for (int i = 0; i < db->ncache; i++) {
		slot = &db->cache[i];
		if (slot->len == len && !memcmp(slot->text, sql, len)) {
			slot->sql = sql;
			goto hit;
		}
	}
	if (db->ncache < STMT_CACHE) {
		slot = &db->cache[db->ncache++];
	} else {
		/* Full: evict the statement handed out longest ago that nobody
		 * holds, in place (pointers to the others stay valid).  Never one a
		 * caller still holds: evicting the INSERT it is binding would run
		 * this SQL under its bindings. */
		slot = NULL;
		for (int i = 0; i < STMT_CACHE; i++)
			if (!db->cache[i].held && (!slot || db->cache[i].used < slot->used))
				slot = &db->cache[i];
		if (!slot) {
			log_error("sqlite prepare: all %d cached statements are held", STMT_CACHE);
			return ERR_UNAVAILABLE;
		}
		sqlite3_finalize(slot->st);
		free(slot->text);
	}
	/* An empty slot until prepared: matches no SQL, evicted first. */
	memset(slot, 0, sizeof(*slot));
	slot->len = SIZE_MAX;
	slot->text = malloc(len + 1);
	if (!slot->text)
		return ERR_NOMEM;
	memcpy(slot->text, sql, len + 1);
	rc = sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &slot->st, NULL);
	if (rc != SQLITE_OK) {
		log_error("sqlite prepare: %s in: %.120s", sqlite3_errmsg(db->h), sql);
		return ERR_DB;
	}
	slot->sql = sql;
	slot->len = len;
	slot->db = db;
hit:
	slot->used = ++db->clock;
	slot->held = true;
	*out = slot;
	return ERR_OK;
}

void db_done(struct db_stmt *st)
{
	if (!st)
		return;
	sqlite3_reset(st->st);
	sqlite3_clear_bindings(st->st);
	st->held = false;
}

enum err db_bind_int(struct db_stmt *st, int idx, int64_t v)
{
	return map_rc(st->db, sqlite3_bind_int64(st->st, idx, v));
}

enum err db_bind_text(struct db_stmt *st, int idx, const char *s)
{
	if (!s)
		return db_bind_null(st, idx);
	return map_rc(st->db, sqlite3_bind_text(st->st, idx, s, -1, SQLITE_TRANSIENT));
}

enum err db_bind_textn(struct db_stmt *st, int idx, const char *s, size_t n)
{
	if (!s)
		return db_bind_null(st, idx);
	return map_rc(st->db, sqlite3_bind_text64(st->st, idx, s, n, SQLITE_TRANSIENT, SQLITE_UTF8));
}

enum err db_bind_text_static(struct db_stmt *st, int idx, const char *s)
{
	if (!s)
		return db_bind_null(st, idx);
	return map_rc(st->db, sqlite3_bind_text(st->st, idx, s, -1, SQLITE_STATIC));
}

enum err db_bind_null(struct db_stmt *st, int idx)
{
	return map_rc(st->db, sqlite3_bind_null(st->st, idx));
}

enum err db_step(struct db_stmt *st, bool *row)
{
	int rc = sqlite3_step(st->st);
	*row = rc == SQLITE_ROW;
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return ERR_OK;
	return map_rc(st->db, rc) ? map_rc(st->db, rc) : ERR_DB;
}

enum err db_run(struct db_stmt *st)
{
	bool row;
	enum err e = db_step(st, &row);
	db_done(st);
	return e;
}

int64_t db_col_int(struct db_stmt *st, int col)
{
	return sqlite3_column_int64(st->st, col);
}

const char *db_col_text(struct db_stmt *st, int col)
{
	const unsigned char *t = sqlite3_column_text(st->st, col);
	return t ? (const char *)t : "";
}

bool db_col_null(struct db_stmt *st, int col)
{
	return sqlite3_column_type(st->st, col) == SQLITE_NULL;
}

int db_col_count(struct db_stmt *st)
{
	return sqlite3_column_count(st->st);
}

const char *db_col_name(struct db_stmt *st, int col)
{
	return sqlite3_column_name(st->st, col);
}

enum err db_get_by_id(struct db *db, const char *sql, int64_t id,
		      void (*fill)(struct db_stmt *st, void *out), void *out)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, sql, &st);
	if (e)
		return e;
	db_bind_int(st, 1, id);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e)
		fill(st, out);
	db_done(st);
	return e;
}

int64_t db_last_id(struct db *db)
{
	return sqlite3_last_insert_rowid(db->h);
}

int64_t db_changes(struct db *db)
{
	return sqlite3_changes64(db->h);
}

enum err db_begin(struct db *db) { return db_exec(db, "BEGIN IMMEDIATE"); }
enum err db_commit(struct db *db) { return db_exec(db, "COMMIT"); }
enum err db_set_durable(struct db *db, bool durable)
{
	return db_exec(db, durable ? "PRAGMA synchronous=FULL" : "PRAGMA synchronous=NORMAL");
}
enum err db_begin_read(struct db *db) { return db_exec(db, "BEGIN DEFERRED"); }

void db_end_read(struct db *db)
{
	/* Nothing was written: ending it cannot lose anything, and a statement
	 * that failed inside leaves nothing to undo. */
	if (!sqlite3_get_autocommit(db->h))
		db_exec(db, "COMMIT");
}
enum err db_rollback(struct db *db) { return db_exec(db, "ROLLBACK"); }
enum err db_savepoint(struct db *db) { return db_exec(db, "SAVEPOINT unit"); }
enum err db_release(struct db *db) { return db_exec(db, "RELEASE unit"); }

bool db_in_transaction(struct db *db)
{
	return !sqlite3_get_autocommit(db->h);
}

enum err db_rollback_to(struct db *db)
{
	enum err e = db_exec(db, "ROLLBACK TO unit");
	if (!e)
		e = db_exec(db, "RELEASE unit");
	return e;
}

const char *db_errmsg(struct db *db)
{
	return sqlite3_errmsg(db->h);
}

enum err db_backup(struct db *db, const char *path)
{
	sqlite3 *dst = NULL;
	sqlite3_backup *bk;
	enum err e = ERR_OK;
	int rc;

	rc = sqlite3_open_v2(path, &dst, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc != SQLITE_OK) {
		log_error("backup: cannot create %s", path);
		e = ERR_IO;
		goto out;
	}
	bk = sqlite3_backup_init(dst, "main", db->h, "main");
	if (!bk) {
		log_error("backup: %s", sqlite3_errmsg(dst));
		e = ERR_DB;
		goto out;
	}
	do {
		rc = sqlite3_backup_step(bk, 256);
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
			sqlite3_sleep(10);
	} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
	if (rc != SQLITE_DONE) {
		log_error("backup: %s", sqlite3_errstr(rc));
		e = ERR_IO;
	}
	sqlite3_backup_finish(bk);
out:
	sqlite3_close(dst);
	return e;
}

enum err db_integrity(struct db *db, bool *ok, char *msg, size_t msgsz)
{
	struct db_stmt *st;
	bool row;
	enum err e;

	*ok = false;
	e = db_prepare(db, "PRAGMA integrity_check", &st);
	if (e)
		return e;
	e = db_step(st, &row);
	if (!e && row) {
		str_lcpy(msg, db_col_text(st, 0), msgsz);
		*ok = strcmp(db_col_text(st, 0), "ok") == 0;
	}
	db_done(st);
	if (e || !*ok)
		return e;
	e = db_prepare(db, "PRAGMA foreign_key_check", &st);
	if (e)
		return e;
	e = db_step(st, &row);
	if (!e && row) {
		*ok = false;
		str_lcpy(msg, "foreign key violation", msgsz);
	}
	db_done(st);
	return e;
}

enum err db_trigger_sql(struct db *db, const char *table, const char *name, char *out, size_t n)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? AND name = ?",
				&st);

	if (e)
		return e;
	db_bind_text(st, 1, table);
	db_bind_text(st, 2, name);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e)
		str_lcpy(out, db_col_text(st, 0), n);
	db_done(st);
	return e;
}
