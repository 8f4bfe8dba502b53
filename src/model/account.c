/*
 * account.c - accounts and memberships (see account.h).
 */
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "model/account.h"
#include "model/role.h"

static enum err validate_account(struct account_row *r, struct field_error *fe)
{
	enum role role;
	enum err e = validate_username(r->username, "username", fe);

	if (!e)
		e = validate_name(r->display_name, "display_name", 1, 100, fe);
	if (!e)
		e = validate_text(r->title, "title", 0, 100, false, fe);
	if (!e)
		e = validate_text(r->organisation, "organisation", 0, 100, false, fe);
	if (!e && !role_parse(r->role, &role)) {
		static const char *const names[] = {
			"social_worker", "social_counsellor", "family_worker", "family_therapist",
			"consulting_social_worker", "coordinator", "team_lead", "manager", "admin",
			"partner", "parent", "child", NULL };
		e = validate_enum(r->role, "role", names, fe);
	}
	if (e)
		return e;
	str_lcpy(r->kind, kind_name(role_kind(role)), sizeof(r->kind));
	if (role_kind(role) == KIND_WORKER && !r->county_id)
		return validate_fail(fe, "county_id", "required", "workers belong to an organisation: county_id is required");
	if (role_kind(role) == KIND_PARTNER && !r->organisation[0])
		return validate_fail(fe, "organisation", "required",
				     "partner professionals need their organisation (e.g. a school)");
	if (role == ROLE_MANAGER && !r->area_id)
		return validate_fail(fe, "area_id", "required", "a manager leads an area: area_id is required");
	return ERR_OK;
}

static void bind_opt(struct db_stmt *st, int idx, int64_t v)
{
	if (v)
		db_bind_int(st, idx, v);
	else
		db_bind_null(st, idx);
}

enum err account_create(struct db *db, struct account_row *r, const char *password_hash,
			struct field_error *fe)
{
	struct db_stmt *st;
	char now[21];
	enum err e = validate_account(r, fe);

	if (e)
		return e;
	clock_iso(clock_now(), now);
	e = db_prepare(db, "INSERT INTO account(username, display_name, kind, role, title, organisation,"
			   " county_id, area_id, password_hash, active, created_at, updated_at)"
			   " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	db_bind_text(st, 1, r->username);
	db_bind_text(st, 2, r->display_name);
	db_bind_text(st, 3, r->kind);
	db_bind_text(st, 4, r->role);
	db_bind_text(st, 5, r->title);
	db_bind_text(st, 6, r->organisation);
	bind_opt(st, 7, r->county_id);
	bind_opt(st, 8, r->area_id);
	db_bind_text(st, 9, password_hash);
	db_bind_int(st, 10, r->active ? 1 : 0);
	db_bind_text(st, 11, now);
	db_bind_text(st, 12, now);
	e = db_run(st);
	if (e == ERR_CONFLICT)
		validate_fail(fe, "username", "taken", "username %s is already in use; choose another", r->username);
	if (!e)
		r->id = db_last_id(db);
	return e;
}

enum err account_update(struct db *db, const struct account_row *in, struct field_error *fe)
{
	struct account_row r = *in, old;
	struct db_stmt *st;
	char now[21];
	enum err e = validate_account(&r, fe);

