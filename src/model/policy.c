/*
 * policy.c - the access policy (see policy.h).  Every rule is here.
 */
#include <string.h>
#include "core/str.h"
#include "model/policy.h"

static const struct decision DENY_DEFAULT = { false, "none", "not_permitted" };

const char *action_name(enum action a)
{
	static const char *const names[ACT__COUNT] = {
		[ACT_ORG_READ] = "org_read",
		[ACT_ORG_ADMIN] = "org_admin",
		[ACT_ACCOUNT_ADMIN] = "account_admin",
		[ACT_CLIENT_READ] = "client_read",
		[ACT_CLIENT_WRITE] = "client_write",
		[ACT_ACCESS_LOG_READ] = "access_log_read",
		[ACT_AUDIT_REPORT] = "audit_report",
	};
	return a < ACT__COUNT ? names[a] : "unknown";
}

bool principal_in_team(const struct principal *p, int64_t team_id)
{
	for (int i = 0; i < p->nteams; i++)
		if (p->teams[i] == team_id)
			return true;
	return false;
}

static struct decision allow(const char *basis)
{
	struct decision d = { true, basis, NULL };
	return d;
}

static struct decision deny(const char *why)
{
	struct decision d = { false, "none", why };
	return d;
}

static bool valid_reason(const char *r)
{
	size_t n;
	if (!r)
		return false;
	n = strlen(r);
	return str_utf8_valid(r, n) && str_utf8_len(r, n) >= POLICY_BREAK_GLASS_MIN;
}

static struct decision worker_client(const struct principal *p, enum action a,
				     const struct policy_object *o, const char *break_glass)
{
	(void)a;
	if (!o)
		return deny("no_object");
	if (o->county_id != p->county_id)
		return deny("other_organisation");
	if (principal_in_team(p, o->team_id))
		return allow("own_team");
	if (o->on_childs_team)
		return allow("childs_team");
	if (p->role == ROLE_MANAGER && p->area_id && o->area_id == p->area_id)
		return allow("area_manager");
	if (valid_reason(break_glass))
		return allow("break_glass");
	return deny(break_glass ? "break_glass_reason_too_short" : "not_on_team");
}

static struct decision worker(const struct principal *p, enum action a,
			      const struct policy_object *o, const char *break_glass)
{
	if (p->role == ROLE_ADMIN) {
		switch (a) {
		case ACT_ORG_READ:
		case ACT_ORG_ADMIN:
		case ACT_ACCOUNT_ADMIN:
		case ACT_AUDIT_REPORT:
			return allow("admin");
		default:
			return deny("admin_sees_no_client_data");
		}
	}
	switch (a) {
	case ACT_ORG_READ:
		return allow("worker");
	case ACT_CLIENT_READ:
	case ACT_CLIENT_WRITE:
	case ACT_ACCESS_LOG_READ:
		return worker_client(p, a, o, break_glass);
	case ACT_AUDIT_REPORT:
		if (p->role == ROLE_MANAGER || p->role == ROLE_TEAM_LEAD)
			return allow("manager");
		return deny("managers_only");
	default:
		return deny("admin_only");
	}
}

static struct decision partner(const struct principal *p, enum action a,
			       const struct policy_object *o)
{
	(void)p;
	switch (a) {
	case ACT_ORG_READ:
		return allow("authenticated");
	case ACT_CLIENT_READ:
		if (o && o->on_childs_team)
			return allow("childs_team");
		return deny("not_on_childs_team");
	default:
		return deny("not_permitted");
	}
}

static struct decision family(const struct principal *p, enum action a,
			      const struct policy_object *o)
{
	(void)p;
	switch (a) {
	case ACT_ORG_READ:
		return allow("authenticated");
	case ACT_CLIENT_READ:
	case ACT_ACCESS_LOG_READ:
		if (!o)
			return deny("no_object");
		if (o->is_self)
			return allow("self");
		if (o->is_guardian && p->role == ROLE_PARENT) {
			if (o->guardian_blocked)
				return deny("safety_block");
			return allow("guardian");
		}
		return deny("not_own_family");
	default:
		return deny("not_permitted");
	}
}

struct decision policy_decide(const struct principal *p, enum action a,
			      const struct policy_object *obj, const char *break_glass)
{
	if (!p || !p->account_id || a >= ACT__COUNT)
		return DENY_DEFAULT;
	if (role_kind(p->role) != p->kind)
		return DENY_DEFAULT;
	switch (p->kind) {
	case KIND_WORKER:
		return worker(p, a, obj, break_glass);
	case KIND_PARTNER:
		return partner(p, a, obj);
	case KIND_FAMILY:
		return family(p, a, obj);
	default:
		return DENY_DEFAULT;
	}
}
