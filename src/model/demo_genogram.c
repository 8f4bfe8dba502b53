/*
 * demo_genogram.c - genograms and timelines of the five demo families that
 * every toolbox tool fills (demo cases 2-6 of MAJAKKA: Oliver Nurmi, Olivia
 * Saarinen, Eevi Jokela, Linnea Karjalainen, Olivia Kallio; their workers
 * sanna and olli).  The registered child and parents are linked; the rest
 * of each family (grandparents, siblings, new partners, a foster family)
 * is fictional, as the register's are.
 */
#include <stdio.h>
#include <string.h>
#include "core/str.h"
#include "core/workday.h"
#include "model/demo.h"
#include "model/genogram.h"
#include "model/timeline.h"

struct fam {
	int64_t case_id;
	const char *couple;            /* the parents' relation now */
	int couple_dy;                 /* years after the child's birth it became so (0: always) */
	const char *father;            /* an unregistered father's name, when none is registered */
	const char *sib, *sib_sex;     /* a sibling, born sib_dy years from the child */
	int sib_dy;
	const char *partner;           /* a parent's new partner (cohabiting) */
	int partner_of_father;
	const char *gm, *gf;           /* the mother's parents */
	int gf_died_dy;                /* the grandfather died, years after the child's birth (0: lives) */
	const char *foster_m, *foster_f;
	const char *emo1, *emo2;       /* emotional relations: child-grandmother, parents */
	const char *events[3];         /* the family's events: birth year + 1, + 2, + 4 */
};

static const struct fam fams[] = {
	{ 2, "divorced", 4, NULL, "Aada", "female", 6, "Timo Lahtinen", 0, "Raili Nurmi", "Erkki Nurmi", 2,
	  NULL, NULL, "close", "conflict",
	  { "Isoisä Erkki sairastui; äiti hoiti häntä paljon.", "Vanhemmat muuttivat erilleen; Oliver jäi äidin luo.",
	    "Perhe muutti Timon kanssa uuteen asuntoon toiselle puolelle kaupunkia." } },
	{ 3, "separated", 3, "Jari Saarinen", "Eetu", "male", -3, NULL, 0, "Pirjo Lehto", "Kalevi Lehto", 0,
	  NULL, NULL, "close", "distant",
	  { "Isä menetti työnsä.", "Vanhempien asumusero; isä muutti toiselle paikkakunnalle.",
	    "Olivia aloitti päiväkodissa; ensimmäiset poissaolot." } },
	{ 4, "married", 0, NULL, "Onni", "male", 3, NULL, 0, NULL, "Veikko Jokela", 4,
	  NULL, NULL, "close", "close",
	  { "Perhe muutti mummo Irman naapuriin.", "Eevin pikkuveli Onni syntyi keskosena; pitkä sairaalajakso.",
	    "Isoisä Veikko kuoli; Eevi oli hänelle läheinen." } },
	{ 5, "divorced", 5, NULL, "Joonas", "male", -4, "Minna Aalto", 1, "Aili Karjalainen", "Tauno Karjalainen", 9,
	  NULL, NULL, "distant", "conflict",
	  { "Äidin masennusjakso alkoi.", "Vanhemmat erosivat; huoltajuuskiista käräjäoikeudessa.",
	    "Linnea vaihtoi koulua muuton vuoksi." } },
	{ 6, "separated", 1, "Mika Heino", NULL, NULL, 0, NULL, 0, "Leena Kallio", NULL, 0,
	  "Marja Virtanen", "Pekka Virtanen", "distant", "cutoff",
	  { "Vanhemmat erosivat; isä ei ole sen jälkeen pitänyt yhteyttä.", "Äidin päihteiden käyttö lisääntyi.",
	    "Olivia sijoitettiin avohuollon tukitoimena Virtasten perheeseen." } },
};

static int64_t by;

static enum err person(struct db *db, const struct fam *f, int64_t child_id, int64_t link, const char *name,
		       const char *sex, int year, int died, int64_t *id)
{
	struct field_error fe = { 0 };
	char y[8] = "", d[8] = "";
	int this_year = date_today().y;
	if (year)
		snprintf(y, sizeof(y), "%d", year);
	if (died)
		snprintf(d, sizeof(d), "%d", died > this_year ? this_year : died);
	char lk[24] = "";
	if (link)
		snprintf(lk, sizeof(lk), "%lld", (long long)link);
	struct genogram_person_new n = { .case_id = f->case_id, .child_id = child_id, .person_id = lk,
					 .name = name ? name : "", .sex = sex, .birth_year = y, .death_year = d,
					 .note = "", .by = by };
	return genogram_person_add(db, &n, id, &fe);
}