	if (!e)
		e = account_get(db, r.id, &old);
	if (e)
		return e;
	if (strcmp(old.kind, r.kind))
		return validate_fail(fe, "role", "kind_change",
				     "a %s account cannot become a %s account: create a new account for that",
				     old.kind, r.kind);
	clock_iso(clock_now(), now);
	/* In SET, the columns are the old row's: the area stays approved only
	 * for a manager who stays the manager of the same area. */
	e = db_prepare(db, "UPDATE account SET display_name=?, kind=?, role=?, title=?, organisation=?,"
			   " county_id=?, area_id=?, active=?, updated_at=?,"
			   " area_approved = CASE WHEN role = 'manager' AND ? = 'manager' AND coalesce(area_id, 0) = ?"
			   " THEN area_approved ELSE 0 END WHERE id=?", &st);
	if (e)
		return e;
	db_bind_text(st, 1, r.display_name);
	db_bind_text(st, 2, r.kind);
	db_bind_text(st, 3, r.role);
	db_bind_text(st, 4, r.title);
	db_bind_text(st, 5, r.organisation);
	bind_opt(st, 6, r.county_id);
	bind_opt(st, 7, r.area_id);
	db_bind_int(st, 8, r.active ? 1 : 0);
	db_bind_text(st, 9, now);
	db_bind_text(st, 10, r.role);
	db_bind_int(st, 11, r.area_id);
	db_bind_int(st, 12, r.id);
	e = db_run(st);
	if (!e && db_changes(db) == 0)
		e = ERR_NOT_FOUND;
	return e;
}

enum err account_set_password_hash(struct db *db, int64_t id, const char *hash)
{
	struct db_stmt *st;
	char now[21];
	enum err e = db_prepare(db, "UPDATE account SET password_hash=?, updated_at=? WHERE id=?", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_text(st, 1, hash);
	db_bind_text(st, 2, now);
	db_bind_int(st, 3, id);
	e = db_run(st);
	if (!e && db_changes(db) == 0)
		e = ERR_NOT_FOUND;
	return e;
}

#define ACCOUNT_COLS "a.id, a.username, a.display_name, a.kind, a.role, a.title, a.organisation," \
	" coalesce(a.county_id, 0), coalesce(a.area_id, 0), a.active, a.created_at, a.updated_at," \
	" coalesce((SELECT group_concat(t.name, ', ') FROM team_member m JOIN team t ON t.id = m.team_id" \
	" WHERE m.account_id = a.id), ''), a.area_approved," \
	" coalesce((SELECT group_concat(coalesce(t.name, ar.name), ', ') FROM access_grant g" \
	" LEFT JOIN team t ON t.id = g.team_id LEFT JOIN area ar ON ar.id = g.area_id" \
	" WHERE g.account_id = a.id AND g.outcome IS NULL), '')"
#define ACCOUNT_NCOLS 15

static void account_from_row(struct db_stmt *st, struct account_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	str_lcpy(r->username, db_col_text(st, 1), sizeof(r->username));
	str_lcpy(r->display_name, db_col_text(st, 2), sizeof(r->display_name));
	str_lcpy(r->kind, db_col_text(st, 3), sizeof(r->kind));
	str_lcpy(r->role, db_col_text(st, 4), sizeof(r->role));
	str_lcpy(r->title, db_col_text(st, 5), sizeof(r->title));
	str_lcpy(r->organisation, db_col_text(st, 6), sizeof(r->organisation));
	r->county_id = db_col_int(st, 7);
	r->area_id = db_col_int(st, 8);
	r->active = db_col_int(st, 9) != 0;
	str_lcpy(r->created_at, db_col_text(st, 10), sizeof(r->created_at));
	str_lcpy(r->updated_at, db_col_text(st, 11), sizeof(r->updated_at));
	str_lcpy(r->teams, db_col_text(st, 12), sizeof(r->teams));
	r->area_approved = db_col_int(st, 13) != 0;
	str_lcpy(r->pending, db_col_text(st, 14), sizeof(r->pending));
}

static void account_fill(struct db_stmt *st, void *out)
{
	account_from_row(st, out);
}

enum err account_get(struct db *db, int64_t id, struct account_row *out)
{
	return db_get_by_id(db, "SELECT " ACCOUNT_COLS " FROM account a WHERE a.id = ?", id, account_fill, out);
}

enum err account_get_login(struct db *db, const char *username, struct account_row *out,
			   char *out_hash, size_t hashsz)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT " ACCOUNT_COLS ", a.password_hash FROM account a"
				    " WHERE a.username = ?", &st);
	if (e)
		return e;
	db_bind_text(st, 1, username);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e) {
		account_from_row(st, out);
		str_lcpy(out_hash, db_col_text(st, ACCOUNT_NCOLS), hashsz);
	}
	db_done(st);
	return e;
}

enum err account_list(struct db *db, void (*cb)(void *ctx, const struct account_row *r), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT " ACCOUNT_COLS " FROM account a ORDER BY a.kind DESC, a.display_name", &st);
	while (!e && !(e = db_step(st, &row)) && row) {
		struct account_row r;
		account_from_row(st, &r);
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err account_add_team(struct db *db, int64_t account_id, int64_t team_id, bool lead)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "INSERT INTO team_member(team_id, account_id, is_lead) VALUES (?,?,?)"
				    " ON CONFLICT(team_id, account_id) DO UPDATE SET is_lead = excluded.is_lead", &st);
	if (e)
		return e;
	db_bind_int(st, 1, team_id);
	db_bind_int(st, 2, account_id);
	db_bind_int(st, 3, lead ? 1 : 0);
	e = db_run(st);
	if (e == ERR_CONFLICT)  /* foreign key: no such team or account */
		e = ERR_NOT_FOUND;
	return e;
}

