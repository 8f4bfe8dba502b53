/*
 * person.c - persons, relations, households and search (see person.h).
 */
#include <stdio.h>
#include <string.h>
#include "core/buf.h"
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/childcase.h"
#include "model/hetu.h"
#include "model/person.h"

const char *const person_kinds[] = { "child", "parent", "family_member", "close_network", NULL };
const char *const relation_kinds[] = { "parent", "adoptive_parent", "foster_parent", "partner", "sibling",
				       "other", NULL };

enum err person_validate(struct person_row *p, struct field_error *fe)
{
	enum err e = validate_enum(p->kind, "kind", person_kinds, fe);
	struct date bd;

	if (!e)
		e = validate_name(p->first_names, "first_names", 1, PERSON_NAME_CHARS, fe);
	if (!e)
		e = validate_name(p->last_name, "last_name", 1, PERSON_NAME_CHARS, fe);
	if (!e)
		e = validate_phone(p->phone, "phone", fe);
	if (!e)
		e = validate_text(p->email, "email", 0, 128, false, fe);
	if (!e)
		e = validate_text(p->address, "address", 0, 200, false, fe);
	if (e)
		return e;
	if (p->language[0] && !(strlen(p->language) == 2 && p->language[0] >= 'a' && p->language[0] <= 'z' &&
				p->language[1] >= 'a' && p->language[1] <= 'z'))
		return validate_fail(fe, "language", "invalid_format", "language must be a two-letter code such as fi, sv or en");
	if (!p->language[0])
		str_lcpy(p->language, "fi", sizeof(p->language));
	if (p->birth_date[0] && date_parse(p->birth_date, &bd))
		return validate_fail(fe, "birth_date", "invalid_date",
				     "birth_date must be a real date as YYYY-MM-DD");
	if (p->birth_date[0] && date_cmp(bd, date_today()) > 0)
		return validate_fail(fe, "birth_date", "future", "birth_date cannot be in the future");
	if (p->hetu[0]) {
		struct hetu h;
		const char *why = NULL;
		char bs[11];
		if (hetu_parse(p->hetu, &h, &why)) {
			static const struct { const char *why, *msg; } m[] = {
				{ "length", "the personal identity code has 11 characters, e.g. 010115A9312" },
				{ "characters", "the birth date part (6 first) and individual number (3 after the sign) must be digits" },
				{ "date", "the first six digits are not a real birth date (DDMMYY)" },
				{ "century", "the 7th character must be a century sign: + - Y X W V U A B C D E F" },
				{ "individual_number", "the individual number (characters 8-10) must be 002-999" },
				{ "check_character", "the check character (the last one) does not match; check for a typo" },
				{ "hetu_future", "the birth date of the code (DDMMYY and the century sign) is in the future" },
			};
			const char *msg = "the personal identity code is not valid";
			for (size_t i = 0; i < sizeof(m) / sizeof(m[0]); i++)
				if (!strcmp(m[i].why, why))
					msg = m[i].msg;
			return validate_fail(fe, "hetu", why, "%s", msg);
		}
		date_format(h.birth, bs);
		if (!p->birth_date[0])
			str_lcpy(p->birth_date, bs, sizeof(p->birth_date));
		else if (strcmp(p->birth_date, bs))
			return validate_fail(fe, "hetu", "birth_date_mismatch",
					     "the identity code says born %s but birth_date is %s", bs, p->birth_date);
	}
	return ERR_OK;
}

enum err person_create(struct db *db, struct person_row *p, int64_t created_by, struct field_error *fe)
{
	struct db_stmt *st;
	char now[21];
	enum err e = person_validate(p, fe);

