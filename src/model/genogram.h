/*
 * genogram.h - the genogram (sukupuu) of a child's case: the family's
 * persons as the team draws them with the family, and the relations between
 * them (couples, parenthoods, siblings, household, emotional relations).
 *
 * Nothing is deleted: a relation ends once (its end date), and a changed
 * relation (a marriage that becomes a divorce) is the old one ended and a
 * new one begun that names it (replaces_id).  A person of the register (the
 * child, a parent) may be linked to a genogram person; the case's child is
 * the index person (drawn with a double line).
 *
 * Access is the caller's: these functions read and write one case's data
 * and are called behind access_check_fields(..., FIELD_TOOLBOX, ...).
 */
#ifndef MAJAKKA_GENOGRAM_H
#define MAJAKKA_GENOGRAM_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "db/db.h"
#include "model/validate.h"

#define GENOGRAM_NAME_CHARS 200
#define GENOGRAM_NOTE_CHARS 500
/* The most persons (and relations) one genogram holds: a page and a
 * picture stay readable and a layout stays well under a second. */
#define GENOGRAM_MAX_PERSONS 200
#define GENOGRAM_MAX_RELATIONS 800

extern const char *const genogram_sexes[];      /* male, female, other, unknown */
extern const char *const genogram_kinds[];      /* every relation kind */

/* What a relation kind is: a couple (drawn as the line its children hang
 * from), a parenthood (a from parent to child b), a sibling or household
 * tie, or an emotional relation (drawn over the layout). */
enum genogram_kind_class { GK_COUPLE, GK_PARENT, GK_SIBLING, GK_HOUSEHOLD, GK_EMOTIONAL, GK_UNKNOWN };
enum genogram_kind_class genogram_kind_class(const char *kind);

struct genogram_person {
	int64_t id;
	int64_t person_id;        /* the linked register person, 0 when none */
	char name[GENOGRAM_NAME_CHARS * 4 + 1];
	char sex[8];
	int birth_year, death_year;   /* 0 when unknown */
	bool deceased;
	bool is_child;            /* the case's child: the index person */
	char note[GENOGRAM_NOTE_CHARS * 4 + 1];
};

struct genogram_relation {
	int64_t id;
	int64_t a_id, b_id;       /* genogram_person ids: a is KIND of b */
	int64_t replaces_id;      /* the relation this one changed, 0 when none */
	char kind[16];
	char from_date[11];       /* "" when unknown */
	char to_date[11];         /* "" while it lasts */
	char note[GENOGRAM_NOTE_CHARS * 4 + 1];
};

/* One case's genogram, in memory.  Persons by id order, relations too. */
struct genogram {
	int64_t case_id;
	struct genogram_person *p;
	size_t np;
	struct genogram_relation *r;
	size_t nr;
};

/* Load case_id's genogram into g (arrays owned by g; genogram_release). */
enum err genogram_load(struct db *db, int64_t case_id, struct genogram *g);
void genogram_release(struct genogram *g);
/* The person with id, or NULL. */
const struct genogram_person *genogram_person_find(const struct genogram *g, int64_t id);

struct genogram_person_new {
	int64_t case_id;
	int64_t child_id;         /* the case's child (a link to it makes the index person) */
	const char *person_id;    /* "" / NULL: none; else a person of the case to link */
	const char *name;         /* may be empty when linked: the register's name */
	const char *sex;
	const char *birth_year;   /* "" or a year */
	const char *death_year;   /* "" or a year */
	bool deceased;
	const char *note;
	int64_t by;
};
/* Validate and add a person; *id set.  A linked person must be the child or
 * a relative of the child in the register, and only once per genogram. */
enum err genogram_person_add(struct db *db, const struct genogram_person_new *n, int64_t *id,
			     struct field_error *fe);

struct genogram_relation_new {
	int64_t case_id;
	const char *a_id, *b_id;  /* genogram persons of this case, as text */
	const char *kind;
	const char *from_date;    /* "" or YYYY-MM-DD */
	const char *note;
	int64_t by;
};
enum err genogram_relation_add(struct db *db, const struct genogram_relation_new *n, int64_t *id,
			       struct field_error *fe);

/* End relation rel_id of case_id on to_date ("" = today); when new_kind is
 * given (not "" or NULL) the same two persons go on in a relation of that
 * kind from to_date, which replaces the ended one: *new_id is its id (0 when
 * only ended). */
enum err genogram_relation_end(struct db *db, int64_t case_id, int64_t rel_id, const char *to_date,
			       const char *new_kind, int64_t by, int64_t *new_id, struct field_error *fe);

/* Demo and benchmark: a family of n persons (n >= 3) in g, ids 1..n,
 * generations of couples with children, the index child among the
 * youngest, emotional relations sprinkled in.  Arrays owned by g. */
enum err genogram_synthetic(struct genogram *g, int n);

#endif
