/*
 * routes.c - the route table (see routes.h).  Order matters only where two
 * patterns could match the same path; literal routes come first.
 */
#include "api/handlers.h"
#include "api/routes.h"

const struct route routes[] = {
	/* API: session and identity */
	{ "GET", "/api/v1/health", api_health, PERM_LOGGED_IN, ROUTE_PUBLIC, "Liveness and storage check" },
	{ "GET", "/api/v1/openapi.json", api_openapi, PERM_LOGGED_IN, ROUTE_PUBLIC, "This API's OpenAPI 3.1 document" },
	{ "POST", "/api/v1/session", api_session_create, PERM_LOGGED_IN, ROUTE_PUBLIC | ROUTE_NO_CSRF, "Log in" },
	{ "DELETE", "/api/v1/session", api_session_delete, PERM_LOGGED_IN, 0, "Log out" },
	{ "GET", "/api/v1/me", api_me, PERM_LOGGED_IN, 0, "Who is logged in" },

	/* API: organisation */
	{ "GET", "/api/v1/org", org_view, ACT_ORG_READ, 0, "The organisation, its areas and teams" },
	{ "GET", "/api/v1/teams", team_list, ACT_ORG_READ, 0, "Teams with contact cards" },
	{ "POST", "/api/v1/teams", team_create, ACT_ORG_ADMIN, 0, "Create a team" },
	{ "GET", "/api/v1/teams/{id}", team_view, ACT_ORG_READ, 0, "A team, its contact card and members" },
	{ "PATCH", "/api/v1/teams/{id}", team_update, ACT_ORG_ADMIN, 0, "Change a team and its contact card" },

	/* API: accounts */
	{ "GET", "/api/v1/accounts", account_list_view, ACT_ACCOUNT_ADMIN, 0, "All accounts" },
	{ "POST", "/api/v1/accounts", account_create_api, ACT_ACCOUNT_ADMIN, 0, "Create an account" },
	{ "GET", "/api/v1/accounts/{id}", account_view, ACT_ACCOUNT_ADMIN, 0, "One account" },
	{ "PATCH", "/api/v1/accounts/{id}", account_update_api, ACT_ACCOUNT_ADMIN, 0, "Change an account" },
	{ "POST", "/api/v1/accounts/{id}/teams", account_team_add_api, ACT_ACCOUNT_ADMIN, 0, "Add an account to a team" },
	{ "DELETE", "/api/v1/accounts/{id}/teams/{team_id}", account_team_remove_api, ACT_ACCOUNT_ADMIN, 0, "Remove an account from a team" },

	/* API: access grants (the model decides each: ACT_GRANT_APPROVE on the grant) */
	{ "GET", "/api/v1/grants", grant_list_api, PERM_LOGGED_IN, 0, "Requests for client access I may decide" },
	{ "POST", "/api/v1/grants/{id}/approve", grant_approve, PERM_LOGGED_IN, 0, "Approve a request for client access" },
	{ "POST", "/api/v1/grants/{id}/reject", grant_reject, PERM_LOGGED_IN, 0, "Reject a request for client access" },

	/* API: children, persons, notifications, work */
	{ "GET", "/api/v1/my-work", my_work, PERM_LOGGED_IN, 0, "My children and the legal clocks due" },
	{ "GET", "/api/v1/children", children_list, PERM_LOGGED_IN, 0, "Children the logged-in user may see" },
	{ "GET", "/api/v1/children/{id}", child_view, PERM_LOGGED_IN, 0, "The child page" },
	{ "POST", "/api/v1/children/{id}/break-glass", child_break_glass, PERM_LOGGED_IN, 0, "Break the glass: read this child's case for a stated reason" },
	{ "POST", "/api/v1/children/{id}/phase", child_phase, PERM_LOGGED_IN, 0, "Change the case phase" },
	{ "POST", "/api/v1/children/{id}/team", child_member_add, PERM_LOGGED_IN, 0, "Add a member to the child's team" },
	{ "POST", "/api/v1/children/{id}/team/{member_id}/end", child_member_end, PERM_LOGGED_IN, 0, "End a membership" },
	{ "POST", "/api/v1/children/{id}/journal", child_journal_save, PERM_LOGGED_IN, 0, "Add a journal entry" },
	{ "POST", "/api/v1/children/{id}/journal/{entry_id}", child_journal_save, PERM_LOGGED_IN, 0, "Correct a journal entry" },
	{ "POST", "/api/v1/children/{id}/notifications", notification_create_api, PERM_LOGGED_IN, 0, "Record a notification" },
	{ "POST", "/api/v1/notifications", notification_create_api, PERM_LOGGED_IN, 0, "Record a notification" },
	{ "POST", "/api/v1/notifications/{id}/urgency", notification_urgency, PERM_LOGGED_IN, 0, "Record the urgency assessment" },
	{ "POST", "/api/v1/notifications/{id}/decision", notification_decision, PERM_LOGGED_IN, 0, "Decide on a service-need assessment" },
	{ "POST", "/api/v1/notifications/{id}/assessment", notification_assessment, PERM_LOGGED_IN, 0, "Complete the assessment" },
	{ "GET", "/api/v1/persons", person_search_view, ACT_CLIENT_SEARCH, 0, "Search persons by name or identity code" },
	{ "POST", "/api/v1/persons", person_create_api, PERM_LOGGED_IN, 0, "Register a person" },
	{ "GET", "/api/v1/persons/{id}/access-log", person_access_log, PERM_LOGGED_IN, 0, "Who has accessed this person's data" },
	{ "POST", "/api/v1/contacts", contact_create_api, PERM_LOGGED_IN, 0, "Record a client contact" },
	{ "GET", "/api/v1/teams/{id}/caseload", team_caseload, ACT_ORG_READ, 0, "A team's children, caseloads and response times" },
	{ "GET", "/api/v1/reports/caseload", caseload_over_cap, ACT_UNIT_REPORT, 0, "Workers over the caseload cap" },
	{ "GET", "/api/v1/reports/break-glass", break_glass_report, ACT_AUDIT_REPORT, 0, "Break-the-glass accesses" },

	/* pages */
	{ "GET", "/", my_work, PERM_LOGGED_IN, 0, NULL },
	{ "GET", "/children/new", page_intake, PERM_LOGGED_IN, 0, NULL },
	{ "POST", "/children/new", page_intake_post, PERM_LOGGED_IN, 0, NULL },
	{ "GET", "/children/{id}", child_view, PERM_LOGGED_IN, 0, NULL },
	{ "POST", "/children/{id}/break-glass", child_break_glass, PERM_LOGGED_IN, 0, NULL },
	{ "POST", "/children/{id}/phase", child_phase, PERM_LOGGED_IN, 0, NULL },
	{ "POST", "/children/{id}/team", child_member_add, PERM_LOGGED_IN, 0, NULL },
	{ "POST", "/children/{id}/team/{member_id}/end", child_member_end, PERM_LOGGED_IN, 0, NULL },
	{ "GET", "/children/{id}/team/{member_id}/end", page_member_end, PERM_LOGGED_IN, 0, NULL },
	{ "POST", "/children/{id}/journal", child_journal_save, PERM_LOGGED_IN, 0, NULL },
	{ "POST", "/children/{id}/journal/{entry_id}", child_journal_save, PERM_LOGGED_IN, 0, NULL },
	{ "POST", "/children/{id}/notifications", notification_create_api, PERM_LOGGED_IN, 0, NULL },
	{ "POST", "/notifications/{id}/urgency", notification_urgency, PERM_LOGGED_IN, 0, NULL },
	{ "POST", "/notifications/{id}/decision", notification_decision, PERM_LOGGED_IN, 0, NULL },
	{ "POST", "/notifications/{id}/assessment", notification_assessment, PERM_LOGGED_IN, 0, NULL },
	{ "GET", "/search", person_search_view, ACT_CLIENT_SEARCH, 0, NULL },
	{ "GET", "/persons/{id}/access-log", person_access_log, PERM_LOGGED_IN, 0, NULL },
	{ "POST", "/grants/{id}/approve", grant_approve, PERM_LOGGED_IN, 0, NULL },
	{ "POST", "/grants/{id}/reject", grant_reject, PERM_LOGGED_IN, 0, NULL },
	{ "GET", "/reports/caseload", caseload_over_cap, ACT_UNIT_REPORT, 0, NULL },
	{ "GET", "/reports/break-glass", break_glass_report, ACT_AUDIT_REPORT, 0, NULL },
	{ "GET", "/login", page_login, PERM_LOGGED_IN, ROUTE_PUBLIC, NULL },
	{ "POST", "/login", page_login_post, PERM_LOGGED_IN, ROUTE_PUBLIC, NULL },
	{ "POST", "/logout", page_logout, PERM_LOGGED_IN, 0, NULL },
	{ "POST", "/lang", page_lang, PERM_LOGGED_IN, ROUTE_PUBLIC, NULL },
	{ "GET", "/org", org_view, ACT_ORG_READ, 0, NULL },
	{ "GET", "/teams/{id}", team_view, ACT_ORG_READ, 0, NULL },
	{ "GET", "/admin/teams/{id}/edit", page_team_edit, ACT_ORG_ADMIN, 0, NULL },
	{ "POST", "/admin/teams/{id}/edit", page_team_edit_post, ACT_ORG_ADMIN, 0, NULL },
	{ "GET", "/admin/accounts", account_list_view, ACT_ACCOUNT_ADMIN, 0, NULL },
	{ "GET", "/admin/accounts/new", page_account_new, ACT_ACCOUNT_ADMIN, 0, NULL },
	{ "POST", "/admin/accounts", page_account_create, ACT_ACCOUNT_ADMIN, 0, NULL },
	{ "GET", "/admin/accounts/{id}", page_account_edit, ACT_ACCOUNT_ADMIN, 0, NULL },
	{ "POST", "/admin/accounts/{id}", page_account_update, ACT_ACCOUNT_ADMIN, 0, NULL },
};

const size_t routes_count = sizeof(routes) / sizeof(routes[0]);
