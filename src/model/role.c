/*
 * role.c - role and account-kind names (see role.h).
 */
#include <string.h>
#include "model/role.h"

static const char *const role_names[ROLE__COUNT] = {
	[ROLE_SOCIAL_WORKER] = "social_worker",
	[ROLE_SOCIAL_COUNSELLOR] = "social_counsellor",
	[ROLE_FAMILY_WORKER] = "family_worker",
	[ROLE_FAMILY_THERAPIST] = "family_therapist",
	[ROLE_CONSULTING_SOCIAL_WORKER] = "consulting_social_worker",
	[ROLE_COORDINATOR] = "coordinator",
	[ROLE_TEAM_LEAD] = "team_lead",
	[ROLE_MANAGER] = "manager",
	[ROLE_ADMIN] = "admin",
	[ROLE_PARTNER] = "partner",
	[ROLE_PARENT] = "parent",
	[ROLE_CHILD] = "child",
};

static const char *const kind_names[KIND__COUNT] = {
	[KIND_WORKER] = "worker",
	[KIND_PARTNER] = "partner",
	[KIND_FAMILY] = "family",
};

const char *role_name(enum role r)
{
	return r < ROLE__COUNT ? role_names[r] : "unknown";
}

bool role_parse(const char *s, enum role *out)
{
	for (int i = 0; s && i < ROLE__COUNT; i++) {
		if (!strcmp(s, role_names[i])) {
			*out = (enum role)i;
			return true;
		}
	}
	return false;
}

enum account_kind role_kind(enum role r)
{
	switch (r) {
	case ROLE_PARTNER:
		return KIND_PARTNER;
	case ROLE_PARENT:
	case ROLE_CHILD:
		return KIND_FAMILY;
	default:
		return KIND_WORKER;
	}
}

const char *kind_name(enum account_kind k)
{
	return k < KIND__COUNT ? kind_names[k] : "unknown";
}

bool kind_parse(const char *s, enum account_kind *out)
{
	for (int i = 0; s && i < KIND__COUNT; i++) {
		if (!strcmp(s, kind_names[i])) {
			*out = (enum account_kind)i;
			return true;
		}
	}
	return false;
}
