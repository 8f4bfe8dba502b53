/*
 * genogram.c - the genogram of a child's case (see genogram.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "core/clock.h"
#include "core/str.h"
#include "core/workday.h"
#include "model/genogram.h"

const char *const genogram_sexes[] = { "female", "male", "other", "unknown", NULL };
const char *const genogram_kinds[] = { "married", "cohabiting", "separated", "divorced", "parent",
				       "adoptive_parent", "foster_parent", "sibling", "household", "close",
				       "distant", "conflict", "cutoff", NULL };

enum genogram_kind_class genogram_kind_class(const char *k)
{
	static const struct {
		const char *kind;
		enum genogram_kind_class c;
	} map[] = {
		{ "married", GK_COUPLE }, { "cohabiting", GK_COUPLE }, { "separated", GK_COUPLE },
		{ "divorced", GK_COUPLE }, { "parent", GK_PARENT }, { "adoptive_parent", GK_PARENT },
		{ "foster_parent", GK_PARENT }, { "sibling", GK_SIBLING }, { "household", GK_HOUSEHOLD },
		{ "close", GK_EMOTIONAL }, { "distant", GK_EMOTIONAL }, { "conflict", GK_EMOTIONAL },
		{ "cutoff", GK_EMOTIONAL },
	};
	for (size_t i = 0; k && i < sizeof(map) / sizeof(map[0]); i++)
		if (!strcmp(map[i].kind, k))
			return map[i].c;
	return GK_UNKNOWN;
}

void genogram_release(struct genogram *g)
{
	free(g->p);
	free(g->r);
	memset(g, 0, sizeof(*g));
}

const struct genogram_person *genogram_person_find(const struct genogram *g, int64_t id)
{
	for (size_t i = 0; i < g->np; i++)
		if (g->p[i].id == id)
			return &g->p[i];
	return NULL;
}

enum err genogram_load(struct db *db, int64_t case_id, struct genogram *g)
{
	struct db_stmt *st;
	bool row;
	enum err e;

	memset(g, 0, sizeof(*g));
	g->case_id = case_id;
	g->p = calloc(GENOGRAM_MAX_PERSONS, sizeof(*g->p));
	g->r = calloc(GENOGRAM_MAX_RELATIONS, sizeof(*g->r));
	if (!g->p || !g->r) {
		genogram_release(g);
		return ERR_NOMEM;
	}
	e = db_prepare(db, "SELECT id, coalesce(person_id, 0), name, sex, coalesce(birth_year, 0),"
			   " coalesce(death_year, 0), deceased, is_child, note"
			   " FROM genogram_person WHERE case_id = ? ORDER BY id LIMIT ?", &st);
	if (!e) {
		db_bind_int(st, 1, case_id);
		db_bind_int(st, 2, GENOGRAM_MAX_PERSONS);
	}
	while (!e && !(e = db_step(st, &row)) && row) {
		struct genogram_person *p = &g->p[g->np++];
		p->id = db_col_int(st, 0);
		p->person_id = db_col_int(st, 1);
		str_lcpy(p->name, db_col_text(st, 2), sizeof(p->name));
		str_lcpy(p->sex, db_col_text(st, 3), sizeof(p->sex));
		p->birth_year = (int)db_col_int(st, 4);
		p->death_year = (int)db_col_int(st, 5);
		p->deceased = db_col_int(st, 6) != 0;
		p->is_child = db_col_int(st, 7) != 0;
		str_lcpy(p->note, db_col_text(st, 8), sizeof(p->note));
	}
	if (!e)
		db_done(st);
	if (e)
		goto out;
	e = db_prepare(db, "SELECT id, a_id, b_id, coalesce(replaces_id, 0), kind, coalesce(from_date, ''),"
			   " coalesce(to_date, ''), note FROM genogram_relation WHERE case_id = ? ORDER BY id LIMIT ?",
		       &st);
	if (!e) {
		db_bind_int(st, 1, case_id);
		db_bind_int(st, 2, GENOGRAM_MAX_RELATIONS);
	}
	while (!e && !(e = db_step(st, &row)) && row) {
		struct genogram_relation *r = &g->r[g->nr++];
		r->id = db_col_int(st, 0);
		r->a_id = db_col_int(st, 1);
		r->b_id = db_col_int(st, 2);
		r->replaces_id = db_col_int(st, 3);
		str_lcpy(r->kind, db_col_text(st, 4), sizeof(r->kind));
		str_lcpy(r->from_date, db_col_text(st, 5), sizeof(r->from_date));
		str_lcpy(r->to_date, db_col_text(st, 6), sizeof(r->to_date));
		str_lcpy(r->note, db_col_text(st, 7), sizeof(r->note));
	}
	if (!e)
		db_done(st);
out:
	if (e)
		genogram_release(g);
	return e;
}

/* "" / NULL: 0; else a year 1850..2200. */
static enum err parse_year(const char *s, const char *field, int *out, struct field_error *fe)
{
	int64_t v;
	*out = 0;
	if (!s || !*s)
		return ERR_OK;
	if (str_to_i64(s, 1850, 2200, &v))
		return validate_fail(fe, field, "out_of_range", "%s must be a year between 1850 and 2200", field);
	*out = (int)v;
	return ERR_OK;
}

