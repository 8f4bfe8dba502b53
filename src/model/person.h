/*
 * person.h - persons (children, parents, other family members, close
 * network), their households and relations, and search by name or personal
 * identity code.  Persons are never deleted.
 */
#ifndef MAJAKKA_PERSON_H
#define MAJAKKA_PERSON_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/policy.h"
#include "model/validate.h"

/* The longest first names and last name, in characters. */
#define PERSON_NAME_CHARS 100

struct person_row {
	int64_t id;
	int64_t county_id;
	char kind[16];          /* child, parent, family_member, close_network */
	/* Text buffers hold their character limit in UTF-8 (up to 4 bytes each). */
	char first_names[PERSON_NAME_CHARS * 4 + 1];
	char last_name[PERSON_NAME_CHARS * 4 + 1];
	char birth_date[11];    /* "" when unknown */
	char hetu[12];          /* "" when not given */
	char phone[33];
	char email[129];
	char address[801];
	char language[3];       /* fi, sv, en, ... two letters */
	bool non_disclosure;    /* turvakielto: address never shown */
};

extern const char *const person_kinds[];

/* Validate every field: names, birth date, the identity code (its birth date
 * must match birth_date when both are given; the birth date is filled from
 * the code when missing).  fe names the wrong field and part. */
enum err person_validate(struct person_row *p, struct field_error *fe);
/* Validate and insert; p->id is set.  A duplicate code is ERR_CONFLICT. */
enum err person_create(struct db *db, struct person_row *p, int64_t created_by, struct field_error *fe);
enum err person_get(struct db *db, int64_t id, struct person_row *out);

struct person_hit {
	int64_t id;
	char name[204];
	char birth_date[11];
	char kind[16];
	int64_t case_id;        /* the child's case, 0 when none */
	/* The facts for policy_decide as person_policy_object loads them, and
	 * the case they come from (0 when none); policy_err is that function's
	 * error (ERR_NOT_FOUND when the case is incomplete). */
	enum err policy_err;
	struct policy_object policy;
	int64_t policy_case_id;
};

/* Search a county's persons for principal p: a full identity code matches
 * exactly, other text matches name prefixes ("mäk sa" finds Sanna Mäkelä).
 * At most max, p's clients first (the cases of p's teams, where p sits on the
 * child's team, a manager's area, and those children's relatives), then by
 * name.  Each hit carries the policy facts about it for p; the caller decides
 * what to show. */
enum err person_search(struct db *db, int64_t county_id, const struct principal *p, const char *q, int max,
		       void (*cb)(void *ctx, const struct person_hit *h), void *ctx);

extern const char *const relation_kinds[];

/* "person_id is KIND of related_id" (parent of, sibling of, ...). */
enum err relation_add(struct db *db, int64_t person_id, int64_t related_id, const char *kind,
		      bool guardian, struct field_error *fe);

struct relation_row {
	int64_t person_id;       /* the other person */
	char name[204];
	char kind[20];           /* how the other person relates to this one */
	bool guardian;
	bool blocked;
	char birth_date[11];
};

/* Relations of person id, seen from it ("X is parent of me"). */
enum err relation_list(struct db *db, int64_t id, void (*cb)(void *ctx, const struct relation_row *r), void *ctx);

enum err household_create(struct db *db, int64_t county_id, const char *name, int64_t *id);
enum err household_add(struct db *db, int64_t household_id, int64_t person_id);

#endif