enum err account_remove_team(struct db *db, int64_t account_id, int64_t team_id)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "DELETE FROM team_member WHERE team_id = ? AND account_id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, team_id);
	db_bind_int(st, 2, account_id);
	return db_run(st);
}

enum err account_team_ids(struct db *db, int64_t account_id, int64_t *ids, bool *lead, int max, int *n)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT team_id, is_lead FROM team_member WHERE account_id = ? ORDER BY team_id", &st);

	*n = 0;
	if (e)
		return e;
	db_bind_int(st, 1, account_id);
	while (!(e = db_step(st, &row)) && row && *n < max) {
		ids[*n] = db_col_int(st, 0);
		if (lead)
			lead[*n] = db_col_int(st, 1) != 0;
		(*n)++;
	}
	db_done(st);
	return e;
}

enum err account_membership(struct db *db, int64_t account_id, int64_t team_id, bool *member, bool *lead)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT is_lead FROM team_member WHERE account_id = ? AND team_id = ?", &st);

	*member = *lead = false;
	if (e)
		return e;
	db_bind_int(st, 1, account_id);
	db_bind_int(st, 2, team_id);
	e = db_step(st, member);
	if (!e && *member)
		*lead = db_col_int(st, 0) != 0;
	db_done(st);
	return e;
}

enum err account_approve_area(struct db *db, int64_t account_id, int64_t area_id)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "UPDATE account SET area_approved = 1"
				    " WHERE id = ? AND area_id = ? AND role = 'manager'", &st);
	if (e)
		return e;
	db_bind_int(st, 1, account_id);
	db_bind_int(st, 2, area_id);
	e = db_run(st);
	if (!e && db_changes(db) == 0)
		e = ERR_CONFLICT;
	return e;
}

enum err account_list_team(struct db *db, int64_t team_id,
			   void (*cb)(void *ctx, const struct account_row *r, bool lead), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT " ACCOUNT_COLS ", m.is_lead FROM team_member m"
				    " JOIN account a ON a.id = m.account_id"
				    " WHERE m.team_id = ? AND a.active = 1 ORDER BY m.is_lead DESC, a.role, a.display_name", &st);
	if (!e)
		db_bind_int(st, 1, team_id);
	while (!e && !(e = db_step(st, &row)) && row) {
		struct account_row r;
		account_from_row(st, &r);
		cb(ctx, &r, db_col_int(st, ACCOUNT_NCOLS) != 0);
	}
	db_done(st);
	return e;
}

enum err account_load_principal(struct db *db, int64_t id, struct principal *p)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT id, username, display_name, kind, role, coalesce(county_id, 0),"
				    " CASE WHEN area_approved = 1 THEN coalesce(area_id, 0) ELSE 0 END,"
				    " coalesce(person_id, 0), organisation"
				    " FROM account WHERE id = ? AND active = 1", &st);

	memset(p, 0, sizeof(*p));
	if (e)
		return e;
	db_bind_int(st, 1, id);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e) {
		p->account_id = db_col_int(st, 0);
		str_lcpy(p->username, db_col_text(st, 1), sizeof(p->username));
		str_lcpy(p->display_name, db_col_text(st, 2), sizeof(p->display_name));
		if (!kind_parse(db_col_text(st, 3), &p->kind) || !role_parse(db_col_text(st, 4), &p->role))
			e = ERR_DB;
		p->county_id = db_col_int(st, 5);
		p->area_id = db_col_int(st, 6);
		/* Family accounts act as their person record; partners as their
		 * organisation, which consents name. */
		p->person_id = p->kind == KIND_FAMILY ? db_col_int(st, 7) : 0;
		str_lcpy(p->organisation, db_col_text(st, 8), sizeof(p->organisation));
	}
	db_done(st);
	if (e)
		return e;
	{
		bool lead[PRINCIPAL_MAX_TEAMS];
		e = account_team_ids(db, id, p->teams, lead, PRINCIPAL_MAX_TEAMS, &p->nteams);
		for (int i = 0; !e && i < p->nteams; i++)
			if (lead[i])
				p->lead_teams[p->nlead++] = p->teams[i];
	}
	return e;
}
