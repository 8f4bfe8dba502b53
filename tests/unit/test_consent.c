/*
 * test_consent.c - what consents and authority grants open, as the fact
 * cache decides it (model/factcache.c): a consent counts for its
 * organisation's partners between its days, a grant for its account or
 * organisation until its moment; workers and family members get nothing
 * from them; the field groups a consent may name.  With policy_decide: a
 * blocked guardian is refused, a partner widens exactly by what is open.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "core/str.h"
#include "model/consent.h"
#include "model/factcache.h"
#include "model/policy.h"

static struct case_facts facts(void)
{
	struct case_facts f;
	memset(&f, 0, sizeof(f));
	f.child_id = 5;
	f.case_id = 6;
	f.team_id = 2;
	f.area_id = 20;
	f.county_id = 1;
	f.nconsent = 1;
	str_lcpy(f.consent[0].organisation, "Keskuskoulu", sizeof(f.consent[0].organisation));
	f.consent[0].fields = FIELD_PLAN;
	str_lcpy(f.consent[0].from, "2026-01-01", sizeof(f.consent[0].from));
	str_lcpy(f.consent[0].to, "2026-06-30", sizeof(f.consent[0].to));
	f.ngrant = 1;
	f.grant[0].account_id = 42;
	f.grant[0].fields = FIELD_IDENTITY;
	str_lcpy(f.grant[0].expires_at, "2026-03-01T12:00:00Z", sizeof(f.grant[0].expires_at));
	return f;
}

static struct principal partner(int64_t id, const char *org)
{
	struct principal p = { .account_id = id, .role = ROLE_PARTNER, .kind = KIND_PARTNER, .county_id = 1 };
	str_lcpy(p.organisation, org, sizeof(p.organisation));
	return p;
}

static void test_consent_days(void **state)
{
	struct case_facts f = facts();
	struct principal p = partner(7, "Keskuskoulu");
	struct policy_object o;
	(void)state;

	factcache_policy_object(&f, &p, "2025-12-31", "2025-12-31T10:00:00Z", &o);
	assert_int_equal(o.consent_fields, 0);
	factcache_policy_object(&f, &p, "2026-01-01", "2026-01-01T10:00:00Z", &o);
	assert_int_equal(o.consent_fields, FIELD_PLAN);
	assert_false(o.authority_grant);
	factcache_policy_object(&f, &p, "2026-06-30", "2026-06-30T23:00:00Z", &o);
	assert_int_equal(o.consent_fields, FIELD_PLAN);
	factcache_policy_object(&f, &p, "2026-07-01", "2026-07-01T00:00:00Z", &o);
	assert_int_equal(o.consent_fields, 0);
	/* Another organisation's partner, a worker, a family member: nothing. */
	p = partner(7, "Keskuskoulu 2");
	factcache_policy_object(&f, &p, "2026-02-01", "2026-02-01T10:00:00Z", &o);
	assert_int_equal(o.consent_fields, 0);
	p = partner(7, "");
	factcache_policy_object(&f, &p, "2026-02-01", "2026-02-01T10:00:00Z", &o);
	assert_int_equal(o.consent_fields, 0);
	p.kind = KIND_WORKER;
	p.role = ROLE_SOCIAL_WORKER;
	str_lcpy(p.organisation, "Keskuskoulu", sizeof(p.organisation));
	factcache_policy_object(&f, &p, "2026-02-01", "2026-02-01T10:00:00Z", &o);
	assert_int_equal(o.consent_fields, 0);
}

static void test_grant_expires(void **state)
{
	struct case_facts f = facts();
	struct principal p = partner(42, "Poliisi");
	struct policy_object o;
	struct decision d;
	(void)state;

	factcache_policy_object(&f, &p, "2026-03-01", "2026-03-01T11:59:59Z", &o);
	assert_true(o.authority_grant);
	assert_int_equal(o.consent_fields, FIELD_IDENTITY);
	d = policy_decide(&p, ACT_CLIENT_READ, &o);
	assert_true(d.allow);
	assert_string_equal(d.basis, "authority_grant");
	assert_int_equal(d.fields, FIELDS_MINIMUM | FIELD_IDENTITY);
	assert_false(policy_decide(&p, ACT_RECORD_WRITE, &o).allow);
	assert_false(policy_decide(&p, ACT_CLIENT_WRITE, &o).allow);
	/* The moment it expires, from memory, without a new generation. */
	factcache_policy_object(&f, &p, "2026-03-01", "2026-03-01T12:00:00Z", &o);
	assert_false(o.authority_grant);
	assert_false(policy_decide(&p, ACT_CLIENT_READ, &o).allow);
	/* Another account of the same organisation: the grant named an account. */
	p = partner(43, "Poliisi");
	factcache_policy_object(&f, &p, "2026-03-01", "2026-03-01T11:00:00Z", &o);
	assert_false(o.authority_grant);
	/* A grant to the organisation reaches its partner accounts. */
	f.grant[0].account_id = 0;
	str_lcpy(f.grant[0].organisation, "Poliisi", sizeof(f.grant[0].organisation));
	factcache_policy_object(&f, &p, "2026-03-01", "2026-03-01T11:00:00Z", &o);
	assert_true(o.authority_grant);
}

static void test_block_and_fields(void **state)
{
	struct principal parent = { .account_id = 9, .role = ROLE_PARENT, .kind = KIND_FAMILY, .person_id = 3 };
	struct policy_object o = { .team_id = 2, .area_id = 20, .county_id = 1, .is_guardian = true };
	(void)state;

	assert_true(policy_decide(&parent, ACT_CLIENT_READ, &o).allow);
	o.guardian_blocked = true;
	for (int a = 0; a < ACT__COUNT; a++)
		assert_false(policy_decide(&parent, (enum action)a, &o).allow && a != ACT_ORG_READ);
	assert_string_equal(policy_decide(&parent, ACT_CLIENT_READ, &o).why, "safety_block");
	/* A consent never opens the consents, the minimum or own records. */
	assert_int_equal(consent_field_bit("plan"), FIELD_PLAN);
	assert_int_equal(consent_field_bit("identity"), FIELD_IDENTITY);
	assert_int_equal(consent_field_bit("consents"), 0);
	assert_int_equal(consent_field_bit("name"), 0);
	assert_int_equal(consent_field_bit("own_records"), 0);
	assert_int_equal(consent_field_bit(NULL), 0);
	for (int i = 0; consent_field_names[i]; i++)
		assert_true(consent_field_bit(consent_field_names[i]) & CONSENT_FIELDS_OPENABLE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_consent_days),
		cmocka_unit_test(test_grant_expires),
		cmocka_unit_test(test_block_and_fields),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