/* "" / NULL: "" (or today when today_if_empty); else a real date, not in the future. */
static enum err parse_date(const char *s, const char *field, bool today_if_empty, char out[11],
			   struct field_error *fe)
{
	struct date d;
	out[0] = '\0';
	if (!s || !*s) {
		if (today_if_empty)
			date_format(date_today(), out);
		return ERR_OK;
	}
	if (date_parse(s, &d))
		return validate_fail(fe, field, "invalid_date", "%s must be a real date as YYYY-MM-DD", field);
	if (date_cmp(d, date_today()) > 0)
		return validate_fail(fe, field, "future", "%s cannot be in the future", field);
	date_format(d, out);
	return ERR_OK;
}

static enum err count_of(struct db *db, const char *sql, int64_t a, int64_t b, int64_t *n)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, sql, &st);
	if (e)
		return e;
	db_bind_int(st, 1, a);
	db_bind_int(st, 2, b);
	e = db_step(st, &row);
	*n = !e && row ? db_col_int(st, 0) : 0;
	db_done(st);
	return e;
}

enum err genogram_person_add(struct db *db, const struct genogram_person_new *n, int64_t *id,
			     struct field_error *fe)
{
	struct db_stmt *st;
	char now[21], name[GENOGRAM_NAME_CHARS * 4 + 1] = "";
	int64_t link = 0, cnt;
	int by, dy;
	bool row;
	enum err e = ERR_OK;

