/*
 * org.c - counties, areas, teams and contact cards (see org.h).
 */
#include <string.h>
#include "core/str.h"
#include "model/org.h"

const char *const org_team_kinds[] = { "open_care", "foster_care", "family_social_work", NULL };

static enum err map_conflict(enum err e, struct field_error *fe, const char *field)
{
	if (e == ERR_CONFLICT)
		validate_fail(fe, field, "taken", "%s is already in use; choose another", field);
	return e;
}

enum err org_create_county(struct db *db, const char *name, int64_t *id, struct field_error *fe)
{
	struct db_stmt *st;
	enum err e = validate_text(name, "name", 1, ORG_NAME_CHARS, false, fe);
	if (e)
		return e;
	e = db_prepare(db, "INSERT INTO county(name) VALUES (?)", &st);
	if (e)
		return e;
	db_bind_text(st, 1, name);
	e = map_conflict(db_run(st), fe, "name");
	if (!e)
		*id = db_last_id(db);
	return e;
}

enum err org_create_area(struct db *db, int64_t county_id, const char *name, int64_t *id,
			 struct field_error *fe)
{
	struct db_stmt *st;
	enum err e = validate_text(name, "name", 1, ORG_NAME_CHARS, false, fe);
	if (e)
		return e;
	e = db_prepare(db, "INSERT INTO area(county_id, name) VALUES (?, ?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, county_id);
	db_bind_text(st, 2, name);
	e = map_conflict(db_run(st), fe, "name");
	if (!e)
		*id = db_last_id(db);
	return e;
}

static enum err validate_email(const char *s, struct field_error *fe)
{
	const char *at;
	enum err e = validate_text(s, "email", 0, 128, false, fe);
	if (e || !*s)
		return e;
	at = strchr(s, '@');
	if (!at || at == s || !strchr(at, '.') || strchr(s, ' ') || strchr(at + 1, '@'))
		return validate_fail(fe, "email", "invalid_format",
				     "email must look like name@example.fi");
	return ERR_OK;
}

enum err org_validate_team(const struct team_row *t, struct field_error *fe)
{
	enum err e = validate_text(t->name, "name", 1, TEAM_NAME_CHARS, false, fe);
	if (!e)
		e = validate_enum(t->kind, "kind", org_team_kinds, fe);
	if (!e)
		e = validate_phone(t->phone1, "phone1", fe);
	if (!e)
		e = validate_phone(t->phone2, "phone2", fe);
	if (!e)
		e = validate_phone(t->phone3, "phone3", fe);
	if (!e)
		e = validate_text(t->hours, "hours", 0, 128, false, fe);
	if (!e)
		e = validate_email(t->email, fe);
	return e;
}

enum err org_create_team(struct db *db, struct team_row *t, struct field_error *fe)
{
	struct db_stmt *st;
	enum err e = org_validate_team(t, fe);
	if (e)
		return e;
	e = db_prepare(db, "INSERT INTO team(area_id, name, kind, phone1, phone2, phone3, hours, email)"
			   " VALUES (?,?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, t->area_id);
	db_bind_text(st, 2, t->name);
	db_bind_text(st, 3, t->kind);
	db_bind_text(st, 4, t->phone1);
	db_bind_text(st, 5, t->phone2);
	db_bind_text(st, 6, t->phone3);
	db_bind_text(st, 7, t->hours);
	db_bind_text(st, 8, t->email);
	e = map_conflict(db_run(st), fe, "name");
	if (!e)
		t->id = db_last_id(db);
	return e;
}

enum err org_update_team(struct db *db, const struct team_row *t, struct field_error *fe)
{
	struct db_stmt *st;
	enum err e = org_validate_team(t, fe);
	if (e)
		return e;
	e = db_prepare(db, "UPDATE team SET name=?, kind=?, phone1=?, phone2=?, phone3=?, hours=?, email=?"
			   " WHERE id=?", &st);
	if (e)
		return e;
	db_bind_text(st, 1, t->name);
	db_bind_text(st, 2, t->kind);
	db_bind_text(st, 3, t->phone1);
	db_bind_text(st, 4, t->phone2);
	db_bind_text(st, 5, t->phone3);
	db_bind_text(st, 6, t->hours);
	db_bind_text(st, 7, t->email);
	db_bind_int(st, 8, t->id);
	e = map_conflict(db_run(st), fe, "name");
	if (!e && db_changes(db) == 0)
		e = ERR_NOT_FOUND;
	return e;
}

enum err org_get_county(struct db *db, int64_t id, struct county_row *out)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT id, name FROM county WHERE id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, id);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e) {
		out->id = db_col_int(st, 0);
		str_lcpy(out->name, db_col_text(st, 1), sizeof(out->name));
	}
	db_done(st);
	return e;
}