	if (e)
		return e;
	clock_iso(clock_now(), now);
	e = db_prepare(db, "INSERT INTO person(county_id, kind, first_names, last_name, birth_date, hetu, phone,"
			   " email, address, language, non_disclosure, created_at, created_by)"
			   " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, p->county_id);
	db_bind_text(st, 2, p->kind);
	db_bind_text(st, 3, p->first_names);
	db_bind_text(st, 4, p->last_name);
	if (p->birth_date[0]) db_bind_text(st, 5, p->birth_date); else db_bind_null(st, 5);
	if (p->hetu[0]) db_bind_text(st, 6, p->hetu); else db_bind_null(st, 6);
	db_bind_text(st, 7, p->phone);
	db_bind_text(st, 8, p->email);
	db_bind_text(st, 9, p->address);
	db_bind_text(st, 10, p->language);
	db_bind_int(st, 11, p->non_disclosure);
	db_bind_text(st, 12, now);
	if (created_by) db_bind_int(st, 13, created_by); else db_bind_null(st, 13);
	e = db_run(st);
	if (e == ERR_CONFLICT)
		validate_fail(fe, "hetu", "taken", "a person with this identity code already exists; search for them");
	if (e)
		return e;
	p->id = db_last_id(db);
	e = db_prepare(db, "INSERT INTO person_fts(rowid, first_names, last_name, county_id) VALUES (?, ?, ?, ?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, p->id);
	db_bind_text(st, 2, p->first_names);
	db_bind_text(st, 3, p->last_name);
	db_bind_int(st, 4, p->county_id);
	return db_run(st);
}

enum err person_get(struct db *db, int64_t id, struct person_row *p)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT id, county_id, kind, first_names, last_name, coalesce(birth_date, ''),"
				    " coalesce(hetu, ''), phone, email, address, language, non_disclosure"
				    " FROM person WHERE id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, id);
	e = db_step(st, &row);
	if (!e && !row)
		e = ERR_NOT_FOUND;
	if (!e) {
		memset(p, 0, sizeof(*p));
		p->id = db_col_int(st, 0);
		p->county_id = db_col_int(st, 1);
		str_lcpy(p->kind, db_col_text(st, 2), sizeof(p->kind));
		str_lcpy(p->first_names, db_col_text(st, 3), sizeof(p->first_names));
		str_lcpy(p->last_name, db_col_text(st, 4), sizeof(p->last_name));
		str_lcpy(p->birth_date, db_col_text(st, 5), sizeof(p->birth_date));
		str_lcpy(p->hetu, db_col_text(st, 6), sizeof(p->hetu));
		str_lcpy(p->phone, db_col_text(st, 7), sizeof(p->phone));
		str_lcpy(p->email, db_col_text(st, 8), sizeof(p->email));
		str_lcpy(p->address, db_col_text(st, 9), sizeof(p->address));
		str_lcpy(p->language, db_col_text(st, 10), sizeof(p->language));
		p->non_disclosure = db_col_int(st, 11) != 0;
	}
	db_done(st);
	return e;
}

/* Turn free text into an FTS5 query of quoted prefix terms: mäk sa ->
 * "mäk"* "sa"*.  Only letters, digits and - ' are kept. */
static enum err fts_query(const char *q, struct buf *out)
{
	enum err e = ERR_OK;
	bool in_term = false;
	int terms = 0;

	for (const unsigned char *p = (const unsigned char *)q; *p && !e; p++) {
		bool keep = *p >= 0x80 || (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			    (*p >= '0' && *p <= '9') || *p == '-';
		if (keep) {
			if (!in_term) {
				if (terms++ == 8)
					break;
				e = buf_appends(out, terms > 1 ? " \"" : "\"");
				in_term = true;
			}
			if (!e)
				e = buf_appendc(out, (char)*p);
		} else if (in_term) {
			e = buf_appends(out, "\"*");
			in_term = false;
		}
	}
	if (!e && in_term)
		e = buf_appends(out, "\"*");
	return terms ? e : ERR_INVALID;
}

/* A hit's columns over alias h, and the policy facts about it (childcase.h). */
#define HIT_COLS(ACCOUNT, PERSON, TODAY) "h.id, h.first_names || ' ' || h.last_name, coalesce(h.birth_date, ''), h.kind," \
	" coalesce(CASE WHEN pk.child_id = h.id THEN pk.id END, 0), " PERSON_POLICY_COLS("h", ACCOUNT, PERSON, TODAY)

/* Whether the county is the only one in the database, as in a deployment for
 * one organisation: then every person is in it, and the name index need not
 * intersect the names with the county's (long) list of all persons. */
static enum err county_alone(struct db *db, int64_t county_id, bool *alone)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT 1 FROM county WHERE id <> ? LIMIT 1", &st);