	if (n->person_id && *n->person_id && validate_id(n->person_id, "person_id", &link, fe))
		return ERR_INVALID;
	if (link) {
		/* The child, or one of the child's relatives in the register. */
		e = count_of(db, "SELECT count(*) FROM person p WHERE p.id = ?1 AND (p.id = ?2"
				 " OR EXISTS (SELECT 1 FROM relation r WHERE (r.person_id = ?1 AND r.related_id = ?2)"
				 "  OR (r.person_id = ?2 AND r.related_id = ?1)))",
			     link, n->child_id, &cnt);
		if (e)
			return e;
		if (!cnt)
			return validate_fail(fe, "person_id", "unknown_value", "person %lld is not a person of this case",
					     (long long)link);
		e = count_of(db, "SELECT count(*) FROM genogram_person WHERE case_id = ?1 AND person_id = ?2",
			     n->case_id, link, &cnt);
		if (e)
			return e;
		if (cnt)
			return validate_fail(fe, "person_id", "taken", "this person is in the genogram already");
	}
	if (n->name && *n->name) {
		if ((e = validate_text(n->name, "name", 1, GENOGRAM_NAME_CHARS, false, fe)) ||
		    (e = validate_not_blank(n->name, "name", fe)))
			return e;
		str_lcpy(name, n->name, sizeof(name));
	} else if (link) {
		e = db_prepare(db, "SELECT first_names || ' ' || last_name FROM person WHERE id = ?", &st);
		if (e)
			return e;
		db_bind_int(st, 1, link);
		e = db_step(st, &row);
		if (!e && row)
			str_lcpy(name, db_col_text(st, 0), sizeof(name));
		db_done(st);
		if (e)
			return e;
	} else {
		return validate_fail(fe, "name", "required", "name is required when no person of the case is linked");
	}
	if ((e = validate_enum(n->sex, "sex", genogram_sexes, fe)))
		return e;
	if ((e = parse_year(n->birth_year, "birth_year", &by, fe)) || (e = parse_year(n->death_year, "death_year", &dy, fe)))
		return e;
	if (by && dy && dy < by)
		return validate_fail(fe, "death_year", "genogram_before_birth", "death_year cannot be before birth_year");
	if (n->note && (e = validate_text(n->note, "note", 0, GENOGRAM_NOTE_CHARS, true, fe)))
		return e;
	e = count_of(db, "SELECT count(*) FROM genogram_person WHERE case_id = ?1 AND ?2 = ?2", n->case_id, 0, &cnt);
	if (e)
		return e;
	if (cnt >= GENOGRAM_MAX_PERSONS)
		return validate_fail(fe, "name", "too_many", "a genogram holds at most %d persons", GENOGRAM_MAX_PERSONS);
	e = db_prepare(db, "INSERT INTO genogram_person(case_id, person_id, name, sex, birth_year, death_year,"
			   " deceased, is_child, note, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, n->case_id);
	if (link)
		db_bind_int(st, 2, link);
	else
		db_bind_null(st, 2);
	db_bind_text(st, 3, name);
	db_bind_text(st, 4, n->sex);
	if (by)
		db_bind_int(st, 5, by);
	else
		db_bind_null(st, 5);
	if (dy)
		db_bind_int(st, 6, dy);
	else
		db_bind_null(st, 6);
	db_bind_int(st, 7, n->deceased || dy);
	db_bind_int(st, 8, link && link == n->child_id);
	db_bind_text(st, 9, n->note ? n->note : "");
	db_bind_text(st, 10, now);
	if (n->by)
		db_bind_int(st, 11, n->by);
	else
		db_bind_null(st, 11);
	e = db_run(st);
	if (!e)
		*id = db_last_id(db);
	return e;
}

/* A genogram person of case_id given as text in field. */
static enum err person_of_case(struct db *db, int64_t case_id, const char *s, const char *field, int64_t *id,
			       struct field_error *fe)
{
	int64_t n;
	enum err e;
	if (!s || !*s)
		return validate_fail(fe, field, "required", "%s is required", field);
	if (validate_id(s, field, id, fe))
		return ERR_INVALID;
	e = count_of(db, "SELECT count(*) FROM genogram_person WHERE id = ?1 AND case_id = ?2", *id, case_id, &n);
	if (!e && !n)
		e = validate_fail(fe, field, "unknown_value", "%s is not a person of this genogram", field);
	return e;
}

static enum err insert_relation(struct db *db, int64_t case_id, int64_t a, int64_t b, const char *kind,
				const char *from, const char *note, int64_t replaces, int64_t by, int64_t *id)
{
	struct db_stmt *st;
	char now[21];
	enum err e = db_prepare(db, "INSERT INTO genogram_relation(case_id, a_id, b_id, kind, from_date, note,"
				    " replaces_id, created_at, created_by) VALUES (?,?,?,?,?,?,?,?,?)", &st);
	if (e)
		return e;
	clock_iso(clock_now(), now);
	db_bind_int(st, 1, case_id);
	db_bind_int(st, 2, a);
	db_bind_int(st, 3, b);
	db_bind_text(st, 4, kind);
	if (from && *from)
		db_bind_text(st, 5, from);
	else
		db_bind_null(st, 5);
	db_bind_text(st, 6, note ? note : "");
	if (replaces)
		db_bind_int(st, 7, replaces);
	else
		db_bind_null(st, 7);
	db_bind_text(st, 8, now);
	if (by)
		db_bind_int(st, 9, by);
	else
		db_bind_null(st, 9);
	e = db_run(st);
	if (!e)
		*id = db_last_id(db);
	return e;
}

enum err genogram_relation_add(struct db *db, const struct genogram_relation_new *n, int64_t *id,
			       struct field_error *fe)
{
	char from[11];
	int64_t a, b, cnt;
	enum err e;

