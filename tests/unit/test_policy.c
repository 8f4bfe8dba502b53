/*
 * test_policy.c - the access policy as a matrix: every role x every client
 * action x every kind of object situation, with the expected decision and
 * the fields that come back, written out here from the audiences of
 * docs/ACCESS.md (not derived from policy.c).  An unexpected allow, or one
 * field too many, fails.  Also: docs/ACCESS.md's tables are the code's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>
#include "core/buf.h"
#include "model/policy.h"

enum obj { OWN_TEAM, OTHER_TEAM, OTHER_ORG, CHILDS_TEAM, AREA, LED_TEAM, GLASS, GLASS_OTHER_ORG,
	   CONSENT, SELF, GUARDIAN, BLOCKED, AUTHORITY, CONSENT_ONLY, OBJ__COUNT };

static const char *const obj_names[OBJ__COUNT] = {
	"own_team", "other_team", "other_org", "on_childs_team", "same_area", "team_led", "glass_grant",
	"glass_other_org", "childs_team_with_consent", "self", "guardian", "blocked_guardian",
	"authority_grant", "consent_not_on_childs_team"
};

/* The principal is in team 1 (area 10); team leads also lead team 3 (area
 * 10); managers lead area 10 and sit in no team. */
static struct policy_object make_obj(enum obj o)
{
	struct policy_object x = { .team_id = 2, .area_id = 20, .county_id = 1 };
	switch (o) {
	case OWN_TEAM: x.team_id = 1; x.area_id = 10; break;
	case OTHER_ORG: x.team_id = 9; x.area_id = 90; x.county_id = 7; break;
	case CHILDS_TEAM: x.on_childs_team = true; break;
	case AREA: x.team_id = 4; x.area_id = 10; break;
	case LED_TEAM: x.team_id = 3; x.area_id = 10; break;
	case GLASS: x.glass_grant = true; break;
	case GLASS_OTHER_ORG: x.glass_grant = true; x.county_id = 7; break;
	case CONSENT: x.on_childs_team = true; x.consent_fields = FIELD_FAMILY | FIELD_NOTIFICATIONS; break;
	case SELF: x.is_self = true; break;
	case GUARDIAN: x.is_guardian = true; break;
	case BLOCKED: x.is_guardian = true; x.guardian_blocked = true; break;
	/* Another authority's live grant (model/consent.h), opening identity. */
	case AUTHORITY: x.authority_grant = true; x.consent_fields = FIELD_IDENTITY; break;
	/* A consent alone lets nobody in: it widens a partner on the child's team. */
	case CONSENT_ONLY: x.consent_fields = FIELD_PLAN; break;
	default: break;
	}
	return x;
}

static struct principal make_principal(enum role r)
{
	struct principal p = { .account_id = 42, .role = r, .kind = role_kind(r), .county_id = 1 };
	if (p.kind == KIND_WORKER && r != ROLE_ADMIN) {
		if (r == ROLE_MANAGER) {
			p.area_id = 10;
		} else {
			p.teams[p.nteams++] = 1;
		}
		if (r == ROLE_TEAM_LEAD) {
			p.teams[p.nteams++] = 3;
			p.lead_teams[p.nlead++] = 3;
		}
	} else if (p.kind == KIND_FAMILY) {
		p.person_id = 7;
	}
	return p;
}

#define ALL FIELD__ALL
#define MINIMUM (FIELD_NAME | FIELD_AGE | FIELD_TEAM | FIELD_CHILDS_TEAM | FIELD_OWN_RECORDS)
#define MANAGER_LIST (FIELD_NAME | FIELD_AGE | FIELD_TEAM | FIELD_CASE | FIELD_CLOCKS)
#define FAMILY_VIEW (FIELD_NAME | FIELD_AGE | FIELD_TEAM | FIELD_CHILDS_TEAM | FIELD_OWN_RECORDS | FIELD_PLAN)

