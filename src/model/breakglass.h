/*
 * breakglass.h - break-the-glass: a worker opens a child's case outside
 * their teams by stating why.
 *
 * The reason is asked once (trimmed, at least BREAKGLASS_REASON_MIN
 * non-space characters, kept whole up to BREAKGLASS_REASON_MAX characters)
 * and gives a grant: this account may read that child's case, and only read
 * it, for the grant's minutes (30 unless configured) without asking again.
 * Who may open one is policy_decide's ACT_BREAK_GLASS.  The report names the
 * child and the case, who, when, why and what was opened under the grant,
 * and is shown to the child's responsible worker, the lead of the owning
 * team and the manager of its area; the administrator sees counts only.
 */
#ifndef MAJAKKA_BREAKGLASS_H
#define MAJAKKA_BREAKGLASS_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/policy.h"
#include "model/validate.h"

#define BREAKGLASS_REASON_MIN 20     /* non-space characters */
#define BREAKGLASS_REASON_MAX 2000   /* characters */
#define BREAKGLASS_MINUTES 30        /* default length of a grant */

struct breakglass_grant {
	int64_t id;
	char created_at[21];
	char expires_at[21];
	char reason[BREAKGLASS_REASON_MAX * 4 + 1];
};

/* Trim reason into out (at least BREAKGLASS_REASON_MAX * 4 + 1 bytes) and
 * check it: ERR_INVALID with fe ("reason": required, too_short, too_long,
 * invalid_chars) when it will not do. */
enum err breakglass_reason(const char *reason, char *out, size_t outsz, struct field_error *fe);

/* Insert a grant of account on case for minutes from now (on the writer
 * connection).  The reason must have passed breakglass_reason. */
enum err breakglass_insert(struct db *db, int64_t account_id, int64_t case_id, const char *reason,
			   int minutes, struct breakglass_grant *out);

/* Is there a live grant of account on case? */
enum err breakglass_active(struct db *db, int64_t account_id, int64_t case_id, bool *yes);
/* The live grant itself (ERR_NOT_FOUND when none). */
enum err breakglass_current(struct db *db, int64_t account_id, int64_t case_id, struct breakglass_grant *out);

struct breakglass_row {
	int64_t grant_id;
	char created_at[21];
	char expires_at[21];
	char username[64];
	char name[401];
	char role[40];
	int64_t child_id;
	char child_name[204];
	int64_t case_id;
	char team_name[128];
	char reason[BREAKGLASS_REASON_MAX * 4 + 1];
	int reads;          /* access-log rows under the grant */
	char opened[256];   /* what was opened: the actions, comma separated */
};

/* The grants p may see (newest first, at most limit): those on children p is
 * responsible for, of the teams p leads, of p's area as its manager. */
enum err breakglass_report(struct db *db, const struct principal *p, int limit,
			   void (*cb)(void *ctx, const struct breakglass_row *r), void *ctx);
/* Counts only, for the administrator: grants in the organisation in all,
 * in the last 30 days, and the live ones. */
enum err breakglass_counts(struct db *db, int64_t county_id, int64_t *total, int64_t *last30,
			   int64_t *live);

#endif
