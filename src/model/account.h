/*
 * account.h - accounts of workers, partner professionals and family members,
 * their team memberships, and loading the principal a request acts as.
 *
 * Passwords arrive here already hashed (auth/password.h): the model never
 * sees a password.
 *
 * Client access comes from two places only, and both wait for a manager's
 * approval (model/grant.h): a team_member row, written when a grant is
 * approved, and a manager's area, which counts only while area_approved is
 * set.  area_approved belongs to the area in area_id: account_update clears
 * it whenever the area or the role changes, so a new area (or becoming a
 * manager again) needs a new approval, and account_load_principal takes the
 * area only when it is set.  Taking access away needs no approval.
 */
#ifndef MAJAKKA_ACCOUNT_H
#define MAJAKKA_ACCOUNT_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/policy.h"
#include "model/validate.h"

struct account_row {
	int64_t id;
	char username[64];
	char display_name[401];   /* 100 characters in UTF-8 */
	char kind[16];
	char role[40];
	char title[401];
	char organisation[401];
	int64_t county_id;
	int64_t area_id;
	bool area_approved;   /* a manager's area_id is approved (see above) */
	bool active;
	char created_at[21];
	char updated_at[21];
	char teams[256];      /* team names, comma separated, for lists */
	char pending[256];    /* teams and area waiting for approval, the same way */
};

/* Validate and insert.  r->kind is derived from r->role; r->id is set.
 * Workers need a county; ERR_CONFLICT (field "username") when taken. */
enum err account_create(struct db *db, struct account_row *r, const char *password_hash,
			struct field_error *fe);
/* Change display name, title, role, organisation, area, active.  The area's
 * approval is kept only when the account was and stays a manager of the
 * same area.  An account's kind (worker, partner, family) is fixed at
 * creation: ERR_INVALID (field "role", reason "kind_change") otherwise. */
enum err account_update(struct db *db, const struct account_row *r, struct field_error *fe);
enum err account_set_password_hash(struct db *db, int64_t id, const char *hash);

enum err account_get(struct db *db, int64_t id, struct account_row *out);
/* For login: the account and its password hash (out_hash >= 256 bytes). */
enum err account_get_login(struct db *db, const char *username, struct account_row *out,
			   char *out_hash, size_t hashsz);
enum err account_list(struct db *db, void (*cb)(void *ctx, const struct account_row *r), void *ctx);

/* Make the membership so (insert, or change its lead flag).  Callers grant
 * access with it only through an approved grant (model/grant.c), the demo
 * and `majakka user add` (the operator's bootstrap). */
enum err account_add_team(struct db *db, int64_t account_id, int64_t team_id, bool lead);
enum err account_remove_team(struct db *db, int64_t account_id, int64_t team_id);
/* The teams of an account (at most max), and whether it leads each (lead may
 * be NULL). */
enum err account_team_ids(struct db *db, int64_t account_id, int64_t *ids, bool *lead, int max, int *n);
/* Is the account in team_id (*member), and does it lead it (*lead)? */
enum err account_membership(struct db *db, int64_t account_id, int64_t team_id, bool *member, bool *lead);
/* Approve the manager's area: ERR_CONFLICT unless the account is a manager
 * of area_id now (its area changed after the request). */
enum err account_approve_area(struct db *db, int64_t account_id, int64_t area_id);
/* Members of a team (active accounts), with is_lead in r->title's stead? No:
 * the callback gets the lead flag separately. */
enum err account_list_team(struct db *db, int64_t team_id,
			   void (*cb)(void *ctx, const struct account_row *r, bool lead), void *ctx);

/* Fill p for an active account: its teams (team_member rows) and, for a
 * manager, the area only when approved. */
enum err account_load_principal(struct db *db, int64_t id, struct principal *p);

#endif
