/*
 * accesslog.h - reading the access log back: a person's own access log (who
 * has looked at their data).  The break-the-glass report reads its grants
 * in model/breakglass.c.
 *
 * audit/ writes the log and verifies its hash chain; this module only reads
 * rows for people to see, newest first.  Every row was written through
 * struct audit_entry, so its texts fit the sizes below.
 */
#ifndef MAJAKKA_ACCESSLOG_H
#define MAJAKKA_ACCESSLOG_H

#include <stdint.h>
#include "db/db.h"

struct accesslog_row {
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

/* The access-log rows about person_id, the newest 500, newest first; cb
 * gets each row (valid during the call only). */
enum err accesslog_list_person(struct db *db, int64_t person_id,
			       void (*cb)(void *ctx, const struct accesslog_row *r), void *ctx);
#endif
