/*
 * test_grant.c - no self-granting, the pure parts: who may decide a request
 * for client access (grant_policy_object fed to policy_decide), how the
 * administrator's edit of an account's teams becomes removals, withdrawals
 * and requests (grant_plan_teams), and a decision's note.  The stored side
 * is tests/e2e/grants.t.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>
#include <cmocka.h>
#include "model/grant.h"

/* Team 1 of area 10 in county 1; team 2 of area 20. */
static struct principal worker(int64_t id, enum role r)
{
	struct principal p = { .account_id = id, .role = r, .kind = role_kind(r), .county_id = 1 };
	return p;
}

static struct principal lead_of(int64_t id, int64_t team)
{
	struct principal p = worker(id, ROLE_TEAM_LEAD);
	p.teams[p.nteams++] = team;
	p.lead_teams[p.nlead++] = team;
	return p;
}

static struct principal manager_of(int64_t id, int64_t area)
{
	struct principal p = worker(id, ROLE_MANAGER);
	p.area_id = area;
	return p;
}

static struct grant_row team_grant(int64_t account, int64_t team, int64_t area, int64_t by)
{
	struct grant_row g;
	memset(&g, 0, sizeof(g));
	g.id = 5;
	g.account_id = account;
	g.team_id = team;
	g.unit_area_id = area;
	g.county_id = 1;
	g.requested_by = by;
	return g;
}

static bool may(const struct principal *p, const struct grant_row *g, const char **why)
{
	struct policy_object o = grant_policy_object(g, p);
	struct decision d = policy_decide(p, ACT_GRANT_APPROVE, &o);
	if (why)
		*why = d.why;
	return d.allow;
}

static void test_who_decides(void **state)
{
	struct principal lead = lead_of(7, 1), other_lead = lead_of(8, 2), mgr = manager_of(9, 10),
			 other_mgr = manager_of(10, 20), sw = worker(11, ROLE_SOCIAL_WORKER),
			 admin = worker(1, ROLE_ADMIN), partner = worker(12, ROLE_PARTNER);
	struct grant_row g = team_grant(40, 1, 10, 1);  /* the administrator (1) asks for 40 in team 1 */
	const char *why;
	(void)state;

	sw.teams[sw.nteams++] = 1;
	partner.county_id = 0;
	assert_true(may(&lead, &g, NULL));
	assert_true(may(&mgr, &g, NULL));
	assert_false(may(&other_lead, &g, &why));
	assert_string_equal(why, "not_responsible_manager");
	assert_false(may(&other_mgr, &g, NULL));
	assert_false(may(&sw, &g, &why));  /* a member of the team, not its lead */
	assert_string_equal(why, "not_responsible_manager");
	assert_false(may(&partner, &g, NULL));
	assert_false(may(&admin, &g, &why));
	assert_string_equal(why, "admin_sees_no_client_data");

	/* The account itself never decides, even as the team's lead. */
	g = team_grant(7, 1, 10, 1);
	assert_false(may(&lead, &g, &why));
	assert_string_equal(why, "own_grant");
	/* Nor does whoever asked for it. */
	g = team_grant(40, 1, 10, 9);
	assert_false(may(&mgr, &g, &why));
	assert_string_equal(why, "own_grant");
	assert_true(may(&lead, &g, NULL));
	/* Another organisation's team. */
	g = team_grant(40, 1, 10, 1);
	g.county_id = 2;
	assert_false(may(&lead, &g, &why));
	assert_string_equal(why, "other_organisation");
}

static void test_area_grant(void **state)
{
	struct principal mgr = manager_of(9, 10), other_mgr = manager_of(10, 20), lead = lead_of(7, 1);
	struct grant_row g = team_grant(41, 0, 10, 1);
	(void)state;

	g.area_id = 10;  /* 41 to lead area 10 */
	assert_true(may(&mgr, &g, NULL));
	assert_false(may(&other_mgr, &g, NULL));
	assert_false(may(&lead, &g, NULL));  /* a team's lead does not decide an area */
	/* A manager without an approved area (area_id 0) decides nothing. */
	mgr.area_id = 0;
	assert_false(may(&mgr, &g, NULL));
	/* The manager asking for their own area. */
	mgr = manager_of(41, 10);
	assert_false(may(&mgr, &g, NULL));
}

static bool holds(const int64_t *v, int n, int64_t x)
{
	for (int i = 0; i < n; i++)
		if (v[i] == x)
			return true;
	return false;
}

static void test_plan(void **state)
{
	const int64_t have[] = { 1, 2 }, open[] = { 3, 4 }, want[] = { 2, 3, 5, 5, 0 };
	struct grant_plan p;
	(void)state;

	grant_plan_teams(have, 2, open, 2, want, 5, &p);
	assert_int_equal(p.nremove, 1);      /* 1 taken away: at once */
	assert_true(holds(p.remove, p.nremove, 1));
	assert_int_equal(p.nwithdraw, 1);    /* 4 no longer wanted */
	assert_true(holds(p.withdraw, p.nwithdraw, 4));
	assert_int_equal(p.nrequest, 1);     /* 5 once; 2 held; 3 asked already; 0 no team */
	assert_true(holds(p.request, p.nrequest, 5));

	/* A new account: every wanted team is a request, nothing else. */
	grant_plan_teams(NULL, 0, NULL, 0, want, 3, &p);
	assert_int_equal(p.nremove + p.nwithdraw, 0);
	assert_int_equal(p.nrequest, 3);
	/* Nothing wanted: every membership ends, every request is withdrawn. */
	grant_plan_teams(have, 2, open, 2, NULL, 0, &p);
	assert_int_equal(p.nremove, 2);
	assert_int_equal(p.nwithdraw, 2);
	assert_int_equal(p.nrequest, 0);
}

static void test_note(void **state)
{
	char out[GRANT_NOTE_CHARS * 4 + 1], big[GRANT_NOTE_CHARS + 2];
	struct field_error fe = { 0 };
	(void)state;

	assert_int_equal(grant_note(NULL, out, sizeof(out), &fe), ERR_OK);
	assert_string_equal(out, "");
	assert_int_equal(grant_note("  Tervetuloa tiimiin \n", out, sizeof(out), &fe), ERR_OK);
	assert_string_equal(out, "Tervetuloa tiimiin");
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	assert_int_equal(grant_note(big, out, sizeof(out), &fe), ERR_INVALID);
	assert_string_equal(fe.field, "note");
	assert_string_equal(fe.reason, "too_long");
	big[GRANT_NOTE_CHARS] = '\0';
	assert_int_equal(grant_note(big, out, sizeof(out), &fe), ERR_OK);
	assert_int_equal(grant_note("a\x01" "b", out, sizeof(out), &fe), ERR_INVALID);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_who_decides),
		cmocka_unit_test(test_area_grant),
		cmocka_unit_test(test_plan),
		cmocka_unit_test(test_note),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
