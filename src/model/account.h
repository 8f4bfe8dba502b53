/*
 * account.h - accounts of workers, partner professionals and family members,
 * their team memberships, and loading the principal a request acts as.
 *
 * Passwords arrive here already hashed (auth/password.h): the model never
 * sees a password.
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
	bool active;
	char created_at[21];
	char updated_at[21];
	char teams[256];      /* team names, comma separated, for lists */
};

/* Validate and insert.  r->kind is derived from r->role; r->id is set.
 * Workers need a county; ERR_CONFLICT (field "username") when taken. */
enum err account_create(struct db *db, struct account_row *r, const char *password_hash,
			struct field_error *fe);
/* Change display name, title, role, organisation, area, active. */
enum err account_update(struct db *db, const struct account_row *r, struct field_error *fe);
enum err account_set_password_hash(struct db *db, int64_t id, const char *hash);

enum err account_get(struct db *db, int64_t id, struct account_row *out);
/* For login: the account and its password hash (out_hash >= 256 bytes). */
enum err account_get_login(struct db *db, const char *username, struct account_row *out,
			   char *out_hash, size_t hashsz);
enum err account_list(struct db *db, void (*cb)(void *ctx, const struct account_row *r), void *ctx);

enum err account_add_team(struct db *db, int64_t account_id, int64_t team_id, bool lead);
enum err account_remove_team(struct db *db, int64_t account_id, int64_t team_id);
/* The teams account_id is a member of, whether the account is active or not:
 * at most max ids into ids[] (any further ones are left out), *n of them.
 * No order is asked of the database (SQLite gives them as added). */
enum err account_team_ids(struct db *db, int64_t account_id, int64_t *ids, int max, int *n);
/* Members of a team (active accounts), with is_lead in r->title's stead? No:
 * the callback gets the lead flag separately. */
enum err account_list_team(struct db *db, int64_t team_id,
			   void (*cb)(void *ctx, const struct account_row *r, bool lead), void *ctx);

/* Fill p for an active account (its teams included). */
enum err account_load_principal(struct db *db, int64_t id, struct principal *p);

#endif
