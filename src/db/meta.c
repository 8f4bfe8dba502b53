/*
 * meta.c - the meta table (see meta.h).
 */
#include "core/str.h"
#include "db/meta.h"

enum err meta_get(struct db *db, const char *key, char *out, size_t outsz)
{
	struct db_stmt *st;
	bool row = false;
	enum err e = db_prepare(db, "SELECT value FROM meta WHERE key = ?", &st);

	out[0] = 0;
	if (!e) {
		db_bind_text(st, 1, key);
		e = db_step(st, &row);
	}
	if (!e && row)
		str_lcpy(out, db_col_text(st, 0), outsz);
	db_done(st);
	return e;
}

enum err meta_generations(struct db *db, int64_t *access, int64_t *content)
{
	struct db_stmt *st;
	bool row = false;
	enum err e = db_prepare(db, "SELECT a.n, c.n FROM access_generation a, content_generation c"
				    " WHERE a.id = 1 AND c.id = 1", &st);

	*access = *content = 0;
	if (!e)
		e = db_step(st, &row);
	if (!e && !row)
		e = ERR_DB;
	if (!e) {
		*access = db_col_int(st, 0);
		*content = db_col_int(st, 1);
	}
	db_done(st);
	return e;
}