enum err org_list_counties(struct db *db, void (*cb)(void *ctx, const struct county_row *r), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT id, name FROM county ORDER BY name", &st);
	while (!e && !(e = db_step(st, &row)) && row) {
		struct county_row r = { .id = db_col_int(st, 0) };
		str_lcpy(r.name, db_col_text(st, 1), sizeof(r.name));
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err org_list_areas(struct db *db, int64_t county_id,
			void (*cb)(void *ctx, const struct area_row *r), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT id, county_id, name FROM area WHERE county_id = ? ORDER BY name", &st);
	if (!e)
		db_bind_int(st, 1, county_id);
	while (!e && !(e = db_step(st, &row)) && row) {
		struct area_row r = { .id = db_col_int(st, 0), .county_id = db_col_int(st, 1) };
		str_lcpy(r.name, db_col_text(st, 2), sizeof(r.name));
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err org_has_area(struct db *db, int64_t county_id, int64_t area_id, bool *found)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "SELECT 1 FROM area WHERE id = ? AND (? = 0 OR county_id = ?)", &st);

	*found = false;
	if (!e) {
		db_bind_int(st, 1, area_id);
		db_bind_int(st, 2, county_id);
		db_bind_int(st, 3, county_id);
		e = db_step(st, found);
	}
	db_done(st);
	return e;
}

#define TEAM_COLS "t.id, t.area_id, a.county_id, a.name, t.name, t.kind, t.phone1, t.phone2, t.phone3," \
	" t.hours, t.email, (SELECT count(*) FROM team_member m JOIN account ac ON ac.id = m.account_id" \
	" WHERE m.team_id = t.id AND ac.active = 1)"

static void team_from_row(struct db_stmt *st, struct team_row *r)
{
	memset(r, 0, sizeof(*r));
	r->id = db_col_int(st, 0);
	r->area_id = db_col_int(st, 1);
	r->county_id = db_col_int(st, 2);
	str_lcpy(r->area_name, db_col_text(st, 3), sizeof(r->area_name));
	str_lcpy(r->name, db_col_text(st, 4), sizeof(r->name));
	str_lcpy(r->kind, db_col_text(st, 5), sizeof(r->kind));
	str_lcpy(r->phone1, db_col_text(st, 6), sizeof(r->phone1));
	str_lcpy(r->phone2, db_col_text(st, 7), sizeof(r->phone2));
	str_lcpy(r->phone3, db_col_text(st, 8), sizeof(r->phone3));
	str_lcpy(r->hours, db_col_text(st, 9), sizeof(r->hours));
	str_lcpy(r->email, db_col_text(st, 10), sizeof(r->email));
	r->members = (int)db_col_int(st, 11);
}

static void team_fill(struct db_stmt *st, void *out)
{
	team_from_row(st, out);
}

enum err org_get_team(struct db *db, int64_t id, struct team_row *out)
{
	return db_get_by_id(db, "SELECT " TEAM_COLS " FROM team t JOIN area a ON a.id = t.area_id WHERE t.id = ?",
			    id, team_fill, out);
}

enum err org_find_team(struct db *db, int64_t county_id, const char *name, int64_t *id)
{
	struct db_stmt *st;
	bool row = false;
	enum err e = db_prepare(db, "SELECT t.id FROM team t JOIN area a ON a.id = t.area_id"
				    " WHERE t.name = ? AND a.county_id = ? ORDER BY a.name", &st);

	*id = 0;
	if (!e) {
		db_bind_text(st, 1, name);
		db_bind_int(st, 2, county_id);
		e = db_step(st, &row);
	}
	if (!e && row)
		*id = db_col_int(st, 0);
	db_done(st);
	return e;
}

enum err org_list_teams(struct db *db, int64_t county_id,
			void (*cb)(void *ctx, const struct team_row *r), void *ctx)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT " TEAM_COLS " FROM team t JOIN area a ON a.id = t.area_id"
				    " WHERE ?1 = 0 OR a.county_id = ?1 ORDER BY a.name, t.kind, t.name", &st);
	if (!e)
		db_bind_int(st, 1, county_id);
	while (!e && !(e = db_step(st, &row)) && row) {
		struct team_row r;
		team_from_row(st, &r);
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}
