/*
 * accesslog.c - reading the access log back (see accesslog.h).
 */
#include <string.h>
#include <time.h>
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/accesslog.h"

/* The display name falls back to the username logged when the account is
 * gone or was never known. */
#define ACCESSLOG_REST " l.at, l.username, coalesce(ac.display_name, l.username), l.role, l.action," \
	" coalesce(l.person_id, 0), coalesce(l.case_id, 0), l.basis, l.outcome, l.reason"

static void accesslog_from_row(struct db_stmt *st, struct accesslog_row *r)
{
	r->id = db_col_int(st, 0);
	str_lcpy(r->at, db_col_text(st, 1), sizeof(r->at));
	str_lcpy(r->username, db_col_text(st, 2), sizeof(r->username));
	str_lcpy(r->name, db_col_text(st, 3), sizeof(r->name));
	str_lcpy(r->role, db_col_text(st, 4), sizeof(r->role));
	str_lcpy(r->action, db_col_text(st, 5), sizeof(r->action));
	r->person_id = db_col_int(st, 6);
	r->case_id = db_col_int(st, 7);
	str_lcpy(r->basis, db_col_text(st, 8), sizeof(r->basis));
	str_lcpy(r->outcome, db_col_text(st, 9), sizeof(r->outcome));
	str_lcpy(r->reason, db_col_text(st, 10), sizeof(r->reason));
}

/* The UTC time at which local day d begins, as the log writes times: the
 * page shows the log's times in the server's local time (Finland), so a day
 * typed there is that calendar day. */
static void local_midnight_utc(struct date d, char out[21])
{
	struct tm tm = { .tm_year = d.y - 1900, .tm_mon = d.m - 1, .tm_mday = d.d, .tm_isdst = -1 };
	clock_iso((int64_t)mktime(&tm), out);
}

enum err accesslog_filter_parse(struct accesslog_filter *f, const char *before, const char *limit,
				const char *from, const char *to, const char *who, struct field_error *fe)
{
	struct date df = { 0 }, dt = { 0 };
	int64_t n = ACCESSLOG_PAGE_DEFAULT;
	enum err e = ERR_OK;

	f->before = 0;
	f->from_at[0] = f->to_at[0] = f->who[0] = '\0';
	if (before && *before && str_to_i64(before, 1, INT64_MAX, &f->before))
		e = validate_fail(fe, "before", "invalid_number",
				  "before must be a log row id (a positive whole number): the next of the previous page");
	else if (limit && *limit && str_to_i64(limit, INT64_MIN, INT64_MAX, &n))
		e = validate_fail(fe, "limit", "not_integer", "limit must be a whole number from 1 to %d",
				  ACCESSLOG_PAGE_MAX);
	else if (n < 1 || n > ACCESSLOG_PAGE_MAX)
		e = validate_fail(fe, "limit", "out_of_range", "limit must be from 1 to %d", ACCESSLOG_PAGE_MAX);
	else if (from && *from && date_parse(from, &df))
		e = validate_fail(fe, "from", "invalid_date", "from must be a date YYYY-MM-DD");
	else if (to && *to && date_parse(to, &dt))
		e = validate_fail(fe, "to", "invalid_date", "to must be a date YYYY-MM-DD");
	else if (df.y && dt.y && date_cmp(dt, df) < 0)
		e = validate_fail(fe, "to", "before_from", "to must not be before from");
	else if (who && *who && (e = validate_text(who, "who", 0, sizeof(f->who) - 1, false, fe)) == ERR_OK)
		str_lcpy(f->who, who, sizeof(f->who));
	if (e)
		return e;
	f->limit = (int)n;
	if (df.y)
		local_midnight_utc(df, f->from_at);
	if (dt.y)
		local_midnight_utc(date_add_days(dt, 1), f->to_at);
	return ERR_OK;
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

struct page_acc {
	void (*cb)(void *ctx, const struct accesslog_row *r);
	void *ctx;
	int limit, n;
	int64_t last;
	bool more;
};

/* Hands the first limit rows on; the one after them says there is more. */
static void page_row(void *ctx, const struct accesslog_row *r)
{
	struct page_acc *pg = ctx;

	if (pg->n == pg->limit) {
		pg->more = true;
		return;
	}
	pg->cb(pg->ctx, r);
	pg->last = r->id;
	pg->n++;
}

/* Keyset paging on the row id.  A person's rows are found through the
 * per-person index up to where it goes (access_log_by_person, migration
 * 025: person_id = ? AND log_id < ? is one range of its key walked
 * backwards, in the page's order: hence x.log_id, not l.id, as the first
 * column) and, after it, among the few rows not yet
 * indexed (at most AUDIT_INDEX_SLICE, a range of the table's own key): two
 * ordered streams that SQLite merges, so a page costs its own rows however
 * long the log is.  The filters are checked on those rows; an absent bound
 * is bound as a value every row passes, which keeps one statement (and one
 * plan) for every combination. */
#define PERSON_ROWS(extra) \
	"SELECT x.log_id," ACCESSLOG_REST " FROM access_log_by_person x JOIN access_log l ON l.id = x.log_id" \
	" LEFT JOIN account ac ON ac.id = l.account_id" \
	" WHERE x.person_id = ?1 AND x.log_id < ?2 " extra \
	" UNION ALL SELECT l.id," ACCESSLOG_REST " FROM access_log l LEFT JOIN account ac ON ac.id = l.account_id" \
	" WHERE l.id > (SELECT upto FROM access_log_indexed WHERE id = 1) AND l.id < ?2 AND l.person_id = ?1 " extra
enum err accesslog_list_person(struct db *db, const struct accesslog_filter *f,
			       void (*cb)(void *ctx, const struct accesslog_row *r), void *ctx,
			       int64_t *next)
{
	struct page_acc pg = { cb, ctx, f->limit, 0, 0, false };
	struct db_stmt *st;
	enum err e = db_prepare(db, PERSON_ROWS("AND l.at >= ?3 AND l.at < ?4 AND (?5 = '' OR l.username = ?5)")
				    " ORDER BY 1 DESC LIMIT ?6", &st);

	*next = 0;
	if (!e) {
		db_bind_int(st, 1, f->person_id);
		db_bind_int(st, 2, f->before > 0 ? f->before : INT64_MAX);
		db_bind_text(st, 3, f->from_at);
		db_bind_text(st, 4, f->to_at[0] ? f->to_at : "9999");
		db_bind_text(st, 5, f->who);
		db_bind_int(st, 6, (int64_t)f->limit + 1);
	}
	e = accesslog_each(st, e, page_row, &pg);
	if (!e && pg.more)
		*next = pg.last;
	return e;
}
