/*
 * grant.h - no self-granting: client access waits for a manager.
 *
 * Giving an account client access -- a team membership (as a member or as
 * its lead) or, for a manager, an area -- is first a request, a row of
 * access_grant (schema/013_access_grant.sql).  It gives nothing: the
 * principal (account_load_principal) takes teams only from team_member rows
 * and a manager's area only when account.area_approved is set, and neither
 * is written until a manager responsible for the unit approves.  Who may
 * decide is policy_decide(p, ACT_GRANT_APPROVE, grant_policy_object(...)):
 * the lead of that team or the manager of its area, never the account
 * itself, never who asked for it, never the administrator.  The decision,
 * the access it gives and its access-log entry commit together.
 *
 * Taking access away needs nobody's approval: a membership the
 * administrator removes (or a lead flag taken off) ends at once, and the
 * open requests for it are withdrawn.
 *
 * Every request, withdrawal, approval and rejection is an access-log entry
 * on object_type "account" (the account the access is for), action
 * grant_request, grant_withdraw, grant_approve or grant_reject, its reason
 * naming the grant; refused decisions are logged too.
 *
 * The functions that change grants run inside a write (access_write on the
 * writer connection) and append their entries to that transaction with
 * access_append; grant_decide is such a write of its own.
 */
#ifndef MAJAKKA_GRANT_H
#define MAJAKKA_GRANT_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "db/writer.h"
#include "model/access.h"
#include "model/org.h"
#include "model/policy.h"
#include "model/validate.h"

#define GRANT_NOTE_CHARS 500        /* a decision's note */
#define GRANT_PLAN_MAX 64           /* teams one account may have, requested or not */

struct grant_row {
	int64_t id;
	int64_t account_id;           /* whose access */
	char username[64];
	char display_name[401];
	char role[40];
	char title[401];
	int64_t team_id;              /* a team membership, or 0 */
	int64_t area_id;              /* a manager's area, or 0 */
	int64_t unit_area_id;         /* the area of that team (or the area) */
	int64_t county_id;
	char unit_name[ORG_NAME_SIZE];/* the team's or the area's name */
	bool lead;                    /* as the team's lead */
	int64_t requested_by;
	char requested_by_name[401];
	char requested_at[21];
	int64_t decided_by;           /* 0 while pending */
	char decided_by_name[401];
	char decided_at[21];
	char outcome[16];             /* "" while pending, "approved", "rejected", "withdrawn" */
	char note[GRANT_NOTE_CHARS * 4 + 1];
};

/* The facts ACT_GRANT_APPROVE is decided on: the unit (team, its area and
 * organisation; or the area), and is_self when the grant is p's own or p
 * asked for it.  Pure. */
struct policy_object grant_policy_object(const struct grant_row *g, const struct principal *p);

/* The administrator's edit of an account's teams, as a plan: memberships in
 * have[] not in want[] end (remove), open requests not wanted are withdrawn,
 * wanted teams neither held nor requested are requested.  Pure; each output
 * holds at most GRANT_PLAN_MAX. */
struct grant_plan {
	int64_t remove[GRANT_PLAN_MAX];
	int nremove;
	int64_t withdraw[GRANT_PLAN_MAX];
	int nwithdraw;
	int64_t request[GRANT_PLAN_MAX];
	int nrequest;
};
void grant_plan_teams(const int64_t *have, int nhave, const int64_t *open, int nopen, const int64_t *want,
		      int nwant, struct grant_plan *out);

/* A decision's note: trimmed into out (GRANT_NOTE_CHARS * 4 + 1 bytes), at
 * most GRANT_NOTE_CHARS characters, may be empty.  ERR_INVALID with fe. */
enum err grant_note(const char *note, char *out, size_t outsz, struct field_error *fe);

/* ---- the administrator's side (inside a write) --------------------------- */

/* Ask, as ax's principal, for account's membership in team_id (lead: as its
 * lead) or, team_id 0, for its area area_id.  An open request for the same
 * team that says the same is kept; one that says otherwise is withdrawn and
 * asked anew.  *id (may be NULL) gets the request. */
enum err grant_request(struct db *db, const struct access_ctx *ax, int64_t account_id, int64_t team_id,
		       int64_t area_id, bool lead, int64_t *id);
/* Set account's teams to want[] by grant_plan_teams.  Every wanted team
 * must be of county_id: ERR_INVALID (fe "team_ids", unknown_value) if not. */
enum err grant_set_teams(struct db *db, const struct access_ctx *ax, int64_t account_id, int64_t county_id,
			 const int64_t *want, int nwant, struct field_error *fe);
/* One team: a member already so stays; a lead made a plain member is so at
 * once; otherwise a request (*id, or 0 when nothing was asked). */
enum err grant_add_team(struct db *db, const struct access_ctx *ax, int64_t account_id, int64_t team_id,
			bool lead, int64_t *id);
/* The membership ends now and the team's open requests are withdrawn. */
enum err grant_remove_team(struct db *db, const struct access_ctx *ax, int64_t account_id, int64_t team_id);
/* After an account was created or changed: a manager whose area is not
 * approved gets a request for it (unless one is open); open area requests
 * for any other area, or of an account no longer a manager, are withdrawn.
 * The area must be of the account's organisation: ERR_INVALID (fe
 * "area_id", unknown_value) if not. */
enum err grant_sync_area(struct db *db, const struct access_ctx *ax, int64_t account_id, struct field_error *fe);

/* ---- reading ---------------------------------------------------------------- */

enum err grant_get(struct db *db, int64_t id, struct grant_row *out);
/* The open requests p may decide, oldest first, at most limit. */
enum err grant_list_pending(struct db *db, const struct principal *p, int limit,
			    void (*cb)(void *ctx, const struct grant_row *g), void *ctx);
/* Every open request of county_id, oldest first, at most limit: the
 * administrator's pending work (who waits for which team; no client data). */
enum err grant_list_waiting(struct db *db, int64_t county_id, int limit,
			    void (*cb)(void *ctx, const struct grant_row *g), void *ctx);
/* The open requests for one account, oldest first. */
enum err grant_list_account(struct db *db, int64_t account_id,
			    void (*cb)(void *ctx, const struct grant_row *g), void *ctx);

/* ---- the approver's side ---------------------------------------------------- */

/* Approve (or reject) grant id as ax's principal, with an optional note
 * (already passed grant_note).  Read on db, decided by ACT_GRANT_APPROVE;
 * approving writes the membership or the area approval, the decision and
 * the access-log entry in one transaction on w.  ERR_NOT_FOUND (no such
 * grant in p's organisation); ERR_DENIED (logged; d->why says why);
 * ERR_CONFLICT when it is no longer pending (or the manager's area changed
 * since).  out gets the grant as decided. */
enum err grant_decide(struct access_ctx *ax, struct db *db, struct writer *w, int64_t id, bool approve,
		      const char *note, struct grant_row *out, struct decision *d);

#endif
