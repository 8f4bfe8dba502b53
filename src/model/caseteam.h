/*
 * caseteam.h - the child's team: the responsible social worker and the pair
 * worker (permanent), and varying members from the close network and the
 * professional network, each with from/to dates.  Assignments are history:
 * a change ends the old membership (to_date) and adds a new row.
 *
 * Caseload cap (Child Welfare Act 13 b): at most CASELOAD_CAP_DEFAULT
 * children per responsible social worker, counted per worker; the number is
 * configuration (meta caseload_cap).  Assigning past it needs a reason.
 */
#ifndef MAJAKKA_CASETEAM_H
#define MAJAKKA_CASETEAM_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/validate.h"

#define CASELOAD_CAP_DEFAULT 30
#define MEMBER_END_REASON_CHARS 500

extern const char *const member_roles[];

struct member_row {
	int64_t id;
	int64_t case_id;
	char role[12];            /* responsible, pair, varying */
	int64_t account_id;       /* a worker or partner professional, or 0 */
	int64_t person_id;        /* a close-network person, or 0 */
	char name[204];           /* display name (account, person or free text) */
	char description[201];    /* e.g. "school curator", "grandmother" */
	char from_date[11];
	char to_date[11];         /* "" while active */
	char over_cap_reason[501];
	char title[128];          /* the account's role label key, e.g. social_worker */
	char end_reason[MEMBER_END_REASON_CHARS * 4 + 1];  /* why it ended ("" while active) */
};

struct member_new {
	int64_t case_id;
	const char *role;
	int64_t account_id;
	int64_t person_id;
	const char *name;
	const char *description;
	const char *from_date;        /* "" = today */
	const char *over_cap_reason;  /* required when the worker is at the cap */
	int64_t added_by;
};

/* The configured cap (meta caseload_cap, else the default). */
int caseteam_cap(struct db *db);
/* Active responsible assignments of account. */
enum err caseteam_caseload(struct db *db, int64_t account_id, int *count);
/* Recount every worker's caseload and compare it with the caseload table the
 * triggers keep; *differ = the number of workers whose figures disagree. */
enum err caseteam_verify_loads(struct db *db, int64_t *differ);
/* Add a member; for responsible and pair the previous one is ended.  A
 * responsible worker at or over the cap needs over_cap_reason (ERR_INVALID,
 * field over_cap_reason, otherwise).  *id is the new row. */
enum err caseteam_assign(struct db *db, const struct member_new *m, int64_t *id, struct field_error *fe);
/* Ending a membership: why, by whom, and for the responsible social worker
 * who takes over. */
struct member_end {
	int64_t case_id;
	int64_t member_id;
	const char *to_date;          /* "" or NULL = today */
	const char *reason;           /* required: kept in the row, shown in the history */
	int64_t new_responsible_id;   /* required when the member is the responsible worker */
	const char *over_cap_reason;  /* when the new responsible worker is at the cap */
	int64_t ended_by;
};

/* End a membership with its reason.  Ending the responsible social worker's
 * membership assigns new_responsible_id in the same transaction (the caller's),
 * so the child is never left without one: without it ERR_INVALID, field
 * new_responsible_id.  *new_id is the new responsible membership (or 0). */
enum err caseteam_end(struct db *db, const struct member_end *m, int64_t *new_id, struct field_error *fe);
/* The active membership member_id of case_id into *r (ERR_NOT_FOUND). */
enum err caseteam_get(struct db *db, int64_t case_id, int64_t member_id, struct member_row *r);
/* All memberships of a case, active first, then history. */
enum err caseteam_list(struct db *db, int64_t case_id, void (*cb)(void *ctx, const struct member_row *r), void *ctx);
/* How many times the responsible worker has changed. */
enum err caseteam_responsible_changes(struct db *db, int64_t case_id, int *n);

struct caseload_row {
	int64_t account_id;
	char name[128];
	char role[40];
	int children;             /* as responsible social worker */
	int pairs;                /* as pair worker */
	bool over;                /* children > cap */
	bool at_cap;              /* children >= cap */
};

/* Someone who may join a child's team: a worker of any team of the
 * organisation or a partner professional. */
struct candidate_row {
	int64_t account_id;
	char name[401];
	char kind[16];            /* worker, partner */
	char role[40];
	char organisation[401];   /* a partner's own organisation */
	char teams[256];          /* the worker's teams, comma separated */
};

#define CANDIDATE_QUERY_CHARS 100

/* Active workers and partner professionals of county_id whose name,
 * organisation, title or team contains q (case-insensitive for a-z; q of
 * 2..CANDIDATE_QUERY_CHARS characters, else ERR_INVALID field member_q),
 * by name, at most limit. */
enum err caseteam_candidates(struct db *db, int64_t county_id, const char *q, int limit,
			     void (*cb)(void *ctx, const struct candidate_row *r), void *ctx,
			     struct field_error *fe);

/* Workers of team_id (0: every worker of county_id) with their caseloads. */
enum err caseteam_caseloads(struct db *db, int64_t county_id, int64_t team_id, int cap,
			    void (*cb)(void *ctx, const struct caseload_row *r), void *ctx);
/* Only the workers over the cap in county_id (0: every organisation). */
enum err caseteam_over_cap(struct db *db, int64_t county_id, int cap,
			   void (*cb)(void *ctx, const struct caseload_row *r), void *ctx);

#endif
