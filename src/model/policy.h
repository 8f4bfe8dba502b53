/*
 * policy.h - the access policy: one module decides every access.
 *
 * Deny by default.  A decision is a pure function of who asks (principal),
 * what they want (action) and facts about the object, which the caller loads
 * from storage (policy_object).  It says allow or deny and on what basis; the
 * basis goes to the access log with every read and write of a person's data.
 *
 *   workers         see the clients of their own teams and of children whose
 *                   child's team they sit on; managers see their area; any
 *                   other worker of the same organisation needs a
 *                   break-the-glass reason, which is logged and reported;
 *   administrators  manage accounts and the organisation, never client data;
 *   partners        see only children whose child's team they sit on;
 *   family members  see their own data and, as guardians, their children's,
 *                   unless a safety block stops it.
 */
#ifndef MAJAKKA_POLICY_H
#define MAJAKKA_POLICY_H

#include <stdbool.h>
#include <stdint.h>
#include "model/role.h"

#define PRINCIPAL_MAX_TEAMS 16

/* Who is asking: the logged-in account. */
struct principal {
	int64_t account_id;
	char username[64];
	char display_name[128];
	enum account_kind kind;
	enum role role;
	int64_t county_id;
	int64_t area_id;
	int64_t person_id;  /* family members: their person record */
	int64_t teams[PRINCIPAL_MAX_TEAMS];
	int nteams;
};

enum action {
	ACT_ORG_READ,         /* organisation, teams, contact cards */
	ACT_ORG_ADMIN,        /* change the organisation and teams */
	ACT_ACCOUNT_ADMIN,    /* list, create, change accounts */
	ACT_CLIENT_READ,      /* a person's or case's data */
	ACT_CLIENT_WRITE,
	ACT_ACCESS_LOG_READ,  /* who has seen this person's data */
	ACT_AUDIT_REPORT,     /* break-the-glass and denial reports */
	ACT__COUNT
};

/* Facts about a client object, loaded by the caller. */
struct policy_object {
	int64_t team_id;      /* owning team of the case */
	int64_t area_id;
	int64_t county_id;
	bool on_childs_team;  /* the principal sits on this child's team now */
	bool is_self;         /* the principal's own person record */
	bool is_guardian;     /* the principal is a guardian of this child */
	bool guardian_blocked;/* a safety block on this guardian's access */
};

struct decision {
	bool allow;
	const char *basis;    /* "own_team", "childs_team", "area_manager",
	                         "break_glass", "self", "guardian", "admin",
	                         "worker", "authenticated", "none" */
	const char *why;      /* stable key explaining a denial, or NULL */
};

#define POLICY_BREAK_GLASS_MIN 10  /* characters in a break-the-glass reason */

const char *action_name(enum action a);

/* Decide.  obj may be NULL for actions not about a client object.
 * break_glass is the worker's stated reason, or NULL. */
struct decision policy_decide(const struct principal *p, enum action a,
			      const struct policy_object *obj, const char *break_glass);

bool principal_in_team(const struct principal *p, int64_t team_id);

#endif
