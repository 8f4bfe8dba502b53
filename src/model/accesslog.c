/*
 * accesslog.c - reading the access log back (see accesslog.h).
 */
#include "core/str.h"
#include "model/accesslog.h"

/* Both lists read the same columns; the display name falls back to the
 * username logged when the account is gone or was never known. */
#define ACCESSLOG_COLS "l.at, l.username, coalesce(ac.display_name, l.username), l.role, l.action," \
	" coalesce(l.person_id, 0), coalesce(l.case_id, 0), l.basis, l.outcome, l.reason" \
	" FROM access_log l LEFT JOIN account ac ON ac.id = l.account_id"

static void accesslog_from_row(struct db_stmt *st, struct accesslog_row *r)
{
	str_lcpy(r->at, db_col_text(st, 0), sizeof(r->at));
	str_lcpy(r->username, db_col_text(st, 1), sizeof(r->username));
	str_lcpy(r->name, db_col_text(st, 2), sizeof(r->name));
	str_lcpy(r->role, db_col_text(st, 3), sizeof(r->role));
	str_lcpy(r->action, db_col_text(st, 4), sizeof(r->action));
	r->person_id = db_col_int(st, 5);
	r->case_id = db_col_int(st, 6);
	str_lcpy(r->basis, db_col_text(st, 7), sizeof(r->basis));
	str_lcpy(r->outcome, db_col_text(st, 8), sizeof(r->outcome));
	str_lcpy(r->reason, db_col_text(st, 9), sizeof(r->reason));
}

/* Step st (prepared and bound, or NULL after a failed prepare that left e)
 * to the end, handing each row to cb. */
static enum err accesslog_each(struct db_stmt *st, enum err e,
			       void (*cb)(void *ctx, const struct accesslog_row *r), void *ctx)
{
	bool row;

	while (!e && !(e = db_step(st, &row)) && row) {
		struct accesslog_row r;
		accesslog_from_row(st, &r);
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err accesslog_list_person(struct db *db, int64_t person_id,
			       void (*cb)(void *ctx, const struct accesslog_row *r), void *ctx)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT " ACCESSLOG_COLS
				    " WHERE l.person_id = ? ORDER BY l.id DESC LIMIT 500", &st);

	if (!e)
		db_bind_int(st, 1, person_id);
	return accesslog_each(st, e, cb, ctx);
}