	if ((e = person_of_case(db, n->case_id, n->a_id, "a_id", &a, fe)) ||
	    (e = validate_enum(n->kind, "kind", genogram_kinds, fe)) ||
	    (e = person_of_case(db, n->case_id, n->b_id, "b_id", &b, fe)))
		return e;
	if (a == b)
		return validate_fail(fe, "b_id", "genogram_same_person", "a relation needs two different persons");
	if ((e = parse_date(n->from_date, "from_date", false, from, fe)))
		return e;
	if (n->note && (e = validate_text(n->note, "note", 0, GENOGRAM_NOTE_CHARS, true, fe)))
		return e;
	e = count_of(db, "SELECT count(*) FROM genogram_relation WHERE case_id = ?1 AND ?2 = ?2", n->case_id, 0, &cnt);
	if (e)
		return e;
	if (cnt >= GENOGRAM_MAX_RELATIONS)
		return validate_fail(fe, "kind", "too_many", "a genogram holds at most %d relations",
				     GENOGRAM_MAX_RELATIONS);
	return insert_relation(db, n->case_id, a, b, n->kind, from, n->note, 0, n->by, id);
}

enum err genogram_relation_end(struct db *db, int64_t case_id, int64_t rel_id, const char *to_date,
			       const char *new_kind, int64_t by, int64_t *new_id, struct field_error *fe)
{
	struct db_stmt *st;
	char to[11], from[11] = "";
	int64_t a = 0, b = 0;
	bool row, open = false;
	enum err e;

	*new_id = 0;
	if (new_kind && *new_kind && (e = validate_enum(new_kind, "kind", genogram_kinds, fe)))
		return e;
	if ((e = parse_date(to_date, "to_date", true, to, fe)))
		return e;
	e = db_prepare(db, "SELECT a_id, b_id, to_date IS NULL, coalesce(from_date, '') FROM genogram_relation"
			   " WHERE id = ? AND case_id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, rel_id);
	db_bind_int(st, 2, case_id);
	e = db_step(st, &row);
	if (!e && row) {
		a = db_col_int(st, 0);
		b = db_col_int(st, 1);
		open = db_col_int(st, 2) != 0;
		str_lcpy(from, db_col_text(st, 3), sizeof(from));
	}
	db_done(st);
	if (e)
		return e;
	if (!a)
		return validate_fail(fe, "relation_id", "unknown_value", "no relation %lld in this genogram",
				     (long long)rel_id);
	if (!open)
		return validate_fail(fe, "to_date", "not_open", "this relation has ended already");
	if (*from && strcmp(to, from) < 0)
		return validate_fail(fe, "to_date", "before_from", "to_date cannot be before the relation began");
	e = db_prepare(db, "UPDATE genogram_relation SET to_date = ? WHERE id = ? AND to_date IS NULL", &st);
	if (e)
		return e;
	db_bind_text(st, 1, to);
	db_bind_int(st, 2, rel_id);
	e = db_run(st);
	if (!e && new_kind && *new_kind)
		e = insert_relation(db, case_id, a, b, new_kind, to, "", rel_id, by, new_id);
	return e;
}

/* ---- a synthetic family (benchmark, unit test) ------------------------- */

enum err genogram_synthetic(struct genogram *g, int n)
{
	int64_t next_rel = 1;
	int made = 0, gen_start = 0, gen_end = 0, year = 1930;
	static const char *const emo[] = { "close", "distant", "conflict", "cutoff" };

	memset(g, 0, sizeof(*g));
	if (n < 3 || n > GENOGRAM_MAX_PERSONS)
		return ERR_INVALID;
	bool *in_law = calloc((size_t)n, sizeof(*in_law));
	g->p = calloc((size_t)n, sizeof(*g->p));
	g->r = calloc((size_t)n * 3, sizeof(*g->r));
	if (!g->p || !g->r || !in_law) {
		free(in_law);
		genogram_release(g);
		return ERR_NOMEM;
	}
#define ADD_PERSON(sx, yr) do { \
		struct genogram_person *p_ = &g->p[g->np]; \
		p_->id = (int64_t)g->np + 1; \
		snprintf(p_->name, sizeof(p_->name), "Person %d", (int)g->np + 1); \
		str_lcpy(p_->sex, (sx), sizeof(p_->sex)); \
		p_->birth_year = (yr); \
		p_->deceased = (yr) < 1945; \
		g->np++; made++; \
	} while (0)
#define ADD_REL(a, b, k) do { \
		struct genogram_relation *r_ = &g->r[g->nr++]; \
		r_->id = next_rel++; r_->a_id = (a); r_->b_id = (b); \
		str_lcpy(r_->kind, (k), sizeof(r_->kind)); \
	} while (0)

