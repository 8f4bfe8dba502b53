/*
 * factcache.h - the access facts of a child's case, in memory.
 *
 * access_check used to read, for every child page, the case row (with its
 * name, phase, deadlines: page content) and then the facts the decision
 * needs: does the principal sit on the child's team today, has it a live
 * break-the-glass grant.  The facts of a case are the same for every
 * principal: its ids (case, team, area, county), who sits on the child's
 * team from when to when, and the break-the-glass grants not yet expired.
 * This keeps them per child, stamped with the access generation they were
 * loaded at (db/meta.h), used only while it is unchanged; the dates are
 * compared with today and now at every decision, as the SQL did.
 *
 * Family facts (guardianship, blocks) are not kept: a family member's
 * check reads them from the database as before.  Consents and authority
 * grants (model/consent.h) are: a partner's fields are decided from them
 * with the same date and time comparisons as consent.c's SQL.
 *
 * Fixed size (FACTCACHE_SLOTS, direct-mapped by child id), striped locks,
 * entries copied out.
 */
#ifndef MAJAKKA_FACTCACHE_H
#define MAJAKKA_FACTCACHE_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/policy.h"

#define FACTCACHE_SLOTS 4096
#define FACTCACHE_MEMBERS 24   /* a case with more is not kept */
#define FACTCACHE_GLASS 8      /* nor one with more live grants */
#define FACTCACHE_CONSENTS 6   /* nor one with more live consents (model/consent.h) */
#define FACTCACHE_GRANTS 3     /* nor one with more live authority grants */
#define FACTCACHE_ORG 128      /* nor one naming a longer organisation (bytes) */

struct case_facts {
	int64_t child_id, case_id, team_id, area_id, county_id;
	int nmembers, nglass;
	struct {
		int64_t account_id;
		char from[11], to[11];   /* to "" while open */
	} member[FACTCACHE_MEMBERS];
	struct {
		int64_t account_id;
		char expires_at[21];
	} glass[FACTCACHE_GLASS];
	/* Consents and legal bases not ended, for partner organisations. */
	int nconsent, ngrant;
	struct {
		char organisation[FACTCACHE_ORG];
		unsigned fields;
		char from[11], to[11];   /* to "" while open */
	} consent[FACTCACHE_CONSENTS];
	/* Authority grants not revoked: to an account, or an organisation. */
	struct {
		int64_t account_id;
		char organisation[FACTCACHE_ORG];
		unsigned fields;
		char expires_at[21];
	} grant[FACTCACHE_GRANTS];
};

struct factcache;

struct factcache *factcache_new(void);
void factcache_free(struct factcache *c);

/* The facts of child_id as loaded at generation gen: true when present. */
bool factcache_get(struct factcache *c, int64_t child_id, int64_t gen, struct case_facts *out);
/* Remember f as loaded at generation gen (a later one is kept). */
void factcache_put(struct factcache *c, int64_t gen, const struct case_facts *f);

/* Read the facts of child_id's case from db.  ERR_NOT_FOUND when the child
 * has no case; ERR_TOO_LARGE when the case has more members or live grants
 * than an entry holds (the caller reads the database instead). */
enum err factcache_load(struct db *db, int64_t child_id, struct case_facts *out);

/* Fill o for principal p (a worker or partner: no family facts) from f, as
 * of today (YYYY-MM-DD) and now (ISO time): team, area, county,
 * on_childs_team, and glass_grant when p is neither on the child's team nor
 * in the case's team. */
void factcache_policy_object(const struct case_facts *f, const struct principal *p, const char *today,
			     const char *now, struct policy_object *o);

#endif
