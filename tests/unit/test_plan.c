/*
 * test_plan.c - the access rules the joint client plan and the family
 * portal add to the policy: a partner reads the plan only as a participant,
 * the family reads it and writes only its own, workers never through the
 * family's action.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "model/policy.h"

static struct principal who(enum role r)
{
	struct principal p = { .account_id = 5, .role = r, .kind = role_kind(r), .county_id = 1 };
	if (p.kind == KIND_FAMILY)
		p.person_id = 9;
	if (p.kind == KIND_WORKER)
		p.teams[p.nteams++] = 1;
	return p;
}

static void test_partner_participant(void **state)
{
	(void)state;
	struct principal p = who(ROLE_PARTNER);
	struct policy_object o = { 1, 1, 1, .on_childs_team = true };
	struct decision d = policy_decide(&p, ACT_CLIENT_READ, &o);
	assert_true(d.allow);
	assert_false(d.fields & FIELD_PLAN);
	o.plan_participant = true;
	d = policy_decide(&p, ACT_CLIENT_READ, &o);
	assert_true(d.fields & FIELD_PLAN);
	assert_false(d.fields & FIELD_JOURNAL);
	/* Taking part in a plan opens nothing to a partner off the child's team. */
	o.on_childs_team = false;
	assert_false(policy_decide(&p, ACT_CLIENT_READ, &o).allow);
	/* ... and never the family's own writes. */
	o.on_childs_team = true;
	assert_false(policy_decide(&p, ACT_FAMILY_WRITE, &o).allow);
}

static void test_family(void **state)
{
	(void)state;
	struct principal child = who(ROLE_CHILD), parent = who(ROLE_PARENT);
	struct policy_object self = { 1, 1, 1, .is_self = true };
	struct policy_object guard = { 1, 1, 1, .is_guardian = true };
	struct policy_object blocked = { 1, 1, 1, .is_guardian = true, .guardian_blocked = true };
	struct policy_object other = { 1, 1, 1 };
	struct decision d;

	d = policy_decide(&child, ACT_CLIENT_READ, &self);
	assert_true(d.allow);
	assert_true(d.fields & FIELD_PLAN);
	assert_false(d.fields & FIELD_JOURNAL);
	assert_true(policy_decide(&child, ACT_FAMILY_WRITE, &self).allow);
	assert_true(policy_decide(&parent, ACT_FAMILY_WRITE, &guard).allow);
	d = policy_decide(&parent, ACT_FAMILY_WRITE, &blocked);
	assert_false(d.allow);
	assert_string_equal(d.why, "safety_block");
	d = policy_decide(&parent, ACT_FAMILY_WRITE, &other);
	assert_false(d.allow);
	assert_string_equal(d.why, "not_own_family");
	/* A child is no guardian of a sibling. */
	assert_false(policy_decide(&child, ACT_FAMILY_WRITE, &guard).allow);
	/* The family never writes the case itself. */
	assert_false(policy_decide(&parent, ACT_CLIENT_WRITE, &guard).allow);
	assert_false(policy_decide(&parent, ACT_RECORD_WRITE, &guard).allow);
	/* The portal itself (no object): family accounts only. */
	assert_true(policy_decide(&parent, ACT_FAMILY_WRITE, NULL).allow);
}

static void test_workers(void **state)
{
	(void)state;
	struct principal w = who(ROLE_SOCIAL_WORKER), admin = who(ROLE_ADMIN);
	struct policy_object own = { 1, 1, 1 };
	struct decision d = policy_decide(&w, ACT_FAMILY_WRITE, &own);
	assert_false(d.allow);
	assert_string_equal(d.why, "family_only");
	assert_false(policy_decide(&w, ACT_FAMILY_WRITE, NULL).allow);
	assert_false(policy_decide(&admin, ACT_FAMILY_WRITE, NULL).allow);
	assert_true(policy_decide(&w, ACT_CLIENT_READ, &own).fields & FIELD_PLAN);
	assert_string_equal(action_name(ACT_FAMILY_WRITE), "family_write");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_partner_participant),
		cmocka_unit_test(test_family),
		cmocka_unit_test(test_workers),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