struct want {
	const char *basis;  /* NULL: denied */
	unsigned fields;
};

/* The audiences, written out. */
static struct want expect(enum role r, enum action a, enum obj o)
{
	enum account_kind k = role_kind(r);
	bool read = a == ACT_CLIENT_READ || a == ACT_ACCESS_LOG_READ;
	bool list = a == ACT_CLIENT_LIST;
	bool write = a == ACT_CLIENT_WRITE || a == ACT_RECORD_WRITE;
	struct want no = { NULL, 0 };

	if (r == ROLE_ADMIN)
		return no;  /* no client data at all */
	if (k == KIND_WORKER) {
		if (o == OTHER_ORG || o == GLASS_OTHER_ORG)
			return no;
		if (o == OWN_TEAM && r != ROLE_MANAGER)
			return (struct want){ "own_team", ALL };
		if (o == LED_TEAM && r == ROLE_TEAM_LEAD)
			return (struct want){ "own_team", ALL };
		if (o == CHILDS_TEAM || o == CONSENT)
			return (struct want){ "childs_team", ALL };
		if (o == GLASS)
			return write ? no : (struct want){ "break_glass", ALL };
		/* Managers: lists of their own unit only, never the case. */
		if (list && r == ROLE_MANAGER && (o == AREA || o == OWN_TEAM || o == LED_TEAM))
			return (struct want){ "area_manager", MANAGER_LIST };
		return no;
	}
	if (k == KIND_PARTNER) {
		if (a == ACT_ACCESS_LOG_READ || a == ACT_CLIENT_WRITE)
			return no;
		if (o == CHILDS_TEAM)
			return (struct want){ "childs_team", MINIMUM };
		if (o == CONSENT)
			return (struct want){ "childs_team", MINIMUM | FIELD_FAMILY | FIELD_NOTIFICATIONS };
		/* An authority reads for a while; it records nothing. */
		if (o == AUTHORITY && a != ACT_RECORD_WRITE)
			return (struct want){ "authority_grant", MINIMUM | FIELD_IDENTITY };
		return no;
	}
	/* family */
	if (write || !(read || list))
		return no;
	if (o == SELF)
		return (struct want){ "self", FAMILY_VIEW };
	if (o == GUARDIAN && r == ROLE_PARENT)
		return (struct want){ "guardian", FAMILY_VIEW };
	return no;
}

static void test_client_matrix(void **state)
{
	static const enum action acts[] = { ACT_CLIENT_READ, ACT_CLIENT_LIST, ACT_CLIENT_WRITE, ACT_RECORD_WRITE,
					    ACT_ACCESS_LOG_READ };
	const size_t nacts = sizeof(acts) / sizeof(acts[0]);
	int checked = 0, bad = 0;
	(void)state;

	for (int r = 0; r < ROLE__COUNT; r++) {
		struct principal p = make_principal((enum role)r);
		for (size_t ai = 0; ai < nacts; ai++) {
			for (int o = 0; o < OBJ__COUNT; o++) {
				struct policy_object obj = make_obj((enum obj)o);
				struct decision d = policy_decide(&p, acts[ai], &obj);
				struct want w = expect((enum role)r, acts[ai], (enum obj)o);
				/* A partner may record on the child's team: own records only. */
				if (acts[ai] == ACT_RECORD_WRITE && role_kind((enum role)r) == KIND_PARTNER &&
				    (o == CHILDS_TEAM || o == CONSENT))
					w = (struct want){ "childs_team", d.fields };
				if ((w.basis != NULL) != d.allow || (w.basis && strcmp(w.basis, d.basis)) ||
				    (w.basis && w.fields != d.fields) || (!d.allow && d.fields)) {
					print_error("role %s action %s object %s: got %s/%s fields %#x, want %s fields %#x\n",
						    role_name((enum role)r), action_name(acts[ai]), obj_names[o],
						    d.allow ? "allow" : "deny", d.basis, d.fields,
						    w.basis ? w.basis : "deny", w.fields);
					bad++;
				}
				checked++;
			}
		}
	}
	assert_int_equal(bad, 0);
	assert_int_equal(checked, ROLE__COUNT * (int)nacts * OBJ__COUNT);
}

