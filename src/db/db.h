/*
 * db.h - the storage interface: connections, prepared statements, transactions.
 *
 * The model and the API speak only this interface; <sqlite3.h> is included in
 * db/sqlite.c alone, so a PostgreSQL backend (db/pg.c) can implement the same
 * functions without touching the callers.  SQL is written in the portable
 * subset (?-parameters, INTEGER/TEXT, ISO-8601 text timestamps).
 *
 * A connection belongs to one thread at a time.  Reads run on per-thread
 * connections; every write runs on the single writer connection (db/writer.h),
 * which batches many requests into one durable COMMIT.
 *
 * Statements come from a small per-connection cache: db_prepare() returns a
 * reset statement owned by the connection; call db_done() when finished with
 * it (it is reset, not finalized).  Never keep one across db_close().
 */
#ifndef MAJAKKA_DB_H
#define MAJAKKA_DB_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/err.h"

struct db;
struct db_stmt;

enum db_mode { DB_READONLY, DB_READWRITE, DB_CREATE };

/* Open path; DB_CREATE creates the file.  Sets WAL, synchronous=FULL,
 * foreign_keys=ON, busy timeout.  *out owned by caller: db_close(). */
enum err db_open(struct db **out, const char *path, enum db_mode mode);
void db_close(struct db *db);

/* Run one or more statements without parameters (schema, pragmas). */
enum err db_exec(struct db *db, const char *sql);

/* A reset statement for sql (cached per connection by the sql text).  The
 * cache looks it up by pointer first (literals are found fast) and checks
 * the text on every hit, so a reused buffer is safe too.  When the cache is
 * full the statement handed out longest ago and given back (db_done) is
 * evicted, never one a caller still holds.  On failure *out is NULL, which db_done accepts. */
enum err db_prepare(struct db *db, const char *sql, struct db_stmt **out);
/* Reset the statement and clear bindings; it stays in the cache. */
void db_done(struct db_stmt *st);

/* Bind parameters, 1-based.  text is copied (SQLITE_TRANSIENT). */
enum err db_bind_int(struct db_stmt *st, int idx, int64_t v);
enum err db_bind_text(struct db_stmt *st, int idx, const char *s);
enum err db_bind_textn(struct db_stmt *st, int idx, const char *s, size_t n);
enum err db_bind_null(struct db_stmt *st, int idx);
/* Bind s without copying it (SQLITE_STATIC): s must stay unchanged until
 * db_done (or db_run) on st.  For hot loops that bind buffers they own. */
enum err db_bind_text_static(struct db_stmt *st, int idx, const char *s);

/* Step: returns true with ERR_OK while a row is ready. */
enum err db_step(struct db_stmt *st, bool *row);
/* Step a statement expected to return no row (INSERT/UPDATE). */
enum err db_run(struct db_stmt *st);

int64_t db_col_int(struct db_stmt *st, int col);
/* Valid until the next step/done; "" for NULL. */
const char *db_col_text(struct db_stmt *st, int col);
bool db_col_null(struct db_stmt *st, int col);
int db_col_count(struct db_stmt *st);
const char *db_col_name(struct db_stmt *st, int col);

/* Run sql with one integer parameter and hand the first row to fill(st, out);
 * ERR_NOT_FOUND when there is none.  The one "get by id" of every model. */
enum err db_get_by_id(struct db *db, const char *sql, int64_t id,
		      void (*fill)(struct db_stmt *st, void *out), void *out);

int64_t db_last_id(struct db *db);
int64_t db_changes(struct db *db);

enum err db_begin(struct db *db);      /* BEGIN IMMEDIATE */
/* Whether a commit on this connection waits until it is on disk (the
 * default) or may be lost with the last moments before a crash, never half
 * (SQLite: synchronous FULL or NORMAL in WAL mode).  For work that can be
 * done again from what is durable: see audit_index_behind. */
enum err db_set_durable(struct db *db, bool durable);
/* A read-only snapshot: every statement until db_end_read sees the same
 * committed state, and SQLite looks for other connections' commits once
 * (at the first read) instead of at every statement. */
enum err db_begin_read(struct db *db);  /* BEGIN DEFERRED */
void db_end_read(struct db *db);
enum err db_commit(struct db *db);
enum err db_rollback(struct db *db);
enum err db_savepoint(struct db *db);  /* nested unit inside a batch */
enum err db_release(struct db *db);
enum err db_rollback_to(struct db *db);
/* True while a transaction is open (SQLite ends one by itself after some
 * I/O errors, so a failed COMMIT may or may not need a ROLLBACK). */
bool db_in_transaction(struct db *db);

/* The last error message of this connection, for the log only. */
const char *db_errmsg(struct db *db);

/* Online copy of the whole database to path (a consistent snapshot). */
enum err db_backup(struct db *db, const char *path);
/* PRAGMA integrity_check and foreign_key_check; ok true when clean. */
enum err db_integrity(struct db *db, bool *ok, char *msg, size_t msgsz);
/* The CREATE TRIGGER text of trigger name on table (from the catalogue);
 * ERR_NOT_FOUND when there is no such trigger. */
enum err db_trigger_sql(struct db *db, const char *table, const char *name, char *out, size_t n);

#endif
