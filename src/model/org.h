/*
 * org.h - the organisation: wellbeing county -> service area -> team, and
 * each team's contact card ("three numbers on one card": someone always
 * answers).
 */
#ifndef MAJAKKA_ORG_H
#define MAJAKKA_ORG_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/validate.h"

/* Longest names in characters, and the bytes they take in UTF-8 with the NUL:
 * every copy of a name is this big, so no page shows one cut. */
#define ORG_NAME_CHARS 120    /* counties and areas */
#define TEAM_NAME_CHARS 60
#define ORG_NAME_SIZE (ORG_NAME_CHARS * 4 + 1)
#define TEAM_NAME_SIZE (TEAM_NAME_CHARS * 4 + 1)

struct county_row {
	int64_t id;
	char name[ORG_NAME_SIZE];
};

struct area_row {
	int64_t id;
	int64_t county_id;
	char name[ORG_NAME_SIZE];
};

struct team_row {
	int64_t id;
	int64_t area_id;
	int64_t county_id;
	char area_name[ORG_NAME_SIZE];
	char name[TEAM_NAME_SIZE];
	char kind[24];       /* "open_care", "foster_care", "family_social_work" */
	char phone1[33];
	char phone2[33];
	char phone3[33];
	char hours[513];
	char email[513];
	int members;
};

extern const char *const org_team_kinds[];

enum err org_create_county(struct db *db, const char *name, int64_t *id, struct field_error *fe);
enum err org_create_area(struct db *db, int64_t county_id, const char *name, int64_t *id,
			 struct field_error *fe);
/* Validates every field of t (name, kind, phones, hours, email). */
enum err org_validate_team(const struct team_row *t, struct field_error *fe);
/* Insert t (after validation); t->id is set. */
enum err org_create_team(struct db *db, struct team_row *t, struct field_error *fe);
/* Change the contact card and name/kind of team t->id. */
enum err org_update_team(struct db *db, const struct team_row *t, struct field_error *fe);

enum err org_get_county(struct db *db, int64_t id, struct county_row *out);
enum err org_list_counties(struct db *db, void (*cb)(void *ctx, const struct county_row *r), void *ctx);
enum err org_list_areas(struct db *db, int64_t county_id,
			void (*cb)(void *ctx, const struct area_row *r), void *ctx);
/* *found = whether area area_id exists in county_id (0 = in any county). */
enum err org_has_area(struct db *db, int64_t county_id, int64_t area_id, bool *found);
enum err org_get_team(struct db *db, int64_t id, struct team_row *out);
/* *id = the team named name in county_id, 0 when there is none.  Names are
 * unique within an area, not within a county: of two, the one in the area
 * whose name sorts first. */
enum err org_find_team(struct db *db, int64_t county_id, const char *name, int64_t *id);
/* Teams of a county (0 = all), ordered by area and name. */
enum err org_list_teams(struct db *db, int64_t county_id,
			void (*cb)(void *ctx, const struct team_row *r), void *ctx);

#endif
