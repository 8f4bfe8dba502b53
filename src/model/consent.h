/*
 * consent.h - what a child's data may be shown to outside the organisation:
 * consents and legal bases for partner organisations, and time-limited
 * access of other authorities.
 *
 * A consent (given by the child or a guardian: a person of the family) or a
 * legal basis (chosen from consent_bases) opens field groups (enum field
 * bits, model/policy.h) of one child to one partner organisation, from a day
 * to a day, until it is ended.  The organisation is named as partner
 * accounts' organisation is (account.organisation); the column becomes a
 * foreign key when partner organisations have a table of their own.
 *
 * An authority grant lets another authority (a named partner account, or
 * every partner account of a named organisation) read a child's data until
 * a moment: a child abduction, a court.  It ends by itself.
 *
 * The access layer (model/access.c, model/factcache.c) reads both into
 * struct policy_object (consent_fields, authority_grant) for partners;
 * policy_decide widens a partner's fields by them, and every read of fields
 * beyond the minimum is logged as a disclosure (access log action
 * "disclose") naming the consent or grant it rested on.
 */
#ifndef MAJAKKA_CONSENT_H
#define MAJAKKA_CONSENT_H

#include <stdbool.h>
#include <stdint.h>
#include "db/db.h"
#include "model/policy.h"
#include "model/validate.h"

/* "consent" and the legal bases: Child Welfare Act s. 25 (notification),
 * s. 41 (assessment information requests), Social Welfare Act s. 41 (joint
 * work), a court order.  NULL-terminated; labels "consent.basis.NAME". */
extern const char *const consent_bases[];
/* The field groups a consent may open (names of enum field bits), NULL-terminated. */
extern const char *const consent_field_names[];
/* The bits of the field groups a consent may open. */
#define CONSENT_FIELDS_OPENABLE (FIELD_CASE | FIELD_CLOCKS | FIELD_IDENTITY | FIELD_FAMILY | \
	FIELD_NOTIFICATIONS | FIELD_JOURNAL | FIELD_PRACTICE | FIELD_TOOLBOX | FIELD_PLAN | \
	FIELD_ASSESSMENT | FIELD_SERVICES)
/* The bit of field group name (field_name's names), 0 when it is none a consent may open. */
unsigned consent_field_bit(const char *name);

#define CONSENT_ORG_MAX 100    /* characters, as account.organisation */
#define CONSENT_NOTE_MAX 500

struct consent_row {
	int64_t id, child_id, given_by, created_by;
	char basis[16];
	char given_by_name[204];
	char organisation[CONSENT_ORG_MAX * 4 + 1];
	unsigned fields;
	char valid_from[11], valid_to[11];   /* valid_to "" when open */
	char note[CONSENT_NOTE_MAX * 4 + 1];
	char created_at[21], created_by_name[128];
	char ended_at[21], ended_by_name[128];   /* "" while not ended */
	bool active;                          /* not ended and valid today */
};

struct consent_new {
	int64_t child_id;
	const char *basis;
	int64_t given_by;          /* consent: the child or a guardian; 0 for a legal basis */
	const char *organisation;
	unsigned fields;
	const char *valid_from;    /* "" or NULL: today */
	const char *valid_to;      /* "" or NULL: until ended */
	const char *note;
	int64_t created_by;
};

/* Validate and record; *id set.  ERR_INVALID with fe naming the field. */
enum err consent_add(struct db *db, const struct consent_new *c, int64_t *id, struct field_error *fe);
/* End consent id of child_id now.  ERR_NOT_FOUND when the child has no such
 * consent, ERR_CONFLICT (fe) when it has ended already. */
enum err consent_end(struct db *db, int64_t child_id, int64_t id, int64_t by, struct field_error *fe);
/* A child's consents, newest first. */
enum err consent_list(struct db *db, int64_t child_id, void (*cb)(void *ctx, const struct consent_row *r),
		      void *ctx);

/* ---- authority grants ---------------------------------------------------- */

#define AUTHORITY_HOURS_MAX (24 * 90)

struct authority_grant_row {
	int64_t id, child_id, account_id, created_by;
	char account_name[128];
	char organisation[CONSENT_ORG_MAX * 4 + 1];   /* "" when to an account */
	unsigned fields;
	char reason[2001];
	char expires_at[21], created_at[21], created_by_name[128];
	char revoked_at[21];
	bool active;
};

struct authority_grant_new {
	int64_t child_id;
	int64_t account_id;        /* a partner account, or 0 ... */
	const char *organisation;  /* ... an organisation's partner accounts */
	unsigned fields;           /* beyond the minimum data set */
	const char *reason;
	int hours;                 /* 1 .. AUTHORITY_HOURS_MAX */
	int64_t created_by;
};

enum err authority_grant_add(struct db *db, const struct authority_grant_new *g, int64_t *id,
			     struct field_error *fe);
/* Revoke grant id of child_id now.  ERR_NOT_FOUND, ERR_CONFLICT as consent_end. */
enum err authority_grant_revoke(struct db *db, int64_t child_id, int64_t id, int64_t by, struct field_error *fe);
enum err authority_grant_list(struct db *db, int64_t child_id,
			      void (*cb)(void *ctx, const struct authority_grant_row *r), void *ctx);

/* ---- the facts and the disclosure log -------------------------------------- */

/* For a partner p: the fields the live consents and grants of case_id's
 * child open to p into o->consent_fields, and o->authority_grant.  Nothing
 * for other principals. */
enum err consent_policy_facts(struct db *db, int64_t case_id, const struct principal *p, struct policy_object *o);

/* One consent or grant a partner's read rests on. */
struct consent_basis {
	int64_t id;
	bool grant;          /* an authority grant, else a consent */
	char basis[16];      /* consent, cwa_25, ...; "authority_grant" for a grant */
	unsigned fields;
};
#define CONSENT_BASES_MAX 8
/* The live consents and grants of case_id's child that open something to
 * partner p, at most max (the first ones by id). */
enum err consent_bases_for(struct db *db, int64_t case_id, const struct principal *p, struct consent_basis *out,
			   int max, int *n);

/* One entry of the disclosure log (the access log's "disclose" entries). */
struct disclosure_row {
	int64_t id;
	char at[32];
	char username[64], name[128], organisation[CONSENT_ORG_MAX * 4 + 1];
	char basis[32];
	char reason[256];
};
/* The newest disclosures of person_id's data, at most limit. */
enum err consent_disclosures(struct db *db, int64_t person_id, int limit,
			     void (*cb)(void *ctx, const struct disclosure_row *r), void *ctx);

#endif