static void test_partner_minimum(void **state)
{
	struct principal p = make_principal(ROLE_PARTNER);
	struct policy_object o = make_obj(CHILDS_TEAM);
	struct decision d = policy_decide(&p, ACT_CLIENT_READ, &o);
	(void)state;

	/* The list: no identity code, notifications, journal or parents. */
	assert_true(d.allow);
	assert_int_equal(d.audience, AUD_PARTNER);
	assert_false(d.fields & FIELD_IDENTITY);
	assert_false(d.fields & FIELD_NOTIFICATIONS);
	assert_false(d.fields & FIELD_JOURNAL);
	assert_false(d.fields & FIELD_FAMILY);
	assert_false(d.fields & FIELD_CASE);
	assert_true(d.fields & FIELD_NAME);
	assert_true(d.fields & FIELD_OWN_RECORDS);
	/* A partner never changes the case, only adds own records. */
	assert_false(policy_decide(&p, ACT_CLIENT_WRITE, &o).allow);
	assert_true(policy_decide(&p, ACT_RECORD_WRITE, &o).allow);
}

static void test_break_glass(void **state)
{
	struct principal p = make_principal(ROLE_SOCIAL_WORKER);
	struct policy_object other = make_obj(OTHER_TEAM), own = make_obj(OWN_TEAM), org = make_obj(OTHER_ORG);
	struct decision d;
	(void)state;

	/* Who may open a grant: a worker with client access, outside the team. */
	assert_true(policy_decide(&p, ACT_BREAK_GLASS, &other).allow);
	d = policy_decide(&p, ACT_BREAK_GLASS, &own);
	assert_false(d.allow);
	assert_string_equal(d.why, "on_team_already");
	assert_false(policy_decide(&p, ACT_BREAK_GLASS, &org).allow);
	for (enum role r = ROLE_ADMIN; r < ROLE__COUNT; r++) {
		struct principal q = make_principal(r);
		assert_false(policy_decide(&q, ACT_BREAK_GLASS, &other).allow);
	}
	/* A worker whose team memberships are not approved holds no client
	 * access, and may not break the glass either (no self-granting). */
	p.nteams = 0;
	d = policy_decide(&p, ACT_BREAK_GLASS, &other);
	assert_false(d.allow);
	assert_string_equal(d.why, "access_not_approved");
	other.glass_grant = true;
	assert_false(policy_decide(&p, ACT_CLIENT_READ, &other).allow);
	/* The grant is read-only. */
	p = make_principal(ROLE_SOCIAL_WORKER);
	d = policy_decide(&p, ACT_CLIENT_WRITE, &other);
	assert_false(d.allow);
	assert_string_equal(d.why, "break_glass_read_only");
	d = policy_decide(&p, ACT_CLIENT_READ, &other);
	assert_true(d.allow);
	assert_int_equal(d.audience, AUD_BREAK_GLASS);
}

static void test_org_actions(void **state)
{
	(void)state;
	for (int r = 0; r < ROLE__COUNT; r++) {
		struct principal p = make_principal((enum role)r);
		bool admin = r == ROLE_ADMIN, worker = role_kind((enum role)r) == KIND_WORKER;
		bool manager = r == ROLE_MANAGER || r == ROLE_TEAM_LEAD;
		assert_int_equal(policy_decide(&p, ACT_ACCOUNT_ADMIN, NULL).allow, admin);
		assert_int_equal(policy_decide(&p, ACT_ORG_ADMIN, NULL).allow, admin);
		/* The administrator cannot search persons. */
		assert_int_equal(policy_decide(&p, ACT_CLIENT_SEARCH, NULL).allow,
				 !admin && role_kind((enum role)r) != KIND_FAMILY);
		assert_int_equal(policy_decide(&p, ACT_AUDIT_REPORT, NULL).allow, worker);
		assert_int_equal(policy_decide(&p, ACT_UNIT_REPORT, NULL).allow, admin || manager);
		/* Everyone logged in may read the organisation and contact cards. */
		assert_true(policy_decide(&p, ACT_ORG_READ, NULL).allow);
	}
}

