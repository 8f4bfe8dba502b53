/*
 * role.h - the kinds of users and their roles, with their stable names.
 *
 * Three kinds of users from day one: workers of the organisation, partner
 * professionals of other organisations, and family members in the portal.
 * The names are stored in the database and shown translated in the UI
 * ("role.social_worker" in i18n/).
 */
#ifndef MAJAKKA_ROLE_H
#define MAJAKKA_ROLE_H

#include <stdbool.h>

enum account_kind { KIND_WORKER, KIND_PARTNER, KIND_FAMILY, KIND__COUNT };

enum role {
	ROLE_SOCIAL_WORKER,
	ROLE_SOCIAL_COUNSELLOR,
	ROLE_FAMILY_WORKER,
	ROLE_FAMILY_THERAPIST,
	ROLE_CONSULTING_SOCIAL_WORKER,
	ROLE_COORDINATOR,
	ROLE_TEAM_LEAD,
	ROLE_MANAGER,
	ROLE_ADMIN,
	ROLE_PARTNER,   /* partner professional (school, health care, NGO, ...) */
	ROLE_PARENT,
	ROLE_CHILD,
	ROLE__COUNT
};

const char *role_name(enum role r);
/* Parse a stable name; false when unknown. */
bool role_parse(const char *s, enum role *out);
/* The kind of account a role belongs to. */
enum account_kind role_kind(enum role r);
const char *kind_name(enum account_kind k);
bool kind_parse(const char *s, enum account_kind *out);

#endif
