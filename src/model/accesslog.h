/*
 * accesslog.h - reading the access log back: a person's own access log (who
 * has looked at their data).  The break-the-glass report reads its grants
 * in model/breakglass.c.
 *
 * audit/ writes the log and verifies its hash chain; this module only reads
 * rows for people to see, newest first, a page at a time.  Every row was
 * written through struct audit_entry, so its texts fit the sizes below.
 */
#ifndef MAJAKKA_ACCESSLOG_H
#define MAJAKKA_ACCESSLOG_H

#include <stdint.h>
#include "db/db.h"
#include "model/validate.h"

#define ACCESSLOG_PAGE_DEFAULT 50
#define ACCESSLOG_PAGE_MAX 200

struct accesslog_row {
	int64_t id;               /* the log's row id: the paging cursor */
	char at[21];              /* ISO-8601 UTC, as the log wrote it */
	char username[64];
	char name[401];           /* the account's display name, else username */
	char role[40];
	char action[32];          /* "read", "update", "read_access_log", ... */
	int64_t person_id;        /* 0 = none */
	int64_t case_id;          /* 0 = none */
	char basis[24];           /* "own_team", "break_glass", ... */
	char outcome[12];         /* "allowed", "denied", "failed" */
	char reason[256];         /* break-the-glass or denial reason */
};

/* Which rows of a person's log one page shows. */
struct accesslog_filter {
	int64_t person_id;
	int64_t before;           /* only rows with a smaller id; 0 = from the newest */
	int limit;                /* 1..ACCESSLOG_PAGE_MAX */
	char from_at[21];         /* at >= from_at (UTC); "" = no lower bound */
	char to_at[21];           /* at < to_at (UTC); "" = no upper bound */
	char who[64];             /* only this username; "" = anyone */
};

/* Fill f (person_id left as it was) from the page's parameters as typed,
 * each NULL or "" when not given: before (a row id), limit (1..200, default
 * 50), from and to (dates YYYY-MM-DD, both inclusive, days of the server's
 * local calendar, as the log's times are shown) and who (a username).
 * ERR_INVALID with fe naming the parameter to fix (reason invalid_number,
 * not_integer, out_of_range, invalid_date, before_from or too_long). */
enum err accesslog_filter_parse(struct accesslog_filter *f, const char *before, const char *limit,
				const char *from, const char *to, const char *who, struct field_error *fe);

/* The access-log rows about f->person_id that f lets through, newest first,
 * at most f->limit; cb gets each row (valid during the call only).  *next is
 * the cursor of the following page (the id of the last row given, to pass
 * as before) or 0 when no older row matches. */
enum err accesslog_list_person(struct db *db, const struct accesslog_filter *f,
			       void (*cb)(void *ctx, const struct accesslog_row *r), void *ctx,
			       int64_t *next);
#endif