static void test_grant_approval(void **state)
{
	struct principal lead = make_principal(ROLE_TEAM_LEAD), mgr = make_principal(ROLE_MANAGER),
			 sw = make_principal(ROLE_SOCIAL_WORKER), admin = make_principal(ROLE_ADMIN);
	struct policy_object led = make_obj(LED_TEAM), other = make_obj(OTHER_TEAM);
	(void)state;

	assert_true(policy_decide(&lead, ACT_GRANT_APPROVE, &led).allow);
	assert_false(policy_decide(&lead, ACT_GRANT_APPROVE, &other).allow);
	assert_true(policy_decide(&mgr, ACT_GRANT_APPROVE, &led).allow);
	assert_false(policy_decide(&mgr, ACT_GRANT_APPROVE, &other).allow);
	assert_false(policy_decide(&sw, ACT_GRANT_APPROVE, &led).allow);
	assert_false(policy_decide(&admin, ACT_GRANT_APPROVE, &led).allow);
	/* Nobody approves their own grant. */
	led.is_self = true;
	assert_string_equal(policy_decide(&lead, ACT_GRANT_APPROVE, &led).why, "own_grant");
}

static void test_deny_by_default(void **state)
{
	struct principal p = make_principal(ROLE_SOCIAL_WORKER);
	struct policy_object own = make_obj(OWN_TEAM);
	(void)state;

	assert_false(policy_decide(NULL, ACT_ORG_READ, NULL).allow);
	p.account_id = 0;
	assert_false(policy_decide(&p, ACT_ORG_READ, NULL).allow);
	p = make_principal(ROLE_SOCIAL_WORKER);
	assert_false(policy_decide(&p, ACT__COUNT, &own).allow);
	assert_false(policy_decide(&p, ACT_CLIENT_READ, NULL).allow);
	/* A kind that does not match the role is refused (corrupt row). */
	p.kind = KIND_FAMILY;
	assert_false(policy_decide(&p, ACT_ORG_READ, NULL).allow);
}

/* docs/ACCESS.md holds the tables between its markers exactly as the code
 * makes them (`majakka access-table` prints them). */
static void test_access_md(void **state)
{
	static const char begin[] = "<!-- access-table:begin -->\n", end[] = "<!-- access-table:end -->";
	FILE *f = fopen("docs/ACCESS.md", "r");
	char *doc = calloc(1, 1 << 20), *a, *b;
	struct buf want;
	size_t n;
	(void)state;

	assert_non_null(f);
	n = fread(doc, 1, (1 << 20) - 1, f);
	fclose(f);
	doc[n] = '\0';
	a = strstr(doc, begin);
	assert_non_null(a);
	a += strlen(begin);
	b = strstr(a, end);
	assert_non_null(b);
	*b = '\0';
	buf_init(&want, 1 << 16);
	assert_int_equal(policy_table_markdown(&want), ERR_OK);
	if (strcmp(a, buf_str(&want))) {
		print_error("docs/ACCESS.md differs from the code; `build/majakka access-table` prints the"
			    " tables to put between the markers:\n%s\n", buf_str(&want));
		fail();
	}
	free(doc);
	buf_release(&want);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_client_matrix),
		cmocka_unit_test(test_partner_minimum),
		cmocka_unit_test(test_break_glass),
		cmocka_unit_test(test_org_actions),
		cmocka_unit_test(test_grant_approval),
		cmocka_unit_test(test_deny_by_default),
		cmocka_unit_test(test_access_md),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
