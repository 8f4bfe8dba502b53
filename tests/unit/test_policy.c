/*
 * test_policy.c - the access policy as a matrix: every role x every action x
 * an object of the own team, another team of the same organisation, another
 * organisation, with the expected decision.  An unexpected allow fails.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "model/policy.h"

enum obj { OWN_TEAM, OTHER_TEAM, OTHER_ORG, CHILDS_TEAM, AREA, SELF, GUARDIAN, BLOCKED, OBJ__COUNT };

static const char *const obj_names[OBJ__COUNT] = {
	"own_team", "other_team", "other_org", "on_childs_team", "same_area", "self", "guardian", "blocked_guardian"
};

static struct policy_object make_obj(enum obj o)
{
	struct policy_object x = { .team_id = 2, .area_id = 20, .county_id = 1 };
	switch (o) {
	case OWN_TEAM: x.team_id = 1; x.area_id = 10; break;
	case OTHER_TEAM: x.team_id = 2; x.area_id = 20; break;
	case OTHER_ORG: x.team_id = 9; x.area_id = 90; x.county_id = 7; break;
	case CHILDS_TEAM: x.on_childs_team = true; break;
	case AREA: x.area_id = 10; break;
	case SELF: x.is_self = true; break;
	case GUARDIAN: x.is_guardian = true; break;
	case BLOCKED: x.is_guardian = true; x.guardian_blocked = true; break;
	default: break;
	}
	return x;
}

static struct principal make_principal(enum role r)
{
	struct principal p = { .account_id = 42, .role = r, .kind = role_kind(r), .county_id = 1 };
	if (p.kind == KIND_WORKER) {
		p.teams[0] = 1;
		p.nteams = 1;
		if (r == ROLE_MANAGER || r == ROLE_TEAM_LEAD)
			p.area_id = 10;
		if (r == ROLE_MANAGER)
			p.nteams = 0;
	} else {
		p.county_id = r == ROLE_PARTNER ? 0 : 1;
	}
	return p;
}

/* Expected basis or NULL for deny, for client actions without break-glass. */
static const char *expect_client(enum role r, enum action a, enum obj o)
{
	enum account_kind k = role_kind(r);
	bool write = a == ACT_CLIENT_WRITE;

	if (r == ROLE_ADMIN)
		return NULL;
	if (k == KIND_WORKER) {
		if (o == OTHER_ORG)
			return NULL;
		if (o == OWN_TEAM)
			return r == ROLE_MANAGER ? "area_manager" : "own_team";
		if (o == CHILDS_TEAM)
			return "childs_team";
		if (o == AREA && r == ROLE_MANAGER)
			return "area_manager";
		return NULL;
	}
	if (k == KIND_PARTNER)
		return (!write && a == ACT_CLIENT_READ && o == CHILDS_TEAM) ? "childs_team" : NULL;
	/* family */
	if (write)
		return NULL;
	if (o == SELF)
		return "self";
	if (o == GUARDIAN && r == ROLE_PARENT)
		return "guardian";
	return NULL;
}

static void test_client_matrix(void **state)
{
	enum action acts[] = { ACT_CLIENT_READ, ACT_CLIENT_WRITE, ACT_ACCESS_LOG_READ };
	int checked = 0;
	(void)state;

	for (int r = 0; r < ROLE__COUNT; r++) {
		struct principal p = make_principal((enum role)r);
		for (size_t ai = 0; ai < 3; ai++) {
			for (int o = 0; o < OBJ__COUNT; o++) {
				struct policy_object obj = make_obj((enum obj)o);
				struct decision d = policy_decide(&p, acts[ai], &obj, NULL);
				const char *want = expect_client((enum role)r, acts[ai], (enum obj)o);
				if (acts[ai] == ACT_ACCESS_LOG_READ && role_kind((enum role)r) == KIND_PARTNER)
					want = NULL;
				if ((want != NULL) != d.allow || (want && strcmp(want, d.basis))) {
					print_error("role %s action %s object %s: got %s/%s want %s\n",
						    role_name((enum role)r), action_name(acts[ai]), obj_names[o],
						    d.allow ? "allow" : "deny", d.basis, want ? want : "deny");
					fail();
				}
				checked++;
			}
		}
	}
	assert_int_equal(checked, ROLE__COUNT * 3 * OBJ__COUNT);
}

static void test_admin_actions(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE__COUNT; r++) {
		struct principal p = make_principal((enum role)r);
		bool admin = r == ROLE_ADMIN;
		assert_int_equal(policy_decide(&p, ACT_ACCOUNT_ADMIN, NULL, NULL).allow, admin);
		assert_int_equal(policy_decide(&p, ACT_ORG_ADMIN, NULL, NULL).allow, admin);
		/* Everyone logged in may read the organisation and contact cards. */
		assert_true(policy_decide(&p, ACT_ORG_READ, NULL, NULL).allow);
	}
}

static void test_break_glass(void **state)
{
	struct principal p = make_principal(ROLE_SOCIAL_WORKER);
	struct policy_object other = make_obj(OTHER_TEAM), org = make_obj(OTHER_ORG);
	struct decision d;
	(void)state;

	d = policy_decide(&p, ACT_CLIENT_READ, &other, "short");
	assert_false(d.allow);
	assert_string_equal(d.why, "break_glass_reason_too_short");
	d = policy_decide(&p, ACT_CLIENT_READ, &other, "Päivystys: lapsi tuotu poliisin kanssa");
	assert_true(d.allow);
	assert_string_equal(d.basis, "break_glass");
	/* Never across organisations, never for admins, partners or families. */
	assert_false(policy_decide(&p, ACT_CLIENT_READ, &org, "Päivystys: lapsi tuotu poliisin kanssa").allow);
	for (enum role r = ROLE_ADMIN; r < ROLE__COUNT; r++) {
		struct principal q = make_principal(r);
		assert_false(policy_decide(&q, ACT_CLIENT_READ, &other, "Päivystys: lapsi tuotu poliisin kanssa").allow);
	}
}

static void test_deny_by_default(void **state)
{
	struct principal p = make_principal(ROLE_SOCIAL_WORKER);
	struct policy_object own = make_obj(OWN_TEAM);
	(void)state;

	assert_false(policy_decide(NULL, ACT_ORG_READ, NULL, NULL).allow);
	p.account_id = 0;
	assert_false(policy_decide(&p, ACT_ORG_READ, NULL, NULL).allow);
	p = make_principal(ROLE_SOCIAL_WORKER);
	assert_false(policy_decide(&p, ACT__COUNT, &own, NULL).allow);
	assert_false(policy_decide(&p, ACT_CLIENT_READ, NULL, NULL).allow);
	/* A kind that does not match the role is refused (corrupt row). */
	p.kind = KIND_FAMILY;
	assert_false(policy_decide(&p, ACT_ORG_READ, NULL, NULL).allow);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_client_matrix),
		cmocka_unit_test(test_admin_actions),
		cmocka_unit_test(test_break_glass),
		cmocka_unit_test(test_deny_by_default),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