static enum err rel(struct db *db, const struct fam *f, int64_t a, int64_t b, const char *kind, const char *from,
		    int64_t *id)
{
	struct field_error fe = { 0 };
	char as[24], bs[24];
	int64_t tmp;
	snprintf(as, sizeof(as), "%lld", (long long)a);
	snprintf(bs, sizeof(bs), "%lld", (long long)b);
	struct genogram_relation_new n = { .case_id = f->case_id, .a_id = as, .b_id = bs, .kind = kind,
					   .from_date = from ? from : "", .note = "", .by = by };
	return genogram_relation_add(db, &n, id ? id : &tmp, &fe);
}

/* "YYYY-06-15" of year, never after today. */
static void day_of(int year, char out[11])
{
	struct date d = { year, 6, 15 }, t = date_today();
	if (date_cmp(d, t) > 0)
		d = t;
	date_format(d, out);
}

/* The child's registered parents: mother and father ids and birth years. */
static enum err parents(struct db *db, int64_t child_id, int64_t *mother, int *my, int64_t *father, int *fy,
			char *fname, size_t fn)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT p.id, coalesce(substr(p.birth_date, 1, 4), '0'), p.first_names, r.id"
				    " FROM relation r JOIN person p ON p.id = r.person_id"
				    " WHERE r.related_id = ? AND r.kind = 'parent' ORDER BY r.id", &st);
	*mother = *father = 0;
	if (e)
		return e;
	db_bind_int(st, 1, child_id);
	while (!(e = db_step(st, &row)) && row) {
		int year = 0;
		sscanf(db_col_text(st, 1), "%d", &year);
		if (!*mother) {
			*mother = db_col_int(st, 0), *my = year;
		} else if (!*father) {
			*father = db_col_int(st, 0), *fy = year;
			str_lcpy(fname, db_col_text(st, 2), fn);
		}
	}
	db_done(st);
	return e;
}