	*alone = false;
	if (e)
		return e;
	db_bind_int(st, 1, county_id);
	e = db_step(st, &row);
	db_done(st);
	if (!e)
		*alone = !row;
	return e;
}

enum err person_search(struct db *db, int64_t county_id, const struct principal *p, const char *q,
		       int max, void (*cb)(void *ctx, const struct person_hit *h), void *ctx)
{
	struct db_stmt *st;
	struct buf fq;
	char today[11];
	bool row, alone;
	enum err e;

	if (!q || !*q)
		return ERR_INVALID;
	date_format(date_today(), today);
	if (strlen(q) == 11 && q[6] && strchr("+-YXWVUABCDEF", q[6])) {
		e = db_prepare(db, "WITH hits AS (SELECT p.id, p.county_id, p.first_names, p.last_name, p.birth_date, p.kind"
				   "  FROM person p WHERE p.hetu = ?1 AND p.county_id = ?2)"
				   " SELECT " HIT_COLS("?3", "?4", "?5") " FROM hits h" PERSON_POLICY_FROM("h"), &st);
		if (e)
			return e;
		db_bind_text(st, 1, q);
		db_bind_int(st, 2, county_id);
		db_bind_int(st, 3, p->account_id);
		db_bind_int(st, 4, p->person_id);
		db_bind_text(st, 5, today);
	} else {
		e = county_alone(db, county_id, &alone);
		if (e)
			return e;
		buf_init(&fq, 1024);
		/* Within the county first (an indexed column), then the names. */
		if (!alone)
			e = buf_appendf(&fq, "county_id : \"%lld\" AND ", (long long)county_id);
		if (!e)
			e = buf_appends(&fq, "{first_names last_name} : (");
		if (!e)
			e = fts_query(q, &fq);
		if (!e)
			e = buf_appends(&fq, ")");
		/* The searcher's own clients and their families first (the cases
		 * of their teams, where they sit on the child's team, a manager's
		 * area: the cases of CHILDCASE_WORKS_WITH_SQL), then everyone else
		 * by name and id: a common surname must not push a worker's own
		 * client past the limit.  The children of a worker's cases are few
		 * and make a set; an area has thousands, so a manager's area is
		 * tested hit by hit instead.  The policy facts are read for the
		 * shown hits only. */
		if (!e)
			e = db_prepare(db, "WITH kids(id) AS (SELECT c.child_id FROM team_member tm"
					   "   JOIN child_case c ON c.team_id = tm.team_id WHERE tm.account_id = ?3"
					   "  UNION ALL SELECT c.child_id FROM case_member m JOIN child_case c ON c.id = m.case_id"
					   "   WHERE m.account_id = ?3 AND m.from_date <= ?5 AND (m.to_date IS NULL OR m.to_date >= ?5)),"
					   /* CROSS JOIN keeps the small set driving: the planner
					    * otherwise scans every relation in the country. */
					   " near(person_id) AS (SELECT id FROM kids"
					   "  UNION ALL SELECT r.person_id FROM kids k CROSS JOIN relation r ON r.related_id = k.id"
					   "  UNION ALL SELECT r.related_id FROM kids k CROSS JOIN relation r ON r.person_id = k.id),"
					   " hits AS (SELECT p.id, p.county_id, p.first_names, p.last_name, p.birth_date, p.kind,"
					   "  CASE WHEN p.id IN near THEN 1"
					   "   WHEN ?4 <> 0 AND EXISTS (SELECT 1 FROM child_case c JOIN team t ON t.id = c.team_id"
					   "    WHERE c.child_id = p.id AND t.area_id = ?4) THEN 1"
					   "   WHEN ?4 <> 0 AND EXISTS (SELECT 1 FROM relation r JOIN child_case c ON c.child_id = r.related_id"
					   "    JOIN team t ON t.id = c.team_id WHERE r.person_id = p.id AND t.area_id = ?4) THEN 1"
					   "   WHEN ?4 <> 0 AND EXISTS (SELECT 1 FROM relation r JOIN child_case c ON c.child_id = r.person_id"
					   "    JOIN team t ON t.id = c.team_id WHERE r.related_id = p.id AND t.area_id = ?4) THEN 1"
					   "   ELSE 0 END AS near"
					   "  FROM person_fts f JOIN person p ON p.id = f.rowid"
					   "  WHERE person_fts MATCH ?1 AND p.county_id = ?2"
					   "  ORDER BY near DESC, p.last_name, p.first_names, p.id LIMIT ?6)"
					   " SELECT " HIT_COLS("?3", "?7", "?5") " FROM hits h" PERSON_POLICY_FROM("h")
					   " ORDER BY h.near DESC, h.last_name, h.first_names, h.id", &st);
		if (!e) {
			db_bind_text(st, 1, buf_str(&fq));
			db_bind_int(st, 2, county_id);
			db_bind_int(st, 3, p->account_id);
			db_bind_int(st, 4, childcase_works_with_area(p));
			db_bind_text(st, 5, today);
			db_bind_int(st, 6, max);
			db_bind_int(st, 7, p->person_id);
		}
		buf_release(&fq);
		if (e)
			return e;
	}
	while (!(e = db_step(st, &row)) && row) {
		struct person_hit h = { .id = db_col_int(st, 0), .case_id = db_col_int(st, 4) };
		str_lcpy(h.name, db_col_text(st, 1), sizeof(h.name));
		str_lcpy(h.birth_date, db_col_text(st, 2), sizeof(h.birth_date));
		str_lcpy(h.kind, db_col_text(st, 3), sizeof(h.kind));
		h.policy_err = person_policy_from_row(st, 5, p, &h.policy, &h.policy_case_id);
		cb(ctx, &h);
	}
	db_done(st);
	return e;
}

enum err relation_add(struct db *db, int64_t person_id, int64_t related_id, const char *kind,
		      bool guardian, struct field_error *fe)
{
	struct db_stmt *st;
	enum err e = validate_enum(kind, "kind", relation_kinds, fe);
	if (e)
		return e;
	if (person_id == related_id)
		return validate_fail(fe, "related_id", "self", "a person cannot be related to themself");
	e = db_prepare(db, "INSERT INTO relation(person_id, related_id, kind, guardian) VALUES (?,?,?,?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, person_id);
	db_bind_int(st, 2, related_id);
	db_bind_text(st, 3, kind);
	db_bind_int(st, 4, guardian);
	e = db_run(st);
	if (e == ERR_CONFLICT)
		validate_fail(fe, "related_id", "taken", "this relation exists already or a person does not exist");
	return e;
}

enum err relation_list(struct db *db, int64_t id, void (*cb)(void *ctx, const struct relation_row *r), void *ctx)
{
	struct db_stmt *st;
	bool row;
	/* Both directions: "X is parent of me" and "I am sibling of Y" (siblings, partners: symmetric). */
	enum err e = db_prepare(db,
		"SELECT p.id, p.first_names || ' ' || p.last_name, r.kind, r.guardian, r.blocked, coalesce(p.birth_date, '')"
		" FROM relation r JOIN person p ON p.id = r.person_id WHERE r.related_id = ?1"
		" UNION ALL"
		" SELECT p.id, p.first_names || ' ' || p.last_name,"
		"  CASE r.kind WHEN 'parent' THEN 'child' WHEN 'adoptive_parent' THEN 'adoptive_child'"
		"   WHEN 'foster_parent' THEN 'foster_child' ELSE r.kind END, 0, 0, coalesce(p.birth_date, '')"
		" FROM relation r JOIN person p ON p.id = r.related_id WHERE r.person_id = ?1", &st);
	if (!e)
		db_bind_int(st, 1, id);
	while (!e && !(e = db_step(st, &row)) && row) {
		struct relation_row r = { .person_id = db_col_int(st, 0), .guardian = db_col_int(st, 3) != 0,
					  .blocked = db_col_int(st, 4) != 0 };
		str_lcpy(r.name, db_col_text(st, 1), sizeof(r.name));
		str_lcpy(r.kind, db_col_text(st, 2), sizeof(r.kind));
		str_lcpy(r.birth_date, db_col_text(st, 5), sizeof(r.birth_date));
		cb(ctx, &r);
	}
	db_done(st);
	return e;
}

enum err household_create(struct db *db, int64_t county_id, const char *name, int64_t *id)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "INSERT INTO household(county_id, name) VALUES (?, ?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, county_id);
	db_bind_text(st, 2, name);
	e = db_run(st);
	if (!e)
		*id = db_last_id(db);
	return e;
}

enum err household_add(struct db *db, int64_t household_id, int64_t person_id)
{
	struct db_stmt *st;
	enum err e = db_prepare(db, "INSERT OR IGNORE INTO household_member(household_id, person_id) VALUES (?, ?)", &st);
	if (e)
		return e;
	db_bind_int(st, 1, household_id);
	db_bind_int(st, 2, person_id);
	return db_run(st);
}
