/*
 * childcase.h - the case (asiakkuus): one per child, owned by a team
 * ("our team's clients"), with its legal basis and phase.  Every phase
 * change is kept with who, when and why.  Also the facts the access policy
 * needs about a case, and the list of children a principal may see.
 */
#ifndef MAJAKKA_CHILDCASE_H
#define MAJAKKA_CHILDCASE_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/org.h"
#include "model/policy.h"
#include "model/validate.h"

extern const char *const case_phases[];
extern const char *const case_legal_bases[];

struct case_row {
	int64_t id;
	int64_t child_id;
	int64_t team_id;
	int64_t area_id;
	int64_t county_id;
	char team_name[TEAM_NAME_SIZE];
	char legal_basis[24];
	char phase[24];
	char opened_at[21];
	char child_name[204];
	char birth_date[11];
	int64_t responsible_id;       /* 0 when none */
	char responsible_name[128];
	char next_due[11];            /* earliest open legal clock, "" if none */
	char next_due_kind[16];       /* "decision" or "assessment" */
};

/* Open a case for child in team (phase history starts with phase). */
enum err childcase_create(struct db *db, int64_t child_id, int64_t team_id, const char *legal_basis,
			  const char *phase, int64_t by, const char *reason, int64_t *id,
			  struct field_error *fe);
enum err childcase_get(struct db *db, int64_t id, struct case_row *out);
enum err childcase_by_child(struct db *db, int64_t child_id, struct case_row *out);
/* Change the phase (and legal basis if given); the reason is required. */
enum err childcase_set_phase(struct db *db, int64_t id, const char *phase, const char *legal_basis,
			     int64_t by, const char *reason, struct field_error *fe);
/* Move the case to another team (reason required, kept in the history). */
enum err childcase_set_team(struct db *db, int64_t id, int64_t team_id, int64_t by, const char *reason,
			    struct field_error *fe);

struct phase_row {
	char phase[24];
	char changed_at[21];
	char changed_by[128];
	char reason[512];
};
enum err childcase_phases(struct db *db, int64_t id, void (*cb)(void *ctx, const struct phase_row *r), void *ctx);

/* Facts for policy_decide about a case already loaded. */
enum err childcase_policy_facts(struct db *db, const struct case_row *c, const struct principal *p,
				struct policy_object *out);
/* Facts for policy_decide about case id as seen by p. */
enum err childcase_policy_object(struct db *db, int64_t id, const struct principal *p,
				 struct policy_object *out);
/* Facts for a person: through the person's own case, or (for a parent or
 * other family member) through the cases of the children they are related to. */
enum err person_policy_object(struct db *db, int64_t person_id, const struct principal *p,
			      struct policy_object *out, int64_t *case_id);

/* The same facts as SQL, for many persons in one statement (search hits):
 * PERSON_POLICY_FROM joins them to the rows of alias H (with columns id and
 * county_id), PERSON_POLICY_COLS selects PERSON_POLICY_NCOLS columns over
 * three placeholders (the account, the principal's person or 0, today), and
 * person_policy_from_row reads them back from column col.  The person's
 * case is the first of: their own, that of a child they are related to, that
 * of a child related to them.  ERR_NOT_FOUND when the case's team or child
 * is missing, as person_policy_object. */
/* A live safety block (model/block.h) on relation R's parent and child. */
#define CHILDCASE_BLOCKED_SQL(R) \
	"EXISTS (SELECT 1 FROM safety_block sb WHERE sb.person_id = " R ".person_id" \
	" AND sb.child_id = " R ".related_id AND sb.lifted_at IS NULL)"
#define PERSON_POLICY_FROM(H) \
	" LEFT JOIN child_case pk ON pk.id = (SELECT c.id FROM child_case c WHERE c.child_id = " H ".id" \
	"  UNION ALL SELECT c.id FROM relation r JOIN child_case c ON c.child_id = r.related_id" \
	"   WHERE r.person_id = " H ".id" \
	"  UNION ALL SELECT c.id FROM relation r JOIN child_case c ON c.child_id = r.person_id" \
	"   WHERE r.related_id = " H ".id LIMIT 1)" \
	" LEFT JOIN team pt ON pt.id = pk.team_id LEFT JOIN area pa ON pa.id = pt.area_id" \
	" LEFT JOIN person pc ON pc.id = pk.child_id"