static enum err one_family(struct db *db, const struct fam *f)
{
	struct db_stmt *st;
	struct field_error fe = { 0 };
	int64_t child_id = 0, mother, father, c, m, fa, x, rid, nid;
	int cy = 0, my = 0, fy = 0;
	char fname[404] = "", when[11], when2[11];
	bool row;
	enum err e = db_prepare(db, "SELECT c.child_id, coalesce(substr(p.birth_date, 1, 4), '2015') FROM child_case c"
				    " JOIN person p ON p.id = c.child_id WHERE c.id = ?", &st);
	if (e)
		return e;
	db_bind_int(st, 1, f->case_id);
	e = db_step(st, &row);
	if (!e && row) {
		child_id = db_col_int(st, 0);
		sscanf(db_col_text(st, 1), "%d", &cy);
	}
	db_done(st);
	if (e || !child_id)
		return e;
	if ((e = parents(db, child_id, &mother, &my, &father, &fy, fname, sizeof(fname))))
		return e;
	if (!my)
		my = cy - 28;
	if (!fy)
		fy = cy - 31;
	if ((e = person(db, f, child_id, child_id, NULL, f->case_id == 2 ? "male" : "female",
			0, 0, &c)))
		return e;
	if ((e = person(db, f, child_id, mother, NULL, "female", 0, 0, &m)))
		return e;
	if (father)
		e = person(db, f, child_id, father, NULL, "male", 0, 0, &fa);
	else
		e = person(db, f, child_id, 0, f->father, "male", fy, 0, &fa);
	if (e)
		return e;
	/* The parents: married first, then as they are now (a change ends
	 * the old relation and begins the new, as the form does). */
	day_of(cy - 2, when);
	if ((e = rel(db, f, fa, m, f->couple_dy ? "married" : f->couple, when, &rid)))
		return e;
	if (f->couple_dy) {
		day_of(cy + f->couple_dy, when2);
		if ((e = genogram_relation_end(db, f->case_id, rid, when2, f->couple, by, &nid, &fe)))
			return e;
	}
	if ((e = rel(db, f, m, c, "parent", NULL, NULL)) || (e = rel(db, f, fa, c, "parent", NULL, NULL)))
		return e;
	if (f->sib) {
		if ((e = person(db, f, child_id, 0, f->sib, f->sib_sex, cy + f->sib_dy, 0, &x)))
			return e;
		if ((e = rel(db, f, m, x, "parent", NULL, NULL)))
			return e;
		if (f->sib_dy < 0 || !f->partner) {
			/* A full sibling, or a half-sibling from the mother's earlier relationship. */
			if (f->case_id != 5 && (e = rel(db, f, fa, x, "parent", NULL, NULL)))
				return e;
			if (f->case_id == 5 && (e = rel(db, f, x, c, "sibling", NULL, NULL)))
				return e;
		}
		if (f->partner && !f->partner_of_father) {
			int64_t p;
			if ((e = person(db, f, child_id, 0, f->partner, "male", my + 1, 0, &p)))
				return e;
			day_of(cy + f->couple_dy + 1, when);
			if ((e = rel(db, f, p, m, "cohabiting", when, NULL)) || (e = rel(db, f, p, x, "parent", NULL, NULL)) ||
			    (e = rel(db, f, p, c, "household", when, NULL)) || (e = rel(db, f, x, c, "household", NULL, NULL)))
				return e;
		}
	}
	if (f->partner && f->partner_of_father) {
		int64_t p;
		if ((e = person(db, f, child_id, 0, f->partner, "female", fy + 4, 0, &p)))
			return e;
		day_of(cy + f->couple_dy + 2, when);
		if ((e = rel(db, f, fa, p, "cohabiting", when, NULL)))
			return e;
	}
	/* The mother's parents; in Eevi's family the registered grandmother. */
	{
		int64_t gm = 0, gf = 0;
		if (f->case_id == 4) {
			int64_t irma = 0;
			e = db_prepare(db, "SELECT r.person_id FROM relation r WHERE r.related_id = ? AND r.kind = 'other'", &st);
			if (!e) {
				db_bind_int(st, 1, child_id);
				e = db_step(st, &row);
				if (!e && row)
					irma = db_col_int(st, 0);
				db_done(st);
			}
			if (!e && irma)
				e = person(db, f, child_id, irma, NULL, "female", 0, 0, &gm);
			if (!e && gm)
				e = rel(db, f, gm, fa, "parent", NULL, NULL);
		} else if (f->gm) {
			e = person(db, f, child_id, 0, f->gm, "female", my - 26, f->case_id == 6 ? cy + 3 : 0, &gm);
			if (!e)
				e = rel(db, f, gm, m, "parent", NULL, NULL);
		}
		if (!e && f->gf) {
			e = person(db, f, child_id, 0, f->gf, "male", (f->case_id == 4 ? fy : my) - 28,
				   f->gf_died_dy ? cy + f->gf_died_dy : 0, &gf);
			if (!e)
				e = rel(db, f, gf, f->case_id == 4 ? fa : m, "parent", NULL, NULL);
			if (!e && gm)
				e = rel(db, f, gf, gm, "married", NULL, NULL);
		}
		if (!e && gm && f->emo1)
			e = rel(db, f, gm, c, f->emo1, NULL, NULL);
	}
	if (!e && f->emo2)
		e = rel(db, f, fa, f->case_id == 6 ? c : m, f->emo2, NULL, NULL);
	if (!e && !f->foster_m && f->case_id != 3 && !(f->partner && !f->partner_of_father))
		e = rel(db, f, m, c, "household", NULL, NULL);
	if (!e && f->case_id == 3)
		e = rel(db, f, m, c, "household", NULL, NULL);
	if (!e && f->foster_m) {
		int64_t fm, ff;
		day_of(cy + 4, when);
		if (!(e = person(db, f, child_id, 0, f->foster_m, "female", my - 12, 0, &fm)) &&
		    !(e = person(db, f, child_id, 0, f->foster_f, "male", my - 14, 0, &ff)) &&
		    !(e = rel(db, f, ff, fm, "married", NULL, NULL)) &&
		    !(e = rel(db, f, fm, c, "foster_parent", when, NULL)) &&
		    !(e = rel(db, f, ff, c, "foster_parent", when, NULL)) &&
		    !(e = rel(db, f, fm, c, "household", when, NULL)) &&
		    !(e = rel(db, f, ff, c, "household", when, NULL)))
			e = rel(db, f, fm, c, "close", NULL, NULL);
		if (!e)
			e = rel(db, f, m, c, "distant", NULL, NULL);
	}
	/* The family's events on the timeline. */
	static const int dy[3] = { 1, 2, 4 };
	static const char *const kinds[3] = { "health", "relationship", "move" };
	for (int i = 0; i < 3 && !e; i++) {
		int64_t id;
		day_of(cy + dy[i], when);
		e = timeline_add(db, f->case_id, when, kinds[i], f->events[i], by, &id, &fe);
	}
	return e;
}

enum err demo_genogram_create(struct db *db)
{
	struct db_stmt *st;
	bool row;
	enum err e = db_prepare(db, "SELECT id FROM account WHERE username = 'sanna'", &st);
	if (e)
		return e;
	e = db_step(st, &row);
	by = !e && row ? db_col_int(st, 0) : 0;
	db_done(st);
	for (size_t i = 0; i < sizeof(fams) / sizeof(fams[0]) && !e; i++)
		e = one_family(db, &fams[i]);
	return e;
}
