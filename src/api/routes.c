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

	/* pages */
	{ "GET", "/", page_home, PERM_LOGGED_IN, 0, NULL },
	{ "GET", "/login", page_login, PERM_LOGGED_IN, ROUTE_PUBLIC, NULL },
	{ "POST", "/login", page_login_post, PERM_LOGGED_IN, ROUTE_PUBLIC | ROUTE_NO_CSRF, NULL },
	{ "POST", "/logout", page_logout, PERM_LOGGED_IN, 0, NULL },
	{ "POST", "/lang", page_lang, PERM_LOGGED_IN, ROUTE_PUBLIC | ROUTE_NO_CSRF, NULL },
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
