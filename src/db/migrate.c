/*
 * migrate.c - apply the compiled-in SQL migrations (see migrate.h).
 */
#include "core/clock.h"
#include "core/embed.h"
#include "core/log.h"
#include "db/migrate.h"

static const char *SQL_CREATE =
	"CREATE TABLE IF NOT EXISTS schema_migrations ("
	" name TEXT PRIMARY KEY, applied_at TEXT NOT NULL) STRICT";

static enum err is_applied(struct db *db, const char *name, bool *yes)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT 1 FROM schema_migrations WHERE name = ?", &st);
	if (e)
		return e;
	e = db_bind_text(st, 1, name);
	if (!e)
		e = db_step(st, yes);
	db_done(st);
	return e;
}

enum err migrate_up(struct db *db, int *applied)
{
	enum err e = db_exec(db, SQL_CREATE);
	int n = 0;

	for (const struct embedded *m = embedded_schema; !e && m->name; m++) {
		bool done = false;
		struct db_stmt *st;
		char now[21];

		e = is_applied(db, m->name, &done);
		if (e || done)
			continue;
		e = db_begin(db);
		if (e)
			break;
		e = db_exec(db, m->text);
		if (!e)
			e = db_prepare(db, "INSERT INTO schema_migrations(name, applied_at) VALUES (?, ?)", &st);
		if (!e) {
			clock_iso(clock_now(), now);
			db_bind_text(st, 1, m->name);
			db_bind_text(st, 2, now);
			e = db_run(st);
		}
		if (e) {
			log_error("migration %s failed; database left unchanged", m->name);
			db_rollback(db);
			break;
		}
		e = db_commit(db);
		if (!e) {
			log_info("applied migration %s", m->name);
			n++;
		}
	}
	if (applied)
		*applied = n;
	return e;
}

enum err migrate_is_current(struct db *db, bool *current)
{
	enum err e = ERR_OK;
	*current = true;
	for (const struct embedded *m = embedded_schema; !e && m->name; m++) {
		bool done = false;
		e = is_applied(db, m->name, &done);
		if (!done)
			*current = false;
	}
	return e;
}