#define PERSON_POLICY_COLS(H, ACCOUNT, PERSON, TODAY) \
	H ".id, " H ".county_id, coalesce(pk.id, 0), coalesce(pk.child_id, 0), coalesce(pk.team_id, 0)," \
	" coalesce(pt.area_id, 0), coalesce(pa.county_id, 0), pa.id IS NOT NULL AND pc.id IS NOT NULL," \
	" EXISTS (SELECT 1 FROM case_member x WHERE x.case_id = pk.id AND x.account_id = " ACCOUNT \
	"  AND x.from_date <= " TODAY " AND (x.to_date IS NULL OR x.to_date >= " TODAY "))," \
	" CASE WHEN " PERSON " <> 0 AND " PERSON " <> pk.child_id THEN (SELECT 2 + 2 * g.guardian" \
	"  + (g.blocked OR " CHILDCASE_BLOCKED_SQL("g") ")" \
	"  FROM relation g WHERE g.person_id = " PERSON " AND g.related_id = pk.child_id" \
	"  AND g.kind IN ('parent', 'adoptive_parent', 'foster_parent') ORDER BY g.guardian DESC LIMIT 1) END"
#define PERSON_POLICY_NCOLS 10
enum err person_policy_from_row(struct db_stmt *st, int col, const struct principal *p,
				struct policy_object *out, int64_t *case_id);


/* The cases a principal works with, as SQL over three placeholders (the
 * account, today's date, the area or 0): the cases of the principal's teams,
 * where they sit on the child's team today, and a manager's area.  A
 * superset for ordering and indexing only; policy_decide has the last word.
 * person_search (person.c) orders hits by the same cases, written out for
 * its plan: change both together. */
#define CHILDCASE_WORKS_WITH_SQL(ACCOUNT, TODAY, AREA) \
	"SELECT id FROM child_case WHERE team_id IN" \
	" (SELECT team_id FROM team_member WHERE account_id = " ACCOUNT ")" \
	" UNION SELECT case_id FROM case_member WHERE account_id = " ACCOUNT \
	" AND from_date <= " TODAY " AND (to_date IS NULL OR to_date >= " TODAY ")" \
	" UNION SELECT c2.id FROM team t2 JOIN child_case c2 ON c2.team_id = t2.id" \
	" WHERE t2.area_id = " AREA
/* The area placeholder's value for p: a manager's area, else 0. */
int64_t childcase_works_with_area(const struct principal *p);

/* The open cases of a team that p may see, as decided by policy_decide,
 * ordered by name (the team page).  Each row carries its basis for the
 * access log. */
enum err childcase_list_team(struct db *db, const struct principal *p, int64_t team_id,
			     void (*cb)(void *ctx, const struct case_row *r, const struct decision *d), void *ctx);
/* One page of the same children (the same filters), in child_id order for
 * keyset paging: those with a child_id above after (0: from the first), at
 * most limit of them.  Ask for one more than is shown to learn whether
 * another page follows. */
enum err childcase_page_visible(struct db *db, const struct principal *p, int64_t team_id, bool closed,
				int64_t after, int limit,
				void (*cb)(void *ctx, const struct case_row *r, const struct decision *d), void *ctx);
/* The ids of the cases where ACCOUNT sits on the child's team on TODAY (the
 * membership has started and not ended), as two ranges of the covering
 * case_member_account_current (migration 010): the open memberships, and
 * those that end today or later (a case may come twice).  "My children" and
 * the clocks of a worker's week (model/notification.c) both ask this, so
 * that they name the same children. */
#define CHILDCASE_MINE_SQL(ACCOUNT, TODAY) "SELECT case_id FROM case_member INDEXED BY case_member_account_current" \
	"  WHERE account_id = " ACCOUNT " AND to_date IS NULL AND from_date <= " TODAY \
	" UNION ALL SELECT case_id FROM case_member INDEXED BY case_member_account_current" \
	"  WHERE account_id = " ACCOUNT " AND to_date >= " TODAY " AND from_date <= " TODAY
/* How many open (not closed) cases team_id has: a figure, no client data. */
enum err childcase_count_open(struct db *db, int64_t team_id, int *n);
/* Children whose child's team p sits on now ("my children"). */
enum err childcase_list_mine(struct db *db, const struct principal *p,
			     void (*cb)(void *ctx, const struct case_row *r, const struct decision *d), void *ctx);

/* A fact the policy needs about a partner: does account_id take part in
 * the current version of case_id's joint client plan (model/plan.h)? */
enum err childcase_plan_participant(struct db *db, int64_t case_id, int64_t account_id, bool *yes);

#endif