	/* Generation 0: two couples. */
	ADD_PERSON("male", year);
	ADD_PERSON("female", year + 2);
	ADD_REL(1, 2, "married");
	gen_end = (int)g->np;
	/* Each generation: every person without a partner gets one married in,
	 * and each couple has children, until n persons. */
	while (made < n) {
		int start = gen_start, end = gen_end;
		gen_start = (int)g->np;
		year += 27;
		for (int i = start; i < end && made < n; i++) {
			const struct genogram_person *a = &g->p[i];
			int64_t partner = 0;
			if (in_law[i])
				continue;
			for (size_t k = 0; k < g->nr; k++)
				if (genogram_kind_class(g->r[k].kind) == GK_COUPLE &&
				    (g->r[k].a_id == a->id || g->r[k].b_id == a->id))
					partner = g->r[k].a_id == a->id ? g->r[k].b_id : g->r[k].a_id;
			if (!partner) {
				if (made >= n)
					break;
				ADD_PERSON(strcmp(a->sex, "male") ? "male" : "female", a->birth_year + 1);
				partner = g->p[g->np - 1].id;
				in_law[g->np - 1] = true;
				ADD_REL(a->id, partner, (i % 3) ? "married" : "divorced");
			}
			if (a->id > partner)
				continue;  /* the couple's children once */
			for (int c = 0; c < 3 && made < n; c++) {
				ADD_PERSON(c % 2 ? "female" : "male", year + c * 2);
				ADD_REL(a->id, g->p[g->np - 1].id, "parent");
				ADD_REL(partner, g->p[g->np - 1].id, c == 2 && i % 2 ? "foster_parent" : "parent");
			}
		}
		gen_end = (int)g->np;
		if (gen_end == gen_start)
			break;
	}
	g->p[g->np - 1].is_child = true;
	for (size_t i = 2; i + 3 < g->np && g->nr + 1 < (size_t)n * 3; i += 5)
		ADD_REL(g->p[i].id, g->p[i + 3].id, emo[i % 4]);
#undef ADD_PERSON
#undef ADD_REL
	free(in_law);
	return ERR_OK;
}
